/* glossa-library-exchange.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setters the exchange importers need to reproduce items exactly as they were
 * exported (times, orphaned anchors, authors, link kinds).  The ordinary API
 * derives these from "now" and the text; an import must not.  Each call is
 * one change (a savepoint inside glossa_library_begin).
 */
#pragma once

#include "glossa-library.h"

G_BEGIN_DECLS

/* @kind says which table @id is in; for an article @created is "imported".
 * Times are µs since the epoch, UTC. */
gboolean glossa_library_set_times             (GlossaLibrary       *self,
                                               GlossaTrashKind      kind,
                                               gint64               id,
                                               gint64               created,
                                               gint64               modified,
                                               GError             **error);
/* Writes the span and its quote/context as given, without looking at the
 * text (an orphan's quote is not in it any more). */
gboolean glossa_library_set_annotation_anchor (GlossaLibrary       *self,
                                               gint64               id,
                                               gint64               start,
                                               gint64               end,
                                               const char          *quote,
                                               const char          *prefix,
                                               const char          *suffix,
                                               gboolean             orphaned,
                                               GError             **error);
gboolean glossa_library_set_annotation_author (GlossaLibrary       *self,
                                               gint64               id,
                                               const char          *author,
                                               GError             **error);
gboolean glossa_library_set_link_kind         (GlossaLibrary       *self,
                                               gint64               id,
                                               const char          *type,
                                               GlossaLinkDirection  direction,
                                               GError             **error);

/* Adds an annotation exactly as given (an importer has checked its quote
 * against the text, or it is an orphan); returns its id or 0. */
gint64   glossa_library_insert_annotation     (GlossaLibrary       *self,
                                               gint64               article_id,
                                               const char          *uuid,
                                               gint64               start,
                                               gint64               end,
                                               const char          *quote,
                                               const char          *prefix,
                                               const char          *suffix,
                                               const char          *note,
                                               const char          *author,
                                               gint64               created,
                                               gint64               modified,
                                               gboolean             orphaned,
                                               const gint64        *tag_ids,
                                               guint                n_tags,
                                               GError             **error);

/* The id of the live item of @kind whose uuid is exactly @uuid (any case);
 * 0 when there is none, -1 with @error set when the query failed. */
gint64   glossa_library_find_uuid             (GlossaLibrary       *self,
                                               GlossaTrashKind      kind,
                                               const char          *uuid,
                                               GError             **error);

/* TRUE when the item with this uuid is in the trash: an import must not
 * bring it back behind the user's back, nor add a second one. */
gboolean glossa_library_uuid_in_trash         (GlossaLibrary       *self,
                                               GlossaTrashKind      kind,
                                               const char          *uuid);

/* The distinct non-empty authors of live annotations, sorted; a
 * NULL-terminated array to free with g_strfreev. */
char   **glossa_library_list_authors          (GlossaLibrary       *self,
                                               GError             **error);

/* Another connection (an import in a worker thread) changed the file:
 * reloads the models and emits "tags-changed", "annotations-changed" (0)
 * and "links-changed". */
gboolean glossa_library_reload                (GlossaLibrary       *self,
                                               GError             **error);

G_END_DECLS
