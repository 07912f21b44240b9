/* glossa-encoding.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turning bytes of unknown encoding into UTF-8.  Many of the articles people
 * study are Chinese pages saved as GBK/GB18030 or Big5, so detection is tuned
 * for those: a candidate is only taken when the whole input converts and the
 * result looks like real CJK text, never merely because iconv did not fail.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <string.h>

#include "glossa-import.h"

#define REPLACEMENT_UTF8 "\357\277\275"

/* What windows-1252 puts in 0x80–0x9F; the rest of the range is Latin-1.
 * The five holes map to the C1 controls, as browsers do, so this decoder
 * never fails. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

typedef struct {
  const char *label;
  const char *canonical;
} EncodingAlias;

/* Labels whose canonical name is not just the label in capitals, after the
 * WHATWG Encoding Standard where it matters (latin1 and ascii are
 * windows-1252, every GB label is GB18030). */
static const EncodingAlias aliases[] = {
  { "utf8", "UTF-8" },
  { "utf-8", "UTF-8" },
  { "unicode-1-1-utf-8", "UTF-8" },
  { "x-unicode20utf8", "UTF-8" },
  { "utf-16", "UTF-16LE" },
  { "utf16", "UTF-16LE" },
  { "unicode", "UTF-16LE" },
  { "ucs-2", "UTF-16LE" },
  { "utf-16le", "UTF-16LE" },
  { "utf16le", "UTF-16LE" },
  { "utf-16be", "UTF-16BE" },
  { "utf16be", "UTF-16BE" },
  { "unicodefffe", "UTF-16BE" },
  { "utf-32", "UTF-32LE" },
  { "utf32", "UTF-32LE" },
  { "utf-32le", "UTF-32LE" },
  { "utf32le", "UTF-32LE" },
  { "utf-32be", "UTF-32BE" },
  { "utf32be", "UTF-32BE" },
  { "gb18030", "GB18030" },
  { "gbk", "GB18030" },
  { "x-gbk", "GB18030" },
  { "gb2312", "GB18030" },
  { "gb_2312", "GB18030" },
  { "gb_2312-80", "GB18030" },
  { "csgb2312", "GB18030" },
  { "cp936", "GB18030" },
  { "ms936", "GB18030" },
  { "windows-936", "GB18030" },
  { "chinese", "GB18030" },
  { "iso-ir-58", "GB18030" },
  { "euc-cn", "GB18030" },
  { "big5", "BIG5" },
  { "big-5", "BIG5" },
  { "cn-big5", "BIG5" },
  { "csbig5", "BIG5" },
  { "x-x-big5", "BIG5" },
  { "cp950", "BIG5" },
  { "big5-hkscs", "BIG5-HKSCS" },
  { "big5hkscs", "BIG5-HKSCS" },
  { "ascii", "WINDOWS-1252" },
  { "us-ascii", "WINDOWS-1252" },
  { "ansi_x3.4-1968", "WINDOWS-1252" },
  { "latin1", "WINDOWS-1252" },
  { "latin-1", "WINDOWS-1252" },
  { "l1", "WINDOWS-1252" },
  { "iso-8859-1", "WINDOWS-1252" },
  { "iso8859-1", "WINDOWS-1252" },
  { "iso88591", "WINDOWS-1252" },
  { "iso_8859-1", "WINDOWS-1252" },
  { "iso_8859-1:1987", "WINDOWS-1252" },
  { "iso-ir-100", "WINDOWS-1252" },
  { "ibm819", "WINDOWS-1252" },
  { "cp819", "WINDOWS-1252" },
  { "csisolatin1", "WINDOWS-1252" },
  { "cp1252", "WINDOWS-1252" },
  { "x-cp1252", "WINDOWS-1252" },
  { "windows-1252", "WINDOWS-1252" },
  { "shift_jis", "SHIFT_JIS" },
  { "shift-jis", "SHIFT_JIS" },
  { "sjis", "SHIFT_JIS" },
  { "x-sjis", "SHIFT_JIS" },
  { "ms_kanji", "SHIFT_JIS" },
  { "csshiftjis", "SHIFT_JIS" },
  { "windows-31j", "CP932" },
  { "cp932", "CP932" },
  { "euc-kr", "CP949" },
  { "ks_c_5601-1987", "CP949" },
  { "windows-949", "CP949" },
  { "cp949", "CP949" },
  { "x-mac-roman", "MACINTOSH" },
  { "macintosh", "MACINTOSH" },
  { "mac", "MACINTOSH" },
  { "x-user-defined", "WINDOWS-1252" },
};

static const char *
display_name (const char *name)
{
  return name != NULL ? name : "text";
}

static gboolean
is_windows_1252 (const char *canonical)
{
  return g_str_equal (canonical, "WINDOWS-1252");
}

static gboolean
is_utf8 (const char *canonical)
{
  return g_str_equal (canonical, "UTF-8");
}

char *
glossa_encoding_canonicalize (const char *label)
{
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;
  GIConv cd;

  if (label == NULL)
    return NULL;

  lower = g_ascii_strdown (label, -1);
  g_strstrip (lower);
  if (lower[0] == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (lower, aliases[i].label))
      return g_strdup (aliases[i].canonical);

  /* iconv takes suffixes such as "//TRANSLIT" and paths to charmaps: a label
   * out of a web page must never reach it with anything but a plain name. */
  for (const char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-_.:", *p) == NULL)
      return NULL;

  upper = g_ascii_strup (lower, -1);
  cd = g_iconv_open ("UTF-8", upper);
  if (cd == (GIConv) -1)
    return NULL;
  g_iconv_close (cd);

  return g_steal_pointer (&upper);
}

/* Never fails: windows-1252 has a character for every byte. */
static void
append_windows_1252 (GString    *out,
                     const char *data,
                     gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) data[i];

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        {
          g_string_append_c (out, (char) (0xC0 | (c >> 6)));
          g_string_append_c (out, (char) (0x80 | (c & 0x3F)));
        }
    }
}

static char *
decode_windows_1252 (const char *data,
                     gsize       len)
{
  GString *out = g_string_sized_new (len + len / 8 + 1);

  append_windows_1252 (out, data, len);
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *name;
  guint       bom_len;
} Bom;

static gboolean
sniff_bom (const guchar *d,
           gsize         len,
           Bom          *bom)
{
  /* UTF-32LE before UTF-16LE: FF FE 00 00 starts both. */
  if (len >= 4 && d[0] == 0xFF && d[1] == 0xFE && d[2] == 0 && d[3] == 0)
    *bom = (Bom) { "UTF-32LE", 4 };
  else if (len >= 4 && d[0] == 0 && d[1] == 0 && d[2] == 0xFE && d[3] == 0xFF)
    *bom = (Bom) { "UTF-32BE", 4 };
  else if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
    *bom = (Bom) { "UTF-8", 3 };
  else if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
    *bom = (Bom) { "UTF-16LE", 2 };
  else if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
    *bom = (Bom) { "UTF-16BE", 2 };
  else
    return FALSE;

  return TRUE;
}

/* UTF-16 without a BOM, recognisable when the text is mostly Latin: one
 * byte of each pair is NUL, always the same one. */
static const char *
sniff_bomless_utf16 (const guchar *d,
                     gsize         len)
{
  gsize n = MIN (len, 65536) & ~(gsize) 1;
  gsize zero_even = 0, zero_odd = 0;

  if (len % 2 != 0 || n < 2)
    return NULL;

  for (gsize i = 0; i < n; i += 2)
    {
      zero_even += d[i] == 0;
      zero_odd += d[i + 1] == 0;
    }

  /* A quarter of the units with a NUL high byte, far more than low ones
   * (U+xx00 characters, and low surrogates such as emoji's DC00–DE00, have
   * a NUL low byte). */
  if (zero_odd * 4 >= n / 2 && zero_odd >= zero_even * 8)
    return "UTF-16LE";
  if (zero_even * 4 >= n / 2 && zero_even >= zero_odd * 8)
    return "UTF-16BE";
  return NULL;
}

/* How a candidate double-byte encoding fits the bytes: multibyte characters
 * in the range real text uses most, those in the rarely used rest, and the
 * number of runs of consecutive multibyte characters.  Chinese is written in
 * runs of characters, while windows-1252 text misread as GBK gives isolated
 * pairs, mostly from the rare GBK extension (é followed by a letter). */
typedef struct {
  gsize common;
  gsize rare;
  gsize runs;
  gboolean malformed;
} CjkScore;

static void
score_gb18030 (const guchar *d,
               gsize         len,
               CjkScore     *score)
{
  gboolean in_run = FALSE;

  memset (score, 0, sizeof *score);

  for (gsize i = 0; i < len;)
    {
      guchar lead = d[i];

      if (lead < 0x80)
        {
          in_run = FALSE;
          i++;
          continue;
        }
      if (lead == 0x80 || lead == 0xFF || i + 1 >= len)
        {
          score->malformed = TRUE;
          return;
        }
      if (d[i + 1] >= 0x30 && d[i + 1] <= 0x39)
        {
          if (i + 3 >= len)
            {
              score->malformed = TRUE;
              return;
            }
          score->rare++;
          i += 4;
        }
      else
        {
          guchar trail = d[i + 1];

          /* GB2312: punctuation and full-width forms in A1–A3, hanzi in
           * B0–F7.  Rows A4–A9 (kana, Greek, Cyrillic, box drawing) are
           * rare in Chinese but are where Big5 keeps its commonest hanzi
           * (一 人 中 ...), so they count as rare. */
          if (trail >= 0xA1 && trail <= 0xFE &&
              ((lead >= 0xA1 && lead <= 0xA3) || (lead >= 0xB0 && lead <= 0xF7)))
            score->common++;
          else
            score->rare++;
          i += 2;
        }
      if (!in_run)
        score->runs++;
      in_run = TRUE;
    }
}

static void
score_big5 (const guchar *d,
            gsize         len,
            CjkScore     *score)
{
  gboolean in_run = FALSE;

  memset (score, 0, sizeof *score);

  for (gsize i = 0; i < len;)
    {
      guchar lead = d[i];

      if (lead < 0x80)
        {
          in_run = FALSE;
          i++;
          continue;
        }
      if (lead == 0x80 || lead == 0xFF || i + 1 >= len)
        {
          score->malformed = TRUE;
          return;
        }
      /* Symbols in A1–A3, the 5401 frequently used hanzi in A4–C6. */
      if (lead >= 0xA1 && lead <= 0xC6)
        score->common++;
      else
        score->rare++;
      i += 2;
      if (!in_run)
        score->runs++;
      in_run = TRUE;
    }
}

static gboolean
score_is_plausible (const CjkScore *score)
{
  gsize total = score->common + score->rare;

  if (score->malformed || score->common == 0)
    return FALSE;
  /* At least 85% of the characters from the common range... */
  if (score->common * 100 < total * 85)
    return FALSE;
  /* ...and, beyond a word or two, written in runs rather than one by one. */
  if (total > 2 && total < score->runs * 3 / 2)
    return FALSE;
  return TRUE;
}

/* Converts the whole of @data or fails; *@offset gets the offset of the
 * first invalid byte. */
static char *
convert_strict (const char  *data,
                gsize        len,
                const char  *from,
                gsize       *offset,
                gboolean    *unknown)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  char *out;

  *unknown = FALSE;
  *offset = 0;

  if (is_utf8 (from))
    {
      const char *end = NULL;

      /* g_utf8_validate() also stops at NUL, which we never want either. */
      if (g_utf8_validate (data, len, &end))
        return g_strndup (data, len);
      *offset = end - data;
      return NULL;
    }

  if (is_windows_1252 (from))
    return decode_windows_1252 (data, len);

  /* With bytes_read given, g_convert() accepts a truncated last character. */
  out = g_convert (data, len, "UTF-8", from, &bytes_read, NULL, &local_error);
  if (out != NULL && bytes_read == len)
    return out;
  g_free (out);

  if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    *unknown = TRUE;
  *offset = bytes_read;
  return NULL;
}

static gboolean
has_nul (const char *text,
         gsize       len)
{
  return memchr (text, '\0', len) != NULL;
}

/* Binary data that slipped through without NULs still has a lot of
 * control characters no text file holds. */
static gboolean
looks_binary (const guchar *d,
              gsize         len)
{
  gsize controls = 0;

  if (memchr (d, '\0', len) != NULL)
    return TRUE;

  for (gsize i = 0; i < len; i++)
    if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r' &&
        d[i] != '\f' && d[i] != '\v' && d[i] != 0x1B)
      controls++;

  return controls > 0 && controls * 100 >= len;
}

static void
set_binary_error (GError     **error,
                  const char  *name)
{
  g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_BINARY,
               _("“%s” is not a text file: it contains binary data"),
               display_name (name));
}

static char *
decode_with (const char  *data,
             gsize        len,
             gsize        skipped,
             const char  *name,
             const char  *canonical,
             GError     **error)
{
  gboolean unknown = FALSE;
  gsize offset = 0;
  char *out;

  out = convert_strict (data, len, canonical, &offset, &unknown);
  if (out == NULL)
    {
      if (unknown)
        g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING,
                     _("“%s” cannot be decoded: the encoding %s is not supported"),
                     display_name (name), canonical);
      else
        g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING,
                     _("“%s” is not valid %s: invalid bytes at byte offset %lu"),
                     display_name (name), canonical, (gulong) (offset + skipped));
      return NULL;
    }

  return out;
}

/* A U+0000 decoded from UTF-16/32 is as binary as a NUL byte. */
static char *
decode_utf16_32 (const char  *data,
                 gsize        len,
                 gsize        skipped,
                 const char  *name,
                 const char  *canonical,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0, bytes_written = 0;
  char *out;

  out = g_convert (data, len, "UTF-8", canonical, &bytes_read, &bytes_written, &local_error);
  if (out == NULL || bytes_read != len)
    {
      g_free (out);
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING,
                   _("“%s” is not valid %s: invalid bytes at byte offset %lu"),
                   display_name (name), canonical, (gulong) (bytes_read + skipped));
      return NULL;
    }
  if (memchr (out, '\0', bytes_written) != NULL)
    {
      g_free (out);
      set_binary_error (error, name);
      return NULL;
    }

  return out;
}

static gboolean
is_wide (const char *canonical)
{
  return g_str_has_prefix (canonical, "UTF-16") || g_str_has_prefix (canonical, "UTF-32") ||
         g_str_has_prefix (canonical, "UCS-");
}

static void append_utf8_lossy (GString    *out,
                               const char *data,
                               gsize       len,
                               gsize      *n_replaced);

/* At most one invalid sequence per hundred valid multibyte characters, or
 * only a character cut off at the very end. */
static gboolean
is_nearly_utf8 (const char *data,
                gsize       len)
{
  const char *p = data;
  const char *end = data + len;
  gsize valid_multibyte = 0;
  gsize invalid = 0;

  while (p < end)
    {
      const char *valid_end;
      gboolean ok = g_utf8_validate (p, end - p, &valid_end);

      for (const char *q = p; q < valid_end; q++)
        valid_multibyte += ((guchar) *q & 0xC0) == 0xC0;
      if (ok)
        break;

      invalid++;
      p = valid_end + 1;
      while (p < end && ((guchar) *p & 0xC0) == 0x80)
        p++;
      if (p >= end && invalid == 1 && end - valid_end < 4)
        return valid_multibyte > 0;
    }

  return invalid > 0 && valid_multibyte >= 2 && invalid * 100 <= valid_multibyte;
}

char *
glossa_decode_text (const char  *data,
                    gsize        len,
                    const char  *name,
                    const char  *encoding,
                    char       **used_encoding,
                    GError     **error)
{
  const guchar *d = (const guchar *) data;
  const char *bomless_utf16;
  g_autofree char *canonical = NULL;
  CjkScore score;
  char *out;
  Bom bom;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";

  if (encoding != NULL)
    {
      canonical = glossa_encoding_canonicalize (encoding);
      if (canonical == NULL)
        {
          g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING,
                       _("“%s” cannot be decoded: “%s” is not a known encoding"),
                       display_name (name), encoding);
          return NULL;
        }
    }

  /* A BOM is more reliable than any label, as browsers agree, so it also
   * settles which Unicode encoding ("UTF-16" says nothing of byte order).
   * Against an explicit legacy encoding, though, it is just bytes of it. */
  if (sniff_bom (d, len, &bom) &&
      (canonical == NULL || g_str_has_prefix (canonical, "UTF-")))
    {
      if (g_str_equal (bom.name, "UTF-8") && looks_binary (d + 3, len - 3))
        {
          set_binary_error (error, name);
          return NULL;
        }
      if (g_str_equal (bom.name, "UTF-8"))
        out = decode_with (data + bom.bom_len, len - bom.bom_len, bom.bom_len, name,
                           bom.name, error);
      else
        out = decode_utf16_32 (data + bom.bom_len, len - bom.bom_len, bom.bom_len, name,
                               bom.name, error);
      if (out != NULL && used_encoding != NULL)
        *used_encoding = g_strdup (bom.name);
      return out;
    }

  if (canonical != NULL)
    {
      if (is_wide (canonical))
        out = decode_utf16_32 (data, len, 0, name, canonical, error);
      else if (looks_binary (d, len))
        {
          set_binary_error (error, name);
          return NULL;
        }
      else
        out = decode_with (data, len, 0, name, canonical, error);
      if (out != NULL && used_encoding != NULL)
        *used_encoding = g_steal_pointer (&canonical);
      return out;
    }

  if (has_nul (data, len))
    {
      bomless_utf16 = sniff_bomless_utf16 (d, len);
      if (bomless_utf16 == NULL)
        {
          set_binary_error (error, name);
          return NULL;
        }
      /* Only a guess: what it gives must look like text too. */
      out = decode_utf16_32 (data, len, 0, name, bomless_utf16, NULL);
      if (out == NULL || looks_binary ((const guchar *) out, strlen (out)))
        {
          g_free (out);
          set_binary_error (error, name);
          return NULL;
        }
      if (used_encoding != NULL)
        *used_encoding = g_strdup (bomless_utf16);
      return out;
    }

  if (looks_binary (d, len))
    {
      set_binary_error (error, name);
      return NULL;
    }

  if (g_utf8_validate (data, len, NULL))
    {
      if (used_encoding != NULL)
        *used_encoding = g_strdup ("UTF-8");
      return g_strndup (data, len);
    }

  score_gb18030 (d, len, &score);
  if (score_is_plausible (&score))
    {
      out = g_convert (data, len, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (out != NULL)
        {
          if (used_encoding != NULL)
            *used_encoding = g_strdup ("GB18030");
          return out;
        }
    }

  score_big5 (d, len, &score);
  if (score_is_plausible (&score))
    {
      out = g_convert (data, len, "UTF-8", "BIG5", NULL, NULL, NULL);
      if (out != NULL)
        {
          if (used_encoding != NULL)
            *used_encoding = g_strdup ("BIG5");
          return out;
        }
    }

  /* UTF-8 but for a few bad bytes (a file cut in the middle of a
   * character, a pasted fragment in another encoding): read as windows-1252
   * the whole text would be garbage, so only the bad bytes become U+FFFD. */
  if (is_nearly_utf8 (data, len))
    {
      gsize n_replaced = 0;
      GString *lossy = g_string_sized_new (len + 16);

      append_utf8_lossy (lossy, data, len, &n_replaced);
      g_debug ("“%s”: %" G_GSIZE_FORMAT " invalid UTF-8 sequences replaced",
               display_name (name), n_replaced);
      if (used_encoding != NULL)
        *used_encoding = g_strdup ("UTF-8");
      return g_string_free (lossy, FALSE);
    }

  if (used_encoding != NULL)
    *used_encoding = g_strdup ("WINDOWS-1252");
  return decode_windows_1252 (data, len);
}

/* Appends valid UTF-8 from @data, each maximal invalid subpart as U+FFFD. */
static void
append_utf8_lossy (GString    *out,
                   const char *data,
                   gsize       len,
                   gsize      *n_replaced)
{
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *valid_end;

      if (g_utf8_validate (p, end - p, &valid_end))
        {
          g_string_append_len (out, p, end - p);
          return;
        }
      g_string_append_len (out, p, valid_end - p);
      p = valid_end;
      if (*p == '\0')
        p++;
      else
        {
          /* Skip the lead byte and the continuation bytes that follow it. */
          p++;
          while (p < end && ((guchar) *p & 0xC0) == 0x80)
            p++;
        }
      g_string_append (out, REPLACEMENT_UTF8);
      (*n_replaced)++;
    }
}

static gboolean
append_iconv_lossy (GString    *out,
                    const char *data,
                    gsize       len,
                    const char *from,
                    gsize      *n_replaced)
{
  GIConv cd = g_iconv_open ("UTF-8", from);
  char buffer[16384];
  char *in = (char *) data;
  gsize in_left = len;

  if (cd == (GIConv) -1)
    return FALSE;

  while (in_left > 0)
    {
      char *outp = buffer;
      gsize out_left = sizeof buffer;
      gsize r = g_iconv (cd, &in, &in_left, &outp, &out_left);
      int saved_errno = errno;

      g_string_append_len (out, buffer, outp - buffer);
      if (r != (gsize) -1)
        continue;
      if (saved_errno == E2BIG)
        continue;
      /* EILSEQ: skip a byte and go on; EINVAL: truncated at the end. */
      g_string_append (out, REPLACEMENT_UTF8);
      (*n_replaced)++;
      if (saved_errno == EINVAL)
        break;
      in++;
      in_left--;
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }

  g_iconv_close (cd);
  return TRUE;
}

char *
glossa_convert_lossy (const char *data,
                      gsize       len,
                      const char *encoding,
                      gsize      *n_replaced)
{
  g_autofree char *canonical = NULL;
  GString *out;
  GString *clean;
  gsize replaced = 0;
  const char *p;
  const char *end;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (data == NULL)
    data = "";

  canonical = glossa_encoding_canonicalize (encoding != NULL ? encoding : "UTF-8");
  if (canonical == NULL)
    {
      g_debug ("Unknown encoding “%s”, reading as UTF-8", encoding);
      canonical = g_strdup ("UTF-8");
    }

  out = g_string_sized_new (len + 1);
  if (is_windows_1252 (canonical))
    append_windows_1252 (out, data, len);
  else if (is_utf8 (canonical) || !append_iconv_lossy (out, data, len, canonical, &replaced))
    append_utf8_lossy (out, data, len, &replaced);

  /* No NUL may reach the text, and a leading BOM is never content. */
  p = out->str;
  end = out->str + out->len;
  if (out->len >= 3 && memcmp (p, "\357\273\277", 3) == 0)
    p += 3;
  if (memchr (p, '\0', end - p) == NULL && p == out->str)
    {
      if (n_replaced != NULL)
        *n_replaced = replaced;
      return g_string_free (out, FALSE);
    }

  clean = g_string_sized_new (out->len);
  for (; p < end; p++)
    {
      if (*p == '\0')
        {
          g_string_append (clean, REPLACEMENT_UTF8);
          replaced++;
        }
      else
        g_string_append_c (clean, *p);
    }
  g_string_free (out, TRUE);

  if (n_replaced != NULL)
    *n_replaced = replaced;
  return g_string_free (clean, FALSE);
}

gsize
glossa_normalize_newlines (char  *text,
                           gsize  len)
{
  char *cr;
  char *w;
  const char *r;
  const char *end = text + len;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  if (len == 0 || (cr = memchr (text, '\r', len)) == NULL)
    return len;

  w = cr;
  r = cr;
  while (r < end)
    {
      const char *next;
      gsize n;

      /* r is at a CR */
      *w++ = '\n';
      r++;
      if (r < end && *r == '\n')
        r++;

      next = memchr (r, '\r', end - r);
      if (next == NULL)
        next = end;
      n = next - r;
      memmove (w, r, n);
      w += n;
      r = next;
    }

  if (w < end)
    *w = '\0';
  return w - text;
}
