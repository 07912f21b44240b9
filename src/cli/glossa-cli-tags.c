/* glossa-cli-tags.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Codebook commands: tags, tag add/rename/recolor/move/merge/remove.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-cli-private.h"

static const GOptionEntry add_entries[] = {
  { "parent", 'p', 0, G_OPTION_ARG_STRING, &glossa_cli_options.parent,
    N_("Put the tag under PARENT"), "PARENT" },
  { "color", 'c', 0, G_OPTION_ARG_STRING, &glossa_cli_options.color,
    N_("Colour as #rrggbb"), "COLOR" },
  { "key", 'k', 0, G_OPTION_ARG_INT, &glossa_cli_options.key,
    N_("Keyboard shortcut 1–9 while reading"), "N" },
  { "description", 'd', 0, G_OPTION_ARG_STRING, &glossa_cli_options.description,
    N_("What the tag means, for the codebook"), "TEXT" },
  { NULL }
};

static const GOptionEntry move_entries[] = {
  { "parent", 'p', 0, G_OPTION_ARG_STRING, &glossa_cli_options.parent,
    N_("The new parent (default: top level)"), "PARENT" },
  { NULL }
};

static const GOptionEntry remove_entries[] = {
  { "with-annotations", 0, 0, G_OPTION_ARG_NONE, &glossa_cli_options.with_annotations,
    N_("Move the annotations carrying the tag to the trash too"), NULL },
  { NULL }
};

static GlossaTag *
lookup_tag (GlossaCli   *cli,
            const char  *spec,
            GError     **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);

  if (library == NULL)
    return NULL;

  return glossa_library_lookup_tag (library, spec, error);
}

typedef enum {
  TAG_ADDED,
  TAG_RENAMED,
  TAG_RECOLORED,
  TAG_MOVED,
  TAG_KEYED,
  TAG_DESCRIBED,
} TagChange;

/* Prints the tag that a command made (its id and uuid) or changed. */
static gboolean
print_tag (GlossaCli  *cli,
           gint64      id,
           TagChange   change,
           GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  g_autoptr(GlossaTag) tag = glossa_library_get_tag (library, id, error);
  g_autofree char *path = NULL;

  if (tag == NULL)
    return FALSE;

  if (glossa_cli_json (cli))
    {
      g_autoptr(JsonNode) node = glossa_cli_tag_json (library, tag);

      glossa_cli_print_json (node);
      return TRUE;
    }

  path = glossa_cli_tag_path (library, id);
  switch (change)
    {
    case TAG_ADDED:
      g_print ("%" G_GINT64_FORMAT "\t%s\n", id, glossa_tag_get_uuid (tag));
      break;
    case TAG_RENAMED:
      g_print (_("Renamed the tag to “%s”.\n"), path);
      break;
    case TAG_RECOLORED:
      g_print (_("Recoloured “%s” %s.\n"), path, glossa_tag_get_color (tag));
      break;
    case TAG_MOVED:
      g_print (_("Moved the tag to “%s”.\n"), path);
      break;
    case TAG_KEYED:
      if (glossa_tag_get_key (tag) != 0)
        g_print (_("Key %u now applies “%s”.\n"), glossa_tag_get_key (tag), path);
      else
        g_print (_("“%s” has no key now.\n"), path);
      break;
    case TAG_DESCRIBED:
      g_print (_("Described “%s”.\n"), path);
      break;
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static gboolean
tags_run (GlossaCli  *cli,
          char      **args,
          GError    **error)
{
  GlossaLibrary *library = glossa_cli_get_library (cli, error);
  GListModel *tags;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  if (library == NULL)
    return FALSE;

  tags = glossa_library_get_tags (library);
  n = g_list_model_get_n_items (tags);

  json_builder_begin_array (builder);

  /* The model is in tree pre-order: indentation by depth draws the tree. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      if (glossa_cli_json (cli))
        json_builder_add_value (builder, glossa_cli_tag_json (library, tag));
      else
        {
          g_autofree char *indent = g_strnfill (2 * glossa_tag_get_depth (tag), ' ');
          g_autofree char *key = glossa_tag_get_key (tag) != 0
                                 ? g_strdup_printf ("  [%u]", glossa_tag_get_key (tag))
                                 : g_strdup ("");
          const char *color = glossa_tag_get_color (tag);

          g_print ("%" G_GINT64_FORMAT "\t%s%s  (%u)%s%s%s\n",
                   glossa_tag_get_id (tag), indent, glossa_tag_get_name (tag),
                   glossa_tag_get_count (tag), key,
                   color != NULL ? "  " : "", color != NULL ? color : "");
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
parent_id (GlossaCli  *cli,
           gint64     *id,
           GError    **error)
{
  g_autoptr(GlossaTag) parent = NULL;

  *id = 0;
  if (glossa_cli_options.parent == NULL || *glossa_cli_options.parent == '\0')
    return TRUE;

  parent = lookup_tag (cli, glossa_cli_options.parent, error);
  if (parent == NULL)
    return FALSE;

  *id = glossa_tag_get_id (parent);

  return TRUE;
}

static gboolean
tag_add_run (GlossaCli  *cli,
             char      **args,
             GError    **error)
{
  GlossaLibrary *library;
  int key = glossa_cli_options.key;
  gint64 parent = 0;
  gint64 id;

  if (glossa_cli_options.key != -1 && (key < 0 || key > 9))
    return glossa_cli_usage (error, _("--key takes a digit from 1 to 9 (0 for none), not %d."), key);

  library = glossa_cli_get_library (cli, error);
  if (library == NULL)
    return FALSE;

  if (!parent_id (cli, &parent, error))
    return FALSE;

  id = glossa_library_add_tag (library, args[0], parent, glossa_cli_options.color,
                               glossa_cli_options.description, key < 0 ? 0 : (guint) key,
                               NULL, error);
  if (id <= 0)
    return FALSE;

  return print_tag (cli, id, TAG_ADDED, error);
}

static gboolean
tag_rename_run (GlossaCli  *cli,
                char      **args,
                GError    **error)
{
  g_autoptr(GlossaTag) tag = lookup_tag (cli, args[0], error);

  if (tag == NULL)
    return FALSE;

  if (!glossa_library_rename_tag (glossa_cli_get_library (cli, NULL),
                                  glossa_tag_get_id (tag), args[1], error))
    return FALSE;

  return print_tag (cli, glossa_tag_get_id (tag), TAG_RENAMED, error);
}

static gboolean
tag_recolor_run (GlossaCli  *cli,
                 char      **args,
                 GError    **error)
{
  g_autoptr(GlossaTag) tag = lookup_tag (cli, args[0], error);

  if (tag == NULL)
    return FALSE;

  if (!glossa_library_set_tag_color (glossa_cli_get_library (cli, NULL),
                                     glossa_tag_get_id (tag), args[1], error))
    return FALSE;

  return print_tag (cli, glossa_tag_get_id (tag), TAG_RECOLORED, error);
}

static gboolean
tag_key_run (GlossaCli  *cli,
             char      **args,
             GError    **error)
{
  g_autoptr(GlossaTag) tag = NULL;
  char *end = NULL;
  gint64 key = g_ascii_strtoll (args[1], &end, 10);

  if (*args[1] == '\0' || *end != '\0' || key < 0 || key > 9)
    return glossa_cli_usage (error, _("A key is a digit from 1 to 9, or 0 for none, not “%s”."),
                             args[1]);

  tag = lookup_tag (cli, args[0], error);
  if (tag == NULL)
    return FALSE;

  if (!glossa_library_set_tag_key (glossa_cli_get_library (cli, NULL),
                                   glossa_tag_get_id (tag), (guint) key, error))
    return FALSE;

  return print_tag (cli, glossa_tag_get_id (tag), TAG_KEYED, error);
}

static gboolean
tag_describe_run (GlossaCli  *cli,
                  char      **args,
                  GError    **error)
{
  g_autoptr(GlossaTag) tag = lookup_tag (cli, args[0], error);

  if (tag == NULL)
    return FALSE;

  if (!glossa_library_set_tag_description (glossa_cli_get_library (cli, NULL),
                                           glossa_tag_get_id (tag), args[1], error))
    return FALSE;

  return print_tag (cli, glossa_tag_get_id (tag), TAG_DESCRIBED, error);
}

static gboolean
tag_move_run (GlossaCli  *cli,
              char      **args,
              GError    **error)
{
  g_autoptr(GlossaTag) tag = lookup_tag (cli, args[0], error);
  gint64 parent = 0;

  if (tag == NULL || !parent_id (cli, &parent, error))
    return FALSE;

  if (!glossa_library_move_tag (glossa_cli_get_library (cli, NULL),
                                glossa_tag_get_id (tag), parent, -1, error))
    return FALSE;

  return print_tag (cli, glossa_tag_get_id (tag), TAG_MOVED, error);
}

static gboolean
tag_merge_run (GlossaCli  *cli,
               char      **args,
               GError    **error)
{
  g_autoptr(GlossaTag) from = lookup_tag (cli, args[0], error);
  g_autoptr(GlossaTag) into = NULL;
  gint64 trash_id;

  if (from == NULL)
    return FALSE;

  into = lookup_tag (cli, args[1], error);
  if (into == NULL)
    return FALSE;

  trash_id = glossa_library_merge_tags (glossa_cli_get_library (cli, NULL),
                                        glossa_tag_get_id (from), glossa_tag_get_id (into),
                                        error);
  if (trash_id <= 0)
    return FALSE;

  if (!glossa_cli_json (cli))
    g_print (_("Merged “%s” into “%s” (trash entry %" G_GINT64_FORMAT ").\n"),
             glossa_tag_get_name (from), glossa_tag_get_name (into), trash_id);
  else
    return print_tag (cli, glossa_tag_get_id (into), TAG_ADDED, error);

  return TRUE;
}

static gboolean
tag_remove_run (GlossaCli  *cli,
                char      **args,
                GError    **error)
{
  g_autoptr(GlossaTag) tag = lookup_tag (cli, args[0], error);
  GlossaTagDeleteMode mode = glossa_cli_options.with_annotations
                             ? GLOSSA_TAG_DELETE_TRASH_ANNOTATIONS
                             : GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS;
  gint64 trash_id;

  if (tag == NULL)
    return FALSE;

  trash_id = glossa_library_remove_tag (glossa_cli_get_library (cli, NULL),
                                        glossa_tag_get_id (tag), mode, error);
  if (trash_id <= 0)
    return FALSE;

  if (glossa_cli_json (cli))
    glossa_cli_print_trashed (glossa_tag_get_id (tag), trash_id);
  else
    g_print (_("Moved tag “%s” to the trash (entry %" G_GINT64_FORMAT ").\n"),
             glossa_tag_get_name (tag), trash_id);

  return TRUE;
}

const GlossaCliCommand glossa_cli_tag_commands[] = {
  { "tags", "", N_("Show the codebook: tags with counts, keys and colours"),
    NULL, 0, 0, 0, tags_run },
  { "tag add", "NAME", N_("Add a tag"),
    add_entries, 0, 1, 1, tag_add_run },
  { "tag rename", "TAG NEW-NAME", N_("Rename a tag"),
    NULL, 0, 2, 2, tag_rename_run },
  { "tag recolor", "TAG COLOR", N_("Change a tag’s colour"),
    NULL, 0, 2, 2, tag_recolor_run },
  { "tag key", "TAG N", N_("Give a tag the key N (1–9) while reading; 0 for none"),
    NULL, 0, 2, 2, tag_key_run },
  { "tag describe", "TAG TEXT", N_("Set a tag’s description"),
    NULL, 0, 2, 2, tag_describe_run },
  { "tag move", "TAG", N_("Move a tag under another, or to the top level"),
    move_entries, 0, 1, 1, tag_move_run },
  { "tag merge", "FROM INTO", N_("Give FROM’s annotations to INTO and trash FROM"),
    NULL, 0, 2, 2, tag_merge_run },
  { "tag remove", "TAG", N_("Move a tag to the trash"),
    remove_entries, 0, 1, 1, tag_remove_run },
  { NULL }
};
