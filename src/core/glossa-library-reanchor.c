/* glossa-library-reanchor.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placing an article's annotations again after its text changed.  The
 * search itself is glossa_anchor_locate(); this file applies its answers.
 */

#include "config.h"

#include "glossa-anchor.h"
#include "glossa-library-private.h"

typedef struct {
  gint64   id;
  gint64   start;
  gint64   end;
  char    *quote;
  char    *prefix;
  char    *suffix;
  gboolean live;
} Anchor;

static void
anchor_clear (gpointer data)
{
  Anchor *anchor = data;

  g_free (anchor->quote);
  g_free (anchor->prefix);
  g_free (anchor->suffix);
}

gboolean
_glossa_library_reanchor (GlossaLibrary         *self,
                          gint64                 article_id,
                          const char            *old_text,
                          GlossaReanchorReport  *report,
                          GError               **error)
{
  g_autoptr(GArray) anchors = g_array_new (FALSE, TRUE, sizeof (Anchor));
  g_autoptr(GlossaAnchorText) text = NULL;
  g_autoptr(GlossaCachedStmt) select = NULL;
  g_autoptr(GlossaCachedStmt) placed = NULL;
  g_autoptr(GlossaCachedStmt) orphaned = NULL;
  GlossaTextCache *cache;
  gint64 now = g_get_real_time ();
  int rc;

  g_array_set_clear_func (anchors, anchor_clear);

  /* Trashed annotations move too, so that restoring one puts it in the
   * right place; only live ones are reported. */
  select = _glossa_library_stmt (self,
                                 "SELECT id, start, end, quote, prefix, suffix, trash_id IS NULL"
                                 " FROM annotations WHERE article_id = ? ORDER BY start, id",
                                 error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, article_id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      Anchor anchor = {
        .id = sqlite3_column_int64 (select, 0),
        .start = sqlite3_column_int64 (select, 1),
        .end = sqlite3_column_int64 (select, 2),
        .quote = g_strdup (_glossa_column_str (select, 3)),
        .prefix = g_strdup (_glossa_column_str (select, 4)),
        .suffix = g_strdup (_glossa_column_str (select, 5)),
        .live = sqlite3_column_int (select, 6) != 0,
      };

      g_array_append_val (anchors, anchor);
    }
  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }
  g_clear_pointer (&select, _glossa_stmt_release);

  if (anchors->len == 0)
    return TRUE;

  cache = _glossa_library_get_text (self, article_id, error);
  if (cache == NULL)
    return FALSE;
  text = glossa_anchor_text_new (cache->text);

  placed = _glossa_library_stmt (self,
                                 "UPDATE annotations SET start = ?2, end = ?3, quote = ?4, prefix = ?5,"
                                 " suffix = ?6, orphaned = 0, modified = ifnull (?7, modified) WHERE id = ?1",
                                 error);
  orphaned = _glossa_library_stmt (self,
                                   "UPDATE annotations SET orphaned = 1, modified = ?2"
                                   " WHERE id = ?1 AND orphaned = 0",
                                   error);
  if (placed == NULL || orphaned == NULL)
    return FALSE;

  for (guint i = 0; i < anchors->len; i++)
    {
      Anchor *anchor = &g_array_index (anchors, Anchor, i);
      gint64 start = anchor->start;
      gint64 end = anchor->end;
      GlossaAnchorResult result;

      result = glossa_anchor_locate (text, anchor->start, anchor->end, anchor->quote,
                                     anchor->prefix, anchor->suffix, &start, &end);

      if (anchor->live)
        switch (result)
          {
          case GLOSSA_ANCHOR_EXACT:
            report->n_exact++;
            break;
          case GLOSSA_ANCHOR_MOVED:
            report->n_moved++;
            break;
          case GLOSSA_ANCHOR_FUZZY:
            report->n_fuzzy++;
            break;
          case GLOSSA_ANCHOR_ORPHANED:
          default:
            report->n_orphaned++;
            g_array_append_val (report->orphan_ids, anchor->id);
            break;
          }

      if (result == GLOSSA_ANCHOR_ORPHANED || start < 0 || end <= start ||
          end > glossa_anchor_text_length (text))
        {
          /* The quote stays the old quote; the position its last known one. */
          sqlite3_reset (orphaned);
          sqlite3_bind_int64 (orphaned, 1, anchor->id);
          sqlite3_bind_int64 (orphaned, 2, now);
          if (!_glossa_stmt_done (self, orphaned, error))
            return FALSE;
        }
      else
        {
          g_autofree char *quote = NULL;
          g_autofree char *prefix = NULL;
          g_autofree char *suffix = NULL;

          glossa_anchor_text_context (text, start, end, &quote, &prefix, &suffix);

          sqlite3_reset (placed);
          sqlite3_bind_int64 (placed, 1, anchor->id);
          sqlite3_bind_int64 (placed, 2, start);
          sqlite3_bind_int64 (placed, 3, end);
          sqlite3_bind_text (placed, 4, quote, -1, SQLITE_STATIC);
          sqlite3_bind_text (placed, 5, prefix, -1, SQLITE_STATIC);
          sqlite3_bind_text (placed, 6, suffix, -1, SQLITE_STATIC);
          if (result == GLOSSA_ANCHOR_EXACT && start == anchor->start && end == anchor->end)
            sqlite3_bind_null (placed, 7);
          else
            sqlite3_bind_int64 (placed, 7, now);
          if (!_glossa_stmt_done (self, placed, error))
            return FALSE;
        }
    }

  (void) old_text;

  return TRUE;
}
