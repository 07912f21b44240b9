/* glossa-interval-index.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "glossa-interval-index.h"

typedef struct {
  gint64 start;
  gint64 end;
  guint  value;
} Interval;

struct _GlossaIntervalIndex
{
  GArray   *intervals;   /* Interval, sorted by start once built */
  gint64   *max_end;     /* max end over the implicit subtree rooted at i */
  gboolean  built;
};

GlossaIntervalIndex *
glossa_interval_index_new (void)
{
  GlossaIntervalIndex *self = g_new0 (GlossaIntervalIndex, 1);

  self->intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
  self->built = TRUE;

  return self;
}

void
glossa_interval_index_free (GlossaIntervalIndex *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->intervals);
  g_free (self->max_end);
  g_free (self);
}

void
glossa_interval_index_clear (GlossaIntervalIndex *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->intervals, 0);
  g_clear_pointer (&self->max_end, g_free);
  self->built = TRUE;
}

void
glossa_interval_index_add (GlossaIntervalIndex *self,
                           gint64               start,
                           gint64               end,
                           guint                value)
{
  Interval iv = { start, end, value };

  g_return_if_fail (self != NULL);
  g_return_if_fail (start <= end);

  g_array_append_val (self->intervals, iv);
  self->built = FALSE;
}

static int
compare_intervals (const void *a,
                   const void *b)
{
  const Interval *x = a;
  const Interval *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return 0;
}

static gint64
build_max (GlossaIntervalIndex *self,
           const Interval      *iv,
           guint                lo,
           guint                hi)
{
  guint mid;
  gint64 m, left, right;

  if (lo >= hi)
    return G_MININT64;

  /* Not MAX (m, build_max (…)): the macro would evaluate the call twice. */
  mid = lo + (hi - lo) / 2;
  left = build_max (self, iv, lo, mid);
  right = build_max (self, iv, mid + 1, hi);
  m = MAX (iv[mid].end, MAX (left, right));
  self->max_end[mid] = m;

  return m;
}

void
glossa_interval_index_build (GlossaIntervalIndex *self)
{
  g_return_if_fail (self != NULL);

  if (self->built)
    return;

  qsort (self->intervals->data, self->intervals->len, sizeof (Interval), compare_intervals);
  g_free (self->max_end);
  self->max_end = g_new (gint64, MAX (self->intervals->len, 1));
  build_max (self, (const Interval *) (gpointer) self->intervals->data, 0, self->intervals->len);
  self->built = TRUE;
}

guint
glossa_interval_index_get_size (GlossaIntervalIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->intervals->len;
}

typedef struct {
  const Interval     *iv;
  const gint64       *max_end;
  gint64              start;
  gint64              end;
  GlossaIntervalFunc  func;
  gpointer            user_data;
  gboolean            stopped;
} Query;

/* In-order walk so results come out sorted.  Depth is log2(n): recursion is fine. */
static void
query_range (Query *q,
             guint  lo,
             guint  hi)
{
  while (lo < hi && !q->stopped)
    {
      guint mid = lo + (hi - lo) / 2;
      const Interval *node = &q->iv[mid];

      /* Nothing in this subtree ends after the query starts. */
      if (q->max_end[mid] <= q->start)
        return;

      query_range (q, lo, mid);
      if (q->stopped)
        return;

      /* This node and everything to its right start at or after the query's end. */
      if (node->start >= q->end)
        return;

      if (node->end > q->start && node->start < node->end)
        {
          if (!q->func (node->start, node->end, node->value, q->user_data))
            {
              q->stopped = TRUE;
              return;
            }
        }

      lo = mid + 1;
    }
}

void
glossa_interval_index_foreach (GlossaIntervalIndex *self,
                               gint64               start,
                               gint64               end,
                               GlossaIntervalFunc   func,
                               gpointer             user_data)
{
  Query q;

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  glossa_interval_index_build (self);

  if (start >= end || self->intervals->len == 0)
    return;

  q.iv = (const Interval *) (gpointer) self->intervals->data;
  q.max_end = self->max_end;
  q.start = start;
  q.end = end;
  q.func = func;
  q.user_data = user_data;
  q.stopped = FALSE;
  query_range (&q, 0, self->intervals->len);
}

static gboolean
append_value_cb (gint64   start,
                 gint64   end,
                 guint    value,
                 gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, value);
  return TRUE;
}

guint
glossa_interval_index_query (GlossaIntervalIndex *self,
                             gint64               start,
                             gint64               end,
                             GArray              *values)
{
  guint before;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (values != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (values) == sizeof (guint), 0);

  before = values->len;
  glossa_interval_index_foreach (self, start, end, append_value_cb, values);

  return values->len - before;
}
