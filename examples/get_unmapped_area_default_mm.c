// SPDX-License-Identifier: GPL-2.0
/* The default address search from 6.10 on: mm_get_unmapped_area(). */
#include <linux/sched/mm.h>

#include "get_unmapped_area_aligned.h"

unsigned long aligned_default_area(struct file *file, unsigned long addr,
				   unsigned long len, unsigned long pgoff,
				   unsigned long flags)
{
	return mm_get_unmapped_area(file, addr, len, pgoff, flags);
}
