// SPDX-License-Identifier: GPL-2.0
/*
 * mmap_prepare_readonly - a device whose shared mappings are read-only.
 *
 * /dev/opsdoc_readonly maps OPSDOC_NR_PAGES kernel pages, page n filled
 * with the byte 0xa0 + n, that user space may read but never change.
 * .mmap_prepare reads the requested protection from the VMA descriptor's
 * flags with vma_desc_test() and edits them with vma_desc_clear_flags():
 *
 * - a shared mapping with PROT_WRITE fails with EPERM;
 * - a read-only shared mapping loses VMA_MAYWRITE_BIT, so a later
 *   mprotect(PROT_WRITE) fails with EACCES;
 * - a private mapping is allowed even when writable: writes go to private
 *   copies of the pages and the device's data stays as it was.
 *
 * A range outside the buffer fails with EINVAL. The device must be opened
 * O_RDWR for the first check to be reached at all: for a file opened
 * O_RDONLY the core itself refuses MAP_SHARED with PROT_WRITE (EACCES).
 */
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define OPSDOC_NR_PAGES	4

static struct page *pages[OPSDOC_NR_PAGES];

static int readonly_mmap_prepare(struct vm_area_desc *desc)
{
	unsigned long nr = vma_desc_pages(desc);

	if (desc->pgoff >= OPSDOC_NR_PAGES ||
	    nr > OPSDOC_NR_PAGES - desc->pgoff)
		return -EINVAL;

	if (vma_desc_test(desc, VMA_MAYSHARE_BIT)) {
		if (vma_desc_test(desc, VMA_WRITE_BIT))
			return -EPERM;
		/* No mprotect(PROT_WRITE) later either. */
		vma_desc_clear_flags(desc, VMA_MAYWRITE_BIT);
	}

	mmap_action_map_kernel_pages_full(desc, &pages[desc->pgoff]);
	return 0;
}

static const struct file_operations readonly_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= readonly_mmap_prepare,
};

static struct miscdevice readonly_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_readonly",
	.fops	= &readonly_fops,
	.mode	= 0666,
};

static void readonly_free(void)
{
	int i;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		if (pages[i])
			__free_page(pages[i]);
		pages[i] = NULL;
	}
}

static int __init readonly_init(void)
{
	int i, ret;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i]) {
			readonly_free();
			return -ENOMEM;
		}
		memset(page_address(pages[i]), 0xa0 + i, PAGE_SIZE);
	}

	ret = misc_register(&readonly_misc);
	if (ret)
		readonly_free();
	return ret;
}

static void __exit readonly_exit(void)
{
	misc_deregister(&readonly_misc);
	readonly_free();
}

module_init(readonly_init);
module_exit(readonly_exit);

MODULE_DESCRIPTION("opsdoc example: refuse writable shared mappings in .mmap_prepare");
MODULE_LICENSE("GPL");
