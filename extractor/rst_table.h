/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_TABLE_H
#define OPSDOC_RST_TABLE_H

#include <stddef.h>

#include "rst_read.h"
#include "strbuf.h"
#include "strvec.h"

/**
 * rst_table_border() - is a line a border of a simple table?
 * @l: the line
 *
 * Return: nonzero for runs of "=" between blanks.
 */
int rst_table_border(const struct rst_line *l);

/**
 * rst_border_columns() - the columns of a table's border
 * @b: the border
 * @starts: receives each column's first column
 * @widths: receives each column's width
 * @max: the size of @starts and @widths
 *
 * Return: how many columns.
 */
size_t rst_border_columns(const struct rst_line *b, size_t *starts,
			  size_t *widths, size_t max);

/**
 * rst_pad_to() - pad a row to a column
 * @row: the row
 * @col: the row's column now; updated
 * @to: the column to reach, with tabs where they land and spaces
 */
void rst_pad_to(struct strbuf *row, size_t *col, size_t to);

/**
 * rst_add_cells() - append a row of cells
 * @out: receives the row and a newline
 * @cells: the cells; an empty one leaves its column blank
 * @starts: the columns' starts
 * @widths: the columns' widths
 * @nr: how many columns
 *
 * Return: 0, or -1 (nothing appended) when a cell overruns its column
 * (the last may run on).
 */
int rst_add_cells(struct strbuf *out, const struct strvec *cells,
		  const size_t *starts, const size_t *widths, size_t nr);

/**
 * rst_cut_cells() - the cells of a row
 * @l: the row
 * @starts: the columns' starts
 * @nr: how many columns
 * @cells: initialized and filled with the cells, trimmed; trailing empty
 *         cells are left out
 */
void rst_cut_cells(const struct rst_line *l, const size_t *starts, size_t nr,
		   struct strvec *cells);

/**
 * rst_add_border() - append a border for columns
 * @out: receives it and a newline
 * @starts: the columns' starts
 * @widths: the columns' widths
 * @nr: how many columns
 */
void rst_add_border(struct strbuf *out, const size_t *starts,
		    const size_t *widths, size_t nr);

/**
 * rst_find_table() - the first simple table in lines from..end-1
 * @ls: the lines
 * @from: the first line to look at
 * @end: the line after the last
 * @top: receives its first border
 * @rows: receives the border under its header
 * @bottom: receives its last border
 *
 * Return: nonzero when there is one.
 */
int rst_find_table(const struct rst_lines *ls, size_t from, size_t end,
		   size_t *top, size_t *rows, size_t *bottom);

#endif
