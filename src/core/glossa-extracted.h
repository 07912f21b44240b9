/* glossa-extracted.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an importer produces from a file: the article's text and metadata,
 * before it is stored in a library.  Every importer (plain text, Markdown,
 * HTML) fills the same structure, so the library never knows which ran.
 */
#pragma once

#include "glossa-types.h"

G_BEGIN_DECLS

typedef struct {
  GlossaBlockKind kind;
  guint           level;   /* heading level 1–6, list depth from 1; 0 otherwise */
  gint64          start;   /* code points into text, end exclusive */
  gint64          end;
} GlossaBlock;

typedef struct {
  gint64  start;           /* code points into text, end exclusive */
  gint64  end;
  char   *href;
} GlossaLinkSpan;

struct _GlossaExtracted
{
  char     *title;
  char     *byline;
  char     *published;     /* as found in the source; not reformatted */
  char     *site_name;
  char     *language;      /* BCP 47 when known, else NULL */
  char     *direction;     /* "ltr", "rtl" or NULL */
  char     *format;        /* "text", "markdown", "html" */
  char     *encoding;      /* the encoding the bytes were decoded from, e.g. "GB18030" */
  char     *text;          /* UTF-8, LF line ends, no NUL */
  gint64    length;        /* g_utf8_strlen (text) */
  GArray   *blocks;        /* GlossaBlock, in text order, non-overlapping */
  GArray   *links;         /* GlossaLinkSpan, in text order */
  gboolean  best_effort;   /* no article was found; text is the page's visible text */
};

GlossaExtracted *glossa_extracted_new       (void);
void             glossa_extracted_free      (GlossaExtracted *self);
void             glossa_extracted_set_text  (GlossaExtracted *self,
                                             char            *text);
void             glossa_extracted_add_block (GlossaExtracted *self,
                                             GlossaBlockKind  kind,
                                             guint            level,
                                             gint64           start,
                                             gint64           end);
void             glossa_extracted_add_link  (GlossaExtracted *self,
                                             gint64           start,
                                             gint64           end,
                                             const char      *href);
const char      *glossa_block_kind_to_string   (GlossaBlockKind kind);
gboolean         glossa_block_kind_from_string (const char      *str,
                                                GlossaBlockKind *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossaExtracted, glossa_extracted_free)

G_END_DECLS
