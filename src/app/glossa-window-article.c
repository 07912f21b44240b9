/* glossa-window-article.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The article menu: re-import from the source file, re-extract from the
 * copy stored at import (both read and extract in a thread, then re-anchor
 * every annotation on the main thread and say what moved), and the
 * Article Details window that renames an article.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "glossa-import.h"
#include "glossa-window-private.h"

/* Re-importing and re-extracting. */

typedef struct {
  gint64           article_id;
  char            *source;        /* where it came from, as stored */
  char            *mime_type;     /* the format it was read as */
  GBytes          *stored;        /* the original bytes kept at import */
  gboolean         from_source;   /* read the source file again if it exists */
  gboolean         source_gone;   /* it did not: the stored bytes were used */
  GlossaExtracted *extracted;
  GBytes          *original;      /* the bytes extracted */
  GlossaExtracted *as_stored;     /* the stored copy extracted, to tell user edits */
} ReimportData;

static void
reimport_data_free (gpointer data)
{
  ReimportData *reimport = data;

  g_free (reimport->source);
  g_free (reimport->mime_type);
  g_clear_pointer (&reimport->stored, g_bytes_unref);
  g_clear_pointer (&reimport->extracted, glossa_extracted_free);
  g_clear_pointer (&reimport->original, g_bytes_unref);
  g_clear_pointer (&reimport->as_stored, glossa_extracted_free);
  g_free (reimport);
}

static const char *
format_mime_type (const char *format)
{
  if (g_strcmp0 (format, "html") == 0)
    return "text/html";
  if (g_strcmp0 (format, "markdown") == 0)
    return "text/markdown";
  if (g_strcmp0 (format, "text") == 0)
    return "text/plain";
  return NULL;
}

static void
reimport_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ReimportData *reimport = task_data;
  GError *error = NULL;

  if (reimport->from_source && reimport->source != NULL && g_path_is_absolute (reimport->source))
    {
      g_autoptr(GFile) file = g_file_new_for_path (reimport->source);

      if (g_file_query_exists (file, cancellable))
        {
          reimport->extracted = glossa_import_file (file, NULL, GLOSSA_IMPORT_DEFAULT_MAX_SIZE,
                                                    &reimport->original, cancellable, &error);
          if (reimport->extracted == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          /* What the stored copy gives, to keep a title the user changed. */
          if (reimport->stored != NULL)
            reimport->as_stored = glossa_import_bytes (reimport->stored, reimport->source,
                                                       reimport->mime_type, NULL, NULL);
          g_task_return_boolean (task, TRUE);
          return;
        }
      reimport->source_gone = TRUE;
    }
  else if (reimport->from_source)
    reimport->source_gone = TRUE;

  if (reimport->stored == NULL)
    {
      g_task_return_new_error (task, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_UNREADABLE,
                               _("“%s” has no copy stored at import to extract again."),
                               reimport->source != NULL ? reimport->source : "");
      return;
    }

  reimport->extracted = glossa_import_bytes (reimport->stored, reimport->source,
                                             reimport->mime_type, NULL, &error);
  if (reimport->extracted == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  reimport->original = g_bytes_ref (reimport->stored);
  g_task_return_boolean (task, TRUE);
}

static void
finish_pending (GlossaWindow *self)
{
  self->import_pending--;
  if (self->import_pending == 0)
    {
      g_clear_handle_id (&self->import_pulse, g_source_remove);
      gtk_widget_set_visible (GTK_WIDGET (self->import_box), FALSE);
      g_clear_object (&self->import_cancellable);
    }
  _glossa_window_update_actions (self);
  _glossa_window_notify_importing (self);
}

static char *
describe_report (const GlossaReanchorReport *report,
                 gboolean                    from_source)
{
  guint moved = report->n_moved + report->n_fuzzy;
  guint orphaned = report->n_orphaned;

  if (report->n_exact + moved + orphaned == 0)
    return g_strdup (from_source ? _("Article re-imported") : _("Article re-extracted"));
  if (moved == 0 && orphaned == 0)
    return g_strdup (_("Every annotation is where it was"));
  if (orphaned == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation moved",
                                         "%u annotations moved", moved), moved);
  if (moved == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation could not be placed",
                                         "%u annotations could not be placed", orphaned), orphaned);

  {
    g_autofree char *moved_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation moved",
                                                                "%u annotations moved", moved), moved);
    g_autofree char *orphan_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u could not be placed",
                                                                 "%u could not be placed", orphaned),
                                                    orphaned);

    /* Translators: "3 annotations moved, 1 could not be placed" */
    return g_strdup_printf (_("%s, %s"), moved_part, orphan_part);
  }
}

/* Title, byline and date the user set in Article Details stay: a field
 * differs from what the stored copy extracts to only when it was edited. */
static void
keep_edited_details (GlossaWindow *self,
                     ReimportData *reimport)
{
  g_autoptr(GlossaArticle) article = glossa_library_get_article (self->library,
                                                                 reimport->article_id, NULL);
  GlossaExtracted *after = reimport->extracted;
  /* Read from the stored copy, the new extraction is also the reference. */
  const GlossaExtracted *before = reimport->as_stored != NULL ? reimport->as_stored : after;
  g_autofree char *stored_byline = NULL;
  g_autofree char *stored_published = NULL;
  g_autofree char *stored_title = NULL;

  if (article == NULL || before == NULL)
    return;

  if (reimport->as_stored == NULL && reimport->original != reimport->stored)
    return;
  stored_title = before->title != NULL ? g_strstrip (g_strdup (before->title)) : NULL;
  stored_byline = g_strdup (before->byline);
  stored_published = g_strdup (before->published);
  if (g_strcmp0 (glossa_article_get_title (article), stored_title) != 0)
    {
      g_free (after->title);
      after->title = g_strdup (glossa_article_get_title (article));
    }
  if (g_strcmp0 (glossa_article_get_byline (article), stored_byline) != 0)
    {
      g_free (after->byline);
      after->byline = g_strdup (glossa_article_get_byline (article));
    }
  if (g_strcmp0 (glossa_article_get_published (article), stored_published) != 0)
    {
      g_free (after->published);
      after->published = g_strdup (glossa_article_get_published (article));
    }
}

static void
reimport_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GlossaWindow *self = GLOSSA_WINDOW (object);
  ReimportData *reimport = g_task_get_task_data (G_TASK (result));
  g_autoptr(GlossaReanchorReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  finish_pending (self);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    keep_edited_details (self, reimport);

  if (error != NULL ||
      !glossa_library_update_content (self->library, reimport->article_id, reimport->extracted,
                                      reimport->original, &report, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_CANCELLED))
        _glossa_window_toast (self, _("Import cancelled"), FALSE);
      else
        _glossa_window_show_error (self, error);
      return;
    }

  summary = describe_report (report, reimport->from_source);
  if (reimport->source_gone)
    /* Translators: %s says what happened to the annotations */
    message = g_strdup_printf (_("The source file is gone, so the copy stored at import was used. %s."),
                               summary);
  else
    message = g_strdup (summary);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  /* The answer to what was just asked for: before older toasts. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (report->n_orphaned > 0)
    {
      /* Parameterless: a toast with a target value keeps the window alive
       * in libadwaita 1.2. */
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.show-orphans");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
start_reimport (GlossaWindow *self,
                gboolean      from_source)
{
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  ReimportData *reimport;

  if (self->article_id == 0)
    return;

  article = glossa_library_get_article (self->library, self->article_id, &error);
  if (article == NULL)
    {
      _glossa_window_show_error (self, error);
      return;
    }

  reimport = g_new0 (ReimportData, 1);
  reimport->article_id = self->article_id;
  reimport->source = g_strdup (glossa_article_get_source (article));
  reimport->mime_type = g_strdup (format_mime_type (glossa_article_get_format (article)));
  reimport->from_source = from_source;
  /* The library is only used from the main thread: read the stored copy
   * here (a pasted article has nothing else). */
  reimport->stored = glossa_library_load_original (self->library, self->article_id, NULL);

  label = g_strdup_printf (from_source ? _("Re-importing “%s”…") : _("Re-extracting “%s”…"),
                           glossa_article_get_title (article));
  if (self->import_cancellable == NULL)
    self->import_cancellable = g_cancellable_new ();
  gtk_label_set_label (self->import_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->import_box), TRUE);
  self->import_pending++;

  task = g_task_new (self, self->import_cancellable, reimport_done_cb, NULL);
  g_task_set_source_tag (task, start_reimport);
  g_task_set_task_data (task, reimport, reimport_data_free);
  g_task_run_in_thread (task, reimport_thread);

  _glossa_window_update_actions (self);
  _glossa_window_notify_importing (self);
}

static void
reimport_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  start_reimport (GLOSSA_WINDOW (widget), TRUE);
}

static void
reextract_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  start_reimport (GLOSSA_WINDOW (widget), FALSE);
}

static void
show_orphans_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);

  g_object_set (self, "show-annotations", TRUE, NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->orphans_expander)))
    return;
  gtk_expander_set_expanded (self->orphans_expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->orphans_expander));
}

/* Article Details. */

typedef struct {
  GlossaWindow *window;     /* weak */
  gint64        article_id;
  GtkWidget    *dialog;
  AdwEntryRow  *title;
  AdwEntryRow  *byline;
  AdwEntryRow  *published;
  GtkWidget    *save;
} DetailsDialog;

static void
details_dialog_free (gpointer data)
{
  DetailsDialog *details = data;

  g_clear_weak_pointer (&details->window);
  g_free (details);
}

static void
details_title_changed_cb (DetailsDialog *details)
{
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (details->title)));

  gtk_widget_set_sensitive (details->save, *g_strstrip (title) != '\0');
}

static void
details_save_cb (DetailsDialog *details)
{
  g_autoptr(GError) error = NULL;

  if (details->window == NULL)
    return;

  if (!glossa_history_set_article_details (details->window->history, details->article_id,
                                           gtk_editable_get_text (GTK_EDITABLE (details->title)),
                                           gtk_editable_get_text (GTK_EDITABLE (details->byline)),
                                           gtk_editable_get_text (GTK_EDITABLE (details->published)),
                                           &error))
    {
      _glossa_window_show_error (details->window, error);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (details->dialog));
}

static AdwEntryRow *
add_entry_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_preferences_group_add (group, row);

  return ADW_ENTRY_ROW (row);
}

static void
add_info_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value != '\0' ? value : _("Unknown"));
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

static const char *
format_label (const char *format)
{
  if (g_strcmp0 (format, "html") == 0)
    return _("Web page");
  if (g_strcmp0 (format, "markdown") == 0)
    return _("Markdown");
  if (g_strcmp0 (format, "text") == 0)
    return _("Plain text");
  return format;
}

GtkWidget *
_glossa_window_article_details_new (GlossaWindow *self)
{
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  DetailsDialog *details;
  GtkWidget *dialog, *box, *header, *cancel, *page, *clamp;
  AdwPreferencesGroup *group, *info;
  const char *source;

  article = glossa_library_get_article (self->library, self->article_id, &error);
  if (article == NULL)
    {
      _glossa_window_show_error (self, error);
      return NULL;
    }

  details = g_new0 (DetailsDialog, 1);
  g_set_weak_pointer (&details->window, self);
  details->article_id = self->article_id;

  dialog = adw_window_new ();
  details->dialog = dialog;
  gtk_window_set_title (GTK_WINDOW (dialog), _("Article Details"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "glossa-details", details, details_dialog_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_window_set_content (ADW_WINDOW (dialog), box);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), dialog);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  details->save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (details->save, "suggested-action");
  g_signal_connect_swapped (details->save, "clicked", G_CALLBACK (details_save_cb), details);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), details->save);
  gtk_box_append (GTK_BOX (box), header);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_box_append (GTK_BOX (box), clamp);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  details->title = add_entry_row (group, _("_Title"), glossa_article_get_title (article));
  details->byline = add_entry_row (group, _("_Byline"), glossa_article_get_byline (article));
  details->published = add_entry_row (group, _("_Published"), glossa_article_get_published (article));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (group));

  info = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (info, _("Imported From"));
  source = glossa_article_get_source (article);
  add_info_row (info, _("Source"), source);
  add_info_row (info, _("Format"), format_label (glossa_article_get_format (article)));
  add_info_row (info, _("Encoding"), glossa_article_get_encoding (article));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (info));

  g_signal_connect_swapped (details->title, "changed", G_CALLBACK (details_title_changed_cb), details);
  g_signal_connect_swapped (details->title, "entry-activated", G_CALLBACK (details_save_cb), details);
  g_signal_connect_swapped (details->byline, "entry-activated", G_CALLBACK (details_save_cb), details);
  g_signal_connect_swapped (details->published, "entry-activated", G_CALLBACK (details_save_cb), details);
  details_title_changed_cb (details);

  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (dialog, keys);
  }

  gtk_widget_grab_focus (GTK_WIDGET (details->title));

  return dialog;
}

static void
article_details_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  GtkWidget *dialog;

  if (self->article_id == 0)
    return;
  dialog = _glossa_window_article_details_new (self);
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

void
_glossa_window_update_article_actions (GlossaWindow *self)
{
  gboolean has_article = self->article_id != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reimport", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reextract", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.article-details", has_article);
}

void
_glossa_window_class_add_article_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.reimport", NULL, reimport_action);
  gtk_widget_class_install_action (widget_class, "win.reextract", NULL, reextract_action);
  gtk_widget_class_install_action (widget_class, "win.show-orphans", NULL, show_orphans_action);
  gtk_widget_class_install_action (widget_class, "win.article-details", NULL, article_details_action);
}
