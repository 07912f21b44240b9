/* glossa-import.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turning files into GlossaExtracted: the single entry point that picks an
 * importer by content and extension, and the importers themselves.
 * Nothing here touches a library.
 */
#pragma once

#include <gio/gio.h>

#include "glossa-extracted.h"

G_BEGIN_DECLS

#define GLOSSA_IMPORT_DEFAULT_MAX_SIZE ((gsize) 256 * 1024 * 1024)

/* Reads @file (refusing directories, unreadable and oversized files) and
 * extracts it.  @encoding, when not NULL, overrides detection.  On success
 * *@original receives the file's bytes so the caller can keep them. */
GlossaExtracted *glossa_import_file          (GFile         *file,
                                              const char    *encoding,
                                              gsize          max_size,
                                              GBytes       **original,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* Extracts bytes already in memory.  @name (a file name or URL, may be NULL)
 * is used for the extension and in error messages; @mime_type (may be NULL)
 * says what the bytes are when known, e.g. "text/html" from a clipboard. */
GlossaExtracted *glossa_import_bytes         (GBytes        *bytes,
                                              const char    *name,
                                              const char    *mime_type,
                                              const char    *encoding,
                                              GError       **error);

/* The importers.  @name is only used in error messages. */
GlossaExtracted *glossa_import_plain_text    (GBytes        *bytes,
                                              const char    *name,
                                              const char    *encoding,
                                              GError       **error);
GlossaExtracted *glossa_import_markdown      (GBytes        *bytes,
                                              const char    *name,
                                              const char    *encoding,
                                              GError       **error);
GlossaExtracted *glossa_import_html          (GBytes        *bytes,
                                              const char    *name,
                                              const char    *encoding,
                                              GError       **error);

/* Decodes text: BOM (UTF-8/16/32) → valid UTF-8 → GB18030 → Big5 →
 * windows-1252, unless @encoding is given, in which case bytes invalid in it
 * are an error.  Returns UTF-8 with the BOM removed; *@used_encoding gets the
 * canonical name of what was used ("UTF-8", "UTF-16LE", "GB18030", ...). */
char            *glossa_decode_text          (const char    *data,
                                              gsize          len,
                                              const char    *name,
                                              const char    *encoding,
                                              char         **used_encoding,
                                              GError       **error);

/* Canonical name for an encoding label: "gb2312"/"gbk"/"x-gbk" → "GB18030",
 * "utf8" → "UTF-8", "latin1"/"iso-8859-1"/"us-ascii" → "WINDOWS-1252" (as
 * browsers do), ...  Returns NULL for a label iconv does not know. */
char            *glossa_encoding_canonicalize (const char   *label);

/* Converts from @encoding to UTF-8, replacing invalid sequences with U+FFFD
 * instead of failing (for web pages, whose labels lie). */
char            *glossa_convert_lossy        (const char    *data,
                                              gsize          len,
                                              const char    *encoding,
                                              gsize         *n_replaced);

/* CRLF and CR to LF, in place; returns the new length. */
gsize            glossa_normalize_newlines   (char          *text,
                                              gsize          len);

G_END_DECLS
