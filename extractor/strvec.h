/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_STRVEC_H
#define OPSDOC_STRVEC_H

#include <stddef.h>

/*
 * A NULL-terminated array of owned strings. v is never NULL after
 * strvec_init(); v[nr] is NULL. strvec_release() frees every string.
 */
struct strvec {
	char **v;
	size_t nr;
	size_t alloc;
};

#define STRVEC_INIT { NULL, 0, 0 }

void strvec_init(struct strvec *sv);
void strvec_release(struct strvec *sv);
/* Append a copy of s. */
void strvec_push(struct strvec *sv, const char *s);
/* Append s itself; the vector takes ownership. */
void strvec_push_owned(struct strvec *sv, char *s);
int strvec_find(const struct strvec *sv, const char *s);

#endif
