/* glossa-library.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Glossa library: one SQLite file holding articles, the codebook,
 * annotations, links and the trash.  Every mutating call is one transaction
 * (a savepoint when the caller already opened one with glossa_library_begin):
 * it either happens whole or leaves the file as it was.
 *
 * Items are addressed by their integer id; uuids are stable across libraries
 * and exports.  Functions taking a "spec" accept an id, a uuid (or unique
 * uuid prefix), or a unique name/title prefix.
 *
 * Signals: "annotations-changed" (gint64 article_id, 0 when several),
 * "links-changed", "tags-changed" (the tags model is updated as well);
 * the articles model is updated in place.
 */
#pragma once

#include <gio/gio.h>

#include "glossa-types.h"
#include "glossa-extracted.h"
#include "glossa-article.h"
#include "glossa-tag.h"
#include "glossa-annotation.h"
#include "glossa-link.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_LIBRARY (glossa_library_get_type ())

G_DECLARE_FINAL_TYPE (GlossaLibrary, glossa_library, GLOSSA, LIBRARY, GObject)

typedef struct {
  guint   n_exact;
  guint   n_moved;
  guint   n_fuzzy;
  guint   n_orphaned;
  GArray *orphan_ids;          /* gint64 annotation ids */
} GlossaReanchorReport;

typedef struct {
  gint64          id;
  GlossaTrashKind kind;
  char           *label;       /* title, tag name or quote */
  gint64          deleted;     /* µs since epoch */
  guint           n_items;     /* items that go back with it */
} GlossaTrashEntry;

typedef struct {
  GlossaSearchHitKind kind;
  gint64              article_id;
  gint64              annotation_id;   /* 0 for title and text hits */
  char               *article_title;
  gint64              start;           /* match in code points: into the article text for
                                        * TEXT hits, into the title/quote/note otherwise */
  gint64              end;
  char               *before;          /* keyword in context, one line each */
  char               *match;
  char               *after;
} GlossaSearchHit;

char          *glossa_library_get_default_path (void);

/* Opens @path, creating it (with the default codebook) when missing. */
GlossaLibrary *glossa_library_open             (const char     *path,
                                                GError        **error);
const char    *glossa_library_get_path         (GlossaLibrary  *self);
/* TRUE when this open created the file. */
gboolean       glossa_library_get_created      (GlossaLibrary  *self);

gboolean       glossa_library_begin            (GlossaLibrary  *self,
                                                GError        **error);
gboolean       glossa_library_commit           (GlossaLibrary  *self,
                                                GError        **error);
void           glossa_library_rollback         (GlossaLibrary  *self);

/* Articles. The list model holds GlossaArticle, newest first, and is kept
 * up to date by the library. */
GListModel      *glossa_library_get_articles     (GlossaLibrary         *self);
gint64           glossa_library_add_article      (GlossaLibrary         *self,
                                                  const GlossaExtracted *extracted,
                                                  GBytes                *original,
                                                  const char            *source,
                                                  const char            *uuid,
                                                  GError               **error);
gint64           glossa_library_import_file      (GlossaLibrary         *self,
                                                  GFile                 *file,
                                                  const char            *encoding,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
GlossaArticle   *glossa_library_get_article      (GlossaLibrary         *self,
                                                  gint64                 id,
                                                  GError               **error);
GlossaArticle   *glossa_library_lookup_article   (GlossaLibrary         *self,
                                                  const char            *spec,
                                                  GError               **error);
GlossaExtracted *glossa_library_load_content     (GlossaLibrary         *self,
                                                  gint64                 id,
                                                  GError               **error);
GBytes          *glossa_library_load_original    (GlossaLibrary         *self,
                                                  gint64                 id,
                                                  GError               **error);
/* Adds a freshly imported article, or returns the id of the live article
 * that already has exactly this text, so importing a file twice opens it. */
gint64           glossa_library_import_extracted (GlossaLibrary         *self,
                                                  const GlossaExtracted *extracted,
                                                  GBytes                *original,
                                                  const char            *source,
                                                  GError               **error);
/* Replaces the text (re-import, re-extraction) and re-anchors every
 * annotation of the article. */
gboolean         glossa_library_update_content   (GlossaLibrary         *self,
                                                  gint64                 id,
                                                  const GlossaExtracted *extracted,
                                                  GBytes                *original,
                                                  GlossaReanchorReport **report,
                                                  GError               **error);
/* Renames an article and sets its byline and publication date (NULL or
 * empty clears them); the title must not be empty. */
gboolean         glossa_library_set_article_details (GlossaLibrary      *self,
                                                     gint64              id,
                                                     const char         *title,
                                                     const char         *byline,
                                                     const char         *published,
                                                     GError            **error);
/* Removing moves to the trash; returns the trash entry id, or 0 on error. */
gint64           glossa_library_remove_article   (GlossaLibrary         *self,
                                                  gint64                 id,
                                                  GError               **error);

/* Tags.  The list model holds GlossaTag in tree pre-order. */
GListModel *glossa_library_get_tags        (GlossaLibrary        *self);
GlossaTag  *glossa_library_get_tag         (GlossaLibrary        *self,
                                            gint64                id,
                                            GError              **error);
/* id, uuid, name, or "Parent/Child" path. */
GlossaTag  *glossa_library_lookup_tag      (GlossaLibrary        *self,
                                            const char           *spec,
                                            GError              **error);
gint64      glossa_library_add_tag         (GlossaLibrary        *self,
                                            const char           *name,
                                            gint64                parent_id,
                                            const char           *color,
                                            const char           *description,
                                            guint                 key,
                                            const char           *uuid,
                                            GError              **error);
gboolean    glossa_library_rename_tag      (GlossaLibrary        *self,
                                            gint64                id,
                                            const char           *name,
                                            GError              **error);
gboolean    glossa_library_set_tag_color   (GlossaLibrary        *self,
                                            gint64                id,
                                            const char           *color,
                                            GError              **error);
gboolean    glossa_library_set_tag_description (GlossaLibrary    *self,
                                            gint64                id,
                                            const char           *description,
                                            GError              **error);
/* A key already held by another tag moves to this one; 0 clears. */
gboolean    glossa_library_set_tag_key     (GlossaLibrary        *self,
                                            gint64                id,
                                            guint                 key,
                                            GError              **error);
/* @position -1 appends. Refuses cycles. */
gboolean    glossa_library_move_tag        (GlossaLibrary        *self,
                                            gint64                id,
                                            gint64                parent_id,
                                            gint                  position,
                                            GError              **error);
/* Every annotation of @from gets @into; @from's children move under @into;
 * @from goes to the trash. Returns the trash entry id. */
gint64      glossa_library_merge_tags      (GlossaLibrary        *self,
                                            gint64                from_id,
                                            gint64                into_id,
                                            GError              **error);
gint64      glossa_library_remove_tag      (GlossaLibrary        *self,
                                            gint64                id,
                                            GlossaTagDeleteMode   mode,
                                            GError              **error);

/* Annotations. */
gint64            glossa_library_add_annotation        (GlossaLibrary  *self,
                                                        gint64          article_id,
                                                        gint64          start,
                                                        gint64          end,
                                                        const gint64   *tag_ids,
                                                        guint           n_tags,
                                                        const char     *note,
                                                        const char     *author,
                                                        const char     *uuid,
                                                        GError        **error);
/* GlossaAnnotation in text order; @article_id 0 for all, @tag_id 0 for any. */
GPtrArray        *glossa_library_list_annotations      (GlossaLibrary  *self,
                                                        gint64          article_id,
                                                        gint64          tag_id,
                                                        GError        **error);
GlossaAnnotation *glossa_library_get_annotation        (GlossaLibrary  *self,
                                                        gint64          id,
                                                        GError        **error);
GlossaAnnotation *glossa_library_lookup_annotation     (GlossaLibrary  *self,
                                                        const char     *spec,
                                                        GError        **error);
gboolean          glossa_library_set_annotation_note   (GlossaLibrary  *self,
                                                        gint64          id,
                                                        const char     *note,
                                                        GError        **error);
gboolean          glossa_library_add_annotation_tag    (GlossaLibrary  *self,
                                                        gint64          id,
                                                        gint64          tag_id,
                                                        GError        **error);
gboolean          glossa_library_remove_annotation_tag (GlossaLibrary  *self,
                                                        gint64          id,
                                                        gint64          tag_id,
                                                        GError        **error);
/* Moves an annotation (or re-attaches an orphan) to [@start, @end),
 * taking the quote and context from the text there. */
gboolean          glossa_library_set_annotation_range  (GlossaLibrary  *self,
                                                        gint64          id,
                                                        gint64          start,
                                                        gint64          end,
                                                        GError        **error);
gint64            glossa_library_remove_annotation     (GlossaLibrary  *self,
                                                        gint64          id,
                                                        GError        **error);
/* The @occurrence'th (from 1) exact occurrence of @quote in the text; with
 * @occurrence 0, the only one (AMBIGUOUS when there are several). */
gboolean          glossa_library_find_quote            (GlossaLibrary  *self,
                                                        gint64          article_id,
                                                        const char     *quote,
                                                        guint           occurrence,
                                                        gint64         *start,
                                                        gint64         *end,
                                                        GError        **error);

/* Links. */
gint64      glossa_library_add_link        (GlossaLibrary        *self,
                                            gint64                from_id,
                                            gint64                to_id,
                                            const char           *type,
                                            GlossaLinkDirection   direction,
                                            const char           *note,
                                            const char           *uuid,
                                            GError              **error);
/* GlossaLink touching @annotation_id (either end), or all for 0. */
GPtrArray  *glossa_library_list_links      (GlossaLibrary        *self,
                                            gint64                annotation_id,
                                            GError              **error);
GlossaLink *glossa_library_get_link        (GlossaLibrary        *self,
                                            gint64                id,
                                            GError              **error);
gboolean    glossa_library_set_link_note   (GlossaLibrary        *self,
                                            gint64                id,
                                            const char           *note,
                                            GError              **error);
gint64      glossa_library_remove_link     (GlossaLibrary        *self,
                                            gint64                id,
                                            GError              **error);
char      **glossa_library_list_link_types (GlossaLibrary        *self);
gboolean    glossa_library_add_link_type   (GlossaLibrary        *self,
                                            const char           *name,
                                            GError              **error);

/* Trash. */
GPtrArray *glossa_library_list_trash  (GlossaLibrary  *self,
                                       GError        **error);
gboolean   glossa_library_restore     (GlossaLibrary  *self,
                                       gint64          trash_id,
                                       GError        **error);
gboolean   glossa_library_empty_trash (GlossaLibrary  *self,
                                       GError        **error);

/* Search over titles, text, quotes and notes.  @tag_id and @author, when
 * set, keep only annotation hits of annotations matching them. */
GPtrArray *glossa_library_search      (GlossaLibrary  *self,
                                       const char     *query,
                                       gint64          tag_id,
                                       const char     *author,
                                       guint           limit,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* The same in a worker thread, on a read-only connection of its own (the
 * file is in WAL mode, so it never waits for a writer).  Annotations made
 * inside a transaction still open are not found until it commits. */
void       glossa_library_search_async  (GlossaLibrary        *self,
                                         const char           *query,
                                         gint64                tag_id,
                                         const char           *author,
                                         guint                 limit,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GPtrArray *glossa_library_search_finish (GlossaLibrary        *self,
                                         GAsyncResult         *result,
                                         GError              **error);

/* SQLite integrity plus our own referential checks; each problem found is
 * appended to @problems as a sentence.  FALSE only when checking failed. */
gboolean   glossa_library_check       (GlossaLibrary  *self,
                                       GPtrArray      *problems,
                                       GError        **error);

void glossa_reanchor_report_free (GlossaReanchorReport *report);
void glossa_trash_entry_free     (GlossaTrashEntry     *entry);
void glossa_search_hit_free      (GlossaSearchHit      *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossaReanchorReport, glossa_reanchor_report_free)

G_END_DECLS
