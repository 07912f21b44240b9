/* glossa-extracted.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glossa-extracted.h"

G_DEFINE_QUARK (glossa-library-error-quark, glossa_library_error)
G_DEFINE_QUARK (glossa-import-error-quark, glossa_import_error)

static const char *block_kind_names[] = {
  [GLOSSA_BLOCK_PARAGRAPH] = "paragraph",
  [GLOSSA_BLOCK_HEADING] = "heading",
  [GLOSSA_BLOCK_QUOTE] = "quote",
  [GLOSSA_BLOCK_LIST_ITEM] = "list-item",
  [GLOSSA_BLOCK_PREFORMATTED] = "preformatted",
  [GLOSSA_BLOCK_TABLE_ROW] = "table-row",
  [GLOSSA_BLOCK_CAPTION] = "caption",
};

static void
clear_link_span (gpointer data)
{
  GlossaLinkSpan *span = data;

  g_clear_pointer (&span->href, g_free);
}

GlossaExtracted *
glossa_extracted_new (void)
{
  GlossaExtracted *self = g_new0 (GlossaExtracted, 1);

  self->blocks = g_array_new (FALSE, FALSE, sizeof (GlossaBlock));
  self->links = g_array_new (FALSE, FALSE, sizeof (GlossaLinkSpan));
  g_array_set_clear_func (self->links, clear_link_span);
  self->text = g_strdup ("");

  return self;
}

void
glossa_extracted_free (GlossaExtracted *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->byline);
  g_free (self->published);
  g_free (self->site_name);
  g_free (self->language);
  g_free (self->direction);
  g_free (self->format);
  g_free (self->encoding);
  g_free (self->text);
  g_array_unref (self->blocks);
  g_array_unref (self->links);
  g_free (self);
}

/* Takes ownership of @text, which must be valid UTF-8. */
void
glossa_extracted_set_text (GlossaExtracted *self,
                           char            *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (g_utf8_validate (text, -1, NULL));

  g_free (self->text);
  self->text = text;
  self->length = g_utf8_strlen (text, -1);
}

void
glossa_extracted_add_block (GlossaExtracted *self,
                            GlossaBlockKind  kind,
                            guint            level,
                            gint64           start,
                            gint64           end)
{
  GlossaBlock block = { kind, level, start, end };

  g_return_if_fail (self != NULL);
  g_return_if_fail (start >= 0 && start <= end);

  g_array_append_val (self->blocks, block);
}

void
glossa_extracted_add_link (GlossaExtracted *self,
                           gint64           start,
                           gint64           end,
                           const char      *href)
{
  GlossaLinkSpan span = { start, end, g_strdup (href) };

  g_return_if_fail (self != NULL);
  g_return_if_fail (start >= 0 && start <= end);

  g_array_append_val (self->links, span);
}

const char *
glossa_block_kind_to_string (GlossaBlockKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (block_kind_names), "paragraph");

  return block_kind_names[kind];
}

gboolean
glossa_block_kind_from_string (const char      *str,
                               GlossaBlockKind *kind)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (block_kind_names); i++)
    {
      if (g_str_equal (str, block_kind_names[i]))
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}
