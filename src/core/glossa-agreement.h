/* glossa-agreement.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Agreement between two coders who annotated the same articles: per tag
 * and overall, Cohen's κ with every character as an item (coded with the
 * tag or not), and Krippendorff's unitizing α (αu, Krippendorff 1995 and
 * "Content Analysis", 2004, §11.6) over the articles laid end to end; plus
 * the passages where the two differ.
 *
 * Tags are matched by name path ("Evidence/Statistic"), articles by uuid;
 * an article both have but whose lengths differ is left out (its positions
 * do not refer to the same text).  Overlapping spans of one coder with the
 * same tag count as their union.
 */
#pragma once

#include "glossa-library.h"

G_BEGIN_DECLS

typedef struct _GlossaCoding GlossaCoding;

typedef struct {
  char   *tag;          /* name path; "" for the overall row */
  gint64  n_chars;      /* characters compared */
  gint64  both;         /* coded by both */
  gint64  only_a;
  gint64  only_b;
  gint64  neither;
  double  kappa;        /* NAN when undefined (neither coder varies) */
  double  observed;     /* αu's observed and expected disagreement */
  double  expected;
  double  alpha_u;      /* NAN when undefined */
} GlossaAgreementRow;

typedef struct {
  char     *article_uuid;
  char     *article_title;
  char     *tag;
  gint64    start;      /* code points, end exclusive */
  gint64    end;
  gboolean  by_a;       /* TRUE: only coder A marked it; FALSE: only B */
  char     *text;       /* the passage, when the text is known */
} GlossaDisagreement;

typedef struct {
  char               *coder_a;
  char               *coder_b;
  guint               n_articles;       /* compared */
  guint               n_skipped;        /* in both, but different lengths */
  GPtrArray          *rows;             /* GlossaAgreementRow, by tag path */
  GlossaAgreementRow *overall;
  GPtrArray          *disagreements;    /* GlossaDisagreement, by article then position */
} GlossaAgreement;

GlossaCoding    *glossa_coding_new             (const char     *coder);
void             glossa_coding_free            (GlossaCoding   *coding);
/* @text may be NULL; it is only used to quote disagreements. */
void             glossa_coding_add_article     (GlossaCoding   *coding,
                                                const char     *uuid,
                                                const char     *title,
                                                const char     *text,
                                                gint64          length);
void             glossa_coding_add_span        (GlossaCoding   *coding,
                                                const char     *article_uuid,
                                                gint64          start,
                                                gint64          end,
                                                const char     *tag);
/* The annotations of @author (NULL: everyone's) in @library. */
GlossaCoding    *glossa_coding_new_from_library (GlossaLibrary *library,
                                                 const char    *author,
                                                 GError       **error);
/* The same, restricted to the articles whose ids are in @article_ids
 * (gint64; NULL or empty for all of them). */
GlossaCoding    *glossa_coding_new_from_library_articles (GlossaLibrary *library,
                                                          const char    *author,
                                                          GArray        *article_ids,
                                                          GError       **error);
/* A Glossa XML file, read through a scratch library so that it is checked
 * exactly like an import. */
GlossaCoding    *glossa_coding_new_from_xml     (const char    *path,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

GlossaAgreement *glossa_agreement_compute      (GlossaCoding   *a,
                                                GlossaCoding   *b);
void             glossa_agreement_free         (GlossaAgreement *agreement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossaCoding, glossa_coding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossaAgreement, glossa_agreement_free)

G_END_DECLS
