/* test-cli.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * glossa-cli driven as a process, on a library in a temp dir.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <string.h>

typedef struct
{
  char *dir;
  char *library;
  char *sample;        /* path of the shared Chinese sample */
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
  char *command;   /* for failure messages */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->command, g_free);
}

static void
run_dump (Run *run)
{
  g_printerr ("# command: %s\n# exit status: %d\n# stdout: %s\n# stderr: %s\n",
              run->command, run->status, run->out, run->err);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("glossa-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->library = g_build_filename (f->dir, "library.glossa", NULL);
  f->sample = g_build_filename (g_getenv ("GLOSSA_SHARED_DIR"), "samples",
                                "sora-article-scraped.txt", NULL);
  g_assert_true (g_file_test (f->sample, G_FILE_TEST_IS_REGULAR));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->library);
  g_free (f->sample);
}

/* Runs glossa-cli with the arguments (NULL-terminated) and --library. */
static void
run_argv (Fixture    *f,
          Run        *run,
          gboolean    with_library,
          const char *first,
          va_list     ap)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GLOSSA_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  if (with_library)
    {
      g_ptr_array_add (argv, (gpointer) "--library");
      g_ptr_array_add (argv, f->library);
    }
  g_ptr_array_add (argv, NULL);
  run->command = g_strjoinv (" ", (char **) argv->pdata);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static void G_GNUC_NULL_TERMINATED
cli (Fixture    *f,
     Run        *run,
     const char *first,
     ...)
{
  va_list ap;

  va_start (ap, first);
  run_argv (f, run, TRUE, first, ap);
  va_end (ap);
}

static void
cli_no_library (Fixture    *f,
                Run        *run,
                const char *first,
                ...)
{
  va_list ap;

  va_start (ap, first);
  run_argv (f, run, FALSE, first, ap);
  va_end (ap);
}

static void
assert_ok (Run *run)
{
  if (run->status != 0 || *run->err != '\0')
    run_dump (run);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
}

/* Exit 1 and exactly one line on stderr, naming the problem. */
static void
assert_error (Run        *run,
              const char *needle)
{
  const char *newline;

  if (run->status != 1)
    run_dump (run);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "glossa-cli: "));
  newline = strchr (run->err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline, ==, "\n");
  if (needle != NULL && strstr (run->err, needle) == NULL)
    g_error ("“%s” not in the error “%s”", needle, run->err);
}

static void
assert_usage (Run        *run,
              const char *command)
{
  g_autofree char *usage = g_strdup_printf ("Usage: glossa-cli %s", command);

  if (run->status != 2)
    run_dump (run);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "glossa-cli: "));
  if (strstr (run->err, usage) == NULL)
    g_error ("“%s” not in “%s”", usage, run->err);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* First line, first tab-separated field, as an integer. */
static gint64
first_id (const char *out)
{
  char *end = NULL;
  gint64 id = g_ascii_strtoll (out, &end, 10);

  g_assert_true (id > 0);
  g_assert_true (*end == '\t');

  return id;
}

static char *
id_str (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static gint64
import_file (Fixture    *f,
             const char *path)
{
  Run run = { 0, };
  gint64 id;

  cli (f, &run, "import", path, NULL);
  assert_ok (&run);
  id = first_id (run.out);
  run_clear (&run);

  return id;
}

static char *
article_text (Fixture *f,
              gint64   id)
{
  g_autofree char *ids = id_str (id);
  g_autoptr(JsonNode) root = NULL;
  Run run = { 0, };
  char *text;

  cli (f, &run, "show", ids, "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  text = g_strdup (json_object_get_string_member (json_node_get_object (root), "text"));
  run_clear (&run);

  return text;
}

static gint64
cp_offset (const char *text,
           const char *needle)
{
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);

  return g_utf8_pointer_to_offset (text, p);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);

  return path;
}

/* Every byte value, as in an image or archive. */
static char *
write_binary (Fixture *f)
{
  guchar data[1024];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guchar) ((i * 7) % 256);

  return write_file (f, "binary.txt", (const char *) data, sizeof data);
}

static const char *gbk_utf8 =
  "人工智能时代的来临\n\n"
  "这是一篇用国标编码保存的文章。有人说人工智能是互联网的解药，也有人不同意。\n\n"
  "最后一段。\n";

static char *
write_gbk (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *gbk = g_convert (gbk_utf8, -1, "GBK", "UTF-8", NULL, &len, &error);

  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gbk, len, NULL));

  return write_file (f, "gbk-article.txt", gbk, len);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  Run run = { 0, };

  cli_no_library (f, &run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Usage: glossa-cli COMMAND"));
  run_clear (&run);

  cli_no_library (f, &run, "--help", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "annotate"));
  g_assert_nonnull (strstr (run.out, "tag merge"));
  run_clear (&run);

  cli_no_library (f, &run, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“frobnicate” is not a command"));
  run_clear (&run);

  cli_no_library (f, &run, "tag", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "needs a subcommand"));
  g_assert_nonnull (strstr (run.err, "add, rename"));
  run_clear (&run);

  cli_no_library (f, &run, "tag", "frob", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“tag frob” is not a command"));
  run_clear (&run);

  cli_no_library (f, &run, "annotate", "--help", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "--range"));
  g_assert_nonnull (strstr (run.out, "--library"));
  g_assert_nonnull (strstr (run.out, "--author"));
  g_assert_nonnull (strstr (run.out, "glossa-cli annotate [OPTION…] ARTICLE ("));
  run_clear (&run);

  cli_no_library (f, &run, "help", "tag", "add", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "glossa-cli tag add [OPTION…] NAME"));
  run_clear (&run);

  cli_no_library (f, &run, "tag", "add", "--help", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "--parent"));
  run_clear (&run);

  cli (f, &run, "annotate", NULL);
  assert_usage (&run, "annotate");
  run_clear (&run);

  cli (f, &run, "list", "--bogus", NULL);
  assert_usage (&run, "list");
  run_clear (&run);

  cli (f, &run, "show", "1", "2", NULL);
  assert_usage (&run, "show");
  run_clear (&run);

  cli (f, &run, "annotate", "1", NULL);
  assert_usage (&run, "annotate");
  run_clear (&run);

  cli (f, &run, "annotate", "1", "--range", "5:x", NULL);
  assert_usage (&run, "annotate");
  run_clear (&run);

  cli (f, &run, "annotate", "1", "--range", "9:3", NULL);
  assert_usage (&run, "annotate");
  run_clear (&run);

  cli (f, &run, "annotate", "1", "--range", "1:3", "--quote", "x", NULL);
  assert_usage (&run, "annotate");
  run_clear (&run);

  cli (f, &run, "link", "1", "2", NULL);
  assert_usage (&run, "link");
  run_clear (&run);

  cli (f, &run, "link", "1", "2", "--type", "supports", "--direction", "sideways", NULL);
  assert_usage (&run, "link");
  run_clear (&run);

  cli (f, &run, "restore", "abc", NULL);
  assert_usage (&run, "restore");
  run_clear (&run);

  cli (f, &run, "tag", "add", "Claim", "--key", "12", NULL);
  assert_usage (&run, "tag add");
  run_clear (&run);

  cli (f, &run, "tag", "add", "Claim", "--key", "one", NULL);
  assert_usage (&run, "tag add");
  run_clear (&run);

  cli (f, &run, "search", "x", "--limit", "0", NULL);
  assert_usage (&run, "search");
  run_clear (&run);

  /* extract never touches a library, so it has no --library. */
  cli (f, &run, "extract", f->sample, NULL);
  assert_usage (&run, "extract");
  run_clear (&run);

  /* None of that created a library file. */
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));
}

static void
test_extract (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *gbk = write_gbk (f);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  Run run = { 0, };

  cli_no_library (f, &run, "extract", gbk, "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "encoding"), ==, "GB18030");
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "text");
  g_assert_nonnull (strstr (json_object_get_string_member (object, "text"), "互联网的解药"));
  g_assert_cmpint (json_object_get_int_member (object, "length"), ==,
                   g_utf8_strlen (json_object_get_string_member (object, "text"), -1));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "blocks")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "blocks")), >=, 2);
  run_clear (&run);

  cli_no_library (f, &run, "extract", gbk, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Encoding:"));
  g_assert_nonnull (strstr (run.out, "GB18030"));
  g_assert_nonnull (strstr (run.out, "互联网的解药"));
  run_clear (&run);

  cli_no_library (f, &run, "extract", gbk, "--encoding", "UTF-8", NULL);
  assert_error (&run, "gbk-article.txt");
  run_clear (&run);

  cli_no_library (f, &run, "extract", "/nonexistent/file.txt", NULL);
  assert_error (&run, "file.txt");
  run_clear (&run);

  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));
}

static void
test_import_list_show (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *gbk = write_gbk (f);
  g_autofree char *binary = write_binary (f);
  g_autofree char *good = write_file (f, "good.md", "# A Markdown article\n\nWith *one* paragraph.\n", -1);
  g_autofree char *sample_id = NULL;
  g_autofree char *gbk_id = NULL;
  g_autofree char *list_before = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *object;
  Run run = { 0, };
  gint64 id;

  cli (f, &run, "import", f->sample, gbk, NULL);
  assert_ok (&run);
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    sample_id = id_str (first_id (lines[0]));
    gbk_id = id_str (first_id (lines[1]));
    g_assert_nonnull (strstr (lines[1], "人工智能时代的来临"));
  }
  run_clear (&run);

  cli (f, &run, "list", "--json", NULL);
  assert_ok (&run);
  list_before = g_strdup (run.out);
  root = parse_json (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  cli (f, &run, "list", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "人工智能时代的来临"));
  g_assert_nonnull (strstr (run.out, "0 annotations"));
  run_clear (&run);

  /* By id, uuid and title prefix. */
  cli (f, &run, "show", gbk_id, "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "encoding"), ==, "GB18030");
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "人工智能时代的来临");
  g_assert_nonnull (strstr (json_object_get_string_member (object, "text"), "互联网的解药"));
  {
    g_autofree char *uuid = g_strdup (json_object_get_string_member (object, "uuid"));

    run_clear (&run);
    cli (f, &run, "show", uuid, NULL);
    assert_ok (&run);
    g_assert_nonnull (strstr (run.out, "人工智能时代的来临"));
    g_assert_nonnull (strstr (run.out, "这是一篇用国标编码保存的文章"));
  }
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  cli (f, &run, "show", "人工智能时代", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, gbk_id));
  run_clear (&run);

  cli (f, &run, "show", "99999", NULL);
  assert_error (&run, "99999");
  run_clear (&run);

  /* Failed imports: reported one line each, the library unchanged. */
  cli (f, &run, "import", binary, NULL);
  assert_error (&run, "binary.txt");
  run_clear (&run);

  cli (f, &run, "import", f->dir, NULL);
  assert_error (&run, NULL);
  run_clear (&run);

  cli (f, &run, "import", gbk, "--encoding", "UTF-8", NULL);
  assert_error (&run, "gbk-article.txt");
  run_clear (&run);

  cli (f, &run, "list", "--json", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, list_before);
  run_clear (&run);

  /* The same text again is the same article. */
  cli (f, &run, "import", gbk, NULL);
  assert_ok (&run);
  g_assert_cmpint (first_id (run.out), ==, g_ascii_strtoll (gbk_id, NULL, 10));
  g_assert_nonnull (strstr (run.out, "already in the library"));
  run_clear (&run);

  /* One bad file among good ones: the good one is in, exit 1. */
  cli (f, &run, "import", binary, good, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "glossa-cli: "));
  g_assert_nonnull (strstr (run.err, "binary.txt"));
  id = first_id (run.out);
  g_assert_cmpint (id, >, 0);
  run_clear (&run);

  cli (f, &run, "list", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 3);
  run_clear (&run);
}

static void
test_annotate (Fixture       *f,
               gconstpointer  data)
{
  const char *astral_text = "😀𠀀 前言。\n\n目标文字在这里，😀之后还有更多。\n";
  g_autofree char *astral_path = write_file (f, "astral.txt", astral_text, -1);
  gint64 article = import_file (f, f->sample);
  gint64 astral = import_file (f, astral_path);
  g_autofree char *article_id = id_str (article);
  g_autofree char *astral_id = id_str (astral);
  g_autofree char *text = article_text (f, article);
  g_autofree char *stored_astral = article_text (f, astral);
  g_autofree char *range = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  Run run = { 0, };
  gint64 start;
  gint64 quote_id;

  cli (f, &run, "tag", "add", "Headline", "--key", "8", "--color", "#e01b24", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "annotate", article_id, "--quote", "互联网的解药", "--tag", "Headline",
       "--note", "the headline claim", "--author", "Tester", NULL);
  assert_ok (&run);
  quote_id = first_id (run.out);
  run_clear (&run);

  cli (f, &run, "annotations", article_id, "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  object = json_array_get_object_element (json_node_get_array (root), 0);
  start = cp_offset (text, "互联网的解药");
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, quote_id);
  g_assert_cmpint (json_object_get_int_member (object, "start"), ==, start);
  g_assert_cmpint (json_object_get_int_member (object, "end"), ==, start + 6);
  g_assert_cmpstr (json_object_get_string_member (object, "quote"), ==, "互联网的解药");
  g_assert_cmpstr (json_object_get_string_member (object, "note"), ==, "the headline claim");
  g_assert_cmpstr (json_object_get_string_member (object, "author"), ==, "Tester");
  g_assert_false (json_object_get_boolean_member (object, "orphaned"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (object, "tags"), 0), "path"), ==, "Headline");
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  /* --range counts code points: each astral character is one. */
  start = cp_offset (stored_astral, "目标文字");
  g_assert_cmpint (start, ==, 8);
  range = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, start, start + 4);
  cli (f, &run, "annotate", astral_id, "--range", range, NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "annotate", astral_id, "--quote", "😀", "--occurrence", "2", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "start"), ==, cp_offset (stored_astral, "😀之后"));
  g_assert_cmpint (json_object_get_int_member (object, "end") - json_object_get_int_member (object, "start"), ==, 1);
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  cli (f, &run, "annotations", astral_id, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "“目标文字”"));
  g_assert_nonnull (strstr (run.out, "8:12"));
  run_clear (&run);

  /* The count in list and the tag filter. */
  cli (f, &run, "annotations", "--tag", "Headline", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  cli (f, &run, "list", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "1 annotation\n"));
  g_assert_nonnull (strstr (run.out, "2 annotations\n"));
  run_clear (&run);

  /* Errors. */
  cli (f, &run, "annotate", article_id, "--quote", "这句话不在文章里", NULL);
  assert_error (&run, NULL);
  run_clear (&run);

  cli (f, &run, "annotate", "no such article", "--quote", "解药", NULL);
  assert_error (&run, "no such article");
  run_clear (&run);

  cli (f, &run, "annotate", astral_id, "--range", "5:5000", NULL);
  assert_error (&run, NULL);
  run_clear (&run);

  cli (f, &run, "annotate", article_id, "--quote", "解药", "--tag", "NoSuchTag", NULL);
  assert_error (&run, "NoSuchTag");
  run_clear (&run);

  cli (f, &run, "unannotate", "99999", NULL);
  assert_error (&run, "99999");
  run_clear (&run);

  /* Nothing of that was stored. */
  cli (f, &run, "annotations", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 3);
  run_clear (&run);
}

static JsonObject *
find_tag (JsonNode   *tags,
          const char *path)
{
  JsonArray *array = json_node_get_array (tags);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *tag = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (tag, "path"), path) == 0)
        return tag;
    }

  return NULL;
}

static JsonNode *
tags_json (Fixture *f)
{
  Run run = { 0, };
  JsonNode *root;

  cli (f, &run, "tags", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  run_clear (&run);

  return root;
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  gint64 article = import_file (f, f->sample);
  g_autofree char *article_id = id_str (article);
  g_autoptr(JsonNode) tags = NULL;
  JsonObject *tag;
  Run run = { 0, };

  cli (f, &run, "tag", "add", "Thesis", "--color", "#e01b24", "--key", "7",
       "--description", "An assertion to check", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "tag", "add", "Sub", "--parent", "Thesis", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "tag", "add", "Sub", "--parent", "Thesis", NULL);
  assert_error (&run, "Sub");
  run_clear (&run);

  cli (f, &run, "tag", "add", "Orphan", "--parent", "NoSuchParent", NULL);
  assert_error (&run, "NoSuchParent");
  run_clear (&run);

  cli (f, &run, "tag", "add", "Forecast", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "annotate", article_id, "--quote", "互联网的解药", "--tag", "Thesis/Sub", NULL);
  assert_ok (&run);
  run_clear (&run);
  /* A quote that occurs more than once needs --occurrence: never a silent guess. */
  cli (f, &run, "annotate", article_id, "--quote", "人工智能", "--tag", "Forecast", NULL);
  assert_error (&run, "occurs 32 times");
  run_clear (&run);
  cli (f, &run, "annotate", article_id, "--quote", "人工智能", "--occurrence", "1", "--tag", "Forecast", NULL);
  assert_ok (&run);
  run_clear (&run);
  cli (f, &run, "annotate", article_id, "--quote", "不在文中的话", NULL);
  assert_error (&run, "does not contain “不在文中的话”");
  run_clear (&run);

  tags = tags_json (f);
  tag = find_tag (tags, "Thesis");
  g_assert_nonnull (tag);
  g_assert_cmpstr (json_object_get_string_member (tag, "color"), ==, "#e01b24");
  g_assert_cmpint (json_object_get_int_member (tag, "key"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (tag, "description"), ==, "An assertion to check");
  tag = find_tag (tags, "Thesis/Sub");
  g_assert_nonnull (tag);
  g_assert_cmpint (json_object_get_int_member (tag, "count"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (tag, "depth"), ==, 1);
  g_clear_pointer (&tags, json_node_unref);

  cli (f, &run, "tags", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "  Sub  (1)"));
  g_assert_nonnull (strstr (run.out, "[7]"));
  g_assert_nonnull (strstr (run.out, "#e01b24"));
  run_clear (&run);

  /* retag is all or nothing: a tag the annotation lacks stops it all. */
  cli (f, &run, "annotations", "--tag", "Forecast", "--json", NULL);
  assert_ok (&run);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    g_autofree char *forecast = id_str (json_object_get_int_member (
      json_array_get_object_element (json_node_get_array (root), 0), "id"));

    run_clear (&run);
    cli (f, &run, "retag", forecast, "--add", "Thesis", "--remove", "Thesis/Sub", NULL);
    assert_error (&run, NULL);
    run_clear (&run);

    cli (f, &run, "retag", forecast, "--add", "Thesis", "--json", NULL);
    assert_ok (&run);
    g_clear_pointer (&root, json_node_unref);
    root = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "tags")), ==, 2);
    run_clear (&run);

    cli (f, &run, "retag", forecast, "--remove", "Thesis", NULL);
    assert_ok (&run);
    g_assert_nonnull (strstr (run.out, "Forecast"));
    run_clear (&run);

    cli (f, &run, "retag", forecast, NULL);
    assert_usage (&run, "retag");
  }
  run_clear (&run);

  tags = tags_json (f);
  g_assert_cmpint (json_object_get_int_member (find_tag (tags, "Thesis"), "count"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (find_tag (tags, "Forecast"), "count"), ==, 1);
  g_clear_pointer (&tags, json_node_unref);

  cli (f, &run, "tag", "rename", "Thesis/Sub", "Prognosis", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "tag", "recolor", "Thesis", "#3584e4", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "tag", "recolor", "Thesis", "blue-ish", NULL);
  assert_error (&run, NULL);
  run_clear (&run);

  cli (f, &run, "tag", "key", "Forecast", "7", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "tag", "key", "Forecast", "ten", NULL);
  assert_usage (&run, "tag key");
  run_clear (&run);

  cli (f, &run, "tag", "describe", "Forecast", "A claim about the future", NULL);
  assert_ok (&run);
  run_clear (&run);

  tags = tags_json (f);
  /* The key moved from Thesis to Forecast. */
  g_assert_cmpint (json_object_get_int_member (find_tag (tags, "Forecast"), "key"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (find_tag (tags, "Thesis"), "key"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (find_tag (tags, "Forecast"), "description"), ==,
                   "A claim about the future");
  g_clear_pointer (&tags, json_node_unref);

  cli (f, &run, "tag", "move", "Forecast", "--parent", "Thesis", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "tag", "move", "Thesis", "--parent", "Thesis/Forecast", NULL);
  assert_error (&run, NULL);
  run_clear (&run);

  tags = tags_json (f);
  g_assert_cmpstr (json_object_get_string_member (find_tag (tags, "Thesis"), "color"), ==, "#3584e4");
  g_assert_nonnull (find_tag (tags, "Thesis/Prognosis"));
  g_assert_nonnull (find_tag (tags, "Thesis/Forecast"));
  g_assert_null (find_tag (tags, "Thesis/Sub"));
  g_assert_null (find_tag (tags, "Forecast"));
  g_clear_pointer (&tags, json_node_unref);

  /* Merge: Forecast's annotation goes to Prognosis. */
  cli (f, &run, "tag", "merge", "Thesis/Forecast", "Thesis/Prognosis", NULL);
  assert_ok (&run);
  run_clear (&run);

  tags = tags_json (f);
  g_assert_null (find_tag (tags, "Thesis/Forecast"));
  g_assert_cmpint (json_object_get_int_member (find_tag (tags, "Thesis/Prognosis"), "count"), ==, 2);
  g_clear_pointer (&tags, json_node_unref);

  cli (f, &run, "tag", "merge", "Thesis/Forecast", "Thesis/Prognosis", NULL);
  assert_error (&run, "Thesis/Forecast");
  run_clear (&run);

  /* Remove keeping the annotations, then a removal that trashes them. */
  cli (f, &run, "tag", "remove", "Thesis/Prognosis", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "annotations", "--json", NULL);
  assert_ok (&run);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  }
  run_clear (&run);

  cli (f, &run, "tag", "add", "Temporary", NULL);
  assert_ok (&run);
  run_clear (&run);
  cli (f, &run, "annotate", article_id, "--quote", "Sora", "--occurrence", "1", "--tag", "Temporary", NULL);
  assert_ok (&run);
  run_clear (&run);
  cli (f, &run, "tag", "remove", "Temporary", "--with-annotations", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "annotations", "--json", NULL);
  assert_ok (&run);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  }
  run_clear (&run);

  cli (f, &run, "tag", "rename", "NoSuchTag", "X", NULL);
  assert_error (&run, "NoSuchTag");
  run_clear (&run);

  cli (f, &run, "tag", "remove", "NoSuchTag", NULL);
  assert_error (&run, "NoSuchTag");
  run_clear (&run);
}

static void
test_links_search (Fixture       *f,
                   gconstpointer  data)
{
  gint64 article = import_file (f, f->sample);
  g_autofree char *article_id = id_str (article);
  g_autofree char *claim = NULL;
  g_autofree char *evidence = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  Run run = { 0, };

  cli (f, &run, "annotate", article_id, "--quote", "互联网的解药", NULL);
  assert_ok (&run);
  claim = id_str (first_id (run.out));
  run_clear (&run);

  cli (f, &run, "annotate", article_id, "--quote", "陷入死局的互联网,有了新的解药", "--note", "证据", NULL);
  assert_ok (&run);
  evidence = id_str (first_id (run.out));
  run_clear (&run);

  cli (f, &run, "link", evidence, claim, "--type", "supports", "--note", "the body restates it", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "links", claim, "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  object = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpint (json_object_get_int_member (object, "from"), ==, g_ascii_strtoll (evidence, NULL, 10));
  g_assert_cmpint (json_object_get_int_member (object, "to"), ==, g_ascii_strtoll (claim, NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "supports");
  g_assert_cmpstr (json_object_get_string_member (object, "direction"), ==, "one-way");
  g_assert_cmpstr (json_object_get_string_member (object, "note"), ==, "the body restates it");
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  cli (f, &run, "links", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "supports"));
  run_clear (&run);

  cli (f, &run, "link", evidence, "99999", "--type", "supports", NULL);
  assert_error (&run, "99999");
  run_clear (&run);

  cli (f, &run, "link", claim, evidence, "--type", "elaborates", "--direction", "bidirectional",
       "--json", NULL);
  assert_ok (&run);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "direction"), ==,
                   "bidirectional");
  {
    g_autofree char *link_id = id_str (json_object_get_int_member (json_node_get_object (root), "id"));

    run_clear (&run);
    cli (f, &run, "unlink", link_id, NULL);
    assert_ok (&run);
    run_clear (&run);

    cli (f, &run, "unlink", link_id, NULL);
    assert_error (&run, NULL);
  }
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  cli (f, &run, "links", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  /* A two-character Chinese word: in the text and in the quotes. */
  cli (f, &run, "search", "解药", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  {
    JsonArray *hits = json_node_get_array (root);
    gboolean text_hit = FALSE;

    g_assert_cmpuint (json_array_get_length (hits), >=, 2);
    for (guint i = 0; i < json_array_get_length (hits); i++)
      {
        JsonObject *hit = json_array_get_object_element (hits, i);

        g_assert_cmpstr (json_object_get_string_member (hit, "match"), ==, "解药");
        g_assert_cmpint (json_object_get_int_member (hit, "article_id"), ==, article);
        if (g_strcmp0 (json_object_get_string_member (hit, "kind"), "text") == 0)
          text_hit = TRUE;
      }
    g_assert_true (text_hit);
  }
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  cli (f, &run, "search", "解药", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "[解药]"));
  g_assert_nonnull (strstr (run.out, "Sora"));
  run_clear (&run);

  cli (f, &run, "search", "证据", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  object = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "note");
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  cli (f, &run, "search", "解药", "--limit", "1", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  run_clear (&run);
}

static void
test_trash (Fixture       *f,
            gconstpointer  data)
{
  gint64 article = import_file (f, f->sample);
  g_autofree char *article_id = id_str (article);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *entry;
  g_autofree char *trash_id = NULL;
  g_autofree char *title = NULL;
  Run run = { 0, };

  cli (f, &run, "annotate", article_id, "--quote", "互联网的解药", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "show", article_id, "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  title = g_strdup (json_object_get_string_member (json_node_get_object (root), "title"));
  g_clear_pointer (&root, json_node_unref);
  run_clear (&run);

  cli (f, &run, "remove", article_id, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, title));
  run_clear (&run);

  cli (f, &run, "list", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  cli (f, &run, "show", article_id, NULL);
  assert_error (&run, NULL);
  run_clear (&run);

  cli (f, &run, "trash", "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  entry = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "article");
  g_assert_cmpstr (json_object_get_string_member (entry, "label"), ==, title);
  trash_id = id_str (json_object_get_int_member (entry, "id"));
  run_clear (&run);

  cli (f, &run, "trash", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "article"));
  run_clear (&run);

  cli (f, &run, "restore", trash_id, NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "restore", trash_id, NULL);
  assert_error (&run, NULL);
  run_clear (&run);

  cli (f, &run, "list", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "1 annotation\n"));
  run_clear (&run);

  cli (f, &run, "restore", "99999", NULL);
  assert_error (&run, "99999");
  run_clear (&run);

  cli (f, &run, "remove", "99999", NULL);
  assert_error (&run, "99999");
  run_clear (&run);

  cli (f, &run, "unannotate", "1", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "empty-trash", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "trash", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  cli (f, &run, "list", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "0 annotations\n"));
  run_clear (&run);
}

static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = NULL;
  g_autofree char *path = NULL;
  g_autofree char *article_id = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *gone_quote = "Sora更像是一把打开人工智能时代大门的钥匙";
  const char *inserted = "编者按:这是一段在标题之前新插入的段落。\n\n";
  const char *title;
  JsonObject *object;
  Run run = { 0, };
  gint64 old_start;

  g_file_get_contents (f->sample, &sample, NULL, &error);
  g_assert_no_error (error);
  path = write_file (f, "article.txt", sample, -1);
  article_id = id_str (import_file (f, path));
  old_text = article_text (f, g_ascii_strtoll (article_id, NULL, 10));
  old_start = cp_offset (old_text, "互联网的解药");

  cli (f, &run, "annotate", article_id, "--quote", "互联网的解药", NULL);
  assert_ok (&run);
  kept = id_str (first_id (run.out));
  run_clear (&run);

  cli (f, &run, "annotate", article_id, "--quote", gone_quote, NULL);
  assert_ok (&run);
  gone = id_str (first_id (run.out));
  run_clear (&run);

  /* From the stored original: nothing moves. */
  cli (f, &run, "reimport", article_id, "--json", NULL);
  assert_ok (&run);
  /* The file has not changed: nothing to point out. */
  g_assert_null (strstr (run.err, "has changed"));
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "exact"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "orphaned"), ==, 0);
  run_clear (&run);
  g_clear_pointer (&root, json_node_unref);

  /* A paragraph inserted before the first quote, the second quote deleted. */
  edited = g_string_new (sample);
  title = strstr (edited->str, "Sora打败不了");
  g_assert_nonnull (title);
  g_string_insert (edited, title - edited->str, inserted);
  g_assert_cmpuint (g_string_replace (edited, gone_quote, "", 1), ==, 1);
  g_file_set_contents (path, edited->str, -1, &error);
  g_assert_no_error (error);

  /* Without FILE the stored copy is read again, and the edit is pointed out. */
  cli (f, &run, "reimport", article_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2 exact"));
  g_assert_nonnull (strstr (run.err, path));
  g_assert_nonnull (strstr (run.err, "has changed since it was imported"));
  run_clear (&run);

  cli (f, &run, "reimport", article_id, path, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "1 orphaned"));
  g_assert_nonnull (strstr (run.out, gone_quote));
  {
    g_autofree char *line = g_strdup_printf ("orphaned\t%s\t", gone);

    g_assert_nonnull (strstr (run.out, line));
  }
  run_clear (&run);

  new_text = article_text (f, g_ascii_strtoll (article_id, NULL, 10));
  g_assert_null (strstr (new_text, gone_quote));

  cli (f, &run, "annotations", article_id, "--json", NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *a = json_array_get_object_element (json_node_get_array (root), i);
      g_autofree char *id = id_str (json_object_get_int_member (a, "id"));

      if (g_strcmp0 (id, kept) == 0)
        {
          g_assert_false (json_object_get_boolean_member (a, "orphaned"));
          g_assert_cmpint (json_object_get_int_member (a, "start"), ==,
                           old_start + g_utf8_strlen (inserted, -1));
          g_assert_cmpint (json_object_get_int_member (a, "start"), ==,
                           cp_offset (new_text, "互联网的解药"));
        }
      else
        {
          g_assert_cmpstr (id, ==, gone);
          g_assert_true (json_object_get_boolean_member (a, "orphaned"));
          g_assert_cmpstr (json_object_get_string_member (a, "quote"), ==, gone_quote);
        }
    }
  run_clear (&run);

  cli (f, &run, "annotations", article_id, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "ORPHANED"));
  run_clear (&run);

  /* The orphan re-attached by hand, with a note saying why. */
  cli (f, &run, "reattach", gone, "--quote", "Sora更像是", NULL);
  assert_error (&run, NULL);
  run_clear (&run);

  cli (f, &run, "reattach", gone, "--quote", "以此为开端", "--json", NULL);
  assert_ok (&run);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (object, "orphaned"));
  g_assert_cmpstr (json_object_get_string_member (object, "quote"), ==, "以此为开端");
  g_assert_cmpint (json_object_get_int_member (object, "start"), ==, cp_offset (new_text, "以此为开端"));
  run_clear (&run);

  cli (f, &run, "note", gone, "re-attached after the edit", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "annotations", article_id, NULL);
  assert_ok (&run);
  g_assert_null (strstr (run.out, "ORPHANED"));
  g_assert_nonnull (strstr (run.out, "re-attached after the edit"));
  run_clear (&run);

  cli (f, &run, "note", gone, "", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "reattach", gone, "--range", "1:99999999", NULL);
  assert_error (&run, NULL);
  run_clear (&run);

  cli (f, &run, "reattach", gone, NULL);
  assert_usage (&run, "reattach");
  run_clear (&run);

  cli (f, &run, "reimport", article_id, "/nonexistent/article.txt", NULL);
  assert_error (&run, "article.txt");
  run_clear (&run);

  cli (f, &run, "check", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "No problems"));
  run_clear (&run);

  cli (f, &run, "check", "--json", NULL);
  assert_ok (&run);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "ok"));
  run_clear (&run);
}

/* export and agreement parse their own options; import takes Glossa XML. */
static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  gint64 article = import_file (f, f->sample);
  g_autofree char *article_id = id_str (article);
  g_autofree char *xml = g_build_filename (f->dir, "export.xml", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.glossa", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  Run run = { 0, };

  cli (f, &run, "annotate", article_id, "--quote", "互联网的解药", "--tag", "Claim",
       "--note", "标题里的主张", NULL);
  assert_ok (&run);
  run_clear (&run);

  cli (f, &run, "export", "-o", xml, NULL);
  assert_ok (&run);
  run_clear (&run);
  g_assert_true (g_file_test (xml, G_FILE_TEST_IS_REGULAR));

  /* Usage errors of a command that parses its own options. */
  cli (f, &run, "export", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "glossa-cli: "));
  run_clear (&run);

  cli (f, &run, "export", "-o", xml, "--format", "docx", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* Into another library through the ordinary import command. */
  cli_no_library (f, &run, "import", xml, "--library", other, NULL);
  assert_ok (&run);
  run_clear (&run);

  cli_no_library (f, &run, "annotations", "--json", "--library", other, NULL);
  assert_ok (&run);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  object = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "quote"), ==, "互联网的解药");
  g_assert_cmpstr (json_object_get_string_member (object, "note"), ==, "标题里的主张");
  run_clear (&run);

  /* Two coders' files: the same file agrees with itself. */
  cli_no_library (f, &run, "agreement", xml, xml, "--json", NULL);
  assert_ok (&run);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  object = json_object_get_object_member (json_node_get_object (root), "overall");
  g_assert_cmpint (json_object_get_int_member (object, "only_a"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "only_b"), ==, 0);
  run_clear (&run);

  cli_no_library (f, &run, "agreement", xml, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
}

/* A library damaged behind Glossa's back: check names the problem, exit 1. */
static void
test_check_problems (Fixture       *f,
                     gconstpointer  data)
{
  gint64 article = import_file (f, f->sample);
  g_autofree char *article_id = id_str (article);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  sqlite3 *db = NULL;
  Run run = { 0, };
  gint64 annotation;

  cli (f, &run, "annotate", article_id, "--quote", "互联网的解药", NULL);
  assert_ok (&run);
  annotation = first_id (run.out);
  run_clear (&run);

  g_assert_cmpint (sqlite3_open (f->library, &db), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE annotations SET start = 999990, end = 999999"
                                            " WHERE id = %" G_GINT64_FORMAT, annotation);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_changes (db), ==, 1);
  }
  sqlite3_close (db);

  cli (f, &run, "check", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, !=, "");
  assert_error (&run, "1 problem found");
  run_clear (&run);

  cli (f, &run, "check", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "problems")), ==, 1);
  run_clear (&run);
}

static void
test_bad_library (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *garbage = write_file (f, "garbage.glossa",
                                         "This is not an SQLite database, just some text.\n", -1);
  g_autofree char *under_file = g_build_filename (garbage, "lib.glossa", NULL);
  Run run = { 0, };

  cli_no_library (f, &run, "list", "--library", garbage, NULL);
  assert_error (&run, "garbage.glossa");
  run_clear (&run);

  cli_no_library (f, &run, "check", "--library", garbage, NULL);
  assert_error (&run, "garbage.glossa");
  run_clear (&run);

  /* A library "inside" a regular file cannot be created. */
  cli_no_library (f, &run, "list", "--library", under_file, NULL);
  assert_error (&run, NULL);
  run_clear (&run);
}

/* Options every command takes may also come before the command. */
static void
test_global_options_first (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) list = NULL;
  Run run = { 0, };

  cli_no_library (f, &run, "--library", f->library, "import", f->sample, NULL);
  assert_ok (&run);
  run_clear (&run);

  cli_no_library (f, &run, "--json", "--library", f->library, "list", NULL);
  assert_ok (&run);
  list = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  run_clear (&run);

  /* The short form too, as "glossa-cli --help" lists it. */
  cli_no_library (f, &run, "-L", f->library, "--json", "list", NULL);
  assert_ok (&run);
  g_clear_pointer (&list, json_node_unref);
  list = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  run_clear (&run);

  /* Options and no command: the usage, exit 2. */
  cli_no_library (f, &run, "--library", f->library, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/usage", test_usage);
  ADD ("/cli/extract", test_extract);
  ADD ("/cli/import-list-show", test_import_list_show);
  ADD ("/cli/annotate", test_annotate);
  ADD ("/cli/tags", test_tags);
  ADD ("/cli/links-search", test_links_search);
  ADD ("/cli/trash", test_trash);
  ADD ("/cli/reimport", test_reimport);
  ADD ("/cli/exchange", test_exchange);
  ADD ("/cli/check-problems", test_check_problems);
  ADD ("/cli/bad-library", test_bad_library);
  ADD ("/cli/global-options-first", test_global_options_first);

#undef ADD

  return g_test_run ();
}
