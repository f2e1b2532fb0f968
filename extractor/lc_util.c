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

char *cx_dup(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = xstrdup(c ? c : "");

	clang_disposeString(s);
	return r;
}

void cx_expansion(CXSourceLocation loc, CXFile *file, unsigned int *line,
		  unsigned int *off)
{
	clang_getExpansionLocation(loc, file, line, NULL, off);
}

void cx_range_offsets(const struct tokens *ts, CXSourceRange r,
		      unsigned int *from, unsigned int *to)
{
	CXSourceLocation a = clang_getRangeStart(r), b = clang_getRangeEnd(r);
	CXFile fe, fa, fb;
	unsigned int sa, sb;

	cx_expansion(a, &fe, NULL, from);
	cx_expansion(b, NULL, NULL, to);
	if (!ts->n)
		return;
	clang_getSpellingLocation(a, &fa, NULL, NULL, &sa);
	clang_getSpellingLocation(b, &fb, NULL, NULL, &sb);
	/*
	 * Both ends written in a macro's arguments, inside the tokens, as a
	 * declaration of its own: a ';' or ',' follows it there (not the
	 * "TYPE, NAME)" of __DECLARE_FLEX_ARRAY, whose last token is of the
	 * macro's body, and spelled where the expansion ends).
	 */
	if (fa && fb && clang_File_isEqual(fa, fe) && clang_File_isEqual(fb, fe) &&
	    sa > *from && (sb < *to || *from == *to) && sa <= sb &&
	    sa >= ts->t[0].off &&
	    sb <= ts->t[ts->n - 1].end) {
		size_t i = tok_at(ts, sb);

		/* The extent ends where the token after it starts. */
		if (i >= ts->n || !(is_punct(&ts->t[i], ";") ||
				    is_punct(&ts->t[i], ",")))
			return;
		*from = sa;
		*to = sb;
	}
}

char *cx_real_path(CXFile file)
{
	char *p = cx_dup(clang_File_tryGetRealPathName(file));

	if (*p)
		return p;
	free(p);
	return cx_dup(clang_getFileName(file));
}

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

void cursor_list_release(struct cursor_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		clang_disposeString(l->v[i].str);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

const struct named_cursor *cursor_list_find(const struct cursor_list *l,
					    const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

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

void cx_children(CXCursor c, struct cursor_list *out)
{
	clang_visitChildren(c, collect_child, out);
}

char *canonical_spelling(CXType t)
{
	return cx_dup(clang_getTypeSpelling(clang_getCanonicalType(t)));
}

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
	/*
	 * The driver stops reporting errors after 19: a listing's error must
	 * not go unseen because a header had many.
	 */
	strvec_push(args, "-ferror-limit=0");
}

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

void lc_dispose(struct ctx *ctx)
{
	if (ctx->tu)
		clang_disposeTranslationUnit(ctx->tu);
	if (ctx->index)
		clang_disposeIndex(ctx->index);
	ctx->tu = NULL;
	ctx->index = NULL;
}

static void add_inclusion(CXFile file, CXSourceLocation *stack, unsigned len,
			  CXClientData data)
{
	struct strvec *deps = data;
	char *path;

	(void)stack;
	/* The main file is opsdoc's own, in memory: not a dependency. */
	if (!len)
		return;
	path = cx_real_path(file);
	if (strvec_find(deps, path) < 0)
		strvec_push_owned(deps, path);
	else
		free(path);
}

void lc_add_deps(struct ctx *ctx, struct strvec *deps)
{
	clang_getInclusions(ctx->tu, add_inclusion, deps);
}
