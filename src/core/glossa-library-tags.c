/* glossa-library-tags.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The codebook: a tree of tags, each with a colour, a description and an
 * optional number key, and the list of link types.
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n-lib.h>

#include "glossa-library-private.h"

typedef struct {
  const char *name;
  const char *color;
  const char *description;
} DefaultTag;

/* GNOME palette: yellow 4, green 4, red 3, purple 3, orange 3.  No blue:
 * a blue highlight looks like the text selection. */
static const DefaultTag default_tags[] = {
  { N_("Claim"), "#f5c211", N_("An assertion the text presents as true.") },
  { N_("Evidence"), "#2ec27e", N_("Facts, data or sources offered in support of a claim.") },
  { N_("Counterclaim"), "#e01b24", N_("A claim that opposes or qualifies another.") },
  { N_("Prediction"), "#9141ac", N_("A statement about what will happen.") },
  { N_("Rhetoric"), "#ff7800", N_("Persuasion by framing, emotion or style rather than argument.") },
};

static const char *default_link_types[] = {
  "supports", "contradicts", "elaborates", "cites",
};

/* For tags added without a colour; no selection blue among them. */
static const char *palette[] = {
  "#f5c211", "#2ec27e", "#e01b24", "#9141ac", "#ff7800",
  "#986a44", "#c061cb", "#26a269", "#e66100", "#a51d2d",
};

#define TAG_FROM_WHERE \
  " FROM tags t WHERE t.trash_id IS NULL"

static void
set_not_found (GlossaLibrary  *self,
               gint64          id,
               GError        **error)
{
  g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
               _("The library “%s” has no tag %" PRId64 "."), self->path, id);
}

static gboolean
tag_exists (GlossaLibrary  *self,
            gint64          id,
            GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  stmt = _glossa_library_row_by_id (self, "SELECT 1 FROM tags WHERE id = ? AND trash_id IS NULL", id,
                                    error, _("The library “%s” has no tag %" PRId64 "."), self->path, id);
  return stmt != NULL;
}

gboolean
_glossa_library_add_default_codebook (GlossaLibrary  *self,
                                      GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_tags); i++)
    if (glossa_library_add_tag (self, _(default_tags[i].name), 0, default_tags[i].color,
                                _(default_tags[i].description), i + 1, NULL, error) == 0)
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_link_types); i++)
    if (!glossa_library_add_link_type (self, default_link_types[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
same_tag (GlossaTag *a,
          GlossaTag *b)
{
  return glossa_tag_get_id (a) == glossa_tag_get_id (b) &&
         glossa_tag_get_modified (a) == glossa_tag_get_modified (b) &&
         glossa_tag_get_count (a) == glossa_tag_get_count (b) &&
         glossa_tag_get_depth (a) == glossa_tag_get_depth (b) &&
         glossa_tag_get_position (a) == glossa_tag_get_position (b) &&
         glossa_tag_get_key (a) == glossa_tag_get_key (b) &&
         glossa_tag_get_parent_id (a) == glossa_tag_get_parent_id (b) &&
         g_strcmp0 (glossa_tag_get_name (a), glossa_tag_get_name (b)) == 0 &&
         g_strcmp0 (glossa_tag_get_color (a), glossa_tag_get_color (b)) == 0 &&
         g_strcmp0 (glossa_tag_get_description (a), glossa_tag_get_description (b)) == 0;
}

static void
add_subtree (GPtrArray  *ordered,
             GHashTable *children,
             GHashTable *visited,
             gint64      parent_id)
{
  GPtrArray *kids = g_hash_table_lookup (children, &parent_id);

  if (kids == NULL)
    return;

  for (guint i = 0; i < kids->len; i++)
    {
      GlossaTag *tag = g_ptr_array_index (kids, i);
      gint64 id = glossa_tag_get_id (tag);

      if (g_hash_table_contains (visited, &id))
        continue;
      g_hash_table_add (visited, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (ordered, tag);
      add_subtree (ordered, children, visited, id);
    }
}

gboolean
_glossa_library_reload_tags (GlossaLibrary  *self,
                             GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GHashTable) visited = NULL;
  g_autoptr(GHashTable) depth_of = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GListModel *model = G_LIST_MODEL (self->tags);
  gboolean same_ids;
  guint n_old;
  int rc;

  stmt = _glossa_library_stmt (self,
                               "SELECT " GLOSSA_TAG_COLUMNS TAG_FROM_WHERE
                               " ORDER BY t.position, t.id",
                               error);
  if (stmt == NULL)
    return FALSE;

  all = g_ptr_array_new_with_free_func (g_object_unref);
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (all, _glossa_tag_new_from_stmt (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < all->len; i++)
    {
      GlossaTag *tag = g_ptr_array_index (all, i);
      gint64 parent = glossa_tag_get_parent_id (tag);
      GPtrArray *kids = g_hash_table_lookup (children, &parent);

      if (kids == NULL)
        {
          kids = g_ptr_array_new ();
          g_hash_table_insert (children, g_memdup2 (&parent, sizeof parent), kids);
        }
      g_ptr_array_add (kids, tag);
    }

  ordered = g_ptr_array_new ();
  visited = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  add_subtree (ordered, children, visited, 0);
  /* Tags under a missing parent (a damaged file) still show, at the top. */
  for (guint i = 0; i < all->len; i++)
    {
      GlossaTag *tag = g_ptr_array_index (all, i);
      gint64 id = glossa_tag_get_id (tag);

      if (!g_hash_table_contains (visited, &id))
        {
          g_hash_table_add (visited, g_memdup2 (&id, sizeof id));
          g_ptr_array_add (ordered, tag);
          add_subtree (ordered, children, visited, id);
        }
    }

  /* Depths are known once the tree is built; the snapshots are
   * immutable, so the rows are read again with theirs (the codebook is
   * small). */
  depth_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ordered->len; i++)
    {
      GlossaTag *tag = g_ptr_array_index (ordered, i);
      gint64 id = glossa_tag_get_id (tag);
      gint64 parent = glossa_tag_get_parent_id (tag);
      guint *parent_depth = g_hash_table_lookup (depth_of, &parent);
      guint *stored = g_new (guint, 1);

      *stored = parent_depth != NULL ? *parent_depth + 1 : 0;
      g_hash_table_insert (depth_of, g_memdup2 (&id, sizeof id), stored);
    }

  sqlite3_reset (stmt);
  {
    g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        guint *depth = g_hash_table_lookup (depth_of, &id);

        g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id),
                             _glossa_tag_new_from_stmt (stmt, depth != NULL ? *depth : 0));
      }
    if (rc != SQLITE_DONE)
      {
        _glossa_library_set_error (self, rc, error);
        return FALSE;
      }

    for (guint i = 0; i < ordered->len; i++)
      {
        gint64 id = glossa_tag_get_id (g_ptr_array_index (ordered, i));
        GlossaTag *tag = g_hash_table_lookup (by_id, &id);

        if (tag != NULL)
          g_ptr_array_add (items, g_object_ref (tag));
      }
  }

  /* Replace only what changed, so that a count update does not rebuild
   * every row of a codebook view. */
  n_old = g_list_model_get_n_items (model);
  same_ids = n_old == items->len;
  for (guint i = 0; same_ids && i < n_old; i++)
    {
      g_autoptr(GlossaTag) old = g_list_model_get_item (model, i);

      same_ids = glossa_tag_get_id (old) == glossa_tag_get_id (g_ptr_array_index (items, i));
    }

  if (!same_ids)
    {
      g_list_store_splice (self->tags, 0, n_old, items->pdata, items->len);
      return TRUE;
    }

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(GlossaTag) old = g_list_model_get_item (model, i);

      if (!same_tag (old, g_ptr_array_index (items, i)))
        g_list_store_splice (self->tags, i, 1, &items->pdata[i], 1);
    }

  return TRUE;
}

GListModel *
glossa_library_get_tags (GlossaLibrary *self)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->tags);
}

GlossaTag *
glossa_library_get_tag (GlossaLibrary  *self,
                        gint64          id,
                        GError        **error)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  /* Inside a change the model may be behind the file: ask the file. */
  if (self->depth == 0)
    {
      model = G_LIST_MODEL (self->tags);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GlossaTag) tag = g_list_model_get_item (model, i);

          if (glossa_tag_get_id (tag) == id)
            return g_steal_pointer (&tag);
        }
      set_not_found (self, id, error);
      return NULL;
    }
  else
    {
      g_autoptr(GlossaCachedStmt) stmt = NULL;

      stmt = _glossa_library_row_by_id (self, "SELECT " GLOSSA_TAG_COLUMNS TAG_FROM_WHERE " AND t.id = ?", id,
                                        error, _("The library “%s” has no tag %" PRId64 "."), self->path, id);
      return stmt != NULL ? _glossa_tag_new_from_stmt (stmt, 0) : NULL;
    }
}

static char *
fold_name (const char *name)
{
  g_autofree char *normalized = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : name, -1);
}

/* Live tags named @name (case-insensitively) under @parent_id (0 for the
 * top level, -1 for anywhere); up to two ids into @ids. */
static guint
find_tags_named (GlossaLibrary  *self,
                 const char     *name,
                 gint64          parent_id,
                 gint64          except_id,
                 gint64         *ids,
                 GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *folded = fold_name (name);
  guint n = 0;
  int rc;

  stmt = _glossa_library_stmt (self,
                               "SELECT id, name FROM tags WHERE trash_id IS NULL"
                               " AND (?1 < 0 OR ifnull (parent_id, 0) = ?1) AND id <> ?2",
                               error);
  if (stmt == NULL)
    return G_MAXUINT;

  sqlite3_bind_int64 (stmt, 1, parent_id);
  sqlite3_bind_int64 (stmt, 2, except_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *other = fold_name (_glossa_column_str (stmt, 1));

      if (strcmp (folded, other) == 0)
        {
          if (n < 2)
            ids[n] = sqlite3_column_int64 (stmt, 0);
          n++;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return G_MAXUINT;
    }

  return MIN (n, 2);
}

static gboolean
check_name (GlossaLibrary  *self,
            const char     *name,
            gint64          parent_id,
            gint64          except_id,
            GError        **error)
{
  gint64 ids[2];
  guint n;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("A tag needs a name."));
      return FALSE;
    }

  n = find_tags_named (self, name, parent_id, except_id, ids, error);
  if (n == G_MAXUINT)
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("There is already a tag named “%s” at that place in the codebook."), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_color (const char  *color,
             GError     **error)
{
  gboolean ok = color != NULL && strlen (color) == 7 && color[0] == '#';

  for (guint i = 1; ok && i < 7; i++)
    ok = g_ascii_isxdigit (color[i]);

  if (!ok)
    g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                 _("“%s” is not a colour; use the form #rrggbb."), color != NULL ? color : "");

  return ok;
}

static gboolean
check_key (guint    key,
           GError **error)
{
  if (key > 9)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("A tag’s key must be 1 to 9, or 0 for none; %u is not allowed."), key);
      return FALSE;
    }

  return TRUE;
}

static gint64
next_position (GlossaLibrary  *self,
               gint64          parent_id,
               GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  int rc;

  stmt = _glossa_library_stmt (self,
                               "SELECT ifnull (max (position) + 1, 0) FROM tags"
                               " WHERE ifnull (parent_id, 0) = ? AND trash_id IS NULL",
                               error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, parent_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _glossa_library_set_error (self, rc, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* Frees the key for @id: the tag that held it loses it. */
static gboolean
take_key (GlossaLibrary  *self,
          gint64          id,
          guint           key,
          GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  if (key == 0)
    return TRUE;

  stmt = _glossa_library_stmt (self,
                               "UPDATE tags SET key = NULL, modified = ?3"
                               " WHERE key = ?1 AND id <> ?2 AND trash_id IS NULL",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());

  return _glossa_stmt_done (self, stmt, error);
}

static gint64
add_tag (GlossaLibrary  *self,
         const char     *name,
         gint64          parent_id,
         const char     *color,
         const char     *description,
         guint           key,
         const char     *uuid,
         GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *lower = NULL;
  gint64 position;
  gint64 now = g_get_real_time ();
  gint64 id;

  if (parent_id != 0 && !tag_exists (self, parent_id, error))
    return 0;
  if (!check_name (self, trimmed, parent_id, 0, error) || !check_key (key, error))
    return 0;

  if (color == NULL)
    {
      /* The first palette colour no live tag has, else one in turn. */
      GListModel *model = G_LIST_MODEL (self->tags);
      guint n = g_list_model_get_n_items (model);

      color = palette[n % G_N_ELEMENTS (palette)];
      for (guint p = 0; p < G_N_ELEMENTS (palette); p++)
        {
          gboolean used = FALSE;

          for (guint i = 0; i < n && !used; i++)
            {
              g_autoptr(GlossaTag) tag = g_list_model_get_item (model, i);

              used = g_ascii_strcasecmp (glossa_tag_get_color (tag), palette[p]) == 0;
            }
          if (!used)
            {
              color = palette[p];
              break;
            }
        }
    }
  if (!check_color (color, error))
    return 0;
  lower = g_ascii_strdown (color, -1);

  if (uuid == NULL)
    uuid = generated = g_uuid_string_random ();
  else if (!g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("“%s” is not a valid uuid for a tag."), uuid);
      return 0;
    }

  position = next_position (self, parent_id, error);
  if (position < 0)
    return 0;

  if (!take_key (self, 0, key, error))
    return 0;

  stmt = _glossa_library_stmt (self,
                               "INSERT INTO tags (uuid, name, color, description, parent_id, position,"
                               " key, created, modified) VALUES (?, ?, ?, ?, nullif (?, 0), ?, nullif (?, 0), ?, ?)",
                               error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, lower, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, description != NULL ? description : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, parent_id);
  sqlite3_bind_int64 (stmt, 6, position);
  sqlite3_bind_int (stmt, 7, key);
  sqlite3_bind_int64 (stmt, 8, now);
  sqlite3_bind_int64 (stmt, 9, now);

  if (!_glossa_stmt_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);
  _glossa_library_touch_tags (self);

  return id;
}

gint64
glossa_library_add_tag (GlossaLibrary  *self,
                        const char     *name,
                        gint64          parent_id,
                        const char     *color,
                        const char     *description,
                        guint           key,
                        const char     *uuid,
                        GError        **error)
{
  gint64 id;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_glossa_library_change_begin (self, error))
    return 0;

  id = add_tag (self, name, parent_id, color, description, key, uuid, error);

  if (!_glossa_library_change_end (self, id > 0, id > 0 ? error : NULL))
    return 0;

  return id;
}

static gint64
tag_parent (GlossaLibrary  *self,
            gint64          id,
            GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  stmt = _glossa_library_row_by_id (self,
                                    "SELECT ifnull (parent_id, 0) FROM tags WHERE id = ? AND trash_id IS NULL",
                                    id, error, _("The library “%s” has no tag %" PRId64 "."), self->path, id);
  return stmt != NULL ? sqlite3_column_int64 (stmt, 0) : -1;
}

/* Runs an UPDATE of one tag's column; @sql binds ?1 id, ?2 value, ?3 now. */
static gboolean
update_tag_text (GlossaLibrary  *self,
                 const char     *sql,
                 gint64          id,
                 const char     *value,
                 GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = _glossa_library_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (!_glossa_stmt_done (self, stmt, error))
    return FALSE;

  _glossa_library_touch_tags (self);

  return TRUE;
}

gboolean
glossa_library_rename_tag (GlossaLibrary  *self,
                           gint64          id,
                           const char     *name,
                           GError        **error)
{
  g_autofree char *trimmed = NULL;
  gint64 parent;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  ok = (parent = tag_parent (self, id, error)) >= 0 &&
       check_name (self, trimmed, parent, id, error) &&
       update_tag_text (self, "UPDATE tags SET name = ?2, modified = ?3 WHERE id = ?1",
                        id, trimmed, error);

  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

gboolean
glossa_library_set_tag_color (GlossaLibrary  *self,
                              gint64          id,
                              const char     *color,
                              GError        **error)
{
  g_autofree char *lower = NULL;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_color (color, error))
    return FALSE;
  lower = g_ascii_strdown (color, -1);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  ok = tag_exists (self, id, error) &&
       update_tag_text (self, "UPDATE tags SET color = ?2, modified = ?3 WHERE id = ?1",
                        id, lower, error);

  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

gboolean
glossa_library_set_tag_description (GlossaLibrary  *self,
                                    gint64          id,
                                    const char     *description,
                                    GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  ok = tag_exists (self, id, error) &&
       update_tag_text (self, "UPDATE tags SET description = ?2, modified = ?3 WHERE id = ?1",
                        id, description != NULL ? description : "", error);

  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

gboolean
glossa_library_set_tag_key (GlossaLibrary  *self,
                            gint64          id,
                            guint           key,
                            GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_key (key, error))
    return FALSE;

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  if (!tag_exists (self, id, error) || !take_key (self, id, key, error))
    goto out;

  stmt = _glossa_library_stmt (self,
                               "UPDATE tags SET key = nullif (?2, 0), modified = ?3 WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  ok = _glossa_stmt_done (self, stmt, error);
  _glossa_library_touch_tags (self);

out:
  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

/* TRUE when @ancestor_id is @id or one of its ancestors. */
static gboolean
is_ancestor_or_self (GlossaLibrary  *self,
                     gint64          ancestor_id,
                     gint64          id,
                     gboolean       *result,
                     GError        **error)
{
  guint guard = 0;

  *result = FALSE;
  while (id != 0)
    {
      if (id == ancestor_id)
        {
          *result = TRUE;
          return TRUE;
        }
      id = tag_parent (self, id, error);
      if (id < 0)
        return FALSE;
      /* A damaged file could hold a cycle already. */
      if (++guard > 100000)
        {
          *result = TRUE;
          return TRUE;
        }
    }

  return TRUE;
}

/* Renumbers the live children of @parent_id 0…n-1 in their current order,
 * with @id (when not 0) placed at @position (-1: last). */
static gboolean
renumber_children (GlossaLibrary  *self,
                   gint64          parent_id,
                   gint64          id,
                   gint            position,
                   GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GlossaCachedStmt) select = NULL;
  g_autoptr(GlossaCachedStmt) update = NULL;
  int rc;

  select = _glossa_library_stmt (self,
                                 "SELECT id FROM tags WHERE ifnull (parent_id, 0) = ?1"
                                 " AND trash_id IS NULL AND id <> ?2 ORDER BY position, id",
                                 error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, parent_id);
  sqlite3_bind_int64 (select, 2, id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 child = sqlite3_column_int64 (select, 0);

      g_array_append_val (ids, child);
    }
  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }

  if (id != 0)
    {
      if (position < 0 || (guint) position > ids->len)
        position = ids->len;
      g_array_insert_val (ids, position, id);
    }

  update = _glossa_library_stmt (self,
                                 "UPDATE tags SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
                                 error);
  if (update == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int64 (update, 2, i);
      if (!_glossa_stmt_done (self, update, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
glossa_library_move_tag (GlossaLibrary  *self,
                         gint64          id,
                         gint64          parent_id,
                         gint            position,
                         GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autoptr(GlossaTag) tag = NULL;
  gboolean cycle = FALSE;
  gint64 old_parent;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  if ((old_parent = tag_parent (self, id, error)) < 0)
    goto out;
  if (parent_id != 0 && !tag_exists (self, parent_id, error))
    goto out;
  if (!is_ancestor_or_self (self, id, parent_id, &cycle, error))
    goto out;
  if (cycle)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("A tag cannot be moved under itself or one of its own sub-tags."));
      goto out;
    }

  tag = glossa_library_get_tag (self, id, error);
  if (tag == NULL)
    goto out;
  if (parent_id != old_parent &&
      !check_name (self, glossa_tag_get_name (tag), parent_id, id, error))
    goto out;

  stmt = _glossa_library_stmt (self,
                               "UPDATE tags SET parent_id = nullif (?2, 0), modified = ?3 WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, parent_id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;

  if ((old_parent != parent_id && !renumber_children (self, old_parent, 0, -1, error)) ||
      !renumber_children (self, parent_id, id, position, error))
    goto out;

  _glossa_library_touch_tags (self);
  ok = TRUE;

out:
  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

/* Touches the annotations of every article that has one in @trash_id or
 * carrying a tag of it. */
static gboolean
touch_articles_of (GlossaLibrary  *self,
                   const char     *sql,
                   gint64          arg,
                   GError        **error)
{
  return _glossa_library_touch_each (self, sql, arg, _glossa_library_touch_annotations, error);
}

static gboolean
trash_tag_subtree (GlossaLibrary       *self,
                   gint64               id,
                   gint64               trash_id,
                   GlossaTagDeleteMode  mode,
                   GError             **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  /* Annotations first: once the tags are trashed the subtree is gone. */
  if (mode == GLOSSA_TAG_DELETE_TRASH_ANNOTATIONS)
    {
      stmt = _glossa_library_stmt (self,
                                   "WITH RECURSIVE sub (id) AS ("
                                   "  SELECT ?1 UNION"
                                   "  SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id"
                                   "  WHERE t.trash_id IS NULL)"
                                   " UPDATE annotations SET trash_id = ?2 WHERE trash_id IS NULL"
                                   " AND id IN (SELECT annotation_id FROM annotation_tags"
                                   "            WHERE tag_id IN sub)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, trash_id);
      if (!_glossa_stmt_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, _glossa_stmt_release);

      if (!_glossa_library_trash_annotation_links (self, trash_id, error) ||
          !touch_articles_of (self, "SELECT DISTINCT article_id FROM annotations WHERE trash_id = ?",
                              trash_id, error))
        return FALSE;
    }
  else if (!touch_articles_of (self,
                               "WITH RECURSIVE sub (id) AS ("
                               "  SELECT ?1 UNION"
                               "  SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id"
                               "  WHERE t.trash_id IS NULL)"
                               " SELECT DISTINCT n.article_id FROM annotations n"
                               " JOIN annotation_tags at ON at.annotation_id = n.id"
                               " WHERE n.trash_id IS NULL AND at.tag_id IN sub",
                               id, error))
    return FALSE;

  stmt = _glossa_library_stmt (self,
                               "WITH RECURSIVE sub (id) AS ("
                               "  SELECT ?1 UNION"
                               "  SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id"
                               "  WHERE t.trash_id IS NULL)"
                               " UPDATE tags SET trash_id = ?2 WHERE id IN sub",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, trash_id);
  if (!_glossa_stmt_done (self, stmt, error))
    return FALSE;

  _glossa_library_touch_tags (self);

  return TRUE;
}

gint64
glossa_library_remove_tag (GlossaLibrary        *self,
                           gint64                id,
                           GlossaTagDeleteMode   mode,
                           GError              **error)
{
  g_autoptr(GlossaTag) tag = NULL;
  gint64 trash_id = 0;
  gint64 parent;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_glossa_library_change_begin (self, error))
    return 0;

  tag = glossa_library_get_tag (self, id, error);
  if (tag == NULL)
    goto out;
  parent = glossa_tag_get_parent_id (tag);

  trash_id = _glossa_library_new_trash (self, GLOSSA_TRASH_TAG, glossa_tag_get_name (tag), error);
  if (trash_id == 0)
    goto out;

  if (!trash_tag_subtree (self, id, trash_id, mode, error) ||
      !renumber_children (self, parent, 0, -1, error))
    goto out;

  ok = TRUE;

out:
  if (!_glossa_library_change_end (self, ok, ok ? error : NULL))
    return 0;

  return trash_id;
}

gint64
glossa_library_merge_tags (GlossaLibrary  *self,
                           gint64          from_id,
                           gint64          into_id,
                           GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autoptr(GlossaTag) from = NULL;
  gboolean inside = FALSE;
  gint64 trash_id = 0;
  gint64 base;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_glossa_library_change_begin (self, error))
    return 0;

  from = glossa_library_get_tag (self, from_id, error);
  if (from == NULL || !tag_exists (self, into_id, error))
    goto out;
  if (!is_ancestor_or_self (self, from_id, into_id, &inside, error))
    goto out;
  if (inside)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("The tag “%s” cannot be merged into itself or one of its own sub-tags."),
                   glossa_tag_get_name (from));
      goto out;
    }

  /* Children move under @into: their names must not clash there. */
  {
    g_autoptr(GlossaCachedStmt) kids = NULL;
    int rc;

    kids = _glossa_library_stmt (self,
                                 "SELECT c.name FROM tags c WHERE c.parent_id = ?1 AND c.trash_id IS NULL",
                                 error);
    if (kids == NULL)
      goto out;
    sqlite3_bind_int64 (kids, 1, from_id);
    while ((rc = sqlite3_step (kids)) == SQLITE_ROW)
      {
        g_autofree char *name = g_strdup (_glossa_column_str (kids, 0));
        gint64 ids[2];
        guint n = find_tags_named (self, name, into_id, 0, ids, error);

        if (n == G_MAXUINT)
          goto out;
        if (n > 0)
          {
            g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                         _("The tags cannot be merged: both have a sub-tag named “%s”."), name);
            goto out;
          }
      }
    if (rc != SQLITE_DONE)
      {
        _glossa_library_set_error (self, rc, error);
        goto out;
      }
  }

  stmt = _glossa_library_stmt (self,
                               "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)"
                               " SELECT annotation_id, ?2 FROM annotation_tags WHERE tag_id = ?1",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, into_id);
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;
  g_clear_pointer (&stmt, _glossa_stmt_release);

  if ((base = next_position (self, into_id, error)) < 0)
    goto out;

  stmt = _glossa_library_stmt (self,
                               "UPDATE tags SET parent_id = ?2, position = position + ?3, modified = ?4"
                               " WHERE parent_id = ?1 AND trash_id IS NULL",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, into_id);
  sqlite3_bind_int64 (stmt, 3, base);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;

  if (!touch_articles_of (self,
                          "SELECT DISTINCT n.article_id FROM annotations n"
                          " JOIN annotation_tags at ON at.annotation_id = n.id"
                          " WHERE n.trash_id IS NULL AND at.tag_id = ?1",
                          from_id, error))
    goto out;

  trash_id = _glossa_library_new_trash (self, GLOSSA_TRASH_TAG, glossa_tag_get_name (from), error);
  if (trash_id == 0 ||
      !trash_tag_subtree (self, from_id, trash_id, GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS, error) ||
      !renumber_children (self, glossa_tag_get_parent_id (from), 0, -1, error) ||
      !renumber_children (self, into_id, 0, -1, error))
    goto out;

  ok = TRUE;

out:
  if (!_glossa_library_change_end (self, ok, ok ? error : NULL))
    return 0;

  return trash_id;
}

GlossaTag *
glossa_library_lookup_tag (GlossaLibrary  *self,
                           const char     *spec,
                           GError        **error)
{
  g_auto(GStrv) parts = NULL;
  gint64 ids[2];
  gint64 parent = 0;
  guint n;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (*spec != '\0' && strspn (spec, "0123456789") == strlen (spec))
    {
      GlossaTag *tag = glossa_library_get_tag (self, g_ascii_strtoll (spec, NULL, 10), NULL);

      if (tag != NULL)
        return tag;
    }

  if (strlen (spec) >= 4 && strspn (spec, "0123456789abcdefABCDEF-") == strlen (spec))
    {
      g_autoptr(GlossaCachedStmt) stmt = NULL;
      g_autofree char *pattern = g_strconcat (spec, "%", NULL);
      int rc;

      stmt = _glossa_library_stmt (self,
                                   "SELECT id FROM tags WHERE uuid LIKE ? AND trash_id IS NULL LIMIT 2",
                                   error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
      n = 0;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64 (stmt, 0);
      if (n == 1)
        {
          g_clear_pointer (&stmt, _glossa_stmt_release);
          return glossa_library_get_tag (self, ids[0], error);
        }
      if (n > 1)
        goto ambiguous;
    }

  /* A whole name anywhere in the tree. */
  n = find_tags_named (self, spec, -1, 0, ids, error);
  if (n == G_MAXUINT)
    return NULL;
  if (n == 1)
    return glossa_library_get_tag (self, ids[0], error);
  if (n > 1)
    goto ambiguous;

  /* A path, "Parent/Child". */
  parts = g_strsplit (spec, "/", -1);
  if (g_strv_length (parts) > 1)
    {
      for (guint i = 0; parts[i] != NULL; i++)
        {
          n = find_tags_named (self, parts[i], parent, 0, ids, error);
          if (n == G_MAXUINT)
            return NULL;
          if (n != 1)
            break;
          parent = ids[0];
          if (parts[i + 1] == NULL)
            return glossa_library_get_tag (self, parent, error);
        }
    }

  g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
               _("No tag in “%s” matches “%s”."), self->path, spec);
  return NULL;

ambiguous:
  g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_AMBIGUOUS,
               _("More than one tag in “%s” matches “%s”; give its path, e.g. “Parent/Child”."),
               self->path, spec);
  return NULL;
}

/* Link types. */

char **
glossa_library_list_link_types (GlossaLibrary *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  stmt = _glossa_library_stmt (self, "SELECT name FROM link_types ORDER BY position, name", NULL);
  if (stmt != NULL)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_strv_builder_add (builder, _glossa_column_str (stmt, 0));

  return g_strv_builder_end (builder);
}

gboolean
glossa_library_add_link_type (GlossaLibrary  *self,
                              const char     *name,
                              GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *trimmed = NULL;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("A link type needs a name."));
      return FALSE;
    }

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  /* Adding a type that exists is not an error: importers add what they use. */
  stmt = _glossa_library_stmt (self,
                               "INSERT OR IGNORE INTO link_types (name, position)"
                               " VALUES (?1, (SELECT ifnull (max (position) + 1, 0) FROM link_types))",
                               error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
      ok = _glossa_stmt_done (self, stmt, error);
      _glossa_library_touch_links (self);
    }
  g_clear_pointer (&stmt, _glossa_stmt_release);

  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}
