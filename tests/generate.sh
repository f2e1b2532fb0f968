#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# generate.sh - opsdoc generate on the fixture trees: golden outputs, a
# patch that git and patch accept, idempotence, determinism, and clean
# failures that write nothing.
#
# When the golden outputs must change, run with OPSDOC_UPDATE_GOLDEN=1: it
# writes tests/fixtures/generate/TREE ("# updated DIR" or "# unchanged
# DIR") and reports each comparison as "not ok", since none was made. Read
# the diff (git diff tests/fixtures/generate), then run again without it.
set -u
. "$(dirname "$0")/lib.sh"
F=$PWD/tests/fixtures
gen() {
	local tree=$1 out=$2
	shift 2
	"$OPSDOC" generate -q -k "$tree" -f "$F/tree.flags" -t "$F/templates" \
		-e "$F/examples" -o "$out" "$@" 2> "$TMP/err"
}

# Golden outputs, for the new tree and for the old one.
for t in tree tree-old; do
	rm -rf "$TMP/$t"
	if ! gen "$F/$t" "$TMP/$t"; then
		not_ok "$t: generate failed"; cat "$TMP/err"; continue
	fi
	if [ -n "${OPSDOC_UPDATE_GOLDEN:-}" ]; then
		if diff -rq "$F/generate/$t" "$TMP/$t" > /dev/null 2>&1; then
			echo "# unchanged $F/generate/$t"
		else
			rm -rf "$F/generate/$t"
			mkdir -p "$F/generate"
			cp -r "$TMP/$t" "$F/generate/$t"
			echo "# updated $F/generate/$t"
		fi
		not_ok "$t: not compared (OPSDOC_UPDATE_GOLDEN is set); read git diff $F/generate/$t, then run again without it"
	elif diff -ru "$F/generate/$t" "$TMP/$t"; then
		ok "$t: outputs match tests/fixtures/generate/$t"
	else
		not_ok "$t: outputs differ from tests/fixtures/generate/$t (diff above)"
	fi
done
# The body of the "opsdoc requires" block, and nothing after it.
check "tree-old: the mmap_prepare page says the tree lacks it" \
	grep -qxF 'This tree, 5.10.0-old, has no ``mmap_prepare``.' "$TMP/tree-old/mm/prepare.rst"
check "tree-old: and stops there" \
	test "$(tail -n 1 "$TMP/tree-old/mm/prepare.rst" 2> /dev/null)" = \
	'This tree, 5.10.0-old, has no ``mmap_prepare``.'
check "an undescribed member is a warning that names the template to write" \
	grep -q "file_operations.poll has no description; write templates/members/file_operations/poll.md" \
	<("$OPSDOC" generate -k "$F/tree" -f "$F/tree.flags" -t "$F/templates" \
		-e "$F/examples" -o "$TMP/w" 2>&1)

# The patch applies in a copy of the tree, with git and with patch.
cp -r "$F/tree" "$TMP/applied"
check "git apply --check accepts the patch" \
	git -C "$TMP/applied" apply --check "$TMP/tree/filesystems/vfs.rst.patch"
check "patch -p1 --dry-run accepts the patch" \
	patch -d "$TMP/applied" -p1 --dry-run -s -i "$TMP/tree/filesystems/vfs.rst.patch"
patch -d "$TMP/applied" -p1 -s -i "$TMP/tree/filesystems/vfs.rst.patch"
check "the patched vfs.rst is the generated one" \
	cmp -s "$TMP/applied/Documentation/filesystems/vfs.rst" "$TMP/tree/filesystems/vfs.rst"

# Idempotent: on our own output, the same file and an empty patch.
gen "$TMP/applied" "$TMP/again"
check "regenerating our own vfs.rst gives the same file" \
	cmp -s "$TMP/again/filesystems/vfs.rst" "$TMP/tree/filesystems/vfs.rst"
check "regenerating our own vfs.rst gives an empty patch" \
	test -f "$TMP/again/filesystems/vfs.rst.patch" -a ! -s "$TMP/again/filesystems/vfs.rst.patch"
check "bytes outside UTF-8 outside the section are kept" \
	grep -q "$(printf 'caf\xe9')" "$TMP/tree/filesystems/vfs.rst"

# A description term with only a blank line under it describes nothing.
cp -r "$F/tree" "$TMP/blank"
sed -i 's/^\tmoves the position; kept from upstream$//' \
	"$TMP/blank/Documentation/filesystems/vfs.rst"
"$OPSDOC" generate -k "$TMP/blank" -f "$F/tree.flags" -t "$F/templates" \
	-e "$F/examples" -o "$TMP/blank.out" 2> "$TMP/err"
check "a term with an empty body: the member is reported undescribed" \
	grep -q 'file_operations.llseek has no description' "$TMP/err"

# Deterministic: a second run is byte-identical.
gen "$F/tree" "$TMP/second"
check "two runs give identical outputs" diff -r "$TMP/tree" "$TMP/second"

# Failures: exit 2, a message naming the file, and nothing written.
broken() {
	local name=$1 what=$2
	rm -rf "$TMP/b"
	cp -r "$F/tree" "$TMP/b"
	chmod -R u+w "$TMP/b"
	case "$what" in
	missing) rm "$TMP/b/Documentation/filesystems/vfs.rst" ;;
	nosection) sed -i 's/^struct file_operations$/struct file_operationz/' \
		"$TMP/b/Documentation/filesystems/vfs.rst" ;;
	twice) cat "$F/tree/Documentation/filesystems/vfs.rst" >> \
		"$TMP/b/Documentation/filesystems/vfs.rst" ;;
	crlf) sed -i 's/$/\r/' "$TMP/b/Documentation/filesystems/vfs.rst" ;;
	esac
	mkdir -p "$TMP/out"
	echo keep > "$TMP/out/keep"
	rm -rf "$TMP/out/mm" "$TMP/out/filesystems"
	gen "$TMP/b" "$TMP/out"
	local rc=$?
	check "$name: exit 2" test "$rc" -eq 2
	check "$name: the error names vfs.rst" grep -q 'vfs.rst' "$TMP/err"
	check "$name: nothing written" \
		test "$(ls "$TMP/out")" = keep -a "$(cat "$TMP/out/keep")" = keep
}
broken "vfs.rst missing" missing
broken "no file_operations section" nosection
broken "the section twice" twice
broken "CRLF line endings" crlf

# Template faults: exit 2, file:line, nothing written.
fault() {
	local name=$1 text=$2 line=$3
	rm -rf "$TMP/t" "$TMP/out"
	cp -r "$F/templates" "$TMP/t"
	printf '%b' "$text" > "$TMP/t/mm/zz.md"
	mkdir -p "$TMP/out"
	"$OPSDOC" generate -q -k "$F/tree" -f "$F/tree.flags" -t "$TMP/t" \
		-e "$F/examples" -o "$TMP/out" 2> "$TMP/err"
	local rc=$?
	check "$name: exit 2" test "$rc" -eq 2
	check "$name: the error names the template and line $line" \
		grep -q "$TMP/t/mm/zz.md:$line: error" "$TMP/err"
	check "$name: nothing written" test -z "$(ls "$TMP/out")"
}
fault "unknown directive" '# T\n\n```opsdoc frob\n```\n' 3
fault "unknown member" '# T\n\ntext\n\n```opsdoc signature file_operations.nope\n```\n' 5
fault "unterminated fence" '# T\n\n```c\nint x;\n' 3
finish
