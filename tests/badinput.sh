#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# badinput.sh - the bad-input catalogue. Each case must end with a one-line
# error that names the file (exit 2), leave every existing output file
# byte-identical, and leave no temporary file. Cases that other suites
# cover: missing KSRC and a directory without fs.h (cli.sh), vfs.rst
# missing, without the section, with it twice, with CRLF, and template
# faults (generate.sh), /dev/full and a missing output directory (cli.sh).
set -u
. "$(dirname "$0")/lib.sh"
F=$PWD/tests/fixtures

# Outputs from a good run, and their checksums.
"$OPSDOC" generate -q -k "$F/tree" -f "$F/tree.flags" -t "$F/templates" \
	-e "$F/examples" -o "$TMP/out"
"$OPSDOC" extract -q -k "$F/tree" -f "$F/tree.flags" -o "$TMP/out/api.json"
sums() { (cd "$TMP/out" && find . -type f | sort | xargs sha256sum); }
before=$(sums)

# expect NAME PATTERN CMD...: exit 2, one error line matching PATTERN,
# outputs untouched, no temporary file.
expect() {
	local name=$1 pat=$2 rc
	shift 2
	"$@" > /dev/null 2> "$TMP/err"
	rc=$?
	check "$name: exit 2" test "$rc" -eq 2
	check "$name: it ends with one error line, naming the file" \
		grep -q -e "$pat" <(tail -n 1 "$TMP/err")
	check "$name: outputs unchanged" test "$(sums)" = "$before"
	check "$name: no temporary file" test -z "$(find "$TMP/out" -name '*.tmp.*')"
}

mkdir -p "$TMP/empty"
expect "KSRC empty" "$TMP/empty: error: not a kernel tree: Makefile is missing" \
	"$OPSDOC" extract -k "$TMP/empty" -f "$F/tree.flags" -o "$TMP/out/api.json"

# A header cut off in the middle of struct file_operations.
cp -r "$F/tree" "$TMP/cut"
sed -i '/^\tint (\*mmap) (struct file \*, struct vm_area_struct \*);$/,$d' \
	"$TMP/cut/include/linux/fs.h"
expect "header truncated mid-struct" \
	"$TMP/cut/include/linux/fs.h:17: error: struct file_operations does not parse" \
	"$OPSDOC" extract -k "$TMP/cut" -f "$F/tree.flags" -o "$TMP/out/api.json"
check "header truncated mid-struct: libclang's error names the header" \
	grep -q "$TMP/cut/include/linux/fs.h:[0-9]*: error: " "$TMP/err"

printf '{"schema": 1, "kernel": ' > "$TMP/cut.json"
expect "api.json malformed" "cut.json:.*not valid JSON" \
	"$OPSDOC" generate -a "$TMP/cut.json" -k "$F/tree" -f "$F/tree.flags" \
	-t "$F/templates" -o "$TMP/out"
sed 's/"schema": 1/"schema": 99/' "$F/tree.api.json" > "$TMP/v99.json"
expect "api.json of another schema" "v99.json: error: schema version 99" \
	"$OPSDOC" generate -a "$TMP/v99.json" -k "$F/tree" -f "$F/tree.flags" \
	-t "$F/templates" -o "$TMP/out"
expect "api.json of another tree" "the model is of Linux 5.10.0-old" \
	"$OPSDOC" generate -a "$F/tree-old.api.json" -k "$F/tree" -f "$F/tree.flags" \
	-t "$F/templates" -o "$TMP/out"
expect "output directory that cannot be made" "/proc/opsdoc" \
	"$OPSDOC" generate -k "$F/tree" -f "$F/tree.flags" -t "$F/templates" \
	-e "$F/examples" -o /proc/opsdoc/out

# vfs.rst with a 100 kB line and bytes outside UTF-8: kept exactly.
cp -r "$F/tree" "$TMP/long"
head -c 102400 /dev/zero | tr '\0' 'x' > "$TMP/line"
{ cat "$TMP/line"; echo; cat "$F/tree/Documentation/filesystems/vfs.rst"; } \
	> "$TMP/long/Documentation/filesystems/vfs.rst"
"$OPSDOC" generate -q -k "$TMP/long" -f "$F/tree.flags" -t "$F/templates" \
	-e "$F/examples" -o "$TMP/long.out"
check "a 100 kB line: generate succeeds" test $? -eq 0
check "a 100 kB line: kept byte for byte" \
	cmp -s <(head -c 102400 "$TMP/long.out/filesystems/vfs.rst") "$TMP/line"
check "a 100 kB line: the patch applies" \
	patch -d "$TMP/long" -p1 --dry-run -s -i "$TMP/long.out/filesystems/vfs.rst.patch"

# SIGINT and SIGTERM in the middle of generate, on the real tree (its
# extraction takes seconds): killed by the signal, outputs untouched.
if [ -n "${OPSDOC_SKIP_TREES:-}" ]; then
	:
elif r=$(scripts/ktree.sh resolve newest); then
	set -- $r
	for sig in INT TERM; do
		# A background job starts with SIGINT ignored: restore it.
		env --default-signal=INT,TERM "$OPSDOC" generate -q -k "$1" \
			-b "$2" -f "$3" -o "$TMP/out" > /dev/null 2>&1 &
		pid=$!
		sleep 2
		kill -"$sig" "$pid"
		wait "$pid"
		rc=$?
		check "SIG$sig mid-generate: the process ends by the signal" \
			test "$rc" -gt 128
		check "SIG$sig mid-generate: outputs unchanged, no temporary file" \
			test "$(sums)" = "$before" -a -z "$(find "$TMP/out" -name '*.tmp.*')"
	done
else
	not_ok "the newest tree could not be prepared"
fi
finish
