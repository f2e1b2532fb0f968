#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# series.sh TREE - opsdoc series on a real kernel tree (newest or 6.1): the
# patches git am applies in order and that end where generate ends; the
# tree's checkpatch.pl --strict with nothing to say; subjects, sign-off,
# To and Cc; prose within 80 columns; the same bytes twice; an error
# without an identity; and a git KSRC, whose HEAD the series is made
# against and which the series leaves as it was. That the series builds
# in the kernel's own htmldocs is dropin.sh's test.
set -u
. "$(dirname "$0")/lib.sh"
tree=$1
id="Opsdoc Test <opsdoc-test@example.org>"

need_tree "$tree"
api=$TMP/api.json
"$OPSDOC" extract -q --callers -e examples -k "$ksrc" -b "$kbuild" -f "$flags" \
	-o "$api" 2> "$TMP/extract.err" || cat "$TMP/extract.err"

series() {
	"$OPSDOC" series -q -a "$api" -k "${KS:-$ksrc}" -b "$kbuild" -f "$flags" "$@"
}

if series --signoff "$id" -o "$TMP/s" 2> "$TMP/err"; then
	ok "$tree: series writes a series"
else
	not_ok "$tree: series failed"
	cat "$TMP/err"
	finish
	exit 0
fi
patches=("$TMP"/s/0*.patch)
numbered=("${patches[@]:1}")
check "$tree: a cover letter and at least 8 patches" \
	test "${patches[0]##*/}" = 0000-cover-letter.patch -a "${#numbered[@]}" -ge 8
check "$tree: 0001 updates struct file_operations" \
	grep -qx 'Subject: \[PATCH 0*1/[0-9]*\] docs: vfs: update struct file_operations' \
		"${numbered[0]}"
bad=
for p in "${numbered[@]}"; do
	grep -q "^Signed-off-by: $id\$" "$p" || bad="$bad ${p##*/}"
	grep -qE '^Subject: \[PATCH [0-9]+/[0-9]+\] docs: (vfs|locking|mmap_prepare): ' "$p" ||
		bad="$bad ${p##*/}(subject)"
done
check "$tree: every patch has a kernel-style subject and the sign-off${bad:+ (not:$bad)}" \
	test -z "$bad"
check "$tree: the cover letter's subject is filled in" \
	grep -q '^Subject: \[PATCH 0*0/[0-9]*\] docs: ' "${patches[0]}"
check "$tree: no placeholder is left in the cover letter" \
	bash -c '! grep -q "\*\*\* [A-Z]* HERE \*\*\*" "$1"' _ "${patches[0]}"
check "$tree: To names the VFS documentation's maintainers (get_maintainer.pl)" \
	grep -q '^To: .*<corbet@lwn.net>\|^    Jonathan Corbet <corbet@lwn.net>' "${numbered[0]}"
check "$tree: Cc has linux-fsdevel" grep -q 'linux-fsdevel@vger.kernel.org' "${numbered[0]}"
check "$tree: the headers' maintainers are asked too (include/linux/fs.h: the VFS)" \
	grep -q "brauner@kernel.org\\|viro@zeniv.linux.org.uk" "${numbered[0]}"
# Message bodies, up to the "---" line, within 72 columns.
wide=$(for p in "${patches[@]}"; do
	awk -v f="${p##*/}" '/^---$/ { exit } body && length($0) > 72 { print f ": " $0 }
		/^$/ { body = 1 }' "$p"
done)
check "$tree: every message is wrapped at 72 columns${wide:+: $wide}" test -z "$wide"

# The tree's own checkpatch, on every patch, counted.
bad=
for p in "${numbered[@]}"; do
	out=$(cd "$ksrc" && perl scripts/checkpatch.pl --strict "$p" 2>&1)
	echo "$out" | grep -q '^total: 0 errors, 0 warnings, 0 checks' ||
		bad="$bad ${p##*/}: $(echo "$out" | grep '^total:')"
done
check "$tree: checkpatch.pl --strict: 0 errors, 0 warnings, 0 checks on each${bad:+ (not:$bad)}" \
	test -z "$bad"

# git am, in order, on a repository of the tree's documents.
am=$TMP/am
mkdir -p "$am/Documentation"
cp -r "$ksrc/Documentation/filesystems" "$am/Documentation/"
chmod -R u+w "$am"
git -C "$am" init -q
git -C "$am" add -A
git -C "$am" -c user.name=t -c user.email=t@t commit -qm base
if git -C "$am" -c user.name=t -c user.email=t@t am -q "${numbered[@]}" \
	> "$TMP/am.log" 2>&1; then
	ok "$tree: git am applies the series in order"
else
	not_ok "$tree: git am failed"
	cat "$TMP/am.log"
fi
check "$tree: one commit per patch" \
	test "$(git -C "$am" rev-list --count HEAD)" -eq $((${#numbered[@]} + 1))
"$OPSDOC" generate -q -a "$api" -k "$ksrc" -b "$kbuild" -f "$flags" -o "$TMP/gen" \
	2> "$TMP/gen.err"
same=1
for f in "$TMP"/gen/filesystems/*.rst; do
	cmp -s "$f" "$am/Documentation/filesystems/${f##*/}" || { same=; echo "# differs: ${f##*/}"; }
done
check "$tree: the applied series is what generate writes" test -n "$same"

# Added prose lines within 80 columns; literal blocks and tables exempt.
wide=$(for p in "${numbered[@]}"; do sed -n 's/^+\([^+]\)/\1/p' "$p"; done |
	sort -u > "$TMP/added"
	for f in "$am"/Documentation/filesystems/*.rst; do
		expand "$f" | awk '
			code && NF && match($0, /^ */) && RLENGTH <= ind { code = 0 }
			!code && /(::|\.\. code-block::.*|\.\. code::.*)$/ {
				code = 1; match($0, /^ */); ind = RLENGTH; next }
			!code && length($0) > 80 && $0 !~ /^ *[|+=]/ { print }'
	done | while IFS= read -r l; do
		grep -qxF -- "$l" <(expand "$TMP/added") && echo "$l"
	done)
check "$tree: no added line of prose is wider than 80 columns${wide:+: $wide}" test -z "$wide"

series --signoff "$id" -o "$TMP/s2" 2> /dev/null
check "$tree: the same inputs give the same bytes" diff -r "$TMP/s" "$TMP/s2"
SOURCE_DATE_EPOCH=1700000000 series --signoff "$id" -o "$TMP/s3" 2> /dev/null
check "$tree: SOURCE_DATE_EPOCH sets the dates" \
	grep -q '^Date: Tue, 14 Nov 2023 22:13:20 +0000' "$TMP/s3/0001-"*

# No identity: a clear error, and nothing written.
HOME=$TMP/nohome GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
	series -o "$TMP/none" 2> "$TMP/err"
status=$?
check "$tree: without --signoff or git config: exit 2" test "$status" -eq 2
check "$tree: ... the error says to pass --signoff" grep -q -- '--signoff' "$TMP/err"
check "$tree: ... and nothing is written" test ! -e "$TMP/none"
series --signoff "no address" -o "$TMP/none" 2> "$TMP/err"
check "$tree: a --signoff without <mail> is refused" test $? -eq 2 -a ! -e "$TMP/none"

# A line of prose no wrap can shorten stops the series; code may be wider.
cp -r templates "$TMP/tpl"
printf '\nSee `%s`.\n' "$(printf 'x%.0s' $(seq 1 90))" \
	>> "$TMP/tpl/members/file_operations/owner.md"
printf '\n```c\nint %s;\n```\n' "$(printf 'y%.0s' $(seq 1 90))" \
	>> "$TMP/tpl/members/file_operations/fsync.md"
series --signoff "$id" -t "$TMP/tpl" -o "$TMP/wide" 2> "$TMP/err"
check "$tree: a line of prose over 80 columns stops the series" \
	test $? -eq 2 -a ! -e "$TMP/wide"
check "$tree: ... and only that line is named" \
	test "$(grep -c 'a line of prose is 1[0-9][0-9] columns wide' "$TMP/err")" -eq 1

# A git KSRC: the documents committed, everything else linked.
g=$TMP/git
mkdir -p "$g"
for e in "$ksrc"/*; do
	[ "${e##*/}" = Documentation ] || ln -s "$e" "$g/${e##*/}"
done
cp -r "$ksrc/Documentation" "$g/"
chmod -R u+w "$g/Documentation"
git -C "$g" init -q
git -C "$g" add Documentation
git -C "$g" -c user.name=t -c user.email=t@t commit -qm "the tree"
head=$(git -C "$g" rev-parse HEAD)
status_before=$(git -C "$g" status --porcelain --ignored)
if KS=$g series --signoff "$id" -o "$TMP/sg" 2> "$TMP/err"; then
	ok "$tree: series on a git KSRC"
else
	not_ok "$tree: series on a git KSRC failed"
	cat "$TMP/err"
fi
check "$tree: ... the cover letter names its HEAD (base-commit)" \
	grep -qx "base-commit: $head" "$TMP/sg/0000-cover-letter.patch"
check "$tree: ... KSRC is left as it was" \
	test "$(git -C "$g" status --porcelain --ignored)" = "$status_before" \
		-a "$(git -C "$g" rev-parse HEAD)" = "$head"
gp=("$TMP"/sg/0*.patch)
check "$tree: ... and git am applies the series to KSRC's HEAD" \
	git -C "$g" -c user.name=t -c user.email=t@t am -q "${gp[@]:1}"
finish
