/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_FOLD_H
#define OPSDOC_RST_FOLD_H

#include <stddef.h>

#include "strbuf.h"

/*
 * The comment line that the "opsdoc fold" directive writes: the rest of the
 * line is "LINE end TITLE" or "LINE before TITLE", LINE being the
 * directive's line in its template.
 */
#define RST_FOLD_MARKER ".. opsdoc-fold: "

/**
 * rst_fold() - fold the RST of a template into an existing page
 * @page: the page's text
 * @len: its length
 * @tpl_path: the template the RST comes from, for errors
 * @added: the template's RST
 * @out: receives the page with @added folded in, appended
 *
 * @added is cut at its fold markers (RST_FOLD_MARKER at the start of a
 * line). What precedes the first marker goes after the page's last line.
 * The text after an "end TITLE" marker goes at the end of the body of the
 * section titled TITLE, before the next title of any level; the text after
 * a "before TITLE" marker goes just before that section's title (and its
 * overline). Texts that land in one place keep the template's order. The
 * page's own lines are kept byte for byte.
 *
 * Return: 0, or -1 after an error naming @tpl_path and the marker's line
 * (a title the page has not, or has twice; a malformed marker).
 */
int rst_fold(const char *page, size_t len, const char *tpl_path,
	     const char *added, struct strbuf *out);

#endif
