#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# trees.sh SERIES - opsdoc extract on a real kernel tree (newest or 6.1),
# checked against clang's own AST of the same headers with the same flags,
# and the extractor's hard cases on the real headers.
set -u
. "$(dirname "$0")/../lib.sh"
series=$1
ORACLE=$BUILD/tests/oracle

need_tree "$series"
api=$TMP/api.json

# Count another program's TAP lines as this suite's own.
tap_from() {
	local line
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "$series: ${line#* - }" ;;
		"not ok "*) not_ok "$series: ${line#* - }" ;;
		*) echo "$line" ;;
		esac
	done < <("$@")
}
if "$OPSDOC" extract -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$api"; then
	ok "$series: extract $(basename "$ksrc")"
else
	not_ok "$series: extract $(basename "$ksrc") failed"
	finish
	exit 0
fi

# The same translation unit as opsdoc parses, for clang-19 itself.
printf '#include <linux/fs.h>\n#include <linux/mm.h>\n#include <linux/mm_types.h>\n' \
	> "$TMP/tu.c"
mapfile -t args < "$flags"
for s in file_operations vm_area_desc mmap_action vm_operations_struct; do
	clang-19 "${args[@]}" -fsyntax-only -Wno-unused-function \
		-Xclang -ast-dump=json -Xclang -ast-dump-filter="$s" \
		"$TMP/tu.c" > "$TMP/$s.ast" 2> "$TMP/$s.err" ||
		{ not_ok "$series: clang-19 failed on $s"; cat "$TMP/$s.err"; continue; }
	tap_from "$ORACLE" compare "$api" "$s" "$TMP/$s.ast"
done
tap_from "$ORACLE" hard "$api"

# only_title PAGE: the page exists and has no heading but its title and
# no code: what is left of a template after an "opsdoc requires" stop.
only_title() {
	[ -f "$1" ] && [ "$(grep -c '^[-=~^"]\{3,\}$' "$1")" -eq 2 ] &&
		! grep -q -e 'code-block' -e '^\.\. kernel-doc::' "$1"
}

# The generator with the real templates on this tree, and its HTML.
gen=$TMP/gen
"$OPSDOC" generate -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$gen" 2> "$TMP/gen.err"
gen_rc=$?
if [ "$gen_rc" -eq 0 ]; then
	ok "$series: generate with the templates"
else
	not_ok "$series: generate failed"
	cat "$TMP/gen.err"
fi
# A generate that died before the members were reached warns of nothing.
check "$series: every file_operations member is described (no warning)" \
	test "$gen_rc" -eq 0 -a -z "$(grep 'has no description' "$TMP/gen.err")"
check "$series: git apply --check accepts vfs.rst.patch in KSRC" \
	sh -c 'cd "$1" && git apply --check "$2"' - "$ksrc" "$gen/filesystems/vfs.rst.patch"
check "$series: patch --dry-run accepts vfs.rst.patch in KSRC" \
	patch -d "$ksrc" -p1 --dry-run -s -i "$gen/filesystems/vfs.rst.patch"
version=$("$ORACLE" version "$api")
check "$series: the pages name the tree's version ($version)" \
	grep -q "for Linux $version\.\$" "$gen/mm/index.rst"
check "$series: the mmap page shows the legacy example as compiled" \
	grep -q '^	static int legacy_pages_mmap(struct file \*file, struct vm_area_struct \*vma)$' \
	"$gen/mm/mmap.rst"
if "$ORACLE" present "$api" file_operations.mmap_prepare; then
	check "$series: the mmap_prepare page has the signature" \
		grep -q 'int (\*mmap_prepare)(struct vm_area_desc \*);' "$gen/mm/mmap_prepare.rst"
	check "$series: the mmap_prepare page shows the example as compiled" \
		grep -q '^	static int pages_mmap_prepare(struct vm_area_desc \*desc)$' \
		"$gen/mm/mmap_prepare.rst"
else
	# The body of the template's "opsdoc requires" block, and only that.
	check "$series: the mmap_prepare page says plainly the tree lacks it" \
		grep -qF "Linux $version has no \`\`mmap_prepare\`\` member in \`\`struct file_operations\`\`." \
		<(tr -s '\n' ' ' < "$gen/mm/mmap_prepare.rst")
	check "$series: and the mmap_prepare page documents nothing else" \
		only_title "$gen/mm/mmap_prepare.rst"
fi
if ! "$ORACLE" present "$api" vm_area_desc; then
	check "$series: the vm_area_desc page says plainly the tree lacks it" \
		grep -qF "Linux $version has no \`\`struct vm_area_desc\`\`. It has no" \
		<(tr -s '\n' ' ' < "$gen/mm/vm_area_desc.rst")
	check "$series: and the vm_area_desc page documents nothing else" \
		only_title "$gen/mm/vm_area_desc.rst"
fi
"$OPSDOC" check -q -a "$api" -k "$ksrc" -b "$kbuild" -f "$flags" --strict \
	--docs "$gen" > "$TMP/check.out" 2>&1
check "$series: our generated docs pass check --strict with no finding" test $? -eq 0 ||
	cat "$TMP/check.out"
"$OPSDOC" check -q -a "$api" -k "$ksrc" -b "$kbuild" -f "$flags" --format json \
	-o "$TMP/check.json" 2> "$TMP/check.err"
check "$series: check runs on the whole Documentation/" test $? -eq 0
check "$series: and finds the vfs.rst listing" \
	grep -q '"file": "Documentation/filesystems/vfs.rst"' "$TMP/check.json"
if scripts/html.sh "$ksrc" "$gen" "$TMP/html" > "$TMP/html.log" 2>&1; then
	ok "$series: Sphinx -W builds the HTML with the tree's kernel-doc"
else
	not_ok "$series: Sphinx failed"
	tail -20 "$TMP/html.log"
fi
# Deterministic: a second generate and a second HTML build are the same.
"$OPSDOC" generate -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$TMP/gen2" 2> /dev/null
check "$series: generate twice gives identical files" diff -r "$gen" "$TMP/gen2"
scripts/html.sh "$ksrc" "$TMP/gen2" "$TMP/html2" > /dev/null 2>&1
check "$series: the HTML twice is identical (no timestamps)" diff -r "$TMP/html" "$TMP/html2"
finish
