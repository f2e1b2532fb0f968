#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# howto.sh [TREE] - what opsdoc adds to the tree's
# Documentation/filesystems/mmap_prepare.rst is fit for the mm maintainers:
# it names no function or field private to mm/ (the list is computed from
# the tree: functions static in mm/, or declared only in mm/internal.h or
# mm/vma.h and nowhere under include/; members of mm/'s own structs), adds
# at most 150 lines, keeps every added line, code included, within 80
# columns, and makes none of the claims the maintainers asked to remove. A
# tree without the page (6.1) is skipped.
set -u
. "$(dirname "$0")/lib.sh"
tree=${1:-newest}
max_added=150

need_tree "$tree"
orig=$ksrc/Documentation/filesystems/mmap_prepare.rst
if [ ! -f "$orig" ]; then
	ok "# skip $tree has no Documentation/filesystems/mmap_prepare.rst"
	finish
	exit 0
fi

"$OPSDOC" extract -q --callers -e examples -k "$ksrc" -b "$kbuild" -f "$flags" \
	-o "$TMP/api.json" 2> "$TMP/err" || cat "$TMP/err"
if ! "$OPSDOC" generate -q -a "$TMP/api.json" -k "$ksrc" -b "$kbuild" \
	-f "$flags" -o "$TMP/gen" 2> "$TMP/err"; then
	not_ok "$tree: generate failed: $(head -n 3 "$TMP/err")"
	finish
	exit 0
fi
page=$TMP/gen/filesystems/mmap_prepare.rst
sed -n 's/^+\([^+]\|$\)/\1/p' "$page.patch" > "$TMP/added"
check "$tree: the patch adds to mmap_prepare.rst" test -s "$TMP/added"

# The names private to mm/, from the tree.
ident='[A-Za-z_][A-Za-z0-9_]*'
(cd "$ksrc" &&
	{ grep -rhoE "^static[^;=(]*[ \t*]$ident\(" --include='*.c' mm
	  awk -v id="^$ident\\\\(" 'prev ~ /^static/ && prev !~ /;/ && match($0, id) {
		print substr($0, RSTART, RLENGTH) } { prev = $0 }' \
		$(find mm -name '*.c')
	  grep -hoE "^([A-Za-z_#][^;=(]*[ \t*])?$ident\(" mm/internal.h mm/vma.h
	} | grep -oE "$ident\(\$" | tr -d '(' | sort -u) > "$TMP/mm_funcs"
(cd "$ksrc" && grep -rhoE "^([A-Za-z_#][^;=(]*[ \t*])?$ident\(" include |
	grep -oE "$ident\(\$" | tr -d '(' | sort -u) > "$TMP/include_funcs"
comm -23 "$TMP/mm_funcs" "$TMP/include_funcs" > "$TMP/private_funcs"
(cd "$ksrc" && awk '
	/^struct [A-Za-z_0-9]+ \{/ { in_s = 1; next }
	in_s && /^\};/ { in_s = 0; next }
	in_s && /;/ {
		l = $0
		sub(/\/\*.*$/, "", l); sub(/\[.*$/, "", l)
		sub(/:.*$/, "", l); sub(/;.*$/, "", l)
		if (match(l, /[A-Za-z_][A-Za-z0-9_]*[ \t]*$/)) {
			w = substr(l, RSTART, RLENGTH); gsub(/[ \t]/, "", w)
			if (w ~ /_/) print w
		}
	}' mm/*.c mm/internal.h mm/vma.h | sort -u) > "$TMP/mm_fields"
(cd "$ksrc" && grep -rhoE "\\b$ident\\b" include | sort -u) > "$TMP/include_words"
comm -23 "$TMP/mm_fields" "$TMP/include_words" > "$TMP/private_fields"
check "$tree: the list of mm-private functions is not empty (__mmap_region in it)" \
	grep -qx __mmap_region "$TMP/private_funcs"

# A name as the page writes one: ``name``, ``name()``, or name( in code.
grep -oE "\`\`$ident(\(\))?\`\`|$ident\(" "$TMP/added" | tr -d '`()' |
	sort -u > "$TMP/named"
bad=$(comm -12 "$TMP/named" "$TMP/private_funcs" | tr '\n' ' ')
check "$tree: no function private to mm/ is named${bad:+ (named: $bad)}" test -z "$bad"
bad=$(comm -12 "$TMP/named" "$TMP/private_fields" | tr '\n' ' ')
check "$tree: no field private to mm/ is named${bad:+ (named: $bad)}" test -z "$bad"

added=$(($(wc -l < "$page") - $(wc -l < "$orig")))
check "$tree: at most $max_added lines are added ($added)" \
	test "$added" -gt 0 -a "$added" -le "$max_added"

wide=$(expand "$TMP/added" | awk 'length($0) > 80' | head -n 3)
check "$tree: every added line, code included, is within 80 columns${wide:+: $wide}" \
	test -z "$wide"

# The claims the maintainers asked to remove, on the added text as prose.
tr '\n' ' ' < "$TMP/added" | tr -s ' ' > "$TMP/prose"
claim() {
	local what=$1 re=$2 hit
	hit=$(grep -oiE ".{0,30}($re).{0,30}" "$TMP/prose" | head -n 1)
	check "$tree: no $what${hit:+ (\"$hit\")}" test -z "$hit"
}
claim "compat helpers presented as driver API" \
	'compat_set_desc_from_vma|compat_vma_mmap'
claim "rule to do nothing in close for a NULL vm_private_data" \
	'close[^.]*NULL|NULL[^.]*close'
claim "stm call-out" '\bstm\b|hwtracing'
claim "file-reference leak described as behaviour" \
	'file_doesnt_need_get|leak|not dropped|reference[^.]*(lost|never dropped)'
claim "mapped return-value divergence described as behaviour" \
	'nothing checks|silently|result(s)? in an error|never called'
claim "per-VMA locking detail (write-locked VMAs)" 'write-locked'
claim "hide_from_rmap_until_complete named" 'hide_from_rmap'
claim "advice to take a count in mapped and drop it in close" \
	'(mapped|count)[^.]*(into|in) [`]*vm_ops->mapped|mapped[^.]*(close[^.]*(drop|put|free|undo)|(drop|put|free|undo)[^.]*close)'
claim "how the VMA is built from the immutable fields" 'not built from|built from them'
claim "the flags no driver sets, or their aliases" \
	'VM_SOFTDIRTY|VM_UFFD_MINOR|VMA_SAO_BIT|VMA_GROWSUP_BIT|VMA_ARCH_1_BIT|alias'
claim "what map_kernel_pages does with the array (not settled in mm)" \
	'starts at the array|does not check it|map_kernel\.pgoff'
claim "/dev/mem's address space as mem.c's own" 'one of its own'
claim "error_override tied to mapped or the compat path" \
	'error_override[^.]*(mapped|compat|stacked)'
claim "out-of-scope topic (get_unmapped_area, NOMMU, remap_file_pages, ELF, tools/testing/vma)" \
	'get_unmapped_area|NOMMU|remap_file_pages|\bELF\b|tools/testing/vma'

# The mm pages' code blocks: every OPSDOC_* macro an example uses is
# defined in the block, and its helper aligned_default_area() declared.
undef=$(for f in "$TMP"/gen/mm/*.rst; do
	awk -v f="${f##*/}" '
		function flush() {
			for (u in used) if (!(u in def)) print f ": " u
			delete used; delete def
		}
		/^\.\. code-block::/ { flush(); code = 1; next }
		code && /^[^ \t]/ { flush(); code = 0 }
		code {
			if (match($0, /#define [A-Za-z0-9_]+/))
				def[substr($0, RSTART + 8, RLENGTH - 8)] = 1
			else if ($0 ~ /^[ \t]*(static )?unsigned long aligned_default_area\(/)
				def["aligned_default_area"] = 1
			l = $0
			while (match(l, /OPSDOC_[A-Za-z0-9_]+|aligned_default_area/)) {
				used[substr(l, RSTART, RLENGTH)] = 1
				l = substr(l, RSTART + RLENGTH)
			}
		}
		END { flush() }' "$f"
done | sort -u | tr '\n' ' ')
check "$tree: the mm pages' examples define what they use${undef:+ (not: $undef)}" \
	test -z "$undef"
finish
