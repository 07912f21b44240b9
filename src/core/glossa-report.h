/* glossa-report.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Flat and readable exports: CSV (RFC 4180, UTF-8, optional BOM), one row per
 * annotation; and a report, as standalone HTML or as Markdown, listing per
 * article the highlighted passages grouped by tag, with notes and the links
 * between passages ("← supported by Evidence “…”").
 */
#pragma once

#include <gio/gio.h>

#include "glossa-xml.h"

G_BEGIN_DECLS

typedef enum {
  GLOSSA_REPORT_HTML,
  GLOSSA_REPORT_MARKDOWN,
} GlossaReportFormat;

gboolean glossa_csv_export            (GlossaLibrary            *library,
                                       const GlossaExportScope  *scope,
                                       gboolean                  bom,
                                       GOutputStream            *stream,
                                       GCancellable             *cancellable,
                                       GError                  **error);
gboolean glossa_report_export         (GlossaLibrary            *library,
                                       const GlossaExportScope  *scope,
                                       GlossaReportFormat        format,
                                       GOutputStream            *stream,
                                       GCancellable             *cancellable,
                                       GError                  **error);

/* Writes @path whole or not at all, through one of the two above. */
gboolean glossa_csv_export_to_path    (GlossaLibrary            *library,
                                       const GlossaExportScope  *scope,
                                       gboolean                  bom,
                                       const char               *path,
                                       GCancellable             *cancellable,
                                       GError                  **error);
gboolean glossa_report_export_to_path (GlossaLibrary            *library,
                                       const GlossaExportScope  *scope,
                                       GlossaReportFormat        format,
                                       const char               *path,
                                       GCancellable             *cancellable,
                                       GError                  **error);

/* One CSV field, quoted when it must be (RFC 4180 §2.6–2.7). */
void     glossa_csv_append_field      (GString                  *out,
                                       const char               *field);

G_END_DECLS
