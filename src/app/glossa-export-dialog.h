/* glossa-export-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glossa-library.h"

G_BEGIN_DECLS

typedef enum {
  GLOSSA_EXPORT_FORMAT_XML,
  GLOSSA_EXPORT_FORMAT_QDPX,
  GLOSSA_EXPORT_FORMAT_QDC,
  GLOSSA_EXPORT_FORMAT_JSONLD,
  GLOSSA_EXPORT_FORMAT_CSV,
  GLOSSA_EXPORT_FORMAT_REPORT_HTML,
  GLOSSA_EXPORT_FORMAT_REPORT_MARKDOWN,
} GlossaExportFormat;

typedef enum {
  GLOSSA_EXPORT_SCOPE_LIBRARY,
  GLOSSA_EXPORT_SCOPE_ARTICLE,
  GLOSSA_EXPORT_SCOPE_ARTICLES,
  GLOSSA_EXPORT_SCOPE_TAGS,
} GlossaExportScopeKind;

#define GLOSSA_TYPE_EXPORT_DIALOG (glossa_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossaExportDialog, glossa_export_dialog, GLOSSA, EXPORT_DIALOG, AdwWindow)

/* @current_article_id 0 when no article is open.  Signal "done"
 * (const char *message) after a successful export, before closing. */
GtkWidget *glossa_export_dialog_new         (GtkWindow             *parent,
                                             GlossaLibrary         *library,
                                             gint64                 current_article_id);
void       glossa_export_dialog_set_format  (GlossaExportDialog    *self,
                                             GlossaExportFormat     format);
void       glossa_export_dialog_set_bom     (GlossaExportDialog    *self,
                                             gboolean               bom);
void       glossa_export_dialog_set_scope   (GlossaExportDialog    *self,
                                             GlossaExportScopeKind  scope);
/* Ticks an article (scope ARTICLES) or a tag (scope TAGS) in the lists. */
void       glossa_export_dialog_choose      (GlossaExportDialog    *self,
                                             GlossaExportScopeKind  list,
                                             gint64                 id,
                                             gboolean               chosen);
/* The file name the save dialog proposes, extension included. */
char      *glossa_export_dialog_get_default_name (GlossaExportDialog *self);
/* Runs the export to @file in a worker thread (what the Export button does
 * once the file chooser returns).  The "running" property is TRUE meanwhile. */
void       glossa_export_dialog_export_to   (GlossaExportDialog    *self,
                                             GFile                 *file);
void       glossa_export_dialog_cancel      (GlossaExportDialog    *self);
gboolean   glossa_export_dialog_get_running (GlossaExportDialog    *self);
/* The sentence shown after a failure, or NULL. */
const char *glossa_export_dialog_get_error  (GlossaExportDialog    *self);

G_END_DECLS
