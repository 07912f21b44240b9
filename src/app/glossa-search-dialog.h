/* glossa-search-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searching the whole library (Ctrl+Shift+F): titles, text, quotes and
 * notes, shown as keyword-in-context rows.
 *
 * Signals:
 *   "hit-activated" (gint64 article_id, gint64 start, gint64 end): the user
 *   chose a result; [start, end) is the range to show in the article's text
 *   (the match itself for text hits, the annotation for quote and note
 *   hits, an empty range at 0 for title hits).
 */
#pragma once

#include <adwaita.h>

#include "glossa-library.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_SEARCH_DIALOG (glossa_search_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossaSearchDialog, glossa_search_dialog, GLOSSA, SEARCH_DIALOG, AdwWindow)

GtkWidget *glossa_search_dialog_new (GtkWindow     *parent,
                                     GlossaLibrary *library);

G_END_DECLS
