#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# golden.sh - extract each fixture tree and compare with its golden
# api.json. When a golden file must change, read the diff first, then
# regenerate it with OPSDOC_UPDATE_GOLDEN=1.
set -u
. "$(dirname "$0")/lib.sh"
F=tests/fixtures

for t in tree tree-old; do
	out=$TMP/$t.json
	if ! "$OPSDOC" extract -q -k "$F/$t" -f "$F/$t.flags" -o "$out"; then
		not_ok "$t: extract failed"
		continue
	fi
	if [ -n "${OPSDOC_UPDATE_GOLDEN:-}" ]; then
		cp "$out" "$F/$t.api.json"
	fi
	if diff -u "$F/$t.api.json" "$out"; then
		ok "$t: api.json matches the golden file"
	else
		not_ok "$t: api.json differs from $F/$t.api.json (diff above)"
	fi
	# Deterministic: a second run is byte-identical.
	"$OPSDOC" extract -q -k "$F/$t" -f "$F/$t.flags" -o "$out.2"
	check "$t: two runs give identical output" cmp -s "$out" "$out.2"
done
finish
