/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_CENSUS_INT_H
#define OPSDOC_CENSUS_INT_H

#include "census.h"

/*
 * The census's layers, for one another (census.h is what the commands
 * use): census_lex.c (tokens, #if stack, #define), census_macro.c (the
 * macro index and expansion), census_scan.c (one file: objects and the
 * facts of every mmap-like function), census_convert.c (may the semantic
 * patch convert a body), census_pool.c (the worker threads),
 * census_walk.c (the file list, the cache), census_classify.c (resolve
 * the hooks, classes, recipes, totals), census_maint.c (MAINTAINERS),
 * census_text.c, census_json.c, census_html.c (the formats) and
 * census_diff.c.
 */

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
 * census_remap_args() - what a remap_pfn_range()/io_remap_pfn_range() maps
 * @lx: the file's tokens
 * @b: the body's '{'
 * @e: the body's '}'
 * @vma: the name of the body's VMA parameter
 * @call: the index of the call's name
 * @prot: receives the protection argument when it is not
 *        VMA->vm_page_prot, else is left alone
 *
 * Return: 1 when the call maps the whole VMA from its start (the size
 * proved as census_convert_check() proves it), else 0.
 */
int census_remap_args(const struct clex *lx, size_t b, size_t e, const char *vma,
		      size_t call, struct strbuf *prot);

/**
 * census_store_before_check() - does a converted hook store to memory it
 * does not own before its last check?
 * @text: the converted file
 * @name: the hook, "NAME_prepare"
 * @lvalue: receives what it stores to first, "ub->mm"
 *
 * A store through a pointer, a member or an index (not to a local, not to
 * the descriptor), followed later by a return of other than 0: a side
 * effect that now runs before mm allocates the VMA.
 *
 * Return: 1 when there is one, else 0.
 */
int census_store_before_check(const char *text, const char *name,
			      struct strbuf *lvalue);

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

/* census_pool.c */

/**
 * census_parallel() - run a job on every item, in worker threads
 * @n: how many items
 * @jobs: how many threads (1: in the caller's)
 * @fn: the job, called once for each item from 0 to @n - 1, from any thread
 * @ctx: passed to @fn
 */
void census_parallel(size_t n, int jobs, void (*fn)(void *ctx, size_t i),
		     void *ctx);

/* census_classify.c */

/**
 * census_tree_read() - what the tree's headers offer for mmap_prepare
 * @ksrc: the tree
 * @t: receives it
 */
void census_tree_read(const char *ksrc, struct census_tree *t);

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
 * maintainers_files_of() - the F: patterns of the sections of a file
 * @m: parsed MAINTAINERS
 * @file: a path relative to the tree
 * @out: receives each F: pattern of each section that covers @file (as
 *       maintainers_of() finds them, "THE REST" aside), each once
 */
void maintainers_files_of(const struct maintainers *m, const char *file,
			  struct strvec *out);

/**
 * maintainers_free() - free parsed MAINTAINERS
 * @m: the sections, or NULL
 */
void maintainers_free(struct maintainers *m);

/* census_json.c */

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

#endif
