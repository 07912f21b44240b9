/* glossa-xml.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Glossa XML: export with xmlTextWriter, import with xmlTextReader checked
 * against data/glossa.rng while it streams, merged by uuid in one
 * transaction.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include <string.h>

#include <libxml/xmlreader.h>
#include <libxml/relaxng.h>

#include "glossa-anchor.h"
#include "glossa-exchange-private.h"
#include "glossa-library-exchange.h"
#include "glossa-xml.h"

#define TEXT_PART_BYTES  (1024 * 1024)
#define MAX_TAG_DEPTH    64
#define MAX_STRING_BYTES (64 * 1024 * 1024)
#define MAX_PROLOGUE     (64 * 1024)

GResource *_glossa_exchange_get_resource (void);

GBytes *
glossa_xml_get_schema (void)
{
  return g_resource_lookup_data (_glossa_exchange_get_resource (),
                                 "/io/github/glossa/Glossa/core/glossa.rng",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/* Export */

typedef struct {
  GlossaLibrary           *library;
  const GlossaExportScope *scope;
  xmlTextWriterPtr         writer;
  GCancellable            *cancellable;
  GError                  *stream_error;
  GHashTable              *tag_uuids;      /* id → uuid */
  GHashTable              *link_ends;      /* annotation id → uuid or NULL */
  GPtrArray               *links;
  gboolean                 failed;
} Export;

#define W(call) G_STMT_START { if ((call) < 0) { ex->failed = TRUE; return FALSE; } } G_STMT_END

static gboolean
write_string (Export     *ex,
              const char *element,
              const char *value)
{
  W (xmlTextWriterStartElement (ex->writer, BAD_CAST element));
  if (value != NULL && *value != 0)
    {
      if (_glossa_xml_needs_base64 (value))
        {
          W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "encoding", BAD_CAST "base64"));
          W (xmlTextWriterWriteBase64 (ex->writer, value, 0, strlen (value)));
        }
      else
        {
          W (xmlTextWriterWriteString (ex->writer, BAD_CAST value));
        }
    }
  W (xmlTextWriterEndElement (ex->writer));

  return TRUE;
}

static gboolean
write_optional_string (Export     *ex,
                       const char *element,
                       const char *value)
{
  if (value == NULL || *value == 0)
    return TRUE;

  return write_string (ex, element, value);
}

static gboolean
write_time (Export     *ex,
            const char *attribute,
            gint64      usec)
{
  g_autofree char *str = _glossa_format_time (usec);

  W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST attribute, BAD_CAST str));
  return TRUE;
}

static gboolean
write_int (Export     *ex,
           const char *attribute,
           gint64      value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" PRId64, value);
  W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST attribute, BAD_CAST buf));
  return TRUE;
}

static gboolean
write_optional_attribute (Export     *ex,
                          const char *attribute,
                          const char *value)
{
  /* metadata that XML cannot carry in an attribute is left out */
  if (value == NULL || *value == 0 || _glossa_xml_needs_base64 (value))
    return TRUE;

  W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST attribute, BAD_CAST value));
  return TRUE;
}

static gboolean
write_codebook (Export *ex)
{
  GListModel *tags = glossa_library_get_tags (ex->library);
  guint n = g_list_model_get_n_items (tags);
  guint open = 0;

  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "codebook"));

  /* The model is the tree in pre-order: close the open tags deeper than
   * this one, then open it. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);
      guint depth = glossa_tag_get_depth (tag);

      for (; open > depth; open--)
        W (xmlTextWriterEndElement (ex->writer));

      g_hash_table_insert (ex->tag_uuids,
                           g_memdup2 (&(gint64) { glossa_tag_get_id (tag) }, sizeof (gint64)),
                           g_ascii_strdown (glossa_tag_get_uuid (tag), -1));

      W (xmlTextWriterStartElement (ex->writer, BAD_CAST "tag"));
      W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "uuid",
                                      g_hash_table_lookup (ex->tag_uuids, &(gint64) { glossa_tag_get_id (tag) })));
      W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "color", BAD_CAST glossa_tag_get_color (tag)));
      if (glossa_tag_get_key (tag) != 0 && !write_int (ex, "key", glossa_tag_get_key (tag)))
        return FALSE;
      if (!write_time (ex, "created", glossa_tag_get_created (tag)) ||
          !write_time (ex, "modified", glossa_tag_get_modified (tag)) ||
          !write_string (ex, "name", glossa_tag_get_name (tag)) ||
          !write_optional_string (ex, "description", glossa_tag_get_description (tag)))
        return FALSE;
      open++;
    }

  for (; open > 0; open--)
    W (xmlTextWriterEndElement (ex->writer));

  W (xmlTextWriterEndElement (ex->writer));
  return TRUE;
}

static gboolean
write_text (Export     *ex,
            const char *text)
{
  gsize len = strlen (text);
  gsize pos = 0;

  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "text"));
  do
    {
      gsize part = MIN (len - pos, TEXT_PART_BYTES);
      g_autofree char *chunk = NULL;

      /* cut on a character boundary */
      while (pos + part < len && (text[pos + part] & 0xC0) == 0x80)
        part--;

      chunk = g_strndup (text + pos, part);
      if (!write_string (ex, "part", chunk))
        return FALSE;
      pos += part;
    }
  while (pos < len);
  W (xmlTextWriterEndElement (ex->writer));

  return TRUE;
}

static gboolean
write_annotation (Export           *ex,
                  GlossaAnnotation *annotation)
{
  const gint64 *tag_ids;
  guint n_tags;
  gint64 id = glossa_annotation_get_id (annotation);
  g_autofree char *uuid = g_ascii_strdown (glossa_annotation_get_uuid (annotation), -1);

  if (g_hash_table_contains (ex->link_ends, &id))
    g_hash_table_insert (ex->link_ends, g_memdup2 (&id, sizeof id), g_strdup (uuid));

  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "annotation"));
  W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "uuid", BAD_CAST uuid));
  if (!write_int (ex, "start", glossa_annotation_get_start (annotation)) ||
      !write_int (ex, "end", glossa_annotation_get_end (annotation)))
    return FALSE;
  if (glossa_annotation_get_orphaned (annotation))
    W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "orphaned", BAD_CAST "true"));
  if (!write_time (ex, "created", glossa_annotation_get_created (annotation)) ||
      !write_time (ex, "modified", glossa_annotation_get_modified (annotation)) ||
      !write_string (ex, "quote", glossa_annotation_get_quote (annotation)) ||
      !write_string (ex, "prefix", glossa_annotation_get_prefix (annotation)) ||
      !write_string (ex, "suffix", glossa_annotation_get_suffix (annotation)) ||
      !write_optional_string (ex, "author", glossa_annotation_get_author (annotation)))
    return FALSE;

  tag_ids = glossa_annotation_get_tag_ids (annotation, &n_tags);
  for (guint i = 0; i < n_tags; i++)
    {
      const char *tag_uuid = g_hash_table_lookup (ex->tag_uuids, &tag_ids[i]);

      if (tag_uuid == NULL)
        continue;
      W (xmlTextWriterStartElement (ex->writer, BAD_CAST "tag-ref"));
      W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "uuid", BAD_CAST tag_uuid));
      W (xmlTextWriterEndElement (ex->writer));
    }

  if (!write_optional_string (ex, "note", glossa_annotation_get_note (annotation)))
    return FALSE;

  W (xmlTextWriterEndElement (ex->writer));
  return TRUE;
}

static gboolean
write_article (Export         *ex,
               GlossaArticle  *article,
               GError        **error)
{
  g_autoptr(GlossaExtracted) content = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *uuid = g_ascii_strdown (glossa_article_get_uuid (article), -1);
  gint64 id = glossa_article_get_id (article);
  const char *sha256 = glossa_article_get_sha256 (article);

  content = glossa_library_load_content (ex->library, id, error);
  if (content == NULL)
    return FALSE;
  annotations = _glossa_scope_annotations (ex->library, ex->scope, id, error);
  if (annotations == NULL)
    return FALSE;

  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "article"));
  W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "uuid", BAD_CAST uuid));
  if (!write_time (ex, "imported", glossa_article_get_imported (article)) ||
      !write_time (ex, "modified", glossa_article_get_modified (article)) ||
      !write_int (ex, "length", content->length) ||
      !write_optional_attribute (ex, "format", glossa_article_get_format (article)) ||
      !write_optional_attribute (ex, "encoding", glossa_article_get_encoding (article)) ||
      !write_optional_attribute (ex, "language", glossa_article_get_language (article)) ||
      ((g_strcmp0 (glossa_article_get_direction (article), "ltr") == 0 ||
        g_strcmp0 (glossa_article_get_direction (article), "rtl") == 0) &&
       !write_optional_attribute (ex, "direction", glossa_article_get_direction (article))))
    return FALSE;
  if (glossa_article_get_best_effort (article))
    W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "best-effort", BAD_CAST "true"));
  if (sha256 != NULL && strlen (sha256) == 64)
    {
      g_autofree char *lower = g_ascii_strdown (sha256, -1);
      W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "sha256", BAD_CAST lower));
    }

  if (!write_string (ex, "title", glossa_article_get_title (article)) ||
      !write_optional_string (ex, "byline", glossa_article_get_byline (article)) ||
      !write_optional_string (ex, "published", glossa_article_get_published (article)) ||
      !write_optional_string (ex, "site-name", glossa_article_get_site_name (article)) ||
      !write_optional_string (ex, "source", glossa_article_get_source (article)) ||
      !write_text (ex, content->text))
    return FALSE;

  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "blocks"));
  for (guint i = 0; i < content->blocks->len; i++)
    {
      const GlossaBlock *block = &g_array_index (content->blocks, GlossaBlock, i);

      W (xmlTextWriterStartElement (ex->writer, BAD_CAST "block"));
      W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "kind",
                                      BAD_CAST glossa_block_kind_to_string (block->kind)));
      if (block->level != 0 && !write_int (ex, "level", block->level))
        return FALSE;
      if (!write_int (ex, "start", block->start) || !write_int (ex, "end", block->end))
        return FALSE;
      W (xmlTextWriterEndElement (ex->writer));
    }
  W (xmlTextWriterEndElement (ex->writer));

  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "hyperlinks"));
  for (guint i = 0; i < content->links->len; i++)
    {
      const GlossaLinkSpan *span = &g_array_index (content->links, GlossaLinkSpan, i);

      W (xmlTextWriterStartElement (ex->writer, BAD_CAST "hyperlink"));
      if (!write_int (ex, "start", span->start) || !write_int (ex, "end", span->end))
        return FALSE;
      if (span->href != NULL && *span->href != 0)
        {
          if (_glossa_xml_needs_base64 (span->href))
            {
              W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "encoding", BAD_CAST "base64"));
              W (xmlTextWriterWriteBase64 (ex->writer, span->href, 0, strlen (span->href)));
            }
          else
            {
              W (xmlTextWriterWriteString (ex->writer, BAD_CAST span->href));
            }
        }
      W (xmlTextWriterEndElement (ex->writer));
    }
  W (xmlTextWriterEndElement (ex->writer));

  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "annotations"));
  for (guint i = 0; i < annotations->len; i++)
    {
      if (!write_annotation (ex, g_ptr_array_index (annotations, i)))
        return FALSE;
    }
  W (xmlTextWriterEndElement (ex->writer));

  W (xmlTextWriterEndElement (ex->writer));
  return TRUE;
}

static const char *
direction_to_string (GlossaLinkDirection direction)
{
  switch (direction)
    {
    case GLOSSA_LINK_BIDIRECTIONAL:
      return "bidirectional";
    case GLOSSA_LINK_ASSOCIATIVE:
      return "associative";
    case GLOSSA_LINK_ONE_WAY:
    default:
      return "one-way";
    }
}

static gboolean
direction_from_string (const char          *str,
                       GlossaLinkDirection *direction)
{
  if (g_strcmp0 (str, "one-way") == 0)
    *direction = GLOSSA_LINK_ONE_WAY;
  else if (g_strcmp0 (str, "bidirectional") == 0)
    *direction = GLOSSA_LINK_BIDIRECTIONAL;
  else if (g_strcmp0 (str, "associative") == 0)
    *direction = GLOSSA_LINK_ASSOCIATIVE;
  else
    return FALSE;

  return TRUE;
}

static gboolean
write_links (Export *ex)
{
  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "links"));
  for (guint i = 0; i < ex->links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (ex->links, i);
      const char *from = g_hash_table_lookup (ex->link_ends, &(gint64) { glossa_link_get_from_id (link) });
      const char *to = g_hash_table_lookup (ex->link_ends, &(gint64) { glossa_link_get_to_id (link) });
      g_autofree char *uuid = g_ascii_strdown (glossa_link_get_uuid (link), -1);

      /* a link leaving the exported set would dangle */
      if (from == NULL || to == NULL)
        continue;

      W (xmlTextWriterStartElement (ex->writer, BAD_CAST "link"));
      W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "uuid", BAD_CAST uuid));
      W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "from", BAD_CAST from));
      W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "to", BAD_CAST to));
      W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "direction",
                                      BAD_CAST direction_to_string (glossa_link_get_direction (link))));
      if (!write_time (ex, "created", glossa_link_get_created (link)) ||
          !write_time (ex, "modified", glossa_link_get_modified (link)) ||
          !write_string (ex, "type", glossa_link_get_link_type (link)) ||
          !write_optional_string (ex, "note", glossa_link_get_note (link)))
        return FALSE;
      W (xmlTextWriterEndElement (ex->writer));
    }
  W (xmlTextWriterEndElement (ex->writer));

  return TRUE;
}

static gboolean
export_document (Export  *ex,
                 GError **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_auto(GStrv) link_types = NULL;
  g_autofree char *now = _glossa_format_time (g_get_real_time ());

  ex->links = glossa_library_list_links (ex->library, 0, error);
  if (ex->links == NULL)
    return FALSE;
  /* Remember the uuids of link ends only, so that memory follows the number
   * of links, not of annotations. */
  for (guint i = 0; i < ex->links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (ex->links, i);
      gint64 ends[2] = { glossa_link_get_from_id (link), glossa_link_get_to_id (link) };

      for (guint j = 0; j < 2; j++)
        g_hash_table_insert (ex->link_ends, g_memdup2 (&ends[j], sizeof (gint64)), NULL);
    }

  articles = _glossa_scope_articles (ex->library, ex->scope, error);
  if (articles == NULL)
    return FALSE;

  W (xmlTextWriterSetIndent (ex->writer, 1));
  W (xmlTextWriterSetIndentString (ex->writer, BAD_CAST " "));
  W (xmlTextWriterStartDocument (ex->writer, NULL, "UTF-8", NULL));
  W (xmlTextWriterStartElementNS (ex->writer, NULL, BAD_CAST "glossa", BAD_CAST GLOSSA_XML_NS));
  W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "version", BAD_CAST "1"));
  W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "exported", BAD_CAST now));
  W (xmlTextWriterWriteAttribute (ex->writer, BAD_CAST "generator", BAD_CAST "Glossa " PACKAGE_VERSION));

  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "link-types"));
  link_types = glossa_library_list_link_types (ex->library);
  for (guint i = 0; link_types != NULL && link_types[i] != NULL; i++)
    {
      if (!write_string (ex, "link-type", link_types[i]))
        return FALSE;
    }
  W (xmlTextWriterEndElement (ex->writer));

  if (!write_codebook (ex))
    return FALSE;

  W (xmlTextWriterStartElement (ex->writer, BAD_CAST "articles"));
  for (guint i = 0; i < articles->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (ex->cancellable, error))
        return FALSE;
      if (!write_article (ex, g_ptr_array_index (articles, i), error))
        return FALSE;
    }
  W (xmlTextWriterEndElement (ex->writer));

  if (!write_links (ex))
    return FALSE;

  W (xmlTextWriterEndElement (ex->writer));
  W (xmlTextWriterEndDocument (ex->writer));
  W (xmlTextWriterFlush (ex->writer));

  return TRUE;
}

#undef W

gboolean
glossa_xml_export (GlossaLibrary            *library,
                   const GlossaExportScope  *scope,
                   GOutputStream            *stream,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  Export ex = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ex.library = library;
  ex.scope = scope;
  ex.cancellable = cancellable;
  ex.tag_uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ex.link_ends = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ex.writer = _glossa_xml_writer_new (stream, cancellable, &ex.stream_error);

  if (ex.writer == NULL)
    {
      g_set_error_literal (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                           _("Could not start writing the XML document."));
      ok = FALSE;
    }
  else
    {
      ok = export_document (&ex, &local_error);
      xmlFreeTextWriter (ex.writer);
    }

  if (!ok && local_error == NULL)
    {
      if (ex.stream_error != NULL)
        local_error = g_steal_pointer (&ex.stream_error);
      else
        local_error = g_error_new_literal (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                                           _("Writing the XML document failed."));
    }
  g_clear_error (&ex.stream_error);
  g_clear_pointer (&ex.tag_uuids, g_hash_table_unref);
  g_clear_pointer (&ex.link_ends, g_hash_table_unref);
  g_clear_pointer (&ex.links, g_ptr_array_unref);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

gboolean
glossa_xml_export_to_path (GlossaLibrary            *library,
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
  if (out == NULL)
    {
      g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 256 * 1024);

  if (!glossa_xml_export (library, scope, buffered, cancellable, &local_error) ||
      !g_output_stream_close (buffered, cancellable, &local_error))
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      /* a cancelled close keeps the old file and drops the partial one */
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Import */

typedef struct {
  GlossaLibrary      *library;
  const char         *path;
  xmlTextReaderPtr    reader;
  GCancellable       *cancellable;
  GError             *error;
  char               *xml_error;
  GlossaImportReport *report;
  GHashTable         *tag_map;        /* file tag uuid → gint64 local id */
  GHashTable         *links;          /* uuid → GlossaLink, filled before <links> */
  GHashTable         *link_types;     /* names known here */
  gboolean            schema_error;   /* xml_error came from the validator */
  GlossaAnchorText   *text;           /* the current article's text, when ours is the same */
  GHashTable         *skipped;        /* uuids of annotations left out (deleted here) */
} Import;

static gboolean G_GNUC_PRINTF (3, 4)
fail (Import     *im,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (im->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (im->reader != NULL && xmlTextReaderGetParserLineNumber (im->reader) > 0)
    im->error = g_error_new (GLOSSA_EXCHANGE_ERROR, code, "“%s” cannot be imported: line %d: %s",
                             im->path, xmlTextReaderGetParserLineNumber (im->reader), message);
  else
    im->error = g_error_new (GLOSSA_EXCHANGE_ERROR, code, "“%s” cannot be imported: %s",
                             im->path, message);

  return FALSE;
}

static gboolean
fail_gerror (Import *im,
             GError *error)
{
  fail (im, GLOSSA_EXCHANGE_ERROR_FAILED, "%s", error->message);
  g_error_free (error);
  return FALSE;
}

static void
reader_error_cb (void        *user_data,
                 xmlErrorPtr  err)
{
  Import *im = user_data;
  g_autofree char *message = NULL;

  if (im->xml_error != NULL || err == NULL || err->level < XML_ERR_ERROR)
    return;

  /* one sentence: libxml2 adds lines with the bytes it choked on */
  message = g_strdup (err->message != NULL ? err->message : "unknown error");
  message[strcspn (message, "\n")] = 0;
  g_strstrip (message);
  im->schema_error = err->domain == XML_FROM_RELAXNGV || err->domain == XML_FROM_RELAXNGP;
  if (err->line > 0)
    im->xml_error = g_strdup_printf ("line %d: %s", err->line, message);
  else
    im->xml_error = g_steal_pointer (&message);
}

static gboolean
fail_xml (Import *im)
{
  if (im->error != NULL)
    return FALSE;
  if (im->schema_error)
    {
      im->error = g_error_new (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_INVALID,
                               _("“%s” does not follow the Glossa schema: %s"), im->path, im->xml_error);
      return FALSE;
    }

  im->error = g_error_new (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED,
                           _("“%s” is not a well-formed Glossa file: %s"), im->path,
                           im->xml_error != NULL ? im->xml_error : "the XML ends early");
  return FALSE;
}

static gboolean
check_valid (Import *im)
{
  if (xmlTextReaderIsValid (im->reader) == 1)
    return TRUE;

  if (im->error == NULL)
    im->error = g_error_new (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_INVALID,
                             _("“%s” does not follow the Glossa schema: %s"), im->path,
                             im->xml_error != NULL ? im->xml_error : "invalid document");
  return FALSE;
}

/* Moves to the next element start or end; -1 on error. */
static int
next_node (Import *im)
{
  for (;;)
    {
      int rc = xmlTextReaderRead (im->reader);
      int type;

      if (rc != 1)
        {
          if (im->xml_error == NULL && rc == 0)
            im->xml_error = g_strdup ("the document ends before its last element");
          fail_xml (im);
          return -1;
        }
      if (im->xml_error != NULL)
        {
          /* a recoverable parser error is still an error for us */
          fail_xml (im);
          return -1;
        }
      if (!check_valid (im))
        return -1;

      type = xmlTextReaderNodeType (im->reader);
      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          if (xmlTextReaderDepth (im->reader) > MAX_TAG_DEPTH + 4)
            {
              fail (im, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, _("elements are nested too deeply."));
              return -1;
            }
          return type;

        case XML_READER_TYPE_END_ELEMENT:
          return type;

        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY:
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_NOTATION:
          fail (im, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED,
                _("it declares a document type or entities, which Glossa files never have."));
          return -1;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
          fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("text where an element was expected."));
          return -1;

        default:
          /* whitespace, comments, processing instructions */
          break;
        }
    }
}

static gboolean
is_element (Import     *im,
            int         type,
            const char *name)
{
  return type == XML_READER_TYPE_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (im->reader), name) == 0 &&
         g_strcmp0 ((const char *) xmlTextReaderConstNamespaceUri (im->reader), GLOSSA_XML_NS) == 0;
}

static gboolean
expect_element (Import     *im,
                const char *name)
{
  int type = next_node (im);

  if (type < 0)
    return FALSE;
  if (!is_element (im, type, name))
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("expected <%s>."), name);

  return TRUE;
}

static gboolean
expect_end (Import *im)
{
  int type = next_node (im);

  if (type < 0)
    return FALSE;
  if (type != XML_READER_TYPE_END_ELEMENT)
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("unexpected <%s>."),
                 (const char *) xmlTextReaderConstLocalName (im->reader));

  return TRUE;
}

static char *
get_attribute (Import     *im,
               const char *name)
{
  return (char *) xmlTextReaderGetAttribute (im->reader, BAD_CAST name);
}

/* The content of the current element, which has no child elements. */
static char *
read_string (Import *im)
{
  g_autoptr(GString) buf = NULL;
  g_autofree char *encoding = NULL;

  if (xmlTextReaderIsEmptyElement (im->reader))
    return g_strdup ("");

  encoding = get_attribute (im, "encoding");
  buf = g_string_new (NULL);

  for (;;)
    {
      int rc = xmlTextReaderRead (im->reader);
      int type;

      if (rc != 1 || im->xml_error != NULL)
        {
          fail_xml (im);
          return NULL;
        }
      if (!check_valid (im))
        return NULL;

      type = xmlTextReaderNodeType (im->reader);
      if (type == XML_READER_TYPE_END_ELEMENT)
        break;

      switch (type)
        {
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          g_string_append (buf, (const char *) xmlTextReaderConstValue (im->reader));
          if (buf->len > MAX_STRING_BYTES)
            {
              fail (im, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, _("a text is larger than %d MiB."),
                    MAX_STRING_BYTES / (1024 * 1024));
              return NULL;
            }
          break;

        case XML_READER_TYPE_COMMENT:
        case XML_READER_TYPE_PROCESSING_INSTRUCTION:
          break;

        default:
          fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("<%s> holds more than text."),
                (const char *) xmlTextReaderConstLocalName (im->reader));
          return NULL;
        }
    }

  if (g_strcmp0 (encoding, "base64") == 0)
    {
      gsize len = 0;
      g_autofree guchar *decoded = g_base64_decode (buf->str, &len);

      if (memchr (decoded, 0, len) != NULL || !g_utf8_validate ((const char *) decoded, len, NULL))
        {
          fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("a base64 text is not UTF-8 text."));
          return NULL;
        }
      return g_strndup ((const char *) decoded, len);
    }

  return g_string_free (g_steal_pointer (&buf), FALSE);
}

/* Reads <name>string</name> as the next element. */
static char *
read_string_element (Import     *im,
                     const char *name)
{
  if (!expect_element (im, name))
    return NULL;

  return read_string (im);
}

static gboolean
time_attribute (Import     *im,
                const char *name,
                gint64     *usec)
{
  g_autofree char *value = get_attribute (im, name);

  if (!_glossa_parse_time (value, usec))
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("“%s” is not a time."), value ? value : "");

  return TRUE;
}

static gboolean
int_attribute (Import     *im,
               const char *name,
               gint64      max,
               gint64     *out)
{
  g_autofree char *value = get_attribute (im, name);
  guint64 parsed;

  if (value == NULL)
    {
      *out = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (value, 10, 0, max, &parsed, NULL))
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("%s=\"%s\" is out of range."), name, value);

  *out = parsed;
  return TRUE;
}

static char *
uuid_attribute (Import     *im,
                const char *name)
{
  g_autofree char *value = get_attribute (im, name);

  if (value == NULL || !g_uuid_string_is_valid (value))
    {
      fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("%s=\"%s\" is not a uuid."), name, value ? value : "");
      return NULL;
    }

  return g_ascii_strdown (value, -1);
}

static gboolean
same_uuid (const char *a,
           const char *b)
{
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

static gboolean
is_not_found (const GError *error)
{
  return g_error_matches (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
}

/* Link types */

static gboolean
import_link_type (Import     *im,
                  const char *name)
{
  GError *error = NULL;

  if (g_hash_table_contains (im->link_types, name))
    return TRUE;

  if (!glossa_library_add_link_type (im->library, name, &error))
    return fail_gerror (im, error);

  g_hash_table_add (im->link_types, g_strdup (name));
  return TRUE;
}

static gboolean
read_link_types (Import *im)
{
  g_auto(GStrv) known = glossa_library_list_link_types (im->library);

  for (guint i = 0; known != NULL && known[i] != NULL; i++)
    g_hash_table_add (im->link_types, g_strdup (known[i]));

  if (!expect_element (im, "link-types"))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (im->reader))
    return TRUE;

  for (;;)
    {
      int type = next_node (im);
      g_autofree char *name = NULL;

      if (type < 0)
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT)
        return TRUE;
      if (!is_element (im, type, "link-type"))
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("expected <link-type>."));

      name = read_string (im);
      if (name == NULL)
        return FALSE;
      if (*name != 0 && !import_link_type (im, name))
        return FALSE;
    }
}

/* Items that are in this library's trash stay there: the file does not
 * bring them back, and their annotations and links are left out too. */
#define DELETED_HERE ((gint64) -1)

static void
deleted_here (Import          *im,
              GlossaTrashKind  kind,
              const char      *uuid,
              const char      *label)
{
  g_autofree char *text = g_strdup_printf ("%s (in the trash here)", label ? label : "");

  _glossa_import_report_add (im->report, kind, uuid, text, FALSE);
}

/* Codebook */

typedef struct {
  char   *uuid;
  char   *name;
  char   *color;
  char   *description;
  gint64  key;
  gint64  created;
  gint64  modified;
} TagItem;

static void
tag_item_clear (TagItem *item)
{
  g_free (item->uuid);
  g_free (item->name);
  g_free (item->color);
  g_free (item->description);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TagItem, tag_item_clear)

static GlossaTag *
find_tag_by_name (GlossaLibrary *library,
                  const char    *name,
                  gint64         parent_id)
{
  GListModel *tags = glossa_library_get_tags (library);
  guint n = g_list_model_get_n_items (tags);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      if (glossa_tag_get_parent_id (tag) == parent_id && g_strcmp0 (glossa_tag_get_name (tag), name) == 0)
        return g_steal_pointer (&tag);
    }

  return NULL;
}

static GlossaTag *
find_tag (Import     *im,
          const char *uuid)
{
  GError *error = NULL;
  GlossaTag *tag = _glossa_find_tag (im->library, uuid, &error);

  if (tag != NULL && !same_uuid (glossa_tag_get_uuid (tag), uuid))
    g_clear_object (&tag);
  g_clear_error (&error);

  return tag;
}

static gint64
merge_tag (Import  *im,
           TagItem *item,
           gint64   parent_id)
{
  g_autoptr(GlossaTag) tag = find_tag (im, item->uuid);
  GError *error = NULL;
  gint64 id;
  gboolean differs;

  if (tag == NULL)
    {
      /* The same code under another uuid (two libraries that both started
       * from the default codebook): take ours. */
      tag = find_tag_by_name (im->library, item->name, parent_id);
      if (tag != NULL)
        {
          im->report->n_unchanged++;
          return glossa_tag_get_id (tag);
        }

      if (glossa_library_uuid_in_trash (im->library, GLOSSA_TRASH_TAG, item->uuid))
        {
          deleted_here (im, GLOSSA_TRASH_TAG, item->uuid, item->name);
          return DELETED_HERE;
        }

      id = glossa_library_add_tag (im->library, item->name, parent_id, item->color,
                                   item->description, item->key, item->uuid, &error);
      if (id == 0 ||
          !glossa_library_set_times (im->library, GLOSSA_TRASH_TAG, id, item->created, item->modified, &error))
        return fail_gerror (im, error);

      im->report->n_added++;
      return id;
    }

  id = glossa_tag_get_id (tag);
  differs = g_strcmp0 (glossa_tag_get_name (tag), item->name) != 0 ||
            g_ascii_strcasecmp (glossa_tag_get_color (tag), item->color) != 0 ||
            g_strcmp0 (glossa_tag_get_description (tag) ? glossa_tag_get_description (tag) : "",
                       item->description) != 0 ||
            glossa_tag_get_key (tag) != item->key ||
            glossa_tag_get_parent_id (tag) != parent_id;

  if (!differs)
    {
      im->report->n_unchanged++;
      return id;
    }

  if (item->modified <= glossa_tag_get_modified (tag))
    {
      _glossa_import_report_add (im->report, GLOSSA_TRASH_TAG, item->uuid, glossa_tag_get_name (tag), FALSE);
      return id;
    }

  if ((g_strcmp0 (glossa_tag_get_name (tag), item->name) != 0 &&
       !glossa_library_rename_tag (im->library, id, item->name, &error)) ||
      (g_ascii_strcasecmp (glossa_tag_get_color (tag), item->color) != 0 &&
       !glossa_library_set_tag_color (im->library, id, item->color, &error)) ||
      !glossa_library_set_tag_description (im->library, id, item->description, &error) ||
      (glossa_tag_get_key (tag) != item->key &&
       !glossa_library_set_tag_key (im->library, id, item->key, &error)) ||
      (glossa_tag_get_parent_id (tag) != parent_id &&
       !glossa_library_move_tag (im->library, id, parent_id, -1, &error)) ||
      !glossa_library_set_times (im->library, GLOSSA_TRASH_TAG, id, item->created, item->modified, &error))
    return fail_gerror (im, error);

  _glossa_import_report_add (im->report, GLOSSA_TRASH_TAG, item->uuid, item->name, TRUE);
  return id;
}

static gboolean
read_tag (Import *im,
          gint64  parent_id,
          guint   depth)
{
  g_auto(TagItem) item = { 0 };
  g_autofree char *color = NULL;
  gint64 id;
  int type;

  if (depth > MAX_TAG_DEPTH)
    return fail (im, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, _("tags are nested more than %d deep."),
                 MAX_TAG_DEPTH);

  if ((item.uuid = uuid_attribute (im, "uuid")) == NULL ||
      !time_attribute (im, "created", &item.created) ||
      !time_attribute (im, "modified", &item.modified) ||
      !int_attribute (im, "key", 9, &item.key))
    return FALSE;
  color = get_attribute (im, "color");
  item.color = g_ascii_strdown (color ? color : "#808080", -1);

  if ((item.name = read_string_element (im, "name")) == NULL)
    return FALSE;
  if (*item.name == 0)
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("tag %s has no name."), item.uuid);

  type = next_node (im);
  if (is_element (im, type, "description"))
    {
      if ((item.description = read_string (im)) == NULL)
        return FALSE;
      type = next_node (im);
    }
  else
    {
      item.description = g_strdup ("");
    }
  if (type < 0)
    return FALSE;

  id = merge_tag (im, &item, parent_id);
  if (id == 0)
    return FALSE;
  g_hash_table_insert (im->tag_map, g_strdup (item.uuid), g_memdup2 (&id, sizeof id));
  /* the children of a tag deleted here go to the top */
  if (id == DELETED_HERE)
    id = 0;

  while (is_element (im, type, "tag"))
    {
      if (!read_tag (im, id, depth + 1))
        return FALSE;
      type = next_node (im);
    }
  if (type != XML_READER_TYPE_END_ELEMENT)
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("unexpected element in <tag>."));

  return TRUE;
}

static gboolean
read_codebook (Import *im)
{
  if (!expect_element (im, "codebook"))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (im->reader))
    return TRUE;

  for (;;)
    {
      int type = next_node (im);

      if (type < 0)
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT)
        return TRUE;
      if (!is_element (im, type, "tag"))
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("expected <tag>."));
      if (!read_tag (im, 0, 1))
        return FALSE;
    }
}

/* Articles */

static gboolean
blocks_equal (GArray *a,
              GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (GlossaBlock)) == 0);
}

/* The source (where the article was read from) is not compared: it stays
 * what it was when the article was first imported here. */
static gboolean
article_differs (GlossaArticle   *article,
                 GlossaExtracted *local,
                 GlossaExtracted *file)
{
#define DIFF(a, b) (g_strcmp0 ((a) && *(a) ? (a) : NULL, (b) && *(b) ? (b) : NULL) != 0)
  return DIFF (glossa_article_get_title (article), file->title) ||
         DIFF (glossa_article_get_byline (article), file->byline) ||
         DIFF (glossa_article_get_published (article), file->published) ||
         DIFF (glossa_article_get_site_name (article), file->site_name) ||
         DIFF (glossa_article_get_format (article), file->format) ||
         DIFF (glossa_article_get_encoding (article), file->encoding) ||
         DIFF (glossa_article_get_language (article), file->language) ||
         DIFF (glossa_article_get_direction (article), file->direction) ||
         !glossa_article_get_best_effort (article) != !file->best_effort ||
         strcmp (local->text, file->text) != 0 ||
         !blocks_equal (local->blocks, file->blocks);
#undef DIFF
}

static gint64
merge_article (Import          *im,
               GlossaExtracted *extracted,
               const char      *uuid,
               const char      *source,
               gint64           imported,
               gint64           modified,
               gboolean        *same_text)
{
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GlossaExtracted) local = NULL;
  g_autoptr(GlossaReanchorReport) reanchored = NULL;
  GError *error = NULL;
  gint64 id;

  *same_text = TRUE;

  article = _glossa_find_article (im->library, uuid, &error);
  if (article != NULL && !same_uuid (glossa_article_get_uuid (article), uuid))
    g_clear_object (&article);
  if (article == NULL && error != NULL && !is_not_found (error) &&
      !g_error_matches (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_AMBIGUOUS))
    return fail_gerror (im, error);
  g_clear_error (&error);

  if (article == NULL && glossa_library_uuid_in_trash (im->library, GLOSSA_TRASH_ARTICLE, uuid))
    {
      deleted_here (im, GLOSSA_TRASH_ARTICLE, uuid, extracted->title);
      return DELETED_HERE;
    }

  if (article == NULL)
    {
      id = glossa_library_add_article (im->library, extracted, NULL, source, uuid, &error);
      if (id == 0 ||
          !glossa_library_set_times (im->library, GLOSSA_TRASH_ARTICLE, id, imported, modified, &error))
        return fail_gerror (im, error);
      im->report->n_added++;
      return id;
    }

  id = glossa_article_get_id (article);
  local = glossa_library_load_content (im->library, id, &error);
  if (local == NULL)
    return fail_gerror (im, error);

  if (!article_differs (article, local, extracted))
    {
      im->report->n_unchanged++;
      return id;
    }

  if (modified <= glossa_article_get_modified (article))
    {
      *same_text = strcmp (local->text, extracted->text) == 0;
      _glossa_import_report_add (im->report, GLOSSA_TRASH_ARTICLE, uuid,
                                 glossa_article_get_title (article), FALSE);
      return id;
    }

  if (!glossa_library_update_content (im->library, id, extracted, NULL, &reanchored, &error) ||
      !glossa_library_set_times (im->library, GLOSSA_TRASH_ARTICLE, id, imported, modified, &error))
    return fail_gerror (im, error);

  _glossa_import_report_add (im->report, GLOSSA_TRASH_ARTICLE, uuid, extracted->title, TRUE);
  return id;
}

/* At <text>: its parts, joined. */
static gboolean
read_text (Import          *im,
           GlossaExtracted *extracted)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int type;

  while ((type = next_node (im)) == XML_READER_TYPE_ELEMENT)
    {
      g_autofree char *part = NULL;

      if (!is_element (im, type, "part"))
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("expected <part>."));
      if ((part = read_string (im)) == NULL)
        return FALSE;
      g_string_append (text, part);
    }
  if (type < 0)
    return FALSE;

  if (!g_utf8_validate_len (text->str, text->len, NULL))
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("the text of an article is not UTF-8."));

  glossa_extracted_set_text (extracted, g_string_free (g_steal_pointer (&text), FALSE));
  return TRUE;
}

static gboolean
read_spans (Import          *im,
            GlossaExtracted *extracted,
            gboolean         blocks)
{
  const char *container = blocks ? "blocks" : "hyperlinks";
  gint64 last_end = 0;

  if (!expect_element (im, container))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (im->reader))
    return TRUE;

  for (;;)
    {
      int type = next_node (im);
      gint64 start, end;

      if (type < 0)
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT)
        return TRUE;
      if (!is_element (im, type, blocks ? "block" : "hyperlink"))
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("unexpected element in <%s>."), container);

      if (!int_attribute (im, "start", G_MAXINT64, &start) ||
          !int_attribute (im, "end", G_MAXINT64, &end))
        return FALSE;
      if (start > end || end > extracted->length)
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID,
                     _("a span %" PRId64 "–%" PRId64 " lies outside its article’s "
                     "%" PRId64 " characters."), start, end, extracted->length);

      if (blocks)
        {
          g_autofree char *kind_str = get_attribute (im, "kind");
          GlossaBlockKind kind;
          gint64 level;

          if (!glossa_block_kind_from_string (kind_str, &kind))
            return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("unknown block kind “%s”."), kind_str);
          if (start < last_end)
            return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("blocks overlap or are out of order."));
          if (!int_attribute (im, "level", 255, &level))
            return FALSE;
          glossa_extracted_add_block (extracted, kind, level, start, end);
          last_end = end;
          if (!xmlTextReaderIsEmptyElement (im->reader) && !expect_end (im))
            return FALSE;
        }
      else
        {
          g_autofree char *href = read_string (im);

          if (href == NULL)
            return FALSE;
          glossa_extracted_add_link (extracted, start, end, href);
        }
    }
}

typedef struct {
  char    *uuid;
  gint64   start;
  gint64   end;
  gboolean orphaned;
  gint64   created;
  gint64   modified;
  char    *quote;
  char    *prefix;
  char    *suffix;
  char    *author;
  char    *note;
  GArray  *tag_ids;    /* local ids, sorted */
} AnnotationItem;

static void
annotation_item_clear (AnnotationItem *item)
{
  g_free (item->uuid);
  g_free (item->quote);
  g_free (item->prefix);
  g_free (item->suffix);
  g_free (item->author);
  g_free (item->note);
  g_clear_pointer (&item->tag_ids, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnnotationItem, annotation_item_clear)

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
same_tags (GlossaAnnotation *annotation,
           GArray           *tag_ids)
{
  guint n;
  const gint64 *ids = glossa_annotation_get_tag_ids (annotation, &n);

  if (n != tag_ids->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (!glossa_annotation_has_tag (annotation, g_array_index (tag_ids, gint64, i)))
        return FALSE;
    }
  (void) ids;

  return TRUE;
}

static gboolean
annotation_differs (GlossaAnnotation *annotation,
                    AnnotationItem   *item)
{
  return glossa_annotation_get_start (annotation) != item->start ||
         glossa_annotation_get_end (annotation) != item->end ||
         !glossa_annotation_get_orphaned (annotation) != !item->orphaned ||
         g_strcmp0 (glossa_annotation_get_quote (annotation), item->quote) != 0 ||
         g_strcmp0 (glossa_annotation_get_prefix (annotation), item->prefix) != 0 ||
         g_strcmp0 (glossa_annotation_get_suffix (annotation), item->suffix) != 0 ||
         g_strcmp0 (glossa_annotation_get_note (annotation), item->note) != 0 ||
         g_strcmp0 (glossa_annotation_get_author (annotation) ? glossa_annotation_get_author (annotation) : "",
                    item->author) != 0 ||
         !same_tags (annotation, item->tag_ids);
}

static gboolean
update_annotation (Import           *im,
                   GlossaAnnotation *annotation,
                   AnnotationItem   *item)
{
  gint64 id = glossa_annotation_get_id (annotation);
  guint n;
  const gint64 *old_tags = glossa_annotation_get_tag_ids (annotation, &n);
  g_autoptr(GArray) remove = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *error = NULL;

  for (guint i = 0; i < n; i++)
    {
      if (!g_array_binary_search (item->tag_ids, &old_tags[i], compare_ids, NULL))
        g_array_append_val (remove, old_tags[i]);
    }

  if (!glossa_library_set_annotation_anchor (im->library, id, item->start, item->end, item->quote,
                                             item->prefix, item->suffix, item->orphaned, &error) ||
      !glossa_library_set_annotation_note (im->library, id, item->note, &error) ||
      !glossa_library_set_annotation_author (im->library, id, item->author, &error))
    return fail_gerror (im, error);

  for (guint i = 0; i < item->tag_ids->len; i++)
    {
      gint64 tag_id = g_array_index (item->tag_ids, gint64, i);

      if (!glossa_annotation_has_tag (annotation, tag_id) &&
          !glossa_library_add_annotation_tag (im->library, id, tag_id, &error))
        return fail_gerror (im, error);
    }
  for (guint i = 0; i < remove->len; i++)
    {
      if (!glossa_library_remove_annotation_tag (im->library, id, g_array_index (remove, gint64, i), &error))
        return fail_gerror (im, error);
    }

  if (!glossa_library_set_times (im->library, GLOSSA_TRASH_ANNOTATION, id, item->created, item->modified, &error))
    return fail_gerror (im, error);

  return TRUE;
}

static gboolean
merge_annotation (Import         *im,
                  gint64          article_id,
                  gint64          length,
                  AnnotationItem *item)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;
  GError *error = NULL;
  gint64 id;

  if (article_id == DELETED_HERE)
    {
      g_hash_table_add (im->skipped, g_strdup (item->uuid));
      return TRUE;
    }

  annotation = _glossa_find_annotation (im->library, item->uuid, &error);
  if (annotation != NULL && !same_uuid (glossa_annotation_get_uuid (annotation), item->uuid))
    g_clear_object (&annotation);
  g_clear_error (&error);

  if (annotation == NULL && glossa_library_uuid_in_trash (im->library, GLOSSA_TRASH_ANNOTATION, item->uuid))
    {
      g_hash_table_add (im->skipped, g_strdup (item->uuid));
      deleted_here (im, GLOSSA_TRASH_ANNOTATION, item->uuid, item->quote);
      return TRUE;
    }

  if (annotation == NULL && im->text != NULL)
    {
      g_autofree char *quote = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;

      /* The article here has the file's text: check the quote against it
       * and insert the row as it is. */
      if (!item->orphaned)
        {
          glossa_anchor_text_context (im->text, item->start, item->end, &quote, &prefix, &suffix);
          if (g_strcmp0 (quote, item->quote) != 0)
            return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID,
                         _("annotation %s quotes “%s”, which is not the text at %" PRId64 "–%"
                         PRId64 "."), item->uuid, item->quote, item->start, item->end);
        }

      id = glossa_library_insert_annotation (im->library, article_id, item->uuid, item->start, item->end,
                                             item->quote, item->orphaned ? item->prefix : prefix,
                                             item->orphaned ? item->suffix : suffix, item->note, item->author,
                                             item->created, item->modified, item->orphaned,
                                             (const gint64 *) (gpointer) item->tag_ids->data, item->tag_ids->len,
                                             &error);
      if (id == 0)
        return fail_gerror (im, error);

      im->report->n_added++;
      return TRUE;
    }

  if (annotation == NULL)
    {
      gint64 start = MIN (item->start, length);
      gint64 end = MIN (item->end, length);
      g_autoptr(GlossaAnnotation) added = NULL;

      id = glossa_library_add_annotation (im->library, article_id, start, end,
                                          (const gint64 *) (gpointer) item->tag_ids->data,
                                          item->tag_ids->len, item->note,
                                          *item->author ? item->author : NULL, item->uuid, &error);
      if (id == 0 || (added = glossa_library_get_annotation (im->library, id, &error)) == NULL)
        return fail_gerror (im, error);

      /* Only an orphan may disagree with the text it sits on. */
      if (!item->orphaned &&
          (start != item->start || end != item->end ||
           g_strcmp0 (glossa_annotation_get_quote (added), item->quote) != 0))
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID,
                     _("annotation %s quotes “%s”, which is not the text at %" PRId64 "–%" PRId64 "."),
                     item->uuid, item->quote, item->start, item->end);

      if ((item->orphaned ||
           g_strcmp0 (glossa_annotation_get_prefix (added), item->prefix) != 0 ||
           g_strcmp0 (glossa_annotation_get_suffix (added), item->suffix) != 0) &&
          !glossa_library_set_annotation_anchor (im->library, id, item->start, item->end, item->quote,
                                                 item->prefix, item->suffix, item->orphaned, &error))
        return fail_gerror (im, error);

      if (!glossa_library_set_times (im->library, GLOSSA_TRASH_ANNOTATION, id,
                                     item->created, item->modified, &error))
        return fail_gerror (im, error);

      im->report->n_added++;
      return TRUE;
    }

  if (glossa_annotation_get_article_id (annotation) != article_id)
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID,
                 _("annotation %s belongs to another article in this library."), item->uuid);

  if (!annotation_differs (annotation, item))
    {
      im->report->n_unchanged++;
      return TRUE;
    }

  if (item->modified <= glossa_annotation_get_modified (annotation))
    {
      _glossa_import_report_add (im->report, GLOSSA_TRASH_ANNOTATION, item->uuid,
                                 glossa_annotation_get_quote (annotation), FALSE);
      return TRUE;
    }

  if (!update_annotation (im, annotation, item))
    return FALSE;

  _glossa_import_report_add (im->report, GLOSSA_TRASH_ANNOTATION, item->uuid, item->quote, TRUE);
  return TRUE;
}

static gint64
local_tag_id (Import     *im,
              const char *uuid)
{
  gint64 *mapped = g_hash_table_lookup (im->tag_map, uuid);
  g_autoptr(GlossaTag) tag = NULL;
  gint64 id;

  if (mapped != NULL)
    return *mapped;

  tag = find_tag (im, uuid);
  if (tag == NULL)
    return glossa_library_uuid_in_trash (im->library, GLOSSA_TRASH_TAG, uuid) ? DELETED_HERE : 0;

  id = glossa_tag_get_id (tag);
  g_hash_table_insert (im->tag_map, g_strdup (uuid), g_memdup2 (&id, sizeof id));
  return id;
}

static gboolean
read_annotation (Import *im,
                 gint64  article_id,
                 gint64  length)
{
  g_auto(AnnotationItem) item = { 0 };
  g_autofree char *orphaned = NULL;
  int type;

  item.tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if ((item.uuid = uuid_attribute (im, "uuid")) == NULL ||
      !int_attribute (im, "start", G_MAXINT64, &item.start) ||
      !int_attribute (im, "end", G_MAXINT64, &item.end) ||
      !time_attribute (im, "created", &item.created) ||
      !time_attribute (im, "modified", &item.modified))
    return FALSE;
  orphaned = get_attribute (im, "orphaned");
  item.orphaned = g_strcmp0 (orphaned, "true") == 0 || g_strcmp0 (orphaned, "1") == 0;

  if (item.start > item.end || (!item.orphaned && item.end > length))
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID,
                 _("annotation %s spans %" PRId64 "–%" PRId64
                 ", outside its article’s %" PRId64 " characters."),
                 item.uuid, item.start, item.end, length);

  if ((item.quote = read_string_element (im, "quote")) == NULL ||
      (item.prefix = read_string_element (im, "prefix")) == NULL ||
      (item.suffix = read_string_element (im, "suffix")) == NULL)
    return FALSE;

  type = next_node (im);
  if (is_element (im, type, "author"))
    {
      if ((item.author = read_string (im)) == NULL)
        return FALSE;
      type = next_node (im);
    }
  else
    {
      item.author = g_strdup ("");
    }

  while (is_element (im, type, "tag-ref"))
    {
      g_autofree char *tag_uuid = uuid_attribute (im, "uuid");
      gint64 tag_id;

      if (tag_uuid == NULL)
        return FALSE;
      tag_id = local_tag_id (im, tag_uuid);
      if (tag_id == DELETED_HERE)
        {
          if (!xmlTextReaderIsEmptyElement (im->reader) && !expect_end (im))
            return FALSE;
          type = next_node (im);
          continue;
        }
      if (tag_id == 0)
        return fail (im, GLOSSA_EXCHANGE_ERROR_DANGLING,
                     _("annotation %s refers to tag %s, which is neither in the file nor in the library."),
                     item.uuid, tag_uuid);
      if (!g_array_binary_search (item.tag_ids, &tag_id, compare_ids, NULL))
        {
          g_array_append_val (item.tag_ids, tag_id);
          g_array_sort (item.tag_ids, compare_ids);
        }
      if (!xmlTextReaderIsEmptyElement (im->reader) && !expect_end (im))
        return FALSE;
      type = next_node (im);
    }

  if (is_element (im, type, "note"))
    {
      if ((item.note = read_string (im)) == NULL)
        return FALSE;
      type = next_node (im);
    }
  else
    {
      item.note = g_strdup ("");
    }

  if (type != XML_READER_TYPE_END_ELEMENT)
    return type < 0 ? FALSE : fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("unexpected element in <annotation>."));

  return merge_annotation (im, article_id, length, &item);
}

static gboolean
read_annotations (Import *im,
                  gint64  article_id,
                  gint64  length)
{
  int type;

  if (!expect_element (im, "annotations"))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (im->reader))
    return TRUE;

  while ((type = next_node (im)) == XML_READER_TYPE_ELEMENT)
    {
      if (!is_element (im, type, "annotation"))
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("expected <annotation>."));
      if (!read_annotation (im, article_id, length))
        return FALSE;
    }

  return type >= 0;
}

static gboolean
read_article (Import *im)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autofree char *uuid = NULL;
  g_autofree char *source = NULL;
  g_autofree char *best_effort = NULL;
  g_autoptr(GlossaAnchorText) text = NULL;
  gboolean same_text = TRUE;
  gboolean ok;
  gint64 imported, modified, length, article_id;
  int type;

  if ((uuid = uuid_attribute (im, "uuid")) == NULL ||
      !time_attribute (im, "imported", &imported) ||
      !time_attribute (im, "modified", &modified) ||
      !int_attribute (im, "length", G_MAXINT64, &length))
    return FALSE;
  extracted->format = get_attribute (im, "format");
  extracted->encoding = get_attribute (im, "encoding");
  extracted->language = get_attribute (im, "language");
  extracted->direction = get_attribute (im, "direction");
  best_effort = get_attribute (im, "best-effort");
  extracted->best_effort = g_strcmp0 (best_effort, "true") == 0 || g_strcmp0 (best_effort, "1") == 0;

  if ((extracted->title = read_string_element (im, "title")) == NULL)
    return FALSE;

  type = next_node (im);
  if (is_element (im, type, "byline"))
    {
      if ((extracted->byline = read_string (im)) == NULL)
        return FALSE;
      type = next_node (im);
    }
  if (is_element (im, type, "published"))
    {
      if ((extracted->published = read_string (im)) == NULL)
        return FALSE;
      type = next_node (im);
    }
  if (is_element (im, type, "site-name"))
    {
      if ((extracted->site_name = read_string (im)) == NULL)
        return FALSE;
      type = next_node (im);
    }
  if (is_element (im, type, "source"))
    {
      if ((source = read_string (im)) == NULL)
        return FALSE;
      type = next_node (im);
    }
  if (type < 0)
    return FALSE;

  if (!is_element (im, type, "text"))
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("expected <text>."));
  if (!read_text (im, extracted))
    return FALSE;

  if (extracted->length != length)
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID,
                 _("article %s says it has %" PRId64 " characters but its text has %" PRId64 "."),
                 uuid, length, extracted->length);

  if (!read_spans (im, extracted, TRUE) || !read_spans (im, extracted, FALSE))
    return FALSE;

  article_id = merge_article (im, extracted, uuid, source, imported, modified, &same_text);
  if (article_id == 0)
    return FALSE;
  if (same_text && article_id != DELETED_HERE)
    text = glossa_anchor_text_new (extracted->text);
  im->text = text;
  ok = read_annotations (im, article_id, length);
  im->text = NULL;

  return ok && expect_end (im);
}

static gboolean
read_articles (Import *im)
{
  int type;

  if (!expect_element (im, "articles"))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (im->reader))
    return TRUE;

  while ((type = next_node (im)) == XML_READER_TYPE_ELEMENT)
    {
      if (g_cancellable_is_cancelled (im->cancellable))
        return fail (im, GLOSSA_EXCHANGE_ERROR_FAILED, _("the import was cancelled."));
      if (!is_element (im, type, "article"))
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("expected <article>."));
      if (!read_article (im))
        return FALSE;
    }

  return type >= 0;
}

/* Links */

static gint64
annotation_id_for_uuid (Import     *im,
                        const char *uuid)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;
  GError *error = NULL;

  annotation = _glossa_find_annotation (im->library, uuid, &error);
  g_clear_error (&error);
  if (annotation == NULL || !same_uuid (glossa_annotation_get_uuid (annotation), uuid))
    return 0;

  return glossa_annotation_get_id (annotation);
}

static gboolean
read_link (Import *im)
{
  g_autofree char *uuid = NULL;
  g_autofree char *from_uuid = NULL;
  g_autofree char *to_uuid = NULL;
  g_autofree char *direction_str = NULL;
  g_autofree char *type_name = NULL;
  g_autofree char *note = NULL;
  GlossaLinkDirection direction;
  GlossaLink *link;
  GError *error = NULL;
  gint64 created, modified, from, to, id;
  int type;

  if ((uuid = uuid_attribute (im, "uuid")) == NULL ||
      (from_uuid = uuid_attribute (im, "from")) == NULL ||
      (to_uuid = uuid_attribute (im, "to")) == NULL ||
      !time_attribute (im, "created", &created) ||
      !time_attribute (im, "modified", &modified))
    return FALSE;
  direction_str = get_attribute (im, "direction");
  if (!direction_from_string (direction_str, &direction))
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("unknown link direction “%s”."), direction_str);

  if ((type_name = read_string_element (im, "type")) == NULL)
    return FALSE;
  type = next_node (im);
  if (is_element (im, type, "note"))
    {
      if ((note = read_string (im)) == NULL)
        return FALSE;
      type = next_node (im);
    }
  if (type != XML_READER_TYPE_END_ELEMENT)
    return type < 0 ? FALSE : fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("unexpected element in <link>."));
  if (note == NULL)
    note = g_strdup ("");

  /* a link to a passage deleted here goes with it */
  if (g_hash_table_contains (im->skipped, from_uuid) || g_hash_table_contains (im->skipped, to_uuid) ||
      (g_hash_table_lookup (im->links, uuid) == NULL &&
       glossa_library_uuid_in_trash (im->library, GLOSSA_TRASH_LINK, uuid)))
    {
      deleted_here (im, GLOSSA_TRASH_LINK, uuid, type_name);
      return TRUE;
    }

  from = annotation_id_for_uuid (im, from_uuid);
  to = annotation_id_for_uuid (im, to_uuid);
  if (from == 0 || to == 0)
    return fail (im, GLOSSA_EXCHANGE_ERROR_DANGLING,
                 _("link %s points to annotation %s, which is neither in the file nor in the library."),
                 uuid, from == 0 ? from_uuid : to_uuid);
  if (*type_name == 0)
    return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("link %s has no type."), uuid);
  if (!import_link_type (im, type_name))
    return FALSE;

  link = g_hash_table_lookup (im->links, uuid);
  if (link == NULL)
    {
      id = glossa_library_add_link (im->library, from, to, type_name, direction, note, uuid, &error);
      if (id == 0 ||
          !glossa_library_set_times (im->library, GLOSSA_TRASH_LINK, id, created, modified, &error))
        return fail_gerror (im, error);
      im->report->n_added++;
      return TRUE;
    }

  id = glossa_link_get_id (link);
  if (glossa_link_get_from_id (link) == from && glossa_link_get_to_id (link) == to &&
      g_strcmp0 (glossa_link_get_link_type (link), type_name) == 0 &&
      glossa_link_get_direction (link) == direction &&
      g_strcmp0 (glossa_link_get_note (link) ? glossa_link_get_note (link) : "", note) == 0)
    {
      im->report->n_unchanged++;
      return TRUE;
    }

  /* A link cannot be re-pointed; only its kind and note are merged. */
  if (modified <= glossa_link_get_modified (link) ||
      glossa_link_get_from_id (link) != from || glossa_link_get_to_id (link) != to)
    {
      _glossa_import_report_add (im->report, GLOSSA_TRASH_LINK, uuid, glossa_link_get_link_type (link), FALSE);
      return TRUE;
    }

  if (!glossa_library_set_link_kind (im->library, id, type_name, direction, &error) ||
      !glossa_library_set_link_note (im->library, id, note, &error) ||
      !glossa_library_set_times (im->library, GLOSSA_TRASH_LINK, id, created, modified, &error))
    return fail_gerror (im, error);

  _glossa_import_report_add (im->report, GLOSSA_TRASH_LINK, uuid, type_name, TRUE);
  return TRUE;
}

static gboolean
read_links (Import *im)
{
  g_autoptr(GPtrArray) links = NULL;
  GError *error = NULL;
  int type;

  links = glossa_library_list_links (im->library, 0, &error);
  if (links == NULL)
    return fail_gerror (im, error);
  for (guint i = 0; i < links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (links, i);

      g_hash_table_insert (im->links, g_ascii_strdown (glossa_link_get_uuid (link), -1), g_object_ref (link));
    }

  if (!expect_element (im, "links"))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (im->reader))
    return TRUE;

  while ((type = next_node (im)) == XML_READER_TYPE_ELEMENT)
    {
      if (!is_element (im, type, "link"))
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("expected <link>."));
      if (!read_link (im))
        return FALSE;
    }

  return type >= 0;
}

/* The document */

gboolean
glossa_xml_sniff (const char *data,
                  gsize       len)
{
  gboolean doctype;

  if (!_glossa_xml_prologue_is_plain (data, len, &doctype))
    return FALSE;

  return g_strstr_len (data, MIN (len, 4096), GLOSSA_XML_NS) != NULL &&
         g_strstr_len (data, MIN (len, 4096), "<glossa") != NULL;
}

static gboolean
check_prologue (Import *im)
{
  g_autoptr(GFile) file = g_file_new_for_path (im->path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree char *buf = g_malloc (MAX_PROLOGUE);
  GError *error = NULL;
  gsize len = 0;
  gboolean doctype;

  in = g_file_read (file, im->cancellable, &error);
  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), buf, MAX_PROLOGUE, &len, im->cancellable, &error))
    {
      im->error = g_error_new (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                               _("“%s” cannot be read: %s"), im->path, error->message);
      g_error_free (error);
      return FALSE;
    }

  if (_glossa_xml_prologue_is_plain (buf, len, &doctype))
    return TRUE;

  im->error = g_error_new (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED,
                           doctype ? _("“%s” declares a document type (DTD), which Glossa files never have; "
                                       "it was not read, for safety.")
                                   : _("“%s” is not an XML document."),
                           im->path);
  return FALSE;
}

static gboolean
read_document (Import *im)
{
  g_autofree char *version = NULL;
  int type;

  /* The root is looked at before the schema speaks, for a plainer message. */
  for (;;)
    {
      if (xmlTextReaderRead (im->reader) != 1 || (im->xml_error != NULL && !im->schema_error))
        return fail_xml (im);
      type = xmlTextReaderNodeType (im->reader);
      if (type == XML_READER_TYPE_ELEMENT)
        break;
      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        return fail (im, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED,
                     _("it declares a document type, which Glossa files never have."));
    }

  if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (im->reader), "glossa") != 0 ||
      g_strcmp0 ((const char *) xmlTextReaderConstNamespaceUri (im->reader), GLOSSA_XML_NS) != 0)
    {
      const char *ns = (const char *) xmlTextReaderConstNamespaceUri (im->reader);

      im->error = g_error_new (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_UNSUPPORTED,
                               _("“%s” is not a Glossa file: its root element is <%s>%s%s%s, not <glossa> "
                               "in the namespace %s."), im->path,
                               (const char *) xmlTextReaderConstLocalName (im->reader),
                               ns ? " in the namespace " : " without a namespace", ns ? ns : "",
                               "", GLOSSA_XML_NS);
      return FALSE;
    }

  version = get_attribute (im, "version");
  if (g_strcmp0 (version, "1") != 0)
    {
      im->error = g_error_new (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_UNSUPPORTED,
                               _("“%s” was written in version %s of the Glossa format, which this Glossa "
                               "cannot read."), im->path, version ? version : "(none)");
      return FALSE;
    }
  if (!check_valid (im))
    return FALSE;

  if (!read_link_types (im) || !read_codebook (im) || !read_articles (im) || !read_links (im))
    return FALSE;

  if (!expect_end (im))
    return FALSE;

  /* nothing but comments may follow */
  while ((type = xmlTextReaderRead (im->reader)) == 1)
    {
      int node = xmlTextReaderNodeType (im->reader);

      if (node != XML_READER_TYPE_COMMENT && node != XML_READER_TYPE_PROCESSING_INSTRUCTION &&
          node != XML_READER_TYPE_WHITESPACE && node != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
        return fail (im, GLOSSA_EXCHANGE_ERROR_INVALID, _("content after the root element."));
    }
  if (type < 0 || im->xml_error != NULL)
    return fail_xml (im);

  return check_valid (im);
}

gboolean
glossa_xml_import (GlossaLibrary       *library,
                   const char          *path,
                   GlossaImportReport **report,
                   GCancellable        *cancellable,
                   GError             **error)
{
  Import im = { 0 };
  g_autoptr(GBytes) schema_bytes = NULL;
  xmlRelaxNGParserCtxtPtr parser = NULL;
  xmlRelaxNGPtr schema = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  im.library = library;
  im.path = path;
  im.cancellable = cancellable;
  im.report = g_new0 (GlossaImportReport, 1);
  im.tag_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  im.link_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!check_prologue (&im))
    goto out;

  schema_bytes = glossa_xml_get_schema ();
  parser = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (schema_bytes, NULL),
                                       g_bytes_get_size (schema_bytes));
  schema = parser != NULL ? xmlRelaxNGParse (parser) : NULL;
  if (schema == NULL)
    {
      im.error = g_error_new_literal (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                                      _("The Glossa schema could not be loaded."));
      goto out;
    }

  /* No network, no DTD loading, no entity substitution; the default
   * limits on depth and text size stay (no XML_PARSE_HUGE). */
  im.reader = xmlReaderForFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  if (im.reader == NULL)
    {
      im.error = g_error_new (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                              _("“%s” cannot be read."), path);
      goto out;
    }
  xmlTextReaderSetStructuredErrorHandler (im.reader, reader_error_cb, &im);
  if (xmlTextReaderRelaxNGSetSchema (im.reader, schema) != 0)
    {
      im.error = g_error_new_literal (GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                                      _("The Glossa schema could not be used."));
      goto out;
    }

  if (!glossa_library_begin (library, &im.error))
    goto out;

  ok = read_document (&im);
  if (ok)
    ok = glossa_library_commit (library, &im.error);
  else
    glossa_library_rollback (library);

out:
  if (im.reader != NULL)
    xmlFreeTextReader (im.reader);
  if (schema != NULL)
    xmlRelaxNGFree (schema);
  if (parser != NULL)
    xmlRelaxNGFreeParserCtxt (parser);
  g_free (im.xml_error);
  g_hash_table_unref (im.tag_map);
  g_hash_table_unref (im.links);
  g_hash_table_unref (im.link_types);
  g_hash_table_unref (im.skipped);

  if (!ok)
    {
      glossa_import_report_free (im.report);
      g_propagate_error (error, im.error);
      return FALSE;
    }

  if (report != NULL)
    *report = im.report;
  else
    glossa_import_report_free (im.report);

  return TRUE;
}
