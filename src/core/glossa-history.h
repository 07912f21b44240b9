/* glossa-history.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undo and redo for every change to annotations, tags and links, across
 * articles.  The window makes its changes through these wrappers instead of
 * calling the library directly; each records how to undo itself.  Undoing a
 * creation moves the item to the trash and redoing it restores that entry, so
 * uuids and ids survive a round trip.  GTK-free, so it is tested without a
 * display.
 *
 * Properties: "can-undo", "can-redo" (gboolean), "undo-label", "redo-label"
 * (a translated sentence such as "Undo Tag as Claim", or NULL).
 */
#pragma once

#include "glossa-library.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_HISTORY (glossa_history_get_type ())

G_DECLARE_FINAL_TYPE (GlossaHistory, glossa_history, GLOSSA, HISTORY, GObject)

GlossaHistory *glossa_history_new                   (GlossaLibrary       *library);
GlossaLibrary *glossa_history_get_library           (GlossaHistory       *self);
gboolean       glossa_history_get_can_undo          (GlossaHistory       *self);
gboolean       glossa_history_get_can_redo          (GlossaHistory       *self);
const char    *glossa_history_get_undo_label        (GlossaHistory       *self);
const char    *glossa_history_get_redo_label        (GlossaHistory       *self);
gboolean       glossa_history_undo                  (GlossaHistory       *self,
                                                     GError             **error);
gboolean       glossa_history_redo                  (GlossaHistory       *self,
                                                     GError             **error);
void           glossa_history_clear                 (GlossaHistory       *self);

/* Undoable counterparts of the glossa_library_* calls of the same names. */
gint64   glossa_history_add_annotation        (GlossaHistory *self, gint64 article_id,
                                               gint64 start, gint64 end,
                                               const gint64 *tag_ids, guint n_tags,
                                               const char *note, const char *author,
                                               GError **error);
gboolean glossa_history_set_annotation_note   (GlossaHistory *self, gint64 id,
                                               const char *note, GError **error);
gboolean glossa_history_add_annotation_tag    (GlossaHistory *self, gint64 id,
                                               gint64 tag_id, GError **error);
gboolean glossa_history_remove_annotation_tag (GlossaHistory *self, gint64 id,
                                               gint64 tag_id, GError **error);
gboolean glossa_history_set_annotation_range  (GlossaHistory *self, gint64 id,
                                               gint64 start, gint64 end, GError **error);
gboolean glossa_history_remove_annotation     (GlossaHistory *self, gint64 id,
                                               GError **error);

gint64   glossa_history_add_link              (GlossaHistory *self, gint64 from_id,
                                               gint64 to_id, const char *type,
                                               GlossaLinkDirection direction,
                                               const char *note, GError **error);
gboolean glossa_history_set_link_note         (GlossaHistory *self, gint64 id,
                                               const char *note, GError **error);
gboolean glossa_history_remove_link           (GlossaHistory *self, gint64 id,
                                               GError **error);

gint64   glossa_history_add_tag               (GlossaHistory *self, const char *name,
                                               gint64 parent_id, const char *color,
                                               const char *description, guint key,
                                               GError **error);
gboolean glossa_history_set_article_details   (GlossaHistory *self, gint64 id,
                                               const char *title, const char *byline,
                                               const char *published, GError **error);
gboolean glossa_history_rename_tag            (GlossaHistory *self, gint64 id,
                                               const char *name, GError **error);
gboolean glossa_history_set_tag_color         (GlossaHistory *self, gint64 id,
                                               const char *color, GError **error);
gboolean glossa_history_set_tag_description   (GlossaHistory *self, gint64 id,
                                               const char *description, GError **error);
gboolean glossa_history_set_tag_key           (GlossaHistory *self, gint64 id,
                                               guint key, GError **error);
gboolean glossa_history_move_tag              (GlossaHistory *self, gint64 id,
                                               gint64 parent_id, gint position,
                                               GError **error);
gboolean glossa_history_merge_tags            (GlossaHistory *self, gint64 from_id,
                                               gint64 into_id, GError **error);
gboolean glossa_history_remove_tag            (GlossaHistory *self, gint64 id,
                                               GlossaTagDeleteMode mode, GError **error);

/* Restoring a trash entry (the Trash view) is undoable too. */
gboolean glossa_history_restore               (GlossaHistory *self, gint64 trash_id,
                                               GError **error);

G_END_DECLS
