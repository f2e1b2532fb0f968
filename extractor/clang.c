// SPDX-License-Identifier: GPL-2.0
/*
 * clang.c - turn libclang's view of the kernel headers into the model.
 *
 * This is the only file that includes clang-c/Index.h. It parses one
 * translation unit (the headers, with kbuild's own flags, function bodies
 * skipped), finds the modelled structs, enums and helpers, and copies what
 * it needs into plain structs. Members, comments and preprocessor
 * conditions are worked out from one token stream per struct, so active
 * members (from the AST) and members the configuration leaves out (from
 * libclang's skipped ranges) go through the same code.
 */
#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "strbuf.h"
#include "util.h"

struct tok {
	enum CXTokenKind kind;
	char *text;
	unsigned int line, end_line;
	unsigned int off, end;
	int directive;		/* on a #if/#endif/... line */
	int skipped;		/* inside a range the preprocessor skipped */
};

struct tokens {
	struct tok *t;
	size_t n;
};

/* A member while its struct is being worked out. */
struct item {
	struct member m;
	size_t first, last;	/* token indices */
	int depth;		/* 0 for the struct's own members */
};

struct items {
	struct item *v;
	size_t n;
};

struct named_cursor {
	const char *name;	/* owned by the CXString below */
	CXString str;
	CXCursor c;
};

struct cursor_list {
	struct named_cursor *v;
	size_t n, alloc;
};

struct range {
	unsigned int start, end;
};

struct ctx {
	CXTranslationUnit tu;
	const char *ksrc;
	size_t ksrc_len;
	struct api *api;
	struct cursor_list records;	/* struct definitions we model */
	struct cursor_list enums;
	struct cursor_list typedefs;	/* sorted by name after the walk */
	struct cursor_list functions;	/* helper candidates */
	struct cursor_list macros;	/* function-like macro definitions */
	struct strvec error_files;	/* where libclang reported errors */
	unsigned int *error_lines;
};

/* --- small libclang helpers ---------------------------------------- */

static char *cx_dup(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = xstrdup(c ? c : "");

	clang_disposeString(s);
	return r;
}

static void expansion(CXSourceLocation loc, CXFile *file, unsigned int *line,
		      unsigned int *off)
{
	clang_getExpansionLocation(loc, file, line, NULL, off);
}

/* The file's absolute path, symlinks resolved as for KSRC. */
static char *real_path(CXFile file)
{
	char *p = cx_dup(clang_File_tryGetRealPathName(file));

	if (*p)
		return p;
	free(p);
	return cx_dup(clang_getFileName(file));
}

/* The file's path, relative to the kernel tree when it is inside it. */
static char *rel_path(struct ctx *ctx, CXFile file)
{
	char *p = real_path(file);
	char *r;

	if (!strncmp(p, ctx->ksrc, ctx->ksrc_len) && p[ctx->ksrc_len] == '/') {
		r = xstrdup(p + ctx->ksrc_len + 1);
		free(p);
		return r;
	}
	return p;
}

static void cursor_list_add(struct cursor_list *l, CXCursor c)
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

static void cursor_list_release(struct cursor_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		clang_disposeString(l->v[i].str);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static const struct named_cursor *cursor_list_find(const struct cursor_list *l,
						   const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

static int named_cursor_cmp(const void *a, const void *b)
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

static void children(CXCursor c, struct cursor_list *out)
{
	clang_visitChildren(c, collect_child, out);
}

static char *canonical_spelling(CXType t)
{
	return cx_dup(clang_getTypeSpelling(clang_getCanonicalType(t)));
}

/* --- tokens --------------------------------------------------------- */

static void tokens_release(struct tokens *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		free(ts->t[i].text);
	free(ts->t);
	ts->t = NULL;
	ts->n = 0;
}

static int is_directive_start(const struct tokens *ts, size_t i)
{
	return !strcmp(ts->t[i].text, "#") &&
	       (i == 0 || ts->t[i - 1].end_line < ts->t[i].line);
}

/*
 * Tokenize a range, comments included, and mark the tokens of directive
 * lines and those inside the preprocessor's skipped ranges.
 */
static void tokenize(struct ctx *ctx, CXSourceRange range,
		     const struct range *skipped, size_t nr_skipped,
		     struct tokens *ts)
{
	CXToken *cx;
	unsigned int n, i;
	size_t j;
	unsigned int dir_line = 0;

	clang_tokenize(ctx->tu, range, &cx, &n);
	ts->t = xcalloc(n ? n : 1, sizeof(*ts->t));
	ts->n = n;
	for (i = 0; i < n; i++) {
		struct tok *t = &ts->t[i];
		CXSourceRange r = clang_getTokenExtent(ctx->tu, cx[i]);

		t->kind = clang_getTokenKind(cx[i]);
		t->text = cx_dup(clang_getTokenSpelling(ctx->tu, cx[i]));
		clang_getSpellingLocation(clang_getRangeStart(r), NULL,
					  &t->line, NULL, &t->off);
		clang_getSpellingLocation(clang_getRangeEnd(r), NULL,
					  &t->end_line, NULL, &t->end);
	}
	clang_disposeTokens(ctx->tu, cx, n);

	for (i = 0; i < n; i++) {
		struct tok *t = &ts->t[i];

		if (is_directive_start(ts, i))
			dir_line = t->line;
		else if (dir_line && t->line != dir_line)
			dir_line = 0;
		t->directive = dir_line != 0;
		for (j = 0; j < nr_skipped; j++)
			if (t->off >= skipped[j].start && t->off < skipped[j].end)
				t->skipped = 1;
	}
}

/* First token at or after offset off. */
static size_t tok_at(const struct tokens *ts, unsigned int off)
{
	size_t lo = 0, hi = ts->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ts->t[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int is_punct(const struct tok *t, const char *s)
{
	return t->kind == CXToken_Punctuation && !strcmp(t->text, s);
}

/*
 * Join the code tokens first..last as the source spells them: one space
 * where the source has any whitespace or a comment, none elsewhere.
 * Tokens for which skip(i) is true are left out.
 */
static char *join_tokens(const struct tokens *ts, size_t first, size_t last,
			 size_t skip_index)
{
	struct strbuf sb = STRBUF_INIT;
	const struct tok *prev = NULL;
	size_t i;

	for (i = first; i <= last && i < ts->n; i++) {
		const struct tok *t = &ts->t[i];

		if (t->kind == CXToken_Comment || i == skip_index)
			continue;
		if (prev && t->off > prev->end)
			strbuf_addch(&sb, ' ');
		strbuf_adds(&sb, t->text);
		prev = t;
	}
	/* A token dropped from the middle may leave a space at the end. */
	strbuf_rtrim(&sb);
	return strbuf_detach(&sb);
}

/* Text of a comment token without its markers, one line per line. */
static void add_comment_text(struct strbuf *sb, const char *c)
{
	size_t len = strlen(c);
	const char *p, *end;
	struct strbuf line = STRBUF_INIT;
	int any = sb->len > 0;

	if (!strncmp(c, "//", 2)) {
		p = c + 2;
		end = c + len;
	} else {
		p = c + 2;
		while (*p == '*')
			p++;
		end = c + len;
		if (len >= 4 && !strcmp(end - 2, "*/"))
			end -= 2;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *e = nl ? nl : end;

		strbuf_reset(&line);
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p < e && *p == '*' && (p + 1 == e || p[1] != '/'))
			p++;
		if (p < e && *p == ' ')
			p++;
		strbuf_add(&line, p, e - p);
		strbuf_rtrim(&line);
		if (line.len || any) {
			if (any)
				strbuf_addch(sb, '\n');
			strbuf_add(sb, line.buf, line.len);
			any = 1;
		}
		p = nl ? nl + 1 : end;
	}
	strbuf_rtrim(sb);
	/* Blank lines at the end of a block comment. */
	while (sb->len && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
	strbuf_release(&line);
}

static char *comments_text(const struct tokens *ts, size_t first, size_t last)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = first; i <= last; i++)
		add_comment_text(&sb, ts->t[i].text);
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/*
 * The comment tokens just before token first that belong to it: a run of
 * comments with no code between, less one that ends the previous line's
 * code. Returns 0 when there is none, else sets *from and *to.
 */
static int leading_comments(const struct tokens *ts, size_t first,
			    size_t *from, size_t *to)
{
	size_t j = first;

	while (j > 0 && ts->t[j - 1].kind == CXToken_Comment)
		j--;
	if (j > 0 && j < first && ts->t[j].line == ts->t[j - 1].end_line)
		j++;
	if (j >= first)
		return 0;
	*from = j;
	*to = first - 1;
	return 1;
}

static int trailing_comment(const struct tokens *ts, size_t last, size_t *at)
{
	if (last + 1 < ts->n && ts->t[last + 1].kind == CXToken_Comment &&
	    ts->t[last + 1].line == ts->t[last].end_line) {
		*at = last + 1;
		return 1;
	}
	return 0;
}

/* --- skipped ranges and preprocessor conditions --------------------- */

static size_t skipped_ranges(struct ctx *ctx, CXFile file, unsigned int from,
			     unsigned int to, struct range **out)
{
	CXSourceRangeList *list = clang_getSkippedRanges(ctx->tu, file);
	struct range *v = NULL;
	size_t n = 0;
	unsigned int i;

	if (!list) {
		*out = NULL;
		return 0;
	}
	for (i = 0; i < list->count; i++) {
		unsigned int s, e;

		clang_getSpellingLocation(clang_getRangeStart(list->ranges[i]),
					  NULL, NULL, NULL, &s);
		clang_getSpellingLocation(clang_getRangeEnd(list->ranges[i]),
					  NULL, NULL, NULL, &e);
		if (e <= from || s >= to)
			continue;
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n].start = s;
		v[n].end = e;
		n++;
	}
	clang_disposeSourceRangeList(list);
	*out = v;
	return n;
}

struct cond_stack {
	char *v[32];
	int n;
};

static int simple_ident(const char *s)
{
	if (*s == '!')
		s++;
	for (; *s; s++)
		if (!(*s == '_' || (*s >= '0' && *s <= '9') ||
		      (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

static char *negate(const char *c)
{
	struct strbuf sb = STRBUF_INIT;

	if (c[0] == '!' && simple_ident(c))
		strbuf_adds(&sb, c + 1);
	else if (simple_ident(c))
		strbuf_addf(&sb, "!%s", c);
	else
		strbuf_addf(&sb, "!(%s)", c);
	return strbuf_detach(&sb);
}

/* Apply the directive that starts at token i; return its last token. */
static size_t apply_directive(const struct tokens *ts, size_t i,
			      struct cond_stack *st)
{
	size_t j = i + 1, end = i;
	const char *what;
	char *expr, *c;

	while (end + 1 < ts->n && ts->t[end + 1].directive &&
	       !is_directive_start(ts, end + 1))
		end++;
	if (j > end)
		return end;
	what = ts->t[j].text;
	expr = j < end ? join_tokens(ts, j + 1, end, (size_t)-1) : xstrdup("");

	if (!strcmp(what, "if") || !strcmp(what, "ifdef") ||
	    !strcmp(what, "ifndef")) {
		if (st->n < (int)(sizeof(st->v) / sizeof(st->v[0]))) {
			st->v[st->n++] = !strcmp(what, "ifndef") ?
					 negate(expr) : xstrdup(expr);
		}
	} else if (!strcmp(what, "else") && st->n) {
		c = negate(st->v[st->n - 1]);
		free(st->v[st->n - 1]);
		st->v[st->n - 1] = c;
	} else if (!strcmp(what, "elif") && st->n) {
		struct strbuf sb = STRBUF_INIT;

		c = negate(st->v[st->n - 1]);
		strbuf_addf(&sb, "%s && %s", c, expr);
		free(c);
		free(st->v[st->n - 1]);
		st->v[st->n - 1] = strbuf_detach(&sb);
	} else if (!strcmp(what, "endif") && st->n) {
		free(st->v[--st->n]);
	}
	free(expr);
	return end;
}

static char *cond_text(const struct cond_stack *st)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	if (!st->n)
		return NULL;
	for (i = 0; i < st->n; i++) {
		if (i)
			strbuf_adds(&sb, " && ");
		if (st->n > 1 && !simple_ident(st->v[i]))
			strbuf_addf(&sb, "(%s)", st->v[i]);
		else
			strbuf_adds(&sb, st->v[i]);
	}
	return strbuf_detach(&sb);
}

/* --- members from the AST ------------------------------------------- */

static struct item *items_add(struct items *it)
{
	struct item *i;

	it->v = xrealloc(it->v, (it->n + 1) * sizeof(*it->v));
	i = &it->v[it->n++];
	memset(i, 0, sizeof(*i));
	i->m.active = 1;
	return i;
}

/*
 * Token range of a declaration cursor, through its ';' or ','. Returns -1
 * when the declaration is not among the tokens (a struct cut short).
 */
static int decl_tokens(const struct tokens *ts, CXCursor c, size_t *first,
		       size_t *last)
{
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned int s, e;
	size_t i;

	expansion(clang_getRangeStart(r), NULL, NULL, &s);
	expansion(clang_getRangeEnd(r), NULL, NULL, &e);
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

struct param_visit {
	struct ctx *ctx;
	const struct tokens *ts;
	struct member *m;
};

static void add_param_from_cursor(const struct tokens *ts, struct member *m,
				  CXCursor pc)
{
	struct param *p = member_add_param(m);
	char *name = cx_dup(clang_getCursorSpelling(pc));
	CXSourceRange r = clang_getCursorExtent(pc);
	unsigned int s, e, at;
	size_t first, last, name_tok = (size_t)-1;

	expansion(clang_getRangeStart(r), NULL, NULL, &s);
	expansion(clang_getRangeEnd(r), NULL, NULL, &e);
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
		expansion(clang_getCursorLocation(pc), NULL, NULL, &at);
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
	children(field, &kids);
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

static void visit_record(const struct tokens *ts, struct items *out,
			 CXCursor rec, const char *prefix,
			 const char *container, int depth)
{
	struct cursor_list kids = { 0 };
	size_t i;

	children(rec, &kids);
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

/* --- members the configuration leaves out ---------------------------- */

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

/* Declarations in skipped code, split at ';' outside parens and braces. */
static void skipped_items(struct ctx *ctx, const struct tokens *ts,
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

/* --- comments, groups and conditions over all members ---------------- */

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->depth - y->depth;
}

/*
 * Last token of the paragraph holding token i: a run of lines with no
 * blank line and no preprocessor directive.
 */
static size_t paragraph_end(const struct tokens *ts, size_t i)
{
	while (i + 1 < ts->n && ts->t[i + 1].line <= ts->t[i].end_line + 1 &&
	       !ts->t[i + 1].directive)
		i++;
	return i;
}

/*
 * A comment that opens a paragraph of the struct's own members, where no
 * other member of that paragraph has a leading comment of its own, is a
 * group comment ("Mutable fields.") when the struct uses them: when at
 * least one such comment heads two or more members. Otherwise it is the
 * leading comment of the member below it.
 */
static void annotate_items(const struct tokens *ts, size_t open_brace,
			   struct items *its)
{
	struct cond_stack st = { .n = 0 };
	int *is_group = xcalloc(its->n, sizeof(*is_group));
	size_t *lead_from = xcalloc(its->n, sizeof(*lead_from));
	size_t *lead_to = xcalloc(its->n, sizeof(*lead_to));
	int *has_lead = xcalloc(its->n, sizeof(*has_lead));
	int uses_groups = 0;
	char *group = NULL;
	size_t i, k, t;

	for (i = 0; i < its->n; i++) {
		struct item *it = &its->v[i];
		size_t before, end;
		int n = 0;

		has_lead[i] = leading_comments(ts, it->first, &lead_from[i],
					       &lead_to[i]);
		if (!has_lead[i] || it->depth)
			continue;
		before = lead_from[i] - 1;
		if (lead_from[i] == 0 ||
		    !(before == open_brace ||
		      ts->t[lead_from[i]].line > ts->t[before].end_line + 1))
			continue;
		end = paragraph_end(ts, it->first);
		for (k = i; k < its->n; k++) {
			size_t a, b;

			if (its->v[k].depth || its->v[k].first > end)
				continue;
			/* Members with comments of their own: no group. */
			if (k > i && leading_comments(ts, its->v[k].first, &a, &b))
				break;
			n++;
		}
		if (k < its->n && its->v[k].first <= end && k > i)
			continue;
		is_group[i] = 1;
		if (n >= 2)
			uses_groups = 1;
	}

	for (i = 0, t = 0; i < its->n; i++) {
		struct item *it = &its->v[i];
		struct strbuf sb = STRBUF_INIT;
		size_t at;
		char *lead = NULL;

		/* Conditions in force at the member's first token. */
		for (; t < it->first; t++)
			if (is_directive_start(ts, t))
				t = apply_directive(ts, t, &st);
		it->m.condition = cond_text(&st);

		if (has_lead[i])
			lead = comments_text(ts, lead_from[i], lead_to[i]);
		if (is_group[i] && uses_groups) {
			free(group);
			group = lead;
			lead = NULL;
		}
		it->m.group = group ? xstrdup(group) : NULL;
		if (lead)
			strbuf_adds(&sb, lead);
		if (trailing_comment(ts, it->last, &at)) {
			if (sb.len)
				strbuf_addch(&sb, '\n');
			add_comment_text(&sb, ts->t[at].text);
		}
		it->m.comment = sb.len ? strbuf_detach(&sb) : NULL;
		strbuf_release(&sb);
		free(lead);
	}
	free(group);
	while (st.n)
		free(st.v[--st.n]);
	free(is_group);
	free(lead_from);
	free(lead_to);
	free(has_lead);
}

/* Nested skipped members take the path of the named member they sit in. */
static void nest_skipped(struct items *its)
{
	size_t i, k;

	for (i = 0; i < its->n; i++) {
		struct item *it = &its->v[i], *in = NULL;
		struct strbuf sb;

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

/* --- structs, enums and helpers -------------------------------------- */

static void cursor_span(CXCursor c, CXFile *file, unsigned int *line,
			unsigned int *end_line, unsigned int *from,
			unsigned int *to)
{
	CXSourceRange r = clang_getCursorExtent(c);

	expansion(clang_getRangeStart(r), file, line, from);
	expansion(clang_getRangeEnd(r), NULL, end_line, to);
}

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
	return xstrndup(buf + s, e + 1 - s);
}

static void fill_struct(struct ctx *ctx, struct ops_struct *s, CXCursor c)
{
	struct tokens ts = { 0 };
	struct items its = { 0 };
	struct range *skipped;
	size_t nr_skipped, i, open_brace;
	unsigned int from, to;
	CXFile file;

	cursor_span(c, &file, &s->line, &s->end_line, &from, &to);
	s->present = 1;
	s->file = rel_path(ctx, file);
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

static void fill_enum(struct ctx *ctx, struct enum_decl *e, CXCursor c)
{
	struct cursor_list kids = { 0 };
	struct tokens ts = { 0 };
	unsigned int from, to, end_line;
	CXFile file;
	size_t i;

	cursor_span(c, &file, &e->line, &end_line, &from, &to);
	e->present = 1;
	e->file = rel_path(ctx, file);
	tokenize(ctx, clang_getCursorExtent(c), NULL, 0, &ts);
	children(c, &kids);
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

/* The kernel-doc comment ("/" "**") right above offset off, or NULL. */
static char *kerneldoc_before(const char *buf, size_t off)
{
	size_t e = off, s;

	while (e > 0 && (buf[e - 1] == ' ' || buf[e - 1] == '\t' ||
			 buf[e - 1] == '\n'))
		e--;
	if (e < 4 || buf[e - 1] != '/' || buf[e - 2] != '*')
		return NULL;
	for (s = e - 2; s > 0; s--)
		if (buf[s - 1] == '/' && buf[s] == '*')
			break;
	if (!s)
		return NULL;
	s--;
	if (e - s < 5 || strncmp(buf + s, "/**", 3) || buf[s + 3] == '*')
		return NULL;
	return xstrndup(buf + s, e - s);
}

static char *raw_kerneldoc(CXCursor c)
{
	char *raw = cx_dup(clang_Cursor_getRawCommentText(c));

	if (strncmp(raw, "/**", 3) || raw[3] == '*') {
		free(raw);
		return NULL;
	}
	return raw;
}

static int is_helper_function(CXCursor c)
{
	CXType t, pointee;
	CXCursor decl;
	char *name;
	int ok;

	if (clang_Cursor_getNumArguments(c) < 1)
		return 0;
	t = clang_getCanonicalType(clang_getCursorType(clang_Cursor_getArgument(c, 0)));
	if (t.kind != CXType_Pointer)
		return 0;
	pointee = clang_getCanonicalType(clang_getPointeeType(t));
	if (pointee.kind != CXType_Record)
		return 0;
	decl = clang_getTypeDeclaration(pointee);
	name = cx_dup(clang_getCursorSpelling(decl));
	ok = !strcmp(name, HELPER_PARAM_STRUCT);
	free(name);
	return ok;
}

static void add_function_helper(struct ctx *ctx, CXCursor c, const char *name)
{
	struct tokens ts = { 0 };
	struct helper *h;
	unsigned int line, end_line, from, to;
	CXFile file;
	size_t i;
	char *sig;

	if (find_helper_by_name(ctx->api, name))
		return;
	cursor_span(c, &file, &line, &end_line, &from, &to);
	tokenize(ctx, clang_getCursorExtent(c), NULL, 0, &ts);
	for (i = 0; i < ts.n; i++)
		if (is_punct(&ts.t[i], "{"))
			break;
	sig = join_tokens(&ts, 0, i ? i - 1 : 0, (size_t)-1);
	h = api_add_helper(ctx->api);
	h->name = xstrdup(name);
	h->kind = HELPER_FUNCTION;
	h->file = rel_path(ctx, file);
	h->line = line;
	h->decl = xrealloc(sig, strlen(sig) + 2);
	strcat(h->decl, ";");
	h->doc = raw_kerneldoc(c);
	tokens_release(&ts);
}

static int is_ident_char(char ch)
{
	return ch == '_' || (ch >= '0' && ch <= '9') ||
	       (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Does text[0..len) use the identifier name? */
static int uses_ident(const char *text, size_t len, const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; i + n <= len; i++) {
		if (memcmp(text + i, name, n))
			continue;
		if ((i == 0 || !is_ident_char(text[i - 1])) &&
		    (i + n == len || !is_ident_char(text[i + n])))
			return 1;
	}
	return 0;
}

/*
 * Function-like macros that wrap a helper function, such as
 * vma_desc_set_flags(). Only macros in the helpers' own headers are read.
 */
static void add_macro_helpers(struct ctx *ctx)
{
	size_t nr_functions = ctx->api->nr_helpers, i, k;

	for (i = 0; i < ctx->macros.n; i++) {
		const struct named_cursor *mc = &ctx->macros.v[i];
		unsigned int line, end_line, from, to;
		const char *buf;
		size_t size, p;
		struct helper *h;
		char *file;
		const char *wraps;
		int found = 0;
		CXFile cxf;

		cursor_span(mc->c, &cxf, &line, &end_line, &from, &to);
		if (!cxf)
			continue;
		file = rel_path(ctx, cxf);
		for (k = 0; k < nr_functions && !found; k++)
			found = !strcmp(ctx->api->helpers[k].file, file);
		if (!found || find_helper_by_name(ctx->api, mc->name)) {
			free(file);
			continue;
		}
		buf = clang_getFileContents(ctx->tu, cxf, &size);
		found = 0;
		for (k = 0; buf && to <= size && k < nr_functions && !found; k++)
			found = uses_ident(buf + from, to - from,
					   ctx->api->helpers[k].name);
		wraps = found ? ctx->api->helpers[k - 1].name : NULL;
		if (!found) {
			free(file);
			continue;
		}
		/* "#define name(params)": up to the parameter list's ')'. */
		for (p = from; p < to && buf[p] != ')'; p++)
			;
		h = api_add_helper(ctx->api);
		h->name = xstrdup(mc->name);
		h->kind = HELPER_MACRO;
		h->wraps = xstrdup(wraps);
		h->file = file;
		h->line = line;
		h->decl = xmalloc(p - from + 10);
		snprintf(h->decl, p - from + 10, "#define %.*s)",
			 (int)(p - from), buf + from);
		/* The "#define" itself sits before the macro's extent. */
		while (from > 0 && buf[from - 1] != '\n')
			from--;
		h->doc = kerneldoc_before(buf, from);
	}
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	struct ctx *ctx = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	CXString s;
	const char *name;

	(void)parent;
	switch (k) {
	case CXCursor_StructDecl:
	case CXCursor_EnumDecl:
		if (!clang_isCursorDefinition(c))
			break;
		s = clang_getCursorSpelling(c);
		name = clang_getCString(s);
		if (k == CXCursor_StructDecl) {
			for (size_t i = 0; modelled_structs[i]; i++)
				if (!strcmp(name, modelled_structs[i]) &&
				    !cursor_list_find(&ctx->records, name))
					cursor_list_add(&ctx->records, c);
		} else {
			for (size_t i = 0; modelled_enums[i]; i++)
				if (!strcmp(name, modelled_enums[i]) &&
				    !cursor_list_find(&ctx->enums, name))
					cursor_list_add(&ctx->enums, c);
		}
		clang_disposeString(s);
		break;
	case CXCursor_TypedefDecl:
		cursor_list_add(&ctx->typedefs, c);
		break;
	case CXCursor_FunctionDecl:
		if (is_helper_function(c))
			cursor_list_add(&ctx->functions, c);
		break;
	case CXCursor_MacroDefinition:
		if (clang_Cursor_isMacroFunctionLike(c))
			cursor_list_add(&ctx->macros, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

/*
 * Was the struct parsed whole? Not when it has no member, nor when libclang
 * reported an error in its header at or after its first line: a header cut
 * short in the middle of the struct ends with such an error.
 */
static int errors_inside(const struct ctx *ctx, const struct ops_struct *s)
{
	size_t i;

	if (!s->nr_members)
		return 1;
	for (i = 0; i < ctx->error_files.nr; i++)
		if (!strcmp(ctx->error_files.v[i], s->file) &&
		    ctx->error_lines[i] >= s->line)
			return 1;
	return 0;
}

/*
 * Print libclang's warnings and errors; return how many there were.
 * Where the errors are is kept for errors_inside().
 */
static unsigned int report_diagnostics(struct ctx *ctx, unsigned int max)
{
	unsigned int n = clang_getNumDiagnostics(ctx->tu), i, shown = 0, count = 0;

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctx->tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);

		if (sev >= CXDiagnostic_Error) {
			CXFile file;
			unsigned int line;

			clang_getExpansionLocation(clang_getDiagnosticLocation(d),
						   &file, &line, NULL, NULL);
			if (file) {
				strvec_push_owned(&ctx->error_files, rel_path(ctx, file));
				ctx->error_lines = xrealloc(ctx->error_lines,
					ctx->error_files.nr * sizeof(unsigned int));
				ctx->error_lines[ctx->error_files.nr - 1] = line;
			}
		}
		if (sev >= CXDiagnostic_Warning) {
			count++;
			if (shown < max) {
				CXFile file;
				unsigned int line;
				char *path = NULL, *msg;

				clang_getExpansionLocation(clang_getDiagnosticLocation(d),
							   &file, &line, NULL, NULL);
				/* The full path, so an editor can open it. */
				if (file)
					path = real_path(file);
				msg = cx_dup(clang_getDiagnosticSpelling(d));
				if (sev >= CXDiagnostic_Error)
					error_at(path, line, "%s [libclang]", msg);
				else
					warning_at(path, line, "%s [libclang]", msg);
				free(path);
				free(msg);
				shown++;
			}
		}
		clang_disposeDiagnostic(d);
	}
	if (count > shown)
		note_at(NULL, 0, "%u more libclang diagnostics not shown",
			count - shown);
	return count;
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

static void add_inclusion(CXFile file, CXSourceLocation *stack, unsigned len,
			  CXClientData data)
{
	struct strvec *deps = data;
	char *path;

	(void)stack;
	/* The main file is opsdoc's own, in memory: not a dependency. */
	if (!len)
		return;
	path = real_path(file);
	if (strvec_find(deps, path) < 0)
		strvec_push_owned(deps, path);
	else
		free(path);
}

int parse_model(const struct extract_opts *opts, struct api *api)
{
	struct ctx ctx = { 0 };
	struct strbuf tu_text = STRBUF_INIT;
	struct strvec args;
	struct CXUnsavedFile unsaved;
	enum CXErrorCode err;
	CXIndex index;
	size_t i;
	int ret = -1;

	ctx.ksrc = opts->ksrc;
	ctx.ksrc_len = strlen(opts->ksrc);
	ctx.api = api;
	strvec_init(&ctx.error_files);

	for (i = 0; opts->headers[i]; i++)
		strbuf_addf(&tu_text, "#include <%s>\n", opts->headers[i]);
	unsaved.Filename = "opsdoc-tu.c";
	unsaved.Contents = tu_text.buf;
	unsaved.Length = tu_text.len;

	build_args(opts->ksrc, opts->args, &args);

	index = clang_createIndex(0, 0);
	err = clang_parseTranslationUnit2(index, "opsdoc-tu.c",
			(const char *const *)args.v, (int)args.nr, &unsaved, 1,
			CXTranslationUnit_SkipFunctionBodies |
			CXTranslationUnit_DetailedPreprocessingRecord |
			CXTranslationUnit_KeepGoing, &ctx.tu);
	if (err != CXError_Success || !ctx.tu) {
		error_at(opts->ksrc, 0, "libclang could not parse the headers "
			 "(error %d); check the compiler flags", (int)err);
		goto out_dispose_index;
	}
	api->nr_diagnostics = report_diagnostics(&ctx, opts->max_diags);
	clang_visitChildren(clang_getTranslationUnitCursor(ctx.tu), visit_top, &ctx);
	if (ctx.typedefs.n)
		qsort(ctx.typedefs.v, ctx.typedefs.n, sizeof(*ctx.typedefs.v),
		      named_cursor_cmp);

	if (!cursor_list_find(&ctx.records, "file_operations")) {
		if (!api->nr_diagnostics)
			report_diagnostics(&ctx, opts->max_diags);
		error_at(opts->ksrc, 0, "struct file_operations not found in "
			 "the parsed headers (%u diagnostics above); is this a "
			 "kernel tree and are the flags right?",
			 api->nr_diagnostics);
		goto out_dispose_tu;
	}

	for (i = 0; modelled_structs[i]; i++) {
		const struct named_cursor *nc =
			cursor_list_find(&ctx.records, modelled_structs[i]);
		struct ops_struct *s = api_add_struct(api, modelled_structs[i]);

		if (!nc)
			continue;
		fill_struct(&ctx, s, nc->c);
		if (errors_inside(&ctx, s)) {
			struct strbuf path = STRBUF_INIT;

			if (s->file[0] != '/')
				strbuf_addf(&path, "%s/", opts->ksrc);
			strbuf_adds(&path, s->file);
			error_at(path.buf, s->line, "struct %s does not parse (see "
				 "libclang's errors above); is the header complete?",
				 s->name);
			strbuf_release(&path);
			goto out_dispose_tu;
		}
	}
	for (i = 0; modelled_enums[i]; i++) {
		const struct named_cursor *nc =
			cursor_list_find(&ctx.enums, modelled_enums[i]);
		struct enum_decl *e = api_add_enum(api, modelled_enums[i]);

		if (nc)
			fill_enum(&ctx, e, nc->c);
	}
	for (i = 0; i < ctx.functions.n; i++)
		add_function_helper(&ctx, ctx.functions.v[i].c,
				    ctx.functions.v[i].name);
	add_macro_helpers(&ctx);
	api_sort_helpers(api);
	if (opts->deps)
		clang_getInclusions(ctx.tu, add_inclusion, opts->deps);
	ret = 0;

out_dispose_tu:
	cursor_list_release(&ctx.records);
	cursor_list_release(&ctx.enums);
	cursor_list_release(&ctx.typedefs);
	cursor_list_release(&ctx.functions);
	cursor_list_release(&ctx.macros);
	strvec_release(&ctx.error_files);
	free(ctx.error_lines);
	clang_disposeTranslationUnit(ctx.tu);
out_dispose_index:
	clang_disposeIndex(index);
	strvec_release(&args);
	strbuf_release(&tu_text);
	return ret;
}

/* --- callers of the mmap family ------------------------------------- */

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
	c->file = rel_path(cc->ctx, file);
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
	cc->function_file = rel_path(cc->ctx, file);
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
	struct strvec args;
	CXIndex index = clang_createIndex(0, 0);
	size_t i;

	ctx.ksrc = opts->ksrc;
	ctx.ksrc_len = strlen(opts->ksrc);
	ctx.api = api;
	cc.ctx = &ctx;
	cc.members = caller_members;
	strvec_init(&cc.wrappers);
	strvec_init(&cc.wrapped);
	build_args(opts->ksrc, opts->args, &args);
	for (i = 0; files[i]; i++) {
		enum CXErrorCode err;

		err = clang_parseTranslationUnit2(index, files[i],
				(const char *const *)args.v, (int)args.nr, NULL, 0,
				CXTranslationUnit_KeepGoing, &ctx.tu);
		if (err != CXError_Success || !ctx.tu) {
			warning_at(files[i], 0, "libclang could not parse it; its "
				   "callers are left out");
			continue;
		}
		for (cc.pass = 0; cc.pass < 2; cc.pass++)
			clang_visitChildren(clang_getTranslationUnitCursor(ctx.tu),
					    visit_functions, &cc);
		clang_disposeTranslationUnit(ctx.tu);
		ctx.tu = NULL;
	}
	api_sort_callers(api);
	strvec_release(&cc.wrappers);
	strvec_release(&cc.wrapped);
	strvec_release(&args);
	clang_disposeIndex(index);
	return 0;
}

/* --- example drivers ------------------------------------------------ */

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
	struct strvec args;
	CXIndex index = clang_createIndex(0, 0);
	size_t i, k;

	ctx.ksrc = opts->ksrc;
	ctx.ksrc_len = strlen(opts->ksrc);
	ctx.api = api;
	build_args(opts->ksrc, opts->args, &args);
	for (i = 0; files[i]; i++) {
		struct strbuf path = STRBUF_INIT;
		size_t before = api->nr_examples;

		strbuf_addf(&path, "%s/%s", dir, files[i]);
		if (clang_parseTranslationUnit2(index, path.buf,
				(const char *const *)args.v, (int)args.nr, NULL, 0,
				/* Bodies are kept: the extents must cover them. */
				CXTranslationUnit_KeepGoing, &ctx.tu) ||
		    !ctx.tu) {
			warning_at(path.buf, 0, "libclang could not parse it");
			strbuf_release(&path);
			continue;
		}
		clang_visitChildren(clang_getTranslationUnitCursor(ctx.tu),
				    visit_example, &ctx);
		for (k = before; k < api->nr_examples; k++)
			api->examples[k].file = xstrdup(files[i]);
		clang_disposeTranslationUnit(ctx.tu);
		ctx.tu = NULL;
		strbuf_release(&path);
	}
	api_sort_examples(api);
	strvec_release(&args);
	clang_disposeIndex(index);
	return 0;
}

/* --- listings in the documentation ---------------------------------- */

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

int parse_listings(const struct extract_opts *opts,
		   const struct doc_listing *ls, size_t n, struct ops_struct *out)
{
	struct strbuf tu = STRBUF_INIT;
	struct strvec args;
	struct ctx ctx = { 0 };
	struct listings_ctx lc = { &ctx, out, n };
	struct CXUnsavedFile unsaved;
	int ret = 0;
	unsigned int *first_line = xcalloc(n ? n : 1, sizeof(*first_line));
	unsigned int line = 1;
	CXIndex index;
	size_t i, k;
	const char *c;

	for (i = 0; opts->headers[i]; i++) {
		strbuf_addf(&tu, "#include <%s>\n", opts->headers[i]);
		line++;
	}
	for (i = 0; i < n; i++) {
		/* The code's first line is the listing's first line. */
		if (ls[i].wrapped) {
			first_line[i] = line;
			add_renamed(&tu, ls[i].code, ls[i].struct_name, i);
		} else {
			strbuf_addf(&tu, "struct " LISTING_PREFIX "%zu {\n", i);
			first_line[i] = ++line;
			strbuf_adds(&tu, ls[i].code);
			strbuf_adds(&tu, "};\n");
			line++;
		}
		for (c = ls[i].code; *c; c++)
			line += *c == '\n';
		if (tu.len && tu.buf[tu.len - 1] != '\n') {
			strbuf_addch(&tu, '\n');
			line++;
		}
		out[i].name = xstrdup(ls[i].struct_name);
	}
	unsaved.Filename = "opsdoc-listings.c";
	unsaved.Contents = tu.buf;
	unsaved.Length = tu.len;
	ctx.ksrc = opts->ksrc;
	ctx.ksrc_len = strlen(opts->ksrc);
	build_args(opts->ksrc, opts->args, &args);
	index = clang_createIndex(0, 0);
	if (clang_parseTranslationUnit2(index, "opsdoc-listings.c",
			(const char *const *)args.v, (int)args.nr, &unsaved, 1,
			CXTranslationUnit_SkipFunctionBodies |
			CXTranslationUnit_DetailedPreprocessingRecord |
			CXTranslationUnit_KeepGoing, &ctx.tu) || !ctx.tu) {
		error_at(opts->ksrc, 0, "libclang could not parse the listings; "
			 "check the compiler flags");
		ret = -1;
	} else {
		clang_visitChildren(clang_getTranslationUnitCursor(ctx.tu),
				    visit_listing, &lc);
		clang_disposeTranslationUnit(ctx.tu);
	}
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
	clang_disposeIndex(index);
	strvec_release(&args);
	strbuf_release(&tu);
	free(first_line);
	return ret;
}
