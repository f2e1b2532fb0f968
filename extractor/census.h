/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_CENSUS_H
#define OPSDOC_CENSUS_H

#include <stddef.h>

#include "strbuf.h"
#include "strvec.h"

/*
 * The migration census: every struct file_operations object of a tree,
 * the mmap hooks it sets and a recipe for every legacy .mmap. Files are
 * read by a lexical scanner of our own (census_lex.c), not by libclang:
 * full kbuild preprocessing of ~30,000 files cannot meet the speed target.
 * Macros that make file_operations are expanded from an index of the
 * tree's macros (census_macro.c), #if conditions are reported, not
 * evaluated.
 *
 * This header is what the commands use (cmd_census.c, cmd_convert.c):
 * the census's structures, running one, and its formats. The layers'
 * own interfaces are in census_int.h.
 */

enum census_hook {
	HOOK_MMAP,
	HOOK_MMAP_PREPARE,
	HOOK_GUA,
	NR_HOOKS
};

extern const char *const census_hook_names[NR_HOOKS];

/**
 * struct census_set - one hook an object sets
 * @func: the function named, or NULL when the hook is not set
 * @line: the line of the member
 * @cond: the #if condition of the member, or NULL
 */
struct census_set {
	char *func;
	unsigned int line;
	char *cond;
};

/**
 * struct census_obj - one struct file_operations definition
 * @name: its name ("foo_fops", "foo_fops[1]" for an array element)
 * @file: the file, relative to the tree
 * @line: the line of the definition (of the macro's use when macro-made)
 * @macro: the macro that made it, or NULL
 * @cond: the #if condition of the initialiser, or NULL
 * @hooks: what it sets
 * @maint: its file's MAINTAINERS sections, "; "-separated
 * @fn_file: per hook, the file of the function (NULL: not found)
 * @fn_line: per hook, its line
 */
struct census_obj {
	char *name;
	char *file;
	unsigned int line;
	char *macro;
	char *cond;
	struct census_set hooks[NR_HOOKS];
	char *maint;
	char *fn_file[NR_HOOKS];
	unsigned int fn_line[NR_HOOKS];
};

/**
 * census_sets() - does an object set a hook?
 * @o: the object
 * @h: the hook
 *
 * Return: nonzero when the member is there and not NULL.
 */
int census_sets(const struct census_obj *o, enum census_hook h);

enum census_class {
	CLASS_UNKNOWN,		/* no definition found */
	CLASS_DIRECT,		/* flags, vm_ops, private data only */
	CLASS_PREPARE,		/* generic_file_mmap() and relatives */
	CLASS_REMAP,
	CLASS_IOREMAP,
	CLASS_MAP_PAGES,
	CLASS_NEEDS_VMA,
	CLASS_PER_MAP,		/* a resource taken per mapping that the action needs */
	CLASS_UNDER_LOCK,	/* the mapping is made under a lock the hook holds */
	NR_CLASSES
};

extern const char *const census_class_names[NR_CLASSES];

/**
 * struct census_fn - a function definition that may implement a hook
 * @name: the function
 * @file: its file, relative to the tree
 * @line: its line
 * @is_static: defined static
 * @class: for an mmap-like body, what its calls make it
 * @decided: the calls that decided @class, ", "-separated
 * @blocked_by: for CLASS_NEEDS_VMA, the call or use that blocks it
 * @set_flags: VM_* flags it sets, " "-separated, or ""
 * @clear_flags: VM_* flags it clears, or ""
 * @vm_ops: it sets vma->vm_ops
 * @priv: it sets vma->vm_private_data
 * @prot: it changes vma->vm_page_prot
 * @resource: for CLASS_PER_MAP, the call that takes the resource; for
 *            CLASS_UNDER_LOCK, the lock held ("guard(mutex)")
 * @error_override: the error the body returns in place of the action's
 *                  ("-EAGAIN"), or NULL
 * @idioms: what else the recipe must cover, " "-separated: flag_test,
 *          masked_flag_test, size_check, pgoff_check, pgprot:FUNCTION,
 *          helper:FUNCTION, range_fields (vm_start or vm_end read other
 *          than as the size), partial_remap (a remap not proved to cover
 *          the VMA), prot_arg:WHAT (a remap's protection other than the
 *          VMA's: the call that made it, or the variable); or ""
 * @convert: for a mechanical class, NULL when cocci/mmap_prepare.cocci may
 *           convert it, else why not ("line 12: ..."); unused otherwise
 * @cond: the #if condition its definition is under, or NULL
 * @mechanical: the class is one opsdoc convert writes patches for
 * @users: (implementations) how many objects use it
 * @recipe: (implementations) the conversion recipe for this tree
 */
struct census_fn {
	char *name;
	char *file;
	unsigned int line;
	int is_static;
	enum census_class class;
	char *decided;
	char *blocked_by;
	char *set_flags;
	char *clear_flags;
	int vm_ops, priv, prot;
	char *resource;
	char *error_override;
	char *idioms;
	char *convert;
	char *cond;
	int mechanical;
	unsigned int users;
	char *recipe;
};

/**
 * struct census_err - a file that could not be read or tokenised
 * @file: the file
 * @line: where (0: the file as a whole)
 * @msg: the first error
 */
struct census_err {
	char *file;
	unsigned int line;
	char *msg;
};

/**
 * struct census_file - what one file holds
 * @objs: its objects
 * @nr_objs: how many
 * @fns: its functions that may implement a hook
 * @nr_fns: how many
 * @err: its first error, or a NULL msg
 */
struct census_file {
	struct census_obj *objs;
	size_t nr_objs;
	struct census_fn *fns;
	size_t nr_fns;
	struct census_err err;
};

/**
 * struct census_tree - what the census knows of a tree's API
 * @version: "7.3.4"
 * @has_prepare: struct file_operations has .mmap_prepare
 * @helpers: the mmap_action_*, vma_desc_* and *_mmap_prepare helpers the
 *           tree's headers define (lexically)
 */
struct census_tree {
	char *version;
	int has_prepare;
	struct strvec helpers;
};

/**
 * struct census_total - counts of one subsystem (or all)
 * @name: the subsystem ("drivers/gpu", "mm"), or "total"
 * @objects: file_operations objects
 * @legacy: objects setting .mmap only
 * @converted: objects setting .mmap_prepare only
 * @both: objects setting both (the kernel WARNs)
 * @gua: objects setting .get_unmapped_area
 */
struct census_total {
	char *name;
	unsigned int objects, legacy, converted, both, gua;
};

/**
 * struct census - a whole census
 * @tree: the tree's API
 * @objs: every object, sorted by file, line, name
 * @nr_objs: how many
 * @fns: every function that may implement a hook, sorted
 * @nr_fns: how many
 * @impls: the legacy .mmap implementations, one each, sorted
 * @nr_impls: how many
 * @errs: the files that failed, sorted
 * @nr_errs: how many
 * @files: how many .c files were scanned
 * @totals: per subsystem, sorted, then "total" last
 * @nr_totals: how many
 */
struct census {
	struct census_tree tree;
	struct census_obj *objs;
	size_t nr_objs;
	struct census_fn *fns;
	size_t nr_fns;
	struct census_fn *impls;
	size_t nr_impls;
	struct census_err *errs;
	size_t nr_errs;
	unsigned int files;
	struct census_total *totals;
	size_t nr_totals;
};

/* census_convert.c */

/**
 * census_convert_status() - the census's convert column for an implementation
 * @f: the implementation
 * @out: receives "patch", "needs review: REASON" or "not mechanical"
 */
void census_convert_status(const struct census_fn *f, struct strbuf *out);

/* census_walk.c */

/**
 * struct census_opts - how to run a census
 * @ksrc: the tree
 * @jobs: worker threads
 * @shard: this shard, from 0
 * @nr_shards: how many shards (1: the whole tree)
 * @progress: show files done on stderr
 * @use_cache: read and write the cache
 */
struct census_opts {
	const char *ksrc;
	int jobs;
	int shard, nr_shards;
	int progress;
	int use_cache;
};

/**
 * census_run() - scan a tree
 * @o: the options
 * @c: receives the census, zeroed by the caller
 *
 * Return: 0, or -1 after an error naming the tree.
 */
int census_run(const struct census_opts *o, struct census *c);

/* census_classify.c */

/**
 * census_finish() - resolve the hooks, the implementations and totals
 * @c: a census whose objects and functions are filled in
 *
 * Sorts the objects and functions, resolves each hook to a function
 * definition (same file first, else a non-static one of the tree), makes
 * the list of legacy implementations with users and recipes, and the
 * totals. Can be called again after merging.
 */
void census_finish(struct census *c);

/**
 * census_release() - free a census
 * @c: the census, left zeroed
 */
void census_release(struct census *c);

/* census_text.c, census_json.c, census_html.c */

/**
 * census_text() - the summary table and lists, to paste into a mail
 * @c: the census
 * @out: receives the text
 */
void census_text(const struct census *c, struct strbuf *out);

/**
 * census_json() - the census as JSON (docs/census-json.rst)
 * @c: the census
 * @out: receives the text
 */
void census_json(const struct census *c, struct strbuf *out);

/**
 * census_json_load() - read a census JSON file, adding to a census
 * @path: the file
 * @c: the census; objects, functions and errors are appended
 *
 * Return: 0, or -1 after an error naming @path.
 */
int census_json_load(const char *path, struct census *c);

/**
 * census_html() - the census page of opsdoc's site
 * @c: the census
 * @out: receives the page
 */
void census_html(const struct census *c, struct strbuf *out);

/* census_diff.c */

/**
 * census_diff_text() - what changed from an old tree to a new one
 * @old: the old tree's census
 * @new: the new tree's census
 * @out: receives the report
 */
void census_diff_text(const struct census *old, const struct census *new,
		      struct strbuf *out);

#endif
