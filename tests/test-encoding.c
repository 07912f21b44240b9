/* test-encoding.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decoding real bytes: every encoded sample is produced here by g_convert()
 * from a UTF-8 string, so the bytes are what iconv, not we, think they are.
 */
#include "config.h"

#include <string.h>

#include "glossa-import.h"

#define TRADITIONAL_ZH \
  "臺灣的研究者認為，人工智慧將會徹底改變新聞業的未來。讀者應該學會如何判斷資訊的真偽，" \
  "並且對每一個論點都要求證據。這篇文章討論了媒體、科技與社會之間複雜的關係。"

#define WESTERN_TEXT \
  "“Café society” was naïve, said the résumé — it cost €5… and Zoë’s façade didn’t help.\n" \
  "Ça coûte cher. Müller aß Käse in Köln. Señor Ibáñez llegó a la reunión.\n"

/* The first paragraphs of the scraped article, without its NBSP-only lines
 * (GBK has no NBSP). */
static char *
chinese_paragraphs (guint n)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *shared = g_getenv ("GLOSSA_SHARED_DIR");
  gboolean started = FALSE;
  guint taken = 0;

  path = g_build_filename (shared ? shared : "/work/shared", "samples",
                           "sora-article-scraped.txt", NULL);
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

static char *
decode (GBytes      *bytes,
        const char  *encoding,
        char       **used)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  char *text;

  text = glossa_decode_text (data, len, "sample.txt", encoding, used, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  return text;
}

static void
test_canonicalize (void)
{
  static const struct {
    const char *label;
    const char *canonical;
  } cases[] = {
    { "utf8", "UTF-8" },
    { " UTF-8 ", "UTF-8" },
    { "gb2312", "GB18030" },
    { "GBK", "GB18030" },
    { "x-gbk", "GB18030" },
    { "cp936", "GB18030" },
    { "gb18030", "GB18030" },
    { "big5", "BIG5" },
    { "Big5-HKSCS", "BIG5-HKSCS" },
    { "latin1", "WINDOWS-1252" },
    { "ISO-8859-1", "WINDOWS-1252" },
    { "us-ascii", "WINDOWS-1252" },
    { "ascii", "WINDOWS-1252" },
    { "windows-1252", "WINDOWS-1252" },
    { "utf-16le", "UTF-16LE" },
    { "UTF-16BE", "UTF-16BE" },
    { "shift_jis", "SHIFT_JIS" },
    { "iso-8859-5", "ISO-8859-5" },
    { "koi8-r", "KOI8-R" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *canonical = glossa_encoding_canonicalize (cases[i].label);

      g_assert_cmpstr (canonical, ==, cases[i].canonical);
    }

  g_assert_null (glossa_encoding_canonicalize ("no-such-encoding"));
  g_assert_null (glossa_encoding_canonicalize ("UTF-8//TRANSLIT"));
  g_assert_null (glossa_encoding_canonicalize ("../../etc/passwd"));
  g_assert_null (glossa_encoding_canonicalize (""));
  g_assert_null (glossa_encoding_canonicalize (NULL));
}

static void
test_utf8 (void)
{
  const char *utf8 = "Plain 中文 text with 𠀀 and 😀.\n";
  g_autoptr(GBytes) plain = g_bytes_new_static (utf8, strlen (utf8));
  g_autofree char *with_bom_data = g_strconcat ("\357\273\277", utf8, NULL);
  g_autoptr(GBytes) with_bom = g_bytes_new_static (with_bom_data, strlen (with_bom_data));
  g_autofree char *used1 = NULL;
  g_autofree char *used2 = NULL;
  g_autofree char *text1 = decode (plain, NULL, &used1);
  g_autofree char *text2 = decode (with_bom, NULL, &used2);

  g_assert_cmpstr (text1, ==, utf8);
  g_assert_cmpstr (used1, ==, "UTF-8");
  g_assert_cmpstr (text2, ==, utf8);
  g_assert_cmpstr (used2, ==, "UTF-8");
}

static void
check_wide (const char *encoding,
            const char *bom,
            gsize       bom_len)
{
  const char *utf8 = "Wide 中文 text, astral 𠀀 😀 and “quotes”.\n";
  g_autoptr(GBytes) body = encode (utf8, encoding);
  g_autoptr(GByteArray) with_bom = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;

  g_byte_array_append (with_bom, (const guint8 *) bom, bom_len);
  g_byte_array_append (with_bom, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&with_bom));
  text = decode (bytes, NULL, &used);
  g_assert_cmpstr (text, ==, utf8);
  g_assert_cmpstr (used, ==, encoding);
}

static void
test_bom (void)
{
  check_wide ("UTF-16LE", "\xFF\xFE", 2);
  check_wide ("UTF-16BE", "\xFE\xFF", 2);
  check_wide ("UTF-32LE", "\xFF\xFE\0\0", 4);
  check_wide ("UTF-32BE", "\0\0\xFE\xFF", 4);
}

static void
test_bomless_utf16 (void)
{
  const char *utf8 = "A BOM-less UTF-16 file, as some Windows tools write them.\n";
  g_autoptr(GBytes) le = encode (utf8, "UTF-16LE");
  g_autoptr(GBytes) be = encode (utf8, "UTF-16BE");
  g_autofree char *used_le = NULL;
  g_autofree char *used_be = NULL;
  g_autofree char *text_le = decode (le, NULL, &used_le);
  g_autofree char *text_be = decode (be, NULL, &used_be);

  g_assert_cmpstr (text_le, ==, utf8);
  g_assert_cmpstr (used_le, ==, "UTF-16LE");
  g_assert_cmpstr (text_be, ==, utf8);
  g_assert_cmpstr (used_be, ==, "UTF-16BE");
}

static void
test_gbk (void)
{
  g_autofree char *utf8 = chinese_paragraphs (4);
  const char *encodings[] = { "GBK", "GB18030", "GB2312" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr(GBytes) bytes = encode (utf8, encodings[i]);
      g_autofree char *used = NULL;
      g_autofree char *text = decode (bytes, NULL, &used);

      g_assert_cmpstr (text, ==, utf8);
      g_assert_cmpstr (used, ==, "GB18030");
    }
}

static void
test_gb18030_four_byte (void)
{
  /* NBSP and 𠀀 only exist in GB18030's four-byte part. */
  const char *utf8 = "人工智能时代\302\240来临，𠀀字在扩展区。我们不能仅仅只是将其看成是一个应用。";
  g_autoptr(GBytes) bytes = encode (utf8, "GB18030");
  g_autofree char *used = NULL;
  g_autofree char *text = decode (bytes, NULL, &used);

  g_assert_cmpstr (text, ==, utf8);
  g_assert_cmpstr (used, ==, "GB18030");
}

static void
test_big5 (void)
{
  /* Short strings too: Big5's commonest hanzi sit where GBK has kana,
   * and every Big5 pair is also a well-formed GBK pair. */
  const char *samples[] = { TRADITIONAL_ZH, "中文", "中文字", "臺灣", "我們的世界", "這是一個測試。",
                            "《新聞》報導：「人工智慧」的發展。" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GBytes) bytes = encode (samples[i], "BIG5");
      g_autofree char *used = NULL;
      g_autofree char *text = decode (bytes, NULL, &used);

      g_assert_cmpstr (text, ==, samples[i]);
      g_assert_cmpstr (used, ==, "BIG5");
    }
}

static void
test_gbk_short (void)
{
  const char *samples[] = { "中文", "人", "我们的世界", "这是一个测试。", "“引号”与《书名》……",
                            "Sora的横空出世", "使用AI的人" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GBytes) bytes = encode (samples[i], "GBK");
      g_autofree char *used = NULL;
      g_autofree char *text = decode (bytes, NULL, &used);

      g_assert_cmpstr (text, ==, samples[i]);
      g_assert_cmpstr (used, ==, "GB18030");
    }
}

static void
test_windows_1252 (void)
{
  /* Each line alone, then all together: short text is where a double-byte
   * guess is most tempting. */
  g_auto(GStrv) lines = g_strsplit (WESTERN_TEXT, "\n", -1);
  const char *extra[] = { "café", "Ça va", "élan", "naïve", "“Hi”", "über", "São Paulo", "Zürich",
                          "A long sentence in English that ends at the café",
                          "Ünïcödé everywhere, or nearly: façade, naïve, Gödel, Ærø" };

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *used = NULL;
      g_autofree char *text = NULL;

      if (lines[i][0] == '\0')
        continue;
      bytes = encode (lines[i], "WINDOWS-1252");
      text = decode (bytes, NULL, &used);
      g_assert_cmpstr (text, ==, lines[i]);
      g_assert_cmpstr (used, ==, "WINDOWS-1252");
    }

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      g_autoptr(GBytes) bytes = encode (extra[i], "WINDOWS-1252");
      g_autofree char *used = NULL;
      g_autofree char *text = decode (bytes, NULL, &used);

      g_assert_cmpstr (text, ==, extra[i]);
      g_assert_cmpstr (used, ==, "WINDOWS-1252");
    }

  {
    g_autoptr(GBytes) bytes = encode (WESTERN_TEXT, "WINDOWS-1252");
    g_autofree char *used = NULL;
    g_autofree char *text = decode (bytes, NULL, &used);

    g_assert_cmpstr (text, ==, WESTERN_TEXT);
    g_assert_cmpstr (used, ==, "WINDOWS-1252");
  }

  {
    /* The five bytes glibc's CP1252 leaves undefined still decode. */
    g_autoptr(GBytes) bytes = g_bytes_new_static ("a\x81\x8D\x8F\x90\x9D" "b", 7);
    g_autofree char *used = NULL;
    g_autofree char *text = decode (bytes, NULL, &used);

    g_assert_cmpstr (text, ==, "a\302\201\302\215\302\217\302\220\302\235b");
    g_assert_cmpstr (used, ==, "WINDOWS-1252");
  }
}

static void
test_nearly_utf8 (void)
{
  g_autofree char *zh = chinese_paragraphs (4);
  gsize len = strlen (zh);
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) spliced = g_string_new (NULL);
  gsize cut;

  /* Cut in the middle of the last character, as `head -c` would. */
  cut = len - 1;
  while (((guchar) zh[cut] & 0xC0) == 0x80)
    cut--;
  text = glossa_decode_text (zh, cut + 1, "cut.txt", NULL, &used, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (used, ==, "UTF-8");
  g_assert_true (g_str_has_suffix (text, "\357\277\275"));
  g_assert_true (strncmp (text, zh, cut) == 0);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&used, g_free);

  /* One windows-1252 byte pasted into a long UTF-8 article. */
  g_string_append (spliced, zh);
  g_string_append (spliced, " caf\xE9 ");
  g_string_append (spliced, zh);
  text = glossa_decode_text (spliced->str, spliced->len, "spliced.txt", NULL, &used, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (used, ==, "UTF-8");
  g_assert_nonnull (strstr (text, " caf\357\277\275 "));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&used, g_free);

  /* Given as UTF-8, though, the same bytes are an error. */
  text = glossa_decode_text (spliced->str, spliced->len, "spliced.txt", "utf-8", &used, &error);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING);
  g_assert_null (text);
}

static void
test_override (void)
{
  g_autofree char *zh = chinese_paragraphs (1);
  g_autoptr(GBytes) gbk = encode (zh, "GBK");
  g_autoptr(GBytes) western = encode (WESTERN_TEXT, "WINDOWS-1252");
  g_autoptr(GBytes) big5 = encode (TRADITIONAL_ZH, "BIG5");
  g_autoptr(GBytes) koi8 = encode ("Привет, мир", "KOI8-R");
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;

  text = decode (gbk, "gbk", &used);
  g_assert_cmpstr (text, ==, zh);
  g_assert_cmpstr (used, ==, "GB18030");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&used, g_free);

  text = decode (western, "latin1", &used);
  g_assert_cmpstr (text, ==, WESTERN_TEXT);
  g_assert_cmpstr (used, ==, "WINDOWS-1252");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&used, g_free);

  text = decode (big5, "big5", &used);
  g_assert_cmpstr (text, ==, TRADITIONAL_ZH);
  g_assert_cmpstr (used, ==, "BIG5");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&used, g_free);

  /* Detection would call this windows-1252; the override is obeyed. */
  text = decode (koi8, "koi8-r", &used);
  g_assert_cmpstr (text, ==, "Привет, мир");
  g_assert_cmpstr (used, ==, "KOI8-R");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&used, g_free);

  /* With a BOM, any Unicode override gets the byte order from the BOM. */
  {
    g_autoptr(GBytes) body = encode ("Byte order from the BOM 中文", "UTF-16BE");
    g_autoptr(GByteArray) with_bom = g_byte_array_new ();
    g_autoptr(GBytes) bytes = NULL;

    g_byte_array_append (with_bom, (const guint8 *) "\xFE\xFF", 2);
    g_byte_array_append (with_bom, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&with_bom));
    text = decode (bytes, "utf-16", &used);
    g_assert_cmpstr (text, ==, "Byte order from the BOM 中文");
    g_assert_cmpstr (used, ==, "UTF-16BE");
    g_clear_pointer (&text, g_free);
    g_clear_pointer (&used, g_free);
  }

  /* Overriding with the wrong single-byte encoding gives mojibake, not an error. */
  text = decode (gbk, "windows-1252", &used);
  g_assert_cmpstr (used, ==, "WINDOWS-1252");
  g_assert_cmpstr (text, !=, zh);
}

static void
check_invalid (const char *data,
               gsize       len,
               const char *encoding,
               const char *canonical,
               gsize       offset)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;
  g_autofree char *text = NULL;
  g_autofree char *offset_str = g_strdup_printf ("offset %" G_GSIZE_FORMAT, offset);

  text = glossa_decode_text (data, len, "/tmp/broken.txt", encoding, &used, &error);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING);
  g_assert_null (text);
  g_assert_null (used);
  g_assert_nonnull (strstr (error->message, "“/tmp/broken.txt”"));
  g_assert_nonnull (strstr (error->message, canonical));
  g_assert_nonnull (strstr (error->message, offset_str));
}

static void
test_invalid_under_override (void)
{
  g_autofree char *zh = chinese_paragraphs (1);
  g_autoptr(GBytes) gbk = encode (zh, "GBK");
  g_autoptr(GByteArray) bad_gbk = g_byte_array_new ();

  /* UTF-8 with a stray 0xFF at offset 6. */
  check_invalid ("Hello \xFF world", 13, "utf-8", "UTF-8", 6);
  /* GBK bytes read as UTF-8. */
  check_invalid (g_bytes_get_data (gbk, NULL), g_bytes_get_size (gbk), "utf8", "UTF-8", 4);
  /* GB18030 with 0xFF in the middle, where no lead byte can be. */
  g_byte_array_append (bad_gbk, g_bytes_get_data (gbk, NULL), 12);
  g_byte_array_append (bad_gbk, (const guint8 *) "\xFF\xFF", 2);
  g_byte_array_append (bad_gbk, g_bytes_get_data (gbk, NULL), g_bytes_get_size (gbk));
  check_invalid ((const char *) bad_gbk->data, bad_gbk->len, "gb2312", "GB18030", 12);
  /* Big5 with a lead byte cut off at the end. */
  check_invalid ("abc\xA4", 4, "big5", "BIG5", 3);

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = glossa_decode_text ("abc", 3, "a.txt", "klingon-8", NULL, &error);

    g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING);
    g_assert_null (text);
    g_assert_nonnull (strstr (error->message, "“a.txt”"));
    g_assert_nonnull (strstr (error->message, "klingon-8"));
  }
}

static void
test_binary (void)
{
  static const char nul_data[] = "text\0with\0nul\0bytes here and there";
  guint8 random_data[4096];
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  char *text;

  text = glossa_decode_text (nul_data, sizeof nul_data - 1, "x.bin", NULL, NULL, &error);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_BINARY);
  g_assert_null (text);
  g_assert_nonnull (strstr (error->message, "“x.bin”"));
  g_clear_error (&error);

  for (guint i = 0; i < sizeof random_data; i++)
    random_data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  text = glossa_decode_text ((const char *) random_data, sizeof random_data, "x.bin", NULL, NULL,
                             &error);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_BINARY);
  g_assert_null (text);
  g_clear_error (&error);

  /* Control characters without a NUL. */
  for (guint i = 0; i < sizeof random_data; i++)
    random_data[i] = (guint8) g_rand_int_range (rand, 1, 32);
  text = glossa_decode_text ((const char *) random_data, sizeof random_data, "x.bin", NULL, NULL,
                             &error);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_BINARY);
  g_assert_null (text);
  g_clear_error (&error);

  /* Looking like UTF-16 (every other byte NUL) is not enough. */
  for (guint i = 0; i < sizeof random_data; i++)
    random_data[i] = i % 2 ? 0 : (guint8) g_rand_int_range (rand, 1, 32);
  text = glossa_decode_text ((const char *) random_data, sizeof random_data, "x.bin", NULL, NULL,
                             &error);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_BINARY);
  g_assert_null (text);
  g_clear_error (&error);

  /* A U+0000 inside UTF-16 is binary too. */
  text = glossa_decode_text ("\xFF\xFE" "a\0\0\0b\0", 8, "x.bin", NULL, NULL, &error);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_BINARY);
  g_assert_null (text);
  g_clear_error (&error);
}

static void
test_lossy (void)
{
  g_autofree char *zh = chinese_paragraphs (1);
  g_autoptr(GBytes) gbk = encode (zh, "GBK");
  g_autoptr(GByteArray) bad_gbk = g_byte_array_new ();
  g_autofree char *expected = NULL;
  gsize n = 99;
  char *text;

  text = glossa_convert_lossy ("ab\xFF" "cd\xC3", 6, "utf-8", &n);
  g_assert_cmpstr (text, ==, "ab\357\277\275cd\357\277\275");
  g_assert_cmpuint (n, ==, 2);
  g_free (text);

  text = glossa_convert_lossy ("ok \xE4\xB8\xAD", 6, "utf-8", &n);
  g_assert_cmpstr (text, ==, "ok 中");
  g_assert_cmpuint (n, ==, 0);
  g_free (text);

  /* A page labelled GBK with one broken pair in the middle. */
  g_byte_array_append (bad_gbk, g_bytes_get_data (gbk, NULL), 12);
  g_byte_array_append (bad_gbk, (const guint8 *) "\xFF", 1);
  g_byte_array_append (bad_gbk, g_bytes_get_data (gbk, NULL), g_bytes_get_size (gbk));
  text = glossa_convert_lossy ((const char *) bad_gbk->data, bad_gbk->len, "gbk", &n);
  {
    /* 12 bytes: "Sora" and four hanzi. */
    g_autofree char *head = g_utf8_substring (zh, 0, 8);

    expected = g_strconcat (head, "\357\277\275", zh, NULL);
  }
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (n, ==, 1);
  g_free (text);

  /* NUL bytes never reach the text. */
  text = glossa_convert_lossy ("a\0b", 3, "windows-1252", &n);
  g_assert_cmpstr (text, ==, "a\357\277\275b");
  g_assert_cmpuint (n, ==, 1);
  g_free (text);

  text = glossa_convert_lossy ("caf\xE9", 4, "iso-8859-1", &n);
  g_assert_cmpstr (text, ==, "café");
  g_assert_cmpuint (n, ==, 0);
  g_free (text);

  /* An unknown label is read as UTF-8 rather than failing. */
  text = glossa_convert_lossy ("caf\xC3\xA9 \xE9", 7, "x-bogus", &n);
  g_assert_cmpstr (text, ==, "café \357\277\275");
  g_assert_cmpuint (n, ==, 1);
  g_free (text);

  /* A truncated sequence at the end. */
  text = glossa_convert_lossy ("abc\xA4", 4, "big5", &n);
  g_assert_cmpstr (text, ==, "abc\357\277\275");
  g_assert_cmpuint (n, ==, 1);
  g_free (text);
}

static void
test_newlines (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "a\r\nb\rc\n\r\nd", "a\nb\nc\n\nd" },
    { "\r\r\n\r", "\n\n\n" },
    { "no breaks", "no breaks" },
    { "end\r", "end\n" },
    { "中\r\n文", "中\n文" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *buf = g_strdup (cases[i].in);
      gsize len = glossa_normalize_newlines (buf, strlen (buf));

      g_assert_cmpuint (len, ==, strlen (cases[i].out));
      g_assert_cmpmem (buf, len, cases[i].out, strlen (cases[i].out));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/encoding/canonicalize", test_canonicalize);
  g_test_add_func ("/encoding/utf8", test_utf8);
  g_test_add_func ("/encoding/bom", test_bom);
  g_test_add_func ("/encoding/bomless-utf16", test_bomless_utf16);
  g_test_add_func ("/encoding/gbk", test_gbk);
  g_test_add_func ("/encoding/gb18030-four-byte", test_gb18030_four_byte);
  g_test_add_func ("/encoding/big5", test_big5);
  g_test_add_func ("/encoding/gbk-short", test_gbk_short);
  g_test_add_func ("/encoding/windows-1252", test_windows_1252);
  g_test_add_func ("/encoding/nearly-utf8", test_nearly_utf8);
  g_test_add_func ("/encoding/override", test_override);
  g_test_add_func ("/encoding/invalid-under-override", test_invalid_under_override);
  g_test_add_func ("/encoding/binary", test_binary);
  g_test_add_func ("/encoding/lossy", test_lossy);
  g_test_add_func ("/encoding/newlines", test_newlines);
  return g_test_run ();
}
