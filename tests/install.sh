#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# install.sh - make install into a staging DESTDIR, then run the installed
# binary from another directory against the newest tree: it must find its
# templates under PREFIX/share/opsdoc (not in this checkout), keep working
# when the whole prefix moves, and write what the checkout's binary writes.
set -u
. "$(dirname "$0")/lib.sh"
top=$PWD
need_tree newest

stage=$TMP/stage
if make -s -C "$top" install DESTDIR="$stage" PREFIX=/opt/opsdoc > "$TMP/install.log" 2>&1; then
	ok "make install DESTDIR=... PREFIX=/opt/opsdoc"
else
	not_ok "make install failed"; sed 's/^/# /' "$TMP/install.log"
	finish; exit 0
fi
p=$stage/opt/opsdoc
for f in bin/opsdoc share/opsdoc/templates/mm share/opsdoc/scripts/ktree.sh \
	 share/opsdoc/scripts/probe.c share/opsdoc/examples/vmkernel.config \
	 share/man/man1/opsdoc.1; do
	check "installed: $f" test -e "$p/$f"
done
check "opsdoc(1) is a man page of section 1" \
	grep -q '^\.TH "OPSDOC" "1"' "$p/share/man/man1/opsdoc.1"

# No path of the checkout is compiled into the program's data.
objcopy -O binary --only-section=.rodata "$p/bin/opsdoc" "$TMP/rodata"
check "the binary's read-only data names no path of the checkout" \
	test -z "$(grep -aF "$top" "$TMP/rodata")"

# The prefix moved after installation: the data is found next to the binary.
mv "$stage/opt/opsdoc" "$TMP/moved"
p=$TMP/moved
gen() { "$1" generate -q -k "$ksrc" -b "$kbuild" -f "$flags" -o "$2" 2> "$2.err"; }
mkdir -p "$TMP/elsewhere"
cd "$TMP/elsewhere" || exit 2
if gen "$p/bin/opsdoc" "$TMP/installed" && gen "$OPSDOC" "$TMP/checkout"; then
	ok "the moved, installed binary generates from another directory"
	check "and writes what the checkout's binary writes" \
		diff -r "$TMP/installed" "$TMP/checkout"
else
	not_ok "generate with the installed binary failed"
	sed 's/^/# /' "$TMP/installed.err" "$TMP/checkout.err" 2>/dev/null
fi

# Its templates are the installed ones: break one and the error names it.
echo '```opsdoc no-such-directive' >> "$p/share/opsdoc/templates/mm/index.md"
echo '```' >> "$p/share/opsdoc/templates/mm/index.md"
gen "$p/bin/opsdoc" "$TMP/broken"
check "an installed template's error names the installed file" \
	grep -q "^$p/share/opsdoc/templates/mm/index.md:[0-9]*: error:" "$TMP/broken.err"

# A wrong OPSDOC_DATADIR is an error that says what to set, not a crash.
OPSDOC_DATADIR=$TMP/nothing "$p/bin/opsdoc" generate -q -k "$ksrc" -b "$kbuild" \
	-f "$flags" -o "$TMP/none" 2> "$TMP/none.err"
st=$?
check "OPSDOC_DATADIR without templates: exit 2 and a message naming it" \
	test "$st" -eq 2 -a -n "$(grep "OPSDOC_DATADIR=$TMP/nothing" "$TMP/none.err")"
finish
