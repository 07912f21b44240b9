/* glossa-jsonld.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * W3C Web Annotation Data Model (JSON-LD): an AnnotationCollection whose
 * annotations target an article (urn:uuid:…) through a TextQuoteSelector
 * and a TextPositionSelector (code points of the extracted text, end
 * exclusive), with tags as "tagging" bodies and the note as a "commenting"
 * body.  A link becomes a "linking" annotation from one annotation to the
 * other, its type a "classifying" body.
 */
#pragma once

#include <gio/gio.h>

#include "glossa-xml.h"

G_BEGIN_DECLS

gboolean glossa_jsonld_export         (GlossaLibrary            *library,
                                       const GlossaExportScope  *scope,
                                       GOutputStream            *stream,
                                       GCancellable             *cancellable,
                                       GError                  **error);
gboolean glossa_jsonld_export_to_path (GlossaLibrary            *library,
                                       const GlossaExportScope  *scope,
                                       const char               *path,
                                       GCancellable             *cancellable,
                                       GError                  **error);

G_END_DECLS
