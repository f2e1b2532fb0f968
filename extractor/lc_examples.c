// SPDX-License-Identifier: GPL-2.0
/*
 * lc_examples.c - parse_examples(): the functions of the example drivers
 * and their line ranges, for templates that include one by name.
 */
#include <clang-c/Index.h>
#include <stdlib.h>

#include "lc.h"
#include "parse.h"
#include "strbuf.h"
#include "util.h"

static enum CXChildVisitResult visit_example(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct ctx *ctx = data;
	unsigned int line, end_line, from, to;
	struct example_function *e;
	CXFile file;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl ||
	    !clang_isCursorDefinition(c) ||
	    !clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	cursor_span(c, &file, &line, &end_line, &from, &to);
	e = api_add_example(ctx->api);
	e->file = NULL;
	e->name = cx_dup(clang_getCursorSpelling(c));
	e->line = line;
	e->end_line = end_line;
	return CXChildVisit_Continue;
}

int parse_examples(const struct extract_opts *opts, const char *dir,
		   const char *const *files, struct api *api)
{
	struct ctx ctx = { 0 };
	size_t i, k;

	ctx.api = api;
	for (i = 0; files[i]; i++) {
		struct strbuf path = STRBUF_INIT;
		size_t before = api->nr_examples;

		strbuf_addf(&path, "%s/%s", dir, files[i]);
		/* Bodies are kept: the extents must cover them. */
		if (lc_parse(&ctx, opts, path.buf, NULL,
			     CXTranslationUnit_KeepGoing)) {
			warning_at(path.buf, 0, "libclang could not parse it");
			strbuf_release(&path);
			continue;
		}
		clang_visitChildren(clang_getTranslationUnitCursor(ctx.tu),
				    visit_example, &ctx);
		for (k = before; k < api->nr_examples; k++)
			api->examples[k].file = xstrdup(files[i]);
		lc_dispose(&ctx);
		strbuf_release(&path);
	}
	api_sort_examples(api);
	return 0;
}
