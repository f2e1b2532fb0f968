#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# convert.sh - opsdoc convert on the fixture tree (tests/fixtures/convert/
# tree, one driver per pattern, the refusals included): the series and
# convert.txt against golden files (tests/fixtures/convert/golden, read
# line by line when written), the refusals with their lines and reasons, a
# read-only KSRC, bad usage; and on the newest tree, ptp_vmclock (with its
# error_override) and cmt_speech converted, built with W=1 and
# checkpatch-clean, genwqe left alone.
set -u
. "$(dirname "$0")/lib.sh"
fx=$(cd "$(dirname "$0")/fixtures/convert/tree" && pwd)
golden=$(cd "$(dirname "$0")/fixtures/convert/golden" && pwd)
# The fixture runs use a cache of their own; the newest tree, and the
# allmodconfig build directory that convert prepares there on first use,
# come from the real cache.
real_cache=${OPSDOC_CACHE:-$HOME/.cache/opsdoc}
export OPSDOC_CACHE=$TMP/cache SOURCE_DATE_EPOCH=1700000000
id="A U Thor <author@example.org>"

if ! command -v spatch > /dev/null; then
	not_ok "spatch is missing: scripts/deps.sh installs coccinelle"
	finish
	exit 0
fi

conv() { "$OPSDOC" convert -q --signoff "$id" "$@"; }

conv -k "$fx" --no-build -o "$TMP/out" 2> "$TMP/err"
check "fixture: convert writes a series" test -s "$TMP/out/0000-cover-letter.patch"
for f in "$golden"/*; do
	b=$(basename "$f")
	check "fixture: $b is as the golden file" diff -u "$f" "$TMP/out/$b"
done
# checkpatch.pl reads a line that starts with "---" as the end of the log.
check "fixture: no line of the cover letter's text starts with ---" \
	bash -c '! sed -n "/^Subject/,/^The semantic patch/p" "$1" | grep -q "^---"' _ \
	"$TMP/out/0000-cover-letter.patch"
check "fixture: no file beyond the golden ones" \
	test "$(ls "$TMP/out" | wc -l)" -eq "$(ls "$golden" | wc -l)"
has() { grep -qxF -- "$1" "$TMP/out/convert.txt"; }
check "refused: a remap whose failure prints" \
	has "drivers/conv/noisy.c:5: noisy_mmap(): needs review: line 7: does more than return an error when the remap fails; the action fails after the hook has returned"
check "refused: vm_ops with a close and an action" \
	has "drivers/conv/closing.c:13: closing_mmap(): needs review: line 14: sets vm_ops (closing_vm_ops) with a close, which would run when the action fails after the VMA is made; the old hook failed before"
check "refused: a VMA field the descriptor lacks" \
	has "drivers/conv/state.c:5: mm_mmap(): needs review: line 9: uses a VMA field the descriptor does not have (vm_mm)"
check "refused: the value of a flag test, not its truth" \
	has "drivers/conv/state.c:13: value_mmap(): needs review: line 15: the value of a flag test is used, not its truth"
check "the error_override of 'if (io_remap_pfn_range(...)) return -EAGAIN;'" \
	grep -q '^+	desc->action.error_override = -EAGAIN;$' "$TMP"/out/0001-*.patch
check "refused: a hook that sets no flag and returns an error (mm would now call it before a merge)" \
	has "drivers/conv/plain.c:7: plain_mmap(): needs review: line 10: returns an error, and the hook sets no flag: mm calls .mmap only when the new range did not merge with a neighbour, but .mmap_prepare before that merge"
check "... and no patch says its checks apply to merged ranges" \
	bash -c '! grep -q "One difference" "$@"' _ "$TMP"/out/0*.patch
m=$(ls "$TMP"/out/*-conv-maybe-*.patch)
check "'#define HOOK NULL' of the configurations without the hook is renamed too" \
	grep -qx '+#define maybe_mmap_prepare NULL' "$m"
check ".mmap_prepare = aligns its '=' with the initialiser's, by tabs" \
	grep -qxP '\+\t\.mmap_prepare\t= maybe_mmap_prepare,' "$m"
check ".mmap_prepare = aligns its '=' with the initialiser's, by spaces" \
	grep -qxP '\+\t\.mmap_prepare   = maybe_mmap_prepare,' "$m"
check "an aligned table whose '=' is left of where .mmap_prepare ends is realigned, by tabs, as a whole" \
	bash -c 'grep -qxP "\+\t\.open\t\t= maybe_open," "$1" && grep -qxP "\+\t\.release\t= maybe_release," "$1" && grep -qxP "\+\t\.mmap_prepare\t= maybe_mmap_prepare," "$1"' _ "$m"
s=$(ls "$TMP"/out/*-conv-shared-*.patch)
check "a masked test against its whole mask, '!= (A | B)': a test of each flag, wrapped at 80 columns" \
	bash -c 'grep -qxP "\\+\\tif \\(!vma_desc_test\\(desc, VMA_SHARED_BIT\\) \\|\\|" "$1" && grep -qxP "\\+\\t    !vma_desc_test\\(desc, VMA_MAYSHARE_BIT\\)\\) \\{" "$1"' _ "$s"
check "refused: a masked test whose value has a flag outside the mask" \
	has "drivers/conv/shared.c:25: outside_mmap(): needs review: line 27: a masked flag test of a form not proved (only \"if ((vm_flags & (A | B)) != A)\" or \"!= (A | B)\")"
z=$(ls "$TMP"/out/*-conv-zero-*.patch)
check "a flag test compared with 0: the test or its negation, not a bool compared with 0" \
	bash -c 'grep -qxF "+	if (!vma_desc_test(desc, VMA_SHARED_BIT))" "$1" && grep -qxF "+	if (vma_desc_test(desc, VMA_WRITE_BIT))" "$1"' _ "$z"
check ".mmap_prepare keeps the tab after the '=' of a '\t=\t' initialiser" \
	grep -qxP '\+\t\.mmap_prepare\t=\tzero_mmap_prepare,' "$z"
check "a hook and its .mmap under the same #ifdef are converted together" \
	grep -qxP '\+\t\.mmap_prepare\t= mmu_mmap_prepare,' "$TMP"/out/*-conv-mmu-*.patch
check "refused: a hook of a file that swaps f_op at runtime" \
	has "drivers/conv/swap.c:6: gone_mmap(): needs review: line 7: the file assigns f_op at runtime, and mm reads f_op more than once while it maps"
check "refused: .mmap under an #if of its own, the hook not" \
	has "drivers/conv/mmu.c:24: other_mmap(): needs review: line 32: .mmap is set under #if CONFIG_OTHER"
check "the patches say they were not compile-tested, below the ---" \
	grep -qx 'Not compile-tested: opsdoc convert ran with --no-build.' "$TMP"/out/0002-*.patch
check "the cover letter carries the semantic patch" \
	grep -qx '@depends on r@' "$TMP/out/0000-cover-letter.patch"
check "the fixture tree is unchanged" git diff --quiet -- "$fx"
# The logs: what each patch changes and why, nothing that does not apply.
tw=$(ls "$TMP"/out/*-conv-twins-*.patch)
check "log: the hooks that change alike share one paragraph" \
	grep -q '^twin_a_mmap() and twin_b_mmap() each read the access flags' "$tw"
check "log: ... which says once why they merge as before" \
	test "$(grep -c 'on every VMA of the$' "$tw")" -eq 1
check "log: a hook that sets only vm_ops: a merge keeps the neighbour's, the same" \
	grep -q "neighbour's vm_ops, which this hook set to the same value" "$tw"
# Each sentence below belongs only in the log of a patch that does it.
only_if() {	# WORDS IN THE LOG, WHAT THE PATCH MUST ADD (a regex)
	local p ok=1
	for p in "$TMP"/out/0*-conv-*.patch; do
		if sed -n '/^Subject/,/^---$/p' "$p" | tr '\n' ' ' | grep -q -- "$1" &&
		   ! sed -n '/^---$/,$p' "$p" | grep -q -- "$2"; then
			echo "# $p says '$1' but adds no '$2'"
			ok=0
		fi
	done
	[ $ok = 1 ]
}
check "log: error_override only where the patch sets it" \
	only_if 'error_override' '^+.*desc->action.error_override = '
check "log: the #define only where one is renamed" only_if '#define' '^+#define .*_prepare NULL'
check "log: vma_desc_test() only where a flag is tested" only_if 'vma_desc_test()' '^+.*vma_desc_test('
check "log: the kernel-doc only where it is renamed" only_if 'kernel-doc' '^+ \* [a-z_]*_prepare'
check "log: vma_desc_set_flags() only where flags are set" only_if 'vma_desc_set_flags()' '^+.*vma_desc_set_flags('
check "log: an action only where one is recorded" only_if 'which mm performs once' '^+.*mmap_action_'
check "log: the #define of the configurations without the hook is named" \
	grep -q 'The #define of maybe_mmap to NULL' "$TMP"/out/*-conv-maybe-*.patch
check "a hook that only returns an error converts: no VMA of the file can exist to merge with" \
	grep -q '^fails_mmap() fails every mapping' "$TMP"/out/*-conv-fails-*.patch
check "refused: a hook that fails some mappings and sets no flag" \
	has "drivers/conv/fails.c:15: sometimes_mmap(): needs review: line 18: returns an error, and the hook sets no flag: mm calls .mmap only when the new range did not merge with a neighbour, but .mmap_prepare before that merge"
st=$(ls "$TMP"/out/*-conv-store-*.patch)
check "log: a store before the hook's last check is named, as now coming before the VMA is allocated" \
	bash -c 'sed -n "/^Subject/,/^---\$/p" "$1" | tr "\n" " " | grep -q "store_mmap() stores to sd->owner before its last check"' _ "$st"
check "log: ... with why it is harmless: the hook's own later errors leave it done too" \
	bash -c 'sed -n "/^Subject/,/^---\$/p" "$1" | tr "\n" " " | grep -q "error returns after the store already leave it done"' _ "$st"
check "log: no store is claimed of a hook that makes none" \
	bash -c '! grep -l "before its last check" "$@" | grep -qv conv-store' _ "$TMP"/out/0*.patch
conv -k "$fx" --no-build -o "$TMP/out2" drivers/conv/clock.c whole_mmap 2> /dev/null
check "operands: a file and a function" \
	test "$(ls "$TMP/out2"/0*.patch | wc -l)" -eq 3
# Subject prefixes: the file's own history in a git tree, else its
# MAINTAINERS section's, else the path's.
check "subject: from the path without MAINTAINERS or git, naming the hook" \
	grep -qx 'Subject: \[PATCH 01/12\] conv: clock: Convert clock_mmap() to .mmap_prepare' \
	"$TMP"/out/0001-*.patch
cp -r "$fx" "$TMP/mt"
printf '%s\n' 'ACPI' 'M:	A <a@example.org>' 'F:	drivers/conv/clock.c' '' \
	'Hyper-V/Azure CORE AND DRIVERS' 'M:	B <b@example.org>' 'F:	drivers/conv/many.c' '' \
	'HSI SUBSYSTEM' 'M:	C <c@example.org>' 'F:	drivers/conv/direct.c' '' \
	'VIRTIO HOST (VHOST)' 'M:	D <d@example.org>' 'F:	drivers/conv/iomem.c' '' \
	'MEMORY MAPPING' 'M:	Ann B. Cee <abc@example.org>' 'M:	Dee Eff <de@example.org>' \
	'L:	mm@example.org' 'F:	mm/' > "$TMP/mt/MAINTAINERS"
conv -k "$TMP/mt" --no-build -o "$TMP/mtout" drivers/conv/clock.c drivers/conv/many.c \
	drivers/conv/direct.c drivers/conv/iomem.c 2> /dev/null
check "subject: from the MAINTAINERS section (ACPI: FILE:)" \
	grep -qx 'Subject: \[PATCH 1/4\] ACPI: clock: Convert clock_mmap() to .mmap_prepare' "$TMP"/mtout/0001-*.patch
check "subject: from the MAINTAINERS section (Drivers: hv: FILE:)" \
	grep -qx 'Subject: \[PATCH 4/4\] Drivers: hv: many: Convert many_mmap() to .mmap_prepare' "$TMP"/mtout/0004-*.patch
check "subject: the known prefix of the HSI tree, upper case (HSI: FILE:)" \
	grep -qx 'Subject: \[PATCH 2/4\] HSI: direct: Convert direct_mmap() to .mmap_prepare' "$TMP"/mtout/0002-*.patch
check "subject: the known prefix of the vhost tree (vhost-FILE:)" \
	grep -qx 'Subject: \[PATCH 3/4\] vhost-iomem: Convert iomem_mmap() to .mmap_prepare' "$TMP"/mtout/0003-*.patch
check "To: a display name with a '.' is quoted (RFC 5322), one without is not" \
	bash -c 'grep -qxE "(To: |    )\"Ann B. Cee\" <abc@example.org>," "$1" && grep -qxE "(To: |    )Dee Eff <de@example.org>,?" "$1"' _ "$TMP"/mtout/0001-*.patch
check "the cover letter says once which error wins when VMA allocation also fails" \
	bash -c '[ $(tr "\n" " " < "$1" | grep -o "apart from which error wins when VMA allocation *also fails" | wc -l) -eq 1 ]' _ "$TMP/out/0000-cover-letter.patch"
cp -r "$fx" "$TMP/g"
(cd "$TMP/g" && git init -q && git add -A &&
	git -c user.name=T -c user.email=t@example.org commit -qm 'treewide: add the tree' &&
	for s in 'democlock: Add the clock page' 'democlock: Fix its size check' 'misc: tidy'; do
		echo "// $s" >> drivers/conv/clock.c &&
		git -c user.name=T -c user.email=t@example.org commit -qam "$s"; done) > /dev/null 2>&1
conv -k "$TMP/g" --no-build -o "$TMP/gout" drivers/conv/clock.c 2> /dev/null
check "subject: from the file's git history, the prefix it uses most and its case" \
	grep -qx 'Subject: \[PATCH 1/1\] democlock: Convert clock_mmap() to .mmap_prepare' "$TMP"/gout/0001-*.patch
check "no -o is a usage error" bash -c '"$1" convert -q --signoff "$2" -k "$3" 2>/dev/null; [ $? -eq 2 ]' \
	_ "$OPSDOC" "$id" "$fx"
check "a tree that is not a kernel tree is an error" \
	bash -c '! "$1" convert -q --signoff "$2" -k /nonexistent -o "$3" 2>/dev/null' _ "$OPSDOC" "$id" "$TMP/x"

# The newest tree: the three drivers of the issue.
if [ -z "${OPSDOC_SKIP_TREES:-}" ] &&
   r=$(OPSDOC_CACHE=$real_cache scripts/ktree.sh resolve newest 2>/dev/null); then
	read -r ksrc _ <<< "$r"
	OPSDOC_CACHE=$real_cache conv -k "$ksrc" ${OPSDOC_CONVERT_BUILD:+-b "$OPSDOC_CONVERT_BUILD"} \
		-o "$TMP/new" drivers/ptp/ptp_vmclock.c drivers/xen/xenfs/xenstored.c \
		drivers/hsi/clients/cmt_speech.c drivers/misc/genwqe/card_dev.c 2> "$TMP/newerr"
	p=$(ls "$TMP/new"/*vmclock*.patch 2> /dev/null)
	check "newest: ptp_vmclock converts, with error_override = -EAGAIN" \
		grep -q '^+	desc->action.error_override = -EAGAIN;$' "$p"
	check "newest: ptp_vmclock and cmt_speech were built with W=1 and are kernel-doc and checkpatch-clean" \
		bash -c '[ $(grep -c "patch .*, built, kernel-doc clean, checkpatch clean$" "$1") -eq 2 ]' _ "$TMP/new/convert.txt"
	# The tree's scripts/kernel-doc -none, on the fixture: clock.c's
	# renamed kernel-doc is clean; apart.c's, which a blank line parts
	# from its hook and opsdoc leaves alone, would warn: no patch.
	cp -r "$fx" "$TMP/kd" && cp "$fx/../kdoc/apart.c" "$TMP/kd/drivers/conv/" &&
		mkdir "$TMP/kd/scripts" && ln -s "$ksrc/scripts/kernel-doc" "$TMP/kd/scripts/kernel-doc"
	conv -k "$TMP/kd" --no-build -o "$TMP/kdout" drivers/conv/clock.c drivers/conv/apart.c 2> /dev/null
	check "kernel-doc -none: a renamed kernel-doc gives no new warning, and the log says it was run" \
		bash -c 'grep -q "^drivers/conv/clock.c: patch .*, kernel-doc clean, " "$1/convert.txt" && tr "\n" " " < "$1"/0001-*.patch | grep -q "scripts/kernel-doc -none finds no new warning in it"' _ "$TMP/kdout"
	check "kernel-doc -none: a conversion that brings a new warning writes no patch, and says which" \
		grep -qx "drivers/conv/apart.c: no patch: a new kernel-doc warning after conversion: function parameter 'desc' not described in 'apart_mmap_prepare'" "$TMP/kdout/convert.txt"
	# get_maintainer.pl adds the CLANG/LLVM entry for those words.
	check "newest: no patch's log names the compiler (clang, LLVM)" \
		bash -c '! sed -n "/^Subject/,/^---\$/p" "$@" | grep -qiw "clang\|llvm"' _ \
		$(ls "$TMP"/new/0*-*.patch | grep -v cover-letter)
	check "newest: each patch says the tool made it (Assisted-by:, which 7.x's checkpatch knows)" \
		grep -qx 'Assisted-by: LLM opsdoc coccinelle' "$p"
	# checkpatch.pl judges an added line whole: the parentheses that
	# "if ((size > PAGE_SIZE) || (vma->vm_pgoff != 0))" had stay its own.
	check "newest: xenstored's patch is written; checkpatch's words on what the line had before are kept apart" \
		bash -c 'grep -q "^drivers/xen/xenfs/xenstored.c: patch 0" "$1/convert.txt" && grep -q "UNNECESSARY_PARENTHESES.*desc->pgoff != 0.)\$" "$1/convert.txt" && grep -q "xenstored.c: patch .*checkpatch clean (what the lines had before" "$1/convert.txt"' _ "$TMP/new"
	check "newest: genwqe is per_mapping_resource, not converted" \
		bash -c '! ls "$1" | grep -q genwqe' _ "$TMP/new"
fi
finish
