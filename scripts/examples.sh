#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# examples.sh - build the example drivers and check their style.
#
#   examples.sh [newest|6.1]           build against the tree's prepared
#                                      build directory with W=1, build the
#                                      static exercisers, run checkpatch.pl
#                                      --strict on every source; print TAP
#   examples.sh --table rst|md        print the table of the filesystem
#                                      callbacks (examples/opsdocfs.callbacks)
#                                      as docs/examples.rst and the README
#                                      hold it
#   examples.sh --build KSRC KBUILD OUT
#                                      only build, into OUT (used by
#                                      vmtest.sh); OUT/examples.tsv lists
#                                      "example module reason-to-skip"
#
# Each example needs a feature of the tree (examples/examples.list); one the
# tree lacks is reported as "ok N - ... # SKIP reason". Building happens in a
# copy under OUT (default build/examples/SERIES), never in KSRC or examples/.

set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
ex=$top/examples
CC_USER=${CC_USER:-clang-19}
USER_CFLAGS=(-static -O2 -Wall -Wextra -D_GNU_SOURCE
	     '-D__printf(a,b)=__attribute__((format(printf, a, b)))')

# Print "example module reason" for each example, reason "-" when it applies.
select_examples() {
	local ksrc=$1 name mod header text reason
	while IFS='|' read -r name mod header text reason; do
		case "$name" in '#'* | '') continue ;; esac
		if grep -qF -- "$text" "$ksrc/include/$header" 2>/dev/null; then
			reason=-
		fi
		printf '%s\t%s\t%s\n' "$name" "$mod" "$reason"
	done < "$ex/examples.list"
}

# build KSRC KBUILD OUT: modules in OUT/modules, exercisers in OUT/user;
# logs in OUT/modules.log and OUT/user/NAME.log. Fails if anything failed.
# The copy keeps the sources' times, so a second build only redoes what
# changed (vmtest.sh); the TAP run starts clean to see every warning.
build() {
	local ksrc=$1 kbuild=$2 out=$3 name mod reason mods=() status=0 targets=()
	mkdir -p "$out/modules" "$out/user"
	select_examples "$ksrc" > "$out/examples.tsv"
	while IFS=$'\t' read -r name mod reason; do
		[ "$reason" = - ] && mods+=("$mod")
	done < "$out/examples.tsv"
	cp -p "$ex"/Kbuild "$ex"/*.c "$ex"/*.h "$out/modules/"
	# Without the kernel's Module.symvers (a modules_prepare directory)
	# modpost cannot link .ko files: compile the modules' objects only.
	if [ -f "$kbuild/Module.symvers" ]; then
		targets=(modules)
	else
		targets=("${mods[@]/%/.o}")
	fi
	if [ ${#mods[@]} -gt 0 ] &&
	   ! make -s -k -C "$kbuild" M="$out/modules" LLVM=-19 W=1 \
		OPSDOC_MODULES="${mods[*]}" "${targets[@]}" > "$out/modules.log" 2>&1; then
		status=1
	fi
	while IFS=$'\t' read -r name mod reason; do
		[ "$reason" = - ] || continue
		[ -f "$out/modules/$mod.ko" ] || [ -f "$out/modules/$mod.o" ] ||
			status=1
		[ "$out/user/$name" -nt "$ex/user/$name.c" ] &&
			[ "$out/user/$name" -nt "$ex/user/exercise.h" ] && continue
		$CC_USER "${USER_CFLAGS[@]}" -I"$ex/user" -o "$out/user/$name" \
			"$ex/user/$name.c" > "$out/user/$name.log" 2>&1 || status=1
	done < "$out/examples.tsv"
	return $status
}

# table rst|md: the callbacks of opsdocfs.callbacks, one row each.
table() {
	local fmt=$1 name fn what
	if [ "$fmt" = rst ]; then
		printf '.. list-table::\n   :header-rows: 1\n\n'
		printf '   * - callback\n     - opsdocfs\n     - vmtest case, or why not\n'
	else
		printf '| callback | opsdocfs | vmtest case, or why not |\n|---|---|---|\n'
	fi
	while IFS='|' read -r name fn what; do
		case "$name" in '#'* | '') continue ;; esac
		[ "$fn" = - ] && fn="not implemented"
		if [ "$fmt" = rst ]; then
			printf '   * - ``%s``\n     - %s\n     - %s\n' "$name" \
				"$( [ "$fn" = "not implemented" ] && echo "$fn" || echo "\`\`$fn\`\`")" "$what"
		else
			printf '| `%s` | %s | %s |\n' "$name" \
				"$( [ "$fn" = "not implemented" ] && echo "$fn" || echo "\`$fn\`")" "$what"
		fi
	done < "$ex/opsdocfs.callbacks"
}

if [ "${1:-}" = --table ]; then
	case "${2:-}" in rst | md) table "$2"; exit 0 ;; esac
	echo "usage: examples.sh --table rst|md" >&2
	exit 2
fi

if [ "${1:-}" = --build ]; then
	[ $# -eq 4 ] || { echo "usage: examples.sh --build KSRC KBUILD OUT" >&2; exit 2; }
	build "$2" "$3" "$4"
	exit
fi

series=${1:-newest}
out=$top/build/examples/$series
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
# check DESCRIPTION LOGFILE COMMAND...: ok when the command succeeds, else
# the log is shown as TAP comments.
check() {
	local d=$1 log=$2
	shift 2
	if "$@"; then
		ok "$d"
	else
		not_ok "$d"
		[ -f "$log" ] && sed 's/^/# /' "$log"
	fi
}

# A module is clean when it was built and kbuild (run with -s, so silent
# when all is well) said nothing about it: its sources, including "In file
# included from" lines for header warnings, or its module name. Output that
# names no example at all counts against every one.
module_clean() {
	local name=$1 mod=$2 log=$out/modules.log pat any
	pat="\\<$name\\.|\\<$mod\\>"
	[ "$name" = get_unmapped_area_aligned ] && pat="\\<get_unmapped_area_|\\<$mod\\>"
	any=$(cut -f1,2 "$out/examples.tsv" | tr '\t\n' '||' | sed 's/|$//')
	{ [ -f "$out/modules/$mod.ko" ] || [ -f "$out/modules/$mod.o" ]; } ||
		return 1
	[ -s "$log" ] || return 0
	grep -qE "$pat" "$log" && return 1
	grep -qE "get_unmapped_area_|$any" "$log"
}
# No output at all from the compiler, and a binary.
user_clean() {
	[ -x "$out/user/$1" ] && [ ! -s "$out/user/$1.log" ]
}
checkpatch_clean() {
	perl "$ksrc/scripts/checkpatch.pl" --strict --no-tree --quiet \
		--show-types -f "$1" > "$out/checkpatch.log" 2>&1 &&
		[ ! -s "$out/checkpatch.log" ]
}

if ! r=$("$here/ktree.sh" resolve "$series"); then
	not_ok "$series: ktree.sh resolve $series failed"
	echo "1..$n"
	exit 1
fi
read -r ksrc kbuild _ <<< "$r"

rm -rf "$out"
build "$ksrc" "$kbuild" "$out"
while IFS=$'\t' read -r name mod reason; do
	if [ "$reason" != - ]; then
		ok "$series: $name # SKIP $reason"
		continue
	fi
	check "$series: $name compiles ($mod) with W=1 and no warnings" \
		"$out/modules.log" module_clean "$name" "$mod"
	check "$series: user/$name.c builds static with no warnings" \
		"$out/user/$name.log" user_clean "$name"
done < "$out/examples.tsv"

# Style does not depend on the tree: every source, every run.
for f in "$ex"/*.c "$ex"/*.h "$ex"/user/*.c "$ex"/user/*.h; do
	[ -f "$f" ] || continue
	check "$series: checkpatch --strict ${f#"$top"/}" "$out/checkpatch.log" \
		checkpatch_clean "$f"
done
echo "1..$n"
exit $failed
