// SPDX-License-Identifier: GPL-2.0
/*
 * listing_fix.c - series --listings: the struct listings of Documentation/
 * that check finds drifted, fixed with the smallest edit that clears the
 * findings. A missing member goes after the one before it in the header,
 * a removed one goes, a changed declaration changes only where it
 * differs; comments, spacing and the other lines stay byte for byte.
 * Each document's edits become rewrite steps (rewrite.h) that series
 * commits, logs and sends like its own.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkdocs.h"
#include "doc.h"
#include "ktree.h"
#include "listing_fix.h"
#include "model.h"
#include "rst_read.h"
#include "series_diff.h"
#include "series_tree.h"
#include "strbuf.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"

/* Lines of a document replaced: [start, end) by text (whole lines). */
struct edit {
	size_t start, end;
	size_t order;		/* the member's place in the header */
	struct strbuf text;
};

/* The edits of one listing, or why it has none. */
struct fix {
	size_t listing;		/* in cr->ls */
	size_t doc;		/* in cr->docs */
	struct edit *e;
	size_t ne;
	struct strvec removed;	/* the members it removes, by name */
	const char *skip;	/* why it is left as it is, or NULL */
};

static int is_ident(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static int fixable(enum finding_class c)
{
	return c == FINDING_MISSING_MEMBER || c == FINDING_REMOVED_MEMBER ||
	       c == FINDING_RENAMED_MEMBER || c == FINDING_SIGNATURE_DRIFT ||
	       c == FINDING_QUALIFIER_DRIFT;
}

/* Classes that say the listing cannot be read as the header's struct. */
static int blocking(enum finding_class c)
{
	return c == FINDING_UNPARSABLE || c == FINDING_HEADER_UNPARSABLE ||
	       c == FINDING_UNKNOWN_STRUCT;
}

static size_t code_lines(const char *code)
{
	size_t n = 1;

	for (; *code; code++)
		n += *code == '\n' && code[1];
	return n;
}

/* The 0-based document lines [*first, *end) a listing's code takes. */
static void listing_range(const struct doc_listing *l, size_t *first, size_t *end)
{
	*first = l->line - 1;
	*end = *first + code_lines(l->code);
}

/* Does the finding belong to the listing? */
static int finding_of(const struct finding *f, const struct doc_listing *l)
{
	size_t first, end;

	if (strcmp(f->file, l->file) || strcmp(f->struct_name, l->struct_name))
		return 0;
	listing_range(l, &first, &end);
	return f->line - 1 >= first && f->line - 1 < end;
}

/*
 * The lines [from, *end) of the declaration that starts on line from: up
 * to the ';' at depth 0, and through a comment that opens on its line.
 */
static int decl_extent(const struct rst_lines *t, size_t from, size_t limit,
		       size_t *end)
{
	struct strbuf code = STRBUF_INIT;
	int in_comment = 0, depth = 0, done = 0;
	size_t i, k;

	for (i = from; i < limit; i++) {
		rst_strip_comments(&t->v[i], &in_comment, &code);
		for (k = 0; k < code.len && !done; k++) {
			char c = code.buf[k];

			depth += c == '(' || c == '{' ? 1 : c == ')' || c == '}' ? -1 : 0;
			/* "} name;" closes a nested struct opened above. */
			if (depth < 0)
				depth = 0;
			done = c == ';' && depth == 0;
		}
		if (done && !in_comment) {
			*end = i + 1;
			strbuf_release(&code);
			return 0;
		}
	}
	strbuf_release(&code);
	return -1;
}

/* The line in [first, end) that declares name (a path's last part), or -1. */
static long member_line(const struct rst_lines *t, size_t first, size_t end,
			const char *path)
{
	const char *name = strrchr(path, '.');
	struct strbuf code = STRBUF_INIT;
	int in_comment = 0;
	size_t i, n;
	long found = -1;

	name = name ? name + 1 : path;
	n = strlen(name);
	for (i = first; i < end && found < 0; i++) {
		const char *p;

		rst_strip_comments(&t->v[i], &in_comment, &code);
		for (p = code.buf; (p = strstr(p, name)); p += n) {
			const char *q = p + n, *b = p;

			if ((p > code.buf && is_ident(p[-1])) || is_ident(*q))
				continue;
			while (*q == ' ' || *q == '\t')
				q++;
			while (b > code.buf && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			/* "(*name)", or a declarator's end: ; [ : , = */
			if ((*q == ')' && b > code.buf && b[-1] == '*') ||
			    (*q && strchr(";[:,=", *q))) {
				found = i;
				break;
			}
		}
	}
	strbuf_release(&code);
	return found;
}

/* The whitespace a line starts with. */
static void lead_of(const struct rst_line *l, struct strbuf *out)
{
	size_t i;

	strbuf_reset(out);
	for (i = 0; i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'); i++)
		strbuf_addch(out, l->s[i]);
}

static size_t width_of(const char *s, size_t n)
{
	return rst_columns(s, n);
}

/*
 * Each line of text within 80 columns, or no wider than the widest of
 * the lines it replaces (old).
 */
static int fits(const char *text, size_t old)
{
	const char *p = text;

	while (*p) {
		const char *e = strchrnul(p, '\n');
		size_t w = width_of(p, e - p);

		if (w > 80 && w > old)
			return 0;
		p = *e ? e + 1 : e;
	}
	return 1;
}

/*
 * A one-line callback declaration (lead, then decl) broken after the
 * commas of its parameter list so that each line fits in 80 columns: the
 * later lines lined up after the list's "(", or one tab deeper than the
 * first when that is too far in. 0, or -1 when it does not fit.
 */
static int wrap_callback(const char *lead, const char *decl, struct strbuf *out)
{
	const char *open = strstr(decl, "(*"), *p, *stop;
	struct strbuf cont = STRBUF_INIT, res = STRBUF_INIT;
	size_t col, base = width_of(lead, strlen(lead));
	int ret = -1;

	open = open ? strchr(open, ')') : NULL;
	open = open ? strchr(open, '(') : NULL;
	if (!open)
		return -1;
	strbuf_adds(&cont, lead);
	if (open + 1 - decl <= 40) {
		/* Tabs, then spaces, to the column after the list's "(". */
		size_t target = base + (open + 1 - decl);

		/* A listing indented with spaces only gets no tab. */
		for (col = base; strchr(lead, '\t') && (col / 8 + 1) * 8 <= target;
		     col = (col / 8 + 1) * 8)
			strbuf_addch(&cont, '\t');
		for (; col < target; col++)
			strbuf_addch(&cont, ' ');
	} else {
		strbuf_addch(&cont, '\t');
	}
	strbuf_adds(&res, lead);
	col = base;
	for (p = decl; *p; p = stop) {
		if (p <= open) {
			stop = open + 1;
		} else {
			stop = strstr(p, ", ");
			stop = stop ? stop + 1 : p + strlen(p);
		}
		if (p > open && col + (stop - p) > 80 && col > base) {
			strbuf_rtrim(&res);
			strbuf_addch(&res, '\n');
			strbuf_add(&res, cont.buf, cont.len);
			col = width_of(cont.buf, cont.len);
			while (*p == ' ')
				p++;
		}
		strbuf_add(&res, p, stop - p);
		col += stop - p;
	}
	strbuf_addch(&res, '\n');
	if (fits(res.buf, 80)) {
		strbuf_add(out, res.buf, res.len);
		ret = 0;
	}
	strbuf_release(&cont);
	strbuf_release(&res);
	return ret;
}

/*
 * The header's declaration in the listing's way of spacing a callback:
 * "(*name) (" or "(*name)(", as the document's own declaration has it.
 */
static void styled(const char *header, const char *doc, struct strbuf *out)
{
	const char *h = strstr(header, "(*"), *d = doc ? strstr(doc, "(*") : NULL;
	int hs, ds;

	strbuf_reset(out);
	h = h ? strchr(h, ')') : NULL;
	d = d ? strchr(d, ')') : NULL;
	if (!h || !d || (h[1] != '(' && strncmp(h + 1, " (", 2)) ||
	    (d[1] != '(' && strncmp(d + 1, " (", 2))) {
		strbuf_adds(out, header);
		return;
	}
	hs = h[1] == ' ';
	ds = d[1] == ' ';
	strbuf_add(out, header, h + 1 - header);
	if (ds)
		strbuf_addch(out, ' ');
	strbuf_adds(out, h + 1 + hs);
}

/*
 * Append the rest of a changed line, rest (n bytes), to out: when the
 * change made the line grow bytes longer (or shorter, when negative) and
 * the line aligns with a gap of two spaces or more (no tab before it),
 * that gap gives them back, keeping one space, so that the names after it
 * stay in their column (configfs.rst's aligned config_item_type).
 */
static void keep_column(const char *rest, size_t n, long grew,
			struct strbuf *out)
{
	size_t i, gap = 0, cut;
	long k;

	for (i = 0; grew && i < n && rest[i] != '\n' && rest[i] != '\t'; i++) {
		for (gap = 0; i + gap < n && rest[i + gap] == ' '; gap++)
			;
		if (gap >= 2 && i + gap < n && rest[i + gap] != '\n' &&
		    rest[i + gap] != '\t')
			break;
		gap = 0;
	}
	if (!gap) {
		strbuf_add(out, rest, n);
		return;
	}
	strbuf_add(out, rest, i);
	if (grew > 0) {
		cut = (size_t)grew < gap ? (size_t)grew : gap - 1;
		strbuf_add(out, rest + i + cut, n - i - cut);
		return;
	}
	for (k = 0; k < -grew; k++)
		strbuf_addch(out, ' ');
	strbuf_add(out, rest + i, n - i);
}

/*
 * The declaration in region (the document's bytes, spaces and line breaks
 * as they are) changed to new (collapsed) in the part that differs only.
 * doc is the region collapsed. 0, or -1 when the region collapses to
 * something else.
 */
static int change_in_place(const char *region, size_t len, const char *doc,
			   const char *new, struct strbuf *out)
{
	struct strbuf flat = STRBUF_INIT;
	size_t *from, *to, i, p, s, nd, nn, a, b;
	int ret = -1;

	from = xcalloc(len + 1, sizeof(*from));
	to = xcalloc(len + 1, sizeof(*to));
	for (i = 0; i < len; ) {
		if (isspace((unsigned char)region[i])) {
			size_t j = i;

			while (j < len && isspace((unsigned char)region[j]))
				j++;
			if (flat.len && j < len) {
				from[flat.len] = i;
				to[flat.len] = j;
				strbuf_addch(&flat, ' ');
			}
			i = j;
			continue;
		}
		from[flat.len] = i;
		to[flat.len] = i + 1;
		strbuf_addch(&flat, region[i++]);
	}
	if (strcmp(flat.buf, doc))
		goto out;
	nd = flat.len;
	nn = strlen(new);
	for (p = 0; p < nd && p < nn && doc[p] == new[p]; p++)
		;
	for (s = 0; s < nd - p && s < nn - p && doc[nd - 1 - s] == new[nn - 1 - s]; s++)
		;
	a = p < nd ? from[p] : len;
	b = nd - s > p ? to[nd - s - 1] : a;
	strbuf_add(out, region, a);
	strbuf_add(out, new + p, nn - s - p);
	keep_column(region + b, len - b, (long)(nn - s - p) - (long)(b - a), out);
	ret = 0;
out:
	free(from);
	free(to);
	strbuf_release(&flat);
	return ret;
}

static struct edit *add_edit(struct fix *fx, size_t start, size_t end,
			     size_t order)
{
	struct edit *e;

	fx->e = xrealloc(fx->e, (fx->ne + 1) * sizeof(*fx->e));
	e = &fx->e[fx->ne++];
	e->start = start;
	e->end = end;
	e->order = order;
	strbuf_init(&e->text);
	return e;
}

static size_t member_index(const struct ops_struct *s, const char *name)
{
	const struct member *m = find_member_by_name(s, name);

	return m ? (size_t)(m - s->members) : s->nr_members;
}

/* A declaration's lines [start, end), with what surrounds it on them. */
static void lines_text(const struct rst_lines *t, size_t start, size_t end,
		       struct strbuf *out)
{
	size_t i;

	strbuf_reset(out);
	for (i = start; i < end; i++) {
		strbuf_add(out, t->v[i].s, t->v[i].len);
		strbuf_addch(out, '\n');
	}
}

static size_t widest(const struct rst_lines *t, size_t start, size_t end)
{
	size_t i, w = 0;

	for (i = start; i < end; i++)
		if (width_of(t->v[i].s, t->v[i].len) > w)
			w = width_of(t->v[i].s, t->v[i].len);
	return w;
}

/* Is the line only "}" or "};" (after its indentation)? */
static int closes(const struct rst_line *l)
{
	size_t k = rst_line_lead(l);

	return k < l->len && l->s[k] == '}';
}

/* Does a line end with "{"? */
static int opens(const struct rst_line *l)
{
	size_t n = l->len;

	while (n && isspace((unsigned char)l->s[n - 1]))
		n--;
	return n && l->s[n - 1] == '{';
}

/* Does a line hold only a comment ("/ *" to "* /" or inside one)? */
static int comment_line(const struct rst_line *l, int first)
{
	size_t k = rst_line_lead(l);
	const char *s = l->s + k;
	size_t n = l->len - k;

	if (first)
		return n >= 2 && s[0] == '/' && s[1] == '*';
	return n >= 1 && s[0] == '*';
}

/* A member the header no longer has: its lines, and a comment all its own. */
static const char *remove_member(const struct rst_lines *t, size_t first,
				 size_t end, const struct finding *f,
				 const struct ops_struct *s, struct fix *fx)
{
	struct strbuf text = STRBUF_INIT, flat = STRBUF_INIT, doc = STRBUF_INIT;
	size_t start = f->line - 1, stop, k;
	const char *why = NULL;

	if (decl_extent(t, start, end, &stop))
		return "a removed member's declaration has no end";
	lines_text(t, start, stop, &text);
	/* Comments and what follows the ';' aside, the lines are the member. */
	strbuf_add_collapsed(&doc, f->doc, strlen(f->doc));
	{
		struct strbuf code = STRBUF_INIT;
		int in_comment = 0;

		for (k = start; k < stop; k++) {
			rst_strip_comments(&t->v[k], &in_comment, &code);
			strbuf_add(&flat, code.buf, code.len);
			strbuf_addch(&flat, ' ');
		}
		strbuf_release(&code);
		strbuf_reset(&text);
		strbuf_add_collapsed(&text, flat.buf, flat.len);
	}
	if (strstr(doc.buf, "{ ... }")) {
		/* A nested struct or union: from its "{" line to "} name;". */
		if (!strchr(text.buf, '{'))
			why = "a removed nested struct is laid out oddly";
	} else if (strcmp(text.buf, doc.buf)) {
		why = "a removed member shares its line with another";
	}
	if (why)
		goto out;
	/* A comment block right above it, about it alone, goes too. */
	if (start > first + 1 && t->v[start - 1].len >= 2 &&
	    !memcmp(t->v[start - 1].s + t->v[start - 1].len - 2, "*/", 2)) {
		size_t c = start - 1;

		while (c > first + 1 && !comment_line(&t->v[c], 1) &&
		       comment_line(&t->v[c], 0))
			c--;
		if (comment_line(&t->v[c], 1) &&
		    (c == first + 1 || rst_line_blank(&t->v[c - 1]) ||
		     opens(&t->v[c - 1])) &&
		    stop < end && (rst_line_blank(&t->v[stop]) ||
				   closes(&t->v[stop])))
			start = c;
	}
	/* No two blank lines where the member was. */
	if (start > first && rst_line_blank(&t->v[start - 1]) && stop < end &&
	    rst_line_blank(&t->v[stop]))
		stop++;
	add_edit(fx, start, stop, member_index(s, f->member));
	strvec_push(&fx->removed, f->member);
out:
	strbuf_release(&text);
	strbuf_release(&flat);
	strbuf_release(&doc);
	return why;
}

/* A changed declaration: the part that differs, in place. */
static const char *change_member(const struct rst_lines *t, size_t end,
				 const struct finding *f,
				 const struct ops_struct *s, struct fix *fx)
{
	struct strbuf text = STRBUF_INIT, doc = STRBUF_INIT, hdr = STRBUF_INIT;
	struct strbuf new = STRBUF_INIT, lead = STRBUF_INIT, hflat = STRBUF_INIT;
	size_t start = f->line - 1, stop, a, b;
	const char *why = NULL, *semi;
	struct edit *e;

	if (strstr(f->doc, "{ ... }"))
		return "a nested struct or union changed";
	if (decl_extent(t, start, end, &stop))
		return "a changed member's declaration has no end";
	lines_text(t, start, stop, &text);
	/* The declaration: from its first character through its ';'. */
	a = rst_line_lead(&t->v[start]);
	semi = memrchr(text.buf, ';', text.len);
	b = semi - text.buf + 1;
	if (memmem(text.buf + a, b - a, "/*", 2) || memmem(text.buf + a, b - a, "//", 2)) {
		why = "a comment inside a changed declaration";
		goto out;
	}
	strbuf_add_collapsed(&doc, f->doc, strlen(f->doc));
	strbuf_add_collapsed(&hflat, f->header, strlen(f->header));
	styled(hflat.buf, doc.buf, &hdr);
	strbuf_add(&new, text.buf, a);
	if (change_in_place(text.buf + a, b - a, doc.buf, hdr.buf, &new)) {
		why = "a changed declaration is spelled unlike its parse";
		goto out;
	}
	/*
	 * A longer declaration (a renamed member) keeps the column of the
	 * comment after it, taking the spaces it needs, one left.
	 */
	if (new.len > b) {
		size_t grow = new.len - b, sp = 0;

		while (b + sp < text.len && text.buf[b + sp] == ' ')
			sp++;
		if (sp > 1 && b + sp < text.len && text.buf[b + sp] == '/')
			b += grow < sp ? grow : sp - 1;
	}
	strbuf_add(&new, text.buf + b, text.len - b);
	e = add_edit(fx, start, stop, member_index(s, f->member));
	if (fits(new.buf, widest(t, start, stop))) {
		strbuf_add(&e->text, new.buf, new.len);
	} else {
		lead_of(&t->v[start], &lead);
		if ((stop - start > 1 &&
		     !proto_add_as_laid_out(&e->text, hdr.buf, t, start, stop)) ||
		    (stop - start == 1 && text.len == b + 1 &&
		     !wrap_callback(lead.buf, hdr.buf, &e->text)))
			goto out;
		fx->ne--;
		strbuf_release(&e->text);
		why = "a changed declaration does not fit in 80 columns";
	}
out:
	strbuf_release(&text);
	strbuf_release(&doc);
	strbuf_release(&hdr);
	strbuf_release(&new);
	strbuf_release(&lead);
	strbuf_release(&hflat);
	return why;
}

/*
 * The start of the declarator that declares name (a path's last part) in
 * s: the name, with the '*'s before it. NULL when s does not have it.
 */
static const char *declarator(const char *s, size_t n, const char *path)
{
	const char *name = strrchr(path, '.'), *p;
	size_t len;

	name = name ? name + 1 : path;
	len = strlen(name);
	for (p = s; p + len <= s + n && (p = memmem(p, s + n - p, name, len));
	     p += len) {
		if ((p > s && is_ident(p[-1])) || is_ident(p[len]))
			continue;
		while (p > s && p[-1] == '*')
			p--;
		return p > s && (p[-1] == ' ' || p[-1] == '\t') ? p : NULL;
	}
	return NULL;
}

/*
 * decl appended (after the line's indentation, already in out) with its
 * name in the column where the style line has its own, when that line
 * lines its names up ("__u32   str_off;", "struct module\t\t*owner;"):
 * with tabs if it does so with tabs. 0, or -1 when it does not line up.
 */
static int aligned(const struct rst_line *style, const char *decl,
		   const char *path, struct strbuf *out)
{
	const char *sn, *dn, *ws;
	struct strbuf code = STRBUF_INIT;
	size_t target, col, len = strlen(decl);
	int in_comment = 0, tabs;

	rst_strip_comments(style, &in_comment, &code);
	/* The style line's own name: its last identifier before ';' or '['. */
	{
		const char *e = code.buf + strcspn(code.buf, ";[:=");

		while (e > code.buf && !is_ident(e[-1]))
			e--;
		sn = e;
		while (sn > code.buf && is_ident(sn[-1]))
			sn--;
		while (sn > code.buf && sn[-1] == '*')
			sn--;
	}
	for (ws = sn; ws > code.buf && (ws[-1] == ' ' || ws[-1] == '\t'); ws--)
		;
	dn = declarator(decl, len, path);
	if (!dn || ws == sn || ws == code.buf || (sn - ws == 1 && *ws == ' ')) {
		strbuf_release(&code);
		return -1;
	}
	tabs = memchr(ws, '\t', sn - ws) != NULL;
	target = rst_columns(code.buf, sn - code.buf);
	strbuf_add(out, decl, dn - decl);
	strbuf_rtrim(out);
	col = rst_columns(out->buf, out->len);
	if (col >= target) {
		strbuf_addch(out, ' ');
	} else {
		while (tabs && (col / 8 + 1) * 8 <= target) {
			strbuf_addch(out, '\t');
			col = (col / 8 + 1) * 8;
		}
		for (; col < target; col++)
			strbuf_addch(out, ' ');
	}
	strbuf_adds(out, dn);
	strbuf_release(&code);
	return 0;
}

/* A missing member: after the one before it in the header, in its indent. */
static const char *add_member(const struct rst_lines *t, size_t first,
			      size_t end, const struct doc_listing *l,
			      const struct finding *f, const struct ops_struct *s,
			      struct fix *fx)
{
	const struct member *m = find_member_by_name(s, f->member), *p;
	const char *dot = strrchr(f->member, '.');
	size_t plen = dot ? (size_t)(dot - f->member) + 1 : 0, at, k;
	struct strbuf lead = STRBUF_INIT, decl = STRBUF_INIT;
	struct edit *e;
	long line = -1;

	k = 0;
	if (!m)
		return "a missing member is not in the model";
	if (m->kind == MEMBER_STRUCT || m->kind == MEMBER_UNION ||
	    strchr(f->header, '{'))
		return "a missing member is a nested struct or union";
	/* "__SYSFS_FUNCTION_ALTERNATIVE(...)": no declaration to copy. */
	if (!declarator(f->header, strlen(f->header), f->member) &&
	    !strstr(f->header, "(*"))
		return "the header makes a missing member with a macro";
	/* The member before it, at its level, that the listing has. */
	for (p = m; line < 0 && p-- > s->members; ) {
		const char *pdot = strrchr(p->name, '.');
		size_t pl = pdot ? (size_t)(pdot - p->name) + 1 : 0;

		if (pl != plen || strncmp(p->name, f->member, plen) ||
		    !*(p->name + pl))
			continue;
		line = member_line(t, first + l->wrapped, end, p->name);
	}
	if (line >= 0) {
		size_t stop;

		if (decl_extent(t, line, end, &stop))
			return "the member before a missing one has no end";
		if (opens(&t->v[line]))
			return "the member before a missing one opens a block";
		at = stop;
		lead_of(&t->v[line], &lead);
	} else {
		if (plen || !l->wrapped)
			return "no member before a missing one to place it after";
		at = first + 1;
		for (k = at; k < end && (rst_line_blank(&t->v[k]) ||
					 comment_line(&t->v[k], 1)); k++)
			;
		if (k >= end || closes(&t->v[k]))
			return "an empty listing";
		lead_of(&t->v[k], &lead);
	}
	strbuf_add_collapsed(&decl, f->header, strlen(f->header));
	e = add_edit(fx, at, at, (size_t)(m - s->members));
	strbuf_adds(&e->text, lead.buf);
	if (m->kind == MEMBER_CALLBACK ||
	    aligned(&t->v[line >= 0 ? (size_t)line : k], decl.buf, m->name, &e->text))
		strbuf_adds(&e->text, decl.buf);
	strbuf_addch(&e->text, '\n');
	if (!fits(e->text.buf, 80)) {
		strbuf_reset(&e->text);
		if (m->kind != MEMBER_CALLBACK ||
		    wrap_callback(lead.buf, decl.buf, &e->text)) {
			strbuf_release(&e->text);
			fx->ne--;
			strbuf_release(&lead);
			strbuf_release(&decl);
			return "a missing member does not fit in 80 columns";
		}
	}
	strbuf_release(&lead);
	strbuf_release(&decl);
	return NULL;
}

static int edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* An insertion before a change of the same line. */
	if ((x->start == x->end) != (y->start == y->end))
		return x->start == x->end ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The edits of one listing, or fx->skip. */
static void fix_listing(const struct check_run *cr, const struct rst_lines *t,
			const struct findings *fs, struct fix *fx)
{
	const struct doc_listing *l = &cr->ls.v[fx->listing];
	const struct ops_struct *s = find_struct_by_name(&cr->api, l->struct_name);
	struct strvec done = STRVEC_INIT;
	size_t first, end, i, k;

	/* Compared with another arch's definition: that one's members. */
	for (i = 0; i < fs->n; i++) {
		if (!finding_of(&fs->v[i], l) || !fs->v[i].arch)
			continue;
		for (k = 0; k < fs->nr_models; k++) {
			const struct ops_struct *a = find_struct_by_name(&fs->models[k],
									 l->struct_name);

			if (a && a->file && !strcmp(a->file, fs->v[i].header_file))
				s = a;
		}
		break;
	}

	listing_range(l, &first, &end);
	strvec_init(&done);
	if (!s || end > t->n) {
		fx->skip = "its struct is not in the model";
		return;
	}
	if (rst_in_program(t, first, end, 1)) {
		fx->skip = "it is part of an example program";
		return;
	}
	/* "7 struct rcu_segcblist {": check reads it without the numbers. */
	if (isdigit((unsigned char)t->v[first].s[rst_line_lead(&t->v[first])])) {
		fx->skip = "its lines are numbered";
		return;
	}
	for (i = 0; i < fs->n && !fx->skip; i++) {
		const struct finding *f = &fs->v[i];
		const char *dot;
		size_t k;

		if (!finding_of(f, l) || !fixable(f->class) || !f->member)
			continue;
		/* A member of a nested struct that goes whole goes with it. */
		for (k = 0, dot = NULL; k < done.nr && !dot; k++) {
			size_t n = strlen(done.v[k]);

			if (!strncmp(f->member, done.v[k], n) && f->member[n] == '.')
				dot = f->member;
		}
		if (dot)
			continue;
		switch (f->class) {
		case FINDING_REMOVED_MEMBER:
			fx->skip = remove_member(t, first, end, f, s, fx);
			strvec_push(&done, f->member);
			break;
		case FINDING_MISSING_MEMBER:
			fx->skip = add_member(t, first, end, l, f, s, fx);
			break;
		default:
			fx->skip = change_member(t, end, f, s, fx);
			break;
		}
	}
	strvec_release(&done);
	if (fx->skip)
		return;
	qsort(fx->e, fx->ne, sizeof(*fx->e), edit_cmp);
	for (i = 1; i < fx->ne; i++)
		if (fx->e[i].start < fx->e[i - 1].end)
			fx->skip = "two of its edits overlap";
}

/* The document text with the edits of the fixes (in line order) made. */
static void apply_edits(const char *text, size_t len, const struct rst_lines *t,
			struct edit **v, size_t n, struct strbuf *out)
{
	size_t at = 0, i;

	for (i = 0; i < n; i++) {
		size_t a = v[i]->start < t->n ? rst_offset(text, t, v[i]->start) : len;
		size_t b = v[i]->end < t->n ? rst_offset(text, t, v[i]->end) : len;

		if (a < at)
			continue;
		strbuf_add(out, text + at, a - at);
		/* An edit after a last line without its newline. */
		if (a == len && len && text[len - 1] != '\n')
			strbuf_addch(out, '\n');
		strbuf_add(out, v[i]->text.buf, v[i]->text.len);
		at = b;
	}
	strbuf_add(out, text + at, len - at);
}

static int edit_ptr_cmp(const void *a, const void *b)
{
	const struct edit *x = *(struct edit *const *)a, *y = *(struct edit *const *)b;

	return edit_cmp(x, y);
}

/* The lines of prose in a document that name a removed member. */
static void prose_naming(const struct check_run *cr, const struct rst_lines *t,
			 const char *file, const char *path, struct strbuf *lines)
{
	const char *name = strrchr(path, '.');
	size_t i, k, n, first, end;

	name = name ? name + 1 : path;
	n = strlen(name);
	for (i = 0; i < t->n; i++) {
		const struct rst_line *l = &t->v[i];
		int inside = 0, ticks = 0;

		for (k = 0; k < cr->ls.n && !inside; k++) {
			if (strcmp(cr->ls.v[k].file, file))
				continue;
			listing_range(&cr->ls.v[k], &first, &end);
			inside = i >= first && i < end;
		}
		if (inside)
			continue;
		for (k = 0; k + n <= l->len; k++) {
			const char *p = l->s + k;
			int word;

			if (k + 1 < l->len && p[0] == '`' && p[1] == '`') {
				ticks = !ticks;
				k++;
				continue;
			}
			word = !memcmp(p, name, n) && (!k || !is_ident(p[-1])) &&
			       (k + n == l->len || !is_ident(p[n]));
			if (word && (ticks || (k >= 2 && p[-1] == '>' && p[-2] == '-') ||
				     (k + n + 1 < l->len && p[n] == '(' && p[n + 1] == ')'))) {
				strbuf_addf(lines, "%s%zu", lines->len ? ", " : "", i + 1);
				break;
			}
		}
	}
}

static void add_skip(struct listing_fixes *lf, const struct doc_listing *l,
		     const char *reason)
{
	struct listing_skip *s;

	lf->skips = xrealloc(lf->skips, (lf->nr_skips + 1) * sizeof(*lf->skips));
	s = &lf->skips[lf->nr_skips++];
	s->file = xstrdup(l->file);
	s->line = l->line;
	s->struct_name = xstrdup(l->struct_name);
	s->reason = xstrdup(reason);
}

/* Is the document one that opsdoc series rewrites whole? */
static int rewritten(const char *file)
{
	size_t i;

	for (i = 0; rewritten_docs[i]; i++)
		if (!strcmp(rewritten_docs[i], file))
			return 1;
	return 0;
}

/* The fixes of the listings, each with its edits or a reason to skip it. */
static void plan_fixes(const struct check_run *cr, const struct strvec *failed,
		       struct listing_fixes *lf, struct fix **out, size_t *nr)
{
	const struct findings *fs = &cr->fs;
	struct strbuf key = STRBUF_INIT;
	struct rst_lines t = { NULL, 0 };
	size_t i, k, d = (size_t)-1;

	*out = NULL;
	*nr = 0;
	for (i = 0; i < cr->ls.n; i++) {
		const struct doc_listing *l = &cr->ls.v[i];
		const char *why = NULL;
		int any = 0, block = 0;
		struct fix *fx;

		for (k = 0; k < fs->n; k++) {
			if (!finding_of(&fs->v[k], l))
				continue;
			any |= fixable(fs->v[k].class);
			block |= blocking(fs->v[k].class);
		}
		if (!any)
			continue;
		if (strstr(l->file, "/translations/")) {
			lf->translations++;
			continue;
		}
		strbuf_reset(&key);
		strbuf_addf(&key, "%s:%u", l->file, l->line);
		if (l->ellipsis || l->part)
			why = "an excerpt, not a full listing";
		else if (rewritten(l->file))
			why = "opsdoc series rewrites this document";
		else if (block)
			why = "it does not parse as the header's struct";
		else if (strvec_find(failed, key.buf) >= 0)
			why = "its edit does not clear check's findings";
		if (why) {
			add_skip(lf, l, why);
			continue;
		}
		for (k = 0; k < cr->docs.files.nr; k++) {
			const char *p = cr->docs.files.v[k];
			size_t n = strlen(p), m = strlen(l->file);

			if (n >= m && !strcmp(p + n - m, l->file) &&
			    (n == m || p[n - m - 1] == '/'))
				break;
		}
		if (k == cr->docs.files.nr) {
			add_skip(lf, l, "its document was not read");
			continue;
		}
		if (k != d) {
			free(t.v);
			d = k;
			rst_split_lines(cr->docs.texts[d].buf, cr->docs.texts[d].len, &t);
		}
		*out = xrealloc(*out, (*nr + 1) * sizeof(**out));
		fx = &(*out)[(*nr)++];
		memset(fx, 0, sizeof(*fx));
		fx->listing = i;
		fx->doc = d;
		strvec_init(&fx->removed);
		fix_listing(cr, &t, fs, fx);
		if (fx->skip)
			add_skip(lf, l, fx->skip);
	}
	free(t.v);
	strbuf_release(&key);
}

static void fixes_release(struct fix *v, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i].ne; k++)
			strbuf_release(&v[i].e[k].text);
		free(v[i].e);
		strvec_release(&v[i].removed);
	}
	free(v);
}

/* The documents' steps: per document, or per struct where it has many. */
static void make_steps(const struct check_run *cr, struct fix *fx, size_t nfx,
		       struct listing_fixes *lf)
{
	struct rewrites *r = &lf->r;
	struct strvec structs = STRVEC_INIT;
	struct strbuf next = STRBUF_INIT, lines = STRBUF_INIT, sb = STRBUF_INIT;
	struct edit **v = NULL;
	struct rst_lines t;
	size_t i, k, j, s, nv;

	lf->nr_fixed = 0;
	for (i = 0; i < nfx; i = k) {
		const char *file = cr->ls.v[fx[i].listing].file;
		const struct strbuf *orig = &cr->docs.texts[fx[i].doc];
		struct rewrite_doc *doc;
		size_t d;

		for (k = i; k < nfx && fx[k].doc == fx[i].doc; k++)
			;
		strvec_release(&structs);
		strvec_init(&structs);
		for (j = i; j < k; j++)
			if (!fx[j].skip)
				strvec_push_unique(&structs, cr->ls.v[fx[j].listing].struct_name);
		if (!structs.nr)
			continue;
		d = r->nr_docs++;
		r->docs = xrealloc(r->docs, r->nr_docs * sizeof(*r->docs));
		doc = &r->docs[d];
		doc->rel = xstrdup(file);
		doc->path = xstrdup(cr->docs.files.v[fx[i].doc]);
		strbuf_init(&doc->orig);
		strbuf_add(&doc->orig, orig->buf, orig->len);
		strbuf_init(&doc->text);
		strbuf_add(&doc->text, orig->buf, orig->len);
		rst_split_lines(orig->buf, orig->len, &t);
		for (s = 0; s < structs.nr; s++) {
			size_t before = r->nr_steps;

			nv = 0;
			strbuf_reset(&lines);
			for (j = i; j < k; j++) {
				const struct doc_listing *l = &cr->ls.v[fx[j].listing];
				size_t e, g;

				if (fx[j].skip)
					continue;
				for (g = 0; g <= s; g++)
					if (!strcmp(l->struct_name, structs.v[g]))
						break;
				if (g > s)
					continue;
				v = xrealloc(v, (nv + fx[j].ne + 1) * sizeof(*v));
				for (e = 0; e < fx[j].ne; e++)
					v[nv++] = &fx[j].e[e];
			}
			qsort(v, nv, sizeof(*v), edit_ptr_cmp);
			strbuf_init(&next);
			apply_edits(orig->buf, orig->len, &t, v, nv, &next);
			rewrite_add_step(r, d, REWRITE_LISTINGS, structs.v[s], &next);
			if (r->nr_steps == before)
				continue;
			lf->notes = xrealloc(lf->notes, r->nr_steps * sizeof(*lf->notes));
			strvec_init(&lf->notes[before]);
			lf->nr_notes = r->nr_steps;
			for (j = i; j < k; j++) {
				const struct doc_listing *l = &cr->ls.v[fx[j].listing];
				size_t e;

				if (fx[j].skip || strcmp(l->struct_name, structs.v[s]))
					continue;
				lf->nr_fixed++;
				for (e = 0; e < fx[j].removed.nr; e++) {
					const char *m = fx[j].removed.v[e];

					strbuf_reset(&lines);
					prose_naming(cr, &t, file, m, &lines);
					if (!lines.len)
						continue;
					strbuf_reset(&sb);
					strbuf_addf(&sb, "The text of %s still names %s "
						    "(line%s %s), which struct %s does "
						    "not have; this patch leaves the "
						    "prose as it is.", strrchr(file, '/') + 1,
						    m, strchr(lines.buf, ',') ? "s" : "",
						    lines.buf, l->struct_name);
					strvec_push_unique(&lf->notes[before], sb.buf);
				}
			}
		}
		free(t.v);
	}
	free(v);
	strvec_release(&structs);
	strbuf_release(&next);
	strbuf_release(&lines);
	strbuf_release(&sb);
}

/*
 * check on the edited documents: the keys ("file:line" as the tree has
 * it) of the fixed listings that still have a finding of their own.
 */
static int verify(const struct ktree *kt, const struct check_run *cr,
		  struct fix *fx, size_t nfx, const struct listing_fixes *lf,
		  struct strvec *failed)
{
	struct docs docs = { STRVEC_INIT, NULL };
	struct doc_listings ls = { 0 };
	struct findings fs = { 0 };
	struct coverages cov = { 0 };
	struct strbuf key = STRBUF_INIT;
	size_t d, i, k, j;
	int ret;

	if (!lf->r.nr_docs)
		return 0;
	strvec_init(&docs.files);
	docs.texts = xcalloc(lf->r.nr_docs + 1, sizeof(*docs.texts));
	for (d = 0; d < lf->r.nr_docs; d++) {
		strvec_push(&docs.files, lf->r.docs[d].path);
		strbuf_init(&docs.texts[d]);
		strbuf_add(&docs.texts[d], lf->r.docs[d].text.buf, lf->r.docs[d].text.len);
	}
	ret = check_docs(kt, &cr->api, &docs, &cr->headers, NULL, &ls, &fs, &cov);
	if (ret)
		goto out;
	/* The n-th listing of a document is the n-th after the edit. */
	for (i = 0; i < nfx; i++) {
		const struct doc_listing *l = &cr->ls.v[fx[i].listing];
		size_t nth = 0, seen = 0;

		if (fx[i].skip)
			continue;
		for (k = 0; k < fx[i].listing; k++)
			nth += !strcmp(cr->ls.v[k].file, l->file);
		for (k = 0; k < ls.n; k++) {
			if (strcmp(ls.v[k].file, l->file) || seen++ != nth)
				continue;
			for (j = 0; j < fs.n; j++)
				if (finding_of(&fs.v[j], &ls.v[k]) &&
				    (fixable(fs.v[j].class) || blocking(fs.v[j].class)))
					break;
			if (j == fs.n && !strcmp(ls.v[k].struct_name, l->struct_name))
				break;
			strbuf_reset(&key);
			strbuf_addf(&key, "%s:%u", l->file, l->line);
			strvec_push(failed, key.buf);
			break;
		}
	}
out:
	coverages_release(&cov);
	findings_release(&fs);
	doc_listings_release(&ls);
	docs_release(&docs);
	strbuf_release(&key);
	return ret;
}

static void steps_release(struct listing_fixes *lf)
{
	size_t i;

	for (i = 0; i < lf->nr_notes; i++)
		strvec_release(&lf->notes[i]);
	free(lf->notes);
	lf->notes = NULL;
	lf->nr_notes = 0;
	rewrites_release(&lf->r);
	for (i = 0; i < lf->nr_skips; i++) {
		free(lf->skips[i].file);
		free(lf->skips[i].struct_name);
		free(lf->skips[i].reason);
	}
	free(lf->skips);
	lf->skips = NULL;
	lf->nr_skips = 0;
	lf->translations = 0;
	lf->nr_fixed = 0;
}

int listing_fixes_make(const struct ktree *kt, const struct check_run *cr,
		       struct listing_fixes *lf)
{
	struct strvec failed = STRVEC_INIT;
	struct fix *fx = NULL;
	size_t nfx = 0, i, before;
	int round, ret = -1;

	memset(lf, 0, sizeof(*lf));
	strvec_init(&failed);
	/* Twice at most: a listing whose edit fails is skipped, then again. */
	for (round = 0; round < 3; round++) {
		steps_release(lf);
		fixes_release(fx, nfx);
		plan_fixes(cr, &failed, lf, &fx, &nfx);
		make_steps(cr, fx, nfx, lf);
		before = failed.nr;
		if (verify(kt, cr, fx, nfx, lf, &failed))
			goto out;
		if (failed.nr == before)
			break;
	}
	if (round == 3) {
		error_at(kt->ksrc, 0, "the listing edits still leave findings "
			 "after %d rounds", round);
		goto out;
	}
	for (i = 0; i < lf->nr_skips; i++)
		note_at(lf->skips[i].file, lf->skips[i].line, "struct %s: left as "
			"it is: %s", lf->skips[i].struct_name, lf->skips[i].reason);
	ret = 0;
out:
	fixes_release(fx, nfx);
	strvec_release(&failed);
	return ret;
}

void listing_fixes_cover(const struct listing_fixes *lf,
			 const struct rewrites *r, const struct series_tree *t,
			 struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	struct strvec docs = STRVEC_INIT;
	size_t i, n = 0;

	strvec_init(&docs);
	for (i = 0; i < t->nr_steps; i++)
		strvec_push_unique(&docs, r->docs[r->steps[t->steps[i]].doc].rel);
	for (i = 0; i < lf->nr_skips; i++) {
		if (strvec_find(&docs, lf->skips[i].file) < 0)
			continue;
		if (!n++) {
			strbuf_add_wrapped(out, "These listings in the same "
					   "documents have findings too, and are "
					   "left as they are:", 72, "", "");
			strbuf_addch(out, '\n');
		}
		strbuf_reset(&sb);
		strbuf_addf(&sb, "struct %s in %s (line %u): %s.",
			    lf->skips[i].struct_name, lf->skips[i].file,
			    lf->skips[i].line, lf->skips[i].reason);
		strbuf_add_wrapped(out, sb.buf, 72, "- ", "  ");
	}
	if (n)
		strbuf_addch(out, '\n');
	strbuf_add_wrapped(out, "The translations under Documentation/translations "
			   "are left out: they follow the English text.", 72, "", "");
	strbuf_release(&sb);
	strvec_release(&docs);
}

static void strvec_merge(struct strvec *into, struct strvec *from)
{
	size_t i;

	for (i = 0; i < from->nr; i++)
		strvec_push_unique(into, from->v[i]);
	strvec_release(from);
}

void listing_step_change(const struct rewrites *r, size_t step,
			 struct step_change *c)
{
	const char *name = r->steps[step].struct_name;
	size_t i;

	if (!name)
		return;
	for (i = 0; i < c->nr_structs; i++) {
		free(c->structs[i].name);
		c->structs[i].name = xstrdup(name);
	}
	/* One struct_change for the struct, its sections' changes merged. */
	for (i = 1; i < c->nr_structs; i++) {
		struct struct_change *a = &c->structs[0], *b = &c->structs[i];

		strvec_merge(&a->added, &b->added);
		strvec_merge(&a->gone, &b->gone);
		strvec_merge(&a->protos, &b->protos);
		strvec_merge(&a->desc_added, &b->desc_added);
		strvec_merge(&a->desc_rewritten, &b->desc_rewritten);
		strvec_merge(&a->desc_dropped, &b->desc_dropped);
		strvec_merge(&a->rows_added, &b->rows_added);
		strvec_merge(&a->rows_gone, &b->rows_gone);
		strvec_merge(&a->rows_changed, &b->rows_changed);
		strvec_merge(&a->stamps, &b->stamps);
		free(b->name);
	}
	if (c->nr_structs > 1)
		c->nr_structs = 1;
}

void listing_fixes_release(struct listing_fixes *lf)
{
	steps_release(lf);
	memset(lf, 0, sizeof(*lf));
}
