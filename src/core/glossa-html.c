/* glossa-html.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved web pages: finds the article inside the page the way a reader view
 * does and keeps its structure as blocks.
 *
 * The page is converted to UTF-8 first (BOM, then the charset declared in the
 * markup, then detection), parsed once with libxml2's HTML parser, and then
 * worked on with a few linear, iterative passes over the tree: nothing here
 * recurses along the document's depth, so absurdly nested pages cannot
 * exhaust the stack.
 *
 * Finding the article follows the reasoning of Mozilla's Readability:
 * paragraphs give points (length, commas, CJK punctuation) to their
 * ancestors, containers whose class or id says "comment", "share",
 * "sidebar"... lose points, scores are damped by link density, the best
 * container wins and its siblings that look like article content join it;
 * then link-heavy or clutter-like parts of the result are cleaned out.  The
 * per-node figures live in node->_private, so each pass is O(n).
 *
 * Beyond Readability: Chinese pages' metadata lines ("来源：… 作者：… 时间",
 * "责任编辑：…") give the byline, source and date and leave the text; a forum
 * thread's article is its first post; links are resolved against <base
 * href> or the page's own address.
 */
#include "config.h"

#include <inttypes.h>

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <math.h>
#include <string.h>

#include "glossa-import.h"
#include "glossa-import-private.h"

/* Below this much text (CJK characters count double) an attempt at finding
 * the article is retried with fewer clean-ups, as Readability does. */
#define CHAR_THRESHOLD 500
#define N_TOP_CANDIDATES 5

typedef enum {
  T_OTHER = 0,
  T_A, T_ABBR, T_ADDRESS, T_ARTICLE, T_ASIDE, T_AUDIO, T_B, T_BDI, T_BDO, T_BLOCKQUOTE, T_BODY,
  T_BR, T_BUTTON, T_CANVAS, T_CAPTION, T_CENTER, T_CITE, T_CODE, T_COL, T_COLGROUP, T_DATA,
  T_DATALIST, T_DD, T_DEL, T_DETAILS, T_DFN, T_DIALOG, T_DIR, T_DIV, T_DL, T_DT, T_EM, T_EMBED,
  T_FIELDSET, T_FIGCAPTION, T_FIGURE, T_FONT, T_FOOTER, T_FORM, T_FRAME, T_FRAMESET, T_H1, T_H2,
  T_H3, T_H4, T_H5, T_H6, T_HEAD, T_HEADER, T_HGROUP, T_HR, T_HTML, T_I, T_IFRAME, T_IMG,
  T_INPUT, T_INS, T_KBD, T_LABEL, T_LEGEND, T_LI, T_LINK, T_MAIN, T_MARK, T_MATH, T_MENU,
  T_META, T_METER, T_NAV, T_NOSCRIPT, T_OBJECT, T_OL, T_OPTGROUP, T_OPTION, T_OUTPUT, T_P,
  T_PICTURE, T_PRE, T_PROGRESS, T_Q, T_RP, T_RT, T_RUBY, T_S, T_SAMP, T_SCRIPT, T_SECTION,
  T_SELECT, T_SMALL, T_SOURCE, T_SPAN, T_STRIKE, T_STRONG, T_STYLE, T_SUB, T_SUMMARY, T_SUP,
  T_SVG, T_TABLE, T_TBODY, T_TD, T_TEMPLATE, T_TEXTAREA, T_TFOOT, T_TH, T_THEAD, T_TIME,
  T_TITLE, T_TR, T_TT, T_U, T_UL, T_VAR, T_VIDEO, T_WBR,
  N_TAGS
} Tag;

static const struct { const char *name; Tag tag; } tag_names[] = {
  { "a", T_A }, { "abbr", T_ABBR }, { "address", T_ADDRESS }, { "article", T_ARTICLE },
  { "aside", T_ASIDE }, { "audio", T_AUDIO }, { "b", T_B }, { "bdi", T_BDI }, { "bdo", T_BDO },
  { "blockquote", T_BLOCKQUOTE }, { "body", T_BODY }, { "br", T_BR }, { "button", T_BUTTON },
  { "canvas", T_CANVAS }, { "caption", T_CAPTION }, { "center", T_CENTER }, { "cite", T_CITE },
  { "code", T_CODE }, { "col", T_COL }, { "colgroup", T_COLGROUP }, { "data", T_DATA },
  { "datalist", T_DATALIST }, { "dd", T_DD }, { "del", T_DEL }, { "details", T_DETAILS },
  { "dfn", T_DFN }, { "dialog", T_DIALOG }, { "dir", T_DIR }, { "div", T_DIV }, { "dl", T_DL },
  { "dt", T_DT }, { "em", T_EM }, { "embed", T_EMBED }, { "fieldset", T_FIELDSET },
  { "figcaption", T_FIGCAPTION }, { "figure", T_FIGURE }, { "font", T_FONT },
  { "footer", T_FOOTER }, { "form", T_FORM }, { "frame", T_FRAME }, { "frameset", T_FRAMESET },
  { "h1", T_H1 }, { "h2", T_H2 }, { "h3", T_H3 }, { "h4", T_H4 }, { "h5", T_H5 }, { "h6", T_H6 },
  { "head", T_HEAD }, { "header", T_HEADER }, { "hgroup", T_HGROUP }, { "hr", T_HR },
  { "html", T_HTML }, { "i", T_I }, { "iframe", T_IFRAME }, { "img", T_IMG },
  { "input", T_INPUT }, { "ins", T_INS }, { "kbd", T_KBD }, { "label", T_LABEL },
  { "legend", T_LEGEND }, { "li", T_LI }, { "link", T_LINK }, { "main", T_MAIN },
  { "mark", T_MARK }, { "math", T_MATH }, { "menu", T_MENU }, { "meta", T_META },
  { "meter", T_METER }, { "nav", T_NAV }, { "noscript", T_NOSCRIPT }, { "object", T_OBJECT },
  { "ol", T_OL }, { "optgroup", T_OPTGROUP }, { "option", T_OPTION }, { "output", T_OUTPUT },
  { "p", T_P }, { "picture", T_PICTURE }, { "pre", T_PRE }, { "progress", T_PROGRESS },
  { "q", T_Q }, { "rp", T_RP }, { "rt", T_RT }, { "ruby", T_RUBY }, { "s", T_S },
  { "samp", T_SAMP }, { "script", T_SCRIPT }, { "section", T_SECTION }, { "select", T_SELECT },
  { "small", T_SMALL }, { "source", T_SOURCE }, { "span", T_SPAN }, { "strike", T_STRIKE },
  { "strong", T_STRONG }, { "style", T_STYLE }, { "sub", T_SUB }, { "summary", T_SUMMARY },
  { "sup", T_SUP }, { "svg", T_SVG }, { "table", T_TABLE }, { "tbody", T_TBODY }, { "td", T_TD },
  { "template", T_TEMPLATE }, { "textarea", T_TEXTAREA }, { "tfoot", T_TFOOT }, { "th", T_TH },
  { "thead", T_THEAD }, { "time", T_TIME }, { "title", T_TITLE }, { "tr", T_TR }, { "tt", T_TT },
  { "u", T_U }, { "ul", T_UL }, { "var", T_VAR }, { "video", T_VIDEO }, { "wbr", T_WBR },
};

enum {
  NI_UNLIKELY    = 1 << 0,  /* clutter by class/id/role; skipped on the first attempt */
  NI_SKIP        = 1 << 1,  /* byline or title heading: never part of the text */
  NI_DROP        = 1 << 2,  /* cleaned out of the chosen article */
  NI_INITIALIZED = 1 << 3,  /* has a content score */
  NI_BLOCK_DESC  = 1 << 4,  /* has a block-level descendant (div is not a paragraph) */
  NI_AS_P        = 1 << 5,  /* a div that acts as a paragraph */
  NI_DATA_TABLE  = 1 << 6,
  NI_IN_ARTICLE  = 1 << 7,  /* a top-level node of the article */
  NI_NOT_PHRASE  = 1 << 8,  /* a, del or ins holding non-phrasing content */
  NI_OWN_TEXT    = 1 << 9,  /* has a non-whitespace text child */
  NI_IN_CODE     = 1 << 10, /* inside <code> or <pre>: never cleaned */
  NI_IN_TABLE    = 1 << 11, /* inside a table: never unlikely */
  NI_HAS_DT      = 1 << 12, /* holds a data table */
  NI_BYLINE_WORD = 1 << 13, /* class or id says byline, author... */
  NI_DATE_WORD   = 1 << 14, /* class or id says date, time... */
  NI_TITLE_WORD  = 1 << 15, /* class or id says title */
};

typedef struct {
  double score;
  double text_len;   /* collapsed text length, CJK characters counting double */
  double link_len;   /* text inside links, links to #fragments weighing 0.3 */
  double textish;    /* what this node gives its parent's sub_textish */
  double sub_textish;/* text inside span/li/td/p/div/... descendants */
  double heading;    /* text inside h1-h6 descendants */
  double list_len;   /* text inside ul/ol descendants */
  guint  commas;
  guint  n_p;
  guint  n_img;
  guint  n_li;
  guint  n_input;
  guint  n_embed;
  guint  n_elements; /* element children */
  guint  flags;
  gint   weight;     /* class/id weight, ±25 per attribute */
  Tag    tag;
} NodeInfo;

typedef struct {
  xmlNode         *body;
  NodeInfo        *infos;
  guint            n_infos;
  guint            skip_mask;
  gboolean         weight_classes;
  gboolean         clean_conditionally;
  GlossaExtracted *ex;

  /* metadata candidates, owned */
  char            *doc_title;
  char            *dom_byline;
  char            *time_datetime;
  char            *html_lang;
  char            *html_dir;
  char            *base_href;   /* <base href>, as written */
  char            *doc_url;     /* where the page came from, when it says */
  char            *canonical;   /* <link rel=canonical> */
  GHashTable      *meta;       /* normalised key → value */
  char            *ld_title;
  char            *ld_name;
  char            *ld_byline;
  char            *ld_published;
  char            *ld_site;
  char            *ld_lang;
  guint            n_h1;
  xmlNode         *first_h1;
  xmlNode         *byline_node;
  xmlNode         *title_node;       /* the heading that repeats the title */
  char            *info_author;      /* from a line "来源：… 作者：… 时间" */
  char            *info_source;
  char            *info_date;
  char            *info_author_only; /* from a line "作者：…" alone */
  char            *post_author;      /* a thread's first post's */
  char            *post_date;
} Page;

static inline NodeInfo *
info (xmlNode *node)
{
  return node->_private;
}

static inline gboolean
is_element (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && node->_private != NULL;
}

static int
tag_name_cmp (const void *a,
              const void *b)
{
  const char *key = a;
  const char *name = *(const char * const *) b;

  return strcmp (key, name);
}

static Tag
lookup_tag (const char *name)
{
  const void *found = bsearch (name, tag_names, G_N_ELEMENTS (tag_names), sizeof tag_names[0],
                               tag_name_cmp);

  return found ? ((const typeof (tag_names[0]) *) found)->tag : T_OTHER;
}

/* Pre-order successor of @node within @root; with @skip_children the
 * subtree of @node is not entered. */
static inline xmlNode *
next_node (xmlNode  *node,
           xmlNode  *root,
           gboolean  skip_children)
{
  if (!skip_children && node->children != NULL && node->type == XML_ELEMENT_NODE)
    return node->children;
  while (node != root)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }
  return NULL;
}

static const char *
attr (xmlNode    *node,
      const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (a->children != NULL && a->children->type == XML_TEXT_NODE &&
        g_ascii_strcasecmp ((const char *) a->name, name) == 0)
      return (const char *) a->children->content;
  return NULL;
}

static gboolean
has_attr (xmlNode    *node,
          const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (g_ascii_strcasecmp ((const char *) a->name, name) == 0)
      return TRUE;
  return FALSE;
}

/* Substring search, ASCII case-insensitive. */
static gboolean
contains_ci (const char *haystack,
             const char *needle)
{
  gsize n = strlen (needle);

  if (haystack == NULL)
    return FALSE;
  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static const char * const unlikely_words[] = {
  "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
  "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
  "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
  "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "recommend", "promo",
  /* Chinese sites name their clutter in pinyin: 评论, 相关, 推荐, 热门, 排行 */
  "pinglun", "xiangguan", "tuijian", "remen", "paihang",
  NULL
};
static const char * const maybe_words[] = {
  "and", "article", "body", "column", "content", "main", "mathjax", "shadow", NULL
};
static const char * const positive_words[] = {
  "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
  "post", "text", "blog", "story", NULL
};
static const char * const negative_words[] = {
  "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
  "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
  "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "recommend", "follow",
  "pinglun", "xiangguan", "tuijian", "fenxiang", "remen", "paihang", "banquan",
  NULL
};
static const char * const byline_words[] = {
  "byline", "author", "dateline", "writtenby", "p-author", NULL
};
static const char * const date_words[] = { "date", "time", "pub", NULL };

/* Like matches_any() for a string already in lower case. */
static gboolean
lower_matches_any (const char         *lower,
                   const char * const *words)
{
  if (*lower == '\0')
    return FALSE;
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gint
lower_weight (const char *lower)
{
  gint w = 0;

  if (*lower == '\0')
    return 0;
  if (lower_matches_any (lower, negative_words))
    w -= 25;
  if (lower_matches_any (lower, positive_words))
    w += 25;
  return w;
}

/* Copies @value in lower case into @buf (truncated), "" for NULL. */
static const char *
to_lower_buf (const char *value,
              char       *buf,
              gsize       size)
{
  gsize i = 0;

  if (value != NULL)
    for (; value[i] != '\0' && i + 1 < size; i++)
      buf[i] = g_ascii_tolower (value[i]);
  buf[i] = '\0';
  return buf;
}

/* (\b|_)(share|sharedaddy)(\b|_) */
static gboolean
is_share_word (const char *s)
{
  if (s == NULL)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, "share", 5) == 0 &&
          (p == s || !g_ascii_isalnum (p[-1])))
        {
          const char *e = p + 5;

          if (g_ascii_strncasecmp (e, "daddy", 5) == 0)
            e += 5;
          if (!g_ascii_isalnum (*e))
            return TRUE;
        }
    }
  return FALSE;
}

/* ----- characters ------------------------------------------------------- */

/* Han, kana, CJK punctuation: written without spaces, so a character
 * carries about what a short word does elsewhere. */
#define is_cjk(c) _glossa_is_cjk_char (c)

static inline gboolean
is_comma (gunichar c)
{
  switch (c)
    {
    case ',': case 0x060C: case 0xFE50: case 0xFE10: case 0xFE11: case 0x2E41: case 0x2E34:
    case 0x2E32: case 0xFF0C: case 0x3001: case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B:
    case 0xFF1A:
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
is_html_space (unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Length of text as rendered (whitespace runs count one), CJK counting 2. */
static double
measure_text (const char *s,
              guint      *commas,
              gboolean   *non_space)
{
  double len = 0;
  gboolean in_space = TRUE;

  while (*s != '\0')
    {
      unsigned char b = (unsigned char) *s;

      if (b < 0x80)
        {
          if (is_html_space (b))
            {
              if (!in_space)
                len += 1;
              in_space = TRUE;
            }
          else
            {
              len += 1;
              in_space = FALSE;
              *non_space = TRUE;
              if (b == ',')
                (*commas)++;
            }
          s++;
        }
      else
        {
          gunichar c = g_utf8_get_char (s);

          len += is_cjk (c) ? 2 : 1;
          if (c != 0xA0 && c != 0x3000)
            *non_space = TRUE;
          if (is_comma (c))
            (*commas)++;
          in_space = FALSE;
          s = g_utf8_next_char (s);
        }
    }
  return len;
}

static gboolean
is_whitespace_text (xmlNode *node)
{
  const char *s = (const char *) node->content;

  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!is_html_space ((unsigned char) *s))
      return FALSE;
  return TRUE;
}

/* Text content of an element, whitespace collapsed and trimmed, skipping
 * nodes carrying any flag in @skip.  Iterative. */
static char *
node_text (xmlNode *root,
           guint    skip)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (xmlNode *n = root->children != NULL ? root->children : NULL; n != NULL;)
    {
      gboolean skip_children = FALSE;

      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          for (const char *p = (const char *) n->content; p && *p; p++)
            {
              if (is_html_space ((unsigned char) *p))
                space = TRUE;
              else
                {
                  if (space && s->len > 0)
                    g_string_append_c (s, ' ');
                  space = FALSE;
                  g_string_append_c (s, *p);
                }
            }
        }
      else if (n->type == XML_ELEMENT_NODE)
        {
          if (n->_private == NULL || (info (n)->flags & skip) != 0)
            skip_children = TRUE;
          else if (info (n)->tag == T_BR)
            space = TRUE;
        }
      n = next_node (n, root, skip_children);
    }
  return g_string_free (s, FALSE);
}

/* ----- the prescan: what charset the markup declares -------------------- */

static const char *
skip_past (const char *p,
           const char *end,
           const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return p + n;
  return end;
}

/* Reads one attribute of a tag at @p; returns FALSE at the tag's end. */
static gboolean
next_attribute (const char **pp,
                const char  *end,
                GString     *name,
                GString     *value)
{
  const char *p = *pp;

  g_string_truncate (name, 0);
  g_string_truncate (value, 0);
  while (p < end && (is_html_space (*p) || *p == '/'))
    p++;
  if (p >= end || *p == '>')
    {
      *pp = p;
      return FALSE;
    }
  while (p < end && !is_html_space (*p) && *p != '=' && *p != '>' && *p != '/')
    g_string_append_c (name, g_ascii_tolower (*p++));
  while (p < end && is_html_space (*p))
    p++;
  if (p < end && *p == '=')
    {
      p++;
      while (p < end && is_html_space (*p))
        p++;
      if (p < end && (*p == '"' || *p == '\''))
        {
          char q = *p++;

          while (p < end && *p != q)
            g_string_append_c (value, *p++);
          if (p < end)
            p++;
        }
      else
        while (p < end && !is_html_space (*p) && *p != '>')
          g_string_append_c (value, *p++);
    }
  *pp = p;
  return TRUE;
}

static char *
charset_from_content (const char *content)
{
  g_autofree char *lower = g_ascii_strdown (content, -1);
  const char *p = lower;

  while ((p = strstr (p, "charset")) != NULL)
    {
      const char *q = p + 7;
      const char *e;

      while (is_html_space (*q))
        q++;
      if (*q != '=')
        {
          p = q;
          continue;
        }
      q++;
      while (is_html_space (*q) || *q == '"' || *q == '\'')
        q++;
      e = q;
      while (*e != '\0' && *e != ';' && *e != '"' && *e != '\'' && !is_html_space (*e))
        e++;
      return e > q ? g_strndup (content + (q - lower), e - q) : NULL;
    }
  return NULL;
}

/* Scans the page's real tags (not comments, scripts or styles) for
 * <meta charset> or <meta http-equiv=Content-Type content="...charset=">,
 * up to the start of the body. */
static char *
sniff_charset (const char *data,
                            gsize       len)
{
  const char *p = data;
  const char *end = data + len;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) value = g_string_new (NULL);

  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);

      if (lt == NULL)
        break;
      p = lt + 1;
      if (end - p >= 3 && strncmp (p, "!--", 3) == 0)
        p = skip_past (p + 3, end, "-->");
      else if (end - p >= 6 && (g_ascii_strncasecmp (p, "script", 6) == 0 ||
                                g_ascii_strncasecmp (p, "style>", 6) == 0 ||
                                g_ascii_strncasecmp (p, "style ", 6) == 0))
        {
          gboolean script = g_ascii_tolower (*p) == 's' && g_ascii_tolower (p[1]) == 'c';

          p = skip_past (p, end, ">");
          p = skip_past (p, end, script ? "</script" : "</style");
        }
      else if (end - p >= 4 && g_ascii_strncasecmp (p, "body", 4) == 0 &&
               (p + 4 == end || is_html_space (p[4]) || p[4] == '>'))
        break;
      else if (end - p >= 5 && g_ascii_strncasecmp (p, "meta", 4) == 0 &&
               (is_html_space (p[4]) || p[4] == '/'))
        {
          g_autofree char *charset = NULL;
          g_autofree char *content = NULL;
          gboolean http_equiv = FALSE;

          p += 4;
          while (next_attribute (&p, end, name, value))
            {
              if (g_str_equal (name->str, "charset") && charset == NULL)
                charset = g_strstrip (g_strdup (value->str));
              else if (g_str_equal (name->str, "http-equiv"))
                http_equiv = g_ascii_strcasecmp (value->str, "content-type") == 0;
              else if (g_str_equal (name->str, "content") && content == NULL)
                content = g_strdup (value->str);
            }
          if (charset != NULL && *charset != '\0')
            return g_steal_pointer (&charset);
          if (http_equiv && content != NULL)
            {
              char *found = charset_from_content (content);

              if (found != NULL)
                return found;
            }
        }
      else if (end - p >= 1 && (*p == '!' || *p == '?' || *p == '/' || g_ascii_isalpha (*p)))
        {
          /* Any other tag: step over its attributes so a quoted '>' or a
           * "<meta" inside an attribute value does not fool us. */
          while (p < end && !is_html_space (*p) && *p != '>')
            p++;
          while (next_attribute (&p, end, name, value))
            ;
        }
    }
  return NULL;
}

/* ----- metadata --------------------------------------------------------- */

static void
set_if_empty (char       **field,
              const char  *value)
{
  if (*field == NULL && value != NULL)
    {
      g_autofree char *v = g_strstrip (g_strdup (value));

      if (*v != '\0')
        *field = g_steal_pointer (&v);
    }
}

/* "og:title", "dc.creator", "twitter:title"... → one normalised key. */
static void
collect_meta (Page    *page,
              xmlNode *node)
{
  const char *content = attr (node, "content");
  const char *keys[3] = { attr (node, "property"), attr (node, "name"), attr (node, "itemprop") };

  if (content == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_auto(GStrv) parts = NULL;

      if (keys[i] == NULL)
        continue;
      /* property may hold several space-separated names */
      parts = g_strsplit_set (keys[i], " \t\n", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_autofree char *key = g_ascii_strdown (parts[j], -1);
          g_autofree char *value = NULL;

          if (*key == '\0')
            continue;
          g_strdelimit (key, ".", ':');
          value = g_strstrip (g_strdup (content));
          if (*value != '\0' && !g_hash_table_contains (page->meta, key))
            g_hash_table_insert (page->meta, g_steal_pointer (&key), g_steal_pointer (&value));
        }
    }
}

static const char *
meta_get (Page       *page,
          const char *key)
{
  return g_hash_table_lookup (page->meta, key);
}

static gboolean
is_article_type (const char *type)
{
  static const char * const types[] = {
    "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
    "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
    "ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle",
    "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
    "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference", NULL
  };

  if (type == NULL)
    return FALSE;
  for (guint i = 0; types[i] != NULL; i++)
    if (g_str_equal (type, types[i]))
      return TRUE;
  return FALSE;
}

static gboolean
ld_object_is_article (JsonObject *obj)
{
  JsonNode *type = json_object_get_member (obj, "@type");

  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (type))
    return is_article_type (json_node_get_string (type));
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *a = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *t = json_array_get_element (a, i);

          if (JSON_NODE_HOLDS_VALUE (t) && is_article_type (json_node_get_string (t)))
            return TRUE;
        }
    }
  return FALSE;
}

static const char *
ld_string (JsonObject *obj,
           const char *member)
{
  JsonNode *n = json_object_get_member (obj, member);

  if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  return NULL;
}

static char *
ld_author (JsonNode *n)
{
  if (n == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (n));
  if (JSON_NODE_HOLDS_OBJECT (n))
    {
      const char *name = ld_string (json_node_get_object (n), "name");

      return name ? g_strdup (name) : NULL;
    }
  if (JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *a = json_node_get_array (n);
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *one = ld_author (json_array_get_element (a, i));

          if (one == NULL || *g_strstrip (one) == '\0')
            continue;
          if (s->len > 0)
            g_string_append (s, ", ");
          g_string_append (s, one);
        }
      return s->len > 0 ? g_strdup (s->str) : NULL;
    }
  return NULL;
}

static void
ld_take (Page       *page,
         JsonObject *obj)
{
  JsonNode *publisher = json_object_get_member (obj, "publisher");

  if (page->ld_title != NULL || page->ld_name != NULL)
    return;
  set_if_empty (&page->ld_title, ld_string (obj, "headline"));
  set_if_empty (&page->ld_name, ld_string (obj, "name"));
  if (page->ld_byline == NULL)
    {
      g_autofree char *a = ld_author (json_object_get_member (obj, "author"));

      set_if_empty (&page->ld_byline, a);
    }
  set_if_empty (&page->ld_published, ld_string (obj, "datePublished"));
  set_if_empty (&page->ld_lang, ld_string (obj, "inLanguage"));
  if (publisher != NULL && JSON_NODE_HOLDS_OBJECT (publisher))
    set_if_empty (&page->ld_site, ld_string (json_node_get_object (publisher), "name"));
}

static void
ld_visit (Page     *page,
          JsonNode *node,
          guint     depth)
{
  if (node == NULL || depth > 4)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        ld_visit (page, json_array_get_element (a, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      JsonNode *graph = json_object_get_member (obj, "@graph");

      if (ld_object_is_article (obj))
        ld_take (page, obj);
      else if (graph != NULL)
        ld_visit (page, graph, depth + 1);
    }
}

static void
collect_json_ld (Page    *page,
                 xmlNode *script)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  GString *s = g_string_new (NULL);

  for (xmlNode *c = script->children; c != NULL; c = c->next)
    if (c->content != NULL)
      g_string_append (s, (const char *) c->content);
  text = g_string_free (s, FALSE);
  /* Some pages wrap the JSON in a CDATA comment. */
  g_strstrip (text);
  if (g_str_has_prefix (text, "<![CDATA["))
    {
      memset (text, ' ', 9);
      if (g_str_has_suffix (text, "]]>"))
        text[strlen (text) - 3] = '\0';
    }
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return;
  ld_visit (page, json_parser_get_root (parser), 0);
}

static gboolean
is_hidden (xmlNode *node)
{
  const char *style;
  const char *aria;

  if (node->properties == NULL)
    return FALSE;
  if (has_attr (node, "hidden"))
    return TRUE;
  aria = attr (node, "aria-hidden");
  if (aria != NULL && g_ascii_strcasecmp (aria, "true") == 0 &&
      !contains_ci (attr (node, "class"), "fallback-image"))
    return TRUE;
  style = attr (node, "style");
  if (style != NULL)
    {
      g_autofree char *s = g_ascii_strdown (style, -1);
      char *w = s;

      /* drop whitespace so "display : none" matches */
      for (char *r = s; *r != '\0'; r++)
        if (!is_html_space (*r))
          *w++ = *r;
      *w = '\0';
      if (strstr (s, "display:none") != NULL || strstr (s, "visibility:hidden") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* First pass over the whole document: collects metadata, removes what is
 * never text (scripts, styles, hidden elements, form controls...) and
 * counts the remaining elements. */
/* Browsers note where a saved page came from: "saved from url=(0041)https://…"
 * (Save Page As) or "Page saved with SingleFile … url: https://…". */
static char *
url_from_comment (const char *comment)
{
  static const char * const marks[] = { "saved from url=", "url: ", NULL };

  for (guint i = 0; marks[i] != NULL; i++)
    {
      const char *p = strstr (comment, marks[i]);
      const char *end;

      if (p == NULL)
        continue;
      p += strlen (marks[i]);
      if (*p == '(')
        {
          p = strchr (p, ')');
          if (p == NULL)
            continue;
          p++;
        }
      if (!g_str_has_prefix (p, "http://") && !g_str_has_prefix (p, "https://"))
        continue;
      for (end = p; *end != '\0' && !g_ascii_isspace (*end) && *end != '>'; end++)
        ;
      return g_strndup (p, end - p);
    }
  return NULL;
}

static guint
prepare_tree (Page      *page,
              xmlNode   *root,
              GPtrArray *hidden)
{
  guint n_elements = 0;
  xmlNode *n = root;

  while (n != NULL)
    {
      xmlNode *next;
      gboolean remove = FALSE;
      gboolean deferred = FALSE;

      if (n->type == XML_ELEMENT_NODE)
        {
          Tag tag = lookup_tag ((const char *) n->name);

          switch (tag)
            {
            case T_SCRIPT:
              {
                const char *type = attr (n, "type");

                if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
                  collect_json_ld (page, n);
                remove = TRUE;
              }
              break;
            case T_META:
              collect_meta (page, n);
              remove = TRUE;
              break;
            case T_TITLE:
              if (page->doc_title == NULL)
                {
                  g_autofree char *t = (char *) xmlNodeGetContent (n);

                  set_if_empty (&page->doc_title, t);
                }
              remove = TRUE;
              break;
            case T_HTML:
              set_if_empty (&page->html_lang, attr (n, "lang"));
              set_if_empty (&page->html_lang, attr (n, "xml:lang"));
              set_if_empty (&page->html_dir, attr (n, "dir"));
              break;
            case T_TIME:
              set_if_empty (&page->time_datetime, attr (n, "datetime"));
              break;
            case T_LINK:
              {
                const char *rel = attr (n, "rel");

                if (rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
                  set_if_empty (&page->canonical, attr (n, "href"));
                remove = TRUE;
              }
              break;
            case T_STYLE: case T_NOSCRIPT: case T_TEMPLATE: case T_IFRAME:
            case T_FRAME: case T_SVG: case T_CANVAS: case T_BUTTON:
            case T_SELECT: case T_TEXTAREA: case T_OPTION: case T_OPTGROUP: case T_DATALIST:
            case T_OBJECT: case T_EMBED: case T_AUDIO: case T_VIDEO: case T_SOURCE:
            case T_RP: case T_DIALOG:
              remove = TRUE;
              break;
            case T_HEAD:
              break;
            default:
              {
                const char *role;

                if (n != root && is_hidden (n))
                  {
                    /* judged once the whole page is seen */
                    if (hidden != NULL)
                      {
                        g_ptr_array_add (hidden, n);
                        deferred = TRUE;
                      }
                    else
                      remove = TRUE;
                  }
                else if (tag == T_OTHER && g_ascii_strcasecmp ((const char *) n->name, "base") == 0)
                  {
                    set_if_empty (&page->base_href, attr (n, "href"));
                    remove = TRUE;
                  }
                /* MathML's TeX source is not rendered; the formula is */
                else if (tag == T_OTHER && g_str_has_prefix ((const char *) n->name, "annotation"))
                  remove = TRUE;
                else if ((role = attr (n, "role")) != NULL &&
                         g_ascii_strcasecmp (role, "dialog") == 0 &&
                         g_strcmp0 (attr (n, "aria-modal"), "true") == 0)
                  remove = TRUE;
              }
              break;
            }
          if (tag == T_H1 && !remove && !deferred)
            {
              if (page->n_h1++ == 0)
                page->first_h1 = n;
            }
          if (!remove && !deferred)
            {
              n_elements++;
              /* assign_infos() need not look the name up again */
              n->_private = GUINT_TO_POINTER (tag + 1);
            }
        }
      else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE || n->type == XML_DTD_NODE)
        {
          if (n->type == XML_COMMENT_NODE && n->content != NULL && page->doc_url == NULL)
            page->doc_url = url_from_comment ((const char *) n->content);
          remove = n != root;
        }

      next = next_node (n, root, remove || deferred);
      if (remove)
        {
          xmlUnlinkNode (n);
          xmlFreeNode (n);
        }
      n = next;
    }
  return n_elements;
}

/* Whether a hidden element holds the article itself: some sites ship the
 * text hidden and reveal it by script once the page has loaded (WeChat's
 * js_content is visibility:hidden in every saved copy).  Long prose with
 * few links is that; menus, dialogs and tooltips are not. */
static gboolean
hidden_holds_article (xmlNode *root)
{
  double len = 0, link_len = 0;
  guint commas = 0;
  gboolean non_space = FALSE;
  const char *style = attr (root, "style");

  /* Only visibility:hidden: display:none is how pages hide what they never
   * show (duplicates, SEO text, collapsed menus). */
  if (style == NULL || has_attr (root, "hidden"))
    return FALSE;
  {
    g_autofree char *squeezed = g_ascii_strdown (style, -1);
    char *w = squeezed;

    for (char *r = squeezed; *r != '\0'; r++)
      if (!is_html_space (*r))
        *w++ = *r;
    *w = '\0';
    if (strstr (squeezed, "visibility:hidden") == NULL || strstr (squeezed, "display:none") != NULL)
      return FALSE;
  }

  for (xmlNode *n = root; n != NULL;)
    {
      gboolean skip = FALSE;

      if (n->type == XML_ELEMENT_NODE)
        {
          Tag tag = lookup_tag ((const char *) n->name);

          if (tag == T_SCRIPT || tag == T_STYLE || tag == T_NOSCRIPT || tag == T_TEMPLATE)
            skip = TRUE;
          else if (tag == T_A)
            {
              g_autofree char *t = (char *) xmlNodeGetContent (n);

              if (t != NULL)
                link_len += measure_text (t, &commas, &non_space);
            }
        }
      else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
        len += measure_text ((const char *) n->content, &commas, &non_space);
      n = next_node (n, root, skip);
    }
  /* a short article is still prose: sentences with commas, few links */
  return len >= CHAR_THRESHOLD && commas >= 5 && link_len < 0.3 * len;
}

/* ----- per-node figures ------------------------------------------------- */

static gboolean
is_unlikely_role (const char *role)
{
  static const char * const roles[] = {
    "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", NULL
  };

  if (role == NULL)
    return FALSE;
  for (guint i = 0; roles[i] != NULL; i++)
    if (g_ascii_strcasecmp (role, roles[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Second pass: gives each element its NodeInfo with what never changes:
 * tag, class weight, whether it looks like clutter. */
static void
assign_infos (Page    *page,
              xmlNode *root,
              guint    n_elements)
{
  guint i = 0;

  page->infos = g_new0 (NodeInfo, MAX (n_elements, 1));
  page->n_infos = n_elements;

  for (xmlNode *n = root; n != NULL; n = next_node (n, root, FALSE))
    {
      NodeInfo *ni;
      const char *klass;
      const char *id;
      char class_buf[256], id_buf[128];
      guint inherited = 0;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      g_assert (i < n_elements);
      ni = &page->infos[i++];
      ni->tag = n->_private != NULL ? (Tag) (GPOINTER_TO_UINT (n->_private) - 1)
                                    : lookup_tag ((const char *) n->name);
      n->_private = ni;
      if (n->parent != NULL && is_element (n->parent))
        {
          NodeInfo *pi = info (n->parent);

          inherited = pi->flags & (NI_IN_CODE | NI_IN_TABLE);
          if (pi->tag == T_CODE || pi->tag == T_PRE)
            inherited |= NI_IN_CODE;
          if (pi->tag == T_TABLE)
            inherited |= NI_IN_TABLE;
        }
      ni->flags = inherited;
      if (ni->tag == T_BODY && page->body == NULL)
        page->body = n;

      klass = to_lower_buf (attr (n, "class"), class_buf, sizeof class_buf);
      id = to_lower_buf (attr (n, "id"), id_buf, sizeof id_buf);
      ni->weight = lower_weight (klass) + lower_weight (id);
      if (lower_matches_any (klass, byline_words) || lower_matches_any (id, byline_words))
        ni->flags |= NI_BYLINE_WORD;
      if (lower_matches_any (klass, date_words) || lower_matches_any (id, date_words))
        ni->flags |= NI_DATE_WORD;
      if (strstr (klass, "title") != NULL || strstr (id, "title") != NULL)
        ni->flags |= NI_TITLE_WORD;

      if (ni->tag != T_BODY && ni->tag != T_A && ni->tag != T_HTML)
        {
          if ((lower_matches_any (klass, unlikely_words) ||
               lower_matches_any (id, unlikely_words)) &&
              !lower_matches_any (klass, maybe_words) && !lower_matches_any (id, maybe_words) &&
              inherited == 0)
            ni->flags |= NI_UNLIKELY;
          if (is_unlikely_role (attr (n, "role")))
            ni->flags |= NI_UNLIKELY;
          if (ni->tag == T_NAV || ni->tag == T_ASIDE)
            ni->flags |= NI_UNLIKELY;
        }
    }
}

static gboolean
is_phrasing_tag (Tag tag)
{
  switch (tag)
    {
    case T_ABBR: case T_AUDIO: case T_B: case T_BDO: case T_BR: case T_BUTTON: case T_CITE:
    case T_CODE: case T_DATA: case T_DATALIST: case T_DFN: case T_EM: case T_EMBED: case T_I:
    case T_IMG: case T_INPUT: case T_KBD: case T_LABEL: case T_MARK: case T_MATH: case T_METER:
    case T_NOSCRIPT: case T_OBJECT: case T_OUTPUT: case T_PROGRESS: case T_Q: case T_RUBY:
    case T_SAMP: case T_SCRIPT: case T_SELECT: case T_SMALL: case T_SPAN: case T_STRONG:
    case T_SUB: case T_SUP: case T_TEXTAREA: case T_TIME: case T_VAR: case T_WBR: case T_FONT:
    case T_U: case T_S: case T_STRIKE: case T_TT: case T_BDI: case T_PICTURE: case T_RT:
    case T_OTHER:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_phrasing (xmlNode *node)
{
  Tag tag;

  if (node->type != XML_ELEMENT_NODE)
    return TRUE;
  if (!is_element (node))
    return TRUE;
  tag = info (node)->tag;
  if (tag == T_A || tag == T_DEL || tag == T_INS)
    return (info (node)->flags & NI_NOT_PHRASE) == 0;
  return is_phrasing_tag (tag);
}

static gboolean
is_div_to_p_block (Tag tag)
{
  return tag == T_BLOCKQUOTE || tag == T_DL || tag == T_DIV || tag == T_IMG || tag == T_OL ||
         tag == T_P || tag == T_PRE || tag == T_TABLE || tag == T_UL;
}

static gboolean
is_textish (Tag tag)
{
  return tag == T_SPAN || tag == T_LI || tag == T_TD || is_div_to_p_block (tag);
}

static gboolean
is_heading (Tag tag)
{
  return tag >= T_H1 && tag <= T_H6;
}

static inline gboolean
skipped (Page    *page,
         xmlNode *node)
{
  return (info (node)->flags & page->skip_mask) != 0;
}

static void
clear_figures (NodeInfo *ni)
{
  ni->score = 0;
  ni->text_len = ni->link_len = ni->textish = ni->sub_textish = ni->heading = ni->list_len = 0;
  ni->commas = ni->n_p = ni->n_img = ni->n_li = ni->n_input = ni->n_embed = ni->n_elements = 0;
  ni->flags &= ~(NI_INITIALIZED | NI_BLOCK_DESC | NI_AS_P | NI_NOT_PHRASE | NI_OWN_TEXT);
}

/* Measures a run of phrasing children of a div, from @first; returns the
 * node after the run and its figures. */
static xmlNode *
measure_run (Page     *page,
             xmlNode  *first,
             double   *len,
             guint    *commas,
             gboolean *non_space)
{
  xmlNode *c = first;

  *len = 0;
  *commas = 0;
  *non_space = FALSE;
  for (; c != NULL; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (c->content != NULL)
            *len += measure_text ((const char *) c->content, commas, non_space);
        }
      else if (is_element (c))
        {
          if (skipped (page, c))
            continue;
          if (!is_phrasing (c))
            break;
          *len += info (c)->text_len;
          *commas += info (c)->commas;
          if (info (c)->text_len > 0)
            *non_space = TRUE;
        }
    }
  return c;
}

/* Moves *@cursor past the next run of phrasing children of a div (text,
 * spans, links...: what Readability wraps into a paragraph) and measures
 * it; FALSE when there is none left. */
static gboolean
next_phrasing_run (Page      *page,
                   xmlNode  **cursor,
                   double    *len,
                   guint     *commas,
                   gboolean  *non_space)
{
  xmlNode *c = *cursor;

  while (c != NULL && (!is_phrasing (c) || (is_element (c) && skipped (page, c))))
    c = c->next;
  if (c == NULL)
    return FALSE;
  *cursor = measure_run (page, c, len, commas, non_space);
  return TRUE;
}

static void
finish_element (Page     *page,
                xmlNode  *n,
                gboolean  propagate)
{
  NodeInfo *ni = info (n);
  xmlNode *parent = n->parent;

  switch (ni->tag)
    {
    case T_A:
      {
        const char *href = attr (n, "href");

        ni->link_len = ni->text_len * (href != NULL && href[0] == '#' ? 0.3 : 1.0);
      }
      break;
    case T_P:
      ni->n_p++;
      break;
    case T_IMG:
      ni->n_img++;
      break;
    case T_LI:
      ni->n_li++;
      break;
    case T_INPUT:
      ni->n_input++;
      break;
    case T_EMBED: case T_OBJECT: case T_IFRAME:
      ni->n_embed++;
      break;
    case T_UL: case T_OL:
      ni->list_len = ni->text_len;
      break;
    case T_DIV:
      if ((ni->flags & NI_BLOCK_DESC) == 0)
        {
          ni->flags |= NI_AS_P;
          ni->n_p++;
        }
      else
        {
          /* Phrasing runs of a div with blocks are paragraphs of their own. */
          double len;
          guint commas;
          gboolean non_space;

          for (xmlNode *c = n->children; next_phrasing_run (page, &c, &len, &commas, &non_space);)
            if (non_space)
              {
                ni->n_p++;
                ni->textish += len;
              }
        }
      break;
    default:
      break;
    }
  ni->sub_textish = ni->textish;
  if (is_heading (ni->tag))
    ni->heading = ni->text_len;
  if (is_textish (ni->tag))
    ni->textish = ni->text_len;

  if (propagate && parent != NULL && is_element (parent))
    {
      NodeInfo *pi = info (parent);

      pi->text_len += ni->text_len;
      pi->link_len += ni->link_len;
      pi->textish += ni->textish;
      pi->heading += ni->heading;
      pi->list_len += ni->list_len;
      pi->commas += ni->commas;
      pi->n_p += ni->n_p;
      pi->n_img += ni->n_img;
      pi->n_li += ni->n_li;
      pi->n_input += ni->n_input;
      pi->n_embed += ni->n_embed;
      pi->n_elements++;
      if (is_div_to_p_block (ni->tag) || (ni->flags & NI_BLOCK_DESC) != 0)
        pi->flags |= NI_BLOCK_DESC;
      if (!is_phrasing (n))
        pi->flags |= NI_NOT_PHRASE;
    }
}

/* Computes the figures of @root's subtree bottom-up, leaving out nodes
 * that carry a flag of page->skip_mask.  Iterative post-order. */
static void
measure_tree (Page    *page,
              xmlNode *root)
{
  xmlNode *n = root;

  if (!is_element (root) || skipped (page, root))
    return;
  clear_figures (info (root));
  n = root->children;
  while (n != NULL)
    {
      gboolean descend = FALSE;

      if (n->type == XML_ELEMENT_NODE && is_element (n))
        {
          if (!skipped (page, n))
            {
              clear_figures (info (n));
              descend = n->children != NULL;
              if (!descend)
                finish_element (page, n, TRUE);
            }
        }
      else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
               n->content != NULL && is_element (n->parent))
        {
          NodeInfo *pi = info (n->parent);
          gboolean non_space = FALSE;

          pi->text_len += measure_text ((const char *) n->content, &pi->commas, &non_space);
          if (non_space)
            pi->flags |= NI_OWN_TEXT;
        }

      if (descend)
        {
          n = n->children;
          continue;
        }
      while (n != root && n->next == NULL)
        {
          n = n->parent;
          if (n == root)
            break;
          finish_element (page, n, TRUE);
        }
      n = n == root ? NULL : n->next;
    }
  finish_element (page, root, FALSE);
}

static double
link_density (NodeInfo *ni)
{
  return ni->text_len > 0 ? ni->link_len / ni->text_len : 0;
}

/* ----- finding the article ---------------------------------------------- */

static void
initialize_node (Page      *page,
                 xmlNode   *n,
                 GPtrArray *candidates)
{
  NodeInfo *ni = info (n);
  double s = 0;

  switch (ni->tag)
    {
    case T_DIV:
      s = 5;
      break;
    case T_PRE: case T_TD: case T_BLOCKQUOTE:
      s = 3;
      break;
    case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI: case T_FORM:
      s = -3;
      break;
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TH:
      s = -5;
      break;
    default:
      break;
    }
  if (page->weight_classes)
    s += ni->weight;
  ni->score = s;
  ni->flags |= NI_INITIALIZED;
  g_ptr_array_add (candidates, n);
}

/* A paragraph's points go to its ancestors: all to the parent, half to the
 * grandparent, a third of the level above that... */
static void
give_score (Page      *page,
            xmlNode   *first,
            double     content,
            GPtrArray *candidates)
{
  xmlNode *a = first;

  for (guint level = 0; level < 5 && a != NULL && is_element (a); level++, a = a->parent)
    {
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

      if (a->parent == NULL || !is_element (a->parent))
        break;
      if ((info (a)->flags & NI_INITIALIZED) == 0)
        initialize_node (page, a, candidates);
      info (a)->score += content / divider;
    }
}

static double
paragraph_points (double   len,
                  guint    commas)
{
  return 1 + commas + MIN (floor (len / 100), 3);
}

/* A div of phrasing content split by <br><br> runs is a container of
 * paragraphs, not one paragraph: each run scores the div itself, as
 * Readability's turning <br> runs into <p> would.  FALSE when the div has
 * fewer than two such paragraphs. */
static gboolean
score_br_paragraphs (Page      *page,
                     xmlNode   *div,
                     GPtrArray *candidates)
{
  g_autoptr(GArray) runs = NULL;
  double len = 0;
  guint commas = 0, n_long = 0;
  gboolean non_space = FALSE, after_br = FALSE, split = FALSE;

  for (xmlNode *c = div->children;; c = c->next)
    {
      gboolean end = c == NULL;

      if (!end && is_element (c) && info (c)->tag == T_BR)
        {
          if (after_br)
            end = split = TRUE;
          after_br = TRUE;
        }
      else if (!end && c->type == XML_TEXT_NODE && is_whitespace_text (c))
        continue;
      else if (!end)
        {
          after_br = FALSE;
          if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            {
              if (c->content != NULL)
                len += measure_text ((const char *) c->content, &commas, &non_space);
            }
          else if (is_element (c) && !skipped (page, c))
            {
              len += info (c)->text_len;
              commas += info (c)->commas;
            }
        }
      if (end && len > 0)
        {
          double run[2] = { len, commas };

          if (runs == NULL)
            runs = g_array_new (FALSE, FALSE, sizeof run);
          g_array_append_val (runs, run);
          if (len >= 25)
            n_long++;
          len = 0;
          commas = 0;
        }
      if (c == NULL)
        break;
    }
  if (!split || n_long < 2)
    return FALSE;
  for (guint i = 0; i < runs->len; i++)
    {
      double *run = &g_array_index (runs, double, 2 * i);

      if (run[0] >= 25)
        give_score (page, div, paragraph_points (run[0], (guint) run[1]), candidates);
    }
  return TRUE;
}

static void
score_paragraphs (Page      *page,
                  GPtrArray *candidates)
{
  xmlNode *root = page->body;
  xmlNode *n = root;

  while (n != NULL)
    {
      gboolean skip = FALSE;

      if (n->type == XML_ELEMENT_NODE && is_element (n))
        {
          NodeInfo *ni = info (n);

          if (skipped (page, n))
            skip = TRUE;
          else
            {
              Tag t = ni->tag;
              gboolean scorable = t == T_P || t == T_TD || t == T_PRE || t == T_SECTION ||
                                  (t >= T_H2 && t <= T_H6) ||
                                  (t == T_DIV && (ni->flags & NI_AS_P) != 0);

              if (t == T_DIV && (ni->flags & NI_AS_P) != 0 && n != root &&
                  score_br_paragraphs (page, n, candidates))
                scorable = FALSE;
              if (scorable && ni->text_len >= 25 && n != root)
                {
                  xmlNode *first = n->parent;

                  /* A div holding a single paragraph is that paragraph. */
                  if ((t == T_P || t == T_DIV) && first != root && is_element (first) &&
                      info (first)->tag == T_DIV && info (first)->n_elements == 1 &&
                      (info (first)->flags & NI_OWN_TEXT) == 0 &&
                      link_density (info (first)) < 0.25)
                    first = first->parent;
                  give_score (page, first, paragraph_points (ni->text_len, ni->commas),
                              candidates);
                }
              if (t == T_DIV && (ni->flags & NI_BLOCK_DESC) != 0)
                {
                  double len;
                  guint commas;
                  gboolean non_space;

                  for (xmlNode *c = n->children;
                       next_phrasing_run (page, &c, &len, &commas, &non_space);)
                    if (len >= 25)
                      give_score (page, n, paragraph_points (len, commas), candidates);
                }
            }
        }
      n = next_node (n, root, skip);
    }
}

static gboolean
is_ancestor (xmlNode *ancestor,
             xmlNode *node)
{
  for (xmlNode *a = node->parent; a != NULL; a = a->parent)
    if (a == ancestor)
      return TRUE;
  return FALSE;
}

static int
compare_score (gconstpointer a,
               gconstpointer b)
{
  double sa = info (*(xmlNode * const *) a)->score;
  double sb = info (*(xmlNode * const *) b)->score;

  return sa < sb ? 1 : sa > sb ? -1 : 0;
}

static gboolean
has_year (const char *s)
{
  for (const char *p = s; p[0] != '\0'; p++)
    if ((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0'))
      if (g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]) &&
          (p == s || !g_ascii_isdigit (p[-1])))
        return TRUE;
  return FALSE;
}

static gboolean
ends_like_sentence (const char *text)
{
  const char *dot;
  gsize len = strlen (text);

  for (dot = strchr (text, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
    if (dot[1] == ' ' || dot[1] == '\0')
      return TRUE;
  return (len >= 3 && (g_str_has_suffix (text, "。") || g_str_has_suffix (text, "！") ||
                       g_str_has_suffix (text, "？")));
}

static xmlNode *
choose_top (Page      *page,
            GPtrArray *candidates)
{
  xmlNode *top;
  xmlNode *parent;
  guint n_top;
  double last, threshold;

  for (guint i = 0; i < candidates->len; i++)
    {
      NodeInfo *ci = info (candidates->pdata[i]);

      ci->score *= 1 - link_density (ci);
    }
  if (candidates->len == 0)
    return NULL;
  g_ptr_array_sort (candidates, compare_score);
  top = candidates->pdata[0];
  if (top == page->body)
    return top;
  n_top = MIN (candidates->len, N_TOP_CANDIDATES);

  /* When several near-best candidates share an ancestor, the article is
   * probably split among them. */
  {
    guint n_alt = 0;
    xmlNode *alts[N_TOP_CANDIDATES];

    for (guint i = 1; i < n_top; i++)
      if (info (top)->score > 0 &&
          info (candidates->pdata[i])->score / info (top)->score >= 0.75)
        alts[n_alt++] = candidates->pdata[i];
    if (n_alt >= 3)
      {
        for (parent = top->parent; parent != NULL && is_element (parent) &&
             info (parent)->tag != T_BODY; parent = parent->parent)
          {
            guint shared = 0;

            for (guint i = 0; i < n_alt; i++)
              if (is_ancestor (parent, alts[i]))
                shared++;
            if (shared >= 3)
              {
                top = parent;
                break;
              }
          }
      }
  }
  if ((info (top)->flags & NI_INITIALIZED) == 0)
    initialize_node (page, top, candidates);

  /* Climb while the parent scores about as well. */
  last = info (top)->score;
  threshold = last / 3;
  for (parent = top->parent; parent != NULL && is_element (parent) &&
       info (parent)->tag != T_BODY; parent = parent->parent)
    {
      double ps;

      if ((info (parent)->flags & NI_INITIALIZED) == 0)
        continue;
      ps = info (parent)->score;
      if (ps < threshold)
        break;
      if (ps > last)
        {
          top = parent;
          break;
        }
      last = ps;
    }
  for (parent = top->parent; parent != NULL && is_element (parent) &&
       info (parent)->tag != T_BODY && info (parent)->n_elements == 1; parent = top->parent)
    top = parent;
  if ((info (top)->flags & NI_INITIALIZED) == 0)
    initialize_node (page, top, candidates);
  if (info (top)->tag == T_HTML)
    return page->body;
  return top;
}

static void
gather_siblings (Page      *page,
                 xmlNode   *top,
                 GPtrArray *article)
{
  double top_score = info (top)->score;
  double threshold = MAX (10, top_score * 0.2);
  const char *top_class = attr (top, "class");

  /* No container stands out: the whole body is the article. */
  if (top == page->body || top->parent == NULL)
    {
      info (top)->flags |= NI_IN_ARTICLE;
      g_ptr_array_add (article, top);
      return;
    }
  for (xmlNode *s = top->parent->children; s != NULL; s = s->next)
    {
      NodeInfo *si;
      gboolean append = FALSE;

      if (!is_element (s) || skipped (page, s))
        continue;
      si = info (s);
      if (s == top)
        append = TRUE;
      else
        {
          const char *sc = attr (s, "class");
          double bonus = (top_class != NULL && *top_class != '\0' && g_strcmp0 (sc, top_class) == 0)
                         ? top_score * 0.2 : 0;

          if ((si->flags & NI_INITIALIZED) != 0 && si->score + bonus >= threshold)
            append = TRUE;
          else if (si->tag == T_P || (si->flags & NI_AS_P) != 0)
            {
              double ld = link_density (si);

              if (si->text_len > 80 && ld < 0.25)
                append = TRUE;
              else if (si->text_len < 80 && si->text_len > 0 && ld == 0)
                {
                  g_autofree char *t = node_text (s, page->skip_mask);

                  append = ends_like_sentence (t);
                }
            }
        }
      if (append)
        {
          si->flags |= NI_IN_ARTICLE;
          g_ptr_array_add (article, s);
        }
    }
}

/* Lowers the figures of @node's ancestors by @node's, once it is cleaned
 * out, up to the article's top-level node. */
static void
subtract_figures (xmlNode *node)
{
  NodeInfo *ni = info (node);
  guint depth = 0;

  if ((ni->flags & NI_IN_ARTICLE) != 0)
    return;
  /* bounded, so absurdly deep pages stay linear */
  for (xmlNode *a = node->parent; a != NULL && is_element (a) && depth < 256;
       a = a->parent, depth++)
    {
      NodeInfo *ai = info (a);

      ai->text_len -= ni->text_len;
      ai->link_len -= ni->link_len;
      ai->sub_textish -= ni->textish;
      if (!is_textish (ai->tag))
        ai->textish -= ni->textish;
      else
        ai->textish = ai->text_len;
      ai->heading -= ni->heading;
      ai->list_len -= ni->list_len;
      ai->commas -= MIN (ai->commas, ni->commas);
      ai->n_p -= MIN (ai->n_p, ni->n_p);
      ai->n_img -= MIN (ai->n_img, ni->n_img);
      ai->n_li -= MIN (ai->n_li, ni->n_li);
      ai->n_input -= MIN (ai->n_input, ni->n_input);
      ai->n_embed -= MIN (ai->n_embed, ni->n_embed);
      if ((ai->flags & NI_IN_ARTICLE) != 0)
        break;
    }
}

static void
mark_data_table (Page    *page,
                 xmlNode *table)
{
  const char *role = attr (table, "role");
  const char *dt = attr (table, "datatable");
  guint rows = 0, cols = 0, row_cols = 0;
  gboolean data = FALSE, decided = FALSE;

  if (role != NULL && g_ascii_strcasecmp (role, "presentation") == 0)
    return;
  if (dt != NULL && g_str_equal (dt, "0"))
    return;
  if (has_attr (table, "summary"))
    data = decided = TRUE;

  for (xmlNode *n = table->children; n != NULL && !decided;)
    {
      gboolean skip = FALSE;

      if (is_element (n))
        {
          switch (info (n)->tag)
            {
            case T_CAPTION:
              if (n->children != NULL)
                data = decided = TRUE;
              break;
            case T_COL: case T_COLGROUP: case T_TFOOT: case T_THEAD: case T_TH:
              data = decided = TRUE;
              break;
            case T_TABLE:
              decided = TRUE;
              break;
            case T_TR:
              rows++;
              row_cols = 0;
              break;
            case T_TD:
              {
                const char *span = attr (n, "colspan");

                row_cols += span ? CLAMP (atoi (span), 1, 100) : 1;
                cols = MAX (cols, row_cols);
                skip = TRUE;
              }
              break;
            default:
              break;
            }
        }
      if (decided)
        break;
      n = next_node (n, table, skip);
    }
  if (!decided)
    {
      if (rows == 1 || cols == 1)
        data = FALSE;
      else if (rows >= 10 || cols > 4)
        data = TRUE;
      else
        data = rows * cols > 10;
    }
  /* A layout table holding paragraphs of prose is not read row by row. */
  if (data && info (table)->n_p > MAX (rows, 2))
    data = FALSE;
  if (data)
    {
      info (table)->flags |= NI_DATA_TABLE;
      for (xmlNode *a = table->parent; a != NULL && is_element (a); a = a->parent)
        {
          if ((info (a)->flags & NI_HAS_DT) != 0)
            break;
          info (a)->flags |= NI_HAS_DT;
        }
    }
}

static gboolean
has_ancestor_tag (xmlNode *node,
                  Tag      tag,
                  guint    flag)
{
  guint depth = 0;

  for (xmlNode *a = node->parent; a != NULL && is_element (a) && depth < 256;
       a = a->parent, depth++)
    if (info (a)->tag == tag && (flag == 0 || (info (a)->flags & flag) != 0))
      return TRUE;
  return FALSE;
}

static gboolean
is_ad_or_loading (const char *text)
{
  static const char * const words[] = {
    "ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung", "广告",
    "Реклама", "Anuncio", "loading", "正在加载", "Загрузка", "chargement", "cargando", NULL
  };
  g_autofree char *t = g_utf8_casefold (text, -1);
  gsize len = strlen (t);

  if (g_str_has_suffix (t, "…"))
    t[len - strlen ("…")] = '\0';
  else if (g_str_has_suffix (t, "..."))
    t[len - 3] = '\0';
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *w = g_utf8_casefold (words[i], -1);

      if (g_str_equal (t, w))
        return TRUE;
    }
  return FALSE;
}

/* Whether a table, list or div inside the article is clutter. */
static gboolean
should_clean (Page    *page,
              xmlNode *n)
{
  NodeInfo *ni = info (n);
  gboolean is_list = ni->tag == T_UL || ni->tag == T_OL;
  gint weight = page->weight_classes ? ni->weight : 0;
  double len = ni->text_len;
  double ld, heading_density, text_density;
  gint li;
  gboolean figure_child, remove = FALSE;

  if (!is_list && len > 0)
    is_list = ni->list_len / len > 0.9;
  if (ni->tag == T_TABLE && (ni->flags & NI_DATA_TABLE) != 0)
    return FALSE;
  if ((ni->flags & (NI_IN_CODE | NI_HAS_DT)) != 0)
    return FALSE;
  if ((ni->flags & NI_IN_TABLE) != 0 && has_ancestor_tag (n, T_TABLE, NI_DATA_TABLE))
    return FALSE;
  if (weight < 0)
    return TRUE;
  if (ni->commas >= 10)
    return FALSE;

  if (len < 40)
    {
      g_autofree char *t = node_text (n, page->skip_mask);

      if (is_ad_or_loading (t))
        return TRUE;
    }
  li = (gint) ni->n_li - 100;
  ld = link_density (ni);
  heading_density = len > 0 ? ni->heading / len : 0;
  text_density = len > 0 ? ni->sub_textish / len : 0;
  figure_child = has_ancestor_tag (n, T_FIGURE, 0);

  if (!figure_child && ni->n_img > 1 && (double) ni->n_p / ni->n_img < 0.5)
    remove = TRUE;
  else if (!is_list && li > (gint) ni->n_p)
    remove = TRUE;
  else if (ni->n_input > ni->n_p / 3)
    remove = TRUE;
  else if (!is_list && !figure_child && heading_density < 0.9 && len < 25 &&
           (ni->n_img == 0 || ni->n_img > 2) && ld > 0)
    remove = TRUE;
  else if (!is_list && weight < 25 && ld > 0.2)
    remove = TRUE;
  else if (weight >= 25 && ld > 0.5)
    remove = TRUE;
  else if ((ni->n_embed == 1 && len < 75) || ni->n_embed > 1)
    remove = TRUE;
  else if (ni->n_img == 0 && text_density == 0)
    remove = TRUE;

  if (is_list && remove)
    {
      /* a plain list of images stays */
      for (xmlNode *c = n->children; c != NULL; c = c->next)
        if (is_element (c) && info (c)->n_elements > 1)
          return TRUE;
      if (ni->n_img == ni->n_li)
        return FALSE;
    }
  return remove;
}

static void
drop_node (xmlNode *n)
{
  subtract_figures (n);
  info (n)->flags |= NI_DROP;
}

static void
clean_conditionally (Page      *page,
                     GPtrArray *article)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  for (guint i = 0; i < article->len; i++)
    {
      xmlNode *root = article->pdata[i];

      for (xmlNode *n = root; n != NULL;)
        {
          gboolean skip = FALSE;

          if (n->type == XML_ELEMENT_NODE && is_element (n))
            {
              NodeInfo *ni = info (n);

              if (skipped (page, n))
                skip = TRUE;
              else if (ni->tag == T_FORM || ni->tag == T_FIELDSET || ni->tag == T_TABLE ||
                       ni->tag == T_UL || (ni->tag == T_DIV && (ni->flags & NI_AS_P) == 0))
                g_ptr_array_add (nodes, n);
            }
          n = next_node (n, root, skip);
        }
    }
  /* Deepest last in document order: clean from the end so nested clutter
   * goes before its container is judged. */
  for (guint i = nodes->len; i > 0; i--)
    {
      xmlNode *n = nodes->pdata[i - 1];

      if ((info (n)->flags & NI_DROP) == 0 && should_clean (page, n))
        drop_node (n);
    }
}

/* Readability's _prepArticle: what is clutter even inside the article. */
/* Whether @n is a line of its own, not words inside a sentence ("the
 * meeting on <span class=date>May 1</span> was…"). */
static gboolean
stands_alone (xmlNode *n)
{
  xmlNode *parent = n->parent;

  for (xmlNode *s = parent != NULL ? parent->children : NULL; s != NULL; s = s->next)
    {
      if (s == n)
        continue;
      if ((s->type == XML_TEXT_NODE || s->type == XML_CDATA_SECTION_NODE) &&
          !is_whitespace_text (s))
        return FALSE;
      /* inside a paragraph, any other words make it part of the paragraph */
      if (is_element (s) && is_element (parent) && info (parent)->tag == T_P &&
          info (s)->text_len > 0)
        return FALSE;
    }
  return TRUE;
}

/* A link to a file the article comes with ("附件：1. 申报表.doc") is part
 * of it, unlike "上一篇：<link>". */
static gboolean
links_to_document (xmlNode *root)
{
  static const char * const extensions[] = {
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".wps", ".et",
    ".ofd", ".zip", ".rar", ".7z", ".csv", ".txt", NULL
  };

  for (xmlNode *n = root; n != NULL; n = next_node (n, root, FALSE))
    {
      const char *href;
      const char *end;

      if (!is_element (n) || info (n)->tag != T_A || (href = attr (n, "href")) == NULL)
        continue;
      end = href + strcspn (href, "?#");
      for (guint i = 0; extensions[i] != NULL; i++)
        {
          gsize l = strlen (extensions[i]);

          if ((gsize) (end - href) > l && g_ascii_strncasecmp (end - l, extensions[i], l) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
prepare_article (Page      *page,
                 GPtrArray *article)
{
  for (guint i = 0; i < article->len; i++)
    {
      xmlNode *root = article->pdata[i];

      for (xmlNode *n = root; n != NULL;)
        {
          gboolean skip = FALSE;

          if (n->type == XML_ELEMENT_NODE && is_element (n))
            {
              NodeInfo *ni = info (n);

              if (skipped (page, n))
                skip = TRUE;
              else
                {
                  switch (ni->tag)
                    {
                    case T_FOOTER: case T_ASIDE: case T_OBJECT: case T_EMBED: case T_LINK:
                    case T_IFRAME: case T_INPUT: case T_TEXTAREA: case T_SELECT: case T_BUTTON:
                      skip = TRUE;
                      break;
                    case T_H1: case T_H2:
                      skip = page->weight_classes && ni->weight < 0;
                      break;
                    case T_DIV: case T_SECTION: case T_HEADER: case T_P: case T_UL: case T_OL:
                    case T_DL: case T_TABLE:
                      /* A short line marked as meta, share, tags... and the
                       * line that held the byline (date, "published"). */
                      skip = n != root &&
                             ((page->weight_classes && ni->weight < 0 && ni->text_len < 200 &&
                               ni->n_p <= 1) ||
                              (page->byline_node != NULL && page->byline_node->parent == n &&
                               ni->text_len < 80) ||
                              /* "Read more: <link>", "上一篇：<link>", [打印][关闭] */
                              ((ni->tag == T_P || (ni->flags & NI_AS_P) != 0) &&
                               page->clean_conditionally && ni->text_len < 60 &&
                               link_density (ni) > 0.7 && !links_to_document (n)));
                      if (skip)
                        break;
                      G_GNUC_FALLTHROUGH;
                    default:
                      skip = n != root && ni->text_len < CHAR_THRESHOLD &&
                             (is_share_word (attr (n, "class")) || is_share_word (attr (n, "id")));
                      /* the publication date shown above the text, alone */
                      if (!skip && n != root && (ni->flags & NI_DATE_WORD) != 0 &&
                          (ni->flags & NI_IN_TABLE) == 0 && ni->text_len < 40 &&
                          page->weight_classes && stands_alone (n))
                        {
                          g_autofree char *t = node_text (n, page->skip_mask);

                          skip = has_year (t) && !ends_like_sentence (t);
                        }
                      break;
                    }
                  if (skip)
                    ni->flags |= NI_DROP;
                }
            }
          n = next_node (n, root, skip);
        }
    }
  page->skip_mask |= NI_DROP;
  for (guint i = 0; i < article->len; i++)
    measure_tree (page, article->pdata[i]);

  for (guint i = 0; i < article->len; i++)
    {
      xmlNode *root = article->pdata[i];

      for (xmlNode *n = root; n != NULL;)
        {
          gboolean skip = is_element (n) && skipped (page, n);

          if (!skip && is_element (n) && info (n)->tag == T_TABLE)
            mark_data_table (page, n);
          n = next_node (n, root, skip);
        }
    }
  if (page->clean_conditionally)
    clean_conditionally (page, article);

  /* A single h2 repeating the title is the title. */
  if (page->ex->title != NULL)
    {
      xmlNode *h2 = NULL;
      guint n_h2 = 0;

      for (guint i = 0; i < article->len; i++)
        {
          xmlNode *root = article->pdata[i];

          for (xmlNode *n = root; n != NULL;)
            {
              gboolean skip = is_element (n) && skipped (page, n);

              if (!skip && is_element (n) && info (n)->tag == T_H2)
                {
                  h2 = n;
                  n_h2++;
                }
              n = next_node (n, root, skip);
            }
        }
      if (n_h2 == 1)
        {
          g_autofree char *t = node_text (h2, page->skip_mask);
          glong tl = g_utf8_strlen (page->ex->title, -1);
          double rate = tl > 0 ? (double) (g_utf8_strlen (t, -1) - tl) / tl : 1;

          if (fabs (rate) < 0.5 &&
              (rate > 0 ? strstr (t, page->ex->title) != NULL
                        : strstr (page->ex->title, t) != NULL))
            drop_node (h2);
        }
    }
}

static double
article_length (Page      *page,
                GPtrArray *article)
{
  double len = 0;

  for (guint i = 0; i < article->len; i++)
    {
      NodeInfo *ni = info (article->pdata[i]);

      if ((ni->flags & NI_DROP) == 0)
        len += ni->text_len;
    }
  return len;
}

/* One attempt: returns the article's length, 0 when no candidate. */
static double
grab_article (Page      *page,
              guint      attempt,
              GPtrArray *article)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  xmlNode *top;

  g_ptr_array_set_size (article, 0);
  for (guint i = 0; i < page->n_infos; i++)
    {
      page->infos[i].flags &= ~(NI_DROP | NI_IN_ARTICLE | NI_DATA_TABLE | NI_HAS_DT |
                                NI_INITIALIZED);
      page->infos[i].score = 0;
    }
  page->skip_mask = NI_SKIP | (attempt == 0 ? NI_UNLIKELY : 0);
  page->weight_classes = attempt < 2;
  page->clean_conditionally = attempt < 3;

  measure_tree (page, page->body);
  score_paragraphs (page, candidates);
  top = choose_top (page, candidates);
  if (top == NULL)
    return 0;
  g_debug ("top candidate <%s class=\"%s\"> score %.1f", top->name, attr (top, "class"),
           info (top)->score);
  gather_siblings (page, top, article);
  prepare_article (page, article);
  return article_length (page, article);
}

/* ----- title, byline ---------------------------------------------------- */

static void
tokenize (const char *s,
          GPtrArray  *tokens)
{
  GString *word = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (is_cjk (c) && g_unichar_isalnum (c))
        {
          if (word->len > 0)
            g_ptr_array_add (tokens, g_strdup (word->str));
          g_string_truncate (word, 0);
          g_ptr_array_add (tokens, g_ucs4_to_utf8 (&c, 1, NULL, NULL, NULL));
        }
      else if (g_unichar_isalnum (c) || c == '_')
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          g_ptr_array_add (tokens, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
    }
  if (word->len > 0)
    g_ptr_array_add (tokens, g_strdup (word->str));
  g_string_free (word, TRUE);
}

/* 1 − (length of b's tokens missing from a) / (length of b's tokens). */
static double
text_similarity (const char *a,
                 const char *b)
{
  g_autoptr(GPtrArray) ta = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tb = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) in_a = g_hash_table_new (g_str_hash, g_str_equal);
  gsize all = 0, missing = 0;

  tokenize (a, ta);
  tokenize (b, tb);
  if (ta->len == 0 || tb->len == 0)
    return 0;
  for (guint i = 0; i < ta->len; i++)
    g_hash_table_add (in_a, ta->pdata[i]);
  for (guint i = 0; i < tb->len; i++)
    {
      gsize l = g_utf8_strlen (tb->pdata[i], -1) + (i > 0 ? 1 : 0);

      all += l;
      if (!g_hash_table_contains (in_a, tb->pdata[i]))
        missing += l;
    }
  return all > 0 ? 1.0 - (double) missing / all : 0;
}

/* Words, each CJK character counting as one. */
static guint
word_count (const char *s)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        in_word = FALSE;
      else if (is_cjk (c))
        {
          n++;
          in_word = FALSE;
        }
      else if (!in_word)
        {
          n++;
          in_word = TRUE;
        }
    }
  return n;
}

/* Trims, and turns runs of two or more spaces into one, as Readability
 * normalises titles (a lone ideographic space stays). */
static char *
collapse_spaces (const char *s)
{
  GString *out = g_string_new (NULL);
  const char *p = s;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xA0)
        {
          const char *start = p;
          guint run = 0;

          while (*p != '\0' &&
                 (g_unichar_isspace (g_utf8_get_char (p)) || g_utf8_get_char (p) == 0xA0))
            {
              p = g_utf8_next_char (p);
              run++;
            }
          if (out->len == 0 || *p == '\0')
            continue;
          if (run == 1)
            g_string_append_len (out, start, p - start);
          else
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_title_separator (gunichar c,
                    gboolean hierarchical_only)
{
  if (c == '\\' || c == '/' || c == '>' || c == 0xBB)
    return TRUE;
  return !hierarchical_only && (c == '|' || c == '-' || c == 0x2013 || c == 0x2014);
}

/* Finds " X " with X a separator; returns the byte offset of the space
 * before the last (or first) one, or -1. */
static gssize
find_separator (const char *s,
                gboolean    last,
                gboolean    hierarchical_only)
{
  gssize found = -1;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *q;

      if (*p != ' ')
        continue;
      q = p + 1;
      if (*q == '\0' || !is_title_separator (g_utf8_get_char (q), hierarchical_only))
        continue;
      q = g_utf8_next_char (q);
      if (*q != ' ')
        continue;
      found = p - s;
      if (!last)
        break;
    }
  return found;
}

static gboolean
heading_equals (Page       *page,
                const char *text)
{
  for (xmlNode *n = page->body; n != NULL; n = next_node (n, page->body, FALSE))
    if (is_element (n) && (info (n)->tag == T_H1 || info (n)->tag == T_H2))
      {
        g_autofree char *t = node_text (n, 0);

        if (g_str_equal (t, text))
          return TRUE;
      }
  return FALSE;
}

static gboolean
has_cjk (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (is_cjk (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Whether @rest (what follows a headline in <title>) starts with the
 * separator before a site's or channel's name. */
static gboolean
is_suffix_separator (const char *rest)
{
  gunichar c;

  while (*rest == ' ')
    rest++;
  c = g_utf8_get_char (rest);
  if (c != 0 && c < 128 && strchr ("_|-:/\\>", (int) c) != NULL)
    return TRUE;
  return c == 0x2013 || c == 0x2014 || c == 0xB7 || c == 0xFF1A || c == 0xBB || c == 0xFF5C;
}

/* "标题_频道_网站" where a heading of the page reads "标题": the site's
 * suffix goes, whatever separator it uses.  Only for CJK headlines, where
 * Readability's rule (count words between spaces) cannot work and Chinese
 * sites favour "_" and "-" without spaces. */
static char *
heading_before_suffix (Page       *page,
                       const char *title)
{
  guint seen = 0;

  for (xmlNode *n = page->body; n != NULL && seen < 40; n = next_node (n, page->body, FALSE))
    {
      g_autofree char *t = NULL;

      Tag tag;

      if (!is_element (n))
        continue;
      tag = info (n)->tag;
      /* headings, and the headline boxes Chinese sites mark with a class */
      if (tag != T_H1 && tag != T_H2 &&
          !((tag == T_DIV || tag == T_H3 || tag == T_P || tag == T_SPAN || tag == T_STRONG) &&
            (info (n)->flags & NI_TITLE_WORD) != 0))
        continue;
      seen++;
      t = node_text (n, 0);
      if (g_utf8_strlen (t, -1) < 4 || !g_str_has_prefix (title, t) || !has_cjk (t))
        continue;
      if (is_suffix_separator (title + strlen (t)))
        return g_steal_pointer (&t);
    }

  /* Older and forum pages show the headline in <b>, <font size=5> or a
   * span, not a heading: any text outside a link that is the title's
   * beginning up to a separator. */
  seen = 0;
  for (xmlNode *n = page->body; n != NULL && seen < 3000; n = next_node (n, page->body, FALSE))
    {
      g_autofree char *t = NULL;
      gboolean in_link = FALSE;

      seen++;
      if (n->type != XML_TEXT_NODE || n->content == NULL || is_whitespace_text (n))
        continue;
      t = collapse_spaces ((const char *) n->content);
      if (g_utf8_strlen (t, -1) < 4 || !g_str_has_prefix (title, t) || !has_cjk (t) ||
          !is_suffix_separator (title + strlen (t)))
        continue;
      for (xmlNode *a = n->parent; a != NULL && a != page->body && !in_link; a = a->parent)
        in_link = is_element (a) && info (a)->tag == T_A;
      if (!in_link)
        return g_steal_pointer (&t);
    }
  return NULL;
}

/* The title from <title>, without the site's name when it is set off by a
 * separator, as Readability does (counting CJK characters as words). */
static char *
title_from_document (Page *page)
{
  g_autofree char *orig = NULL;
  g_autofree char *cur = NULL;
  gboolean hierarchical = FALSE;
  gssize sep;

  if (page->doc_title == NULL)
    return NULL;
  orig = collapse_spaces (page->doc_title);
  cur = heading_before_suffix (page, orig);
  if (cur != NULL)
    return g_steal_pointer (&cur);
  cur = g_strdup (orig);

  if ((sep = find_separator (orig, TRUE, FALSE)) >= 0)
    {
      hierarchical = find_separator (orig, TRUE, TRUE) >= 0;
      g_free (cur);
      cur = g_strndup (orig, sep);
      if (word_count (cur) < 3)
        {
          /* drop everything up to the first separator character */
          const char *p;

          for (p = orig; *p != '\0'; p = g_utf8_next_char (p))
            if (is_title_separator (g_utf8_get_char (p), FALSE))
              break;
          g_free (cur);
          cur = g_strdup (*p != '\0' ? g_utf8_next_char (p) : orig);
        }
    }
  else if (strstr (orig, ": ") != NULL)
    {
      if (!heading_equals (page, orig))
        {
          const char *last_colon = strrchr (orig, ':');
          const char *first_colon = strchr (orig, ':');

          g_free (cur);
          cur = g_strdup (last_colon + 1);
          if (word_count (cur) < 3)
            {
              g_free (cur);
              cur = g_strdup (first_colon + 1);
            }
          else
            {
              g_autofree char *before = g_strndup (orig, first_colon - orig);

              if (word_count (before) > 5)
                {
                  g_free (cur);
                  cur = g_strdup (orig);
                }
            }
        }
    }
  else if ((g_utf8_strlen (orig, -1) > 150 || g_utf8_strlen (orig, -1) < 15) && page->n_h1 == 1 &&
           page->first_h1->_private != NULL)
    {
      g_free (cur);
      cur = node_text (page->first_h1, 0);
    }

  {
    g_autofree char *trimmed = collapse_spaces (cur);
    guint wc = word_count (trimmed);

    g_free (cur);
    cur = g_steal_pointer (&trimmed);
    if (wc <= 4)
      {
        g_autofree char *no_sep = g_strdup (orig);
        char *w = no_sep;

        for (const char *p = orig; *p != '\0'; p = g_utf8_next_char (p))
          if (!is_title_separator (g_utf8_get_char (p), FALSE))
            {
              gsize l = g_utf8_next_char (p) - p;

              memmove (w, p, l);
              w += l;
            }
        *w = '\0';
        if (!hierarchical || wc != word_count (no_sep) - 1)
          {
            g_free (cur);
            cur = g_strdup (orig);
          }
      }
  }
  if (*cur == '\0')
    return NULL;
  return g_steal_pointer (&cur);
}

/* Some sites put their own name in og:title. */
static gboolean
is_site_name (Page       *page,
              const char *title)
{
  static const char * const keys[] = { "og:site_name", "application-name", "twitter:site", NULL };

  for (guint i = 0; keys[i] != NULL; i++)
    if (g_strcmp0 (meta_get (page, keys[i]), title) == 0)
      return TRUE;
  return g_strcmp0 (page->ld_site, title) == 0;
}

static char *
choose_title (Page *page)
{
  static const char * const keys[] = {
    "dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
    "title", "twitter:title", "parsely-title", NULL
  };

  if (page->ld_name != NULL && page->ld_title != NULL &&
      !g_str_equal (page->ld_name, page->ld_title))
    {
      g_autofree char *doc = title_from_document (page);
      gboolean name_matches = doc != NULL && text_similarity (page->ld_name, doc) > 0.75;
      gboolean headline_matches = doc != NULL && text_similarity (page->ld_title, doc) > 0.75;

      return collapse_spaces (headline_matches && !name_matches ? page->ld_title : page->ld_name);
    }
  if (page->ld_name != NULL)
    return collapse_spaces (page->ld_name);
  if (page->ld_title != NULL)
    return collapse_spaces (page->ld_title);
  for (guint i = 0; keys[i] != NULL; i++)
    if (meta_get (page, keys[i]) != NULL)
      {
        g_autofree char *t = collapse_spaces (meta_get (page, keys[i]));
        char *headline = heading_before_suffix (page, t);

        if (headline != NULL)
          return headline;
        if (is_site_name (page, t))
          break;
        return g_steal_pointer (&t);
      }
  return title_from_document (page);
}

static gboolean
looks_like_url (const char *s)
{
  return g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "https://") ||
         g_str_has_prefix (s, "//") || g_str_has_prefix (s, "/");
}

/* Marks the byline element and the heading that repeats the title, so
 * neither reaches the text. */
/* An element marked as the author's name (rel=author, itemprop author,
 * class "byline"...) with a plausible length: it becomes the byline and
 * leaves the text. */
static gboolean
take_byline (Page    *page,
             xmlNode *n)
{
  const char *rel = attr (n, "rel");
  const char *itemprop = attr (n, "itemprop");
  g_autofree char *t = NULL;
  glong l;

  if (!((rel != NULL && g_ascii_strcasecmp (rel, "author") == 0) ||
        (itemprop != NULL && strstr (itemprop, "author") != NULL) ||
        (info (n)->flags & NI_BYLINE_WORD) != 0))
    return FALSE;
  t = node_text (n, 0);
  l = g_utf8_strlen (t, -1);
  if (l == 0 || l >= 100)
    return FALSE;
  page->dom_byline = g_steal_pointer (&t);
  page->byline_node = n;
  info (n)->flags |= NI_SKIP;
  return TRUE;
}

static void
mark_byline_and_title (Page *page)
{
  gboolean byline_done = FALSE, title_done = page->ex->title == NULL;
  xmlNode *root = page->body;

  for (xmlNode *n = root; n != NULL && !(byline_done && title_done);)
    {
      gboolean skip = FALSE;

      if (is_element (n))
        {
          NodeInfo *ni = info (n);

          if ((ni->flags & NI_UNLIKELY) != 0)
            skip = TRUE;
          else if (!byline_done && n != root && take_byline (page, n))
            byline_done = skip = TRUE;
          if (!skip && !title_done && (ni->tag == T_H1 || ni->tag == T_H2))
            {
              g_autofree char *t = node_text (n, 0);

              if (text_similarity (page->ex->title, t) > 0.75)
                {
                  ni->flags |= NI_SKIP;
                  page->title_node = n;
                  title_done = skip = TRUE;
                }
            }
        }
      n = next_node (n, root, skip);
    }

  /* The byline often sits in a header that looks like clutter
   * ("entry-header"): still the author's name. */
  for (xmlNode *n = root; n != NULL && !byline_done; n = next_node (n, root, FALSE))
    if (is_element (n) && n != root && (info (n)->flags & NI_SKIP) == 0)
      byline_done = take_byline (page, n);
}

/* ----- text and blocks -------------------------------------------------- */

typedef struct {
  GlossaExtracted *ex;
  GString         *text;
  gint64           cps;           /* code points in text */
  guint            skip;

  gboolean         open;
  gsize            sep_bytes;     /* text->len before the open block's separator */
  gint64           sep_cps;
  gint64           block_cps;
  guint            links_at_open;
  GlossaBlockKind  kind;
  guint            level;

  gboolean         pending_space;
  gboolean         pending_newline;
  gboolean         pending_break;
  gboolean         pending_tab;
  gunichar         last;

  guint            pre, quote, caption, list_depth, li, heading, data_tables, row, cell;

  xmlNode         *link;
  char            *href;          /* owned, resolved */
  gint64           link_start;
  const char      *base;          /* absolute URL links resolve against, or NULL */
} Out;

/* Where a link leads, resolved against the page's base; NULL for links that
 * lead nowhere outside the page (fragments, scripts). */
static char *
link_target (Out        *o,
             const char *href)
{
  g_autofree char *h = NULL;
  char *resolved;

  if (href == NULL)
    return NULL;
  h = g_strstrip (g_strdup (href));
  if (*h == '\0' || *h == '#' || g_ascii_strncasecmp (h, "javascript:", 11) == 0)
    return NULL;
  if (o->base == NULL || g_uri_peek_scheme (h) != NULL)
    return g_steal_pointer (&h);
  resolved = g_uri_resolve_relative (o->base, h, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED,
                                     NULL);
  return resolved != NULL ? resolved : g_steal_pointer (&h);
}

static gboolean
is_block_tag (Tag tag)
{
  switch (tag)
    {
    case T_ADDRESS: case T_ARTICLE: case T_ASIDE: case T_BLOCKQUOTE: case T_BODY: case T_CAPTION:
    case T_CENTER: case T_DD: case T_DETAILS: case T_DIALOG: case T_DIR: case T_DIV: case T_DL:
    case T_DT: case T_FIELDSET: case T_FIGCAPTION: case T_FIGURE: case T_FOOTER: case T_FORM:
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_HEADER:
    case T_HGROUP: case T_HR: case T_LI: case T_MAIN: case T_MENU: case T_NAV: case T_OL:
    case T_P: case T_PRE: case T_SECTION: case T_SUMMARY: case T_TABLE: case T_TBODY:
    case T_THEAD: case T_TFOOT: case T_TR: case T_TD: case T_TH: case T_UL: case T_LEGEND:
    case T_HTML: case T_FRAMESET:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
open_block (Out *o)
{
  o->sep_bytes = o->text->len;
  o->sep_cps = o->cps;
  if (o->text->len > 0)
    {
      g_string_append (o->text, "\n\n");
      o->cps += 2;
    }
  o->block_cps = o->cps;
  o->links_at_open = o->ex->links->len;
  o->open = TRUE;
  o->level = 0;
  if (o->heading > 0)
    {
      o->kind = GLOSSA_BLOCK_HEADING;
      o->level = o->heading;
    }
  else if (o->pre > 0)
    o->kind = GLOSSA_BLOCK_PREFORMATTED;
  else if (o->caption > 0)
    o->kind = GLOSSA_BLOCK_CAPTION;
  else if (o->row > 0)
    o->kind = GLOSSA_BLOCK_TABLE_ROW;
  else if (o->li > 0)
    {
      o->kind = GLOSSA_BLOCK_LIST_ITEM;
      o->level = MAX (o->list_depth, 1);
    }
  else if (o->quote > 0)
    o->kind = GLOSSA_BLOCK_QUOTE;
  else
    o->kind = GLOSSA_BLOCK_PARAGRAPH;
}

static gboolean
trim_one_trailing (Out *o)
{
  GString *t = o->text;

  if (t->len == 0)
    return FALSE;
  if (is_html_space (t->str[t->len - 1]))
    {
      g_string_truncate (t, t->len - 1);
      return TRUE;
    }
  if (t->len >= 2 && memcmp (t->str + t->len - 2, "\302\240", 2) == 0)
    {
      g_string_truncate (t, t->len - 2);
      return TRUE;
    }
  if (t->len >= 3 && memcmp (t->str + t->len - 3, "\343\200\200", 3) == 0)
    {
      g_string_truncate (t, t->len - 3);
      return TRUE;
    }
  return FALSE;
}

static void
flush_block (Out *o)
{
  o->pending_space = o->pending_newline = o->pending_break = o->pending_tab = FALSE;
  if (!o->open)
    return;
  o->open = FALSE;
  while (o->cps > o->block_cps && trim_one_trailing (o))
    o->cps--;
  if (o->cps == o->block_cps)
    {
      g_string_truncate (o->text, o->sep_bytes);
      o->cps = o->sep_cps;
      if (o->ex->links->len > o->links_at_open)
        g_array_set_size (o->ex->links, o->links_at_open);
      if (o->link != NULL && o->link_start >= o->block_cps)
        o->link_start = -1;
      return;
    }
  for (guint i = o->links_at_open; i < o->ex->links->len;)
    {
      GlossaLinkSpan *span = &g_array_index (o->ex->links, GlossaLinkSpan, i);

      span->end = MIN (span->end, o->cps);
      if (span->start >= span->end)
        g_array_remove_index (o->ex->links, i);
      else
        i++;
    }
  if (o->link != NULL && o->link_start >= o->cps)
    o->link_start = -1;
  glossa_extracted_add_block (o->ex, o->kind, o->level, o->block_cps, o->cps);
}

static void
put_char (Out        *o,
          const char *p,
          gsize       n,
          gunichar    c)
{
  if (!o->open)
    open_block (o);
  else if (o->pending_tab)
    {
      g_string_append_c (o->text, '\t');
      o->cps++;
    }
  else if (o->pending_break)
    {
      g_string_append_c (o->text, '\n');
      o->cps++;
    }
  else if (o->pending_space && !(o->pending_newline && is_cjk (o->last) && is_cjk (c)))
    {
      g_string_append_c (o->text, ' ');
      o->cps++;
    }
  o->pending_space = o->pending_newline = o->pending_break = o->pending_tab = FALSE;
  if (o->link != NULL && o->link_start < 0)
    o->link_start = o->cps;
  g_string_append_len (o->text, p, n);
  o->cps++;
  o->last = c;
}

static void
emit_text (Out        *o,
           const char *s)
{
  const char *p = s;

  while (*p != '\0')
    {
      unsigned char b = (unsigned char) *p;
      gunichar c;
      const char *next;

      if (b < 0x80)
        {
          c = b;
          next = p + 1;
        }
      else
        {
          c = g_utf8_get_char (p);
          next = g_utf8_next_char (p);
        }

      if (o->pre > 0)
        {
          if (c == '\r' || (!o->open && c == '\n'))
            {
              p = next;
              continue;
            }
          if (!o->open)
            open_block (o);
          if (o->link != NULL && o->link_start < 0)
            o->link_start = o->cps;
          g_string_append_len (o->text, p, next - p);
          o->cps++;
          o->last = c;
        }
      else if (b < 0x80 && is_html_space (b))
        {
          o->pending_space = TRUE;
          if (b == '\n')
            o->pending_newline = TRUE;
        }
      else if (c == 0xA0 || c == 0x3000)
        {
          /* A line indented with ideographic or no-break spaces after a
           * <br> starts a paragraph; leading indentation is dropped. */
          if (o->open && o->pending_break)
            flush_block (o);
          if (o->open)
            put_char (o, p, next - p, c);
        }
      else if (c == 0x200B || c == 0xFEFF || c == 0xAD)
        ;  /* invisible */
      else
        put_char (o, p, next - p, c);
      p = next;
    }
}

static gboolean
previous_is_br (xmlNode *n)
{
  for (xmlNode *s = n->prev; s != NULL; s = s->prev)
    {
      if (s->type == XML_TEXT_NODE && is_whitespace_text (s))
        continue;
      return is_element (s) && info (s)->tag == T_BR;
    }
  return FALSE;
}

static void
enter_element (Out     *o,
               xmlNode *n)
{
  NodeInfo *ni = info (n);
  Tag tag = ni->tag;

  if (tag == T_BR)
    {
      if (o->pre > 0)
        {
          if (o->open)
            {
              g_string_append_c (o->text, '\n');
              o->cps++;
            }
        }
      else if (o->row > 0)
        o->pending_space = TRUE;
      else if (previous_is_br (n))
        flush_block (o);
      else if (o->open)
        o->pending_break = TRUE;
      return;
    }
  if (o->row > 0)
    {
      /* Inside a data table's row, everything is one line of cells. */
      if (tag == T_TD || tag == T_TH)
        {
          if (o->cell++ > 0 && o->open)
            o->pending_tab = TRUE;
        }
      else if (is_block_tag (tag))
        o->pending_space = TRUE;
      if (tag == T_A && o->link == NULL && (o->href = link_target (o, attr (n, "href"))) != NULL)
        {
          o->link = n;
          o->link_start = -1;
        }
      return;
    }

  if (is_block_tag (tag))
    flush_block (o);
  switch (tag)
    {
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
      o->heading = tag - T_H1 + 1;
      break;
    case T_PRE:
      o->pre++;
      break;
    case T_BLOCKQUOTE:
      o->quote++;
      break;
    case T_UL: case T_OL: case T_MENU: case T_DIR:
      o->list_depth++;
      break;
    case T_LI:
      o->li++;
      break;
    case T_CAPTION: case T_FIGCAPTION:
      o->caption++;
      break;
    case T_TABLE:
      if ((ni->flags & NI_DATA_TABLE) != 0)
        o->data_tables++;
      break;
    case T_TR:
      if (o->data_tables > 0)
        {
          o->row = 1;
          o->cell = 0;
        }
      break;
    case T_A:
      if (o->link == NULL && (o->href = link_target (o, attr (n, "href"))) != NULL)
        {
          o->link = n;
          o->link_start = -1;
        }
      break;
    default:
      break;
    }
}

static void
leave_element (Out     *o,
               xmlNode *n)
{
  NodeInfo *ni = info (n);
  Tag tag = ni->tag;

  if (n == o->link)
    {
      if (o->link_start >= 0 && o->cps > o->link_start)
        glossa_extracted_add_link (o->ex, o->link_start, o->cps, o->href);
      o->link = NULL;
      g_clear_pointer (&o->href, g_free);
    }
  if (o->row > 0 && tag != T_TR)
    return;
  if (is_block_tag (tag))
    flush_block (o);
  switch (tag)
    {
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
      o->heading = 0;
      break;
    case T_PRE:
      o->pre--;
      break;
    case T_BLOCKQUOTE:
      o->quote--;
      break;
    case T_UL: case T_OL: case T_MENU: case T_DIR:
      o->list_depth--;
      break;
    case T_LI:
      o->li--;
      break;
    case T_CAPTION: case T_FIGCAPTION:
      o->caption--;
      break;
    case T_TABLE:
      if ((ni->flags & NI_DATA_TABLE) != 0)
        o->data_tables--;
      break;
    case T_TR:
      o->row = 0;
      break;
    default:
      break;
    }
}

static void
output_tree (Out     *o,
             xmlNode *root)
{
  xmlNode *n = root;

  while (n != NULL)
    {
      gboolean descend = FALSE;

      if (n->type == XML_ELEMENT_NODE)
        {
          if (is_element (n) && (info (n)->flags & o->skip) == 0)
            {
              enter_element (o, n);
              descend = n->children != NULL;
              if (!descend)
                leave_element (o, n);
            }
        }
      else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
               n->content != NULL)
        emit_text (o, (const char *) n->content);

      if (descend)
        {
          n = n->children;
          continue;
        }
      while (n != root && n->next == NULL)
        {
          n = n->parent;
          leave_element (o, n);
        }
      if (n == root)
        break;
      n = n->next;
    }
}

/* ----- decoding --------------------------------------------------------- */

static gboolean
is_ascii (const char *data,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((unsigned char) data[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* Converts the page to UTF-8: @override, then a BOM, then the charset the
 * markup declares (unless the bytes are plainly UTF-8: saved pages are
 * often re-encoded without their meta being updated), then detection.
 * Bytes invalid in the chosen encoding become U+FFFD. */
static char *
decode_page (const char  *data,
             gsize        len,
             const char  *display,
             const char  *override,
             char       **used,
             char       **cleaned,
             gboolean    *borrowed,
             GError     **error)
{
  const guchar *d = (const guchar *) data;
  g_autofree char *label = NULL;
  g_autofree char *canonical = NULL;

  if (override != NULL)
    {
      canonical = glossa_encoding_canonicalize (override);
      if (canonical == NULL)
        {
          g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_ENCODING,
                       "“%s” cannot be decoded: “%s” is not a known encoding",
                       display, override);
          return NULL;
        }
      *used = g_strdup (canonical);
      return glossa_convert_lossy (data, len, canonical, NULL);
    }

  if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
    canonical = g_strdup ("UTF-8");
  else if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
    canonical = g_strdup ("UTF-16LE");
  else if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
    canonical = g_strdup ("UTF-16BE");
  if (canonical != NULL)
    {
      gsize bom = g_str_equal (canonical, "UTF-8") ? 3 : 2;

      *used = g_strdup (canonical);
      return glossa_convert_lossy (data + bom, len - bom, canonical, NULL);
    }

  {
    gsize scanned = MIN (len, 65536), nuls = 0;

    for (gsize i = 0; i < scanned; i++)
      nuls += d[i] == 0;
    /* Many NULs: UTF-16 without a BOM, or not text at all. */
    if (nuls * 100 > scanned)
      return glossa_decode_text (data, len, display, NULL, used, error);
    /* A few stray ones are damage, shown as nothing by browsers. */
    if (nuls > 0 || memchr (data, '\0', len) != NULL)
      {
        char *copy = g_memdup2 (data, len);

        for (gsize i = 0; i < len; i++)
          if (copy[i] == '\0')
            copy[i] = ' ';
        *cleaned = copy;
        data = copy;
        d = (const guchar *) data;
      }
  }

  label = sniff_charset (data, len);
  if (label != NULL)
    {
      canonical = glossa_encoding_canonicalize (label);
      /* A page read as bytes cannot be UTF-16, and UTF-7 is never
       * honoured (browsers agree). */
      if (canonical != NULL && (g_str_has_prefix (canonical, "UTF-16") ||
                                g_str_has_prefix (canonical, "UTF-32") ||
                                g_str_has_prefix (canonical, "UTF-7")))
        g_clear_pointer (&canonical, g_free);
    }

  if (g_utf8_validate (data, len, NULL))
    {
      if (canonical != NULL && is_ascii (data, len))
        *used = g_steal_pointer (&canonical);
      else
        *used = g_strdup ("UTF-8");
      /* no copy: the caller parses the bytes as they are */
      *borrowed = TRUE;
      return (char *) data;
    }

  if (canonical != NULL && !g_str_equal (canonical, "UTF-8"))
    {
      *used = g_steal_pointer (&canonical);
      return glossa_convert_lossy (data, len, *used, NULL);
    }

  if (canonical != NULL)
    {
      /* Declared UTF-8 with a few bad bytes: keep UTF-8; with many, the
       * label is wrong and detection decides. */
      gsize replaced = 0;
      gsize high = 0;
      char *text = glossa_convert_lossy (data, len, "UTF-8", &replaced);

      for (gsize i = 0; i < len; i++)
        high += d[i] >= 0x80;
      if (replaced <= 16 || replaced * 20 < high)
        {
          *used = g_strdup ("UTF-8");
          return text;
        }
      g_free (text);
    }

  return glossa_decode_text (data, len, display, NULL, used, error);
}

/* ----- Chinese metadata lines ------------------------------------------ */

/* Chinese pages rarely carry metadata in <meta>: they show it in a line
 * near the headline, "2024-03-15 09:42　来源：江南日报　作者：陈晓明", and
 * often end the article with "责任编辑：王丽".  Such lines are parsed for
 * the byline, the source and the date, and kept out of the text. */

typedef enum {
  INFO_AUTHOR, INFO_SOURCE, INFO_PUBDATE, INFO_DATE, INFO_EDITOR, INFO_OTHER
} InfoKind;

typedef struct {
  char *author;
  char *source;
  char *date;
  guint n_fields;
  guint n_editor;
  guint longest;     /* the longest value, in characters */
  gboolean author_only;
  gboolean sole_field; /* one field, of a kind only metadata lines have */
} InfoLine;

static GRegex *info_label_re;
static GRegex *info_date_re;

static void
info_regexes_init (void)
{
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      /* a label starts a field, not a word: "资金来源：" is prose.  Not
       * \p{Han}: its script extensions take in 【 and 、 */
      info_label_re = g_regex_new (
        "(?<![\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}])(?:本文|文章|稿件|新闻|信息|图片|圖片)?(责任编辑|責任編輯|责编|编辑|編輯|"
        "作\\s*者|记者|記者|撰文|发布者|發布者|"
        "来\\s*源|來\\s*源|出处|出處|稿源|"
        "发布时间|发表时间|发布日期|发表日期|發佈時間|發布時間|發表時間|更新时间|更新時間|"
        "时\\s*间|時\\s*間|日\\s*期|"
        "浏览次数|瀏覽次數|浏览|瀏覽|阅读|閱讀|点击数|點擊數|点击|點擊|字号|字號)"
        "\\s*[：:]\\s*", G_REGEX_OPTIMIZE, 0, NULL);
      info_date_re = g_regex_new (
        "(19|20)\\d\\d\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?"
        "(\\s*\\d{1,2}:\\d{2}(:\\d{2})?)?", G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (info_label_re != NULL && info_date_re != NULL);
      g_once_init_leave (&ready, 1);
    }
}

static InfoKind
info_kind (const char *label)
{
  if (strstr (label, "编") || strstr (label, "編"))
    return INFO_EDITOR;
  if (strstr (label, "作") || strstr (label, "记者") || strstr (label, "記者") ||
      strstr (label, "撰") || strstr (label, "布者"))
    return INFO_AUTHOR;
  if (strstr (label, "源") || strstr (label, "出"))
    return INFO_SOURCE;
  /* "发布时间" dates the page; "时间" alone may date anything */
  if (strstr (label, "发") || strstr (label, "發") || strstr (label, "更新"))
    return INFO_PUBDATE;
  if (strstr (label, "时") || strstr (label, "時") || strstr (label, "期"))
    return INFO_DATE;
  return INFO_OTHER;
}

static void
info_line_clear (InfoLine *il)
{
  g_clear_pointer (&il->author, g_free);
  g_clear_pointer (&il->source, g_free);
  g_clear_pointer (&il->date, g_free);
}

/* A value runs to the next label, a wide space, a bar or a bracket. */
static char *
info_value (const char *start,
            const char *end)
{
  const char *p;

  for (p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x3000 || c == 0xA0 || c == '\t' || c == '|' || c == '[' || c == 0x3010 ||
          c == '(' || c == 0xFF08 || c == ')' || c == 0xFF09 || c == 0xFF5C || c == ']' ||
          c == 0x3011)
        break;
    }
  end = p;
  while (end > start && end[-1] == ' ')
    end--;
  return g_strndup (start, end - start);
}

/* Parses @text as a metadata line.  Returns FALSE for prose, which may
 * mention a source or an author but reads as sentences. */
static gboolean
parse_info_line (const char *text,
                 InfoLine   *il)
{
  g_autoptr(GMatchInfo) mi = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gint));
  glong len = g_utf8_strlen (text, -1);
  guint n_author = 0, n_meta_only = 0;

  memset (il, 0, sizeof *il);
  if (len == 0 || len > 160)
    return FALSE;
  /* "文/张三", "文｜李四": a magazine's byline above the text */
  if (len <= 16)
    {
      static const char * const marks[] = { "文/", "文／", "文 / ", "文|", "文｜", "文 | ", NULL };

      for (guint i = 0; marks[i] != NULL; i++)
        if (g_str_has_prefix (text, marks[i]) && text[strlen (marks[i])] != '\0')
          {
            il->author = g_strstrip (g_strdup (text + strlen (marks[i])));
            il->n_fields = 1;
            il->author_only = TRUE;
            return TRUE;
          }
    }
  info_regexes_init ();
  g_regex_match (info_label_re, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      gint s, e;

      g_match_info_fetch_pos (mi, 0, &s, &e);
      g_array_append_val (starts, s);
      g_array_append_val (ends, e);
      g_match_info_next (mi, NULL);
    }
  for (guint i = 0; i < starts->len; i++)
    {
      gint s = g_array_index (starts, gint, i), e = g_array_index (ends, gint, i);
      gint stop = i + 1 < starts->len ? g_array_index (starts, gint, i + 1) : (gint) strlen (text);
      g_autofree char *label = g_strndup (text + s, e - s);
      g_autofree char *value = info_value (text + e, text + stop);
      InfoKind kind = info_kind (label);

      if (*value == '\0')
        continue;
      if (strstr (value, "，") == NULL && strstr (value, "。") == NULL &&
          g_utf8_strlen (value, -1) <= 30 &&
          (kind == INFO_SOURCE || kind == INFO_EDITOR || kind == INFO_PUBDATE))
        n_meta_only++;
      il->n_fields++;
      il->longest = MAX (il->longest, (guint) g_utf8_strlen (value, -1));
      switch (kind)
        {
        case INFO_AUTHOR:
          n_author++;
          if (il->author == NULL)
            il->author = g_steal_pointer (&value);
          break;
        case INFO_SOURCE:
          if (il->source == NULL)
            il->source = g_steal_pointer (&value);
          break;
        case INFO_PUBDATE:
        case INFO_DATE:
          if (il->date == NULL)
            {
              g_autoptr(GMatchInfo) dm = NULL;

              if (g_regex_match (info_date_re, value, 0, &dm))
                il->date = g_match_info_fetch (dm, 0);
            }
          break;
        case INFO_EDITOR:
          il->n_editor++;
          break;
        case INFO_OTHER:
          break;
        }
    }
  if (il->n_fields == 0)
    return FALSE;
  /* an unlabelled date: "2024-03-15 09:42:17　来源：…" */
  if (il->date == NULL)
    {
      g_autoptr(GMatchInfo) dm = NULL;

      if (g_regex_match (info_date_re, text, 0, &dm))
        {
          il->date = g_match_info_fetch (dm, 0);
          il->n_fields++;
        }
    }
  il->author_only = il->n_fields == 1 && n_author == 1;
  /* "（来源：新华社）", "责任编辑：王丽", "发布时间：2024-01-02" alone */
  il->sole_field = il->n_fields == 1 && n_meta_only == 1 &&
                   (il->n_editor == 1 || il->source != NULL || il->date != NULL);
  /* "作者：孟永辉，资深撰稿人，专栏作家……" closes an article as part of it;
   * a line of fields has short values, and is no sentence. */
  if (il->longest > 40 ||
      (il->n_fields < 2 && !il->sole_field && !il->author_only) ||
      (il->n_fields < 2 && g_str_has_suffix (text, "。")))
    {
      info_line_clear (il);
      return FALSE;
    }
  if (il->author != NULL)
    {
      /* the date or source that may follow on the same line */
      g_autoptr(GMatchInfo) dm = NULL;

      if (g_regex_match (info_date_re, il->author, 0, &dm))
        {
          gint s;

          g_match_info_fetch_pos (dm, 0, &s, NULL);
          il->author[s] = '\0';
          g_strstrip (il->author);
        }
    }
  return TRUE;
}

/* Whether a text has a colon and an ideograph's lead byte (every label is
 * one, U+4E00–U+9FFF): one pass that spares most text the regex. */
static void
take_field (char **field,
                char **value)
{
  g_free (*field);
  *field = g_steal_pointer (value);
}

static gboolean
may_name_field (const char *text)
{
  gboolean colon = FALSE, cjk = FALSE;

  for (const unsigned char *p = (const unsigned char *) text; *p != '\0' && !(colon && cjk); p++)
    {
      if (*p == ':' || (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x9A))
        colon = TRUE;
      else if (*p >= 0xE4 && *p <= 0xE9)
        cjk = TRUE;
    }
  return colon && cjk;
}

static gboolean
is_magazine_byline (const char *text)
{
  while (is_html_space (*text))
    text++;
  return g_str_has_prefix (text, "文/") || g_str_has_prefix (text, "文／") ||
         g_str_has_prefix (text, "文 /") || g_str_has_prefix (text, "文|") ||
         g_str_has_prefix (text, "文｜") || g_str_has_prefix (text, "文 |");
}

/* Finds the page's metadata lines: each is the text of the nearest block
 * around a text that names a field.  The first line that names an author,
 * a source or a date gives it; all such lines leave the text.  A
 * line that only names an author leaves it when it comes before any prose;
 * after prose it stays (it may be the article's own signature).  Either way
 * it gives the byline when nothing else does. */
static void
find_info_lines (Page *page)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint visited = 0;
  gboolean prose_seen = FALSE;
  gboolean early[3] = { FALSE, FALSE, FALSE };  /* author, source, date came before the headline */

  info_regexes_init ();
  for (xmlNode *n = page->body; n != NULL && visited < 20000;
       n = next_node (n, page->body, is_element (n) && (info (n)->flags & NI_SKIP) != 0))
    {
      xmlNode *block;
      g_autofree char *t = NULL;
      InfoLine il;

      visited++;
      if (n == page->title_node)
        {
          early[0] = page->info_author != NULL;
          early[1] = page->info_source != NULL;
          early[2] = page->info_date != NULL;
        }
      if (!prose_seen && n->type == XML_TEXT_NODE && n->content != NULL &&
          g_utf8_strlen ((const char *) n->content, 200) >= 60 &&
          (strstr ((const char *) n->content, "。") != NULL ||
           strstr ((const char *) n->content, "，") != NULL))
        prose_seen = TRUE;
      /* every field has its colon: most text is passed over without the regex */
      if (n->type != XML_TEXT_NODE || n->content == NULL)
        continue;
      if (!is_magazine_byline ((const char *) n->content) &&
          (!may_name_field ((const char *) n->content) ||
           !g_regex_match (info_label_re, (const char *) n->content, 0, NULL)))
        continue;
      for (block = n->parent; block != NULL && block != page->body; block = block->parent)
        if (is_element (block) && is_block_tag (info (block)->tag))
          break;
      if (block == NULL || !is_element (block) || g_hash_table_contains (seen, block))
        continue;
      g_hash_table_add (seen, block);
      if ((info (block)->flags & NI_SKIP) != 0)
        continue;
      t = node_text (block, NI_SKIP);
      if (!parse_info_line (t, &il))
        continue;
      if (il.author_only)
        {
          /* above the text, "作者：张三" is the byline's line; below it, it
           * may be the article's own signature */
          if (!prose_seen && g_utf8_strlen (il.author, -1) <= 20 && block != page->body)
            info (block)->flags |= NI_SKIP;
          if (page->info_author_only == NULL)
            page->info_author_only = g_steal_pointer (&il.author);
        }
      else
        {
          /* the first line that gives a field gives it: comments below
           * the article have lines of their own.  Lines above the headline
           * (a sidebar's, a ticker's) give way to the first below it. */
          if (il.author != NULL && (page->info_author == NULL || early[0]))
            {
              take_field (&page->info_author, &il.author);
              early[0] = FALSE;
            }
          if (il.source != NULL && (page->info_source == NULL || early[1]))
            {
              take_field (&page->info_source, &il.source);
              early[1] = FALSE;
            }
          if (il.date != NULL && (page->info_date == NULL || early[2]))
            {
              take_field (&page->info_date, &il.date);
              early[2] = FALSE;
            }
          if (block != page->body)
            info (block)->flags |= NI_SKIP;
        }
      info_line_clear (&il);
    }
}

/* ----- forum threads ---------------------------------------------------- */

/* A thread (Discuz!, phpBB, vBulletin...) is a list of posts: sibling
 * containers with the same first class, or id, once digits are stripped
 * ("post bg1"/"post bg2", "post_1201"/"post_1202"), each naming its author in an
 * element whose class says so.  When the article found lies in a post, or
 * holds the list, the thread's topic is the first post: replies
 * leave, and the first post's author and date are the byline and date —
 * the page's own metadata names the forum software, not the poster. */

static char *
post_signature (xmlNode *n)
{
  const char *v = attr (n, "class");
  GString *sig;

  if (v == NULL || *v == '\0')
    v = attr (n, "id");
  if (v == NULL || *v == '\0')
    return NULL;
  sig = g_string_new ((const char *) n->name);
  g_string_append_c (sig, ' ');
  while (is_html_space (*v))
    v++;
  /* the first class only: the topic often carries one more ("l_post
   * noborder") than its replies */
  for (const char *p = v; *p != '\0' && !is_html_space (*p); p++)
    if (!g_ascii_isdigit (*p))
      g_string_append_c (sig, *p);
  return g_string_free (sig, FALSE);
}

static gboolean
is_author_element (xmlNode *n)
{
  static const char * const words[] = { "auth", "user", "poster", "nick", NULL };
  const char *values[2] = { attr (n, "class"), attr (n, "id") };

  for (guint v = 0; v < 2; v++)
    for (guint i = 0; values[v] != NULL && words[i] != NULL; i++)
      if (contains_ci (values[v], words[i]))
        return TRUE;
  return FALSE;
}

/* The name in the post's first author element, or NULL; *@element (may
 * be NULL) gets that element. */
static char *
post_author_element (xmlNode  *post,
                     xmlNode **element)
{
  guint seen = 0;

  for (xmlNode *n = post; n != NULL && seen < 2000; n = next_node (n, post, FALSE), seen++)
    if (is_element (n) && n != post && is_author_element (n))
      {
        g_autofree char *t = NULL;
        glong l;

        /* "by <a class=username>alice</a> » Tue Mar 05": the innermost
         * element that says author holds the name alone */
        for (xmlNode *inner = n; inner != NULL;)
          {
            xmlNode *found = NULL;

            for (xmlNode *d = next_node (inner, inner, FALSE); d != NULL && found == NULL;
                 d = next_node (d, inner, FALSE))
              if (is_element (d) && is_author_element (d))
                found = d;
            if (found == NULL)
              break;
            n = inner = found;
          }
        t = node_text (n, 0);
        l = g_utf8_strlen (t, -1);
        if (l > 0 && l <= 40)
          {
            if (element != NULL)
              *element = n;
            return g_steal_pointer (&t);
          }
      }
  return NULL;
}

static char *
post_author (xmlNode *post)
{
  return post_author_element (post, NULL);
}

/* The siblings of @post (itself included, in order) that share its
 * signature, when there are at least two, each names an author in a like
 * element and the authors are not all one. */
static GPtrArray *
post_list_from (xmlNode *post)
{
  g_autofree char *sig = NULL;
  g_autoptr(GPtrArray) posts = NULL;

  if (post->parent == NULL || !is_element (post))
    return NULL;
  sig = post_signature (post);
  if (sig == NULL)
    return NULL;
  posts = g_ptr_array_new ();
  for (xmlNode *c = post->parent->children; c != NULL; c = c->next)
    {
      g_autofree char *cs = NULL;

      if (!is_element (c))
        continue;
      cs = post_signature (c);
      if (cs != NULL && g_str_equal (cs, sig))
        g_ptr_array_add (posts, c);
    }
  if (posts->len < 2)
    return NULL;
  {
    g_autoptr(GHashTable) authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autofree char *author_sig = NULL;

    for (guint i = 0; i < posts->len; i++)
      {
        xmlNode *element = NULL;
        char *a = post_author_element (posts->pdata[i], &element);
        g_autofree char *sig_i = NULL;

        if (a == NULL)
          return NULL;
        g_hash_table_add (authors, a);
        /* posts share one template: their authors' elements look alike */
        sig_i = post_signature (element);
        if (sig_i == NULL || (author_sig != NULL && !g_str_equal (sig_i, author_sig)))
          return NULL;
        if (author_sig == NULL)
          author_sig = g_steal_pointer (&sig_i);
      }
    /* a conversation has more than one voice: an article's blocks that
     * each repeat its author's name are no thread */
    if (g_hash_table_size (authors) < 2)
      return NULL;
  }
  return g_steal_pointer (&posts);
}

static GPtrArray *
find_thread (GPtrArray *article)
{
  g_autoptr(GHashTable) tried = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < article->len; i++)
    {
      xmlNode *a = article->pdata[i];

      /* the article inside a post (a long reply may have won) */
      for (xmlNode *x = a; x != NULL && x->type == XML_ELEMENT_NODE; x = x->parent)
        {
          GPtrArray *posts;

          /* each list of siblings is looked at once */
          if (!g_hash_table_add (tried, x))
            break;
          posts = post_list_from (x);

          if (posts != NULL)
            return posts;
        }
      /* or the article holding the list */
      for (xmlNode *c = a->children; c != NULL; c = c->next)
        if (is_element (c))
          {
            GPtrArray *posts = post_list_from (c);

            if (posts != NULL)
              return posts;
          }
    }
  return NULL;
}

/* Keeps the thread's first post and notes its author and date.  TRUE
 * when the page is a thread. */
static gboolean
keep_first_post (Page      *page,
                 GPtrArray *article)
{
  g_autoptr(GPtrArray) posts = find_thread (article);
  xmlNode *first;
  guint seen = 0;

  if (posts == NULL)
    return FALSE;
  first = posts->pdata[0];
  page->post_author = post_author (first);
  for (guint i = 1; i < posts->len; i++)
    info (posts->pdata[i])->flags |= NI_SKIP;
  /* the poster's name, profile and signature, and the post's heading that
   * repeats the topic */
  for (xmlNode *n = first; n != NULL; n = next_node (n, first, FALSE))
    {
      const char *cls;

      if (!is_element (n) || n == first)
        continue;
      if (is_author_element (n) || contains_ci (attr (n, "class"), "profile") ||
          contains_ci (attr (n, "class"), "avatar"))
        info (n)->flags |= NI_SKIP;
      cls = attr (n, "class");
      if (cls != NULL)
        {
          g_auto(GStrv) words = g_strsplit_set (cls, " \t\n", -1);

          for (guint i = 0; words[i] != NULL; i++)
            if (g_ascii_strcasecmp (words[i], "sign") == 0 || contains_ci (words[i], "signature"))
              info (n)->flags |= NI_SKIP;
        }
      if (page->ex->title != NULL && is_heading (info (n)->tag))
        {
          g_autofree char *t = node_text (n, 0);

          if (text_similarity (page->ex->title, t) > 0.75)
            info (n)->flags |= NI_SKIP;
        }
    }
  info_regexes_init ();
  for (xmlNode *n = first; n != NULL && seen < 5000 && page->post_date == NULL;
       n = next_node (n, first, FALSE), seen++)
    {
      g_autoptr(GMatchInfo) dm = NULL;

      if (n->type == XML_TEXT_NODE && n->content != NULL &&
          g_regex_match (info_date_re, (const char *) n->content, 0, &dm))
        page->post_date = g_match_info_fetch (dm, 0);
    }
  {
    g_autofree char *sig = post_signature (first);
    g_autofree char *second = post_author (posts->pdata[1]);

    g_debug ("a thread of %u posts <%s> by %s, %s...: the first is the article", posts->len, sig,
             page->post_author, second);
  }
  return TRUE;
}

/* ----- the importer ----------------------------------------------------- */

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->infos, g_free);
  g_clear_pointer (&page->meta, g_hash_table_unref);
  g_free (page->doc_title);
  g_free (page->dom_byline);
  g_free (page->time_datetime);
  g_free (page->html_lang);
  g_free (page->html_dir);
  g_free (page->base_href);
  g_free (page->info_author);
  g_free (page->info_source);
  g_free (page->info_date);
  g_free (page->info_author_only);
  g_free (page->post_author);
  g_free (page->post_date);
  g_free (page->doc_url);
  g_free (page->canonical);
  g_free (page->ld_title);
  g_free (page->ld_name);
  g_free (page->ld_byline);
  g_free (page->ld_published);
  g_free (page->ld_site);
  g_free (page->ld_lang);
}

static char *
first_meta (Page               *page,
            const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *v = meta_get (page, keys[i]);

      if (v != NULL && !looks_like_url (v))
        return collapse_spaces (v);
    }
  return NULL;
}


/* Pages without metadata (many Chinese ones) show the date in an element
 * named for it: <span class="date">2024年01月22日 10:17</span>. */
static char *
date_from_dom (Page *page)
{
  g_autofree char *found = NULL;
  guint seen = 0;

  for (xmlNode *n = page->body; n != NULL && seen < 5000; n = next_node (n, page->body, FALSE))
    {
      g_autofree char *t = NULL;
      gboolean leaf = TRUE;

      if (!is_element (n))
        continue;
      seen++;
      if ((info (n)->flags & NI_DATE_WORD) == 0)
        continue;
      t = node_text (n, 0);
      if (*t == '\0' || g_utf8_strlen (t, -1) > 60 || !has_year (t))
        continue;
      for (xmlNode *c = n->children; c != NULL && leaf; c = c->next)
        leaf = c->type != XML_ELEMENT_NODE;
      /* "2024年01月22日 10:17 新华网" holds <span class="date">: take the
       * innermost */
      if (leaf)
        return g_steal_pointer (&t);
      if (found == NULL)
        found = g_steal_pointer (&t);
    }
  return g_steal_pointer (&found);
}

/* The name a byline field holds: "By Ann" → "Ann", "作者：张三" → "张三",
 * "記者林美君／台北報導" → "林美君". */
static char *
clean_byline (const char *byline)
{
  static const char * const prefixes[] = {
    "by ", "作者：", "作者:", "作者 ", "文／", "文/", "记者：", "記者：", "记者 ", "記者 ",
    "记者", "記者", "撰文：", NULL
  };
  static const char * const slashes[] = { "／", "/", "∕", NULL };
  g_autofree char *b = collapse_spaces (byline);
  const char *start = b;

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_ascii_strncasecmp (start, prefixes[i], strlen (prefixes[i])) == 0 &&
        start[strlen (prefixes[i])] != '\0')
      {
        start += strlen (prefixes[i]);
        break;
      }
  /* "林美君／台北報導", "张三/北京报道": the place of the report goes */
  for (guint i = 0; slashes[i] != NULL; i++)
    {
      char *slash = strstr (start, slashes[i]);

      if (slash != NULL && slash != start &&
          (g_str_has_suffix (slash, "報導") || g_str_has_suffix (slash, "报道") ||
           g_str_has_suffix (slash, "電") || g_str_has_suffix (slash, "电")))
        {
          *slash = '\0';
          break;
        }
    }
  {
    char *r = g_strstrip (g_strdup (start));

    if (*r == '\0')
      g_clear_pointer (&r, g_free);
    return r;
  }
}

static void
fill_metadata (Page      *page,
               GPtrArray *article)
{
  static const char * const byline_keys[] = {
    "dc:creator", "dcterm:creator", "author", "parsely-author", "article:author", NULL
  };
  static const char * const published_keys[] = {
    "article:published_time", "parsely-pub-date", "og:published_time", "datepublished",
    "pubdate", "publishdate", "dc:date", "date", NULL
  };
  /* SiteName: the meta Chinese government sites carry */
  static const char * const site_keys[] = { "og:site_name", "application-name", "sitename", NULL };
  GlossaExtracted *ex = page->ex;

  if (page->post_author != NULL)
    ex->byline = g_strdup (page->post_author);
  else if (page->ld_byline != NULL)
    ex->byline = collapse_spaces (page->ld_byline);
  else
    ex->byline = first_meta (page, byline_keys);
  if (ex->byline == NULL && page->dom_byline != NULL)
    ex->byline = clean_byline (page->dom_byline);
  if (ex->byline == NULL && page->info_author != NULL)
    ex->byline = clean_byline (page->info_author);
  if (ex->byline == NULL && page->info_author_only != NULL)
    ex->byline = clean_byline (page->info_author_only);
  ex->published = g_strdup (page->post_date);
  if (ex->published == NULL)
    ex->published = g_strdup (page->ld_published);
  if (ex->published == NULL)
    ex->published = first_meta (page, published_keys);
  if (ex->published == NULL)
    ex->published = g_strdup (page->time_datetime);
  if (ex->published == NULL)
    ex->published = g_strdup (page->info_date);
  if (ex->published == NULL)
    ex->published = date_from_dom (page);
  ex->site_name = page->ld_site ? collapse_spaces (page->ld_site) : first_meta (page, site_keys);
  if (ex->site_name == NULL && page->info_source != NULL && *page->info_source != '\0')
    ex->site_name = g_strdup (page->info_source);

  if (page->html_lang != NULL)
    ex->language = g_strdup (page->html_lang);
  else if (page->ld_lang != NULL)
    ex->language = g_strdup (page->ld_lang);
  else if (meta_get (page, "og:locale") != NULL)
    ex->language = g_strdup (meta_get (page, "og:locale"));
  else if (meta_get (page, "content-language") != NULL)
    ex->language = g_strdup (meta_get (page, "content-language"));
  if (ex->language != NULL)
    {
      g_strdelimit (ex->language, "_", '-');
      g_strstrip (ex->language);
      if (*ex->language == '\0')
        g_clear_pointer (&ex->language, g_free);
    }

  /* The direction the article's own ancestors declare, else the page's. */
  if (article != NULL && article->len > 0)
    for (xmlNode *a = article->pdata[0]; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
      {
        const char *dir = attr (a, "dir");

        if (dir != NULL &&
            (g_ascii_strcasecmp (dir, "rtl") == 0 || g_ascii_strcasecmp (dir, "ltr") == 0))
          {
            ex->direction = g_ascii_strdown (dir, -1);
            break;
          }
      }
  if (ex->direction == NULL && page->html_dir != NULL &&
      (g_ascii_strcasecmp (page->html_dir, "rtl") == 0 ||
       g_ascii_strcasecmp (page->html_dir, "ltr") == 0))
    ex->direction = g_ascii_strdown (page->html_dir, -1);

  /* What the page does not say, its text may */
  if (ex->language == NULL || ex->direction == NULL)
    {
      g_autofree char *language = NULL;
      g_autofree char *direction = NULL;

      _glossa_guess_language (ex->text, strlen (ex->text), &language, &direction);
      if (ex->language == NULL)
        ex->language = g_steal_pointer (&language);
      if (ex->direction == NULL)
        ex->direction = g_steal_pointer (&direction);
    }
}

static gboolean
is_web_url (const char *s)
{
  return s != NULL && (g_ascii_strncasecmp (s, "http://", 7) == 0 ||
                       g_ascii_strncasecmp (s, "https://", 8) == 0);
}

/* The absolute URL relative links resolve against: <base href> (itself
 * resolved against the document's address), else the document's address —
 * @name when it is one, else where the page says it was saved from, its
 * canonical URL or og:url.  NULL when nothing says. */
static char *
page_base_url (Page       *page,
               const char *name)
{
  const char *doc = NULL;

  if (is_web_url (name))
    doc = name;
  else if (is_web_url (page->doc_url))
    doc = page->doc_url;
  else if (is_web_url (page->canonical))
    doc = page->canonical;
  else if (is_web_url (meta_get (page, "og:url")))
    doc = meta_get (page, "og:url");

  if (page->base_href != NULL)
    {
      const char *b = page->base_href;

      if (is_web_url (b))
        return g_strdup (b);
      if (doc != NULL)
        {
          char *r = g_uri_resolve_relative (doc, b, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED,
                                            NULL);

          if (r != NULL)
            return r;
        }
    }
  return g_strdup (doc);
}

/* Grabs the article, retrying with fewer clean-ups while it is short, and
 * leaves the best attempt's nodes in @article.  Returns that attempt, or -1. */
static gint
find_article (Page       *page,
              GPtrArray  *article,
              const char *display,
              double     *best_len)
{
  gint best_attempt = -1, last_attempt = -1;

  *best_len = 0;
  for (guint attempt = 0; attempt < 4; attempt++)
    {
      double l = grab_article (page, attempt, article);

      last_attempt = attempt;
      g_debug ("%s: attempt %u: %u top-level nodes, length %.0f", display, attempt,
               article->len, l);
      /* A retry with fewer clean-ups wins only when it finds clearly more:
       * slightly more is usually just the clutter it no longer removes. */
      if (best_attempt < 0 ? l > 0 : l > *best_len * 1.3 + 50)
        {
          *best_len = l;
          best_attempt = attempt;
        }
      if (l >= CHAR_THRESHOLD)
        break;
    }
  if (best_attempt >= 0 && best_attempt != last_attempt)
    grab_article (page, best_attempt, article);
  return best_attempt;
}

GlossaExtracted *
glossa_import_html (GBytes      *bytes,
                    const char  *name,
                    const char  *encoding,
                    GError     **error)
{
  g_autoptr(GlossaExtracted) ex = NULL;
  g_autoptr(GPtrArray) article = g_ptr_array_new ();
  g_autofree char *utf8 = NULL;
  g_autofree char *used = NULL;
  g_autofree char *cleaned = NULL;
  g_autofree char *base = NULL;
  const char *text;
  gboolean borrowed = FALSE;
  const char *display = name != NULL ? name : "web page";
  const char *data;
  gsize len;
  htmlParserCtxtPtr ctxt;
  htmlDocPtr doc;
  xmlNode *root;
  Page page = { 0 };
  double best_len = 0;
  gint best_attempt = -1;
  Out out = { 0 };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                   "“%s” is empty", display);
      return NULL;
    }
  if (len >= G_MAXINT)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_TOO_LARGE,
                   "“%s” is too large to be read as a web page", display);
      return NULL;
    }

  text = decode_page (data, len, display, encoding, &used, &cleaned, &borrowed, error);
  if (text == NULL)
    return NULL;
  if (!borrowed)
    {
      utf8 = (char *) text;
      len = strlen (utf8);
    }
  {
    gboolean blank = TRUE;

    for (gsize i = 0; i < len && blank; i++)
      blank = is_html_space (text[i]);
    if (blank)
      {
        g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                     "“%s” is empty", display);
        return NULL;
      }
  }
  if (len >= G_MAXINT)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_TOO_LARGE,
                   "“%s” is too large to be read as a web page", display);
      return NULL;
    }

  /* libxml2 2.9 sets up its globals lazily, which is not thread-safe:
   * imports run in worker threads. */
  {
    static gsize parser_ready = 0;

    if (g_once_init_enter (&parser_ready))
      {
        xmlInitParser ();
        g_once_init_leave (&parser_ready, 1);
      }
  }
  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_FAILED,
                   "“%s” could not be read as a web page", display);
      return NULL;
    }
  /* The bytes are UTF-8 now: the page's own meta charset must not make
   * libxml2 switch encodings again. */
  doc = htmlCtxtReadMemory (ctxt, text, (int) len, NULL, "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_RECOVER | HTML_PARSE_COMPACT |
                            HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
  htmlFreeParserCtxt (ctxt);
  g_clear_pointer (&utf8, g_free);
  g_clear_pointer (&cleaned, g_free);
  text = NULL;
  if (doc == NULL || (root = xmlDocGetRootElement (doc)) == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_FAILED,
                   "“%s” could not be read as a web page", display);
      return NULL;
    }

  /* "saved from url" comments come before <html> */
  for (xmlNode *c = doc->children; c != NULL && page.doc_url == NULL; c = c->next)
    if (c->type == XML_COMMENT_NODE && c->content != NULL)
      page.doc_url = url_from_comment ((const char *) c->content);

  ex = glossa_extracted_new ();
  page.ex = ex;
  page.meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  {
    g_autoptr(GPtrArray) hidden = g_ptr_array_new ();
    guint n_elements = prepare_tree (&page, root, hidden);

    for (guint i = 0; i < hidden->len; i++)
      {
        xmlNode *h = hidden->pdata[i];

        if (hidden_holds_article (h))
          n_elements += prepare_tree (&page, h, NULL);
        else
          {
            xmlUnlinkNode (h);
            xmlFreeNode (h);
          }
      }
    assign_infos (&page, root, n_elements);
  }
  if (page.body == NULL)
    page.body = root;

  ex->title = choose_title (&page);
  mark_byline_and_title (&page);
  find_info_lines (&page);

  best_attempt = find_article (&page, article, display, &best_len);
  if (best_attempt >= 0 && keep_first_post (&page, article))
    best_attempt = find_article (&page, article, display, &best_len);

  base = page_base_url (&page, name);
  out.ex = ex;
  out.text = g_string_new (NULL);
  out.link_start = -1;
  out.base = base;
  if (best_attempt >= 0 && best_len >= 100)
    {
      out.skip = page.skip_mask | NI_DROP;
      for (guint i = 0; i < article->len; i++)
        {
          xmlNode *n = article->pdata[i];

          if ((info (n)->flags & out.skip) != 0)
            continue;
          output_tree (&out, n);
          flush_block (&out);
        }
    }
  g_debug ("article text: %" PRId64 " code points", out.cps);
  if (out.cps == 0)
    {
      /* No article: the page's visible text. */
      g_string_free (out.text, TRUE);
      g_array_set_size (ex->blocks, 0);
      g_array_set_size (ex->links, 0);
      g_clear_pointer (&out.href, g_free);
      memset (&out, 0, sizeof out);
      out.ex = ex;
      out.text = g_string_new (NULL);
      out.link_start = -1;
      out.base = base;
      out.skip = 0;
      for (guint i = 0; i < page.n_infos; i++)
        page.infos[i].flags &= ~NI_DATA_TABLE;
      output_tree (&out, page.body);
      flush_block (&out);
      ex->best_effort = TRUE;
      g_ptr_array_set_size (article, 0);
    }

  g_clear_pointer (&out.href, g_free);
  glossa_extracted_set_text (ex, g_string_free (out.text, FALSE));
  fill_metadata (&page, article);
  xmlFreeDoc (doc);
  page_clear (&page);
  if (ex->length == 0)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                   "“%s” contains no text to import", display);
      return NULL;
    }
  ex->format = g_strdup ("html");
  ex->encoding = g_steal_pointer (&used);

  return g_steal_pointer (&ex);
}
