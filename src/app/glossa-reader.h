/* glossa-reader.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reading view: an article's text, styled by its blocks under a header
 * (title; byline · site · date), with the annotations drawn as highlights
 * in their tags' colours.  Read-only, with a cursor for keyboard selection.
 *
 * Every offset of this API is a code point of the ARTICLE text, not of the
 * buffer (which also holds the header).
 *
 * Signals:
 *   "annotation-activated" (gint64 id): a highlight was clicked (the
 *     shortest one under the pointer), or Return pressed on it
 *     (action "reader.activate-annotation").
 *   "selection-changed": the article selection changed; emitted once at the
 *     end of a drag, or after a keyboard change.
 */
#pragma once

#include <gtk/gtk.h>

#include "glossa-types.h"
#include "glossa-extracted.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_READER (glossa_reader_get_type ())

G_DECLARE_FINAL_TYPE (GlossaReader, glossa_reader, GLOSSA, READER, GtkTextView)

/* One highlight, for glossa_reader_set_highlights(), the lower-level call
 * that glossa_reader_set_annotations() is made of. */
typedef struct {
  gint64             id;
  gint64             start;     /* article offsets, end exclusive */
  gint64             end;
  const char *const *colors;    /* NULL-terminated "#rrggbb" list; the first fills;
                                 * none (or NULL): neutral grey */
  const char        *label;     /* tag names for the tooltip, or NULL */
  const char        *note;      /* NULL or "" when none */
} GlossaReaderHighlight;

GtkWidget *glossa_reader_new                          (void);
/* Shows the article: a header (title, byline · site · published date) then
 * the text, styled by its blocks.  @content may be NULL to clear; @article
 * may be NULL, the header then comes from @content.  Clears the highlights,
 * the search matches and the selected annotation, which belonged to the
 * previous text. */
void      glossa_reader_set_content                   (GlossaReader          *self,
                                                       GlossaArticle         *article,
                                                       const GlossaExtracted *content);
/* The article's length in code points. */
gint64    glossa_reader_get_length                    (GlossaReader          *self);
/* Whether the block styles (headings, quotes, list items...) past the
 * first screenful are still arriving, from idle, after set_content. */
gboolean  glossa_reader_get_styling                   (GlossaReader          *self);
/* The annotations to draw (GPtrArray of GlossaAnnotation; orphans are not
 * drawn) and the tags (GListModel of GlossaTag) whose colours they use:
 * the first tag fills, each further tag adds a band; the tooltip names the
 * tags and shows the note.  Replaces the previous set; copies what it needs. */
void      glossa_reader_set_annotations               (GlossaReader          *self,
                                                       GPtrArray             *annotations,
                                                       GListModel            *tags);
void      glossa_reader_set_highlights                (GlossaReader          *self,
                                                       const GlossaReaderHighlight *highlights,
                                                       guint                  n_highlights);
/* Ids of the highlights intersecting [start, end), ordered by start. */
GArray   *glossa_reader_get_highlights_in_range       (GlossaReader          *self,
                                                       gint64                 start,
                                                       gint64                 end);
/* The annotation a click on the article character at @offset opens: the
 * shortest highlight covering it; 0 when none. */
gint64    glossa_reader_get_annotation_at             (GlossaReader          *self,
                                                       gint64                 offset);
/* The article range of the lines currently on screen; FALSE when none. */
gboolean  glossa_reader_get_visible_range             (GlossaReader          *self,
                                                       gint64                *start,
                                                       gint64                *end);
/* The selected article range without the white space (line breaks, spaces,
 * U+3000) at its edges; FALSE when nothing else is selected. */
gboolean  glossa_reader_get_selection                 (GlossaReader          *self,
                                                       gint64                *start,
                                                       gint64                *end);
gboolean  glossa_reader_get_header_selected           (GlossaReader          *self);
char     *glossa_reader_format_published              (const char            *published,
                                                       gboolean               with_time);
void      glossa_reader_select_range                  (GlossaReader          *self,
                                                       gint64                 start,
                                                       gint64                 end);
void      glossa_reader_scroll_to_range               (GlossaReader          *self,
                                                       gint64                 start,
                                                       gint64                 end,
                                                       gboolean               flash);
/* 0: none.  The selected annotation is outlined. */
void      glossa_reader_set_selected_annotation       (GlossaReader          *self,
                                                       gint64                 annotation_id);
gint64    glossa_reader_get_selected_annotation       (GlossaReader          *self);
/* The sentence around @offset (Chinese 。！？；… and English . ! ? ;
 * followed by a space or quote, and paragraph ends); what a triple click
 * selects. */
gboolean  glossa_reader_get_sentence_range            (GlossaReader          *self,
                                                       gint64                 offset,
                                                       gint64                *start,
                                                       gint64                *end);
/* Also the action "reader.extend-to-sentences" (no default key). */
gboolean  glossa_reader_extend_selection_to_sentences (GlossaReader          *self);
/* In-article search (Ctrl+F), case-insensitive: highlights all matches and
 * returns their count.  NULL or "" clears. */
guint     glossa_reader_set_search                    (GlossaReader          *self,
                                                       const char            *needle);
/* Selects and shows the next match after the cursor (or before it). */
gboolean  glossa_reader_search_next                   (GlossaReader          *self,
                                                       gboolean               backwards);
/* Scroll position to remember per article, as an article offset. */
gint64    glossa_reader_get_scroll_offset             (GlossaReader          *self);
void      glossa_reader_set_scroll_offset             (GlossaReader          *self,
                                                       gint64                 offset);
/* Where to point a popover for the current selection, in widget coordinates. */
gboolean  glossa_reader_get_selection_rect            (GlossaReader          *self,
                                                       GdkRectangle          *rect);
/* A Pango font description ("Noto Serif 13"); NULL restores the default. */
void      glossa_reader_set_font                      (GlossaReader          *self,
                                                       const char            *font);

G_END_DECLS
