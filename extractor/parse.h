/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_PARSE_H
#define OPSDOC_PARSE_H

/*
 * The libclang layer's public face: everything else in opsdoc reaches
 * libclang through these four calls and sees only the model (model.h).
 */

#include "model.h"
#include "strvec.h"

/* A listing of a document (rst_listings.h); the parse only reads it. */
struct doc_listing;

struct extract_opts {
	const char *ksrc;	/* the kernel tree; paths are made relative to it */
	const struct strvec *args;	/* compiler arguments (from kbuild) */
	const char *const *headers;	/* NULL-terminated, e.g. "linux/fs.h" */
	unsigned int max_diags;	/* how many diagnostics to print */
	struct strvec *deps;	/* if set, receives every file the parse read */
	/*
	 * Structs to model besides modelled_structs, sorted, NULL-terminated
	 * (may be NULL), and for each the header the definition index found
	 * it in. Unlike modelled_structs, an error in such a struct's header
	 * is recorded in its parse_error, not fatal.
	 */
	const char *const *structs;
	const char *const *struct_headers;
	/*
	 * Model @structs only: a header of another arch has no struct
	 * file_operations, which the run otherwise requires.
	 */
	int only_structs;
	/*
	 * Listings that parse_model() parses in its own translation unit,
	 * after the headers, as parse_listings() would into @listings_out
	 * (@nr_listings zeroed structs); NULL: none.
	 */
	const struct doc_listing *listings;
	size_t nr_listings;
	struct ops_struct *listings_out;
};

/**
 * parse_model() - build the model of the tree's headers with libclang
 * @opts: the tree, its compiler arguments and the headers to parse
 * @api: the model to fill; initialised by the caller (api_init())
 *
 * Parses one translation unit that includes @opts->headers, with function
 * bodies skipped, and adds to @api every modelled struct and enum, the
 * helper functions whose first parameter is a struct vm_area_desc pointer
 * and the macros that wrap them. Members the configuration leaves out are
 * recorded too, with active = 0. Structs the tree does not have are
 * recorded with present = 0. libclang's diagnostics are printed (at most
 * @opts->max_diags) and counted in @api->nr_diagnostics; when @opts->deps
 * is set it receives every file the parse read. With @opts->listings, the
 * headers are parsed once for the model and the listings both; the
 * listings' own errors are theirs, not the model's.
 *
 * Return: 0 on success; -1 after printing an error when the translation
 * unit could not be parsed, file_operations is missing, or a modelled
 * struct does not parse whole.
 */
int parse_model(const struct extract_opts *opts, struct api *api);

/**
 * parse_callers() - find where .c files use the mmap family of callbacks
 * @opts: the tree and its compiler arguments (@opts->headers is not used)
 * @files: NULL-terminated .c files, relative to the tree
 * @api: the model whose callers are added to
 *
 * Finds the uses of the caller_members callbacks of file_operations in
 * @files, and the calls of the header functions that call through them
 * (vfs_mmap()). Each is added to @api->callers, which is then sorted. A
 * file libclang cannot parse is left out with a warning.
 *
 * Return: 0.
 */
int parse_callers(const struct extract_opts *opts, const char *const *files,
		  struct api *api);

/**
 * parse_listings() - parse documentation listings as code of the tree
 * @opts: the tree, its compiler arguments and the headers to include
 * @ls: the listings, as scan_rst() found them
 * @n: how many there are in @ls
 * @out: @n structs, zeroed by the caller, that receive the results
 *
 * Parses the code of every listing in the tree's configuration, all in
 * one translation unit after @opts->headers, and fills @out[i] with the
 * members @ls[i] declares, with the document's file and lines. A listing
 * that does not parse has present == 0. The caller owns @out and frees
 * each entry with ops_struct_release().
 *
 * Return: 0, or -1 after an error when the translation unit itself could
 * not be made.
 */
int parse_listings(const struct extract_opts *opts,
		   const struct doc_listing *ls, size_t n, struct ops_struct *out);

/**
 * parse_examples() - record the functions of the example drivers
 * @opts: the tree and its compiler arguments (@opts->headers is not used)
 * @dir: the directory that holds @files
 * @files: NULL-terminated file names, relative to @dir
 * @api: the model whose examples are added to
 *
 * Parses each file whole (bodies included) and adds every function it
 * defines to @api->examples with its file (as in @files) and line range,
 * then sorts them. A file libclang cannot parse is left out with a
 * warning.
 *
 * Return: 0.
 */
int parse_examples(const struct extract_opts *opts, const char *dir,
		   const char *const *files, struct api *api);

#endif
