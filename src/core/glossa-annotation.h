/* glossa-annotation.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An annotation as a snapshot: a span [start, end) of an article's text in
 * Unicode code points, the quote with its context, tags, note and author.
 * An orphan could not be re-anchored after its article's text changed: its
 * quote is kept, its start/end are its last known position.
 */
#pragma once

#include <glib-object.h>

#include "glossa-types.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_ANNOTATION (glossa_annotation_get_type ())

G_DECLARE_FINAL_TYPE (GlossaAnnotation, glossa_annotation, GLOSSA, ANNOTATION, GObject)

gint64        glossa_annotation_get_id         (GlossaAnnotation *self);
const char   *glossa_annotation_get_uuid       (GlossaAnnotation *self);
gint64        glossa_annotation_get_article_id (GlossaAnnotation *self);
gint64        glossa_annotation_get_start      (GlossaAnnotation *self);
gint64        glossa_annotation_get_end        (GlossaAnnotation *self);
const char   *glossa_annotation_get_quote      (GlossaAnnotation *self);
const char   *glossa_annotation_get_prefix     (GlossaAnnotation *self);
const char   *glossa_annotation_get_suffix     (GlossaAnnotation *self);
const char   *glossa_annotation_get_note       (GlossaAnnotation *self);  /* "" when none */
const char   *glossa_annotation_get_author     (GlossaAnnotation *self);
gint64        glossa_annotation_get_created    (GlossaAnnotation *self);
gint64        glossa_annotation_get_modified   (GlossaAnnotation *self);
gboolean      glossa_annotation_get_orphaned   (GlossaAnnotation *self);
const gint64 *glossa_annotation_get_tag_ids    (GlossaAnnotation *self,
                                                guint            *n_tags);
gboolean      glossa_annotation_has_tag        (GlossaAnnotation *self,
                                                gint64            tag_id);
guint         glossa_annotation_get_link_count (GlossaAnnotation *self);

G_END_DECLS
