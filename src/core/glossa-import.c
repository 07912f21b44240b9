/* glossa-import.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way in: read a file safely (type, size and permissions checked
 * before a byte is read), then pick the importer by what the bytes are,
 * and only then by what the name or MIME type claim.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "glossa-import-private.h"

#define READ_CHUNK (1024 * 1024)
#define SNIFF_LEN  1024

typedef enum {
  FORMAT_TEXT,
  FORMAT_MARKDOWN,
  FORMAT_HTML,
} Format;

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'))
    p++;
  return p;
}

static gboolean
has_prefix_ci (const char *p,
               const char *end,
               const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

static gboolean
contains_ci (const char *p,
             const char *end,
             const char *needle)
{
  gsize n = strlen (needle);

  for (; (gsize) (end - p) >= n; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The start of the bytes as ASCII-compatible text: UTF-16/32 with a BOM is
 * converted first, so a page saved as UTF-16 is still recognised. */
static char *
sniff_prefix (const char *data,
              gsize       len,
              gsize      *out_len)
{
  const guchar *d = (const guchar *) data;
  const char *wide = NULL;
  gsize n = MIN (len, SNIFF_LEN);
  char *out;

  if (len >= 4 && d[0] == 0xFF && d[1] == 0xFE && d[2] == 0 && d[3] == 0)
    wide = "UTF-32LE";
  else if (len >= 4 && d[0] == 0 && d[1] == 0 && d[2] == 0xFE && d[3] == 0xFF)
    wide = "UTF-32BE";
  else if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
    wide = "UTF-16LE";
  else if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
    wide = "UTF-16BE";

  if (wide != NULL)
    {
      out = glossa_convert_lossy (data, n & ~(gsize) 3, wide, NULL);
      *out_len = strlen (out);
      return out;
    }

  if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
    {
      data += 3;
      n -= 3;
    }
  *out_len = n;
  return g_strndup (data, n);
}

static gboolean
looks_like_html (const char *p,
                 const char *end)
{
  p = skip_space (p, end);

  /* Comments before the doctype, as some saving tools write. */
  while (has_prefix_ci (p, end, "<!--"))
    {
      const char *close = g_strstr_len (p, end - p, "-->");

      if (close == NULL)
        return FALSE;
      p = skip_space (close + 3, end);
    }

  if (has_prefix_ci (p, end, "<!doctype html") || has_prefix_ci (p, end, "<html") ||
      has_prefix_ci (p, end, "<head") || has_prefix_ci (p, end, "<body"))
    return TRUE;
  if (has_prefix_ci (p, end, "<?xml") || has_prefix_ci (p, end, "<!doctype"))
    return contains_ci (p, end, "<html");
  return FALSE;
}

static gboolean
looks_like_markup (const char *p,
                   const char *end)
{
  p = skip_space (p, end);
  return p < end && *p == '<';
}

static const char *
extension_of (const char *name)
{
  const char *base;
  const char *dot;
  gsize stop;

  if (name == NULL)
    return NULL;
  stop = strcspn (name, "?#");
  base = g_strrstr_len (name, stop, "/");
  base = base != NULL ? base + 1 : name;
  dot = g_strrstr_len (base, stop - (base - name), ".");
  return dot;
}

static gboolean
extension_is (const char *name,
              const char *ext)
{
  const char *dot = extension_of (name);
  gsize n = strlen (ext);

  if (dot == NULL)
    return FALSE;
  return g_ascii_strncasecmp (dot, ext, n) == 0 &&
         (dot[n] == '\0' || dot[n] == '?' || dot[n] == '#');
}

static gboolean
mime_is (const char *mime_type,
         const char *what)
{
  gsize n = strlen (what);

  /* Ignore parameters: "text/html; charset=gbk". */
  return mime_type != NULL && g_ascii_strncasecmp (mime_type, what, n) == 0 &&
         (mime_type[n] == '\0' || mime_type[n] == ';' || mime_type[n] == ' ');
}

static Format
pick_format (const char *data,
             gsize       len,
             const char *name,
             const char *mime_type)
{
  g_autofree char *prefix = NULL;
  gsize prefix_len;
  const char *end;

  prefix = sniff_prefix (data, len, &prefix_len);
  end = prefix + prefix_len;

  if (looks_like_html (prefix, end))
    return FORMAT_HTML;
  if (mime_is (mime_type, "text/html") || mime_is (mime_type, "application/xhtml+xml"))
    return FORMAT_HTML;
  if ((extension_is (name, ".html") || extension_is (name, ".htm") ||
       extension_is (name, ".xhtml") || extension_is (name, ".shtml")) &&
      looks_like_markup (prefix, end))
    return FORMAT_HTML;
  if (mime_is (mime_type, "text/markdown") || mime_is (mime_type, "text/x-markdown") ||
      extension_is (name, ".md") || extension_is (name, ".markdown") ||
      extension_is (name, ".mdown") || extension_is (name, ".mkd"))
    return FORMAT_MARKDOWN;
  return FORMAT_TEXT;
}

typedef enum {
  KIND_NONE,
  KIND_PDF,
  KIND_OFFICE,
  KIND_WORD,
  KIND_ODT,
  KIND_EPUB,
  KIND_RTF,
  KIND_IMAGE,
  KIND_ARCHIVE,
  KIND_PROGRAM,
} Kind;

typedef struct {
  const char *magic;
  gsize       len;
  Kind        kind;
} Magic;

/* Formats people will try to import, recognised so the refusal can say
 * what the file is rather than that it is "binary". */
static const Magic magics[] = {
  { "%PDF-", 5, KIND_PDF },
  { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, KIND_OFFICE },
  { "{\\rtf", 5, KIND_RTF },
  { "\x89PNG\r\n\x1A\n", 8, KIND_IMAGE },
  { "GIF87a", 6, KIND_IMAGE },
  { "GIF89a", 6, KIND_IMAGE },
  { "\xFF\xD8\xFF", 3, KIND_IMAGE },
  { "\x1F\x8B", 2, KIND_ARCHIVE },
  { "7z\xBC\xAF\x27\x1C", 6, KIND_ARCHIVE },
  { "\x7F" "ELF", 4, KIND_PROGRAM },
};

static Kind
unsupported_kind (const char *data,
                  gsize       len,
                  const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    if (len >= magics[i].len && memcmp (data, magics[i].magic, magics[i].len) == 0)
      return magics[i].kind;

  if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      if (extension_is (name, ".docx"))
        return KIND_WORD;
      if (extension_is (name, ".odt"))
        return KIND_ODT;
      if (extension_is (name, ".epub"))
        return KIND_EPUB;
      return KIND_ARCHIVE;
    }

  return KIND_NONE;
}

/* Whole sentences, one per kind, so that translators never assemble one. */
static void
set_unsupported_error (GError     **error,
                       Kind         kind,
                       const char  *name)
{
  const char *display = _glossa_display_name (name);
  GQuark domain = GLOSSA_IMPORT_ERROR;
  gint code = GLOSSA_IMPORT_ERROR_UNSUPPORTED;

  switch (kind)
    {
    case KIND_PDF:
      g_set_error (error, domain, code, _("“%s” is a PDF document; Glossa imports plain text, "
                                          "Markdown and web pages"), display);
      break;
    case KIND_OFFICE:
      g_set_error (error, domain, code, _("“%s” is a Microsoft Office document; Glossa imports "
                                          "plain text, Markdown and web pages"), display);
      break;
    case KIND_WORD:
      g_set_error (error, domain, code, _("“%s” is a Word document; Glossa imports plain text, "
                                          "Markdown and web pages"), display);
      break;
    case KIND_ODT:
      g_set_error (error, domain, code, _("“%s” is an OpenDocument text; Glossa imports plain "
                                          "text, Markdown and web pages"), display);
      break;
    case KIND_EPUB:
      g_set_error (error, domain, code, _("“%s” is an e-book; Glossa imports plain text, "
                                          "Markdown and web pages"), display);
      break;
    case KIND_RTF:
      g_set_error (error, domain, code, _("“%s” is an RTF document; Glossa imports plain text, "
                                          "Markdown and web pages"), display);
      break;
    case KIND_IMAGE:
      g_set_error (error, domain, code, _("“%s” is an image, not a text"), display);
      break;
    case KIND_ARCHIVE:
      g_set_error (error, domain, code, _("“%s” is a compressed archive; extract the article "
                                          "from it first"), display);
      break;
    case KIND_PROGRAM:
      g_set_error (error, domain, code, _("“%s” is a program, not a text"), display);
      break;
    case KIND_NONE:
    default:
      g_assert_not_reached ();
    }
}

GlossaExtracted *
glossa_import_bytes (GBytes      *bytes,
                     const char  *name,
                     const char  *mime_type,
                     const char  *encoding,
                     GError     **error)
{
  GlossaExtracted *ex = NULL;
  Kind kind;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty"), _glossa_display_name (name));
      return NULL;
    }

  kind = unsupported_kind (data, len, name);
  if (kind != KIND_NONE)
    {
      set_unsupported_error (error, kind, name);
      return NULL;
    }

  switch (pick_format (data, len, name, mime_type))
    {
    case FORMAT_HTML:
      ex = glossa_import_html (bytes, name, encoding, error);
      break;

    case FORMAT_MARKDOWN:
      ex = glossa_import_markdown (bytes, name, encoding, error);
      break;

    case FORMAT_TEXT:
    default:
      ex = glossa_import_plain_text (bytes, name, encoding, error);
      break;
    }

  if (ex != NULL && ex->length == 0)
    {
      glossa_extracted_free (ex);
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                   _("“%s” has no text to import"), _glossa_display_name (name));
      return NULL;
    }

  return ex;
}

/* The OS's reason, when the file is local, reads better than GIO's
 * "Error opening file …" prefix we would repeat the name in. */
static char *
reason_for (GFile  *file,
            GError *io_error)
{
  g_autofree char *path = g_file_get_path (file);
  GStatBuf st;

  if (path != NULL && g_stat (path, &st) != 0)
    return g_strdup (g_strerror (errno));
  if (path != NULL && g_access (path, R_OK) != 0)
    return g_strdup (g_strerror (errno));
  return g_strdup (io_error != NULL ? io_error->message : "unknown error");
}

static void
set_read_error (GError     **error,
                GFile       *file,
                const char  *display,
                GError      *io_error)
{
  g_autofree char *reason = NULL;

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_CANCELLED,
                   _("Importing “%s” was cancelled"), display);
      return;
    }
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_NOT_REGULAR,
                   _("“%s” is a folder, not a file"), display);
      return;
    }

  reason = reason_for (file, io_error);
  g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_UNREADABLE,
               _("“%s” cannot be read: %s"), display, reason);
}

static char *
format_size (guint64 size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_DEFAULT);
}

static void
set_too_large (GError     **error,
               const char  *display,
               guint64      size,
               gsize        max_size)
{
  g_autofree char *size_str = format_size (size);
  g_autofree char *max_str = format_size (max_size);

  g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_TOO_LARGE,
               _("“%s” is too large to import (%s; the limit is %s)"), display, size_str, max_str);
}

GlossaExtracted *
glossa_import_file (GFile         *file,
                    const char    *encoding,
                    gsize          max_size,
                    GBytes       **original,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *basename = NULL;
  GlossaExtracted *ex;
  guint64 size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_size == 0)
    max_size = GLOSSA_IMPORT_DEFAULT_MAX_SIZE;

  display = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_CANCELLED,
                   _("Importing “%s” was cancelled"), display);
      return NULL;
    }

  /* Follow symlinks: a link to a file is that file.  Never open before
   * knowing the type, since opening a FIFO would block. */
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      set_read_error (error, file, display, local_error);
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;

    case G_FILE_TYPE_SYMBOLIC_LINK:
      /* What GIO reports for a link it could not follow: dangling or a loop. */
      set_read_error (error, file, display, NULL);
      return NULL;

    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_NOT_REGULAR,
                   _("“%s” is a folder, not a file"), display);
      return NULL;

    default:
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_NOT_REGULAR,
                   _("“%s” is not a regular file"), display);
      return NULL;
    }

  size = (guint64) g_file_info_get_size (info);
  if (size > max_size)
    {
      set_too_large (error, display, size, max_size);
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty"), display);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_read_error (error, file, display, local_error);
      return NULL;
    }

  /* The file may grow between the check and the read: keep the limit. */
  buffer = g_byte_array_sized_new ((guint) MIN (size + 1, (guint64) G_MAXUINT));
  for (;;)
    {
      gsize old_len = buffer->len;
      gsize want = READ_CHUNK;
      gssize n;

      g_byte_array_set_size (buffer, old_len + want);
      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + old_len, want,
                               cancellable, &local_error);
      if (n < 0)
        {
          set_read_error (error, file, display, local_error);
          return NULL;
        }
      g_byte_array_set_size (buffer, old_len + n);
      if (n == 0)
        break;
      if (buffer->len > max_size)
        {
          set_too_large (error, display, buffer->len, max_size);
          return NULL;
        }
    }
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));

  /* No MIME type: GIO guesses it from the name, and the bytes decide first. */
  ex = glossa_import_bytes (bytes, display, NULL, encoding, error);
  if (ex == NULL)
    return NULL;

  if (g_cancellable_is_cancelled (cancellable))
    {
      glossa_extracted_free (ex);
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_CANCELLED,
                   _("Importing “%s” was cancelled"), display);
      return NULL;
    }

  /* The title falls back to the file's name, not the full path. */
  if (ex->title == NULL || ex->title[0] == '\0')
    {
      g_free (ex->title);
      ex->title = _glossa_title_from_name (basename);
    }

  if (original != NULL)
    *original = g_steal_pointer (&bytes);

  return ex;
}
