/* exchange-common.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the exchange-format tests share: a library with CJK text, nested
 * tags, multi-tag annotations, notes, links and an orphan; a dump of a
 * whole library, item by item, for comparing two of them.
 */
#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "glossa-library.h"

typedef struct {
  char          *dir;
  GlossaLibrary *library;
  gint64         article_zh;
  gint64         article_en;
  gint64         article_orphan;
  gint64         tag_claim;
  gint64         tag_evidence;
  gint64         tag_statistic;   /* child of evidence */
  gint64         annotation_claim;
  gint64         annotation_evidence;
  gint64         annotation_en;
  gint64         link;
} ExchangeFixture;

#define TEXT_ZH \
  "人工智能是互联网的解药。这是一个大胆的说法😀。\n" \
  "研究显示，42% 的用户更信任机器生成的摘要。\n" \
  "然而，批评者认为这种说法缺乏证据。"

#define TEXT_EN \
  "AI is the internet's antidote, the press release says.\n" \
  "A survey of 1,000 readers found 42% trust <summaries> & \"digests\".\n" \
  "Form\x0c" "feed and tab\there."

static inline char *
fixture_path (ExchangeFixture *fx,
              const char      *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

static inline GlossaLibrary *
fixture_empty_library (ExchangeFixture *fx,
                       const char      *name)
{
  g_autofree char *path = fixture_path (fx, name);
  g_autoptr(GError) error = NULL;
  GlossaLibrary *library = glossa_library_open (path, &error);
  GListModel *tags;

  g_assert_no_error (error);
  g_assert_nonnull (library);

  /* a new library starts with the default codebook; drop it */
  tags = glossa_library_get_tags (library);
  while (g_list_model_get_n_items (tags) > 0)
    {
      g_autoptr(GlossaTag) tag = g_list_model_get_item (tags, 0);

      g_assert_cmpint (glossa_library_remove_tag (library, glossa_tag_get_id (tag),
                                                  GLOSSA_TAG_DELETE_KEEP_ANNOTATIONS, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (glossa_library_empty_trash (library, &error));
  g_assert_no_error (error);

  return library;
}

static inline gint64
fixture_add_article (GlossaLibrary *library,
                     const char    *title,
                     const char    *text,
                     gboolean       best_effort)
{
  g_autoptr(GlossaExtracted) extracted = glossa_extracted_new ();
  g_autoptr(GError) error = NULL;
  const char *p = text;
  gint64 start = 0;
  gint64 id;

  extracted->title = g_strdup (title);
  extracted->byline = g_strdup ("张三 & Jane <Doe>");
  extracted->published = g_strdup ("2026-03-01");
  extracted->site_name = g_strdup ("新闻网");
  extracted->language = g_strdup ("zh");
  extracted->direction = g_strdup ("ltr");
  extracted->format = g_strdup (best_effort ? "html" : "text");
  extracted->encoding = g_strdup ("GB18030");
  extracted->best_effort = best_effort;
  glossa_extracted_set_text (extracted, g_strdup (text));

  /* one paragraph per line */
  while (*p != 0)
    {
      const char *nl = strchr (p, '\n');
      gint64 end = start + g_utf8_strlen (p, nl ? nl - p : -1);

      glossa_extracted_add_block (extracted, start == 0 ? GLOSSA_BLOCK_HEADING : GLOSSA_BLOCK_PARAGRAPH,
                                  start == 0 ? 1 : 0, start, end);
      if (nl == NULL)
        break;
      start = end + 1;
      p = nl + 1;
    }
  glossa_extracted_add_link (extracted, 0, 4, "https://example.org/a?b=1&c=2");

  id = glossa_library_add_article (library, extracted, NULL, "file:///tmp/source.html", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static inline gint64
fixture_annotate (GlossaLibrary *library,
                  gint64         article_id,
                  const char    *quote,
                  const gint64  *tags,
                  guint          n_tags,
                  const char    *note,
                  const char    *author)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  g_assert_true (glossa_library_find_quote (library, article_id, quote, 1, &start, &end, &error));
  g_assert_no_error (error);
  id = glossa_library_add_annotation (library, article_id, start, end, tags, n_tags, note, author, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static inline void
exchange_fixture_set_up (ExchangeFixture *fx,
                         gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossaExtracted) changed = NULL;
  g_autoptr(GlossaReanchorReport) report = NULL;
  gint64 both[2];

  fx->dir = g_dir_make_tmp ("glossa-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  fx->library = fixture_empty_library (fx, "source.glossa");

  fx->tag_claim = glossa_library_add_tag (fx->library, "Claim", 0, "#e01b24", "A statement “to check”.", 1, NULL, &error);
  g_assert_no_error (error);
  fx->tag_evidence = glossa_library_add_tag (fx->library, "证据", 0, "#2ec27e", NULL, 2, NULL, &error);
  g_assert_no_error (error);
  fx->tag_statistic = glossa_library_add_tag (fx->library, "Statistic", fx->tag_evidence, "#3584e4",
                                              "Numbers <with> markup & such", 0, NULL, &error);
  g_assert_no_error (error);

  fx->article_zh = fixture_add_article (fx->library, "人工智能：互联网的解药？", TEXT_ZH, FALSE);
  fx->article_en = fixture_add_article (fx->library, "AI & the \"antidote\"", TEXT_EN, TRUE);
  fx->article_orphan = fixture_add_article (fx->library, "Will change", "One sentence stays. Another goes away.", FALSE);

  fx->annotation_claim = fixture_annotate (fx->library, fx->article_zh, "人工智能是互联网的解药",
                                           &fx->tag_claim, 1, "大胆😀的说法\nline two", "王五");
  both[0] = fx->tag_evidence;
  both[1] = fx->tag_statistic;
  fx->annotation_evidence = fixture_annotate (fx->library, fx->article_zh, "42% 的用户更信任机器生成的摘要",
                                              both, 2, NULL, "王五");
  fixture_annotate (fx->library, fx->article_zh, "互联网的解药。这是", NULL, 0, "overlaps, no tag", "Jane");
  fx->annotation_en = fixture_annotate (fx->library, fx->article_en, "42% trust <summaries> & \"digests\"",
                                        &fx->tag_statistic, 1, "CR\r\nLF and a bell \x07 here", "Jane");
  fixture_annotate (fx->library, fx->article_orphan, "Another goes away", &fx->tag_claim, 1, "will be orphaned", NULL);

  fx->link = glossa_library_add_link (fx->library, fx->annotation_evidence, fx->annotation_claim, "supports",
                                      GLOSSA_LINK_ONE_WAY, "survey backs it", NULL, &error);
  g_assert_no_error (error);
  glossa_library_add_link (fx->library, fx->annotation_en, fx->annotation_claim, "contradicts",
                           GLOSSA_LINK_BIDIRECTIONAL, NULL, NULL, &error);
  g_assert_no_error (error);

  changed = glossa_extracted_new ();
  changed->title = g_strdup ("Will change");
  changed->format = g_strdup ("text");
  glossa_extracted_set_text (changed, g_strdup ("One sentence stays. Something else entirely."));
  g_assert_true (glossa_library_update_content (fx->library, fx->article_orphan, changed, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_orphaned, ==, 1);
}

static inline void
exchange_fixture_tear_down (ExchangeFixture *fx,
                            gconstpointer    data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (fx->library);

  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static inline int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static inline char *
dump_escape (const char *str)
{
  return g_strescape (str ? str : "", NULL);
}

/* Everything in @library but integer ids, one line per item, sorted, so that
 * two libraries can be compared with one string comparison that still says
 * which item differs. */
static inline char *
dump_library (GlossaLibrary *library)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) article_uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) tag_uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) annotation_uuids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) types = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GListModel *model;

#define ID(table, id) ((const char *) ((id) == 0 ? "-" : g_hash_table_lookup (table, &(gint64) { id })))
#define PUT(table, id, uuid) g_hash_table_insert (table, g_memdup2 (&(gint64) { id }, sizeof (gint64)), g_strdup (uuid))

  model = glossa_library_get_articles (library);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossaArticle) a = g_list_model_get_item (model, i);
      g_autoptr(GlossaExtracted) content = glossa_library_load_content (library, glossa_article_get_id (a), &error);
      g_autofree char *title = dump_escape (glossa_article_get_title (a));
      g_autofree char *byline = dump_escape (glossa_article_get_byline (a));
      g_autofree char *text = NULL;
      g_autoptr(GString) spans = g_string_new (NULL);

      g_assert_no_error (error);
      text = dump_escape (content->text);
      for (guint j = 0; j < content->blocks->len; j++)
        {
          GlossaBlock *b = &g_array_index (content->blocks, GlossaBlock, j);
          g_string_append_printf (spans, " block=%d/%u/%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                  b->kind, b->level, b->start, b->end);
        }
      for (guint j = 0; j < content->links->len; j++)
        {
          GlossaLinkSpan *s = &g_array_index (content->links, GlossaLinkSpan, j);
          g_string_append_printf (spans, " href=%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ":%s", s->start, s->end, s->href);
        }
      PUT (article_uuids, glossa_article_get_id (a), glossa_article_get_uuid (a));
      g_ptr_array_add (lines, g_strdup_printf ("article %s title=%s byline=%s published=%s site=%s source=%s "
                                               "format=%s encoding=%s language=%s direction=%s sha256=%s "
                                               "imported=%" G_GINT64_FORMAT " modified=%" G_GINT64_FORMAT
                                               " length=%" G_GINT64_FORMAT " n=%u best=%d text=%s%s",
                                               glossa_article_get_uuid (a), title, byline,
                                               glossa_article_get_published (a), glossa_article_get_site_name (a),
                                               glossa_article_get_source (a), glossa_article_get_format (a),
                                               glossa_article_get_encoding (a), glossa_article_get_language (a),
                                               glossa_article_get_direction (a), glossa_article_get_sha256 (a),
                                               glossa_article_get_imported (a), glossa_article_get_modified (a),
                                               glossa_article_get_length (a), glossa_article_get_annotation_count (a),
                                               glossa_article_get_best_effort (a), text, spans->str));
    }

  model = glossa_library_get_tags (library);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossaTag) t = g_list_model_get_item (model, i);
      PUT (tag_uuids, glossa_tag_get_id (t), glossa_tag_get_uuid (t));
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossaTag) t = g_list_model_get_item (model, i);
      g_autofree char *name = dump_escape (glossa_tag_get_name (t));
      g_autofree char *description = dump_escape (glossa_tag_get_description (t));

      g_ptr_array_add (lines, g_strdup_printf ("tag %s parent=%s position=%u depth=%u name=%s color=%s key=%u "
                                               "description=%s count=%u created=%" G_GINT64_FORMAT
                                               " modified=%" G_GINT64_FORMAT,
                                               glossa_tag_get_uuid (t), ID (tag_uuids, glossa_tag_get_parent_id (t)),
                                               glossa_tag_get_position (t), glossa_tag_get_depth (t), name,
                                               glossa_tag_get_color (t), glossa_tag_get_key (t), description,
                                               glossa_tag_get_count (t), glossa_tag_get_created (t),
                                               glossa_tag_get_modified (t)));
    }

  annotations = glossa_library_list_annotations (library, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossaAnnotation *n = g_ptr_array_index (annotations, i);
      PUT (annotation_uuids, glossa_annotation_get_id (n), glossa_annotation_get_uuid (n));
    }
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossaAnnotation *n = g_ptr_array_index (annotations, i);
      g_autofree char *quote = dump_escape (glossa_annotation_get_quote (n));
      g_autofree char *prefix = dump_escape (glossa_annotation_get_prefix (n));
      g_autofree char *suffix = dump_escape (glossa_annotation_get_suffix (n));
      g_autofree char *note = dump_escape (glossa_annotation_get_note (n));
      g_autofree char *author = dump_escape (glossa_annotation_get_author (n));
      g_autoptr(GPtrArray) tags = g_ptr_array_new ();
      g_autofree char *tag_list = NULL;
      guint n_tags;
      const gint64 *tag_ids = glossa_annotation_get_tag_ids (n, &n_tags);

      for (guint j = 0; j < n_tags; j++)
        g_ptr_array_add (tags, (gpointer) ID (tag_uuids, tag_ids[j]));
      g_ptr_array_sort (tags, compare_strings);
      g_ptr_array_add (tags, NULL);
      tag_list = g_strjoinv (",", (char **) tags->pdata);

      g_ptr_array_add (lines, g_strdup_printf ("annotation %s article=%s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                                               " orphaned=%d quote=%s prefix=%s suffix=%s note=%s author=%s "
                                               "created=%" G_GINT64_FORMAT " modified=%" G_GINT64_FORMAT
                                               " links=%u tags=%s",
                                               glossa_annotation_get_uuid (n),
                                               ID (article_uuids, glossa_annotation_get_article_id (n)),
                                               glossa_annotation_get_start (n), glossa_annotation_get_end (n),
                                               glossa_annotation_get_orphaned (n), quote, prefix, suffix, note,
                                               author, glossa_annotation_get_created (n),
                                               glossa_annotation_get_modified (n),
                                               glossa_annotation_get_link_count (n), tag_list));
    }

  links = glossa_library_list_links (library, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < links->len; i++)
    {
      GlossaLink *k = g_ptr_array_index (links, i);
      g_autofree char *note = dump_escape (glossa_link_get_note (k));

      g_ptr_array_add (lines, g_strdup_printf ("link %s from=%s to=%s type=%s direction=%d note=%s created=%"
                                               G_GINT64_FORMAT " modified=%" G_GINT64_FORMAT,
                                               glossa_link_get_uuid (k),
                                               ID (annotation_uuids, glossa_link_get_from_id (k)),
                                               ID (annotation_uuids, glossa_link_get_to_id (k)),
                                               glossa_link_get_link_type (k), glossa_link_get_direction (k),
                                               note, glossa_link_get_created (k), glossa_link_get_modified (k)));
    }

  types = glossa_library_list_link_types (library);
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    g_ptr_array_add (lines, g_strdup_printf ("link-type %s", types[i]));

#undef ID
#undef PUT

  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (out, g_ptr_array_index (lines, i));
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
