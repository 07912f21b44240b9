/* glossa-export-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File → Export: a format, a scope, a file; the export runs in a worker
 * thread on its own connection to the library file (a SQLite connection
 * is never shared between threads), with a pulsing bar and Cancel.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "glossa-export-dialog.h"
#include "glossa-jsonld.h"
#include "glossa-qdpx.h"
#include "glossa-report.h"
#include "glossa-xml.h"

struct _GlossaExportDialog
{
  AdwWindow       parent_instance;

  GlossaLibrary  *library;
  gint64          current_article_id;
  GHashTable     *chosen_articles;   /* gint64 ids */
  GHashTable     *chosen_tags;
  GCancellable   *cancellable;
  GtkFileChooserNative *chooser;
  char           *error_message;
  guint           pulse_id;

  AdwComboRow    *format_row;
  AdwActionRow   *bom_row;
  GtkSwitch      *bom_switch;
  GtkLabel       *format_hint;
  AdwPreferencesGroup *scope_group;
  AdwComboRow    *scope_row;
  GtkFrame       *choice_frame;
  GtkListView    *choice_view;
  GtkWidget      *form_box;
  GtkButton      *export_button;
  GtkButton      *cancel_button;
  GtkProgressBar *progress;
  GtkLabel       *status_label;
};

G_DEFINE_FINAL_TYPE (GlossaExportDialog, glossa_export_dialog, ADW_TYPE_WINDOW)

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

static const char *extensions[] = {
  [GLOSSA_EXPORT_FORMAT_XML] = ".xml",
  [GLOSSA_EXPORT_FORMAT_QDPX] = ".qdpx",
  [GLOSSA_EXPORT_FORMAT_QDC] = ".qdc",
  [GLOSSA_EXPORT_FORMAT_JSONLD] = ".jsonld",
  [GLOSSA_EXPORT_FORMAT_CSV] = ".csv",
  [GLOSSA_EXPORT_FORMAT_REPORT_HTML] = ".html",
  [GLOSSA_EXPORT_FORMAT_REPORT_MARKDOWN] = ".md",
};

/* What the worker thread needs, copied so it touches nothing of the UI. */
typedef struct {
  char               *library_path;
  char               *output_path;
  GlossaExportFormat  format;
  gboolean            bom;
  GlossaExportScope  *scope;
  guint               n_skipped;
  gboolean            existed;   /* the output file was there before */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->library_path);
  g_free (job->output_path);
  g_clear_pointer (&job->scope, glossa_export_scope_free);
  g_free (job);
}

static GlossaExportFormat
_glossa_export_dialog_get_format (GlossaExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return selected < G_N_ELEMENTS (extensions) ? (GlossaExportFormat) selected
                                              : GLOSSA_EXPORT_FORMAT_XML;
}

static GlossaExportScopeKind
_glossa_export_dialog_get_scope (GlossaExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->scope_row);

  return selected <= GLOSSA_EXPORT_SCOPE_TAGS ? (GlossaExportScopeKind) selected
                                              : GLOSSA_EXPORT_SCOPE_LIBRARY;
}

static void
_glossa_export_dialog_set_status (GlossaExportDialog *self,
                                  const char         *text,
                                  gboolean            is_error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* The Export button: not while running, and not with nothing to export. */
static void
_glossa_export_dialog_update_sensitivity (GlossaExportDialog *self)
{
  gboolean running = self->cancellable != NULL;
  gboolean ok = TRUE;
  const char *problem = NULL;

  if (_glossa_export_dialog_get_format (self) != GLOSSA_EXPORT_FORMAT_QDC)
    switch (_glossa_export_dialog_get_scope (self))
      {
      case GLOSSA_EXPORT_SCOPE_ARTICLE:
        if (self->current_article_id <= 0)
          {
            ok = FALSE;
            problem = _("No article is open.");
          }
        break;
      case GLOSSA_EXPORT_SCOPE_ARTICLES:
        ok = g_hash_table_size (self->chosen_articles) > 0;
        break;
      case GLOSSA_EXPORT_SCOPE_TAGS:
        ok = g_hash_table_size (self->chosen_tags) > 0;
        break;
      case GLOSSA_EXPORT_SCOPE_LIBRARY:
      default:
        break;
      }

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), ok && !running);
  gtk_widget_set_sensitive (self->form_box, !running);
  if (!running && self->error_message == NULL)
    _glossa_export_dialog_set_status (self, problem, FALSE);
}

/* ------------------------------------------------------------------------ */
/* The check list of articles or tags                                        */

static GHashTable *
_glossa_export_dialog_current_set (GlossaExportDialog *self)
{
  return _glossa_export_dialog_get_scope (self) == GLOSSA_EXPORT_SCOPE_TAGS
         ? self->chosen_tags : self->chosen_articles;
}

static void
check_toggled_cb (GtkCheckButton     *check,
                  GlossaExportDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "glossa-id"));
  GHashTable *set = g_object_get_data (G_OBJECT (check), "glossa-set");

  if (set == NULL)
    return;

  if (gtk_check_button_get_active (check))
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (set, &id);

  _glossa_export_dialog_update_sensitivity (self);
}

static void
choice_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GlossaExportDialog       *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, check);
}

static void
choice_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GlossaExportDialog       *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GObject *object = gtk_list_item_get_item (item);
  GHashTable *set;
  gint64 id;

  if (GLOSSA_IS_TAG (object))
    {
      GlossaTag *tag = GLOSSA_TAG (object);

      id = glossa_tag_get_id (tag);
      set = self->chosen_tags;
      gtk_label_set_text (GTK_LABEL (label), glossa_tag_get_name (tag));
      gtk_widget_set_margin_start (check, 18 * glossa_tag_get_depth (tag));
    }
  else
    {
      GlossaArticle *article = GLOSSA_ARTICLE (object);
      const char *title = glossa_article_get_title (article);

      id = glossa_article_get_id (article);
      set = self->chosen_articles;
      gtk_label_set_text (GTK_LABEL (label), title && *title ? title : _("Untitled"));
      gtk_widget_set_margin_start (check, 0);
    }

  /* Set the state before the set, so that binding does not count as a toggle. */
  g_object_set_data (G_OBJECT (check), "glossa-set", NULL);
  g_object_set_data (G_OBJECT (check), "glossa-id", GSIZE_TO_POINTER ((gsize) id));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (set, &id));
  g_object_set_data (G_OBJECT (check), "glossa-set", set);
}

static void
choice_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GlossaExportDialog       *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "glossa-set", NULL);
}

static void
scope_changed_cb (GlossaExportDialog *self)
{
  GlossaExportScopeKind scope = _glossa_export_dialog_get_scope (self);
  GListModel *model = NULL;

  if (scope == GLOSSA_EXPORT_SCOPE_ARTICLES)
    model = glossa_library_get_articles (self->library);
  else if (scope == GLOSSA_EXPORT_SCOPE_TAGS)
    model = glossa_library_get_tags (self->library);

  if (model != NULL)
    {
      g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (model));

      gtk_list_view_set_model (self->choice_view, GTK_SELECTION_MODEL (selection));
    }
  else
    gtk_list_view_set_model (self->choice_view, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->choice_frame), model != NULL);
  _glossa_export_dialog_update_sensitivity (self);
}

static void
format_changed_cb (GlossaExportDialog *self)
{
  GlossaExportFormat format = _glossa_export_dialog_get_format (self);
  const char *hint = NULL;

  switch (format)
    {
    case GLOSSA_EXPORT_FORMAT_XML:
      hint = _("Everything, losslessly: Glossa can import it again and merge it.");
      break;
    case GLOSSA_EXPORT_FORMAT_QDPX:
      hint = _("For QDA programs such as ATLAS.ti, MAXQDA, NVivo or QualCoder.");
      break;
    case GLOSSA_EXPORT_FORMAT_QDC:
      hint = _("The codebook alone: tags, their hierarchy and descriptions.");
      break;
    case GLOSSA_EXPORT_FORMAT_JSONLD:
      hint = _("W3C Web Annotation, for annotation tools and the web.");
      break;
    case GLOSSA_EXPORT_FORMAT_CSV:
      hint = _("One row per annotation, for spreadsheets and statistics.");
      break;
    case GLOSSA_EXPORT_FORMAT_REPORT_HTML:
    case GLOSSA_EXPORT_FORMAT_REPORT_MARKDOWN:
    default:
      hint = _("A readable document of the annotated passages, grouped by tag.");
      break;
    }

  gtk_label_set_text (self->format_hint, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->bom_row), format == GLOSSA_EXPORT_FORMAT_CSV);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scope_group), format != GLOSSA_EXPORT_FORMAT_QDC);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choice_frame), format != GLOSSA_EXPORT_FORMAT_QDC);
  _glossa_export_dialog_update_sensitivity (self);
}

/* ------------------------------------------------------------------------ */
/* Running the export                                                        */

static GlossaExportScope *
_glossa_export_dialog_build_scope (GlossaExportDialog *self)
{
  GlossaExportScope *scope = glossa_export_scope_new ();
  GHashTableIter iter;
  gpointer key;

  switch (_glossa_export_dialog_get_scope (self))
    {
    case GLOSSA_EXPORT_SCOPE_ARTICLE:
      glossa_export_scope_add_article (scope, self->current_article_id);
      break;
    case GLOSSA_EXPORT_SCOPE_ARTICLES:
    case GLOSSA_EXPORT_SCOPE_TAGS:
      g_hash_table_iter_init (&iter, _glossa_export_dialog_current_set (self));
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          if (_glossa_export_dialog_get_scope (self) == GLOSSA_EXPORT_SCOPE_TAGS)
            glossa_export_scope_add_tag (scope, *(gint64 *) key);
          else
            glossa_export_scope_add_article (scope, *(gint64 *) key);
        }
      break;
    case GLOSSA_EXPORT_SCOPE_LIBRARY:
    default:
      break;
    }

  return scope;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GlossaLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  job->existed = g_file_test (job->output_path, G_FILE_TEST_EXISTS);
  library = glossa_library_open (job->library_path, &error);
  if (library != NULL)
    switch (job->format)
      {
      case GLOSSA_EXPORT_FORMAT_XML:
        ok = glossa_xml_export_to_path (library, job->scope, job->output_path, cancellable, &error);
        break;
      case GLOSSA_EXPORT_FORMAT_QDPX:
        ok = glossa_qdpx_export (library, job->scope, job->output_path, &job->n_skipped,
                                 cancellable, &error);
        break;
      case GLOSSA_EXPORT_FORMAT_QDC:
        ok = glossa_qdc_export (library, job->output_path, cancellable, &error);
        break;
      case GLOSSA_EXPORT_FORMAT_JSONLD:
        ok = glossa_jsonld_export_to_path (library, job->scope, job->output_path, cancellable,
                                           &error);
        break;
      case GLOSSA_EXPORT_FORMAT_CSV:
        ok = glossa_csv_export_to_path (library, job->scope, job->bom, job->output_path,
                                        cancellable, &error);
        break;
      case GLOSSA_EXPORT_FORMAT_REPORT_HTML:
      case GLOSSA_EXPORT_FORMAT_REPORT_MARKDOWN:
        ok = glossa_report_export_to_path (library, job->scope,
                                           job->format == GLOSSA_EXPORT_FORMAT_REPORT_HTML
                                           ? GLOSSA_REPORT_HTML : GLOSSA_REPORT_MARKDOWN,
                                           job->output_path, cancellable, &error);
        break;
      default:
        g_assert_not_reached ();
      }

  /* Cancelled, even as the last byte was written (the exporters may then
   * report a failure to close): a file this export created goes. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      if (!job->existed)
        g_unlink (job->output_path);
      g_clear_error (&error);
      g_cancellable_set_error_if_cancelled (cancellable, &error);
      ok = FALSE;
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
pulse_cb (gpointer user_data)
{
  GlossaExportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
_glossa_export_dialog_stop (GlossaExportDialog *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  _glossa_export_dialog_update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GlossaExportDialog) self = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (job->output_path);
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  /* Cancel pressed as the thread finished: what it wrote goes. */
  if (ok && g_cancellable_set_error_if_cancelled (g_task_get_cancellable (G_TASK (result)), &error))
    {
      if (!job->existed)
        g_unlink (job->output_path);
      ok = FALSE;
    }

  _glossa_export_dialog_stop (self);

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _glossa_export_dialog_set_status (self, _("Export cancelled."), FALSE);
          return;
        }
      g_debug ("Failed to export to %s: %s", job->output_path, error->message);
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      _glossa_export_dialog_set_status (self, error->message, TRUE);
      return;
    }

  {
    g_autofree char *message = NULL;

    if (job->n_skipped > 0)
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Exported to “%s”; %u orphaned annotation was left out.",
                                              "Exported to “%s”; %u orphaned annotations were left out.",
                                              job->n_skipped),
                                 name, job->n_skipped);
    else
      message = g_strdup_printf (_("Exported to “%s”."), name);

    _glossa_export_dialog_set_status (self, message, FALSE);
    g_signal_emit (self, signals[DONE], 0, message);
    gtk_window_close (GTK_WINDOW (self));
  }
}

void
glossa_export_dialog_export_to (GlossaExportDialog *self,
                                GFile              *file)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (GLOSSA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  g_clear_pointer (&self->error_message, g_free);

  job = g_new0 (ExportJob, 1);
  job->library_path = g_strdup (glossa_library_get_path (self->library));
  job->output_path = g_file_get_path (file);
  job->format = _glossa_export_dialog_get_format (self);
  job->bom = gtk_switch_get_active (self->bom_switch);
  job->scope = _glossa_export_dialog_build_scope (self);

  if (job->output_path == NULL)
    {
      export_job_free (job);
      self->error_message = g_strdup (_("Glossa can only export to a local file."));
      _glossa_export_dialog_set_status (self, self->error_message, TRUE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, export_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, glossa_export_dialog_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  /* The thread's own outcome, so that a finished file is known and removed. */
  g_task_set_check_cancellable (task, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  gtk_progress_bar_set_fraction (self->progress, 0);
  self->pulse_id = g_timeout_add (100, pulse_cb, self);
  _glossa_export_dialog_set_status (self, _("Exporting…"), FALSE);
  _glossa_export_dialog_update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  g_task_run_in_thread (task, export_thread);
}

void
glossa_export_dialog_cancel (GlossaExportDialog *self)
{
  g_return_if_fail (GLOSSA_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
cancel_clicked_cb (GlossaExportDialog *self)
{
  if (self->cancellable != NULL)
    glossa_export_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     GlossaExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        glossa_export_dialog_export_to (self, file);
    }

  g_clear_object (&self->chooser);
}

char *
glossa_export_dialog_get_default_name (GlossaExportDialog *self)
{
  GlossaExportFormat format;
  g_autofree char *stem = NULL;
  GString *name;

  g_return_val_if_fail (GLOSSA_IS_EXPORT_DIALOG (self), NULL);

  format = _glossa_export_dialog_get_format (self);

  if (format == GLOSSA_EXPORT_FORMAT_QDC)
    stem = g_strdup (_("Codebook"));
  else if (_glossa_export_dialog_get_scope (self) == GLOSSA_EXPORT_SCOPE_ARTICLE &&
           self->current_article_id > 0)
    {
      g_autoptr(GlossaArticle) article =
        glossa_library_get_article (self->library, self->current_article_id, NULL);

      if (article != NULL && glossa_article_get_title (article) != NULL)
        stem = g_strdup (glossa_article_get_title (article));
    }

  if (stem == NULL)
    {
      g_autofree char *base = g_path_get_basename (glossa_library_get_path (self->library));
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      stem = g_steal_pointer (&base);
    }

  /* A title may hold characters no file system takes; keep it short too. */
  name = g_string_new (NULL);
  for (const char *p = stem; *p != '\0' && g_utf8_strlen (name->str, -1) < 80; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || c < 0x20 || c == '"' || c == '*' || c == '?' ||
          c == '<' || c == '>' || c == '|')
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  if (name->str[0] == '\0' || name->str[0] == '.')
    g_string_prepend (name, "glossa");
  g_string_append (name, extensions[format]);

  return g_string_free (name, FALSE);
}

static void
export_clicked_cb (GlossaExportDialog *self)
{
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  name = glossa_export_dialog_get_default_name (self);
  self->chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ------------------------------------------------------------------------ */

void
glossa_export_dialog_set_format (GlossaExportDialog *self,
                                 GlossaExportFormat  format)
{
  g_return_if_fail (GLOSSA_IS_EXPORT_DIALOG (self));
  g_return_if_fail ((guint) format < G_N_ELEMENTS (extensions));

  adw_combo_row_set_selected (self->format_row, format);
}

void
glossa_export_dialog_set_bom (GlossaExportDialog *self,
                              gboolean            bom)
{
  g_return_if_fail (GLOSSA_IS_EXPORT_DIALOG (self));

  gtk_switch_set_active (self->bom_switch, bom);
}

void
glossa_export_dialog_set_scope (GlossaExportDialog    *self,
                                GlossaExportScopeKind  scope)
{
  g_return_if_fail (GLOSSA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (scope <= GLOSSA_EXPORT_SCOPE_TAGS);

  adw_combo_row_set_selected (self->scope_row, scope);
}

void
glossa_export_dialog_choose (GlossaExportDialog    *self,
                             GlossaExportScopeKind  list,
                             gint64                 id,
                             gboolean               chosen)
{
  GHashTable *set;

  g_return_if_fail (GLOSSA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (list == GLOSSA_EXPORT_SCOPE_ARTICLES || list == GLOSSA_EXPORT_SCOPE_TAGS);

  set = list == GLOSSA_EXPORT_SCOPE_TAGS ? self->chosen_tags : self->chosen_articles;
  if (chosen)
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (set, &id);

  /* Rebind the visible rows so that their boxes agree. */
  if (_glossa_export_dialog_get_scope (self) == list)
    scope_changed_cb (self);
  else
    _glossa_export_dialog_update_sensitivity (self);
}

gboolean
glossa_export_dialog_get_running (GlossaExportDialog *self)
{
  g_return_val_if_fail (GLOSSA_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
glossa_export_dialog_get_error (GlossaExportDialog *self)
{
  g_return_val_if_fail (GLOSSA_IS_EXPORT_DIALOG (self), NULL);

  return self->error_message;
}

static gboolean
glossa_export_dialog_close_request (GtkWindow *window)
{
  GlossaExportDialog *self = GLOSSA_EXPORT_DIALOG (window);

  /* Closing while running cancels; the thread's file is discarded. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (glossa_export_dialog_parent_class)->close_request (window);
}

static void
glossa_export_dialog_dispose (GObject *object)
{
  GlossaExportDialog *self = GLOSSA_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (glossa_export_dialog_parent_class)->dispose (object);
}

static void
glossa_export_dialog_finalize (GObject *object)
{
  GlossaExportDialog *self = GLOSSA_EXPORT_DIALOG (object);

  g_clear_pointer (&self->chosen_articles, g_hash_table_unref);
  g_clear_pointer (&self->chosen_tags, g_hash_table_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (glossa_export_dialog_parent_class)->finalize (object);
}

static void
glossa_export_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossaExportDialog *self = GLOSSA_EXPORT_DIALOG (object);

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
glossa_export_dialog_class_init (GlossaExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = glossa_export_dialog_dispose;
  object_class->finalize = glossa_export_dialog_finalize;
  object_class->get_property = glossa_export_dialog_get_property;
  window_class->close_request = glossa_export_dialog_close_request;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossa/Glossa/glossa-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, bom_row);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, bom_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, format_hint);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, scope_group);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, choice_frame);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, choice_view);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, GlossaExportDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glossa_export_dialog_init (GlossaExportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->chosen_articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->chosen_tags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (choice_unbind_cb), self);
  gtk_list_view_set_factory (self->choice_view, factory);
}

GtkWidget *
glossa_export_dialog_new (GtkWindow     *parent,
                          GlossaLibrary *library,
                          gint64         current_article_id)
{
  GlossaExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), NULL);

  self = g_object_new (GLOSSA_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->library = g_object_ref (library);
  self->current_article_id = current_article_id;
  if (current_article_id > 0)
    adw_combo_row_set_selected (self->scope_row, GLOSSA_EXPORT_SCOPE_ARTICLE);
  format_changed_cb (self);
  scope_changed_cb (self);

  return GTK_WIDGET (self);
}
