/* glossa-annotation.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot of an annotation.
 * Generated once from a field list; edit freely.
 */
#include "config.h"

#include "glossa-library-private.h"

struct _GlossaAnnotation
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 article_id;
  gint64 start;
  gint64 end;
  char *quote;
  char *prefix;
  char *suffix;
  char *note;
  char *author;
  gint64 created;
  gint64 modified;
  gboolean orphaned;
  guint link_count;
  GArray *tag_ids;
};

G_DEFINE_FINAL_TYPE (GlossaAnnotation, glossa_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_ARTICLE_ID,
  PROP_START,
  PROP_END,
  PROP_QUOTE,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_NOTE,
  PROP_AUTHOR,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_ORPHANED,
  PROP_LINK_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
glossa_annotation_finalize (GObject *object)
{
  GlossaAnnotation *self = GLOSSA_ANNOTATION (object);

  g_free (self->uuid);
  g_free (self->quote);
  g_free (self->prefix);
  g_free (self->suffix);
  g_free (self->note);
  g_free (self->author);
  g_clear_pointer (&self->tag_ids, g_array_unref);

  G_OBJECT_CLASS (glossa_annotation_parent_class)->finalize (object);
}

static void
glossa_annotation_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlossaAnnotation *self = GLOSSA_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_ARTICLE_ID:
      g_value_set_int64 (value, self->article_id);
      break;

    case PROP_START:
      g_value_set_int64 (value, self->start);
      break;

    case PROP_END:
      g_value_set_int64 (value, self->end);
      break;

    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;

    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;

    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, self->modified);
      break;

    case PROP_ORPHANED:
      g_value_set_boolean (value, self->orphaned);
      break;

    case PROP_LINK_COUNT:
      g_value_set_uint (value, self->link_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_annotation_class_init (GlossaAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossa_annotation_finalize;
  object_class->get_property = glossa_annotation_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ARTICLE_ID] =
    g_param_spec_int64 ("article-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_START] =
    g_param_spec_int64 ("start", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_END] =
    g_param_spec_int64 ("end", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_QUOTE] =
    g_param_spec_string ("quote", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUFFIX] =
    g_param_spec_string ("suffix", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ORPHANED] =
    g_param_spec_boolean ("orphaned", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LINK_COUNT] =
    g_param_spec_uint ("link-count", NULL, NULL, 0, G_MAXUINT, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossa_annotation_init (GlossaAnnotation *self)
{
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

gint64
glossa_annotation_get_id (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), 0);

  return self->id;
}

const char *
glossa_annotation_get_uuid (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), NULL);

  return self->uuid;
}

gint64
glossa_annotation_get_article_id (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), 0);

  return self->article_id;
}

gint64
glossa_annotation_get_start (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), 0);

  return self->start;
}

gint64
glossa_annotation_get_end (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), 0);

  return self->end;
}

const char *
glossa_annotation_get_quote (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), NULL);

  return self->quote;
}

const char *
glossa_annotation_get_prefix (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), NULL);

  return self->prefix;
}

const char *
glossa_annotation_get_suffix (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), NULL);

  return self->suffix;
}

const char *
glossa_annotation_get_note (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), NULL);

  return self->note;
}

const char *
glossa_annotation_get_author (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), NULL);

  return self->author;
}

gint64
glossa_annotation_get_created (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), 0);

  return self->created;
}

gint64
glossa_annotation_get_modified (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), 0);

  return self->modified;
}

gboolean
glossa_annotation_get_orphaned (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), FALSE);

  return self->orphaned;
}

guint
glossa_annotation_get_link_count (GlossaAnnotation *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), 0);

  return self->link_count;
}

const gint64 *
glossa_annotation_get_tag_ids (GlossaAnnotation *self,
                               guint            *n_tags)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), NULL);

  if (n_tags != NULL)
    *n_tags = self->tag_ids->len;

  return (const gint64 *) (gpointer) self->tag_ids->data;
}

gboolean
glossa_annotation_has_tag (GlossaAnnotation *self,
                           gint64            tag_id)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION (self), FALSE);

  for (guint i = 0; i < self->tag_ids->len; i++)
    if (g_array_index (self->tag_ids, gint64, i) == tag_id)
      return TRUE;

  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

GlossaAnnotation *
_glossa_annotation_new_from_stmt (sqlite3_stmt *stmt)
{
  GlossaAnnotation *self = g_object_new (GLOSSA_TYPE_ANNOTATION, NULL);
  const char *tags;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->uuid = g_strdup (_glossa_column_str (stmt, 1));
  self->article_id = sqlite3_column_int64 (stmt, 2);
  self->start = sqlite3_column_int64 (stmt, 3);
  self->end = sqlite3_column_int64 (stmt, 4);
  self->quote = g_strdup (_glossa_column_str (stmt, 5));
  self->prefix = g_strdup (_glossa_column_str (stmt, 6));
  self->suffix = g_strdup (_glossa_column_str (stmt, 7));
  self->note = g_strdup (_glossa_column_str (stmt, 8));
  self->author = g_strdup (_glossa_column_str (stmt, 9));
  self->created = sqlite3_column_int64 (stmt, 10);
  self->modified = sqlite3_column_int64 (stmt, 11);
  self->orphaned = sqlite3_column_int (stmt, 12) != 0;

  /* group_concat gives "3,7,12"; parsing it beats a second query per row. */
  tags = (const char *) sqlite3_column_text (stmt, 13);
  while (tags != NULL && *tags != '\0')
    {
      char *endp = NULL;
      gint64 tag_id = g_ascii_strtoll (tags, &endp, 10);

      if (endp == tags)
        break;
      g_array_append_val (self->tag_ids, tag_id);
      tags = *endp == ',' ? endp + 1 : endp;
    }
  g_array_sort (self->tag_ids, compare_ids);

  self->link_count = (guint) sqlite3_column_int64 (stmt, 14);

  return self;
}
