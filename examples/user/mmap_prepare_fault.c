// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/mmap_prepare_fault.c: /dev/opsdoc_fault fills
 * its mappings page by page from a .fault handler. A mapping may reach
 * past the buffer, and touching that part raises SIGBUS; an offset past
 * the buffer fails with EINVAL. Private mappings copy on write.
 */
#include "exercise.h"

int main(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	int fd = open_dev("opsdoc_fault", O_RDWR);
	unsigned char *p, *q;
	int sig;

	p = mmap(NULL, NR_PAGES * page_size, rw, MAP_SHARED, fd, 0);
	if (check(p != MAP_FAILED, "shared mapping of the whole buffer")) {
		check(has_pattern(p, 0, NR_PAGES),
		      "faults fill it with the driver's pattern");
		p[3 * page_size] = 0x33;
		q = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd,
			 3 * page_size);
		if (check(q != MAP_FAILED, "second mapping of page 3")) {
			check(q[0] == 0x33,
			      "a write through one mapping reaches the device");
			munmap(q, page_size);
		}
		p[3 * page_size] = 0xa3;
		munmap(p, NR_PAGES * page_size);
	}

	p = mmap(NULL, 2 * page_size, rw, MAP_SHARED, fd, 1 * page_size);
	if (check(p != MAP_FAILED, "shared mapping at offset 1 page")) {
		check(has_pattern(p, 1, 2), "it starts at page 1");
		munmap(p, 2 * page_size);
	}

	p = mmap(NULL, (NR_PAGES + 2) * page_size, PROT_READ, MAP_SHARED, fd, 0);
	if (check(p != MAP_FAILED, "a mapping longer than the buffer")) {
		check(has_pattern(p, 0, NR_PAGES), "its first pages are the buffer");
		sig = access_signal(p + NR_PAGES * page_size, false);
		check(sig == SIGBUS, "touching past the buffer: %s (expected %s)",
		      sig ? strsignal(sig) : "no signal", strsignal(SIGBUS));
		munmap(p, (NR_PAGES + 2) * page_size);
	}

	p = mmap(NULL, page_size, rw, MAP_PRIVATE, fd, 2 * page_size);
	if (check(p != MAP_FAILED, "private writable mapping")) {
		check(has_pattern(p, 2, 1), "it holds page 2");
		p[0] = 0x22;
		q = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd,
			 2 * page_size);
		if (check(q != MAP_FAILED, "shared mapping of page 2")) {
			check(p[0] == 0x22 && has_pattern(q, 2, 1),
			      "a private write stays private");
			munmap(q, page_size);
		}
		munmap(p, page_size);
	}

	expect_mmap_errno(fd, 1, PROT_READ, MAP_SHARED, NR_PAGES, EINVAL,
			  "offset past the buffer");
	close(fd);
	return done();
}
