/* glossa-trash-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "glossa-trash-dialog.h"

/* One trash entry as a list item, with what its row shows as properties. */
#define GLOSSA_TYPE_TRASH_ITEM (glossa_trash_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossaTrashItem, glossa_trash_item, GLOSSA, TRASH_ITEM, GObject)

struct _GlossaTrashItem
{
  GObject           parent_instance;
  GlossaTrashEntry *entry;
  char             *label;
  char             *subtitle;
};

G_DEFINE_FINAL_TYPE (GlossaTrashItem, glossa_trash_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ICON_NAME,
  ITEM_PROP_KIND_LABEL,
  ITEM_PROP_LABEL,
  ITEM_PROP_SUBTITLE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static const char *
_glossa_trash_icon_name (GlossaTrashKind kind)
{
  switch (kind)
    {
    case GLOSSA_TRASH_ARTICLE:
      return "x-office-document-symbolic";
    case GLOSSA_TRASH_TAG:
      return "glossa-tag-symbolic";
    case GLOSSA_TRASH_ANNOTATION:
      return "glossa-quote-symbolic";
    case GLOSSA_TRASH_LINK:
      return "insert-link-symbolic";
    default:
      return "user-trash-symbolic";
    }
}

static const char *
_glossa_trash_kind_label (GlossaTrashKind kind)
{
  switch (kind)
    {
    case GLOSSA_TRASH_ARTICLE:
      return _("Article");
    case GLOSSA_TRASH_TAG:
      return _("Tag");
    case GLOSSA_TRASH_ANNOTATION:
      return _("Annotation");
    case GLOSSA_TRASH_LINK:
      return _("Link");
    default:
      return "";
    }
}

/* "5 minutes ago", "Yesterday", or a date for older deletions. */
static char *
_glossa_format_deleted (gint64 deleted,
                        gint64 now)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (deleted / G_USEC_PER_SEC);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  gint64 seconds = (now - deleted) / G_USEC_PER_SEC;
  int days;

  if (seconds < 60)
    return g_strdup (_("Deleted just now"));

  if (seconds < 60 * 60)
    {
      int minutes = (int) (seconds / 60);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %d minute ago",
                                           "Deleted %d minutes ago", minutes), minutes);
    }

  if (seconds < 24 * 60 * 60)
    {
      int hours = (int) (seconds / (60 * 60));

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %d hour ago",
                                           "Deleted %d hours ago", hours), hours);
    }

  days = g_date_time_get_day_of_year (today) - g_date_time_get_day_of_year (then);
  if (g_date_time_get_year (today) == g_date_time_get_year (then) && days <= 1)
    return g_strdup (_("Deleted yesterday"));

  if (seconds < 7 * 24 * 60 * 60)
    {
      days = MAX (2, (int) (seconds / (24 * 60 * 60)));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %d day ago",
                                           "Deleted %d days ago", days), days);
    }

  {
    /* Translators: a date in strftime format, e.g. "%Y年%-m月%-d日". */
    g_autofree char *date = g_date_time_format (then, _("%B %-e, %Y"));

    /* Translators: %s is a date. */
    return g_strdup_printf (_("Deleted on %s"), date);
  }
}

static void
glossa_trash_item_finalize (GObject *object)
{
  GlossaTrashItem *self = GLOSSA_TRASH_ITEM (object);

  g_clear_pointer (&self->entry, glossa_trash_entry_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->subtitle, g_free);

  G_OBJECT_CLASS (glossa_trash_item_parent_class)->finalize (object);
}

static void
glossa_trash_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlossaTrashItem *self = GLOSSA_TRASH_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ICON_NAME:
      g_value_set_static_string (value, _glossa_trash_icon_name (self->entry->kind));
      break;

    case ITEM_PROP_KIND_LABEL:
      g_value_set_string (value, _glossa_trash_kind_label (self->entry->kind));
      break;

    case ITEM_PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case ITEM_PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_trash_item_class_init (GlossaTrashItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossa_trash_item_finalize;
  object_class->get_property = glossa_trash_item_get_property;

  item_properties[ITEM_PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
glossa_trash_item_init (GlossaTrashItem *self)
{
}

/* A quote spanning paragraphs, shown on one line. */
static char *
_glossa_one_line (const char *text)
{
  GString *line = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = line->len > 0;
      else
        {
          if (space)
            g_string_append_c (line, ' ');
          g_string_append_unichar (line, c);
          space = FALSE;
        }
    }

  return g_string_free (line, FALSE);
}

static void
_glossa_trash_item_update_subtitle (GlossaTrashItem *self,
                                    gint64           now)
{
  g_autofree char *when = _glossa_format_deleted (self->entry->deleted, now);
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items",
                                        self->entry->n_items),
                           self->entry->n_items);
  /* Translators: kind of item · when it was deleted · how many items come back with it,
   * e.g. "Tag · Deleted 5 minutes ago · 12 items". */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              _glossa_trash_kind_label (self->entry->kind), when, count);

  if (g_strcmp0 (subtitle, self->subtitle) != 0)
    {
      g_free (self->subtitle);
      self->subtitle = g_steal_pointer (&subtitle);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_SUBTITLE]);
    }
}

/* Takes @entry. */
static GlossaTrashItem *
_glossa_trash_item_new (GlossaTrashEntry *entry,
                        gint64            now)
{
  GlossaTrashItem *self = g_object_new (GLOSSA_TYPE_TRASH_ITEM, NULL);

  self->entry = entry;
  self->label = _glossa_one_line (entry->label);
  _glossa_trash_item_update_subtitle (self, now);

  return self;
}

struct _GlossaTrashDialog
{
  AdwWindow          parent_instance;

  GlossaHistory     *history;
  GlossaLibrary     *library;
  GListStore        *items;
  GtkMultiSelection *selection;

  GtkStack          *stack;
  GtkListView       *list_view;

  guint              reload_source;
  guint              clock_source;
};

G_DEFINE_FINAL_TYPE (GlossaTrashDialog, glossa_trash_dialog, ADW_TYPE_WINDOW)

static void
_glossa_trash_dialog_update_actions (GlossaTrashDialog *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.restore",
                                 !gtk_bitset_is_empty (selected));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trash.empty", n_items > 0);
}

static void
_glossa_trash_dialog_reload (GlossaTrashDialog *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();

  g_clear_handle_id (&self->reload_source, g_source_remove);

  entries = glossa_library_list_trash (self->library, &error);
  if (entries == NULL)
    {
      g_warning ("Failed to list the trash: %s", error->message);
      return;
    }

  items = g_ptr_array_new_full (entries->len, g_object_unref);
  /* The items own the entries from here on. */
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (items, _glossa_trash_item_new (g_ptr_array_index (entries, i), now));

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  _glossa_trash_dialog_update_actions (self);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  GlossaTrashDialog *self = user_data;

  self->reload_source = 0;
  _glossa_trash_dialog_reload (self);

  return G_SOURCE_REMOVE;
}

/* The library tells of changes one by one; reload once after a burst. */
static void
_glossa_trash_dialog_queue_reload (GlossaTrashDialog *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_timeout_cb, self, NULL);
}

/* "Deleted 5 minutes ago" ages while the dialog is open. */
static gboolean
clock_cb (gpointer user_data)
{
  GlossaTrashDialog *self = user_data;
  GListModel *items = G_LIST_MODEL (self->items);
  gint64 now = g_get_real_time ();

  /* In place, so the selection stays. */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GlossaTrashItem) item = g_list_model_get_item (items, i);

      _glossa_trash_item_update_subtitle (item, now);
    }

  return G_SOURCE_CONTINUE;
}

static void
library_changed_cb (GlossaTrashDialog *self)
{
  _glossa_trash_dialog_queue_reload (self);
}

static void
articles_changed_cb (GlossaTrashDialog *self,
                     guint              position,
                     guint              removed,
                     guint              added,
                     GListModel        *model)
{
  _glossa_trash_dialog_queue_reload (self);
}

static void
selection_changed_cb (GlossaTrashDialog *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *model)
{
  _glossa_trash_dialog_update_actions (self);
}

static gboolean
_glossa_trash_dialog_restore_item (GlossaTrashDialog *self,
                                   GlossaTrashItem   *item)
{
  g_autoptr(GError) error = NULL;

  if (!glossa_history_restore (self->history, item->entry->id, &error))
    {
      AdwMessageDialog *dialog;

      g_warning ("Failed to restore trash entry %" PRId64 ": %s",
                 item->entry->id, error->message);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Restore"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  return TRUE;
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlossaTrashDialog *self = GLOSSA_TRASH_DIALOG (widget);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  /* Collect first: every restore reloads the list under our feet. */
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      g_ptr_array_add (chosen, g_list_model_get_item (G_LIST_MODEL (self->items), position));
    while (gtk_bitset_iter_next (&iter, &position));

  for (guint i = 0; i < chosen->len; i++)
    if (!_glossa_trash_dialog_restore_item (self, g_ptr_array_index (chosen, i)))
      break;

  _glossa_trash_dialog_reload (self);
}

static void
row_activate_cb (GlossaTrashDialog *self,
                 guint              position,
                 GtkListView       *view)
{
  g_autoptr(GlossaTrashItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (item != NULL && _glossa_trash_dialog_restore_item (self, item))
    _glossa_trash_dialog_reload (self);
}

static void
empty_response_cb (GlossaTrashDialog *self,
                   const char        *response,
                   AdwMessageDialog  *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "empty") != 0)
    return;

  if (!glossa_library_empty_trash (self->library, &error))
    {
      AdwMessageDialog *failed;

      g_warning ("Failed to empty the trash: %s", error->message);
      failed = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Empty the Trash"),
                                                           error->message));
      adw_message_dialog_add_response (failed, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
    }

  _glossa_trash_dialog_reload (self);
}

static void
empty_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GlossaTrashDialog *self = GLOSSA_TRASH_DIALOG (widget);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Empty the Trash?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The %u item in the trash will be deleted "
                                               "permanently. This cannot be undone.",
                                               "All %u items in the trash will be deleted "
                                               "permanently. This cannot be undone.",
                                               n_items),
                                  n_items);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "empty", _("_Empty Trash"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "empty", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (empty_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
glossa_trash_dialog_dispose (GObject *object)
{
  GlossaTrashDialog *self = GLOSSA_TRASH_DIALOG (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSA_TYPE_TRASH_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->library);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (glossa_trash_dialog_parent_class)->dispose (object);
}

static void
glossa_trash_dialog_class_init (GlossaTrashDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossa_trash_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossa/Glossa/glossa-trash-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossaTrashDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossaTrashDialog, list_view);
  gtk_widget_class_bind_template_callback (widget_class, row_activate_cb);

  gtk_widget_class_install_action (widget_class, "trash.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "trash.empty", NULL, empty_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (GLOSSA_TYPE_TRASH_ITEM);
}

static void
glossa_trash_dialog_init (GlossaTrashDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (GLOSSA_TYPE_TRASH_ITEM);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_builder_list_item_factory_new_from_resource (NULL,
                                                             "/io/github/glossa/Glossa/glossa-trash-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);
}

GtkWidget *
glossa_trash_dialog_new (GtkWindow     *parent,
                         GlossaHistory *history)
{
  GlossaTrashDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSSA_IS_HISTORY (history), NULL);

  self = g_object_new (GLOSSA_TYPE_TRASH_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->history = g_object_ref (history);
  self->library = g_object_ref (glossa_history_get_library (history));

  g_signal_connect_object (self->library, "annotations-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "links-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "tags-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (glossa_library_get_articles (self->library), "items-changed",
                           G_CALLBACK (articles_changed_cb), self, G_CONNECT_SWAPPED);

  _glossa_trash_dialog_reload (self);
  self->clock_source = g_timeout_add_seconds (60, clock_cb, self);

  /* The keyboard starts on the list, not on the destructive Empty Trash
   * (Return would otherwise offer to delete everything). */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->list_view));

  return GTK_WIDGET (self);
}
