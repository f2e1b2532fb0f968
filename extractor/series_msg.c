// SPDX-License-Identifier: GPL-2.0
/*
 * series_msg.c - what each patch of a series says, from what its diff
 * changes (series_diff.c): members, prototypes, descriptions and locking
 * rules, each by name; and the cover letter of each tree's series. Plain
 * text, wrapped.
 */
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "doc.h"
#include "series_msg.h"
#include "strvec.h"
#include "util.h"

/* A subject line, "docs: " and all, keeps to this (a reader's mailer). */
#define SUBJECT_COLUMNS 75

/* "a, b and c". */
static void add_names(struct strbuf *sb, const struct strvec *names)
{
	size_t i;

	for (i = 0; i < names->nr; i++) {
		if (i)
			strbuf_adds(sb, i + 1 == names->nr ? " and " : ", ");
		strbuf_adds(sb, names->v[i]);
	}
}

/* A list: "- " items, each but the last ending in ';', then a blank line. */
static void add_items(struct strbuf *body, const struct strvec *items)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < items->nr; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%c", items->v[i], i + 1 < items->nr ? ';' : '.');
		strbuf_add_wrapped(body, sb.buf, MSG_COLUMNS, "- ", "  ");
	}
	if (items->nr)
		strbuf_addch(body, '\n');
	strbuf_release(&sb);
}

/* One item "WHAT: a, b and c", when there are names. */
static void push_item(struct strvec *items, const char *what,
		      const struct strvec *names)
{
	struct strbuf sb = STRBUF_INIT;

	if (!names->nr)
		return;
	strbuf_addf(&sb, "%s: ", what);
	add_names(&sb, names);
	strvec_push_owned(items, strbuf_detach(&sb));
}

static void add_paragraph(struct strbuf *body, const char *text)
{
	strbuf_add_wrapped(body, text, MSG_COLUMNS, "", "");
	strbuf_addch(body, '\n');
}

/* "vfs" of "Documentation/filesystems/vfs.rst". */
static void doc_stem(const char *rel, struct strbuf *out)
{
	const char *slash = strrchr(rel, '/'), *b = slash ? slash + 1 : rel;

	strbuf_add(out, b, strcspn(b, "."));
}

static const char *doc_base(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash ? slash + 1 : rel;
}

static const char *header_of(const struct api *api, const char *st)
{
	const struct ops_struct *s = find_struct_by_name(api, st);

	return s && s->file ? s->file : NULL;
}

/* A step of series --listings: an edit of one struct's listings. */
static int listing_fix(const struct rewrites *r, size_t step)
{
	return r->steps[step].kind == REWRITE_LISTINGS && r->steps[step].struct_name;
}

static int has_names(const struct struct_change *sc)
{
	struct strvec v = STRVEC_INIT;
	int n;

	strvec_init(&v);
	struct_change_names(sc, &v);
	n = v.nr || sc->stamps.nr;
	strvec_release(&v);
	return n;
}

/* "name (why)". */
static char *name_why(const char *name, const char *why)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s (%s)", name, why);
	return strbuf_detach(&sb);
}

/*
 * The call path templates/locking/STRUCT.rows gives for the row of name:
 * the text after "#" on its line; "" when none.
 */
static void row_why(const char *templates, const char *st, const char *name,
		    struct strbuf *why)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	size_t n = strlen(name);
	const char *p;

	strbuf_reset(why);
	strbuf_addf(&path, "%s/locking/%s.rows", templates, st);
	if (!strbuf_read_file(&text, path.buf))
		for (p = text.buf; *p && !why->len; p = strchrnul(p, '\n'), p += !!*p) {
			const char *c = p + (*p == '!'), *e = strchrnul(p, '\n');
			const char *hash = memchr(c, '#', e - c);

			if (*p == '#' || strncmp(c, name, n) || !hash ||
			    (c[n] != ':' && c[n] != ' ' && c[n] != '\t'))
				continue;
			hash += 1 + strspn(hash + 1, " ");
			strbuf_add(why, hash, e - hash);
			strbuf_rtrim(why);
		}
	strbuf_release(&path);
	strbuf_release(&text);
}

/*
 * The names of v, each with its reason when templates give one: "name
 * (why)"; rows: a locking row's call path, else a description's reason.
 */
static void names_why(const char *templates, const struct strvec *v,
		      const char *st, int rows, struct strvec *out)
{
	struct strbuf key = STRBUF_INIT, why = STRBUF_INIT;
	size_t i;

	for (i = 0; i < v->nr; i++) {
		strbuf_reset(&key);
		strbuf_addf(&key, "%s.%s", st, v->v[i]);
		if (rows) {
			row_why(templates, st, v->v[i], &why);
		} else {
			strbuf_reset(&why);
			if (!member_list_reason(templates,
						"members/corrections", key.buf,
						&why, NULL))
				member_list_reason(templates,
						   "members/additions", key.buf,
						   &why, NULL);
		}
		if (why.len)
			strvec_push_owned(out, name_why(v->v[i], why.buf));
		else
			strvec_push(out, v->v[i]);
	}
	strbuf_release(&key);
	strbuf_release(&why);
}

/* The items of one struct's changes. */
static void struct_items(const char *templates, const struct struct_change *sc,
			 int protos, struct strvec *items)
{
	struct strvec named = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_addf(&sb, "add the members the %s lacked",
		    protos ? "prototypes block" : "listing");
	push_item(items, sb.buf, &sc->added);
	push_item(items, "drop the members the struct does not have", &sc->gone);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "write these %s as the header has them",
		    protos ? "prototypes" : "declarations");
	strvec_init(&named);
	for (i = 0; i < sc->protos.nr; i++)
		strvec_push_owned(&named, sc->protos_why.v[i][0] ?
				  name_why(sc->protos.v[i], sc->protos_why.v[i]) :
				  xstrdup(sc->protos.v[i]));
	push_item(items, sb.buf, &named);
	strvec_release(&named);
	push_item(items, "add the ';' that these declarations lacked", &sc->semis);
	push_item(items, "fix the misspelt heading of these descriptions",
		  &sc->headings);
	push_item(items, "fix the misspelt heading of these descriptions and "
		  "rewrite them to match the code", &sc->headings_rewritten);
	strvec_init(&named);
	names_why(templates, &sc->desc_added, sc->name, 0, &named);
	push_item(items, "describe the members that had no description", &named);
	strvec_release(&named);
	strvec_init(&named);
	names_why(templates, &sc->desc_rewritten, sc->name, 0, &named);
	push_item(items, "correct or complete these descriptions", &named);
	strvec_release(&named);
	push_item(items, "drop the descriptions of the members the struct no longer has",
		  &sc->desc_dropped);
	strvec_init(&named);
	names_why(templates, &sc->rows_added, sc->name, 1, &named);
	push_item(items, "add the locking rules of the methods that had none, "
		  "each from its callers", &named);
	strvec_release(&named);
	push_item(items, "drop the locking rules of the methods the struct no longer has",
		  &sc->rows_gone);
	strvec_init(&named);
	names_why(templates, &sc->rows_changed, sc->name, 1, &named);
	push_item(items, "change these locking rules to match the code", &named);
	strvec_release(&named);
	for (i = 0; i < sc->stamps.nr; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "drop \"%s\", which goes stale with each release",
			    sc->stamps.v[i]);
		strvec_push(items, sb.buf);
	}
	strbuf_release(&sb);
}

/*
 * The subject after "docs: DOC: ": the fix that matters most to a reader
 * (new descriptions, corrected ones, new locking rules, corrected ones,
 * then the declarations), naming the structs while it keeps to 75
 * columns in all.
 */
static void fix_subject(const struct step_change *c, int protos, int paras,
			const struct strvec *named, struct strbuf *subject)
{
	int descs = 0, fixed = 0, rows = 0, rows_fixed = 0, decls = 0;
	struct strbuf who = STRBUF_INIT;
	const char *fmt;
	size_t i, mark = subject->len;
	int try;

	for (i = 0; i < c->nr_structs; i++) {
		const struct struct_change *sc = &c->structs[i];

		descs |= sc->desc_added.nr > 0;
		fixed |= sc->desc_rewritten.nr || sc->headings.nr ||
			 sc->headings_rewritten.nr;
		rows |= sc->rows_added.nr > 0;
		rows_fixed |= sc->rows_changed.nr > 0;
		decls |= sc->added.nr || sc->gone.nr || sc->protos.nr || sc->semis.nr;
	}
	/*
	 * A struct that takes members another lost: its section is split
	 * out, and that is the change a reader needs to hear of first.
	 */
	for (i = 0; i < c->nr_structs; i++) {
		const struct struct_change *to = &c->structs[i];
		size_t k, m;

		for (k = 0; k < c->nr_structs; k++)
			for (m = 0; k != i && m < c->structs[k].gone.nr; m++)
				if (strvec_find(&to->added, c->structs[k].gone.v[m]) >= 0) {
					strbuf_addf(subject, "split out the %s section",
						    to->name);
					return;
				}
	}
	fmt = descs ? "describe the missing %s members" :
	      fixed ? "correct the %s descriptions" :
	      rows ? "add the missing %s locking rules" :
	      rows_fixed ? "correct the %s locking rules" :
	      decls ? (protos ? "sync the %s prototypes with the header" :
		       "sync the %s listing with the header") :
	      paras ? "correct the %s notes" :
	      "drop the release stamp of %s";
	/*
	 * "struct NAME", else the names alone, else the names alone without
	 * " with the header", else how many ("the struct's" for one).
	 */
	for (try = named->nr == 1 ? 0 : 1; try < 4; try++) {
		const char *tail = " with the header";
		size_t n = strlen(fmt);

		subject->len = mark;
		subject->buf[mark] = '\0';
		strbuf_reset(&who);
		for (i = 0; try < 3 && i < named->nr; i++) {
			if (i)
				strbuf_adds(&who, i + 1 == named->nr ? " and " : ", ");
			strbuf_addf(&who, "%s%s", try ? "" : "struct ", named->v[i]);
		}
		if (try == 3 && named->nr == 1)
			strbuf_adds(&who, "struct's");
		else if (try == 3)
			strbuf_addf(&who, "%zu structs'", named->nr);
		if (try == 2 && (n < strlen(tail) || strcmp(fmt + n - strlen(tail), tail)))
			continue;
		if (try == 2) {
			struct strbuf f = STRBUF_INIT;

			strbuf_add(&f, fmt, n - strlen(tail));
			strbuf_addf(subject, f.buf, who.buf);
			strbuf_release(&f);
		} else {
			strbuf_addf(subject, fmt, who.buf);
		}
		if (subject->len <= SUBJECT_COLUMNS)
			break;
	}
	strbuf_release(&who);
}

/*
 * Why the patch matters to a reader, from templates/DIR/NAME.why (DIR:
 * locking for locking.rst, members for vfs.rst, the document's own
 * directory for a page of its own; NAME: the struct, or the page), as a
 * paragraph first in the log.
 */
static void add_why(const char *templates, const struct rewrites *r,
		    size_t step, const char *name,
		    struct strbuf *body)
{
	const char *rel = r->docs[r->steps[step].doc].rel;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, stem = STRBUF_INIT;
	const char *dir = "members";

	/* A fold of a page's template says its own (cmd_series.c). */
	if (r->steps[step].why)
		goto out;
	doc_stem(rel, &stem);
	if (!strcmp(stem.buf, "locking"))
		dir = "locking";
	else if (strcmp(stem.buf, "vfs") || !name)
		dir = NULL;
	if (dir)
		strbuf_addf(&path, "%s/%s/%s.why", templates, dir, name);
	else
		strbuf_addf(&path, "%s/%s.why", templates,
			    rel + (strncmp(rel, "Documentation/", 14) ? 0 : 14));
	if (dir || (path.len > 8 && !strcmp(path.buf + path.len - 8, ".rst.why"))) {
		if (!dir) {
			path.len -= 8;
			strbuf_adds(&path, ".why");
		}
		if (!strbuf_read_file(&text, path.buf)) {
			strbuf_rtrim(&text);
			if (text.len)
				add_paragraph(body, text.buf);
		}
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&stem);
}

/* The text of document d before step (the tree's, or an earlier step's). */
static const struct strbuf *text_before(const struct rewrites *r, size_t step)
{
	size_t k;

	for (k = step; k-- > 0; )
		if (r->steps[k].doc == r->steps[step].doc)
			return &r->steps[k].text;
	return &r->docs[r->steps[step].doc].orig;
}

/*
 * Has the paragraph that opens at p (up to a blank line) a line that the
 * text before does not have?
 */
static int new_line(const char *p, const struct strbuf *before)
{
	struct strbuf line = STRBUF_INIT;
	int found = 0;

	while (!found && *p && *p != '\n') {
		const char *e = strchrnul(p, '\n');

		strbuf_reset(&line);
		strbuf_add(&line, p, e - p);
		found = !strstr(before->buf, line.buf);
		p = *e ? e + 1 : e;
	}
	strbuf_release(&line);
	return found;
}

/*
 * The paragraphs of ours this step brings in, from templates/FILE (a
 * header line "...: why", then the paragraph up to a blank line): an item
 * "WHAT of LABEL: why" for each whose first line the step's text has and
 * one line of which the text before it had not. prefix: the header lines to read (NULL:
 * all but "#" ones); label: how the item names the paragraph.
 */
static void paragraph_items(const char *templates, const struct rewrites *r,
			    size_t step,
			    const char *file, const char *prefix,
			    struct strvec *items)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, first = STRBUF_INIT;
	const struct strbuf *before = text_before(r, step);
	const struct strbuf *after = &r->steps[step].text;
	const char *p;

	strbuf_addf(&path, "%s/%s", templates, file);
	if (strbuf_read_file(&text, path.buf))
		goto out;
	for (p = text.buf; *p; ) {
		const char *e = strchrnul(p, '\n'), *why, *l;
		struct strbuf item = STRBUF_INIT;
		int replace = *p == '!';

		if (e == p || *p == '#' || (prefix && strncmp(p, prefix, strlen(prefix)))) {
			p = *e ? e + 1 : e;
			continue;
		}
		/* "NAME[ if [FILE:]WORD]: why": the reason after ": ". */
		why = memmem(p, e - p, ": ", 2);
		l = *e ? e + 1 : e;
		strbuf_reset(&first);
		strbuf_add(&first, l, strchrnul(l, '\n') - l);
		if (why && first.len && strstr(after->buf, first.buf) &&
		    new_line(l, before)) {
			why += 1 + strspn(why + 1, " ");
			if (prefix)
				strbuf_addf(&item, "rewrite the paragraph that opens "
					    "\"%.*s\": %.*s",
					    (int)strcspn(p + strlen(prefix), "\""),
					    p + strlen(prefix), (int)(e - why), why);
			else if (replace && p[1] == '"')
				strbuf_addf(&item, "rewrite the paragraph that opens "
					    "\"%.*s\": %.*s",
					    (int)strcspn(p + 2, "\"\n"), p + 2,
					    (int)(e - why), why);
			else if (replace && !strncmp(p + 1, "rules", 5) &&
				 strchr(": \t", p[6]))
				strbuf_addf(&item, "rewrite the summary under "
					    "\"locking rules:\": %.*s",
					    (int)(e - why), why);
			else
				strbuf_addf(&item, "%s the paragraph on ->%.*s(): %.*s",
					    replace ? "rewrite" : "add",
					    (int)strcspn(p + replace, ": \t"), p + replace,
					    (int)(e - why), why);
			strvec_push_owned(items, strbuf_detach(&item));
		}
		strbuf_release(&item);
		/* The paragraph: to the next blank line. */
		for (p = l; *p && *p != '\n'; p = *strchrnul(p, '\n') ?
		     strchrnul(p, '\n') + 1 : strchrnul(p, '\n'))
			;
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&first);
}

/* What the tool produced of this patch, in one line. */
static void tool_line(const struct api *api, const struct rewrites *r,
		      size_t step, const struct step_change *c,
		      struct strbuf *body)
{
	const char *block = r->steps[step].kind == REWRITE_PROTOTYPES ?
			    "prototypes" : "listing";
	struct strvec headers = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	int generated = 0, descs = 0, rules = 0;
	const char *what;
	size_t i;

	strvec_init(&headers);
	for (i = 0; i < c->nr_structs; i++) {
		const struct struct_change *sc = &c->structs[i];
		const char *h = header_of(api, sc->name);

		if (sc->added.nr || sc->gone.nr || sc->protos.nr || sc->semis.nr) {
			generated = 1;
			if (h)
				strvec_push_unique(&headers, h);
		}
		descs |= sc->desc_added.nr || sc->desc_rewritten.nr ||
			 sc->headings_rewritten.nr;
		rules |= sc->rows_added.nr || sc->rows_changed.nr;
	}
	what = descs && rules ? "new descriptions and locking rules" :
	       descs ? "new descriptions" : "new locking rules";
	if (r->steps[step].kind == REWRITE_ADDED) {
		strbuf_adds(&sb, "opsdoc wrote these sections from its templates.");
	} else if (generated && listing_fix(r, step)) {
		strbuf_adds(&sb, "opsdoc made this edit from ");
		if (headers.nr)
			add_names(&sb, &headers);
		else
			strbuf_adds(&sb, "the header");
		strbuf_addch(&sb, '.');
	} else if (generated) {
		strbuf_addf(&sb, "opsdoc generated the %s from ", block);
		if (headers.nr)
			add_names(&sb, &headers);
		else
			strbuf_adds(&sb, "the header");
		if (descs || rules)
			strbuf_addf(&sb, "; the %s come from its templates.", what);
		else
			strbuf_addch(&sb, '.');
	} else if (descs || rules) {
		strbuf_addf(&sb, "The %s come from opsdoc's templates.", what);
	} else {
		strbuf_adds(&sb, "opsdoc made this change.");
	}
	add_paragraph(body, sb.buf);
	strvec_release(&headers);
	strbuf_release(&sb);
}

void step_message(const char *templates, const struct api *api,
		  const struct rewrites *r, size_t step,
		  const struct step_change *c, struct strbuf *subject,
		  struct strbuf *body, struct strbuf *below)
{
	const char *rel = r->docs[r->steps[step].doc].rel;
	int protos = r->steps[step].kind == REWRITE_PROTOTYPES;
	struct strvec items = STRVEC_INIT, named = STRVEC_INIT, notes = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strvec_init(&items);
	strvec_init(&named);
	strvec_init(&notes);
	for (i = 0; i < c->nr_structs; i++)
		if (has_names(&c->structs[i]))
			strvec_push(&named, c->structs[i].name);
	/*
	 * A locking.rst section whose only change is a note of ours
	 * (templates/locking/STRUCT.notes) is named like a struct's.
	 */
	for (i = 0; protos && i < c->other.nr; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "locking/%s.notes", c->other.v[i]);
		strvec_release(&items);
		strvec_init(&items);
		paragraph_items(templates, r, step, sb.buf, NULL, &items);
		if (items.nr && strvec_find(&named, c->other.v[i]) < 0) {
			strvec_push(&named, c->other.v[i]);
			strvec_push(&notes, c->other.v[i]);
		}
	}
	strvec_release(&items);
	strvec_init(&items);
	strbuf_adds(subject, "docs: ");
	doc_stem(rel, subject);
	strbuf_adds(subject, ": ");
	if (r->steps[step].kind == REWRITE_ADDED || !named.nr)
		add_why(templates, r, step, NULL, body);
	for (i = 0; i < named.nr && r->steps[step].kind != REWRITE_ADDED; i++)
		add_why(templates, r, step, named.v[i], body);
	if (r->steps[step].kind == REWRITE_ADDED) {
		strbuf_adds(subject, "add sections for driver authors");
		if (c->sections.nr) {
			strbuf_addf(&sb, "For a driver author converting an .mmap "
				    "hook, add these sections to %s:", doc_base(rel));
			add_paragraph(body, sb.buf);
			add_items(body, &c->sections);
		}
		/* The page's own sections that gain text (not the new ones). */
		for (i = 0; i < c->other.nr; i++)
			if (strvec_find(&c->sections, c->other.v[i]) < 0)
				strvec_push(&items, c->other.v[i]);
		if (items.nr) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s text to these sections that %s "
				    "already has:", c->sections.nr ? "Also add" : "Add",
				    doc_base(rel));
			add_paragraph(body, sb.buf);
			add_items(body, &items);
		}
	} else {
		fix_subject(c, protos, notes.nr == named.nr && notes.nr,
			    &named, subject);
	}

	for (i = 0; i < c->nr_structs; i++) {
		const struct struct_change *sc = &c->structs[i];
		const char *h = header_of(api, sc->name);

		if (!has_names(sc) || r->steps[step].kind == REWRITE_ADDED)
			continue;
		strvec_release(&items);
		strvec_init(&items);
		struct_items(templates, sc, protos, &items);
		strbuf_reset(&sb);
		if (protos) {
			strbuf_addf(&sb, "locking/%s.notes", sc->name);
			paragraph_items(templates, r, step, sb.buf, NULL, &items);
		} else {
			strbuf_addf(&sb, "%s \"", sc->name);
			paragraph_items(templates, r, step, "members/paragraphs", sb.buf, &items);
		}
		strbuf_reset(&sb);
		if (named.nr == 1 && r->steps[step].kind != REWRITE_ADDED)
			strbuf_addf(&sb, "Changes to the struct %s text of %s, "
				    "against %s:", sc->name, doc_base(rel),
				    h ? h : "its header");
		else
			strbuf_addf(&sb, "struct %s (%s):", sc->name,
				    h ? h : "no header");
		add_paragraph(body, sb.buf);
		add_items(body, &items);
	}
	for (i = 0; i < notes.nr; i++) {
		const char *h = header_of(api, notes.v[i]);

		strvec_release(&items);
		strvec_init(&items);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "locking/%s.notes", notes.v[i]);
		paragraph_items(templates, r, step, sb.buf, NULL, &items);
		strbuf_reset(&sb);
		if (named.nr == 1)
			strbuf_addf(&sb, "Changes to the struct %s text of %s, "
				    "against %s:", notes.v[i], doc_base(rel),
				    h ? h : "its header");
		else
			strbuf_addf(&sb, "struct %s (%s):", notes.v[i],
				    h ? h : "no header");
		add_paragraph(body, sb.buf);
		add_items(body, &items);
	}
	for (i = 0; i < c->other.nr && r->steps[step].kind != REWRITE_ADDED; i++) {
		if (strvec_find(&notes, c->other.v[i]) >= 0)
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "It also changes other text of the \"%s\" section.",
			    c->other.v[i]);
		add_paragraph(body, sb.buf);
	}
	tool_line(api, r, step, c, below);
	strvec_release(&items);
	strvec_release(&named);
	strvec_release(&notes);
	strbuf_release(&sb);
}

void cover_message(const struct rewrites *r, const struct series_tree *t,
		   const struct step_change *changes, const struct strbuf *extra,
		   int is_git, struct strbuf *subject, struct strbuf *body)
{
	struct strvec docs = STRVEC_INIT, structs = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	int generated = 0, templated = 0, fixes = 1;
	size_t i, k, added = 0, first_added = 0, last_added = 0;

	strvec_init(&docs);
	strvec_init(&structs);
	for (i = 0; i < t->nr_steps; i++) {
		const struct step_change *c = &changes[t->steps[i]];

		strvec_push_unique(&docs, doc_base(r->docs[r->steps[t->steps[i]].doc].rel));
		if (r->steps[t->steps[i]].kind == REWRITE_ADDED) {
			first_added = added++ ? first_added : i + 1;
			last_added = i + 1;
		}
		fixes &= listing_fix(r, t->steps[i]);
		for (k = 0; k < c->nr_structs; k++) {
			const struct struct_change *sc = &c->structs[k];

			if (!has_names(sc))
				continue;
			strvec_push_unique(&structs, sc->name);
			generated |= sc->added.nr || sc->gone.nr || sc->protos.nr ||
				     sc->semis.nr;
			templated |= sc->desc_added.nr || sc->desc_rewritten.nr ||
				     sc->headings_rewritten.nr ||
				     sc->rows_added.nr || sc->rows_changed.nr;
		}
	}
	strbuf_adds(subject, added ? "docs: update " : "docs: bring ");
	add_names(subject, &docs);
	strbuf_adds(subject, added ? " and add sections for driver authors" :
		    " up to date with the headers");
	if (structs.nr) {
		strbuf_adds(&sb, "The documentation of struct ");
		for (i = 0; i < structs.nr; i++) {
			if (i)
				strbuf_adds(&sb, i + 1 == structs.nr ? " and " : ", ");
			strbuf_adds(&sb, structs.v[i]);
		}
		strbuf_adds(&sb, " in ");
		add_names(&sb, &docs);
		strbuf_addf(&sb, " differs from %s%s. This series brings it "
			    "up to date; each log names the members its patch "
			    "changes.", structs.nr > 1 ?
			    "the headers that define them" :
			    "the header that defines it",
			    fixes ? "" : ", or leaves members undescribed");
		add_paragraph(body, sb.buf);
	}
	strbuf_reset(&sb);
	if (added == 1)
		strbuf_addf(&sb, "Patch %zu adds guidance for driver authors.",
			    first_added);
	else if (added && last_added - first_added + 1 == added)
		strbuf_addf(&sb, "Patches %zu to %zu add guidance for driver "
			    "authors, one topic a patch.", first_added, last_added);
	else if (added)
		strbuf_addf(&sb, "%zu patches add guidance for driver authors, "
			    "one topic a patch.", added);
	if (sb.len)
		add_paragraph(body, sb.buf);
	strbuf_reset(&sb);
	strbuf_adds(&sb, "The patches were made with opsdoc, which reads the "
		    "kernel's headers with libclang.");
	if (generated && fixes)
		strbuf_adds(&sb, " It edited only the lines of the struct "
			    "listings that differ from the headers of this tree.");
	else if (generated)
		strbuf_adds(&sb, " It generated the struct listings and "
			    "prototypes from the headers of this tree.");
	if (templated || added)
		strbuf_addf(&sb, " The %s come from its templates, written with "
			    "an AI coding assistant; opsdoc's "
			    "docs/guidance-sources.rst names the kernel code "
			    "behind each sentence.",
			    !added ? "descriptions and locking rules" : !templated ?
			    "sections it adds" : "descriptions, locking rules and "
			    "sections it adds");
	strbuf_adds(&sb, " It also wrote the commit messages, from what each "
		    "patch changes.");
	add_paragraph(body, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Run on these patches: the tree's checkpatch.pl "
		    "--strict, clean on each, and git am, which applies the "
		    "series to the tree it was made against%s.%s Not run on "
		    "them: make htmldocs.", is_git ? " (base-commit below)" : "",
		    fixes ? " opsdoc checked each edited listing against the "
		    "header again and found no difference left." : "");
	add_paragraph(body, sb.buf);
	if (extra && extra->len) {
		strbuf_add(body, extra->buf, extra->len);
		strbuf_rtrim(body);
		strbuf_adds(body, "\n\n");
	}
	strvec_release(&docs);
	strvec_release(&structs);
	strbuf_release(&sb);
}
