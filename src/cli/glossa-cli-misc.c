/* glossa-cli-misc.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * search, trash, restore, check.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "glossa-cli-exchange.h"
#include "glossa-cli-private.h"

static const GOptionEntry search_entries[] = {
  { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &glossa_cli_options.tags,
    N_("Only annotations carrying TAG"), "TAG" },
  { "author", 0, 0, G_OPTION_ARG_STRING, &glossa_cli_options.author,
    N_("Only annotations by AUTHOR"), "AUTHOR" },
  { "limit", 0, 0, G_OPTION_ARG_INT, &glossa_cli_options.limit,
    N_("At most N hits (default 50)"), "N" },
  { NULL }
};

static const char *
hit_kind_name (GlossaSearchHitKind kind)
{
  switch (kind)
    {
    case GLOSSA_SEARCH_HIT_TITLE:
      return "title";
    case GLOSSA_SEARCH_HIT_TEXT:
      return "text";
    case GLOSSA_SEARCH_HIT_QUOTE:
      return "quote";
    case GLOSSA_SEARCH_HIT_NOTE:
      return "note";
    default:
      return "unknown";
    }
}

static const char *
trash_kind_name (GlossaTrashKind kind)
{
  switch (kind)
    {
    case GLOSSA_TRASH_ARTICLE:
      return "article";
    case GLOSSA_TRASH_TAG:
      return "tag";
    case GLOSSA_TRASH_ANNOTATION:
      return "annotation";
    case GLOSSA_TRASH_LINK:
      return "link";
    default:
      return "unknown";
    }
}

static gboolean
search_run (GlossaCli  *cli,
            char      **args,
            GError    **error)
{
  GlossaLibrary *library;
  g_autoptr(GlossaTag) tag = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char **tags = glossa_cli_options.tags;

  if (glossa_cli_options.limit < 1)
    return glossa_cli_usage (error, _("--limit must be at least 1."));
  if (tags != NULL && tags[0] != NULL && tags[1] != NULL)
    return glossa_cli_usage (error, _("--tag can be given only once here."));
  if (*args[0] == '\0')
    return glossa_cli_usage (error, _("The search query is empty."));

  library = glossa_cli_get_library (cli, error);
  if (library == NULL)
    return FALSE;

  if (tags != NULL && tags[0] != NULL)
    {
      tag = glossa_library_lookup_tag (library, tags[0], error);
      if (tag == NULL)
        return FALSE;
    }

  hits = glossa_library_search (library, args[0], tag != NULL ? glossa_tag_get_id (tag) : 0,
                                glossa_cli_options.author, (guint) glossa_cli_options.limit,
                                NULL, error);
  if (hits == NULL)
    return FALSE;

  json_builder_begin_array (builder);

  for (guint i = 0; i < hits->len; i++)
    {
      GlossaSearchHit *hit = hits->pdata[i];

      if (glossa_cli_json (cli))
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, hit_kind_name (hit->kind));
          json_builder_set_member_name (builder, "article_id");
          json_builder_add_int_value (builder, hit->article_id);
          json_builder_set_member_name (builder, "annotation_id");
          json_builder_add_int_value (builder, hit->annotation_id);
          json_builder_set_member_name (builder, "article_title");
          json_builder_add_string_value (builder, hit->article_title);
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, hit->start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, hit->end);
          json_builder_set_member_name (builder, "before");
          json_builder_add_string_value (builder, hit->before);
          json_builder_set_member_name (builder, "match");
          json_builder_add_string_value (builder, hit->match);
          json_builder_set_member_name (builder, "after");
          json_builder_add_string_value (builder, hit->after);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *title = glossa_cli_one_line (hit->article_title);
          g_autofree char *before = glossa_cli_one_line_untrimmed (hit->before);
          g_autofree char *match = glossa_cli_one_line (hit->match);
          g_autofree char *after = glossa_cli_one_line_untrimmed (hit->after);
          g_autofree char *where = hit->annotation_id != 0
            ? g_strdup_printf (" (%s of annotation %" PRId64 ")",
                               hit_kind_name (hit->kind), hit->annotation_id)
            : g_strdup (hit->kind == GLOSSA_SEARCH_HIT_TITLE ? " (title)" : "");

          /* The ends of the context are arbitrary; the spaces next to the
           * match are not. */
          g_strchug (before);
          g_strchomp (after);
          g_print ("%s%s: %s[%s]%s\n", title, where, before, match, after);
        }
    }

  json_builder_end_array (builder);

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      glossa_cli_print_json (root);
    }

  return TRUE;
}

static gboolean
trash_run (GlossaCli  *cli,
           char      **args,
           GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (library == NULL)
    return FALSE;

  entries = glossa_library_list_trash (library, error);
  if (entries == NULL)
    return FALSE;

  json_builder_begin_array (builder);

  for (guint i = 0; i < entries->len; i++)
    {
      GlossaTrashEntry *entry = entries->pdata[i];
      g_autofree char *label = glossa_cli_one_line (entry->label);

      if (glossa_cli_json (cli))
        {
          g_autofree char *deleted = glossa_cli_format_time (entry->deleted, TRUE);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, entry->id);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, trash_kind_name (entry->kind));
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, entry->label);
          json_builder_set_member_name (builder, "deleted");
          json_builder_add_string_value (builder, deleted);
          json_builder_set_member_name (builder, "n_items");
          json_builder_add_int_value (builder, entry->n_items);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *deleted = glossa_cli_format_time (entry->deleted, FALSE);
          g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items",
                                                              entry->n_items),
                                                    entry->n_items);

          g_print ("%" PRId64 "\t%s\t%s\t%s\t%s\n", entry->id,
                   trash_kind_name (entry->kind), label, deleted, items);
        }
    }

  json_builder_end_array (builder);

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      glossa_cli_print_json (root);
    }

  return TRUE;
}

static gboolean
empty_trash_run (GlossaCli  *cli,
                 char      **args,
                 GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);

  if (library == NULL || !glossa_library_empty_trash (library, error))
    return FALSE;

  if (!glossa_cli_json (cli))
    g_print (_("Emptied the trash of “%s”.\n"), glossa_library_get_path (library));
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "emptied");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      glossa_cli_print_json (root);
    }

  return TRUE;
}

static gboolean
restore_run (GlossaCli  *cli,
             char      **args,
             GError    **error)
{
  GlossaLibrary *library;
  gint64 id;

  if (!glossa_cli_parse_id (args[0], &id, error))
    return FALSE;

  library = glossa_cli_get_library (cli, error);
  if (library == NULL)
    return FALSE;

  if (!glossa_library_restore (library, id, error))
    return FALSE;

  if (!glossa_cli_json (cli))
    g_print (_("Restored trash entry %" PRId64 ".\n"), id);
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "restored");
      json_builder_add_int_value (builder, id);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      glossa_cli_print_json (root);
    }

  return TRUE;
}

static gboolean
check_run (GlossaCli  *cli,
           char      **args,
           GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (library == NULL)
    return FALSE;

  if (!glossa_library_check (library, problems, error))
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, problems->len == 0);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (builder, problems->pdata[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      glossa_cli_print_json (root);
    }
  else
    for (guint i = 0; i < problems->len; i++)
      g_print ("%s\n", (const char *) problems->pdata[i]);

  if (problems->len > 0)
    {
      g_set_error (error, GLOSSA_LIBRARY_ERROR, GLOSSA_LIBRARY_ERROR_CORRUPT,
                   ngettext ("%u problem found in “%s”.", "%u problems found in “%s”.",
                             problems->len),
                   problems->len, glossa_library_get_path (library));
      return FALSE;
    }

  if (!glossa_cli_json (cli))
    g_print (_("No problems found in “%s”.\n"), glossa_library_get_path (library));

  return TRUE;
}

static int
export_raw (GlossaCli  *cli,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  GlossaLibrary *library = glossa_cli_get_library (cli, &error);

  if (library == NULL)
    {
      glossa_cli_report (error);
      return 1;
    }

  return glossa_cli_export (library, argc, argv);
}

static int
agreement_raw (GlossaCli  *cli,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  GlossaLibrary *library = NULL;
  gboolean by_author = FALSE;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--author") || g_str_has_prefix (argv[i], "--author="))
      by_author = TRUE;

  /* Two XML files need no library; two coders of one library do. */
  if (by_author || glossa_cli_has_library_option (cli))
    {
      library = glossa_cli_get_library (cli, &error);
      if (library == NULL)
        {
          glossa_cli_report (error);
          return 1;
        }
    }

  return glossa_cli_agreement (library, argc, argv);
}

const GlossaCliCommand glossa_cli_misc_commands[] = {
  { "search", "QUERY", N_("Search titles, texts, quotes and notes"),
    search_entries, 0, 1, 1, search_run },
  { "trash", "", N_("List what is in the trash"),
    NULL, 0, 0, 0, trash_run },
  { "restore", "TRASH-ID", N_("Bring a trash entry back"),
    NULL, 0, 1, 1, restore_run },
  { "empty-trash", "", N_("Delete what is in the trash, for good"),
    NULL, 0, 0, 0, empty_trash_run },
  { "check", "", N_("Check the library’s integrity and references"),
    NULL, 0, 0, 0, check_run },
  { "export", "-o FILE [--format FORMAT] [--article ARTICLE]… [--tag TAG]… [--bom]",
    N_("Export to Glossa XML, REFI-QDA, JSON-LD, CSV, HTML or Markdown"),
    NULL, 0, 0, -1, NULL, export_raw },
  { "agreement", "A.xml B.xml | --author A --author B [--disagreements]",
    N_("Agreement of two coders: κ and αu per tag"),
    NULL, 0, 0, -1, NULL, agreement_raw },
  { NULL }
};
