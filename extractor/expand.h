/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_EXPAND_H
#define OPSDOC_EXPAND_H

#include "model.h"
#include "strbuf.h"

/**
 * struct expand_env - what a template's directives are expanded from
 * @api: the model
 * @examples_dir: the example drivers' sources
 */
struct expand_env {
	const struct api *api;
	const char *examples_dir;
};

/**
 * expand_template() - render a template file as RST
 * @env: the model and the example drivers
 * @path: the template, CommonMark with opsdoc directives
 * @indent: prefix for every line written, or NULL
 * @sections: the template continues a page (struct rst_opts)
 * @out: receives the RST, appended
 *
 * Render the template at @path as RST, every line prefixed by @indent,
 * appending to @out.
 *
 * Return: 0, RST_STOP when a directive (an unmet "requires") dropped the
 * rest of the page, or -1 after an error naming the template file and
 * line.
 */
int expand_template(const struct expand_env *env, const char *path,
		    const char *indent, int sections, struct strbuf *out);

/**
 * expand_text() - render template text already in memory as RST
 * @env: the model and the example drivers
 * @path: the template the text comes from, for errors
 * @first_line: the line of the text's first line in @path
 * @text: the text
 * @len: its length
 * @indent: prefix for every line written, or NULL
 * @out: receives the RST, appended
 *
 * The same as expand_template(), for text already in memory.
 *
 * Return: 0, RST_STOP when a directive dropped the rest of the page, or -1
 * after an error naming @path and line.
 */
int expand_text(const struct expand_env *env, const char *path,
		unsigned int first_line, const char *text, size_t len,
		const char *indent, struct strbuf *out);

/**
 * access_class() - how a member may be used, from its group comment
 * @m: the member
 *
 * Return: "immutable", "mutable", "write-only" or "action" when @m's group
 * comment says "Immutable", "Mutable", "Write-only" or "action"; else the
 * group itself, or "" when @m has none. The string is static or @m's: do
 * not free it.
 */
const char *access_class(const struct member *m);

#endif
