/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_WRITE_H
#define OPSDOC_RST_WRITE_H

#include "strbuf.h"

/* A directive hook's answer: go on, or drop the rest of the page. */
#define RST_STOP 1

/*
 * What the writer cannot do alone. Each hook appends RST to out and
 * returns 0, RST_STOP (directive only) or -1 after reporting an error
 * that names the template file and line.
 */
struct rst_hooks {
	/* A fenced block whose info string starts with "opsdoc". */
	int (*directive)(void *data, const char *info, const char *body,
			 unsigned int line, struct strbuf *out);
	/* A code span "opsdoc:NAME"; name is what follows the colon. */
	int (*inline_value)(void *data, const char *name, unsigned int line,
			    struct strbuf *out);
	void *data;
};

struct rst_opts {
	const char *path;	/* the template, for errors */
	unsigned int first_line;	/* line of the text's first line in path */
	const char *indent;	/* prefix for every line written, or NULL */
};

/*
 * Render CommonMark text as reStructuredText, appending to out. Returns 0,
 * RST_STOP when a directive dropped the rest of the page, or -1 after
 * printing an error (HTML, images, an unterminated fence, a hook's error).
 */
int rst_render_markdown(const char *text, size_t len, const struct rst_opts *o,
			const struct rst_hooks *h, struct strbuf *out);

/* Display width of UTF-8 text: wide characters count two columns. */
size_t utf8_width(const char *s, size_t len);

#endif
