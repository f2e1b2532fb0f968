#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# cache.sh - a corrupted kernel-tree cache is detected and fetched again,
# never used: a tree without its completion marker (a half-unpacked one),
# and a partial download. Uses a private cache with a copy of the package
# lists, and the network to fetch linux-source-6.1 again.
set -u
. "$(dirname "$0")/lib.sh"
real=${OPSDOC_CACHE:-$HOME/.cache/opsdoc}
c=$TMP/cache

if ! scripts/ktree.sh fetch 6.1 > /dev/null; then
	not_ok "linux-source-6.1 could not be fetched"
	finish
	exit 0
fi
mkdir -p "$c/src" "$c/debs/dl.half"
cp -r "$real/apt" "$c/apt"
# A tree cut off while unpacking: some files, no marker.
mkdir -p "$c/src/linux-source-6.1/include"
echo 'VERSION = 6' > "$c/src/linux-source-6.1/Makefile"
echo 'partial' > "$c/debs/dl.half/linux-source-6.1.deb"

dir=$(OPSDOC_CACHE=$c scripts/ktree.sh fetch 6.1 2> "$TMP/err")
check "the half-unpacked tree is reported" grep -q 'not marked complete; fetching it again' "$TMP/err"
check "it is fetched again and marked complete" \
	test "$dir" = "$c/src/linux-source-6.1" -a -f "$dir.complete" -a -f "$dir/include/linux/fs.h"
check "the tree is whole: the same file list as the real cache's" \
	test "$(cd "$dir" && find . -type f | wc -l)" = "$(cd "$real/src/linux-source-6.1" && find . -type f | wc -l)"
check "the partial download is gone" test ! -e "$c/debs/dl.half"
chmod -R u+w "$c"
finish
