/* glossa-types.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forward declarations, enums and error domains shared by the whole core.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GlossaLibrary    GlossaLibrary;
typedef struct _GlossaArticle    GlossaArticle;
typedef struct _GlossaTag        GlossaTag;
typedef struct _GlossaAnnotation GlossaAnnotation;
typedef struct _GlossaLink       GlossaLink;
typedef struct _GlossaExtracted  GlossaExtracted;

/* Structural kind of a span of an article's text. */
typedef enum {
  GLOSSA_BLOCK_PARAGRAPH,
  GLOSSA_BLOCK_HEADING,
  GLOSSA_BLOCK_QUOTE,
  GLOSSA_BLOCK_LIST_ITEM,
  GLOSSA_BLOCK_PREFORMATTED,
  GLOSSA_BLOCK_TABLE_ROW,
  GLOSSA_BLOCK_CAPTION,
} GlossaBlockKind;

/* Mirrors REFI-QDA's Link direction. */
typedef enum {
  GLOSSA_LINK_ONE_WAY,
  GLOSSA_LINK_BIDIRECTIONAL,
  GLOSSA_LINK_ASSOCIATIVE,
} GlossaLinkDirection;

/* What deleting a tag does to the annotations that carry it. */
typedef enum {
  GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS,   /* annotations stay, without this tag */
  GLOSSA_TAG_DELETE_TRASH_ANNOTATIONS,  /* annotations carrying it go to the trash too */
} GlossaTagDeleteMode;

typedef enum {
  GLOSSA_ANCHOR_EXACT,     /* quote found at its old position */
  GLOSSA_ANCHOR_MOVED,     /* exact quote found elsewhere */
  GLOSSA_ANCHOR_FUZZY,     /* approximate match within the edit bound */
  GLOSSA_ANCHOR_ORPHANED,  /* could not be placed; kept with its quote */
} GlossaAnchorResult;

typedef enum {
  GLOSSA_TRASH_ARTICLE,
  GLOSSA_TRASH_TAG,
  GLOSSA_TRASH_ANNOTATION,
  GLOSSA_TRASH_LINK,
} GlossaTrashKind;

typedef enum {
  GLOSSA_SEARCH_HIT_TITLE,
  GLOSSA_SEARCH_HIT_TEXT,
  GLOSSA_SEARCH_HIT_QUOTE,
  GLOSSA_SEARCH_HIT_NOTE,
} GlossaSearchHitKind;

#define GLOSSA_LIBRARY_ERROR (glossa_library_error_quark ())
#define GLOSSA_IMPORT_ERROR  (glossa_import_error_quark ())

typedef enum {
  GLOSSA_LIBRARY_ERROR_FAILED,
  GLOSSA_LIBRARY_ERROR_TOO_NEW,     /* written by a newer Glossa */
  GLOSSA_LIBRARY_ERROR_CORRUPT,     /* not a library, or damaged */
  GLOSSA_LIBRARY_ERROR_NOT_FOUND,   /* no such article/tag/annotation/link */
  GLOSSA_LIBRARY_ERROR_AMBIGUOUS,   /* a name or prefix matches more than one item */
  GLOSSA_LIBRARY_ERROR_INVALID,     /* bad argument: range, colour, key, cycle, duplicate name */
  GLOSSA_LIBRARY_ERROR_BUSY,
} GlossaLibraryError;

typedef enum {
  GLOSSA_IMPORT_ERROR_FAILED,
  GLOSSA_IMPORT_ERROR_EMPTY,
  GLOSSA_IMPORT_ERROR_BINARY,       /* NUL bytes or otherwise not text */
  GLOSSA_IMPORT_ERROR_ENCODING,     /* invalid in the requested/declared encoding */
  GLOSSA_IMPORT_ERROR_TOO_LARGE,
  GLOSSA_IMPORT_ERROR_NOT_REGULAR,  /* a directory or special file */
  GLOSSA_IMPORT_ERROR_UNREADABLE,
  GLOSSA_IMPORT_ERROR_UNSUPPORTED,
  GLOSSA_IMPORT_ERROR_CANCELLED,
} GlossaImportError;

GQuark glossa_library_error_quark (void);
GQuark glossa_import_error_quark  (void);

G_END_DECLS
