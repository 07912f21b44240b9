/* glossa-exchange-import-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glossa-library.h"
#include "glossa-xml.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_EXCHANGE_IMPORT_DIALOG (glossa_exchange_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossaExchangeImportDialog, glossa_exchange_import_dialog,
                      GLOSSA, EXCHANGE_IMPORT_DIALOG, AdwWindow)

/* Merges a Glossa XML or REFI-QDA (.qdpx) file into @library and shows
 * what changed.  Signal "done" (const char *message) after a successful
 * import. */
GtkWidget                *glossa_exchange_import_dialog_new         (GtkWindow     *parent,
                                                                     GlossaLibrary *library);
/* Imports @file in a worker thread (what the Choose button does once the
 * file chooser returns).  The "running" property is TRUE meanwhile. */
void                      glossa_exchange_import_dialog_import_file (GlossaExchangeImportDialog *self,
                                                                     GFile                      *file);
void                      glossa_exchange_import_dialog_cancel      (GlossaExchangeImportDialog *self);
gboolean                  glossa_exchange_import_dialog_get_running (GlossaExchangeImportDialog *self);
/* The last import's report, NULL before one succeeded. */
const GlossaImportReport *glossa_exchange_import_dialog_get_report  (GlossaExchangeImportDialog *self);
/* The rows of the conflict list, as shown (GtkStringList). */
GListModel               *glossa_exchange_import_dialog_get_conflicts (GlossaExchangeImportDialog *self);
const char               *glossa_exchange_import_dialog_get_error   (GlossaExchangeImportDialog *self);

G_END_DECLS
