/* glossa-link.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A typed relation between two annotations, possibly in different articles.
 */
#pragma once

#include <glib-object.h>

#include "glossa-types.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_LINK (glossa_link_get_type ())

G_DECLARE_FINAL_TYPE (GlossaLink, glossa_link, GLOSSA, LINK, GObject)

gint64              glossa_link_get_id        (GlossaLink *self);
const char         *glossa_link_get_uuid      (GlossaLink *self);
gint64              glossa_link_get_from_id   (GlossaLink *self);
gint64              glossa_link_get_to_id     (GlossaLink *self);
const char         *glossa_link_get_link_type (GlossaLink *self);   /* "supports", ... */
GlossaLinkDirection glossa_link_get_direction (GlossaLink *self);
const char         *glossa_link_get_note      (GlossaLink *self);
gint64              glossa_link_get_created   (GlossaLink *self);
gint64              glossa_link_get_modified  (GlossaLink *self);

/* What to show for a link type: the built-in types (supports, contradicts,
 * elaborates, cites) in the user's language, others as they were named.
 * The stored name stays the same in every language, for exchange. */
const char         *glossa_link_type_get_label (const char *type);

G_END_DECLS
