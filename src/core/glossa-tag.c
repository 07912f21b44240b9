/* glossa-tag.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot of a code of the codebook.
 * Generated once from a field list; edit freely.
 */
#include "config.h"

#include "glossa-library-private.h"

struct _GlossaTag
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *name;
  char *color;
  char *description;
  gint64 parent_id;
  guint position;
  guint key;
  guint count;
  gint64 created;
  gint64 modified;
  guint depth;
};

G_DEFINE_FINAL_TYPE (GlossaTag, glossa_tag, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_NAME,
  PROP_COLOR,
  PROP_DESCRIPTION,
  PROP_PARENT_ID,
  PROP_POSITION,
  PROP_KEY,
  PROP_COUNT,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
glossa_tag_finalize (GObject *object)
{
  GlossaTag *self = GLOSSA_TAG (object);

  g_free (self->uuid);
  g_free (self->name);
  g_free (self->color);
  g_free (self->description);

  G_OBJECT_CLASS (glossa_tag_parent_class)->finalize (object);
}

static void
glossa_tag_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GlossaTag *self = GLOSSA_TAG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_KEY:
      g_value_set_uint (value, self->key);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, self->modified);
      break;

    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_tag_class_init (GlossaTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossa_tag_finalize;
  object_class->get_property = glossa_tag_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PARENT_ID] =
    g_param_spec_int64 ("parent-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KEY] =
    g_param_spec_uint ("key", NULL, NULL, 0, G_MAXUINT, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossa_tag_init (GlossaTag *self)
{
}

gint64
glossa_tag_get_id (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), 0);

  return self->id;
}

const char *
glossa_tag_get_uuid (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), NULL);

  return self->uuid;
}

const char *
glossa_tag_get_name (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), NULL);

  return self->name;
}

const char *
glossa_tag_get_color (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), NULL);

  return self->color;
}

const char *
glossa_tag_get_description (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), NULL);

  return self->description;
}

gint64
glossa_tag_get_parent_id (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), 0);

  return self->parent_id;
}

guint
glossa_tag_get_position (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), 0);

  return self->position;
}

guint
glossa_tag_get_key (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), 0);

  return self->key;
}

guint
glossa_tag_get_count (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), 0);

  return self->count;
}

gint64
glossa_tag_get_created (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), 0);

  return self->created;
}

gint64
glossa_tag_get_modified (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), 0);

  return self->modified;
}

guint
glossa_tag_get_depth (GlossaTag *self)
{
  g_return_val_if_fail (GLOSSA_IS_TAG (self), 0);

  return self->depth;
}

GlossaTag *
_glossa_tag_new_from_stmt (sqlite3_stmt *stmt,
                           guint         depth)
{
  GlossaTag *self = g_object_new (GLOSSA_TYPE_TAG, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = g_strdup (_glossa_column_str (stmt, 1));
  self->name = g_strdup (_glossa_column_str (stmt, 2));
  self->color = g_strdup (_glossa_column_str (stmt, 3));
  self->description = g_strdup (_glossa_column_str (stmt, 4));
  self->parent_id = sqlite3_column_int64 (stmt, 5);
  self->position = (guint) sqlite3_column_int64 (stmt, 6);
  self->key = (guint) sqlite3_column_int64 (stmt, 7);
  self->count = (guint) sqlite3_column_int64 (stmt, 8);
  self->created = sqlite3_column_int64 (stmt, 9);
  self->modified = sqlite3_column_int64 (stmt, 10);
  self->depth = depth;

  return self;
}
