// SPDX-License-Identifier: GPL-2.0
/*
 * mmap_prepare_pfn - map a physically contiguous buffer by PFN.
 *
 * The module allocates OPSDOC_NR_PAGES contiguous pages when it loads, page
 * n filled with the byte 0xa0 + n. /dev/opsdoc_pfn maps them as a raw PFN
 * range: .mmap_prepare asks for it with mmap_action_remap_full(), and the
 * core calls remap_pfn_range() once the VMA exists. PFN mappings hold no
 * page references and have no struct page behind them as far as the VMA is
 * concerned, which is how device memory (a BAR, a carve-out) is mapped;
 * here the PFNs happen to be RAM so that the example can run anywhere.
 *
 * Errors: EINVAL for a private mapping (a copy-on-write PFN mapping would
 * need the PFN to double as the file offset) and for a range outside the
 * buffer.
 */
#include <linux/bits.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define OPSDOC_ORDER	2
#define OPSDOC_NR_PAGES	BIT(OPSDOC_ORDER)

static struct page *buffer;

static int pfn_mmap_prepare(struct vm_area_desc *desc)
{
	unsigned long nr = vma_desc_pages(desc);

	if (vma_desc_is_cow_mapping(desc))
		return -EINVAL;
	if (desc->pgoff >= OPSDOC_NR_PAGES ||
	    nr > OPSDOC_NR_PAGES - desc->pgoff)
		return -EINVAL;

	mmap_action_remap_full(desc, page_to_pfn(buffer) + desc->pgoff);
	return 0;
}

static const struct file_operations pfn_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= pfn_mmap_prepare,
};

static struct miscdevice pfn_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_pfn",
	.fops	= &pfn_fops,
	.mode	= 0666,
};

static int __init pfn_init(void)
{
	int i, ret;

	buffer = alloc_pages(GFP_KERNEL, OPSDOC_ORDER);
	if (!buffer)
		return -ENOMEM;
	for (i = 0; i < OPSDOC_NR_PAGES; i++)
		memset(page_address(buffer + i), 0xa0 + i, PAGE_SIZE);

	ret = misc_register(&pfn_misc);
	if (ret)
		__free_pages(buffer, OPSDOC_ORDER);
	return ret;
}

static void __exit pfn_exit(void)
{
	misc_deregister(&pfn_misc);
	__free_pages(buffer, OPSDOC_ORDER);
}

module_init(pfn_init);
module_exit(pfn_exit);

MODULE_DESCRIPTION("opsdoc example: .mmap_prepare with a PFN remap action");
MODULE_LICENSE("GPL");
