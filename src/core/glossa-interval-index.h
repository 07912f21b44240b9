/* glossa-interval-index.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A static index of half-open intervals [start, end), each carrying a guint
 * value, answering "which intervals intersect [qstart, qend)?" in
 * O(log n + k·log n) worst case and usually O(log n + k).  Built once from
 * a batch of intervals (O(n log n)); adding after a build needs another build.
 *
 * The intervals are kept in an array sorted by start; the array is read as
 * an implicit balanced binary search tree (the middle of a range is its root)
 * augmented with the largest end of each subtree, so whole subtrees that end
 * before the query are skipped.  No pointers, one allocation for the nodes
 * and one for the maxima.
 *
 * Empty intervals (start == end) never intersect anything, and an empty
 * query finds nothing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GlossaIntervalIndex GlossaIntervalIndex;

GlossaIntervalIndex *glossa_interval_index_new       (void);
void                 glossa_interval_index_free      (GlossaIntervalIndex *self);
void                 glossa_interval_index_clear     (GlossaIntervalIndex *self);
void                 glossa_interval_index_add       (GlossaIntervalIndex *self,
                                                      gint64               start,
                                                      gint64               end,
                                                      guint                value);
void                 glossa_interval_index_build     (GlossaIntervalIndex *self);
guint                glossa_interval_index_get_size  (GlossaIntervalIndex *self);
/* Appends (guint) the values of the intervals intersecting [start, end) to
 * @values, ordered by interval start, then end, then value.  Returns how
 * many were appended. */
guint                glossa_interval_index_query     (GlossaIntervalIndex *self,
                                                      gint64               start,
                                                      gint64               end,
                                                      GArray              *values);
/* Calls @func for each intersecting interval, in the same order; stops when
 * it returns FALSE. */
typedef gboolean (*GlossaIntervalFunc) (gint64   start,
                                        gint64   end,
                                        guint    value,
                                        gpointer user_data);
void                 glossa_interval_index_foreach   (GlossaIntervalIndex *self,
                                                      gint64               start,
                                                      gint64               end,
                                                      GlossaIntervalFunc   func,
                                                      gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossaIntervalIndex, glossa_interval_index_free)

G_END_DECLS
