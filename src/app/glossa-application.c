/* glossa-application.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One instance per session: files given to a second launch are imported
 * into the first one's window.  The application owns the library and the
 * undo history, so a window closing loses nothing.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-about.h"
#include "glossa-application.h"
#include "glossa-import.h"
#include "glossa-preferences-window.h"
#include "glossa-window.h"

struct _GlossaApplication
{
  AdwApplication  parent_instance;

  char           *library_path;
  GlossaLibrary  *library;
  GlossaHistory  *history;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (GlossaApplication, glossa_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LIBRARY_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
find_sample (void)
{
  const char *dirs[] = { PKGDATADIR, SOURCE_DATADIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], "sample-article.md", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

/* The default codebook's tags are named in the user's language, so the
 * sample finds them by the keys a new library gives them: 1 Claim,
 * 2 Evidence, 4 Prediction. */
static gint64
tag_with_key (GlossaLibrary *library,
              guint          key)
{
  GListModel *tags = glossa_library_get_tags (library);

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);

      if (glossa_tag_get_key (tag) == key)
        return glossa_tag_get_id (tag);
    }

  return 0;
}

static gint64
tag_sample (GlossaLibrary *library,
            gint64         article_id,
            const char    *quote,
            guint          key,
            const char    *note,
            GError       **error)
{
  gint64 tag_id = tag_with_key (library, key);
  gint64 start, end;

  if (!glossa_library_find_quote (library, article_id, quote, 1, &start, &end, error))
    return 0;

  return glossa_library_add_annotation (library, article_id, start, end,
                                        tag_id != 0 ? &tag_id : NULL, tag_id != 0 ? 1 : 0,
                                        note, _("Glossa"), NULL, error);
}

/* A new library starts with an article to try things on: a claim, the
 * evidence that supports it, and a prediction with a note. */
static gboolean
add_sample_article (GlossaLibrary  *library,
                    GError        **error)
{
  g_autofree char *path = find_sample ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GlossaExtracted) extracted = NULL;
  gint64 article_id, claim, evidence, prediction;

  if (path == NULL)
    {
      g_debug ("No sample article installed");
      return TRUE;
    }

  file = g_file_new_for_path (path);
  extracted = glossa_import_file (file, NULL, GLOSSA_IMPORT_DEFAULT_MAX_SIZE, &original, NULL, error);
  if (extracted == NULL)
    return FALSE;

  if (!glossa_library_begin (library, error))
    return FALSE;

  article_id = glossa_library_import_extracted (library, extracted, original, path, error);
  if (article_id == 0)
    goto failed;

  claim = tag_sample (library, article_id,
                      "A summary is a claim about a text, not a reading of it.",
                      1, NULL, error);
  if (claim == 0)
    goto failed;
  evidence = tag_sample (library, article_id,
                         "Studies of students who read summaries instead of sources show that "
                         "they remember the conclusions but cannot say which evidence supported them.",
                         2, NULL, error);
  if (evidence == 0)
    goto failed;
  if (glossa_library_add_link (library, evidence, claim, "supports", GLOSSA_LINK_ONE_WAY,
                               NULL, NULL, error) == 0)
    goto failed;
  prediction = tag_sample (library, article_id,
                           "我们预测，未来五年里，最受信任的媒体将是那些公开自己证据链的媒体，而不是发稿最快的媒体。",
                           4,
                           _("Check again in 2031: which newsrooms publish their sources?"),
                           error);
  if (prediction == 0)
    goto failed;

  return glossa_library_commit (library, error);

failed:
  glossa_library_rollback (library);
  return FALSE;
}

GlossaLibrary *
glossa_application_get_library (GlossaApplication  *self,
                                GError            **error)
{
  g_autofree char *default_path = NULL;
  const char *path;

  g_return_val_if_fail (GLOSSA_IS_APPLICATION (self), NULL);

  if (self->library != NULL)
    return self->library;

  path = self->library_path;
  if (path == NULL)
    path = default_path = glossa_library_get_default_path ();

  self->library = glossa_library_open (path, error);
  if (self->library == NULL)
    return NULL;

  self->history = glossa_history_new (self->library);

  if (glossa_library_get_created (self->library))
    {
      g_autoptr(GError) local_error = NULL;

      if (!add_sample_article (self->library, &local_error))
        g_warning ("Failed to add the sample article: %s", local_error->message);
    }

  return self->library;
}

GlossaHistory *
glossa_application_get_history (GlossaApplication *self)
{
  g_return_val_if_fail (GLOSSA_IS_APPLICATION (self), NULL);

  return self->history;
}

static void
show_fatal_error (GlossaApplication *self,
                  const GError      *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Could Not Open the Library"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GlossaWindow *
glossa_application_get_window (GlossaApplication *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GlossaLibrary *library;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (GLOSSA_IS_WINDOW (l->data))
      return GLOSSA_WINDOW (l->data);

  library = glossa_application_get_library (self, &error);
  if (library == NULL)
    {
      show_fatal_error (self, error);
      return NULL;
    }

  window = GTK_WINDOW (glossa_window_new (self, library, self->history));

  return GLOSSA_WINDOW (window);
}

static void
glossa_application_activate (GApplication *app)
{
  GlossaWindow *window = glossa_application_get_window (GLOSSA_APPLICATION (app));

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

static void
glossa_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  GlossaWindow *window = glossa_application_get_window (GLOSSA_APPLICATION (app));

  if (window == NULL)
    return;

  gtk_window_present (GTK_WINDOW (window));
  glossa_window_import_files (window, files, n_files);
}

static int
glossa_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  GlossaApplication *self = GLOSSA_APPLICATION (app);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "library", "^ay", &path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      g_free (self->library_path);
      self->library_path = g_file_get_path (file);
      /* Another library is another instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GlossaApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (glossa_preferences_window_new (parent)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  glossa_show_about (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
glossa_application_startup (GApplication *app)
{
  GlossaApplication *self = GLOSSA_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (glossa_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = g_settings_new (APP_ID);
  glossa_preferences_apply_color_scheme (self->settings);
}

static void
glossa_application_finalize (GObject *object)
{
  GlossaApplication *self = GLOSSA_APPLICATION (object);

  g_clear_object (&self->history);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->library_path, g_free);

  G_OBJECT_CLASS (glossa_application_parent_class)->finalize (object);
}

static void
glossa_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossaApplication *self = GLOSSA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_PATH:
      g_value_set_string (value, self->library_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_application_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossaApplication *self = GLOSSA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LIBRARY_PATH:
      g_free (self->library_path);
      self->library_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossa_application_class_init (GlossaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = glossa_application_finalize;
  object_class->get_property = glossa_application_get_property;
  object_class->set_property = glossa_application_set_property;

  app_class->activate = glossa_application_activate;
  app_class->open = glossa_application_open;
  app_class->startup = glossa_application_startup;
  app_class->handle_local_options = glossa_application_handle_local_options;

  properties[PROP_LIBRARY_PATH] =
    g_param_spec_string ("library-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossa_application_init (GlossaApplication *self)
{
  static const GOptionEntry entries[] = {
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the library at PATH instead of the default one"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

GlossaApplication *
glossa_application_new (void)
{
  return g_object_new (GLOSSA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/glossa/Glossa",
                       NULL);
}
