/* test-jsonld.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * W3C Web Annotation export: the collection's shape, positions that are
 * code points of the article text, and every annotation through the 54
 * MUST checks of the W3C test suite (node + ajv; skipped only without node).
 */
#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "glossa-jsonld.h"
#include "exchange-common.h"

static JsonObject *
find_selector (JsonObject *target,
               const char *type)
{
  JsonArray *selectors = json_object_get_array_member (target, "selector");

  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);

      if (g_strcmp0 (json_object_get_string_member (selector, "type"), type) == 0)
        return selector;
    }

  return NULL;
}

static void
test_shape (ExchangeFixture *fx,
            gconstpointer    data)
{
  g_autofree char *path = fixture_path (fx, "all.jsonld");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *collection, *page;
  JsonArray *items;
  guint n_positioned = 0, n_links = 0, n_tagging = 0;

  g_assert_true (glossa_jsonld_export_to_path (fx->library, NULL, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);

  collection = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  page = json_object_get_object_member (collection, "first");
  items = json_object_get_array_member (page, "items");
  /* 5 annotations and 2 links */
  g_assert_cmpuint (json_array_get_length (items), ==, 7);
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, 7);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *id = json_object_get_string_member (item, "id");
      JsonObject *target, *quote, *position;
      g_autoptr(GlossaAnnotation) annotation = NULL;
      g_autoptr(GlossaExtracted) content = NULL;
      g_autofree char *slice = NULL;

      g_assert_true (g_str_has_prefix (id, "urn:uuid:"));
      if (g_strcmp0 (json_object_get_string_member (item, "motivation"), "linking") == 0)
        {
          n_links++;
          continue;
        }

      annotation = glossa_library_lookup_annotation (fx->library, id + strlen ("urn:uuid:"), &error);
      g_assert_no_error (error);
      target = json_object_get_object_member (item, "target");
      quote = find_selector (target, "TextQuoteSelector");
      g_assert_nonnull (quote);
      g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==, glossa_annotation_get_quote (annotation));

      position = find_selector (target, "TextPositionSelector");
      if (glossa_annotation_get_orphaned (annotation))
        {
          g_assert_null (position);
          continue;
        }
      g_assert_nonnull (position);
      content = glossa_library_load_content (fx->library, glossa_annotation_get_article_id (annotation), &error);
      g_assert_no_error (error);
      slice = g_utf8_substring (content->text, json_object_get_int_member (position, "start"),
                                json_object_get_int_member (position, "end"));
      g_assert_cmpstr (slice, ==, json_object_get_string_member (quote, "exact"));
      n_positioned++;

      if (json_object_has_member (item, "body"))
        {
          JsonArray *bodies = json_object_get_array_member (item, "body");

          for (guint k = 0; k < json_array_get_length (bodies); k++)
            {
              JsonObject *body = json_array_get_object_element (bodies, k);

              if (g_strcmp0 (json_object_get_string_member (body, "purpose"), "tagging") == 0)
                n_tagging++;
              else
                g_assert_cmpstr (json_object_get_string_member (body, "value"), ==,
                                 glossa_annotation_get_note (annotation));
            }
        }
    }

  g_assert_cmpuint (n_positioned, ==, 4);
  g_assert_cmpuint (n_links, ==, 2);
  /* Claim; 证据 + Statistic; Statistic (the orphan's Claim is not positioned) */
  g_assert_cmpuint (n_tagging, ==, 4);
}

static void
test_w3c_musts (ExchangeFixture *fx,
                gconstpointer    data)
{
  g_autofree char *path = fixture_path (fx, "all.jsonld");
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "w3c-validate.sh", NULL);
  g_autofree char *standards = g_build_filename (g_getenv ("GLOSSA_SHARED_DIR"), "standards",
                                                 "w3c-web-annotation", NULL);
  const char *build = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { "/bin/sh", script, build, standards, path, NULL };

  g_assert_true (glossa_jsonld_export_to_path (fx->library, NULL, path, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);

  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip (err);
      return;
    }
  g_test_message ("%s%s", out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_nonnull (strstr (out, "7 annotations × 54 MUST checks: all pass"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/jsonld/shape", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_shape, exchange_fixture_tear_down);
  g_test_add ("/jsonld/w3c-musts", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_w3c_musts, exchange_fixture_tear_down);

  return g_test_run ();
}
