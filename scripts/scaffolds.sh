#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scaffolds.sh SERIES - write a scaffold module for every active
# file_operations callback of the tree (opsdoc scaffold --all) and compile
# each with kbuild against KBUILD (LLVM=-19, W=1). Prints TAP: one line per
# scaffold, ok when it compiled with no warning.
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
make -C "$kbuild" M="$out" LLVM=-19 W=1 -j"$(nproc)" $objs > "$out/build.log" 2>&1
for o in $objs; do
	n=$((n + 1))
	c=${o%.o}.c
	if [ -f "$out/$o" ] && ! grep -q "$c:.*\(warning\|error\):" "$out/build.log"; then
		echo "ok $n - $series: ${c#scaffold_} compiles with no warning"
	else
		failed=1
		echo "not ok $n - $series: ${c#scaffold_}"
		grep "$c:" "$out/build.log" | sed 's/^/# /'
	fi
done
if grep -q 'warning:' "$out/build.log"; then
	n=$((n + 1))
	failed=1
	echo "not ok $n - $series: warnings outside the scaffolds"
	grep 'warning:' "$out/build.log" | sed 's/^/# /'
fi
echo "1..$n"
exit $failed
