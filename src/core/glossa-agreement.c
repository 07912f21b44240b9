/* glossa-agreement.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both measures work on each coder's spans per (article, tag), merged into
 * disjoint sorted intervals.  κ needs only the sizes of A, B and A∩B per
 * article.  αu walks the two coders' sections (units and the gaps between
 * them) over the concatenated articles:
 *
 *   Do = 2 Σ δ²(g, h) / (m (m−1) L²)      over intersecting sections g of A, h of B
 *   δ²  = (b_g − b_h)² + (e_g − e_h)²      two overlapping units
 *       = l_g²                             a unit g inside a gap h (and the mirror case)
 *       = 0                                otherwise
 *   De = (2/L) Σ_units u [ (N−1)(2l³ − 3l² + l)/3 + l² Σ_{gaps k, l_k ≥ l} (l_k − l + 1) ]
 *        / ( mL(mL − 1) − Σ_units l(l − 1) )
 *   αu = 1 − Do/De
 *
 * with m = 2 coders, L the total length, N the number of units of both
 * coders, and the gaps of both coders.  The overall αu averages Do and De
 * over the tags; the overall κ pools the tags' 2×2 tables.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "glossa-agreement.h"
#include "glossa-xml.h"

typedef struct {
  gint64 start;
  gint64 end;
} Span;

typedef struct {
  char       *uuid;
  char       *title;
  char       *text;
  gint64      length;
  GHashTable *spans;    /* tag path → GArray of Span */
} CodedArticle;

struct _GlossaCoding
{
  char       *coder;
  GHashTable *articles;   /* uuid → CodedArticle */
};

static void
coded_article_free (gpointer data)
{
  CodedArticle *article = data;

  g_free (article->uuid);
  g_free (article->title);
  g_free (article->text);
  g_hash_table_unref (article->spans);
  g_free (article);
}

GlossaCoding *
glossa_coding_new (const char *coder)
{
  GlossaCoding *coding = g_new0 (GlossaCoding, 1);

  coding->coder = g_strdup (coder ? coder : "");
  coding->articles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, coded_article_free);

  return coding;
}

void
glossa_coding_free (GlossaCoding *coding)
{
  if (coding == NULL)
    return;

  g_free (coding->coder);
  g_hash_table_unref (coding->articles);
  g_free (coding);
}

void
glossa_coding_add_article (GlossaCoding *coding,
                           const char   *uuid,
                           const char   *title,
                           const char   *text,
                           gint64        length)
{
  CodedArticle *article;

  g_return_if_fail (coding != NULL && uuid != NULL && length >= 0);

  article = g_new0 (CodedArticle, 1);
  article->uuid = g_ascii_strdown (uuid, -1);
  article->title = g_strdup (title ? title : "");
  article->text = g_strdup (text);
  article->length = length;
  article->spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  g_hash_table_replace (coding->articles, article->uuid, article);
}

void
glossa_coding_add_span (GlossaCoding *coding,
                        const char   *article_uuid,
                        gint64        start,
                        gint64        end,
                        const char   *tag)
{
  g_autofree char *key = NULL;
  CodedArticle *article;
  GArray *spans;
  Span span = { start, end };

  g_return_if_fail (coding != NULL && article_uuid != NULL && tag != NULL);

  key = g_ascii_strdown (article_uuid, -1);
  article = g_hash_table_lookup (coding->articles, key);
  g_return_if_fail (article != NULL);

  span.start = CLAMP (start, 0, article->length);
  span.end = CLAMP (end, span.start, article->length);
  if (span.start == span.end)
    return;

  spans = g_hash_table_lookup (article->spans, tag);
  if (spans == NULL)
    {
      spans = g_array_new (FALSE, FALSE, sizeof (Span));
      g_hash_table_insert (article->spans, g_strdup (tag), spans);
    }
  g_array_append_val (spans, span);
}

static char *
tag_path (GHashTable *paths,
          GlossaTag  *tag)
{
  const char *parent = g_hash_table_lookup (paths, &(gint64) { glossa_tag_get_parent_id (tag) });

  return parent ? g_strconcat (parent, "/", glossa_tag_get_name (tag), NULL) : g_strdup (glossa_tag_get_name (tag));
}

/* One article's annotations by @author (NULL: everyone) into @coding. */
static gboolean
add_article_codings (GlossaCoding   *coding,
                     GlossaLibrary  *library,
                     GlossaArticle  *article,
                     const char     *author,
                     GHashTable     *paths,
                     GError        **error)
{
  g_autoptr(GlossaExtracted) content = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  gint64 id = glossa_article_get_id (article);

  content = glossa_library_load_content (library, id, error);
  if (content == NULL)
    return FALSE;
  annotations = glossa_library_list_annotations (library, id, 0, error);
  if (annotations == NULL)
    return FALSE;

  glossa_coding_add_article (coding, glossa_article_get_uuid (article), glossa_article_get_title (article),
                             content->text, content->length);
  for (guint k = 0; k < annotations->len; k++)
    {
      GlossaAnnotation *annotation = g_ptr_array_index (annotations, k);
      guint n;
      const gint64 *ids = glossa_annotation_get_tag_ids (annotation, &n);

      if (glossa_annotation_get_orphaned (annotation))
        continue;
      if (author != NULL && g_strcmp0 (glossa_annotation_get_author (annotation), author) != 0)
        continue;
      for (guint t = 0; t < n; t++)
        {
          const char *path = g_hash_table_lookup (paths, &ids[t]);

          if (path != NULL)
            glossa_coding_add_span (coding, glossa_article_get_uuid (article),
                                    glossa_annotation_get_start (annotation),
                                    glossa_annotation_get_end (annotation), path);
        }
    }

  return TRUE;
}

GlossaCoding *
glossa_coding_new_from_library_articles (GlossaLibrary  *library,
                                         const char     *author,
                                         GArray         *article_ids,
                                         GError        **error)
{
  g_autoptr(GlossaCoding) coding = NULL;
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GListModel *tags, *articles;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), NULL);

  coding = glossa_coding_new (author ? author : glossa_library_get_path (library));

  /* pre-order: a parent's path is known before its children's */
  tags = glossa_library_get_tags (library);
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      g_hash_table_insert (paths, g_memdup2 (&(gint64) { glossa_tag_get_id (tag) }, sizeof (gint64)),
                           tag_path (paths, tag));
    }

  if (article_ids != NULL && article_ids->len > 0)
    {
      for (guint i = 0; i < article_ids->len; i++)
        {
          g_autoptr(GlossaArticle) article =
            glossa_library_get_article (library, g_array_index (article_ids, gint64, i), error);

          if (article == NULL || !add_article_codings (coding, library, article, author, paths, error))
            return NULL;
        }
      return g_steal_pointer (&coding);
    }

  articles = glossa_library_get_articles (library);
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(GlossaArticle) article = g_list_model_get_item (articles, i);

      if (!add_article_codings (coding, library, article, author, paths, error))
        return NULL;
    }

  return g_steal_pointer (&coding);
}

GlossaCoding *
glossa_coding_new_from_library (GlossaLibrary  *library,
                                const char     *author,
                                GError        **error)
{
  return glossa_coding_new_from_library_articles (library, author, NULL, error);
}

GlossaCoding *
glossa_coding_new_from_xml (const char    *path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *dir = g_dir_make_tmp ("glossa-agreement-XXXXXX", error);
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr(GlossaLibrary) scratch = NULL;
  GlossaCoding *coding = NULL;

  if (dir == NULL)
    return NULL;
  db = g_build_filename (dir, "scratch.glossa", NULL);
  wal = g_strconcat (db, "-wal", NULL);
  shm = g_strconcat (db, "-shm", NULL);

  scratch = glossa_library_open (db, error);
  if (scratch != NULL && glossa_xml_import (scratch, path, NULL, cancellable, error))
    {
      coding = glossa_coding_new_from_library (scratch, NULL, error);
      if (coding != NULL)
        {
          g_free (coding->coder);
          coding->coder = g_path_get_basename (path);
        }
    }

  g_clear_object (&scratch);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);

  return coding;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* Sorted, disjoint, with overlapping or touching spans joined. */
static GArray *
merged (GArray *spans)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) sorted = NULL;

  if (spans == NULL || spans->len == 0)
    return out;

  sorted = g_array_copy (spans);
  g_array_sort (sorted, compare_spans);
  for (guint i = 0; i < sorted->len; i++)
    {
      Span span = g_array_index (sorted, Span, i);
      Span *last = out->len > 0 ? &g_array_index (out, Span, out->len - 1) : NULL;

      if (last != NULL && span.start <= last->end)
        last->end = MAX (last->end, span.end);
      else
        g_array_append_val (out, span);
    }

  return out;
}

static gint64
covered (GArray *spans)
{
  gint64 n = 0;

  for (guint i = 0; i < spans->len; i++)
    n += g_array_index (spans, Span, i).end - g_array_index (spans, Span, i).start;

  return n;
}

static gint64
intersection (GArray *a,
              GArray *b)
{
  gint64 n = 0;
  guint i = 0, j = 0;

  while (i < a->len && j < b->len)
    {
      Span *x = &g_array_index (a, Span, i);
      Span *y = &g_array_index (b, Span, j);
      gint64 lo = MAX (x->start, y->start);
      gint64 hi = MIN (x->end, y->end);

      if (hi > lo)
        n += hi - lo;
      if (x->end < y->end)
        i++;
      else
        j++;
    }

  return n;
}

/* A section of one coder's continuum: a unit (w = 1) or a gap. */
typedef struct {
  gint64   begin;
  gint64   length;
  gboolean unit;
} Section;

static GArray *
sections (GArray *units,
          gint64  total)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Section));
  gint64 pos = 0;

  for (guint i = 0; i <= units->len; i++)
    {
      gint64 next = i < units->len ? g_array_index (units, Span, i).start : total;
      Section gap = { pos, next - pos, FALSE };

      if (next > pos)
        g_array_append_val (out, gap);
      if (i < units->len)
        {
          Span *u = &g_array_index (units, Span, i);
          Section unit = { u->start, u->end - u->start, TRUE };

          g_array_append_val (out, unit);
          pos = u->end;
        }
    }

  return out;
}

static double
delta2 (const Section *g,
        const Section *h)
{
  double begin_diff = (double) g->begin - (double) h->begin;
  double end_diff = (double) (g->begin + g->length) - (double) (h->begin + h->length);

  if (g->unit && h->unit && -g->length < begin_diff && begin_diff < h->length)
    return begin_diff * begin_diff + end_diff * end_diff;
  /* a unit lying inside the other coder's gap */
  if (g->unit && !h->unit && h->begin <= g->begin && g->begin + g->length <= h->begin + h->length)
    return (double) g->length * g->length;
  if (!g->unit && h->unit && g->begin <= h->begin && h->begin + h->length <= g->begin + g->length)
    return (double) h->length * h->length;

  return 0.0;
}

static int
compare_lengths_desc (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x > y ? -1 : x < y;
}

/* αu of one tag; @a and @b are merged units over the concatenated
 * continuum of @total characters. */
static void
alpha_u (GArray             *a,
         GArray             *b,
         gint64              total,
         GlossaAgreementRow *row)
{
  g_autoptr(GArray) sa = sections (a, total);
  g_autoptr(GArray) sb = sections (b, total);
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) gap_sums = g_array_new (FALSE, FALSE, sizeof (double));
  const double m = 2.0;
  double L = (double) total;
  double observed = 0.0, expected = 0.0, unit_pairs = 0.0, running = 0.0;
  double n_units = (double) (a->len + b->len);
  guint i = 0, j = 0;

  /* walk the intersections of A's and B's sections */
  while (i < sa->len && j < sb->len)
    {
      Section *g = &g_array_index (sa, Section, i);
      Section *h = &g_array_index (sb, Section, j);

      observed += delta2 (g, h);
      if (g->begin + g->length < h->begin + h->length)
        i++;
      else if (g->begin + g->length > h->begin + h->length)
        j++;
      else
        i++, j++;
    }
  /* every unordered pair was met once; δ² is symmetric */
  observed = 2.0 * observed / (m * (m - 1.0) * L * L);

  for (guint k = 0; k < sa->len + sb->len; k++)
    {
      Section *s = k < sa->len ? &g_array_index (sa, Section, k) : &g_array_index (sb, Section, k - sa->len);

      if (!s->unit)
        g_array_append_val (gaps, s->length);
    }
  g_array_sort (gaps, compare_lengths_desc);
  for (guint k = 0; k < gaps->len; k++)
    {
      running += (double) g_array_index (gaps, gint64, k);
      g_array_append_val (gap_sums, running);
    }

  for (guint k = 0; k < a->len + b->len; k++)
    {
      Span *u = k < a->len ? &g_array_index (a, Span, k) : &g_array_index (b, Span, k - a->len);
      double l = (double) (u->end - u->start);
      guint lo = 0, hi = gaps->len;
      double sum_gaps = 0.0;

      /* gaps are sorted longest first: count those at least l long */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if ((double) g_array_index (gaps, gint64, mid) >= l)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo > 0)
        sum_gaps = g_array_index (gap_sums, double, lo - 1) - (double) lo * (l - 1.0);

      expected += (n_units - 1.0) * (2.0 * l * l * l - 3.0 * l * l + l) / 3.0 + l * l * sum_gaps;
      unit_pairs += l * (l - 1.0);
    }
  expected = expected * (2.0 / L) / (m * L * (m * L - 1.0) - unit_pairs);

  row->observed = observed;
  row->expected = expected;
  row->alpha_u = expected > 0.0 ? 1.0 - observed / expected : NAN;
}

static double
kappa (const GlossaAgreementRow *row)
{
  double n = (double) row->n_chars;
  double po, pe, pa, pb;

  if (n <= 0)
    return NAN;

  po = (double) (row->both + row->neither) / n;
  pa = (double) (row->both + row->only_a) / n;
  pb = (double) (row->both + row->only_b) / n;
  pe = pa * pb + (1.0 - pa) * (1.0 - pb);

  return pe < 1.0 ? (po - pe) / (1.0 - pe) : NAN;
}

static void
row_free (gpointer data)
{
  GlossaAgreementRow *row = data;

  g_free (row->tag);
  g_free (row);
}

static void
disagreement_free (gpointer data)
{
  GlossaDisagreement *d = data;

  g_free (d->article_uuid);
  g_free (d->article_title);
  g_free (d->tag);
  g_free (d->text);
  g_free (d);
}

void
glossa_agreement_free (GlossaAgreement *agreement)
{
  if (agreement == NULL)
    return;

  g_free (agreement->coder_a);
  g_free (agreement->coder_b);
  g_clear_pointer (&agreement->rows, g_ptr_array_unref);
  g_clear_pointer (&agreement->overall, row_free);
  g_clear_pointer (&agreement->disagreements, g_ptr_array_unref);
  g_free (agreement);
}

static void
add_differences (GlossaAgreement *agreement,
                 CodedArticle    *article,
                 const char      *tag,
                 GArray          *mine,
                 GArray          *theirs,
                 gboolean         by_a)
{
  /* the parts of @mine that @theirs does not cover */
  guint j = 0;

  for (guint i = 0; i < mine->len; i++)
    {
      Span *span = &g_array_index (mine, Span, i);
      gint64 pos = span->start;

      while (pos < span->end)
        {
          gint64 stop = span->end;
          GlossaDisagreement *d;

          while (j < theirs->len && g_array_index (theirs, Span, j).end <= pos)
            j++;
          if (j < theirs->len && g_array_index (theirs, Span, j).start <= pos)
            {
              pos = MIN (span->end, g_array_index (theirs, Span, j).end);
              continue;
            }
          if (j < theirs->len)
            stop = MIN (stop, g_array_index (theirs, Span, j).start);

          d = g_new0 (GlossaDisagreement, 1);
          d->article_uuid = g_strdup (article->uuid);
          d->article_title = g_strdup (article->title);
          d->tag = g_strdup (tag);
          d->start = pos;
          d->end = stop;
          d->by_a = by_a;
          if (article->text != NULL)
            d->text = g_utf8_substring (article->text, pos, stop);
          g_ptr_array_add (agreement->disagreements, d);
          pos = stop;
        }
    }
}

static int
compare_disagreements (gconstpointer a,
                       gconstpointer b)
{
  const GlossaDisagreement *x = *(GlossaDisagreement * const *) a;
  const GlossaDisagreement *y = *(GlossaDisagreement * const *) b;
  int c = g_strcmp0 (x->article_uuid, y->article_uuid);

  if (c != 0)
    return c;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return g_strcmp0 (x->tag, y->tag);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 ((*(GlossaAgreementRow * const *) a)->tag, (*(GlossaAgreementRow * const *) b)->tag);
}

static int
compare_articles (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 ((*(CodedArticle * const *) a)->uuid, (*(CodedArticle * const *) b)->uuid);
}

GlossaAgreement *
glossa_agreement_compute (GlossaCoding *a,
                          GlossaCoding *b)
{
  g_autoptr(GPtrArray) common = g_ptr_array_new ();
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);
  GlossaAgreement *agreement;
  GHashTableIter iter;
  gpointer key, value;
  gint64 total = 0;
  double sum_observed = 0.0, sum_expected = 0.0;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  agreement = g_new0 (GlossaAgreement, 1);
  agreement->coder_a = g_strdup (a->coder);
  agreement->coder_b = g_strdup (b->coder);
  agreement->rows = g_ptr_array_new_with_free_func (row_free);
  agreement->disagreements = g_ptr_array_new_with_free_func (disagreement_free);
  agreement->overall = g_new0 (GlossaAgreementRow, 1);
  agreement->overall->tag = g_strdup ("");

  g_hash_table_iter_init (&iter, a->articles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CodedArticle *mine = value;
      CodedArticle *theirs = g_hash_table_lookup (b->articles, key);

      if (theirs == NULL)
        continue;
      if (theirs->length != mine->length)
        {
          agreement->n_skipped++;
          continue;
        }
      g_ptr_array_add (common, mine);
      total += mine->length;
    }
  g_ptr_array_sort (common, compare_articles);
  agreement->n_articles = common->len;

  for (guint i = 0; i < common->len; i++)
    {
      CodedArticle *mine = g_ptr_array_index (common, i);
      CodedArticle *theirs = g_hash_table_lookup (b->articles, mine->uuid);

      g_hash_table_iter_init (&iter, mine->spans);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (tags, key);
      g_hash_table_iter_init (&iter, theirs->spans);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (tags, key);
    }

  g_hash_table_iter_init (&iter, tags);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *tag = key;
      GlossaAgreementRow *row = g_new0 (GlossaAgreementRow, 1);
      g_autoptr(GArray) all_a = g_array_new (FALSE, FALSE, sizeof (Span));
      g_autoptr(GArray) all_b = g_array_new (FALSE, FALSE, sizeof (Span));
      gint64 offset = 0;

      row->tag = g_strdup (tag);
      for (guint i = 0; i < common->len; i++)
        {
          CodedArticle *mine = g_ptr_array_index (common, i);
          CodedArticle *theirs = g_hash_table_lookup (b->articles, mine->uuid);
          g_autoptr(GArray) sa = merged (g_hash_table_lookup (mine->spans, tag));
          g_autoptr(GArray) sb = merged (g_hash_table_lookup (theirs->spans, tag));
          gint64 na = covered (sa), nb = covered (sb), both = intersection (sa, sb);

          row->n_chars += mine->length;
          row->both += both;
          row->only_a += na - both;
          row->only_b += nb - both;
          row->neither += mine->length - (na + nb - both);

          add_differences (agreement, mine, tag, sa, sb, TRUE);
          add_differences (agreement, mine, tag, sb, sa, FALSE);

          /* lay the articles end to end for αu */
          for (guint k = 0; k < sa->len; k++)
            {
              Span s = { g_array_index (sa, Span, k).start + offset, g_array_index (sa, Span, k).end + offset };
              g_array_append_val (all_a, s);
            }
          for (guint k = 0; k < sb->len; k++)
            {
              Span s = { g_array_index (sb, Span, k).start + offset, g_array_index (sb, Span, k).end + offset };
              g_array_append_val (all_b, s);
            }
          offset += mine->length;
        }

      row->kappa = kappa (row);
      alpha_u (all_a, all_b, total, row);
      sum_observed += row->observed;
      sum_expected += row->expected;

      agreement->overall->n_chars += row->n_chars;
      agreement->overall->both += row->both;
      agreement->overall->only_a += row->only_a;
      agreement->overall->only_b += row->only_b;
      agreement->overall->neither += row->neither;
      g_ptr_array_add (agreement->rows, row);
    }

  g_ptr_array_sort (agreement->rows, compare_rows);
  g_ptr_array_sort (agreement->disagreements, compare_disagreements);

  agreement->overall->kappa = kappa (agreement->overall);
  if (agreement->rows->len > 0)
    {
      agreement->overall->observed = sum_observed / agreement->rows->len;
      agreement->overall->expected = sum_expected / agreement->rows->len;
    }
  agreement->overall->alpha_u = agreement->overall->expected > 0.0 ?
    1.0 - agreement->overall->observed / agreement->overall->expected : NAN;

  return agreement;
}
