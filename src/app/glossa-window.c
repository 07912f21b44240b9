/* glossa-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-window.h"

struct _GlossaWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossaWindow, glossa_window, ADW_TYPE_APPLICATION_WINDOW)

static void
glossa_window_class_init (GlossaWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossa/Glossa/glossa-window.ui");
}

static void
glossa_window_init (GlossaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GlossaWindow *
glossa_window_new (GlossaApplication *app)
{
  return g_object_new (GLOSSA_TYPE_WINDOW, "application", app, NULL);
}
