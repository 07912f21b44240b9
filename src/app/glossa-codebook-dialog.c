/* glossa-codebook-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-codebook-dialog.h"


/* Where a dragged tag lands relative to the row it is dropped on. */
enum {
  DROP_BEFORE,
  DROP_INTO,
  DROP_AFTER,
};

struct _GlossaCodebookDialog
{
  AdwWindow           parent_instance;

  GlossaHistory      *history;
  GlossaLibrary      *library;

  /* The tree as the rows show it: tag id → GListStore of its children
   * (0 → the top level), rebuilt from the library's pre-order list. */
  GHashTable         *children;
  /* tag id → the name label bound to it now, to start renaming in place. */
  GHashTable         *name_labels;

  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkButton          *undo_button;
  GtkButton          *redo_button;
  GtkMenuButton      *move_button;
  GtkMenuButton      *merge_button;

  gint64              selected_id;
  gint64              pending_edit_id;
  guint               rebuild_source;
  guint               rebuilding : 1;
};

G_DEFINE_FINAL_TYPE (GlossaCodebookDialog, glossa_codebook_dialog, ADW_TYPE_WINDOW)

static void _glossa_codebook_dialog_rebuild (GlossaCodebookDialog *self);

static void
_glossa_codebook_dialog_toast_error (GlossaCodebookDialog *self,
                                     const char           *what,
                                     const GError         *error)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_warning ("Failed to %s: %s", what, error->message);
  title = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GlossaTag *
_glossa_codebook_dialog_get_selected (GlossaCodebookDialog *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row == NULL)
    return NULL;

  return GLOSSA_TAG (gtk_tree_list_row_get_item (row));
}

/* Rows. */

static GlossaTag *
_glossa_widget_get_tag (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "glossa-tag");
}

static void
_glossa_widget_set_tag (gpointer   widget,
                        GlossaTag *tag)
{
  g_object_set_data_full (G_OBJECT (widget), "glossa-tag",
                          tag != NULL ? g_object_ref (tag) : NULL,
                          g_object_unref);
}

static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  GlossaTag *tag = _glossa_widget_get_tag (area);
  GdkRGBA rgba;
  double radius = MIN (width, height) / 2.0;

  if (tag == NULL || !gdk_rgba_parse (&rgba, glossa_tag_get_color (tag)))
    return;

  cairo_arc (cr, width / 2.0, height / 2.0, radius - 1, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
_glossa_codebook_dialog_select_id (GlossaCodebookDialog *self,
                                   gint64                id)
{
  GListModel *tree = gtk_single_selection_get_model (self->selection);
  guint n = tree != NULL ? g_list_model_get_n_items (tree) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree, i);

      if (glossa_tag_get_id (GLOSSA_TAG (gtk_tree_list_row_get_item (row))) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
swatch_clicked_cb (GtkButton            *button,
                   GlossaCodebookDialog *self)
{
  GlossaTag *tag = _glossa_widget_get_tag (button);

  if (tag == NULL)
    return;

  /* The colour chooser works on the selected tag: select the clicked one. */
  _glossa_codebook_dialog_select_id (self, glossa_tag_get_id (tag));
  gtk_widget_activate_action (GTK_WIDGET (self), "codebook.choose-color", NULL);
}

static gboolean
unparent_idle_cb (gpointer user_data)
{
  gtk_widget_unparent (GTK_WIDGET (user_data));
  return G_SOURCE_REMOVE;
}

static void
context_menu_closed_cb (GtkPopover *popover)
{
  /* Unparent once the popover has finished closing. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, unparent_idle_cb,
                   g_object_ref (popover), g_object_unref);
}

static void
context_pressed_cb (GtkGestureClick      *gesture,
                    int                   n_press,
                    double                x,
                    double                y,
                    GlossaCodebookDialog *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GlossaTag *tag = _glossa_widget_get_tag (widget);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) place = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  GtkWidget *popover;

  if (tag == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  _glossa_codebook_dialog_select_id (self, glossa_tag_get_id (tag));

  /* The same actions and menus as the action bar, on the row itself. */
  g_menu_append (edit, _("_Rename"), "codebook.rename");
  g_menu_append (edit, _("C_olour…"), "codebook.choose-color");
  g_menu_append (edit, _("New _Child"), "codebook.add-child");
  g_menu_append_submenu (place, _("_Move To"), gtk_menu_button_get_menu_model (self->move_button));
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->merge_button)))
    g_menu_append_submenu (place, _("Mer_ge Into"),
                           gtk_menu_button_get_menu_model (self->merge_button));
  g_menu_append (remove, _("_Delete"), "codebook.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (place));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, widget);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (context_menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* GtkEditableLabel (GTK 4.8) stops editing from a 100 ms timeout after focus
 * leaves, without holding a reference: a row rebuilt in that time would be
 * freed under it.  Keep each label alive from the start of editing until a
 * while after its end. */
static gboolean
release_label_cb (gpointer user_data)
{
  /* The reference goes with the source, through its destroy notify. */
  return G_SOURCE_REMOVE;
}

static void
_glossa_hold_while_editing (GtkEditableLabel *label)
{
  gboolean held = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "glossa-held"));

  if (gtk_editable_label_get_editing (label) && !held)
    {
      g_object_ref (label);
      g_object_set_data (G_OBJECT (label), "glossa-held", GINT_TO_POINTER (TRUE));
    }
  else if (!gtk_editable_label_get_editing (label) && held)
    {
      g_object_set_data (G_OBJECT (label), "glossa-held", GINT_TO_POINTER (FALSE));
      g_timeout_add_full (G_PRIORITY_DEFAULT, 500, release_label_cb, label, g_object_unref);
    }
}

static void
name_editing_cb (GtkEditableLabel     *label,
                 GParamSpec           *pspec,
                 GlossaCodebookDialog *self)
{
  GlossaTag *tag = _glossa_widget_get_tag (label);
  g_autofree char *text = NULL;

  _glossa_hold_while_editing (label);
  if (tag == NULL || gtk_editable_label_get_editing (label))
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (label))));
  if (*text == '\0')
    {
      /* An empty name is a slip, not a request: put the old one back. */
      gtk_editable_set_text (GTK_EDITABLE (label), glossa_tag_get_name (tag));
      return;
    }

  if (g_strcmp0 (text, glossa_tag_get_name (tag)) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "codebook.rename-tag", "(xs)",
                                glossa_tag_get_id (tag), text);
}

static void
description_editing_cb (GtkEditableLabel     *label,
                        GParamSpec           *pspec,
                        GlossaCodebookDialog *self)
{
  GlossaTag *tag = _glossa_widget_get_tag (label);
  g_autofree char *text = NULL;
  const char *old;

  _glossa_hold_while_editing (label);
  if (tag == NULL || gtk_editable_label_get_editing (label))
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (label))));
  old = glossa_tag_get_description (tag);
  if (g_strcmp0 (text, old != NULL ? old : "") != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "codebook.set-tag-description", "(xs)",
                                glossa_tag_get_id (tag), text);
}

static void
key_selected_cb (GtkDropDown          *dropdown,
                 GParamSpec           *pspec,
                 GlossaCodebookDialog *self)
{
  GlossaTag *tag = _glossa_widget_get_tag (dropdown);
  guint key = gtk_drop_down_get_selected (dropdown);

  if (tag == NULL || self->rebuilding || key == GTK_INVALID_LIST_POSITION)
    return;
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dropdown), "glossa-binding")))
    return;

  if (key != glossa_tag_get_key (tag))
    gtk_widget_activate_action (GTK_WIDGET (self), "codebook.set-tag-key", "(xu)",
                                glossa_tag_get_id (tag), key);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource        *source,
                 double                x,
                 double                y,
                 GlossaCodebookDialog *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GlossaTag *tag = _glossa_widget_get_tag (widget);

  if (tag == NULL)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_INT64, glossa_tag_get_id (tag));
}

static gboolean
drop_cb (GtkDropTarget        *target,
         const GValue         *value,
         double                x,
         double                y,
         GlossaCodebookDialog *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GlossaTag *onto = _glossa_widget_get_tag (widget);
  gint64 dragged;
  int height = gtk_widget_get_height (widget);

  if (onto == NULL || !G_VALUE_HOLDS_INT64 (value))
    return FALSE;

  dragged = g_value_get_int64 (value);
  if (dragged == glossa_tag_get_id (onto))
    return FALSE;

  /* The top and bottom quarters of a row put the tag beside it; the middle
   * puts it inside, as the last child. */
  gtk_widget_activate_action (GTK_WIDGET (self), "codebook.drop-tag", "(xxu)", dragged,
                              glossa_tag_get_id (onto),
                              (guint32) (y < height / 4.0 ? DROP_BEFORE
                                         : y > height * 3 / 4.0 ? DROP_AFTER : DROP_INTO));
  return TRUE;
}

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               GlossaCodebookDialog     *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_button_new ();
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *label = gtk_editable_label_new ("");
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  GtkGesture *context = gtk_gesture_click_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 16);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw_cb, NULL, NULL);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (swatch), area);
  gtk_widget_add_css_class (swatch, "flat");
  gtk_widget_add_css_class (swatch, "circular");
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (swatch, _("Change Colour"));
  g_signal_connect (swatch, "clicked", G_CALLBACK (swatch_clicked_cb), self);

  gtk_widget_set_hexpand (label, TRUE);
  g_signal_connect (label, "notify::editing", G_CALLBACK (name_editing_cb), self);

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (target));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
  g_signal_connect (context, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (context));

  g_object_set_data (G_OBJECT (item), "glossa-box", box);
  g_object_set_data (G_OBJECT (item), "glossa-swatch", swatch);
  g_object_set_data (G_OBJECT (item), "glossa-area", area);
  g_object_set_data (G_OBJECT (item), "glossa-label", label);
  gtk_list_item_set_child (item, expander);
}

static gboolean
start_editing_idle_cb (gpointer user_data)
{
  GtkEditableLabel *label = user_data;

  if (gtk_widget_get_root (GTK_WIDGET (label)) != NULL)
    {
      gtk_editable_label_start_editing (label);
      gtk_widget_grab_focus (GTK_WIDGET (label));
    }

  return G_SOURCE_REMOVE;
}

static void
_glossa_codebook_dialog_start_editing (GlossaCodebookDialog *self,
                                       GtkEditableLabel     *label)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_editing_idle_cb,
                   g_object_ref (label), g_object_unref);
}

static void
name_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GlossaCodebookDialog     *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GlossaTag *tag = GLOSSA_TAG (gtk_tree_list_row_get_item (row));
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *label = g_object_get_data (G_OBJECT (item), "glossa-label");
  GtkWidget *area = g_object_get_data (G_OBJECT (item), "glossa-area");
  gint64 id = glossa_tag_get_id (tag);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);

  _glossa_widget_set_tag (label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (label), glossa_tag_get_name (tag));
  _glossa_widget_set_tag (label, tag);
  _glossa_widget_set_tag (area, tag);
  _glossa_widget_set_tag (g_object_get_data (G_OBJECT (item), "glossa-swatch"), tag);
  _glossa_widget_set_tag (g_object_get_data (G_OBJECT (item), "glossa-box"), tag);
  gtk_widget_queue_draw (area);

  g_hash_table_insert (self->name_labels, g_memdup2 (&id, sizeof id), label);

  if (id == self->pending_edit_id)
    {
      self->pending_edit_id = 0;
      _glossa_codebook_dialog_start_editing (self, GTK_EDITABLE_LABEL (label));
    }
}

static void
name_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GlossaCodebookDialog     *self)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (item), "glossa-label");
  GlossaTag *tag = _glossa_widget_get_tag (label);

  if (tag != NULL)
    {
      gint64 id = glossa_tag_get_id (tag);

      if (g_hash_table_lookup (self->name_labels, &id) == label)
        g_hash_table_remove (self->name_labels, &id);
    }

  /* A label unbound while editing must not commit into another tag. */
  _glossa_widget_set_tag (label, NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
}

static void
description_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GlossaCodebookDialog     *self)
{
  GtkWidget *label = gtk_editable_label_new ("");

  gtk_widget_set_hexpand (label, TRUE);
  g_signal_connect (label, "notify::editing", G_CALLBACK (description_editing_cb), self);
  gtk_list_item_set_child (item, label);
}

static void
description_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GlossaCodebookDialog     *self)
{
  GlossaTag *tag = GLOSSA_TAG (gtk_tree_list_row_get_item (gtk_list_item_get_item (item)));
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *description = glossa_tag_get_description (tag);

  _glossa_widget_set_tag (label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (label), description != NULL ? description : "");
  _glossa_widget_set_tag (label, tag);
}

static void
key_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GlossaCodebookDialog     *self)
{
  static const char *keys[] = { "—", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL };
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (keys);

  gtk_widget_set_tooltip_text (dropdown, _("Key that applies this tag to the selection"));
  gtk_widget_add_css_class (dropdown, "flat");
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (key_selected_cb), self);
  gtk_list_item_set_child (item, dropdown);
}

static void
key_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             GlossaCodebookDialog     *self)
{
  GlossaTag *tag = GLOSSA_TAG (gtk_tree_list_row_get_item (gtk_list_item_get_item (item)));
  GtkWidget *dropdown = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (dropdown), "glossa-binding", GINT_TO_POINTER (TRUE));
  _glossa_widget_set_tag (dropdown, tag);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), MIN (glossa_tag_get_key (tag), 9));
  g_object_set_data (G_OBJECT (dropdown), "glossa-binding", GINT_TO_POINTER (FALSE));
}

static void
count_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GlossaCodebookDialog     *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
count_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               GlossaCodebookDialog     *self)
{
  GlossaTag *tag = GLOSSA_TAG (gtk_tree_list_row_get_item (gtk_list_item_get_item (item)));
  g_autofree char *text = g_strdup_printf ("%u", glossa_tag_get_count (tag));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* The tree. */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GlossaCodebookDialog *self = user_data;
  gint64 id = glossa_tag_get_id (GLOSSA_TAG (item));
  GListModel *children = g_hash_table_lookup (self->children, &id);

  if (children == NULL || g_list_model_get_n_items (children) == 0)
    return NULL;

  return g_object_ref (children);
}

static GListStore *
_glossa_codebook_dialog_store_for (GlossaCodebookDialog *self,
                                   gint64                parent_id)
{
  GListStore *store = g_hash_table_lookup (self->children, &parent_id);

  if (store == NULL)
    {
      store = g_list_store_new (GLOSSA_TYPE_TAG);
      g_hash_table_insert (self->children, g_memdup2 (&parent_id, sizeof parent_id), store);
    }

  return store;
}

/* Menus listing where the selected tag can go: every tag outside its own
 * subtree, by path. */
static void
_glossa_codebook_dialog_update_menus (GlossaCodebookDialog *self)
{
  g_autoptr(GMenu) move_menu = g_menu_new ();
  g_autoptr(GMenu) move_section = g_menu_new ();
  g_autoptr(GMenu) merge_menu = g_menu_new ();
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GListModel *tags = glossa_library_get_tags (self->library);
  GlossaTag *selected = _glossa_codebook_dialog_get_selected (self);
  guint n = g_list_model_get_n_items (tags);
  guint skip_depth = G_MAXUINT;

  if (selected != NULL)
    {
      g_autoptr(GMenuItem) top = g_menu_item_new (_("Top Level"), NULL);

      g_menu_item_set_action_and_target_value (top, "codebook.move-selected",
                                               g_variant_new_int64 (0));
      g_menu_append_item (move_menu, top);
      g_menu_append_section (move_menu, NULL, G_MENU_MODEL (move_section));
    }

  for (guint i = 0; selected != NULL && i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);
      gint64 id = glossa_tag_get_id (tag);
      gint64 parent_id = glossa_tag_get_parent_id (tag);
      const char *parent_path = g_hash_table_lookup (paths, &parent_id);
      char *path;

      path = parent_path != NULL
        ? g_strdup_printf ("%s › %s", parent_path, glossa_tag_get_name (tag))
        : g_strdup (glossa_tag_get_name (tag));
      g_hash_table_insert (paths, g_memdup2 (&id, sizeof id), path);

      /* Pre-order: the subtree of the selected tag follows it, deeper. */
      if (glossa_tag_get_depth (tag) <= skip_depth)
        skip_depth = G_MAXUINT;
      if (id == glossa_tag_get_id (selected))
        skip_depth = glossa_tag_get_depth (tag);
      else
        {
          g_autoptr(GMenuItem) merge = g_menu_item_new (path, NULL);

          g_menu_item_set_action_and_target_value (merge, "codebook.merge-selected",
                                                   g_variant_new_int64 (id));
          g_menu_append_item (merge_menu, merge);
        }

      if (skip_depth == G_MAXUINT && id != glossa_tag_get_parent_id (selected))
        {
          g_autoptr(GMenuItem) move = g_menu_item_new (path, NULL);

          g_menu_item_set_action_and_target_value (move, "codebook.move-selected",
                                                   g_variant_new_int64 (id));
          g_menu_append_item (move_section, move);
        }
    }

  gtk_menu_button_set_menu_model (self->move_button, G_MENU_MODEL (move_menu));
  gtk_menu_button_set_menu_model (self->merge_button, G_MENU_MODEL (merge_menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), selected != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button),
                            selected != NULL && g_menu_model_get_n_items (G_MENU_MODEL (merge_menu)) > 0);
}

static void
_glossa_codebook_dialog_update_actions (GlossaCodebookDialog *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean selected = _glossa_codebook_dialog_get_selected (self) != NULL;
  const char *label;

  gtk_widget_action_set_enabled (widget, "codebook.add-child", selected);
  gtk_widget_action_set_enabled (widget, "codebook.rename", selected);
  gtk_widget_action_set_enabled (widget, "codebook.choose-color", selected);
  gtk_widget_action_set_enabled (widget, "codebook.delete", selected);
  gtk_widget_action_set_enabled (widget, "codebook.move-selected", selected);
  gtk_widget_action_set_enabled (widget, "codebook.merge-selected", selected);

  gtk_widget_action_set_enabled (widget, "codebook.undo",
                                 glossa_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (widget, "codebook.redo",
                                 glossa_history_get_can_redo (self->history));
  label = glossa_history_get_undo_label (self->history);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), label != NULL ? label : _("Undo"));
  label = glossa_history_get_redo_label (self->history);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), label != NULL ? label : _("Redo"));

  _glossa_codebook_dialog_update_menus (self);
}

static void
_glossa_codebook_dialog_rebuild (GlossaCodebookDialog *self)
{
  GListModel *tags = glossa_library_get_tags (self->library);
  GtkTreeListModel *tree;
  GListStore *roots;
  guint n = g_list_model_get_n_items (tags);
  gint64 keep = self->selected_id;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  self->rebuilding = TRUE;

  g_hash_table_remove_all (self->children);
  roots = _glossa_codebook_dialog_store_for (self, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      /* Pre-order, so a parent's store exists before its children arrive. */
      g_list_store_append (_glossa_codebook_dialog_store_for (self, glossa_tag_get_parent_id (tag)),
                           tag);
    }

  tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (roots)), FALSE, TRUE,
                                  create_children_cb, self, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  if (keep != 0)
    {
      guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (tree));

      for (guint i = 0; i < n_rows; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);

          if (glossa_tag_get_id (GLOSSA_TAG (gtk_tree_list_row_get_item (row))) == keep)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
    }
  g_object_unref (tree);

  self->rebuilding = FALSE;
  {
    GlossaTag *selected = _glossa_codebook_dialog_get_selected (self);

    self->selected_id = selected != NULL ? glossa_tag_get_id (selected) : 0;
  }

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "tags" : "empty");
  _glossa_codebook_dialog_update_actions (self);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  GlossaCodebookDialog *self = user_data;

  self->rebuild_source = 0;
  _glossa_codebook_dialog_rebuild (self);

  return G_SOURCE_REMOVE;
}

/* Rebuilding from inside a row's own signal would pull the row away from
 * under it; wait for the main loop. */
static void
_glossa_codebook_dialog_queue_rebuild (GlossaCodebookDialog *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle_cb, self, NULL);
}

static void
library_changed_cb (GlossaCodebookDialog *self)
{
  _glossa_codebook_dialog_queue_rebuild (self);
}

static void
history_changed_cb (GlossaCodebookDialog *self)
{
  _glossa_codebook_dialog_update_actions (self);
}

static void
selection_changed_cb (GlossaCodebookDialog *self)
{
  GlossaTag *selected;

  if (self->rebuilding)
    return;

  selected = _glossa_codebook_dialog_get_selected (self);
  self->selected_id = selected != NULL ? glossa_tag_get_id (selected) : 0;
  _glossa_codebook_dialog_update_actions (self);
}

/* Actions with parameters: every change is one history step. */

static void
rename_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &name);
  if (!glossa_history_rename_tag (self->history, id, name, &error))
    {
      _glossa_codebook_dialog_toast_error (self, "rename a tag", error);
      _glossa_codebook_dialog_queue_rebuild (self);
    }
}

static void
set_tag_color_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *color;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &color);
  if (!glossa_history_set_tag_color (self->history, id, color, &error))
    _glossa_codebook_dialog_toast_error (self, "change a tag’s colour", error);
}

static void
set_tag_description_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *description;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &description);
  if (!glossa_history_set_tag_description (self->history, id, description, &error))
    {
      _glossa_codebook_dialog_toast_error (self, "describe a tag", error);
      _glossa_codebook_dialog_queue_rebuild (self);
    }
}

static void
set_tag_key_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  guint32 key;
  gint64 id;

  g_variant_get (parameter, "(xu)", &id, &key);
  if (!glossa_history_set_tag_key (self->history, id, key, &error))
    {
      _glossa_codebook_dialog_toast_error (self, "set a tag’s key", error);
      _glossa_codebook_dialog_queue_rebuild (self);
    }
}

static void
move_tag_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gint64 id, parent_id;
  gint32 position;

  g_variant_get (parameter, "(xxi)", &id, &parent_id, &position);
  if (!glossa_history_move_tag (self->history, id, parent_id, position, &error))
    _glossa_codebook_dialog_toast_error (self, "move a tag", error);
}

static void
drop_tag_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  g_autoptr(GlossaTag) moved = NULL;
  g_autoptr(GlossaTag) onto = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, onto_id;
  guint32 where;
  int position;

  g_variant_get (parameter, "(xxu)", &id, &onto_id, &where);
  if (id == onto_id)
    return;

  if ((moved = glossa_library_get_tag (self->library, id, &error)) == NULL ||
      (onto = glossa_library_get_tag (self->library, onto_id, &error)) == NULL)
    {
      _glossa_codebook_dialog_toast_error (self, "move a tag", error);
      return;
    }

  if (where == DROP_INTO)
    {
      gtk_widget_activate_action (widget, "codebook.move-tag", "(xxi)", id, onto_id, -1);
      return;
    }

  position = (int) glossa_tag_get_position (onto) + (where == DROP_AFTER ? 1 : 0);
  /* Positions count the siblings without the moved tag. */
  if (glossa_tag_get_parent_id (moved) == glossa_tag_get_parent_id (onto) &&
      glossa_tag_get_position (moved) < glossa_tag_get_position (onto))
    position--;

  gtk_widget_activate_action (widget, "codebook.move-tag", "(xxi)", id,
                              glossa_tag_get_parent_id (onto), position);
}

static void
move_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  GlossaTag *selected = _glossa_codebook_dialog_get_selected (self);

  if (selected != NULL)
    gtk_widget_activate_action (widget, "codebook.move-tag", "(xxi)", glossa_tag_get_id (selected),
                                g_variant_get_int64 (parameter), -1);
}

static void
merge_selected_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  GlossaTag *selected = _glossa_codebook_dialog_get_selected (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *from_name = NULL;
  g_autoptr(GlossaTag) into = NULL;
  gint64 into_id = g_variant_get_int64 (parameter);
  AdwToast *toast;

  if (selected == NULL)
    return;

  from_name = g_strdup (glossa_tag_get_name (selected));
  into = glossa_library_get_tag (self->library, into_id, &error);
  if (into == NULL ||
      !glossa_history_merge_tags (self->history, glossa_tag_get_id (selected), into_id, &error))
    {
      _glossa_codebook_dialog_toast_error (self, "merge tags", error);
      return;
    }

  self->selected_id = into_id;
  /* Translators: the first %s is the merged tag, the second the one it went into. */
  message = g_markup_printf_escaped (_("Merged “%s” into “%s”"), from_name,
                                     glossa_tag_get_name (into));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "codebook.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
remove_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaTag) tag = NULL;
  g_autofree char *message = NULL;
  guint32 mode;
  gint64 id;
  AdwToast *toast;

  g_variant_get (parameter, "(xu)", &id, &mode);
  tag = glossa_library_get_tag (self->library, id, &error);
  if (tag == NULL || !glossa_history_remove_tag (self->history, id, mode, &error))
    {
      _glossa_codebook_dialog_toast_error (self, "delete a tag", error);
      return;
    }

  /* Translators: %s is a tag name. */
  message = g_markup_printf_escaped (_("“%s” moved to the trash"), glossa_tag_get_name (tag));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "codebook.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Actions on the selection. */

static char *
_glossa_codebook_dialog_unique_name (GlossaCodebookDialog *self,
                                     const char           *base)
{
  GListModel *tags = glossa_library_get_tags (self->library);
  guint n = g_list_model_get_n_items (tags);
  char *name = g_strdup (base);

  for (guint suffix = 2; ; suffix++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < n && !taken; i++)
        {
          g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

          taken = g_utf8_collate (glossa_tag_get_name (tag), name) == 0;
        }

      if (!taken)
        return name;

      g_free (name);
      name = g_strdup_printf ("%s %u", base, suffix);
    }
}

/* The lowest key 1–9 no tag has, or 0 when all are taken. */
static guint
_glossa_codebook_dialog_free_key (GlossaCodebookDialog *self)
{
  GListModel *tags = glossa_library_get_tags (self->library);
  gboolean taken[10] = { FALSE, };

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);
      guint key = glossa_tag_get_key (tag);

      if (key >= 1 && key <= 9)
        taken[key] = TRUE;
    }

  for (guint key = 1; key <= 9; key++)
    if (!taken[key])
      return key;

  return 0;
}

static void
_glossa_codebook_dialog_add (GlossaCodebookDialog *self,
                             gint64                parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = _glossa_codebook_dialog_unique_name (self, _("New Tag"));
  /* NULL: the library picks a palette colour no tag has yet. */
  const char *color = NULL;
  guint key = _glossa_codebook_dialog_free_key (self);
  gint64 id;

  if (parent_id != 0)
    {
      g_autoptr(GlossaTag) parent = glossa_library_get_tag (self->library, parent_id, NULL);

      /* A child starts in its parent's colour: they belong together. */
      if (parent != NULL)
        color = glossa_tag_get_color (parent);
    }

  id = glossa_history_add_tag (self->history, name, parent_id, color, "", key, &error);
  if (id == 0)
    {
      _glossa_codebook_dialog_toast_error (self, "add a tag", error);
      return;
    }

  self->selected_id = id;
  self->pending_edit_id = id;
  _glossa_codebook_dialog_rebuild (self);
}

static void
add_tag_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _glossa_codebook_dialog_add (GLOSSA_CODEBOOK_DIALOG (widget), 0);
}

static void
add_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  GlossaTag *selected = _glossa_codebook_dialog_get_selected (self);

  if (selected != NULL)
    _glossa_codebook_dialog_add (self, glossa_tag_get_id (selected));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  GlossaTag *selected = _glossa_codebook_dialog_get_selected (self);
  GtkEditableLabel *label;
  gint64 id;

  if (selected == NULL)
    return;

  id = glossa_tag_get_id (selected);
  label = g_hash_table_lookup (self->name_labels, &id);
  if (label != NULL)
    _glossa_codebook_dialog_start_editing (self, label);
  else
    self->pending_edit_id = id;
}

static void
color_response_cb (GtkDialog            *dialog,
                   int                   response,
                   GlossaCodebookDialog *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "glossa-tag-id");

  if (response == GTK_RESPONSE_OK)
    {
      g_autofree char *color = NULL;
      GdkRGBA rgba;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
      color = g_strdup_printf ("#%02x%02x%02x",
                               (guint) (CLAMP (rgba.red, 0.0, 1.0) * 255 + 0.5),
                               (guint) (CLAMP (rgba.green, 0.0, 1.0) * 255 + 0.5),
                               (guint) (CLAMP (rgba.blue, 0.0, 1.0) * 255 + 0.5));
      gtk_widget_activate_action (GTK_WIDGET (self), "codebook.set-tag-color", "(xs)", id, color);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
choose_color_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  GlossaTag *selected = _glossa_codebook_dialog_get_selected (self);
  g_autofree char *title = NULL;
  gint64 id;
  GtkWidget *dialog;
  GdkRGBA rgba;

  if (selected == NULL)
    return;

  /* Translators: %s is a tag name. */
  title = g_strdup_printf (_("Colour of “%s”"), glossa_tag_get_name (selected));
  dialog = gtk_color_chooser_dialog_new (title, GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (dialog), FALSE);
  if (gdk_rgba_parse (&rgba, glossa_tag_get_color (selected)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);

  id = glossa_tag_get_id (selected);
  g_object_set_data_full (G_OBJECT (dialog), "glossa-tag-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (color_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    GlossaCodebookDialog *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "glossa-tag-id");

  if (g_strcmp0 (response, "keep") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "codebook.remove-tag", "(xu)", id,
                                (guint32) GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS);
  else if (g_strcmp0 (response, "trash") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "codebook.remove-tag", "(xu)", id,
                                (guint32) GLOSSA_TAG_DELETE_TRASH_ANNOTATIONS);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  GlossaTag *selected = _glossa_codebook_dialog_get_selected (self);
  AdwMessageDialog *dialog;
  guint count;
  gint64 id;

  if (selected == NULL)
    return;

  id = glossa_tag_get_id (selected);
  count = glossa_tag_get_count (selected);

  /* Nothing to decide without annotations, and the trash keeps it. */
  if (count == 0)
    {
      gtk_widget_activate_action (widget, "codebook.remove-tag", "(xu)", id,
                                  (guint32) GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  /* Translators: %s is a tag name. */
  adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), glossa_tag_get_name (selected));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u annotation carries this tag. Keep it without "
                                               "the tag, or move it to the trash as well?",
                                               "%u annotations carry this tag. Keep them without "
                                               "the tag, or move them to the trash as well?",
                                               count),
                                  count);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "trash", _("_Trash Annotations"),
                                    "keep", _("_Keep Annotations"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "trash", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "glossa-tag-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!glossa_history_undo (self->history, &error))
    _glossa_codebook_dialog_toast_error (self, "undo", error);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!glossa_history_redo (self->history, &error))
    _glossa_codebook_dialog_toast_error (self, "redo", error);
}

static void
glossa_codebook_dialog_dispose (GObject *object)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSA_TYPE_CODEBOOK_DIALOG);
  g_clear_object (&self->library);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (glossa_codebook_dialog_parent_class)->dispose (object);
}

static void
glossa_codebook_dialog_finalize (GObject *object)
{
  GlossaCodebookDialog *self = GLOSSA_CODEBOOK_DIALOG (object);

  /* Rows are unbound while the parent class disposes the content. */
  g_clear_pointer (&self->name_labels, g_hash_table_unref);
  g_clear_pointer (&self->children, g_hash_table_unref);

  G_OBJECT_CLASS (glossa_codebook_dialog_parent_class)->finalize (object);
}

static void
glossa_codebook_dialog_class_init (GlossaCodebookDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossa_codebook_dialog_dispose;
  object_class->finalize = glossa_codebook_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossa/Glossa/glossa-codebook-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossaCodebookDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossaCodebookDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossaCodebookDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, GlossaCodebookDialog, selection);
  gtk_widget_class_bind_template_child (widget_class, GlossaCodebookDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaCodebookDialog, redo_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaCodebookDialog, move_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaCodebookDialog, merge_button);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, description_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, description_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, count_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, count_bind_cb);

  gtk_widget_class_install_action (widget_class, "codebook.add-tag", NULL, add_tag_action);
  gtk_widget_class_install_action (widget_class, "codebook.add-child", NULL, add_child_action);
  gtk_widget_class_install_action (widget_class, "codebook.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "codebook.choose-color", NULL, choose_color_action);
  gtk_widget_class_install_action (widget_class, "codebook.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "codebook.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "codebook.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "codebook.rename-tag", "(xs)", rename_tag_action);
  gtk_widget_class_install_action (widget_class, "codebook.set-tag-color", "(xs)",
                                   set_tag_color_action);
  gtk_widget_class_install_action (widget_class, "codebook.set-tag-description", "(xs)",
                                   set_tag_description_action);
  gtk_widget_class_install_action (widget_class, "codebook.set-tag-key", "(xu)", set_tag_key_action);
  gtk_widget_class_install_action (widget_class, "codebook.move-tag", "(xxi)", move_tag_action);
  gtk_widget_class_install_action (widget_class, "codebook.drop-tag", "(xxu)", drop_tag_action);
  gtk_widget_class_install_action (widget_class, "codebook.move-selected", "x",
                                   move_selected_action);
  gtk_widget_class_install_action (widget_class, "codebook.merge-selected", "x",
                                   merge_selected_action);
  gtk_widget_class_install_action (widget_class, "codebook.remove-tag", "(xu)", remove_tag_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "codebook.add-tag", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "codebook.add-child", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "codebook.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "codebook.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "codebook.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "codebook.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glossa_codebook_dialog_init (GlossaCodebookDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->name_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

GtkWidget *
glossa_codebook_dialog_new (GtkWindow     *parent,
                            GlossaHistory *history)
{
  GlossaCodebookDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSSA_IS_HISTORY (history), NULL);

  self = g_object_new (GLOSSA_TYPE_CODEBOOK_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->history = g_object_ref (history);
  self->library = g_object_ref (glossa_history_get_library (history));

  g_signal_connect_object (self->library, "tags-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "annotations-changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-undo",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::undo-label",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);

  _glossa_codebook_dialog_rebuild (self);

  return GTK_WIDGET (self);
}
