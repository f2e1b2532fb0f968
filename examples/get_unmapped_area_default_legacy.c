// SPDX-License-Identifier: GPL-2.0
/* The default address search before 6.10: current->mm->get_unmapped_area. */
#include <linux/mm_types.h>
#include <linux/sched.h>

#include "get_unmapped_area_aligned.h"

unsigned long aligned_default_area(struct file *file, unsigned long addr,
				   unsigned long len, unsigned long pgoff,
				   unsigned long flags)
{
	return current->mm->get_unmapped_area(file, addr, len, pgoff, flags);
}
