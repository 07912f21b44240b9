/* test-anchor.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-anchoring: an annotation made on one text is placed on an edited text.
 */
#include "config.h"

#include <string.h>

#include "glossa-anchor.h"

#define UNTOUCHED (-12345)

typedef struct
{
  GlossaAnchorResult result;
  gint64             start;
  gint64             end;
  char              *found;   /* the new text in [start, end) */
} Placed;

static void
placed_clear (Placed *p)
{
  g_clear_pointer (&p->found, g_free);
}

static gint64
cp_offset (const char *text,
           const char *needle,
           guint       occurrence)
{
  const char *p = text;

  for (;;)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (occurrence-- == 0)
        break;
      p += strlen (needle);
    }

  return g_utf8_pointer_to_offset (text, p);
}

static char *
substring (const char *utf8,
           gint64      start,
           gint64      end)
{
  const char *a = g_utf8_offset_to_pointer (utf8, start);
  const char *b = g_utf8_offset_to_pointer (utf8, end);

  return g_strndup (a, b - a);
}

/* Annotates [start, end) of @old_text the way the library does (quote and
 * context from glossa_anchor_context) and places it on @new_text. */
static void
relocate (const char *old_text,
          gint64      start,
          gint64      end,
          const char *new_text,
          Placed     *out)
{
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr(GlossaAnchorText) text = glossa_anchor_text_new (new_text);

  glossa_anchor_context (old_text, start, end, &quote, &prefix, &suffix);

  out->start = UNTOUCHED;
  out->end = UNTOUCHED;
  out->found = NULL;
  out->result = glossa_anchor_locate (text, start, end, quote, prefix, suffix,
                                      &out->start, &out->end);
  if (out->result != GLOSSA_ANCHOR_ORPHANED)
    {
      g_assert_cmpint (out->start, >=, 0);
      g_assert_cmpint (out->end, <=, glossa_anchor_text_length (text));
      out->found = substring (new_text, out->start, out->end);
    }
  else
    {
      /* An orphan leaves the caller's values alone. */
      g_assert_cmpint (out->start, ==, UNTOUCHED);
      g_assert_cmpint (out->end, ==, UNTOUCHED);
    }
}

static const char *base =
  "Opening words of the piece. The committee said the quick brown fox jumps "
  "over the lazy dog near the river bank. Closing words follow here.";

static void
test_insert_before (void)
{
  const char *quote = "the quick brown fox jumps over the lazy dog";
  gint64 start = cp_offset (base, quote, 0);
  g_autofree char *edited = g_strconcat ("A new first sentence was added. ", base, NULL);
  Placed p;

  relocate (base, start, start + g_utf8_strlen (quote, -1), edited, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_MOVED);
  g_assert_cmpint (p.start, ==, start + g_utf8_strlen ("A new first sentence was added. ", -1));
  g_assert_cmpstr (p.found, ==, quote);
  placed_clear (&p);
}

static void
test_insert_after (void)
{
  const char *quote = "the quick brown fox jumps over the lazy dog";
  gint64 start = cp_offset (base, quote, 0);
  g_autofree char *edited = g_strconcat (base, " And a postscript.", NULL);
  Placed p;

  relocate (base, start, start + g_utf8_strlen (quote, -1), edited, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_EXACT);
  g_assert_cmpint (p.start, ==, start);
  g_assert_cmpstr (p.found, ==, quote);
  placed_clear (&p);

  /* Right after the quote: its suffix changed, it did not move. */
  {
    g_autoptr(GString) right_after = g_string_new (base);

    g_string_replace (right_after, "lazy dog", "lazy dog (sic)", 1);
    relocate (base, start, start + g_utf8_strlen (quote, -1), right_after->str, &p);
    g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_EXACT);
    g_assert_cmpint (p.start, ==, start);
    placed_clear (&p);
  }

  /* A short quote whose surroundings both changed, still at its place. */
  {
    const char *old_text = "The minister said AI would fix it.";
    const char *new_text = "A spokesman said: AI may fix it all";
    gint64 ai = cp_offset (old_text, "AI", 0);

    g_assert_cmpint (cp_offset (new_text, "AI", 0), ==, ai);
    relocate (old_text, ai, ai + 2, new_text, &p);
    g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_EXACT);
    g_assert_cmpint (p.start, ==, ai);
    placed_clear (&p);
  }
}

static void
test_insert_inside (void)
{
  /* 43 code points: up to 4 edits are accepted. */
  const char *quote = "the quick brown fox jumps over the lazy dog";
  gint64 start = cp_offset (base, quote, 0);
  g_autoptr(GString) edited = g_string_new (base);
  Placed p;

  g_string_replace (edited, "brown fox", "brown, fox", 1);
  g_string_replace (edited, "Opening", "The opening", 1);
  relocate (base, start, start + g_utf8_strlen (quote, -1), edited->str, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_FUZZY);
  g_assert_cmpstr (p.found, ==, "the quick brown, fox jumps over the lazy dog");
  g_assert_cmpint (p.start, ==, start + 4);
  placed_clear (&p);
}

static void
test_whitespace_punctuation (void)
{
  const char *quote = "the quick brown fox jumps over the lazy dog";
  gint64 start = cp_offset (base, quote, 0);
  g_autoptr(GString) edited = g_string_new (base);
  Placed p;

  g_string_replace (edited, "quick brown fox", "quick  brown fox", 1);
  g_string_replace (edited, "lazy dog", "lazy-dog", 1);
  g_string_replace (edited, "jumps", "jumps;", 1);
  relocate (base, start, start + g_utf8_strlen (quote, -1), edited->str, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_FUZZY);
  g_assert_cmpstr (p.found, ==, "the quick  brown fox jumps; over the lazy-dog");
  placed_clear (&p);
}

static void
test_changed_too_much (void)
{
  const char *quote = "the quick brown fox jumps over the lazy dog";
  gint64 start = cp_offset (base, quote, 0);
  g_autoptr(GString) edited = g_string_new (base);
  Placed p;

  /* 5 edits on 43 code points: beyond 10%. */
  g_string_replace (edited, "quick brown", "slow grey", 1);
  relocate (base, start, start + g_utf8_strlen (quote, -1), edited->str, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_ORPHANED);
  placed_clear (&p);
}

static void
test_deleted (void)
{
  const char *quote = "the quick brown fox jumps over the lazy dog";
  gint64 start = cp_offset (base, quote, 0);
  g_autoptr(GString) edited = g_string_new (base);
  Placed p;

  g_string_replace (edited, "the quick brown fox jumps over the lazy dog near the river bank. ", "", 1);
  relocate (base, start, start + g_utf8_strlen (quote, -1), edited->str, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_ORPHANED);
  placed_clear (&p);
}

static void
test_short_quote_elsewhere_orphaned (void)
{
  /* "AI" survives only in an unrelated sentence: moving there would mis-place it. */
  const char *old_text = "Critics say AI is the antidote. Others disagree entirely.";
  const char *new_text = "Critics say nothing. Others disagree; they call AI hype.";
  gint64 start = cp_offset (old_text, "AI", 0);
  Placed p;

  relocate (old_text, start, start + 2, new_text, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_ORPHANED);
  placed_clear (&p);
}

static void
test_duplicate_context (void)
{
  const char *old_text =
    "Intro. Alice says: the model is safe. Bob says: the model is safe. End.";
  const char *quote = "the model is safe";
  gint64 start = cp_offset (old_text, quote, 1);   /* Bob's */
  gint64 first = cp_offset (old_text, quote, 0);
  g_autofree char *filler = g_strnfill (start - first, 'x');
  g_autofree char *edited = NULL;
  Placed p;

  /* Shifted so that Alice's copy now sits exactly where Bob's was. */
  edited = g_strconcat (filler, old_text, NULL);
  g_assert_cmpint (cp_offset (edited, quote, 0), ==, start);
  relocate (old_text, start, start + g_utf8_strlen (quote, -1), edited, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_MOVED);
  g_assert_cmpint (p.start, ==, cp_offset (edited, quote, 1));
  placed_clear (&p);

  /* Alice's passage edited where it stands, Bob's copy untouched: the
   * edited passage keeps the annotation, not the exact copy. */
  {
    const char *old2 = "Intro. Alice said that the claim is that data matters here. "
                       "Much later, Bob: the claim is that data matters too.";
    const char *new2 = "Intro. Alice said that the claim, is that data matters here. "
                       "Much later, Bob: the claim is that data matters too.";
    const char *q2 = "the claim is that data matters";
    gint64 s2 = cp_offset (old2, q2, 0);

    relocate (old2, s2, s2 + g_utf8_strlen (q2, -1), new2, &p);
    g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_FUZZY);
    g_assert_cmpint (p.start, ==, s2);
    g_assert_cmpstr (p.found, ==, "the claim, is that data matters");
    placed_clear (&p);
  }

  /* And with Alice's copy moved far away and Bob's near the old place. */
  g_clear_pointer (&edited, g_free);
  edited = g_strdup ("Intro. Bob says: the model is safe. End. And later, Alice says: the model is safe.");
  relocate (old_text, first, first + g_utf8_strlen (quote, -1), edited, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_MOVED);
  g_assert_cmpint (p.start, ==, cp_offset (edited, quote, 1));
  placed_clear (&p);
}

static void
test_quote_at_ends (void)
{
  const char *old_text = "Beginning of text, middle part, and the final words";
  gint64 len = g_utf8_strlen (old_text, -1);
  const char *edited = "Beginning of text, a new middle part, and the final words";
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  Placed p;

  glossa_anchor_context (old_text, 0, 9, &quote, &prefix, &suffix);
  g_assert_cmpstr (quote, ==, "Beginning");
  g_assert_cmpstr (prefix, ==, "");
  g_assert_cmpstr (suffix, ==, " of text, middle part, and the f");

  relocate (old_text, 0, 9, edited, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_EXACT);
  g_assert_cmpint (p.start, ==, 0);
  g_assert_cmpstr (p.found, ==, "Beginning");
  placed_clear (&p);

  g_clear_pointer (&quote, g_free);
  g_clear_pointer (&prefix, g_free);
  g_clear_pointer (&suffix, g_free);
  glossa_anchor_context (old_text, len - 11, len, &quote, &prefix, &suffix);
  g_assert_cmpstr (quote, ==, "final words");
  g_assert_cmpstr (suffix, ==, "");

  relocate (old_text, len - 11, len, edited, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_MOVED);
  g_assert_cmpint (p.end, ==, g_utf8_strlen (edited, -1));
  g_assert_cmpstr (p.found, ==, "final words");
  placed_clear (&p);
}

static void
test_empty_text (void)
{
  g_autoptr(GlossaAnchorText) text = glossa_anchor_text_new ("");
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  gint64 start = UNTOUCHED, end = UNTOUCHED;

  g_assert_cmpint (glossa_anchor_text_length (text), ==, 0);
  g_assert_cmpint (glossa_anchor_locate (text, 0, 10, "some quoted words", "", "", &start, &end),
                   ==, GLOSSA_ANCHOR_ORPHANED);
  g_assert_cmpint (start, ==, UNTOUCHED);

  /* An empty quote is never placed. */
  g_clear_pointer (&text, glossa_anchor_text_free);
  text = glossa_anchor_text_new ("abc");
  g_assert_cmpint (glossa_anchor_locate (text, 1, 1, "", "a", "bc", &start, &end),
                   ==, GLOSSA_ANCHOR_ORPHANED);

  glossa_anchor_context ("", 0, 5, &quote, &prefix, &suffix);
  g_assert_cmpstr (quote, ==, "");
  g_assert_cmpstr (prefix, ==, "");
  g_assert_cmpstr (suffix, ==, "");
}

static void
test_astral (void)
{
  const char *old_text = "Some text. The claim is here. More text.";
  const char *quote = "The claim is here.";
  gint64 start = cp_offset (old_text, quote, 0);
  g_autofree char *edited = g_strconcat ("\xf0\xa0\x80\x80\xf0\x9f\x98\x80", old_text, NULL); /* 𠀀😀 */
  g_autoptr(GlossaAnchorText) text = glossa_anchor_text_new (edited);
  Placed p;

  g_assert_cmpint (glossa_anchor_text_length (text), ==, g_utf8_strlen (old_text, -1) + 2);

  relocate (old_text, start, start + g_utf8_strlen (quote, -1), edited, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_MOVED);
  g_assert_cmpint (p.start, ==, start + 2);
  g_assert_cmpint (p.end, ==, start + 2 + g_utf8_strlen (quote, -1));
  g_assert_cmpstr (p.found, ==, quote);
  placed_clear (&p);

  /* Astral characters inside the quote count one each too. */
  {
    const char *old2 = "Intro 😀 emoji 𠀀 quote with 😀 inside it, and then more text.";
    const char *q2 = "quote with 😀 inside it";
    gint64 s2 = cp_offset (old2, q2, 0);
    g_autofree char *edited2 = g_strconcat ("😀😀😀", old2, NULL);

    relocate (old2, s2, s2 + g_utf8_strlen (q2, -1), edited2, &p);
    g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_MOVED);
    g_assert_cmpint (p.start, ==, s2 + 3);
    g_assert_cmpint (p.end - p.start, ==, 22);
    g_assert_cmpstr (p.found, ==, q2);
    placed_clear (&p);
  }
}

static void
test_context (void)
{
  /* 40 code points on each side: 32 are kept, whole characters. */
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *quote2 = NULL;
  g_autofree char *prefix2 = NULL;
  g_autofree char *suffix2 = NULL;
  g_autoptr(GlossaAnchorText) decoded = NULL;

  for (guint i = 0; i < 40; i++)
    g_string_append (text, i % 2 ? "中" : "😀");
  g_string_append (text, "互联网的解药");
  for (guint i = 0; i < 40; i++)
    g_string_append (text, i % 2 ? "é" : "文");

  glossa_anchor_context (text->str, 40, 46, &quote, &prefix, &suffix);
  g_assert_cmpstr (quote, ==, "互联网的解药");
  g_assert_cmpint (g_utf8_strlen (prefix, -1), ==, GLOSSA_CONTEXT_LENGTH);
  g_assert_cmpint (g_utf8_strlen (suffix, -1), ==, GLOSSA_CONTEXT_LENGTH);
  g_assert_true (g_str_has_prefix (prefix, "😀中"));
  g_assert_true (g_str_has_prefix (suffix, "文é"));
  g_assert_true (g_utf8_validate (prefix, -1, NULL));

  decoded = glossa_anchor_text_new (text->str);
  glossa_anchor_text_context (decoded, 40, 46, &quote2, &prefix2, &suffix2);
  g_assert_cmpstr (quote2, ==, quote);
  g_assert_cmpstr (prefix2, ==, prefix);
  g_assert_cmpstr (suffix2, ==, suffix);

  /* Out of range is clamped, never past the text's ends. */
  g_clear_pointer (&quote, g_free);
  g_clear_pointer (&prefix, g_free);
  g_clear_pointer (&suffix, g_free);
  glossa_anchor_context (text->str, 80, 500, &quote, &prefix, &suffix);
  g_assert_cmpint (g_utf8_strlen (quote, -1), ==, 6);
  g_assert_cmpstr (suffix, ==, "");
  g_assert_cmpint (g_utf8_strlen (prefix, -1), ==, 32);
}

typedef struct
{
  char *sample;
} SampleFixture;

static void
sample_setup (SampleFixture *fixture,
              gconstpointer  data)
{
  const char *shared = g_getenv ("GLOSSA_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (shared);
  path = g_build_filename (shared, "samples", "sora-article-scraped.txt", NULL);
  g_file_get_contents (path, &fixture->sample, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (fixture->sample, -1, NULL));
}

static void
sample_teardown (SampleFixture *fixture,
                 gconstpointer  data)
{
  g_free (fixture->sample);
}

static void
test_chinese_insert (SampleFixture *fixture,
                     gconstpointer  data)
{
  const char *quote = "互联网的解药";
  const char *paragraph = "这是一段新插入的段落，用来测试重新定位。\n\n";
  const char *title = strstr (fixture->sample, "Sora打败不了");
  g_autoptr(GString) edited = g_string_new (NULL);
  gint64 start = cp_offset (fixture->sample, quote, 0);
  Placed p;

  g_assert_nonnull (title);
  g_string_append_len (edited, fixture->sample, title - fixture->sample);
  g_string_append (edited, paragraph);
  g_string_append (edited, title);

  relocate (fixture->sample, start, start + 6, edited->str, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_MOVED);
  g_assert_cmpint (p.start, ==, start + g_utf8_strlen (paragraph, -1));
  g_assert_cmpstr (p.found, ==, quote);
  placed_clear (&p);
}

static void
test_chinese_fuzzy (SampleFixture *fixture,
                    gconstpointer  data)
{
  const char *quote = "Sora更像是一把打开人工智能时代大门的钥匙";
  gint64 start = cp_offset (fixture->sample, quote, 0);
  g_autoptr(GString) edited = g_string_new (fixture->sample);
  Placed p;

  /* A full-width comma added inside, a paragraph deleted before. */
  g_string_replace (edited, "一把打开", "一把，打开", 1);
  g_assert_cmpuint (g_string_replace (edited, "回顾互联网时代的发展,我们可以非常清晰地看到这一点。", "", 0), ==, 1);
  g_string_replace (edited, "当越来越多的Sora开始出现", "当越来越多的 Sora 开始出现", 1);
  relocate (fixture->sample, start, start + g_utf8_strlen (quote, -1), edited->str, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_FUZZY);
  g_assert_cmpstr (p.found, ==, "Sora更像是一把，打开人工智能时代大门的钥匙");
  g_assert_cmpint (p.start, ==, start + 2);
  placed_clear (&p);

  /* The quote's paragraph gone: orphaned, not moved to another 人工智能. */
  g_string_assign (edited, fixture->sample);
  g_assert_cmpuint (g_string_replace (edited, "从这样一个角度来看,如果我们对Sora进行总结和定义的话,Sora更像是一把打开人工智能时代大门的钥匙。", "", 1), ==, 1);
  relocate (fixture->sample, start, start + g_utf8_strlen (quote, -1), edited->str, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_ORPHANED);
  placed_clear (&p);
}

/* A long text where the edited quote moved far from its old place: the
 * whole-text search (pigeonhole filter over the index) must find it. */
static void
test_far_fuzzy_long_quote (void)
{
  g_autoptr(GString) old_text = g_string_new (NULL);
  g_autoptr(GString) new_text = g_string_new (NULL);
  const char *quote =
    "In the long run, the durable advantage belongs to whoever controls the distribution "
    "of attention, not to whoever builds the most impressive demonstration model.";
  g_autofree char *edited_quote = NULL;
  g_autoptr(GString) eq = g_string_new (quote);
  gint64 start;
  Placed p;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (old_text, "Sentence number %u says little. ", i);
  start = g_utf8_strlen (old_text->str, -1);
  g_string_append (old_text, quote);
  g_string_append (old_text, " Afterwards comes the rest.");

  /* 9 edits on 159 code points, and the quote now 60,000 code points earlier. */
  g_string_replace (eq, "long run", "long-run", 1);
  g_string_replace (eq, ", not", "; not", 1);
  g_string_replace (eq, "most impressive", "most  impressive", 1);
  g_string_replace (eq, "durable", "durable,", 1);
  edited_quote = g_strdup (eq->str);

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (new_text, "Sentence number %u says little. ", i);
  g_string_append (new_text, edited_quote);
  g_string_append (new_text, " Afterwards comes the rest.");
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (new_text, "Appendix line %u repeats. ", i);

  relocate (old_text->str, start, start + g_utf8_strlen (quote, -1), new_text->str, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_FUZZY);
  g_assert_cmpstr (p.found, ==, edited_quote);
  placed_clear (&p);
}

/* A long edited quote moved far away in a text so repetitive that every
 * piece of it occurs thousands of times: found through its head and tail. */
static void
test_far_fuzzy_repetitive (void)
{
  static const char *words[] = { "the ", "model ", "is ", "safe ", "人工智能", "的" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) quote = g_string_new (NULL);
  g_autoptr(GString) edited_quote = NULL;
  g_autoptr(GString) old_text = g_string_new (NULL);
  g_autoptr(GString) new_text = g_string_new (NULL);
  gint64 start;
  gint64 m;
  Placed p;

  while (g_utf8_strlen (quote->str, -1) < 150)
    g_string_append (quote, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  m = g_utf8_strlen (quote->str, -1);

  /* Six edits in the middle; head and tail intact. */
  edited_quote = g_string_new (quote->str);
  g_string_insert (edited_quote, g_utf8_offset_to_pointer (edited_quote->str, m / 2) - edited_quote->str, "XYZ");
  g_string_insert (edited_quote, g_utf8_offset_to_pointer (edited_quote->str, m / 2 + 20) - edited_quote->str, "§§§");

  for (guint i = 0; i < 40000; i++)
    g_string_append (old_text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  g_string_append (new_text, old_text->str);
  start = g_utf8_strlen (old_text->str, -1);
  g_string_append (old_text, quote->str);
  g_string_append (old_text, "— the end of it all.");

  /* The new text: the old filler moved after the quote. */
  g_string_prepend (new_text, "Preface. ");
  g_string_prepend (new_text, edited_quote->str);
  g_string_append (new_text, "— the end of it all.");

  relocate (old_text->str, start, start + m, new_text->str, &p);
  g_assert_cmpint (p.result, ==, GLOSSA_ANCHOR_FUZZY);
  g_assert_cmpint (p.start, ==, 0);
  g_assert_cmpstr (p.found, ==, edited_quote->str);
  placed_clear (&p);
}

/* Plain O(nm) edit distance, independent of the code under test. */
static guint
edit_distance (const char *a,
               const char *b)
{
  glong n = 0, m = 0;
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, &n);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, &m);
  g_autofree guint *row = g_new (guint, m + 1);

  for (glong j = 0; j <= m; j++)
    row[j] = j;

  for (glong i = 1; i <= n; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (glong j = 1; j <= m; j++)
        {
          guint above = row[j];
          guint value = diagonal + (x[i - 1] == y[j - 1] ? 0 : 1);

          value = MIN (value, above + 1);
          value = MIN (value, row[j - 1] + 1);
          diagonal = above;
          row[j] = value;
        }
    }

  return row[m];
}

static void
append_words (GString *s,
              GRand   *rand,
              guint    n_code_points)
{
  static const char *words[] = {
    "the ", "claim ", "is ", "that ", "evidence ", "互联网", "的", "解药", "人工智能", "时代",
    "😀", "𠀀", ", ", "。", "model ", "Sora ", "no ", "data ",
  };
  glong start = g_utf8_strlen (s->str, -1);

  while (g_utf8_strlen (s->str, -1) - start < n_code_points)
    g_string_append (s, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
}

static gsize
byte_at (const char *s,
         gint64      cp)
{
  return g_utf8_offset_to_pointer (s, cp) - s;
}

/* Random texts and edits, checking what must always hold: a placed
 * annotation holds its quote (exact) or something within the edit bound of
 * it (fuzzy); an edit away from the quote moves it by exactly the edit's
 * length; nothing is ever placed anywhere else. */
static void
test_random_edits (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260222);

  for (guint round = 0; round < 150; round++)
    {
      g_autoptr(GString) old_text = g_string_new (NULL);
      g_autoptr(GString) new_text = NULL;
      g_autoptr(GString) insert = g_string_new (NULL);
      gint64 n, start, end, m;
      g_autofree char *quote = NULL;
      guint kind = round % 3;
      Placed p;

      append_words (old_text, rand, g_rand_int_range (rand, 500, 6000));
      n = g_utf8_strlen (old_text->str, -1);
      m = g_rand_int_range (rand, 10, 90);
      start = g_rand_int_range (rand, 0, n - m);
      end = start + m;
      quote = substring (old_text->str, start, end);
      new_text = g_string_new (old_text->str);
      append_words (insert, rand, g_rand_int_range (rand, 1, 300));

      if (kind == 0)
        {
          /* An insertion before or after the quote. */
          gboolean before = g_rand_boolean (rand);
          gint64 at = before ? g_rand_int_range (rand, 0, start + 1)
                             : g_rand_int_range (rand, end, n + 1);
          gint64 expected = before ? start + g_utf8_strlen (insert->str, -1) : start;

          g_string_insert (new_text, byte_at (new_text->str, at), insert->str);
          relocate (old_text->str, start, end, new_text->str, &p);
          g_assert_cmpint (p.result, !=, GLOSSA_ANCHOR_ORPHANED);
          g_assert_cmpint (p.result, !=, GLOSSA_ANCHOR_FUZZY);
          g_assert_cmpstr (p.found, ==, quote);
          /* Only another copy of the quote can be chosen instead. */
          if (p.start != expected)
            g_assert_nonnull (strstr (strstr (new_text->str, quote) + 1, quote));
        }
      else if (kind == 1)
        {
          /* Up to k one-code-point edits inside the quote. */
          guint k = (guint) (m / 10);
          guint n_edits = g_rand_int_range (rand, 1, k + 1);

          for (guint e = 0; e < n_edits; e++)
            {
              gint64 at = start + 1 + g_rand_int_range (rand, 0, m - 2);

              if (g_rand_boolean (rand))
                g_string_insert (new_text, byte_at (new_text->str, at), "#");
              else
                {
                  gsize from = byte_at (new_text->str, at);

                  g_string_erase (new_text, from, byte_at (new_text->str, at + 1) - from);
                  m--;
                }
            }
          relocate (old_text->str, start, end, new_text->str, &p);
          if (p.result != GLOSSA_ANCHOR_ORPHANED)
            g_assert_cmpuint (edit_distance (p.found, quote), <=, k);
          /* The edited passage is where it was: it must be found there. */
          g_assert_cmpint (p.result, !=, GLOSSA_ANCHOR_ORPHANED);
          g_assert_cmpint (ABS (p.start - start), <=, (gint64) k);
        }
      else
        {
          /* The quote and some of its surroundings deleted. */
          gint64 from = MAX (start - (gint64) g_rand_int_range (rand, 0, 40), 0);
          gint64 to = MIN (end + (gint64) g_rand_int_range (rand, 0, 40), n);
          gsize b = byte_at (new_text->str, from);

          g_string_erase (new_text, b, byte_at (new_text->str, to) - b);
          relocate (old_text->str, start, end, new_text->str, &p);
          /* Whatever is found (a copy elsewhere), it is the quote or near it. */
          if (p.result != GLOSSA_ANCHOR_ORPHANED)
            g_assert_cmpuint (edit_distance (p.found, quote), <=, (guint) (m / 10));
          if (p.result == GLOSSA_ANCHOR_EXACT || p.result == GLOSSA_ANCHOR_MOVED)
            g_assert_cmpstr (p.found, ==, quote);
        }

      placed_clear (&p);
    }
}

/* Many annotations of one long text, all placed on the same decoded text. */
static void
test_many_shifted (void)
{
  g_autoptr(GString) old_text = g_string_new (NULL);
  g_autoptr(GString) new_text = g_string_new ("Inserted preface of the second edition.\n");
  g_autoptr(GlossaAnchorText) text = NULL;
  gint64 shift = g_utf8_strlen (new_text->str, -1);

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (old_text, "第%u段：这是一句关于第%u个主张的话。\n", i, i * 7);
  g_string_append (new_text, old_text->str);
  text = glossa_anchor_text_new (new_text->str);

  for (guint i = 0; i < 2000; i += 37)
    {
      g_autofree char *needle = g_strdup_printf ("第%u个主张", i * 7);
      gint64 start = cp_offset (old_text->str, needle, 0);
      gint64 end = start + g_utf8_strlen (needle, -1);
      g_autofree char *quote = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;
      gint64 ns = -1, ne = -1;

      glossa_anchor_context (old_text->str, start, end, &quote, &prefix, &suffix);
      g_assert_cmpint (glossa_anchor_locate (text, start, end, quote, prefix, suffix, &ns, &ne),
                       ==, GLOSSA_ANCHOR_MOVED);
      g_assert_cmpint (ns, ==, start + shift);
      g_assert_cmpint (ne, ==, end + shift);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/insert-before", test_insert_before);
  g_test_add_func ("/anchor/insert-inside", test_insert_inside);
  g_test_add_func ("/anchor/insert-after", test_insert_after);
  g_test_add_func ("/anchor/whitespace-punctuation", test_whitespace_punctuation);
  g_test_add_func ("/anchor/changed-too-much", test_changed_too_much);
  g_test_add_func ("/anchor/deleted", test_deleted);
  g_test_add_func ("/anchor/short-quote-elsewhere", test_short_quote_elsewhere_orphaned);
  g_test_add_func ("/anchor/duplicate-context", test_duplicate_context);
  g_test_add_func ("/anchor/quote-at-ends", test_quote_at_ends);
  g_test_add_func ("/anchor/empty-text", test_empty_text);
  g_test_add_func ("/anchor/astral", test_astral);
  g_test_add_func ("/anchor/context", test_context);
  g_test_add ("/anchor/chinese-insert", SampleFixture, NULL,
              sample_setup, test_chinese_insert, sample_teardown);
  g_test_add ("/anchor/chinese-fuzzy", SampleFixture, NULL,
              sample_setup, test_chinese_fuzzy, sample_teardown);
  g_test_add_func ("/anchor/far-fuzzy-long-quote", test_far_fuzzy_long_quote);
  g_test_add_func ("/anchor/far-fuzzy-repetitive", test_far_fuzzy_repetitive);
  g_test_add_func ("/anchor/random-edits", test_random_edits);
  g_test_add_func ("/anchor/many-shifted", test_many_shifted);

  return g_test_run ();
}
