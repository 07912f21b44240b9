/* glossa-agreement-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two coders compared, per tag and overall, with the passages they
 * disagree on; activating one asks the window to show it.  The comparison
 * runs in a worker thread on its own connection to the library file.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glossa-agreement-dialog.h"
#include "glossa-library-exchange.h"
#include "glossa-xml.h"

/* A list item pointing into an agreement the dialog keeps alive. */
#define GLOSSA_TYPE_AGREEMENT_ITEM (glossa_agreement_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossaAgreementItem, glossa_agreement_item, GLOSSA, AGREEMENT_ITEM, GObject)

struct _GlossaAgreementItem
{
  GObject                   parent_instance;
  const GlossaAgreementRow *row;
  const GlossaDisagreement *disagreement;
  const GlossaAgreement    *agreement;
};

G_DEFINE_FINAL_TYPE (GlossaAgreementItem, glossa_agreement_item, G_TYPE_OBJECT)

static void
glossa_agreement_item_class_init (GlossaAgreementItemClass *klass)
{
}

static void
glossa_agreement_item_init (GlossaAgreementItem *self)
{
}

struct _GlossaAgreementDialog
{
  AdwWindow        parent_instance;

  GlossaLibrary   *library;
  GCancellable    *cancellable;
  GtkFileChooserNative *chooser;
  /* Every agreement shown stays until dispose: list items point into them. */
  GPtrArray       *agreements;
  GListStore      *rows;
  GListStore      *disagreements;
  char            *error_message;

  GtkStringList   *coders_a;
  GtkStringList   *coders_b;
  AdwComboRow     *coder_a_row;
  AdwComboRow     *coder_b_row;
  GtkButton       *compare_button;
  GtkButton       *files_button;
  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  AdwStatusPage   *error_page;
  GtkSpinner      *spinner;
  GtkLabel        *summary_label;
  GtkLabel        *detail_label;
  GtkLabel        *disagreements_label;
  GtkLabel        *status_label;
  GtkColumnView   *table_view;
  GtkColumnView   *disagreement_view;
  GtkMenuButton   *articles_button;
  GtkListView     *articles_view;
  GHashTable      *chosen_articles;   /* gint64 ids; empty: all */
};

G_DEFINE_FINAL_TYPE (GlossaAgreementDialog, glossa_agreement_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum {
  DISAGREEMENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum {
  DIS_COLUMN_ARTICLE,
  DIS_COLUMN_TAG,
  DIS_COLUMN_RANGE,
  DIS_COLUMN_CODER,
  DIS_COLUMN_QUOTE,
} DisagreementColumn;

typedef struct {
  char *library_path;
  char *coder_a;
  char *coder_b;
  char *file_a;
  char *file_b;
  GArray *article_ids;   /* NULL: all */
} AgreementJob;

static void
agreement_job_free (AgreementJob *job)
{
  g_free (job->library_path);
  g_free (job->coder_a);
  g_free (job->coder_b);
  g_free (job->file_a);
  g_free (job->file_b);
  g_clear_pointer (&job->article_ids, g_array_unref);
  g_free (job);
}

/* ------------------------------------------------------------------------ */
/* Cells                                                                     */

static char *
_glossa_format_measure (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.3f", value);
}

static char *
_glossa_row_cell (const GlossaAgreementRow *row,
                  GlossaAgreementColumn     column,
                  char                    **tooltip)
{
  if (tooltip != NULL)
    *tooltip = NULL;

  switch (column)
    {
    case GLOSSA_AGREEMENT_COLUMN_TAG:
      return g_strdup (row->tag && *row->tag ? row->tag : _("All tags"));
    case GLOSSA_AGREEMENT_COLUMN_CHARACTERS:
      return g_strdup_printf ("%" G_GINT64_FORMAT, row->n_chars);
    case GLOSSA_AGREEMENT_COLUMN_BOTH:
      return g_strdup_printf ("%" G_GINT64_FORMAT, row->both);
    case GLOSSA_AGREEMENT_COLUMN_ONLY_A:
      return g_strdup_printf ("%" G_GINT64_FORMAT, row->only_a);
    case GLOSSA_AGREEMENT_COLUMN_ONLY_B:
      return g_strdup_printf ("%" G_GINT64_FORMAT, row->only_b);
    case GLOSSA_AGREEMENT_COLUMN_KAPPA:
      if (isnan (row->kappa) && tooltip != NULL)
        *tooltip = g_strdup (_("Undefined: neither coder varies on this tag (each marked all of the text or none of it)."));
      return _glossa_format_measure (row->kappa);
    case GLOSSA_AGREEMENT_COLUMN_ALPHA:
      if (isnan (row->alpha_u) && tooltip != NULL)
        *tooltip = g_strdup (_("Undefined: no disagreement is expected by chance (nothing or everything was coded)."));
      return _glossa_format_measure (row->alpha_u);
    default:
      g_assert_not_reached ();
    }
}

static char *
_glossa_disagreement_cell (const GlossaAgreement    *agreement,
                           const GlossaDisagreement *d,
                           DisagreementColumn        column)
{
  switch (column)
    {
    case DIS_COLUMN_ARTICLE:
      return g_strdup (d->article_title && *d->article_title ? d->article_title : d->article_uuid);
    case DIS_COLUMN_TAG:
      return g_strdup (d->tag);
    case DIS_COLUMN_RANGE:
      return g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, d->start, d->end);
    case DIS_COLUMN_CODER:
      /* TRANSLATORS: the coder who alone marked a passage */
      return g_strdup_printf (_("Only %s"), d->by_a ? agreement->coder_a : agreement->coder_b);
    case DIS_COLUMN_QUOTE:
      if (d->text == NULL)
        return g_strdup ("");
      else
        {
          g_autofree char *flat = g_strdup (d->text);

          /* One line per row. */
          for (char *p = flat; *p; p++)
            if (*p == '\n' || *p == '\t' || *p == '\r')
              *p = ' ';
          return g_steal_pointer (&flat);
        }
    default:
      g_assert_not_reached ();
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "glossa-numeric"));

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GlossaAgreementColumn column = GPOINTER_TO_INT (user_data);
  GlossaAgreementItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *tooltip = NULL;
  g_autofree char *text = _glossa_row_cell (row->row, column, &tooltip);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
  /* The overall row is the first and stands out. */
  if (row->row == row->agreement->overall)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static void
disagreement_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  DisagreementColumn column = GPOINTER_TO_INT (user_data);
  GlossaAgreementItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = _glossa_disagreement_cell (row->agreement, row->disagreement, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, column == DIS_COLUMN_QUOTE || column == DIS_COLUMN_ARTICLE
                                      ? text : NULL);
}

static void
_glossa_add_column (GtkColumnView *view,
                    const char    *title,
                    GCallback      bind,
                    int            column,
                    gboolean       numeric,
                    gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_object_set_data (G_OBJECT (factory), "glossa-numeric", GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", bind, GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (view, col);
}

/* ------------------------------------------------------------------------ */
/* Coders and comparing                                                      */

static void
_glossa_agreement_dialog_load_coders (GlossaAgreementDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) authors = glossa_library_list_authors (self->library, &error);
  guint n;

  if (authors == NULL)
    {
      g_warning ("Failed to list the coders: %s", error->message);
      authors = g_new0 (char *, 1);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->coders_a));
  gtk_string_list_splice (self->coders_a, 0, n, (const char * const *) authors);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->coders_b));
  gtk_string_list_splice (self->coders_b, 0, n, (const char * const *) authors);

  if (g_strv_length (authors) >= 2)
    adw_combo_row_set_selected (self->coder_b_row, 1);
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), FALSE);
      adw_status_page_set_description (self->empty_page,
                                       _("The annotations of this library carry fewer than two coders’ names. Compare two Glossa XML exports instead, one per coder."));
    }
}

static void
agreement_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AgreementJob *job = task_data;
  g_autoptr(GlossaCoding) a = NULL;
  g_autoptr(GlossaCoding) b = NULL;
  g_autoptr(GError) error = NULL;

  if (job->file_a != NULL)
    {
      a = glossa_coding_new_from_xml (job->file_a, cancellable, &error);
      if (a != NULL)
        b = glossa_coding_new_from_xml (job->file_b, cancellable, &error);
    }
  else
    {
      g_autoptr(GlossaLibrary) library = glossa_library_open (job->library_path, &error);

      if (library != NULL)
        a = glossa_coding_new_from_library_articles (library, job->coder_a, job->article_ids, &error);
      if (a != NULL)
        b = glossa_coding_new_from_library_articles (library, job->coder_b, job->article_ids, &error);
    }

  if (b == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, glossa_agreement_compute (a, b),
                         (GDestroyNotify) glossa_agreement_free);
}

static void
_glossa_agreement_dialog_show (GlossaAgreementDialog *self,
                               GlossaAgreement       *agreement)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) dis = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *kappa = _glossa_format_measure (agreement->overall->kappa);
  g_autofree char *alpha = _glossa_format_measure (agreement->overall->alpha_u);
  g_autofree char *summary = NULL;
  g_autofree char *articles = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *heading = NULL;
  GlossaAgreementItem *item;

  g_ptr_array_add (self->agreements, agreement);

  item = g_object_new (GLOSSA_TYPE_AGREEMENT_ITEM, NULL);
  item->agreement = agreement;
  item->row = agreement->overall;
  g_ptr_array_add (rows, item);
  for (guint i = 0; i < agreement->rows->len; i++)
    {
      item = g_object_new (GLOSSA_TYPE_AGREEMENT_ITEM, NULL);
      item->agreement = agreement;
      item->row = g_ptr_array_index (agreement->rows, i);
      g_ptr_array_add (rows, item);
    }
  for (guint i = 0; i < agreement->disagreements->len; i++)
    {
      item = g_object_new (GLOSSA_TYPE_AGREEMENT_ITEM, NULL);
      item->agreement = agreement;
      item->disagreement = g_ptr_array_index (agreement->disagreements, i);
      g_ptr_array_add (dis, item);
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  g_list_store_splice (self->disagreements, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->disagreements)),
                       dis->pdata, dis->len);

  /* TRANSLATORS: the overall agreement; κ is Cohen's kappa, αu Krippendorff's unitizing alpha */
  summary = g_strdup_printf (_("%s and %s: κ = %s, αu = %s"), agreement->coder_a,
                             agreement->coder_b, kappa, alpha);
  articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article compared.",
                                           "%u articles compared.", agreement->n_articles),
                              agreement->n_articles);
  if (agreement->n_skipped > 0)
    {
      g_autofree char *skipped =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u left out because its text differs between the two.",
                                      "%u left out because their texts differ between the two.",
                                      agreement->n_skipped),
                         agreement->n_skipped);

      detail = g_strconcat (articles, " ", skipped, NULL);
    }
  else
    detail = g_strdup (articles);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Disagreement", "%u Disagreements",
                                          agreement->disagreements->len),
                             agreement->disagreements->len);

  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->detail_label, detail);
  gtk_label_set_text (self->disagreements_label, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
agreement_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GlossaAgreementDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GlossaAgreement *agreement;

  agreement = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->files_button), TRUE);

  if (agreement == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Failed to compare the coders: %s", error->message);
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  _glossa_agreement_dialog_show (self, agreement);
}

static void
_glossa_agreement_dialog_run (GlossaAgreementDialog *self,
                              AgreementJob          *job)
{
  g_autoptr(GTask) task = NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->error_message, g_free);

  job->library_path = g_strdup (glossa_library_get_path (self->library));
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, agreement_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, _glossa_agreement_dialog_run);
  g_task_set_task_data (task, job, (GDestroyNotify) agreement_job_free);

  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->files_button), FALSE);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "running");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  g_task_run_in_thread (task, agreement_thread);
}

void
glossa_agreement_dialog_compare_coders (GlossaAgreementDialog *self,
                                        const char            *coder_a,
                                        const char            *coder_b)
{
  AgreementJob *job;

  g_return_if_fail (GLOSSA_IS_AGREEMENT_DIALOG (self));
  g_return_if_fail (coder_a != NULL && coder_b != NULL);

  /* Show the pair in the dropdowns as well. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->coders_a)); i++)
    {
      const char *name = gtk_string_list_get_string (self->coders_a, i);

      if (g_strcmp0 (name, coder_a) == 0)
        adw_combo_row_set_selected (self->coder_a_row, i);
      if (g_strcmp0 (name, coder_b) == 0)
        adw_combo_row_set_selected (self->coder_b_row, i);
    }

  job = g_new0 (AgreementJob, 1);
  job->coder_a = g_strdup (coder_a);
  job->coder_b = g_strdup (coder_b);
  if (g_hash_table_size (self->chosen_articles) > 0)
    {
      GListModel *articles = glossa_library_get_articles (self->library);

      /* In the library's order, which is the order the results list them in. */
      job->article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
        {
          g_autoptr(GlossaArticle) article = g_list_model_get_item (articles, i);
          gint64 id = glossa_article_get_id (article);

          if (g_hash_table_contains (self->chosen_articles, &id))
            g_array_append_val (job->article_ids, id);
        }
    }
  _glossa_agreement_dialog_run (self, job);
}

void
glossa_agreement_dialog_compare_files (GlossaAgreementDialog *self,
                                       GFile                 *file_a,
                                       GFile                 *file_b)
{
  AgreementJob *job;

  g_return_if_fail (GLOSSA_IS_AGREEMENT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file_a) && G_IS_FILE (file_b));

  job = g_new0 (AgreementJob, 1);
  job->file_a = g_file_get_path (file_a);
  job->file_b = g_file_get_path (file_b);
  if (job->file_a == NULL || job->file_b == NULL)
    {
      agreement_job_free (job);
      g_free (self->error_message);
      self->error_message = g_strdup (_("Glossa can only compare local files."));
      adw_status_page_set_description (self->error_page, self->error_message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  _glossa_agreement_dialog_run (self, job);
}

static void
_glossa_agreement_dialog_update_articles_label (GlossaAgreementDialog *self)
{
  guint n = g_hash_table_size (self->chosen_articles);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("All Articles"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Article", "%u Articles", n), n);
  gtk_menu_button_set_label (self->articles_button, label);
}

static void
article_toggled_cb (GtkCheckButton        *check,
                    GlossaAgreementDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "glossa-id"));

  if (g_object_get_data (G_OBJECT (check), "glossa-bound") == NULL)
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->chosen_articles, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->chosen_articles, &id);
  _glossa_agreement_dialog_update_articles_label (self);
}

static void
article_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GlossaAgreementDialog    *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  g_signal_connect (check, "toggled", G_CALLBACK (article_toggled_cb), self);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, check);
}

static void
article_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GlossaAgreementDialog    *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  GlossaArticle *article = gtk_list_item_get_item (item);
  const char *title = glossa_article_get_title (article);
  gint64 id = glossa_article_get_id (article);

  g_object_set_data (G_OBJECT (check), "glossa-bound", NULL);
  g_object_set_data (G_OBJECT (check), "glossa-id", GSIZE_TO_POINTER ((gsize) id));
  gtk_label_set_text (GTK_LABEL (gtk_check_button_get_child (GTK_CHECK_BUTTON (check))),
                      title && *title ? title : _("Untitled"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->chosen_articles, &id));
  g_object_set_data (G_OBJECT (check), "glossa-bound", GINT_TO_POINTER (1));
}

static void
article_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GlossaAgreementDialog    *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "glossa-bound", NULL);
}

static void
_glossa_agreement_dialog_rebind_articles (GlossaAgreementDialog *self)
{
  g_autoptr(GtkNoSelection) selection =
    gtk_no_selection_new (g_object_ref (glossa_library_get_articles (self->library)));

  gtk_list_view_set_model (self->articles_view, GTK_SELECTION_MODEL (selection));
  _glossa_agreement_dialog_update_articles_label (self);
}

void
glossa_agreement_dialog_set_articles (GlossaAgreementDialog *self,
                                      const gint64          *article_ids,
                                      guint                  n_ids)
{
  g_return_if_fail (GLOSSA_IS_AGREEMENT_DIALOG (self));

  g_hash_table_remove_all (self->chosen_articles);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (self->chosen_articles, g_memdup2 (&article_ids[i], sizeof (gint64)));
  _glossa_agreement_dialog_rebind_articles (self);
}

static void
all_articles_clicked_cb (GlossaAgreementDialog *self)
{
  glossa_agreement_dialog_set_articles (self, NULL, 0);
  gtk_menu_button_popdown (self->articles_button);
}

static void
compare_clicked_cb (GlossaAgreementDialog *self)
{
  GtkStringObject *a = adw_combo_row_get_selected_item (self->coder_a_row);
  GtkStringObject *b = adw_combo_row_get_selected_item (self->coder_b_row);

  if (a == NULL || b == NULL)
    return;

  glossa_agreement_dialog_compare_coders (self, gtk_string_object_get_string (a),
                                          gtk_string_object_get_string (b));
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     GlossaAgreementDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      if (g_list_model_get_n_items (files) == 2)
        {
          g_autoptr(GFile) a = g_list_model_get_item (files, 0);
          g_autoptr(GFile) b = g_list_model_get_item (files, 1);

          glossa_agreement_dialog_compare_files (self, a, b);
        }
      else
        {
          g_free (self->error_message);
          self->error_message = g_strdup (_("Choose exactly two files: one export per coder."));
          adw_status_page_set_description (self->error_page, self->error_message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
    }

  g_clear_object (&self->chooser);
}

static void
files_clicked_cb (GlossaAgreementDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Glossa XML"));
  gtk_file_filter_add_suffix (filter, "xml");
  self->chooser = gtk_file_chooser_native_new (_("Choose Two Exports"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Compare"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
glossa_agreement_dialog_activate_disagreement (GlossaAgreementDialog *self,
                                               guint                  position)
{
  g_autoptr(GlossaAgreementItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 article_id;

  g_return_if_fail (GLOSSA_IS_AGREEMENT_DIALOG (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->disagreements), position);
  if (item == NULL)
    return;

  article_id = glossa_library_find_uuid (self->library, GLOSSA_TRASH_ARTICLE,
                                         item->disagreement->article_uuid, &error);
  if (article_id <= 0)
    {
      gtk_label_set_text (self->status_label,
                          _("This article is not in the library: import the export first to open it."));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  g_signal_emit (self, signals[DISAGREEMENT_ACTIVATED], 0, article_id,
                 item->disagreement->start, item->disagreement->end);
}

static void
disagreement_activate_cb (GlossaAgreementDialog *self,
                          guint                  position)
{
  glossa_agreement_dialog_activate_disagreement (self, position);
}

gboolean
glossa_agreement_dialog_get_running (GlossaAgreementDialog *self)
{
  g_return_val_if_fail (GLOSSA_IS_AGREEMENT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const GlossaAgreement *
glossa_agreement_dialog_get_agreement (GlossaAgreementDialog *self)
{
  g_return_val_if_fail (GLOSSA_IS_AGREEMENT_DIALOG (self), NULL);

  return self->agreements->len > 0 ? g_ptr_array_index (self->agreements, self->agreements->len - 1)
                                   : NULL;
}

char *
glossa_agreement_dialog_dup_cell (GlossaAgreementDialog *self,
                                  guint                  row,
                                  GlossaAgreementColumn  column)
{
  g_autoptr(GlossaAgreementItem) item = NULL;

  g_return_val_if_fail (GLOSSA_IS_AGREEMENT_DIALOG (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  if (item == NULL)
    return NULL;

  return _glossa_row_cell (item->row, column, NULL);
}

const char *
glossa_agreement_dialog_get_error (GlossaAgreementDialog *self)
{
  g_return_val_if_fail (GLOSSA_IS_AGREEMENT_DIALOG (self), NULL);

  return self->error_message;
}

static void
glossa_agreement_dialog_dispose (GObject *object)
{
  GlossaAgreementDialog *self = GLOSSA_AGREEMENT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSA_TYPE_AGREEMENT_DIALOG);

  G_OBJECT_CLASS (glossa_agreement_dialog_parent_class)->dispose (object);
}

static void
glossa_agreement_dialog_finalize (GObject *object)
{
  GlossaAgreementDialog *self = GLOSSA_AGREEMENT_DIALOG (object);

  /* The models first: their items point into the agreements. */
  g_clear_object (&self->rows);
  g_clear_object (&self->disagreements);
  g_clear_pointer (&self->agreements, g_ptr_array_unref);
  g_clear_pointer (&self->chosen_articles, g_hash_table_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (glossa_agreement_dialog_parent_class)->finalize (object);
}

static void
glossa_agreement_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GlossaAgreementDialog *self = GLOSSA_AGREEMENT_DIALOG (object);

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
glossa_agreement_dialog_class_init (GlossaAgreementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossa_agreement_dialog_dispose;
  object_class->finalize = glossa_agreement_dialog_finalize;
  object_class->get_property = glossa_agreement_dialog_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DISAGREEMENT_ACTIVATED] =
    g_signal_new ("disagreement-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossa/Glossa/glossa-agreement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, coders_a);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, coders_b);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, coder_a_row);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, coder_b_row);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, compare_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, files_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, disagreements_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, table_view);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, disagreement_view);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, articles_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaAgreementDialog, articles_view);
  gtk_widget_class_bind_template_callback (widget_class, all_articles_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, files_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, disagreement_activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glossa_agreement_dialog_init (GlossaAgreementDialog *self)
{
  g_autoptr(GtkNoSelection) rows = NULL;
  g_autoptr(GtkSingleSelection) dis = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->chosen_articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (article_setup_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (article_bind_cb), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (article_unbind_cb), self);
    gtk_list_view_set_factory (self->articles_view, factory);
  }

  self->agreements = g_ptr_array_new_with_free_func ((GDestroyNotify) glossa_agreement_free);
  self->rows = g_list_store_new (GLOSSA_TYPE_AGREEMENT_ITEM);
  self->disagreements = g_list_store_new (GLOSSA_TYPE_AGREEMENT_ITEM);

  _glossa_add_column (self->table_view, _("Tag"), G_CALLBACK (row_bind_cb),
                      GLOSSA_AGREEMENT_COLUMN_TAG, FALSE, TRUE);
  _glossa_add_column (self->table_view, _("Characters"), G_CALLBACK (row_bind_cb),
                      GLOSSA_AGREEMENT_COLUMN_CHARACTERS, TRUE, FALSE);
  _glossa_add_column (self->table_view, _("Both"), G_CALLBACK (row_bind_cb),
                      GLOSSA_AGREEMENT_COLUMN_BOTH, TRUE, FALSE);
  _glossa_add_column (self->table_view, _("Only A"), G_CALLBACK (row_bind_cb),
                      GLOSSA_AGREEMENT_COLUMN_ONLY_A, TRUE, FALSE);
  _glossa_add_column (self->table_view, _("Only B"), G_CALLBACK (row_bind_cb),
                      GLOSSA_AGREEMENT_COLUMN_ONLY_B, TRUE, FALSE);
  _glossa_add_column (self->table_view, "κ", G_CALLBACK (row_bind_cb),
                      GLOSSA_AGREEMENT_COLUMN_KAPPA, TRUE, FALSE);
  _glossa_add_column (self->table_view, "αu", G_CALLBACK (row_bind_cb),
                      GLOSSA_AGREEMENT_COLUMN_ALPHA, TRUE, FALSE);

  _glossa_add_column (self->disagreement_view, _("Article"), G_CALLBACK (disagreement_bind_cb),
                      DIS_COLUMN_ARTICLE, FALSE, FALSE);
  _glossa_add_column (self->disagreement_view, _("Tag"), G_CALLBACK (disagreement_bind_cb),
                      DIS_COLUMN_TAG, FALSE, FALSE);
  _glossa_add_column (self->disagreement_view, _("Range"), G_CALLBACK (disagreement_bind_cb),
                      DIS_COLUMN_RANGE, TRUE, FALSE);
  _glossa_add_column (self->disagreement_view, _("Coder"), G_CALLBACK (disagreement_bind_cb),
                      DIS_COLUMN_CODER, FALSE, FALSE);
  _glossa_add_column (self->disagreement_view, _("Passage"), G_CALLBACK (disagreement_bind_cb),
                      DIS_COLUMN_QUOTE, FALSE, TRUE);

  rows = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->table_view, GTK_SELECTION_MODEL (rows));
  dis = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->disagreements)));
  gtk_single_selection_set_autoselect (dis, FALSE);
  gtk_single_selection_set_can_unselect (dis, TRUE);
  gtk_column_view_set_model (self->disagreement_view, GTK_SELECTION_MODEL (dis));
}

GtkWidget *
glossa_agreement_dialog_new (GtkWindow     *parent,
                             GlossaLibrary *library)
{
  GlossaAgreementDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), NULL);

  self = g_object_new (GLOSSA_TYPE_AGREEMENT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->library = g_object_ref (library);
  _glossa_agreement_dialog_load_coders (self);
  _glossa_agreement_dialog_rebind_articles (self);

  return GTK_WIDGET (self);
}
