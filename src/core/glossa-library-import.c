/* glossa-library-import.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing a file into a library: extraction (glossa-import.c) plus
 * add_article, without a duplicate when the same text is already there.
 */
#include "config.h"

#include "glossa-import.h"
#include "glossa-library-private.h"

gint64
glossa_library_import_file (GlossaLibrary  *self,
                            GFile          *file,
                            const char     *encoding,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(GlossaExtracted) extracted = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *source = NULL;

  g_return_val_if_fail (GLOSSA_IS_LIBRARY (self), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  extracted = glossa_import_file (file, encoding, GLOSSA_IMPORT_DEFAULT_MAX_SIZE, &original,
                                  cancellable, error);
  if (extracted == NULL)
    return 0;

  source = g_file_get_path (file);
  if (source == NULL)
    source = g_file_get_uri (file);

  return glossa_library_import_extracted (self, extracted, original, source, error);
}
