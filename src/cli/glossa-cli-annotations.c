/* glossa-cli-annotations.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Annotation and link commands: annotate, annotations, unannotate, link, links.
 */
#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <string.h>

#include "glossa-cli-private.h"

static const GOptionEntry annotate_entries[] = {
  { "range", 'r', 0, G_OPTION_ARG_STRING, &glossa_cli_options.range,
    N_("The span, in characters (code points) from the start of the text"), "START:END" },
  { "quote", 'q', 0, G_OPTION_ARG_STRING, &glossa_cli_options.quote,
    N_("The span, as its exact text"), "TEXT" },
  { "occurrence", 'n', 0, G_OPTION_ARG_INT, &glossa_cli_options.occurrence,
    N_("With --quote: which occurrence, from 1"), "N" },
  { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &glossa_cli_options.tags,
    N_("Tag the annotation (repeatable)"), "TAG" },
  { "note", 0, 0, G_OPTION_ARG_STRING, &glossa_cli_options.note,
    N_("Attach a note"), "TEXT" },
  { NULL }
};

static const GOptionEntry reattach_entries[] = {
  { "range", 'r', 0, G_OPTION_ARG_STRING, &glossa_cli_options.range,
    N_("The new span, in characters (code points) from the start of the text"), "START:END" },
  { "quote", 'q', 0, G_OPTION_ARG_STRING, &glossa_cli_options.quote,
    N_("The new span, as its exact text"), "TEXT" },
  { "occurrence", 'n', 0, G_OPTION_ARG_INT, &glossa_cli_options.occurrence,
    N_("With --quote: which occurrence, from 1"), "N" },
  { NULL }
};

static const GOptionEntry retag_entries[] = {
  { "add", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &glossa_cli_options.tags,
    N_("Add TAG (repeatable)"), "TAG" },
  { "remove", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &glossa_cli_options.remove_tags,
    N_("Remove TAG (repeatable)"), "TAG" },
  { NULL }
};

static const GOptionEntry filter_entries[] = {
  { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &glossa_cli_options.tags,
    N_("Only annotations carrying TAG"), "TAG" },
  { NULL }
};

static const GOptionEntry link_entries[] = {
  { "type", 0, 0, G_OPTION_ARG_STRING, &glossa_cli_options.type,
    N_("The relation: supports, contradicts, …"), "TYPE" },
  { "note", 0, 0, G_OPTION_ARG_STRING, &glossa_cli_options.note,
    N_("Attach a note"), "TEXT" },
  { "direction", 0, 0, G_OPTION_ARG_STRING, &glossa_cli_options.direction,
    N_("one-way (default), bidirectional or associative"), "DIRECTION" },
  { NULL }
};

static gboolean
parse_offset (const char *str,
              gint64     *value)
{
  char *end = NULL;

  if (!g_ascii_isdigit (*str))
    return FALSE;

  errno = 0;
  *value = g_ascii_strtoll (str, &end, 10);

  return errno == 0 && end != NULL && *end == '\0';
}

static gboolean
parse_range (const char  *range,
             gint64      *start,
             gint64      *end,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (range, ":", -1);

  if (g_strv_length (parts) != 2
      || !parse_offset (parts[0], start) || !parse_offset (parts[1], end)
      || *end <= *start)
    return glossa_cli_usage (error, _("--range takes START:END with START < END, not “%s”."), range);

  return TRUE;
}

/* The one --tag of a filter, as an id (0 when none given). */
static gboolean
filter_tag_id (GlossaLibrary  *library,
               gint64         *id,
               GError        **error)
{
  g_autoptr(GlossaTag) tag = NULL;
  char **tags = glossa_cli_options.tags;

  *id = 0;
  if (tags == NULL || tags[0] == NULL)
    return TRUE;
  if (tags[1] != NULL)
    return glossa_cli_usage (error, _("--tag can be given only once here."));

  tag = glossa_library_lookup_tag (library, tags[0], error);
  if (tag == NULL)
    return FALSE;

  *id = glossa_tag_get_id (tag);

  return TRUE;
}

static void
print_annotation (GlossaLibrary    *library,
                  GlossaAnnotation *annotation)
{
  g_autofree char *tags = glossa_cli_annotation_tags (library, annotation);
  g_autofree char *quote = glossa_cli_one_line (glossa_annotation_get_quote (annotation));
  g_autofree char *note = glossa_cli_one_line (glossa_annotation_get_note (annotation));

  g_print ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
           "%s\t%s\t“%s”\t%s\n",
           glossa_annotation_get_id (annotation),
           glossa_annotation_get_article_id (annotation),
           glossa_annotation_get_start (annotation),
           glossa_annotation_get_end (annotation),
           glossa_annotation_get_orphaned (annotation) ? " ORPHANED" : "",
           tags, quote, note);
}

/* The span given by --range or --quote (with --occurrence). */
static gboolean
check_span_options (GError **error)
{
  if ((glossa_cli_options.range != NULL) == (glossa_cli_options.quote != NULL))
    return glossa_cli_usage (error, _("Give exactly one of --range and --quote."));
  if (glossa_cli_options.occurrence == 0 || glossa_cli_options.occurrence < -1)
    return glossa_cli_usage (error, _("--occurrence counts from 1."));

  return TRUE;
}

static gboolean
resolve_span (GlossaLibrary  *library,
              gint64          article_id,
              gint64         *start,
              gint64         *end,
              GError        **error)
{
  if (glossa_cli_options.range != NULL)
    return parse_range (glossa_cli_options.range, start, end, error);

  return glossa_library_find_quote (library, article_id, glossa_cli_options.quote,
                                    (guint) MAX (glossa_cli_options.occurrence, 0), start, end, error);
}

static gboolean
annotate_run (GlossaCli  *cli,
              char      **args,
              GError    **error)
{
  GlossaLibrary *library;
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GArray) tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GlossaAnnotation) annotation = NULL;
  gint64 start = 0, end = 0;
  gint64 id;

  if (!check_span_options (error))
    return FALSE;
  if (glossa_cli_options.range != NULL && !parse_range (glossa_cli_options.range, &start, &end, error))
    return FALSE;

  library = glossa_cli_get_library (cli, error);
  if (library == NULL)
    return FALSE;

  article = glossa_library_lookup_article (library, args[0], error);
  if (article == NULL)
    return FALSE;

  for (guint i = 0; glossa_cli_options.tags != NULL && glossa_cli_options.tags[i] != NULL; i++)
    {
      g_autoptr(GlossaTag) tag = glossa_library_lookup_tag (library, glossa_cli_options.tags[i], error);
      gint64 tag_id;

      if (tag == NULL)
        return FALSE;
      tag_id = glossa_tag_get_id (tag);
      g_array_append_val (tag_ids, tag_id);
    }

  if (glossa_cli_options.quote != NULL
      && !glossa_library_find_quote (library, glossa_article_get_id (article),
                                     glossa_cli_options.quote,
                                     (guint) MAX (glossa_cli_options.occurrence, 0),
                                     &start, &end, error))
    return FALSE;

  id = glossa_library_add_annotation (library, glossa_article_get_id (article), start, end,
                                      (const gint64 *) (gpointer) tag_ids->data, tag_ids->len,
                                      glossa_cli_options.note, glossa_cli_author (), NULL, error);
  if (id <= 0)
    return FALSE;

  annotation = glossa_library_get_annotation (library, id, error);
  if (annotation == NULL)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) node = glossa_cli_annotation_json (library, annotation);

      glossa_cli_print_json (node);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\t%s\n", id, glossa_annotation_get_uuid (annotation));

  return TRUE;
}

static gboolean
annotations_run (GlossaCli  *cli,
                 char      **args,
                 GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GlossaArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  gint64 tag_id = 0;

  if (library == NULL)
    return FALSE;

  if (args[0] != NULL)
    {
      article = glossa_library_lookup_article (library, args[0], error);
      if (article == NULL)
        return FALSE;
    }

  if (!filter_tag_id (library, &tag_id, error))
    return FALSE;

  annotations = glossa_library_list_annotations (library,
                                                 article != NULL ? glossa_article_get_id (article) : 0,
                                                 tag_id, error);
  if (annotations == NULL)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < annotations->len; i++)
        json_builder_add_value (builder, glossa_cli_annotation_json (library, annotations->pdata[i]));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      glossa_cli_print_json (root);

      return TRUE;
    }

  for (guint i = 0; i < annotations->len; i++)
    print_annotation (library, annotations->pdata[i]);

  return TRUE;
}

static gboolean
unannotate_run (GlossaCli  *cli,
                char      **args,
                GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GlossaAnnotation) annotation = NULL;
  gint64 trash_id;

  if (library == NULL)
    return FALSE;

  annotation = glossa_library_lookup_annotation (library, args[0], error);
  if (annotation == NULL)
    return FALSE;

  trash_id = glossa_library_remove_annotation (library, glossa_annotation_get_id (annotation), error);
  if (trash_id <= 0)
    return FALSE;

  if (glossa_cli_json (cli))
    glossa_cli_print_trashed (glossa_annotation_get_id (annotation), trash_id);
  else
    g_print (_("Moved annotation %" G_GINT64_FORMAT " to the trash (entry %" G_GINT64_FORMAT ").\n"),
             glossa_annotation_get_id (annotation), trash_id);

  return TRUE;
}

static gboolean
note_run (GlossaCli  *cli,
          char      **args,
          GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GlossaAnnotation) annotation = NULL;

  if (library == NULL)
    return FALSE;

  annotation = glossa_library_lookup_annotation (library, args[0], error);
  if (annotation == NULL
      || !glossa_library_set_annotation_note (library, glossa_annotation_get_id (annotation),
                                              args[1], error))
    return FALSE;

  if (!glossa_cli_json (cli))
    g_print (*args[1] != '\0' ? _("Set the note of annotation %" G_GINT64_FORMAT ".\n")
                               : _("Cleared the note of annotation %" G_GINT64_FORMAT ".\n"),
             glossa_annotation_get_id (annotation));
  else
    {
      g_autoptr(GlossaAnnotation) changed =
        glossa_library_get_annotation (library, glossa_annotation_get_id (annotation), error);
      g_autoptr(JsonNode) node = NULL;

      if (changed == NULL)
        return FALSE;
      node = glossa_cli_annotation_json (library, changed);
      glossa_cli_print_json (node);
    }

  return TRUE;
}

static gboolean
retag_run (GlossaCli  *cli,
           char      **args,
           GError    **error)
{
  GlossaLibrary *library;
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autoptr(GlossaAnnotation) changed = NULL;
  g_autoptr(GArray) add = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) remove = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;

  if ((glossa_cli_options.tags == NULL || glossa_cli_options.tags[0] == NULL)
      && (glossa_cli_options.remove_tags == NULL || glossa_cli_options.remove_tags[0] == NULL))
    return glossa_cli_usage (error, _("Say which tags to --add or --remove."));

  library = glossa_cli_get_library (cli, error);
  if (library == NULL)
    return FALSE;

  annotation = glossa_library_lookup_annotation (library, args[0], error);
  if (annotation == NULL)
    return FALSE;
  id = glossa_annotation_get_id (annotation);

  /* Every name resolved before anything changes. */
  for (guint pass = 0; pass < 2; pass++)
    {
      char **names = pass == 0 ? glossa_cli_options.tags : glossa_cli_options.remove_tags;

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        {
          g_autoptr(GlossaTag) tag = glossa_library_lookup_tag (library, names[i], error);
          gint64 tag_id;

          if (tag == NULL)
            return FALSE;
          tag_id = glossa_tag_get_id (tag);
          g_array_append_val (pass == 0 ? add : remove, tag_id);
        }
    }

  /* One transaction: all the changes or none. */
  if (!glossa_library_begin (library, error))
    return FALSE;

  for (guint i = 0; i < add->len; i++)
    if (!glossa_annotation_has_tag (annotation, g_array_index (add, gint64, i))
        && !glossa_library_add_annotation_tag (library, id, g_array_index (add, gint64, i), error))
      {
        glossa_library_rollback (library);
        return FALSE;
      }

  for (guint i = 0; i < remove->len; i++)
    if (!glossa_library_remove_annotation_tag (library, id, g_array_index (remove, gint64, i), error))
      {
        glossa_library_rollback (library);
        return FALSE;
      }

  if (!glossa_library_commit (library, error))
    return FALSE;

  changed = glossa_library_get_annotation (library, id, error);
  if (changed == NULL)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) node = glossa_cli_annotation_json (library, changed);

      glossa_cli_print_json (node);
    }
  else
    {
      g_autofree char *tags = glossa_cli_annotation_tags (library, changed);

      g_print (_("Annotation %" G_GINT64_FORMAT " is tagged: %s\n"), id,
               *tags != '\0' ? tags : _("(no tags)"));
    }

  return TRUE;
}

static gboolean
reattach_run (GlossaCli  *cli,
              char      **args,
              GError    **error)
{
  GlossaLibrary *library;
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autoptr(GlossaAnnotation) changed = NULL;
  gint64 start = 0, end = 0;
  gint64 id;

  if (!check_span_options (error))
    return FALSE;
  if (glossa_cli_options.range != NULL && !parse_range (glossa_cli_options.range, &start, &end, error))
    return FALSE;

  library = glossa_cli_get_library (cli, error);
  if (library == NULL)
    return FALSE;

  annotation = glossa_library_lookup_annotation (library, args[0], error);
  if (annotation == NULL)
    return FALSE;
  id = glossa_annotation_get_id (annotation);

  if (!resolve_span (library, glossa_annotation_get_article_id (annotation), &start, &end, error)
      || !glossa_library_set_annotation_range (library, id, start, end, error))
    return FALSE;

  changed = glossa_library_get_annotation (library, id, error);
  if (changed == NULL)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) node = glossa_cli_annotation_json (library, changed);

      glossa_cli_print_json (node);
    }
  else
    {
      g_autofree char *quote = glossa_cli_one_line (glossa_annotation_get_quote (changed));

      g_print (_("Annotation %" G_GINT64_FORMAT " is now %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                 ", “%s”.\n"),
               id, glossa_annotation_get_start (changed), glossa_annotation_get_end (changed), quote);
    }

  return TRUE;
}

static gboolean
parse_direction (const char           *name,
                 GlossaLinkDirection  *direction,
                 GError              **error)
{
  static const GlossaLinkDirection all[] = {
    GLOSSA_LINK_ONE_WAY, GLOSSA_LINK_BIDIRECTIONAL, GLOSSA_LINK_ASSOCIATIVE,
  };

  *direction = GLOSSA_LINK_ONE_WAY;
  if (name == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (name, glossa_cli_direction_name (all[i])) == 0)
      {
        *direction = all[i];
        return TRUE;
      }

  return glossa_cli_usage (error, _("--direction is one-way, bidirectional or associative, not “%s”."),
                           name);
}

static void
print_link (GlossaLink *link)
{
  g_autofree char *note = glossa_cli_one_line (glossa_link_get_note (link));

  g_print ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT " → %" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
           glossa_link_get_id (link), glossa_link_get_from_id (link), glossa_link_get_to_id (link),
           glossa_link_get_link_type (link),
           glossa_cli_direction_name (glossa_link_get_direction (link)), note);
}

static gboolean
link_run (GlossaCli  *cli,
          char      **args,
          GError    **error)
{
  GlossaLibrary *library;
  g_autoptr(GlossaAnnotation) from = NULL;
  g_autoptr(GlossaAnnotation) to = NULL;
  g_autoptr(GlossaLink) link = NULL;
  GlossaLinkDirection direction;
  gint64 id;

  if (glossa_cli_options.type == NULL || *glossa_cli_options.type == '\0')
    return glossa_cli_usage (error, _("link needs --type, e.g. --type supports."));
  if (!parse_direction (glossa_cli_options.direction, &direction, error))
    return FALSE;

  library = glossa_cli_get_library (cli, error);
  if (library == NULL)
    return FALSE;

  from = glossa_library_lookup_annotation (library, args[0], error);
  if (from == NULL)
    return FALSE;
  to = glossa_library_lookup_annotation (library, args[1], error);
  if (to == NULL)
    return FALSE;

  id = glossa_library_add_link (library, glossa_annotation_get_id (from),
                                glossa_annotation_get_id (to), glossa_cli_options.type,
                                direction, glossa_cli_options.note, NULL, error);
  if (id <= 0)
    return FALSE;

  link = glossa_library_get_link (library, id, error);
  if (link == NULL)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) node = glossa_cli_link_json (link);

      glossa_cli_print_json (node);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\t%s\n", id, glossa_link_get_uuid (link));

  return TRUE;
}

static gboolean
unlink_run (GlossaCli  *cli,
            char      **args,
            GError    **error)
{
  GlossaLibrary *library;
  g_autoptr(GlossaLink) link = NULL;
  gint64 id, trash_id;

  if (!glossa_cli_parse_id (args[0], &id, error))
    return FALSE;

  library = glossa_cli_get_library (cli, error);
  if (library == NULL)
    return FALSE;

  /* Says "no such link" in the library's words before removing. */
  link = glossa_library_get_link (library, id, error);
  if (link == NULL)
    return FALSE;

  trash_id = glossa_library_remove_link (library, id, error);
  if (trash_id <= 0)
    return FALSE;

  if (!glossa_cli_json (cli))
    g_print (_("Moved link %" G_GINT64_FORMAT " to the trash (entry %" G_GINT64_FORMAT ").\n"),
             id, trash_id);
  else
    glossa_cli_print_trashed (id, trash_id);

  return TRUE;
}

static gboolean
links_run (GlossaCli  *cli,
           char      **args,
           GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GlossaAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) links = NULL;

  if (library == NULL)
    return FALSE;

  if (args[0] != NULL)
    {
      annotation = glossa_library_lookup_annotation (library, args[0], error);
      if (annotation == NULL)
        return FALSE;
    }

  links = glossa_library_list_links (library,
                                     annotation != NULL ? glossa_annotation_get_id (annotation) : 0,
                                     error);
  if (links == NULL)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < links->len; i++)
        json_builder_add_value (builder, glossa_cli_link_json (links->pdata[i]));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      glossa_cli_print_json (root);

      return TRUE;
    }

  for (guint i = 0; i < links->len; i++)
    print_link (links->pdata[i]);

  return TRUE;
}

const GlossaCliCommand glossa_cli_annotation_commands[] = {
  { "annotate", "ARTICLE (--range START:END | --quote TEXT [--occurrence N]) [--tag TAG]… [--note TEXT]",
    N_("Annotate a span of an article"), annotate_entries, GLOSSA_CLI_AUTHOR, 1, 1, annotate_run },
  { "annotations", "[ARTICLE] [--tag TAG]", N_("List annotations, orphans marked"),
    filter_entries, 0, 0, 1, annotations_run },
  { "unannotate", "ANNOTATION", N_("Move an annotation to the trash"),
    NULL, 0, 1, 1, unannotate_run },
  { "retag", "ANNOTATION [--add TAG]… [--remove TAG]…", N_("Add tags to an annotation, or remove them"),
    retag_entries, 0, 1, 1, retag_run },
  { "note", "ANNOTATION TEXT", N_("Set an annotation’s note (\"\" clears it)"),
    NULL, 0, 2, 2, note_run },
  { "reattach", "ANNOTATION (--range START:END | --quote TEXT [--occurrence N])",
    N_("Move an annotation, or re-attach an orphan"), reattach_entries, 0, 1, 1, reattach_run },
  { "link", "FROM TO --type TYPE", N_("Link two annotations"),
    link_entries, 0, 2, 2, link_run },
  { "links", "[ANNOTATION]", N_("List links, or those of one annotation"),
    NULL, 0, 0, 1, links_run },
  { "unlink", "LINK-ID", N_("Move a link to the trash"),
    NULL, 0, 1, 1, unlink_run },
  { NULL }
};
