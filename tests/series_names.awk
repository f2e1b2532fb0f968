# SPDX-License-Identifier: GPL-2.0
#
# series_names.awk - the named things of a kernel document, one a line as
# "KIND NAME<TAB>TEXT", for tests/series.sh to compare the text before
# and after a patch with what its log says. Written apart from opsdoc's
# own reader (series_diff.c) on purpose:
#   member  a declaration in a literal block that lists a struct (it has a
#           "struct NAME {" line) or follows "prototypes::"; TEXT is the
#           declaration, white space collapsed
#   desc    a "``name``" term at column 0 and its indented body
#   row     a row of a simple table whose heading starts with "ops"
# Each is keyed by the section (title) it is in.
function flush_desc() {
	if (dname != "")
		print "desc " title "/" dname "\t" dtext
	dname = ""; dtext = ""
}
function norm(s) {
	gsub(/[ \t]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s)
	return s
}
function decl_name(d,   m, n) {
	if (match(d, /\(\* *[A-Za-z0-9_]+/)) {
		n = substr(d, RSTART, RLENGTH); sub(/^\(\* */, "", n)
		return n
	}
	sub(/[;:[].*$/, "", d); sub(/[^A-Za-z0-9_]+$/, "", d)
	if (match(d, /[A-Za-z_][A-Za-z0-9_]*$/))
		return substr(d, RSTART, RLENGTH)
	return ""
}
function depth(s,   t, o) {
	t = s; o = gsub(/\(/, "", t); return o - gsub(/\)/, "", t)
}
function member(d,   n) {
	n = decl_name(d)
	if (listing && n != "" && n !~ /^[0-9]/)
		print "member " title "/" n "\t" d
	acc = ""
}
# One punctuation character repeated, at least three long.
function adornment(s,   c, t) {
	sub(/[ \t]+$/, "", s)
	if (length(s) < 3) return 0
	c = substr(s, 1, 1)
	if (index("=-~^\"'`#*+:._", c) == 0) return 0
	t = s; gsub(/[=~^"'`#*+:._-]/, "", t)
	return t == "" && s !~ "[^" (c == "^" ? "\\^" : c == "-" ? "\\-" : c) "]"
}
{ sub(/\r$/, "") }
# A title: text at column 0 with an adornment at least as long under it.
NR > 1 && adornment($0) && length(prev) > 0 && prev !~ /^[ \t]/ &&
    length($0) >= length(prev) && !adornment(prev) {
	flush_desc(); title = prev; inblock = 0; tbl = 0
	prev = $0; next
}
{
	line = $0
	# A literal block: everything indented more than its marker.
	if (inblock) {
		if (line ~ /^[ \t]*$/) { prev = line; next }
		match(line, /^[ \t]*/)
		if (RLENGTH > bind) {
			l = line
			gsub(/\/\*.*\*\//, "", l); sub(/\/\/.*/, "", l); sub(/\/\*.*/, "", l)
			l = norm(l)
			if (l ~ /^struct [A-Za-z0-9_]+ *\{$/) { listing = 1; acc = ""; prev = line; next }
			if (l == "" || l ~ /^#/ || l ~ /\{$/ || l ~ /^\}/) { acc = ""; prev = line; next }
			# A whole declarator with no ';' is a member of its own.
			if (acc ~ /\)$/ && depth(acc) == 0)
				member(acc)
			acc = acc == "" ? l : acc " " l
			if (acc ~ /;$/)
				member(acc)
			prev = line; next
		}
		inblock = 0
	}
	if ((line ~ /::[ \t]*$/ && line !~ /^[ \t]*\.\. /) ||
	    line ~ /^[ \t]*\.\. code(-block)?::/) {
		flush_desc()
		match(line, /^[ \t]*/); bind = RLENGTH; inblock = 1; acc = ""
		listing = line ~ /prototypes::[ \t]*$/
		prev = line; next
	}
	# Simple tables: the rows between the second and third border.
	if (line ~ /^=+([ \t]+=+)*[ \t]*$/) {
		flush_desc()
		tbl++
		if (tbl == 1) ops = 0
		if (tbl == 3) tbl = 0
		prev = line; next
	}
	if (tbl == 1 && line ~ /^ops[ \t]/) ops = 1
	if (tbl == 2 && ops && match(line, /^[A-Za-z_][A-Za-z0-9_]*/)) {
		n = substr(line, 1, RLENGTH)
		print "row " title "/" n "\t" norm(substr(line, RLENGTH + 1))
		prev = line; next
	}
	if (line ~ /^``[a-z0-9_]+``[ \t]*$/) {
		flush_desc(); dname = line; gsub(/[` \t]/, "", dname)
		prev = line; next
	}
	if (line ~ /^[^ \t]/) flush_desc()
	else if (dname != "" && line !~ /^[ \t]*$/)
		dtext = dtext == "" ? norm(line) : dtext " " norm(line)
	prev = line
}
END { flush_desc() }
