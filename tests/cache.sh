#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# cache.sh - a corrupted kernel-tree cache is detected and fetched again,
# never used: a tree without its completion marker (a half-unpacked one),
# and a partial download; a damaged package leaves nothing behind. The
# packages are small linux-source-6.1 look-alikes given to ktree.sh in
# OPSDOC_DEBS, and the cache is a private one: no network, no real tree.
set -u
. "$(dirname "$0")/lib.sh"
c=$TMP/cache

# fake_deb DIR VERSION [damaged]: a linux-source-6.1 package in DIR whose
# tarball holds a few files of a tree (cut short when damaged).
fake_deb() {
	local dir=$1 ver=$2 root=$TMP/pkg-$2
	rm -rf "$root"
	mkdir -p "$root/DEBIAN" "$root/usr/src" "$TMP/t-$ver/linux-source-6.1/include/linux" \
		"$TMP/t-$ver/linux-source-6.1/mm"
	echo 'VERSION = 6' > "$TMP/t-$ver/linux-source-6.1/Makefile"
	echo 'struct file_operations;' > "$TMP/t-$ver/linux-source-6.1/include/linux/fs.h"
	echo '/* mm */' > "$TMP/t-$ver/linux-source-6.1/mm/mmap.c"
	tar -C "$TMP/t-$ver" -cJf "$root/usr/src/linux-source-6.1.tar.xz" linux-source-6.1
	if [ "${3:-}" = damaged ]; then
		head -c 100 "$root/usr/src/linux-source-6.1.tar.xz" > "$root/cut"
		mv "$root/cut" "$root/usr/src/linux-source-6.1.tar.xz"
	fi
	printf 'Package: linux-source-6.1\nVersion: %s\nArchitecture: all\nMaintainer: opsdoc tests <tests@localhost>\nDescription: test package\n' \
		"$ver" > "$root/DEBIAN/control"
	mkdir -p "$dir"
	dpkg-deb -Zxz --build "$root" "$dir/linux-source-6.1_${ver}_all.deb" > /dev/null
}

fake_deb "$TMP/debs" 6.1.1-1
mkdir -p "$c/src" "$c/debs/dl.half"
# A tree cut off while unpacking: some files, no marker.
mkdir -p "$c/src/linux-source-6.1/include"
echo 'VERSION = 6' > "$c/src/linux-source-6.1/Makefile"
echo 'partial' > "$c/debs/dl.half/linux-source-6.1.deb"

dir=$(OPSDOC_CACHE=$c OPSDOC_DEBS=$TMP/debs scripts/ktree.sh fetch 6.1 2> "$TMP/err")
check "the half-unpacked tree is reported" grep -q 'not marked complete; fetching it again' "$TMP/err"
check "the package comes from OPSDOC_DEBS, not the network" \
	grep -q "using $TMP/debs/linux-source-6.1_6.1.1-1_all.deb" "$TMP/err"
check "it is fetched again and marked complete" \
	test "$dir" = "$c/src/linux-source-6.1" -a -f "$dir.complete" -a -f "$dir/include/linux/fs.h"
check "the tree is whole: the package's file list" \
	test "$(cd "$dir" && find . -type f | sort)" = "$(cd "$TMP/t-6.1.1-1/linux-source-6.1" && find . -type f | sort)"
check "the partial download is gone" test ! -e "$c/debs/dl.half"
check "the marker names the package's version" grep -qx 'linux-source-6.1 6.1.1-1' "$dir.complete"

# A damaged tarball: an error, no tree and no marker.
chmod -R u+w "$c"
rm -rf "$c/src"/*
fake_deb "$TMP/bad" 6.1.2-1 damaged
if OPSDOC_CACHE=$c OPSDOC_DEBS=$TMP/bad scripts/ktree.sh fetch 6.1 > /dev/null 2> "$TMP/err"; then
	not_ok "a damaged package is an error"
else
	check "a damaged package is an error that names it" grep -q 'the source tarball is damaged' "$TMP/err"
fi
check "it leaves no tree, no marker and no download behind" \
	test -z "$(ls -A "$c/src")" -a -z "$(ls -A "$c/debs")"
chmod -R u+w "$c"
finish
