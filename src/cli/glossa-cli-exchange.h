/* glossa-cli-exchange.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exchange commands of glossa-cli.  Each returns the exit status:
 * 0 success, 1 failure (one sentence on stderr), 2 usage.
 */
#pragma once

#include "glossa-library.h"

G_BEGIN_DECLS

/* export --format xml|qdpx|qdc|jsonld|csv|html|md [--article A]… [--tag T]… [--bom] -o FILE
 * (argv[0] is "export"; without --format the extension of FILE decides) */
int      glossa_cli_export            (GlossaLibrary *library,
                                       int            argc,
                                       char         **argv);
/* TRUE when @path is a Glossa XML file or a REFI-QDA project, by content. */
gboolean glossa_cli_is_exchange_file  (const char    *path);
/* import FILE for those two; prints what was added/updated/kept. */
int      glossa_cli_import_exchange   (GlossaLibrary *library,
                                       const char    *path,
                                       gboolean       json);
/* agreement FILE_A.xml FILE_B.xml | agreement --author A --author B
 * [--disagreements] [--json]  (argv[0] is "agreement"; @library is only
 * used with --author) */
int      glossa_cli_agreement         (GlossaLibrary *library,
                                       int            argc,
                                       char         **argv);

G_END_DECLS
