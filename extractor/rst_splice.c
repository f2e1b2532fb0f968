// SPDX-License-Identifier: GPL-2.0
/*
 * rst_splice.c - splice a regenerated "struct file_operations" section into
 * Documentation/filesystems/vfs.rst.
 *
 * The section runs from its heading to the next heading. Inside it three
 * parts are regenerated from the model: the kernel version in "As of
 * kernel X.Y", the body of the first code block (the header's own text of
 * the struct) and the run of member descriptions (````name```` followed by
 * an indented body). Everything else, in the section and around it, is
 * copied byte for byte.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model.h"
#include "rst_read.h"
#include "util.h"
#include "rst_splice.h"

static int line_is(const struct rst_line *l, const char *s)
{
	return l->len == strlen(s) && !memcmp(l->s, s, l->len);
}

static size_t offset_of(const char *text, const struct rst_lines *ls, size_t i)
{
	return i < ls->n ? (size_t)(ls->v[i].s - text) : (size_t)-1;
}

struct upstream_entry {
	char name[64];
	size_t first, last;	/* body lines */
};

/* Replace "As of kernel X.Y" (the words may wrap) with the series. */
static void add_with_version(struct strbuf *out, const char *s, size_t n,
			     const char *version)
{
	static const char key[] = "As of kernel";
	const char *p = s, *end = s + n, *hit;
	size_t series = strlen(version);
	const char *dot = strchr(version, '.');

	if (dot && (dot = strchr(dot + 1, '.')))
		series = dot - version;
	while ((hit = memmem(p, end - p, key, sizeof(key) - 1)) != NULL) {
		const char *v = hit + sizeof(key) - 1, *ve;

		while (v < end && isspace((unsigned char)*v))
			v++;
		ve = v;
		while (ve < end && (isdigit((unsigned char)*ve) || *ve == '.'))
			ve++;
		while (ve > v && ve[-1] == '.')
			ve--;
		strbuf_add(out, p, v - p);
		if (ve > v && isdigit((unsigned char)*v))
			strbuf_add(out, version, series);
		else
			strbuf_add(out, v, ve - v);
		p = ve;
	}
	strbuf_add(out, p, end - p);
}

static int find_section(const char *path, const struct rst_lines *ls,
			size_t *start, size_t *end)
{
	size_t i, found = 0;

	for (i = 0; i < ls->n; i++) {
		if (!line_is(&ls->v[i], "struct file_operations") || !rst_line_title(ls, i))
			continue;
		if (found) {
			error_at(path, i + 1, "a second \"struct file_operations\" "
				 "section (the first is at line %zu); keep one",
				 *start + 1);
			return -1;
		}
		found = 1;
		*start = i;
	}
	if (!found) {
		error_at(path, 0, "no \"struct file_operations\" section (a title "
			 "line with an underline); is this vfs.rst?");
		return -1;
	}
	for (i = *start + 2; i < ls->n; i++) {
		if (rst_line_title(ls, i))
			break;
		/* An overlined title starts at its overline. */
		if (rst_line_adornment(&ls->v[i]) && i + 2 < ls->n &&
		    rst_line_adornment(&ls->v[i + 2]) && !rst_line_blank(&ls->v[i + 1]))
			break;
	}
	*end = i;
	return 0;
}

/* The description of member m: our template, else upstream's, else none. */
static int add_entry(const struct expand_env *env, const char *templates_dir,
		     const struct member *m, const struct rst_lines *ls, const struct upstream_entry *up,
		     size_t nr_up, struct strbuf *out, int *described)
{
	struct strbuf path = STRBUF_INIT;
	struct stat st;
	size_t i;
	int ret = 0;

	*described = 1;
	strbuf_addf(&path, "%s/members/file_operations/%s.md", templates_dir,
		    m->name);
	if (!stat(path.buf, &st)) {
		strbuf_addf(out, "``%s``\n", m->name);
		ret = expand_template(env, path.buf, "\t", out);
		goto out;
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

int vfs_regenerate(const struct expand_env *env, const char *templates_dir,
		   const char *path, const char *text, size_t len,
		   struct strbuf *out)
{
	const struct api *api = env->api;
	const struct ops_struct *fops = find_struct_by_name(api, "file_operations");
	struct upstream_entry *up = NULL;
	size_t nr_up = 0, start = 0, end = 0, i, code = 0, body_first, body_end;
	size_t entries_first = 0, entries_end = 0;
	struct rst_lines ls;
	const struct member *m;
	int ret = -1, any_entry = 0;

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
	if (find_section(path, &ls, &start, &end))
		goto out;

	/* The first code block: its directive line, then its body. */
	for (i = start + 2; i < end; i++) {
		const struct rst_line *l = &ls.v[i];

		if (!rst_line_indent(l) && l->len >= 2 &&
		    ((l->len >= 15 && !memcmp(l->s, ".. code-block::", 15)) ||
		     !memcmp(l->s + l->len - 2, "::", 2))) {
			code = i;
			break;
		}
	}
	if (!code) {
		error_at(path, start + 1, "the struct file_operations section "
			 "has no code block for the listing");
		goto out;
	}
	body_first = code + 1;
	for (body_end = body_first; body_end < end; body_end++)
		if (!rst_line_blank(&ls.v[body_end]) && !(rst_line_indent(&ls.v[body_end]) > 0))
			break;
	while (body_end > body_first && rst_line_blank(&ls.v[body_end - 1]))
		body_end--;

	/* The run of member descriptions after it. */
	for (i = body_end; i < end; i++) {
		char name[64];

		if (!rst_line_term(&ls.v[i], name, sizeof(name))) {
			if (nr_up && !rst_line_blank(&ls.v[i]))
				break;
			continue;
		}
		if (!nr_up)
			entries_first = i;
		up = xrealloc(up, (nr_up + 1) * sizeof(*up));
		strcpy(up[nr_up].name, name);
		up[nr_up].first = i + 1;
		for (i++; i < end && (rst_line_blank(&ls.v[i]) || (rst_line_indent(&ls.v[i]) > 0)); i++)
			;
		up[nr_up].last = i - 1;
		/* first >= 1: this cannot wrap; a blank body ends below first. */
		while (up[nr_up].last >= up[nr_up].first &&
		       rst_line_blank(&ls.v[up[nr_up].last]))
			up[nr_up].last--;
		entries_end = up[nr_up].last + 1;
		nr_up++;
		i--;
	}
	if (!nr_up) {
		error_at(path, body_end + 1, "no member descriptions (``name`` "
			 "lines) after the listing");
		goto out;
	}
	for (i = 0; i < nr_up; i++)
		if (!find_member_by_name(fops, up[i].name))
			note_at(path, up[i].first,
				"file_operations.%s is no longer in the header; "
				"its description is dropped", up[i].name);

	/* Up to the section as it was, then up to the listing with the
	 * section's version claim brought up to date. */
	strbuf_add(out, text, offset_of(text, &ls, start));
	add_with_version(out, text + offset_of(text, &ls, start),
			 offset_of(text, &ls, body_first) - offset_of(text, &ls, start),
			 api->version);
	strbuf_adds(out, "\n");
	strbuf_add_indented(out, fops->source, "\t");
	/* From the listing to the first description, as it was. */
	strbuf_add(out, text + offset_of(text, &ls, body_end),
		   offset_of(text, &ls, entries_first) - offset_of(text, &ls, body_end));
	for_each_member(fops, m) {
		struct strbuf entry = STRBUF_INIT;
		int described, failed;

		failed = add_entry(env, templates_dir, m, &ls, up, nr_up, &entry,
				   &described);
		if (!failed && described) {
			if (any_entry)
				strbuf_addch(out, '\n');
			strbuf_add(out, entry.buf, entry.len);
			any_entry = 1;
		} else if (!failed) {
			warning_at(path, start + 1, "file_operations.%s has no "
				   "description; write templates/members/"
				   "file_operations/%s.md", m->name, m->name);
		}
		strbuf_release(&entry);
		if (failed)
			goto out;
	}
	/* Everything after the descriptions, as it was. */
	i = entries_end < ls.n ? offset_of(text, &ls, entries_end) : len;
	strbuf_add(out, text + i, len - i);
	ret = 0;
out:
	free(up);
	free(ls.v);
	return ret;
}
