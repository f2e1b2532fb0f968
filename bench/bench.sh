#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh KSRC KBUILD FLAGS - opsdoc's timings, as one table to paste
# into a mail: the median, min and max of repeated runs, each row with its
# target. extract is compared with clang-19's own parse of the very
# translation unit extract parses (extract --tu), with the same flags, and
# with the tree's kernel-doc over the same headers. Speed goals live here,
# never in make check. BENCH_ROWS="extract check" runs only the rows whose
# names start with one of those words (and their references).
set -eu
ksrc=$1 kbuild=$2 flags=$3
runs=${RUNS:-5}
slow_runs=${SLOW_RUNS:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# want NAME: is the row NAME (or a section of that name) to be run?
want() {
	local w
	[ -z "${BENCH_ROWS:-}" ] && return 0
	for w in $BENCH_ROWS clang-19 kernel-doc; do
		case $1 in "$w"*) return 0 ;; esac
	done
	return 1
}

# row NAME RUNS TARGET CMD...: time CMD, append "NAME|median|min|max|TARGET".
row() {
	local name=$1 n=$2 target=$3 i
	shift 3
	want "$name" || return 0
	: > "$tmp/times"
	for i in $(seq "$n"); do
		/usr/bin/time -f '%e' -o "$tmp/t" "$@" > /dev/null 2>&1 ||
			{ echo "bench: $name failed: $*" >&2; exit 1; }
		cat "$tmp/t" >> "$tmp/times"
	done
	sort -n "$tmp/times" | awk -v n="$name" -v t="$target" '
		{ v[NR] = $1 }
		END { printf "%s|%.3f|%.3f|%.3f|%s\n", n, v[int((NR + 1) / 2)], v[1], v[NR], t }' \
		>> "$tmp/rows"
}
median() { awk -F'|' -v n="$1" '$1 == n { print $2 }' "$tmp/rows"; }

o=(-q -k "$ksrc" -b "$kbuild" -f "$flags")
# The translation unit extract parses: its headers, as extract says.
"$OPSDOC" extract "${o[@]}" -o "$tmp/api.json" --tu "$tmp/tu.c"
mapfile -t args < "$flags"
kdoc=$ksrc/tools/docs/kernel-doc
[ -x "$kdoc" ] || kdoc=$ksrc/scripts/kernel-doc
hdrs=()
while read -r _ h; do
	h=${h#<}
	h=${h%>}
	for d in include arch/x86/include; do
		[ -f "$ksrc/$d/$h" ] && { hdrs+=("$ksrc/$d/$h"); break; }
	done
done < "$tmp/tu.c"
: > "$tmp/rows"

row clang-19 "$runs" "reference" clang-19 "${args[@]}" -fsyntax-only -Wno-unused-function "$tmp/tu.c"
row kernel-doc "$runs" "reference" "$kdoc" "${hdrs[@]}"
# cold CMD...: CMD with a cache of its own, empty at every run, so that
# no model, listing or definition index comes from an earlier run.
cold() {
	rm -rf "$tmp/cold-cache"
	OPSDOC_CACHE=$tmp/cold-cache "$@"
}
export -f cold
export tmp
row extract "$runs" "" bash -c 'cold "$@"' cold "$OPSDOC" extract "${o[@]}" -o "$tmp/api.json"
"$OPSDOC" extract "${o[@]}" -o "$tmp/api.json"
row "extract, warm cache" "$runs" "< 0.030 s" "$OPSDOC" extract "${o[@]}" -o "$tmp/api.json"
want generate && "$OPSDOC" extract "${o[@]}" --callers -e "$top/examples" -o "$tmp/full.json"
row generate "$runs" "" "$OPSDOC" generate "${o[@]}" -a "$tmp/full.json" -o "$tmp/docs"
row html "$slow_runs" "" "$top/scripts/html.sh" "$ksrc" "$tmp/docs" "$tmp/html"
row check "$runs" "" bash -c 'cold "$@"' cold "$OPSDOC" check "${o[@]}" -o "$tmp/check.txt"
want check && "$OPSDOC" check "${o[@]}" -o "$tmp/check.txt"
row "check, warm cache" "$runs" "< 0.15 s" "$OPSDOC" check "${o[@]}" -o "$tmp/check.txt"
# The census against spatch with the three-hook pattern, side by side,
# both on 2 cores; spatch (Debian's coccinelle) is needed by the bench only.
if want spatch || want census || want convert || want grep; then
if ! command -v spatch > /dev/null; then
	if [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends \
			coccinelle > /dev/null
	else
		echo "bench: spatch missing: run as root: apt-get install coccinelle" >&2
		exit 2
	fi
fi
row "spatch --jobs 2, 3 hooks" "$slow_runs" "reference" bash -c 'cd "$1" && spatch \
	--very-quiet --no-includes --jobs 2 --sp-file "$2" --dir "$3"' _ "$tmp" \
	"$top/bench/census-hooks.cocci" "$ksrc"
row census "$slow_runs" "" bash -c 'cold "$@"' cold "$OPSDOC" census -q -j 2 -k "$ksrc" \
	-o "$tmp/census.txt"
want census && "$OPSDOC" census -q -k "$ksrc" -o "$tmp/census.txt"
row "census, warm cache" "$runs" "< 0.3 s" "$OPSDOC" census -q -k "$ksrc" -o "$tmp/census.txt"
# Reading the tree is the census's limit: grep for the three hooks over
# the same .c files, in the same run.
row "grep -r, 3 hooks" "$slow_runs" "reference" bash -c 'grep -rlE --include="*.c" \
	"\.(mmap|mmap_prepare|get_unmapped_area)[[:space:]]*=" "$1" || true' _ "$ksrc"
# convert over the whole tree: without the compile step (census cold, as
# the census row), then with it, against the cache's allmodconfig build
# directory (prepared by an earlier make convert or tests/convert.sh).
row "convert, no build" "$slow_runs" "" bash -c 'cold "$@"' cold "$OPSDOC" convert -q \
	--no-build --signoff "Bench <bench@example.org>" -k "$ksrc" -o "$tmp/convert"
ver=$(sed -n 's/^VERSION = //p;s/^PATCHLEVEL = //p;s/^SUBLEVEL = //p' "$ksrc/Makefile" | paste -sd.)
bdir=${OPSDOC_CACHE:-$HOME/.cache/opsdoc}/convert/allmod-$ver
if [ -d "$bdir" ]; then
	row "convert, W=1 builds" 1 "reference: the compile step" "$OPSDOC" convert -q \
		--signoff "Bench <bench@example.org>" -k "$ksrc" -b "$bdir" -o "$tmp/convert"
fi
fi
want make && make -s -C "$top" > /dev/null 2>&1
row "make, no change" "$runs" "< 1 s" make -s -C "$top"
row "vmtest, warm" "$slow_runs" "< 15 s" "$top/scripts/vmtest.sh" newest
# Every scaffold of the newest tree: write, one kbuild call (W=1), one
# checkpatch run. Once: it takes minutes.
row "scaffolds: all, newest" 1 "one kbuild call, W=1 and checkpatch" \
	env OPSDOC="$OPSDOC" BUILD="$tmp" "$top/scripts/scaffolds.sh" newest

# The cold kernel build is not repeated: vmtest.sh records its time.
cold=$(cat "${OPSDOC_CACHE:-$HOME/.cache/opsdoc}"/vmkernel-*-debug/.opsdoc-build-seconds \
	2>/dev/null | head -n 1)
want vm && [ -n "$cold" ] && echo "vmtest, cold kernel|$cold|$cold|$cold|recorded at its build, once" >> "$tmp/rows"

# Boot-and-run per example, from one more vmtest run's own timings.
want vm && "$top/scripts/vmtest.sh" newest 2>/dev/null |
	sed -n 's/^ok [0-9]* - newest: \([a-z_]*\): load, exercise, unload, clean log (\([0-9.]*\) s)$/vm: \1|\2|\2|\2|one run inside the VM/p' \
	>> "$tmp/rows"

c=$(median clang-19)
k=$(median kernel-doc)
e=$(median extract)
sp=$(median "spatch --jobs 2, 3 hooks")
cs=$(median census)
gr=$(median "grep -r, 3 hooks")
sp=${sp:-1}
cs=${cs:-1}
gr=${gr:-1}
awk -F'|' -v ver="$(basename "$ksrc")" -v runs="$runs" -v c="$c" -v k="$k" -v e="$e" -v sp="$sp" \
	-v cs="$cs" -v gr="$gr" '
	BEGIN {
		printf "opsdoc bench: %s, seconds over %d runs (3 for html, vmtest, spatch and census)\n\n", ver, runs
		printf "%-30s %8s %8s %8s   %s\n", "what", "median", "min", "max", "target"
	}
	{
		t = $5
		if ($1 == "extract")
			t = sprintf("<= 0.8x clang-19 on the same TU, index included (%.2fx); <= 0.5x kernel-doc (%.2fx)", e / c, e / k)
		if ($1 == "census")
			t = sprintf("<= 1.0x grep -r (%.2fx), %.2fx spatch --jobs 2, cold, 2 threads", $2 / gr, $2 / sp)
		if ($1 == "convert, no build")
			t = sprintf("<= 2x the cold census (%.2fx), whole tree", $2 / cs)
		if ($1 == "check")
			t = sprintf("< 2 s and <= 2x extract (%.2fx): every listing of Documentation/, cold", $2 / e)
		printf "%-30s %8.3f %8.3f %8.3f   %s\n", $1, $2, $3, $4, t
	}' "$tmp/rows"
