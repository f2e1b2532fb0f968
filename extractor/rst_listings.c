// SPDX-License-Identifier: GPL-2.0
/*
 * rst_listings.c - find the listings of modelled structs in reStructuredText.
 *
 * Only the RST structure is read here: section titles, literal blocks
 * ("::" paragraphs and code-block directives), description terms
 * (````name````) and "As of kernel X.Y" claims. What the code in a listing
 * means is libclang's business (lc_listings.c), in the tree's configuration.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rst_read.h"
#include "rst_listings.h"
#include "util.h"

/*
 * Is a block a patch ("--- a/", "+++ b/", "@@ " lines)? Its struct is
 * the header's before and after a change, with the diff's marks: no
 * listing (dev-tools/checkuapi.rst's bpf_insn).
 */
static int is_patch(const struct rst_lines *t, size_t first, size_t end)
{
	size_t i;

	for (i = first; i < end; i++) {
		const char *p = t->v[i].s + rst_line_lead(&t->v[i]);
		size_t n = t->v[i].len - rst_line_lead(&t->v[i]);

		if ((n >= 3 && !strncmp(p, "@@ ", 3)) ||
		    (n >= 6 && (!strncmp(p, "--- a/", 6) || !strncmp(p, "+++ b/", 6))))
			return 1;
	}
	return 0;
}

/* Lines first..end-1 with their common indentation removed. */
static char *dedent(const struct rst_lines *t, size_t first, size_t end)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, common = (size_t)-1;

	for (i = first; i < end; i++)
		if (!rst_line_blank(&t->v[i]) && rst_line_indent(&t->v[i]) < common)
			common = rst_line_indent(&t->v[i]);
	for (i = first; i < end; i++) {
		const struct rst_line *l = &t->v[i];
		size_t k = 0, col = 0;

		while (k < l->len && col < common && (l->s[k] == ' ' || l->s[k] == '\t')) {
			col = l->s[k] == '\t' ? (col / 8 + 1) * 8 : col + 1;
			k++;
		}
		if (!rst_line_blank(l))
			strbuf_add(&sb, l->s + k, l->len - k);
		strbuf_addch(&sb, '\n');
	}
	return strbuf_detach(&sb);
}

/*
 * Member names used as "(*name)" in lines first..end-1 that s has (every
 * one, when members is NULL).
 */
static int count_members(const struct rst_lines *t, size_t first, size_t end,
			 const struct strvec *members, int *protos)
{
	size_t i, k;
	int hits = 0;

	*protos = 0;
	for (i = first; i < end; i++) {
		const char *p = memmem(t->v[i].s, t->v[i].len, "(*", 2);
		const char *eol = t->v[i].s + t->v[i].len;
		size_t n;
		char name[64];

		if (!p)
			continue;
		p += 2;
		while (p < eol && *p == ' ')
			p++;
		for (n = 0; n < sizeof(name) - 1 && p + n < eol &&
			    (isalnum((unsigned char)p[n]) || p[n] == '_'); n++)
			name[n] = p[n];
		name[n] = '\0';
		if (!n)
			continue;
		(*protos)++;
		if (!members)
			hits++;
		for (k = 0; members && k < members->nr; k++)
			if (!strcmp(members->v[k], name))
				hits++;
	}
	return hits;
}

static struct doc_listing *add(struct doc_listings *out, const char *file,
			       const char *name, unsigned int line)
{
	struct doc_listing *l;

	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	l = &out->v[out->n++];
	memset(l, 0, sizeof(*l));
	l->file = xstrdup(file);
	l->struct_name = xstrdup(name);
	l->line = line;
	strvec_init(&l->described);
	strvec_init(&l->table_ops);
	return l;
}

/* The "As of kernel X.Y" claim in lines first..end-1, if any. */
static void find_version(const struct rst_lines *t, size_t first, size_t end,
			 struct doc_listing *l)
{
	size_t i;

	for (i = first; i < end; i++) {
		const char *p = memmem(t->v[i].s, t->v[i].len, "As of kernel", 12);
		const char *v;
		size_t n = 0, line = i;

		if (!p)
			continue;
		v = p + 12;
		while (v < t->v[line].s + t->v[line].len && *v == ' ')
			v++;
		if (v == t->v[line].s + t->v[line].len && line + 1 < end) {
			line++;
			v = t->v[line].s + rst_line_lead(&t->v[line]);
		}
		while (v + n < t->v[line].s + t->v[line].len &&
		       (isdigit((unsigned char)v[n]) ||
			(v[n] == '.' && v + n + 1 < t->v[line].s + t->v[line].len &&
			 isdigit((unsigned char)v[n + 1]))))
			n++;
		if (!n)
			continue;
		l->version = xstrndup(v, n);
		l->version_line = line + 1;
		return;
	}
}

static void push_described(struct doc_listing *l, const char *name, size_t line)
{
	if (strvec_find(&l->described, name) >= 0)
		return;
	strvec_push(&l->described, name);
	l->described_lines = xrealloc(l->described_lines,
				      l->described.nr * sizeof(unsigned int));
	l->described_lines[l->described.nr - 1] = line;
}

/*
 * An indented paragraph at line i that describes several members at once
 * ("a, b, c: text"): its names go into *names; 0 when it is not one or
 * names something other than members.
 */
static int grouped_note(const struct rst_lines *t, size_t i, size_t end,
			const struct strvec *members, struct strvec *names)
{
	size_t k;

	if (rst_grouped_note(t, i, end, names, NULL) == i || names->nr < 2)
		return 0;
	for (k = 0; k < names->nr; k++)
		if (strvec_find(members, names->v[k]) < 0)
			return 0;
	return 1;
}

/*
 * A definition list's plain term: "name:" or "a, b:" alone on line i,
 * with its body indented deeper on the next line (the field lists of
 * virt/kvm/api.rst). Its names go into *names; 0 when line i is not one
 * or names something other than members.
 */
static int plain_term(const struct rst_lines *t, size_t i, size_t end,
		      const struct strvec *members, struct strvec *names)
{
	const struct rst_line *l = &t->v[i];
	const char *p = l->s + rst_line_lead(l), *e = l->s + l->len;
	size_t k;

	if (i + 1 >= end || rst_line_blank(&t->v[i + 1]) ||
	    rst_line_indent(&t->v[i + 1]) <= rst_line_indent(l))
		return 0;
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	if (e == p || e[-1] != ':')
		return 0;
	if (rst_names(p, e - 1, names) != e - 1 || !names->nr)
		return 0;
	for (k = 0; k < names->nr; k++)
		if (strvec_find(members, names->v[k]) < 0)
			return 0;
	return 1;
}

/*
 * ``name`` terms of the section that are members of the struct, their
 * plain "name:" form, and the members a grouped note names ("a, b:
 * lockdep-specific").
 */
static void find_described(const struct rst_lines *t, size_t first, size_t end,
			   const struct strvec *members, struct doc_listing *l)
{
	size_t i, k;

	for (i = first; members && i < end; i++) {
		struct strvec names = STRVEC_INIT;
		char name[64];

		if (rst_line_term(&t->v[i], name, sizeof(name))) {
			if (strvec_find(members, name) >= 0) {
				push_described(l, name, i + 1);
				l->term_list = 1;
			}
			continue;
		}
		if (plain_term(t, i, end, members, &names)) {
			for (k = 0; k < names.nr; k++)
				push_described(l, names.v[k], i + 1);
			strvec_release(&names);
			continue;
		}
		strvec_release(&names);
		if (!rst_line_indent(&t->v[i]) || (i > first && !rst_line_blank(&t->v[i - 1])))
			continue;
		strvec_init(&names);
		if (grouped_note(t, i, end, members, &names)) {
			for (k = 0; k < names.nr; k++)
				push_described(l, names.v[k], i + 1);
			l->term_list = 1;
		}
		strvec_release(&names);
	}
}

/* Append the n bytes at s as a name, unless out has it. */
static void push_name(struct strvec *out, const char *s, size_t n)
{
	char *name = xstrndup(s, n);

	strvec_push_unique(out, name);
	free(name);
}

/* Each NAME of "struct NAME {" in lines first..end-1, once, into out. */
static void wrapped_names(const struct rst_lines *t, size_t first, size_t end,
			  struct strvec *out)
{
	size_t i;

	for (i = first; i < end; i++) {
		const char *s = t->v[i].s, *e = s + t->v[i].len, *p = s;

		while ((p = memmem(p, e - p, "struct ", 7)) != NULL) {
			const char *n = p + 7, *ne = n;

			if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) {
				p += 7;
				continue;
			}
			while (ne < e && (isalnum((unsigned char)*ne) || *ne == '_'))
				ne++;
			if (ne > n && ne + 1 < e && ne[0] == ' ' && ne[1] == '{')
				push_name(out, n, ne - n);
			p = ne > n ? ne : p + 7;
		}
	}
}

/* The identifier words of a line, each once, into out. */
/*
 * A name a title gives, and its singular when it ends in 's': titles name
 * the plural ("struct xattr_handlers"), the header the struct.
 */
static void push_title_name(struct strvec *out, const char *s, size_t n)
{
	push_name(out, s, n);
	if (n > 2 && s[n - 1] == 's')
		push_name(out, s, n - 1);
}

static void title_words(const struct rst_line *l, struct strvec *out)
{
	size_t i = 0, n;

	while (i < l->len) {
		if (!(isalpha((unsigned char)l->s[i]) || l->s[i] == '_')) {
			i++;
			continue;
		}
		for (n = 0; i + n < l->len && (isalnum((unsigned char)l->s[i + n]) ||
					       l->s[i + n] == '_'); n++)
			;
		if (n < 128)
			push_title_name(out, l->s + i, n);
		i += n;
	}
}

void scan_struct_names(const char *text, size_t len, struct strvec *wrapped,
		       struct strvec *titled)
{
	struct rst_lines t;
	size_t i, first, end;

	rst_split_lines(text, len, &t);
	for (i = 0; i < t.n; i++) {
		if (rst_line_title(&t, i)) {
			const struct rst_line *l = &t.v[i];
			const char *s = l->s;
			size_t n = l->len, k;

			if (n > 7 && !memcmp(s, "struct ", 7)) {
				s += 7;
				n -= 7;
			}
			for (k = 0; k < n && (isalnum((unsigned char)s[k]) || s[k] == '_'); k++)
				;
			if (k == n && n && n < 128 && memchr(s, '_', n) &&
			    !isdigit((unsigned char)s[0]))
				push_title_name(titled, s, n);
			continue;
		}
		if (!rst_block_marker(&t.v[i]) || !rst_block_body(&t, i, &first, &end))
			continue;
		if (is_patch(&t, first, end)) {
			i = end - 1;
			continue;
		}
		wrapped_names(&t, first, end, wrapped);
		i = end - 1;
	}
	free(t.v);
}

/* The index of name in names (n of them, sorted when sorted), or -1. */
static long name_index(const char *const *names, size_t n, int sorted,
		       const char *name)
{
	size_t lo = 0, hi = n, i;

	if (!sorted) {
		for (i = 0; i < n; i++)
			if (!strcmp(names[i], name))
				return i;
		return -1;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(names[mid], name);

		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int index_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/*
 * The names (as indices into names, ascending, each once) that a block can
 * list: those it wraps, those its section title names, and the modelled
 * structs, whose prototypes may be recognised by their members alone.
 */
static size_t block_candidates(const char *const *names, size_t n, int sorted,
			       const struct strvec *in_block,
			       const struct strvec *in_title, long *out)
{
	size_t i, k = 0, m;
	long x;

	for (i = 0; i < in_block->nr; i++)
		if ((x = name_index(names, n, sorted, in_block->v[i])) >= 0)
			out[k++] = x;
	for (i = 0; i < in_title->nr; i++)
		if ((x = name_index(names, n, sorted, in_title->v[i])) >= 0)
			out[k++] = x;
	for (i = 0; modelled_structs[i]; i++)
		if ((x = name_index(names, n, sorted, modelled_structs[i])) >= 0)
			out[k++] = x;
	qsort(out, k, sizeof(*out), index_cmp);
	for (i = m = 0; i < k; i++)
		if (!m || out[m - 1] != out[i])
			out[m++] = out[i];
	return m;
}

/* Is line l a simple table's border: "=" runs and blanks only? */
static int table_border(const struct rst_line *l)
{
	size_t i;

	if (!l->len || l->s[0] != '=')
		return 0;
	for (i = 0; i < l->len; i++)
		if (l->s[i] != '=' && l->s[i] != ' ' && l->s[i] != '\t')
			return 0;
	return 1;
}

/*
 * The first column of the first simple table in lines first..end-1 (the
 * rows between its second and third borders): each callback it names,
 * without a trailing ':', into l's table_ops.
 */
static void find_table(const struct rst_lines *t, size_t first, size_t end,
		       struct doc_listing *l)
{
	size_t i, borders = 0;

	for (i = first; i < end && borders < 3; i++) {
		const struct rst_line *r = &t->v[i];
		size_t n = 0;
		char *name;

		if (table_border(r)) {
			borders++;
			continue;
		}
		if (borders != 2 || !r->len || isspace((unsigned char)r->s[0]))
			continue;
		while (n < r->len && (isalnum((unsigned char)r->s[n]) || r->s[n] == '_'))
			n++;
		if (!n || isdigit((unsigned char)r->s[0]))
			continue;
		name = xstrndup(r->s, n);
		if (strvec_find(&l->table_ops, name) < 0) {
			strvec_push(&l->table_ops, name);
			l->table_lines = xrealloc(l->table_lines,
						  l->table_ops.nr * sizeof(unsigned int));
			l->table_lines[l->table_ops.nr - 1] = i + 1;
		}
		free(name);
	}
	if (borders < 3) {
		strvec_release(&l->table_ops);
		strvec_init(&l->table_ops);
		free(l->table_lines);
		l->table_lines = NULL;
	}
}

/* Does any line of the block hold an ellipsis? */
static int has_ellipsis(const struct rst_lines *t, size_t first, size_t end)
{
	size_t i;

	for (i = first; i < end; i++)
		if (memmem(t->v[i].s, t->v[i].len, "...", 3))
			return 1;
	return 0;
}

/*
 * Does the body of a "struct NAME {" (lines first..end-1) open with a
 * designated initialiser (".bits_per_pixel = 8,")? Then the block shows
 * a value of the struct, not its declaration.
 */
static int is_initialiser(const struct rst_lines *t, size_t first, size_t end)
{
	size_t i;

	for (i = first; i < end; i++) {
		if (rst_line_blank(&t->v[i]))
			continue;
		const char *p = t->v[i].s + rst_line_lead(&t->v[i]);

		/* Not an ellipsis: a dot, then the member's name. */
		return p[0] == '.' && (isalpha((unsigned char)p[1]) || p[1] == '_');
	}
	return 0;
}

/*
 * Is the body of a "struct NAME {" block (lines first..end-1, before its
 * closing line) prose, not declarations: no line of it has a ';' or a
 * '(' (scsi/libsas.rst's "dev -- the device this task is destined to")?
 */
static int is_prose_body(const struct rst_lines *t, size_t first, size_t end)
{
	size_t i, lines = 0;

	for (i = first; i < end; i++) {
		if (rst_line_blank(&t->v[i]))
			continue;
		if (memchr(t->v[i].s, ';', t->v[i].len) ||
		    memchr(t->v[i].s, '(', t->v[i].len) ||
		    memchr(t->v[i].s, '{', t->v[i].len) ||
		    memchr(t->v[i].s, '}', t->v[i].len))
			return 0;
		lines++;
	}
	return lines > 0;
}

/* Is line s (up to its newline) "  7 code": a number, then a blank? */
static int numbered_line(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (!isdigit((unsigned char)*s))
		return *s == '\n' || !*s;	/* a blank line is no counter-case */
	while (isdigit((unsigned char)*s))
		s++;
	return *s == ' ' || *s == '\t' || *s == '\n' || !*s;
}

/*
 * A listing whose every line starts with its line number (as the RCU
 * design notes print theirs): the numbers are blanked, in place, so the
 * code and its lines stay where they are.
 */
static void strip_line_numbers(char *code)
{
	char *p;
	int any = 0;

	for (p = code; *p; p = *strchrnul(p, '\n') ? strchrnul(p, '\n') + 1 : strchrnul(p, '\n')) {
		if (!numbered_line(p))
			return;
		any |= !!strpbrk(p, "0123456789") &&
		       strpbrk(p, "0123456789") < strchrnul(p, '\n');
	}
	if (!any)
		return;
	for (p = code; *p; p = *strchrnul(p, '\n') ? strchrnul(p, '\n') + 1 : strchrnul(p, '\n')) {
		char *q = p;

		while (*q == ' ' || *q == '\t')
			q++;
		while (isdigit((unsigned char)*q))
			*q++ = ' ';
	}
}

/* Words of prose that announce a part of a struct, lower case. */
static const char *const part_words[] = {
	"excerpt", "extract of", "part of", "parts of", "some of", "subset",
	"simplified", "abridged", "relevant", "important", "interesting",
	"omit", "trimmed", "shortened", "extensions", "fields of interest",
	/* A sketch: "... in the definition of the driver. Like this::". */
	". like this", "would look like", "something like",
	NULL
};

/*
 * Words of the paragraph after a block that make it a minimum set ("every
 * implementation should at least provide ->start and ->stop").
 */
static const char *const minimum_words[] = {
	"at least", "at a minimum", "minimum set", NULL
};

/*
 * Do lines first..end-1, joined as one text with their whitespace
 * collapsed, hold one of words (case aside)? A phrase may wrap.
 */
static int says_in(const struct rst_lines *t, size_t first, size_t end,
		   const char *const *words)
{
	struct strbuf text = STRBUF_INIT;
	size_t i;
	int w, found = 0;

	for (i = first; i < end; i++) {
		strbuf_add_collapsed(&text, t->v[i].s, t->v[i].len);
		strbuf_addch(&text, ' ');
	}
	for (i = 0; i < text.len; i++)
		text.buf[i] = tolower((unsigned char)text.buf[i]);
	for (w = 0; !found && words[w]; w++)
		found = strstr(text.buf, words[w]) != NULL;
	strbuf_release(&text);
	return found;
}

static int says_part_in(const struct rst_lines *t, size_t first, size_t end)
{
	return says_in(t, first, end, part_words);
}

/*
 * Does the paragraph right after a block, whose body ends before line end,
 * say that the block is the least a driver provides?
 */
static int prose_says_minimum(const struct rst_lines *t, size_t end)
{
	size_t p = end, q;

	while (p < t->n && rst_line_blank(&t->v[p]))
		p++;
	for (q = p; q < t->n && !rst_line_blank(&t->v[q]); q++)
		;
	return says_in(t, p, q, minimum_words);
}

/*
 * Does the prose that introduces the block whose marker is line m say that
 * it shows a part of the struct? The paragraph that ends with the marker,
 * or the one before a marker that is only "::" or a directive.
 */
static int prose_says_part(const struct rst_lines *t, size_t m)
{
	size_t p = m, q;
	const char *s = t->v[m].s + rst_line_lead(&t->v[m]);
	int bare = (t->v[m].len - (s - t->v[m].s) == 2) || s[0] == '.';

	while (p > 0 && !rst_line_blank(&t->v[p - 1]))
		p--;
	if (says_part_in(t, p, m + 1))
		return 1;
	if (!bare || p == 0)
		return 0;
	for (q = p - 1; q > 0 && rst_line_blank(&t->v[q]); q--)
		;
	for (p = q + 1; p > 0 && !rst_line_blank(&t->v[p - 1]); p--)
		;
	return says_part_in(t, p, q + 1);
}

int rst_may_list(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	if (memmem(text, len, "(*", 2))
		return 1;
	while ((p = memmem(p, end - p, "struct ", 7))) {
		p += 7;
		while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		if (end - p >= 2 && p[0] == ' ' && p[1] == '{')
			return 1;
	}
	return 0;
}

void scan_rst(const char *file, const char *text, size_t len,
	      const char *const *names, const struct strvec *member_names,
	      struct doc_listings *out)
{
	struct strvec in_block = STRVEC_INIT, in_title = STRVEC_INIT;
	struct rst_lines t;
	size_t i, section = (size_t)-1, section_end, k, sec, nr_names = 0, c, nc;
	long *cand = NULL;
	int sorted = 1;

	while (names[nr_names]) {
		if (nr_names && strcmp(names[nr_names - 1], names[nr_names]) >= 0)
			sorted = 0;
		nr_names++;
	}
	strvec_init(&in_block);
	strvec_init(&in_title);
	rst_split_lines(text, len, &t);
	for (i = 0; i < t.n; i++) {
		size_t first, end, j;

		if (rst_line_title(&t, i)) {
			section = i;
			strvec_release(&in_title);
			strvec_init(&in_title);
			title_words(&t.v[i], &in_title);
			continue;
		}
		if (!rst_block_marker(&t.v[i]) || !rst_block_body(&t, i, &first, &end))
			continue;
		if (is_patch(&t, first, end)) {
			i = end - 1;
			continue;
		}
		for (section_end = end; section_end < t.n && !rst_line_title(&t, section_end);
		     section_end++)
			;
		strvec_release(&in_block);
		strvec_init(&in_block);
		wrapped_names(&t, first, end, &in_block);
		cand = xrealloc(cand, (in_block.nr + in_title.nr + 8) * sizeof(*cand));
		nc = block_candidates(names, nr_names, sorted, &in_block, &in_title,
				      cand);
		for (c = 0; c < nc; c++) {
			struct strbuf open = STRBUF_INIT;
			struct doc_listing *l = NULL;
			int protos, hits;

			k = cand[c];
			strbuf_addf(&open, "struct %s {", names[k]);
			/* in_block has every NAME the block wraps. */
			j = strvec_find(&in_block, names[k]) >= 0 ? first : end;
			for (; j < end; j++)
				if (memmem(t.v[j].s, t.v[j].len, open.buf, open.len))
					break;
			strbuf_release(&open);
			if (j < end) {
				/* Through the line that closes the brace. */
				size_t e = j;
				int depth = 0;

				for (; e < end; e++) {
					size_t c;

					for (c = 0; c < t.v[e].len; c++)
						depth += t.v[e].s[c] == '{' ?
							 1 : t.v[e].s[c] == '}' ? -1 : 0;
					/* Closed on this line (a one-line struct, too). */
					if (depth <= 0 && (e > j ||
					    memchr(t.v[e].s, '}', t.v[e].len)))
						break;
				}
				/* ".field = value": an initialiser, no declaration. */
				if (is_initialiser(&t, j + 1, e < end ? e : end))
					continue;
				/* "dev -- the device...": prose in braces. */
				if (e < end && is_prose_body(&t, j + 1, e))
					continue;
				l = add(out, file, names[k], j + 1);
				l->wrapped = 1;
				l->code = dedent(&t, j, e < end ? e + 1 : end);
				strip_line_numbers(l->code);
				l->ellipsis = has_ellipsis(&t, j, e < end ? e + 1 : end);
				/*
				 * Part of a struct by its nature: one whose body
				 * runs on in later blocks, between paragraphs
				 * (taskstats, kvm_run), or a BPF program's own
				 * declaration of the fields it reads.
				 */
				l->program = rst_in_program(&t, j, e < end ? e + 1 : end, 0);
				l->part = prose_says_part(&t, i) || e >= end ||
					  prose_says_minimum(&t, end) ||
					  strstr(l->code, "preserve_access_index");
			} else {
				hits = count_members(&t, first, end,
						     member_names ? &member_names[k] : NULL,
						     &protos);
				if (!hits)
					continue;
				if (!((section != (size_t)-1 &&
				       strvec_find(&in_title, names[k]) >= 0) ||
				      (hits >= 3 && 2 * hits >= protos)))
					continue;
				l = add(out, file, names[k], first + 1);
				l->code = dedent(&t, first, end);
				l->ellipsis = has_ellipsis(&t, first, end);
				/* A "prototypes:" block is a full list; others are
				 * the callbacks the prose is about. */
				l->part = prose_says_part(&t, i) ||
					  !memmem(t.v[i].s, t.v[i].len, "prototypes", 10);
				if (!l->part)
					find_table(&t, end, section_end, l);
			}
			/* Before any title, the section is the file's start. */
			sec = section == (size_t)-1 ? 0 : section;
			l->section_line = sec + 1;
			find_described(&t, sec, section_end,
				       member_names ? &member_names[k] : NULL, l);
			find_version(&t, sec, section_end, l);
		}
		i = end - 1;
	}
	strvec_release(&in_block);
	strvec_release(&in_title);
	free(cand);
	free(t.v);
}

void doc_listing_release(struct doc_listing *l)
{
	free(l->file);
	free(l->struct_name);
	free(l->code);
	free(l->version);
	free(l->near);
	free(l->table_lines);
	strvec_release(&l->table_ops);
	free(l->described_lines);
	strvec_release(&l->described);
}

void doc_listings_release(struct doc_listings *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		doc_listing_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
