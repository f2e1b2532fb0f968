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
#include <errno.h>
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

/*
 * Does templates/members/corrections list STRUCT.MEMBER ("STRUCT.MEMBER:
 * reason"): is our template to replace upstream's words, which are wrong?
 */
static int corrects(const char *templates_dir, const char *st, const char *m)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, key = STRBUF_INIT;
	const char *p;
	int found = 0;

	strbuf_addf(&path, "%s/members/corrections", templates_dir);
	strbuf_addf(&key, "%s.%s:", st, m);
	if (!strbuf_read_file(&text, path.buf))
		for (p = text.buf; !found && *p; p = strchrnul(p, '\n'), p += !!*p)
			found = !strncmp(p, key.buf, key.len);
	strbuf_release(&path);
	strbuf_release(&text);
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
 * The description of member m: upstream's, unless templates/members/
 * corrections says it is wrong; our template where upstream has none or
 * is wrong; else none.
 */
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
		/* The term line as upstream wrote it ("``name``:" too). */
		strbuf_add(out, ls->v[up[i].first - 1].s, ls->v[up[i].first - 1].len);
		strbuf_addch(out, '\n');
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

	for (i = first; i < end; i++) {
		const struct rst_line *l = &ls->v[i];
		const char *p = l->s, *e = l->s + l->len, *colon = memchr(p, ':', l->len);

		if (colon)
			e = colon;
		while (p < e) {
			const char *w;

			while (p < e && !(isalnum((unsigned char)*p) || *p == '_'))
				p++;
			for (w = p; p < e && (isalnum((unsigned char)*p) || *p == '_'); p++)
				;
			if (p > w)
				strvec_push_owned(named, xstrndup(w, p - w));
		}
		if (colon) {
			strbuf_add(rest, colon, l->s + l->len - colon);
			break;
		}
	}
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

static void add_listing_narrow(struct strbuf *out, const char *src);

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
		add_listing_narrow(out, st->source);
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
	keep_order(rank, st->nr_members, order);
	for (o = 0; o < st->nr_members; o++) {
		const struct member *m = &st->members[order[o]];
		struct strbuf entry = STRBUF_INIT;
		int described, failed;

		if (strvec_find(&group, m->name) >= 0)
			continue;
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
	/* The grouped note, as it was when it names the same members. */
	if (group.nr) {
		int same = group.nr == named.nr;

		for (i = 0; same && i < group.nr; i++)
			same = !strcmp(group.v[i], named.v[i]);
		strbuf_addch(out, '\n');
		if (same)
			strbuf_add(out, ls->v[note_first].s, ls->v[note_end - 1].s +
				   ls->v[note_end - 1].len - ls->v[note_first].s),
			strbuf_addch(out, '\n');
		else
			add_group_note(out, &group, rest.buf);
	}
	/* The rest of the section, as it was. */
	entries_end = note_end;
	i = entries_end < ls->n ? offset_of(text, ls, entries_end) : (size_t)-1;
	if (i != (size_t)-1) {
		size_t e = sec->end < ls->n ? offset_of(text, ls, sec->end) :
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
static void add_prototype_wrapped_at(struct strbuf *out, const char *src,
				     size_t depth)
{
	struct strbuf flat = STRBUF_INIT;
	const char *p, *open, *stop;
	size_t col, indent, start, base = 8 * depth, i;
	int wide = 0;

	for (p = src; *p; ) {
		const char *e = strchrnul(p, '\n');

		wide |= columns(p, e - p) + base - 8 > 80;
		p = *e ? e + 1 : e;
	}
	flatten_prototype(src, strlen(src), &flat);
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

static void add_prototype_wrapped(struct strbuf *out, const char *src)
{
	add_prototype_wrapped_at(out, src, 1);
}

/*
 * Append a struct's source as a listing one tab in, each callback whose
 * line would pass 80 columns there wrapped again: a listing we add keeps
 * to the width of the page.
 */
static void add_listing_narrow(struct strbuf *out, const char *src)
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
			   const struct strvec *left_out, struct strbuf *out)
{
	const struct member **cb = xcalloc(st->nr_members + 1, sizeof(*cb));
	long *rank = xcalloc(st->nr_members + 1, sizeof(*rank));
	size_t *order = xcalloc(st->nr_members + 1, sizeof(*order));
	size_t n = 0, i, k;
	const struct member *m;

	for_each_member(st, m)
		if (m->kind == MEMBER_CALLBACK && !strchr(m->name, '.') &&
		    strvec_find(left_out, m->name) < 0)
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
	return locking_regenerate_only(api, ksrc, NULL, path, text, len, NULL, out);
}

/*
 * Sections locking.rst does not have and we add, each after the section of
 * the struct its methods came from, when the tree's header has the struct:
 * the text is templates/locking/STRUCT.rst (a title, an empty prototypes
 * block, a table with no rows), filled in as any other section.
 */
const struct locking_added locking_added[] = {
	{ "lease_manager_operations", "lock_manager_operations" },
	{ NULL, NULL }
};

/* The section added after the section of st, or NULL. */
static const struct locking_added *added_after(const struct api *api,
					       const struct ops_struct *st)
{
	const struct ops_struct *a;
	size_t i;

	for (i = 0; locking_added[i].name; i++) {
		if (strcmp(locking_added[i].after, st->name))
			continue;
		a = find_struct_by_name(api, locking_added[i].name);
		if (a && a->present && a->source)
			return &locking_added[i];
	}
	return NULL;
}

/* A row of ours for a locking table: its method and its cells. */
struct locking_row {
	char name[64];
	struct strvec cells;
	int placed;
};

/*
 * The rows of templates/locking/STRUCT.rows: one a line, cells split at
 * "|", the first naming the method as the table does ("name:"); "#" lines
 * and blank lines are skipped. 0 rows when there is no such file.
 */
static size_t read_rows(const char *templates, const char *st,
			struct locking_row **out)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	const char *p;
	size_t n = 0;

	*out = NULL;
	if (!templates)
		return 0;
	strbuf_addf(&path, "%s/locking/%s.rows", templates, st);
	if (strbuf_read_file(&text, path.buf))
		goto out;
	for (p = text.buf; *p; ) {
		const char *e = strchrnul(p, '\n'), *c = p;
		struct locking_row *r;

		if (e == p || *p == '#') {
			p = *e ? e + 1 : e;
			continue;
		}
		*out = xrealloc(*out, (n + 1) * sizeof(**out));
		r = &(*out)[n++];
		memset(r, 0, sizeof(*r));
		strvec_init(&r->cells);
		while (c <= e) {
			const char *bar = memchr(c, '|', e - c), *ce = bar ? bar : e;
			const char *cs = c;

			while (cs < ce && isspace((unsigned char)*cs))
				cs++;
			while (ce > cs && isspace((unsigned char)ce[-1]))
				ce--;
			strvec_push_owned(&r->cells, xstrndup(cs, ce - cs));
			c = (bar ? bar : e) + 1;
		}
		snprintf(r->name, sizeof(r->name), "%.*s",
			 (int)strcspn(r->cells.v[0], ": \t"), r->cells.v[0]);
		p = *e ? e + 1 : e;
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
	return n;
}

/* Is line l a border of a simple table: runs of "=" between blanks? */
static int table_border(const struct rst_line *l)
{
	size_t i;
	int any = 0;

	for (i = 0; i < l->len; i++) {
		if (l->s[i] == '=')
			any = 1;
		else if (l->s[i] != ' ' && l->s[i] != '\t')
			return 0;
	}
	return any;
}

/* The columns of a table's border b: each run of "=", start and width. */
static size_t border_columns(const struct rst_line *b, size_t *starts,
			     size_t *widths, size_t max)
{
	size_t i, c = 0, nr = 0;

	for (i = 0; i < b->len; i++) {
		if (b->s[i] == '=') {
			if (!i || b->s[i - 1] == ' ' || b->s[i - 1] == '\t') {
				if (nr == max)
					break;
				starts[nr] = c;
				widths[nr++] = 0;
			}
			widths[nr - 1]++;
		}
		c = b->s[i] == '\t' ? (c | 7) + 1 : c + 1;
	}
	return nr;
}

/* Pad row, now at column *col, to column to: tabs where they land, spaces. */
static void pad_to(struct strbuf *row, size_t *col, size_t to)
{
	while (*col < to) {
		if ((*col | 7) + 1 <= to) {
			strbuf_addch(row, '\t');
			*col = (*col | 7) + 1;
		} else {
			strbuf_addch(row, ' ');
			(*col)++;
		}
	}
}

/* Append cells laid out at starts[]; 0, or -1 when one overruns its column. */
static int add_cells(struct strbuf *out, const struct strvec *cells,
		     const size_t *starts, const size_t *widths, size_t nr)
{
	struct strbuf row = STRBUF_INIT;
	size_t i, col = 0;

	if (cells->nr > nr)
		return -1;
	for (i = 0; i < cells->nr; i++) {
		size_t w = strlen(cells->v[i]);

		if (!w)
			continue;
		if (col > starts[i] || (i + 1 < nr && w > widths[i])) {
			strbuf_release(&row);
			return -1;
		}
		pad_to(&row, &col, starts[i]);
		strbuf_adds(&row, cells->v[i]);
		col += w;
	}
	strbuf_rtrim(&row);
	strbuf_add(out, row.buf, row.len);
	strbuf_addch(out, '\n');
	strbuf_release(&row);
	return 0;
}

/* The cells of table row l, cut at the columns starts[]. */
static void cut_cells(const struct rst_line *l, const size_t *starts, size_t nr,
		      struct strvec *cells)
{
	struct strbuf cell = STRBUF_INIT;
	size_t i, c = 0, k = 0;

	strvec_init(cells);
	for (i = 0; i <= l->len; i++) {
		if (i == l->len || (k + 1 < nr && c >= starts[k + 1])) {
			strbuf_rtrim(&cell);
			strvec_push(cells, cell.buf + strspn(cell.buf, " "));
			strbuf_reset(&cell);
			if (i == l->len)
				break;
			k++;
		}
		if (l->s[i] == '\t')
			strbuf_addch(&cell, ' ');
		else
			strbuf_addch(&cell, l->s[i]);
		c = l->s[i] == '\t' ? (c | 7) + 1 : c + 1;
	}
	while (cells->nr > 1 && !*cells->v[cells->nr - 1])
		cells->nr--, free(cells->v[cells->nr]);
	strbuf_release(&cell);
}

/*
 * Append row r laid out in the columns of border b: each cell at its
 * column's start, reached with tabs where the document's tab stops allow.
 * -1 when a cell (but the last) does not fit its column.
 */
static int add_row(struct strbuf *out, const struct rst_line *b,
		   const struct locking_row *r)
{
	size_t starts[16], widths[16], nr = border_columns(b, starts, widths, 16);

	return add_cells(out, &r->cells, starts, widths, nr);
}

/*
 * The first table of the section lines from..end-1: its first border, and
 * the borders that open and close its rows. 0 when there is none.
 */
static int find_table(const struct rst_lines *ls, size_t from, size_t end,
		      size_t *top, size_t *rows, size_t *bottom)
{
	size_t k, n = 0;

	for (k = from; k < end && n < 3; k++) {
		if (rst_line_indent(&ls->v[k]) || !table_border(&ls->v[k]))
			continue;
		if (n == 0)
			*top = k;
		else if (n == 1)
			*rows = k;
		else
			*bottom = k;
		n++;
	}
	return n == 3;
}

/* Is there a row for name in lines from..end-1 of the table? */
static int has_row(const struct rst_lines *ls, size_t from, size_t end,
		   const char *name)
{
	char w[128];

	for (; from < end; from++) {
		first_word(&ls->v[from], w, sizeof(w));
		if (!rst_line_indent(&ls->v[from]) && !strcmp(w, name))
			return 1;
	}
	return 0;
}

/* Append the border of a table with the columns starts[], widths[]. */
static void add_border(struct strbuf *out, const size_t *starts,
		       const size_t *widths, size_t nr)
{
	size_t i, k, col = 0;

	for (i = 0; i < nr; i++) {
		pad_to(out, &col, starts[i]);
		for (k = 0; k < widths[i]; k++)
			strbuf_addch(out, '=');
		col += widths[i];
	}
	strbuf_addch(out, '\n');
}

/*
 * Append the table of lines top..bottom laid out again, wide enough for
 * its cells and our rows: when a method's name does not fit its column,
 * the columns move and every row with them. Our rows go after their
 * anchors (NULL: first); a row of a method in drop[] goes.
 */
static void add_relaid_table(const struct rst_lines *ls, size_t top,
			     size_t rows_at, size_t bottom,
			     struct locking_row *rows, size_t nr_rows,
			     const char *const *anchor, const struct strvec *drop,
			     struct strbuf *out)
{
	size_t starts[16], widths[16], ns[16], nw[16], nr, k, i, r;
	struct strvec *cells = xcalloc(bottom - top + 1, sizeof(*cells));

	nr = border_columns(&ls->v[top], starts, widths, 16);
	memcpy(nw, widths, sizeof(widths));
	for (k = top + 1; k < bottom; k++)
		if (k != rows_at) {
			cut_cells(&ls->v[k], starts, nr, &cells[k - top]);
			for (i = 0; i + 1 < nr && i < cells[k - top].nr; i++)
				if (strlen(cells[k - top].v[i]) > nw[i])
					nw[i] = strlen(cells[k - top].v[i]);
		}
	for (r = 0; r < nr_rows; r++)
		for (i = 0; i + 1 < nr && i < rows[r].cells.nr; i++)
			if (strlen(rows[r].cells.v[i]) > nw[i])
				nw[i] = strlen(rows[r].cells.v[i]);
	ns[0] = 0;
	for (i = 1; i < nr; i++) {
		ns[i] = (ns[i - 1] + nw[i - 1] + 1 + 7) & ~(size_t)7;
		if (ns[i] < starts[i] + ns[i - 1] - starts[i - 1])
			ns[i] = starts[i] + ns[i - 1] - starts[i - 1];
	}
	for (k = top; k <= bottom; k++) {
		char w[128];

		if (k == top || k == rows_at || k == bottom) {
			add_border(out, ns, nw, nr);
			if (k == rows_at)
				goto after;
			continue;
		}
		first_word(&ls->v[k], w, sizeof(w));
		if (k > rows_at && strvec_find(drop, w) >= 0)
			continue;
		add_cells(out, &cells[k - top], ns, nw, nr);
		if (k < rows_at)
			continue;
after:
		for (r = 0; r < nr_rows; r++) {
			if (rows[r].placed || (k == rows_at ? anchor[r] != NULL :
			    !anchor[r] || strcmp(anchor[r], w)))
				continue;
			rows[r].placed = 1;
			add_cells(out, &rows[r].cells, ns, nw, nr);
		}
	}
	for (k = 0; k <= bottom - top; k++)
		strvec_release(&cells[k]);
	free(cells);
}

/* Does every one of our rows fit the table's columns as they are? */
static int rows_fit(const struct rst_line *border, const struct locking_row *rows,
		    size_t nr_rows)
{
	struct strbuf scratch = STRBUF_INIT;
	size_t r;
	int fit = 1;

	for (r = 0; r < nr_rows && fit; r++)
		fit = !add_row(&scratch, border, &rows[r]);
	strbuf_release(&scratch);
	return fit;
}

/* Append our rows of rows[] that go after the method named after. */
static void add_rows_after(const struct ops_struct *st, const char *path,
			   size_t line, const struct rst_line *border,
			   struct locking_row *rows, size_t nr_rows,
			   const char *const *anchor, const char *after,
			   struct strbuf *out)
{
	size_t r;

	for (r = 0; r < nr_rows; r++) {
		if (rows[r].placed || !anchor[r] != !after ||
		    (after && strcmp(anchor[r], after)))
			continue;
		rows[r].placed = 1;
		if (add_row(out, border, &rows[r]))
			warning_at(path, line, "the %s row of templates/locking/"
				   "%s.rows does not fit the table's columns; "
				   "left out", rows[r].name, st->name);
	}
}

/* Has the document a section for the struct name? */
static int has_section(const struct api *api, const struct rst_lines *ls,
		       const char *name)
{
	size_t i;

	for (i = 0; i < ls->n; i++) {
		const struct ops_struct *st = locking_struct(api, ls, i);

		if (st && !strcmp(st->name, name))
			return 1;
	}
	return 0;
}

/*
 * Append the section of struct name from templates/locking/NAME.rst,
 * separated by a blank line, with its prototypes and rows filled in.
 */
static int add_section(const struct api *api, const char *ksrc,
		       const char *templates, const char *path,
		       const char *name, struct strbuf *out)
{
	struct strbuf tpath = STRBUF_INIT, text = STRBUF_INIT, sec = STRBUF_INIT;
	int ret = -1;

	strbuf_addf(&tpath, "%s/locking/%s.rst", templates, name);
	if (strbuf_read_file(&text, tpath.buf)) {
		error_at(tpath.buf, 0, "cannot read the section to add to %s: %s; "
			 "restore it from opsdoc's templates", path, strerror(errno));
		goto out;
	}
	if (locking_regenerate_only(api, ksrc, templates, tpath.buf, text.buf,
				    text.len, name, &sec))
		goto out;
	strbuf_rtrim(out);
	strbuf_adds(out, "\n\n");
	strbuf_add(out, sec.buf, sec.len);
	strbuf_rtrim(out);
	strbuf_adds(out, "\n\n");
	ret = 0;
out:
	strbuf_release(&tpath);
	strbuf_release(&text);
	strbuf_release(&sec);
	return ret;
}

int locking_regenerate_only(const struct api *api, const char *ksrc,
			    const char *templates, const char *path,
			    const char *text, size_t len, const char *only,
			    struct strbuf *out)
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
		size_t end, k, first, body_end, nr_protos, nr_rows, r;
		size_t top = 0, rows_at = 0, bottom = 0;
		struct strvec left_out = STRVEC_INIT;
		struct old_prototype *protos;
		struct locking_row *rows;
		const struct locking_added *added;
		const struct ops_struct *moved;
		const char **anchor;
		int table, relaid;

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
		strvec_init(&left_out);
		for (k = 0; k < nr_protos; k++)
			strvec_push(&old, protos[k].name);
		added = templates ? added_after(api, st) : NULL;
		moved = added ? find_struct_by_name(api, added->name) : NULL;
		nr_rows = read_rows(templates, st->name, &rows);
		anchor = xcalloc(nr_rows + 1, sizeof(*anchor));
		table = find_table(&ls, body_end, end, &top, &rows_at, &bottom);
		if (table) {
			const struct member *m;
			const char *last = NULL;

			/*
			 * A new method with no rule is left out: its row says
			 * what is held; ours follow the method before them.
			 */
			for_each_member(st, m) {
				if (m->kind != MEMBER_CALLBACK || strchr(m->name, '.'))
					continue;
				if (has_row(&ls, rows_at + 1, bottom, m->name)) {
					last = m->name;
					continue;
				}
				for (r = 0; r < nr_rows; r++)
					if (!strcmp(rows[r].name, m->name))
						break;
				if (r < nr_rows) {
					anchor[r] = last;
					continue;
				}
				if (strvec_find(&old, m->name) < 0) {
					note_at(path, i + 1, "%s.%s has no locking rule "
						"in templates/locking/%s.rows; its "
						"prototype is left out", st->name,
						m->name, st->name);
					strvec_push(&left_out, m->name);
				}
			}
		}

		/* Our rows' methods: the ones that have a row to place. */
		for (r = 0; r < nr_rows; r++)
			rows[r].placed = !table || has_row(&ls, rows_at + 1, bottom,
							  rows[r].name) ||
					 !find_member_by_name(st, rows[r].name);
		relaid = table && !rows_fit(&ls.v[top], rows, nr_rows);
		strbuf_add(out, text + at, offset_of(text, &ls, first) - at);
		add_prototypes(st, text, &ls, protos, nr_protos, &left_out, out);
		if (first == body_end)
			strbuf_addch(out, '\n');
		for (k = 0; k < nr_protos; k++)
			free(protos[k].name);
		free(protos);
		at = offset_of(text, &ls, body_end);
		/* The tables: drop the rows of members the header lost. */
		for (k = body_end; k < end; k++) {
			char w[128];

			if (relaid && k == top) {
				struct strvec drop = STRVEC_INIT;
				size_t d;

				strvec_init(&drop);
				for (d = top; d < bottom; d++) {
					first_word(&ls.v[d], w, sizeof(w));
					if (*w && !find_member_by_name(st, w) &&
					    ((moved && find_member_by_name(moved, w)) ||
					     (strvec_find(&old, w) >= 0 &&
					      !declared_in_header(ksrc, st, w))))
						strvec_push(&drop, w);
				}
				strbuf_add(out, text + at, offset_of(text, &ls, k) - at);
				add_relaid_table(&ls, top, rows_at, bottom, rows, nr_rows,
						 anchor, &drop, out);
				at = bottom + 1 < ls.n ? offset_of(text, &ls, bottom + 1) : len;
				k = bottom;
				strvec_release(&drop);
				continue;
			}
			if (table && (k == rows_at + 1 || k == bottom)) {
				strbuf_add(out, text + at, offset_of(text, &ls, k) - at);
				at = offset_of(text, &ls, k);
				add_rows_after(st, path, k + 1, &ls.v[top], rows,
					       nr_rows, anchor, NULL, out);
				/* Rows whose anchor was dropped go last. */
				if (k == bottom)
					for (r = 0; r < nr_rows; r++)
						if (!rows[r].placed && anchor[r])
							add_rows_after(st, path, k + 1,
								       &ls.v[top], rows, nr_rows,
								       anchor, anchor[r], out);
			}
			first_word(&ls.v[k], w, sizeof(w));
			if (moved && !rst_line_indent(&ls.v[k]) && *w &&
			    !find_member_by_name(st, w) && find_member_by_name(moved, w)) {
				note_at(path, k + 1, "%s.%s is in struct %s now; its row "
					"moves to that section", st->name, w, moved->name);
				strbuf_add(out, text + at, offset_of(text, &ls, k) - at);
				at = k + 1 < ls.n ? offset_of(text, &ls, k + 1) : len;
				continue;
			}
			if (!rst_line_indent(&ls.v[k]) && *w && strvec_find(&old, w) >= 0 &&
			    !find_member_by_name(st, w)) {
				if (declared_in_header(ksrc, st, w)) {
					note_at(path, k + 1, "%s.%s moved out of the struct, "
						"but its header still declares it; its row "
						"of the locking table is kept", st->name, w);
				} else {
					note_at(path, k + 1, "%s.%s is no longer in the "
						"header; its row of the locking table is "
						"dropped", st->name, w);
					strbuf_add(out, text + at, offset_of(text, &ls, k) - at);
					at = k + 1 < ls.n ? offset_of(text, &ls, k + 1) : len;
					continue;
				}
			}
			if (table && k > rows_at && k < bottom && *w &&
			    !rst_line_indent(&ls.v[k])) {
				size_t e = k + 1 < ls.n ? offset_of(text, &ls, k + 1) : len;

				strbuf_add(out, text + at, e - at);
				at = e;
				add_rows_after(st, path, k + 1, &ls.v[top], rows,
					       nr_rows, anchor, w, out);
			}
		}
		for (r = 0; r < nr_rows; r++)
			strvec_release(&rows[r].cells);
		free(rows);
		free(anchor);
		strvec_release(&left_out);
		strvec_release(&old);
		i = end - 1;
		if (added && !has_section(api, &ls, added->name)) {
			size_t e = end < ls.n ? offset_of(text, &ls, end) : len;

			strbuf_add(out, text + at, e - at);
			at = e;
			if (add_section(api, ksrc, templates, path, added->name, out))
				goto fail;
		}
	}
	strbuf_add(out, text + at, len - at);
	free(ls.v);
	if (!done) {
		error_at(path, 0, "no section of an ops struct with a prototypes:: "
			 "block; is this locking.rst?");
		return -1;
	}
	return 0;
fail:
	free(ls.v);
	return -1;
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
