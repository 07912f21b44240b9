/* glossa-application.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-application.h"
#include "glossa-window.h"

struct _GlossaApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossaApplication, glossa_application, ADW_TYPE_APPLICATION)

static void
glossa_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (glossa_window_new (GLOSSA_APPLICATION (app)));

  gtk_window_present (window);
}

static void
glossa_application_class_init (GlossaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = glossa_application_activate;
}

static void
glossa_application_init (GlossaApplication *self)
{
}

GlossaApplication *
glossa_application_new (void)
{
  return g_object_new (GLOSSA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/glossa/Glossa",
                       NULL);
}
