/* glossa-markdown.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Markdown reduced to what a reader reads: the text of headings, paragraphs,
 * quotes, list items and code, each a block, markup gone and links kept as
 * spans.  Blocks are separated by a blank line so that the text, imported
 * again as plain text, gives the same paragraphs.
 *
 * The block parser follows CommonMark's structure (containers: quotes and
 * list items, parsed recursively on their stripped lines; leaves: headings,
 * code, paragraphs).  The inline parser tokenises into pieces, pairs the
 * emphasis delimiters, then writes the pieces out, deciding only then
 * whether a soft line break becomes a space (Latin) or nothing (CJK).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <libxml/HTMLparser.h>

#include "glossa-import-private.h"

#define MAX_NESTING 32
/* How far a link's text or a code span may reach: far beyond any real one,
 * and a bound on the work an unmatched [ or ` can cause. */
#define MAX_SCAN    (64 * 1024)
/* How many unmatched emphasis openers a closer looks back through. */
#define MAX_OPENERS 256
/* Between a table row's cells in RawBlock.raw. */
#define CELL_SEPARATOR "\x1F"

typedef struct {
  GlossaBlockKind kind;
  guint           level;
  char           *raw;       /* Markdown source, or the code itself */
  gboolean        verbatim;  /* code: no inline parsing */
} RawBlock;

typedef struct {
  GArray     *blocks;        /* RawBlock */
  GHashTable *references;    /* normalised label → destination */
  char       *fm_title;
  char       *fm_byline;
  char       *fm_published;
} Md;

static void
raw_block_clear (gpointer data)
{
  RawBlock *block = data;

  g_clear_pointer (&block->raw, g_free);
}

/* ---------------------------------------------------------------------- */
/* Lines */

static guint
indent_of (const char *line)
{
  guint n = 0;

  while (line[n] == ' ')
    n++;
  return n;
}

static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (*line != ' ' && *line != '\t')
      return FALSE;
  return TRUE;
}

/* Leading tabs become spaces to the next multiple of four, so that
 * indentation is only ever counted in spaces. */
static char *
expand_leading_tabs (const char *line,
                     gsize       len)
{
  GString *out;
  gsize i = 0;
  guint col = 0;

  if (memchr (line, '\t', len) == NULL)
    return g_strndup (line, len);

  out = g_string_sized_new (len + 8);
  for (; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
    {
      if (line[i] == ' ')
        {
          g_string_append_c (out, ' ');
          col++;
        }
      else
        {
          do
            {
              g_string_append_c (out, ' ');
              col++;
            }
          while (col % 4 != 0);
        }
    }
  g_string_append_len (out, line + i, len - i);
  return g_string_free (out, FALSE);
}

/* "# Heading ##" → level and the content without the closing sequence. */
static gboolean
parse_atx (const char  *line,
           guint       *level,
           char       **content)
{
  guint ind = indent_of (line);
  const char *p = line + ind;
  const char *end;
  guint n = 0;

  if (ind > 3)
    return FALSE;
  while (p[n] == '#')
    n++;
  if (n == 0 || n > 6 || (p[n] != '\0' && p[n] != ' ' && p[n] != '\t'))
    return FALSE;

  if (level == NULL)
    return TRUE;

  *level = n;
  p += n;
  while (*p == ' ' || *p == '\t')
    p++;
  end = p + strlen (p);
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  /* A closing run of #s counts only after a space (or as the whole line). */
  {
    const char *q = end;

    while (q > p && q[-1] == '#')
      q--;
    if (q == p || q[-1] == ' ' || q[-1] == '\t')
      {
        end = q;
        while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
          end--;
      }
  }
  *content = g_strndup (p, end - p);
  return TRUE;
}

static gboolean
is_thematic_break (const char *line)
{
  guint ind = indent_of (line);
  const char *p = line + ind;
  char c;
  guint n = 0;

  if (ind > 3 || (*p != '*' && *p != '-' && *p != '_'))
    return FALSE;
  c = *p;
  for (; *p != '\0'; p++)
    {
      if (*p == c)
        n++;
      else if (*p != ' ' && *p != '\t')
        return FALSE;
    }
  return n >= 3;
}

/* 1 for "===", 2 for "---", 0 otherwise. */
static guint
setext_level (const char *line)
{
  guint ind = indent_of (line);
  const char *p = line + ind;
  char c = *p;

  if (ind > 3 || (c != '=' && c != '-'))
    return 0;
  while (*p == c)
    p++;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != '\0')
    return 0;
  return c == '=' ? 1 : 2;
}

static gboolean
parse_fence_open (const char *line,
                  char       *fence_char,
                  guint      *fence_len,
                  guint      *fence_indent)
{
  guint ind = indent_of (line);
  const char *p = line + ind;
  char c = *p;
  guint n = 0;

  if (ind > 3 || (c != '`' && c != '~'))
    return FALSE;
  while (p[n] == c)
    n++;
  if (n < 3)
    return FALSE;
  /* A backtick fence's info string cannot hold a backtick. */
  if (c == '`' && strchr (p + n, '`') != NULL)
    return FALSE;
  *fence_char = c;
  *fence_len = n;
  *fence_indent = ind;
  return TRUE;
}

static gboolean
is_fence_close (const char *line,
                char        fence_char,
                guint       fence_len)
{
  guint ind = indent_of (line);
  const char *p = line + ind;
  guint n = 0;

  if (ind > 3)
    return FALSE;
  while (p[n] == fence_char)
    n++;
  if (n < fence_len)
    return FALSE;
  return is_blank (p + n);
}

/* A list marker: returns the column where the item's content starts. */
static gboolean
parse_list_marker (const char *line,
                   gboolean   *ordered,
                   guint      *number,
                   guint      *content_col,
                   gboolean   *empty_item)
{
  guint ind = indent_of (line);
  const char *p = line + ind;
  guint marker = 0;
  guint spaces = 0;
  guint value = 0;

  if (ind > 3)
    return FALSE;

  if (*p == '-' || *p == '+' || *p == '*')
    {
      marker = 1;
      *ordered = FALSE;
    }
  else if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (p[marker]) && marker < 9)
        value = value * 10 + (p[marker++] - '0');
      if (p[marker] != '.' && p[marker] != ')')
        return FALSE;
      marker++;
      *ordered = TRUE;
    }
  else
    return FALSE;

  if (p[marker] != '\0' && p[marker] != ' ')
    return FALSE;

  while (p[marker + spaces] == ' ')
    spaces++;
  *empty_item = p[marker + spaces] == '\0';
  /* Five or more spaces: the item starts with indented code, one space is
   * the separator. */
  if (*empty_item || spaces > 4)
    spaces = 1;
  *content_col = ind + marker + spaces;
  if (number != NULL)
    *number = value;
  return TRUE;
}

static gboolean
is_quote_line (const char *line)
{
  guint ind = indent_of (line);

  return ind <= 3 && line[ind] == '>';
}

static gboolean
is_html_block_start (const char *line)
{
  guint ind = indent_of (line);
  const char *p = line + ind;

  if (ind > 3 || *p != '<')
    return FALSE;
  p++;
  if (*p == '/')
    p++;
  return g_ascii_isalpha (*p) || *p == '!' || *p == '?';
}

/* Whether @line would start a block other than a paragraph continuation. */
static gboolean
interrupts_paragraph (const char *line)
{
  gboolean ordered, empty;
  guint col, number;

  if (parse_atx (line, NULL, NULL) || is_thematic_break (line) || is_quote_line (line))
    return TRUE;
  {
    char c;
    guint n, ind;

    if (parse_fence_open (line, &c, &n, &ind))
      return TRUE;
  }
  /* CommonMark: only a non-empty item, and a numbered one only from 1. */
  if (parse_list_marker (line, &ordered, &number, &col, &empty) && !empty &&
      (!ordered || number == 1))
    return TRUE;
  return is_html_block_start (line);
}

static char *
normalize_label (const char *label,
                 gsize       len)
{
  g_autofree char *folded = g_utf8_casefold (label, len);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  return g_string_free (out, FALSE);
}

/* "[label]: destination "title"" on one line. */
static gboolean
parse_reference_definition (Md         *md,
                            const char *line)
{
  guint ind = indent_of (line);
  const char *p = line + ind;
  const char *label_end;
  const char *dest;
  const char *dest_end;

  /* "[^1]: ..." is a footnote: its text is content, kept as a paragraph. */
  if (ind > 3 || *p != '[' || p[1] == '^')
    return FALSE;
  label_end = strchr (p + 1, ']');
  if (label_end == NULL || label_end == p + 1 || label_end[1] != ':')
    return FALSE;
  dest = label_end + 2;
  while (*dest == ' ' || *dest == '\t')
    dest++;
  if (*dest == '\0')
    return FALSE;
  if (*dest == '<')
    {
      dest++;
      dest_end = strchr (dest, '>');
      if (dest_end == NULL)
        return FALSE;
    }
  else
    {
      dest_end = dest;
      while (*dest_end != '\0' && *dest_end != ' ' && *dest_end != '\t')
        dest_end++;
    }

  /* Only a title may follow; anything else means this was a paragraph
   * that happens to start like a definition, and none of it may be lost. */
  {
    const char *rest = dest_end + (*dest_end == '>');
    gsize n;

    while (*rest == ' ' || *rest == '\t')
      rest++;
    n = strlen (rest);
    while (n > 0 && (rest[n - 1] == ' ' || rest[n - 1] == '\t'))
      n--;
    if (n > 0 &&
        !(n >= 2 && ((rest[0] == '"' && rest[n - 1] == '"') ||
                     (rest[0] == '\'' && rest[n - 1] == '\'') ||
                     (rest[0] == '(' && rest[n - 1] == ')'))))
      return FALSE;
  }

  {
    char *key = normalize_label (p + 1, label_end - p - 1);

    /* The first definition of a label wins. */
    if (!g_hash_table_contains (md->references, key))
      g_hash_table_insert (md->references, key, g_strndup (dest, dest_end - dest));
    else
      g_free (key);
  }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Blocks */

typedef struct {
  guint quote_depth;
  guint list_depth;
  guint nesting;
} Context;

static void
add_raw_block (Md              *md,
               GlossaBlockKind  kind,
               guint            level,
               char            *raw,
               gboolean         verbatim)
{
  RawBlock block = { kind, level, raw, verbatim };

  g_array_append_val (md->blocks, block);
}

static GlossaBlockKind
paragraph_kind (const Context *ctx,
                guint         *level)
{
  if (ctx->list_depth > 0)
    {
      *level = ctx->list_depth;
      return GLOSSA_BLOCK_LIST_ITEM;
    }
  *level = 0;
  return ctx->quote_depth > 0 ? GLOSSA_BLOCK_QUOTE : GLOSSA_BLOCK_PARAGRAPH;
}

/* Removes @n columns of indentation (or all there is). */
static const char *
strip_columns (const char *line,
               guint       n)
{
  guint i = 0;

  while (i < n && line[i] == ' ')
    i++;
  return line + i;
}

static void parse_blocks (Md            *md,
                          char         **lines,
                          guint          n_lines,
                          const Context *ctx);

static guint
parse_fenced_code (Md            *md,
                   char         **lines,
                   guint          n_lines,
                   guint          i,
                   const Context *ctx)
{
  g_autoptr(GString) code = g_string_new (NULL);
  char fence_char;
  guint fence_len, fence_indent;
  guint j;

  parse_fence_open (lines[i], &fence_char, &fence_len, &fence_indent);
  for (j = i + 1; j < n_lines; j++)
    {
      if (is_fence_close (lines[j], fence_char, fence_len))
        {
          j++;
          break;
        }
      if (code->len > 0 || j > i + 1)
        g_string_append_c (code, '\n');
      g_string_append (code, strip_columns (lines[j], fence_indent));
    }

  /* Blank lines at either end carry nothing. */
  while (code->len > 0 && code->str[code->len - 1] == '\n')
    g_string_truncate (code, code->len - 1);
  {
    gsize lead = 0;

    while (lead < code->len && code->str[lead] == '\n')
      lead++;
    g_string_erase (code, 0, lead);
  }

  if (code->len > 0)
    add_raw_block (md, GLOSSA_BLOCK_PREFORMATTED, 0, g_strdup (code->str), TRUE);
  return j;
}

static guint
parse_indented_code (Md    *md,
                     char **lines,
                     guint  n_lines,
                     guint  i)
{
  g_autoptr(GString) code = g_string_new (NULL);
  guint j;
  guint last_content = i;

  for (j = i; j < n_lines; j++)
    {
      if (is_blank (lines[j]))
        continue;
      if (indent_of (lines[j]) < 4)
        break;
      last_content = j;
    }

  for (j = i; j <= last_content; j++)
    {
      if (j > i)
        g_string_append_c (code, '\n');
      if (!is_blank (lines[j]))
        g_string_append (code, lines[j] + 4);
    }

  add_raw_block (md, GLOSSA_BLOCK_PREFORMATTED, 0, g_strdup (code->str), TRUE);
  return last_content + 1;
}

static guint
parse_quote (Md            *md,
             char         **lines,
             guint          n_lines,
             guint          i,
             const Context *ctx)
{
  g_autoptr(GPtrArray) inner = g_ptr_array_new ();
  gboolean last_blank = FALSE;
  Context sub = *ctx;
  guint j;

  for (j = i; j < n_lines; j++)
    {
      const char *line = lines[j];

      if (is_quote_line (line))
        {
          const char *p = line + indent_of (line) + 1;

          if (*p == ' ')
            p++;
          g_ptr_array_add (inner, (char *) p);
          last_blank = is_blank (p);
        }
      else if (!is_blank (line) && !last_blank && inner->len > 0 && !interrupts_paragraph (line))
        /* Lazy continuation of the quoted paragraph. */
        g_ptr_array_add (inner, (char *) line);
      else
        break;
    }

  sub.quote_depth++;
  sub.nesting++;
  parse_blocks (md, (char **) inner->pdata, inner->len, &sub);
  return j;
}

static guint
parse_list_item (Md            *md,
                 char         **lines,
                 guint          n_lines,
                 guint          i,
                 const Context *ctx)
{
  g_autoptr(GPtrArray) inner = g_ptr_array_new ();
  gboolean ordered, empty, col_empty;
  guint content_col, number, col;
  gboolean last_blank = FALSE;
  Context sub = *ctx;
  guint j;

  parse_list_marker (lines[i], &ordered, &number, &content_col, &empty);
  g_ptr_array_add (inner, (char *) (strlen (lines[i]) >= content_col ? lines[i] + content_col : ""));

  for (j = i + 1; j < n_lines; j++)
    {
      const char *line = lines[j];

      if (is_blank (line))
        {
          /* An empty item ends at its first blank line. */
          if (empty && inner->len == 1)
            break;
          g_ptr_array_add (inner, (char *) "");
          last_blank = TRUE;
        }
      else if (indent_of (line) >= content_col)
        {
          g_ptr_array_add (inner, (char *) line + content_col);
          last_blank = FALSE;
        }
      else if (!last_blank && !interrupts_paragraph (line) && !(empty && inner->len == 1) &&
               !parse_list_marker (line, &ordered, &number, &col, &col_empty))
        g_ptr_array_add (inner, (char *) line);
      else
        break;
    }

  sub.list_depth++;
  sub.nesting++;
  parse_blocks (md, (char **) inner->pdata, inner->len, &sub);
  return j;
}

static guint
parse_paragraph (Md            *md,
                 char         **lines,
                 guint          n_lines,
                 guint          i,
                 const Context *ctx)
{
  g_autoptr(GString) raw = g_string_new (NULL);
  guint heading = 0;
  guint level;
  GlossaBlockKind kind;
  guint j;

  for (j = i; j < n_lines; j++)
    {
      const char *line = lines[j];

      if (is_blank (line))
        break;
      if (j > i && (heading = setext_level (line)) != 0)
        {
          j++;
          break;
        }
      if (j > i && interrupts_paragraph (line))
        break;
      if (raw->len > 0)
        g_string_append_c (raw, '\n');
      /* Leading spaces of paragraph lines are not content. */
      while (*line == ' ' || *line == '\t')
        line++;
      g_string_append (raw, line);
    }

  /* Trailing spaces of the last line are not a hard break. */
  while (raw->len > 0 && (raw->str[raw->len - 1] == ' ' || raw->str[raw->len - 1] == '\t'))
    g_string_truncate (raw, raw->len - 1);

  if (heading != 0)
    add_raw_block (md, GLOSSA_BLOCK_HEADING, heading, g_strdup (raw->str), FALSE);
  else
    {
      kind = paragraph_kind (ctx, &level);
      add_raw_block (md, kind, level, g_strdup (raw->str), FALSE);
    }
  return j;
}

/* Splits a table row at its unescaped pipes, outside code spans. */
static GPtrArray *
split_cells (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;
  const char *end = line + strlen (line);
  const char *cell;
  gboolean in_code = FALSE;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  if (p < end && *p == '|')
    p++;
  if (end > p && end[-1] == '|' && (end - 1 == p || end[-2] != '\\'))
    end--;

  for (cell = p; p <= end; p++)
    {
      if (p < end && *p == '\\' && p + 1 < end)
        p++;
      else if (p < end && *p == '`')
        in_code = !in_code;
      else if (p == end || (*p == '|' && !in_code))
        {
          char *text = g_strndup (cell, p - cell);

          g_ptr_array_add (cells, g_strstrip (text));
          cell = p + 1;
        }
    }

  return cells;
}

static gboolean
is_delimiter_row (const char *line,
                  guint       n_cells)
{
  g_autoptr(GPtrArray) cells = NULL;

  if (indent_of (line) > 3 || strspn (line, " \t|:-") != strlen (line) || strchr (line, '-') == NULL)
    return FALSE;
  cells = split_cells (line);
  if (cells->len != n_cells)
    return FALSE;
  for (guint i = 0; i < cells->len; i++)
    {
      const char *c = g_ptr_array_index (cells, i);
      gsize n = strlen (c);

      if (n == 0)
        return FALSE;
      if (*c == ':')
        c++, n--;
      if (n > 0 && c[n - 1] == ':')
        n--;
      if (n == 0 || strspn (c, "-") != n)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_table_start (char  **lines,
                guint   n_lines,
                guint   i)
{
  g_autoptr(GPtrArray) header = NULL;

  if (i + 1 >= n_lines || strchr (lines[i], '|') == NULL || indent_of (lines[i]) > 3)
    return FALSE;
  header = split_cells (lines[i]);
  return is_delimiter_row (lines[i + 1], header->len);
}

static void
add_table_row (Md         *md,
               const char *line)
{
  g_autoptr(GPtrArray) cells = split_cells (line);
  GString *raw = g_string_new (NULL);

  for (guint i = 0; i < cells->len; i++)
    {
      char *cell = g_ptr_array_index (cells, i);

      /* The separator must not occur in a cell. */
      g_strdelimit (cell, CELL_SEPARATOR, ' ');
      if (i > 0)
        g_string_append (raw, CELL_SEPARATOR);
      g_string_append (raw, cell);
    }
  add_raw_block (md, GLOSSA_BLOCK_TABLE_ROW, 0, g_string_free (raw, FALSE), FALSE);
}

static guint
parse_table (Md     *md,
             char  **lines,
             guint   n_lines,
             guint   i)
{
  guint j;

  add_table_row (md, lines[i]);
  for (j = i + 2; j < n_lines; j++)
    {
      if (is_blank (lines[j]) || strchr (lines[j], '|') == NULL || interrupts_paragraph (lines[j]))
        break;
      add_table_row (md, lines[j]);
    }
  return j;
}

/* Raw HTML whose content is never text: scripts, styles, comments. */
static guint
skip_hidden_html (char  **lines,
                  guint   n_lines,
                  guint   i)
{
  static const struct {
    const char *open;
    const char *close;
  } kinds[] = {
    { "<script", "</script>" },
    { "<style", "</style>" },
    { "<!--", "-->" },
  };
  const char *line = lines[i] + indent_of (lines[i]);

  if (indent_of (lines[i]) > 3)
    return i;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gsize n = strlen (kinds[k].open);

      if (g_ascii_strncasecmp (line, kinds[k].open, n) != 0)
        continue;
      if (kinds[k].open[1] != '!' && line[n] != '>' && line[n] != ' ' && line[n] != '\0')
        continue;
      for (guint j = i; j < n_lines; j++)
        {
          const char *from = j == i ? line + n : lines[j];
          g_autofree char *lower = g_ascii_strdown (from, -1);
          const char *close = strstr (lower, kinds[k].close);

          if (close != NULL)
            {
              const char *rest = from + (close - lower) + strlen (kinds[k].close);

              if (is_blank (rest))
                return j + 1;
              /* Text after the close stays: on the same line the inline
               * parser drops the tag; further down, the line is cut to it
               * and parsed as any other. */
              if (j == i)
                return i;
              memmove (lines[j], rest, strlen (rest) + 1);
              return j;
            }
        }
      return n_lines;
    }

  return i;
}

static void
parse_blocks (Md            *md,
              char         **lines,
              guint          n_lines,
              const Context *ctx)
{
  guint i = 0;

  while (i < n_lines)
    {
      const char *line = lines[i];
      gboolean ordered, empty;
      guint number, col, level;
      char fence_char;
      guint fence_len, fence_indent;
      char *content = NULL;
      guint skipped;

      if (is_blank (line))
        i++;
      else if (indent_of (line) >= 4)
        i = parse_indented_code (md, lines, n_lines, i);
      else if (parse_fence_open (line, &fence_char, &fence_len, &fence_indent))
        i = parse_fenced_code (md, lines, n_lines, i, ctx);
      else if (parse_atx (line, &level, &content))
        {
          add_raw_block (md, GLOSSA_BLOCK_HEADING, level, content, FALSE);
          i++;
        }
      else if (is_thematic_break (line))
        i++;
      else if (ctx->nesting < MAX_NESTING && is_quote_line (line))
        i = parse_quote (md, lines, n_lines, i, ctx);
      else if (ctx->nesting < MAX_NESTING &&
               parse_list_marker (line, &ordered, &number, &col, &empty))
        i = parse_list_item (md, lines, n_lines, i, ctx);
      else if (parse_reference_definition (md, line))
        i++;
      else if (is_table_start (lines, n_lines, i))
        i = parse_table (md, lines, n_lines, i);
      else if (is_html_block_start (line) && (skipped = skip_hidden_html (lines, n_lines, i)) > i)
        i = skipped;
      else
        i = parse_paragraph (md, lines, n_lines, i, ctx);
    }
}

/* YAML front matter: "---", "key: value" lines, "---" or "...". */
static guint
parse_front_matter (Md     *md,
                    char  **lines,
                    guint   n_lines)
{
  guint j;

  if (n_lines < 2 || !g_str_equal (g_strchomp (lines[0]), "---"))
    return 0;

  for (j = 1; j < n_lines && j < 200; j++)
    {
      const char *line = lines[j];

      if (g_str_equal (line, "---") || g_str_equal (line, "..."))
        break;
      if (!is_blank (line) && line[0] != ' ' && line[0] != '-' && line[0] != '#' &&
          strchr (line, ':') == NULL)
        return 0;
    }
  if (j >= n_lines || j >= 200)
    return 0;

  for (guint k = 1; k < j; k++)
    {
      const char *colon = strchr (lines[k], ':');
      g_autofree char *key = NULL;
      char *value;

      if (colon == NULL || lines[k][0] == ' ')
        continue;
      key = g_ascii_strdown (lines[k], colon - lines[k]);
      g_strstrip (key);
      value = g_strstrip (g_strdup (colon + 1));
      if (strlen (value) >= 2 && (value[0] == '"' || value[0] == '\'') &&
          value[strlen (value) - 1] == value[0])
        {
          memmove (value, value + 1, strlen (value) - 2);
          value[strlen (value) - 2] = '\0';
        }
      if (value[0] == '\0')
        g_free (value);
      else if (g_str_equal (key, "title") && md->fm_title == NULL)
        md->fm_title = value;
      else if ((g_str_equal (key, "author") || g_str_equal (key, "byline")) &&
               md->fm_byline == NULL)
        md->fm_byline = value;
      else if (g_str_equal (key, "date") && md->fm_published == NULL)
        md->fm_published = value;
      else
        g_free (value);
    }

  return j + 1;
}

/* ---------------------------------------------------------------------- */
/* Inlines */

typedef enum {
  PIECE_TEXT,
  PIECE_DELIM,        /* a run of * or _, text again if unmatched */
  PIECE_SOFT_BREAK,
  PIECE_HARD_BREAK,
  PIECE_LINK_OPEN,
  PIECE_LINK_CLOSE,
} PieceKind;

/* Small, as a paragraph can hold a great many. */
typedef struct {
  guint8    kind;      /* PieceKind */
  char      delim;     /* DELIM: '*' or '_' */
  guint8    can_open;
  guint8    can_close;
  guint32   count;     /* DELIM: characters left unmatched */
  guint32   offset;    /* TEXT: where its bytes are in Inline.arena */
  guint32   len;
  char     *href;      /* LINK_OPEN */
} Piece;

/* One block's inline content being tokenised: the pieces, and the bytes
 * of their text in one buffer, so that a paragraph of many small pieces
 * costs little more than its text. */
typedef struct {
  GArray     *pieces;
  GString    *arena;
} Inline;

static void
piece_clear (gpointer data)
{
  Piece *piece = data;

  g_clear_pointer (&piece->href, g_free);
}

static void
inline_init (Inline *in,
             gsize   reserve)
{
  in->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_array_set_clear_func (in->pieces, piece_clear);
  in->arena = g_string_sized_new (reserve);
}

static void
inline_clear (Inline *in)
{
  g_clear_pointer (&in->pieces, g_array_unref);
  if (in->arena != NULL)
    g_string_free (g_steal_pointer (&in->arena), TRUE);
}

static void
add_piece (Inline     *in,
           PieceKind   kind,
           const char *href)
{
  Piece piece = { 0 };

  piece.kind = kind;
  piece.href = g_strdup (href);
  g_array_append_val (in->pieces, piece);
}

/* Adds literal text, merging with a preceding text piece. */
static void
add_text (Inline     *in,
          const char *text,
          gsize       len)
{
  Piece piece = { 0 };

  if (len == 0)
    return;
  if (in->pieces->len > 0)
    {
      Piece *last = &g_array_index (in->pieces, Piece, in->pieces->len - 1);

      if (last->kind == PIECE_TEXT && last->offset + last->len == in->arena->len)
        {
          g_string_append_len (in->arena, text, len);
          last->len += len;
          return;
        }
    }
  piece.kind = PIECE_TEXT;
  piece.offset = in->arena->len;
  piece.len = len;
  g_string_append_len (in->arena, text, len);
  g_array_append_val (in->pieces, piece);
}

typedef struct {
  const char *name;
  const char *utf8;
} Entity;

static const Entity entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", "\302\240" }, { "copy", "©" }, { "reg", "®" }, { "trade", "™" },
  { "mdash", "—" }, { "ndash", "–" }, { "hellip", "…" }, { "middot", "·" },
  { "lsquo", "‘" }, { "rsquo", "’" }, { "ldquo", "“" }, { "rdquo", "”" },
  { "laquo", "«" }, { "raquo", "»" }, { "times", "×" }, { "divide", "÷" },
  { "deg", "°" }, { "euro", "€" }, { "pound", "£" }, { "yen", "¥" }, { "sect", "§" },
  { "para", "¶" }, { "bull", "•" }, { "shy", "\302\255" }, { "eacute", "é" },
  { "egrave", "è" }, { "agrave", "à" }, { "aacute", "á" }, { "ccedil", "ç" },
  { "ouml", "ö" }, { "uuml", "ü" }, { "auml", "ä" }, { "szlig", "ß" }, { "ntilde", "ñ" },
  { "iexcl", "¡" }, { "iquest", "¿" }, { "larr", "←" }, { "rarr", "→" },
};

/* "&name;" or "&#123;" or "&#x1F600;" at @p: appends it, returns its length. */
static gsize
parse_entity (const char *p,
              Inline     *in)
{
  const char *semi;
  gsize len;

  if (*p != '&')
    return 0;
  semi = p + 1;
  while (g_ascii_isalnum (*semi) || *semi == '#')
    {
      semi++;
      if (semi - p > 32)
        return 0;
    }
  if (*semi != ';' || semi == p + 1)
    return 0;
  len = semi - p + 1;

  if (p[1] == '#')
    {
      guint64 value;
      char *end = NULL;
      char utf8[8];
      gint n;

      if (p[2] == 'x' || p[2] == 'X')
        value = g_ascii_strtoull (p + 3, &end, 16);
      else
        value = g_ascii_strtoull (p + 2, &end, 10);
      if (end != semi || end == p + 2 || end == p + 3)
        return 0;
      if (value == 0 || value > 0x10FFFF || !g_unichar_validate ((gunichar) value))
        value = 0xFFFD;
      n = g_unichar_to_utf8 ((gunichar) value, utf8);
      add_text (in, utf8, n);
      return len;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == len - 2 && strncmp (p + 1, entities[i].name, len - 2) == 0)
      {
        add_text (in, entities[i].utf8, strlen (entities[i].utf8));
        return len;
      }

  /* The rest of HTML 4's named entities, from libxml2's table. */
  {
    g_autofree char *entity_name = g_strndup (p + 1, len - 2);
    const htmlEntityDesc *desc = htmlEntityLookup ((const xmlChar *) entity_name);

    if (desc != NULL && desc->value != 0 && g_unichar_validate (desc->value))
      {
        char utf8[8];
        gint n = g_unichar_to_utf8 (desc->value, utf8);

        add_text (in, utf8, n);
        return len;
      }
  }
  return 0;
}

/* `code`: returns the length consumed, 0 if the backticks are literal. */
static gsize
parse_code_span (const char *p,
                 Inline     *in)
{
  gsize open = 0;
  const char *q;

  while (p[open] == '`')
    open++;

  for (q = p + open; *q != '\0' && q - p < MAX_SCAN;)
    {
      gsize close = 0;

      if (*q != '`')
        {
          q++;
          continue;
        }
      while (q[close] == '`')
        close++;
      if (close == open)
        {
          g_autoptr(GString) code = g_string_new_len (p + open, q - p - open);

          for (gsize i = 0; i < code->len; i++)
            if (code->str[i] == '\n')
              code->str[i] = ' ';
          if (code->len >= 2 && code->str[0] == ' ' && code->str[code->len - 1] == ' ' &&
              !is_blank (code->str))
            {
              g_string_truncate (code, code->len - 1);
              g_string_erase (code, 0, 1);
            }
          add_text (in, code->str, code->len);
          return q + close - p;
        }
      q += close;
    }

  return 0;
}

/* <https://example.org> or <someone@example.org>. */
static gsize
parse_autolink (const char *p,
                Inline     *in)
{
  const char *q = p + 1;
  const char *colon = NULL;
  const char *at = NULL;
  g_autofree char *target = NULL;

  for (; *q != '\0' && *q != '>'; q++)
    {
      if (*q == ' ' || *q == '<' || *q == '\n' || (guchar) *q < 0x20)
        return 0;
      if (*q == ':' && colon == NULL)
        colon = q;
      if (*q == '@')
        at = q;
    }
  if (*q != '>' || q == p + 1)
    return 0;

  target = g_strndup (p + 1, q - p - 1);
  if (colon != NULL && colon - p - 1 >= 2 && g_ascii_isalpha (p[1]))
    {
      for (const char *s = p + 1; s < colon; s++)
        if (!g_ascii_isalnum (*s) && *s != '+' && *s != '.' && *s != '-')
          return 0;
      add_piece (in, PIECE_LINK_OPEN, target);
    }
  else if (at != NULL && colon == NULL)
    {
      g_autofree char *mailto = g_strconcat ("mailto:", target, NULL);

      add_piece (in, PIECE_LINK_OPEN, mailto);
    }
  else
    return 0;

  add_text (in, target, strlen (target));
  add_piece (in, PIECE_LINK_CLOSE, NULL);
  return q - p + 1;
}

/* Raw inline HTML (<span class="x">, </em>, <!-- comment -->): dropped. */
static gsize
parse_inline_html (const char *p,
                   Inline     *in,
                   gboolean   *no_comment_close)
{
  const char *q;

  if (g_str_has_prefix (p, "<!--"))
    {
      /* Once no "-->" follows, none follows any later "<!--" either. */
      q = *no_comment_close ? NULL : strstr (p + 4, "-->");
      *no_comment_close = q == NULL;
      return q != NULL ? (gsize) (q + 3 - p) : 0;
    }
  q = p + 1;
  if (*q == '/')
    q++;
  if (!g_ascii_isalpha (*q))
    return 0;
  while (g_ascii_isalnum (*q) || *q == '-')
    q++;
  if (*q != '>' && *q != ' ' && *q != '/' && *q != '\n' && *q != '\t')
    return 0;
  {
    char quote = 0;

    for (; *q != '\0'; q++)
      {
        if (quote != 0)
          {
            if (*q == quote)
              quote = 0;
          }
        else if (*q == '"' || *q == '\'')
          quote = *q;
        else if (*q == '>')
          break;
        else if (*q == '<')
          return 0;
      }
  }
  if (*q != '>')
    return 0;

  /* <br> is a line break; other tags only style their content. */
  if (g_ascii_strncasecmp (p, "<br", 3) == 0 && !g_ascii_isalnum (p[3]))
    add_piece (in, PIECE_HARD_BREAK, NULL);
  return q + 1 - p;
}

typedef struct {
  gsize open;
  gsize close;
} BracketPair;

static int
compare_bracket_pairs (gconstpointer a,
                       gconstpointer b)
{
  const BracketPair *x = a;
  const BracketPair *y = b;

  return x->open < y->open ? -1 : x->open > y->open;
}

/* Pairs every '[' with its ']' (escapes skipped) in one pass, so that a
 * paragraph of unmatched brackets costs no more than any other. */
static GArray *
match_brackets (const char *text,
                gsize       len)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (BracketPair));
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\\' && i + 1 < len)
        i++;
      else if (text[i] == '[')
        g_array_append_val (stack, i);
      else if (text[i] == ']' && stack->len > 0)
        {
          BracketPair pair = { g_array_index (stack, gsize, stack->len - 1), i };

          g_array_set_size (stack, stack->len - 1);
          g_array_append_val (pairs, pair);
        }
    }

  g_array_sort (pairs, compare_bracket_pairs);
  return pairs;
}

/* The ']' matching the '[' at @open, or NULL. */
static const char *
find_bracket_close (const char *base,
                    GArray     *brackets,
                    const char *open)
{
  BracketPair key = { open - base, 0 };
  const BracketPair *found;

  if (brackets->len == 0)
    return NULL;

  found = bsearch (&key, brackets->data, brackets->len, sizeof (BracketPair),
                   compare_bracket_pairs);
  return found != NULL ? base + found->close : NULL;
}

/* "(destination "title")" after a link's text: returns its length. */
static gsize
parse_inline_destination (const char  *p,
                          char       **href)
{
  const char *q = p + 1;
  const char *dest;
  const char *dest_end;
  guint parens = 0;

  if (*p != '(')
    return 0;
  while (*q == ' ' || *q == '\t' || *q == '\n')
    q++;

  if (*q == '<')
    {
      dest = ++q;
      while (*q != '\0' && *q != '>' && *q != '\n' && *q != '<')
        q++;
      if (*q != '>')
        return 0;
      dest_end = q++;
    }
  else
    {
      dest = q;
      for (; *q != '\0' && *q != ' ' && *q != '\t' && *q != '\n'; q++)
        {
          if (*q == '\\' && q[1] != '\0')
            q++;
          else if (*q == '(')
            {
              /* cmark's limit, which also keeps "[a]([a]([a](..." linear. */
              if (++parens > 32)
                return 0;
            }
          else if (*q == ')')
            {
              if (parens == 0)
                break;
              parens--;
            }
        }
      dest_end = q;
    }

  while (*q == ' ' || *q == '\t' || *q == '\n')
    q++;
  if (*q == '"' || *q == '\'' || *q == '(')
    {
      char close = *q == '(' ? ')' : *q;

      q++;
      while (*q != '\0' && *q != close)
        {
          if (*q == '\\' && q[1] != '\0')
            q++;
          else if (close == ')' && *q == '(')
            return 0;
          q++;
        }
      if (*q != close)
        return 0;
      q++;
      while (*q == ' ' || *q == '\t' || *q == '\n')
        q++;
    }
  if (*q != ')')
    return 0;

  {
    GString *out = g_string_sized_new (dest_end - dest);

    /* Backslash escapes in a destination stand for the character, and
     * "&amp;" (written by people used to HTML) for "&". */
    for (const char *s = dest; s < dest_end; s++)
      {
        if (*s == '\\' && s + 1 < dest_end && g_ascii_ispunct (s[1]))
          s++;
        else if (*s == '&' && dest_end - s >= 5 && strncmp (s, "&amp;", 5) == 0)
          {
            g_string_append_c (out, '&');
            s += 4;
            continue;
          }
        g_string_append_c (out, *s);
      }
    *href = g_string_free (out, FALSE);
  }
  return q + 1 - p;
}

static void tokenize (Md         *md,
                      const char *p,
                      const char *end,
                      Inline     *in,
                      gboolean    in_link,
                      guint       depth);

static void
tokenize_inner (Md         *md,
                const char *start,
                const char *stop,
                Inline     *in,
                guint       depth)
{
  /* A copy, so that nothing scanning for a closing mark runs past @stop. */
  g_autofree char *inner = g_strndup (start, stop - start);

  tokenize (md, inner, inner + (stop - start), in, TRUE, depth + 1);
}

/* [text](dest), ![alt](src), [text][label], [text][], [label]: returns the
 * length consumed, 0 when the brackets are literal. */
static gsize
parse_link (Md         *md,
            const char *base,
            GArray     *brackets,
            const char *p,
            const char *end,
            Inline     *in,
            gboolean    in_link,
            guint       depth)
{
  gboolean image = *p == '!';
  const char *open = image ? p + 1 : p;
  const char *close;
  const char *link_end = NULL;
  g_autofree char *href = NULL;

  close = find_bracket_close (base, brackets, open);
  if (close == NULL || close >= end)
    return 0;

  if (close[1] == '(')
    {
      gsize after = parse_inline_destination (close + 1, &href);

      if (after > 0 && close + 1 + after <= end)
        link_end = close + 1 + after;
      else
        g_clear_pointer (&href, g_free);
    }

  if (link_end == NULL)
    {
      const char *label = open + 1;
      const char *label_end = close;
      const char *after = close + 1;
      g_autofree char *key = NULL;
      const char *dest;

      if (close[1] == '[')
        {
          const char *ref_close = strchr (close + 2, ']');

          if (ref_close != NULL && ref_close < end)
            {
              if (ref_close > close + 2)
                {
                  label = close + 2;
                  label_end = ref_close;
                }
              after = ref_close + 1;
            }
        }
      key = normalize_label (label, label_end - label);
      dest = g_hash_table_lookup (md->references, key);
      if (dest == NULL)
        return 0;
      href = g_strdup (dest);
      link_end = after;
    }

  /* An image is read as its description; links do not nest. */
  if (image || in_link)
    tokenize_inner (md, open + 1, close, in, depth);
  else
    {
      add_piece (in, PIECE_LINK_OPEN, href);
      tokenize_inner (md, open + 1, close, in, depth);
      add_piece (in, PIECE_LINK_CLOSE, NULL);
    }

  return link_end - p;
}

static gboolean
is_punct_char (gunichar c)
{
  return g_unichar_ispunct (c) || (c < 0x80 && g_ascii_ispunct ((char) c));
}

/* Flanking rules of CommonMark for a run of @c from @start to @run_end. */
static void
add_delimiter_run (Inline     *in,
                   const char *text_start,
                   const char *start,
                   const char *run_end,
                   const char *end)
{
  gunichar before = start > text_start ? g_utf8_get_char (g_utf8_find_prev_char (text_start, start)) : ' ';
  gunichar after = run_end < end ? g_utf8_get_char (run_end) : ' ';
  gboolean before_space = g_unichar_isspace (before);
  gboolean after_space = g_unichar_isspace (after);
  gboolean left = !after_space &&
                  (!is_punct_char (after) || before_space || is_punct_char (before));
  gboolean right = !before_space &&
                   (!is_punct_char (before) || after_space || is_punct_char (after));
  Piece piece = { 0 };

  piece.kind = PIECE_DELIM;
  piece.delim = *start;
  piece.count = run_end - start;

  if (*start != '_')
    {
      piece.can_open = left;
      piece.can_close = right;
    }
  else
    {
      /* Intraword underscores (snake_case) are not emphasis. */
      piece.can_open = left && (!right || is_punct_char (before));
      piece.can_close = right && (!left || is_punct_char (after));
    }
  g_array_append_val (in->pieces, piece);
}

static void
tokenize (Md         *md,
          const char *text,
          const char *end,
          Inline     *in,
          gboolean    in_link,
          guint       depth)
{
  g_autoptr(GArray) brackets = NULL;  /* computed at the first '[' */
  gboolean no_comment_close = FALSE;
  const char *p = text;
  const char *plain = text;

#define FLUSH() G_STMT_START { add_text (in, plain, p - plain); } G_STMT_END

  while (p < end)
    {
      gsize n = 0;

      switch (*p)
        {
        case '\\':
          if (p + 1 < end && p[1] == '\n')
            {
              FLUSH ();
              add_piece (in, PIECE_HARD_BREAK, NULL);
              p += 2;
              plain = p;
              continue;
            }
          if (p + 1 < end && g_ascii_ispunct (p[1]))
            {
              FLUSH ();
              add_text (in, p + 1, 1);
              p += 2;
              plain = p;
              continue;
            }
          break;

        case '\n':
          {
            const char *q = p;
            gboolean hard;

            /* Spaces before a line break are never content. */
            while (q > plain && q[-1] == ' ')
              q--;
            hard = p - q >= 2;
            add_text (in, plain, q - plain);
            add_piece (in, hard ? PIECE_HARD_BREAK : PIECE_SOFT_BREAK, NULL);
            p++;
            while (p < end && (*p == ' ' || *p == '\t'))
              p++;
            plain = p;
            continue;
          }

        case '`':
          FLUSH ();
          n = parse_code_span (p, in);
          if (n == 0)
            {
              /* A literal run of backticks stays whole. */
              while (p + n < end && p[n] == '`')
                n++;
              add_text (in, p, n);
            }
          p += n;
          plain = p;
          continue;

        case '&':
          FLUSH ();
          n = parse_entity (p, in);
          if (n > 0)
            {
              p += n;
              plain = p;
              continue;
            }
          plain = p;
          break;

        case '<':
          FLUSH ();
          if (!in_link)
            n = parse_autolink (p, in);
          if (n == 0)
            n = parse_inline_html (p, in, &no_comment_close);
          if (n > 0)
            {
              p += n;
              plain = p;
              continue;
            }
          plain = p;
          break;

        case '!':
        case '[':
          if (depth < MAX_NESTING && (*p == '[' || (p + 1 < end && p[1] == '[')))
            {
              FLUSH ();
              if (brackets == NULL)
                brackets = match_brackets (text, end - text);
              n = parse_link (md, text, brackets, p, end, in, in_link, depth);
              if (n > 0)
                {
                  p += n;
                  plain = p;
                  continue;
                }
              plain = p;
            }
          break;

        case '~':
          {
            const char *run_end = p;

            /* GFM strikethrough: ~~text~~ is read as its text. */
            while (run_end < end && *run_end == '~')
              run_end++;
            FLUSH ();
            if (run_end - p == 2)
              add_delimiter_run (in, text, p, run_end, end);
            else
              add_text (in, p, run_end - p);
            p = run_end;
            plain = p;
            continue;
          }

        case '*':
        case '_':
          {
            const char *run_end = p;

            FLUSH ();
            while (run_end < end && *run_end == *p)
              run_end++;
            add_delimiter_run (in, text, p, run_end, end);
            p = run_end;
            plain = p;
            continue;
          }

        default:
          break;
        }

      p++;
    }

  FLUSH ();
#undef FLUSH
}

/* Pairs emphasis delimiters, innermost first; what stays unpaired is text. */
static void
match_delimiters (Inline *in)
{
  g_autoptr(GArray) openers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < in->pieces->len; i++)
    {
      Piece *closer = &g_array_index (in->pieces, Piece, i);

      if (closer->kind == PIECE_LINK_OPEN || closer->kind == PIECE_LINK_CLOSE)
        {
          /* Emphasis does not pair across a link's boundary. */
          g_array_set_size (openers, 0);
          continue;
        }
      if (closer->kind != PIECE_DELIM)
        continue;

      while (closer->can_close && closer->count > 0)
        {
          gint k, found = -1;

          for (k = (gint) openers->len - 1; k >= 0 && (gint) openers->len - k <= MAX_OPENERS; k--)
            {
              Piece *opener = &g_array_index (in->pieces, Piece, g_array_index (openers, guint, k));

              if (opener->count > 0 && opener->delim == closer->delim)
                {
                  found = k;
                  break;
                }
            }
          if (found < 0)
            break;
          {
            Piece *opener = &g_array_index (in->pieces, Piece, g_array_index (openers, guint, k));
            guint use = opener->count >= 2 && closer->count >= 2 ? 2 : 1;

            opener->count -= use;
            closer->count -= use;
            /* Openers between the pair can no longer match anything. */
            g_array_set_size (openers, opener->count > 0 ? (guint) k + 1 : (guint) k);
          }
        }

      if (closer->can_open && closer->count > 0)
        g_array_append_val (openers, i);
    }
}

/* A soft line break becomes a space, except between two CJK characters. */
static void
resolve_break (GlossaTextBuilder *builder,
               gboolean          *pending_break,
               gunichar           next)
{
  gunichar prev;

  if (!*pending_break)
    return;
  prev = _glossa_text_builder_last_char (builder);
  if (!(_glossa_is_cjk_char (prev) && _glossa_is_cjk_char (next)))
    _glossa_text_builder_append_len (builder, " ", 1);
  *pending_break = FALSE;
}

static void
append_piece_text (GlossaTextBuilder *builder,
                   const char        *text,
                   gsize              len,
                   gboolean          *pending_break)
{
  if (len == 0)
    return;
  resolve_break (builder, pending_break, g_utf8_get_char (text));
  _glossa_text_builder_append_len (builder, text, len);
}

/* Writes the pieces of one block. */
static void
emit_pieces (Inline            *in,
             GlossaTextBuilder *builder,
             GlossaExtracted   *ex,
             gsize              block_start_bytes)
{
  gboolean pending_break = FALSE;
  gint64 link_start = -1;
  const char *link_href = NULL;

  for (guint i = 0; i < in->pieces->len; i++)
    {
      Piece *piece = &g_array_index (in->pieces, Piece, i);

      switch (piece->kind)
        {
        case PIECE_TEXT:
          {
            const char *text = in->arena->str + piece->offset;
            gsize len = piece->len;

            /* Spaces left at the start of a block by a dropped tag. */
            if (builder->str->len == block_start_bytes)
              while (len > 0 && (*text == ' ' || *text == '\t'))
                text++, len--;
            append_piece_text (builder, text, len, &pending_break);
          }
          break;

        case PIECE_DELIM:
          for (guint k = 0; k < piece->count; k++)
            append_piece_text (builder, &piece->delim, 1, &pending_break);
          break;

        case PIECE_SOFT_BREAK:
          if (builder->str->len > block_start_bytes)
            pending_break = TRUE;
          break;

        case PIECE_HARD_BREAK:
          if (builder->str->len > block_start_bytes)
            {
              pending_break = FALSE;
              _glossa_text_builder_append_len (builder, "\n", 1);
            }
          break;

        case PIECE_LINK_OPEN:
          /* The link starts where its first character lands, after the
           * space a pending line break may turn into. */
          for (guint k = i + 1; pending_break && k < in->pieces->len; k++)
            {
              Piece *next = &g_array_index (in->pieces, Piece, k);

              if (next->kind == PIECE_TEXT && next->len > 0)
                resolve_break (builder, &pending_break,
                               g_utf8_get_char (in->arena->str + next->offset));
              else if (next->kind == PIECE_DELIM && next->count > 0)
                resolve_break (builder, &pending_break, (gunichar) next->delim);
              else if (next->kind != PIECE_DELIM)
                break;
            }
          link_start = builder->length;
          link_href = piece->href;
          break;

        case PIECE_LINK_CLOSE:
          if (link_start >= 0 && builder->length > link_start && link_href != NULL)
            glossa_extracted_add_link (ex, link_start, builder->length, link_href);
          link_start = -1;
          link_href = NULL;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* A hard break at the very end carries nothing. */
  while (builder->str->len > block_start_bytes &&
         builder->str->str[builder->str->len - 1] == '\n')
    {
      g_string_truncate (builder->str, builder->str->len - 1);
      builder->length--;
    }
}

static gboolean
is_all_space (const char *p,
              const char *end)
{
  while (p < end)
    {
      p = _glossa_skip_blank (p, end);
      if (p < end && *p == '\n')
        p++;
      else
        break;
    }
  return p == end;
}

static void
emit_inline (Md                *md,
             const char        *raw,
             GlossaTextBuilder *builder,
             GlossaExtracted   *ex,
             gsize              start_bytes)
{
  gsize len = strlen (raw);
  Inline in;

  inline_init (&in, len);
  tokenize (md, raw, raw + len, &in, FALSE, 0);
  match_delimiters (&in);
  emit_pieces (&in, builder, ex, start_bytes);
  inline_clear (&in);
}

/* Cells are separated by a tab; empty cells leave nothing. */
static void
emit_table_row (Md                *md,
                const char        *raw,
                GlossaTextBuilder *builder,
                GlossaExtracted   *ex,
                gsize              start_bytes)
{
  g_auto(GStrv) cells = g_strsplit (raw, CELL_SEPARATOR, -1);

  for (guint i = 0; cells[i] != NULL; i++)
    {
      gsize before = builder->str->len;
      gint64 before_length = builder->length;
      guint n_links = ex->links->len;
      gsize cell_start;

      if (builder->str->len > start_bytes)
        _glossa_text_builder_append_len (builder, "\t", 1);
      cell_start = builder->str->len;
      emit_inline (md, cells[i], builder, ex, cell_start);
      if (is_all_space (builder->str->str + cell_start, builder->str->str + builder->str->len))
        {
          _glossa_text_builder_truncate (builder, before, before_length);
          g_array_set_size (ex->links, n_links);
        }
    }
}

static char *
render_plain (Md         *md,
              const char *raw)
{
  g_autoptr(GlossaExtracted) scratch = glossa_extracted_new ();
  GlossaTextBuilder builder;

  _glossa_text_builder_init (&builder, strlen (raw));
  emit_inline (md, raw, &builder, scratch, 0);
  return g_strstrip (_glossa_text_builder_free (&builder, FALSE));
}

/* ---------------------------------------------------------------------- */

static void
md_clear (Md *md)
{
  g_clear_pointer (&md->blocks, g_array_unref);
  g_clear_pointer (&md->references, g_hash_table_unref);
  g_clear_pointer (&md->fm_title, g_free);
  g_clear_pointer (&md->fm_byline, g_free);
  g_clear_pointer (&md->fm_published, g_free);
}

GlossaExtracted *
glossa_import_markdown (GBytes      *bytes,
                        const char  *name,
                        const char  *encoding,
                        GError     **error)
{
  g_autoptr(GlossaExtracted) ex = NULL;
  g_autofree char *text = NULL;
  g_autofree char *used = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  GlossaTextBuilder builder;
  Context ctx = { 0, 0, 0 };
  Md md = { 0 };
  guint first_line;
  guint first_block = 0;
  const char *p;
  const char *end;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = _glossa_decode_for_import (bytes, name, encoding, &used, &len, error);
  if (text == NULL)
    return NULL;

  /* Inline pieces count in 32 bits. */
  if (len >= G_MAXUINT32)
    {
      g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to import as Markdown"), _glossa_display_name (name));
      return NULL;
    }

  lines = g_ptr_array_new_with_free_func (g_free);
  for (p = text, end = text + len; p < end;)
    {
      const char *nl = memchr (p, '\n', end - p);

      if (nl == NULL)
        nl = end;
      g_ptr_array_add (lines, expand_leading_tabs (p, nl - p));
      p = nl + 1;
    }

  md.blocks = g_array_new (FALSE, FALSE, sizeof (RawBlock));
  g_array_set_clear_func (md.blocks, raw_block_clear);
  md.references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  first_line = parse_front_matter (&md, (char **) lines->pdata, lines->len);
  parse_blocks (&md, (char **) lines->pdata + first_line, lines->len - first_line, &ctx);

  ex = glossa_extracted_new ();

  /* A leading level-1 heading is the title, not part of the text. */
  if (md.blocks->len > 0)
    {
      RawBlock *first = &g_array_index (md.blocks, RawBlock, 0);

      if (first->kind == GLOSSA_BLOCK_HEADING && first->level == 1)
        {
          ex->title = render_plain (&md, first->raw);
          first_block = 1;
          if (ex->title[0] == '\0')
            g_clear_pointer (&ex->title, g_free);
        }
    }
  if (md.fm_title != NULL)
    {
      g_free (ex->title);
      ex->title = render_plain (&md, md.fm_title);
    }
  if (ex->title == NULL)
    ex->title = _glossa_title_from_name (name);
  ex->byline = g_steal_pointer (&md.fm_byline);
  ex->published = g_steal_pointer (&md.fm_published);

  _glossa_text_builder_init (&builder, len);
  for (guint i = first_block; i < md.blocks->len; i++)
    {
      RawBlock *block = &g_array_index (md.blocks, RawBlock, i);
      gsize before_bytes = builder.str->len;
      gint64 before_length = builder.length;
      guint n_links = ex->links->len;
      gsize start_bytes;
      gint64 start;

      if (builder.str->len > 0)
        _glossa_text_builder_append_len (&builder, "\n\n", 2);
      start = builder.length;
      start_bytes = builder.str->len;

      if (block->verbatim)
        _glossa_text_builder_append (&builder, block->raw);
      else if (block->kind == GLOSSA_BLOCK_TABLE_ROW)
        emit_table_row (&md, block->raw, &builder, ex, start_bytes);
      else
        emit_inline (&md, block->raw, &builder, ex, start_bytes);

      /* Nothing visible (an image without a description, a paragraph of
       * HTML tags): no block, and no separator for it either. */
      if (is_all_space (builder.str->str + start_bytes, builder.str->str + builder.str->len))
        {
          _glossa_text_builder_truncate (&builder, before_bytes, before_length);
          g_array_set_size (ex->links, n_links);
          continue;
        }

      if (block->verbatim)
        glossa_extracted_add_block (ex, block->kind, block->level, start, builder.length);
      else
        {
          /* Like a plain-text paragraph, the block leaves out blank space
           * at its edges (an &nbsp; that opens a line, say). */
          const char *content = builder.str->str + start_bytes;
          const char *content_end = builder.str->str + builder.str->len;
          const char *first = _glossa_skip_blank (content, content_end);
          gsize trailing = _glossa_count_trailing_blank (first, content_end, NULL);

          glossa_extracted_add_block (ex, block->kind, block->level,
                                      start + g_utf8_strlen (content, first - content),
                                      builder.length - trailing);
        }
    }

  md_clear (&md);

  if (builder.length == 0)
    {
      _glossa_text_builder_free (&builder, TRUE);
      if (first_block > 0)
        g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                     _("“%s” has no text besides its title"), _glossa_display_name (name));
      else
        g_set_error (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                     _("“%s” has no text, only markup"), _glossa_display_name (name));
      return NULL;
    }

  g_free (ex->text);
  ex->length = builder.length;
  ex->text = _glossa_text_builder_free (&builder, FALSE);
  _glossa_guess_language (ex->text, strlen (ex->text), &ex->language, &ex->direction);
  ex->format = g_strdup ("markdown");
  ex->encoding = g_steal_pointer (&used);

  return g_steal_pointer (&ex);
}
