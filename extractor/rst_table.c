// SPDX-License-Identifier: GPL-2.0
/*
 * rst_table.c - reStructuredText simple tables: their borders, the columns
 * the borders give, and rows laid out in them (tabs where the document's
 * tab stops allow).
 */
#include <stdlib.h>
#include <string.h>

#include "rst_read.h"
#include "rst_table.h"
#include "util.h"

/* Is line l a border of a simple table: runs of "=" between blanks? */
int rst_table_border(const struct rst_line *l)
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
size_t rst_border_columns(const struct rst_line *b, size_t *starts,
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
void rst_pad_to(struct strbuf *row, size_t *col, size_t to)
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
int rst_add_cells(struct strbuf *out, const struct strvec *cells,
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
		rst_pad_to(&row, &col, starts[i]);
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
void rst_cut_cells(const struct rst_line *l, const size_t *starts, size_t nr,
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
 * The first table of the section lines from..end-1: its first border, and
 * the borders that open and close its rows. 0 when there is none.
 */
int rst_find_table(const struct rst_lines *ls, size_t from, size_t end,
		   size_t *top, size_t *rows, size_t *bottom)
{
	size_t k, n = 0;

	for (k = from; k < end && n < 3; k++) {
		if (rst_line_indent(&ls->v[k]) || !rst_table_border(&ls->v[k]))
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

/* Append the border of a table with the columns starts[], widths[]. */
void rst_add_border(struct strbuf *out, const size_t *starts,
		    const size_t *widths, size_t nr)
{
	size_t i, k, col = 0;

	for (i = 0; i < nr; i++) {
		rst_pad_to(out, &col, starts[i]);
		for (k = 0; k < widths[i]; k++)
			strbuf_addch(out, '=');
		col += widths[i];
	}
	strbuf_addch(out, '\n');
}
