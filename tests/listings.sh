#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# listings.sh - opsdoc series --listings. First on a fixture tree
# (tests/fixtures/listings over tests/fixtures/tree-check, with the newest
# tree's scripts/ and MAINTAINERS linked in, read only) whose findings are
# known, its header in a MAINTAINERS section of its own (quota*.h): one
# series, the documents' own section's; exactly the edits they call for (tests/fixtures/listings.expected,
# read line by line when written), the logs naming each member and the
# prose left alone, the skipped listings with their reasons, translations
# left out, the series git am applies, checkpatch.pl --strict clean, check
# on the result clean for the fixed listings, the same bytes twice. Then
# on the newest tree: every series applies to a scratch copy of the
# documents, every patch checkpatch-clean, no finding left in a listing
# that was not reported skipped, no new docutils warning.
set -u
. "$(dirname "$0")/lib.sh"
id="A U Thor <author@example.org>"
export SOURCE_DATE_EPOCH=1700000000
fxflags=tests/fixtures/tree-check.flags

need_tree newest
fx=$TMP/ksrc
mkdir -p "$fx"
cp -rL tests/fixtures/tree-check/. "$fx"/
# check.sh's headers outside include/ and their MAINTAINERS: the newest
# tree's are linked in instead.
rm -rf "$fx/MAINTAINERS" "$fx/drivers" "$fx/Documentation"
cp -r tests/fixtures/listings/. "$fx"/
for f in scripts MAINTAINERS COPYING CREDITS Kbuild README drivers fs init ipc kernel lib; do
	[ -e "$fx/$f" ] || ln -s "$ksrc/$f" "$fx/$f"
done
sum() { (cd "$1" && find Documentation include -type f | sort | xargs md5sum); }
sum "$fx" > "$TMP/sum.before"

lseries() { "$OPSDOC" series -q --listings --signoff "$id" "$@"; }

# Not -q: the notes of the skipped listings are wanted.
if "$OPSDOC" series --listings --signoff "$id" -k "$fx" -f "$fxflags" \
	-o "$TMP/out" > /dev/null 2> "$TMP/err"; then
	ok "fixture: series --listings writes its series"
else
	not_ok "fixture: series --listings failed"
	cat "$TMP/err"
fi
s=$TMP/out/documentation
check "fixture: one series (the documents' MAINTAINERS entry), a cover letter and four patches" \
	test "$(cd "$TMP/out" && find . -name '*.patch' | sort | tr '\n' ' ')" = \
	"./documentation/0000-cover-letter.patch ./documentation/0001-docs-gadget-sync-the-struct-gadget-listing-with-the-.patch ./documentation/0002-docs-gadget-sync-the-struct-cog-listing-with-the-hea.patch ./documentation/0003-docs-widget-sync-the-struct-widget-listing-with-the-.patch ./documentation/0004-docs-widget-sync-the-struct-widget_ops-listing-with-.patch "
# The lines each patch removes and adds, in order, against the golden file.
for p in "$s"/000[1-9]-*.patch; do
	echo "# $(basename "$p")"
	sed -n '/^diff --git/,$p' "$p" | grep '^[-+]' | grep -v '^\(---\|+++\) '
done > "$TMP/edits"
if diff -u tests/fixtures/listings.expected "$TMP/edits"; then
	ok "fixture: exactly the expected edits, every other line kept"
else
	not_ok "fixture: the edits differ from tests/fixtures/listings.expected (diff above)"
fi
p2=$s/0003-docs-widget-sync-the-struct-widget-listing-with-the-.patch
check "fixture: the log names the members added, removed and changed" \
	grep -qx -e '- add the members the listing lacked: ops;' "$p2"
check "fixture: ... removed" grep -qx -e '- drop the members the struct does not have: owner;' "$p2"
check "fixture: ... changed" grep -qx -e '- write these declarations as the header has them: flags.' "$p2"
check "fixture: one line says opsdoc made the edit from the header" \
	grep -qx 'opsdoc made this edit from include/linux/quota_widget.h.' "$p2"
check "fixture: the log says where the prose still names the removed member" \
	grep -q '^The text of widget.rst still names owner (line 22)' "$p2"
check "fixture: the prose is not touched" \
	bash -c '! grep -q "^[-+]A driver sets" "$@"' _ "$s"/000[1-9]-*.patch
check "fixture: the sign-off is the one given, and there is one per patch" \
	test "$(grep -c "^Signed-off-by: $id\$" "$s"/000[1-9]-*.patch | grep -c ':1$')" -eq 4
c=$s/0000-cover-letter.patch
check "fixture: the cover letter names the excerpt it left alone" \
	grep -q 'Documentation/widget/gadget.rst (line 16): an' "$c"
check "fixture: ... and the listing that does not parse" \
	grep -q 'Documentation/widget/gadget.rst (line 23): it does' "$c"
check "fixture: ... and says the translations follow the English" \
	grep -q '^The translations under Documentation/translations' "$c"
check "fixture: no patch touches a translation" \
	bash -c '! grep -q "^diff --git a/Documentation/translations" "$@"' _ "$s"/*.patch
check "fixture: each skip is on stderr with its reason" \
	grep -q 'gadget.rst:23: note: struct sprocket: left as it is: it does not parse' "$TMP/err"
check "fixture: a struct of an example program is the program's: not edited" \
	bash -c '! grep -q "^[-+]	*int teeth;" "$@"' _ "$s"/000[1-9]-*.patch
check "fixture: a qualifier added in a listing aligned with spaces keeps the name's column" \
	grep -qx '+        const char      \*label;' "$s"/0001-*.patch
check "fixture: a renamed member keeps the column of the comment after it" \
	grep -qxF "+		unsigned long span; /* across the teeth */" "$s"/0002-*.patch
check "fixture: added lines are within 80 columns" \
	test -z "$(sed -n 's/^+//p' "$s"/000[1-9]-*.patch | expand | awk 'length > 80')"
check "fixture: KSRC is only read" diff -u "$TMP/sum.before" <(sum "$fx")

# git am on a scratch copy, then check on the result.
am=$TMP/am
mkdir -p "$am"
cp -r "$fx/Documentation" "$am/"
git -C "$am" init -q
git -C "$am" add -A
git -C "$am" -c user.name=t -c user.email=t@example.org commit -qm base
check "fixture: git am applies the series to a copy of the documents" \
	git -C "$am" -c user.name=t -c user.email=t@example.org am -q \
	"$s"/000[1-9]-*.patch 2> "$TMP/am.err"
check "fixture: ... and has nothing to say of its whitespace (spaces-only listings stay so)" \
	test ! -s "$TMP/am.err"
for p in "$s"/000[1-9]-*.patch; do
	out=$(cd "$fx" && perl scripts/checkpatch.pl --strict --no-summary --terse "$p")
	check "fixture: checkpatch.pl --strict: $(basename "$p")${out:+: $out}" test -z "$out"
done
rm -rf "$fx/Documentation"
cp -r "$am/Documentation" "$fx/"
"$OPSDOC" check -q -k "$fx" -f "$fxflags" > "$TMP/after" 2>&1
check "fixture: check on the result: nothing left in the fixed listings" \
	test -z "$(grep -e '^Documentation/widget/widget.rst:' -e '^Documentation/widget/gadget.rst:[0-9]*: warning: gadget' "$TMP/after")"
check "fixture: ... while the skipped listings keep theirs" \
	test "$(grep -c '^Documentation/widget/gadget.rst:[0-9]*: warning: sprocket' "$TMP/after")" -ge 2
cp -r "$am/Documentation" "$TMP/patched-docs"
rm -rf "$fx/Documentation"
cp -r tests/fixtures/listings/Documentation "$fx/"
lseries -k "$fx" -f "$fxflags" -o "$TMP/out2" 2> /dev/null
check "fixture: the same bytes twice" diff -r "$TMP/out" "$TMP/out2"
check "fixture: the patched documents have nothing left to fix" \
	bash -c 'rm -rf "$1/Documentation" && cp -r "$2" "$1/Documentation" &&
		 ! "$3" series -q --listings --signoff "$4" -k "$1" -f "$5" -o "$6" 2>/dev/null' \
	_ "$fx" "$TMP/patched-docs" "$OPSDOC" "$id" "$fxflags" "$TMP/out3"

# The newest tree.
real=$TMP/real
if "$OPSDOC" series --listings --signoff "$id" -k "$ksrc" -b "$kbuild" -f "$flags" \
	-o "$real" > /dev/null 2> "$TMP/real.err"; then
	ok "newest: series --listings writes its series"
else
	not_ok "newest: series --listings failed"
	tail -5 "$TMP/real.err"
fi
grep '^opsdoc: .* listings fixed' "$TMP/real.err" | sed 's/^/# /'
nseries=$(find "$real" -mindepth 1 -maxdepth 1 -type d | wc -l)
npatches=$(find "$real" -name '0*.patch' ! -name '0000-cover-letter.patch' | wc -l)
ndocs=$(cat "$real"/*/0*.patch | sed -n 's|^diff --git a/\([^ ]*\) .*|\1|p' | sort -u | wc -l)
echo "# newest: $ndocs documents, $npatches patches, $nseries series"
sed -n 's/.*: note: struct [^ ]*: left as it is: //p' "$TMP/real.err" | sort | uniq -c |
	sed 's/^/# skipped: /'
check "newest: at least ten series and twenty documents" test "$nseries" -ge 10 -a "$ndocs" -ge 20
check "newest: no patch touches a translation" \
	test -z "$(grep -l '^diff --git a/Documentation/translations' "$real"/*/*.patch)"
bad=
mkdir -p "$TMP/rdocs"
for d in "$real"/*/; do
	t=$TMP/am-$(basename "$d")
	mkdir -p "$t"
	for f in $(cat "$d"/0*.patch | sed -n 's|^diff --git a/\([^ ]*\) .*|\1|p' | sort -u); do
		mkdir -p "$t/$(dirname "$f")"
		cp "$ksrc/$f" "$t/$f"
	done
	git -C "$t" init -q && git -C "$t" add -A &&
		git -C "$t" -c user.name=t -c user.email=t@example.org commit -qm base
	ps=$(ls "$d"/0*.patch | grep -v 0000-cover-letter)
	# shellcheck disable=SC2086
	git -C "$t" -c user.name=t -c user.email=t@example.org am -q $ps 2> /dev/null ||
		bad="$bad $(basename "$d")"
	cp -r "$t/Documentation" "$TMP/rdocs/" 2> /dev/null
done
check "newest: git am applies every series to a copy of its documents${bad:+ (not:$bad)}" test -z "$bad"
# One checkpatch.pl run for all the patches: it names the file of each
# complaint.
bad=$(cd "$ksrc" && ls "$real"/*/0*.patch | grep -v '/0000-cover-letter\.patch$' |
	xargs perl scripts/checkpatch.pl --strict --no-summary --terse 2>&1 |
	sed -n 's|^'"$real"'/\([^:]*\):.*|\1|p' | sort -u | tr '\n' ' ')
check "newest: every patch is checkpatch.pl --strict clean${bad:+ (not: $bad)}" test -z "$bad"
# check on the patched documents: the drift left is only in listings
# reported as skipped (by file and struct).
"$OPSDOC" check -q -k "$ksrc" -b "$kbuild" -f "$flags" --docs "$TMP/rdocs" \
	> "$TMP/real.after" 2> /dev/null
sed -n 's|^.*/rdocs/\(Documentation/[^:]*\):[0-9]*: warning: \([a-z0-9_]*\)[.:].*\[\(missing-member\|removed-member\|signature-drift\|qualifier-drift\)\].*|\1 \2|p' \
	"$TMP/real.after" | sort -u > "$TMP/left"
sed -n 's|^\(Documentation/[^:]*\):[0-9]*: note: struct \([a-z0-9_]*\): left as it is: .*|\1 \2|p' \
	"$TMP/real.err" | sort -u > "$TMP/skipped"
left=$(comm -23 "$TMP/left" "$TMP/skipped" | tr '\n' ' ')
check "newest: check on the patched documents: no drift left but in skipped listings${left:+ (left: $left)}" \
	test -z "$left"
# docutils: no warning that the document did not have before.
bad=
for f in $(cd "$TMP/rdocs" && find . -name '*.rst' | sed 's|^\./||'); do
	b=$(rst2pseudoxml --report=2 --halt=5 "$ksrc/$f" 2>&1 > /dev/null |
		sed 's/:[0-9]*: /: /' | sort | uniq -c)
	a=$(rst2pseudoxml --report=2 --halt=5 "$TMP/rdocs/$f" 2>&1 > /dev/null |
		sed 's/:[0-9]*: /: /;s|'"$TMP"'/rdocs/||' | sed "s|$ksrc/||" | sort | uniq -c)
	b=$(echo "$b" | sed "s|$ksrc/||")
	[ "$a" = "$b" ] || bad="$bad $f"
done
check "newest: docutils gives no new warning on the patched documents${bad:+ (not:$bad)}" test -z "$bad"
finish
