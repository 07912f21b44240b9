/* test-dialogs.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's dialogs driven through their widgets and actions, on a real
 * library in a temporary directory.  Runs under Xvfb (suite 'ui').
 */
#include "config.h"

#include <adwaita.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "glossa-about.h"
#include "glossa-codebook-dialog.h"
#include "glossa-history.h"
#include "glossa-library.h"
#include "glossa-preferences-window.h"
#include "glossa-resources.h"
#include "glossa-search-dialog.h"
#include "glossa-trash-dialog.h"

#define ARTICLE_TEXT "我们正处在一个新的时代。人工智能是互联网的解药吗？\n" \
                     "Some say the internet's antidote is AI; others doubt it."

typedef struct {
  char          *dir;
  GlossaLibrary *library;
  GlossaHistory *history;
  gint64         article_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autoptr(GBytes) original = g_bytes_new_static (ARTICLE_TEXT, strlen (ARTICLE_TEXT));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("glossa-dialogs-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "library.glossa", NULL);
  f->library = glossa_library_open (path, &error);
  g_assert_no_error (error);
  f->history = glossa_history_new (f->library);

  extracted->title = g_strdup ("人工智能与互联网");
  extracted->format = g_strdup ("text");
  glossa_extracted_set_text (extracted, g_strdup (ARTICLE_TEXT));
  f->article_id = glossa_library_add_article (f->library, extracted, original, "test", NULL,
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->article_id, >, 0);
}

static void
_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->history);
  g_assert_finalize_object (f->library);
  _remove_tree (f->dir);
  g_free (f->dir);
}

/* The code-point range of the @occurrence'th @needle in ARTICLE_TEXT. */
static void
_text_range (const char *needle,
             gint64     *start,
             gint64     *end)
{
  const char *at = strstr (ARTICLE_TEXT, needle);

  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (ARTICLE_TEXT, at);
  *end = *start + g_utf8_strlen (needle, -1);
}

static gpointer
_template_child (gpointer     widget,
                 GType        type,
                 const char  *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static void
_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* With GLOSSA_TEST_SCREENSHOTS=DIR, saves the screen as DIR/NAME.png (under
 * Xvfb, with ImageMagick's import) so the dialogs can be looked at. */
static void
_screenshot (const char *name)
{
  const char *dir = g_getenv ("GLOSSA_TEST_SCREENSHOTS");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 until;
  int status;

  if (dir == NULL)
    return;

  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  path = g_strdup_printf ("%s/%s.png", dir, name);
  if (!g_spawn_sync (NULL, (char *[]) { (char *) "import", (char *) "-window", (char *) "root",
                                        path, NULL },
                     NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error))
    g_test_message ("No screenshot %s: %s", path, error->message);
}

static void
_destroy_window (GtkWidget *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  _iterate ();
  g_assert_finalize_object (window);
}

static gpointer
_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type))
        return item;
    }

  return NULL;
}

static gboolean
_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @stack shows @name (a search waits for its delay). */
static void
_wait_for_page (GtkStack   *stack,
                const char *name)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, _timeout_cb, &timed_out);

  while (!timed_out && g_strcmp0 (gtk_stack_get_visible_child_name (stack), name) != 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Selects @tag_id's row in the codebook's tree. */
static void
_select_tag (GtkWidget *dialog,
             gint64     tag_id)
{
  GtkSingleSelection *selection = _template_child (dialog, GLOSSA_TYPE_CODEBOOK_DIALOG, "selection");
  GListModel *tree;

  _iterate ();
  tree = gtk_single_selection_get_model (selection);
  for (guint i = 0; i < g_list_model_get_n_items (tree); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree, i);

      if (glossa_tag_get_id (gtk_tree_list_row_get_item (row)) == tag_id)
        {
          gtk_single_selection_set_selected (selection, i);
          return;
        }
    }

  g_assert_not_reached ();
}

static GlossaTag *
_tag (Fixture *f,
      gint64   id)
{
  g_autoptr(GError) error = NULL;
  GlossaTag *tag = glossa_library_get_tag (f->library, id, &error);

  g_assert_no_error (error);
  return tag;
}

static gboolean
_tag_exists (Fixture *f,
             gint64   id)
{
  GListModel *tags = glossa_library_get_tags (f->library);

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      if (glossa_tag_get_id (tag) == id)
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
_find_descendant (GtkWidget *widget,
                  GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = _find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
_run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Renaming in place: the row is rebuilt right after the commit, while GTK
 * still has a timeout pending on the label (no critical may follow). */
static void
test_codebook_rename_in_place (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GlossaTag) first = g_list_model_get_item (glossa_library_get_tags (f->library), 0);
  g_autoptr(GlossaTag) renamed = NULL;
  GtkWidget *dialog = glossa_codebook_dialog_new (NULL, f->history);
  GtkWidget *view;
  GtkEditableLabel *label;

  gtk_window_present (GTK_WINDOW (dialog));
  _run_for (200);
  view = _template_child (dialog, GLOSSA_TYPE_CODEBOOK_DIALOG, "column_view");
  label = GTK_EDITABLE_LABEL (_find_descendant (view, GTK_TYPE_EDITABLE_LABEL));
  g_assert_nonnull (label);

  gtk_editable_label_start_editing (label);
  _run_for (50);
  gtk_editable_set_text (GTK_EDITABLE (label), "主张");
  gtk_editable_label_stop_editing (label, TRUE);
  _run_for (700);

  renamed = _tag (f, glossa_tag_get_id (first));
  g_assert_cmpstr (glossa_tag_get_name (renamed), ==, "主张");

  _destroy_window (dialog);
}

static void
test_codebook (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaTag) claim = NULL;
  g_autoptr(GlossaTag) evidence = NULL;
  g_autoptr(GlossaTag) tag = NULL;
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autofree char *new_name = NULL;
  guint new_key = 0;
  GListModel *tags = glossa_library_get_tags (f->library);
  GtkSingleSelection *selection;
  GtkColorChooser *chooser;
  AdwMessageDialog *question;
  GtkWidget *dialog;
  guint n_tags = g_list_model_get_n_items (tags);
  gint64 start, end, new_id = 0, child_id = 0, annotation_id;
  GdkRGBA green = { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0, 1.0 };

  /* The default codebook, in whatever language it was made in. */
  g_assert_cmpuint (n_tags, >=, 5);
  claim = g_list_model_get_item (tags, 0);
  evidence = g_list_model_get_item (tags, 1);

  _text_range ("人工智能是互联网的解药吗", &start, &end);
  annotation_id = glossa_history_add_annotation (f->history, f->article_id, start, end,
                                                 (gint64[]) { glossa_tag_get_id (claim) }, 1,
                                                 NULL, "tester", &error);
  g_assert_no_error (error);

  dialog = glossa_codebook_dialog_new (NULL, f->history);
  gtk_window_present (GTK_WINDOW (dialog));
  _iterate ();
  selection = _template_child (dialog, GLOSSA_TYPE_CODEBOOK_DIALOG, "selection");
  /* Every tag of the default codebook has a row (all expanded). */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_single_selection_get_model (selection)), ==,
                    n_tags);

  /* Add a top-level tag: the dialog names it and selects it. */
  gtk_widget_activate_action (dialog, "codebook.add-tag", NULL);
  _iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, n_tags + 1);
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) item = g_list_model_get_item (tags, i);

      if (glossa_tag_get_id (item) > new_id)
        new_id = glossa_tag_get_id (item);
    }
  tag = _tag (f, new_id);
  /* Named for the user to rename in place ("New Tag" in English). */
  new_name = g_strdup (glossa_tag_get_name (tag));
  g_assert_cmpstr (new_name, !=, "");
  g_assert_cmpint (glossa_tag_get_parent_id (tag), ==, 0);
  /* A colour and a key no other tag has (QA F18). */
  g_assert_cmpuint (glossa_tag_get_key (tag), >=, 1);
  new_key = glossa_tag_get_key (tag);
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) other = g_list_model_get_item (tags, i);

      if (glossa_tag_get_id (other) == new_id)
        continue;
      g_assert_cmpstr (glossa_tag_get_color (other), !=, glossa_tag_get_color (tag));
      g_assert_cmpuint (glossa_tag_get_key (other), !=, glossa_tag_get_key (tag));
    }
  g_clear_object (&tag);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_single_selection_get_model (selection)), ==,
                    n_tags + 1);
  g_assert_cmpint (glossa_tag_get_id (gtk_tree_list_row_get_item (
                     gtk_single_selection_get_selected_item (selection))), ==, new_id);

  /* Rename, describe and key it. */
  gtk_widget_activate_action (dialog, "codebook.rename-tag", "(xs)", new_id, "时代叙事");
  gtk_widget_activate_action (dialog, "codebook.set-tag-description", "(xs)", new_id,
                              "Talk of a new era");
  gtk_widget_activate_action (dialog, "codebook.set-tag-key", "(xu)", new_id, 7);
  _screenshot ("codebook");
  tag = _tag (f, new_id);
  g_assert_cmpstr (glossa_tag_get_name (tag), ==, "时代叙事");
  g_assert_cmpstr (glossa_tag_get_description (tag), ==, "Talk of a new era");
  g_assert_cmpuint (glossa_tag_get_key (tag), ==, 7);
  g_clear_object (&tag);

  /* Recolour through the colour chooser. */
  _select_tag (dialog, new_id);
  gtk_widget_activate_action (dialog, "codebook.choose-color", NULL);
  _iterate ();
  chooser = _find_toplevel (GTK_TYPE_COLOR_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  gtk_color_chooser_set_rgba (chooser, &green);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_OK);
  _iterate ();
  tag = _tag (f, new_id);
  g_assert_cmpstr (glossa_tag_get_color (tag), ==, "#2ec27e");
  g_clear_object (&tag);

  /* A child of it, then moved to the top level. */
  _select_tag (dialog, new_id);
  gtk_widget_activate_action (dialog, "codebook.add-child", NULL);
  _iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, n_tags + 2);
  child_id = glossa_tag_get_id (gtk_tree_list_row_get_item (
                                  gtk_single_selection_get_selected_item (selection)));
  tag = _tag (f, child_id);
  g_assert_cmpint (glossa_tag_get_parent_id (tag), ==, new_id);
  g_assert_cmpstr (glossa_tag_get_color (tag), ==, "#2ec27e");
  g_clear_object (&tag);
  gtk_widget_activate_action (dialog, "codebook.move-selected", "x", (gint64) 0);
  tag = _tag (f, child_id);
  g_assert_cmpint (glossa_tag_get_parent_id (tag), ==, 0);
  g_clear_object (&tag);
  gtk_widget_activate_action (dialog, "codebook.undo", NULL);
  tag = _tag (f, child_id);
  g_assert_cmpint (glossa_tag_get_parent_id (tag), ==, new_id);
  g_clear_object (&tag);

  /* Undo steps back through the recolour and the rename. */
  gtk_widget_activate_action (dialog, "codebook.undo", NULL);   /* add child */
  g_assert_false (_tag_exists (f, child_id));
  gtk_widget_activate_action (dialog, "codebook.undo", NULL);   /* colour */
  tag = _tag (f, new_id);
  g_assert_cmpstr (glossa_tag_get_color (tag), !=, "#2ec27e");
  g_clear_object (&tag);
  gtk_widget_activate_action (dialog, "codebook.undo", NULL);   /* key */
  gtk_widget_activate_action (dialog, "codebook.undo", NULL);   /* description */
  gtk_widget_activate_action (dialog, "codebook.undo", NULL);   /* name */
  tag = _tag (f, new_id);
  g_assert_cmpstr (glossa_tag_get_name (tag), ==, new_name);
  g_assert_cmpuint (glossa_tag_get_key (tag), ==, new_key);
  g_clear_object (&tag);
  gtk_widget_activate_action (dialog, "codebook.redo", NULL);
  tag = _tag (f, new_id);
  g_assert_cmpstr (glossa_tag_get_name (tag), ==, "时代叙事");
  g_clear_object (&tag);

  /* Merge Claim into Evidence: the annotation changes hands; undo gives it back. */
  _select_tag (dialog, glossa_tag_get_id (claim));
  gtk_widget_activate_action (dialog, "codebook.merge-selected", "x", glossa_tag_get_id (evidence));
  g_assert_false (_tag_exists (f, glossa_tag_get_id (claim)));
  annotation = glossa_library_get_annotation (f->library, annotation_id, &error);
  g_assert_no_error (error);
  g_assert_true (glossa_annotation_has_tag (annotation, glossa_tag_get_id (evidence)));
  g_clear_object (&annotation);
  gtk_widget_activate_action (dialog, "codebook.undo", NULL);
  g_assert_true (_tag_exists (f, glossa_tag_get_id (claim)));
  annotation = glossa_library_get_annotation (f->library, annotation_id, &error);
  g_assert_no_error (error);
  g_assert_true (glossa_annotation_has_tag (annotation, glossa_tag_get_id (claim)));
  g_assert_false (glossa_annotation_has_tag (annotation, glossa_tag_get_id (evidence)));
  g_clear_object (&annotation);

  /* Deleting a tag in use asks what becomes of its annotations. */
  _select_tag (dialog, glossa_tag_get_id (claim));
  gtk_widget_activate_action (dialog, "codebook.delete", NULL);
  _iterate ();
  question = _find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  _screenshot ("codebook-delete");
  g_assert_true (_tag_exists (f, glossa_tag_get_id (claim)));
  adw_message_dialog_response (question, "keep");
  _iterate ();
  g_assert_false (_tag_exists (f, glossa_tag_get_id (claim)));
  annotation = glossa_library_get_annotation (f->library, annotation_id, &error);
  g_assert_no_error (error);
  g_assert_false (glossa_annotation_has_tag (annotation, glossa_tag_get_id (claim)));
  g_clear_object (&annotation);
  gtk_widget_activate_action (dialog, "codebook.undo", NULL);
  annotation = glossa_library_get_annotation (f->library, annotation_id, &error);
  g_assert_no_error (error);
  g_assert_true (glossa_annotation_has_tag (annotation, glossa_tag_get_id (claim)));
  g_clear_object (&annotation);

  /* Dragging and dropping: beside a row (positions count without the moved
   * tag), or into it. */
  {
    g_autoptr(GlossaTag) counterclaim = g_list_model_get_item (tags, 2);
    g_autoptr(GlossaTag) prediction = g_list_model_get_item (tags, 3);
    g_autoptr(GlossaTag) first = NULL;
    g_autoptr(GlossaTag) third = NULL;

    gtk_widget_activate_action (dialog, "codebook.drop-tag", "(xxu)", glossa_tag_get_id (claim),
                                glossa_tag_get_id (counterclaim), 2);
    first = g_list_model_get_item (tags, 0);
    third = g_list_model_get_item (tags, 2);
    g_assert_cmpint (glossa_tag_get_id (first), ==, glossa_tag_get_id (evidence));
    g_assert_cmpint (glossa_tag_get_id (third), ==, glossa_tag_get_id (claim));
    g_clear_object (&first);
    g_clear_object (&third);

    gtk_widget_activate_action (dialog, "codebook.drop-tag", "(xxu)", glossa_tag_get_id (claim),
                                glossa_tag_get_id (evidence), 0);
    first = g_list_model_get_item (tags, 0);
    g_assert_cmpint (glossa_tag_get_id (first), ==, glossa_tag_get_id (claim));
    g_clear_object (&first);

    gtk_widget_activate_action (dialog, "codebook.drop-tag", "(xxu)", glossa_tag_get_id (prediction),
                                glossa_tag_get_id (counterclaim), 1);
    tag = _tag (f, glossa_tag_get_id (prediction));
    g_assert_cmpint (glossa_tag_get_parent_id (tag), ==, glossa_tag_get_id (counterclaim));
    g_clear_object (&tag);
    _iterate ();
    /* The child row is there under its parent, expanded. */
    g_assert_cmpuint (g_list_model_get_n_items (gtk_single_selection_get_model (selection)), ==,
                      g_list_model_get_n_items (tags));

    gtk_widget_activate_action (dialog, "codebook.undo", NULL);
    tag = _tag (f, glossa_tag_get_id (prediction));
    g_assert_cmpint (glossa_tag_get_parent_id (tag), ==, 0);
    g_clear_object (&tag);
  }

  /* The rows follow the library. */
  _iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (gtk_single_selection_get_model (selection)), ==,
                    g_list_model_get_n_items (tags));

  _destroy_window (dialog);
}

typedef struct {
  guint  n_calls;
  gint64 article_id;
  gint64 start;
  gint64 end;
} HitRecord;

static void
hit_activated_cb (GtkWidget *dialog,
                  gint64     article_id,
                  gint64     start,
                  gint64     end,
                  HitRecord *record)
{
  record->n_calls++;
  record->article_id = article_id;
  record->start = start;
  record->end = end;
}

/* Position of the first result whose icon says it is of this kind. */
static guint
_find_result (GListModel *results,
              const char *icon_name)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);
      g_autofree char *icon = NULL;

      g_object_get (item, "icon-name", &icon, NULL);
      if (g_strcmp0 (icon, icon_name) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Runs the main loop until the results hold one of this kind (searches run
 * in a worker thread). */
static guint
_wait_for_result (GListModel *results,
                  const char *icon_name)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, _timeout_cb, &timed_out);
  guint position;

  while ((position = _find_result (results, icon_name)) == GTK_INVALID_LIST_POSITION && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
  return position;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaTag) claim = NULL;
  HitRecord record = { 0 };
  GtkSearchEntry *entry;
  GtkListView *view;
  GtkStack *stack;
  GListModel *results;
  GtkWidget *dialog;
  gint64 start, end, quote_start, quote_end, annotation_id;
  guint position;

  claim = g_list_model_get_item (glossa_library_get_tags (f->library), 0);
  _text_range ("新的时代", &quote_start, &quote_end);
  annotation_id = glossa_library_add_annotation (f->library, f->article_id, quote_start, quote_end,
                                                 (gint64[]) { glossa_tag_get_id (claim) }, 1,
                                                 "an era claim", "tester", NULL, &error);
  g_assert_no_error (error);

  dialog = glossa_search_dialog_new (NULL, f->library);
  g_signal_connect (dialog, "hit-activated", G_CALLBACK (hit_activated_cb), &record);
  gtk_window_present (GTK_WINDOW (dialog));
  _iterate ();

  entry = _template_child (dialog, GLOSSA_TYPE_SEARCH_DIALOG, "search_entry");
  view = _template_child (dialog, GLOSSA_TYPE_SEARCH_DIALOG, "results_view");
  stack = _template_child (dialog, GLOSSA_TYPE_SEARCH_DIALOG, "stack");
  results = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  /* Two Chinese characters find the text, and activating the hit gives its range. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "时代");
  position = _wait_for_result (results, "text-x-generic-symbolic");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "results");
  _screenshot ("search");
  gtk_widget_activate_action (GTK_WIDGET (view), "list.activate-item", "u", position);
  _text_range ("时代", &start, &end);
  g_assert_cmpuint (record.n_calls, ==, 1);
  g_assert_cmpint (record.article_id, ==, f->article_id);
  g_assert_cmpint (record.start, ==, start);
  g_assert_cmpint (record.end, ==, end);

  /* A new article with the word joins the results by itself. */
  {
    g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
    g_autoptr(GBytes) original = g_bytes_new_static ("新时代", strlen ("新时代"));
    guint before = g_list_model_get_n_items (results);
    gboolean timed_out = FALSE;
    guint id;

    extracted->title = g_strdup ("另一篇");
    extracted->format = g_strdup ("text");
    glossa_extracted_set_text (extracted, g_strdup ("新时代"));
    glossa_library_add_article (f->library, extracted, original, "test", NULL, &error);
    g_assert_no_error (error);

    id = g_timeout_add (5000, _timeout_cb, &timed_out);
    while (!timed_out && g_list_model_get_n_items (results) == before)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (id);
    g_assert_cmpuint (g_list_model_get_n_items (results), >, before);
  }

  /* A quote hit opens at the annotation. */
  position = _find_result (results, "glossa-quote-symbolic");
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_widget_activate_action (GTK_WIDGET (view), "list.activate-item", "u", position);
  g_assert_cmpuint (record.n_calls, ==, 2);
  g_assert_cmpint (record.start, ==, quote_start);
  g_assert_cmpint (record.end, ==, quote_end);

  /* The match is shown in bold, escaped. */
  {
    g_autoptr(GObject) item = g_list_model_get_item (results, 0);
    g_autofree char *markup = NULL;

    g_object_get (item, "match-markup", &markup, NULL);
    g_assert_true (g_str_has_prefix (markup, "<b>"));
    g_assert_nonnull (strstr (markup, "时代"));
  }

  /* A title hit reads as its line from the start, not in the keyword
   * column (QA F19); the others keep the column. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "互联网");
  position = _wait_for_result (results, "x-office-document-symbolic");
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);
      g_autofree char *line = NULL;
      gboolean kwic, plain;

      g_object_get (item, "kwic", &kwic, "plain", &plain, "line-markup", &line, NULL);
      g_assert_true (kwic != plain);
      g_assert_true (plain == (i == position));
      if (plain)
        g_assert_cmpstr (line, ==, "人工智能与<b>互联网</b>");
    }

  /* Notes are searched too. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "era claim");
  position = _wait_for_result (results, "glossa-note-symbolic");

  /* A hit on an annotation deleted since is not followed; the results renew. */
  glossa_library_remove_annotation (f->library, annotation_id, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (view), "list.activate-item", "u", position);
  g_assert_cmpuint (record.n_calls, ==, 2);
  _wait_for_page (stack, "none");

  /* Nothing found, then nothing typed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "量子纠缠");
  _wait_for_page (stack, "none");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  _wait_for_page (stack, "empty");

  _destroy_window (dialog);
}

static void
test_trash (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(GlossaAnnotation) annotation = NULL;
  GtkSelectionModel *model;
  AdwMessageDialog *question;
  GtkListView *view;
  GtkStack *stack;
  GtkWidget *dialog;
  gint64 start, end, annotation_id;

  _text_range ("人工智能", &start, &end);
  annotation_id = glossa_history_add_annotation (f->history, f->article_id, start, end,
                                                 NULL, 0, "a note", "tester", &error);
  g_assert_no_error (error);
  g_assert_true (glossa_history_remove_annotation (f->history, annotation_id, &error));
  g_assert_no_error (error);

  dialog = glossa_trash_dialog_new (NULL, f->history);
  gtk_window_present (GTK_WINDOW (dialog));
  _iterate ();
  view = _template_child (dialog, GLOSSA_TYPE_TRASH_DIALOG, "list_view");
  stack = _template_child (dialog, GLOSSA_TYPE_TRASH_DIALOG, "stack");
  model = gtk_list_view_get_model (view);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  /* The focus is on the list, not on Empty Trash (QA F17). */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));

    g_assert_nonnull (focus);
    g_assert_true (focus == GTK_WIDGET (view) || gtk_widget_is_ancestor (focus, GTK_WIDGET (view)));
  }

  /* Kind, age and size of each entry. */
  {
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autofree char *subtitle = NULL;

    g_object_get (item, "subtitle", &subtitle, NULL);
    /* Screenshot runs use the user's language. */
    if (g_getenv ("GLOSSA_TEST_SCREENSHOTS") == NULL)
      g_assert_cmpstr (subtitle, ==, "Annotation · Deleted just now · 1 item");
  }

  /* Restore the selected entry. */
  gtk_selection_model_select_item (model, 0, TRUE);
  _screenshot ("trash");
  gtk_widget_activate_action (dialog, "trash.restore", NULL);
  _iterate ();
  annotation = glossa_library_get_annotation (f->library, annotation_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossa_annotation_get_note (annotation), ==, "a note");
  g_clear_object (&annotation);
  trash = glossa_library_list_trash (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, 0);
  g_clear_pointer (&trash, g_ptr_array_unref);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  /* The restore is undoable; the list follows. */
  g_assert_true (glossa_history_undo (f->history, &error));
  g_assert_no_error (error);
  _iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* Emptying asks first; cancelling keeps everything. */
  gtk_widget_activate_action (dialog, "trash.empty", NULL);
  _iterate ();
  question = _find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  _screenshot ("trash-empty");
  adw_message_dialog_response (question, "cancel");
  _iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  gtk_widget_activate_action (dialog, "trash.empty", NULL);
  _iterate ();
  question = _find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "empty");
  _iterate ();
  trash = glossa_library_list_trash (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  annotation = glossa_library_get_annotation (f->library, annotation_id, &error);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
  g_assert_null (annotation);

  _destroy_window (dialog);
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *font = NULL;
  g_autofree char *coder = NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window;
  AdwEntryRow *coder_row;
  GtkFontChooser *font_button;
  AdwComboRow *scheme_row;

  g_settings_reset (settings, "coder-name");
  g_settings_reset (settings, "reader-font");
  g_settings_reset (settings, "color-scheme");

  window = glossa_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  _iterate ();

  coder_row = _template_child (window, GLOSSA_TYPE_PREFERENCES_WINDOW, "coder_row");
  font_button = _template_child (window, GLOSSA_TYPE_PREFERENCES_WINDOW, "font_button");
  scheme_row = _template_child (window, GLOSSA_TYPE_PREFERENCES_WINDOW, "scheme_row");

  /* The defaults reach the widgets. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (coder_row)), ==, "");
  font = gtk_font_chooser_get_font (font_button);
  g_assert_cmpstr (font, ==, "Noto Serif CJK SC 13");
  g_clear_pointer (&font, g_free);
  g_assert_cmpuint (adw_combo_row_get_selected (scheme_row), ==, 0);
  _screenshot ("preferences");

  /* An empty coder name falls back to the user's own name. */
  coder = glossa_preferences_get_coder_name (settings);
  g_assert_nonnull (coder);
  g_assert_cmpstr (coder, !=, "");
  g_clear_pointer (&coder, g_free);

  /* Widgets write the keys. */
  gtk_editable_set_text (GTK_EDITABLE (coder_row), "李华");
  coder = g_settings_get_string (settings, "coder-name");
  g_assert_cmpstr (coder, ==, "李华");
  g_clear_pointer (&coder, g_free);
  coder = glossa_preferences_get_coder_name (settings);
  g_assert_cmpstr (coder, ==, "李华");

  gtk_font_chooser_set_font (font_button, "Noto Sans CJK SC 16");
  font = g_settings_get_string (settings, "reader-font");
  g_assert_cmpstr (font, ==, "Noto Sans CJK SC 16");

  adw_combo_row_set_selected (scheme_row, 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  adw_combo_row_set_selected (scheme_row, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* And a key changed elsewhere reaches the widgets and the style. */
  g_settings_set_string (settings, "coder-name", "Ann Analyst");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (coder_row)), ==, "Ann Analyst");
  g_settings_set_enum (settings, "color-scheme", 0);
  g_assert_cmpuint (adw_combo_row_get_selected (scheme_row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  _destroy_window (window);

  /* Applying at startup honours the stored key, and later changes too. */
  g_settings_set_enum (settings, "color-scheme", 2);
  glossa_preferences_apply_color_scheme (settings);
  glossa_preferences_apply_color_scheme (settings);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_enum (settings, "color-scheme", 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_about (void)
{
  g_autoptr(GtkWindow) parent = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwAboutWindow *about = NULL;

  parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  glossa_show_about (parent);
  _iterate ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (item))
        about = ADW_ABOUT_WINDOW (item);
    }

  g_assert_nonnull (about);
  _screenshot ("about");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == parent);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);

  _destroy_window (GTK_WIDGET (about));
  gtk_window_destroy (parent);
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GObject *overlay;

  builder = gtk_builder_new ();
  gtk_builder_add_from_resource (builder, "/io/github/glossa/Glossa/gtk/help-overlay.ui", &error);
  g_assert_no_error (error);
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_present (GTK_WINDOW (overlay));
  _screenshot ("shortcuts");
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() picks the C locale; screenshots want the user's. */
  if (g_getenv ("GLOSSA_TEST_SCREENSHOTS") != NULL)
    setlocale (LC_ALL, "");
  /* Translations of the build tree, for screenshots in other languages. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GLOSSA_LOCALEDIR") != NULL
                                   ? g_getenv ("GLOSSA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  (void) glossa_get_resource ();
  /* What GtkApplication does for the app: icons from our resources. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/glossa/Glossa/icons");

  g_test_add ("/dialogs/codebook", Fixture, NULL, fixture_setup, test_codebook, fixture_teardown);
  g_test_add ("/dialogs/codebook-rename-in-place", Fixture, NULL, fixture_setup,
              test_codebook_rename_in_place, fixture_teardown);
  g_test_add ("/dialogs/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/dialogs/trash", Fixture, NULL, fixture_setup, test_trash, fixture_teardown);
  g_test_add_func ("/dialogs/preferences", test_preferences);
  g_test_add_func ("/dialogs/about", test_about);
  g_test_add_func ("/dialogs/help-overlay", test_help_overlay);

  return g_test_run ();
}
