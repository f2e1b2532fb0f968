/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_READ_H
#define OPSDOC_RST_READ_H

#include <stddef.h>

/*
 * reStructuredText read line by line, for the two readers of existing
 * documents: the vfs.rst splicer (rst_splice.c) and the listing scanner (rst_listings.c).
 * Lines point into the caller's text, which must outlive them.
 */
struct rst_line {
	const char *s;
	size_t len;	/* without the newline (and a CR before it) */
};

struct rst_lines {
	struct rst_line *v;
	size_t n;
};

/* Split text into lines; free ls->v when done. */
void rst_split_lines(const char *text, size_t len, struct rst_lines *ls);
int rst_line_blank(const struct rst_line *l);
/* Leading white space as a column, tabs to multiples of 8. */
size_t rst_line_indent(const struct rst_line *l);
/* Spaces and tabs before the first other character. */
size_t rst_line_lead(const struct rst_line *l);
/* One punctuation character repeated, at least 3 long: a title's line. */
int rst_line_adornment(const struct rst_line *l);
/* Is line i a section title: text at column 0 with an adornment under it? */
int rst_line_title(const struct rst_lines *ls, size_t i);
/* A "``name``" description term: copy name (a C identifier) and return 1. */
int rst_line_term(const struct rst_line *l, char *name, size_t size);

#endif
