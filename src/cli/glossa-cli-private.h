/* glossa-cli-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the command files of glossa-cli share: the parsed options, the
 * command table entry type and the output helpers.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "glossa-import.h"
#include "glossa-library.h"

G_BEGIN_DECLS

/* Errors of the command line itself: exit status 2 and a usage line. */
#define GLOSSA_CLI_USAGE_ERROR (glossa_cli_usage_error_quark ())
GQuark glossa_cli_usage_error_quark (void);

typedef enum {
  GLOSSA_CLI_NO_LIBRARY = 1 << 0,   /* takes no --library */
  GLOSSA_CLI_NO_JSON    = 1 << 1,   /* has no --json */
  GLOSSA_CLI_AUTHOR     = 1 << 2,   /* creates annotations: --author NAME */
} GlossaCliFlags;

/* Every option of every command; each command's GOptionEntry table points
 * at the fields it uses. */
typedef struct {
  char      *library_path;
  gboolean   json;
  char      *author;
  char      *encoding;
  char      *parent;
  char      *color;
  int        key;
  char      *description;
  gboolean   with_annotations;
  char      *range;
  char      *quote;
  int        occurrence;
  char     **tags;
  char     **remove_tags;
  char      *note;
  char      *type;
  char      *direction;
  int        limit;
} GlossaCliOptions;

extern GlossaCliOptions glossa_cli_options;

typedef struct _GlossaCli GlossaCli;

/* Returns FALSE with @error set on failure; FALSE without it when the
 * command already reported its failures. */
typedef gboolean (*GlossaCliFunc) (GlossaCli  *cli,
                                   char      **args,
                                   GError    **error);

/* A command that parses its own arguments (@argv[0] is its name, without
 * --library, which glossa-cli took); returns the exit status. */
typedef int (*GlossaCliRawFunc) (GlossaCli  *cli,
                                 int         argc,
                                 char      **argv);

typedef struct {
  const char         *name;       /* "list", "tag add" */
  const char         *args;       /* positional arguments, for the usage line */
  const char         *summary;
  const GOptionEntry *entries;    /* NULL-terminated, or NULL */
  GlossaCliFlags      flags;
  guint               min_args;
  int                 max_args;   /* -1: any number */
  GlossaCliFunc       run;
  GlossaCliRawFunc    raw;        /* instead of the above */
} GlossaCliCommand;

/* The tables, one per file. */
extern const GlossaCliCommand glossa_cli_article_commands[];
extern const GlossaCliCommand glossa_cli_tag_commands[];
extern const GlossaCliCommand glossa_cli_annotation_commands[];
extern const GlossaCliCommand glossa_cli_misc_commands[];

GlossaLibrary *glossa_cli_get_library      (GlossaCli         *cli,
                                            GError           **error);
gboolean       glossa_cli_json             (GlossaCli         *cli);
/* Whether --library was given (raw commands that need no library otherwise). */
gboolean       glossa_cli_has_library_option (GlossaCli       *cli);
void           glossa_cli_print_json       (JsonNode          *node);
/* {"id": @id, "trash_id": @trash_id}: what a removal prints with --json. */
void           glossa_cli_print_trashed    (gint64             id,
                                            gint64             trash_id);
gboolean       glossa_cli_usage            (GError           **error,
                                            const char        *format,
                                            ...) G_GNUC_PRINTF (2, 3);
void           glossa_cli_report           (const GError      *error);
const char    *glossa_cli_author           (void);

gboolean       glossa_cli_parse_id         (const char        *str,
                                            gint64            *id,
                                            GError           **error);
char          *glossa_cli_one_line         (const char        *text);
char          *glossa_cli_one_line_untrimmed (const char      *text);
char          *glossa_cli_format_time      (gint64             usec,
                                            gboolean           iso);
const char    *glossa_cli_direction_name   (GlossaLinkDirection direction);

/* JSON of the model objects.  Tag names and paths come from @library. */
JsonNode      *glossa_cli_article_json     (GlossaArticle     *article);
JsonNode      *glossa_cli_tag_json         (GlossaLibrary     *library,
                                            GlossaTag         *tag);
JsonNode      *glossa_cli_annotation_json  (GlossaLibrary     *library,
                                            GlossaAnnotation  *annotation);
JsonNode      *glossa_cli_link_json        (GlossaLink        *link);
JsonNode      *glossa_cli_extracted_json   (const GlossaExtracted *extracted);

/* "Parent/Child" for a tag id, or NULL. */
char          *glossa_cli_tag_path         (GlossaLibrary     *library,
                                            gint64             tag_id);
/* Tag names of an annotation joined with ", ". */
char          *glossa_cli_annotation_tags  (GlossaLibrary     *library,
                                            GlossaAnnotation  *annotation);

G_END_DECLS
