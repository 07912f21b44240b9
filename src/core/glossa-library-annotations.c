/* glossa-library-annotations.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Annotations (spans of an article's text in code points, with their tags)
 * and the typed links between them.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "glossa-library-private.h"

#define ANNOTATION_FROM " FROM annotations n WHERE n.trash_id IS NULL"
#define LINK_FROM \
  " FROM links k WHERE k.trash_id IS NULL"

static gboolean
check_range (GlossaLibrary    *self,
             GlossaTextCache  *cache,
             gint64            start,
             gint64            end,
             GError          **error)
{
  if (start < 0 || start >= end || end > cache->length)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("The range %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " is not a passage of "
                     "article %" G_GINT64_FORMAT ", whose text is %" G_GINT64_FORMAT
                     " characters long."),
                   start, end, cache->article_id, cache->length);
      return FALSE;
    }

  return TRUE;
}

static gboolean
tag_is_live (GlossaLibrary  *self,
             gint64          tag_id,
             GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  stmt = _glossa_library_row_by_id (self, "SELECT 1 FROM tags WHERE id = ? AND trash_id IS NULL", tag_id,
                                    error, _("The library “%s” has no tag %" G_GINT64_FORMAT "."),
                                    self->path, tag_id);
  return stmt != NULL;
}

static gboolean
insert_annotation_tag (GlossaLibrary  *self,
                       gint64          id,
                       gint64          tag_id,
                       GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  if (!tag_is_live (self, tag_id, error))
    return FALSE;

  stmt = _glossa_library_stmt (self,
                               "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, tag_id);

  return _glossa_stmt_done (self, stmt, error);
}

static gint64
add_annotation (GlossaLibrary  *self,
                gint64          article_id,
                gint64          start,
                gint64          end,
                const gint64   *tag_ids,
                guint           n_tags,
                const char     *note,
                const char     *author,
                const char     *uuid,
                GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  GlossaTextCache *cache;
  gint64 now = g_get_real_time ();
  gint64 id;

  cache = _glossa_library_get_text (self, article_id, error);
  if (cache == NULL || !check_range (self, cache, start, end, error))
    return 0;

  if (uuid == NULL)
    uuid = generated = g_uuid_string_random ();
  else if (!g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("“%s” is not a valid uuid for an annotation."), uuid);
      return 0;
    }

  _glossa_text_cache_context (cache, start, end, &quote, &prefix, &suffix);

  stmt = _glossa_library_stmt (self,
                               "INSERT INTO annotations (uuid, article_id, start, end, quote, prefix,"
                               " suffix, note, author, created, modified)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, article_id);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  sqlite3_bind_text (stmt, 5, quote, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, suffix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, note != NULL ? note : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, author != NULL ? author : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, now);
  sqlite3_bind_int64 (stmt, 11, now);

  if (!_glossa_stmt_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < n_tags; i++)
    if (!insert_annotation_tag (self, id, tag_ids[i], error))
      return 0;

  _glossa_library_touch_annotations (self, article_id);

  return id;
}

gint64
glossa_library_add_annotation (GlossaLibrary  *self,
                               gint64          article_id,
                               gint64          start,
                               gint64          end,
                               const gint64   *tag_ids,
                               guint           n_tags,
                               const char     *note,
                               const char     *author,
                               const char     *uuid,
                               GError        **error)
{
  gint64 id;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (tag_ids != NULL || n_tags == 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_glossa_library_change_begin (self, error))
    return 0;

  id = add_annotation (self, article_id, start, end, tag_ids, n_tags, note, author, uuid, error);

  if (!_glossa_library_change_end (self, id > 0, id > 0 ? error : NULL))
    return 0;

  return id;
}

static GPtrArray *
collect_annotations (GlossaLibrary  *self,
                     sqlite3_stmt   *stmt,
                     GError        **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, _glossa_annotation_new_from_stmt (stmt));

  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&result);
}

GPtrArray *
glossa_library_list_annotations (GlossaLibrary  *self,
                                 gint64          article_id,
                                 gint64          tag_id,
                                 GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  /* Separate statements so each gets the plan its index wants. */
  if (article_id != 0 && tag_id == 0)
    stmt = _glossa_library_stmt (self,
                                 "SELECT " GLOSSA_ANNOTATION_COLUMNS ANNOTATION_FROM
                                 " AND n.article_id = ?1 ORDER BY n.start, n.end, n.id",
                                 error);
  else if (article_id != 0)
    stmt = _glossa_library_stmt (self,
                                 "SELECT " GLOSSA_ANNOTATION_COLUMNS ANNOTATION_FROM
                                 " AND n.article_id = ?1 AND n.id IN"
                                 " (SELECT at.annotation_id FROM annotation_tags at"
                                 "  JOIN tags t ON t.id = at.tag_id"
                                 "  WHERE at.tag_id = ?2 AND t.trash_id IS NULL)"
                                 " ORDER BY n.start, n.end, n.id",
                                 error);
  else if (tag_id != 0)
    stmt = _glossa_library_stmt (self,
                                 "SELECT " GLOSSA_ANNOTATION_COLUMNS ANNOTATION_FROM
                                 " AND n.id IN"
                                 " (SELECT at.annotation_id FROM annotation_tags at"
                                 "  JOIN tags t ON t.id = at.tag_id"
                                 "  WHERE at.tag_id = ?2 AND t.trash_id IS NULL)"
                                 " ORDER BY n.article_id, n.start, n.end, n.id",
                                 error);
  else
    stmt = _glossa_library_stmt (self,
                                 "SELECT " GLOSSA_ANNOTATION_COLUMNS ANNOTATION_FROM
                                 " ORDER BY n.article_id, n.start, n.end, n.id",
                                 error);
  if (stmt == NULL)
    return NULL;

  if (article_id != 0)
    sqlite3_bind_int64 (stmt, 1, article_id);
  if (tag_id != 0)
    sqlite3_bind_int64 (stmt, 2, tag_id);

  return collect_annotations (self, stmt, error);
}

GlossaAnnotation *
glossa_library_get_annotation (GlossaLibrary  *self,
                               gint64          id,
                               GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  stmt = _glossa_library_row_by_id (self, "SELECT " GLOSSA_ANNOTATION_COLUMNS ANNOTATION_FROM " AND n.id = ?",
                                    id, error, _("The library “%s” has no annotation %" G_GINT64_FORMAT "."), self->path, id);
  return stmt != NULL ? _glossa_annotation_new_from_stmt (stmt) : NULL;
}

GlossaAnnotation *
glossa_library_lookup_annotation (GlossaLibrary  *self,
                                  const char     *spec,
                                  GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *pattern = NULL;
  gint64 ids[2];
  guint n = 0;
  int rc;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (*spec != '\0' && strspn (spec, "0123456789") == strlen (spec))
    {
      GlossaAnnotation *annotation =
        glossa_library_get_annotation (self, g_ascii_strtoll (spec, NULL, 10), NULL);

      if (annotation != NULL)
        return annotation;
    }

  if (strlen (spec) >= 4 && strspn (spec, "0123456789abcdefABCDEF-") == strlen (spec))
    {
      pattern = g_strconcat (spec, "%", NULL);
      stmt = _glossa_library_stmt (self,
                                   "SELECT id FROM annotations WHERE uuid LIKE ? AND trash_id IS NULL LIMIT 2",
                                   error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, _glossa_stmt_release);

      if (n == 1)
        return glossa_library_get_annotation (self, ids[0], error);
      if (n > 1)
        {
          g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_AMBIGUOUS,
                       _("More than one annotation in “%s” matches “%s”; give more of its uuid."),
                       self->path, spec);
          return NULL;
        }
    }

  g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
               _("No annotation in “%s” matches “%s”."), self->path, spec);
  return NULL;
}

/* The live annotation's article, or 0 with @error set. */
static gint64
annotation_article (GlossaLibrary  *self,
                    gint64          id,
                    GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  stmt = _glossa_library_row_by_id (self, "SELECT article_id FROM annotations WHERE id = ? AND trash_id IS NULL",
                                    id, error, _("The library “%s” has no annotation %" G_GINT64_FORMAT "."), self->path, id);
  return stmt != NULL ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
touch_modified (GlossaLibrary  *self,
                gint64          id,
                GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  stmt = _glossa_library_stmt (self, "UPDATE annotations SET modified = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());

  return _glossa_stmt_done (self, stmt, error);
}

gboolean
glossa_library_set_annotation_note (GlossaLibrary  *self,
                                    gint64          id,
                                    const char     *note,
                                    GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gint64 article_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  if ((article_id = annotation_article (self, id, error)) == 0)
    goto out;

  stmt = _glossa_library_stmt (self, "UPDATE annotations SET note = ?2, modified = ?3 WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, note != NULL ? note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;

  _glossa_library_touch_annotations (self, article_id);
  ok = TRUE;

out:
  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

gboolean
glossa_library_add_annotation_tag (GlossaLibrary  *self,
                                   gint64          id,
                                   gint64          tag_id,
                                   GError        **error)
{
  gint64 article_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  if ((article_id = annotation_article (self, id, error)) == 0 ||
      !insert_annotation_tag (self, id, tag_id, error) ||
      !touch_modified (self, id, error))
    goto out;

  _glossa_library_touch_annotations (self, article_id);
  ok = TRUE;

out:
  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

gboolean
glossa_library_remove_annotation_tag (GlossaLibrary  *self,
                                      gint64          id,
                                      gint64          tag_id,
                                      GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gint64 article_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  if ((article_id = annotation_article (self, id, error)) == 0)
    goto out;

  stmt = _glossa_library_stmt (self,
                               "DELETE FROM annotation_tags WHERE annotation_id = ? AND tag_id = ?",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
                   _("Annotation %" G_GINT64_FORMAT " does not carry tag %" G_GINT64_FORMAT "."),
                   id, tag_id);
      goto out;
    }
  if (!touch_modified (self, id, error))
    goto out;

  _glossa_library_touch_annotations (self, article_id);
  ok = TRUE;

out:
  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

gboolean
glossa_library_set_annotation_range (GlossaLibrary  *self,
                                     gint64          id,
                                     gint64          start,
                                     gint64          end,
                                     GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  GlossaTextCache *cache;
  gint64 article_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  if ((article_id = annotation_article (self, id, error)) == 0)
    goto out;
  cache = _glossa_library_get_text (self, article_id, error);
  if (cache == NULL || !check_range (self, cache, start, end, error))
    goto out;

  _glossa_text_cache_context (cache, start, end, &quote, &prefix, &suffix);

  stmt = _glossa_library_stmt (self,
                               "UPDATE annotations SET start = ?2, end = ?3, quote = ?4, prefix = ?5,"
                               " suffix = ?6, orphaned = 0, modified = ?7 WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_text (stmt, 4, quote, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, suffix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time ());
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;

  _glossa_library_touch_annotations (self, article_id);
  ok = TRUE;

out:
  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

gboolean
_glossa_library_trash_annotation_links (GlossaLibrary  *self,
                                        gint64          trash_id,
                                        GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  stmt = _glossa_library_stmt (self,
                               "UPDATE links SET trash_id = ?1 WHERE trash_id IS NULL AND"
                               " (from_id IN (SELECT id FROM annotations WHERE trash_id = ?1) OR"
                               "  to_id IN (SELECT id FROM annotations WHERE trash_id = ?1))",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, trash_id);
  if (!_glossa_stmt_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0)
    _glossa_library_touch_links (self);

  return TRUE;
}

gint64
glossa_library_remove_annotation (GlossaLibrary  *self,
                                  gint64          id,
                                  GError        **error)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;
  gint64 trash_id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_glossa_library_change_begin (self, error))
    return 0;

  annotation = glossa_library_get_annotation (self, id, error);
  if (annotation == NULL)
    goto out;

  trash_id = _glossa_library_trash_row (self, GLOSSA_TRASH_ANNOTATION, glossa_annotation_get_quote (annotation),
                                        "UPDATE annotations SET trash_id = ?1 WHERE id = ?2", id, error);
  if (trash_id == 0 || !_glossa_library_trash_annotation_links (self, trash_id, error))
    goto out;

  _glossa_library_touch_annotations (self, glossa_annotation_get_article_id (annotation));
  ok = TRUE;

out:
  if (!_glossa_library_change_end (self, ok, ok ? error : NULL))
    return 0;

  return trash_id;
}

gboolean
glossa_library_find_quote (GlossaLibrary  *self,
                           gint64          article_id,
                           const char     *quote,
                           guint           occurrence,
                           gint64         *start,
                           gint64         *end,
                           GError        **error)
{
  GlossaTextCache *cache;
  const char *p;
  const char *found = NULL;
  gsize quote_len;
  guint n_found = 0;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (quote != NULL, FALSE);

  cache = _glossa_library_get_text (self, article_id, error);
  if (cache == NULL)
    return FALSE;

  quote_len = strlen (quote);

  /* Occurrence 0 asks for the only one: count them all to know. */
  p = cache->text;
  if (quote_len > 0)
    while ((p = strstr (p, quote)) != NULL)
      {
        n_found++;
        if (n_found == occurrence || (occurrence == 0 && n_found == 1))
          found = p;
        if (occurrence != 0 && found != NULL)
          break;
        p = g_utf8_next_char (p);
      }

  if (n_found == 0)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
                   _("The text of article %" G_GINT64_FORMAT " does not contain “%s”."),
                   article_id, quote);
      return FALSE;
    }
  if (occurrence == 0 && n_found > 1)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_AMBIGUOUS,
                   ngettext ("“%s” occurs %u time in the text of article %" G_GINT64_FORMAT "; say which occurrence you mean.",
                             "“%s” occurs %u times in the text of article %" G_GINT64_FORMAT "; say which occurrence you mean.",
                             n_found),
                   quote, n_found, article_id);
      return FALSE;
    }
  if (found == NULL)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
                   ngettext ("“%s” occurs only %u time in the text of article %" G_GINT64_FORMAT ".",
                             "“%s” occurs only %u times in the text of article %" G_GINT64_FORMAT ".",
                             n_found),
                   quote, n_found, article_id);
      return FALSE;
    }

  if (start != NULL)
    *start = g_utf8_pointer_to_offset (cache->text, found);
  if (end != NULL)
    *end = g_utf8_pointer_to_offset (cache->text, found) + g_utf8_strlen (quote, -1);

  return TRUE;
}

/* Links. */

gint64
glossa_library_add_link (GlossaLibrary        *self,
                         gint64                from_id,
                         gint64                to_id,
                         const char           *type,
                         GlossaLinkDirection   direction,
                         const char           *note,
                         const char           *uuid,
                         GError              **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *generated = NULL;
  gint64 now = g_get_real_time ();
  gint64 id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (direction > GLOSSA_LINK_ASSOCIATIVE)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("%d is not a link direction."), (int) direction);
      return 0;
    }

  if (from_id == to_id)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("An annotation cannot be linked to itself."));
      return 0;
    }

  if (!_glossa_library_change_begin (self, error))
    return 0;

  if (annotation_article (self, from_id, error) == 0 || annotation_article (self, to_id, error) == 0)
    goto out;

  {
    g_auto(GStrv) types = glossa_library_list_link_types (self);

    if (type == NULL || !g_strv_contains ((const char * const *) types, type))
      {
        g_autofree char *known = g_strjoinv (", ", types);

        g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                     _("“%s” is not a link type of this library; the known types are: %s."),
                     type != NULL ? type : "", known);
        goto out;
      }
  }

  if (uuid == NULL)
    uuid = generated = g_uuid_string_random ();
  else if (!g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("“%s” is not a valid uuid for a link."), uuid);
      goto out;
    }

  stmt = _glossa_library_stmt (self,
                               "INSERT INTO links (uuid, from_id, to_id, type, direction, note, created,"
                               " modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, from_id);
  sqlite3_bind_int64 (stmt, 3, to_id);
  sqlite3_bind_text (stmt, 4, type, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, direction);
  sqlite3_bind_text (stmt, 6, note != NULL ? note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;

  id = sqlite3_last_insert_rowid (self->db);
  _glossa_library_touch_links (self);
  ok = TRUE;

out:
  if (!_glossa_library_change_end (self, ok, ok ? error : NULL))
    return 0;

  return id;
}

GPtrArray *
glossa_library_list_links (GlossaLibrary  *self,
                           gint64          annotation_id,
                           GError        **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  if (annotation_id != 0)
    stmt = _glossa_library_stmt (self,
                                 "SELECT " GLOSSA_LINK_COLUMNS LINK_FROM
                                 " AND (k.from_id = ?1 OR k.to_id = ?1) ORDER BY k.id",
                                 error);
  else
    stmt = _glossa_library_stmt (self, "SELECT " GLOSSA_LINK_COLUMNS LINK_FROM " ORDER BY k.id",
                                 error);
  if (stmt == NULL)
    return NULL;

  if (annotation_id != 0)
    sqlite3_bind_int64 (stmt, 1, annotation_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, _glossa_link_new_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&result);
}

GlossaLink *
glossa_library_get_link (GlossaLibrary  *self,
                         gint64          id,
                         GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  stmt = _glossa_library_row_by_id (self, "SELECT " GLOSSA_LINK_COLUMNS LINK_FROM " AND k.id = ?", id,
                                    error, _("The library “%s” has no link %" G_GINT64_FORMAT "."),
                                    self->path, id);
  return stmt != NULL ? _glossa_link_new_from_stmt (stmt) : NULL;
}

gboolean
glossa_library_set_link_note (GlossaLibrary  *self,
                              gint64          id,
                              const char     *note,
                              GError        **error)
{
  g_autoptr(GlossaLink) link = NULL;
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  link = glossa_library_get_link (self, id, error);
  if (link == NULL)
    goto out;

  stmt = _glossa_library_stmt (self, "UPDATE links SET note = ?2, modified = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, note != NULL ? note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;

  _glossa_library_touch_links (self);
  ok = TRUE;

out:
  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

gint64
glossa_library_remove_link (GlossaLibrary  *self,
                            gint64          id,
                            GError        **error)
{
  g_autoptr(GlossaLink) link = NULL;
  gint64 trash_id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_glossa_library_change_begin (self, error))
    return 0;

  link = glossa_library_get_link (self, id, error);
  if (link == NULL)
    goto out;

  trash_id = _glossa_library_trash_row (self, GLOSSA_TRASH_LINK, glossa_link_get_link_type (link),
                                        "UPDATE links SET trash_id = ?1 WHERE id = ?2", id, error);
  if (trash_id == 0)
    goto out;

  _glossa_library_touch_links (self);
  ok = TRUE;

out:
  if (!_glossa_library_change_end (self, ok, ok ? error : NULL))
    return 0;

  return trash_id;
}
