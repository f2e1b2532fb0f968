// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rst_read.h"
#include "strbuf.h"
#include "strvec.h"
#include "util.h"

void rst_split_lines(const char *text, size_t len, struct rst_lines *ls)
{
	const char *p = text, *end = text + len;

	ls->v = NULL;
	ls->n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = (nl ? nl : end) - p;

		ls->v = xrealloc(ls->v, (ls->n + 1) * sizeof(*ls->v));
		ls->v[ls->n].s = p;
		ls->v[ls->n].len = n && p[n - 1] == '\r' ? n - 1 : n;
		ls->n++;
		p = nl ? nl + 1 : end;
	}
}

int rst_line_blank(const struct rst_line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (!isspace((unsigned char)l->s[i]))
			return 0;
	return 1;
}

size_t rst_line_indent(const struct rst_line *l)
{
	size_t i, col = 0;

	for (i = 0; i < l->len; i++) {
		if (l->s[i] == ' ')
			col++;
		else if (l->s[i] == '\t')
			col = (col / 8 + 1) * 8;
		else
			break;
	}
	return col;
}

size_t rst_line_lead(const struct rst_line *l)
{
	size_t i = 0;

	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	return i;
}

int rst_line_adornment(const struct rst_line *l)
{
	size_t i;

	if (l->len < 3 || !ispunct((unsigned char)l->s[0]))
		return 0;
	for (i = 1; i < l->len; i++)
		if (l->s[i] != l->s[0])
			return 0;
	return 1;
}

int rst_line_title(const struct rst_lines *ls, size_t i)
{
	return i + 1 < ls->n && !rst_line_blank(&ls->v[i]) &&
	       !rst_line_indent(&ls->v[i]) && !rst_line_adornment(&ls->v[i]) &&
	       rst_line_adornment(&ls->v[i + 1]) &&
	       ls->v[i + 1].len >= ls->v[i].len;
}

int rst_line_term(const struct rst_line *l, char *name, size_t size)
{
	size_t n = l->len;

	while (n && isspace((unsigned char)l->s[n - 1]))
		n--;
	/* "``name``:" is written now and then; it is the same term. */
	if (n && l->s[n - 1] == ':')
		n--;
	if (n < 5 || strncmp(l->s, "``", 2) || strncmp(l->s + n - 2, "``", 2) ||
	    n - 4 >= size)
		return 0;
	memcpy(name, l->s + 2, n - 4);
	name[n - 4] = '\0';
	return !isdigit((unsigned char)name[0]) &&
	       strspn(name, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n - 4;
}

int rst_block_body(const struct rst_lines *t, size_t m, size_t *first, size_t *end)
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

int rst_block_around(const struct rst_lines *t, size_t line, size_t *first,
		     size_t *end)
{
	size_t m;

	for (m = line; m-- > 0;)
		if (rst_block_marker(&t->v[m]) && rst_block_body(t, m, first, end))
			return *first <= line && line < *end;
	return 0;
}

int rst_in_program(const struct rst_lines *t, size_t first, size_t end,
		   int includes)
{
	size_t a, b, i;

	if (!rst_block_around(t, first, &a, &b))
		return 0;
	for (i = a; i < b; i++) {
		const struct rst_line *l = &t->v[i];
		const char *s = l->s + rst_line_lead(l);
		size_t n = l->len - rst_line_lead(l);

		if (i >= first && i < end)
			continue;
		if ((includes && n >= 8 && !strncmp(s, "#include", 8)) ||
		    memmem(s, n, "main(", 5))
			return 1;
		/* "{" alone after a line ending in ")": a function body. */
		if (n == 1 && *s == '{' && i > a && t->v[i - 1].len &&
		    t->v[i - 1].s[t->v[i - 1].len - 1] == ')')
			return 1;
	}
	return 0;
}

void rst_strip_comments(const struct rst_line *l, int *in_comment,
			struct strbuf *out)
{
	size_t i;

	strbuf_reset(out);
	for (i = 0; i < l->len; i++) {
		if (*in_comment) {
			if (i + 1 < l->len && l->s[i] == '*' && l->s[i + 1] == '/') {
				*in_comment = 0;
				i++;
			}
			continue;
		}
		if (i + 1 < l->len && l->s[i] == '/' && l->s[i + 1] == '*') {
			*in_comment = 1;
			i++;
			strbuf_addch(out, ' ');
			continue;
		}
		if (i + 1 < l->len && l->s[i] == '/' && l->s[i + 1] == '/')
			break;
		strbuf_addch(out, l->s[i]);
	}
}

int rst_block_marker(const struct rst_line *l)
{
	const char *s = l->s + rst_line_lead(l);
	size_t n = l->len - (s - l->s);

	if (n >= 2 && s[n - 1] == ':' && s[n - 2] == ':' && strncmp(s, "..", 2))
		return 1;	/* "text::" or a lone "::" */
	return (n >= 15 && !strncmp(s, ".. code-block::", 15)) ||
	       (n >= 9 && !strncmp(s, ".. code::", 9));
}

size_t rst_offset(const char *text, const struct rst_lines *ls, size_t i)
{
	return i < ls->n ? (size_t)(ls->v[i].s - text) : (size_t)-1;
}

/* The line after the last one of the section whose title is line i. */
size_t rst_section_end(const struct rst_lines *ls, size_t i)
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

/* The columns line s..s+n takes, tabs to the next multiple of 8. */
size_t rst_columns(const char *s, size_t n)
{
	size_t i, col = 0;

	for (i = 0; i < n; i++)
		col = s[i] == '\t' ? (col | 7) + 1 : col + 1;
	return col;
}

/* The first identifier of a line, or "". */
void rst_first_word(const struct rst_line *l, char *w, size_t size)
{
	size_t i = rst_line_lead(l), n = 0;

	while (i < l->len && n + 1 < size &&
	       (isalnum((unsigned char)l->s[i]) || l->s[i] == '_'))
		w[n++] = l->s[i++];
	w[n] = '\0';
}

const char *rst_names(const char *p, const char *e, struct strvec *names)
{
	while (p < e) {
		const char *w;

		while (p < e && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		for (w = p; p < e && (isalnum((unsigned char)*p) || *p == '_'); p++)
			;
		if (p == w && p < e)
			return p;
		if (p > w)
			strvec_push_owned(names, xstrndup(w, p - w));
	}
	return e;
}

size_t rst_grouped_note(const struct rst_lines *ls, size_t i, size_t end,
			struct strvec *names, struct strbuf *rest)
{
	size_t first = i, nr = names->nr;

	for (; i < end && !rst_line_blank(&ls->v[i]) && rst_line_indent(&ls->v[i]); i++) {
		const struct rst_line *l = &ls->v[i];
		const char *p = l->s, *e = l->s + l->len, *colon = memchr(p, ':', l->len);

		if (colon)
			e = colon;
		if (rst_names(p, e, names) != e)
			goto not_one;
		if (colon) {
			if (rest)
				strbuf_add(rest, colon, l->s + l->len - colon);
			return i + 1;
		}
	}
not_one:
	while (names->nr > nr)
		free(names->v[--names->nr]);
	return first;
}
