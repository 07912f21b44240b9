/* glossa-article.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An article as stored in a library: its metadata, a snapshot taken when it
 * was read.  The text itself is loaded on demand (glossa_library_load_content).
 * Times are microseconds since the Unix epoch, UTC.
 */
#pragma once

#include <glib-object.h>

#include "glossa-types.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_ARTICLE (glossa_article_get_type ())

G_DECLARE_FINAL_TYPE (GlossaArticle, glossa_article, GLOSSA, ARTICLE, GObject)

gint64      glossa_article_get_id               (GlossaArticle *self);
const char *glossa_article_get_uuid             (GlossaArticle *self);
const char *glossa_article_get_title            (GlossaArticle *self);
const char *glossa_article_get_byline           (GlossaArticle *self);
const char *glossa_article_get_published        (GlossaArticle *self);
const char *glossa_article_get_site_name        (GlossaArticle *self);
const char *glossa_article_get_source           (GlossaArticle *self);
const char *glossa_article_get_format           (GlossaArticle *self);
const char *glossa_article_get_encoding         (GlossaArticle *self);
const char *glossa_article_get_language         (GlossaArticle *self);
const char *glossa_article_get_direction        (GlossaArticle *self);
const char *glossa_article_get_sha256           (GlossaArticle *self);
gint64      glossa_article_get_imported         (GlossaArticle *self);
gint64      glossa_article_get_modified         (GlossaArticle *self);
gint64      glossa_article_get_length           (GlossaArticle *self);
guint       glossa_article_get_annotation_count (GlossaArticle *self);
gboolean    glossa_article_get_best_effort      (GlossaArticle *self);

G_END_DECLS
