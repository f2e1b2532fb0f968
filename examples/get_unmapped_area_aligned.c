// SPDX-License-Identifier: GPL-2.0
/*
 * get_unmapped_area_aligned - choose where a mapping goes.
 *
 * Some devices want their mappings at an aligned address: a block of
 * memory the hardware sees through large pages, or a window that user
 * space indexes with the low address bits. .get_unmapped_area picks the
 * address before any VMA exists; here a mapping of /dev/opsdoc_aligned
 * starts at an address congruent with its file offset modulo OPSDOC_ALIGN
 * (2 MiB), so offset 0 lands on a 2 MiB boundary.
 *
 * The hook follows the pattern of dax_get_unmapped_area(). A request with
 * an address hint goes unchanged to the kernel's default search. Without
 * one, the hook asks the default search for OPSDOC_ALIGN - PAGE_SIZE more
 * than it needs and moves the result forward to the first congruent
 * address; if that padded request fails, it falls back to an unpadded one.
 * Unlike dax, it aligns even a mapping shorter than OPSDOC_ALIGN: the
 * device wants the alignment, not only large pages. The default search is
 * aligned_default_area() (see get_unmapped_area_aligned.h): the one call
 * that differs between kernel releases lives in a file of its own.
 *
 * MAP_FIXED requests must be honoured as given: one whose address is not
 * congruent with the offset fails with EINVAL. The mapping itself is made
 * by the legacy .mmap hook so that the example builds on every kernel; it
 * serves OPSDOC_NR_PAGES pages, page n filled with the byte 0xa0 + n, and
 * refuses private mappings and ranges outside the buffer with EINVAL.
 */
#include <linux/align.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/mman.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sizes.h>

#include "get_unmapped_area_aligned.h"

#define OPSDOC_ALIGN	SZ_2M
#define OPSDOC_NR_PAGES	4

static struct page *pages[OPSDOC_NR_PAGES];

static unsigned long aligned_get_unmapped_area(struct file *file,
					       unsigned long addr,
					       unsigned long len,
					       unsigned long pgoff,
					       unsigned long flags)
{
	/* Only the offset modulo OPSDOC_ALIGN matters: wrapping is harmless. */
	unsigned long off = pgoff << PAGE_SHIFT;
	unsigned long padded = len + OPSDOC_ALIGN - PAGE_SIZE;
	unsigned long area;

	if (flags & MAP_FIXED)
		return IS_ALIGNED(addr - off, OPSDOC_ALIGN) ? addr : -EINVAL;
	/* A hint is the caller's choice: follow it, unpadded. */
	if (addr)
		return aligned_default_area(file, addr, len, pgoff, flags);

	if (padded > len) {
		area = aligned_default_area(file, 0, padded, pgoff, flags);
		if (!IS_ERR_VALUE(area))
			return area + ((off - area) & (OPSDOC_ALIGN - 1));
	}
	/* No room for the padding: an unaligned mapping rather than none. */
	return aligned_default_area(file, 0, len, pgoff, flags);
}

static int aligned_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long nr = vma_pages(vma);

	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (vma->vm_pgoff >= OPSDOC_NR_PAGES ||
	    nr > OPSDOC_NR_PAGES - vma->vm_pgoff)
		return -EINVAL;

	return vm_insert_pages(vma, vma->vm_start, &pages[vma->vm_pgoff], &nr);
}

static const struct file_operations aligned_fops = {
	.owner			= THIS_MODULE,
	.get_unmapped_area	= aligned_get_unmapped_area,
	.mmap			= aligned_mmap,
};

static struct miscdevice aligned_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_aligned",
	.fops	= &aligned_fops,
	.mode	= 0666,
};

static void aligned_free(void)
{
	int i;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		if (pages[i])
			__free_page(pages[i]);
		pages[i] = NULL;
	}
}

static int __init aligned_init(void)
{
	int i, ret;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i]) {
			aligned_free();
			return -ENOMEM;
		}
		memset(page_address(pages[i]), 0xa0 + i, PAGE_SIZE);
	}

	ret = misc_register(&aligned_misc);
	if (ret)
		aligned_free();
	return ret;
}

static void __exit aligned_exit(void)
{
	misc_deregister(&aligned_misc);
	aligned_free();
}

module_init(aligned_init);
module_exit(aligned_exit);

MODULE_DESCRIPTION("opsdoc example: 2 MiB aligned addresses from .get_unmapped_area");
MODULE_LICENSE("GPL");
