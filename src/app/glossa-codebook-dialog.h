/* glossa-codebook-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The codebook editor: the tag tree with colour, name, description, key and
 * annotation count; add, rename, recolour, move, merge and delete tags.
 * Every change goes through the GlossaHistory, so it can be undone.
 *
 * Actions (prefix "codebook."), also what the rows and menus use:
 *   add-tag, add-child, rename, choose-color, delete, undo, redo (on the
 *   selected tag, no parameter);
 *   rename-tag (xs), set-tag-color (xs), set-tag-description (xs),
 *   set-tag-key (xu), move-tag (xxi: id, new parent or 0, position or -1),
 *   drop-tag (xxu: dragged id, id of the row dropped on, 0 before it,
 *   1 into it as the last child, 2 after it),
 *   move-selected (x: new parent or 0), merge-selected (x: tag to merge into),
 *   remove-tag (xu: id, GlossaTagDeleteMode).
 */
#pragma once

#include <adwaita.h>

#include "glossa-history.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_CODEBOOK_DIALOG (glossa_codebook_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossaCodebookDialog, glossa_codebook_dialog,
                      GLOSSA, CODEBOOK_DIALOG, AdwWindow)

GtkWidget *glossa_codebook_dialog_new (GtkWindow     *parent,
                                       GlossaHistory *history);

G_END_DECLS
