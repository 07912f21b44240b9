/* glossa-library-trash.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trash (every removal can be undone until it is emptied) and the
 * integrity check.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "glossa-library-private.h"

void
glossa_trash_entry_free (GlossaTrashEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->label);
  g_free (entry);
}

GPtrArray *
glossa_library_list_trash (GlossaLibrary  *self,
                           GError        **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) glossa_trash_entry_free);
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  stmt = _glossa_library_stmt (self,
                               "SELECT r.id, r.kind, r.label, r.deleted,"
                               " (SELECT count(*) FROM articles WHERE trash_id = r.id) +"
                               " (SELECT count(*) FROM tags WHERE trash_id = r.id) +"
                               " (SELECT count(*) FROM annotations WHERE trash_id = r.id) +"
                               " (SELECT count(*) FROM links WHERE trash_id = r.id)"
                               " FROM trash r ORDER BY r.deleted DESC, r.id DESC",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GlossaTrashEntry *entry = g_new0 (GlossaTrashEntry, 1);

      entry->id = (gint64) sqlite3_column_int64 (stmt, 0);
      entry->kind = sqlite3_column_int (stmt, 1);
      entry->label = g_strdup (_glossa_column_str (stmt, 2));
      entry->deleted = (gint64) sqlite3_column_int64 (stmt, 3);
      entry->n_items = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (result, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* Runs @sql with ?1 bound to @id; for single-valued queries, returns the
 * first column of the first row in @value. */
static gboolean
run (GlossaLibrary  *self,
     const char     *sql,
     gint64          id,
     gint64         *value,
     GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = _glossa_library_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && value != NULL)
    *value = (gint64) sqlite3_column_int64 (stmt, 0);
  else if (value != NULL)
    *value = 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
touch_articles (GlossaLibrary  *self,
                gint64          trash_id,
                GError        **error)
{
  return _glossa_library_touch_each (self,
                                     "SELECT DISTINCT article_id FROM annotations WHERE trash_id = ?1 UNION"
                                     " SELECT DISTINCT n.article_id FROM annotations n"
                                     "  JOIN annotation_tags at ON at.annotation_id = n.id"
                                     "  JOIN tags t ON t.id = at.tag_id"
                                     "  WHERE t.trash_id = ?1 AND n.trash_id IS NULL",
                                     trash_id, _glossa_library_touch_annotations, error);
}

static gboolean
touch_restored_articles (GlossaLibrary  *self,
                         gint64          trash_id,
                         GError        **error)
{
  return _glossa_library_touch_each (self, "SELECT id FROM articles WHERE trash_id = ?1", trash_id,
                                     _glossa_library_touch_article, error);
}

/* Restored tags whose name now clashes with a live sibling get a suffix;
 * a key taken meanwhile by another tag stays with that tag. */
static gboolean
fix_restored_tags (GlossaLibrary  *self,
                   gint64          trash_id,
                   GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autoptr(GArray) clashing = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (!run (self,
            "UPDATE tags SET key = NULL WHERE trash_id = ?1 AND key IN"
            " (SELECT key FROM tags WHERE trash_id IS NULL AND key IS NOT NULL)",
            trash_id, NULL, error))
    return FALSE;

  stmt = _glossa_library_stmt (self,
                               "SELECT t.id FROM tags t WHERE t.trash_id = ?1 AND EXISTS"
                               " (SELECT 1 FROM tags o WHERE o.trash_id IS NULL"
                               "  AND ifnull (o.parent_id, 0) = ifnull (t.parent_id, 0)"
                               "  AND lower (o.name) = lower (t.name))",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, trash_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = (gint64) sqlite3_column_int64 (stmt, 0);

      g_array_append_val (clashing, id);
    }
  g_clear_pointer (&stmt, _glossa_stmt_release);

  for (guint i = 0; i < clashing->len; i++)
    {
      g_autoptr(GlossaCachedStmt) rename = NULL;
      g_autofree char *suffix = g_strdup_printf (_(" (restored %u)"), i + 1);

      rename = _glossa_library_stmt (self, "UPDATE tags SET name = name || ?2 WHERE id = ?1", error);
      if (rename == NULL)
        return FALSE;
      sqlite3_bind_int64 (rename, 1, g_array_index (clashing, gint64, i));
      sqlite3_bind_text (rename, 2, suffix, -1, SQLITE_TRANSIENT);
      if (!_glossa_stmt_done (self, rename, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
glossa_library_restore (GlossaLibrary  *self,
                        gint64          trash_id,
                        GError        **error)
{
  gint64 kind = -1;
  gint64 blocked = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  if (!run (self, "SELECT kind + 1 FROM trash WHERE id = ?1", trash_id, &kind, error))
    goto out;
  if (kind == 0)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
                   _("The trash of “%s” has no entry %" G_GINT64_FORMAT "."), self->path, trash_id);
      goto out;
    }

  /* Something this entry needs went to the trash after it. */
  if (!run (self,
            "SELECT (SELECT count(*) FROM annotations n JOIN articles a ON a.id = n.article_id"
            "        WHERE n.trash_id = ?1 AND a.trash_id IS NOT NULL AND a.trash_id <> ?1) +"
            "       (SELECT count(*) FROM links k JOIN annotations n"
            "          ON n.id = k.from_id OR n.id = k.to_id"
            "        WHERE k.trash_id = ?1 AND n.trash_id IS NOT NULL AND n.trash_id <> ?1) +"
            "       (SELECT count(*) FROM tags t JOIN tags p ON p.id = t.parent_id"
            "        WHERE t.trash_id = ?1 AND p.trash_id IS NOT NULL AND p.trash_id <> ?1)",
            trash_id, &blocked, error))
    goto out;
  if (blocked > 0)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("This item cannot be restored before the article, annotation or tag it "
                     "belongs to; restore that first."));
      goto out;
    }

  if (!touch_articles (self, trash_id, error) ||
      !touch_restored_articles (self, trash_id, error) ||
      !fix_restored_tags (self, trash_id, error) ||
      !run (self, "UPDATE tags SET trash_id = NULL WHERE trash_id = ?1", trash_id, NULL, error) ||
      !run (self, "UPDATE articles SET trash_id = NULL WHERE trash_id = ?1", trash_id, NULL, error) ||
      !run (self, "UPDATE annotations SET trash_id = NULL WHERE trash_id = ?1", trash_id, NULL, error) ||
      !run (self, "UPDATE links SET trash_id = NULL WHERE trash_id = ?1", trash_id, NULL, error))
    goto out;

  if (!run (self, "DELETE FROM trash WHERE id = ?1", trash_id, NULL, error))
    goto out;

  _glossa_library_touch_tags (self);
  _glossa_library_touch_links (self);
  ok = TRUE;

out:
  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

gboolean
glossa_library_empty_trash (GlossaLibrary  *self,
                            GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  /* Children before parents; the tags go together, so their parent
   * references are only checked at the end of the statement. */
  ok = _glossa_library_exec (self,
                             "DELETE FROM links WHERE trash_id IS NOT NULL;"
                             "DELETE FROM annotations WHERE trash_id IS NOT NULL;"
                             "DELETE FROM annotation_tags WHERE tag_id IN"
                             " (SELECT id FROM tags WHERE trash_id IS NOT NULL);"
                             "DELETE FROM tags WHERE trash_id IS NOT NULL;"
                             "DELETE FROM articles WHERE trash_id IS NOT NULL;"
                             "DELETE FROM trash;",
                             error);

  return _glossa_library_change_end (self, ok, ok ? error : NULL);
}

static gboolean
collect_problems (GlossaLibrary  *self,
                  const char     *sql,
                  GPtrArray      *problems,
                  void          (*describe) (sqlite3_stmt *stmt, char **out),
                  GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *sentence = NULL;

      describe (stmt, &sentence);
      if (sentence != NULL)
        g_ptr_array_add (problems, sentence);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static void
describe_integrity (sqlite3_stmt  *stmt,
                    char         **out)
{
  const char *msg = _glossa_column_str (stmt, 0);

  if (g_strcmp0 (msg, "ok") != 0)
    *out = g_strdup_printf (_("SQLite reports damage: %s."), msg);
}

static void
describe_foreign_key (sqlite3_stmt  *stmt,
                      char         **out)
{
  *out = g_strdup_printf (_("Row %" G_GINT64_FORMAT " of table “%s” refers to a missing row of “%s”."),
                          (gint64) sqlite3_column_int64 (stmt, 1), _glossa_column_str (stmt, 0),
                          _glossa_column_str (stmt, 2));
}

static void
describe_range (sqlite3_stmt  *stmt,
                char         **out)
{
  *out = g_strdup_printf (_("Annotation %" G_GINT64_FORMAT " spans %" G_GINT64_FORMAT "–%"
                            G_GINT64_FORMAT ", outside the %" G_GINT64_FORMAT
                            " characters of article %" G_GINT64_FORMAT "."),
                          (gint64) sqlite3_column_int64 (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1),
                          (gint64) sqlite3_column_int64 (stmt, 2), (gint64) sqlite3_column_int64 (stmt, 3),
                          (gint64) sqlite3_column_int64 (stmt, 4));
}

static void
describe_cycle (sqlite3_stmt  *stmt,
                char         **out)
{
  *out = g_strdup_printf (_("Tag %" G_GINT64_FORMAT " (“%s”) is its own ancestor."),
                          (gint64) sqlite3_column_int64 (stmt, 0), _glossa_column_str (stmt, 1));
}

static void
describe_link (sqlite3_stmt  *stmt,
               char         **out)
{
  *out = g_strdup_printf (_("Link %" G_GINT64_FORMAT " joins annotation %" G_GINT64_FORMAT
                            " and %" G_GINT64_FORMAT ", which are not both in the library."),
                          (gint64) sqlite3_column_int64 (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1),
                          (gint64) sqlite3_column_int64 (stmt, 2));
}

static void
describe_count (sqlite3_stmt  *stmt,
                char         **out)
{
  *out = g_strdup_printf (_("Article %" G_GINT64_FORMAT " counts %" G_GINT64_FORMAT
                            " annotations but has %" G_GINT64_FORMAT "."),
                          (gint64) sqlite3_column_int64 (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1),
                          (gint64) sqlite3_column_int64 (stmt, 2));
}

static void
describe_tag_count (sqlite3_stmt  *stmt,
                    char         **out)
{
  *out = g_strdup_printf (_("Tag %" G_GINT64_FORMAT " counts %" G_GINT64_FORMAT
                            " annotations but has %" G_GINT64_FORMAT "."),
                          (gint64) sqlite3_column_int64 (stmt, 0),
                          (gint64) sqlite3_column_int64 (stmt, 1),
                          (gint64) sqlite3_column_int64 (stmt, 2));
}

/* The quote and sha256 checks need the text decoded: done per article. */
static gboolean
check_texts (GlossaLibrary  *self,
             GPtrArray      *problems,
             GError        **error)
{
  sqlite3_stmt *articles = NULL;
  sqlite3_stmt *notes = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT a.id, a.sha256, a.length, c.text FROM articles a"
                           " JOIN article_content c ON c.article_id = a.id ORDER BY a.id",
                           -1, &articles, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db,
                             "SELECT id, start, end, quote FROM annotations"
                             " WHERE article_id = ? AND orphaned = 0 ORDER BY start",
                             -1, &notes, NULL);
  if (rc != SQLITE_OK)
    goto fail;

  while ((rc = sqlite3_step (articles)) == SQLITE_ROW)
    {
      gint64 id = (gint64) sqlite3_column_int64 (articles, 0);
      const char *text = _glossa_column_str (articles, 3);
      g_autofree char *sha256 = _glossa_sha256 (text);
      g_autofree gunichar *chars = NULL;
      glong n_chars = 0;

      if (g_strcmp0 (sha256, _glossa_column_str (articles, 1)) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("The text of article %" G_GINT64_FORMAT
                                            " does not match its checksum."), id));

      chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
      if (n_chars != (gint64) sqlite3_column_int64 (articles, 2))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Article %" G_GINT64_FORMAT " records a length of %"
                                            G_GINT64_FORMAT " but its text has %ld characters."),
                                          id, (gint64) sqlite3_column_int64 (articles, 2), n_chars));

      sqlite3_reset (notes);
      sqlite3_bind_int64 (notes, 1, id);
      while ((rc = sqlite3_step (notes)) == SQLITE_ROW)
        {
          gint64 start = (gint64) sqlite3_column_int64 (notes, 1);
          gint64 end = (gint64) sqlite3_column_int64 (notes, 2);
          g_autofree char *actual = NULL;

          if (start < 0 || end > n_chars || start >= end)
            continue;   /* reported by the range check */

          actual = g_ucs4_to_utf8 (chars + start, end - start, NULL, NULL, NULL);
          if (g_strcmp0 (actual, _glossa_column_str (notes, 3)) != 0)
            g_ptr_array_add (problems,
                             g_strdup_printf (_("The quote of annotation %" G_GINT64_FORMAT
                                                " is not the text at its place in article %"
                                                G_GINT64_FORMAT "."),
                                              (gint64) sqlite3_column_int64 (notes, 0), id));
        }
      if (rc != SQLITE_DONE)
        goto fail;
    }
  if (rc != SQLITE_DONE)
    goto fail;

  sqlite3_finalize (articles);
  sqlite3_finalize (notes);
  return TRUE;

fail:
  _glossa_library_set_error (self, rc, error);
  sqlite3_finalize (articles);
  sqlite3_finalize (notes);
  return FALSE;
}

/* FTS5 compares each index with its content table. */
static void
check_search_indexes (GlossaLibrary *self,
                      GPtrArray     *problems)
{
  static const char *checks[] = {
    "INSERT INTO articles_title_fts (articles_title_fts) VALUES ('integrity-check')",
    "INSERT INTO articles_text_fts (articles_text_fts) VALUES ('integrity-check')",
    "INSERT INTO annotations_fts (annotations_fts) VALUES ('integrity-check')",
  };

  /* The contentless indexes hold one document per row, trashed or not. */
  static const char *counts[] = {
    "SELECT (SELECT count(*) FROM articles_text_fts_docsize) = (SELECT count(*) FROM article_content)",
    "SELECT (SELECT count(*) FROM annotations_fts_docsize) = (SELECT count(*) FROM annotations)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (sqlite3_exec (self->db, checks[i], NULL, NULL, NULL) != SQLITE_OK)
      g_ptr_array_add (problems,
                       g_strdup_printf (_("The search index is out of step with the library (%s)."),
                                        sqlite3_errmsg (self->db)));

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, counts[i], -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0)
        g_ptr_array_add (problems,
                         g_strdup (_("The search index does not hold every text and annotation; "
                                     "search may miss some.")));
      sqlite3_finalize (stmt);
    }
}

gboolean
glossa_library_check (GlossaLibrary  *self,
                      GPtrArray      *problems,
                      GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  return collect_problems (self, "PRAGMA integrity_check", problems, describe_integrity, error) &&
         collect_problems (self, "PRAGMA foreign_key_check", problems, describe_foreign_key, error) &&
         collect_problems (self,
                           "SELECT n.id, n.start, n.end, a.length, a.id FROM annotations n"
                           " JOIN articles a ON a.id = n.article_id"
                           " WHERE n.orphaned = 0 AND (n.start < 0 OR n.end <= n.start OR n.end > a.length)",
                           problems, describe_range, error) &&
         collect_problems (self,
                           "WITH RECURSIVE up (start, id, steps) AS ("
                           "  SELECT id, parent_id, 1 FROM tags WHERE parent_id IS NOT NULL"
                           "  UNION ALL"
                           "  SELECT up.start, t.parent_id, up.steps + 1 FROM up"
                           "  JOIN tags t ON t.id = up.id"
                           "  WHERE t.parent_id IS NOT NULL AND up.id <> up.start AND up.steps < 1000)"
                           " SELECT DISTINCT t.id, t.name FROM up JOIN tags t ON t.id = up.start"
                           " WHERE up.id = up.start",
                           problems, describe_cycle, error) &&
         collect_problems (self,
                           "SELECT k.id, k.from_id, k.to_id FROM links k"
                           " LEFT JOIN annotations f ON f.id = k.from_id"
                           " LEFT JOIN annotations t ON t.id = k.to_id"
                           " WHERE f.id IS NULL OR t.id IS NULL"
                           "  OR (k.trash_id IS NULL AND (f.trash_id IS NOT NULL OR t.trash_id IS NOT NULL))",
                           problems, describe_link, error) &&
         collect_problems (self,
                           "SELECT a.id, a.n_annotations, count (n.id) FROM articles a"
                           " LEFT JOIN annotations n ON n.article_id = a.id AND n.trash_id IS NULL"
                           " GROUP BY a.id HAVING a.n_annotations <> count (n.id)",
                           problems, describe_count, error) &&
         collect_problems (self,
                           "SELECT t.id, t.n_annotations, count (n.id) FROM tags t"
                           " LEFT JOIN annotation_tags at ON at.tag_id = t.id"
                           " LEFT JOIN annotations n ON n.id = at.annotation_id AND n.trash_id IS NULL"
                           " GROUP BY t.id HAVING t.n_annotations <> count (n.id)",
                           problems, describe_tag_count, error) &&
         check_texts (self, problems, error) &&
         (check_search_indexes (self, problems), TRUE);
}
