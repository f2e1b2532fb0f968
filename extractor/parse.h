/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_PARSE_H
#define OPSDOC_PARSE_H

/*
 * The libclang layer's public face: everything else in opsdoc reaches
 * libclang through these four calls and sees only the model (model.h).
 */

#include "model.h"
#include "rst_listings.h"
#include "strvec.h"

struct extract_opts {
	const char *ksrc;	/* the kernel tree; paths are made relative to it */
	const struct strvec *args;	/* compiler arguments (from kbuild) */
	const char *const *headers;	/* NULL-terminated, e.g. "linux/fs.h" */
	unsigned int max_diags;	/* how many diagnostics to print */
	struct strvec *deps;	/* if set, receives every file the parse read */
};

/*
 * Parse the headers with libclang and fill api (which must be initialised).
 * Returns 0 on success; -1 after printing an error when the translation
 * unit could not be parsed or file_operations is missing. Structs the tree
 * does not have are recorded with present = 0.
 */
int parse_model(const struct extract_opts *opts, struct api *api);

/*
 * Find the uses of the caller_members callbacks of file_operations in the
 * given .c files (paths relative to the tree), and the calls of the header
 * functions that wrap them (vfs_mmap()). Adds them to api->callers.
 */
int parse_callers(const struct extract_opts *opts, const char *const *files,
		  struct api *api);

/*
 * Parse the code of each documentation listing in the tree's configuration
 * (one translation unit for all of them) and fill out[i] (zeroed by the
 * caller) with the members it declares, with the document's file and lines.
 * A listing that does not parse has present == 0. Returns 0, or -1 after
 * an error when the translation unit itself could not be made.
 */
int parse_listings(const struct extract_opts *opts,
		   const struct doc_listing *ls, size_t n, struct ops_struct *out);

/* Record each function defined in dir/files[i] with its line range. */
int parse_examples(const struct extract_opts *opts, const char *dir,
		   const char *const *files, struct api *api);

#endif
