/* test-cli-exchange.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exchange commands of glossa-cli, called as the command table calls
 * them: exit statuses and the files they leave.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "glossa-cli-exchange.h"
#include "exchange-common.h"

/* What the commands print, kept out of the TAP stream (which GLib also
 * writes with g_print, so only while a command runs). */
static GString *printed;
static gboolean capturing;

static void
print_cb (const char *text)
{
  if (capturing)
    g_string_append (printed, text);
  else
    fputs (text, stdout);
}

static int
import_exchange (GlossaLibrary *library,
                 const char    *path,
                 gboolean       json)
{
  int status;

  capturing = TRUE;
  status = glossa_cli_import_exchange (library, path, json);
  capturing = FALSE;

  return status;
}

static int
run (GlossaLibrary *library,
     int          (*command) (GlossaLibrary *, int, char **),
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  char **argv;
  const char *arg;
  va_list ap;
  int status;

  va_start (ap, command);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* GOption rearranges argv: hand it a copy of the pointers */
  argv = g_memdup2 (args->pdata, args->len * sizeof (char *));
  capturing = TRUE;
  status = command (library, args->len - 1, argv);
  capturing = FALSE;
  g_free (argv);

  return status;
}

static void
test_export (ExchangeFixture *fx,
             gconstpointer    data)
{
  const char *names[] = { "all.xml", "all.qdpx", "codes.qdc", "all.jsonld", "all.csv", "report.html", "report.md" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture_path (fx, names[i]);

      g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "-o", path, NULL), ==, 0);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  {
    g_autofree char *path = fixture_path (fx, "claims.txt");
    g_autofree char *contents = NULL;

    g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "--format", "csv", "--tag", "Claim",
                          "--bom", "-o", path, NULL), ==, 0);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "article,"));
    g_assert_null (strstr (contents, "Statistic"));
  }

  /* usage mistakes are 2, failures 1 */
  g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "--format", "pdf", "-o", "x", NULL), ==, 2);
  g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "--format", "xml", NULL), ==, 2);
  g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "-o", "no-extension", NULL), ==, 2);
  g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "--article", "no such article", "-o", "x.xml",
                        NULL), ==, 1);
  g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "-o", "/nonexistent/dir/x.xml", NULL), ==, 1);
}

static void
test_import (ExchangeFixture *fx,
             gconstpointer    data)
{
  g_autofree char *xml = fixture_path (fx, "all.xml");
  g_autofree char *qdpx = fixture_path (fx, "all.qdpx");
  g_autofree char *text = fixture_path (fx, "plain.txt");
  g_autoptr(GlossaLibrary) target = fixture_empty_library (fx, "target.glossa");
  g_autoptr(GlossaLibrary) other = fixture_empty_library (fx, "other.glossa");

  g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "-o", xml, NULL), ==, 0);
  g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "-o", qdpx, NULL), ==, 0);
  g_assert_true (g_file_set_contents (text, "Just an article.", -1, NULL));

  g_assert_true (glossa_cli_is_exchange_file (xml));
  g_assert_true (glossa_cli_is_exchange_file (qdpx));
  g_assert_false (glossa_cli_is_exchange_file (text));

  g_string_truncate (printed, 0);
  g_assert_cmpint (import_exchange (target, xml, FALSE), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (target)), ==, 3);
  g_assert_nonnull (strstr (printed->str, ": 13 added, 0 updated, 0 unchanged, 0 kept."));
  g_string_truncate (printed, 0);
  g_assert_cmpint (import_exchange (target, xml, TRUE), ==, 0);
  g_assert_nonnull (strstr (printed->str, "\"unchanged\" : 13"));
  g_assert_cmpint (import_exchange (other, qdpx, FALSE), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (glossa_library_get_articles (other)), ==, 3);
  g_assert_cmpint (import_exchange (target, text, FALSE), ==, 1);
}

static void
test_agreement (ExchangeFixture *fx,
                gconstpointer    data)
{
  g_autofree char *xml = fixture_path (fx, "all.xml");

  g_assert_cmpint (run (fx->library, glossa_cli_export, "export", "-o", xml, NULL), ==, 0);

  g_string_truncate (printed, 0);
  g_assert_cmpint (run (fx->library, glossa_cli_agreement, "agreement", "--author", "王五", "--author", "Jane",
                        "--disagreements", NULL), ==, 0);
  g_assert_nonnull (strstr (printed->str, "4 disagreements"));
  g_assert_nonnull (strstr (printed->str, "0–11 Claim, only A: “人工智能是互联网的解药”"));
  g_assert_cmpint (run (fx->library, glossa_cli_agreement, "agreement", "--json", xml, xml, NULL), ==, 0);
  g_assert_cmpint (run (fx->library, glossa_cli_agreement, "agreement", xml, NULL), ==, 2);
  g_assert_cmpint (run (fx->library, glossa_cli_agreement, "agreement", xml, "/nonexistent.xml", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* as glossa-cli does: GOption decodes arguments from the locale */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  printed = g_string_new (NULL);
  g_set_print_handler (print_cb);

  g_test_add ("/cli-exchange/export", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_export, exchange_fixture_tear_down);
  g_test_add ("/cli-exchange/import", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_import, exchange_fixture_tear_down);
  g_test_add ("/cli-exchange/agreement", ExchangeFixture, NULL,
              exchange_fixture_set_up, test_agreement, exchange_fixture_tear_down);

  return g_test_run ();
}
