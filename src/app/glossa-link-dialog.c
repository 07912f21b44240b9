/* glossa-link-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-link-dialog.h"

struct _GlossaLinkDialog
{
  AdwWindow           parent_instance;

  GlossaLibrary      *library;
  gint64              from_id;
  GListStore         *annotations;
  GHashTable         *titles;        /* article id → title */
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char              **types;

  GtkLabel           *from_label;
  GtkDropDown        *type_dropdown;
  GtkSearchEntry     *search_entry;
  GtkListView        *list;
  GtkWidget          *link_button;
};

G_DEFINE_FINAL_TYPE (GlossaLinkDialog, glossa_link_dialog, ADW_TYPE_WINDOW)

enum {
  LINK_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
article_title (GlossaLinkDialog *self,
               gint64            article_id)
{
  const char *title = g_hash_table_lookup (self->titles, &article_id);

  return title != NULL ? title : "";
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GlossaLinkDialog *self = user_data;
  GlossaAnnotation *annotation = item;
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded_needle = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (needle[0] == '\0')
    return TRUE;

  folded_needle = g_utf8_casefold (needle, -1);
  haystack = g_strjoin ("\n", glossa_annotation_get_quote (annotation),
                        glossa_annotation_get_note (annotation),
                        article_title (self, glossa_annotation_get_article_id (annotation)),
                        NULL);
  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, folded_needle) != NULL;
}

static void
search_changed_cb (GlossaLinkDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
selection_changed_cb (GlossaLinkDialog *self)
{
  gtk_widget_set_sensitive (self->link_button,
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
}

gboolean
glossa_link_dialog_choose (GlossaLinkDialog *self,
                           gint64            to_id,
                           const char       *type)
{
  g_return_val_if_fail (GLOSSA_IS_LINK_DIALOG (self), FALSE);

  if (to_id == 0 || to_id == self->from_id || type == NULL)
    return FALSE;

  g_signal_emit (self, signals[LINK_CHOSEN], 0, self->from_id, to_id, type);
  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}

static const char *
selected_type (GlossaLinkDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->type_dropdown);

  if (self->types == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_strv_length (self->types))
    return "supports";

  return self->types[selected];
}

static void
link_clicked_cb (GlossaLinkDialog *self)
{
  GlossaAnnotation *annotation = gtk_single_selection_get_selected_item (self->selection);

  if (annotation != NULL)
    glossa_link_dialog_choose (self, glossa_annotation_get_id (annotation), selected_type (self));
}

static void
row_activated_cb (GlossaLinkDialog *self,
                  guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  link_clicked_cb (self);
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               GlossaLinkDialog         *self)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/glossa/Glossa/glossa-link-item.ui");
  GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));

  g_object_set_data (G_OBJECT (row), "quote", gtk_builder_get_object (builder, "quote"));
  g_object_set_data (G_OBJECT (row), "meta", gtk_builder_get_object (builder, "meta"));
  gtk_list_item_set_child (item, row);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GlossaLinkDialog         *self)
{
  GlossaAnnotation *annotation = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  g_autoptr(GString) meta = g_string_new (article_title (self, glossa_annotation_get_article_id (annotation)));
  const gint64 *tag_ids;
  guint n_tags = 0;

  tag_ids = glossa_annotation_get_tag_ids (annotation, &n_tags);
  for (guint i = 0; i < n_tags; i++)
    {
      g_autoptr(GlossaTag) tag = glossa_library_get_tag (self->library, tag_ids[i], NULL);

      if (tag != NULL)
        g_string_append_printf (meta, " · %s", glossa_tag_get_name (tag));
    }

  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "quote"),
                       glossa_annotation_get_quote (annotation));
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "meta"), meta->str);
}

/* Stable: keeps the library's order within each group. */
static int
compare_home_first_cb (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  gint64 home = *(gint64 *) user_data;
  GlossaAnnotation *aa = *(GlossaAnnotation **) a;
  GlossaAnnotation *bb = *(GlossaAnnotation **) b;
  int ra = glossa_annotation_get_article_id (aa) == home ? 0 : 1;
  int rb = glossa_annotation_get_article_id (bb) == home ? 0 : 1;

  return ra - rb;
}

static void
glossa_link_dialog_load (GlossaLinkDialog *self)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GlossaAnnotation) from = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *articles = glossa_library_get_articles (self->library);
  guint n = g_list_model_get_n_items (articles);
  g_autoptr(GtkStringList) type_names = NULL;
  guint supports = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaArticle) article = g_list_model_get_item (articles, i);
      gint64 id = glossa_article_get_id (article);

      g_hash_table_insert (self->titles, g_memdup2 (&id, sizeof id),
                           g_strdup (glossa_article_get_title (article)));
    }

  from = glossa_library_get_annotation (self->library, self->from_id, NULL);
  if (from != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("From “%s”"), glossa_annotation_get_quote (from));

      gtk_label_set_label (self->from_label, text);
    }

  annotations = glossa_library_list_annotations (self->library, 0, 0, &error);
  if (annotations == NULL)
    g_warning ("Failed to list annotations: %s", error->message);
  else
    {
      g_autoptr(GPtrArray) candidates = g_ptr_array_sized_new (annotations->len);

      for (guint i = 0; i < annotations->len; i++)
        {
          GlossaAnnotation *annotation = g_ptr_array_index (annotations, i);

          if (glossa_annotation_get_id (annotation) != self->from_id &&
              !glossa_annotation_get_orphaned (annotation))
            g_ptr_array_add (candidates, annotation);
        }
      /* The article being read first (a claim's evidence is usually in the
       * same text), in text order; then the others, grouped by article. */
      if (from != NULL)
        {
          gint64 home = glossa_annotation_get_article_id (from);

          g_ptr_array_sort_with_data (candidates, compare_home_first_cb, &home);
        }
      /* One change for the whole library, not one per annotation. */
      g_list_store_splice (self->annotations, 0, 0, candidates->pdata, candidates->len);
    }

  self->types = glossa_library_list_link_types (self->library);
  type_names = gtk_string_list_new (NULL);
  for (guint i = 0; self->types != NULL && self->types[i] != NULL; i++)
    {
      gtk_string_list_append (type_names, glossa_link_type_get_label (self->types[i]));
      if (g_str_equal (self->types[i], "supports"))
        supports = i;
    }
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (type_names));
  gtk_drop_down_set_selected (self->type_dropdown, supports);

  selection_changed_cb (self);
}

static void
glossa_link_dialog_dispose (GObject *object)
{
  GlossaLinkDialog *self = GLOSSA_LINK_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSA_TYPE_LINK_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->annotations);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (glossa_link_dialog_parent_class)->dispose (object);
}

static void
glossa_link_dialog_finalize (GObject *object)
{
  GlossaLinkDialog *self = GLOSSA_LINK_DIALOG (object);

  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->types, g_strfreev);

  G_OBJECT_CLASS (glossa_link_dialog_parent_class)->finalize (object);
}

static void
glossa_link_dialog_class_init (GlossaLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossa_link_dialog_dispose;
  object_class->finalize = glossa_link_dialog_finalize;

  signals[LINK_CHOSEN] =
    g_signal_new ("link-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossa/Glossa/glossa-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossaLinkDialog, from_label);
  gtk_widget_class_bind_template_child (widget_class, GlossaLinkDialog, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossaLinkDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossaLinkDialog, list);
  gtk_widget_class_bind_template_child (widget_class, GlossaLinkDialog, link_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glossa_link_dialog_init (GlossaLinkDialog *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->annotations = g_list_store_new (GLOSSA_TYPE_ANNOTATION);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->selection = gtk_single_selection_new (
    G_LIST_MODEL (gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->annotations)),
                                             GTK_FILTER (g_object_ref (self->filter)))));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
}

GlossaLinkDialog *
glossa_link_dialog_new (GtkWindow     *parent,
                        GlossaLibrary *library,
                        gint64         from_id)
{
  GlossaLinkDialog *self;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), NULL);

  self = g_object_new (GLOSSA_TYPE_LINK_DIALOG, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  self->from_id = from_id;
  glossa_link_dialog_load (self);

  return self;
}
