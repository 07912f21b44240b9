/* test-interval-index.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glossa-interval-index.h"

typedef struct {
  gint64 start;
  gint64 end;
  guint  value;
} Iv;

static int
compare_iv (gconstpointer a,
            gconstpointer b)
{
  const Iv *x = a;
  const Iv *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->value < y->value ? -1 : x->value > y->value;
}

/* The expected answer by scanning everything, sorted like the index sorts. */
static GArray *
brute_force (GArray *all,
             gint64  start,
             gint64  end)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Iv));
  GArray *values = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < all->len; i++)
    {
      const Iv *iv = &g_array_index (all, Iv, i);

      if (start < end && iv->start < iv->end && iv->start < end && iv->end > start)
        g_array_append_val (hits, *iv);
    }
  g_array_sort (hits, compare_iv);
  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (values, g_array_index (hits, Iv, i).value);

  return values;
}

static void
check_random (guint  n,
              gint64 span,
              gint64 max_len,
              guint  n_queries)
{
  g_autoptr(GlossaIntervalIndex) index = glossa_interval_index_new ();
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Iv));
  g_autoptr(GRand) rand = g_rand_new_with_seed (n * 7919 + (guint) span);

  for (guint i = 0; i < n; i++)
    {
      Iv iv;

      iv.start = g_rand_int_range (rand, 0, (gint32) span);
      /* Mostly short spans, some long ones that cover many others, some empty. */
      if (g_rand_int_range (rand, 0, 20) == 0)
        iv.end = iv.start + g_rand_int_range (rand, 0, (gint32) span);
      else
        iv.end = iv.start + g_rand_int_range (rand, 0, (gint32) max_len + 1);
      iv.value = i;
      g_array_append_val (all, iv);
      glossa_interval_index_add (index, iv.start, iv.end, iv.value);
    }
  glossa_interval_index_build (index);
  g_assert_cmpuint (glossa_interval_index_get_size (index), ==, n);

  for (guint q = 0; q < n_queries; q++)
    {
      gint64 qs = g_rand_int_range (rand, -10, (gint32) span + 10);
      gint64 qe = qs + g_rand_int_range (rand, 0, (gint32) (q % 3 == 0 ? span : max_len * 3) + 1);
      g_autoptr(GArray) expected = brute_force (all, qs, qe);
      g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));
      guint n_got = glossa_interval_index_query (index, qs, qe, got);

      g_assert_cmpuint (n_got, ==, expected->len);
      g_assert_cmpmem (got->data, got->len * sizeof (guint),
                       expected->data, expected->len * sizeof (guint));
    }
}

static void
test_interval_random_small (void)
{
  for (guint n = 0; n < 70; n++)
    check_random (n, 50, 8, 200);
}

static void
test_interval_random_large (void)
{
  check_random (20000, 10000000, 400, 2000);
  check_random (5000, 1000, 30, 2000);   /* dense: deep overlaps */
}

static void
test_interval_edges (void)
{
  g_autoptr(GlossaIntervalIndex) index = glossa_interval_index_new ();
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Empty index. */
  g_assert_cmpuint (glossa_interval_index_query (index, 0, 100, got), ==, 0);

  glossa_interval_index_add (index, 10, 20, 1);
  glossa_interval_index_add (index, 20, 30, 2);
  glossa_interval_index_add (index, 15, 15, 3);   /* empty: never matches */
  glossa_interval_index_add (index, 10, 20, 4);   /* duplicate range */

  /* Half-open: touching ends do not intersect. */
  g_assert_cmpuint (glossa_interval_index_query (index, 20, 21, got), ==, 1);
  g_assert_cmpuint (g_array_index (got, guint, 0), ==, 2);
  g_array_set_size (got, 0);
  g_assert_cmpuint (glossa_interval_index_query (index, 0, 10, got), ==, 0);
  g_assert_cmpuint (glossa_interval_index_query (index, 30, 40, got), ==, 0);
  g_assert_cmpuint (glossa_interval_index_query (index, 15, 15, got), ==, 0);
  g_assert_cmpuint (glossa_interval_index_query (index, 19, 20, got), ==, 2);
  g_assert_cmpuint (g_array_index (got, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (got, guint, 1), ==, 4);
  g_array_set_size (got, 0);

  /* Adding after a query rebuilds on the next query. */
  glossa_interval_index_add (index, 0, 100, 5);
  g_assert_cmpuint (glossa_interval_index_query (index, 50, 51, got), ==, 1);
  g_assert_cmpuint (g_array_index (got, guint, 0), ==, 5);
  g_array_set_size (got, 0);

  glossa_interval_index_clear (index);
  g_assert_cmpuint (glossa_interval_index_get_size (index), ==, 0);
  g_assert_cmpuint (glossa_interval_index_query (index, 0, 100, got), ==, 0);

  /* Extremes of the offset type. */
  glossa_interval_index_add (index, G_MININT64 + 1, G_MAXINT64, 7);
  g_assert_cmpuint (glossa_interval_index_query (index, 0, 1, got), ==, 1);
}

static gboolean
stop_after_two_cb (gint64   start,
                   gint64   end,
                   guint    value,
                   gpointer user_data)
{
  guint *count = user_data;

  return ++(*count) < 2;
}

static void
test_interval_foreach_stop (void)
{
  g_autoptr(GlossaIntervalIndex) index = glossa_interval_index_new ();
  guint count = 0;

  for (guint i = 0; i < 100; i++)
    glossa_interval_index_add (index, i, i + 10, i);
  glossa_interval_index_foreach (index, 0, 1000, stop_after_two_cb, &count);
  g_assert_cmpuint (count, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interval-index/random-small", test_interval_random_small);
  g_test_add_func ("/interval-index/random-large", test_interval_random_large);
  g_test_add_func ("/interval-index/edges", test_interval_edges);
  g_test_add_func ("/interval-index/foreach-stop", test_interval_foreach_stop);
  return g_test_run ();
}
