// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/mmap_prepare_pfn.c:
 * /dev/opsdoc_pfn, a PFN range mapped by the mmap_prepare remap action.
 * Shared mappings of any part of the buffer hold the pattern and see
 * each other's writes; private mappings and ranges outside the buffer
 * fail with EINVAL.
 */
#include "exercise.h"

int main(void)
{
	int fd = open_dev("opsdoc_pfn", O_RDWR);

	check_shared_pages(fd);
	close(fd);
	return done();
}
