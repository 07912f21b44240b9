/* test-dialogs.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's dialogs driven through their widgets and actions, on a real
 * library in a temporary directory.  Runs under Xvfb (suite 'ui').
 */
#include "config.h"

#include <adwaita.h>

#include "glossa-about.h"
#include "glossa-preferences-window.h"
#include "glossa-resources.h"

static gpointer
_template_child (gpointer     widget,
                 GType        type,
                 const char  *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static void
_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
_destroy_window (GtkWidget *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  _iterate ();
  g_assert_finalize_object (window);
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *font = NULL;
  g_autofree char *coder = NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window;
  AdwEntryRow *coder_row;
  GtkFontChooser *font_button;
  AdwComboRow *scheme_row;

  g_settings_reset (settings, "coder-name");
  g_settings_reset (settings, "reader-font");
  g_settings_reset (settings, "color-scheme");

  window = glossa_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  _iterate ();

  coder_row = _template_child (window, GLOSSA_TYPE_PREFERENCES_WINDOW, "coder_row");
  font_button = _template_child (window, GLOSSA_TYPE_PREFERENCES_WINDOW, "font_button");
  scheme_row = _template_child (window, GLOSSA_TYPE_PREFERENCES_WINDOW, "scheme_row");

  /* The defaults reach the widgets. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (coder_row)), ==, "");
  font = gtk_font_chooser_get_font (font_button);
  g_assert_cmpstr (font, ==, "Noto Serif CJK SC 13");
  g_clear_pointer (&font, g_free);
  g_assert_cmpuint (adw_combo_row_get_selected (scheme_row), ==, 0);

  /* An empty coder name falls back to the user's own name. */
  coder = glossa_preferences_get_coder_name (settings);
  g_assert_nonnull (coder);
  g_assert_cmpstr (coder, !=, "");
  g_clear_pointer (&coder, g_free);

  /* Widgets write the keys. */
  gtk_editable_set_text (GTK_EDITABLE (coder_row), "李华");
  g_assert_cmpstr (g_settings_get_string (settings, "coder-name"), ==, "李华");
  coder = glossa_preferences_get_coder_name (settings);
  g_assert_cmpstr (coder, ==, "李华");

  gtk_font_chooser_set_font (font_button, "Noto Sans CJK SC 16");
  font = g_settings_get_string (settings, "reader-font");
  g_assert_cmpstr (font, ==, "Noto Sans CJK SC 16");

  adw_combo_row_set_selected (scheme_row, 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  adw_combo_row_set_selected (scheme_row, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* And a key changed elsewhere reaches the widgets and the style. */
  g_settings_set_string (settings, "coder-name", "Ann Analyst");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (coder_row)), ==, "Ann Analyst");
  g_settings_set_enum (settings, "color-scheme", 0);
  g_assert_cmpuint (adw_combo_row_get_selected (scheme_row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  _destroy_window (window);

  /* Applying at startup honours the stored key, and later changes too. */
  g_settings_set_enum (settings, "color-scheme", 2);
  glossa_preferences_apply_color_scheme (settings);
  glossa_preferences_apply_color_scheme (settings);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_enum (settings, "color-scheme", 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_about (void)
{
  g_autoptr(GtkWindow) parent = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwAboutWindow *about = NULL;

  parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  glossa_show_about (parent);
  _iterate ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (item))
        about = ADW_ABOUT_WINDOW (item);
    }

  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == parent);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);

  _destroy_window (GTK_WIDGET (about));
  gtk_window_destroy (parent);
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GObject *overlay;

  builder = gtk_builder_new ();
  gtk_builder_add_from_resource (builder, "/io/github/glossa/Glossa/gtk/help-overlay.ui", &error);
  g_assert_no_error (error);
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  (void) glossa_get_resource ();

  g_test_add_func ("/dialogs/preferences", test_preferences);
  g_test_add_func ("/dialogs/about", test_about);
  g_test_add_func ("/dialogs/help-overlay", test_help_overlay);

  return g_test_run ();
}
