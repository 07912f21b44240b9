/* glossa-article.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot of an article's metadata, as read from its library.
 * Generated once from a field list; edit freely.
 */
#include "config.h"

#include "glossa-library-private.h"

struct _GlossaArticle
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *title;
  char *byline;
  char *published;
  char *site_name;
  char *source;
  char *format;
  char *encoding;
  char *language;
  char *direction;
  char *sha256;
  gint64 imported;
  gint64 modified;
  gint64 length;
  guint annotation_count;
  gboolean best_effort;
};

G_DEFINE_FINAL_TYPE (GlossaArticle, glossa_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_BYLINE,
  PROP_PUBLISHED,
  PROP_SITE_NAME,
  PROP_SOURCE,
  PROP_FORMAT,
  PROP_ENCODING,
  PROP_LANGUAGE,
  PROP_DIRECTION,
  PROP_SHA256,
  PROP_IMPORTED,
  PROP_MODIFIED,
  PROP_LENGTH,
  PROP_ANNOTATION_COUNT,
  PROP_BEST_EFFORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
glossa_article_finalize (GObject *object)
{
  GlossaArticle *self = GLOSSA_ARTICLE (object);

  g_free (self->uuid);
  g_free (self->title);
  g_free (self->byline);
  g_free (self->published);
  g_free (self->site_name);
  g_free (self->source);
  g_free (self->format);
  g_free (self->encoding);
  g_free (self->language);
  g_free (self->direction);
  g_free (self->sha256);

  G_OBJECT_CLASS (glossa_article_parent_class)->finalize (object);
}

static void
glossa_article_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossaArticle *self = GLOSSA_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_BYLINE:
      g_value_set_string (value, self->byline);
      break;

    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;

    case PROP_SITE_NAME:
      g_value_set_string (value, self->site_name);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;

    case PROP_ENCODING:
      g_value_set_string (value, self->encoding);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_DIRECTION:
      g_value_set_string (value, self->direction);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_IMPORTED:
      g_value_set_int64 (value, self->imported);
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, self->modified);
      break;

    case PROP_LENGTH:
      g_value_set_int64 (value, self->length);
      break;

    case PROP_ANNOTATION_COUNT:
      g_value_set_uint (value, self->annotation_count);
      break;

    case PROP_BEST_EFFORT:
      g_value_set_boolean (value, self->best_effort);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_article_class_init (GlossaArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossa_article_finalize;
  object_class->get_property = glossa_article_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BYLINE] =
    g_param_spec_string ("byline", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PUBLISHED] =
    g_param_spec_string ("published", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SITE_NAME] =
    g_param_spec_string ("site-name", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENCODING] =
    g_param_spec_string ("encoding", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DIRECTION] =
    g_param_spec_string ("direction", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IMPORTED] =
    g_param_spec_int64 ("imported", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LENGTH] =
    g_param_spec_int64 ("length", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ANNOTATION_COUNT] =
    g_param_spec_uint ("annotation-count", NULL, NULL, 0, G_MAXUINT, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BEST_EFFORT] =
    g_param_spec_boolean ("best-effort", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossa_article_init (GlossaArticle *self)
{
}

gint64
glossa_article_get_id (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), 0);

  return self->id;
}

const char *
glossa_article_get_uuid (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->uuid;
}

const char *
glossa_article_get_title (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->title;
}

const char *
glossa_article_get_byline (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->byline;
}

const char *
glossa_article_get_published (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->published;
}

const char *
glossa_article_get_site_name (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->site_name;
}

const char *
glossa_article_get_source (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->source;
}

const char *
glossa_article_get_format (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->format;
}

const char *
glossa_article_get_encoding (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->encoding;
}

const char *
glossa_article_get_language (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->language;
}

const char *
glossa_article_get_direction (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->direction;
}

const char *
glossa_article_get_sha256 (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), NULL);

  return self->sha256;
}

gint64
glossa_article_get_imported (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), 0);

  return self->imported;
}

gint64
glossa_article_get_modified (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), 0);

  return self->modified;
}

gint64
glossa_article_get_length (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), 0);

  return self->length;
}

guint
glossa_article_get_annotation_count (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), 0);

  return self->annotation_count;
}

gboolean
glossa_article_get_best_effort (GlossaArticle *self)
{
  g_return_val_if_fail (GLOSSA_IS_ARTICLE (self), FALSE);

  return self->best_effort;
}

GlossaArticle *
_glossa_article_new_from_stmt (sqlite3_stmt *stmt)
{
  GlossaArticle *self = g_object_new (GLOSSA_TYPE_ARTICLE, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = g_strdup (_glossa_column_str (stmt, 1));
  self->title = g_strdup (_glossa_column_str (stmt, 2));
  self->byline = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  self->published = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  self->site_name = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  self->source = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  self->format = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  self->encoding = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  self->language = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  self->direction = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  self->sha256 = g_strdup (_glossa_column_str (stmt, 11));
  self->imported = sqlite3_column_int64 (stmt, 12);
  self->modified = sqlite3_column_int64 (stmt, 13);
  self->length = sqlite3_column_int64 (stmt, 14);
  self->annotation_count = (guint) sqlite3_column_int64 (stmt, 15);
  self->best_effort = sqlite3_column_int (stmt, 16) != 0;

  return self;
}
