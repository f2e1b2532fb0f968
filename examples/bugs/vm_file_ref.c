// SPDX-License-Identifier: GPL-2.0
/*
 * Reproducer: the reference to a vm_file that .mmap_prepare installs is
 * leaked when the mapping fails in the action's check or merges, or when
 * the hook is called through compat_vma_mmap(), and put twice when the new
 * file's own .mmap fails.
 *
 * /dev/opsdoc_bug_vmfile: once VMFILE_SET_OTHER has named another open
 * file, the hook points desc->vm_file at it and takes the reference that
 * the VMA will own (get_file()). With VMFILE_FAIL_ACTION it also asks for
 * a remap of all but the first page of a mapping of two pages or more,
 * which the action's check refuses for a private (CoW) mapping. Without
 * another file the hook maps nothing; such a mapping is a neighbour that
 * a later one can merge with.
 *
 * /dev/opsdoc_bug_vmfile_legacy: a file with an .mmap hook that fails,
 * to be the new vm_file.
 *
 * /dev/opsdoc_bug_vmfile_stack: an .mmap hook that maps the file set on
 * it with VMFILE_SET_OTHER (a /dev/opsdoc_bug_vmfile) as stacked file
 * systems map their backing file, so that the mmap_prepare hook runs
 * through compat_vma_mmap().
 *
 * The module keeps its own reference to the other file until the file it
 * was set on is released, so VMFILE_OTHER_COUNT can read file_count()
 * whatever the mapping did to it.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include "vm_file_ref.h"

/* file->private_data of an open /dev/opsdoc_bug_vmfile or _stack. */
struct vmfile_state {
	struct mutex lock;	/* protects the fields below */
	struct file *other;
	bool fail_action;
};

static struct page *vmfile_page;

static int vmfile_mmap_prepare(struct vm_area_desc *desc)
{
	struct vmfile_state *st = desc->file->private_data;
	int err = 0;

	mutex_lock(&st->lock);
	if (!st->other)
		goto unlock;
	if (st->fail_action && vma_desc_pages(desc) < 2) {
		err = -EINVAL;
		goto unlock;
	}
	desc->vm_file = get_file(st->other);
	if (st->fail_action)
		/* Part of a CoW mapping: the action's check refuses it. */
		mmap_action_remap(desc, desc->start + PAGE_SIZE,
				  page_to_pfn(vmfile_page),
				  vma_desc_size(desc) - PAGE_SIZE);
unlock:
	mutex_unlock(&st->lock);
	return err;
}

static long vmfile_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	struct vmfile_state *st = file->private_data;
	struct file *other;
	long ret = 0;

	mutex_lock(&st->lock);
	switch (cmd) {
	case VMFILE_SET_OTHER:
		other = fget(arg);
		if (!other) {
			ret = -EBADF;
			break;
		}
		if (st->other)
			fput(st->other);
		st->other = other;
		break;
	case VMFILE_OTHER_COUNT:
		ret = st->other ? file_count(st->other) : -ENOENT;
		break;
	case VMFILE_FAIL_ACTION:
		st->fail_action = arg;
		break;
	case VMFILE_FORGET_OTHER:
		st->other = NULL;
		break;
	default:
		ret = -ENOTTY;
	}
	mutex_unlock(&st->lock);
	return ret;
}

static int vmfile_open(struct inode *inode, struct file *file)
{
	struct vmfile_state *st = kzalloc_obj(*st);

	if (!st)
		return -ENOMEM;
	mutex_init(&st->lock);
	file->private_data = st;
	return 0;
}

static int vmfile_release(struct inode *inode, struct file *file)
{
	struct vmfile_state *st = file->private_data;

	if (st->other)
		fput(st->other);
	mutex_destroy(&st->lock);
	kfree(st);
	return 0;
}

static const struct file_operations vmfile_fops = {
	.owner		= THIS_MODULE,
	.open		= vmfile_open,
	.release	= vmfile_release,
	.unlocked_ioctl	= vmfile_ioctl,
	.mmap_prepare	= vmfile_mmap_prepare,
};

static struct miscdevice vmfile_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_bug_vmfile",
	.fops	= &vmfile_fops,
	.mode	= 0666,
};

static int vmfile_legacy_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -EINVAL;
}

static const struct file_operations vmfile_legacy_fops = {
	.owner	= THIS_MODULE,
	.mmap	= vmfile_legacy_mmap,
};

static struct miscdevice vmfile_legacy_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_bug_vmfile_legacy",
	.fops	= &vmfile_legacy_fops,
	.mode	= 0666,
};

/*
 * A stacked .mmap, as a backing file's user has: map the file set on this
 * one with VMFILE_SET_OTHER through its own hook, which gets a VMA.
 */
static int vmfile_stack_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vmfile_state *st = file->private_data;
	struct file *lower;

	mutex_lock(&st->lock);
	lower = st->other;
	mutex_unlock(&st->lock);
	if (!lower || !lower->f_op->mmap_prepare)
		return -EINVAL;
	vma_set_file(vma, lower);
	return vfs_mmap(lower, vma);
}

static const struct file_operations vmfile_stack_fops = {
	.owner		= THIS_MODULE,
	.open		= vmfile_open,
	.release	= vmfile_release,
	.unlocked_ioctl	= vmfile_ioctl,
	.mmap		= vmfile_stack_mmap,
};

static struct miscdevice vmfile_stack_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "opsdoc_bug_vmfile_stack",
	.fops	= &vmfile_stack_fops,
	.mode	= 0666,
};

static int __init vmfile_init(void)
{
	int err;

	vmfile_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!vmfile_page)
		return -ENOMEM;
	err = misc_register(&vmfile_misc);
	if (err)
		goto free_page;
	err = misc_register(&vmfile_legacy_misc);
	if (err)
		goto deregister_vmfile;
	err = misc_register(&vmfile_stack_misc);
	if (err)
		goto deregister_legacy;
	return 0;

deregister_legacy:
	misc_deregister(&vmfile_legacy_misc);
deregister_vmfile:
	misc_deregister(&vmfile_misc);
free_page:
	__free_page(vmfile_page);
	return err;
}

static void __exit vmfile_exit(void)
{
	misc_deregister(&vmfile_stack_misc);
	misc_deregister(&vmfile_legacy_misc);
	misc_deregister(&vmfile_misc);
	__free_page(vmfile_page);
}

module_init(vmfile_init);
module_exit(vmfile_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("opsdoc reproducer: the vm_file reference that mmap_prepare hands over");
