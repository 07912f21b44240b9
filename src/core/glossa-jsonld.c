/* glossa-jsonld.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each annotation is built as a small JSON tree and written at once, so the
 * collection streams: memory follows one article, not the library.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <json-glib/json-glib.h>

#include "glossa-exchange-private.h"
#include "glossa-jsonld.h"

#define ANNO_CONTEXT "http://www.w3.org/ns/anno.jsonld"

typedef struct {
  GlossaLibrary           *library;
  const GlossaExportScope *scope;
  GOutputStream           *stream;
  GCancellable            *cancellable;
  GHashTable              *tag_names;   /* id → name */
  GHashTable              *link_ends;   /* annotation id → uuid or NULL */
  guint                    n_items;
} Jsonld;

static gboolean
put (Jsonld      *j,
     const char  *str,
     GError     **error)
{
  return g_output_stream_write_all (j->stream, str, strlen (str), NULL, j->cancellable, error);
}

static gboolean
put_item (Jsonld      *j,
          JsonNode    *node,
          GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, FALSE);
  text = json_generator_to_data (generator, NULL);

  if (!put (j, j->n_items > 0 ? ",\n    " : "\n    ", error) || !put (j, text, error))
    return FALSE;
  j->n_items++;

  return TRUE;
}

static char *
urn (const char *uuid)
{
  g_autofree char *lower = g_ascii_strdown (uuid, -1);

  return g_strconcat ("urn:uuid:", lower, NULL);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       usec)
{
  g_autofree char *str = _glossa_format_time (usec);

  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, str);
}

static void
add_common (JsonBuilder *b,
            const char  *uuid,
            const char  *motivation,
            gint64       created,
            gint64       modified,
            const char  *author)
{
  g_autofree char *id = urn (uuid);

  json_builder_set_member_name (b, "@context");
  json_builder_add_string_value (b, ANNO_CONTEXT);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Annotation");
  json_builder_set_member_name (b, "motivation");
  json_builder_add_string_value (b, motivation);
  add_time (b, "created", created);
  add_time (b, "modified", modified);

  if (author != NULL && *author != 0)
    {
      json_builder_set_member_name (b, "creator");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "Person");
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, author);
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "generator");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "https://glossa.github.io/");
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Software");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "Glossa " PACKAGE_VERSION);
  json_builder_end_object (b);
}

static void
add_textual_body (JsonBuilder *b,
                  const char  *purpose,
                  const char  *value,
                  const char  *language)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "TextualBody");
  json_builder_set_member_name (b, "purpose");
  json_builder_add_string_value (b, purpose);
  json_builder_set_member_name (b, "value");
  json_builder_add_string_value (b, value);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "text/plain");
  if (language != NULL && *language != 0)
    {
      json_builder_set_member_name (b, "language");
      json_builder_add_string_value (b, language);
    }
  json_builder_end_object (b);
}

static gboolean
write_annotation (Jsonld            *j,
                  GlossaArticle     *article,
                  GlossaAnnotation  *annotation,
                  GError           **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *source = urn (glossa_article_get_uuid (article));
  const char *note = glossa_annotation_get_note (annotation);
  const char *prefix = glossa_annotation_get_prefix (annotation);
  const char *suffix = glossa_annotation_get_suffix (annotation);
  gint64 id = glossa_annotation_get_id (annotation);
  const gint64 *tag_ids;
  guint n_tags;

  if (g_hash_table_contains (j->link_ends, &id))
    g_hash_table_insert (j->link_ends, g_memdup2 (&id, sizeof id), urn (glossa_annotation_get_uuid (annotation)));

  tag_ids = glossa_annotation_get_tag_ids (annotation, &n_tags);

  json_builder_begin_object (b);
  add_common (b, glossa_annotation_get_uuid (annotation),
              n_tags > 0 ? "tagging" : note != NULL && *note != 0 ? "commenting" : "highlighting",
              glossa_annotation_get_created (annotation), glossa_annotation_get_modified (annotation),
              glossa_annotation_get_author (annotation));

  if (n_tags > 0 || (note != NULL && *note != 0))
    {
      json_builder_set_member_name (b, "body");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_tags; i++)
        {
          const char *name = g_hash_table_lookup (j->tag_names, &tag_ids[i]);

          if (name != NULL)
            add_textual_body (b, "tagging", name, NULL);
        }
      if (note != NULL && *note != 0)
        add_textual_body (b, "commenting", note, NULL);
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "target");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, source);
  json_builder_set_member_name (b, "selector");
  json_builder_begin_array (b);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "TextQuoteSelector");
  json_builder_set_member_name (b, "exact");
  json_builder_add_string_value (b, glossa_annotation_get_quote (annotation));
  if (prefix != NULL && *prefix != 0)
    {
      json_builder_set_member_name (b, "prefix");
      json_builder_add_string_value (b, prefix);
    }
  if (suffix != NULL && *suffix != 0)
    {
      json_builder_set_member_name (b, "suffix");
      json_builder_add_string_value (b, suffix);
    }
  json_builder_end_object (b);

  /* an orphan's position is only where it used to be */
  if (!glossa_annotation_get_orphaned (annotation))
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "TextPositionSelector");
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, glossa_annotation_get_start (annotation));
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, glossa_annotation_get_end (annotation));
      json_builder_end_object (b);
    }

  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  node = json_builder_get_root (b);
  return put_item (j, node, error);
}

static gboolean
write_link (Jsonld      *j,
            GlossaLink  *link,
            const char  *from,
            const char  *to,
            GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  const char *note = glossa_link_get_note (link);

  json_builder_begin_object (b);
  add_common (b, glossa_link_get_uuid (link), "linking",
              glossa_link_get_created (link), glossa_link_get_modified (link), NULL);

  json_builder_set_member_name (b, "body");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, to);
  json_builder_end_object (b);
  add_textual_body (b, "classifying", glossa_link_get_link_type (link), NULL);
  if (note != NULL && *note != 0)
    add_textual_body (b, "commenting", note, NULL);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, from);
  json_builder_end_object (b);

  node = json_builder_get_root (b);
  return put_item (j, node, error);
}

static gboolean
export_collection (Jsonld  *j,
                   GError **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *collection_id = NULL;
  g_autofree char *now = _glossa_format_time (g_get_real_time ());
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;
  GListModel *tags = glossa_library_get_tags (j->library);

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      g_hash_table_insert (j->tag_names, g_memdup2 (&(gint64) { glossa_tag_get_id (tag) }, sizeof (gint64)),
                           g_strdup (glossa_tag_get_name (tag)));
    }

  links = glossa_library_list_links (j->library, 0, error);
  if (links == NULL)
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (links, i);
      gint64 ends[2] = { glossa_link_get_from_id (link), glossa_link_get_to_id (link) };

      for (guint k = 0; k < 2; k++)
        g_hash_table_insert (j->link_ends, g_memdup2 (&ends[k], sizeof (gint64)), NULL);
    }

  articles = _glossa_scope_articles (j->library, j->scope, error);
  if (articles == NULL)
    return FALSE;

  {
    g_autofree char *uuid = g_uuid_string_random ();
    collection_id = urn (uuid);
  }
  head = g_strdup_printf ("{\n  \"@context\": \"" ANNO_CONTEXT "\",\n"
                          "  \"id\": \"%s\",\n"
                          "  \"type\": \"AnnotationCollection\",\n"
                          "  \"label\": \"Glossa annotations\",\n"
                          "  \"generated\": \"%s\",\n"
                          "  \"first\": {\n"
                          "   \"type\": \"AnnotationPage\",\n"
                          "   \"startIndex\": 0,\n"
                          "   \"items\": [", collection_id, now);
  if (!put (j, head, error))
    return FALSE;

  for (guint i = 0; i < articles->len; i++)
    {
      GlossaArticle *article = g_ptr_array_index (articles, i);
      g_autoptr(GPtrArray) annotations = NULL;

      if (g_cancellable_set_error_if_cancelled (j->cancellable, error))
        return FALSE;
      annotations = _glossa_scope_annotations (j->library, j->scope, glossa_article_get_id (article), error);
      if (annotations == NULL)
        return FALSE;
      for (guint k = 0; k < annotations->len; k++)
        {
          if (!write_annotation (j, article, g_ptr_array_index (annotations, k), error))
            return FALSE;
        }
    }

  for (guint i = 0; i < links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (links, i);
      const char *from = g_hash_table_lookup (j->link_ends, &(gint64) { glossa_link_get_from_id (link) });
      const char *to = g_hash_table_lookup (j->link_ends, &(gint64) { glossa_link_get_to_id (link) });

      if (from != NULL && to != NULL && !write_link (j, link, from, to, error))
        return FALSE;
    }

  /* JSON members have no order, so the count can follow the items */
  tail = g_strdup_printf ("\n   ]\n  },\n  \"total\": %u\n}\n", j->n_items);
  return put (j, tail, error);
}

gboolean
glossa_jsonld_export (GlossaLibrary            *library,
                      const GlossaExportScope  *scope,
                      GOutputStream            *stream,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  Jsonld j = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  j.library = library;
  j.scope = scope;
  j.stream = stream;
  j.cancellable = cancellable;
  j.tag_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  j.link_ends = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  ok = export_collection (&j, error);

  g_hash_table_unref (j.tag_names);
  g_hash_table_unref (j.link_ends);

  return ok;
}

gboolean
glossa_jsonld_export_to_path (GlossaLibrary            *library,
                              const GlossaExportScope  *scope,
                              const char               *path,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(GError) local_error = NULL;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (out != NULL)
    {
      buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 256 * 1024);
      if (glossa_jsonld_export (library, scope, buffered, cancellable, &local_error) &&
          g_output_stream_close (buffered, cancellable, &local_error))
        return TRUE;

      {
        g_autoptr(GCancellable) abort = g_cancellable_new ();

        g_cancellable_cancel (abort);
        g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      }
    }

  g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
               _("Could not write “%s”: %s"), path, local_error->message);
  return FALSE;
}
