/* test-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window on a real library in a temporary directory, driven the
 * way a person drives it: import the shared Chinese sample, select text in
 * the reader, tag it through the actions, note, undo, redo, delete, link,
 * search, switch articles; then check what the library holds.  The
 * screenshot cases write PNGs of the window (light, dark, Chinese) to the
 * build directory for a person to look at.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "glossa-annotation-row.h"
#include "glossa-exchange-import-dialog.h"
#include "glossa-link-dialog.h"
#include "glossa-xml.h"
#include "glossa-reader.h"
#include "glossa-resources.h"
#include "glossa-window.h"
#include "glossa-window-private.h"

#define SENTENCE "Sora打败不了贾玲和韩寒,但,它却是陷入死局的互联网的一剂解药。"

typedef struct {
  char          *dir;
  GlossaLibrary *library;
  GlossaHistory *history;
  GlossaWindow  *window;
} Fixture;

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for_import (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (glossa_window_get_importing (fixture->window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  spin (50);
}

static char *
shared_path (const char *name)
{
  const char *shared = g_getenv ("GLOSSA_SHARED_DIR");

  g_assert_nonnull (shared);
  return g_build_filename (shared, "samples", name, NULL);
}

static gint64
import_file (Fixture    *fixture,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };

  glossa_window_import_files (fixture->window, files, 1);
  g_assert_true (glossa_window_get_importing (fixture->window));
  wait_for_import (fixture);

  return glossa_window_get_article_id (fixture->window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = NULL;

  g_settings_set_string (settings, "coder-name", "测试者");
  g_settings_set_int64 (settings, "last-article", 0);

  fixture->dir = g_dir_make_tmp ("glossa-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "library.glossa", NULL);
  fixture->library = glossa_library_open (path, &error);
  g_assert_no_error (error);
  fixture->history = glossa_history_new (fixture->library);
  fixture->window = g_object_ref_sink (glossa_window_new (NULL, fixture->library, fixture->history));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (100);
}

/* A test's own temporary folder, with the library files in it. */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin (50);
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->history);
  g_assert_finalize_object (fixture->library);

  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
tag_id (Fixture    *fixture,
        const char *name,
        guint       key)
{
  const char *color = g_str_equal (name, "Claim") ? "#3584e4" : "#2ec27e";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaTag) tag = glossa_library_lookup_tag (fixture->library, name, NULL);
  gint64 id;

  if (tag != NULL)
    return glossa_tag_get_id (tag);

  id = glossa_library_add_tag (fixture->library, name, 0, color, NULL, key, NULL, &error);
  g_assert_no_error (error);

  return id;
}

static GPtrArray *
annotations_of (Fixture *fixture,
                gint64   article_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *annotations = glossa_library_list_annotations (fixture->library, article_id, 0, &error);

  g_assert_no_error (error);
  return annotations;
}

static void
get_selection (Fixture *fixture,
               gint64  *start,
               gint64  *end)
{
  GlossaReader *reader = GLOSSA_READER (glossa_window_get_reader (fixture->window));

  g_assert_true (glossa_reader_get_selection (reader, start, end));
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + strlen (needle), needle))
    count++;

  return count;
}

static GlossaLinkDialog *
find_link_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GLOSSA_IS_LINK_DIALOG (window))
        return GLOSSA_LINK_DIALOG (window);
    }

  return NULL;
}

static void
test_annotate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sora = shared_path ("sora-article-scraped.txt");
  g_autofree char *sample = g_build_filename (g_getenv ("GLOSSA_DATA_DIR"), "sample-article.md", NULL);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autoptr(GlossaExtracted) content = NULL;
  GlossaLinkDialog *dialog;
  gint64 article, other_article, claim, evidence;
  gint64 start, end, word_start, word_end, sel_start, sel_end;
  gint64 first, second;
  const gint64 *tag_ids;
  guint n_tags = 0;

  claim = tag_id (fixture, "Claim", 1);
  evidence = tag_id (fixture, "Evidence", 2);

  /* Import: the window opens what it imported. */
  article = import_file (fixture, sora);
  g_assert_cmpint (article, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (fixture->library)), ==, 1);

  /* Select 解药 and grow the selection to its sentence. */
  g_assert_true (glossa_library_find_quote (fixture->library, article, SENTENCE, 1, &start, &end, &error));
  g_assert_no_error (error);
  g_assert_true (glossa_library_find_quote (fixture->library, article, "一剂解药", 1,
                                            &word_start, &word_end, &error));
  g_assert_no_error (error);
  glossa_window_select_range (fixture->window, word_start + 2, word_end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.extend-selection", NULL);
  get_selection (fixture, &sel_start, &sel_end);
  g_assert_cmpint (sel_start, ==, start);
  g_assert_cmpint (sel_end, ==, end);

  /* Tag it as a claim. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", claim));
  annotations = annotations_of (fixture, article);
  g_assert_cmpuint (annotations->len, ==, 1);
  annotation = g_object_ref (g_ptr_array_index (annotations, 0));
  first = glossa_annotation_get_id (annotation);
  g_assert_cmpint (glossa_annotation_get_start (annotation), ==, start);
  g_assert_cmpint (glossa_annotation_get_end (annotation), ==, end);
  g_assert_cmpstr (glossa_annotation_get_quote (annotation), ==, SENTENCE);
  g_assert_cmpstr (glossa_annotation_get_author (annotation), ==, "测试者");
  tag_ids = glossa_annotation_get_tag_ids (annotation, &n_tags);
  g_assert_cmpuint (n_tags, ==, 1);
  g_assert_cmpint (tag_ids[0], ==, claim);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_annotations (fixture->window)), ==, 1);
  g_clear_object (&annotation);
  g_clear_pointer (&annotations, g_ptr_array_unref);

  /* A note, undone and redone. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-note", "(xs)", first, "作者的核心论点");
  annotation = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_cmpstr (glossa_annotation_get_note (annotation), ==, "作者的核心论点");
  g_clear_object (&annotation);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  annotation = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossa_annotation_get_note (annotation), ==, "");
  g_clear_object (&annotation);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  annotation = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossa_annotation_get_note (annotation), ==, "作者的核心论点");
  g_clear_object (&annotation);

  /* The row's tag menu adds and removes tags. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-annotation-tag", "(xx)", first, evidence);
  annotation = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_true (glossa_annotation_has_tag (annotation, evidence));
  g_clear_object (&annotation);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-annotation-tag", "(xx)", first, evidence);
  annotation = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_false (glossa_annotation_has_tag (annotation, evidence));
  g_assert_true (glossa_annotation_has_tag (annotation, claim));
  g_clear_object (&annotation);

  /* Delete, then take it back: same id, same note, same tag. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-annotation", "x", first);
  annotations = annotations_of (fixture, article);
  g_assert_cmpuint (annotations->len, ==, 0);
  g_clear_pointer (&annotations, g_ptr_array_unref);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_annotations (fixture->window)), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  annotation = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossa_annotation_get_note (annotation), ==, "作者的核心论点");
  g_assert_true (glossa_annotation_has_tag (annotation, claim));
  g_clear_object (&annotation);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_annotations (fixture->window)), ==, 1);

  /* A second annotation, tagged by its key, and a link made in the dialog. */
  g_assert_true (glossa_library_find_quote (fixture->library, article,
                                            "有了它,人们才能推开新时代的大门", 1, &start, &end, &error));
  g_assert_no_error (error);
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-key", "u", 2);
  annotations = annotations_of (fixture, article);
  g_assert_cmpuint (annotations->len, ==, 2);
  second = glossa_annotation_get_id (g_ptr_array_index (annotations, 0));
  g_assert_true (glossa_annotation_has_tag (g_ptr_array_index (annotations, 0), evidence));
  g_assert_cmpint (glossa_annotation_get_id (g_ptr_array_index (annotations, 1)), ==, first);
  g_clear_pointer (&annotations, g_ptr_array_unref);

  /* Tagging the same text again adds a tag rather than a duplicate. */
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", claim);
  annotations = annotations_of (fixture, article);
  g_assert_cmpuint (annotations->len, ==, 2);
  g_assert_true (glossa_annotation_has_tag (g_ptr_array_index (annotations, 0), claim));
  g_assert_true (glossa_annotation_has_tag (g_ptr_array_index (annotations, 0), evidence));
  g_clear_pointer (&annotations, g_ptr_array_unref);

  /* A key with no text selected toggles that tag on the selected annotation. */
  glossa_window_show_annotation (fixture->window, second);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-key", "u", 1);
  annotation = glossa_library_get_annotation (fixture->library, second, &error);
  g_assert_false (glossa_annotation_has_tag (annotation, claim));
  g_clear_object (&annotation);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  annotation = glossa_library_get_annotation (fixture->library, second, &error);
  g_assert_true (glossa_annotation_has_tag (annotation, claim));
  g_clear_object (&annotation);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  annotation = glossa_library_get_annotation (fixture->library, second, &error);
  g_assert_false (glossa_annotation_has_tag (annotation, claim));
  g_assert_true (glossa_annotation_has_tag (annotation, evidence));
  g_clear_object (&annotation);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.link-to", "x", second);
  dialog = find_link_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (glossa_link_dialog_choose (dialog, first, "supports"));
  spin (50);
  g_assert_null (find_link_dialog ());

  links = glossa_library_list_links (fixture->library, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (glossa_link_get_from_id (g_ptr_array_index (links, 0)), ==, second);
  g_assert_cmpint (glossa_link_get_to_id (g_ptr_array_index (links, 0)), ==, first);
  g_assert_cmpstr (glossa_link_get_link_type (g_ptr_array_index (links, 0)), ==, "supports");
  g_clear_pointer (&links, g_ptr_array_unref);

  /* Undo the link, redo it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  links = glossa_library_list_links (fixture->library, 0, &error);
  g_assert_cmpuint (links->len, ==, 0);
  g_clear_pointer (&links, g_ptr_array_unref);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  links = glossa_library_list_links (fixture->library, 0, &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_clear_pointer (&links, g_ptr_array_unref);

  /* The selected annotation (as after clicking its highlight) goes with
   * Delete's action, and comes back with its link. */
  glossa_window_show_annotation (fixture->window, second);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-annotation", "x", (gint64) 0);
  annotations = annotations_of (fixture, article);
  g_assert_cmpuint (annotations->len, ==, 1);
  g_clear_pointer (&annotations, g_ptr_array_unref);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  links = glossa_library_list_links (fixture->library, 0, &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_clear_pointer (&links, g_ptr_array_unref);

  /* Search a two-character word. */
  content = glossa_library_load_content (fixture->library, article, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glossa_window_search (fixture->window, "解药"), ==, count_occurrences (content->text, "解药"));
  g_assert_cmpuint (glossa_window_search (fixture->window, "解药"), >=, 4);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find-next", NULL);
  get_selection (fixture, &sel_start, &sel_end);
  g_assert_cmpint (sel_end - sel_start, ==, 2);
  g_assert_cmpuint (glossa_window_search (fixture->window, "没有这个词语"), ==, 0);

  /* Another article, then back: the pane follows the open article. */
  other_article = import_file (fixture, sample);
  g_assert_cmpint (other_article, !=, article);
  g_assert_cmpint (glossa_window_get_article_id (fixture->window), ==, other_article);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_annotations (fixture->window)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-article", "x", article);
  g_assert_cmpint (glossa_window_get_article_id (fixture->window), ==, article);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_annotations (fixture->window)), ==, 2);

  /* Undo reaches across articles: from the other article, undo the link. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-article", "x", other_article);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-note", "(xs)", first, "跨文章");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  annotation = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_cmpstr (glossa_annotation_get_note (annotation), ==, "作者的核心论点");
  g_clear_object (&annotation);
  /* The toast's Show goes to where the change happened. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-changed-article", NULL);
  g_assert_cmpint (glossa_window_get_article_id (fixture->window), ==, article);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-article", "x", other_article);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  links = glossa_library_list_links (fixture->library, 0, &error);
  g_assert_cmpuint (links->len, ==, 0);
  g_clear_pointer (&links, g_ptr_array_unref);

  /* Finally the library holds exactly the two annotations. */
  annotations = annotations_of (fixture, 0);
  g_assert_cmpuint (annotations->len, ==, 2);
}

/* An annotation whose text went away is listed apart, and comes back into
 * the text by selecting new text and re-attaching it. */
static void
test_orphan (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) changed = glossa_extracted_new ();
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autofree char *sample = g_build_filename (g_getenv ("GLOSSA_DATA_DIR"), "sample-article.md", NULL);
  gint64 article, start, end, claim, id;

  claim = tag_id (fixture, "Claim", 1);
  article = import_file (fixture, sample);
  g_assert_true (glossa_library_find_quote (fixture->library, article, "我们预测", 1, &start, &end, &error));
  g_assert_no_error (error);
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.extend-selection", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", claim);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_annotations (fixture->window)), ==, 1);
  annotation = g_list_model_get_item (glossa_window_get_annotations (fixture->window), 0);
  id = glossa_annotation_get_id (annotation);
  g_clear_object (&annotation);

  /* The article is re-imported without that paragraph. */
  changed->title = g_strdup ("慢读的理由");
  changed->format = g_strdup ("text");
  glossa_extracted_set_text (changed, g_strdup ("一篇完全不同的文章。\n它没有那一段预测，只有别的话。\n"));
  g_assert_true (glossa_library_update_content (fixture->library, article, changed, NULL, NULL, &error));
  g_assert_no_error (error);
  spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_annotations (fixture->window)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_orphans (fixture->window)), ==, 1);
  /* The reader shows the new text. */
  g_assert_cmpint (glossa_reader_get_length (GLOSSA_READER (glossa_window_get_reader (fixture->window))),
                   ==, g_utf8_strlen (changed->text, -1));

  /* Re-attach it to the new text, undo, redo. */
  g_assert_true (glossa_library_find_quote (fixture->library, article, "只有别的话", 1, &start, &end, &error));
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reattach", "x", id);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_orphans (fixture->window)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_annotations (fixture->window)), ==, 1);
  annotation = glossa_library_get_annotation (fixture->library, id, &error);
  g_assert_no_error (error);
  g_assert_false (glossa_annotation_get_orphaned (annotation));
  g_assert_cmpstr (glossa_annotation_get_quote (annotation), ==, "只有别的话");
  g_assert_true (glossa_annotation_has_tag (annotation, claim));
}

/* A label anywhere under @widget whose text contains @text. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gint64
tag_quote (Fixture    *fixture,
           gint64      article,
           const char *quote,
           gint64      tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaAnnotation) annotation = NULL;
  GListModel *annotations = glossa_window_get_annotations (fixture->window);
  gint64 start, end;

  g_assert_true (glossa_library_find_quote (fixture->library, article, quote, 1, &start, &end, &error));
  g_assert_no_error (error);
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", tag);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(GlossaAnnotation) item = g_list_model_get_item (annotations, i);

      if (glossa_annotation_get_start (item) == start && glossa_annotation_get_end (item) == end)
        return glossa_annotation_get_id (item);
    }
  g_assert_not_reached ();
}

/* Re-import from the article menu: the file changed on disk (a paragraph
 * inserted before one passage, the other's sentence deleted); the text is
 * read again in a thread, one annotation moves, one is orphaned, the toast
 * says so and its Show opens the orphans. */
static void
test_reimport (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaAnnotation) moved = NULL;
  g_autoptr(GlossaAnnotation) orphan = NULL;
  g_autoptr(GlossaAnnotation) listed = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "speech.txt", NULL);
  GtkWidget *expander;
  gint64 article, claim, first, second, old_start;

  g_assert_true (g_file_set_contents (path,
                                      "人工智能是互联网的解药。\n\n"
                                      "Studies show that slow reading helps.\n\n"
                                      "This last sentence will be deleted.\n", -1, &error));
  claim = tag_id (fixture, "Claim", 1);
  article = import_file (fixture, path);
  g_assert_cmpint (article, >, 0);
  first = tag_quote (fixture, article, "slow reading helps", claim);
  second = tag_quote (fixture, article, "will be deleted", claim);
  moved = glossa_library_get_annotation (fixture->library, first, &error);
  old_start = glossa_annotation_get_start (moved);
  g_clear_object (&moved);

  g_assert_true (g_file_set_contents (path,
                                      "A new opening paragraph.\n\n"
                                      "人工智能是互联网的解药。\n\n"
                                      "Studies show that slow reading helps.\n", -1, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reimport", NULL));
  g_assert_true (glossa_window_get_importing (fixture->window));
  wait_for_import (fixture);

  moved = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_no_error (error);
  g_assert_false (glossa_annotation_get_orphaned (moved));
  g_assert_cmpstr (glossa_annotation_get_quote (moved), ==, "slow reading helps");
  g_assert_cmpint (glossa_annotation_get_start (moved), ==, old_start + g_utf8_strlen ("A new opening paragraph.\n\n", -1));
  orphan = glossa_library_get_annotation (fixture->library, second, &error);
  g_assert_no_error (error);
  g_assert_true (glossa_annotation_get_orphaned (orphan));
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_annotations (fixture->window)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_orphans (fixture->window)), ==, 1);
  listed = g_list_model_get_item (glossa_window_get_orphans (fixture->window), 0);
  g_assert_cmpint (glossa_annotation_get_id (listed), ==, second);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "1 annotation moved, 1 could not be placed"));

  /* Show opens the orphans. */
  g_object_set (fixture->window, "show-annotations", FALSE, NULL);
  expander = find_widget_of_type (GTK_WIDGET (fixture->window), GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-orphans", NULL));
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_true (gtk_widget_get_mapped (expander));

  /* A title nobody edited follows the text (a plain text's first line). */
  {
    g_autoptr(GlossaArticle) renamed = glossa_library_get_article (fixture->library, article, &error);

    g_assert_cmpstr (glossa_article_get_title (renamed), ==, "A new opening paragraph.");
  }
  g_assert_true (glossa_library_set_article_details (fixture->library, article, "My speech", "Me",
                                                     NULL, &error));

  /* The file is gone: re-importing uses the copy stored (the new one). */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reimport", NULL));
  wait_for_import (fixture);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "The source file is gone"));
  g_clear_object (&moved);
  moved = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_cmpint (glossa_annotation_get_start (moved), ==, old_start + g_utf8_strlen ("A new opening paragraph.\n\n", -1));

  /* The title and byline set by hand stay. */
  {
    g_autoptr(GlossaArticle) renamed = glossa_library_get_article (fixture->library, article, &error);

    g_assert_cmpstr (glossa_article_get_title (renamed), ==, "My speech");
    g_assert_cmpstr (glossa_article_get_byline (renamed), ==, "Me");
  }

  /* Re-extracting the stored copy changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reextract", NULL));
  wait_for_import (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_orphans (fixture->window)), ==, 1);
  g_clear_object (&moved);
  moved = glossa_library_get_annotation (fixture->library, first, &error);
  g_assert_cmpint (glossa_annotation_get_start (moved), ==, old_start + g_utf8_strlen ("A new opening paragraph.\n\n", -1));
  {
    g_autoptr(GlossaArticle) renamed = glossa_library_get_article (fixture->library, article, &error);

    g_assert_cmpstr (glossa_article_get_title (renamed), ==, "My speech");
  }
}

/* Article Details renames the open article; undo puts the name back. */
static void
test_article_details (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaArticle) article = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "note.txt", NULL);
  GtkWidget *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *title_row, *save;
  g_autofree char *old_title = NULL;
  gint64 id;

  g_assert_true (g_file_set_contents (path, "剪贴板里的一段话。\n", -1, &error));
  id = import_file (fixture, path);
  article = glossa_library_get_article (fixture->library, id, &error);
  old_title = g_strdup (glossa_article_get_title (article));
  g_clear_object (&article);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.article-details", NULL));
  spin (50);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_WINDOW (window) && gtk_widget_get_visible (window) &&
          g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), "Article Details") == 0)
        dialog = window;
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (find_label (dialog, "note.txt"));
  title_row = find_widget_of_type (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, old_title);
  save = gtk_widget_get_ancestor (find_label (dialog, "Save"), GTK_TYPE_BUTTON);

  /* An empty title cannot be saved. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "  ");
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "AI as the antidote");
  g_assert_true (gtk_widget_get_sensitive (save));
  g_object_ref (dialog);
  g_signal_emit_by_name (save, "clicked");
  spin (50);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_object_unref (dialog);

  article = glossa_library_get_article (fixture->library, id, &error);
  g_assert_cmpstr (glossa_article_get_title (article), ==, "AI as the antidote");
  g_clear_object (&article);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "AI as the antidote"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  spin (50);
  article = glossa_library_get_article (fixture->library, id, &error);
  g_assert_cmpstr (glossa_article_get_title (article), ==, old_title);
}

static gint64
add_dated (Fixture    *fixture,
           const char *title,
           const char *published)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  extracted->title = g_strdup (title);
  extracted->published = g_strdup (published);
  extracted->format = g_strdup ("text");
  glossa_extracted_set_text (extracted, g_strdup_printf ("%s\nbody\n", title));
  id = glossa_library_add_article (fixture->library, extracted, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  return id;
}

static void
assert_list_order (Fixture *fixture,
                   GListModel *list,
                   const gint64 *ids,
                   guint n_ids)
{
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(GlossaArticle) article = g_list_model_get_item (list, i);

      g_assert_cmpint (glossa_article_get_id (article), ==, ids[i]);
    }
}

/* The list view whose items are of @item_type (not a drop-down's own list). */
static GtkWidget *
find_list_of (GtkWidget *widget,
              GType      item_type)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));
      g_autoptr(GObject) first = model != NULL ? g_list_model_get_item (model, 0) : NULL;

      if (first != NULL && G_TYPE_CHECK_INSTANCE_TYPE (first, item_type))
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_of (child, item_type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A row widget of the library list (it carries its list item). */
static GtkWidget *
find_article_row (GtkWidget *widget)
{
  if (g_object_get_data (G_OBJECT (widget), "list-item") != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_article_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The library sorts by what its options say (F6): import time, the
 * publication date the rows show (undated and unreadable last), title. */
static void
test_library_sort (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *dropdown = NULL;
  GtkWidget *list_view;
  GListModel *list;
  gint64 a, b, c, d;

  a = add_dated (fixture, "Alpha", "2026-01-01");
  b = add_dated (fixture, "Beta", "2024-02-22T10:17");
  c = add_dated (fixture, "Gamma", "last spring");
  d = add_dated (fixture, "Delta", NULL);
  spin (50);

  /* The library pane comes first: its sort menu, then its list. */
  dropdown = find_widget_of_type (GTK_WIDGET (fixture->window), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (dropdown);
  g_assert_nonnull (find_label (dropdown, "Imported"));
  list_view = find_list_of (gtk_widget_get_ancestor (dropdown, GTK_TYPE_PANED), GLOSSA_TYPE_ARTICLE);
  g_assert_nonnull (list_view);
  list = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));

  {
    const gint64 imported[] = { d, c, b, a };
    const gint64 published[] = { a, b, d, c };
    const gint64 titled[] = { a, b, d, c };

    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);
    assert_list_order (fixture, list, imported, G_N_ELEMENTS (imported));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
    assert_list_order (fixture, list, published, G_N_ELEMENTS (published));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
    assert_list_order (fixture, list, titled, G_N_ELEMENTS (titled));
  }

  /* A date set later moves the article into place. */
  {
    g_autoptr(GError) error = NULL;
    const gint64 published[] = { c, a, b, d };

    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
    g_assert_true (glossa_library_set_article_details (fixture->library, c, "Gamma", NULL,
                                                       "2026-05-01", &error));
    g_assert_no_error (error);
    spin (50);
    assert_list_order (fixture, list, published, G_N_ELEMENTS (published));
  }

  /* A row's context menu opens its article and offers the article menu. */
  {
    GtkWidget *row = find_article_row (list_view);
    GtkListItem *item;
    GtkWidget *popover;

    g_assert_nonnull (row);
    item = g_object_get_data (G_OBJECT (row), "list-item");
    glossa_window_open_article (fixture->window, 0);
    _glossa_window_popup_article_menu (fixture->window, row, 10, 10);
    spin (50);
    g_assert_cmpint (glossa_window_get_article_id (fixture->window), ==,
                     glossa_article_get_id (gtk_list_item_get_item (item)));
    popover = find_widget_of_type (list_view, GTK_TYPE_POPOVER_MENU);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    g_assert_nonnull (find_label (popover, "Re-import from Source"));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }
}

/* A library the application creates starts with the sample article and
 * its example annotations: a claim, evidence supporting it, a prediction
 * with a note. */
static void
test_first_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glossa-first-run-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.glossa", NULL);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) links = NULL;
  GlossaApplication *app;
  GlossaLibrary *library;
  guint n_notes = 0;

  g_assert_no_error (error);
  app = g_object_new (GLOSSA_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "library-path", path,
                      NULL);
  library = glossa_application_get_library (app, &error);
  g_assert_no_error (error);
  g_assert_true (glossa_library_get_created (library));
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (library)), ==, 1);

  annotations = glossa_library_list_annotations (library, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 3);
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossaAnnotation *annotation = g_ptr_array_index (annotations, i);
      guint n_tags = 0;

      glossa_annotation_get_tag_ids (annotation, &n_tags);
      g_assert_cmpuint (n_tags, ==, 1);
      if (glossa_annotation_get_note (annotation)[0] != '\0')
        n_notes++;
    }
  g_assert_cmpuint (n_notes, ==, 1);
  links = glossa_library_list_links (library, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (glossa_link_get_link_type (g_ptr_array_index (links, 0)), ==, "supports");

  g_assert_finalize_object (app);
  remove_dir (dir);
}

/* In Chinese the default codebook is named in Chinese, and the sample's
 * example annotations still carry their tags. */
static void
test_first_run_zh_cn (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glossa-first-run-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.glossa", NULL);
  g_autoptr(GlossaTag) claim = NULL;
  GlossaApplication *app;
  GlossaLibrary *library;

  g_assert_no_error (error);
  app = g_object_new (GLOSSA_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "library-path", path,
                      NULL);
  library = glossa_application_get_library (app, &error);
  g_assert_no_error (error);
  claim = glossa_library_lookup_tag (library, "论点", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glossa_tag_get_count (claim), ==, 1);
  g_assert_null (glossa_library_lookup_tag (library, "Claim", NULL));

  g_assert_finalize_object (app);
  remove_dir (dir);
}

static void
test_first_run_zh_cn_trap (void)
{
  g_test_trap_subprocess ("/window/first-run-zh_CN", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static GtkWidget *
find_tag_filter (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

      if (GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) > 0 &&
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "All Tags") == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tag_filter (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The panes fold away and say so in the settings; the tag filter narrows
 * the annotations pane to one tag. */
static void
test_panes_and_filter (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = g_build_filename (g_getenv ("GLOSSA_DATA_DIR"), "sample-article.md", NULL);
  GtkWidget *dropdown;
  GListModel *names;
  gint64 article, start, end, claim, evidence;
  guint evidence_position = 0;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-library", NULL);
  g_assert_false (g_settings_get_boolean (settings, "show-library-pane"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-library", NULL);
  g_assert_true (g_settings_get_boolean (settings, "show-library-pane"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-annotations", NULL);
  g_assert_false (g_settings_get_boolean (settings, "show-annotations-pane"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-annotations", NULL);
  g_assert_true (g_settings_get_boolean (settings, "show-annotations-pane"));

  claim = tag_id (fixture, "Claim", 1);
  evidence = tag_id (fixture, "Evidence", 2);
  article = import_file (fixture, sample);
  g_assert_true (glossa_library_find_quote (fixture->library, article, "我们认为", 1, &start, &end, &error));
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", claim);
  g_assert_true (glossa_library_find_quote (fixture->library, article, "Annotation is how", 1, &start, &end, &error));
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", evidence);

  dropdown = find_tag_filter (GTK_WIDGET (fixture->window));
  g_assert_nonnull (dropdown);
  names = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Evidence") == 0)
      evidence_position = i;
  g_assert_cmpuint (evidence_position, >, 0);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), evidence_position);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_shown_annotations (fixture->window)), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_window_get_shown_annotations (fixture->window)), ==, 2);
}

/* A file that is not text is refused with a sentence, and adds nothing. */
static void
test_import_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "binary.txt", NULL);
  static const char bytes[] = { 'a', 0, 'b', 0, (char) 0xff, (char) 0xfe, 0, 0 };
  g_autoptr(GFile) file = NULL;
  GFile *files[1];

  g_assert_true (g_file_set_contents (path, bytes, sizeof bytes, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  files[0] = file;
  glossa_window_import_files (fixture->window, files, 1);
  wait_for_import (fixture);

  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (fixture->library)), ==, 0);
  g_assert_cmpint (glossa_window_get_article_id (fixture->window), ==, 0);
}

/* A Glossa XML export given to the ordinary import is merged as work, not
 * imported as an article whose text is XML. */
static void
test_import_exchange (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.glossa", NULL);
  g_autofree char *xml_path = g_build_filename (fixture->dir, "work.glossa.xml", NULL);
  g_autofree char *sample = shared_path ("sora-article.html");
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  g_autoptr(GFile) file = g_file_new_for_path (xml_path);
  g_autoptr(GlossaExportScope) scope = glossa_export_scope_new ();
  GlossaExchangeImportDialog *dialog = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GFile *files[] = { file };
  GListModel *toplevels;

  {
    g_autoptr(GlossaLibrary) other = glossa_library_open (other_path, &error);
    gint64 article;

    g_assert_no_error (error);
    article = glossa_library_import_file (other, sample_file, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (glossa_library_add_annotation (other, article, 0, 4, NULL, 0, "note", "x",
                                                    NULL, &error), >, 0);
    g_assert_no_error (error);
    g_assert_true (glossa_xml_export_to_path (other, scope, xml_path, NULL, &error));
    g_assert_no_error (error);
  }

  glossa_window_import_files (fixture->window, files, 1);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (GLOSSA_IS_EXCHANGE_IMPORT_DIALOG (item))
        dialog = GLOSSA_EXCHANGE_IMPORT_DIALOG (item);
    }
  g_assert_nonnull (dialog);
  while (glossa_exchange_import_dialog_get_report (dialog) == NULL)
    {
      g_assert_null (glossa_exchange_import_dialog_get_error (dialog));
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (fixture->library)), ==, 1);
  {
    g_autoptr(GPtrArray) annotations = glossa_library_list_annotations (fixture->library, 0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (annotations->len, ==, 1);
    g_assert_cmpstr (glossa_annotation_get_note (g_ptr_array_index (annotations, 0)), ==, "note");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
}

/* Text on the clipboard becomes a new article, opened at once. */
static void
test_paste (Fixture       *fixture,
            gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));
  g_autoptr(GlossaExtracted) content = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *articles = glossa_library_get_articles (fixture->library);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gdk_clipboard_set_text (clipboard, "剪贴板里的文章\n\n这是从网页上复制的一段话。它说：工具让慢读变快。\n");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.paste-article", NULL);
  while (g_list_model_get_n_items (articles) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpint (glossa_window_get_article_id (fixture->window), !=, 0);
  content = glossa_library_load_content (fixture->library, glossa_window_get_article_id (fixture->window), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (content->text, "工具让慢读变快"));

  /* A snippet with no title line of its own is named by its first words,
   * not "Clipboard". */
  gdk_clipboard_set_text (clipboard, "Paste test: claims need evidence, and evidence needs a source that can be checked.");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.paste-article", NULL);
  while (g_list_model_get_n_items (articles) < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  {
    g_autoptr(GlossaArticle) article = glossa_library_get_article (fixture->library,
                                                                   glossa_window_get_article_id (fixture->window),
                                                                   &error);

    g_assert_no_error (error);
    g_assert_cmpstr (glossa_article_get_title (article), ==, "Paste test: claims need evidence, and…");
  }
}

static void
iter_at_text (GtkTextView *view,
              const char  *needle,
              GtkTextIter *iter)
{
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, iter, NULL, NULL));
}

/* Switching from one article to another lays the new one out as if it had
 * been opened first: a later paragraph of a web page opened after a plain
 * text (its first sentence tagged, so the window outlines and scrolls to an
 * annotation at offset 0) is as tall and as dark as its first paragraph,
 * not in the smaller, grey style of the header's meta line. */
static void
test_switch_articles (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = shared_path ("sora-article.html");
  g_autofree char *txt = g_build_filename (fixture->dir, "gbk-article.txt", NULL);
  const char *utf8 = "人工智能会取代记者吗？\n\n作者：王小明\n\n近年来，生成式人工智能迅速发展。\n\n第一，事实核查需要判断。\n";
  g_autofree char *gbk = NULL;
  gsize gbk_len = 0;
  GtkTextView *view = GTK_TEXT_VIEW (glossa_window_get_reader (fixture->window));
  gint64 sora, plain, start, end, claim;
  GtkTextIter first, later;
  GdkRectangle first_rect, later_rect;
  int first_y, first_h, later_y, later_h;

  gbk = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &gbk_len, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (txt, gbk, (gssize) gbk_len, &error));
  g_assert_no_error (error);

  claim = tag_id (fixture, "Claim", 1);
  sora = import_file (fixture, html);
  g_assert_true (glossa_library_find_quote (fixture->library, sora, "Sora的横空出世", 1, &start, &end, &error));
  g_assert_cmpint (start, ==, 0);
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", claim);
  plain = import_file (fixture, txt);
  g_assert_cmpint (plain, !=, sora);

  for (guint round = 0; round < 2; round++)
    {
      glossa_window_open_article (fixture->window, plain);
      spin (300);
      glossa_window_open_article (fixture->window, sora);
      spin (300);

      iter_at_text (view, "Sora的横空出世", &first);
      iter_at_text (view, "如果我们将文心一言", &later);
      gtk_text_view_get_iter_location (view, &first, &first_rect);
      gtk_text_view_get_iter_location (view, &later, &later_rect);
      g_assert_cmpint (later_rect.height, ==, first_rect.height);
      /* The same spacing below both one-line-or-more paragraphs' blank
       * lines: the blank line after each paragraph is as tall. */
      gtk_text_iter_forward_line (&first);
      gtk_text_iter_forward_line (&later);
      gtk_text_view_get_line_yrange (view, &first, &first_y, &first_h);
      gtk_text_view_get_line_yrange (view, &later, &later_y, &later_h);
      g_assert_cmpint (later_h, ==, first_h);
    }
}

static void
collect_with_class (GtkWidget  *widget,
                    const char *css_class,
                    GPtrArray  *found)
{
  if (gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_with_class (child, css_class, found);
}

static GtkWidget *
find_visible_popover (GtkWidget *reader)
{
  for (GtkWidget *child = gtk_widget_get_first_child (reader); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return child;

  return NULL;
}

/* The tag popover opens above the selection, off the text the pointer
 * just selected, and a click that lands on it right as it opens does not
 * tag. */
static void
test_tag_popover (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sora = shared_path ("sora-article-scraped.txt");
  g_autoptr(GPtrArray) annotations = NULL;
  GlossaReader *reader = GLOSSA_READER (glossa_window_get_reader (fixture->window));
  GtkWidget *popover, *list;
  GdkSurface *surface;
  GdkRectangle rect;
  gint64 article, start, end;
  double wx, wy, sx, sy, px, py;
  graphene_rect_t bounds;

  tag_id (fixture, "Claim", 1);
  article = import_file (fixture, sora);
  spin (200);
  g_assert_true (glossa_reader_get_visible_range (reader, &start, &end));
  glossa_window_select_range (fixture->window, (start + end) / 2, (start + end) / 2 + 6);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-selection", NULL);
  popover = find_visible_popover (GTK_WIDGET (reader));
  g_assert_nonnull (popover);

  /* Right away, a click on the first tag is ignored. */
  list = find_widget_of_type (popover, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  g_signal_emit_by_name (list, "activate", 0);
  annotations = annotations_of (fixture, article);
  g_assert_cmpuint (annotations->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (popover));

  /* The popover's surface lies above the selected line. */
  spin (400);
  g_assert_true (glossa_reader_get_selection_rect (reader, &rect));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (reader), GTK_WIDGET (fixture->window),
                                                   rect.x, rect.y, &wx, &wy));
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &sx, &sy);
  surface = gtk_native_get_surface (GTK_NATIVE (popover));
  /* The popover's content within its surface, which also holds its
   * shadow and arrow. */
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &px, &py);
  g_assert_true (gtk_widget_compute_bounds (gtk_popover_get_child (GTK_POPOVER (popover)), popover, &bounds));
  g_assert_cmpint (gdk_popup_get_position_y (GDK_POPUP (surface)) + (int) (py + bounds.origin.y + bounds.size.height),
                   <=, (int) (wy + sy));

  /* Round colour dots, and keycaps no taller than they need. */
  {
    g_autoptr(GPtrArray) swatches = g_ptr_array_new ();
    g_autoptr(GPtrArray) keycaps = g_ptr_array_new ();

    collect_with_class (popover, "tag-swatch", swatches);
    collect_with_class (popover, "keycap", keycaps);
    g_assert_cmpuint (swatches->len, >, 0);
    g_assert_cmpuint (keycaps->len, ==, swatches->len);
    for (guint i = 0; i < swatches->len; i++)
      {
        GtkWidget *swatch = g_ptr_array_index (swatches, i);
        GtkWidget *keycap = g_ptr_array_index (keycaps, i);

        g_assert_cmpint (gtk_widget_get_width (swatch), ==, 12);
        g_assert_cmpint (gtk_widget_get_height (swatch), ==, 12);
        g_assert_cmpint (gtk_widget_get_height (keycap), <, gtk_widget_get_height (gtk_widget_get_parent (keycap)));
      }
  }

  /* Later, the same click tags. */
  g_signal_emit_by_name (list, "activate", 0);
  g_clear_pointer (&annotations, g_ptr_array_unref);
  annotations = annotations_of (fixture, article);
  g_assert_cmpuint (annotations->len, ==, 1);
}

static gboolean
has_label_with (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_with (child, text))
      return TRUE;

  return FALSE;
}

/* Tagging a selection in the header (title, byline), which is not part of
 * the article's text, says so instead of doing nothing. */
static void
test_header_selection (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *html = shared_path ("sora-article.html");
  GtkTextView *view = GTK_TEXT_VIEW (glossa_window_get_reader (fixture->window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GPtrArray) annotations = NULL;
  GtkTextIter s, e;
  gint64 article;

  tag_id (fixture, "Claim", 1);
  article = import_file (fixture, html);
  g_assert_false (has_label_with (GTK_WIDGET (fixture->window), "not part of the article"));
  gtk_text_buffer_get_iter_at_offset (buffer, &s, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, 4);
  gtk_text_buffer_select_range (buffer, &s, &e);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-selection", NULL);
  spin (100);
  g_assert_true (has_label_with (GTK_WIDGET (fixture->window), "not part of the article"));
  annotations = annotations_of (fixture, article);
  g_assert_cmpuint (annotations->len, ==, 0);

  /* The published date reads as a date, in the header and the list; an
   * article without one says when it was imported. */
  {
    g_autofree char *all = NULL;
    g_autofree char *txt = shared_path ("sora-article-scraped.txt");

    gtk_text_buffer_get_bounds (buffer, &s, &e);
    all = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
    g_assert_nonnull (strstr (all, "2024-02-22 10:17"));
    g_assert_null (strstr (all, "2024-02-22T10:17"));
    g_assert_true (has_label_with (GTK_WIDGET (fixture->window), "2024-02-22"));
    g_assert_false (has_label_with (GTK_WIDGET (fixture->window), "Imported "));
    import_file (fixture, txt);
    spin (100);
    g_assert_true (has_label_with (GTK_WIDGET (fixture->window), "Imported "));
  }
}

static GtkWidget *
find_stack_with_page (GtkWidget  *widget,
                      const char *page,
                      const char *other_page)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), page) != NULL &&
      gtk_stack_get_child_by_name (GTK_STACK (widget), other_page) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_stack_with_page (child, page, other_page);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_entry_with_placeholder (GtkWidget  *widget,
                             const char *placeholder)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *text = NULL;

      g_object_get (widget, "placeholder-text", &text, NULL);
      if (g_strcmp0 (text, placeholder) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_with_placeholder (child, placeholder);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A filter that matches nothing says so; clearing it selects the open
 * article's row again.  The same for the annotations' tag filter. */
static void
test_empty_states (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = shared_path ("sora-article.html");
  g_autofree char *txt = shared_path ("sora-article-scraped.txt");
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *entry, *library_stack, *annotations_stack, *list, *dropdown;
  GtkSelectionModel *selection;
  GListModel *names;
  gint64 article, start, end, claim;
  guint counter_position = 0;

  /* No article open: the reader says so, and the annotations pane does not
   * invite selecting text. */
  g_assert_true (has_label_with (window, "No Article Open"));
  annotations_stack = NULL;
  for (GtkWidget *w = find_tag_filter (window); annotations_stack == NULL && w != NULL; w = gtk_widget_get_parent (w))
    annotations_stack = find_stack_with_page (w, "none", "list");
  g_assert_nonnull (annotations_stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (annotations_stack)), ==, "none");

  claim = tag_id (fixture, "Claim", 1);
  tag_id (fixture, "Counterclaim", 3);
  import_file (fixture, txt);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (annotations_stack)), ==, "empty");
  article = import_file (fixture, html);

  entry = find_entry_with_placeholder (window, "Filter articles");
  g_assert_nonnull (entry);
  library_stack = find_stack_with_page (window, "no-match", "empty");
  g_assert_nonnull (library_stack);
  list = find_widget_of_type (library_stack, GTK_TYPE_LIST_VIEW);
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list));

  gtk_editable_set_text (GTK_EDITABLE (entry), "zzzq");
  spin (400);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (library_stack)), ==, "no-match");
  g_assert_true (has_label_with (library_stack, "No Matching Articles"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  spin (400);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (library_stack)), ==, "list");
  {
    guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
    g_autoptr(GlossaArticle) selected = g_list_model_get_item (G_LIST_MODEL (selection), position);

    g_assert_nonnull (selected);
    g_assert_cmpint (glossa_article_get_id (selected), ==, article);
  }

  /* The tag filter. */
  g_assert_true (glossa_library_find_quote (fixture->library, article, "Sora的横空出世", 1, &start, &end, &error));
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (window, "win.tag", "x", claim);
  annotations_stack = NULL;
  for (GtkWidget *w = find_tag_filter (window); annotations_stack == NULL && w != NULL; w = gtk_widget_get_parent (w))
    annotations_stack = find_stack_with_page (w, "no-match", "list");
  g_assert_nonnull (annotations_stack);
  g_assert_true (annotations_stack != library_stack);
  dropdown = find_tag_filter (window);
  names = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Counterclaim") == 0)
      counter_position = i;
  g_assert_cmpuint (counter_position, >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (annotations_stack)), ==, "list");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), counter_position);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (annotations_stack)), ==, "no-match");
  g_assert_true (has_label_with (annotations_stack, "No “Counterclaim” Annotations"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (annotations_stack)), ==, "list");
}

static GtkLabel *
find_label_with (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A long note is read in full in its row, wrapped, and a click on it
 * edits it. */
static void
test_long_note (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = shared_path ("sora-article.html");
  const char *note = "Check again in 2031: which newsrooms publish the most machine-written copy, "
                     "and do readers notice? 再核对一次：哪些新闻编辑室发布了最多的机器写作稿件。";
  GtkWidget *row, *button, *entry, *stack;
  GtkLabel *label;
  gint64 article, start, end, claim, id;

  claim = tag_id (fixture, "Claim", 1);
  article = import_file (fixture, html);
  g_assert_true (glossa_library_find_quote (fixture->library, article, "Sora的横空出世", 1, &start, &end, &error));
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", claim);
  {
    g_autoptr(GPtrArray) annotations = annotations_of (fixture, article);

    g_assert_cmpuint (annotations->len, ==, 1);
    id = glossa_annotation_get_id (g_ptr_array_index (annotations, 0));
  }
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-note", "(xs)", id, note);
  spin (300);

  row = find_widget_of_type (GTK_WIDGET (fixture->window), GLOSSA_TYPE_ANNOTATION_ROW);
  g_assert_nonnull (row);
  label = find_label_with (row, note);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (label)));
  /* Wrapped within the row: several lines, none wider than the row. */
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (label)), >, 1);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), <=, gtk_widget_get_width (row));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));

  button = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin (100);
  stack = gtk_widget_get_ancestor (button, GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "entry");
  entry = gtk_stack_get_visible_child (GTK_STACK (stack));
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, note);
  g_assert_true (gtk_widget_has_focus (entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));
}

/* Importing a text already in the library opens it and says so; "Import
 * Again" still makes the second copy. */
static void
test_duplicate_import (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *html = shared_path ("sora-article.html");
  GListModel *articles = glossa_library_get_articles (fixture->library);
  g_autofree char *txt = shared_path ("sora-article-scraped.txt");
  gint64 first, other, again;

  first = import_file (fixture, html);
  other = import_file (fixture, txt);
  g_assert_cmpint (glossa_window_get_article_id (fixture->window), ==, other);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 2);

  again = import_file (fixture, html);
  g_assert_cmpint (again, ==, first);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 2);
  g_assert_true (has_label_with (GTK_WIDGET (fixture->window), "is already in your library"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-again", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 3);
  g_assert_cmpint (glossa_window_get_article_id (fixture->window), !=, first);
  g_assert_cmpint (glossa_window_get_article_id (fixture->window), !=, other);
}

/* "Link to…" lists the annotations of the article being read first. */
static void
test_link_order (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = shared_path ("sora-article.html");
  g_autofree char *sample = g_build_filename (g_getenv ("GLOSSA_DATA_DIR"), "sample-article.md", NULL);
  const char *sora_quotes[] = { "Sora的横空出世", "人工智能时代" };
  const char *sample_quotes[] = { "我们认为", "Annotation is how" };
  gint64 sora, home, start, end, claim, home_first = 0, from = 0;
  GlossaLinkDialog *dialog;
  GtkWidget *list;
  GListModel *model;

  claim = tag_id (fixture, "Claim", 1);
  sora = import_file (fixture, html);
  for (guint i = 0; i < G_N_ELEMENTS (sora_quotes); i++)
    {
      g_assert_true (glossa_library_find_quote (fixture->library, sora, sora_quotes[i], 1, &start, &end, &error));
      glossa_window_select_range (fixture->window, start, end);
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", claim);
    }
  home = import_file (fixture, sample);
  for (guint i = 0; i < G_N_ELEMENTS (sample_quotes); i++)
    {
      g_autoptr(GPtrArray) annotations = NULL;

      g_assert_true (glossa_library_find_quote (fixture->library, home, sample_quotes[i], 1, &start, &end, &error));
      glossa_window_select_range (fixture->window, start, end);
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", claim);
      annotations = annotations_of (fixture, home);
      for (guint j = 0; j < annotations->len; j++)
        {
          GlossaAnnotation *a = g_ptr_array_index (annotations, j);

          if (glossa_annotation_get_start (a) == start && i == 0)
            home_first = glossa_annotation_get_id (a);
          else if (glossa_annotation_get_start (a) == start)
            from = glossa_annotation_get_id (a);
        }
    }
  g_assert_cmpint (home_first, !=, 0);
  g_assert_cmpint (from, !=, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.link-to", "x", from);
  dialog = find_link_dialog ();
  g_assert_nonnull (dialog);
  list = find_list_of (GTK_WIDGET (dialog), GLOSSA_TYPE_ANNOTATION);
  g_assert_nonnull (list);
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  {
    g_autoptr(GObject) first = g_list_model_get_item (model, 0);

    g_assert_true (GLOSSA_IS_ANNOTATION (first));
    g_assert_cmpint (glossa_annotation_get_id (GLOSSA_ANNOTATION (first)), ==, home_first);
  }
  gtk_window_close (GTK_WINDOW (dialog));
  spin (50);
}

static GtkWidget *
find_visible_label_with (GtkWidget  *widget,
                         const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_label_with (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* While sticky tagging is on, the header bar names the tag it applies. */
static void
test_sticky_label (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = shared_path ("sora-article.html");
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *header = find_widget_of_type (window, ADW_TYPE_HEADER_BAR);
  gint64 article, start, end, evidence;

  g_assert_nonnull (header);
  evidence = tag_id (fixture, "Evidence", 2);
  article = import_file (fixture, html);
  g_assert_null (find_visible_label_with (header, "Press 1–9"));

  gtk_widget_activate_action (window, "win.sticky", NULL);
  g_assert_nonnull (find_visible_label_with (header, "Press 1–9"));

  g_assert_true (glossa_library_find_quote (fixture->library, article, "Sora的横空出世", 1, &start, &end, &error));
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (window, "win.tag", "x", evidence);
  g_assert_nonnull (find_visible_label_with (header, "Evidence"));
  g_assert_null (find_visible_label_with (header, "Press 1–9"));

  gtk_widget_activate_action (window, "win.sticky", NULL);
  g_assert_null (find_visible_label_with (header, "Evidence"));
}

/* Screenshots. */

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  g_autofree char *path = NULL;
  g_autofree guchar *pixels = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t viewport;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  graphene_rect_init (&viewport, 0, 0, width, height);
  texture = gsk_renderer_render_texture (renderer, node, &viewport);

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);

  /* It exists and is not blank: a window has many colours. */
  loaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  width = gdk_texture_get_width (loaded);
  height = gdk_texture_get_height (loaded);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (loaded, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i += 7)
    {
      guint32 pixel;

      memcpy (&pixel, pixels + i * 4, 4);
      g_hash_table_add (colors, GUINT_TO_POINTER (pixel));
    }
  g_assert_cmpuint (g_hash_table_size (colors), >, 20);
}

static void
show_annotated_sample (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sora = shared_path ("sora-article.html");
  g_autofree char *sample = g_build_filename (g_getenv ("GLOSSA_DATA_DIR"), "sample-article.md", NULL);
  gint64 article, start, end, claim, evidence, first, second;

  claim = tag_id (fixture, "Claim", 1);
  evidence = tag_id (fixture, "Evidence", 2);

  import_file (fixture, sample);
  article = import_file (fixture, sora);

  g_assert_true (glossa_library_find_quote (fixture->library, article, "解药", 1, &start, &end, &error));
  g_assert_no_error (error);
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.extend-selection", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", claim);
  first = glossa_history_get_can_undo (fixture->history) ? 1 : 0;
  g_assert_cmpint (first, ==, 1);

  g_assert_true (glossa_library_find_quote (fixture->library, article, "人工智能时代来临的不可逆性", 1,
                                            &start, &end, &error));
  g_assert_no_error (error);
  glossa_window_select_range (fixture->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.extend-selection", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag", "x", evidence);

  {
    g_autoptr(GPtrArray) annotations = annotations_of (fixture, article);

    g_assert_cmpuint (annotations->len, ==, 2);
    first = glossa_annotation_get_id (g_ptr_array_index (annotations, 0));
    second = glossa_annotation_get_id (g_ptr_array_index (annotations, 1));
  }
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-note", "(xs)", first,
                              _("Check the figures against the source"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-link", "(xxs)", first, second,
                              "supports");
  glossa_window_search (fixture->window, "互联网");
  spin (400);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  /* What a new user sees in an empty library. */
  spin (300);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-empty.png");

  show_annotated_sample (fixture);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  spin (300);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-light.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  spin (300);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  spin (300);

  /* The tag popover at a selection, a surface of its own. */
  {
    GlossaReader *reader = GLOSSA_READER (glossa_window_get_reader (fixture->window));
    GtkWidget *popover = NULL;
    gint64 start, end;

    g_assert_true (glossa_reader_get_visible_range (reader, &start, &end));
    glossa_window_select_range (fixture->window, (start + end) / 2, (start + end) / 2 + 14);
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.tag-selection", NULL);
    spin (300);
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (reader)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
        popover = child;
    g_assert_nonnull (popover);
    save_screenshot (popover, "screenshot-popover.png");
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  /* "Link to…" from the first annotation. */
  {
    g_autoptr(GlossaAnnotation) first = g_list_model_get_item (glossa_window_get_annotations (fixture->window), 0);
    GlossaLinkDialog *dialog;

    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.link-to", "x",
                                glossa_annotation_get_id (first));
    dialog = find_link_dialog ();
    g_assert_nonnull (dialog);
    spin (400);
    save_screenshot (GTK_WIDGET (dialog), "screenshot-link.png");
    gtk_window_close (GTK_WINDOW (dialog));
    spin (50);
  }
}

/* In its own process, so every template is translated from the start. */
static void
test_screenshot_zh_cn (Fixture       *fixture,
                       gconstpointer  data)
{
  show_annotated_sample (fixture);
  g_assert_cmpstr (_("No Article Open"), ==, "没有打开的文章");
  spin (700);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-zh_CN.png");
}

static void
test_screenshot_zh_cn_trap (void)
{
  g_test_trap_subprocess ("/window/screenshot-zh_CN", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *podir = NULL;

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Links the compiled resources in (they register themselves). */
  g_assert_nonnull (glossa_get_resource ());
  /* What AdwApplication loads for the real app: its style sheet and icons. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/glossa/Glossa/icons");
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/glossa/Glossa/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  /* Chinese strings come from the .mo the build made. */
  podir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                            "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add ("/window/annotate", Fixture, NULL, fixture_set_up, test_annotate, fixture_tear_down);
  g_test_add_func ("/window/first-run", test_first_run);
  g_test_add ("/window/panes-and-filter", Fixture, NULL, fixture_set_up, test_panes_and_filter,
              fixture_tear_down);
  g_test_add ("/window/import-error", Fixture, NULL, fixture_set_up, test_import_error, fixture_tear_down);
  g_test_add ("/window/paste", Fixture, NULL, fixture_set_up, test_paste, fixture_tear_down);
  g_test_add ("/window/import-exchange", Fixture, NULL, fixture_set_up, test_import_exchange,
              fixture_tear_down);
  g_test_add ("/window/switch-articles", Fixture, NULL, fixture_set_up, test_switch_articles,
              fixture_tear_down);
  g_test_add ("/window/tag-popover", Fixture, NULL, fixture_set_up, test_tag_popover, fixture_tear_down);
  g_test_add ("/window/header-selection", Fixture, NULL, fixture_set_up, test_header_selection,
              fixture_tear_down);
  g_test_add ("/window/empty-states", Fixture, NULL, fixture_set_up, test_empty_states, fixture_tear_down);
  g_test_add ("/window/long-note", Fixture, NULL, fixture_set_up, test_long_note, fixture_tear_down);
  g_test_add ("/window/duplicate-import", Fixture, NULL, fixture_set_up, test_duplicate_import,
              fixture_tear_down);
  g_test_add ("/window/link-order", Fixture, NULL, fixture_set_up, test_link_order, fixture_tear_down);
  g_test_add ("/window/sticky-label", Fixture, NULL, fixture_set_up, test_sticky_label, fixture_tear_down);
  g_test_add ("/window/orphan", Fixture, NULL, fixture_set_up, test_orphan, fixture_tear_down);
  g_test_add ("/window/reimport", Fixture, NULL, fixture_set_up, test_reimport, fixture_tear_down);
  g_test_add ("/window/library-sort", Fixture, NULL, fixture_set_up, test_library_sort, fixture_tear_down);
  g_test_add ("/window/article-details", Fixture, NULL, fixture_set_up, test_article_details,
              fixture_tear_down);
  g_test_add ("/window/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      g_test_add ("/window/screenshot-zh_CN", Fixture, NULL, fixture_set_up,
                  test_screenshot_zh_cn, fixture_tear_down);
      g_test_add_func ("/window/first-run-zh_CN", test_first_run_zh_cn);
    }
  else
    {
      g_test_add_func ("/window/screenshot-zh_CN", test_screenshot_zh_cn_trap);
      g_test_add_func ("/window/first-run-zh_CN", test_first_run_zh_cn_trap);
    }

  return g_test_run ();
}
