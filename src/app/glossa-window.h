/* glossa-window.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glossa-application.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_WINDOW (glossa_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossaWindow, glossa_window, GLOSSA, WINDOW, AdwApplicationWindow)

GlossaWindow *glossa_window_new (GlossaApplication *app);

G_END_DECLS
