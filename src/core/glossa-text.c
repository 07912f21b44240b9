/* glossa-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain text.  The stored text is the decoded file itself (newlines made LF,
 * BOM dropped) so that offsets agree with what any other tool sees in it;
 * the importer only finds the paragraphs and a title.
 */
#include "config.h"

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

/* Counts the blank characters ending the line [p, end). */
static gsize
count_trailing_blank (const char *p,
                      const char *end,
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
                   "“%s” is empty", _glossa_display_name (name));
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
                   "“%s” has no text, only blank space", _glossa_display_name (name));
      return NULL;
    }

  if (used_encoding != NULL)
    *used_encoding = g_steal_pointer (&used);
  *len_out = len;
  return g_steal_pointer (&text);
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
  const char *p;
  const char *end;
  gint64 cp = 0;
  gint64 para_start = 0, para_end = 0;
  gboolean in_para = FALSE;
  guint n_paragraphs = 0;
  guint first_para_lines = 0;
  gboolean blank_after_first = FALSE;
  const char *first_line = NULL;
  const char *first_line_end = NULL;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = _glossa_decode_for_import (bytes, name, encoding, &used, &len, error);
  if (text == NULL)
    return NULL;

  ex = glossa_extracted_new ();

  p = text;
  end = text + len;
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
          if (n_paragraphs == 1)
            blank_after_first = TRUE;
        }
      else
        {
          gsize trailing = count_trailing_blank (content, nl, &content_end);

          if (!in_para)
            {
              para_start = cp + g_utf8_strlen (p, content - p);
              in_para = TRUE;
              n_paragraphs++;
              if (n_paragraphs == 1)
                {
                  first_line = content;
                  first_line_end = content_end;
                }
            }
          if (n_paragraphs == 1)
            first_para_lines++;
          para_end = cp + line_cp - trailing;
        }

      cp += line_cp + (nl < end ? 1 : 0);
      p = nl + 1;
    }
  if (in_para)
    glossa_extracted_add_block (ex, GLOSSA_BLOCK_PARAGRAPH, 0, para_start, para_end);

  if (first_line != NULL && first_para_lines == 1 && blank_after_first &&
      g_utf8_strlen (first_line, first_line_end - first_line) <= TITLE_MAX_CHARS)
    ex->title = g_strndup (first_line, first_line_end - first_line);
  else
    ex->title = _glossa_title_from_name (name);

  /* Hand the buffer over without a second pass to count code points. */
  g_free (ex->text);
  text[len] = '\0';
  ex->text = g_steal_pointer (&text);
  ex->length = cp;
  ex->format = g_strdup ("text");
  ex->encoding = g_steal_pointer (&used);

  return g_steal_pointer (&ex);
}
