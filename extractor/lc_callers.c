// SPDX-License-Identifier: GPL-2.0
/*
 * lc_callers.c - parse_callers(): where the kernel's .c files use the
 * mmap family of file_operations, directly or through header wrappers.
 */
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "parse.h"
#include "strbuf.h"
#include "util.h"

struct callers_ctx {
	struct ctx *ctx;
	const char *const *members;
	struct strvec wrappers;	/* header functions that use a member */
	struct strvec wrapped;	/* ... and the member each one uses */
	int pass;		/* 0: find wrappers; 1: record uses */
	CXCursor function;	/* the function being walked */
	char *function_file;
};

static const char *fops_member(struct callers_ctx *cc, CXCursor ref)
{
	CXCursor field = clang_getCursorReferenced(ref), parent;
	CXString ps, fs;
	const char *hit = NULL;
	size_t i;

	if (clang_getCursorKind(field) != CXCursor_FieldDecl)
		return NULL;
	parent = clang_getCursorSemanticParent(field);
	ps = clang_getCursorSpelling(parent);
	fs = clang_getCursorSpelling(field);
	if (!strcmp(clang_getCString(ps), "file_operations"))
		for (i = 0; cc->members[i] && !hit; i++)
			if (!strcmp(clang_getCString(fs), cc->members[i]))
				hit = cc->members[i];
	clang_disposeString(ps);
	clang_disposeString(fs);
	return hit;
}

/* Is the expression at cursor c followed by "(": is it called? */
static int followed_by_call(struct ctx *ctx, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile file;
	unsigned int end;
	size_t size;
	const char *buf;

	clang_getExpansionLocation(clang_getRangeEnd(r), &file, NULL, NULL, &end);
	buf = file ? clang_getFileContents(ctx->tu, file, &size) : NULL;
	if (!buf)
		return 0;
	while (end < size && (buf[end] == ' ' || buf[end] == '\t' ||
			      buf[end] == '\n'))
		end++;
	return end < size && buf[end] == '(';
}

static void record_use(struct callers_ctx *cc, CXCursor at, const char *member,
		       const char *via, int call)
{
	struct caller *c;
	struct strbuf sb = STRBUF_INIT;
	unsigned int line;
	CXFile file;

	clang_getExpansionLocation(clang_getCursorLocation(at), &file, &line,
				   NULL, NULL);
	if (!file)
		return;
	c = api_add_caller(cc->ctx->api);
	strbuf_addf(&sb, "file_operations.%s", member);
	c->member = strbuf_detach(&sb);
	c->function = cx_dup(clang_getCursorSpelling(cc->function));
	c->file = cx_rel_path(cc->ctx, file);
	c->line = line;
	c->via = xstrdup(via);
	c->call = call;
}

static enum CXChildVisitResult visit_body(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	struct callers_ctx *cc = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	const char *member;

	(void)parent;
	if (k == CXCursor_MemberRefExpr && (member = fops_member(cc, c))) {
		if (cc->pass == 0) {
			char *name = cx_dup(clang_getCursorSpelling(cc->function));

			/* A wrapper calls through the pointer, not only tests it. */
			if (followed_by_call(cc->ctx, c) &&
			    strvec_find(&cc->wrappers, name) < 0) {
				strvec_push(&cc->wrappers, name);
				strvec_push(&cc->wrapped, member);
			}
			free(name);
		} else {
			record_use(cc, c, member, "f_op",
				   followed_by_call(cc->ctx, c));
		}
	} else if (k == CXCursor_CallExpr && cc->pass == 1) {
		char *callee = cx_dup(clang_getCursorSpelling(c));
		int w = strvec_find(&cc->wrappers, callee);

		if (w >= 0)
			record_use(cc, c, cc->wrapped.v[w], callee, 1);
		free(callee);
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_functions(CXCursor c, CXCursor parent,
					       CXClientData data)
{
	struct callers_ctx *cc = data;
	CXFile file;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl ||
	    !clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL,
				   NULL, NULL);
	if (!file)
		return CXChildVisit_Continue;
	cc->function = c;
	cc->function_file = cx_rel_path(cc->ctx, file);
	/* Pass 0 reads only header bodies; pass 1 only the file's own. */
	if ((cc->pass == 0) == !strncmp(cc->function_file, "include/", 8))
		clang_visitChildren(c, visit_body, cc);
	free(cc->function_file);
	cc->function_file = NULL;
	return CXChildVisit_Continue;
}

int parse_callers(const struct extract_opts *opts, const char *const *files,
		  struct api *api)
{
	struct callers_ctx cc = { 0 };
	struct ctx ctx = { 0 };
	size_t i;

	ctx.api = api;
	cc.ctx = &ctx;
	cc.members = caller_members;
	strvec_init(&cc.wrappers);
	strvec_init(&cc.wrapped);
	for (i = 0; files[i]; i++) {
		if (lc_parse(&ctx, opts, files[i], NULL,
			     CXTranslationUnit_KeepGoing)) {
			warning_at(files[i], 0, "libclang could not parse it; its "
				   "callers are left out");
			continue;
		}
		for (cc.pass = 0; cc.pass < 2; cc.pass++)
			clang_visitChildren(clang_getTranslationUnitCursor(ctx.tu),
					    visit_functions, &cc);
		lc_dispose(&ctx);
	}
	api_sort_callers(api);
	strvec_release(&cc.wrappers);
	strvec_release(&cc.wrapped);
	return 0;
}
