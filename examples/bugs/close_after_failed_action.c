// SPDX-License-Identifier: GPL-2.0
/*
 * Reproducer: vm_ops->close runs for a VMA whose mmap_prepare action or
 * ->mapped failed, although ->mapped never succeeded for it.
 *
 * /dev/opsdoc_bug_close: .mmap_prepare installs vm_ops with ->mapped and
 * ->close, sets no private_data (->mapped sets vm_private_data) and asks
 * for one kernel page to be mapped. The page offset of the mapping picks
 * the step that fails:
 *
 *  - offset 0: the page is the shared zero page, which vm_insert_pages()
 *    refuses in a writable shared mapping. The action's check does not
 *    look at the page, so the action fails once the VMA exists, before
 *    ->mapped is called.
 *  - offset 1: the page is one of our own and the action succeeds;
 *    ->mapped returns -ENOMEM without setting vm_private_data.
 *
 * /dev/opsdoc_bug_close_legacy installs the same ->close from an .mmap
 * hook that then fails, for comparison.
 *
 * The read-only parameters count the calls: mapped_calls, close_calls,
 * and close_null, the calls of ->close that found vm_private_data NULL.
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static atomic_t mapped_calls = ATOMIC_INIT(0);
static atomic_t close_calls = ATOMIC_INIT(0);
static atomic_t close_null = ATOMIC_INIT(0);

/* What ->mapped would hand to the VMA; only its address matters. */
static int close_state;
/* The shared zero page, and a page of our own. */
static struct page *close_pages[2];

static int close_vm_mapped(unsigned long start, unsigned long end,
			   pgoff_t pgoff, const struct file *file,
			   void **vm_private_data)
{
	atomic_inc(&mapped_calls);
	if (pgoff == 1)
		return -ENOMEM;
	*vm_private_data = &close_state;
	return 0;
}

static void close_vm_close(struct vm_area_struct *vma)
{
	atomic_inc(&close_calls);
	if (!vma->vm_private_data)
		atomic_inc(&close_null);
}

static const struct vm_operations_struct close_vm_ops = {
	.mapped	= close_vm_mapped,
	.close	= close_vm_close,
};

static int close_mmap_prepare(struct vm_area_desc *desc)
{
	if (vma_desc_pages(desc) != 1 || desc->pgoff > 1)
		return -EINVAL;
	if (!vma_desc_test(desc, VMA_SHARED_BIT) ||
	    !vma_desc_test(desc, VMA_MAYWRITE_BIT))
		return -EINVAL;
	desc->vm_ops = &close_vm_ops;
	mmap_action_map_kernel_pages_full(desc, &close_pages[desc->pgoff]);
	return 0;
}

static const struct file_operations close_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= close_mmap_prepare,
};

static struct miscdevice close_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_bug_close",
	.fops	= &close_fops,
	.mode	= 0666,
};

static const struct vm_operations_struct close_legacy_vm_ops = {
	.close	= close_vm_close,
};

/* Installs ->close, then fails, as an .mmap hook may. */
static int close_legacy_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &close_legacy_vm_ops;
	return -EINVAL;
}

static const struct file_operations close_legacy_fops = {
	.owner	= THIS_MODULE,
	.mmap	= close_legacy_mmap,
};

static struct miscdevice close_legacy_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_bug_close_legacy",
	.fops	= &close_legacy_fops,
	.mode	= 0666,
};

static int counter_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%d\n", atomic_read(kp->arg));
}

static const struct kernel_param_ops counter_ops = {
	.get = counter_get,
};
module_param_cb(mapped_calls, &counter_ops, &mapped_calls, 0444);
MODULE_PARM_DESC(mapped_calls, "calls of ->mapped");
module_param_cb(close_calls, &counter_ops, &close_calls, 0444);
MODULE_PARM_DESC(close_calls, "calls of ->close");
module_param_cb(close_null, &counter_ops, &close_null, 0444);
MODULE_PARM_DESC(close_null, "calls of ->close with vm_private_data NULL");

static int __init close_init(void)
{
	int err;

	close_pages[0] = ZERO_PAGE(0);
	close_pages[1] = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!close_pages[1])
		return -ENOMEM;
	err = misc_register(&close_misc);
	if (err)
		goto free_page;
	err = misc_register(&close_legacy_misc);
	if (err)
		goto deregister_close;
	return 0;

deregister_close:
	misc_deregister(&close_misc);
free_page:
	__free_page(close_pages[1]);
	return err;
}

static void __exit close_exit(void)
{
	misc_deregister(&close_legacy_misc);
	misc_deregister(&close_misc);
	__free_page(close_pages[1]);
}

module_init(close_init);
module_exit(close_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("opsdoc reproducer: vm_ops->close after a failed mmap_prepare action");
