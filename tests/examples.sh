#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# examples.sh [examples|vmtest] - the example drivers' suites: runs
# scripts/examples.sh (build and style) or scripts/vmtest.sh (QEMU) for the
# newest tree and for 6.1, where the mmap_prepare examples are skipped, as
# one TAP stream with one plan. tests/vmtest.sh is "examples.sh vmtest".
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

for series in newest 6.1; do
	merge "$script $series" < <("$script" "$series" 2>&1)
done
echo "1..$n"
exit $failed
