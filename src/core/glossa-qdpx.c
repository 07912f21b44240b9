/* glossa-qdpx.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * REFI-QDA export (.qdpx, .qdc) and import (.qdpx).
 *
 * The export streams: each article's text goes into the archive as it is
 * read, its selections into a fragment file, its notes into another; the
 * project.qde is then assembled in schema order (Users, CodeBook, Sources,
 * Notes, Links) from the fragments and added last.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>

#include "glossa-anchor.h"
#include "glossa-exchange-private.h"
#include "glossa-library-exchange.h"
#include "glossa-qdpx.h"

#define SELECTION_NAME_CHARS 60
#define COPY_CHUNK           (64 * 1024)
#define MAX_ENTRIES          100000

/* Export */

typedef struct {
  GlossaLibrary           *library;
  const GlossaExportScope *scope;
  GCancellable            *cancellable;
  char                    *tmpdir;
  struct archive          *archive;
  xmlTextWriterPtr         sources;
  xmlTextWriterPtr         notes;
  GOutputStream           *sources_stream;
  GOutputStream           *notes_stream;
  GError                  *sources_error;
  GError                  *notes_error;
  GHashTable              *tag_uuids;    /* id → uuid */
  GHashTable              *users;        /* name → guid */
  GHashTable              *link_ends;    /* annotation id → uuid or NULL */
  GPtrArray               *links;
  guint                    n_notes;
  guint                    n_skipped;
  gboolean                 failed;
} Qdpx;

#define W(call) G_STMT_START { if ((call) < 0) { q->failed = TRUE; return FALSE; } } G_STMT_END

static char *
derived_guid (const char *kind,
              const char *a,
              const char *b)
{
  g_autofree char *key = g_strconcat (kind, ":", a, b ? ":" : NULL, b, NULL);

  return _glossa_uuid_for_name (key);
}

static const char *
user_guid (Qdpx       *q,
           const char *author)
{
  char *guid;

  if (author == NULL || *author == 0)
    return NULL;

  guid = g_hash_table_lookup (q->users, author);
  if (guid == NULL)
    {
      guid = derived_guid ("user", author, NULL);
      g_hash_table_insert (q->users, g_strdup (author), guid);
    }

  return guid;
}

static char *
selection_name (const char *quote)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (quote, -1) <= SELECTION_NAME_CHARS)
    return g_strdup (quote);

  head = g_utf8_substring (quote, 0, SELECTION_NAME_CHARS - 1);
  return g_strconcat (head, "…", NULL);
}

/* XML 1.0 cannot carry some controls at all; REFI has no escape for them,
 * so they become U+FFFD in names, notes and descriptions. */
static char *
xml_safe (const char *str)
{
  GString *out;

  if (!_glossa_xml_needs_base64 (str))
    return g_strdup (str);

  out = g_string_new (NULL);
  for (const char *p = str; *p != 0; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
write_safe_attribute (xmlTextWriterPtr  writer,
                      const char       *name,
                      const char       *value)
{
  g_autofree char *safe = xml_safe (value);

  return xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST safe) >= 0;
}

static gboolean
write_safe_element (xmlTextWriterPtr  writer,
                    const char       *name,
                    const char       *value)
{
  g_autofree char *safe = xml_safe (value);

  return xmlTextWriterWriteElement (writer, BAD_CAST name, BAD_CAST safe) >= 0;
}

static gboolean
write_time_attribute (xmlTextWriterPtr  writer,
                      const char       *name,
                      gint64            usec)
{
  g_autofree char *str = _glossa_format_time (usec);

  return xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST str) >= 0;
}

static gboolean
write_int_attribute (xmlTextWriterPtr  writer,
                     const char       *name,
                     gint64            value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" PRId64, value);
  return xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST buf) >= 0;
}

/* The codebook as nested <Code>s; shared by .qde and .qdc, whose Code
 * types differ only in NoteRef, which we do not write. */
static gboolean
write_codes (xmlTextWriterPtr  writer,
             GlossaLibrary    *library,
             GHashTable       *tag_uuids)
{
  GListModel *tags = glossa_library_get_tags (library);
  guint n = g_list_model_get_n_items (tags);
  guint open = 0;

  if (xmlTextWriterStartElement (writer, BAD_CAST "Codes") < 0)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);
      guint depth = glossa_tag_get_depth (tag);
      g_autofree char *uuid = g_ascii_strdown (glossa_tag_get_uuid (tag), -1);
      const char *color = glossa_tag_get_color (tag);
      const char *description = glossa_tag_get_description (tag);

      for (; open > depth; open--)
        {
          if (xmlTextWriterEndElement (writer) < 0)
            return FALSE;
        }

      if (tag_uuids != NULL)
        g_hash_table_insert (tag_uuids, g_memdup2 (&(gint64) { glossa_tag_get_id (tag) }, sizeof (gint64)),
                             g_strdup (uuid));

      if (xmlTextWriterStartElement (writer, BAD_CAST "Code") < 0 ||
          xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST uuid) < 0 ||
          !write_safe_attribute (writer, "name", glossa_tag_get_name (tag)) ||
          xmlTextWriterWriteAttribute (writer, BAD_CAST "isCodable", BAD_CAST "true") < 0)
        return FALSE;
      if (color != NULL && strlen (color) == 7 && color[0] == '#' &&
          xmlTextWriterWriteAttribute (writer, BAD_CAST "color", BAD_CAST color) < 0)
        return FALSE;
      if (description != NULL && *description != 0 && !write_safe_element (writer, "Description", description))
        return FALSE;
      open++;
    }

  for (; open > 0; open--)
    {
      if (xmlTextWriterEndElement (writer) < 0)
        return FALSE;
    }

  return xmlTextWriterEndElement (writer) >= 0;
}

static gboolean
archive_add (Qdpx        *q,
             const char  *name,
             const char  *data,
             gsize        len,
             GError     **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, len);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, g_get_real_time () / G_USEC_PER_SEC, 0);

  ok = archive_write_header (q->archive, entry) == ARCHIVE_OK;
  for (gsize done = 0; ok && done < len;)
    {
      la_ssize_t n = archive_write_data (q->archive, data + done, MIN (len - done, COPY_CHUNK));

      ok = n > 0;
      done += ok ? (gsize) n : 0;
    }
  archive_entry_free (entry);

  if (!ok)
    g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                 _("Could not add %s to the archive: %s"), name, archive_error_string (q->archive));
  return ok;
}

static gboolean
write_note (Qdpx       *q,
            const char *guid,
            const char *name,
            const char *text,
            const char *author,
            gint64      created,
            gint64      modified)
{
  const char *creator = user_guid (q, author);

  W (xmlTextWriterStartElement (q->notes, BAD_CAST "Note"));
  W (xmlTextWriterWriteAttribute (q->notes, BAD_CAST "guid", BAD_CAST guid));
  if (!write_safe_attribute (q->notes, "name", name))
    return FALSE;
  if (creator != NULL)
    W (xmlTextWriterWriteAttribute (q->notes, BAD_CAST "creatingUser", BAD_CAST creator));
  if (!write_time_attribute (q->notes, "creationDateTime", created) ||
      !write_time_attribute (q->notes, "modifiedDateTime", modified) ||
      !write_safe_element (q->notes, "PlainTextContent", text))
    return FALSE;
  W (xmlTextWriterEndElement (q->notes));
  q->n_notes++;

  return TRUE;
}

static gboolean
write_selection (Qdpx             *q,
                 GlossaAnnotation *annotation,
                 gint64            length)
{
  g_autofree char *uuid = g_ascii_strdown (glossa_annotation_get_uuid (annotation), -1);
  g_autofree char *name = selection_name (glossa_annotation_get_quote (annotation));
  const char *note = glossa_annotation_get_note (annotation);
  const char *creator = user_guid (q, glossa_annotation_get_author (annotation));
  gint64 start = glossa_annotation_get_start (annotation);
  gint64 end = glossa_annotation_get_end (annotation);
  gint64 id = glossa_annotation_get_id (annotation);
  const gint64 *tag_ids;
  guint n_tags;

  /* The schema takes any integer; the standard needs a span of the text. */
  g_assert (start >= 0 && start <= end && end <= length);

  if (g_hash_table_contains (q->link_ends, &id))
    g_hash_table_insert (q->link_ends, g_memdup2 (&id, sizeof id), g_strdup (uuid));

  W (xmlTextWriterStartElement (q->sources, BAD_CAST "PlainTextSelection"));
  W (xmlTextWriterWriteAttribute (q->sources, BAD_CAST "guid", BAD_CAST uuid));
  if (!write_safe_attribute (q->sources, "name", name) ||
      !write_int_attribute (q->sources, "startPosition", start) ||
      !write_int_attribute (q->sources, "endPosition", end))
    return FALSE;
  if (creator != NULL)
    W (xmlTextWriterWriteAttribute (q->sources, BAD_CAST "creatingUser", BAD_CAST creator));
  if (!write_time_attribute (q->sources, "creationDateTime", glossa_annotation_get_created (annotation)) ||
      !write_time_attribute (q->sources, "modifiedDateTime", glossa_annotation_get_modified (annotation)))
    return FALSE;

  /* one Coding per tag: a Coding holds exactly one CodeRef */
  tag_ids = glossa_annotation_get_tag_ids (annotation, &n_tags);
  for (guint i = 0; i < n_tags; i++)
    {
      const char *tag_uuid = g_hash_table_lookup (q->tag_uuids, &tag_ids[i]);
      g_autofree char *coding = NULL;

      if (tag_uuid == NULL)
        continue;
      coding = derived_guid ("coding", uuid, tag_uuid);
      W (xmlTextWriterStartElement (q->sources, BAD_CAST "Coding"));
      W (xmlTextWriterWriteAttribute (q->sources, BAD_CAST "guid", BAD_CAST coding));
      if (creator != NULL)
        W (xmlTextWriterWriteAttribute (q->sources, BAD_CAST "creatingUser", BAD_CAST creator));
      if (!write_time_attribute (q->sources, "creationDateTime", glossa_annotation_get_created (annotation)))
        return FALSE;
      W (xmlTextWriterStartElement (q->sources, BAD_CAST "CodeRef"));
      W (xmlTextWriterWriteAttribute (q->sources, BAD_CAST "targetGUID", BAD_CAST tag_uuid));
      W (xmlTextWriterEndElement (q->sources));
      W (xmlTextWriterEndElement (q->sources));
    }

  if (note != NULL && *note != 0)
    {
      g_autofree char *note_guid = derived_guid ("note", uuid, NULL);
      g_autofree char *note_name = g_strdup_printf ("Note on “%s”", name);

      W (xmlTextWriterStartElement (q->sources, BAD_CAST "NoteRef"));
      W (xmlTextWriterWriteAttribute (q->sources, BAD_CAST "targetGUID", BAD_CAST note_guid));
      W (xmlTextWriterEndElement (q->sources));

      if (!write_note (q, note_guid, note_name, note, glossa_annotation_get_author (annotation),
                       glossa_annotation_get_created (annotation), glossa_annotation_get_modified (annotation)))
        return FALSE;
    }

  W (xmlTextWriterEndElement (q->sources));
  return TRUE;
}

static gboolean
write_source (Qdpx           *q,
              GlossaArticle  *article,
              GError        **error)
{
  g_autoptr(GlossaExtracted) content = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *uuid = g_ascii_strdown (glossa_article_get_uuid (article), -1);
  g_autofree char *entry = g_strdup_printf ("sources/%s.txt", uuid);
  g_autofree char *internal = g_strdup_printf ("internal://%s.txt", uuid);
  const char *source = glossa_article_get_source (article);

  content = glossa_library_load_content (q->library, glossa_article_get_id (article), error);
  if (content == NULL)
    return FALSE;
  annotations = _glossa_scope_annotations (q->library, q->scope, glossa_article_get_id (article), error);
  if (annotations == NULL)
    return FALSE;

  /* the library keeps LF line ends, which is what REFI positions need */
  g_assert (strchr (content->text, '\r') == NULL);
  if (!archive_add (q, entry, content->text, strlen (content->text), error))
    return FALSE;

  W (xmlTextWriterStartElement (q->sources, BAD_CAST "TextSource"));
  W (xmlTextWriterWriteAttribute (q->sources, BAD_CAST "guid", BAD_CAST uuid));
  if (!write_safe_attribute (q->sources, "name", glossa_article_get_title (article)))
    return FALSE;
  W (xmlTextWriterWriteAttribute (q->sources, BAD_CAST "plainTextPath", BAD_CAST internal));
  if (!write_time_attribute (q->sources, "creationDateTime", glossa_article_get_imported (article)) ||
      !write_time_attribute (q->sources, "modifiedDateTime", glossa_article_get_modified (article)))
    return FALSE;
  if (source != NULL && *source != 0 && !write_safe_element (q->sources, "Description", source))
    return FALSE;

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossaAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (glossa_annotation_get_orphaned (annotation))
        {
          q->n_skipped++;
          continue;
        }
      if (!write_selection (q, annotation, content->length))
        return FALSE;
    }

  W (xmlTextWriterEndElement (q->sources));
  return TRUE;
}

static const char *
direction_name (GlossaLinkDirection direction)
{
  switch (direction)
    {
    case GLOSSA_LINK_BIDIRECTIONAL:
      return "Bidirectional";
    case GLOSSA_LINK_ASSOCIATIVE:
      return "Associative";
    case GLOSSA_LINK_ONE_WAY:
    default:
      return "OneWay";
    }
}

static gboolean
splice (xmlTextWriterPtr  writer,
        const char       *path,
        GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  g_autofree char *buf = g_malloc (COPY_CHUNK + 1);
  gssize n;

  if (in == NULL)
    return FALSE;

  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, COPY_CHUNK, NULL, error)) > 0)
    {
      if (xmlTextWriterWriteRawLen (writer, BAD_CAST buf, n) < 0)
        {
          g_set_error_literal (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                               _("Could not assemble project.qde."));
          return FALSE;
        }
    }

  return n == 0;
}

static gboolean
write_project (Qdpx        *q,
               const char  *qde_path,
               const char  *sources_path,
               const char  *notes_path,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (qde_path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(GError) stream_error = NULL;
  g_autofree char *now = _glossa_format_time (g_get_real_time ());
  g_autoptr(GPtrArray) link_notes = g_ptr_array_new_with_free_func (g_object_unref);
  xmlTextWriterPtr writer;
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok = FALSE;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 256 * 1024);
  writer = _glossa_xml_writer_new (buffered, NULL, &stream_error);

#define P(call) G_STMT_START { if ((call) < 0) goto out; } G_STMT_END
  P (xmlTextWriterStartDocument (writer, NULL, "UTF-8", "yes"));
  P (xmlTextWriterStartElementNS (writer, NULL, BAD_CAST "Project", BAD_CAST GLOSSA_QDA_PROJECT_NS));
  P (xmlTextWriterWriteAttributeNS (writer, BAD_CAST "xmlns", BAD_CAST "xsi", NULL,
                                    BAD_CAST "http://www.w3.org/2001/XMLSchema-instance"));
  P (xmlTextWriterWriteAttributeNS (writer, BAD_CAST "xsi", BAD_CAST "schemaLocation", NULL,
                                    BAD_CAST GLOSSA_QDA_PROJECT_NS
                                    " http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"));
  P (xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST "Glossa library"));
  P (xmlTextWriterWriteAttribute (writer, BAD_CAST "origin", BAD_CAST "Glossa " PACKAGE_VERSION));
  P (xmlTextWriterWriteAttribute (writer, BAD_CAST "creationDateTime", BAD_CAST now));
  P (xmlTextWriterWriteAttribute (writer, BAD_CAST "modifiedDateTime", BAD_CAST now));

  if (g_hash_table_size (q->users) > 0)
    {
      P (xmlTextWriterStartElement (writer, BAD_CAST "Users"));
      g_hash_table_iter_init (&iter, q->users);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          P (xmlTextWriterStartElement (writer, BAD_CAST "User"));
          P (xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", value));
          if (!write_safe_attribute (writer, "name", key))
            goto out;
          P (xmlTextWriterEndElement (writer));
        }
      P (xmlTextWriterEndElement (writer));
    }

  if (g_list_model_get_n_items (glossa_library_get_tags (q->library)) > 0)
    {
      P (xmlTextWriterStartElement (writer, BAD_CAST "CodeBook"));
      if (!write_codes (writer, q->library, NULL))
        goto out;
      P (xmlTextWriterEndElement (writer));
    }

  P (xmlTextWriterStartElement (writer, BAD_CAST "Sources"));
  if (!splice (writer, sources_path, error))
    goto out;
  P (xmlTextWriterEndElement (writer));

  /* links whose both ends were exported, and the notes on them */
  for (guint i = 0; i < q->links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (q->links, i);

      if (g_hash_table_lookup (q->link_ends, &(gint64) { glossa_link_get_from_id (link) }) != NULL &&
          g_hash_table_lookup (q->link_ends, &(gint64) { glossa_link_get_to_id (link) }) != NULL)
        g_ptr_array_add (link_notes, g_object_ref (link));
    }

  if (q->n_notes > 0 || link_notes->len > 0)
    {
      P (xmlTextWriterStartElement (writer, BAD_CAST "Notes"));
      if (q->n_notes > 0 && !splice (writer, notes_path, error))
        goto out;
      for (guint i = 0; i < link_notes->len; i++)
        {
          GlossaLink *link = g_ptr_array_index (link_notes, i);
          const char *note = glossa_link_get_note (link);
          g_autofree char *uuid = g_ascii_strdown (glossa_link_get_uuid (link), -1);
          g_autofree char *guid = NULL;
          g_autofree char *safe = NULL;

          if (note == NULL || *note == 0)
            continue;
          guid = derived_guid ("note", uuid, NULL);
          safe = xml_safe (note);
          P (xmlTextWriterStartElement (writer, BAD_CAST "Note"));
          P (xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST guid));
          P (xmlTextWriterWriteFormatAttribute (writer, BAD_CAST "name", "Note on a “%s” link",
                                                glossa_link_get_link_type (link)));
          if (!write_time_attribute (writer, "creationDateTime", glossa_link_get_created (link)) ||
              !write_time_attribute (writer, "modifiedDateTime", glossa_link_get_modified (link)))
            goto out;
          P (xmlTextWriterWriteElement (writer, BAD_CAST "PlainTextContent", BAD_CAST safe));
          P (xmlTextWriterEndElement (writer));
        }
      P (xmlTextWriterEndElement (writer));
    }
  /* an empty <Notes/> is invalid (Note is required inside); writing it
   * only when there is one keeps us valid */

  if (link_notes->len > 0)
    {
      P (xmlTextWriterStartElement (writer, BAD_CAST "Links"));
      for (guint i = 0; i < link_notes->len; i++)
        {
          GlossaLink *link = g_ptr_array_index (link_notes, i);
          const char *note = glossa_link_get_note (link);
          g_autofree char *uuid = g_ascii_strdown (glossa_link_get_uuid (link), -1);

          P (xmlTextWriterStartElement (writer, BAD_CAST "Link"));
          P (xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST uuid));
          if (!write_safe_attribute (writer, "name", glossa_link_get_link_type (link)))
            goto out;
          P (xmlTextWriterWriteAttribute (writer, BAD_CAST "direction",
                                          BAD_CAST direction_name (glossa_link_get_direction (link))));
          P (xmlTextWriterWriteAttribute (writer, BAD_CAST "originGUID",
                                          g_hash_table_lookup (q->link_ends, &(gint64) { glossa_link_get_from_id (link) })));
          P (xmlTextWriterWriteAttribute (writer, BAD_CAST "targetGUID",
                                          g_hash_table_lookup (q->link_ends, &(gint64) { glossa_link_get_to_id (link) })));
          if (note != NULL && *note != 0)
            {
              g_autofree char *guid = derived_guid ("note", uuid, NULL);

              P (xmlTextWriterStartElement (writer, BAD_CAST "NoteRef"));
              P (xmlTextWriterWriteAttribute (writer, BAD_CAST "targetGUID", BAD_CAST guid));
              P (xmlTextWriterEndElement (writer));
            }
          P (xmlTextWriterEndElement (writer));
        }
      P (xmlTextWriterEndElement (writer));
    }

  P (xmlTextWriterEndElement (writer));
  P (xmlTextWriterEndDocument (writer));
  P (xmlTextWriterFlush (writer));
  ok = TRUE;
#undef P

out:
  xmlFreeTextWriter (writer);
  if (ok && !g_output_stream_close (buffered, NULL, error))
    ok = FALSE;
  if (!ok && error != NULL && *error == NULL)
    {
      if (stream_error != NULL)
        g_propagate_error (error, g_steal_pointer (&stream_error));
      else
        g_set_error_literal (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                             _("Could not write project.qde."));
    }

  return ok;
}

/* Streams @path into the archive, so that a large project.qde is never
 * held in memory whole. */
static gboolean
add_file_to_archive (Qdpx        *q,
                     const char  *name,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree char *buf = g_malloc (COPY_CHUNK);
  struct archive_entry *entry;
  gboolean ok;
  gssize n;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  in = info ? g_file_read (file, NULL, error) : NULL;
  if (in == NULL)
    return FALSE;

  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, g_file_info_get_size (info));
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, g_get_real_time () / G_USEC_PER_SEC, 0);
  ok = archive_write_header (q->archive, entry) == ARCHIVE_OK;
  archive_entry_free (entry);

  while (ok && (n = g_input_stream_read (G_INPUT_STREAM (in), buf, COPY_CHUNK, NULL, error)) > 0)
    ok = archive_write_data (q->archive, buf, n) == n;
  if (ok && n < 0)
    return FALSE;

  if (!ok)
    g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                 _("Could not add %s to the archive: %s"), name, archive_error_string (q->archive));
  return ok;
}

static xmlTextWriterPtr
fragment_writer (const char     *path,
                 GOutputStream **stream,
                 GError        **stream_error,
                 GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);

  if (out == NULL)
    return NULL;

  *stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 256 * 1024);
  return _glossa_xml_writer_new (*stream, NULL, stream_error);
}

static void
remove_tmpdir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tmpdir (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static gboolean
qdpx_export (Qdpx        *q,
             const char  *path,
             GError     **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *sources_path = NULL;
  g_autofree char *notes_path = NULL;
  g_autofree char *qde_path = NULL;
  g_autofree char *tmp_zip = NULL;

  q->tmpdir = g_dir_make_tmp ("glossa-qdpx-XXXXXX", error);
  if (q->tmpdir == NULL)
    return FALSE;
  sources_path = g_build_filename (q->tmpdir, "sources.xml", NULL);
  notes_path = g_build_filename (q->tmpdir, "notes.xml", NULL);
  qde_path = g_build_filename (q->tmpdir, "project.qde", NULL);
  tmp_zip = g_strconcat (path, ".part", NULL);

  q->links = glossa_library_list_links (q->library, 0, error);
  if (q->links == NULL)
    return FALSE;
  for (guint i = 0; i < q->links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (q->links, i);
      gint64 ends[2] = { glossa_link_get_from_id (link), glossa_link_get_to_id (link) };

      for (guint j = 0; j < 2; j++)
        g_hash_table_insert (q->link_ends, g_memdup2 (&ends[j], sizeof (gint64)), NULL);
    }

  /* the tag map is needed before the first selection */
  {
    xmlBufferPtr scratch = xmlBufferCreate ();
    xmlTextWriterPtr w = xmlNewTextWriterMemory (scratch, 0);
    gboolean ok = write_codes (w, q->library, q->tag_uuids);

    xmlFreeTextWriter (w);
    xmlBufferFree (scratch);
    if (!ok)
      {
        g_set_error_literal (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                             _("Could not write the codebook."));
        return FALSE;
      }
  }

  articles = _glossa_scope_articles (q->library, q->scope, error);
  if (articles == NULL)
    return FALSE;

  q->sources = fragment_writer (sources_path, &q->sources_stream, &q->sources_error, error);
  if (q->sources == NULL)
    return FALSE;
  q->notes = fragment_writer (notes_path, &q->notes_stream, &q->notes_error, error);
  if (q->notes == NULL)
    return FALSE;

  q->archive = archive_write_new ();
  if (archive_write_set_format_zip (q->archive) != ARCHIVE_OK ||
      archive_write_open_filename (q->archive, tmp_zip) != ARCHIVE_OK)
    {
      g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, archive_error_string (q->archive));
      return FALSE;
    }

  for (guint i = 0; i < articles->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (q->cancellable, error))
        goto failed;
      if (!write_source (q, g_ptr_array_index (articles, i), error))
        goto failed;
    }

  if (xmlTextWriterFlush (q->sources) < 0 || xmlTextWriterFlush (q->notes) < 0 ||
      !g_output_stream_close (q->sources_stream, NULL, error) ||
      !g_output_stream_close (q->notes_stream, NULL, error))
    goto failed;

  if (!write_project (q, qde_path, sources_path, notes_path, error) ||
      !add_file_to_archive (q, "project.qde", qde_path, error))
    goto failed;

  if (archive_write_close (q->archive) != ARCHIVE_OK)
    {
      g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, archive_error_string (q->archive));
      g_remove (tmp_zip);
      return FALSE;
    }

  if (g_rename (tmp_zip, path) != 0)
    {
      int saved = errno;

      g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      g_remove (tmp_zip);
      return FALSE;
    }

  return TRUE;

failed:
  if (error != NULL && *error == NULL)
    {
      GError *inner = q->sources_error ? q->sources_error : q->notes_error;

      g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, inner ? inner->message : "the XML writer failed");
    }
  archive_write_close (q->archive);
  g_remove (tmp_zip);
  return FALSE;
}

#undef W

gboolean
glossa_qdpx_export (GlossaLibrary            *library,
                    const GlossaExportScope  *scope,
                    const char               *path,
                    guint                    *n_skipped,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  Qdpx q = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  q.library = library;
  q.scope = scope;
  q.cancellable = cancellable;
  q.tag_uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  q.users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  q.link_ends = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  ok = qdpx_export (&q, path, error);

  if (q.sources != NULL)
    xmlFreeTextWriter (q.sources);
  if (q.notes != NULL)
    xmlFreeTextWriter (q.notes);
  g_clear_object (&q.sources_stream);
  g_clear_object (&q.notes_stream);
  if (q.archive != NULL)
    archive_write_free (q.archive);
  if (q.tmpdir != NULL)
    remove_tmpdir (q.tmpdir);
  g_free (q.tmpdir);
  g_clear_error (&q.sources_error);
  g_clear_error (&q.notes_error);
  g_hash_table_unref (q.tag_uuids);
  g_hash_table_unref (q.users);
  g_hash_table_unref (q.link_ends);
  g_clear_pointer (&q.links, g_ptr_array_unref);

  if (ok && n_skipped != NULL)
    *n_skipped = q.n_skipped;

  return ok;
}

gboolean
glossa_qdc_export (GlossaLibrary  *library,
                   const char     *path,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) stream_error = NULL;
  g_autoptr(GError) local_error = NULL;
  xmlTextWriterPtr writer;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_list_model_get_n_items (glossa_library_get_tags (library)) == 0)
    {
      g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                   _("Could not write “%s”: the codebook is empty, and a REFI-QDA codebook needs at least one code."),
                   path);
      return FALSE;
    }

  file = g_file_new_for_path (path);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (out == NULL)
    {
      g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  writer = _glossa_xml_writer_new (G_OUTPUT_STREAM (out), cancellable, &stream_error);
  ok = xmlTextWriterSetIndent (writer, 1) >= 0 &&
       xmlTextWriterStartDocument (writer, NULL, "UTF-8", "yes") >= 0 &&
       xmlTextWriterStartElementNS (writer, NULL, BAD_CAST "CodeBook", BAD_CAST GLOSSA_QDA_CODEBOOK_NS) >= 0 &&
       xmlTextWriterWriteAttribute (writer, BAD_CAST "origin", BAD_CAST "Glossa " PACKAGE_VERSION) >= 0 &&
       write_codes (writer, library, NULL) &&
       xmlTextWriterEndElement (writer) >= 0 &&
       xmlTextWriterEndDocument (writer) >= 0 &&
       xmlTextWriterFlush (writer) >= 0;
  xmlFreeTextWriter (writer);

  if (ok)
    ok = g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error);
  if (!ok)
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   local_error ? local_error->message : stream_error ? stream_error->message : "the XML writer failed");
    }

  return ok;
}

/* Import */

typedef struct {
  gint64  annotation_id;
  char   *note_guid;
  gint64  created;
  gint64  modified;
} PendingNote;

static void
pending_note_free (gpointer data)
{
  PendingNote *pending = data;

  g_free (pending->note_guid);
  g_free (pending);
}

typedef struct {
  GlossaLibrary      *library;
  const char         *path;
  GCancellable       *cancellable;
  gint64              max_expanded;
  char               *tmpdir;
  char               *qde;                /* extracted project.qde */
  GHashTable         *files;              /* lower-case name in sources/ → extracted path */
  GlossaImportReport *report;
  GHashTable         *users;              /* guid → name */
  GHashTable         *codes;              /* guid → gint64 tag id */
  GHashTable         *notes;              /* guid → text */
  GPtrArray          *pending_notes;      /* PendingNote */
  GHashTable         *link_types;
  GError             *error;
  char               *xml_error;
} QdpxImport;

static gboolean G_GNUC_PRINTF (3, 4)
qfail (QdpxImport *qi,
       int         code,
       const char *format,
       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (qi->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  qi->error = g_error_new (GLOSSA_EXCHANGE_ERROR, code, "“%s” cannot be imported: %s", qi->path, message);

  return FALSE;
}

static gboolean
qfail_gerror (QdpxImport *qi,
              GError     *error)
{
  qfail (qi, GLOSSA_EXCHANGE_ERROR_FAILED, "%s", error->message);
  g_error_free (error);
  return FALSE;
}

/* An entry name is safe when it is relative and never climbs out. */
static gboolean
entry_name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || *name == 0 || name[0] == '/' || name[0] == '\\' ||
      (g_ascii_isalpha (name[0]) && name[1] == ':') || strchr (name, '\\') != NULL)
    return FALSE;

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (strcmp (parts[i], "..") == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
extract_entry (QdpxImport     *qi,
               struct archive *archive,
               const char     *name,
               const char     *dest,
               gint64         *expanded)
{
  g_autoptr(GFile) file = g_file_new_for_path (dest);
  g_autoptr(GFileOutputStream) out = NULL;
  GError *error = NULL;
  char buf[COPY_CHUNK];
  la_ssize_t n;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  if (out == NULL)
    return qfail_gerror (qi, error);

  while ((n = archive_read_data (archive, buf, sizeof buf)) > 0)
    {
      *expanded += n;
      if (*expanded > qi->max_expanded)
        {
          g_autofree char *limit = g_format_size (qi->max_expanded);

          return qfail (qi, GLOSSA_EXCHANGE_ERROR_UNSAFE,
                        _("the archive would expand past %s, more than Glossa unpacks."), limit);
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buf, n, NULL, qi->cancellable, &error))
        return qfail_gerror (qi, error);
    }
  if (n < 0)
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, _("the archive entry %s is damaged: %s"),
                  name, archive_error_string (archive));

  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
    return qfail_gerror (qi, error);

  return TRUE;
}

static gboolean
unpack (QdpxImport *qi)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  gint64 expanded = 0;
  guint n_entries = 0;
  guint n_qde = 0;
  gboolean ok = TRUE;
  int rc;

  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, qi->path, COPY_CHUNK) != ARCHIVE_OK)
    {
      qfail (qi, GLOSSA_EXCHANGE_ERROR_UNSUPPORTED, _("it is not a REFI-QDA project (a zip archive): %s"),
             archive_error_string (archive));
      archive_read_free (archive);
      return FALSE;
    }

  while (ok && (rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      const char *slash;

      if (name == NULL)
        name = archive_entry_pathname (entry);

      if (++n_entries > MAX_ENTRIES)
        {
          ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_UNSAFE, _("the archive holds more than %d entries."), MAX_ENTRIES);
          break;
        }
      if (!entry_name_is_safe (name))
        {
          ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_UNSAFE,
                      _("the archive entry “%s” points outside the archive; it was not unpacked."),
                      name ? name : "");
          break;
        }
      if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > qi->max_expanded)
        {
          g_autofree char *limit = g_format_size (qi->max_expanded);

          ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_UNSAFE,
                      _("the archive would expand past %s, more than Glossa unpacks."), limit);
          break;
        }
      if (archive_entry_filetype (entry) != AE_IFREG)
        {
          if (archive_entry_filetype (entry) == AE_IFLNK)
            {
              ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_UNSAFE, _("the archive entry “%s” is a symbolic link."), name);
              break;
            }
          archive_read_data_skip (archive);
          continue;
        }

      slash = strchr (name, '/');
      if (slash == NULL && g_str_has_suffix (name, ".qde"))
        {
          if (++n_qde > 1)
            {
              ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_INVALID, _("it holds more than one .qde project."));
              break;
            }
          qi->qde = g_build_filename (qi->tmpdir, "project.qde", NULL);
          ok = extract_entry (qi, archive, name, qi->qde, &expanded);
        }
      else if (slash != NULL && slash - name == 7 && g_ascii_strncasecmp (name, "sources", 7) == 0 &&
               slash[1] != 0 && strchr (slash + 1, '/') == NULL)
        {
          g_autofree char *key = g_utf8_strdown (slash + 1, -1);
          g_autofree char *dest_name = g_strdup_printf ("source-%u", g_hash_table_size (qi->files));
          char *dest = g_build_filename (qi->tmpdir, dest_name, NULL);

          g_hash_table_replace (qi->files, g_steal_pointer (&key), dest);
          ok = extract_entry (qi, archive, name, dest, &expanded);
        }
      else
        {
          archive_read_data_skip (archive);
        }
    }

  if (ok && rc != ARCHIVE_EOF)
    ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, _("the archive is damaged: %s"),
                archive_error_string (archive));
  if (ok && qi->qde == NULL)
    ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_INVALID, _("the archive holds no .qde project."));

  archive_read_free (archive);
  return ok;
}

static const char *
qattr (xmlNodePtr  node,
       const char *name,
       xmlChar   **owned)
{
  g_clear_pointer (owned, xmlFree);
  *owned = xmlGetNoNsProp (node, BAD_CAST name);
  return (const char *) *owned;
}

static gboolean
qda_namespace (xmlNodePtr node)
{
  const char *ns = node->ns ? (const char *) node->ns->href : NULL;

  /* Some tools wrote "1:0" for "1.0". */
  return g_strcmp0 (ns, GLOSSA_QDA_PROJECT_NS) == 0 || g_strcmp0 (ns, "urn:QDA-XML:project:1:0") == 0;
}

static gboolean
is_qda (xmlNodePtr  node,
        const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0 && qda_namespace (node);
}

static char *
qda_guid (const char *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (value));
  if (trimmed[0] == '{' && strlen (trimmed) == 38 && trimmed[37] == '}')
    {
      trimmed[37] = 0;
      return g_uuid_string_is_valid (trimmed + 1) ? g_ascii_strdown (trimmed + 1, -1) : NULL;
    }

  return g_uuid_string_is_valid (trimmed) ? g_ascii_strdown (trimmed, -1) : NULL;
}

static gboolean
qda_time (const char *value,
          gint64     *usec)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (value == NULL)
    return FALSE;
  if (_glossa_parse_time (value, usec))
    return TRUE;
  dt = g_date_time_new_from_iso8601 (value, utc);
  if (dt == NULL)
    return FALSE;

  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

static char *
node_text (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup (content ? (const char *) content : "");

  xmlFree (content);
  return text;
}

static gboolean
import_code (QdpxImport *qi,
             xmlNodePtr  node,
             gint64      parent_id,
             guint       depth)
{
  xmlChar *owned = NULL;
  g_autofree char *guid = qda_guid (qattr (node, "guid", &owned));
  g_autofree char *name = g_strdup (qattr (node, "name", &owned));
  g_autofree char *color = g_strdup (qattr (node, "color", &owned));
  g_autofree char *description = NULL;
  g_autoptr(GlossaTag) tag = NULL;
  GError *error = NULL;
  gint64 id = 0;

  g_clear_pointer (&owned, xmlFree);
  if (depth > 64)
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, _("codes are nested more than 64 deep."));
  if (guid == NULL || name == NULL || *name == 0)
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_INVALID, _("a code has no valid guid or name."));

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_qda (child, "Description"))
        description = node_text (child);
    }

  /* #RGB → #RRGGBB; anything else gets the default colour */
  if (color != NULL && strlen (color) == 4 && color[0] == '#')
    {
      char *full = g_strdup_printf ("#%c%c%c%c%c%c", color[1], color[1], color[2], color[2], color[3], color[3]);
      g_free (color);
      color = full;
    }
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    g_clear_pointer (&color, g_free);

  tag = _glossa_find_tag (qi->library, guid, &error);
  g_clear_error (&error);
  if (tag == NULL || g_ascii_strcasecmp (glossa_tag_get_uuid (tag), guid) != 0)
    {
      GListModel *tags = glossa_library_get_tags (qi->library);

      g_clear_object (&tag);
      for (guint i = 0; i < g_list_model_get_n_items (tags) && tag == NULL; i++)
        {
          g_autoptr(GlossaTag) t = g_list_model_get_item (tags, i);

          if (glossa_tag_get_parent_id (t) == parent_id && g_strcmp0 (glossa_tag_get_name (t), name) == 0)
            tag = g_steal_pointer (&t);
        }
    }

  if (tag != NULL)
    {
      id = glossa_tag_get_id (tag);
      qi->report->n_unchanged++;
    }
  else if (glossa_library_uuid_in_trash (qi->library, GLOSSA_TRASH_TAG, guid))
    {
      /* deleted here: its codings are left out, its children go to the top */
      _glossa_import_report_add (qi->report, GLOSSA_TRASH_TAG, guid, name, FALSE);
      id = -1;
    }
  else
    {
      id = glossa_library_add_tag (qi->library, name, parent_id, color, description, 0, guid, &error);
      if (id == 0)
        return qfail_gerror (qi, error);
      qi->report->n_added++;
    }
  g_hash_table_insert (qi->codes, g_strdup (guid), g_memdup2 (&id, sizeof id));

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_qda (child, "Code") && !import_code (qi, child, MAX (id, 0), depth + 1))
        return FALSE;
    }

  return TRUE;
}

/* Positions count code points of the text as the file has it; we store LF
 * line ends, so every CR of a CRLF before a position moves it back by one. */
typedef struct {
  GArray *crs;   /* code point offsets of removed CRs, ascending */
} CrMap;

static gint64
cr_map_position (CrMap  *map,
                 gint64  position)
{
  guint lo = 0, hi = map->crs->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (map->crs, gint64, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }

  return position - lo;
}

static char *
normalize_text (const char *raw,
                gsize       len,
                CrMap      *map)
{
  GString *out = g_string_sized_new (len);
  gint64 offset = 0;
  const char *p = raw;
  const char *end = raw + len;

  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  for (; p < end; p = g_utf8_next_char (p), offset++)
    {
      if (*p == '\r')
        {
          if (p + 1 < end && p[1] == '\n')
            {
              g_array_append_val (map->crs, offset);
              continue;
            }
          g_string_append_c (out, '\n');
          continue;
        }
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

static char *
source_text (QdpxImport *qi,
             xmlNodePtr  node,
             const char *name,
             CrMap      *map)
{
  xmlChar *owned = NULL;
  const char *plain_path = qattr (node, "plainTextPath", &owned);
  g_autofree char *raw = NULL;
  gsize len = 0;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_qda (child, "PlainTextContent"))
        {
          raw = node_text (child);
          len = strlen (raw);
          break;
        }
    }

  if (raw == NULL && plain_path != NULL && g_str_has_prefix (plain_path, "internal://"))
    {
      g_autofree char *key = g_utf8_strdown (plain_path + strlen ("internal://"), -1);
      const char *file = g_hash_table_lookup (qi->files, key);
      GError *error = NULL;

      if (file == NULL)
        {
          qfail (qi, GLOSSA_EXCHANGE_ERROR_DANGLING, _("source “%s” refers to sources/%s, which is not in the archive."),
                 name, plain_path + strlen ("internal://"));
          xmlFree (owned);
          return NULL;
        }
      if (!g_file_get_contents (file, &raw, &len, &error))
        {
          xmlFree (owned);
          qfail_gerror (qi, error);
          return NULL;
        }
    }
  xmlFree (owned);

  if (raw == NULL)
    {
      qfail (qi, GLOSSA_EXCHANGE_ERROR_UNSUPPORTED, _("source “%s” has its text outside the archive."), name);
      return NULL;
    }
  if (memchr (raw, 0, len) != NULL || !g_utf8_validate_len (raw, len, NULL))
    {
      qfail (qi, GLOSSA_EXCHANGE_ERROR_INVALID, _("the text of source “%s” is not UTF-8."), name);
      return NULL;
    }

  return normalize_text (raw, len, map);
}

static gboolean
import_selection (QdpxImport       *qi,
                  xmlNodePtr        node,
                  gint64            article_id,
                  GlossaAnchorText *text,
                  gint64            length,
                  CrMap      *map)
{
  xmlChar *owned = NULL;
  g_autofree char *guid = qda_guid (qattr (node, "guid", &owned));
  g_autofree char *start_str = g_strdup (qattr (node, "startPosition", &owned));
  g_autofree char *end_str = g_strdup (qattr (node, "endPosition", &owned));
  g_autofree char *creator = qda_guid (qattr (node, "creatingUser", &owned));
  g_autofree char *created_str = g_strdup (qattr (node, "creationDateTime", &owned));
  g_autofree char *modified_str = g_strdup (qattr (node, "modifiedDateTime", &owned));
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) note_guids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossaAnnotation) existing = NULL;
  g_autofree char *description = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  GError *error = NULL;
  gint64 start, end, id, created = 0, modified = 0;

  g_clear_pointer (&owned, xmlFree);
  if (guid == NULL)
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_INVALID, _("a selection has no valid guid."));
  if (!g_ascii_string_to_signed (start_str, 10, 0, G_MAXINT64, &start, NULL) ||
      !g_ascii_string_to_signed (end_str, 10, 0, G_MAXINT64, &end, NULL))
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_INVALID, _("selection %s has no valid positions."), guid);
  start = cr_map_position (map, start);
  end = cr_map_position (map, end);
  if (start > end || end > length)
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_INVALID,
                  _("selection %s spans %" PRId64 "–%" PRId64 ", outside its source’s %"
                  PRId64 " characters."), guid, start, end, length);

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_qda (child, "Description"))
        description = node_text (child);
      else if (is_qda (child, "NoteRef"))
        {
          char *target = qda_guid (qattr (child, "targetGUID", &owned));

          if (target != NULL)
            g_ptr_array_add (note_guids, target);
        }
      else if (is_qda (child, "Coding"))
        {
          /* some tools name the coder on the coding only */
          if (creator == NULL)
            creator = qda_guid (qattr (child, "creatingUser", &owned));
          for (xmlNodePtr ref = child->children; ref != NULL; ref = ref->next)
            {
              g_autofree char *target = NULL;
              gint64 *tag_id;

              if (!is_qda (ref, "CodeRef"))
                continue;
              target = qda_guid (qattr (ref, "targetGUID", &owned));
              tag_id = target ? g_hash_table_lookup (qi->codes, target) : NULL;
              if (tag_id == NULL)
                {
                  xmlFree (owned);
                  return qfail (qi, GLOSSA_EXCHANGE_ERROR_DANGLING,
                                _("selection %s is coded with %s, which is not in the codebook."),
                                guid, target ? target : "an invalid guid");
                }
              for (guint i = 0; *tag_id > 0 && i <= tags->len; i++)
                {
                  if (i == tags->len)
                    {
                      g_array_append_val (tags, *tag_id);
                      break;
                    }
                  if (g_array_index (tags, gint64, i) == *tag_id)
                    break;
                }
            }
        }
    }
  g_clear_pointer (&owned, xmlFree);

  existing = _glossa_find_annotation (qi->library, guid, &error);
  g_clear_error (&error);
  if (existing != NULL && g_ascii_strcasecmp (glossa_annotation_get_uuid (existing), guid) == 0)
    {
      qi->report->n_unchanged++;
      return TRUE;
    }
  if (glossa_library_uuid_in_trash (qi->library, GLOSSA_TRASH_ANNOTATION, guid))
    {
      _glossa_import_report_add (qi->report, GLOSSA_TRASH_ANNOTATION, guid, "(in the trash here)", FALSE);
      return TRUE;
    }

  /* nothing to highlight; some tools leave these behind */
  if (start == end)
    return TRUE;

  glossa_anchor_text_context (text, start, end, &quote, &prefix, &suffix);
  if (!qda_time (created_str, &created))
    created = g_get_real_time ();
  if (!qda_time (modified_str, &modified))
    modified = created;

  id = glossa_library_insert_annotation (qi->library, article_id, guid, start, end, quote, prefix, suffix,
                                         description, creator ? g_hash_table_lookup (qi->users, creator) : NULL,
                                         created, modified, FALSE, (const gint64 *) (gpointer) tags->data,
                                         tags->len, &error);
  if (id == 0)
    return qfail_gerror (qi, error);
  qi->report->n_added++;

  for (guint i = 0; i < note_guids->len; i++)
    {
      PendingNote *pending = g_new0 (PendingNote, 1);

      pending->annotation_id = id;
      pending->note_guid = g_strdup (g_ptr_array_index (note_guids, i));
      pending->created = created;
      pending->modified = modified;
      g_ptr_array_add (qi->pending_notes, pending);
    }

  return TRUE;
}

static gboolean
import_source (QdpxImport *qi,
               xmlNodePtr  node)
{
  xmlChar *owned = NULL;
  g_autofree char *guid = qda_guid (qattr (node, "guid", &owned));
  g_autofree char *name = g_strdup (qattr (node, "name", &owned));
  g_autofree char *created_str = g_strdup (qattr (node, "creationDateTime", &owned));
  g_autofree char *modified_str = g_strdup (qattr (node, "modifiedDateTime", &owned));
  g_autoptr(GlossaExtracted) extracted = NULL;
  g_autoptr(GlossaArticle) existing = NULL;
  g_autoptr(GArray) crs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GlossaAnchorText) anchor_text = NULL;
  CrMap map = { crs };
  GError *error = NULL;
  char *text;
  gint64 id, created, modified;

  g_clear_pointer (&owned, xmlFree);
  if (guid == NULL)
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_INVALID, _("a text source has no valid guid."));
  if (name == NULL || *name == 0)
    {
      g_free (name);
      name = g_strdup (guid);
    }

  existing = _glossa_find_article (qi->library, guid, &error);
  g_clear_error (&error);
  if (existing != NULL && g_ascii_strcasecmp (glossa_article_get_uuid (existing), guid) == 0)
    {
      /* the article is here already: so are the selections we gave it */
      qi->report->n_unchanged++;
      return TRUE;
    }
  if (glossa_library_uuid_in_trash (qi->library, GLOSSA_TRASH_ARTICLE, guid))
    {
      _glossa_import_report_add (qi->report, GLOSSA_TRASH_ARTICLE, guid, name, FALSE);
      return TRUE;
    }

  text = source_text (qi, node, name, &map);
  if (text == NULL)
    return FALSE;

  extracted = glossa_extracted_new ();
  extracted->title = g_strdup (name);
  extracted->format = g_strdup ("text");
  extracted->encoding = g_strdup ("UTF-8");
  glossa_extracted_set_text (extracted, text);

  id = glossa_library_add_article (qi->library, extracted, NULL, qi->path, guid, &error);
  if (id == 0)
    return qfail_gerror (qi, error);
  qi->report->n_added++;

  if (qda_time (created_str, &created))
    {
      if (!qda_time (modified_str, &modified))
        modified = created;
      if (!glossa_library_set_times (qi->library, GLOSSA_TRASH_ARTICLE, id, created, modified, &error))
        return qfail_gerror (qi, error);
    }

  anchor_text = glossa_anchor_text_new (extracted->text);
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_qda (child, "PlainTextSelection") &&
          !import_selection (qi, child, id, anchor_text, extracted->length, &map))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_link (QdpxImport *qi,
             xmlNodePtr  node)
{
  xmlChar *owned = NULL;
  g_autofree char *guid = qda_guid (qattr (node, "guid", &owned));
  g_autofree char *origin = qda_guid (qattr (node, "originGUID", &owned));
  g_autofree char *target = qda_guid (qattr (node, "targetGUID", &owned));
  g_autofree char *name = g_strdup (qattr (node, "name", &owned));
  g_autofree char *direction_str = g_strdup (qattr (node, "direction", &owned));
  g_autoptr(GlossaAnnotation) from = NULL;
  g_autoptr(GlossaAnnotation) to = NULL;
  g_autoptr(GString) note = g_string_new (NULL);
  GlossaLinkDirection direction = GLOSSA_LINK_ONE_WAY;
  GError *error = NULL;
  gint64 id;

  g_clear_pointer (&owned, xmlFree);
  if (guid == NULL)
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_INVALID, _("a link has no valid guid."));

  /* We only keep links between two passages; links to memos, codes or
   * sources have no place in Glossa. */
  if (origin == NULL || target == NULL)
    return TRUE;
  from = _glossa_find_annotation (qi->library, origin, NULL);
  to = _glossa_find_annotation (qi->library, target, NULL);
  if (from == NULL || to == NULL ||
      g_ascii_strcasecmp (glossa_annotation_get_uuid (from), origin) != 0 ||
      g_ascii_strcasecmp (glossa_annotation_get_uuid (to), target) != 0)
    return TRUE;

  {
    g_autoptr(GPtrArray) links = glossa_library_list_links (qi->library, glossa_annotation_get_id (from), &error);

    if (links == NULL)
      return qfail_gerror (qi, error);
    for (guint i = 0; i < links->len; i++)
      {
        if (g_ascii_strcasecmp (glossa_link_get_uuid (g_ptr_array_index (links, i)), guid) == 0)
          {
            qi->report->n_unchanged++;
            return TRUE;
          }
      }
  }

  if (glossa_library_uuid_in_trash (qi->library, GLOSSA_TRASH_LINK, guid))
    {
      _glossa_import_report_add (qi->report, GLOSSA_TRASH_LINK, guid, name, FALSE);
      return TRUE;
    }

  if (g_strcmp0 (direction_str, "Bidirectional") == 0)
    direction = GLOSSA_LINK_BIDIRECTIONAL;
  else if (g_strcmp0 (direction_str, "Associative") == 0)
    direction = GLOSSA_LINK_ASSOCIATIVE;
  if (name == NULL || *name == 0)
    {
      g_free (name);
      name = g_strdup ("related");
    }

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_qda (child, "NoteRef"))
        {
          g_autofree char *note_guid = qda_guid (qattr (child, "targetGUID", &owned));
          const char *text = note_guid ? g_hash_table_lookup (qi->notes, note_guid) : NULL;

          if (text != NULL)
            g_string_append_printf (note, "%s%s", note->len ? "\n\n" : "", text);
        }
    }
  g_clear_pointer (&owned, xmlFree);

  if (!g_hash_table_contains (qi->link_types, name))
    {
      if (!glossa_library_add_link_type (qi->library, name, &error))
        return qfail_gerror (qi, error);
      g_hash_table_add (qi->link_types, g_strdup (name));
    }

  id = glossa_library_add_link (qi->library, glossa_annotation_get_id (from), glossa_annotation_get_id (to), name,
                                direction, note->str, guid, &error);
  if (id == 0)
    return qfail_gerror (qi, error);
  qi->report->n_added++;

  return TRUE;
}

static gboolean
apply_pending_notes (QdpxImport *qi)
{
  GError *error = NULL;

  for (guint i = 0; i < qi->pending_notes->len; i++)
    {
      PendingNote *pending = g_ptr_array_index (qi->pending_notes, i);
      const char *text = g_hash_table_lookup (qi->notes, pending->note_guid);
      g_autoptr(GlossaAnnotation) annotation = NULL;
      g_autofree char *joined = NULL;
      const char *old;

      if (text == NULL)
        return qfail (qi, GLOSSA_EXCHANGE_ERROR_DANGLING,
                      _("a selection refers to note %s, which is not in the project."), pending->note_guid);

      annotation = glossa_library_get_annotation (qi->library, pending->annotation_id, &error);
      if (annotation == NULL)
        return qfail_gerror (qi, error);
      old = glossa_annotation_get_note (annotation);
      joined = old != NULL && *old != 0 ? g_strconcat (old, "\n\n", text, NULL) : g_strdup (text);

      if (!glossa_library_set_annotation_note (qi->library, pending->annotation_id, joined, &error))
        return qfail_gerror (qi, error);
      if (pending->created != 0 &&
          !glossa_library_set_times (qi->library, GLOSSA_TRASH_ANNOTATION, pending->annotation_id,
                                     pending->created, pending->modified, &error))
        return qfail_gerror (qi, error);
    }

  return TRUE;
}

static void
qdpx_reader_error_cb (void        *user_data,
                      xmlErrorPtr  err)
{
  QdpxImport *qi = user_data;

  if (qi->xml_error != NULL || err == NULL || err->level < XML_ERR_ERROR)
    return;

  qi->xml_error = g_strdup_printf ("line %d: %s", err->line, err->message ? err->message : "error");
  qi->xml_error[strcspn (qi->xml_error, "\n")] = 0;
}

static gboolean
read_project (QdpxImport *qi)
{
  g_autofree char *head = g_malloc (64 * 1024);
  g_autoptr(GFile) file = g_file_new_for_path (qi->qde);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  xmlTextReaderPtr reader;
  gboolean doctype = FALSE;
  gboolean ok = TRUE;
  gboolean skip = FALSE;
  gsize len = 0;
  int rc;

  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), head, 64 * 1024, &len, NULL, NULL) ||
      !_glossa_xml_prologue_is_plain (head, len, &doctype))
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED,
                  "%s", doctype ? _("its project declares a document type (DTD), which is not read, for safety.")
                                : _("its project is not an XML document."));

  reader = xmlReaderForFile (qi->qde, NULL, XML_PARSE_NONET);
  if (reader == NULL)
    return qfail (qi, GLOSSA_EXCHANGE_ERROR_FAILED, _("its project cannot be read."));
  xmlTextReaderSetStructuredErrorHandler (reader, qdpx_reader_error_cb, qi);

  /* Containers are walked; their items are expanded one at a time and
   * then skipped, so memory follows the largest item, not the file. */
  for (;;)
    {
      int type, depth;
      const char *local;
      const char *ns;
      xmlNodePtr node;

      rc = skip ? xmlTextReaderNext (reader) : xmlTextReaderRead (reader);
      skip = FALSE;
      if (rc != 1 || !ok)
        break;

      type = xmlTextReaderNodeType (reader);
      depth = xmlTextReaderDepth (reader);
      local = (const char *) xmlTextReaderConstLocalName (reader);
      ns = (const char *) xmlTextReaderConstNamespaceUri (reader);

      if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE)
        {
          ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, _("its project declares entities."));
          break;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;

      if (depth == 0)
        {
          if (g_strcmp0 (local, "Project") != 0 ||
              (g_strcmp0 (ns, GLOSSA_QDA_PROJECT_NS) != 0 && g_strcmp0 (ns, "urn:QDA-XML:project:1:0") != 0))
            {
              ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_UNSUPPORTED, _("its .qde is not a REFI-QDA project (root <%s>)."),
                          local);
              break;
            }
          continue;
        }

      if (depth == 1)
        {
          skip = g_strcmp0 (local, "Users") != 0 && g_strcmp0 (local, "CodeBook") != 0 &&
                 g_strcmp0 (local, "Sources") != 0 && g_strcmp0 (local, "Notes") != 0 &&
                 g_strcmp0 (local, "Links") != 0;
          continue;
        }
      if (depth == 2 && g_strcmp0 (local, "Codes") == 0)
        continue;

      node = xmlTextReaderExpand (reader);
      if (node == NULL)
        break;
      skip = TRUE;

      if (is_qda (node, "User"))
        {
          xmlChar *owned = NULL;
          char *guid = qda_guid (qattr (node, "guid", &owned));
          const char *name = qattr (node, "name", &owned);

          if (guid != NULL)
            g_hash_table_replace (qi->users, guid, g_strdup (name ? name : ""));
          xmlFree (owned);
        }
      else if (is_qda (node, "Code"))
        ok = import_code (qi, node, 0, 1);
      else if (is_qda (node, "TextSource"))
        ok = import_source (qi, node);
      else if (is_qda (node, "Note"))
        {
          xmlChar *owned = NULL;
          char *guid = qda_guid (qattr (node, "guid", &owned));

          xmlFree (owned);
          if (guid != NULL)
            {
              g_autofree char *text = NULL;

              for (xmlNodePtr child = node->children; child != NULL; child = child->next)
                {
                  if (is_qda (child, "PlainTextContent"))
                    text = node_text (child);
                }
              g_hash_table_replace (qi->notes, guid, g_strdup (text ? text : ""));
            }
        }
      else if (is_qda (node, "Link"))
        ok = import_link (qi, node);

      if (ok && g_cancellable_is_cancelled (qi->cancellable))
        ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_FAILED, _("the import was cancelled."));
    }

  if (ok && (qi->xml_error != NULL || rc < 0))
    ok = qfail (qi, GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED, _("its project is not well-formed XML: %s"),
                qi->xml_error ? qi->xml_error : "parse error");
  if (ok && qi->pending_notes->len > 0)
    ok = apply_pending_notes (qi);

  xmlFreeTextReader (reader);
  return ok;
}

gboolean
_glossa_qdpx_import_limited (GlossaLibrary       *library,
                             const char          *path,
                             gint64               max_expanded,
                             GlossaImportReport **report,
                             GCancellable        *cancellable,
                             GError             **error)
{
  QdpxImport qi = { 0 };
  g_auto(GStrv) known = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  qi.library = library;
  qi.path = path;
  qi.cancellable = cancellable;
  qi.max_expanded = max_expanded;
  qi.report = g_new0 (GlossaImportReport, 1);
  qi.files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  qi.users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  qi.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  qi.notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  qi.link_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  qi.pending_notes = g_ptr_array_new_with_free_func (pending_note_free);

  known = glossa_library_list_link_types (library);
  for (guint i = 0; known != NULL && known[i] != NULL; i++)
    g_hash_table_add (qi.link_types, g_strdup (known[i]));

  qi.tmpdir = g_dir_make_tmp ("glossa-qdpx-XXXXXX", &qi.error);
  if (qi.tmpdir != NULL && unpack (&qi) && glossa_library_begin (library, &qi.error))
    {
      ok = read_project (&qi);
      if (ok)
        ok = glossa_library_commit (library, &qi.error);
      else
        glossa_library_rollback (library);
    }

  if (qi.tmpdir != NULL)
    remove_tmpdir (qi.tmpdir);
  g_free (qi.tmpdir);
  g_free (qi.qde);
  g_free (qi.xml_error);
  g_hash_table_unref (qi.files);
  g_hash_table_unref (qi.users);
  g_hash_table_unref (qi.codes);
  g_hash_table_unref (qi.notes);
  g_hash_table_unref (qi.link_types);
  g_ptr_array_unref (qi.pending_notes);

  if (!ok)
    {
      glossa_import_report_free (qi.report);
      g_propagate_error (error, qi.error);
      return FALSE;
    }

  if (report != NULL)
    *report = qi.report;
  else
    glossa_import_report_free (qi.report);

  return TRUE;
}

gboolean
glossa_qdpx_import (GlossaLibrary       *library,
                    const char          *path,
                    GlossaImportReport **report,
                    GCancellable        *cancellable,
                    GError             **error)
{
  return _glossa_qdpx_import_limited (library, path, GLOSSA_QDPX_MAX_EXPANDED, report, cancellable, error);
}

gboolean
glossa_qdpx_sniff (const char *data,
                   gsize       len)
{
  return len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}
