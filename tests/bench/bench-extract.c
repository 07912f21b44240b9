/* bench-extract.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Article extraction measured on a directory of saved pages laid out like
 * Mozilla Readability's test pages: <dir>/<page>/source.html, expected.html
 * (the reference article) and expected-metadata.json (its title).
 *
 * For each page: token F1 of our text against the text of expected.html
 * (each CJK/Hangul/kana character is a token, other text is split into
 * words at whitespace; F1 over token multisets), whether our title equals
 * the expected one, and our time per page (parse + extract, median of
 * several runs) beside a baseline measured in the same run: libxml2's bare
 * htmlReadMemory parse of the same bytes.  Times are the thread's CPU time,
 * which other processes on a busy machine do not inflate.
 *
 * Usage: bench-extract [--runs N] [--diff PAGE] [--dump PAGE] [DIR...]
 * DIR defaults to $GLOSSA_SHARED_DIR/eval/readability-pages and then
 * $GLOSSA_HTML_PAGES (tests/data/html: hand-checked Chinese pages, each a
 * PAGE.html with its article written by hand in PAGE.txt and its title,
 * byline, date in PAGE.meta).  A plain *.html without a .txt is measured for
 * time and title only (F1 shown as -1).
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "glossa-import.h"

static gboolean
is_cjk_token (gunichar c)
{
  return (c >= 0x3040 && c <= 0x30FF) ||   /* kana */
         (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) ||   /* Hangul syllables */
         (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

/* token → count */
static GHashTable *
tokenize (const char *text)
{
  GHashTable *bag = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *word = g_string_new (NULL);

#define FLUSH_WORD()                                                           \
  if (word->len > 0)                                                          \
    {                                                                         \
      gpointer old = g_hash_table_lookup (bag, word->str);                    \
      g_hash_table_replace (bag, g_strdup (word->str),                        \
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));   \
      g_string_truncate (word, 0);                                            \
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xA0 || c == 0x3000)
        {
          FLUSH_WORD ();
        }
      else if (is_cjk_token (c))
        {
          FLUSH_WORD ();
          g_string_append_unichar (word, c);
          FLUSH_WORD ();
        }
      else
        g_string_append_unichar (word, c);
    }
  FLUSH_WORD ();
#undef FLUSH_WORD
  g_string_free (word, TRUE);
  return bag;
}

static guint
bag_size (GHashTable *bag)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, bag);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value);
  return n;
}

static double
token_f1 (const char *ours,
          const char *expected,
          gboolean    show_diff)
{
  g_autoptr(GHashTable) a = tokenize (ours);
  g_autoptr(GHashTable) b = tokenize (expected);
  GHashTableIter iter;
  gpointer key, value;
  guint na = bag_size (a), nb = bag_size (b), common = 0;
  double precision, recall;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint ca = GPOINTER_TO_UINT (value);
      guint cb = GPOINTER_TO_UINT (g_hash_table_lookup (b, key));

      common += MIN (ca, cb);
      if (show_diff && ca > cb)
        printf ("  extra   %3u × %s\n", ca - cb, (const char *) key);
    }
  if (show_diff)
    {
      g_hash_table_iter_init (&iter, b);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint cb = GPOINTER_TO_UINT (value);
          guint ca = GPOINTER_TO_UINT (g_hash_table_lookup (a, key));

          if (cb > ca)
            printf ("  missing %3u × %s\n", cb - ca, (const char *) key);
        }
    }
  if (na == 0 && nb == 0)
    return 1;
  if (na == 0 || nb == 0 || common == 0)
    return 0;
  precision = (double) common / na;
  recall = (double) common / nb;
  return 2 * precision * recall / (precision + recall);
}

/* The text of the reference article.  Like innerText, and unlike bare
 * textContent, a <br> separates words: "versions<br>+ Added" is two lines
 * in the browser and must not make one token of "versions+". */
static char *
expected_text (const char *path)
{
  g_autofree char *data = NULL;
  GString *text;
  gsize len;
  htmlDocPtr doc;
  xmlNode *root;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  doc = htmlReadMemory (data, (int) len, NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_RECOVER);
  if (doc == NULL)
    return g_strdup ("");
  text = g_string_new (NULL);
  root = xmlDocGetRootElement (doc);
  for (xmlNode *n = root; n != NULL;)
    {
      if (n->type == XML_TEXT_NODE && n->content != NULL)
        g_string_append (text, (const char *) n->content);
      else if (n->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) n->name, "br") == 0)
        g_string_append_c (text, '\n');
      if (n->type == XML_ELEMENT_NODE && n->children != NULL)
        {
          n = n->children;
          continue;
        }
      while (n != root && n->next == NULL)
        n = n->parent;
      n = n == root ? NULL : n->next;
    }
  xmlFreeDoc (doc);
  return g_string_free (text, FALSE);
}

static char *
expected_title (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *obj;

  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  obj = json_node_get_object (root);
  if (!json_object_has_member (obj, "title") || json_object_get_null_member (obj, "title"))
    return NULL;
  return g_strdup (json_object_get_string_member (obj, "title"));
}

static char *
normalize_space (const char *s)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (s == NULL)
    return g_strdup ("");
  parts = g_strsplit_set (s, " \t\n\r", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, parts[i]);
    }
  return g_strdup (out->str);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (double *v,
        guint   n)
{
  if (n == 0)
    return 0;
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* CPU time of this thread, in µs: on a machine shared with other work,
 * wall-clock time measures the neighbours as much as the code. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
silent_error (void       *ctx,
              const char *msg,
              ...)
{
}

typedef struct {
  const char *diff_page;
  const char *dump_page;
  guint       runs;
} Options;

/* What a page's hand-written metadata expects: NAME.meta, a key file with
 * [expected] title=, byline=, published=, site_name=. */
static char *
meta_value (const char *path,
            const char *key)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (kf, "expected", key, NULL);
}

/* Measures one directory: Readability's layout (PAGE/source.html,
 * expected.html, expected-metadata.json) or flat pages (PAGE.html with the
 * article written by hand in PAGE.txt and its metadata in PAGE.meta).
 * Returns the median F1, or -1 when no page had a reference. */
static double
run_set (const char    *label,
         const char    *dir,
         const Options *opt,
         double        *median_ms)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) f1s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bases = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = opt->runs, titles_ok = 0, titles_n = 0, bylines_ok = 0, bylines_n = 0;
  const char *name;
  double med = -1;

  d = g_dir_open (dir, 0, &error);
  if (d == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return -1;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *src = g_build_filename (dir, name, "source.html", NULL);

      if (g_file_test (src, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
      else if (g_str_has_suffix (name, ".html") || g_str_has_suffix (name, ".htm"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  printf ("== %s: %s\n", label, dir);
  printf ("%-28s %6s %5s %9s %9s  %s\n", "page", "F1", "title", "ours ms", "parse ms", "our title");
  for (guint i = 0; i < names->len; i++)
    {
      const char *page = names->pdata[i];
      g_autofree char *bare = g_build_filename (dir, page, NULL);
      gboolean flat = g_file_test (bare, G_FILE_TEST_IS_REGULAR);
      g_autofree char *stem = flat ? g_strndup (bare, strrchr (bare, '.') - bare) : NULL;
      g_autofree char *src = flat ? g_strdup (bare) : g_build_filename (dir, page, "source.html", NULL);
      g_autofree char *exp = flat ? g_strconcat (stem, ".txt", NULL)
                                  : g_build_filename (dir, page, "expected.html", NULL);
      g_autofree char *meta = flat ? g_strconcat (stem, ".meta", NULL)
                                   : g_build_filename (dir, page, "expected-metadata.json", NULL);
      g_autofree char *data = NULL;
      g_autofree char *want_text = NULL;
      g_autofree char *want_title = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GlossaExtracted) ex = NULL;
      g_autofree double *t_ours = g_new0 (double, runs);
      g_autofree double *t_base = g_new0 (double, runs);
      gsize len;
      double f1 = -1, tm, tb;
      const char *title_mark = "-";

      if ((opt->diff_page || opt->dump_page) && g_strcmp0 (page, opt->diff_page) != 0 &&
          g_strcmp0 (page, opt->dump_page) != 0)
        continue;
      if (!g_file_get_contents (src, &data, &len, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          g_clear_error (&error);
          continue;
        }
      bytes = g_bytes_new_static (data, len);

      for (guint r = 0; r < runs; r++)
        {
          gint64 t0 = cpu_time_us ();
          htmlDocPtr doc = htmlReadMemory (data, (int) len, NULL, NULL,
                                           HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                           HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                                           HTML_PARSE_COMPACT);
          gint64 t1;

          if (doc != NULL)
            xmlFreeDoc (doc);
          t1 = cpu_time_us ();
          t_base[r] = (t1 - t0) / 1000.0;

          g_clear_pointer (&ex, glossa_extracted_free);
          t0 = cpu_time_us ();
          ex = glossa_import_html (bytes, src, NULL, &error);
          t1 = cpu_time_us ();
          t_ours[r] = (t1 - t0) / 1000.0;
          if (ex == NULL)
            {
              fprintf (stderr, "%s\n", error->message);
              g_clear_error (&error);
              break;
            }
        }
      if (ex == NULL)
        continue;

      if (opt->dump_page != NULL)
        {
          printf ("title: %s\nbyline: %s\npublished: %s\nsite: %s\nlang: %s\ndir: %s\n"
                  "encoding: %s\nbest effort: %d\n\n%s\n\n", ex->title, ex->byline,
                  ex->published, ex->site_name, ex->language, ex->direction, ex->encoding,
                  ex->best_effort, ex->text);
          for (guint b = 0; b < ex->blocks->len; b++)
            {
              GlossaBlock *blk = &g_array_index (ex->blocks, GlossaBlock, b);
              g_autofree char *s = g_utf8_substring (ex->text, blk->start, MIN (blk->end, blk->start + 40));

              printf ("[%s %u] %s\n", glossa_block_kind_to_string (blk->kind), blk->level, s);
            }
        }

      if (flat)
        {
          if (!g_file_get_contents (exp, &want_text, NULL, NULL))
            want_text = NULL;
        }
      else if (g_file_test (exp, G_FILE_TEST_IS_REGULAR))
        want_text = expected_text (exp);
      if (want_text != NULL)
        {
          f1 = token_f1 (ex->text, want_text, opt->diff_page != NULL);
          g_array_append_val (f1s, f1);
        }
      want_title = flat ? meta_value (meta, "title") : expected_title (meta);
      if (g_file_test (meta, G_FILE_TEST_EXISTS))
        {
          g_autofree char *a = normalize_space (ex->title);
          g_autofree char *b = normalize_space (want_title);

          titles_n++;
          if (g_str_equal (a, b))
            {
              titles_ok++;
              title_mark = "ok";
            }
          else
            title_mark = "DIFF";
          if (flat)
            {
              g_autofree char *want_byline = meta_value (meta, "byline");

              bylines_n++;
              if (g_strcmp0 (want_byline, ex->byline) == 0)
                bylines_ok++;
              else
                printf ("%-28s byline “%s”, expected “%s”\n", page,
                        ex->byline ? ex->byline : "(none)", want_byline ? want_byline : "(none)");
            }
        }
      tm = median (t_ours, runs);
      tb = median (t_base, runs);
      g_array_append_val (times, tm);
      g_array_append_val (bases, tb);
      printf ("%-28s %6.3f %5s %9.2f %9.2f  %s%s\n", page, f1, title_mark, tm, tb,
              ex->title ? ex->title : "(none)", ex->best_effort ? "  [best effort]" : "");
      if (g_str_equal (title_mark, "DIFF"))
        printf ("%-28s %6s %5s %9s %9s  expected: %s\n", "", "", "", "", "", want_title);
    }

  printf ("\n%s — pages: %u, with a reference article: %u\n", label, times->len, f1s->len);
  if (f1s->len > 0)
    {
      double min = 1, sum = 0;

      for (guint i = 0; i < f1s->len; i++)
        {
          min = MIN (min, g_array_index (f1s, double, i));
          sum += g_array_index (f1s, double, i);
        }
      med = median ((double *) f1s->data, f1s->len);
      printf ("mean F1: %.3f, lowest F1: %.3f\n", sum / f1s->len, min);
      printf ("median F1: %.3f (target ≥ 0.95)\n", med);
    }
  printf ("title exact match: %u/%u (%.0f%%, target ≥ 90%%)\n", titles_ok, titles_n,
          titles_n ? 100.0 * titles_ok / titles_n : 0);
  if (bylines_n > 0)
    printf ("byline exact match: %u/%u\n", bylines_ok, bylines_n);
  *median_ms = median ((double *) times->data, times->len);
  printf ("median ms per page: ours %.2f (parse + extract; target ≤ 5), "
          "baseline bare htmlReadMemory %.2f\n\n",
          *median_ms, median ((double *) bases->data, bases->len));
  return med;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  Options opt = { NULL, NULL, 5 };
  const char *pages = g_getenv ("GLOSSA_HTML_PAGES");

  /* the baseline parse complains about pages whose meta lies */
  xmlSetGenericErrorFunc (NULL, silent_error);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          opt.runs = (guint) atoi (argv[++i]);
          opt.runs = MAX (opt.runs, 1);
        }
      else if (g_str_equal (argv[i], "--diff") && i + 1 < argc)
        opt.diff_page = argv[++i];
      else if (g_str_equal (argv[i], "--dump") && i + 1 < argc)
        opt.dump_page = argv[++i];
      else
        g_ptr_array_add (dirs, g_strdup (argv[i]));
    }
  if (dirs->len == 0)
    {
      const char *shared = g_getenv ("GLOSSA_SHARED_DIR");

      g_ptr_array_add (dirs, g_build_filename (shared ? shared : "/work/shared", "eval",
                                               "readability-pages", NULL));
      if (pages != NULL)
        g_ptr_array_add (dirs, g_strdup (pages));
    }

  {
    g_autoptr(GArray) meds = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) mss = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < dirs->len; i++)
      {
        g_autofree char *label = g_path_get_basename (dirs->pdata[i]);
        double ms = 0, med = run_set (label, dirs->pdata[i], &opt, &ms);

        g_array_append_val (meds, med);
        g_array_append_val (mss, ms);
      }
    if (dirs->len > 1 && opt.diff_page == NULL && opt.dump_page == NULL)
      {
        printf ("%-28s %10s %10s\n", "summary", "median F1", "median ms");
        for (guint i = 0; i < dirs->len; i++)
          {
            g_autofree char *label = g_path_get_basename (dirs->pdata[i]);

            printf ("%-28s %10.3f %10.2f\n", label, g_array_index (meds, double, i),
                    g_array_index (mss, double, i));
          }
      }
  }
  return 0;
}
