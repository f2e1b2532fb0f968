/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_WRITE_H
#define OPSDOC_RST_WRITE_H

#include "strbuf.h"

/**
 * define RST_STOP - a directive hook's answer: drop the rest of the page
 */
#define RST_STOP 1

/**
 * struct rst_hooks - what the writer cannot do alone
 * @directive: expand a fenced block whose info string starts with
 *             "opsdoc": @info is that whole string, @body the block's
 *             text, @line the fence's line in the template and @columns
 *             what is left of the line after the current indent (prose
 *             the hook renders is wrapped to it); the RST appended to
 *             @out is written as a block
 * @inline_value: expand a code span "opsdoc:NAME": @name is what follows
 *                the colon; the plain text appended to @out is written,
 *                escaped, in the span's place
 * @data: passed to both hooks
 *
 * Each hook returns 0, RST_STOP (@directive only) or -1 after reporting an
 * error that names the template file and line. A NULL hook makes what it
 * would expand an error.
 */
struct rst_hooks {
	int (*directive)(void *data, const char *info, const char *body,
			 unsigned int line, unsigned int columns,
			 struct strbuf *out);
	int (*inline_value)(void *data, const char *name, unsigned int line,
			    struct strbuf *out);
	void *data;
};

/**
 * struct rst_opts - how to render a template
 * @path: the template, for errors
 * @first_line: the line of the text's first line in @path
 * @indent: prefix for every line written, or NULL
 * @columns: the width paragraphs are wrapped to, @indent included; 0 for
 *           RST_COLUMNS
 * @sections: the text continues a page: "#" is a section ("=" under it),
 *            not the page's title, "##" a subsection ("-") and so on
 */
struct rst_opts {
	const char *path;
	unsigned int first_line;
	const char *indent;
	unsigned int columns;
	int sections;
};

/* The width of a line of prose in the kernel's documentation. */
#define RST_COLUMNS 80

/**
 * rst_render_markdown() - render CommonMark text as reStructuredText
 * @text: the CommonMark text
 * @len: its length
 * @o: where the text comes from, and the indent
 * @h: the hooks for opsdoc directives and values, or NULL for none
 * @out: receives the RST, appended
 *
 * Paragraphs are wrapped after their markup is written, so that no line
 * of prose is wider than @o->columns (a word wider than that stands
 * alone); a tab in the indent counts to the next multiple of 8. Sets
 * LC_CTYPE to C.UTF-8. After an error @out may hold
 * part of the page.
 *
 * Return: 0, RST_STOP when a directive dropped the rest of the page, or
 * -1 after printing an error (HTML, images, an unterminated fence,
 * markup inside strong or emphasis, a hook's error).
 */
int rst_render_markdown(const char *text, size_t len, const struct rst_opts *o,
			const struct rst_hooks *h, struct strbuf *out);

#endif
