// SPDX-License-Identifier: GPL-2.0
/*
 * doc_vfs.c - vfs.rst: splice regenerated "struct NAME" sections into the
 * document.
 *
 * Every section titled "struct NAME" for a struct the model has is
 * regenerated; a section runs from its heading to the next heading. Inside
 * it three parts change: an "As of kernel X.Y" stamp goes, the body of the
 * first code block becomes the header's own text of the struct (inserted
 * before the first description when the section has no listing), and the
 * run of member descriptions (````name```` followed by an indented body)
 * follows the model: existing entries keep their place and words (unless
 * templates/members/corrections says they are wrong), new ones go where
 * the header's order puts them. Everything else is copied byte for byte.
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
#include "series_diff.h"
#include "strvec.h"
#include "util.h"

struct upstream_entry {
	char name[64];
	size_t first, last;	/* body lines */
	int misspelt;		/* its heading names no member; name is the fix */
};

/*
 * Fill the line of out that holds offset at from the line after it, word
 * by word, while it keeps to width columns; the next line goes when it
 * is emptied. Only a line of a paragraph's text (not indented) is filled.
 */
static void fill_line(struct strbuf *out, size_t at, size_t width)
{
	struct strbuf next = STRBUF_INIT;
	size_t ls = at, le, ns, ne, w;

	while (ls > 0 && out->buf[ls - 1] != '\n')
		ls--;
	le = at + strcspn(out->buf + at, "\n");
	if (le >= out->len || out->buf[ls] == ' ' || out->buf[ls] == '\t')
		return;
	ns = le + 1;
	ne = ns + strcspn(out->buf + ns, "\n");
	if (ne == ns || out->buf[ns] == ' ' || out->buf[ns] == '\t')
		return;
	strbuf_add(&next, out->buf, le);
	w = le - ls;
	while (ns < ne) {
		size_t n = strcspn(out->buf + ns, " \n");

		if (w + 1 + n > width)
			break;
		strbuf_addch(&next, ' ');
		strbuf_add(&next, out->buf + ns, n);
		w += 1 + n;
		ns += n;
		ns += strspn(out->buf + ns, " ");
	}
	if (ns < ne || ne < out->len)
		strbuf_addch(&next, '\n');
	if (ns >= ne)
		ns = ne + (ne < out->len);
	strbuf_add(&next, out->buf + ns, out->len - ns);
	strbuf_reset(out);
	strbuf_add(out, next.buf, next.len);
	strbuf_release(&next);
}

/*
 * Drop the stamp in "As of kernel X.Y, the following members are defined"
 * (the words may wrap): "The following members are defined". A version
 * written into the text goes stale; the listing is the header's own. When
 * the words removed held the line break, it stays after the word that
 * now opens the sentence, so that no line grows.
 */
static void add_without_stamp(struct strbuf *out, const char *s, size_t n)
{
	static const char key[] = "As of kernel";
	const char *p = s, *end = s + n, *hit;
	size_t mark = 0;

	while ((hit = memmem(p, end - p, key, sizeof(key) - 1)) != NULL) {
		const char *v = hit + sizeof(key) - 1, *ws;
		int newline = 0;

		for (ws = v; v < end && isspace((unsigned char)*v); v++)
			newline |= *v == '\n';
		if (v == ws || v == end || !isdigit((unsigned char)*v))
			goto keep;
		while (v < end && (isdigit((unsigned char)*v) || *v == '.'))
			v++;
		if (v == end || *v++ != ',')
			goto keep;
		for (ws = v; v < end && isspace((unsigned char)*v); v++)
			newline |= *v == '\n';
		if (v == ws || v == end || !islower((unsigned char)*v))
			goto keep;
		strbuf_add(out, p, hit - p);
		strbuf_addch(out, toupper((unsigned char)*v));
		for (v++; v < end && !isspace((unsigned char)*v); v++)
			strbuf_addch(out, *v);
		if (newline) {
			strbuf_addch(out, '\n');
			while (v < end && *v == ' ')
				v++;
		}
		p = v;
		/* The sentence is shorter now: fill its line again. */
		mark = out->len - newline;
		continue;
keep:
		strbuf_add(out, p, hit + sizeof(key) - 1 - p);
		p = hit + sizeof(key) - 1;
	}
	strbuf_add(out, p, end - p);
	if (mark)
		fill_line(out, mark, 72);
}

/* A section of the document that documents a struct of the model. */
struct section {
	const struct ops_struct *st;
	size_t start, end;	/* title line, first line of the next section */
};

/*
 * Every section titled "struct NAME" for a NAME the model has, in document
 * order. Two sections for one struct are an error.
 */
static int find_sections(const char *path, const struct api *api,
			 const struct rst_lines *ls, struct section **out,
			 size_t *n)
{
	size_t i, k;

	*out = NULL;
	*n = 0;
	for (i = 0; i < ls->n; i++) {
		const struct rst_line *l = &ls->v[i];
		const struct ops_struct *st;
		char name[128];

		if (l->len < 8 || l->len - 7 >= sizeof(name) ||
		    memcmp(l->s, "struct ", 7) || !rst_line_title(ls, i))
			continue;
		memcpy(name, l->s + 7, l->len - 7);
		name[l->len - 7] = '\0';
		st = find_struct_by_name(api, name);
		/* "struct xattr_handlers": a title may name the plural. */
		if ((!st || !st->present) && l->len > 8 && name[l->len - 8] == 's') {
			name[l->len - 8] = '\0';
			st = find_struct_by_name(api, name);
		}
		if (!st || !st->present || !st->source)
			continue;
		for (k = 0; k < *n; k++) {
			if ((*out)[k].st != st)
				continue;
			error_at(path, i + 1, "a second \"struct %s\" section (the "
				 "first is at line %zu); keep one", name,
				 (*out)[k].start + 1);
			free(*out);
			*out = NULL;
			return -1;
		}
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[*n].st = st;
		(*out)[*n].start = i;
		(*out)[*n].end = rst_section_end(ls, i);
		(*n)++;
	}
	return 0;
}

int member_list_reason(const char *templates_dir, const char *file,
		       const char *key, struct strbuf *why, int *same)
{
	static const char cont[] = " (same paragraph):";
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	size_t n = strlen(key);
	const char *p, *c = NULL;

	if (same)
		*same = 0;
	strbuf_addf(&path, "%s/%s", templates_dir, file);
	if (!strbuf_read_file(&text, path.buf))
		for (p = text.buf; !c && *p; p = strchrnul(p, '\n'), p += !!*p) {
			if (strncmp(p, key, n))
				continue;
			if (p[n] == ':')
				c = p + n + 1;
			else if (!strncmp(p + n, cont, sizeof(cont) - 1))
				c = p + n + sizeof(cont) - 1;
			if (c && same)
				*same = p[n] != ':';
		}
	if (c && why) {
		c += strspn(c, " ");
		strbuf_reset(why);
		strbuf_add(why, c, strchrnul(c, '\n') - c);
	}
	strbuf_release(&path);
	strbuf_release(&text);
	return c != NULL;
}

/*
 * Does templates/members/corrections list STRUCT.MEMBER: is our template
 * to replace upstream's words, which are wrong?
 */
static int corrects(const char *templates_dir, const char *st, const char *m)
{
	struct strbuf key = STRBUF_INIT;
	int found;

	strbuf_addf(&key, "%s.%s", st, m);
	found = member_list_reason(templates_dir, "members/corrections", key.buf,
				   NULL, NULL);
	strbuf_release(&key);
	return found;
}

/*
 * Does templates/members/additions list STRUCT.MEMBER: is our template
 * added to upstream's words, which lack a fact but are not wrong? *same:
 * it continues upstream's last paragraph rather than opening one.
 */
static int adds(const char *templates_dir, const char *st, const char *m,
		int *same)
{
	struct strbuf key = STRBUF_INIT;
	int found;

	strbuf_addf(&key, "%s.%s", st, m);
	found = member_list_reason(templates_dir, "members/additions", key.buf,
				   NULL, same);
	strbuf_release(&key);
	return found;
}

/* Has upstream a description of member m (a term with a body)? */
static int upstream_has(const struct upstream_entry *up, size_t nr_up,
			const char *name)
{
	size_t i;

	for (i = 0; i < nr_up; i++)
		if (!strcmp(up[i].name, name) && up[i].last >= up[i].first)
			return 1;
	return 0;
}

/*
 * Append our addition from the template at path to an upstream entry
 * whose body opens with line first: in the body's indentation, as a
 * paragraph of its own, or continuing the last one when same. A
 * "requires" that this tree does not meet, with no body, adds nothing.
 */
static int add_addition(const struct expand_env *env, const char *path,
			const struct rst_line *first, int same,
			struct strbuf *out)
{
	struct strbuf indent = STRBUF_INIT, add = STRBUF_INIT;
	size_t i;
	int ret;

	strbuf_add(&indent, first->s, strspn(first->s, " \t"));
	ret = expand_template(env, path, indent.buf, 0, &add);
	if (ret == RST_STOP)
		ret = 0;
	for (i = 0; !ret && i < add.len && add.buf[i] == '\n'; i++)
		;
	if (!ret && i < add.len) {
		if (!same)
			strbuf_addch(out, '\n');
		strbuf_add(out, add.buf + i, add.len - i);
		strbuf_rtrim(out);
		strbuf_addch(out, '\n');
	}
	strbuf_release(&indent);
	strbuf_release(&add);
	return ret;
}

/*
 * The description of member m: upstream's, unless templates/members/
 * corrections says it is wrong; our template where upstream has none or
 * is wrong; else none.
 */
static int add_entry(const struct expand_env *env, const char *templates_dir,
		     const struct ops_struct *st, const struct member *m,
		     const struct rst_lines *ls, const struct upstream_entry *up,
		     size_t nr_up, struct strbuf *out, int *described,
		     size_t *gap)
{
	struct strbuf path = STRBUF_INIT;
	struct stat sb;
	size_t i;
	int ret = 0, same;

	*described = 1;
	*gap = 1;
	strbuf_addf(&path, "%s/members/%s/%s.md", templates_dir, st->name,
		    m->name);
	if (!stat(path.buf, &sb) && (!upstream_has(up, nr_up, m->name) ||
				     corrects(templates_dir, st->name, m->name))) {
		size_t mark = out->len;

		strbuf_addf(out, "``%s``\n", m->name);
		ret = expand_template(env, path.buf, "\t", 0, out);
		if (ret != RST_STOP)
			goto out;
		/*
		 * A "requires" that this tree does not meet: its body is the
		 * description here; with no body, the template does not apply
		 * and upstream's text stands.
		 */
		ret = 0;
		for (i = mark + strlen(m->name) + 5; i < out->len; i++)
			if (!isspace((unsigned char)out->buf[i]))
				goto out;
		out->len = mark;
		out->buf[mark] = '\0';
	}
	for (i = 0; i < nr_up; i++) {
		/* A term with no body describes nothing. */
		if (strcmp(up[i].name, m->name) || up[i].last < up[i].first)
			continue;
		/* The blank lines before it, as upstream had them. */
		for (*gap = 0; up[i].first >= 2 + *gap &&
		     rst_line_blank(&ls->v[up[i].first - 2 - *gap]); (*gap)++)
			;
		/* The term line as upstream wrote it ("``name``:" too). */
		if (up[i].misspelt) {
			const struct rst_line *t = &ls->v[up[i].first - 1];

			strbuf_addf(out, "``%s``%s\n", up[i].name,
				    t->s[t->len - 1] == ':' ? ":" : "");
		} else {
			strbuf_add(out, ls->v[up[i].first - 1].s,
				   ls->v[up[i].first - 1].len);
			strbuf_addch(out, '\n');
		}
		strbuf_add(out, ls->v[up[i].first].s,
			   ls->v[up[i].last].s + ls->v[up[i].last].len -
			   ls->v[up[i].first].s);
		strbuf_addch(out, '\n');
		if (!stat(path.buf, &sb) && adds(templates_dir, st->name, m->name,
						 &same))
			ret = add_addition(env, path.buf, &ls->v[up[i].first],
					   same, out);
		goto out;
	}
	*described = 0;
out:
	strbuf_release(&path);
	return ret;
}

/*
 * The code block of the listing, from the section's title: its directive
 * (or "::") line, and its body [*first, *end). 0 when the section has none
 * before its first description term.
 */
static size_t find_listing(const struct rst_lines *ls, size_t start, size_t end,
			   size_t *first, size_t *body_end)
{
	size_t i, code = 0;
	char name[64];

	for (i = start + 2; i < end && !code; i++) {
		const struct rst_line *l = &ls->v[i];

		if (rst_line_term(l, name, sizeof(name)))
			return 0;
		if (!rst_line_indent(l) && l->len >= 2 &&
		    ((l->len >= 15 && !memcmp(l->s, ".. code-block::", 15)) ||
		     !memcmp(l->s + l->len - 2, "::", 2)))
			code = i;
	}
	if (!code)
		return 0;
	*first = code + 1;
	for (i = *first; i < end; i++)
		if (!rst_line_blank(&ls->v[i]) && !(rst_line_indent(&ls->v[i]) > 0))
			break;
	while (i > *first && rst_line_blank(&ls->v[i - 1]))
		i--;
	*body_end = i;
	return code;
}

/*
 * The member descriptions from line from: every term of the section.
 * Each term's body runs to the next term, so that material between two
 * entries (a code block at column 0 inside an entry) stays with its
 * entry. The last body is the lines indented at least as deep as its
 * first line: a less indented paragraph after it is not part of it.
 */
/* Are lines from..to-1 all blank or indented (one entry's body)? */
static int only_body(const struct rst_lines *ls, size_t from, size_t to)
{
	for (; from < to; from++)
		if (!rst_line_blank(&ls->v[from]) && !rst_line_indent(&ls->v[from]))
			return 0;
	return 1;
}

static size_t find_entries(const struct ops_struct *st, const struct rst_lines *ls,
			   size_t from, size_t end, struct upstream_entry **up,
			   size_t *first_line, size_t *end_line)
{
	size_t i, n = 0, body_indent = 1, last_member = 0;
	char name[64];

	for (i = from; i < end; i++) {
		if (!rst_line_term(&ls->v[i], name, sizeof(name)))
			continue;
		if (!n)
			*first_line = i;
		else
			(*up)[n - 1].last = i - 1;
		*up = xrealloc(*up, (n + 1) * sizeof(**up));
		strcpy((*up)[n].name, name);
		(*up)[n].misspelt = 0;
		(*up)[n].first = i + 1;
		if (find_member_by_name(st, name))
			last_member = n;
		n++;
	}
	if (!n)
		return 0;
	/*
	 * The entries end with the last one that names a member, and the
	 * terms right after it (members the header no longer has); a later
	 * list of other terms is not theirs.
	 */
	for (i = last_member + 1; i < n; i++)
		if (!only_body(ls, (*up)[i - 1].first, (*up)[i].first - 1))
			break;
	n = i;
	for (i = (*up)[n - 1].first; i < end; i++) {
		if (rst_line_blank(&ls->v[i]))
			continue;
		if (body_indent == 1 && rst_line_indent(&ls->v[i]) > 0)
			body_indent = rst_line_indent(&ls->v[i]);
		if (rst_line_indent(&ls->v[i]) < body_indent)
			break;
	}
	(*up)[n - 1].last = i - 1;
	for (i = 0; i < n; i++)
		/* first >= 1: this cannot wrap; a blank body ends below first. */
		while ((*up)[i].last >= (*up)[i].first &&
		       rst_line_blank(&ls->v[(*up)[i].last]))
			(*up)[i].last--;
	*end_line = (*up)[n - 1].last + 1;
	return n;
}

/*
 * A paragraph right after the entries that describes several members at
 * once ("a, b, c: lockdep-specific"), indented but less than the entries'
 * bodies. Every member now has an entry of its own, so it goes. Returns
 * the line after it, or from when there is no such paragraph.
 */
static size_t skip_grouped_note(const struct ops_struct *st,
				const struct rst_lines *ls, size_t from, size_t end)
{
	struct strvec names = STRVEC_INIT;
	size_t i = from, next, k;

	while (i < end && rst_line_blank(&ls->v[i]))
		i++;
	strvec_init(&names);
	next = rst_grouped_note(ls, i, end, &names, NULL);
	for (k = 0; k < names.nr; k++)
		if (!find_member_by_name(st, names.v[k]))
			next = i;
	if (names.nr < 2)
		next = i;
	strvec_release(&names);
	return next == i ? from : next;
}

/* Are the types a and b the same but for an array's bounds? */
static int same_base_type(const char *a, const char *b)
{
	size_t na = a ? strcspn(a, "[") : 0, nb = b ? strcspn(b, "[") : 0;

	return a && b && na == nb && !strncmp(a, b, na);
}

/*
 * The grouped note at lines first..end-1 ("a, b: text"): into group, every
 * member of the type of its first name (the members it speaks for, new
 * ones too), in the header's order; into rest, its text after the colon.
 */
static void note_group(const struct ops_struct *st, const struct rst_lines *ls,
		       size_t first, size_t end, struct strvec *group,
		       struct strbuf *rest, struct strvec *named)
{
	const struct member *m, *lead = NULL;
	size_t i;

	rst_grouped_note(ls, first, end, named, rest);
	for (i = 0; !lead && i < named->nr; i++)
		lead = find_member_by_name(st, named->v[i]);
	for_each_member(st, m)
		if (lead && same_base_type(m->type, lead->type))
			strvec_push(group, m->name);
}

/* Append the grouped note for the names of group, filled to 80 columns. */
static void add_group_note(struct strbuf *out, const struct strvec *group,
			   const char *rest)
{
	size_t i, col = 2;

	strbuf_adds(out, "  ");
	for (i = 0; i < group->nr; i++) {
		size_t w = strlen(group->v[i]) + 1 + (i + 1 == group->nr ? strlen(rest) : 1);

		if (i && col + 1 + w > 80) {
			strbuf_adds(out, "\n  ");
			col = 2;
		} else if (i) {
			strbuf_addch(out, ' ');
			col++;
		}
		strbuf_adds(out, group->v[i]);
		strbuf_adds(out, i + 1 == group->nr ? rest : ",");
		col += w;
	}
	strbuf_addch(out, '\n');
}

/*
 * The order of n members in a rewritten text, into order[]: those the old
 * text had (rank[i] >= 0, their place there) keep their order, and each new
 * one goes right after the member before it in the header, or first.
 * Moving text that did not change is churn to a reviewer.
 */
void doc_keep_order(const long *rank, size_t n, size_t *order)
{
	size_t i, j, k, nr = 0;

	for (i = 0; i < n; i++) {
		if (rank[i] < 0)
			continue;
		for (k = nr; k > 0 && rank[order[k - 1]] > rank[i]; k--)
			order[k] = order[k - 1];
		order[k] = i;
		nr++;
	}
	for (i = 0; i < n; i++) {
		if (rank[i] >= 0)
			continue;
		k = 0;
		if (i > 0)
			for (j = 0; j < nr; j++)
				if (order[j] == i - 1)
					k = j + 1;
		memmove(order + k + 1, order + k, (nr - k) * sizeof(*order));
		order[k] = i;
		nr++;
	}
}

/*
 * An entry whose heading names no member of the header, but one letter or
 * two away from exactly one member that has no entry ("free_cache_objects"
 * for free_cached_objects), describes that member: its heading is a typo
 * to fix, and its words stay.
 */
static void fix_misspelt(const struct ops_struct *st, struct upstream_entry *up,
			 size_t nr_up)
{
	const struct member *m, *hit;
	size_t i, k;

	for (i = 0; i < nr_up; i++) {
		if (find_member_by_name(st, up[i].name) || up[i].last < up[i].first)
			continue;
		hit = NULL;
		for_each_member(st, m) {
			for (k = 0; k < nr_up && strcmp(up[k].name, m->name); k++)
				;
			if (k < nr_up || !names_close(up[i].name, m->name))
				continue;
			if (hit) {
				hit = NULL;
				break;
			}
			hit = m;
		}
		if (!hit || strlen(hit->name) >= sizeof(up[i].name))
			continue;
		strcpy(up[i].name, hit->name);
		up[i].misspelt = 1;
	}
}

/*
 * Append section sec of the document regenerated: the version claim, the
 * listing from the header (inserted before the first term when the
 * section had none) and the member descriptions. What lies between them
 * is kept.
 */
static int splice_section(const struct expand_env *env, const char *templates_dir,
			  const char *path, const char *text,
			  const struct rst_lines *ls, const struct section *sec,
			  struct strbuf *out)
{
	const struct ops_struct *st = sec->st;
	struct upstream_entry *up = NULL;
	size_t nr_up, i, code, body_first = 0, body_end = 0;
	size_t entries_first = 0, entries_end = 0, lead_end;
	size_t *order = NULL, o, note_first = 0, note_end;
	struct strvec group = STRVEC_INIT, named = STRVEC_INIT;
	struct strbuf rest = STRBUF_INIT;
	long *rank = NULL;
	int ret = -1, any_entry = 0;

	code = find_listing(ls, sec->start, sec->end, &body_first, &body_end);
	nr_up = find_entries(st, ls, code ? body_end : sec->start + 2, sec->end,
			     &up, &entries_first, &entries_end);
	if (!nr_up) {
		error_at(path, (code ? body_end : sec->start) + 1, "the struct %s "
			 "section has no member descriptions (``name`` lines)%s",
			 st->name, code ? " after the listing" : "");
		goto out;
	}
	fix_misspelt(st, up, nr_up);
	for (i = 0; i < nr_up; i++)
		if (!find_member_by_name(st, up[i].name))
			note_at(path, up[i].first, "%s.%s is no longer in the header; "
				"its description is dropped", st->name, up[i].name);

	/* Up to the listing (or the first term) with no version stamp, then
	 * the listing. */
	lead_end = code ? body_first : entries_first;
	add_without_stamp(out, text + rst_offset(text, ls, sec->start),
			  rst_offset(text, ls, lead_end) - rst_offset(text, ls, sec->start));
	if (code) {
		/*
		 * The document's listing, changed where the header differs;
		 * the header's text when the listing is no struct we can read.
		 */
		if (listing_merge(st, text, ls, body_first, body_end, out)) {
			strbuf_adds(out, "\n");
			strbuf_add_indented(out, st->source, "\t");
		}
		/* From the listing to the first description, as it was. */
		strbuf_add(out, text + rst_offset(text, ls, body_end),
			   rst_offset(text, ls, entries_first) - rst_offset(text, ls, body_end));
	} else {
		strbuf_adds(out, ".. code-block:: c\n\n");
		proto_add_listing(out, st->source);
		strbuf_adds(out, "\n");
	}
	/*
	 * A grouped note after the entries ("a, b: lockdep-specific") stays
	 * the one entry of the members of its type, new ones added to it.
	 */
	note_end = skip_grouped_note(st, ls, entries_end, sec->end);
	if (note_end != entries_end) {
		note_first = entries_end;
		while (rst_line_blank(&ls->v[note_first]))
			note_first++;
		note_group(st, ls, note_first, note_end, &group, &rest, &named);
	}
	rank = xcalloc(st->nr_members + 1, sizeof(*rank));
	order = xcalloc(st->nr_members + 1, sizeof(*order));
	for (o = 0; o < st->nr_members; o++) {
		rank[o] = -1;
		for (i = 0; i < nr_up && rank[o] < 0; i++)
			if (!strcmp(up[i].name, st->members[o].name) &&
			    up[i].last >= up[i].first)
				rank[o] = (long)i;
	}
	doc_keep_order(rank, st->nr_members, order);
	for (o = 0; o < st->nr_members; o++) {
		const struct member *m = &st->members[order[o]];
		struct strbuf entry = STRBUF_INIT;
		int described, failed;
		size_t gap, g;

		if (strvec_find(&group, m->name) >= 0)
			continue;
		failed = add_entry(env, templates_dir, st, m, ls, up, nr_up, &entry,
				   &described, &gap);
		if (!failed && described) {
			for (g = 0; any_entry && g < (gap ? gap : 1); g++)
				strbuf_addch(out, '\n');
			strbuf_add(out, entry.buf, entry.len);
			any_entry = 1;
		} else if (!failed) {
			warning_at(path, sec->start + 1, "%s.%s has no description; "
				   "write templates/members/%s/%s.md", st->name,
				   m->name, st->name, m->name);
		}
		strbuf_release(&entry);
		if (failed)
			goto out;
	}
	/* The grouped note, as it was when it names the same members. */
	if (group.nr) {
		int same = group.nr == named.nr;

		for (i = 0; same && i < group.nr; i++)
			same = !strcmp(group.v[i], named.v[i]);
		strbuf_addch(out, '\n');
		if (same) {
			strbuf_add(out, ls->v[note_first].s, ls->v[note_end - 1].s +
				   ls->v[note_end - 1].len - ls->v[note_first].s);
			strbuf_addch(out, '\n');
		} else {
			add_group_note(out, &group, rest.buf);
		}
	}
	/* The rest of the section, as it was. */
	entries_end = note_end;
	i = entries_end < ls->n ? rst_offset(text, ls, entries_end) : (size_t)-1;
	if (i != (size_t)-1) {
		size_t e = sec->end < ls->n ? rst_offset(text, ls, sec->end) :
			   (size_t)(ls->v[ls->n - 1].s + ls->v[ls->n - 1].len - text);

		if (e > i)
			strbuf_add(out, text + i, e - i);
	}
	ret = 0;
out:
	strvec_release(&group);
	strvec_release(&named);
	strbuf_release(&rest);
	free(rank);
	free(order);
	free(up);
	return ret;
}

int vfs_regenerate_only(const struct expand_env *env, const char *templates_dir,
			const char *path, const char *text, size_t len,
			const char *only, struct strbuf *out)
{
	const struct api *api = env->api;
	const struct ops_struct *fops = find_struct_by_name(api, "file_operations");
	struct section *secs = NULL;
	size_t nr_secs = 0, k, at = 0;
	struct rst_lines ls;
	int ret = -1;

	if (!fops || !fops->present || !fops->source) {
		error_at(path, 0, "the model has no struct file_operations to "
			 "write; extract it again from a kernel tree");
		return -1;
	}
	if (memchr(text, '\r', len)) {
		error_at(path, 0, "has CRLF line endings; convert it to LF "
			 "(dos2unix) and run again");
		return -1;
	}
	rst_split_lines(text, len, &ls);
	if (find_sections(path, api, &ls, &secs, &nr_secs))
		goto out;
	for (k = 0; k < nr_secs && secs[k].st != fops; k++)
		;
	if (k == nr_secs) {
		error_at(path, 0, "no \"struct file_operations\" section (a title "
			 "line with an underline); is this vfs.rst?");
		goto out;
	}
	for (k = 0; k < nr_secs; k++) {
		size_t from = rst_offset(text, &ls, secs[k].start);

		if (only && strcmp(secs[k].st->name, only))
			continue;
		strbuf_add(out, text + at, from - at);
		if (splice_section(env, templates_dir, path, text, &ls, &secs[k], out))
			goto out;
		at = secs[k].end < ls.n ? rst_offset(text, &ls, secs[k].end) : len;
	}
	strbuf_add(out, text + at, len - at);
	ret = 0;
out:
	free(secs);
	free(ls.v);
	return ret;
}

int vfs_regenerate(const struct expand_env *env, const char *templates_dir,
		   const char *path, const char *text, size_t len,
		   struct strbuf *out)
{
	return vfs_regenerate_only(env, templates_dir, path, text, len, NULL, out);
}

int vfs_sections(const struct api *api, const char *path, const char *text,
		 size_t len, struct strvec *names)
{
	struct section *secs = NULL;
	size_t nr_secs = 0, k;
	struct rst_lines ls;
	int ret;

	rst_split_lines(text, len, &ls);
	ret = find_sections(path, api, &ls, &secs, &nr_secs);
	for (k = 0; !ret && k < nr_secs; k++)
		strvec_push(names, secs[k].st->name);
	free(secs);
	free(ls.v);
	return ret;
}

/*
 * The paragraphs of templates/members/paragraphs for struct st: outside
 * the member entries, vfs.rst's paragraphs that are wrong against the
 * code. A 'STRUCT "OPENING WORDS" [if|unless MEMBER]: why' line, then
 * ours up to a blank line; each replaces the paragraph of doc (at column
 * 0, after a blank line) that opens with those words, in the step of the
 * struct it concerns. "if"/"unless": only when st has / lacks MEMBER.
 */
static void replace_paragraphs(const char *templates_dir,
			       const struct ops_struct *st, struct strbuf *doc)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, key = STRBUF_INIT;
	struct strbuf para = STRBUF_INIT, next = STRBUF_INIT;
	const char *p;

	strbuf_addf(&path, "%s/members/paragraphs", templates_dir);
	if (strbuf_read_file(&text, path.buf))
		goto out;
	for (p = text.buf; *p; ) {
		const char *e = strchrnul(p, '\n'), *q, *hit, *end;
		size_t n = strlen(st->name);
		int apply;

		if (*p == '#' || strncmp(p, st->name, n) || p[n] != ' ' ||
		    p[n + 1] != '"' || !(q = memchr(p + n + 2, '"', e - p - n - 2))) {
			p = *e ? e + 1 : e;
			continue;
		}
		strbuf_reset(&key);
		strbuf_addch(&key, '\n');
		strbuf_add(&key, p + n + 2, q - p - n - 2);
		q += 1 + strspn(q + 1, " ");
		apply = 1;
		if (!strncmp(q, "if ", 3) || !strncmp(q, "unless ", 7)) {
			const char *m = q + (*q == 'i' ? 3 : 7);
			char name[64];

			snprintf(name, sizeof(name), "%.*s", (int)strcspn(m, ": "), m);
			apply = !find_member_by_name(st, name) == (*q != 'i');
		}
		/* Ours: the lines after it, to a blank line. */
		strbuf_reset(&para);
		for (p = *e ? e + 1 : e; *p && *p != '\n'; p = *e ? e + 1 : e) {
			e = strchrnul(p, '\n');
			strbuf_add(&para, p, e - p);
			strbuf_addch(&para, '\n');
		}
		/* Theirs: after a blank line, to the next blank line. */
		hit = apply ? strstr(doc->buf, key.buf) : NULL;
		if (!hit || hit == doc->buf || hit[-1] != '\n')
			continue;
		hit++;
		end = strstr(hit, "\n\n");
		end = end ? end + 1 : doc->buf + doc->len;
		strbuf_reset(&next);
		strbuf_add(&next, doc->buf, hit - doc->buf);
		strbuf_add(&next, para.buf, para.len);
		strbuf_add(&next, end, doc->buf + doc->len - end);
		strbuf_reset(doc);
		strbuf_add(doc, next.buf, next.len);
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&key);
	strbuf_release(&para);
	strbuf_release(&next);
}

/* vfs.rst: file_operations first, then the other sections in order. */
int doc_vfs_rewrite(const struct expand_env *env, const char *ksrc,
		    const char *templates, struct rewrites *r, size_t d)
{
	struct strvec names = STRVEC_INIT;
	const char *path = r->docs[d].path;
	struct strbuf next = STRBUF_INIT;
	size_t i;
	int ret = -1;

	strvec_init(&names);
	if (vfs_regenerate_only(env, templates, path, r->docs[d].text.buf,
				r->docs[d].text.len, "file_operations", &next))
		goto out;
	rewrite_add_step(r, d, REWRITE_SECTION, "file_operations", &next);
	if (vfs_sections(env->api, path, r->docs[d].text.buf, r->docs[d].text.len,
			 &names))
		goto out;
	for (i = 0; i < names.nr; i++) {
		if (!strcmp(names.v[i], "file_operations"))
			continue;
		strbuf_init(&next);
		if (vfs_regenerate_only(env, templates, path, r->docs[d].text.buf,
					r->docs[d].text.len, names.v[i], &next))
			goto out;
		replace_paragraphs(templates, find_struct_by_name(env->api,
								  names.v[i]), &next);
		rewrite_add_step(r, d, REWRITE_SECTION, names.v[i], &next);
	}
	ret = 0;
out:
	strbuf_release(&next);
	strvec_release(&names);
	return ret;
}
