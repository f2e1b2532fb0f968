/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_LISTINGS_H
#define OPSDOC_RST_LISTINGS_H

#include <stddef.h>

#include "strbuf.h"
#include "strvec.h"

/*
 * A listing of a modelled struct found in an .rst file: a literal or code
 * block that declares "struct NAME {", or one that lists NAME's member
 * prototypes without the wrapper (attributed by the section title, or by
 * the member names it uses).
 */
struct doc_listing {
	char *file;		/* as given to scan_rst() */
	char *struct_name;
	unsigned int line;	/* first line of the block's body */
	char *code;		/* the body, its common indentation removed */
	int wrapped;		/* code has the "struct NAME {" ... "};" */
	unsigned int section_line;	/* title of the enclosing section */
	struct strvec described;	/* ``member`` terms in that section */
	unsigned int *described_lines;
	char *version;		/* "As of kernel X.Y" in the section, or NULL */
	unsigned int version_line;
};

struct doc_listings {
	struct doc_listing *v;
	size_t n;
};

/*
 * Find the listings of the structs in names (NULL-terminated) in one .rst
 * text and append them to out. member_names[i] lists the members of
 * names[i], used to attribute blocks that have no struct wrapper.
 */
void scan_rst(const char *file, const char *text, size_t len,
	      const char *const *names, const struct strvec *member_names,
	      struct doc_listings *out);

void doc_listings_release(struct doc_listings *l);

#endif
