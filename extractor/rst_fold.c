// SPDX-License-Identifier: GPL-2.0
/*
 * rst_fold.c - a template's sections folded into the sections of an
 * existing page, at the places its "opsdoc fold" markers name.
 */
#include <stdlib.h>
#include <string.h>

#include "rst_fold.h"
#include "rst_read.h"
#include "util.h"

struct fold_piece {
	size_t at;		/* offset in the page; the page's length: its end */
	size_t order;		/* the template's order, for a stable sort */
	const char *s;		/* the RST, in the template's text */
	size_t len;
};

static int by_place(const void *a, const void *b)
{
	const struct fold_piece *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The offset in the page where the text of a marker goes, or -1. */
static long fold_place(const char *page, size_t len, const struct rst_lines *ls,
		       const char *tpl_path, const char *marker, size_t mlen)
{
	const char *p = marker, *end = marker + mlen, *title;
	unsigned int line = 0;
	size_t i, found = ls->n, tlen;
	int before;

	while (p < end && *p >= '0' && *p <= '9')
		line = line * 10 + (unsigned int)(*p++ - '0');
	if (p < end && *p == ' ')
		p++;
	if ((size_t)(end - p) > 4 && !strncmp(p, "end ", 4)) {
		before = 0;
		p += 4;
	} else if ((size_t)(end - p) > 7 && !strncmp(p, "before ", 7)) {
		before = 1;
		p += 7;
	} else {
		error_at(tpl_path, line, "a fold marker needs 'end TITLE' or "
			 "'before TITLE': %.*s", (int)mlen, marker);
		return -1;
	}
	title = p;
	tlen = (size_t)(end - p);
	for (i = 0; i < ls->n; i++) {
		if (!rst_line_title(ls, i) || ls->v[i].len < tlen)
			continue;
		if (memcmp(ls->v[i].s, title, tlen) ||
		    strspn(ls->v[i].s + tlen, " \t") != ls->v[i].len - tlen)
			continue;
		if (found != ls->n) {
			error_at(tpl_path, line, "the page has two sections titled "
				 "'%.*s'; fold into one it has once", (int)tlen, title);
			return -1;
		}
		found = i;
	}
	if (found == ls->n) {
		error_at(tpl_path, line, "the page has no section titled '%.*s'; "
			 "use one of its own titles", (int)tlen, title);
		return -1;
	}
	if (!before) {
		for (i = found + 2; i < ls->n && !rst_line_title(ls, i); i++)
			;
		if (i == ls->n)
			return (long)len;
		found = i;
	}
	if (found > 0 && rst_line_adornment(&ls->v[found - 1]))
		found--;
	return (long)(ls->v[found].s - page);
}

int rst_fold(const char *page, size_t len, const char *tpl_path,
	     const char *added, struct strbuf *out)
{
	const size_t mk = strlen(RST_FOLD_MARKER);
	struct fold_piece *v = NULL;
	struct rst_lines ls = { NULL, 0 };
	const char *p = added, *s = added;
	size_t n = 0, i, done = 0, at = len, head = len;
	int ret = -1;

	rst_split_lines(page, len, &ls);
	for (;;) {
		const char *eol = strchr(p, '\n');
		int last = !*p;
		long place;

		if (last || !strncmp(p, RST_FOLD_MARKER, mk)) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n] = (struct fold_piece){ at, n, s, (size_t)(p - s) };
			n++;
			if (last)
				break;
			if (!eol)
				eol = p + strlen(p);
			place = fold_place(page, len, &ls, tpl_path, p + mk,
						(size_t)(eol - p - mk));
			if (place < 0)
				goto out;
			at = (size_t)place;
			s = *eol ? eol + 1 : eol;
		}
		if (!eol)
			p += strlen(p);
		else
			p = eol + 1;
	}
	qsort(v, n, sizeof(*v), by_place);
	/* The page's end: its text without trailing blank lines. */
	while (head > 0 && (page[head - 1] == '\n' || page[head - 1] == ' ' ||
			    page[head - 1] == '\t' || page[head - 1] == '\r'))
		head--;
	for (i = 0; i < n; i++) {
		const char *t = v[i].s;
		size_t tl = v[i].len;

		while (tl && (*t == '\n'))
			t++, tl--;
		while (tl && (t[tl - 1] == '\n' || t[tl - 1] == ' '))
			tl--;
		if (!tl)
			continue;
		if (v[i].at == len) {
			if (done < head) {
				strbuf_add(out, page + done, head - done);
				strbuf_addch(out, '\n');
				done = len;
			}
			strbuf_addch(out, '\n');
			strbuf_add(out, t, tl);
			strbuf_addch(out, '\n');
			continue;
		}
		strbuf_add(out, page + done, v[i].at - done);
		done = v[i].at;
		strbuf_add(out, t, tl);
		strbuf_adds(out, "\n\n");
	}
	if (done < len)
		strbuf_add(out, page + done, len - done);
	ret = 0;
out:
	free(v);
	free(ls.v);
	return ret;
}
