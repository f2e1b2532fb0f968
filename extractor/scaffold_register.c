// SPDX-License-Identifier: GPL-2.0
/*
 * How a scaffold registers its callback: one recipe per ops struct, each
 * the way real code installs that struct. The recipes only write C; which
 * member and which signature come from the model (cmd_scaffold.c).
 */
#include <stdio.h>
#include <string.h>

#include "scaffold.h"
#include "strbuf.h"

/* Does the tree's header contain text? Without a tree: yes (the newest). */
static int header_has(const char *ksrc, const char *header, const char *text)
{
	struct strbuf path = STRBUF_INIT, sb = STRBUF_INIT;
	int ret = 1;

	if (!ksrc)
		return 1;
	strbuf_addf(&path, "%s/include/%s", ksrc, header);
	if (strbuf_read_file(&sb, path.buf))
		ret = 0;
	else
		ret = strstr(sb.buf, text) != NULL;
	strbuf_release(&path);
	strbuf_release(&sb);
	return ret;
}

void scaffold_tree_read(const char *ksrc, struct scaffold_tree *t)
{
	t->set_default_d_op = header_has(ksrc, "linux/dcache.h",
					 "set_default_d_op(");
	/* 7.x moved struct super_block to linux/fs/super_types.h. */
	t->const_s_xattr = header_has(ksrc, "linux/fs/super_types.h",
				      "*const *s_xattr") ||
			   header_has(ksrc, "linux/fs.h", "*const *s_xattr");
	t->alloc_disk_lim = header_has(ksrc, "linux/blkdev.h",
				       "blk_alloc_disk(lim, node_id)");
}

/* "static const struct NAME scaffold_ops = { ... };" with the member. */
static void ops_struct(const char *st, const char *member, const char *extra,
		       struct strbuf *out)
{
	strbuf_addf(out, "static const struct %s scaffold_ops = {\n", st);
	if (extra)
		strbuf_adds(out, extra);
	strbuf_addf(out, "\t.%s = scaffold_%s,\n};\n\n", member, member);
}

static void misc_device(const char *fops, struct strbuf *out)
{
	strbuf_addf(out,
		"static struct miscdevice scaffold_device = {\n"
		"\t.minor = MISC_DYNAMIC_MINOR,\n"
		"\t.name = \"opsdoc_scaffold\",\n"
		"\t.fops = &%s,\n"
		"};\n"
		"module_misc_device(scaffold_device);\n", fops);
}

static void reg_file_operations(const struct scaffold_tree *t, const char *st,
				const char *member, struct strvec *inc,
				struct strbuf *how, struct strbuf *out)
{
	strvec_push_unique(inc, "linux/miscdevice.h");
	strvec_push_unique(inc, "linux/mm.h");
	strvec_push_unique(inc, "linux/poll.h");
	strbuf_adds(how, "the file_operations of a misc device");
	ops_struct(st, member, "\t.owner = THIS_MODULE,\n", out);
	misc_device("scaffold_ops", out);
}

static void reg_vm_operations(const struct scaffold_tree *t, const char *st,
			      const char *member, struct strvec *inc,
			      struct strbuf *how, struct strbuf *out)
{
	strvec_push_unique(inc, "linux/miscdevice.h");
	strvec_push_unique(inc, "linux/mm.h");
	ops_struct(st, member, NULL, out);
	if (t->mmap_prepare) {
		strbuf_adds(how, "installed by the mmap_prepare of a misc "
			    "device, in the struct vm_area_desc");
		strbuf_adds(out,
			"static int opsdoc_mmap_prepare(struct vm_area_desc *desc)\n"
			"{\n"
			"\tdesc->vm_ops = &scaffold_ops;\n"
			"\treturn 0;\n"
			"}\n\n"
			"static const struct file_operations opsdoc_fops = {\n"
			"\t.owner = THIS_MODULE,\n"
			"\t.mmap_prepare = opsdoc_mmap_prepare,\n"
			"};\n\n");
	} else {
		strbuf_adds(how, "installed by the mmap of a misc device, on "
			    "the VMA");
		strbuf_adds(out,
			"static int opsdoc_mmap(struct file *file, "
			"struct vm_area_struct *vma)\n"
			"{\n"
			"\tvma->vm_ops = &scaffold_ops;\n"
			"\treturn 0;\n"
			"}\n\n"
			"static const struct file_operations opsdoc_fops = {\n"
			"\t.owner = THIS_MODULE,\n"
			"\t.mmap = opsdoc_mmap,\n"
			"};\n\n");
	}
	misc_device("opsdoc_fops", out);
}

/* Both lock structs hang off the file_lock a ->lock method is handed. */
static void reg_lock_operations(const struct scaffold_tree *t, const char *st,
				const char *member, struct strvec *inc,
				struct strbuf *how, struct strbuf *out)
{
	int lm = !strcmp(st, "lock_manager_operations");

	strvec_push_unique(inc, "linux/miscdevice.h");
	strbuf_addf(how, "set as fl->%s on the locks a misc device's "
		    "->lock takes", lm ? "fl_lmops" : "fl_ops");
	ops_struct(st, member, NULL, out);
	strbuf_addf(out,
		"static int opsdoc_lock(struct file *file, int cmd, "
		"struct file_lock *fl)\n"
		"{\n"
		"\tif (IS_GETLK(cmd)) {\n"
		"\t\tposix_test_lock(file, fl);\n"
		"\t\treturn 0;\n"
		"\t}\n"
		"\tfl->%s = &scaffold_ops;\n"
		"\treturn posix_lock_file(file, fl, NULL);\n"
		"}\n\n"
		"static const struct file_operations opsdoc_fops = {\n"
		"\t.owner = THIS_MODULE,\n"
		"\t.lock = opsdoc_lock,\n"
		"};\n\n", lm ? "fl_lmops" : "fl_ops");
	misc_device("opsdoc_fops", out);
}

/*
 * A lease_manager_operations hangs off the lease a ->setlease method is
 * handed (nfsd sets it on the leases it takes, as fl_lmops).
 */
static void reg_lease_operations(const struct scaffold_tree *t, const char *st,
				 const char *member, struct strvec *inc,
				 struct strbuf *how, struct strbuf *out)
{
	strvec_push_unique(inc, "linux/miscdevice.h");
	strbuf_adds(how, "set as fl_lmops on the leases a misc device's "
		    "->setlease takes");
	ops_struct(st, member, NULL, out);
	strbuf_adds(out,
		"static int opsdoc_setlease(struct file *file, int arg,\n"
		"\t\t\t   struct file_lease **flp, void **priv)\n"
		"{\n"
		"\tif (arg != F_UNLCK && *flp)\n"
		"\t\t(*flp)->fl_lmops = &scaffold_ops;\n"
		"\treturn generic_setlease(file, arg, flp, priv);\n"
		"}\n\n"
		"static const struct file_operations opsdoc_fops = {\n"
		"\t.owner = THIS_MODULE,\n"
		"\t.setlease = opsdoc_setlease,\n"
		"};\n\n");
	misc_device("opsdoc_fops", out);
}

static void reg_block_device(const struct scaffold_tree *t, const char *st,
			     const char *member, struct strvec *inc,
			     struct strbuf *how, struct strbuf *out)
{
	int own_submit = strcmp(member, "submit_bio") != 0;

	strvec_push_unique(inc, "linux/bio.h");
	strbuf_adds(how, "the fops of a gendisk added with add_disk()");
	/* A disk without a request queue needs ->submit_bio. */
	if (own_submit)
		strbuf_adds(out,
			"static void opsdoc_submit_bio(struct bio *bio)\n"
			"{\n"
			"\tbio_io_error(bio);\n"
			"}\n\n");
	ops_struct(st, member, own_submit ?
		   "\t.owner = THIS_MODULE,\n\t.submit_bio = opsdoc_submit_bio,\n" :
		   "\t.owner = THIS_MODULE,\n", out);
	strbuf_addf(out,
		"static int opsdoc_major;\n"
		"static struct gendisk *opsdoc_disk;\n\n"
		"static int __init opsdoc_init(void)\n"
		"{\n"
		"\tint err;\n\n"
		"\topsdoc_major = register_blkdev(0, \"opsdoc_scaffold\");\n"
		"\tif (opsdoc_major < 0)\n"
		"\t\treturn opsdoc_major;\n"
		"\topsdoc_disk = blk_alloc_disk(%s);\n"
		"\tif (%s) {\n"
		"\t\terr = %s;\n"
		"\t\tgoto out_unregister_blkdev;\n"
		"\t}\n"
		"\topsdoc_disk->major = opsdoc_major;\n"
		"\topsdoc_disk->first_minor = 0;\n"
		"\topsdoc_disk->minors = 1;\n"
		"\topsdoc_disk->fops = &scaffold_ops;\n"
		"\tstrscpy(opsdoc_disk->disk_name, \"opsdoc_scaffold\", "
		"DISK_NAME_LEN);\n"
		"\tset_capacity(opsdoc_disk, 0);\n"
		"\terr = add_disk(opsdoc_disk);\n"
		"\tif (err)\n"
		"\t\tgoto out_put_disk;\n"
		"\treturn 0;\n\n"
		"out_put_disk:\n"
		"\tput_disk(opsdoc_disk);\n"
		"out_unregister_blkdev:\n"
		"\tunregister_blkdev(opsdoc_major, \"opsdoc_scaffold\");\n"
		"\treturn err;\n"
		"}\n\n"
		"static void __exit opsdoc_exit(void)\n"
		"{\n"
		"\tdel_gendisk(opsdoc_disk);\n"
		"\tput_disk(opsdoc_disk);\n"
		"\tunregister_blkdev(opsdoc_major, \"opsdoc_scaffold\");\n"
		"}\n"
		"module_init(opsdoc_init);\n"
		"module_exit(opsdoc_exit);\n",
		t->alloc_disk_lim ? "NULL, NUMA_NO_NODE" : "NUMA_NO_NODE",
		t->alloc_disk_lim ? "IS_ERR(opsdoc_disk)" : "!opsdoc_disk",
		t->alloc_disk_lim ? "PTR_ERR(opsdoc_disk)" : "-ENOMEM");
}

/*
 * The filesystem structs: a file_system_type whose fill_super installs
 * the struct where the VFS looks for it.
 */
static void reg_filesystem(const struct scaffold_tree *t, const char *st,
			   const char *member, struct strvec *inc,
			   struct strbuf *how, struct strbuf *out)
{
	int fst = !strcmp(st, "file_system_type");
	const char *init = "opsdoc_init_fs_context", *kill = "kill_anon_super";

	strvec_push_unique(inc, "linux/fs_context.h");
	if (!strcmp(st, "super_operations")) {
		strbuf_adds(how, "sb->s_op, set in fill_super");
	} else if (!strcmp(st, "inode_operations")) {
		strbuf_adds(how, "the i_op of the root inode fill_super makes");
	} else if (!strcmp(st, "address_space_operations")) {
		strbuf_adds(how, "the a_ops of the root inode's mapping, set in "
			    "fill_super");
	} else if (!strcmp(st, "dentry_operations")) {
		strbuf_addf(how, "the superblock's default dentry operations "
			    "(%s), set in fill_super", t->set_default_d_op ?
			    "set_default_d_op()" : "sb->s_d_op");
	} else if (!strcmp(st, "xattr_handler")) {
		strvec_push_unique(inc, "linux/xattr.h");
		strbuf_adds(how, "the \"user.\" handler in sb->s_xattr, set in "
			    "fill_super");
	} else if (!strcmp(st, "dquot_operations")) {
		strbuf_adds(how, "sb->dq_op, set in fill_super");
	} else {
		strbuf_adds(how, "a file_system_type given to "
			    "register_filesystem()");
		if (!strcmp(member, "init_fs_context"))
			init = "scaffold_init_fs_context";
		else if (!strcmp(member, "kill_sb"))
			kill = "scaffold_kill_sb";
		else
			/* The legacy ->mount of older trees, instead of a context. */
			init = NULL;
	}

	if (!strcmp(st, "xattr_handler")) {
		ops_struct(st, member, "\t.prefix = XATTR_USER_PREFIX,\n", out);
		strbuf_addf(out, "static const struct xattr_handler *%s"
			    "scaffold_xattr_handlers[] = {\n"
			    "\t&scaffold_ops,\n"
			    "\tNULL\n"
			    "};\n\n", t->const_s_xattr ? "const " : "");
	} else if (!fst) {
		ops_struct(st, member, NULL, out);
	}

	if (init && !strcmp(init, "opsdoc_init_fs_context")) {
		strbuf_adds(out,
			"static int opsdoc_fill_super(struct super_block *sb, "
			"struct fs_context *fc)\n"
			"{\n"
			"\tstruct inode *root;\n\n"
			"\tsb->s_magic = 0x6f707364;\n");
		if (!strcmp(st, "super_operations"))
			strbuf_adds(out, "\tsb->s_op = &scaffold_ops;\n");
		if (!strcmp(st, "dentry_operations"))
			strbuf_adds(out, t->set_default_d_op ?
				    "\tset_default_d_op(sb, &scaffold_ops);\n" :
				    "\tsb->s_d_op = &scaffold_ops;\n");
		if (!strcmp(st, "xattr_handler"))
			strbuf_adds(out, "\tsb->s_xattr = scaffold_xattr_handlers;\n");
		if (!strcmp(st, "dquot_operations"))
			strbuf_adds(out, "\tsb->dq_op = &scaffold_ops;\n");
		strbuf_addf(out,
			"\troot = new_inode(sb);\n"
			"\tif (!root)\n"
			"\t\treturn -ENOMEM;\n"
			"\troot->i_ino = get_next_ino();\n"
			"\troot->i_mode = S_IFDIR | 0755;\n"
			"\tset_nlink(root, 2);\n"
			"\troot->i_op = %s;\n"
			"\troot->i_fop = &simple_dir_operations;\n",
			!strcmp(st, "inode_operations") ? "&scaffold_ops" :
			"&simple_dir_inode_operations");
		if (!strcmp(st, "address_space_operations"))
			strbuf_adds(out, "\troot->i_mapping->a_ops = &scaffold_ops;\n");
		strbuf_adds(out,
			"\tsb->s_root = d_make_root(root);\n"
			"\treturn sb->s_root ? 0 : -ENOMEM;\n"
			"}\n\n"
			"static int opsdoc_get_tree(struct fs_context *fc)\n"
			"{\n"
			"\treturn get_tree_nodev(fc, opsdoc_fill_super);\n"
			"}\n\n"
			"static const struct fs_context_operations opsdoc_context_ops = {\n"
			"\t.get_tree = opsdoc_get_tree,\n"
			"};\n\n");
		strbuf_adds(out,
			"static int opsdoc_init_fs_context(struct fs_context *fc)\n"
			"{\n"
			"\tfc->ops = &opsdoc_context_ops;\n"
			"\treturn 0;\n"
			"}\n\n");
	}
	strbuf_adds(out,
		"static struct file_system_type opsdoc_fs_type = {\n"
		"\t.owner = THIS_MODULE,\n"
		"\t.name = \"opsdoc_scaffold\",\n");
	if (init)
		strbuf_addf(out, "\t.init_fs_context = %s,\n", init);
	else
		strbuf_addf(out, "\t.%s = scaffold_%s,\n", member, member);
	strbuf_addf(out,
		"\t.kill_sb = %s,\n"
		"};\n"
		"MODULE_ALIAS_FS(\"opsdoc_scaffold\");\n\n"
		"static int __init opsdoc_init(void)\n"
		"{\n"
		"\treturn register_filesystem(&opsdoc_fs_type);\n"
		"}\n\n"
		"static void __exit opsdoc_exit(void)\n"
		"{\n"
		"\tunregister_filesystem(&opsdoc_fs_type);\n"
		"}\n"
		"module_init(opsdoc_init);\n"
		"module_exit(opsdoc_exit);\n", kill);
}

static const struct recipe {
	const char *st;
	void (*reg)(const struct scaffold_tree *t, const char *st,
		    const char *member, struct strvec *inc, struct strbuf *how,
		    struct strbuf *out);
} recipes[] = {
	{ "file_operations", reg_file_operations },
	{ "vm_operations_struct", reg_vm_operations },
	{ "lock_manager_operations", reg_lock_operations },
	{ "file_lock_operations", reg_lock_operations },
	{ "lease_manager_operations", reg_lease_operations },
	{ "block_device_operations", reg_block_device },
	{ "file_system_type", reg_filesystem },
	{ "super_operations", reg_filesystem },
	{ "inode_operations", reg_filesystem },
	{ "address_space_operations", reg_filesystem },
	{ "dentry_operations", reg_filesystem },
	{ "xattr_handler", reg_filesystem },
	{ "dquot_operations", reg_filesystem },
	{ NULL, NULL },
};

static const struct recipe *find_recipe(const char *st)
{
	const struct recipe *r;

	for (r = recipes; r->st; r++)
		if (!strcmp(r->st, st))
			return r;
	return NULL;
}

int scaffold_recipe_known(const char *st)
{
	return find_recipe(st) != NULL;
}

int scaffold_register(const struct scaffold_tree *t, const char *st,
		      const char *member, struct strvec *includes,
		      struct strbuf *how, struct strbuf *out)
{
	const struct recipe *r = find_recipe(st);

	if (!r)
		return -1;
	strvec_push_unique(includes, "linux/fs.h");
	strvec_push_unique(includes, "linux/module.h");
	r->reg(t, st, member, includes, how, out);
	return 0;
}
