#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dropin.sh SERIES - the generated documentation in the kernel's own doc
# build. A scratch tree links to KSRC and holds a copy of its
# Documentation/; the kernel's "make htmldocs SPHINXDIRS=..." runs on it
# before and after the patches of "opsdoc series" (every tree's series,
# one after the other, with git am) are applied and the mm pages are
# added (as Documentation/mm/opsdoc/). Any warning the
# patched build shows that the unpatched one does not is a failure, and
# so is a :doc: or :ref: of the series that does not resolve. KSRC itself
# is never touched. The unpatched build's log depends on the tree and
# Sphinx only; it is kept in opsdoc's cache under a key of both.
set -u
. "$(dirname "$0")/lib.sh"
series=$1
dirs=${OPSDOC_DROPIN_DIRS:-filesystems mm}

need_tree "$series"

gen=$TMP/gen
if ! "$OPSDOC" generate -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$gen" \
	2> "$TMP/gen.err" ||
   ! "$OPSDOC" series -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$TMP/series" \
	--signoff "Opsdoc Test <opsdoc-test@example.org>" 2> "$TMP/series.err"; then
	not_ok "$series: generate or series failed"
	cat "$TMP/gen.err" "$TMP/series.err" 2> /dev/null
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

# baseline_key: what the unpatched build's log depends on - the
# directories built, Sphinx, this script, and every file of the tree
# (path, size, time), so that any change to the tree builds it again.
baseline_key() {
	{
		echo "$dirs"
		sphinx-build --version 2>&1
		cat "$0"
		find "$ksrc/" -type f -printf '%P %s %T@\n' | LC_ALL=C sort
	} | sha256sum | cut -c1-32
}
base=${OPSDOC_CACHE:-$HOME/.cache/opsdoc}/htmldocs/$(baseline_key)
scratch "$TMP/after"
# Every patch of every tree's series, in order (a cover letter is not
# one), applied with git am to the documents committed as the tree has
# them: the series of different trees may touch neighbouring sections.
git -C "$TMP/after" init -q
git -C "$TMP/after" add Documentation
git -C "$TMP/after" -c user.name=t -c user.email=t@t commit -qm base
for p in "$TMP"/series/*/0*.patch; do
	case "$p" in */0000-cover-letter.patch) continue ;; esac
	git -C "$TMP/after" -c user.name=t -c user.email=t@t am -q -3 "$p" \
		> "$TMP/am.log" 2>&1 ||
		{ not_ok "$series: ${p#$TMP/series/} does not apply"; cat "$TMP/am.log"; }
done
mkdir -p "$TMP/after/Documentation/mm/opsdoc"
cp "$gen"/mm/*.rst "$TMP/after/Documentation/mm/opsdoc/"
printf '\n.. toctree::\n   :maxdepth: 1\n\n   opsdoc/index\n' \
	>> "$TMP/after/Documentation/mm/index.rst"

# The log is kept with $TMP written as @TMP@ (each run has its own).
if [ -f "$base/before.log" ]; then
	sed "s|@TMP@|$TMP|g" "$base/before.log" > "$TMP/before.log"
	ok "$series: htmldocs SPHINXDIRS=\"$dirs\" built the unpatched tree (log kept in ${base#"$HOME"/})"
elif scratch "$TMP/before" && htmldocs "$TMP/before" "$TMP/before.log"; then
	ok "$series: htmldocs SPHINXDIRS=\"$dirs\" builds the unpatched tree"
	mkdir -p "$base" &&
		sed "s|$TMP|@TMP@|g" "$TMP/before.log" > "$base/before.log.$$" &&
		mv "$base/before.log.$$" "$base/before.log"
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
# Sphinx says "unknown document" or "undefined label" for a reference it
# cannot resolve; the series must have none of its own.
refs=$(grep -hoE ':(doc|ref):`[^`]*`' "$TMP"/series/*/0*.patch | sort -u | wc -l)
unresolved=$(grep -E 'unknown document|undefined label' "$TMP/after.log" |
	sed -E "s|$TMP/after(\.out)?/||g" | sort -u | comm -13 \
	<(grep -E 'unknown document|undefined label' "$TMP/before.log" |
		sed -E "s|$TMP/before(\.out)?/||g" | sort -u) -)
check "$series: every :doc: and :ref: of the series resolves ($refs in it)" \
	test -z "$unresolved"
check "$series: the mm pages are in the HTML" \
	test -f "$TMP/after.out/Documentation/output/mm/opsdoc/index.html"
check "$series: vfs.html has no \"As of kernel\" stamp left" \
	bash -c '! grep -q "As of kernel" "$1"' _ \
		"$TMP/after.out/Documentation/output/filesystems/vfs.html"
chmod -R u+w "$TMP" 2>/dev/null
finish
