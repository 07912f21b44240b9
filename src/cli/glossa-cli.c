/* glossa-cli.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

int
main (int   argc,
      char *argv[])
{
  g_printerr ("Usage: glossa-cli COMMAND [OPTION…]\n");
  return 2;
}
