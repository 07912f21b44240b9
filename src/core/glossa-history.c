/* glossa-history.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every wrapper first asks the library to make the change, and only when
 * that succeeded pushes a record of how to take it back.  Records hold ids
 * and values, never model objects: the library is the only truth, and ids
 * survive a trip through the trash.  An undo or redo that needs several
 * library calls runs them inside one glossa_library_begin/commit, so it
 * happens whole or not at all.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "glossa-history.h"

/* Enough for a long session; the oldest records fall off the bottom. */
#define MAX_RECORDS 1000

typedef enum {
  OP_ADD_ANNOTATION,
  OP_SET_ANNOTATION_NOTE,
  OP_ADD_ANNOTATION_TAG,
  OP_REMOVE_ANNOTATION_TAG,
  OP_SET_ANNOTATION_RANGE,
  OP_REMOVE_ANNOTATION,
  OP_ADD_LINK,
  OP_SET_LINK_NOTE,
  OP_REMOVE_LINK,
  OP_ADD_TAG,
  OP_RENAME_TAG,
  OP_SET_TAG_COLOR,
  OP_SET_TAG_DESCRIPTION,
  OP_SET_TAG_KEY,
  OP_MOVE_TAG,
  OP_MERGE_TAGS,
  OP_REMOVE_TAG,
  OP_RESTORE,
  OP_SET_ARTICLE_DETAILS,
} OpKind;

typedef struct {
  gint64 id;
  gint64 parent_id;
  guint  position;
} TagPlace;

typedef struct {
  OpKind              kind;
  char               *label;           /* "Tag as Claim", translated */
  gint64              id;              /* the annotation, link or tag acted on */
  gint64              other_id;        /* second tag/annotation: merge target, key holder */
  gint64              trash_id;        /* where the item currently waits, when trashed */
  gint64              aux;             /* annotation for tag ops on annotations */
  gint64              old_a, old_b;    /* range, or parent and position */
  gint64              new_a, new_b;
  guint               old_key, new_key;
  char               *old_str;
  char               *new_str;
  char              **old_strv;       /* article details: title, byline, published */
  char              **new_strv;
  GlossaTagDeleteMode mode;
  GlossaTrashKind     trash_kind;      /* what a restore brought back */
  GArray             *had_from;        /* merge: annotations carrying the merged tag */
  GArray             *gained_into;     /* merge: annotations that got the target tag */
  GArray             *children;        /* merge: TagPlace of the merged tag's children */
  gboolean            has_place;       /* a trashed tag goes back to place_parent/position */
  gint64              place_parent;
  guint               place_position;
} Record;

struct _GlossaHistory
{
  GObject        parent_instance;

  GlossaLibrary *library;
  GPtrArray     *undo_stack;   /* Record, last is the next to undo */
  GPtrArray     *redo_stack;   /* Record, last is the next to redo */
  char          *undo_label;
  char          *redo_label;
};

G_DEFINE_FINAL_TYPE (GlossaHistory, glossa_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
record_free (Record *record)
{
  g_free (record->label);
  g_free (record->old_str);
  g_free (record->new_str);
  g_strfreev (record->old_strv);
  g_strfreev (record->new_strv);
  g_clear_pointer (&record->had_from, g_array_unref);
  g_clear_pointer (&record->gained_into, g_array_unref);
  g_clear_pointer (&record->children, g_array_unref);
  g_free (record);
}

static Record *
record_new (OpKind      kind,
            const char *label)
{
  Record *record = g_new0 (Record, 1);

  record->kind = kind;
  record->label = g_strdup (label);

  return record;
}

static void
glossa_history_update_state (GlossaHistory *self,
                             gboolean       could_undo,
                             gboolean       could_redo)
{
  Record *top;
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->undo_stack->len > 0)
    {
      top = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);
      /* Translators: %s is what will be undone, e.g. "Tag as Claim" */
      undo_label = g_strdup_printf (_("Undo %s"), top->label);
    }
  if (self->redo_stack->len > 0)
    {
      top = g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1);
      /* Translators: %s is what will be redone, e.g. "Tag as Claim" */
      redo_label = g_strdup_printf (_("Redo %s"), top->label);
    }

  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  if (could_undo != (self->undo_stack->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != (self->redo_stack->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* A new action: it goes on the undo stack and makes the redo stack
 * meaningless. */
static void
glossa_history_push (GlossaHistory *self,
                     Record        *record)
{
  gboolean could_undo = self->undo_stack->len > 0;
  gboolean could_redo = self->redo_stack->len > 0;

  g_ptr_array_set_size (self->redo_stack, 0);
  g_ptr_array_add (self->undo_stack, record);
  if (self->undo_stack->len > MAX_RECORDS)
    g_ptr_array_remove_index (self->undo_stack, 0);

  glossa_history_update_state (self, could_undo, could_redo);
}

static GArray *
id_array_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static char *
tag_name (GlossaHistory *self,
          gint64         tag_id)
{
  g_autoptr(GlossaTag) tag = glossa_library_get_tag (self->library, tag_id, NULL);

  return tag != NULL ? g_strdup (glossa_tag_get_name (tag)) : g_strdup ("?");
}

/* The tag currently holding @key, or 0. */
static gint64
key_holder (GlossaHistory *self,
            guint          key)
{
  GListModel *tags;
  guint n;

  if (key == 0)
    return 0;

  tags = glossa_library_get_tags (self->library);
  n = g_list_model_get_n_items (tags);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      if (glossa_tag_get_key (tag) == key)
        return glossa_tag_get_id (tag);
    }

  return 0;
}

static gboolean
array_contains (GArray *array,
                gint64  value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, gint64, i) == value)
      return TRUE;
  return FALSE;
}

/* Ids of every live item of @kind, to find out what a restore brought back. */
static GArray *
snapshot_ids (GlossaHistory    *self,
              GlossaTrashKind   kind,
              GError          **error)
{
  g_autoptr(GArray) ids = id_array_new ();
  g_autoptr(GPtrArray) items = NULL;
  GListModel *model = NULL;

  switch (kind)
    {
    case GLOSSA_TRASH_ARTICLE:
      model = glossa_library_get_articles (self->library);
      break;
    case GLOSSA_TRASH_TAG:
      model = glossa_library_get_tags (self->library);
      break;
    case GLOSSA_TRASH_ANNOTATION:
      items = glossa_library_list_annotations (self->library, 0, 0, error);
      break;
    case GLOSSA_TRASH_LINK:
      items = glossa_library_list_links (self->library, 0, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (model != NULL)
    {
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);
          gint64 id;

          if (kind == GLOSSA_TRASH_ARTICLE)
            id = glossa_article_get_id (GLOSSA_ARTICLE (item));
          else
            id = glossa_tag_get_id (GLOSSA_TAG (item));
          g_array_append_val (ids, id);
        }
      return g_steal_pointer (&ids);
    }

  if (items == NULL)
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      gint64 id;

      if (kind == GLOSSA_TRASH_ANNOTATION)
        id = glossa_annotation_get_id (g_ptr_array_index (items, i));
      else
        id = glossa_link_get_id (g_ptr_array_index (items, i));
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

/* Moves the item a creation or restore brought into the library back to
 * the trash, remembering the entry for redo. */
static gboolean
trash_item (GlossaHistory *self,
            Record        *record,
            GError       **error)
{
  gint64 trash_id = 0;

  switch (record->trash_kind)
    {
    case GLOSSA_TRASH_ARTICLE:
      trash_id = glossa_library_remove_article (self->library, record->id, error);
      break;
    case GLOSSA_TRASH_TAG:
      trash_id = glossa_library_remove_tag (self->library, record->id, record->mode, error);
      break;
    case GLOSSA_TRASH_ANNOTATION:
      trash_id = glossa_library_remove_annotation (self->library, record->id, error);
      break;
    case GLOSSA_TRASH_LINK:
      trash_id = glossa_library_remove_link (self->library, record->id, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (trash_id == 0)
    return FALSE;

  record->trash_id = trash_id;
  return TRUE;
}

static gboolean
restore_item (GlossaHistory *self,
              Record        *record,
              GError       **error)
{
  if (!glossa_library_restore (self->library, record->trash_id, error))
    return FALSE;

  record->trash_id = 0;

  /* A restored tag keeps its old position number while its siblings were
   * renumbered without it; moving it to where it was renumbers them all. */
  if (record->trash_kind == GLOSSA_TRASH_TAG && record->has_place &&
      !glossa_library_move_tag (self->library, record->id, record->place_parent,
                                (gint) record->place_position, error))
    return FALSE;

  return TRUE;
}

static void
remember_place (GlossaHistory *self,
                Record        *record,
                gint64         tag_id)
{
  g_autoptr(GlossaTag) tag = glossa_library_get_tag (self->library, tag_id, NULL);

  if (tag == NULL)
    return;

  record->has_place = TRUE;
  record->place_parent = glossa_tag_get_parent_id (tag);
  record->place_position = glossa_tag_get_position (tag);
}

static gboolean
set_tag_key_if_needed (GlossaHistory *self,
                       gint64         tag_id,
                       guint          key,
                       GError       **error)
{
  g_autoptr(GlossaTag) tag = glossa_library_get_tag (self->library, tag_id, error);

  if (tag == NULL)
    return FALSE;
  if (glossa_tag_get_key (tag) == key)
    return TRUE;

  return glossa_library_set_tag_key (self->library, tag_id, key, error);
}

static gboolean
undo_merge (GlossaHistory *self,
            Record        *record,
            GError       **error)
{
  gint64 from_id = record->id;
  gint64 into_id = record->other_id;

  if (!restore_item (self, record, error))
    return FALSE;

  for (guint i = 0; i < record->had_from->len; i++)
    {
      gint64 annotation_id = g_array_index (record->had_from, gint64, i);
      g_autoptr(GlossaAnnotation) annotation = NULL;

      annotation = glossa_library_get_annotation (self->library, annotation_id, error);
      if (annotation == NULL)
        return FALSE;
      if (!glossa_annotation_has_tag (annotation, from_id) &&
          !glossa_library_add_annotation_tag (self->library, annotation_id, from_id, error))
        return FALSE;
    }

  for (guint i = 0; i < record->gained_into->len; i++)
    {
      gint64 annotation_id = g_array_index (record->gained_into, gint64, i);
      g_autoptr(GlossaAnnotation) annotation = NULL;

      annotation = glossa_library_get_annotation (self->library, annotation_id, error);
      if (annotation == NULL)
        return FALSE;
      if (glossa_annotation_has_tag (annotation, into_id) &&
          !glossa_library_remove_annotation_tag (self->library, annotation_id, into_id, error))
        return FALSE;
    }

  /* In their old order, so each lands where it was. */
  for (guint i = 0; i < record->children->len; i++)
    {
      TagPlace *place = &g_array_index (record->children, TagPlace, i);

      if (!glossa_library_move_tag (self->library, place->id, from_id,
                                    place->position, error))
        return FALSE;
    }

  if (record->old_key != 0 &&
      !set_tag_key_if_needed (self, from_id, record->old_key, error))
    return FALSE;

  return TRUE;
}

static gboolean
redo_merge (GlossaHistory *self,
            Record        *record,
            GError       **error)
{
  gint64 trash_id;

  trash_id = glossa_library_merge_tags (self->library, record->id, record->other_id, error);
  if (trash_id == 0)
    return FALSE;

  record->trash_id = trash_id;
  return TRUE;
}

/* Runs the undo (or redo) of @record against the library, without a
 * transaction of its own. */
static gboolean
apply_record (GlossaHistory *self,
              Record        *record,
              gboolean       undo,
              GError       **error)
{
  GlossaLibrary *library = self->library;

  switch (record->kind)
    {
    case OP_ADD_ANNOTATION:
    case OP_ADD_LINK:
    case OP_RESTORE:
      return undo ? trash_item (self, record, error) : restore_item (self, record, error);

    case OP_ADD_TAG:
      if (undo)
        {
          if (!trash_item (self, record, error))
            return FALSE;
          /* Creating the tag took its key from another one; give it back. */
          if (record->other_id != 0 &&
              !set_tag_key_if_needed (self, record->other_id, record->new_key, error))
            return FALSE;
          return TRUE;
        }
      if (!restore_item (self, record, error))
        return FALSE;
      if (record->new_key != 0 &&
          !set_tag_key_if_needed (self, record->id, record->new_key, error))
        return FALSE;
      return TRUE;

    case OP_REMOVE_ANNOTATION:
    case OP_REMOVE_LINK:
    case OP_REMOVE_TAG:
      return undo ? restore_item (self, record, error) : trash_item (self, record, error);

    case OP_SET_ANNOTATION_NOTE:
      return glossa_library_set_annotation_note (library, record->id,
                                                 undo ? record->old_str : record->new_str,
                                                 error);

    case OP_ADD_ANNOTATION_TAG:
    case OP_REMOVE_ANNOTATION_TAG:
      if (undo == (record->kind == OP_ADD_ANNOTATION_TAG))
        return glossa_library_remove_annotation_tag (library, record->id, record->other_id, error);
      else
        return glossa_library_add_annotation_tag (library, record->id, record->other_id, error);

    case OP_SET_ANNOTATION_RANGE:
      return glossa_library_set_annotation_range (library, record->id,
                                                  undo ? record->old_a : record->new_a,
                                                  undo ? record->old_b : record->new_b,
                                                  error);

    case OP_SET_LINK_NOTE:
      return glossa_library_set_link_note (library, record->id,
                                           undo ? record->old_str : record->new_str,
                                           error);

    case OP_SET_ARTICLE_DETAILS:
      {
        char **details = undo ? record->old_strv : record->new_strv;

        return glossa_library_set_article_details (library, record->id, details[0],
                                                   details[1][0] != '\0' ? details[1] : NULL,
                                                   details[2][0] != '\0' ? details[2] : NULL,
                                                   error);
      }

    case OP_RENAME_TAG:
      return glossa_library_rename_tag (library, record->id,
                                        undo ? record->old_str : record->new_str,
                                        error);

    case OP_SET_TAG_COLOR:
      return glossa_library_set_tag_color (library, record->id,
                                           undo ? record->old_str : record->new_str,
                                           error);

    case OP_SET_TAG_DESCRIPTION:
      return glossa_library_set_tag_description (library, record->id,
                                                 undo ? record->old_str : record->new_str,
                                                 error);

    case OP_SET_TAG_KEY:
      if (!undo)
        return glossa_library_set_tag_key (library, record->id, record->new_key, error);
      /* Hand the key back to the tag that held it, then restore ours. */
      if (record->other_id != 0 &&
          !glossa_library_set_tag_key (library, record->other_id, record->new_key, error))
        return FALSE;
      return set_tag_key_if_needed (self, record->id, record->old_key, error);

    case OP_MOVE_TAG:
      return glossa_library_move_tag (library, record->id,
                                      undo ? record->old_a : record->new_a,
                                      undo ? (gint) record->old_b : (gint) record->new_b,
                                      error);

    case OP_MERGE_TAGS:
      return undo ? undo_merge (self, record, error) : redo_merge (self, record, error);

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
glossa_history_step (GlossaHistory  *self,
                     gboolean        undo,
                     GError        **error)
{
  GPtrArray *from = undo ? self->undo_stack : self->redo_stack;
  GPtrArray *to = undo ? self->redo_stack : self->undo_stack;
  gboolean could_undo = self->undo_stack->len > 0;
  gboolean could_redo = self->redo_stack->len > 0;
  Record *record;
  gboolean ok;

  if (from->len == 0)
    {
      g_set_error_literal (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_FAILED,
                           undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }

  record = g_ptr_array_steal_index (from, from->len - 1);

  if (!glossa_library_begin (self->library, error))
    {
      g_ptr_array_add (from, record);
      return FALSE;
    }

  ok = apply_record (self, record, undo, error);
  if (ok)
    ok = glossa_library_commit (self->library, error);
  else
    glossa_library_rollback (self->library);

  if (ok)
    g_ptr_array_add (to, record);
  else
    {
      /* The library no longer matches the record (changed outside this
       * history, e.g. by the command-line tool): drop it rather than block
       * every older step behind it. */
      g_debug ("Dropping history record “%s” that no longer applies", record->label);
      record_free (record);
    }

  glossa_history_update_state (self, could_undo, could_redo);

  return ok;
}

static void
glossa_history_finalize (GObject *object)
{
  GlossaHistory *self = GLOSSA_HISTORY (object);

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (glossa_history_parent_class)->finalize (object);
}

static void
glossa_history_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossaHistory *self = GLOSSA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, glossa_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, glossa_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_history_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossaHistory *self = GLOSSA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_history_class_init (GlossaHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossa_history_finalize;
  object_class->get_property = glossa_history_get_property;
  object_class->set_property = glossa_history_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         GLOSSA_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossa_history_init (GlossaHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
}

GlossaHistory *
glossa_history_new (GlossaLibrary *library)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), NULL);

  return g_object_new (GLOSSA_TYPE_HISTORY, "library", library, NULL);
}

GlossaLibrary *
glossa_history_get_library (GlossaHistory *self)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), NULL);

  return self->library;
}

gboolean
glossa_history_get_can_undo (GlossaHistory *self)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
glossa_history_get_can_redo (GlossaHistory *self)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  return self->redo_stack->len > 0;
}

const char *
glossa_history_get_undo_label (GlossaHistory *self)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), NULL);

  return self->undo_label;
}

const char *
glossa_history_get_redo_label (GlossaHistory *self)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), NULL);

  return self->redo_label;
}

gboolean
glossa_history_undo (GlossaHistory  *self,
                     GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  return glossa_history_step (self, TRUE, error);
}

gboolean
glossa_history_redo (GlossaHistory  *self,
                     GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  return glossa_history_step (self, FALSE, error);
}

void
glossa_history_clear (GlossaHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (GLOSSA_IS_HISTORY (self));

  could_undo = self->undo_stack->len > 0;
  could_redo = self->redo_stack->len > 0;
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  glossa_history_update_state (self, could_undo, could_redo);
}

/* Annotations. */

gint64
glossa_history_add_annotation (GlossaHistory  *self,
                               gint64          article_id,
                               gint64          start,
                               gint64          end,
                               const gint64   *tag_ids,
                               guint           n_tags,
                               const char     *note,
                               const char     *author,
                               GError        **error)
{
  g_autofree char *label = NULL;
  Record *record;
  gint64 id;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), 0);

  id = glossa_library_add_annotation (self->library, article_id, start, end,
                                      tag_ids, n_tags, note, author, NULL, error);
  if (id == 0)
    return 0;

  if (n_tags == 1)
    {
      g_autofree char *name = tag_name (self, tag_ids[0]);

      /* Translators: an undoable action; %s is a tag name */
      label = g_strdup_printf (_("Tag as %s"), name);
    }
  else
    label = g_strdup (_("Add Annotation"));

  record = record_new (OP_ADD_ANNOTATION, label);
  record->id = id;
  record->trash_kind = GLOSSA_TRASH_ANNOTATION;
  glossa_history_push (self, record);

  return id;
}

gboolean
glossa_history_set_annotation_note (GlossaHistory  *self,
                                    gint64          id,
                                    const char     *note,
                                    GError        **error)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;
  Record *record;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  annotation = glossa_library_get_annotation (self->library, id, error);
  if (annotation == NULL)
    return FALSE;

  if (g_strcmp0 (glossa_annotation_get_note (annotation), note != NULL ? note : "") == 0)
    return TRUE;

  if (!glossa_library_set_annotation_note (self->library, id, note, error))
    return FALSE;

  record = record_new (OP_SET_ANNOTATION_NOTE, _("Edit Note"));
  record->id = id;
  record->old_str = g_strdup (glossa_annotation_get_note (annotation));
  record->new_str = g_strdup (note != NULL ? note : "");
  glossa_history_push (self, record);

  return TRUE;
}

static gboolean
glossa_history_change_annotation_tag (GlossaHistory  *self,
                                      gint64          id,
                                      gint64          tag_id,
                                      gboolean        add,
                                      GError        **error)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  Record *record;
  gboolean ok;

  annotation = glossa_library_get_annotation (self->library, id, error);
  if (annotation == NULL)
    return FALSE;

  /* Nothing would change, so there is nothing to undo; the library still
   * gets to refuse a tag that does not exist. */
  if (glossa_annotation_has_tag (annotation, tag_id) == add)
    {
      g_autoptr(GlossaTag) tag = glossa_library_get_tag (self->library, tag_id, error);

      return tag != NULL;
    }

  if (add)
    ok = glossa_library_add_annotation_tag (self->library, id, tag_id, error);
  else
    ok = glossa_library_remove_annotation_tag (self->library, id, tag_id, error);
  if (!ok)
    return FALSE;

  name = tag_name (self, tag_id);
  if (add)
    /* Translators: an undoable action; %s is a tag name */
    label = g_strdup_printf (_("Tag as %s"), name);
  else
    /* Translators: an undoable action; %s is a tag name */
    label = g_strdup_printf (_("Remove Tag %s"), name);

  record = record_new (add ? OP_ADD_ANNOTATION_TAG : OP_REMOVE_ANNOTATION_TAG, label);
  record->id = id;
  record->other_id = tag_id;
  glossa_history_push (self, record);

  return TRUE;
}

gboolean
glossa_history_add_annotation_tag (GlossaHistory  *self,
                                   gint64          id,
                                   gint64          tag_id,
                                   GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  return glossa_history_change_annotation_tag (self, id, tag_id, TRUE, error);
}

gboolean
glossa_history_remove_annotation_tag (GlossaHistory  *self,
                                      gint64          id,
                                      gint64          tag_id,
                                      GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  return glossa_history_change_annotation_tag (self, id, tag_id, FALSE, error);
}

gboolean
glossa_history_set_annotation_range (GlossaHistory  *self,
                                     gint64          id,
                                     gint64          start,
                                     gint64          end,
                                     GError        **error)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;
  Record *record;
  gboolean orphaned;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  annotation = glossa_library_get_annotation (self->library, id, error);
  if (annotation == NULL)
    return FALSE;

  orphaned = glossa_annotation_get_orphaned (annotation);
  if (!orphaned &&
      glossa_annotation_get_start (annotation) == start &&
      glossa_annotation_get_end (annotation) == end)
    return TRUE;

  if (!glossa_library_set_annotation_range (self->library, id, start, end, error))
    return FALSE;

  record = record_new (OP_SET_ANNOTATION_RANGE,
                       orphaned ? _("Re-attach Annotation") : _("Move Annotation"));
  record->id = id;
  record->old_a = glossa_annotation_get_start (annotation);
  record->old_b = glossa_annotation_get_end (annotation);
  record->new_a = start;
  record->new_b = end;
  glossa_history_push (self, record);

  return TRUE;
}

gboolean
glossa_history_remove_annotation (GlossaHistory  *self,
                                  gint64          id,
                                  GError        **error)
{
  Record *record;
  gint64 trash_id;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  trash_id = glossa_library_remove_annotation (self->library, id, error);
  if (trash_id == 0)
    return FALSE;

  record = record_new (OP_REMOVE_ANNOTATION, _("Delete Annotation"));
  record->id = id;
  record->trash_id = trash_id;
  record->trash_kind = GLOSSA_TRASH_ANNOTATION;
  glossa_history_push (self, record);

  return TRUE;
}

/* Links. */

gint64
glossa_history_add_link (GlossaHistory        *self,
                         gint64                from_id,
                         gint64                to_id,
                         const char           *type,
                         GlossaLinkDirection   direction,
                         const char           *note,
                         GError              **error)
{
  Record *record;
  gint64 id;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), 0);

  id = glossa_library_add_link (self->library, from_id, to_id, type, direction, note, NULL, error);
  if (id == 0)
    return 0;

  record = record_new (OP_ADD_LINK, _("Link Annotations"));
  record->id = id;
  record->trash_kind = GLOSSA_TRASH_LINK;
  glossa_history_push (self, record);

  return id;
}

gboolean
glossa_history_set_link_note (GlossaHistory  *self,
                              gint64          id,
                              const char     *note,
                              GError        **error)
{
  g_autoptr(GlossaLink) link = NULL;
  const char *old_note;
  Record *record;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  link = glossa_library_get_link (self->library, id, error);
  if (link == NULL)
    return FALSE;

  old_note = glossa_link_get_note (link);
  if (g_strcmp0 (old_note != NULL ? old_note : "", note != NULL ? note : "") == 0)
    return TRUE;

  if (!glossa_library_set_link_note (self->library, id, note, error))
    return FALSE;

  record = record_new (OP_SET_LINK_NOTE, _("Edit Link Note"));
  record->id = id;
  record->old_str = g_strdup (old_note);
  record->new_str = g_strdup (note);
  glossa_history_push (self, record);

  return TRUE;
}

gboolean
glossa_history_set_article_details (GlossaHistory  *self,
                                    gint64          id,
                                    const char     *title,
                                    const char     *byline,
                                    const char     *published,
                                    GError        **error)
{
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GlossaArticle) changed = NULL;
  Record *record;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  article = glossa_library_get_article (self->library, id, error);
  if (article == NULL)
    return FALSE;

  if (!glossa_library_set_article_details (self->library, id, title, byline, published, error))
    return FALSE;

  /* What the library made of it (trimmed), to tell a no-op. */
  changed = glossa_library_get_article (self->library, id, NULL);
  if (changed != NULL &&
      g_strcmp0 (glossa_article_get_title (changed), glossa_article_get_title (article)) == 0 &&
      g_strcmp0 (glossa_article_get_byline (changed), glossa_article_get_byline (article)) == 0 &&
      g_strcmp0 (glossa_article_get_published (changed), glossa_article_get_published (article)) == 0)
    return TRUE;

  record = record_new (OP_SET_ARTICLE_DETAILS, _("Edit Article Details"));
  record->id = id;
#define OR_EMPTY(s) ((s) != NULL ? (s) : "")
  record->old_strv = g_new0 (char *, 4);
  record->old_strv[0] = g_strdup (glossa_article_get_title (article));
  record->old_strv[1] = g_strdup (OR_EMPTY (glossa_article_get_byline (article)));
  record->old_strv[2] = g_strdup (OR_EMPTY (glossa_article_get_published (article)));
  record->new_strv = g_new0 (char *, 4);
  record->new_strv[0] = g_strdup (changed != NULL ? glossa_article_get_title (changed) : title);
  record->new_strv[1] = g_strdup (changed != NULL ? OR_EMPTY (glossa_article_get_byline (changed)) : OR_EMPTY (byline));
  record->new_strv[2] = g_strdup (changed != NULL ? OR_EMPTY (glossa_article_get_published (changed)) : OR_EMPTY (published));
#undef OR_EMPTY
  glossa_history_push (self, record);

  return TRUE;
}

gboolean
glossa_history_remove_link (GlossaHistory  *self,
                            gint64          id,
                            GError        **error)
{
  Record *record;
  gint64 trash_id;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  trash_id = glossa_library_remove_link (self->library, id, error);
  if (trash_id == 0)
    return FALSE;

  record = record_new (OP_REMOVE_LINK, _("Delete Link"));
  record->id = id;
  record->trash_id = trash_id;
  record->trash_kind = GLOSSA_TRASH_LINK;
  glossa_history_push (self, record);

  return TRUE;
}

/* Tags. */

gint64
glossa_history_add_tag (GlossaHistory  *self,
                        const char     *name,
                        gint64          parent_id,
                        const char     *color,
                        const char     *description,
                        guint           key,
                        GError        **error)
{
  g_autofree char *label = NULL;
  Record *record;
  gint64 holder;
  gint64 id;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), 0);

  holder = key_holder (self, key);

  id = glossa_library_add_tag (self->library, name, parent_id, color, description, key, NULL, error);
  if (id == 0)
    return 0;

  /* Translators: an undoable action; %s is a tag name */
  label = g_strdup_printf (_("Create Tag %s"), name);
  record = record_new (OP_ADD_TAG, label);
  record->id = id;
  remember_place (self, record, id);
  record->trash_kind = GLOSSA_TRASH_TAG;
  record->mode = GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS;
  record->new_key = key;
  record->other_id = holder;
  glossa_history_push (self, record);

  return id;
}

typedef enum {
  TAG_FIELD_NAME,
  TAG_FIELD_COLOR,
  TAG_FIELD_DESCRIPTION,
} TagField;

static gboolean
glossa_history_set_tag_field (GlossaHistory  *self,
                              gint64          id,
                              TagField        field,
                              const char     *value,
                              GError        **error)
{
  g_autoptr(GlossaTag) tag = NULL;
  const char *old_value = NULL;
  const char *label = NULL;
  OpKind kind = OP_RENAME_TAG;
  gboolean ok = FALSE;
  Record *record;

  tag = glossa_library_get_tag (self->library, id, error);
  if (tag == NULL)
    return FALSE;

  switch (field)
    {
    case TAG_FIELD_NAME:
      old_value = glossa_tag_get_name (tag);
      kind = OP_RENAME_TAG;
      label = _("Rename Tag");
      break;
    case TAG_FIELD_COLOR:
      old_value = glossa_tag_get_color (tag);
      kind = OP_SET_TAG_COLOR;
      label = _("Change Tag Colour");
      break;
    case TAG_FIELD_DESCRIPTION:
      old_value = glossa_tag_get_description (tag);
      kind = OP_SET_TAG_DESCRIPTION;
      label = _("Edit Tag Description");
      break;
    default:
      g_assert_not_reached ();
    }

  if (g_strcmp0 (old_value != NULL ? old_value : "", value != NULL ? value : "") == 0)
    return TRUE;

  switch (field)
    {
    case TAG_FIELD_NAME:
      ok = glossa_library_rename_tag (self->library, id, value, error);
      break;
    case TAG_FIELD_COLOR:
      ok = glossa_library_set_tag_color (self->library, id, value, error);
      break;
    case TAG_FIELD_DESCRIPTION:
      ok = glossa_library_set_tag_description (self->library, id, value, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return FALSE;

  record = record_new (kind, label);
  record->id = id;
  record->old_str = g_strdup (old_value);
  record->new_str = g_strdup (value);
  glossa_history_push (self, record);

  return TRUE;
}

gboolean
glossa_history_rename_tag (GlossaHistory  *self,
                           gint64          id,
                           const char     *name,
                           GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  return glossa_history_set_tag_field (self, id, TAG_FIELD_NAME, name, error);
}

gboolean
glossa_history_set_tag_color (GlossaHistory  *self,
                              gint64          id,
                              const char     *color,
                              GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  return glossa_history_set_tag_field (self, id, TAG_FIELD_COLOR, color, error);
}

gboolean
glossa_history_set_tag_description (GlossaHistory  *self,
                                    gint64          id,
                                    const char     *description,
                                    GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  return glossa_history_set_tag_field (self, id, TAG_FIELD_DESCRIPTION, description, error);
}

gboolean
glossa_history_set_tag_key (GlossaHistory  *self,
                            gint64          id,
                            guint           key,
                            GError        **error)
{
  g_autoptr(GlossaTag) tag = NULL;
  Record *record;
  gint64 holder;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  tag = glossa_library_get_tag (self->library, id, error);
  if (tag == NULL)
    return FALSE;
  if (glossa_tag_get_key (tag) == key)
    return TRUE;

  holder = key_holder (self, key);

  if (!glossa_library_set_tag_key (self->library, id, key, error))
    return FALSE;

  record = record_new (OP_SET_TAG_KEY, _("Change Tag Key"));
  record->id = id;
  record->old_key = glossa_tag_get_key (tag);
  record->new_key = key;
  record->other_id = holder != id ? holder : 0;
  glossa_history_push (self, record);

  return TRUE;
}

gboolean
glossa_history_move_tag (GlossaHistory  *self,
                         gint64          id,
                         gint64          parent_id,
                         gint            position,
                         GError        **error)
{
  g_autoptr(GlossaTag) tag = NULL;
  Record *record;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  tag = glossa_library_get_tag (self->library, id, error);
  if (tag == NULL)
    return FALSE;

  if (!glossa_library_move_tag (self->library, id, parent_id, position, error))
    return FALSE;

  record = record_new (OP_MOVE_TAG, _("Move Tag"));
  record->id = id;
  record->old_a = glossa_tag_get_parent_id (tag);
  record->old_b = glossa_tag_get_position (tag);
  record->new_a = parent_id;
  record->new_b = position;
  glossa_history_push (self, record);

  return TRUE;
}

static gint
tag_place_compare (gconstpointer a,
                   gconstpointer b)
{
  const TagPlace *pa = a;
  const TagPlace *pb = b;

  return (pa->position > pb->position) - (pa->position < pb->position);
}

gboolean
glossa_history_merge_tags (GlossaHistory  *self,
                           gint64          from_id,
                           gint64          into_id,
                           GError        **error)
{
  g_autoptr(GPtrArray) had_from = NULL;
  g_autoptr(GlossaTag) from = NULL;
  g_autoptr(GlossaTag) into = NULL;
  GListModel *tags;
  Record *record;
  gint64 trash_id;
  guint n;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  from = glossa_library_get_tag (self->library, from_id, error);
  if (from == NULL)
    return FALSE;
  into = glossa_library_get_tag (self->library, into_id, error);
  if (into == NULL)
    return FALSE;

  had_from = glossa_library_list_annotations (self->library, 0, from_id, error);
  if (had_from == NULL)
    return FALSE;

  record = record_new (OP_MERGE_TAGS, NULL);
  record->id = from_id;
  remember_place (self, record, from_id);
  record->other_id = into_id;
  record->old_key = glossa_tag_get_key (from);
  record->trash_kind = GLOSSA_TRASH_TAG;
  record->had_from = id_array_new ();
  record->gained_into = id_array_new ();
  record->children = g_array_new (FALSE, FALSE, sizeof (TagPlace));

  for (guint i = 0; i < had_from->len; i++)
    {
      GlossaAnnotation *annotation = g_ptr_array_index (had_from, i);
      gint64 annotation_id = glossa_annotation_get_id (annotation);

      g_array_append_val (record->had_from, annotation_id);
      if (!glossa_annotation_has_tag (annotation, into_id))
        g_array_append_val (record->gained_into, annotation_id);
    }

  tags = glossa_library_get_tags (self->library);
  n = g_list_model_get_n_items (tags);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      if (glossa_tag_get_parent_id (tag) == from_id)
        {
          TagPlace place = {
            glossa_tag_get_id (tag), from_id, glossa_tag_get_position (tag)
          };

          g_array_append_val (record->children, place);
        }
    }
  g_array_sort (record->children, tag_place_compare);

  trash_id = glossa_library_merge_tags (self->library, from_id, into_id, error);
  if (trash_id == 0)
    {
      record_free (record);
      return FALSE;
    }

  record->trash_id = trash_id;
  /* Translators: an undoable action; the %s are tag names */
  record->label = g_strdup_printf (_("Merge %s into %s"),
                                   glossa_tag_get_name (from), glossa_tag_get_name (into));
  glossa_history_push (self, record);

  return TRUE;
}

gboolean
glossa_history_remove_tag (GlossaHistory        *self,
                           gint64                id,
                           GlossaTagDeleteMode   mode,
                           GError              **error)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  Record *record, *place;
  gint64 trash_id;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  name = tag_name (self, id);
  place = record_new (OP_REMOVE_TAG, NULL);
  remember_place (self, place, id);
  trash_id = glossa_library_remove_tag (self->library, id, mode, error);
  if (trash_id == 0)
    {
      record_free (place);
      return FALSE;
    }

  /* Translators: an undoable action; %s is a tag name */
  label = g_strdup_printf (_("Delete Tag %s"), name);
  record = place;
  record->label = g_strdup (label);
  record->id = id;
  record->trash_id = trash_id;
  record->trash_kind = GLOSSA_TRASH_TAG;
  record->mode = mode;
  glossa_history_push (self, record);

  return TRUE;
}

/* Trash. */

gboolean
glossa_history_restore (GlossaHistory  *self,
                        gint64          trash_id,
                        GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) annotations_before = NULL;
  g_autoptr(GArray) annotations_after = NULL;
  g_autofree char *label = NULL;
  GlossaTrashEntry *entry = NULL;
  GlossaTrashKind kind;
  Record *record;
  gint64 restored = 0;

  g_return_val_if_fail (GLOSSA_IS_HISTORY (self), FALSE);

  entries = glossa_library_list_trash (self->library, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      GlossaTrashEntry *e = g_ptr_array_index (entries, i);

      if (e->id == trash_id)
        entry = e;
    }
  if (entry == NULL)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
                   _("There is no trash entry %" PRId64 "."), trash_id);
      return FALSE;
    }

  kind = entry->kind;
  /* Restoring brings back the item with its old id, so the ids present after
   * but not before name what came back, and undoing trashes it again. */
  before = snapshot_ids (self, kind, error);
  if (before == NULL)
    return FALSE;
  if (kind == GLOSSA_TRASH_TAG)
    {
      annotations_before = snapshot_ids (self, GLOSSA_TRASH_ANNOTATION, error);
      if (annotations_before == NULL)
        return FALSE;
    }

  /* Its own transaction: the models that name what came back are only
   * refreshed when it ends. */
  if (!glossa_library_restore (self->library, trash_id, error))
    return FALSE;

  after = snapshot_ids (self, kind, NULL);
  if (after != NULL)
    {
      for (guint i = 0; i < after->len && restored == 0; i++)
        {
          gint64 id = g_array_index (after, gint64, i);

          if (array_contains (before, id))
            continue;

          /* A tag comes back with its subtree: keep the root. */
          if (kind == GLOSSA_TRASH_TAG)
            {
              g_autoptr(GlossaTag) tag = glossa_library_get_tag (self->library, id, NULL);

              if (tag != NULL && glossa_tag_get_parent_id (tag) != 0 &&
                  array_contains (after, glossa_tag_get_parent_id (tag)) &&
                  !array_contains (before, glossa_tag_get_parent_id (tag)))
                continue;
            }
          restored = id;
        }
    }

  /* A restored tag keeps its old position number; putting it there
   * renumbers its siblings around it. */
  if (kind == GLOSSA_TRASH_TAG && restored != 0)
    {
      g_autoptr(GlossaTag) tag = glossa_library_get_tag (self->library, restored, NULL);
      g_autoptr(GError) local_error = NULL;

      if (tag != NULL &&
          !glossa_library_move_tag (self->library, restored, glossa_tag_get_parent_id (tag),
                                    (gint) glossa_tag_get_position (tag), &local_error))
        g_warning ("Failed to renumber the tags around a restored one: %s", local_error->message);
    }

  /* Label it with the entry's own words. */
  /* Translators: an undoable action; %s is a title, tag name or quote */
  label = g_strdup_printf (_("Restore “%s”"), entry->label != NULL ? entry->label : "");

  if (restored == 0)
    {
      /* Nothing new appeared: the restore cannot be taken back by id, so it
       * is not offered for undo either. */
      g_debug ("Restoring trash entry %" PRId64 " brought back nothing new", trash_id);
      return TRUE;
    }

  record = record_new (OP_RESTORE, label);
  record->id = restored;
  record->trash_kind = kind;
  if (kind == GLOSSA_TRASH_TAG)
    remember_place (self, record, restored);
  record->mode = GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS;
  if (kind == GLOSSA_TRASH_TAG)
    {
      annotations_after = snapshot_ids (self, GLOSSA_TRASH_ANNOTATION, NULL);
      for (guint i = 0; annotations_after != NULL && i < annotations_after->len; i++)
        if (!array_contains (annotations_before, g_array_index (annotations_after, gint64, i)))
          {
            record->mode = GLOSSA_TAG_DELETE_TRASH_ANNOTATIONS;
            break;
          }
    }
  glossa_history_push (self, record);

  return TRUE;
}
