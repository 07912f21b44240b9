/* glossa-agreement-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glossa-agreement.h"
#include "glossa-library.h"

G_BEGIN_DECLS

typedef enum {
  GLOSSA_AGREEMENT_COLUMN_TAG,
  GLOSSA_AGREEMENT_COLUMN_CHARACTERS,
  GLOSSA_AGREEMENT_COLUMN_BOTH,
  GLOSSA_AGREEMENT_COLUMN_ONLY_A,
  GLOSSA_AGREEMENT_COLUMN_ONLY_B,
  GLOSSA_AGREEMENT_COLUMN_KAPPA,
  GLOSSA_AGREEMENT_COLUMN_ALPHA,
} GlossaAgreementColumn;

#define GLOSSA_TYPE_AGREEMENT_DIALOG (glossa_agreement_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossaAgreementDialog, glossa_agreement_dialog, GLOSSA, AGREEMENT_DIALOG, AdwWindow)

/* Two coders of @library, or two Glossa XML files, compared.  Not modal,
 * so that the window can show each disagreement beside it.  Signal
 * "disagreement-activated" (gint64 article_id, gint64 start, gint64 end)
 * when a disagreement on an article of @library is activated. */
GtkWidget             *glossa_agreement_dialog_new            (GtkWindow             *parent,
                                                               GlossaLibrary         *library);
/* Selects the two coders and compares them in a worker thread. */
void                   glossa_agreement_dialog_compare_coders (GlossaAgreementDialog *self,
                                                               const char            *coder_a,
                                                               const char            *coder_b);
/* Restricts the comparison of coders to these articles; none: all of them. */
void                   glossa_agreement_dialog_set_articles   (GlossaAgreementDialog *self,
                                                               const gint64          *article_ids,
                                                               guint                  n_ids);
void                   glossa_agreement_dialog_compare_files  (GlossaAgreementDialog *self,
                                                               GFile                 *file_a,
                                                               GFile                 *file_b);
gboolean               glossa_agreement_dialog_get_running    (GlossaAgreementDialog *self);
/* The agreement shown, NULL before a comparison succeeded. */
const GlossaAgreement *glossa_agreement_dialog_get_agreement  (GlossaAgreementDialog *self);
/* The text of a cell of the table as shown: row 0 is the overall row. */
char                  *glossa_agreement_dialog_dup_cell       (GlossaAgreementDialog *self,
                                                               guint                  row,
                                                               GlossaAgreementColumn  column);
/* What activating the @position'th disagreement of the list does. */
void                   glossa_agreement_dialog_activate_disagreement (GlossaAgreementDialog *self,
                                                                      guint                  position);
const char            *glossa_agreement_dialog_get_error      (GlossaAgreementDialog *self);

G_END_DECLS
