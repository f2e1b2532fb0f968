#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh - run every suite and count TAP results. Each suite prints
# "ok N - ..." or "not ok N - ..." lines; a suite that dies, or prints
# fewer results than its plan, counts as a failure. The last line is
# "N passed, N failed". The suites run in chains, as many at once as the
# machine has cores (see spawn below); each suite's output is reported
# in the order the chains are listed.
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

# report_chain DIR: report, in order, the suites a chain ran.
report_chain() {
	local f
	for f in "$1"/*.name; do
		[ -e "$f" ] || continue
		f=${f##*/}
		report_suite "$1" "${f%.name}"
	done
}

# A chain is a function that runs suites one after the other with
# exec_suite into the directory it is given: the suites of one chain
# share files (a build directory) or a build of opsdoc. Chains share no
# file but opsdoc's cache, whose entries are written whole
# (write_file_atomic()), so they run at once: spawn waits for one of
# OPSDOC_TEST_JOBS (default: the cores) workers to be free, then starts
# the chain in the background. Chains are spawned longest first, so that
# no long one starts last.
jobs=${OPSDOC_TEST_JOBS:-$(nproc)}
mkfifo "$runs/workers"
exec 3<> "$runs/workers"
for ((i = 0; i < jobs; i++)); do echo >&3; done
chains=()

# spawn CHAIN [ARG...]: run CHAIN ARG... DIR on the next free worker.
spawn() {
	local dir token
	dir=$runs/$(printf '%02d' $((${#chains[@]} + 1)))
	chains+=("$dir")
	mkdir -p "$dir"
	read -r -u 3 token
	{
		"$@" "$dir"
		echo >&3
	} &
}

# The suites of the program itself, for one build (plain, or sanitized):
# program_suites TAG DIR.
program_suites() {
	local tag=$1 dir=$2 t
	for t in "$BUILD"/tests/test_*; do
		case "$t" in *.d) continue ;; esac
		exec_suite "$dir" "${tag}unit: $(basename "$t")" "$t"
	done
	exec_suite "$dir" "${tag}golden" tests/golden.sh
	exec_suite "$dir" "${tag}cli" tests/cli.sh
	exec_suite "$dir" "${tag}generate" tests/generate.sh
	exec_suite "$dir" "${tag}check" tests/check.sh
	exec_suite "$dir" "${tag}fuzz reproducers" tests/repro.sh
	exec_suite "$dir" "${tag}bad input" tests/badinput.sh
	[ -n "${OPSDOC_SKIP_TREES:-}" ] && return
	exec_suite "$dir" "${tag}integration: newest" tests/integration/trees.sh newest
	# The sanitized build reads the newest tree only, to keep make check
	# short; 6.1 and documents.sh (shell reading generate's output) run
	# with the plain build.
	[ -n "$tag" ] && return
	exec_suite "$dir" "${tag}integration: 6.1" tests/integration/trees.sh 6.1
	exec_suite "$dir" "${tag}documents" tests/documents.sh newest 6.1
}
san_suites() {
	OPSDOC=$OPSDOC_SAN_BUILD/opsdoc BUILD=$OPSDOC_SAN_BUILD program_suites "san: " "$1"
}

# The real trees' suites. Kernel code: kbuild -j2 into build/scaffolds
# and build/examples, then QEMU on the VM kernel built there.
build_chain() {
	exec_suite "$1" "scaffolds: newest" scripts/scaffolds.sh newest
	# 6.1's scaffolds are in make examples: make check builds the
	# newest tree's only, to stay under 15 minutes.
	exec_suite "$1" examples tests/examples.sh
	exec_suite "$1" vmtest tests/vmtest.sh
}
# The patches, the pages and the kernel's doc build: each suite writes
# only its own $TMP and opsdoc's cache.
series_chain() {
	exec_suite "$1" "series: newest" tests/series.sh newest
	exec_suite "$1" "series: 6.1" tests/series.sh 6.1
	exec_suite "$1" "series --listings" tests/listings.sh
	exec_suite "$1" "howto: newest" tests/howto.sh newest
	exec_suite "$1" "howto: 6.1" tests/howto.sh 6.1
}
dropin_chain() {
	exec_suite "$1" "drop-in: newest" tests/dropin.sh newest
	exec_suite "$1" "drop-in: 6.1" tests/dropin.sh 6.1
}
census_chain() {
	exec_suite "$1" census tests/census.sh
	exec_suite "$1" convert tests/convert.sh
}
# The installed program, valgrind, and the trees' cache and headers.
rest_chain() {
	exec_suite "$1" valgrind tests/valgrind.sh
	exec_suite "$1" "tree cache" tests/cache.sh
	exec_suite "$1" "template names" tests/templates.sh
	exec_suite "$1" install tests/install.sh
	exec_suite "$1" "kernel-doc of the headers" tests/kerneldoc.sh
}

start=$SECONDS
if [ -n "${OPSDOC_SAN_ONLY:-}" ]; then
	OPSDOC_SAN_BUILD=$BUILD spawn san_suites
elif [ -n "${OPSDOC_SKIP_TREES:-}" ]; then
	spawn program_suites ""
else
	# Longest first, as the last CI run timed them.
	spawn series_chain
	spawn build_chain
	spawn dropin_chain
	spawn program_suites ""
	[ -n "${OPSDOC_SAN_BUILD:-}" ] && spawn san_suites
	spawn rest_chain
	spawn census_chain
fi
wait
for d in "${chains[@]}"; do
	report_chain "$d"
done
echo "# ${#chains[@]} chains on $jobs workers: $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
