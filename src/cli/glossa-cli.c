/* glossa-cli.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * glossa-cli: everything the app does to a library, from a shell.
 *
 * Exit status: 0 success, 1 failure (one sentence on stderr), 2 usage.
 */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "glossa-cli-private.h"

G_DEFINE_QUARK (glossa-cli-usage-error-quark, glossa_cli_usage_error)

GlossaCliOptions glossa_cli_options;

struct _GlossaCli
{
  const GlossaCliCommand *command;
  GlossaLibrary          *library;
};

static const GlossaCliCommand *tables[] = {
  glossa_cli_article_commands,
  glossa_cli_tag_commands,
  glossa_cli_annotation_commands,
  glossa_cli_misc_commands,
};

static const GOptionEntry library_entries[] = {
  { "library", 'L', 0, G_OPTION_ARG_FILENAME, &glossa_cli_options.library_path,
    "The library file (default: the app's library)", "PATH" },
  { NULL }
};

static const GOptionEntry json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &glossa_cli_options.json,
    "Machine-readable output", NULL },
  { NULL }
};

static const GOptionEntry author_entries[] = {
  { "author", 0, 0, G_OPTION_ARG_STRING, &glossa_cli_options.author,
    "Who made the annotation (default: your name)", "NAME" },
  { NULL }
};

gboolean
glossa_cli_usage (GError     **error,
                  const char  *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (GLOSSA_CLI_USAGE_ERROR, 0, format, args));
  va_end (args);

  return FALSE;
}

void
glossa_cli_report (const GError *error)
{
  g_autofree char *message = glossa_cli_one_line (error->message);

  g_printerr ("glossa-cli: %s\n", message);
}

GlossaLibrary *
glossa_cli_get_library (GlossaCli  *cli,
                        GError    **error)
{
  if (cli->library == NULL)
    {
      g_autofree char *path = NULL;

      if (glossa_cli_options.library_path != NULL)
        path = g_strdup (glossa_cli_options.library_path);
      else
        path = glossa_library_get_default_path ();

      cli->library = glossa_library_open (path, error);
    }

  return cli->library;
}

gboolean
glossa_cli_json (GlossaCli *cli)
{
  return glossa_cli_options.json;
}

const char *
glossa_cli_author (void)
{
  const char *name = glossa_cli_options.author;

  if (name == NULL || *name == '\0')
    name = g_get_real_name ();
  if (name == NULL || *name == '\0' || g_strcmp0 (name, "Unknown") == 0)
    name = g_get_user_name ();

  return name;
}

static const GlossaCliCommand *
find_command (int     argc,
              char  **argv,
              int    *n_words)
{
  /* Two-word commands ("tag add") first, then one-word ones. */
  for (int words = 2; words >= 1; words--)
    {
      g_autofree char *name = NULL;

      if (argc < 1 + words)
        continue;

      name = words == 2 ? g_strdup_printf ("%s %s", argv[1], argv[2]) : g_strdup (argv[1]);

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        for (const GlossaCliCommand *c = tables[t]; c->name != NULL; c++)
          if (strcmp (c->name, name) == 0)
            {
              *n_words = words;
              return c;
            }
    }

  return NULL;
}

static void
print_commands (FILE *out)
{
  fprintf (out, "Usage: glossa-cli COMMAND [ARGUMENT…] [OPTION…]\n\n"
                "Read and annotate articles in a Glossa library.\n\nCommands:\n");

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const GlossaCliCommand *c = tables[t]; c->name != NULL; c++)
      fprintf (out, "  %-14s %s\n", c->name, c->summary);

  fprintf (out, "\nRun “glossa-cli COMMAND --help” for a command’s options.\n");
}

static void
print_usage_line (const GlossaCliCommand *command)
{
  g_printerr ("Usage: glossa-cli %s%s%s [OPTION…]\n", command->name,
              command->args[0] != '\0' ? " " : "", command->args);
  g_printerr ("Run “glossa-cli %s --help” for more.\n", command->name);
}

static GOptionContext *
make_context (const GlossaCliCommand *command)
{
  g_autofree char *parameter = g_strdup_printf ("%s%s%s", command->name,
                                                command->args[0] != '\0' ? " " : "",
                                                command->args);
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_summary (context, command->summary);
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, command->entries, NULL);
  if ((command->flags & GLOSSA_CLI_AUTHOR) != 0)
    g_option_context_add_main_entries (context, author_entries, NULL);
  if ((command->flags & GLOSSA_CLI_NO_JSON) == 0)
    g_option_context_add_main_entries (context, json_entries, NULL);
  if ((command->flags & GLOSSA_CLI_NO_LIBRARY) == 0)
    g_option_context_add_main_entries (context, library_entries, NULL);

  return context;
}

static void
clear_options (void)
{
  GlossaCliOptions *o = &glossa_cli_options;

  g_clear_pointer (&o->library_path, g_free);
  g_clear_pointer (&o->author, g_free);
  g_clear_pointer (&o->encoding, g_free);
  g_clear_pointer (&o->parent, g_free);
  g_clear_pointer (&o->color, g_free);
  g_clear_pointer (&o->description, g_free);
  g_clear_pointer (&o->range, g_free);
  g_clear_pointer (&o->quote, g_free);
  g_clear_pointer (&o->tags, g_strfreev);
  g_clear_pointer (&o->note, g_free);
  g_clear_pointer (&o->type, g_free);
  g_clear_pointer (&o->direction, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  const GlossaCliCommand *command;
  GlossaCli cli = { NULL, };
  int n_words = 0;
  guint n_args;
  int status;

  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_commands (stderr);
      return 2;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      if (argc > 2 && strcmp (argv[1], "help") == 0)
        {
          /* "help tag add" is "tag add --help". */
          command = find_command (argc - 1, argv + 1, &n_words);
          if (command != NULL)
            {
              g_autoptr(GOptionContext) help = make_context (command);
              g_autofree char *text = g_option_context_get_help (help, TRUE, NULL);

              g_print ("%s", text);
              return 0;
            }
        }
      print_commands (stdout);
      return 0;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("glossa-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  command = find_command (argc, argv, &n_words);
  if (command == NULL)
    {
      g_autoptr(GString) group = g_string_new (NULL);
      g_autofree char *prefix = g_strconcat (argv[1], " ", NULL);

      /* "tag frob": say which "tag …" commands there are. */
      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        for (const GlossaCliCommand *c = tables[t]; c->name != NULL; c++)
          if (g_str_has_prefix (c->name, prefix))
            g_string_append_printf (group, "%s%s", group->len > 0 ? ", " : "",
                                    c->name + strlen (prefix));

      if (group->len > 0)
        {
          if (argc > 2)
            g_printerr ("glossa-cli: “%s%s” is not a command.\n", prefix, argv[2]);
          else
            g_printerr ("glossa-cli: “%s” needs a subcommand.\n", argv[1]);
          g_printerr ("Usage: glossa-cli %s (%s) …\n", argv[1], group->str);
          return 2;
        }

      g_printerr ("glossa-cli: “%s” is not a command.\n", argv[1]);
      g_printerr ("Run “glossa-cli --help” for the list of commands.\n");
      return 2;
    }

  /* Defaults; GOption only writes what was given. */
  memset (&glossa_cli_options, 0, sizeof glossa_cli_options);
  glossa_cli_options.key = -1;
  glossa_cli_options.occurrence = 1;
  glossa_cli_options.limit = 50;

  /* GOption takes argv[0] as the program name: the command stands there. */
  args = g_new0 (char *, argc - n_words + 1);
  args[0] = g_strdup_printf ("glossa-cli %s", command->name);
  for (int i = 1 + n_words; i < argc; i++)
    args[i - n_words] = g_strdup (argv[i]);

  context = make_context (command);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      glossa_cli_report (error);
      print_usage_line (command);
      clear_options ();
      return 2;
    }

  n_args = g_strv_length (args) - 1;
  if (n_args < command->min_args
      || (command->max_args >= 0 && n_args > (guint) command->max_args))
    {
      g_printerr ("glossa-cli: %s: %s.\n", command->name,
                  n_args < command->min_args ? "missing argument" : "too many arguments");
      print_usage_line (command);
      clear_options ();
      return 2;
    }

  cli.command = command;

  if (command->run (&cli, args + 1, &error))
    status = 0;
  else if (error != NULL && g_error_matches (error, GLOSSA_CLI_USAGE_ERROR, 0))
    {
      glossa_cli_report (error);
      print_usage_line (command);
      status = 2;
    }
  else
    {
      if (error != NULL)
        glossa_cli_report (error);
      status = 1;
    }

  g_clear_object (&cli.library);
  clear_options ();

  return status;
}
