/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_LC_H
#define OPSDOC_LC_H

/*
 * The libclang layer's private header: the types its files share and the
 * functions they offer each other. Only the lc_*.c files include it, and
 * with it clang-c/Index.h; the rest of opsdoc sees parse.h and the model.
 * The functions are listed by the file that defines them.
 */

#include <clang-c/Index.h>
#include <stddef.h>

#include "model.h"
#include "strvec.h"

struct doc_listing;
struct extract_opts;
struct strbuf;

/* One token of a struct's source, comments included. */
struct tok {
	enum CXTokenKind kind;
	char *text;
	unsigned int line, end_line;
	unsigned int off, end;
	int directive;		/* on a #if/#endif/... line */
	int skipped;		/* inside a range the preprocessor skipped */
};

struct tokens {
	struct tok *t;
	size_t n;
};

/* A member while its struct is being worked out. */
struct item {
	struct member m;
	size_t first, last;	/* token indices */
	int depth;		/* 0 for the struct's own members */
};

struct items {
	struct item *v;
	size_t n;
};

struct named_cursor {
	const char *name;	/* owned by the CXString below */
	CXString str;
	CXCursor c;
};

struct cursor_list {
	struct named_cursor *v;
	size_t n, alloc;
};

/* File offsets [start, end) of a range the preprocessor skipped. */
struct range {
	unsigned int start, end;
};

/* One translation unit (from lc_parse()) and what parse_model() collects. */
struct ctx {
	CXIndex index;
	CXTranslationUnit tu;
	const char *ksrc;
	size_t ksrc_len;
	struct api *api;
	struct cursor_list records;	/* struct definitions we model */
	struct cursor_list enums;
	struct cursor_list typedefs;	/* sorted by name after the walk */
	struct cursor_list functions;	/* helper candidates */
	struct cursor_list macros;	/* function-like macro definitions */
	struct strvec error_files;	/* where libclang reported errors */
	unsigned int *error_lines;
	struct strvec error_msgs;	/* and what it said */
	const char *const *wanted;	/* the structs to model, sorted */
	size_t nr_wanted;
};

/* The #if expressions in force, outermost first; zeroed to start. */
struct cond_stack {
	char **v;
	size_t n, alloc;
};

/* lc_util.c */

/**
 * cx_dup() - copy a libclang string and dispose of it
 * @s: the string, which this call disposes of
 *
 * Return: a copy the caller must free(); "" when @s holds no text.
 */
char *cx_dup(CXString s);

/**
 * cx_expansion() - where a location ends up after macro expansion
 * @loc: the location
 * @file: if not NULL, receives the file
 * @line: if not NULL, receives the line
 * @off: if not NULL, receives the offset into @file
 */
void cx_expansion(CXSourceLocation loc, CXFile *file, unsigned int *line,
		  unsigned int *off);

/**
 * cx_range_offsets() - where a declaration is written, in a token stream
 * @ts: the tokens of the declaration's struct
 * @r: the declaration's extent
 * @from: receives the offset of its first token
 * @to: receives the offset of its last token
 *
 * As cx_expansion(), except for a declaration written whole in the
 * arguments of a macro (sysfs.h's __SYSFS_FUNCTION_ALTERNATIVE(...)):
 * its own tokens there, not the macro's name.
 */
void cx_range_offsets(const struct tokens *ts, CXSourceRange r,
		      unsigned int *from, unsigned int *to);

/**
 * cx_real_path() - a file's absolute path, symlinks resolved as for KSRC
 * @file: the file
 *
 * Return: the path, which the caller must free().
 */
char *cx_real_path(CXFile file);

/**
 * cx_rel_path() - a file's path for the model
 * @ctx: gives the kernel tree
 * @file: the file
 *
 * Return: the path relative to the tree when @file is inside it, else
 * its absolute path; the caller must free() it.
 */
char *cx_rel_path(struct ctx *ctx, CXFile file);

/**
 * cx_children() - the direct children of a cursor
 * @c: the cursor
 * @out: the list they are appended to
 */
void cx_children(CXCursor c, struct cursor_list *out);

/**
 * canonical_spelling() - how clang spells a type's canonical type
 * @t: the type
 *
 * Return: the spelling ("unsigned long" for size_t); the caller must
 * free() it.
 */
char *canonical_spelling(CXType t);

/**
 * cursor_span() - where a cursor's extent starts and ends
 * @c: the cursor
 * @file: receives the file it starts in
 * @line: receives its first line
 * @end_line: receives its last line
 * @from: receives the offset of its start
 * @to: receives the offset of its end
 */
void cursor_span(CXCursor c, CXFile *file, unsigned int *line,
		 unsigned int *end_line, unsigned int *from, unsigned int *to);

/**
 * cursor_list_add() - append a cursor and its spelling to a list
 * @l: the list (zeroed before the first call)
 * @c: the cursor
 */
void cursor_list_add(struct cursor_list *l, CXCursor c);

/**
 * cursor_list_release() - free a cursor list and the names it holds
 * @l: the list, left empty
 */
void cursor_list_release(struct cursor_list *l);

/**
 * cursor_list_find() - the first cursor of a list spelled @name
 * @l: the list
 * @name: the spelling to look for
 *
 * Return: the entry, or NULL.
 */
const struct named_cursor *cursor_list_find(const struct cursor_list *l,
					    const char *name);

/**
 * named_cursor_cmp() - qsort() and bsearch() order of named cursors
 * @a: a struct named_cursor
 * @b: another
 *
 * Return: less than, equal to or greater than zero, by name.
 */
int named_cursor_cmp(const void *a, const void *b);

/**
 * lc_parse() - parse one translation unit with kbuild's arguments
 * @ctx: gets the tree from @opts and, on success, the unit in @ctx->tu
 * @opts: the kernel tree and its compiler arguments
 * @file: the main file: a path, or the name to give @text
 * @text: the main file's contents, made in memory; NULL to read @file
 * @flags: CXTranslationUnit_* options
 *
 * Every parse of the libclang layer starts here. The unit gets an index
 * of its own; lc_dispose() releases both.
 *
 * Return: 0, or libclang's error code (never 0) with @ctx->tu NULL.
 */
int lc_parse(struct ctx *ctx, const struct extract_opts *opts,
	     const char *file, const struct strbuf *text, unsigned int flags);

/**
 * lc_parse_headers() - parse @opts' headers, and its listings after them
 * @ctx: receives the translation unit, as from lc_parse()
 * @opts: the headers, the listings (may be none) and the tree
 * @file: the name to give the unit
 * @tu: receives the unit's text
 * @first_line: receives, for each listing, its first line in @tu (as
 *              listings_text() returns it); NULL without listings
 *
 * A header that does not parse on its own comes after a header under
 * include/ that includes it, as the tree's code includes it: the model
 * and the listings (parse_model(), parse_listings()) parse alike.
 *
 * Return: as lc_parse().
 */
int lc_parse_headers(struct ctx *ctx, const struct extract_opts *opts,
		     const char *file, struct strbuf *tu,
		     unsigned int **first_line);

/**
 * lc_dispose() - release what lc_parse() made
 * @ctx: its translation unit and index, if any, are disposed of
 */
void lc_dispose(struct ctx *ctx);

/**
 * lc_add_deps() - every file a translation unit read
 * @ctx: the parsed translation unit
 * @deps: receives the real paths, each once (the main file is left out)
 */
void lc_add_deps(struct ctx *ctx, struct strvec *deps);

/* lc_tokens.c */

/**
 * skipped_ranges() - what the preprocessor skipped between two offsets
 * @ctx: holds the translation unit
 * @file: the file
 * @from: offset where the span of interest starts (a struct's extent)
 * @to: offset where it ends
 * @out: receives the ranges that overlap the span, as file offsets; the
 *	caller must free() them
 *
 * Return: how many ranges there are in *@out.
 */
size_t skipped_ranges(struct ctx *ctx, CXFile file, unsigned int from,
		      unsigned int to, struct range **out);

/**
 * tokenize() - the tokens of a range, comments included
 * @ctx: holds the translation unit
 * @range: the source range, e.g. a struct's extent
 * @skipped: ranges the preprocessor skipped (from skipped_ranges()), or NULL
 * @nr_skipped: how many there are in @skipped
 * @ts: receives the tokens; free them with tokens_release()
 *
 * The tokens of directive lines are marked, and so are those inside the
 * preprocessor's skipped ranges.
 */
void tokenize(struct ctx *ctx, CXSourceRange range,
	      const struct range *skipped, size_t nr_skipped,
	      struct tokens *ts);

/**
 * tokens_release() - free a token stream
 * @ts: the stream, left empty
 */
void tokens_release(struct tokens *ts);

/**
 * tok_at() - the first token at or after a file offset
 * @ts: the token stream, in file order
 * @off: the offset
 *
 * Return: the token's index; @ts->n when there is none.
 */
size_t tok_at(const struct tokens *ts, unsigned int off);

/**
 * is_punct() - is a token the punctuation @s?
 * @t: the token
 * @s: the punctuation, e.g. "("
 *
 * Return: nonzero when it is.
 */
int is_punct(const struct tok *t, const char *s);

/**
 * is_directive_start() - does token @i open a preprocessor directive?
 * @ts: the token stream
 * @i: index of the token
 *
 * Return: nonzero when token @i is a '#' that starts its line.
 */
int is_directive_start(const struct tokens *ts, size_t i);

/**
 * join_tokens() - the code of tokens @first..@last as one line
 * @ts: the token stream
 * @first: index of the first token
 * @last: index of the last token (inclusive)
 * @skip_index: a token to leave out (a parameter's name), or (size_t)-1
 *
 * The code tokens are joined as the source spells them: one space where
 * the source has any whitespace or a comment, none elsewhere. Comments
 * are left out.
 *
 * Return: the text, which the caller must free().
 */
char *join_tokens(const struct tokens *ts, size_t first, size_t last,
		  size_t skip_index);

/**
 * add_comment_text() - append the text of a comment token
 * @sb: the buffer; a new line separates it from text already there
 * @c: the comment as spelled, with its markers
 *
 * The markers go (the opening and closing ones, and the '*' that starts
 * a continuation line), leaving one line of text per line of the
 * comment, less blank lines at its end (and at its start, when @sb is
 * empty).
 */
void add_comment_text(struct strbuf *sb, const char *c);

/**
 * comments_text() - the text of a run of comment tokens
 * @ts: the token stream
 * @first: index of the first comment
 * @last: index of the last comment (inclusive)
 *
 * Return: their text as add_comment_text() gives it, which the caller
 * must free(); NULL when it is empty.
 */
char *comments_text(const struct tokens *ts, size_t first, size_t last);

/**
 * leading_comments() - the comments right above a declaration
 * @ts: the token stream
 * @first: index of the declaration's first token
 * @from: receives the index of the first comment
 * @to: receives the index of the last comment
 *
 * These are the comment tokens just before token @first that belong to
 * it: a run of comments with no code between, less one that ends the
 * previous line's code.
 *
 * Return: 0 when there is none, else 1 with *@from and *@to set.
 */
int leading_comments(const struct tokens *ts, size_t first, size_t *from,
		     size_t *to);

/**
 * trailing_comment() - a comment on the same line after a declaration
 * @ts: the token stream
 * @last: index of the declaration's last token (its ';')
 * @at: receives the index of the comment
 *
 * Return: 0 when there is none, else 1 with *@at set.
 */
int trailing_comment(const struct tokens *ts, size_t last, size_t *at);

/* lc_cond.c */

/**
 * apply_directive() - update the condition stack for one directive
 * @ts: the token stream
 * @i: index of the '#' that starts the directive
 * @st: the conditions in force, updated for #if, #ifdef, #ifndef,
 *	#elif, #else and #endif, however deep they nest; other directives
 *	leave it as it is
 *
 * Return: the index of the directive's last token.
 */
size_t apply_directive(const struct tokens *ts, size_t i,
		       struct cond_stack *st);

/**
 * cond_text() - the conditions in force as one expression
 * @st: the condition stack
 *
 * Return: the conditions joined with " && ", each in parentheses unless
 * it is the only one or a simple (negated) name, e.g. "!CONFIG_MMU";
 * NULL when there is none. The caller must free() it.
 */
char *cond_text(const struct cond_stack *st);

/**
 * cond_stack_release() - free a condition stack and its conditions
 * @st: the stack, left empty
 */
void cond_stack_release(struct cond_stack *st);

/* lc_members.c */

/**
 * items_add() - append a member being worked out
 * @it: the list
 *
 * Return: the new item, zeroed but for m.active = 1. It lives until the
 * next call.
 */
struct item *items_add(struct items *it);

/**
 * item_cmp() - qsort() order of items: declaration order
 * @a: a struct item
 * @b: another
 *
 * Return: less than, equal to or greater than zero, by first token; an
 * item before the members nested in it.
 */
int item_cmp(const void *a, const void *b);

/**
 * decl_tokens() - the token range of a declaration
 * @ts: the token stream of the struct or enum
 * @c: the declaration's cursor
 * @first: receives the index of its first token
 * @last: receives the index of its last, the ';' or ',' that ends it
 *
 * Return: 0, or -1 when the declaration is not among the tokens (a
 * struct cut short).
 */
int decl_tokens(const struct tokens *ts, CXCursor c, size_t *first,
		size_t *last);

/**
 * visit_record() - the members the AST has for a struct or union
 * @ts: the token stream of the outermost struct
 * @out: the list the members are appended to
 * @rec: the struct or union's cursor
 * @prefix: prepended to member names: "" or a dotted path such as "remap."
 * @container: "struct" or "union" for a nested record, NULL at the top
 * @depth: 0 for the outermost struct's own members
 *
 * A named member of an anonymous struct or union type is recorded, and
 * so are its own members, with its name and a dot before theirs. The
 * members of an unnamed one are recorded as if they were @rec's own.
 */
void visit_record(const struct tokens *ts, struct items *out, CXCursor rec,
		  const char *prefix, const char *container, int depth);

/* lc_skipped.c */

/**
 * skipped_items() - the members in code the preprocessor skipped
 * @ctx: holds the active configuration's typedefs (parse_model() only)
 * @ts: the struct's token stream, skipped tokens marked
 * @out: the list the members are appended to, with m.active = 0
 *
 * The skipped tokens are split into declarations at each ';' outside
 * parens and braces, and each is read as a field or a callback, its
 * canonical type worked out from the tokens.
 */
void skipped_items(struct ctx *ctx, const struct tokens *ts,
		   struct items *out);

/**
 * nest_skipped() - give skipped members inside a nested record their path
 * @its: every member of the struct, in declaration order
 *
 * A skipped member that sits inside a named member of an anonymous struct
 * or union takes that member's dotted path, depth and container, as the
 * AST would have given it.
 */
void nest_skipped(struct items *its);

/* lc_annotate.c */

/**
 * annotate_items() - comments, group comments and conditions of members
 * @ts: the struct's token stream
 * @open_brace: index of the struct's '{'
 * @its: every member of the struct, in declaration order
 *
 * Sets each member's condition (the #if expressions in force at its first
 * token), its comment (the leading comments and a trailing one on the
 * same line) and its group comment.
 *
 * A comment that opens a paragraph of the struct's own members, where no
 * other member of that paragraph has a leading comment of its own, is a
 * group comment ("Mutable fields.") when the struct uses them: when at
 * least one such comment heads two or more members. It then governs every
 * member up to the next group comment. Otherwise it is the leading comment
 * of the member below it.
 */
void annotate_items(const struct tokens *ts, size_t open_brace,
		    struct items *its);

/* lc_fill.c */

/**
 * fill_struct() - the model of one struct definition
 * @ctx: holds the translation unit (and, in parse_model(), the typedefs
 *	that give skipped members their canonical types)
 * @s: the struct to fill; its name is the caller's, the rest is set here
 * @c: the definition's cursor
 *
 * Members come from one token stream over the definition: active ones
 * from the AST, those the configuration leaves out from the skipped
 * ranges, in declaration order, each with its comments, group comment
 * and condition. @s is marked present.
 */
void fill_struct(struct ctx *ctx, struct ops_struct *s, CXCursor c);

/**
 * fill_enum() - the model of one enum definition
 * @ctx: holds the translation unit
 * @e: the enum to fill; its name is the caller's, the rest is set here
 * @c: the definition's cursor
 *
 * Each enumerator with its value, comment and line; @e is marked present.
 */
void fill_enum(struct ctx *ctx, struct enum_decl *e, CXCursor c);

/* lc_listings.c */

/**
 * listings_text() - append listings to a translation unit's text
 * @tu: the text, which ends with a newline
 * @line: the line of @tu that the first listing will start on
 * @ls: the listings, as scan_rst() found them
 * @n: how many there are in @ls
 * @out: @n zeroed structs; each gets its listing's struct name
 *
 * Each listing becomes a struct of its own name, followed by whatever it
 * leaves open (a comment, #if, braces) closed.
 *
 * Return: for each listing, the line of @tu its code starts on; the
 * caller frees it.
 */
unsigned int *listings_text(struct strbuf *tu, unsigned int line,
			   const struct doc_listing *ls, size_t n,
			   struct ops_struct *out);

/**
 * listings_collect() - the listings' members, after the parse
 * @tu: the parsed translation unit, or NULL when none was made
 * @ksrc: the tree, that paths are made relative to
 * @ls: the listings, as given to listings_text()
 * @n: how many there are in @ls
 * @first_line: what listings_text() returned
 * @out: as given to listings_text(); filled with the members, with the
 *	 document's file and lines
 */
void listings_collect(CXTranslationUnit tu, const char *ksrc,
		      const struct doc_listing *ls, size_t n,
		      const unsigned int *first_line, struct ops_struct *out);

#endif
