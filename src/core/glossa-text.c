/* glossa-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain text.  The stored text is the decoded file itself (newlines made LF,
 * BOM dropped) so that offsets agree with what any other tool sees in it;
 * the importer only finds the paragraphs and a title.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "glossa-import-private.h"

#define TITLE_MAX_CHARS 80

void
_glossa_text_builder_init (GlossaTextBuilder *builder,
                           gsize              reserve)
{
  builder->str = g_string_sized_new (reserve);
  builder->length = 0;
}

void
_glossa_text_builder_append_len (GlossaTextBuilder *builder,
                                 const char        *text,
                                 gsize              len)
{
  g_string_append_len (builder->str, text, len);
  builder->length += g_utf8_strlen (text, len);
}

void
_glossa_text_builder_append (GlossaTextBuilder *builder,
                             const char        *text)
{
  _glossa_text_builder_append_len (builder, text, strlen (text));
}

void
_glossa_text_builder_append_unichar (GlossaTextBuilder *builder,
                                     gunichar           c)
{
  g_string_append_unichar (builder->str, c);
  builder->length++;
}

void
_glossa_text_builder_truncate (GlossaTextBuilder *builder,
                               gsize              len,
                               gint64             length)
{
  g_string_truncate (builder->str, len);
  builder->length = length;
}

gunichar
_glossa_text_builder_last_char (GlossaTextBuilder *builder)
{
  const char *last;

  if (builder->str->len == 0)
    return 0;
  last = g_utf8_find_prev_char (builder->str->str, builder->str->str + builder->str->len);
  return last != NULL ? g_utf8_get_char (last) : 0;
}

char *
_glossa_text_builder_free (GlossaTextBuilder *builder,
                           gboolean           free_segment)
{
  char *ret = g_string_free (builder->str, free_segment);

  builder->str = NULL;
  builder->length = 0;
  return ret;
}

gboolean
_glossa_is_blank_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x3000;
}

const char *
_glossa_skip_blank (const char *p,
                    const char *end)
{
  while (p < end)
    {
      if (*p == ' ' || *p == '\t')
        p++;
      else if (end - p >= 2 && (guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
        p += 2;
      else if (end - p >= 3 && (guchar) p[0] == 0xE3 && (guchar) p[1] == 0x80 &&
               (guchar) p[2] == 0x80)
        p += 3;
      else
        break;
    }
  return p;
}

gboolean
_glossa_line_is_blank (const char *p,
                       const char *end)
{
  return _glossa_skip_blank (p, end) == end;
}

/* Counts the blank characters ending [p, end); *content_end gets where
 * they start. */
gsize
_glossa_count_trailing_blank (const char  *p,
                              const char  *end,
                              const char **content_end)
{
  gsize n = 0;

  while (end > p)
    {
      if (end[-1] == ' ' || end[-1] == '\t')
        end -= 1;
      else if (end - p >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
        end -= 2;
      else if (end - p >= 3 && (guchar) end[-3] == 0xE3 && (guchar) end[-2] == 0x80 &&
               (guchar) end[-1] == 0x80)
        end -= 3;
      else
        break;
      n++;
    }
  if (content_end != NULL)
    *content_end = end;
  return n;
}

gboolean
_glossa_is_cjk_char (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x2FDF) ||   /* radicals */
         (c >= 0x3000 && c <= 0x303F) ||   /* CJK punctuation */
         (c >= 0x3040 && c <= 0x30FF) ||   /* kana */
         (c >= 0x3100 && c <= 0x312F) ||   /* bopomofo */
         (c >= 0x31C0 && c <= 0x31FF) ||
         (c >= 0x3400 && c <= 0x4DBF) ||   /* extension A */
         (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) ||   /* fullwidth forms */
         (c >= 0x20000 && c <= 0x3134F);   /* extensions B onwards */
}

/* Characters that only one of the two Chinese scripts uses, among the most
 * frequent; each pair is the same word.  Characters both scripts share
 * (后, 里, 干...) are left out. */
static const char simplified_only[] =
  "这们说时国会来对个为发经过还学与问现开进种样实长东业产关动应让网电视认题点书机体论语读议头见场资际报门间无马车华义术险据证给没";
static const char traditional_only[] =
  "這們說時國會來對個為發經過還學與問現開進種樣實長東業產關動應讓網電視認題點書機體論語讀議頭見場資際報門間無馬車華義術險據證給沒";

static int
compare_unichar (gconstpointer a,
                 gconstpointer b)
{
  gunichar x = *(const gunichar *) a;
  gunichar y = *(const gunichar *) b;

  return x < y ? -1 : x > y;
}

static gunichar *
sorted_set (const char *set,
            glong      *n)
{
  gunichar *chars = g_utf8_to_ucs4_fast (set, -1, n);

  qsort (chars, *n, sizeof (gunichar), compare_unichar);
  return chars;
}

/* 1 for Simplified only, 2 for Traditional only, 0 for neither. */
static guint
chinese_script_of (gunichar c)
{
  static gsize initialised = 0;
  static gunichar *simplified;
  static gunichar *traditional;
  static glong n_simplified, n_traditional;

  if (g_once_init_enter (&initialised))
    {
      simplified = sorted_set (simplified_only, &n_simplified);
      traditional = sorted_set (traditional_only, &n_traditional);
      g_once_init_leave (&initialised, 1);
    }

  if (bsearch (&c, simplified, n_simplified, sizeof (gunichar), compare_unichar) != NULL)
    return 1;
  if (bsearch (&c, traditional, n_traditional, sizeof (gunichar), compare_unichar) != NULL)
    return 2;
  return 0;
}

/* Only the languages that change how text is shown are guessed: Chinese
 * (Simplified or Traditional), Japanese and Korean share Han characters
 * whose glyphs differ by language, so the reader's font choice needs it.
 * Latin-script languages are left unknown.  The direction is "rtl" when
 * most letters are Arabic, Hebrew and the like. */
void
_glossa_guess_language (const char  *text,
                        gsize        len,
                        char       **language,
                        char       **direction)
{
  const char *end = text + MIN (len, 256 * 1024);
  gsize han = 0, kana = 0, hangul = 0, latin = 0, simplified = 0, traditional = 0, rtl = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        latin += g_ascii_isalpha ((char) c);
      else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
               (c >= 0x20000 && c <= 0x3134F))
        {
          guint script = chinese_script_of (c);

          han++;
          simplified += script == 1;
          traditional += script == 2;
        }
      else if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF))
        kana++;
      else if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF))
        hangul++;
      else if (g_unichar_isalpha (c))
        {
          GUnicodeScript script = g_unichar_get_script (c);

          if (script == G_UNICODE_SCRIPT_ARABIC || script == G_UNICODE_SCRIPT_HEBREW ||
              script == G_UNICODE_SCRIPT_SYRIAC || script == G_UNICODE_SCRIPT_THAANA ||
              script == G_UNICODE_SCRIPT_NKO)
            rtl++;
          else
            latin++;
        }
    }

  *language = NULL;
  if (kana > 0 && kana * 10 >= (han + kana))
    *language = g_strdup ("ja");
  else if (hangul > han && hangul * 100 >= (hangul + latin) * 15)
    *language = g_strdup ("ko");
  else if (han > 0 && han * 100 >= (han + latin) * 15)
    {
      if (simplified > traditional * 2)
        *language = g_strdup ("zh-Hans");
      else if (traditional > simplified * 2)
        *language = g_strdup ("zh-Hant");
      else
        *language = g_strdup ("zh");
    }

  /* The base direction follows the letters most of the text is in. */
  if (rtl > 0 && rtl * 2 > rtl + latin + han + kana + hangul)
    *direction = g_strdup ("rtl");
  else if (latin + han + kana + hangul > 0)
    *direction = g_strdup ("ltr");
  else
    *direction = NULL;
}

const char *
_glossa_display_name (const char *name)
{
  return name != NULL ? name : "text";
}

char *
_glossa_title_from_name (const char *name)
{
  g_autofree char *base = NULL;
  const char *slash;
  char *dot;

  if (name == NULL || name[0] == '\0')
    return NULL;

  /* Works for paths and URLs alike; drop a URL's query first. */
  base = g_strndup (name, strcspn (name, "?#"));
  while (g_str_has_suffix (base, "/") && strlen (base) > 1)
    base[strlen (base) - 1] = '\0';
  slash = strrchr (base, '/');
  if (slash != NULL && slash[1] != '\0')
    {
      char *tmp = g_strdup (slash + 1);

      g_free (base);
      base = tmp;
    }

  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';

  if (base[0] == '\0' || !g_utf8_validate (base, -1, NULL))
    return NULL;

  return g_steal_pointer (&base);
}

char *
_glossa_decode_for_import (GBytes      *bytes,
                           const char  *name,
                           const char  *encoding,
                           char       **used_encoding,
                           gsize       *len_out,
                           GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *used = NULL;
  const char *data;
  const char *p;
  const char *end;
  gsize len;

  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty"), _glossa_display_name (name));
      return NULL;
    }

  text = glossa_decode_text (data, len, name, encoding, &used, error);
  if (text == NULL)
    return NULL;

  len = glossa_normalize_newlines (text, strlen (text));

  p = text;
  end = text + len;
  while (p < end)
    {
      p = _glossa_skip_blank (p, end);
      if (p < end && (*p == '\n' || *p == '\f' || *p == '\v'))
        p++;
      else
        break;
    }
  if (p == end)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                   _("“%s” has no text, only blank space"), _glossa_display_name (name));
      return NULL;
    }

  if (used_encoding != NULL)
    *used_encoding = g_steal_pointer (&used);
  *len_out = len;
  return g_steal_pointer (&text);
}

typedef struct {
  guint       n_paragraphs;
  guint       first_para_lines;
  gboolean    blank_after_first;
  const char *first_line;
  const char *first_line_end;
  guint       long_lines;      /* longer than any hard-wrapped line */
  guint       indented_lines;  /* opening with U+3000, two spaces or a tab */
  gint64      length;
} Scan;

/* Adds a block for each paragraph: lines up to a blank line, or, in
 * @line_mode, each line. */
static void
scan_paragraphs (const char      *text,
                 gsize            len,
                 gboolean         line_mode,
                 GlossaExtracted *ex,
                 Scan            *scan)
{
  const char *p = text;
  const char *end = text + len;
  gint64 cp = 0;
  gint64 para_start = 0, para_end = 0;
  gboolean in_para = FALSE;

  memset (scan, 0, sizeof *scan);

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *content;
      const char *content_end;
      gint64 line_cp;

      if (nl == NULL)
        nl = end;
      line_cp = g_utf8_strlen (p, nl - p);
      content = _glossa_skip_blank (p, nl);

      if (content == nl)
        {
          if (in_para)
            {
              glossa_extracted_add_block (ex, GLOSSA_BLOCK_PARAGRAPH, 0, para_start, para_end);
              in_para = FALSE;
            }
          if (scan->n_paragraphs == 1)
            scan->blank_after_first = TRUE;
        }
      else
        {
          gsize trailing = _glossa_count_trailing_blank (content, nl, &content_end);

          if (in_para && line_mode)
            {
              glossa_extracted_add_block (ex, GLOSSA_BLOCK_PARAGRAPH, 0, para_start, para_end);
              in_para = FALSE;
            }
          if (!in_para)
            {
              para_start = cp + g_utf8_strlen (p, content - p);
              in_para = TRUE;
              scan->n_paragraphs++;
              if (scan->n_paragraphs == 1)
                {
                  scan->first_line = content;
                  scan->first_line_end = content_end;
                }
            }
          if (scan->n_paragraphs == 1)
            scan->first_para_lines++;
          if (line_cp > 100)
            scan->long_lines++;
          if (g_str_has_prefix (p, "\343\200\200") || g_str_has_prefix (p, "  ") || *p == '\t')
            scan->indented_lines++;
          para_end = cp + line_cp - trailing;
        }

      cp += line_cp + (nl < end ? 1 : 0);
      p = nl + 1;
    }
  if (in_para)
    glossa_extracted_add_block (ex, GLOSSA_BLOCK_PARAGRAPH, 0, para_start, para_end);

  scan->length = cp;
}

GlossaExtracted *
glossa_import_plain_text (GBytes      *bytes,
                          const char  *name,
                          const char  *encoding,
                          GError     **error)
{
  g_autoptr(GlossaExtracted) ex = NULL;
  g_autofree char *text = NULL;
  g_autofree char *used = NULL;
  Scan scan;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = _glossa_decode_for_import (bytes, name, encoding, &used, &len, error);
  if (text == NULL)
    return NULL;

  ex = glossa_extracted_new ();
  scan_paragraphs (text, len, FALSE, ex, &scan);

  if (scan.first_line != NULL && scan.first_para_lines == 1 && scan.blank_after_first &&
      g_utf8_strlen (scan.first_line, scan.first_line_end - scan.first_line) <= TITLE_MAX_CHARS)
    ex->title = g_strndup (scan.first_line, scan.first_line_end - scan.first_line);
  else
    ex->title = _glossa_title_from_name (name);

  /* Not one blank line in several lines: text saved one paragraph per line
   * (word processors' "plain text", most Chinese .txt files).  Long lines
   * or indented ones tell it from a single hard-wrapped paragraph. */
  if (scan.n_paragraphs == 1 && scan.first_para_lines >= 2 &&
      (scan.long_lines > 0 || scan.indented_lines * 2 >= scan.first_para_lines))
    {
      g_array_set_size (ex->blocks, 0);
      scan_paragraphs (text, len, TRUE, ex, &scan);
    }

  /* Hand the buffer over without a second pass to count code points. */
  g_free (ex->text);
  text[len] = '\0';
  ex->text = g_steal_pointer (&text);
  ex->length = scan.length;
  _glossa_guess_language (ex->text, len, &ex->language, &ex->direction);
  ex->format = g_strdup ("text");
  ex->encoding = g_steal_pointer (&used);

  return g_steal_pointer (&ex);
}
