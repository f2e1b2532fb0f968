// SPDX-License-Identifier: GPL-2.0
/*
 * lc_skipped.c - members the configuration leaves out. The preprocessor
 * skipped them, so there is no AST: a small declaration parser reads them
 * from the tokens, with the active configuration's typedefs for their
 * canonical types.
 */
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "strbuf.h"
#include "util.h"

static int is_keyword_or_tag(const struct tok *t)
{
	return t->kind == CXToken_Keyword;
}

static const struct named_cursor *find_typedef(struct ctx *ctx,
					       const char *name)
{
	struct named_cursor key = { .name = name };

	if (!ctx->typedefs.n)
		return NULL;
	return bsearch(&key, ctx->typedefs.v, ctx->typedefs.n,
		       sizeof(key), named_cursor_cmp);
}

/*
 * The canonical spelling of a type written as the tokens first..last, for
 * code the preprocessor skipped: typedef names are resolved with the
 * typedefs of the active configuration, annotation macros ("__user") are
 * dropped and a bare "unsigned" becomes "unsigned int", as clang prints it.
 */
static void canonical_tokens(struct ctx *ctx, const struct tokens *ts,
			     size_t first, size_t last, size_t skip,
			     struct strbuf *sb)
{
	const char *prev = NULL;
	size_t i;

	for (i = first; i <= last; i++) {
		const struct tok *t = &ts->t[i];
		const struct named_cursor *td;
		char *text = NULL;
		const char *s = t->text;

		if (t->kind == CXToken_Comment || i == skip)
			continue;
		if (t->kind == CXToken_Identifier) {
			td = find_typedef(ctx, s);
			if (td) {
				text = canonical_spelling(
					clang_getTypedefDeclUnderlyingType(td->c));
				s = text;
			} else if (!strncmp(s, "__", 2)) {
				continue;
			}
		}
		if (prev && strcmp(prev, "(") && strcmp(s, ")") &&
		    strcmp(s, ",") && strcmp(s, "[") &&
		    !(!strcmp(s, "*") && !strcmp(prev, "*")))
			strbuf_addch(sb, ' ');
		strbuf_adds(sb, s);
		if ((!strcmp(s, "unsigned") || !strcmp(s, "signed")) &&
		    (i == last || (strcmp(ts->t[i + 1].text, "int") &&
				   strcmp(ts->t[i + 1].text, "char") &&
				   strcmp(ts->t[i + 1].text, "short") &&
				   strcmp(ts->t[i + 1].text, "long"))))
			strbuf_adds(sb, " int");
		prev = t->text;
		free(text);
	}
}

static size_t match_paren(const struct tokens *ts, size_t open, size_t last)
{
	int depth = 0;
	size_t i;

	for (i = open; i <= last; i++) {
		if (is_punct(&ts->t[i], "("))
			depth++;
		else if (is_punct(&ts->t[i], ")") && --depth == 0)
			return i;
	}
	return last;
}

static size_t next_code(const struct tokens *ts, size_t i, size_t last)
{
	while (i <= last && ts->t[i].kind == CXToken_Comment)
		i++;
	return i;
}

/* Parameters of a skipped callback from the tokens between parens. */
static void skipped_params(struct ctx *ctx, const struct tokens *ts,
			   size_t open, size_t close, struct member *m)
{
	size_t start = open + 1, i;
	int depth = 0;

	if (next_code(ts, start, close) == close)
		return;
	for (i = start; i <= close; i++) {
		const struct tok *t = &ts->t[i];
		struct param *p;
		size_t end, name_tok = (size_t)-1, k;
		struct strbuf sb = STRBUF_INIT;

		if (is_punct(t, "(") || is_punct(t, "["))
			depth++;
		else if ((is_punct(t, ")") || is_punct(t, "]")) && i != close)
			depth--;
		if (!(i == close || (depth == 0 && is_punct(t, ","))))
			continue;
		end = i - 1;
		while (end > start && ts->t[end].kind == CXToken_Comment)
			end--;
		k = next_code(ts, start, end);
		if (k == end && !strcmp(ts->t[k].text, "void") && i == close &&
		    !m->nr_params) {
			break;
		}
		p = member_add_param(m);
		if (ts->t[end].kind == CXToken_Identifier && end > k &&
		    !find_typedef(ctx, ts->t[end].text) &&
		    strcmp(ts->t[end - 1].text, "struct") &&
		    strcmp(ts->t[end - 1].text, "union") &&
		    strcmp(ts->t[end - 1].text, "enum")) {
			name_tok = end;
			p->name = xstrdup(ts->t[end].text);
		}
		p->type = join_tokens(ts, start, end, name_tok);
		canonical_tokens(ctx, ts, start, end, name_tok, &sb);
		p->canonical = strbuf_detach(&sb);
		start = i + 1;
	}
}

static void skipped_member(struct ctx *ctx, const struct tokens *ts,
			   struct item *it)
{
	size_t i, name_tok = (size_t)-1;
	struct strbuf sb = STRBUF_INIT;
	struct param *p;

	it->m.active = 0;
	it->m.line = ts->t[it->first].line;
	it->m.decl = join_tokens(ts, it->first, it->last, (size_t)-1);

	/* A callback: "ret (*name)(params);" */
	for (i = it->first; i + 3 <= it->last; i++) {
		if (is_punct(&ts->t[i], "(") && is_punct(&ts->t[i + 1], "*") &&
		    ts->t[i + 2].kind == CXToken_Identifier &&
		    is_punct(&ts->t[i + 3], ")")) {
			size_t open = next_code(ts, i + 4, it->last), close;

			it->m.kind = MEMBER_CALLBACK;
			it->m.name = xstrdup(ts->t[i + 2].text);
			it->m.ret = join_tokens(ts, it->first, i - 1, (size_t)-1);
			close = match_paren(ts, open, it->last);
			skipped_params(ctx, ts, open, close, &it->m);
			canonical_tokens(ctx, ts, it->first, i - 1, (size_t)-1, &sb);
			strbuf_adds(&sb, sb.len && sb.buf[sb.len - 1] == '*' ?
				    "(*)(" : " (*)(");
			for_each_param(&it->m, p) {
				if (p != it->m.params)
					strbuf_adds(&sb, ", ");
				strbuf_adds(&sb, p->canonical);
			}
			strbuf_adds(&sb, it->m.nr_params ? ")" : "void)");
			it->m.type = strbuf_detach(&sb);
			return;
		}
	}
	/* A field: the last identifier before '[', ':' or ';'. */
	for (i = it->first; i <= it->last; i++) {
		const struct tok *t = &ts->t[i];

		if (is_punct(t, "[") || is_punct(t, ":") || is_punct(t, ";"))
			break;
		if (t->kind == CXToken_Identifier && !is_keyword_or_tag(t))
			name_tok = i;
	}
	it->m.kind = MEMBER_FIELD;
	it->m.name = xstrdup(name_tok != (size_t)-1 ? ts->t[name_tok].text : "?");
	canonical_tokens(ctx, ts, it->first, i ? i - 1 : 0, name_tok, &sb);
	it->m.type = strbuf_detach(&sb);
}

void skipped_items(struct ctx *ctx, const struct tokens *ts,
		   struct items *out)
{
	size_t i, start = (size_t)-1;
	int depth = 0;

	for (i = 0; i < ts->n; i++) {
		const struct tok *t = &ts->t[i];

		if (!t->skipped || t->directive || t->kind == CXToken_Comment)
			continue;
		if (start == (size_t)-1)
			start = i;
		if (is_punct(t, "(") || is_punct(t, "{") || is_punct(t, "["))
			depth++;
		else if (is_punct(t, ")") || is_punct(t, "}") || is_punct(t, "]"))
			depth--;
		else if (depth == 0 && is_punct(t, ";")) {
			struct item *it = items_add(out);

			it->first = start;
			it->last = i;
			skipped_member(ctx, ts, it);
			start = (size_t)-1;
		}
	}
}

void nest_skipped(struct items *its)
{
	size_t i, k;

	for (i = 0; i < its->n; i++) {
		struct item *it = &its->v[i], *in = NULL;
		struct strbuf sb = STRBUF_INIT;

		if (it->m.active)
			continue;
		for (k = 0; k < its->n; k++) {
			struct item *c = &its->v[k];

			if ((c->m.kind == MEMBER_STRUCT || c->m.kind == MEMBER_UNION) &&
			    c->first < it->first && c->last > it->last &&
			    (!in || c->first > in->first))
				in = c;
		}
		if (!in)
			continue;
		strbuf_addf(&sb, "%s.%s", in->m.name, it->m.name);
		free(it->m.name);
		it->m.name = strbuf_detach(&sb);
		it->depth = in->depth + 1;
		free(it->m.container);
		it->m.container = xstrdup(in->m.kind == MEMBER_UNION ? "union" : "struct");
	}
}
