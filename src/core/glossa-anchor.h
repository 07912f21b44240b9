/* glossa-anchor.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring: finding where an annotation's quote went when the text it was
 * made on changed.  Pure functions on text; the library calls them.
 */
#pragma once

#include "glossa-types.h"

G_BEGIN_DECLS

#define GLOSSA_CONTEXT_LENGTH 32   /* code points of prefix/suffix kept */

/* The text an anchor searches, decoded once to code points so that many
 * annotations of one article can be placed without re-decoding. */
typedef struct _GlossaAnchorText GlossaAnchorText;

GlossaAnchorText  *glossa_anchor_text_new   (const char       *utf8);
void               glossa_anchor_text_free  (GlossaAnchorText *text);
gint64             glossa_anchor_text_length (GlossaAnchorText *text);

/* Places the annotation that was [@old_start, @old_end) with @quote (and the
 * up to GLOSSA_CONTEXT_LENGTH code points of @prefix/@suffix around it) in
 * @text: the exact quote at its old position; else the exact occurrence whose
 * prefix/suffix agree best, nearest to the old position on a tie; else the
 * best approximate match with edit distance at most ~10% of the quote.
 * Returns ORPHANED (and leaves *@start and *@end alone) when none fits. */
GlossaAnchorResult glossa_anchor_locate     (GlossaAnchorText *text,
                                             gint64            old_start,
                                             gint64            old_end,
                                             const char       *quote,
                                             const char       *prefix,
                                             const char       *suffix,
                                             gint64           *start,
                                             gint64           *end);

/* Quote, prefix and suffix for [@start, @end) of @text (UTF-8). */
void               glossa_anchor_context    (const char       *utf8,
                                             gint64            start,
                                             gint64            end,
                                             char            **quote,
                                             char            **prefix,
                                             char            **suffix);

/* The same from an already decoded text, without walking the UTF-8 from its
 * start: for re-computing the context of many annotations of a long text. */
void               glossa_anchor_text_context (GlossaAnchorText *text,
                                               gint64            start,
                                               gint64            end,
                                               char            **quote,
                                               char            **prefix,
                                               char            **suffix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossaAnchorText, glossa_anchor_text_free)

G_END_DECLS
