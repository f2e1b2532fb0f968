/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_LC_H
#define OPSDOC_LC_H

/*
 * The libclang layer's private header: the types its files share and the
 * functions they offer each other. Only the lc_*.c files include it, and
 * with it clang-c/Index.h; the rest of opsdoc sees parse.h and the model.
 * The functions are documented where they are defined.
 */

#include <clang-c/Index.h>
#include <stddef.h>

#include "model.h"
#include "strvec.h"

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
};

/* The #if expressions in force, outermost first; zeroed to start. */
struct cond_stack {
	char **v;
	size_t n, alloc;
};

/* lc_util.c */
char *cx_dup(CXString s);
void cx_expansion(CXSourceLocation loc, CXFile *file, unsigned int *line,
		  unsigned int *off);
char *cx_real_path(CXFile file);
char *cx_rel_path(struct ctx *ctx, CXFile file);
void cx_children(CXCursor c, struct cursor_list *out);
char *canonical_spelling(CXType t);
void cursor_span(CXCursor c, CXFile *file, unsigned int *line,
		 unsigned int *end_line, unsigned int *from, unsigned int *to);
void cursor_list_add(struct cursor_list *l, CXCursor c);
void cursor_list_release(struct cursor_list *l);
const struct named_cursor *cursor_list_find(const struct cursor_list *l,
					    const char *name);
int named_cursor_cmp(const void *a, const void *b);
int lc_parse(struct ctx *ctx, const struct extract_opts *opts,
	     const char *file, const struct strbuf *text, unsigned int flags);
void lc_dispose(struct ctx *ctx);

/* lc_tokens.c */
size_t skipped_ranges(struct ctx *ctx, CXFile file, unsigned int from,
		      unsigned int to, struct range **out);
void tokenize(struct ctx *ctx, CXSourceRange range,
	      const struct range *skipped, size_t nr_skipped,
	      struct tokens *ts);
void tokens_release(struct tokens *ts);
size_t tok_at(const struct tokens *ts, unsigned int off);
int is_punct(const struct tok *t, const char *s);
int is_directive_start(const struct tokens *ts, size_t i);
char *join_tokens(const struct tokens *ts, size_t first, size_t last,
		  size_t skip_index);
void add_comment_text(struct strbuf *sb, const char *c);
char *comments_text(const struct tokens *ts, size_t first, size_t last);
int leading_comments(const struct tokens *ts, size_t first, size_t *from,
		     size_t *to);
int trailing_comment(const struct tokens *ts, size_t last, size_t *at);

/* lc_cond.c */
size_t apply_directive(const struct tokens *ts, size_t i,
		       struct cond_stack *st);
char *cond_text(const struct cond_stack *st);
void cond_stack_release(struct cond_stack *st);

/* lc_members.c */
struct item *items_add(struct items *it);
int item_cmp(const void *a, const void *b);
int decl_tokens(const struct tokens *ts, CXCursor c, size_t *first,
		size_t *last);
void visit_record(const struct tokens *ts, struct items *out, CXCursor rec,
		  const char *prefix, const char *container, int depth);

/* lc_skipped.c */
void skipped_items(struct ctx *ctx, const struct tokens *ts,
		   struct items *out);
void nest_skipped(struct items *its);

/* lc_annotate.c */
void annotate_items(const struct tokens *ts, size_t open_brace,
		    struct items *its);

/* lc_model.c */
void fill_struct(struct ctx *ctx, struct ops_struct *s, CXCursor c);

#endif
