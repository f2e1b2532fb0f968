#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh - run every suite and count TAP results. Each suite prints
# "ok N - ..." or "not ok N - ..." lines; a suite that dies, or prints
# fewer results than its plan, counts as a failure. The last line is
# "N passed, N failed". The real trees' longest suites run in two lanes
# at once (build_lane, docs_lane).
set -u
cd "$(dirname "$0")/.."

: "${OPSDOC:?}" "${BUILD:?}"
export OPSDOC BUILD
export CMOCKA_MESSAGE_OUTPUT=TAP

passed=0
failed=0
runs=$(mktemp -d)
trap 'rm -rf "$runs"' EXIT

# exec_suite DIR NAME COMMAND...: run a suite, its output, exit status,
# time and CPU time kept in DIR as the next N.log, N.status, N.time and
# N.cpu (N.name names it).
exec_suite() {
	local dir=$1 name=$2 start=$SECONDS i TIMEFORMAT='%0U %0S'
	shift 2
	mkdir -p "$dir"
	i=$(printf '%03d' $(($(find "$dir" -name '*.name' | wc -l) + 1)))
	echo "$name" > "$dir/$i.name"
	{ time "$@" > "$dir/$i.log" 2>&1; } 2> "$dir/$i.cpu"
	echo $? > "$dir/$i.status"
	echo $((SECONDS - start)) > "$dir/$i.time"
}

# report_suite DIR N: print suite N of DIR and count its results.
report_suite() {
	local name log=$1/$2.log ok notok plan status
	name=$(cat "$1/$2.name")
	status=$(cat "$1/$2.status")
	echo "# suite: $name"
	cat "$log"
	echo "# suite: $name: $(cat "$1/$2.time") s (CPU $(awk '{ print $1 + $2 }' "$1/$2.cpu") s)"
	ok=$(grep -c '^ok ' "$log")
	notok=$(grep -c '^not ok ' "$log")
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
	passed=$((passed + ok))
	failed=$((failed + notok))
	if [ -n "$plan" ] && [ $((ok + notok)) -lt "$plan" ]; then
		echo "not ok - $name: $((plan - ok - notok)) results missing"
		failed=$((failed + plan - ok - notok))
	elif [ "$status" -ne 0 ] && [ "$notok" -eq 0 ]; then
		echo "not ok - $name: exited with status $status"
		failed=$((failed + 1))
	elif [ $((ok + notok)) -eq 0 ]; then
		echo "not ok - $name: ran no test"
		failed=$((failed + 1))
	fi
}

# run_suite NAME COMMAND...: run a suite now and report it.
run_suite() {
	exec_suite "$runs/now" "$@"
	report_suite "$runs/now" "$(printf '%03d' "$(find "$runs/now" -name '*.name' | wc -l)")"
}

# report_lane DIR: report, in order, the suites a lane ran.
report_lane() {
	local f
	for f in "$1"/*.name; do
		[ -e "$f" ] || continue
		f=${f##*/}
		report_suite "$1" "${f%.name}"
	done
}

# The suites of the program itself, for one build (plain, or sanitized).
program_suites() {
	local tag=$1
	for t in "$BUILD"/tests/test_*; do
		case "$t" in *.d) continue ;; esac
		run_suite "${tag}unit: $(basename "$t")" "$t"
	done
	run_suite "${tag}golden" tests/golden.sh
	run_suite "${tag}cli" tests/cli.sh
	run_suite "${tag}generate" tests/generate.sh
	run_suite "${tag}check" tests/check.sh
	run_suite "${tag}fuzz reproducers" tests/repro.sh
	run_suite "${tag}bad input" tests/badinput.sh
	[ -n "${OPSDOC_SKIP_TREES:-}" ] && return
	run_suite "${tag}integration: newest" tests/integration/trees.sh newest
	# The sanitized build reads the newest tree only, to keep make check
	# short; 6.1 and documents.sh (shell reading generate's output) run
	# with the plain build.
	[ -n "$tag" ] && return
	run_suite "${tag}integration: 6.1" tests/integration/trees.sh 6.1
	run_suite "${tag}documents" tests/documents.sh newest 6.1
}

if [ -n "${OPSDOC_SAN_ONLY:-}" ]; then
	program_suites "san: "
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi
program_suites ""
if [ -n "${OPSDOC_SAN_BUILD:-}" ]; then
	OPSDOC=$OPSDOC_SAN_BUILD/opsdoc BUILD=$OPSDOC_SAN_BUILD program_suites "san: "
fi
# The suites of the real trees run in two lanes at once, each a chain of
# suites one after the other: one builds kernel code (kbuild -j2, QEMU,
# the census), the other runs opsdoc series and the kernel's doc build,
# which keep one core busy. Each lane keeps its suites' output, reported
# in order once both are done. No two suites of different lanes write the
# same files: the docs lane writes only its suites' $TMP and opsdoc's
# cache, whose entries are written whole (write_file_atomic()).
build_lane() {
	local d=$runs/build
	exec_suite "$d" "scaffolds: newest" scripts/scaffolds.sh newest
	# 6.1's scaffolds are in make examples: make check builds the
	# newest tree's only, to stay under 15 minutes.
	exec_suite "$d" examples tests/examples.sh
	exec_suite "$d" vmtest tests/vmtest.sh
	exec_suite "$d" census tests/census.sh
	exec_suite "$d" convert tests/convert.sh
}
docs_lane() {
	local d=$runs/docs
	exec_suite "$d" "series: newest" tests/series.sh newest
	exec_suite "$d" "series: 6.1" tests/series.sh 6.1
	exec_suite "$d" "series --listings" tests/listings.sh
	exec_suite "$d" "howto: newest" tests/howto.sh newest
	exec_suite "$d" "howto: 6.1" tests/howto.sh 6.1
	exec_suite "$d" "drop-in: newest" tests/dropin.sh newest
	exec_suite "$d" "drop-in: 6.1" tests/dropin.sh 6.1
}

if [ -z "${OPSDOC_SKIP_TREES:-}" ]; then
	run_suite valgrind tests/valgrind.sh
	run_suite "tree cache" tests/cache.sh
	run_suite "template names" tests/templates.sh
	run_suite install tests/install.sh
	run_suite "kernel-doc of the headers" tests/kerneldoc.sh
	start=$SECONDS
	build_lane &
	docs_lane &
	wait
	report_lane "$runs/build"
	report_lane "$runs/docs"
	echo "# lanes: $((SECONDS - start)) s"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
