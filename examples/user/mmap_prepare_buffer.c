// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/mmap_prepare_buffer.c: every open file of
 * /dev/opsdoc_buffer gets one buffer, which its first mmap() allocates and
 * .release frees. The exerciser shares the buffer among split and forked
 * VMAs and a second mmap(), then makes the steps after .mmap_prepare fail
 * one by one (the action's check, and a failure once the VMA exists,
 * through the module's inject parameter; the VMA allocation through
 * failslab), each on a file of its own, and checks that repeated failures
 * leave that file one buffer, which a later mmap() maps, and that
 * live_buffers is 0 once the file is closed.
 */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

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

/*
 * mmap() of 2 pages on a fresh file must fail with @err, three times, and
 * leave the file one buffer, which an mmap() that does not fail maps.
 */
static void check_failure(int err, const char *what, bool (*arm)(void),
			  void (*disarm)(void), int flags)
{
	const int rw = PROT_READ | PROT_WRITE;
	int fd = open_dev("opsdoc_buffer", O_RDWR);
	unsigned char *p;
	int i;

	for (i = 0; i < 3; i++) {
		if (arm && !check(arm(), "%s: armed", what)) {
			close(fd);
			return;
		}
		p = mmap(NULL, 2 * page_size, rw, flags, fd, 0);
		if (disarm)
			disarm();
		check(p == MAP_FAILED && errno == err,
		      "%s: mmap %d fails with %s (%s)", what, i + 1,
		      strerror(err), p == MAP_FAILED ? strerror(errno) :
		      "it succeeded");
		if (p != MAP_FAILED)
			munmap(p, 2 * page_size);
	}
	check(read_number(PARAMS "live_buffers") <= 1,
	      "%s: three failures leave the file at most one buffer", what);
	p = mmap(NULL, 2 * page_size, rw, MAP_SHARED, fd, 0);
	if (check(p != MAP_FAILED, "%s: a later mmap() succeeds", what)) {
		check(has_pattern(p, 0, 2), "%s: it holds the pattern", what);
		munmap(p, 2 * page_size);
	}
	expect_live(1, what);
	close(fd);
	expect_live(0, what);
}

static bool inject_check(void)
{
	return write_file(PARAMS "inject", "check");
}

static bool inject_mapped(void)
{
	return write_file(PARAMS "inject", "mapped");
}

static void inject_none(void)
{
	write_file(PARAMS "inject", "none");
}

static bool failslab_arm(void)
{
	return failslab_setup() &&
	       write_file("/proc/self/make-it-fail", "1");
}

static void failslab_disarm(void)
{
	write_file("/proc/self/make-it-fail", "0");
	write_file("/sys/kernel/slab/vm_area_struct/failslab", "0");
}

/* One buffer, shared by a second mmap() and the VMAs of a split and fork. */
static void check_shared(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	unsigned char *p, *q;
	int fd, status;
	pid_t pid;

	fd = open_dev("opsdoc_buffer", O_RDWR);
	p = mmap(NULL, NR_PAGES * page_size, rw, MAP_SHARED, fd, 0);
	if (!check(p != MAP_FAILED, "shared mapping of %d pages", NR_PAGES)) {
		close(fd);
		return;
	}
	check(has_pattern(p, 0, NR_PAGES), "it holds the buffer's pattern");
	expect_live(1, "mapped: one buffer");
	q = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, 0);
	check(q != MAP_FAILED && has_pattern(q, 0, 1),
	      "a second mmap() maps the same buffer");
	if (q != MAP_FAILED)
		munmap(q, page_size);
	expect_live(1, "second mmap(): still one buffer");
	/* Punch out page 1: two VMAs share the buffer. */
	munmap(p + page_size, page_size);
	pid = fork();
	if (pid == 0)
		exit(has_pattern(p + 2 * page_size, 2, 2) ? 0 : 1);
	check(pid > 0 && waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "split and fork: the child sees pages 2-3");
	expect_live(1, "split and fork: still one buffer");
	munmap(p, page_size);
	expect_live(1, "one VMA left: the buffer stays");
	check(has_pattern(p + 2 * page_size, 2, 2), "it still holds pages 2-3");
	munmap(p + 2 * page_size, 2 * page_size);
	expect_live(1, "munmap of the last VMA: the file keeps the buffer");
	close(fd);
	expect_live(0, "close: .release freed the buffer");
}

int main(void)
{
	int fd;

	fd = open_dev("opsdoc_buffer", O_RDWR);
	expect_live(0, "open");
	close(fd);

	check_shared();
	check_failure(EINVAL, "the action's check fails", inject_check,
		      inject_none, MAP_PRIVATE);
	check_failure(ENOMEM, "failure once the VMA exists", inject_mapped,
		      inject_none, MAP_SHARED);
	if (access("/sys/kernel/slab/vm_area_struct/failslab", F_OK))
		check(true, "the VMA allocation fails # SKIP no failslab");
	else
		check_failure(ENOMEM, "the VMA allocation fails", failslab_arm,
			      failslab_disarm, MAP_SHARED);
	return done();
}
