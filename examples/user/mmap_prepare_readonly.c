// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/mmap_prepare_readonly.c: /dev/opsdoc_readonly
 * can be mapped shared only for reading (PROT_WRITE: EPERM), and such a
 * mapping cannot be made writable later (mprotect: EACCES). Private
 * mappings may be written; the device's data stays as it was.
 */
#include "exercise.h"

int main(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	int fd = open_dev("opsdoc_readonly", O_RDWR);
	unsigned char *p, *q;
	int sig, ro;

	p = mmap(NULL, NR_PAGES * page_size, PROT_READ, MAP_SHARED, fd, 0);
	if (check(p != MAP_FAILED, "read-only shared mapping")) {
		check(has_pattern(p, 0, NR_PAGES), "it holds the driver's pattern");
		check(mprotect(p, page_size, rw) == -1 && errno == EACCES,
		      "mprotect(PROT_WRITE) on it: %s (expected %s)",
		      strerror(errno), strerror(EACCES));
		sig = access_signal(p, true);
		check(sig == SIGSEGV, "writing to it: %s (expected %s)",
		      sig ? strsignal(sig) : "no signal", strsignal(SIGSEGV));
		munmap(p, NR_PAGES * page_size);
	}

	expect_mmap_errno(fd, NR_PAGES, rw, MAP_SHARED, 0, EPERM,
			  "PROT_WRITE with MAP_SHARED");

	p = mmap(NULL, page_size, rw, MAP_PRIVATE, fd, page_size);
	if (check(p != MAP_FAILED, "writable private mapping")) {
		check(has_pattern(p, 1, 1), "it holds page 1");
		p[0] = 0x11;
		q = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, page_size);
		if (check(q != MAP_FAILED, "shared mapping of page 1")) {
			check(p[0] == 0x11 && has_pattern(q, 1, 1),
			      "a private write does not reach the device");
			munmap(q, page_size);
		}
		munmap(p, page_size);
	}

	expect_mmap_errno(fd, NR_PAGES + 1, PROT_READ, MAP_SHARED, 0, EINVAL,
			  "longer than the buffer");
	expect_mmap_errno(fd, 1, PROT_READ, MAP_SHARED, NR_PAGES, EINVAL,
			  "offset past the buffer");
	close(fd);

	/* The core refuses this before the driver is asked. */
	ro = open_dev("opsdoc_readonly", O_RDONLY);
	expect_mmap_errno(ro, 1, rw, MAP_SHARED, 0, EACCES,
			  "PROT_WRITE with MAP_SHARED on an O_RDONLY file");
	close(ro);
	return done();
}
