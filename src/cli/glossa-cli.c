/* glossa-cli.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * glossa-cli: everything the app does to a library, from a shell.
 *
 * Exit status: 0 success, 1 failure (one sentence on stderr), 2 usage.
 */
#include "config.h"

#include <glib/gi18n.h>

#include <locale.h>
#include <stdarg.h>
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
    N_("The library file (default: the app’s library)"), "PATH" },
  { NULL }
};

static const GOptionEntry json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &glossa_cli_options.json,
    N_("Machine-readable output"), NULL },
  { NULL }
};

static const GOptionEntry author_entries[] = {
  { "author", 0, 0, G_OPTION_ARG_STRING, &glossa_cli_options.author,
    N_("Who made the annotation (default: your name)"), "NAME" },
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
glossa_cli_has_library_option (GlossaCli *cli)
{
  return glossa_cli_options.library_path != NULL;
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
print_commands (gboolean to_stderr)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n\n%s\n\n%s\n",
                          _("Usage: glossa-cli COMMAND [ARGUMENT…] [OPTION…]"),
                          _("Read and annotate articles in a Glossa library."),
                          _("Commands:"));

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const GlossaCliCommand *c = tables[t]; c->name != NULL; c++)
      g_string_append_printf (text, "  %-14s %s\n", c->name, _(c->summary));

  g_string_append_printf (text, "\n%s\n",
                          _("Run “glossa-cli COMMAND --help” for a command’s options."));

  if (to_stderr)
    g_printerr ("%s", text->str);
  else
    g_print ("%s", text->str);
}

static void
print_usage_line (const GlossaCliCommand *command)
{
  g_printerr (_("Usage: glossa-cli %s%s%s [OPTION…]\n"), command->name,
              command->args[0] != '\0' ? " " : "", command->args);
  g_printerr (_("Run “glossa-cli %s --help” for more.\n"), command->name);
}

static GOptionContext *
make_context (const GlossaCliCommand *command)
{
  /* The program name GOption prints is "glossa-cli COMMAND". */
  GOptionContext *context = g_option_context_new (command->args);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
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

/* For commands that parse their own arguments: takes --library out of
 * @argv (from the command name on) and returns the rest. */
static char **
take_library_option (int    argc,
                     char **argv)
{
  GPtrArray *rest = g_ptr_array_new ();

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];

      if ((g_str_equal (arg, "--library") || g_str_equal (arg, "-L")) && i + 1 < argc)
        {
          g_free (glossa_cli_options.library_path);
          glossa_cli_options.library_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--library="))
        {
          g_free (glossa_cli_options.library_path);
          glossa_cli_options.library_path = g_strdup (arg + strlen ("--library="));
        }
      else if (g_str_equal (arg, "--"))
        {
          for (; i < argc; i++)
            g_ptr_array_add (rest, g_strdup (argv[i]));
        }
      else
        g_ptr_array_add (rest, g_strdup (arg));
    }
  g_ptr_array_add (rest, NULL);

  return (char **) g_ptr_array_free (rest, FALSE);
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
  g_clear_pointer (&o->remove_tags, g_strfreev);
  g_clear_pointer (&o->note, g_free);
  g_clear_pointer (&o->type, g_free);
  g_clear_pointer (&o->direction, g_free);
}

/* "glossa-cli --library L import F" reads as naturally as "glossa-cli import
 * --library L F": options every command takes may come before the command.
 * They are moved after it, before any "--", where the command's own option
 * parsing finds them. */
static char **
hoist_global_options (int    *argc,
                      char ***argv)
{
  static const char *with_value[] = { "--library", "-L", "--author" };
  static const char *flags[] = { "--json" };
  GPtrArray *globals = g_ptr_array_new ();
  GPtrArray *rest = g_ptr_array_new ();
  int i = 1;

  while (i < *argc)
    {
      const char *arg = (*argv)[i];
      gboolean taken = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (with_value) && !taken; k++)
        {
          gsize len = strlen (with_value[k]);

          if (strcmp (arg, with_value[k]) == 0 && i + 1 < *argc)
            {
              g_ptr_array_add (globals, (*argv)[i++]);
              taken = TRUE;
            }
          else if (strncmp (arg, with_value[k], len) == 0 && arg[len] == '=')
            taken = TRUE;
        }
      for (guint k = 0; k < G_N_ELEMENTS (flags) && !taken; k++)
        taken = strcmp (arg, flags[k]) == 0;

      if (!taken)
        break;
      g_ptr_array_add (globals, (*argv)[i++]);
    }

  /* Options but no command: the same as no arguments at all. */
  if (globals->len > 0 && i == *argc)
    *argc = 1;

  if (globals->len == 0 || *argc == 1)
    {
      g_ptr_array_free (globals, TRUE);
      g_ptr_array_free (rest, TRUE);
      return NULL;
    }

  g_ptr_array_add (rest, (*argv)[0]);
  for (; i < *argc && strcmp ((*argv)[i], "--") != 0; i++)
    g_ptr_array_add (rest, (*argv)[i]);
  for (guint k = 0; k < globals->len; k++)
    g_ptr_array_add (rest, globals->pdata[k]);
  for (; i < *argc; i++)
    g_ptr_array_add (rest, (*argv)[i]);

  *argc = rest->len;
  g_ptr_array_add (rest, NULL);
  /* The strings still belong to the original argv; only the array is new,
   * and the caller frees it. */
  *argv = (char **) g_ptr_array_free (rest, FALSE);
  g_ptr_array_free (globals, TRUE);

  return *argv;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char **hoisted = NULL;
  const GlossaCliCommand *command;
  GlossaCli cli = { NULL, };
  int n_words = 0;
  guint n_args;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  hoisted = hoist_global_options (&argc, &argv);

  if (argc < 2)
    {
      print_commands (TRUE);
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
              g_autofree char *prgname = g_strdup_printf ("glossa-cli %s", command->name);
              g_autoptr(GOptionContext) help = NULL;
              g_autofree char *text = NULL;

              g_set_prgname (prgname);
              help = make_context (command);
              text = g_option_context_get_help (help, TRUE, NULL);

              g_print ("%s", text);
              return 0;
            }
        }
      print_commands (FALSE);
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
            g_printerr (_("glossa-cli: “%s%s” is not a command.\n"), prefix, argv[2]);
          else
            g_printerr (_("glossa-cli: “%s” needs a subcommand.\n"), argv[1]);
          g_printerr (_("Usage: glossa-cli %s (%s) …\n"), argv[1], group->str);
          return 2;
        }

      g_printerr (_("glossa-cli: “%s” is not a command.\n"), argv[1]);
      g_printerr (_("Run “glossa-cli --help” for the list of commands.\n"));
      return 2;
    }

  /* Defaults; GOption only writes what was given. */
  memset (&glossa_cli_options, 0, sizeof glossa_cli_options);
  glossa_cli_options.key = -1;
  glossa_cli_options.occurrence = -1;   /* not given: the quote must be unique */
  glossa_cli_options.limit = 50;

  if (command->raw != NULL)
    {
      g_auto(GStrv) raw_args = NULL;
      g_autofree char **view = NULL;
      guint n;

      /* "glossa-cli export" is its argv[0], which GOption's --help shows. */
      raw_args = take_library_option (argc - n_words, argv + n_words);
      g_free (raw_args[0]);
      raw_args[0] = g_strdup_printf ("glossa-cli %s", command->name);
      n = g_strv_length (raw_args);

      /* GOption drops what it parsed from the array it is given: hand it a
       * copy of the pointers so that all the strings are still freed. */
      view = g_memdup2 (raw_args, sizeof (char *) * (n + 1));
      cli.command = command;
      status = command->raw (&cli, n, view);
      g_clear_object (&cli.library);
      clear_options ();

      return status;
    }

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
      if (n_args < command->min_args)
        g_printerr (_("glossa-cli: %s: missing argument.\n"), command->name);
      else
        g_printerr (_("glossa-cli: %s: too many arguments.\n"), command->name);
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
