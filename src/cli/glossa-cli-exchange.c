/* glossa-cli-exchange.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "glossa-agreement.h"
#include "glossa-cli-exchange.h"
#include "glossa-export.h"
#include "glossa-qdpx.h"
#include "glossa-report.h"
#include "glossa-xml.h"

static int
fail (const GError *error)
{
  g_autofree char *message = g_strdup (error->message);

  /* one line, whatever the message carried */
  g_strdelimit (message, "\n", ' ');
  g_printerr ("glossa-cli: %s\n", message);
  return 1;
}

static int
usage (const char *format,
       ...) G_GNUC_PRINTF (1, 2);

static int
usage (const char *format,
       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("glossa-cli: %s\n", message);
  return 2;
}

int
glossa_cli_export (GlossaLibrary  *library,
                   int             argc,
                   char          **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) articles = NULL;
  g_auto(GStrv) tags = NULL;
  gboolean bom = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "xml, qdpx, qdc, jsonld, csv, html or md", "FORMAT" },
    { "article", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &articles, "Only this article (repeatable)", "ARTICLE" },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags, "Only annotations with this tag (repeatable)", "TAG" },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, "Start a CSV file with a byte order mark (for spreadsheets)", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file to write", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("-o FILE");
  g_autoptr(GlossaExportScope) scope = glossa_export_scope_new ();
  g_autoptr(GError) error = NULL;
  GlossaExportFormat chosen;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), 1);

  g_option_context_set_summary (context, "Export articles, the codebook and annotations.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (_("export: %s."), error->message);
  if (argc > 1)
    return usage (_("export: unexpected “%s”."), argv[1]);
  if (output == NULL)
    return usage (_("export: say where to write with -o FILE."));

  if (format != NULL ? !glossa_export_format_from_string (format, &chosen)
                     : !glossa_export_format_from_path (output, &chosen))
    {
      if (format == NULL)
        return usage (_("export: say which format with --format (xml, qdpx, qdc, jsonld, csv, html or md)."));
      return usage (_("export: “%s” is not a format; use xml, qdpx, qdc, jsonld, csv, html or md."), format);
    }

  for (guint i = 0; articles != NULL && articles[i] != NULL; i++)
    {
      g_autoptr(GlossaArticle) article = glossa_library_lookup_article (library, articles[i], &error);

      if (article == NULL)
        return fail (error);
      glossa_export_scope_add_article (scope, glossa_article_get_id (article));
    }
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autoptr(GlossaTag) tag = glossa_library_lookup_tag (library, tags[i], &error);

      if (tag == NULL)
        return fail (error);
      glossa_export_scope_add_tag (scope, glossa_tag_get_id (tag));
    }

  if (chosen == GLOSSA_EXPORT_QDPX)
    {
      guint skipped = 0;

      ok = glossa_qdpx_export (library, scope, output, &skipped, NULL, &error);
      if (ok && skipped > 0)
        g_printerr (ngettext ("glossa-cli: %u orphaned annotation was left out of “%s”: REFI-QDA needs a place in the text.\n",
                              "glossa-cli: %u orphaned annotations were left out of “%s”: REFI-QDA needs a place in the text.\n",
                              skipped),
                    skipped, output);
    }
  else if (chosen == GLOSSA_EXPORT_CSV)
    ok = glossa_csv_export_to_path (library, scope, bom, output, NULL, &error);
  else
    ok = glossa_export (library, chosen, scope, output, NULL, &error);

  return ok ? 0 : fail (error);
}

gboolean
glossa_cli_is_exchange_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  char buf[4096];
  gsize len = 0;

  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), buf, sizeof buf, &len, NULL, NULL))
    return FALSE;

  return glossa_xml_sniff (buf, len) || glossa_qdpx_sniff (buf, len);
}

static const char *
kind_name (GlossaTrashKind kind)
{
  switch (kind)
    {
    case GLOSSA_TRASH_ARTICLE:
      return "article";
    case GLOSSA_TRASH_TAG:
      return "tag";
    case GLOSSA_TRASH_LINK:
      return "link";
    case GLOSSA_TRASH_ANNOTATION:
    default:
      return "annotation";
    }
}

static void
print_report (const char         *path,
              GlossaImportReport *report,
              gboolean            json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, path);
      json_builder_set_member_name (b, "added");
      json_builder_add_int_value (b, report->n_added);
      json_builder_set_member_name (b, "updated");
      json_builder_add_int_value (b, report->n_updated);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, report->n_unchanged);
      json_builder_set_member_name (b, "kept");
      json_builder_add_int_value (b, report->n_kept);
      json_builder_set_member_name (b, "conflicts");
      json_builder_begin_array (b);
      for (guint i = 0; report->conflicts != NULL && i < report->conflicts->len; i++)
        {
          GlossaImportConflict *c = g_ptr_array_index (report->conflicts, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, kind_name (c->kind));
          json_builder_set_member_name (b, "uuid");
          json_builder_add_string_value (b, c->uuid);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, c->label ? c->label : "");
          json_builder_set_member_name (b, "winner");
          json_builder_add_string_value (b, c->took_file ? "file" : "library");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);

      root = json_builder_get_root (b);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return;
    }

  g_print (_("Imported “%s”: %u added, %u updated, %u unchanged, %u kept.\n"), path,
           report->n_added, report->n_updated, report->n_unchanged, report->n_kept);
  for (guint i = 0; report->conflicts != NULL && i < report->conflicts->len; i++)
    {
      GlossaImportConflict *c = g_ptr_array_index (report->conflicts, i);
      g_autofree char *label = g_strdup (c->label ? c->label : "");

      g_strdelimit (label, "\n\t", ' ');
      g_print ("  %s %s %s “%s”: %s\n", c->took_file ? "updated" : "kept", kind_name (c->kind), c->uuid, label,
               c->took_file ? "the file's version was newer" : "this library's version is newer");
    }
}

int
glossa_cli_import_exchange (GlossaLibrary *library,
                            const char    *path,
                            gboolean       json)
{
  g_autoptr(GlossaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  char buf[4096];
  gsize len = 0;
  gboolean ok;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), 1);

  in = g_file_read (file, NULL, &error);
  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), buf, sizeof buf, &len, NULL, &error))
    return fail (error);
  g_clear_object (&in);

  if (glossa_xml_sniff (buf, len))
    ok = glossa_xml_import (library, path, &report, NULL, &error);
  else if (glossa_qdpx_sniff (buf, len))
    ok = glossa_qdpx_import (library, path, &report, NULL, &error);
  else
    {
      g_printerr (_("glossa-cli: “%s” is neither a Glossa XML file nor a REFI-QDA project.\n"), path);
      return 1;
    }

  if (!ok)
    return fail (error);

  print_report (path, report, json);
  return 0;
}

static void
format_number (char   *buf,
               gsize   size,
               double  value)
{
  if (isnan (value))
    g_strlcpy (buf, "–", size);
  else
    g_snprintf (buf, size, "%.3f", value);
}

static void
add_number (JsonBuilder *b,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (b, member);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static void
add_row (JsonBuilder              *b,
         const GlossaAgreementRow *row)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tag");
  json_builder_add_string_value (b, row->tag);
  json_builder_set_member_name (b, "characters");
  json_builder_add_int_value (b, row->n_chars);
  json_builder_set_member_name (b, "both");
  json_builder_add_int_value (b, row->both);
  json_builder_set_member_name (b, "only_a");
  json_builder_add_int_value (b, row->only_a);
  json_builder_set_member_name (b, "only_b");
  json_builder_add_int_value (b, row->only_b);
  add_number (b, "kappa", row->kappa);
  add_number (b, "alpha_u", row->alpha_u);
  json_builder_end_object (b);
}

static void
print_agreement (GlossaAgreement *agreement,
                 gboolean         list,
                 gboolean         json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "coder_a");
      json_builder_add_string_value (b, agreement->coder_a);
      json_builder_set_member_name (b, "coder_b");
      json_builder_add_string_value (b, agreement->coder_b);
      json_builder_set_member_name (b, "articles");
      json_builder_add_int_value (b, agreement->n_articles);
      json_builder_set_member_name (b, "skipped_articles");
      json_builder_add_int_value (b, agreement->n_skipped);
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      for (guint i = 0; i < agreement->rows->len; i++)
        add_row (b, g_ptr_array_index (agreement->rows, i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "overall");
      add_row (b, agreement->overall);
      json_builder_set_member_name (b, "disagreements");
      json_builder_begin_array (b);
      for (guint i = 0; list && i < agreement->disagreements->len; i++)
        {
          GlossaDisagreement *d = g_ptr_array_index (agreement->disagreements, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "article");
          json_builder_add_string_value (b, d->article_uuid);
          json_builder_set_member_name (b, "tag");
          json_builder_add_string_value (b, d->tag);
          json_builder_set_member_name (b, "start");
          json_builder_add_int_value (b, d->start);
          json_builder_set_member_name (b, "end");
          json_builder_add_int_value (b, d->end);
          json_builder_set_member_name (b, "only");
          json_builder_add_string_value (b, d->by_a ? "a" : "b");
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, d->text ? d->text : "");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);

      root = json_builder_get_root (b);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return;
    }

  g_print (ngettext ("A: %s\nB: %s\n%u article compared", "A: %s\nB: %s\n%u articles compared",
                     agreement->n_articles),
           agreement->coder_a, agreement->coder_b, agreement->n_articles);
  if (agreement->n_skipped > 0)
    g_print (_(", %u left out (their texts differ)"), agreement->n_skipped);
  g_print ("\n\n%-30s %10s %8s %8s\n", _("Tag"), _("Characters"), "κ", "αu");
  for (guint i = 0; i <= agreement->rows->len; i++)
    {
      const GlossaAgreementRow *row = i < agreement->rows->len ? g_ptr_array_index (agreement->rows, i)
                                                                : agreement->overall;
      char kappa[16], alpha[16];

      format_number (kappa, sizeof kappa, row->kappa);
      format_number (alpha, sizeof alpha, row->alpha_u);
      g_print ("%-30s %10" PRId64 " %8s %8s\n", i < agreement->rows->len ? row->tag : _("Overall"),
               row->n_chars, kappa, alpha);
    }

  if (!list)
    return;
  g_print (ngettext ("\n%u disagreement\n", "\n%u disagreements\n", agreement->disagreements->len),
           agreement->disagreements->len);
  for (guint i = 0; i < agreement->disagreements->len; i++)
    {
      GlossaDisagreement *d = g_ptr_array_index (agreement->disagreements, i);
      g_autofree char *text = g_strdup (d->text ? d->text : "");

      g_strdelimit (text, "\n\t", ' ');
      g_print (_("  %s %" PRId64 "–%" PRId64 " %s, only %s: “%s”\n"), d->article_title,
               d->start, d->end, d->tag, d->by_a ? "A" : "B", text);
    }
}

int
glossa_cli_agreement (GlossaLibrary  *library,
                      int             argc,
                      char          **argv)
{
  g_auto(GStrv) authors = NULL;
  gboolean list = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "author", 0, 0, G_OPTION_ARG_STRING_ARRAY, &authors, "A coder in this library (give two)", "NAME" },
    { "disagreements", 'd', 0, G_OPTION_ARG_NONE, &list, "List the passages where the coders differ", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Machine-readable output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[A.xml B.xml]");
  g_autoptr(GlossaCoding) a = NULL;
  g_autoptr(GlossaCoding) b = NULL;
  g_autoptr(GlossaAgreement) agreement = NULL;
  g_autoptr(GError) error = NULL;
  guint n_authors;

  g_option_context_set_summary (context,
                                "Agreement of two coders on the same articles: Cohen's κ per character and "
                                "Krippendorff's αu, per tag and overall.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (_("agreement: %s."), error->message);

  n_authors = authors ? g_strv_length (authors) : 0;
  if (n_authors == 2 && argc == 1)
    {
      if (library == NULL)
        return usage (_("agreement: --author needs a library."));
      a = glossa_coding_new_from_library (library, authors[0], &error);
      if (a != NULL)
        b = glossa_coding_new_from_library (library, authors[1], &error);
    }
  else if (n_authors == 0 && argc == 3)
    {
      a = glossa_coding_new_from_xml (argv[1], NULL, &error);
      if (a != NULL)
        b = glossa_coding_new_from_xml (argv[2], NULL, &error);
    }
  else
    {
      return usage (_("agreement: give two Glossa XML files, or two --author names."));
    }

  if (a == NULL || b == NULL)
    return fail (error);

  agreement = glossa_agreement_compute (a, b);
  if (agreement->n_articles == 0)
    {
      g_printerr (_("glossa-cli: the two coders have no article in common, so there is nothing to compare.\n"));
      return 1;
    }
  print_agreement (agreement, list, json);

  return 0;
}
