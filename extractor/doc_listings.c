// SPDX-License-Identifier: GPL-2.0
/*
 * doc_listings.c - a document's struct listings (mmap_prepare.rst's): a
 * literal block whose code opens with "struct NAME {" becomes the header's
 * text of the struct. And the layout of C prototypes the other documents
 * share: flattened, compared, laid out as a document had them, or wrapped
 * within 80 columns.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc.h"
#include "fileio.h"
#include "model.h"
#include "rewrite.h"
#include "rst_read.h"
#include "rst_table.h"
#include "rst_write.h"
#include "strvec.h"
#include "util.h"

/*
 * The prototype in s..s+n on one line: single spaces, comments gone, no
 * space after "(" or before ")".
 */
void proto_flatten(const char *s, size_t n, struct strbuf *flat)
{
	const char *p, *e = s + n;

	for (p = s; p < e; p++) {
		if (p + 1 < e && p[0] == '/' && p[1] == '*') {
			const char *c = memmem(p + 2, e - p - 2, "*/", 2);

			p = c ? c + 1 : e - 1;
			continue;
		}
		if (isspace((unsigned char)*p)) {
			if (flat->len && flat->buf[flat->len - 1] != ' ' &&
			    flat->buf[flat->len - 1] != '(')
				strbuf_addch(flat, ' ');
			continue;
		}
		if (*p == ')' && flat->len && flat->buf[flat->len - 1] == ' ')
			flat->len--;
		strbuf_addch(flat, *p);
	}
	strbuf_rtrim(flat);
}

/* Are a and b the same text but for spaces? */
int proto_same_but_spaces(const char *a, const char *b)
{
	for (;; a++, b++) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
	}
}

/* The offset in flat just after its n-th comma of the parameter list. */
static size_t after_comma(const char *flat, size_t n)
{
	const char *p = strstr(flat, "(*");
	int depth = 0;

	if (!p || !(p = strchr(p, ')')))
		return (size_t)-1;
	for (p++; *p; p++) {
		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (*p == ',' && depth == 1 && !--n)
			return p + 1 - flat;
	}
	return (size_t)-1;
}

/*
 * Append the header's prototype src laid out as the document laid out its
 * own (lines first..end-1): the same first-line indent, and a line break
 * after the same parameter as each of its breaks, each continuation line
 * indented as the document's was. 0, or -1 when that layout does not fit
 * (a break after a parameter the header does not have, a line past 80
 * columns).
 */
int proto_add_as_laid_out(struct strbuf *out, const char *src,
			  const struct rst_lines *ls, size_t first,
			  size_t end)
{
	struct strbuf flat = STRBUF_INIT, old = STRBUF_INIT, res = STRBUF_INIT;
	size_t i, at = 0, commas = 0;
	int ret = -1;

	proto_flatten(src, strlen(src), &flat);
	strbuf_add(&res, ls->v[first].s, rst_line_lead(&ls->v[first]));
	for (i = first; i < end; i++) {
		const struct rst_line *l = &ls->v[i];
		size_t k, cut, lead = rst_line_lead(l);

		strbuf_reset(&old);
		for (k = first; k <= i; k++) {
			strbuf_add(&old, ls->v[k].s, ls->v[k].len);
			strbuf_addch(&old, ' ');
		}
		if (i > first) {
			strbuf_add(&res, l->s, lead);
			while (flat.buf[at] == ' ')
				at++;
		}
		if (i + 1 == end) {
			cut = flat.len;
		} else {
			struct strbuf f = STRBUF_INIT;
			const char *p;

			proto_flatten(old.buf, old.len, &f);
			/* Breaks after the k-th comma of the document's list. */
			for (p = f.buf, k = 0; (p = strchr(p, ',')); p++)
				k++;
			strbuf_release(&f);
			if (k <= commas)
				goto out;
			commas = k;
			cut = after_comma(flat.buf, commas);
			if (cut == (size_t)-1 || cut < at)
				goto out;
		}
		/* A line we write keeps to 80 columns, however wide it was. */
		if (rst_columns(l->s, lead) + cut - at > 80)
			goto out;
		strbuf_add(&res, flat.buf + at, cut - at);
		strbuf_rtrim(&res);
		strbuf_addch(&res, '\n');
		at = cut;
	}
	strbuf_add(out, res.buf, res.len);
	ret = 0;
out:
	strbuf_release(&flat);
	strbuf_release(&old);
	strbuf_release(&res);
	return ret;
}

static int is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * The parameter list of a flat prototype "T (*name)(a, b)": the offsets
 * just after its "(" and at its ")", and the parameters, split at the
 * commas outside parentheses. -1 when there is none.
 */
static int proto_params(const char *flat, size_t *open, size_t *close,
			struct strvec *params)
{
	const char *p = strstr(flat, "(*"), *start;
	int depth = 0;

	if (!p || !(p = strchr(p, ')')))
		return -1;
	for (p++; *p == ' '; p++)
		;
	if (*p != '(')
		return -1;
	*open = p + 1 - flat;
	for (start = ++p; *p; p++) {
		if (*p == '(') {
			depth++;
		} else if (*p == ')' && depth-- == 0) {
			break;
		} else if (*p == ',' && !depth) {
			strvec_push_owned(params, xstrndup(start, p - start));
			for (start = p + 1; *start == ' '; start++)
				;
		}
	}
	if (!*p)
		return -1;
	if (p > start || params->nr)
		strvec_push_owned(params, xstrndup(start, p - start));
	*close = p - flat;
	return 0;
}

/* Is s..s+n the word w? */
static int word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !strncmp(s, w, n);
}

/*
 * The type of a parameter, its name dropped ("struct file *f" -> "struct
 * file*", "size_t start" -> "size_t", "unsigned int" stays), with no
 * space next to a '*'.
 */
static void param_type(const char *prm, struct strbuf *type)
{
	static const char *const types[] = {
		"int", "char", "long", "short", "unsigned", "signed", "void",
		"bool", "float", "double", NULL,
	};
	const char *e = prm + strlen(prm), *b, *w;
	size_t i, n;
	int name = 0;

	while (e > prm && e[-1] == ' ')
		e--;
	for (b = e; b > prm && is_ident_char(b[-1]); b--)
		;
	if (b < e && !strchr(prm, '(') && !isdigit((unsigned char)*b)) {
		for (w = b; w > prm && w[-1] == ' '; w--)
			;
		if (w > prm && w[-1] == '*') {
			name = 1;
		} else if (w > prm) {
			const char *ws = w;

			while (ws > prm && is_ident_char(ws[-1]))
				ws--;
			name = !word_is(ws, w - ws, "struct") &&
			       !word_is(ws, w - ws, "enum") &&
			       !word_is(ws, w - ws, "union");
			for (i = 0; name && types[i]; i++)
				name = !word_is(b, e - b, types[i]);
		}
	}
	if (name)
		e = b;
	strbuf_reset(type);
	for (; prm < e; prm++) {
		if (*prm == ' ' && (prm[1] == '*' || (type->len &&
				    type->buf[type->len - 1] == '*') || prm + 1 == e))
			continue;
		strbuf_addch(type, *prm);
	}
	n = type->len;
	while (n && type->buf[n - 1] == ' ')
		n--;
	type->len = n;
	type->buf[n] = '\0';
}

/*
 * proto_keep_names(), or, with fill, the header's prototype with only the
 * names the document gave kept: for a prototype that changes anyway,
 * written as the header spells it, less nothing the document told.
 */
static void keep_names(const char *old, const char *hdr, int fill,
		       struct strbuf *out)
{
	struct strvec po = STRVEC_INIT, ph = STRVEC_INIT;
	struct strbuf to = STRBUF_INIT, th = STRBUF_INIT;
	size_t oo, oc, ho, hc, i;

	strvec_init(&po);
	strvec_init(&ph);
	if (proto_params(old, &oo, &oc, &po) || proto_params(hdr, &ho, &hc, &ph)) {
		strbuf_adds(out, hdr);
		goto out;
	}
	/* What comes before the list: the document's, when only spaces differ. */
	strbuf_add(&to, old, oo);
	strbuf_add(&th, hdr, ho);
	if (!fill && proto_same_but_spaces(th.buf, to.buf))
		strbuf_add(out, old, oo);
	else
		strbuf_add(out, hdr, ho);
	/*
	 * The parameters, when there are as many as the document has: the
	 * document's where the type is the same (with fill, only where it
	 * names the parameter), else the header's.
	 */
	for (i = 0; i < ph.nr; i++) {
		if (i)
			strbuf_adds(out, ", ");
		if (po.nr != ph.nr) {
			strbuf_adds(out, ph.v[i]);
			continue;
		}
		param_type(po.v[i], &to);
		param_type(ph.v[i], &th);
		strbuf_adds(out, strcmp(to.buf, th.buf) ||
			    (fill && proto_same_but_spaces(to.buf, po.v[i])) ?
			    ph.v[i] : po.v[i]);
	}
	strbuf_adds(out, hdr + hc);
out:
	strvec_release(&po);
	strvec_release(&ph);
	strbuf_release(&to);
	strbuf_release(&th);
}

void proto_keep_names(const char *old, const char *hdr, struct strbuf *out)
{
	keep_names(old, hdr, 0, out);
}

/* The header's own lines for member m, from the struct's source. */
void proto_member_source(const struct ops_struct *st, const struct member *m,
			 struct strbuf *out)
{
	const char *p = st->source;
	unsigned int line = st->line;
	int depth = 0, started = 0;

	while (p && *p && line < m->line) {
		p = strchr(p, '\n');
		if (p)
			p++;
		line++;
	}
	if (!p || !*p) {
		strbuf_addf(out, "\t%s\n", m->decl);
		return;
	}
	while (*p) {
		const char *e = strchrnul(p, '\n'), *c;
		const char *lead = p;

		while (lead < e && (*lead == ' ' || *lead == '\t'))
			lead++;
		/* The first line at one tab; continuation lines as they are. */
		if (!started)
			strbuf_addf(out, "\t%.*s\n", (int)(e - lead), lead);
		else
			strbuf_addf(out, "%.*s\n", (int)(e - p), p);
		started = 1;
		for (c = p; c < e; c++)
			depth += *c == '(' ? 1 : *c == ')' ? -1 : 0;
		if (depth <= 0 && memchr(p, ';', e - p))
			return;
		if (!*e)
			return;
		p = e + 1;
	}
}

/*
 * Append the prototype src (the header's lines, the first at one tab) so
 * that no line passes 80 columns: when one would, the parameters are
 * laid out again, each line filled, the later ones lined up after the
 * opening parenthesis of the list (or two tabs in when that is too deep).
 */
static void add_prototype_wrapped_at(struct strbuf *out, const char *src,
				     size_t depth)
{
	struct strbuf flat = STRBUF_INIT;
	const char *p, *open, *stop;
	size_t col, indent, start, base = 8 * depth, i;
	int wide = 0;

	for (p = src; *p; ) {
		const char *e = strchrnul(p, '\n');

		wide |= rst_columns(p, e - p) + base - 8 > 80;
		p = *e ? e + 1 : e;
	}
	proto_flatten(src, strlen(src), &flat);
	/* The list opens at the "(" after "(*name)". */
	open = strstr(flat.buf, "(*");
	open = open ? strchr(open, ')') : NULL;
	open = open ? strchr(open, '(') : NULL;
	if (!wide || !open) {
		for (p = src; *p; ) {
			const char *e = strchrnul(p, '\n');

			for (i = 1; i < depth && e > p; i++)
				strbuf_addch(out, '\t');
			strbuf_add(out, p, e - p);
			strbuf_addch(out, '\n');
			p = *e ? e + 1 : e;
		}
		strbuf_release(&flat);
		return;
	}
	indent = base + (open + 1 - flat.buf);
	if (indent > base + 40)
		indent = base + 16;
	for (i = 0; i < depth; i++)
		strbuf_addch(out, '\t');
	col = base;
	start = 0;
	p = flat.buf;
	while (*p) {
		/* The next piece: up to and with the next ", ", or the rest. */
		stop = strstr(p, ", ");
		stop = stop ? stop + 1 : p + strlen(p);
		if (start && col + (stop - p) > 80) {
			strbuf_rtrim(out);
			strbuf_addch(out, '\n');
			for (i = 0; i < indent / 8; i++)
				strbuf_addch(out, '\t');
			for (i = 0; i < indent % 8; i++)
				strbuf_addch(out, ' ');
			col = indent;
			while (*p == ' ')
				p++;
			continue;
		}
		strbuf_add(out, p, stop - p);
		col += stop - p;
		start = 1;
		p = stop;
	}
	strbuf_addch(out, '\n');
	strbuf_release(&flat);
}

void proto_add_wrapped(struct strbuf *out, const char *src)
{
	add_prototype_wrapped_at(out, src, 1);
}

/*
 * Append a struct's source as a listing one tab in, each callback whose
 * line would pass 80 columns there wrapped again: a listing we add keeps
 * to the width of the page.
 */
void proto_add_listing(struct strbuf *out, const char *src)
{
	struct strbuf decl = STRBUF_INIT;
	const char *p = src;
	int depth = 0;

	while (*p) {
		const char *e = strchrnul(p, '\n'), *c;

		if (!decl.len && !memmem(p, e - p, "(*", 2)) {
			if (e > p)
				strbuf_addch(out, '\t');
			strbuf_add(out, p, e - p);
			strbuf_addch(out, '\n');
			p = *e ? e + 1 : e;
			continue;
		}
		strbuf_add(&decl, p, e - p);
		strbuf_addch(&decl, '\n');
		for (c = p; c < e; c++)
			depth += *c == '(' ? 1 : *c == ')' ? -1 : 0;
		if (depth <= 0 && memchr(p, ';', e - p)) {
			add_prototype_wrapped_at(out, decl.buf, 2);
			strbuf_reset(&decl);
			depth = 0;
		}
		p = *e ? e + 1 : e;
	}
	if (decl.len)
		add_prototype_wrapped_at(out, decl.buf, 2);
	strbuf_release(&decl);
}

/*
 * Append the header's prototype src (its lines, the first at one tab) for
 * a member the document declared at lines first..end-1: the document's
 * own lines when only spaces or parameter names differ; else the header's
 * declaration in the document's names and layout, or wrapped at depth
 * tabs when that layout passes 80 columns.
 */
void proto_add_kept(struct strbuf *out, const char *src, const char *text,
		    const struct rst_lines *ls, size_t first, size_t end,
		    size_t depth)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, m = STRBUF_INIT;
	const char *s = text + rst_offset(text, ls, first);
	size_t len = ls->v[end - 1].s + ls->v[end - 1].len - s;

	proto_flatten(s, len, &a);
	proto_flatten(src, strlen(src), &b);
	strbuf_addch(&m, '\t');
	proto_keep_names(a.buf, b.buf, &m);
	if (proto_same_but_spaces(a.buf, m.buf + 1)) {
		strbuf_add(out, s, len);
		strbuf_addch(out, '\n');
		goto out;
	}
	/* It changes: as the header spells it, with the names we had. */
	strbuf_reset(&m);
	strbuf_addch(&m, '\t');
	keep_names(a.buf, b.buf, 1, &m);
	if (proto_add_as_laid_out(out, m.buf, ls, first, end)) {
		add_prototype_wrapped_at(out, m.buf, depth);
	}
out:
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&m);
}

/*
 * The order of the n members mv[] in a rewritten block, into order[]:
 * those the document declared (names[k], k < nr_old) where they were.
 * rank[] receives each member's place there, or -1.
 */
void proto_order(const struct member *const *mv, size_t n,
		 const char *const *names, size_t nr_old, long *rank,
		 size_t *order)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		rank[i] = -1;
		for (k = 0; k < nr_old && rank[i] < 0; k++)
			if (!strcmp(names[k], mv[i]->name))
				rank[i] = (long)k;
	}
	doc_keep_order(rank, n, order);
}

/* A declaration of an old listing: its name and lines [first, end). */
struct old_decl {
	char name[64];
	size_t lead, first, end;	/* lead: the lines before it that are its */
};

/* The name a flat declaration declares: "(*name)", or its last word. */
static void decl_name_of(const char *d, char *name, size_t size)
{
	const char *p = strstr(d, "(*"), *e;

	name[0] = '\0';
	if (p) {
		for (p += 2; *p == ' '; p++)
			;
		for (e = p; is_ident_char(*e); e++)
			;
	} else {
		e = d + strcspn(d, ";[:");
		while (e > d && !is_ident_char(e[-1]))
			e--;
		for (p = e; p > d && is_ident_char(p[-1]); p--)
			;
	}
	if (e > p && (size_t)(e - p) < size) {
		memcpy(name, p, e - p);
		name[e - p] = '\0';
	}
}

/* Is line l of a listing no declaration: blank, a comment, a "#" line? */
static int not_decl(const struct rst_line *l)
{
	size_t lead = rst_line_lead(l);
	const char *s = l->s + lead;
	size_t n = l->len - lead;

	return !n || *s == '#' || *s == '*' || (n >= 2 && (!memcmp(s, "/*", 2) ||
							   !memcmp(s, "//", 2)));
}

/*
 * The declarations of the listing's lines first..end-1 (the lines between
 * "struct NAME {" and "};"). A declaration runs until its parentheses
 * close on a line with a ';', or with none when the declarator is whole
 * (a ';' the document lost).
 */
static size_t old_decls(const struct rst_lines *ls, size_t first, size_t end,
			const char *text, struct old_decl **out)
{
	struct strbuf flat = STRBUF_INIT;
	size_t i, n = 0, lead = first, start = 0;
	int depth = 0, in = 0;

	*out = NULL;
	for (i = first; i < end; i++) {
		const struct rst_line *l = &ls->v[i];
		const char *c;

		if (!in && not_decl(l))
			continue;
		if (!in) {
			in = 1;
			start = i;
			depth = 0;
		}
		for (c = l->s; c < l->s + l->len; c++) {
			if (c + 1 < l->s + l->len && c[0] == '/' && c[1] == '*')
				break;
			depth += *c == '(' ? 1 : *c == ')' ? -1 : 0;
		}
		strbuf_reset(&flat);
		proto_flatten(text + rst_offset(text, ls, start),
			      l->s + l->len - (text + rst_offset(text, ls, start)), &flat);
		if (depth > 0 || !flat.len || (flat.buf[flat.len - 1] != ';' &&
		    (flat.buf[flat.len - 1] != ')' || !strstr(flat.buf, "(*"))))
			continue;
		*out = xrealloc(*out, (n + 1) * sizeof(**out));
		decl_name_of(flat.buf, (*out)[n].name, sizeof((*out)[n].name));
		(*out)[n].lead = lead;
		(*out)[n].first = start;
		(*out)[n].end = i + 1;
		n++;
		lead = i + 1;
		in = 0;
	}
	strbuf_release(&flat);
	return n;
}

int listing_merge(const struct ops_struct *st, const char *text,
		  const struct rst_lines *ls, size_t first, size_t end,
		  struct strbuf *out)
{
	struct strbuf src = STRBUF_INIT;
	const struct member **mv = xcalloc(st->nr_members + 1, sizeof(*mv));
	const char **names = NULL;
	long *rank = xcalloc(st->nr_members + 1, sizeof(*rank));
	size_t *order = xcalloc(st->nr_members + 1, sizeof(*order));
	size_t open, close, i, k, n = 0, nr_old, lead, unit;
	struct old_decl *old = NULL;
	const struct member *m;
	int ret = -1;

	/* "struct NAME {" and the "}" line that closes it. */
	for (open = first; open < end && rst_line_blank(&ls->v[open]); open++)
		;
	for (close = end; close > open; close--)
		if (ls->v[close - 1].len > rst_line_lead(&ls->v[close - 1]) &&
		    ls->v[close - 1].s[rst_line_lead(&ls->v[close - 1])] == '}')
			break;
	if (open == end || close-- <= open + 1 ||
	    ls->v[open].s[ls->v[open].len - 1] != '{')
		goto out;
	nr_old = old_decls(ls, open + 1, close, text, &old);
	if (!nr_old)
		goto out;
	/* The members' indent, in tabs of the listing. */
	lead = rst_line_lead(&ls->v[old[0].first]);
	for (unit = 0; unit < lead && ls->v[old[0].first].s[unit] == '\t'; unit++)
		;
	if (unit != lead || !unit)
		goto out;
	for_each_member(st, m)
		if (!strchr(m->name, '.'))
			mv[n++] = m;
	names = xcalloc(nr_old + 1, sizeof(*names));
	for (k = 0; k < nr_old; k++)
		names[k] = old[k].name;
	proto_order(mv, n, names, nr_old, rank, order);
	strbuf_add(out, text + rst_offset(text, ls, first),
		   rst_offset(text, ls, open + 1) - rst_offset(text, ls, first));
	for (i = 0; i < n; i++) {
		const struct old_decl *o;

		strbuf_reset(&src);
		proto_member_source(st, mv[order[i]], &src);
		if (rank[order[i]] < 0) {
			add_prototype_wrapped_at(out, src.buf, unit);
			continue;
		}
		o = &old[rank[order[i]]];
		/* The blank lines and comments before it, as they were. */
		strbuf_add(out, text + rst_offset(text, ls, o->lead),
			   rst_offset(text, ls, o->first) - rst_offset(text, ls, o->lead));
		proto_add_kept(out, src.buf, text, ls, o->first, o->end, unit);
	}
	/* What follows the last declaration, up to the end, as it was. */
	k = old[nr_old - 1].end;
	strbuf_add(out, text + rst_offset(text, ls, k),
		   (end < ls->n ? rst_offset(text, ls, end) : strlen(text)) -
		   rst_offset(text, ls, k));
	ret = 0;
out:
	free(old);
	free(names);
	free(mv);
	free(rank);
	free(order);
	strbuf_release(&src);
	return ret;
}

/*
 * Any document: a literal block whose code opens with "struct NAME {" for
 * a struct of the model becomes the header's text of the struct, in the
 * block's own indentation (each leading tab of the header becomes one
 * level of it).
 */
static void add_reindented(struct strbuf *out, const char *src, const char *unit,
			   size_t unit_len)
{
	const char *p = src;

	while (*p) {
		const char *e = strchrnul(p, '\n');

		if (e > p)
			strbuf_add(out, unit, unit_len);
		while (p < e && *p == '\t') {
			strbuf_add(out, unit, unit_len);
			p++;
		}
		strbuf_add(out, p, e - p);
		strbuf_addch(out, '\n');
		p = *e ? e + 1 : e;
	}
}

int listings_regenerate(const struct api *api, const char *path, const char *text,
			size_t len, struct strbuf *out)
{
	struct rst_lines ls;
	size_t i, at = 0, done = 0;

	rst_split_lines(text, len, &ls);
	for (i = 0; i + 1 < ls.n; i++) {
		const struct rst_line *l = &ls.v[i];
		const struct ops_struct *st;
		size_t first, end, n;
		char name[128];
		const char *s;

		if (!(l->len >= 15 && !memcmp(l->s, ".. code-block::", 15)) &&
		    !(l->len >= 2 && !memcmp(l->s + l->len - 2, "::", 2)))
			continue;
		for (first = i + 1; first < ls.n && rst_line_blank(&ls.v[first]); first++)
			;
		if (first == ls.n || !rst_line_indent(&ls.v[first]))
			continue;
		s = ls.v[first].s + rst_line_lead(&ls.v[first]);
		n = ls.v[first].len - rst_line_lead(&ls.v[first]);
		if (n < 10 || memcmp(s, "struct ", 7) || s[n - 1] != '{' ||
		    n - 9 >= sizeof(name))
			continue;
		memcpy(name, s + 7, n - 9);
		name[n - 9] = '\0';
		st = find_struct_by_name(api, name);
		if (!st || !st->present || !st->source)
			continue;
		for (end = first; end < ls.n && (rst_line_blank(&ls.v[end]) ||
						rst_line_indent(&ls.v[end])); end++)
			;
		while (end > first && rst_line_blank(&ls.v[end - 1]))
			end--;
		strbuf_add(out, text + at, rst_offset(text, &ls, first) - at);
		add_reindented(out, st->source, ls.v[first].s, rst_line_lead(&ls.v[first]));
		at = end < ls.n ? rst_offset(text, &ls, end) : len;
		done++;
		i = end ? end - 1 : i;
	}
	if (at < len)
		strbuf_add(out, text + at, len - at);
	free(ls.v);
	if (!done)
		note_at(path, 0, "no listing of a struct of the model to regenerate");
	return 0;
}

/* One step: the document's struct listings from the model. */
int doc_listings_rewrite(const struct expand_env *env, const char *ksrc,
			 const char *templates, struct rewrites *r, size_t d)
{
	struct strbuf next = STRBUF_INIT;

	if (listings_regenerate(env->api, r->docs[d].path, r->docs[d].text.buf,
				r->docs[d].text.len, &next)) {
		strbuf_release(&next);
		return -1;
	}
	rewrite_add_step(r, d, REWRITE_LISTINGS, NULL, &next);
	return 0;
}
