/* bench-annotate.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long tagging a selection takes in the real window, from the key to
 * the next painted frame (committed to SQLite, listed in the pane and
 * highlighted), over ~100 sentences of the Chinese sample.  Beside it, the
 * same measure for a bare GtkTextView that only applies a text tag.
 * Run under Xvfb.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "glossa-resources.h"
#include "glossa-window.h"

#define N_REPEATS 100

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong handler;
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  painted = FALSE;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *times)
{
  g_array_sort (times, compare_doubles);
  g_print ("%-44s median %7.2f ms   worst %7.2f ms   (%u runs)\n", what,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len - 1), times->len);
}

/* Sentence ranges of @text in code points, at most @max. */
static GArray *
sentences (const char *text,
           guint       max)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  gint64 offset = 0, start = 0;

  for (const char *p = text; *p != '\0' && ranges->len < max; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      offset++;
      if (c == 0x3002 || c == '\n')
        {
          gint64 range[2] = { start, offset };

          if (offset - start > 6)
            g_array_append_val (ranges, range);
          start = offset;
        }
    }

  return ranges;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sample = NULL;
  g_autoptr(GlossaLibrary) library = NULL;
  g_autoptr(GlossaExtracted) content = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GArray) window_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) library_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GFile) file = NULL;
  GlossaWindow *window;
  GtkWidget *bare_window, *bare_view;
  GtkTextBuffer *bare_buffer;
  GtkTextTag *bare_tag;
  gint64 tag_id, article_id, other_id;
  GFile *files[1];

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();
  /* Links the compiled resources in (they register themselves). */
  g_assert_nonnull (glossa_get_resource ());

  dir = g_dir_make_tmp ("glossa-bench-annotate-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "library.glossa", NULL);
  library = glossa_library_open (path, &error);
  g_assert_no_error (error);
  tag_id = glossa_library_add_tag (library, "Bench", 0, "#e01b24", NULL, 0, NULL, &error);
  g_assert_no_error (error);

  window = glossa_window_new (NULL, library, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));

  sample = g_build_filename (g_getenv ("GLOSSA_SHARED_DIR"), "samples", "sora-article-scraped.txt", NULL);
  file = g_file_new_for_path (sample);
  files[0] = file;
  glossa_window_import_files (window, files, 1);
  while (glossa_window_get_importing (window))
    g_main_context_iteration (NULL, TRUE);
  spin (300);

  article_id = glossa_window_get_article_id (window);
  content = glossa_library_load_content (library, article_id, &error);
  g_assert_no_error (error);
  ranges = sentences (content->text, N_REPEATS);
  g_assert_cmpuint (ranges->len, >, 10);

  for (guint i = 0; i < N_REPEATS; i++)
    {
      gint64 *range = &g_array_index (ranges, gint64, 2 * (i % ranges->len));
      gint64 t0;
      double ms;

      /* Re-tagging a sentence makes a second annotation on it: fine, and
       * the list grows as a real session does. */
      glossa_window_select_range (window, range[0], range[1]);
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.tag", "x", tag_id);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (sync_times, ms);
      wait_for_frame (GTK_WIDGET (window));
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (window_times, ms);
    }

  /* Reference: the library call alone (one SQLite transaction, models), on
   * a copy of the article that the window does not show. */
  other_id = glossa_library_add_article (library, content, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_REPEATS; i++)
    {
      gint64 *range = &g_array_index (ranges, gint64, 2 * (i % ranges->len));
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      glossa_library_add_annotation (library, other_id, range[0], range[1], &tag_id, 1,
                                     NULL, "bench", NULL, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (library_times, ms);
    }

  /* Baseline: a bare text view with the same text, one text tag applied. */
  bare_window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bare_window), 1400, 900);
  bare_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (bare_view), GTK_WRAP_WORD_CHAR);
  gtk_window_set_child (GTK_WINDOW (bare_window), gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gtk_window_get_child (GTK_WINDOW (bare_window))),
                                 bare_view);
  bare_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (bare_view));
  gtk_text_buffer_set_text (bare_buffer, content->text, -1);
  bare_tag = gtk_text_buffer_create_tag (bare_buffer, NULL, "background", "#f6d32d", NULL);
  gtk_window_present (GTK_WINDOW (bare_window));
  spin (300);

  for (guint i = 0; i < N_REPEATS; i++)
    {
      gint64 *range = &g_array_index (ranges, gint64, 2 * (i % ranges->len));
      GtkTextIter start, end;
      gint64 t0;
      double ms;

      gtk_text_buffer_get_iter_at_offset (bare_buffer, &start, (int) range[0]);
      gtk_text_buffer_get_iter_at_offset (bare_buffer, &end, (int) range[1]);
      gtk_text_buffer_select_range (bare_buffer, &start, &end);
      t0 = g_get_monotonic_time ();
      gtk_text_buffer_apply_tag (bare_buffer, bare_tag, &start, &end);
      wait_for_frame (bare_view);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (bare_times, ms);
    }

  g_print ("Tagging a selection, key to painted frame, %s (%" G_GINT64_FORMAT " characters)\n",
           "sora-article-scraped.txt", content->length);
  report ("Glossa window (commit + list + highlight)", window_times);
  report ("  of which the action itself (SQLite, models)", sync_times);
  report ("reference: glossa_library_add_annotation alone", library_times);
  report ("baseline: bare GtkTextView, apply tag + frame", bare_times);

  gtk_window_destroy (GTK_WINDOW (bare_window));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_clear_object (&library);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *f = g_build_filename (dir, name, NULL);

        g_unlink (f);
      }
    g_rmdir (dir);
  }

  return 0;
}
