// SPDX-License-Identifier: GPL-2.0
/*
 * series_msg.c - what each patch of a series says: the drift check found
 * before it (drift.c's findings on the tree's own documents), what it does
 * to the descriptions, and how it was checked. Plain text, wrapped.
 */
#include <stdlib.h>
#include <string.h>

#include "rst_read.h"
#include "series_msg.h"
#include "strvec.h"
#include "util.h"

/* How many names a list spells out before "and N more". */
#define MAX_NAMES 12

/* "a, b and c", or "a, b, ... and 9 more". */
static void add_names(struct strbuf *sb, const struct strvec *names)
{
	size_t i, n = names->nr < MAX_NAMES ? names->nr : MAX_NAMES - 1;

	for (i = 0; i < n; i++) {
		if (i)
			strbuf_adds(sb, i + 1 == names->nr ? " and " : ", ");
		strbuf_adds(sb, names->v[i]);
	}
	if (n < names->nr)
		strbuf_addf(sb, " and %zu more", names->nr - n);
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

/* One item "WHAT a, b and c", when there are names. */
static void push_item(struct strvec *items, const char *what,
		      const struct strvec *names, const char *after)
{
	struct strbuf sb = STRBUF_INIT;

	if (!names->nr)
		return;
	strbuf_addf(&sb, "%s ", what);
	add_names(&sb, names);
	strbuf_adds(&sb, after);
	strvec_push_owned(items, strbuf_detach(&sb));
}

static void add_paragraph(struct strbuf *body, const char *text)
{
	strbuf_add_wrapped(body, text, MSG_COLUMNS, "", "");
	strbuf_addch(body, '\n');
}

/* The text of r's document d before step k. */
static const struct strbuf *text_before(const struct rewrites *r, size_t k)
{
	size_t d = r->steps[k].doc, i;

	for (i = k; i-- > 0;)
		if (r->steps[i].doc == d)
			return &r->steps[i].text;
	return &r->docs[d].orig;
}

/* The member names of the findings of one class, for one struct and file. */
static void finding_names(const struct findings *fs, const char *file,
			  const char *st, enum finding_class class,
			  struct strvec *out)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];

		if (f->class == class && f->member && !strcmp(f->file, file) &&
		    (!st || !strcmp(f->struct_name, st)))
			strvec_push_unique(out, f->member);
	}
}

static const struct finding *find_finding(const struct findings *fs,
					  const char *file, const char *st,
					  enum finding_class class)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (fs->v[i].class == class && !strcmp(fs->v[i].file, file) &&
		    (!st || !strcmp(fs->v[i].struct_name, st)))
			return &fs->v[i];
	return NULL;
}

/* The items that say how a struct's listing in file had drifted. */
static void drift_items(const struct findings *fs, const char *file,
			const char *st, struct strvec *items)
{
	static const struct {
		enum finding_class class;
		const char *what;
	} kinds[] = {
		{ FINDING_MISSING_MEMBER, "it lacked" },
		{ FINDING_REMOVED_MEMBER, "it listed members the struct no longer has:" },
		{ FINDING_SIGNATURE_DRIFT, "it gave other types than the header for" },
		{ FINDING_QUALIFIER_DRIFT, "it gave other qualifiers than the header for" },
		{ FINDING_PARAM_NAME, "it named parameters otherwise than the header in" },
		{ FINDING_UNDESCRIBED, "it did not describe" },
	};
	struct strvec names = STRVEC_INIT;
	const struct finding *v;
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		strvec_init(&names);
		finding_names(fs, file, st, kinds[i].class, &names);
		push_item(items, kinds[i].what, &names, "");
		strvec_release(&names);
	}
	v = find_finding(fs, file, st, FINDING_OLD_VERSION);
	if (v) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "it said \"%s\"", v->doc);
		strvec_push_owned(items, strbuf_detach(&sb));
	}
}

/* A "``name``" entry of a section: its name and its text. */
struct entry {
	char name[128];
	const char *text;
	size_t len;
};

/*
 * The entries of the "struct NAME" (or "struct NAMEs") section of text;
 * the caller frees *out.
 */
static size_t section_entries(const struct strbuf *text, const char *name,
			      struct entry **out)
{
	struct rst_lines ls;
	size_t i, n = 0, start = (size_t)-1, nl = strlen(name);

	*out = NULL;
	rst_split_lines(text->buf, text->len, &ls);
	for (i = 0; i < ls.n; i++) {
		const struct rst_line *l = &ls.v[i];

		if (rst_line_title(&ls, i)) {
			if (start != (size_t)-1)
				break;
			if (l->len >= 7 + nl && !memcmp(l->s, "struct ", 7) &&
			    !memcmp(l->s + 7, name, nl) &&
			    (l->len == 7 + nl || (l->len == 8 + nl && l->s[7 + nl] == 's')))
				start = i;
			continue;
		}
		if (start == (size_t)-1 || rst_line_indent(l) || rst_line_blank(l))
			continue;
		if (n && !(*out)[n - 1].len)
			(*out)[n - 1].len = l->s - (*out)[n - 1].text;
		*out = xrealloc(*out, (n + 1) * sizeof(**out));
		if (!rst_line_term(l, (*out)[n].name, sizeof((*out)[n].name)))
			(*out)[n].name[0] = '\0';
		(*out)[n].text = l->s;
		(*out)[n].len = 0;
		n++;
	}
	if (n && !(*out)[n - 1].len)
		(*out)[n - 1].len = (i < ls.n ? ls.v[i].s : text->buf + text->len) -
				    (*out)[n - 1].text;
	free(ls.v);
	return n;
}

static const struct entry *find_entry(const struct entry *v, size_t n,
				      const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

/* The items that say what happened to the section's descriptions. */
static void entry_items(const struct strbuf *before, const struct strbuf *after,
			const char *st, struct strvec *items)
{
	struct strvec added = STRVEC_INIT, rewritten = STRVEC_INIT, dropped = STRVEC_INIT;
	struct entry *old, *new;
	size_t nold = section_entries(before, st, &old);
	size_t nnew = section_entries(after, st, &new);
	const struct entry *e;
	size_t i;

	for (i = 0; i < nnew; i++) {
		if (!new[i].name[0])
			continue;
		e = find_entry(old, nold, new[i].name);
		if (!e)
			strvec_push(&added, new[i].name);
		else if (e->len != new[i].len || memcmp(e->text, new[i].text, e->len))
			strvec_push(&rewritten, new[i].name);
	}
	for (i = 0; i < nold; i++)
		if (old[i].name[0] && !find_entry(new, nnew, old[i].name))
			strvec_push(&dropped, old[i].name);
	push_item(items, "adds descriptions of", &added, "");
	push_item(items, "rewrites the descriptions of", &rewritten,
		  ", which the code no longer bore out");
	push_item(items, "drops the descriptions of", &dropped,
		  ", which the header no longer has");
	strvec_release(&added);
	strvec_release(&rewritten);
	strvec_release(&dropped);
	free(old);
	free(new);
}

/* "a.rst" of "Documentation/filesystems/a.rst". */
static const char *doc_name(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash ? slash + 1 : rel;
}

static const char *header_of(const struct api *api, const char *st)
{
	const struct ops_struct *s = find_struct_by_name(api, st);

	return s && s->file ? s->file : "its header";
}

/* How each patch was checked, said the same way in all of them. */
static void add_checked(struct strbuf *body, const char *what)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "Checked with opsdoc check --strict, which parses %s "
		    "with libclang in this tree's x86_64 defconfig and compares "
		    "it with the header: after this patch it reports nothing.",
		    what);
	add_paragraph(body, sb.buf);
	strbuf_release(&sb);
}

static void section_message(const struct series_facts *f, const struct rewrites *r,
			    size_t k, struct strbuf *subject, struct strbuf *body)
{
	const struct rewrite_step *s = &r->steps[k];
	const char *rel = r->docs[s->doc].rel, *st = s->struct_name;
	struct strvec items = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;

	strvec_init(&items);
	strbuf_addf(subject, "docs: vfs: update struct %s", st);
	drift_items(f->before, rel, st, &items);
	if (items.nr) {
		strbuf_addf(&sb, "The struct %s section of %s had drifted from %s "
			    "in Linux %s:", st, doc_name(rel), header_of(f->api, st),
			    f->api->version);
		add_paragraph(body, sb.buf);
		add_items(body, &items);
	}
	strvec_release(&items);
	strvec_init(&items);
	entry_items(text_before(r, k), &s->text, st, &items);
	strbuf_reset(&sb);
	strbuf_adds(&sb, "Take the listing from the header as it is, make the "
		    "\"As of kernel\" line true, and keep every description "
		    "that is still right.");
	if (items.nr)
		strbuf_adds(&sb, " The patch also:");
	add_paragraph(body, sb.buf);
	add_items(body, &items);
	if (items.nr)
		add_paragraph(body, "Each new or rewritten description says who "
			      "calls the method, what is locked, what it returns "
			      "and what a NULL method means, and was checked "
			      "against the functions it names.");
	add_checked(body, "the listing");
	strvec_release(&items);
	strbuf_release(&sb);
}

/* The structs that findings name in a file, each once, in order. */
static void structs_in(const struct findings *fs, const char *file,
		       struct strvec *out)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].file, file) && fs->v[i].class != FINDING_UNDESCRIBED)
			strvec_push_unique(out, fs->v[i].struct_name);
}

static void prototypes_message(const struct series_facts *f, const struct rewrites *r,
			       size_t k, struct strbuf *subject, struct strbuf *body)
{
	const char *rel = r->docs[r->steps[k].doc].rel;
	struct strvec sts = STRVEC_INIT, items = STRVEC_INIT, gone = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strvec_init(&sts);
	structs_in(f->before, rel, &sts);
	strbuf_adds(subject, "docs: locking: update the prototypes of the VFS "
		    "operations");
	strbuf_addf(&sb, "The prototypes blocks of %s had drifted from the "
		    "headers of Linux %s:", doc_name(rel), f->api->version);
	add_paragraph(body, sb.buf);
	for (i = 0; i < sts.nr; i++) {
		strvec_init(&items);
		drift_items(f->before, rel, sts.v[i], &items);
		if (items.nr) {
			strbuf_addf(body, "struct %s (%s):\n", sts.v[i],
				    header_of(f->api, sts.v[i]));
			add_items(body, &items);
		}
		strvec_release(&items);
	}
	finding_names(f->before, rel, NULL, FINDING_REMOVED_MEMBER, &gone);
	strbuf_reset(&sb);
	strbuf_adds(&sb, "Write each block as the header declares its members.");
	if (gone.nr)
		strbuf_adds(&sb, " A row of a locking table is dropped only for "
			    "a method the struct's header no longer declares at "
			    "all; a method that moved to another struct keeps its "
			    "row. The tables are otherwise unchanged.");
	add_paragraph(body, sb.buf);
	add_checked(body, "each block");
	strvec_release(&sts);
	strvec_release(&gone);
	strbuf_release(&sb);
}

static void listings_message(const struct series_facts *f, const struct rewrites *r,
			     size_t k, struct strbuf *subject, struct strbuf *body)
{
	const char *rel = r->docs[r->steps[k].doc].rel, *base = doc_name(rel);
	int n = (int)(strlen(base) - 4);
	struct strvec sts = STRVEC_INIT, items = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strvec_init(&sts);
	structs_in(f->before, rel, &sts);
	if (sts.nr == 1)
		strbuf_addf(subject, "docs: %.*s: update struct %s", n, base, sts.v[0]);
	else
		strbuf_addf(subject, "docs: %.*s: update the struct listings", n, base);
	for (i = 0; i < sts.nr; i++) {
		strvec_init(&items);
		drift_items(f->before, rel, sts.v[i], &items);
		if (items.nr) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "The struct %s listing in %s had drifted "
				    "from %s in Linux %s:", sts.v[i], base,
				    header_of(f->api, sts.v[i]), f->api->version);
			add_paragraph(body, sb.buf);
			add_items(body, &items);
		}
		strvec_release(&items);
	}
	add_paragraph(body, "Take the listing from the header as it is.");
	add_checked(body, "the listing");
	strvec_release(&sts);
	strbuf_release(&sb);
}

/* The titles of the sections text has after its first len bytes. */
static void titles_after(const struct strbuf *text, size_t len, struct strvec *out)
{
	struct rst_lines ls;
	size_t i;

	rst_split_lines(text->buf, text->len, &ls);
	for (i = 0; i < ls.n; i++)
		if ((size_t)(ls.v[i].s - text->buf) >= len && rst_line_title(&ls, i))
			strvec_push_owned(out, xstrndup(ls.v[i].s, ls.v[i].len));
	free(ls.v);
}

static void added_message(const struct series_facts *f, const struct rewrites *r,
			  size_t k, struct strbuf *subject, struct strbuf *body)
{
	const struct rewrite_step *s = &r->steps[k];
	const struct strbuf *before = text_before(r, k);
	const char *base = doc_name(r->docs[s->doc].rel);
	struct strvec titles = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;

	strvec_init(&titles);
	titles_after(&s->text, before->len, &titles);
	strbuf_addf(subject, "docs: %.*s: document what a converting driver "
		    "needs", (int)(strlen(base) - 4), base);
	strbuf_addf(&sb, "%s says what the hook is for and which helpers it "
		    "has, but not when it runs, what is locked, how a failure "
		    "unwinds, or how an .mmap hook is converted. Add, after the "
		    "page's own sections:", base);
	add_paragraph(body, sb.buf);
	add_items(body, &titles);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Every statement was checked against the code of "
		    "Linux %s, chiefly mm/vma.c, mm/mmap.c, mm/util.c and "
		    "mm/nommu.c, and names the functions it rests on. The "
		    "examples name in-tree conversions rather than copy them.",
		    f->api->version);
	add_paragraph(body, sb.buf);
	strvec_release(&titles);
	strbuf_release(&sb);
}

/* The mm files the sections added to mmap_prepare.rst describe. */
static const char *const mm_sources[] = {
	"mm/vma.c", "mm/mmap.c", "mm/util.c", "mm/nommu.c", NULL
};

static void push_header(const struct series_facts *f, const char *st,
			struct strvec *out)
{
	const struct ops_struct *s = find_struct_by_name(f->api, st);

	if (s && s->file && s->file[0] != '/')
		strvec_push_unique(out, s->file);
}

void step_sources(const struct series_facts *f, const struct rewrites *r,
		  size_t step, struct strvec *out)
{
	const struct rewrite_step *s = &r->steps[step];
	struct strvec sts = STRVEC_INIT;
	size_t i;

	strvec_init(&sts);
	switch (s->kind) {
	case REWRITE_SECTION:
		push_header(f, s->struct_name, out);
		break;
	case REWRITE_PROTOTYPES:
	case REWRITE_LISTINGS:
		structs_in(f->before, r->docs[s->doc].rel, &sts);
		for (i = 0; i < sts.nr; i++)
			push_header(f, sts.v[i], out);
		break;
	case REWRITE_ADDED:
		for (i = 0; mm_sources[i]; i++)
			strvec_push(out, mm_sources[i]);
		break;
	}
	strvec_release(&sts);
}

void step_message(const struct series_facts *f, const struct rewrites *r,
		  size_t step, struct strbuf *subject, struct strbuf *body)
{
	switch (r->steps[step].kind) {
	case REWRITE_SECTION:
		section_message(f, r, step, subject, body);
		break;
	case REWRITE_PROTOTYPES:
		prototypes_message(f, r, step, subject, body);
		break;
	case REWRITE_LISTINGS:
		listings_message(f, r, step, subject, body);
		break;
	case REWRITE_ADDED:
		added_message(f, r, step, subject, body);
		break;
	}
}

/* The versions the documents' "As of kernel" lines named, each once. */
static void old_versions(const struct findings *fs, struct strvec *out)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (fs->v[i].class == FINDING_OLD_VERSION && fs->v[i].doc)
			strvec_push_unique(out, fs->v[i].doc + strlen("As of kernel "));
}

/* How many findings of a class there are. */
static size_t count(const struct findings *fs, enum finding_class class)
{
	size_t i, n = 0;

	for (i = 0; i < fs->n; i++)
		n += fs->v[i].class == class;
	return n;
}

void cover_message(const struct series_facts *f, const struct rewrites *r,
		   const char *tool, const char *base, struct strbuf *subject,
		   struct strbuf *body)
{
	int added = r->nr_steps && r->steps[r->nr_steps - 1].kind == REWRITE_ADDED;
	struct strvec items = STRVEC_INIT, versions = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	strvec_init(&items);
	strvec_init(&versions);
	strbuf_adds(subject, "docs: bring the VFS operations documentation up "
		    "to date with the headers");
	strbuf_adds(&sb, "The struct listings of the filesystems documentation "
		    "and the descriptions under them had drifted from the "
		    "headers:");
	add_paragraph(body, sb.buf);
	old_versions(f->before, &versions);
	push_item(&items, "\"As of kernel\" lines named", &versions, "");
	if ((n = count(f->before, FINDING_REMOVED_MEMBER))) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu listed members are no longer in the headers", n);
		strvec_push(&items, sb.buf);
	}
	if ((n = count(f->before, FINDING_MISSING_MEMBER))) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu members of the headers were not listed", n);
		strvec_push(&items, sb.buf);
	}
	if ((n = count(f->before, FINDING_SIGNATURE_DRIFT) +
		 count(f->before, FINDING_QUALIFIER_DRIFT))) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu listed prototypes differed from the headers'", n);
		strvec_push(&items, sb.buf);
	}
	if ((n = count(f->before, FINDING_UNDESCRIBED))) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu members had no description", n);
		strvec_push(&items, sb.buf);
	}
	add_items(body, &items);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "This series updates them for Linux %s in place: one "
		    "patch for each section of vfs.rst, one for the prototypes "
		    "blocks of locking.rst and one for each listing elsewhere. "
		    "%sutside the listings, their descriptions and the rows of "
		    "the locking tables of methods that are gone, no text "
		    "changes.", f->api->version, added ? "Up to the last patch, o" : "O");
	add_paragraph(body, sb.buf);
	if (added)
		add_paragraph(body, "The last patch adds to the mmap_prepare "
			      "HOWTO what a driver converting from .mmap needs: "
			      "when the hook runs, what is locked, how a failure "
			      "unwinds, and a checklist.");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "The listings were taken from the headers by %s, which "
		    "parses them with libclang in the tree's x86_64 defconfig "
		    "and compares the documents' listings with them; the "
		    "descriptions were written by hand, each checked against "
		    "the code it describes. The series applies to %s, and "
		    "every patch is checkpatch.pl --strict clean.", tool, base);
	add_paragraph(body, sb.buf);
	strvec_release(&items);
	strvec_release(&versions);
	strbuf_release(&sb);
}
