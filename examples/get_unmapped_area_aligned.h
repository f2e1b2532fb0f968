/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's default address search, which get_unmapped_area_aligned.c
 * calls with a padded length. Its home moved between releases, so the
 * Kbuild file links one of two one-function files:
 * get_unmapped_area_default_mm.c (mm_get_unmapped_area(), 6.10 and later)
 * or get_unmapped_area_default_legacy.c (mm->get_unmapped_area, earlier).
 */
#ifndef OPSDOC_GET_UNMAPPED_AREA_DEFAULT_H
#define OPSDOC_GET_UNMAPPED_AREA_DEFAULT_H

struct file;

unsigned long aligned_default_area(struct file *file, unsigned long addr,
				   unsigned long len, unsigned long pgoff,
				   unsigned long flags);

#endif
