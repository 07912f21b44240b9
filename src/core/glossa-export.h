/* glossa-export.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry point for every export format, and its asynchronous form for
 * the window: the export runs in a thread on a connection of its own (which
 * only reads) to the same library file, so the window's library is never
 * touched from another thread and stays usable meanwhile.
 */
#pragma once

#include <gio/gio.h>

#include "glossa-xml.h"

G_BEGIN_DECLS

typedef enum {
  GLOSSA_EXPORT_XML,
  GLOSSA_EXPORT_QDPX,
  GLOSSA_EXPORT_QDC,
  GLOSSA_EXPORT_JSONLD,
  GLOSSA_EXPORT_CSV,
  GLOSSA_EXPORT_HTML,
  GLOSSA_EXPORT_MARKDOWN,
} GlossaExportFormat;

/* "xml", "qdpx", "qdc", "jsonld", "csv", "html", "md" */
gboolean glossa_export_format_from_string (const char               *name,
                                           GlossaExportFormat       *format);
/* The format a file name's extension asks for. */
gboolean glossa_export_format_from_path   (const char               *path,
                                           GlossaExportFormat       *format);

/* Writes @path whole or not at all. */
gboolean glossa_export                    (GlossaLibrary            *library,
                                           GlossaExportFormat        format,
                                           const GlossaExportScope  *scope,
                                           const char               *path,
                                           GCancellable             *cancellable,
                                           GError                  **error);
void     glossa_export_async              (GlossaLibrary            *library,
                                           GlossaExportFormat        format,
                                           const GlossaExportScope  *scope,
                                           const char               *path,
                                           GCancellable             *cancellable,
                                           GAsyncReadyCallback       callback,
                                           gpointer                  user_data);
gboolean glossa_export_finish             (GlossaLibrary            *library,
                                           GAsyncResult             *result,
                                           GError                  **error);

G_END_DECLS
