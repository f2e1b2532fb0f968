/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_SERIES_DIFF_H
#define OPSDOC_SERIES_DIFF_H

/*
 * What one step of a series changes, read from the document's text before
 * and after it: nothing here comes from check's findings, so a patch's
 * log can say only what its diff does.
 */

#include <stddef.h>

#include "strbuf.h"
#include "strvec.h"

/**
 * struct struct_change - what a step changes in the text about one struct
 * @name: the struct, e.g. "file_operations"
 * @added: members its listing or prototypes block gains
 * @gone: members it loses
 * @protos: members whose declaration changes
 * @protos_why: for each of @protos, what changes when it is the return
 *              type ("returns void, not int"), else ""
 * @semis: members whose declaration only gains the ';' it lacked
 * @headings: descriptions whose misspelt heading is fixed, as "new (was
 *            old)"; their words stay
 * @headings_rewritten: the same, their words rewritten too
 * @desc_added: "``member``" descriptions added
 * @desc_rewritten: descriptions whose words change (a moved one is not)
 * @desc_dropped: descriptions removed
 * @rows_added: rows a locking table ("ops" in its first column) gains
 * @rows_gone: rows it loses
 * @rows_changed: rows whose cells change
 * @stamps: the "As of kernel X" it removes or changes, as they were
 */
struct struct_change {
	char *name;
	struct strvec added, gone, protos, protos_why, semis;
	struct strvec headings, headings_rewritten;
	struct strvec desc_added, desc_rewritten, desc_dropped;
	struct strvec rows_added, rows_gone, rows_changed;
	struct strvec stamps;
};

/**
 * struct step_change - what a step changes
 * @structs: the structs whose section or listing changes, in the text's order
 * @nr_structs: how many
 * @sections: the titles of the sections the step adds (each also read as
 *            a struct_change against an empty section)
 * @functions: the first function ("``name()``") of each description it
 *             adds or rewrites: the caller, as descriptions name it first
 * @other: the titles of the sections whose changes are none of the above
 */
struct step_change {
	struct struct_change *structs;
	size_t nr_structs;
	struct strvec sections;
	struct strvec functions;
	struct strvec other;
};

/**
 * step_change_read() - what changes from one text of a document to the next
 * @before: the text before the step
 * @after: the text after it
 * @c: receives the changes; release with step_change_release()
 */
void step_change_read(const struct strbuf *before, const struct strbuf *after,
		      struct step_change *c);

/**
 * step_change_release() - free what step_change_read() filled
 * @c: the changes; left empty
 */
void step_change_release(struct step_change *c);

/**
 * struct_change_names() - every member a struct_change names, each once
 * @sc: the change
 * @out: receives the names
 */
void struct_change_names(const struct struct_change *sc, struct strvec *out);

/**
 * names_close() - are two names one letter or two apart (a typo)?
 * @a: a name
 * @b: another
 *
 * Return: 1 when they differ by an edit distance of 1 or 2, else 0.
 */
int names_close(const char *a, const char *b);

#endif
