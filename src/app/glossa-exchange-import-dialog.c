/* glossa-exchange-import-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Merging a Glossa XML or REFI-QDA project file into the library.  The
 * import runs in a worker thread on its own connection to the library file;
 * when it is done the window's connection reloads its models.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-exchange-import-dialog.h"
#include "glossa-library-exchange.h"
#include "glossa-qdpx.h"

struct _GlossaExchangeImportDialog
{
  AdwWindow           parent_instance;

  GlossaLibrary      *library;
  GCancellable       *cancellable;
  GtkFileChooserNative *chooser;
  GlossaImportReport *report;
  GtkStringList      *conflicts;
  char               *error_message;
  guint               pulse_id;

  GtkStack           *stack;
  GtkButton          *cancel_button;
  GtkLabel           *running_label;
  GtkProgressBar     *progress;
  AdwPreferencesGroup *summary_group;
  AdwPreferencesGroup *conflicts_group;
  GtkLabel           *added_label;
  GtkLabel           *updated_label;
  GtkLabel           *unchanged_label;
  GtkLabel           *kept_label;
  GtkListView        *conflict_view;
  AdwStatusPage      *error_page;
};

G_DEFINE_FINAL_TYPE (GlossaExchangeImportDialog, glossa_exchange_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum {
  DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  char *library_path;
  char *path;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->library_path);
  g_free (job->path);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GlossaLibrary) library = NULL;
  g_autoptr(GlossaImportReport) report = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GError) error = NULL;
  char head[512];
  gsize n_head = 0;
  gboolean ok;

  in = g_file_read (file, cancellable, &error);
  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n_head, cancellable,
                                &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_input_stream_close (G_INPUT_STREAM (in), NULL, NULL);

  library = glossa_library_open (job->library_path, &error);
  if (library == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (glossa_qdpx_sniff (head, n_head))
    ok = glossa_qdpx_import (library, job->path, &report, cancellable, &error);
  else if (glossa_xml_sniff (head, n_head))
    ok = glossa_xml_import (library, job->path, &report, cancellable, &error);
  else
    {
      g_autofree char *name = g_path_get_basename (job->path);

      g_set_error (&error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_UNSUPPORTED,
                   _("“%s” is neither a Glossa XML export nor a REFI-QDA project (.qdpx)."),
                   name);
      ok = FALSE;
    }

  if (ok)
    g_task_return_pointer (task, g_steal_pointer (&report),
                           (GDestroyNotify) glossa_import_report_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static const char *
_glossa_kind_label (GlossaTrashKind kind)
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
      return _("Item");
    }
}

static void
_glossa_exchange_import_dialog_show_report (GlossaExchangeImportDialog *self)
{
  GlossaImportReport *report = self->report;
  g_autofree char *added = g_strdup_printf ("%u", report->n_added);
  g_autofree char *updated = g_strdup_printf ("%u", report->n_updated);
  g_autofree char *unchanged = g_strdup_printf ("%u", report->n_unchanged);
  g_autofree char *kept = g_strdup_printf ("%u", report->n_kept);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->conflicts));

  gtk_label_set_text (self->added_label, added);
  gtk_label_set_text (self->updated_label, updated);
  gtk_label_set_text (self->unchanged_label, unchanged);
  gtk_label_set_text (self->kept_label, kept);

  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; report->conflicts != NULL && i < report->conflicts->len; i++)
      {
        GlossaImportConflict *c = g_ptr_array_index (report->conflicts, i);
        const char *label = c->label && *c->label ? c->label : c->uuid;

        /* TRANSLATORS: "Article “Title”: the file’s newer version replaced ours" */
        g_ptr_array_add (rows, g_strdup_printf (c->took_file
                                                ? _("%s “%s”: the file’s newer version replaced ours")
                                                : _("%s “%s”: ours was newer and stayed"),
                                                _glossa_kind_label (c->kind), label));
      }
    g_ptr_array_add (rows, NULL);
    gtk_string_list_splice (self->conflicts, 0, n, (const char * const *) rows->pdata);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group),
                          g_list_model_get_n_items (G_LIST_MODEL (self->conflicts)) > 0);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
_glossa_exchange_import_dialog_stop (GlossaExchangeImportDialog *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GlossaExchangeImportDialog) self = user_data;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaImportReport) report = NULL;
  g_autofree char *name = g_path_get_basename (job->path);

  report = g_task_propagate_pointer (G_TASK (result), &error);

  if (report == NULL)
    {
      _glossa_exchange_import_dialog_stop (self);
      /* The importers may wrap the cancellation in their own error. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
        {
          gtk_stack_set_visible_child_name (self->stack, "choose");
          return;
        }
      g_debug ("Failed to import %s: %s", job->path, error->message);
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  /* The file changed under the window's connection. */
  if (!glossa_library_reload (self->library, &error))
    g_warning ("Failed to reload the library after an import: %s", error->message);

  g_clear_pointer (&self->report, glossa_import_report_free);
  self->report = g_steal_pointer (&report);
  _glossa_exchange_import_dialog_show_report (self);
  _glossa_exchange_import_dialog_stop (self);

  {
    g_autofree char *message = NULL;
    g_autofree char *description = NULL;

    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Imported “%s”: %u item added.",
                                            "Imported “%s”: %u items added.",
                                            self->report->n_added),
                               name, self->report->n_added);
    description = g_strdup_printf (_("From “%s”"), name);
    adw_preferences_group_set_title (self->summary_group, _("Imported"));
    adw_preferences_group_set_description (self->summary_group, description);
    g_signal_emit (self, signals[DONE], 0, message);
  }
}

static gboolean
pulse_cb (gpointer user_data)
{
  GlossaExchangeImportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

void
glossa_exchange_import_dialog_import_file (GlossaExchangeImportDialog *self,
                                           GFile                      *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  ImportJob *job;

  g_return_if_fail (GLOSSA_IS_EXCHANGE_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  g_clear_pointer (&self->error_message, g_free);

  job = g_new0 (ImportJob, 1);
  job->library_path = g_strdup (glossa_library_get_path (self->library));
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      import_job_free (job);
      self->error_message = g_strdup (_("Glossa can only import a local file."));
      adw_status_page_set_description (self->error_page, self->error_message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  name = g_path_get_basename (job->path);
  text = g_strdup_printf (_("Merging “%s”…"), name);
  gtk_label_set_text (self->running_label, text);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, glossa_exchange_import_dialog_import_file);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  /* An import that finished despite Cancel is in the file: report it. */
  g_task_set_check_cancellable (task, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "running");
  self->pulse_id = g_timeout_add (100, pulse_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  g_task_run_in_thread (task, import_thread);
}

void
glossa_exchange_import_dialog_cancel (GlossaExchangeImportDialog *self)
{
  g_return_if_fail (GLOSSA_IS_EXCHANGE_IMPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
cancel_clicked_cb (GlossaExchangeImportDialog *self)
{
  glossa_exchange_import_dialog_cancel (self);
}

static void
chooser_response_cb (GtkNativeDialog            *chooser,
                     int                         response,
                     GlossaExchangeImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        glossa_exchange_import_dialog_import_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (GlossaExchangeImportDialog *self)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) qdpx = gtk_file_filter_new ();

  if (self->chooser != NULL || self->cancellable != NULL)
    return;

  gtk_file_filter_set_name (all, _("Exchange Files"));
  gtk_file_filter_add_suffix (all, "xml");
  gtk_file_filter_add_suffix (all, "qdpx");
  gtk_file_filter_set_name (xml, _("Glossa XML"));
  gtk_file_filter_add_suffix (xml, "xml");
  gtk_file_filter_set_name (qdpx, _("REFI-QDA Projects"));
  gtk_file_filter_add_suffix (qdpx, "qdpx");

  self->chooser = gtk_file_chooser_native_new (_("Import Exchange File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), xml);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), qdpx);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
conflict_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, label);
}

static void
conflict_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

gboolean
glossa_exchange_import_dialog_get_running (GlossaExchangeImportDialog *self)
{
  g_return_val_if_fail (GLOSSA_IS_EXCHANGE_IMPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const GlossaImportReport *
glossa_exchange_import_dialog_get_report (GlossaExchangeImportDialog *self)
{
  g_return_val_if_fail (GLOSSA_IS_EXCHANGE_IMPORT_DIALOG (self), NULL);

  return self->report;
}

GListModel *
glossa_exchange_import_dialog_get_conflicts (GlossaExchangeImportDialog *self)
{
  g_return_val_if_fail (GLOSSA_IS_EXCHANGE_IMPORT_DIALOG (self), NULL);

  return G_LIST_MODEL (self->conflicts);
}

const char *
glossa_exchange_import_dialog_get_error (GlossaExchangeImportDialog *self)
{
  g_return_val_if_fail (GLOSSA_IS_EXCHANGE_IMPORT_DIALOG (self), NULL);

  return self->error_message;
}

static void
glossa_exchange_import_dialog_dispose (GObject *object)
{
  GlossaExchangeImportDialog *self = GLOSSA_EXCHANGE_IMPORT_DIALOG (object);

  /* The transaction of a cancelled import rolls back whole. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);
  g_clear_object (&self->conflicts);

  G_OBJECT_CLASS (glossa_exchange_import_dialog_parent_class)->dispose (object);
}

static void
glossa_exchange_import_dialog_finalize (GObject *object)
{
  GlossaExchangeImportDialog *self = GLOSSA_EXCHANGE_IMPORT_DIALOG (object);

  g_clear_pointer (&self->report, glossa_import_report_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (glossa_exchange_import_dialog_parent_class)->finalize (object);
}

static void
glossa_exchange_import_dialog_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  GlossaExchangeImportDialog *self = GLOSSA_EXCHANGE_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_exchange_import_dialog_class_init (GlossaExchangeImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossa_exchange_import_dialog_dispose;
  object_class->finalize = glossa_exchange_import_dialog_finalize;
  object_class->get_property = glossa_exchange_import_dialog_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossa/Glossa/glossa-exchange-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, running_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, updated_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, unchanged_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, kept_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, conflict_view);
  gtk_widget_class_bind_template_child (widget_class, GlossaExchangeImportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glossa_exchange_import_dialog_init (GlossaExchangeImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->conflicts = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->conflicts)));
  g_signal_connect (factory, "setup", G_CALLBACK (conflict_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (conflict_bind_cb), NULL);
  gtk_list_view_set_factory (self->conflict_view, factory);
  gtk_list_view_set_model (self->conflict_view, GTK_SELECTION_MODEL (selection));
}

GtkWidget *
glossa_exchange_import_dialog_new (GtkWindow     *parent,
                                   GlossaLibrary *library)
{
  GlossaExchangeImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), NULL);

  self = g_object_new (GLOSSA_TYPE_EXCHANGE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->library = g_object_ref (library);

  return GTK_WIDGET (self);
}
