/* glossa-search-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "glossa-search-dialog.h"

/* Enough to see where a word is used; refining the query beats scrolling. */
#define SEARCH_LIMIT 500
#define SEARCH_DELAY_MS 200

/* One search hit as a list item, with what its row shows as properties. */
#define GLOSSA_TYPE_SEARCH_RESULT (glossa_search_result_get_type ())
G_DECLARE_FINAL_TYPE (GlossaSearchResult, glossa_search_result, GLOSSA, SEARCH_RESULT, GObject)

struct _GlossaSearchResult
{
  GObject          parent_instance;
  GlossaSearchHit *hit;
  char            *match_markup;
  char            *line_markup;
};

G_DEFINE_FINAL_TYPE (GlossaSearchResult, glossa_search_result, G_TYPE_OBJECT)

enum {
  RESULT_PROP_0,
  RESULT_PROP_ICON_NAME,
  RESULT_PROP_KIND_LABEL,
  RESULT_PROP_TITLE,
  RESULT_PROP_BEFORE,
  RESULT_PROP_MATCH_MARKUP,
  RESULT_PROP_AFTER,
  RESULT_PROP_LINE_MARKUP,
  RESULT_PROP_KWIC,
  RESULT_PROP_PLAIN,
  RESULT_N_PROPS
};

static GParamSpec *result_properties[RESULT_N_PROPS];

static const char *
_glossa_hit_icon_name (GlossaSearchHitKind kind)
{
  switch (kind)
    {
    case GLOSSA_SEARCH_HIT_TITLE:
      return "x-office-document-symbolic";
    case GLOSSA_SEARCH_HIT_TEXT:
      return "text-x-generic-symbolic";
    case GLOSSA_SEARCH_HIT_QUOTE:
      return "glossa-quote-symbolic";
    case GLOSSA_SEARCH_HIT_NOTE:
      return "glossa-note-symbolic";
    default:
      return "edit-find-symbolic";
    }
}

static const char *
_glossa_hit_kind_label (GlossaSearchHitKind kind)
{
  switch (kind)
    {
    case GLOSSA_SEARCH_HIT_TITLE:
      return _("In the title");
    case GLOSSA_SEARCH_HIT_TEXT:
      return _("In the text");
    case GLOSSA_SEARCH_HIT_QUOTE:
      return _("In an annotated quote");
    case GLOSSA_SEARCH_HIT_NOTE:
      return _("In a note");
    default:
      return NULL;
    }
}

static void
glossa_search_result_finalize (GObject *object)
{
  GlossaSearchResult *self = GLOSSA_SEARCH_RESULT (object);

  g_clear_pointer (&self->hit, glossa_search_hit_free);
  g_clear_pointer (&self->match_markup, g_free);
  g_clear_pointer (&self->line_markup, g_free);

  G_OBJECT_CLASS (glossa_search_result_parent_class)->finalize (object);
}

static void
glossa_search_result_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossaSearchResult *self = GLOSSA_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case RESULT_PROP_ICON_NAME:
      g_value_set_static_string (value, _glossa_hit_icon_name (self->hit->kind));
      break;

    case RESULT_PROP_KIND_LABEL:
      g_value_set_string (value, _glossa_hit_kind_label (self->hit->kind));
      break;

    case RESULT_PROP_TITLE:
      g_value_set_string (value, self->hit->article_title);
      break;

    case RESULT_PROP_BEFORE:
      g_value_set_string (value, self->hit->before);
      break;

    case RESULT_PROP_MATCH_MARKUP:
      g_value_set_string (value, self->match_markup);
      break;

    case RESULT_PROP_AFTER:
      g_value_set_string (value, self->hit->after);
      break;

    case RESULT_PROP_LINE_MARKUP:
      g_value_set_string (value, self->line_markup);
      break;

    /* A hit in a title is read as a line from its start (it is short);
     * text, quotes and notes keep the keyword in a column. */
    case RESULT_PROP_KWIC:
      g_value_set_boolean (value, self->hit->kind != GLOSSA_SEARCH_HIT_TITLE);
      break;

    case RESULT_PROP_PLAIN:
      g_value_set_boolean (value, self->hit->kind == GLOSSA_SEARCH_HIT_TITLE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_search_result_class_init (GlossaSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossa_search_result_finalize;
  object_class->get_property = glossa_search_result_get_property;

  result_properties[RESULT_PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  result_properties[RESULT_PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  result_properties[RESULT_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  result_properties[RESULT_PROP_BEFORE] =
    g_param_spec_string ("before", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  result_properties[RESULT_PROP_MATCH_MARKUP] =
    g_param_spec_string ("match-markup", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  result_properties[RESULT_PROP_AFTER] =
    g_param_spec_string ("after", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  result_properties[RESULT_PROP_LINE_MARKUP] =
    g_param_spec_string ("line-markup", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  result_properties[RESULT_PROP_KWIC] =
    g_param_spec_boolean ("kwic", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  result_properties[RESULT_PROP_PLAIN] =
    g_param_spec_boolean ("plain", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, RESULT_N_PROPS, result_properties);
}

static void
glossa_search_result_init (GlossaSearchResult *self)
{
}

/* Takes @hit. */
static GlossaSearchResult *
_glossa_search_result_new (GlossaSearchHit *hit)
{
  GlossaSearchResult *self = g_object_new (GLOSSA_TYPE_SEARCH_RESULT, NULL);
  g_autofree char *escaped = g_markup_escape_text (hit->match != NULL ? hit->match : "", -1);

  self->hit = hit;
  self->match_markup = g_strdup_printf ("<b>%s</b>", escaped);
  {
    g_autofree char *before = g_markup_escape_text (hit->before != NULL ? hit->before : "", -1);
    g_autofree char *after = g_markup_escape_text (hit->after != NULL ? hit->after : "", -1);

    self->line_markup = g_strconcat (before, self->match_markup, after, NULL);
  }

  return self;
}

struct _GlossaSearchDialog
{
  AdwWindow       parent_instance;

  GlossaLibrary  *library;
  GListStore     *results;
  GCancellable   *cancellable;

  /* Parallel to the rows of the filter drop-downs; row 0 is "any". */
  GArray         *tag_ids;
  GPtrArray      *authors;

  GtkSearchEntry *search_entry;
  GtkDropDown    *tag_dropdown;
  GtkDropDown    *author_dropdown;
  GtkLabel       *count_label;
  GtkSpinner     *spinner;
  GtkStack       *stack;
  AdwStatusPage  *none_page;
  GtkListView    *results_view;

  gulong          tags_changed_id;
  guint           rerun_source;
  guint           filling_filters : 1;
};

G_DEFINE_FINAL_TYPE (GlossaSearchDialog, glossa_search_dialog, ADW_TYPE_WINDOW)

enum {
  HIT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
_glossa_search_dialog_show_hits (GlossaSearchDialog *self,
                                 GPtrArray          *hits)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (hits->len, g_object_unref);
  g_autofree char *count = NULL;

  if (hits->len == 0)
    {
      g_list_store_remove_all (self->results);
      adw_status_page_set_title (self->none_page, _("No Results Found"));
      adw_status_page_set_description (self->none_page,
                                       _("Try other words, or remove the tag and coder filters."));
      gtk_label_set_label (self->count_label, "");
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  /* The results own the hits from here on. */
  g_ptr_array_set_free_func (hits, NULL);
  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (items, _glossa_search_result_new (g_ptr_array_index (hits, i)));
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);

  if (hits->len >= SEARCH_LIMIT)
    /* Translators: %u is the most results shown. */
    count = g_strdup_printf (_("First %u results"), hits->len);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", hits->len),
                             hits->len);
  gtk_label_set_label (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

typedef struct {
  GlossaSearchDialog *self;
  GCancellable       *cancellable;
} SearchCall;

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchCall *call = user_data;
  GlossaSearchDialog *self = call->self;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = glossa_library_search_finish (GLOSSA_LIBRARY (object), result, &error);

  /* A newer search (or closing) made this one moot. */
  if (!g_cancellable_is_cancelled (call->cancellable))
    {
      gtk_spinner_stop (self->spinner);

      if (hits != NULL)
        _glossa_search_dialog_show_hits (self, hits);
      else
        {
          g_warning ("Failed to search the library: %s", error->message);
          g_list_store_remove_all (self->results);
          adw_status_page_set_title (self->none_page, _("Search Failed"));
          adw_status_page_set_description (self->none_page, error->message);
          gtk_label_set_label (self->count_label, "");
          gtk_stack_set_visible_child_name (self->stack, "none");
        }
    }

  g_object_unref (call->cancellable);
  g_object_unref (call->self);
  g_free (call);
}

/* Searches in a worker thread; the results shown stay until new ones come. */
static void
_glossa_search_dialog_run (GlossaSearchDialog *self)
{
  g_autofree char *query = NULL;
  const char *author = NULL;
  gint64 tag_id = 0;
  guint selected;
  SearchCall *call;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rerun_source, g_source_remove);
  gtk_spinner_stop (self->spinner);

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (*query == '\0')
    {
      g_list_store_remove_all (self->results);
      gtk_label_set_label (self->count_label, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  selected = gtk_drop_down_get_selected (self->tag_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->tag_ids->len)
    tag_id = g_array_index (self->tag_ids, gint64, selected);

  selected = gtk_drop_down_get_selected (self->author_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->authors->len)
    author = g_ptr_array_index (self->authors, selected);

  self->cancellable = g_cancellable_new ();
  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->cancellable);
  gtk_spinner_start (self->spinner);
  glossa_library_search_async (self->library, query, tag_id, author, SEARCH_LIMIT,
                               self->cancellable, search_done_cb, call);
}

static void
search_changed_cb (GlossaSearchDialog *self,
                   GtkSearchEntry     *entry)
{
  _glossa_search_dialog_run (self);
}

static void
filter_changed_cb (GlossaSearchDialog *self,
                   GParamSpec         *pspec,
                   GtkDropDown        *dropdown)
{
  if (!self->filling_filters)
    _glossa_search_dialog_run (self);
}

static void
stop_search_cb (GlossaSearchDialog *self,
                GtkSearchEntry     *entry)
{
  /* Escape in an empty entry closes; otherwise it clears the entry first. */
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) == '\0')
    gtk_window_close (GTK_WINDOW (self));
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
_glossa_search_dialog_activate_result (GlossaSearchDialog *self,
                                       guint               position)
{
  g_autoptr(GlossaSearchResult) result = NULL;
  const GlossaSearchHit *hit;
  gint64 start = 0;
  gint64 end = 0;

  result = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (result == NULL)
    return;

  hit = result->hit;
  switch (hit->kind)
    {
    case GLOSSA_SEARCH_HIT_TEXT:
      start = hit->start;
      end = hit->end;
      break;

    case GLOSSA_SEARCH_HIT_QUOTE:
    case GLOSSA_SEARCH_HIT_NOTE:
      {
        g_autoptr(GlossaAnnotation) annotation = NULL;
        g_autoptr(GError) error = NULL;

        annotation = glossa_library_get_annotation (self->library, hit->annotation_id, &error);
        if (annotation == NULL)
          {
            /* Deleted since the search ran: show what is there now instead. */
            g_debug ("Search hit on annotation %" PRId64 " is stale: %s",
                     hit->annotation_id, error->message);
            _glossa_search_dialog_run (self);
            return;
          }
        start = glossa_annotation_get_start (annotation);
        end = glossa_annotation_get_end (annotation);
      }
      break;

    case GLOSSA_SEARCH_HIT_TITLE:
    default:
      break;
    }

  g_signal_emit (self, signals[HIT_ACTIVATED], 0, hit->article_id, start, end);
}

static void
result_activate_cb (GlossaSearchDialog *self,
                    guint               position,
                    GtkListView        *view)
{
  _glossa_search_dialog_activate_result (self, position);
}

static void
search_activate_cb (GlossaSearchDialog *self,
                    GtkSearchEntry     *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    _glossa_search_dialog_activate_result (self, 0);
}

/* Down from the entry goes to the results, keyboard first. */
static gboolean
entry_key_pressed_cb (GlossaSearchDialog    *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    {
      gtk_widget_child_focus (GTK_WIDGET (self->results_view), GTK_DIR_TAB_FORWARD);
      return TRUE;
    }

  return FALSE;
}

static void
_glossa_search_dialog_fill_tags (GlossaSearchDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *tags = glossa_library_get_tags (self->library);
  gint64 selected_id = 0;
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);
  guint new_selected = 0;
  guint n = g_list_model_get_n_items (tags);
  gint64 any = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->tag_ids->len)
    selected_id = g_array_index (self->tag_ids, gint64, selected);

  g_array_set_size (self->tag_ids, 0);
  g_array_append_val (self->tag_ids, any);
  gtk_string_list_append (names, C_("tag filter", "Any"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);
      g_autofree char *indented = NULL;
      gint64 id = glossa_tag_get_id (tag);

      /* The list is in tree pre-order; indent children under their parent. */
      indented = g_strdup_printf ("%*s%s", (int) glossa_tag_get_depth (tag) * 3, "",
                                  glossa_tag_get_name (tag));
      gtk_string_list_append (names, indented);
      if (id == selected_id)
        new_selected = self->tag_ids->len;
      g_array_append_val (self->tag_ids, id);
    }

  self->filling_filters = TRUE;
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->tag_dropdown, new_selected);
  self->filling_filters = FALSE;
}

static int
_glossa_compare_strings (gconstpointer a,
                         gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
_glossa_search_dialog_fill_authors (GlossaSearchDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->authors, 0);

  annotations = glossa_library_list_annotations (self->library, 0, 0, &error);
  if (annotations == NULL)
    g_warning ("Failed to list the coders of the library: %s", error->message);
  else
    for (guint i = 0; i < annotations->len; i++)
      {
        const char *author = glossa_annotation_get_author (g_ptr_array_index (annotations, i));

        if (author != NULL && *author != '\0' && !g_hash_table_contains (seen, author))
          {
            g_hash_table_add (seen, (gpointer) author);
            g_ptr_array_add (self->authors, g_strdup (author));
          }
      }

  g_ptr_array_sort (self->authors, _glossa_compare_strings);
  g_ptr_array_insert (self->authors, 0, g_strdup (""));

  gtk_string_list_append (names, C_("coder filter", "Anyone"));
  for (guint i = 1; i < self->authors->len; i++)
    gtk_string_list_append (names, g_ptr_array_index (self->authors, i));

  self->filling_filters = TRUE;
  gtk_drop_down_set_model (self->author_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->author_dropdown, 0);
  self->filling_filters = FALSE;
}

static void
tags_changed_cb (GlossaSearchDialog *self,
                 GlossaLibrary      *library)
{
  _glossa_search_dialog_fill_tags (self);
}

static gboolean
rerun_timeout_cb (gpointer user_data)
{
  GlossaSearchDialog *self = user_data;

  self->rerun_source = 0;
  _glossa_search_dialog_run (self);

  return G_SOURCE_REMOVE;
}

/* Annotating or importing while the results are shown: search again once
 * the burst of changes is over, so the results stay true. */
static void
library_changed_cb (GlossaSearchDialog *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    return;

  g_clear_handle_id (&self->rerun_source, g_source_remove);
  self->rerun_source = g_timeout_add (500, rerun_timeout_cb, self);
}

static void
glossa_search_dialog_dispose (GObject *object)
{
  GlossaSearchDialog *self = GLOSSA_SEARCH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rerun_source, g_source_remove);
  g_clear_signal_handler (&self->tags_changed_id, self->library);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSA_TYPE_SEARCH_DIALOG);
  g_clear_object (&self->results);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (glossa_search_dialog_parent_class)->dispose (object);
}

static void
glossa_search_dialog_finalize (GObject *object)
{
  GlossaSearchDialog *self = GLOSSA_SEARCH_DIALOG (object);

  g_clear_pointer (&self->tag_ids, g_array_unref);
  g_clear_pointer (&self->authors, g_ptr_array_unref);

  G_OBJECT_CLASS (glossa_search_dialog_parent_class)->finalize (object);
}

static void
glossa_search_dialog_class_init (GlossaSearchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossa_search_dialog_dispose;
  object_class->finalize = glossa_search_dialog_finalize;

  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossa/Glossa/glossa-search-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossaSearchDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossaSearchDialog, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossaSearchDialog, author_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossaSearchDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaSearchDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossaSearchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossaSearchDialog, none_page);
  gtk_widget_class_bind_template_child (widget_class, GlossaSearchDialog, results_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (GLOSSA_TYPE_SEARCH_RESULT);
}

static void
glossa_search_dialog_init (GlossaSearchDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *key;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->authors = g_ptr_array_new_with_free_func (g_free);
  self->results = g_list_store_new (GLOSSA_TYPE_SEARCH_RESULT);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  factory = gtk_builder_list_item_factory_new_from_resource (NULL,
                                                             "/io/github/glossa/Glossa/glossa-search-row.ui");
  gtk_list_view_set_factory (self->results_view, factory);

  gtk_search_entry_set_search_delay (self->search_entry, SEARCH_DELAY_MS);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
}

GtkWidget *
glossa_search_dialog_new (GtkWindow     *parent,
                          GlossaLibrary *library)
{
  GlossaSearchDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), NULL);

  self = g_object_new (GLOSSA_TYPE_SEARCH_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->library = g_object_ref (library);
  self->tags_changed_id = g_signal_connect_object (library, "tags-changed",
                                                   G_CALLBACK (tags_changed_cb), self,
                                                   G_CONNECT_SWAPPED);

  g_signal_connect_object (library, "annotations-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (glossa_library_get_articles (library), "items-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);

  _glossa_search_dialog_fill_tags (self);
  _glossa_search_dialog_fill_authors (self);

  return GTK_WIDGET (self);
}
