/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_TREEMODEL_H
#define OPSDOC_TREEMODEL_H

#include "model.h"
#include "strvec.h"

struct ktree;

/* The headers whose declarations opsdoc models, NULL-terminated. */
extern const char *const model_headers[];

/* The kernel documents that generate rewrites, relative to the tree
 * (made in rewrite.c from its table of rewriters). */
extern const char *const rewritten_docs[];

/**
 * doc_struct_names() - the structs the rewritten documents list
 * @ksrc: the kernel tree
 * @out: receives each name once: the structs that a literal block of
 *       rewritten_docs opens and those a section title names
 *
 * A document the tree does not have is skipped. This is the default set
 * of structs that model_for_tree() adds to modelled_structs.
 */
void doc_struct_names(const char *ksrc, struct strvec *out);

/**
 * model_struct_headers() - the headers that define a model's structs
 * @api: the model
 * @out: receives model_headers, then the header of each present struct
 *       as an #include names it, each once
 */
void model_struct_headers(const struct api *api, struct strvec *out);

struct doc_listings;

/**
 * struct model_listings - listings to parse with the model's headers
 * @find: called only when the headers are parsed (not on a cache hit),
 *        with every struct the model may hold (sorted, NULL-terminated),
 *        to fill @ls with the listings to parse alongside
 * @data: for @find
 * @ls: what @find filled
 * @parsed: NULL, or @ls->n structs that the model's parse filled, as
 *          parse_listings() would; the caller frees them
 * @deps: with @parsed, every file that parse read
 *
 * The headers are the bulk of any parse: a command that parses listings
 * after the model saves a second parse of them this way.
 */
struct model_listings {
	void (*find)(const char *const *names, void *data, struct doc_listings *ls);
	void *data;
	struct doc_listings *ls;
	struct ops_struct *parsed;
	struct strvec deps;
};

/* What a command wants of its model; a zeroed struct is the default. */
struct model_opts {
	const char *api_path;	/* read this api.json instead of extracting */
	int callers;		/* also the callers of the mmap family */
	const char *examples;	/* also the functions of the drivers here */
	int scratch;		/* a scratch copy: not cached, no notes */
	/* Structs to model besides modelled_structs (NULL-terminated, any
	 * order, repeats allowed), found through the definition index;
	 * NULL: those of doc_struct_names(). */
	const char *const *structs;
	/* If set: receives those of @structs the tree's headers do not
	 * define (they are left out of the model), and the headers parsed. */
	struct strvec *undefined;
	struct strvec *headers;
	struct model_listings *listings;	/* see struct model_listings */
};

/**
 * model_for_tree() - the model of a kernel tree, as every command gets it
 * @kt: the resolved tree; NULL only with @opts->api_path, to take that
 *      model without comparing it with a tree
 * @opts: where the model comes from and what it holds besides the structs
 * @api: receives the model; initialised here, whatever the result
 *
 * With @opts->api_path, the model is read from that api.json and must be
 * of the very version @kt is. Otherwise model_headers are parsed with
 * libclang in @kt's configuration, through the model cache (unless
 * OPSDOC_NO_CACHE is set or @opts->scratch), then the callers and the
 * example drivers on request; notes say what the tree lacks. The caller
 * releases @api with api_release().
 *
 * Return: 0, or -1 after an error.
 */
int model_for_tree(const struct ktree *kt, const struct model_opts *opts,
		   struct api *api);

#endif
