/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_REPORT_H
#define OPSDOC_REPORT_H

/*
 * The check report: the findings, the coverage and, with --since, what
 * changed since a revision; as compiler-style text or as JSON. A JSON
 * report is also the baseline of a later run.
 */

#include "drift.h"
#include "model.h"
#include "rst_listings.h"
#include "since.h"
#include "strbuf.h"

/* The JSON report's schema version; bump it on any incompatible change. */
#define REPORT_SCHEMA_VERSION 1

/* What one report shows; the report owns none of it. */
struct report {
	const struct api *api;			/* the model of the tree */
	const struct findings *findings;
	const struct coverages *coverage;
	const struct doc_listings *listings;	/* the listings compared */
	const struct changes *since;		/* NULL without --since */
};

/**
 * report_text() - the report as text
 * @r: what to report
 * @out: the text is appended here
 *
 * A line per finding in a compiler's form, the table of coverage and,
 * with --since, the changes and the sections that need an update.
 */
void report_text(const struct report *r, struct strbuf *out);

/**
 * report_json() - the report as JSON (schema REPORT_SCHEMA_VERSION)
 * @r: what to report
 * @out: the text is appended here: sorted keys, a two-space indent and a
 *       final newline
 *
 * Return: 0, or -1 after an error (a text that is not valid UTF-8).
 */
int report_json(const struct report *r, struct strbuf *out);

/**
 * apply_baseline() - drop the findings that an earlier report has
 * @path: a JSON report written by report_json()
 * @fs: the findings; those of @path (line numbers aside) are removed
 *
 * Return: 0, or -1 after an error naming @path: it is not JSON or not a
 * check report of REPORT_SCHEMA_VERSION.
 */
int apply_baseline(const char *path, struct findings *fs);

#endif
