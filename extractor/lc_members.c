// SPDX-License-Identifier: GPL-2.0
/*
 * lc_members.c - the members of a struct as libclang's AST has them: the
 * ones the configuration keeps, nested anonymous unions and structs as
 * dotted paths, callbacks with their parameters as spelled.
 */
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "strbuf.h"
#include "util.h"

struct item *items_add(struct items *it)
{
	struct item *i;

	it->v = xrealloc(it->v, (it->n + 1) * sizeof(*it->v));
	i = &it->v[it->n++];
	memset(i, 0, sizeof(*i));
	i->m.active = 1;
	return i;
}

int decl_tokens(const struct tokens *ts, CXCursor c, size_t *first,
		size_t *last)
{
	unsigned int s, e;
	size_t i;

	cx_range_offsets(ts, clang_getCursorExtent(c), &s, &e);
	*first = tok_at(ts, s);
	if (*first >= ts->n)
		return -1;
	i = tok_at(ts, e);
	if (i > *first)
		i--;
	while (i + 1 < ts->n && ts->t[i + 1].kind == CXToken_Comment)
		i++;
	if (i + 1 < ts->n && (is_punct(&ts->t[i + 1], ";") ||
			      is_punct(&ts->t[i + 1], ",")))
		i++;
	else
		while (i > *first && ts->t[i].kind == CXToken_Comment)
			i--;
	*last = i;
	return 0;
}

static void add_param_from_cursor(const struct tokens *ts, struct member *m,
				  CXCursor pc)
{
	struct param *p = member_add_param(m);
	char *name = cx_dup(clang_getCursorSpelling(pc));
	CXSourceRange r = clang_getCursorExtent(pc);
	unsigned int s, e, at;
	size_t first, last, name_tok = (size_t)-1;

	cx_range_offsets(ts, r, &s, &e);
	first = tok_at(ts, s);
	last = tok_at(ts, e);
	if (last > first)
		last--;
	if (first >= ts->n) {
		free(name);
		p->type = canonical_spelling(clang_getCursorType(pc));
		p->canonical = canonical_spelling(clang_getCursorType(pc));
		return;
	}
	if (last >= ts->n)
		last = ts->n - 1;
	if (*name) {
		CXSourceLocation loc = clang_getCursorLocation(pc);
		unsigned int to;

		cx_range_offsets(ts, clang_getRange(loc, loc), &at, &to);
		name_tok = tok_at(ts, at);
		p->name = name;
	} else {
		free(name);
	}
	p->type = join_tokens(ts, first, last, name_tok);
	p->canonical = canonical_spelling(clang_getCursorType(pc));
}

static void fill_callback(const struct tokens *ts, struct item *it,
			  CXCursor field)
{
	struct cursor_list kids = { 0 };
	size_t i;

	for (i = it->first; i <= it->last; i++)
		if (is_punct(&ts->t[i], "("))
			break;
	it->m.ret = join_tokens(ts, it->first, i ? i - 1 : 0, (size_t)-1);
	cx_children(field, &kids);
	for (i = 0; i < kids.n; i++)
		if (clang_getCursorKind(kids.v[i].c) == CXCursor_ParmDecl)
			add_param_from_cursor(ts, &it->m, kids.v[i].c);
	cursor_list_release(&kids);
}

static int is_callback_type(CXType t)
{
	CXType c = clang_getCanonicalType(t);

	if (c.kind != CXType_Pointer)
		return 0;
	c = clang_getCanonicalType(clang_getPointeeType(c));
	return c.kind == CXType_FunctionProto || c.kind == CXType_FunctionNoProto;
}

static char *path_join(const char *prefix, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s%s", prefix, name);
	return strbuf_detach(&sb);
}

void visit_record(const struct tokens *ts, struct items *out,
		  CXCursor rec, const char *prefix,
		  const char *container, int depth)
{
	struct cursor_list kids = { 0 };
	size_t i;

	cx_children(rec, &kids);
	for (i = 0; i < kids.n; i++) {
		CXCursor c = kids.v[i].c;
		enum CXCursorKind k = clang_getCursorKind(c);

		if (k == CXCursor_FieldDecl) {
			CXType t = clang_getCanonicalType(clang_getCursorType(c));
			CXCursor decl = clang_getTypeDeclaration(t);
			struct item *it = items_add(out);
			int nested = t.kind == CXType_Record &&
				     clang_Cursor_isAnonymous(decl);
			int is_union = clang_getCursorKind(decl) == CXCursor_UnionDecl;
			const char *kw = is_union ? "union" : "struct";
			char *name;
			size_t slot = it - out->v;

			if (decl_tokens(ts, c, &it->first, &it->last)) {
				/* Outside the struct's tokens: drop the slot. */
				out->n--;
				continue;
			}
			it->depth = depth;
			it->m.name = path_join(prefix, kids.v[i].name);
			it->m.line = ts->t[it->first].line;
			it->m.container = container ? xstrdup(container) : NULL;
			if (nested) {
				struct strbuf sb = STRBUF_INIT;

				strbuf_addf(&sb, "%s { ... } %s;", kw, kids.v[i].name);
				it->m.decl = strbuf_detach(&sb);
				it->m.kind = is_union ? MEMBER_UNION : MEMBER_STRUCT;
				strbuf_addf(&sb, "%s {...}", kw);
				it->m.type = strbuf_detach(&sb);
				name = path_join(it->m.name, ".");
				/* out->v may move: use the slot, not it. */
				visit_record(ts, out, decl, name, kw, depth + 1);
				free(name);
				(void)slot;
				continue;
			}
			it->m.decl = join_tokens(ts, it->first, it->last, (size_t)-1);
			it->m.type = canonical_spelling(t);
			if (is_callback_type(t)) {
				it->m.kind = MEMBER_CALLBACK;
				fill_callback(ts, it, c);
			}
		} else if ((k == CXCursor_StructDecl || k == CXCursor_UnionDecl) &&
			   clang_Cursor_isAnonymousRecordDecl(c)) {
			visit_record(ts, out, c, prefix,
				     k == CXCursor_UnionDecl ? "union" : "struct",
				     depth + 1);
		}
	}
	cursor_list_release(&kids);
}

int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->depth - y->depth;
}
