/* glossa-cli-output.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Output helpers of glossa-cli: one-line text, times, and the JSON form of
 * the model objects.
 */
#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "glossa-cli-private.h"

void
glossa_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
glossa_cli_print_trashed (gint64 id,
                          gint64 trash_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "trash_id");
  json_builder_add_int_value (builder, trash_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  glossa_cli_print_json (root);
}

gboolean
glossa_cli_parse_id (const char  *str,
                     gint64      *id,
                     GError     **error)
{
  char *end = NULL;
  gint64 value;

  errno = 0;
  value = g_ascii_strtoll (str, &end, 10);
  if (*str == '\0' || end == NULL || *end != '\0' || errno != 0 || value <= 0)
    return glossa_cli_usage (error, _("“%s” is not an id: ids are whole numbers from 1."), str);

  *id = value;

  return TRUE;
}

/* Runs of whitespace (newlines, tabs, no-break and ideographic spaces,
 * blank lines of spaces) become one space, so that one item stays on one
 * line and tab-separated fields stay fields. */
static char *
collapse_spaces (const char *text,
                 gboolean    trim)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x3000)
        {
          if ((out->len > 0 || !trim) && (out->len == 0 || out->str[out->len - 1] != ' '))
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }

  if (trim)
    while (out->len > 0 && out->str[out->len - 1] == ' ')
      g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

char *
glossa_cli_one_line (const char *text)
{
  return collapse_spaces (text, TRUE);
}

/* The same, keeping a space at either end: for the pieces of a keyword in
 * context, where it separates them. */
char *
glossa_cli_one_line_untrimmed (const char *text)
{
  return collapse_spaces (text, FALSE);
}

char *
glossa_cli_format_time (gint64   usec,
                        gboolean iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (usec <= 0)
    return iso ? NULL : g_strdup ("");

  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (utc == NULL)
    return iso ? NULL : g_strdup ("");

  if (iso)
    return g_date_time_format_iso8601 (utc);

  local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

const char *
glossa_cli_direction_name (GlossaLinkDirection direction)
{
  switch (direction)
    {
    case GLOSSA_LINK_ONE_WAY:
      return "one-way";
    case GLOSSA_LINK_BIDIRECTIONAL:
      return "bidirectional";
    case GLOSSA_LINK_ASSOCIATIVE:
      return "associative";
    default:
      return "unknown";
    }
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       usec)
{
  g_autofree char *text = glossa_cli_format_time (usec, TRUE);

  add_string (builder, name, text);
}

JsonNode *
glossa_cli_article_json (GlossaArticle *article)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "id", glossa_article_get_id (article));
  add_string (builder, "uuid", glossa_article_get_uuid (article));
  add_string (builder, "title", glossa_article_get_title (article));
  add_string (builder, "byline", glossa_article_get_byline (article));
  add_string (builder, "published", glossa_article_get_published (article));
  add_string (builder, "site_name", glossa_article_get_site_name (article));
  add_string (builder, "source", glossa_article_get_source (article));
  add_string (builder, "format", glossa_article_get_format (article));
  add_string (builder, "encoding", glossa_article_get_encoding (article));
  add_string (builder, "language", glossa_article_get_language (article));
  add_string (builder, "direction", glossa_article_get_direction (article));
  add_string (builder, "sha256", glossa_article_get_sha256 (article));
  add_time (builder, "imported", glossa_article_get_imported (article));
  add_time (builder, "modified", glossa_article_get_modified (article));
  add_int (builder, "length", glossa_article_get_length (article));
  add_int (builder, "annotation_count", glossa_article_get_annotation_count (article));
  add_bool (builder, "best_effort", glossa_article_get_best_effort (article));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
glossa_cli_tag_path (GlossaLibrary *library,
                     gint64         tag_id)
{
  g_autoptr(GString) path = NULL;
  guint guard = 0;

  while (tag_id != 0 && guard++ < 64)
    {
      g_autoptr(GlossaTag) tag = glossa_library_get_tag (library, tag_id, NULL);

      if (tag == NULL)
        break;

      if (path == NULL)
        path = g_string_new (glossa_tag_get_name (tag));
      else
        {
          g_string_prepend (path, "/");
          g_string_prepend (path, glossa_tag_get_name (tag));
        }
      tag_id = glossa_tag_get_parent_id (tag);
    }

  return path != NULL ? g_string_free (g_steal_pointer (&path), FALSE) : NULL;
}

JsonNode *
glossa_cli_tag_json (GlossaLibrary *library,
                     GlossaTag     *tag)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *path = glossa_cli_tag_path (library, glossa_tag_get_id (tag));

  json_builder_begin_object (builder);
  add_int (builder, "id", glossa_tag_get_id (tag));
  add_string (builder, "uuid", glossa_tag_get_uuid (tag));
  add_string (builder, "name", glossa_tag_get_name (tag));
  add_string (builder, "path", path);
  add_int (builder, "parent_id", glossa_tag_get_parent_id (tag));
  add_string (builder, "color", glossa_tag_get_color (tag));
  add_int (builder, "key", glossa_tag_get_key (tag));
  add_string (builder, "description", glossa_tag_get_description (tag));
  add_int (builder, "depth", glossa_tag_get_depth (tag));
  add_int (builder, "count", glossa_tag_get_count (tag));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
glossa_cli_annotation_tags (GlossaLibrary    *library,
                            GlossaAnnotation *annotation)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_tags = 0;
  const gint64 *ids = glossa_annotation_get_tag_ids (annotation, &n_tags);

  for (guint i = 0; i < n_tags; i++)
    {
      g_autofree char *path = glossa_cli_tag_path (library, ids[i]);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, path != NULL ? path : "?");
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

JsonNode *
glossa_cli_annotation_json (GlossaLibrary    *library,
                            GlossaAnnotation *annotation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_tags = 0;
  const gint64 *ids = glossa_annotation_get_tag_ids (annotation, &n_tags);

  json_builder_begin_object (builder);
  add_int (builder, "id", glossa_annotation_get_id (annotation));
  add_string (builder, "uuid", glossa_annotation_get_uuid (annotation));
  add_int (builder, "article_id", glossa_annotation_get_article_id (annotation));
  add_int (builder, "start", glossa_annotation_get_start (annotation));
  add_int (builder, "end", glossa_annotation_get_end (annotation));
  add_string (builder, "quote", glossa_annotation_get_quote (annotation));
  add_string (builder, "prefix", glossa_annotation_get_prefix (annotation));
  add_string (builder, "suffix", glossa_annotation_get_suffix (annotation));
  add_string (builder, "note", glossa_annotation_get_note (annotation));
  add_string (builder, "author", glossa_annotation_get_author (annotation));
  add_time (builder, "created", glossa_annotation_get_created (annotation));
  add_time (builder, "modified", glossa_annotation_get_modified (annotation));
  add_bool (builder, "orphaned", glossa_annotation_get_orphaned (annotation));
  add_int (builder, "link_count", glossa_annotation_get_link_count (annotation));

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_tags; i++)
    {
      g_autofree char *path = glossa_cli_tag_path (library, ids[i]);

      json_builder_begin_object (builder);
      add_int (builder, "id", ids[i]);
      add_string (builder, "path", path);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
glossa_cli_link_json (GlossaLink *link)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "id", glossa_link_get_id (link));
  add_string (builder, "uuid", glossa_link_get_uuid (link));
  add_int (builder, "from", glossa_link_get_from_id (link));
  add_int (builder, "to", glossa_link_get_to_id (link));
  add_string (builder, "type", glossa_link_get_link_type (link));
  add_string (builder, "direction", glossa_cli_direction_name (glossa_link_get_direction (link)));
  add_string (builder, "note", glossa_link_get_note (link));
  add_time (builder, "created", glossa_link_get_created (link));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
glossa_cli_extracted_json (const GlossaExtracted *extracted)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "title", extracted->title);
  add_string (builder, "byline", extracted->byline);
  add_string (builder, "published", extracted->published);
  add_string (builder, "site_name", extracted->site_name);
  add_string (builder, "language", extracted->language);
  add_string (builder, "direction", extracted->direction);
  add_string (builder, "encoding", extracted->encoding);
  add_string (builder, "format", extracted->format);
  add_bool (builder, "best_effort", extracted->best_effort);
  add_int (builder, "length", extracted->length);
  add_string (builder, "text", extracted->text);

  json_builder_set_member_name (builder, "blocks");
  json_builder_begin_array (builder);
  for (guint i = 0; extracted->blocks != NULL && i < extracted->blocks->len; i++)
    {
      const GlossaBlock *block = &g_array_index (extracted->blocks, GlossaBlock, i);

      json_builder_begin_object (builder);
      add_string (builder, "kind", glossa_block_kind_to_string (block->kind));
      add_int (builder, "level", block->level);
      add_int (builder, "start", block->start);
      add_int (builder, "end", block->end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (guint i = 0; extracted->links != NULL && i < extracted->links->len; i++)
    {
      const GlossaLinkSpan *span = &g_array_index (extracted->links, GlossaLinkSpan, i);

      json_builder_begin_object (builder);
      add_int (builder, "start", span->start);
      add_int (builder, "end", span->end);
      add_string (builder, "href", span->href);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
