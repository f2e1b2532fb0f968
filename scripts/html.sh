#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# html.sh KSRC DOCS OUT - build the HTML of the generated pages (DOCS/mm and
# DOCS/fs) and opsdoc's manual (docs/) with Sphinx and the kernel-doc
# extension of KSRC, warnings as errors. The Sphinx sources are assembled
# in OUT.src.
set -euo pipefail
ksrc=$1 docs=$2 out=$3
top=$(cd "$(dirname "$0")/.." && pwd)
src=$out.src

rm -rf "$src" "$out.tmp"
mkdir -p "$src"
cp "$top"/docs/*.rst "$top"/docs/conf.py "$src"/
cp -r "$docs/mm" "$src/mm"
cp -r "$docs/fs" "$src/fs"
OPSDOC_KSRC=$ksrc sphinx-build -W -q -b html -d "$out.doctrees" "$src" "$out.tmp"
rm -rf "$out"
mv "$out.tmp" "$out"
