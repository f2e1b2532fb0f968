// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/opsdoc_buffer: a buffer of its own for every mmap() call, allocated
 * in .mmap_prepare and mapped with mmap_action_remap_full(). Page n of a
 * buffer holds the byte 0xa0 + n.
 *
 * The mapping can still fail after the hook returns, so the open file owns
 * every buffer: the hook puts it on the file's list with one reference,
 * held by the VMA. .open takes a reference for each copy of the VMA that a
 * split, mremap() or fork() makes; .close drops one, and the last takes the
 * buffer off the list and frees it. .release frees whatever is still on
 * the list.
 *
 * Where the buffer is freed when it does not end up mapped after the hook:
 *
 *  - the action's check refuses the remap: no VMA was made; .release
 *    frees the buffer.
 *  - the mapping merges with a neighbour: no VMA of ours uses the buffer
 *    (a remap never merges, but the driver does not rely on that);
 *    .release frees it.
 *  - the VMA cannot be allocated (-ENOMEM): as for the check.
 *  - the remap itself fails: .release frees the buffer, or .close does if
 *    it is called for that VMA. The last reference and the list decide who
 *    frees it, so either way it is freed once.
 *
 * Each VMA holds a reference to the file, so .release runs only after the
 * last VMA is gone, and no VMA can use a buffer that .release frees. A
 * failed mapping's buffer may stay allocated until then.
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
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/string.h>

#define OPSDOC_ORDER	2
#define OPSDOC_NR_PAGES	BIT(OPSDOC_ORDER)

static char *inject = "none";
module_param(inject, charp, 0644);
MODULE_PARM_DESC(inject, "make a step after mmap_prepare fail: none, check or mapped");

static atomic_t live_buffers = ATOMIC_INIT(0);

/* file->private_data: every buffer allocated through this file. */
struct buffer_file {
	struct mutex lock;		/* protects bufs */
	struct list_head bufs;
};

/* One per mmap() call, shared by the VMAs it splits or is copied into. */
struct buffer_map {
	struct list_head node;		/* on owner->bufs */
	struct buffer_file *owner;
	struct page *pages;
	refcount_t ref;			/* one per VMA */
};

static struct buffer_map *buffer_alloc(struct buffer_file *bf)
{
	struct buffer_map *map;
	int i;

	map = kzalloc_obj(*map);
	if (!map)
		return NULL;
	map->pages = alloc_pages(GFP_KERNEL, OPSDOC_ORDER);
	if (!map->pages) {
		kfree(map);
		return NULL;
	}
	for (i = 0; i < OPSDOC_NR_PAGES; i++)
		memset(page_address(map->pages + i), 0xa0 + i, PAGE_SIZE);
	map->owner = bf;
	refcount_set(&map->ref, 1);
	atomic_inc(&live_buffers);
	return map;
}

static void buffer_free(struct buffer_map *map)
{
	__free_pages(map->pages, OPSDOC_ORDER);
	kfree(map);
	atomic_dec(&live_buffers);
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

/* A split, mremap() or fork() made a copy of the VMA. */
static void buffer_vm_open(struct vm_area_struct *vma)
{
	struct buffer_map *map = vma->vm_private_data;

	refcount_inc(&map->ref);
}

/* A VMA goes; the last one frees the buffer. */
static void buffer_vm_close(struct vm_area_struct *vma)
{
	struct buffer_map *map = vma->vm_private_data;
	struct buffer_file *bf = map->owner;

	if (refcount_dec_and_mutex_lock(&map->ref, &bf->lock)) {
		list_del(&map->node);
		mutex_unlock(&bf->lock);
		buffer_free(map);
	}
}

static const struct vm_operations_struct buffer_vm_ops = {
	.mapped	= buffer_vm_mapped,
	.open	= buffer_vm_open,
	.close	= buffer_vm_close,
};

static int buffer_mmap_prepare(struct vm_area_desc *desc)
{
	struct buffer_file *bf = desc->file->private_data;
	unsigned long nr = vma_desc_pages(desc);
	unsigned long pfn;
	struct buffer_map *map;

	if (desc->pgoff || nr > OPSDOC_NR_PAGES)
		return -EINVAL;
	map = buffer_alloc(bf);
	if (!map)
		return -ENOMEM;
	/* From here on, whatever fails, .close or .release frees it. */
	mutex_lock(&bf->lock);
	list_add(&map->node, &bf->bufs);
	mutex_unlock(&bf->lock);

	desc->vm_ops = &buffer_vm_ops;
	desc->private_data = map;
	pfn = page_to_pfn(map->pages);
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
	INIT_LIST_HEAD(&bf->bufs);
	file->private_data = bf;
	return 0;
}

/* No VMA is left (each holds the file): free the buffers of failed mmaps. */
static int buffer_release(struct inode *inode, struct file *file)
{
	struct buffer_file *bf = file->private_data;
	struct buffer_map *map, *next;

	list_for_each_entry_safe(map, next, &bf->bufs, node) {
		list_del(&map->node);
		buffer_free(map);
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
MODULE_DESCRIPTION("opsdoc example: a buffer per mapping from mmap_prepare, owned by the open file");
