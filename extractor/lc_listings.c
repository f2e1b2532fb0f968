// SPDX-License-Identifier: GPL-2.0
/*
 * lc_listings.c - parse_listings(): the struct listings of the tree's
 * documentation, parsed as code in the tree's configuration so that
 * opsdoc check can compare them with the model.
 */
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "parse.h"
#include "strbuf.h"
#include "util.h"

#define LISTING_PREFIX "__opsdoc_listing_"

struct listings_ctx {
	struct ctx *ctx;
	struct ops_struct *out;
	size_t n;
};

static enum CXChildVisitResult visit_listing(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct listings_ctx *lc = data;
	CXString s;
	const char *name;
	size_t i;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_StructDecl ||
	    !clang_isCursorDefinition(c) ||
	    !clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	s = clang_getCursorSpelling(c);
	name = clang_getCString(s);
	if (!strncmp(name, LISTING_PREFIX, strlen(LISTING_PREFIX))) {
		i = strtoul(name + strlen(LISTING_PREFIX), NULL, 10);
		if (i < lc->n && !lc->out[i].present)
			fill_struct(lc->ctx, &lc->out[i], c);
	}
	clang_disposeString(s);
	return CXChildVisit_Continue;
}

/* Replace the first "struct NAME {" of code with the listing's own tag. */
static void add_renamed(struct strbuf *tu, const char *code, const char *name,
			size_t i)
{
	struct strbuf open = STRBUF_INIT;
	const char *p;

	strbuf_addf(&open, "struct %s {", name);
	p = strstr(code, open.buf);
	if (p) {
		strbuf_add(tu, code, p - code);
		strbuf_addf(tu, "struct " LISTING_PREFIX "%zu {", i);
		strbuf_adds(tu, p + open.len);
	} else {
		strbuf_adds(tu, code);
	}
	strbuf_release(&open);
}

/*
 * Close what a listing leaves open (a comment, #if blocks, braces), so
 * that one broken listing cannot change how the ones after it parse.
 * Returns how many lines were added.
 */
static unsigned int close_listing(struct strbuf *tu, const char *code)
{
	int in_comment = 0, depth = 0, conds = 0, bol = 1;
	unsigned int added = 0;
	const char *c;

	for (c = code; *c; c++) {
		if (in_comment) {
			if (c[0] == '*' && c[1] == '/') {
				in_comment = 0;
				c++;
			}
			continue;
		}
		if (c[0] == '/' && c[1] == '*') {
			in_comment = 1;
			c++;
			continue;
		}
		if (c[0] == '/' && c[1] == '/') {
			while (c[1] && c[1] != '\n')
				c++;
			continue;
		}
		if (*c == '\n') {
			bol = 1;
			continue;
		}
		if (bol && *c == '#') {
			const char *d = c + 1;

			while (*d == ' ' || *d == '\t')
				d++;
			if (!strncmp(d, "if", 2))
				conds++;
			else if (!strncmp(d, "endif", 5) && conds)
				conds--;
		}
		if (*c != ' ' && *c != '\t')
			bol = 0;
		if (*c == '{')
			depth++;
		else if (*c == '}' && depth)
			depth--;
	}
	if (in_comment) {
		strbuf_adds(tu, "*/\n");
		added++;
	}
	for (; conds; conds--, added++)
		strbuf_adds(tu, "#endif\n");
	if (depth) {
		for (; depth; depth--)
			strbuf_addch(tu, '}');
		strbuf_adds(tu, ";\n");
		added++;
	}
	return added;
}

unsigned int *listings_text(struct strbuf *tu, unsigned int line,
			   const struct doc_listing *ls, size_t n,
			   struct ops_struct *out)
{
	unsigned int *first_line = xcalloc(n ? n : 1, sizeof(*first_line));
	const char *c;
	size_t i;

	for (i = 0; i < n; i++) {
		/* The code's first line is the listing's first line. */
		if (ls[i].wrapped) {
			first_line[i] = line;
			add_renamed(tu, ls[i].code, ls[i].struct_name, i);
		} else {
			strbuf_addf(tu, "struct " LISTING_PREFIX "%zu {\n", i);
			first_line[i] = ++line;
			strbuf_adds(tu, ls[i].code);
			strbuf_adds(tu, "};\n");
			line++;
		}
		for (c = ls[i].code; *c; c++)
			line += *c == '\n';
		if (tu->len && tu->buf[tu->len - 1] != '\n') {
			strbuf_addch(tu, '\n');
			line++;
		}
		line += close_listing(tu, ls[i].code);
		out[i].name = xstrdup(ls[i].struct_name);
	}
	return first_line;
}

void listings_collect(CXTranslationUnit tu, const char *ksrc,
		      const struct doc_listing *ls, size_t n,
		      const unsigned int *first_line, struct ops_struct *out)
{
	/* A context of its own: the model's typedefs are not the listings'. */
	struct ctx ctx = { 0 };
	struct listings_ctx lc = { &ctx, out, n };
	size_t i, k;

	ctx.tu = tu;
	ctx.ksrc = ksrc;
	ctx.ksrc_len = strlen(ksrc);
	if (tu)
		clang_visitChildren(clang_getTranslationUnitCursor(tu),
				    visit_listing, &lc);
	/* Lines of the translation unit back to lines of the document. */
	for (i = 0; i < n; i++) {
		struct member *m;

		free(out[i].file);
		out[i].file = xstrdup(ls[i].file);
		out[i].line = ls[i].line;
		for (k = 0; k < out[i].nr_members; k++) {
			m = &out[i].members[k];
			m->line = ls[i].line + (m->line - first_line[i]);
		}
	}
}

int parse_listings(const struct extract_opts *opts,
		   const struct doc_listing *ls, size_t n, struct ops_struct *out)
{
	struct strbuf tu = STRBUF_INIT;
	struct ctx ctx = { 0 };
	unsigned int *first_line, line = 1;
	int ret = 0;
	size_t i;

	for (i = 0; opts->headers[i]; i++) {
		strbuf_addf(&tu, "#include <%s>\n", opts->headers[i]);
		line++;
	}
	first_line = listings_text(&tu, line, ls, n, out);
	if (lc_parse(&ctx, opts, "opsdoc-listings.c", &tu,
		     CXTranslationUnit_SkipFunctionBodies |
		     CXTranslationUnit_DetailedPreprocessingRecord |
		     CXTranslationUnit_KeepGoing)) {
		error_at(opts->ksrc, 0, "libclang could not parse the listings; "
			 "check the compiler flags");
		ret = -1;
	}
	listings_collect(ctx.tu, opts->ksrc, ls, n, first_line, out);
	if (!ret && opts->deps)
		lc_add_deps(&ctx, opts->deps);
	lc_dispose(&ctx);
	strbuf_release(&tu);
	free(first_line);
	return ret;
}
