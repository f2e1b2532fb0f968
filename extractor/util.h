/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_UTIL_H
#define OPSDOC_UTIL_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes, as DESIGN.md gives them. */
#define EXIT_FINDINGS	1
#define EXIT_USAGE	2

/*
 * Allocation that cannot fail: running out of memory is fatal (die()).
 * A size of 0 still returns a unique pointer. The caller frees the result.
 */

/**
 * xmalloc() - malloc() or die
 * @n: the size in bytes
 *
 * Return: the new, uninitialised block.
 */
void *xmalloc(size_t n);

/**
 * xcalloc() - calloc() or die
 * @nmemb: the number of elements
 * @size: the size of each
 *
 * Return: the new block, zeroed.
 */
void *xcalloc(size_t nmemb, size_t size);

/**
 * xrealloc() - realloc() or die
 * @p: the block to resize, or NULL
 * @n: the new size in bytes
 *
 * Return: the resized block; @p is no longer valid.
 */
void *xrealloc(void *p, size_t n);

/**
 * xstrdup() - strdup() or die
 * @s: the string to copy
 *
 * Return: the copy.
 */
char *xstrdup(const char *s);

/**
 * xstrndup() - a copy of the first bytes of a string, or die
 * @s: the string
 * @n: how many bytes to copy; @s must have at least that many
 *
 * Return: the copy, NUL-terminated.
 */
char *xstrndup(const char *s, size_t n);

/**
 * die() - stop after an error that leaves nothing to do (out of memory)
 * @fmt: printf format of the message
 * @...: its arguments
 *
 * Prints "opsdoc: fatal: ..." on standard error and exits with EXIT_USAGE.
 */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/**
 * error_at() - print an error in a compiler's form
 * @file: the file it is about, or NULL (then "opsdoc:" is printed)
 * @line: its line, or 0 to leave the line out
 * @fmt: printf format of the message
 * @...: its arguments
 *
 * Prints "file:line: error: message" to opsdoc_diag (standard error when
 * NULL). The caller decides what the error means for the exit status.
 */
void error_at(const char *file, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * warning_at() - print a warning in a compiler's form
 * @file: the file it is about, or NULL (then "opsdoc:" is printed)
 * @line: its line, or 0 to leave the line out
 * @fmt: printf format of the message
 * @...: its arguments
 */
void warning_at(const char *file, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * note_at() - print a note in a compiler's form, unless opsdoc_quiet
 * @file: the file it is about, or NULL (then "opsdoc:" is printed)
 * @line: its line, or 0 to leave the line out
 * @fmt: printf format of the message
 * @...: its arguments
 */
void note_at(const char *file, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Quiet mode drops notes (not warnings or errors). */
extern int opsdoc_quiet;
/* Where diagnostics go; NULL means stderr. */
extern FILE *opsdoc_diag;

/**
 * utf8_width() - the display width of UTF-8 text
 * @s: the text
 * @len: its length in bytes
 *
 * The one measure of both word wrappers (strbuf_add_wrapped() and the RST
 * writer's), whatever the process's locale.
 *
 * Return: the width in columns: wide characters count two, combining
 * characters none; a byte that is not valid UTF-8, and a character with
 * no width (a control character), count one.
 */
size_t utf8_width(const char *s, size_t len);

#endif
