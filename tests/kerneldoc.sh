#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# kerneldoc.sh - every header in extractor/ is valid kernel-doc: the newest
# kernel tree's scripts/kernel-doc, run with -none -Wall, prints nothing for
# it, and every non-static function it declares has a kernel-doc comment
# naming it directly above the declaration (kernel-doc itself only checks
# the comments that exist). One result per header.
set -u
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh

# Print "LINE NAME" for each non-static function declared in a C header
# that has no kernel-doc comment naming it ("/** NAME() - ..." or
# "/** NAME - ...") just before it, with nothing but blank lines between.
# Preprocessor lines, comments, string literals and brace bodies are
# skipped; typedefs, function pointers and macro calls are not functions.
undocumented='
function end_comment(   n, k, t, lines) {
	if (!kdoc) {
		last = "comment"
		return
	}
	last = "kdoc"
	lastname = ""
	n = split(ctext, lines, "\n")
	for (k = 1; k <= n; k++) {
		t = lines[k]
		sub(/^[ \t]*\*?[ \t]*/, "", t)
		if (t == "")
			continue
		if (match(t, /^[A-Za-z_][A-Za-z0-9_]*/)) {
			lastname = substr(t, 1, RLENGTH)
			t = substr(t, RLENGTH + 1)
			if (t !~ /^[ \t]*(\([ \t]*\))?[ \t]*(-|:|$)/)
				lastname = ""
		}
		return
	}
}

# The identifier that ends s, or "".
function last_ident(s) {
	sub(/[ \t]+$/, "", s)
	if (match(s, /[A-Za-z_][A-Za-z0-9_]*$/))
		return substr(s, RSTART)
	return ""
}

function end_decl(   s, i, c, pd, id, before, name) {
	s = decl
	decl = ""
	last = "code"
	if (s !~ /\(/ || s ~ /^[ \t]*(typedef|static)[ \t]/)
		return
	name = ""
	for (i = 1; i <= length(s) && name == ""; i++) {
		if (substr(s, i, 1) != "(")
			continue
		id = last_ident(substr(s, 1, i - 1))
		if (id == "__attribute__" || id == "__attribute") {
			for (pd = 0; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "(")
					pd++
				else if (c == ")" && --pd == 0)
					break
			}
			continue
		}
		if (substr(s, i + 1) ~ /^[ \t]*\*/)
			return			# a pointer to function
		before = substr(s, 1, i - 1)
		sub(/[A-Za-z_][A-Za-z0-9_]*[ \t]*$/, "", before)
		if (id == "" || before !~ /[A-Za-z_]/)
			return			# no return type: a macro call
		name = id
	}
	if (name != "" && name != docname)
		print declline, name
}

{
	line = $0
	if (!incom && (cpp || line ~ /^[ \t]*#/)) {
		cpp = line ~ /\\$/
		last = "cpp"
		next
	}
	len = length(line)
	for (i = 1; i <= len; i++) {
		c = substr(line, i, 1)
		c2 = substr(line, i, 2)
		if (incom) {
			if (c2 == "*/") {
				incom = 0
				i++
				end_comment()
			} else {
				ctext = ctext c
			}
			continue
		}
		if (c2 == "//")
			break
		if (c2 == "/*") {
			incom = 1
			kdoc = substr(line, i, 3) == "/**" && substr(line, i, 4) != "/**/"
			ctext = ""
			i += kdoc ? 2 : 1
			continue
		}
		if (c == "\"" || c == "\047") {
			for (i++; i <= len && substr(line, i, 1) != c; i++)
				if (substr(line, i, 1) == "\\")
					i++
			c = "S"
		}
		if (c == "{") {
			if (depth++ == 0)
				end_decl()
			continue
		}
		if (c == "}") {
			if (--depth == 0) {
				decl = ""
				last = "code"
			}
			continue
		}
		if (depth)
			continue
		if (c == ";") {
			end_decl()
			continue
		}
		if (decl == "") {
			if (c == " " || c == "\t")
				continue
			declline = NR
			docname = last == "kdoc" ? lastname : ""
		}
		decl = decl c
	}
	if (incom)
		ctext = ctext "\n"
	else if (decl != "")
		decl = decl " "
}
'

need_tree newest
kdoc=$ksrc/scripts/kernel-doc
if [ ! -x "$kdoc" ]; then
	not_ok "kernel-doc: $kdoc is missing or not executable"
	finish
	exit 0
fi

for h in extractor/*.h; do
	"$kdoc" -none -Wall "$h" > "$TMP/out" 2>&1
	awk "$undocumented" "$h" |
		while read -r line name; do
			echo "$h:$line: $name() has no kernel-doc comment above it"
		done >> "$TMP/out"
	if [ -s "$TMP/out" ]; then
		not_ok "kernel-doc: $h"
		sed 's/^/# /' "$TMP/out"
	else
		ok "kernel-doc: $h"
	fi
done
finish
