/* glossa-window.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glossa-application.h"
#include "glossa-history.h"
#include "glossa-library.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_WINDOW (glossa_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossaWindow, glossa_window, GLOSSA, WINDOW, AdwApplicationWindow)

/* @history may be NULL: the window then keeps one of its own. */
GlossaWindow  *glossa_window_new              (GlossaApplication *app,
                                               GlossaLibrary     *library,
                                               GlossaHistory     *history);
GlossaLibrary *glossa_window_get_library      (GlossaWindow      *self);
GlossaHistory *glossa_window_get_history      (GlossaWindow      *self);
GtkWidget     *glossa_window_get_reader       (GlossaWindow      *self);
void           glossa_window_open_article     (GlossaWindow      *self,
                                               gint64             article_id);
gint64         glossa_window_get_article_id   (GlossaWindow      *self);
void           glossa_window_show_annotation  (GlossaWindow      *self,
                                               gint64             annotation_id);
/* Imports in a thread and opens the last one; "importing" says when done. */
void           glossa_window_import_files     (GlossaWindow      *self,
                                               GFile            **files,
                                               guint              n_files);
gboolean       glossa_window_get_importing    (GlossaWindow      *self);
/* Selects [@start, @end) of the article in the reader, in code points. */
void           glossa_window_select_range     (GlossaWindow      *self,
                                               gint64             start,
                                               gint64             end);
guint          glossa_window_get_search_count (GlossaWindow      *self);
/* Opens the search bar on @needle, as typing it would; returns the count. */
guint          glossa_window_search           (GlossaWindow      *self,
                                               const char        *needle);
/* The live annotations the pane lists (GlossaAnnotation, text order). */
GListModel    *glossa_window_get_annotations  (GlossaWindow      *self);
/* What the pane lists after its tag filter. */
GListModel    *glossa_window_get_shown_annotations (GlossaWindow *self);
/* Those that lost their place in the text, listed apart. */
GListModel    *glossa_window_get_orphans      (GlossaWindow      *self);

G_END_DECLS
