/* test-exchange-dialogs.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export, exchange-import and agreement dialogs driven through their
 * API (what their buttons call after the file choosers), on a real library
 * in a temporary directory annotated by two coders.  Runs under Xvfb
 * (suite 'ui').  With GLOSSA_SCREENSHOT_DIR set, each dialog is also
 * shown and captured with ImageMagick's `import -window root`.
 */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "glossa-agreement-dialog.h"
#include "glossa-agreement.h"
#include "glossa-exchange-import-dialog.h"
#include "glossa-export-dialog.h"
#include "glossa-library-exchange.h"
#include "glossa-library.h"
#include "glossa-qdpx.h"
#include "glossa-resources.h"
#include "glossa-xml.h"

#define TEXT_ONE "我们正处在一个新的时代。人工智能是互联网的解药吗？\n" \
                 "Some say the internet's antidote is AI; others doubt it."
#define TEXT_TWO "新闻报道称，数据显示用户增长了三倍。\nThe data shows a threefold growth."

typedef struct {
  char          *dir;
  GlossaLibrary *library;
  gint64         article_one;
  gint64         article_two;
  gint64         claim;
  gint64         evidence;
  char          *evidence_name;
  guint          n_annotations;
} Fixture;

static gint64
add_article (Fixture    *f,
             const char *title,
             const char *text)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autoptr(GBytes) original = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  gint64 id;

  extracted->title = g_strdup (title);
  extracted->format = g_strdup ("text");
  glossa_extracted_set_text (extracted, g_strdup (text));
  id = glossa_library_add_article (f->library, extracted, original, "test", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
annotate (Fixture    *f,
          gint64      article,
          gint64      start,
          gint64      end,
          gint64      tag,
          const char *author)
{
  g_autoptr(GError) error = NULL;
  gint64 id = glossa_library_add_annotation (f->library, article, start, end, &tag, 1, NULL,
                                             author, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  f->n_annotations++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaTag) claim = NULL;
  g_autoptr(GlossaTag) evidence = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("glossa-exchange-dialogs-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "library.glossa", NULL);
  f->library = glossa_library_open (path, &error);
  g_assert_no_error (error);

  /* The default codebook's first two tags (Claim, Evidence), named in the
   * language the library was created in. */
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_tags (f->library)), >=, 2);
  claim = g_list_model_get_item (glossa_library_get_tags (f->library), 0);
  evidence = g_list_model_get_item (glossa_library_get_tags (f->library), 1);
  f->claim = glossa_tag_get_id (claim);
  f->evidence = glossa_tag_get_id (evidence);
  f->evidence_name = g_strdup (glossa_tag_get_name (evidence));

  f->article_one = add_article (f, "人工智能与互联网", TEXT_ONE);
  f->article_two = add_article (f, "用户增长", TEXT_TWO);

  /* Two coders who agree on some passages and not on others. */
  annotate (f, f->article_one, 12, 25, f->claim, "alice");
  annotate (f, f->article_one, 12, 22, f->claim, "bob");
  annotate (f, f->article_one, 26, 60, f->claim, "alice");
  annotate (f, f->article_two, 0, 18, f->evidence, "alice");
  annotate (f, f->article_two, 5, 18, f->evidence, "bob");
  annotate (f, f->article_two, 19, 52, f->claim, "bob");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  g_free (f->evidence_name);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
wait_while_running (GObject *dialog)
{
  gboolean running = TRUE;

  while (running)
    {
      g_main_context_iteration (NULL, TRUE);
      g_object_get (dialog, "running", &running, NULL);
    }
  /* Let the completion handlers run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* With GLOSSA_SCREENSHOT_DIR set: show @window, let it draw, capture the screen. */
static void
maybe_screenshot (GtkWidget  *window,
                  const char *name)
{
  const char *dir = g_getenv ("GLOSSA_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  gint64 until;
  int status;

  if (dir == NULL)
    return;

  gtk_window_present (GTK_WINDOW (window));
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  file = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", file);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
}

/* Data rows of an RFC 4180 file: newlines outside quotes, minus the header. */
static guint
csv_rows (const char *data)
{
  gboolean quoted = FALSE;
  guint lines = 0;

  for (const char *p = data; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '\n' && !quoted)
        lines++;
    }
  return lines - 1;
}

static void
validate_xml (const char *path)
{
  g_autoptr(GBytes) schema = glossa_xml_get_schema ();
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGPtr rng;
  xmlRelaxNGValidCtxtPtr valid;
  xmlDocPtr doc;
  gsize len;
  const char *data = g_bytes_get_data (schema, &len);

  parser = xmlRelaxNGNewMemParserCtxt (data, (int) len);
  rng = xmlRelaxNGParse (parser);
  g_assert_nonnull (rng);
  valid = xmlRelaxNGNewValidCtxt (rng);
  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpint (xmlRelaxNGValidateDoc (valid, doc), ==, 0);
  xmlFreeDoc (doc);
  xmlRelaxNGFreeValidCtxt (valid);
  xmlRelaxNGFree (rng);
  xmlRelaxNGFreeParserCtxt (parser);
}

static void
done_cb (GtkWidget  *dialog,
         const char *message,
         char      **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* Runs the export dialog to @path and returns the "done" message (NULL on failure). */
static char *
run_export (Fixture               *f,
            GlossaExportFormat     format,
            GlossaExportScopeKind  scope,
            const char            *path,
            gboolean               bom)
{
  GtkWidget *dialog = g_object_ref (glossa_export_dialog_new (NULL, f->library, f->article_one));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *message = NULL;

  glossa_export_dialog_set_format (GLOSSA_EXPORT_DIALOG (dialog), format);
  glossa_export_dialog_set_scope (GLOSSA_EXPORT_DIALOG (dialog), scope);
  glossa_export_dialog_set_bom (GLOSSA_EXPORT_DIALOG (dialog), bom);
  if (scope == GLOSSA_EXPORT_SCOPE_TAGS)
    glossa_export_dialog_choose (GLOSSA_EXPORT_DIALOG (dialog), scope, f->evidence, TRUE);
  if (scope == GLOSSA_EXPORT_SCOPE_ARTICLES)
    glossa_export_dialog_choose (GLOSSA_EXPORT_DIALOG (dialog), scope, f->article_two, TRUE);
  g_signal_connect (dialog, "done", G_CALLBACK (done_cb), &message);

  glossa_export_dialog_export_to (GLOSSA_EXPORT_DIALOG (dialog), file);
  g_assert_true (glossa_export_dialog_get_running (GLOSSA_EXPORT_DIALOG (dialog)));
  wait_while_running (G_OBJECT (dialog));
  if (message == NULL)
    g_test_message ("export failed: %s", glossa_export_dialog_get_error (GLOSSA_EXPORT_DIALOG (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  return message;
}

static guint
count_articles_in (Fixture    *f,
                   const char *path,
                   gboolean    qdpx)
{
  g_autofree char *db = g_build_filename (f->dir, qdpx ? "check-qdpx.glossa" : "check.glossa", NULL);
  g_autoptr(GlossaLibrary) other = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_unlink (db);
  other = glossa_library_open (db, &error);
  g_assert_no_error (error);
  ok = qdpx ? glossa_qdpx_import (other, path, NULL, NULL, &error)
            : glossa_xml_import (other, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return g_list_model_get_n_items (glossa_library_get_articles (other));
}

static void
test_export_formats (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (f->dir, "out.xml", NULL);
  g_autofree char *qdpx = g_build_filename (f->dir, "out.qdpx", NULL);
  g_autofree char *qdc = g_build_filename (f->dir, "out.qdc", NULL);
  g_autofree char *jsonld = g_build_filename (f->dir, "out.jsonld", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *html = g_build_filename (f->dir, "out.html", NULL);
  g_autofree char *md = g_build_filename (f->dir, "out.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;

  /* Glossa XML: valid against the schema, and it carries both articles. */
  message = run_export (f, GLOSSA_EXPORT_FORMAT_XML, GLOSSA_EXPORT_SCOPE_LIBRARY, xml, FALSE);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "out.xml"));
  validate_xml (xml);
  g_assert_cmpuint (count_articles_in (f, xml, FALSE), ==, 2);
  g_clear_pointer (&message, g_free);

  /* The current article only. */
  g_unlink (xml);
  message = run_export (f, GLOSSA_EXPORT_FORMAT_XML, GLOSSA_EXPORT_SCOPE_ARTICLE, xml, FALSE);
  g_assert_nonnull (message);
  validate_xml (xml);
  g_assert_cmpuint (count_articles_in (f, xml, FALSE), ==, 1);
  g_clear_pointer (&message, g_free);

  /* REFI-QDA project: a zip that imports back. */
  message = run_export (f, GLOSSA_EXPORT_FORMAT_QDPX, GLOSSA_EXPORT_SCOPE_LIBRARY, qdpx, FALSE);
  g_assert_nonnull (message);
  g_assert_true (g_file_get_contents (qdpx, &contents, &len, &error));
  g_assert_true (glossa_qdpx_sniff (contents, len));
  g_clear_pointer (&contents, g_free);
  g_assert_cmpuint (count_articles_in (f, qdpx, TRUE), ==, 2);
  g_clear_pointer (&message, g_free);

  /* The codebook: well-formed, with the tags. */
  message = run_export (f, GLOSSA_EXPORT_FORMAT_QDC, GLOSSA_EXPORT_SCOPE_LIBRARY, qdc, FALSE);
  g_assert_nonnull (message);
  {
    xmlDocPtr doc = xmlReadFile (qdc, NULL, XML_PARSE_NONET);

    g_assert_nonnull (doc);
    g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "CodeBook");
    xmlFreeDoc (doc);
  }
  g_assert_true (g_file_get_contents (qdc, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, f->evidence_name));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&message, g_free);

  /* JSON-LD parses and names the annotation vocabulary. */
  message = run_export (f, GLOSSA_EXPORT_FORMAT_JSONLD, GLOSSA_EXPORT_SCOPE_LIBRARY, jsonld, FALSE);
  g_assert_nonnull (message);
  json_parser_load_from_file (parser, jsonld, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (jsonld, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "http://www.w3.org/ns/anno.jsonld"));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&message, g_free);

  /* CSV: one row per annotation; with the BOM when asked. */
  message = run_export (f, GLOSSA_EXPORT_FORMAT_CSV, GLOSSA_EXPORT_SCOPE_LIBRARY, csv, TRUE);
  g_assert_nonnull (message);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  g_assert_cmpuint (csv_rows (contents), ==, f->n_annotations);
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&message, g_free);

  /* Chosen tags: only the Evidence annotations (2). */
  g_unlink (csv);
  message = run_export (f, GLOSSA_EXPORT_FORMAT_CSV, GLOSSA_EXPORT_SCOPE_TAGS, csv, FALSE);
  g_assert_nonnull (message);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, &error));
  g_assert_false (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  g_assert_cmpuint (csv_rows (contents), ==, 2);
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&message, g_free);

  /* Chosen articles: the second one's three annotations. */
  g_unlink (csv);
  message = run_export (f, GLOSSA_EXPORT_FORMAT_CSV, GLOSSA_EXPORT_SCOPE_ARTICLES, csv, FALSE);
  g_assert_nonnull (message);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, &error));
  g_assert_cmpuint (csv_rows (contents), ==, 3);
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&message, g_free);

  /* Reports carry the article titles. */
  message = run_export (f, GLOSSA_EXPORT_FORMAT_REPORT_HTML, GLOSSA_EXPORT_SCOPE_LIBRARY, html, FALSE);
  g_assert_nonnull (message);
  g_assert_true (g_file_get_contents (html, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "<html"));
  g_assert_nonnull (strstr (contents, "用户增长"));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&message, g_free);

  message = run_export (f, GLOSSA_EXPORT_FORMAT_REPORT_MARKDOWN, GLOSSA_EXPORT_SCOPE_LIBRARY, md, FALSE);
  g_assert_nonnull (message);
  g_assert_true (g_file_get_contents (md, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "人工智能与互联网"));
  g_assert_null (strstr (contents, "<html"));
}

static void
test_export_default_name (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *dialog = g_object_ref (glossa_export_dialog_new (NULL, f->library, f->article_one));
  GlossaExportDialog *d = GLOSSA_EXPORT_DIALOG (dialog);
  g_autofree char *name = NULL;

  /* An open article is the default scope, and names the file. */
  name = glossa_export_dialog_get_default_name (d);
  g_assert_cmpstr (name, ==, "人工智能与互联网.xml");
  g_clear_pointer (&name, g_free);

  glossa_export_dialog_set_scope (d, GLOSSA_EXPORT_SCOPE_LIBRARY);
  glossa_export_dialog_set_format (d, GLOSSA_EXPORT_FORMAT_CSV);
  name = glossa_export_dialog_get_default_name (d);
  g_assert_cmpstr (name, ==, "library.csv");
  g_clear_pointer (&name, g_free);

  glossa_export_dialog_set_format (d, GLOSSA_EXPORT_FORMAT_REPORT_MARKDOWN);
  name = glossa_export_dialog_get_default_name (d);
  g_assert_true (g_str_has_suffix (name, ".md"));

  glossa_export_dialog_set_format (d, GLOSSA_EXPORT_FORMAT_CSV);
  maybe_screenshot (dialog, "export-dialog.png");
  glossa_export_dialog_set_scope (d, GLOSSA_EXPORT_SCOPE_TAGS);
  glossa_export_dialog_choose (d, GLOSSA_EXPORT_SCOPE_TAGS, f->claim, TRUE);
  maybe_screenshot (dialog, "export-dialog-tags.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_export_cancel (Fixture       *f,
                    gconstpointer  data)
{
  static const GlossaExportFormat formats[] = {
    GLOSSA_EXPORT_FORMAT_XML, GLOSSA_EXPORT_FORMAT_QDPX, GLOSSA_EXPORT_FORMAT_CSV,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      GtkWidget *dialog = g_object_ref (glossa_export_dialog_new (NULL, f->library, 0));
      g_autofree char *path = g_strdup_printf ("%s/cancelled-%u", f->dir, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *message = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;

      glossa_export_dialog_set_format (GLOSSA_EXPORT_DIALOG (dialog), formats[i]);
      g_signal_connect (dialog, "done", G_CALLBACK (done_cb), &message);
      glossa_export_dialog_export_to (GLOSSA_EXPORT_DIALOG (dialog), file);
      glossa_export_dialog_cancel (GLOSSA_EXPORT_DIALOG (dialog));
      wait_while_running (G_OBJECT (dialog));

      g_assert_null (message);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      /* No temporary file left beside it either. */
      dir = g_dir_open (f->dir, 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_false (g_str_has_prefix (name, "cancelled-"));
      /* The dialog stays usable. */
      g_assert_true (gtk_widget_get_visible (dialog) || !gtk_widget_get_realized (dialog));

      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_unref (dialog);
    }
}

static void
test_export_failure (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *dialog = g_object_ref (glossa_export_dialog_new (NULL, f->library, 0));
  g_autofree char *path = g_build_filename (f->dir, "no-such-dir", "out.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *message = NULL;

  g_signal_connect (dialog, "done", G_CALLBACK (done_cb), &message);
  glossa_export_dialog_export_to (GLOSSA_EXPORT_DIALOG (dialog), file);
  wait_while_running (G_OBJECT (dialog));

  g_assert_null (message);
  g_assert_nonnull (glossa_export_dialog_get_error (GLOSSA_EXPORT_DIALOG (dialog)));
  g_test_message ("error: %s", glossa_export_dialog_get_error (GLOSSA_EXPORT_DIALOG (dialog)));
  maybe_screenshot (dialog, "export-dialog-error.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static GlossaExchangeImportDialog *
run_import (GlossaLibrary *library,
            const char    *path,
            char         **message)
{
  GtkWidget *dialog = g_object_ref (glossa_exchange_import_dialog_new (NULL, library));
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_signal_connect (dialog, "done", G_CALLBACK (done_cb), message);
  glossa_exchange_import_dialog_import_file (GLOSSA_EXCHANGE_IMPORT_DIALOG (dialog), file);
  g_assert_true (glossa_exchange_import_dialog_get_running (GLOSSA_EXCHANGE_IMPORT_DIALOG (dialog)));
  wait_while_running (G_OBJECT (dialog));
  return GLOSSA_EXCHANGE_IMPORT_DIALOG (dialog);
}

static void
close_dialog (gpointer dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (f->dir, "exchange.xml", NULL);
  g_autofree char *qdpx = g_build_filename (f->dir, "exchange.qdpx", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.glossa", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr(GlossaLibrary) other = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const GlossaImportReport *report;
  GlossaExchangeImportDialog *dialog;
  GListModel *conflicts;
  guint n_tags;
  gint64 changed;

  g_assert_true (glossa_xml_export_to_path (f->library, NULL, xml, NULL, &error));
  g_assert_no_error (error);

  other = glossa_library_open (other_path, &error);
  g_assert_no_error (error);
  n_tags = g_list_model_get_n_items (glossa_library_get_tags (other));
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (other)), ==, 0);

  /* Into an empty library: the articles and annotations are added, and the
   * window's connection sees them at once. */
  dialog = run_import (other, xml, &message);
  report = glossa_exchange_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_nonnull (message);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (other)), ==, 2);
  annotations = glossa_library_list_annotations (other, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, f->n_annotations);
  /* The default codebook's tags have their own uuids in each library. */
  g_assert_cmpuint (report->n_added, ==,
                    2 + f->n_annotations +
                    g_list_model_get_n_items (glossa_library_get_tags (other)) - n_tags);
  g_assert_cmpuint (report->n_updated + report->n_kept, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_exchange_import_dialog_get_conflicts (dialog)), ==, 0);
  maybe_screenshot (GTK_WIDGET (dialog), "import-dialog-report.png");
  close_dialog (dialog);
  g_clear_pointer (&message, g_free);

  /* Again, after a change on our side: ours is newer and stays. */
  changed = glossa_annotation_get_id (g_ptr_array_index (annotations, 0));
  g_usleep (2000);
  g_assert_true (glossa_library_set_annotation_note (other, changed, "我的批注", &error));
  g_assert_no_error (error);
  dialog = run_import (other, xml, &message);
  report = glossa_exchange_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->n_kept, ==, 1);
  g_assert_cmpuint (report->n_updated, ==, 0);
  conflicts = glossa_exchange_import_dialog_get_conflicts (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (other)), ==, 2);
  {
    g_autoptr(GlossaAnnotation) a = glossa_library_get_annotation (other, changed, &error);
    g_autofree char *row = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (glossa_annotation_get_note (a), ==, "我的批注");
    /* The row names the item and says that ours stayed. */
    row = g_strdup_printf (_("%s “%s”: ours was newer and stayed"), _("Annotation"),
                           glossa_annotation_get_quote (a));
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (conflicts), 0), ==, row);
  }
  maybe_screenshot (GTK_WIDGET (dialog), "import-dialog-conflicts.png");
  close_dialog (dialog);
  g_clear_pointer (&message, g_free);

  /* A REFI-QDA project goes through the same dialog. */
  g_assert_true (glossa_qdpx_export (f->library, NULL, qdpx, NULL, NULL, &error));
  g_assert_no_error (error);
  dialog = run_import (other, qdpx, &message);
  g_assert_nonnull (glossa_exchange_import_dialog_get_report (dialog));
  g_assert_nonnull (message);
  close_dialog (dialog);
  g_clear_pointer (&message, g_free);

  /* Anything else is refused with a sentence naming the file. */
  g_assert_true (g_file_set_contents (txt, "just some notes\n", -1, &error));
  dialog = run_import (other, txt, &message);
  g_assert_null (message);
  g_assert_null (glossa_exchange_import_dialog_get_report (dialog));
  g_assert_nonnull (strstr (glossa_exchange_import_dialog_get_error (dialog), "notes.txt"));
  maybe_screenshot (GTK_WIDGET (dialog), "import-dialog-error.png");
  close_dialog (dialog);
}

/* A cancelled import leaves the library as it was, or (if it finished
 * first) reports the whole import: never half of it. */
static void
test_import_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (f->dir, "exchange.xml", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.glossa", NULL);
  g_autoptr(GlossaLibrary) other = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (xml);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *dialog;

  g_assert_true (glossa_xml_export_to_path (f->library, NULL, xml, NULL, &error));
  other = glossa_library_open (other_path, &error);
  g_assert_no_error (error);

  dialog = g_object_ref (glossa_exchange_import_dialog_new (NULL, other));
  g_signal_connect (dialog, "done", G_CALLBACK (done_cb), &message);
  glossa_exchange_import_dialog_import_file (GLOSSA_EXCHANGE_IMPORT_DIALOG (dialog), file);
  glossa_exchange_import_dialog_cancel (GLOSSA_EXCHANGE_IMPORT_DIALOG (dialog));
  wait_while_running (G_OBJECT (dialog));

  /* What the file holds, through a fresh connection, and what the
   * dialog's library shows agree. */
  {
    g_autoptr(GlossaLibrary) fresh = glossa_library_open (other_path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (fresh)), ==,
                      g_list_model_get_n_items (glossa_library_get_articles (other)));
  }
  g_test_message ("the import %s", message ? "finished first" : "was cancelled");
  annotations = glossa_library_list_annotations (other, 0, 0, &error);
  g_assert_no_error (error);
  if (message == NULL)
    {
      g_assert_null (glossa_exchange_import_dialog_get_report (GLOSSA_EXCHANGE_IMPORT_DIALOG (dialog)));
      g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (other)), ==, 0);
      g_assert_cmpuint (annotations->len, ==, 0);
    }
  else
    {
      g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (other)), ==, 2);
      g_assert_cmpuint (annotations->len, ==, f->n_annotations);
    }
  close_dialog (dialog);
}

static void
activated_cb (GtkWidget *dialog,
              gint64     article_id,
              gint64     start,
              gint64     end,
              gint64    *out)
{
  out[0] = article_id;
  out[1] = start;
  out[2] = end;
}

static void
test_agreement (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *dialog = g_object_ref (glossa_agreement_dialog_new (NULL, f->library));
  GlossaAgreementDialog *d = GLOSSA_AGREEMENT_DIALOG (dialog);
  g_autoptr(GlossaCoding) a = NULL;
  g_autoptr(GlossaCoding) b = NULL;
  g_autoptr(GlossaAgreement) expected = NULL;
  g_autoptr(GError) error = NULL;
  const GlossaAgreement *shown;
  gint64 activated[3] = { 0, 0, 0 };

  /* The dropdowns offer the library's coders. */
  {
    g_auto(GStrv) coders = glossa_library_list_authors (f->library, &error);
    const char *expected_coders[] = { "alice", "bob", NULL };

    g_assert_no_error (error);
    g_assert_cmpstrv (coders, expected_coders);
  }

  a = glossa_coding_new_from_library (f->library, "alice", &error);
  g_assert_no_error (error);
  b = glossa_coding_new_from_library (f->library, "bob", &error);
  g_assert_no_error (error);
  expected = glossa_agreement_compute (a, b);

  maybe_screenshot (dialog, "agreement-dialog-empty.png");
  glossa_agreement_dialog_compare_coders (d, "alice", "bob");
  g_assert_true (glossa_agreement_dialog_get_running (d));
  wait_while_running (G_OBJECT (dialog));
  shown = glossa_agreement_dialog_get_agreement (d);
  g_assert_nonnull (shown);
  g_assert_cmpstr (shown->coder_a, ==, "alice");
  g_assert_cmpuint (shown->rows->len, ==, expected->rows->len);
  g_assert_cmpuint (shown->disagreements->len, ==, expected->disagreements->len);
  g_assert_cmpuint (expected->disagreements->len, >, 0);

  /* Row 0 is the overall row, then one per tag, as the core computed them. */
  for (guint r = 0; r <= expected->rows->len; r++)
    {
      const GlossaAgreementRow *row = r == 0 ? expected->overall
                                             : g_ptr_array_index (expected->rows, r - 1);
      g_autofree char *chars = glossa_agreement_dialog_dup_cell (d, r, GLOSSA_AGREEMENT_COLUMN_CHARACTERS);
      g_autofree char *both = glossa_agreement_dialog_dup_cell (d, r, GLOSSA_AGREEMENT_COLUMN_BOTH);
      g_autofree char *only_a = glossa_agreement_dialog_dup_cell (d, r, GLOSSA_AGREEMENT_COLUMN_ONLY_A);
      g_autofree char *only_b = glossa_agreement_dialog_dup_cell (d, r, GLOSSA_AGREEMENT_COLUMN_ONLY_B);
      g_autofree char *kappa = glossa_agreement_dialog_dup_cell (d, r, GLOSSA_AGREEMENT_COLUMN_KAPPA);
      g_autofree char *alpha = glossa_agreement_dialog_dup_cell (d, r, GLOSSA_AGREEMENT_COLUMN_ALPHA);
      g_autofree char *tag = glossa_agreement_dialog_dup_cell (d, r, GLOSSA_AGREEMENT_COLUMN_TAG);

      g_assert_cmpint (g_ascii_strtoll (chars, NULL, 10), ==, row->n_chars);
      g_assert_cmpint (g_ascii_strtoll (both, NULL, 10), ==, row->both);
      g_assert_cmpint (g_ascii_strtoll (only_a, NULL, 10), ==, row->only_a);
      g_assert_cmpint (g_ascii_strtoll (only_b, NULL, 10), ==, row->only_b);
      if (isnan (row->kappa))
        g_assert_cmpstr (kappa, ==, "—");
      else
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (kappa, NULL), row->kappa, 0.0005);
      if (isnan (row->alpha_u))
        g_assert_cmpstr (alpha, ==, "—");
      else
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (alpha, NULL), row->alpha_u, 0.0005);
      if (r > 0)
        g_assert_cmpstr (tag, ==, row->tag);
    }
  g_assert_null (glossa_agreement_dialog_dup_cell (d, expected->rows->len + 1,
                                                   GLOSSA_AGREEMENT_COLUMN_TAG));

  /* Activating each disagreement names its article and range. */
  g_signal_connect (dialog, "disagreement-activated", G_CALLBACK (activated_cb), activated);
  for (guint i = 0; i < expected->disagreements->len; i++)
    {
      const GlossaDisagreement *dis = g_ptr_array_index (expected->disagreements, i);
      gint64 article = glossa_library_find_uuid (f->library, GLOSSA_TRASH_ARTICLE,
                                                 dis->article_uuid, &error);

      g_assert_no_error (error);
      activated[0] = 0;
      glossa_agreement_dialog_activate_disagreement (d, i);
      g_assert_cmpint (activated[0], ==, article);
      g_assert_cmpint (activated[1], ==, dis->start);
      g_assert_cmpint (activated[2], ==, dis->end);
      g_assert_true (article == f->article_one || article == f->article_two);
    }

  maybe_screenshot (dialog, "agreement-dialog.png");
  close_dialog (dialog);
}

/* Comparing on the chosen articles only: the second one holds every
 * Evidence span, so that tag's counts stay and only its length changes. */
static void
test_agreement_articles (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *dialog = g_object_ref (glossa_agreement_dialog_new (NULL, f->library));
  GlossaAgreementDialog *d = GLOSSA_AGREEMENT_DIALOG (dialog);
  g_autoptr(GlossaCoding) a = NULL;
  g_autoptr(GlossaCoding) b = NULL;
  g_autoptr(GlossaAgreement) all = NULL;
  g_autoptr(GlossaArticle) two = NULL;
  g_autoptr(GError) error = NULL;
  const GlossaAgreement *shown;
  const GlossaAgreementRow *evidence = NULL, *evidence_all = NULL;

  a = glossa_coding_new_from_library (f->library, "alice", &error);
  g_assert_no_error (error);
  b = glossa_coding_new_from_library (f->library, "bob", &error);
  g_assert_no_error (error);
  all = glossa_agreement_compute (a, b);
  two = glossa_library_get_article (f->library, f->article_two, &error);
  g_assert_no_error (error);

  glossa_agreement_dialog_set_articles (d, &f->article_two, 1);
  glossa_agreement_dialog_compare_coders (d, "alice", "bob");
  wait_while_running (G_OBJECT (dialog));
  shown = glossa_agreement_dialog_get_agreement (d);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->n_articles, ==, 1);
  g_assert_cmpuint (all->n_articles, ==, 2);

  for (guint i = 0; i < shown->rows->len; i++)
    if (g_strcmp0 (((GlossaAgreementRow *) g_ptr_array_index (shown->rows, i))->tag, f->evidence_name) == 0)
      evidence = g_ptr_array_index (shown->rows, i);
  for (guint i = 0; i < all->rows->len; i++)
    if (g_strcmp0 (((GlossaAgreementRow *) g_ptr_array_index (all->rows, i))->tag, f->evidence_name) == 0)
      evidence_all = g_ptr_array_index (all->rows, i);
  g_assert_nonnull (evidence);
  g_assert_nonnull (evidence_all);
  g_assert_cmpint (evidence->n_chars, ==, glossa_article_get_length (two));
  g_assert_cmpint (evidence->both, ==, evidence_all->both);
  g_assert_cmpint (evidence->only_a, ==, evidence_all->only_a);
  g_assert_cmpint (evidence->only_b, ==, evidence_all->only_b);
  for (guint i = 0; i < shown->disagreements->len; i++)
    g_assert_cmpstr (((GlossaDisagreement *) g_ptr_array_index (shown->disagreements, i))->article_uuid,
                     ==, glossa_article_get_uuid (two));

  /* Back to all articles: the core's numbers for the whole library. */
  glossa_agreement_dialog_set_articles (d, NULL, 0);
  glossa_agreement_dialog_compare_coders (d, "alice", "bob");
  wait_while_running (G_OBJECT (dialog));
  shown = glossa_agreement_dialog_get_agreement (d);
  g_assert_cmpuint (shown->n_articles, ==, 2);
  g_assert_cmpint (shown->overall->both, ==, all->overall->both);

  close_dialog (dialog);
}

static void
test_agreement_files (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path_a = g_build_filename (f->dir, "a.xml", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.xml", NULL);
  g_autoptr(GFile) file_a = g_file_new_for_path (path_a);
  g_autoptr(GFile) file_bad = g_file_new_for_path (bad);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = g_object_ref (glossa_agreement_dialog_new (NULL, f->library));
  GlossaAgreementDialog *d = GLOSSA_AGREEMENT_DIALOG (dialog);
  const GlossaAgreement *shown;

  /* A file compared with itself agrees fully. */
  g_assert_true (glossa_xml_export_to_path (f->library, NULL, path_a, NULL, &error));
  g_assert_no_error (error);
  glossa_agreement_dialog_compare_files (d, file_a, file_a);
  wait_while_running (G_OBJECT (dialog));
  shown = glossa_agreement_dialog_get_agreement (d);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->n_articles, ==, 2);
  g_assert_cmpuint (shown->disagreements->len, ==, 0);
  g_assert_cmpfloat (shown->overall->kappa, ==, 1.0);

  /* A broken file: an error sentence, and the last result is kept. */
  g_assert_true (g_file_set_contents (bad, "<glossa", -1, &error));
  glossa_agreement_dialog_compare_files (d, file_a, file_bad);
  wait_while_running (G_OBJECT (dialog));
  g_assert_nonnull (glossa_agreement_dialog_get_error (d));
  g_assert_true (glossa_agreement_dialog_get_agreement (d) == shown);

  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() picks the C locale; screenshots want the user's. */
  if (g_getenv ("GLOSSA_SCREENSHOT_DIR") != NULL)
    setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GLOSSA_LOCALEDIR") != NULL
                                   ? g_getenv ("GLOSSA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  (void) glossa_get_resource ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/glossa/Glossa/icons");

  g_test_add ("/exchange-dialogs/export/formats", Fixture, NULL, fixture_setup,
              test_export_formats, fixture_teardown);
  g_test_add ("/exchange-dialogs/export/default-name", Fixture, NULL, fixture_setup,
              test_export_default_name, fixture_teardown);
  g_test_add ("/exchange-dialogs/export/cancel", Fixture, NULL, fixture_setup,
              test_export_cancel, fixture_teardown);
  g_test_add ("/exchange-dialogs/export/failure", Fixture, NULL, fixture_setup,
              test_export_failure, fixture_teardown);
  g_test_add ("/exchange-dialogs/import", Fixture, NULL, fixture_setup,
              test_import, fixture_teardown);
  g_test_add ("/exchange-dialogs/import-cancel", Fixture, NULL, fixture_setup,
              test_import_cancel, fixture_teardown);
  g_test_add ("/exchange-dialogs/agreement/coders", Fixture, NULL, fixture_setup,
              test_agreement, fixture_teardown);
  g_test_add ("/exchange-dialogs/agreement/articles", Fixture, NULL, fixture_setup,
              test_agreement_articles, fixture_teardown);
  g_test_add ("/exchange-dialogs/agreement/files", Fixture, NULL, fixture_setup,
              test_agreement_files, fixture_teardown);

  return g_test_run ();
}
