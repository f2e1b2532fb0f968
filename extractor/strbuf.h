/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_STRBUF_H
#define OPSDOC_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable, always NUL-terminated byte string. A STRBUF_INIT strbuf is
 * empty, owns no memory and its buf is already a valid empty string (it
 * points at strbuf_slopbuf, which must never be written), so it needs no
 * strbuf_init(). A zeroed strbuf (from calloc) is empty too; buf is never
 * NULL after any call. The caller owns the buffer until strbuf_release()
 * or strbuf_detach().
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { strbuf_slopbuf, 0, 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* Hand the string to the caller, who must free() it; sb is left empty. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Remove trailing whitespace. */
void strbuf_rtrim(struct strbuf *sb);

/*
 * Append s with every run of whitespace (newlines included) turned into a
 * single space, and no leading or trailing space.
 */
void strbuf_add_collapsed(struct strbuf *sb, const char *s, size_t len);

/* Append s with every line prefixed by indent (blank lines stay empty). */
void strbuf_add_indented(struct strbuf *sb, const char *s, const char *indent);

/* Read a whole file; returns 0, or -1 with errno set. */
int strbuf_read_file(struct strbuf *sb, const char *path);

#endif
