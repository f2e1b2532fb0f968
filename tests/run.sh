#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh - run every suite and count TAP results. Each suite prints
# "ok N - ..." or "not ok N - ..." lines; a suite that dies, or prints
# fewer results than its plan, counts as a failure. The last line is
# "N passed, N failed".
set -u
cd "$(dirname "$0")/.."

: "${OPSDOC:?}" "${BUILD:?}"
export OPSDOC BUILD
export CMOCKA_MESSAGE_OUTPUT=TAP

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_suite() {
	local name=$1 ok notok plan status start=$SECONDS
	shift
	echo "# suite: $name"
	"$@" > "$log" 2>&1
	status=$?
	cat "$log"
	echo "# suite: $name: $((SECONDS - start)) s"
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
if [ -z "${OPSDOC_SKIP_TREES:-}" ]; then
	run_suite valgrind tests/valgrind.sh
	run_suite "tree cache" tests/cache.sh
	run_suite "template names" tests/templates.sh
	run_suite install tests/install.sh
	run_suite "kernel-doc of the headers" tests/kerneldoc.sh
	run_suite "scaffolds: newest" scripts/scaffolds.sh newest
	# 6.1's scaffolds are in make examples: make check builds the
	# newest tree's only, to stay under 15 minutes.
	run_suite examples tests/examples.sh
	run_suite vmtest tests/vmtest.sh
	run_suite "series: newest" tests/series.sh newest
	run_suite "series: 6.1" tests/series.sh 6.1
	run_suite "series --listings" tests/listings.sh
	run_suite "howto: newest" tests/howto.sh newest
	run_suite "howto: 6.1" tests/howto.sh 6.1
	run_suite census tests/census.sh
	run_suite convert tests/convert.sh
	run_suite "drop-in: newest" tests/dropin.sh newest
	run_suite "drop-in: 6.1" tests/dropin.sh 6.1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
