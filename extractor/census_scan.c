// SPDX-License-Identifier: GPL-2.0
/*
 * census_scan.c - one file: its struct file_operations objects and the
 * facts of every function that may implement a hook.
 *
 * The tokens come from census_lex.c with the indexed macros expanded
 * (census_macro.c). An object is "[static] [const] struct file_operations
 * NAME[...] = { ... }"; its hooks are the designated members .mmap,
 * .mmap_prepare and .get_unmapped_area. A function definition is an
 * identifier at file scope followed by a parameter list and a body. The
 * body of a legacy mmap is read for its calls, following the functions of
 * the same file it calls, and classified (enum census_class) by
 * census_facts.c.
 */
#include <stdlib.h>
#include <string.h>

#include "census_int.h"
#include "census_scan.h"
#include "util.h"

const char *const census_hook_names[NR_HOOKS] = {
	[HOOK_MMAP] = "mmap",
	[HOOK_MMAP_PREPARE] = "mmap_prepare",
	[HOOK_GUA] = "get_unmapped_area",
};

char *scan_tokstr(const struct ctok *t)
{
	return xstrndup(t->s, t->len);
}

int scan_is(const struct scan *S, size_t i, const char *s)
{
	return i < S->lx->nr && ctok_is(&S->lx->toks[i], s);
}

/* The index of the token closing the bracket at @i. */
size_t scan_match(const struct scan *S, size_t i)
{
	const struct ctok *t = S->lx->toks;
	int depth = 0;

	for (; i < S->lx->nr; i++) {
		if (t[i].type != TOK_PUNCT || t[i].len != 1)
			continue;
		if (strchr("({[", t[i].s[0]))
			depth++;
		else if (strchr(")}]", t[i].s[0]) && --depth == 0)
			return i;
	}
	return S->lx->nr;
}


struct fdef *scan_find_fn(struct scan *S, const struct ctok *name)
{
	size_t i;

	for (i = 0; i < S->nr_fns; i++)
		if (S->fns[i].name->len == name->len &&
		    !memcmp(S->fns[i].name->s, name->s, name->len))
			return &S->fns[i];
	return NULL;
}

static const char *cond_of(const struct scan *S, const struct ctok *t)
{
	return t->cond >= 0 ? S->lx->conds.v[t->cond] : NULL;
}

static struct census_obj *new_obj(struct scan *S)
{
	struct census_file *f = S->out;

	f->objs = xrealloc(f->objs, (f->nr_objs + 1) * sizeof(*f->objs));
	memset(&f->objs[f->nr_objs], 0, sizeof(*f->objs));
	return &f->objs[f->nr_objs++];
}

/* The function a member's value names: its last plain identifier. */
static const struct ctok *member_value(const struct scan *S, size_t i, size_t end)
{
	const struct ctok *v = NULL, *null = NULL, *t = S->lx->toks;

	for (; i < end; i++) {
		if (t[i].type != TOK_IDENT || (i + 1 < end && ctok_is(&t[i + 1], "(")))
			continue;
		if (ctok_is(&t[i], "NULL"))
			null = &t[i];
		else
			v = &t[i];
	}
	/* ".mmap = NULL" is recorded, as spatch sees it, but sets nothing. */
	return v ? v : null;
}

/* The members of one initialiser, from its '{' at @b. */
static void members(struct scan *S, struct census_obj *o, size_t b, size_t e)
{
	const struct ctok *t = S->lx->toks;
	size_t i = b + 1, v;
	int h;

	while (i < e) {
		if (strchr("({[", t[i].s[0]) && t[i].type == TOK_PUNCT) {
			i = scan_match(S, i) + 1;
			continue;
		}
		if (!(ctok_is(&t[i], ".") && i + 2 < e && t[i + 1].type == TOK_IDENT &&
		      ctok_is(&t[i + 2], "="))) {
			i++;
			continue;
		}
		for (h = 0; h < NR_HOOKS; h++)
			if (ctok_is(&t[i + 1], census_hook_names[h]))
				break;
		for (v = i + 3; v < e && !ctok_is(&t[v], ","); v++)
			if (t[v].type == TOK_PUNCT && strchr("({[", t[v].s[0]))
				v = scan_match(S, v);
		if (h < NR_HOOKS && !o->hooks[h].func) {
			const struct ctok *fn = member_value(S, i + 3, v);
			const char *c = cond_of(S, &t[i]);

			if (fn) {
				o->hooks[h].func = scan_tokstr(fn);
				o->hooks[h].line = t[i].line;
				if (c && (!o->cond || strcmp(c, o->cond)))
					o->hooks[h].cond = xstrdup(c);
			}
		}
		i = v;
	}
}

static void obj_init(struct scan *S, struct census_obj *o, const struct ctok *name,
		     const struct ctok *st, int elem)
{
	const char *c = cond_of(S, st);
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, name->s, name->len);
	if (elem >= 0)
		strbuf_addf(&sb, "[%d]", elem);
	o->name = strbuf_detach(&sb);
	o->file = xstrdup(S->path);
	o->line = name->line;
	o->macro = name->macro ? xstrdup(name->macro) :
		   st->macro ? xstrdup(st->macro) : NULL;
	o->cond = c ? xstrdup(c) : NULL;
}

/* An object whose "file_operations" token is at @i. */
static size_t object(struct scan *S, size_t i)
{
	const struct ctok *t = S->lx->toks, *name;
	size_t j = i + 1, b, e;
	int array = 0, elem;

	if (!i || !ctok_is(&t[i - 1], "struct") || j >= S->lx->nr ||
	    t[j].type != TOK_IDENT)
		return i + 1;
	/* "struct file_operations __maybe_unused mem_fops" */
	while (j + 1 < S->lx->nr && t[j].len > 2 && !memcmp(t[j].s, "__", 2) &&
	       t[j + 1].type == TOK_IDENT)
		j++;
	name = &t[j++];
	while (j < S->lx->nr) {
		if (scan_is(S, j, "[")) {
			array = 1;
			j = scan_match(S, j) + 1;
		} else if (scan_is(S, j, "__attribute__") && scan_is(S, j + 1, "(")) {
			j = scan_match(S, j + 1) + 1;
		} else if (t[j].type == TOK_IDENT && t[j].len > 2 &&
			   !memcmp(t[j].s, "__", 2)) {
			j++;
		} else {
			break;
		}
	}
	if (!scan_is(S, j, "=") || !scan_is(S, j + 1, "{"))
		return j;
	b = j + 1;
	e = scan_match(S, b);
	if (!array) {
		struct census_obj *o = new_obj(S);

		obj_init(S, o, name, &t[i - 1], -1);
		members(S, o, b, e);
		return e;
	}
	elem = 0;
	for (j = b + 1; j < e; j++) {
		struct census_obj *o;
		size_t k;

		if (!scan_is(S, j, "{"))
			continue;

		k = scan_match(S, j);
		o = new_obj(S);
		obj_init(S, o, name, &t[i - 1], elem++);
		members(S, o, j, k);
		j = k;
	}
	return e;
}

/* A function definition whose name is at @i, or 0. */
static size_t function(struct scan *S, size_t i)
{
	const struct ctok *t = S->lx->toks;
	size_t j, k, p;
	struct fdef *f;

	j = scan_match(S, i + 1);
	for (k = j + 1; k < S->lx->nr && t[k].type == TOK_IDENT; k++)
		if (scan_is(S, k + 1, "("))
			k = scan_match(S, k + 1);
	if (!scan_is(S, k, "{"))
		return 0;
	S->fns = xrealloc(S->fns, (S->nr_fns + 1) * sizeof(*S->fns));
	f = &S->fns[S->nr_fns++];
	memset(f, 0, sizeof(*f));
	f->name = &t[i];
	f->body = k;
	f->end = scan_match(S, k);
	for (p = i; p-- > 0 && i - p < 24;) {
		if (scan_is(S, p, ";") || scan_is(S, p, "}"))
			break;
		if (scan_is(S, p, "static"))
			f->is_static = 1;
	}
	for (p = i + 2; p < j; p++) {
		if (scan_is(S, p, "struct") && scan_is(S, p + 1, "vm_area_struct") &&
		    scan_is(S, p + 2, "*") && t[p + 3].type == TOK_IDENT && !f->vma)
			f->vma = scan_tokstr(&t[p + 3]);
		if (scan_is(S, p, "struct") && scan_is(S, p + 1, "vm_area_desc"))
			f->has_desc = 1;
		if (scan_is(S, p, "struct") && scan_is(S, p + 1, "file") && scan_is(S, p + 2, "*"))
			f->has_file = 1;
		if (scan_is(S, p, "unsigned") && scan_is(S, p + 1, "long"))
			f->nr_ulong++;
	}
	return f->end;
}


/* Is @f named by a hook of this file's objects? */
static int used_here(const struct scan *S, const struct fdef *f)
{
	size_t i;
	int h;

	for (i = 0; i < S->out->nr_objs; i++)
		for (h = 0; h < NR_HOOKS; h++) {
			const char *fn = S->out->objs[i].hooks[h].func;

			if (fn && strlen(fn) == f->name->len &&
			    !memcmp(fn, f->name->s, f->name->len))
				return 1;
		}
	return 0;
}

static void record_functions(struct scan *S)
{
	struct census_file *out = S->out;
	size_t i;

	for (i = 0; i < S->nr_fns; i++) {
		struct fdef *f = &S->fns[i];
		struct census_fn *c;
		int mmap_like = f->vma && f->has_file;

		if (!mmap_like && !f->has_desc &&
		    !(f->has_file && f->nr_ulong >= 4) && !used_here(S, f))
			continue;
		out->fns = xrealloc(out->fns, (out->nr_fns + 1) * sizeof(*out->fns));
		c = &out->fns[out->nr_fns++];
		memset(c, 0, sizeof(*c));
		c->name = scan_tokstr(f->name);
		c->file = xstrdup(S->path);
		c->line = f->name->line;
		c->is_static = f->is_static;
		c->cond = cond_of(S, f->name) ? xstrdup(cond_of(S, f->name)) : NULL;
		c->class = CLASS_UNKNOWN;
		if (f->vma)
			census_body_facts(S, f, c);
	}
}

void census_scan_file(const char *ksrc, const char *path,
		      const struct macro_index *mi, struct census_file *out)
{
	struct strbuf full = STRBUF_INIT, text = STRBUF_INIT;
	struct strvec arena = STRVEC_INIT;
	struct clex lx;
	struct scan S = { path, NULL, &lx, NULL, 0, out };
	size_t i;
	int depth = 0;

	strbuf_addf(&full, "%s/%s", ksrc, path);
	if (strbuf_read_file(&text, full.buf)) {
		out->err.file = xstrdup(path);
		out->err.msg = xstrdup("cannot be read");
		goto out;
	}
	S.text = text.buf;
	if (census_lex(text.buf, text.len, &lx, 1)) {
		out->err.file = xstrdup(path);
		out->err.line = lx.err_line;
		out->err.msg = xstrdup(lx.err.buf);
	}
	strvec_init(&arena);
	macro_expand_file(mi, path, &lx, &arena);
	for (i = 0; i < lx.nr; i++)
		if (lx.toks[i].type == TOK_IDENT && ctok_is(&lx.toks[i], "file_operations"))
			i = object(&S, i) - 1;
	for (i = 0; i < lx.nr; i++) {
		const struct ctok *t = &lx.toks[i];
		size_t e;

		if (t->type == TOK_PUNCT && t->len == 1 && strchr("{(", t->s[0]))
			depth++;
		else if (t->type == TOK_PUNCT && t->len == 1 && strchr("})", t->s[0]))
			depth -= depth > 0;
		else if (!depth && t->type == TOK_IDENT && scan_is(&S, i + 1, "(") &&
			 (e = function(&S, i)))
			i = e;
	}
	record_functions(&S);
	for (i = 0; i < S.nr_fns; i++)
		free(S.fns[i].vma);
	free(S.fns);
	clex_release(&lx);
	strvec_release(&arena);
out:
	strbuf_release(&full);
	strbuf_release(&text);
}

void census_file_release(struct census_file *f)
{
	size_t i;
	int h;

	for (i = 0; i < f->nr_objs; i++) {
		struct census_obj *o = &f->objs[i];

		free(o->name);
		free(o->file);
		free(o->macro);
		free(o->cond);
		free(o->maint);
		for (h = 0; h < NR_HOOKS; h++) {
			free(o->hooks[h].func);
			free(o->hooks[h].cond);
			free(o->fn_file[h]);
		}
	}
	free(f->objs);
	for (i = 0; i < f->nr_fns; i++) {
		struct census_fn *c = &f->fns[i];

		free(c->name);
		free(c->file);
		free(c->decided);
		free(c->blocked_by);
		free(c->set_flags);
		free(c->clear_flags);
		free(c->resource);
		free(c->error_override);
		free(c->idioms);
		free(c->convert);
		free(c->cond);
		free(c->recipe);
	}
	free(f->fns);
	free(f->err.file);
	free(f->err.msg);
	memset(f, 0, sizeof(*f));
}
