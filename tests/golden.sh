#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# golden.sh - extract each fixture tree, with its callers in mm/ and fs/
# and the example functions of tests/fixtures/examples, and compare with
# its golden api.json.
#
# When a golden file must change, run with OPSDOC_UPDATE_GOLDEN=1: it
# writes the golden files ("# updated FILE" or "# unchanged FILE") and
# reports each comparison as "not ok", since none was made. Read the diff
# (git diff tests/fixtures), then run again without it.
set -u
. "$(dirname "$0")/lib.sh"
F=tests/fixtures
extract() {
	"$OPSDOC" extract -q --callers -e "$F/examples" -k "$F/$1" \
		-f "$F/$1.flags" -o "$2"
}

for t in tree tree-old; do
	out=$TMP/$t.json
	if ! extract "$t" "$out"; then
		not_ok "$t: extract failed"
		continue
	fi
	if [ -n "${OPSDOC_UPDATE_GOLDEN:-}" ]; then
		if cmp -s "$out" "$F/$t.api.json"; then
			echo "# unchanged $F/$t.api.json"
		else
			cp "$out" "$F/$t.api.json"
			echo "# updated $F/$t.api.json"
		fi
		not_ok "$t: not compared (OPSDOC_UPDATE_GOLDEN is set); read git diff $F/$t.api.json, then run again without it"
	elif diff -u "$F/$t.api.json" "$out"; then
		ok "$t: api.json matches the golden file"
	else
		not_ok "$t: api.json differs from $F/$t.api.json (diff above)"
	fi
	# Deterministic: a second run is byte-identical.
	extract "$t" "$out.2"
	check "$t: two runs give identical output" cmp -s "$out" "$out.2"
done
finish
