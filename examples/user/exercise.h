/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exercise.h - what every example's exerciser shares: TAP output for its
 * checks (indented, as a TAP subtest of the example), opening the device,
 * mmap() calls that must fail with a given errno, the fill pattern, and
 * catching SIGBUS.
 *
 * Each exerciser checks good and bad inputs, then returns done(): 0 when
 * every check passed, 1 otherwise. The build defines the kernel's __printf()
 * so that check()'s format strings are checked as in kernel code.
 */
#ifndef OPSDOC_EXERCISE_H
#define OPSDOC_EXERCISE_H

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Every example device serves this many pages. */
#define NR_PAGES	4

static int checks;
static int failures;
static long page_size;

/* Report one check; returns @good so callers can stop early. */
static inline bool __printf(2, 3)
check(bool good, const char *fmt, ...)
{
	va_list ap;

	checks++;
	if (!good)
		failures++;
	printf("    %sok %d - ", good ? "" : "not ", checks);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return good;
}

static inline int done(void)
{
	printf("    1..%d\n", checks);
	return failures ? 1 : 0;
}

/* Open /dev/NAME or exit: nothing else can be checked without it. */
static inline int open_dev(const char *name, int flags)
{
	char path[64];
	int fd;

	page_size = sysconf(_SC_PAGESIZE);
	snprintf(path, sizeof(path), "/dev/%s", name);
	fd = open(path, flags);
	if (!check(fd >= 0, "open %s: %s", path, fd >= 0 ? "ok" : strerror(errno)))
		exit(done());
	return fd;
}

/* Page n of every example's buffer is filled with the byte 0xa0 + n. */
static inline bool has_pattern(const unsigned char *p, int first, int nr)
{
	long i;

	for (i = 0; i < nr * page_size; i++)
		if (p[i] != (unsigned char)(0xa0 + first + i / page_size))
			return false;
	return true;
}

/* The number a file (a module parameter) holds, or -1. */
static inline long read_number(const char *path)
{
	char text[32] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	return n > 0 ? strtol(text, NULL, 10) : -1;
}

/* mmap() must fail with @err and leave nothing mapped. */
static inline void expect_mmap_errno(int fd, long pages, int prot,
				     int flags, long first, int err,
				     const char *what)
{
	void *p = mmap(NULL, pages * page_size, prot, flags, fd,
		       first * page_size);

	if (p != MAP_FAILED) {
		munmap(p, pages * page_size);
		check(false, "%s: mmap succeeded, expected %s", what,
		      strerror(err));
		return;
	}
	check(errno == err, "%s: %s (expected %s)", what, strerror(errno),
	      strerror(err));
}

static sigjmp_buf fault_jmp;

static inline void on_fault(int sig)
{
	siglongjmp(fault_jmp, sig);
}

/* The signal reading (or writing) *@p raises, 0 for none. */
static inline int access_signal(unsigned char *p, bool write)
{
	struct sigaction sa = { .sa_handler = on_fault };
	int sig;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sig = sigsetjmp(fault_jmp, 1);
	if (!sig) {
		/* Atomic accesses: the compiler must not drop or move them. */
		if (write)
			__atomic_store_n(p, 0x5a, __ATOMIC_SEQ_CST);
		else
			__atomic_load_n(p, __ATOMIC_SEQ_CST);
	}
	signal(SIGBUS, SIG_DFL);
	signal(SIGSEGV, SIG_DFL);
	return sig;
}

/*
 * The behaviour the pages, legacy pages, PFN and aligned devices share:
 * shared mappings of any part of the buffer hold the pattern, writes
 * reach the device, and private mappings and ranges outside the buffer
 * fail with EINVAL.
 */
static inline void check_shared_pages(int fd)
{
	const int rw = PROT_READ | PROT_WRITE;
	unsigned char *all, *part;

	all = mmap(NULL, NR_PAGES * page_size, rw, MAP_SHARED, fd, 0);
	if (!check(all != MAP_FAILED, "shared mapping of the whole buffer"))
		return;
	check(has_pattern(all, 0, NR_PAGES), "it holds the driver's pattern");

	part = mmap(NULL, 2 * page_size, rw, MAP_SHARED, fd, 2 * page_size);
	if (check(part != MAP_FAILED, "shared mapping at offset 2 pages")) {
		check(has_pattern(part, 2, 2), "it starts at page 2");
		munmap(part, 2 * page_size);
	}

	all[page_size + 8] = 0x11;
	part = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, page_size);
	if (check(part != MAP_FAILED, "second mapping of page 1")) {
		check(part[8] == 0x11,
		      "a write through one mapping reaches the device");
		munmap(part, page_size);
	}
	all[page_size + 8] = 0xa1;
	munmap(all, NR_PAGES * page_size);

	expect_mmap_errno(fd, NR_PAGES + 1, PROT_READ, MAP_SHARED, 0, EINVAL,
			  "longer than the buffer");
	expect_mmap_errno(fd, 1, PROT_READ, MAP_SHARED, NR_PAGES, EINVAL,
			  "offset past the buffer");
	expect_mmap_errno(fd, 2, PROT_READ, MAP_SHARED, NR_PAGES - 1, EINVAL,
			  "range past the end of the buffer");
	expect_mmap_errno(fd, 1, PROT_READ, MAP_PRIVATE, 0, EINVAL,
			  "MAP_PRIVATE");
}

#endif
