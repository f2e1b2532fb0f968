#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# series.sh TREE - opsdoc series on a real kernel tree (newest or 6.1): one
# series per tree that MAINTAINERS names, in DIR/<tree>/, a cover letter
# only for more than one patch; vfs.rst's patches to the VFS maintainers,
# mm's in a series of their own; each log naming exactly the members its
# diff changes (read by tests/series_names.awk, apart from opsdoc's own
# reader), no version string and no "As of kernel" added; the patches git
# am applies, per tree and all together ending where generate ends; the
# tree's checkpatch.pl --strict with nothing to say; prose within 80
# columns; the same bytes twice; a cover-letter addition from the
# templates; an error without an identity; and a git KSRC, whose HEAD the
# series is made against and which the series leaves as it was. That the
# series builds in the kernel's own htmldocs is dropin.sh's test.
set -u
. "$(dirname "$0")/lib.sh"
tree=$1
id="Opsdoc Test <opsdoc-test@example.org>"
names_awk=$(cd "$(dirname "$0")" && pwd)/series_names.awk

need_tree "$tree"
api=$TMP/api.json
"$OPSDOC" extract -q --callers -e examples -k "$ksrc" -b "$kbuild" -f "$flags" \
	-o "$api" 2> "$TMP/extract.err" || cat "$TMP/extract.err"
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$api" | tail -1)

series() {
	"$OPSDOC" series -q -a "$api" -k "${KS:-$ksrc}" -b "$kbuild" -f "$flags" "$@"
}

# A stale patch of the old layout and a stale tree are cleaned away.
mkdir -p "$TMP/s/gone-tree"
touch "$TMP/s/0001-old-layout.patch" "$TMP/s/gone-tree/0001-old.patch"
if series --signoff "$id" -o "$TMP/s" 2> "$TMP/err"; then
	ok "$tree: series writes the series"
else
	not_ok "$tree: series failed"
	cat "$TMP/err"
	finish
	exit 0
fi
check "$tree: the patches of an earlier run and layout are removed" \
	test ! -e "$TMP/s/0001-old-layout.patch" -a ! -e "$TMP/s/gone-tree"

# The body of a mail: after the headers, up to the "---" line.
body() { awk '/^---$/ { exit } b { print } /^$/ { b = 1 }' "$1"; }
# The value of a header, its folded lines joined.
header() {
	awk -v h="$2:" 'f && /^[ \t]/ { printf "%s", $0; next } f { exit }
		$1 == h { f = 1; sub(/^[^:]*: /, ""); printf "%s", $0 }' "$1"
}
# The documents a patch changes.
touched() { sed -n 's|^diff --git a/\([^ ]*\) .*|\1|p' "$1"; }

trees=()
for d in "$TMP"/s/*/; do trees+=("$(basename "$d")"); done
echo "# trees: ${trees[*]}"
patches=()
bad=
for t in "${trees[@]}"; do
	ps=("$TMP/s/$t"/0*.patch)
	count=0
	for p in "${ps[@]}"; do
		case "$p" in */0000-cover-letter.patch) ;; *) patches+=("$p"); count=$((count + 1)) ;; esac
	done
	if [ "$count" -gt 1 ]; then
		[ -e "$TMP/s/$t/0000-cover-letter.patch" ] || bad="$bad $t(no cover)"
	else
		[ ! -e "$TMP/s/$t/0000-cover-letter.patch" ] || bad="$bad $t(cover for one)"
		grep -q '^Subject: \[PATCH\] docs: ' "${ps[0]}" || bad="$bad $t(subject)"
	fi
done
check "$tree: a cover letter exactly for a series of more than one patch${bad:+ (not:$bad)}" \
	test -z "$bad"
check "$tree: at least two trees, one of them vfs" test "${#trees[@]}" -ge 2 -a -d "$TMP/s/vfs"
check "$tree: vfs/0001 is about struct file_operations" \
	grep -qE '^Subject: \[PATCH 0*1/[0-9]+\] docs: vfs: [a-z].* struct file_operations' \
		"$TMP"/s/vfs/0001-*.patch

# Who gets what. The VFS maintainers, as this tree's MAINTAINERS names them.
vfs_maint=$(awk '/^FILESYSTEMS \(VFS and infrastructure\)$/ { f = 1; next }
	f && /^$/ { exit } f && /^M:/ { sub(/^.*</, ""); sub(/>.*$/, ""); print }' \
	"$ksrc/MAINTAINERS")
check "$tree: MAINTAINERS names Alexander Viro among the VFS maintainers" \
	grep -qx 'viro@zeniv.linux.org.uk' <<< "$vfs_maint"
bad=
for p in "${patches[@]}"; do
	t=$(basename "$(dirname "$p")")
	to=$(header "$p" To)
	cc=$(header "$p" Cc)
	if touched "$p" | grep -q 'filesystems/vfs\.rst$'; then
		[ "$t" = vfs ] || bad="$bad $t/${p##*/}(not in vfs)"
		for m in $vfs_maint; do
			case "$to" in *"<$m>"*) ;; *) bad="$bad ${p##*/}(To lacks $m)" ;; esac
		done
		case "$to $cc" in *linux-fsdevel@vger.kernel.org*) ;; *) bad="$bad ${p##*/}(no fsdevel)" ;; esac
	fi
	if touched "$p" | grep -q 'filesystems/mmap_prepare\.rst$'; then
		[ "$t" = mm ] || bad="$bad $t/${p##*/}(mmap_prepare not in mm)"
		case "$to $cc" in *akpm@linux-foundation.org*linux-mm@kvack.org*) ;;
		*) bad="$bad ${p##*/}(not to Andrew Morton and linux-mm)" ;; esac
	fi
	subj=$(header "$p" Subject)
	grep -q 'struct vm_operations_struct' <<< "$subj" && [ "$t" != mm ] &&
		bad="$bad $t/${p##*/}(vm_operations_struct not in mm)"
	grep -q 'struct \(block_device_operations\|dquot_operations\)' <<< "$subj" &&
		[ "$t" = vfs -o "$t" = mm ] && bad="$bad $t/${p##*/}(not its own tree)"
	# File locking's own header (7.x) is in no section: its code decides.
	if grep -q 'lock_manager_operations' <<< "$subj" &&
	   grep -qs '^struct lock_manager_operations {' "$ksrc/include/linux/filelock.h"; then
		[ "$t" = file-locking ] || bad="$bad $t/${p##*/}(not file-locking)"
		case "$to" in *jlayton@kernel.org*cel@kernel.org*) ;;
		*) bad="$bad ${p##*/}(To lacks Jeff Layton or Chuck Lever)" ;; esac
	fi
	grep -q "^Signed-off-by: $id\$" "$p" || bad="$bad ${p##*/}(sign-off)"
	grep -qE '^\[PATCH( [0-9]+/[0-9]+)?\] docs: (vfs|locking|mmap_prepare): ' <<< "$subj" ||
		bad="$bad ${p##*/}(subject)"
	# The summary names the fix, not "update", within 75 columns.
	summary=${subj#*] }
	[ "${#summary}" -le 75 ] || bad="$bad ${p##*/}(subject ${#summary} columns)"
	case "$summary" in *": update "*) bad="$bad ${p##*/}(subject says update)" ;; esac
	# One person once, however many addresses MAINTAINERS gives them.
	dup=$( { header "$p" To; echo ,; header "$p" Cc; } | tr ',' '\n' |
		sed -n 's/^ *\(.*[^ ]\) *<.*/\1/p' | sort | uniq -d)
	[ -z "$dup" ] || bad="$bad ${p##*/}(twice: $dup)"
done
check "$tree: each patch in its tree, to its maintainers, with the sign-off${bad:+ (not:$bad)}" \
	test -z "$bad"
# The quota patch reaches its maintainers at the addresses the section
# of fs/quota/ gives (not those of another section they are in).
bad=
quota_people=$(awk 'BEGIN { RS = "" } /\nF:\tfs\/quota\/\n/ {
	n = split($0, l, "\n"); for (i = 1; i <= n; i++)
		if (l[i] ~ /^M:\t/) print substr(l[i], 4) }' "$ksrc/MAINTAINERS")
for p in "$TMP"/s/diskquota/0*.patch; do
	[ -e "$p" ] || continue
	while IFS= read -r a; do
		[ -n "$a" ] || continue
		got=$( { header "$p" To; echo ,; header "$p" Cc; } | tr ',' '\n' |
			sed 's/^ *//; s/ *$//' | grep -F "${a%% <*} <")
		[ "$got" = "$a" ] || bad="$bad ${p##*/}(${got:-none} for $a)"
	done <<< "$quota_people"
done
check "$tree: the quota patch uses DISKQUOTA's own addresses${bad:+ (not:$bad)}" \
	test -n "$quota_people" -a -z "$bad"
if [ -e "$TMP"/s/vfs/0001-*file_operations.patch ]; then
	f=$(echo "$TMP"/s/vfs/0001-*file_operations.patch)
	check "$tree: vfs/0001 goes to io_uring too (uring_cmd's caller)" \
		grep -q 'io-uring@vger.kernel.org' "$f"
	# Only when it changes an entry of the mmap family (whose callers
	# are in mm/): 6.1's are kept as they are.
	if sed -n '/^diff --git/,$p' "$f" |
	   grep -qE '^[-+]``(mmap|mmap_prepare|get_unmapped_area)``'; then
		check "$tree: ... and, as it changes the mmap entries, to mm/'s people" \
			grep -q 'linux-mm@kvack.org' "$f"
	fi
fi
# Assisted-by: where the tree's checkpatch.pl takes "Assisted-by: LLM opsdoc"
# (7.x), not where it wants a model's name and version (6.1.192) or calls
# it a non-standard signature (older trees).
bad=
for p in "$TMP"/s/*/0*.patch; do
	case $p in *cover-letter*) continue ;; esac
	if grep -q 'Assisted-by:' "$ksrc/scripts/checkpatch.pl" &&
	   ! grep -q 'AGENT_NAME:MODEL_VERSION' "$ksrc/scripts/checkpatch.pl"; then
		grep -qx 'Assisted-by: LLM opsdoc' "$p" || bad="$bad ${p#$TMP/s/}"
	else
		grep -q '^Assisted-by:' "$p" && bad="$bad ${p#$TMP/s/}"
	fi
done
check "$tree: Assisted-by: LLM opsdoc (coding-assistants.rst) exactly where the tree knows the tag${bad:+ (not:$bad)}" \
	test -z "$bad"
# Each log says first why its patch matters to a reader (templates/*/
# STRUCT.why), and each locking rule it adds or corrects cites the
# callers it comes from (templates/locking/STRUCT.rows, "# callers";
# vm_operations_struct.rows has none yet: the mm series is left out of
# that half).
bad=
for p in "$TMP"/s/*/0*.patch; do
	case $p in *cover-letter*) continue ;; esac
	first=$(body "$p" | sed -n '1p')
	case $first in
	"Changes to "*|"struct "*|opsdoc*|"The new "*|"For a driver"*|"")
		bad="$bad ${p#$TMP/s/}" ;;
	esac
	case $p in */mm/*) continue ;; esac
	body "$p" | awk '/^- / { if (it != "") print it; it = $0; next }
		/^  / && it != "" { it = it $0; next }
		{ if (it != "") print it; it = "" }
		END { if (it != "") print it }' |
		grep -E '^- (add the locking rules|change these locking rules)' |
		sed 's/^[^:]*: //; s/()//g; s/ ([^)]*)//g' | grep -qE '[a-z]' &&
		! body "$p" | tr '\n' ' ' | grep -qE 'locking rules[^:]*: [a-z_0-9]+ \(' &&
		bad="$bad ${p#$TMP/s/}"
done
check "$tree: each log opens with why, and cites the callers of its new rules${bad:+ (not:$bad)}" \
	test -z "$bad"
if [ -d "$TMP/s/file-locking" ]; then
	# The subject of one of its patches, its folded lines joined.
	split_out() {
		local p
		for p; do header "$p" Subject; echo; done |
			grep -q 'split out the lease_manager_operations section'
	}
	check "$tree: the file-locking subject says the section is split out" \
		split_out "$TMP"/s/file-locking/0*.patch
fi
# A function the new text names in the VFS's own code (fiemap_prep() in
# fs/ioctl.c, which LANDLOCK lists too) or a word in a string that looks
# like a call (rcutorture's "cond_resched(") brings nobody new.
bad=
for p in "$TMP"/s/vfs/0*.patch; do
	[ -e "$p" ] || continue
	grep -qE '^ +(rcu@vger|linux-security-module@vger)|^(To|Cc): .*(rcu@vger|linux-security-module@vger)' "$p" &&
		bad="$bad ${p##*/}"
done
check "$tree: no vfs patch goes to RCU or the LSM list${bad:+ (not:$bad)}" test -z "$bad"

# The cover letters: filled in, open about the tool, no version string.
bad=
for c in "$TMP"/s/*/0000-cover-letter.patch; do
	[ -e "$c" ] || continue
	grep -q '^Subject: \[PATCH 0*0/[0-9]*\] docs: ' "$c" || bad="$bad ${c#$TMP/s/}(subject)"
	grep -q '\*\*\* [A-Z]* HERE \*\*\*' "$c" && bad="$bad ${c#$TMP/s/}(placeholder)"
	# Only what was run on these patches, no claim about the tool's suite.
	body "$c" | tr '\n' ' ' | grep -q 'each statement checked\|test suite builds' &&
		bad="$bad ${c#$TMP/s/}(overclaims)"
	body "$c" | tr '\n' ' ' | grep -q 'Not run on them: make htmldocs' ||
		bad="$bad ${c#$TMP/s/}(htmldocs not said to be unrun)"
	b=$(body "$c" | tr '\n' ' ')
	for w in opsdoc templates checkpatch "git am" htmldocs; do
		case "$b" in *"$w"*) ;; *) bad="$bad ${c#$TMP/s/}(no '$w')" ;; esac
	done
done
check "$tree: each cover letter is filled and says what opsdoc made and how it was tested${bad:+ (not:$bad)}" \
	test -z "$bad"

# The logs: one plain line about the tool, no boilerplate, no version.
# The bug reports a cover letter includes (templates/*/*.cover.txt) name
# the release they were found in, as a report must: they are not opsdoc's
# generated text.
cat "$(dirname "$0")"/../templates/*/*.cover.txt > "$TMP/cover-texts" 2> /dev/null
bad=
for p in "${patches[@]}" "$TMP"/s/*/0000-cover-letter.patch; do
	[ -e "$p" ] || continue
	b=$(body "$p" | grep -vxF -f "$TMP/cover-texts")
	case "$p" in *0000-cover-letter.patch) ;; *)
		[ "$(echo "$b" | grep -c opsdoc)" -ge 1 ] || bad="$bad ${p##*/}(no word of opsdoc)"
		echo "$b" | grep -qi 'libclang\|check --strict' && bad="$bad ${p##*/}(boilerplate)"
		# What the tool made is a note below "---", not the log's.
		echo "$b" | grep -qE 'opsdoc (generated|made|wrote)|from (its|opsdoc.s) templates' &&
			bad="$bad ${p##*/}(tool line in the log)"
		awk '/^---$/ { n++; next } n == 1 && /^ .* \| +[0-9]/ { exit }
			n == 1 { print }' "$p" | grep -q opsdoc ||
			bad="$bad ${p##*/}(no tool note below ---)" ;;
	esac
	echo "$b" | grep -qE "opsdoc [0-9]|${version//./\\.}" && bad="$bad ${p##*/}(version)"
	echo "$b" | grep -qE 'and [0-9]+ more' && bad="$bad ${p##*/}(and N more)"
done
check "$tree: no version string, no 'and N more', no boilerplate in the logs${bad:+ (not:$bad)}" \
	test -z "$bad"
added_stamp=$(grep -h '^+.*As of kernel' "${patches[@]}")
check "$tree: no patch adds an \"As of kernel\" line${added_stamp:+: $added_stamp}" \
	test -z "$added_stamp"
# Message bodies, up to the "---" line, within 72 columns.
wide=$(for p in "${patches[@]}" "$TMP"/s/*/0000-cover-letter.patch; do
	[ -e "$p" ] && body "$p" | awk -v f="${p##*/}" 'length($0) > 72 { print f ": " $0 }'
done)
check "$tree: every message is wrapped at 72 columns${wide:+: $wide}" test -z "$wide"

# The tree's own checkpatch, on every patch, counted.
bad=
for p in "${patches[@]}"; do
	out=$(cd "$ksrc" && perl scripts/checkpatch.pl --strict "$p" 2>&1)
	echo "$out" | grep -q '^total: 0 errors, 0 warnings, 0 checks' ||
		bad="$bad ${p##*/}: $(echo "$out" | grep '^total:')"
done
check "$tree: checkpatch.pl --strict: 0 errors, 0 warnings, 0 checks on each${bad:+ (not:$bad)}" \
	test -z "$bad"

# git am: each tree's series on its own, then all of them in order.
docs_repo() {
	mkdir -p "$1/Documentation"
	cp -r "$ksrc/Documentation/filesystems" "$1/Documentation/"
	chmod -R u+w "$1"
	git -C "$1" init -q
	git -C "$1" add -A
	git -C "$1" -c user.name=t -c user.email=t@t commit -qm base
}
am() { git -C "$1" -c user.name=t -c user.email=t@t am -q "${@:2}"; }
bad=
for t in "${trees[@]}"; do
	docs_repo "$TMP/am-$t"
	ps=()
	for p in "$TMP/s/$t"/0*.patch; do
		case "$p" in */0000-cover-letter.patch) ;; *) ps+=("$p") ;; esac
	done
	am "$TMP/am-$t" "${ps[@]}" > "$TMP/am.log" 2>&1 || { bad="$bad $t"; cat "$TMP/am.log"; }
done
check "$tree: git am applies each tree's series on its own${bad:+ (not:$bad)}" test -z "$bad"
all=$TMP/am
docs_repo "$all"
if am "$all" -3 "${patches[@]}" > "$TMP/am.log" 2>&1; then
	ok "$tree: git am applies all the series, one after the other"
else
	not_ok "$tree: git am failed on the series together"
	cat "$TMP/am.log"
fi
check "$tree: one commit per patch" \
	test "$(git -C "$all" rev-list --count HEAD)" -eq $((${#patches[@]} + 1))
"$OPSDOC" generate -q -a "$api" -k "$ksrc" -b "$kbuild" -f "$flags" -o "$TMP/gen" \
	2> "$TMP/gen.err"
same=1
for f in "$TMP"/gen/filesystems/*.rst; do
	cmp -s "$f" "$all/Documentation/filesystems/${f##*/}" || { same=; echo "# differs: ${f##*/}"; }
done
check "$tree: the applied series is what generate writes" test -n "$same"

# Every member a log names is changed by its diff, and every member its
# diff changes is named by the log.
log_names() {
	body "$1" | awk '/^- / { if (it != "") print it; it = substr($0, 3); next }
		/^  / && it != "" { it = it " " substr($0, 3); next }
		{ if (it != "") print it; it = "" }
		END { if (it != "") print it }' |
	grep -vE '^(add|rewrite) the paragraph' |
	sed -n 's/^[^:]*: //p' | sed 's/[.;]$//' |
	sed -E 's/\(\)//g; s/\([0-9]\)//g; s/ \(was ([a-z_0-9]+)\)/, \1/g; s/ \([^)]*\)//g' |
	sed 's/, /\n/g; s/ and /\n/g' | sort -u
}
diff_names() {
	local c=$1 f=$2
	git -C "$all" show "$c^:$f" | awk -f "$names_awk" | awk -F'\t' '!seen[$1]++' | sort > "$TMP/nb"
	git -C "$all" show "$c:$f" | awk -f "$names_awk" | awk -F'\t' '!seen[$1]++' | sort > "$TMP/na"
	comm -3 "$TMP/nb" "$TMP/na" | sed 's/^\t//' | cut -f1 | sed 's|.*/||' | sort -u
}
bad=
i=0
for c in $(git -C "$all" rev-list --reverse HEAD~${#patches[@]}..HEAD); do
	p=${patches[$i]}
	i=$((i + 1))
	f=$(git -C "$all" diff-tree --no-commit-id --name-only -r "$c")
	log_names "$p" > "$TMP/log"
	diff_names "$c" "$f" > "$TMP/diff"
	if ! cmp -s "$TMP/log" "$TMP/diff"; then
		bad="$bad ${p#$TMP/s/}"
		echo "# ${p#$TMP/s/}: only in the log: $(comm -23 "$TMP/log" "$TMP/diff" | tr '\n' ' ')"
		echo "# ${p#$TMP/s/}: only in the diff: $(comm -13 "$TMP/log" "$TMP/diff" | tr '\n' ' ')"
	fi
done
check "$tree: each log names exactly the members its diff changes${bad:+ (not:$bad)}" \
	test -z "$bad"

# What the logs must say of three changes a reviewer found misread: a
# declaration with no ';' before the next one (swap_activate in 7.x),
# whose next member is not new; a return type that changes
# (swap_deactivate); a misspelt heading (free_cache_objects) fixed, not
# a member gone and another described.
if grep -q '^``free_cache_objects``' "$ksrc/Documentation/filesystems/vfs.rst"; then
	bad=
	f=$(grep -l '^Subject: .*vfs: .*super_operations' "$TMP"/s/vfs/0*.patch)
	b=$(body "$f" | tr '\n' ' ' | tr -s ' ')
	case "$b" in *"misspelt heading"*"free_cached_objects (was free_cache_objects)"*) ;;
	*) bad="$bad heading" ;; esac
	echo "$b" | grep -q '\(no longer\|does not\) ha[sv]e\?: [^.;]*free_cache_objects' && bad="$bad gone"
	echo "$b" | grep -q 'had no description: [^.;]*free_cached_objects' && bad="$bad undescribed"
	f=$(grep -l '^Subject: .*vfs: .*address_space_operations' "$TMP"/s/vfs/0*.patch)
	b=$(body "$f" | tr '\n' ' ' | tr -s ' ')
	case "$b" in *"lacked: swap_deactivate"*|*"lacked: "*" swap_deactivate"*) bad="$bad added" ;; esac
	case "$b" in *"swap_deactivate (returns void, not int)"*) ;; *) bad="$bad void" ;; esac
	case "$b" in *"';' that these declarations lacked: swap_activate"*) ;; *) bad="$bad semicolon" ;; esac
	check "$tree: the logs read a missing ';', a return type and a misspelt heading${bad:+ (not:$bad)}" \
		test -z "$bad"
fi

# Added prose lines within 80 columns; literal blocks and tables exempt.
wide=$(for p in "${patches[@]}"; do sed -n 's/^+\([^+]\)/\1/p' "$p"; done |
	sort -u > "$TMP/added"
	for f in "$all"/Documentation/filesystems/*.rst; do
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

# The cover letter takes templates/DIR/NAME.cover.txt of its documents
# as it is; and SOURCE_DATE_EPOCH sets the dates.
cp -r templates "$TMP/tpl"
printf 'Found while documenting:\n\n  a line kept   as it is, at 72 columns\n' \
	> "$TMP/tpl/filesystems/vfs.cover.txt"
SOURCE_DATE_EPOCH=1700000000 series --signoff "$id" -t "$TMP/tpl" -o "$TMP/s3" 2> /dev/null
check "$tree: SOURCE_DATE_EPOCH sets the dates" \
	grep -q '^Date: Tue, 14 Nov 2023 22:13:20 +0000' "$TMP/s3/vfs/0001-"*
check "$tree: the vfs cover letter has templates/filesystems/vfs.cover.txt as it is" \
	grep -qxF '  a line kept   as it is, at 72 columns' "$TMP/s3/vfs/0000-cover-letter.patch"
check "$tree: ... and no other series has it" \
	test "$(grep -rlF 'a line kept   as it is' "$TMP/s3" | wc -l)" -eq 1
check "$tree: ... and the patches are the same" \
	diff -r -x 0000-cover-letter.patch -I '^Date: ' -I '^From [0-9a-f]* ' "$TMP/s" "$TMP/s3"
# The logs read their reasons from the templates the rewrite used (-t).
echo 'A reason only the -t copy of the templates gives.' \
	> "$TMP/tpl/members/file_operations.why"
series --signoff "$id" -t "$TMP/tpl" -o "$TMP/s4" 2> /dev/null
check "$tree: a log gives the reason of the -t templates" \
	grep -q '^A reason only the -t copy of the templates gives\.$' "$TMP"/s4/vfs/0001-*.patch

# No identity: the tool never signs for the user. The patches carry no
# Signed-off-by (and pass checkpatch for all that), and stderr says how
# to add one.
HOME=$TMP/nohome GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
	"$OPSDOC" series -q -a "$api" -k "$ksrc" -b "$kbuild" -f "$flags" \
	-o "$TMP/none" 2> "$TMP/err"
status=$?
check "$tree: without --signoff or git config: the series, exit 0" \
	test "$status" -eq 0 -a -e "$TMP/none/vfs/0001-"*
check "$tree: ... with no Signed-off-by in any patch" \
	sh -c '! grep -rq "^Signed-off-by:" "$1"' - "$TMP/none"
check "$tree: ... and stderr says how to sign them" \
	grep -q -- 'no Signed-off-by.*--signoff' <(tr '\n' ' ' < "$TMP/err")
series --signoff "no address" -o "$TMP/bad-id" 2> "$TMP/err"
check "$tree: a --signoff without <mail> is refused" test $? -eq 2 -a ! -e "$TMP/bad-id"

# A line of prose no wrap can shorten stops the series; code may be wider.
rm -f "$TMP/tpl/filesystems/vfs.cover.txt"
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
bad=
for c in "$TMP"/sg/*/0000-cover-letter.patch; do
	grep -qx "base-commit: $head" "$c" || bad="$bad ${c#$TMP/sg/}"
done
check "$tree: ... each cover letter names its HEAD (base-commit)${bad:+ (not:$bad)}" \
	test -z "$bad"
check "$tree: ... KSRC is left as it was" \
	test "$(git -C "$g" status --porcelain --ignored)" = "$status_before" \
		-a "$(git -C "$g" rev-parse HEAD)" = "$head"
gp=()
for p in "$TMP"/sg/*/0*.patch; do
	case "$p" in */0000-cover-letter.patch) ;; *) gp+=("$p") ;; esac
done
check "$tree: ... and git am applies the series to KSRC's HEAD" \
	git -C "$g" -c user.name=t -c user.email=t@t am -q "${gp[@]}"
finish
