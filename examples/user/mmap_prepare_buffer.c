// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/mmap_prepare_buffer.c: every mmap() of
 * /dev/opsdoc_buffer gets a buffer of its own; the exerciser makes the
 * steps after .mmap_prepare fail one by one (the action's check and
 * .mapped through the module's inject parameter, the VMA allocation
 * through failslab) and checks after each that live_buffers says what the
 * driver's comments promise: no buffer is left once the file is closed.
 */
#include <sys/mount.h>
#include <sys/stat.h>

#include "exercise.h"

#define PARAMS		"/sys/module/opsdoc_buffer/parameters/"
#define DEBUGFS		"/sys/kernel/debug"
#define FAILSLAB	DEBUGFS "/failslab/"

static bool write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok;
}

static void expect_live(long want, const char *when)
{
	long live = read_number(PARAMS "live_buffers");

	check(live == want, "%s: live_buffers %ld (expected %ld)", when, live,
	      want);
}

/* failslab on the vm_area_struct cache, for this task, once. */
static bool failslab_setup(void)
{
	mkdir(DEBUGFS, 0755);
	mount("debugfs", DEBUGFS, "debugfs", 0, NULL);
	return write_file(FAILSLAB "cache-filter", "Y") &&
	       write_file(FAILSLAB "task-filter", "Y") &&
	       write_file(FAILSLAB "ignore-gfp-wait", "N") &&
	       write_file(FAILSLAB "probability", "100") &&
	       write_file(FAILSLAB "interval", "1") &&
	       write_file(FAILSLAB "times", "1") &&
	       write_file(FAILSLAB "verbose", "0") &&
	       write_file("/sys/kernel/slab/vm_area_struct/failslab", "1");
}

static void check_vma_alloc_failure(int fd)
{
	const int rw = PROT_READ | PROT_WRITE;
	void *p;

	if (!failslab_setup()) {
		check(true, "vm_area_alloc fails # SKIP no failslab in this kernel");
		return;
	}
	if (!check(write_file("/proc/self/make-it-fail", "1"),
		   "vm_area_alloc fails: make-it-fail"))
		return;
	p = mmap(NULL, 2 * page_size, rw, MAP_SHARED, fd, 0);
	write_file("/proc/self/make-it-fail", "0");
	write_file("/sys/kernel/slab/vm_area_struct/failslab", "0");
	check(p == MAP_FAILED && errno == ENOMEM,
	      "vm_area_alloc fails: mmap is ENOMEM (%s)",
	      p == MAP_FAILED ? strerror(errno) : "it succeeded");
	if (p != MAP_FAILED)
		munmap(p, 2 * page_size);
	expect_live(1, "vm_area_alloc fails: no hook ran, the buffer is pending");
}

int main(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	unsigned char *p;
	int fd;

	fd = open_dev("opsdoc_buffer", O_RDWR);
	expect_live(0, "open");

	p = mmap(NULL, 2 * page_size, rw, MAP_SHARED, fd, 0);
	if (check(p != MAP_FAILED, "shared mapping of 2 pages")) {
		check(has_pattern(p, 0, 2), "it holds the buffer's pattern");
		expect_live(1, "mapped: one buffer, the VMA's");
		munmap(p, 2 * page_size);
	}
	expect_live(0, "munmap: .close freed it");

	check(write_file(PARAMS "inject", "check"), "inject=check");
	p = mmap(NULL, 2 * page_size, rw, MAP_PRIVATE, fd, 0);
	check(p == MAP_FAILED && errno == EINVAL,
	      "the action's check fails: mmap is EINVAL");
	expect_live(1, "the action's check fails: no hook ran, the buffer is pending");
	check(write_file(PARAMS "inject", "none"), "inject=none");
	p = mmap(NULL, page_size, rw, MAP_SHARED, fd, 0);
	if (check(p != MAP_FAILED, "the next mmap succeeds")) {
		expect_live(1, "the next mmap_prepare freed the pending buffer");
		munmap(p, page_size);
	}
	expect_live(0, "munmap");

	check(write_file(PARAMS "inject", "mapped"), "inject=mapped");
	p = mmap(NULL, 2 * page_size, rw, MAP_SHARED, fd, 0);
	check(p == MAP_FAILED && errno == ENOMEM, ".mapped fails: mmap is ENOMEM");
	expect_live(0, ".mapped fails: .close freed the buffer");
	write_file(PARAMS "inject", "none");

	check_vma_alloc_failure(fd);

	close(fd);
	expect_live(0, "close: .release freed every pending buffer");
	return done();
}
