/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_SERIES_MSG_H
#define OPSDOC_SERIES_MSG_H

#include "model.h"
#include "rewrite.h"
#include "series_diff.h"
#include "series_tree.h"
#include "strbuf.h"

/* The width of a commit message's lines. */
#define MSG_COLUMNS 72

/**
 * step_message() - the subject and body of one patch of a series
 * @templates: the templates directory the rewrite used
 * @api: the model, for the header of each struct
 * @r: the rewrites
 * @step: the index of the step in @r->steps
 * @c: what the step changes (step_change_read() on its texts)
 * @subject: receives the subject, without "[PATCH]"
 * @body: receives the body: plain text wrapped at MSG_COLUMNS that says
 *        why, then what the patch changes, each member by name, and
 *        nothing else; it ends with a blank line, before the tags
 * @below: receives the note for the reviewer that goes below the "---"
 *        line, out of the log: in one line which part opsdoc produced
 */
void step_message(const char *templates, const struct api *api,
		  const struct rewrites *r, size_t step,
		  const struct step_change *c, struct strbuf *subject,
		  struct strbuf *body, struct strbuf *below);

/**
 * cover_message() - the subject and body of a series' cover letter
 * @r: the rewrites
 * @t: the tree whose series it is
 * @changes: what each step of @r changes
 * @extra: text to add as it is (templates/DIR/NAME.cover.txt), or NULL
 * @is_git: whether the series was made against a git HEAD
 * @subject: receives the subject
 * @body: receives the body, wrapped at MSG_COLUMNS: what the series
 *        changes, what opsdoc produced and what came from its templates,
 *        and how it was tested
 */
void cover_message(const struct rewrites *r, const struct series_tree *t,
		   const struct step_change *changes, const struct strbuf *extra,
		   int is_git, struct strbuf *subject, struct strbuf *body);

#endif
