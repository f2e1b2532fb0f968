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

#include "rst_read.h"
#include "rst_listings.h"
#include "util.h"

/* Does s (n bytes) contain word as a whole identifier? */
static int has_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word), i;

	for (i = 0; i + w <= n; i++) {
		if (memcmp(s + i, word, w))
			continue;
		if ((i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_')) &&
		    (i + w == n || !(isalnum((unsigned char)s[i + w]) || s[i + w] == '_')))
			return 1;
	}
	return 0;
}

/* The body of a literal block whose marker is line m: [*first, *end). */
static int block_body(const struct rst_lines *t, size_t m, size_t *first, size_t *end)
{
	size_t base = rst_line_indent(&t->v[m]), i = m + 1;

	/* Directive options (":linenos:") come before the blank line. */
	while (i < t->n && !rst_line_blank(&t->v[i]) && rst_line_indent(&t->v[i]) > base &&
	       t->v[i].s[rst_line_lead(&t->v[i])] == ':')
		i++;
	while (i < t->n && rst_line_blank(&t->v[i]))
		i++;
	if (i == t->n || rst_line_indent(&t->v[i]) <= base)
		return 0;
	*first = i;
	while (i < t->n && (rst_line_blank(&t->v[i]) || rst_line_indent(&t->v[i]) > base))
		i++;
	while (i > *first && rst_line_blank(&t->v[i - 1]))
		i--;
	*end = i;
	return 1;
}

static int is_block_marker(const struct rst_line *l)
{
	const char *s = l->s + rst_line_lead(l);
	size_t n = l->len - (s - l->s);

	if (n >= 2 && s[n - 1] == ':' && s[n - 2] == ':' && strncmp(s, "..", 2))
		return 1;	/* "text::" or a lone "::" */
	return (n >= 15 && !strncmp(s, ".. code-block::", 15)) ||
	       (n >= 9 && !strncmp(s, ".. code::", 9));
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

/* Member names used as "(*name)" in lines first..end-1 that s has. */
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
		for (k = 0; k < members->nr; k++)
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

/* ``name`` terms of the section that are members of the struct. */
static void find_described(const struct rst_lines *t, size_t first, size_t end,
			   const struct strvec *members, struct doc_listing *l)
{
	size_t i;

	for (i = first; i < end; i++) {
		char name[64];

		if (!rst_line_term(&t->v[i], name, sizeof(name)) ||
		    strvec_find(members, name) < 0 ||
		    strvec_find(&l->described, name) >= 0)
			continue;
		strvec_push(&l->described, name);
		l->described_lines = xrealloc(l->described_lines,
					      l->described.nr * sizeof(unsigned int));
		l->described_lines[l->described.nr - 1] = i + 1;
	}
}

void scan_rst(const char *file, const char *text, size_t len,
	      const char *const *names, const struct strvec *member_names,
	      struct doc_listings *out)
{
	struct rst_lines t;
	size_t i, section = (size_t)-1, section_end, k, sec;

	rst_split_lines(text, len, &t);
	for (i = 0; i < t.n; i++) {
		size_t first, end, j;

		if (rst_line_title(&t, i)) {
			section = i;
			continue;
		}
		if (!is_block_marker(&t.v[i]) || !block_body(&t, i, &first, &end))
			continue;
		for (section_end = end; section_end < t.n && !rst_line_title(&t, section_end);
		     section_end++)
			;
		for (k = 0; names[k]; k++) {
			struct strbuf open = STRBUF_INIT;
			struct doc_listing *l = NULL;
			int protos, hits;

			strbuf_addf(&open, "struct %s {", names[k]);
			for (j = first; j < end; j++)
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
				l = add(out, file, names[k], j + 1);
				l->wrapped = 1;
				l->code = dedent(&t, j, e < end ? e + 1 : end);
			} else {
				hits = count_members(&t, first, end,
						     &member_names[k], &protos);
				if (!hits)
					continue;
				if (!((section != (size_t)-1 &&
				       has_word(t.v[section].s, t.v[section].len,
						names[k])) ||
				      (hits >= 3 && 2 * hits >= protos)))
					continue;
				l = add(out, file, names[k], first + 1);
				l->code = dedent(&t, first, end);
			}
			/* Before any title, the section is the file's start. */
			sec = section == (size_t)-1 ? 0 : section;
			l->section_line = sec + 1;
			find_described(&t, sec, section_end, &member_names[k], l);
			find_version(&t, sec, section_end, l);
		}
		i = end - 1;
	}
	free(t.v);
}

void doc_listings_release(struct doc_listings *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].file);
		free(l->v[i].struct_name);
		free(l->v[i].code);
		free(l->v[i].version);
		free(l->v[i].described_lines);
		strvec_release(&l->v[i].described);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
