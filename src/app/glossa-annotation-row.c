/* glossa-annotation-row.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-annotation-row.h"

struct _GlossaAnnotationRow
{
  GtkWidget         parent_instance;

  GlossaAnnotation *annotation;
  GlossaLibrary    *library;

  GtkWidget        *box;
  GtkBox           *chips_box;
  GtkLabel         *link_count_label;
  GtkMenuButton    *tags_button;
  GtkPopover       *tags_popover;
  GtkBox           *tags_box;
  GtkLabel         *quote_label;
  GtkEntry         *note_entry;
  GtkStack         *note_stack;
  GtkLabel         *note_label;
  GtkBox           *links_box;
  GtkLabel         *meta_label;
  GtkWidget        *reattach_button;
};

G_DEFINE_FINAL_TYPE (GlossaAnnotationRow, glossa_annotation_row, GTK_TYPE_WIDGET)

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_BOX (parent))
        gtk_box_remove (GTK_BOX (parent), child);
      else
        gtk_widget_unparent (child);
    }
}

static gint64
row_id (GlossaAnnotationRow *self)
{
  return self->annotation != NULL ? glossa_annotation_get_id (self->annotation) : 0;
}

/* Sends the note to the window when it differs from the stored one. */
static void
commit_note (GlossaAnnotationRow *self)
{
  const char *text;

  if (self->annotation == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  if (g_strcmp0 (text, glossa_annotation_get_note (self->annotation)) == 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-note", "(xs)", row_id (self), text);
}

/* A note is shown as wrapped text, an empty one as the entry that invites
 * one. */
static void
show_note (GlossaAnnotationRow *self,
           const char          *note)
{
  gboolean has_note = note != NULL && note[0] != '\0';

  gtk_label_set_label (self->note_label, has_note ? note : "");
  gtk_stack_set_visible_child_name (self->note_stack, has_note ? "label" : "entry");
}

static void
note_activate_cb (GlossaAnnotationRow *self)
{
  commit_note (self);
  show_note (self, gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
}

static void
note_focus_leave_cb (GlossaAnnotationRow *self)
{
  commit_note (self);
  show_note (self, gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
}

static void
note_button_clicked_cb (GlossaAnnotationRow *self)
{
  gtk_stack_set_visible_child_name (self->note_stack, "entry");
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->note_entry), -1);
}

static void
tag_check_toggled_cb (GtkCheckButton      *check,
                      GlossaAnnotationRow *self)
{
  gint64 tag_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "tag-id"));
  gboolean active = gtk_check_button_get_active (check);

  if (self->annotation == NULL ||
      glossa_annotation_has_tag (self->annotation, tag_id) == active)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self),
                              active ? "win.add-annotation-tag" : "win.remove-annotation-tag",
                              "(xx)", row_id (self), tag_id);
}

/* The codebook as check items, built when shown so it is never stale. */
static void
tags_popover_show_cb (GlossaAnnotationRow *self)
{
  GListModel *tags;
  guint n;

  remove_children (GTK_WIDGET (self->tags_box));
  if (self->library == NULL || self->annotation == NULL)
    return;

  tags = glossa_library_get_tags (self->library);
  n = g_list_model_get_n_items (tags);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);
      g_autofree char *css_class = g_strdup_printf ("tag-%" G_GINT64_FORMAT, glossa_tag_get_id (tag));
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_label_new (NULL);
      GtkWidget *label = gtk_label_new (glossa_tag_get_name (tag));

      gtk_widget_add_css_class (swatch, "tag-swatch");
      gtk_widget_add_css_class (swatch, css_class);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), label);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
      gtk_widget_set_margin_start (check, 12 * glossa_tag_get_depth (tag));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   glossa_annotation_has_tag (self->annotation,
                                                              glossa_tag_get_id (tag)));
      g_object_set_data (G_OBJECT (check), "tag-id",
                         GSIZE_TO_POINTER ((gsize) glossa_tag_get_id (tag)));
      g_signal_connect (check, "toggled", G_CALLBACK (tag_check_toggled_cb), self);
      gtk_box_append (self->tags_box, check);
    }
}

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

static char *
describe_link (GlossaAnnotationRow *self,
               GlossaLink          *link)
{
  gint64 id = row_id (self);
  gboolean outgoing = glossa_link_get_from_id (link) == id;
  gint64 other_id = outgoing ? glossa_link_get_to_id (link) : glossa_link_get_from_id (link);
  g_autoptr(GlossaAnnotation) other = NULL;
  g_autoptr(GlossaArticle) article = NULL;
  g_autofree char *quote = NULL;

  other = glossa_library_get_annotation (self->library, other_id, NULL);
  if (other == NULL)
    return NULL;

  quote = shorten (glossa_annotation_get_quote (other), 60);
  if (glossa_annotation_get_article_id (other) != glossa_annotation_get_article_id (self->annotation))
    article = glossa_library_get_article (self->library,
                                          glossa_annotation_get_article_id (other), NULL);

  if (article != NULL)
    {
      if (outgoing)
        /* Translators: a link from this annotation: type → “quote” (article title) */
        return g_strdup_printf (_("%s → “%s” (%s)"), glossa_link_type_get_label (glossa_link_get_link_type (link)), quote,
                                glossa_article_get_title (article));
      /* Translators: a link to this annotation: type ← “quote” (article title) */
      return g_strdup_printf (_("%s ← “%s” (%s)"), glossa_link_type_get_label (glossa_link_get_link_type (link)), quote,
                              glossa_article_get_title (article));
    }

  if (outgoing)
    /* Translators: a link from this annotation: type → “quote” */
    return g_strdup_printf (_("%s → “%s”"), glossa_link_type_get_label (glossa_link_get_link_type (link)), quote);
  /* Translators: a link to this annotation: type ← “quote” */
  return g_strdup_printf (_("%s ← “%s”"), glossa_link_type_get_label (glossa_link_get_link_type (link)), quote);
}

static void
remove_link_clicked_cb (GtkButton           *button,
                        GlossaAnnotationRow *self)
{
  gint64 link_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "link-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.remove-link", "x", link_id);
}

static void
show_link_clicked_cb (GtkButton           *button,
                      GlossaAnnotationRow *self)
{
  gint64 other_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "other-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-annotation", "x", other_id);
}

static void
update_links (GlossaAnnotationRow *self)
{
  g_autoptr(GPtrArray) links = NULL;
  guint n_links = glossa_annotation_get_link_count (self->annotation);

  remove_children (GTK_WIDGET (self->links_box));
  gtk_widget_set_visible (GTK_WIDGET (self->links_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->link_count_label), n_links > 0);
  if (n_links == 0)
    return;

  {
    g_autofree char *count = g_strdup_printf (ngettext ("%u link", "%u links", n_links),
                                              n_links);
    gtk_label_set_label (self->link_count_label, count);
  }

  links = glossa_library_list_links (self->library, row_id (self), NULL);
  if (links == NULL)
    return;

  for (guint i = 0; i < links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (links, i);
      g_autofree char *text = describe_link (self, link);
      gint64 other_id;
      GtkWidget *box, *button, *remove;

      if (text == NULL)
        continue;

      other_id = glossa_link_get_from_id (link) == row_id (self)
        ? glossa_link_get_to_id (link) : glossa_link_get_from_id (link);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      button = gtk_button_new_with_label (text);
      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))),
                               PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      gtk_widget_set_hexpand (button, TRUE);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "link-button");
      gtk_widget_set_tooltip_text (button, text);
      g_object_set_data (G_OBJECT (button), "other-id", GSIZE_TO_POINTER ((gsize) other_id));
      g_signal_connect (button, "clicked", G_CALLBACK (show_link_clicked_cb), self);

      remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove Link"));
      g_object_set_data (G_OBJECT (remove), "link-id",
                         GSIZE_TO_POINTER ((gsize) glossa_link_get_id (link)));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_link_clicked_cb), self);

      gtk_box_append (GTK_BOX (box), button);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_box_append (self->links_box, box);
      gtk_widget_set_visible (GTK_WIDGET (self->links_box), TRUE);
    }
}

static void
update_chips (GlossaAnnotationRow *self)
{
  const gint64 *tag_ids;
  guint n_tags = 0;

  remove_children (GTK_WIDGET (self->chips_box));
  tag_ids = glossa_annotation_get_tag_ids (self->annotation, &n_tags);

  if (n_tags == 0)
    {
      GtkWidget *chip = gtk_label_new (_("Untagged"));

      gtk_widget_add_css_class (chip, "tag-chip");
      gtk_widget_add_css_class (chip, "untagged");
      gtk_box_append (self->chips_box, chip);
      return;
    }

  for (guint i = 0; i < n_tags; i++)
    {
      g_autoptr(GlossaTag) tag = glossa_library_get_tag (self->library, tag_ids[i], NULL);
      g_autofree char *css_class = NULL;
      GtkWidget *chip;

      if (tag == NULL)
        continue;

      css_class = g_strdup_printf ("tag-%" G_GINT64_FORMAT, tag_ids[i]);
      chip = gtk_label_new (glossa_tag_get_name (tag));
      gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (chip, "tag-chip");
      gtk_widget_add_css_class (chip, css_class);
      gtk_box_append (self->chips_box, chip);
    }
}

void
glossa_annotation_row_bind (GlossaAnnotationRow *self,
                            GlossaAnnotation    *annotation,
                            GlossaLibrary       *library)
{
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  gboolean orphaned;

  g_return_if_fail (GLOSSA_IS_ANNOTATION_ROW (self));
  g_return_if_fail (GLOSSA_IS_ANNOTATION (annotation));
  g_return_if_fail (GLOSSA_IS_LIBRARY (library));

  g_set_object (&self->annotation, annotation);
  g_set_object (&self->library, library);

  orphaned = glossa_annotation_get_orphaned (annotation);

  update_chips (self);
  gtk_label_set_label (self->quote_label, glossa_annotation_get_quote (annotation));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), glossa_annotation_get_note (annotation));
  show_note (self, glossa_annotation_get_note (annotation));

  created = g_date_time_new_from_unix_local (glossa_annotation_get_created (annotation) / G_USEC_PER_SEC);
  date = created != NULL ? g_date_time_format (created, "%Y-%m-%d %H:%M") : g_strdup ("");
  if (glossa_annotation_get_author (annotation) != NULL &&
      glossa_annotation_get_author (annotation)[0] != '\0')
    meta = g_strdup_printf ("%s · %s", glossa_annotation_get_author (annotation), date);
  else
    meta = g_steal_pointer (&date);
  gtk_label_set_label (self->meta_label, meta);

  gtk_widget_set_visible (self->reattach_button, orphaned);
  if (orphaned)
    gtk_widget_add_css_class (GTK_WIDGET (self), "orphan");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "orphan");

  update_links (self);
}

void
glossa_annotation_row_unbind (GlossaAnnotationRow *self)
{
  g_return_if_fail (GLOSSA_IS_ANNOTATION_ROW (self));

  g_clear_object (&self->annotation);
}

GlossaAnnotation *
glossa_annotation_row_get_annotation (GlossaAnnotationRow *self)
{
  g_return_val_if_fail (GLOSSA_IS_ANNOTATION_ROW (self), NULL);

  return self->annotation;
}

static void
row_link_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GlossaAnnotationRow *self = GLOSSA_ANNOTATION_ROW (widget);

  gtk_widget_activate_action (widget, "win.link-to", "x", row_id (self));
}

static void
row_reattach_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GlossaAnnotationRow *self = GLOSSA_ANNOTATION_ROW (widget);

  gtk_widget_activate_action (widget, "win.reattach", "x", row_id (self));
}

static void
row_delete_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GlossaAnnotationRow *self = GLOSSA_ANNOTATION_ROW (widget);

  gtk_widget_activate_action (widget, "win.delete-annotation", "x", row_id (self));
}

static void
glossa_annotation_row_dispose (GObject *object)
{
  GlossaAnnotationRow *self = GLOSSA_ANNOTATION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSA_TYPE_ANNOTATION_ROW);
  g_clear_object (&self->annotation);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (glossa_annotation_row_parent_class)->dispose (object);
}

static void
glossa_annotation_row_class_init (GlossaAnnotationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossa_annotation_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossa/Glossa/glossa-annotation-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationrow");

  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, box);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, chips_box);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, link_count_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, tags_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, tags_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, tags_box);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, quote_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, note_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, links_box);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaAnnotationRow, reattach_button);
  gtk_widget_class_bind_template_callback (widget_class, note_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, tags_popover_show_cb);

  gtk_widget_class_install_action (widget_class, "row.link", NULL, row_link_action);
  gtk_widget_class_install_action (widget_class, "row.reattach", NULL, row_reattach_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, row_delete_action);
}

static void
glossa_annotation_row_init (GlossaAnnotationRow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (note_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_entry), focus);
}

GtkWidget *
glossa_annotation_row_new (void)
{
  return g_object_new (GLOSSA_TYPE_ANNOTATION_ROW, NULL);
}
