/* glossa-annotation-row.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One annotation in the annotations pane: its tags as coloured chips, the
 * quote, the note (edited in place), its links and who made it.  The row
 * changes nothing itself: it activates the window's actions, which go
 * through the undo history.
 */
#pragma once

#include <gtk/gtk.h>

#include "glossa-library.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_ANNOTATION_ROW (glossa_annotation_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossaAnnotationRow, glossa_annotation_row, GLOSSA, ANNOTATION_ROW, GtkWidget)

GtkWidget        *glossa_annotation_row_new            (void);
void              glossa_annotation_row_bind           (GlossaAnnotationRow *self,
                                                        GlossaAnnotation    *annotation,
                                                        GlossaLibrary       *library);
void              glossa_annotation_row_unbind         (GlossaAnnotationRow *self);
GlossaAnnotation *glossa_annotation_row_get_annotation (GlossaAnnotationRow *self);

G_END_DECLS
