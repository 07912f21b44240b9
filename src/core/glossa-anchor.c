/* glossa-anchor.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring annotations on a changed text.
 *
 * The text is decoded once into code points.  Exact occurrences are found
 * through a q-gram index (built on first need): the quote's rarest q-gram
 * gives a short candidate list that is verified with memcmp.  Approximate
 * matches use Sellers' semi-global edit distance with Ukkonen's cut-off, so
 * a scan costs O(k·n) for k allowed errors; the whole-text search only
 * scans windows around exact occurrences of pattern pieces (pigeonhole: a
 * match with k errors contains one of k+1 disjoint pieces unchanged).
 */
#include "config.h"

#include <string.h>

#include "glossa-anchor.h"

/* q-gram length of the index. */
#define QGRAM 4
/* Below this many code points a linear scan is as fast as the index. */
#define INDEX_MIN_LENGTH 2048
/* Code points searched on each side of the old position before the whole text. */
#define NEAR_WINDOW 4096
/* Quotes at least this long are distinctive on their own; shorter ones must
 * also agree with some of their stored context to be moved. */
#define DISTINCTIVE_LENGTH 16
/* Context code points that must agree for a short quote to move. */
#define MIN_CONTEXT_AGREEMENT 4
/* Long quotes fall back to anchoring their head and tail of this length. */
#define LONG_QUOTE 64

struct _GlossaAnchorText
{
  gunichar *chars;
  gint64    length;

  gboolean  indexed;
  guint     bucket_bits;
  guint32  *bucket_start;   /* (1 << bucket_bits) + 1 entries */
  guint32  *positions;      /* start of each q-gram, grouped by bucket */
};

typedef struct
{
  const gunichar *chars;
  gint64          length;
} Ucs;

typedef struct
{
  gint64 start;
  gint64 end;
  guint  distance;
  guint  context;
  gint64 nearness;
} Candidate;

typedef struct
{
  gint64 end;
  guint  distance;
} MatchEnd;

static gunichar *
decode (const char *utf8,
        gint64     *length)
{
  g_autofree char *valid = NULL;
  gunichar *chars;
  glong n = 0;

  if (utf8 == NULL)
    utf8 = "";

  if (!g_utf8_validate (utf8, -1, NULL))
    utf8 = valid = g_utf8_make_valid (utf8, -1);

  chars = g_utf8_to_ucs4_fast (utf8, -1, &n);
  *length = n;

  return chars;
}

GlossaAnchorText *
glossa_anchor_text_new (const char *utf8)
{
  GlossaAnchorText *text = g_new0 (GlossaAnchorText, 1);

  text->chars = decode (utf8, &text->length);

  return text;
}

void
glossa_anchor_text_free (GlossaAnchorText *text)
{
  if (text == NULL)
    return;

  g_free (text->chars);
  g_free (text->bucket_start);
  g_free (text->positions);
  g_free (text);
}

gint64
glossa_anchor_text_length (GlossaAnchorText *text)
{
  g_return_val_if_fail (text != NULL, 0);

  return text->length;
}

static inline guint32
gram_hash (const gunichar *p,
           guint           bits)
{
  guint64 h = p[0];

  h = h * 0x100000001b3ULL ^ p[1];
  h = h * 0x100000001b3ULL ^ p[2];
  h = h * 0x100000001b3ULL ^ p[3];
  h *= 0x9e3779b97f4a7c15ULL;

  return (guint32) (h >> (64 - bits));
}

static void
ensure_index (GlossaAnchorText *text)
{
  gint64 n_grams;
  guint32 n_buckets;
  g_autofree guint32 *cursor = NULL;

  if (text->indexed)
    return;

  text->indexed = TRUE;

  if (text->length < INDEX_MIN_LENGTH || text->length > G_MAXUINT32)
    return;

  n_grams = text->length - QGRAM + 1;
  text->bucket_bits = g_bit_storage ((gulong) n_grams);
  text->bucket_bits = CLAMP (text->bucket_bits, 10, 24);
  n_buckets = 1u << text->bucket_bits;

  text->bucket_start = g_new0 (guint32, n_buckets + 1);
  text->positions = g_new (guint32, n_grams);

  for (gint64 i = 0; i < n_grams; i++)
    text->bucket_start[gram_hash (text->chars + i, text->bucket_bits) + 1]++;

  for (guint32 b = 0; b < n_buckets; b++)
    text->bucket_start[b + 1] += text->bucket_start[b];

  cursor = g_memdup2 (text->bucket_start, sizeof (guint32) * n_buckets);

  for (gint64 i = 0; i < n_grams; i++)
    text->positions[cursor[gram_hash (text->chars + i, text->bucket_bits)]++] = (guint32) i;
}

static inline gboolean
matches_at (GlossaAnchorText *text,
            gint64            start,
            const Ucs        *pattern)
{
  return start >= 0
         && start + pattern->length <= text->length
         && memcmp (text->chars + start, pattern->chars,
                    sizeof (gunichar) * pattern->length) == 0;
}

/* Appends to @out (gint64) every start of @pattern in [@from, @to). */
static void
find_exact (GlossaAnchorText *text,
            const Ucs        *pattern,
            gint64            from,
            gint64            to,
            GArray           *out)
{
  gint64 m = pattern->length;

  if (m == 0 || m > text->length)
    return;

  from = MAX (from, 0);
  to = MIN (to, text->length - m + 1);
  if (from >= to)
    return;

  ensure_index (text);

  if (text->positions == NULL || m < QGRAM || to - from < 4 * NEAR_WINDOW)
    {
      gunichar first = pattern->chars[0];

      for (gint64 s = from; s < to; s++)
        if (text->chars[s] == first && matches_at (text, s, pattern))
          g_array_append_val (out, s);
    }
  else
    {
      guint32 best_bucket = 0;
      guint32 best_size = G_MAXUINT32;
      gint64 best_offset = 0;

      /* The rarest q-gram of the pattern gives the fewest candidates. */
      for (gint64 o = 0; o + QGRAM <= m; o++)
        {
          guint32 b = gram_hash (pattern->chars + o, text->bucket_bits);
          guint32 size = text->bucket_start[b + 1] - text->bucket_start[b];

          if (size < best_size)
            {
              best_size = size;
              best_bucket = b;
              best_offset = o;
              if (size == 0)
                return;
            }
        }

      for (guint32 i = text->bucket_start[best_bucket]; i < text->bucket_start[best_bucket + 1]; i++)
        {
          gint64 s = (gint64) text->positions[i] - best_offset;

          if (s >= from && s < to && matches_at (text, s, pattern))
            g_array_append_val (out, s);
        }

      /* Positions within a bucket are increasing, but the offset shift keeps
       * that order, so @out is sorted as well. */
    }
}

/* Number of code points of @prefix (ending at @start) and @suffix (starting
 * at @end) that agree with the text, counted outwards from the quote. */
static guint
context_score (GlossaAnchorText *text,
               gint64            start,
               gint64            end,
               const Ucs        *prefix,
               const Ucs        *suffix)
{
  guint score = 0;

  for (gint64 i = 0;
       i < prefix->length && start - 1 - i >= 0
       && text->chars[start - 1 - i] == prefix->chars[prefix->length - 1 - i];
       i++)
    score++;

  for (gint64 i = 0;
       i < suffix->length && end + i < text->length
       && text->chars[end + i] == suffix->chars[i];
       i++)
    score++;

  return score;
}

/* Whether the candidate is trustworthy enough to move the annotation there
 * rather than orphan it: a short quote ("AI", "the state") found somewhere
 * with none of its old surroundings is more likely another passage. */
static gboolean
is_confident (const Candidate *c,
              gint64           quote_length,
              const Ucs       *prefix,
              const Ucs       *suffix)
{
  gint64 available = prefix->length + suffix->length;

  if (quote_length >= DISTINCTIVE_LENGTH)
    return TRUE;

  return c->context >= MIN (MIN_CONTEXT_AGREEMENT, available);
}

/* More context, then lower distance, then nearer the old position. */
static gboolean
candidate_better_context (const Candidate *a,
                          const Candidate *b)
{
  if (a->context != b->context)
    return a->context > b->context;
  if (a->distance != b->distance)
    return a->distance < b->distance;
  if (a->nearness != b->nearness)
    return a->nearness < b->nearness;
  return a->start < b->start;
}

/* Lower distance, then more context, then nearer the old position. */
static gboolean
candidate_better (const Candidate *a,
                  const Candidate *b)
{
  if (a->distance != b->distance)
    return a->distance < b->distance;
  if (a->context != b->context)
    return a->context > b->context;
  if (a->nearness != b->nearness)
    return a->nearness < b->nearness;
  return a->start < b->start;
}

/* Sellers' algorithm with Ukkonen's cut-off: reports in @ends every
 * position e in (@from, @to] such that some substring of the text ending at
 * e is within @k edits of @pattern.  Only rows up to the last one whose
 * value is <= k are computed, so a scan costs about O(k) per code point. */
static void
approximate_scan (GlossaAnchorText *text,
                  const Ucs        *pattern,
                  guint             k,
                  gint64            from,
                  gint64            to,
                  guint            *column,
                  GArray           *ends)
{
  gint64 m = pattern->length;
  gint64 last_active = MIN ((gint64) k, m);

  from = MAX (from, 0);
  to = MIN (to, text->length);

  for (gint64 i = 0; i <= m; i++)
    column[i] = (guint) MIN (i, (gint64) k + 1);

  for (gint64 j = from; j < to; j++)
    {
      gunichar c = text->chars[j];
      guint diagonal = 0;
      guint value = 0;

      for (gint64 i = 1; i <= last_active; i++)
        {
          guint above = column[i];

          if (pattern->chars[i - 1] == c)
            value = diagonal;
          else
            {
              if (diagonal < value)
                value = diagonal;
              if (above < value)
                value = above;
              value++;
            }
          diagonal = above;
          column[i] = value;
        }

      while (last_active > 0 && column[last_active] > k)
        last_active--;

      if (last_active == m)
        {
          MatchEnd me = { j + 1, column[m] };

          g_array_append_val (ends, me);
        }
      else
        {
          last_active++;
          /* The row joining the active band had a value > k. */
          column[last_active] = k + 1;
        }
    }
}

/* Given a match of @pattern ending at @end with @distance edits, finds its
 * start: the one of least distance, the length nearest the pattern's on a tie. */
static gint64
approximate_start (GlossaAnchorText *text,
                   const Ucs        *pattern,
                   guint             k,
                   gint64            end,
                   guint            *distance)
{
  gint64 m = pattern->length;
  gint64 max_len = MIN (m + (gint64) k, end);
  g_autofree guint *column = g_new (guint, m + 1);
  guint best = G_MAXUINT;
  gint64 best_len = m;

  /* column[i]: distance between the last i code points of the pattern and
   * the l code points before @end. */
  for (gint64 i = 0; i <= m; i++)
    column[i] = (guint) i;

  best = column[m];
  best_len = 0;

  for (gint64 l = 1; l <= max_len; l++)
    {
      gunichar c = text->chars[end - l];
      guint diagonal = column[0];

      column[0] = (guint) l;
      for (gint64 i = 1; i <= m; i++)
        {
          guint above = column[i];
          guint value = diagonal + (pattern->chars[m - i] == c ? 0 : 1);

          if (above + 1 < value)
            value = above + 1;
          if (column[i - 1] + 1 < value)
            value = column[i - 1] + 1;
          diagonal = above;
          column[i] = value;
        }

      if (column[m] < best
          || (column[m] == best && ABS (l - m) < ABS (best_len - m)))
        {
          best = column[m];
          best_len = l;
        }
    }

  *distance = best;

  return end - best_len;
}

/* Approximate matches in [@from, @to): keeps the best in @best. */
static void
approximate_search (GlossaAnchorText *text,
                    const Ucs        *pattern,
                    guint             k,
                    gint64            from,
                    gint64            to,
                    gint64            old_start,
                    const Ucs        *prefix,
                    const Ucs        *suffix,
                    gboolean          context_first,
                    gboolean         *found,
                    Candidate        *best)
{
  g_autofree guint *column = g_new (guint, pattern->length + 1);
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (MatchEnd));
  guint i = 0;

  approximate_scan (text, pattern, k, from, to, column, ends);

  /* A run of consecutive ends is one match seen with more or fewer
   * trailing code points: take its least-distance end. */
  while (i < ends->len)
    {
      const MatchEnd *run_best = &g_array_index (ends, MatchEnd, i);
      guint j = i + 1;
      Candidate c;

      while (j < ends->len
             && g_array_index (ends, MatchEnd, j).end == g_array_index (ends, MatchEnd, j - 1).end + 1)
        {
          if (g_array_index (ends, MatchEnd, j).distance < run_best->distance)
            run_best = &g_array_index (ends, MatchEnd, j);
          j++;
        }

      c.end = run_best->end;
      c.start = approximate_start (text, pattern, k, c.end, &c.distance);
      if (c.distance <= k && c.start < c.end)
        {
          c.context = context_score (text, c.start, c.end, prefix, suffix);
          c.nearness = old_start >= 0 ? ABS (c.start - old_start) : c.start;

          if (is_confident (&c, pattern->length, prefix, suffix)
              && (!*found || (context_first ? candidate_better_context (&c, best)
                                            : candidate_better (&c, best))))
            {
              *best = c;
              *found = TRUE;
            }
        }

      i = j;
    }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Sorted, merged [from, to) pairs around the given pattern starts. */
static void
windows_around (GArray *starts,
                gint64  before,
                gint64  after,
                gint64  limit,
                GArray *windows)
{
  g_array_sort (starts, compare_gint64);

  for (guint i = 0; i < starts->len; i++)
    {
      gint64 from = MAX (g_array_index (starts, gint64, i) - before, 0);
      gint64 to = MIN (g_array_index (starts, gint64, i) + after, limit);

      if (from >= to)
        continue;

      if (windows->len > 0 && from <= g_array_index (windows, gint64, windows->len - 1))
        g_array_index (windows, gint64, windows->len - 1) =
          MAX (to, g_array_index (windows, gint64, windows->len - 1));
      else
        {
          g_array_append_val (windows, from);
          g_array_append_val (windows, to);
        }
    }
}

/* Windows of the text that may hold a match with <= k edits: around exact
 * occurrences of k+1 disjoint pieces of the pattern.  Returns FALSE when
 * scanning the whole text is cheaper. */
static gboolean
pigeonhole_windows (GlossaAnchorText *text,
                    const Ucs        *pattern,
                    guint             k,
                    GArray           *windows)
{
  gint64 m = pattern->length;
  gint64 pieces = (gint64) k + 1;
  gint64 piece_len = m / pieces;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (piece_len < QGRAM)
    return FALSE;

  for (gint64 p = 0; p < pieces; p++)
    {
      gint64 offset = p * piece_len;
      Ucs piece = { pattern->chars + offset, p == pieces - 1 ? m - offset : piece_len };
      guint before = starts->len;

      find_exact (text, &piece, 0, text->length, starts);
      for (guint i = before; i < starts->len; i++)
        g_array_index (starts, gint64, i) -= offset;

      /* Too many candidates: the plain scan wins. */
      if ((gint64) starts->len * (m + 2 * (gint64) k) > text->length)
        return FALSE;
    }

  windows_around (starts, (gint64) k, m + (gint64) k, text->length, windows);

  return TRUE;
}

/* Where in the whole text @pattern may match with <= @k edits, as [from, to)
 * pairs.  Around exact occurrences of its pieces when they are few; for a
 * long quote in a text too repetitive for that, around approximate matches
 * of its first and last LONG_QUOTE code points (a quote whose edits all
 * crowd into both ends is then missed and orphaned, never mis-placed);
 * else the whole text. */
static void
candidate_windows (GlossaAnchorText *text,
                   const Ucs        *pattern,
                   guint             k,
                   GArray           *windows)
{
  gint64 m = pattern->length;

  ensure_index (text);
  if (text->positions != NULL && pigeonhole_windows (text, pattern, k, windows))
    return;
  g_array_set_size (windows, 0);

  if (m > LONG_QUOTE)
    {
      g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree guint *column = g_new (guint, LONG_QUOTE + 1);
      guint k_part = LONG_QUOTE / 10;

      for (guint part = 0; part < 2; part++)
        {
          Ucs piece = { part == 0 ? pattern->chars : pattern->chars + m - LONG_QUOTE, LONG_QUOTE };
          g_autoptr(GArray) piece_windows = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (MatchEnd));

          candidate_windows (text, &piece, k_part, piece_windows);
          for (guint i = 0; i + 1 < piece_windows->len; i += 2)
            approximate_scan (text, &piece, k_part,
                              g_array_index (piece_windows, gint64, i),
                              g_array_index (piece_windows, gint64, i + 1),
                              column, ends);

          for (guint i = 0; i < ends->len; i++)
            {
              gint64 e = g_array_index (ends, MatchEnd, i).end;
              gint64 start = part == 0 ? e - LONG_QUOTE : e - m;

              g_array_append_val (starts, start);
            }
        }

      windows_around (starts, (gint64) (k + k_part), m + (gint64) (k + k_part),
                      text->length, windows);
      return;
    }

  {
    gint64 from = 0;
    gint64 to = text->length;

    g_array_append_val (windows, from);
    g_array_append_val (windows, to);
  }
}

static void
to_ucs (const char *utf8,
        gunichar  **chars,
        Ucs        *out)
{
  *chars = decode (utf8, &out->length);
  out->chars = *chars;
}

GlossaAnchorResult
glossa_anchor_locate (GlossaAnchorText *text,
                      gint64            old_start,
                      gint64            old_end,
                      const char       *quote,
                      const char       *prefix,
                      const char       *suffix,
                      gint64           *start,
                      gint64           *end)
{
  g_autofree gunichar *quote_chars = NULL;
  g_autofree gunichar *prefix_chars = NULL;
  g_autofree gunichar *suffix_chars = NULL;
  g_autoptr(GArray) occurrences = NULL;
  Ucs q, pre, suf;
  Candidate best = { 0 };
  gboolean found = FALSE;
  guint k;

  g_return_val_if_fail (text != NULL, GLOSSA_ANCHOR_ORPHANED);
  g_return_val_if_fail (quote != NULL, GLOSSA_ANCHOR_ORPHANED);

  to_ucs (quote, &quote_chars, &q);
  to_ucs (prefix, &prefix_chars, &pre);
  to_ucs (suffix, &suffix_chars, &suf);

  /* An empty quote has nothing to find. */
  if (q.length == 0)
    return GLOSSA_ANCHOR_ORPHANED;

  /* 1. Unchanged at its old place with all of its context: nothing can
   * beat that.  With only part of it, another copy of the quote may have
   * been shifted there by the edit, so every occurrence competes below. */
  if (old_start >= 0 && matches_at (text, old_start, &q)
      && context_score (text, old_start, old_start + q.length, &pre, &suf)
         == (guint) (pre.length + suf.length))
    {
      *start = old_start;
      *end = old_start + q.length;
      return GLOSSA_ANCHOR_EXACT;
    }

  /* 2. The exact quote elsewhere: best context, then nearest. */
  occurrences = g_array_new (FALSE, FALSE, sizeof (gint64));
  find_exact (text, &q, 0, text->length, occurrences);

  for (guint i = 0; i < occurrences->len; i++)
    {
      Candidate c;

      c.start = g_array_index (occurrences, gint64, i);
      c.end = c.start + q.length;
      c.distance = 0;
      c.context = context_score (text, c.start, c.end, &pre, &suf);
      c.nearness = old_start >= 0 ? ABS (c.start - old_start) : c.start;

      /* At its old place the quote needs no context to be trusted, but
       * another copy with better context still wins. */
      if ((c.start == old_start || is_confident (&c, q.length, &pre, &suf))
          && (!found || candidate_better (&c, &best)))
        {
          best = c;
          found = TRUE;
        }
    }

  k = (guint) (q.length / 10);

  /* A copy of the quote with part of its context, while the passage was
   * edited where it stood: the edited passage, with more of its context,
   * is the annotation's. */
  if (found && best.context < (guint) (pre.length + suf.length)
      && k > 0 && old_start >= 0 && old_start <= text->length)
    {
      Candidate near = { 0 };
      gboolean near_found = FALSE;

      approximate_search (text, &q, k,
                          old_start - NEAR_WINDOW - (gint64) k,
                          old_start + q.length + NEAR_WINDOW + (gint64) k,
                          old_start, &pre, &suf, TRUE, &near_found, &near);
      if (near_found && near.distance > 0 && near.context > best.context)
        {
          *start = near.start;
          *end = near.end;
          return GLOSSA_ANCHOR_FUZZY;
        }
    }

  if (found)
    {
      *start = best.start;
      *end = best.end;
      return best.start == old_start ? GLOSSA_ANCHOR_EXACT : GLOSSA_ANCHOR_MOVED;
    }

  /* 3. An approximate match, at most ~10% of the quote edited. */
  if (k == 0 || text->length == 0)
    return GLOSSA_ANCHOR_ORPHANED;

  if (old_start >= 0 && old_start <= text->length)
    {
      gint64 span = MAX (old_end - old_start, q.length);

      approximate_search (text, &q, k,
                          old_start - NEAR_WINDOW - (gint64) k,
                          old_start + span + NEAR_WINDOW + (gint64) k,
                          old_start, &pre, &suf, FALSE, &found, &best);
    }

  if (!found)
    {
      g_autoptr(GArray) windows = g_array_new (FALSE, FALSE, sizeof (gint64));

      candidate_windows (text, &q, k, windows);
      for (guint i = 0; i + 1 < windows->len; i += 2)
        approximate_search (text, &q, k,
                            g_array_index (windows, gint64, i),
                            g_array_index (windows, gint64, i + 1),
                            old_start, &pre, &suf, FALSE, &found, &best);
    }

  if (!found)
    return GLOSSA_ANCHOR_ORPHANED;

  *start = best.start;
  *end = best.end;

  return GLOSSA_ANCHOR_FUZZY;
}

void
glossa_anchor_context (const char  *utf8,
                       gint64       start,
                       gint64       end,
                       char       **quote,
                       char       **prefix,
                       char       **suffix)
{
  const char *offsets[4] = { NULL, };
  gint64 wanted[4];
  const char *p;
  gint64 i = 0;

  g_return_if_fail (utf8 != NULL);

  start = MAX (start, 0);
  end = MAX (end, start);

  wanted[0] = MAX (start - GLOSSA_CONTEXT_LENGTH, 0);
  wanted[1] = start;
  wanted[2] = end;
  wanted[3] = end + GLOSSA_CONTEXT_LENGTH;

  /* One pass: the four boundaries, each clamped to the end of the text. */
  for (p = utf8; ; p = g_utf8_next_char (p), i++)
    {
      for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
        if (offsets[w] == NULL && (wanted[w] == i || *p == '\0'))
          offsets[w] = p;

      if (*p == '\0' || offsets[3] != NULL)
        break;
    }

  if (quote != NULL)
    *quote = g_strndup (offsets[1], offsets[2] - offsets[1]);
  if (prefix != NULL)
    *prefix = g_strndup (offsets[0], offsets[1] - offsets[0]);
  if (suffix != NULL)
    *suffix = g_strndup (offsets[2], offsets[3] - offsets[2]);
}

void
glossa_anchor_text_context (GlossaAnchorText  *text,
                            gint64             start,
                            gint64             end,
                            char             **quote,
                            char             **prefix,
                            char             **suffix)
{
  gint64 before;
  gint64 after;

  g_return_if_fail (text != NULL);

  start = CLAMP (start, 0, text->length);
  end = CLAMP (end, start, text->length);
  before = MAX (start - GLOSSA_CONTEXT_LENGTH, 0);
  after = MIN (end + GLOSSA_CONTEXT_LENGTH, text->length);

  if (quote != NULL)
    *quote = g_ucs4_to_utf8 (text->chars + start, end - start, NULL, NULL, NULL);
  if (prefix != NULL)
    *prefix = g_ucs4_to_utf8 (text->chars + before, start - before, NULL, NULL, NULL);
  if (suffix != NULL)
    *suffix = g_ucs4_to_utf8 (text->chars + end, after - end, NULL, NULL, NULL);
}
