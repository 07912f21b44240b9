/* glossa-html.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved web pages.  For now this keeps the page's visible text, block by
 * block; finding the article inside the page is its own piece of work.
 */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "glossa-import.h"

static gboolean
is_invisible (const char *name)
{
  static const char *names[] = { "script", "style", "noscript", "template", "head", "head",
                                 "iframe", "svg", "form", "button", "select", "textarea" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_block (const char *name)
{
  static const char *names[] = { "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
                                 "pre", "tr", "section", "article", "br", "figcaption",
                                 "header", "footer", "ul", "ol", "table", "dd", "dt" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
flush_block (GString         *block,
             GString         *text,
             GlossaExtracted *ex)
{
  g_autofree char *collapsed = NULL;
  g_auto(GStrv) words = NULL;
  gint64 start;

  words = g_strsplit_set (block->str, " \t\n\r\f", -1);
  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (words[i][0] == '\0')
          continue;
        if (joined->len > 0)
          g_string_append_c (joined, ' ');
        g_string_append (joined, words[i]);
      }
    collapsed = g_string_free (joined, FALSE);
  }
  g_string_truncate (block, 0);

  if (collapsed[0] == '\0' || g_str_equal (collapsed, "\302\240"))
    return;

  if (text->len > 0)
    g_string_append (text, "\n\n");
  start = g_utf8_strlen (text->str, text->len);
  g_string_append (text, collapsed);
  glossa_extracted_add_block (ex, GLOSSA_BLOCK_PARAGRAPH, 0, start,
                              start + g_utf8_strlen (collapsed, -1));
}

static void
walk (xmlNode         *node,
      GString         *block,
      GString         *text,
      GlossaExtracted *ex,
      guint            depth)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          g_string_append (block, (const char *) node->content);
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) node->name;

          if (is_invisible (name) || depth > 256)
            continue;
          if (is_block (name))
            flush_block (block, text, ex);
          walk (node->children, block, text, ex, depth + 1);
          if (is_block (name))
            flush_block (block, text, ex);
        }
    }
}

GlossaExtracted *
glossa_import_html (GBytes      *bytes,
                    const char  *name,
                    const char  *encoding,
                    GError     **error)
{
  g_autoptr(GlossaExtracted) ex = glossa_extracted_new ();
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  htmlDocPtr doc;
  xmlNode *root;

  doc = htmlReadMemory (data, (int) MIN (len, G_MAXINT), name, encoding,
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_FAILED,
                   "“%s” could not be read as a web page", name ? name : "page");
      return NULL;
    }

  for (xmlNode *n = root->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) n->name, "head") == 0)
      for (xmlNode *h = n->children; h != NULL; h = h->next)
        if (h->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) h->name, "title") == 0)
          {
            xmlChar *t = xmlNodeGetContent (h);
            ex->title = g_strstrip (g_strdup ((const char *) t));
            xmlFree (t);
          }

  walk (root->children, block, text, ex, 0);
  flush_block (block, text, ex);
  xmlFreeDoc (doc);

  glossa_extracted_set_text (ex, g_string_free (g_steal_pointer (&text), FALSE));
  ex->format = g_strdup ("html");
  ex->encoding = g_strdup (encoding ? encoding : "UTF-8");
  ex->best_effort = TRUE;

  return g_steal_pointer (&ex);
}
