/* glossa-reader.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buffer holds a header (title, then a meta line) followed by the
 * article text; header_len code points separate buffer offsets from
 * article offsets.  Block styles are a handful of GtkTextTags applied once
 * per block.  Highlights are never tags: thousands of tags make GtkTextView
 * crawl, and it only paints the topmost tag's background anyway.  They live
 * in an interval index and are drawn in snapshot_layer() for the lines on
 * screen only.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "glossa-annotation.h"
#include "glossa-article.h"
#include "glossa-interval-index.h"
#include "glossa-reader.h"
#include "glossa-tag.h"

#define COLUMN_EMS          40.0
#define MIN_SIDE_MARGIN     24
#define FILL_ALPHA_LIGHT    0.35
#define FILL_ALPHA_DARK     0.28
#define HOVER_ALPHA_BONUS   0.12
#define UNDERLINE_HEIGHT    2.0
#define UNDERLINE_STEP      3.0
#define MAX_UNDERLINE_SLOTS 4
#define FLASH_DURATION_US   (900 * G_TIME_SPAN_MILLISECOND)
#define MAX_SEARCH_MATCHES  100000
#define UNTAGGED_COLOR      "#9a9996"   /* neutral grey, as the window draws untagged ones */
/* Block styles for the text up to here are applied before the first frame,
 * the rest in chunks of STYLE_CHUNK_US from an idle above the text view's
 * layout validation (so lines are laid out once, with their style) and
 * below its redraw (so frames keep coming). */
#define STYLE_SYNC_CHARS    16384
#define STYLE_CHUNK_US      (4 * G_TIME_SPAN_MILLISECOND)
#define STYLE_PRIORITY      (GDK_PRIORITY_REDRAW + 2)
#define DEFAULT_FONT_CSS    "font-family: \"Noto Serif CJK SC\", \"Noto Serif\", serif; font-size: 13pt;"

typedef struct {
  gint64  id;
  gint64  start;        /* article offsets */
  gint64  end;
  guint   color;        /* index of the first colour in self->colors */
  guint   n_colors;
  const char *label;    /* interned in self->labels, or NULL */
  char   *note;         /* NULL when none */
} Highlight;

typedef struct {
  gint64 start;
  gint64 end;
} Range;

typedef struct {
  gint64      start;    /* article offsets */
  gint64      end;
  GtkTextTag *tag;
} StyleSpan;

struct _GlossaReader
{
  GtkTextView          parent_instance;

  GtkCssProvider      *font_provider;

  GtkTextTag          *title_tag;
  GtkTextTag          *meta_tag;
  GtkTextTag          *heading_tags[3];
  GtkTextTag          *quote_tag;
  GtkTextTag          *list_tags[3];
  GtkTextTag          *pre_tag;
  GtkTextTag          *caption_tag;
  GtkTextTag          *table_tag;

  gint64               header_len;     /* code points before the article text */
  gint64               length;         /* of the article text */
  char                *text;           /* the article text, for searching it as a string */
  GArray              *list_starts;    /* gint64 article offsets of list items, sorted */
  GArray              *quotes;         /* Range of quote blocks, sorted */
  GArray              *pending_styles; /* StyleSpan not applied yet, in text order */
  guint                next_style;     /* index of the next one to apply */
  guint                style_idle;
  guint                style_tick;     /* waits for the first frame to start style_idle */

  GArray              *highlights;     /* Highlight */
  GArray              *colors;         /* GdkRGBA, opaque */
  GlossaIntervalIndex *index;          /* values index into highlights */
  GHashTable          *labels;         /* interned tooltip labels (tag names) */
  gint64               selected_id;
  gint64               hover_id;

  GArray              *matches;        /* Range, sorted */
  gint64               current_match;  /* index, or -1 */

  GdkRGBA              fg;             /* the view's text colour */
  gboolean             dark;
  double               fill_alpha;

  Range                flash;
  gint64               flash_start_time;
  guint                flash_tick;

  gboolean             button_down;
  double               pointer_x;       /* last pointer position, widget coordinates */
  double               pointer_y;
  double               press_x;
  double               press_y;
  guint32              press_time;
  guint                press_count;
  guint                click_idle;
  guint                selection_idle;
  gint64               last_sel_start;
  gint64               last_sel_end;

  int                  last_width;

  gint64               scroll_target;   /* article offset held on screen */
  double               scroll_yalign;
  guint                scroll_tick;
  guint                scroll_stable;    /* frames the target has not moved */
  gint64               scroll_deadline;
  gboolean             scroll_applying;
  GtkAdjustment       *vadjustment;     /* watched for the user's scrolling */
};

G_DEFINE_FINAL_TYPE (GlossaReader, glossa_reader, GTK_TYPE_TEXT_VIEW)

enum {
  ANNOTATION_ACTIVATED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void stop_scroll_hold (GlossaReader *self);

static inline gint64
to_article (GlossaReader *self,
            gint64        buffer_offset)
{
  return CLAMP (buffer_offset - self->header_len, 0, self->length);
}

static void
get_iter_at_article (GlossaReader *self,
                     GtkTextIter  *iter,
                     gint64        offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  offset = CLAMP (offset, 0, self->length);
  gtk_text_buffer_get_iter_at_offset (buffer, iter, (int) (offset + self->header_len));
}

static gint64
iter_to_article (GlossaReader      *self,
                 const GtkTextIter *iter)
{
  return to_article (self, gtk_text_iter_get_offset (iter));
}

static void
clear_highlight (gpointer data)
{
  Highlight *hl = data;

  g_clear_pointer (&hl->note, g_free);
}

/* Style */

static gboolean
is_dark_color (const GdkRGBA *fg)
{
  /* Light text means a dark background. */
  return 0.2126 * fg->red + 0.7152 * fg->green + 0.0722 * fg->blue > 0.5;
}

static void
update_style (GlossaReader *self)
{
  GdkRGBA fg;
  GdkRGBA dim;

  if (self->meta_tag == NULL)
    return;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS

  if (gdk_rgba_equal (&fg, &self->fg))
    return;

  self->fg = fg;
  self->dark = is_dark_color (&fg);
  self->fill_alpha = self->dark ? FILL_ALPHA_DARK : FILL_ALPHA_LIGHT;

  dim = fg;
  /* Relative: libadwaita's text colour is already translucent. */
  dim.alpha = fg.alpha * 0.65f;
  g_object_set (self->meta_tag, "foreground-rgba", &dim, NULL);
  g_object_set (self->quote_tag, "foreground-rgba", &dim, NULL);
  g_object_set (self->caption_tag, "foreground-rgba", &dim, NULL);
}

static double
font_size_px (GlossaReader *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  double size;

  if (desc == NULL || pango_font_description_get_size (desc) == 0)
    return 16.0;

  size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (desc))
    size = size * 96.0 / 72.0;

  return size;
}

/* Caps the line length by centring a column of about 40 em. */
static void
update_margins (GlossaReader *self,
                int           width)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  int column = (int) (COLUMN_EMS * font_size_px (self));
  int side = MAX (MIN_SIDE_MARGIN, (width - column) / 2);

  if (gtk_text_view_get_left_margin (view) == side && gtk_text_view_get_right_margin (view) == side)
    return;

  gtk_text_view_set_left_margin (view, side);
  gtk_text_view_set_right_margin (view, side);

  /* A tag's margin replaces the view's instead of adding to it. */
  g_object_set (self->quote_tag, "left-margin", side + 28, "right-margin", side + 16, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->list_tags); i++)
    g_object_set (self->list_tags[i], "left-margin", side + 28 * (int) (i + 1), NULL);
  g_object_set (self->pre_tag, "left-margin", side + 16, NULL);
  g_object_set (self->table_tag, "left-margin", side + 16, NULL);
}

/* The width the reader will likely get, before its first allocation: its
 * nearest allocated ancestor's (a stack showing another page), else its
 * window's default width (an article opened before the window shows). */
static int
estimate_width (GlossaReader *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = 0, height = 0;

  for (GtkWidget *w = gtk_widget_get_parent (GTK_WIDGET (self)); w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_width (w) > 0)
      return gtk_widget_get_width (w);
  if (GTK_IS_WINDOW (root))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);

  return MAX (width, 0);
}

static void
glossa_reader_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GlossaReader *self = GLOSSA_READER (widget);

  if (width != self->last_width)
    {
      self->last_width = width;
      update_margins (self, width);
    }

  GTK_WIDGET_CLASS (glossa_reader_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
glossa_reader_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GlossaReader *self = GLOSSA_READER (widget);

  GTK_WIDGET_CLASS (glossa_reader_parent_class)->css_changed (widget, change);

  update_style (self);
  if (self->last_width > 0)
    update_margins (self, self->last_width);
}

void
glossa_reader_set_font (GlossaReader *self,
                        const char   *font)
{
  g_autoptr(GString) css = g_string_new ("textview.glossa-reader {");

  g_return_if_fail (GLOSSA_IS_READER (self));

  if (font == NULL || *font == '\0')
    {
      g_string_append (css, DEFAULT_FONT_CSS);
    }
  else
    {
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
      PangoFontMask mask = pango_font_description_get_set_fields (desc);

      if (mask & PANGO_FONT_MASK_FAMILY)
        {
          g_auto(GStrv) families = g_strsplit (pango_font_description_get_family (desc), ",", -1);

          g_string_append (css, "font-family: ");
          for (guint i = 0; families[i] != NULL; i++)
            g_string_append_printf (css, "\"%s\", ", g_strstrip (families[i]));
          /* Keep the CJK fallbacks behind the chosen family. */
          g_string_append (css, "\"Noto Serif CJK SC\", \"Noto Serif\", serif;");
        }
      else
        g_string_append (css, "font-family: \"Noto Serif CJK SC\", \"Noto Serif\", serif;");

      if (mask & PANGO_FONT_MASK_SIZE)
        g_string_append_printf (css, " font-size: %.1f%s;",
                                (double) pango_font_description_get_size (desc) / PANGO_SCALE,
                                pango_font_description_get_size_is_absolute (desc) ? "px" : "pt");
      else
        g_string_append (css, " font-size: 13pt;");
      if (mask & PANGO_FONT_MASK_WEIGHT)
        g_string_append_printf (css, " font-weight: %d;", pango_font_description_get_weight (desc));
    }
  g_string_append (css, "}");

  gtk_css_provider_load_from_data (self->font_provider, css->str, (gssize) css->len);
}

/* Content */

static GtkTextTag *
tag_for_block (GlossaReader      *self,
               const GlossaBlock *block)
{
  switch (block->kind)
    {
    case GLOSSA_BLOCK_HEADING:
      return self->heading_tags[MIN (MAX (block->level, 1), 3) - 1];
    case GLOSSA_BLOCK_QUOTE:
      return self->quote_tag;
    case GLOSSA_BLOCK_LIST_ITEM:
      return self->list_tags[MIN (MAX (block->level, 1), 3) - 1];
    case GLOSSA_BLOCK_PREFORMATTED:
      return self->pre_tag;
    case GLOSSA_BLOCK_CAPTION:
      return self->caption_tag;
    case GLOSSA_BLOCK_TABLE_ROW:
      return self->table_tag;
    case GLOSSA_BLOCK_PARAGRAPH:
    default:
      return NULL;
    }
}

static void
clear_search_matches (GlossaReader *self)
{
  g_array_set_size (self->matches, 0);
  self->current_match = -1;
}

/**
 * glossa_reader_format_published:
 * @published: a published date as the importer found it
 * @with_time: whether to show the time of day, when there is one
 *
 * An ISO 8601 date ("2024-02-22", "2024-02-22T10:17[:05][+08:00]") in the
 * user's language, as written in the source (no time zone conversion);
 * anything else as found.
 *
 * Returns: (transfer full): the date to show
 */
char *
glossa_reader_format_published (const char *published,
                                gboolean    with_time)
{
  int y, mo, d, h, mi, n = 0;
  char sep;
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (published != NULL, NULL);

  if (sscanf (published, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
    return g_strdup (published);
  if (published[10] == '\0' ||
      (!with_time && (published[10] == 'T' || published[10] == ' ')))
    {
      dt = g_date_time_new_utc (y, mo, d, 0, 0, 0);
      /* Translators: a publication date, see g_date_time_format() */
      return dt != NULL ? g_date_time_format (dt, C_("published date", "%Y-%m-%d")) : g_strdup (published);
    }
  if (sscanf (published + 10, "%c%2d:%2d", &sep, &h, &mi) != 3 || (sep != 'T' && sep != ' '))
    return g_strdup (published);
  dt = g_date_time_new_utc (y, mo, d, h, mi, 0);
  /* Translators: a publication date and time, see g_date_time_format() */
  return dt != NULL ? g_date_time_format (dt, C_("published date and time", "%Y-%m-%d %H:%M"))
                    : g_strdup (published);
}

/* The first block when its text is exactly @title, else NULL. */
static const GlossaBlock *
title_block_of (const GlossaExtracted *content,
                const char            *title)
{
  const GlossaBlock *block;
  const char *start, *end;
  gsize title_bytes;

  if (title == NULL || *title == '\0' || content->blocks == NULL || content->blocks->len == 0)
    return NULL;

  block = &g_array_index (content->blocks, GlossaBlock, 0);
  if (block->start >= block->end || block->end > content->length)
    return NULL;

  /* Only the text's first line: nothing but white space before it. */
  start = content->text;
  for (gint64 i = 0; i < block->start; i++, start = g_utf8_next_char (start))
    if (!g_unichar_isspace (g_utf8_get_char (start)))
      return NULL;
  end = g_utf8_offset_to_pointer (start, block->end - block->start);

  title_bytes = strlen (title);
  if ((gsize) (end - start) != title_bytes || memcmp (start, title, title_bytes) != 0)
    return NULL;

  return block;
}

static void
apply_style (GlossaReader    *self,
             GtkTextBuffer   *buffer,
             const StyleSpan *span)
{
  GtkTextIter start, end;

  /* The block's own range: paragraph attributes (margins, spacing) come
   * from the tags at a line's start, so the line follows its block. */
  get_iter_at_article (self, &start, span->start);
  end = start;
  gtk_text_iter_forward_chars (&end, (int) (span->end - span->start));
  gtk_text_buffer_apply_tag (buffer, span->tag, &start, &end);
}

static gboolean
apply_styles_idle_cb (gpointer user_data)
{
  GlossaReader *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gint64 deadline = g_get_monotonic_time () + STYLE_CHUNK_US;

  while (self->next_style < self->pending_styles->len)
    {
      apply_style (self, buffer, &g_array_index (self->pending_styles, StyleSpan, self->next_style++));
      if ((self->next_style & 31) == 0 && g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }

  g_array_set_size (self->pending_styles, 0);
  self->next_style = 0;
  self->style_idle = 0;

  return G_SOURCE_REMOVE;
}

static gboolean
start_styles_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  GlossaReader *self = GLOSSA_READER (widget);

  self->style_tick = 0;
  self->style_idle = g_idle_add_full (STYLE_PRIORITY, apply_styles_idle_cb, self, NULL);
  g_source_set_name_by_id (self->style_idle, "[glossa] apply block styles");

  return G_SOURCE_REMOVE;
}

static void
cancel_styles (GlossaReader *self)
{
  g_clear_handle_id (&self->style_idle, g_source_remove);
  if (self->style_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->style_tick);
      self->style_tick = 0;
    }
  g_array_set_size (self->pending_styles, 0);
  self->next_style = 0;
}

gboolean
glossa_reader_get_styling (GlossaReader *self)
{
  g_return_val_if_fail (GLOSSA_IS_READER (self), FALSE);

  return self->style_idle != 0 || self->style_tick != 0;
}

void
glossa_reader_set_content (GlossaReader          *self,
                           GlossaArticle         *article,
                           const GlossaExtracted *content)
{
  GtkTextBuffer *buffer;
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) meta = g_ptr_array_new ();
  gint64 title_len = 0;
  gint64 meta_len = 0;
  g_autofree char *published_shown = NULL;
  const char *title_str, *byline, *site, *published;
  const GlossaBlock *title_block;
  GtkTextIter start, end;

  g_return_if_fail (GLOSSA_IS_READER (self));
  g_return_if_fail (article == NULL || GLOSSA_IS_ARTICLE (article));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  /* Highlights, matches and the outlined annotation belonged to the text
   * being replaced. */
  clear_search_matches (self);
  glossa_reader_set_highlights (self, NULL, 0);
  self->selected_id = 0;
  self->hover_id = 0;
  stop_scroll_hold (self);
  g_array_set_size (self->list_starts, 0);
  g_array_set_size (self->quotes, 0);
  cancel_styles (self);
  self->flash.start = self->flash.end = 0;

  g_clear_pointer (&self->text, g_free);
  if (content == NULL)
    {
      self->header_len = 0;
      self->length = 0;
      gtk_text_buffer_set_text (buffer, "", 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article text"),
                                      -1);
      return;
    }

  /* The header, then the text in one insertion: no per-block inserts and
   * no copy of a long text. */
  text = g_string_new (NULL);
  /* The stored article's metadata (which the user may have edited) wins
   * over what the importer found. */
  title_str = article != NULL ? glossa_article_get_title (article) : content->title;
  byline = article != NULL ? glossa_article_get_byline (article) : content->byline;
  site = article != NULL ? glossa_article_get_site_name (article) : content->site_name;
  published = article != NULL ? glossa_article_get_published (article) : content->published;

  if (byline != NULL && *byline != '\0')
    g_ptr_array_add (meta, (gpointer) byline);
  if (site != NULL && *site != '\0')
    g_ptr_array_add (meta, (gpointer) site);
  if (published != NULL && *published != '\0')
    {
      published_shown = glossa_reader_format_published (published, TRUE);
      g_ptr_array_add (meta, published_shown);
    }

  /* A plain text's title is its first line, which stays in the text: show
   * that line as the title rather than the title twice (it can then be
   * annotated like any other line).  Not with a meta line, which goes
   * under the title. */
  title_block = meta->len == 0 ? title_block_of (content, title_str) : NULL;

  if (title_str != NULL && *title_str != '\0' && title_block == NULL)
    {
      g_autofree char *title = g_strdelimit (g_strdup (title_str), "\n\r", ' ');

      g_string_append (text, title);
      g_string_append_c (text, '\n');
      title_len = g_utf8_strlen (title, -1) + 1;
    }
  if (meta->len > 0)
    {
      g_autofree char *line = NULL;

      g_ptr_array_add (meta, NULL);
      line = g_strjoinv (" · ", (char **) meta->pdata);
      g_strdelimit (line, "\n\r", ' ');
      g_string_append (text, line);
      g_string_append_c (text, '\n');
      meta_len = g_utf8_strlen (line, -1) + 1;
    }
  self->header_len = title_len + meta_len;
  self->length = content->length;
  self->text = g_strdup (content->text);

  /* Changing the view's margins lays out every line again (two passes over
   * a 166,000-line article): not yet allocated, set them for the likely
   * width before the text goes in, and the allocation keeps them. */
  if (self->last_width == 0)
    {
      int width = estimate_width (self);

      if (width > 0)
        update_margins (self, width);
    }

  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_set_text (buffer, text->str, (int) text->len);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, content->text, -1);

  /* The header's tags end before their newline.  GtkTextLayout keeps the
   * style in force at the end of the last line it laid out and reuses it
   * for the next line it lays out that has no tag toggle, even when that
   * line is not the next one (GTK 4.8): a header tag still on at the end of
   * its line turned paragraphs laid out out of order (an annotation's
   * outline, a scroll target) into small grey meta text. */
  if (title_len > 0)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) title_len - 1);
      gtk_text_buffer_apply_tag (buffer, self->title_tag, &start, &end);
    }
  if (meta_len > 0)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) title_len);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) (title_len + meta_len) - 1);
      gtk_text_buffer_apply_tag (buffer, self->meta_tag, &start, &end);
    }
  if (title_block != NULL)
    {
      get_iter_at_article (self, &start, title_block->start);
      get_iter_at_article (self, &end, title_block->end);
      gtk_text_buffer_apply_tag (buffer, self->title_tag, &start, &end);
    }

  /* One pass over the blocks; plain paragraphs carry no tag at all. */
  for (guint i = 0; i < content->blocks->len; i++)
    {
      const GlossaBlock *block = &g_array_index (content->blocks, GlossaBlock, i);
      GtkTextTag *tag = tag_for_block (self, block);
      StyleSpan span;

      if (block->kind == GLOSSA_BLOCK_LIST_ITEM)
        g_array_append_val (self->list_starts, block->start);
      if (block->kind == GLOSSA_BLOCK_QUOTE && block->start < block->end)
        {
          Range r = { block->start, block->end };

          g_array_append_val (self->quotes, r);
        }
      if (tag == NULL || block->start >= block->end || block == title_block)
        continue;

      span.start = block->start;
      span.end = MIN (block->end, content->length);
      span.tag = tag;
      if (span.start >= span.end)
        continue;
      /* The first screenful now, the rest from an idle. */
      if (span.start < STYLE_SYNC_CHARS)
        apply_style (self, buffer, &span);
      else
        g_array_append_val (self->pending_styles, span);
    }
  /* From the first frame on: not competing with the one showing the text. */
  if (self->pending_styles->len > 0)
    self->style_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), start_styles_tick_cb, NULL, NULL);

  get_iter_at_article (self, &start, 0);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->last_sel_start = self->last_sel_end = 0;

  if (title_str != NULL && *title_str != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("Article text: %s"), title_str);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
glossa_reader_get_length (GlossaReader *self)
{
  g_return_val_if_fail (GLOSSA_IS_READER (self), 0);

  return self->length;
}

/* Highlights */

/* Parses each distinct colour once per call. */
static GdkRGBA
lookup_color (GHashTable *cache,
              GArray     *parsed,
              const char *spec)
{
  gpointer found;
  GdkRGBA rgba;

  if (g_hash_table_lookup_extended (cache, spec, NULL, &found))
    return g_array_index (parsed, GdkRGBA, GPOINTER_TO_UINT (found));

  if (!gdk_rgba_parse (&rgba, spec))
    gdk_rgba_parse (&rgba, UNTAGGED_COLOR);
  rgba.alpha = 1.0f;
  g_array_append_val (parsed, rgba);
  g_hash_table_insert (cache, (gpointer) spec, GUINT_TO_POINTER (parsed->len - 1));

  return rgba;
}

static char *
build_tooltip (const char *label,
               const char *note)
{
  gboolean has_label = label != NULL && *label != '\0';
  gboolean has_note = note != NULL && *note != '\0';

  if (!has_label && !has_note)
    return NULL;
  if (has_label && has_note)
    return g_markup_printf_escaped ("<b>%s</b>\n%s", label, note);
  if (has_label)
    return g_markup_printf_escaped ("<b>%s</b>", label);
  return g_markup_escape_text (note, -1);
}

void
glossa_reader_set_highlights (GlossaReader                *self,
                              const GlossaReaderHighlight *highlights,
                              guint                        n_highlights)
{
  g_autoptr(GHashTable) cache = NULL;
  g_autoptr(GArray) parsed = NULL;

  g_return_if_fail (GLOSSA_IS_READER (self));
  g_return_if_fail (highlights != NULL || n_highlights == 0);

  /* Colours are parsed here, never while drawing; the cache's keys borrow
   * the caller's strings for the duration of this call. */
  cache = g_hash_table_new (g_str_hash, g_str_equal);
  parsed = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  g_array_set_size (self->highlights, 0);
  g_array_set_size (self->colors, 0);
  g_hash_table_remove_all (self->labels);
  glossa_interval_index_clear (self->index);

  for (guint i = 0; i < n_highlights; i++)
    {
      const GlossaReaderHighlight *in = &highlights[i];
      Highlight hl = { 0 };

      if (in->start >= in->end)
        continue;

      hl.id = in->id;
      hl.start = in->start;
      hl.end = in->end;
      hl.color = self->colors->len;
      for (guint c = 0; in->colors != NULL && in->colors[c] != NULL; c++)
        {
          GdkRGBA rgba = lookup_color (cache, parsed, in->colors[c]);

          g_array_append_val (self->colors, rgba);
          hl.n_colors++;
        }
      if (hl.n_colors == 0)
        {
          GdkRGBA rgba = lookup_color (cache, parsed, UNTAGGED_COLOR);

          g_array_append_val (self->colors, rgba);
          hl.n_colors = 1;
        }
      if (in->note != NULL && *in->note != '\0')
        hl.note = g_strdup (in->note);
      if (in->label != NULL && *in->label != '\0')
        {
          /* Labels are a few tag-name combinations shared by thousands. */
          hl.label = g_hash_table_lookup (self->labels, in->label);
          if (hl.label == NULL)
            {
              char *copy = g_strdup (in->label);

              g_hash_table_add (self->labels, copy);
              hl.label = copy;
            }
        }

      g_array_append_val (self->highlights, hl);
      glossa_interval_index_add (self->index, hl.start, hl.end, self->highlights->len - 1);
    }

  glossa_interval_index_build (self->index);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

typedef struct {
  const char *color;
  const char *name;
} TagInfo;

void
glossa_reader_set_annotations (GlossaReader *self,
                               GPtrArray    *annotations,
                               GListModel   *tags)
{
  g_autoptr(GHashTable) tag_info = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) tag_refs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) highlights = NULL;
  g_autoptr(GArray) color_starts = NULL;
  g_autoptr(GPtrArray) colors = g_ptr_array_new ();
  g_autoptr(GString) label = g_string_new (NULL);
  GStringChunk *labels;
  guint n_tags;

  g_return_if_fail (GLOSSA_IS_READER (self));
  g_return_if_fail (tags == NULL || G_IS_LIST_MODEL (tags));

  if (annotations == NULL || annotations->len == 0)
    {
      glossa_reader_set_highlights (self, NULL, 0);
      return;
    }

  /* Tag colours and names, looked up once per call. */
  n_tags = tags != NULL ? g_list_model_get_n_items (tags) : 0;
  for (guint i = 0; i < n_tags; i++)
    {
      GlossaTag *tag = g_list_model_get_item (tags, i);
      gint64 *key = g_new (gint64, 1);
      TagInfo *info = g_new (TagInfo, 1);

      g_ptr_array_add (tag_refs, tag);
      *key = glossa_tag_get_id (tag);
      info->color = glossa_tag_get_color (tag);
      info->name = glossa_tag_get_name (tag);
      g_hash_table_insert (tag_info, key, info);
    }

  /* Labels repeat (a few tag combinations over thousands of annotations):
   * a string chunk stores each once, for the duration of this call. */
  labels = g_string_chunk_new (4096);
  highlights = g_array_sized_new (FALSE, TRUE, sizeof (GlossaReaderHighlight), annotations->len);
  color_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), annotations->len);

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossaAnnotation *annotation = g_ptr_array_index (annotations, i);
      GlossaReaderHighlight hl = { 0 };
      const gint64 *tag_ids;
      guint n_ids = 0;
      guint first_color = colors->len;

      g_return_if_fail (GLOSSA_IS_ANNOTATION (annotation));

      if (glossa_annotation_get_orphaned (annotation))
        continue;

      hl.id = glossa_annotation_get_id (annotation);
      hl.start = glossa_annotation_get_start (annotation);
      hl.end = glossa_annotation_get_end (annotation);
      hl.note = glossa_annotation_get_note (annotation);

      g_string_truncate (label, 0);
      tag_ids = glossa_annotation_get_tag_ids (annotation, &n_ids);
      for (guint t = 0; t < n_ids; t++)
        {
          const TagInfo *info = g_hash_table_lookup (tag_info, &tag_ids[t]);

          if (info == NULL)
            continue;
          g_ptr_array_add (colors, (gpointer) info->color);
          if (label->len > 0)
            g_string_append (label, ", ");
          g_string_append (label, info->name);
        }
      g_ptr_array_add (colors, NULL);
      hl.label = label->len > 0 ? g_string_chunk_insert_const (labels, label->str) : NULL;

      g_array_append_val (highlights, hl);
      g_array_append_val (color_starts, first_color);
    }

  /* Colour lists point into @colors, which has stopped growing now. */
  for (guint i = 0; i < highlights->len; i++)
    g_array_index (highlights, GlossaReaderHighlight, i).colors =
      (const char *const *) &colors->pdata[g_array_index (color_starts, guint, i)];

  glossa_reader_set_highlights (self, (const GlossaReaderHighlight *) (gpointer) highlights->data,
                                highlights->len);
  g_string_chunk_free (labels);
}

static gboolean
append_id_cb (gint64   start,
              gint64   end,
              guint    value,
              gpointer user_data)
{
  gpointer *data = user_data;
  GlossaReader *self = data[0];
  GArray *ids = data[1];

  g_array_append_val (ids, g_array_index (self->highlights, Highlight, value).id);
  return TRUE;
}

GArray *
glossa_reader_get_highlights_in_range (GlossaReader *self,
                                       gint64        start,
                                       gint64        end)
{
  GArray *ids;
  gpointer data[2];

  g_return_val_if_fail (GLOSSA_IS_READER (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  data[0] = self;
  data[1] = ids;
  glossa_interval_index_foreach (self->index, start, end, append_id_cb, data);

  return ids;
}

/* The buffer range of the display lines that intersect the visible area:
 * display lines, not paragraphs, so a long paragraph costs only its
 * visible part. */
static gboolean
get_visible_iters (GlossaReader *self,
                   GtkTextIter  *start,
                   GtkTextIter  *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;

  gtk_text_view_get_visible_rect (view, &visible);
  if (visible.height <= 0 || visible.width <= 0)
    return FALSE;

  gtk_text_view_get_iter_at_location (view, start, visible.x, visible.y);
  if (!gtk_text_view_starts_display_line (view, start))
    gtk_text_view_backward_display_line_start (view, start);
  gtk_text_view_get_iter_at_location (view, end, visible.x + visible.width,
                                      visible.y + visible.height);
  if (!gtk_text_iter_ends_line (end))
    {
      GtkTextIter next = *end;

      /* The start of the next display line, or the paragraph's end. */
      if (gtk_text_view_forward_display_line (view, &next) &&
          gtk_text_iter_get_line (&next) == gtk_text_iter_get_line (end))
        *end = next;
      else
        gtk_text_iter_forward_to_line_end (end);
    }

  return TRUE;
}

gboolean
glossa_reader_get_visible_range (GlossaReader *self,
                                 gint64       *start,
                                 gint64       *end)
{
  GtkTextIter s, e;
  gint64 a, b;

  g_return_val_if_fail (GLOSSA_IS_READER (self), FALSE);

  if (!get_visible_iters (self, &s, &e))
    return FALSE;

  a = iter_to_article (self, &s);
  b = iter_to_article (self, &e);
  if (a >= b)
    return FALSE;
  if (start != NULL)
    *start = a;
  if (end != NULL)
    *end = b;

  return TRUE;
}

/* Appends one rectangle per display line of the buffer range [s, e), in
 * buffer coordinates.  Only ever called for on-screen ranges. */
static void
collect_line_rects (GlossaReader      *self,
                    const GtkTextIter *s,
                    const GtkTextIter *e,
                    GArray            *rects)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter iter = *s;

  while (gtk_text_iter_compare (&iter, e) < 0)
    {
      GtkTextIter next = iter;
      GtkTextIter last;
      GdkRectangle first_loc, last_loc;
      graphene_rect_t rect;
      int x0, x1;

      if (!gtk_text_view_forward_display_line (view, &next))
        gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &next);
      if (gtk_text_iter_compare (&next, e) > 0)
        next = *e;
      if (gtk_text_iter_compare (&next, &iter) <= 0)
        break;

      /* The last character drawn on this line; never the newline. */
      last = next;
      gtk_text_iter_backward_char (&last);
      while (gtk_text_iter_compare (&last, &iter) > 0 && gtk_text_iter_get_char (&last) == '\n')
        gtk_text_iter_backward_char (&last);

      if (gtk_text_iter_get_char (&last) != '\n')
        {
          gtk_text_view_get_iter_location (view, &iter, &first_loc);
          gtk_text_view_get_iter_location (view, &last, &last_loc);
          x0 = MIN (first_loc.x, last_loc.x);
          x1 = MAX (first_loc.x + first_loc.width, last_loc.x + last_loc.width);
          if (x1 > x0)
            {
              rect = GRAPHENE_RECT_INIT (x0, first_loc.y, x1 - x0, first_loc.height);
              g_array_append_val (rects, rect);
            }
        }

      iter = next;
    }
}

typedef struct {
  guint    index;      /* into self->highlights */
  guint    slot;       /* underline row among overlapping highlights */
  gboolean overlaps;
} Visible;

static gboolean
collect_visible_cb (gint64   start,
                    gint64   end,
                    guint    value,
                    gpointer user_data)
{
  Visible v = { value, 0, FALSE };

  g_array_append_val ((GArray *) user_data, v);
  return TRUE;
}

/* Greedy interval colouring in start order: each highlight takes the lowest
 * underline slot not held by one it overlaps. */
static void
assign_slots (GlossaReader *self,
              GArray       *visible)
{
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (guint));  /* into visible */

  for (guint i = 0; i < visible->len; i++)
    {
      Visible *v = &g_array_index (visible, Visible, i);
      const Highlight *hl = &g_array_index (self->highlights, Highlight, v->index);
      guint used = 0;

      for (guint j = 0; j < active->len;)
        {
          Visible *a = &g_array_index (visible, Visible, g_array_index (active, guint, j));
          const Highlight *ahl = &g_array_index (self->highlights, Highlight, a->index);

          if (ahl->end <= hl->start)
            {
              g_array_remove_index_fast (active, j);
              continue;
            }
          a->overlaps = TRUE;
          v->overlaps = TRUE;
          if (a->slot < 32)
            used |= 1u << a->slot;
          j++;
        }
      while (v->slot < 31 && (used & (1u << v->slot)) != 0)
        v->slot++;
      g_array_append_val (active, i);
    }
}

static void
append_rounded_fill (GtkSnapshot           *snapshot,
                     const graphene_rect_t *rect,
                     float                  radius,
                     const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                float                  radius,
                float                  width,
                const GdkRGBA         *color)
{
  GskRoundedRect rounded;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

static void
buffer_range_of (GlossaReader *self,
                 gint64        start,
                 gint64        end,
                 GtkTextIter  *s,
                 GtkTextIter  *e)
{
  get_iter_at_article (self, s, start);
  get_iter_at_article (self, e, end);
}

static void
clip_to (GtkTextIter       *s,
         GtkTextIter       *e,
         const GtkTextIter *vs,
         const GtkTextIter *ve)
{
  if (gtk_text_iter_compare (s, vs) < 0)
    *s = *vs;
  if (gtk_text_iter_compare (e, ve) > 0)
    *e = *ve;
}

static void
draw_highlights (GlossaReader      *self,
                 GtkSnapshot       *snapshot,
                 const GtkTextIter *vis_start,
                 const GtkTextIter *vis_end)
{
  g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (Visible));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  gint64 vs = iter_to_article (self, vis_start);
  gint64 ve = iter_to_article (self, vis_end);

  glossa_interval_index_foreach (self->index, vs, MAX (ve, vs + 1), collect_visible_cb, visible);
  if (visible->len == 0)
    return;
  assign_slots (self, visible);

  /* Fills first, so every underline and outline sits on top of them. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < visible->len; i++)
        {
          const Visible *v = &g_array_index (visible, Visible, i);
          const Highlight *hl = &g_array_index (self->highlights, Highlight, v->index);
          const GdkRGBA *base = &g_array_index (self->colors, GdkRGBA, hl->color);
          GtkTextIter s, e;
          double alpha = self->fill_alpha + (hl->id == self->hover_id ? HOVER_ALPHA_BONUS : 0.0);

          buffer_range_of (self, hl->start, hl->end, &s, &e);
          clip_to (&s, &e, vis_start, vis_end);
          g_array_set_size (rects, 0);
          collect_line_rects (self, &s, &e, rects);

          for (guint r = 0; r < rects->len; r++)
            {
              const graphene_rect_t *rect = &g_array_index (rects, graphene_rect_t, r);

              if (pass == 0)
                {
                  /* Several tags: one horizontal band per tag colour. */
                  float band = rect->size.height / hl->n_colors;

                  for (guint c = 0; c < hl->n_colors; c++)
                    {
                      GdkRGBA color = g_array_index (self->colors, GdkRGBA, hl->color + c);
                      graphene_rect_t part = GRAPHENE_RECT_INIT (rect->origin.x,
                                                                 rect->origin.y + c * band,
                                                                 rect->size.width, band);

                      color.alpha = (float) alpha;
                      gtk_snapshot_append_color (snapshot, &color, &part);
                    }

                  /* A solid line of the tag's colour along the bottom, so a
                   * highlight never looks like the text selection. */
                  {
                    GdkRGBA color = *base;
                    graphene_rect_t line = GRAPHENE_RECT_INIT (rect->origin.x,
                                                               rect->origin.y + rect->size.height
                                                               - UNDERLINE_HEIGHT,
                                                               rect->size.width, UNDERLINE_HEIGHT);

                    color.alpha = self->dark ? 0.85f : 1.0f;
                    gtk_snapshot_append_color (snapshot, &color, &line);
                  }
                }
              else
                {
                  if (v->overlaps)
                    {
                      GdkRGBA color = *base;
                      graphene_rect_t line;
                      guint slot = MIN (v->slot, MAX_UNDERLINE_SLOTS - 1);

                      color.alpha = self->dark ? 0.85f : 1.0f;
                      line = GRAPHENE_RECT_INIT (rect->origin.x,
                                                 rect->origin.y + rect->size.height + 1
                                                 + slot * UNDERLINE_STEP,
                                                 rect->size.width, UNDERLINE_HEIGHT);
                      gtk_snapshot_append_color (snapshot, &color, &line);
                    }

                  if (hl->id == self->selected_id)
                    {
                      GdkRGBA color = *base;
                      graphene_rect_t outer;

                      /* Darker than the fill so it reads on it, in both modes. */
                      if (!self->dark)
                        {
                          color.red *= 0.6f;
                          color.green *= 0.6f;
                          color.blue *= 0.6f;
                        }
                      graphene_rect_inset_r (rect, -2, -2, &outer);
                      append_outline (snapshot, &outer, 4, 2, &color);
                    }
                }
            }

          if (pass == 1 && hl->note != NULL && rects->len > 0 && gtk_text_iter_compare (&e, vis_end) < 0)
            {
              /* A dot at the end of an annotation with a note. */
              const graphene_rect_t *last = &g_array_index (rects, graphene_rect_t, rects->len - 1);
              graphene_rect_t dot = GRAPHENE_RECT_INIT (last->origin.x + last->size.width - 3,
                                                        last->origin.y - 3, 7, 7);
              GdkRGBA color = *base;

              if (!self->dark)
                {
                  color.red *= 0.7f;
                  color.green *= 0.7f;
                  color.blue *= 0.7f;
                }
              append_rounded_fill (snapshot, &dot, 3.5f, &color);
            }
        }
    }
}

static guint
lower_bound_match (GArray *ranges,
                   gint64  offset)
{
  guint lo = 0, hi = ranges->len;

  /* First range whose end is after offset. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (ranges, Range, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
draw_search (GlossaReader      *self,
             GtkSnapshot       *snapshot,
             const GtkTextIter *vis_start,
             const GtkTextIter *vis_end)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  gint64 vs = iter_to_article (self, vis_start);
  gint64 ve = iter_to_article (self, vis_end);
  GdkRGBA outline = self->dark ? (GdkRGBA) { 1.0f, 0.85f, 0.3f, 0.9f }
                               : (GdkRGBA) { 0.8f, 0.45f, 0.0f, 0.9f };
  GdkRGBA current = self->dark ? (GdkRGBA) { 1.0f, 0.6f, 0.1f, 0.45f }
                               : (GdkRGBA) { 1.0f, 0.55f, 0.0f, 0.45f };

  for (guint i = lower_bound_match (self->matches, vs); i < self->matches->len; i++)
    {
      const Range *m = &g_array_index (self->matches, Range, i);
      GtkTextIter s, e;

      if (m->start >= ve)
        break;

      buffer_range_of (self, m->start, m->end, &s, &e);
      clip_to (&s, &e, vis_start, vis_end);
      g_array_set_size (rects, 0);
      collect_line_rects (self, &s, &e, rects);
      for (guint r = 0; r < rects->len; r++)
        {
          const graphene_rect_t *rect = &g_array_index (rects, graphene_rect_t, r);
          graphene_rect_t outer;

          graphene_rect_inset_r (rect, -1, -1, &outer);
          if ((gint64) i == self->current_match)
            append_rounded_fill (snapshot, &outer, 3, &current);
          append_outline (snapshot, &outer, 3, 1.5f, &outline);
        }
    }
}

static double
flash_level (GlossaReader *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  double t;

  if (self->flash_tick == 0 || clock == NULL)
    return 0.0;

  t = (double) (gdk_frame_clock_get_frame_time (clock) - self->flash_start_time) / FLASH_DURATION_US;
  if (t < 0.0 || t >= 1.0)
    return 0.0;

  /* Two soft pulses. */
  return 0.5 * (1.0 - cos (4.0 * G_PI * t)) * (1.0 - t);
}

static void
draw_flash (GlossaReader      *self,
            GtkSnapshot       *snapshot,
            const GtkTextIter *vis_start,
            const GtkTextIter *vis_end)
{
  g_autoptr(GArray) rects = NULL;
  double level = flash_level (self);
  GdkRGBA color = self->dark ? (GdkRGBA) { 0.47f, 0.68f, 0.93f, 0.0f }
                             : (GdkRGBA) { 0.21f, 0.52f, 0.89f, 0.0f };
  GtkTextIter s, e;

  if (level <= 0.0 || self->flash.start >= self->flash.end)
    return;

  rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  buffer_range_of (self, self->flash.start, self->flash.end, &s, &e);
  clip_to (&s, &e, vis_start, vis_end);
  collect_line_rects (self, &s, &e, rects);
  color.alpha = (float) (0.55 * level);
  for (guint r = 0; r < rects->len; r++)
    {
      graphene_rect_t outer;

      graphene_rect_inset_r (&g_array_index (rects, graphene_rect_t, r), -3, -2, &outer);
      append_rounded_fill (snapshot, &outer, 4, &color);
    }
}

static guint
lower_bound_offset (GArray *offsets,
                    gint64  offset)
{
  guint lo = 0, hi = offsets->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (offsets, gint64, mid) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* List items get a bullet drawn in their indent, so the text (and every
 * offset) stays exactly the article's. */
static void
draw_bullets (GlossaReader      *self,
              GtkSnapshot       *snapshot,
              const GtkTextIter *vis_start,
              const GtkTextIter *vis_end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  gint64 vs = iter_to_article (self, vis_start);
  gint64 ve = iter_to_article (self, vis_end);
  GdkRGBA color = self->fg;

  color.alpha = 0.7f;
  for (guint i = lower_bound_offset (self->list_starts, vs); i < self->list_starts->len; i++)
    {
      gint64 offset = g_array_index (self->list_starts, gint64, i);
      GtkTextIter iter;
      GdkRectangle loc;
      graphene_rect_t dot;
      float size;

      if (offset > ve)
        break;
      get_iter_at_article (self, &iter, offset);
      gtk_text_view_get_iter_location (view, &iter, &loc);
      size = MAX (4.0f, loc.height / 5.0f);
      dot = GRAPHENE_RECT_INIT (loc.x - 2.5f * size, loc.y + (loc.height - size) / 2.0f, size, size);
      append_rounded_fill (snapshot, &dot, size / 2.0f, &color);
    }
}

/* Quotes get a bar in their indent. */
static void
draw_quote_bars (GlossaReader      *self,
                 GtkSnapshot       *snapshot,
                 const GtkTextIter *vis_start,
                 const GtkTextIter *vis_end)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  gint64 vs = iter_to_article (self, vis_start);
  gint64 ve = iter_to_article (self, vis_end);
  GdkRGBA color = self->fg;

  color.alpha = 0.25f;
  for (guint i = lower_bound_match (self->quotes, vs); i < self->quotes->len; i++)
    {
      const Range *q = &g_array_index (self->quotes, Range, i);
      const graphene_rect_t *first, *last;
      graphene_rect_t bar;
      GtkTextIter s, e;

      if (q->start >= ve)
        break;
      buffer_range_of (self, q->start, q->end, &s, &e);
      clip_to (&s, &e, vis_start, vis_end);
      g_array_set_size (rects, 0);
      collect_line_rects (self, &s, &e, rects);
      if (rects->len == 0)
        continue;
      first = &g_array_index (rects, graphene_rect_t, 0);
      last = &g_array_index (rects, graphene_rect_t, rects->len - 1);
      bar = GRAPHENE_RECT_INIT (gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self)) + 8,
                                first->origin.y,
                                3, last->origin.y + last->size.height - first->origin.y);
      append_rounded_fill (snapshot, &bar, 1.5f, &color);
    }
}

static void
glossa_reader_snapshot_layer (GtkTextView      *view,
                              GtkTextViewLayer  layer,
                              GtkSnapshot      *snapshot)
{
  GlossaReader *self = GLOSSA_READER (view);
  GtkTextIter vis_start, vis_end;

  if (layer != GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    return;
  if (!get_visible_iters (self, &vis_start, &vis_end))
    return;

  draw_bullets (self, snapshot, &vis_start, &vis_end);
  draw_quote_bars (self, snapshot, &vis_start, &vis_end);
  draw_highlights (self, snapshot, &vis_start, &vis_end);
  draw_search (self, snapshot, &vis_start, &vis_end);
  draw_flash (self, snapshot, &vis_start, &vis_end);
}

/* Pointer */

/* The shortest highlight covering the article character at @offset (on a
 * tie, the later-starting one, drawn on top), or -1. */
static int
highlight_at_offset (GlossaReader *self,
                     gint64        offset)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Visible));
  int best = -1;

  glossa_interval_index_foreach (self->index, offset, offset + 1, collect_visible_cb, found);
  for (guint i = 0; i < found->len; i++)
    {
      guint idx = g_array_index (found, Visible, i).index;
      const Highlight *hl = &g_array_index (self->highlights, Highlight, idx);

      if (best < 0 ||
          hl->end - hl->start <= g_array_index (self->highlights, Highlight, best).end
                                 - g_array_index (self->highlights, Highlight, best).start)
        best = (int) idx;
    }

  return best;
}

/* The highlight under a point in widget coordinates, or -1. */
static int
highlight_at (GlossaReader *self,
              double        x,
              double        y)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter iter;
  GdkRectangle loc;
  int bx, by, trailing;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  /* The character under the point, not the nearest boundary. */
  if (!gtk_text_view_get_iter_at_position (view, &iter, &trailing, bx, by))
    return -1;
  gtk_text_view_get_iter_location (view, &iter, &loc);
  if (by < loc.y || by >= loc.y + loc.height || bx < MIN (loc.x, loc.x + loc.width) ||
      bx > MAX (loc.x, loc.x + loc.width))
    return -1;
  if (gtk_text_iter_get_offset (&iter) < self->header_len)
    return -1;

  return highlight_at_offset (self, iter_to_article (self, &iter));
}

gint64
glossa_reader_get_annotation_at (GlossaReader *self,
                                 gint64        offset)
{
  int idx;

  g_return_val_if_fail (GLOSSA_IS_READER (self), 0);

  idx = highlight_at_offset (self, offset);
  return idx >= 0 ? g_array_index (self->highlights, Highlight, idx).id : 0;
}

/* Return on a highlight opens it, as a click does. */
static void
activate_annotation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GlossaReader *self = GLOSSA_READER (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter cursor;
  gint64 id;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  if (gtk_text_iter_get_offset (&cursor) < self->header_len)
    return;
  id = glossa_reader_get_annotation_at (self, iter_to_article (self, &cursor));
  if (id == 0 && !gtk_text_iter_starts_line (&cursor))
    {
      /* The cursor just after a highlight's last character still means it. */
      gtk_text_iter_backward_char (&cursor);
      id = glossa_reader_get_annotation_at (self, iter_to_article (self, &cursor));
    }
  if (id != 0)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, id);
}

static void
motion_cb (GlossaReader             *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  int idx;
  gint64 id;

  self->pointer_x = x;
  self->pointer_y = y;
  idx = highlight_at (self, x, y);
  id = idx >= 0 ? g_array_index (self->highlights, Highlight, idx).id : 0;

  if (id != self->hover_id)
    {
      self->hover_id = id;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GlossaReader             *self,
          GtkEventControllerMotion *motion)
{
  if (self->hover_id != 0)
    {
      self->hover_id = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
glossa_reader_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  GlossaReader *self = GLOSSA_READER (widget);
  g_autofree char *markup = NULL;
  const Highlight *hl;
  int idx;

  if (keyboard_mode)
    return FALSE;

  idx = highlight_at (self, x, y);
  if (idx < 0)
    return FALSE;

  hl = &g_array_index (self->highlights, Highlight, idx);
  markup = build_tooltip (hl->label, hl->note);
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* A click (one press, released where it was pressed, selecting nothing)
 * on a highlight activates it.  Watched from the raw events: the view's
 * own gestures claim every press, so a click gesture of ours would be
 * cancelled before it saw the release. */
static gboolean
activate_click_idle_cb (gpointer user_data)
{
  GlossaReader *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  int idx;

  self->click_idle = 0;
  if (gtk_text_buffer_get_has_selection (buffer))
    return G_SOURCE_REMOVE;

  idx = highlight_at (self, self->press_x, self->press_y);
  if (idx >= 0)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0,
                   g_array_index (self->highlights, Highlight, idx).id);

  return G_SOURCE_REMOVE;
}

static void
track_click (GlossaReader *self,
             GdkEvent     *event,
             GdkEventType  type)
{
  int double_click_time = 400;
  int double_click_distance = 5;
  guint32 time = gdk_event_get_time (event);

  if (gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-double-click-time", &double_click_time,
                "gtk-double-click-distance", &double_click_distance,
                NULL);

  if (type == GDK_BUTTON_PRESS)
    {
      if (self->press_count > 0 && time - self->press_time <= (guint32) double_click_time &&
          fabs (self->pointer_x - self->press_x) <= double_click_distance &&
          fabs (self->pointer_y - self->press_y) <= double_click_distance)
        self->press_count++;
      else
        self->press_count = 1;
      self->press_time = time;
      self->press_x = self->pointer_x;
      self->press_y = self->pointer_y;
      g_clear_handle_id (&self->click_idle, g_source_remove);
    }
  else if (self->press_count == 1 &&
           fabs (self->pointer_x - self->press_x) <= double_click_distance &&
           fabs (self->pointer_y - self->press_y) <= double_click_distance)
    {
      /* After the view has handled the release. */
      g_clear_handle_id (&self->click_idle, g_source_remove);
      self->click_idle = g_idle_add (activate_click_idle_cb, self);
    }
}

/* Selection */

static gboolean
selection_idle_cb (gpointer user_data)
{
  GlossaReader *self = user_data;
  gint64 start = 0, end = 0;

  self->selection_idle = 0;
  if (self->button_down)
    return G_SOURCE_REMOVE;

  glossa_reader_get_selection (self, &start, &end);
  if (start != self->last_sel_start || end != self->last_sel_end)
    {
      self->last_sel_start = start;
      self->last_sel_end = end;
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
    }

  return G_SOURCE_REMOVE;
}

static void
queue_selection_changed (GlossaReader *self)
{
  if (self->selection_idle == 0 && !self->button_down)
    self->selection_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, selection_idle_cb, self, NULL);
}

static void
mark_set_cb (GlossaReader  *self,
             GtkTextIter   *location,
             GtkTextMark   *mark,
             GtkTextBuffer *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    queue_selection_changed (self);
}

/* Sees every button press and release before the view's own gestures, to
 * hold "selection-changed" until a drag ends. */
static gboolean
legacy_event_cb (GlossaReader             *self,
                 GdkEvent                 *event,
                 GtkEventControllerLegacy *legacy)
{
  GdkEventType type = gdk_event_get_event_type (event);

  /* The user takes over from a scroll in progress. */
  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN || type == GDK_SCROLL ||
      type == GDK_KEY_PRESS)
    stop_scroll_hold (self);

  if (type == GDK_BUTTON_PRESS || type == GDK_BUTTON_RELEASE)
    track_click (self, event, type);

  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN)
    self->button_down = TRUE;
  else if (type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_END || type == GDK_TOUCH_CANCEL)
    {
      self->button_down = FALSE;
      queue_selection_changed (self);
    }

  return GDK_EVENT_PROPAGATE;
}

gboolean
glossa_reader_get_selection (GlossaReader *self,
                             gint64       *start,
                             gint64       *end)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;
  gint64 a, b;

  g_return_val_if_fail (GLOSSA_IS_READER (self), FALSE);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  /* A triple click or Shift+End takes the line break too, a drag often a
   * space: an annotation starts and ends on the text itself. */
  while (gtk_text_iter_compare (&s, &e) < 0 && g_unichar_isspace (gtk_text_iter_get_char (&s)))
    gtk_text_iter_forward_char (&s);
  while (gtk_text_iter_compare (&s, &e) < 0)
    {
      GtkTextIter before = e;

      gtk_text_iter_backward_char (&before);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
        break;
      e = before;
    }
  a = iter_to_article (self, &s);
  b = iter_to_article (self, &e);
  if (start != NULL)
    *start = a;
  if (end != NULL)
    *end = b;

  return a < b;
}

/* Whether the selection lies in the header (title, byline…), which is not
 * part of the article's text and cannot be annotated. */
gboolean
glossa_reader_get_header_selected (GlossaReader *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;

  g_return_val_if_fail (GLOSSA_IS_READER (self), FALSE);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  if (!gtk_text_buffer_get_selection_bounds (buffer, &s, &e))
    return FALSE;

  return gtk_text_iter_get_offset (&s) < self->header_len &&
         !glossa_reader_get_selection (self, NULL, NULL);
}

void
glossa_reader_select_range (GlossaReader *self,
                            gint64        start,
                            gint64        end)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;

  g_return_if_fail (GLOSSA_IS_READER (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  if (end < start)
    {
      gint64 tmp = start;

      start = end;
      end = tmp;
    }
  get_iter_at_article (self, &s, start);
  get_iter_at_article (self, &e, end);
  /* Never split a grapheme: widen to cursor positions. */
  if (!gtk_text_iter_is_cursor_position (&s))
    gtk_text_iter_backward_cursor_position (&s);
  if (!gtk_text_iter_is_cursor_position (&e))
    gtk_text_iter_forward_cursor_position (&e);
  /* The cursor goes to the end, like a mouse selection made left to right. */
  gtk_text_buffer_select_range (buffer, &e, &s);
}

/* Chinese and full-width enders are always sentence ends; ASCII ones only
 * before a space, a quote or the end of the line. */
static gboolean
is_strong_terminator (gunichar c)
{
  switch (c)
    {
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1B: /* ； */
    case 0x2026: /* … */
    case 0xFF0E: /* ． */
    case 0xFF61: /* ｡ */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_ascii_terminator (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == ';';
}

static gboolean
is_closer (gunichar c)
{
  switch (c)
    {
    case '"': case '\'': case ')': case ']':
    case 0x201D: /* ” */
    case 0x2019: /* ’ */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
    case 0xFF09: /* ） */
    case 0x3011: /* 】 */
    case 0x300B: /* 》 */
    case 0x00BB: /* » */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Does a sentence end right after @iter's character (a terminator, plus any
 * closing quotes that follow it)?  Moves @iter past them when so. */
static gboolean
skip_sentence_end (GtkTextIter *iter)
{
  gunichar c = gtk_text_iter_get_char (iter);
  GtkTextIter after = *iter;
  gunichar next;

  if (!is_strong_terminator (c) && !is_ascii_terminator (c))
    return FALSE;

  /* A run of enders: "?!", "……", "..." */
  while (gtk_text_iter_forward_char (&after) &&
         (is_strong_terminator (gtk_text_iter_get_char (&after)) ||
          is_ascii_terminator (gtk_text_iter_get_char (&after))))
    ;
  while (is_closer (gtk_text_iter_get_char (&after)) && gtk_text_iter_forward_char (&after))
    ;

  next = gtk_text_iter_get_char (&after);
  if (!is_strong_terminator (c))
    {
      /* "3.5", "e.g.x", "www.example.org": not an end. */
      if (!(next == 0 || g_unichar_isspace (next)))
        return FALSE;
    }

  *iter = after;
  return TRUE;
}

static void
find_sentence (GlossaReader      *self,
               const GtkTextIter *at,
               GtkTextIter       *start,
               GtkTextIter       *end)
{
  GtkTextIter para_start = *at;
  GtkTextIter para_end = *at;
  GtkTextIter iter;
  GtkTextIter article_start;

  get_iter_at_article (self, &article_start, 0);

  gtk_text_iter_set_line_offset (&para_start, 0);
  if (gtk_text_iter_compare (&para_start, &article_start) < 0)
    para_start = article_start;
  if (!gtk_text_iter_ends_line (&para_end))
    gtk_text_iter_forward_to_line_end (&para_end);

  /* Scan the paragraph from its start, sentence by sentence, until the one
   * that holds @at: the same rule finds both ends. */
  iter = para_start;
  *start = para_start;
  while (gtk_text_iter_compare (&iter, &para_end) < 0)
    {
      GtkTextIter probe = iter;

      if (skip_sentence_end (&probe))
        {
          if (gtk_text_iter_compare (&probe, &para_end) > 0)
            probe = para_end;
          if (gtk_text_iter_compare (&probe, at) > 0)
            {
              *end = probe;
              break;
            }
          /* The next sentence begins after the spaces. */
          while (gtk_text_iter_compare (&probe, &para_end) < 0 &&
                 g_unichar_isspace (gtk_text_iter_get_char (&probe)))
            gtk_text_iter_forward_char (&probe);
          *start = probe;
          iter = probe;
          continue;
        }
      gtk_text_iter_forward_char (&iter);
    }
  if (gtk_text_iter_compare (&iter, &para_end) >= 0)
    *end = para_end;

  /* Trailing spaces of a paragraph are not part of its last sentence. */
  while (gtk_text_iter_compare (end, start) > 0)
    {
      GtkTextIter prev = *end;

      gtk_text_iter_backward_char (&prev);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&prev)))
        break;
      *end = prev;
    }
}

gboolean
glossa_reader_get_sentence_range (GlossaReader *self,
                                  gint64        offset,
                                  gint64       *start,
                                  gint64       *end)
{
  GtkTextIter at, s, e;

  g_return_val_if_fail (GLOSSA_IS_READER (self), FALSE);

  if (offset < 0 || offset > self->length)
    return FALSE;

  get_iter_at_article (self, &at, offset);
  find_sentence (self, &at, &s, &e);
  if (start != NULL)
    *start = iter_to_article (self, &s);
  if (end != NULL)
    *end = iter_to_article (self, &e);

  return gtk_text_iter_compare (&s, &e) < 0;
}

gboolean
glossa_reader_extend_selection_to_sentences (GlossaReader *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e, s1, e1, s2, e2;

  g_return_val_if_fail (GLOSSA_IS_READER (self), FALSE);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  if (gtk_text_iter_get_offset (&s) < self->header_len)
    get_iter_at_article (self, &s, 0);
  if (gtk_text_iter_compare (&e, &s) < 0)
    e = s;

  find_sentence (self, &s, &s1, &e1);
  /* A selection ending exactly where a sentence starts does not take it in. */
  if (gtk_text_iter_compare (&e, &s) > 0)
    gtk_text_iter_backward_char (&e);
  find_sentence (self, &e, &s2, &e2);
  if (gtk_text_iter_compare (&e2, &e1) < 0)
    e2 = e1;
  if (gtk_text_iter_compare (&s1, &e2) >= 0)
    return FALSE;

  gtk_text_buffer_select_range (buffer, &e2, &s1);
  return TRUE;
}

/* Word classes for double clicks.  Pango runs Latin into adjacent Han
 * ("ChatGPT为代表的…" is one "word" to it), so words are runs of one class:
 * letters/digits of one script, or ideographs; marks join their base. */
static int
word_class (gunichar c)
{
  GUnicodeScript script;

  if (g_unichar_ismark (c))
    return -2;
  if (!g_unichar_isalnum (c) && c != '_')
    return -1;

  script = g_unichar_get_script (c);
  if (script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED)
    return 0;   /* digits and friends go with any letters */
  return (int) script;
}

static gboolean
same_word (int a,
           int b)
{
  return a == b || a == -2 || b == -2 || (a >= 0 && b == 0) || (a == 0 && b >= 0);
}

static gboolean
find_word (const GtkTextIter *location,
           GtkTextIter       *start,
           GtkTextIter       *end)
{
  GtkTextIter at = *location;
  int cls = word_class (gtk_text_iter_get_char (&at));

  /* At a word's end (a click past its last letter), take that word. */
  if (cls < 0 && !gtk_text_iter_starts_line (&at))
    {
      GtkTextIter prev = at;

      gtk_text_iter_backward_char (&prev);
      if (word_class (gtk_text_iter_get_char (&prev)) >= 0)
        {
          at = prev;
          cls = word_class (gtk_text_iter_get_char (&at));
        }
    }
  if (cls < 0)
    return FALSE;

  *start = at;
  while (!gtk_text_iter_starts_line (start))
    {
      GtkTextIter prev = *start;
      int pc;

      gtk_text_iter_backward_char (&prev);
      pc = word_class (gtk_text_iter_get_char (&prev));
      if (!same_word (pc, cls))
        break;
      if (cls == 0 && pc > 0)
        cls = pc;
      *start = prev;
    }
  *end = at;
  while (!gtk_text_iter_ends_line (end))
    {
      int nc = word_class (gtk_text_iter_get_char (end));

      if (!same_word (nc, cls))
        break;
      if (cls == 0 && nc > 0)
        cls = nc;
      gtk_text_iter_forward_char (end);
    }
  if (!gtk_text_iter_is_cursor_position (end))
    gtk_text_iter_forward_cursor_position (end);

  return gtk_text_iter_compare (start, end) < 0;
}

static void
extend_to_sentences_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  glossa_reader_extend_selection_to_sentences (GLOSSA_READER (widget));
}

/* Triple click: a sentence instead of GtkTextView's whole line (which in an
 * article is a whole paragraph).  Dragging after it extends by sentences. */
static gboolean
glossa_reader_extend_selection (GtkTextView            *view,
                                GtkTextExtendSelection  granularity,
                                const GtkTextIter      *location,
                                GtkTextIter            *start,
                                GtkTextIter            *end)
{
  GlossaReader *self = GLOSSA_READER (view);

  if (granularity == GTK_TEXT_EXTEND_SELECTION_WORD &&
      gtk_text_iter_get_offset (location) >= self->header_len &&
      find_word (location, start, end))
    return GDK_EVENT_STOP;

  if (granularity == GTK_TEXT_EXTEND_SELECTION_LINE &&
      gtk_text_iter_get_offset (location) >= self->header_len)
    {
      find_sentence (self, location, start, end);
      if (gtk_text_iter_compare (start, end) < 0)
        return GDK_EVENT_STOP;
    }

  return GTK_TEXT_VIEW_CLASS (glossa_reader_parent_class)->extend_selection (view, granularity,
                                                                            location, start, end);
}

/* Search */

static void
add_match (GlossaReader *self,
           gint64        start,
           gint64        end)
{
  Range m = { start, end };

  g_array_append_val (self->matches, m);
}

/* Searching the text as a string, not through gtk_text_iter_forward_search()
 * which takes seconds on a long article.  A needle without case (Chinese,
 * digits, punctuation) is found byte for byte; otherwise both sides are
 * compared lower-cased, character by character. */
guint
glossa_reader_set_search (GlossaReader *self,
                          const char   *needle)
{
  const char *text;
  g_autofree gunichar *pattern = NULL;
  glong n_pattern = 0;
  gboolean caseless = TRUE;

  g_return_val_if_fail (GLOSSA_IS_READER (self), 0);
  g_return_val_if_fail (needle == NULL || g_utf8_validate (needle, -1, NULL), 0);

  clear_search_matches (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (needle == NULL || *needle == '\0' || self->text == NULL)
    return 0;

  text = self->text;
  pattern = g_utf8_to_ucs4_fast (needle, -1, &n_pattern);
  for (glong i = 0; i < n_pattern; i++)
    {
      if (g_unichar_tolower (pattern[i]) != pattern[i] || g_unichar_toupper (pattern[i]) != pattern[i])
        caseless = FALSE;
      pattern[i] = g_unichar_tolower (pattern[i]);
    }

  if (caseless)
    {
      gsize needle_len = strlen (needle);
      const char *p = text;
      const char *counted = text;
      gint64 offset = 0;

      while (self->matches->len < MAX_SEARCH_MATCHES &&
             (p = strstr (p, needle)) != NULL)
        {
          offset += g_utf8_pointer_to_offset (counted, p);
          add_match (self, offset, offset + n_pattern);
          counted = p;
          p += needle_len;
        }
    }
  else
    {
      glong n_text = 0;
      g_autofree gunichar *lowered = g_utf8_to_ucs4_fast (text, -1, &n_text);

      for (glong i = 0; i < n_text; i++)
        lowered[i] = g_unichar_tolower (lowered[i]);
      for (glong i = 0; i + n_pattern <= n_text && self->matches->len < MAX_SEARCH_MATCHES; i++)
        {
          glong j = 0;

          while (j < n_pattern && lowered[i + j] == pattern[j])
            j++;
          if (j == n_pattern)
            {
              add_match (self, i, i + n_pattern);
              i += n_pattern - 1;
            }
        }
    }

  return self->matches->len;
}

gboolean
glossa_reader_search_next (GlossaReader *self,
                           gboolean      backwards)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;
  gint64 from;
  guint i;
  const Range *m;

  g_return_val_if_fail (GLOSSA_IS_READER (self), FALSE);

  if (self->matches->len == 0)
    return FALSE;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);

  if (!backwards)
    {
      /* The first match starting after the selection's start, wrapping. */
      from = iter_to_article (self, &s);
      if (gtk_text_iter_equal (&s, &e))
        from--;
      i = lower_bound_match (self->matches, from + 1);
      while (i < self->matches->len && g_array_index (self->matches, Range, i).start <= from)
        i++;
      if (i >= self->matches->len)
        i = 0;
    }
  else
    {
      from = iter_to_article (self, &s);
      i = lower_bound_match (self->matches, from);
      /* i is the first match ending after from; go to the one before it
       * unless it starts before from. */
      if (i < self->matches->len && g_array_index (self->matches, Range, i).start < from)
        ;
      else
        i = i == 0 ? self->matches->len - 1 : i - 1;
    }

  self->current_match = i;
  m = &g_array_index (self->matches, Range, i);
  glossa_reader_select_range (self, m->start, m->end);
  glossa_reader_scroll_to_range (self, m->start, m->end, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return TRUE;
}

/* Scrolling */

static gboolean
flash_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  GlossaReader *self = GLOSSA_READER (widget);

  gtk_widget_queue_draw (widget);
  if (gdk_frame_clock_get_frame_time (clock) - self->flash_start_time >= FLASH_DURATION_US)
    {
      self->flash_tick = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Scrolling to an offset.
 *
 * gtk_text_view_scroll_to_mark() animates towards a y computed while the
 * lines above are still being laid out in the background (seconds, on a
 * long article), so it lands short of the target.  Instead the target is
 * held: every frame, until its position stops moving (or the user scrolls,
 * clicks or types), the adjustment is set so that the target's line sits
 * at @yalign of the screen. */
#define SCROLL_HOLD_US     (3 * G_USEC_PER_SEC)
#define SCROLL_HOLD_STABLE 20

static gboolean
apply_scroll (GlossaReader *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));
  GtkTextIter iter;
  GdkRectangle loc, visible;
  double value, current, lower, upper;

  if (vadj == NULL || gtk_widget_get_height (GTK_WIDGET (self)) <= 0)
    return FALSE;

  current = gtk_adjustment_get_value (vadj);
  lower = gtk_adjustment_get_lower (vadj);
  upper = MAX (lower, gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj));
  if (self->scroll_target <= 0)
    value = lower;
  else
    {
      get_iter_at_article (self, &iter, self->scroll_target);
      gtk_text_view_get_iter_location (view, &iter, &loc);
      gtk_text_view_get_visible_rect (view, &visible);
      value = current + (loc.y - visible.y) - self->scroll_yalign * visible.height;
    }
  value = CLAMP (value, lower, upper);
  if (fabs (value - current) < 1.0)
    return FALSE;

  self->scroll_applying = TRUE;
  gtk_adjustment_set_value (vadj, value);
  self->scroll_applying = FALSE;
  return TRUE;
}

static void
stop_scroll_hold (GlossaReader *self)
{
  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
      self->scroll_tick = 0;
    }
}

static gboolean
scroll_hold_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  GlossaReader *self = GLOSSA_READER (widget);

  if (apply_scroll (self))
    self->scroll_stable = 0;
  else
    self->scroll_stable++;

  if (self->scroll_stable >= SCROLL_HOLD_STABLE ||
      g_get_monotonic_time () > self->scroll_deadline)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Someone else moved the view (the scrollbar, the keyboard, GTK keeping
 * its lines in place): the target is no longer ours to hold. */
static void
vadjustment_value_changed_cb (GlossaReader  *self,
                              GtkAdjustment *vadj)
{
  if (!self->scroll_applying)
    stop_scroll_hold (self);
}

static void
notify_vadjustment_cb (GlossaReader *self,
                       GParamSpec   *pspec,
                       gpointer      user_data)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));

  if (vadj == self->vadjustment)
    return;
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, vadjustment_value_changed_cb, self);
  g_set_object (&self->vadjustment, vadj);
  if (vadj != NULL)
    g_signal_connect_object (vadj, "value-changed", G_CALLBACK (vadjustment_value_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
scroll_to_offset (GlossaReader *self,
                  gint64        offset,
                  double        yalign)
{
  self->scroll_target = MAX (offset, 0);
  self->scroll_yalign = yalign;
  self->scroll_stable = 0;
  self->scroll_deadline = g_get_monotonic_time () + SCROLL_HOLD_US;
  apply_scroll (self);
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_hold_tick_cb,
                                                      NULL, NULL);
}

void
glossa_reader_scroll_to_range (GlossaReader *self,
                               gint64        start,
                               gint64        end,
                               gboolean      flash)
{
  g_return_if_fail (GLOSSA_IS_READER (self));

  scroll_to_offset (self, MAX (start, 1), 0.3);

  if (flash && start < end)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      self->flash.start = start;
      self->flash.end = end;
      self->flash_start_time = clock != NULL ? gdk_frame_clock_get_frame_time (clock)
                                             : g_get_monotonic_time ();
      if (self->flash_tick == 0)
        self->flash_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), flash_tick_cb, NULL, NULL);
    }
}

gint64
glossa_reader_get_scroll_offset (GlossaReader *self)
{
  GtkTextView *view;
  GdkRectangle visible;
  GtkTextIter iter;
  int top;

  g_return_val_if_fail (GLOSSA_IS_READER (self), 0);

  view = GTK_TEXT_VIEW (self);
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &iter, visible.y, &top);
  /* The first line that starts on screen, so restoring never scrolls back. */
  if (top < visible.y)
    gtk_text_view_forward_display_line (view, &iter);

  return iter_to_article (self, &iter);
}

void
glossa_reader_set_scroll_offset (GlossaReader *self,
                                 gint64        offset)
{
  g_return_if_fail (GLOSSA_IS_READER (self));

  scroll_to_offset (self, offset, 0.0);
}

gboolean
glossa_reader_get_selection_rect (GlossaReader *self,
                                  GdkRectangle *rect)
{
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter s, e;
  GdkRectangle sl, el, visible;
  int x0, x1, y0, y1;

  g_return_val_if_fail (GLOSSA_IS_READER (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  view = GTK_TEXT_VIEW (self);
  buffer = gtk_text_view_get_buffer (view);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &s, &e))
    return FALSE;

  gtk_text_view_get_iter_location (view, &s, &sl);
  gtk_text_view_get_iter_location (view, &e, &el);
  gtk_text_view_get_visible_rect (view, &visible);

  if (sl.y == el.y)
    {
      x0 = MIN (sl.x, el.x);
      x1 = MAX (sl.x, el.x);
    }
  else
    {
      /* Several lines: the text column's width. */
      x0 = visible.x + gtk_text_view_get_left_margin (view);
      x1 = visible.x + visible.width - gtk_text_view_get_right_margin (view);
    }
  y0 = MAX (sl.y, visible.y);
  y1 = MIN (el.y + el.height, visible.y + visible.height);
  if (y1 <= y0)
    return FALSE;

  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, x0, y0, &rect->x, &rect->y);
  rect->width = MAX (1, x1 - x0);
  rect->height = y1 - y0;

  return TRUE;
}

void
glossa_reader_set_selected_annotation (GlossaReader *self,
                                       gint64        annotation_id)
{
  g_return_if_fail (GLOSSA_IS_READER (self));

  if (self->selected_id == annotation_id)
    return;
  self->selected_id = annotation_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
glossa_reader_get_selected_annotation (GlossaReader *self)
{
  g_return_val_if_fail (GLOSSA_IS_READER (self), 0);

  return self->selected_id;
}

/* Object */

static void
glossa_reader_dispose (GObject *object)
{
  GlossaReader *self = GLOSSA_READER (object);

  g_clear_handle_id (&self->selection_idle, g_source_remove);
  g_clear_handle_id (&self->click_idle, g_source_remove);
  if (self->pending_styles != NULL)
    cancel_styles (self);
  stop_scroll_hold (self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, vadjustment_value_changed_cb, self);
  g_clear_object (&self->vadjustment);
  if (self->flash_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flash_tick);
      self->flash_tick = 0;
    }
  if (self->font_provider != NULL)
    {
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_remove_provider (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                         GTK_STYLE_PROVIDER (self->font_provider));
G_GNUC_END_IGNORE_DEPRECATIONS
      g_clear_object (&self->font_provider);
    }

  G_OBJECT_CLASS (glossa_reader_parent_class)->dispose (object);
}

static void
glossa_reader_finalize (GObject *object)
{
  GlossaReader *self = GLOSSA_READER (object);

  g_clear_pointer (&self->highlights, g_array_unref);
  g_clear_pointer (&self->colors, g_array_unref);
  g_clear_pointer (&self->index, glossa_interval_index_free);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->list_starts, g_array_unref);
  g_clear_pointer (&self->quotes, g_array_unref);
  g_clear_pointer (&self->pending_styles, g_array_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (glossa_reader_parent_class)->finalize (object);
}

static void
glossa_reader_class_init (GlossaReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = glossa_reader_dispose;
  object_class->finalize = glossa_reader_finalize;

  widget_class->size_allocate = glossa_reader_size_allocate;
  widget_class->css_changed = glossa_reader_css_changed;
  widget_class->query_tooltip = glossa_reader_query_tooltip;

  text_view_class->snapshot_layer = glossa_reader_snapshot_layer;
  text_view_class->extend_selection = glossa_reader_extend_selection;

  /**
   * GlossaReader::annotation-activated:
   * @id: the annotation's id
   *
   * A highlight was clicked: the shortest one under the pointer.
   */
  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * GlossaReader::selection-changed:
   *
   * The article selection changed; once at the end of a drag.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "reader.activate-annotation", NULL,
                                   activate_annotation_action);
  gtk_widget_class_install_action (widget_class, "reader.extend-to-sentences", NULL,
                                   extend_to_sentences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0,
                                       "reader.activate-annotation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0,
                                       "reader.activate-annotation", NULL);

  gtk_widget_class_set_css_name (widget_class, "textview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TEXT_BOX);
}

static GtkTextTag *
create_tag (GtkTextBuffer *buffer,
            const char    *name,
            const char    *first_property,
            ...)
{
  GtkTextTag *tag = gtk_text_tag_new (name);
  va_list args;

  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (tag), first_property, args);
  va_end (args);
  gtk_text_tag_table_add (gtk_text_buffer_get_tag_table (buffer), tag);
  g_object_unref (tag);

  return tag;
}

static void
glossa_reader_init (GlossaReader *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkEventController *controller;

  self->highlights = g_array_new (FALSE, FALSE, sizeof (Highlight));
  g_array_set_clear_func (self->highlights, clear_highlight);
  self->colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  self->index = glossa_interval_index_new ();
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->matches = g_array_new (FALSE, FALSE, sizeof (Range));
  self->list_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->quotes = g_array_new (FALSE, FALSE, sizeof (Range));
  self->pending_styles = g_array_new (FALSE, FALSE, sizeof (StyleSpan));
  self->current_match = -1;
  self->fill_alpha = FILL_ALPHA_LIGHT;
  self->fg.alpha = -1.0f;

  gtk_widget_add_css_class (GTK_WIDGET (self), "glossa-reader");
  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_inside_wrap (view, 8);
  gtk_text_view_set_pixels_below_lines (view, 8);
  gtk_text_view_set_top_margin (view, 36);
  gtk_text_view_set_bottom_margin (view, 96);
  gtk_text_view_set_left_margin (view, MIN_SIDE_MARGIN);
  gtk_text_view_set_right_margin (view, MIN_SIDE_MARGIN);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);

  self->font_provider = gtk_css_provider_new ();
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  GTK_STYLE_PROVIDER (self->font_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
G_GNUC_END_IGNORE_DEPRECATIONS
  glossa_reader_set_font (self, NULL);

  self->title_tag = create_tag (buffer, "glossa-title",
                                "scale", 1.75, "weight", PANGO_WEIGHT_BOLD,
                                "pixels-below-lines", 10, "pixels-inside-wrap", 4,
                                NULL);
  self->meta_tag = create_tag (buffer, "glossa-meta",
                               "scale", 0.9, "pixels-below-lines", 28,
                               NULL);
  self->heading_tags[0] = create_tag (buffer, "glossa-h1",
                                      "scale", 1.5, "weight", PANGO_WEIGHT_BOLD,
                                      "pixels-above-lines", 12, NULL);
  self->heading_tags[1] = create_tag (buffer, "glossa-h2",
                                      "scale", 1.3, "weight", PANGO_WEIGHT_BOLD,
                                      "pixels-above-lines", 10, NULL);
  self->heading_tags[2] = create_tag (buffer, "glossa-h3",
                                      "scale", 1.12, "weight", PANGO_WEIGHT_BOLD,
                                      "pixels-above-lines", 8, NULL);
  /* No italics: CJK fonts have none, and a slanted Han character reads badly. */
  self->quote_tag = create_tag (buffer, "glossa-quote",
                                "left-margin", MIN_SIDE_MARGIN + 28,
                                "right-margin", MIN_SIDE_MARGIN + 16, NULL);
  self->list_tags[0] = create_tag (buffer, "glossa-list-1", "left-margin", MIN_SIDE_MARGIN + 28, NULL);
  self->list_tags[1] = create_tag (buffer, "glossa-list-2", "left-margin", MIN_SIDE_MARGIN + 56, NULL);
  self->list_tags[2] = create_tag (buffer, "glossa-list-3", "left-margin", MIN_SIDE_MARGIN + 84, NULL);
  self->pre_tag = create_tag (buffer, "glossa-pre",
                              "family", "monospace", "scale", 0.88,
                              "wrap-mode", GTK_WRAP_CHAR, "left-margin", MIN_SIDE_MARGIN + 16,
                              "pixels-inside-wrap", 2, NULL);
  self->caption_tag = create_tag (buffer, "glossa-caption", "scale", 0.85, NULL);
  self->table_tag = create_tag (buffer, "glossa-table-row",
                                "left-margin", MIN_SIDE_MARGIN + 16, "scale", 0.95, NULL);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article text"),
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE,
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);

  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (mark_set_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::vadjustment", G_CALLBACK (notify_vadjustment_cb), NULL);
  notify_vadjustment_cb (self, NULL, NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "enter", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (legacy_event_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

}

GtkWidget *
glossa_reader_new (void)
{
  return g_object_new (GLOSSA_TYPE_READER, NULL);
}
