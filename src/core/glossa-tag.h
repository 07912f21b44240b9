/* glossa-tag.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A code of the codebook, as a snapshot.  parent_id is 0 for a top-level tag;
 * key is 1–9, or 0 for none.  colour is "#rrggbb".
 */
#pragma once

#include <glib-object.h>

#include "glossa-types.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_TAG (glossa_tag_get_type ())

G_DECLARE_FINAL_TYPE (GlossaTag, glossa_tag, GLOSSA, TAG, GObject)

gint64      glossa_tag_get_id          (GlossaTag *self);
const char *glossa_tag_get_uuid        (GlossaTag *self);
const char *glossa_tag_get_name        (GlossaTag *self);
const char *glossa_tag_get_color       (GlossaTag *self);
const char *glossa_tag_get_description (GlossaTag *self);
gint64      glossa_tag_get_parent_id   (GlossaTag *self);
guint       glossa_tag_get_position    (GlossaTag *self);
guint       glossa_tag_get_key         (GlossaTag *self);
guint       glossa_tag_get_depth       (GlossaTag *self);   /* 0 for top level */
guint       glossa_tag_get_count       (GlossaTag *self);   /* live annotations carrying it */
gint64      glossa_tag_get_created     (GlossaTag *self);
gint64      glossa_tag_get_modified    (GlossaTag *self);

G_END_DECLS
