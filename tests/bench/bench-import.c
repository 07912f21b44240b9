/* bench-import.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing a 10 MB article, beside the least any importer must do with
 * the same bytes in the same process: read + validate + count code points
 * for UTF-8, read + g_convert for GB18030.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "glossa-import.h"

#define TARGET_SIZE (10 * 1024 * 1024)
#define ROUNDS 3

static const char *zh_sentences[] = {
  "人工智能将更加深度和全面地改变人们的生活，直到它把我们带入到名符其实的人工智能时代。",
  "如果我们对这样一个时代进行总结和定义的话，人工智能时代，无疑是再合适不过的了。",
  "当这样一个临界点被突破，原本处于混沌状态的互联网后时代的发展方向，将会被锚定。",
  "读者𠀀应该学会如何判断信息的真伪，并且对每一个论点都要求证据😀。",
};

static const char *en_sentences[] = {
  "Every wave of technology arrives with a funeral for deep reading.",
  "A summary is a claim about a text, not a reading of it.",
  "Annotation is how a reader argues back, one highlighted sentence at a time.",
  "Good tools make slow reading fast, and make sure that no note is ever lost.",
};

static char *
generate_text (gsize target)
{
  GString *out = g_string_sized_new (target + 4096);
  GRand *rand = g_rand_new_with_seed (2024);
  guint paragraph = 0;

  while (out->len < target)
    {
      gboolean chinese = paragraph % 3 != 2;
      guint n = g_rand_int_range (rand, 2, 8);

      for (guint i = 0; i < n; i++)
        {
          if (chinese)
            g_string_append (out, zh_sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (zh_sentences))]);
          else
            {
              if (i > 0)
                g_string_append_c (out, ' ');
              g_string_append (out, en_sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (en_sentences))]);
            }
        }
      g_string_append (out, "\n\n");
      paragraph++;
    }

  g_rand_free (rand);
  return g_string_free (out, FALSE);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *data,
            gsize       len)
{
  char *path = g_build_filename (dir, name, NULL);
  GError *error = NULL;

  if (!g_file_set_contents (path, data, len, &error))
    g_error ("Failed to write %s: %s", path, error->message);
  return path;
}

static double
best_of (double times[ROUNDS])
{
  double best = times[0];

  for (guint i = 1; i < ROUNDS; i++)
    best = MIN (best, times[i]);
  return best;
}

static double
time_baseline_utf8 (const char *path,
                    gint64     *length)
{
  double times[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      char *contents = NULL;
      gsize len;

      g_file_get_contents (path, &contents, &len, NULL);
      if (!g_utf8_validate (contents, len, NULL))
        g_error ("Generated text is not UTF-8");
      *length = g_utf8_strlen (contents, len);
      g_free (contents);
      times[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  return best_of (times);
}

static double
time_baseline_convert (const char *path)
{
  double times[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      char *contents = NULL;
      char *utf8;
      gsize len;

      g_file_get_contents (path, &contents, &len, NULL);
      utf8 = g_convert (contents, len, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (utf8 == NULL)
        g_error ("Generated text does not convert");
      g_free (utf8);
      g_free (contents);
      times[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  return best_of (times);
}

static double
time_import (const char *path,
             const char *encoding,
             guint      *n_blocks,
             gint64     *length,
             char      **used)
{
  double times[ROUNDS];
  GFile *file = g_file_new_for_path (path);

  for (guint r = 0; r < ROUNDS; r++)
    {
      GError *error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      GlossaExtracted *ex = glossa_import_file (file, encoding, 0, NULL, NULL, &error);

      times[r] = (g_get_monotonic_time () - t0) / 1000.0;
      if (ex == NULL)
        g_error ("Import failed: %s", error->message);
      *n_blocks = ex->blocks->len;
      *length = ex->length;
      g_free (*used);
      *used = g_strdup (ex->encoding);
      glossa_extracted_free (ex);
    }

  g_object_unref (file);
  return best_of (times);
}

int
main (int   argc,
      char *argv[])
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("glossa-bench-import-XXXXXX", &error);
  char *text = generate_text (TARGET_SIZE);
  gsize len = strlen (text);
  char *gb_bytes;
  gsize gb_len = 0;
  char *txt_path, *md_path, *gb_path;
  gint64 base_length = 0, length = 0;
  guint n_blocks = 0;
  char *used = NULL;
  double base, t;

  if (dir == NULL)
    g_error ("%s", error->message);

  txt_path = write_temp (dir, "big.txt", text, len);
  md_path = write_temp (dir, "big.md", text, len);
  gb_bytes = g_convert (text, len, "GB18030", "UTF-8", NULL, &gb_len, &error);
  if (gb_bytes == NULL)
    g_error ("%s", error->message);
  gb_path = write_temp (dir, "big-gb18030.txt", gb_bytes, gb_len);

  g_print ("# best of %d runs\n", ROUNDS);

  base = time_baseline_utf8 (txt_path, &base_length);
  g_print ("UTF-8 text, %.1f MB, %" G_GINT64_FORMAT " code points\n", len / 1048576.0, base_length);
  g_print ("  baseline: read + validate + strlen     %8.1f ms\n", base);
  t = time_import (txt_path, NULL, &n_blocks, &length, &used);
  g_print ("  glossa_import_file (plain text)        %8.1f ms  (%.1fx, %u paragraphs)\n",
           t, t / base, n_blocks);
  if (length != base_length)
    g_error ("Length mismatch: %" G_GINT64_FORMAT " vs %" G_GINT64_FORMAT, length, base_length);
  t = time_import (md_path, NULL, &n_blocks, &length, &used);
  g_print ("  glossa_import_file (same as Markdown)  %8.1f ms  (%.1fx, %u blocks)\n",
           t, t / base, n_blocks);

  base = time_baseline_convert (gb_path);
  g_print ("GB18030 text, %.1f MB\n", gb_len / 1048576.0);
  g_print ("  baseline: read + g_convert             %8.1f ms\n", base);
  t = time_import (gb_path, NULL, &n_blocks, &length, &used);
  g_print ("  glossa_import_file (detected %s)  %8.1f ms  (%.1fx)\n", used, t, t / base);
  if (length != base_length)
    g_error ("Length mismatch after GB18030: %" G_GINT64_FORMAT, length);
  t = time_import (gb_path, "gbk", &n_blocks, &length, &used);
  g_print ("  glossa_import_file (encoding=gbk)      %8.1f ms  (%.1fx)\n", t, t / base);

  g_unlink (txt_path);
  g_unlink (md_path);
  g_unlink (gb_path);
  g_rmdir (dir);
  g_free (txt_path);
  g_free (md_path);
  g_free (gb_path);
  g_free (gb_bytes);
  g_free (text);
  g_free (used);
  g_free (dir);
  return 0;
}
