/* bench-search.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * glossa_library_search over 10k articles of mixed Chinese and English
 * text (generated deterministically), with a 2-character and a
 * 1-character Chinese query among others; median and worst times beside
 * baselines run on the same file in the same process: a raw FTS5 MATCH
 * count (3+ characters) or a raw instr() scan (shorter queries).
 *
 * GLOSSA_BENCH_SCALE=0.1 shrinks the library for a quick run.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "glossa-library-private.h"

#define ARTICLE_CHARS 2500
#define N_RUNS        15
#define LIMIT         200

static const char *zh_sentences[] = {
  "生成式人工智能正在改变内容生产的方式",
  "互联网的流量正在向少数平台集中",
  "有人认为人工智能是互联网的解药",
  "这一突破标志着视频生成进入了新的阶段",
  "批评者认为这种说法夸大了技术的作用",
  "新闻网站的访问量在过去一年下降了一半",
  "监管机构开始关注算法推荐带来的问题",
  "研究人员指出数据质量决定了模型的上限",
};

static const char *en_sentences[] = {
  "Generative models are changing how content is produced",
  "Critics argue the claim overstates what the technology can do",
  "Traffic to news sites fell by half in a single year",
  "Some call AI the internet's antidote, others its undertaker",
  "Regulators have started to look at recommendation algorithms",
  "The breakthrough marks a new stage for video generation",
  "Researchers note that data quality bounds what a model can learn",
  "Platforms capture attention that once went to the open web",
};

typedef struct {
  const char *label;
  const char *query;
} Query;

static const Query queries[] = {
  { "English word (FTS)", "antidote" },
  { "English phrase (FTS)", "fell by half" },
  { "Chinese 4 chars (FTS)", "人工智能" },
  { "Chinese 2 chars: 时代", "时代" },
  { "Chinese 1 char: 网", "网" },
  { "ASCII 2 chars: AI", "AI" },
  { "rare Chinese 2 chars", "麒麟" },
  { "absent English (FTS)", "xylophone" },
};

static char *
make_text (GRand *rand,
           guint  index)
{
  GString *text = g_string_new (NULL);
  gint64 length = 0;

  while (length < ARTICLE_CHARS)
    {
      gboolean zh = g_rand_int_range (rand, 0, 100) < 55;
      const char *sentence = zh ? zh_sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (zh_sentences))]
                                : en_sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (en_sentences))];

      g_string_append (text, sentence);
      length += g_utf8_strlen (sentence, -1);
      /* 时代 in about one sentence of forty; 麒麟 in one article of 2,000. */
      if (zh && g_rand_int_range (rand, 0, 40) == 0)
        {
          g_string_append (text, "，这是一个新的时代");
          length += 9;
        }
      g_string_append (text, zh ? "。" : ". ");
      length += zh ? 1 : 2;
      if (g_rand_int_range (rand, 0, 6) == 0)
        {
          g_string_append_c (text, '\n');
          length++;
        }
    }
  if (index % 2000 == 1999)
    g_string_append (text, "麒麟出现了。");

  return g_string_free (text, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gint64
raw_count (sqlite3    *db,
           const char *query)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (g_utf8_strlen (query, -1) >= 3)
    {
      g_autofree char *phrase = g_strdup_printf ("\"%s\"", query);

      sqlite3_prepare_v2 (db, "SELECT count(*) FROM articles_text_fts WHERE articles_text_fts MATCH ?",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, phrase, -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM article_content WHERE instr (text, ?) > 0",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaLibrary) library = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1125);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *scale_env = g_getenv ("GLOSSA_BENCH_SCALE");
  double scale = scale_env != NULL ? g_ascii_strtod (scale_env, NULL) : 1.0;
  guint n_articles = MAX (20, (guint) (10000 * scale));
  gint64 claim_id;
  double build;
  sqlite3 *raw = NULL;

  dir = g_dir_make_tmp ("glossa-bench-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "library.glossa", NULL);
  library = glossa_library_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GlossaTag) claim = glossa_library_lookup_tag (library, "Claim", &error);

    g_assert_no_error (error);
    claim_id = glossa_tag_get_id (claim);
  }

  g_timer_start (timer);
  g_assert_true (glossa_library_begin (library, &error));
  for (guint i = 0; i < n_articles; i++)
    {
      g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
      gint64 id;

      extracted->title = g_strdup_printf (i % 3 ? "报道 %u：时代与网络" : "Report %u: the web", i);
      glossa_extracted_set_text (extracted, make_text (rand, i));
      id = glossa_library_add_article (library, extracted, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      /* Ten annotations each, so quotes and notes are searched too. */
      for (guint j = 0; j < 10; j++)
        {
          gint64 start = g_rand_int_range (rand, 0, ARTICLE_CHARS - 30);

          if (glossa_library_add_annotation (library, id, start, start + 12, &claim_id, 1,
                                             j % 3 == 0 ? "Note: the claim of the era" : NULL,
                                             "bench", NULL, &error) == 0)
            g_error ("%s", error->message);
        }
    }
  g_assert_true (glossa_library_commit (library, &error));
  build = g_timer_elapsed (timer, NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_print ("bench-search: %u articles of ~%u characters, %u annotations, built in %.1f s (scale %.2f)\n",
           n_articles, ARTICLE_CHARS, n_articles * 10, build, scale);
  printf ("  %-24s %6s %10s %10s %12s %10s\n", "query", "hits", "median ms", "worst ms",
           "baseline ms", "rows");

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      double times[N_RUNS], base[N_RUNS];
      guint n_hits = 0;
      gint64 rows = 0;

      for (guint r = 0; r < N_RUNS; r++)
        {
          g_autoptr(GPtrArray) hits = NULL;

          g_timer_start (timer);
          hits = glossa_library_search (library, queries[q].query, 0, NULL, LIMIT, NULL, &error);
          times[r] = g_timer_elapsed (timer, NULL) * 1000.0;
          g_assert_no_error (error);
          n_hits = hits->len;

          g_timer_start (timer);
          rows = raw_count (raw, queries[q].query);
          base[r] = g_timer_elapsed (timer, NULL) * 1000.0;
        }

      qsort (times, N_RUNS, sizeof (double), compare_doubles);
      qsort (base, N_RUNS, sizeof (double), compare_doubles);
      printf ("  %-24s %6u %10.2f %10.2f %12.2f %10" G_GINT64_FORMAT "\n",
               queries[q].label, n_hits, times[N_RUNS / 2], times[N_RUNS - 1], base[N_RUNS / 2], rows);
    }

  /* With a tag filter only annotations are searched. */
  {
    double times[N_RUNS];
    guint n_hits = 0;

    for (guint r = 0; r < N_RUNS; r++)
      {
        g_autoptr(GPtrArray) hits = NULL;

        g_timer_start (timer);
        hits = glossa_library_search (library, "时代", claim_id, NULL, LIMIT, NULL, &error);
        times[r] = g_timer_elapsed (timer, NULL) * 1000.0;
        g_assert_no_error (error);
        n_hits = hits->len;
      }
    qsort (times, N_RUNS, sizeof (double), compare_doubles);
    printf ("  %-24s %6u %10.2f %10.2f\n", "时代, tag Claim", n_hits, times[N_RUNS / 2],
             times[N_RUNS - 1]);
  }
  g_print ("  (limit %u hits; baseline counts matching rows: FTS5 MATCH for 3+ characters, "
           "instr() scan otherwise)\n", LIMIT);

  sqlite3_close (raw);
  g_clear_object (&library);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_remove (file);
      }
    g_rmdir (dir);
  }

  return 0;
}
