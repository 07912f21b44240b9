#!/bin/sh
# w3c-validate.sh — runs w3c-validate.js on an exported collection, first
# installing its npm packages (ajv 8, ajv-draft-04, ajv-formats) into the
# build directory with npm when they are not there yet.
# Exit 77 (skip) only when node or npm is missing.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: w3c-validate.sh BUILD_DIR STANDARDS_DIR COLLECTION.jsonld
set -eu
build=$1 standards=$2 file=$3
here=$(dirname "$0")

if ! command -v node >/dev/null 2>&1; then
  echo "node is not installed: the W3C Web Annotation checks cannot run" >&2
  exit 77
fi
prefix="$build/w3c-node"
if [ ! -d "$prefix/node_modules/ajv-draft-04" ] || [ ! -d "$prefix/node_modules/ajv-formats" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is not installed: the W3C Web Annotation checks cannot run" >&2
    exit 77
  fi
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --silent ajv@8 ajv-draft-04@1 ajv-formats@3 >&2
fi
NODE_PATH="$prefix/node_modules" exec node "$here/w3c-validate.js" "$standards" "$file"
