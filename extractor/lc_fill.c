// SPDX-License-Identifier: GPL-2.0
/*
 * lc_fill.c - fill_struct() and fill_enum(): the model of one struct or
 * enum definition from its cursor. parse_model() (lc_model.c) and
 * parse_listings() (lc_listings.c) both call down into it.
 */
#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "strbuf.h"
#include "util.h"

/* Text after the closing brace up to the ';', e.g. "__randomize_layout". */
static char *struct_attributes(struct ctx *ctx, CXFile file, unsigned int end)
{
	size_t size, i;
	const char *buf = clang_getFileContents(ctx->tu, file, &size);
	struct strbuf sb = STRBUF_INIT;

	if (!buf || end > size)
		return NULL;
	for (i = end; i < size && buf[i] != ';' && buf[i] != '{'; i++)
		;
	if (i == size || buf[i] != ';')
		return NULL;
	strbuf_add_collapsed(&sb, buf + end, i - end);
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* The definition's lines as in the header, from its first line to the ';'. */
/*
 * n bytes of text with no blank at the end of a line and no space before
 * a tab in an indent: git's whitespace errors, which a listing must not
 * carry into a patch.
 */
static char *tidy_blanks(const char *text, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, keep = 0;
	int bol = 1;

	for (i = 0; i < n; i++) {
		if (text[i] == '\n')
			sb.len = keep;
		if (bol && text[i] == ' ') {
			size_t k = i;

			while (k < n && text[k] == ' ')
				k++;
			/* Fewer than 8 spaces: the tab after them covers them. */
			if (k < n && text[k] == '\t' && k - i < 8)
				i = k;
		}
		strbuf_addch(&sb, text[i]);
		if (text[i] != ' ' && text[i] != '\t')
			keep = sb.len;
		bol = text[i] == '\n' || (bol && (text[i] == ' ' || text[i] == '\t'));
	}
	return strbuf_detach(&sb);
}

static char *struct_source(struct ctx *ctx, CXFile file, unsigned int from,
			   unsigned int to)
{
	size_t size, s = from, e = to;
	const char *buf = clang_getFileContents(ctx->tu, file, &size);

	if (!buf || to > size)
		return NULL;
	while (s > 0 && buf[s - 1] != '\n')
		s--;
	while (e < size && buf[e] != ';' && buf[e] != '{')
		e++;
	if (e == size || buf[e] != ';')
		return NULL;
	return tidy_blanks(buf + s, e + 1 - s);
}

void fill_struct(struct ctx *ctx, struct ops_struct *s, CXCursor c)
{
	struct tokens ts = { 0 };
	struct items its = { 0 };
	struct range *skipped;
	size_t nr_skipped, i, open_brace;
	unsigned int from, to;
	CXFile file;

	cursor_span(c, &file, &s->line, &s->end_line, &from, &to);
	s->present = 1;
	s->file = cx_rel_path(ctx, file);
	s->attributes = struct_attributes(ctx, file, to);
	s->source = struct_source(ctx, file, from, to);

	nr_skipped = skipped_ranges(ctx, file, from, to, &skipped);
	tokenize(ctx, clang_getCursorExtent(c), skipped, nr_skipped, &ts);
	free(skipped);
	for (open_brace = 0; open_brace < ts.n; open_brace++)
		if (is_punct(&ts.t[open_brace], "{"))
			break;

	visit_record(&ts, &its, c, "", NULL, 0);
	skipped_items(ctx, &ts, &its);
	if (its.n)
		qsort(its.v, its.n, sizeof(*its.v), item_cmp);
	nest_skipped(&its);
	annotate_items(&ts, open_brace, &its);

	for (i = 0; i < its.n; i++)
		*struct_add_member(s) = its.v[i].m;
	free(its.v);
	tokens_release(&ts);
}

void fill_enum(struct ctx *ctx, struct enum_decl *e, CXCursor c)
{
	struct cursor_list kids = { 0 };
	struct tokens ts = { 0 };
	unsigned int from, to, end_line;
	CXFile file;
	size_t i;

	cursor_span(c, &file, &e->line, &end_line, &from, &to);
	e->present = 1;
	e->file = cx_rel_path(ctx, file);
	tokenize(ctx, clang_getCursorExtent(c), NULL, 0, &ts);
	cx_children(c, &kids);
	for (i = 0; i < kids.n; i++) {
		struct enumerator *v;
		size_t first, last, a, b, at;
		struct strbuf sb = STRBUF_INIT;

		if (clang_getCursorKind(kids.v[i].c) != CXCursor_EnumConstantDecl)
			continue;
		if (decl_tokens(&ts, kids.v[i].c, &first, &last))
			continue;
		v = enum_add_value(e);
		v->name = xstrdup(kids.v[i].name);
		v->value = clang_getEnumConstantDeclValue(kids.v[i].c);
		v->line = ts.t[first].line;
		if (leading_comments(&ts, first, &a, &b)) {
			char *lead = comments_text(&ts, a, b);

			if (lead)
				strbuf_adds(&sb, lead);
			free(lead);
		}
		if (trailing_comment(&ts, last, &at)) {
			if (sb.len)
				strbuf_addch(&sb, '\n');
			add_comment_text(&sb, ts.t[at].text);
		}
		v->comment = sb.len ? strbuf_detach(&sb) : NULL;
		strbuf_release(&sb);
	}
	cursor_list_release(&kids);
	tokens_release(&ts);
}
