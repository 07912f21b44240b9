/* test-report.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV (RFC 4180, read back with a strict parser) and the HTML/Markdown
 * reports: grouped by tag, escaped, link chains, nothing fetched.
 */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "glossa-report.h"
#include "exchange-common.h"

static char *
export_to_string (ExchangeFixture *fx,
                  int              kind)   /* -1 CSV with BOM, else a report format */
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  if (kind < 0)
    g_assert_true (glossa_csv_export (fx->library, NULL, TRUE, out, NULL, &error));
  else
    g_assert_true (glossa_report_export (fx->library, NULL, kind, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* RFC 4180: records end in CRLF, fields with , " CR LF are quoted and
 * quotes doubled.  Returns rows of fields; fails on anything else. */
static GPtrArray *
parse_csv (const char *p)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);

  while (*p != 0)
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != 0);
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
          g_assert_true (*p == ',' || *p == '\r');
        }
      else
        {
          while (*p != ',' && *p != '\r' && *p != 0)
            {
              g_assert_true (*p != '\n' && *p != '"');
              g_string_append_c (field, *p++);
            }
        }

      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        {
          p++;
        }
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }

  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_csv (ExchangeFixture *fx,
          gconstpointer    data)
{
  g_autofree char *csv = export_to_string (fx, -1);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *header;
  gboolean found = FALSE;

  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  rows = parse_csv (csv + 3);
  g_assert_cmpuint (rows->len, ==, 6);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (header->len, ==, 9);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "article");
  g_assert_cmpstr (g_ptr_array_index (header, 8), ==, "modified");

  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (row->len, ==, 9);
      if (g_strcmp0 (g_ptr_array_index (row, 3), "CR\r\nLF and a bell \x07 here") == 0)
        {
          found = TRUE;
          g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "AI & the \"antidote\"");
          g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "证据/Statistic");
          g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "42% trust <summaries> & \"digests\"");
          g_assert_cmpstr (g_ptr_array_index (row, 4), ==, "87");
          g_assert_cmpstr (g_ptr_array_index (row, 5), ==, "120");
          g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "Jane");
          g_assert_true (g_str_has_suffix (g_ptr_array_index (row, 7), "Z"));
        }
    }
  g_assert_true (found);
}

static guint
count_xpath (xmlDocPtr   doc,
             const char *expr)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST expr, ctx);
  guint n = result && result->nodesetval ? result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctx);
  return n;
}

static void
test_html (ExchangeFixture *fx,
           gconstpointer    data)
{
  g_autofree char *html = export_to_string (fx, GLOSSA_REPORT_HTML);
  htmlDocPtr doc = htmlReadMemory (html, strlen (html), "report.html", "UTF-8",
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  xmlChar *text;

  g_assert_nonnull (doc);
  /* self-contained: nothing to run, nothing to fetch */
  g_assert_cmpuint (count_xpath (doc, "//script"), ==, 0);
  g_assert_cmpuint (count_xpath (doc, "//*[@src]"), ==, 0);
  g_assert_cmpuint (count_xpath (doc, "//link"), ==, 0);
  g_assert_null (strstr (html, "url("));

  g_assert_cmpuint (count_xpath (doc, "//article"), ==, 3);
  g_assert_cmpuint (count_xpath (doc, "//article[@lang='zh'][@dir='ltr']"), ==, 3);
  /* one passage per tag it carries, untagged ones once: 1 + 2 + 1, 1, 1 */
  g_assert_cmpuint (count_xpath (doc, "//mark"), ==, 6);
  g_assert_cmpuint (count_xpath (doc, "//h3[text()='证据/Statistic']"), ==, 2);
  g_assert_cmpuint (count_xpath (doc, "//h3[text()='Untagged']"), ==, 1);

  text = xmlNodeGetContent (xmlDocGetRootElement (doc));
  g_assert_nonnull (strstr ((char *) text, "42% trust <summaries> & \"digests\""));
  g_assert_nonnull (strstr ((char *) text, "← supported by 证据, 证据/Statistic “42% 的用户更信任机器生成的摘要” (survey backs it)"));
  g_assert_nonnull (strstr ((char *) text, "→ supports Claim “人工智能是互联网的解药”"));
  g_assert_nonnull (strstr ((char *) text, "← contradicted by 证据/Statistic “42% trust"));
  g_assert_nonnull (strstr ((char *) text, "orphaned"));
  xmlFree (text);
  xmlFreeDoc (doc);

  /* the markup in the text arrived as text */
  g_assert_nonnull (strstr (html, "&lt;summaries&gt; &amp;"));
}

/* Metadata that tries to be markup stays text, attributes included. */
static void
test_html_hostile (ExchangeFixture *fx,
                   gconstpointer    data)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  htmlDocPtr doc;
  gint64 id;

  extracted->title = g_strdup ("<script>alert(1)</script>");
  extracted->language = g_strdup ("zh\" onmouseover=\"alert(1)");
  extracted->direction = g_strdup ("ltr\" onclick=\"alert(2)");
  extracted->format = g_strdup ("text");
  glossa_extracted_set_text (extracted, g_strdup ("<img src=x onerror=alert(3)> text"));
  id = glossa_library_add_article (fx->library, extracted, NULL, "javascript:alert(4)", NULL, &error);
  g_assert_no_error (error);
  fixture_annotate (fx->library, id, "<img src=x onerror=alert(3)>", NULL, 0, "<b>bold</b>", NULL);

  html = export_to_string (fx, GLOSSA_REPORT_HTML);
  doc = htmlReadMemory (html, strlen (html), "report.html", "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_assert_cmpuint (count_xpath (doc, "//script"), ==, 0);
  g_assert_cmpuint (count_xpath (doc, "//img"), ==, 0);
  g_assert_cmpuint (count_xpath (doc, "//b"), ==, 0);
  g_assert_cmpuint (count_xpath (doc, "//*[@onmouseover or @onclick or @onerror]"), ==, 0);
  g_assert_cmpuint (count_xpath (doc, "//article[@lang='zh\" onmouseover=\"alert(1)']"), ==, 1);
  xmlFreeDoc (doc);
}

static void
test_markdown (ExchangeFixture *fx,
               gconstpointer    data)
{
  g_autofree char *md = export_to_string (fx, GLOSSA_REPORT_MARKDOWN);

  g_assert_true (g_str_has_prefix (md, "# Glossa report\n"));
  g_assert_nonnull (strstr (md, "\n## 人工智能：互联网的解药？\n"));
  g_assert_nonnull (strstr (md, "\n### Claim\n"));
  g_assert_nonnull (strstr (md, "\n### 证据/Statistic\n"));
  g_assert_nonnull (strstr (md, "**42% trust &lt;summaries&gt; &amp; \"digests\"**"));
  g_assert_null (strstr (md, "<summaries>"));
  /* the title's markup characters cannot start Markdown */
  g_assert_nonnull (strstr (md, "## AI &amp; the \"antidote\""));
  g_assert_nonnull (strstr (md, "\n  - ← supported by 证据, 证据/Statistic “42% 的用户更信任机器生成的摘要”"));
}

/* A report is shared: a local source is named by its file, not its folders. */
static void
test_html_source (ExchangeFixture *fx,
                  gconstpointer    data)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  gint64 id;

  extracted->title = g_strdup ("本地文章");
  extracted->format = g_strdup ("text");
  glossa_extracted_set_text (extracted, g_strdup ("第一段。\n\n第二段的论点。"));
  id = glossa_library_add_article (fx->library, extracted, NULL,
                                   "/home/analyst/secret-project/local-article.txt", NULL, &error);
  g_assert_no_error (error);
  fixture_annotate (fx->library, id, "第二段的论点", NULL, 0, NULL, NULL);

  html = export_to_string (fx, GLOSSA_REPORT_HTML);
  g_assert_nonnull (strstr (html, "local-article.txt"));
  g_assert_null (strstr (html, "secret-project"));
  /* the context keeps its paragraph break visible */
  g_assert_nonnull (strstr (html, "white-space: pre-line"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/csv", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_csv, exchange_fixture_tear_down);
  g_test_add ("/report/html", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_html, exchange_fixture_tear_down);
  g_test_add ("/report/html-hostile", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_html_hostile, exchange_fixture_tear_down);
  g_test_add ("/report/html-source", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_html_source, exchange_fixture_tear_down);
  g_test_add ("/report/markdown", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_markdown, exchange_fixture_tear_down);

  return g_test_run ();
}
