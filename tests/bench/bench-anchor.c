/* bench-anchor.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring 1,000 annotations of a 10 MB text after an edit near its
 * start, beside a baseline in the same process: a plain strstr() of every
 * quote in the same new text (which finds a position but knows nothing of
 * context, fuzziness or code points).
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "glossa-anchor.h"

#define TEXT_BYTES (10 * 1024 * 1024)
#define N_ANNOTATIONS 1000
#define N_EDITED 100     /* of them, quotes edited by one code point */
#define N_DELETED 20     /* of them, quotes deleted: orphans */

typedef struct
{
  gint64 start;
  gint64 end;
  char  *quote;
  char  *prefix;
  char  *suffix;
} Annotation;

static const char *words[] = {
  "the", "model", "internet", "antidote", "claims", "evidence", "of", "and", "a", "is",
  "attention", "platform", "video", "generation", "era", "critics", "argue", "that",
  "人工智能", "互联网", "时代", "解药", "生成式", "应用", "标志", "临界点", "突破", "视频",
  "的", "是", "在", "和", "将会", "全新", "发展", "改变", "生产力", "内容",
};

static char *
make_text (GRand *rand)
{
  GString *text = g_string_sized_new (TEXT_BYTES + 256);

  while (text->len < TEXT_BYTES)
    {
      guint n = g_rand_int_range (rand, 6, 30);

      for (guint i = 0; i < n; i++)
        {
          const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

          g_string_append (text, w);
          if (w[0] & 0x80)
            continue;
          g_string_append_c (text, ' ');
        }
      g_string_append (text, g_rand_boolean (rand) ? "。" : ". ");
      if (g_rand_int_range (rand, 0, 8) == 0)
        g_string_append (text, "\n\n");
    }

  return g_string_free (text, FALSE);
}

/* CPU time of this process: the machine may be shared, wall time is noisy. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
ms_since (gint64 t0)
{
  return (cpu_now () - t0) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240222);
  g_autofree char *old_text = make_text (rand);
  g_autoptr(GlossaAnchorText) old_decoded = glossa_anchor_text_new (old_text);
  gint64 n = glossa_anchor_text_length (old_decoded);
  g_autofree Annotation *annotations = g_new0 (Annotation, N_ANNOTATIONS);
  g_autoptr(GString) edited = NULL;
  g_autoptr(GlossaAnchorText) new_decoded = NULL;
  guint counts[4] = { 0, };
  guint found_by_strstr = 0;
  const char *insert = "一段插入在开头的新文字。A new paragraph inserted near the start.\n\n";
  gint64 t0;
  double decode_ms, locate_ms, strstr_ms;

  /* Annotations spread over the text, 8 to 60 code points each. */
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      Annotation *a = &annotations[i];

      a->start = (n / N_ANNOTATIONS) * i + g_rand_int_range (rand, 0, 1000);
      a->end = MIN (a->start + g_rand_int_range (rand, 8, 60), n);
      glossa_anchor_text_context (old_decoded, a->start, a->end,
                                  &a->quote, &a->prefix, &a->suffix);
    }

  /* The edit: a paragraph near the start, one code point changed inside
   * some quotes, and a few quotes deleted.  From the end backwards so that
   * byte offsets computed on the old text stay valid. */
  edited = g_string_new (old_text);
  {
    /* Byte offsets of each annotation's start, middle and end, in one walk. */
    g_autofree gsize *bytes = g_new (gsize, 3 * N_ANNOTATIONS);
    const char *p = old_text;
    gint64 cp = 0;

    for (guint i = 0; i < N_ANNOTATIONS; i++)
      {
        gint64 marks[3] = {
          annotations[i].start,
          (annotations[i].start + annotations[i].end) / 2,
          annotations[i].end,
        };

        for (guint j = 0; j < 3; j++)
          {
            while (cp < marks[j])
              {
                p = g_utf8_next_char (p);
                cp++;
              }
            bytes[3 * i + j] = p - old_text;
          }
      }

    for (int i = N_ANNOTATIONS - 1; i >= 0; i--)
      {
        Annotation *a = &annotations[i];
        gsize from = bytes[3 * i], middle = bytes[3 * i + 1], to = bytes[3 * i + 2];

        if (i % (N_ANNOTATIONS / N_DELETED) == 1)
          g_string_erase (edited, from, to - from);
        else if (i % (N_ANNOTATIONS / N_EDITED) == 2 && a->end - a->start >= 20)
          g_string_insert_c (edited, middle, ',');
      }
  }
  g_string_insert (edited, g_utf8_offset_to_pointer (edited->str, 50) - edited->str, insert);
  g_assert (g_utf8_validate (edited->str, -1, NULL));

  t0 = cpu_now ();
  new_decoded = glossa_anchor_text_new (edited->str);
  decode_ms = ms_since (t0);

  t0 = cpu_now ();
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      Annotation *a = &annotations[i];
      gint64 s = 0, e = 0;

      counts[glossa_anchor_locate (new_decoded, a->start, a->end,
                                   a->quote, a->prefix, a->suffix, &s, &e)]++;
    }
  locate_ms = ms_since (t0);

  t0 = cpu_now ();
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    if (strstr (edited->str, annotations[i].quote) != NULL)
      found_by_strstr++;
  strstr_ms = ms_since (t0);

  g_print ("text: %.1f MB, %" G_GINT64_FORMAT " code points; %u annotations\n",
           edited->len / 1048576.0, glossa_anchor_text_length (new_decoded), N_ANNOTATIONS);
  g_print ("(CPU time of this process)\n");
  g_print ("decode new text:             %8.1f ms\n", decode_ms);
  g_print ("re-anchor all (incl. index): %8.1f ms  (exact %u, moved %u, fuzzy %u, orphaned %u)\n",
           locate_ms, counts[GLOSSA_ANCHOR_EXACT], counts[GLOSSA_ANCHOR_MOVED],
           counts[GLOSSA_ANCHOR_FUZZY], counts[GLOSSA_ANCHOR_ORPHANED]);
  g_print ("baseline strstr of each:     %8.1f ms  (found %u)\n", strstr_ms, found_by_strstr);

  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      g_free (annotations[i].quote);
      g_free (annotations[i].prefix);
      g_free (annotations[i].suffix);
    }

  return 0;
}
