#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# examples.sh [examples|vmtest] - the example drivers' suites: runs
# scripts/examples.sh (build and style) for the newest tree and for 6.1,
# where the mmap_prepare examples are skipped, or scripts/vmtest.sh (QEMU)
# for the trees VMTEST_SERIES names (default: newest, so that make check
# builds one debug kernel; make vmtest adds 6.1), as one TAP stream with
# one plan. The examples run also checks the table of opsdocfs's
# callbacks. tests/vmtest.sh is "examples.sh vmtest".
set -u
cd "$(dirname "$0")/.." || exit 2
script=scripts/${1:-examples}.sh
[ -x "$script" ] || { echo "usage: examples.sh [examples|vmtest]" >&2; exit 2; }
n=0
failed=0

# Renumber one script's TAP into ours; a missing or short plan is a failure.
merge() {
	local line plan='' seen=0
	while IFS= read -r line; do
		case "$line" in
		"ok "[0-9]* | "not ok "[0-9]*)
			n=$((n + 1))
			seen=$((seen + 1))
			[ "${line%%ok *}" = "not " ] && failed=1
			echo "$line" | sed -E "s/^(not )?ok [0-9]+/\\1ok $n/" ;;
		1..*) plan=${line#1..} ;;
		*) echo "$line" ;;
		esac
	done
	if [ -z "$plan" ] || [ "$seen" -lt "$plan" ]; then
		n=$((n + 1))
		failed=1
		echo "not ok $n - $1: stopped after $seen of ${plan:-?} results"
	fi
}

series_list="newest 6.1"
[ "$script" = scripts/vmtest.sh ] && series_list=${VMTEST_SERIES:-newest}
for series in $series_list; do
	merge "$script $series" < <("$script" "$series" 2>&1)
done

# The table of the filesystem callbacks (examples/opsdocfs.callbacks):
# every documented one of the newest tree is in it, each function it names
# is opsdocfs.c's, and the site and the README hold it as generated.
table_check() {
	local list=examples/opsdocfs.callbacks missing bad name fn
	if ! r=$(scripts/ktree.sh resolve newest) ||
	   ! all=$(set -- $r; "${OPSDOC:-build/opsdoc}" scaffold -k "$1" -b "$2" \
		-f "$3" --list 2> /dev/null); then
		check_line "opsdocfs table: the newest tree's callbacks are listed" "ktree.sh or opsdoc scaffold --list failed"
		return
	fi
	missing=$(grep -E '^(file_system_type|super_operations|inode_operations|address_space_operations|file_operations|dentry_operations|xattr_handler)\.' <<< "$all" |
		while read -r name; do
			grep -q "^$name|" "$list" || echo "$name"
		done)
	check_line "opsdocfs table: every documented filesystem callback of the newest tree has a row" "$missing"
	bad=$(grep -v '^#' "$list" | while IFS='|' read -r name fn _; do
		[ "$fn" = - ] && continue
		grep -qE "(^|[^a-z_])$fn([^a-z_]|\$)" examples/opsdocfs.c || echo "$name: $fn"
	done)
	check_line "opsdocfs table: each function it names is in examples/opsdocfs.c" "$bad"
	site_check "$r"
	bad=$(scripts/examples.sh --table rst | grep -vxFf docs/examples.rst)
	check_line "opsdocfs table: docs/examples.rst holds it as generated" "$bad"
	bad=$(scripts/examples.sh --table md | grep -vxFf README.md)
	check_line "opsdocfs table: the README holds it as generated" "$bad"
}
# The site's page of the callbacks (templates/fs/opsdocfs.md): each row
# of the table under its own title, with opsdocfs's function as compiled,
# the kernel helper opsdocfs uses, or the reason it has none; a name that
# is no function of opsdocfs.c fails generate with the table's line.
site_check() {
	local tmp bad name fn why
	tmp=$(mktemp -d)
	set -- $1
	if ! "${OPSDOC:-build/opsdoc}" generate -q -k "$1" -f "$3" \
		-o "$tmp/docs" 2> "$tmp/err"; then
		check_line "site page: opsdoc generate writes fs/opsdocfs.rst" "$(cat "$tmp/err")"
		rm -rf "$tmp"
		return
	fi
	bad=$(grep -v '^#' examples/opsdocfs.callbacks | while IFS='|' read -r name fn why; do
		page=$tmp/docs/fs/opsdocfs.rst
		grep -qxF "\`\`$name\`\`" "$page" || { echo "$name: no section"; continue; }
		if [ "$fn" = - ]; then
			sed 's/\\//g' "$page" | grep -qF "Not implemented: $why" ||
				echo "$name: no reason"
		elif grep -qE "^static .*[ *]$fn\(" examples/opsdocfs.c; then
			grep -qE "^	static .*[ *]$fn\(" "$page" || echo "$name: no code of $fn"
		else
			grep -qF "\`\`$fn()\`\`, run by" "$page" || echo "$name: $fn not named"
		fi
	done)
	check_line "site page: every callback of the table, with opsdocfs's code or the reason it has none" "$bad"
	cp -r examples "$tmp/ex"
	sed -i 's/^\(inode_operations\.lookup\)|[a-z_]*|/\1|opsdocfs_no_such_fn|/' "$tmp/ex/opsdocfs.callbacks"
	line=$(grep -n '^inode_operations\.lookup|' "$tmp/ex/opsdocfs.callbacks" | cut -d: -f1)
	if "${OPSDOC:-build/opsdoc}" generate -q -k "$1" -f "$3" -e "$tmp/ex" \
		-o "$tmp/bad" 2> "$tmp/err" || [ -e "$tmp/bad" ] ||
	   ! grep -q "opsdocfs.callbacks:$line: error: .*opsdocfs_no_such_fn" "$tmp/err"; then
		check_line "site page: a row naming no function of opsdocfs.c fails with the table's line, writing nothing" "$(cat "$tmp/err")"
	else
		check_line "site page: a row naming no function of opsdocfs.c fails with the table's line, writing nothing" ""
	fi
	rm -rf "$tmp"
}
# check_line DESCRIPTION PROBLEMS: ok when there are none.
check_line() {
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		failed=1
		echo "not ok $n - $1"
		sed 's/^/# /' <<< "$2"
	fi
}
[ "$script" = scripts/examples.sh ] && table_check
# The bug reproducers (examples/bugs) are only built here: whether they
# reproduce depends on the kernel (make bugs runs them).
[ "$script" = scripts/examples.sh ] &&
	check_line "examples/bugs builds with W=1 against the newest tree and is checkpatch --strict clean" \
		"$(scripts/bugs.sh --build 2>&1 > /dev/null)"
echo "1..$n"
exit $failed
