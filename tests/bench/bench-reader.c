/* bench-reader.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a ~10 MB article with 20,000 overlapping highlights (5 tag colours)
 * in the reader and, in the same process, the same text in a bare
 * GtkTextView; prints the time to the first painted frame of each, the
 * time to set the highlights, and the longest gap between frames while
 * scrolling through the whole document.  Needs a display (Xvfb).
 *
 *   bench-reader [--size MB] [--annotations N]
 *   bench-reader --demo SECONDS [--dark]   shows styled blocks and
 *     overlapping highlights on the sample, for a screenshot.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "glossa-library.h"
#include "glossa-reader.h"

static const char *tag_colors[5][2] = {
  { "#e01b24", NULL }, { "#2ec27e", NULL }, { "#3584e4", NULL },
  { "#f6d32d", NULL }, { "#9141ac", NULL },
};

typedef struct {
  gint64  last_paint;
  gint64  max_gap;
  guint   frames;
  guint   target_frames;
  double  step;
  gboolean done;
} ScrollRun;

static void
first_paint_cb (GdkFrameClock *clock,
                gint64        *when)
{
  if (*when == 0)
    *when = g_get_monotonic_time ();
}

static gint64
wait_first_paint (GtkWidget *widget,
                  gint64     started)
{
  GdkFrameClock *clock;
  gint64 when = 0;
  gulong handler;

  /* The clock exists once the window is realized. */
  while ((clock = gtk_widget_get_frame_clock (widget)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_cb), &when);
  while (when == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);

  return when - started;
}

/* The reader whose block styles are still arriving, and when they were
 * all in (first painted frame after). */
static GlossaReader *styling_reader;
static gint64 styled_at;

static void
scroll_paint_cb (GdkFrameClock *clock,
                 ScrollRun     *run)
{
  gint64 now = g_get_monotonic_time ();

  if (styling_reader != NULL && styled_at == 0 && !glossa_reader_get_styling (styling_reader))
    styled_at = now;

  if (run->last_paint != 0)
    run->max_gap = MAX (run->max_gap, now - run->last_paint);
  run->last_paint = now;
  run->frames++;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ScrollRun *run = user_data;
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  double value = gtk_adjustment_get_value (vadj) + run->step;

  /* A negative step means jumps: frame i goes to i/target of the document. */
  if (run->step < 0)
    value = (gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj))
            * run->frames / run->target_frames;

  if (run->frames >= run->target_frames)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  /* Wrap to keep scrolling through unvalidated text. */
  if (value > gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj))
    value = 0;
  gtk_adjustment_set_value (vadj, value);

  return G_SOURCE_CONTINUE;
}

/* Scrolls by @step pixels a frame for @frames frames; returns the longest
 * gap between two painted frames. */
static gint64
scroll_through (GtkWidget *widget,
                double     step,
                guint      frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  ScrollRun run = { 0 };
  gulong handler;

  run.step = step;
  run.target_frames = frames;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (scroll_paint_cb), &run);
  gtk_widget_add_tick_callback (widget, scroll_tick_cb, &run, NULL);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);

  return run.max_gap;
}

static GtkWindow *
new_window (GtkWidget *view)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_window_set_default_size (window, 1000, 800);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (window, scrolled);

  return window;
}

static gboolean long_paragraphs = FALSE;

#define N_ROUNDS 3

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static GlossaExtracted *
build_article (gsize target_bytes)
{
  const char *shared = g_getenv ("GLOSSA_SHARED_DIR");
  g_autofree char *path = g_build_filename (shared != NULL ? shared : "/work/shared",
                                            "samples", "sora-article-scraped.txt", NULL);
  g_autofree char *sample = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paragraphs = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (GlossaBlock));
  GlossaExtracted *ex;
  gint64 offset = 0;
  guint n = 0;

  if (!g_file_get_contents (path, &sample, NULL, &error))
    g_error ("Failed to read the sample: %s", error->message);

  /* The sample's paragraphs, blank lines dropped, repeated to size, with a
   * heading every 40 paragraphs and some list items and quotes. */
  paragraphs = g_strsplit (sample, "\n", -1);
  while (text->len < target_bytes)
    {
      for (guint i = 0; paragraphs[i] != NULL && text->len < target_bytes; i++)
        {
          g_autofree char *line = g_strstrip (g_strdup (paragraphs[i]));
          GlossaBlock block = { GLOSSA_BLOCK_PARAGRAPH, 0, 0, 0 };
          gint64 len;

          if (*line == '\0')
            continue;
          len = g_utf8_strlen (line, -1);
          if (long_paragraphs)
            ;   /* importers separate blocks by line breaks: only paragraphs here */
          else if (n % 40 == 0)
            block.kind = GLOSSA_BLOCK_HEADING, block.level = 2;
          else if (n % 17 == 0)
            block.kind = GLOSSA_BLOCK_LIST_ITEM, block.level = 1;
          else if (n % 23 == 0)
            block.kind = GLOSSA_BLOCK_QUOTE;
          block.start = offset;
          block.end = offset + len;
          g_array_append_val (blocks, block);
          g_string_append (text, line);
          /* --long-paragraphs: ~500 sample lines to a paragraph (~50 KB). */
          if (long_paragraphs && n % 500 != 499)
            {
              g_string_append (text, "  ");
              block.end += 2;
            }
          else
            g_string_append (text, "\n\n");
          offset += len + 2;
          n++;
        }
    }

  ex = glossa_extracted_new ();
  ex->title = g_strdup ("A long article");
  ex->byline = g_strdup ("Bench");
  glossa_extracted_set_text (ex, g_string_free (g_steal_pointer (&text), FALSE));
  for (guint i = 0; i < blocks->len; i++)
    {
      const GlossaBlock *b = &g_array_index (blocks, GlossaBlock, i);

      glossa_extracted_add_block (ex, b->kind, b->level, b->start, b->end);
    }

  return ex;
}

static const char *demo_red[] = { "#e01b24", NULL };
static const char *demo_green[] = { "#2ec27e", NULL };
static const char *demo_blue[] = { "#3584e4", NULL };
static const char *demo_two[] = { "#f5c211", "#9141ac", NULL };

static gint64
offset_of (const char *text,
           const char *needle)
{
  const char *p = strstr (text, needle);

  g_assert (p != NULL);
  return g_utf8_pointer_to_offset (text, p);
}

static void
run_demo (int      seconds,
          gboolean dark,
          gboolean bottom)
{
  const char *shared = g_getenv ("GLOSSA_SHARED_DIR");
  g_autofree char *path = g_build_filename (shared != NULL ? shared : "/work/shared",
                                            "samples", "sora-article-scraped.txt", NULL);
  g_autofree char *sample = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossaExtracted) ex = glossa_extracted_new ();
  const char *body;
  const char *start;
  GlossaReader *reader;
  GtkWindow *window;
  gint64 a, b, c, d, head_end, q, l1, l2, pre, cap;
  g_autoptr(GArray) paragraphs = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!g_file_get_contents (path, &sample, NULL, NULL))
    g_error ("No sample at %s", path);
  if (dark)
    g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);

  /* A heading, the sample's opening paragraphs, a quote, a list, code, a caption. */
  start = strstr (sample, "Sora的横空出世");
  g_string_append (text, "人工智能时代的临界点\n\n");
  head_end = 10;
  for (const char *p = start; p != NULL && text->len < 900; )
    {
      const char *nl = strchr (p, '\n');
      g_autofree char *line = g_strstrip (g_strndup (p, nl != NULL ? nl - p : (gssize) strlen (p)));
      gboolean blank = TRUE;

      for (const char *ch = line; *ch != '\0'; ch = g_utf8_next_char (ch))
        if (!g_unichar_isspace (g_utf8_get_char (ch)))
          blank = FALSE;
      if (!blank)
        {
          gint64 pstart = g_utf8_strlen (text->str, -1);

          g_string_append_printf (text, "%s\n\n", line);
          g_array_append_val (paragraphs, pstart);
        }
      p = nl != NULL ? nl + 1 : NULL;
    }
#define MARK(var) var = g_utf8_strlen (text->str, -1)
  MARK (q);
  g_string_append (text, "Sora更像是一把打开人工智能时代大门的钥匙。\n\n");
  MARK (l1);
  g_string_append (text, "文生视频\n\n");
  MARK (l2);
  g_string_append (text, "互联网的解药\n\n");
  MARK (pre);
  g_string_append (text, "sora --prompt \"a city at night\"\n\n");
  MARK (cap);
  g_string_append (text, "图：Sora 生成的视频截图（示意）");
#undef MARK
  body = text->str;
  glossa_extracted_set_text (ex, g_strdup (body));
  ex->title = g_strdup ("Sora打败不了贾玲韩寒，但却是互联网的解药");
  ex->byline = g_strdup ("辉常观察");
  ex->site_name = g_strdup ("水晶球");
  ex->published = g_strdup ("02月22日 10:17");

  glossa_extracted_add_block (ex, GLOSSA_BLOCK_HEADING, 2, 0, head_end);
  {
    gint64 len = g_utf8_strlen (body, -1);

    for (guint i = 0; i < paragraphs->len; i++)
      {
        gint64 pstart = g_array_index (paragraphs, gint64, i);
        gint64 pend = i + 1 < paragraphs->len ? g_array_index (paragraphs, gint64, i + 1) - 2 : q - 2;

        glossa_extracted_add_block (ex, GLOSSA_BLOCK_PARAGRAPH, 0, pstart, pend);
      }
    glossa_extracted_add_block (ex, GLOSSA_BLOCK_QUOTE, 0, q, l1 - 2);
    glossa_extracted_add_block (ex, GLOSSA_BLOCK_LIST_ITEM, 1, l1, l1 + 4);
    glossa_extracted_add_block (ex, GLOSSA_BLOCK_LIST_ITEM, 1, l2, l2 + 6);
    glossa_extracted_add_block (ex, GLOSSA_BLOCK_PREFORMATTED, 0, pre, cap - 2);
    glossa_extracted_add_block (ex, GLOSSA_BLOCK_CAPTION, 0, cap, len);
  }

  a = offset_of (body, "Sora的横空出世");
  b = offset_of (body, "人工智能时代来临");
  c = offset_of (body, "文心一言");
  d = offset_of (body, "人工智能开始突破");
  {
    GlossaReaderHighlight hl[] = {
      { 1, a, b + 8, demo_red, "Claim", "The thesis, stated early" },
      { 2, b, b + 14, demo_green, "Evidence", NULL },
      { 3, b + 4, b + 6, demo_blue, "Term", NULL },
      { 4, c, d + 8, demo_two, "Claim, Framing", "Two tags: two bands" },
      { 5, q + 20, q + 22, demo_green, "Metaphor", NULL },
    };

    reader = GLOSSA_READER (glossa_reader_new ());
    window = new_window (GTK_WIDGET (reader));
    gtk_window_set_default_size (window, 1100, 860);
    glossa_reader_set_content (reader, NULL, ex);
    glossa_reader_set_highlights (reader, hl, G_N_ELEMENTS (hl));
    glossa_reader_set_selected_annotation (reader, 4);
    glossa_reader_set_search (reader, "互联网");
    if (bottom)
      glossa_reader_set_scroll_offset (reader, c);
  }
  gtk_window_present (window);

  {
    gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
  }
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int demo = 0;
  gboolean dark = FALSE;
  gboolean bottom = FALSE;
  double size_mb = 10.0;
  int n_annotations = 20000;
  GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_DOUBLE, &size_mb, "Article size in MB", "MB" },
    { "annotations", 0, 0, G_OPTION_ARG_INT, &n_annotations, "Number of highlights", "N" },
    { "long-paragraphs", 0, 0, G_OPTION_ARG_NONE, &long_paragraphs, "Paragraphs of ~50 KB", NULL },
    { "demo", 0, 0, G_OPTION_ARG_INT, &demo, "Show a demo for that many seconds", "SECONDS" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Demo in the dark style", NULL },
    { "bottom", 0, 0, G_OPTION_ARG_NONE, &bottom, "Demo scrolled down to the blocks", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- reader benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) content = NULL;
  g_autoptr(GArray) highlights = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240222);
  GtkWindow *window;
  GtkWidget *view;
  GlossaReader *reader;
  gint64 bare_jump_gap = 0, bare_gap = 0, reader_jump_gap, content_time, bare_set_text, t0, bare_first, reader_first, set_time, reader_gap;
  double page;
  double ratios[N_ROUNDS];

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  gtk_init ();

  if (demo > 0)
    {
      run_demo (demo, dark, bottom);
      return 0;
    }

  content = build_article ((gsize) (size_mb * 1024 * 1024));
  g_print ("article: %.1f MB, %" G_GINT64_FORMAT " code points, %u blocks\n",
           strlen (content->text) / (1024.0 * 1024.0), content->length, content->blocks->len);

  /* Annotations: clustered so that many overlap, a few long ones. */
  highlights = g_array_new (FALSE, FALSE, sizeof (GlossaReaderHighlight));
  for (int i = 0; i < n_annotations; i++)
    {
      GlossaReaderHighlight h = { 0 };
      gint64 len = g_rand_int_range (rand, 0, 50) == 0 ? g_rand_int_range (rand, 200, 2000)
                                                       : g_rand_int_range (rand, 4, 80);

      h.id = i + 1;
      h.start = g_rand_int_range (rand, 0, (gint32) MAX (1, content->length - len));
      h.end = h.start + len;
      h.colors = tag_colors[i % 5];
      h.label = "Claim";
      h.note = i % 7 == 0 ? "A note" : NULL;
      g_array_append_val (highlights, h);
    }

  /* Warm-up: fonts and the theme load once, outside both measurements. */
  view = gtk_text_view_new ();
  window = new_window (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "水晶球 warm-up", -1);
  gtk_window_present (window);
  wait_first_paint (view, 0);
  gtk_window_destroy (window);

  /* Opening, alternately bare and reader, N_ROUNDS times: the machine's
   * load changes both alike; the last round's views are the ones scrolled. */
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      gboolean last = round == N_ROUNDS - 1;

      /* Baseline: a bare GtkTextView given the same text. */
      t0 = g_get_monotonic_time ();
      view = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      window = new_window (view);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), content->text, -1);
      bare_set_text = g_get_monotonic_time () - t0;
      gtk_window_present (window);
      bare_first = wait_first_paint (view, t0);
      if (last)
        {
          page = gtk_adjustment_get_page_size (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)));
          bare_gap = scroll_through (view, page * 0.75, 300);
          bare_jump_gap = scroll_through (view, -1, 100);
        }
      gtk_window_destroy (window);
      while (g_main_context_iteration (NULL, FALSE))
        ;

      /* The reader: content, highlights, first frame. */
      t0 = g_get_monotonic_time ();
      reader = GLOSSA_READER (glossa_reader_new ());
      window = new_window (GTK_WIDGET (reader));
      glossa_reader_set_content (reader, NULL, content);
      content_time = g_get_monotonic_time () - t0;
      set_time = g_get_monotonic_time ();
      glossa_reader_set_highlights (reader, (GlossaReaderHighlight *) (gpointer) highlights->data,
                                    highlights->len);
      set_time = g_get_monotonic_time () - set_time;
      gtk_window_present (window);
      reader_first = wait_first_paint (GTK_WIDGET (reader), t0);
      ratios[round] = (double) reader_first / bare_first;

      g_print ("time to first frame:      bare GtkTextView %7.1f ms   reader %7.1f ms   (%.2f×)\n",
               bare_first / 1000.0, reader_first / 1000.0, ratios[round]);
      g_print ("  of which setting the text: bare %.1f ms, reader (header, text, %u block tags) %.1f ms\n",
               bare_set_text / 1000.0, content->blocks->len, content_time / 1000.0);
      if (last)
        break;
      gtk_window_destroy (window);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  qsort (ratios, N_ROUNDS, sizeof (double), compare_doubles);
  g_print ("time to first frame, reader / bare: median %.2f× of %d rounds (%.2f×–%.2f×)\n",
           ratios[N_ROUNDS / 2], N_ROUNDS, ratios[0], ratios[N_ROUNDS - 1]);

  page = gtk_adjustment_get_page_size (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (reader)));
  /* The block styles past the first screenful arrive while it scrolls. */
  styling_reader = reader;
  styled_at = glossa_reader_get_styling (reader) ? 0 : t0 + reader_first;
  reader_gap = scroll_through (GTK_WIDGET (reader), page * 0.75, 300);
  styling_reader = NULL;
  reader_jump_gap = scroll_through (GTK_WIDGET (reader), -1, 100);

  g_print ("  all block styles applied by the frame %.1f ms after the first one\n",
           styled_at == 0 ? -1.0 : (styled_at - t0 - reader_first) / 1000.0);
  g_print ("longest frame gap, scrolling 300 frames:  bare %6.1f ms   reader %6.1f ms\n",
           bare_gap / 1000.0, reader_gap / 1000.0);
  g_print ("longest frame gap, 100 jumps across the document:  bare %6.1f ms   reader %6.1f ms\n",
           bare_jump_gap / 1000.0, reader_jump_gap / 1000.0);
  g_print ("set_highlights, %d highlights: %.1f ms\n", n_annotations, set_time / 1000.0);

  /* In-article search over the whole text. */
  {
    guint n_matches;

    t0 = g_get_monotonic_time ();
    n_matches = glossa_reader_set_search (reader, "人工智能");
    g_print ("set_search \"人工智能\": %u matches in %.1f ms\n", n_matches,
             (g_get_monotonic_time () - t0) / 1000.0);
    t0 = g_get_monotonic_time ();
    n_matches = glossa_reader_set_search (reader, "SORA");
    g_print ("set_search \"SORA\" (case-insensitive): %u matches in %.1f ms\n", n_matches,
             (g_get_monotonic_time () - t0) / 1000.0);
    glossa_reader_set_search (reader, NULL);
  }

  /* Re-setting them, as the app does on every change. */
  t0 = g_get_monotonic_time ();
  glossa_reader_set_highlights (reader, (GlossaReaderHighlight *) (gpointer) highlights->data,
                                highlights->len);
  g_print ("set_highlights again: %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);

  /* The same through the library's objects: 20,000 GlossaAnnotation with
   * 5 tags, as the window passes them on every change. */
  {
    g_autofree char *dir = g_dir_make_tmp ("glossa-bench-reader-XXXXXX", &error);
    g_autofree char *path = NULL;
    g_autoptr(GlossaLibrary) library = NULL;
    g_autoptr(GPtrArray) annotations = NULL;
    gint64 article, tag_ids[5];

    if (dir == NULL)
      g_error ("%s", error->message);
    path = g_build_filename (dir, "bench.glossa", NULL);
    library = glossa_library_open (path, &error);
    if (library == NULL)
      g_error ("%s", error->message);
    article = glossa_library_add_article (library, content, NULL, "bench.txt", NULL, &error);
    if (article == 0)
      g_error ("%s", error->message);
    for (guint t = 0; t < 5; t++)
      {
        g_autofree char *name = g_strdup_printf ("Bench tag %u", t);

        tag_ids[t] = glossa_library_add_tag (library, name, 0, tag_colors[t][0], NULL, 0, NULL, &error);
        if (tag_ids[t] == 0)
          g_error ("%s", error->message);
      }
    if (!glossa_library_begin (library, &error))
      g_error ("%s", error->message);
    for (guint i = 0; i < highlights->len; i++)
      {
        const GlossaReaderHighlight *h = &g_array_index (highlights, GlossaReaderHighlight, i);

        /* Every tenth carries two tags. */
        if (glossa_library_add_annotation (library, article, h->start, h->end, &tag_ids[i % 4],
                                           i % 10 == 0 ? 2 : 1, h->note, NULL, NULL, &error) == 0)
          g_error ("%s", error->message);
      }
    if (!glossa_library_commit (library, &error))
      g_error ("%s", error->message);
    annotations = glossa_library_list_annotations (library, article, 0, &error);
    if (annotations == NULL)
      g_error ("%s", error->message);

    t0 = g_get_monotonic_time ();
    glossa_reader_set_annotations (reader, annotations, glossa_library_get_tags (library));
    g_print ("set_annotations, %u GlossaAnnotation: %.1f ms\n", annotations->len,
             (g_get_monotonic_time () - t0) / 1000.0);

    g_clear_object (&library);
    g_unlink (path);
    g_rmdir (dir);
  }

  /* Opening another article in a reader already on screen, as the window
   * does after the first (its margins are set): replacing the 10 MB text
   * with itself, beside a bare view on screen doing the same. */
  {
    GtkWindow *bare_window;
    gint64 bare_again, reader_again;

    view = gtk_text_view_new ();
    gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
    bare_window = new_window (view);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), content->text, -1);
    gtk_window_present (bare_window);
    wait_first_paint (view, 0);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    t0 = g_get_monotonic_time ();
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), content->text, -1);
    gtk_widget_queue_draw (view);
    bare_again = wait_first_paint (view, t0);
    gtk_window_destroy (bare_window);
    while (g_main_context_iteration (NULL, FALSE))
      ;

    t0 = g_get_monotonic_time ();
    glossa_reader_set_content (reader, NULL, content);
    glossa_reader_set_highlights (reader, (GlossaReaderHighlight *) (gpointer) highlights->data,
                                  highlights->len);
    reader_again = wait_first_paint (GTK_WIDGET (reader), t0);
    g_print ("re-opening in a view on screen, time to first frame:  bare %6.1f ms   reader %6.1f ms   (%.2f×)\n",
             bare_again / 1000.0, reader_again / 1000.0, (double) reader_again / bare_again);
  }

  gtk_window_destroy (window);

  return 0;
}
