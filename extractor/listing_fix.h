/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_LISTING_FIX_H
#define OPSDOC_LISTING_FIX_H

/*
 * series --listings: check's true findings on the full struct listings of
 * Documentation/ turned into minimal edits of those listings, as rewrite
 * steps that series commits like its own (one per document, or one per
 * struct where a document fixes several).
 */

#include <stddef.h>

#include "checkdocs.h"
#include "rewrite.h"
#include "strbuf.h"
#include "strvec.h"

struct ktree;
struct series_tree;
struct step_change;

/**
 * struct listing_skip - a listing with findings that is left as it is
 * @file: its document, relative to the tree
 * @line: its first line
 * @struct_name: its struct
 * @reason: why, in a few words ("it does not parse")
 */
struct listing_skip {
	char *file;
	unsigned int line;
	char *struct_name;
	char *reason;
};

/**
 * struct listing_fixes - the edits series --listings commits
 * @r: the documents and one step per document (or per struct)
 * @notes: for each step of @r, the paragraphs its log adds: prose that
 *         still names a member the step removes, and for a series of
 *         one patch, that the translations follow
 * @nr_notes: how many of @notes (the steps made, even when @r has been
 *            handed on)
 * @nr_fixed: how many listings the steps fix
 * @skips: the listings with findings that no step edits, and why
 * @nr_skips: how many
 * @translations: how many listings under Documentation/translations have
 *                such findings (left to their translators)
 */
struct listing_fixes {
	struct rewrites r;
	struct strvec *notes;
	size_t nr_notes;
	size_t nr_fixed;
	struct listing_skip *skips;
	size_t nr_skips;
	size_t translations;
};

/**
 * listing_fixes_make() - the minimal edits that clear check's findings
 * @kt: the tree, read only
 * @cr: check_tree() on the tree's Documentation/
 * @lf: receives the edits; release with listing_fixes_release()
 *
 * A full listing (no ellipsis, no prose that calls it a part) with
 * missing, removed or changed members or qualifiers gets a missing
 * member after the one before it in the header, in the indentation of
 * that line, and with the header's declaration; loses a member the
 * header no longer has (with a comment block that is that member's
 * alone); has a changed declaration rewritten in place, only the part
 * that differs. Every other byte stays. The documents are then checked
 * again: a listing whose edit does not leave it without findings is
 * skipped, like one that does not parse or names a nested struct the
 * listing lacks. Each skip is noted on standard error.
 *
 * Return: 0, or -1 after an error.
 */
int listing_fixes_make(const struct ktree *kt, const struct check_run *cr,
		       struct listing_fixes *lf);

/**
 * listing_fixes_cover() - what a cover letter of --listings adds
 * @lf: the edits
 * @r: the rewrites made of them
 * @t: the tree whose series it is
 * @out: receives the paragraphs: the listings of its documents that were
 *       skipped and why, and that the translations follow the English
 */
void listing_fixes_cover(const struct listing_fixes *lf,
			 const struct rewrites *r, const struct series_tree *t,
			 struct strbuf *out);

/**
 * listing_step_change() - a step's changes, named after the step's struct
 * @r: the rewrites made by listing_fixes_make()
 * @step: the step
 * @c: step_change_read() on its texts; rewritten in place
 *
 * step_change_read() names the changes of a section after the last
 * struct it lists; a step of --listings edits one struct, which may share
 * its section with another listing, so its changes are that struct's.
 */
void listing_step_change(const struct rewrites *r, size_t step,
			 struct step_change *c);

/**
 * listing_fixes_release() - free what listing_fixes_make() filled
 * @lf: the edits; left empty
 */
void listing_fixes_release(struct listing_fixes *lf);

#endif
