/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_EXPAND_H
#define OPSDOC_EXPAND_H

#include "model.h"
#include "strbuf.h"

/* What a template's directives are expanded from. */
struct expand_env {
	const struct api *api;
	const char *examples_dir;	/* the example drivers' sources */
};

/*
 * Render the template at path (CommonMark with opsdoc directives) as RST,
 * every line prefixed by indent (may be NULL), appending to out. Returns 0,
 * or -1 after an error naming the template file and line.
 */
int expand_template(const struct expand_env *env, const char *path,
		    const char *indent, struct strbuf *out);

/* The same for text already in memory; first_line is its line in path. */
int expand_text(const struct expand_env *env, const char *path,
		unsigned int first_line, const char *text, size_t len,
		const char *indent, struct strbuf *out);

/* "immutable", "mutable", "write-only", "action", or the group itself. */
const char *access_class(const struct member *m);

#endif
