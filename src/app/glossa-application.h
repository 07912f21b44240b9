/* glossa-application.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glossa-history.h"
#include "glossa-library.h"

G_BEGIN_DECLS

#define GLOSSA_TYPE_APPLICATION (glossa_application_get_type ())

G_DECLARE_FINAL_TYPE (GlossaApplication, glossa_application, GLOSSA, APPLICATION, AdwApplication)

GlossaApplication *glossa_application_new         (void);
/* The library (opened on first use, from "library-path" or the default
 * place), or NULL with @error set. */
GlossaLibrary     *glossa_application_get_library (GlossaApplication  *self,
                                                   GError            **error);
GlossaHistory     *glossa_application_get_history (GlossaApplication  *self);

G_END_DECLS
