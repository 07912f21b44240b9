/* test-agreement.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cohen's κ per character and Krippendorff's αu against cases worked by
 * hand (the working is in the comments), from spans, from two authors in
 * one library, and from two Glossa XML files.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glossa-agreement.h"
#include "glossa-xml.h"
#include "exchange-common.h"

#define ARTICLE "11111111-2222-4333-8444-555555555555"

static const GlossaAgreementRow *
row_for (GlossaAgreement *agreement,
         const char      *tag)
{
  for (guint i = 0; i < agreement->rows->len; i++)
    {
      const GlossaAgreementRow *row = g_ptr_array_index (agreement->rows, i);

      if (g_strcmp0 (row->tag, tag) == 0)
        return row;
    }

  g_assert_not_reached ();
}

/* Case 1, tag X on a text of L = 10: A codes [2,5), B codes [3,6).
 *
 * κ: characters 3,4 both; 2 only A; 5 only B; 6 neither.
 *    po = 8/10 = 0.8;  pA = pB = 0.3;  pe = 0.3·0.3 + 0.7·0.7 = 0.58
 *    κ = (0.8 − 0.58)/(1 − 0.58) = 0.22/0.42 = 11/21 = 0.523810
 *
 * αu: sections A: gap[0,2) unit[2,5) gap[5,10);  B: gap[0,3) unit[3,6) gap[6,10).
 *    Intersections: [2,3) A unit / B gap, the unit is not inside the gap: 0;
 *    [3,5) two units: (2−3)² + (5−6)² = 2;  [5,6) A gap / B unit, not inside: 0.
 *    Do = 2·2 / (2·1·10²) = 0.02
 *    N = 2 units of length 3: (N−1)(2·27 − 3·9 + 3)/3 = 10 each;
 *    gaps of both coders 2, 5, 3, 4; those ≥ 3 give (5−3+1)+(3−3+1)+(4−3+1) = 6,
 *    times 3² = 54;  sum over both units = 2·(10 + 54) = 128.
 *    De = (2/10)·128 / (20·19 − (3·2 + 3·2)) = 25.6/368 = 0.0695652
 *    αu = 1 − 0.02/0.0695652 = 1 − 0.2875 = 0.7125
 *
 * Case 2, tag Y on the same text: A codes [0,2), B codes [5,7).
 *    κ: n11 = 0, n10 = 2, n01 = 2, n00 = 6; po = 0.6; pe = 0.04 + 0.64 = 0.68;
 *       κ = −0.08/0.32 = −0.25
 *    αu: [0,2) A unit inside B gap [0,5): 2² = 4;  [5,7) B unit inside A gap [2,10): 4.
 *       Do = 2·8/200 = 0.08
 *       units of length 2: (1)(16 − 12 + 2)/3 = 2 each; gaps 8, 5, 3:
 *       (8−1)+(5−1)+(3−1) = 13, times 4 = 52; sum = 2·54 = 108
 *       De = 0.2·108 / (380 − 4) = 21.6/376 = 0.0574468
 *       αu = 1 − 0.08/0.0574468 = 1 − 1.3925926 = −0.3925926
 *
 * Overall: κ pools the two tables: n11 = 2, n10 = 3, n01 = 3, n00 = 12, N = 20;
 *    po = 0.7; pA = pB = 0.25; pe = 0.625; κ = 0.075/0.375 = 0.2.
 *    αu averages Do and De: 1 − 0.05/0.0635060 = 1 − 0.7873272 = 0.2126728
 */
static void
check_two_tags (GlossaAgreement *agreement)
{
  const GlossaAgreementRow *x = row_for (agreement, "X");
  const GlossaAgreementRow *y = row_for (agreement, "Y");
  const GlossaDisagreement *d;

  g_assert_cmpuint (agreement->n_articles, ==, 1);
  g_assert_cmpint (x->both, ==, 2);
  g_assert_cmpint (x->only_a, ==, 1);
  g_assert_cmpint (x->only_b, ==, 1);
  g_assert_cmpint (x->neither, ==, 6);
  g_assert_cmpfloat_with_epsilon (x->kappa, 11.0 / 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (x->observed, 0.02, 1e-12);
  g_assert_cmpfloat_with_epsilon (x->expected, 25.6 / 368.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (x->alpha_u, 0.7125, 1e-9);

  g_assert_cmpfloat_with_epsilon (y->kappa, -0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (y->observed, 0.08, 1e-12);
  g_assert_cmpfloat_with_epsilon (y->expected, 21.6 / 376.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y->alpha_u, 1.0 - 0.08 / (21.6 / 376.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (y->alpha_u, -0.3925926, 1e-6);

  g_assert_cmpfloat_with_epsilon (agreement->overall->kappa, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (agreement->overall->alpha_u, 0.2126728, 1e-6);

  /* where they differ: Y [0,2) A, X [2,3) A, X [5,6) B, Y [5,7) B */
  g_assert_cmpuint (agreement->disagreements->len, ==, 4);
  d = g_ptr_array_index (agreement->disagreements, 0);
  g_assert_true (d->start == 0 && d->end == 2 && d->by_a && g_str_equal (d->tag, "Y"));
  d = g_ptr_array_index (agreement->disagreements, 1);
  g_assert_true (d->start == 2 && d->end == 3 && d->by_a && g_str_equal (d->tag, "X"));
  d = g_ptr_array_index (agreement->disagreements, 2);
  g_assert_true (d->start == 5 && d->end == 6 && !d->by_a && g_str_equal (d->tag, "X"));
  d = g_ptr_array_index (agreement->disagreements, 3);
  g_assert_true (d->start == 5 && d->end == 7 && !d->by_a && g_str_equal (d->tag, "Y"));
}

static void
test_hand_cases (void)
{
  g_autoptr(GlossaCoding) a = glossa_coding_new ("A");
  g_autoptr(GlossaCoding) b = glossa_coding_new ("B");
  g_autoptr(GlossaAgreement) agreement = NULL;
  const GlossaDisagreement *d;

  glossa_coding_add_article (a, ARTICLE, "digits", "0123456789", 10);
  glossa_coding_add_article (b, ARTICLE, "digits", "0123456789", 10);
  glossa_coding_add_span (a, ARTICLE, 2, 5, "X");
  glossa_coding_add_span (b, ARTICLE, 3, 6, "X");
  glossa_coding_add_span (a, ARTICLE, 0, 2, "Y");
  /* B's Y in two touching pieces: a coder's overlapping spans are one */
  glossa_coding_add_span (b, ARTICLE, 5, 6, "Y");
  glossa_coding_add_span (b, ARTICLE, 5, 7, "Y");

  agreement = glossa_agreement_compute (a, b);
  check_two_tags (agreement);
  d = g_ptr_array_index (agreement->disagreements, 1);
  g_assert_cmpstr (d->text, ==, "2");
}

/* Two articles of L = 5 laid end to end (L = 10), tag X:
 *   article 1: A [0,2), B [0,2);  article 2: A [1,3), B nothing.
 * Continuum: A units [0,2), [6,8); B unit [0,2).
 * κ: n11 = 2, n10 = 2, n01 = 0, n00 = 6; po = 0.8; pA = 0.4, pB = 0.2;
 *    pe = 0.08 + 0.48 = 0.56; κ = 0.24/0.44 = 0.5454545
 * αu: [0,2) equal units: 0; [6,8) A unit inside B gap [2,10): 4.  Do = 8/200 = 0.04
 *    N = 3 units of length 2: (2)(16 − 12 + 2)/3 = 4 each; gaps A 4, 2; B 8:
 *    (4−1)+(2−1)+(8−1) = 11, times 4 = 44; sum = 3·48 = 144
 *    De = 0.2·144/(380 − 6) = 28.8/374 = 0.0770053;  αu = 1 − 0.5194444 = 0.4805556
 * An article whose lengths differ is left out; one only A has is ignored. */
static void
test_articles_end_to_end (void)
{
  g_autoptr(GlossaCoding) a = glossa_coding_new ("A");
  g_autoptr(GlossaCoding) b = glossa_coding_new ("B");
  g_autoptr(GlossaAgreement) agreement = NULL;
  const GlossaAgreementRow *x;

  glossa_coding_add_article (a, "00000000-0000-4000-8000-000000000001", "one", NULL, 5);
  glossa_coding_add_article (b, "00000000-0000-4000-8000-000000000001", "one", NULL, 5);
  glossa_coding_add_article (a, "00000000-0000-4000-8000-000000000002", "two", NULL, 5);
  glossa_coding_add_article (b, "00000000-0000-4000-8000-000000000002", "two", NULL, 5);
  glossa_coding_add_article (a, "00000000-0000-4000-8000-000000000003", "changed", NULL, 5);
  glossa_coding_add_article (b, "00000000-0000-4000-8000-000000000003", "changed", NULL, 6);
  glossa_coding_add_article (a, "00000000-0000-4000-8000-000000000004", "only A", NULL, 5);
  glossa_coding_add_span (a, "00000000-0000-4000-8000-000000000001", 0, 2, "X");
  glossa_coding_add_span (b, "00000000-0000-4000-8000-000000000001", 0, 2, "X");
  glossa_coding_add_span (a, "00000000-0000-4000-8000-000000000002", 1, 3, "X");
  glossa_coding_add_span (a, "00000000-0000-4000-8000-000000000003", 0, 5, "X");
  glossa_coding_add_span (a, "00000000-0000-4000-8000-000000000004", 0, 5, "X");

  agreement = glossa_agreement_compute (a, b);
  g_assert_cmpuint (agreement->n_articles, ==, 2);
  g_assert_cmpuint (agreement->n_skipped, ==, 1);
  x = row_for (agreement, "X");
  g_assert_cmpint (x->n_chars, ==, 10);
  g_assert_cmpfloat_with_epsilon (x->kappa, 0.24 / 0.44, 1e-9);
  g_assert_cmpfloat_with_epsilon (x->observed, 0.04, 1e-12);
  g_assert_cmpfloat_with_epsilon (x->expected, 28.8 / 374.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (x->alpha_u, 0.4805556, 1e-6);
}

static void
test_identical (void)
{
  g_autoptr(GlossaCoding) a = glossa_coding_new ("A");
  g_autoptr(GlossaCoding) b = glossa_coding_new ("B");
  g_autoptr(GlossaAgreement) agreement = NULL;

  glossa_coding_add_article (a, ARTICLE, "t", NULL, 100);
  glossa_coding_add_article (b, ARTICLE, "t", NULL, 100);
  glossa_coding_add_span (a, ARTICLE, 10, 30, "X");
  glossa_coding_add_span (b, ARTICLE, 10, 30, "X");
  glossa_coding_add_span (a, ARTICLE, 50, 51, "X");
  glossa_coding_add_span (b, ARTICLE, 50, 51, "X");

  agreement = glossa_agreement_compute (a, b);
  g_assert_cmpfloat_with_epsilon (agreement->overall->kappa, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (agreement->overall->alpha_u, 1.0, 1e-12);
  g_assert_cmpuint (agreement->disagreements->len, ==, 0);
}

static gint64
digits_article (GlossaLibrary *library)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  extracted->title = g_strdup ("digits");
  extracted->format = g_strdup ("text");
  glossa_extracted_set_text (extracted, g_strdup ("0123456789"));
  id = glossa_library_add_article (library, extracted, NULL, NULL, ARTICLE, &error);
  g_assert_no_error (error);

  return id;
}

static void
annotate (GlossaLibrary *library,
          gint64         article,
          gint64         start,
          gint64         end,
          const char    *tag,
          const char    *author)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaTag) t = glossa_library_lookup_tag (library, tag, NULL);
  gint64 tag_id = t ? glossa_tag_get_id (t) : glossa_library_add_tag (library, tag, 0, NULL, NULL, 0, NULL, &error);

  g_assert_no_error (error);
  glossa_library_add_annotation (library, article, start, end, &tag_id, 1, NULL, author, NULL, &error);
  g_assert_no_error (error);
}

/* The same two cases, from two authors in one library and from two XML
 * files written by two libraries. */
static void
test_from_library_and_xml (ExchangeFixture *fx,
                           gconstpointer    data)
{
  g_autoptr(GlossaLibrary) one = fixture_empty_library (fx, "one.glossa");
  g_autoptr(GlossaLibrary) two = fixture_empty_library (fx, "two.glossa");
  g_autoptr(GlossaCoding) a = NULL;
  g_autoptr(GlossaCoding) b = NULL;
  g_autoptr(GlossaCoding) file_a = NULL;
  g_autoptr(GlossaCoding) file_b = NULL;
  g_autoptr(GlossaAgreement) by_author = NULL;
  g_autoptr(GlossaAgreement) by_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path_a = fixture_path (fx, "a.xml");
  g_autofree char *path_b = fixture_path (fx, "b.xml");
  gint64 article = digits_article (one);
  gint64 article_two = digits_article (two);

  annotate (one, article, 2, 5, "X", "A");
  annotate (one, article, 0, 2, "Y", "A");
  annotate (one, article, 3, 6, "X", "B");
  annotate (one, article, 5, 7, "Y", "B");

  a = glossa_coding_new_from_library (one, "A", &error);
  g_assert_no_error (error);
  b = glossa_coding_new_from_library (one, "B", &error);
  g_assert_no_error (error);
  by_author = glossa_agreement_compute (a, b);
  check_two_tags (by_author);
  g_assert_cmpstr (by_author->coder_a, ==, "A");

  /* two coders, two libraries, one article (same uuid) */
  annotate (two, article_two, 3, 6, "X", "B");
  annotate (two, article_two, 5, 7, "Y", "B");
  {
    g_autoptr(GlossaLibrary) first = fixture_empty_library (fx, "first.glossa");
    gint64 first_article = digits_article (first);

    annotate (first, first_article, 2, 5, "X", "A");
    annotate (first, first_article, 0, 2, "Y", "A");
    g_assert_true (glossa_xml_export_to_path (first, NULL, path_a, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (glossa_xml_export_to_path (two, NULL, path_b, NULL, &error));
  g_assert_no_error (error);

  file_a = glossa_coding_new_from_xml (path_a, NULL, &error);
  g_assert_no_error (error);
  file_b = glossa_coding_new_from_xml (path_b, NULL, &error);
  g_assert_no_error (error);
  by_file = glossa_agreement_compute (file_a, file_b);
  check_two_tags (by_file);
  g_assert_cmpstr (by_file->coder_a, ==, "a.xml");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/hand-cases", test_hand_cases);
  g_test_add_func ("/agreement/articles-end-to-end", test_articles_end_to_end);
  g_test_add_func ("/agreement/identical", test_identical);
  g_test_add ("/agreement/library-and-xml", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_from_library_and_xml, exchange_fixture_tear_down);

  return g_test_run ();
}
