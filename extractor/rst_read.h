/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_READ_H
#define OPSDOC_RST_READ_H

#include <stddef.h>

struct strbuf;
struct strvec;

/**
 * struct rst_line - one line of reStructuredText
 * @s: its first character, in the caller's text
 * @len: its length, without the newline (and a CR before it)
 *
 * reStructuredText is read line by line by the readers of existing
 * documents: the document rewriters (doc_*.c) and the listing scanner
 * (rst_listings.c). Lines point into the caller's text, which must outlive
 * them.
 */
struct rst_line {
	const char *s;
	size_t len;
};

/**
 * struct rst_lines - the lines of a text
 * @v: the lines, in order; the caller frees the array
 * @n: how many
 */
struct rst_lines {
	struct rst_line *v;
	size_t n;
};

/**
 * rst_split_lines() - split a text into lines
 * @text: the text, which must outlive @ls
 * @len: its length
 * @ls: receives the lines; what it held is not freed
 *
 * A newline ends a line; the last line needs none. Free @ls->v when done
 * (it is NULL for an empty text).
 */
void rst_split_lines(const char *text, size_t len, struct rst_lines *ls);

/**
 * rst_line_blank() - is a line blank?
 * @l: the line
 *
 * Return: 1 when @l is empty or only white space, else 0.
 */
int rst_line_blank(const struct rst_line *l);

/**
 * rst_line_indent() - the indentation of a line, as a column
 * @l: the line
 *
 * Return: the column of the first character that is not a space or a tab,
 * tabs stopping at multiples of 8.
 */
size_t rst_line_indent(const struct rst_line *l);

/**
 * rst_line_lead() - the indentation of a line, in bytes
 * @l: the line
 *
 * Return: the number of spaces and tabs before the first other character.
 */
size_t rst_line_lead(const struct rst_line *l);

/**
 * rst_line_adornment() - is a line a title's adornment?
 * @l: the line
 *
 * Return: 1 when @l is one punctuation character repeated, at least 3
 * long, else 0.
 */
int rst_line_adornment(const struct rst_line *l);

/**
 * rst_line_title() - is a line a section title?
 * @ls: the lines
 * @i: the line to test
 *
 * Return: 1 when line @i is text at column 0, not itself an adornment, with
 * an adornment at least as long under it; else 0.
 */
int rst_line_title(const struct rst_lines *ls, size_t i);

/**
 * rst_line_term() - read a "``name``" description term
 * @l: the line
 * @name: receives the name, NUL-terminated
 * @size: the size of @name
 *
 * A term is a line of two backquotes, a name of lower-case letters, digits
 * and underscores, and two backquotes, with nothing else but trailing white
 * space. @name may be written to even when @l is not a term.
 *
 * Return: 1 when @l is a term whose name fits in @name, else 0.
 */
int rst_line_term(const struct rst_line *l, char *name, size_t size);

/**
 * rst_block_marker() - does a line open a literal block?
 * @l: the line
 *
 * Return: 1 for "text::" or a lone "::" (not a ".. directive::"), and for
 * ".. code-block::" and ".. code::"; else 0.
 */
int rst_block_marker(const struct rst_line *l);

/**
 * rst_block_body() - the body of the literal block a marker opens
 * @t: the lines
 * @m: the marker's line (see rst_block_marker())
 * @first: receives the body's first line
 * @end: receives the line after its last non-blank one
 *
 * Directive options (":linenos:") before the blank line are skipped; the
 * body is every line indented more than the marker.
 *
 * Return: 1, or 0 when no indented body follows.
 */
int rst_block_body(const struct rst_lines *t, size_t m, size_t *first, size_t *end);

/**
 * rst_block_around() - the literal block a line is in
 * @t: the lines
 * @line: a line of the block's body
 * @first: receives the body's first line
 * @end: receives the line after its last non-blank one
 *
 * The block is the one the nearest marker above @line opens
 * (rst_block_body()).
 *
 * Return: 1, or 0 when @line is in no literal block.
 */
int rst_block_around(const struct rst_lines *t, size_t line, size_t *first,
		     size_t *end);

/**
 * rst_in_program() - is a listing part of a program?
 * @t: the lines
 * @first: the listing's first line
 * @end: the line after its last
 * @includes: 1 when an #include makes a program too
 *
 * A listing is part of a program when the rest of its literal block has
 * a main() or a function body, or with @includes an #include. Such a
 * struct is the program's own, which may use an older layout on purpose
 * (the sched_attr of sched-deadline.rst's example), not a copy of the
 * header. An #include alone may open a synopsis of the header's own
 * struct (parport-lowlevel.rst's): check passes 0, series (which leaves
 * such a listing alone rather than rewrite it) 1.
 *
 * Return: 1 or 0.
 */
int rst_in_program(const struct rst_lines *t, size_t first, size_t end,
		   int includes);

struct strbuf;

/**
 * rst_strip_comments() - the code of a line of a C listing, comments out
 * @l: the line
 * @in_comment: 1 when a comment is open at its start; updated for the
 *              next line
 * @out: reset, then receives the text without its comments (a comment
 *       opened on the line leaves a space)
 */
void rst_strip_comments(const struct rst_line *l, int *in_comment,
			struct strbuf *out);

/**
 * rst_offset() - the offset of line i in text
 * @text: the text the lines were split from
 * @ls: its lines
 * @i: a line; ls->n or more for the end
 *
 * Return: the offset of the line's first character, or (size_t)-1 past
 * the last line.
 */
size_t rst_offset(const char *text, const struct rst_lines *ls, size_t i);

/**
 * rst_section_end() - the end of the section titled at line i
 * @ls: the lines
 * @i: the title's line (its underline follows)
 *
 * Return: the line of the next title (an overlined one at its overline),
 * or ls->n.
 */
size_t rst_section_end(const struct rst_lines *ls, size_t i);

/**
 * rst_first_word() - the first identifier of a line
 * @l: the line
 * @w: receives it, or "" when the line does not start with one
 * @size: the size of @w
 */
void rst_first_word(const struct rst_line *l, char *w, size_t size);

/**
 * rst_columns() - the columns n bytes of a line take
 * @s: the bytes
 * @n: how many
 *
 * Return: their width, each tab to the next multiple of 8.
 */
size_t rst_columns(const char *s, size_t n);

/**
 * rst_names() - the names of a list "a, b, c"
 * @p: its first byte
 * @e: the byte after its last
 * @names: receives each name (letters, digits, '_'), in order
 *
 * Return: @e when every byte is a name, a blank or a comma; else the
 * first byte that is none of them (the names before it are added).
 */
const char *rst_names(const char *p, const char *e, struct strvec *names);

/**
 * rst_grouped_note() - an indented paragraph that names several terms
 * @ls: the lines
 * @i: the paragraph's first line
 * @end: the line after the last one to look at
 * @names: receives the names before its colon ("a, b, c: text"; the
 *         names may wrap)
 * @rest: receives the text from the colon on, or NULL
 *
 * Return: the line after the one with the colon, or @i (and nothing
 * added) when line @i opens no such paragraph: not indented, no colon,
 * or something other than names before it.
 */
size_t rst_grouped_note(const struct rst_lines *ls, size_t i, size_t end,
			struct strvec *names, struct strbuf *rest);
#endif
