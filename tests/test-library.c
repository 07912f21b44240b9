/* test-library.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library file on disk: opening, articles, tags, annotations, links,
 * transactions and the trash, each against a real SQLite file.
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "glossa-library-private.h"

typedef struct {
  char          *dir;
  char          *path;
  GlossaLibrary *library;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("glossa-test-library-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "dir", "library.glossa", NULL);
  f->library = glossa_library_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->library);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->library != NULL)
    g_assert_finalize_object (f->library);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

/* Snapshot of every table's row count, to prove a failed call changed nothing. */
static char *
table_counts (const char *path)
{
  static const char *tables[] = {
    "articles", "article_content", "tags", "annotations", "annotation_tags",
    "links", "link_types", "trash",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_string_append_printf (out, "%s=%" G_GINT64_FORMAT " ", tables[i], count_rows (path, sql));
    }

  return g_string_free (out, FALSE);
}

static GlossaExtracted *
make_extracted (const char *title,
                const char *text)
{
  GlossaExtracted *extracted = glossa_extracted_new ();

  extracted->title = g_strdup (title);
  extracted->format = g_strdup ("text");
  extracted->encoding = g_strdup ("UTF-8");
  glossa_extracted_set_text (extracted, g_strdup (text));

  return extracted;
}

static gint64
add_text (Fixture    *f,
          const char *title,
          const char *text)
{
  g_autoptr(GlossaExtracted) extracted = make_extracted (title, text);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = glossa_library_add_article (f->library, extracted, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
tag_id (Fixture    *f,
        const char *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaTag) tag = glossa_library_lookup_tag (f->library, spec, &error);

  g_assert_no_error (error);
  return glossa_tag_get_id (tag);
}

/* The bulk path of list_annotations must agree with the per-row one. */
static void
assert_list_matches_get (Fixture *f,
                         gint64   article_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = glossa_library_list_annotations (f->library, article_id, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      GlossaAnnotation *listed = g_ptr_array_index (list, i);
      g_autoptr(GlossaAnnotation) got = glossa_library_get_annotation (f->library,
                                                                       glossa_annotation_get_id (listed),
                                                                       &error);
      const gint64 *a, *b;
      guint n_a, n_b;

      g_assert_no_error (error);
      a = glossa_annotation_get_tag_ids (listed, &n_a);
      b = glossa_annotation_get_tag_ids (got, &n_b);
      g_assert_cmpmem (a, n_a * sizeof (gint64), b, n_b * sizeof (gint64));
      g_assert_cmpuint (glossa_annotation_get_link_count (listed), ==,
                        glossa_annotation_get_link_count (got));
      g_assert_cmpstr (glossa_annotation_get_quote (listed), ==, glossa_annotation_get_quote (got));
    }
}

/* ------------------------------------------------------------------------ */

static void
test_open_create (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *tags = glossa_library_get_tags (f->library);
  g_auto(GStrv) types = NULL;
  const char *names[] = { "Claim", "Evidence", "Counterclaim", "Prediction", "Rhetoric" };

  g_assert_true (glossa_library_get_created (f->library));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (glossa_library_get_path (f->library), ==, f->path);

  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      g_assert_cmpstr (glossa_tag_get_name (tag), ==, names[i]);
      g_assert_cmpuint (glossa_tag_get_key (tag), ==, i + 1);
      g_assert_cmpuint (strlen (glossa_tag_get_color (tag)), ==, 7);
      g_assert_cmpstr (glossa_tag_get_description (tag), !=, "");
      for (guint j = 0; j < i; j++)
        {
          g_autoptr(GlossaTag) other = g_list_model_get_item (tags, j);

          g_assert_cmpstr (glossa_tag_get_color (tag), !=, glossa_tag_get_color (other));
        }
    }

  types = glossa_library_list_link_types (f->library);
  g_assert_cmpuint (g_strv_length (types), ==, 4);
  g_assert_true (g_strv_contains ((const char * const *) types, "supports"));
  g_assert_true (g_strv_contains ((const char * const *) types, "contradicts"));
  g_assert_true (g_strv_contains ((const char * const *) types, "elaborates"));
  g_assert_true (g_strv_contains ((const char * const *) types, "cites"));

  g_assert_cmpint (count_rows (f->path, "PRAGMA application_id"), ==, GLOSSA_APPLICATION_ID);
  g_assert_cmpint (count_rows (f->path, "PRAGMA user_version"), ==, GLOSSA_SCHEMA_CURRENT);

  /* Reopening neither recreates nor duplicates the codebook. */
  add_text (f, "Kept", "Some text.");
  g_assert_finalize_object (g_steal_pointer (&f->library));
  f->library = glossa_library_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (glossa_library_get_created (f->library));
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_tags (f->library)), ==, 5);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM tags"), ==, 5);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM link_types"), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (f->library)), ==, 1);
}

static void
test_open_too_new (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaLibrary) library = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", GLOSSA_SCHEMA_CURRENT + 1);

  g_assert_finalize_object (g_steal_pointer (&f->library));
  exec_raw (f->path, sql);

  library = glossa_library_open (f->path, &error);
  g_assert_null (library);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "newer version of Glossa"));
}

/* A file left at schema 2 (its indexes built the old way) is migrated on
 * open: the step rebuilds the search indexes from the rows. */
static void
test_migrate_from_v2 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  gint64 article = add_text (f, "Old", "旧文件里的时代与网络。");

  g_assert_cmpint (glossa_library_add_annotation (f->library, article, 5, 7, NULL, 0, "老笔记", NULL,
                                                  NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&f->library));

  exec_raw (f->path,
            "DROP TABLE articles_text_terms; DROP TABLE articles_text_instances;"
            "DROP TABLE annotations_terms; DROP TABLE annotations_instances;"
            "DROP TRIGGER article_content_fts_insert; DROP TRIGGER article_content_fts_delete;"
            "DROP TRIGGER article_content_fts_update;"
            "DROP TABLE articles_text_fts; DROP TABLE annotations_fts;"
            "CREATE VIRTUAL TABLE articles_text_fts USING fts5 (text, content = 'article_content',"
            "  content_rowid = 'article_id', tokenize = 'trigram');"
            "CREATE VIRTUAL TABLE annotations_fts USING fts5 (quote, note, content = 'annotations',"
            "  content_rowid = 'id', tokenize = 'trigram');"
            "CREATE TRIGGER article_content_fts_insert AFTER INSERT ON article_content BEGIN"
            "  INSERT INTO articles_text_fts (rowid, text) VALUES (new.article_id, new.text); END;"
            "CREATE TRIGGER article_content_fts_delete AFTER DELETE ON article_content BEGIN"
            "  INSERT INTO articles_text_fts (articles_text_fts, rowid, text)"
            "  VALUES ('delete', old.article_id, old.text); END;"
            "CREATE TRIGGER article_content_fts_update AFTER UPDATE OF text ON article_content BEGIN"
            "  INSERT INTO articles_text_fts (articles_text_fts, rowid, text)"
            "  VALUES ('delete', old.article_id, old.text);"
            "  INSERT INTO articles_text_fts (rowid, text) VALUES (new.article_id, new.text); END;"
            "INSERT INTO articles_text_fts (articles_text_fts) VALUES ('rebuild');"
            "INSERT INTO annotations_fts (annotations_fts) VALUES ('rebuild');"
            "PRAGMA user_version = 2;");

  f->library = glossa_library_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (glossa_library_get_created (f->library));
  g_assert_cmpint (count_rows (f->path, "PRAGMA user_version"), ==, GLOSSA_SCHEMA_CURRENT);

  hits = glossa_library_search (f->library, "时代", 0, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);   /* the text and the quote */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = glossa_library_search (f->library, "老笔记", 0, NULL, 0, NULL, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  g_assert_true (glossa_library_check (f->library, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_open_garbage (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaLibrary) library = NULL;
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.glossa", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  /* Not SQLite at all. */
  g_assert_true (g_file_set_contents (garbage, "This is a plain text file, not a library.\n"
                                      "It is long enough to look like a header, and then some.",
                                      -1, NULL));
  library = glossa_library_open (garbage, &error);
  g_assert_null (library);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, garbage));
  g_clear_error (&error);

  /* A SQLite database of some other program. */
  exec_raw (other, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
  library = glossa_library_open (other, &error);
  g_assert_null (library);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, other));
  g_clear_error (&error);

  /* A real library, damaged: pages overwritten in the middle. */
  add_text (f, "Victim", "Text that will be damaged, repeated. Text that will be damaged.");
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GlossaExtracted) extracted = make_extracted ("Filler", "filler text");
      g_autofree char *text = g_strdup_printf ("filler text number %u %s", i,
                                               "lorem ipsum dolor sit amet consectetur");

      glossa_extracted_set_text (extracted, g_steal_pointer (&text));
      g_assert_cmpint (glossa_library_add_article (f->library, extracted, NULL, NULL, NULL, NULL), >, 0);
    }
  g_assert_finalize_object (g_steal_pointer (&f->library));
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  for (gsize i = 4096 + 100; i < len - 100; i += 7)
    contents[i] = (char) (i * 31);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
  library = glossa_library_open (f->path, &error);
  g_assert_null (library);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  /* Truncated. */
  g_assert_true (g_file_set_contents (f->path, contents, 3000, NULL));
  library = glossa_library_open (f->path, &error);
  g_assert_null (library);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
}

static void
test_articles (Fixture       *f,
               gconstpointer  data)
{
  /* 𠀀 and the emoji are outside the BMP: one code point, two UTF-16 units, four bytes. */
  const char *text = "𠀀 is rare; 😀 smiles.\n第二段：时代在变。";
  g_autoptr(GlossaExtracted) extracted = make_extracted ("  Astral title  ", text);
  g_autoptr(GlossaExtracted) loaded = NULL;
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GBytes) original = g_bytes_new_static ("raw bytes", 9);
  g_autoptr(GBytes) original_back = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *articles = glossa_library_get_articles (f->library);
  gint64 id, second, again;

  extracted->byline = g_strdup ("A. Writer");
  extracted->language = g_strdup ("zh");
  extracted->best_effort = TRUE;
  glossa_extracted_add_block (extracted, GLOSSA_BLOCK_PARAGRAPH, 0, 0, 20);
  glossa_extracted_add_block (extracted, GLOSSA_BLOCK_HEADING, 2, 21, 30);
  glossa_extracted_add_link (extracted, 12, 14, "https://example.org/😀");

  id = glossa_library_add_article (f->library, extracted, original, "/tmp/astral.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  article = glossa_library_get_article (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossa_article_get_title (article), ==, "Astral title");
  g_assert_cmpstr (glossa_article_get_byline (article), ==, "A. Writer");
  g_assert_cmpstr (glossa_article_get_source (article), ==, "/tmp/astral.txt");
  g_assert_cmpint (glossa_article_get_length (article), ==, g_utf8_strlen (text, -1));
  g_assert_cmpint (glossa_article_get_length (article), ==, 30);
  g_assert_true (glossa_article_get_best_effort (article));
  g_assert_cmpuint (strlen (glossa_article_get_sha256 (article)), ==, 64);
  g_assert_true (g_uuid_string_is_valid (glossa_article_get_uuid (article)));

  loaded = glossa_library_load_content (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->text, ==, text);
  g_assert_cmpint (loaded->length, ==, 30);
  g_assert_cmpstr (loaded->language, ==, "zh");
  g_assert_true (loaded->best_effort);
  g_assert_cmpuint (loaded->blocks->len, ==, 2);
  g_assert_cmpint (g_array_index (loaded->blocks, GlossaBlock, 1).kind, ==, GLOSSA_BLOCK_HEADING);
  g_assert_cmpint (g_array_index (loaded->blocks, GlossaBlock, 1).level, ==, 2);
  g_assert_cmpint (g_array_index (loaded->blocks, GlossaBlock, 1).start, ==, 21);
  g_assert_cmpint (g_array_index (loaded->blocks, GlossaBlock, 1).end, ==, 30);
  g_assert_cmpuint (loaded->links->len, ==, 1);
  g_assert_cmpstr (g_array_index (loaded->links, GlossaLinkSpan, 0).href, ==, "https://example.org/😀");

  original_back = glossa_library_load_original (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (original, original_back));

  /* The model: newest first. */
  second = add_text (f, "Second", "Another text");
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 2);
  {
    g_autoptr(GlossaArticle) first_item = g_list_model_get_item (articles, 0);

    g_assert_cmpint (glossa_article_get_id (first_item), ==, second);
  }

  /* Lookup by id, uuid prefix, title prefix; ambiguity. */
  {
    g_autoptr(GlossaArticle) by_title = glossa_library_lookup_article (f->library, "Astral", &error);
    g_autofree char *prefix = g_strndup (glossa_article_get_uuid (article), 8);
    g_autoptr(GlossaArticle) by_uuid = glossa_library_lookup_article (f->library, prefix, &error);

    g_assert_no_error (error);
    g_assert_cmpint (glossa_article_get_id (by_title), ==, id);
    g_assert_cmpint (glossa_article_get_id (by_uuid), ==, id);
  }
  add_text (f, "Second edition", "More text");
  {
    g_autoptr(GlossaArticle) exact = glossa_library_lookup_article (f->library, "Second", &error);
    g_autoptr(GlossaArticle) none = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (glossa_article_get_id (exact), ==, second);
    none = glossa_library_lookup_article (f->library, "Sec", &error);
    g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_AMBIGUOUS);
    g_clear_error (&error);
    none = glossa_library_lookup_article (f->library, "Nothing like this", &error);
    g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* A block outside the text is refused and stores nothing. */
  {
    g_autoptr(GlossaExtracted) bad = make_extracted ("Bad", "short");
    g_autofree char *before = table_counts (f->path);
    g_autofree char *after = NULL;

    glossa_extracted_add_block (bad, GLOSSA_BLOCK_PARAGRAPH, 0, 0, 99);
    again = glossa_library_add_article (f->library, bad, NULL, NULL, NULL, &error);
    g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
    g_assert_cmpint (again, ==, 0);
    g_clear_error (&error);
    after = table_counts (f->path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *tags = glossa_library_get_tags (f->library);
  gint64 claim = tag_id (f, "Claim");
  gint64 evidence = tag_id (f, "evidence");
  gint64 sub, subsub, other, merged_trash, id;

  sub = glossa_library_add_tag (f->library, "Causal", claim, "#AABBCC", "Says X causes Y", 0, NULL, &error);
  g_assert_no_error (error);
  subsub = glossa_library_add_tag (f->library, "Mechanism", sub, NULL, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  /* Without a colour, one no other tag has (QA F18). */
  {
    g_autoptr(GlossaTag) mechanism = glossa_library_get_tag (f->library, subsub, &error);

    for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
      {
        g_autoptr(GlossaTag) existing = g_list_model_get_item (tags, i);

        if (glossa_tag_get_id (existing) != subsub)
          g_assert_cmpstr (glossa_tag_get_color (existing), !=, glossa_tag_get_color (mechanism));
      }
  }

  /* Tree pre-order with depth. */
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 7);
  {
    g_autoptr(GlossaTag) t0 = g_list_model_get_item (tags, 0);
    g_autoptr(GlossaTag) t1 = g_list_model_get_item (tags, 1);
    g_autoptr(GlossaTag) t2 = g_list_model_get_item (tags, 2);
    g_autoptr(GlossaTag) t3 = g_list_model_get_item (tags, 3);

    g_assert_cmpint (glossa_tag_get_id (t0), ==, claim);
    g_assert_cmpint (glossa_tag_get_id (t1), ==, sub);
    g_assert_cmpuint (glossa_tag_get_depth (t1), ==, 1);
    g_assert_cmpstr (glossa_tag_get_color (t1), ==, "#aabbcc");
    g_assert_cmpint (glossa_tag_get_id (t2), ==, subsub);
    g_assert_cmpuint (glossa_tag_get_depth (t2), ==, 2);
    g_assert_cmpint (glossa_tag_get_id (t3), ==, evidence);
  }
  g_assert_cmpint (tag_id (f, "Claim/Causal/Mechanism"), ==, subsub);

  /* Duplicate sibling names, case-insensitively; the same name elsewhere is fine. */
  id = glossa_library_add_tag (f->library, "claim", 0, NULL, NULL, 0, NULL, &error);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);
  g_assert_false (glossa_library_rename_tag (f->library, evidence, "CLAIM", &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  other = glossa_library_add_tag (f->library, "Claim", evidence, NULL, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other, >, 0);

  /* Bad colours and keys. */
  g_assert_false (glossa_library_set_tag_color (f->library, claim, "red", &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (glossa_library_set_tag_color (f->library, claim, "#12345g", &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (glossa_library_set_tag_key (f->library, claim, 10, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);

  /* Rename, recolour, describe. */
  g_assert_true (glossa_library_rename_tag (f->library, sub, "Causal claim", &error));
  g_assert_true (glossa_library_set_tag_color (f->library, sub, "#112233", &error));
  g_assert_true (glossa_library_set_tag_description (f->library, sub, "Cause and effect", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlossaTag) tag = glossa_library_get_tag (f->library, sub, &error);

    g_assert_cmpstr (glossa_tag_get_name (tag), ==, "Causal claim");
    g_assert_cmpstr (glossa_tag_get_color (tag), ==, "#112233");
    g_assert_cmpstr (glossa_tag_get_description (tag), ==, "Cause and effect");
  }

  /* A key held by another tag moves. */
  g_assert_true (glossa_library_set_tag_key (f->library, sub, 1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlossaTag) c = glossa_library_get_tag (f->library, claim, NULL);
    g_autoptr(GlossaTag) s = glossa_library_get_tag (f->library, sub, NULL);

    g_assert_cmpuint (glossa_tag_get_key (c), ==, 0);
    g_assert_cmpuint (glossa_tag_get_key (s), ==, 1);
  }
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM tags WHERE key = 1"), ==, 1);

  /* Cycles refused; a real move works and renumbers. */
  g_assert_false (glossa_library_move_tag (f->library, claim, subsub, -1, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (glossa_library_move_tag (f->library, claim, claim, -1, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (glossa_library_move_tag (f->library, subsub, 0, 0, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlossaTag) first = g_list_model_get_item (tags, 0);

    g_assert_cmpint (glossa_tag_get_id (first), ==, subsub);
    g_assert_cmpuint (glossa_tag_get_depth (first), ==, 0);
    g_assert_cmpuint (glossa_tag_get_position (first), ==, 0);
  }

  /* Merge: annotations of Mechanism get Evidence; Mechanism goes to the trash. */
  {
    gint64 article = add_text (f, "Merge", "One two three four five six.");
    gint64 ann = glossa_library_add_annotation (f->library, article, 0, 3, &subsub, 1, NULL, NULL,
                                                NULL, &error);
    g_autoptr(GlossaAnnotation) annotation = NULL;
    g_autoptr(GlossaTag) ev = NULL;

    g_assert_no_error (error);
    merged_trash = glossa_library_merge_tags (f->library, subsub, evidence, &error);
    g_assert_no_error (error);
    g_assert_cmpint (merged_trash, >, 0);
    annotation = glossa_library_get_annotation (f->library, ann, &error);
    g_assert_true (glossa_annotation_has_tag (annotation, evidence));
    g_assert_false (glossa_annotation_has_tag (annotation, subsub));
    ev = glossa_library_get_tag (f->library, evidence, NULL);
    g_assert_cmpuint (glossa_tag_get_count (ev), ==, 1);
    g_assert_null (glossa_library_get_tag (f->library, subsub, &error));
    g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
    g_clear_error (&error);

    g_assert_cmpint (glossa_library_merge_tags (f->library, claim, sub, &error), ==, 0);
    g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
    g_clear_error (&error);
  }
}

static void
test_tag_delete_modes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 claim = tag_id (f, "Claim");
  gint64 evidence = tag_id (f, "Evidence");
  gint64 article = add_text (f, "Delete modes", "Alpha beta gamma delta epsilon zeta eta theta.");
  gint64 a1, a2, trash;
  g_autoptr(GPtrArray) list = NULL;

  a1 = glossa_library_add_annotation (f->library, article, 0, 5, &claim, 1, NULL, NULL, NULL, &error);
  a2 = glossa_library_add_annotation (f->library, article, 6, 10, &evidence, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Keep: the annotation stays, without the tag; restore brings it back. */
  trash = glossa_library_remove_tag (f->library, claim, GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trash, >, 0);
  {
    g_autoptr(GlossaAnnotation) ann = glossa_library_get_annotation (f->library, a1, &error);
    guint n = 99;

    g_assert_no_error (error);
    glossa_annotation_get_tag_ids (ann, &n);
    g_assert_cmpuint (n, ==, 0);
  }
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_tags (f->library)), ==, 4);
  list = glossa_library_list_annotations (f->library, 0, claim, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (glossa_library_restore (f->library, trash, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlossaAnnotation) ann = glossa_library_get_annotation (f->library, a1, &error);

    g_assert_true (glossa_annotation_has_tag (ann, claim));
  }

  /* Trash: the annotations carrying it go too, and come back with it. */
  trash = glossa_library_remove_tag (f->library, evidence, GLOSSA_TAG_DELETE_TRASH_ANNOTATIONS, &error);
  g_assert_no_error (error);
  list = glossa_library_list_annotations (f->library, article, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (glossa_annotation_get_id (g_ptr_array_index (list, 0)), ==, a1);
  g_clear_pointer (&list, g_ptr_array_unref);
  {
    g_autoptr(GlossaArticle) art = glossa_library_get_article (f->library, article, NULL);

    g_assert_cmpuint (glossa_article_get_annotation_count (art), ==, 1);
  }
  g_assert_true (glossa_library_restore (f->library, trash, &error));
  g_assert_no_error (error);
  list = glossa_library_list_annotations (f->library, article, 0, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (glossa_annotation_get_id (g_ptr_array_index (list, 1)), ==, a2);

  /* Every count kept by triggers still agrees with the rows. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (glossa_library_check (f->library, problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
    exec_raw (f->path, "UPDATE tags SET n_annotations = 7 WHERE name = 'Claim'");
    g_assert_true (glossa_library_check (f->library, problems, &error));
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "counts 7"));
  }
}

static void
test_annotations (Fixture       *f,
                  gconstpointer  data)
{
  const char *text = "😀𠀀 AI is the internet's antidote. 时代在变，网络也在变。";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GlossaAnnotation) ann = NULL;
  gint64 article = add_text (f, "Annotated", text);
  gint64 claim = tag_id (f, "Claim");
  gint64 rhetoric = tag_id (f, "Rhetoric");
  gint64 tags[] = { claim, rhetoric };
  gint64 start, end, a1, a2, a3;
  guint n_tags;

  /* "AI is the internet's antidote" starts after 2 astral chars and a space. */
  g_assert_true (glossa_library_find_quote (f->library, article, "AI is the internet's antidote",
                                            1, &start, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpint (start, ==, 3);
  g_assert_cmpint (end, ==, 32);

  a1 = glossa_library_add_annotation (f->library, article, start, end, tags, 2, "A claim",
                                      "ana", NULL, &error);
  g_assert_no_error (error);
  ann = glossa_library_get_annotation (f->library, a1, &error);
  g_assert_cmpstr (glossa_annotation_get_quote (ann), ==, "AI is the internet's antidote");
  g_assert_cmpstr (glossa_annotation_get_prefix (ann), ==, "😀𠀀 ");
  g_assert_cmpstr (glossa_annotation_get_suffix (ann), ==, ". 时代在变，网络也在变。");
  g_assert_cmpstr (glossa_annotation_get_note (ann), ==, "A claim");
  g_assert_cmpstr (glossa_annotation_get_author (ann), ==, "ana");
  glossa_annotation_get_tag_ids (ann, &n_tags);
  g_assert_cmpuint (n_tags, ==, 2);
  g_assert_true (glossa_annotation_has_tag (ann, rhetoric));
  g_clear_object (&ann);

  /* Overlapping and nested annotations are allowed. */
  a2 = glossa_library_add_annotation (f->library, article, 0, 5, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  a3 = glossa_library_add_annotation (f->library, article, 34, 36, &claim, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ann = glossa_library_get_annotation (f->library, a3, &error);
  g_assert_cmpstr (glossa_annotation_get_quote (ann), ==, "时代");
  g_clear_object (&ann);
  ann = glossa_library_get_annotation (f->library, a2, &error);
  g_assert_cmpstr (glossa_annotation_get_quote (ann), ==, "😀𠀀 AI");
  g_assert_cmpstr (glossa_annotation_get_prefix (ann), ==, "");
  g_clear_object (&ann);

  /* Text order. */
  list = glossa_library_list_annotations (f->library, article, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (glossa_annotation_get_id (g_ptr_array_index (list, 0)), ==, a2);
  g_assert_cmpint (glossa_annotation_get_id (g_ptr_array_index (list, 1)), ==, a1);
  g_assert_cmpint (glossa_annotation_get_id (g_ptr_array_index (list, 2)), ==, a3);
  g_assert_true (glossa_annotation_has_tag (g_ptr_array_index (list, 1), rhetoric));
  g_assert_true (glossa_annotation_has_tag (g_ptr_array_index (list, 1), claim));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = glossa_library_list_annotations (f->library, 0, claim, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  assert_list_matches_get (f, article);

  /* Counts in the models. */
  {
    g_autoptr(GlossaArticle) item = g_list_model_get_item (glossa_library_get_articles (f->library), 0);
    g_autoptr(GlossaTag) tag = glossa_library_get_tag (f->library, claim, NULL);

    g_assert_cmpuint (glossa_article_get_annotation_count (item), ==, 3);
    g_assert_cmpuint (glossa_tag_get_count (tag), ==, 2);
  }

  /* Invalid ranges are refused and change nothing. */
  {
    g_autofree char *before = table_counts (f->path);
    gint64 bad[][2] = { { -1, 3 }, { 5, 5 }, { 6, 2 }, { 0, 46 }, { 45, 46 } };

    g_assert_cmpint (g_utf8_strlen (text, -1), ==, 45);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *after = NULL;

        g_assert_cmpint (glossa_library_add_annotation (f->library, article, bad[i][0], bad[i][1],
                                                        &claim, 1, NULL, NULL, NULL, &error), ==, 0);
        g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
        g_clear_error (&error);
        after = table_counts (f->path);
        g_assert_cmpstr (before, ==, after);
      }
    /* An unknown tag fails after the row was inserted: rolled back whole. */
    {
      gint64 nope = 9999;
      g_autofree char *after = NULL;

      g_assert_cmpint (glossa_library_add_annotation (f->library, article, 0, 2, &nope, 1, NULL,
                                                      NULL, NULL, &error), ==, 0);
      g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
      g_clear_error (&error);
      after = table_counts (f->path);
      g_assert_cmpstr (before, ==, after);
    }
    g_assert_cmpint (glossa_library_add_annotation (f->library, 9999, 0, 1, NULL, 0, NULL, NULL,
                                                    NULL, &error), ==, 0);
    g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Edits. */
  g_assert_true (glossa_library_set_annotation_note (f->library, a1, "Revised", &error));
  g_assert_true (glossa_library_remove_annotation_tag (f->library, a1, rhetoric, &error));
  g_assert_true (glossa_library_add_annotation_tag (f->library, a2, rhetoric, &error));
  g_assert_true (glossa_library_set_annotation_range (f->library, a2, 3, 5, &error));
  g_assert_no_error (error);
  g_assert_false (glossa_library_remove_annotation_tag (f->library, a1, rhetoric, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ann = glossa_library_get_annotation (f->library, a1, &error);
  g_assert_cmpstr (glossa_annotation_get_note (ann), ==, "Revised");
  g_assert_false (glossa_annotation_has_tag (ann, rhetoric));
  g_clear_object (&ann);
  ann = glossa_library_get_annotation (f->library, a2, &error);
  g_assert_cmpstr (glossa_annotation_get_quote (ann), ==, "AI");
  g_assert_cmpstr (glossa_annotation_get_prefix (ann), ==, "😀𠀀 ");
  g_assert_true (glossa_annotation_has_tag (ann, rhetoric));
  g_clear_object (&ann);

  /* The n-th occurrence. */
  g_assert_true (glossa_library_find_quote (f->library, article, "在变", 2, &start, &end, &error));
  g_assert_cmpint (start, ==, 42);
  g_assert_cmpint (end, ==, 44);
  g_assert_false (glossa_library_find_quote (f->library, article, "在变", 3, &start, &end, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
count_signal_cb (GlossaLibrary *library,
                 gint64         article_id,
                 gpointer       user_data)
{
  gint64 *last = user_data;

  *last = article_id;
}

typedef struct {
  GlossaLibrary *library;
  gint64         article;
  guint          n_calls;
} Reentry;

/* A handler that changes the library again while it is being notified. */
static void
reentrant_cb (GlossaLibrary *library,
              gint64         article_id,
              gpointer       user_data)
{
  Reentry *reentry = user_data;
  g_autoptr(GError) error = NULL;

  if (reentry->n_calls++ > 0)
    return;
  g_assert_cmpint (glossa_library_add_annotation (library, reentry->article, 1, 3, NULL, 0,
                                                  "from a handler", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *last = user_data;

  last[0] = position;
  last[1] = removed;
  last[2] = added;
  last[3]++;
}

/* The articles model changes row by row, so a list keeps its selection. */
/* Renaming: trimmed, one row replaced in the model, the title search
 * follows, and an empty title changes nothing. */
static void
test_article_details (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaArticle) before = NULL;
  g_autoptr(GlossaArticle) after = NULL;
  g_autoptr(GlossaArticle) unchanged = NULL;
  g_autoptr(GlossaArticle) found = NULL;
  GListModel *model = glossa_library_get_articles (f->library);
  guint last[4] = { 0, };
  gint64 id;

  add_text (f, "Other", "Other text");
  id = add_text (f, "Clipboard", "人工智能是互联网的解药。");
  before = glossa_library_get_article (f->library, id, &error);
  g_assert_no_error (error);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), last);

  g_assert_true (glossa_library_set_article_details (f->library, id, "  AI as antidote  ",
                                                     "Li Wei", "2024-02-22", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last[1], ==, 1);
  g_assert_cmpuint (last[2], ==, 1);
  after = g_list_model_get_item (model, last[0]);
  g_assert_cmpint (glossa_article_get_id (after), ==, id);
  g_assert_cmpstr (glossa_article_get_title (after), ==, "AI as antidote");
  g_assert_cmpstr (glossa_article_get_byline (after), ==, "Li Wei");
  g_assert_cmpstr (glossa_article_get_published (after), ==, "2024-02-22");
  g_assert_cmpint (glossa_article_get_modified (after), >=, glossa_article_get_modified (before));
  g_assert_cmpstr (glossa_article_get_sha256 (after), ==, glossa_article_get_sha256 (before));
  found = glossa_library_lookup_article (f->library, "AI as antidote", &error);
  g_assert_no_error (error);
  g_assert_cmpint (glossa_article_get_id (found), ==, id);

  /* Empty byline and date clear them. */
  g_assert_true (glossa_library_set_article_details (f->library, id, "AI as antidote", "", NULL, &error));
  g_clear_object (&after);
  after = glossa_library_get_article (f->library, id, &error);
  g_assert_null (glossa_article_get_byline (after));
  g_assert_null (glossa_article_get_published (after));

  last[0] = last[1] = last[2] = 0;
  g_assert_false (glossa_library_set_article_details (f->library, id, "   ", "Someone", NULL, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty title"));
  g_clear_error (&error);
  g_assert_cmpuint (last[1] + last[2], ==, 0);
  unchanged = glossa_library_get_article (f->library, id, &error);
  g_assert_cmpstr (glossa_article_get_title (unchanged), ==, "AI as antidote");
  g_assert_null (glossa_article_get_byline (unchanged));

  g_assert_false (glossa_library_set_article_details (f->library, 9999, "Title", NULL, NULL, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
  g_signal_handlers_disconnect_by_func (model, items_changed_cb, last);
}

static void
test_articles_model (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = glossa_library_get_articles (f->library);
  guint last[4] = { 0, };
  gint64 ids[4], trash;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %u", i);

      ids[i] = add_text (f, title, title);
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), last);

  /* Newest first: ids[3] ids[2] ids[1] ids[0]. */
  trash = glossa_library_remove_article (f->library, ids[2], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last[0], ==, 1);
  g_assert_cmpuint (last[1], ==, 1);
  g_assert_cmpuint (last[2], ==, 0);

  g_assert_true (glossa_library_restore (f->library, trash, &error));
  g_assert_cmpuint (last[0], ==, 1);
  g_assert_cmpuint (last[1], ==, 0);
  g_assert_cmpuint (last[2], ==, 1);

  last[3] = 0;
  glossa_library_add_annotation (f->library, ids[0], 0, 3, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last[0], ==, 3);
  g_assert_cmpuint (last[1], ==, 1);
  g_assert_cmpuint (last[2], ==, 1);
  g_assert_cmpuint (last[3], ==, 1);

  add_text (f, "Newest", "Newest text");
  g_assert_cmpuint (last[0], ==, 0);
  g_assert_cmpuint (last[1], ==, 0);
  g_assert_cmpuint (last[2], ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GlossaArticle) item = g_list_model_get_item (model, i + 1);

      g_assert_cmpint (glossa_article_get_id (item), ==, ids[3 - i]);
    }
  g_signal_handlers_disconnect_by_func (model, items_changed_cb, last);
}

static void
test_signals (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_text (f, "A", "first article text");
  gint64 b = add_text (f, "B", "second article text");
  gint64 last = -1;

  g_signal_connect (f->library, "annotations-changed", G_CALLBACK (count_signal_cb), &last);
  glossa_library_add_annotation (f->library, a, 0, 5, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (last, ==, a);

  /* Inside one transaction: one signal at commit, 0 for several articles. */
  last = -1;
  g_assert_true (glossa_library_begin (f->library, &error));
  glossa_library_add_annotation (f->library, a, 0, 5, NULL, 0, NULL, NULL, NULL, &error);
  glossa_library_add_annotation (f->library, b, 0, 5, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_cmpint (last, ==, -1);
  g_assert_true (glossa_library_commit (f->library, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last, ==, 0);
  g_signal_handlers_disconnect_by_func (f->library, count_signal_cb, &last);

  /* Re-entrant changes from a handler land, with their own notification. */
  {
    Reentry reentry = { f->library, b, 0 };
    g_autoptr(GlossaArticle) item = NULL;

    g_signal_connect (f->library, "annotations-changed", G_CALLBACK (reentrant_cb), &reentry);
    glossa_library_add_annotation (f->library, a, 0, 2, NULL, 0, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_signal_handlers_disconnect_by_func (f->library, reentrant_cb, &reentry);
    g_assert_cmpuint (reentry.n_calls, ==, 2);
    item = glossa_library_get_article (f->library, b, &error);
    g_assert_cmpuint (glossa_article_get_annotation_count (item), ==, 2);
    g_clear_object (&item);
    item = g_list_model_get_item (glossa_library_get_articles (f->library), 0);
    g_assert_cmpint (glossa_article_get_id (item), ==, b);
    g_assert_cmpuint (glossa_article_get_annotation_count (item), ==, 2);
  }
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GlossaLink) link = NULL;
  g_autoptr(GlossaAnnotation) ann = NULL;
  gint64 a = add_text (f, "Claimant", "AI will save the web.");
  gint64 b = add_text (f, "Checker", "Traffic fell by half after AI answers.");
  gint64 claim, evidence, other, l1, l2;

  claim = glossa_library_add_annotation (f->library, a, 0, 20, NULL, 0, NULL, NULL, NULL, &error);
  evidence = glossa_library_add_annotation (f->library, b, 0, 20, NULL, 0, NULL, NULL, NULL, &error);
  other = glossa_library_add_annotation (f->library, b, 21, 30, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Across articles. */
  l1 = glossa_library_add_link (f->library, evidence, claim, "contradicts", GLOSSA_LINK_ONE_WAY,
                                "Numbers say otherwise", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (l1, >, 0);
  link = glossa_library_get_link (f->library, l1, &error);
  g_assert_cmpint (glossa_link_get_from_id (link), ==, evidence);
  g_assert_cmpint (glossa_link_get_to_id (link), ==, claim);
  g_assert_cmpstr (glossa_link_get_link_type (link), ==, "contradicts");
  g_assert_cmpstr (glossa_link_get_note (link), ==, "Numbers say otherwise");
  g_assert_cmpint (glossa_link_get_direction (link), ==, GLOSSA_LINK_ONE_WAY);

  /* Unknown type: refused, the message lists the known ones. */
  g_assert_cmpint (glossa_library_add_link (f->library, evidence, claim, "refutes",
                                            GLOSSA_LINK_ONE_WAY, NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "refutes"));
  g_assert_nonnull (strstr (error->message, "supports"));
  g_assert_nonnull (strstr (error->message, "cites"));
  g_clear_error (&error);

  /* ... until added. */
  g_assert_true (glossa_library_add_link_type (f->library, "refutes", &error));
  l2 = glossa_library_add_link (f->library, other, claim, "refutes", GLOSSA_LINK_BIDIRECTIONAL,
                                NULL, NULL, &error);
  g_assert_no_error (error);

  /* No self-links, no links to missing annotations. */
  g_assert_cmpint (glossa_library_add_link (f->library, claim, claim, "supports",
                                            GLOSSA_LINK_ONE_WAY, NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (glossa_library_add_link (f->library, claim, 9999, "supports",
                                            GLOSSA_LINK_ONE_WAY, NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  links = glossa_library_list_links (f->library, claim, &error);
  g_assert_cmpuint (links->len, ==, 2);
  g_clear_pointer (&links, g_ptr_array_unref);
  links = glossa_library_list_links (f->library, other, &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (glossa_link_get_id (g_ptr_array_index (links, 0)), ==, l2);
  g_clear_pointer (&links, g_ptr_array_unref);
  ann = glossa_library_get_annotation (f->library, claim, &error);
  g_assert_cmpuint (glossa_annotation_get_link_count (ann), ==, 2);

  {
    g_autoptr(GPtrArray) list = glossa_library_list_annotations (f->library, b, 0, &error);

    g_assert_cmpuint (list->len, ==, 2);
    g_assert_cmpuint (glossa_annotation_get_link_count (g_ptr_array_index (list, 0)), ==, 1);
    g_assert_cmpuint (glossa_annotation_get_link_count (g_ptr_array_index (list, 1)), ==, 1);
  }
  assert_list_matches_get (f, a);
  assert_list_matches_get (f, b);

  g_assert_true (glossa_library_set_link_note (f->library, l2, "Bidirectional", &error));
  g_clear_object (&link);
  link = glossa_library_get_link (f->library, l2, &error);
  g_assert_cmpstr (glossa_link_get_note (link), ==, "Bidirectional");
}

static void
test_trash (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) links = NULL;
  GListModel *articles = glossa_library_get_articles (f->library);
  gint64 claim = tag_id (f, "Claim");
  gint64 a = add_text (f, "Trashable", "Text of the trashable article.");
  gint64 b = add_text (f, "Survivor", "Text of the other article.");
  gint64 n1, n2, n3, link, t_article, t_note, t_link, t_tag;

  n1 = glossa_library_add_annotation (f->library, a, 0, 4, &claim, 1, NULL, NULL, NULL, &error);
  n2 = glossa_library_add_annotation (f->library, a, 5, 7, NULL, 0, NULL, NULL, NULL, &error);
  n3 = glossa_library_add_annotation (f->library, b, 0, 4, NULL, 0, NULL, NULL, NULL, &error);
  link = glossa_library_add_link (f->library, n3, n1, "supports", GLOSSA_LINK_ONE_WAY, NULL, NULL, &error);
  g_assert_no_error (error);

  /* A link alone. */
  t_link = glossa_library_remove_link (f->library, link, &error);
  g_assert_no_error (error);
  g_assert_null (glossa_library_get_link (f->library, link, NULL));
  g_assert_true (glossa_library_restore (f->library, t_link, &error));
  g_assert_no_error (error);
  g_assert_nonnull (glossa_library_get_link (f->library, link, NULL));

  /* An annotation takes its links along. */
  t_note = glossa_library_remove_annotation (f->library, n1, &error);
  g_assert_no_error (error);
  links = glossa_library_list_links (f->library, 0, &error);
  g_assert_cmpuint (links->len, ==, 0);
  g_clear_pointer (&links, g_ptr_array_unref);
  {
    g_autoptr(GlossaTag) tag = glossa_library_get_tag (f->library, claim, NULL);

    g_assert_cmpuint (glossa_tag_get_count (tag), ==, 0);
  }
  g_assert_true (glossa_library_restore (f->library, t_note, &error));
  links = glossa_library_list_links (f->library, 0, &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_clear_pointer (&links, g_ptr_array_unref);

  /* An article takes its annotations and their links (across articles). */
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 2);
  t_article = glossa_library_remove_article (f->library, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 1);
  g_assert_null (glossa_library_get_article (f->library, a, NULL));
  g_assert_null (glossa_library_get_annotation (f->library, n2, NULL));
  links = glossa_library_list_links (f->library, n3, &error);
  g_assert_cmpuint (links->len, ==, 0);
  g_clear_pointer (&links, g_ptr_array_unref);

  /* A tag. */
  t_tag = glossa_library_remove_tag (f->library, claim, GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS, &error);
  g_assert_no_error (error);

  entries = glossa_library_list_trash (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  {
    GlossaTrashEntry *tag_entry = g_ptr_array_index (entries, 0);
    GlossaTrashEntry *article_entry = g_ptr_array_index (entries, 1);

    g_assert_cmpint (tag_entry->id, ==, t_tag);
    g_assert_cmpint (tag_entry->kind, ==, GLOSSA_TRASH_TAG);
    g_assert_cmpstr (tag_entry->label, ==, "Claim");
    g_assert_cmpint (article_entry->id, ==, t_article);
    g_assert_cmpint (article_entry->kind, ==, GLOSSA_TRASH_ARTICLE);
    g_assert_cmpstr (article_entry->label, ==, "Trashable");
    /* the article, two annotations, one link */
    g_assert_cmpuint (article_entry->n_items, ==, 4);
  }
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_assert_true (glossa_library_restore (f->library, t_article, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (articles), ==, 2);
  g_assert_nonnull (glossa_library_get_annotation (f->library, n2, NULL));
  links = glossa_library_list_links (f->library, n3, &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_clear_pointer (&links, g_ptr_array_unref);
  {
    g_autoptr(GlossaArticle) art = glossa_library_get_article (f->library, a, NULL);

    g_assert_cmpuint (glossa_article_get_annotation_count (art), ==, 2);
  }

  /* Restoring twice: the entry is gone. */
  g_assert_false (glossa_library_restore (f->library, t_article, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Emptying deletes for real. */
  g_assert_cmpint (glossa_library_remove_article (f->library, b, &error), >, 0);
  g_assert_true (glossa_library_empty_trash (f->library, &error));
  g_assert_no_error (error);
  entries = glossa_library_list_trash (f->library, &error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles"), ==, 1);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM article_content"), ==, 1);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM tags WHERE name = 'Claim'"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM annotations"), ==, 2);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM links"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM annotation_tags"), ==, 0);
}

static void
test_trash_labels (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 article, ann;

  for (guint i = 0; i < 30; i++)
    g_string_append (text, "时代在变，\n");
  article = add_text (f, "Long", text->str);
  ann = glossa_library_add_annotation (f->library, article, 0, 150, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (glossa_library_remove_annotation (f->library, ann, &error), >, 0);

  entries = glossa_library_list_trash (f->library, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  {
    GlossaTrashEntry *entry = g_ptr_array_index (entries, 0);

    g_assert_cmpint (g_utf8_strlen (entry->label, -1), ==, 80);
    g_assert_true (g_str_has_suffix (entry->label, "…"));
    g_assert_null (strchr (entry->label, '\n'));
    g_assert_true (g_str_has_prefix (entry->label, "时代在变， 时代在变，"));
  }
}

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 article = add_text (f, "Bulk", "Bulk text for a transaction.");
  gint64 claim = tag_id (f, "Claim");

  before = table_counts (f->path);

  /* A failing call inside a transaction undoes only itself... */
  g_assert_true (glossa_library_begin (f->library, &error));
  g_assert_cmpint (glossa_library_add_annotation (f->library, article, 0, 4, &claim, 1, NULL, NULL,
                                                  NULL, &error), >, 0);
  g_assert_cmpint (glossa_library_add_annotation (f->library, article, 0, 400, &claim, 1, NULL,
                                                  NULL, NULL, &error), ==, 0);
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (glossa_library_add_tag (f->library, "New", 0, NULL, NULL, 0, NULL, &error), >, 0);
  /* ...and rolling the whole back leaves the file as it was. */
  glossa_library_rollback (f->library);
  after = table_counts (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_tags (f->library)), ==, 5);
  g_clear_pointer (&after, g_free);

  /* Committed, it all lands. */
  g_assert_true (glossa_library_begin (f->library, &error));
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (glossa_library_add_annotation (f->library, article, i, i + 3, &claim, 1, NULL,
                                                    NULL, NULL, &error), >, 0);
  g_assert_true (glossa_library_commit (f->library, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM annotations"), ==, 10);
  {
    g_autoptr(GlossaArticle) art = g_list_model_get_item (glossa_library_get_articles (f->library), 0);

    g_assert_cmpuint (glossa_article_get_annotation_count (art), ==, 10);
  }
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  gint64 article = add_text (f, "Checked", "The quick brown fox jumps over the lazy dog.");
  gint64 ann;

  ann = glossa_library_add_annotation (f->library, article, 4, 9, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (glossa_library_check (f->library, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  {
    g_autofree char *sql = g_strdup_printf ("UPDATE annotations SET quote = 'slow' WHERE id = %"
                                            G_GINT64_FORMAT, ann);

    exec_raw (f->path, sql);
  }
  g_assert_true (glossa_library_check (f->library, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "quote"));
  g_ptr_array_set_size (problems, 0);

  exec_raw (f->path, "UPDATE article_content SET text = 'The quick brown cat'");
  g_assert_true (glossa_library_check (f->library, problems, &error));
  /* checksum, length, and the quote */
  g_assert_cmpuint (problems->len, >=, 2);
  g_ptr_array_set_size (problems, 0);

  /* A tag cycle and a link to a missing annotation (foreign keys are off
   * in a raw connection). */
  {
    gint64 a = glossa_library_add_tag (f->library, "Outer", 0, NULL, NULL, 0, NULL, &error);
    gint64 b = glossa_library_add_tag (f->library, "Inner", a, NULL, NULL, 0, NULL, &error);
    g_autofree char *sql = g_strdup_printf ("UPDATE tags SET parent_id = %" G_GINT64_FORMAT
                                            " WHERE id = %" G_GINT64_FORMAT ";"
                                            "INSERT INTO links (uuid, from_id, to_id, type, created,"
                                            " modified) VALUES ('x', %" G_GINT64_FORMAT
                                            ", 424242, 'cites', 0, 0);", b, a, ann);
    gboolean cycle = FALSE, link = FALSE;

    g_assert_no_error (error);
    exec_raw (f->path, sql);
    g_assert_true (glossa_library_check (f->library, problems, &error));
    for (guint i = 0; i < problems->len; i++)
      {
        const char *sentence = g_ptr_array_index (problems, i);

        cycle |= strstr (sentence, "own ancestor") != NULL;
        link |= strstr (sentence, "424242") != NULL;
      }
    g_assert_true (cycle);
    g_assert_true (link);
  }
}

static void
assert_annotation_at (Fixture    *f,
                      gint64      id,
                      const char *quote,
                      gboolean    orphaned)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaAnnotation) ann = glossa_library_get_annotation (f->library, id, &error);
  g_autoptr(GlossaExtracted) content = NULL;
  g_autofree gunichar *chars = NULL;
  g_autofree char *at = NULL;
  glong n = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (glossa_annotation_get_quote (ann), ==, quote);
  g_assert_cmpint (glossa_annotation_get_orphaned (ann), ==, orphaned);
  if (orphaned)
    return;

  content = glossa_library_load_content (f->library, glossa_annotation_get_article_id (ann), &error);
  g_assert_no_error (error);
  chars = g_utf8_to_ucs4_fast (content->text, -1, &n);
  g_assert_cmpint (glossa_annotation_get_end (ann), <=, n);
  at = g_ucs4_to_utf8 (chars + glossa_annotation_get_start (ann),
                       glossa_annotation_get_end (ann) - glossa_annotation_get_start (ann),
                       NULL, NULL, NULL);
  g_assert_cmpstr (at, ==, quote);
}

static void
test_reanchor (Fixture       *f,
               gconstpointer  data)
{
  const char *v1 = "时代在变。AI is the internet's antidote, they said. 😀 The web is dying. "
                   "Traffic fell by half. Nobody knows why.";
  const char *v2 = "新的导言。时代在变。AI is the internet’s antidote, they said. 😀 The web is dying. "
                   "Nobody knows why. 𠀀 Appendix.";
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaReanchorReport) report = NULL;
  g_autoptr(GlossaExtracted) update = make_extracted ("Re-anchored", v2);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = NULL;
  gint64 article = add_text (f, "Re-anchored", v1);
  gint64 claim = tag_id (f, "Claim");
  gint64 before, inside, after, deleted, trashed, start, end, trash;

  g_assert_true (glossa_library_find_quote (f->library, article, "时代在变", 1, &start, &end, &error));
  before = glossa_library_add_annotation (f->library, article, start, end, &claim, 1, NULL, NULL, NULL, &error);
  g_assert_true (glossa_library_find_quote (f->library, article, "AI is the internet's antidote", 1,
                                            &start, &end, &error));
  inside = glossa_library_add_annotation (f->library, article, start, end, &claim, 1, NULL, NULL, NULL, &error);
  g_assert_true (glossa_library_find_quote (f->library, article, "Nobody knows why", 1, &start, &end, &error));
  after = glossa_library_add_annotation (f->library, article, start, end, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_true (glossa_library_find_quote (f->library, article, "Traffic fell by half", 1, &start, &end, &error));
  deleted = glossa_library_add_annotation (f->library, article, start, end, NULL, 0, "gone", NULL, NULL, &error);
  g_assert_true (glossa_library_find_quote (f->library, article, "The web is dying", 1, &start, &end, &error));
  trashed = glossa_library_add_annotation (f->library, article, start, end, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  trash = glossa_library_remove_annotation (f->library, trashed, &error);
  g_assert_no_error (error);

  g_assert_true (glossa_library_update_content (f->library, article, update, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  /* Everything moved (text was inserted at the start); one changed inside. */
  g_assert_cmpuint (report->n_exact + report->n_moved, ==, 2);
  g_assert_cmpuint (report->n_fuzzy, ==, 1);
  g_assert_cmpuint (report->n_orphaned, ==, 1);
  g_assert_cmpuint (report->orphan_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (report->orphan_ids, gint64, 0), ==, deleted);

  assert_annotation_at (f, before, "时代在变", FALSE);
  {
    g_autoptr(GlossaAnnotation) ann = glossa_library_get_annotation (f->library, inside, &error);

    g_assert_false (glossa_annotation_get_orphaned (ann));
    assert_annotation_at (f, inside, glossa_annotation_get_quote (ann), FALSE);
    g_assert_nonnull (strstr (glossa_annotation_get_quote (ann), "antidote"));
    g_assert_true (glossa_annotation_has_tag (ann, claim));
  }
  assert_annotation_at (f, after, "Nobody knows why", FALSE);
  /* The orphan keeps its quote, note and last position, and is still listed. */
  assert_annotation_at (f, deleted, "Traffic fell by half", TRUE);
  list = glossa_library_list_annotations (f->library, article, 0, &error);
  g_assert_cmpuint (list->len, ==, 4);

  /* The trashed annotation moved too, and comes back in place. */
  g_assert_true (glossa_library_restore (f->library, trash, &error));
  g_assert_no_error (error);
  assert_annotation_at (f, trashed, "The web is dying", FALSE);

  {
    g_autoptr(GlossaArticle) art = glossa_library_get_article (f->library, article, &error);
    g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, v2, -1);

    g_assert_cmpint (glossa_article_get_length (art), ==, g_utf8_strlen (v2, -1));
    g_assert_cmpstr (glossa_article_get_sha256 (art), ==, sha);
  }

  g_assert_true (glossa_library_check (f->library, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);

  /* An orphan can be re-attached by hand. */
  g_assert_true (glossa_library_find_quote (f->library, article, "Appendix", 1, &start, &end, &error));
  g_assert_true (glossa_library_set_annotation_range (f->library, deleted, start, end, &error));
  assert_annotation_at (f, deleted, "Appendix", FALSE);
}

static void
test_reanchor_failure (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) update = make_extracted ("X", "Short new text.");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 article = add_text (f, "Unchanged", "The original text stays.");

  glossa_library_add_annotation (f->library, article, 4, 12, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  before = table_counts (f->path);

  /* A structure outside the new text: refused before anything is written. */
  glossa_extracted_add_block (update, GLOSSA_BLOCK_PARAGRAPH, 0, 0, 500);
  g_assert_false (glossa_library_update_content (f->library, article, update, NULL, NULL, &error));
  g_assert_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (glossa_library_update_content (f->library, 9999, update, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = table_counts (f->path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autoptr(GlossaExtracted) content = glossa_library_load_content (f->library, article, &error);

    g_assert_cmpstr (content->text, ==, "The original text stays.");
  }
}

static void
test_import_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = g_build_filename (g_getenv ("GLOSSA_SHARED_DIR"), "samples",
                                              "sora-article.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/glossa/article.txt");
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GlossaExtracted) content = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;
  gint64 id, again, after_trash;

  id = glossa_library_import_file (f->library, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  article = glossa_library_get_article (f->library, id, &error);
  {
    g_autofree char *canonical = g_file_get_path (file);

    g_assert_cmpstr (glossa_article_get_source (article), ==, canonical);
  }
  g_assert_cmpstr (glossa_article_get_format (article), ==, "html");
  content = glossa_library_load_content (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (content->length, ==, glossa_article_get_length (article));
  g_assert_cmpint (content->length, ==, g_utf8_strlen (content->text, -1));
  g_assert_cmpuint (content->blocks->len, >, 0);

  /* The original bytes are kept, for re-extraction. */
  original = glossa_library_load_original (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sample, &bytes, &len, NULL));
  g_assert_cmpuint (g_bytes_get_size (original), ==, len);
  g_assert_cmpmem (g_bytes_get_data (original, NULL), len, bytes, len);

  /* The same text again is the same article... */
  again = glossa_library_import_file (f->library, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (f->library)), ==, 1);

  /* ...also when the window extracted it itself, or it came from the
   * clipboard with no source at all. */
  again = glossa_library_import_extracted (f->library, content, original, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (f->library)), ==, 1);

  /* ...unless that one is in the trash. */
  g_assert_cmpint (glossa_library_remove_article (f->library, id, &error), >, 0);
  after_trash = glossa_library_import_file (f->library, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after_trash, !=, id);

  /* A file that cannot be read changes nothing. */
  {
    g_autofree char *before = table_counts (f->path);
    g_autofree char *after = NULL;

    g_assert_cmpint (glossa_library_import_file (f->library, missing, NULL, NULL, &error), ==, 0);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "article.txt"));
    g_clear_error (&error);
    after = table_counts (f->path);
    g_assert_cmpstr (before, ==, after);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/library/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("open-create", test_open_create);
  ADD ("open-too-new", test_open_too_new);
  ADD ("open-garbage", test_open_garbage);
  ADD ("migrate-from-v2", test_migrate_from_v2);
  ADD ("articles", test_articles);
  ADD ("tags", test_tags);
  ADD ("tag-delete-modes", test_tag_delete_modes);
  ADD ("annotations", test_annotations);
  ADD ("signals", test_signals);
  ADD ("articles-model", test_articles_model);
  ADD ("article-details", test_article_details);
  ADD ("links", test_links);
  ADD ("trash", test_trash);
  ADD ("trash-labels", test_trash_labels);
  ADD ("transaction-rollback", test_transaction_rollback);
  ADD ("check", test_check);
  ADD ("reanchor", test_reanchor);
  ADD ("reanchor-failure", test_reanchor_failure);
  ADD ("import-file", test_import_file);

#undef ADD

  return g_test_run ();
}
