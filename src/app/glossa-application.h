/* glossa-application.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSSA_TYPE_APPLICATION (glossa_application_get_type ())

G_DECLARE_FINAL_TYPE (GlossaApplication, glossa_application, GLOSSA, APPLICATION, AdwApplication)

GlossaApplication *glossa_application_new (void);

G_END_DECLS
