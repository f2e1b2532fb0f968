#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# cli.sh - the command line: help, exit codes, errors that name the file,
# atomic output, and a kernel tree that is never written to.
set -u
. "$(dirname "$0")/lib.sh"
F=$PWD/tests/fixtures

# run CMD...: sets $rc, $out (stdout) and $err (stderr).
run() {
	"$@" > "$TMP/out" 2> "$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

run "$OPSDOC" --help
check "--help exits 0 and lists extract" \
	test "$rc" -eq 0 -a -n "$(echo "$out" | grep -w extract)"
run "$OPSDOC" extract --help
check "extract --help exits 0 and shows -k" \
	test "$rc" -eq 0 -a -n "$(echo "$out" | grep -e '-k, --ksrc')"
run "$OPSDOC"
check "no command: exit 2 with usage" test "$rc" -eq 2 -a -n "$err"
run "$OPSDOC" frobnicate
check "unknown command: exit 2 and says so" \
	test "$rc" -eq 2 -a -n "$(echo "$err" | grep "unknown command 'frobnicate'")"
run "$OPSDOC" extract --frobnicate
check "unknown option: exit 2" test "$rc" -eq 2
run "$OPSDOC" extract -f "$F/tree.flags"
check "-f without -k: exit 2 and says what to do" \
	test "$rc" -eq 2 -a -n "$(echo "$err" | grep -e '-f needs -k')"

run "$OPSDOC" extract -k "$TMP/nowhere" -f "$F/tree.flags"
check "missing KSRC: exit 2, one line naming it" \
	test "$rc" -eq 2 -a "$(echo "$err" | wc -l)" -eq 1 -a \
	-n "$(echo "$err" | grep "$TMP/nowhere: error: no such directory")"
mkdir -p "$TMP/notatree"
echo 'all:' > "$TMP/notatree/Makefile"
run "$OPSDOC" extract -k "$TMP/notatree" -f "$F/tree.flags"
check "not a kernel tree: exit 2, names what is missing" \
	test "$rc" -eq 2 -a "$(echo "$err" | wc -l)" -eq 1 -a \
	-n "$(echo "$err" | grep 'include/linux/fs.h is missing')"

run "$OPSDOC" extract -k "$F/tree-broken" -f "$F/tree-broken.flags"
check "no file_operations: exit 2" test "$rc" -eq 2
check "no file_operations: the diagnostics are shown with file:line" \
	grep -q 'tree-broken/include/linux/fs.h:7: error: ' "$TMP/err"
check "no file_operations: the error says what is missing" \
	grep -q 'struct file_operations not found' "$TMP/err"

run "$OPSDOC" extract -k "$F/tree-old" -f "$F/tree-old.flags" -o "$TMP/old.json"
check "a tree without vm_area_desc: exit 0" test "$rc" -eq 0
check "a tree without vm_area_desc: a note says so" \
	grep -q 'struct vm_area_desc: not in this tree (5.10.0-old)' "$TMP/err"
run "$OPSDOC" extract -q -k "$F/tree-old" -f "$F/tree-old.flags" -o "$TMP/old.json"
check "-q drops the notes" test "$rc" -eq 0 -a -z "$err"

# A failing run leaves an existing output as it was.
echo '{"keep": true}' > "$TMP/keep.json"
sum=$(sha256sum < "$TMP/keep.json")
run "$OPSDOC" extract -k "$F/tree-broken" -f "$F/tree-broken.flags" -o "$TMP/keep.json"
check "failed extract leaves the old output byte for byte" \
	test "$rc" -eq 2 -a "$(sha256sum < "$TMP/keep.json")" = "$sum"
check "failed extract leaves no temporary file" \
	test -z "$(ls "$TMP" | grep 'keep.json.tmp')"
run "$OPSDOC" extract -k "$F/tree" -f "$F/tree.flags" -o "$TMP/no/such/dir/api.json"
check "unwritable output: exit 2, error names the file" \
	test "$rc" -eq 2 -a -n "$(echo "$err" | grep "$TMP/no/such/dir/api.json: error")"
run "$OPSDOC" extract -k "$F/tree" -f "$F/tree.flags" -o /dev/full
check "output to a full device: exit 2, error names it" \
	test "$rc" -eq 2 -a -n "$(echo "$err" | grep '/dev/full: error: write failed')"
check "output to a full device: the device is still a device" test -c /dev/full

# Read-only on KSRC: a read-only copy of the tree extracts the same model.
cp -r "$F/tree" "$TMP/ro"
chmod -R a-w "$TMP/ro"
before=$(find "$TMP/ro" -type f | sort | xargs sha256sum)
run "$OPSDOC" extract -q --callers -e "$F/examples" -k "$TMP/ro" -f "$F/tree.flags" \
	-o "$TMP/ro.json"
check "read-only KSRC: extract succeeds" test "$rc" -eq 0
check "read-only KSRC: same model as the writable tree" \
	cmp -s "$TMP/ro.json" "$F/tree.api.json"
check "read-only KSRC: nothing in the tree changed" \
	test "$(find "$TMP/ro" -type f | sort | xargs sha256sum)" = "$before"
chmod -R u+w "$TMP/ro"

# The extraction cache: a hit gives the same model; a changed header misses.
cp -r "$F/tree" "$TMP/cached"
for i in 1 2; do
	OPSDOC_CACHE=$TMP/cache "$OPSDOC" extract -q -k "$TMP/cached" -f "$F/tree.flags" \
		-o "$TMP/cached$i.json"
done
check "cache: the entry is written" test -n "$(ls "$TMP/cache/extract/"*.deps 2>/dev/null)"
check "cache: a hit gives the same model" cmp -s "$TMP/cached1.json" "$TMP/cached2.json"
sed -i 's|^struct file;$|struct file;\n/* a new line moves the struct */|' "$TMP/cached/include/linux/fs.h"
OPSDOC_CACHE=$TMP/cache "$OPSDOC" extract -q -k "$TMP/cached" -f "$F/tree.flags" \
	-o "$TMP/cached3.json"
check "cache: a changed header is parsed again" \
	grep -q '"line": 18,' <(sed -n '/"file_operations": {/,/"members"/p' "$TMP/cached3.json")

# scaffold: the tree's exact signature, and clear refusals.
run "$OPSDOC" scaffold -a "$F/tree.api.json" file_operations.write
check "scaffold: the tree's signature with its parameter names" \
	grep -q 'static ssize_t scaffold_write(struct file \*file, const char __user \*buf,' "$TMP/out"
check "scaffold: registers the callback" grep -q '^	.write = scaffold_write,$' "$TMP/out"
run "$OPSDOC" scaffold -a "$F/tree.api.json" file_operations.nope
check "scaffold: an unknown member is exit 2" \
	test "$rc" -eq 2 -a -n "$(echo "$err" | grep 'not a callback of Linux 9.8.7-fixture')"
run "$OPSDOC" scaffold -a "$F/tree.api.json" file_operations.mmap_capabilities
check "scaffold: a member the configuration leaves out is exit 2" \
	test "$rc" -eq 2 -a -n "$(echo "$err" | grep '!CONFIG_MMU')"
run "$OPSDOC" scaffold -a "$F/tree.api.json" file_operations.writ
check "scaffold: a misspelt member names the nearest members, the right one first" \
	test "$rc" -eq 2 -a -n "$(echo "$err" | grep 'nearest members of struct file_operations: write, ')"
run "$OPSDOC" scaffold -a "$F/tree.api.json" no_such_struct.write
check "scaffold: a struct the documents do not describe is exit 2" \
	test "$rc" -eq 2 -a -n "$(echo "$err" | grep 'struct no_such_struct is not one')"
run "$OPSDOC" scaffold -a "$F/tree.api.json" vm_operations_struct.fault
check "scaffold: a vm_operations_struct is installed from mmap_prepare" \
	grep -q '^	desc->vm_ops = &scaffold_ops;$' "$TMP/out"
run "$OPSDOC" scaffold -a "$F/tree.api.json" --all -o "$TMP/sc"
# The fixture has 10 active file_operations and 5 active vm_operations_struct
# callbacks; the three the configuration leaves out are listed as skipped.
check "scaffold --all: one module per active callback of every struct and a Kbuild" \
	test "$rc" -eq 0 -a "$(grep -c '^obj-m' "$TMP/sc/Kbuild")" -eq 15 \
	-a -f "$TMP/sc/file_operations__fixture_off.c" \
	-a -f "$TMP/sc/vm_operations_struct__mapped.c"
check "scaffold --all: the members left out, with the reason" \
	test "$(grep -c 'the configuration leaves it out' "$TMP/sc/skipped")" -eq 3
finish
