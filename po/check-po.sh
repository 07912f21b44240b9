#!/bin/sh
# check-po.sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh FILE.po [SOURCE_ROOT]: fails unless FILE.po is valid
# (msgfmt --check) and every message is translated and none is fuzzy.  With
# SOURCE_ROOT, the messages are those of the sources as they are now
# (xgettext over po/POTFILES.in, as meson's glossa-pot target runs it), so a
# new or changed string without a translation fails too.
set -eu

po="$1"
root="${2:-}"
checked="$po"

if [ -n "$root" ] && command -v xgettext >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$root" && xgettext --package-name=glossa -f po/POTFILES.in -o "$tmp/glossa.pot" \
     --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
     --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
     --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format)
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/glossa.pot"
  checked="$tmp/merged.po"
fi

stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$checked" 2>&1) || {
  echo "$po is not a valid translation: $stats" >&2
  exit 1
}
echo "$po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "$po has untranslated or fuzzy messages; run 'ninja glossa-update-po' and translate them:" >&2
    LC_ALL=C msgattrib --untranslated --only-fuzzy "$checked" 2>/dev/null | grep '^msgid' >&2 || true
    LC_ALL=C msgattrib --untranslated "$checked" | grep '^msgid' | head -20 >&2 || true
    exit 1
    ;;
esac
