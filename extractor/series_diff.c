// SPDX-License-Identifier: GPL-2.0
/*
 * series_diff.c - what a step changes in a document, read from the text
 * before and after it: section by section (by title), the members of each
 * listing or prototypes block, the "``member``" descriptions, the rows of
 * the locking tables and the "As of kernel" lines.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rst_read.h"
#include "series_diff.h"
#include "util.h"

/* A section of a text: its title and its lines [first, end). */
struct section {
	char *title;
	size_t first, end;
};

/* A named piece of a section: a member, a description or a table row. */
struct item {
	char *name;
	struct strbuf text;	/* white space collapsed (strbuf_add_collapsed()) */
};

struct items {
	struct item *v;
	size_t n;
};

static struct item *add_item(struct items *is, const char *name, size_t len)
{
	struct item *it;

	is->v = xrealloc(is->v, (is->n + 1) * sizeof(*is->v));
	it = &is->v[is->n++];
	it->name = xstrndup(name, len);
	strbuf_init(&it->text);
	return it;
}

static const struct item *find_item(const struct items *is, const char *name)
{
	size_t i;

	for (i = 0; i < is->n; i++)
		if (!strcmp(is->v[i].name, name))
			return &is->v[i];
	return NULL;
}

static void items_release(struct items *is)
{
	size_t i;

	for (i = 0; i < is->n; i++) {
		free(is->v[i].name);
		strbuf_release(&is->v[i].text);
	}
	free(is->v);
	memset(is, 0, sizeof(*is));
}

static void split_sections(const struct rst_lines *ls, struct section **out,
			   size_t *n)
{
	size_t i;

	*out = NULL;
	*n = 0;
	/* Line 0 up to the first title is a section with an empty title. */
	*out = xrealloc(*out, sizeof(**out));
	(*out)[0].title = xstrdup("");
	(*out)[0].first = 0;
	*n = 1;
	for (i = 0; i < ls->n; i++) {
		if (!rst_line_title(ls, i))
			continue;
		(*out)[*n - 1].end = i;
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[*n].title = xstrndup(ls->v[i].s, ls->v[i].len);
		(*out)[*n].first = i;
		(*n)++;
	}
	(*out)[*n - 1].end = ls->n;
}

static void sections_free(struct section *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].title);
	free(v);
}

static int is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The name a C declaration declares: "(*name)" or the last identifier. */
static int decl_name(const char *d, const char **name, size_t *len)
{
	const char *p = strstr(d, "(*"), *e;

	if (p) {
		p += 2;
		while (*p == ' ')
			p++;
		for (e = p; is_ident(*e); e++)
			;
		*name = p;
		*len = e - p;
		return e > p;
	}
	/* Before the ';', a bit-field's ':' or an array's '['. */
	e = d + strcspn(d, ";[:");
	while (e > d && !is_ident(e[-1]))
		e--;
	for (p = e; p > d && is_ident(p[-1]); p--)
		;
	*name = p;
	*len = e - p;
	return e > p && !isdigit((unsigned char)*p);
}

/* The edit distance of a and b, or more than max when it is. */
static size_t edit_distance(const char *a, const char *b, size_t max)
{
	size_t na = strlen(a), nb = strlen(b), i, j, d[64], prev, t;

	if (nb >= sizeof(d) / sizeof(d[0]) || (na > nb ? na - nb : nb - na) > max)
		return max + 1;
	for (j = 0; j <= nb; j++)
		d[j] = j;
	for (i = 1; i <= na; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= nb; j++) {
			t = d[j];
			d[j] = prev + (a[i - 1] != b[j - 1]);
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			if (t + 1 < d[j])
				d[j] = t + 1;
			prev = t;
		}
	}
	return d[nb];
}

int names_close(const char *a, const char *b)
{
	return strcmp(a, b) && edit_distance(a, b, 2) <= 2;
}

/* How many more '(' than ')' s has. */
static int paren_depth(const char *s)
{
	int depth = 0;

	for (; *s; s++)
		depth += *s == '(' ? 1 : *s == ')' ? -1 : 0;
	return depth;
}

/* The declaration decl as a member of out (the first of its name); reset. */
/*
 * A member, by name; one whose name an earlier struct of the section has
 * already used is "STRUCT.name", so that each is compared with its own.
 */
static void add_member(struct items *out, struct strbuf *decl, const char *st)
{
	const char *name;
	size_t len;
	char tmp[256];

	if (decl_name(decl->buf, &name, &len) && len < 128) {
		memcpy(tmp, name, len);
		tmp[len] = '\0';
		if (find_item(out, tmp) && *st) {
			snprintf(tmp, sizeof(tmp), "%s.%.*s", st, (int)len, name);
			name = tmp;
			len = strlen(tmp);
		}
		if (!find_item(out, tmp))
			strbuf_add_collapsed(&add_item(out, name, len)->text,
					     decl->buf, decl->len);
	}
	strbuf_reset(decl);
}

/* The members of a listing or prototypes block: lines [first, end). */
static void block_members(const struct rst_lines *ls, size_t first, size_t end,
			  char *st, size_t st_size, struct items *out)
{
	struct strbuf decl = STRBUF_INIT, line = STRBUF_INIT;
	size_t i;
	int in_comment = 0;

	for (i = first; i < end; i++) {
		size_t lead;

		rst_strip_comments(&ls->v[i], &in_comment, &line);
		strbuf_rtrim(&line);
		lead = strspn(line.buf, " \t");
		if (lead) {
			memmove(line.buf, line.buf + lead, line.len - lead + 1);
			line.len -= lead;
		}
		if (!line.len || line.buf[0] == '#')
			continue;
		if (!strncmp(line.buf, "struct ", 7) && line.buf[line.len - 1] == '{') {
			size_t k = 7;

			while (is_ident(line.buf[k]) && k - 7 + 1 < st_size) {
				st[k - 7] = line.buf[k];
				k++;
			}
			st[k - 7] = '\0';
			strbuf_reset(&decl);
			continue;
		}
		/* An opening brace, or a closing one ("} __randomize_layout;"). */
		if (line.buf[line.len - 1] == '{' || line.buf[0] == '}') {
			strbuf_reset(&decl);
			continue;
		}
		/*
		 * A complete declarator with no ';' ("int (*a)(int)" before
		 * the next member): a member of its own, not the start of
		 * the next one's text.
		 */
		if (decl.len && decl.buf[decl.len - 1] == ')' && !paren_depth(decl.buf))
			add_member(out, &decl, st);
		if (decl.len)
			strbuf_addch(&decl, ' ');
		strbuf_add(&decl, line.buf, line.len);
		if (line.buf[line.len - 1] == ';')
			add_member(out, &decl, st);
	}
	strbuf_release(&decl);
	strbuf_release(&line);
}

/* Is this block a struct listing or a prototypes block? */
static int listing_block(const struct rst_lines *ls, size_t m, size_t first,
			 size_t end)
{
	const struct rst_line *l = &ls->v[m];
	size_t i, lead = rst_line_lead(l);

	if (l->len - lead >= 12 && !memcmp(l->s + lead, "prototypes::", 12))
		return 1;
	for (i = first; i < end; i++) {
		size_t k = rst_line_lead(&ls->v[i]);

		if (ls->v[i].len > k + 7 && !memcmp(ls->v[i].s + k, "struct ", 7) &&
		    ls->v[i].s[ls->v[i].len - 1] == '{')
			return 1;
	}
	return 0;
}

/* A simple table's border: '=' runs and spaces, starting at column 0. */
static int border(const struct rst_line *l)
{
	size_t i;

	if (!l->len || l->s[0] != '=')
		return 0;
	for (i = 0; i < l->len; i++)
		if (l->s[i] != '=' && l->s[i] != ' ' && l->s[i] != '\t')
			return 0;
	return 1;
}

/* The rows of the tables in [first, end) whose first heading is "ops". */
static void table_rows(const struct rst_lines *ls, size_t first, size_t end,
		       struct items *out)
{
	size_t i = first, k;

	while (i < end) {
		size_t b2;

		if (!border(&ls->v[i]) || i + 2 >= end || !border(&ls->v[i + 2]) ||
		    ls->v[i + 1].len < 3 || memcmp(ls->v[i + 1].s, "ops", 3) ||
		    is_ident(ls->v[i + 1].s[3])) {
			i++;
			continue;
		}
		b2 = i + 2;
		for (k = b2 + 1; k < end && !border(&ls->v[k]); k++) {
			const struct rst_line *l = &ls->v[k];
			size_t n = 0;
			struct item *it;

			if (rst_line_blank(l) || isspace((unsigned char)l->s[0]))
				continue;
			while (n < l->len && is_ident(l->s[n]))
				n++;
			if (!n)
				continue;
			it = add_item(out, l->s, n);
			strbuf_add_collapsed(&it->text, l->s + n, l->len - n);
		}
		i = k + 1;
	}
}

/* The "``name``" descriptions in [first, end), with their bodies. */
static void descriptions(const struct rst_lines *ls, size_t first, size_t end,
			 struct items *out)
{
	struct item *cur = NULL;
	char name[128];
	size_t i;

	for (i = first; i < end; i++) {
		const struct rst_line *l = &ls->v[i];

		if (rst_line_blank(l))
			continue;
		if (!rst_line_indent(l)) {
			cur = rst_line_term(l, name, sizeof(name)) && !find_item(out, name) ?
			      add_item(out, name, strlen(name)) : NULL;
			continue;
		}
		if (cur) {
			if (cur->text.len)
				strbuf_addch(&cur->text, ' ');
			strbuf_add_collapsed(&cur->text, l->s, l->len);
		}
	}
}

/* What a section holds: its members, descriptions, rows and stamps. */
struct parts {
	char st[128];
	struct items members, descs, rows;
	struct strvec stamps;
};

static void read_parts(const struct rst_lines *ls, const struct section *sec,
		       struct parts *p)
{
	size_t i, first, end;

	memset(p, 0, sizeof(*p));
	strvec_init(&p->stamps);
	struct strbuf text = STRBUF_INIT;
	const char *as;

	for (i = sec->first; i < sec->end; i++) {
		const struct rst_line *l = &ls->v[i];

		if (text.len)
			strbuf_addch(&text, ' ');
		strbuf_add_collapsed(&text, l->s, l->len);
		if (rst_block_marker(l) && rst_block_body(ls, i, &first, &end) &&
		    end <= sec->end) {
			if (listing_block(ls, i, first, end))
				block_members(ls, first, end, p->st, sizeof(p->st),
					      &p->members);
			i = end - 1;
		}
	}
	descriptions(ls, sec->first, sec->end, &p->descs);
	table_rows(ls, sec->first, sec->end, &p->rows);
	/* "As of kernel 4.18", up to the comma, however it is wrapped. */
	for (as = strstr(text.buf, "As of kernel"); as;
	     as = strstr(as + 1, "As of kernel"))
		strvec_push_owned(&p->stamps, xstrndup(as, strcspn(as, ",:;")));
	strbuf_release(&text);
}

static void parts_release(struct parts *p)
{
	items_release(&p->members);
	items_release(&p->descs);
	items_release(&p->rows);
	strvec_release(&p->stamps);
}

/* Names in a but not b, in both but different, in b but not a. */
static void compare(const struct items *a, const struct items *b,
		    struct strvec *only_b, struct strvec *changed,
		    struct strvec *only_a)
{
	const struct item *o;
	size_t i;

	for (i = 0; i < b->n; i++) {
		o = find_item(a, b->v[i].name);
		if (!o)
			strvec_push_unique(only_b, b->v[i].name);
		else if (strcmp(o->text.buf, b->v[i].text.buf))
			strvec_push_unique(changed, b->v[i].name);
	}
	for (i = 0; i < a->n; i++)
		if (!find_item(b, a->v[i].name))
			strvec_push_unique(only_a, a->v[i].name);
}

/* The struct a section is about: its listing's, or its title's word. */
static char *section_struct(const struct section *sec, const struct parts *p)
{
	const char *t = sec->title;
	size_t n;

	if (p->st[0])
		return xstrdup(p->st);
	if (!strncmp(t, "struct ", 7))
		t += 7;
	for (n = 0; is_ident(t[n]); n++)
		;
	/* "struct NAMEs", "NAME", "NAME operations". */
	if (n && t[n] == 's' && !t[n + 1])
		return xstrndup(t, n);
	if (n && (!t[n] || (t[n] == ' ' && memchr(t, '_', n))))
		return xstrndup(t, n);
	return xstrdup(sec->title);
}

/*
 * The "``name()``" functions of a text, each once; with first, only the
 * first, which a description names as its caller ("Called by ...").
 */
static void named_functions(const char *s, int first, struct strvec *out)
{
	const char *p;

	for (p = strstr(s, "``"); p; p = strstr(p, "``")) {
		const char *b = p + 2, *e = b;

		while (is_ident(*e))
			e++;
		if (e > b && !strncmp(e, "()``", 4)) {
			char *name = xstrndup(b, e - b);

			if (strvec_find(out, name) < 0)
				strvec_push_owned(out, name);
			else
				free(name);
			if (first)
				return;
			p = e + 4;
			continue;
		}
		p = e > b ? e : b;
	}
}

static void struct_change_init(struct struct_change *sc, char *name)
{
	memset(sc, 0, sizeof(*sc));
	sc->name = name;
	strvec_init(&sc->added);
	strvec_init(&sc->gone);
	strvec_init(&sc->protos);
	strvec_init(&sc->protos_why);
	strvec_init(&sc->semis);
	strvec_init(&sc->headings);
	strvec_init(&sc->headings_rewritten);
	strvec_init(&sc->desc_added);
	strvec_init(&sc->desc_rewritten);
	strvec_init(&sc->desc_dropped);
	strvec_init(&sc->rows_added);
	strvec_init(&sc->rows_gone);
	strvec_init(&sc->rows_changed);
	strvec_init(&sc->stamps);
}

/* The return type of a declaration: what comes before its "(*". */
static size_t return_type(const char *d)
{
	const char *p = strstr(d, "(*");

	if (!p)
		return 0;
	while (p > d && p[-1] == ' ')
		p--;
	return p - d;
}

/*
 * Sort the changed declarations of sc: one that only gains the ';' it
 * lacked goes to semis; of the others, say so when the return type
 * changes, the change a reader looks for first.
 */
static void sort_protos(const struct items *b, const struct items *a,
			struct struct_change *sc)
{
	struct strvec protos = STRVEC_INIT;
	struct strbuf why = STRBUF_INIT;
	size_t i;

	strvec_init(&protos);
	for (i = 0; i < sc->protos.nr; i++) {
		const char *x = find_item(b, sc->protos.v[i])->text.buf;
		const char *y = find_item(a, sc->protos.v[i])->text.buf;
		size_t nx = strlen(x), rx = return_type(x), ry = return_type(y);

		if (x[nx - 1] != ';' && !strncmp(x, y, nx) && !strcmp(y + nx, ";")) {
			strvec_push(&sc->semis, sc->protos.v[i]);
			continue;
		}
		strvec_push(&protos, sc->protos.v[i]);
		strbuf_reset(&why);
		if (rx && ry && (rx != ry || strncmp(x, y, rx)))
			strbuf_addf(&why, "returns %.*s, not %.*s", (int)ry, y,
				    (int)rx, x);
		strvec_push(&sc->protos_why, why.buf);
	}
	strvec_release(&sc->protos);
	sc->protos = protos;
	strbuf_release(&why);
}

/*
 * A description dropped under one heading and added under a heading one
 * letter or two away (free_cache_objects, free_cached_objects) is the
 * same description, its heading fixed: into headings as "new (was old)",
 * into headings_rewritten when its words change too.
 */
static void pair_headings(const struct items *b, const struct items *a,
			  struct struct_change *sc)
{
	size_t i, k, hits, at;

	for (i = 0; i < sc->desc_dropped.nr; i++) {
		const char *old = sc->desc_dropped.v[i];
		struct strbuf sb = STRBUF_INIT;
		char *new;

		for (k = hits = at = 0; k < sc->desc_added.nr; k++)
			if (names_close(old, sc->desc_added.v[k])) {
				hits++;
				at = k;
			}
		if (hits != 1)
			continue;
		new = xstrdup(sc->desc_added.v[at]);
		strbuf_addf(&sb, "%s (was %s)", new, old);
		strvec_push_owned(strcmp(find_item(b, old)->text.buf,
					 find_item(a, new)->text.buf) ?
				  &sc->headings_rewritten : &sc->headings,
				  strbuf_detach(&sb));
		strvec_remove(&sc->desc_added, new);
		strvec_remove(&sc->desc_dropped, old);
		free(new);
		i--;
	}
}

static void compare_sections(const struct rst_lines *bl, const struct section *bs,
			     const struct rst_lines *al, const struct section *as,
			     struct step_change *c)
{
	struct strvec names = STRVEC_INIT;
	struct struct_change sc;
	struct parts b, a;
	size_t i;

	read_parts(bl, bs, &b);
	read_parts(al, as, &a);
	struct_change_init(&sc, section_struct(as, &a));
	compare(&b.members, &a.members, &sc.added, &sc.protos, &sc.gone);
	sort_protos(&b.members, &a.members, &sc);
	compare(&b.descs, &a.descs, &sc.desc_added, &sc.desc_rewritten,
		&sc.desc_dropped);
	pair_headings(&b.descs, &a.descs, &sc);
	compare(&b.rows, &a.rows, &sc.rows_added, &sc.rows_changed, &sc.rows_gone);
	for (i = 0; i < b.stamps.nr; i++)
		if (strvec_find(&a.stamps, b.stamps.v[i]) < 0)
			strvec_push(&sc.stamps, b.stamps.v[i]);
	/* The functions the new words name. */
	for (i = 0; i < sc.desc_added.nr + sc.desc_rewritten.nr; i++) {
		const char *n = i < sc.desc_added.nr ? sc.desc_added.v[i] :
				sc.desc_rewritten.v[i - sc.desc_added.nr];

		named_functions(find_item(&a.descs, n)->text.buf, 1, &c->functions);
	}
	strvec_init(&names);
	struct_change_names(&sc, &names);
	if (!names.nr && !sc.stamps.nr)
		strvec_push(&c->other, as->title);
	strvec_release(&names);
	c->structs = xrealloc(c->structs, (c->nr_structs + 1) * sizeof(*c->structs));
	c->structs[c->nr_structs++] = sc;
	parts_release(&b);
	parts_release(&a);
}

static int same_lines(const struct rst_lines *bl, const struct section *bs,
		      const struct rst_lines *al, const struct section *as)
{
	size_t i, bn = bs->end - bs->first, an = as->end - as->first;

	/* Blank lines at the end are the next section's business. */
	while (bn && rst_line_blank(&bl->v[bs->first + bn - 1]))
		bn--;
	while (an && rst_line_blank(&al->v[as->first + an - 1]))
		an--;
	if (bn != an)
		return 0;
	for (i = 0; i < bn; i++) {
		const struct rst_line *x = &bl->v[bs->first + i];
		const struct rst_line *y = &al->v[as->first + i];

		if (x->len != y->len || memcmp(x->s, y->s, x->len))
			return 0;
	}
	return 1;
}

void step_change_read(const struct strbuf *before, const struct strbuf *after,
		      struct step_change *c)
{
	struct rst_lines bl, al;
	struct section *bs, *as;
	size_t nb, na, i, k, next = 0;
	char *used;

	memset(c, 0, sizeof(*c));
	strvec_init(&c->sections);
	strvec_init(&c->functions);
	strvec_init(&c->other);
	rst_split_lines(before->buf, before->len, &bl);
	rst_split_lines(after->buf, after->len, &al);
	split_sections(&bl, &bs, &nb);
	split_sections(&al, &as, &na);
	used = xcalloc(nb + 1, 1);
	for (i = 0; i < na; i++) {
		/* The next unused section of the same title, in order. */
		for (k = next; k < nb; k++)
			if (!used[k] && !strcmp(bs[k].title, as[i].title))
				break;
		if (k == nb) {
			/* A new section: what it has, against nothing. */
			struct section none = { as[i].title, 0, 0 };

			strvec_push(&c->sections, as[i].title);
			compare_sections(&bl, &none, &al, &as[i], c);
			continue;
		}
		used[k] = 1;
		next = k + 1;
		if (same_lines(&bl, &bs[k], &al, &as[i]))
			continue;
		compare_sections(&bl, &bs[k], &al, &as[i], c);
	}
	free(used);
	sections_free(bs, nb);
	sections_free(as, na);
	free(bl.v);
	free(al.v);
}

void struct_change_names(const struct struct_change *sc, struct strvec *out)
{
	const struct strvec *all[] = {
		&sc->added, &sc->gone, &sc->protos, &sc->semis, &sc->headings,
		&sc->headings_rewritten, &sc->desc_added,
		&sc->desc_rewritten, &sc->desc_dropped, &sc->rows_added,
		&sc->rows_gone, &sc->rows_changed,
	};
	size_t i, k;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		for (k = 0; k < all[i]->nr; k++)
			strvec_push_unique(out, all[i]->v[k]);
}

void step_change_release(struct step_change *c)
{
	size_t i;

	for (i = 0; i < c->nr_structs; i++) {
		struct struct_change *sc = &c->structs[i];

		free(sc->name);
		strvec_release(&sc->added);
		strvec_release(&sc->gone);
		strvec_release(&sc->protos);
		strvec_release(&sc->protos_why);
		strvec_release(&sc->semis);
		strvec_release(&sc->headings);
		strvec_release(&sc->headings_rewritten);
		strvec_release(&sc->desc_added);
		strvec_release(&sc->desc_rewritten);
		strvec_release(&sc->desc_dropped);
		strvec_release(&sc->rows_added);
		strvec_release(&sc->rows_gone);
		strvec_release(&sc->rows_changed);
		strvec_release(&sc->stamps);
	}
	free(c->structs);
	strvec_release(&c->sections);
	strvec_release(&c->functions);
	strvec_release(&c->other);
	memset(c, 0, sizeof(*c));
}
