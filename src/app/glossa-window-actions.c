/* glossa-window-actions.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's commands.  Menus, buttons, rows, keys and the tests all
 * activate the same actions; every change to annotations, tags and links
 * goes through GlossaHistory so it can be undone.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-agreement-dialog.h"
#include "glossa-codebook-dialog.h"
#include "glossa-exchange-import-dialog.h"
#include "glossa-export-dialog.h"
#include "glossa-import.h"
#include "glossa-link-dialog.h"
#include "glossa-search-dialog.h"
#include "glossa-trash-dialog.h"
#include "glossa-qdpx.h"
#include "glossa-xml.h"
#include "glossa-window-private.h"

/* Keys 1–9 on a selected annotation: add the tag, or take it off. */
void
_glossa_window_toggle_tag (GlossaWindow *self,
                           gint64        annotation_id,
                           gint64        tag_id)
{
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  annotation = glossa_library_get_annotation (self->library, annotation_id, &error);
  if (annotation == NULL)
    {
      _glossa_window_show_error (self, error);
      return;
    }

  if (glossa_annotation_has_tag (annotation, tag_id))
    ok = glossa_history_remove_annotation_tag (self->history, annotation_id, tag_id, &error);
  else
    {
      ok = glossa_history_add_annotation_tag (self->history, annotation_id, tag_id, &error);
      if (ok)
        _glossa_window_set_active_tag (self, tag_id);
    }
  if (!ok)
    _glossa_window_show_error (self, error);
}

/* An annotation already on exactly this text, so tagging it again adds a
 * tag instead of stacking a duplicate. */
static gint64
annotation_at (GlossaWindow *self,
               gint64        start,
               gint64        end)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);

      if (glossa_annotation_get_start (annotation) == start &&
          glossa_annotation_get_end (annotation) == end)
        return glossa_annotation_get_id (annotation);
    }

  return 0;
}

gint64
_glossa_window_tag_selection (GlossaWindow *self,
                              gint64        tag_id,
                              const char   *note)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL;
  gint64 start, end, id;

  if (!_glossa_window_get_selection (self, &start, &end))
    {
      _glossa_window_toast (self, _("Select some text first."), FALSE);
      return 0;
    }

  id = annotation_at (self, start, end);
  if (id != 0 && tag_id != 0 && (note == NULL || note[0] == '\0'))
    {
      g_autoptr(GlossaAnnotation) existing = glossa_library_get_annotation (self->library, id, NULL);

      if (existing != NULL && !glossa_annotation_has_tag (existing, tag_id))
        {
          if (!glossa_history_add_annotation_tag (self->history, id, tag_id, &error))
            {
              _glossa_window_show_error (self, error);
              return 0;
            }
          _glossa_window_set_active_tag (self, tag_id);
        }
      glossa_reader_select_range (self->reader, end, end);
      _glossa_window_select_annotation (self, id);
      return id;
    }

  author = _glossa_window_get_author (self);
  id = glossa_history_add_annotation (self->history, self->article_id, start, end,
                                      tag_id != 0 ? &tag_id : NULL, tag_id != 0 ? 1 : 0,
                                      note != NULL && note[0] != '\0' ? note : NULL,
                                      author, &error);
  if (id == 0)
    {
      _glossa_window_show_error (self, error);
      return 0;
    }

  if (tag_id != 0)
    _glossa_window_set_active_tag (self, tag_id);
  self->selected_annotation = id;

  /* Drop the selection so the new highlight shows in its own colour. */
  glossa_reader_select_range (self->reader, end, end);
  _glossa_window_select_annotation (self, id);

  return id;
}

void
_glossa_window_update_actions (GlossaWindow *self)
{
  gboolean has_article = self->article_id != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 glossa_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 glossa_history_get_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.tag", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.tag-selection", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.extend-selection", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-next", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-previous", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", self->import_pending > 0);
  _glossa_window_update_article_actions (self);

  /* "Undo Tag as Claim (Ctrl+Z)": say what will happen. */
  {
    const char *undo = glossa_history_get_undo_label (self->history);
    const char *redo = glossa_history_get_redo_label (self->history);
    g_autofree char *undo_tip = g_strdup_printf ("%s (Ctrl+Z)", undo != NULL ? undo : _("Undo"));
    g_autofree char *redo_tip = g_strdup_printf ("%s (Ctrl+Shift+Z)", redo != NULL ? redo : _("Redo"));

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tip);
  }

}

/* Undo and redo reach across articles; when the change happened in another
 * one, say where and offer to go there. */
static void
history_step (GlossaWindow *self,
              gboolean      undo)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;


  self->in_history_step = TRUE;
  self->history_step_article = 0;
  ok = undo ? glossa_history_undo (self->history, &error) : glossa_history_redo (self->history, &error);
  self->in_history_step = FALSE;

  if (!ok)
    {
      _glossa_window_show_error (self, error);
      return;
    }

  if (self->history_step_article != 0)
    {
      g_autoptr(GlossaArticle) article = glossa_library_get_article (self->library,
                                                                     self->history_step_article, NULL);
      g_autofree char *message = NULL;
      AdwToast *toast;

      if (article == NULL)
        return;

      message = g_strdup_printf (undo ? _("Undone in “%s”") : _("Redone in “%s”"),
                                 glossa_article_get_title (article));
      toast = _glossa_toast_new_plain (message);
      adw_toast_set_button_label (toast, _("_Show"));
      /* A parameterless action: a toast with a target value keeps the
       * window alive in libadwaita 1.2. */
      adw_toast_set_action_name (toast, "win.show-changed-article");
      self->changed_article = self->history_step_article;
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
show_changed_article_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);

  if (self->changed_article != 0)
    glossa_window_open_article (self, self->changed_article);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  history_step (GLOSSA_WINDOW (widget), TRUE);
}

static void
undo_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  history_step (GLOSSA_WINDOW (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  history_step (GLOSSA_WINDOW (widget), FALSE);
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  _glossa_window_tag_selection (GLOSSA_WINDOW (widget), g_variant_get_int64 (param), NULL);
}

static void
tag_key_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  gint64 tag_id = _glossa_window_tag_for_key (self, g_variant_get_uint32 (param));
  gint64 start, end;

  if (tag_id == 0)
    return;

  /* With text selected, tag it; else toggle the tag on the selected annotation. */
  if (_glossa_window_get_selection (self, &start, &end))
    _glossa_window_tag_selection (self, tag_id, NULL);
  else if (self->selected_annotation != 0)
    _glossa_window_toggle_tag (self, self->selected_annotation, tag_id);
}

static void
tag_selection_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  gint64 start, end;

  if (_glossa_window_get_selection (self, &start, &end))
    _glossa_window_show_tag_popover (self);
  else if (glossa_reader_get_header_selected (self->reader))
    _glossa_window_toast_header_selected (self);
  else
    _glossa_window_toast (self, _("Select some text first."), FALSE);
}

static void
extend_selection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  _glossa_window_extend_selection (GLOSSA_WINDOW (widget));
}

static void
delete_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);

  if (id == 0)
    id = self->selected_annotation;
  if (id == 0)
    return;

  if (!glossa_history_remove_annotation (self->history, id, &error))
    {
      _glossa_window_show_error (self, error);
      return;
    }

  if (self->selected_annotation == id)
    self->selected_annotation = 0;
  _glossa_window_toast (self, _("Annotation deleted"), TRUE);
}

static void
set_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *note = NULL;
  gint64 id;

  g_variant_get (param, "(x&s)", &id, &note);
  if (!glossa_history_set_annotation_note (self->history, id, note, &error))
    _glossa_window_show_error (self, error);
}

static void
change_annotation_tag_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id, tag_id;
  gboolean ok;

  g_variant_get (param, "(xx)", &id, &tag_id);
  if (g_str_equal (action_name, "win.add-annotation-tag"))
    {
      ok = glossa_history_add_annotation_tag (self->history, id, tag_id, &error);
      if (ok)
        _glossa_window_set_active_tag (self, tag_id);
    }
  else
    ok = glossa_history_remove_annotation_tag (self->history, id, tag_id, &error);

  if (!ok)
    _glossa_window_show_error (self, error);
}

static void
add_link_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *type = NULL;
  gint64 from_id, to_id;

  g_variant_get (param, "(xx&s)", &from_id, &to_id, &type);
  if (glossa_history_add_link (self->history, from_id, to_id, type,
                               GLOSSA_LINK_ONE_WAY, NULL, &error) == 0)
    _glossa_window_show_error (self, error);
}

static void
remove_link_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!glossa_history_remove_link (self->history, g_variant_get_int64 (param), &error))
    {
      _glossa_window_show_error (self, error);
      return;
    }
  _glossa_window_toast (self, _("Link removed"), TRUE);
}

static void
link_chosen_cb (GlossaWindow     *self,
                gint64            from_id,
                gint64            to_id,
                const char       *type,
                GlossaLinkDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-link", "(xxs)", from_id, to_id, type);
}

static void
link_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  GlossaLinkDialog *dialog;
  gint64 from_id = g_variant_get_int64 (param);

  if (from_id == 0)
    from_id = self->selected_annotation;
  if (from_id == 0)
    {
      _glossa_window_toast (self, _("Select an annotation to link from."), FALSE);
      return;
    }

  dialog = glossa_link_dialog_new (GTK_WINDOW (self), self->library, from_id);
  g_signal_connect_object (dialog, "link-chosen", G_CALLBACK (link_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_annotation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  glossa_window_show_annotation (GLOSSA_WINDOW (widget), g_variant_get_int64 (param));
}

static void
reattach_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  if (!_glossa_window_get_selection (self, &start, &end))
    {
      _glossa_window_toast (self, _("Select the text the annotation belongs to, then try again."), FALSE);
      return;
    }

  if (!glossa_history_set_annotation_range (self->history, g_variant_get_int64 (param),
                                            start, end, &error))
    _glossa_window_show_error (self, error);
}

static void
open_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  glossa_window_open_article (GLOSSA_WINDOW (widget), g_variant_get_int64 (param));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _glossa_window_update_search (GLOSSA_WINDOW (widget),
                                g_str_equal (action_name, "win.find-previous"), TRUE);
}

/* Ctrl+Return: the note of the selection (through the tag popover) or of
 * the selected annotation (in a small dialog). */

/* At most @max characters; g_utf8_substring() would read past the end of
 * a shorter string. */
static char *
shorten (const char *text,
         glong       max)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);

  head = g_utf8_substring (text, 0, max);
  return g_strconcat (head, "…", NULL);
}

static void
note_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         GlossaWindow     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "annotation-id"));

  if (g_strcmp0 (response, "save") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-note", "(xs)", id,
                                gtk_editable_get_text (entry));
}

static void
note_entry_activate_cb (GtkEntry         *entry,
                        AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autofree char *quote = NULL;
  GtkWidget *dialog, *entry;
  gint64 start, end;

  if (_glossa_window_get_selection (self, &start, &end))
    {
      _glossa_window_show_tag_popover (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->tag_popover_note));
      return;
    }

  if (self->selected_annotation == 0)
    {
      _glossa_window_toast (self, _("Select text or an annotation first."), FALSE);
      return;
    }
  annotation = glossa_library_get_annotation (self->library, self->selected_annotation, NULL);
  if (annotation == NULL)
    return;

  quote = shorten (glossa_annotation_get_quote (annotation), 80);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Note"), quote);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), glossa_annotation_get_note (annotation));
  g_signal_connect (entry, "activate", G_CALLBACK (note_entry_activate_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "annotation-id",
                     GSIZE_TO_POINTER ((gsize) glossa_annotation_get_id (annotation)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (note_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Importing files, in a thread. */

typedef struct {
  GFile           *file;
  GlossaExtracted *extracted;
  GBytes          *original;
  GError          *error;
} ImportItem;

static void
import_item_clear (gpointer data)
{
  ImportItem *item = data;

  g_clear_object (&item->file);
  g_clear_pointer (&item->extracted, glossa_extracted_free);
  g_clear_pointer (&item->original, g_bytes_unref);
  g_clear_error (&item->error);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GArray *items = task_data;

  for (guint i = 0; i < items->len; i++)
    {
      ImportItem *item = &g_array_index (items, ImportItem, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      item->extracted = glossa_import_file (item->file, NULL, GLOSSA_IMPORT_DEFAULT_MAX_SIZE,
                                            &item->original, cancellable, &item->error);
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
import_pulse_cb (gpointer user_data)
{
  GlossaWindow *self = user_data;

  gtk_progress_bar_pulse (self->import_progress);

  return G_SOURCE_CONTINUE;
}

/* The live article with the same text, or 0. */
static gint64
find_same_text (GlossaWindow          *self,
                const GlossaExtracted *extracted)
{
  GListModel *articles = glossa_library_get_articles (self->library);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, extracted->text, -1);

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(GlossaArticle) article = g_list_model_get_item (articles, i);

      if (g_strcmp0 (glossa_article_get_sha256 (article), sha256) == 0)
        return glossa_article_get_id (article);
    }

  return 0;
}

/* An article already in the library opens instead of a silent second
 * copy (coders would split their work between the two); the toast offers
 * the copy anyway. */
static void
offer_import_again (GlossaWindow *self,
                    ImportItem   *item,
                    gint64        existing)
{
  g_autoptr(GlossaArticle) article = glossa_library_get_article (self->library, existing, NULL);
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_clear_pointer (&self->duplicate, glossa_extracted_free);
  g_clear_pointer (&self->duplicate_original, g_bytes_unref);
  g_clear_pointer (&self->duplicate_source, g_free);
  self->duplicate = g_steal_pointer (&item->extracted);
  self->duplicate_original = g_steal_pointer (&item->original);
  self->duplicate_source = g_file_get_path (item->file);
  if (self->duplicate_source == NULL)
    self->duplicate_source = g_file_get_uri (item->file);

  /* Translators: %s is an article's title */
  message = g_strdup_printf (_("“%s” is already in your library"),
                             article != NULL ? glossa_article_get_title (article) : "");
  toast = _glossa_toast_new_plain (message);
  adw_toast_set_button_label (toast, _("_Import Again"));
  adw_toast_set_action_name (toast, "win.import-again");
  adw_toast_set_timeout (toast, 8);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-again", TRUE);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
import_again_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->duplicate == NULL)
    return;

  id = glossa_library_add_article (self->library, self->duplicate, self->duplicate_original,
                                   self->duplicate_source, NULL, &error);
  g_clear_pointer (&self->duplicate, glossa_extracted_free);
  g_clear_pointer (&self->duplicate_original, g_bytes_unref);
  g_clear_pointer (&self->duplicate_source, g_free);
  gtk_widget_action_set_enabled (widget, "win.import-again", FALSE);
  if (id == 0)
    _glossa_window_show_error (self, error);
  else
    glossa_window_open_article (self, id);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GlossaWindow *self = GLOSSA_WINDOW (object);
  GArray *items = g_task_get_task_data (G_TASK (result));
  gint64 last_id = 0;
  gboolean cancelled = FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      ImportItem *item = &g_array_index (items, ImportItem, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *source = NULL;
      gint64 id;

      if (item->extracted == NULL)
        {
          if (item->error == NULL ||
              g_error_matches (item->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              g_error_matches (item->error, GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_CANCELLED))
            cancelled = TRUE;
          else
            _glossa_window_show_error (self, item->error);
          continue;
        }

      id = find_same_text (self, item->extracted);
      if (id != 0)
        {
          offer_import_again (self, item, id);
          last_id = id;
          continue;
        }

      source = g_file_get_path (item->file);
      if (source == NULL)
        source = g_file_get_uri (item->file);
      id = glossa_library_import_extracted (self->library, item->extracted, item->original,
                                            source, &error);
      if (id == 0)
        _glossa_window_show_error (self, error);
      else
        last_id = id;
    }

  self->import_pending--;
  if (self->import_pending == 0)
    {
      g_clear_handle_id (&self->import_pulse, g_source_remove);
      gtk_widget_set_visible (GTK_WIDGET (self->import_box), FALSE);
      g_clear_object (&self->import_cancellable);
    }

  if (cancelled)
    _glossa_window_toast (self, _("Import cancelled"), FALSE);
  if (last_id != 0)
    glossa_window_open_article (self, last_id);

  _glossa_window_update_actions (self);
  _glossa_window_notify_importing (self);
}

static void
exchange_done_cb (GlossaWindow *self,
                  const char   *message,
                  GtkWidget    *dialog)
{
  _glossa_window_toast (self, message, FALSE);
}

/* A Glossa XML or REFI-QDA project is not an article but work to merge, as
 * "glossa-cli import" does: recognised by its first bytes, whatever its name. */
static gboolean
is_exchange_file (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char buf[4096];
  gssize len;

  if (stream == NULL)
    return FALSE;
  len = g_input_stream_read (G_INPUT_STREAM (stream), buf, sizeof buf, NULL, NULL);
  if (len <= 0)
    return FALSE;

  return glossa_xml_sniff (buf, len) || glossa_qdpx_sniff (buf, len);
}

static void
import_exchange_file (GlossaWindow *self,
                      GFile        *file)
{
  GtkWidget *dialog = glossa_exchange_import_dialog_new (GTK_WINDOW (self), self->library);

  g_signal_connect_object (dialog, "done", G_CALLBACK (exchange_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  if (file != NULL)
    glossa_exchange_import_dialog_import_file (GLOSSA_EXCHANGE_IMPORT_DIALOG (dialog), file);
}

void
_glossa_window_import_files (GlossaWindow  *self,
                             GFile        **files,
                             guint          n_files)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  GArray *items;

  items = g_array_sized_new (FALSE, TRUE, sizeof (ImportItem), n_files);
  g_array_set_clear_func (items, import_item_clear);
  for (guint i = 0; i < n_files; i++)
    {
      ImportItem item = { NULL, NULL, NULL, NULL };

      if (is_exchange_file (files[i]))
        {
          import_exchange_file (self, files[i]);
          continue;
        }
      item.file = g_object_ref (files[i]);
      g_array_append_val (items, item);
    }

  n_files = items->len;
  if (n_files == 0)
    {
      g_array_unref (items);
      return;
    }

  if (self->import_cancellable == NULL)
    self->import_cancellable = g_cancellable_new ();

  if (n_files == 1)
    {
      g_autofree char *name = g_file_get_basename (files[0]);

      label = g_strdup_printf (_("Importing “%s”…"), name);
    }
  else
    label = g_strdup_printf (ngettext ("Importing %u file…", "Importing %u files…", n_files), n_files);
  gtk_label_set_label (self->import_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->import_box), TRUE);
  if (self->import_pulse == 0)
    self->import_pulse = g_timeout_add (100, import_pulse_cb, self);
  self->import_pending++;

  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, _glossa_window_import_files);
  g_task_set_task_data (task, items, (GDestroyNotify) g_array_unref);
  g_task_run_in_thread (task, import_thread);

  _glossa_window_update_actions (self);
  _glossa_window_notify_importing (self);
}

void
glossa_window_import_files (GlossaWindow  *self,
                            GFile        **files,
                            guint          n_files)
{
  g_return_if_fail (GLOSSA_IS_WINDOW (self));

  _glossa_window_import_files (self, files, n_files);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    GlossaWindow    *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      _glossa_window_import_files (self, (GFile **) array->pdata, array->len);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Import Articles"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Articles (text, Markdown, web pages)"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_mime_type (filter, "text/html");
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_suffix (filter, "markdown");
  gtk_file_filter_add_suffix (filter, "html");
  gtk_file_filter_add_suffix (filter, "htm");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Paste as new article. */

typedef struct {
  GlossaWindow *self;
  char         *mime_type;
} PasteData;

static void
paste_data_free (PasteData *data)
{
  g_object_unref (data->self);
  g_free (data->mime_type);
  g_free (data);
}

/* The first non-blank line of @text, at most 40 characters; NULL when
 * there is none. */
static char *
title_from_text (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      if (g_utf8_strlen (line, -1) <= 40)
        return g_strdup (line);
      else
        {
          g_autofree char *head = g_utf8_substring (line, 0, 39);
          char *space = strrchr (head, ' ');

          /* At a word's end where words have spaces between them. */
          if (space != NULL && g_utf8_strlen (head, space - head) >= 20)
            *space = '\0';
          return g_strconcat (g_strchomp (head), "…", NULL);
        }
    }

  return NULL;
}

static void
paste_splice_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PasteData *data = user_data;
  GlossaWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GlossaExtracted) extracted = NULL;
  gint64 id;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    {
      _glossa_window_show_error (self, error);
      paste_data_free (data);
      return;
    }

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (object));
  extracted = glossa_import_bytes (bytes, _("Clipboard"), data->mime_type, NULL, &error);
  if (extracted != NULL && g_strcmp0 (extracted->title, _("Clipboard")) == 0)
    {
      /* No title of its own: its first words, so pasted snippets can be
       * told apart in the library. */
      g_autofree char *title = title_from_text (extracted->text);

      if (title != NULL)
        {
          g_free (extracted->title);
          extracted->title = g_steal_pointer (&title);
        }
    }
  if (extracted != NULL)
    {
      id = glossa_library_import_extracted (self->library, extracted, bytes, NULL, &error);
      if (id != 0)
        glossa_window_open_article (self, id);
    }
  if (error != NULL)
    _glossa_window_show_error (self, error);

  paste_data_free (data);
}

static void
paste_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GlossaWindow) self = user_data;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  const char *mime_type = NULL;
  PasteData *data;

  input = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, &mime_type, &error);
  if (input == NULL)
    {
      g_autoptr(GError) friendly = g_error_new (GLOSSA_IMPORT_ERROR, GLOSSA_IMPORT_ERROR_EMPTY,
                                                _("The clipboard holds no text to paste."));

      g_debug ("Reading the clipboard failed: %s", error->message);
      _glossa_window_show_error (self, friendly);
      return;
    }

  data = g_new0 (PasteData, 1);
  data->self = g_object_ref (self);
  data->mime_type = g_strdup (mime_type);
  output = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (output, input,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_splice_cb, data);
}

static void
paste_article_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  static const char *mime_types[] = {
    "text/html", "text/plain;charset=utf-8", "text/plain", NULL
  };
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL,
                            paste_read_cb, g_object_ref (widget));
}

/* The dialogs. */

static void
codebook_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (glossa_codebook_dialog_new (GTK_WINDOW (self), self->history)));
}

static void
trash_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (glossa_trash_dialog_new (GTK_WINDOW (self), self->history)));
}

static void
search_hit_activated_cb (GlossaWindow *self,
                         gint64        article_id,
                         gint64        start,
                         gint64        end,
                         GtkWidget    *dialog)
{
  glossa_window_open_article (self, article_id);
  if (self->article_id == article_id && end > start)
    {
      glossa_reader_select_range (self->reader, start, end);
      glossa_reader_scroll_to_range (self->reader, start, end, TRUE);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  GtkWidget *dialog = glossa_export_dialog_new (GTK_WINDOW (self), self->library, self->article_id);

  g_signal_connect_object (dialog, "done", G_CALLBACK (exchange_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_exchange_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  import_exchange_file (GLOSSA_WINDOW (widget), NULL);
}

static void
agreement_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  GtkWidget *dialog = glossa_agreement_dialog_new (GTK_WINDOW (self), self->library);

  /* The same signature as the search dialog's "hit-activated". */
  g_signal_connect_object (dialog, "disagreement-activated", G_CALLBACK (search_hit_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  GlossaWindow *self = GLOSSA_WINDOW (widget);
  GtkWidget *dialog = glossa_search_dialog_new (GTK_WINDOW (self), self->library);

  g_signal_connect_object (dialog, "hit-activated", G_CALLBACK (search_hit_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_glossa_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.edit-note", NULL, edit_note_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.edit-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.edit-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.link-to", "x", (gint64) 0);
  gtk_widget_class_install_action (widget_class, "win.codebook", NULL, codebook_action);
  gtk_widget_class_install_action (widget_class, "win.trash", NULL, trash_action);
  gtk_widget_class_install_action (widget_class, "win.search-library", NULL, search_library_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search-library", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search-library", NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.import-exchange", NULL, import_exchange_action);
  gtk_widget_class_install_action (widget_class, "win.agreement", NULL, agreement_action);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.undo-toast", NULL, undo_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-changed-article", NULL, show_changed_article_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.tag", "x", tag_action);
  gtk_widget_class_install_action (widget_class, "win.tag-key", "u", tag_key_action);
  gtk_widget_class_install_action (widget_class, "win.tag-selection", NULL, tag_selection_action);
  gtk_widget_class_install_action (widget_class, "win.extend-selection", NULL, extend_selection_action);
  gtk_widget_class_install_action (widget_class, "win.delete-annotation", "x", delete_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.set-note", "(xs)", set_note_action);
  gtk_widget_class_install_action (widget_class, "win.add-annotation-tag", "(xx)", change_annotation_tag_action);
  gtk_widget_class_install_action (widget_class, "win.remove-annotation-tag", "(xx)", change_annotation_tag_action);
  gtk_widget_class_install_action (widget_class, "win.add-link", "(xxs)", add_link_action);
  gtk_widget_class_install_action (widget_class, "win.remove-link", "x", remove_link_action);
  gtk_widget_class_install_action (widget_class, "win.link-to", "x", link_to_action);
  gtk_widget_class_install_action (widget_class, "win.show-annotation", "x", show_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.reattach", "x", reattach_action);
  gtk_widget_class_install_action (widget_class, "win.open-article", "x", open_article_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.import-again", NULL, import_again_action);
  gtk_widget_class_install_action (widget_class, "win.paste-article", NULL, paste_article_action);
  _glossa_window_class_add_article_actions (widget_class);
  gtk_widget_class_install_property_action (widget_class, "win.show-library", "show-library");
  gtk_widget_class_install_property_action (widget_class, "win.show-annotations", "show-annotations");
  gtk_widget_class_install_property_action (widget_class, "win.sticky", "sticky");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.extend-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.tag-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "win.tag-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.sticky", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.paste-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_V, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.paste-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-library", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "win.show-annotations", NULL);
}
