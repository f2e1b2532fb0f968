/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_CENSUS_SCAN_H
#define OPSDOC_CENSUS_SCAN_H

/*
 * census_scan.c (the parser: objects and function definitions of one
 * file) and census_facts.c (what a legacy mmap's body does, and its
 * class) share the tokens of the file and its definitions.
 */

#include "census_int.h"

struct fdef {
	const struct ctok *name;
	size_t body, end;	/* the body's '{' and '}' */
	int is_static;
	char *vma;		/* its struct vm_area_struct * parameter */
	int has_file, has_desc, nr_ulong;
};

struct scan {
	const char *path;
	const char *text;
	struct clex *lx;
	struct fdef *fns;
	size_t nr_fns;
	struct census_file *out;
};

/* A token's text, allocated. */
char *scan_tokstr(const struct ctok *t);

/* Is token @i the text @s? */
int scan_is(const struct scan *S, size_t i, const char *s);

/* The index of the token closing the bracket at @i. */
size_t scan_match(const struct scan *S, size_t i);

/* The definition of the file named by the token @name, or NULL. */
struct fdef *scan_find_fn(struct scan *S, const struct ctok *name);

/**
 * census_body_facts() - the class and facts of a legacy mmap's body
 * @S: the file
 * @f: the definition, with a VMA parameter
 * @c: its census entry; the class, facts, recipe inputs and, for a
 *     mechanical class, @c->convert are set
 */
void census_body_facts(struct scan *S, struct fdef *f, struct census_fn *c);

#endif
