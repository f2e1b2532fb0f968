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
 * The layers: census_lex.c (tokens, #if stack, #define), census_macro.c
 * (the macro index and expansion), census_scan.c (one file: objects and
 * the facts of every mmap-like function), census_walk.c (the file list,
 * the workers, the cache), census_classify.c (resolve the hooks, classes,
 * recipes, totals), census_maint.c (MAINTAINERS), census_text.c,
 * census_json.c, census_html.c (the formats) and census_diff.c.
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
 * @resource: for CLASS_PER_MAP, the call that takes the resource
 * @error_override: the error the body returns in place of the action's
 *                  ("-EAGAIN"), or NULL
 * @idioms: what else the recipe must cover, " "-separated: flag_test,
 *          masked_flag_test, size_check, pgoff_check, pgprot:FUNCTION,
 *          helper:FUNCTION; or ""
 * @convert: for a mechanical class, NULL when cocci/mmap_prepare.cocci may
 *           convert it, else why not ("line 12: ..."); unused otherwise
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

/* census_lex.c */

enum { TOK_IDENT = 1, TOK_NUMBER, TOK_STRING, TOK_CHAR, TOK_PUNCT };

/**
 * struct ctok - one token
 * @s: its text, not NUL-terminated
 * @len: its length
 * @type: TOK_*
 * @line: its line (of the macro's use, for expanded tokens)
 * @cond: index of its #if condition in the file's list, or -1
 * @macro: the outermost macro it was expanded from, or NULL
 */
struct ctok {
	const char *s;
	unsigned int len;
	unsigned char type;
	unsigned int line;
	int cond;
	const char *macro;
};

/**
 * struct cdefine - one #define
 * @name: the macro
 * @params: its parameters, NULL for an object-like macro
 * @body: its replacement text, comments and continuations removed
 * @line: where it is defined
 */
struct cdefine {
	char *name;
	struct strvec *params;
	char *body;
	unsigned int line;
};

/**
 * struct clex - a tokenised file
 * @toks: the tokens outside #if 0, without the directives
 * @nr: how many
 * @conds: the condition texts the tokens refer to
 * @defs: the #defines, in order
 * @nr_defs: how many
 * @err_line: the line of the first error, or 0
 * @err: the first error, or empty
 * @alloc: the entries allocated for @toks
 * @defs_alloc: the entries allocated for @defs
 */
struct clex {
	struct ctok *toks;
	size_t nr, alloc;
	struct strvec conds;
	struct cdefine *defs;
	size_t nr_defs, defs_alloc;
	unsigned int err_line;
	struct strbuf err;
};

/**
 * census_lex() - tokenise C text
 * @text: the text, NUL-terminated
 * @len: its length
 * @lx: receives the tokens; initialised here
 * @want_defines: also record the #defines
 *
 * Tokens point into @text, which must outlive @lx. After an error the
 * tokens before it are kept.
 *
 * Return: 0, or -1 with @lx->err and @lx->err_line set.
 */
int census_lex(const char *text, size_t len, struct clex *lx,
	       int want_defines);

/**
 * census_lex_string() - tokenise a macro body or other short text
 * @text: the text
 * @line: the line to give the tokens
 * @out: receives the tokens, appended (@out->nr grows)
 */
void census_lex_string(const char *text, unsigned int line, struct clex *out);

/**
 * clex_release() - free a tokenised file
 * @lx: the file
 */
void clex_release(struct clex *lx);

/**
 * ctok_is() - is a token this text?
 * @t: the token
 * @s: the text
 *
 * Return: nonzero when it is.
 */
int ctok_is(const struct ctok *t, const char *s);

/* census_macro.c */

struct macro_index;

/**
 * macro_index_build() - the macros that make file_operations
 * @ksrc: the tree
 * @headers: its header files, relative to @ksrc
 * @jobs: worker threads
 *
 * Every #define of a header that mentions file_operations or a hook is
 * read; a macro is kept when its body makes a file_operations, sets a
 * hook or uses a kept macro.
 *
 * Return: the index; the caller frees it with macro_index_free().
 */
struct macro_index *macro_index_build(const char *ksrc,
				      const struct strvec *headers, int jobs);

/**
 * macro_index_free() - free a macro index
 * @mi: the index, or NULL
 */
void macro_index_free(struct macro_index *mi);

/**
 * macro_expand_file() - expand the index's macros in a tokenised file
 * @mi: the index
 * @path: the file, relative to the tree (for its directory's macros)
 * @lx: the file; its own #defines count too; expansions replace the uses
 * @arena: owns the text of pasted tokens
 */
void macro_expand_file(const struct macro_index *mi, const char *path,
		       struct clex *lx, struct strvec *arena);

/* census_scan.c */

/**
 * census_scan_file() - the objects and functions of one file
 * @ksrc: the tree
 * @path: the file, relative to @ksrc
 * @mi: the macro index
 * @out: receives the results; zeroed by the caller
 */
void census_scan_file(const char *ksrc, const char *path,
		      const struct macro_index *mi, struct census_file *out);

/**
 * census_file_release() - free one file's results
 * @f: the results
 */
void census_file_release(struct census_file *f);

/* census_convert.c */

/**
 * census_convert_check() - may the semantic patch convert this body?
 * @lx: the file's tokens
 * @b: the body's '{'
 * @e: the body's '}'
 * @vma: the name of its struct vm_area_struct * parameter
 * @file: the name of its struct file * parameter, or NULL
 * @text: the file's whole text
 * @why: left empty when every statement is of a form proved to keep
 *       behaviour; else receives "line N: the reason" for the first that is
 *       not
 */
void census_convert_check(const struct clex *lx, size_t b, size_t e,
			  const char *vma, const char *file, const char *text,
			  struct strbuf *why);

/**
 * census_convert_status() - the census's convert column for an implementation
 * @f: the implementation
 * @out: receives "patch", "needs review: REASON" or "not mechanical"
 */
void census_convert_status(const struct census_fn *f, struct strbuf *out);

/* census_walk.c */

/**
 * census_parallel() - run a job on every item, in worker threads
 * @n: how many items
 * @jobs: how many threads (1: in the caller's)
 * @fn: the job, called once for each item from 0 to @n - 1, from any thread
 * @ctx: passed to @fn
 */
void census_parallel(size_t n, int jobs, void (*fn)(void *ctx, size_t i),
		     void *ctx);

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
 * census_tree_read() - what the tree's headers offer for mmap_prepare
 * @ksrc: the tree
 * @t: receives it
 */
void census_tree_read(const char *ksrc, struct census_tree *t);

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

/**
 * census_subsystem() - the subsystem of a file
 * @file: the file, relative to the tree
 * @out: receives "drivers/gpu", "fs/proc", "mm" (reset first)
 */
void census_subsystem(const char *file, struct strbuf *out);

/* census_maint.c */

struct maintainers;

/**
 * maintainers_read() - parse a tree's MAINTAINERS
 * @ksrc: the tree
 *
 * Return: the sections, or NULL when the tree has no MAINTAINERS.
 */
struct maintainers *maintainers_read(const char *ksrc);

/**
 * maintainers_of() - the sections of a file, as get_maintainer.pl finds them
 * @m: the sections, or NULL
 * @file: the file, relative to the tree
 *
 * Return: "SECTION; SECTION", or "unknown"; the caller frees it.
 */
char *maintainers_of(const struct maintainers *m, const char *file);

/**
 * maintainers_free() - free parsed MAINTAINERS
 * @m: the sections, or NULL
 */
void maintainers_free(struct maintainers *m);

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

struct json_t;

/**
 * census_file_to_json() - one file's results, for the cache
 * @f: the results
 *
 * Return: a new JSON object (the caller owns the reference).
 */
struct json_t *census_file_to_json(const struct census_file *f);

/**
 * census_file_from_json() - read one file's results back
 * @j: an object from census_file_to_json()
 * @f: receives them, zeroed by the caller
 *
 * Return: 0, or -1 when @j is not such an object.
 */
int census_file_from_json(struct json_t *j, struct census_file *f);

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
