/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_UTIL_H
#define OPSDOC_UTIL_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes, as DESIGN.md gives them. */
#define EXIT_FINDINGS	1
#define EXIT_USAGE	2

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Out of memory and similar: print "opsdoc: fatal: ..." and exit 2. */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/*
 * Diagnostics in a compiler's form. file may be NULL (then "opsdoc:" is
 * printed), line 0 leaves the line out.
 */
void error_at(const char *file, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void warning_at(const char *file, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void note_at(const char *file, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Quiet mode drops notes (not warnings or errors). */
extern int opsdoc_quiet;
/* Where diagnostics go; NULL means stderr. */
extern FILE *opsdoc_diag;

#endif
