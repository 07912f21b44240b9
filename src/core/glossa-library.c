/* glossa-library.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library file: opening, migrations, the statement cache, transactions
 * with deferred model updates, and articles.  Tags, annotations, links,
 * trash, search and re-anchoring live in the glossa-library-*.c files.
 */

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "glossa-anchor.h"
#include "glossa-library-private.h"

G_DEFINE_FINAL_TYPE (GlossaLibrary, glossa_library, G_TYPE_OBJECT)


enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  ANNOTATIONS_CHANGED,
  LINKS_CHANGED,
  TAGS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Version 1.  Times are µs since the epoch.  Items in the trash keep their
 * rows with trash_id set; every list ignores them.  Counts of live
 * annotations per article and per tag are kept by triggers so that the
 * article and tag lists never count a million rows. */
static const char schema_initial[] =
  "CREATE TABLE trash ("
  "  id INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL,"
  "  label TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL);"

  "CREATE TABLE articles ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  byline TEXT, published TEXT, site_name TEXT, source TEXT,"
  "  format TEXT, encoding TEXT, language TEXT, direction TEXT,"
  "  sha256 TEXT NOT NULL,"
  "  imported INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  length INTEGER NOT NULL CHECK (length >= 0),"
  "  best_effort INTEGER NOT NULL DEFAULT 0,"
  "  n_annotations INTEGER NOT NULL DEFAULT 0,"
  "  trash_id INTEGER REFERENCES trash (id));"
  "CREATE INDEX articles_sha256 ON articles (sha256);"
  "CREATE INDEX articles_trash ON articles (trash_id) WHERE trash_id IS NOT NULL;"

  /* Kept apart so that listing articles never pages in their text. */
  "CREATE TABLE article_content ("
  "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL,"
  "  blocks BLOB,"
  "  links BLOB,"
  "  original BLOB);"

  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  color TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  parent_id INTEGER REFERENCES tags (id),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  key INTEGER CHECK (key BETWEEN 1 AND 9),"
  "  n_annotations INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  trash_id INTEGER REFERENCES trash (id));"
  "CREATE INDEX tags_parent ON tags (parent_id);"

  "CREATE TABLE annotations ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  quote TEXT NOT NULL,"
  "  prefix TEXT NOT NULL DEFAULT '',"
  "  suffix TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  author TEXT NOT NULL DEFAULT '',"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  orphaned INTEGER NOT NULL DEFAULT 0,"
  "  trash_id INTEGER REFERENCES trash (id),"
  "  CHECK (start >= 0 AND start < end));"
  "CREATE INDEX annotations_article ON annotations (article_id, start, end);"
  "CREATE INDEX annotations_trash ON annotations (trash_id) WHERE trash_id IS NOT NULL;"

  "CREATE TABLE annotation_tags ("
  "  annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (annotation_id, tag_id)) WITHOUT ROWID;"
  "CREATE INDEX annotation_tags_tag ON annotation_tags (tag_id);"

  "CREATE TABLE link_types ("
  "  name TEXT PRIMARY KEY,"
  "  position INTEGER NOT NULL);"

  "CREATE TABLE links ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  from_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  to_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  type TEXT NOT NULL REFERENCES link_types (name),"
  "  direction INTEGER NOT NULL DEFAULT 0 CHECK (direction BETWEEN 0 AND 2),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  trash_id INTEGER REFERENCES trash (id),"
  "  CHECK (from_id <> to_id));"
  "CREATE INDEX links_from ON links (from_id);"
  "CREATE INDEX links_to ON links (to_id);"

  /* Live annotation counts. */
  "CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations"
  "  WHEN new.trash_id IS NULL BEGIN"
  "  UPDATE articles SET n_annotations = n_annotations + 1 WHERE id = new.article_id;"
  "END;"
  "CREATE TRIGGER annotations_count_delete BEFORE DELETE ON annotations"
  "  WHEN old.trash_id IS NULL BEGIN"
  "  UPDATE articles SET n_annotations = n_annotations - 1 WHERE id = old.article_id;"
  "  UPDATE tags SET n_annotations = n_annotations - 1"
  "    WHERE id IN (SELECT tag_id FROM annotation_tags WHERE annotation_id = old.id);"
  "END;"
  "CREATE TRIGGER annotations_count_trash AFTER UPDATE OF trash_id ON annotations"
  "  WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN"
  "  UPDATE articles SET n_annotations = n_annotations"
  "    + (CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END) WHERE id = new.article_id;"
  "  UPDATE tags SET n_annotations = n_annotations"
  "    + (CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END)"
  "    WHERE id IN (SELECT tag_id FROM annotation_tags WHERE annotation_id = new.id);"
  "END;"
  "CREATE TRIGGER annotation_tags_count_insert AFTER INSERT ON annotation_tags BEGIN"
  "  UPDATE tags SET n_annotations = n_annotations + 1 WHERE id = new.tag_id"
  "    AND (SELECT trash_id FROM annotations WHERE id = new.annotation_id) IS NULL;"
  "END;"
  "CREATE TRIGGER annotation_tags_count_delete AFTER DELETE ON annotation_tags BEGIN"
  "  UPDATE tags SET n_annotations = n_annotations - 1 WHERE id = old.tag_id"
  "    AND EXISTS (SELECT 1 FROM annotations WHERE id = old.annotation_id AND trash_id IS NULL);"
  "END;"

  /* Full-text search: trigram indexes over the content tables, kept in
   * sync by triggers.  They only narrow the rows; positions and snippets
   * are computed from the content itself. */
  "CREATE VIRTUAL TABLE articles_title_fts USING fts5 ("
  "  title, content = 'articles', content_rowid = 'id', tokenize = 'trigram');"
  "CREATE VIRTUAL TABLE articles_text_fts USING fts5 ("
  "  text, content = 'article_content', content_rowid = 'article_id', tokenize = 'trigram');"
  "CREATE VIRTUAL TABLE annotations_fts USING fts5 ("
  "  quote, note, content = 'annotations', content_rowid = 'id', tokenize = 'trigram');"

  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  "  INSERT INTO articles_title_fts (rowid, title) VALUES (new.id, new.title);"
  "END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_title_fts (articles_title_fts, rowid, title)"
  "    VALUES ('delete', old.id, old.title);"
  "END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title ON articles BEGIN"
  "  INSERT INTO articles_title_fts (articles_title_fts, rowid, title)"
  "    VALUES ('delete', old.id, old.title);"
  "  INSERT INTO articles_title_fts (rowid, title) VALUES (new.id, new.title);"
  "END;"
  "CREATE TRIGGER article_content_fts_insert AFTER INSERT ON article_content BEGIN"
  "  INSERT INTO articles_text_fts (rowid, text) VALUES (new.article_id, new.text);"
  "END;"
  "CREATE TRIGGER article_content_fts_delete AFTER DELETE ON article_content BEGIN"
  "  INSERT INTO articles_text_fts (articles_text_fts, rowid, text)"
  "    VALUES ('delete', old.article_id, old.text);"
  "END;"
  "CREATE TRIGGER article_content_fts_update AFTER UPDATE OF text ON article_content BEGIN"
  "  INSERT INTO articles_text_fts (articles_text_fts, rowid, text)"
  "    VALUES ('delete', old.article_id, old.text);"
  "  INSERT INTO articles_text_fts (rowid, text) VALUES (new.article_id, new.text);"
  "END;"
  "CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN"
  "  INSERT INTO annotations_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);"
  "END;"
  "CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN"
  "  INSERT INTO annotations_fts (annotations_fts, rowid, quote, note)"
  "    VALUES ('delete', old.id, old.quote, old.note);"
  "END;"
  "CREATE TRIGGER annotations_fts_update AFTER UPDATE OF quote, note ON annotations BEGIN"
  "  INSERT INTO annotations_fts (annotations_fts, rowid, quote, note)"
  "    VALUES ('delete', old.id, old.quote, old.note);"
  "  INSERT INTO annotations_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);"
  "END;";

/* Version 2.  FTS5 flushes its pending index data at every savepoint, and
 * every call is a savepoint: indexing annotations from triggers made a bulk
 * transaction of a million of them write a million tiny segments.  The
 * triggers now only log which rows changed (with the values the index holds
 * for them); the index is brought up to date once, when the outermost
 * change commits (sync_annotations_fts). */
static const char schema_fts_log[] =
  "DROP TRIGGER annotations_fts_insert;"
  "DROP TRIGGER annotations_fts_delete;"
  "DROP TRIGGER annotations_fts_update;"
  "CREATE TABLE annotations_fts_log ("
  "  rowid INTEGER PRIMARY KEY,"
  "  indexed INTEGER NOT NULL,"     /* the index holds old_quote/old_note for it */
  "  old_quote TEXT,"
  "  old_note TEXT);"
  "CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN"
  "  INSERT OR IGNORE INTO annotations_fts_log (rowid, indexed) VALUES (new.id, 0);"
  "END;"
  "CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN"
  "  INSERT OR IGNORE INTO annotations_fts_log (rowid, indexed, old_quote, old_note)"
  "    VALUES (old.id, 1, old.quote, old.note);"
  "END;"
  "CREATE TRIGGER annotations_fts_update AFTER UPDATE OF quote, note ON annotations BEGIN"
  "  INSERT OR IGNORE INTO annotations_fts_log (rowid, indexed, old_quote, old_note)"
  "    VALUES (old.id, 1, old.quote, old.note);"
  "END;";

/* Version 3.  A trigram index cannot answer a query of one or two
 * characters directly, but every occurrence of one starts some trigram:
 * its terms are the index's terms with that prefix (fts5vocab, a range
 * scan).  Indexing every text and quote with two newlines appended makes
 * that hold at the very end of a text too, so "no term" proves "no match".
 * The indexes become contentless, since what they index is no longer a
 * column; they only ever give row ids. */
static const char schema_fts_short[] =
  "DROP TRIGGER article_content_fts_insert;"
  "DROP TRIGGER article_content_fts_delete;"
  "DROP TRIGGER article_content_fts_update;"
  "DROP TABLE articles_text_fts;"
  "DROP TABLE annotations_fts;"
  "CREATE VIRTUAL TABLE articles_text_fts USING fts5 ("
  "  text, content = '', tokenize = 'trigram');"
  "CREATE VIRTUAL TABLE annotations_fts USING fts5 ("
  "  quote, note, content = '', tokenize = 'trigram');"
  "CREATE VIRTUAL TABLE articles_text_terms USING fts5vocab (articles_text_fts, 'row');"
  "CREATE VIRTUAL TABLE articles_text_instances USING fts5vocab (articles_text_fts, 'instance');"
  "CREATE VIRTUAL TABLE annotations_terms USING fts5vocab (annotations_fts, 'row');"
  "CREATE VIRTUAL TABLE annotations_instances USING fts5vocab (annotations_fts, 'instance');"
  "CREATE TRIGGER article_content_fts_insert AFTER INSERT ON article_content BEGIN"
  "  INSERT INTO articles_text_fts (rowid, text) VALUES (new.article_id, new.text || char (10, 10));"
  "END;"
  "CREATE TRIGGER article_content_fts_delete AFTER DELETE ON article_content BEGIN"
  "  INSERT INTO articles_text_fts (articles_text_fts, rowid, text)"
  "    VALUES ('delete', old.article_id, old.text || char (10, 10));"
  "END;"
  "CREATE TRIGGER article_content_fts_update AFTER UPDATE OF text ON article_content BEGIN"
  "  INSERT INTO articles_text_fts (articles_text_fts, rowid, text)"
  "    VALUES ('delete', old.article_id, old.text || char (10, 10));"
  "  INSERT INTO articles_text_fts (rowid, text) VALUES (new.article_id, new.text || char (10, 10));"
  "END;"
  "INSERT INTO articles_text_fts (rowid, text)"
  "  SELECT article_id, text || char (10, 10) FROM article_content;"
  "DELETE FROM annotations_fts_log;"
  "INSERT INTO annotations_fts (rowid, quote, note)"
  "  SELECT id, quote || char (10, 10), note || char (10, 10) FROM annotations;";

typedef struct {
  GlossaSchemaVersion to;
  const char *sql;
} MigrationStep;

/* Cumulative: a file at version N runs every step after N, each in its own
 * transaction. */
static const MigrationStep migrations[] = {
  { GLOSSA_SCHEMA_INITIAL, schema_initial },
  { GLOSSA_SCHEMA_FTS_LOG, schema_fts_log },
  { GLOSSA_SCHEMA_FTS_SHORT, schema_fts_short },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GLOSSA_SCHEMA_CURRENT);

/* ------------------------------------------------------------------------ */
/* Helpers shared with the other library files                               */

const char *
_glossa_column_str (sqlite3_stmt *stmt,
                    int           col)
{
  const char *str = (const char *) sqlite3_column_text (stmt, col);

  return str != NULL ? str : "";
}

sqlite3 *
_glossa_library_get_db (GlossaLibrary *self)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  return self->db;
}

void
_glossa_library_set_error (GlossaLibrary *self,
                           int            rc,
                           GError       **error)
{
  int code = GLOSSA_LIBRARY_ERROR_FAILED;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = GLOSSA_LIBRARY_ERROR_BUSY;
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = GLOSSA_LIBRARY_ERROR_CORRUPT;
      break;

    case SQLITE_CONSTRAINT:
      code = GLOSSA_LIBRARY_ERROR_INVALID;
      break;

    default:
      break;
    }

  g_debug ("SQLite error %d: %s", rc, self->db ? sqlite3_errmsg (self->db) : "");
  g_set_error (error, GLOSSA_LIBRARY_ERROR, code,
               _("The library “%s” could not be changed: %s."),
               self->path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

sqlite3_stmt *
_glossa_library_stmt (GlossaLibrary *self,
                      const char    *sql,
                      GError       **error)
{
  sqlite3_stmt *stmt;

  g_assert (GLOSSA_IS_LIBRARY (self));

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          g_critical ("Failed to prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
          _glossa_library_set_error (self, rc, error);
          return NULL;
        }
      g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
    }

  return stmt;
}

void
_glossa_stmt_release (sqlite3_stmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}

gboolean
_glossa_library_exec (GlossaLibrary *self,
                      const char    *sql,
                      GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_glossa_stmt_done (GlossaLibrary *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_glossa_library_row_by_id (GlossaLibrary  *self,
                           const char     *sql,
                           gint64          id,
                           GError        **error,
                           const char     *not_found,
                           ...)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  va_list args;
  int rc;

  stmt = _glossa_library_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_steal_pointer (&stmt);

  if (rc != SQLITE_DONE)
    _glossa_library_set_error (self, rc, error);
  else if (error != NULL)
    {
      va_start (args, not_found);
      g_propagate_error (error, g_error_new_valist (GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
                                                    not_found, args));
      va_end (args);
    }

  return NULL;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           col,
                   const char   *str)
{
  if (str != NULL)
    sqlite3_bind_text (stmt, col, str, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, col);
}

static void
bind_bytes (sqlite3_stmt *stmt,
            int           col,
            GBytes       *bytes)
{
  gsize len = 0;
  gconstpointer data;

  if (bytes == NULL)
    {
      sqlite3_bind_null (stmt, col);
      return;
    }

  data = g_bytes_get_data (bytes, &len);
  sqlite3_bind_blob64 (stmt, col, data != NULL ? data : "", len, SQLITE_TRANSIENT);
}

char *
_glossa_sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Blocks and link spans are stored as serialized GVariants: compact, and
 * read back with full validation. */
#define BLOCKS_TYPE "a(uuxx)"
#define LINKS_TYPE  "a(xxs)"

GBytes *
_glossa_blocks_serialize (const GlossaExtracted *extracted)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE (BLOCKS_TYPE));
  g_autoptr(GVariant) variant = NULL;

  if (extracted->blocks != NULL)
    for (guint i = 0; i < extracted->blocks->len; i++)
      {
        const GlossaBlock *block = &g_array_index (extracted->blocks, GlossaBlock, i);

        g_variant_builder_add (&builder, "(uuxx)", (guint32) block->kind, (guint32) block->level,
                               (gint64) block->start, (gint64) block->end);
      }

  variant = g_variant_ref_sink (g_variant_builder_end (&builder));

  return g_variant_get_data_as_bytes (variant);
}

GBytes *
_glossa_links_serialize (const GlossaExtracted *extracted)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE (LINKS_TYPE));
  g_autoptr(GVariant) variant = NULL;

  if (extracted->links != NULL)
    for (guint i = 0; i < extracted->links->len; i++)
      {
        const GlossaLinkSpan *span = &g_array_index (extracted->links, GlossaLinkSpan, i);

        g_variant_builder_add (&builder, "(xxs)", (gint64) span->start, (gint64) span->end,
                               span->href != NULL ? span->href : "");
      }

  variant = g_variant_ref_sink (g_variant_builder_end (&builder));

  return g_variant_get_data_as_bytes (variant);
}

gboolean
_glossa_blocks_deserialize (GlossaExtracted *extracted,
                            GBytes          *blocks,
                            GBytes          *links)
{
  if (blocks != NULL)
    {
      g_autoptr(GVariant) variant =
        g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (BLOCKS_TYPE), blocks, FALSE));
      GVariantIter iter;
      guint32 kind, level;
      gint64 start, end;

      g_variant_iter_init (&iter, variant);
      while (g_variant_iter_next (&iter, "(uuxx)", &kind, &level, &start, &end))
        {
          if (kind > GLOSSA_BLOCK_CAPTION || start < 0 || end < start || end > extracted->length)
            return FALSE;
          glossa_extracted_add_block (extracted, kind, level, start, end);
        }
    }

  if (links != NULL)
    {
      g_autoptr(GVariant) variant =
        g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (LINKS_TYPE), links, FALSE));
      GVariantIter iter;
      gint64 start, end;
      const char *href;

      g_variant_iter_init (&iter, variant);
      while (g_variant_iter_next (&iter, "(xx&s)", &start, &end, &href))
        {
          if (start < 0 || end < start || end > extracted->length)
            return FALSE;
          glossa_extracted_add_link (extracted, start, end, href);
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Changes and deferred notifications                                        */

void
_glossa_library_touch_article (GlossaLibrary *self,
                               gint64         article_id)
{
  g_hash_table_add (self->touched_articles, g_memdup2 (&article_id, sizeof article_id));
}

void
_glossa_library_touch_annotations (GlossaLibrary *self,
                                   gint64         article_id)
{
  g_hash_table_add (self->touched_annotations, g_memdup2 (&article_id, sizeof article_id));
  /* The article's annotation count changed with them. */
  _glossa_library_touch_article (self, article_id);
  self->refresh_tags = TRUE;
}

void
_glossa_library_touch_tags (GlossaLibrary *self)
{
  self->reload_tags = TRUE;
}

void
_glossa_library_touch_tag_counts (GlossaLibrary *self)
{
  self->refresh_tags = TRUE;
}

void
_glossa_library_touch_links (GlossaLibrary *self)
{
  self->links_changed = TRUE;
}

void
_glossa_library_touch_article_list (GlossaLibrary *self)
{
  self->reload_articles = TRUE;
}

static void
forget_pending (GlossaLibrary *self)
{
  g_hash_table_remove_all (self->touched_articles);
  g_hash_table_remove_all (self->touched_annotations);
  self->reload_articles = FALSE;
  self->reload_tags = FALSE;
  self->refresh_tags = FALSE;
  self->links_changed = FALSE;
}

static gboolean
reload_articles (GlossaLibrary  *self,
                 GError        **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  int rc;

  stmt = _glossa_library_stmt (self,
                               "SELECT " GLOSSA_ARTICLE_COLUMNS " FROM articles a"
                               " WHERE a.trash_id IS NULL ORDER BY a.imported DESC, a.id DESC",
                               error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, _glossa_article_new_from_stmt (stmt));

  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }

  g_list_store_splice (self->articles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->articles)),
                       items->pdata, items->len);

  return TRUE;
}

/* Newest first: imported descending, then id descending. */
static int
compare_articles (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GlossaArticle *x = (GlossaArticle *) a;
  GlossaArticle *y = (GlossaArticle *) b;
  gint64 ix = glossa_article_get_imported (x), iy = glossa_article_get_imported (y);
  gint64 dx = glossa_article_get_id (x), dy = glossa_article_get_id (y);

  if (ix != iy)
    return ix > iy ? -1 : 1;
  return (dx > dy) ? -1 : (dx < dy);
}

/* Brings one article's row of the model in line with the file: replaced,
 * inserted in order (added, restored) or removed (trashed), so that a
 * list view keeps its scroll position and selection. */
static void
refresh_article (GlossaLibrary *self,
                 gint64         article_id)
{
  g_autoptr(GlossaArticle) article = glossa_library_get_article (self, article_id, NULL);
  GListModel *model = G_LIST_MODEL (self->articles);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaArticle) old = g_list_model_get_item (model, i);

      if (glossa_article_get_id (old) != article_id)
        continue;

      if (article != NULL && compare_articles (old, article, NULL) == 0)
        g_list_store_splice (self->articles, i, 1, (gpointer *) &article, 1);
      else
        {
          g_list_store_remove (self->articles, i);
          if (article != NULL)
            g_list_store_insert_sorted (self->articles, article, compare_articles, NULL);
        }
      return;
    }

  if (article != NULL)
    g_list_store_insert_sorted (self->articles, article, compare_articles, NULL);
}

static void
flush_pending (GlossaLibrary *self)
{
  g_autoptr(GHashTable) articles = NULL;
  g_autoptr(GHashTable) annotations = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reload_all = self->reload_articles;
  gboolean reload_tags = self->reload_tags;
  gboolean refresh_tags = self->refresh_tags;
  gboolean links_changed = self->links_changed;

  /* Take everything first: model and signal handlers may change the
   * library again, which queues (and flushes) its own updates. */
  articles = g_steal_pointer (&self->touched_articles);
  annotations = g_steal_pointer (&self->touched_annotations);
  self->touched_articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->touched_annotations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  forget_pending (self);

  /* Updating in place costs a scan of the model per article: past a few
   * dozen (a bulk transaction), one reload is cheaper. */
  if (reload_all || g_hash_table_size (articles) > 32)
    {
      if (!reload_articles (self, &error))
        g_warning ("Failed to reload the articles: %s", error->message);
      g_clear_error (&error);
    }
  else
    {
      g_autofree gpointer *ids = (gpointer *) g_hash_table_get_keys_as_array (articles, NULL);

      for (guint i = 0; ids[i] != NULL; i++)
        refresh_article (self, *(gint64 *) ids[i]);
    }

  if (reload_tags || refresh_tags)
    {
      if (!_glossa_library_reload_tags (self, &error))
        g_warning ("Failed to reload the tags: %s", error->message);
      g_clear_error (&error);
    }

  /* Signals last. */
  if (reload_tags)
    g_signal_emit (self, signals[TAGS_CHANGED], 0);

  if (g_hash_table_size (annotations) == 1)
    {
      g_autofree gpointer *ids = (gpointer *) g_hash_table_get_keys_as_array (annotations, NULL);

      g_signal_emit (self, signals[ANNOTATIONS_CHANGED], 0, *(gint64 *) ids[0]);
    }
  else if (g_hash_table_size (annotations) > 1)
    g_signal_emit (self, signals[ANNOTATIONS_CHANGED], 0, (gint64) 0);

  if (links_changed)
    g_signal_emit (self, signals[LINKS_CHANGED], 0);
}

/* Savepoints are taken for every call: prepared once, like the rest. */
static gboolean
run_cached (GlossaLibrary  *self,
            const char     *sql,
            GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = _glossa_library_stmt (self, sql, error);

  return stmt != NULL && _glossa_stmt_done (self, stmt, error);
}

/* See schema_fts_log.  The first logged state of a row is what the index
 * holds; the row as it is now is what it should hold. */
static gboolean
sync_annotations_fts (GlossaLibrary  *self,
                      GError        **error)
{
  g_autoptr(GlossaCachedStmt) pending = NULL;
  int rc;

  pending = _glossa_library_stmt (self, "SELECT EXISTS (SELECT 1 FROM annotations_fts_log)", error);
  if (pending == NULL)
    return FALSE;
  rc = sqlite3_step (pending);
  if (rc != SQLITE_ROW)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }
  if (sqlite3_column_int (pending, 0) == 0)
    return TRUE;
  g_clear_pointer (&pending, _glossa_stmt_release);

  return run_cached (self,
                     "INSERT INTO annotations_fts (annotations_fts, rowid, quote, note)"
                     " SELECT 'delete', rowid, old_quote || char (10, 10), old_note || char (10, 10)"
                     " FROM annotations_fts_log WHERE indexed = 1",
                     error) &&
         run_cached (self,
                     "INSERT INTO annotations_fts (rowid, quote, note)"
                     " SELECT n.id, n.quote || char (10, 10), n.note || char (10, 10)"
                     " FROM annotations_fts_log g JOIN annotations n ON n.id = g.rowid",
                     error) &&
         run_cached (self, "DELETE FROM annotations_fts_log", error);
}

gboolean
_glossa_library_change_begin (GlossaLibrary  *self,
                              GError        **error)
{
  g_assert (GLOSSA_IS_LIBRARY (self));

  if (!run_cached (self, "SAVEPOINT glossa_change", error))
    return FALSE;

  self->depth++;

  return TRUE;
}

gboolean
_glossa_library_change_end (GlossaLibrary  *self,
                            gboolean        ok,
                            GError        **error)
{
  g_assert (GLOSSA_IS_LIBRARY (self));
  g_assert (self->depth > 0);

  if (ok && self->depth == 1 && !sync_annotations_fts (self, error))
    ok = FALSE;

  if (ok)
    {
      if (!run_cached (self, "RELEASE glossa_change", error))
        ok = FALSE;
    }

  if (!ok)
    {
      /* The savepoint is still open when RELEASE failed: undo it whole. */
      sqlite3_exec (self->db, "ROLLBACK TO glossa_change; RELEASE glossa_change", NULL, NULL, NULL);
      /* The cached text may be the one the failed change wrote. */
      _glossa_library_forget_text (self);
    }

  self->depth--;

  if (self->depth == 0)
    {
      if (sqlite3_get_autocommit (self->db) == 0)
        g_warning ("A transaction is still open after the last savepoint");
      flush_pending (self);
    }

  return ok;
}

gboolean
glossa_library_begin (GlossaLibrary  *self,
                      GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);

  return _glossa_library_change_begin (self, error);
}

gboolean
glossa_library_commit (GlossaLibrary  *self,
                       GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  return _glossa_library_change_end (self, TRUE, error);
}

void
glossa_library_rollback (GlossaLibrary *self)
{
  g_return_if_fail (GLOSSA_IS_LIBRARY (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    {
      /* Nothing of what was done inside reached the file, so the models
       * are still right; rather than refresh for nothing, reload fully
       * only if something was pending (cheap, and always correct). */
      gboolean had_pending = self->reload_articles || self->reload_tags || self->refresh_tags ||
                             g_hash_table_size (self->touched_articles) > 0;

      forget_pending (self);
      if (had_pending)
        {
          self->reload_articles = TRUE;
          self->refresh_tags = TRUE;
        }
    }

  _glossa_library_change_end (self, FALSE, NULL);
}

/* ------------------------------------------------------------------------ */
/* The text cache                                                            */

static void
text_cache_free (GlossaTextCache *cache)
{
  if (cache == NULL)
    return;

  g_free (cache->text);
  g_free (cache->index);
  g_free (cache);
}

void
_glossa_library_forget_text (GlossaLibrary *self)
{
  g_clear_pointer (&self->text, text_cache_free);
}

static GlossaTextCache *
text_cache_new (gint64      article_id,
                const char *text,
                gsize       n_bytes)
{
  GlossaTextCache *cache = g_new0 (GlossaTextCache, 1);
  const char *p;
  gint64 i = 0;
  gsize n_index = 0;

  cache->article_id = article_id;
  cache->text = g_strndup (text, n_bytes);
  cache->n_bytes = n_bytes;
  cache->length = g_utf8_strlen (cache->text, n_bytes);
  cache->index = g_new (gsize, cache->length / GLOSSA_TEXT_INDEX_STEP + 1);

  for (p = cache->text; ; p = g_utf8_next_char (p), i++)
    {
      if (i % GLOSSA_TEXT_INDEX_STEP == 0)
        cache->index[n_index++] = p - cache->text;
      if (*p == '\0')
        break;
    }

  return cache;
}

GlossaTextCache *
_glossa_library_get_text (GlossaLibrary  *self,
                          gint64          article_id,
                          GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  if (self->text != NULL && self->text->article_id == article_id)
    return self->text;

  stmt = _glossa_library_row_by_id (self,
                                    "SELECT c.text FROM article_content c JOIN articles a ON a.id = c.article_id"
                                    " WHERE c.article_id = ? AND a.trash_id IS NULL",
                                    article_id, error,
                                    _("The library “%s” has no article %" PRId64 "."),
                                    self->path, article_id);
  if (stmt == NULL)
    return NULL;

  _glossa_library_forget_text (self);
  self->text = text_cache_new (article_id, (const char *) sqlite3_column_text (stmt, 0),
                               sqlite3_column_bytes (stmt, 0));

  return self->text;
}

gsize
_glossa_text_cache_byte_offset (GlossaTextCache *cache,
                                gint64           offset)
{
  const char *p;
  gint64 i;

  offset = CLAMP (offset, 0, cache->length);
  p = cache->text + cache->index[offset / GLOSSA_TEXT_INDEX_STEP];
  for (i = offset - offset % GLOSSA_TEXT_INDEX_STEP; i < offset; i++)
    p = g_utf8_next_char (p);

  return p - cache->text;
}

void
_glossa_text_cache_context (GlossaTextCache  *cache,
                            gint64            start,
                            gint64            end,
                            char            **quote,
                            char            **prefix,
                            char            **suffix)
{
  gint64 before = MAX (start - GLOSSA_CONTEXT_LENGTH, 0);

  /* glossa_anchor_context is the one implementation; starting it at the
   * prefix instead of the text's beginning keeps it O(quote). */
  glossa_anchor_context (cache->text + _glossa_text_cache_byte_offset (cache, before),
                         start - before, end - before, quote, prefix, suffix);
}

/* ------------------------------------------------------------------------ */
/* Opening                                                                   */

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;

  return rc == SQLITE_OK;
}

static void
set_corrupt (GlossaLibrary  *self,
             const char     *detail,
             GError        **error)
{
  if (detail != NULL)
    g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_CORRUPT,
                 _("The library “%s” is damaged (%s); restore it from a backup."),
                 self->path, detail);
  else
    g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_CORRUPT,
                 _("The file “%s” is not a Glossa library."), self->path);
}

static gboolean
quick_check (GlossaLibrary  *self,
             GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (first == NULL)
          first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      set_corrupt (self, sqlite3_errstr (rc), error);
      return FALSE;
    }

  if (g_strcmp0 (first, "ok") != 0)
    {
      set_corrupt (self, first != NULL ? first : "no result", error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (GlossaLibrary  *self,
         gint64          version,
         GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;

      if (migrations[i].to <= version)
        continue;

      g_debug ("Migrating “%s” to schema %d", self->path, migrations[i].to);

      if (!_glossa_library_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* The step's own transaction is the outermost change: the calls
       * inside it must not flush as if they were. */
      self->depth++;

      set_version = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].to);

      if (!_glossa_library_exec (self, migrations[i].sql, &local_error) ||
          (migrations[i].to == GLOSSA_SCHEMA_INITIAL &&
           (!_glossa_library_exec (self, "PRAGMA application_id = " G_STRINGIFY (GLOSSA_APPLICATION_ID),
                                   &local_error) ||
            !_glossa_library_add_default_codebook (self, &local_error))) ||
          !_glossa_library_exec (self, set_version, &local_error) ||
          !_glossa_library_exec (self, "COMMIT", &local_error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          self->depth--;
          forget_pending (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      self->depth--;
      forget_pending (self);
    }

  return TRUE;
}

static gboolean
open_db (GlossaLibrary  *self,
         GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gint64 app_id = 0;
  gint64 version = 0;
  gint64 n_tables = 0;
  GStatBuf st;
  gboolean existed;
  int rc;

  existed = g_stat (self->path, &st) == 0;
  if (existed && !S_ISREG (st.st_mode))
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_FAILED,
                   _("“%s” is not a regular file and cannot hold a library."), self->path);
      return FALSE;
    }

  if (!existed && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_FAILED,
                   _("The folder “%s” for the library could not be created: %s."),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_FAILED,
                   _("The library “%s” could not be opened: %s."),
                   self->path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* A file that is not SQLite fails here with SQLITE_NOTADB. */
  if (!query_int (self->db, "PRAGMA application_id", &app_id, &rc) ||
      !query_int (self->db, "PRAGMA user_version", &version, &rc) ||
      !query_int (self->db, "SELECT count(*) FROM sqlite_schema", &n_tables, &rc))
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        set_corrupt (self, NULL, error);
      else if ((rc & 0xff) == SQLITE_BUSY)
        g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_BUSY,
                     _("The library “%s” is locked by another program."), self->path);
      else
        set_corrupt (self, sqlite3_errstr (rc), error);
      return FALSE;
    }

  if (app_id != GLOSSA_APPLICATION_ID && (app_id != 0 || n_tables > 0))
    {
      set_corrupt (self, NULL, error);
      return FALSE;
    }

  if (version > GLOSSA_SCHEMA_CURRENT)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_TOO_NEW,
                   _("The library “%s” was made by a newer version of Glossa; "
                     "update Glossa to open it."), self->path);
      return FALSE;
    }

  if (n_tables > 0 && !quick_check (self, error))
    return FALSE;

  if (!_glossa_library_exec (self,
                             "PRAGMA foreign_keys = ON;"
                             "PRAGMA journal_mode = WAL;"
                             "PRAGMA synchronous = FULL;"
                             /* Each change is a savepoint: keep its sub-journal in
                              * memory rather than writing every page twice. */
                             "PRAGMA temp_store = MEMORY;"
                             "PRAGMA cache_size = -32768;",
                             error))
    return FALSE;

  self->created = n_tables == 0;

  return migrate (self, version, error);
}

GlossaLibrary *
glossa_library_open (const char  *path,
                     GError     **error)
{
  g_autoptr(GlossaLibrary) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GLOSSA_TYPE_LIBRARY, "path", path, NULL);

  if (!open_db (self, error))
    return NULL;

  if (!reload_articles (self, error) || !_glossa_library_reload_tags (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

char *
glossa_library_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "glossa", "library.glossa", NULL);
}

const char *
glossa_library_get_path (GlossaLibrary *self)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  return self->path;
}

gboolean
glossa_library_get_created (GlossaLibrary *self)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);

  return self->created;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
glossa_library_dispose (GObject *object)
{
  GlossaLibrary *self = GLOSSA_LIBRARY (object);

  g_clear_object (&self->articles);
  g_clear_object (&self->tags);

  G_OBJECT_CLASS (glossa_library_parent_class)->dispose (object);
}

static void
glossa_library_finalize (GObject *object)
{
  GlossaLibrary *self = GLOSSA_LIBRARY (object);

  if (self->depth > 0 && self->db != NULL)
    {
      g_warning ("Library “%s” finalized inside a transaction; rolling it back", self->path);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->touched_articles, g_hash_table_unref);
  g_clear_pointer (&self->touched_annotations, g_hash_table_unref);
  _glossa_library_forget_text (self);
  g_free (self->path);

  G_OBJECT_CLASS (glossa_library_parent_class)->finalize (object);
}

static void
glossa_library_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossaLibrary *self = GLOSSA_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_library_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossaLibrary *self = GLOSSA_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_library_class_init (GlossaLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glossa_library_dispose;
  object_class->finalize = glossa_library_finalize;
  object_class->get_property = glossa_library_get_property;
  object_class->set_property = glossa_library_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ANNOTATIONS_CHANGED] =
    g_signal_new ("annotations-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[LINKS_CHANGED] =
    g_signal_new ("links-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TAGS_CHANGED] =
    g_signal_new ("tags-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
glossa_library_init (GlossaLibrary *self)
{
  self->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_stmt);
  self->articles = g_list_store_new (GLOSSA_TYPE_ARTICLE);
  self->tags = g_list_store_new (GLOSSA_TYPE_TAG);
  self->touched_articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->touched_annotations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* ------------------------------------------------------------------------ */
/* Articles                                                                  */

GListModel *
glossa_library_get_articles (GlossaLibrary *self)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->articles);
}

static gboolean
validate_extracted (GlossaLibrary          *self,
                    const GlossaExtracted  *extracted,
                    const char             *what,
                    GError                **error)
{
  gint64 length;

  if (extracted->text == NULL || !g_utf8_validate (extracted->text, -1, NULL))
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("The text of “%s” is not valid UTF-8 and was not stored."), what);
      return FALSE;
    }

  length = g_utf8_strlen (extracted->text, -1);

  if (extracted->blocks != NULL)
    for (guint i = 0; i < extracted->blocks->len; i++)
      {
        const GlossaBlock *block = &g_array_index (extracted->blocks, GlossaBlock, i);

        if (block->start < 0 || block->end < block->start || block->end > length)
          {
            g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                         _("The structure of “%s” has a block outside its text and was not stored."),
                         what);
            return FALSE;
          }
      }

  if (extracted->links != NULL)
    for (guint i = 0; i < extracted->links->len; i++)
      {
        const GlossaLinkSpan *span = &g_array_index (extracted->links, GlossaLinkSpan, i);

        if (span->start < 0 || span->end < span->start || span->end > length)
          {
            g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                         _("The structure of “%s” has a link outside its text and was not stored."),
                         what);
            return FALSE;
          }
      }

  return TRUE;
}

static char *
article_title (const GlossaExtracted *extracted,
               const char            *source)
{
  if (extracted->title != NULL)
    {
      g_autofree char *title = g_strstrip (g_strdup (extracted->title));

      if (*title != '\0')
        return g_steal_pointer (&title);
    }

  if (source != NULL && *source != '\0')
    return g_path_get_basename (source);

  return g_strdup (_("Untitled Article"));
}

static gint64
find_article_by_sha256 (GlossaLibrary  *self,
                        const char     *sha256,
                        GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  int rc;

  stmt = _glossa_library_stmt (self,
                               "SELECT id FROM articles WHERE sha256 = ? AND trash_id IS NULL"
                               " ORDER BY id LIMIT 1",
                               error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
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

static gint64
add_article (GlossaLibrary          *self,
             const GlossaExtracted  *extracted,
             GBytes                 *original,
             const char             *source,
             const char             *uuid,
             gboolean                dedupe,
             GError                **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autoptr(GlossaCachedStmt) content = NULL;
  g_autoptr(GBytes) blocks = NULL;
  g_autoptr(GBytes) links = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *title = NULL;
  gint64 now = g_get_real_time ();
  gint64 id;

  title = article_title (extracted, source);

  if (!validate_extracted (self, extracted, source != NULL ? source : title, error))
    return 0;

  sha256 = _glossa_sha256 (extracted->text);

  if (dedupe)
    {
      id = find_article_by_sha256 (self, sha256, error);
      if (id != 0)
        return MAX (id, 0);
    }

  if (uuid == NULL)
    uuid = generated = g_uuid_string_random ();
  else if (!g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("“%s” is not a valid uuid for an article."), uuid);
      return 0;
    }

  blocks = _glossa_blocks_serialize (extracted);
  links = _glossa_links_serialize (extracted);

  stmt = _glossa_library_stmt (self,
                               "INSERT INTO articles (uuid, title, byline, published, site_name, source,"
                               " format, encoding, language, direction, sha256, imported, modified,"
                               " length, best_effort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, extracted->byline);
  bind_text_or_null (stmt, 4, extracted->published);
  bind_text_or_null (stmt, 5, extracted->site_name);
  bind_text_or_null (stmt, 6, source);
  bind_text_or_null (stmt, 7, extracted->format);
  bind_text_or_null (stmt, 8, extracted->encoding);
  bind_text_or_null (stmt, 9, extracted->language);
  bind_text_or_null (stmt, 10, extracted->direction);
  sqlite3_bind_text (stmt, 11, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 12, now);
  sqlite3_bind_int64 (stmt, 13, now);
  sqlite3_bind_int64 (stmt, 14, g_utf8_strlen (extracted->text, -1));
  sqlite3_bind_int (stmt, 15, extracted->best_effort ? 1 : 0);

  if (!_glossa_stmt_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);

  content = _glossa_library_stmt (self,
                                  "INSERT INTO article_content (article_id, text, blocks, links, original)"
                                  " VALUES (?, ?, ?, ?, ?)",
                                  error);
  if (content == NULL)
    return 0;

  sqlite3_bind_int64 (content, 1, id);
  sqlite3_bind_text (content, 2, extracted->text, -1, SQLITE_STATIC);
  bind_bytes (content, 3, blocks);
  bind_bytes (content, 4, links);
  bind_bytes (content, 5, original);

  if (!_glossa_stmt_done (self, content, error))
    return 0;

  _glossa_library_touch_article (self, id);

  return id;
}

gint64
glossa_library_add_article (GlossaLibrary          *self,
                            const GlossaExtracted  *extracted,
                            GBytes                 *original,
                            const char             *source,
                            const char             *uuid,
                            GError                **error)
{
  gint64 id;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (extracted != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_glossa_library_change_begin (self, error))
    return 0;

  id = add_article (self, extracted, original, source, uuid, FALSE, error);

  if (!_glossa_library_change_end (self, id > 0, id > 0 ? error : NULL))
    return 0;

  return id;
}

gint64
glossa_library_import_extracted (GlossaLibrary          *self,
                                 const GlossaExtracted  *extracted,
                                 GBytes                 *original,
                                 const char             *source,
                                 GError                **error)
{
  gint64 id;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (extracted != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_glossa_library_change_begin (self, error))
    return 0;

  id = add_article (self, extracted, original, source, NULL, TRUE, error);

  if (!_glossa_library_change_end (self, id > 0, id > 0 ? error : NULL))
    return 0;

  return id;
}

GlossaArticle *
glossa_library_get_article (GlossaLibrary  *self,
                            gint64          id,
                            GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  stmt = _glossa_library_row_by_id (self,
                                    "SELECT " GLOSSA_ARTICLE_COLUMNS " FROM articles a"
                                    " WHERE a.id = ? AND a.trash_id IS NULL",
                                    id, error, _("The library “%s” has no article %" PRId64 "."),
                                    self->path, id);
  return stmt != NULL ? _glossa_article_new_from_stmt (stmt) : NULL;
}

static gboolean
is_all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static gboolean
looks_like_uuid_prefix (const char *s)
{
  gsize len = strlen (s);

  if (len < 4 || len > 36)
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isxdigit (*s) && *s != '-')
      return FALSE;
  return TRUE;
}

/* Collects up to two ids of @sql bound to @arg. */
static guint
collect_ids (GlossaLibrary  *self,
             const char     *sql,
             const char     *arg,
             gint64         *ids,
             GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = _glossa_library_stmt (self, sql, error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return G_MAXUINT;

  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  while (n < 2 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ids[n++] = sqlite3_column_int64 (stmt, 0);

  return n;
}

char *
_glossa_like_escape (const char *str)
{
  GString *out = g_string_new (NULL);

  for (; *str != '\0'; str++)
    {
      if (*str == '%' || *str == '_' || *str == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *str);
    }

  return g_string_free (out, FALSE);
}

GlossaArticle *
glossa_library_lookup_article (GlossaLibrary  *self,
                               const char     *spec,
                               GError        **error)
{
  g_autofree char *prefix = NULL;
  gint64 ids[2];
  guint n;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (is_all_digits (spec))
    {
      gint64 id = g_ascii_strtoll (spec, NULL, 10);
      GlossaArticle *article = glossa_library_get_article (self, id, NULL);

      if (article != NULL)
        return article;
    }

  prefix = _glossa_like_escape (spec);
  {
    g_autofree char *pattern = g_strconcat (prefix, "%", NULL);

    if (looks_like_uuid_prefix (spec))
      {
        n = collect_ids (self,
                         "SELECT id FROM articles WHERE uuid LIKE ? ESCAPE '\\' AND trash_id IS NULL",
                         pattern, ids, error);
        if (n == G_MAXUINT)
          return NULL;
        if (n == 1)
          return glossa_library_get_article (self, ids[0], error);
        if (n > 1)
          goto ambiguous;
      }

    /* An exact title wins over a prefix of longer titles. */
    n = collect_ids (self, "SELECT id FROM articles WHERE title = ? AND trash_id IS NULL",
                     spec, ids, error);
    if (n == G_MAXUINT)
      return NULL;
    if (n == 1)
      return glossa_library_get_article (self, ids[0], error);
    if (n > 1)
      goto ambiguous;

    n = collect_ids (self,
                     "SELECT id FROM articles WHERE title LIKE ? ESCAPE '\\' AND trash_id IS NULL",
                     pattern, ids, error);
    if (n == G_MAXUINT)
      return NULL;
    if (n == 1)
      return glossa_library_get_article (self, ids[0], error);
    if (n > 1)
      goto ambiguous;
  }

  g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
               _("No article in “%s” matches “%s”."), self->path, spec);
  return NULL;

ambiguous:
  g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_AMBIGUOUS,
               _("More than one article in “%s” matches “%s”; give more of its title or uuid."),
               self->path, spec);
  return NULL;
}

static gboolean
read_content (GlossaLibrary    *self,
              gint64            id,
              gboolean          want_original,
              GlossaExtracted **extracted_out,
              GBytes          **original_out,
              GError          **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autoptr(GlossaExtracted) extracted = NULL;
  g_autoptr(GBytes) blocks = NULL;
  g_autoptr(GBytes) links = NULL;

  stmt = _glossa_library_row_by_id (self,
                                    "SELECT a.title, a.byline, a.published, a.site_name, a.language,"
                                    " a.direction, a.format, a.encoding, a.best_effort,"
                                    " c.text, c.blocks, c.links"
                                    " FROM articles a JOIN article_content c ON c.article_id = a.id"
                                    " WHERE a.id = ? AND a.trash_id IS NULL",
                                    id, error, _("The library “%s” has no article %" PRId64 "."),
                                    self->path, id);
  if (stmt == NULL)
    return FALSE;

  if (extracted_out != NULL)
    {
      extracted = glossa_extracted_new ();
      extracted->title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      extracted->byline = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      extracted->published = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      extracted->site_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      extracted->language = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      extracted->direction = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      extracted->format = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      extracted->encoding = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      extracted->best_effort = sqlite3_column_int (stmt, 8) != 0;
      glossa_extracted_set_text (extracted, g_strndup ((const char *) sqlite3_column_text (stmt, 9),
                                                       sqlite3_column_bytes (stmt, 9)));
      if (sqlite3_column_type (stmt, 10) == SQLITE_BLOB)
        blocks = g_bytes_new (sqlite3_column_blob (stmt, 10), sqlite3_column_bytes (stmt, 10));
      if (sqlite3_column_type (stmt, 11) == SQLITE_BLOB)
        links = g_bytes_new (sqlite3_column_blob (stmt, 11), sqlite3_column_bytes (stmt, 11));

      if (!_glossa_blocks_deserialize (extracted, blocks, links))
        {
          g_autofree char *detail = g_strdup_printf ("article %" PRId64 " has invalid blocks",
                                                     id);
          set_corrupt (self, detail, error);
          return FALSE;
        }
      *extracted_out = g_steal_pointer (&extracted);
    }

  if (want_original && original_out != NULL)
    {
      g_autoptr(GlossaCachedStmt) orig = NULL;
      int rc;

      sqlite3_reset (stmt);
      orig = _glossa_library_stmt (self, "SELECT original FROM article_content WHERE article_id = ?",
                                   error);
      if (orig == NULL)
        return FALSE;
      sqlite3_bind_int64 (orig, 1, id);
      rc = sqlite3_step (orig);
      if (rc == SQLITE_ROW && sqlite3_column_type (orig, 0) == SQLITE_BLOB)
        *original_out = g_bytes_new (sqlite3_column_blob (orig, 0), sqlite3_column_bytes (orig, 0));
      else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        *original_out = NULL;
      else
        {
          _glossa_library_set_error (self, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

GlossaExtracted *
glossa_library_load_content (GlossaLibrary  *self,
                             gint64          id,
                             GError        **error)
{
  GlossaExtracted *extracted = NULL;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  if (!read_content (self, id, FALSE, &extracted, NULL, error))
    return NULL;

  return extracted;
}

GBytes *
glossa_library_load_original (GlossaLibrary  *self,
                              gint64          id,
                              GError        **error)
{
  GBytes *original = NULL;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);

  if (!read_content (self, id, TRUE, NULL, &original, error))
    return NULL;

  if (original == NULL)
    g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND,
                 _("The library “%s” kept no original file for article %" PRId64 "."),
                 self->path, id);

  return original;
}

gboolean
glossa_library_update_content (GlossaLibrary           *self,
                               gint64                   id,
                               const GlossaExtracted   *extracted,
                               GBytes                  *original,
                               GlossaReanchorReport   **report,
                               GError                 **error)
{
  g_autoptr(GlossaReanchorReport) local_report = NULL;
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autoptr(GBytes) blocks = NULL;
  g_autoptr(GBytes) links = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *what = NULL;
  GlossaTextCache *cache;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (extracted != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  what = g_strdup_printf ("article %" PRId64, id);
  if (!validate_extracted (self, extracted, what, error))
    return FALSE;

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  cache = _glossa_library_get_text (self, id, error);
  if (cache == NULL)
    goto out;
  old_text = g_strdup (cache->text);

  sha256 = _glossa_sha256 (extracted->text);
  blocks = _glossa_blocks_serialize (extracted);
  links = _glossa_links_serialize (extracted);

  stmt = _glossa_library_stmt (self,
                               "UPDATE article_content SET text = ?, blocks = ?, links = ?,"
                               " original = coalesce (?, original) WHERE article_id = ?",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, extracted->text, -1, SQLITE_STATIC);
  bind_bytes (stmt, 2, blocks);
  bind_bytes (stmt, 3, links);
  bind_bytes (stmt, 4, original);
  sqlite3_bind_int64 (stmt, 5, id);
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;
  g_clear_pointer (&stmt, _glossa_stmt_release);

  stmt = _glossa_library_stmt (self,
                               "UPDATE articles SET sha256 = ?, length = ?, modified = ?,"
                               " title = coalesce (nullif (trim (?), ''), title),"
                               " byline = coalesce (?, byline), published = coalesce (?, published),"
                               " site_name = coalesce (?, site_name), language = coalesce (?, language),"
                               " direction = coalesce (?, direction), format = coalesce (?, format),"
                               " encoding = coalesce (?, encoding), best_effort = ?"
                               " WHERE id = ?",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_utf8_strlen (extracted->text, -1));
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  bind_text_or_null (stmt, 4, extracted->title);
  bind_text_or_null (stmt, 5, extracted->byline);
  bind_text_or_null (stmt, 6, extracted->published);
  bind_text_or_null (stmt, 7, extracted->site_name);
  bind_text_or_null (stmt, 8, extracted->language);
  bind_text_or_null (stmt, 9, extracted->direction);
  bind_text_or_null (stmt, 10, extracted->format);
  bind_text_or_null (stmt, 11, extracted->encoding);
  sqlite3_bind_int (stmt, 12, extracted->best_effort ? 1 : 0);
  sqlite3_bind_int64 (stmt, 13, id);
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;

  _glossa_library_forget_text (self);

  local_report = g_new0 (GlossaReanchorReport, 1);
  local_report->orphan_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!_glossa_library_reanchor (self, id, old_text, local_report, error))
    goto out;

  _glossa_library_touch_article (self, id);
  _glossa_library_touch_annotations (self, id);
  ok = TRUE;

out:
  if (!_glossa_library_change_end (self, ok, ok ? error : NULL))
    return FALSE;

  if (report != NULL)
    *report = g_steal_pointer (&local_report);

  return TRUE;
}

/* NULL for NULL, empty or blank. */
static char *
strip_or_null (const char *text)
{
  g_autofree char *stripped = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  if (stripped == NULL || *stripped == '\0')
    return NULL;
  return g_steal_pointer (&stripped);
}

gboolean
glossa_library_set_article_details (GlossaLibrary  *self,
                                    gint64          id,
                                    const char     *title,
                                    const char     *byline,
                                    const char     *published,
                                    GError        **error)
{
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *new_title = strip_or_null (title);
  g_autofree char *new_byline = strip_or_null (byline);
  g_autofree char *new_published = strip_or_null (published);
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (new_title == NULL)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("An article in “%s” cannot have an empty title."), self->path);
      return FALSE;
    }

  if (!_glossa_library_change_begin (self, error))
    return FALSE;

  article = glossa_library_get_article (self, id, error);
  if (article == NULL)
    goto out;

  stmt = _glossa_library_stmt (self,
                               "UPDATE articles SET title = ?1, byline = ?2, published = ?3,"
                               " modified = ?4 WHERE id = ?5",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, new_title, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 2, new_byline);
  bind_text_or_null (stmt, 3, new_published);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 5, id);
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;

  _glossa_library_touch_article (self, id);
  ok = TRUE;

out:
  return _glossa_library_change_end (self, ok, ok ? error : NULL) && ok;
}

gint64
_glossa_library_new_trash (GlossaLibrary    *self,
                           GlossaTrashKind   kind,
                           const char       *label,
                           GError          **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  g_autofree char *line = NULL;

  /* A label is one line of a list: a long quote is cut, with an ellipsis. */
  line = g_strdup (label != NULL ? label : "");
  g_strdelimit (line, "\n\r\t", ' ');
  if (g_utf8_strlen (line, -1) > 80)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 79);

      g_free (line);
      line = g_strconcat (cut, "…", NULL);
    }

  stmt = _glossa_library_stmt (self, "INSERT INTO trash (kind, label, deleted) VALUES (?, ?, ?)",
                               error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_text (stmt, 2, line, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  if (!_glossa_stmt_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
_glossa_library_touch_each (GlossaLibrary  *self,
                            const char     *sql,
                            gint64          arg,
                            void          (*touch) (GlossaLibrary *self,
                                                    gint64         article_id),
                            GError        **error)
{
  g_autoptr(GlossaCachedStmt) stmt = _glossa_library_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, arg);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    touch (self, sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _glossa_library_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

gint64
_glossa_library_trash_row (GlossaLibrary    *self,
                           GlossaTrashKind   kind,
                           const char       *label,
                           const char       *sql,
                           gint64            id,
                           GError          **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gint64 trash_id;

  trash_id = _glossa_library_new_trash (self, kind, label, error);
  if (trash_id == 0)
    return 0;

  stmt = _glossa_library_stmt (self, sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, trash_id);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_glossa_stmt_done (self, stmt, error))
    return 0;

  return trash_id;
}

gint64
glossa_library_remove_article (GlossaLibrary  *self,
                               gint64          id,
                               GError        **error)
{
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gint64 trash_id = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_glossa_library_change_begin (self, error))
    return 0;

  article = glossa_library_get_article (self, id, error);
  if (article == NULL)
    goto out;

  trash_id = _glossa_library_trash_row (self, GLOSSA_TRASH_ARTICLE, glossa_article_get_title (article),
                                        "UPDATE articles SET trash_id = ?1 WHERE id = ?2", id, error);
  if (trash_id == 0)
    goto out;

  stmt = _glossa_library_stmt (self,
                               "UPDATE annotations SET trash_id = ?1"
                               " WHERE article_id = ?2 AND trash_id IS NULL",
                               error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, trash_id);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_glossa_stmt_done (self, stmt, error))
    goto out;

  if (!_glossa_library_trash_annotation_links (self, trash_id, error))
    goto out;

  if (self->text != NULL && self->text->article_id == id)
    _glossa_library_forget_text (self);

  _glossa_library_touch_annotations (self, id);
  ok = TRUE;

out:
  if (!_glossa_library_change_end (self, ok, ok ? error : NULL))
    return 0;

  return trash_id;
}

void
glossa_reanchor_report_free (GlossaReanchorReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->orphan_ids, g_array_unref);
  g_free (report);
}
