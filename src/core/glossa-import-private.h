/* glossa-import-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers the text and Markdown importers share.  Not part of the contract.
 */
#pragma once

#include "glossa-import.h"

G_BEGIN_DECLS

/* Builds an article's text while counting its code points as it goes, so
 * that every block and link offset costs only the length of what was
 * appended, never a recount from the start. */
typedef struct {
  GString *str;
  gint64   length;
} GlossaTextBuilder;

void      _glossa_text_builder_init        (GlossaTextBuilder *builder,
                                            gsize              reserve);
void      _glossa_text_builder_append_len  (GlossaTextBuilder *builder,
                                            const char        *text,
                                            gsize              len);
void      _glossa_text_builder_append      (GlossaTextBuilder *builder,
                                            const char        *text);
void      _glossa_text_builder_append_unichar (GlossaTextBuilder *builder,
                                               gunichar           c);
void      _glossa_text_builder_truncate    (GlossaTextBuilder *builder,
                                            gsize              len,
                                            gint64             length);
gunichar  _glossa_text_builder_last_char   (GlossaTextBuilder *builder);
char     *_glossa_text_builder_free        (GlossaTextBuilder *builder,
                                            gboolean           free_segment);

/* Spaces a reader does not see: ASCII space and tab, NBSP, U+3000. */
gboolean  _glossa_is_blank_char            (gunichar           c);
/* Skips such spaces from @p up to @end; returns where the rest starts. */
const char *_glossa_skip_blank             (const char        *p,
                                            const char        *end);
/* Counts such spaces ending [p, end); *content_end gets where they start. */
gsize     _glossa_count_trailing_blank     (const char        *p,
                                            const char        *end,
                                            const char       **content_end);
/* Whether a line holds only such spaces. */
gboolean  _glossa_line_is_blank            (const char        *p,
                                            const char        *end);

/* Han, kana and CJK punctuation: scripts written without spaces. */
gboolean  _glossa_is_cjk_char              (gunichar           c);

/* *language: "zh-Hans", "zh-Hant", "ja" or "ko" when the text is plainly
 * in one of them, else NULL; *direction: "ltr", "rtl", or NULL without
 * letters. */
void      _glossa_guess_language           (const char        *text,
                                            gsize              len,
                                            char             **language,
                                            char             **direction);

/* The file name without folders or extension, for an untitled article. */
char     *_glossa_title_from_name          (const char        *name);

/* Decodes @bytes for an importer and normalises its newlines; refuses empty
 * and whitespace-only text. */
char     *_glossa_decode_for_import        (GBytes            *bytes,
                                            const char        *name,
                                            const char        *encoding,
                                            char             **used_encoding,
                                            gsize             *len,
                                            GError           **error);

const char *_glossa_display_name           (const char        *name);

G_END_DECLS
