// SPDX-License-Identifier: GPL-2.0
/*
 * census_macro.c - the index of macros that make file_operations, and their
 * expansion at each use.
 *
 * Only headers whose text mentions file_operations, mmap, fops or
 * get_unmapped_area are read for #defines: the index is the macros whose
 * body makes a file_operations or sets a hook, and, to a fixed point, the
 * macros whose body uses one of those (DEFINE_SIMPLE_ATTRIBUTE uses
 * DEFINE_SIMPLE_ATTRIBUTE_XSIGNED). A .c file's own #defines are judged
 * the same way when it is scanned. Arguments are substituted, # and ## are
 * applied, and the result is rescanned for indexed macros, as cpp does
 * (without expanding arguments first, which these macros do not need).
 */
#include <stdlib.h>
#include <string.h>

#include "census_int.h"
#include "util.h"

#define BLOOM_BYTES 8192

/* The filter's bit for a name: a quick "certainly not a macro". */
static unsigned int bloom_bit(const char *s, size_t len)
{
	unsigned int h = 2166136261u;

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % (BLOOM_BYTES * 8);
}

struct mdef {
	char *name;
	char *file;
	struct strvec *params;
	char *body;
};

struct macro_index {
	struct mdef *v;
	size_t n;
	struct strvec names;	/* the distinct names of @v */
	unsigned char bloom[BLOOM_BYTES];	/* a filter of @names */
};

static int mdef_cmp(const void *a, const void *b)
{
	const struct mdef *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	return r ? r : strcmp(x->file, y->file);
}

/* Does a body make a file_operations or set a hook by itself? */
static int body_is_fops(const char *b)
{
	const char *p;

	for (p = b; (p = strstr(p, "file_operations")); p++) {
		const char *q = p;

		while (q > b && q[-1] == ' ')
			q--;
		if (q - b >= 6 && !memcmp(q - 6, "struct", 6) && q < p)
			return 1;
	}
	return strstr(b, ".mmap") || strstr(b, ".get_unmapped_area");
}

/* Is every identifier of @b looked up in @names? */
static int body_uses(const char *b, const struct strvec *names)
{
	const char *p = b, *s;

	while (*p) {
		if (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
			char save[128];
			size_t n;

			for (s = p; *p == '_' || (*p >= 'A' && *p <= 'Z') ||
			     (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'); p++)
				;
			n = p - s;
			if (n < sizeof(save)) {
				memcpy(save, s, n);
				save[n] = 0;
				if (strvec_find(names, save) >= 0)
					return 1;
			}
			continue;
		}
		p++;
	}
	return 0;
}

/*
 * Mark which of @defs are relevant: by their own body, or because they use
 * one that is (or one of @known). @keep[i] is set for them.
 */
static void mark_relevant(struct mdef *defs, size_t n, const struct strvec *known,
			  char *keep)
{
	struct strvec names = STRVEC_INIT;
	size_t i, k;
	int changed = 1;

	strvec_init(&names);
	for (k = 0; known && k < known->nr; k++)
		strvec_push(&names, known->v[k]);
	for (i = 0; i < n; i++) {
		keep[i] = body_is_fops(defs[i].body);
		if (keep[i])
			strvec_push_unique(&names, defs[i].name);
	}
	while (changed) {
		changed = 0;
		for (i = 0; i < n; i++) {
			if (keep[i] || !body_uses(defs[i].body, &names))
				continue;
			keep[i] = 1;
			strvec_push_unique(&names, defs[i].name);
			changed = 1;
		}
	}
	strvec_release(&names);
}

struct hdr_job {
	const char *ksrc;
	const struct strvec *headers;
	struct mdef *v;		/* per header slot: a list */
	size_t *nv;
	struct mdef **lists;
};

static void read_header(void *ctx, size_t i)
{
	struct hdr_job *j = ctx;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct clex lx;
	size_t k;

	strbuf_addf(&path, "%s/%s", j->ksrc, j->headers->v[i]);
	j->lists[i] = NULL;
	j->nv[i] = 0;
	if (strbuf_read_file(&text, path.buf) ||
	    !(strstr(text.buf, "file_operations") || strstr(text.buf, "mmap") ||
	      strstr(text.buf, "fops") || strstr(text.buf, "get_unmapped_area")))
		goto out;
	census_lex(text.buf, text.len, &lx, 1);
	j->lists[i] = xcalloc(lx.nr_defs + 1, sizeof(struct mdef));
	for (k = 0; k < lx.nr_defs; k++) {
		struct mdef *d = &j->lists[i][k];

		d->name = lx.defs[k].name;
		d->params = lx.defs[k].params;
		d->body = lx.defs[k].body;
		d->file = xstrdup(j->headers->v[i]);
		lx.defs[k].name = lx.defs[k].body = NULL;
		lx.defs[k].params = NULL;
	}
	j->nv[i] = lx.nr_defs;
	clex_release(&lx);
out:
	strbuf_release(&path);
	strbuf_release(&text);
}

static void mdef_release(struct mdef *d)
{
	free(d->name);
	free(d->file);
	free(d->body);
	if (d->params) {
		strvec_release(d->params);
		free(d->params);
	}
}

struct macro_index *macro_index_build(const char *ksrc,
				      const struct strvec *headers, int jobs)
{
	struct macro_index *mi = xcalloc(1, sizeof(*mi));
	struct hdr_job j = { ksrc, headers, NULL, NULL, NULL };
	struct mdef *all = NULL;
	size_t i, k, n = 0, alloc = 0;
	char *keep;

	j.lists = xcalloc(headers->nr + 1, sizeof(*j.lists));
	j.nv = xcalloc(headers->nr + 1, sizeof(*j.nv));
	census_parallel(headers->nr, jobs, read_header, &j);
	for (i = 0; i < headers->nr; i++) {
		if (n + j.nv[i] >= alloc) {
			alloc = 2 * (n + j.nv[i]) + 64;
			all = xrealloc(all, alloc * sizeof(*all));
		}
		if (j.nv[i])
			memcpy(all + n, j.lists[i], j.nv[i] * sizeof(*all));
		n += j.nv[i];
		free(j.lists[i]);
	}
	free(j.lists);
	free(j.nv);
	keep = xcalloc(n + 1, 1);
	mark_relevant(all, n, NULL, keep);
	for (i = k = 0; i < n; i++) {
		if (keep[i])
			all[k++] = all[i];
		else
			mdef_release(&all[i]);
	}
	free(keep);
	qsort(all, k, sizeof(*all), mdef_cmp);
	mi->v = all;
	mi->n = k;
	strvec_init(&mi->names);
	for (i = 0; i < k; i++)
		if (!i || strcmp(all[i].name, all[i - 1].name))
			strvec_push(&mi->names, all[i].name);
	for (i = 0; i < k; i++) {
		unsigned int b = bloom_bit(all[i].name, strlen(all[i].name));

		mi->bloom[b / 8] |= 1 << (b % 8);
	}
	return mi;
}

void macro_index_free(struct macro_index *mi)
{
	size_t i;

	if (!mi)
		return;
	for (i = 0; i < mi->n; i++)
		mdef_release(&mi->v[i]);
	free(mi->v);
	strvec_release(&mi->names);
	free(mi);
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/*
 * The definition of @name for a file: its own, else the index's one whose
 * path shares most with the file's (a local header), include/ first.
 */
static const struct mdef *lookup(const struct macro_index *mi,
				 const struct mdef *local, size_t nlocal,
				 const char *file, const char *name, size_t len)
{
	const struct mdef *best = NULL;
	size_t lo = 0, hi, i, bestp = 0;

	for (i = nlocal; i-- > 0;)
		if (strlen(local[i].name) == len && !memcmp(local[i].name, name, len))
			return &local[i];
	hi = mi->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strncmp(mi->v[mid].name, name, len);

		if (!r && mi->v[mid].name[len])
			r = 1;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < mi->n && strlen(mi->v[i].name) == len &&
	     !memcmp(mi->v[i].name, name, len); i++) {
		size_t p = common_prefix(mi->v[i].file, file);

		if (!strncmp(mi->v[i].file, "include/", 8))
			p = p > 8 ? p : 8;
		if (!best || p > bestp) {
			best = &mi->v[i];
			bestp = p;
		}
	}
	return best;
}

struct expander {
	const struct macro_index *mi;
	const struct mdef *local;
	size_t nlocal;
	const char *file;
	struct strvec *arena;
	const char *active[32];
	int nactive;
};

static void put(struct clex *out, const struct ctok *t)
{
	if (out->nr == out->alloc) {
		out->alloc = out->alloc ? 2 * out->alloc : 256;
		out->toks = xrealloc(out->toks, out->alloc * sizeof(*out->toks));
	}
	out->toks[out->nr++] = *t;
}

static const char *keep_text(struct expander *E, struct strbuf *sb)
{
	strvec_push_owned(E->arena, strbuf_detach(sb));
	return E->arena->v[E->arena->nr - 1];
}

static void expand(struct expander *E, const struct ctok *in, size_t n,
		   struct clex *out);

/* Substitute one use of @d; @args are ranges [start, end) of @in. */
static void substitute(struct expander *E, const struct mdef *d,
		       const struct ctok *use, const struct ctok *in,
		       const size_t *args, size_t nargs, struct clex *out)
{
	struct clex body, res;
	const char *macro = use->macro ? use->macro : d->name;
	size_t i, k;

	memset(&body, 0, sizeof(body));
	memset(&res, 0, sizeof(res));
	strvec_init(&body.conds);
	census_lex_string(d->body, use->line, &body);
	for (i = 0; i < body.nr; i++) {
		struct ctok t = body.toks[i];
		int pi = -1;

		t.cond = use->cond;
		t.macro = macro;
		t.line = use->line;
		if (d->params && t.type == TOK_IDENT) {
			for (k = 0; k < d->params->nr; k++)
				if (ctok_is(&t, d->params->v[k]))
					pi = k;
		}
		if (d->params && ctok_is(&t, "#") && i + 1 < body.nr) {
			struct strbuf s = STRBUF_INIT;

			for (k = 0; k < d->params->nr; k++)
				if (ctok_is(&body.toks[i + 1], d->params->v[k]))
					pi = k;
			if (pi >= 0) {
				strbuf_addch(&s, '"');
				if ((size_t)pi < nargs)
					for (k = args[2 * pi]; k < args[2 * pi + 1]; k++)
						strbuf_add(&s, in[k].s, in[k].len);
				strbuf_addch(&s, '"');
				t.type = TOK_STRING;
				t.len = s.len;
				t.s = keep_text(E, &s);
				put(&res, &t);
				i++;
				continue;
			}
		}
		if (ctok_is(&t, "##") && res.nr && i + 1 < body.nr) {
			struct ctok *prev = &res.toks[res.nr - 1];
			struct ctok next = body.toks[++i];
			struct strbuf s = STRBUF_INIT;
			size_t a0 = 0, a1 = 0;

			pi = -1;
			for (k = 0; d->params && k < d->params->nr; k++)
				if (ctok_is(&next, d->params->v[k]))
					pi = k;
			strbuf_add(&s, prev->s, prev->len);
			if (pi >= 0 && (size_t)pi < nargs) {
				a0 = args[2 * pi];
				a1 = args[2 * pi + 1];
				if (a0 < a1)
					strbuf_add(&s, in[a0].s, in[a0].len);
			} else if (pi < 0) {
				strbuf_add(&s, next.s, next.len);
			}
			prev->len = s.len;
			prev->type = TOK_IDENT;
			prev->s = keep_text(E, &s);
			for (k = a0 + 1; k < a1; k++) {
				struct ctok a = in[k];

				a.line = use->line;
				put(&res, &a);
			}
			continue;
		}
		if (pi >= 0) {
			if ((size_t)pi < nargs)
				for (k = args[2 * pi]; k < args[2 * pi + 1]; k++)
					put(&res, &in[k]);
			continue;
		}
		put(&res, &t);
	}
	E->active[E->nactive++] = d->name;
	expand(E, res.toks, res.nr, out);
	E->nactive--;
	free(res.toks);
	clex_release(&body);
}

static int is_active(const struct expander *E, const char *name)
{
	int i;

	for (i = 0; i < E->nactive; i++)
		if (!strcmp(E->active[i], name))
			return 1;
	return 0;
}

static void expand(struct expander *E, const struct ctok *in, size_t n,
		   struct clex *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct ctok *t = &in[i];
		const struct mdef *d = NULL;
		size_t args[64], nargs = 0, j, start;
		int depth;

		if (t->type == TOK_IDENT && E->nactive < 31 &&
		    (E->nlocal || (E->mi->bloom[bloom_bit(t->s, t->len) / 8] &
				   (1 << (bloom_bit(t->s, t->len) % 8)))))
			d = lookup(E->mi, E->local, E->nlocal, E->file, t->s, t->len);
		if (!d || is_active(E, d->name) ||
		    (i && ctok_is(&in[i - 1], "."))) {
			put(out, t);
			continue;
		}
		if (!d->params) {
			substitute(E, d, t, in, NULL, 0, out);
			continue;
		}
		if (i + 1 >= n || !ctok_is(&in[i + 1], "(")) {
			put(out, t);
			continue;
		}
		depth = 0;
		start = i + 2;
		for (j = i + 1; j < n; j++) {
			if (ctok_is(&in[j], "(") || ctok_is(&in[j], "{") || ctok_is(&in[j], "["))
				depth++;
			else if (ctok_is(&in[j], ")") || ctok_is(&in[j], "}") ||
				 ctok_is(&in[j], "]"))
				depth--;
			if ((depth == 1 && ctok_is(&in[j], ",")) || depth == 0) {
				if (nargs < 32) {
					args[2 * nargs] = start;
					args[2 * nargs + 1] = j;
					nargs++;
				}
				start = j + 1;
			}
			if (depth == 0)
				break;
		}
		if (j >= n) {
			put(out, t);
			continue;
		}
		/* A variadic macro's last parameter takes the rest. */
		if (d->params->nr && nargs > d->params->nr) {
			args[2 * (d->params->nr - 1) + 1] = args[2 * (nargs - 1) + 1];
			nargs = d->params->nr;
		}
		substitute(E, d, t, in, args, nargs, out);
		i = j;
	}
}

void macro_expand_file(const struct macro_index *mi, const char *path,
		       struct clex *lx, struct strvec *arena)
{
	struct expander E;
	struct mdef *local;
	struct clex out;
	char *keep;
	size_t i, k, n = lx->nr_defs;

	memset(&E, 0, sizeof(E));
	local = xcalloc(n + 1, sizeof(*local));
	for (i = 0; i < n; i++) {
		local[i].name = lx->defs[i].name;
		local[i].params = lx->defs[i].params;
		local[i].body = lx->defs[i].body;
		local[i].file = (char *)path;
	}
	keep = xcalloc(n + 1, 1);
	if (n)
		mark_relevant(local, n, &mi->names, keep);
	for (i = k = 0; i < n; i++)
		if (keep[i])
			local[k++] = local[i];
	E.mi = mi;
	E.local = local;
	E.nlocal = k;
	E.file = path;
	E.arena = arena;
	memset(&out, 0, sizeof(out));
	expand(&E, lx->toks, lx->nr, &out);
	free(lx->toks);
	lx->toks = out.toks;
	lx->nr = out.nr;
	lx->alloc = out.alloc;
	free(keep);
	free(local);
}
