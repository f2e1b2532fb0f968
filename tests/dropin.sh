#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dropin.sh SERIES - the generated documentation in the kernel's own doc
# build. A scratch tree links to KSRC and holds a copy of its
# Documentation/; the kernel's "make htmldocs SPHINXDIRS=..." runs on it
# before and after the vfs.rst patch is applied and the mm pages are added
# (as Documentation/mm/opsdoc/). Any warning the patched build shows that
# the unpatched one does not is a failure. KSRC itself is never touched.
set -u
. "$(dirname "$0")/lib.sh"
series=$1
dirs=${OPSDOC_DROPIN_DIRS:-filesystems mm}

need_tree "$series"

gen=$TMP/gen
if ! "$OPSDOC" generate -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$gen" \
	2> "$TMP/gen.err"; then
	not_ok "$series: generate failed"
	cat "$TMP/gen.err"
	finish
	exit 0
fi

# A scratch tree: every top-level entry linked, Documentation/ copied.
scratch() {
	local s=$1 e
	mkdir -p "$s"
	for e in "$ksrc"/* "$ksrc"/.[!.]*; do
		[ -e "$e" ] || continue
		[ "$(basename "$e")" = Documentation ] && continue
		ln -s "$e" "$s/$(basename "$e")"
	done
	cp -r "$ksrc/Documentation" "$s/Documentation"
	chmod -R u+w "$s/Documentation"
}

# The warnings of a doc build, with the scratch trees' paths and the line
# numbers (which the patch moves) taken out.
warnings() {
	grep -E 'WARNING|ERROR|CRITICAL' "$1" |
		sed -E "s|$TMP/(before\|after)(\.out)?/||g; s|:[0-9]+||g" | sort -u
}

htmldocs() {
	local s=$1 log=$2
	make -C "$s" O="$s.out" htmldocs SPHINXDIRS="$dirs" > "$log" 2>&1
}

scratch "$TMP/before"
scratch "$TMP/after"
# Every patch generate wrote: vfs.rst, locking.rst, mmap_prepare.rst.
for p in "$gen"/filesystems/*.patch; do
	(cd "$TMP/after" && patch -p1 -s < "$p") ||
		not_ok "$series: ${p##*/} does not apply"
done
mkdir -p "$TMP/after/Documentation/mm/opsdoc"
cp "$gen"/mm/*.rst "$TMP/after/Documentation/mm/opsdoc/"
printf '\n.. toctree::\n   :maxdepth: 1\n\n   opsdoc/index\n' \
	>> "$TMP/after/Documentation/mm/index.rst"

if htmldocs "$TMP/before" "$TMP/before.log"; then
	ok "$series: htmldocs SPHINXDIRS=\"$dirs\" builds the unpatched tree"
else
	not_ok "$series: htmldocs fails on the unpatched tree"
	tail -20 "$TMP/before.log"
fi
if htmldocs "$TMP/after" "$TMP/after.log"; then
	ok "$series: htmldocs builds with the patch and the mm pages"
else
	not_ok "$series: htmldocs fails with the patch and the mm pages"
	tail -20 "$TMP/after.log"
fi
warnings "$TMP/before.log" > "$TMP/w.before"
warnings "$TMP/after.log" > "$TMP/w.after"
new=$(comm -13 "$TMP/w.before" "$TMP/w.after")
if [ -z "$new" ]; then
	ok "$series: no warning that the unpatched tree does not have ($(wc -l < "$TMP/w.before") before)"
else
	not_ok "$series: new warnings in the doc build:"
	echo "$new" | sed 's/^/#   /'
fi
check "$series: the mm pages are in the HTML" \
	test -f "$TMP/after.out/Documentation/output/mm/opsdoc/index.html"
series_version=$(make -s -C "$ksrc" kernelversion | cut -d. -f1,2)
check "$series: vfs.html says \"As of kernel $series_version\"" \
	grep -q "As of kernel $series_version, the following members" \
		<(tr -s '\n' ' ' < "$TMP/after.out/Documentation/output/filesystems/vfs.html")
chmod -R u+w "$TMP" 2>/dev/null
finish
