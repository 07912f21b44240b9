/* glossa-about.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "glossa-about.h"

void
glossa_show_about (GtkWindow *parent)
{
  static const char *developers[] = {
    "The Glossa developers",
    NULL
  };
  const char *credits;
  GtkWidget *about;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        "application-icon", APP_ID,
                        "application-name", _("Glossa"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Highlight, tag and link the claims in articles"),
                        "developer-name", _("The Glossa developers"),
                        "developers", developers,
                        "copyright", _("© 2026 The Glossa developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/glossa/glossa",
                        "issue-url", "https://github.com/glossa/glossa/issues",
                        NULL);

  /* Translators: your names, one per line, as "Name <email>" or
   * "Name https://…"; they are shown in the About window. */
  credits = _("translator-credits");
  if (g_strcmp0 (credits, "translator-credits") != 0)
    adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), credits);

  gtk_window_present (GTK_WINDOW (about));
}
