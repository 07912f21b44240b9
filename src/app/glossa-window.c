/* glossa-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the library, the reader and the annotations of the open
 * article side by side.  Nothing is kept only in widgets: every list is
 * rebuilt from the library when it says something changed, and every change
 * goes through the undo history (glossa-window-actions.c).
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>

#include "glossa-annotation-row.h"
#include "glossa-preferences-window.h"
#include "glossa-reader.h"
#include "glossa-window-private.h"

/* How long the pointer stays up after a selection before the tag popover
 * opens, and how long after it opened a click on it is taken as meant for
 * the text it now covers. */
#define TAG_POPOVER_DELAY_MS 250
#define TAG_POPOVER_GRACE_MS 300

G_DEFINE_FINAL_TYPE (GlossaWindow, glossa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_HISTORY,
  PROP_SHOW_LIBRARY,
  PROP_SHOW_ANNOTATIONS,
  PROP_STICKY,
  PROP_ARTICLE_ID,
  PROP_IMPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SORT_IMPORTED,
  SORT_PUBLISHED,
  SORT_TITLE,
};

static void glossa_window_apply_highlights (GlossaWindow *self);
static void remember_scroll                (GlossaWindow *self);

/* Toasts and errors. */

/* libadwaita 1.2 reads a toast's title as Pango markup: a title or an error
 * message with "&" or "<" in it would be shown wrong or not at all. */
AdwToast *
_glossa_toast_new_plain (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

void
_glossa_window_toast (GlossaWindow *self,
                      const char   *message,
                      gboolean      offer_undo)
{
  AdwToast *toast = _glossa_toast_new_plain (message);

  if (offer_undo)
    {
      /* Its button undoes this change only: any later undo, redo or change
       * makes it insensitive.  (Dismissing it from code instead crashed in
       * libadwaita 1.2, a use after free in its hide animation when toasts
       * come and go quickly.) */
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-toast");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-toast", TRUE);
    }
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_glossa_window_show_error (GlossaWindow *self,
                           const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (error != NULL);

  g_debug ("Showing error: %s", error->message);
  toast = _glossa_toast_new_plain (error->message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

char *
_glossa_window_get_author (GlossaWindow *self)
{
  return glossa_preferences_get_coder_name (self->settings);
}

gint64
_glossa_window_tag_for_key (GlossaWindow *self,
                            guint         key)
{
  GListModel *tags = glossa_library_get_tags (self->library);
  guint n = g_list_model_get_n_items (tags);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      if (glossa_tag_get_key (tag) == key)
        return glossa_tag_get_id (tag);
    }

  return 0;
}

/* Tag colours, as one style sheet regenerated when the codebook changes:
 * chips, swatches and highlights all use the class "tag-<id>". */

static gboolean
color_is_dark (const GdkRGBA *rgba)
{
  return 0.2126 * rgba->red + 0.7152 * rgba->green + 0.0722 * rgba->blue < 0.55;
}

static GtkCssProvider *tag_css_provider;

static void
glossa_window_update_tag_css (GlossaWindow *self)
{
  g_autoptr(GString) css = g_string_new (NULL);
  GListModel *tags = glossa_library_get_tags (self->library);
  guint n = g_list_model_get_n_items (tags);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);
      GdkRGBA rgba;

      if (!gdk_rgba_parse (&rgba, glossa_tag_get_color (tag)))
        continue;

      g_string_append_printf (css,
                              ".tag-%" PRId64 " { background-color: %s; color: %s; }\n",
                              glossa_tag_get_id (tag), glossa_tag_get_color (tag),
                              color_is_dark (&rgba) ? "white" : "black");
    }

  if (tag_css_provider == NULL)
    {
      tag_css_provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  GTK_STYLE_PROVIDER (tag_css_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  gtk_css_provider_load_from_data (tag_css_provider, css->str, css->len);
}

/* The reader. */

/* Untagged annotations are drawn in a neutral grey. */
static const char *untagged_colors[] = { "#9a9996", NULL };

static void
glossa_window_apply_highlights (GlossaWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->annotations);
  GListModel *tag_model = glossa_library_get_tags (self->library);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GHashTable) tags = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree GlossaReaderHighlight *highlights = g_new0 (GlossaReaderHighlight, MAX (n, 1));

  for (guint i = 0; i < g_list_model_get_n_items (tag_model); i++)
    {
      GlossaTag *tag = g_list_model_get_item (tag_model, i);

      g_hash_table_insert (tags, (gpointer) (gintptr) glossa_tag_get_id (tag), tag);
    }

  for (guint i = 0; i < n; i++)
    {
      GlossaAnnotation *annotation = g_list_model_get_item (model, i);
      const gint64 *tag_ids;
      guint n_tags = 0;
      const char **colors;
      g_autoptr(GString) label = g_string_new (NULL);
      char *label_str;
      guint n_colors = 0;

      g_ptr_array_add (objects, annotation);
      tag_ids = glossa_annotation_get_tag_ids (annotation, &n_tags);
      colors = g_new0 (const char *, n_tags + 1);
      for (guint j = 0; j < n_tags; j++)
        {
          GlossaTag *tag = g_hash_table_lookup (tags, (gpointer) (gintptr) tag_ids[j]);

          if (tag == NULL)
            continue;
          colors[n_colors++] = glossa_tag_get_color (tag);
          if (label->len > 0)
            g_string_append (label, ", ");
          g_string_append (label, glossa_tag_get_name (tag));
        }
      g_ptr_array_add (keep, colors);

      highlights[i].id = glossa_annotation_get_id (annotation);
      highlights[i].start = glossa_annotation_get_start (annotation);
      highlights[i].end = glossa_annotation_get_end (annotation);
      highlights[i].colors = n_colors > 0 ? colors : untagged_colors;
      highlights[i].note = glossa_annotation_get_note (annotation);
      label_str = g_string_free (g_steal_pointer (&label), FALSE);
      highlights[i].label = label_str[0] != '\0' ? label_str : NULL;
      g_ptr_array_add (keep, label_str);
    }

  glossa_reader_set_highlights (self->reader, highlights, n);
  glossa_reader_set_selected_annotation (self->reader, self->selected_annotation);
}

static void
reader_scroll_to_range (GlossaWindow *self,
                        gint64        start,
                        gint64        end,
                        gboolean      flash)
{
  glossa_reader_scroll_to_range (self->reader, start, end, flash);
}

gboolean
_glossa_window_get_selection (GlossaWindow *self,
                              gint64       *start,
                              gint64       *end)
{
  if (self->article_id == 0 || !glossa_reader_get_selection (self->reader, start, end))
    return FALSE;

  return *end > *start;
}

void
glossa_window_select_range (GlossaWindow *self,
                            gint64        start,
                            gint64        end)
{
  g_return_if_fail (GLOSSA_IS_WINDOW (self));

  glossa_reader_select_range (self->reader, start, end);
}

void
_glossa_window_extend_selection (GlossaWindow *self)
{
  glossa_reader_extend_selection_to_sentences (self->reader);
}

/* Search in the article. */

static void
clear_search (GlossaWindow *self)
{
  glossa_reader_set_search (self->reader, NULL);
  gtk_label_set_label (self->search_count_label, "");
}

static guint
reader_set_search (GlossaWindow *self,
                   const char   *needle)
{
  return glossa_reader_set_search (self->reader, needle);
}

static gboolean
reader_search_next (GlossaWindow *self,
                    const char   *needle,
                    gboolean      backwards)
{
  if (needle == NULL || needle[0] == '\0')
    return FALSE;

  return glossa_reader_search_next (self->reader, backwards);
}

void
_glossa_window_update_search (GlossaWindow *self,
                              gboolean      backwards,
                              gboolean      next)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint count;

  if (self->article_id == 0)
    return;

  if (!next)
    {
      g_autofree char *label = NULL;

      count = reader_set_search (self, needle);
      if (needle == NULL || needle[0] == '\0')
        label = g_strdup ("");
      else if (count == 0)
        label = g_strdup (_("No matches"));
      else
        label = g_strdup_printf (ngettext ("%u match", "%u matches", count), count);
      gtk_label_set_label (self->search_count_label, label);
      g_object_set_data (G_OBJECT (self->search_count_label), "count", GUINT_TO_POINTER (count));
      if (count == 0)
        return;
    }

  reader_search_next (self, needle, backwards);
}

guint
glossa_window_get_search_count (GlossaWindow *self)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), 0);

  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self->search_count_label), "count"));
}

guint
glossa_window_search (GlossaWindow *self,
                      const char   *needle)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), 0);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), needle);
  _glossa_window_update_search (self, FALSE, FALSE);

  return glossa_window_get_search_count (self);
}

GListModel *
glossa_window_get_annotations (GlossaWindow *self)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->annotations);
}

GListModel *
glossa_window_get_shown_annotations (GlossaWindow *self)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->annotation_selection);
}

GListModel *
glossa_window_get_orphans (GlossaWindow *self)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->orphans);
}

static void
search_changed_cb (GlossaWindow *self)
{
  _glossa_window_update_search (self, FALSE, FALSE);
}

static void
search_activate_cb (GlossaWindow *self)
{
  _glossa_window_update_search (self, FALSE, TRUE);
}

static void
search_next_cb (GlossaWindow *self)
{
  _glossa_window_update_search (self, FALSE, TRUE);
}

static void
search_previous_cb (GlossaWindow *self)
{
  _glossa_window_update_search (self, TRUE, TRUE);
}

static void
search_stop_cb (GlossaWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  clear_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->reader));
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GlossaWindow          *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_SHIFT_MASK))
    {
      _glossa_window_update_search (self, TRUE, TRUE);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Annotations pane. */

static gboolean
annotation_filter_func (gpointer item,
                        gpointer user_data)
{
  GlossaWindow *self = user_data;
  guint selected = gtk_drop_down_get_selected (self->tag_filter_dropdown);
  gint64 tag_id;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected >= self->tag_filter_ids->len)
    return TRUE;

  tag_id = g_array_index (self->tag_filter_ids, gint64, selected);

  return glossa_annotation_has_tag (GLOSSA_ANNOTATION (item), tag_id);
}

/* The list, "No Annotations Yet", or, when the tag filter hides them
 * all, "No <Tag> Annotations". */
static void
update_annotations_stack (GlossaWindow *self)
{
  const char *page = "list";

  /* With no article open the reader says so; this pane stays blank rather
   * than invite selecting text that is not there. */
  if (self->article_id == 0)
    page = "none";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->annotations)) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->annotation_selection)) == 0)
    {
      guint selected = gtk_drop_down_get_selected (self->tag_filter_dropdown);
      const char *name = selected < g_list_model_get_n_items (G_LIST_MODEL (self->tag_filter_names))
                         ? gtk_string_list_get_string (self->tag_filter_names, selected) : "";
      /* Translators: the tag filter shows no annotation; %s is the tag */
      g_autofree char *title = g_strdup_printf (_("No “%s” Annotations"), name);

      adw_status_page_set_title (self->annotations_no_match, title);
      page = "no-match";
    }
  gtk_stack_set_visible_child_name (self->annotations_stack, page);
}

static void
tag_filter_changed_cb (GlossaWindow *self)
{
  if (self->annotation_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->annotation_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->annotation_selection != NULL)
    update_annotations_stack (self);
}

static void
update_tag_filter (GlossaWindow *self)
{
  GListModel *tags = glossa_library_get_tags (self->library);
  guint n = g_list_model_get_n_items (tags);
  guint old_selected = gtk_drop_down_get_selected (self->tag_filter_dropdown);
  gint64 old_id = 0;
  guint new_selected = 0;
  gint64 zero = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (old_selected != GTK_INVALID_LIST_POSITION && old_selected < self->tag_filter_ids->len)
    old_id = g_array_index (self->tag_filter_ids, gint64, old_selected);

  g_array_set_size (self->tag_filter_ids, 0);
  g_array_append_val (self->tag_filter_ids, zero);
  g_ptr_array_add (names, g_strdup (_("All Tags")));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);
      gint64 id = glossa_tag_get_id (tag);

      g_array_append_val (self->tag_filter_ids, id);
      g_ptr_array_add (names, g_strdup_printf ("%*s%s", 2 * (int) glossa_tag_get_depth (tag), "",
                                               glossa_tag_get_name (tag)));
      if (id == old_id)
        new_selected = i + 1;
    }
  g_ptr_array_add (names, NULL);

  self->in_refresh = TRUE;
  gtk_string_list_splice (self->tag_filter_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tag_filter_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->tag_filter_dropdown, new_selected);
  self->in_refresh = FALSE;
}

static guint
find_annotation_position (GListModel *model,
                          gint64      id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaAnnotation) annotation = g_list_model_get_item (model, i);

      if (glossa_annotation_get_id (annotation) == id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
annotation_equal (GlossaAnnotation *a,
                  GlossaAnnotation *b)
{
  const gint64 *tags_a, *tags_b;
  guint n_a = 0, n_b = 0;

  if (glossa_annotation_get_id (a) != glossa_annotation_get_id (b) ||
      glossa_annotation_get_start (a) != glossa_annotation_get_start (b) ||
      glossa_annotation_get_end (a) != glossa_annotation_get_end (b) ||
      glossa_annotation_get_modified (a) != glossa_annotation_get_modified (b) ||
      glossa_annotation_get_link_count (a) != glossa_annotation_get_link_count (b) ||
      glossa_annotation_get_orphaned (a) != glossa_annotation_get_orphaned (b) ||
      g_strcmp0 (glossa_annotation_get_note (a), glossa_annotation_get_note (b)) != 0)
    return FALSE;

  tags_a = glossa_annotation_get_tag_ids (a, &n_a);
  tags_b = glossa_annotation_get_tag_ids (b, &n_b);

  return n_a == n_b && (n_a == 0 || memcmp (tags_a, tags_b, n_a * sizeof (gint64)) == 0);
}

/* Replaces only the run of rows that changed, so the list keeps its scroll
 * position and the rows being edited when something else changes. */
static void
update_store (GListStore *store,
              GPtrArray  *items)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  guint prefix = 0, suffix = 0;

  while (prefix < n_old && prefix < items->len)
    {
      g_autoptr(GlossaAnnotation) old = g_list_model_get_item (model, prefix);

      if (!annotation_equal (old, g_ptr_array_index (items, prefix)))
        break;
      prefix++;
    }
  while (suffix < n_old - prefix && suffix < items->len - prefix)
    {
      g_autoptr(GlossaAnnotation) old = g_list_model_get_item (model, n_old - 1 - suffix);

      if (!annotation_equal (old, g_ptr_array_index (items, items->len - 1 - suffix)))
        break;
      suffix++;
    }

  if (prefix == n_old && prefix == items->len)
    return;

  g_list_store_splice (store, prefix, n_old - prefix - suffix,
                       items->pdata + prefix, items->len - prefix - suffix);
}

void
_glossa_window_refresh_annotations (GlossaWindow *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  g_autoptr(GPtrArray) orphans = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint position;

  if (self->article_id != 0)
    {
      all = glossa_library_list_annotations (self->library, self->article_id, 0, &error);
      if (all == NULL)
        {
          g_warning ("Failed to list annotations: %s", error->message);
          return;
        }
      for (guint i = 0; i < all->len; i++)
        {
          GlossaAnnotation *annotation = g_ptr_array_index (all, i);

          g_ptr_array_add (glossa_annotation_get_orphaned (annotation) ? orphans : live, annotation);
        }
    }

  self->in_refresh = TRUE;
  update_store (self->annotations, live);
  update_store (self->orphans, orphans);

  /* Keep the selection on the same annotation. */
  position = find_annotation_position (G_LIST_MODEL (self->annotation_selection),
                                       self->selected_annotation);
  gtk_single_selection_set_selected (self->annotation_selection, position);
  self->in_refresh = FALSE;

  update_annotations_stack (self);
  gtk_widget_set_visible (GTK_WIDGET (self->orphans_expander), orphans->len > 0);
  if (orphans->len > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%u annotation lost its place",
                                                          "%u annotations lost their place",
                                                          orphans->len),
                                                orphans->len);
      gtk_expander_set_label (self->orphans_expander, label);
    }

  glossa_window_apply_highlights (self);
}

static void
annotation_selection_changed_cb (GlossaWindow *self)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;

  if (self->in_refresh)
    return;

  annotation = gtk_single_selection_get_selected_item (self->annotation_selection) != NULL
    ? g_object_ref (gtk_single_selection_get_selected_item (self->annotation_selection)) : NULL;
  self->selected_annotation = annotation != NULL ? glossa_annotation_get_id (annotation) : 0;
  glossa_reader_set_selected_annotation (self->reader, self->selected_annotation);
  if (annotation != NULL)
    reader_scroll_to_range (self, glossa_annotation_get_start (annotation),
                            glossa_annotation_get_end (annotation), TRUE);
}

static void
annotation_activated_cb (GlossaWindow *self,
                         guint         position)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;

  annotation = g_list_model_get_item (G_LIST_MODEL (self->annotation_selection), position);
  if (annotation == NULL)
    return;

  self->selected_annotation = glossa_annotation_get_id (annotation);
  glossa_reader_set_selected_annotation (self->reader, self->selected_annotation);
  reader_scroll_to_range (self, glossa_annotation_get_start (annotation),
                          glossa_annotation_get_end (annotation), TRUE);
}

void
_glossa_window_select_annotation (GlossaWindow *self,
                                  gint64        annotation_id)
{
  guint position;

  self->selected_annotation = annotation_id;
  position = find_annotation_position (G_LIST_MODEL (self->annotation_selection), annotation_id);
  self->in_refresh = TRUE;
  gtk_single_selection_set_selected (self->annotation_selection, position);
  self->in_refresh = FALSE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->annotation_list), "list.scroll-to-item", "u", position);
  glossa_reader_set_selected_annotation (self->reader, annotation_id);
}

void
glossa_window_show_annotation (GlossaWindow *self,
                               gint64        annotation_id)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GLOSSA_IS_WINDOW (self));

  annotation = glossa_library_get_annotation (self->library, annotation_id, &error);
  if (annotation == NULL)
    {
      _glossa_window_show_error (self, error);
      return;
    }

  if (glossa_annotation_get_article_id (annotation) != self->article_id)
    glossa_window_open_article (self, glossa_annotation_get_article_id (annotation));

  _glossa_window_select_annotation (self, annotation_id);
  if (!glossa_annotation_get_orphaned (annotation))
    reader_scroll_to_range (self, glossa_annotation_get_start (annotation),
                            glossa_annotation_get_end (annotation), TRUE);
}

static void
annotation_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GlossaWindow             *self)
{
  gtk_list_item_set_child (item, glossa_annotation_row_new ());
}

static void
annotation_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GlossaWindow             *self)
{
  glossa_annotation_row_bind (GLOSSA_ANNOTATION_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item), self->library);
}

static void
annotation_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GlossaWindow             *self)
{
  glossa_annotation_row_unbind (GLOSSA_ANNOTATION_ROW (gtk_list_item_get_child (item)));
}

static void
library_annotations_changed_cb (GlossaWindow  *self,
                                gint64         article_id,
                                GlossaLibrary *library)
{
  if (self->in_history_step && article_id != 0 && article_id != self->article_id)
    self->history_step_article = article_id;

  if (article_id == 0 || article_id == self->article_id)
    _glossa_window_refresh_annotations (self);
}

static void
library_links_changed_cb (GlossaWindow  *self,
                          GlossaLibrary *library)
{
  _glossa_window_refresh_annotations (self);
}

static void
library_tags_changed_cb (GlossaWindow  *self,
                         GlossaLibrary *library)
{
  g_autoptr(GString) signature = g_string_new (NULL);
  GListModel *tags = glossa_library_get_tags (self->library);

  /* Tagging changes the counts of the codebook on every keystroke; only
   * what is shown (names, colours, order) needs the style sheet, filter and
   * rows redone, which restyles the whole window. */
  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      g_string_append_printf (signature, "%" PRId64 "\t%s\t%s\t%u\t%u\n",
                              glossa_tag_get_id (tag), glossa_tag_get_name (tag),
                              glossa_tag_get_color (tag), glossa_tag_get_depth (tag),
                              glossa_tag_get_key (tag));
    }
  if (g_strcmp0 (signature->str, self->tags_signature) == 0)
    return;

  g_free (self->tags_signature);
  self->tags_signature = g_string_free (g_steal_pointer (&signature), FALSE);

  glossa_window_update_tag_css (self);
  update_tag_filter (self);
  _glossa_window_refresh_annotations (self);
}

/* Library pane. */

/* The article menu on a library row: it acts on the open article, so the
 * row's article opens first. */
void
_glossa_window_popup_article_menu (GlossaWindow *self,
                                   GtkWidget    *row,
                                   double        x,
                                   double        y)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (row), "list-item");
  GlossaArticle *article = item != NULL ? gtk_list_item_get_item (item) : NULL;
  GdkRectangle rect = { 0, 0, 1, 1 };
  double list_x = 0, list_y = 0;

  if (article == NULL)
    return;

  if (glossa_article_get_id (article) != self->article_id)
    glossa_window_open_article (self, glossa_article_get_id (article));

  if (self->article_popover == NULL)
    {
      self->article_popover = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (self->article_menu));
      gtk_widget_set_parent (GTK_WIDGET (self->article_popover), GTK_WIDGET (self->article_list));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->article_popover), FALSE);
      gtk_widget_set_halign (GTK_WIDGET (self->article_popover), GTK_ALIGN_START);
    }

  if (gtk_widget_translate_coordinates (row, GTK_WIDGET (self->article_list), x, y, &list_x, &list_y))
    {
      rect.x = (int) list_x;
      rect.y = (int) list_y;
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->article_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->article_popover));
}

static gboolean
article_list_menu_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  GlossaWindow *self = user_data;
  GlossaArticle *article = gtk_single_selection_get_selected_item (self->article_selection);

  if (article == NULL)
    return FALSE;
  if (glossa_article_get_id (article) != self->article_id)
    glossa_window_open_article (self, glossa_article_get_id (article));
  gtk_menu_button_popup (self->article_menu_button);

  return TRUE;
}

static void
article_row_menu_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     GlossaWindow    *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  _glossa_window_popup_article_menu (self, row, x, y);
}

/* GTK 4.8 wraps a short CJK tooltip after every character ("主\n菜\n单"):
 * its tooltip label asks for its narrowest width.  The header's tooltips
 * get a label whose natural width is its unwrapped line. */
static gboolean
cjk_tooltip_query_cb (GtkWidget  *widget,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      gpointer    user_data)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  GtkLabel *label;

  if (text == NULL || *text == '\0')
    return FALSE;

  label = g_object_get_data (G_OBJECT (widget), "glossa-tooltip-label");
  if (label == NULL)
    {
      label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_natural_wrap_mode (label, GTK_NATURAL_WRAP_NONE);
      gtk_label_set_max_width_chars (label, 50);
      gtk_label_set_xalign (label, 0);
      g_object_set_data_full (G_OBJECT (widget), "glossa-tooltip-label",
                              g_object_ref_sink (label), g_object_unref);
    }
  gtk_label_set_text (label, text);
  gtk_tooltip_set_custom (tooltip, GTK_WIDGET (label));

  return TRUE;
}

static void
fix_cjk_tooltips (GtkWidget *widget)
{
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (cjk_tooltip_query_cb), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fix_cjk_tooltips (child);
}

static void
article_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GlossaWindow             *self)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/glossa/Glossa/glossa-article-row.ui");
  GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));

  g_object_set_data (G_OBJECT (row), "title", gtk_builder_get_object (builder, "title"));
  g_object_set_data (G_OBJECT (row), "byline", gtk_builder_get_object (builder, "byline"));
  g_object_set_data (G_OBJECT (row), "meta", gtk_builder_get_object (builder, "meta"));
  g_object_set_data (G_OBJECT (row), "list-item", item);
  gtk_list_item_set_child (item, row);

  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (article_row_menu_cb), self);
    gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  }
}

static char *
format_article_meta (GlossaArticle *article)
{
  g_autoptr(GDateTime) imported = NULL;
  g_autofree char *date = NULL;
  guint count = glossa_article_get_annotation_count (article);
  const char *published = glossa_article_get_published (article);

  if (published != NULL && published[0] != '\0')
    {
      /* "2024-02-22T10:17" reads better as a day; other forms stay as found. */
      date = glossa_reader_format_published (published, FALSE);
    }
  else
    {
      g_autofree char *day = NULL;

      imported = g_date_time_new_from_unix_local (glossa_article_get_imported (article) / G_USEC_PER_SEC);
      day = imported != NULL ? g_date_time_format (imported, C_("published date", "%Y-%m-%d")) : NULL;
      /* Translators: the date an article without a publication date was imported */
      date = day != NULL ? g_strdup_printf (_("Imported %s"), day) : g_strdup ("");
    }

  if (count == 0)
    return g_steal_pointer (&date);

  /* Translators: article date · number of annotations */
  return g_strdup_printf (ngettext ("%s · %u annotation", "%s · %u annotations", count),
                          date, count);
}

static void
article_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GlossaWindow             *self)
{
  GlossaArticle *article = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  const char *title = glossa_article_get_title (article);
  const char *byline = glossa_article_get_byline (article);
  const char *site = glossa_article_get_site_name (article);
  g_autofree char *meta = format_article_meta (article);
  GtkLabel *byline_label = g_object_get_data (G_OBJECT (row), "byline");

  if (byline == NULL || byline[0] == '\0')
    byline = site;

  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "title"),
                       title != NULL && title[0] != '\0' ? title : _("Untitled"));
  gtk_label_set_label (byline_label, byline != NULL ? byline : "");
  gtk_widget_set_visible (GTK_WIDGET (byline_label), byline != NULL && byline[0] != '\0');
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "meta"), meta);
}

static gboolean
article_filter_func (gpointer item,
                     gpointer user_data)
{
  GlossaWindow *self = user_data;
  GlossaArticle *article = item;
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->library_filter_entry));
  g_autofree char *folded_needle = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (needle[0] == '\0')
    return TRUE;

  folded_needle = g_utf8_casefold (needle, -1);
  haystack = g_strjoin (" ",
                        glossa_article_get_title (article) ? glossa_article_get_title (article) : "",
                        glossa_article_get_byline (article) ? glossa_article_get_byline (article) : "",
                        glossa_article_get_site_name (article) ? glossa_article_get_site_name (article) : "",
                        NULL);
  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, folded_needle) != NULL;
}

/* A publication date as a number that sorts like it (YYYYMMDDhhmm), read
 * the way glossa_reader_format_published() reads it; -1 when there is none
 * or it cannot be read. */
static gint64
published_key (GlossaArticle *article)
{
  const char *published = glossa_article_get_published (article);
  int y, mo, d, h = 0, mi = 0, n = 0;
  char sep;

  if (published == NULL ||
      sscanf (published, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10 ||
      mo < 1 || mo > 12 || d < 1 || d > 31)
    return -1;
  if (published[10] != '\0' &&
      (sscanf (published + 10, "%c%2d:%2d", &sep, &h, &mi) != 3 || (sep != 'T' && sep != ' ') ||
       h < 0 || h > 23 || mi < 0 || mi > 59))
    h = mi = 0;

  return ((((gint64) y * 100 + mo) * 100 + d) * 100 + h) * 100 + mi;
}

static int
compare_imported (GlossaArticle *a,
                  GlossaArticle *b)
{
  gint64 ta = glossa_article_get_imported (a);
  gint64 tb = glossa_article_get_imported (b);

  if (ta == tb)
    {
      ta = glossa_article_get_id (a);
      tb = glossa_article_get_id (b);
    }

  /* Most recent first. */
  return (tb > ta) - (tb < ta);
}

static int
article_sort_func (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GlossaWindow *self = user_data;
  GlossaArticle *article_a = (GlossaArticle *) a;
  GlossaArticle *article_b = (GlossaArticle *) b;
  gint64 ka, kb;

  switch (gtk_drop_down_get_selected (self->library_sort_dropdown))
    {
    case SORT_TITLE:
      return g_utf8_collate (glossa_article_get_title (article_a) ? glossa_article_get_title (article_a) : "",
                             glossa_article_get_title (article_b) ? glossa_article_get_title (article_b) : "");
    case SORT_PUBLISHED:
      /* Most recently published first; undated or unreadable dates last. */
      ka = published_key (article_a);
      kb = published_key (article_b);
      if (ka != kb)
        return (kb > ka) - (kb < ka);
      return compare_imported (article_a, article_b);
    case SORT_IMPORTED:
    default:
      return compare_imported (article_a, article_b);
    }
}

static void update_library_stack   (GlossaWindow *self);
static void select_article_in_list (GlossaWindow *self);

static void
library_filter_changed_cb (GlossaWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->article_filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* The open article's row stays selected whenever it is shown. */
  select_article_in_list (self);
  update_library_stack (self);
}

static void
library_sort_changed_cb (GlossaWindow *self)
{
  GtkSorter *sorter;

  if (self->sorted_articles == NULL)
    return;
  sorter = gtk_sort_list_model_get_sorter (self->sorted_articles);
  gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
  select_article_in_list (self);
}

static void
update_library_stack (GlossaWindow *self)
{
  GListModel *articles = glossa_library_get_articles (self->library);
  const char *page = "list";

  if (g_list_model_get_n_items (articles) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->sorted_articles)) == 0)
    page = "no-match";
  gtk_stack_set_visible_child_name (self->library_stack, page);
}

static void
select_article_in_list (GlossaWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->article_selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaArticle) article = g_list_model_get_item (model, i);

      if (glossa_article_get_id (article) == self->article_id)
        {
          gtk_single_selection_set_selected (self->article_selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->article_selection, GTK_INVALID_LIST_POSITION);
}

static void
articles_changed_cb (GlossaWindow *self,
                     guint         position,
                     guint         removed,
                     guint         added,
                     GListModel   *model)
{
  update_library_stack (self);

  /* The open article went to the trash. */
  if (self->article_id != 0)
    {
      g_autoptr(GlossaArticle) article = glossa_library_get_article (self->library, self->article_id, NULL);

      if (article == NULL)
        glossa_window_open_article (self, 0);
      else if (g_strcmp0 (glossa_article_get_sha256 (article), self->content_sha256) != 0)
        {
          /* Its text changed (re-imported): show the new one, where we were. */
          gint64 id = self->article_id;

          remember_scroll (self);
          self->article_id = 0;
          glossa_window_open_article (self, id);
        }
      else
        {
          adw_window_title_set_title (self->window_title, glossa_article_get_title (article));
          select_article_in_list (self);
        }
    }
}

static void
article_activated_cb (GlossaWindow *self,
                      guint         position)
{
  g_autoptr(GlossaArticle) article = g_list_model_get_item (G_LIST_MODEL (self->article_selection),
                                                            position);

  if (article != NULL)
    glossa_window_open_article (self, glossa_article_get_id (article));
}

/* Opening an article. */

static void
remember_scroll (GlossaWindow *self)
{
  gint64 offset;

  if (self->article_id == 0)
    return;

  offset = glossa_reader_get_scroll_offset (self->reader);
  g_hash_table_insert (self->scroll_offsets, g_memdup2 (&self->article_id, sizeof (gint64)),
                       g_memdup2 (&offset, sizeof (gint64)));
}

typedef struct {
  GlossaWindow *self;
  gint64        article_id;
  gint64        offset;
} RestoreScroll;

static gboolean
restore_scroll_cb (gpointer user_data)
{
  RestoreScroll *restore = user_data;

  restore->self->restore_scroll = 0;
  if (restore->self->article_id == restore->article_id)
    glossa_reader_set_scroll_offset (restore->self->reader, restore->offset);

  return G_SOURCE_REMOVE;
}

void
glossa_window_open_article (GlossaWindow *self,
                            gint64        article_id)
{
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GlossaExtracted) content = NULL;
  g_autoptr(GError) error = NULL;
  gint64 *offset;

  g_return_if_fail (GLOSSA_IS_WINDOW (self));

  if (article_id == self->article_id && article_id != 0)
    return;

  if (article_id != 0)
    {
      article = glossa_library_get_article (self->library, article_id, &error);
      if (article != NULL)
        content = glossa_library_load_content (self->library, article_id, &error);
      if (content == NULL)
        {
          _glossa_window_show_error (self, error);
          return;
        }
    }

  remember_scroll (self);

  self->article_id = article_id;
  self->selected_annotation = 0;
  g_free (self->content_sha256);
  self->content_sha256 = article != NULL ? g_strdup (glossa_article_get_sha256 (article)) : NULL;
  g_clear_pointer (&self->content, glossa_extracted_free);
  self->content = g_steal_pointer (&content);

  clear_search (self);
  glossa_reader_set_content (self->reader, article, self->content);

  if (article != NULL)
    {
      const char *byline = glossa_article_get_byline (article);

      adw_window_title_set_title (self->window_title, glossa_article_get_title (article));
      adw_window_title_set_subtitle (self->window_title, byline != NULL ? byline : "");
      gtk_stack_set_visible_child_name (self->reader_stack, "reader");
      g_settings_set_int64 (self->settings, "last-article", article_id);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Glossa"));
      adw_window_title_set_subtitle (self->window_title, "");
      gtk_stack_set_visible_child_name (self->reader_stack, "empty");
    }

  _glossa_window_refresh_annotations (self);
  select_article_in_list (self);

  offset = g_hash_table_lookup (self->scroll_offsets, &article_id);
  {
    RestoreScroll *restore = g_new0 (RestoreScroll, 1);

    restore->self = self;
    restore->article_id = article_id;
    restore->offset = offset != NULL ? *offset : 0;
    /* After the new text has been laid out. */
    g_clear_handle_id (&self->restore_scroll, g_source_remove);
    self->restore_scroll = g_timeout_add_full (G_PRIORITY_LOW, 50, restore_scroll_cb, restore, g_free);
  }

  if (gtk_search_bar_get_search_mode (self->search_bar))
    _glossa_window_update_search (self, FALSE, FALSE);

  _glossa_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_ID]);
}

gint64
glossa_window_get_article_id (GlossaWindow *self)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), 0);

  return self->article_id;
}

GlossaLibrary *
glossa_window_get_library (GlossaWindow *self)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), NULL);

  return self->library;
}

GlossaHistory *
glossa_window_get_history (GlossaWindow *self)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), NULL);

  return self->history;
}

GtkWidget *
glossa_window_get_reader (GlossaWindow *self)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->reader);
}

gboolean
glossa_window_get_importing (GlossaWindow *self)
{
  g_return_val_if_fail (GLOSSA_IS_WINDOW (self), FALSE);

  return self->import_pending > 0;
}

/* Tagging from the keyboard and the popover. */

static gboolean
reader_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GlossaWindow          *self)
{
  guint key = 0;
  gint64 start, end, tag_id;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  /* Delete removes the selected annotation when no text is selected. */
  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete) &&
      self->selected_annotation != 0 && !_glossa_window_get_selection (self, &start, &end))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-annotation", "x", (gint64) 0);
      return GDK_EVENT_STOP;
    }

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    key = keyval - GDK_KEY_0;
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    key = keyval - GDK_KEY_KP_0;
  else
    return GDK_EVENT_PROPAGATE;

  if (!_glossa_window_get_selection (self, &start, &end) && glossa_reader_get_header_selected (self->reader))
    {
      _glossa_window_toast_header_selected (self);
      return GDK_EVENT_STOP;
    }
  if (!_glossa_window_get_selection (self, &start, &end) && self->selected_annotation == 0 && !self->sticky)
    return GDK_EVENT_PROPAGATE;

  tag_id = _glossa_window_tag_for_key (self, key);
  if (tag_id == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No tag has the key %u. Assign keys in the codebook."), key);

      _glossa_window_toast (self, message, FALSE);
      return GDK_EVENT_STOP;
    }

  gtk_popover_popdown (self->tag_popover);
  if (_glossa_window_get_selection (self, &start, &end))
    _glossa_window_tag_selection (self, tag_id, NULL);
  else if (self->sticky)
    /* Sticky tagging: with nothing selected, a key chooses the tag. */
    _glossa_window_set_active_tag (self, tag_id);
  else
    _glossa_window_toggle_tag (self, self->selected_annotation, tag_id);

  return GDK_EVENT_STOP;
}

/* While sticky tagging is on, the header bar shows the tag it applies. */
static void
update_sticky_label (GlossaWindow *self)
{
  g_autoptr(GlossaTag) tag = NULL;
  g_autofree char *css_class = NULL;
  const char *classes[] = { "tag-chip", NULL, NULL };

  if (self->sticky_label == NULL)
    return;
  if (self->sticky && self->active_tag != 0)
    tag = glossa_library_get_tag (self->library, self->active_tag, NULL);
  if (tag == NULL)
    {
      gtk_label_set_label (self->sticky_label, self->sticky ? _("Press 1–9") : "");
      gtk_widget_set_css_classes (GTK_WIDGET (self->sticky_label), (const char *[]) { "dim-label", NULL });
      gtk_widget_set_visible (GTK_WIDGET (self->sticky_label), self->sticky);
      return;
    }

  css_class = g_strdup_printf ("tag-%" PRId64, self->active_tag);
  classes[1] = css_class;
  gtk_label_set_label (self->sticky_label, glossa_tag_get_name (tag));
  gtk_widget_set_css_classes (GTK_WIDGET (self->sticky_label), classes);
  gtk_widget_set_visible (GTK_WIDGET (self->sticky_label), TRUE);
}

void
_glossa_window_set_active_tag (GlossaWindow *self,
                               gint64        tag_id)
{
  self->active_tag = tag_id;
  update_sticky_label (self);
}

void
_glossa_window_toast_header_selected (GlossaWindow *self)
{
  _glossa_window_toast (self, _("The title is not part of the article’s text; select text in the article to tag it."),
                        FALSE);
}

void
_glossa_window_show_tag_popover (GlossaWindow *self)
{
  GdkRectangle rect;

  if (!glossa_reader_get_selection_rect (self->reader, &rect))
    return;

  rect.width = MAX (rect.width, 1);
  rect.height = MAX (rect.height, 1);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_popover_note), "");
  /* Above the selection (GTK flips it below when there is no room): never
   * over the text the pointer just selected. */
  gtk_popover_set_position (self->tag_popover, GTK_POS_TOP);
  gtk_popover_set_pointing_to (self->tag_popover, &rect);
  gtk_popover_popup (self->tag_popover);
  self->tag_popover_shown_at = g_get_monotonic_time ();
}

static gboolean
selection_done_cb (gpointer user_data)
{
  GlossaWindow *self = user_data;
  gint64 start, end;

  self->selection_idle = 0;
  if (!_glossa_window_get_selection (self, &start, &end))
    return G_SOURCE_REMOVE;

  if (self->sticky && self->active_tag != 0)
    _glossa_window_tag_selection (self, self->active_tag, NULL);
  else
    _glossa_window_show_tag_popover (self);

  return G_SOURCE_REMOVE;
}

/* The end of a mouse selection, once the reader has finished with it and
 * the pointer has stayed up for a moment: the popover does not open between
 * the clicks of a double or triple click. */
static void
reader_released_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GlossaWindow    *self)
{
  g_clear_handle_id (&self->selection_idle, g_source_remove);
  self->selection_idle = g_timeout_add_full (G_PRIORITY_LOW, TAG_POPOVER_DELAY_MS,
                                             selection_done_cb, self, NULL);
}

/* A key pressed before the popover opened (shift+arrows growing the
 * selection, 1–9 tagging it) means the keyboard has taken over: the popover
 * would only take the focus away from it. */
static gboolean
reader_key_capture_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GlossaWindow          *self)
{
  g_clear_handle_id (&self->selection_idle, g_source_remove);

  return GDK_EVENT_PROPAGATE;
}

static void
reader_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GlossaWindow    *self)
{
  g_clear_handle_id (&self->selection_idle, g_source_remove);
}

static void
reader_annotation_activated_cb (GlossaWindow *self,
                                gint64        annotation_id)
{
  _glossa_window_select_annotation (self, annotation_id);
}

static void
tag_popover_activated_cb (GlossaWindow *self,
                          guint         position)
{
  g_autoptr(GlossaTag) tag = g_list_model_get_item (glossa_library_get_tags (self->library), position);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->tag_popover_note));

  if (tag == NULL)
    return;
  /* A click that arrives right after the popover opened was meant for the
   * text under it. */
  if (g_get_monotonic_time () - self->tag_popover_shown_at < TAG_POPOVER_GRACE_MS * 1000)
    return;

  gtk_popover_popdown (self->tag_popover);
  _glossa_window_tag_selection (self, glossa_tag_get_id (tag), note);
}

static void
tag_popover_note_activate_cb (GlossaWindow *self)
{
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->tag_popover_note));

  if (note[0] == '\0')
    return;

  gtk_popover_popdown (self->tag_popover);
  _glossa_window_tag_selection (self, 0, note);
}

static void
tag_popover_link_clicked_cb (GlossaWindow *self)
{
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->tag_popover_note));
  gint64 id;

  gtk_popover_popdown (self->tag_popover);
  id = _glossa_window_tag_selection (self, 0, note);
  if (id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.link-to", "x", id);
}

static gboolean
tag_popover_key_pressed_cb (GtkEventControllerKey *controller,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            GlossaWindow          *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Digits typed into the note are text. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->tag_popover_note)))
    return GDK_EVENT_PROPAGATE;

  return reader_key_pressed_cb (controller, keyval, keycode, state, self);
}

static void
tag_item_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GlossaWindow             *self)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/glossa/Glossa/glossa-tag-item.ui");
  GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));

  g_object_set_data (G_OBJECT (row), "swatch", gtk_builder_get_object (builder, "swatch"));
  g_object_set_data (G_OBJECT (row), "name", gtk_builder_get_object (builder, "name"));
  g_object_set_data (G_OBJECT (row), "key", gtk_builder_get_object (builder, "key"));
  /* A compact keycap, not one as tall as the row. */
  gtk_widget_set_valign (GTK_WIDGET (gtk_builder_get_object (builder, "key")), GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, row);
}

static void
tag_item_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GlossaWindow             *self)
{
  GlossaTag *tag = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *swatch = g_object_get_data (G_OBJECT (row), "swatch");
  g_autofree char *css_class = g_strdup_printf ("tag-%" PRId64, glossa_tag_get_id (tag));
  g_autofree char *key = glossa_tag_get_key (tag) != 0 ? g_strdup_printf ("%u", glossa_tag_get_key (tag)) : g_strdup ("");
  const char *classes[] = { "tag-swatch", css_class, NULL };

  gtk_widget_set_css_classes (swatch, classes);
  gtk_widget_set_margin_start (row, 12 * glossa_tag_get_depth (tag));
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "name"), glossa_tag_get_name (tag));
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "key"), key);
}

/* Panes. */

void
_glossa_window_set_pane_visible (GlossaWindow *self,
                                 GtkWidget    *pane,
                                 gboolean      visible)
{
  gtk_widget_set_visible (pane, visible);
}

/* The annotations pane keeps its width when the window changes size; only
 * dragging the divider changes (and saves) it.  A drag moves the divider
 * while the paned keeps its size, which is how it is told apart.  (The
 * paned's max-position changes whenever its size does.) */
static void
inner_max_position_changed_cb (GlossaWindow *self)
{
  int total = gtk_widget_get_width (GTK_WIDGET (self->inner_paned));

  if (total <= 0)
    return;

  if (self->annotations_width <= 0)
    self->annotations_width = g_settings_get_int (self->settings, "annotations-pane-width");

  self->last_width = total;
  self->placing_divider = TRUE;
  gtk_paned_set_position (self->inner_paned, MAX (total / 3, total - self->annotations_width));
  self->placing_divider = FALSE;
}

static void
inner_position_changed_cb (GlossaWindow *self)
{
  int total = gtk_widget_get_width (GTK_WIDGET (self->inner_paned));
  int position = gtk_paned_get_position (self->inner_paned);

  if (self->placing_divider || total <= 0 || total != self->last_width ||
      !gtk_widget_get_visible (self->annotations_pane))
    return;

  self->annotations_width = MAX (200, total - position);
  g_settings_set_int (self->settings, "annotations-pane-width", self->annotations_width);
}

static void
reader_font_changed_cb (GlossaWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "reader-font");

  glossa_reader_set_font (self->reader, font[0] != '\0' ? font : NULL);
}

/* Dropping files. */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GlossaWindow  *self)
{
  GSList *files;
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  if (array->len == 0)
    return FALSE;

  _glossa_window_import_files (self, (GFile **) array->pdata, array->len);

  return TRUE;
}

static void
history_changed_cb (GlossaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-toast", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-again", FALSE);
}

/* GObject. */

static void
glossa_window_constructed (GObject *object)
{
  GlossaWindow *self = GLOSSA_WINDOW (object);
  GListModel *articles;
  gint64 last;

  G_OBJECT_CLASS (glossa_window_parent_class)->constructed (object);

  g_assert (self->library != NULL);
  if (self->history == NULL)
    self->history = glossa_history_new (self->library);

  articles = glossa_library_get_articles (self->library);
  self->article_filter = gtk_custom_filter_new (article_filter_func, self, NULL);
  self->filtered_articles = gtk_filter_list_model_new (g_object_ref (articles),
                                                       GTK_FILTER (g_object_ref (self->article_filter)));
  self->sorted_articles =
    gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered_articles)),
                             GTK_SORTER (gtk_custom_sorter_new (article_sort_func, self, NULL)));
  self->article_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted_articles)));
  gtk_single_selection_set_autoselect (self->article_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->article_selection, TRUE);
  gtk_list_view_set_model (self->article_list, GTK_SELECTION_MODEL (self->article_selection));
  g_signal_connect_object (articles, "items-changed", G_CALLBACK (articles_changed_cb), self,
                           G_CONNECT_SWAPPED);

  {
    g_autoptr(GtkNoSelection) tags = gtk_no_selection_new (g_object_ref (glossa_library_get_tags (self->library)));

    gtk_list_view_set_model (self->tag_popover_list, GTK_SELECTION_MODEL (tags));
  }

  g_signal_connect_object (self->library, "annotations-changed",
                           G_CALLBACK (library_annotations_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "links-changed",
                           G_CALLBACK (library_links_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "tags-changed",
                           G_CALLBACK (library_tags_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-undo",
                           G_CALLBACK (_glossa_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo",
                           G_CALLBACK (_glossa_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::undo-label",
                           G_CALLBACK (_glossa_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::redo-label",
                           G_CALLBACK (_glossa_window_update_actions), self, G_CONNECT_SWAPPED);

  library_tags_changed_cb (self, self->library);
  update_library_stack (self);

  last = g_settings_get_int64 (self->settings, "last-article");
  if (last != 0)
    {
      g_autoptr(GlossaArticle) article = glossa_library_get_article (self->library, last, NULL);

      if (article != NULL)
        glossa_window_open_article (self, last);
    }
  if (self->article_id == 0 && g_list_model_get_n_items (G_LIST_MODEL (self->sorted_articles)) > 0)
    {
      g_autoptr(GlossaArticle) first = g_list_model_get_item (G_LIST_MODEL (self->sorted_articles), 0);

      glossa_window_open_article (self, glossa_article_get_id (first));
    }

  _glossa_window_update_actions (self);
}

static void
glossa_window_dispose (GObject *object)
{
  GlossaWindow *self = GLOSSA_WINDOW (object);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);

  g_clear_handle_id (&self->selection_idle, g_source_remove);
  g_clear_handle_id (&self->import_pulse, g_source_remove);
  g_clear_handle_id (&self->restore_scroll, g_source_remove);

  if (self->tag_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->tag_popover));
      self->tag_popover = NULL;
    }
  if (self->article_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->article_popover));
      self->article_popover = NULL;
    }

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSA_TYPE_WINDOW);

  g_clear_object (&self->annotation_selection);
  g_clear_object (&self->filtered_annotations);
  g_clear_object (&self->annotation_filter);
  g_clear_object (&self->annotations);
  g_clear_object (&self->orphans);
  g_clear_object (&self->article_selection);
  g_clear_object (&self->sorted_articles);
  g_clear_object (&self->filtered_articles);
  g_clear_object (&self->article_filter);
  g_clear_object (&self->tag_filter_names);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->history);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glossa_window_parent_class)->dispose (object);
}

static void
glossa_window_finalize (GObject *object)
{
  GlossaWindow *self = GLOSSA_WINDOW (object);

  g_clear_pointer (&self->content, glossa_extracted_free);
  g_clear_pointer (&self->duplicate, glossa_extracted_free);
  g_clear_pointer (&self->duplicate_original, g_bytes_unref);
  g_clear_pointer (&self->duplicate_source, g_free);
  g_clear_pointer (&self->tags_signature, g_free);
  g_clear_pointer (&self->content_sha256, g_free);
  g_clear_pointer (&self->scroll_offsets, g_hash_table_unref);
  g_clear_pointer (&self->tag_filter_ids, g_array_unref);

  G_OBJECT_CLASS (glossa_window_parent_class)->finalize (object);
}

static void
glossa_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlossaWindow *self = GLOSSA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SHOW_LIBRARY:
      g_value_set_boolean (value, self->library_pane == NULL || gtk_widget_get_visible (self->library_pane));
      break;
    case PROP_SHOW_ANNOTATIONS:
      g_value_set_boolean (value, self->annotations_pane == NULL || gtk_widget_get_visible (self->annotations_pane));
      break;
    case PROP_STICKY:
      g_value_set_boolean (value, self->sticky);
      break;
    case PROP_ARTICLE_ID:
      g_value_set_int64 (value, self->article_id);
      break;
    case PROP_IMPORTING:
      g_value_set_boolean (value, self->import_pending > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GlossaWindow *self = GLOSSA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    case PROP_SHOW_LIBRARY:
      if (gtk_widget_get_visible (self->library_pane) != g_value_get_boolean (value))
        {
          _glossa_window_set_pane_visible (self, self->library_pane, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_ANNOTATIONS:
      if (gtk_widget_get_visible (self->annotations_pane) != g_value_get_boolean (value))
        {
          _glossa_window_set_pane_visible (self, self->annotations_pane, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_STICKY:
      if (self->sticky != g_value_get_boolean (value))
        {
          self->sticky = g_value_get_boolean (value);
          update_sticky_label (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_glossa_window_notify_importing (GlossaWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}

static void
glossa_window_class_init (GlossaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = glossa_window_constructed;
  object_class->dispose = glossa_window_dispose;
  object_class->finalize = glossa_window_finalize;
  object_class->get_property = glossa_window_get_property;
  object_class->set_property = glossa_window_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, GLOSSA_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, GLOSSA_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LIBRARY] =
    g_param_spec_boolean ("show-library", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ANNOTATIONS] =
    g_param_spec_boolean ("show-annotations", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STICKY] =
    g_param_spec_boolean ("sticky", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_ID] =
    g_param_spec_int64 ("article-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossa/Glossa/glossa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, article_menu);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, article_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, library_toggle);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, annotations_toggle);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, import_box);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, search_count_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, library_pane);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, library_filter_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, library_sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, library_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, article_list);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, reader_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, reader_scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, reader);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, annotations_pane);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, tag_filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, annotations_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, annotations_no_match);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, sticky_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, annotation_list);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, orphans_expander);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, orphan_list);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, tag_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, tag_popover_list);
  gtk_widget_class_bind_template_child (widget_class, GlossaWindow, tag_popover_note);

  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, library_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, library_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, article_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, annotation_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, inner_position_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, inner_max_position_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_popover_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_popover_note_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_popover_link_clicked_cb);

  _glossa_window_class_add_actions (widget_class);

  g_type_ensure (GLOSSA_TYPE_ANNOTATION_ROW);
  g_type_ensure (GLOSSA_TYPE_READER);
}

static void
glossa_window_init (GlossaWindow *self)
{
  GtkListItemFactory *factory;
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  fix_cjk_tooltips (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->scroll_offsets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->tag_filter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->annotations = g_list_store_new (GLOSSA_TYPE_ANNOTATION);
  self->orphans = g_list_store_new (GLOSSA_TYPE_ANNOTATION);

  /* Annotations, filtered by tag. */
  self->annotation_filter = gtk_custom_filter_new (annotation_filter_func, self, NULL);
  self->filtered_annotations =
    gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->annotations)),
                               GTK_FILTER (g_object_ref (self->annotation_filter)));
  self->annotation_selection =
    gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered_annotations)));
  gtk_single_selection_set_autoselect (self->annotation_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->annotation_selection, TRUE);
  g_signal_connect_swapped (self->annotation_selection, "notify::selected",
                            G_CALLBACK (annotation_selection_changed_cb), self);
  gtk_list_view_set_model (self->annotation_list, GTK_SELECTION_MODEL (self->annotation_selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (annotation_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (annotation_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (annotation_unbind_cb), self);
  gtk_list_view_set_factory (self->annotation_list, factory);
  g_object_unref (factory);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (annotation_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (annotation_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (annotation_unbind_cb), self);
  gtk_list_view_set_factory (self->orphan_list, factory);
  {
    g_autoptr(GtkNoSelection) orphans = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->orphans)));

    gtk_list_view_set_model (self->orphan_list, GTK_SELECTION_MODEL (orphans));
  }
  g_object_unref (factory);

  self->tag_filter_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->tag_filter_dropdown, G_LIST_MODEL (self->tag_filter_names));

  /* Library pane. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (article_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (article_bind_cb), self);
  gtk_list_view_set_factory (self->article_list, factory);

  /* Shift+F10 or the Menu key on the list: the article menu of the
   * selected row (before the window's Menu key, which tags). */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();
    GtkShortcutAction *action = gtk_callback_action_new (article_list_menu_cb, self, NULL);

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_alternative_trigger_new (
                                                              gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                              gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                                                            action));
    gtk_widget_add_controller (GTK_WIDGET (self->article_list), keys);
  }
  g_object_unref (factory);

  /* The tag popover. */
  gtk_widget_set_parent (GTK_WIDGET (self->tag_popover), GTK_WIDGET (self->reader));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (tag_item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (tag_item_bind_cb), self);
  gtk_list_view_set_factory (self->tag_popover_list, factory);
  g_object_unref (factory);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (tag_popover_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tag_popover), controller);

  /* Keys 1–9 and the end of a mouse selection on the reader. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (reader_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->reader), controller);

  /* 1–9 on the pane toggle tags of the selected annotation, as on the reader. */
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (reader_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->annotation_list), controller);

  /* Delete on a selected row of the pane. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                              gtk_named_action_new ("win.delete-annotation"));

    gtk_shortcut_set_arguments (shortcut, g_variant_new_int64 (0));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
    gtk_widget_add_controller (GTK_WIDGET (self->annotation_list), shortcuts);
  }
  gesture = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (reader_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (reader_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->reader), GTK_EVENT_CONTROLLER (gesture));
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (reader_key_capture_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->reader), controller);
  g_signal_connect_swapped (self->reader, "annotation-activated",
                            G_CALLBACK (reader_annotation_activated_cb), self);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (self->settings, "changed::reader-font",
                           G_CALLBACK (reader_font_changed_cb), self, G_CONNECT_SWAPPED);
  reader_font_changed_cb (self);

  g_settings_bind (self->settings, "show-library-pane", self, "show-library", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-annotations-pane", self, "show-annotations", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "library-pane-width", self->outer_paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

GlossaWindow *
glossa_window_new (GlossaApplication *app,
                   GlossaLibrary     *library,
                   GlossaHistory     *history)
{
  return g_object_new (GLOSSA_TYPE_WINDOW,
                       "application", app,
                       "library", library,
                       "history", history,
                       NULL);
}
