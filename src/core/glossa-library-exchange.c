/* glossa-library-exchange.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The setters of glossa-library-exchange.h: plain updates of one row each,
 * wrapped in a change so that they join an open transaction and refresh
 * the models at its end.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "glossa-library-exchange.h"
#include "glossa-library-private.h"

static gboolean
run_update (GlossaLibrary  *self,
            sqlite3_stmt   *stmt,
            GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }
  if (sqlite3_changes (_glossa_library_get_db (self)) == 0)
    {
      g_set_error_literal (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
                           _("The item to update is not in the library."));
      return FALSE;
    }

  return TRUE;
}

gboolean
glossa_library_set_times (GlossaLibrary    *self,
                          GlossaTrashKind   kind,
                          gint64            id,
                          gint64            created,
                          gint64            modified,
                          GError          **error)
{
  static const char *sql[] = {
    [GLOSSA_TRASH_ARTICLE] = "UPDATE articles SET imported = ?1, modified = ?2 WHERE id = ?3",
    [GLOSSA_TRASH_TAG] = "UPDATE tags SET created = ?1, modified = ?2 WHERE id = ?3",
    [GLOSSA_TRASH_ANNOTATION] = "UPDATE annotations SET created = ?1, modified = ?2 WHERE id = ?3",
    [GLOSSA_TRASH_LINK] = "UPDATE links SET created = ?1, modified = ?2 WHERE id = ?3",
  };
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (sql), FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  stmt = _glossa_library_stmt (self, sql[kind], error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, created);
      sqlite3_bind_int64 (stmt, 2, modified);
      sqlite3_bind_int64 (stmt, 3, id);
      ok = run_update (self, stmt, error);
    }

  if (ok)
    {
      switch (kind)
        {
        case GLOSSA_TRASH_ARTICLE:
          _glossa_library_touch_article (self, id);
          break;
        case GLOSSA_TRASH_TAG:
          _glossa_library_touch_tags (self);
          break;
        case GLOSSA_TRASH_ANNOTATION:
          _glossa_library_touch_annotations (self, 0);
          break;
        case GLOSSA_TRASH_LINK:
        default:
          _glossa_library_touch_links (self);
          break;
        }
    }

  return _glossa_library_change_end (self, ok, ok ? error : NULL) && ok;
}

gboolean
glossa_library_set_annotation_anchor (GlossaLibrary  *self,
                                      gint64          id,
                                      gint64          start,
                                      gint64          end,
                                      const char     *quote,
                                      const char     *prefix,
                                      const char     *suffix,
                                      gboolean        orphaned,
                                      GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (start >= 0 && start <= end, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  stmt = _glossa_library_stmt (self,
                               "UPDATE annotations SET start = ?1, end = ?2, quote = ?3, prefix = ?4, "
                               "suffix = ?5, orphaned = ?6 WHERE id = ?7", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, start);
      sqlite3_bind_int64 (stmt, 2, end);
      sqlite3_bind_text (stmt, 3, quote ? quote : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, prefix ? prefix : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, suffix ? suffix : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 6, orphaned ? 1 : 0);
      sqlite3_bind_int64 (stmt, 7, id);
      ok = run_update (self, stmt, error);
    }
  if (ok)
    _glossa_library_touch_annotations (self, 0);

  return _glossa_library_change_end (self, ok, ok ? error : NULL) && ok;
}

gboolean
glossa_library_set_annotation_author (GlossaLibrary  *self,
                                      gint64          id,
                                      const char     *author,
                                      GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  stmt = _glossa_library_stmt (self, "UPDATE annotations SET author = ?1 WHERE id = ?2", error);
  ok = stmt != NULL;
  if (ok)
    {
      if (author != NULL && *author != 0)
        sqlite3_bind_text (stmt, 1, author, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      ok = run_update (self, stmt, error);
    }
  if (ok)
    _glossa_library_touch_annotations (self, 0);

  return _glossa_library_change_end (self, ok, ok ? error : NULL) && ok;
}

gboolean
glossa_library_set_link_kind (GlossaLibrary        *self,
                              gint64                id,
                              const char           *type,
                              GlossaLinkDirection   direction,
                              GError              **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  stmt = _glossa_library_stmt (self, "UPDATE links SET type = ?1, direction = ?2 WHERE id = ?3", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, direction);
      sqlite3_bind_int64 (stmt, 3, id);
      ok = run_update (self, stmt, error);
    }
  if (ok)
    _glossa_library_touch_links (self);

  return _glossa_library_change_end (self, ok, ok ? error : NULL) && ok;
}

gint64
glossa_library_find_uuid (GlossaLibrary    *self,
                          GlossaTrashKind   kind,
                          const char       *uuid,
                          GError          **error)
{
  /* Exact matches on the UNIQUE uuid index; the lookup_* functions also
   * take prefixes, which costs a scan per call. */
  static const char *sql[] = {
    [GLOSSA_TRASH_ARTICLE] = "SELECT id FROM articles WHERE uuid = ?1 AND trash_id IS NULL",
    [GLOSSA_TRASH_TAG] = "SELECT id FROM tags WHERE uuid = ?1 AND trash_id IS NULL",
    [GLOSSA_TRASH_ANNOTATION] = "SELECT id FROM annotations WHERE uuid = ?1 AND trash_id IS NULL",
    [GLOSSA_TRASH_LINK] = "SELECT id FROM links WHERE uuid = ?1 AND trash_id IS NULL",
  };
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *lower = NULL;
  int rc;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), -1);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (sql), -1);
  g_return_val_if_fail (uuid != NULL, -1);

  stmt = _glossa_library_stmt (self, sql[kind], error);
  if (stmt == NULL)
    return -1;

  lower = g_ascii_strdown (uuid, -1);
  sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return -1;
    }

  return 0;
}

gint64
glossa_library_insert_annotation (GlossaLibrary  *self,
                                  gint64          article_id,
                                  const char     *uuid,
                                  gint64          start,
                                  gint64          end,
                                  const char     *quote,
                                  const char     *prefix,
                                  const char     *suffix,
                                  const char     *note,
                                  const char     *author,
                                  gint64          created,
                                  gint64          modified,
                                  gboolean        orphaned,
                                  const gint64   *tag_ids,
                                  guint           n_tags,
                                  GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *lower = NULL;
  gint64 id = 0;
  gboolean nested;
  gboolean ok;
  int rc;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (uuid != NULL && quote != NULL, 0);

  if (start < 0 || end <= start)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("The span %" PRId64 "–%" PRId64 " of annotation %s is empty or negative."),
                   start, end, uuid);
      return 0;
    }

  /* Inside an open transaction (a bulk import) a savepoint per row would
   * make SQLite keep a statement journal for every one of them; the row and
   * its tags are undone by hand instead if a tag cannot be added. */
  nested = self->depth > 0;
  if (!nested && !_glossa_library_change_begin (self, error))
    return 0;

  stmt = _glossa_library_stmt (self,
                               "INSERT INTO annotations (uuid, article_id, start, end, quote, prefix, suffix, note,"
                               " author, created, modified, orphaned)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  ok = stmt != NULL;
  if (ok)
    {
      lower = g_ascii_strdown (uuid, -1);
      sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, article_id);
      sqlite3_bind_int64 (stmt, 3, start);
      sqlite3_bind_int64 (stmt, 4, end);
      sqlite3_bind_text (stmt, 5, quote, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, prefix ? prefix : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, suffix ? suffix : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, note ? note : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, author ? author : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 10, created);
      sqlite3_bind_int64 (stmt, 11, modified);
      sqlite3_bind_int (stmt, 12, orphaned ? 1 : 0);
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_DONE;
      if (!ok)
        _glossa_library_set_error (self, rc, error);
      else
        id = sqlite3_last_insert_rowid (_glossa_library_get_db (self));
    }
  g_clear_pointer (&stmt, _glossa_stmt_release);

  for (guint i = 0; ok && i < n_tags; i++)
    {
      stmt = _glossa_library_stmt (self,
                                   "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?1, ?2)",
                                   error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, tag_ids[i]);
          rc = sqlite3_step (stmt);
          ok = rc == SQLITE_DONE;
          if (!ok)
            _glossa_library_set_error (self, rc, error);
        }
      g_clear_pointer (&stmt, _glossa_stmt_release);
    }

  if (ok)
    {
      _glossa_library_touch_annotations (self, article_id);
      _glossa_library_touch_article (self, article_id);
      if (n_tags > 0)
        _glossa_library_touch_tags (self);
    }
  else if (nested && id > 0)
    {
      /* annotation_tags rows go with it (ON DELETE CASCADE) */
      stmt = _glossa_library_stmt (self, "DELETE FROM annotations WHERE id = ?1", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_step (stmt);
        }
      g_clear_pointer (&stmt, _glossa_stmt_release);
    }

  if (nested)
    return ok ? id : 0;

  if (!_glossa_library_change_end (self, ok, ok ? error : NULL) || !ok)
    return 0;

  return id;
}

gboolean
glossa_library_uuid_in_trash (GlossaLibrary   *self,
                              GlossaTrashKind  kind,
                              const char      *uuid)
{
  static const char *sql[] = {
    [GLOSSA_TRASH_ARTICLE] = "SELECT 1 FROM articles WHERE uuid = ?1 AND trash_id IS NOT NULL",
    [GLOSSA_TRASH_TAG] = "SELECT 1 FROM tags WHERE uuid = ?1 AND trash_id IS NOT NULL",
    [GLOSSA_TRASH_ANNOTATION] = "SELECT 1 FROM annotations WHERE uuid = ?1 AND trash_id IS NOT NULL",
    [GLOSSA_TRASH_LINK] = "SELECT 1 FROM links WHERE uuid = ?1 AND trash_id IS NOT NULL",
  };
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (sql), FALSE);

  stmt = _glossa_library_stmt (self, sql[kind], NULL);
  if (stmt == NULL)
    return FALSE;

  lower = g_ascii_strdown (uuid, -1);
  sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

char **
glossa_library_list_authors (GlossaLibrary  *self,
                             GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) authors = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  stmt = _glossa_library_stmt (self,
                               "SELECT DISTINCT author FROM annotations"
                               " WHERE trash_id IS NULL AND author <> '' ORDER BY author",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (authors, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return NULL;
    }

  g_ptr_array_add (authors, NULL);
  return (char **) g_ptr_array_steal (authors, NULL);
}

gboolean
glossa_library_reload (GlossaLibrary  *self,
                       GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  /* Another connection may have rewritten any article's text. */
  _glossa_library_forget_text (self);
  _glossa_library_touch_article_list (self);
  _glossa_library_touch_tags (self);
  _glossa_library_touch_annotations (self, 0);
  _glossa_library_touch_links (self);

  return _glossa_library_change_end (self, TRUE, error);
}
