/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_CHECKDOCS_H
#define OPSDOC_CHECKDOCS_H

#include "drift.h"
#include "model.h"
#include "rst_listings.h"
#include "strbuf.h"
#include "strvec.h"

struct ktree;
struct model_listings;

/**
 * struct docs - the documents check reads, each read once
 * @files: their paths
 * @texts: @texts[i] is the text of @files.v[i]
 */
struct docs {
	struct strvec files;
	struct strbuf *texts;
};

/**
 * read_docs() - read the .rst files under directories that may list a struct
 * @dirs: the directories
 * @d: filled; release it with docs_release()
 *
 * A file that cannot be read is left out with a warning, and one that
 * cannot hold a listing (rst_may_list()) is left out silently.
 *
 * Return: 0, or -1 after an error naming a directory that is not one or
 * cannot be read.
 */
int read_docs(const struct strvec *dirs, struct docs *d);

/**
 * docs_release() - free what read_docs() filled
 * @d: the documents
 */
void docs_release(struct docs *d);

/**
 * docs_struct_names() - the structs the documents may list
 * @d: the documents
 * @names: receives each candidate once (see scan_struct_names())
 * @wrapped: receives, for each document, every NAME that a literal block
 *           opens with "struct NAME {" (a name once per document)
 */
void docs_struct_names(const struct docs *d, struct strvec *names,
		       struct strvec *wrapped);

/**
 * docs_find_listings() - the listings to parse with the model
 * @d: the documents
 * @ksrc: the tree, that the listings' file names are made relative to
 * @names: every struct the documents may list (docs_struct_names()) and
 *         the modelled structs, sorted, NULL-terminated
 * @ls: receives the listings
 *
 * Before there is a model, scan_rst() finds every listing it could find
 * with one, and some more: the model parses them with its headers, as
 * data (struct model_listings). A block without a struct wrapper is
 * taken once, whatever struct it may list.
 */
void docs_find_listings(const struct docs *d, const char *ksrc,
			const char *const *names, struct doc_listings *ls);

/**
 * check_docs() - find, parse and compare the documents' listings
 * @kt: the tree
 * @api: the model; it must have every struct the listings may name
 * @d: the documents
 * @headers: the headers to parse the listings with (the model's)
 * @ml: NULL, or what model_for_tree() parsed with the model: a listing
 *      found there is taken from it, the others are parsed here
 * @ls: receives the listings
 * @fs: receives the findings
 * @cov: receives the coverage
 *
 * The parsed listings are cached like a model: keyed on the headers and
 * every listing's text, checked against every file the parse read.
 *
 * Return: 0, or -1 after an error (flags unreadable, the listings'
 * translation unit not made).
 */
int check_docs(const struct ktree *kt, const struct api *api,
	       const struct docs *d, const struct strvec *headers,
	       struct model_listings *ml, struct doc_listings *ls,
	       struct findings *fs, struct coverages *cov);

/**
 * check_docs_unknown() - check_docs(), and the structs the tree lacks
 * @kt: as for check_docs()
 * @api: as for check_docs(); it must also hold the near tags of @unknown
 * @d: as for check_docs()
 * @headers: as for check_docs()
 * @unknown: "NAME NEAR..." for each struct the documents list that the
 *           tree does not define, with the nearest tags it does: their
 *           listings are compared with those by member names, for the
 *           unknown-struct finding
 * @ml: as for check_docs()
 * @ls: as for check_docs()
 * @fs: as for check_docs()
 * @cov: as for check_docs()
 *
 * Return: as check_docs().
 */
int check_docs_unknown(const struct ktree *kt, const struct api *api,
		       const struct docs *d, const struct strvec *headers,
		       const struct strvec *unknown, struct model_listings *ml,
		       struct doc_listings *ls, struct findings *fs,
		       struct coverages *cov);

/**
 * struct check_run - what check finds on a tree's documents
 * @api: the model: the modelled structs and every struct the documents
 *       may list
 * @docs: the documents read
 * @headers: the headers the listings were parsed with
 * @ls: the listings found
 * @fs: the findings, notes included
 * @cov: the coverage
 *
 * A zeroed struct is empty; check_run_release() frees it.
 */
struct check_run {
	struct api api;
	struct docs docs;
	struct strvec headers;
	struct doc_listings ls;
	struct findings fs;
	struct coverages cov;
};

/**
 * check_tree() - read the documents, make their model, compare the listings
 * @kt: the tree
 * @api_path: NULL, or an api.json to take as the model
 * @dirs: the directories of documents to read
 * @cr: receives the run, zeroed first; release with check_run_release()
 *
 * What opsdoc check and series --listings both start from: the model of
 * every struct the documents may list (with the near tags of those the
 * tree lacks), and check_docs_unknown() on the documents with it.
 *
 * Return: 0, or -1 after an error.
 */
int check_tree(const struct ktree *kt, const char *api_path,
	       const struct strvec *dirs, struct check_run *cr);

/**
 * check_run_release() - free what check_tree() filled
 * @cr: the run; left empty
 */
void check_run_release(struct check_run *cr);

#endif
