/* test-extracted.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glossa-extracted.h"

static void
test_extracted_blocks (void)
{
  g_autoptr(GlossaExtracted) ex = glossa_extracted_new ();
  GlossaBlockKind kind;

  glossa_extracted_set_text (ex, g_strdup ("𠀀标题\n\nBody"));
  g_assert_cmpint (ex->length, ==, 9);
  glossa_extracted_add_block (ex, GLOSSA_BLOCK_HEADING, 1, 0, 3);
  glossa_extracted_add_block (ex, GLOSSA_BLOCK_PARAGRAPH, 0, 5, 9);
  glossa_extracted_add_link (ex, 5, 9, "https://example.org/");
  g_assert_cmpuint (ex->blocks->len, ==, 2);
  g_assert_cmpint (g_array_index (ex->blocks, GlossaBlock, 1).start, ==, 5);
  g_assert_cmpstr (g_array_index (ex->links, GlossaLinkSpan, 0).href, ==, "https://example.org/");

  for (guint k = GLOSSA_BLOCK_PARAGRAPH; k <= GLOSSA_BLOCK_CAPTION; k++)
    {
      g_assert_true (glossa_block_kind_from_string (glossa_block_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (glossa_block_kind_from_string ("banner", &kind));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/extracted/blocks", test_extracted_blocks);
  return g_test_run ();
}
