/* glossa-exchange-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the exchange formats (Glossa XML, REFI-QDA, JSON-LD,
 * CSV, reports).
 */
#pragma once

#include <libxml/xmlwriter.h>

#include "glossa-library-exchange.h"
#include "glossa-xml.h"

G_BEGIN_DECLS

/* "2026-01-31T12:00:00.000000Z" for µs since the epoch. */
char      *_glossa_format_time          (gint64              usec);
/* Exactly that form; FALSE for anything else. */
gboolean   _glossa_parse_time           (const char         *str,
                                         gint64             *usec);

/* TRUE when XML 1.0 cannot carry @str as it is (controls, U+FFFE/U+FFFF). */
gboolean   _glossa_xml_needs_base64     (const char         *str);

/* Skips the XML declaration, comments and processing instructions; TRUE
 * when a root element comes next.  *@has_doctype is set when a DTD does:
 * our readers refuse those before libxml2 sees them. */
gboolean   _glossa_xml_prologue_is_plain (const char     *data,
                                          gsize           len,
                                          gboolean       *has_doctype);

/* An xmlTextWriter writing to @stream; errors of the stream land in
 * *@stream_error (owned by the caller, freed with g_clear_error). */
xmlTextWriterPtr _glossa_xml_writer_new (GOutputStream      *stream,
                                         GCancellable       *cancellable,
                                         GError            **stream_error);

/* Articles of @scope in import order (oldest first), as GlossaArticle. */
GPtrArray *_glossa_scope_articles       (GlossaLibrary           *library,
                                         const GlossaExportScope *scope,
                                         GError                 **error);
/* Annotations of @article_id that @scope exports, in text order. */
GPtrArray *_glossa_scope_annotations    (GlossaLibrary           *library,
                                         const GlossaExportScope *scope,
                                         gint64                   article_id,
                                         GError                 **error);
gboolean   _glossa_scope_is_all         (const GlossaExportScope *scope);

/* A name-based (version 5) UUID of @name in Glossa's namespace, so that one
 * author gets the same GUID in every export. */
char      *_glossa_uuid_for_name        (const char         *name);

void       _glossa_import_report_add    (GlossaImportReport *report,
                                         GlossaTrashKind     kind,
                                         const char         *uuid,
                                         const char         *label,
                                         gboolean            took_file);

/* The live item with exactly this uuid; NULL when there is none (and
 * @error set only when looking failed). */
GlossaArticle    *_glossa_find_article    (GlossaLibrary  *library,
                                           const char     *uuid,
                                           GError        **error);
GlossaTag        *_glossa_find_tag        (GlossaLibrary  *library,
                                           const char     *uuid,
                                           GError        **error);
GlossaAnnotation *_glossa_find_annotation (GlossaLibrary  *library,
                                           const char     *uuid,
                                           GError        **error);

/* glossa_qdpx_import with a limit on the expanded size (tests use a small one). */
gboolean   _glossa_qdpx_import_limited  (GlossaLibrary       *library,
                                         const char          *path,
                                         gint64               max_expanded,
                                         GlossaImportReport **report,
                                         GCancellable        *cancellable,
                                         GError             **error);

G_END_DECLS
