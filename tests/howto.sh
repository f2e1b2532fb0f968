#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# howto.sh [TREE] - what opsdoc adds to the tree's
# Documentation/filesystems/mmap_prepare.rst is fit for the mm maintainers:
# it names no function or field private to mm/ (the list is computed from
# the tree: functions static in mm/, or declared only in mm/internal.h or
# mm/vma.h and nowhere under include/; members of mm/'s own structs), adds
# at most 170 lines, keeps every added line, code included, within 80
# columns, and makes none of the claims the maintainers asked to remove;
# series makes it one patch per section of its template, each with its
# own subject and reason, and refuses a section without them. A tree
# without the page (6.1) is skipped.
set -u
. "$(dirname "$0")/lib.sh"
tree=${1:-newest}
max_added=170

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
claim "error_override tied to the compat path by name" \
	'error_override[^.]*compat'
claim "out-of-scope topic (get_unmapped_area, NOMMU, remap_file_pages, ELF, tools/testing/vma)" \
	'get_unmapped_area|NOMMU|remap_file_pages|\bELF\b|tools/testing/vma'

# The second mm review (/work/review/mm-review-2.md), item by item.
# has WHAT RE: the added text says it, in a sentence.
has() {
	local what=$1 re=$2
	check "$tree: the page says $what" grep -qiE -- "$re" "$TMP/prose"
}
claim "rule to allocate or count per mapping in the hook (review 2)" \
	'allocate or count per mapping|count per mapping'
# The buffer an action maps is about actions: it sits in "Actions", not
# in a section of its own (review 2) nor in "Mapped callback" (F1).
in_actions=$(awk 'prev != "" && prev !~ /^[-=]+$/ && /^[-=]+$/ { sec = prev }
	sec == "Actions" && /mmap_action_remap_full\(desc/ { print "yes"; exit }
	{ prev = $0 }' "$page")
check "$tree: the buffer an action maps is in Actions (review F1)" \
	test -n "$in_actions"
check "$tree: no section \"A buffer for each mapping\" (review 2)" \
	test -z "$(grep -x 'A buffer for each mapping' "$page")"
claim "claim that the actions do what the old calls did (review 7)" \
	'do what those calls did|same as those calls'
has "that an action rejects a range outside the mapping with -EFAULT (review 7)" \
	'outside the mapping[^.]*-EFAULT|-EFAULT[^.]*outside the mapping'
claim "unaligned CoW size -EINVAL as API (a missing PAGE_ALIGN; review M4)" \
	'unaligned'
has "that a failed action unmaps the VMA (review 7)" \
	'(action|it) fails[^.]*unmapped'
has "what error_override replaces, reconciled with the NOTE (review G1)" \
	'NOTE.{0,120}error_override'
has "where error_override does not apply (review G1)" \
	'error_override.{0,200}(does not|not) (apply|replace)'
claim "32-bit flag hazard passed off as a rule (review 10)" \
	'ALLOW_ANY_UNCACHED'
has "that the pages array must outlive the hook (review 11)" \
	'array[^.]*(stack|after your hook)'
has "that mapped runs only after the action succeeded (review 12)" \
	'only (after|once) (the|your) action[^.]*succeeded'
has "that VMA_DONTEXPAND_BIT makes MREMAP_DONTUNMAP fail (review 13)" \
	'MREMAP_DONTUNMAP'
has "mapped's limits: set from mmap_prepare, not called on a merge (review 14)" \
	'only (if|when) [^.]*set[^.]*mmap_prepare[^.]*merge'

# The fourth mm review (/work/review/series4/MM-REVIEW.md).
# ->close after a failed action or mapped is the cover letter's bug 3;
# the fifth review: documenting it makes the bug the contract.
claim "close after a failed action or mapped, which is bug 3 (review 5, 1)" \
	'close[^.]*(mapped|action)[^.]*(did not run|not run|fail)'
claim "advice to keep .mmap next to .mmap_prepare (M2)" 'keep [`]*\.mmap\b'
has "that .mmap replaces .mmap_prepare, as a file may not have both (M2)" \
	'use [`]*\.mmap[`]* instead of [`]*\.mmap_prepare'
has "to check a size or offset before requesting the action (M3)" \
	'(check|validate)[^.]*(size|offset)[^.]*before you request'
has "-EFAULT among the failures before the VMA exists (M3)" \
	'before the VMA exists[^.]*-EFAULT'
claim "\"private mapping\" where CoW mapping is meant (M6)" \
	'private mapping that a remap'
has "CoW mapping as the page's term (M6)" 'CoW mapping'
claim "VM_NONE sentence with no rule to act on (M7)" 'VM_NONE'
claim "the page for desc->pgoff in place of &pages[desc->pgoff] (Q1)" \
	'the page for [`]*desc->pgoff'
has "zap_special_vma_range() where drivers zap (G2)" 'zap_special_vma_range'
has "how VMA_SPECIAL_FLAGS is tested (G3)" \
	'vma_desc_test_any_mask[^.]*VMA_SPECIAL_FLAGS'
has "VM_SHARED and VM_MAYSHARE in the table (G3)" \
	'VMA_SHARED_BIT.*VMA_MAYSHARE_BIT|VMA_MAYSHARE_BIT.*VMA_SHARED_BIT'
has "that unmap_mapping_range() misses a stacking caller's own vm_file (G5)" \
	'misses[^.]*vm_file[^.]*of its own'

# locking.rst's vm_operations_struct table: the table's own words in the
# mmap_lock column (review 8).
awk '/^vm_operations_struct$/ { s = 1 } s && /^locking rules:/ { t = 1 }
	t && /^=+/ { n++; if (n == 3) exit; next }
	t && n == 2 && NF { print $1, $2 }' "$TMP/gen/filesystems/locking.rst" \
	> "$TMP/vm_rows"
check "$tree: locking.rst's vm_operations_struct table has rows" \
	test -s "$TMP/vm_rows"
bad=$(awk '$2 !~ /^(read|write|read\/write|maybe-read|maybe-read\/write)$/' "$TMP/vm_rows" |
	tr '\n' ' ')
check "$tree: every mmap_lock cell is one of the table's words${bad:+ (not: $bad)}" \
	test -z "$bad"
# Also called with mmap_lock held for write (review M5).
bad=$(awk '$1 ~ /^(name|pagesize|get_policy|find_normal_page):$/ &&
	$2 != "maybe-read/write" { print $1 }' "$TMP/vm_rows" | tr '\n' ' ')
check "$tree: name, pagesize, get_policy and find_normal_page are maybe-read/write${bad:+ (not: $bad)}" \
	test -z "$bad"
# The table's "maybe" defined next to it (review 5, item 3): the per-VMA
# lock with no mmap_lock, and a :doc: link that resolves in the tree.
awk '/^vm_operations_struct$/ { s = 1; next } s && /^[a-z_]+$/ { exit }
	s' "$TMP/gen/filesystems/locking.rst" | tr '\n' ' ' | tr -s ' ' > "$TMP/vm_sect"
maybe=$(grep -oE '"maybe-read" in .{0,400}' "$TMP/vm_sect" | head -n 1)
check "$tree: locking.rst defines maybe-read by the per-VMA lock without mmap_lock" \
	grep -qiE 'per-VMA[^.]*(no|without)[^.]*mmap_lock|(no|without) mmap_lock[^.]*per-VMA' \
	<<< "$maybe"
check "$tree: locking.rst defines maybe-read/write" \
	grep -qE '"maybe-read/write"' <<< "$maybe"
# A path, as locking.rst gives its other links: the kernel's automarkup
# makes it a link, and a :doc: across directories does not resolve in a
# SPHINXDIRS build (drop-in's).
doc=$(grep -oE 'Documentation/[a-z/_-]*process_addrs\.rst' "$TMP/vm_sect" | head -n 1)
check "$tree: the definition names process_addrs by a path that exists (${doc:-none})" \
	test -n "$doc" -a -f "$ksrc/$doc"
# locking.rst's file_operations section has mmap_prepare's lock (item 10),
# and the HOWTO points there instead of saying it.
awk '/^file_operations$/ { s = 1; next } s && /^[a-z_]+$/ { exit }
	s' "$TMP/gen/filesystems/locking.rst" | tr '\n' ' ' | tr -s ' ' > "$TMP/fop_sect"
check "$tree: locking.rst's file_operations says mmap_prepare runs with mmap_lock held for write" \
	grep -qE -- '->mmap_prepare\(\)[^.]*mmap_lock held for write' "$TMP/fop_sect"
check "$tree: locking.rst's file_operations says the VMAs MAP_FIXED replaces are write-locked" \
	grep -qE -- 'MAP_FIXED[^.]*write-locked|write-locked[^.]*MAP_FIXED' "$TMP/fop_sect"
claim "mmap_prepare's lock, which locking.rst carries (item 10)" \
	'mmap_lock[`]* held for write'
has "a link to locking.rst for the hook's lock (item 10)" ':doc:`([^`<]*<)?locking>?`'
# The buffer an action maps relies on no bug (fifth review, item 2): the
# open file owns it, release frees it, one per file; no close frees it
# (bug 3), and the example module does the same.
claim "buffer freed by close, which relies on bug 3 (item 2)" \
	'refcount_dec_and_mutex_lock|\.close = '
claim "failed mapping's buffer left allocated, unbounded (item 2)" \
	'stays allocated until'
has "that the open file owns the buffer an action maps and release frees it (item 2)" \
	'open file own[^.]*free it in [`]*release'
has "that a file never has more than one such buffer (item 2)" \
	'never has more than one buffer'
ex=$(dirname "$0")/../examples/mmap_prepare_buffer.c
check "$tree: the buffer example frees in release and has no close (item 2)" \
	sh -c "grep -q '\.release' '$ex' && ! grep -qE '\.close[[:space:]]*=' '$ex'"
# The flag table (fifth review, item 15): the access and lock flags in
# it, and no VM_FOO rule that the table repeats.
for b in VMA_READ_BIT VMA_WRITE_BIT VMA_EXEC_BIT VMA_LOCKED_BIT; do
	has "$b in the flag table (item 15)" "\`\`$b\`\`"
done
claim "VM_FOO rule that the table repeats (item 15)" 'VM_FOO'
# The fifth review's gaps (items 8, 9, 11).
has "what to do about a CoW remap unmap_mapping_range() misses (item 8)" \
	'vma_desc_is_cow_mapping[^.]*VMA_MAYWRITE_BIT'
has "that a mapping with an action never merges, so needs no VMA_DONTEXPAND_BIT (item 9)" \
	'action[^.]*never merges[^.]*VMA_DONTEXPAND_BIT'
has "that kernel pages outside the mapping fail with -EFAULT and no warning (item 11)" \
	'kernel pages[^.]*-EFAULT[^.]*no warning'
# vmf_insert_pfn_prot() BUG_ONs without VM_PFNMAP or VM_MIXEDMAP (review 6).
has "that a vmf_insert_pfn() fault handler needs VMA_PFNMAP_BIT or VMA_MIXEDMAP_BIT" \
	'vmf_insert_pfn[^.]*fault handler[^.]*\. [^.]*VMA_PFNMAP_BIT[^.]*VMA_MIXEDMAP_BIT'


# The cover letter's bug reports (templates/filesystems/mmap_prepare.cover.txt),
# as the second mm review corrected them.
cover=$(dirname "$0")/../templates/filesystems/mmap_prepare.cover.txt
tr '\n' ' ' < "$cover" | tr -s ' ' > "$TMP/cover"
in_cover() {
	local what=$1 re=$2
	check "$tree: the bug reports say $what" grep -qiE -- "$re" "$TMP/cover"
}
not_in_cover() {
	local what=$1 re=$2 hit
	hit=$(grep -oiE ".{0,30}($re).{0,30}" "$TMP/cover" | head -n 1)
	check "$tree: the bug reports do not say $what${hit:+ (\"$hit\")}" test -z "$hit"
}
in_cover "that runtime PM corrects the underflow itself (report 3)" \
	'puts the count back|restores the count|corrects the (underflow|count)'
in_cover "that the stray put drops another holder's reference (report 3)" \
	"another holder|someone else's reference|other holder"
not_in_cover "that the usage count underflows as the harm (report 3)" \
	'usage count underflows\.'
in_cover "that read-only private mappings of /dev/mem hit the WARN too (report 5)" \
	'read-only (MAP_PRIVATE|private)'
not_in_cover "that a private mapping still falls back to a copy (report 5)" \
	"a private one still gets|6\\.1's mem\\.c"
in_cover "that mem.c should keep .mmap without CONFIG_MMU (report 5)" \
	'mem\.c[^.]*keep[^.]*\.mmap[^.]*CONFIG_MMU'
in_cover "the compat callers of ->mapped (report 4a)" 'uio'
# The fourth mm review's corrections.
in_cover "the unaligned CoW remap as a missing PAGE_ALIGN, with its fix (M4)" \
	'start \+ PAGE_ALIGN\(action->remap\.size\)'
in_cover "the fix of 1: record the handover before call_action_prepare()" \
	'before call_action_prepare\(\)[^.]*fput'
in_cover "the fix of 2: clear file_doesnt_need_get once the reference is dropped" \
	'clear[^.]*file_doesnt_need_get'
in_cover "staging vme_user under report 3, its maintainers Cc'd" \
	'vme_user[^.]*NULL.*STAGING SUBSYSTEM'
not_in_cover "the WARN after mmap_file() for 4(a), which stacked callers hit" \
	'WARN after mmap_file'
in_cover "the nommu mmap_action_complete() alternative for 5" \
	'nommu mmap_action_complete\(\)[^.]*MMAP_REMAP_PFN'
# The fifth review's (items 7, 13, and report 6).
in_cover "map_kernel.pgoff recorded and never read, as a question to mm (item 7)" \
	'map_kernel\.pgoff[^?]*never read[^?]*\?'
in_cover "that report 5 was not reproduced (item 13)" \
	'5 was not reproduced'
in_cover "that the proposed fixes were not built or tested (item 13)" \
	'fixes[^.]*not (been )?built or tested'
in_cover "that report 6 is latent: no in-tree caller passes a size" \
	'no in-tree caller[^.]*size'
# A write past the flags bitmap that user space may reach (mseal(2) on
# 32-bit) goes to the security team, as security-bugs.rst asks, not to
# a public cover letter.
not_in_cover "the 32-bit flag bits past the bitmap (a security report)" \
	'ALLOW_ANY_UNCACHED|past the bitmap'
reports=$(grep -cE '^[0-9]+\. ' "$cover")
fixers=$(grep -cE '^   To fix: ' "$cover")
check "$tree: each of the $reports bug reports names who should fix it ($fixers do)" \
	test "$reports" -gt 0 -a "$reports" -eq "$fixers"

# The HOWTO's patches (review F1): one per section of the template (one
# per "opsdoc fold" marker), each with the subject and the reason its
# template gives, none with the generic subject.
tpl=$(dirname "$0")/../templates/filesystems/mmap_prepare.md
if "$OPSDOC" series -q -a "$TMP/api.json" -k "$ksrc" -b "$kbuild" -f "$flags" \
	--signoff "Opsdoc Test <opsdoc-test@example.org>" -o "$TMP/series" \
	2> "$TMP/err"; then
	subjects() {
		for f in "$TMP"/series/*/*.patch; do
			grep -q '^diff --git a/Documentation/filesystems/mmap_prepare.rst' "$f" &&
			awk '/^Subject:/ { s = $0; f = 1; next }
				f && /^[ \t]/ { s = s $0; next } f { print s; exit }' "$f"
		done | sed 's/^Subject: \[PATCH[^]]*\] //' | grep -v 'sync the struct'
	}
	subjects > "$TMP/subjects"
	folds=$(grep -c '^```opsdoc fold ' "$tpl")
	check "$tree: one mmap_prepare.rst patch per template section ($(wc -l < "$TMP/subjects") for $folds)" \
		test "$(wc -l < "$TMP/subjects")" -eq "$folds"
	check "$tree: the section patches' subjects differ" \
		test "$(sort -u "$TMP/subjects" | wc -l)" -eq "$(wc -l < "$TMP/subjects")"
	check "$tree: no section patch has the generic subject" \
		test -z "$(grep 'add sections for driver authors' "$TMP/subjects")"
	# One change a patch (fifth review, item 12): error_override, and the
	# hook's locks, each in a patch apart from the topics they sat with.
	apart() {
		local what=$1 re=$2 other=$3 f bad=
		for f in "$TMP"/series/*/*.patch; do
			grep -q '^diff --git a/Documentation/filesystems/mmap_prepare.rst' "$f" ||
				continue
			grep -qE "^\+.*($re)" "$f" && grep -qE "^\+.*($other)" "$f" &&
				bad="$bad ${f##*/}"
		done
		check "$tree: $what has a patch of its own${bad:+ (with others in:$bad)}" \
			test -z "$bad"
	}
	apart "error_override" 'error_override' 'vm_insert_pages|remap_pfn_range|dma_buf_mmap'
	apart "the hook's locks" 'gives the locks held' 'Without a VMA pointer'
	why=$(sed -n 's/^\.\. opsdoc-why: //p' "$tpl" | head -n 1 | cut -c 1-40)
	check "$tree: a section patch's log starts with its reason (\"$why\")" \
		grep -rqF -- "$why" "$TMP/series"
else
	not_ok "$tree: series failed: $(head -n 3 "$TMP/err")"
fi
# A template of several sections, one without its log: an error naming
# the template's line, exit 2, and nothing written.
mkdir -p "$TMP/tpl"
cp -r "$(dirname "$0")/../templates/." "$TMP/tpl/"
awk '/^\.\. opsdoc-log: / && !n++ { next } { print }' "$tpl" \
	> "$TMP/tpl/filesystems/mmap_prepare.md"
"$OPSDOC" generate -q -a "$TMP/api.json" -k "$ksrc" -b "$kbuild" -f "$flags" \
	-t "$TMP/tpl" -o "$TMP/gen-bad" 2> "$TMP/err"
rc=$?
check "$tree: a section without its log is refused with exit 2 ($rc)" test "$rc" -eq 2
check "$tree: the error names the template's line and the missing log" \
	grep -qE 'mmap_prepare\.md:[0-9]+:.*opsdoc-log' "$TMP/err"
check "$tree: nothing is written for the refused template" \
	test ! -e "$TMP/gen-bad/filesystems/mmap_prepare.rst"

# opsdoc's mm pages (issue 18 section 2): a section of the kernel page
# they point to ("TITLE" in the kernel's .../mmap_prepare.rst) is one the
# page has, and none of the HOWTO's removed claims is made there either.
cat "$TMP"/gen/mm/*.rst | tr '\n' ' ' | tr -s ' ' > "$TMP/site"
bad=$(grep -oE '"[^"]+" in the kernel.s ``Documentation/filesystems/mmap_prepare\.rst``' \
	"$TMP/site" | sed 's/^"\([^"]*\)".*/\1/' | sort -u | while read -r t; do
		grep -qxF "$t" "$page" || printf '%s; ' "$t"
	done)
check "$tree: the mm pages point only to sections the kernel page has${bad:+ (not: $bad)}" \
	test -z "$bad"
site_claim() {
	local what=$1 re=$2 hit
	hit=$(grep -oiE ".{0,30}($re).{0,30}" "$TMP/site" | head -n 1)
	check "$tree: the mm pages make no $what${hit:+ (\"$hit\")}" test -z "$hit"
}
site_claim "rule to do nothing in close for a NULL vm_private_data" \
	'close[^.]*vm_private_data[^.]*NULL|NULL[^.]*vm_private_data[^.]*close'
site_claim "stm call-out" '\bstm\b|hwtracing'
site_claim "file-reference leak described as behaviour" \
	'file_doesnt_need_get|leaks?\b|not dropped|reference[^.]*(lost|never dropped)'
site_claim "mapped return-value divergence described as behaviour" \
	'error_override[^.]*(mapped|compat)|(mapped|compat)[^.]*error_override|silently|result(s)? in an error'
site_claim "compat helpers presented as driver API" \
	'(call|use) ``(__)?compat_(vma_mmap|set_desc_from_vma)'
site_claim "page for desc->pgoff in place of &pages[desc->pgoff] (review Q1)" \
	'the page for [`]*desc->pgoff'
site_claim "pointer to Mapped callback for the buffer an action maps (review F1)" \
	'action maps, see "Mapped callback"'
site_claim "close after a failed action or mapped, which is bug 3 (review 5, 1)" \
	'close[^.]*(mapped|action)[^.]*(did not run|not run|fail)'
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
