/* glossa-preferences-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "glossa-preferences-window.h"

struct _GlossaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwPreferencesGroup  *coder_group;
  AdwEntryRow          *coder_row;
  GtkFontButton        *font_button;
  AdwComboRow          *scheme_row;
};

G_DEFINE_FINAL_TYPE (GlossaPreferencesWindow, glossa_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* Order of the rows of the colour-scheme combo, the schema's enum values. */
enum {
  SCHEME_DEFAULT,
  SCHEME_LIGHT,
  SCHEME_DARK,
};

static const char *
_glossa_default_coder_name (void)
{
  const char *name = g_get_real_name ();

  /* GLib answers "Unknown" when the passwd entry has no real name. */
  if (name == NULL || *name == '\0' || g_strcmp0 (name, "Unknown") == 0)
    name = g_get_user_name ();

  return name;
}

char *
glossa_preferences_get_coder_name (GSettings *settings)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  name = g_settings_get_string (settings, "coder-name");
  g_strstrip (name);
  if (*name != '\0')
    return g_steal_pointer (&name);

  return g_strdup (_glossa_default_coder_name ());
}

static void
_glossa_apply_color_scheme_now (GSettings *settings)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  AdwColorScheme scheme;

  switch (g_settings_get_enum (settings, "color-scheme"))
    {
    case SCHEME_LIGHT:
      scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      break;

    case SCHEME_DARK:
      scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      break;

    case SCHEME_DEFAULT:
    default:
      scheme = ADW_COLOR_SCHEME_DEFAULT;
      break;
    }

  adw_style_manager_set_color_scheme (manager, scheme);
}

static void
color_scheme_changed_cb (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  _glossa_apply_color_scheme_now (settings);
}

void
glossa_preferences_apply_color_scheme (GSettings *settings)
{
  static GQuark connected_quark;

  g_return_if_fail (G_IS_SETTINGS (settings));

  if (connected_quark == 0)
    connected_quark = g_quark_from_static_string ("glossa-color-scheme-connected");

  _glossa_apply_color_scheme_now (settings);

  if (g_object_get_qdata (G_OBJECT (settings), connected_quark) == NULL)
    {
      g_signal_connect (settings, "changed::color-scheme",
                        G_CALLBACK (color_scheme_changed_cb), NULL);
      g_object_set_qdata (G_OBJECT (settings), connected_quark, GINT_TO_POINTER (TRUE));
    }
}

static gboolean
scheme_get_mapping_cb (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  guint selected = SCHEME_DEFAULT;

  if (g_strcmp0 (nick, "light") == 0)
    selected = SCHEME_LIGHT;
  else if (g_strcmp0 (nick, "dark") == 0)
    selected = SCHEME_DARK;

  g_value_set_uint (value, selected);
  return TRUE;
}

static GVariant *
scheme_set_mapping_cb (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  switch (g_value_get_uint (value))
    {
    case SCHEME_LIGHT:
      return g_variant_new_string ("light");

    case SCHEME_DARK:
      return g_variant_new_string ("dark");

    case SCHEME_DEFAULT:
    default:
      return g_variant_new_string ("default");
    }
}

static void
glossa_preferences_window_dispose (GObject *object)
{
  GlossaPreferencesWindow *self = GLOSSA_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glossa_preferences_window_parent_class)->dispose (object);
}

static void
glossa_preferences_window_class_init (GlossaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossa_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossa/Glossa/glossa-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossaPreferencesWindow, coder_group);
  gtk_widget_class_bind_template_child (widget_class, GlossaPreferencesWindow, coder_row);
  gtk_widget_class_bind_template_child (widget_class, GlossaPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, GlossaPreferencesWindow, scheme_row);
}

static void
glossa_preferences_window_init (GlossaPreferencesWindow *self)
{
  g_autofree char *description = NULL;
  GtkEditable *delegate;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  /* Translators: %s is the user's real name, used when the coder name is empty. */
  description = g_strdup_printf (_("Recorded as the author of each new annotation. "
                                   "Leave it empty to use your name, “%s”."),
                                 _glossa_default_coder_name ());
  adw_preferences_group_set_description (self->coder_group, description);

  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->coder_row));
  if (GTK_IS_TEXT (delegate))
    gtk_text_set_placeholder_text (GTK_TEXT (delegate), _glossa_default_coder_name ());

  g_settings_bind (self->settings, "coder-name", self->coder_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reader-font", self->font_button, "font",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                scheme_get_mapping_cb, scheme_set_mapping_cb, NULL, NULL);

  glossa_preferences_apply_color_scheme (self->settings);
}

GtkWidget *
glossa_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (GLOSSA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
