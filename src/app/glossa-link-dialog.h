/* glossa-link-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Link to…": pick another annotation, from any article, and the type of
 * the link.  Emits "link-chosen" (gint64 from_id, gint64 to_id, const char
 * *type) and closes; the window makes the link through the undo history.
 */
#pragma once

#include <adwaita.h>

#include "glossa-library.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_LINK_DIALOG (glossa_link_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossaLinkDialog, glossa_link_dialog, GLOSSA, LINK_DIALOG, AdwWindow)

GlossaLinkDialog *glossa_link_dialog_new (GtkWindow     *parent,
                                          GlossaLibrary *library,
                                          gint64         from_id);
/* For tests and keyboard users: choose @to_id as if clicked. */
gboolean          glossa_link_dialog_choose (GlossaLinkDialog *self,
                                             gint64            to_id,
                                             const char       *type);

G_END_DECLS
