// SPDX-License-Identifier: GPL-2.0
/*
 * doc_locking.c - locking.rst: each section titled by an ops struct of the
 * model has a "prototypes::" block and a table of locking rules. The block
 * follows the header (old prototypes keep their place and, when the header
 * spells them the same, their lines), every method gets a row (ours from
 * templates/locking/STRUCT.rows), and sections the tree's headers call for
 * are added (lease_manager_operations). Nothing else changes.
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
 * locking.rst: each section titled by an ops struct of the model (its
 * first word: "xattr_handler operations") has a "prototypes::" block. The
 * block becomes the struct's callbacks as the header spells them, and a
 * row of the section's locking tables that names a member the block used
 * to list and the header no longer has is dropped. Nothing else changes.
 */

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
			/* A ';' ends the prototype, whatever its typos. */
			if (*c == ';')
				depth = 0;
		}
	}
	return n;
}

/*
 * Append the prototypes block of st: the members the old block listed
 * where they were, in its own words and wrapping unless the header
 * changed them; the new ones where the header's order puts them.
 */
/*
 * Drop the C comments of a prototype's source ("/\* Get project ID *\/"
 * after it in the header): a prototypes block lists the calls, and the
 * header's notes stay in the header.
 */
static void drop_comments(struct strbuf *src)
{
	char *c, *e;

	while ((c = strstr(src->buf, "/*")) && (e = strstr(c + 2, "*/"))) {
		e += 2;
		memmove(c, e, src->buf + src->len - e + 1);
		src->len -= e - c;
		while (c > src->buf && (c[-1] == ' ' || c[-1] == '\t') &&
		       (*c == '\0' || *c == '\n')) {
			memmove(c - 1, c, src->buf + src->len - c + 1);
			src->len--;
			c--;
		}
	}
}

static void add_prototypes(const struct ops_struct *st, const char *text,
			   const struct rst_lines *ls,
			   const struct old_prototype *old, size_t nr_old,
			   const struct strvec *left_out, struct strbuf *out)
{
	const struct member **cb = xcalloc(st->nr_members + 1, sizeof(*cb));
	long *rank = xcalloc(st->nr_members + 1, sizeof(*rank));
	size_t *order = xcalloc(st->nr_members + 1, sizeof(*order));
	const char **names;
	size_t n = 0, i, k;
	const struct member *m;

	for_each_member(st, m)
		if (m->kind == MEMBER_CALLBACK && !strchr(m->name, '.') &&
		    strvec_find(left_out, m->name) < 0)
			cb[n++] = m;
	names = xcalloc(nr_old + 1, sizeof(*names));
	for (k = 0; k < nr_old; k++)
		names[k] = old[k].name;
	proto_order(cb, n, names, nr_old, rank, order);
	for (i = 0; i < n; i++) {
		struct strbuf src = STRBUF_INIT;

		proto_member_source(st, cb[order[i]], &src);
		drop_comments(&src);
		if (rank[order[i]] >= 0) {
			const struct old_prototype *o = &old[rank[order[i]]];

			proto_add_kept(out, src.buf, text, ls, o->first, o->end, 1);
		} else {
			proto_add_wrapped(out, src.buf);
		}
		strbuf_release(&src);
	}
	free(names);
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
	rst_first_word(&ls->v[i], name, sizeof(name));
	if (!strcmp(name, "struct")) {
		struct rst_line rest = { ls->v[i].s + 7, ls->v[i].len - 7 };

		if (ls->v[i].len > 7)
			rst_first_word(&rest, name, sizeof(name));
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
		end = rst_section_end(&ls, i);
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
	int replace;	/* "!name:": it corrects the table's own row */
};

/*
 * The rows of templates/locking/STRUCT.rows: one a line, cells split at
 * "|", the first naming the method as the table does ("name:"); "#" lines
 * and blank lines are skipped, and a "# call path" after a row is the
 * log's (series_msg.c). 0 rows when there is no such file.
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
		const char *e = strchrnul(p, '\n'), *c = p, *next = *e ? e + 1 : e;
		const char *hash = memchr(p, '#', e - p);
		struct locking_row *r;

		if (e == p || *p == '#') {
			p = next;
			continue;
		}
		/* "# callers": the row's call path, for the log. */
		if (hash)
			e = hash;
		*out = xrealloc(*out, (n + 1) * sizeof(**out));
		r = &(*out)[n++];
		memset(r, 0, sizeof(*r));
		strvec_init(&r->cells);
		if (*c == '!') {
			r->replace = 1;
			c++;
		}
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
		p = next;
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
	return n;
}

/*
 * Append row r laid out in the columns of border b: each cell at its
 * column's start, reached with tabs where the document's tab stops allow.
 * -1 when a cell (but the last) does not fit its column.
 */
static int add_row(struct strbuf *out, const struct rst_line *b,
		   const struct locking_row *r)
{
	size_t starts[16], widths[16], nr = rst_border_columns(b, starts, widths, 16);

	return rst_add_cells(out, &r->cells, starts, widths, nr);
}

/* Our correction of the table's row for name, marked placed; or NULL. */
static struct locking_row *correction(struct locking_row *rows, size_t nr_rows,
				      const char *name)
{
	size_t r;

	for (r = 0; r < nr_rows; r++)
		if (rows[r].replace && !rows[r].placed && !strcmp(rows[r].name, name)) {
			rows[r].placed = 1;
			return &rows[r];
		}
	return NULL;
}

/* Is there a row for name in lines from..end-1 of the table? */
static int has_row(const struct rst_lines *ls, size_t from, size_t end,
		   const char *name)
{
	char w[128];

	for (; from < end; from++) {
		rst_first_word(&ls->v[from], w, sizeof(w));
		if (!rst_line_indent(&ls->v[from]) && !strcmp(w, name))
			return 1;
	}
	return 0;
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
	struct locking_row *fix;

	nr = rst_border_columns(&ls->v[top], starts, widths, 16);
	memcpy(nw, widths, sizeof(widths));
	for (k = top + 1; k < bottom; k++)
		if (k != rows_at) {
			rst_cut_cells(&ls->v[k], starts, nr, &cells[k - top]);
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
			rst_add_border(out, ns, nw, nr);
			if (k == rows_at)
				goto after;
			continue;
		}
		rst_first_word(&ls->v[k], w, sizeof(w));
		if (k > rows_at && strvec_find(drop, w) >= 0)
			continue;
		fix = k > rows_at ? correction(rows, nr_rows, w) : NULL;
		rst_add_cells(out, fix ? &fix->cells : &cells[k - top], ns, nw, nr);
		if (k < rows_at)
			continue;
after:
		for (r = 0; r < nr_rows; r++) {
			if (rows[r].placed || rows[r].replace ||
			    (k == rows_at ? anchor[r] != NULL :
			     !anchor[r] || strcmp(anchor[r], w)))
				continue;
			rows[r].placed = 1;
			rst_add_cells(out, &rows[r].cells, ns, nw, nr);
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
		if (rows[r].placed || rows[r].replace || !anchor[r] != !after ||
		    (after && strcmp(anchor[r], after)))
			continue;
		rows[r].placed = 1;
		if (add_row(out, border, &rows[r]))
			warning_at(path, line, "the %s row of templates/locking/"
				   "%s.rows does not fit the table's columns; "
				   "left out", rows[r].name, st->name);
	}
}

/*
 * A paragraph of ours for the text after a section's locking rules: it
 * replaces the section's paragraph that opens with "->name()" (replace),
 * or with the text name when quoted (opening), or is added before the
 * first "->name()" paragraph.
 */
struct locking_note {
	char name[64];
	struct strbuf text;
	int replace;
	int opening;
	int placed;
};

/*
 * Does the header of st, in ksrc, have the identifier word? "FILE:WORD"
 * asks the tree's FILE instead.
 */
static int header_has(const char *ksrc, const struct ops_struct *st,
		      const char *word)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	const char *colon = strchr(word, ':');
	size_t n;
	const char *p;
	int found = 0;

	if (!ksrc || (!st->file && !colon))
		return 0;
	if (colon) {
		strbuf_addf(&path, "%s/%.*s", ksrc, (int)(colon - word), word);
		word = colon + 1;
	} else {
		strbuf_addf(&path, "%s/%s", ksrc, st->file);
	}
	n = strlen(word);
	if (!strbuf_read_file(&text, path.buf))
		for (p = text.buf; !found && (p = strstr(p, word)); p += n)
			found = (p == text.buf || !(isalnum((unsigned char)p[-1]) ||
						      p[-1] == '_')) &&
				!(isalnum((unsigned char)p[n]) || p[n] == '_');
	strbuf_release(&path);
	strbuf_release(&text);
	return found;
}

/*
 * The name of the note that replaces the indented summary under a
 * section's "locking rules:" ("All may block."), when a paragraph below
 * makes exceptions to it.
 */
#define RULES_NOTE "rules"

/*
 * Put note in place of the lines from k up to a blank line: the text up
 * to line k goes out, then the note; *at moves past those lines. The
 * last line replaced.
 */
static size_t put_note(const char *text, size_t len, const struct rst_lines *ls,
		       size_t k, size_t end, struct locking_note *note,
		       size_t *at, struct strbuf *out)
{
	note->placed = 1;
	strbuf_add(out, text + *at, rst_offset(text, ls, k) - *at);
	strbuf_add(out, note->text.buf, note->text.len);
	while (k < end && !rst_line_blank(&ls->v[k]))
		k++;
	*at = k < ls->n ? rst_offset(text, ls, k) : len;
	return k - 1;
}

/* Is line l the text s, but for trailing blanks? */
static int line_is(const struct rst_line *l, const char *s)
{
	size_t n = l->len;

	while (n && (l->s[n - 1] == ' ' || l->s[n - 1] == '\t'))
		n--;
	return n == strlen(s) && !memcmp(l->s, s, n);
}

/*
 * Replace the lines that open at line k by the note of notes[] that is
 * theirs, if there is one not yet placed: after "locking rules:", the
 * summary there by the "!rules" note; after the table (tail), the
 * paragraph that opens with a quoted note's text by that note. The text
 * up to line k goes out, then the note; *at moves past the lines. The
 * last line replaced, or k - 1 when nothing is.
 */
static size_t add_note_at(const char *text, size_t len,
			  const struct rst_lines *ls, size_t k, size_t end,
			  int tail, struct locking_note *notes, size_t nr,
			  size_t *at, struct strbuf *out)
{
	const struct rst_line *l = &ls->v[k];
	int rules = k && line_is(&ls->v[k - 1], "locking rules:") &&
		    rst_line_indent(l);
	size_t r;

	if (!rules && (!tail || (k && !rst_line_blank(&ls->v[k - 1]))))
		return k - 1;
	for (r = 0; r < nr; r++) {
		size_t n = strlen(notes[r].name);

		if (!notes[r].replace || notes[r].placed)
			continue;
		if (rules ? !notes[r].opening && !strcmp(notes[r].name, RULES_NOTE) :
		    notes[r].opening && l->len >= n && !memcmp(l->s, notes[r].name, n))
			return put_note(text, len, ls, k, end, &notes[r], at, out);
	}
	return k - 1;
}

/*
 * The notes of templates/locking/STRUCT.notes that apply to this tree: a
 * "[!]name [if WORD]: why" line, then the paragraph up to a blank line;
 * "#" lines between notes are skipped. A note applies when name is a
 * method of st and WORD, if given, is in its header. 0 notes when there
 * is no such file.
 */
static size_t read_notes(const char *ksrc, const char *templates,
			 const struct ops_struct *st, struct locking_note **out)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct locking_note *n = NULL;
	const char *p;
	size_t nr = 0;

	*out = NULL;
	if (!templates)
		return 0;
	strbuf_addf(&path, "%s/locking/%s.notes", templates, st->name);
	if (strbuf_read_file(&text, path.buf))
		goto out;
	for (p = text.buf; *p; ) {
		const char *e = strchrnul(p, '\n');

		if (e == p) {
			n = NULL;
		} else if (n) {
			strbuf_add(&n->text, p, e - p + !!*e);
		} else if (*p != '#') {
			const char *c = p + (*p == '!'), *cond;
			char word[64] = "";

			*out = xrealloc(*out, (nr + 1) * sizeof(**out));
			n = &(*out)[nr++];
			memset(n, 0, sizeof(*n));
			strbuf_init(&n->text);
			n->replace = *p == '!';
			n->opening = n->replace && *c == '"';
			if (n->opening) {
				c++;
				snprintf(n->name, sizeof(n->name), "%.*s",
					 (int)strcspn(c, "\"\n"), c);
				c += strcspn(c, "\"\n");
				c += *c == '"';
			} else {
				snprintf(n->name, sizeof(n->name), "%.*s",
					 (int)strcspn(c, ": \t\n"), c);
			}
			cond = c + strcspn(c, ": \t\n");
			cond += strspn(cond, " \t");
			if (!strncmp(cond, "if ", 3)) {
				size_t wn;

				/* WORD or FILE:WORD, then ":" and the why. */
				cond += 3 + strspn(cond + 3, " \t");
				wn = strcspn(cond, " \t\n");
				if (wn && cond[wn - 1] == ':')
					wn--;
				snprintf(word, sizeof(word), "%.*s", (int)wn, cond);
			}
			/*
			 * Not for this tree: skip its paragraph. "!rules"
			 * names no method: it replaces the rules' summary.
			 */
			if ((!n->opening && strcmp(n->name, RULES_NOTE) &&
			     !find_member_by_name(st, n->name)) ||
			    (*word && !header_has(ksrc, st, word)))
				n->placed = -1;
		}
		p = *e ? e + 1 : e;
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
	return nr;
}

/*
 * The method a paragraph opening at line k is about ("->name()" at its
 * start), into name; 0 when line k opens no such paragraph.
 */
static int note_paragraph(const struct rst_lines *ls, size_t k, char *name,
			  size_t size)
{
	const struct rst_line *l = &ls->v[k];
	size_t n;

	if ((k && !rst_line_blank(&ls->v[k - 1])) || l->len < 4 ||
	    memcmp(l->s, "->", 2))
		return 0;
	n = strspn(l->s + 2, "abcdefghijklmnopqrstuvwxyz_0123456789");
	if (!n || n >= size || n + 2 >= l->len || l->s[n + 2] != '(')
		return 0;
	memcpy(name, l->s + 2, n);
	name[n] = '\0';
	return 1;
}

/* Append our added notes not yet placed, each followed by a blank line. */
static void add_new_notes(struct locking_note *notes, size_t nr,
			  struct strbuf *out)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		if (notes[i].replace || notes[i].placed)
			continue;
		notes[i].placed = 1;
		strbuf_add(out, notes[i].text.buf, notes[i].text.len);
		strbuf_addch(out, '\n');
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
		struct locking_note *notes;
		size_t nr_notes;
		const struct locking_added *added;
		const struct ops_struct *moved;
		const char **anchor;
		int table, relaid;

		st = locking_struct(api, &ls, i);
		if (!st)
			continue;
		end = rst_section_end(&ls, i);
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
		nr_notes = read_notes(ksrc, templates, st, &notes);
		anchor = xcalloc(nr_rows + 1, sizeof(*anchor));
		table = rst_find_table(&ls, body_end, end, &top, &rows_at, &bottom);
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
		for (r = 0; r < nr_rows; r++) {
			int own = table && has_row(&ls, rows_at + 1, bottom,
						  rows[r].name);

			/* A correction takes the place of the table's own row. */
			rows[r].replace &= own;
			rows[r].placed = !table || (own && !rows[r].replace) ||
					 !find_member_by_name(st, rows[r].name);
		}
		relaid = table && !rows_fit(&ls.v[top], rows, nr_rows);
		strbuf_add(out, text + at, rst_offset(text, &ls, first) - at);
		add_prototypes(st, text, &ls, protos, nr_protos, &left_out, out);
		if (first == body_end)
			strbuf_addch(out, '\n');
		for (k = 0; k < nr_protos; k++)
			free(protos[k].name);
		free(protos);
		at = rst_offset(text, &ls, body_end);
		/* The tables: drop the rows of members the header lost. */
		for (k = body_end; k < end; k++) {
			char w[128];

			if (k > body_end) {
				size_t last = add_note_at(text, len, &ls, k, end,
							  !table || k > bottom,
							  notes, nr_notes, &at, out);

				if (last >= k) {
					k = last;
					continue;
				}
			}
			if ((!table || k > bottom) &&
			    note_paragraph(&ls, k, w, sizeof(w))) {
				strbuf_add(out, text + at, rst_offset(text, &ls, k) - at);
				at = rst_offset(text, &ls, k);
				add_new_notes(notes, nr_notes, out);
				for (r = 0; r < nr_notes; r++) {
					if (!notes[r].replace || notes[r].placed ||
					    strcmp(notes[r].name, w))
						continue;
					notes[r].placed = 1;
					strbuf_add(out, notes[r].text.buf, notes[r].text.len);
					while (k < end && !rst_line_blank(&ls.v[k]))
						k++;
					at = k < ls.n ? rst_offset(text, &ls, k) : len;
					break;
				}
				continue;
			}
			if (relaid && k == top) {
				struct strvec drop = STRVEC_INIT;
				size_t d;

				strvec_init(&drop);
				for (d = top; d < bottom; d++) {
					rst_first_word(&ls.v[d], w, sizeof(w));
					if (*w && !find_member_by_name(st, w) &&
					    ((moved && find_member_by_name(moved, w)) ||
					     (strvec_find(&old, w) >= 0 &&
					      !declared_in_header(ksrc, st, w))))
						strvec_push(&drop, w);
				}
				strbuf_add(out, text + at, rst_offset(text, &ls, k) - at);
				add_relaid_table(&ls, top, rows_at, bottom, rows, nr_rows,
						 anchor, &drop, out);
				at = bottom + 1 < ls.n ? rst_offset(text, &ls, bottom + 1) : len;
				k = bottom;
				strvec_release(&drop);
				continue;
			}
			if (table && (k == rows_at + 1 || k == bottom)) {
				strbuf_add(out, text + at, rst_offset(text, &ls, k) - at);
				at = rst_offset(text, &ls, k);
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
			rst_first_word(&ls.v[k], w, sizeof(w));
			if (moved && !rst_line_indent(&ls.v[k]) && *w &&
			    !find_member_by_name(st, w) && find_member_by_name(moved, w)) {
				note_at(path, k + 1, "%s.%s is in struct %s now; its row "
					"moves to that section", st->name, w, moved->name);
				strbuf_add(out, text + at, rst_offset(text, &ls, k) - at);
				at = k + 1 < ls.n ? rst_offset(text, &ls, k + 1) : len;
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
					strbuf_add(out, text + at, rst_offset(text, &ls, k) - at);
					at = k + 1 < ls.n ? rst_offset(text, &ls, k + 1) : len;
					continue;
				}
			}
			if (table && k > rows_at && k < bottom && *w &&
			    !rst_line_indent(&ls.v[k])) {
				size_t e = k + 1 < ls.n ? rst_offset(text, &ls, k + 1) : len;
				struct locking_row *fix = correction(rows, nr_rows, w);

				if (fix) {
					strbuf_add(out, text + at, rst_offset(text, &ls, k) - at);
					add_row(out, &ls.v[top], fix);
				} else {
					strbuf_add(out, text + at, e - at);
				}
				at = e;
				add_rows_after(st, path, k + 1, &ls.v[top], rows,
					       nr_rows, anchor, w, out);
			}
		}
		/* Added notes with no "->" paragraph to precede: last. */
		for (r = 0; r < nr_notes && notes[r].placed; r++)
			;
		if (r < nr_notes) {
			for (k = end; k > body_end && rst_line_blank(&ls.v[k - 1]); k--)
				;
			if (rst_offset(text, &ls, k - 1) >= at) {
				size_t e = k < ls.n ? rst_offset(text, &ls, k) : len;

				strbuf_add(out, text + at, e - at);
				at = e;
				if (k == ls.n && len && text[len - 1] != '\n')
					strbuf_addch(out, '\n');
				strbuf_addch(out, '\n');
				for (r = 0; r < nr_notes; r++)
					if (!notes[r].replace && !notes[r].placed) {
						notes[r].placed = 1;
						strbuf_add(out, notes[r].text.buf,
							   notes[r].text.len);
					}
			}
		}
		for (r = 0; r < nr_notes; r++) {
			if (!notes[r].placed && notes[r].replace)
				warning_at(path, i + 1, "templates/locking/%s.notes: "
					   "no paragraph opens with \"%s%s%s\"; "
					   "its note is left out", st->name,
					   notes[r].opening ? "" : "->", notes[r].name,
					   notes[r].opening ? "" : "()");
			strbuf_release(&notes[r].text);
		}
		free(notes);
		for (r = 0; r < nr_rows; r++)
			strvec_release(&rows[r].cells);
		free(rows);
		free(anchor);
		strvec_release(&left_out);
		strvec_release(&old);
		i = end - 1;
		if (added && !has_section(api, &ls, added->name)) {
			size_t e = end < ls.n ? rst_offset(text, &ls, end) : len;

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
 * locking.rst: one step per section with a prototypes block, in the
 * document's order, so that each can go to the people who take its struct.
 */
int doc_locking_rewrite(const struct expand_env *env, const char *ksrc,
			const char *templates, struct rewrites *r, size_t d)
{
	struct strvec names = STRVEC_INIT;
	const char *path = r->docs[d].path;
	struct strbuf next = STRBUF_INIT;
	size_t i;
	int ret = -1;

	strvec_init(&names);
	locking_sections(env->api, r->docs[d].text.buf, r->docs[d].text.len, &names);
	if (!names.nr) {
		/* The error that names what is missing. */
		if (locking_regenerate(env->api, ksrc, path, r->docs[d].text.buf,
				       r->docs[d].text.len, &next))
			goto out;
	}
	for (i = 0; i < names.nr; i++) {
		strbuf_init(&next);
		if (locking_regenerate_only(env->api, ksrc, templates, path,
					    r->docs[d].text.buf, r->docs[d].text.len,
					    names.v[i], &next))
			goto out;
		rewrite_add_step(r, d, REWRITE_PROTOTYPES, names.v[i], &next);
	}
	ret = 0;
out:
	strbuf_release(&next);
	strvec_release(&names);
	return ret;
}
