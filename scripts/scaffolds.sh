#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scaffolds.sh SERIES - write a scaffold module for every active callback
# of every struct the tree's documents describe (opsdoc scaffold --all),
# compile them all in one kbuild call against KBUILD (LLVM=-19, W=1) and
# run checkpatch.pl --strict on them in one call. Prints TAP: one line per
# scaffold, ok when it compiled with no warning and checkpatch said
# nothing; a SKIP for each member the configuration leaves out and, on an
# older tree, for each member the newest tree has and this one lacks.
# SCAFFOLDS_SUMMARY=1 also prints "# STRUCT N" counts.
set -u
series=${1:-newest}
top=$(cd "$(dirname "$0")/.." && pwd)
opsdoc=${OPSDOC:-$top/build/opsdoc}
out=${BUILD:-$top/build}/scaffolds/$series
n=0
failed=0

if ! r=$("$top/scripts/ktree.sh" resolve "$series"); then
	echo "not ok 1 - $series: the kernel tree could not be prepared"
	echo "1..1"
	exit 1
fi
set -- $r
ksrc=$1 kbuild=$2 flags=$3

rm -rf "$out"
mkdir -p "$out"
if ! "$opsdoc" scaffold -k "$ksrc" -b "$kbuild" -f "$flags" --all -o "$out" 2> "$out.err"; then
	echo "not ok 1 - $series: opsdoc scaffold --all failed"
	sed 's/^/# /' "$out.err"
	echo "1..1"
	exit 1
fi
objs=$(sed -n 's/^obj-m += //p' "$out/Kbuild")
# Objects only: the prepared tree has no Module.symvers to link against.
# -k: one broken scaffold must not hide the others' results.
nice -n 10 make -k -C "$kbuild" M="$out" LLVM=-19 W=1 -j"$(nproc)" $objs \
	> "$out/build.log" 2>&1
# checkpatch.pl reads all the files in one run; it names each file it
# complains about.
(cd "$out" && perl "$ksrc/scripts/checkpatch.pl" --strict --no-tree --quiet \
	--show-types --no-summary -f ${objs//.o/.c}) > "$out/checkpatch.log" 2>&1

for o in $objs; do
	n=$((n + 1))
	c=${o%.o}.c
	name=${c%.c}
	name=${name/__/.}
	if [ -f "$out/$o" ] && ! grep -q "$c:.*\(warning\|error\):" "$out/build.log" &&
	   ! grep -q "^#[0-9]*: FILE: $c:" "$out/checkpatch.log"; then
		echo "ok $n - $series: $name compiles with no warning, checkpatch clean"
	else
		failed=1
		echo "not ok $n - $series: $name"
		grep "$c:" "$out/build.log" | sed 's/^/# /'
		grep -B2 -A3 "FILE: $c:" "$out/checkpatch.log" | sed 's/^/# /'
	fi
done
# A documented struct opsdoc cannot register fails: it needs a recipe.
while IFS=$'\t' read -r name reason; do
	n=$((n + 1))
	case "$reason" in
	"no registration recipe"*)
		failed=1
		echo "not ok $n - $series: $name: $reason" ;;
	*)	echo "ok $n - $series: $name # SKIP $reason" ;;
	esac
done < "$out/skipped"
# A member of the newest tree that this one lacks is skipped, named.
if [ "$series" != newest ] && r=$("$top/scripts/ktree.sh" resolve newest); then
	set -- $r
	"$opsdoc" scaffold -k "$1" -b "$2" -f "$3" --list > "$out/newest.list" 2> "$out.err"
	ver=$(make -s -C "$ksrc" kernelversion 2>/dev/null | tail -n 1)
	for o in $objs; do
		o=${o%.o}
		echo "${o/__/.}"
	done | sort > "$out/here.list"
	cut -f1 "$out/skipped" >> "$out/here.list"
	sort "$out/newest.list" | comm -23 - <(sort "$out/here.list") > "$out/lacks"
	while read -r name; do
		n=$((n + 1))
		echo "ok $n - $series: $name # SKIP Linux $ver has no ${name#*.} in struct ${name%%.*}"
	done < "$out/lacks"
fi
if grep -q 'warning:' "$out/build.log" &&
   grep 'warning:' "$out/build.log" | grep -qv '__[a-z_0-9]*\.c:'; then
	n=$((n + 1))
	failed=1
	echo "not ok $n - $series: warnings outside the scaffolds"
	grep 'warning:' "$out/build.log" | sed 's/^/# /'
fi
if [ "${SCAFFOLDS_SUMMARY:-0}" = 1 ]; then
	for o in $objs; do echo "${o%%__*}"; done | sort | uniq -c |
		awk '{ print "# " $2 " " $1 }'
fi
echo "1..$n"
exit $failed
