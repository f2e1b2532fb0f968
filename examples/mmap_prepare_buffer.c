// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/opsdoc_buffer: a buffer of its own for every open file, allocated
 * by the first mmap() of that file in .mmap_prepare, mapped with
 * mmap_action_remap_full() by every mmap() of the file, and freed by
 * .release. Page n of a buffer holds the byte 0xa0 + n.
 *
 * The mapping can still fail after the hook returns, and ->mapped runs
 * only after the action, so the buffer cannot belong to a mapping: the
 * open file owns it. Whichever step after the hook fails (the action's
 * check, the VMA allocation, the remap once the VMA exists), the buffer
 * stays with the file for its next mmap(), and .release frees it. Each
 * VMA holds a reference to the file, so .release runs only after the last
 * VMA is gone, forks and splits included. No .open or .close is needed,
 * and a file never has more than one buffer, however many mmap() calls
 * fail.
 *
 * The module parameter inject makes a step after the hook fail, for the
 * exerciser: "check" asks for a remap of part of a private mapping, which
 * the check refuses; "mapped" makes .mapped fail, as a failed remap would,
 * once the VMA exists. .mapped has no other job. failslab on the
 * vm_area_struct cache makes the VMA allocation fail. live_buffers counts
 * the buffers not yet freed.
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#define OPSDOC_ORDER	2
#define OPSDOC_NR_PAGES	BIT(OPSDOC_ORDER)

static char *inject = "none";
module_param(inject, charp, 0644);
MODULE_PARM_DESC(inject, "make a step after mmap_prepare fail: none, check or mapped");

static atomic_t live_buffers = ATOMIC_INIT(0);

/* file->private_data: the file's buffer, once an mmap() allocated it. */
struct buffer_file {
	struct mutex lock;		/* protects pages */
	struct page *pages;
};

/* The file's buffer, allocated by its first mmap(); NULL if that fails. */
static struct page *buffer_get(struct buffer_file *bf)
{
	struct page *pages;
	int i;

	mutex_lock(&bf->lock);
	pages = bf->pages;
	if (!pages) {
		pages = alloc_pages(GFP_KERNEL, OPSDOC_ORDER);
		if (pages) {
			for (i = 0; i < OPSDOC_NR_PAGES; i++)
				memset(page_address(pages + i), 0xa0 + i,
				       PAGE_SIZE);
			atomic_inc(&live_buffers);
			bf->pages = pages;
		}
	}
	mutex_unlock(&bf->lock);
	return pages;
}

/* The parameter's string is replaced when written: read it locked. */
static bool injected(const char *step)
{
	bool ret;

	kernel_param_lock(THIS_MODULE);
	ret = sysfs_streq(inject, step);
	kernel_param_unlock(THIS_MODULE);
	return ret;
}

/* Only for the exerciser: fail once the VMA exists, as a failed remap. */
static int buffer_vm_mapped(unsigned long start, unsigned long end,
			    pgoff_t pgoff, const struct file *file,
			    void **vm_private_data)
{
	return injected("mapped") ? -ENOMEM : 0;
}

static const struct vm_operations_struct buffer_vm_ops = {
	.mapped	= buffer_vm_mapped,
};

static int buffer_mmap_prepare(struct vm_area_desc *desc)
{
	struct buffer_file *bf = desc->file->private_data;
	unsigned long nr = vma_desc_pages(desc);
	struct page *pages;
	unsigned long pfn;

	if (desc->pgoff || nr > OPSDOC_NR_PAGES)
		return -EINVAL;
	/* Whatever fails from here on, the buffer stays with the file. */
	pages = buffer_get(bf);
	if (!pages)
		return -ENOMEM;

	desc->vm_ops = &buffer_vm_ops;
	pfn = page_to_pfn(pages);
	if (injected("check") && nr > 1)
		/* Part of a private mapping: the action's check refuses it. */
		mmap_action_remap(desc, desc->start + PAGE_SIZE, pfn,
				  vma_desc_size(desc) - PAGE_SIZE);
	else
		mmap_action_remap_full(desc, pfn);
	return 0;
}

static int buffer_open(struct inode *inode, struct file *file)
{
	struct buffer_file *bf = kzalloc_obj(*bf);

	if (!bf)
		return -ENOMEM;
	mutex_init(&bf->lock);
	file->private_data = bf;
	return 0;
}

/* No VMA maps the buffer any more: each holds the file. */
static int buffer_release(struct inode *inode, struct file *file)
{
	struct buffer_file *bf = file->private_data;

	if (bf->pages) {
		__free_pages(bf->pages, OPSDOC_ORDER);
		atomic_dec(&live_buffers);
	}
	mutex_destroy(&bf->lock);
	kfree(bf);
	return 0;
}

static const struct file_operations buffer_fops = {
	.owner		= THIS_MODULE,
	.open		= buffer_open,
	.release	= buffer_release,
	.mmap_prepare	= buffer_mmap_prepare,
};

static struct miscdevice buffer_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_buffer",
	.fops	= &buffer_fops,
	.mode	= 0666,
};

static int live_buffers_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%d\n", atomic_read(&live_buffers));
}

static const struct kernel_param_ops live_buffers_ops = {
	.get = live_buffers_get,
};
module_param_cb(live_buffers, &live_buffers_ops, NULL, 0444);
MODULE_PARM_DESC(live_buffers, "buffers allocated and not yet freed");

module_misc_device(buffer_misc);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("opsdoc example: a buffer that mmap_prepare maps, owned by the open file");
