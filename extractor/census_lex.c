// SPDX-License-Identifier: GPL-2.0
/*
 * census_lex.c - a C tokeniser for the census: comments, strings, char
 * literals and preprocessor lines, with the #if stack kept so that every
 * token knows the condition text it sits under. Conditions are reported,
 * never evaluated, except that "#if 0" blocks are left out as cpp would.
 */
#include <stdlib.h>
#include <string.h>

#include "census_int.h"
#include "util.h"

struct cframe {
	char *cur;		/* this branch's condition, or NULL */
	struct strbuf neg;	/* the negations of the earlier branches */
	int skip;		/* an #if 0 branch */
};

struct lexer {
	const char *p, *end;
	unsigned int line;
	int bol;
	int string_mode;	/* a macro body: no directives, keep '#' */
	struct clex *lx;
	struct cframe *st;
	size_t depth, st_alloc;
	int cond;		/* the current condition's index, or -1 */
	int skipping;
	int want_defines;
};

static const char *const puncts[] = {
	"...", "<<=", ">>=", "->", "##", "|=", "&=", "==", "!=", "<=", ">=",
	"&&", "||", "<<", ">>", "++", "--", "+=", "-=", "*=", "/=", "%=",
	"^=", NULL
};
#define NR_PUNCTS (sizeof(puncts) / sizeof(puncts[0]) - 1)

int ctok_is(const struct ctok *t, const char *s)
{
	size_t n = strlen(s);

	return t->len == n && !memcmp(t->s, s, n);
}

static void lex_error(struct lexer *L, unsigned int line, const char *msg)
{
	if (L->lx->err_line || L->skipping)
		return;
	L->lx->err_line = line ? line : 1;
	strbuf_adds(&L->lx->err, msg);
}

static void push_tok(struct lexer *L, const char *s, size_t len, int type)
{
	struct clex *lx = L->lx;
	struct ctok *t;

	if (L->skipping)
		return;
	if (lx->nr == lx->alloc) {
		lx->alloc = lx->alloc ? 2 * lx->alloc : 1024;
		lx->toks = xrealloc(lx->toks, lx->alloc * sizeof(*lx->toks));
	}
	t = &lx->toks[lx->nr++];
	t->s = s;
	t->len = len;
	t->type = type;
	t->line = L->line;
	t->cond = L->cond;
	t->macro = NULL;
}

/* The condition of the current stack, as one string, and whether to skip. */
static void update_cond(struct lexer *L)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int k;

	L->skipping = 0;
	for (i = 0; i < L->depth; i++) {
		if (L->st[i].skip)
			L->skipping = 1;
		if (!L->st[i].cur)
			continue;
		if (sb.len)
			strbuf_adds(&sb, " && ");
		strbuf_adds(&sb, L->st[i].cur);
	}
	if (!sb.len) {
		L->cond = -1;
		return;
	}
	k = strvec_find(&L->lx->conds, sb.buf);
	if (k < 0) {
		strvec_push(&L->lx->conds, sb.buf);
		k = L->lx->conds.nr - 1;
	}
	L->cond = k;
	strbuf_release(&sb);
}

/* "!A" for a plain name, else "!(A)". */
static void add_negation(struct strbuf *sb, const char *c)
{
	size_t i, plain = 1;

	for (i = 0; c[i]; i++)
		if (!(c[i] == '_' || (c[i] >= 'A' && c[i] <= 'Z') ||
		      (c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' && c[i] <= '9')))
			plain = 0;
	if (c[0] == '!' && plain == 0 && !strchr(c + 1, ' ')) {
		strbuf_adds(sb, c + 1);
		return;
	}
	strbuf_addf(sb, plain ? "!%s" : "!(%s)", c);
}

static void do_define(struct lexer *L, const char *s, unsigned int line)
{
	struct clex *lx = L->lx;
	struct cdefine *d;
	const char *n = s, *q;

	while (*s == '_' || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
	       (*s >= '0' && *s <= '9'))
		s++;
	if (s == n)
		return;
	if (lx->nr_defs == lx->defs_alloc) {
		lx->defs_alloc = lx->defs_alloc ? 2 * lx->defs_alloc : 32;
		lx->defs = xrealloc(lx->defs, lx->defs_alloc * sizeof(*lx->defs));
	}
	d = &lx->defs[lx->nr_defs++];
	d->name = xstrndup(n, s - n);
	d->params = NULL;
	d->line = line;
	if (*s == '(') {
		d->params = xcalloc(1, sizeof(*d->params));
		strvec_init(d->params);
		s++;
		while (*s && *s != ')') {
			struct strbuf p = STRBUF_INIT;

			while (*s == ' ')
				s++;
			for (q = s; *q && *q != ',' && *q != ')'; q++)
				;
			strbuf_add_collapsed(&p, s, q - s);
			if (!strcmp(p.buf, "..."))
				strbuf_reset(&p), strbuf_adds(&p, "__VA_ARGS__");
			else if (p.len > 3 && !strcmp(p.buf + p.len - 3, "..."))
				p.len -= 3, p.buf[p.len] = 0, strbuf_rtrim(&p);
			strvec_push_owned(d->params, strbuf_detach(&p));
			s = *q == ',' ? q + 1 : q;
		}
		if (*s == ')')
			s++;
	}
	while (*s == ' ')
		s++;
	d->body = xstrdup(s);
}

/* One directive, its text cleaned of comments and continuations. */
static void directive(struct lexer *L, char *s, unsigned int line)
{
	struct cframe *f;
	char *w, *arg;
	size_t n;

	while (*s == ' ' || *s == '#')
		s++;
	for (w = s; *s && *s != ' ' && *s != '(' && *s != '!'; s++)
		;
	n = s - w;
	while (*s == ' ')
		s++;
	arg = s;
	n = n < 10 ? n : 10;
	if ((n == 2 && !memcmp(w, "if", 2)) || (n == 5 && !memcmp(w, "ifdef", 5)) ||
	    (n == 6 && !memcmp(w, "ifndef", 6))) {
		struct strbuf c = STRBUF_INIT;

		if (L->depth == L->st_alloc) {
			L->st_alloc = L->st_alloc ? 2 * L->st_alloc : 16;
			L->st = xrealloc(L->st, L->st_alloc * sizeof(*L->st));
		}
		f = &L->st[L->depth++];
		strbuf_init(&f->neg);
		if (n == 6)
			strbuf_addch(&c, '!');
		strbuf_adds(&c, arg);
		f->skip = n == 2 && !strcmp(arg, "0");
		f->cur = strbuf_detach(&c);
		update_cond(L);
		return;
	}
	if ((n == 4 && (!memcmp(w, "elif", 4) || !memcmp(w, "else", 4))) ||
	    (n == 7 && !memcmp(w, "elifdef", 7)) || (n == 8 && !memcmp(w, "elifndef", 8))) {
		struct strbuf c = STRBUF_INIT;

		if (!L->depth) {
			lex_error(L, line, "#else or #elif without #if");
			return;
		}
		f = &L->st[L->depth - 1];
		if (f->cur && strcmp(f->cur, "0")) {
			if (f->neg.len)
				strbuf_adds(&f->neg, " && ");
			add_negation(&f->neg, f->cur);
		}
		free(f->cur);
		strbuf_add(&c, f->neg.buf, f->neg.len);
		if (w[2] == 'i') {
			if (c.len)
				strbuf_adds(&c, " && ");
			if (n == 8)
				strbuf_addch(&c, '!');
			strbuf_adds(&c, arg);
			f->skip = !strcmp(arg, "0");
		} else {
			f->skip = 0;
		}
		f->cur = c.len ? strbuf_detach(&c) : NULL;
		strbuf_release(&c);
		update_cond(L);
		return;
	}
	if (n == 5 && !memcmp(w, "endif", 5)) {
		if (!L->depth) {
			lex_error(L, line, "#endif without #if");
			return;
		}
		f = &L->st[--L->depth];
		free(f->cur);
		strbuf_release(&f->neg);
		update_cond(L);
		return;
	}
	if (n == 6 && !memcmp(w, "define", 6) && L->want_defines && !L->skipping)
		do_define(L, arg, line);
}

/* Read a directive's logical line into @out; L->p is past it afterwards. */
static void read_directive(struct lexer *L, struct strbuf *out)
{
	const char *p = L->p;
	char q;

	while (p < L->end && *p != '\n') {
		if (*p == '\\' && p + 1 < L->end && p[1] == '\n') {
			p += 2;
			L->line++;
			continue;
		}
		if (*p == '\\' && p + 2 < L->end && p[1] == '\r' && p[2] == '\n') {
			p += 3;
			L->line++;
			continue;
		}
		if (p[0] == '/' && p + 1 < L->end && p[1] == '*') {
			p += 2;
			while (p + 1 < L->end && !(p[0] == '*' && p[1] == '/')) {
				if (*p == '\n')
					L->line++;
				p++;
			}
			if (p + 1 >= L->end) {
				lex_error(L, L->line, "unterminated comment");
				p = L->end;
				break;
			}
			p += 2;
			strbuf_addch(out, ' ');
			continue;
		}
		if (p[0] == '/' && p + 1 < L->end && p[1] == '/') {
			while (p < L->end && *p != '\n')
				p++;
			break;
		}
		if (*p == '"' || *p == '\'') {
			q = *p;
			strbuf_addch(out, *p++);
			while (p < L->end && *p != q && *p != '\n') {
				if (*p == '\\' && p + 1 < L->end && p[1] == '\n') {
					p += 2;
					L->line++;
					continue;
				}
				if (*p == '\\' && p + 1 < L->end && p[1] != '\n')
					strbuf_addch(out, *p++);
				strbuf_addch(out, *p++);
			}
			if (p < L->end && *p == q)
				strbuf_addch(out, *p++);
			continue;
		}
		strbuf_addch(out, *p == '\t' || *p == '\r' ? ' ' : *p);
		p++;
	}
	L->p = p;
	strbuf_rtrim(out);
}

static int is_ident(int c)
{
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static void lex_run(struct lexer *L)
{
	struct strbuf dir = STRBUF_INIT;

	while (L->p < L->end) {
		const char *p = L->p;
		char c = *p;
		int i;

		if (c == '\n') {
			L->line++;
			L->bol = 1;
			L->p++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			L->p++;
			continue;
		}
		if (c == '\\' && p + 1 < L->end && (p[1] == '\n' || p[1] == '\r')) {
			L->p++;
			continue;
		}
		if (c == '\0') {
			lex_error(L, L->line, "NUL byte: not a text file");
			L->skipping = 0;
			break;
		}
		if (c == '/' && p + 1 < L->end && p[1] == '*') {
			const char *e = p + 2;
			unsigned int start = L->line;

			while (e + 1 < L->end && !(e[0] == '*' && e[1] == '/')) {
				if (*e == '\n')
					L->line++;
				e++;
			}
			if (e + 1 >= L->end) {
				L->skipping = 0;
				lex_error(L, start, "unterminated comment");
				break;
			}
			L->p = e + 2;
			continue;
		}
		if (c == '/' && p + 1 < L->end && p[1] == '/') {
			while (L->p < L->end && *L->p != '\n')
				L->p++;
			continue;
		}
		if (c == '#' && L->bol && !L->string_mode) {
			unsigned int line = L->line;

			strbuf_reset(&dir);
			L->p++;
			read_directive(L, &dir);
			directive(L, dir.buf, line);
			continue;
		}
		L->bol = 0;
		if (is_ident(c) && !(c >= '0' && c <= '9')) {
			while (L->p < L->end && is_ident(*L->p))
				L->p++;
			push_tok(L, p, L->p - p, TOK_IDENT);
			continue;
		}
		if ((c >= '0' && c <= '9') ||
		    (c == '.' && p + 1 < L->end && p[1] >= '0' && p[1] <= '9')) {
			L->p++;
			while (L->p < L->end && (is_ident(*L->p) || *L->p == '.' ||
			       ((*L->p == '+' || *L->p == '-') &&
				strchr("eEpP", L->p[-1]))))
				L->p++;
			push_tok(L, p, L->p - p, TOK_NUMBER);
			continue;
		}
		if (c == '"' || c == '\'') {
			const char *e = p + 1;

			while (e < L->end && *e != c && *e != '\n') {
				if (*e == '\\' && e + 1 < L->end)
					e += e[1] == '\r' && e + 2 < L->end ? 2 : 1;
				if (*e == '\n')
					L->line++;
				e++;
			}
			if (e >= L->end || *e != c) {
				lex_error(L, L->line, c == '"' ?
					  "missing terminating \" character" :
					  "missing terminating ' character");
				L->p = e;
				continue;
			}
			L->p = e + 1;
			push_tok(L, p, L->p - p, c == '"' ? TOK_STRING : TOK_CHAR);
			continue;
		}
		i = NR_PUNCTS;
		if (p + 1 < L->end && strchr("<>-#|&=!+*/%^.", p[1]))
			for (i = 0; puncts[i]; i++)
				if (p[0] == puncts[i][0] && p[1] == puncts[i][1] &&
				    (!puncts[i][2] || (p + 2 < L->end && p[2] == puncts[i][2])))
					break;
		L->p += puncts[i] ? strlen(puncts[i]) : 1;
		push_tok(L, p, L->p - p, TOK_PUNCT);
	}
	strbuf_release(&dir);
}

static void lex_init(struct lexer *L, struct clex *lx, const char *text,
		     size_t len, unsigned int line)
{
	memset(L, 0, sizeof(*L));
	L->p = text;
	L->end = text + len;
	L->line = line;
	L->bol = 1;
	L->lx = lx;
	L->cond = -1;
}

int census_lex(const char *text, size_t len, struct clex *lx, int want_defines)
{
	struct lexer L;
	size_t i;

	memset(lx, 0, sizeof(*lx));
	strvec_init(&lx->conds);
	strbuf_init(&lx->err);
	lex_init(&L, lx, text, len, 1);
	L.want_defines = want_defines;
	lex_run(&L);
	if (L.depth && !lx->err_line)
		lex_error(&L, L.line, "unterminated #if at the end of the file");
	for (i = 0; i < L.depth; i++) {
		free(L.st[i].cur);
		strbuf_release(&L.st[i].neg);
	}
	free(L.st);
	return lx->err_line ? -1 : 0;
}

void census_lex_string(const char *text, unsigned int line, struct clex *out)
{
	struct lexer L;

	lex_init(&L, out, text, strlen(text), line);
	L.string_mode = 1;
	L.skipping = 0;
	lex_run(&L);
	/* Errors in a macro body do not make the file fail. */
}

void clex_release(struct clex *lx)
{
	size_t i;

	for (i = 0; i < lx->nr_defs; i++) {
		free(lx->defs[i].name);
		free(lx->defs[i].body);
		if (lx->defs[i].params) {
			strvec_release(lx->defs[i].params);
			free(lx->defs[i].params);
		}
	}
	free(lx->defs);
	free(lx->toks);
	strvec_release(&lx->conds);
	strbuf_release(&lx->err);
	memset(lx, 0, sizeof(*lx));
}
