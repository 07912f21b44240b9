/* test-history.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every GlossaHistory wrapper, on a real library file: doing, undoing and
 * redoing must leave the annotations, tags and links exactly as they were
 * before and after (compared field by field), across two articles; a call
 * the library refuses pushes nothing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "glossa-history.h"

typedef struct {
  char          *dir;
  GlossaLibrary *library;
  GlossaHistory *history;
  gint64         article_a;   /* Chinese */
  gint64         article_b;   /* English */
  gint64         claim;       /* tags made by the fixture */
  gint64         evidence;
  gint64         child;       /* under claim */
  gint64         annotation_a;
  gint64         annotation_b;
  gint64         link;
} Fixture;

static const char text_a[] =
  "AI 是互联网的解药吗？\n"
  "有人说，人工智能是互联网的解药。它能把信息的噪声过滤掉。\n"
  "但是证据并不充分，研究者仍在争论。𝄞 音乐也是一种语言。\n";

static const char text_b[] =
  "Slow reading\n"
  "A summary is a claim about a text, not a reading of it. Studies show that "
  "readers of summaries remember conclusions but not evidence.\n";

static gint64
add_article (Fixture    *fixture,
             const char *title,
             const char *text)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  extracted->title = g_strdup (title);
  extracted->format = g_strdup ("text");
  extracted->encoding = g_strdup ("UTF-8");
  glossa_extracted_set_text (extracted, g_strdup (text));
  id = glossa_library_add_article (fixture->library, extracted, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
range_of (Fixture    *fixture,
          gint64      article_id,
          const char *quote,
          gint64     *end)
{
  g_autoptr(GError) error = NULL;
  gint64 start = 0;

  g_assert_true (glossa_library_find_quote (fixture->library, article_id, quote, 1,
                                            &start, end, &error));
  g_assert_no_error (error);

  return start;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 start, end;

  fixture->dir = g_dir_make_tmp ("glossa-history-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "library.glossa", NULL);
  fixture->library = glossa_library_open (path, &error);
  g_assert_no_error (error);
  fixture->history = glossa_history_new (fixture->library);

  fixture->article_a = add_article (fixture, "解药", text_a);
  fixture->article_b = add_article (fixture, "Slow reading", text_b);

  fixture->claim = glossa_library_add_tag (fixture->library, "Test claim", 0, "#e01b24",
                                           "A statement that needs support", 0, NULL, &error);
  g_assert_no_error (error);
  fixture->evidence = glossa_library_add_tag (fixture->library, "Test evidence", 0, "#2ec27e",
                                              NULL, 0, NULL, &error);
  g_assert_no_error (error);
  fixture->child = glossa_library_add_tag (fixture->library, "Test sub-claim", fixture->claim,
                                           "#c061cb", NULL, 0, NULL, &error);
  g_assert_no_error (error);

  start = range_of (fixture, fixture->article_a, "人工智能是互联网的解药。", &end);
  fixture->annotation_a = glossa_library_add_annotation (fixture->library, fixture->article_a,
                                                         start, end, &fixture->claim, 1,
                                                         "a note", "Tester", NULL, &error);
  g_assert_no_error (error);
  start = range_of (fixture, fixture->article_b, "Studies show that", &end);
  fixture->annotation_b = glossa_library_add_annotation (fixture->library, fixture->article_b,
                                                         start, end, &fixture->evidence, 1,
                                                         NULL, "Tester", NULL, &error);
  g_assert_no_error (error);
  fixture->link = glossa_library_add_link (fixture->library, fixture->annotation_b,
                                           fixture->annotation_a, "supports",
                                           GLOSSA_LINK_ONE_WAY, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "library.glossa", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (fixture->history);
  g_assert_finalize_object (fixture->library);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Everything a user could see of annotations, tags and links, one line per
 * item, so two states compare field by field with a readable diff. */
static char *
snapshot (Fixture *fixture)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *tags = glossa_library_get_tags (fixture->library);
  GListModel *articles = glossa_library_get_articles (fixture->library);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(GlossaArticle) article = g_list_model_get_item (articles, i);

      g_string_append_printf (out, "article %" G_GINT64_FORMAT " %s count=%u title=%s byline=%s published=%s\n",
                              glossa_article_get_id (article), glossa_article_get_uuid (article),
                              glossa_article_get_annotation_count (article),
                              glossa_article_get_title (article),
                              glossa_article_get_byline (article) ? glossa_article_get_byline (article) : "(null)",
                              glossa_article_get_published (article) ? glossa_article_get_published (article) : "(null)");
    }

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      g_string_append_printf (out, "tag %" G_GINT64_FORMAT " %s name=%s color=%s desc=%s "
                              "parent=%" G_GINT64_FORMAT " pos=%u key=%u depth=%u count=%u\n",
                              glossa_tag_get_id (tag), glossa_tag_get_uuid (tag),
                              glossa_tag_get_name (tag), glossa_tag_get_color (tag),
                              glossa_tag_get_description (tag) ? glossa_tag_get_description (tag) : "",
                              glossa_tag_get_parent_id (tag), glossa_tag_get_position (tag),
                              glossa_tag_get_key (tag), glossa_tag_get_depth (tag),
                              glossa_tag_get_count (tag));
    }

  annotations = glossa_library_list_annotations (fixture->library, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossaAnnotation *annotation = g_ptr_array_index (annotations, i);
      const gint64 *tag_ids;
      guint n_tags = 0;
      g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (gint64));

      tag_ids = glossa_annotation_get_tag_ids (annotation, &n_tags);
      g_array_append_vals (sorted, tag_ids, n_tags);
      g_array_sort (sorted, compare_ids);

      g_string_append_printf (out, "annotation %" G_GINT64_FORMAT " %s article=%" G_GINT64_FORMAT
                              " [%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ") quote=%s prefix=%s "
                              "suffix=%s note=%s author=%s orphaned=%d links=%u tags=",
                              glossa_annotation_get_id (annotation),
                              glossa_annotation_get_uuid (annotation),
                              glossa_annotation_get_article_id (annotation),
                              glossa_annotation_get_start (annotation),
                              glossa_annotation_get_end (annotation),
                              glossa_annotation_get_quote (annotation),
                              glossa_annotation_get_prefix (annotation),
                              glossa_annotation_get_suffix (annotation),
                              glossa_annotation_get_note (annotation),
                              glossa_annotation_get_author (annotation),
                              glossa_annotation_get_orphaned (annotation),
                              glossa_annotation_get_link_count (annotation));
      for (guint j = 0; j < sorted->len; j++)
        g_string_append_printf (out, "%" G_GINT64_FORMAT ",", g_array_index (sorted, gint64, j));
      g_string_append_c (out, '\n');
    }

  links = glossa_library_list_links (fixture->library, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (links, i);

      g_string_append_printf (out, "link %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT
                              "→%" G_GINT64_FORMAT " type=%s dir=%d note=%s\n",
                              glossa_link_get_id (link), glossa_link_get_uuid (link),
                              glossa_link_get_from_id (link), glossa_link_get_to_id (link),
                              glossa_link_get_link_type (link), glossa_link_get_direction (link),
                              glossa_link_get_note (link) ? glossa_link_get_note (link) : "");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Names the lines that differ before failing, so a failure reads. */
static void
assert_same_state (const char *actual,
                   const char *expected)
{
  g_auto(GStrv) a = g_strsplit (actual, "\n", -1);
  g_auto(GStrv) e = g_strsplit (expected, "\n", -1);

  if (g_strcmp0 (actual, expected) == 0)
    return;

  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) e, a[i]))
      g_printerr ("+ %s\n", a[i]);
  for (guint i = 0; e[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) a, e[i]))
      g_printerr ("- %s\n", e[i]);
  g_assert_cmpstr (actual, ==, expected);
}

typedef gboolean (*OpFunc) (Fixture *fixture, GError **error);

/* Does @op, then undoes and redoes it twice, comparing the whole state
 * with what it was before and after each time. */
static void
check_round_trip (Fixture    *fixture,
                  OpFunc      op,
                  const char *expected_label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;

  g_assert_true (op (fixture, &error));
  g_assert_no_error (error);
  after = snapshot (fixture);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (glossa_history_get_can_undo (fixture->history));
  g_assert_false (glossa_history_get_can_redo (fixture->history));
  if (expected_label != NULL)
    g_assert_cmpstr (glossa_history_get_undo_label (fixture->history), ==, expected_label);

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;

      g_assert_true (glossa_history_undo (fixture->history, &error));
      g_assert_no_error (error);
      undone = snapshot (fixture);
      assert_same_state (undone, before);
      g_assert_true (glossa_history_get_can_redo (fixture->history));

      g_assert_true (glossa_history_redo (fixture->history, &error));
      g_assert_no_error (error);
      redone = snapshot (fixture);
      assert_same_state (redone, after);
    }
}

/* The operations. */

static gboolean
op_add_annotation_a (Fixture *fixture, GError **error)
{
  gint64 start, end;

  start = range_of (fixture, fixture->article_a, "证据并不充分", &end);
  return glossa_history_add_annotation (fixture->history, fixture->article_a, start, end,
                                        &fixture->evidence, 1, "weak", "Tester", error) != 0;
}

static gboolean
op_add_annotation_b (Fixture *fixture, GError **error)
{
  gint64 start, end;

  start = range_of (fixture, fixture->article_b, "A summary is a claim about a text", &end);
  return glossa_history_add_annotation (fixture->history, fixture->article_b, start, end,
                                        NULL, 0, NULL, "Tester", error) != 0;
}

static gboolean
op_set_note (Fixture *fixture, GError **error)
{
  return glossa_history_set_annotation_note (fixture->history, fixture->annotation_a,
                                             "注释：需要证据", error);
}

static gboolean
op_clear_note (Fixture *fixture, GError **error)
{
  return glossa_history_set_annotation_note (fixture->history, fixture->annotation_a, "", error);
}

static gboolean
op_add_tag_to_annotation (Fixture *fixture, GError **error)
{
  return glossa_history_add_annotation_tag (fixture->history, fixture->annotation_a,
                                            fixture->evidence, error);
}

static gboolean
op_remove_tag_from_annotation (Fixture *fixture, GError **error)
{
  return glossa_history_remove_annotation_tag (fixture->history, fixture->annotation_a,
                                               fixture->claim, error);
}

static gboolean
op_set_range (Fixture *fixture, GError **error)
{
  gint64 start, end;

  start = range_of (fixture, fixture->article_a, "互联网的解药", &end);
  return glossa_history_set_annotation_range (fixture->history, fixture->annotation_a,
                                              start, end, error);
}

static gboolean
op_remove_annotation (Fixture *fixture, GError **error)
{
  /* Carries a link, which goes and comes back with it. */
  return glossa_history_remove_annotation (fixture->history, fixture->annotation_a, error);
}

static gboolean
op_add_link (Fixture *fixture, GError **error)
{
  return glossa_history_add_link (fixture->history, fixture->annotation_a, fixture->annotation_b,
                                  "contradicts", GLOSSA_LINK_BIDIRECTIONAL, "跨文章", error) != 0;
}

static gboolean
op_set_link_note (Fixture *fixture, GError **error)
{
  return glossa_history_set_link_note (fixture->history, fixture->link, "strong support", error);
}

static gboolean
op_remove_link (Fixture *fixture, GError **error)
{
  return glossa_history_remove_link (fixture->history, fixture->link, error);
}

static gboolean
op_add_tag (Fixture *fixture, GError **error)
{
  return glossa_history_add_tag (fixture->history, "Test prediction", 0, "#3584e4",
                                 "What will happen", 0, error) != 0;
}

static gboolean
op_add_tag_stealing_key (Fixture *fixture, GError **error)
{
  return glossa_history_add_tag (fixture->history, "Test keyed", fixture->claim, "#3584e4",
                                 NULL, 7, error) != 0;
}

static gboolean
op_set_article_details (Fixture *fixture, GError **error)
{
  return glossa_history_set_article_details (fixture->history, fixture->article_a,
                                             "AI as the antidote", "Li Wei", "2024-02-22", error);
}

static gboolean
op_rename_tag (Fixture *fixture, GError **error)
{
  return glossa_history_rename_tag (fixture->history, fixture->claim, "论点", error);
}

static gboolean
op_set_tag_color (Fixture *fixture, GError **error)
{
  return glossa_history_set_tag_color (fixture->history, fixture->claim, "#1a5fb4", error);
}

static gboolean
op_set_tag_description (Fixture *fixture, GError **error)
{
  return glossa_history_set_tag_description (fixture->history, fixture->claim,
                                             "Something argued for", error);
}

static gboolean
op_set_tag_key (Fixture *fixture, GError **error)
{
  return glossa_history_set_tag_key (fixture->history, fixture->evidence, 7, error);
}

static gboolean
op_move_tag (Fixture *fixture, GError **error)
{
  return glossa_history_move_tag (fixture->history, fixture->child, fixture->evidence, -1, error);
}

static gboolean
op_move_tag_top (Fixture *fixture, GError **error)
{
  return glossa_history_move_tag (fixture->history, fixture->evidence, 0, 0, error);
}

static gboolean
op_merge_tags (Fixture *fixture, GError **error)
{
  /* claim has a child and an annotation; evidence gets both. */
  return glossa_history_merge_tags (fixture->history, fixture->claim, fixture->evidence, error);
}

static gboolean
op_remove_tag_keep (Fixture *fixture, GError **error)
{
  return glossa_history_remove_tag (fixture->history, fixture->evidence,
                                    GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS, error);
}

static gboolean
op_remove_tag_trash (Fixture *fixture, GError **error)
{
  return glossa_history_remove_tag (fixture->history, fixture->evidence,
                                    GLOSSA_TAG_DELETE_TRASH_ANNOTATIONS, error);
}

static gint64 pending_trash_id;

static gboolean
op_restore (Fixture *fixture, GError **error)
{
  return glossa_history_restore (fixture->history, pending_trash_id, error);
}

typedef struct {
  const char *name;
  OpFunc      op;
  const char *label;
} OpCase;

static const OpCase cases[] = {
  { "add-annotation", op_add_annotation_a, "Undo Tag as Test evidence" },
  { "add-annotation-untagged", op_add_annotation_b, "Undo Add Annotation" },
  { "set-note", op_set_note, "Undo Edit Note" },
  { "clear-note", op_clear_note, "Undo Edit Note" },
  { "add-annotation-tag", op_add_tag_to_annotation, "Undo Tag as Test evidence" },
  { "remove-annotation-tag", op_remove_tag_from_annotation, "Undo Remove Tag Test claim" },
  { "set-range", op_set_range, "Undo Move Annotation" },
  { "remove-annotation", op_remove_annotation, "Undo Delete Annotation" },
  { "add-link", op_add_link, "Undo Link Annotations" },
  { "set-link-note", op_set_link_note, "Undo Edit Link Note" },
  { "remove-link", op_remove_link, "Undo Delete Link" },
  { "add-tag", op_add_tag, "Undo Create Tag Test prediction" },
  { "set-article-details", op_set_article_details, "Undo Edit Article Details" },
  { "rename-tag", op_rename_tag, "Undo Rename Tag" },
  { "set-tag-color", op_set_tag_color, "Undo Change Tag Colour" },
  { "set-tag-description", op_set_tag_description, "Undo Edit Tag Description" },
  { "set-tag-key", op_set_tag_key, "Undo Change Tag Key" },
  { "move-tag", op_move_tag, "Undo Move Tag" },
  { "move-tag-top", op_move_tag_top, "Undo Move Tag" },
  { "merge-tags", op_merge_tags, "Undo Merge Test claim into Test evidence" },
  { "remove-tag-keep", op_remove_tag_keep, "Undo Delete Tag Test evidence" },
  { "remove-tag-trash", op_remove_tag_trash, "Undo Delete Tag Test evidence" },
};

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const OpCase *op_case = data;

  check_round_trip (fixture, op_case->op, op_case->label);
}

/* Restoring from the trash (the Trash view) is undone by trashing again;
 * annotations, links and tags alike. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Trashed behind the history's back, as the Trash view finds them. */
  pending_trash_id = glossa_library_remove_annotation (fixture->library, fixture->annotation_b, &error);
  g_assert_no_error (error);
  check_round_trip (fixture, op_restore, "Undo Restore “Studies show that”");

  pending_trash_id = glossa_library_remove_link (fixture->library, fixture->link, &error);
  g_assert_no_error (error);
  check_round_trip (fixture, op_restore, NULL);

  pending_trash_id = glossa_library_remove_tag (fixture->library, fixture->claim,
                                                GLOSSA_TAG_DELETE_TRASH_ANNOTATIONS, &error);
  g_assert_no_error (error);
  check_round_trip (fixture, op_restore, NULL);

  /* An article comes back with its annotations and their links. */
  pending_trash_id = glossa_library_remove_article (fixture->library, fixture->article_b, &error);
  g_assert_no_error (error);
  check_round_trip (fixture, op_restore, "Undo Restore “Slow reading”");
}

/* A key held by another tag moves; undo gives it back. */
static void
test_key_moves_back (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (glossa_library_set_tag_key (fixture->library, fixture->claim, 7, &error));
  g_assert_no_error (error);

  check_round_trip (fixture, op_set_tag_key, "Undo Change Tag Key");
  check_round_trip (fixture, op_add_tag_stealing_key, "Undo Create Tag Test keyed");
}

/* Many steps over both articles: undo all returns to the start, redo all
 * to the end; a new action clears the redo stack. */
static void
test_sequence (Fixture       *fixture,
               gconstpointer  data)
{
  static const OpFunc ops[] = {
    op_add_annotation_a, op_add_annotation_b, op_set_note, op_add_tag_to_annotation,
    op_add_link, op_set_link_note, op_rename_tag, op_set_tag_key, op_move_tag,
    op_set_range, op_remove_link, op_remove_annotation,
  };
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (states, snapshot (fixture));
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_assert_true (ops[i] (fixture, &error));
      g_assert_no_error (error);
      g_ptr_array_add (states, snapshot (fixture));
    }

  for (guint i = G_N_ELEMENTS (ops); i > 0; i--)
    {
      g_autofree char *state = NULL;

      g_assert_true (glossa_history_undo (fixture->history, &error));
      g_assert_no_error (error);
      state = snapshot (fixture);
      assert_same_state (state, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (glossa_history_get_can_undo (fixture->history));
  g_assert_null (glossa_history_get_undo_label (fixture->history));
  g_assert_false (glossa_history_undo (fixture->history, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  for (guint i = 1; i <= G_N_ELEMENTS (ops) / 2; i++)
    {
      g_autofree char *state = NULL;

      g_assert_true (glossa_history_redo (fixture->history, &error));
      g_assert_no_error (error);
      state = snapshot (fixture);
      assert_same_state (state, g_ptr_array_index (states, i));
    }

  g_assert_true (glossa_history_get_can_redo (fixture->history));
  g_assert_true (op_set_tag_color (fixture, &error));
  g_assert_no_error (error);
  g_assert_false (glossa_history_get_can_redo (fixture->history));
  g_assert_null (glossa_history_get_redo_label (fixture->history));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Calls the library refuses change nothing and push nothing. */
static void
test_failures_push_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 bogus_tag = 987654;
  guint notifications = 0;

  g_assert_true (op_set_note (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (glossa_history_get_undo_label (fixture->history), ==, "Undo Edit Note");
  before = snapshot (fixture);
  g_signal_connect (fixture->history, "notify", G_CALLBACK (count_notify_cb), &notifications);

  g_assert_cmpint (glossa_history_add_annotation (fixture->history, fixture->article_a, 5, 2,
                                                  NULL, 0, NULL, "Tester", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (glossa_history_add_annotation (fixture->history, fixture->article_a, 0, 1000000,
                                                  NULL, 0, NULL, "Tester", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (glossa_history_add_annotation (fixture->history, fixture->article_a, 0, 2,
                                                  &bogus_tag, 1, NULL, "Tester", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (glossa_history_set_annotation_note (fixture->history, 424242, "x", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (glossa_history_set_article_details (fixture->history, fixture->article_a,
                                                      " ", NULL, NULL, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (glossa_history_add_annotation_tag (fixture->history, fixture->annotation_a,
                                                     bogus_tag, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (glossa_history_rename_tag (fixture->history, fixture->claim, "Test evidence", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (glossa_history_set_tag_color (fixture->history, fixture->claim, "not a colour", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (glossa_history_move_tag (fixture->history, fixture->claim, fixture->child, -1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (glossa_history_remove_link (fixture->history, 424242, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (glossa_history_restore (fixture->history, 424242, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (glossa_history_merge_tags (fixture->history, fixture->claim, fixture->claim, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = snapshot (fixture);
  assert_same_state (after, before);
  g_assert_cmpuint (notifications, ==, 0);
  g_assert_cmpstr (glossa_history_get_undo_label (fixture->history), ==, "Undo Edit Note");

  /* Setting what is already there is not an action either. */
  g_assert_true (op_set_note (fixture, &error));
  g_assert_true (glossa_history_add_annotation_tag (fixture->history, fixture->annotation_a,
                                                    fixture->claim, &error));
  g_assert_no_error (error);
  g_assert_true (glossa_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_false (glossa_history_get_can_undo (fixture->history));

  g_signal_handlers_disconnect_by_func (fixture->history, count_notify_cb, &notifications);
}

/* Labels and notifications as the window's Undo menu item sees them. */
static void
test_labels (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint notifications = 0;

  g_assert_null (glossa_history_get_undo_label (fixture->history));
  g_assert_null (glossa_history_get_redo_label (fixture->history));
  g_signal_connect (fixture->history, "notify::can-undo", G_CALLBACK (count_notify_cb), &notifications);

  g_assert_true (op_add_annotation_a (fixture, &error));
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_true (op_set_note (fixture, &error));
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_cmpstr (glossa_history_get_undo_label (fixture->history), ==, "Undo Edit Note");

  g_assert_true (glossa_history_undo (fixture->history, &error));
  g_assert_cmpstr (glossa_history_get_undo_label (fixture->history), ==, "Undo Tag as Test evidence");
  g_assert_cmpstr (glossa_history_get_redo_label (fixture->history), ==, "Redo Edit Note");

  glossa_history_clear (fixture->history);
  g_assert_cmpuint (notifications, ==, 2);
  g_assert_false (glossa_history_get_can_undo (fixture->history));
  g_assert_false (glossa_history_get_can_redo (fixture->history));
  g_assert_no_error (error);

  g_signal_handlers_disconnect_by_func (fixture->history, count_notify_cb, &notifications);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/history/round-trip/%s", cases[i].name);

      g_test_add (path, Fixture, &cases[i], fixture_set_up, test_round_trip, fixture_tear_down);
    }
  g_test_add ("/history/restore", Fixture, NULL, fixture_set_up, test_restore, fixture_tear_down);
  g_test_add ("/history/key-moves-back", Fixture, NULL, fixture_set_up, test_key_moves_back, fixture_tear_down);
  g_test_add ("/history/sequence", Fixture, NULL, fixture_set_up, test_sequence, fixture_tear_down);
  g_test_add ("/history/failures-push-nothing", Fixture, NULL, fixture_set_up,
              test_failures_push_nothing, fixture_tear_down);
  g_test_add ("/history/labels", Fixture, NULL, fixture_set_up, test_labels, fixture_tear_down);

  return g_test_run ();
}
