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
	bad=$(scripts/examples.sh --table rst | grep -vxFf docs/examples.rst)
	check_line "opsdocfs table: docs/examples.rst holds it as generated" "$bad"
	bad=$(scripts/examples.sh --table md | grep -vxFf README.md)
	check_line "opsdocfs table: the README holds it as generated" "$bad"
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
echo "1..$n"
exit $failed
