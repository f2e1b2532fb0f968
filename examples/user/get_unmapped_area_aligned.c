// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/get_unmapped_area_aligned.c: without a hint, a
 * mapping of /dev/opsdoc_aligned starts at an address congruent with its
 * file offset modulo 2 MiB; a free hint is used as given; MAP_FIXED at a
 * congruent address is honoured and at another one fails with EINVAL. The
 * mappings behave like those of the other page devices.
 */
#include <stdint.h>

#include "exercise.h"

#define ALIGNMENT	(2UL << 20)
#define TRIES		8

int main(void)
{
	int fd = open_dev("opsdoc_aligned", O_RDONLY);
	unsigned char *p[TRIES], *q, *hint, *fixed;
	int i, aligned = 0, mapped = 0;

	/* Several at once: each must find its own aligned hole. */
	for (i = 0; i < TRIES; i++) {
		p[i] = mmap(NULL, (1 + i % NR_PAGES) * page_size, PROT_READ,
			    MAP_SHARED, fd, 0);
		if (p[i] == MAP_FAILED)
			continue;
		mapped++;
		if ((uintptr_t)p[i] % ALIGNMENT == 0 &&
		    has_pattern(p[i], 0, 1 + i % NR_PAGES))
			aligned++;
	}
	check(mapped == TRIES, "%d of %d mappings made", mapped, TRIES);
	check(aligned == TRIES, "%d of %d are 2 MiB aligned and hold the pattern",
	      aligned, TRIES);
	for (i = 0; i < TRIES; i++)
		if (p[i] != MAP_FAILED)
			munmap(p[i], (1 + i % NR_PAGES) * page_size);

	/* The offset decides the address modulo 2 MiB. */
	q = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, page_size);
	if (check(q != MAP_FAILED, "mapping at offset one page")) {
		check((uintptr_t)q % ALIGNMENT == (uintptr_t)page_size &&
		      has_pattern(q, 1, 1),
		      "%p is one page past a 2 MiB boundary and holds page 1",
		      (void *)q);
		munmap(q, page_size);
	}

	/* A free hint is followed as given, even an unaligned one. */
	hint = p[0] + page_size;
	q = mmap(hint, page_size, PROT_READ, MAP_SHARED, fd, 0);
	if (check(q != MAP_FAILED, "mapping with an unaligned hint")) {
		check(q == hint, "%p is the hint %p", (void *)q, (void *)hint);
		munmap(q, page_size);
	}

	fixed = mmap(p[0], page_size, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
	if (check(fixed == p[0], "MAP_FIXED at an aligned address")) {
		check(has_pattern(fixed, 0, 1), "it holds the pattern");
		munmap(fixed, page_size);
	}
	fixed = mmap(p[0] + page_size, page_size, PROT_READ,
		     MAP_SHARED | MAP_FIXED, fd, 0);
	check(fixed == MAP_FAILED && errno == EINVAL,
	      "MAP_FIXED at a non-congruent address: %s (expected %s)",
	      fixed == MAP_FAILED ? strerror(errno) : "mapped",
	      strerror(EINVAL));
	if (fixed != MAP_FAILED)
		munmap(fixed, page_size);
	fixed = mmap(p[0] + page_size, page_size, PROT_READ,
		     MAP_SHARED | MAP_FIXED, fd, page_size);
	if (check(fixed == p[0] + page_size,
		  "MAP_FIXED one page past a boundary at offset one page")) {
		check(has_pattern(fixed, 1, 1), "it holds page 1");
		munmap(fixed, page_size);
	}
	close(fd);

	fd = open_dev("opsdoc_aligned", O_RDWR);
	check_shared_pages(fd);
	close(fd);
	return done();
}
