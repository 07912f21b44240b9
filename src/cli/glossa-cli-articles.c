/* glossa-cli-articles.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Article commands: extract, import, list, show, remove, reimport.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "glossa-cli-exchange.h"
#include "glossa-cli-private.h"

static const GOptionEntry encoding_entries[] = {
  { "encoding", 'e', 0, G_OPTION_ARG_STRING, &glossa_cli_options.encoding,
    N_("Decode the file as ENCODING instead of detecting it"), "ENCODING" },
  { NULL }
};

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *line = NULL;

  if (value == NULL || *value == '\0')
    return;

  line = glossa_cli_one_line (value);
  g_print ("%-12s %s\n", label, line);
}

static gboolean
extract_run (GlossaCli  *cli,
             char      **args,
             GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[0]);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GlossaExtracted) extracted = NULL;

  extracted = glossa_import_file (file, glossa_cli_options.encoding,
                                  GLOSSA_IMPORT_DEFAULT_MAX_SIZE,
                                  &original, NULL, error);
  if (extracted == NULL)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) node = glossa_cli_extracted_json (extracted);

      glossa_cli_print_json (node);
      return TRUE;
    }

  print_field (_("Title:"), extracted->title);
  print_field (_("Byline:"), extracted->byline);
  print_field (_("Published:"), extracted->published);
  print_field (_("Site:"), extracted->site_name);
  print_field (_("Language:"), extracted->language);
  print_field (_("Encoding:"), extracted->encoding);
  print_field (_("Format:"), extracted->format);
  if (extracted->best_effort)
    print_field (_("Note:"), _("no article found; this is the page’s visible text"));
  g_print ("\n%s\n", extracted->text);

  return TRUE;
}

static gboolean
import_run (GlossaCli  *cli,
            char      **args,
            GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean all_ok = TRUE;
  guint n_exchange = 0;

  if (library == NULL)
    return FALSE;

  json_builder_begin_array (builder);

  /* Each file is its own transaction: one failure leaves the others in. */
  for (guint i = 0; args[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[i]);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GlossaArticle) article = NULL;
      g_autofree char *path = g_file_get_path (file);
      GListModel *articles = glossa_library_get_articles (library);
      guint n_before = g_list_model_get_n_items (articles);
      gboolean duplicate;
      gint64 id;

      /* A Glossa XML file or REFI-QDA project is a whole library to merge. */
      if (path != NULL && glossa_cli_is_exchange_file (path))
        {
          if (glossa_cli_import_exchange (library, path, glossa_cli_json (cli)) != 0)
            all_ok = FALSE;
          n_exchange++;
          continue;
        }

      /* The library gives the existing article for a text it already holds. */
      id = glossa_library_import_file (library, file, glossa_cli_options.encoding,
                                       NULL, &local_error);
      duplicate = g_list_model_get_n_items (articles) == n_before;
      if (id > 0)
        article = glossa_library_get_article (library, id, &local_error);

      if (article == NULL)
        {
          glossa_cli_report (local_error);
          all_ok = FALSE;
          continue;
        }

      if (glossa_cli_json (cli))
        {
          JsonNode *node = glossa_cli_article_json (article);

          json_object_set_boolean_member (json_node_get_object (node), "duplicate", duplicate);
          json_builder_add_value (builder, node);
        }
      else
        {
          g_autofree char *title = glossa_cli_one_line (glossa_article_get_title (article));

          g_print ("%" G_GINT64_FORMAT "\t%s\t%s%s\n", id, glossa_article_get_uuid (article), title,
                   duplicate ? "\t(already in the library)" : "");
        }
    }

  json_builder_end_array (builder);

  /* Exchange files printed their own report; with only those, that is all. */
  if (glossa_cli_json (cli) && n_exchange < g_strv_length (args))
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      glossa_cli_print_json (root);
    }

  return all_ok;
}

static char *
article_date (GlossaArticle *article)
{
  const char *published = glossa_article_get_published (article);

  if (published != NULL && *published != '\0')
    return glossa_cli_one_line (published);

  return glossa_cli_format_time (glossa_article_get_imported (article), FALSE);
}

static gboolean
list_run (GlossaCli  *cli,
          char      **args,
          GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  GListModel *articles;
  guint n;

  if (library == NULL)
    return FALSE;

  articles = glossa_library_get_articles (library);
  n = g_list_model_get_n_items (articles);

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GlossaArticle) article = g_list_model_get_item (articles, i);

          json_builder_add_value (builder, glossa_cli_article_json (article));
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      glossa_cli_print_json (root);

      return TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaArticle) article = g_list_model_get_item (articles, i);
      g_autofree char *title = glossa_cli_one_line (glossa_article_get_title (article));
      g_autofree char *byline = glossa_cli_one_line (glossa_article_get_byline (article));
      g_autofree char *date = article_date (article);
      guint count = glossa_article_get_annotation_count (article);

      g_autofree char *annotations = g_strdup_printf (ngettext ("%u annotation",
                                                                "%u annotations", count),
                                                      count);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n",
               glossa_article_get_id (article), title, byline, date, annotations);
    }

  return TRUE;
}

static gboolean
show_run (GlossaCli  *cli,
          char      **args,
          GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GlossaExtracted) content = NULL;

  if (library == NULL)
    return FALSE;

  article = glossa_library_lookup_article (library, args[0], error);
  if (article == NULL)
    return FALSE;

  content = glossa_library_load_content (library, glossa_article_get_id (article), error);
  if (content == NULL)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) node = glossa_cli_article_json (article);
      g_autoptr(JsonNode) extracted = glossa_cli_extracted_json (content);
      JsonObject *object = json_node_get_object (node);
      JsonObject *from = json_node_get_object (extracted);

      json_object_set_member (object, "text", json_object_dup_member (from, "text"));
      json_object_set_member (object, "blocks", json_object_dup_member (from, "blocks"));
      json_object_set_member (object, "links", json_object_dup_member (from, "links"));
      glossa_cli_print_json (node);

      return TRUE;
    }

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, glossa_article_get_id (article));
    g_autofree char *imported = glossa_cli_format_time (glossa_article_get_imported (article), FALSE);
    g_autofree char *length = g_strdup_printf ("%" G_GINT64_FORMAT " characters",
                                               glossa_article_get_length (article));
    g_autofree char *count = g_strdup_printf ("%u", glossa_article_get_annotation_count (article));

    print_field (_("Id:"), id);
    print_field (_("UUID:"), glossa_article_get_uuid (article));
    print_field (_("Title:"), glossa_article_get_title (article));
    print_field (_("Byline:"), glossa_article_get_byline (article));
    print_field (_("Published:"), glossa_article_get_published (article));
    print_field (_("Site:"), glossa_article_get_site_name (article));
    print_field (_("Source:"), glossa_article_get_source (article));
    print_field (_("Format:"), glossa_article_get_format (article));
    print_field (_("Encoding:"), glossa_article_get_encoding (article));
    print_field (_("Language:"), glossa_article_get_language (article));
    print_field (_("Imported:"), imported);
    print_field (_("Length:"), length);
    print_field (_("Annotations:"), count);
    g_print ("\n%s\n", content->text);
  }

  return TRUE;
}

static gboolean
remove_run (GlossaCli  *cli,
            char      **args,
            GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GlossaArticle) article = NULL;
  g_autofree char *title = NULL;
  gint64 trash_id;

  if (library == NULL)
    return FALSE;

  article = glossa_library_lookup_article (library, args[0], error);
  if (article == NULL)
    return FALSE;

  trash_id = glossa_library_remove_article (library, glossa_article_get_id (article), error);
  if (trash_id == 0)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      glossa_cli_print_trashed (glossa_article_get_id (article), trash_id);
      return TRUE;
    }

  title = glossa_cli_one_line (glossa_article_get_title (article));
  g_print (_("Moved “%s” to the trash (entry %" G_GINT64_FORMAT ").\n"), title, trash_id);

  return TRUE;
}

static const char *
format_mime_type (const char *format)
{
  if (g_strcmp0 (format, "html") == 0)
    return "text/html";
  if (g_strcmp0 (format, "markdown") == 0)
    return "text/markdown";
  if (g_strcmp0 (format, "text") == 0)
    return "text/plain";
  return NULL;
}

/* Without FILE, reimport reads the copy stored at import: say so when the
 * file it came from has changed since, or an edit seems to be ignored. */
static void
note_changed_source (GlossaArticle *article,
                     GBytes        *original)
{
  const char *source = glossa_article_get_source (article);
  g_autofree char *contents = NULL;
  g_autofree char *quoted = NULL;
  gsize length = 0;

  if (source == NULL || !g_path_is_absolute (source) ||
      !g_file_get_contents (source, &contents, &length, NULL))
    return;
  if (length == g_bytes_get_size (original) &&
      memcmp (contents, g_bytes_get_data (original, NULL), length) == 0)
    return;

  quoted = g_shell_quote (source);
  g_printerr (_("%s has changed since it was imported; this used the stored copy "
                "(to read the file again: glossa-cli reimport %" G_GINT64_FORMAT " %s).\n"),
              source, glossa_article_get_id (article), quoted);
}

static gboolean
reimport_run (GlossaCli  *cli,
              char      **args,
              GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GlossaExtracted) extracted = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GlossaReanchorReport) report = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 id;

  if (library == NULL)
    return FALSE;

  article = glossa_library_lookup_article (library, args[0], error);
  if (article == NULL)
    return FALSE;
  id = glossa_article_get_id (article);

  if (args[1] != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[1]);

      extracted = glossa_import_file (file, glossa_cli_options.encoding,
                                      GLOSSA_IMPORT_DEFAULT_MAX_SIZE, &original, NULL, error);
    }
  else
    {
      /* The stored bytes, through the importer that read them first. */
      original = glossa_library_load_original (library, id, error);
      if (original == NULL)
        return FALSE;
      note_changed_source (article, original);
      extracted = glossa_import_bytes (original, glossa_article_get_source (article),
                                       format_mime_type (glossa_article_get_format (article)),
                                       glossa_cli_options.encoding, error);
    }

  if (extracted == NULL)
    return FALSE;

  if (!glossa_library_update_content (library, id, extracted, original, &report, error))
    return FALSE;

  if (glossa_cli_json (cli))
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "exact");
      json_builder_add_int_value (builder, report->n_exact);
      json_builder_set_member_name (builder, "moved");
      json_builder_add_int_value (builder, report->n_moved);
      json_builder_set_member_name (builder, "fuzzy");
      json_builder_add_int_value (builder, report->n_fuzzy);
      json_builder_set_member_name (builder, "orphaned");
      json_builder_add_int_value (builder, report->n_orphaned);
      json_builder_set_member_name (builder, "orphans");
      json_builder_begin_array (builder);
    }
  else
    g_print (_("Re-anchored annotations: %u exact, %u moved, %u fuzzy, %u orphaned.\n"),
             report->n_exact, report->n_moved, report->n_fuzzy, report->n_orphaned);

  for (guint i = 0; report->orphan_ids != NULL && i < report->orphan_ids->len; i++)
    {
      gint64 orphan_id = g_array_index (report->orphan_ids, gint64, i);
      g_autoptr(GlossaAnnotation) orphan = glossa_library_get_annotation (library, orphan_id, NULL);
      const char *quote = orphan != NULL ? glossa_annotation_get_quote (orphan) : NULL;

      if (glossa_cli_json (cli))
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, orphan_id);
          json_builder_set_member_name (builder, "quote");
          json_builder_add_string_value (builder, quote);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *line = glossa_cli_one_line (quote);

          g_print ("orphaned\t%" G_GINT64_FORMAT "\t“%s”\n", orphan_id, line);
        }
    }

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      glossa_cli_print_json (root);
    }

  return TRUE;
}

const GlossaCliCommand glossa_cli_article_commands[] = {
  { "extract", "FILE", N_("Show what importing FILE would store, without a library"),
    encoding_entries, GLOSSA_CLI_NO_LIBRARY, 1, 1, extract_run },
  { "import", "FILE…", N_("Import files as articles"),
    encoding_entries, 0, 1, -1, import_run },
  { "list", "", N_("List the articles"),
    NULL, 0, 0, 0, list_run },
  { "show", "ARTICLE", N_("Show an article’s metadata and text"),
    NULL, 0, 1, 1, show_run },
  { "remove", "ARTICLE", N_("Move an article to the trash"),
    NULL, 0, 1, 1, remove_run },
  { "reimport", "ARTICLE [FILE]", N_("Re-extract an article’s text and re-anchor its annotations"),
    encoding_entries, 0, 1, 2, reimport_run },
  { NULL }
};
