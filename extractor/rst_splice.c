// SPDX-License-Identifier: GPL-2.0
/*
 * rst_splice.c - splice regenerated "struct NAME" sections into an existing
 * document such as Documentation/filesystems/vfs.rst.
 *
 * Every section titled "struct NAME" for a struct the model has is
 * regenerated; a section runs from its heading to the next heading. Inside
 * it three parts change: an "As of kernel X.Y" stamp goes, the body of the
 * first code block becomes the header's own text of the struct (inserted
 * before the first description when the section has no listing), and the
 * run of member descriptions (````name```` followed by an indented body)
 * follows the model: existing entries keep their place, new ones go where
 * the header's order puts them. Everything else, in the sections and
 * around them, is copied byte for byte.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model.h"
#include "rst_write.h"
#include "strvec.h"
#include "rst_read.h"
#include "util.h"
#include "rst_splice.h"

static size_t offset_of(const char *text, const struct rst_lines *ls, size_t i)
{
	return i < ls->n ? (size_t)(ls->v[i].s - text) : (size_t)-1;
}

struct upstream_entry {
	char name[64];
	size_t first, last;	/* body lines */
};

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
		continue;
keep:
		strbuf_add(out, p, hit + sizeof(key) - 1 - p);
		p = hit + sizeof(key) - 1;
	}
	strbuf_add(out, p, end - p);
}

/* A section of the document that documents a struct of the model. */
struct section {
	const struct ops_struct *st;
	size_t start, end;	/* title line, first line of the next section */
};

/* The line after the last one of the section whose title is line i. */
static size_t section_end(const struct rst_lines *ls, size_t i)
{
	for (i += 2; i < ls->n; i++) {
		if (rst_line_title(ls, i))
			break;
		/* An overlined title starts at its overline. */
		if (rst_line_adornment(&ls->v[i]) && i + 2 < ls->n &&
		    rst_line_adornment(&ls->v[i + 2]) && !rst_line_blank(&ls->v[i + 1]))
			break;
	}
	return i;
}

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
		(*out)[*n].end = section_end(ls, i);
		(*n)++;
	}
	return 0;
}

/* The description of member m: our template, else upstream's, else none. */
static int add_entry(const struct expand_env *env, const char *templates_dir,
		     const struct ops_struct *st, const struct member *m,
		     const struct rst_lines *ls, const struct upstream_entry *up,
		     size_t nr_up, struct strbuf *out, int *described)
{
	struct strbuf path = STRBUF_INIT;
	struct stat sb;
	size_t i;
	int ret = 0;

	*described = 1;
	strbuf_addf(&path, "%s/members/%s/%s.md", templates_dir, st->name,
		    m->name);
	if (!stat(path.buf, &sb)) {
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
		strbuf_addf(out, "``%s``\n", m->name);
		strbuf_add(out, ls->v[up[i].first].s,
			   ls->v[up[i].last].s + ls->v[up[i].last].len -
			   ls->v[up[i].first].s);
		strbuf_addch(out, '\n');
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
	size_t i = from, first, names = 0;

	while (i < end && rst_line_blank(&ls->v[i]))
		i++;
	first = i;
	if (i == end || !rst_line_indent(&ls->v[i]))
		return from;
	for (; i < end && !rst_line_blank(&ls->v[i]) && rst_line_indent(&ls->v[i]); i++) {
		const struct rst_line *l = &ls->v[i];
		const char *p = l->s, *e = l->s + l->len, *colon = memchr(p, ':', l->len);

		if (colon)
			e = colon;
		while (p < e) {
			const char *w;
			char name[64];

			while (p < e && !(isalnum((unsigned char)*p) || *p == '_'))
				p++;
			for (w = p; p < e && (isalnum((unsigned char)*p) || *p == '_'); p++)
				;
			if (p == w)
				break;
			if ((size_t)(p - w) >= sizeof(name))
				return from;
			memcpy(name, w, p - w);
			name[p - w] = '\0';
			if (!find_member_by_name(st, name))
				return from;
			names++;
		}
		if (colon) {
			i++;
			break;
		}
	}
	return names < 2 || i == first ? from : i;
}

/*
 * The order of n members in a rewritten text, into order[]: those the old
 * text had (rank[i] >= 0, their place there) keep their order, and each new
 * one goes right after the member before it in the header, or first.
 * Moving text that did not change is churn to a reviewer.
 */
static void keep_order(const long *rank, size_t n, size_t *order)
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
	size_t *order = NULL, o;
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
	for (i = 0; i < nr_up; i++)
		if (!find_member_by_name(st, up[i].name))
			note_at(path, up[i].first, "%s.%s is no longer in the header; "
				"its description is dropped", st->name, up[i].name);

	/* Up to the listing (or the first term) with no version stamp, then
	 * the listing. */
	lead_end = code ? body_first : entries_first;
	add_without_stamp(out, text + offset_of(text, ls, sec->start),
			  offset_of(text, ls, lead_end) - offset_of(text, ls, sec->start));
	if (code) {
		strbuf_adds(out, "\n");
		strbuf_add_indented(out, st->source, "\t");
		/* From the listing to the first description, as it was. */
		strbuf_add(out, text + offset_of(text, ls, body_end),
			   offset_of(text, ls, entries_first) - offset_of(text, ls, body_end));
	} else {
		strbuf_adds(out, ".. code-block:: c\n\n");
		strbuf_add_indented(out, st->source, "\t");
		strbuf_adds(out, "\n");
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
	keep_order(rank, st->nr_members, order);
	for (o = 0; o < st->nr_members; o++) {
		const struct member *m = &st->members[order[o]];
		struct strbuf entry = STRBUF_INIT;
		int described, failed;

		failed = add_entry(env, templates_dir, st, m, ls, up, nr_up, &entry,
				   &described);
		if (!failed && described) {
			if (any_entry)
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
	/* The rest of the section, as it was. */
	entries_end = skip_grouped_note(st, ls, entries_end, sec->end);
	i = entries_end < ls->n ? offset_of(text, ls, entries_end) : (size_t)-1;
	if (i != (size_t)-1) {
		size_t e = sec->end < ls->n ? offset_of(text, ls, sec->end) :
			   (size_t)(ls->v[ls->n - 1].s + ls->v[ls->n - 1].len - text);

		if (e > i)
			strbuf_add(out, text + i, e - i);
	}
	ret = 0;
out:
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
		size_t from = offset_of(text, &ls, secs[k].start);

		if (only && strcmp(secs[k].st->name, only))
			continue;
		strbuf_add(out, text + at, from - at);
		if (splice_section(env, templates_dir, path, text, &ls, &secs[k], out))
			goto out;
		at = secs[k].end < ls.n ? offset_of(text, &ls, secs[k].end) : len;
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
 * locking.rst: each section titled by an ops struct of the model (its
 * first word: "xattr_handler operations") has a "prototypes::" block. The
 * block becomes the struct's callbacks as the header spells them, and a
 * row of the section's locking tables that names a member the block used
 * to list and the header no longer has is dropped. Nothing else changes.
 */

/* The header's own lines for member m, from the struct's source. */
static void member_source(const struct ops_struct *st, const struct member *m,
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

/* The columns line s..s+n takes, tabs to the next multiple of 8. */
static size_t columns(const char *s, size_t n)
{
	size_t i, col = 0;

	for (i = 0; i < n; i++)
		col = s[i] == '\t' ? (col | 7) + 1 : col + 1;
	return col;
}

/*
 * The prototype in s..s+n on one line: single spaces, comments gone, no
 * space after "(" or before ")".
 */
static void flatten_prototype(const char *s, size_t n, struct strbuf *flat)
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
static int same_but_spaces(const char *a, const char *b)
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
static int add_prototype_as_laid_out(struct strbuf *out, const char *src,
				     const struct rst_lines *ls, size_t first,
				     size_t end)
{
	struct strbuf flat = STRBUF_INIT, old = STRBUF_INIT, res = STRBUF_INIT;
	size_t i, at = 0, commas = 0;
	int ret = -1;

	flatten_prototype(src, strlen(src), &flat);
	strbuf_add(&res, ls->v[first].s, rst_line_lead(&ls->v[first]));
	for (i = first; i < end; i++) {
		const struct rst_line *l = &ls->v[i];
		size_t k, cut, lead = rst_line_lead(l);

		strbuf_reset(&old);
		for (k = first; k <= i; k++)
			strbuf_add(&old, ls->v[k].s, ls->v[k].len), strbuf_addch(&old, ' ');
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

			flatten_prototype(old.buf, old.len, &f);
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
		if (columns(l->s, lead) + cut - at > 80 &&
		    columns(l->s, lead) + cut - at > columns(l->s, l->len))
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
static void add_prototype_wrapped(struct strbuf *out, const char *src)
{
	struct strbuf flat = STRBUF_INIT;
	const char *p, *open, *stop;
	size_t col, indent, start;
	int wide = 0;

	for (p = src; *p; ) {
		const char *e = strchrnul(p, '\n');

		wide |= columns(p, e - p) > 80;
		p = *e ? e + 1 : e;
	}
	if (!wide) {
		strbuf_adds(out, src);
		return;
	}
	flatten_prototype(src, strlen(src), &flat);
	/* The list opens at the "(" after "(*name)". */
	open = strstr(flat.buf, "(*");
	open = open ? strchr(open, ')') : NULL;
	open = open ? strchr(open, '(') : NULL;
	if (!open) {
		strbuf_addf(out, "\t%s\n", flat.buf);
		strbuf_release(&flat);
		return;
	}
	indent = 8 + (open + 1 - flat.buf);
	if (indent > 48)
		indent = 24;
	strbuf_addch(out, '\t');
	col = 8;
	start = 0;
	p = flat.buf;
	while (*p) {
		/* The next piece: up to and with the next ", ", or the rest. */
		stop = strstr(p, ", ");
		stop = stop ? stop + 1 : p + strlen(p);
		if (start && col + (stop - p) > 80) {
			size_t i;

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

/* The first identifier of a line, or "". */
static void first_word(const struct rst_line *l, char *w, size_t size)
{
	size_t i = rst_line_lead(l), n = 0;

	while (i < l->len && n + 1 < size &&
	       (isalnum((unsigned char)l->s[i]) || l->s[i] == '_'))
		w[n++] = l->s[i++];
	w[n] = '\0';
}

/* A prototype of the old block: its callback's name and its lines. */
struct old_prototype {
	char *name;
	size_t first, end;
};

/*
 * The prototypes in lines first..end-1: each opens at a line with
 * "(*name)" and runs until its parentheses close.
 */
static size_t old_prototypes(const struct rst_lines *ls, size_t first, size_t end,
			     struct old_prototype **out)
{
	size_t i, n = 0;
	int depth = 0;

	*out = NULL;
	for (i = first; i < end; i++) {
		const struct rst_line *l = &ls->v[i];
		const char *p = memmem(l->s, l->len, "(*", 2);
		const char *e = l->s + l->len, *w, *c;

		if (p && depth <= 0) {
			for (p += 2; p < e && *p == ' '; p++)
				;
			for (w = p; p < e && (isalnum((unsigned char)*p) || *p == '_'); p++)
				;
			if (p > w) {
				*out = xrealloc(*out, (n + 1) * sizeof(**out));
				(*out)[n].name = xstrndup(w, p - w);
				(*out)[n].first = i;
				n++;
				depth = 0;
			}
		}
		if (n)
			(*out)[n - 1].end = i + 1;
		for (c = l->s; c < e; c++) {
			if (c + 1 < e && c[0] == '/' && c[1] == '*')
				break;
			depth += *c == '(' ? 1 : *c == ')' ? -1 : 0;
		}
	}
	return n;
}

/*
 * Append the prototypes block of st: the members the old block listed
 * where they were, in its own words and wrapping unless the header
 * changed them; the new ones where the header's order puts them.
 */
static void add_prototypes(const struct ops_struct *st, const char *text,
			   const struct rst_lines *ls,
			   const struct old_prototype *old, size_t nr_old,
			   struct strbuf *out)
{
	const struct member **cb = xcalloc(st->nr_members + 1, sizeof(*cb));
	long *rank = xcalloc(st->nr_members + 1, sizeof(*rank));
	size_t *order = xcalloc(st->nr_members + 1, sizeof(*order));
	size_t n = 0, i, k;
	const struct member *m;

	for_each_member(st, m)
		if (m->kind == MEMBER_CALLBACK && !strchr(m->name, '.'))
			cb[n++] = m;
	for (i = 0; i < n; i++) {
		rank[i] = -1;
		for (k = 0; k < nr_old && rank[i] < 0; k++)
			if (!strcmp(old[k].name, cb[i]->name))
				rank[i] = (long)k;
	}
	keep_order(rank, n, order);
	for (i = 0; i < n; i++) {
		struct strbuf src = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
		const struct old_prototype *o;

		member_source(st, cb[order[i]], &src);
		if (rank[order[i]] >= 0) {
			const char *s;
			size_t len;

			o = &old[rank[order[i]]];
			s = text + offset_of(text, ls, o->first);
			len = ls->v[o->end - 1].s + ls->v[o->end - 1].len - s;
			flatten_prototype(s, len, &a);
			flatten_prototype(src.buf, src.len, &b);
			if (same_but_spaces(a.buf, b.buf)) {
				strbuf_add(out, s, len);
				strbuf_addch(out, '\n');
				goto next;
			}
			if (!add_prototype_as_laid_out(out, src.buf, ls, o->first, o->end))
				goto next;
		}
		add_prototype_wrapped(out, src.buf);
next:
		strbuf_release(&a);
		strbuf_release(&b);
		strbuf_release(&src);
	}
	free(cb);
	free(rank);
	free(order);
}

/* Does the header of st, in ksrc, declare a callback "(*name)" anywhere? */
static int declared_in_header(const char *ksrc, const struct ops_struct *st,
			      const char *name)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	const char *p;
	int found = 0;

	if (!ksrc || !st->file)
		return 0;
	strbuf_addf(&path, "%s/%s", ksrc, st->file);
	if (!strbuf_read_file(&text, path.buf)) {
		for (p = text.buf; !found && (p = strstr(p, "(*")); p += 2) {
			const char *q = p + 2;

			while (*q == ' ')
				q++;
			found = !strncmp(q, name, strlen(name)) &&
				(q[strlen(name)] == ')' || q[strlen(name)] == ' ');
		}
	}
	strbuf_release(&path);
	strbuf_release(&text);
	return found;
}

/*
 * The ops struct that the locking.rst section titled at line i documents
 * (its title's first word, after "struct "), or NULL.
 */
static const struct ops_struct *locking_struct(const struct api *api,
					       const struct rst_lines *ls, size_t i)
{
	const struct ops_struct *st;
	char name[128];

	if (!rst_line_title(ls, i))
		return NULL;
	first_word(&ls->v[i], name, sizeof(name));
	if (!strcmp(name, "struct")) {
		struct rst_line rest = { ls->v[i].s + 7, ls->v[i].len - 7 };

		if (ls->v[i].len > 7)
			first_word(&rest, name, sizeof(name));
	}
	st = find_struct_by_name(api, name);
	return st && st->present && st->source ? st : NULL;
}

/* The "prototypes::" line of the section lines i..end-1, or end. */
static size_t find_prototypes(const struct rst_lines *ls, size_t i, size_t end)
{
	size_t k;

	for (k = i + 2; k < end; k++)
		if (ls->v[k].len == 12 && !memcmp(ls->v[k].s, "prototypes::", 12))
			break;
	return k;
}

int locking_sections(const struct api *api, const char *text, size_t len,
		     struct strvec *names)
{
	struct rst_lines ls;
	size_t i;

	rst_split_lines(text, len, &ls);
	for (i = 0; i < ls.n; i++) {
		const struct ops_struct *st = locking_struct(api, &ls, i);
		size_t end;

		if (!st)
			continue;
		end = section_end(&ls, i);
		if (find_prototypes(&ls, i, end) < end)
			strvec_push(names, st->name);
		i = end - 1;
	}
	free(ls.v);
	return 0;
}

int locking_regenerate(const struct api *api, const char *ksrc,
		       const char *path, const char *text,
		       size_t len, struct strbuf *out)
{
	return locking_regenerate_only(api, ksrc, path, text, len, NULL, out);
}

int locking_regenerate_only(const struct api *api, const char *ksrc,
			    const char *path, const char *text, size_t len,
			    const char *only, struct strbuf *out)
{
	struct rst_lines ls;
	size_t i, at = 0, done = 0;

	if (memchr(text, '\r', len)) {
		error_at(path, 0, "has CRLF line endings; convert it to LF "
			 "(dos2unix) and run again");
		return -1;
	}
	rst_split_lines(text, len, &ls);
	for (i = 0; i < ls.n; i++) {
		const struct ops_struct *st;
		struct strvec old = STRVEC_INIT;
		size_t end, k, first, body_end, nr_protos;
		struct old_prototype *protos;

		st = locking_struct(api, &ls, i);
		if (!st)
			continue;
		end = section_end(&ls, i);
		k = find_prototypes(&ls, i, end);
		if (k == end)
			continue;
		done++;
		if (only && strcmp(st->name, only)) {
			i = end - 1;
			continue;
		}
		/* The block's body: blank lines, then the indented lines. */
		for (first = k + 1; first < end && rst_line_blank(&ls.v[first]); first++)
			;
		for (body_end = first; body_end < end &&
		     (rst_line_blank(&ls.v[body_end]) || rst_line_indent(&ls.v[body_end]));
		     body_end++)
			;
		while (body_end > first && rst_line_blank(&ls.v[body_end - 1]))
			body_end--;
		nr_protos = old_prototypes(&ls, first, body_end, &protos);
		strvec_init(&old);
		for (k = 0; k < nr_protos; k++)
			strvec_push(&old, protos[k].name);

		strbuf_add(out, text + at, offset_of(text, &ls, first) - at);
		add_prototypes(st, text, &ls, protos, nr_protos, out);
		for (k = 0; k < nr_protos; k++)
			free(protos[k].name);
		free(protos);
		at = offset_of(text, &ls, body_end);
		/* The tables: drop the rows of members the header lost. */
		for (k = body_end; k < end; k++) {
			char w[128];

			first_word(&ls.v[k], w, sizeof(w));
			if (rst_line_indent(&ls.v[k]) || !*w || strvec_find(&old, w) < 0 ||
			    find_member_by_name(st, w))
				continue;
			if (declared_in_header(ksrc, st, w)) {
				note_at(path, k + 1, "%s.%s moved out of the struct, "
					"but its header still declares it; its row of "
					"the locking table is kept", st->name, w);
				continue;
			}
			note_at(path, k + 1, "%s.%s is no longer in the header; its "
				"row of the locking table is dropped", st->name, w);
			strbuf_add(out, text + at, offset_of(text, &ls, k) - at);
			at = k + 1 < ls.n ? offset_of(text, &ls, k + 1) : len;
		}
		strvec_release(&old);
		i = end - 1;
	}
	strbuf_add(out, text + at, len - at);
	free(ls.v);
	if (!done) {
		error_at(path, 0, "no section of an ops struct with a prototypes:: "
			 "block; is this locking.rst?");
		return -1;
	}
	return 0;
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
		strbuf_add(out, text + at, offset_of(text, &ls, first) - at);
		add_reindented(out, st->source, ls.v[first].s, rst_line_lead(&ls.v[first]));
		at = end < ls.n ? offset_of(text, &ls, end) : len;
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
