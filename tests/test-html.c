/* test-html.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Web-page article extraction on real pages: the shared Chinese sample in
 * UTF-8 and converted to GBK, charset sniffing, clutter removal, blocks,
 * links, and pages built to break an extractor.
 */
#include "config.h"

#include <string.h>

#include "glossa-import.h"

static const char *forbidden[] = {
  "水晶球APP", "推荐关注", "柴孝伟", "李大霄", "宋清辉", "banner", "股民老张", "评论",
  "言过其实", "收藏了", "免责声明", "关于我们", "首页", "登录", "+关注", "下载、打开",
  "02月22日", "pageview", "track", NULL
};

static char *
sample_path (const char *name)
{
  const char *shared = g_getenv ("GLOSSA_SHARED_DIR");

  return g_build_filename (shared ? shared : "/work/shared", "samples", name, NULL);
}

static GBytes *
load_sample (const char *name)
{
  g_autofree char *path = sample_path (name);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* Every block lies inside the text, in order, without overlap; the text is
 * exactly the blocks joined by blank lines; link spans lie inside it. */
static void
assert_blocks_consistent (GlossaExtracted *ex)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  gint64 prev_end = 0;

  g_assert_cmpint (ex->length, ==, g_utf8_strlen (ex->text, -1));
  for (guint i = 0; i < ex->blocks->len; i++)
    {
      GlossaBlock *b = &g_array_index (ex->blocks, GlossaBlock, i);
      g_autofree char *s = NULL;

      g_assert_cmpint (b->start, <, b->end);
      g_assert_cmpint (b->start, >=, prev_end);
      g_assert_cmpint (b->end, <=, ex->length);
      s = g_utf8_substring (ex->text, b->start, b->end);
      /* no block starts or ends with white space, except preformatted text */
      if (b->kind != GLOSSA_BLOCK_PREFORMATTED)
        g_assert_false (g_unichar_isspace (g_utf8_get_char (s)));
      g_assert_false (g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (s + strlen (s)))));
      if (i > 0)
        g_string_append (joined, "\n\n");
      g_string_append (joined, s);
      if (b->kind == GLOSSA_BLOCK_HEADING)
        {
          g_assert_cmpuint (b->level, >=, 1);
          g_assert_cmpuint (b->level, <=, 6);
        }
      prev_end = b->end;
    }
  g_assert_cmpstr (joined->str, ==, ex->text);
  for (guint i = 0; i < ex->links->len; i++)
    {
      GlossaLinkSpan *l = &g_array_index (ex->links, GlossaLinkSpan, i);

      g_assert_cmpint (l->start, <, l->end);
      g_assert_cmpint (l->end, <=, ex->length);
      g_assert_nonnull (l->href);
    }
}

static const GlossaBlock *
find_block (GlossaExtracted *ex,
            const char      *text)
{
  for (guint i = 0; i < ex->blocks->len; i++)
    {
      GlossaBlock *b = &g_array_index (ex->blocks, GlossaBlock, i);
      g_autofree char *s = g_utf8_substring (ex->text, b->start, b->end);

      if (g_str_equal (s, text))
        return b;
    }
  return NULL;
}

static void
assert_sora_article (GlossaExtracted *ex)
{
  const char *last_line = "作者:孟永辉,资深撰稿人,专栏作家,行业研究专家,知名KOL数字经济学者";
  const GlossaBlock *heading;

  g_assert_cmpstr (ex->title, ==, "Sora打败不了贾玲韩寒,但却是互联网的解药");
  g_assert_cmpstr (ex->byline, ==, "辉常观察");
  g_assert_cmpstr (ex->format, ==, "html");
  g_assert_cmpstr (ex->language, ==, "zh-CN");
  g_assert_nonnull (ex->published);
  g_assert_true (g_str_has_prefix (ex->published, "2024-02-22"));
  g_assert_false (ex->best_effort);
  g_assert_true (g_str_has_prefix (ex->text, "Sora的横空出世,再度向世人展示了人工智能时代来临的不可逆性。"));
  g_assert_true (g_str_has_suffix (ex->text, last_line));
  g_assert_nonnull (find_block (ex, last_line));
  for (guint i = 0; forbidden[i] != NULL; i++)
    if (strstr (ex->text, forbidden[i]) != NULL)
      g_error ("“%s” reached the text", forbidden[i]);
  /* NBSP-only paragraphs are gone, and so is any NBSP */
  g_assert_null (strstr (ex->text, "\302\240"));
  g_assert_null (strstr (ex->text, "\n\n\n"));

  heading = find_block (ex, "结语");
  g_assert_nonnull (heading);
  g_assert_cmpint (heading->kind, ==, GLOSSA_BLOCK_HEADING);
  g_assert_cmpuint (heading->level, ==, 2);
  g_assert_cmpint (find_block (ex, "—完—")->kind, ==, GLOSSA_BLOCK_PARAGRAPH);
  /* 52 paragraphs of article text, the heading, the end mark and the author */
  g_assert_cmpuint (ex->blocks->len, >=, 60);
  assert_blocks_consistent (ex);
}

static void
test_sora_utf8 (void)
{
  g_autoptr(GBytes) bytes = load_sample ("sora-article.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = glossa_import_html (bytes, "sora-article.html", NULL, &error);

  g_assert_no_error (error);
  assert_sora_article (ex);
  g_assert_cmpstr (ex->encoding, ==, "UTF-8");
}

static char *
replace_once (const char *haystack,
              const char *needle,
              const char *replacement)
{
  const char *at = strstr (haystack, needle);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - haystack), haystack, replacement,
                          at + strlen (needle));
}

static GBytes *
to_gbk (const char *utf8)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  /* GBK has no ©: the footer gets "(c)" as a GBK page would have */
  char *gbk = g_convert_with_fallback (utf8, -1, "GBK", "UTF-8", "(c)", NULL, &len, &error);

  g_assert_no_error (error);
  return g_bytes_new_take (gbk, len);
}

static char *
sora_utf8 (void)
{
  g_autoptr(GBytes) bytes = load_sample ("sora-article.html");

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_sora_gbk (void)
{
  g_autofree char *page = sora_utf8 ();
  g_autofree char *relabelled = replace_once (page, "<meta charset=\"utf-8\">", "<meta charset=\"gbk\">");
  g_autoptr(GBytes) bytes = to_gbk (relabelled);
  g_autoptr(GBytes) utf8 = load_sample ("sora-article.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;
  g_autoptr(GlossaExtracted) reference = NULL;

  g_assert_false (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  ex = glossa_import_html (bytes, "sora-gbk.html", NULL, &error);
  g_assert_no_error (error);
  assert_sora_article (ex);
  g_assert_cmpstr (ex->encoding, ==, "GB18030");

  reference = glossa_import_html (utf8, "sora-article.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ex->text, ==, reference->text);
  g_assert_cmpuint (ex->blocks->len, ==, reference->blocks->len);
}

/* The same page labelled gb2312 (it uses characters outside GB2312 only
 * through GBK): the label means GB18030. */
static void
test_gb2312_label (void)
{
  g_autofree char *page = sora_utf8 ();
  g_autofree char *relabelled = replace_once (page, "<meta charset=\"utf-8\">",
                                              "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">");
  g_autofree char *with_rare = replace_once (relabelled, "<p>—完—</p>", "<p>—完—镕</p>");
  g_autoptr(GBytes) bytes = to_gbk (with_rare);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = glossa_import_html (bytes, "sora-gb2312.html", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ex->encoding, ==, "GB18030");
  g_assert_nonnull (find_block (ex, "—完—镕"));
  g_assert_null (strstr (ex->text, "\357\277\275"));
}

/* The meta sits after 1024 bytes of head (a long style and comment). */
static void
test_meta_after_1024 (void)
{
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><head><!-- ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append (page, "padding padding ");
  g_string_append (page, "--><style>");
  for (guint i = 0; i < 60; i++)
    g_string_append (page, ".x{color:red}\n");
  g_string_append (page, "</style><meta charset=\"gb18030\"><title>测试页面：编码</title></head><body>"
                         "<article><p>这是一篇用国标编码保存的文章，声明出现在一千零二十四个字节之后。"
                         "浏览器会读完整个头部再决定编码，我们也一样。</p>"
                         "<p>第二段内容，同样是中文，包括一些全角标点：“引号”、《书名》。</p></article></body></html>");
  g_assert_cmpuint (strstr (page->str, "<meta") - page->str, >, 1024);
  bytes = to_gbk (page->str);

  ex = glossa_import_html (bytes, "late-meta.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ex->encoding, ==, "GB18030");
  g_assert_true (g_str_has_prefix (ex->text, "这是一篇用国标编码保存的文章"));
  g_assert_nonnull (strstr (ex->text, "《书名》"));
  g_assert_cmpstr (ex->title, ==, "测试页面：编码");
  assert_blocks_consistent (ex);

  /* Big5 bytes also decode as GB18030 (into nonsense): only the late
   * declaration can tell. */
  {
    g_autofree char *big5_page = NULL;
    g_autofree char *big5 = NULL;
    g_autoptr(GBytes) big5_bytes = NULL;
    g_autoptr(GlossaExtracted) ex2 = NULL;
    char *meta = strstr (page->str, "<meta charset=\"gb18030\">");
    gsize len;

    g_string_truncate (page, meta - page->str);
    g_string_append (page, "<meta charset=\"big5\"><title>繁體中文頁面</title></head><body>"
                           "<article><p>這是一篇以大五碼儲存的文章，編碼宣告出現在一千零二十四個位元組之後。"
                           "瀏覽器會讀完整個標頭再決定編碼，我們也一樣。</p></article></body></html>");
    big5_page = g_strdup (page->str);
    big5 = g_convert (big5_page, -1, "BIG5", "UTF-8", NULL, &len, &error);
    g_assert_no_error (error);
    big5_bytes = g_bytes_new (big5, len);
    ex2 = glossa_import_html (big5_bytes, "late-meta-big5.html", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ex2->encoding, ==, "BIG5");
    g_assert_cmpstr (ex2->title, ==, "繁體中文頁面");
    g_assert_true (g_str_has_prefix (ex2->text, "這是一篇以大五碼儲存的文章"));
  }

  /* windows-1251 is no guess of the detector (it would read the bytes as
   * GB18030 or windows-1252): only the declaration past 1024 bytes says so */
  {
    g_autofree char *cyr = NULL;
    g_autoptr(GBytes) cyr_bytes = NULL;
    g_autoptr(GlossaExtracted) ex3 = NULL;
    char *meta = strstr (page->str, "<meta charset=\"big5\">");
    gsize len;

    g_string_truncate (page, meta - page->str);
    g_string_append (page, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                           "<title>Кодировка</title></head><body><article><p>Эта статья сохранена в "
                           "кодировке windows-1251, а её объявление стоит дальше первых 1024 байтов. "
                           "Браузер читает весь заголовок, и мы тоже.</p></article></body></html>");
    cyr = g_convert (page->str, -1, "WINDOWS-1251", "UTF-8", NULL, &len, &error);
    g_assert_no_error (error);
    cyr_bytes = g_bytes_new (cyr, len);
    ex3 = glossa_import_html (cyr_bytes, "late-meta-1251.html", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ex3->title, ==, "Кодировка");
    g_assert_true (g_str_has_prefix (ex3->text, "Эта статья сохранена в кодировке windows-1251"));
  }
}

/* A charset= that only appears inside a script string (and a comment) is
 * not a declaration: the GBK bytes are detected instead. */
static void
test_charset_in_script (void)
{
  const char *page =
    "<html><head><title>脚本里的字符集</title>"
    "<script>var tpl = '<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">';"
    "document.write(\"<meta charset=iso-8859-1>\");</script>"
    "<!-- <meta charset=\"koi8-r\"> -->"
    "</head><body><div class=\"content\"><p>页面本身没有声明编码，只有脚本字符串里写着 charset=windows-1252，"
    "这不能当真。正文是国标码，应当被检测出来。</p><p>第二段也是中文，用来确认检测结果稳定可靠。</p></div></body></html>";
  g_autoptr(GBytes) bytes = to_gbk (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = glossa_import_html (bytes, "script-charset.html", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ex->encoding, ==, "GB18030");
  g_assert_true (g_str_has_prefix (ex->text, "页面本身没有声明编码"));
  g_assert_cmpstr (ex->title, ==, "脚本里的字符集");
  g_assert_null (strstr (ex->text, "\357\277\275"));
}

/* Bytes invalid in the declared charset become U+FFFD; nothing aborts. */
static void
test_invalid_bytes (void)
{
  g_autoptr(GBytes) good = to_gbk ("<html><head><meta charset=\"gbk\"><title>坏字节</title></head><body>"
                                   "<article><p>前半句是正常的国标码文字，后面跟着一个坏字节");
  g_autoptr(GBytes) rest = to_gbk ("然后继续正常的文字，直到段落结束为止，这样就能看到替换字符。</p></article></body></html>");
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;
  const guint8 bad[] = { 0x81, 0x20 };

  g_byte_array_append (all, g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  g_byte_array_append (all, bad, sizeof bad);
  g_byte_array_append (all, g_bytes_get_data (rest, NULL), g_bytes_get_size (rest));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&all));

  ex = glossa_import_html (bytes, "bad-bytes.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ex->encoding, ==, "GB18030");
  g_assert_nonnull (strstr (ex->text, "坏字节\357\277\275"));
  g_assert_nonnull (strstr (ex->text, "然后继续正常的文字"));
  assert_blocks_consistent (ex);

  /* a UTF-8 page with a stray byte keeps its encoding */
  {
    const char *stray = "<html><head><meta charset=utf-8></head><body><p>"
                        "Une phrase assez longue pour être un article, avec un octet \xff"
                        " invalide au milieu, et encore du texte après lui.</p></body></html>";
    g_autoptr(GBytes) b2 = g_bytes_new_static (stray, strlen (stray));
    g_autoptr(GlossaExtracted) ex2 = glossa_import_html (b2, "stray.html", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ex2->encoding, ==, "UTF-8");
    g_assert_nonnull (strstr (ex2->text, "octet \357\277\275 invalide"));
  }
  /* a stray NUL is damage, not a sign of a binary file */
  {
    const char nul_page[] = "<html><body><p>Une phrase assez longue pour être un article, avec un octet\0"
                            " nul au milieu, et encore du texte après lui, jusqu'au bout.</p></body></html>";
    g_autoptr(GBytes) b3 = g_bytes_new_static (nul_page, sizeof nul_page - 1);
    g_autoptr(GlossaExtracted) ex3 = glossa_import_html (b3, "nul.html", NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (ex3->text, "un octet nul au milieu"));
    g_assert_true (g_str_has_suffix (ex3->text, "jusqu'au bout."));
  }
}

static void
test_utf16_bom (void)
{
  const char *page = "<html><head><title>UTF-16 页面</title></head><body><article>"
                     "<p>一个以字节顺序标记开头的 UTF-16 页面，也应当被正确读出，包括中文和 English words.</p>"
                     "</article></body></html>";
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *utf16 = g_convert (page, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
  g_autofree char *with_bom = g_malloc (len + 2);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;

  g_assert_no_error (error);
  with_bom[0] = (char) 0xFF;
  with_bom[1] = (char) 0xFE;
  memcpy (with_bom + 2, utf16, len);
  bytes = g_bytes_new (with_bom, len + 2);
  ex = glossa_import_html (bytes, "utf16.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ex->encoding, ==, "UTF-16LE");
  g_assert_cmpstr (ex->title, ==, "UTF-16 页面");
  g_assert_cmpstr (ex->text, ==, "一个以字节顺序标记开头的 UTF-16 页面，也应当被正确读出，包括中文和 English words.");
}

static void
test_encoding_override (void)
{
  g_autofree char *page = sora_utf8 ();
  g_autoptr(GBytes) bytes = to_gbk (page);   /* label still says utf-8: it lies */
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = glossa_import_html (bytes, "override.html", "gbk", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ex->encoding, ==, "GB18030");
  assert_sora_article (ex);

  g_clear_pointer (&ex, glossa_extracted_free);
  ex = glossa_import_html (bytes, "override.html", "no-such-encoding", &error);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "override.html"));
  g_assert_null (ex);
}

static GlossaExtracted *
extract_string (const char *html)
{
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));
  g_autoptr(GError) error = NULL;
  GlossaExtracted *ex = glossa_import_html (bytes, "inline.html", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ex);
  assert_blocks_consistent (ex);
  return ex;
}

static void
test_br_paragraphs (void)
{
  g_autoptr(GlossaExtracted) ex = extract_string (
    "<html><body><div id=\"content\">"
    "First paragraph of a div-soup page, long enough to be taken for article text, really.<br><br>\n"
    "Second paragraph, after a double break, also long enough to count as article text here.<br>\n<br>"
    "Third paragraph has a line<br>break inside it, which stays a line break, not a new block.<br><br><br>"
    "Fourth paragraph after three breaks, which is still only one paragraph boundary, of course."
    "</div><div id=\"cn\">　　第一段中文，用全角空格缩进，以单个换行分段，这是很多中文网站的写法。<br>"
    "　　第二段中文，同样缩进。读者视图应当把它们当作两个段落，而不是一段。</div></body></html>");

  g_assert_false (ex->best_effort);
  g_assert_nonnull (find_block (ex, "First paragraph of a div-soup page, long enough to be taken for article text, really."));
  g_assert_nonnull (find_block (ex, "Second paragraph, after a double break, also long enough to count as article text here."));
  g_assert_nonnull (find_block (ex, "Third paragraph has a line\nbreak inside it, which stays a line break, not a new block."));
  g_assert_nonnull (find_block (ex, "Fourth paragraph after three breaks, which is still only one paragraph boundary, of course."));
  g_assert_nonnull (find_block (ex, "第一段中文，用全角空格缩进，以单个换行分段，这是很多中文网站的写法。"));
  g_assert_nonnull (find_block (ex, "第二段中文，同样缩进。读者视图应当把它们当作两个段落，而不是一段。"));
  g_assert_cmpuint (ex->blocks->len, ==, 6);
}

static void
test_hidden_and_whitespace (void)
{
  g_autoptr(GlossaExtracted) ex = extract_string (
    "<html><head><style>p{color:red}</style><script>var secret='SCRIPT';</script></head><body><article>"
    "<p>Visible &amp; decoded &lt;entities&gt; in a paragraph that is long enough for an article.</p>"
    "<p hidden>HIDDEN-ATTR text that must never be seen by anyone reading the article.</p>"
    "<p aria-hidden=\"true\">ARIA-HIDDEN text that must never be seen by anyone reading it.</p>"
    "<div style=\"display: none\">DISPLAY-NONE text that must never be seen by anyone at all.</div>"
    "<div style=\"visibility:hidden\">VISIBILITY text that must never be seen by anyone at all.</div>"
    "<template><p>TEMPLATE text that must never be seen by anyone reading the article.</p></template>"
    "<noscript><p>NOSCRIPT text that must never be seen by anyone reading the article.</p></noscript>"
    "<form><input value=\"INPUT\"><select><option>OPTION</option></select><textarea>TEXTAREA</textarea></form>"
    "<p>  Collapsed   white\tspace\n and 中文\n换行 without a space between CJK characters across lines.  </p>"
    "<p>Korean is written with spaces, so a line break stays one: 한국어\n문장 입니다, as browsers do.</p>"
    "<p>&nbsp;</p><p>\302\240 \302\240</p>"
    "<pre>  keep   this\n    indentation</pre>"
    "</article></body></html>");
  const char *hidden[] = { "SCRIPT", "HIDDEN-ATTR", "ARIA-HIDDEN", "DISPLAY-NONE", "VISIBILITY",
                           "TEMPLATE", "NOSCRIPT", "INPUT", "OPTION", "TEXTAREA", "color:red", NULL };
  const GlossaBlock *pre;

  for (guint i = 0; hidden[i] != NULL; i++)
    if (strstr (ex->text, hidden[i]) != NULL)
      g_error ("“%s” reached the text", hidden[i]);
  g_assert_nonnull (find_block (ex, "Visible & decoded <entities> in a paragraph that is long enough for an article."));
  g_assert_nonnull (find_block (ex, "Collapsed white space and 中文换行 without a space between CJK characters across lines."));
  g_assert_nonnull (find_block (ex, "Korean is written with spaces, so a line break stays one: 한국어 문장 입니다, as browsers do."));
  pre = find_block (ex, "  keep   this\n    indentation");
  g_assert_nonnull (pre);
  g_assert_cmpint (pre->kind, ==, GLOSSA_BLOCK_PREFORMATTED);
  g_assert_cmpuint (ex->blocks->len, ==, 4);
}

static void
test_links_and_structure (void)
{
  g_autoptr(GlossaExtracted) ex = extract_string (
    "<html lang=\"zh\"><body><nav><a href=\"/home\">首页</a> <a href=\"/news\">新闻</a></nav><article>"
    "<h1>标题不同于文章题目的一级标题</h1>"
    "<p>中文段落里有一个<a href=\"https://example.org/一\">链接文字</a>，后面还有更多的文字，这一段足够长，可以算作文章。"
    "再加一句话，让它看起来更像正文内容，有逗号，有句号。</p>"
    "<blockquote><p>Quoted text that someone else wrote, long enough to be kept with the article, yes.</p></blockquote>"
    "<ul><li>First item with <a href=\"#note\">a fragment link</a><ul><li>Nested item</li></ul></li><li>Second item</li></ul>"
    "<table><caption>Results</caption><tr><th>Name</th><th>Score</th></tr><tr><td>Ada</td><td>10</td></tr></table>"
    "<figure><img src=\"x.png\"><figcaption>A caption under the figure</figcaption></figure>"
    "<p>English paragraph with <a href=\"https://example.com/a\">an English link</a> at the end, and commas, "
    "many commas, to look like text.</p>"
    "<p>Read more: <a href=\"/other\">PROMO: another story about the same thing</a></p>"
    "<form action=\"/subscribe\"><label>NEWSLETTER: get our stories by mail</label>"
    "<input type=\"email\" name=\"m\"><input type=\"submit\" value=\"Go\"></form></article>"
    "<footer>Footer text © nobody</footer></body></html>");
  const GlossaBlock *b;
  gboolean found_cjk = FALSE, found_en = FALSE;

  g_assert_null (strstr (ex->text, "首页"));
  g_assert_null (strstr (ex->text, "Footer"));
  g_assert_null (strstr (ex->text, "NEWSLETTER"));
  g_assert_null (strstr (ex->text, "PROMO"));
  g_assert_cmpstr (ex->language, ==, "zh");

  b = find_block (ex, "标题不同于文章题目的一级标题");
  g_assert_nonnull (b);
  g_assert_cmpint (b->kind, ==, GLOSSA_BLOCK_HEADING);
  g_assert_cmpuint (b->level, ==, 1);
  b = find_block (ex, "Quoted text that someone else wrote, long enough to be kept with the article, yes.");
  g_assert_nonnull (b);
  g_assert_cmpint (b->kind, ==, GLOSSA_BLOCK_QUOTE);
  b = find_block (ex, "First item with a fragment link");
  g_assert_nonnull (b);
  g_assert_cmpint (b->kind, ==, GLOSSA_BLOCK_LIST_ITEM);
  g_assert_cmpuint (b->level, ==, 1);
  b = find_block (ex, "Nested item");
  g_assert_nonnull (b);
  g_assert_cmpint (b->kind, ==, GLOSSA_BLOCK_LIST_ITEM);
  g_assert_cmpuint (b->level, ==, 2);
  b = find_block (ex, "Name\tScore");
  g_assert_nonnull (b);
  g_assert_cmpint (b->kind, ==, GLOSSA_BLOCK_TABLE_ROW);
  g_assert_cmpint (find_block (ex, "Ada\t10")->kind, ==, GLOSSA_BLOCK_TABLE_ROW);
  g_assert_cmpint (find_block (ex, "Results")->kind, ==, GLOSSA_BLOCK_CAPTION);
  g_assert_cmpint (find_block (ex, "A caption under the figure")->kind, ==, GLOSSA_BLOCK_CAPTION);

  for (guint i = 0; i < ex->links->len; i++)
    {
      GlossaLinkSpan *l = &g_array_index (ex->links, GlossaLinkSpan, i);
      g_autofree char *s = g_utf8_substring (ex->text, l->start, l->end);

      if (g_str_equal (l->href, "https://example.org/一"))
        {
          g_assert_cmpstr (s, ==, "链接文字");
          found_cjk = TRUE;
        }
      else if (g_str_equal (l->href, "https://example.com/a"))
        {
          g_assert_cmpstr (s, ==, "an English link");
          found_en = TRUE;
        }
      /* a link within the page leads nowhere the reader can follow */
      g_assert_false (g_str_has_prefix (l->href, "#"));
      g_assert_cmpstr (s, !=, "a fragment link");
      g_assert_cmpstr (l->href, !=, "/home");
    }
  g_assert_true (found_cjk);
  g_assert_true (found_en);
}

static GlossaExtracted *
import_string (const char *html,
               const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(GError) error = NULL;
  GlossaExtracted *ex = glossa_import_html (bytes, name, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ex);
  assert_blocks_consistent (ex);
  return ex;
}

static const char *
href_of (GlossaExtracted *ex,
         const char      *text)
{
  for (guint i = 0; i < ex->links->len; i++)
    {
      GlossaLinkSpan *l = &g_array_index (ex->links, GlossaLinkSpan, i);
      g_autofree char *s = g_utf8_substring (ex->text, l->start, l->end);

      if (g_str_equal (s, text))
        return l->href;
    }
  return NULL;
}

/* Relative links resolve against <base href>, itself resolved against where
 * the page was saved from; without a base, against the document's URL;
 * fragments and scripts are no links. */
static void
test_link_resolution (void)
{
  const char *body =
    "<body><article><h1>链接的去向</h1>"
    "<p>这是一篇关于链接的文章，<a href=\"../data/report.html\">报告全文</a>在另一页，"
    "<a href=\"#fn1\">注一</a>在页内，<a href=\"javascript:void(0)\">分享</a>只是脚本，"
    "<a href=\"//cdn.example.net/a.pdf\">附件</a>在别处，<a href=\"https://example.org/一\">外链</a>不变。"
    "文章还要足够长，才能被当作文章：研究者需要知道每一个链接究竟通向哪里，否则引用无从核对。</p>"
    "<p>第二段也有一些文字，让这一页看起来像一篇真正的文章，而不是一个导航页面，句子要长，标点要全。</p>"
    "</article></body></html>";
  g_autofree char *with_base = g_strconcat (
    "<!DOCTYPE html>\n<!-- saved from url=(0045)https://news.example.cn/2024/01/page.html -->\n"
    "<html><head><title>链接的去向</title><base href=\"/static/x/\"></head>", body, NULL);
  g_autofree char *plain = g_strconcat (
    "<html><head><title>链接的去向</title>"
    "<link rel=\"canonical\" href=\"https://blog.example.com/posts/7/\"></head>", body, NULL);
  g_autoptr(GlossaExtracted) a = import_string (with_base, "page.html");
  g_autoptr(GlossaExtracted) b = import_string (plain, "page.html");
  g_autoptr(GlossaExtracted) c = import_string (plain, "https://mirror.example.org/p/7.html");

  g_assert_cmpstr (href_of (a, "报告全文"), ==, "https://news.example.cn/static/data/report.html");
  g_assert_cmpstr (href_of (a, "附件"), ==, "https://cdn.example.net/a.pdf");
  g_assert_cmpstr (href_of (a, "外链"), ==, "https://example.org/一");
  g_assert_null (href_of (a, "注一"));
  g_assert_null (href_of (a, "分享"));
  g_assert_nonnull (strstr (a->text, "注一在页内"));
  g_assert_cmpstr (href_of (b, "报告全文"), ==, "https://blog.example.com/posts/data/report.html");
  g_assert_cmpstr (href_of (c, "报告全文"), ==, "https://mirror.example.org/data/report.html");
}

/* Metadata lines are parsed and leave the text; prose that names a source
 * or a time, and an author's line after the text, stay. */
static void
test_info_lines (void)
{
  g_autoptr(GlossaExtracted) ex = import_string (
    "<html><head><meta charset=\"utf-8\"><title>春季招聘会下月举行</title></head><body>"
    "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/n\">新闻</a></div>"
    "<h1>春季招聘会下月举行</h1>"
    "<div id=\"text\"><p>作者：李明</p>"
    "<p>本文来源：江南晚报</p>"
    "<p>市人社局昨天宣布，今年春季大型招聘会将于下月在市会展中心举行，预计有三百余家企业参加，提供岗位一万两千个。</p>"
    "<p>报名时间：2024年3月1日</p>"
    "<p>据介绍，本次招聘会的资金来源：市财政专项资金和企业赞助，求职者免费入场，现场还将提供简历指导和政策咨询服务。</p>"
    "<p>招聘会分为制造业、服务业和高新技术三个专区，高校毕业生可以凭学生证领取岗位手册，了解企业的用人需求和薪资水平。</p>"
    "<p>（来源：新华社）</p>"
    "<p>作者:张华,市就业促进会研究员,长期关注青年就业问题</p>"
    "<p>发布时间：2024-02-20 08:00　责任编辑：赵敏</p></div>"
    "</body></html>", "news.html");

  g_assert_cmpstr (ex->byline, ==, "李明");
  g_assert_cmpstr (ex->site_name, ==, "江南晚报");
  g_assert_cmpstr (ex->published, ==, "2024-02-20 08:00");
  g_assert_true (g_str_has_prefix (ex->text, "市人社局昨天宣布"));
  g_assert_nonnull (find_block (ex, "报名时间：2024年3月1日"));
  g_assert_nonnull (strstr (ex->text, "资金来源：市财政专项资金"));
  g_assert_true (g_str_has_suffix (ex->text, "作者:张华,市就业促进会研究员,长期关注青年就业问题"));
  g_assert_null (strstr (ex->text, "李明"));
  g_assert_null (strstr (ex->text, "江南晚报"));
  g_assert_null (strstr (ex->text, "新华社"));
  g_assert_null (strstr (ex->text, "责任编辑"));
}

/* A phpBB-like thread whose second reply is longer than the topic: the
 * topic is the article, by its poster, and no reply reaches the text.  A
 * blog's comment list below its article is no thread. */
static void
test_forum_thread (void)
{
  g_autoptr(GString) page = g_string_new (
    "<html><head><meta charset=\"utf-8\"><title>Which sourdough starter ratio? - Baking - Crumb Forum</title>"
    "<meta name=\"author\" content=\"phpBB Limited\"></head><body><div id=\"wrap\">"
    "<div class=\"navbar\"><a href=\"./index.php\">Board index</a> » <a href=\"./viewforum.php?f=3\">Baking</a></div>"
    "<h2 class=\"topic-title\"><a href=\"./viewtopic.php?t=77\">Which sourdough starter ratio?</a></h2>");
  const char *posts[][2] = {
    { "alice", "I have been feeding my starter at one part flour to one part water for a month, and it rises, "
               "but slowly, and it smells sharp by the evening. Friends tell me a stiffer starter, with less "
               "water, is easier to keep in a warm kitchen. Before I change everything: which ratio do you use, "
               "how often do you feed it, and did changing the ratio change the bread?" },
    { "bob", "One to one works for me, twice a day." },
    { "carol", "I switched to a stiff starter, fifty percent water, two years ago and never went back. It "
               "ferments more slowly, so in a warm kitchen it does not collapse before I come home, and the "
               "bread is less sour, which my family prefers. The dough is harder to mix by hand, though, so I "
               "break the starter into small pieces in the water first and wait ten minutes. If your flour is "
               "whole wheat, add a little more water, because bran drinks it. And keep a spoonful of the old "
               "starter in the fridge while you experiment, in case the new one sulks for a week or two." },
    { "dave", "Stiff starter here too, no regrets at all." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    g_string_append_printf (page,
      "<div id=\"p%u\" class=\"post has-profile bg%u\"><div class=\"inner\">"
      "<dl class=\"postprofile\"><dt><a href=\"./memberlist.php?u=%u\" class=\"username\">%s</a></dt>"
      "<dd class=\"profile-posts\"><strong>Posts:</strong> %u</dd></dl>"
      "<div class=\"postbody\"><h3><a href=\"#p%u\">%sWhich sourdough starter ratio?</a></h3>"
      "<p class=\"author\"><span>by <strong><a href=\"./memberlist.php?u=%u\" class=\"username\">%s</a>"
      "</strong> » </span>Tue Mar 05, 2024 9:%02u pm</p>"
      "<div class=\"content\">%s</div>"
      "<div class=\"signature\">Bread is patience.</div></div></div></div>",
      100 + i, i % 2 + 1, i, posts[i][0], 10 * i, 100 + i, i == 0 ? "" : "Re: ", i, posts[i][0], i,
      posts[i][1]);
  g_string_append (page, "<div class=\"action-bar\"><a href=\"./posting.php?mode=reply&t=77\">Post Reply</a></div>"
                         "</div></body></html>");

  {
    g_autoptr(GlossaExtracted) ex = import_string (page->str, "https://forum.example.org/viewtopic.php?t=77");

    /* Readability's rule for Latin titles keeps the forum's name */
    g_assert_true (g_str_has_prefix (ex->title, "Which sourdough starter ratio?"));
    g_assert_cmpstr (ex->byline, ==, "alice");
    g_assert_true (g_str_has_prefix (ex->text, "I have been feeding my starter"));
    g_assert_true (g_str_has_suffix (ex->text, "did changing the ratio change the bread?"));
    g_assert_null (strstr (ex->text, "stiff starter"));
    g_assert_null (strstr (ex->text, "twice a day"));
    /* the post's own heading repeats the title; the signature is no text */
    g_assert_null (strstr (ex->text, "Bread is patience"));
  }
}

/* ----- realistic Chinese pages: tests/data/html/NAME.{html,txt,meta} ----- */

static gboolean
is_cjk_token (gunichar c)
{
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* token → count: each CJK character is a token, other text is split into
 * words at white space (the measure bench-extract uses) */
static GHashTable *
token_bag (const char *text)
{
  GHashTable *bag = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == 0 || g_unichar_isspace (c) || c == 0xA0 || c == 0x3000;

      if ((space || is_cjk_token (c)) && word->len > 0)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (bag, word->str));

          g_hash_table_replace (bag, g_strdup (word->str), GUINT_TO_POINTER (n + 1));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
      if (space)
        continue;
      g_string_append_unichar (word, c);
      if (is_cjk_token (c))
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (bag, word->str));

          g_hash_table_replace (bag, g_strdup (word->str), GUINT_TO_POINTER (n + 1));
          g_string_truncate (word, 0);
        }
    }
  return bag;
}

static double
token_f1 (const char *ours,
          const char *expected)
{
  g_autoptr(GHashTable) a = token_bag (ours);
  g_autoptr(GHashTable) b = token_bag (expected);
  GHashTableIter iter;
  gpointer key, value;
  guint na = 0, nb = 0, common = 0;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      na += GPOINTER_TO_UINT (value);
      common += MIN (GPOINTER_TO_UINT (value), GPOINTER_TO_UINT (g_hash_table_lookup (b, key)));
    }
  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &key, &value))
    nb += GPOINTER_TO_UINT (value);
  if (common == 0)
    return 0;
  return 2.0 * common / (na + nb);
}

/* Each page's article text against the one written by hand (token F1 ≥
 * 0.95), its title, byline and date exactly, its site name when the .meta
 * file names one, and the lines it lists as contains= and excludes=. */
static void
test_chinese_pages (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "html", NULL);
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint failures = 0;

  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".html"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - 5));
  g_assert_cmpuint (names->len, >=, 8);

  for (guint i = 0; i < names->len; i++)
    {
      const char *page = names->pdata[i];
      g_autofree char *html_path = g_strdup_printf ("%s/%s.html", dir, page);
      g_autofree char *txt_path = g_strdup_printf ("%s/%s.txt", dir, page);
      g_autofree char *meta_path = g_strdup_printf ("%s/%s.meta", dir, page);
      g_autofree char *data = NULL;
      g_autofree char *want = NULL;
      g_autoptr(GKeyFile) meta = g_key_file_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GlossaExtracted) ex = NULL;
      const char *fields[] = { "title", "byline", "published", "site_name" };
      double f1;
      gsize len;

      g_file_get_contents (html_path, &data, &len, &error);
      g_assert_no_error (error);
      g_file_get_contents (txt_path, &want, NULL, &error);
      g_assert_no_error (error);
      g_key_file_load_from_file (meta, meta_path, G_KEY_FILE_NONE, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (g_steal_pointer (&data), len);
      ex = glossa_import_html (bytes, html_path, NULL, &error);
      g_assert_no_error (error);
      assert_blocks_consistent (ex);

      f1 = token_f1 (ex->text, want);
      g_test_message ("%s: F1 %.3f", page, f1);
      if (f1 < 0.95)
        {
          g_test_message ("%s: F1 %.3f < 0.95; our text:\n%s", page, f1, ex->text);
          failures++;
        }
      /* what must be in the text, and what must not reach it */
      for (guint k = 0; k < 2; k++)
        {
          g_auto(GStrv) list = g_key_file_get_string_list (meta, "expected",
                                                           k == 0 ? "contains" : "excludes",
                                                           NULL, NULL);

          for (guint j = 0; list != NULL && list[j] != NULL; j++)
            if ((strstr (ex->text, list[j]) != NULL) != (k == 0))
              {
                g_test_message ("%s: “%s” %s", page, list[j],
                                k == 0 ? "is missing" : "reached the text");
                failures++;
              }
        }
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autofree char *expected = g_key_file_get_string (meta, "expected", fields[f], NULL);
          const char *ours = f == 0 ? ex->title : f == 1 ? ex->byline :
                             f == 2 ? ex->published : ex->site_name;

          /* a page that names no site is not checked for one */
          if (f == 3 && expected == NULL)
            continue;
          if (g_strcmp0 (ours, expected) != 0)
            {
              g_test_message ("%s: %s is “%s”, expected “%s”", page, fields[f],
                              ours ? ours : "(null)", expected ? expected : "(null)");
              failures++;
            }
        }
    }
  g_assert_cmpuint (failures, ==, 0);
}

/* A CJK headline: the site's suffix after "_" goes when a heading
 * confirms the headline; the layout table holding the article is read as
 * paragraphs, a data table row by row. */
static void
test_chinese_news_layout (void)
{
  g_autoptr(GlossaExtracted) ex = extract_string (
    "<html><head><title>国务院发布新规 推动数字经济发展_财经_某某网</title></head><body>"
    "<table width=\"960\"><tr><td class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/c\">财经</a></td></tr>"
    "<tr><td><h1>国务院发布新规 推动数字经济发展</h1>"
    "<div class=\"share\">分享到：<a href=\"#\">微博</a> <a href=\"#\">微信</a></div>"
    "<p>　　新华社北京电 国务院日前发布新规，要求各地加快推进数字经济发展，完善相关制度，保障数据安全。</p>"
    "<p>　　新规指出，要加强基础设施建设，推动产业数字化转型，培育新业态新模式，促进经济高质量发展。</p>"
    "<p>　　专家表示，这一政策将为企业带来新的机遇，同时也对监管能力提出了更高的要求，需要各方共同努力。</p>"
    "<table border=\"1\"><tr><th>年份</th><th>规模（万亿元）</th><th>增速</th></tr>"
    "<tr><td>2021</td><td>45.5</td><td>16.2%</td></tr><tr><td>2022</td><td>50.2</td><td>10.3%</td></tr></table>"
    "<p>　　（责任编辑：张三）</p></td></tr>"
    "<tr><td class=\"footer\">版权所有 某某网 京ICP备00000000号</td></tr></table></body></html>");

  g_assert_false (ex->best_effort);
  g_assert_cmpstr (ex->title, ==, "国务院发布新规 推动数字经济发展");
  /* no lang attribute: guessed from the text */
  g_assert_cmpstr (ex->language, ==, "zh-Hans");
  g_assert_true (g_str_has_prefix (ex->text, "新华社北京电 国务院日前发布新规"));
  g_assert_null (strstr (ex->text, "分享到"));
  g_assert_null (strstr (ex->text, "版权所有"));
  g_assert_null (strstr (ex->text, "首页"));
  g_assert_cmpint (find_block (ex, "专家表示，这一政策将为企业带来新的机遇，同时也对监管能力提出了更高的要求，需要各方共同努力。")->kind,
                   ==, GLOSSA_BLOCK_PARAGRAPH);
  g_assert_cmpint (find_block (ex, "年份\t规模（万亿元）\t增速")->kind, ==, GLOSSA_BLOCK_TABLE_ROW);
  g_assert_cmpint (find_block (ex, "2022\t50.2\t10.3%")->kind, ==, GLOSSA_BLOCK_TABLE_ROW);
  /* the editor's line is the site's metadata, not the article's text */
  g_assert_null (strstr (ex->text, "责任编辑"));
  g_assert_true (g_str_has_suffix (ex->text, "2022\t50.2\t10.3%"));
}

static void
test_chinese_title_box (void)
{
  g_autoptr(GlossaExtracted) ex = extract_string (
    "<html><head><meta charset=\"utf-8\"><title>暴雨来袭 多地启动应急响应-滚动新闻-某某网</title></head><body>"
    "<div class=\"article-title\">暴雨来袭 多地启动应急响应</div>"
    "<div class=\"article-info\">2024-07-01 08:00 来源：某某网</div>"
    "<div class=\"article-content\"><p>受强降雨影响，多地气象部门发布暴雨预警，并启动防汛应急响应，提醒市民减少外出。</p>"
    "<p>据介绍，此次降雨过程持续时间长、累计雨量大，局地可能出现山洪和地质灾害，需要加强防范。</p></div>"
    "</body></html>");

  g_assert_cmpstr (ex->title, ==, "暴雨来袭 多地启动应急响应");
  g_assert_true (g_str_has_prefix (ex->text, "受强降雨影响"));
}

/* og:title holding the site's name is no headline. */
static void
test_site_name_as_og_title (void)
{
  g_autoptr(GlossaExtracted) ex = extract_string (
    "<html><head><meta property=\"og:title\" content=\"Daily Example\">"
    "<meta property=\"og:site_name\" content=\"Daily Example\">"
    "<title>Council approves the new bridge over the river - Daily Example</title></head><body>"
    "<h1>Council approves the new bridge over the river</h1><article>"
    "<p>The city council voted on Monday to approve the construction of a new bridge, ending years of debate.</p>"
    "<p>Work is expected to start next spring, and the bridge should open to traffic within three years.</p>"
    "</article></body></html>");

  g_assert_cmpstr (ex->title, ==, "Council approves the new bridge over the river");
  g_assert_cmpstr (ex->site_name, ==, "Daily Example");
}

/* A WordPress post with everything around it: masthead, navigation,
 * share buttons, related posts, post navigation, comments, reply form,
 * widgets and footer. */
static void
test_blog_post (void)
{
  g_autoptr(GlossaExtracted) ex = extract_string (
    "<!DOCTYPE html><html lang=\"en-US\"><head><meta charset=\"UTF-8\"><title>Why tea matters &#8211; A Small Blog</title>\n"
    "<meta property=\"og:site_name\" content=\"A Small Blog\"></head>\n"
    "<body class=\"post-template-default single\">\n"
    "<div id=\"page\" class=\"site\"><header id=\"masthead\" class=\"site-header\"><h1 class=\"site-title\"><a href=\"/\">A Small Blog</a></h1><nav class=\"main-navigation\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/about\">About</a></li></ul></nav></header>\n"
    "<div id=\"content\" class=\"site-content\"><div id=\"primary\" class=\"content-area\"><main id=\"main\" class=\"site-main\">\n"
    "<article id=\"post-12\" class=\"post-12 post type-post status-publish hentry\">\n"
    "<header class=\"entry-header\"><h1 class=\"entry-title\">Why tea matters</h1><div class=\"entry-meta\"><span class=\"posted-on\">Posted on <time class=\"entry-date published\" datetime=\"2020-05-01T10:00:00+00:00\">May 1, 2020</time></span> <span class=\"byline\"> by <span class=\"author vcard\"><a class=\"url fn n\" href=\"/author/ann\">Ann</a></span></span></div></header>\n"
    "<div class=\"entry-content\">\n"
    "<p>Tea has been drunk for thousands of years, in more ways than anyone can count, and it still matters today.</p>\n"
    "<p>In this post I want to look at three reasons, each with a small story, and each with a lesson for the rest of us.</p>\n"
    "<h2>First, the ritual</h2>\n"
    "<p>Making tea forces you to slow down. You boil the water, you wait, you pour, and for a few minutes nothing else happens.</p>\n"
    "<blockquote><p>“The first cup moistens my lips and throat,” wrote Lu Tong, a Tang dynasty poet.</p></blockquote>\n"
    "<h2>Second, the company</h2>\n"
    "<p>Tea is rarely drunk alone. It is an excuse to sit with someone, to talk, and to listen, which we do too little of.</p>\n"
    "<div class=\"sharedaddy sd-sharing-enabled\"><h3 class=\"sd-title\">Share this:</h3><ul><li><a href=\"/s?fb\">Facebook</a></li><li><a href=\"/s?tw\">Twitter</a></li></ul></div>\n"
    "<div class=\"jp-relatedposts\"><h3>Related</h3><p><a href=\"/coffee\">Coffee is fine too</a></p></div>\n"
    "</div>\n"
    "<footer class=\"entry-footer\"><span class=\"cat-links\">Posted in <a href=\"/c/life\">Life</a></span></footer>\n"
    "</article>\n"
    "<nav class=\"navigation post-navigation\"><a href=\"/prev\">Previous post: Spring walks</a></nav>\n"
    "<div id=\"comments\" class=\"comments-area\"><h2>2 thoughts on “Why tea matters”</h2><ol class=\"comment-list\"><li><p>Great post, I loved it! I drink tea every single day and agree with every word you wrote.</p></li><li><p>Thanks for sharing this, it made me want to put the kettle on right now.</p></li></ol>\n"
    "<div id=\"respond\"><h3>Leave a Reply</h3><form><textarea></textarea><input type=\"submit\" value=\"Post Comment\"></form></div></div>\n"
    "</main></div><aside id=\"secondary\" class=\"widget-area\"><section class=\"widget\"><h2>Recent Posts</h2><ul><li><a href=\"/a\">Spring walks</a></li></ul></section></aside></div>\n"
    "<footer id=\"colophon\" class=\"site-footer\"><div class=\"site-info\">Proudly powered by WordPress</div></footer></div></body></html>\n"
  );
  const char *expected =
    "Tea has been drunk for thousands of years, in more ways than anyone can count, and it still "
    "matters today.\n\n"
    "In this post I want to look at three reasons, each with a small story, and each with a lesson "
    "for the rest of us.\n\n"
    "First, the ritual\n\n"
    "Making tea forces you to slow down. You boil the water, you wait, you pour, and for a few "
    "minutes nothing else happens.\n\n"
    "“The first cup moistens my lips and throat,” wrote Lu Tong, a Tang dynasty poet.\n\n"
    "Second, the company\n\n"
    "Tea is rarely drunk alone. It is an excuse to sit with someone, to talk, and to listen, which "
    "we do too little of.";

  g_assert_cmpstr (ex->text, ==, expected);
  g_assert_cmpstr (ex->byline, ==, "Ann");
  g_assert_cmpstr (ex->published, ==, "2020-05-01T10:00:00+00:00");
  g_assert_cmpstr (ex->site_name, ==, "A Small Blog");
  g_assert_cmpstr (ex->language, ==, "en-US");
  /* a four-word title keeps its suffix, as in Firefox's reader view */
  g_assert_cmpstr (ex->title, ==, "Why tea matters – A Small Blog");
  g_assert_cmpint (find_block (ex, "Second, the company")->kind, ==, GLOSSA_BLOCK_HEADING);
  g_assert_cmpint (find_block (ex, "“The first cup moistens my lips and throat,” wrote Lu Tong, a Tang dynasty poet.")->kind,
                   ==, GLOSSA_BLOCK_QUOTE);
}

/* A Chinese news page as portals make them, saved in GB2312/GBK: a
 * charset= inside a script string, navigation, source line, image
 * caption, keywords, related news, comments, rankings, footer. */
static void
test_chinese_portal_gbk (void)
{
  const char *page =
    "<!DOCTYPE html>\n"
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />\n"
    "<title>多地迎来降温降雪天气 交通出行受影响_新浪新闻</title>\n"
    "<meta name=\"keywords\" content=\"降温,降雪\">\n"
    "<script>var ARTICLE_DATA = {\"title\":\"多地迎来降温降雪天气\",\"charset\":\"utf-8\"};</script>\n"
    "</head><body>\n"
    "<div class=\"top-nav\"><a href=\"/\">新浪首页</a> <a href=\"/news\">新闻</a> <a href=\"/sports\">体育</a> <a href=\"/finance\">财经</a> <a href=\"/ent\">娱乐</a></div>\n"
    "<div class=\"main-content w1240\">\n"
    "<h1 class=\"main-title\">多地迎来降温降雪天气 交通出行受影响</h1>\n"
    "<div class=\"date-source\"><span class=\"date\">2024年01月22日 10:17</span> <a class=\"source\" href=\"http://www.news.cn\">新华网</a></div>\n"
    "<div class=\"article\" id=\"artibody\">\n"
    "<p>　　新华社北京1月22日电 受强冷空气影响，近日我国中东部地区出现大范围降温降雪天气，部分地区累计降雪量达到暴雪级别。</p>\n"
    "<p>　　记者从交通运输部了解到，截至22日上午，已有多条高速公路路段因降雪实施临时交通管制，部分航班和列车也出现延误。</p>\n"
    "<div class=\"img_wrapper\"><img src=\"a.jpg\"><span class=\"img_descr\">图为1月21日，市民在雪中出行。</span></div>\n"
    "<p>　　气象专家提醒，此次降温幅度大、影响范围广，公众应注意防寒保暖，出行前及时关注路况信息，合理安排行程。</p>\n"
    "<p>　　据中央气象台预报，未来三天冷空气仍将持续影响我国，华北、黄淮等地气温将继续偏低。</p>\n"
    "<p class=\"show_author\">责任编辑：张三 </p>\n"
    "</div>\n"
    "<div class=\"keywords\">文章关键词： <a href=\"/t/1\">降温</a> <a href=\"/t/2\">降雪</a></div>\n"
    "<div class=\"blk-related\"><h3>相关新闻</h3><ul><li><a href=\"/n1\">寒潮来袭 各地如何应对</a></li><li><a href=\"/n2\">春运首日客流回升</a></li><li><a href=\"/n3\">暴雪预警升级</a></li></ul></div>\n"
    "<div id=\"comment_list\"><div class=\"item\">网友A：注意安全！</div><div class=\"item\">网友B：我这里也下雪了，好大啊。</div></div>\n"
    "</div>\n"
    "<div class=\"side-bar\"><h3>热门排行</h3><ol><li><a href=\"/h1\">某某明星官宣结婚</a></li><li><a href=\"/h2\">房价最新数据出炉</a></li></ol></div>\n"
    "<div class=\"footer\">新浪公司 版权所有 Copyright © 1996-2024 SINA Corporation</div>\n"
    "</body></html>\n"
    ;
  g_autoptr(GBytes) bytes = to_gbk (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = glossa_import_html (bytes, "portal.html", NULL, &error);
  const char *expected =
    "新华社北京1月22日电 受强冷空气影响，近日我国中东部地区出现大范围降温降雪天气，部分地区累计降雪量达到暴雪级别。\n\n"
    "记者从交通运输部了解到，截至22日上午，已有多条高速公路路段因降雪实施临时交通管制，部分航班和列车也出现延误。\n\n"
    "图为1月21日，市民在雪中出行。\n\n"
    "气象专家提醒，此次降温幅度大、影响范围广，公众应注意防寒保暖，出行前及时关注路况信息，合理安排行程。\n\n"
    "据中央气象台预报，未来三天冷空气仍将持续影响我国，华北、黄淮等地气温将继续偏低。";

  g_assert_no_error (error);
  assert_blocks_consistent (ex);
  g_assert_cmpstr (ex->encoding, ==, "GB18030");
  g_assert_cmpstr (ex->title, ==, "多地迎来降温降雪天气 交通出行受影响");
  g_assert_cmpstr (ex->published, ==, "2024年01月22日 10:17");
  g_assert_cmpstr (ex->language, ==, "zh-Hans");
  g_assert_cmpstr (ex->text, ==, expected);
}

/* WeChat articles are saved with their text hidden (a script reveals it):
 * long prose under visibility:hidden is the article; a hidden menu, or a
 * copy under display:none, is not. */
static void
test_hidden_article (void)
{
  g_autoptr(GString) page = g_string_new ("<html><head><meta charset=\"utf-8\"><title>公众号文章</title>"
                                          "</head><body><div id=\"js_article\" class=\"rich_media\">"
                                          "<h1 class=\"rich_media_title\">公众号文章</h1>"
                                          "<div class=\"menu\" style=\"display:none\"><a href=\"/x\">HIDDEN-MENU</a></div>"
                                          "<div class=\"rich_media_content\" id=\"js_content\" style=\"visibility: hidden;\">");
  g_autoptr(GlossaExtracted) ex = NULL;

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (page, "<p>第%u段：这是一篇微信公众号文章的正文，保存下来的网页里正文默认是隐藏的，"
                                  "要等脚本运行之后才显示出来。我们仍然应当读出它，不能丢掉任何内容。</p>", i + 1);
  g_string_append (page, "<span style=\"display:none\">HIDDEN-INSIDE</span></div>");
  /* long prose under display:none stays hidden: pages hide copies that way */
  g_string_append (page, "<div style=\"display:none\">");
  for (guint i = 0; i < 30; i++)
    g_string_append (page, "<p>HIDDEN-COPY of some text that the page never shows to anyone at all.</p>");
  g_string_append (page, "</div></div></body></html>");
  ex = extract_string (page->str);

  g_assert_false (ex->best_effort);
  g_assert_true (g_str_has_prefix (ex->text, "第1段：这是一篇微信公众号文章的正文"));
  g_assert_nonnull (strstr (ex->text, "第12段："));
  g_assert_null (strstr (ex->text, "HIDDEN"));
  g_assert_cmpuint (ex->blocks->len, ==, 12);
}

static void
test_direction (void)
{
  g_autoptr(GlossaExtracted) declared = extract_string (
    "<html dir=\"rtl\" lang=\"ar\"><body><article><p>هذه فقرة طويلة بما يكفي لتكون نص مقال، مكتوبة باللغة العربية، "
    "ومن اليمين إلى اليسار.</p></article></body></html>");
  g_autoptr(GlossaExtracted) undeclared = extract_string (
    "<html><body><article><p>זוהי פסקה ארוכה מספיק כדי להיות טקסט של מאמר, כתובה בעברית, מימין לשמאל, "
    "בלי שום הצהרה על הכיוון.</p></article></body></html>");

  g_assert_cmpstr (declared->direction, ==, "rtl");
  g_assert_cmpstr (declared->language, ==, "ar");
  g_assert_cmpstr (undeclared->direction, ==, "rtl");
}

static void
assert_import_error (const char  *data,
                     gsize        len,
                     const char  *name,
                     gint         code)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = glossa_import_html (bytes, name, NULL, &error);

  g_assert_null (ex);
  g_assert_error (error, GLOSSA_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (error->message, name));
}

static void
test_bad_pages (void)
{
  const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff" "a\0\0\0\0IEND";

  assert_import_error ("", 0, "empty.html", GLOSSA_IMPORT_ERROR_EMPTY);
  assert_import_error (" \n\t\n ", 5, "blank.html", GLOSSA_IMPORT_ERROR_EMPTY);
  assert_import_error (binary, sizeof binary - 1, "image.html", GLOSSA_IMPORT_ERROR_BINARY);

  /* markup without any text: nothing to import, said clearly */
  {
    const char *no_text = "<html><head><title>Only a picture</title></head><body><div><img src=a.png>"
                          "<script>document.write('text from a script')</script></div></body></html>";

    assert_import_error (no_text, strlen (no_text), "picture.html", GLOSSA_IMPORT_ERROR_EMPTY);
  }
  /* not HTML at all: its text, as a best effort */
  {
    g_autoptr(GlossaExtracted) ex = extract_string ("just some words, not markup");

    g_assert_true (ex->best_effort);
    g_assert_cmpstr (ex->text, ==, "just some words, not markup");
  }
}

static void
test_no_article (void)
{
  g_autoptr(GlossaExtracted) ex = extract_string (
    "<html><head><title>Site index</title></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/a\">About</a></nav>"
    "<ul><li><a href=\"/1\">One</a></li><li><a href=\"/2\">Two</a></li><li><a href=\"/3\">Three</a></li></ul>"
    "<div>Short note</div><footer>© 2024</footer></body></html>");

  g_assert_true (ex->best_effort);
  g_assert_cmpstr (ex->title, ==, "Site index");
  g_assert_nonnull (strstr (ex->text, "One"));
  g_assert_nonnull (strstr (ex->text, "Short note"));
  g_assert_nonnull (strstr (ex->text, "© 2024"));
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (page, i % 2 ? "<div>" : "<span><b>");
  g_string_append (page, "deep text at the bottom of a very deep page, long enough to be an article, surely.");
  for (guint i = 0; i < 100000; i++)
    g_string_append (page, i % 2 ? "</div>" : "</b></span>");
  g_string_append (page, "<p>A paragraph after the deep nesting, with enough words and commas, to be text.</p>");
  g_string_append (page, "</body></html>");
  bytes = g_bytes_new (page->str, page->len);

  ex = glossa_import_html (bytes, "deep.html", NULL, &error);
  g_assert_no_error (error);
  assert_blocks_consistent (ex);
  g_assert_nonnull (strstr (ex->text, "deep text at the bottom of a very deep page"));
  g_assert_nonnull (strstr (ex->text, "A paragraph after the deep nesting"));
}

static void
test_huge_page (void)
{
  g_autoptr(GString) page = g_string_sized_new (51 * 1024 * 1024);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) ex = NULL;
  guint n = 0;

  g_string_append (page, "<html><head><title>Huge</title></head><body><article>");
  while (page->len < 50 * 1024 * 1024)
    {
      /* long paragraphs: 50 MB of text in few enough nodes that the test
       * stays quick under the sanitizers */
      g_string_append_printf (page, "<p>Paragraph %u of a very long page", n++);
      for (guint i = 0; i < 40; i++)
        g_string_append (page, ", with commas, words, and more words, so that it reads like an "
                               "article. 很长的页面。");
      g_string_append (page, "</p>\n");
      if (n % 100 == 0)
        g_string_append (page, "<div class=\"share\"><a href=\"/s\">Share</a></div>\n");
    }
  g_string_append (page, "</article></body></html>");
  bytes = g_bytes_new_take (page->str, page->len);
  g_string_free (g_steal_pointer (&page), FALSE);

  ex = glossa_import_html (bytes, "huge.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ex->best_effort);
  g_assert_cmpuint (ex->blocks->len, ==, n);
  g_assert_true (g_str_has_prefix (ex->text, "Paragraph 0 of a very long page"));
  g_assert_null (strstr (ex->text, "Share"));
}

static gpointer
extract_in_thread (gpointer data)
{
  GBytes *bytes = data;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossaExtracted) ex = glossa_import_html (bytes, "thread.html", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (ex->byline, ==, "辉常观察");
    }
  return NULL;
}

/* Imports run in worker threads: several at once must not trip over each
 * other (libxml2's lazy set-up, shared tables). */
static void
test_threads (void)
{
  g_autoptr(GBytes) bytes = load_sample ("sora-article.html");
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("extract", extract_in_thread, bytes);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* The development pages: every one extracts, with consistent blocks. */
static void
test_eval_pages_consistent (void)
{
  const char *shared = g_getenv ("GLOSSA_SHARED_DIR");
  g_autofree char *dir = g_build_filename (shared ? shared : "/work/shared", "eval",
                                           "readability-pages", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    {
      g_test_skip ("no evaluation pages");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, "source.html", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossaExtracted) ex = NULL;
      char *data;
      gsize len;
      g_autoptr(GBytes) bytes = NULL;

      if (!g_file_get_contents (path, &data, &len, NULL))
        continue;
      bytes = g_bytes_new_take (data, len);
      ex = glossa_import_html (bytes, path, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ex->title);
      g_assert_cmpint (ex->length, >, 0);
      assert_blocks_consistent (ex);
      n++;
    }
  g_assert_cmpuint (n, >=, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/sora/utf8", test_sora_utf8);
  g_test_add_func ("/html/sora/gbk", test_sora_gbk);
  g_test_add_func ("/html/encoding/gb2312-label", test_gb2312_label);
  g_test_add_func ("/html/encoding/meta-after-1024", test_meta_after_1024);
  g_test_add_func ("/html/encoding/charset-in-script", test_charset_in_script);
  g_test_add_func ("/html/encoding/invalid-bytes", test_invalid_bytes);
  g_test_add_func ("/html/encoding/override", test_encoding_override);
  g_test_add_func ("/html/encoding/utf16-bom", test_utf16_bom);
  g_test_add_func ("/html/text/br-paragraphs", test_br_paragraphs);
  g_test_add_func ("/html/text/hidden-and-whitespace", test_hidden_and_whitespace);
  g_test_add_func ("/html/text/links-and-structure", test_links_and_structure);
  g_test_add_func ("/html/text/link-resolution", test_link_resolution);
  g_test_add_func ("/html/pages/chinese", test_chinese_pages);
  g_test_add_func ("/html/text/info-lines", test_info_lines);
  g_test_add_func ("/html/text/forum-thread", test_forum_thread);
  g_test_add_func ("/html/text/chinese-news-layout", test_chinese_news_layout);
  g_test_add_func ("/html/text/chinese-title-box", test_chinese_title_box);
  g_test_add_func ("/html/text/site-name-as-og-title", test_site_name_as_og_title);
  g_test_add_func ("/html/text/blog-post", test_blog_post);
  g_test_add_func ("/html/text/chinese-portal-gbk", test_chinese_portal_gbk);
  g_test_add_func ("/html/text/hidden-article", test_hidden_article);
  g_test_add_func ("/html/text/direction", test_direction);
  g_test_add_func ("/html/bad/errors", test_bad_pages);
  g_test_add_func ("/html/bad/no-article", test_no_article);
  g_test_add_func ("/html/bad/deep-nesting", test_deep_nesting);
  g_test_add_func ("/html/bad/huge", test_huge_page);
  g_test_add_func ("/html/threads", test_threads);
  g_test_add_func ("/html/eval/consistent", test_eval_pages_consistent);

  return g_test_run ();
}
