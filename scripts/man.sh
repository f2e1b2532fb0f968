#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# man.sh OUT - build opsdoc(1) from docs/manual.rst with Sphinx's man
# builder, warnings as errors, into OUT/opsdoc.1. The manual's :doc: links
# to the other pages of docs/ become plain text in the man page.
set -euo pipefail
out=$1
top=$(cd "$(dirname "$0")/.." && pwd)
src=$out.src

rm -rf "$src" "$out.tmp"
mkdir -p "$src"
# index.rst would pull in the generated pages: the root here is a hidden
# toctree of the manual and the pages it links to.
{
	printf 'opsdoc\n======\n\n.. toctree::\n   :hidden:\n\n'
	for f in "$top"/docs/*.rst; do
		[ "${f##*/}" = index.rst ] && continue
		cp "$f" "$src/"
		b=${f##*/}
		printf '   %s\n' "${b%.rst}"
	done
} > "$src/man-root.rst"
cp "$top/docs/conf.py" "$src/"
OPSDOC_MAN=1 sphinx-build -W -q -b man -D master_doc=man-root \
	-d "$out.doctrees" "$src" "$out.tmp"
[ -s "$out.tmp/opsdoc.1" ] || { echo "man.sh: no opsdoc.1 in $out.tmp" >&2; exit 1; }
rm -rf "$out"
mv "$out.tmp" "$out"
