/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_LISTINGS_H
#define OPSDOC_RST_LISTINGS_H

#include <stddef.h>

#include "strbuf.h"
#include "strvec.h"

/**
 * struct doc_listing - a listing of a modelled struct in an .rst file
 * @file: the file, as given to scan_rst()
 * @struct_name: the struct listed
 * @line: the listing's first line: the one with "struct NAME {", or the
 *        first line of the block's body
 * @code: the listing, its common indentation removed
 * @wrapped: 1 when @code has the "struct NAME {" ... "};", else 0
 * @ellipsis: 1 when @code has a "..." (members left out on purpose)
 * @part: 1 when the prose that introduces the block says it shows a part
 *        ("an excerpt", "the relevant fields", "some of"...)
 * @program: 1 when the block is a program's, with a main() or a function
 *           body (rst_in_program()): the
 *           struct is the program's own, what it leaves out is its choice
 * @section_line: the title of the enclosing section (1 when the block
 *                comes before any title)
 * @described: the members that the section's terms describe (``member``
 *             terms, plain "member:" terms of a definition list, grouped
 *             notes), each once
 * @described_lines: the line of each of @described, in the same order
 * @term_list: 1 when ``member`` terms or grouped notes describe members
 *             one by one, as vfs.rst does: then a listed member that none
 *             describes is undescribed. Plain terms alone do not set it:
 *             such sections describe the members that need it.
 * @table_ops: for a "prototypes:" block, the callbacks that the first
 *             column of the section's table names (locking.rst's locking
 *             rules), each once
 * @table_lines: the line of each of @table_ops, in the same order
 * @near: for a struct the tree does not define, the tags it does define
 *        that are nearest, space-separated (set by check), or NULL
 * @version: "X.Y" of an "As of kernel X.Y" in the section, or NULL
 * @version_line: the line of @version
 *
 * A listing is a literal or code block that declares "struct NAME {", or
 * one that lists NAME's member prototypes without the wrapper (attributed
 * by the section title, or by the member names it uses). Lines count from
 * 1. Every string and array belongs to the listing.
 */
struct doc_listing {
	char *file;
	char *struct_name;
	unsigned int line;
	char *code;
	int wrapped;
	int ellipsis;
	int part;
	int program;
	unsigned int section_line;
	struct strvec described;
	unsigned int *described_lines;
	int term_list;
	struct strvec table_ops;
	unsigned int *table_lines;
	char *near;
	char *version;
	unsigned int version_line;
};

/**
 * struct doc_listings - listings found by scan_rst()
 * @v: the listings, in the order found
 * @n: how many
 *
 * A zeroed set is empty; doc_listings_release() frees it.
 */
struct doc_listings {
	struct doc_listing *v;
	size_t n;
};

/**
 * rst_may_list() - can an .rst text hold a listing at all?
 * @text: the text
 * @len: its length
 *
 * A listing opens with "struct NAME {" or declares a "(*name)"; a text
 * with neither has nothing for scan_rst() or scan_struct_names() to find.
 *
 * Return: 0 when the text holds neither, else 1.
 */
int rst_may_list(const char *text, size_t len);

/**
 * scan_rst() - find the listings of structs in an .rst text
 * @file: the file's name, copied into each listing
 * @text: its text
 * @len: the length of @text
 * @names: the structs to look for, NULL-terminated
 * @member_names: @member_names[i] lists the members of @names[i]; NULL
 *                before there is a model
 * @out: receives the listings, appended
 *
 * Find the listings of the structs in @names in one .rst text and append
 * them to @out. The member names attribute blocks that have no struct
 * wrapper. Without them every "(*name)" counts as a member, so the
 * listings found are a superset of those found with them, and none has
 * its described members.
 */
void scan_rst(const char *file, const char *text, size_t len,
	      const char *const *names, const struct strvec *member_names,
	      struct doc_listings *out);

/**
 * scan_struct_names() - the struct names an .rst text may list
 * @text: the text
 * @len: the length of @text
 * @wrapped: receives each NAME of a "struct NAME {" in a literal block
 * @titled: receives each section title that is one identifier with an
 *          underscore, or "struct NAME" (a section of an ops struct's
 *          prototypes, as in locking.rst)
 *
 * Names are appended once each. These are candidates: the caller keeps
 * the ones the tree defines and passes them to scan_rst().
 */
void scan_struct_names(const char *text, size_t len, struct strvec *wrapped,
		       struct strvec *titled);

/**
 * doc_listing_release() - free what one listing holds
 * @l: the listing
 */
void doc_listing_release(struct doc_listing *l);

/**
 * doc_listings_release() - free a set of listings
 * @l: the listings, left empty
 */
void doc_listings_release(struct doc_listings *l);

#endif
