#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh KSRC KBUILD FLAGS - time opsdoc extract against clang-19's own
# parse of the same headers with the same flags, and against the tree's
# kernel-doc over fs.h, mm.h and mm_types.h; and opsdoc check over the
# tree's whole Documentation/. Prints one table of medians
# (with min and max) over $RUNS runs, fit to paste into a mail.
set -eu
ksrc=$1 kbuild=$2 flags=$3
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# time_cmd NAME CMD...: run CMD $runs times, print "NAME median min max".
time_cmd() {
	local name=$1 i
	shift
	: > "$tmp/times"
	for i in $(seq "$runs"); do
		/usr/bin/time -f '%e' -o "$tmp/t" "$@" > /dev/null 2>&1 ||
			{ echo "bench: $name failed" >&2; exit 1; }
		cat "$tmp/t" >> "$tmp/times"
	done
	sort -n "$tmp/times" | awk -v n="$name" '
		{ v[NR] = $1 }
		END { printf "%s %.3f %.3f %.3f\n", n, v[int((NR + 1) / 2)], v[1], v[NR] }'
}

printf '#include <linux/fs.h>\n#include <linux/mm.h>\n#include <linux/mm_types.h>\n' > "$tmp/tu.c"
mapfile -t args < "$flags"
kdoc=$ksrc/tools/docs/kernel-doc
[ -x "$kdoc" ] || kdoc=$ksrc/scripts/kernel-doc
hdrs=("$ksrc/include/linux/fs.h" "$ksrc/include/linux/mm.h" "$ksrc/include/linux/mm_types.h")

{
	time_cmd extract "$OPSDOC" extract -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$tmp/api.json"
	time_cmd clang-19 clang-19 "${args[@]}" -fsyntax-only -Wno-unused-function "$tmp/tu.c"
	time_cmd kernel-doc "$kdoc" "${hdrs[@]}"
	time_cmd check "$OPSDOC" check -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$tmp/check.txt"
} > "$tmp/rows"

awk -v ver="$(basename "$ksrc")" -v runs="$runs" '
	{ name[NR] = $1; med[NR] = $2; lo[NR] = $3; hi[NR] = $4; m[$1] = $2 }
	END {
		printf "opsdoc bench: %s, %d runs, seconds (median, min, max)\n\n", ver, runs
		printf "%-12s %8s %8s %8s   %s\n", "what", "median", "min", "max", "target"
		for (i = 1; i <= NR; i++) {
			t = ""
			if (name[i] == "extract") {
				t = sprintf("<= 0.8x clang (%.2fx), <= 0.5x kernel-doc (%.2fx)",
					    med[i] / m["clang-19"], med[i] / m["kernel-doc"])
			}
			if (name[i] == "check")
				t = "< 2 s, whole Documentation/, extraction included"
			printf "%-12s %8.3f %8.3f %8.3f   %s\n", name[i], med[i], lo[i], hi[i], t
		}
	}' "$tmp/rows"
