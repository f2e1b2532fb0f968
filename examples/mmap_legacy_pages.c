// SPDX-License-Identifier: GPL-2.0
/*
 * mmap_legacy_pages - map kernel pages with the legacy mmap hook.
 *
 * The same device as mmap_prepare_pages.c, written the old way: .mmap gets
 * the VMA once it is allocated, before it is added to the address space,
 * and fills its page tables itself with vm_insert_pages(). Compare the
 * two: the checks are the same, but here the driver works on a half-built
 * VMA and, on failure, leaves it to the caller to unmap whatever was
 * inserted.
 *
 * /dev/opsdoc_legacy_pages: OPSDOC_NR_PAGES pages, page n filled with the
 * byte 0xa0 + n. Errors: EINVAL for a private mapping and for a range
 * outside the buffer.
 */
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define OPSDOC_NR_PAGES	4

static struct page *pages[OPSDOC_NR_PAGES];

static int legacy_pages_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long nr = vma_pages(vma);

	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (vma->vm_pgoff >= OPSDOC_NR_PAGES ||
	    nr > OPSDOC_NR_PAGES - vma->vm_pgoff)
		return -EINVAL;

	/* On return nr counts the pages that were not inserted. */
	return vm_insert_pages(vma, vma->vm_start, &pages[vma->vm_pgoff], &nr);
}

static const struct file_operations legacy_pages_fops = {
	.owner	= THIS_MODULE,
	.mmap	= legacy_pages_mmap,
};

static struct miscdevice legacy_pages_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_legacy_pages",
	.fops	= &legacy_pages_fops,
	.mode	= 0666,
};

static void legacy_pages_free(void)
{
	int i;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		if (pages[i])
			__free_page(pages[i]);
		pages[i] = NULL;
	}
}

static int __init legacy_pages_init(void)
{
	int i, ret;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i]) {
			legacy_pages_free();
			return -ENOMEM;
		}
		memset(page_address(pages[i]), 0xa0 + i, PAGE_SIZE);
	}

	ret = misc_register(&legacy_pages_misc);
	if (ret)
		legacy_pages_free();
	return ret;
}

static void __exit legacy_pages_exit(void)
{
	misc_deregister(&legacy_pages_misc);
	legacy_pages_free();
}

module_init(legacy_pages_init);
module_exit(legacy_pages_exit);

MODULE_DESCRIPTION("opsdoc example: map kernel pages from the legacy .mmap");
MODULE_LICENSE("GPL");
