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

/*
 * The ways a listing can differ from the header, in the order of their
 * names: findings at the same place sort in this order.
 */
enum finding_class {
	FINDING_HEADER_UNPARSABLE,
	FINDING_MISSING_MEMBER,
	FINDING_MISSING_PADDING,
	FINDING_OLD_VERSION,
	FINDING_PARAM_NAME,
	FINDING_QUALIFIER_DRIFT,
	FINDING_REMOVED_MEMBER,
	FINDING_RENAMED_MEMBER,
	FINDING_SIGNATURE_DRIFT,
	FINDING_TABLE_DRIFT,
	FINDING_UNDESCRIBED,
	FINDING_UNKNOWN_STRUCT,
	FINDING_UNPARSABLE,
	NR_FINDING_CLASSES
};

/* What the report says of a class; finding_classes[] is indexed by class. */
struct finding_class_info {
	const char *name;		/* in reports: "missing-member" */
	const char *severity;		/* "warning" or "note" */
	const char *description;	/* what it means, as the manual says */
};

extern const struct finding_class_info finding_classes[NR_FINDING_CLASSES];

/**
 * finding_class_name() - the name of a finding class, as reports print it
 * @class: the class
 *
 * Return: the name, e.g. "missing-member".
 */
const char *finding_class_name(enum finding_class class);

/**
 * finding_class_by_name() - the finding class of a name from a report
 * @name: the name, e.g. "missing-member"; may be NULL
 * @class: receives the class
 *
 * Return: 0, or -1 when @name is no class's name.
 */
int finding_class_by_name(const char *name, enum finding_class *class);

/* One way a listing differs from the header, at a line of a document. */
struct finding {
	char *file;
	unsigned int line;
	const char *struct_name;
	char *member;		/* NULL for a finding about the listing */
	enum finding_class class;
	char *doc;		/* what the document says */
	char *header;		/* what the header says */
	const char *header_file;
	unsigned int header_line;
	char *arch;		/* the arch whose definition was compared, or NULL */
};

/*
 * The findings, and the models of other architectures' headers that
 * they point into (header_file): findings_release() releases both.
 */
struct findings {
	struct finding *v;
	size_t n;
	struct api *models;
	size_t nr_models;
};

/* One architecture's model of a listed struct. */
struct arch_def {
	const char *arch;		/* "x86", "arm64", ...; NULL: the tree's
					 * configuration, a header outside
					 * the index */
	const struct api *api;		/* a model that has the struct */
};

/**
 * struct listing_archs - the architectures a listing may be compared with
 * @v: each arch that defines the listing's struct, with its model; x86
 *     (the kbuild model) first when it has the struct
 * @n: how many; 0 for a struct one definition serves
 * @context: the arch the listing's section heading or a label above it
 *           in its section names ("ARM64:"), or NULL
 */
struct listing_archs {
	struct arch_def *v;
	size_t n;
	const char *context;
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
	/* Listings of a struct that the tree's headers do not define. */
	size_t not_in_tree;
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
 * compare_listings_archs() - compare_listings(), each listing with its arch
 * @api: as for compare_listings()
 * @ls: as for compare_listings()
 * @parsed: as for compare_listings()
 * @n: as for compare_listings()
 * @archs: NULL, or for each listing the archs whose definitions it may
 *         show; a listing with none is compared with @api
 * @fs: as for compare_listings()
 * @cov: as for compare_listings()
 *
 * A listing whose struct more than one arch defines is compared with
 * each: when one of them gives no warning, the listing shows that arch's
 * definition and has no finding. Otherwise it is compared with the arch
 * its context names, else with the one whose definition has most of the
 * members it names (x86 on a tie); its findings name that arch.
 */
void compare_listings_archs(const struct api *api, const struct doc_listing *ls,
			    const struct ops_struct *parsed, size_t n,
			    const struct listing_archs *archs,
			    struct findings *fs, struct coverages *cov);

/**
 * findings_drop_notes() - leave out the findings of the note classes
 * @fs: the findings; those whose class's severity is "note" are freed
 *
 * Notes (param-name, missing-padding, table-drift) are debatable by
 * design: the default report and --strict leave them out; check --notes
 * keeps them.
 */
void findings_drop_notes(struct findings *fs);

/**
 * findings_warnings() - how many findings are warnings, not notes
 * @fs: the findings
 *
 * Return: the count; --strict fails on these only.
 */
size_t findings_warnings(const struct findings *fs);

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
