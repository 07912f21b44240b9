/* glossa-window-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's instance struct, shared by glossa-window.c (panes, reading,
 * the annotations list) and glossa-window-actions.c (commands).
 */
#pragma once

#include "glossa-window.h"
#include "glossa-history.h"
#include "glossa-library.h"
#include "glossa-reader.h"

G_BEGIN_DECLS

struct _GlossaWindow
{
  AdwApplicationWindow  parent_instance;

  GlossaLibrary        *library;
  GlossaHistory        *history;
  GSettings            *settings;

  /* The open article. */
  gint64                article_id;
  GlossaExtracted      *content;
  /* The last import found already in the library, for "Import Again". */
  GlossaExtracted      *duplicate;
  GBytes               *duplicate_original;
  char                 *duplicate_source;
  char                 *content_sha256;     /* of the text shown, to notice a re-import */
  GHashTable           *scroll_offsets;     /* article id → gdouble* */
  gint64                selected_annotation;
  gint64                active_tag;         /* last tag applied; sticky mode uses it */
  gint64                history_step_article; /* another article an undo/redo changed */
  gint64                changed_article;    /* the last such, for the toast's Show */

  GListStore           *annotations;        /* GlossaAnnotation of the article, live */
  GListStore           *orphans;            /* GlossaAnnotation, orphaned */
  GtkFilterListModel   *filtered_annotations;
  GtkCustomFilter      *annotation_filter;
  GtkSingleSelection   *annotation_selection;
  GtkFilterListModel   *filtered_articles;
  GtkSortListModel     *sorted_articles;
  GtkSingleSelection   *article_selection;
  GtkCustomFilter      *article_filter;
  GtkStringList        *tag_filter_names;
  GArray               *tag_filter_ids;     /* gint64, parallel to tag_filter_names */
  char                 *tags_signature;     /* what the codebook looked like last time */

  GCancellable         *import_cancellable;
  guint                 import_pending;
  guint                 import_pulse;
  guint                 restore_scroll;
  guint                 selection_idle;
  gint64                tag_popover_shown_at; /* monotonic µs */
  int                   annotations_width;
  int                   last_width;

  guint                 in_refresh : 1;
  guint                 in_history_step : 1;
  guint                 sticky : 1;
  guint                 placing_divider : 1;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *article_menu;
  GtkMenuButton        *article_menu_button;
  GtkPopoverMenu       *article_popover;    /* the library row's context menu */
  GtkToggleButton      *library_toggle;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkToggleButton      *annotations_toggle;
  GtkBox               *import_box;
  GtkProgressBar       *import_progress;
  GtkLabel             *import_label;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_count_label;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkWidget            *library_pane;
  GtkSearchEntry       *library_filter_entry;
  GtkDropDown          *library_sort_dropdown;
  GtkStack             *library_stack;
  GtkListView          *article_list;
  GtkStack             *reader_stack;
  GtkScrolledWindow    *reader_scroller;
  GlossaReader         *reader;
  GtkWidget            *annotations_pane;
  GtkDropDown          *tag_filter_dropdown;
  GtkStack             *annotations_stack;
  AdwStatusPage        *annotations_no_match;
  GtkLabel             *sticky_label;
  GtkListView          *annotation_list;
  GtkExpander          *orphans_expander;
  GtkListView          *orphan_list;
  GtkPopover           *tag_popover;
  GtkListView          *tag_popover_list;
  GtkEntry             *tag_popover_note;
};

/* glossa-window.c */
AdwToast *_glossa_toast_new_plain  (const char    *text);
void     _glossa_window_popup_article_menu (GlossaWindow  *self,
                                            GtkWidget     *row,
                                            double         x,
                                            double         y);
void     _glossa_window_toast_header_selected (GlossaWindow *self);
void     _glossa_window_set_active_tag     (GlossaWindow  *self,
                                            gint64         tag_id);
void     _glossa_window_toast              (GlossaWindow  *self,
                                            const char    *message,
                                            gboolean       offer_undo);
void     _glossa_window_show_error         (GlossaWindow  *self,
                                            const GError  *error);
gboolean _glossa_window_get_selection      (GlossaWindow  *self,
                                            gint64        *start,
                                            gint64        *end);
void     _glossa_window_refresh_annotations (GlossaWindow *self);
void     _glossa_window_select_annotation  (GlossaWindow  *self,
                                            gint64         annotation_id);
void     _glossa_window_update_search      (GlossaWindow  *self,
                                            gboolean       backwards,
                                            gboolean       next);
char    *_glossa_window_get_author         (GlossaWindow  *self);
gint64   _glossa_window_tag_for_key        (GlossaWindow  *self,
                                            guint          key);
void     _glossa_window_set_pane_visible   (GlossaWindow  *self,
                                            GtkWidget     *pane,
                                            gboolean       visible);
void     _glossa_window_extend_selection   (GlossaWindow  *self);
void     _glossa_window_show_tag_popover   (GlossaWindow  *self);
void     _glossa_window_notify_importing   (GlossaWindow  *self);

/* glossa-window-actions.c */
void     _glossa_window_class_add_actions  (GtkWidgetClass *widget_class);
void     _glossa_window_update_actions     (GlossaWindow  *self);
gint64   _glossa_window_tag_selection      (GlossaWindow  *self,
                                            gint64         tag_id,
                                            const char    *note);
void     _glossa_window_toggle_tag         (GlossaWindow  *self,
                                            gint64         annotation_id,
                                            gint64         tag_id);
void     _glossa_window_import_files       (GlossaWindow  *self,
                                            GFile        **files,
                                            guint          n_files);

/* glossa-window-article.c */
void       _glossa_window_class_add_article_actions (GtkWidgetClass *widget_class);
void       _glossa_window_update_article_actions    (GlossaWindow   *self);
GtkWidget *_glossa_window_article_details_new       (GlossaWindow   *self);

G_END_DECLS
