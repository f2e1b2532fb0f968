// SPDX-License-Identifier: GPL-2.0
/*
 * mmap_prepare_fault - fill a mapping page by page from a .fault handler.
 *
 * .mmap_prepare maps nothing. It installs vm_ops whose .fault handler is
 * called the first time each page of the mapping is touched, and points
 * desc->private_data at the device; the core copies that into
 * vma->vm_private_data, which is where the fault handler finds it.
 *
 * /dev/opsdoc_fault serves OPSDOC_NR_PAGES pages, page n filled with the
 * byte 0xa0 + n. A mapping may be longer than the buffer, like a file
 * mapping that reaches past the end of the file: touching a page past the
 * buffer raises SIGBUS. Errors: EINVAL for an offset past the buffer.
 * Shared mappings write into the device's pages; private mappings get
 * copies on write.
 */
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define OPSDOC_NR_PAGES	4

struct fault_dev {
	struct page *pages[OPSDOC_NR_PAGES];
};

static struct fault_dev fault_dev;

static vm_fault_t fault_vm_fault(struct vm_fault *vmf)
{
	struct fault_dev *dev = vmf->vma->vm_private_data;
	struct page *page;

	if (vmf->pgoff >= OPSDOC_NR_PAGES)
		return VM_FAULT_SIGBUS;

	/*
	 * The core takes this reference over. When it maps the page itself,
	 * the reference goes when the page is unmapped; on a write fault in
	 * a private mapping, it maps a copy instead and drops the reference
	 * as soon as the copy is made.
	 */
	page = dev->pages[vmf->pgoff];
	get_page(page);
	vmf->page = page;
	return 0;
}

static const struct vm_operations_struct fault_vm_ops = {
	.fault	= fault_vm_fault,
};

static int fault_mmap_prepare(struct vm_area_desc *desc)
{
	if (desc->pgoff >= OPSDOC_NR_PAGES)
		return -EINVAL;

	desc->vm_ops = &fault_vm_ops;
	desc->private_data = &fault_dev;
	return 0;
}

static const struct file_operations fault_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= fault_mmap_prepare,
};

static struct miscdevice fault_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_fault",
	.fops	= &fault_fops,
	.mode	= 0666,
};

static void fault_free(struct fault_dev *dev)
{
	int i;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		if (dev->pages[i])
			__free_page(dev->pages[i]);
		dev->pages[i] = NULL;
	}
}

static int __init fault_init(void)
{
	int i, ret;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		fault_dev.pages[i] = alloc_page(GFP_KERNEL);
		if (!fault_dev.pages[i]) {
			fault_free(&fault_dev);
			return -ENOMEM;
		}
		memset(page_address(fault_dev.pages[i]), 0xa0 + i, PAGE_SIZE);
	}

	ret = misc_register(&fault_misc);
	if (ret)
		fault_free(&fault_dev);
	return ret;
}

static void __exit fault_exit(void)
{
	misc_deregister(&fault_misc);
	fault_free(&fault_dev);
}

module_init(fault_init);
module_exit(fault_exit);

MODULE_DESCRIPTION("opsdoc example: .mmap_prepare with a .fault handler");
MODULE_LICENSE("GPL");
