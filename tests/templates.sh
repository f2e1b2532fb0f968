#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# templates.sh - our guidance names kernel functions and macros as
# `name()`. Each name must be defined (a function, a prototype or a
# function-like macro at the start of a line) in the newest tree or in 6.1,
# the two trees the guidance is written for. One line per template.
set -u
. "$(dirname "$0")/lib.sh"

defs=$TMP/defs
: > "$defs"
for series in newest 6.1; do
	if ! r=$(scripts/ktree.sh resolve "$series"); then
		not_ok "$series: the kernel tree could not be prepared"
		continue
	fi
	ksrc=${r%% *}
	(cd "$ksrc" && grep -rhoE \
		'^([A-Za-z_#][^;=(]*[ \t*])?[A-Za-z_][A-Za-z0-9_]*\(' \
		--include='*.c' --include='*.h' mm fs include ipc io_uring kernel \
		net lib drivers/uio drivers/char drivers/dax) |
		grep -oE '[A-Za-z_][A-Za-z0-9_]*\($' | tr -d '(' >> "$defs"
done
sort -u -o "$defs" "$defs"

while IFS= read -r t; do
	missing=$(grep -ohE '`[A-Za-z_][A-Za-z0-9_]*\(\)`' "$t" | tr -d '`()' |
		sort -u | comm -23 - "$defs")
	if [ -z "$missing" ]; then
		ok "${t#templates/}: every name() it cites is defined in a tree"
	else
		not_ok "${t#templates/}: not defined in either tree: $(echo $missing)"
	fi
done < <(find templates -name '*.md' | sort)
finish
