/* bench-library.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 1M annotations over 10k articles created through the library API inside
 * one glossa_library_begin/commit, beside raw SQLite inserts of the same
 * rows in one transaction (a plain table with the same columns and index,
 * without our triggers, FTS or tags); then one article's 1,000 annotations
 * loaded with glossa_library_list_annotations beside a raw indexed SELECT.
 *
 * GLOSSA_BENCH_SCALE=0.1 shrinks the library for a quick run.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "glossa-library-private.h"

#define ARTICLE_CHARS  1200
#define PER_ARTICLE    100
#define BIG_ARTICLE    1000
#define N_LOADS        41

static const char *words[] = {
  "the", "model", "internet", "antidote", "claims", "evidence", "of", "and", "a", "is",
  "attention", "platform", "video", "generation", "era", "critics", "argue", "that",
  "人工智能", "互联网", "时代", "解药", "生成式", "应用", "标志", "临界点", "突破", "视频",
  "的", "是", "在", "和", "将会", "全新", "发展", "改变", "生产力", "内容",
};

typedef struct {
  gint64 start;
  gint64 end;
} Span;

static char *
make_text (GRand *rand,
           gint64 n_chars)
{
  GString *text = g_string_new (NULL);
  gint64 length = 0;

  while (length < n_chars)
    {
      const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      g_string_append (text, w);
      length += g_utf8_strlen (w, -1);
      if (!(w[0] & 0x80))
        {
          g_string_append_c (text, ' ');
          length++;
        }
      if (g_rand_int_range (rand, 0, 14) == 0)
        {
          g_string_append (text, g_rand_boolean (rand) ? "。\n" : ".\n");
          length += 2;
        }
    }

  return g_string_free (text, FALSE);
}

static Span
random_span (GRand  *rand,
             gint64  length)
{
  Span span;

  span.start = g_rand_int_range (rand, 0, length - 40);
  span.end = span.start + g_rand_int_range (rand, 3, 40);

  return span;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaLibrary) library = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *raw_path = NULL;
  g_autoptr(GArray) article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *scale_env = g_getenv ("GLOSSA_BENCH_SCALE");
  double scale = scale_env != NULL ? g_ascii_strtod (scale_env, NULL) : 1.0;
  guint n_articles = MAX (10, (guint) (10000 * scale));
  guint64 n_total;
  gint64 tag_ids[5];
  gint64 big_id = 0;
  double api_articles, api_annotations, raw_annotations;
  double api_cpu, raw_cpu;
  double loads[N_LOADS], raw_loads[N_LOADS];
  sqlite3 *raw = NULL;
  sqlite3_stmt *insert = NULL;
  sqlite3_stmt *select = NULL;

  dir = g_dir_make_tmp ("glossa-bench-library-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "library.glossa", NULL);
  raw_path = g_build_filename (dir, "raw.sqlite", NULL);

  library = glossa_library_open (path, &error);
  g_assert_no_error (error);
  {
    GListModel *tags = glossa_library_get_tags (library);

    for (guint i = 0; i < 5; i++)
      {
        g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

        tag_ids[i] = glossa_tag_get_id (tag);
      }
  }

  for (guint i = 0; i < n_articles; i++)
    g_ptr_array_add (texts, make_text (rand, ARTICLE_CHARS));

  /* Articles (not the point of the benchmark, but reported). */
  g_timer_start (timer);
  g_assert_true (glossa_library_begin (library, &error));
  for (guint i = 0; i < n_articles; i++)
    {
      g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
      gint64 id;

      extracted->title = g_strdup_printf ("Article %u", i);
      glossa_extracted_set_text (extracted, g_strdup (g_ptr_array_index (texts, i)));
      id = glossa_library_add_article (library, extracted, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_array_append_val (article_ids, id);
    }
  g_assert_true (glossa_library_commit (library, &error));
  api_articles = g_timer_elapsed (timer, NULL);

  /* Annotations through the API: 100 per article, the first article 1,000. */
  g_rand_set_seed (rand, 7);
  api_cpu = cpu_seconds ();
  g_timer_start (timer);
  g_assert_true (glossa_library_begin (library, &error));
  n_total = 0;
  for (guint i = 0; i < n_articles; i++)
    {
      gint64 article_id = g_array_index (article_ids, gint64, i);
      gint64 length = g_utf8_strlen (g_ptr_array_index (texts, i), -1);
      guint n = i == 0 ? BIG_ARTICLE : PER_ARTICLE;

      for (guint j = 0; j < n; j++)
        {
          Span span = random_span (rand, length);
          gint64 tags[2] = { tag_ids[j % 5], tag_ids[(j + 2) % 5] };

          if (glossa_library_add_annotation (library, article_id, span.start, span.end, tags,
                                             1 + j % 2, j % 10 == 0 ? "A note on this." : NULL,
                                             "bench", NULL, &error) == 0)
            g_error ("%s", error->message);
          n_total++;
        }
    }
  g_assert_true (glossa_library_commit (library, &error));
  api_annotations = g_timer_elapsed (timer, NULL);
  api_cpu = cpu_seconds () - api_cpu;
  big_id = g_array_index (article_ids, gint64, 0);

  /* The same rows, raw. */
  g_assert_cmpint (sqlite3_open (raw_path, &raw), ==, SQLITE_OK);
  raw_exec (raw, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                 "CREATE TABLE annotations (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                 " article_id INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,"
                 " quote TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL, note TEXT NOT NULL,"
                 " author TEXT NOT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL,"
                 " orphaned INTEGER NOT NULL DEFAULT 0);"
                 "CREATE INDEX annotations_article ON annotations (article_id, start, end);");
  g_assert_cmpint (sqlite3_prepare_v2 (raw,
                                       "INSERT INTO annotations (uuid, article_id, start, end, quote, prefix,"
                                       " suffix, note, author, created, modified)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       -1, &insert, NULL), ==, SQLITE_OK);
  g_rand_set_seed (rand, 7);
  raw_cpu = cpu_seconds ();
  g_timer_start (timer);
  raw_exec (raw, "BEGIN");
  for (guint i = 0; i < n_articles; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      gint64 length = g_utf8_strlen (text, -1);
      guint n = i == 0 ? BIG_ARTICLE : PER_ARTICLE;

      for (guint j = 0; j < n; j++)
        {
          Span span = random_span (rand, length);
          /* Quote only: the raw side does no context work for us. */
          const char *a = g_utf8_offset_to_pointer (text, span.start);
          const char *b = g_utf8_offset_to_pointer (a, span.end - span.start);
          g_autofree char *uuid = g_uuid_string_random ();

          sqlite3_reset (insert);
          sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (insert, 2, i + 1);
          sqlite3_bind_int64 (insert, 3, span.start);
          sqlite3_bind_int64 (insert, 4, span.end);
          sqlite3_bind_text (insert, 5, a, b - a, SQLITE_STATIC);
          sqlite3_bind_text (insert, 6, "", -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 7, "", -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 8, j % 10 == 0 ? "A note on this." : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 9, "bench", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (insert, 10, g_get_real_time ());
          sqlite3_bind_int64 (insert, 11, g_get_real_time ());
          if (sqlite3_step (insert) != SQLITE_DONE)
            g_error ("%s", sqlite3_errmsg (raw));
        }
    }
  raw_exec (raw, "COMMIT");
  raw_annotations = g_timer_elapsed (timer, NULL);
  raw_cpu = cpu_seconds () - raw_cpu;
  sqlite3_finalize (insert);

  /* Loading one article's 1,000 annotations. */
  g_assert_cmpint (sqlite3_prepare_v2 (raw,
                                       "SELECT id, uuid, article_id, start, end, quote, prefix, suffix,"
                                       " note, author, created, modified, orphaned FROM annotations"
                                       " WHERE article_id = ? ORDER BY start, end, id",
                                       -1, &select, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < N_LOADS; i++)
    {
      g_autoptr(GPtrArray) list = NULL;
      guint n = 0;

      g_timer_start (timer);
      list = glossa_library_list_annotations (library, big_id, 0, &error);
      loads[i] = g_timer_elapsed (timer, NULL) * 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (list->len, ==, BIG_ARTICLE);

      g_timer_start (timer);
      sqlite3_reset (select);
      sqlite3_bind_int64 (select, 1, 1);
      while (sqlite3_step (select) == SQLITE_ROW)
        {
          /* Touch the columns as the snapshot constructor does. */
          for (int c = 0; c < 13; c++)
            (void) sqlite3_column_text (select, c);
          n++;
        }
      raw_loads[i] = g_timer_elapsed (timer, NULL) * 1000.0;
      g_assert_cmpuint (n, ==, BIG_ARTICLE);
    }
  sqlite3_finalize (select);
  sqlite3_close (raw);

  g_print ("bench-library: %u articles, %" G_GUINT64_FORMAT " annotations (scale %.2f)\n",
           n_articles, n_total, scale);
  g_print ("  add %u articles via API (one transaction):    %8.2f s\n", n_articles, api_articles);
  g_print ("  add annotations via API (one transaction):    %8.2f s  (%.1f us each, %.2f s CPU)\n",
           api_annotations, api_annotations * 1e6 / n_total, api_cpu);
  g_print ("  raw SQLite INSERT of the same rows:           %8.2f s  (%.1f us each, %.2f s CPU)\n",
           raw_annotations, raw_annotations * 1e6 / n_total, raw_cpu);
  g_print ("  API / raw:                                    %8.2f x\n", api_annotations / raw_annotations);
  g_print ("  list_annotations, 1,000 of one article:       %8.3f ms median  (target <= 5 ms)\n",
           median (loads, N_LOADS));
  g_print ("  raw indexed SELECT of the same rows:          %8.3f ms median\n",
           median (raw_loads, N_LOADS));

  g_clear_object (&library);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *a = g_strconcat (path, suffixes[i], NULL);
        g_autofree char *b = g_strconcat (raw_path, suffixes[i], NULL);

        g_remove (a);
        g_remove (b);
      }
    g_rmdir (dir);
  }

  return 0;
}
