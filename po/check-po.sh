#!/bin/sh
# check-po.sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh FILE.po: fails unless FILE.po is valid (msgfmt --check), and
# every one of its messages is translated and none is fuzzy.
set -eu

po="$1"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || {
  echo "$po is not a valid translation: $stats" >&2
  exit 1
}
echo "$po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "$po has untranslated or fuzzy messages; run msgmerge and translate them." >&2
    exit 1
    ;;
esac
