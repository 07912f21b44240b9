/* glossa-report.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "glossa-exchange-private.h"
#include "glossa-report.h"

/* Shared */

typedef struct {
  GlossaLibrary           *library;
  const GlossaExportScope *scope;
  GOutputStream           *stream;
  GCancellable            *cancellable;
  GlossaReportFormat       format;
  GHashTable              *tag_paths;   /* id → "Parent/Child" */
  GHashTable              *tag_order;   /* id → position in pre-order */
  GPtrArray               *links;
} Report;

static gboolean
put (Report      *r,
     const char  *str,
     GError     **error)
{
  return g_output_stream_write_all (r->stream, str, strlen (str), NULL, r->cancellable, error);
}

static void
load_tags (Report *r)
{
  GListModel *tags = glossa_library_get_tags (r->library);
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

  r->tag_paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  r->tag_order = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, i);
      guint depth = glossa_tag_get_depth (tag);
      g_autoptr(GString) path = g_string_new (NULL);

      g_ptr_array_set_size (stack, MIN (depth, stack->len));
      for (guint k = 0; k < stack->len; k++)
        g_string_append_printf (path, "%s/", (const char *) g_ptr_array_index (stack, k));
      g_string_append (path, glossa_tag_get_name (tag));

      g_hash_table_insert (r->tag_order, g_memdup2 (&(gint64) { glossa_tag_get_id (tag) }, sizeof (gint64)),
                           GUINT_TO_POINTER (i + 1));
      g_hash_table_insert (r->tag_paths, g_memdup2 (&(gint64) { glossa_tag_get_id (tag) }, sizeof (gint64)),
                           g_string_free (g_steal_pointer (&path), FALSE));
      g_ptr_array_add (stack, g_strdup (glossa_tag_get_name (tag)));
    }
}

static void
report_clear (Report *r)
{
  g_clear_pointer (&r->tag_paths, g_hash_table_unref);
  g_clear_pointer (&r->tag_order, g_hash_table_unref);
  g_clear_pointer (&r->links, g_ptr_array_unref);
}

static char *
tag_list (Report           *r,
          GlossaAnnotation *annotation,
          const char       *separator)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n;
  const gint64 *ids = glossa_annotation_get_tag_ids (annotation, &n);

  for (guint i = 0; i < n; i++)
    {
      const char *path = g_hash_table_lookup (r->tag_paths, &ids[i]);

      if (path != NULL)
        g_ptr_array_add (names, (gpointer) path);
    }
  g_ptr_array_add (names, NULL);

  return g_strjoinv (separator, (char **) names->pdata);
}

/* CSV */

void
glossa_csv_append_field (GString    *out,
                         const char *field)
{
  if (field == NULL)
    field = "";

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != 0; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
glossa_csv_export (GlossaLibrary            *library,
                   const GlossaExportScope  *scope,
                   gboolean                  bom,
                   GOutputStream            *stream,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  Report r = { library, scope, stream, cancellable };
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GString) row = g_string_new (NULL);
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  load_tags (&r);
  articles = _glossa_scope_articles (library, scope, error);
  if (articles == NULL)
    goto out;

  if (bom && !put (&r, "\xEF\xBB\xBF", error))
    goto out;
  if (!put (&r, "article,tags,quote,note,start,end,author,created,modified\r\n", error))
    goto out;

  for (guint i = 0; i < articles->len; i++)
    {
      GlossaArticle *article = g_ptr_array_index (articles, i);
      g_autoptr(GPtrArray) annotations = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      annotations = _glossa_scope_annotations (library, scope, glossa_article_get_id (article), error);
      if (annotations == NULL)
        goto out;

      for (guint k = 0; k < annotations->len; k++)
        {
          GlossaAnnotation *annotation = g_ptr_array_index (annotations, k);
          g_autofree char *tags = tag_list (&r, annotation, "; ");
          g_autofree char *created = _glossa_format_time (glossa_annotation_get_created (annotation));
          g_autofree char *modified = _glossa_format_time (glossa_annotation_get_modified (annotation));

          g_string_truncate (row, 0);
          glossa_csv_append_field (row, glossa_article_get_title (article));
          g_string_append_c (row, ',');
          glossa_csv_append_field (row, tags);
          g_string_append_c (row, ',');
          glossa_csv_append_field (row, glossa_annotation_get_quote (annotation));
          g_string_append_c (row, ',');
          glossa_csv_append_field (row, glossa_annotation_get_note (annotation));
          g_string_append_printf (row, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",",
                                  glossa_annotation_get_start (annotation), glossa_annotation_get_end (annotation));
          glossa_csv_append_field (row, glossa_annotation_get_author (annotation));
          g_string_append_printf (row, ",%s,%s\r\n", created, modified);

          if (!put (&r, row->str, error))
            goto out;
        }
    }
  ok = TRUE;

out:
  report_clear (&r);
  return ok;
}

/* Report */

static char *
escape (Report     *r,
        const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (r->format == GLOSSA_REPORT_HTML)
    return g_markup_escape_text (text, -1);

  /* Markdown: no raw HTML gets through, and no character starts markup */
  out = g_string_new (NULL);
  for (const char *p = text; *p != 0; p++)
    {
      switch (*p)
        {
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '\n':
          g_string_append (out, " ");
          break;
        case '\\': case '`': case '*': case '_': case '[': case ']': case '(': case ')':
        case '#': case '|': case '!': case '~': case '{': case '}': case '+': case '-':
          g_string_append_c (out, '\\');
          G_GNUC_FALLTHROUGH;
        default:
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

static char *
shorten (const char *text,
         glong       max)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, max - 1);
  return g_strconcat (head, "…", NULL);
}

static const char *
passive (const char *type)
{
  static const struct { const char *active, *passive; } forms[] = {
    { "supports", N_("supported by") },
    { "contradicts", N_("contradicted by") },
    { "elaborates", N_("elaborated by") },
    { "cites", N_("cited by") },
    { "refutes", N_("refuted by") },
    { "qualifies", N_("qualified by") },
    { "answers", N_("answered by") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      if (g_strcmp0 (type, forms[i].active) == 0)
        return _(forms[i].passive);
    }

  return NULL;
}

/* "← supported by Evidence “…”" and "→ supports Claim “…”" */
static char *
link_line (Report           *r,
           GlossaLink       *link,
           GlossaAnnotation *other,
           gboolean          incoming)
{
  g_autofree char *tags = tag_list (r, other, ", ");
  g_autofree char *quote = shorten (glossa_annotation_get_quote (other), 80);
  g_autofree char *tags_e = escape (r, tags);
  g_autofree char *quote_e = escape (r, quote);
  g_autofree char *note_e = NULL;
  const char *type = glossa_link_get_link_type (link);
  g_autofree char *verb = NULL;
  const char *note = glossa_link_get_note (link);

  if (incoming)
    verb = passive (type) ? g_strdup (passive (type)) : g_strdup_printf (_("%s (from)"), type);
  else
    verb = g_strdup (glossa_link_type_get_label (type));
  {
    g_autofree char *raw = g_steal_pointer (&verb);
    verb = escape (r, raw);
  }
  if (note != NULL && *note != 0)
    note_e = escape (r, note);

  return g_strdup_printf ("%s %s %s%s“%s”%s%s%s", incoming ? "←" : "→", verb, tags_e, *tags_e ? " " : "", quote_e,
                          note_e ? " (" : "", note_e ? note_e : "", note_e ? ")" : "");
}

/* A report is shared: a local file is named, not the folders it sits in. */
static const char *
shown_source (const char *source)
{
  const char *slash;

  if (source == NULL || (!g_path_is_absolute (source) && !g_str_has_prefix (source, "file:")))
    return source;

  slash = strrchr (source, '/');
  return slash != NULL && slash[1] != 0 ? slash + 1 : source;
}

static gboolean
write_passage (Report            *r,
               GlossaAnnotation  *annotation,
               GError           **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *prefix = escape (r, glossa_annotation_get_prefix (annotation));
  g_autofree char *quote = escape (r, glossa_annotation_get_quote (annotation));
  g_autofree char *suffix = escape (r, glossa_annotation_get_suffix (annotation));
  g_autofree char *note = escape (r, glossa_annotation_get_note (annotation));
  g_autofree char *author = escape (r, glossa_annotation_get_author (annotation));
  gint64 id = glossa_annotation_get_id (annotation);
  gboolean html = r->format == GLOSSA_REPORT_HTML;

  if (html)
    g_string_append_printf (s, "<li><p class=\"passage\">…%s<mark>%s</mark>%s…</p>\n", prefix, quote, suffix);
  else
    g_string_append_printf (s, "- …%s**%s**%s…\n", prefix, quote, suffix);

  if (*note != 0)
    g_string_append_printf (s, html ? "<p class=\"note\">%s</p>\n" : _("  - Note: %s\n"), note);
  if (*author != 0 || glossa_annotation_get_orphaned (annotation))
    g_string_append_printf (s, html ? "<p class=\"meta\">%s%s</p>\n" : "  - %s%s\n", author,
                            glossa_annotation_get_orphaned (annotation) ? _(" (orphaned: the text changed)") : "");

  for (guint i = 0; i < r->links->len; i++)
    {
      GlossaLink *link = g_ptr_array_index (r->links, i);
      gboolean incoming = glossa_link_get_to_id (link) == id;
      g_autoptr(GlossaAnnotation) other = NULL;
      g_autofree char *line = NULL;

      if (!incoming && glossa_link_get_from_id (link) != id)
        continue;
      other = glossa_library_get_annotation (r->library,
                                             incoming ? glossa_link_get_from_id (link) : glossa_link_get_to_id (link),
                                             NULL);
      if (other == NULL)
        continue;
      line = link_line (r, link, other, incoming);
      g_string_append_printf (s, html ? "<p class=\"link\">%s</p>\n" : "  - %s\n", line);
    }

  if (html)
    g_string_append (s, "</li>\n");

  return put (r, s->str, error);
}

static int
compare_tag_order (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  Report *r = user_data;
  guint x = GPOINTER_TO_UINT (g_hash_table_lookup (r->tag_order, a));
  guint y = GPOINTER_TO_UINT (g_hash_table_lookup (r->tag_order, b));

  return x < y ? -1 : x > y;
}

static gboolean
write_article (Report         *r,
               GlossaArticle  *article,
               GError        **error)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *title = escape (r, glossa_article_get_title (article));
  g_autofree char *byline = escape (r, glossa_article_get_byline (article));
  g_autofree char *source = escape (r, shown_source (glossa_article_get_source (article)));
  g_autofree char *language = glossa_article_get_language (article) ?
    g_markup_escape_text (glossa_article_get_language (article), -1) : NULL;
  const char *direction = glossa_article_get_direction (article);
  gboolean html = r->format == GLOSSA_REPORT_HTML;
  gboolean untagged = FALSE;

  annotations = _glossa_scope_annotations (r->library, r->scope, glossa_article_get_id (article), error);
  if (annotations == NULL)
    return FALSE;

  for (guint i = 0; i < annotations->len; i++)
    {
      guint n;
      const gint64 *ids = glossa_annotation_get_tag_ids (g_ptr_array_index (annotations, i), &n);

      untagged |= n == 0;
      for (guint k = 0; k < n; k++)
        {
          gboolean seen = FALSE;

          for (guint m = 0; m < tags->len && !seen; m++)
            seen = g_array_index (tags, gint64, m) == ids[k];
          if (!seen && g_hash_table_contains (r->tag_paths, &ids[k]))
            g_array_append_val (tags, ids[k]);
        }
    }
  g_array_sort_with_data (tags, compare_tag_order, r);

  /* only the two values HTML knows; anything else would be markup */
  if (g_strcmp0 (direction, "ltr") != 0 && g_strcmp0 (direction, "rtl") != 0)
    direction = NULL;

  if (html)
    {
      g_string_append_printf (s, "<article%s%s%s%s%s%s>\n<h2>%s</h2>\n",
                              language ? " lang=\"" : "", language ? language : "", language ? "\"" : "",
                              direction ? " dir=\"" : "", direction ? direction : "", direction ? "\"" : "", title);
      if (*byline != 0 || *source != 0)
        g_string_append_printf (s, "<p class=\"meta\">%s%s%s</p>\n", byline, *byline && *source ? " · " : "", source);
      g_string_append (s, "<p class=\"meta\">");
      g_string_append_printf (s, ngettext ("%u passage", "%u passages", annotations->len), annotations->len);
      g_string_append (s, "</p>\n");
    }
  else
    {
      g_string_append_printf (s, "\n## %s\n\n", title);
      if (*byline != 0 || *source != 0)
        g_string_append_printf (s, "%s%s%s\n\n", byline, *byline && *source ? " · " : "", source);
      g_string_append_printf (s, ngettext ("%u passage", "%u passages", annotations->len), annotations->len);
      g_string_append_c (s, '\n');
    }
  if (!put (r, s->str, error))
    return FALSE;

  for (guint t = 0; t <= tags->len; t++)
    {
      gint64 tag_id = t < tags->len ? g_array_index (tags, gint64, t) : 0;
      g_autofree char *heading = NULL;

      if (t == tags->len && !untagged)
        break;
      heading = escape (r, tag_id != 0 ? g_hash_table_lookup (r->tag_paths, &tag_id) : _("Untagged"));
      g_string_printf (s, html ? "<h3>%s</h3>\n<ul>\n" : "\n### %s\n\n", heading);
      if (!put (r, s->str, error))
        return FALSE;

      for (guint i = 0; i < annotations->len; i++)
        {
          GlossaAnnotation *annotation = g_ptr_array_index (annotations, i);
          guint n;

          glossa_annotation_get_tag_ids (annotation, &n);
          if (tag_id != 0 ? !glossa_annotation_has_tag (annotation, tag_id) : n != 0)
            continue;
          if (!write_passage (r, annotation, error))
            return FALSE;
        }
      if (html && !put (r, "</ul>\n", error))
        return FALSE;
    }

  return !html || put (r, "</article>\n", error);
}

static const char html_head[] =
  "<!DOCTYPE html>\n"
  "<html>\n<head>\n<meta charset=\"utf-8\">\n"
  "<meta name=\"generator\" content=\"Glossa " PACKAGE_VERSION "\">\n"
  /* nothing is fetched: the report opens the same offline */
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
  "<style>\n"
  "body { font-family: system-ui, 'Noto Sans CJK SC', sans-serif; max-width: 50em; margin: 2em auto;"
  " padding: 0 1em; line-height: 1.5; color: #241f31; }\n"
  "article { border-top: 1px solid #deddda; margin-top: 2em; }\n"
  "mark { background: #f9f06b; }\n"
  ".passage { white-space: pre-line; }\n"
  ".meta { color: #5e5c64; font-size: 0.9em; }\n"
  ".note { border-left: 3px solid #99c1f1; padding-left: 0.5em; }\n"
  ".link { color: #1c71d8; }\n"
  "@media (prefers-color-scheme: dark) { body { background: #241f31; color: #f6f5f4; }"
  " mark { background: #9c6e03; color: #fff; } .meta { color: #c0bfbc; } }\n"
  "</style>\n";

gboolean
glossa_report_export (GlossaLibrary            *library,
                      const GlossaExportScope  *scope,
                      GlossaReportFormat        format,
                      GOutputStream            *stream,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  Report r = { library, scope, stream, cancellable, format };
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *now = _glossa_format_time (g_get_real_time ());
  g_autofree char *generated = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  load_tags (&r);
  r.links = glossa_library_list_links (library, 0, error);
  if (r.links == NULL)
    goto out;
  articles = _glossa_scope_articles (library, scope, error);
  if (articles == NULL)
    goto out;

  now[19] = 0;   /* seconds are enough for a reader */
  {
    g_autofree char *count = g_strdup_printf (ngettext ("%u article", "%u articles", articles->len), articles->len);
    g_autofree char *title = escape (&r, _("Glossa report"));

    generated = format == GLOSSA_REPORT_HTML
      ? g_strdup_printf ("<title>%s</title>\n</head>\n<body>\n<h1>%s</h1>\n<p class=\"meta\">%s · %s UTC</p>\n",
                         title, title, count, now)
      : g_strdup_printf ("# %s\n\n%s · %s UTC\n", title, count, now);
  }
  if ((format == GLOSSA_REPORT_HTML && !put (&r, html_head, error)) || !put (&r, generated, error))
    goto out;

  for (guint i = 0; i < articles->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !write_article (&r, g_ptr_array_index (articles, i), error))
        goto out;
    }

  ok = format != GLOSSA_REPORT_HTML || put (&r, "</body>\n</html>\n", error);

out:
  report_clear (&r);
  return ok;
}

static gboolean
write_to_path (GlossaLibrary            *library,
               const GlossaExportScope  *scope,
               int                       kind,   /* -1 CSV, -2 CSV with BOM, else a format */
               const char               *path,
               GCancellable             *cancellable,
               GError                  **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (out != NULL)
    {
      buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 256 * 1024);
      if (kind < 0)
        ok = glossa_csv_export (library, scope, kind == -2, buffered, cancellable, &local_error);
      else
        ok = glossa_report_export (library, scope, kind, buffered, cancellable, &local_error);
      if (ok && g_output_stream_close (buffered, cancellable, &local_error))
        return TRUE;

      {
        g_autoptr(GCancellable) abort = g_cancellable_new ();

        g_cancellable_cancel (abort);
        g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      }
    }

  g_set_error (error, GLOSSA_EXCHANGE_ERROR, GLOSSA_EXCHANGE_ERROR_FAILED,
               _("Could not write “%s”: %s"), path, local_error->message);
  return FALSE;
}

gboolean
glossa_csv_export_to_path (GlossaLibrary            *library,
                           const GlossaExportScope  *scope,
                           gboolean                  bom,
                           const char               *path,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  return write_to_path (library, scope, bom ? -2 : -1, path, cancellable, error);
}

gboolean
glossa_report_export_to_path (GlossaLibrary            *library,
                              const GlossaExportScope  *scope,
                              GlossaReportFormat        format,
                              const char               *path,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  return write_to_path (library, scope, format, path, cancellable, error);
}
