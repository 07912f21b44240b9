/* glossa-trash-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Trash view: what was deleted, when, and how much comes back with it.
 * Restoring goes through the history (so it can be undone); emptying the
 * trash cannot be undone and asks first.
 */
#pragma once

#include <adwaita.h>

#include "glossa-history.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_TRASH_DIALOG (glossa_trash_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossaTrashDialog, glossa_trash_dialog, GLOSSA, TRASH_DIALOG, AdwWindow)

GtkWidget *glossa_trash_dialog_new (GtkWindow     *parent,
                                    GlossaHistory *history);

G_END_DECLS
