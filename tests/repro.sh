#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# repro.sh - every input that once crashed a fuzz target (tests/fuzz/repro)
# goes through the program's real path: the listing scanner through
# opsdoc check, the vfs.rst splicer and the RST writer through generate. Each must end
# with exit 0 or 2, never with a signal or a sanitizer report.
set -u
. "$(dirname "$0")/lib.sh"
F=$PWD/tests/fixtures
R=$PWD/tests/fuzz/repro

clean_exit() {
	local name=$1 rc=$2
	if [ "$rc" -le 2 ] && ! grep -q 'Sanitizer\|runtime error' "$TMP/err"; then
		ok "$name: exit $rc, no crash"
	else
		not_ok "$name: exit $rc"
		sed 's/^/# /' "$TMP/err" | head -20
	fi
}

for f in "$R"/scan/*; do
	rm -rf "$TMP/docs" && mkdir -p "$TMP/docs"
	cp "$f" "$TMP/docs/repro.rst"
	"$OPSDOC" check -q -a "$F/tree.api.json" -k "$F/tree" -f "$F/tree.flags" \
		--docs "$TMP/docs" > /dev/null 2> "$TMP/err"
	clean_exit "scan: $(basename "$f")" $?
done
for f in "$R"/vfs/*; do
	rm -rf "$TMP/tree" "$TMP/out"
	cp -r "$F/tree" "$TMP/tree"
	cp "$f" "$TMP/tree/Documentation/filesystems/vfs.rst"
	"$OPSDOC" generate -q -k "$TMP/tree" -f "$F/tree.flags" -t "$F/templates" \
		-e "$F/examples" -o "$TMP/out" > /dev/null 2> "$TMP/err"
	clean_exit "vfs: $(basename "$f")" $?
done
for f in "$R"/rst/*; do
	rm -rf "$TMP/t" "$TMP/out"
	cp -r "$F/templates" "$TMP/t"
	cp "$f" "$TMP/t/mm/repro.md"
	"$OPSDOC" generate -q -k "$F/tree" -f "$F/tree.flags" -t "$TMP/t" \
		-e "$F/examples" -o "$TMP/out" > /dev/null 2> "$TMP/err"
	clean_exit "rst: $(basename "$f")" $?
done
finish
