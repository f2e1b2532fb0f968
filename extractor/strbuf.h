/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_STRBUF_H
#define OPSDOC_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/**
 * struct strbuf - a growable, always NUL-terminated byte string
 * @buf: the string; never NULL after any strbuf call
 * @len: its length, without the terminating NUL
 * @alloc: bytes allocated for @buf; 0 while it owns no memory
 *
 * A STRBUF_INIT strbuf is empty, owns no memory and its @buf is already a
 * valid empty string (it points at strbuf_slopbuf, which must never be
 * written), so it needs no strbuf_init(). A zeroed strbuf (from calloc) is
 * empty too. The caller owns the buffer until strbuf_release() or
 * strbuf_detach(). Running out of memory ends the program (die()), so no
 * strbuf function fails for lack of it.
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

/**
 * var strbuf_slopbuf - the empty string of every strbuf that owns no memory
 *
 * Shared by all of them: never write to it.
 */
extern char strbuf_slopbuf[];

/**
 * define STRBUF_INIT - initialiser for an empty strbuf that owns no memory
 */
#define STRBUF_INIT { strbuf_slopbuf, 0, 0 }

/**
 * strbuf_init() - make a strbuf empty, owning no memory
 * @sb: the buffer
 *
 * The same as assigning STRBUF_INIT. Whatever @sb held is not freed: use
 * strbuf_release() on a buffer that may own memory.
 */
void strbuf_init(struct strbuf *sb);

/**
 * strbuf_release() - free a strbuf's memory
 * @sb: the buffer
 *
 * @sb is left empty, as after strbuf_init(), and may be used again.
 */
void strbuf_release(struct strbuf *sb);

/**
 * strbuf_detach() - hand the string to the caller
 * @sb: the buffer
 *
 * @sb is left empty, owning no memory.
 *
 * Return: the string, always allocated (even when empty); the caller must
 * free() it.
 */
char *strbuf_detach(struct strbuf *sb);

/**
 * strbuf_grow() - make room for more bytes
 * @sb: the buffer
 * @extra: bytes to be appended, besides the terminating NUL
 *
 * Afterwards @extra bytes can be added without reallocating, and @sb owns
 * its memory even when @extra is 0. @sb->buf may move.
 */
void strbuf_grow(struct strbuf *sb, size_t extra);

/**
 * strbuf_reset() - empty a strbuf, keeping its memory
 * @sb: the buffer
 */
void strbuf_reset(struct strbuf *sb);

/**
 * strbuf_add() - append bytes
 * @sb: the buffer
 * @data: the bytes, which may include NULs
 * @len: how many
 */
void strbuf_add(struct strbuf *sb, const void *data, size_t len);

/**
 * strbuf_adds() - append a NUL-terminated string
 * @sb: the buffer
 * @s: the string
 */
void strbuf_adds(struct strbuf *sb, const char *s);

/**
 * strbuf_addch() - append one character
 * @sb: the buffer
 * @c: the character, as a byte
 */
void strbuf_addch(struct strbuf *sb, int c);

/**
 * strbuf_addf() - append formatted text
 * @sb: the buffer
 * @fmt: printf format
 * @...: its arguments
 */
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * strbuf_vaddf() - append formatted text from a va_list
 * @sb: the buffer
 * @fmt: printf format
 * @ap: its arguments; used up, the caller still calls va_end()
 *
 * A format that vsnprintf() cannot expand ends the program (die()).
 */
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/**
 * strbuf_rtrim() - remove trailing whitespace
 * @sb: the buffer
 */
void strbuf_rtrim(struct strbuf *sb);

/**
 * strbuf_add_collapsed() - append text with its whitespace collapsed
 * @sb: the buffer
 * @s: the text
 * @len: its length in bytes
 *
 * Append @s with every run of whitespace (newlines included) turned into a
 * single space, and no leading or trailing space.
 */
void strbuf_add_collapsed(struct strbuf *sb, const char *s, size_t len);

/**
 * strbuf_add_indented() - append text with every line indented
 * @sb: the buffer
 * @s: the text, a NUL-terminated string
 * @indent: the prefix for each line
 *
 * Append @s with every line prefixed by @indent; empty lines stay empty.
 * Every line appended ends in a newline, the last one too.
 */
void strbuf_add_indented(struct strbuf *sb, const char *s, const char *indent);

/**
 * strbuf_add_wrapped() - append plain text wrapped at a width
 * @sb: the buffer
 * @s: the text, a NUL-terminated string; its whitespace is collapsed
 * @width: the widest a line may be, in columns (utf8_width()), the
 *         prefixes included
 * @first: the prefix of the first line ("- " for a list item)
 * @rest: the prefix of the others ("  ")
 *
 * Words are kept whole: a word wider than the line stands alone. Every
 * line appended ends in a newline.
 */
void strbuf_add_wrapped(struct strbuf *sb, const char *s, size_t width,
			const char *first, const char *rest);

/**
 * strbuf_read_file() - append a whole file
 * @sb: the buffer
 * @path: the file
 *
 * After a read error @sb may hold the part of the file that was read.
 *
 * Return: 0, or -1 with errno set when the file cannot be opened or read.
 */
int strbuf_read_file(struct strbuf *sb, const char *path);

#endif
