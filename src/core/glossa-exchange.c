/* glossa-exchange.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the exchange formats share: times, scopes, reports, the XML writer
 * on a GOutputStream.
 */
#include "config.h"

#include <string.h>

#include "glossa-exchange-private.h"

G_DEFINE_QUARK (glossa-exchange-error-quark, glossa_exchange_error)

GlossaExportScope *
glossa_export_scope_new (void)
{
  GlossaExportScope *scope = g_new0 (GlossaExportScope, 1);

  scope->article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  scope->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return scope;
}

void
glossa_export_scope_free (GlossaExportScope *scope)
{
  if (scope == NULL)
    return;

  g_clear_pointer (&scope->article_ids, g_array_unref);
  g_clear_pointer (&scope->tag_ids, g_array_unref);
  g_free (scope);
}

void
glossa_export_scope_add_article (GlossaExportScope *scope,
                                 gint64             id)
{
  g_return_if_fail (scope != NULL);

  g_array_append_val (scope->article_ids, id);
}

void
glossa_export_scope_add_tag (GlossaExportScope *scope,
                             gint64             id)
{
  g_return_if_fail (scope != NULL);

  g_array_append_val (scope->tag_ids, id);
}

static void
import_conflict_free (gpointer data)
{
  GlossaImportConflict *conflict = data;

  g_free (conflict->uuid);
  g_free (conflict->label);
  g_free (conflict);
}

void
glossa_import_report_free (GlossaImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_free (report);
}

void
_glossa_import_report_add (GlossaImportReport *report,
                           GlossaTrashKind     kind,
                           const char         *uuid,
                           const char         *label,
                           gboolean            took_file)
{
  GlossaImportConflict *conflict = g_new0 (GlossaImportConflict, 1);

  if (report->conflicts == NULL)
    report->conflicts = g_ptr_array_new_with_free_func (import_conflict_free);

  conflict->kind = kind;
  conflict->uuid = g_strdup (uuid);
  conflict->label = g_strdup (label);
  conflict->took_file = took_file;
  g_ptr_array_add (report->conflicts, conflict);

  if (took_file)
    report->n_updated++;
  else
    report->n_kept++;
}

char *
_glossa_format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *seconds = NULL;
  gint64 secs = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;

  if (rest < 0)
    {
      rest += G_USEC_PER_SEC;
      secs--;
    }

  dt = g_date_time_new_from_unix_utc (secs);
  if (dt == NULL)
    dt = g_date_time_new_from_unix_utc (0);
  seconds = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%06dZ", seconds, (int) rest);
}

gboolean
_glossa_parse_time (const char *str,
                    gint64     *usec)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:dd.ddddddZ";
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day, hour, minute, second, micro;

  if (str == NULL || strlen (str) != sizeof shape - 1)
    return FALSE;

  for (gsize i = 0; i < sizeof shape - 1; i++)
    {
      if (shape[i] == 'd' ? !g_ascii_isdigit (str[i]) : str[i] != shape[i])
        return FALSE;
    }

  if (sscanf (str, "%4d-%2d-%2dT%2d:%2d:%2d.%6dZ",
              &year, &month, &day, &hour, &minute, &second, &micro) != 7)
    return FALSE;

  dt = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (dt == NULL)
    return FALSE;

  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + micro;
  return TRUE;
}

gboolean
_glossa_xml_needs_base64 (const char *str)
{
  for (const guchar *p = (const guchar *) str; *p != 0; p++)
    {
      if (*p < 0x20 && *p != '\t' && *p != '\n')
        return TRUE;
      /* U+FFFE and U+FFFF are EF BF BE / EF BF BF */
      if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
        return TRUE;
    }

  return FALSE;
}

typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError       **error;
} WriterSink;

static int
writer_sink_write_cb (void       *context,
                      const char *buffer,
                      int         len)
{
  WriterSink *sink = context;

  if (*sink->error != NULL)
    return -1;

  if (!g_output_stream_write_all (sink->stream, buffer, len, NULL,
                                  sink->cancellable, sink->error))
    return -1;

  return len;
}

static int
writer_sink_close_cb (void *context)
{
  g_free (context);
  return 0;
}

xmlTextWriterPtr
_glossa_xml_writer_new (GOutputStream  *stream,
                        GCancellable   *cancellable,
                        GError        **stream_error)
{
  WriterSink *sink = g_new0 (WriterSink, 1);
  xmlOutputBufferPtr out;
  xmlTextWriterPtr writer;

  sink->stream = stream;
  sink->cancellable = cancellable;
  sink->error = stream_error;

  out = xmlOutputBufferCreateIO (writer_sink_write_cb, writer_sink_close_cb, sink, NULL);
  if (out == NULL)
    {
      g_free (sink);
      return NULL;
    }

  writer = xmlNewTextWriter (out);
  if (writer == NULL)
    xmlOutputBufferClose (out);

  return writer;
}

gboolean
_glossa_scope_is_all (const GlossaExportScope *scope)
{
  return scope == NULL ||
         ((scope->article_ids == NULL || scope->article_ids->len == 0) &&
          (scope->tag_ids == NULL || scope->tag_ids->len == 0));
}

static gboolean
id_in (GArray *ids,
       gint64  id)
{
  if (ids == NULL || ids->len == 0)
    return TRUE;

  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

GPtrArray *
_glossa_scope_articles (GlossaLibrary            *library,
                        const GlossaExportScope  *scope,
                        GError                  **error)
{
  GListModel *model = glossa_library_get_articles (library);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) tagged = NULL;
  guint n = g_list_model_get_n_items (model);

  if (scope != NULL && scope->tag_ids != NULL && scope->tag_ids->len > 0)
    {
      tagged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < scope->tag_ids->len; i++)
        {
          g_autoptr(GPtrArray) annotations = NULL;

          annotations = glossa_library_list_annotations (library, 0,
                                                         g_array_index (scope->tag_ids, gint64, i),
                                                         error);
          if (annotations == NULL)
            return NULL;
          for (guint j = 0; j < annotations->len; j++)
            {
              gint64 article_id = glossa_annotation_get_article_id (g_ptr_array_index (annotations, j));

              g_hash_table_add (tagged, g_memdup2 (&article_id, sizeof article_id));
            }
        }
    }

  /* The model is newest first; oldest first gives the importing library the
   * same ids in the same order. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GlossaArticle) article = g_list_model_get_item (model, i - 1);
      gint64 id = glossa_article_get_id (article);

      if (scope != NULL && !id_in (scope->article_ids, id))
        continue;
      if (tagged != NULL && !g_hash_table_contains (tagged, &id))
        continue;

      g_ptr_array_add (articles, g_steal_pointer (&article));
    }

  return g_steal_pointer (&articles);
}

GPtrArray *
_glossa_scope_annotations (GlossaLibrary            *library,
                           const GlossaExportScope  *scope,
                           gint64                    article_id,
                           GError                  **error)
{
  GPtrArray *annotations = glossa_library_list_annotations (library, article_id, 0, error);

  if (annotations == NULL || scope == NULL || scope->tag_ids == NULL || scope->tag_ids->len == 0)
    return annotations;

  for (guint i = annotations->len; i > 0; i--)
    {
      GlossaAnnotation *annotation = g_ptr_array_index (annotations, i - 1);
      gboolean keep = FALSE;

      for (guint j = 0; j < scope->tag_ids->len && !keep; j++)
        keep = glossa_annotation_has_tag (annotation, g_array_index (scope->tag_ids, gint64, j));

      if (!keep)
        g_ptr_array_remove_index (annotations, i - 1);
    }

  return annotations;
}

char *
_glossa_uuid_for_name (const char *name)
{
  /* RFC 4122 §4.3 with our own namespace uuid */
  static const guint8 ns[16] = {
    0x6c, 0x1d, 0x4e, 0x2a, 0x93, 0x5f, 0x4b, 0x8e,
    0xa1, 0x0c, 0x37, 0x42, 0xd9, 0x8b, 0x51, 0x6f,
  };
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_checksum_update (sha1, ns, sizeof ns);
  g_checksum_update (sha1, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha1, digest, &len);

  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/* Skips the XML declaration, comments and processing instructions; TRUE
 * when the root element comes next, FALSE for a DTD or anything else. */
gboolean
_glossa_xml_prologue_is_plain (const char *data,
                               gsize       len,
                               gboolean   *has_doctype)
{
  const char *p = data;
  const char *end = data + len;

  *has_doctype = FALSE;
  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      if (g_ascii_isspace (*p))
        {
          p++;
        }
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          if (close == NULL)
            return FALSE;
          p = close + 3;
        }
      else if (end - p >= 2 && memcmp (p, "<?", 2) == 0)
        {
          const char *close = g_strstr_len (p + 2, end - p - 2, "?>");

          if (close == NULL)
            return FALSE;
          p = close + 2;
        }
      else if (end - p >= 2 && memcmp (p, "<!", 2) == 0)
        {
          *has_doctype = TRUE;
          return FALSE;
        }
      else
        {
          return *p == '<' && end - p >= 2 && (g_ascii_isalpha (p[1]) || p[1] == '_');
        }
    }

  return FALSE;
}

GlossaArticle *
_glossa_find_article (GlossaLibrary  *library,
                      const char     *uuid,
                      GError        **error)
{
  gint64 id = glossa_library_find_uuid (library, GLOSSA_TRASH_ARTICLE, uuid, error);

  return id > 0 ? glossa_library_get_article (library, id, error) : NULL;
}

GlossaTag *
_glossa_find_tag (GlossaLibrary  *library,
                  const char     *uuid,
                  GError        **error)
{
  gint64 id = glossa_library_find_uuid (library, GLOSSA_TRASH_TAG, uuid, error);

  return id > 0 ? glossa_library_get_tag (library, id, error) : NULL;
}

GlossaAnnotation *
_glossa_find_annotation (GlossaLibrary  *library,
                         const char     *uuid,
                         GError        **error)
{
  gint64 id = glossa_library_find_uuid (library, GLOSSA_TRASH_ANNOTATION, uuid, error);

  return id > 0 ? glossa_library_get_annotation (library, id, error) : NULL;
}
