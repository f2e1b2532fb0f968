#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check.sh - opsdoc check on fixture documents (written for these tests)
# that seed every finding class at least twice next to correct listings:
# exactly the seeded findings, at their lines; JSON; --strict; --baseline.
set -u
. "$(dirname "$0")/lib.sh"
F=tests/fixtures
chk() {
	"$OPSDOC" check -q -a "$F/tree.api.json" -k "$F/tree" -f "$F/tree.flags" "$@"
}

# "FILE:LINE STRUCT.MEMBER CLASS" for each finding of report $1 into
# $TMP/got; a diagnostic line of any other shape is kept as "unparsed:
# LINE", so that a diff shows it.
findings_of() {
	sed -n -e 's/^\([^: ]*:[0-9][0-9]*\): [a-z]*: \([^: ]*\): .* \[\([a-z-]*\)\].*$/\1 \2 \3/p' \
		-e t -e '/^[^ ]*:[0-9][0-9]*: /s/^/unparsed: /p' "$1"
}
# same_findings EXPECTED WHAT: $TMP/got is EXPECTED, or the diff shows.
same_findings() {
	if diff -u "$1" "$TMP/got"; then
		ok "$2: exactly the expected findings, with their lines and classes"
	else
		not_ok "$2: findings differ from $1 (diff above)"
	fi
}

chk --docs "$F/docs" --notes > "$TMP/out" 2> "$TMP/err"
check "exit 0 without --strict" test $? -eq 0
findings_of "$TMP/out" > "$TMP/got"
same_findings "$F/docs.expected" "the seeded findings"
for c in missing-member removed-member signature-drift qualifier-drift \
	 param-name undescribed old-version unparsable; do
	check "class $c is reported at least twice" \
		test "$(grep -c " $c\$" "$TMP/got")" -ge 2
done
# broken.rst: two listings that define no struct, then one that drifted.
check "unparsable: the listing's file and line, and what is wrong" \
	grep -qxF "tests/fixtures/docs/broken.rst:16: warning: file_operations: the listing does not parse against the tree's headers [unparsable] (include/linux/fs.h:17)" "$TMP/out"
check "unparsable: the second one, at its own line" \
	grep -qx 'tests/fixtures/docs/broken.rst:25 vm_operations_struct unparsable' "$TMP/got"
check "unparsable: the listing after them is still compared" \
	grep -qx 'tests/fixtures/docs/broken.rst:38 vm_operations_struct.fault signature-drift' "$TMP/got"
check "unparsable: a listing that parses in part, at the line libclang rejects, with its error" \
	grep -q "broken.rst:53: warning: vm_operations_struct: the listing does not parse against the tree's headers (use of undeclared identifier 'FIXTURE_UNDEFINED') \[unparsable\]" "$TMP/out"
check "unparsable: ... the members it lacks are reported, not the one on the bad line" \
	test "$(grep -c '^tests/fixtures/docs/broken.rst:51 vm_operations_struct\.[a-z_]* missing-member$' "$TMP/got")" -eq 4 -a \
	-z "$(grep 'broken.rst:5[0-9] vm_operations_struct.close' "$TMP/got")"
check "an excerpt's ellipses and a missing ';' are no error" \
	grep -qx 'tests/fixtures/docs/broken.rst:64 vm_operations_struct.fault signature-drift' "$TMP/got"
check "unparsable: and so are the documents after broken.rst" \
	test "$(grep -v '^tests/fixtures/docs/broken.rst:' "$TMP/got")" = \
	"$(grep -v '^tests/fixtures/docs/broken.rst:' "$F/docs.expected")"
check "good.rst and sub/ops.rst have no findings" \
	test -z "$(grep -e good.rst -e ops.rst "$TMP/got")"
check "the coverage table counts described members" \
	grep -q '^tests/fixtures/docs/drift.rst  *file_operations  *8/13  owner mmap mmap_capabilities fixture_on mmap_prepare$' "$TMP/out"
check "the warning names the header's file and line" \
	grep -q "drift.rst:22: warning: file_operations.flush: .*'int (\*flush) (struct file \*, fl_owner_t id);' \[signature-drift\] (include/linux/fs.h:25)" "$TMP/out"

chk --docs "$F/docs" --strict > /dev/null
check "--strict exits 1 on findings" test $? -eq 1
chk --docs "$F/docs/sub" --strict > /dev/null
check "--strict exits 0 without findings" test $? -eq 0
# param-name is a note: debatable by design (locking.rst leaves names out).
chk --docs "$F/docs" > "$TMP/out"
check "param-name: not in the default report" test -z "$(grep 'param-name' "$TMP/out")"
check "param-name: the default report has every warning" \
	test "$(grep -c ': warning: ' "$TMP/out")" -eq "$(grep -vc ' param-name$' "$F/docs.expected")"
chk --docs "$F/docs-check/params" --notes --strict > "$TMP/out"
check "param-name: --strict does not count notes (exit 0)" test $? -eq 0
check "param-name: --notes reports it" grep -q 'params.rst:8: note: vm_operations_struct.open: parameter names differ.*\[param-name\]' "$TMP/out"

chk --docs "$F/docs" --notes --format json -o "$TMP/report.json"
check "--format json: a report with the documented keys" \
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == 1 and r["kernel"] == "9.8.7-fixture"
assert len(r["findings"]) == int(sys.argv[2])
for f in r["findings"]:
    assert set(f) >= {"file", "line", "struct", "member", "class", "severity", "doc", "header"}
    assert set(f["header"]) == {"text", "file", "line"}
assert any(c["struct"] == "vm_area_desc" for c in r["coverage"])
' "$TMP/report.json" "$(wc -l < "$F/docs.expected")"

# A baseline hides what it already has and shows what is new.
chk --docs "$F/docs" --baseline "$TMP/report.json" --strict > "$TMP/out"
check "--baseline: nothing new, exit 0" test $? -eq 0
cp -r "$F/docs" "$TMP/docs"
chk --docs "$TMP/docs" --format json -o "$TMP/report.json"
sed -i 's/^\t\tint (\*mmap) (struct file \*, struct vm_area_struct \*);$/\t\tint (*mmap) (struct file *);/' "$TMP/docs/drift.rst"
chk --docs "$TMP/docs" --baseline "$TMP/report.json" > "$TMP/out"
check "--baseline: only the new finding is reported" \
	test "$(grep -c 'warning:\|note:' "$TMP/out")" -eq 1 -a \
	-n "$(grep 'file_operations.mmap: .*\[signature-drift\]' "$TMP/out")"

chk --docs "$TMP/nowhere" > /dev/null 2> "$TMP/err"
check "a --docs directory that does not exist: exit 2, named" \
	test $? -eq 2 -a -n "$(grep "$TMP/nowhere" "$TMP/err")"
"$OPSDOC" check -q -a "$F/tree-old.api.json" -k "$F/tree" -f "$F/tree.flags" \
	--docs "$F/docs" > /dev/null 2> "$TMP/err"
check "a model of another tree: exit 2, said plainly" \
	test $? -eq 2 -a -n "$(grep 'the model is of Linux 5.10.0-old, the tree is 9.8.7-fixture' "$TMP/err")"
chk --format yaml > /dev/null 2>&1
check "an unknown --format: exit 2" test $? -eq 2
echo '{"schema": 7}' > "$TMP/bad.json"
chk --docs "$F/docs" --baseline "$TMP/bad.json" > /dev/null 2> "$TMP/err"
check "a baseline of another schema: exit 2" test $? -eq 2
# --since: a reviewer's view of a change to the headers.
cp -r "$F/tree" "$TMP/repo"
git -C "$TMP/repo" init -q
git -C "$TMP/repo" -c user.name=t -c user.email=t@t add -A
git -C "$TMP/repo" -c user.name=t -c user.email=t@t commit -qm base
sed -i -e 's/^\tint (\*flush) (struct file \*, fl_owner_t id);/\tint (*flush) (struct file *, fl_owner_t id, int how);/' \
       -e '/__poll_t (\*poll)/d' \
       -e 's/^\tint (\*mmap_prepare)(struct vm_area_desc \*);/&\n\tint (*fixture_new)(struct file *);/' \
	"$TMP/repo/include/linux/fs.h"
"$OPSDOC" check -q -k "$TMP/repo" -f "$F/tree.flags" --docs "$F/docs" \
	--since HEAD > "$TMP/since" 2> "$TMP/err"
check "--since: exit 0" test $? -eq 0
check "--since: three member changes" grep -q '^Since HEAD (9.8.7-fixture -> 9.8.7-fixture): 3 member changes$' "$TMP/since"
check "--since: the changed signature, old and new" \
	grep -q "file_operations.flush: changed from 'int (\*flush) (struct file \*, fl_owner_t id);' to 'int (\*flush) (struct file \*, fl_owner_t id, int how);'" "$TMP/since"
check "--since: the added member" grep -q 'include/linux/fs.h:[0-9]*: file_operations.fixture_new: added' "$TMP/since"
check "--since: the removed member" grep -q 'file_operations.poll: removed' "$TMP/since"
check "--since: the section that needs an update" \
	grep -q '^tests/fixtures/docs/drift.rst:7: file_operations (listing at line 14)$' "$TMP/since"
check "--since: the repository is left as it was" \
	test "$(git -C "$TMP/repo" status --porcelain)" = " M include/linux/fs.h"
cp -r "$F/tree" "$TMP/plain"
"$OPSDOC" check -q -k "$TMP/plain" -f "$F/tree.flags" --docs "$F/docs" --since HEAD \
	> /dev/null 2> "$TMP/err"
check "--since on a tree that is not a git repository: exit 2" \
	test $? -eq 2 -a -n "$(grep 'git repository' "$TMP/err")"

# Listings written for issue 19's causes of false findings, on a tree of
# their own (tree-check), extracted live: each cause is no finding, and
# the one true drift next to it still is.
chk_live() {
	OPSDOC_NO_CACHE=1 "$OPSDOC" check -q -k "$F/tree-check" -f "$F/tree-check.flags" "$@"
}
chk_live --docs "$F/docs-check/listings" --notes > "$TMP/out" 2> "$TMP/err"
findings_of "$TMP/out" > "$TMP/got"
same_findings "$F/docs-check.expected" "docs-check, the true findings"
# deflist.rst: plain "name:" terms describe three members of five, then
# ``name`` terms three of five.
check "a plain definition-list term (\"name:\") describes its member; plain terms alone make no member undescribed" \
	test -z "$(grep 'deflist.rst:1[0-9] ' "$TMP/got")" -a \
	-n "$(grep '^tests/fixtures/docs-check/listings/deflist.rst  *chk_launch  *4/5  pad0$' "$TMP/out")"
check "padding is never undescribed; the member beside it is" \
	test "$(grep 'deflist.rst:3[0-9] ' "$TMP/got")" = \
	"tests/fixtures/docs-check/listings/deflist.rst:35 chk_launch.session_len undescribed"
L=tests/fixtures/docs-check/listings
check "a nested struct the listing lacks: one finding, not one per member" \
	test "$(grep -c "^$L/nested.rst:8 chk_addr.can_addr.tp" "$TMP/got")" -eq 1 -a \
	-z "$(grep 'can_addr.tp\.' "$TMP/got")"
check "a listing that shows one side of a union without a name lacks no other side" \
	test -z "$(grep -e "^$L/alt.rst:8 " -e "^$L/alt.rst:14 " "$TMP/got")"
check "... but a side of a union the listing does not show is missing, once per union" \
	test "$(grep -c "^$L/alt.rst:22 chk_sysattr.store[a-z_]* missing-member" "$TMP/got")" -eq 2 -a \
	-n "$(grep -x "$L/alt.rst:29 chk_stamp.stamp missing-member" "$TMP/got")"
check "a member a macro's arguments declare: quoted as declared, not the macro's name" \
	grep -qF "alt.rst:22: warning: chk_sysattr.store_const: not in the listing; the header has 'int (*store_const)(const struct chk_sysattr *attr, const char *buf);' [missing-member] (include/linux/chk_alt.h:27)" "$TMP/out"
check "a rename (same type, same place): one renamed-member finding, the header's name and text" \
	grep -qF "rename.rst:11: warning: chk_launch.session_uaddr: renamed: listed as 'unsigned long long session_addr;', the header has 'unsigned long long session_uaddr;' [renamed-member]" "$TMP/out"
check "... not also missing and removed; two copies of a listing, two findings" \
	test "$(grep -c "^$L/rename.rst:[12][0-9] " "$TMP/got")" -eq 2 -a \
	-n "$(grep -x "$L/rename.rst:21 chk_launch.session_uaddr renamed-member" "$TMP/got")"
check "a name declared twice for two renamed members: two renames, not unparsable" \
	test "$(grep -c "^$L/rename.rst:3[0-9] chk_log" "$TMP/got")" -eq 2 -a \
	-n "$(grep -x "$L/rename.rst:33 chk_log.padding2 renamed-member" "$TMP/got")"
check "... but a member of another type, or in another place, is missing and removed" \
	test "$(grep -c "^$L/rename.rst:\(39\|4[0-9]\|5[0-9]\) chk_launch.session[a-z_]* \(missing\|removed\)-member" "$TMP/got")" -eq 4
check "x[0] is the flexible array a macro makes, in a union or not" \
	test -z "$(grep -e chk_nested_state -e chk_mask "$TMP/got")"
check "the other branch of an #if (!__KERNEL__) is no drift" \
	test -z "$(grep -e "branch.rst:[0-9]* chk_desc" -e "branch.rst:1[0-9] chk_sig" "$TMP/got")"
check "... in nested #if branches too (input_event's time, __sec, __usec), whose user-space type does not parse" \
	test -z "$(grep "^$L/branch.rst:[0-9]* chk_event" "$TMP/got")"
check "... nor does scm_timestamping's user-space timespec: no finding" \
	test -z "$(grep "^$L/user.rst:2[0-9] chk_stamps" "$TMP/got")"
check "... but a type neither branch has still does not parse" \
	grep -qx "$L/user.rst:30 chk_stamps unparsable" "$TMP/got"
check "... but the kernel's branch, drifted, is" \
	grep -qx "$L/branch.rst:26 chk_sig.sig_size signature-drift" "$TMP/got"
check "line numbers are stripped and the listing compared" \
	grep -qx "$L/numbered.rst:10 chk_numbered.tail signature-drift" "$TMP/got"
check "a typedef'd struct in a listing parses, its drift reported" \
	test "$(grep -c "^$L/typedef.rst:" "$TMP/got")" -eq 1 -a \
	-n "$(grep -x "$L/typedef.rst:19 chk_status.channels signature-drift" "$TMP/got")"
check "an initialiser is no listing" \
	test -z "$(grep -e 'numbered.rst:1[5-9] ' -e 'numbered.rst:[0-9]* [a-z_.]* unparsable' "$TMP/got")"
check "a line that does not parse: reported, and the members around it compared" \
	test "$(grep -c "^$L/partial.rst:1[0-9]* " "$TMP/got")" -eq 4 -a \
	-n "$(grep -x "$L/partial.rst:10 chk_screen unparsable" "$TMP/got")" -a \
	-n "$(grep -x "$L/partial.rst:11 chk_screen.bits_per_pixel signature-drift" "$TMP/got")" -a \
	-n "$(grep -x "$L/partial.rst:18 chk_ops.second qualifier-drift" "$TMP/got")"
check "... and the member on the bad line is not also missing" \
	test -z "$(grep -e 'partial.rst:[0-9]* chk_screen.yres' -e 'partial.rst:[0-9]* chk_ops.first' "$TMP/got")"
check "an excerpt: one the prose announces, or with an ellipsis, lacks nothing" \
	test -z "$(grep -e "^$L/excerpt.rst:[0-9] " -e "^$L/excerpt.rst:1[0-9] " "$TMP/got")"
check "a struct split over blocks, a BPF program's fields, a lone callback: parts" \
	test -z "$(grep -e "^$L/excerpt.rst:[4-5][0-9] " "$TMP/got")"
check "... and a listing that does not say so is full, however short" \
	test "$(grep -c "^$L/excerpt.rst:23 chk_screen.[a-z_]* missing-member" "$TMP/got")" -eq 2
check "a prototypes: block is a full list" \
	test "$(grep -c "^$L/excerpt.rst:33 chk_ops.[a-z]* missing-member" "$TMP/got")" -eq 2
check "what recovery made of a bad line is not compared" \
	test "$(grep -c "^$L/partial.rst:2[0-9] " "$TMP/got")" -eq 1
check "a header that does not parse alone is parsed after the one that includes it" \
	test -z "$(grep header-unparsable "$TMP/got")" -a \
	-n "$(grep -x "$L/bus.rst:8 chk_bus_handler.detach missing-member" "$TMP/got")"
check "unknown-struct: a tag the tree lacks, with a near one whose members it has" \
	grep -qF "$L/unknown.rst:8: warning: chk_numbers: no struct chk_numbers in the tree; did you mean struct chk_numbered? [unknown-struct] (include/uapi/linux/chk.h:26)" "$TMP/out"
check "unknown-struct: ... and the listing's drift from that struct" \
	grep -qx "$L/unknown.rst:10 chk_numbers.tail signature-drift" "$TMP/got"
check "unknown-struct: not for a near tag of other members, nor with none near" \
	test "$(grep -c "^$L/unknown.rst:" "$TMP/got")" -eq 2
check "padding: a listing without any pad leaves them out by choice: a note" \
	test "$(grep -c "^$L/padding.rst:8 chk_sockaddr.__chk_pad[01] missing-padding" "$TMP/got")" -eq 2 -a \
	"$(grep -c "^$L/padding.rst:27 chk_range.[a-z0-9]* missing-padding" "$TMP/got")" -eq 2
check "... not in the default report" \
	test -z "$(chk_live --docs "$F/docs-check/listings" | grep missing-padding)"
check "padding: a listing that names one pad lacks the other (a warning)" \
	grep -qx "$L/padding.rst:17 chk_range.reserved missing-member" "$TMP/got"
check "padding: ... and a field a listing without pads lacks is still missing" \
	grep -qx "$L/padding.rst:27 chk_range.flags missing-member" "$TMP/got"
check "__user: a uapi listing without it is the header user space sees" \
	test -z "$(grep -e "^$L/user.rst:10 " -e "chk_urb.buffer" "$TMP/got")"
check "... but another qualifier of a uapi member still differs" \
	grep -qx "$L/user.rst:11 chk_urb.name qualifier-drift" "$TMP/got"
check "... and a kernel struct's __user still counts" \
	grep -qx "$L/user.rst:17 chk_kiocb.buf qualifier-drift" "$TMP/got"
check "a sketch (\"Like this::\") or a minimum set (\"should at least provide\") lacks nothing" \
	test -z "$(grep -e "^$L/sketch.rst:9 " -e "^$L/sketch.rst:2[0-9] " "$TMP/got")"
check "... but its drifted member is reported" \
	grep -qx "$L/sketch.rst:18 chk_screen.yres signature-drift" "$TMP/got"
check "a patch's struct (--- a/, +++ b/, @@) is no listing" \
	test -z "$(grep "^$L/patch.rst:1[0-9] " "$TMP/got")"
check "... and the listing after it is compared" \
	grep -qx "$L/patch.rst:21 chk_screen.grayscale missing-member" "$TMP/got"
check "a struct's members in words (\"xres -- the width\") are no listing" \
	test -z "$(grep "^$L/patch.rst:[23][0-9] chk_screen unparsable" "$TMP/got")"
check "a program's own struct (#include, main()) lacks nothing" \
	test -z "$(grep "^$L/sketch.rst:43 " "$TMP/got")"
check "... but its drifted member is reported" \
	grep -qx "$L/sketch.rst:45 chk_screen.yres signature-drift" "$TMP/got"
check "... but a synopsis's struct, after its #include, is the header's: full" \
	grep -qx "$L/sketch.rst:57 chk_screen.grayscale missing-member" "$TMP/got"
check "... and a listing that \"looks like the following\" is full" \
	test "$(grep -c "^$L/sketch.rst:31 chk_screen.[a-z_]* missing-member" "$TMP/got")" -eq 2
check "table-drift: a prototype without a row of the section's table" \
	grep -qx "$L/excerpt.rst:68 chk_ops.third table-drift" "$TMP/got"
check "table-drift: a row without a prototype" \
	grep -qx "$L/excerpt.rst:77 chk_ops.fourth table-drift" "$TMP/got"
check "table-drift: nothing for the rows and prototypes that agree" \
	test "$(grep -c 'table-drift$' "$TMP/got")" -eq 2
check "table-drift: a note, with --notes only (the tables are not regenerated)" \
	test -z "$(chk_live --docs "$F/docs-check/listings" | grep table-drift)"
check "translations: their findings after the English ones, under a heading of their own" \
	test "$(sed -n '/^In the translations, which follow the English text:$/,/^$/p' "$TMP/out" | grep -c translations/xx_XX/)" -eq 1 -a \
	-z "$(sed -n '1,/^In the translations/p' "$TMP/out" | grep translations/xx_XX/)"
check "translations: totals apart" \
	grep -qx '1 findings in 2 listings of the translations' "$TMP/out"
check "translations: the English total leaves them out" \
	grep -qx '48 findings in 48 listings' "$TMP/out"
chk_live --docs "$F/docs-check/listings" --notes --format json -o "$TMP/t.json"
check "translations: JSON marks each finding and keeps totals apart" \
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
t = [f["translation"] for f in r["findings"]]
assert t.count(True) == 1 and t.count(False) == 48, t
assert r["totals"] == {"english": {"findings": 48, "listings": 48},
		       "translations": {"findings": 1, "listings": 2}}, r["totals"]
' "$TMP/t.json"
# Warm and cold alike: a model from the cache, and listings that changed
# since (no listings in the cache), parse as the cold run parses them,
# the header that does not parse alone after the one that includes it.
cp -r "$F/docs-check/listings" "$TMP/warm"
OPSDOC_CACHE=$TMP/cache "$OPSDOC" check -q -k "$F/tree-check" -f "$F/tree-check.flags" \
	--docs "$TMP/warm" > /dev/null 2>&1
sed -i 's/^\t\tint (\*attach)(chk_handle_t handle);/\t\tint (*attach)(chk_handle_t h);/' "$TMP/warm/bus.rst"
OPSDOC_CACHE=$TMP/cache "$OPSDOC" check -q -k "$F/tree-check" -f "$F/tree-check.flags" \
	--docs "$TMP/warm" > "$TMP/warm.out" 2>&1
OPSDOC_NO_CACHE=1 "$OPSDOC" check -q -k "$F/tree-check" -f "$F/tree-check.flags" \
	--docs "$TMP/warm" > "$TMP/cold.out" 2>&1
check "a warm model with changed listings: the cold run's report" \
	cmp -s "$TMP/cold.out" "$TMP/warm.out"
check "... in which that header's struct is compared, not unparsable" \
	grep -q "warm/bus.rst:8: warning: chk_bus_handler.detach: not in the listing" "$TMP/warm.out"

# A struct of a header outside include/ (hwspinlock_internal.h): found
# through the MAINTAINERS entry of the document, or a path its text names.
T=$F/tree-check
OPSDOC_NO_CACHE=1 "$OPSDOC" check -q -k "$T" -f "$F/tree-check.flags" \
	--docs "$T/Documentation/local" > "$TMP/out" 2> "$TMP/err"
findings_of "$TMP/out" > "$TMP/got"
check "outside include/: the header of the document's MAINTAINERS entry, named" \
	grep -q "^$T/Documentation/local/lock.rst:8: warning: chk_lock_ops.bust: not in the listing; .* (drivers/chklock/chklock_internal.h:14)$" "$TMP/out"
check "outside include/: the header next to the .c file the text names" \
	grep -q "^$T/Documentation/local/bus.rst:10: warning: chk_bus_dev.flags: .* (drivers/chkbus/chkbus_core.h:8)$" "$TMP/out"
check "outside include/: a header nothing leads to is not read" \
	test "$(wc -l < "$TMP/got")" -eq 2 -a \
	-n "$(grep -x '1 more listings name a struct the tree does not define (not in the tree)' "$TMP/out")"
"$OPSDOC" check -q -k "$T" -f "$F/tree-check.flags" --docs "$T/Documentation/local" \
	> /dev/null 2>&1
"$OPSDOC" check -q -k "$T" -f "$F/tree-check.flags" --docs "$T/Documentation/local" \
	> "$TMP/out2" 2>&1
check "outside include/: the same through the model cache" \
	test "$(findings_of "$TMP/out2")" = "$(cat "$TMP/got")"

# A struct each architecture defines its own way (kvm_vcpu_events): each
# listing is compared with its section's arch, or a label's, or the one
# whose members it names; the finding names that arch.
A=tests/fixtures/docs-check/arch
chk_live --docs "$A" --notes > "$TMP/out" 2> "$TMP/err"
findings_of "$TMP/out" > "$TMP/got"
check "arch: a listing that matches its arch's struct has no finding" \
	test -z "$(grep -e "^$A/arch.rst:1[0-9] " -e "^$A/arch.rst:3[0-9] " -e "^$A/arch.rst:4[0-9] " "$TMP/got")"
check "arch: an arm64 section's drift, compared with arm64's struct" \
	grep -qF "$A/arch.rst:26: warning: chk_vcpu_events.exception.serror_esr: listed as '__chk_u8 serror_esr;', the header has '__chk_u64 serror_esr;' [signature-drift]" "$TMP/out"
check "... and the finding names arm64" \
	grep -q "^$A/arch.rst:26: .*(arch/arm64/include/uapi/asm/chk_vcpu.h:[0-9]*; arm64)$" "$TMP/out"
check "arch: an x86 section's drift, compared with x86's struct (not taken for another struct of arm64's)" \
	grep -q "^$A/arch.rst:66: warning: chk_vcpu_events.reserved: .*(arch/x86/include/uapi/asm/chk_vcpu.h:[0-9]*; x86)$" "$TMP/out"
check "arch: an \"ARM64:\" label above the listing in its section" \
	grep -q "^$A/arch.rst:78: warning: chk_vcpu_events.exception.serror_esr: .*; arm64)$" "$TMP/out"
check "arch: no label: the arch whose struct has the listing's members" \
	grep -q "^$A/arch.rst:91: warning: chk_vcpu_events.exception.nr: .*; x86)$" "$TMP/out"
check "arch: a struct only arm64 defines, compared with arm64's" \
	grep -q "^$A/arch.rst:108: warning: chk_pmu_filter.nevents: .*(arch/arm64/include/uapi/asm/chk_vcpu.h:[0-9]*; arm64)$" "$TMP/out"
check "arch: a line of another arch's own (its macro) is not unparsable in x86's configuration" \
	test -z "$(grep "^$A/arch.rst:[0-9]* chk_pmu_filter.* unparsable" "$TMP/got" | grep -v ":117 ")"
check "arch: ... but a type no header has (unit32_t) is, in another arch's listing too" \
	grep -qF "$A/arch.rst:117: warning: chk_pmu_filter: the listing does not parse against the tree's headers (unknown type name 'unsinged') [unparsable] (arch/arm64/include/uapi/asm/chk_vcpu.h:20; arm64)" "$TMP/out"
check "arch: exactly those six findings" test "$(wc -l < "$TMP/got")" -eq 6
chk_live --docs "$A" --format json -o "$TMP/a.json"
check "arch: JSON names the arch compared" \
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert sorted(f["arch"] for f in r["findings"]) == ["arm64", "arm64", "arm64", "arm64", "x86", "x86"], r["findings"]
' "$TMP/a.json"
finish
