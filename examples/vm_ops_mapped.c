// SPDX-License-Identifier: GPL-2.0
/*
 * vm_ops_mapped - per-mapping state from vm_operations_struct.mapped.
 *
 * .mmap_prepare runs before the VMA exists, and the mapping can still fail
 * after it returns, so it is the wrong place to allocate something that
 * lives as long as the mapping. .mapped is called once the mapping is in
 * place (after the mmap action, if any); it allocates the mapping's state
 * and stores it through vm_private_data, which starts out as whatever
 * .mmap_prepare put in desc->private_data (nothing, here).
 *
 * If the mmap action or .mapped itself fails, the core unmaps the VMA and
 * .close runs on it without a state: .close must allow for that.
 *
 * The state is then shared by every VMA that comes from the mapping:
 * splitting it (munmap or mprotect of a part) and copying it (fork, mremap)
 * call .open on the new VMA, and .close runs for each VMA that goes away.
 * So the state is reference counted and freed by the last .close.
 *
 * /dev/opsdoc_mapped maps OPSDOC_NR_PAGES kernel pages (page n filled with
 * 0xa0 + n), shared only, and refuses other requests with EINVAL. Reading
 * the device returns "mappings M refs R\n": M states alive, R references
 * to them, which is what the exerciser checks across split, fork and unmap.
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/refcount.h>
#include <linux/slab.h>

#define OPSDOC_NR_PAGES	4

struct mapped_dev {
	struct miscdevice misc;
	struct page *pages[OPSDOC_NR_PAGES];
	atomic_t nr_states;
	atomic_t nr_refs;
};

/* One per mmap() call, shared by the VMAs it splits or is copied into. */
struct mapped_state {
	struct mapped_dev *dev;
	refcount_t ref;
};

static const struct file_operations mapped_fops;

static struct mapped_dev mapped_dev = {
	.misc = {
		.minor	= MISC_DYNAMIC_MINOR,
		.name	= "opsdoc_mapped",
		.fops	= &mapped_fops,
		.mode	= 0666,
	},
};

static int mapped_vm_mapped(unsigned long start, unsigned long end,
			    pgoff_t pgoff, const struct file *file,
			    void **vm_private_data)
{
	/* misc_open() points private_data at the miscdevice. */
	struct mapped_dev *dev = container_of(file->private_data,
					      struct mapped_dev, misc);
	struct mapped_state *state;

	state = kzalloc_obj(*state, GFP_KERNEL);
	if (!state)
		return -ENOMEM;
	state->dev = dev;
	refcount_set(&state->ref, 1);
	atomic_inc(&dev->nr_states);
	atomic_inc(&dev->nr_refs);

	*vm_private_data = state;
	return 0;
}

static void mapped_vm_open(struct vm_area_struct *vma)
{
	struct mapped_state *state = vma->vm_private_data;

	refcount_inc(&state->ref);
	atomic_inc(&state->dev->nr_refs);
}

static void mapped_vm_close(struct vm_area_struct *vma)
{
	struct mapped_state *state = vma->vm_private_data;
	struct mapped_dev *dev;

	/* The mapping failed before .mapped stored a state. */
	if (!state)
		return;

	dev = state->dev;
	atomic_dec(&dev->nr_refs);
	if (refcount_dec_and_test(&state->ref)) {
		atomic_dec(&dev->nr_states);
		kfree(state);
	}
}

static const struct vm_operations_struct mapped_vm_ops = {
	.mapped	= mapped_vm_mapped,
	.open	= mapped_vm_open,
	.close	= mapped_vm_close,
};

static int mapped_mmap_prepare(struct vm_area_desc *desc)
{
	struct mapped_dev *dev = container_of(desc->file->private_data,
					      struct mapped_dev, misc);
	unsigned long nr = vma_desc_pages(desc);

	if (!vma_desc_test(desc, VMA_MAYSHARE_BIT))
		return -EINVAL;
	if (desc->pgoff >= OPSDOC_NR_PAGES ||
	    nr > OPSDOC_NR_PAGES - desc->pgoff)
		return -EINVAL;

	/*
	 * .mapped is not called when a new mapping merges into its
	 * neighbour; one state per mmap() call needs mappings that never
	 * merge or grow.
	 */
	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT);
	desc->vm_ops = &mapped_vm_ops;
	mmap_action_map_kernel_pages_full(desc, &dev->pages[desc->pgoff]);
	return 0;
}

static ssize_t mapped_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	struct mapped_dev *dev = container_of(file->private_data,
					      struct mapped_dev, misc);
	char text[64];
	int len;

	len = scnprintf(text, sizeof(text), "mappings %d refs %d\n",
			atomic_read(&dev->nr_states),
			atomic_read(&dev->nr_refs));
	return simple_read_from_buffer(buf, count, ppos, text, len);
}

static const struct file_operations mapped_fops = {
	.owner		= THIS_MODULE,
	.read		= mapped_read,
	.mmap_prepare	= mapped_mmap_prepare,
};

static void mapped_free(struct mapped_dev *dev)
{
	int i;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		if (dev->pages[i])
			__free_page(dev->pages[i]);
		dev->pages[i] = NULL;
	}
}

static int __init mapped_init(void)
{
	struct mapped_dev *dev = &mapped_dev;
	int i, ret;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		dev->pages[i] = alloc_page(GFP_KERNEL);
		if (!dev->pages[i]) {
			mapped_free(dev);
			return -ENOMEM;
		}
		memset(page_address(dev->pages[i]), 0xa0 + i, PAGE_SIZE);
	}

	ret = misc_register(&dev->misc);
	if (ret)
		mapped_free(dev);
	return ret;
}

static void __exit mapped_exit(void)
{
	misc_deregister(&mapped_dev.misc);
	mapped_free(&mapped_dev);
}

module_init(mapped_init);
module_exit(mapped_exit);

MODULE_DESCRIPTION("opsdoc example: per-mapping state from vm_ops->mapped");
MODULE_LICENSE("GPL");
