/* test-search.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * glossa_library_search on a real library: trigram queries, short CJK
 * queries, case, filters, snippets, positions, the trash and the limit.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "glossa-library-private.h"

typedef struct {
  char          *dir;
  char          *path;
  GlossaLibrary *library;
  gint64         zh;
  gint64         en;
  gint64         claim;
  gint64         evidence;
  gint64         ann_zh;
  gint64         ann_en;
} Fixture;

static const char zh_text[] =
  "新时代的网络\n"
  "人工智能是互联网的解药吗？在这个时代，网站的流量正在下降。\n"
  "𠀀字很少见。时代变了。";

static const char en_text[] =
  "AI is the internet's antidote, some say.\n"
  "Others say the Internet is dying: traffic to sites fell by half.\n"
  "The antidote may be worse than the disease.";

static gint64
add_text (GlossaLibrary *library,
          const char    *title,
          const char    *text)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  extracted->title = g_strdup (title);
  glossa_extracted_set_text (extracted, g_strdup (text));
  id = glossa_library_add_article (library, extracted, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaTag) claim = NULL;
  g_autoptr(GlossaTag) evidence = NULL;
  gint64 start, end;

  f->dir = g_dir_make_tmp ("glossa-test-search-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "library.glossa", NULL);
  f->library = glossa_library_open (f->path, &error);
  g_assert_no_error (error);

  claim = glossa_library_lookup_tag (f->library, "Claim", &error);
  evidence = glossa_library_lookup_tag (f->library, "Evidence", &error);
  g_assert_no_error (error);
  f->claim = glossa_tag_get_id (claim);
  f->evidence = glossa_tag_get_id (evidence);

  f->zh = add_text (f->library, "时代与网络", zh_text);
  f->en = add_text (f->library, "The antidote", en_text);

  g_assert_true (glossa_library_find_quote (f->library, f->zh, "人工智能是互联网的解药", 1,
                                            &start, &end, &error));
  f->ann_zh = glossa_library_add_annotation (f->library, f->zh, start, end, &f->claim, 1,
                                             "核心论点：时代", "li", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (glossa_library_find_quote (f->library, f->en, "traffic to sites fell by half", 1,
                                            &start, &end, &error));
  f->ann_en = glossa_library_add_annotation (f->library, f->en, start, end, &f->evidence, 1,
                                             "Evidence against the AI claim", "sam", NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_assert_finalize_object (f->library);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GPtrArray *
search (Fixture    *f,
        const char *query,
        gint64      tag_id,
        const char *author,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = glossa_library_search (f->library, query, tag_id, author, limit, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);

  return hits;
}

static guint
count_kind (GPtrArray           *hits,
            GlossaSearchHitKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    if (((GlossaSearchHit *) g_ptr_array_index (hits, i))->kind == kind)
      n++;

  return n;
}

static GlossaSearchHit *
first_of_kind (GPtrArray           *hits,
               GlossaSearchHitKind  kind)
{
  for (guint i = 0; i < hits->len; i++)
    if (((GlossaSearchHit *) g_ptr_array_index (hits, i))->kind == kind)
      return g_ptr_array_index (hits, i);

  g_error ("No hit of kind %d", kind);
}

/* Every TEXT hit's positions must point at its match in the real text. */
static void
assert_positions (Fixture   *f,
                  GPtrArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    {
      GlossaSearchHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(GlossaExtracted) content = NULL;
      g_autofree gunichar *chars = NULL;
      g_autofree char *at = NULL;
      glong n = 0;

      if (hit->kind != GLOSSA_SEARCH_HIT_TEXT)
        continue;

      content = glossa_library_load_content (f->library, hit->article_id, NULL);
      chars = g_utf8_to_ucs4_fast (content->text, -1, &n);
      g_assert_cmpint (hit->end, <=, n);
      at = g_ucs4_to_utf8 (chars + hit->start, hit->end - hit->start, NULL, NULL, NULL);
      g_assert_cmpstr (at, ==, hit->match);
      g_assert_null (strchr (hit->before, '\n'));
      g_assert_null (strchr (hit->after, '\n'));
      g_assert_cmpint (g_utf8_strlen (hit->before, -1), <=, 30);
      g_assert_cmpint (g_utf8_strlen (hit->after, -1), <=, 30);
    }
}

static void
test_trigram (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (f, "antidote", 0, NULL, 0);

  /* Title, two text occurrences; the quote does not contain it. */
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TITLE), ==, 1);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 2);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_QUOTE), ==, 0);
  assert_positions (f, hits);
  {
    GlossaSearchHit *title = g_ptr_array_index (hits, 0);
    GlossaSearchHit *first = first_of_kind (hits, GLOSSA_SEARCH_HIT_TEXT);

    g_assert_cmpint (title->kind, ==, GLOSSA_SEARCH_HIT_TITLE);
    g_assert_cmpint (title->start, ==, 4);
    g_assert_cmpint (title->end, ==, 12);
    g_assert_cmpint (first->article_id, ==, f->en);
    g_assert_cmpint (first->start, ==, 21);
    g_assert_cmpstr (first->before, ==, "AI is the internet's ");
    g_assert_cmpstr (first->match, ==, "antidote");
    g_assert_cmpstr (first->after, ==, ", some say. Others say the Int");
  }
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Chinese, three characters and more. */
  hits = search (f, "互联网", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 1);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_QUOTE), ==, 1);
  assert_positions (f, hits);
  {
    GlossaSearchHit *text = first_of_kind (hits, GLOSSA_SEARCH_HIT_TEXT);

    /* "新时代的网络\n人工智能是" is 12 code points. */
    g_assert_cmpint (text->start, ==, 12);
    g_assert_cmpint (text->end, ==, 15);
    g_assert_cmpstr (text->before, ==, "新时代的网络 人工智能是");
  }
}

static void
test_short_queries (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (f, "时代", 0, NULL, 0);

  /* 新时代, 这个时代, 时代变了 in the text; the title; the note. */
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 3);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TITLE), ==, 1);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_NOTE), ==, 1);
  assert_positions (f, hits);
  {
    GlossaSearchHit *last = g_ptr_array_index (hits, hits->len - 1);

    /* After the astral 𠀀: "…下降。\n𠀀字很少见。" */
    g_assert_cmpint (last->kind, ==, GLOSSA_SEARCH_HIT_TEXT);
    g_assert_cmpstr (last->before, ==, "联网的解药吗？在这个时代，网站的流量正在下降。 𠀀字很少见。");
    g_assert_cmpint (last->start, ==, g_utf8_strlen ("新时代的网络\n人工智能是互联网的解药吗？在这个时代，网站的流量正在下降。\n𠀀字很少见。", -1));
  }
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* One character. */
  hits = search (f, "网", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 3);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TITLE), ==, 1);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_QUOTE), ==, 1);
  assert_positions (f, hits);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Short ASCII, case-insensitive. */
  hits = search (f, "ai", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 1);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_NOTE), ==, 1);
  assert_positions (f, hits);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Nothing. */
  hits = search (f, "鬼", 0, NULL, 0);
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_case (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) lower = search (f, "internet", 0, NULL, 0);
  g_autoptr(GPtrArray) upper = search (f, "INTERNET", 0, NULL, 0);

  g_assert_cmpuint (count_kind (lower, GLOSSA_SEARCH_HIT_TEXT), ==, 2);
  g_assert_cmpuint (count_kind (upper, GLOSSA_SEARCH_HIT_TEXT), ==, 2);
  assert_positions (f, upper);
  g_assert_cmpstr (((GlossaSearchHit *) g_ptr_array_index (upper, 1))->match, ==, "Internet");
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;

  /* The note mentions AI; text hits are dropped with a filter. */
  hits = search (f, "claim", f->evidence, NULL, 0);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((GlossaSearchHit *) g_ptr_array_index (hits, 0))->annotation_id, ==, f->ann_en);
  g_assert_cmpint (((GlossaSearchHit *) g_ptr_array_index (hits, 0))->kind, ==, GLOSSA_SEARCH_HIT_NOTE);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f, "claim", f->claim, NULL, 0);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f, "时代", 0, "li", 0);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((GlossaSearchHit *) g_ptr_array_index (hits, 0))->annotation_id, ==, f->ann_zh);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f, "时代", 0, "sam", 0);
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_trash_and_limit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 trash;

  hits = search (f, "时代", 0, NULL, 2);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  trash = glossa_library_remove_annotation (f->library, f->ann_en, &error);
  g_assert_no_error (error);
  hits = search (f, "fell by half", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_QUOTE), ==, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_true (glossa_library_restore (f->library, trash, &error));
  g_assert_cmpint (glossa_library_remove_article (f->library, f->zh, &error), >, 0);
  g_assert_no_error (error);
  hits = search (f, "时代", 0, NULL, 0);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "互联网", 0, NULL, 0);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Emptying the trash keeps the FTS indexes consistent. */
  g_assert_true (glossa_library_empty_trash (f->library, &error));
  g_assert_no_error (error);
  hits = search (f, "antidote", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_cancellable_cancel (cancellable);
  hits = glossa_library_search (f->library, "antidote", 0, NULL, 0, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (hits);
}

static void
test_quotes_and_odd_queries (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;

  /* FTS syntax in the query is taken literally. */
  hits = search (f, "\"AND* OR", 0, NULL, 0);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "%", 0, NULL, 0);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "   ", 0, NULL, 0);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "internet's", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 1);
}

static guint
n_hits (Fixture    *f,
        const char *query)
{
  g_autoptr(GPtrArray) hits = search (f, query, 0, NULL, 0);

  return hits->len;
}

/* The annotation index is brought up to date once per outermost commit:
 * edits, bulk transactions, rollbacks and deletions must all land right. */
static void
test_fts_sync (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ann;

  g_assert_true (glossa_library_set_annotation_note (f->library, f->ann_en, "zebracorn", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_hits (f, "zebracorn"), ==, 1);
  g_assert_cmpuint (n_hits (f, "Evidence against"), ==, 0);

  /* Changed twice in one transaction: the index holds only the last. */
  g_assert_true (glossa_library_begin (f->library, &error));
  g_assert_true (glossa_library_set_annotation_note (f->library, f->ann_en, "okapibara", &error));
  g_assert_true (glossa_library_set_annotation_note (f->library, f->ann_en, "quokkafish", &error));
  ann = glossa_library_add_annotation (f->library, f->en, 0, 2, NULL, 0, "narwhalion", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (glossa_library_commit (f->library, &error));
  g_assert_cmpuint (n_hits (f, "zebracorn"), ==, 0);
  g_assert_cmpuint (n_hits (f, "okapibara"), ==, 0);
  g_assert_cmpuint (n_hits (f, "quokkafish"), ==, 1);
  g_assert_cmpuint (n_hits (f, "narwhalion"), ==, 1);

  /* Rolled back: nothing indexed, nothing left pending. */
  g_assert_true (glossa_library_begin (f->library, &error));
  glossa_library_add_annotation (f->library, f->en, 0, 2, NULL, 0, "axolotlion", NULL, NULL, &error);
  g_assert_true (glossa_library_set_annotation_note (f->library, ann, "changed", &error));
  g_assert_no_error (error);
  glossa_library_rollback (f->library);
  g_assert_cmpuint (n_hits (f, "axolotlion"), ==, 0);
  g_assert_cmpuint (n_hits (f, "narwhalion"), ==, 1);

  /* Deleted for real. */
  g_assert_cmpint (glossa_library_remove_annotation (f->library, ann, &error), >, 0);
  g_assert_true (glossa_library_empty_trash (f->library, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_hits (f, "narwhalion"), ==, 0);

  /* And check() finds the indexes sound, then notices a row missing. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (glossa_library_check (f->library, problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
    g_assert_cmpint (sqlite3_exec (_glossa_library_get_db (f->library),
                                   "DELETE FROM annotations_fts_docsize WHERE id ="
                                   " (SELECT max (id) FROM annotations_fts_docsize)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (glossa_library_check (f->library, problems, &error));
    g_assert_cmpuint (problems->len, >=, 1);
  }
}

/* Short queries go through the trigram terms: the ends of texts and
 * one-character quotes must still be found. */
static void
test_short_edges (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 tail = add_text (f->library, "Tail", "结尾是麒麟");
  gint64 tiny = add_text (f->library, "Tiny", "犀");
  gint64 accent = add_text (f->library, "Accent", "Élan vital and élan.");
  gint64 one;

  hits = search (f, "麒麟", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 1);
  g_assert_cmpint (first_of_kind (hits, GLOSSA_SEARCH_HIT_TEXT)->article_id, ==, tail);
  g_assert_cmpint (first_of_kind (hits, GLOSSA_SEARCH_HIT_TEXT)->start, ==, 3);
  g_assert_cmpstr (first_of_kind (hits, GLOSSA_SEARCH_HIT_TEXT)->after, ==, "");
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f, "犀", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 1);
  g_assert_cmpint (first_of_kind (hits, GLOSSA_SEARCH_HIT_TEXT)->article_id, ==, tiny);
  g_clear_pointer (&hits, g_ptr_array_unref);

  one = glossa_library_add_annotation (f->library, tiny, 0, 1, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  hits = search (f, "犀", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_QUOTE), ==, 1);
  g_assert_cmpint (first_of_kind (hits, GLOSSA_SEARCH_HIT_QUOTE)->annotation_id, ==, one);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A short query with a cased non-ASCII letter is matched exactly. */
  hits = search (f, "É", 0, NULL, 0);
  g_assert_cmpuint (count_kind (hits, GLOSSA_SEARCH_HIT_TEXT), ==, 1);
  g_assert_cmpint (first_of_kind (hits, GLOSSA_SEARCH_HIT_TEXT)->article_id, ==, accent);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Scanning (small limit, dense) and term lookup (no limit) agree. */
  {
    g_autoptr(GPtrArray) all = search (f, "时", 0, NULL, 0);
    g_autoptr(GPtrArray) some = search (f, "时", 0, NULL, 3);

    g_assert_cmpuint (some->len, ==, 3);
    for (guint i = 0; i < some->len; i++)
      {
        GlossaSearchHit *a = g_ptr_array_index (all, i);
        GlossaSearchHit *b = g_ptr_array_index (some, i);

        g_assert_cmpint (a->kind, ==, b->kind);
        g_assert_cmpint (a->article_id, ==, b->article_id);
        g_assert_cmpint (a->start, ==, b->start);
      }
  }
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
search_async (Fixture       *f,
              const char    *query,
              GCancellable  *cancellable,
              GError       **error)
{
  GAsyncResult *result = NULL;
  gpointer task = NULL;
  GPtrArray *hits;

  glossa_library_search_async (f->library, query, 0, NULL, 0, cancellable, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  hits = glossa_library_search_finish (f->library, result, error);

  /* The worker drops its reference to the task (and so to the library)
   * once its function has returned: wait for that, for the fixture's
   * g_assert_finalize_object. */
  task = result;
  g_object_add_weak_pointer (G_OBJECT (task), &task);
  g_object_unref (result);
  while (g_atomic_pointer_get (&task) != NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return hits;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  const char *queries[] = { "时代", "网", "antidote", "AI", "互联网" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) sync = search (f, queries[q], 0, NULL, 0);
      g_autoptr(GPtrArray) async = search_async (f, queries[q], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (async->len, ==, sync->len);
      for (guint i = 0; i < sync->len; i++)
        {
          GlossaSearchHit *a = g_ptr_array_index (sync, i);
          GlossaSearchHit *b = g_ptr_array_index (async, i);

          g_assert_cmpint (a->kind, ==, b->kind);
          g_assert_cmpint (a->article_id, ==, b->article_id);
          g_assert_cmpint (a->annotation_id, ==, b->annotation_id);
          g_assert_cmpint (a->start, ==, b->start);
          g_assert_cmpstr (a->before, ==, b->before);
          g_assert_cmpstr (a->after, ==, b->after);
        }
    }

  /* What was committed is seen by the worker's own connection. */
  g_assert_cmpint (glossa_library_add_annotation (f->library, f->en, 0, 2, NULL, 0, "platypusoid",
                                                  NULL, NULL, &error), >, 0);
  {
    g_autoptr(GPtrArray) hits = search_async (f, "platypusoid", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }

  g_cancellable_cancel (cancellable);
  {
    g_autoptr(GPtrArray) hits = search_async (f, "时代", cancellable, &error);

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (hits);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/search/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("trigram", test_trigram);
  ADD ("short-queries", test_short_queries);
  ADD ("case", test_case);
  ADD ("filters", test_filters);
  ADD ("trash-and-limit", test_trash_and_limit);
  ADD ("odd-queries", test_quotes_and_odd_queries);
  ADD ("fts-sync", test_fts_sync);
  ADD ("short-edges", test_short_edges);
  ADD ("async", test_async);

#undef ADD

  return g_test_run ();
}
