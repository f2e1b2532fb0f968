// SPDX-License-Identifier: GPL-2.0
/*
 * lc_util.c - small libclang helpers for the rest of the libclang layer:
 * strings, source locations, paths relative to the tree, lists of cursors
 * and the compiler arguments of a parse.
 */
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "parse.h"
#include "strbuf.h"
#include "util.h"

/**
 * cx_dup() - copy a libclang string and dispose of it
 * @s: the string, which this call disposes of
 *
 * Return: a copy the caller must free(); "" when @s holds no text.
 */
char *cx_dup(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = xstrdup(c ? c : "");

	clang_disposeString(s);
	return r;
}

/**
 * cx_expansion() - where a location ends up after macro expansion
 * @loc: the location
 * @file: if not NULL, receives the file
 * @line: if not NULL, receives the line
 * @off: if not NULL, receives the offset into @file
 */
void cx_expansion(CXSourceLocation loc, CXFile *file, unsigned int *line,
		  unsigned int *off)
{
	clang_getExpansionLocation(loc, file, line, NULL, off);
}

/**
 * cx_real_path() - a file's absolute path, symlinks resolved as for KSRC
 * @file: the file
 *
 * Return: the path, which the caller must free().
 */
char *cx_real_path(CXFile file)
{
	char *p = cx_dup(clang_File_tryGetRealPathName(file));

	if (*p)
		return p;
	free(p);
	return cx_dup(clang_getFileName(file));
}

/**
 * cx_rel_path() - a file's path for the model
 * @ctx: gives the kernel tree
 * @file: the file
 *
 * Return: the path relative to the tree when @file is inside it, else
 * its absolute path; the caller must free() it.
 */
char *cx_rel_path(struct ctx *ctx, CXFile file)
{
	char *p = cx_real_path(file);
	char *r;

	if (!strncmp(p, ctx->ksrc, ctx->ksrc_len) && p[ctx->ksrc_len] == '/') {
		r = xstrdup(p + ctx->ksrc_len + 1);
		free(p);
		return r;
	}
	return p;
}

/**
 * cursor_list_add() - append a cursor and its spelling to a list
 * @l: the list (zeroed before the first call)
 * @c: the cursor
 */
void cursor_list_add(struct cursor_list *l, CXCursor c)
{
	struct named_cursor *nc;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 64;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	nc = &l->v[l->n++];
	nc->c = c;
	nc->str = clang_getCursorSpelling(c);
	nc->name = clang_getCString(nc->str);
	if (!nc->name)
		nc->name = "";
}

/**
 * cursor_list_release() - free a cursor list and the names it holds
 * @l: the list, left empty
 */
void cursor_list_release(struct cursor_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		clang_disposeString(l->v[i].str);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/**
 * cursor_list_find() - the first cursor of a list spelled @name
 * @l: the list
 * @name: the spelling to look for
 *
 * Return: the entry, or NULL.
 */
const struct named_cursor *cursor_list_find(const struct cursor_list *l,
					    const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

/**
 * named_cursor_cmp() - qsort() and bsearch() order of named cursors
 * @a: a struct named_cursor
 * @b: another
 *
 * Return: less than, equal to or greater than zero, by name.
 */
int named_cursor_cmp(const void *a, const void *b)
{
	const struct named_cursor *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static enum CXChildVisitResult collect_child(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct cursor_list *l = data;

	(void)parent;
	cursor_list_add(l, c);
	return CXChildVisit_Continue;
}

/**
 * cx_children() - the direct children of a cursor
 * @c: the cursor
 * @out: the list they are appended to
 */
void cx_children(CXCursor c, struct cursor_list *out)
{
	clang_visitChildren(c, collect_child, out);
}

/**
 * canonical_spelling() - how clang spells a type's canonical type
 * @t: the type
 *
 * Return: the spelling ("unsigned long" for size_t); the caller must
 * free() it.
 */
char *canonical_spelling(CXType t)
{
	return cx_dup(clang_getTypeSpelling(clang_getCanonicalType(t)));
}

/**
 * cursor_span() - where a cursor's extent starts and ends
 * @c: the cursor
 * @file: receives the file it starts in
 * @line: receives its first line
 * @end_line: receives its last line
 * @from: receives the offset of its start
 * @to: receives the offset of its end
 */
void cursor_span(CXCursor c, CXFile *file, unsigned int *line,
		 unsigned int *end_line, unsigned int *from,
		 unsigned int *to)
{
	CXSourceRange r = clang_getCursorExtent(c);

	cx_expansion(clang_getRangeStart(r), file, line, from);
	cx_expansion(clang_getRangeEnd(r), NULL, end_line, to);
}

/* kbuild's arguments, run from KSRC unless they name a directory. */
static void build_args(const char *ksrc, const struct strvec *in,
		       struct strvec *args)
{
	size_t i;

	strvec_init(args);
	if (strvec_find(in, "-working-directory") < 0) {
		strvec_push(args, "-working-directory");
		strvec_push(args, ksrc);
	}
	for (i = 0; i < in->nr; i++)
		strvec_push(args, in->v[i]);
	/* Bodies are skipped, so every static function looks unused. */
	strvec_push(args, "-Wno-unused-function");
}

/**
 * lc_parse() - parse one translation unit with kbuild's arguments
 * @ctx: gets the tree from @opts and, on success, the unit in @ctx->tu
 * @opts: the kernel tree and its compiler arguments
 * @file: the main file: a path, or the name to give @text
 * @text: the main file's contents, made in memory; NULL to read @file
 * @flags: CXTranslationUnit_* options
 *
 * Every parse of the libclang layer starts here. The unit gets an index
 * of its own; lc_dispose() releases both.
 *
 * Return: 0, or libclang's error code (never 0) with @ctx->tu NULL.
 */
int lc_parse(struct ctx *ctx, const struct extract_opts *opts,
	     const char *file, const struct strbuf *text, unsigned int flags)
{
	struct CXUnsavedFile unsaved;
	enum CXErrorCode err;
	struct strvec args;

	ctx->ksrc = opts->ksrc;
	ctx->ksrc_len = strlen(opts->ksrc);
	if (text) {
		unsaved.Filename = file;
		unsaved.Contents = text->buf;
		unsaved.Length = text->len;
	}
	build_args(opts->ksrc, opts->args, &args);
	ctx->index = clang_createIndex(0, 0);
	err = clang_parseTranslationUnit2(ctx->index, file,
			(const char *const *)args.v, (int)args.nr,
			text ? &unsaved : NULL, text ? 1 : 0, flags, &ctx->tu);
	/* libclang copies the arguments and the unsaved file. */
	strvec_release(&args);
	if (err == CXError_Success && ctx->tu)
		return 0;
	lc_dispose(ctx);
	return err != CXError_Success ? (int)err : CXError_Failure;
}

/**
 * lc_dispose() - release what lc_parse() made
 * @ctx: its translation unit and index, if any, are disposed of
 */
void lc_dispose(struct ctx *ctx)
{
	if (ctx->tu)
		clang_disposeTranslationUnit(ctx->tu);
	if (ctx->index)
		clang_disposeIndex(ctx->index);
	ctx->tu = NULL;
	ctx->index = NULL;
}
