#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# valgrind.sh - memcheck on extract, generate and check on the newest real
# tree: no invalid read or write, no "definitely lost" block.
set -u
. "$(dirname "$0")/lib.sh"

need_tree newest
vg() {
	local name=$1
	shift
	if valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		"$OPSDOC" "$@" > "$TMP/$name.log" 2>&1; then
		ok "valgrind: $name: no memory error, nothing definitely lost"
	else
		not_ok "valgrind: $name"
		sed 's/^/# /' "$TMP/$name.log" | tail -40
	fi
}
vg extract extract -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$TMP/api.json"
# The callers analysis parses a dozen .c files with their bodies: too slow
# under valgrind. generate and check read a model with callers made outside.
"$OPSDOC" extract -q --callers -e examples -k "$ksrc" -b "$kbuild" -f "$flags" \
	-o "$TMP/api.json"
vg generate generate -q -a "$TMP/api.json" -k "$ksrc" -b "$kbuild" -f "$flags" \
	-o "$TMP/docs"
vg check check -q -a "$TMP/api.json" -k "$ksrc" -b "$kbuild" -f "$flags" \
	-o "$TMP/check.txt"
finish
