// SPDX-License-Identifier: GPL-2.0
/*
 * mmap_prepare_pages - map kernel pages with the mmap_prepare hook.
 *
 * The module allocates OPSDOC_NR_PAGES pages when it loads and fills page
 * n with the byte 0xa0 + n. /dev/opsdoc_pages maps them: the file offset
 * picks the first page, and the mapping may not reach past the last one.
 *
 * .mmap_prepare runs before the VMA exists, so it does not insert the pages
 * itself. It checks the request and describes the work with
 * mmap_action_map_kernel_pages(); the core inserts the pages once the VMA is
 * set up, and unmaps it again if that fails.
 *
 * Errors: EINVAL for a private mapping (the pages are the device's, and a
 * copy-on-write view of them would not see later writes) and for a range
 * outside the buffer. Writes through a shared mapping land in the kernel
 * pages and are visible to every other mapping.
 */
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define OPSDOC_NR_PAGES	4

static struct page *pages[OPSDOC_NR_PAGES];

static int pages_mmap_prepare(struct vm_area_desc *desc)
{
	unsigned long nr = vma_desc_pages(desc);

	if (!vma_desc_test(desc, VMA_MAYSHARE_BIT))
		return -EINVAL;
	if (desc->pgoff >= OPSDOC_NR_PAGES ||
	    nr > OPSDOC_NR_PAGES - desc->pgoff)
		return -EINVAL;

	/* The action maps pages[0] at desc->start: skip to the offset. */
	mmap_action_map_kernel_pages_full(desc, &pages[desc->pgoff]);
	return 0;
}

static const struct file_operations pages_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= pages_mmap_prepare,
};

static struct miscdevice pages_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_pages",
	.fops	= &pages_fops,
	.mode	= 0666,
};

static void pages_free(void)
{
	int i;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		if (pages[i])
			__free_page(pages[i]);
		pages[i] = NULL;
	}
}

static int __init pages_init(void)
{
	int i, ret;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i]) {
			pages_free();
			return -ENOMEM;
		}
		memset(page_address(pages[i]), 0xa0 + i, PAGE_SIZE);
	}

	ret = misc_register(&pages_misc);
	if (ret)
		pages_free();
	return ret;
}

static void __exit pages_exit(void)
{
	misc_deregister(&pages_misc);
	pages_free();
}

module_init(pages_init);
module_exit(pages_exit);

MODULE_DESCRIPTION("opsdoc example: map kernel pages from .mmap_prepare");
MODULE_LICENSE("GPL");
