/* glossa-qdpx.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * REFI-QDA 1.0 exchange: a project (.qdpx, a zip of project.qde and
 * sources/<guid>.txt) and a codebook (.qdc).  Positions are zero-based code
 * points with an exclusive end, as the standard's §10.2 and its Annex A
 * example use them.  Written strictly (valid against Project.xsd and
 * Codebook.xsd, references checked); read leniently (any single *.qde,
 * Sources/ or sources/, the "1:0" namespace typo, text inline or in a file).
 */
#pragma once

#include <gio/gio.h>

#include "glossa-xml.h"

G_BEGIN_DECLS

#define GLOSSA_QDA_PROJECT_NS  "urn:QDA-XML:project:1.0"
#define GLOSSA_QDA_CODEBOOK_NS "urn:QDA-XML:codebook:1.0"

/* Refuse archives that would expand past this (sum of entries). */
#define GLOSSA_QDPX_MAX_EXPANDED ((gint64) 2 * 1024 * 1024 * 1024)

/* Orphaned annotations cannot be placed in the text and are left out;
 * *@n_skipped (may be NULL) says how many. */
gboolean glossa_qdpx_export (GlossaLibrary            *library,
                             const GlossaExportScope  *scope,
                             const char               *path,
                             guint                    *n_skipped,
                             GCancellable             *cancellable,
                             GError                  **error);
gboolean glossa_qdc_export  (GlossaLibrary            *library,
                             const char               *path,
                             GCancellable             *cancellable,
                             GError                  **error);

/* Adds what the project holds in one transaction; items whose GUID is
 * already in the library are left as they are. */
gboolean glossa_qdpx_import (GlossaLibrary            *library,
                             const char               *path,
                             GlossaImportReport      **report,
                             GCancellable             *cancellable,
                             GError                  **error);

/* TRUE for a zip archive (the caller then tries glossa_qdpx_import). */
gboolean glossa_qdpx_sniff  (const char               *data,
                             gsize                     len);

G_END_DECLS
