#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# census.sh - opsdoc census on the fixture tree (tests/fixtures/census/tree,
# written for this suite): a macro-made object, #if-conditioned members,
# one implementation of each class, a file that fails to tokenise, no
# MAINTAINERS, then one MAINTAINERS, a tree without mmap_prepare, --diff,
# the shard merge against the whole, the JSON fields and the text totals,
# a read-only KSRC; and on the newest tree, that the census has every
# object a grep/awk count of the three hooks finds.
set -u
. "$(dirname "$0")/lib.sh"
fx=$(cd "$(dirname "$0")/fixtures/census/tree" && pwd)
# The census keeps its cache in $TMP; the kernel tree comes from the
# real cache (an empty one would unpack the tree again).
real_cache=${OPSDOC_CACHE:-$HOME/.cache/opsdoc}
export OPSDOC_CACHE=$TMP/cache

census() { "$OPSDOC" census -q "$@"; }
# jf FILE EXPR: evaluate a Python expression over the JSON in c.
jf() { python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$@"; }

if census -k "$fx" --format json -o "$TMP/c.json" 2> "$TMP/err"; then
	ok "fixture: census writes JSON"
else
	not_ok "fixture: census failed: $(cat "$TMP/err")"
fi
obj() { echo "[o for o in c['objects'] if o['name'] == '$1'][0]"; }
impl() { echo "[i for i in c['implementations'] if i['function'] == '$1'][0]"; }
check "fixture: every object has name, file, line, macro, condition, hooks, maintainers" \
	jf "$TMP/c.json" "c['objects'] and all(set(o) >= {'name','file','line','macro','condition','hooks','maintainers'} for o in c['objects'])"
check "fixture: every implementation has function, file, line, users, class, recipe, blocked_by" \
	jf "$TMP/c.json" "c['implementations'] and all(set(i) >= {'function','file','line','users','class','recipe','blocked_by'} for i in c['implementations'])"
check "fixture: DEFINE_DEMO_FOPS(gem) makes gem_fops with .mmap = demo_gem_mmap, at its use" \
	jf "$TMP/c.json" "(lambda o: o['macro'] == 'DEFINE_DEMO_FOPS' and o['line'] == 4 and o['file'] == 'drivers/demo/gem.c' and o['hooks']['mmap']['function'] == 'demo_gem_mmap')($(obj gem_fops))"
check "fixture: a macro using a macro (DEFINE_DEMO_ATTRIBUTE), and a file's own macro" \
	jf "$TMP/c.json" "$(obj gem_attr_fops)['macro'] == 'DEFINE_DEMO_ATTRIBUTE' and $(obj local_fops)['macro'] == 'DEFINE_LOCAL_FOPS'"
check "fixture: DEMO_FOPS inside a hand-written initialiser sets .mmap" \
	jf "$TMP/c.json" "$(obj gem_handmade_fops)['hooks']['mmap']['function'] == 'demo_gem_mmap' and $(obj gem_handmade_fops)['macro'] is None"
check "fixture: the hook resolves to the non-static definition in another file" \
	jf "$TMP/c.json" "$(obj gem_fops)['hooks']['mmap']['file'] == 'drivers/demo/gem_core.c' and $(impl demo_gem_mmap)['users'] == 4"
check "fixture: members under #ifdef CONFIG_MMU and #ifndef CONFIG_MMU" \
	jf "$TMP/c.json" "$(obj remap_fops)['hooks']['mmap']['condition'] == 'CONFIG_MMU' and $(obj remap_fops)['hooks']['get_unmapped_area']['condition'] == '!CONFIG_MMU'"
check "fixture: an initialiser under #if defined(...); #if 0 is left out" \
	jf "$TMP/c.json" "$(obj remap_extra_fops)['condition'] == 'defined(CONFIG_DEMO_EXTRA)' and not [o for o in c['objects'] if o['name'] == 'dead_fops']"
check "fixture: array elements are objects of their own" \
	jf "$TMP/c.json" "$(obj 'io_fops[0]')['hooks']['mmap']['function'] == 'io_mmap'"
for pair in remap_mmap:remap io_mmap:ioremap pages_mmap:map_kernel_pages \
	    direct_mmap:direct demofs_mmap:prepare_variant dma_demo_mmap:needs_vma \
	    demo_gem_mmap:needs_vma generic_file_mmap:prepare_variant; do
	check "fixture: ${pair%%:*} is ${pair#*:}" \
		jf "$TMP/c.json" "$(impl "${pair%%:*}")['class'] == '${pair#*:}'"
done
check "fixture: remap through a static helper, with the helpers and flags of the tree" \
	jf "$TMP/c.json" "'mmap_action_remap_full()' in $(impl remap_mmap)['recipe'] and 'vma_desc_set_flags(desc, VMA_IO_BIT, VMA_DONTEXPAND_BIT)' in $(impl remap_mmap)['recipe']"
check "fixture: direct conversion names vma_desc_set_flags and vma_desc_clear_flags" \
	jf "$TMP/c.json" "'vma_desc_clear_flags(desc, VMA_MAYWRITE_BIT)' in $(impl direct_mmap)['recipe'] and $(impl direct_mmap)['users'] == 2"
check "fixture: needs the VMA names the blocking call" \
	jf "$TMP/c.json" "$(impl dma_demo_mmap)['blocked_by'] == 'dma_mmap_coherent()' and 'stores the VMA' in $(impl demo_gem_mmap)['blocked_by']"
check "fixture: a buffer allocated per mapping for the remap is per_mapping_resource, not remap" \
	jf "$TMP/c.json" "$(impl perbuf_mmap)['class'] == 'per_mapping_resource' and $(impl perbuf_mmap)['resource'] == 'kzalloc()'"
check "fixture: per_mapping_resource names each failure after the hook, the file-owned pattern, or keep .mmap" \
	jf "$TMP/c.json" "all(w in $(impl perbuf_mmap)['recipe'] for w in ('Not mechanical', 'mmap_action_prepare() rejects the action', 'merge cannot happen', 'allocating the VMA fails (-ENOMEM)', 'Mapped callback', 'or keep .mmap')) and 'runs vm_ops->close' not in $(impl perbuf_mmap)['recipe']"
check "fixture: a reference taken per mapping (refcount_inc_not_zero) for an ioremap is per_mapping_resource" \
	jf "$TMP/c.json" "$(impl owner_mmap)['class'] == 'per_mapping_resource' and $(impl owner_mmap)['resource'] == 'refcount_inc_not_zero()'"
check "fixture: per_mapping_resource calls close after a failed action an inconsistency, not a contract" \
	jf "$TMP/c.json" "all(w in $(impl perbuf_mmap)['recipe'] for w in ('a failed action', 'vm_ops->mapped', 'must not rely on it'))"
check "fixture: pages inserted under a lock the hook holds are under_lock, not map_kernel_pages" \
	jf "$TMP/c.json" "$(impl ring_mmap)['class'] == 'under_lock' and $(impl ring_mmap)['convert'] == 'not mechanical' and all(w in $(impl ring_mmap)['recipe'] for w in ('guard(mutex)', 'vm_insert_pages()', 'after the hook has returned', 'or keep .mmap')) and 'mmap_action' not in $(impl ring_mmap)['recipe']"
check "fixture: map_kernel_pages: _full() only when the array has the VMA's pages" \
	jf "$TMP/c.json" "'only when the page array has as many pages as the VMA' in $(impl pages_mmap)['recipe']"
check "fixture: a remap with phys_mem_access_prot(): desc->page_prot takes it, and the log must say the VMA's changes" \
	jf "$TMP/c.json" "all(w in $(impl fwprot_mmap)['recipe'] for w in ('phys_mem_access_prot()', 'set desc->page_prot to it before', 'which the old hook left alone')) and $(impl fwprot_mmap)['convert'] == 'needs review: line 14: a remap with a protection other than vma->vm_page_prot'"
check "fixture: a remap not proved to cover the VMA: no _full(), the -EFAULT/-EINVAL of prepare that error_override does not replace" \
	jf "$TMP/c.json" "all(w in $(impl flash_mmap)['recipe'] for w in ('not proved to cover the whole VMA', '-EFAULT', 'COW', 'error_override replaces only', 'desc->start and desc->end')) and '_full()' not in $(impl flash_mmap)['recipe']"
check "fixture: a dispatch to another table's mmap names it, and the prepare hook that table needs first" \
	jf "$TMP/c.json" "$(impl dispatch_mmap)['blocked_by'] == 'dispatches to READ_ONCE(sock->ops)->mmap()' and all(w in $(impl dispatch_mmap)['recipe'] for w in ('a hook that takes a struct vm_area_desc', 'each of its implementations'))"
check "fixture: 'if (io_remap_pfn_range(...)) return -EAGAIN;' names error_override" \
	jf "$TMP/c.json" "$(impl clock_mmap)['error_override'] == '-EAGAIN' and 'desc->action.error_override = -EAGAIN' in $(impl clock_mmap)['recipe'] and $(impl io_mmap)['error_override'] is None"
check "fixture: 'rc = remap(); if (rc != 0) { rc = -EFAULT;' is an override too" \
	jf "$TMP/c.json" "$(impl perbuf_mmap)['error_override'] == '-EFAULT'"
check "fixture: a masked flag test has its recipe line" \
	jf "$TMP/c.json" "'masked_flag_test' in $(impl clock_mmap)['idioms'] and '!vma_desc_test(desc, VMA_READ_BIT) || vma_desc_test(desc, VMA_WRITE_BIT)' in $(impl clock_mmap)['recipe']"
check "fixture: a plain flag test has its recipe line" \
	jf "$TMP/c.json" "'flag_test' in $(impl wc_mmap)['idioms'].split() and 'vma_desc_test(desc, VMA_X_BIT)' in $(impl wc_mmap)['recipe']"
check "fixture: vma_pages() and vm_end - vm_start against a size" \
	jf "$TMP/c.json" "'size_check' in $(impl wc_mmap)['idioms'] and 'size_check' in $(impl clock_mmap)['idioms'] and 'vma_desc_pages(desc)' in $(impl wc_mmap)['recipe']"
check "fixture: a vm_pgoff check stays, on desc->pgoff" \
	jf "$TMP/c.json" "'pgoff_check' in $(impl direct_mmap)['idioms'] and 'desc->pgoff' in $(impl direct_mmap)['recipe']"
check "fixture: pgprot_noncached and pgprot_writecombine on vm_page_prot, before the action" \
	jf "$TMP/c.json" "'desc->page_prot = pgprot_noncached(desc->page_prot)' in $(impl io_mmap)['recipe'] and 'desc->page_prot = pgprot_writecombine(desc->page_prot), set before' in $(impl wc_mmap)['recipe']"
check "fixture: a helper of the same file that takes the VMA" \
	jf "$TMP/c.json" "'helper:wc_setup' in $(impl wc_mmap)['idioms'] and 'wc_setup() of the same file takes the VMA' in $(impl wc_mmap)['recipe']"
check "fixture: no recipe mentions get_unmapped_area" \
	jf "$TMP/c.json" "not [i for i in c['implementations'] if 'unmapped' in i['recipe']]"
check "fixture: the convert column: patch, needs review with the line and reason, not mechanical" \
	jf "$TMP/c.json" "$(impl clock_mmap)['convert'] == 'patch' and $(impl direct_mmap)['convert'] == 'patch' and $(impl dma_demo_mmap)['convert'] == 'not mechanical' and $(impl perbuf_mmap)['convert'] == 'not mechanical'"
check "fixture: a remap of part of the range needs review" \
	jf "$TMP/c.json" "$(impl io_mmap)['convert'] == 'needs review: line 7: a remap of part of the range (or of a size not proved to be the whole)'"
check "fixture: a helper that takes the VMA, an object setting both hooks: needs review" \
	jf "$TMP/c.json" "$(impl wc_mmap)['convert'] == 'needs review: line 27: passes the VMA to wc_setup()' and $(impl both_mmap)['convert'].startswith('needs review: line 20: both_fops sets .mmap_prepare too')"
check "fixture: the file that fails to tokenise is listed with its first error" \
	jf "$TMP/c.json" "c['errors'] == [{'file': 'drivers/demo/broken.c', 'line': 8, 'error': 'unterminated comment'}]"
check "fixture: no MAINTAINERS gives maintainers unknown" \
	jf "$TMP/c.json" "all(o['maintainers'] == 'unknown' for o in c['objects'])"
census -k "$fx" -o "$TMP/c.txt"
check "fixture: text totals (24 objects, 21 legacy, 1 converted, 1 both, 2 gua)" \
	grep -qE '^total +24 +21 +1 +1 +2$' "$TMP/c.txt"
check "fixture: text lists the failed file in a compiler's form" \
	grep -qx 'drivers/demo/broken.c:8: error: unterminated comment' "$TMP/c.txt"
census -k "$fx" --format html -o "$TMP/c.html"
check "fixture: html links each class to the guidance" \
	grep -q 'href="../html/mm/mmap_prepare.html#mmap-actions">remap<' "$TMP/c.html"
check "fixture: the text and the html carry the convert column" \
	bash -c 'grep -q "^    convert: patch$" "$1" && grep -q "<th>convert</th>" "$2"' _ "$TMP/c.txt" "$TMP/c.html"

# Shards merged equal the whole.
census --no-cache -k "$fx" --format json -o "$TMP/whole.json"
census -k "$fx" --shard 0/3 --format json -o "$TMP/s0.json"
census -k "$fx" --shard 1/3 --format json -o "$TMP/s1.json"
census -k "$fx" --shard 2/3 --format json -o "$TMP/s2.json"
census --merge --format json -o "$TMP/merged.json" "$TMP/s2.json" "$TMP/s0.json" "$TMP/s1.json"
check "fixture: a shard holds only part of the tree" \
	jf "$TMP/s0.json" "0 < len(c['objects']) < 24"
check "fixture: the merge of 3 shards equals the whole" cmp -s "$TMP/whole.json" "$TMP/merged.json"
check "fixture: the cached run equals the uncached one" cmp -s "$TMP/whole.json" "$TMP/c.json"

# MAINTAINERS, read as get_maintainer.pl reads it.
cp -r "$fx" "$TMP/m"
printf '%s\n' 'DEMO DRIVERS' 'M:	A <a@example.org>' 'F:	drivers/demo/' 'X:	drivers/demo/dma.c' '' \
	'DEMO DMA' 'F:	drivers/demo/d*.c' '' 'DEMO GEM' 'N:	gem' '' 'FS CORE' 'F:	fs/*.c' '' \
	'THE REST' 'F:	*' 'F:	*/' > "$TMP/m/MAINTAINERS"
census -k "$TMP/m" --format json -o "$TMP/m.json"
check "MAINTAINERS: F: directory, X: exclusion, glob at its depth, N: regex, THE REST" \
	jf "$TMP/m.json" "$(obj remap_fops)['maintainers'] == 'DEMO DRIVERS' and $(obj dma_fops)['maintainers'] == 'DEMO DMA' and $(obj direct_fops)['maintainers'] == 'DEMO DRIVERS; DEMO DMA' and $(obj gem_fops)['maintainers'] == 'DEMO DRIVERS; DEMO GEM' and $(obj demofs_file_operations)['maintainers'] == 'THE REST'"

# A tree without mmap_prepare, as 6.1; and --diff from it.
cp -r "$fx" "$TMP/old"
sed -i '/mmap_prepare/d; /mmap_action_/d; /vma_desc_/d; s/^PATCHLEVEL = 9/PATCHLEVEL = 1/' \
	"$TMP/old/include/linux/fs.h" "$TMP/old/include/linux/mm.h" "$TMP/old/Makefile"
sed -i 's/\.mmap_prepare = conv_mmap_prepare/.mmap = conv_mmap/' "$TMP/old/drivers/demo/converted.c"
census -k "$TMP/old" --format json -o "$TMP/old.json"
check "no mmap_prepare: every recipe says the tree has none" \
	jf "$TMP/old.json" "not c['tree']['has_mmap_prepare'] and all('Linux 7.1.0 has no mmap_prepare' in i['recipe'] and 'mmap_action' not in i['recipe'] for i in c['implementations'])"
census -k "$fx" --diff "$TMP/old" -o "$TMP/diff.txt"
check "--diff: converted 1 (conv_fops), added 0, removed 0, still legacy 22" \
	grep -qx 'census diff 7.1.0 -> 7.9.0: converted 1, added 0, removed 0, still legacy 22' "$TMP/diff.txt"

# Progress: on a terminal only, and not with -q.
if command -v script > /dev/null; then
	script -qc "'$OPSDOC' census --no-cache -k '$fx' -o '$TMP/p.txt'" /dev/null > "$TMP/tty.txt" 2>&1
	check "progress on a terminal: files done out of the total" grep -q 'census: 18/18 files' "$TMP/tty.txt"
	script -qc "'$OPSDOC' census -q --no-cache -k '$fx' -o '$TMP/p.txt'" /dev/null > "$TMP/tty.txt" 2>&1
	check "no progress with -q" bash -c '! grep -q "census:" "$1"' _ "$TMP/tty.txt"
fi
"$OPSDOC" census --no-cache -k "$fx" -o "$TMP/p.txt" 2> "$TMP/notty.txt"
check "no progress when stderr is not a terminal" test ! -s "$TMP/notty.txt"

# Bad input, and a KSRC that stays untouched.
check "a tree that is not a kernel tree is an error" \
	bash -c '! "$1" census -q -k /nonexistent 2>/dev/null' _ "$OPSDOC"
check "--shard 3/3 is a usage error" bash -c '"$1" census -q --shard 3/3 -k "$2" 2>/dev/null; [ $? -eq 2 ]' _ "$OPSDOC" "$fx"
check "the fixture tree is unchanged" git diff --quiet -- "$fx"
echo old > "$TMP/keep.txt"
chmod a-w "$TMP"/old
census -k "$TMP/nonexistent" -o "$TMP/keep.txt" 2>/dev/null
check "a failed run leaves the output file as it was" grep -qx old "$TMP/keep.txt"
chmod u+w "$TMP"/old

# The newest tree: every object a lexical count of the three hooks finds.
if [ -z "${OPSDOC_SKIP_TREES:-}" ] &&
   r=$(OPSDOC_CACHE=$real_cache scripts/ktree.sh resolve newest 2>/dev/null); then
	read -r ksrc _ <<< "$r"
	census -k "$ksrc" --format json -o "$TMP/new.json"
	# "struct file_operations NAME = {" ... "}" with a hook, outside macros.
	(cd "$ksrc" && grep -rlE --include='*.c' '\.(mmap|mmap_prepare|get_unmapped_area)[[:space:]]*=' . |
		xargs awk '
		FNR == 1 { inside = 0 }
		/^#[[:space:]]*if[[:space:]]+0/ { dead = 1 } /^#[[:space:]]*endif/ { dead = 0 }
		!dead && /struct[[:space:]]+file_operations[[:space:]]+[A-Za-z_0-9]+(\[\])?[[:space:]]*(__[a-z_]+[[:space:]]*)*=[[:space:]]*\{/ {
			inside = 1; match($0, /file_operations[[:space:]]+[A-Za-z_0-9]+/)
			name = substr($0, RSTART + 16, RLENGTH - 16); gsub(/[[:space:]]/, "", name)
		}
		inside && /\.(mmap|mmap_prepare|get_unmapped_area)[[:space:]]*=/ && !(/\\$/) {
			f = FILENAME; sub(/^\.\//, "", f); print f " " name; inside = 0 }
		inside && /^}/ { inside = 0 }' | sort -u) > "$TMP/lexical.txt"
	python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))
for o in c["objects"]:
	if o["hooks"]: print(o["file"], o["name"].split("[")[0])' "$TMP/new.json" | sort -u > "$TMP/census.txt"
	missing=$(comm -23 "$TMP/lexical.txt" "$TMP/census.txt")
	check "newest: the census has all $(wc -l < "$TMP/lexical.txt") objects the lexical count finds${missing:+ (missing: $missing)}" \
		test -z "$missing" -a -s "$TMP/lexical.txt"
	check "newest: macro-made objects set .mmap (DEFINE_DRM_GEM_FOPS and relatives)" \
		jf "$TMP/new.json" "len([o for o in c['objects'] if o['macro'] and 'mmap' in o['hooks']]) >= 80"
	check "newest: mem_fops sets get_unmapped_area under !CONFIG_MMU" \
		jf "$TMP/new.json" "[o for o in c['objects'] if o['name'] == 'mem_fops'][0]['hooks']['get_unmapped_area']['condition'] == '!CONFIG_MMU'"
fi
finish
