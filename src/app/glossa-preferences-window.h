/* glossa-preferences-window.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Preferences window: coder name, reader font, colour scheme, all bound
 * to the io.github.glossa.Glossa GSettings schema.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSSA_TYPE_PREFERENCES_WINDOW (glossa_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossaPreferencesWindow, glossa_preferences_window,
                      GLOSSA, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *glossa_preferences_window_new          (GtkWindow *parent);

/* Applies the "color-scheme" key to the default AdwStyleManager now, and
 * again whenever the key of @settings changes (connecting once per
 * @settings, so calling it twice is harmless).  Call it at startup. */
void       glossa_preferences_apply_color_scheme  (GSettings *settings);

/* The name recorded as the author of new annotations: the "coder-name" key,
 * or the user's real name (login name when unknown) when that is empty. */
char      *glossa_preferences_get_coder_name      (GSettings *settings);

G_END_DECLS
