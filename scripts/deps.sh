#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# deps.sh - make sure the Debian packages opsdoc needs are installed.
# As root it installs the missing ones; otherwise it prints the command.
set -euo pipefail

pkgs=(
	libclang-19-dev clang-19 lld-19 llvm-19
	libcmark-dev libjansson-dev libcmocka-dev
	python3-sphinx qemu-system-x86 busybox-static cpio
	flex bison bc libelf-dev libssl-dev
	make gcc xz-utils time git patch perl libclang-rt-19-dev valgrind libxxhash-dev
	coccinelle
)

missing=()
for p in "${pkgs[@]}"; do
	s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$s" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages: ${missing[*]}" >&2
	echo "deps: run as root:  $cmd" >&2
	exit 2
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -qq update >&2
# shellcheck disable=SC2086
apt-get -qq install -y --no-install-recommends "${missing[@]}" >&2
