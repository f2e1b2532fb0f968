#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# vmtest.sh - load every example module into a real kernel under QEMU and
# run its exerciser; print TAP.
#
#   vmtest.sh [newest|6.1]        build what is missing, boot, print TAP
#   vmtest.sh --kernel [SERIES]   only build (or find) the kernel; print its dir
#
# The kernel is built once from KSRC into $OPSDOC_CACHE/vmkernel-VERSION-debug
# (tinyconfig plus examples/vmkernel.config and vmkernel-debug.config, which
# turns on DEBUG_VM, lockdep and KASAN; LLVM=-19) and marked complete only
# after it built, so an interrupted build is redone. VMTEST_DEBUG=0 leaves
# the debug options out (vmkernel-VERSION): it builds about 15% faster and
# boots in a quarter of the time, but catches less.
# Nothing is written into KSRC or the source tree.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
CACHE=${OPSDOC_CACHE:-$HOME/.cache/opsdoc}
DEBUG=${VMTEST_DEBUG:-1}
TIMEOUT=${VMTEST_TIMEOUT:-300}
JOBS=${JOBS:-$(nproc)}

die() { echo "vmtest: error: $*" >&2; exit 2; }
note() { echo "vmtest: $*" >&2; }

fragments() {
	echo "$top/examples/vmkernel.config"
	[ "$DEBUG" = 1 ] && echo "$top/examples/vmkernel-debug.config"
	return 0
}

# Options from the fragments that olddefconfig must not have dropped.
check_config() {
	local cfg=$1 f line frags
	mapfile -t frags < <(fragments)
	for f in "${frags[@]}"; do
		while IFS= read -r line; do
			case "$line" in
			CONFIG_*=y) grep -qx "$line" "$cfg" ||
				{ echo "$line"; return 1; } ;;
			esac
		done < "$f"
	done
}

# Build the kernel for KSRC in the cache; print the output directory.
build_kernel() {
	local ksrc=$1 ver out key start f frags
	mapfile -t frags < <(fragments)
	ver=$(make -s -C "$ksrc" kernelversion 2>/dev/null | tail -n 1)
	out=$CACHE/vmkernel-$ver
	[ "$DEBUG" = 1 ] && out=$out-debug
	# The marker holds the digest of the fragments' options: changing one
	# rebuilds (incrementally), editing a comment does not.
	key=$(grep -h '^CONFIG_' "${frags[@]}" | sha1sum | cut -c1-40)
	# Two runs sharing the cache (two checkouts' make check) take turns:
	# the second waits, then finds the kernel built. The lock is released
	# when this subshell's descriptor closes.
	mkdir -p "$CACHE"
	exec 9> "$out.lock"
	flock 9
	if [ -f "$out/.opsdoc-complete" ] &&
	   [ "$(cat "$out/.opsdoc-complete")" = "$key" ] &&
	   [ -s "$out/Module.symvers" ] && [ -f "$out/arch/x86/boot/bzImage" ]; then
		echo "$out"
		return
	fi
	rm -f "$out/.opsdoc-complete"
	mkdir -p "$out"
	note "building the test kernel in $out (tinyconfig, LLVM=-19, -j$JOBS)"
	start=$(date +%s)
	{
		make -s -C "$ksrc" O="$out" LLVM=-19 tinyconfig &&
		cat "${frags[@]}" >> "$out/.config" &&
		make -s -C "$ksrc" O="$out" LLVM=-19 olddefconfig
	} >&2 || die "kbuild could not configure $out"
	f=$(check_config "$out/.config") ||
		die "$out/.config: $f was dropped by olddefconfig (unmet dependency)"
	make -s -C "$ksrc" O="$out" LLVM=-19 -j"$JOBS" bzImage modules >&2 ||
		die "the test kernel failed to build in $out (rerun to resume)"
	echo "$key" > "$out/.opsdoc-complete"
	# make bench reports the cold build time from here.
	echo "$(( $(date +%s) - start ))" > "$out/.opsdoc-build-seconds"
	note "kernel built in $(( $(date +%s) - start )) s"
	echo "$out"
}

resolve_ksrc() {
	local series=$1 r ksrc
	r=$("$here/ktree.sh" resolve "$series") || die "ktree.sh resolve $series failed"
	read -r ksrc _ <<< "$r"
	echo "$ksrc"
}

if [ "${1:-}" = --kernel ]; then
	build_kernel "$(resolve_ksrc "${2:-newest}")"
	exit 0
fi

series=${1:-newest}
out=$top/build/examples/vm-$series
[ "$DEBUG" = 1 ] && out=$out-debug
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $series: $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $series: $*"; }
show() { sed 's/^/# /' "$@"; }

# The kernel log of a run is bad if it has any of these.
BAD_LOG='BUG|WARNING|Oops|Call Trace|general protection|KASAN|UBSAN|possible recursive locking|circular locking|Kernel panic'

mkdir -p "$out"
if ! ksrc=$(resolve_ksrc "$series" 2> "$out/kernel.log"); then
	not_ok "kernel tree $series"
	show "$out/kernel.log"
	echo "1..$n"
	exit 1
fi
start=$(date +%s)
if ! kdir=$(build_kernel "$ksrc" 2> "$out/kernel.log"); then
	not_ok "test kernel builds"
	tail -n 40 "$out/kernel.log" | show
	echo "1..$n"
	exit 1
fi
ok "test kernel ${kdir##*/} ready ($(( $(date +%s) - start )) s)"

# Modules against this kernel (full .ko: it has Module.symvers), exercisers.
if ! "$here/examples.sh" --build "$ksrc" "$kdir" "$out"; then
	not_ok "examples build against ${kdir##*/}"
	show "$out/modules.log" "$out"/user/*.log
	echo "1..$n"
	exit 1
fi
ok "examples build against ${kdir##*/}"

# The initramfs: busybox, the modules, the exercisers, the list and init.
root=$out/initramfs
rm -rf "$root"
mkdir -p "$root/bin" "$root/ex" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
: > "$root/ex/list"
while IFS=$'\t' read -r name mod reason; do
	[ "$reason" = - ] || continue
	cp "$out/modules/$mod.ko" "$out/user/$name" "$root/ex/"
	echo "$name $mod" >> "$root/ex/list"
done < "$out/examples.tsv"
cat > "$root/init" <<'INIT'
#!/bin/busybox sh
# Load each example, run its exerciser, unload it; report on the console.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
now() { cut -d' ' -f1 /proc/uptime; }
echo "OPSDOC BOOT-LOG"
dmesg -c
echo "OPSDOC END-LOG"
while read -r name mod; do
	echo "OPSDOC BEGIN $name"
	t0=$(now)
	if insmod "/ex/$mod.ko"; then
		"/ex/$name" < /dev/null
		rc=$?
		rmmod "$mod" || rc=unload
	else
		rc=load
	fi
	echo "OPSDOC RESULT $name $rc $t0 $(now)"
	dmesg -c
	echo "OPSDOC END-LOG"
done < /ex/list
echo "OPSDOC DONE"
# Without ACPI the kernel cannot power the machine off; a reboot ends
# QEMU, which runs with -no-reboot.
reboot -f
INIT
chmod +x "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out/initramfs.cpio"

# Boot. The console carries the init script's report and the kernel logs.
console=$out/console.log
boot=$(date +%s.%N)
status=0
timeout "$TIMEOUT" qemu-system-x86_64 -accel tcg -m 256M -smp 1 -nographic \
	-no-reboot -kernel "$kdir/arch/x86/boot/bzImage" \
	-initrd "$out/initramfs.cpio" \
	-append "console=ttyS0 quiet panic=-1" \
	< /dev/null > "$console" 2>&1 || status=$?
boot=$(echo "$(date +%s.%N) - $boot" | bc)
tr -d '\r' < "$console" > "$console.txt"

# The report: section NAME prints the kernel log after "OPSDOC BEGIN NAME"
# (or the boot log) up to the next END-LOG.
log_of() {
	awk -v want="$1" '
		/^OPSDOC BOOT-LOG/ { inlog = (want == "boot"); next }
		/^OPSDOC RESULT / { inlog = ($3 == want); next }
		/^OPSDOC END-LOG/ { inlog = 0; next }
		inlog' "$console.txt"
}
klog=$(log_of boot)
if grep -qE "$BAD_LOG" <<< "$klog"; then
	not_ok "boot: kernel log has BUG/WARNING/Oops"
	show <<< "$klog"
else
	ok "boot: kernel log clean"
fi
while IFS=$'\t' read -r name mod reason; do
	if [ "$reason" != - ]; then
		ok "$name # SKIP $reason"
		continue
	fi
	# The exerciser's own checks, as an indented TAP subtest.
	awk -v want="$name" '
		$1 == "OPSDOC" && $2 == "BEGIN" { on = ($3 == want); next }
		$1 == "OPSDOC" { on = 0 }
		on && /^    / { print }' "$console.txt"
	res=$(grep "^OPSDOC RESULT $name " "$console.txt" || true)
	read -r _ _ _ rc t0 t1 <<< "$res"
	secs=$(echo "${t1:-0} - ${t0:-0}" | bc)
	klog=$(log_of "$name")
	if [ -z "$res" ]; then
		not_ok "$name: no result (the kernel died or QEMU timed out)"
		tail -n 60 "$console.txt" | show
	elif [ "$rc" = load ]; then
		not_ok "$name: insmod $mod failed"
		show <<< "$klog"
	elif [ "$rc" = unload ]; then
		not_ok "$name: rmmod $mod failed"
		show <<< "$klog"
	elif grep -qE "$BAD_LOG" <<< "$klog"; then
		not_ok "$name: kernel log has BUG/WARNING/Oops"
		show <<< "$klog"
	elif [ "$rc" != 0 ]; then
		not_ok "$name: exerciser failed (status $rc)"
		show <<< "$klog"
	else
		ok "$name: load, exercise, unload, clean log (${secs} s)"
	fi
done < "$out/examples.tsv"

if grep -q '^OPSDOC DONE' "$console.txt" && [ "$status" -eq 0 ]; then
	ok "VM ran to the end and rebooted (${boot} s)"
else
	not_ok "VM ran to the end (status $status; 124 is a timeout)"
	show "$console.txt" | tail -n 80
fi
echo "1..$n"
exit $failed
