/* glossa-library-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the library (and the exporters, tests and benchmarks)
 * share but applications should not use: the SQLite handle, the statement
 * cache, the transaction helpers and the model object constructors.
 */
#pragma once

#include <sqlite3.h>

#include "glossa-library.h"

G_BEGIN_DECLS

/* 'GLSS' */
#define GLOSSA_APPLICATION_ID 0x474c5353

typedef enum {
  GLOSSA_SCHEMA_EMPTY = 0,
  GLOSSA_SCHEMA_INITIAL = 1,   /* articles, tags, annotations, links, trash, FTS */
  GLOSSA_SCHEMA_FTS_LOG = 2,   /* annotation FTS updated once per transaction */
  GLOSSA_SCHEMA_FTS_SHORT = 3, /* contentless text/annotation FTS with term lookups */
  /* add new versions here; each needs a step in glossa-library.c */
  GLOSSA_SCHEMA_N_VERSIONS,
} GlossaSchemaVersion;

#define GLOSSA_SCHEMA_CURRENT (GLOSSA_SCHEMA_N_VERSIONS - 1)

typedef struct _GlossaTextCache GlossaTextCache;

/* The instance struct, shared by the glossa-library-*.c files. */
struct _GlossaLibrary
{
  GObject          parent_instance;

  char            *path;
  sqlite3         *db;
  GHashTable      *stmts;            /* const char *sql → sqlite3_stmt * */
  GListStore      *articles;         /* GlossaArticle, newest first */
  GListStore      *tags;             /* GlossaTag, tree pre-order */
  GlossaTextCache *text;

  guint            depth;            /* open savepoints */
  /* Pending model updates and signals, flushed when depth drops to 0. */
  GHashTable      *touched_articles; /* gint64 ids whose row changed */
  GHashTable      *touched_annotations; /* gint64 article ids */
  guint            reload_articles : 1;
  guint            reload_tags : 1;  /* the codebook changed: "tags-changed" */
  guint            refresh_tags : 1; /* only counts changed */
  guint            links_changed : 1;
  guint            created : 1;
};

/* Column lists read by the _new_from_stmt() constructors, in this order,
 * starting at column 0. */
#define GLOSSA_ARTICLE_COLUMNS \
  "a.id, a.uuid, a.title, a.byline, a.published, a.site_name, a.source, a.format, " \
  "a.encoding, a.language, a.direction, a.sha256, a.imported, a.modified, a.length, " \
  "a.n_annotations, a.best_effort"
#define GLOSSA_TAG_COLUMNS \
  "t.id, t.uuid, t.name, t.color, t.description, ifnull(t.parent_id, 0), t.position, " \
  "ifnull(t.key, 0), t.n_annotations, t.created, t.modified"
/* The last two columns are a comma-separated list of live tag ids and the
 * number of live links. */
#define GLOSSA_ANNOTATION_COLUMNS \
  "n.id, n.uuid, n.article_id, n.start, n.end, n.quote, n.prefix, n.suffix, n.note, " \
  "n.author, n.created, n.modified, n.orphaned, " \
  "(SELECT group_concat(at.tag_id) FROM annotation_tags at JOIN tags tt ON tt.id = at.tag_id " \
  "  WHERE at.annotation_id = n.id AND tt.trash_id IS NULL), " \
  "(SELECT count(*) FROM links l WHERE l.trash_id IS NULL AND (l.from_id = n.id OR l.to_id = n.id))"
#define GLOSSA_LINK_COLUMNS \
  "k.id, k.uuid, k.from_id, k.to_id, k.type, k.direction, k.note, k.created, k.modified"

GlossaArticle    *_glossa_article_new_from_stmt    (sqlite3_stmt *stmt);
GlossaTag        *_glossa_tag_new_from_stmt        (sqlite3_stmt *stmt,
                                                    guint         depth);
GlossaAnnotation *_glossa_annotation_new_from_stmt (sqlite3_stmt *stmt);
GlossaLink       *_glossa_link_new_from_stmt       (sqlite3_stmt *stmt);

/* sqlite3_column_text as a const char *, "" for NULL. */
const char       *_glossa_column_str               (sqlite3_stmt *stmt,
                                                    int           col);

sqlite3          *_glossa_library_get_db           (GlossaLibrary *self);

/* Prepares @sql once per library (SQLITE_PREPARE_PERSISTENT) and returns the
 * cached statement, reset and with cleared bindings.  @sql must be a string
 * literal: its address is the cache key. */
sqlite3_stmt     *_glossa_library_stmt             (GlossaLibrary *self,
                                                    const char    *sql,
                                                    GError       **error);
void              _glossa_stmt_release             (sqlite3_stmt  *stmt);

typedef sqlite3_stmt GlossaCachedStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossaCachedStmt, _glossa_stmt_release)

/* Sets @error from the connection's last error. */
void              _glossa_library_set_error        (GlossaLibrary *self,
                                                    int            rc,
                                                    GError       **error);

/* A change: begin opens a savepoint, end releases it (or rolls it back when
 * @ok is FALSE) and, at the outermost level, refreshes the models and emits
 * the pending signals. */
gboolean          _glossa_library_change_begin     (GlossaLibrary *self,
                                                    GError       **error);
gboolean          _glossa_library_change_end       (GlossaLibrary *self,
                                                    gboolean       ok,
                                                    GError       **error);

/* Pending model updates and signals, flushed at the outermost commit. */
void              _glossa_library_touch_article    (GlossaLibrary *self,
                                                    gint64         article_id);
void              _glossa_library_touch_annotations (GlossaLibrary *self,
                                                    gint64         article_id);
void              _glossa_library_touch_tags       (GlossaLibrary *self);
/* Calls @touch (a touch function above) for each article id that @sql,
 * with ?1 bound to @arg, returns. */
gboolean          _glossa_library_touch_each       (GlossaLibrary *self,
                                                    const char    *sql,
                                                    gint64         arg,
                                                    void         (*touch) (GlossaLibrary *self,
                                                                           gint64         article_id),
                                                    GError       **error);
void              _glossa_library_touch_links      (GlossaLibrary *self);
/* Annotation counts of tags changed; the codebook itself did not. */
void              _glossa_library_touch_tag_counts (GlossaLibrary *self);
/* Articles were added, removed or restored. */
void              _glossa_library_touch_article_list (GlossaLibrary *self);

/* Runs @sql (no results wanted) with sqlite3_exec. */
gboolean          _glossa_library_exec             (GlossaLibrary *self,
                                                    const char    *sql,
                                                    GError       **error);
/* Steps @stmt to SQLITE_DONE, setting @error otherwise. */
gboolean          _glossa_stmt_done                (GlossaLibrary *self,
                                                    sqlite3_stmt  *stmt,
                                                    GError       **error);
/* Prepares @sql, binds @id to its one parameter and steps to its row:
 * returns the statement on its row (release it), or NULL with @error set
 * to the SQLite error, or to NOT_FOUND with the message @not_found when
 * there is no row. */
sqlite3_stmt     *_glossa_library_row_by_id        (GlossaLibrary  *self,
                                                    const char     *sql,
                                                    gint64          id,
                                                    GError        **error,
                                                    const char     *not_found,
                                                    ...) G_GNUC_PRINTF (5, 6);
/* A new trash entry for @label, then @sql run with ?1 its id and ?2 @id
 * (an UPDATE that moves one row into it); returns the trash id or 0. */
gint64            _glossa_library_trash_row        (GlossaLibrary  *self,
                                                    GlossaTrashKind kind,
                                                    const char     *label,
                                                    const char     *sql,
                                                    gint64          id,
                                                    GError        **error);
/* A new trash entry; returns its id or 0. */
gint64            _glossa_library_new_trash        (GlossaLibrary  *self,
                                                    GlossaTrashKind kind,
                                                    const char     *label,
                                                    GError        **error);
/* Tags (glossa-library-tags.c). */
gboolean          _glossa_library_reload_tags      (GlossaLibrary *self,
                                                    GError       **error);
gboolean          _glossa_library_add_default_codebook (GlossaLibrary *self,
                                                    GError       **error);
/* Annotations (glossa-library-annotations.c). */
gboolean          _glossa_library_trash_annotation_links (GlossaLibrary *self,
                                                    gint64         trash_id,
                                                    GError       **error);

/* The cached text of one article with a code point → byte index, so that
 * many annotations can be added without re-reading or re-decoding it. */
struct _GlossaTextCache {
  gint64  article_id;
  char   *text;
  gsize   n_bytes;
  gint64  length;        /* code points */
  gsize  *index;         /* byte offset of every GLOSSA_TEXT_INDEX_STEP'th code point */
};

#define GLOSSA_TEXT_INDEX_STEP 64

GlossaTextCache  *_glossa_library_get_text         (GlossaLibrary *self,
                                                    gint64         article_id,
                                                    GError       **error);
void              _glossa_library_forget_text      (GlossaLibrary *self);
gsize             _glossa_text_cache_byte_offset   (GlossaTextCache *cache,
                                                    gint64           offset);
void              _glossa_text_cache_context       (GlossaTextCache *cache,
                                                    gint64           start,
                                                    gint64           end,
                                                    char           **quote,
                                                    char           **prefix,
                                                    char           **suffix);

/* Shared by add_article and update_content. */
GBytes           *_glossa_blocks_serialize         (const GlossaExtracted *extracted);
GBytes           *_glossa_links_serialize          (const GlossaExtracted *extracted);
char             *_glossa_sha256                   (const char    *text);
gboolean          _glossa_blocks_deserialize       (GlossaExtracted *extracted,
                                                    GBytes          *blocks,
                                                    GBytes          *links);

/* add_article that returns the existing live article with the same text
 * instead of adding a duplicate (glossa_library_import_file). */
/* Escapes % _ and \ for LIKE … ESCAPE '\'. */
char             *_glossa_like_escape              (const char    *str);

/* Re-anchoring (glossa-library-reanchor.c). */
gboolean          _glossa_library_reanchor         (GlossaLibrary         *self,
                                                    gint64                 article_id,
                                                    const char            *old_text,
                                                    GlossaReanchorReport  *report,
                                                    GError               **error);

G_END_DECLS
