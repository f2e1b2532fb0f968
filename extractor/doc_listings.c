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
 * columns wider than the document's).
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
		if (rst_columns(l->s, lead) + cut - at > 80 &&
		    rst_columns(l->s, lead) + cut - at > rst_columns(l->s, l->len))
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
