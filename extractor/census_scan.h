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

/**
 * scan_tokstr() - a token's text
 * @t: the token
 *
 * Return: a copy the caller frees.
 */
char *scan_tokstr(const struct ctok *t);

/**
 * scan_is() - is a token this text?
 * @S: the file
 * @i: the token's index
 * @s: the text
 *
 * Return: 1 when token @i exists and is @s, else 0.
 */
int scan_is(const struct scan *S, size_t i, const char *s);

/**
 * scan_match() - the token that closes a bracket
 * @S: the file
 * @i: the index of an opening '(', '[' or '{'
 *
 * Return: the index of its closing bracket, or the number of tokens when
 * it has none.
 */
size_t scan_match(const struct scan *S, size_t i);

/**
 * scan_find_fn() - a function of the file, by name
 * @S: the file
 * @name: a token naming the function
 *
 * Return: its definition in @S, or NULL.
 */
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
