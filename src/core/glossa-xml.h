/* glossa-xml.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Glossa's own exchange format: a self-contained XML file (namespace
 * GLOSSA_XML_NS, schema data/glossa.rng) holding articles with their text,
 * the codebook, annotations, notes, links and link types.  Written and read
 * streaming, so memory does not grow with the file.
 */
#pragma once

#include <gio/gio.h>

#include "glossa-library.h"

G_BEGIN_DECLS

#define GLOSSA_XML_NS "https://glossa.github.io/ns/1"

#define GLOSSA_EXCHANGE_ERROR (glossa_exchange_error_quark ())

typedef enum {
  GLOSSA_EXCHANGE_ERROR_FAILED,
  GLOSSA_EXCHANGE_ERROR_NOT_WELL_FORMED,  /* not XML, bad UTF-8, DTD/entities, limits */
  GLOSSA_EXCHANGE_ERROR_INVALID,          /* well-formed but breaks the schema */
  GLOSSA_EXCHANGE_ERROR_DANGLING,         /* a reference to an item that is nowhere */
  GLOSSA_EXCHANGE_ERROR_UNSAFE,           /* path traversal, archive bombs */
  GLOSSA_EXCHANGE_ERROR_UNSUPPORTED,      /* not a format we read */
} GlossaExchangeError;

GQuark glossa_exchange_error_quark (void);

/* What to export: everything (both arrays NULL or empty), or the articles
 * listed, or the annotations carrying one of the tags listed (with the
 * articles they are on), or both restrictions at once.  Ids are gint64. */
typedef struct {
  GArray *article_ids;
  GArray *tag_ids;
} GlossaExportScope;

/* One item of an import whose two versions differed. */
typedef struct {
  GlossaTrashKind kind;
  char           *uuid;
  char           *label;
  gboolean        took_file;   /* the file's version was newer and replaced ours */
} GlossaImportConflict;

typedef struct {
  guint      n_added;
  guint      n_updated;        /* replaced by the file's newer version */
  guint      n_unchanged;      /* identical on both sides */
  guint      n_kept;           /* ours was newer and stayed */
  GPtrArray *conflicts;        /* GlossaImportConflict, the updated and kept ones */
} GlossaImportReport;

GlossaExportScope  *glossa_export_scope_new        (void);
void                glossa_export_scope_free       (GlossaExportScope  *scope);
void                glossa_export_scope_add_article (GlossaExportScope *scope,
                                                     gint64             id);
void                glossa_export_scope_add_tag    (GlossaExportScope  *scope,
                                                    gint64              id);
void                glossa_import_report_free      (GlossaImportReport *report);

/* The schema, as loaded from the resources (for validating in tests). */
GBytes             *glossa_xml_get_schema          (void);

gboolean            glossa_xml_export              (GlossaLibrary            *library,
                                                    const GlossaExportScope  *scope,
                                                    GOutputStream            *stream,
                                                    GCancellable             *cancellable,
                                                    GError                  **error);
gboolean            glossa_xml_export_to_path      (GlossaLibrary            *library,
                                                    const GlossaExportScope  *scope,
                                                    const char               *path,
                                                    GCancellable             *cancellable,
                                                    GError                  **error);

/* Merges the file into @library by uuid, in one transaction: an item that
 * is not there is added; one that differs is replaced when the file's
 * "modified" is newer, kept otherwise.  On error nothing changes. */
gboolean            glossa_xml_import              (GlossaLibrary            *library,
                                                    const char               *path,
                                                    GlossaImportReport      **report,
                                                    GCancellable             *cancellable,
                                                    GError                  **error);

/* TRUE when the first bytes of a file look like a Glossa XML document. */
gboolean            glossa_xml_sniff               (const char               *data,
                                                    gsize                     len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossaExportScope, glossa_export_scope_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossaImportReport, glossa_import_report_free)

G_END_DECLS
