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
 * @ls: the listings, found by the caller before there is a model (check
 *      finds them for every struct its documents may list); data, which
 *      the model only parses
 * @parsed: NULL, or @ls->n structs that the model's parse filled, as
 *          parse_listings() would (not on a cache hit); the caller frees
 *          them
 * @deps: with @parsed, every file that parse read
 *
 * The headers are the bulk of any parse: a command that parses listings
 * after the model saves a second parse of them this way.
 */
struct model_listings {
	const struct doc_listings *ls;
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
	/* If set: for each of @undefined, the nearest tags the tree does
	 * define, space-separated ("" when none; def_index_nearest()). */
	struct strvec *suggestions;
	/* If set: the names whose near tags @suggestions gives; "" for the
	 * others of @undefined. */
	const struct strvec *suggest_for;
	/* A struct of @structs that the tree does not define is an error,
	 * printed with the nearest tags (extract -s). */
	int unknown_is_error;
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

/**
 * model_of_structs() - the model of structs of one header, parsed alone
 * @kt: the resolved tree
 * @args: the compiler arguments
 * @header: the header, as the translation unit's #include <> names it
 * @file: its path in the tree, where @structs are defined
 * @structs: the structs to model, sorted, NULL-terminated
 * @items: what, with @args, makes the model cache's key; NULL-terminated
 * @api: receives the model; initialised here, whatever the result
 *
 * Through the model cache (unless OPSDOC_NO_CACHE is set); libclang's
 * diagnostics are not printed, a struct the parse did not find is not
 * present.
 *
 * Return: 0, or -1 when libclang fails.
 */
int model_of_structs(const struct ktree *kt, const struct strvec *args,
		     const char *header, const char *file,
		     const char *const *structs, const char *const *items,
		     struct api *api);

/**
 * model_for_arch() - the model of structs of another architecture's header
 * @kt: the resolved tree
 * @file: a uapi header of an arch, "arch/ARCH/include/uapi/asm/kvm.h"
 * @structs: the structs of @file to model, sorted, NULL-terminated
 * @api: receives the model; initialised here, whatever the result
 *
 * The kbuild flags are x86's: @file is parsed on its own, in a translation
 * unit of its own, for ARCH's target, with the include paths of ARCH's
 * uapi headers and the uapi headers of include/; an asm/ header ARCH
 * takes from asm-generic is found as kbuild's generic-y would make it.
 * Through the model cache like model_for_tree(); libclang's diagnostics
 * are not printed, a struct the parse did not find is not present.
 *
 * Return: 0, or -1 when @file is no arch uapi header or libclang fails.
 */
int model_for_arch(const struct ktree *kt, const char *file,
		   const char *const *structs, struct api *api);

#endif
