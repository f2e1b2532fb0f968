/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_DRIFT_H
#define OPSDOC_DRIFT_H

/*
 * Drift: how the documents' listings of a struct differ from the model of
 * the headers, as findings, and how much of each struct a section
 * describes, as coverage.
 */

#include <stddef.h>

#include "model.h"
#include "rst_listings.h"
#include "strvec.h"

/* One way a listing differs from the header, at a line of a document. */
struct finding {
	char *file;
	unsigned int line;
	const char *struct_name;
	char *member;		/* NULL for a finding about the listing */
	const char *class;
	const char *severity;
	char *doc;		/* what the document says */
	char *header;		/* what the header says */
	const char *header_file;
	unsigned int header_line;
	char *message;
};

struct findings {
	struct finding *v;
	size_t n;
};

/* The members of a struct that one listing's section describes. */
struct coverage {
	char *file;
	const char *struct_name;
	size_t described, total;
	struct strvec undescribed;
};

struct coverages {
	struct coverage *v;
	size_t n;
};

/**
 * compare_listings() - compare the documents' listings with the model
 * @api: the model of the headers; it must have every struct that @ls lists
 * @ls: the listings found in the documents, @n of them
 * @parsed: @parsed[i] is what @ls[i] declares (from parse_listings())
 * @n: how many listings
 * @fs: receives the findings, sorted by file, line, struct, member, class
 * @cov: receives the coverage of each listing, in the order of @ls
 *
 * The findings and coverage point into @api, which must outlive them.
 */
void compare_listings(const struct api *api, const struct doc_listing *ls,
		      const struct ops_struct *parsed, size_t n,
		      struct findings *fs, struct coverages *cov);

/**
 * finding_release() - free what a finding owns
 * @f: the finding; its struct is not freed
 */
void finding_release(struct finding *f);

/**
 * findings_release() - free every finding and the array
 * @fs: the findings; left empty
 */
void findings_release(struct findings *fs);

/**
 * coverages_release() - free every coverage entry and the array
 * @cov: the coverage; left empty
 */
void coverages_release(struct coverages *cov);

#endif
