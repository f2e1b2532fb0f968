# SPDX-License-Identifier: GPL-2.0
# TAP helpers for the shell suites. Source it, call check/expect, then done.
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
finish() { echo "1..$n"; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# need_tree SERIES: set ksrc, kbuild and flags for the tree, fetching and
# preparing it as needed; without it, report the failure and end the suite.
need_tree() {
	local r
	if ! r=$(scripts/ktree.sh resolve "$1"); then
		not_ok "$1: the kernel tree could not be prepared"
		finish
		exit 0
	fi
	read -r ksrc kbuild flags <<< "$r"
}
