/* test-xml.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Glossa XML: exports validate against data/glossa.rng, survive a round
 * trip item by item, re-import changes nothing, conflicts go to the newer
 * side, and hostile files are refused without touching the library.
 */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "glossa-export.h"
#include "glossa-xml.h"
#include "exchange-common.h"

static void
assert_valid (const char *path)
{
  g_autofree char *rng = g_build_filename (g_getenv ("GLOSSA_DATA_DIR"), "glossa.rng", NULL);
  xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt (rng);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (parser);
  xmlRelaxNGValidCtxtPtr valid;
  xmlDocPtr doc;

  g_assert_nonnull (schema);
  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  valid = xmlRelaxNGNewValidCtxt (schema);
  g_assert_cmpint (xmlRelaxNGValidateDoc (valid, doc), ==, 0);

  xmlRelaxNGFreeValidCtxt (valid);
  xmlFreeDoc (doc);
  xmlRelaxNGFree (schema);
  xmlRelaxNGFreeParserCtxt (parser);
}

static char *
export_all (ExchangeFixture         *fx,
            GlossaLibrary           *library,
            const GlossaExportScope *scope,
            const char              *name)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (fx, name);

  g_assert_true (glossa_xml_export_to_path (library, scope, path, NULL, &error));
  g_assert_no_error (error);
  assert_valid (path);

  return path;
}

static GlossaImportReport *
import_ok (GlossaLibrary *library,
           const char    *path)
{
  g_autoptr(GError) error = NULL;
  GlossaImportReport *report = NULL;

  g_assert_true (glossa_xml_import (library, path, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static void
test_round_trip (ExchangeFixture *fx,
                 gconstpointer    data)
{
  g_autofree char *path = export_all (fx, fx->library, NULL, "all.xml");
  g_autoptr(GlossaLibrary) target = fixture_empty_library (fx, "target.glossa");
  g_autoptr(GlossaImportReport) report = import_ok (target, path);
  g_autofree char *expected = dump_library (fx->library);
  g_autofree char *got = dump_library (target);
  g_autofree char *contents = NULL;

  /* 3 tags + 3 articles + 5 annotations + 2 links */
  g_assert_cmpuint (report->n_added, ==, 13);
  g_assert_cmpuint (report->n_updated, ==, 0);
  g_assert_cmpstr (got, ==, expected);

  /* the control character went as base64, the markup escaped */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "encoding=\"base64\""));
  g_assert_nonnull (strstr (contents, "&lt;summaries&gt; &amp;"));
  g_assert_nonnull (strstr (contents, "人工智能是互联网的解药"));
}

static void
test_reimport (ExchangeFixture *fx,
               gconstpointer    data)
{
  g_autofree char *path = export_all (fx, fx->library, NULL, "all.xml");
  g_autoptr(GlossaLibrary) target = fixture_empty_library (fx, "target.glossa");
  g_autoptr(GlossaImportReport) first = import_ok (target, path);
  g_autofree char *before = dump_library (target);
  g_autoptr(GlossaImportReport) second = import_ok (target, path);
  g_autofree char *after = dump_library (target);

  g_assert_cmpuint (second->n_added, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 0);
  g_assert_cmpuint (second->n_kept, ==, 0);
  g_assert_cmpuint (second->n_unchanged, ==, first->n_added);
  g_assert_cmpstr (after, ==, before);

  /* importing into the library it came from changes nothing either */
  {
    g_autofree char *source_before = dump_library (fx->library);
    g_autoptr(GlossaImportReport) third = import_ok (fx->library, path);
    g_autofree char *source_after = dump_library (fx->library);

    g_assert_cmpuint (third->n_added, ==, 0);
    g_assert_cmpstr (source_after, ==, source_before);
  }
}

static const GlossaImportConflict *
find_conflict (GlossaImportReport *report,
               const char         *uuid)
{
  for (guint i = 0; report->conflicts != NULL && i < report->conflicts->len; i++)
    {
      const GlossaImportConflict *conflict = g_ptr_array_index (report->conflicts, i);

      if (g_ascii_strcasecmp (conflict->uuid, uuid) == 0)
        return conflict;
    }

  return NULL;
}

static void
set_note (GlossaLibrary *library,
          const char    *uuid,
          const char    *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaAnnotation) annotation = glossa_library_lookup_annotation (library, uuid, &error);

  g_assert_no_error (error);
  g_usleep (2000);   /* so that every change has its own microsecond */
  g_assert_true (glossa_library_set_annotation_note (library, glossa_annotation_get_id (annotation), note, &error));
  g_assert_no_error (error);
}

static char *
note_of (GlossaLibrary *library,
         const char    *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaAnnotation) annotation = glossa_library_lookup_annotation (library, uuid, &error);

  g_assert_no_error (error);
  return g_strdup (glossa_annotation_get_note (annotation));
}

static void
test_conflict (ExchangeFixture *fx,
               gconstpointer    data)
{
  g_autofree char *path = export_all (fx, fx->library, NULL, "all.xml");
  g_autoptr(GlossaLibrary) target = fixture_empty_library (fx, "target.glossa");
  g_autoptr(GlossaImportReport) first = import_ok (target, path);
  g_autoptr(GlossaImportReport) report = NULL;
  g_autoptr(GlossaAnnotation) claim = glossa_library_get_annotation (fx->library, fx->annotation_claim, NULL);
  g_autoptr(GlossaAnnotation) en = glossa_library_get_annotation (fx->library, fx->annotation_en, NULL);
  g_autofree char *claim_uuid = g_strdup (glossa_annotation_get_uuid (claim));
  g_autofree char *en_uuid = g_strdup (glossa_annotation_get_uuid (en));
  g_autofree char *second_path = NULL;
  g_autofree char *claim_note = NULL;
  g_autofree char *en_note = NULL;
  const GlossaImportConflict *conflict;

  /* Both sides change both annotations; the claim last in the source, the
   * English one last in the target. */
  set_note (fx->library, en_uuid, "source, early");
  set_note (target, claim_uuid, "target, early");
  set_note (fx->library, claim_uuid, "source, late");
  set_note (target, en_uuid, "target, late");

  second_path = export_all (fx, fx->library, NULL, "second.xml");
  report = import_ok (target, second_path);

  claim_note = note_of (target, claim_uuid);
  en_note = note_of (target, en_uuid);
  g_assert_cmpstr (claim_note, ==, "source, late");
  g_assert_cmpstr (en_note, ==, "target, late");

  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->n_updated, ==, 1);
  g_assert_cmpuint (report->n_kept, ==, 1);
  conflict = find_conflict (report, claim_uuid);
  g_assert_true (conflict != NULL && conflict->took_file);
  g_assert_true (conflict != NULL && conflict->kind == GLOSSA_TRASH_ANNOTATION);
  conflict = find_conflict (report, en_uuid);
  g_assert_true (conflict != NULL && !conflict->took_file);

  /* the winner is taken whole, times included */
  {
    g_autoptr(GlossaAnnotation) mine = glossa_library_lookup_annotation (target, claim_uuid, NULL);
    g_autoptr(GlossaAnnotation) theirs = glossa_library_get_annotation (fx->library, fx->annotation_claim, NULL);

    g_assert_cmpint (glossa_annotation_get_modified (mine), ==, glossa_annotation_get_modified (theirs));
  }
}

static void
test_scope (ExchangeFixture *fx,
            gconstpointer    data)
{
  g_autoptr(GlossaExportScope) by_article = glossa_export_scope_new ();
  g_autoptr(GlossaExportScope) by_tag = glossa_export_scope_new ();
  g_autofree char *article_path = NULL;
  g_autofree char *tag_path = NULL;
  g_autoptr(GlossaLibrary) one = fixture_empty_library (fx, "one.glossa");
  g_autoptr(GlossaLibrary) claims = fixture_empty_library (fx, "claims.glossa");
  g_autoptr(GlossaImportReport) r1 = NULL;
  g_autoptr(GlossaImportReport) r2 = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) links = NULL;

  glossa_export_scope_add_article (by_article, fx->article_en);
  article_path = export_all (fx, fx->library, by_article, "article.xml");
  r1 = import_ok (one, article_path);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (one)), ==, 1);
  annotations = glossa_library_list_annotations (one, 0, 0, NULL);
  g_assert_cmpuint (annotations->len, ==, 1);
  /* its one link leads out of the export and is left out */
  links = glossa_library_list_links (one, 0, NULL);
  g_assert_cmpuint (links->len, ==, 0);
  /* the whole codebook goes along */
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_tags (one)), ==, 3);

  glossa_export_scope_add_tag (by_tag, fx->tag_claim);
  tag_path = export_all (fx, fx->library, by_tag, "claims.xml");
  r2 = import_ok (claims, tag_path);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (claims)), ==, 2);
  g_clear_pointer (&annotations, g_ptr_array_unref);
  annotations = glossa_library_list_annotations (claims, 0, 0, NULL);
  g_assert_cmpuint (annotations->len, ==, 2);
  for (guint i = 0; i < annotations->len; i++)
    g_assert_cmpuint (glossa_annotation_get_tag_ids (g_ptr_array_index (annotations, i), NULL) != NULL, ==, TRUE);
}

/* Two libraries that both made a "Claim" code: the file's Claim is ours,
 * whatever its uuid, and no second Claim appears. */
static void
test_merge_by_name (ExchangeFixture *fx,
                    gconstpointer    data)
{
  g_autofree char *path = export_all (fx, fx->library, NULL, "all.xml");
  g_autoptr(GlossaLibrary) target = fixture_empty_library (fx, "target.glossa");
  g_autoptr(GlossaImportReport) report = NULL;
  g_autoptr(GlossaTag) ours = NULL;
  g_autoptr(GlossaTag) theirs = glossa_library_get_tag (fx->library, fx->tag_claim, NULL);
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;
  guint n_claims = 0;
  gint64 id;

  id = glossa_library_add_tag (target, "Claim", 0, "#000000", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  report = import_ok (target, path);

  ours = glossa_library_get_tag (target, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossa_tag_get_uuid (ours), !=, glossa_tag_get_uuid (theirs));
  for (guint i = 0; i < g_list_model_get_n_items (glossa_library_get_tags (target)); i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (glossa_library_get_tags (target), i);

      n_claims += g_str_equal (glossa_tag_get_name (tag), "Claim");
    }
  g_assert_cmpuint (n_claims, ==, 1);

  /* the claim and the orphan carry our Claim */
  claimed = glossa_library_list_annotations (target, 0, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 2);
}

/* What the user deleted here stays deleted: an annotation, a tag, an
 * article in the trash are not brought back by importing an older export,
 * nor does the import fail on their uuids. */
static void
test_trash_stays (ExchangeFixture *fx,
                  gconstpointer    data)
{
  g_autofree char *path = export_all (fx, fx->library, NULL, "all.xml");
  g_autoptr(GlossaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* the claim has both links: they go to the trash with it */
  g_assert_cmpint (glossa_library_remove_annotation (fx->library, fx->annotation_claim, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (glossa_library_remove_tag (fx->library, fx->tag_statistic, GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS,
                                              &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (glossa_library_remove_article (fx->library, fx->article_orphan, &error), >, 0);
  g_assert_no_error (error);
  before = dump_library (fx->library);

  report = import_ok (fx->library, path);
  after = dump_library (fx->library);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (report->n_added, ==, 0);
  /* the annotation, the tag, the article and the two links */
  g_assert_cmpuint (report->n_kept, ==, 5);
  links = glossa_library_list_links (fx->library, 0, NULL);
  g_assert_cmpuint (links->len, ==, 0);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
export_in_thread (GlossaLibrary *library,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  glossa_export_async (library, GLOSSA_EXPORT_XML, NULL, path, cancellable, export_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return glossa_export_finish (library, result, error);
}

/* The window's way: the export runs in a thread on its own connection. */
static void
test_async (ExchangeFixture *fx,
            gconstpointer    data)
{
  g_autofree char *path = fixture_path (fx, "async.xml");
  g_autofree char *cancelled_path = fixture_path (fx, "cancelled.xml");
  g_autoptr(GlossaLibrary) target = fixture_empty_library (fx, "target.glossa");
  g_autoptr(GlossaImportReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  GlossaExportFormat format;

  g_assert_true (export_in_thread (fx->library, path, NULL, &error));
  g_assert_no_error (error);
  assert_valid (path);
  report = import_ok (target, path);
  expected = dump_library (fx->library);
  got = dump_library (target);
  g_assert_cmpstr (got, ==, expected);

  g_cancellable_cancel (cancellable);
  g_assert_false (export_in_thread (fx->library, cancelled_path, cancellable, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));

  g_assert_true (glossa_export_format_from_path ("Report.MD", &format));
  g_assert_cmpint (format, ==, GLOSSA_EXPORT_MARKDOWN);
  g_assert_true (glossa_export_format_from_string ("qdpx", &format));
  g_assert_cmpint (format, ==, GLOSSA_EXPORT_QDPX);
  g_assert_false (glossa_export_format_from_path ("notes.pdf", &format));
}

/* Hostile and broken files */

typedef char *(*MakeFile) (const char *valid);

static char *
replace_once (const char *haystack,
              const char *needle,
              const char *replacement)
{
  const char *at = strstr (haystack, needle);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - haystack), haystack, replacement, at + strlen (needle));
}

static char *
root_start (const char *valid)
{
  const char *root = strstr (valid, "<glossa ");

  g_assert_nonnull (root);
  return g_strndup (root, strchr (root, '>') + 1 - root);
}

static char *
make_xxe (const char *valid)
{
  g_autofree char *root = root_start (valid);

  return g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE glossa [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                          "%s<link-types><link-type>&xxe;</link-type></link-types>"
                          "<codebook/><articles/><links/></glossa>\n", root);
}

static char *
make_laughs (const char *valid)
{
  g_autofree char *root = root_start (valid);
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE glossa [\n<!ENTITY lol0 \"lol\">\n");

  for (int i = 1; i < 10; i++)
    g_string_append_printf (s, "<!ENTITY lol%d \"&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;\">\n",
                            i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  g_string_append_printf (s, "]>\n%s<link-types><link-type>&lol9;</link-type></link-types>"
                          "<codebook/><articles/><links/></glossa>\n", root);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
make_deep (const char *valid)
{
  g_autofree char *root = root_start (valid);
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, "<?xml version=\"1.0\"?>\n%s<link-types/><codebook>", root);
  for (int i = 0; i < 100; i++)
    g_string_append_printf (s, "<tag uuid=\"00000000-0000-4000-8000-%012d\" color=\"#000000\" "
                            "created=\"2026-01-01T00:00:00.000000Z\" modified=\"2026-01-01T00:00:00.000000Z\">"
                            "<name>level %d</name>", i, i);
  for (int i = 0; i < 100; i++)
    g_string_append (s, "</tag>");
  g_string_append (s, "</codebook><articles/><links/></glossa>\n");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
make_very_deep (const char *valid)
{
  g_autofree char *root = root_start (valid);
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, "<?xml version=\"1.0\"?>\n%s", root);
  for (int i = 0; i < 100000; i++)
    g_string_append (s, "<a>");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
make_huge_text (const char *valid)
{
  g_autofree char *filler = g_strnfill (12 * 1024 * 1024, 'a');
  const char *part = strstr (valid, "<part>");

  g_assert_nonnull (part);
  return g_strdup_printf ("%.*s<part>%s%s", (int) (part - valid), valid, filler, part + strlen ("<part>"));
}

static char *
make_bad_utf8 (const char *valid)
{
  return replace_once (valid, "人工智能是互联网的解药", "\xff\xfe bad \xc3");
}

static char *
make_wrong_root (const char *valid)
{
  return g_strdup ("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>\n");
}

static char *
make_wrong_namespace (const char *valid)
{
  return replace_once (valid, GLOSSA_XML_NS, "https://example.org/not-glossa");
}

static char *
make_schema_violation (const char *valid)
{
  return replace_once (valid, "<codebook>", "<codebook><bogus/>");
}

static char *
make_bad_time (const char *valid)
{
  g_autofree char *step = replace_once (valid, "created=\"", "created=\"yesterday");
  return step ? g_strdup (step) : NULL;
}

static char *
make_dangling_tag (const char *valid)
{
  const char *ref = strstr (valid, "<tag-ref uuid=\"");
  g_autofree char *head = NULL;

  g_assert_nonnull (ref);
  ref += strlen ("<tag-ref uuid=\"");
  head = g_strndup (valid, ref - valid);
  return g_strconcat (head, "deadbeef-dead-4eef-8eef-deadbeefdead", ref + 36, NULL);
}

static char *
make_dangling_link (const char *valid)
{
  const char *link = strstr (valid, "<link uuid=");
  const char *from;
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;

  g_assert_nonnull (link);
  from = strstr (link, "from=\"");
  head = g_strndup (valid, from + strlen ("from=\"") - valid);
  tail = g_strdup (from + strlen ("from=\"") + 36);
  return g_strconcat (head, "deadbeef-dead-4eef-8eef-deadbeefdead", tail, NULL);
}

static char *
make_bad_span (const char *valid)
{
  /* the second article's annotation reaches past its text: the first
   * article was already merged when this is found */
  const char *quote = strstr (valid, "<quote>42% trust");
  const char *last = g_strrstr_len (valid, quote - valid, "<annotation uuid=");
  const char *end = strstr (last, " end=\"");
  const char *close = strchr (end + 6, '"');

  return g_strdup_printf ("%.*s end=\"99999%s", (int) (end - valid), valid, close);
}

static char *
make_bad_quote (const char *valid)
{
  /* an annotation the target does not have yet: it is checked against the text */
  return replace_once (valid, "<quote>42% trust", "<quote>not what the text says");
}

static char *
make_truncated (const char *valid)
{
  return g_strndup (valid, strlen (valid) * 2 / 3);
}

static char *
make_binary (const char *valid)
{
  return g_strdup ("\x89PNG\r\n\x1a\n\x01\x02garbage");
}

static char *
make_newer_version (const char *valid)
{
  return replace_once (valid, "version=\"1\"", "version=\"7\"");
}

static const struct {
  const char *name;
  MakeFile    make;
  int         code;
  const char *says;
} hostile[] = {
  { "xxe", make_xxe, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, "document type" },
  { "billion-laughs", make_laughs, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, "document type" },
  { "deep-tags", make_deep, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, "nested" },
  { "very-deep", make_very_deep, -1, NULL },
  { "huge-text", make_huge_text, -1, NULL },
  { "bad-utf8", make_bad_utf8, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, "UTF-8" },
  { "wrong-root", make_wrong_root, GLOSSA_EXCHANGE_ERROR_UNSUPPORTED, "<html>" },
  { "wrong-namespace", make_wrong_namespace, GLOSSA_EXCHANGE_ERROR_UNSUPPORTED, "namespace" },
  { "schema-violation", make_schema_violation, GLOSSA_EXCHANGE_ERROR_INVALID, "schema" },
  { "bad-time", make_bad_time, GLOSSA_EXCHANGE_ERROR_INVALID, "schema" },
  { "dangling-tag", make_dangling_tag, GLOSSA_EXCHANGE_ERROR_DANGLING, "deadbeef-dead-4eef-8eef-deadbeefdead" },
  { "dangling-link", make_dangling_link, GLOSSA_EXCHANGE_ERROR_DANGLING, "deadbeef-dead-4eef-8eef-deadbeefdead" },
  { "bad-span", make_bad_span, GLOSSA_EXCHANGE_ERROR_INVALID, "99999" },
  { "bad-quote", make_bad_quote, GLOSSA_EXCHANGE_ERROR_INVALID, "not what the text says" },
  { "truncated", make_truncated, -1, NULL },
  { "binary", make_binary, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, "not an XML document" },
  { "newer-version", make_newer_version, GLOSSA_EXCHANGE_ERROR_UNSUPPORTED, "version 7" },
};

static void
test_hostile (ExchangeFixture *fx,
              gconstpointer    data)
{
  g_autofree char *valid_path = export_all (fx, fx->library, NULL, "valid.xml");
  g_autofree char *valid = NULL;
  g_autoptr(GlossaLibrary) target = fixture_empty_library (fx, "target.glossa");
  g_autofree char *before = NULL;

  g_assert_true (g_file_get_contents (valid_path, &valid, NULL, NULL));

  /* Half of the library is there already, so that a failed merge that
   * touched it would show. */
  {
    g_autoptr(GlossaExportScope) scope = glossa_export_scope_new ();
    g_autofree char *half = NULL;

    glossa_export_scope_add_article (scope, fx->article_zh);
    half = export_all (fx, fx->library, scope, "half.xml");
    glossa_import_report_free (import_ok (target, half));
  }
  before = dump_library (target);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.xml", hostile[i].name);
      g_autofree char *path = fixture_path (fx, name);
      g_autofree char *contents = hostile[i].make (valid);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      GlossaImportReport *report = NULL;

      g_test_message ("hostile file %s", hostile[i].name);
      g_assert_true (g_file_set_contents (path, contents, -1, NULL));

      g_assert_false (glossa_xml_import (target, path, &report, NULL, &error));
      g_assert_null (report);
      g_assert_nonnull (error);
      g_assert_true (error->domain == GLOSSA_EXCHANGE_ERROR);
      if (hostile[i].code >= 0)
        g_assert_cmpint (error->code, ==, hostile[i].code);
      g_test_message ("  → %s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      if (hostile[i].says != NULL)
        g_assert_nonnull (strstr (error->message, hostile[i].says));
      /* one sentence */
      g_assert_null (strchr (error->message, '\n'));

      after = dump_library (target);
      g_assert_cmpstr (after, ==, before);
      g_remove (path);
    }
}

static void
test_sniff (void)
{
  const char *doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<glossa xmlns=\"" GLOSSA_XML_NS "\" version=\"1\">";
  const char *dtd = "<?xml version=\"1.0\"?><!DOCTYPE glossa><glossa xmlns=\"" GLOSSA_XML_NS "\">";

  g_assert_true (glossa_xml_sniff (doc, strlen (doc)));
  g_assert_false (glossa_xml_sniff (dtd, strlen (dtd)));
  g_assert_false (glossa_xml_sniff ("<html><body>", 12));
  g_assert_false (glossa_xml_sniff ("# Markdown", 10));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/sniff", test_sniff);
  g_test_add ("/xml/round-trip", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_round_trip, exchange_fixture_tear_down);
  g_test_add ("/xml/reimport", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_reimport, exchange_fixture_tear_down);
  g_test_add ("/xml/conflict", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_conflict, exchange_fixture_tear_down);
  g_test_add ("/xml/merge-by-name", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_merge_by_name, exchange_fixture_tear_down);
  g_test_add ("/xml/trash-stays", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_trash_stays, exchange_fixture_tear_down);
  g_test_add ("/xml/async", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_async, exchange_fixture_tear_down);
  g_test_add ("/xml/scope", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_scope, exchange_fixture_tear_down);
  g_test_add ("/xml/hostile", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_hostile, exchange_fixture_tear_down);

  return g_test_run ();
}
