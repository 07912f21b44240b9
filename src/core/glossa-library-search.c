/* glossa-library-search.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search over titles, article text, quotes and notes.
 *
 * Queries of three or more characters narrow the rows through the FTS5
 * trigram indexes.  Shorter ones (时代, 网, "AI") cannot use a trigram
 * index, and LIKE/GLOB on an FTS table silently find nothing for short
 * non-ASCII patterns, so they scan the content tables: instr() when the
 * query has no ASCII letter, LIKE (ASCII case-insensitive) when it has.
 * Either way the rows are then scanned here for the exact positions, in
 * code points, and the keyword-in-context snippets.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "glossa-library-private.h"

#define SNIPPET_CONTEXT 30

typedef enum {
  MODE_FTS,
  MODE_INSTR,
  MODE_LIKE,
  MODE_TERMS,   /* short query: rows holding a trigram that starts with it */
  MODE_NONE,    /* short query: no trigram starts with it, so no row matches */
} Mode;

/* Above this many trigram instances (and at least 8 per wanted hit) a
 * short query is common enough that scanning the rows in order reaches the
 * limit sooner than collecting every row that holds one. */
#define DENSE_INSTANCES 2000

typedef struct {
  GlossaLibrary *self;
  const char    *query;
  gsize          query_len;
  gboolean       fold;          /* ASCII case-insensitive */
  Mode           mode;
  char          *fts_query;
  char          *like_pattern;
  char          *term_prefix;   /* query as the trigram index folds it, or NULL */
  gint64         tag_id;
  const char    *author;
  guint          limit;
  GCancellable  *cancellable;
  GPtrArray     *hits;
} Search;

void
glossa_search_hit_free (GlossaSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->article_title);
  g_free (hit->before);
  g_free (hit->match);
  g_free (hit->after);
  g_free (hit);
}

static gboolean
full (Search *search)
{
  return search->hits->len >= search->limit;
}

/* Next match of the query at or after @from, or NULL.  Folding only ASCII
 * keeps every match on a character boundary: UTF-8 lead and continuation
 * bytes never compare equal to an ASCII byte. */
static const char *
find_next (Search     *search,
           const char *haystack,
           const char *from)
{
  if (!search->fold)
    return strstr (from, search->query);

  for (const char *p = from; *p != '\0'; p++)
    if (g_ascii_tolower (*p) == g_ascii_tolower (search->query[0]) &&
        g_ascii_strncasecmp (p, search->query, search->query_len) == 0)
      return p;

  return NULL;
}

/* @text with newlines and tabs folded to spaces. */
static char *
one_line (const char *start,
          const char *end)
{
  char *line = g_strndup (start, end - start);

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  return line;
}

static void
add_hit (Search               *search,
         GlossaSearchHitKind   kind,
         gint64                article_id,
         gint64                annotation_id,
         const char           *title,
         const char           *text,
         const char           *match,
         gint64                start)
{
  GlossaSearchHit *hit = g_new0 (GlossaSearchHit, 1);
  const char *match_end = match + search->query_len;
  const char *before = match;
  const char *after = match_end;

  for (guint i = 0; i < SNIPPET_CONTEXT && before > text; i++)
    before = g_utf8_prev_char (before);
  for (guint i = 0; i < SNIPPET_CONTEXT && *after != '\0'; i++)
    after = g_utf8_next_char (after);

  hit->kind = kind;
  hit->article_id = article_id;
  hit->annotation_id = annotation_id;
  hit->article_title = g_strdup (title);
  hit->start = start;
  hit->end = start + g_utf8_strlen (match, search->query_len);
  hit->before = one_line (before, match);
  hit->match = one_line (match, match_end);
  hit->after = one_line (match_end, after);

  g_ptr_array_add (search->hits, hit);
}

/* Every match in @text (or only the first), with code-point positions
 * counted incrementally so a long text is walked once. */
static void
scan (Search              *search,
      GlossaSearchHitKind  kind,
      gint64               article_id,
      gint64               annotation_id,
      const char          *title,
      const char          *text,
      gboolean             all)
{
  const char *counted = text;
  gint64 offset = 0;
  const char *match;
  const char *from = text;

  while (!full (search) && (match = find_next (search, text, from)) != NULL)
    {
      offset += g_utf8_strlen (counted, match - counted);
      counted = match;
      add_hit (search, kind, article_id, annotation_id, title, text, match, offset);
      if (!all)
        break;
      from = match + search->query_len;
    }
}

static gboolean
step_error (Search  *search,
            int      rc,
            GError **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;

  _glossa_library_set_error (search->self, rc, error);
  return FALSE;
}

static void
bind_query (Search       *search,
            sqlite3_stmt *stmt)
{
  switch (search->mode)
    {
    case MODE_FTS:
      sqlite3_bind_text (stmt, 1, search->fts_query, -1, SQLITE_STATIC);
      break;
    case MODE_INSTR:
      sqlite3_bind_text (stmt, 1, search->query, -1, SQLITE_STATIC);
      break;
    case MODE_LIKE:
      sqlite3_bind_text (stmt, 1, search->like_pattern, -1, SQLITE_STATIC);
      break;
    case MODE_TERMS:
    case MODE_NONE:
    default:
      sqlite3_bind_text (stmt, 1, search->term_prefix, -1, SQLITE_STATIC);
      break;
    }
}

/* How to find rows for a short query in one index.  @count_sql counts the
 * trigram instances starting with the query, up to ?2: reading them is
 * lazy, so the estimate costs at most the threshold. */
static Mode
short_mode (Search      *search,
            const char  *count_sql,
            GError     **error)
{
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  gint64 threshold;
  gint64 instances;
  int rc;

  if (search->mode == MODE_FTS || search->term_prefix == NULL)
    return search->mode;

  /* Unlimited searches need every row anyway: the terms find them all. */
  if (search->limit == G_MAXUINT)
    return MODE_TERMS;

  threshold = MAX (DENSE_INSTANCES, 8 * (gint64) search->limit);

  stmt = _glossa_library_stmt (search->self, count_sql, error);
  if (stmt == NULL)
    return MODE_NONE;
  sqlite3_bind_text (stmt, 1, search->term_prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, threshold);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _glossa_library_set_error (search->self, rc, error);
      return MODE_NONE;
    }
  instances = sqlite3_column_int64 (stmt, 0);

  if (instances == 0)
    return MODE_NONE;
  if (instances >= threshold)
    return search->mode;
  return MODE_TERMS;
}

static gboolean
search_titles (Search  *search,
               GError **error)
{
  static const char *sql[] = {
    [MODE_FTS] = "SELECT a.id, a.title FROM articles_title_fts f JOIN articles a ON a.id = f.rowid"
                 " WHERE articles_title_fts MATCH ?1 AND a.trash_id IS NULL ORDER BY f.rowid",
    [MODE_INSTR] = "SELECT a.id, a.title FROM articles a WHERE a.trash_id IS NULL"
                   " AND instr (a.title, ?1) > 0 ORDER BY a.id",
    [MODE_LIKE] = "SELECT a.id, a.title FROM articles a WHERE a.trash_id IS NULL"
                  " AND a.title LIKE ?1 ESCAPE '\\' ORDER BY a.id",
  };
  g_autoptr(GlossaCachedStmt) stmt = _glossa_library_stmt (search->self, sql[search->mode], error);
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;

  bind_query (search, stmt);
  while (!full (search) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *title = _glossa_column_str (stmt, 1);

      if (g_cancellable_set_error_if_cancelled (search->cancellable, error))
        return FALSE;
      scan (search, GLOSSA_SEARCH_HIT_TITLE, sqlite3_column_int64 (stmt, 0), 0, title, title, FALSE);
    }

  return full (search) || step_error (search, rc, error);
}

/* Rows come in id order so that the scan can stop at the limit; the FTS
 * index, as the outer loop, streams its matches in that order too. */
#define ANNOTATION_COLUMNS "SELECT n.id, n.article_id, a.title, n.quote, n.note"
#define ANNOTATION_FILTER \
  " n.trash_id IS NULL AND a.trash_id IS NULL" \
  " AND (?2 = 0 OR EXISTS (SELECT 1 FROM annotation_tags at" \
  "                        JOIN tags t ON t.id = at.tag_id" \
  "                        WHERE at.annotation_id = n.id AND at.tag_id = ?2" \
  "                        AND t.trash_id IS NULL))" \
  " AND (?3 IS NULL OR n.author = ?3)"
#define ANNOTATION_SELECT \
  ANNOTATION_COLUMNS " FROM annotations n JOIN articles a ON a.id = n.article_id WHERE" \
  ANNOTATION_FILTER

static gboolean
search_annotations (Search  *search,
                    GError **error)
{
  static const char *sql[] = {
    [MODE_FTS] = ANNOTATION_COLUMNS " FROM annotations_fts f"
                 " JOIN annotations n ON n.id = f.rowid JOIN articles a ON a.id = n.article_id"
                 " WHERE annotations_fts MATCH ?1 AND" ANNOTATION_FILTER " ORDER BY f.rowid",
    [MODE_INSTR] = ANNOTATION_SELECT " AND (instr (n.quote, ?1) > 0 OR instr (n.note, ?1) > 0)"
                   " ORDER BY n.id",
    [MODE_LIKE] = ANNOTATION_SELECT " AND (n.quote LIKE ?1 ESCAPE '\\' OR n.note LIKE ?1 ESCAPE '\\')"
                  " ORDER BY n.id",
    [MODE_TERMS] = ANNOTATION_SELECT " AND n.id IN"
                   " (SELECT doc FROM annotations_instances"
                   "  WHERE term >= ?1 AND term < ?1 || char (1114111))"
                   " ORDER BY n.id",
  };
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  Search local = *search;
  int rc = SQLITE_DONE;

  local.mode = short_mode (search,
                           "SELECT count(*) FROM (SELECT 1 FROM annotations_instances"
                           " WHERE term >= ?1 AND term < ?1 || char (1114111) LIMIT ?2)",
                           error);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (local.mode == MODE_NONE)
    return TRUE;
  search = &local;

  stmt = _glossa_library_stmt (search->self, sql[search->mode], error);
  if (stmt == NULL)
    return FALSE;

  bind_query (search, stmt);
  sqlite3_bind_int64 (stmt, 2, search->tag_id);
  if (search->author != NULL)
    sqlite3_bind_text (stmt, 3, search->author, -1, SQLITE_STATIC);

  while (!full (search) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 article_id = sqlite3_column_int64 (stmt, 1);
      const char *title = _glossa_column_str (stmt, 2);

      if (g_cancellable_set_error_if_cancelled (search->cancellable, error))
        return FALSE;
      scan (search, GLOSSA_SEARCH_HIT_QUOTE, article_id, id, title, _glossa_column_str (stmt, 3), FALSE);
      scan (search, GLOSSA_SEARCH_HIT_NOTE, article_id, id, title, _glossa_column_str (stmt, 4), FALSE);
    }

  return full (search) || step_error (search, rc, error);
}

static gboolean
search_texts (Search  *search,
              GError **error)
{
  static const char *sql[] = {
    [MODE_FTS] = "SELECT c.article_id, a.title, c.text FROM articles_text_fts f"
                 " JOIN article_content c ON c.article_id = f.rowid"
                 " JOIN articles a ON a.id = c.article_id"
                 " WHERE articles_text_fts MATCH ?1 AND a.trash_id IS NULL ORDER BY f.rowid",
    [MODE_INSTR] = "SELECT c.article_id, a.title, c.text FROM article_content c"
                   " JOIN articles a ON a.id = c.article_id"
                   " WHERE a.trash_id IS NULL AND instr (c.text, ?1) > 0 ORDER BY c.article_id",
    [MODE_LIKE] = "SELECT c.article_id, a.title, c.text FROM article_content c"
                  " JOIN articles a ON a.id = c.article_id"
                  " WHERE a.trash_id IS NULL AND c.text LIKE ?1 ESCAPE '\\' ORDER BY c.article_id",
    [MODE_TERMS] = "SELECT c.article_id, a.title, c.text FROM article_content c"
                   " JOIN articles a ON a.id = c.article_id"
                   " WHERE a.trash_id IS NULL AND c.article_id IN"
                   " (SELECT doc FROM articles_text_instances"
                   "  WHERE term >= ?1 AND term < ?1 || char (1114111))"
                   " ORDER BY c.article_id",
  };
  g_autoptr(GlossaCachedStmt) stmt = NULL;
  Search local = *search;
  int rc = SQLITE_DONE;

  local.mode = short_mode (search,
                           "SELECT count(*) FROM (SELECT 1 FROM articles_text_instances"
                           " WHERE term >= ?1 AND term < ?1 || char (1114111) LIMIT ?2)",
                           error);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (local.mode == MODE_NONE)
    return TRUE;
  search = &local;

  stmt = _glossa_library_stmt (search->self, sql[search->mode], error);
  if (stmt == NULL)
    return FALSE;

  bind_query (search, stmt);
  while (!full (search) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (g_cancellable_set_error_if_cancelled (search->cancellable, error))
        return FALSE;
      scan (search, GLOSSA_SEARCH_HIT_TEXT, sqlite3_column_int64 (stmt, 0), 0,
            _glossa_column_str (stmt, 1), _glossa_column_str (stmt, 2), TRUE);
    }

  return full (search) || step_error (search, rc, error);
}

GPtrArray *
glossa_library_search (GlossaLibrary  *self,
                       const char     *query,
                       gint64          tag_id,
                       const char     *author,
                       guint           limit,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) glossa_search_hit_free);
  g_autofree char *trimmed = NULL;
  g_autofree char *escaped = NULL;
  Search search = { 0, };
  gboolean filtered;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID,
                   _("The search text is not valid UTF-8."));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (query));
  if (*trimmed == '\0')
    return g_steal_pointer (&hits);

  search.self = self;
  search.query = trimmed;
  search.query_len = strlen (trimmed);
  search.tag_id = tag_id;
  search.author = author != NULL && *author != '\0' ? author : NULL;
  search.limit = limit > 0 ? limit : G_MAXUINT;
  search.cancellable = cancellable;
  search.hits = hits;

  for (const char *p = trimmed; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      search.fold = TRUE;

  if (g_utf8_strlen (trimmed, -1) >= 3)
    {
      g_autoptr(GString) fts = g_string_new ("\"");

      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (fts, '"');
          g_string_append_c (fts, *p);
        }
      g_string_append_c (fts, '"');
      search.fts_query = g_string_free (g_steal_pointer (&fts), FALSE);
      search.mode = MODE_FTS;
    }
  else if (search.fold)
    {
      escaped = _glossa_like_escape (trimmed);
      search.like_pattern = g_strconcat ("%", escaped, "%", NULL);
      search.mode = MODE_LIKE;
    }
  else
    search.mode = MODE_INSTR;

  /* The trigram index folds case; a short query it folds the same way as
   * ASCII lowering can use its terms.  One with other cased letters (É)
   * is scanned instead. */
  if (search.mode != MODE_FTS)
    {
      gboolean simple = TRUE;

      for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c >= 0x80 && (g_unichar_islower (c) || g_unichar_isupper (c) || g_unichar_istitle (c)))
            simple = FALSE;
        }
      if (simple)
        search.term_prefix = g_ascii_strdown (trimmed, -1);
    }

  /* With a tag or author filter only annotations can match it. */
  filtered = tag_id != 0 || search.author != NULL;

  ok = (filtered || search_titles (&search, error)) &&
       search_annotations (&search, error) &&
       (filtered || search_texts (&search, error));

  g_free (search.fts_query);
  g_free (search.like_pattern);
  g_free (search.term_prefix);

  if (!ok)
    return NULL;

  return g_steal_pointer (&hits);
}

typedef struct {
  char   *path;
  char   *query;
  gint64  tag_id;
  char   *author;
  guint   limit;
} SearchTaskData;

static void
search_task_data_free (gpointer data)
{
  SearchTaskData *task_data = data;

  g_free (task_data->path);
  g_free (task_data->query);
  g_free (task_data->author);
  g_free (task_data);
}

/* Interrupts a long SQLite step once the search is cancelled. */
static int
search_progress_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (user_data)) ? 1 : 0;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      data,
               GCancellable *cancellable)
{
  SearchTaskData *task_data = data;
  g_autoptr(GlossaLibrary) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;
  int rc;

  /* A second library object on its own connection: the statement cache and
   * the text cache are per connection, and nothing here writes. */
  reader = g_object_new (GLOSSA_TYPE_LIBRARY, "path", task_data->path, NULL);
  rc = sqlite3_open_v2 (task_data->path, &reader->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_task_return_new_error (task, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_FAILED,
                               _("The library “%s” could not be opened for searching: %s."),
                               task_data->path,
                               reader->db != NULL ? sqlite3_errmsg (reader->db) : sqlite3_errstr (rc));
      return;
    }
  sqlite3_busy_timeout (reader->db, 5000);
  if (cancellable != NULL)
    sqlite3_progress_handler (reader->db, 4096, search_progress_cb, cancellable);

  hits = glossa_library_search (reader, task_data->query, task_data->tag_id, task_data->author,
                                task_data->limit, cancellable, &error);

  if (cancellable != NULL)
    sqlite3_progress_handler (reader->db, 0, NULL, NULL);

  if (hits == NULL)
    {
      g_autoptr(GError) cancelled = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &cancelled))
        g_task_return_error (task, g_steal_pointer (&cancelled));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

void
glossa_library_search_async (GlossaLibrary        *self,
                             const char           *query,
                             gint64                tag_id,
                             const char           *author,
                             guint                 limit,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchTaskData *task_data;

  g_return_if_fail (GLOSSA_IS_LIBRARY (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossa_library_search_async);
  g_task_set_return_on_cancel (task, FALSE);

  task_data = g_new0 (SearchTaskData, 1);
  task_data->path = g_strdup (self->path);
  task_data->query = g_strdup (query);
  task_data->tag_id = tag_id;
  task_data->author = g_strdup (author);
  task_data->limit = limit;
  g_task_set_task_data (task, task_data, search_task_data_free);

  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
glossa_library_search_finish (GlossaLibrary  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glossa_library_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
