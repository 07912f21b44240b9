/* glossa-link.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot of a link between two annotations.
 * Generated once from a field list; edit freely.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "glossa-library-private.h"

struct _GlossaLink
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 from_id;
  gint64 to_id;
  char *link_type;
  GlossaLinkDirection direction;
  char *note;
  gint64 created;
  gint64 modified;
};

G_DEFINE_FINAL_TYPE (GlossaLink, glossa_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_FROM_ID,
  PROP_TO_ID,
  PROP_LINK_TYPE,
  PROP_DIRECTION,
  PROP_NOTE,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
glossa_link_finalize (GObject *object)
{
  GlossaLink *self = GLOSSA_LINK (object);

  g_free (self->uuid);
  g_free (self->link_type);
  g_free (self->note);

  G_OBJECT_CLASS (glossa_link_parent_class)->finalize (object);
}

static void
glossa_link_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GlossaLink *self = GLOSSA_LINK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_FROM_ID:
      g_value_set_int64 (value, self->from_id);
      break;

    case PROP_TO_ID:
      g_value_set_int64 (value, self->to_id);
      break;

    case PROP_LINK_TYPE:
      g_value_set_string (value, self->link_type);
      break;

    case PROP_DIRECTION:
      g_value_set_int (value, self->direction);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_link_class_init (GlossaLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossa_link_finalize;
  object_class->get_property = glossa_link_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FROM_ID] =
    g_param_spec_int64 ("from-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TO_ID] =
    g_param_spec_int64 ("to-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LINK_TYPE] =
    g_param_spec_string ("link-type", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DIRECTION] =
    g_param_spec_int ("direction", NULL, NULL, 0, G_MAXINT, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossa_link_init (GlossaLink *self)
{
}

gint64
glossa_link_get_id (GlossaLink *self)
{
  g_return_val_if_fail (GLOSSA_IS_LINK (self), 0);

  return self->id;
}

const char *
glossa_link_get_uuid (GlossaLink *self)
{
  g_return_val_if_fail (GLOSSA_IS_LINK (self), NULL);

  return self->uuid;
}

gint64
glossa_link_get_from_id (GlossaLink *self)
{
  g_return_val_if_fail (GLOSSA_IS_LINK (self), 0);

  return self->from_id;
}

gint64
glossa_link_get_to_id (GlossaLink *self)
{
  g_return_val_if_fail (GLOSSA_IS_LINK (self), 0);

  return self->to_id;
}

const char *
glossa_link_get_link_type (GlossaLink *self)
{
  g_return_val_if_fail (GLOSSA_IS_LINK (self), NULL);

  return self->link_type;
}

GlossaLinkDirection
glossa_link_get_direction (GlossaLink *self)
{
  g_return_val_if_fail (GLOSSA_IS_LINK (self), GLOSSA_LINK_ONE_WAY);

  return self->direction;
}

const char *
glossa_link_get_note (GlossaLink *self)
{
  g_return_val_if_fail (GLOSSA_IS_LINK (self), NULL);

  return self->note;
}

gint64
glossa_link_get_created (GlossaLink *self)
{
  g_return_val_if_fail (GLOSSA_IS_LINK (self), 0);

  return self->created;
}

gint64
glossa_link_get_modified (GlossaLink *self)
{
  g_return_val_if_fail (GLOSSA_IS_LINK (self), 0);

  return self->modified;
}

GlossaLink *
_glossa_link_new_from_stmt (sqlite3_stmt *stmt)
{
  GlossaLink *self = g_object_new (GLOSSA_TYPE_LINK, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = g_strdup (_glossa_column_str (stmt, 1));
  self->from_id = sqlite3_column_int64 (stmt, 2);
  self->to_id = sqlite3_column_int64 (stmt, 3);
  self->link_type = g_strdup (_glossa_column_str (stmt, 4));
  self->direction = (GlossaLinkDirection) sqlite3_column_int (stmt, 5);
  self->note = g_strdup (_glossa_column_str (stmt, 6));
  self->created = sqlite3_column_int64 (stmt, 7);
  self->modified = sqlite3_column_int64 (stmt, 8);

  return self;
}

const char *
glossa_link_type_get_label (const char *type)
{
  static const struct {
    const char *name;
    const char *label;
  } builtin[] = {
    /* Translators: a link type, read as "A supports B" */
    { "supports", N_("supports") },
    /* Translators: a link type, read as "A contradicts B" */
    { "contradicts", N_("contradicts") },
    /* Translators: a link type, read as "A elaborates B" */
    { "elaborates", N_("elaborates") },
    /* Translators: a link type, read as "A cites B" */
    { "cites", N_("cites") },
  };

  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    if (g_str_equal (type, builtin[i].name))
      return _(builtin[i].label);

  return type;
}
