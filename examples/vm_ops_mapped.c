// SPDX-License-Identifier: GPL-2.0
/*
 * vm_ops_mapped - vm_operations_struct.mapped: act once a mapping is sure.
 *
 * /dev/opsdoc_mapped gives each open file one window onto OPSDOC_NR_PAGES
 * kernel pages (page n filled with 0xa0 + n), shared only, served by a
 * fault handler. The first mmap() of the file claims the window and records
 * where it landed; any later mmap() of the same file fails with EBUSY.
 * Reading the file returns "window START-END pgoff P faults F\n", or
 * "no window\n", which is what the exerciser checks.
 *
 * The claim cannot be made in .mmap_prepare: the mapping can still fail
 * after the hook returns, and a failed mmap() must not use up the window.
 * .mapped is called only when the new mapping is in place and nothing else
 * can make mmap() fail, so the claim goes there. It can still refuse the
 * mapping: mmap() then fails with its error. It needs no undo, as the file
 * keeps its window until .release, and the file's state lives as long as
 * the file, which every VMA holds. So there is no .close.
 *
 * .mapped gets a copy of the private data the hook set (here the file's
 * state), and what it leaves there becomes the VMA's vm_private_data, which
 * the fault handler reads. A mapping that merges with its neighbour is not
 * passed to .mapped, so the hook sets VMA_DONTEXPAND_BIT: the mapping never
 * merges, and mremap() cannot grow it. Splitting or copying the VMA
 * (munmap() or mprotect() of a part, mremap(), fork()) does not call
 * .mapped either; the copies share the window.
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define OPSDOC_NR_PAGES	4

static struct page *mapped_pages[OPSDOC_NR_PAGES];

/* file->private_data: the file's window. */
struct mapped_file {
	spinlock_t lock;		/* protects the window's fields */
	bool claimed;
	unsigned long start;
	unsigned long end;
	pgoff_t pgoff;
	atomic_t nr_faults;
};

static vm_fault_t mapped_vm_fault(struct vm_fault *vmf)
{
	struct mapped_file *mf = vmf->vma->vm_private_data;
	struct page *page;

	if (vmf->pgoff >= OPSDOC_NR_PAGES)
		return VM_FAULT_SIGBUS;
	atomic_inc(&mf->nr_faults);
	page = mapped_pages[vmf->pgoff];
	get_page(page);
	vmf->page = page;
	return 0;
}

/* The mapping is in place: claim the file's window for it. */
static int mapped_vm_mapped(unsigned long start, unsigned long end,
			    pgoff_t pgoff, const struct file *file,
			    void **vm_private_data)
{
	struct mapped_file *mf = *vm_private_data;
	int ret = 0;

	spin_lock(&mf->lock);
	if (mf->claimed) {
		ret = -EBUSY;
	} else {
		mf->claimed = true;
		mf->start = start;
		mf->end = end;
		mf->pgoff = pgoff;
	}
	spin_unlock(&mf->lock);
	return ret;
}

static const struct vm_operations_struct mapped_vm_ops = {
	.mapped	= mapped_vm_mapped,
	.fault	= mapped_vm_fault,
};

static int mapped_mmap_prepare(struct vm_area_desc *desc)
{
	unsigned long nr = vma_desc_pages(desc);

	if (!vma_desc_test(desc, VMA_MAYSHARE_BIT))
		return -EINVAL;
	if (desc->pgoff >= OPSDOC_NR_PAGES ||
	    nr > OPSDOC_NR_PAGES - desc->pgoff)
		return -EINVAL;

	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT);
	desc->vm_ops = &mapped_vm_ops;
	desc->private_data = desc->file->private_data;
	return 0;
}

static int mapped_open(struct inode *inode, struct file *file)
{
	struct mapped_file *mf = kzalloc_obj(*mf);

	if (!mf)
		return -ENOMEM;
	spin_lock_init(&mf->lock);
	atomic_set(&mf->nr_faults, 0);
	file->private_data = mf;
	return 0;
}

/* Every VMA holds the file: none of them is left to read the window. */
static int mapped_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t mapped_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	struct mapped_file *mf = file->private_data;
	char text[96];
	int len;

	spin_lock(&mf->lock);
	if (mf->claimed)
		len = scnprintf(text, sizeof(text),
				"window %lx-%lx pgoff %lu faults %d\n",
				mf->start, mf->end, mf->pgoff,
				atomic_read(&mf->nr_faults));
	else
		len = scnprintf(text, sizeof(text), "no window\n");
	spin_unlock(&mf->lock);
	return simple_read_from_buffer(buf, count, ppos, text, len);
}

static const struct file_operations mapped_fops = {
	.owner		= THIS_MODULE,
	.open		= mapped_open,
	.release	= mapped_release,
	.read		= mapped_read,
	.mmap_prepare	= mapped_mmap_prepare,
};

static struct miscdevice mapped_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_mapped",
	.fops	= &mapped_fops,
	.mode	= 0666,
};

static void mapped_free(void)
{
	int i;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		if (mapped_pages[i])
			__free_page(mapped_pages[i]);
		mapped_pages[i] = NULL;
	}
}

static int __init mapped_init(void)
{
	int i, ret;

	for (i = 0; i < OPSDOC_NR_PAGES; i++) {
		mapped_pages[i] = alloc_page(GFP_KERNEL);
		if (!mapped_pages[i]) {
			mapped_free();
			return -ENOMEM;
		}
		memset(page_address(mapped_pages[i]), 0xa0 + i, PAGE_SIZE);
	}

	ret = misc_register(&mapped_misc);
	if (ret)
		mapped_free();
	return ret;
}

static void __exit mapped_exit(void)
{
	misc_deregister(&mapped_misc);
	mapped_free();
}

module_init(mapped_init);
module_exit(mapped_exit);

MODULE_DESCRIPTION("opsdoc example: claim a window from vm_ops->mapped");
MODULE_LICENSE("GPL");
