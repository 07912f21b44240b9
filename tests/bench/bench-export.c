/* bench-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exchange formats at scale: N annotations over N/100 articles (N = 100,000
 * × GLOSSA_BENCH_SCALE).  Each phase runs in its own process so that its
 * peak RSS (getrusage) is its own:
 *
 *   export-xml   glossa_xml_export            vs raw-write: the same rows read
 *                                             with raw SQLite and written with a
 *                                             bare xmlTextWriter
 *   import-xml   glossa_xml_import (schema    vs raw-read: xmlTextReader over the
 *                validation, merge by uuid)   same file and a bulk insert of the
 *                                             rows into plain SQLite tables, and
 *                                             into the library's own tables
 *                                             (whose triggers keep counts and
 *                                             the full-text index)
 *   export-qdpx / import-qdpx                 time and peak RSS
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <sqlite3.h>

#include "glossa-library-private.h"
#include "glossa-qdpx.h"
#include "glossa-xml.h"

#define PER_ARTICLE 100

static const char *sentences[] = {
  "人工智能是互联网的解药，这是一个大胆的说法。",
  "A survey of 1,000 readers found that 42% trust machine summaries.",
  "批评者认为，这种说法缺乏可靠的证据支持。",
  "The press release calls it a turning point for the attention economy.",
  "视频生成模型标志着内容生产的新时代😀。",
};

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
result (const char *phase,
        gint64      start)
{
  g_print ("RESULT %s %.3f %.1f\n", phase, (g_get_monotonic_time () - start) / 1e6, peak_rss_mib ());
}

static void
build (const char *path,
       guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaLibrary) library = glossa_library_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 tags[5];
  const char *names[] = { "Claim", "Evidence", "Statistic", "Quote", "Question" };
  guint n_articles = MAX (n / PER_ARTICLE, 1);
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_true (glossa_library_begin (library, &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GlossaTag) existing = glossa_library_lookup_tag (library, names[i], NULL);

      tags[i] = existing ? glossa_tag_get_id (existing)
                         : glossa_library_add_tag (library, names[i], 0, NULL, NULL, 0, NULL, &error);
      g_assert_no_error (error);
    }

  for (guint a = 0; a < n_articles; a++)
    {
      g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 offset = 0, article;

      /* one sentence per annotation, a paragraph every five */
      for (guint s = 0; s < PER_ARTICLE; s++)
        {
          const char *sentence = sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))];

          g_array_append_val (starts, offset);
          g_string_append (text, sentence);
          offset += g_utf8_strlen (sentence, -1);
          g_string_append_c (text, s % 5 == 4 ? '\n' : ' ');
          offset++;
        }
      extracted->title = g_strdup_printf ("Article %u", a);
      extracted->format = g_strdup ("text");
      glossa_extracted_set_text (extracted, g_string_free (g_steal_pointer (&text), FALSE));
      article = glossa_library_add_article (library, extracted, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      for (guint s = 0; s < PER_ARTICLE; s++)
        {
          gint64 from = g_array_index (starts, gint64, s);
          gint64 to = (s + 1 < PER_ARTICLE ? g_array_index (starts, gint64, s + 1) : offset) - 1;
          gint64 two[2] = { tags[s % 5], tags[(s + 2) % 5] };

          glossa_library_add_annotation (library, article, from, to, two, 1 + s % 2,
                                         s % 3 == 0 ? "A note on this passage." : NULL, "Bench", NULL, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_true (glossa_library_commit (library, &error));
  g_assert_no_error (error);
  result ("build", start);
}

/* The same rows and almost the same markup as glossa_xml_export, with
 * nothing but SQLite and xmlTextWriter. */
static void
raw_write (const char *db_path,
           const char *out)
{
  sqlite3 *db;
  sqlite3_stmt *articles, *annotations;
  xmlTextWriterPtr w;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT a.id, a.uuid, a.title, a.imported, a.modified, a.length, c.text "
                                       "FROM articles a JOIN article_content c ON c.article_id = a.id "
                                       "WHERE a.trash_id IS NULL ORDER BY a.imported", -1, &articles, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT n.uuid, n.start, n.end, n.quote, n.prefix, n.suffix, n.note, "
                                       "n.author, n.created, n.modified, "
                                       "(SELECT group_concat (t.uuid) FROM annotation_tags at JOIN tags t "
                                       "ON t.id = at.tag_id WHERE at.annotation_id = n.id) "
                                       "FROM annotations n WHERE n.article_id = ? AND n.trash_id IS NULL "
                                       "ORDER BY n.start", -1, &annotations, NULL),
                   ==, SQLITE_OK);

  w = xmlNewTextWriterFilename (out, 0);
  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL);
  xmlTextWriterStartElementNS (w, NULL, BAD_CAST "glossa", BAD_CAST GLOSSA_XML_NS);
  xmlTextWriterStartElement (w, BAD_CAST "articles");
  while (sqlite3_step (articles) == SQLITE_ROW)
    {
      xmlTextWriterStartElement (w, BAD_CAST "article");
      xmlTextWriterWriteAttribute (w, BAD_CAST "uuid", sqlite3_column_text (articles, 1));
      xmlTextWriterWriteFormatAttribute (w, BAD_CAST "imported", "%lld", sqlite3_column_int64 (articles, 3));
      xmlTextWriterWriteFormatAttribute (w, BAD_CAST "modified", "%lld", sqlite3_column_int64 (articles, 4));
      xmlTextWriterWriteFormatAttribute (w, BAD_CAST "length", "%lld", sqlite3_column_int64 (articles, 5));
      xmlTextWriterWriteElement (w, BAD_CAST "title", sqlite3_column_text (articles, 2));
      xmlTextWriterWriteElement (w, BAD_CAST "text", sqlite3_column_text (articles, 6));
      xmlTextWriterStartElement (w, BAD_CAST "annotations");
      sqlite3_bind_int64 (annotations, 1, sqlite3_column_int64 (articles, 0));
      while (sqlite3_step (annotations) == SQLITE_ROW)
        {
          xmlTextWriterStartElement (w, BAD_CAST "annotation");
          xmlTextWriterWriteAttribute (w, BAD_CAST "uuid", sqlite3_column_text (annotations, 0));
          xmlTextWriterWriteFormatAttribute (w, BAD_CAST "start", "%lld", sqlite3_column_int64 (annotations, 1));
          xmlTextWriterWriteFormatAttribute (w, BAD_CAST "end", "%lld", sqlite3_column_int64 (annotations, 2));
          xmlTextWriterWriteFormatAttribute (w, BAD_CAST "created", "%lld", sqlite3_column_int64 (annotations, 8));
          xmlTextWriterWriteFormatAttribute (w, BAD_CAST "modified", "%lld", sqlite3_column_int64 (annotations, 9));
          xmlTextWriterWriteElement (w, BAD_CAST "quote", sqlite3_column_text (annotations, 3));
          xmlTextWriterWriteElement (w, BAD_CAST "prefix", sqlite3_column_text (annotations, 4));
          xmlTextWriterWriteElement (w, BAD_CAST "suffix", sqlite3_column_text (annotations, 5));
          xmlTextWriterWriteElement (w, BAD_CAST "author", sqlite3_column_text (annotations, 7));
          xmlTextWriterWriteElement (w, BAD_CAST "tags", sqlite3_column_text (annotations, 10));
          xmlTextWriterWriteElement (w, BAD_CAST "note", sqlite3_column_text (annotations, 6));
          xmlTextWriterEndElement (w);
        }
      sqlite3_reset (annotations);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  sqlite3_finalize (articles);
  sqlite3_finalize (annotations);
  sqlite3_close (db);
  result ("raw-write", start);
}

static sqlite3_stmt *
db_prepare (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

/* Reads a Glossa XML file with a bare xmlTextReader and inserts its
 * articles and annotations into two plain tables in one transaction. */
static void
raw_read (const char *file,
          const char *db_path,
          gboolean    glossa_schema)
{
  sqlite3 *db;
  sqlite3_stmt *insert_article, *insert_annotation, *content, *insert_tag, *insert_ref;
  g_autoptr(GHashTable) tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  xmlTextReaderPtr reader;
  gint64 start = g_get_monotonic_time ();
  gint64 article = 0;
  g_autofree char *current = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (glossa_schema)
    {
      /* the library's own tables, indexes and triggers (counts, full-text) */
      g_autoptr(GlossaLibrary) library = glossa_library_open (db_path, NULL);
      g_assert_nonnull (library);
    }
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  if (glossa_schema)
    {
      sqlite3_exec (db, "PRAGMA journal_mode=WAL; BEGIN", NULL, NULL, NULL);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO articles (uuid, title, sha256, imported, modified, length) "
                                           "VALUES (?1, ?2, '', 0, 0, length (?3))", -1, &insert_article, NULL),
                       ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO annotations (uuid, article_id, start, end, quote, prefix, "
                                           "suffix, note, author, created, modified) "
                                           "VALUES (?, ?, ?, ?, ifnull (?, ''), ifnull (?, ''), ifnull (?, ''), ifnull (?, ''), "
                                           "ifnull (?, ''), 0, 0)", -1,
                                           &insert_annotation, NULL),
                       ==, SQLITE_OK);
    }
  else
    {
      sqlite3_exec (db, "PRAGMA journal_mode=WAL;"
                    "CREATE TABLE articles (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, title TEXT, text TEXT);"
                    "CREATE TABLE annotations (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, article_id INTEGER, "
                    "start INTEGER, end INTEGER, quote TEXT, prefix TEXT, suffix TEXT, note TEXT, author TEXT);"
                    "CREATE INDEX annotations_article ON annotations (article_id, start, end);"
                    "BEGIN", NULL, NULL, NULL);
      sqlite3_prepare_v2 (db, "INSERT INTO articles (uuid, title, text) VALUES (?, ?, ?)", -1, &insert_article, NULL);
      sqlite3_prepare_v2 (db, "INSERT INTO annotations (uuid, article_id, start, end, quote, prefix, suffix, note, "
                          "author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &insert_annotation, NULL);
    }
  content = glossa_schema ? db_prepare (db, "INSERT INTO article_content (article_id, text) VALUES (?, ?)") : NULL;
  insert_tag = glossa_schema ? db_prepare (db, "INSERT INTO tags (uuid, name, color, created, modified) "
                                               "VALUES (?1, ?1, '#808080', 0, 0)") : NULL;
  insert_ref = glossa_schema ? db_prepare (db, "INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)")
                             : NULL;

  reader = xmlReaderForFile (file, NULL, XML_PARSE_NONET);
  while (xmlTextReaderRead (reader) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);

      if (glossa_schema && type == XML_READER_TYPE_ELEMENT && g_str_equal (name, "tag"))
        {
          g_autofree char *uuid = (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "uuid");

          sqlite3_bind_text (insert_tag, 1, uuid, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (insert_tag), ==, SQLITE_DONE);
          sqlite3_reset (insert_tag);
          g_hash_table_insert (tag_ids, g_steal_pointer (&uuid),
                               g_memdup2 (&(gint64) { sqlite3_last_insert_rowid (db) }, sizeof (gint64)));
        }
      else if (glossa_schema && type == XML_READER_TYPE_ELEMENT && g_str_equal (name, "tag-ref"))
        {
          g_autofree char *uuid = (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "uuid");
          gint64 *id = g_hash_table_lookup (tag_ids, uuid);

          g_array_append_val (refs, *id);
        }
      else if (type == XML_READER_TYPE_ELEMENT && (g_str_equal (name, "article") || g_str_equal (name, "annotation")))
        {
          g_hash_table_remove_all (fields);
          g_hash_table_insert (fields, g_strdup ("uuid"), (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "uuid"));
          g_hash_table_insert (fields, g_strdup ("start"), (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "start"));
          g_hash_table_insert (fields, g_strdup ("end"), (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "end"));
        }
      else if (type == XML_READER_TYPE_ELEMENT)
        {
          g_free (current);
          current = g_strdup (name);
        }
      else if (type == XML_READER_TYPE_TEXT && current != NULL)
        {
          char *old = g_hash_table_lookup (fields, current);
          g_hash_table_insert (fields, g_strdup (current),
                               g_strconcat (old ? old : "", (const char *) xmlTextReaderConstValue (reader), NULL));
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && g_str_equal (name, "hyperlinks"))
        {
          sqlite3_bind_text (insert_article, 1, g_hash_table_lookup (fields, "uuid"), -1, SQLITE_STATIC);
          sqlite3_bind_text (insert_article, 2, g_hash_table_lookup (fields, "title"), -1, SQLITE_STATIC);
          sqlite3_bind_text (insert_article, 3, g_hash_table_lookup (fields, "part"), -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (insert_article), ==, SQLITE_DONE);
          sqlite3_reset (insert_article);
          article = sqlite3_last_insert_rowid (db);
          if (content != NULL)
            {
              sqlite3_bind_int64 (content, 1, article);
              sqlite3_bind_text (content, 2, g_hash_table_lookup (fields, "part"), -1, SQLITE_STATIC);
              g_assert_cmpint (sqlite3_step (content), ==, SQLITE_DONE);
              sqlite3_reset (content);
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && g_str_equal (name, "annotation"))
        {
          const char *cols[] = { "quote", "prefix", "suffix", "note", "author" };

          sqlite3_bind_text (insert_annotation, 1, g_hash_table_lookup (fields, "uuid"), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (insert_annotation, 2, article);
          sqlite3_bind_int64 (insert_annotation, 3, g_ascii_strtoll (g_hash_table_lookup (fields, "start"), NULL, 10));
          sqlite3_bind_int64 (insert_annotation, 4, g_ascii_strtoll (g_hash_table_lookup (fields, "end"), NULL, 10));
          for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
            sqlite3_bind_text (insert_annotation, 5 + i, g_hash_table_lookup (fields, cols[i]), -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (insert_annotation), ==, SQLITE_DONE);
          sqlite3_reset (insert_annotation);
          for (guint i = 0; i < refs->len; i++)
            {
              sqlite3_bind_int64 (insert_ref, 1, sqlite3_last_insert_rowid (db));
              sqlite3_bind_int64 (insert_ref, 2, g_array_index (refs, gint64, i));
              g_assert_cmpint (sqlite3_step (insert_ref), ==, SQLITE_DONE);
              sqlite3_reset (insert_ref);
            }
          g_array_set_size (refs, 0);
          g_hash_table_remove (fields, "note");
          g_hash_table_remove (fields, "prefix");
          g_hash_table_remove (fields, "suffix");
        }
      if (type == XML_READER_TYPE_END_ELEMENT)
        g_clear_pointer (&current, g_free);
    }
  xmlFreeTextReader (reader);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (insert_article);
  sqlite3_finalize (insert_annotation);
  sqlite3_finalize (content);
  sqlite3_finalize (insert_tag);
  sqlite3_finalize (insert_ref);
  sqlite3_close (db);
  result (glossa_schema ? "raw-read-glossa" : "raw-read", start);
}

static int
run_phase (char **argv)
{
  const char *phase = argv[1];
  g_autoptr(GError) error = NULL;
  gint64 start;

  if (g_str_equal (phase, "build"))
    {
      build (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
      return 0;
    }
  if (g_str_equal (phase, "raw-write"))
    {
      raw_write (argv[2], argv[3]);
      return 0;
    }
  if (g_str_equal (phase, "raw-read") || g_str_equal (phase, "raw-read-glossa"))
    {
      raw_read (argv[2], argv[3], g_str_equal (phase, "raw-read-glossa"));
      return 0;
    }

  {
    g_autoptr(GlossaLibrary) library = glossa_library_open (argv[2], &error);

    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    if (g_str_equal (phase, "export-xml"))
      g_assert_true (glossa_xml_export_to_path (library, NULL, argv[3], NULL, &error));
    else if (g_str_equal (phase, "import-xml"))
      g_assert_true (glossa_xml_import (library, argv[3], NULL, NULL, &error));
    else if (g_str_equal (phase, "export-qdpx"))
      g_assert_true (glossa_qdpx_export (library, NULL, argv[3], NULL, NULL, &error));
    else if (g_str_equal (phase, "import-qdpx"))
      g_assert_true (glossa_qdpx_import (library, argv[3], NULL, NULL, &error));
    else
      g_assert_not_reached ();
    g_assert_no_error (error);
    result (phase, start);
  }

  return 0;
}

typedef struct {
  double seconds;
  double rss;
} Figure;

static Figure
spawn (const char *self,
       const char *phase,
       const char *a,
       const char *b)
{
  const char *argv[] = { self, phase, a, b, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  Figure figure = { 0 };
  const char *line;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  line = strstr (out, "RESULT ");
  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line + strlen ("RESULT ") + strlen (phase), "%lf %lf", &figure.seconds, &figure.rss), ==, 2);

  return figure;
}

static double
file_mib (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / (1024.0 * 1024.0) : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *source = NULL, *xml = NULL, *raw_xml = NULL, *target = NULL, *raw_db = NULL;
  g_autofree char *qdpx = NULL, *qdpx_target = NULL, *n_str = NULL, *raw_glossa = NULL;
  const char *scale_env = g_getenv ("GLOSSA_BENCH_SCALE");
  double scale = scale_env ? g_ascii_strtod (scale_env, NULL) : 1.0;
  guint n = (guint) (100000 * (scale > 0 ? scale : 1.0));
  Figure built, exported, raw_written, imported, raw_read_fig, raw_glossa_fig, qdpx_out, qdpx_in;

  if (argc > 2)
    return run_phase (argv);

  dir = g_dir_make_tmp ("glossa-bench-export-XXXXXX", NULL);
  source = g_build_filename (dir, "source.glossa", NULL);
  xml = g_build_filename (dir, "export.xml", NULL);
  raw_xml = g_build_filename (dir, "raw.xml", NULL);
  target = g_build_filename (dir, "target.glossa", NULL);
  raw_db = g_build_filename (dir, "raw.sqlite", NULL);
  raw_glossa = g_build_filename (dir, "raw.glossa", NULL);
  qdpx = g_build_filename (dir, "export.qdpx", NULL);
  qdpx_target = g_build_filename (dir, "qdpx.glossa", NULL);
  n_str = g_strdup_printf ("%u", n);

  g_print ("%u annotations over %u articles\n", n, MAX (n / PER_ARTICLE, 1));
  built = spawn (argv[0], "build", source, n_str);
  g_print ("%-34s %8.2f s  peak RSS %7.1f MiB\n", "building the library", built.seconds, built.rss);

  exported = spawn (argv[0], "export-xml", source, xml);
  raw_written = spawn (argv[0], "raw-write", source, raw_xml);
  g_print ("%-34s %8.2f s  peak RSS %7.1f MiB  (%.1f MiB file)\n", "export Glossa XML", exported.seconds,
           exported.rss, file_mib (xml));
  g_print ("%-34s %8.2f s  peak RSS %7.1f MiB  (%.1f MiB file)\n", "  baseline: SQLite + xmlTextWriter",
           raw_written.seconds, raw_written.rss, file_mib (raw_xml));
  g_print ("%-34s %8.2f×\n", "  ratio (target ≤ 2×)", exported.seconds / raw_written.seconds);

  imported = spawn (argv[0], "import-xml", target, xml);
  raw_read_fig = spawn (argv[0], "raw-read", xml, raw_db);
  g_print ("%-34s %8.2f s  peak RSS %7.1f MiB\n", "import Glossa XML", imported.seconds, imported.rss);
  raw_glossa_fig = spawn (argv[0], "raw-read-glossa", xml, raw_glossa);
  g_print ("%-34s %8.2f s  peak RSS %7.1f MiB\n", "  baseline: reader + plain tables", raw_read_fig.seconds,
           raw_read_fig.rss);
  g_print ("%-34s %8.2f s  peak RSS %7.1f MiB\n", "  baseline: reader + Glossa schema", raw_glossa_fig.seconds,
           raw_glossa_fig.rss);
  g_print ("%-34s %8.2f× plain, %.2f× same schema\n", "  ratio (target ≤ 2×)",
           imported.seconds / raw_read_fig.seconds, imported.seconds / raw_glossa_fig.seconds);

  qdpx_out = spawn (argv[0], "export-qdpx", source, qdpx);
  qdpx_in = spawn (argv[0], "import-qdpx", qdpx_target, qdpx);
  g_print ("%-34s %8.2f s  peak RSS %7.1f MiB  (%.1f MiB file)\n", "export .qdpx", qdpx_out.seconds, qdpx_out.rss,
           file_mib (qdpx));
  g_print ("%-34s %8.2f s  peak RSS %7.1f MiB\n", "import .qdpx", qdpx_in.seconds, qdpx_in.rss);

  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_remove (path);
      }
    g_rmdir (dir);
  }

  return 0;
}
