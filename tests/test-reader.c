/* test-reader.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader widget in a real window under Xvfb, on the shared sample.
 */
#include "config.h"

#include <string.h>
#include <gdk/x11/gdkx.h>

#include "glossa-library.h"
#include "glossa-reader.h"

typedef struct {
  GtkWindow       *window;
  GlossaReader    *reader;
  GlossaExtracted *content;
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *count)
{
  (*count)++;
}

/* Runs the main loop until @n frames were painted (or 5 s passed). */
static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint count = 0;
  gboolean timed_out = FALSE;
  guint timeout;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &count);
  timeout = g_timeout_add (5000, timeout_cb, &timed_out);
  gtk_widget_queue_draw (widget);
  while (count < n && !timed_out)
    {
      g_main_context_iteration (NULL, TRUE);
      if (count < n)
        gtk_widget_queue_draw (widget);
    }
  g_signal_handler_disconnect (clock, handler);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_false (timed_out);
}

/* Scrolling through a mark waits for the lines to be laid out. */
static void
wait_until_visible (GlossaReader *reader,
                    gint64        offset)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gint64 vs = -1, ve = -1;

  while (g_get_monotonic_time () < deadline)
    {
      wait_for_frames (GTK_WIDGET (reader), 1);
      if (glossa_reader_get_visible_range (reader, &vs, &ve) && vs <= offset && offset < ve)
        return;
    }
  g_error ("Offset %" G_GINT64_FORMAT " never became visible; showing [%" G_GINT64_FORMAT
           ", %" G_GINT64_FORMAT ")", offset, vs, ve);
}

static void
flush_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* An article from a text: one paragraph block per run of non-blank lines. */
static GlossaExtracted *
extracted_from_text (const char *text)
{
  GlossaExtracted *ex = glossa_extracted_new ();
  const char *p = text;
  gint64 offset = 0;
  gint64 block_start = -1;
  gint64 block_end = 0;

  glossa_extracted_set_text (ex, g_strdup (text));
  ex->title = g_strdup ("Sora打败不了贾玲韩寒");
  ex->byline = g_strdup ("辉常观察");
  ex->site_name = g_strdup ("水晶球");
  ex->published = g_strdup ("02月22日 10:17");

  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      const char *line_end = nl != NULL ? nl : p + strlen (p);
      gint64 n_chars = g_utf8_strlen (p, line_end - p);
      gboolean blank = TRUE;

      for (const char *q = p; q < line_end; q = g_utf8_next_char (q))
        if (!g_unichar_isspace (g_utf8_get_char (q)))
          blank = FALSE;

      if (blank)
        {
          if (block_start >= 0)
            glossa_extracted_add_block (ex, GLOSSA_BLOCK_PARAGRAPH, 0, block_start, block_end);
          block_start = -1;
        }
      else
        {
          if (block_start < 0)
            block_start = offset;
          block_end = offset + n_chars;
        }

      offset += n_chars + (nl != NULL ? 1 : 0);
      p = nl != NULL ? nl + 1 : line_end;
    }
  if (block_start >= 0)
    glossa_extracted_add_block (ex, GLOSSA_BLOCK_PARAGRAPH, 0, block_start, block_end);

  return ex;
}

static char *
load_sample (void)
{
  const char *shared = g_getenv ("GLOSSA_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_nonnull (shared);
  path = g_build_filename (shared, "samples", "sora-article-scraped.txt", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

static void
fixture_setup_text (Fixture    *f,
                    const char *text)
{
  GtkWidget *scrolled;

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 700);
  f->reader = GLOSSA_READER (glossa_reader_new ());
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->reader));
  gtk_window_set_child (f->window, scrolled);
  f->content = extracted_from_text (text);
  glossa_reader_set_content (f->reader, NULL, f->content);
  gtk_window_present (f->window);
  wait_for_frames (GTK_WIDGET (f->reader), 2);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *text = load_sample ();

  fixture_setup_text (f, text);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  flush_idle ();
  g_object_add_weak_pointer (G_OBJECT (f->reader), (gpointer *) &f->reader);
  gtk_window_destroy (f->window);
  flush_idle ();
  /* Nothing (a tick, an idle, a signal) keeps the reader alive. */
  g_assert_null (f->reader);
  g_clear_pointer (&f->content, glossa_extracted_free);
}

static gint64
header_length (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));

  return gtk_text_buffer_get_char_count (buffer) - glossa_reader_get_length (f->reader);
}

/* Code-point offset of the @nth occurrence of @needle in @text. */
static gint64
find_offset (const char *text,
             const char *needle,
             guint       nth)
{
  const char *p = text;

  for (guint i = 0; ; i++)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (i == nth)
        return g_utf8_pointer_to_offset (text, p);
      p += strlen (needle);
    }
}

static char *
article_slice (Fixture *f,
               gint64   start,
               gint64   end)
{
  const char *s = g_utf8_offset_to_pointer (f->content->text, start);
  const char *e = g_utf8_offset_to_pointer (f->content->text, end);

  return g_strndup (s, e - s);
}

static void
test_reader_header_and_offsets (Fixture       *f,
                                gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));
  GtkTextIter s, e;
  g_autofree char *header = NULL;
  g_autofree char *first = NULL;
  gint64 start, end;
  gint64 head = header_length (f);

  g_assert_cmpint (glossa_reader_get_length (f->reader), ==, f->content->length);
  g_assert_cmpint (head, >, 0);

  /* The header shows title and byline · site · date, before the text. */
  gtk_text_buffer_get_start_iter (buffer, &s);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, (int) head);
  header = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
  g_assert_nonnull (strstr (header, f->content->title));
  g_assert_nonnull (strstr (header, "辉常观察 · 水晶球 · 02月22日 10:17"));

  /* Article offsets: selecting [0, 5) selects the article's first 5 characters. */
  glossa_reader_select_range (f->reader, 0, 5);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 5);
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  first = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
  g_assert_cmpstr (first, ==, "水晶球AP");

  /* A selection inside the header is no article selection. */
  gtk_text_buffer_get_iter_at_offset (buffer, &s, 1);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, 3);
  gtk_text_buffer_select_range (buffer, &s, &e);
  g_assert_false (glossa_reader_get_selection (f->reader, NULL, NULL));
  g_assert_true (glossa_reader_get_header_selected (f->reader));
  glossa_reader_select_range (f->reader, 0, 5);
  g_assert_false (glossa_reader_get_header_selected (f->reader));
  glossa_reader_select_range (f->reader, 3, 3);
  g_assert_false (glossa_reader_get_header_selected (f->reader));

  /* Clearing empties the view. */
  glossa_reader_set_content (f->reader, NULL, NULL);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  g_assert_false (glossa_reader_get_selection (f->reader, NULL, NULL));
}

static void
test_reader_astral_selection (void)
{
  Fixture fx = { 0 }, *f = &fx;
  /* Astral characters (one code point, two UTF-16 units) and a combining mark. */
  const char *text = "前文𠀀字😀表情。\n\nCafe\u0301 au lait.";
  GtkTextBuffer *buffer;
  GtkTextIter s, e;
  g_autofree char *sel = NULL;
  g_autofree char *expected = NULL;
  gint64 start, end;
  gint64 off_astral = find_offset (text, "𠀀", 0);
  gint64 off_emoji = find_offset (text, "😀", 0);
  gint64 off_e = find_offset (text, "e\u0301", 0);

  fixture_setup_text (f, text);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));
  g_assert_cmpint (header_length (f), >, 0);

  glossa_reader_select_range (f->reader, off_astral, off_emoji + 1);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, off_astral);
  g_assert_cmpint (end, ==, off_emoji + 1);
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  sel = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
  expected = article_slice (f, off_astral, off_emoji + 1);
  g_assert_cmpstr (sel, ==, expected);
  g_assert_cmpstr (sel, ==, "𠀀字😀");

  /* Reversed arguments are the same range. */
  glossa_reader_select_range (f->reader, off_emoji + 1, off_astral);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, off_astral);
  g_assert_cmpint (end, ==, off_emoji + 1);

  /* Ending between "e" and its combining accent widens to the whole grapheme. */
  glossa_reader_select_range (f->reader, off_e - 3, off_e + 1);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, off_e - 3);
  g_assert_cmpint (end, ==, off_e + 2);

  /* Out-of-range offsets clamp to the article. */
  glossa_reader_select_range (f->reader, -10, G_MAXINT32);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, f->content->length);

  fixture_teardown (f, NULL);
}

static gboolean
is_cjk_sentence_end (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B;
}

/* The sentence around @offset found by a plain scan of the string, as a
 * reference for the widget's iterator-based search. */
static void
reference_cjk_sentence (const char *text,
                        gint64      offset,
                        gint64     *start,
                        gint64     *end)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  gint64 s = offset, e = offset;

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  while (s > 0 && chars[s - 1] != '\n' && !is_cjk_sentence_end (chars[s - 1]))
    s--;
  while (s < offset && g_unichar_isspace (chars[s]))
    s++;
  while (e < n && chars[e] != '\n' && !is_cjk_sentence_end (chars[e]))
    e++;
  if (e < n && is_cjk_sentence_end (chars[e]))
    e++;
  *start = s;
  *end = e;
}

static void
test_reader_sentences_sample (Fixture       *f,
                              gconstpointer  data)
{
  /* Every "解药" of the sample: the title line, and body sentences. */
  for (guint nth = 0; nth < 4; nth++)
    {
      gint64 at = find_offset (f->content->text, "解药", nth);
      gint64 start, end, rs, re;
      g_autofree char *sentence = NULL;

      g_assert_true (glossa_reader_get_sentence_range (f->reader, at, &start, &end));
      reference_cjk_sentence (f->content->text, at, &rs, &re);
      g_assert_cmpint (start, ==, rs);
      g_assert_cmpint (end, ==, re);
      sentence = article_slice (f, start, end);
      g_assert_nonnull (strstr (sentence, "解药"));
      g_test_message ("sentence %u: %s", nth, sentence);
    }
}

static void
test_reader_sentences_mixed (void)
{
  Fixture fx = { 0 }, *f = &fx;
  const char *text =
    "第一句话。Sora是互联网的“解药”！第三句？最后一句……没有句号\n"
    "\n"
    "He said \"it works.\" Then version 4.8 shipped! See e.g. www.example.org now. End\n";
  gint64 start, end, at;
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *s3 = NULL;
  g_autofree char *s4 = NULL;
  g_autofree char *s5 = NULL;
  g_autofree char *s6 = NULL;
  gboolean ret = FALSE;
  GtkTextBuffer *buffer;
  GtkTextIter loc, is, ie;

  fixture_setup_text (f, text);

  at = find_offset (text, "解药", 0);
  g_assert_true (glossa_reader_get_sentence_range (f->reader, at, &start, &end));
  s1 = article_slice (f, start, end);
  /* The closing quote after the stop belongs to the sentence. */
  g_assert_cmpstr (s1, ==, "Sora是互联网的“解药”！");

  at = find_offset (text, "没有", 0);
  g_assert_true (glossa_reader_get_sentence_range (f->reader, at, &start, &end));
  s2 = article_slice (f, start, end);
  g_assert_cmpstr (s2, ==, "没有句号");   /* ends at the paragraph end */

  at = find_offset (text, "works", 0);
  g_assert_true (glossa_reader_get_sentence_range (f->reader, at, &start, &end));
  s3 = article_slice (f, start, end);
  g_assert_cmpstr (s3, ==, "He said \"it works.\"");

  at = find_offset (text, "4.8", 0);
  g_assert_true (glossa_reader_get_sentence_range (f->reader, at, &start, &end));
  s4 = article_slice (f, start, end);
  g_assert_cmpstr (s4, ==, "Then version 4.8 shipped!");

  /* Extending a selection inside two sentences covers both, whole (through
   * the action, as a shortcut would). */
  glossa_reader_select_range (f->reader, find_offset (text, "一句话", 0), find_offset (text, "互联网", 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->reader), "reader.extend-to-sentences", NULL));
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  s5 = article_slice (f, start, end);
  g_assert_cmpstr (s5, ==, "第一句话。Sora是互联网的“解药”！");

  /* A triple click goes through GtkTextView's extend-selection with LINE
   * granularity: it must give the sentence, not the paragraph. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));
  gtk_text_buffer_get_iter_at_offset (buffer, &loc,
                                      (int) (header_length (f) + find_offset (text, "第三", 0)));
  g_signal_emit_by_name (f->reader, "extend-selection", GTK_TEXT_EXTEND_SELECTION_LINE, &loc,
                         &is, &ie, &ret);
  s6 = gtk_text_buffer_get_text (buffer, &is, &ie, TRUE);
  g_assert_cmpstr (s6, ==, "第三句？");

  fixture_teardown (f, NULL);
}

/* Pango has no Chinese dictionary: a double click selects the run of Han
 * characters around the click (a clause between punctuation), which must
 * never cross punctuation nor reach into Latin text. */
static void
test_reader_word_cjk (Fixture       *f,
                      gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (f->content->text, -1, NULL);
  GtkTextIter loc, is, ie;
  gboolean ret = FALSE;
  gint64 at = find_offset (f->content->text, "解药", 1);
  gint64 rs = at, re = at;
  gint64 head = header_length (f);

  while (rs > 0 && g_unichar_get_script (chars[rs - 1]) == G_UNICODE_SCRIPT_HAN)
    rs--;
  while (g_unichar_get_script (chars[re]) == G_UNICODE_SCRIPT_HAN)
    re++;
  g_assert_cmpint (re - rs, >=, 2);

  gtk_text_buffer_get_iter_at_offset (buffer, &loc, (int) (head + at + 1));
  g_signal_emit_by_name (f->reader, "extend-selection", GTK_TEXT_EXTEND_SELECTION_WORD, &loc,
                         &is, &ie, &ret);
  g_assert_cmpint (gtk_text_iter_get_offset (&is) - head, ==, rs);
  g_assert_cmpint (gtk_text_iter_get_offset (&ie) - head, ==, re);

  /* On English text it is the word. */
  at = find_offset (f->content->text, "ChatGPT", 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &loc, (int) (head + at + 2));
  g_signal_emit_by_name (f->reader, "extend-selection", GTK_TEXT_EXTEND_SELECTION_WORD, &loc,
                         &is, &ie, &ret);
  g_assert_cmpint (gtk_text_iter_get_offset (&is) - head, ==, at);
  g_assert_cmpint (gtk_text_iter_get_offset (&ie) - head, ==, at + 7);
}

static GArray *
brute_force_ids (const GlossaReaderHighlight *hl,
                 guint                        n,
                 gint64                       start,
                 gint64                       end)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    if (hl[i].start < end && hl[i].end > start)
      g_array_append_val (ids, hl[i].id);

  return ids;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static const char *red[] = { "#e01b24", NULL };
static const char *green[] = { "#2ec27e", NULL };
static const char *blue_purple[] = { "#3584e4", "#9141ac", NULL };

static void
test_reader_visible_highlights (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GArray) hl = g_array_new (FALSE, FALSE, sizeof (GlossaReaderHighlight));
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 vs, ve;
  gint64 length = f->content->length;

  for (guint i = 0; i < 400; i++)
    {
      GlossaReaderHighlight h = { 0 };

      h.id = i + 1;
      h.start = g_rand_int_range (rand, 0, (gint32) length - 1);
      h.end = MIN (length, h.start + g_rand_int_range (rand, 1, 120));
      h.colors = i % 3 == 0 ? red : i % 3 == 1 ? green : blue_purple;
      h.note = i % 5 == 0 ? "a note" : NULL;
      g_array_append_val (hl, h);
    }
  glossa_reader_set_highlights (f->reader, (GlossaReaderHighlight *) (gpointer) hl->data, hl->len);

  for (guint step = 0; step < 3; step++)
    {
      g_autoptr(GArray) got = NULL;
      g_autoptr(GArray) expected = NULL;

      glossa_reader_set_scroll_offset (f->reader, step * length / 3);
      wait_until_visible (f->reader, step * length / 3);
      g_assert_true (glossa_reader_get_visible_range (f->reader, &vs, &ve));
      g_assert_cmpint (vs, <, ve);
      if (step > 0)
        g_assert_cmpint (vs, >, 0);
      /* The visible range is what is on screen, not the whole article. */
      g_assert_cmpint (ve - vs, <, length);

      got = glossa_reader_get_highlights_in_range (f->reader, vs, ve);
      expected = brute_force_ids ((GlossaReaderHighlight *) (gpointer) hl->data, hl->len, vs, ve);
      g_assert_cmpuint (got->len, >, 0);
      g_array_sort (got, compare_int64);
      g_assert_cmpmem (got->data, got->len * sizeof (gint64),
                       expected->data, expected->len * sizeof (gint64));
    }
}

/* Renders the reader as it is on screen into memory (B, G, R, A bytes). */
static guchar *
render_reader (Fixture *f,
               int     *width,
               int     *height)
{
  GtkWidget *widget = GTK_WIDGET (f->reader);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  guchar *pixels;
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  pixels = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, pixels, (gsize) w * 4);
  *width = w;
  *height = h;

  return pixels;
}

/* Fraction of the pixels in @rect that lean clearly to one channel. */
static double
tinted_fraction (const guchar       *pixels,
                 int                 width,
                 int                 height,
                 const GdkRectangle *rect,
                 int                 channel)   /* 0 blue, 1 green, 2 red */
{
  guint tinted = 0, total = 0;

  g_assert_cmpint (rect->x, >=, 0);
  g_assert_cmpint (rect->y, >=, 0);
  g_assert_cmpint (rect->x + rect->width, <=, width);
  g_assert_cmpint (rect->y + rect->height, <=, height);

  for (int y = rect->y; y < rect->y + rect->height; y++)
    for (int x = rect->x; x < rect->x + rect->width; x++)
      {
        const guchar *p = pixels + ((gsize) y * width + x) * 4;
        int c = p[channel];
        int o1 = p[(channel + 1) % 3], o2 = p[(channel + 2) % 3];

        total++;
        if (c > o1 + 20 && c > o2 + 20)
          tinted++;
      }

  return total > 0 ? (double) tinted / total : 0.0;
}

/* Whether a row near the bottom of @rect is a solid line of one channel's
 * full colour (not a light tint). */
static gboolean
has_solid_bottom_line (const guchar       *pixels,
                       int                 width,
                       const GdkRectangle *rect,
                       int                 channel)
{
  for (int y = rect->y + rect->height - 4; y < rect->y + rect->height + 2; y++)
    {
      guint solid = 0;

      for (int x = rect->x; x < rect->x + rect->width; x++)
        {
          const guchar *p = pixels + ((gsize) y * width + x) * 4;

          if (p[channel] > 150 && p[(channel + 1) % 3] < 100 && p[(channel + 2) % 3] < 100)
            solid++;
        }
      if (solid * 10 >= (guint) rect->width * 8)
        return TRUE;
    }

  return FALSE;
}

/* The widget-coordinate rectangle of the article character at @offset. */
static GdkRectangle
char_rect (Fixture *f,
           gint64   offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (f->reader);
  GtkTextIter iter;
  GdkRectangle loc;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter,
                                      (int) (header_length (f) + offset));
  gtk_text_view_get_iter_location (view, &iter, &loc);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, loc.x, loc.y, &loc.x, &loc.y);

  return loc;
}

static void
test_reader_render_highlights (Fixture       *f,
                               gconstpointer  data)
{
  const char *text = f->content->text;
  gint64 a = find_offset (text, "Sora的横空出世", 0);
  gint64 b = find_offset (text, "人工智能时代来临", 0);
  gint64 plain = find_offset (text, "未来,人工智能", 0);
  GlossaReaderHighlight hl[] = {
    { 1, a, b + 8, red, "Claim", "Why this matters" },
    { 2, b, b + 12, green, "Evidence", NULL },
    { 3, b + 4, b + 6, blue_purple, "Claim, Source", NULL },
  };
  g_autofree guchar *pixels = NULL;
  GdkRectangle red_rect, plain_rect, overlap_rect;
  int width, height;
  double red_before, red_in_plain, green_overlap;

  glossa_reader_set_highlights (f->reader, hl, G_N_ELEMENTS (hl));
  glossa_reader_set_selected_annotation (f->reader, 2);
  g_assert_cmpint (glossa_reader_get_selected_annotation (f->reader), ==, 2);
  glossa_reader_set_scroll_offset (f->reader, a);
  wait_until_visible (f->reader, b + 12);
  wait_for_frames (GTK_WIDGET (f->reader), 2);

  pixels = render_reader (f, &width, &height);

  /* The first characters of the red highlight are red-tinted. */
  red_rect = char_rect (f, a);
  red_rect.width = char_rect (f, a + 4).x - red_rect.x;
  g_assert_cmpint (red_rect.width, >, 0);
  red_before = tinted_fraction (pixels, width, height, &red_rect, 2);
  g_test_message ("red fraction in the red highlight: %.2f", red_before);
  g_assert_cmpfloat (red_before, >, 0.4);

  /* A paragraph without highlights has none. */
  plain_rect = char_rect (f, plain);
  plain_rect.width = char_rect (f, plain + 4).x - plain_rect.x;
  red_in_plain = tinted_fraction (pixels, width, height, &plain_rect, 2)
                 + tinted_fraction (pixels, width, height, &plain_rect, 1);
  g_assert_cmpfloat (red_in_plain, <, 0.02);
  g_assert_false (has_solid_bottom_line (pixels, width, &plain_rect, 2));
  {
    g_autofree guchar *selected = NULL;

    glossa_reader_select_range (f->reader, plain, plain + 4);
    wait_for_frames (GTK_WIDGET (f->reader), 2);
    selected = render_reader (f, &width, &height);
    g_assert_false (has_solid_bottom_line (selected, width, &plain_rect, 0));
    glossa_reader_select_range (f->reader, plain, plain);
    wait_for_frames (GTK_WIDGET (f->reader), 2);
  }

  /* Where green lies over red alone (b+8 .. b+12), green shows. */
  overlap_rect = char_rect (f, b + 9);
  overlap_rect.width = char_rect (f, b + 11).x - overlap_rect.x;
  green_overlap = tinted_fraction (pixels, width, height, &overlap_rect, 1);
  g_assert_cmpfloat (green_overlap, >, 0.4);

  /* A flash pulses the range in blue, then fades out within a second. */
  {
    double most = 0.0, after;
    GdkRectangle flash_rect = char_rect (f, plain);
    gint64 started = g_get_monotonic_time ();

    flash_rect.width = char_rect (f, plain + 4).x - flash_rect.x;
    glossa_reader_scroll_to_range (f->reader, plain, plain + 4, TRUE);
    while (g_get_monotonic_time () - started < 700 * G_TIME_SPAN_MILLISECOND)
      {
        g_autofree guchar *frame = NULL;

        wait_for_frames (GTK_WIDGET (f->reader), 1);
        flash_rect = char_rect (f, plain);
        flash_rect.width = char_rect (f, plain + 4).x - flash_rect.x;
        frame = render_reader (f, &width, &height);
        most = MAX (most, tinted_fraction (frame, width, height, &flash_rect, 0));
      }
    g_assert_cmpfloat (most, >, 0.4);
    while (g_get_monotonic_time () - started < 1100 * G_TIME_SPAN_MILLISECOND)
      wait_for_frames (GTK_WIDGET (f->reader), 1);
    {
      g_autofree guchar *frame = render_reader (f, &width, &height);

      after = tinted_fraction (frame, width, height, &flash_rect, 0);
    }
    g_assert_cmpfloat (after, <, 0.02);
  }

  /* Unlike a selection (checked above), a highlight overlapping no other
   * has a solid line of its colour along its bottom. */
  {
    GlossaReaderHighlight alone[] = { { 4, plain, plain + 4, red, "Claim", NULL } };
    g_autofree guchar *frame = NULL;

    glossa_reader_set_highlights (f->reader, alone, G_N_ELEMENTS (alone));
    wait_for_frames (GTK_WIDGET (f->reader), 2);
    plain_rect = char_rect (f, plain);
    plain_rect.width = char_rect (f, plain + 4).x - plain_rect.x;
    frame = render_reader (f, &width, &height);
    g_assert_true (has_solid_bottom_line (frame, width, &plain_rect, 2));
  }

  if (g_getenv ("GLOSSA_READER_DEMO") != NULL)
    {
      gboolean done = FALSE;

      g_timeout_add_seconds (atoi (g_getenv ("GLOSSA_READER_DEMO")), timeout_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
}

/* In the dark style the view is dark, the highlights still read, and the
 * dimmed header stays light. */
static void
test_reader_dark (Fixture       *f,
                  gconstpointer  data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (f->reader));
  const char *text = f->content->text;
  gint64 a = find_offset (text, "Sora的横空出世", 0);
  GlossaReaderHighlight hl[] = { { 1, a, a + 10, red, "Claim", NULL } };
  g_autofree guchar *pixels = NULL;
  GdkRectangle rect;
  int width, height;
  guint bright = 0, dark = 0;

  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  glossa_reader_set_highlights (f->reader, hl, 1);
  glossa_reader_set_scroll_offset (f->reader, a);
  wait_until_visible (f->reader, a + 10);
  wait_for_frames (GTK_WIDGET (f->reader), 2);
  pixels = render_reader (f, &width, &height);

  /* Mostly dark pixels: the background followed the style. */
  for (int i = 0; i < width * height; i += 97)
    {
      const guchar *p = pixels + (gsize) i * 4;

      if (p[0] + p[1] + p[2] < 3 * 100)
        dark++;
      else if (p[0] + p[1] + p[2] > 3 * 180)
        bright++;
    }
  g_assert_cmpuint (dark, >, 4 * bright);

  rect = char_rect (f, a);
  rect.width = char_rect (f, a + 4).x - rect.x;
  g_assert_cmpfloat (tinted_fraction (pixels, width, height, &rect, 2), >, 0.4);

  /* The dimmed header follows the text colour: light on dark, dark on light. */
  {
    GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader)));
    GtkTextTag *meta = gtk_text_tag_table_lookup (table, "glossa-meta");
    g_autoptr(GdkRGBA) color = NULL;

    g_object_get (meta, "foreground-rgba", &color, NULL);
    g_assert_cmpfloat (color->red + color->green + color->blue, >, 1.5);
    g_clear_pointer (&color, gdk_rgba_free);

    g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
    wait_for_frames (GTK_WIDGET (f->reader), 2);
    g_object_get (meta, "foreground-rgba", &color, NULL);
    g_assert_cmpfloat (color->red + color->green + color->blue, <, 1.5);
  }
}

static void
test_reader_search (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folded_text = g_utf8_casefold (f->content->text, -1);
  g_autofree char *folded_needle = g_utf8_casefold ("SORA", -1);
  guint expected = 0;
  guint count;
  gint64 start, end, first_start;
  g_autofree char *match = NULL;

  for (const char *p = strstr (folded_text, folded_needle); p != NULL;
       p = strstr (p + strlen (folded_needle), folded_needle))
    expected++;
  g_assert_cmpuint (expected, >, 2);

  count = glossa_reader_set_search (f->reader, "SORA");
  g_assert_cmpuint (count, ==, expected);

  glossa_reader_select_range (f->reader, 0, 0);
  g_assert_true (glossa_reader_search_next (f->reader, FALSE));
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  match = article_slice (f, start, end);
  g_assert_cmpstr (match, ==, "Sora");
  g_assert_cmpint (start, ==, find_offset (f->content->text, "Sora", 0));
  first_start = start;

  g_assert_true (glossa_reader_search_next (f->reader, FALSE));
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, find_offset (f->content->text, "Sora", 1));

  g_assert_true (glossa_reader_search_next (f->reader, TRUE));
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, first_start);

  /* Backwards from the first wraps to the last. */
  g_assert_true (glossa_reader_search_next (f->reader, TRUE));
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, >, find_offset (f->content->text, "Sora", expected - 2));

  /* A needle without case (Chinese) is found byte for byte, at code-point offsets. */
  {
    guint n = 0;

    for (const char *p = strstr (f->content->text, "解药"); p != NULL; p = strstr (p + 1, "解药"))
      n++;
    g_assert_cmpuint (glossa_reader_set_search (f->reader, "解药"), ==, n);
    glossa_reader_select_range (f->reader, 0, 0);
    g_assert_true (glossa_reader_search_next (f->reader, FALSE));
    g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
    g_assert_cmpint (start, ==, find_offset (f->content->text, "解药", 0));
    g_assert_cmpint (end, ==, start + 2);
  }

  wait_for_frames (GTK_WIDGET (f->reader), 1);
  g_assert_cmpuint (glossa_reader_set_search (f->reader, "no such phrase here"), ==, 0);
  g_assert_false (glossa_reader_search_next (f->reader, FALSE));
  g_assert_cmpuint (glossa_reader_set_search (f->reader, NULL), ==, 0);
}

static void
test_reader_scroll_offset (Fixture       *f,
                           gconstpointer  data)
{
  gint64 target = find_offset (f->content->text, "解药", 1);
  gint64 offset, vs, ve;
  GdkRectangle rect;

  glossa_reader_set_scroll_offset (f->reader, target);
  wait_until_visible (f->reader, target);
  offset = glossa_reader_get_scroll_offset (f->reader);
  g_assert_true (glossa_reader_get_visible_range (f->reader, &vs, &ve));
  /* The restored position starts the screen: at most one line before it. */
  g_assert_cmpint (offset, <=, target);
  g_assert_cmpint (vs, <=, target);
  g_assert_cmpint (ve, >, target);
  g_assert_cmpint (offset, >, target - 200);

  /* Restoring what was read gives the same position back. */
  glossa_reader_set_scroll_offset (f->reader, offset);
  wait_until_visible (f->reader, offset);
  g_assert_cmpint (glossa_reader_get_scroll_offset (f->reader), ==, offset);

  /* A selection on screen has a rectangle inside the widget for a popover. */
  glossa_reader_select_range (f->reader, target, target + 2);
  wait_for_frames (GTK_WIDGET (f->reader), 1);
  g_assert_true (glossa_reader_get_selection_rect (f->reader, &rect));
  g_assert_cmpint (rect.y, >=, 0);
  g_assert_cmpint (rect.y + rect.height, <=, gtk_widget_get_height (GTK_WIDGET (f->reader)));
  g_assert_cmpint (rect.width, >, 0);

  /* Opening an article at its remembered position, before any layout. */
  glossa_reader_set_content (f->reader, NULL, f->content);
  glossa_reader_set_scroll_offset (f->reader, target);
  wait_until_visible (f->reader, target);
  g_assert_cmpint (glossa_reader_get_scroll_offset (f->reader), <=, target);
  g_assert_cmpint (glossa_reader_get_scroll_offset (f->reader), >, target - 200);

  /* Scrolling by the user (here: the scrollbar's adjustment) right after
   * wins over a position still being held. */
  glossa_reader_set_scroll_offset (f->reader, target);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->reader)), 0);
  wait_for_frames (GTK_WIDGET (f->reader), 10);
  g_assert_true (glossa_reader_get_visible_range (f->reader, &vs, &ve));
  g_assert_cmpint (vs, ==, 0);

  /* Scrolling to a range with a flash shows it. */
  glossa_reader_scroll_to_range (f->reader, 10, 20, TRUE);
  wait_until_visible (f->reader, 10);
  g_assert_true (glossa_reader_get_visible_range (f->reader, &vs, &ve));
  g_assert_cmpint (vs, <=, 10);
  g_assert_cmpint (ve, >=, 20);
}

static void
selection_changed_cb (GlossaReader *reader,
                      guint        *count)
{
  (*count)++;
}

static void
test_reader_selection_signal (Fixture       *f,
                              gconstpointer  data)
{
  guint count = 0;

  flush_idle ();
  g_signal_connect (f->reader, "selection-changed", G_CALLBACK (selection_changed_cb), &count);

  /* Several changes in a row are reported once. */
  glossa_reader_select_range (f->reader, 3, 5);
  glossa_reader_select_range (f->reader, 3, 8);
  glossa_reader_select_range (f->reader, 3, 9);
  flush_idle ();
  g_assert_cmpuint (count, ==, 1);

  /* Setting the same selection again is no change. */
  glossa_reader_select_range (f->reader, 3, 9);
  flush_idle ();
  g_assert_cmpuint (count, ==, 1);

  glossa_reader_select_range (f->reader, 4, 9);
  flush_idle ();
  g_assert_cmpuint (count, ==, 2);
}

static void
activated_cb (GlossaReader *reader,
              gint64        id,
              gint64       *out)
{
  *out = id;
}

static void
test_reader_activate (Fixture       *f,
                      gconstpointer  data)
{
  GlossaReaderHighlight hl[] = {
    { 10, 100, 200, red, "Claim", NULL },
    { 11, 150, 160, green, "Evidence", "short one" },
    { 12, 150, 190, blue_purple, NULL, NULL },
    { 13, 400, 400, red, NULL, NULL },   /* empty: never drawn nor hit */
  };
  gint64 activated = 0;

  glossa_reader_set_highlights (f->reader, hl, G_N_ELEMENTS (hl));
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 99), ==, 0);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 100), ==, 10);
  /* Where three overlap, the shortest is the one a click opens. */
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 155), ==, 11);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 170), ==, 12);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 199), ==, 10);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 200), ==, 0);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 400), ==, 0);

  /* Return on a highlight activates it, like a click. */
  g_signal_connect (f->reader, "annotation-activated", G_CALLBACK (activated_cb), &activated);
  glossa_reader_select_range (f->reader, 157, 157);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->reader), "reader.activate-annotation", NULL));
  g_assert_cmpint (activated, ==, 11);
  activated = 0;
  glossa_reader_select_range (f->reader, 300, 300);
  gtk_widget_activate_action (GTK_WIDGET (f->reader), "reader.activate-annotation", NULL);
  g_assert_cmpint (activated, ==, 0);

  /* New content clears the highlights of the old. */
  glossa_reader_set_selected_annotation (f->reader, 11);
  glossa_reader_set_content (f->reader, NULL, f->content);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 155), ==, 0);
  g_assert_cmpint (glossa_reader_get_selected_annotation (f->reader), ==, 0);
  glossa_reader_set_highlights (f->reader, hl, G_N_ELEMENTS (hl));

  /* Highlights are replaced, not added to. */
  glossa_reader_set_highlights (f->reader, hl + 2, 1);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 155), ==, 12);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 120), ==, 0);
  glossa_reader_set_highlights (f->reader, NULL, 0);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, 155), ==, 0);
}

static void
test_reader_published (void)
{
  struct { const char *in; gboolean with_time; const char *out; } cases[] = {
    { "2024-02-22T10:17", TRUE, "2024-02-22 10:17" },
    { "2024-02-22T10:17", FALSE, "2024-02-22" },
    { "2024-02-22T10:17:05+08:00", TRUE, "2024-02-22 10:17" },
    { "2024-02-22 10:17", TRUE, "2024-02-22 10:17" },
    { "2024-02-22", TRUE, "2024-02-22" },
    { "2024-13-40", TRUE, "2024-13-40" },
    { "02月22日 10:17", TRUE, "02月22日 10:17" },
    { "Thursday, 22 Feb", FALSE, "Thursday, 22 Feb" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = glossa_reader_format_published (cases[i].in, cases[i].with_time);

      g_assert_cmpstr (shown, ==, cases[i].out);
    }
}

static void
test_reader_blocks (void)
{
  Fixture fx = { 0 }, *f = &fx;
  const char *text = "标题\n\n正文第一段。\n\n引用的话\n\n列表项\n\ncode()\n\n图片说明";
  GtkTextBuffer *buffer;
  GtkTextTagTable *table;
  struct { const char *needle; const char *tag; } expect[] = {
    { "标题", "glossa-h1" }, { "引用", "glossa-quote" }, { "列表", "glossa-list-1" },
    { "code", "glossa-pre" }, { "图片", "glossa-caption" },
  };
  gint64 head;

  f->window = GTK_WINDOW (gtk_window_new ());
  f->reader = GLOSSA_READER (glossa_reader_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->reader));
  f->content = glossa_extracted_new ();
  glossa_extracted_set_text (f->content, g_strdup (text));
  glossa_extracted_add_block (f->content, GLOSSA_BLOCK_HEADING, 1, 0, 2);
  glossa_extracted_add_block (f->content, GLOSSA_BLOCK_PARAGRAPH, 0, 4, 10);
  glossa_extracted_add_block (f->content, GLOSSA_BLOCK_QUOTE, 0, 12, 16);
  glossa_extracted_add_block (f->content, GLOSSA_BLOCK_LIST_ITEM, 1, 18, 21);
  glossa_extracted_add_block (f->content, GLOSSA_BLOCK_PREFORMATTED, 0, 23, 29);
  glossa_extracted_add_block (f->content, GLOSSA_BLOCK_CAPTION, 0, 31, 35);
  /* No title nor metadata: no header, article and buffer offsets agree. */
  glossa_reader_set_content (f->reader, NULL, f->content);
  gtk_window_present (f->window);
  wait_for_frames (GTK_WIDGET (f->reader), 1);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));
  table = gtk_text_buffer_get_tag_table (buffer);
  head = header_length (f);
  g_assert_cmpint (head, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      GtkTextIter iter;
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, expect[i].tag);

      g_assert_nonnull (tag);
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) find_offset (text, expect[i].needle, 0));
      g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    }
  /* The app's font setting applies (and keeps the text's offsets). */
  {
    GtkTextIter iter;
    GdkRectangle before, after;

    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
    gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->reader), &iter, &before);
    glossa_reader_set_font (f->reader, "Noto Sans CJK SC 24");
    wait_for_frames (GTK_WIDGET (f->reader), 2);
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
    gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->reader), &iter, &after);
    g_assert_cmpint (after.height, >, before.height);
    glossa_reader_set_font (f->reader, NULL);
    wait_for_frames (GTK_WIDGET (f->reader), 2);
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
    gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->reader), &iter, &after);
    g_assert_cmpint (after.height, ==, before.height);
  }

  /* Plain paragraphs carry no tag at all. */
  {
    GtkTextIter iter;
    g_autoptr(GSList) tags = NULL;

    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
    tags = gtk_text_iter_get_tags (&iter);
    g_assert_null (tags);
  }
  g_clear_pointer (&f->content, glossa_extracted_free);

  fixture_teardown (f, NULL);
}

/* Block styles past the first screenful arrive from an idle: once it is
 * done, a late heading and quote carry their tags, plain paragraphs none,
 * and a scroll position restored while they arrived has stayed put.
 * Replacing the article cancels the styles still pending for the old one. */
static void
test_reader_late_blocks (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GlossaExtracted *content = glossa_extracted_new ();
  GlossaExtracted *plain;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GlossaReader *reader = GLOSSA_READER (glossa_reader_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (reader));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *h2 = gtk_text_tag_table_lookup (table, "glossa-h2");
  GtkTextTag *quote = gtk_text_tag_table_lookup (table, "glossa-quote");
  gint64 offset = 0, target = -1, last_heading = -1, last_quote = -1, last_plain = -1;
  gboolean timed_out = FALSE;
  guint timeout;
  GtkTextIter iter;
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_assert_nonnull (h2);
  g_assert_nonnull (quote);
  gtk_window_set_default_size (window, 800, 600);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (reader));
  gtk_window_set_child (window, scrolled);

  /* 12,000 short blocks, a third of them headings, some quotes. */
  for (guint i = 0; i < 12000; i++)
    {
      g_autofree char *line = g_strdup_printf ("第 %u 段：人工智能 paragraph %u.", i, i);
      gint64 len = g_utf8_strlen (line, -1);
      GlossaBlockKind kind = i % 3 == 0 ? GLOSSA_BLOCK_HEADING
                             : i % 7 == 0 ? GLOSSA_BLOCK_QUOTE : GLOSSA_BLOCK_PARAGRAPH;

      g_string_append (text, line);
      g_string_append (text, "\n\n");
      glossa_extracted_add_block (content, kind, kind == GLOSSA_BLOCK_HEADING ? 2 : 0,
                                  offset, offset + len);
      if (kind == GLOSSA_BLOCK_HEADING)
        last_heading = offset;
      else if (kind == GLOSSA_BLOCK_QUOTE)
        last_quote = offset;
      else
        last_plain = offset;
      if (i == 9001)
        target = offset;
      offset += len + 2;
    }
  glossa_extracted_set_text (content, g_string_free (g_steal_pointer (&text), FALSE));

  glossa_reader_set_content (reader, NULL, content);
  glossa_extracted_free (content);   /* the reader keeps what it needs */
  g_assert_true (glossa_reader_get_styling (reader));
  /* As the window restores where the user was. */
  glossa_reader_set_scroll_offset (reader, target);
  gtk_window_present (window);

  timeout = g_timeout_add (10000, timeout_cb, &timed_out);
  while (glossa_reader_get_styling (reader) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  wait_until_visible (reader, target);
  wait_for_frames (GTK_WIDGET (reader), 3);

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) last_heading + 3);
  g_assert_true (gtk_text_iter_has_tag (&iter, h2));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) last_quote + 3);
  g_assert_true (gtk_text_iter_has_tag (&iter, quote));
  g_assert_false (gtk_text_iter_has_tag (&iter, h2));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) last_plain + 3);
  g_assert_false (gtk_text_iter_has_tag (&iter, h2));
  g_assert_false (gtk_text_iter_has_tag (&iter, quote));
  g_assert_cmpint (glossa_reader_get_scroll_offset (reader), ==, target);

  /* A new article while the old one's styles are pending: none of them
   * lands on the new text. */
  plain = glossa_extracted_new ();
  text = g_string_new (NULL);
  for (guint i = 0; i < 12000; i++)
    g_string_append (text, "普通的段落 plain paragraph text.\n\n");
  glossa_extracted_set_text (plain, g_string_free (g_steal_pointer (&text), FALSE));
  content = glossa_extracted_new ();
  glossa_extracted_set_text (content, g_strdup (plain->text));
  for (guint i = 0; i < 12000; i++)
    glossa_extracted_add_block (content, GLOSSA_BLOCK_HEADING, 2, i * 33, i * 33 + 31);
  glossa_reader_set_content (reader, NULL, content);
  g_assert_true (glossa_reader_get_styling (reader));
  glossa_reader_set_content (reader, NULL, plain);
  g_assert_false (glossa_reader_get_styling (reader));
  flush_idle ();
  wait_for_frames (GTK_WIDGET (reader), 2);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter, NULL));
  glossa_extracted_free (content);
  glossa_extracted_free (plain);

  gtk_window_destroy (window);
  flush_idle ();
}

/* A selection that takes white space at its edges (a triple click takes
 * the line break, Shift+End on the last line too, a drag a space) gives
 * the range of the text alone; white space alone is no selection. */
static void
test_reader_selection_trim (void)
{
  Fixture fx = { 0 }, *f = &fx;
  const char *text = "\u3000\u3000第一段，有缩进。 \n\nSecond one. \n\n\n最后一段。\n";
  gint64 first = find_offset (text, "第一段", 0);
  gint64 first_end = find_offset (text, "。", 0) + 1;
  gint64 second = find_offset (text, "Second", 0);
  gint64 second_end = find_offset (text, "one.", 0) + 4;
  gint64 last = find_offset (text, "最后", 0);
  gint64 length = g_utf8_strlen (text, -1);
  gint64 start, end;

  fixture_setup_text (f, text);

  /* Indent (U+3000), trailing space and line breaks. */
  glossa_reader_select_range (f->reader, 0, second);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, first);
  g_assert_cmpint (end, ==, first_end);

  /* Across paragraphs: only the outer edges are trimmed. */
  glossa_reader_select_range (f->reader, first_end, length);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, second);
  g_assert_cmpint (end, ==, length - 1);

  /* The last line with its line break, as Shift+Home from the very end. */
  glossa_reader_select_range (f->reader, last, length);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, last);
  g_assert_cmpint (end, ==, length - 1);

  /* Nothing but white space. */
  glossa_reader_select_range (f->reader, second_end, last);
  g_assert_false (glossa_reader_get_selection (f->reader, NULL, NULL));

  /* A selection without white space is unchanged. */
  glossa_reader_select_range (f->reader, first + 1, first + 3);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, first + 1);
  g_assert_cmpint (end, ==, first + 3);

  fixture_teardown (f, NULL);
}

/* A plain text keeps its first line, which is also its title: the reader
 * shows it once, as the title, and it can be selected like the rest. */
static void
test_reader_title_line (void)
{
  Fixture fx = { 0 }, *f = &fx;
  const char *text = "人工智能会取代记者吗？\n\n作者：王小明\n\n近年来，生成式人工智能迅速发展。\n";
  GtkTextBuffer *buffer;
  GtkTextTag *title_tag;
  GtkTextIter iter, s, e;
  g_autofree char *shown = NULL;
  g_autofree char *selected = NULL;
  gint64 start, end;

  fixture_setup_text (f, text);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));
  title_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "glossa-title");

  /* With a meta line the title stays in the header, above it. */
  g_assert_cmpint (header_length (f), >, 0);

  g_clear_pointer (&f->content->title, g_free);
  f->content->title = g_strdup ("人工智能会取代记者吗？");
  g_clear_pointer (&f->content->byline, g_free);
  g_clear_pointer (&f->content->site_name, g_free);
  g_clear_pointer (&f->content->published, g_free);
  glossa_reader_set_content (f->reader, NULL, f->content);
  wait_for_frames (GTK_WIDGET (f->reader), 1);

  g_assert_cmpint (header_length (f), ==, 0);
  gtk_text_buffer_get_bounds (buffer, &s, &e);
  shown = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
  g_assert_cmpstr (shown, ==, text);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 3);
  g_assert_true (gtk_text_iter_has_tag (&iter, title_tag));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) find_offset (text, "作者", 0));
  g_assert_false (gtk_text_iter_has_tag (&iter, title_tag));

  /* The headline is article text: [0, 11) is the title line, and its
   * sentence (a triple click). */
  g_assert_true (glossa_reader_get_sentence_range (f->reader, 3, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 11);
  glossa_reader_select_range (f->reader, 0, 11);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 11);
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  selected = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
  g_assert_cmpstr (selected, ==, "人工智能会取代记者吗？");

  /* A title that is not the first line is shown above the text. */
  g_clear_pointer (&f->content->title, g_free);
  f->content->title = g_strdup ("另一个标题");
  glossa_reader_set_content (f->reader, NULL, f->content);
  g_assert_cmpint (header_length (f), ==, g_utf8_strlen ("另一个标题", -1) + 1);

  fixture_teardown (f, NULL);
}

static void
test_reader_annotations (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glossa-reader-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GlossaLibrary) library = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GlossaExtracted) changed = NULL;
  g_autoptr(GlossaExtracted) stored = NULL;
  g_autoptr(GlossaArticle) stored_article = NULL;
  g_autofree guchar *pixels = NULL;
  GlossaReanchorReport *report = NULL;
  const char *text = f->content->text;
  gint64 article, claim, evidence, a, b, gone, id_a, id_b, id_gone;
  gint64 two_tags[2];
  GdkRectangle rect;
  int width, height;
  GtkTextBuffer *buffer;
  GString *edited;
  const char *cut;

  g_assert_no_error (error);
  path = g_build_filename (dir, "library.glossa", NULL);
  library = glossa_library_open (path, &error);
  g_assert_no_error (error);

  article = glossa_library_add_article (library, f->content, NULL, "sample.txt", NULL, &error);
  g_assert_no_error (error);
  claim = glossa_library_add_tag (library, "Reader claim", 0, "#e01b24", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  evidence = glossa_library_add_tag (library, "Reader evidence", 0, "#2ec27e", NULL, 0, NULL, &error);
  g_assert_no_error (error);
  two_tags[0] = evidence;
  two_tags[1] = claim;

  a = find_offset (text, "Sora的横空出世", 0);
  b = find_offset (text, "人工智能时代来临", 0);
  gone = find_offset (text, "未来,人工智能", 0);
  id_a = glossa_library_add_annotation (library, article, a, b + 8, &claim, 1,
                                        "Why this matters", NULL, NULL, &error);
  g_assert_no_error (error);
  id_b = glossa_library_add_annotation (library, article, b, b + 12, two_tags, 2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  id_gone = glossa_library_add_annotation (library, article, gone, gone + 10, &claim, 1, NULL, NULL, NULL,
                                           &error);
  g_assert_no_error (error);

  /* The paragraph under the third annotation goes away: it is orphaned. */
  edited = g_string_new (NULL);
  cut = g_utf8_offset_to_pointer (text, gone);
  g_string_append_len (edited, text, cut - text);
  g_string_append (edited, strchr (cut, '\n'));
  changed = extracted_from_text (edited->str);
  g_string_free (edited, TRUE);
  g_assert_true (glossa_library_update_content (library, article, changed, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_orphaned, ==, 1);
  g_clear_pointer (&report->orphan_ids, g_array_unref);
  g_free (report);

  stored = glossa_library_load_content (library, article, &error);
  g_assert_no_error (error);
  stored_article = glossa_library_get_article (library, article, &error);
  g_assert_no_error (error);
  glossa_reader_set_content (f->reader, stored_article, stored);
  {
    GtkTextIter hs, he;
    g_autofree char *header = NULL;

    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));
    gtk_text_buffer_get_start_iter (buffer, &hs);
    gtk_text_buffer_get_iter_at_offset (buffer, &he, (int) header_length (f));
    header = gtk_text_buffer_get_text (buffer, &hs, &he, TRUE);
    g_assert_true (g_str_has_prefix (header, glossa_article_get_title (stored_article)));
  }
  annotations = glossa_library_list_annotations (library, article, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 3);
  glossa_reader_set_annotations (f->reader, annotations, glossa_library_get_tags (library));

  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, a), ==, id_a);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, b + 1), ==, id_b);
  /* The orphan is not drawn: nothing at its last known place. */
  for (gint64 o = gone; o < gone + 10; o++)
    g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, o), !=, id_gone);

  /* Drawn in the tags' colours: the first tag fills. */
  g_free (f->content->text);
  f->content->text = g_strdup (stored->text);
  glossa_reader_set_scroll_offset (f->reader, a);
  wait_until_visible (f->reader, b + 12);
  wait_for_frames (GTK_WIDGET (f->reader), 2);
  pixels = render_reader (f, &width, &height);
  rect = char_rect (f, a);
  rect.width = char_rect (f, a + 4).x - rect.x;
  g_assert_cmpfloat (tinted_fraction (pixels, width, height, &rect, 2), >, 0.4);
  /* Where only the two-tag annotation lies, both bands show, in the order
   * of the annotation's tags. */
  {
    GlossaAnnotation *two = NULL;
    const gint64 *ids;
    guint n_ids;
    int first_channel;

    for (guint i = 0; i < annotations->len; i++)
      if (glossa_annotation_get_id (g_ptr_array_index (annotations, i)) == id_b)
        two = g_ptr_array_index (annotations, i);
    g_assert_nonnull (two);
    ids = glossa_annotation_get_tag_ids (two, &n_ids);
    g_assert_cmpuint (n_ids, ==, 2);
    first_channel = ids[0] == claim ? 2 : 1;

    rect = char_rect (f, b + 9);
    rect.width = char_rect (f, b + 11).x - rect.x;
    rect.height /= 2;
    g_assert_cmpfloat (tinted_fraction (pixels, width, height, &rect, first_channel), >, 0.4);
    rect.y += rect.height;
    g_assert_cmpfloat (tinted_fraction (pixels, width, height, &rect, 3 - first_channel), >, 0.4);
  }

  /* NULL clears. */
  glossa_reader_set_annotations (f->reader, NULL, NULL);
  g_assert_cmpint (glossa_reader_get_annotation_at (f->reader, a), ==, 0);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer) - header_length (f), ==, stored->length);

  g_clear_object (&library);
  {
    g_autoptr(GFile) file = g_file_new_for_path (dir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (file, NULL, NULL);
  }
}

/* Real pointer input through xdotool (XTEST) on the window: the gestures
 * GtkTextView and the reader run, not a call of their handlers. */
static gboolean
pointer_available (Fixture *f)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (f->reader));

  if (xdotool == NULL || !GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("needs xdotool and an X11 display");
      return FALSE;
    }
  return TRUE;
}

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  int *out = user_data;

  *out = status;
  g_spawn_close_pid (pid);
}

/* Runs xdotool with @format's actions ("XID" stands for the window) while
 * the main loop runs, so that GTK sees the events as they come. */
static void G_GNUC_PRINTF (2, 3)
xdotool (Fixture    *f,
         const char *format,
         ...)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (f->reader));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  g_autofree char *actions = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *command = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  GPid pid;
  int status = -1;

  va_start (args, format);
  actions = g_strdup_vprintf (format, args);
  va_end (args);
  parts = g_strsplit (actions, "XID", -1);
  joined = g_strjoinv (xid, parts);
  command = g_strconcat ("xdotool ", joined, NULL);
  g_shell_parse_argv (command, NULL, &argv, &error);
  g_assert_no_error (error);

  g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                 &pid, &error);
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &status);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Runs the main loop for @ms milliseconds. */
static void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* Window coordinates (for xdotool --window) of the middle of the article
 * character at @offset. */
static void
char_point (Fixture *f,
            gint64   offset,
            int     *x,
            int     *y)
{
  GdkRectangle rect = char_rect (f, offset);
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (f->reader));
  double nx, ny, sx, sy;

  gtk_widget_translate_coordinates (GTK_WIDGET (f->reader), GTK_WIDGET (native),
                                    rect.x + rect.width / 2.0, rect.y + rect.height / 2.0, &nx, &ny);
  gtk_native_get_surface_transform (native, &sx, &sy);
  *x = (int) (nx + sx);
  *y = (int) (ny + sy);
}

static void
count_selection_cb (GlossaReader *reader,
                    guint        *count)
{
  (*count)++;
}

static void
set_flag_cb (GlossaReader *reader,
             gint64        id,
             gint64       *out)
{
  *out = id;
}

static void
test_reader_pointer (void)
{
  Fixture fx = { 0 }, *f = &fx;
  const char *text =
    "第一句话。Sora是互联网的“解药”！第三句在这里？最后一句。\n\n"
    "如果我们将文心一言、ChatGPT为代表的生成式应用看成是人工智能时代抵达临界点的标志的话。\n\n"
    "A plain English sentence here. Another one follows it.";
  GlossaReaderHighlight hl[2];
  g_autofree char *triple = NULL;
  g_autofree char *word = NULL;
  g_autofree char *dragged = NULL;
  gint64 start, end, activated = 0, third, chat, english;
  guint changes = 0;
  int x, y, x2, y2;

  fixture_setup_text (f, text);
  if (!pointer_available (f))
    {
      fixture_teardown (f, NULL);
      return;
    }
  third = find_offset (text, "在这里", 0);
  chat = find_offset (text, "ChatGPT", 0);
  english = find_offset (text, "plain", 0);

  g_signal_connect (f->reader, "selection-changed", G_CALLBACK (count_selection_cb), &changes);
  g_signal_connect (f->reader, "annotation-activated", G_CALLBACK (set_flag_cb), &activated);
  wait_for_frames (GTK_WIDGET (f->reader), 2);

  /* Triple click: the sentence, not the paragraph. */
  char_point (f, third, &x, &y);
  xdotool (f, "mousemove --window XID %d %d click --repeat 3 --delay 40 1", x, y);
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < deadline &&
           !(glossa_reader_get_selection (f->reader, &start, &end) && end - start > 4))
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  }
  flush_idle ();
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  triple = article_slice (f, start, end);
  g_assert_cmpstr (triple, ==, "第三句在这里？");

  /* Double click on a Latin word inside Chinese text: just the word. */
  char_point (f, chat + 2, &x, &y);
  xdotool (f, "mousemove --window XID %d %d click --repeat 2 --delay 40 1", x, y);
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < deadline &&
           !(glossa_reader_get_selection (f->reader, &start, &end) && start == chat))
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  }
  word = article_slice (f, start, end);
  g_assert_cmpstr (word, ==, "ChatGPT");

  /* A drag reports its selection once, when it ends. */
  flush_idle ();
  changes = 0;
  char_point (f, english, &x, &y);
  char_point (f, english + 20, &x2, &y2);
  xdotool (f, "mousemove --window XID %d %d mousedown 1 "
                               "mousemove --window XID %d %d sleep 0.1 "
                               "mousemove --window XID %d %d sleep 0.1 "
                               "mousemove --window XID %d %d sleep 0.1 mouseup 1",
                               x - 3, y, x + 20, y, x + 60, y, x2, y2);
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < deadline && changes == 0)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  }
  /* Let anything late arrive. */
  spin (250);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
  dragged = article_slice (f, start, end);
  g_assert_true (g_str_has_prefix (dragged, "plain"));

  /* A click on overlapping highlights opens the shortest. */
  hl[0] = (GlossaReaderHighlight) { 21, chat - 4, chat + 20, red, "Claim", NULL };
  hl[1] = (GlossaReaderHighlight) { 22, chat, chat + 7, green, "Term", "ChatGPT" };
  glossa_reader_set_highlights (f->reader, hl, 2);
  wait_for_frames (GTK_WIDGET (f->reader), 1);
  char_point (f, chat + 3, &x, &y);
  xdotool (f, "mousemove --window XID %d %d click 1", x, y);
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < deadline && activated == 0)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  }
  g_assert_cmpint (activated, ==, 22);

  /* The keyboard selects (shift+arrows) and never edits. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->reader));
    int chars_before = gtk_text_buffer_get_char_count (buffer);
    g_autofree char *keyed = NULL;

    gtk_widget_grab_focus (GTK_WIDGET (f->reader));
    glossa_reader_select_range (f->reader, english, english);
    spin (100);
    xdotool (f, "key --window XID --delay 30 shift+Right shift+Right shift+Right shift+Right shift+Right");
    spin (200);
    g_assert_true (glossa_reader_get_selection (f->reader, &start, &end));
    keyed = article_slice (f, start, end);
    g_assert_cmpstr (keyed, ==, "plain");

    xdotool (f, "type --window XID --delay 30 xyz");
    xdotool (f, "key --window XID --delay 30 BackSpace Delete ctrl+v");
    spin (200);
    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, chars_before);

    /* Return on a highlight opens it, like a click. */
    activated = 0;
    glossa_reader_select_range (f->reader, chat + 1, chat + 1);
    xdotool (f, "key --window XID Return");
    spin (200);
    g_assert_cmpint (activated, ==, 22);
  }

  fixture_teardown (f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/reader/header-and-offsets", test_reader_header_and_offsets);
  g_test_add_func ("/reader/astral-selection", test_reader_astral_selection);
  ADD ("/reader/sentences-sample", test_reader_sentences_sample);
  g_test_add_func ("/reader/sentences-mixed", test_reader_sentences_mixed);
  ADD ("/reader/word-cjk", test_reader_word_cjk);
  ADD ("/reader/visible-highlights", test_reader_visible_highlights);
  ADD ("/reader/render-highlights", test_reader_render_highlights);
  ADD ("/reader/search", test_reader_search);
  ADD ("/reader/dark", test_reader_dark);
  ADD ("/reader/scroll-offset", test_reader_scroll_offset);
  ADD ("/reader/selection-signal", test_reader_selection_signal);
  ADD ("/reader/activate", test_reader_activate);
  g_test_add_func ("/reader/blocks", test_reader_blocks);
  g_test_add_func ("/reader/late-blocks", test_reader_late_blocks);
  g_test_add_func ("/reader/published", test_reader_published);
  g_test_add_func ("/reader/selection-trim", test_reader_selection_trim);
  g_test_add_func ("/reader/title-line", test_reader_title_line);
  ADD ("/reader/annotations", test_reader_annotations);
  g_test_add_func ("/reader/pointer", test_reader_pointer);
#undef ADD

  return g_test_run ();
}
