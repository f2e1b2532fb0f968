// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/get_unmapped_area_aligned.c: every mapping of
 * /dev/opsdoc_aligned starts on a 2 MiB boundary, with or without an
 * address hint; MAP_FIXED at an aligned address is honoured and at an
 * unaligned one fails with EINVAL. The mappings behave like those of the
 * other page devices.
 */
#include <stdint.h>

#include "exercise.h"

#define ALIGNMENT	(2UL << 20)
#define TRIES		8

int main(void)
{
	int fd = open_dev("opsdoc_aligned", O_RDONLY);
	unsigned char *p[TRIES], *hint, *fixed;
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

	/* An unaligned hint is a hint: the result is still aligned. */
	hint = p[0] + page_size;
	p[0] = mmap(hint, page_size, PROT_READ, MAP_SHARED, fd, 0);
	if (check(p[0] != MAP_FAILED, "mapping with an unaligned hint")) {
		check((uintptr_t)p[0] % ALIGNMENT == 0, "%p is 2 MiB aligned",
		      (void *)p[0]);
		munmap(p[0], page_size);
	}

	fixed = mmap(p[0], page_size, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
	if (check(fixed == p[0], "MAP_FIXED at an aligned address")) {
		check(has_pattern(fixed, 0, 1), "it holds the pattern");
		munmap(fixed, page_size);
	}
	fixed = mmap(p[0] + page_size, page_size, PROT_READ,
		     MAP_SHARED | MAP_FIXED, fd, 0);
	check(fixed == MAP_FAILED && errno == EINVAL,
	      "MAP_FIXED at an unaligned address: %s (expected %s)",
	      fixed == MAP_FAILED ? strerror(errno) : "mapped",
	      strerror(EINVAL));
	if (fixed != MAP_FAILED)
		munmap(fixed, page_size);
	close(fd);

	fd = open_dev("opsdoc_aligned", O_RDWR);
	check_shared_pages(fd);
	close(fd);
	return done();
}
