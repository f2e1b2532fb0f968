/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_STRVEC_H
#define OPSDOC_STRVEC_H

#include <stddef.h>

/**
 * struct strvec - a NULL-terminated array of owned strings
 * @v: the strings, then a NULL; never NULL after strvec_init(), but NULL
 *     in a STRVEC_INIT vector until the first push
 * @nr: how many strings, not counting the NULL
 * @alloc: entries allocated for @v; 0 while it owns no memory
 *
 * Every string belongs to the vector and is freed by strvec_release().
 */
struct strvec {
	char **v;
	size_t nr;
	size_t alloc;
};

/**
 * define STRVEC_INIT - initialiser for an empty strvec that owns no memory
 */
#define STRVEC_INIT { NULL, 0, 0 }

/**
 * strvec_init() - make a strvec empty, owning no memory
 * @sv: the vector
 *
 * Afterwards @sv->v is a valid empty array. Whatever @sv held is not
 * freed: use strvec_release() on a vector that may own strings.
 */
void strvec_init(struct strvec *sv);

/**
 * strvec_release() - free a strvec's strings and array
 * @sv: the vector
 *
 * @sv is left empty, as after strvec_init(), and may be used again.
 */
void strvec_release(struct strvec *sv);

/**
 * strvec_push() - append a copy of a string
 * @sv: the vector
 * @s: the string; the caller keeps it
 */
void strvec_push(struct strvec *sv, const char *s);

/**
 * strvec_push_owned() - append a string itself
 * @sv: the vector
 * @s: a string from malloc(); the vector takes ownership and will free() it
 */
void strvec_push_owned(struct strvec *sv, char *s);

/**
 * strvec_find() - look a string up
 * @sv: the vector
 * @s: the string to find
 *
 * Return: the index of the first string equal to @s, or -1 when there is
 * none.
 */
int strvec_find(const struct strvec *sv, const char *s);

/**
 * strvec_remove() - remove every string equal to one, keeping the order
 * @sv: the vector
 * @s: the string
 */
void strvec_remove(struct strvec *sv, const char *s);

/**
 * strvec_push_unique() - append a copy of a string the vector lacks
 * @sv: the vector
 * @s: the string
 *
 * Return: 1 when @s was appended, 0 when the vector already had it.
 */
int strvec_push_unique(struct strvec *sv, const char *s);

#endif
