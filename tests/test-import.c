/* test-import.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing real files written to a fresh temp dir: plain text, Markdown,
 * the dispatch between importers, and every way a file can be refused.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <glib/gstdio.h>

#include "glossa-import.h"

#define TRADITIONAL_ZH \
  "臺灣的研究者認為，人工智慧將會徹底改變新聞業的未來。讀者應該學會如何判斷資訊的真偽，" \
  "並且對每一個論點都要求證據。"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("glossa-import-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_bytes (Fixture    *fixture,
             const char *name,
             GBytes     *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return write_file (fixture, name, data, len);
}

static GBytes *
encode (const char *utf8,
        const char *encoding)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  char *bytes;

  bytes = g_convert (utf8, -1, encoding, "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (bytes, len);
}

static GlossaExtracted *
import_path (const char  *path,
             const char  *encoding,
             gsize        max_size,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return glossa_import_file (file, encoding, max_size, NULL, NULL, error);
}

static GlossaExtracted *
import_ok (const char *path,
           const char *encoding)
{
  g_autoptr(GError) error = NULL;
  GlossaExtracted *ex = import_path (path, encoding, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ex);
  g_assert_true (g_utf8_validate (ex->text, -1, NULL));
  g_assert_cmpint (ex->length, ==, g_utf8_strlen (ex->text, -1));
  return ex;
}

static GlossaExtracted *
import_string (const char *name,
               const char *mime_type,
               const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  GlossaExtracted *ex = glossa_import_bytes (bytes, name, mime_type, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ex);
  g_assert_cmpint (ex->length, ==, g_utf8_strlen (ex->text, -1));
  return ex;
}

static char *
block_text (GlossaExtracted *ex,
            guint            i)
{
  const GlossaBlock *block;

  g_assert_cmpuint (i, <, ex->blocks->len);
  block = &g_array_index (ex->blocks, GlossaBlock, i);
  g_assert_cmpint (block->start, <=, block->end);
  g_assert_cmpint (block->end, <=, ex->length);
  return g_utf8_substring (ex->text, block->start, block->end);
}

static void
assert_block (GlossaExtracted *ex,
              guint            i,
              GlossaBlockKind  kind,
              guint            level,
              const char      *expected)
{
  g_autofree char *text = block_text (ex, i);
  const GlossaBlock *block = &g_array_index (ex->blocks, GlossaBlock, i);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (glossa_block_kind_to_string (block->kind), ==,
                   glossa_block_kind_to_string (kind));
  g_assert_cmpuint (block->level, ==, level);
}

static void
assert_link (GlossaExtracted *ex,
             guint            i,
             const char      *text,
             const char      *href)
{
  const GlossaLinkSpan *span;
  g_autofree char *span_text = NULL;

  g_assert_cmpuint (i, <, ex->links->len);
  span = &g_array_index (ex->links, GlossaLinkSpan, i);
  span_text = g_utf8_substring (ex->text, span->start, span->end);
  g_assert_cmpstr (span_text, ==, text);
  g_assert_cmpstr (span->href, ==, href);
}

static void
assert_error_names (const GError *error,
                    const char   *path)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", path);

  g_assert_nonnull (error);
  if (strstr (error->message, quoted) == NULL)
    g_error ("“%s” does not name %s", error->message, quoted);
}

static char *
shared_sample (const char *name)
{
  const char *shared = g_getenv ("GLOSSA_SHARED_DIR");

  return g_build_filename (shared ? shared : "/work/shared", "samples", name, NULL);
}

/* The first paragraphs of the scraped article (they hold no NBSP). */
static char *
chinese_paragraphs (guint n)
{
  g_autofree char *path = shared_sample ("sora-article-scraped.txt");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean started = FALSE;
  guint taken = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && taken < n; i++)
    {
      if (g_str_has_prefix (lines[i], "Sora的横空出世"))
        started = TRUE;
      if (!started || strlen (lines[i]) < 20)
        continue;
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, lines[i]);
      taken++;
    }
  g_assert_cmpuint (taken, ==, n);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---------------------------------------------------------------------- */
/* Plain text */

static void
check_encoded_file (Fixture    *fixture,
                    const char *utf8,
                    const char *encoding,
                    const char *bom,
                    gsize       bom_len,
                    const char *expected_encoding)
{
  g_autoptr(GBytes) body = encode (utf8, encoding);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%zu.txt", encoding, bom_len);
  g_autofree char *path = NULL;

  g_byte_array_append (data, (const guint8 *) bom, bom_len);
  g_byte_array_append (data, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  path = write_bytes (fixture, name, bytes);

  ex = import_ok (path, NULL);
  g_assert_cmpstr (ex->text, ==, utf8);
  g_assert_cmpstr (ex->encoding, ==, expected_encoding);
  g_assert_cmpstr (ex->format, ==, "text");
}

static void
test_text_encodings (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *zh = chinese_paragraphs (3);
  const char *mixed = "Mixed 中文 and English, “quotes”, 𠀀 and 😀.\n\nSecond paragraph.\n";
  const char *western = "“Café” — naïve résumé for €5.\n\nZoë’s façade.\n";

  check_encoded_file (fixture, mixed, "UTF-8", "", 0, "UTF-8");
  check_encoded_file (fixture, mixed, "UTF-8", "\xEF\xBB\xBF", 3, "UTF-8");
  check_encoded_file (fixture, mixed, "UTF-16LE", "\xFF\xFE", 2, "UTF-16LE");
  check_encoded_file (fixture, mixed, "UTF-16BE", "\xFE\xFF", 2, "UTF-16BE");
  check_encoded_file (fixture, mixed, "UTF-32LE", "\xFF\xFE\0\0", 4, "UTF-32LE");
  check_encoded_file (fixture, mixed, "UTF-32BE", "\0\0\xFE\xFF", 4, "UTF-32BE");
  /* Without a BOM, UTF-16 of mostly Latin text is recognised, not binary. */
  check_encoded_file (fixture, mixed, "UTF-16LE", "", 0, "UTF-16LE");
  check_encoded_file (fixture, mixed, "UTF-16BE", "", 0, "UTF-16BE");
  check_encoded_file (fixture, zh, "GBK", "", 0, "GB18030");
  check_encoded_file (fixture, zh, "GB18030", "", 0, "GB18030");
  check_encoded_file (fixture, TRADITIONAL_ZH, "BIG5", "", 0, "BIG5");
  check_encoded_file (fixture, western, "WINDOWS-1252", "", 0, "WINDOWS-1252");
}

static void
test_text_override (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *zh = chinese_paragraphs (2);
  g_autoptr(GBytes) gbk = encode (zh, "GBK");
  g_autoptr(GBytes) western = encode ("Résumé of “the” café.\n", "WINDOWS-1252");
  g_autofree char *gbk_path = write_bytes (fixture, "gbk.txt", gbk);
  g_autofree char *western_path = write_bytes (fixture, "western.txt", western);
  g_autoptr(GlossaExtracted) ex = NULL;
  g_autoptr(GError) error = NULL;

  ex = import_ok (gbk_path, "gb2312");
  g_assert_cmpstr (ex->text, ==, zh);
  g_assert_cmpstr (ex->encoding, ==, "GB18030");
  g_clear_pointer (&ex, glossa_extracted_free);

  /* Windows-1252 bytes declared UTF-8: refused, with file, encoding, offset. */
  ex = import_path (western_path, "utf-8", 0, &error);
  g_assert_null (ex);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING);
  assert_error_names (error, western_path);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_assert_nonnull (strstr (error->message, "offset 1"));
  g_clear_error (&error);

  /* Windows-1252 declared GBK: "R\xE9sum\xE9 " pairs E9 73, then E9 20 is
   * no GBK character. */
  ex = import_path (western_path, "gbk", 0, &error);
  g_assert_null (ex);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING);
  assert_error_names (error, western_path);
  g_assert_nonnull (strstr (error->message, "GB18030"));
  g_assert_nonnull (strstr (error->message, "offset 5"));
  g_clear_error (&error);

  ex = import_path (gbk_path, "no-such-charset", 0, &error);
  g_assert_null (ex);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING);
  assert_error_names (error, gbk_path);
}

static void
test_text_newlines (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *crlf = write_file (fixture, "crlf.txt", "One\r\ntwo\r\n\r\nThree\r\n", -1);
  g_autofree char *cr = write_file (fixture, "cr.txt", "One\rtwo\r\rThree\r", -1);
  g_autofree char *mixed = write_file (fixture, "mixed.txt", "One\r\ntwo\n\rThree", -1);
  const char *paths[] = { crlf, cr, mixed };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GlossaExtracted) ex = import_ok (paths[i], NULL);

      g_assert_null (strchr (ex->text, '\r'));
      g_assert_true (g_str_has_prefix (ex->text, "One\ntwo\n\nThree"));
      g_assert_cmpuint (ex->blocks->len, ==, 2);
      assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "One\ntwo");
      assert_block (ex, 1, GLOSSA_BLOCK_PARAGRAPH, 0, "Three");
    }
}

static void
test_text_blank_lines (Fixture       *fixture,
                       gconstpointer  data)
{
  /* Separators: spaces and tabs, NBSP only, ideographic space only, and
   * several blank lines in a row; the paragraphs' own edges are trimmed. */
  const char *text =
    "\n\nFirst paragraph,\nstill first.\n"
    " \t \n"
    "第二段。\n"
    "\302\240\302\240\n"
    "  Third, indented.  \n"
    "\343\200\200\n"
    "\343\200\200\343\200\200第四段，首行缩进。\n"
    "\n\n\n"
    "Fifth\302\240with NBSP inside.\n\n";
  g_autofree char *path = write_file (fixture, "blank.txt", text, -1);
  g_autoptr(GlossaExtracted) ex = import_ok (path, NULL);

  g_assert_cmpstr (ex->text, ==, text);
  g_assert_cmpuint (ex->blocks->len, ==, 5);
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "First paragraph,\nstill first.");
  assert_block (ex, 1, GLOSSA_BLOCK_PARAGRAPH, 0, "第二段。");
  assert_block (ex, 2, GLOSSA_BLOCK_PARAGRAPH, 0, "Third, indented.");
  assert_block (ex, 3, GLOSSA_BLOCK_PARAGRAPH, 0, "第四段，首行缩进。");
  assert_block (ex, 4, GLOSSA_BLOCK_PARAGRAPH, 0, "Fifth\302\240with NBSP inside.");
}

static void
test_text_line_paragraphs (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *zh = chinese_paragraphs (3);
  g_auto(GStrv) zh_paragraphs = g_strsplit (zh, "\n\n", -1);
  g_autofree char *indented = NULL;
  g_autofree char *long_lines = NULL;
  g_autofree char *wrapped = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;
  g_autoptr(GString) source = g_string_new (NULL);

  /* Chinese paragraphs indented with two ideographic spaces, one per line. */
  for (guint i = 0; zh_paragraphs[i] != NULL; i++)
    g_string_append_printf (source, "\343\200\200\343\200\200%s\n", zh_paragraphs[i]);
  indented = write_file (fixture, "indented.txt", source->str, -1);
  ex = import_ok (indented, NULL);
  g_assert_cmpuint (ex->blocks->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_block (ex, i, GLOSSA_BLOCK_PARAGRAPH, 0, zh_paragraphs[i]);
  g_clear_pointer (&ex, glossa_extracted_free);

  /* A word processor's export: long lines, no blank line between them. */
  long_lines = write_file (fixture, "export.txt",
                           "The first paragraph is a long line, as word processors write them when they "
                           "save a document as plain text, without any wrapping at all.\n"
                           "Second paragraph.\n", -1);
  ex = import_ok (long_lines, NULL);
  g_assert_cmpuint (ex->blocks->len, ==, 2);
  assert_block (ex, 1, GLOSSA_BLOCK_PARAGRAPH, 0, "Second paragraph.");
  g_clear_pointer (&ex, glossa_extracted_free);

  /* One hard-wrapped paragraph stays one paragraph. */
  wrapped = write_file (fixture, "wrapped.txt",
                        "A single paragraph that was wrapped\nat a fixed width by an editor,\n"
                        "so its lines are short.\n", -1);
  ex = import_ok (wrapped, NULL);
  g_assert_cmpuint (ex->blocks->len, ==, 1);
}

static void
test_text_astral_offsets (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *paragraphs[] = {
    "𠀀 starts with an extension-B character.",
    "Emoji 😀 in the middle, 𠀁 too.",
    "中文段落，含有 😀😀 两个表情。",
    "Last 𠀂",
    NULL,
  };
  const guint n_paragraphs = G_N_ELEMENTS (paragraphs) - 1;
  g_autofree char *joined = g_strjoinv ("\n\n", (char **) paragraphs);
  g_autofree char *text = g_strconcat (joined, "\n", NULL);
  g_autofree char *path = write_file (fixture, "astral.txt", text, -1);
  g_autoptr(GlossaExtracted) ex = import_ok (path, NULL);

  g_assert_cmpstr (ex->text, ==, text);
  g_assert_cmpuint (ex->blocks->len, ==, n_paragraphs);
  for (guint i = 0; i < n_paragraphs; i++)
    assert_block (ex, i, GLOSSA_BLOCK_PARAGRAPH, 0, paragraphs[i]);
}

static void
test_text_title (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *long_line = g_strnfill (81, 'x');
  g_autofree char *long_text = g_strconcat (long_line, "\n\nBody.\n", NULL);
  g_autofree char *titled = write_file (fixture, "titled.txt", "人工智能是解药吗\n\nBody text.\n", -1);
  g_autofree char *too_long = write_file (fixture, "too-long.txt", long_text, -1);
  g_autofree char *no_blank = write_file (fixture, "no-blank.txt", "First line\nsecond line\n", -1);
  g_autofree char *one_line = write_file (fixture, "one.line.txt", "Only a line", -1);
  g_autoptr(GlossaExtracted) ex = NULL;

  ex = import_ok (titled, NULL);
  g_assert_cmpstr (ex->title, ==, "人工智能是解药吗");
  g_assert_true (g_str_has_prefix (ex->text, "人工智能是解药吗\n\n"));
  g_assert_cmpuint (ex->blocks->len, ==, 2);
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = import_ok (too_long, NULL);
  g_assert_cmpstr (ex->title, ==, "too-long");
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = import_ok (no_blank, NULL);
  g_assert_cmpstr (ex->title, ==, "no-blank");
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = import_ok (one_line, NULL);
  g_assert_cmpstr (ex->title, ==, "one.line");
  g_clear_pointer (&ex, glossa_extracted_free);

  /* From memory, the name passed is used the same way. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("a\nb", 3);
    g_autoptr(GError) error = NULL;

    ex = glossa_import_plain_text (bytes, "https://example.org/news/story.txt?x=1", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ex->title, ==, "story");
  }
}

static void
test_text_shared_sample (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = shared_sample ("sora-article-scraped.txt");
  g_autofree char *contents = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gsize len;
  gboolean found = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  ex = glossa_import_file (file, NULL, 0, &original, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ex);

  g_assert_cmpmem (g_bytes_get_data (original, NULL), g_bytes_get_size (original), contents, len);
  g_assert_cmpstr (ex->text, ==, contents);
  g_assert_cmpstr (ex->encoding, ==, "UTF-8");
  g_assert_cmpstr (ex->format, ==, "text");
  g_assert_cmpstr (ex->language, ==, "zh-Hans");
  /* The first line runs on into the next: no title from it. */
  g_assert_cmpstr (ex->title, ==, "sora-article-scraped");
  g_assert_cmpuint (ex->blocks->len, >, 20);

  for (guint i = 0; i < ex->blocks->len; i++)
    {
      g_autofree char *text = block_text (ex, i);
      gunichar first = g_utf8_get_char (text);
      gunichar last = g_utf8_get_char (g_utf8_prev_char (text + strlen (text)));

      /* No block is one of the NBSP lines, and none has blank edges. */
      g_assert_cmpstr (text, !=, "\302\240");
      g_assert_false (first == ' ' || first == 0xA0 || first == 0x3000 || first == '\n');
      g_assert_false (last == ' ' || last == 0xA0 || last == 0x3000 || last == '\n');
      if (g_str_has_prefix (text, "Sora的横空出世,再度向世人展示了人工智能时代来临的不可逆性。"))
        {
          g_assert_cmpstr (text, ==, "Sora的横空出世,再度向世人展示了人工智能时代来临的不可逆性。");
          found = TRUE;
        }
      if (i > 0)
        g_assert_cmpint (g_array_index (ex->blocks, GlossaBlock, i - 1).end, <,
                         g_array_index (ex->blocks, GlossaBlock, i).start);
    }
  g_assert_true (found);
}

static void
test_text_language (void)
{
  static const struct {
    const char *text;
    const char *language;
    const char *direction;
  } cases[] = {
    { "人工智能将更加深度和全面地改变人们的生活，这是我们的时代。", "zh-Hans", "ltr" },
    { TRADITIONAL_ZH, "zh-Hant", "ltr" },
    { "中文", "zh", "ltr" },
    { "人工知能は私たちの生活を大きく変えるでしょう。", "ja", "ltr" },
    { "인공지능은 우리의 삶을 바꿀 것입니다.", "ko", "ltr" },
    { "Plain English, with one word of 中文 in it, is not Chinese.", NULL, "ltr" },
    { "Ceci n’est pas une pipe.", NULL, "ltr" },
    { "الذكاء الاصطناعي سيغير حياتنا (AI).", NULL, "rtl" },
    { "הבינה המלאכותית תשנה את חיינו.", NULL, "rtl" },
    { "12345 — 67890", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossaExtracted) ex = import_string ("lang.txt", NULL, cases[i].text);

      g_assert_cmpstr (ex->language, ==, cases[i].language);
      g_assert_cmpstr (ex->direction, ==, cases[i].direction);
    }
}

/* ---------------------------------------------------------------------- */
/* Markdown */

static GlossaExtracted *
md (const char *source)
{
  GlossaExtracted *ex = import_string ("doc.md", NULL, source);

  g_assert_cmpstr (ex->format, ==, "markdown");
  return ex;
}

static void
test_markdown_headings (void)
{
  g_autoptr(GlossaExtracted) ex = md ("# The Title\n\nIntro.\n\n## Part *one* ##\n\nText.\n\n"
                                      "Setext two\n---\n\n###### Six\n\n####### seven\n");

  g_assert_cmpstr (ex->title, ==, "The Title");
  g_assert_cmpstr (ex->text, ==, "Intro.\n\nPart one\n\nText.\n\nSetext two\n\nSix\n\n####### seven");
  g_assert_cmpuint (ex->blocks->len, ==, 6);
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "Intro.");
  assert_block (ex, 1, GLOSSA_BLOCK_HEADING, 2, "Part one");
  assert_block (ex, 3, GLOSSA_BLOCK_HEADING, 2, "Setext two");
  assert_block (ex, 4, GLOSSA_BLOCK_HEADING, 6, "Six");
  assert_block (ex, 5, GLOSSA_BLOCK_PARAGRAPH, 0, "####### seven");
  g_clear_pointer (&ex, glossa_extracted_free);

  /* A setext level-1 heading first is the title too; a later # is not. */
  ex = md ("Big Title\n=========\n\nBody.\n\n# Not the title\n");
  g_assert_cmpstr (ex->title, ==, "Big Title");
  g_assert_cmpstr (ex->text, ==, "Body.\n\nNot the title");
  assert_block (ex, 1, GLOSSA_BLOCK_HEADING, 1, "Not the title");
  g_clear_pointer (&ex, glossa_extracted_free);

  /* Without a leading heading, the file name. */
  ex = md ("Just text.\n\n# Later heading\n");
  g_assert_cmpstr (ex->title, ==, "doc");
  g_assert_cmpstr (ex->text, ==, "Just text.\n\nLater heading");
}

static void
test_markdown_paragraphs (void)
{
  g_autoptr(GlossaExtracted) ex = md ("Latin lines\nare joined\n  with spaces.\n\n"
                                      "中文的软换行\n不加空格，\n混合 English\n以及中文。\n\n"
                                      "Hard  \nbreak and\\\nbackslash.\n");

  g_assert_cmpuint (ex->blocks->len, ==, 3);
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "Latin lines are joined with spaces.");
  assert_block (ex, 1, GLOSSA_BLOCK_PARAGRAPH, 0, "中文的软换行不加空格，混合 English 以及中文。");
  assert_block (ex, 2, GLOSSA_BLOCK_PARAGRAPH, 0, "Hard\nbreak and\nbackslash.");
}

static void
test_markdown_inline (void)
{
  g_autoptr(GlossaExtracted) ex = NULL;

  ex = md ("Some *em*, _em_, **strong**, __strong__, ***both***, `code *not em*`, "
           "``a ` tick``, snake_case_word, 2 * 3 * 4, \\*escaped\\*, \\# and \\[x\\].\n");
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0,
                "Some em, em, strong, strong, both, code *not em*, a ` tick, snake_case_word, "
                "2 * 3 * 4, *escaped*, # and [x].");
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = md ("~~struck~~ and ~single~ and ~~~three~~~; [^1] and a note.\n\n"
           "[^1]: The footnote's own text.\n\n"
           "[foo]: not a definition, since text follows\n");
  g_assert_cmpuint (ex->blocks->len, ==, 3);
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0,
                "struck and ~single~ and ~~~three~~~; [^1] and a note.");
  assert_block (ex, 1, GLOSSA_BLOCK_PARAGRAPH, 0, "[^1]: The footnote's own text.");
  assert_block (ex, 2, GLOSSA_BLOCK_PARAGRAPH, 0, "[foo]: not a definition, since text follows");
  g_assert_cmpuint (ex->links->len, ==, 0);
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = md ("这是**重要**的，*强调*。\n");
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "这是重要的，强调。");
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = md ("&nbsp;Opening NBSP, closing one&nbsp;\n\nNext.\n");
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "Opening NBSP, closing one");
  g_assert_true (g_str_has_prefix (ex->text, "\302\240Opening"));
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = md ("AT&amp;T &lt;tag&gt; &copy; &#26085; &#x1F600; &alpha;&rsaquo; &nosuch; & alone\n");
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "AT&T <tag> © 日 😀 α› &nosuch; & alone");
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = md ("Text with <span class=\"x\">inline</span> HTML<br>and <!-- a comment --> more.\n");
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "Text with inline HTML\nand  more.");
}

static void
test_markdown_links (void)
{
  g_autoptr(GlossaExtracted) ex = md (
    "See [the **report**](https://example.org/r \"Title\") and ![a chart](c.png), "
    "<https://auto.example/x> or <mail@example.org>.\n\n"
    "见[报告](https://zh.example/报告)与[ref link][R] and [R] and [r][].\n\n"
    "[Not a link] and [broken](.\n\n"
    "[R]: https://ref.example/ \"Ref\"\n");

  g_assert_cmpuint (ex->blocks->len, ==, 3);
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0,
                "See the report and a chart, https://auto.example/x or mail@example.org.");
  assert_block (ex, 1, GLOSSA_BLOCK_PARAGRAPH, 0, "见报告与ref link and R and r.");
  assert_block (ex, 2, GLOSSA_BLOCK_PARAGRAPH, 0, "[Not a link] and [broken](.");

  g_assert_cmpuint (ex->links->len, ==, 7);
  assert_link (ex, 0, "the report", "https://example.org/r");
  assert_link (ex, 1, "https://auto.example/x", "https://auto.example/x");
  assert_link (ex, 2, "mail@example.org", "mailto:mail@example.org");
  assert_link (ex, 3, "报告", "https://zh.example/报告");
  assert_link (ex, 4, "ref link", "https://ref.example/");
  assert_link (ex, 5, "R", "https://ref.example/");
  assert_link (ex, 6, "r", "https://ref.example/");
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = md ("[q](https://x.example/?a=1&amp;b=\\(2\\)) and [p](<https://x.example/a b>)\n");
  assert_link (ex, 0, "q", "https://x.example/?a=1&b=(2)");
  assert_link (ex, 1, "p", "https://x.example/a b");
  g_clear_pointer (&ex, glossa_extracted_free);

  /* A link right after a soft break starts after the space. */
  ex = md ("line one\n[two](https://two.example/) end\n");
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "line one two end");
  assert_link (ex, 0, "two", "https://two.example/");
}

static void
test_markdown_quotes (void)
{
  g_autoptr(GlossaExtracted) ex = md ("> Quoted *line*\ncontinued lazily.\n>\n> Second para.\n\n"
                                      "> > Nested quote.\n\nAfter.\n");

  g_assert_cmpuint (ex->blocks->len, ==, 4);
  assert_block (ex, 0, GLOSSA_BLOCK_QUOTE, 0, "Quoted line continued lazily.");
  assert_block (ex, 1, GLOSSA_BLOCK_QUOTE, 0, "Second para.");
  assert_block (ex, 2, GLOSSA_BLOCK_QUOTE, 0, "Nested quote.");
  assert_block (ex, 3, GLOSSA_BLOCK_PARAGRAPH, 0, "After.");
}

static void
test_markdown_lists (void)
{
  g_autoptr(GlossaExtracted) ex = md (
    "- one\n"
    "- two\n"
    "  - two a\n"
    "  - two b\n"
    "    1. deep\n"
    "- three\n"
    "  continues\n"
    "\n"
    "  second paragraph of three\n"
    "\n"
    "1. first\n"
    "2. second\n"
    "10) tenth\n"
    "\n"
    "* star\n"
    "+ plus\n");

  g_assert_cmpuint (ex->blocks->len, ==, 12);
  assert_block (ex, 0, GLOSSA_BLOCK_LIST_ITEM, 1, "one");
  assert_block (ex, 1, GLOSSA_BLOCK_LIST_ITEM, 1, "two");
  assert_block (ex, 2, GLOSSA_BLOCK_LIST_ITEM, 2, "two a");
  assert_block (ex, 3, GLOSSA_BLOCK_LIST_ITEM, 2, "two b");
  assert_block (ex, 4, GLOSSA_BLOCK_LIST_ITEM, 3, "deep");
  assert_block (ex, 5, GLOSSA_BLOCK_LIST_ITEM, 1, "three continues");
  assert_block (ex, 6, GLOSSA_BLOCK_LIST_ITEM, 1, "second paragraph of three");
  assert_block (ex, 7, GLOSSA_BLOCK_LIST_ITEM, 1, "first");
  assert_block (ex, 8, GLOSSA_BLOCK_LIST_ITEM, 1, "second");
  assert_block (ex, 9, GLOSSA_BLOCK_LIST_ITEM, 1, "tenth");
  assert_block (ex, 10, GLOSSA_BLOCK_LIST_ITEM, 1, "star");
  assert_block (ex, 11, GLOSSA_BLOCK_LIST_ITEM, 1, "plus");
}

static void
test_markdown_code (void)
{
  g_autoptr(GlossaExtracted) ex = md (
    "Before.\n\n"
    "```python\n"
    "def f(x):\n"
    "    return *x*  # not emphasis\n"
    "```\n\n"
    "    indented code\n"
    "      keeps its indent\n\n"
    "~~~~\n"
    "tilde fence\n"
    "~~~~\n\n"
    "***\n\n"
    "After the break.\n\n"
    "- - -\n");

  g_assert_cmpuint (ex->blocks->len, ==, 5);
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "Before.");
  assert_block (ex, 1, GLOSSA_BLOCK_PREFORMATTED, 0, "def f(x):\n    return *x*  # not emphasis");
  assert_block (ex, 2, GLOSSA_BLOCK_PREFORMATTED, 0, "indented code\n  keeps its indent");
  assert_block (ex, 3, GLOSSA_BLOCK_PREFORMATTED, 0, "tilde fence");
  assert_block (ex, 4, GLOSSA_BLOCK_PARAGRAPH, 0, "After the break.");
  g_assert_null (strstr (ex->text, "***"));
  g_assert_null (strstr (ex->text, "- - -"));
}

static void
test_markdown_front_matter (void)
{
  g_autoptr(GlossaExtracted) ex = md ("---\ntitle: \"From the front matter\"\nauthor: Li Wei\n"
                                      "date: 2024-02-22\ntags: [a, b]\n---\n\nBody text.\n");

  g_assert_cmpstr (ex->title, ==, "From the front matter");
  g_assert_cmpstr (ex->byline, ==, "Li Wei");
  g_assert_cmpstr (ex->published, ==, "2024-02-22");
  g_assert_cmpstr (ex->text, ==, "Body text.");
}

static void
test_markdown_astral_offsets (void)
{
  g_autoptr(GlossaExtracted) ex = md ("# 𠀀 title\n\n"
                                      "😀 *one* [𠀁 link](https://x.example/) 😀\n\n"
                                      "- 𠀂 item\n");

  g_assert_cmpstr (ex->title, ==, "𠀀 title");
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "😀 one 𠀁 link 😀");
  assert_block (ex, 1, GLOSSA_BLOCK_LIST_ITEM, 1, "𠀂 item");
  assert_link (ex, 0, "𠀁 link", "https://x.example/");
}

static void
test_markdown_tables (void)
{
  g_autoptr(GlossaExtracted) ex = md (
    "| Name | 说明 | Link |\n"
    "|:-----|:----:|-----:|\n"
    "| Sora | 视频*生成* | [site](https://openai.com/sora) |\n"
    "| `a|b` | \\| pipe | |\n"
    "\n"
    "Not | a table\n"
    "because no delimiter row.\n");

  g_assert_cmpuint (ex->blocks->len, ==, 4);
  assert_block (ex, 0, GLOSSA_BLOCK_TABLE_ROW, 0, "Name\t说明\tLink");
  assert_block (ex, 1, GLOSSA_BLOCK_TABLE_ROW, 0, "Sora\t视频生成\tsite");
  assert_block (ex, 2, GLOSSA_BLOCK_TABLE_ROW, 0, "a|b\t| pipe");
  assert_block (ex, 3, GLOSSA_BLOCK_PARAGRAPH, 0, "Not | a table because no delimiter row.");
  assert_link (ex, 0, "site", "https://openai.com/sora");
}

static void
test_markdown_hidden_html (void)
{
  g_autoptr(GlossaExtracted) ex = md ("Before.\n\n"
                                      "<script>\nvar x = \"<p>hidden</p>\";\n\n</script>\n\n"
                                      "<!-- a\nmulti-line\n\ncomment -->\n\n"
                                      "<style>p { color: red }</style>\n"
                                      "<div class=\"note\">\nVisible <em>inside</em>.\n</div>\n");

  g_assert_cmpstr (ex->text, ==, "Before.\n\nVisible inside.");
  g_assert_cmpuint (ex->blocks->len, ==, 2);
  g_clear_pointer (&ex, glossa_extracted_free);

  ex = md ("<!-- note --> Same line stays.\n\n<!-- a\nlonger note --> After it stays.\n");
  g_assert_cmpstr (ex->text, ==, "Same line stays.\n\nAfter it stays.");
}

/* Arbitrary input never breaks the invariants every consumer relies on. */
static void
test_markdown_robust (void)
{
  static const char *atoms[] = {
    "*", "**", "_", "`", "``", "[", "]", "(", ")", "!", "<", ">", "&", ";", "#", "# ",
    "\\", "|", "-", "- ", "1. ", "> ", "    ", "\t", "\n", "\n\n", "```\n", "---\n",
    "a", "word ", "中文", "𠀀", "😀", "&amp;", "&#x1F600;", "http://x.y", "<b>", "</b>",
    "[t](u)", "<!--", "-->", "\302\240", "\343\200\200", "=", "===\n", ":", "~~~\n",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(GString) source = g_string_new ("x ");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GlossaExtracted) ex = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_rand_int_range (rand, 1, 200);
      gint64 last_end = 0;

      for (guint i = 0; i < n; i++)
        g_string_append (source, atoms[g_rand_int_range (rand, 0, G_N_ELEMENTS (atoms))]);
      bytes = g_bytes_new (source->str, source->len);
      ex = glossa_import_markdown (bytes, "fuzz.md", NULL, &error);
      if (ex == NULL)
        {
          g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY);
          continue;
        }

      g_assert_true (g_utf8_validate (ex->text, -1, NULL));
      g_assert_cmpint (ex->length, ==, g_utf8_strlen (ex->text, -1));
      for (guint i = 0; i < ex->blocks->len; i++)
        {
          const GlossaBlock *block = &g_array_index (ex->blocks, GlossaBlock, i);

          g_assert_cmpint (block->start, >=, last_end);
          g_assert_cmpint (block->start, <, block->end);
          g_assert_cmpint (block->end, <=, ex->length);
          last_end = block->end;
        }
      for (guint i = 0; i < ex->links->len; i++)
        {
          const GlossaLinkSpan *span = &g_array_index (ex->links, GlossaLinkSpan, i);

          g_assert_cmpint (span->start, <, span->end);
          g_assert_cmpint (span->end, <=, ex->length);
          g_assert_nonnull (span->href);
        }
    }
}

/* Input built to make a naive parser quadratic: it must still come out
 * right (and the test would time out if it were slow). */
static void
test_markdown_adversarial (void)
{
  g_autofree char *brackets = g_strnfill (200000, '[');
  g_autoptr(GString) delims = g_string_new (NULL);
  g_autoptr(GlossaExtracted) ex = NULL;

  ex = md (brackets);
  g_assert_true (g_str_equal (ex->text, brackets));
  g_clear_pointer (&ex, glossa_extracted_free);

  for (guint i = 0; i < 50000; i++)
    g_string_append (delims, "*a _b ");
  ex = md (delims->str);
  g_assert_cmpint (ex->length, ==, g_utf8_strlen (delims->str, -1) - 1);
  g_clear_pointer (&ex, glossa_extracted_free);

  {
    /* Each a link, or comment, that never closes. */
    const char *units[] = { "[a](", "[a](b (", "x <!--", "[a][", "<a x=" };

    for (guint u = 0; u < G_N_ELEMENTS (units); u++)
      {
        g_string_truncate (delims, 0);
        for (guint i = 0; i < 100000; i++)
          g_string_append (delims, units[u]);
        ex = md (delims->str);
        /* Not g_assert_cmpstr: a failure would print megabytes. */
        if (!g_str_equal (ex->text, delims->str))
          g_error ("“%s” × 100000 did not come out as it went in", units[u]);
        g_clear_pointer (&ex, glossa_extracted_free);
      }
  }

  /* Lines of comment openers, one close at the very end. */
  g_string_truncate (delims, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append (delims, "<!--\n");
  g_string_append (delims, "-->Only this.\n");
  ex = md (delims->str);
  g_assert_cmpstr (ex->text, ==, "Only this.");
}

static void
test_markdown_sample_article (void)
{
  const char *data_dir = g_getenv ("GLOSSA_DATA_DIR");
  g_autofree char *path = g_build_filename (data_dir ? data_dir : "data", "sample-article.md", NULL);
  g_autoptr(GlossaExtracted) ex = import_ok (path, NULL);
  g_autoptr(GlossaExtracted) again = NULL;
  guint headings = 0;

  g_assert_cmpstr (ex->format, ==, "markdown");
  g_assert_cmpstr (ex->encoding, ==, "UTF-8");
  g_assert_cmpstr (ex->title, ==, "慢读的理由 / The Case for Slow Reading");
  g_assert_cmpstr (ex->language, ==, "zh-Hans");
  g_assert_false (g_str_has_prefix (ex->text, "慢读的理由"));
  g_assert_null (strchr (ex->text, '#'));
  g_assert_null (strchr (ex->text, '*'));
  assert_block (ex, 0, GLOSSA_BLOCK_PARAGRAPH, 0, "By the Glossa team · 2026-11-20");

  for (guint i = 0; i < ex->blocks->len; i++)
    {
      const GlossaBlock *block = &g_array_index (ex->blocks, GlossaBlock, i);

      if (block->kind == GLOSSA_BLOCK_HEADING)
        {
          g_autofree char *text = block_text (ex, i);

          g_assert_cmpuint (block->level, ==, 2);
          if (headings == 0)
            g_assert_cmpstr (text, ==, "摘要不是理解");
          headings++;
        }
    }
  g_assert_cmpuint (headings, ==, 3);

  /* The text, read again as plain text, has the very same paragraphs. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (ex->text, strlen (ex->text));
    g_autoptr(GError) error = NULL;

    again = glossa_import_plain_text (bytes, "again.txt", NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (again->text, ==, ex->text);
  g_assert_cmpuint (again->blocks->len, ==, ex->blocks->len);
  for (guint i = 0; i < ex->blocks->len; i++)
    {
      g_assert_cmpint (g_array_index (again->blocks, GlossaBlock, i).start, ==,
                       g_array_index (ex->blocks, GlossaBlock, i).start);
      g_assert_cmpint (g_array_index (again->blocks, GlossaBlock, i).end, ==,
                       g_array_index (ex->blocks, GlossaBlock, i).end);
    }
}

static void
test_markdown_gbk (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *zh = chinese_paragraphs (2);
  g_autofree char *source = g_strconcat ("# 标题\n\n", zh, "\n", NULL);
  g_autoptr(GBytes) bytes = encode (source, "GBK");
  g_autofree char *path = write_bytes (fixture, "gbk.md", bytes);
  g_autoptr(GlossaExtracted) ex = import_ok (path, NULL);

  g_assert_cmpstr (ex->format, ==, "markdown");
  g_assert_cmpstr (ex->encoding, ==, "GB18030");
  g_assert_cmpstr (ex->title, ==, "标题");
  g_assert_cmpstr (ex->text, ==, zh);
}

/* ---------------------------------------------------------------------- */
/* Dispatch */

static void
test_dispatch (Fixture       *fixture,
               gconstpointer  data)
{
  const char *html = "<!DOCTYPE html><html><head><title>Page</title></head>"
                     "<body><p>Hello from HTML.</p></body></html>";
  static const struct {
    const char *name;
    const char *mime;
    const char *content;
    const char *format;
  } cases[] = {
    /* Content first. */
    { "page.txt", NULL, "\xEF\xBB\xBF  \n<!doctype html><p>x</p>", "html" },
    { "notes.md", NULL, "<html><body><p>x</p></body></html>", "html" },
    { NULL, NULL, "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>x</p></body></html>", "html" },
    { "x", NULL, "<!-- saved from url -->\n<HTML><BODY>x</BODY></HTML>", "html" },
    { "x", NULL, "  <head><title>t</title></head><body>x</body>", "html" },
    /* Then MIME type and extension. */
    { NULL, "text/html; charset=utf-8", "<p>Just a fragment</p>", "html" },
    { "frag.htm", NULL, "<p>Just a fragment</p>", "html" },
    { "page.xhtml", NULL, "<div>x</div>", "html" },
    { "page.html", NULL, "Not markup at all, just words.", "text" },
    { "doc.md", NULL, "# Heading\n\nText.", "markdown" },
    { "DOC.MARKDOWN", NULL, "# Heading\n\nText.", "markdown" },
    { NULL, "text/markdown", "# Heading\n\nText.", "markdown" },
    { "https://example.org/readme.md?raw=1", NULL, "# Heading\n\nText.", "markdown" },
    { "notes.txt", NULL, "# Not a heading here\n\nText.", "text" },
    { NULL, NULL, "<b>bold</b> is not a page", "text" },
    { "archive.md.txt", NULL, "plain", "text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossaExtracted) ex = import_string (cases[i].name, cases[i].mime, cases[i].content);

      if (g_strcmp0 (ex->format, cases[i].format) != 0)
        g_error ("case %u (%s): got %s, expected %s", i, cases[i].name, ex->format, cases[i].format);
    }

  /* The same through files: a saved page named .txt is still a page. */
  {
    g_autofree char *path = write_file (fixture, "saved.txt", html, -1);
    g_autoptr(GlossaExtracted) ex = import_ok (path, NULL);

    g_assert_cmpstr (ex->format, ==, "html");
    g_assert_nonnull (strstr (ex->text, "Hello from HTML."));
  }
  {
    g_autofree char *path = write_file (fixture, "notes.markdown", "# T\n\n*x*", -1);
    g_autoptr(GlossaExtracted) ex = import_ok (path, NULL);

    g_assert_cmpstr (ex->format, ==, "markdown");
    g_assert_cmpstr (ex->text, ==, "x");
  }
  {
    /* A UTF-16 page with a BOM is recognised as a page too. */
    g_autoptr(GBytes) body = encode (html, "UTF-16LE");
    g_autoptr(GByteArray) bytes = g_byte_array_new ();
    g_autofree char *path = NULL;
    g_autoptr(GlossaExtracted) ex = NULL;

    g_byte_array_append (bytes, (const guint8 *) "\xFF\xFE", 2);
    g_byte_array_append (bytes, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    path = write_file (fixture, "utf16.txt", (const char *) bytes->data, bytes->len);
    ex = import_ok (path, NULL);
    g_assert_cmpstr (ex->format, ==, "html");
  }
}

/* Whatever the bytes, import either refuses them with one of our errors or
 * gives text whose blocks and links all lie inside it. */
static void
test_any_bytes (void)
{
  static const char *pieces[] = {
    "\n", "\r\n", "\r", "\n\n", " ", "\t", "\302\240", "\343\200\200", "a", "word ",
    "中文", "𠀀", "😀", "\xD6\xD0", "\xA4\xA4", "\xE9", "\x93", "\xFF", "\xC3", "\0",
    "<html>", "<!doctype html>", "# ", "*", "[a](b)", "\xEF\xBB\xBF", "\xFF\xFE",
  };
  static const char *names[] = { "x.txt", "x.md", "x.html", NULL };
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (guint round = 0; round < 600; round++)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GlossaExtracted) ex = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_rand_int_range (rand, 0, 120);
      gint64 last_end = 0;

      for (guint i = 0; i < n; i++)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          /* "\0" is one NUL byte; every other piece is a C string. */
          g_byte_array_append (data, (const guint8 *) piece, piece[0] ? strlen (piece) : 1);
        }
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
      ex = glossa_import_bytes (bytes, names[round % G_N_ELEMENTS (names)], NULL, NULL, &error);
      if (ex == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == GLOSSA_IMPORT_ERROR);
          continue;
        }

      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (ex->text, -1, NULL));
      g_assert_cmpint (ex->length, ==, g_utf8_strlen (ex->text, -1));
      g_assert_null (strchr (ex->text, '\r'));
      for (guint i = 0; i < ex->blocks->len; i++)
        {
          const GlossaBlock *block = &g_array_index (ex->blocks, GlossaBlock, i);

          g_assert_cmpint (block->start, >=, last_end);
          g_assert_cmpint (block->start, <=, block->end);
          g_assert_cmpint (block->end, <=, ex->length);
          last_end = block->end;
        }
      for (guint i = 0; i < ex->links->len; i++)
        g_assert_cmpint (g_array_index (ex->links, GlossaLinkSpan, i).end, <=, ex->length);
    }
}

/* ---------------------------------------------------------------------- */
/* Refusals */

static void
expect_refusal (const char *path,
                gsize       max_size,
                GlossaImportError code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = import_path (path, NULL, max_size, &error);

  g_assert_null (ex);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, (gint) code);
  assert_error_names (error, path);
  /* One sentence. */
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *empty = write_file (fixture, "empty.txt", "", 0);
  g_autofree char *blank = write_file (fixture, "blank.txt", " \n\t\n\302\240\343\200\200\r\n\n", -1);
  g_autofree char *blank_md = write_file (fixture, "blank.md", "\n\n   \n", -1);
  g_autofree char *title_only = write_file (fixture, "title-only.md", "# Only a title\n\n---\n", -1);
  g_autofree char *nul = write_file (fixture, "nul.txt", "Some text\0with a NUL in it", 26);
  g_autofree char *dir = g_build_filename (fixture->dir, "folder.txt", NULL);
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo.txt", NULL);
  g_autofree char *dangling = g_build_filename (fixture->dir, "dangling.txt", NULL);
  g_autofree char *loop = g_build_filename (fixture->dir, "loop.txt", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *under_file = NULL;
  g_autofree char *random_path = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 random_data[8192];

  for (guint i = 0; i < sizeof random_data; i++)
    random_data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  random_path = write_file (fixture, "random.txt", (const char *) random_data, sizeof random_data);
  under_file = g_build_filename (empty, "inside.txt", NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("does-not-exist.txt", dangling), ==, 0);
  g_assert_cmpint (symlink ("loop.txt", loop), ==, 0);

  expect_refusal (empty, 0, GLOSSA_IMPORT_ERROR_EMPTY);
  expect_refusal (blank, 0, GLOSSA_IMPORT_ERROR_EMPTY);
  expect_refusal (blank_md, 0, GLOSSA_IMPORT_ERROR_EMPTY);
  expect_refusal (title_only, 0, GLOSSA_IMPORT_ERROR_EMPTY);
  expect_refusal (nul, 0, GLOSSA_IMPORT_ERROR_BINARY);
  expect_refusal (random_path, 0, GLOSSA_IMPORT_ERROR_BINARY);
  expect_refusal (dir, 0, GLOSSA_IMPORT_ERROR_NOT_REGULAR);
  expect_refusal (fifo, 0, GLOSSA_IMPORT_ERROR_NOT_REGULAR);
  expect_refusal (dangling, 0, GLOSSA_IMPORT_ERROR_UNREADABLE);
  expect_refusal (loop, 0, GLOSSA_IMPORT_ERROR_UNREADABLE);
  expect_refusal (missing, 0, GLOSSA_IMPORT_ERROR_UNREADABLE);
  expect_refusal (under_file, 0, GLOSSA_IMPORT_ERROR_UNREADABLE);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GlossaExtracted) ex = import_path (empty, NULL, 0, &error);
    g_autofree char *expected = g_strdup_printf ("“%s” is empty", empty);

    g_assert_cmpstr (error->message, ==, expected);
    g_clear_pointer (&ex, glossa_extracted_free);
    g_clear_error (&error);

    ex = import_path (missing, NULL, 0, &error);
    /* The OS's reason is in the message. */
    g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  }

  /* Formats people try, named in the refusal. */
  {
    static const struct {
      const char *name;
      const char *data;
      gsize len;
      const char *what;
    } files[] = {
      { "paper.pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n", 24, "is a PDF document" },
      { "report.docx", "PK\x03\x04\x14\0\x06\0", 8, "is a Word document" },
      { "book.epub", "PK\x03\x04\x14\0\0\0", 8, "is an e-book" },
      { "photo.txt", "\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, "is an image" },
      { "archive.zip", "PK\x03\x04\x14\0\0\0", 8, "is a compressed archive" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *path = write_file (fixture, files[i].name, files[i].data, files[i].len);
        g_autoptr(GError) error = NULL;
        g_autoptr(GlossaExtracted) ex = import_path (path, NULL, 0, &error);

        g_assert_null (ex);
        g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_UNSUPPORTED);
        assert_error_names (error, path);
        g_assert_nonnull (strstr (error->message, files[i].what));
      }
  }

  /* Size is checked before reading: the limit is the only difference. */
  big = write_file (fixture, "big.txt", "A few hundred bytes of perfectly good text. "
                                        "A few hundred bytes of perfectly good text.\n", -1);
  expect_refusal (big, 64, GLOSSA_IMPORT_ERROR_TOO_LARGE);
  {
    g_autoptr(GlossaExtracted) ex = NULL;
    g_autoptr(GError) error = NULL;

    ex = import_path (big, NULL, 4096, &error);
    g_assert_no_error (error);
    g_assert_nonnull (ex);
  }

  /* Unreadable by permissions: only meaningful when not root. */
  if (geteuid () != 0)
    {
      g_autofree char *locked = write_file (fixture, "locked.txt", "secret", -1);

      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      expect_refusal (locked, 0, GLOSSA_IMPORT_ERROR_UNREADABLE);
    }
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "fine.txt", "Fine text.\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;

  g_cancellable_cancel (cancellable);
  ex = glossa_import_file (file, NULL, 0, &original, cancellable, &error);
  g_assert_null (ex);
  g_assert_null (original);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_CANCELLED);
  assert_error_names (error, path);
}

static void
test_original_bytes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) gbk = encode ("中文文件的原始字节。\r\n第二行。\r\n", "GBK");
  g_autofree char *path = write_bytes (fixture, "orig.txt", gbk);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;

  ex = glossa_import_file (file, NULL, 0, &original, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (original, gbk));
  g_assert_cmpstr (ex->text, ==, "中文文件的原始字节。\n第二行。\n");
  g_assert_cmpstr (ex->encoding, ==, "GB18030");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/text/encodings", test_text_encodings);
  ADD ("/import/text/override", test_text_override);
  ADD ("/import/text/newlines", test_text_newlines);
  ADD ("/import/text/blank-lines", test_text_blank_lines);
  ADD ("/import/text/line-paragraphs", test_text_line_paragraphs);
  ADD ("/import/text/astral-offsets", test_text_astral_offsets);
  ADD ("/import/text/title", test_text_title);
  ADD ("/import/text/shared-sample", test_text_shared_sample);
  g_test_add_func ("/import/text/language", test_text_language);
  g_test_add_func ("/import/markdown/headings", test_markdown_headings);
  g_test_add_func ("/import/markdown/paragraphs", test_markdown_paragraphs);
  g_test_add_func ("/import/markdown/inline", test_markdown_inline);
  g_test_add_func ("/import/markdown/links", test_markdown_links);
  g_test_add_func ("/import/markdown/quotes", test_markdown_quotes);
  g_test_add_func ("/import/markdown/lists", test_markdown_lists);
  g_test_add_func ("/import/markdown/code", test_markdown_code);
  g_test_add_func ("/import/markdown/front-matter", test_markdown_front_matter);
  g_test_add_func ("/import/markdown/astral-offsets", test_markdown_astral_offsets);
  g_test_add_func ("/import/markdown/tables", test_markdown_tables);
  g_test_add_func ("/import/markdown/hidden-html", test_markdown_hidden_html);
  g_test_add_func ("/import/markdown/robust", test_markdown_robust);
  g_test_add_func ("/import/markdown/adversarial", test_markdown_adversarial);
  g_test_add_func ("/import/markdown/sample-article", test_markdown_sample_article);
  ADD ("/import/markdown/gbk", test_markdown_gbk);
  ADD ("/import/dispatch", test_dispatch);
  g_test_add_func ("/import/any-bytes", test_any_bytes);
  ADD ("/import/refusals", test_refusals);
  ADD ("/import/cancelled", test_cancelled);
  ADD ("/import/original-bytes", test_original_bytes);
#undef ADD

  return g_test_run ();
}
