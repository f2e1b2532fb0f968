#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# bugs.sh - build the reproducers of the mm bugs found while documenting
# mmap_prepare (examples/bugs/) and run them under QEMU.
#
#   bugs.sh [newest]     build against the vmtest kernel (scripts/vmtest.sh
#                        --kernel), boot it, load each module, run its
#                        trigger; print per report "report N: reproduced:
#                        ..." or "report N: not reproduced: ..."
#   bugs.sh --build      only build against the tree's prepared build
#                        directory with W=1 and run checkpatch.pl --strict;
#                        fails on any warning
#
# Whether a report is reproduced depends on the kernel having the bug, so
# the run fails only when something could not be built or run. The
# modules are not unloaded: a leaked file reference pins its module.
# Everything is built under build/bugs; nothing is written into KSRC.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
src=$top/examples/bugs
out=$top/build/bugs
TIMEOUT=${VMTEST_TIMEOUT:-300}
CC_USER=${CC_USER:-clang-19}
USER_CFLAGS=(-static -O2 -Wall -Wextra -D_GNU_SOURCE
	     '-D__printf(a,b)=__attribute__((format(printf, a, b)))'
	     -I"$top/examples/user" -I"$src")
# Each reproducer: its source stem and its module.
REPRODUCERS="close_after_failed_action:opsdoc_bug_close vm_file_ref:opsdoc_bug_vmfile"
# The cover letter's reports that they reproduce.
REPORTS="1 2 3"
BAD_LOG='BUG|WARNING|Oops|Call Trace|general protection|KASAN|UBSAN|possible recursive locking|circular locking|Kernel panic'

die() { echo "bugs: error: $*" >&2; exit 2; }

# build KBUILD TARGET...: modules (or objects) in $out/modules, triggers
# in $out/user; any compiler or kbuild output is a failure, shown.
build() {
	local kbuild=$1 r name
	shift
	rm -rf "$out/modules" "$out/user"
	mkdir -p "$out/modules" "$out/user"
	cp "$src"/Kbuild "$src"/*.c "$src"/*.h "$out/modules/"
	make -s -C "$kbuild" M="$out/modules" LLVM=-19 W=1 -j2 "$@" \
		> "$out/modules.log" 2>&1 || true
	if [ -s "$out/modules.log" ]; then
		cat "$out/modules.log" >&2
		die "the modules do not build cleanly with W=1 against $kbuild"
	fi
	for r in $REPRODUCERS; do
		name=${r%%:*}
		$CC_USER "${USER_CFLAGS[@]}" -o "$out/user/$name" \
			"$src/user/$name.c" > "$out/user/$name.log" 2>&1 || true
		if [ ! -x "$out/user/$name" ] || [ -s "$out/user/$name.log" ]; then
			cat "$out/user/$name.log" >&2
			die "user/$name.c does not build cleanly"
		fi
	done
}

checkpatch() {
	local ksrc=$1 f bad=0
	for f in "$src"/*.c "$src"/*.h "$src"/user/*.c "$src"/user/*.h; do
		perl "$ksrc/scripts/checkpatch.pl" --strict --no-tree --quiet \
			--show-types -f "$f" > "$out/checkpatch.log" 2>&1 || true
		if [ -s "$out/checkpatch.log" ]; then
			cat "$out/checkpatch.log" >&2
			bad=1
		fi
	done
	[ $bad = 0 ] || die "checkpatch.pl --strict complains about examples/bugs"
}

case "${1:-newest}" in
newest | --build) ;;
*) echo "usage: bugs.sh [newest] | --build" >&2; exit 2 ;;
esac
mkdir -p "$out"
r=$("$here/ktree.sh" resolve newest) || die "ktree.sh resolve newest failed"
read -r ksrc kbuild _ <<< "$r"

if [ "${1:-}" = --build ]; then
	build "$kbuild" opsdoc_bug_close.o opsdoc_bug_vmfile.o
	checkpatch "$ksrc"
	echo "bugs: examples/bugs builds with W=1 and is checkpatch --strict clean"
	exit 0
fi

kdir=$("$here/vmtest.sh" --kernel newest) || die "no vmtest kernel"
build "$kdir" modules
checkpatch "$ksrc"

# The initramfs: busybox, the modules, the triggers and init.
root=$out/initramfs
rm -rf "$root"
mkdir -p "$root/bin" "$root/ex" "$root/proc" "$root/sys" "$root/dev"
cp /bin/busybox "$root/bin/busybox"
for r in $REPRODUCERS; do
	cp "$out/modules/${r#*:}.ko" "$out/user/${r%%:*}" "$root/ex/"
done
cat > "$root/init" <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
dmesg -c > /dev/null
for r in $REPRODUCERS; do
	echo "OPSDOC BEGIN \${r%%:*}"
	insmod "/ex/\${r#*:}.ko" && "/ex/\${r%%:*}" < /dev/null
	echo "OPSDOC RESULT \${r%%:*} \$?"
	dmesg -c
done
echo "OPSDOC DONE"
reboot -f
INIT
chmod +x "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out/initramfs.cpio"

status=0
timeout "$TIMEOUT" qemu-system-x86_64 -accel tcg -m 256M -smp 1 -nographic \
	-no-reboot -kernel "$kdir/arch/x86/boot/bzImage" \
	-initrd "$out/initramfs.cpio" \
	-append "console=ttyS0 quiet panic=-1" \
	< /dev/null > "$out/console.log" 2>&1 || status=$?
tr -d '\r' < "$out/console.log" > "$out/console.txt"

echo "bugs: kernel ${kdir##*/}; console log in ${out#"$top"/}/console.txt"
for n in $REPORTS; do
	grep -E "^report $n: " "$out/console.txt" ||
		echo "report $n: not reproduced: its trigger printed nothing (see the console log)"
done
if grep -qE "$BAD_LOG" "$out/console.txt"; then
	echo "bugs: the kernel log has a BUG, WARNING or KASAN report:"
	grep -E -A 20 "$BAD_LOG" "$out/console.txt" | sed 's/^/# /'
fi
if ! grep -q '^OPSDOC DONE' "$out/console.txt" || [ "$status" -ne 0 ]; then
	tail -n 60 "$out/console.txt" | sed 's/^/# /'
	die "the VM did not run to the end (status $status; 124 is a timeout)"
fi
for r in $REPRODUCERS; do
	grep -q "^OPSDOC RESULT ${r%%:*} " "$out/console.txt" ||
		die "${r%%:*}: no result"
done
