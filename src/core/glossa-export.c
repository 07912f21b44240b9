/* glossa-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "glossa-export.h"
#include "glossa-jsonld.h"
#include "glossa-qdpx.h"
#include "glossa-report.h"

static const char *format_names[] = {
  [GLOSSA_EXPORT_XML] = "xml",
  [GLOSSA_EXPORT_QDPX] = "qdpx",
  [GLOSSA_EXPORT_QDC] = "qdc",
  [GLOSSA_EXPORT_JSONLD] = "jsonld",
  [GLOSSA_EXPORT_CSV] = "csv",
  [GLOSSA_EXPORT_HTML] = "html",
  [GLOSSA_EXPORT_MARKDOWN] = "md",
};

gboolean
glossa_export_format_from_string (const char         *name,
                                  GlossaExportFormat *format)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_ascii_strcasecmp (name, format_names[i]) == 0)
        {
          *format = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
glossa_export_format_from_path (const char         *path,
                                GlossaExportFormat *format)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  if (dot == NULL)
    return FALSE;
  dot++;
  if (g_ascii_strcasecmp (dot, "json") == 0)
    dot = "jsonld";
  else if (g_ascii_strcasecmp (dot, "htm") == 0)
    dot = "html";
  else if (g_ascii_strcasecmp (dot, "markdown") == 0)
    dot = "md";

  return glossa_export_format_from_string (dot, format);
}

gboolean
glossa_export (GlossaLibrary            *library,
               GlossaExportFormat        format,
               const GlossaExportScope  *scope,
               const char               *path,
               GCancellable             *cancellable,
               GError                  **error)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (format)
    {
    case GLOSSA_EXPORT_XML:
      return glossa_xml_export_to_path (library, scope, path, cancellable, error);
    case GLOSSA_EXPORT_QDPX:
      return glossa_qdpx_export (library, scope, path, NULL, cancellable, error);
    case GLOSSA_EXPORT_QDC:
      return glossa_qdc_export (library, path, cancellable, error);
    case GLOSSA_EXPORT_JSONLD:
      return glossa_jsonld_export_to_path (library, scope, path, cancellable, error);
    case GLOSSA_EXPORT_CSV:
      /* for spreadsheets, which want the BOM to take UTF-8 */
      return glossa_csv_export_to_path (library, scope, TRUE, path, cancellable, error);
    case GLOSSA_EXPORT_HTML:
      return glossa_report_export_to_path (library, scope, GLOSSA_REPORT_HTML, path, cancellable, error);
    case GLOSSA_EXPORT_MARKDOWN:
      return glossa_report_export_to_path (library, scope, GLOSSA_REPORT_MARKDOWN, path, cancellable, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

typedef struct {
  char              *library_path;
  GlossaExportFormat format;
  GlossaExportScope *scope;
  char              *path;
} ExportTask;

static void
export_task_free (gpointer data)
{
  ExportTask *task = data;

  g_free (task->library_path);
  g_clear_pointer (&task->scope, glossa_export_scope_free);
  g_free (task->path);
  g_free (task);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTask *data = task_data;
  g_autoptr(GlossaLibrary) reader = NULL;
  GError *error = NULL;

  /* Our own connection: the window's library object stays on its thread. */
  reader = glossa_library_open (data->library_path, &error);
  if (reader == NULL ||
      !glossa_export (reader, data->format, data->scope, data->path, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
glossa_export_async (GlossaLibrary            *library,
                     GlossaExportFormat        format,
                     const GlossaExportScope  *scope,
                     const char               *path,
                     GCancellable             *cancellable,
                     GAsyncReadyCallback       callback,
                     gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;

  g_return_if_fail (GLOSSA_IS_LIBRARY (library));
  g_return_if_fail (path != NULL);

  data = g_new0 (ExportTask, 1);
  data->library_path = g_strdup (glossa_library_get_path (library));
  data->format = format;
  data->path = g_strdup (path);
  data->scope = glossa_export_scope_new ();
  if (scope != NULL && scope->article_ids != NULL)
    g_array_append_vals (data->scope->article_ids, scope->article_ids->data, scope->article_ids->len);
  if (scope != NULL && scope->tag_ids != NULL)
    g_array_append_vals (data->scope->tag_ids, scope->tag_ids->data, scope->tag_ids->len);

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossa_export_async);
  g_task_set_task_data (task, data, export_task_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
glossa_export_finish (GlossaLibrary  *library,
                      GAsyncResult   *result,
                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, library), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
