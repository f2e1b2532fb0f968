/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_SCAFFOLD_H
#define OPSDOC_SCAFFOLD_H

#include "strbuf.h"
#include "strvec.h"

/*
 * The spellings a scaffold's registration needs that differ between the
 * trees opsdoc supports, read from the tree's headers (scaffold_tree_read()).
 */
struct scaffold_tree {
	int set_default_d_op;	/* set_default_d_op(), not sb->s_d_op */
	int const_s_xattr;	/* s_xattr points to const pointers */
	int alloc_disk_lim;	/* blk_alloc_disk(lim, node), ERR_PTR on failure */
	int mmap_prepare;	/* file_operations.mmap_prepare */
};

/**
 * scaffold_tree_read() - what the registration code must spell for a tree
 * @ksrc: the kernel tree, or NULL for the newest spellings
 * @t: receives the answers; mmap_prepare is left to the caller (the model)
 */
void scaffold_tree_read(const char *ksrc, struct scaffold_tree *t);

/**
 * scaffold_recipe_known() - whether a struct has a registration recipe
 * @st: the struct's name
 *
 * Return: 1 when scaffold_register() can register a member of @st.
 */
int scaffold_recipe_known(const char *st);

/**
 * scaffold_register() - the code that registers one callback
 * @t: the tree's spellings
 * @st: the struct's name ("super_operations")
 * @member: the member the scaffold implements, as scaffold_MEMBER
 * @includes: receives the headers the code needs ("linux/fs.h"), each once
 * @how: receives one sentence on how the callback is registered, appended
 * @out: receives the ops struct and the module's registration, appended
 *
 * The code is what a real driver or filesystem does: a file_system_type
 * whose fill_super installs super_operations, dentry_operations, the
 * xattr handlers and dquot_operations, a root inode with the
 * inode_operations and address_space_operations, a gendisk for
 * block_device_operations, a misc device for file_operations and for the
 * vm_operations_struct it installs from mmap_prepare (mmap before it), and
 * a file_lock the misc device's ->lock hands on for the lock operations.
 *
 * Return: 0, or -1 when @st has no recipe (nothing is appended).
 */
int scaffold_register(const struct scaffold_tree *t, const char *st,
		      const char *member, struct strvec *includes,
		      struct strbuf *how, struct strbuf *out);

#endif
