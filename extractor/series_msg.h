/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_SERIES_MSG_H
#define OPSDOC_SERIES_MSG_H

#include "drift.h"
#include "model.h"
#include "rewrite.h"
#include "strbuf.h"

/* The width of a commit message's lines. */
#define MSG_COLUMNS 72

/**
 * struct series_facts - what the messages of a series are made from
 * @api: the model of the tree
 * @before: check's findings on the documents as the tree has them
 */
struct series_facts {
	const struct api *api;
	const struct findings *before;
};

/**
 * step_message() - the subject and body of one patch of a series
 * @f: the model and the findings before the series
 * @r: the rewrites
 * @step: the index of the step in @r->steps
 * @subject: receives the subject, without "[PATCH]"
 * @body: receives the body: plain text wrapped at MSG_COLUMNS, which says
 *        what was stale (from @f->before and from the descriptions the
 *        step adds, rewrites or drops) and how it was checked; it ends
 *        with a blank line, before the sign-off
 */
void step_message(const struct series_facts *f, const struct rewrites *r,
		  size_t step, struct strbuf *subject, struct strbuf *body);

/**
 * step_sources() - the code files one patch of a series documents
 * @f: as for step_message()
 * @r: the rewrites
 * @step: the index of the step in @r->steps
 * @out: receives the files, relative to the tree: the headers of the
 *       structs the patch lists, and for the sections added to
 *       mmap_prepare.rst the mm files they describe
 *
 * Their maintainers are asked to review the patch too.
 */
void step_sources(const struct series_facts *f, const struct rewrites *r,
		  size_t step, struct strvec *out);

/**
 * cover_message() - the subject and body of a series' cover letter
 * @f: as for step_message()
 * @r: the rewrites
 * @tool: the tool and its version, e.g. "opsdoc 0.12"
 * @base: what the series applies to, e.g. "Linux 7.3.4 (commit 1234abcd)"
 * @subject: receives the subject
 * @body: receives the body, wrapped at MSG_COLUMNS
 */
void cover_message(const struct series_facts *f, const struct rewrites *r,
		   const char *tool, const char *base, struct strbuf *subject,
		   struct strbuf *body);

#endif
