#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# documents.sh [SERIES...] - the documents generate rewrites, read against
# the tree's own text (default: newest and 6.1):
#  - vfs.rst: every entry the tree had and the header still has keeps its
#    place among the others, and its words unless templates/members/
#    corrections says why ours replace them (or additions, why ours
#    follow them);
#  - no "As of kernel" stamp is left in vfs.rst or locking.rst;
#  - locking.rst: every method of a prototypes block has a row in its
#    section's table;
#  - every line of a code block the patches add, and every prototype line
#    they add, keeps to 80 columns.
set -u
. "$(dirname "$0")/lib.sh"
TEMPLATES=$PWD/templates
[ $# -gt 0 ] || set -- newest 6.1

# entries FILE: "SECTION<TAB>NAME<TAB>BODY" for each ``name`` term of each
# "struct SECTION" section; BODY is the term's lines indented at least
# as deep as its first, blank lines inside kept, joined with \x01 (tabs
# as \x02).
entries() {
	awk '
	function flush() {
		if (name != "") {
			sub(/(\x01)+$/, "", body)
			gsub(/\t/, "\x02", body)
			printf "%s\t%s\t%s\n", sec, name, body
		}
		name = ""; body = ""
	}
	/^(=|-|~|\^)+$/ && prev != "" && prev !~ /^[ \t]/ {
		# A title: a struct section, or the end of one.
		flush(); inbody = 0
		sec = prev ~ /^struct [A-Za-z_]+$/ ? substr(prev, 8) : ""
		prev = $0; next
	}
	sec != "" && /^``[A-Za-z_0-9]+``:?$/ {
		flush(); name = $0; gsub(/[`:]/, "", name); inbody = 1; bodyw = 0
		prev = $0; next
	}
	function width(l,   i, c) {
		c = 0
		for (i = 1; i <= length(l); i++) {
			if (substr(l, i, 1) == "\t")
				c = c - c % 8 + 8
			else if (substr(l, i, 1) == " ")
				c++
			else
				break
		}
		return c
	}
	{
		# The body: blank lines and lines as deep as its first one.
		if (inbody && $0 != "" && !bodyw)
			bodyw = width($0)
		if (inbody && ($0 == "" || (bodyw && width($0) >= bodyw)))
			body = body $0 "\x01"
		else if (inbody) {
			flush(); inbody = 0
		}
		prev = $0
	}
	END { flush() }' "$1"
}

# kept_entries OLD NEW: every entry of OLD that NEW has is in the same
# order, and has the same words unless templates/members has it.
kept_entries() {
	local old=$1 new=$2 bad=0
	entries "$old" > "$TMP/old.e"
	entries "$new" > "$TMP/new.e"
	# The order: OLD's names that NEW has, against NEW's names that OLD had.
	awk -F'\t' 'NR == FNR { seen[$1 "." $2] = 1; next }
		seen[$1 "." $2] { print $1 "." $2 }' "$TMP/new.e" "$TMP/old.e" > "$TMP/old.order"
	awk -F'\t' 'NR == FNR { seen[$1 "." $2] = 1; next }
		seen[$1 "." $2] { print $1 "." $2 }' "$TMP/old.e" "$TMP/new.e" > "$TMP/new.order"
	if ! diff -u "$TMP/old.order" "$TMP/new.order" > "$TMP/order.diff"; then
		cat "$TMP/order.diff"
		bad=1
	fi
	# The words, where no template of ours replaces them.
	while IFS=$'\t' read -r sec name body; do
		# Replaced on purpose: templates/members/corrections says why.
		# "struct xattr_handlers": a title may name the plural.
		grep -q "^$sec\.$name:" "$TEMPLATES/members/corrections" && continue
		grep -q "^${sec%s}\.$name:" "$TEMPLATES/members/corrections" && continue
		local now
		now=$(awk -F'\t' -v s="$sec" -v m="$name" \
			'$1 == s && $2 == m { print $3; exit }' "$TMP/new.e")
		# Added to on purpose (templates/members/additions): the old
		# words stay, whole and first.
		if grep -qE "^($sec|${sec%s})\.$name( \(same paragraph\))?:" \
			"$TEMPLATES/members/additions" &&
		   [ "${now#"$body"}" != "$now" ]; then
			continue
		fi
		if [ -n "$now" ] && [ "$now" != "$body" ]; then
			echo "# $sec.$name: the words changed with no template"
			bad=1
		fi
	done < "$TMP/old.e"
	[ "$(wc -l < "$TMP/old.order")" -gt 20 ] || { echo "# too few entries"; bad=1; }
	return $bad
}

# rows_for_prototypes FILE: each section whose prototypes block is followed
# by a table has a row (its first word) for each "(*name)" of the block.
rows_for_prototypes() {
	awk '
	function check() {
		if (!table)
			return
		for (i = 1; i <= np; i++)
			if (!(protos[i] in rows)) {
				print "# " title ": no row for " protos[i]
				bad = 1
			}
	}
	/^(=|-)+$/ && prev != "" && prev !~ /^(=|[ \t])+$/ && $0 !~ /[ \t]/ {
		check(); title = prev; np = 0; table = 0; inproto = 0
		delete rows; delete protos; prev = $0; next
	}
	/^prototypes::/ { inproto = 1; prev = $0; next }
	inproto && /^[ \t]/ {
		if (match($0, /\(\*[ ]*[A-Za-z_0-9]+\)/))
			protos[++np] = substr($0, RSTART + 2, RLENGTH - 3)
		prev = $0; next
	}
	inproto && /^[^ \t]/ { inproto = 0 }
	/^=+([ \t]+=+)*[ \t]*$/ { table = 1 }
	/^[A-Za-z_]/ { w = $1; sub(/:.*/, "", w); rows[w] = 1 }
	{ prev = $0 }
	END { check(); exit bad }' "$1"
}

# narrow_added PATCH: the code blocks a patch adds (their "::" line is
# added) and the lines it adds to prototypes blocks keep to 80 columns.
narrow_added() {
	expand "$1" | awk '
	/^\+\+\+ / || /^--- / { next }
	/^\+/ && (/::$/ || /^\+\.\. code-block::/) { block = 1; next }
	/^[ +-]prototypes::$/ { proto = 1; block = 0; next }
	{
		line = substr($0, 2)
		if (line != "" && line !~ /^[ \t]/) { block = 0; proto = 0 }
		if ((block || proto) && /^\+/ && length(line) > 80) {
			print "# " length(line) " columns: " line
			bad = 1
		}
	}
	END { exit bad }'
}

# says FILE STRUCT MEMBER PATTERN [NOT]: the generated entry of
# STRUCT.MEMBER (its body on one line) matches the extended regular
# expression PATTERN, and not NOT. The facts a reviewer checked against
# the code: the entry states them as the code has them.
says() {
	local body
	body=$(entries "$1" | awk -F'\t' -v s="$2" -v m="$3" \
		'$1 == s && $2 == m { print $3; exit }' | tr '\001\002' '  ' | tr -s ' ')
	[ -n "$body" ] || { echo "# $2.$3: no entry"; return 1; }
	echo "$body" | grep -qE -- "$4" || { echo "# $2.$3 lacks /$4/: $body"; return 1; }
	[ -z "${5:-}" ] || ! echo "$body" | grep -qE -- "$5" ||
		{ echo "# $2.$3 has /$5/: $body"; return 1; }
}

# facts FILE: the review's corrections, each in the entry it concerns.
facts() {
	local v=$1 bad=0
	says "$v" dentry_operations d_compare 'always called atomically.*must not sleep' \
		'rcu-walk mode it must not sleep' || bad=1
	says "$v" dentry_operations d_compare 'should not take locks' || bad=1
	# d_alloc_parallel() compares under neither RCU nor d_lock: no list
	# of the cases.
	says "$v" dentry_operations d_compare 'called atomically' \
		'RCU read section, or with' || bad=1
	# generic_ci_d_compare() copies an inline name first: in rcu-walk a
	# rename may change its bytes; it reads d_sb and d_parent.
	says "$v" dentry_operations d_compare 'a rename may change the bytes.*``->d_sb`` may be used' \
		'snapshot' || bad=1
	# lookup_noperm_common() calls d_hash with neither held.
	says "$v" dentry_operations d_hash 'must not block; in rcu-walk mode' \
		'runs under the rules' || bad=1
	says "$v" file_operations splice_eof 'did not set ``SPLICE_F_MORE``' || bad=1
	# Only do_splice_direct_actor() sets splice_eof: sendfile(2) and
	# copy_file_range(2), never splice(2).
	says "$v" file_operations splice_eof \
		'sendfile\(2\) or copy_file_range\(2\).*splice\(2\) itself never' \
		'a splice from a file' || bad=1
	says "$v" file_operations fop_flags \
		'``FOP_IMMUTABLE``: the directory never changes and is never removed' || bad=1
	# fs/readdir.c:iterate_dir takes no i_rwsem for FOP_IMMUTABLE; the
	# other flags are the header's to describe.
	says "$v" file_operations fop_flags 'without ``i_rwsem``' \
		'FOP_BUFFER_RASYNC' || bad=1
	says "$v" super_operations freeze_super \
		'instead of the VFS.s ``freeze_super\(\)``, without ``s_umount``, to freeze the filesystem\..*Optional\.' || bad=1
	says "$v" super_operations thaw_super \
		'instead of the VFS.s ``thaw_super\(\)``.*Optional\.' || bad=1
	# The contract, not the VFS's steps after it (fs_bdev_mark_dead()).
	says "$v" super_operations remove_bdev 'an active filesystem uses goes away: return 0 to keep going without it; otherwise, and when NULL, the VFS shuts the filesystem down\.' \
		'prunes|syncs' || bad=1
	says "$v" dentry_operations d_prune '``i_lock`` too when the dentry is positive' || bad=1
	says "$v" dentry_operations d_revalidate 'Network filesystems are different.*``dir`` and ``name`` are the parent' || bad=1
	# The contract, both opcodes (io_uring/uring_cmd.c), and none of
	# io_uring's internals: its locks and cancelation are its own to
	# document (the sixth review, form 14).
	says "$v" file_operations uring_cmd '``IORING_OP_URING_CMD`` or ``IORING_OP_URING_CMD128``.*``IO_URING_F_NONBLOCK`` it must not block' \
		'IORING_SETUP_IOPOLL|IO_URING_F_CANCEL|mark_cancelable|uring_lock' || bad=1
	says "$v" file_operations iopoll 'to poll for the completion' 'uring_lock|aio never polls' || bad=1
	says "$v" file_operations uring_cmd_iopoll 'to poll for the completion' 'uring_lock' || bad=1
	says "$v" super_operations sync_inode_metadata '``set_inode_metadata_writeback\(\)``' \
		'I_METADATA_WRITEBACK' || bad=1
	# One fact was missing: the numbered list stays, with a third item
	# in its neighbours' plain voice; a whiteout is a WHITEOUT_DEV
	# device (include/linux/fs.h) that overlayfs makes; renameat(2)
	# calls the method too, and only renameat2(2) passes flags.
	says "$v" inode_operations rename '\(2\) RENAME_EXCHANGE.*\(3\) RENAME_WHITEOUT: .*WHITEOUT_DEV.*overlayfs.*renameat\(2\) and renameat2\(2\) call it too\. The flags come from renameat2\(2\), or from overlayfs' \
		'``RENAME_WHITEOUT``' || bad=1
	# The exported helper of the same name writes the inode.
	says "$v" super_operations sync_inode_metadata 'Not to be confused with the ``sync_inode_metadata\(\)`` helper' || bad=1
	# fserror_alloc_event() gives up without SB_ACTIVE or memory.
	says "$v" super_operations report_error 'Reports can be lost.*no longer active.*cannot be allocated' \
		'for each error' || bad=1
	says "$v" super_operations show_devname 'mnt_devname.*statmount\(2\) calls it too' || bad=1
	says "$v" super_operations show_path 'filesystem root\. statmount\(2\) calls it too' || bad=1
	says "$v" file_operations mmap_prepare 'vm_area_desc->action field' || bad=1
	# do_writepages() writes nothing with no ->writepages: the prose
	# before the entries must not call mpage_writepages the default.
	! tr '\n' ' ' < "$v" | grep -qE 'the default +->writepages method' ||
		{ echo "# vfs.rst calls mpage_writepages the default"; bad=1; }
	says "$v" file_operations mmap_prepare \
		'``compat_vma_mmap\(\)`` on a VMA that already exists: there no merge comes first' || bad=1
	return $bad
}

# lock_facts FILE: locking.rst's rows as the code has them.
lock_facts() {
	local bad=0
	# flc_lock is held on one way to lm_notify, not on another
	# (__locks_delete_block(), fs/locks.c): maybe.
	grep -qE '^lm_notify:[[:space:]]+maybe[[:space:]]+yes[[:space:]]+no$' "$1" ||
		{ echo "# $(grep '^lm_notify' "$1")"; bad=1; }
	# __d_lookup() calls d_same_name() with d_lock held, __d_lookup_rcu()
	# without: maybe.
	# Only d_lookup() holds rename_lock's read section around it;
	# lookup_fast() calls __d_lookup_rcu() outside one: maybe.
	grep -qE '^d_compare:[[:space:]]+maybe[[:space:]]+maybe[[:space:]]' "$1" ||
		{ echo "# $(grep '^d_compare' "$1")"; bad=1; }
	# file_update_time_flags() passes IOCB_NOWAIT to update_time; the
	# write path holds i_rwsem exclusive, readdir shared, read none.
	grep -qE '^update_time:[[:space:]]+no, shared or exclusive; must not block with IOCB_NOWAIT$' "$1" ||
		{ echo "# $(grep '^update_time' "$1")"; bad=1; }
	# No bare "all may block" above rows or a paragraph with exceptions.
	grep -qE '^[[:space:]]+all may block, except where a row of the table says otherwise$' "$1" ||
		{ echo "# inode_operations: no exception to \"all may block\""; bad=1; }
	grep -qE '^[[:space:]]+All may block, except ->uring_cmd\(\)' "$1" ||
		{ echo "# no exception for ->uring_cmd()"; bad=1; }
	# io_uring's internals are io_uring's to document.
	! grep -qE 'uring_lock|IO_URING_F_CANCEL|io_uring_cmd_mark_cancelable' "$1" ||
		{ echo "# $(grep -nE 'uring_lock|IO_URING_F_CANCEL|io_uring_cmd_mark_cancelable' "$1")"; bad=1; }
	# get_cached_acl_rcu() calls get_inode_acl with LOOKUP_RCU.
	grep -qE '^get_inode_acl:.*rcu-walk' "$1" ||
		{ echo "# $(grep '^get_inode_acl' "$1")"; bad=1; }
	# io_uring's inline issue passes IO_URING_F_NONBLOCK to uring_cmd.
	grep -q '^->uring_cmd() must not block when issue_flags has IO_URING_F_NONBLOCK' "$1" ||
		{ echo "# no ->uring_cmd() note"; bad=1; }
	# iterate_dir() takes no i_rwsem for a FOP_IMMUTABLE directory.
	awk '/^->iterate_shared\(\)/ { p = 1 } p && /^$/ { exit }
		p { t = t " " $0 } END { exit !(t ~ /unless fop_flags has FOP_IMMUTABLE/) }' "$1" ||
		{ echo "# the ->iterate_shared() note lacks FOP_IMMUTABLE"; bad=1; }
	# The quota code has had no dqonoff_sem or dqptr_sem for years:
	# write_dquot and write_info run under s_umount, or with none.
	! grep -qE 'dqonoff_sem|dqptr_sem' "$1" ||
		{ echo "# $(grep -E 'dqonoff_sem|dqptr_sem' "$1")"; bad=1; }
	grep -qE '^write_info:[[:space:]]+yes[[:space:]]+s_umount$' "$1" ||
		{ echo "# $(grep '^write_info' "$1")"; bad=1; }
	# A header's comment after a callback is not copied into a prototype.
	! grep -qE '^[[:space:]].*\(\*get_projid\).*/\*' "$1" ||
		{ echo "# $(grep 'get_projid)' "$1")"; bad=1; }
	# swap_range_free() runs under the swap cluster's lock now
	# (__swap_cluster_free_entries()), not swap_lock.
	grep -q '^swap_slot_free_notify is called with the lock of the swap cluster' "$1" &&
		! grep -q 'swap_lock' "$1" ||
		{ echo "# $(grep -n 'swap_slot_free_notify is' "$1")"; bad=1; }
	# A prototype that changes is written as the header spells it.
	grep -qE '^	int \(\*ioctl\)\(struct block_device \*bdev, blk_mode_t mode, unsigned cmd,$' "$1" &&
		! grep -qE '\(\*open\) \(struct gendisk' "$1" ||
		{ echo "# $(grep -nE '\(\*(ioctl|open)\)' "$1")"; bad=1; }
	# __dquot_initialize() and __dquot_transfer() hold dq_data_lock too.
	grep -q '^->get_reserved_space() is called with inode->i_lock held, and sometimes$' "$1" ||
		{ echo "# no ->get_reserved_space() note"; bad=1; }
	# struct file_lease has no fl_ops.
	! grep -q 'Leases however' "$1" ||
		{ echo "# the lease footnote is stale"; bad=1; }
	# dqget() destroys a dquot without dq_list_lock.
	grep -qE '^destroy_dquot:.*dq_list_lock or none$' "$1" ||
		{ echo "# $(grep '^destroy_dquot' "$1")"; bad=1; }
	return $bad
}

# fails COMMAND...: the command fails (its output dropped).
fails() { ! "$@" > /dev/null 2>&1; }

for series in "$@"; do
	need_tree "$series"
	gen=$TMP/gen-$series
	if ! "$OPSDOC" generate -q -k "$ksrc" -b "$kbuild" -f "$flags" \
		-o "$gen" 2> "$TMP/gen.err"; then
		not_ok "$series: generate"
		cat "$TMP/gen.err"
		continue
	fi
	ok "$series: generate"
	fs=Documentation/filesystems
	check "$series: vfs.rst keeps each old entry's place and words" \
		kept_entries "$ksrc/$fs/vfs.rst" "$gen/filesystems/vfs.rst"
	if [ -e "$ksrc/include/linux/fs/super_types.h" ] ||
	   grep -q 'mmap_prepare' "$ksrc/include/linux/fs.h"; then
		check "$series: vfs.rst states the facts as the code has them" \
			facts "$gen/filesystems/vfs.rst"
		check "$series: locking.rst's corrected rows" \
			lock_facts "$gen/filesystems/locking.rst"
	fi
	check "$series: no \"As of kernel\" stamp in vfs.rst or locking.rst" \
		sh -c '! grep -q "As of kernel" "$1" "$2"' - \
		"$gen/filesystems/vfs.rst" "$gen/filesystems/locking.rst"
	# The sentence a stamp leaves is filled again, not left as "The" or
	# "defined:" on a line of its own.
	check "$series: the sentences without a stamp are filled" \
		sh -c '! tr "\n" "~" < "$1" |
			grep -qE "  The~following members|members are~defined:"' \
		- "$gen/filesystems/vfs.rst"
	check "$series: the tree's own vfs.rst has a stamp to remove" \
		grep -q "As of kernel" "$ksrc/$fs/vfs.rst"
	check "$series: locking.rst has a row for every prototype" \
		rows_for_prototypes "$gen/filesystems/locking.rst"
	check "$series: the tree's own locking.rst lacks some (the check can fail)" \
		fails rows_for_prototypes "$ksrc/$fs/locking.rst"
	for p in vfs locking; do
		check "$series: $p.rst.patch adds code and prototypes within 80 columns" \
			narrow_added "$gen/filesystems/$p.rst.patch"
	done
done
finish
