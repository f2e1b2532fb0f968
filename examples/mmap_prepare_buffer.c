// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/opsdoc_buffer: a buffer of its own for every mmap() call, allocated
 * in .mmap_prepare and handed to the kernel with mmap_action_remap_full(),
 * and freed on every path that mmap() can take after the hook. Page n of a
 * buffer holds the byte 0xa0 + n.
 *
 * What runs after .mmap_prepare returns (mm/vma.c __mmap_region() and
 * mm/util.c mmap_action_*() in 7.3):
 *
 *  1. the action's check, mmap_action_prepare(): a remap the range does
 *     not allow fails here, and mmap() returns the error. No hook of the
 *     driver runs.
 *  2. the merge with a neighbouring VMA: if it merges, no action runs and
 *     neither .mapped nor anything else of ours is called. (A remap sets
 *     VM_PFNMAP and VM_IO, which never merge, but a driver must not count
 *     on its flags for that.)
 *  3. vm_area_alloc() and vma_iter_prealloc(): -ENOMEM, and again no hook.
 *  4. the action itself, mmap_action_complete(): on failure the new VMA,
 *     which already has our vm_ops and private_data, is unmapped with
 *     do_munmap(), so .close runs.
 *  5. .mapped, on success only; if it fails, do_munmap() again, .close.
 *
 * So the buffer belongs to the VMA only from .mapped on, and .close frees
 * it on paths 4 and 5. On paths 1 to 3 nothing is called: the buffer waits
 * on the file's list of pending buffers, tagged with the mm of the mmap()
 * call. The next .mmap_prepare of that mm frees it (it holds that mm's
 * mmap_lock for write, so no other mmap() of the mm is still running), and
 * so does .release of the file (a VMA holds a reference to the file, so
 * by then no VMA can still use a pending buffer).
 *
 * The module parameter inject makes a later step fail, for the exerciser:
 * "check" asks for a remap of part of a private mapping, which the check
 * refuses (path 1); "mapped" makes .mapped fail (path 5). Path 3 is made to
 * fail by failslab on the vm_area_struct cache. live_buffers counts the
 * buffers not yet freed.
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

/* One per mmap() call, shared by the VMAs it splits or is copied into. */
struct buffer_map {
	struct list_head pending;	/* on buffer_file.pending until .mapped */
	const struct mm_struct *mm;	/* whose mmap() allocated it */
	struct page *pages;
	refcount_t ref;
};

/* file->private_data: the buffers no VMA has taken yet. */
struct buffer_file {
	struct mutex lock;		/* protects pending */
	struct list_head pending;
};

static struct buffer_map *buffer_alloc(const struct mm_struct *mm)
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
	INIT_LIST_HEAD(&map->pending);
	map->mm = mm;
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

/* Free the pending buffers of mm, or all of them when mm is NULL. */
static void buffer_free_pending(struct buffer_file *bf,
				const struct mm_struct *mm)
{
	struct buffer_map *map, *next;
	LIST_HEAD(stale);

	mutex_lock(&bf->lock);
	list_for_each_entry_safe(map, next, &bf->pending, pending)
		if (!mm || map->mm == mm)
			list_move(&map->pending, &stale);
	mutex_unlock(&bf->lock);
	list_for_each_entry_safe(map, next, &stale, pending)
		buffer_free(map);
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

/* Success: from here on the buffer is the VMA's. */
static int buffer_vm_mapped(unsigned long start, unsigned long end,
			    pgoff_t pgoff, const struct file *file,
			    void **vm_private_data)
{
	struct buffer_file *bf = file->private_data;
	struct buffer_map *map = *vm_private_data;

	/* Path 5: the kernel unmaps the VMA, and .close frees the buffer. */
	if (injected("mapped"))
		return -ENOMEM;
	mutex_lock(&bf->lock);
	list_del_init(&map->pending);
	mutex_unlock(&bf->lock);
	return 0;
}

/* A split or a fork: one more VMA uses the buffer. */
static void buffer_vm_open(struct vm_area_struct *vma)
{
	struct buffer_map *map = vma->vm_private_data;

	refcount_inc(&map->ref);
}

/*
 * The last VMA goes, or the mapping failed in the action (path 4) or in
 * .mapped (path 5) and the buffer is still pending: take it off the list.
 */
static void buffer_vm_close(struct vm_area_struct *vma)
{
	struct buffer_file *bf = vma->vm_file->private_data;
	struct buffer_map *map = vma->vm_private_data;

	mutex_lock(&bf->lock);
	list_del_init(&map->pending);
	mutex_unlock(&bf->lock);
	if (refcount_dec_and_test(&map->ref))
		buffer_free(map);
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
	/* Paths 1 to 3 of an earlier mmap() of this mm: free what they left. */
	buffer_free_pending(bf, desc->mm);
	map = buffer_alloc(desc->mm);
	if (!map)
		return -ENOMEM;
	mutex_lock(&bf->lock);
	list_add(&map->pending, &bf->pending);
	mutex_unlock(&bf->lock);

	desc->vm_ops = &buffer_vm_ops;
	desc->private_data = map;
	pfn = page_to_pfn(map->pages);
	if (injected("check") && nr > 1)
		/* Path 1: part of a private mapping; the check refuses it. */
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
	INIT_LIST_HEAD(&bf->pending);
	file->private_data = bf;
	return 0;
}

/* No VMA is left (each holds the file): every pending buffer is stale. */
static int buffer_release(struct inode *inode, struct file *file)
{
	struct buffer_file *bf = file->private_data;

	buffer_free_pending(bf, NULL);
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
MODULE_DESCRIPTION("opsdoc example: a buffer per mapping from mmap_prepare, freed on every failure");
