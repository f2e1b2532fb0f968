// SPDX-License-Identifier: GPL-2.0
/*
 * opsdocfs: a small in-memory filesystem that implements the VFS callbacks
 * a filesystem without a disk has a use for, each in a function of its own
 * so that each can be read and traced. File data lives in the page cache
 * and is never written back; names live in the dcache, pinned by
 * d_make_persistent(); user.* extended attributes live in a list on the
 * inode.
 *
 * Where the kernel has a generic helper, the callback calls it and its
 * comment names the helper a real filesystem would put in the ops table
 * directly.
 *
 * Mount options: mode=OCTAL (the root directory's mode, 0755 by default)
 * and casefold (names are looked up without regard to ASCII case). The
 * module parameter live_inodes says how many inodes are allocated, for the
 * exerciser to check that umount leaves none.
 */
#include <linux/ctype.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pagemap.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/statfs.h>
#include <linux/stringhash.h>
#include <linux/xattr.h>

#define OPSDOCFS_MAGIC		0x6f707364	/* "opsd" */
#define OPSDOCFS_DEFAULT_MODE	0755

struct opsdocfs_mount_opts {
	umode_t mode;
	bool casefold;
};

/* The superblock's private data, sb->s_fs_info. */
struct opsdocfs_sb_info {
	struct opsdocfs_mount_opts opts;
	atomic_long_t nr_inodes;
};

/* One user.* attribute: its name without the prefix, then its value. */
struct opsdocfs_xattr {
	struct list_head list;
	size_t size;
	char *value;
	char name[];
};

struct opsdocfs_inode {
	spinlock_t xattr_lock;		/* protects xattrs */
	struct list_head xattrs;
	char *symlink;			/* a symlink's target, freed after RCU */
	struct inode vfs_inode;
};

static struct kmem_cache *opsdocfs_inode_cachep;
static atomic_t opsdocfs_live_inodes = ATOMIC_INIT(0);

static inline struct opsdocfs_inode *OPSDOCFS_I(struct inode *inode)
{
	return container_of(inode, struct opsdocfs_inode, vfs_inode);
}

static inline struct opsdocfs_sb_info *OPSDOCFS_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static const struct super_operations opsdocfs_super_ops;
static const struct inode_operations opsdocfs_dir_inode_ops;
static const struct inode_operations opsdocfs_file_inode_ops;
static const struct inode_operations opsdocfs_symlink_inode_ops;
static const struct file_operations opsdocfs_file_ops;
static const struct file_operations opsdocfs_dir_ops;
static const struct address_space_operations opsdocfs_aops;

/* super_operations */

static struct inode *opsdocfs_alloc_inode(struct super_block *sb)
{
	struct opsdocfs_inode *oi;

	oi = alloc_inode_sb(sb, opsdocfs_inode_cachep, GFP_KERNEL);
	if (!oi)
		return NULL;
	spin_lock_init(&oi->xattr_lock);
	INIT_LIST_HEAD(&oi->xattrs);
	oi->symlink = NULL;
	atomic_long_inc(&OPSDOCFS_SB(sb)->nr_inodes);
	atomic_inc(&opsdocfs_live_inodes);
	return &oi->vfs_inode;
}

/* Called after an RCU grace period: a path walk may still read symlink. */
static void opsdocfs_free_inode(struct inode *inode)
{
	struct opsdocfs_inode *oi = OPSDOCFS_I(inode);

	kfree(oi->symlink);
	kmem_cache_free(opsdocfs_inode_cachep, oi);
	atomic_dec(&opsdocfs_live_inodes);
}

static void opsdocfs_evict_inode(struct inode *inode)
{
	struct opsdocfs_inode *oi = OPSDOCFS_I(inode);
	struct opsdocfs_xattr *x, *next;

	truncate_inode_pages_final(&inode->i_data);
	clear_inode(inode);
	/* No one else can reach the inode any more: no lock needed. */
	list_for_each_entry_safe(x, next, &oi->xattrs, list) {
		list_del(&x->list);
		kfree(x);
	}
	atomic_long_dec(&OPSDOCFS_SB(inode->i_sb)->nr_inodes);
}

/*
 * Every inode is reachable only through its pinned dentries: once the
 * last reference goes it is gone for good, so evict it now. A real
 * filesystem leaves .drop_inode NULL or uses inode_just_drop.
 */
static int opsdocfs_drop_inode(struct inode *inode)
{
	return inode_just_drop(inode);
}

/* simple_statfs() fills the sizes; the count of inodes is ours. */
static int opsdocfs_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	int err = simple_statfs(dentry, buf);

	if (!err)
		buf->f_files = atomic_long_read(&OPSDOCFS_SB(dentry->d_sb)->nr_inodes);
	return err;
}

static int opsdocfs_show_options(struct seq_file *m, struct dentry *root)
{
	struct opsdocfs_mount_opts *opts = &OPSDOCFS_SB(root->d_sb)->opts;

	if (opts->mode != OPSDOCFS_DEFAULT_MODE)
		seq_printf(m, ",mode=%o", opts->mode);
	if (opts->casefold)
		seq_puts(m, ",casefold");
	return 0;
}

static const struct super_operations opsdocfs_super_ops = {
	.alloc_inode	= opsdocfs_alloc_inode,
	.free_inode	= opsdocfs_free_inode,
	.evict_inode	= opsdocfs_evict_inode,
	.drop_inode	= opsdocfs_drop_inode,
	.statfs		= opsdocfs_statfs,
	.show_options	= opsdocfs_show_options,
};

static struct inode *opsdocfs_get_inode(struct super_block *sb,
					const struct inode *dir, umode_t mode)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = get_next_ino();
	inode_init_owner(&nop_mnt_idmap, inode, dir, mode);
	inode->i_mapping->a_ops = &opsdocfs_aops;
	/* Nothing writes the pages back: they must stay in memory. */
	mapping_set_unevictable(inode->i_mapping);
	simple_inode_init_ts(inode);
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &opsdocfs_file_inode_ops;
		inode->i_fop = &opsdocfs_file_ops;
		break;
	case S_IFDIR:
		inode->i_op = &opsdocfs_dir_inode_ops;
		inode->i_fop = &opsdocfs_dir_ops;
		/* "." and the entry in the parent. */
		inc_nlink(inode);
		break;
	case S_IFLNK:
		inode->i_op = &opsdocfs_symlink_inode_ops;
		break;
	default:
		init_special_inode(inode, mode, 0);
		break;
	}
	return inode;
}

/* inode_operations */

/*
 * Every name that exists has a dentry pinned in the dcache, so a lookup
 * that reaches the filesystem is for a name that does not exist. A real
 * filesystem of this kind sets .lookup = simple_lookup.
 */
static struct dentry *opsdocfs_lookup(struct inode *dir, struct dentry *dentry,
				      unsigned int flags)
{
	return simple_lookup(dir, dentry, flags);
}

static int opsdocfs_mknod(struct inode *dir, struct dentry *dentry,
			  umode_t mode)
{
	struct inode *inode = opsdocfs_get_inode(dir->i_sb, dir, mode);

	if (!inode)
		return -ENOSPC;
	d_make_persistent(dentry, inode);
	inode_set_mtime_to_ts(dir, inode_set_ctime_current(dir));
	return 0;
}

static int opsdocfs_create(struct mnt_idmap *idmap, struct inode *dir,
			   struct dentry *dentry, umode_t mode)
{
	return opsdocfs_mknod(dir, dentry, (mode & ~S_IFMT) | S_IFREG);
}

static struct dentry *opsdocfs_mkdir(struct mnt_idmap *idmap,
				     struct inode *dir, struct dentry *dentry,
				     umode_t mode)
{
	int err = opsdocfs_mknod(dir, dentry, (mode & ~S_IFMT) | S_IFDIR);

	if (err)
		return ERR_PTR(err);
	/* The new directory's "..". */
	inc_nlink(dir);
	return NULL;
}

/* A real filesystem of this kind sets .link = simple_link. */
static int opsdocfs_link(struct dentry *old_dentry, struct inode *dir,
			 struct dentry *dentry)
{
	return simple_link(old_dentry, dir, dentry);
}

/* A real filesystem of this kind sets .unlink = simple_unlink. */
static int opsdocfs_unlink(struct inode *dir, struct dentry *dentry)
{
	return simple_unlink(dir, dentry);
}

/* A real filesystem of this kind sets .rmdir = simple_rmdir. */
static int opsdocfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	return simple_rmdir(dir, dentry);
}

/*
 * RENAME_NOREPLACE needs nothing here: the VFS has already failed the
 * call with EEXIST if the target exists. RENAME_EXCHANGE swaps the two
 * entries. simple_rename() does both and refuses other flags; a real
 * filesystem of this kind sets .rename = simple_rename.
 */
static int opsdocfs_rename(struct mnt_idmap *idmap, struct inode *old_dir,
			   struct dentry *old_dentry, struct inode *new_dir,
			   struct dentry *new_dentry, unsigned int flags)
{
	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	return simple_rename(idmap, old_dir, old_dentry, new_dir, new_dentry,
			     flags);
}

static int opsdocfs_symlink(struct mnt_idmap *idmap, struct inode *dir,
			    struct dentry *dentry, const char *symname)
{
	struct inode *inode;
	char *target;

	target = kstrdup(symname, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	inode = opsdocfs_get_inode(dir->i_sb, dir, S_IFLNK | 0777);
	if (!inode) {
		kfree(target);
		return -ENOSPC;
	}
	OPSDOCFS_I(inode)->symlink = target;
	inode->i_size = strlen(target);
	d_make_persistent(dentry, inode);
	inode_set_mtime_to_ts(dir, inode_set_ctime_current(dir));
	return 0;
}

/*
 * The target never changes and is freed only after an RCU grace period,
 * so the walk may use it in RCU mode too (dentry NULL). A filesystem that
 * keeps the target in inode->i_link needs no .get_link at all (the VFS
 * reads i_link itself; simple_get_link returns it); this one keeps its own
 * copy so that the callback runs.
 */
static const char *opsdocfs_get_link(struct dentry *dentry,
				     struct inode *inode,
				     struct delayed_call *done)
{
	return OPSDOCFS_I(inode)->symlink;
}

/*
 * chmod, chown, utimes and truncate. simple_setattr() checks the change
 * (setattr_prepare), truncates the page cache to a new size and copies
 * the rest; a real filesystem of this kind sets .setattr = simple_setattr.
 */
static int opsdocfs_setattr(struct mnt_idmap *idmap, struct dentry *dentry,
			    struct iattr *iattr)
{
	return simple_setattr(idmap, dentry, iattr);
}

/* A real filesystem of this kind sets .getattr = simple_getattr. */
static int opsdocfs_getattr(struct mnt_idmap *idmap, const struct path *path,
			    struct kstat *stat, u32 request_mask,
			    unsigned int query_flags)
{
	return simple_getattr(idmap, path, stat, request_mask, query_flags);
}

/* Each attribute as "user.NAME\0"; with size 0, the room that needs. */
static ssize_t opsdocfs_listxattr(struct dentry *dentry, char *buffer,
				  size_t size)
{
	struct opsdocfs_inode *oi = OPSDOCFS_I(d_inode(dentry));
	struct opsdocfs_xattr *x;
	ssize_t total = 0;

	spin_lock(&oi->xattr_lock);
	list_for_each_entry(x, &oi->xattrs, list) {
		size_t len = XATTR_USER_PREFIX_LEN + strlen(x->name) + 1;

		if (buffer) {
			if (total + len > size) {
				total = -ERANGE;
				break;
			}
			memcpy(buffer + total, XATTR_USER_PREFIX,
			       XATTR_USER_PREFIX_LEN);
			memcpy(buffer + total + XATTR_USER_PREFIX_LEN, x->name,
			       len - XATTR_USER_PREFIX_LEN);
		}
		total += len;
	}
	spin_unlock(&oi->xattr_lock);
	return total;
}

static const struct inode_operations opsdocfs_dir_inode_ops = {
	.lookup		= opsdocfs_lookup,
	.create		= opsdocfs_create,
	.link		= opsdocfs_link,
	.unlink		= opsdocfs_unlink,
	.symlink	= opsdocfs_symlink,
	.mkdir		= opsdocfs_mkdir,
	.rmdir		= opsdocfs_rmdir,
	.rename		= opsdocfs_rename,
	.setattr	= opsdocfs_setattr,
	.getattr	= opsdocfs_getattr,
	.listxattr	= opsdocfs_listxattr,
};

static const struct inode_operations opsdocfs_file_inode_ops = {
	.setattr	= opsdocfs_setattr,
	.getattr	= opsdocfs_getattr,
	.listxattr	= opsdocfs_listxattr,
};

static const struct inode_operations opsdocfs_symlink_inode_ops = {
	.get_link	= opsdocfs_get_link,
	.setattr	= opsdocfs_setattr,
	.getattr	= opsdocfs_getattr,
};

/* address_space_operations: the page cache is the only copy of the data. */

/* A page that was never written is a hole: zeros. */
static int opsdocfs_read_folio(struct file *file, struct folio *folio)
{
	folio_zero_range(folio, 0, folio_size(folio));
	flush_dcache_folio(folio);
	folio_mark_uptodate(folio);
	folio_unlock(folio);
	return 0;
}

/*
 * Get the folio locked and, when only part of it will be written and it
 * holds no data yet, zero the rest. A real filesystem of this kind uses
 * simple_write_begin.
 */
static int opsdocfs_write_begin(const struct kiocb *iocb,
				struct address_space *mapping, loff_t pos,
				unsigned int len, struct folio **foliop,
				void **fsdata)
{
	return simple_write_begin(iocb, mapping, pos, len, foliop, fsdata);
}

/*
 * After the copy into the folio (with i_rwsem held): a short copy into a
 * folio that was not uptodate leaves garbage, which is zeroed; the size
 * grows, the folio is dirtied, unlocked and released. ram_aops has the
 * same; libfs does not export its write_end on its own.
 */
static int opsdocfs_write_end(const struct kiocb *iocb,
			      struct address_space *mapping, loff_t pos,
			      unsigned int len, unsigned int copied,
			      struct folio *folio, void *fsdata)
{
	struct inode *inode = mapping->host;

	if (!folio_test_uptodate(folio)) {
		if (copied < len)
			folio_zero_range(folio, offset_in_folio(folio, pos) + copied,
					 len - copied);
		folio_mark_uptodate(folio);
	}
	if (pos + copied > inode->i_size)
		i_size_write(inode, pos + copied);
	folio_mark_dirty(folio);
	folio_unlock(folio);
	folio_put(folio);
	return copied;
}

/*
 * Mark the folio dirty without accounting it for writeback, which never
 * comes. A real filesystem of this kind sets .dirty_folio =
 * noop_dirty_folio.
 */
static bool opsdocfs_dirty_folio(struct address_space *mapping,
				 struct folio *folio)
{
	return noop_dirty_folio(mapping, folio);
}

static const struct address_space_operations opsdocfs_aops = {
	.read_folio	= opsdocfs_read_folio,
	.write_begin	= opsdocfs_write_begin,
	.write_end	= opsdocfs_write_end,
	.dirty_folio	= opsdocfs_dirty_folio,
};

/* file_operations */

/* A real filesystem of this kind sets .read_iter = generic_file_read_iter. */
static ssize_t opsdocfs_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	return generic_file_read_iter(iocb, to);
}

/*
 * generic_file_write_iter() takes i_rwsem and calls write_begin and
 * write_end for each folio. A real filesystem of this kind sets
 * .write_iter = generic_file_write_iter.
 */
static ssize_t opsdocfs_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	return generic_file_write_iter(iocb, from);
}

/* A real filesystem of this kind sets .llseek = generic_file_llseek. */
static loff_t opsdocfs_llseek(struct file *file, loff_t offset, int whence)
{
	return generic_file_llseek(file, offset, whence);
}

/*
 * There is no storage to make the data durable on: success. A real
 * filesystem of this kind sets .fsync = noop_fsync; one with a disk
 * writes the range and its metadata (generic_file_fsync).
 */
static int opsdocfs_fsync(struct file *file, loff_t start, loff_t end,
			  int datasync)
{
	return noop_fsync(file, start, end, datasync);
}

/*
 * Page-cache backed mappings, shared and private: generic_file_mmap_prepare()
 * installs the filemap vm_ops, whose page_mkwrite dirties the folio
 * through our dirty_folio. A real filesystem of this kind sets
 * .mmap_prepare = generic_file_mmap_prepare.
 */
static int opsdocfs_mmap_prepare(struct vm_area_desc *desc)
{
	return generic_file_mmap_prepare(desc);
}

static const struct file_operations opsdocfs_file_ops = {
	.owner		= THIS_MODULE,
	.llseek		= opsdocfs_llseek,
	.read_iter	= opsdocfs_read_iter,
	.write_iter	= opsdocfs_write_iter,
	.fsync		= opsdocfs_fsync,
	.mmap_prepare	= opsdocfs_mmap_prepare,
	.splice_read	= filemap_splice_read,
	.splice_write	= iter_file_splice_write,
};

/*
 * The entries of a directory are its dentries' children in the dcache.
 * A real filesystem of this kind sets .iterate_shared = dcache_readdir.
 */
static int opsdocfs_iterate_shared(struct file *file, struct dir_context *ctx)
{
	return dcache_readdir(file, ctx);
}

static const struct file_operations opsdocfs_dir_ops = {
	.owner		= THIS_MODULE,
	.open		= dcache_dir_open,
	.release	= dcache_dir_close,
	.llseek		= dcache_dir_lseek,
	.read		= generic_read_dir,
	.iterate_shared	= opsdocfs_iterate_shared,
	.fsync		= opsdocfs_fsync,
};

/*
 * dentry_operations for the casefold option: names that differ only in
 * ASCII case hash alike and compare equal. d_compare may run in RCU-walk
 * mode, where name may change under it: it only reads len bytes of it.
 */
static int opsdocfs_ci_hash(const struct dentry *dentry, struct qstr *q)
{
	unsigned long hash = init_name_hash(dentry);
	unsigned int i;

	for (i = 0; i < q->len; i++)
		hash = partial_name_hash(tolower(q->name[i]), hash);
	q->hash = end_name_hash(hash);
	return 0;
}

static int opsdocfs_ci_compare(const struct dentry *dentry, unsigned int len,
			       const char *str, const struct qstr *name)
{
	if (len != name->len)
		return 1;
	return strncasecmp(str, name->name, len) ? 1 : 0;
}

/*
 * A negative dentry would stand for every spelling of its name: do not
 * keep one once it is unused (always_delete_dentry).
 */
static const struct dentry_operations opsdocfs_ci_dentry_ops = {
	.d_hash		= opsdocfs_ci_hash,
	.d_compare	= opsdocfs_ci_compare,
	.d_delete	= always_delete_dentry,
};

/* xattr_handler for "user.": name is what follows the prefix. */

static struct opsdocfs_xattr *opsdocfs_find_xattr(struct opsdocfs_inode *oi,
						  const char *name)
{
	struct opsdocfs_xattr *x;

	list_for_each_entry(x, &oi->xattrs, list)
		if (!strcmp(x->name, name))
			return x;
	return NULL;
}

static int opsdocfs_xattr_get(const struct xattr_handler *handler,
			      struct dentry *dentry, struct inode *inode,
			      const char *name, void *buffer, size_t size)
{
	struct opsdocfs_inode *oi = OPSDOCFS_I(inode);
	struct opsdocfs_xattr *x;
	int ret;

	spin_lock(&oi->xattr_lock);
	x = opsdocfs_find_xattr(oi, name);
	if (!x)
		ret = -ENODATA;
	else if (size && x->size > size)
		ret = -ERANGE;
	else
		ret = x->size;
	if (x && size && ret >= 0)
		memcpy(buffer, x->value, x->size);
	spin_unlock(&oi->xattr_lock);
	return ret;
}

/* Set, replace or (value NULL) remove, as flags XATTR_CREATE/REPLACE say. */
static int opsdocfs_xattr_set(const struct xattr_handler *handler,
			      struct mnt_idmap *idmap, struct dentry *dentry,
			      struct inode *inode, const char *name,
			      const void *value, size_t size, int flags)
{
	struct opsdocfs_inode *oi = OPSDOCFS_I(inode);
	struct opsdocfs_xattr *old, *new = NULL;
	size_t len = strlen(name) + 1;
	int ret = 0;

	if (value) {
		new = kmalloc(sizeof(*new) + len + size, GFP_KERNEL);
		if (!new)
			return -ENOMEM;
		memcpy(new->name, name, len);
		new->value = new->name + len;
		memcpy(new->value, value, size);
		new->size = size;
	}
	spin_lock(&oi->xattr_lock);
	old = opsdocfs_find_xattr(oi, name);
	if (old && (flags & XATTR_CREATE)) {
		ret = -EEXIST;
	} else if (!old && (flags & XATTR_REPLACE || !value)) {
		ret = -ENODATA;
	} else {
		if (old)
			list_del(&old->list);
		if (new)
			list_add_tail(&new->list, &oi->xattrs);
		new = old;
	}
	spin_unlock(&oi->xattr_lock);
	/* What is freed is the replaced attribute, or new after an error. */
	kfree(new);
	if (!ret)
		inode_set_ctime_current(inode);
	return ret;
}

/* The user. attributes are always listed. */
static bool opsdocfs_xattr_list(struct dentry *dentry)
{
	return true;
}

static const struct xattr_handler opsdocfs_user_xattr_handler = {
	.prefix	= XATTR_USER_PREFIX,
	.list	= opsdocfs_xattr_list,
	.get	= opsdocfs_xattr_get,
	.set	= opsdocfs_xattr_set,
};

static const struct xattr_handler * const opsdocfs_xattr_handlers[] = {
	&opsdocfs_user_xattr_handler,
	NULL
};

/* file_system_type and its fs_context */

enum opsdocfs_param {
	OPSDOCFS_OPT_MODE,
	OPSDOCFS_OPT_CASEFOLD,
};

static const struct fs_parameter_spec opsdocfs_fs_parameters[] = {
	fsparam_u32oct("mode", OPSDOCFS_OPT_MODE),
	fsparam_flag("casefold", OPSDOCFS_OPT_CASEFOLD),
	{}
};

static int opsdocfs_parse_param(struct fs_context *fc,
				struct fs_parameter *param)
{
	struct opsdocfs_sb_info *sbi = fc->s_fs_info;
	struct fs_parse_result result;
	int opt;

	/* -ENOPARAM lets the VFS handle "source" and report the rest. */
	opt = fs_parse(fc, opsdocfs_fs_parameters, param, &result);
	if (opt < 0)
		return opt;
	switch (opt) {
	case OPSDOCFS_OPT_MODE:
		sbi->opts.mode = result.uint_32 & S_IALLUGO;
		break;
	case OPSDOCFS_OPT_CASEFOLD:
		sbi->opts.casefold = true;
		break;
	}
	return 0;
}

static int opsdocfs_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct opsdocfs_sb_info *sbi = OPSDOCFS_SB(sb);
	struct inode *root;

	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_magic = OPSDOCFS_MAGIC;
	sb->s_op = &opsdocfs_super_ops;
	sb->s_xattr = opsdocfs_xattr_handlers;
	sb->s_time_gran = 1;
	if (sbi->opts.casefold)
		set_default_d_op(sb, &opsdocfs_ci_dentry_ops);
	root = opsdocfs_get_inode(sb, NULL, S_IFDIR | sbi->opts.mode);
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static int opsdocfs_get_tree(struct fs_context *fc)
{
	return get_tree_nodev(fc, opsdocfs_fill_super);
}

/* fc->s_fs_info moves to the superblock once sget_fc() made one. */
static void opsdocfs_free_fc(struct fs_context *fc)
{
	kfree(fc->s_fs_info);
}

static const struct fs_context_operations opsdocfs_context_ops = {
	.free		= opsdocfs_free_fc,
	.parse_param	= opsdocfs_parse_param,
	.get_tree	= opsdocfs_get_tree,
};

static int opsdocfs_init_fs_context(struct fs_context *fc)
{
	struct opsdocfs_sb_info *sbi;

	sbi = kzalloc_obj(*sbi);
	if (!sbi)
		return -ENOMEM;
	sbi->opts.mode = OPSDOCFS_DEFAULT_MODE;
	atomic_long_set(&sbi->nr_inodes, 0);
	fc->s_fs_info = sbi;
	fc->ops = &opsdocfs_context_ops;
	return 0;
}

/*
 * kill_anon_super() drops the pinned dentries and evicts every inode;
 * the private data goes after, as evict_inode still uses it.
 */
static void opsdocfs_kill_sb(struct super_block *sb)
{
	struct opsdocfs_sb_info *sbi = OPSDOCFS_SB(sb);

	kill_anon_super(sb);
	kfree(sbi);
}

static struct file_system_type opsdocfs_fs_type = {
	.owner			= THIS_MODULE,
	.name			= "opsdocfs",
	.init_fs_context	= opsdocfs_init_fs_context,
	.parameters		= opsdocfs_fs_parameters,
	.kill_sb		= opsdocfs_kill_sb,
};
MODULE_ALIAS_FS("opsdocfs");

static int live_inodes_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%d\n", atomic_read(&opsdocfs_live_inodes));
}

static const struct kernel_param_ops live_inodes_ops = {
	.get = live_inodes_get,
};
module_param_cb(live_inodes, &live_inodes_ops, NULL, 0444);
MODULE_PARM_DESC(live_inodes, "inodes allocated and not yet freed");

static void opsdocfs_inode_init_once(void *obj)
{
	struct opsdocfs_inode *oi = obj;

	inode_init_once(&oi->vfs_inode);
}

static int __init opsdocfs_init(void)
{
	int err;

	opsdocfs_inode_cachep = kmem_cache_create("opsdocfs_inode_cache",
						  sizeof(struct opsdocfs_inode),
						  0, SLAB_RECLAIM_ACCOUNT |
						  SLAB_ACCOUNT,
						  opsdocfs_inode_init_once);
	if (!opsdocfs_inode_cachep)
		return -ENOMEM;
	err = register_filesystem(&opsdocfs_fs_type);
	if (err)
		goto out_destroy_cache;
	return 0;

out_destroy_cache:
	kmem_cache_destroy(opsdocfs_inode_cachep);
	return err;
}

static void __exit opsdocfs_exit(void)
{
	unregister_filesystem(&opsdocfs_fs_type);
	/* free_inode runs after a grace period: wait for the last ones. */
	rcu_barrier();
	kmem_cache_destroy(opsdocfs_inode_cachep);
}
module_init(opsdocfs_init);
module_exit(opsdocfs_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("opsdocfs: an in-memory filesystem that shows the VFS callbacks");
