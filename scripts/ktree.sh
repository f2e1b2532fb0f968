#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# ktree.sh - fetch, unpack and prepare kernel trees in the opsdoc cache.
#
#   ktree.sh fetch SERIES       print the path of an unpacked linux-source tree
#                               (SERIES is "newest" or a version such as 6.1)
#   ktree.sh prepare KSRC       print the path of a prepared kbuild directory
#   ktree.sh flags KSRC KBUILD  print the path of the libclang flags file
#   ktree.sh resolve [SERIES]   print "KSRC KBUILD FLAGS" (fetching as needed)
#
# Nothing here writes into KSRC. Every step builds in a temporary name and
# is marked complete only after it has been verified, so an interrupted run
# is redone rather than reused.

set -euo pipefail

CACHE=${OPSDOC_CACHE:-$HOME/.cache/opsdoc}
CLANG=${CLANG:-clang-19}
here=$(cd "$(dirname "$0")" && pwd)

# Remove a cache entry, even one we made read-only.
purge() {
	local p
	for p; do
		[ -e "$p" ] || continue
		chmod -R u+w "$p" 2>/dev/null || true
		rm -rf "$p"
	done
}

die() { echo "ktree: error: $*" >&2; exit 2; }
note() { echo "ktree: $*" >&2; }

# Suites that carry the newest linux-source packages, added to the system's
# own sources in the private apt state. The archive's address is taken from
# the system's configuration, never written here.
EXTRA_SUITES="unstable trixie-backports bookworm-backports"

apt_opts() {
	local a=$CACHE/apt
	echo "-o Dir::State::Lists=$a/lists -o Dir::Etc::SourceList=/dev/null" \
	     "-o Dir::Etc::SourceParts=$a/sources.list.d -o Dir::Cache=$a/cache" \
	     "-o Dir::State::status=/dev/null -o Debug::NoLocking=1" \
	     "-o APT::Sandbox::User=root -o Acquire::Retries=3"
}

# The first archive URI of the system's Debian sources (deb822 or one-line).
system_archive() {
	local f uri
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		uri=$(awk '/^URIs:/ { print $2; exit }' "$f")
		case "$uri" in */debian) echo "$uri"; return ;; esac
	done
	if [ -f /etc/apt/sources.list ]; then
		uri=$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }' \
		      /etc/apt/sources.list)
		[ -n "$uri" ] && { echo "$uri"; return; }
	fi
	die "no Debian archive in /etc/apt/sources.list{,.d}; set KSRC=/path/to/linux instead"
}

apt_update() {
	local a=$CACHE/apt stamp=$CACHE/apt/updated
	# One update a day is plenty for picking a source package.
	if [ -f "$stamp" ] && [ -z "$(find "$stamp" -mmin +1440)" ]; then
		return
	fi
	mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$a/sources.list.d"
	rm -f "$a"/sources.list.d/*
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && cp "$f" "$a/sources.list.d/"
	done
	[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$a/sources.list.d/system.list"
	cat > "$a/sources.list.d/opsdoc.sources" <<-EOF
	Types: deb
	URIs: $(system_archive)
	Suites: $EXTRA_SUITES
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	note "updating the private package lists in $a"
	# shellcheck disable=SC2046
	apt-get $(apt_opts) -qq update >&2 || die "apt-get update failed; check the network or set KSRC"
	touch "$stamp"
}

# linux-source-X.Y package name for SERIES.
package_for() {
	local series=$1 pkgs
	if [ "$series" != newest ]; then
		echo "linux-source-$series"
		return
	fi
	apt_update
	# shellcheck disable=SC2046
	pkgs=$(apt-cache $(apt_opts) search --names-only '^linux-source-[0-9]+\.[0-9]+$' |
	       awk '{ print $1 }' | sort -V)
	[ -n "$pkgs" ] || die "no linux-source-X.Y package in the archive; set KSRC=/path/to/linux"
	echo "$pkgs" | tail -n 1
}

# Download and unpack SERIES; print the tree's path.
cmd_fetch() {
	local series=$1 pkg ver dir tmp deb
	# A series resolved once stays pinned until `make refresh-tree`.
	if [ "$series" = newest ] && [ -f "$CACHE/newest" ]; then
		pkg=$(cat "$CACHE/newest")
	else
		pkg=$(package_for "$series")
	fi
	dir=$CACHE/src/$pkg
	if [ -f "$dir.complete" ] && [ -d "$dir" ]; then
		[ "$series" = newest ] && echo "$pkg" > "$CACHE/newest"
		echo "$dir"
		return
	fi
	mkdir -p "$CACHE/debs" "$CACHE/src"
	# What an interrupted run left is never reused: a tree without its
	# marker, a half-unpacked tree, a partial download.
	[ -d "$dir" ] && note "$dir: not marked complete; fetching it again"
	purge "$dir" "$dir.complete" "$dir.tmp" "$CACHE"/debs/dl.*
	tmp=$(mktemp -d "$CACHE/debs/dl.XXXXXX")
	# OPSDOC_DEBS: a directory of packages already downloaded, for a
	# machine with no network (apt-get download them elsewhere).
	deb=$(ls "${OPSDOC_DEBS:-/nonexistent}/${pkg}_"*.deb 2> /dev/null | sort -V | tail -n 1)
	if [ -n "$deb" ]; then
		note "using $deb"
		cp "$deb" "$tmp"/ || { rm -rf "$tmp"; die "cannot copy $deb"; }
	else
		apt_update
		note "downloading $pkg"
		# apt-get checks the package against the signed index's hash.
		# shellcheck disable=SC2046
		(cd "$tmp" && apt-get $(apt_opts) -qq download "$pkg" >&2) ||
			{ rm -rf "$tmp"; die "cannot download $pkg; check the network or set KSRC"; }
	fi
	deb=$(ls "$tmp"/*.deb)
	ver=$(dpkg-deb -f "$deb" Version) || { rm -rf "$tmp"; die "$deb is not a valid package"; }
	note "unpacking $pkg $ver"
	mkdir -p "$dir.tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards './usr/src/*.tar.*' ||
		{ rm -rf "$tmp" "$dir.tmp"; die "$deb: cannot unpack"; }
	tar -x -C "$dir.tmp" --strip-components=1 -f "$tmp"/usr/src/"$pkg".tar.* ||
		{ rm -rf "$tmp" "$dir.tmp"; die "$pkg: the source tarball is damaged"; }
	rm -rf "$tmp"
	[ -f "$dir.tmp/Makefile" ] && [ -f "$dir.tmp/include/linux/fs.h" ] ||
		{ rm -rf "$dir.tmp"; die "$pkg: unpacked tree has no Makefile or include/linux/fs.h"; }
	chmod -R a-w "$dir.tmp"
	mv "$dir.tmp" "$dir"
	echo "$pkg $ver" > "$dir.complete"
	[ "$series" = newest ] && echo "$pkg" > "$CACHE/newest"
	echo "$dir"
}

# A short stable name for a path, for cache directories keyed on it.
path_key() {
	local v
	v=$(make -s -C "$1" kernelversion 2>/dev/null | tail -n 1) || v=unknown
	echo "$v-$(printf '%s' "$1" | sha1sum | cut -c1-10)"
}

check_tree() {
	local k=$1
	[ -d "$k" ] || die "$k: no such directory; KSRC must name a kernel source tree"
	[ -f "$k/Makefile" ] || die "$k: no Makefile; KSRC must name a kernel source tree"
	[ -f "$k/include/linux/fs.h" ] || die "$k: no include/linux/fs.h; KSRC must name a kernel source tree"
}

# Prepare an output directory for KSRC; print its path.
cmd_prepare() {
	local ksrc=$1 out
	check_tree "$ksrc"
	out=$CACHE/kbuild-$(path_key "$ksrc")
	if [ -f "$out/.opsdoc-prepared" ]; then
		echo "$out"
		return
	fi
	rm -rf "$out"
	mkdir -p "$out"
	note "preparing $out (defconfig modules_prepare, LLVM=-19)"
	if ! make -s -C "$ksrc" O="$out" LLVM=-19 defconfig >&2 ||
	   ! make -s -C "$ksrc" O="$out" LLVM=-19 -j"$(nproc)" modules_prepare >&2; then
		die "kbuild failed to prepare $out from $ksrc; is it a clean tree?"
	fi
	touch "$out/.opsdoc-prepared"
	echo "$out"
}

# Build a probe module against KBUILD and keep its compile command as a list
# of clang arguments, one a line; print the file's path.
cmd_flags() {
	local ksrc=$1 kbuild=$2 dir cmdfile line
	check_tree "$ksrc"
	[ -f "$kbuild/.config" ] || die "$kbuild: no .config; KBUILD must be a prepared output directory"
	dir=$CACHE/flags/$(path_key "$ksrc")-$(printf '%s' "$kbuild" | sha1sum | cut -c1-10)
	# Re-probe when the configuration changes.
	if [ -f "$dir/flags" ] && [ "$dir/flags" -nt "$kbuild/.config" ]; then
		echo "$dir/flags"
		return
	fi
	rm -rf "$dir"
	mkdir -p "$dir/probe"
	cp "$here/probe.c" "$dir/probe/opsdoc_probe.c"
	# Only the compile command matters; objtool has nothing to check.
	printf 'obj-m := opsdoc_probe.o\nOBJECT_FILES_NON_STANDARD := y\n' \
		> "$dir/probe/Makefile"
	if ! make -s -C "$kbuild" LLVM=-19 M="$dir/probe" opsdoc_probe.o \
	     > "$dir/probe.log" 2>&1; then
		cat "$dir/probe.log" >&2
		die "probe module failed to build against $kbuild (log above)"
	fi
	cmdfile=$dir/probe/.opsdoc_probe.o.cmd
	[ -f "$cmdfile" ] || die "$cmdfile: kbuild left no command file"
	# "savedcmd_X := ..." in new trees, "cmd_X := ..." in old ones.
	line=$(grep -m1 -E '^(saved)?cmd_.*opsdoc_probe\.o :=' "$cmdfile") ||
		die "$cmdfile: no compile command"
	line=${line#*:= }
	# Let the shell undo kbuild's quoting, then keep the compiler's options
	# minus output, dependency and source arguments.
	eval "set -- $line"
	shift	# the compiler itself
	{
		echo "-working-directory"
		echo "$kbuild"
		while [ $# -gt 0 ]; do
			case "$1" in
			-c) ;;
			-o) shift ;;
			-Wp,-MMD,*|-Wp,-MD,*) ;;
			-Werror) ;;
			*opsdoc_probe.c) ;;
			*) printf '%s\n' "$1" ;;
			esac
			shift
		done
	} > "$dir/flags.tmp"
	mv "$dir/flags.tmp" "$dir/flags"
	echo "$dir/flags"
}

cmd_resolve() {
	local series=${1:-newest} ksrc kbuild flags
	ksrc=${KSRC:-}
	[ -n "$ksrc" ] || ksrc=$(cmd_fetch "$series")
	ksrc=$(cd "$ksrc" 2>/dev/null && pwd) || die "$KSRC: no such directory"
	check_tree "$ksrc"
	kbuild=${KBUILD:-}
	[ -n "$kbuild" ] || kbuild=$(cmd_prepare "$ksrc")
	kbuild=$(cd "$kbuild" 2>/dev/null && pwd) || die "$KBUILD: no such directory"
	flags=$(cmd_flags "$ksrc" "$kbuild")
	echo "$ksrc $kbuild $flags"
}

mkdir -p "$CACHE"
# One ktree at a time per cache: two makes must not fetch the same tree.
exec 9> "$CACHE/.lock"
flock 9

case "${1:-}" in
fetch)   cmd_fetch "${2:?series}" ;;
prepare) cmd_prepare "${2:?KSRC}" ;;
flags)   cmd_flags "${2:?KSRC}" "${3:?KBUILD}" ;;
resolve) cmd_resolve "${2:-newest}" ;;
refresh) rm -f "$CACHE/newest" "$CACHE/apt/updated" ;;
*) echo "usage: ktree.sh fetch SERIES | prepare KSRC | flags KSRC KBUILD | resolve [SERIES] | refresh" >&2
   exit 2 ;;
esac
