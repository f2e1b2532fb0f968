// SPDX-License-Identifier: GPL-2.0
/*
 * lc_tokens.c - the token stream of a declaration and its comments.
 *
 * Members, comments and preprocessor conditions are all worked out from
 * one stream per struct, comments included, in which directive lines and
 * the ranges the preprocessor skipped are marked.
 */
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "strbuf.h"
#include "util.h"

void tokens_release(struct tokens *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		free(ts->t[i].text);
	free(ts->t);
	ts->t = NULL;
	ts->n = 0;
}

int is_directive_start(const struct tokens *ts, size_t i)
{
	return !strcmp(ts->t[i].text, "#") &&
	       (i == 0 || ts->t[i - 1].end_line < ts->t[i].line);
}

void tokenize(struct ctx *ctx, CXSourceRange range,
	      const struct range *skipped, size_t nr_skipped,
	      struct tokens *ts)
{
	CXToken *cx;
	unsigned int n, i;
	size_t j;
	unsigned int dir_line = 0;

	clang_tokenize(ctx->tu, range, &cx, &n);
	ts->t = xcalloc(n ? n : 1, sizeof(*ts->t));
	ts->n = n;
	for (i = 0; i < n; i++) {
		struct tok *t = &ts->t[i];
		CXSourceRange r = clang_getTokenExtent(ctx->tu, cx[i]);

		t->kind = clang_getTokenKind(cx[i]);
		t->text = cx_dup(clang_getTokenSpelling(ctx->tu, cx[i]));
		clang_getSpellingLocation(clang_getRangeStart(r), NULL,
					  &t->line, NULL, &t->off);
		clang_getSpellingLocation(clang_getRangeEnd(r), NULL,
					  &t->end_line, NULL, &t->end);
	}
	clang_disposeTokens(ctx->tu, cx, n);

	for (i = 0; i < n; i++) {
		struct tok *t = &ts->t[i];

		if (is_directive_start(ts, i))
			dir_line = t->line;
		else if (dir_line && t->line != dir_line)
			dir_line = 0;
		t->directive = dir_line != 0;
		for (j = 0; j < nr_skipped; j++)
			if (t->off >= skipped[j].start && t->off < skipped[j].end)
				t->skipped = 1;
	}
}

size_t tok_at(const struct tokens *ts, unsigned int off)
{
	size_t lo = 0, hi = ts->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ts->t[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int is_punct(const struct tok *t, const char *s)
{
	return t->kind == CXToken_Punctuation && !strcmp(t->text, s);
}

char *join_tokens(const struct tokens *ts, size_t first, size_t last,
		  size_t skip_index)
{
	struct strbuf sb = STRBUF_INIT;
	const struct tok *prev = NULL;
	size_t i;

	for (i = first; i <= last && i < ts->n; i++) {
		const struct tok *t = &ts->t[i];

		if (t->kind == CXToken_Comment || i == skip_index)
			continue;
		if (prev && t->off > prev->end)
			strbuf_addch(&sb, ' ');
		strbuf_adds(&sb, t->text);
		prev = t;
	}
	/* A token dropped from the middle may leave a space at the end. */
	strbuf_rtrim(&sb);
	return strbuf_detach(&sb);
}

void add_comment_text(struct strbuf *sb, const char *c)
{
	size_t len = strlen(c);
	const char *p, *end;
	struct strbuf line = STRBUF_INIT;
	int any = sb->len > 0;

	if (!strncmp(c, "//", 2)) {
		p = c + 2;
		end = c + len;
	} else {
		p = c + 2;
		while (*p == '*')
			p++;
		end = c + len;
		if (len >= 4 && !strcmp(end - 2, "*/"))
			end -= 2;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *e = nl ? nl : end;

		strbuf_reset(&line);
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p < e && *p == '*' && (p + 1 == e || p[1] != '/'))
			p++;
		if (p < e && *p == ' ')
			p++;
		strbuf_add(&line, p, e - p);
		strbuf_rtrim(&line);
		if (line.len || any) {
			if (any)
				strbuf_addch(sb, '\n');
			strbuf_add(sb, line.buf, line.len);
			any = 1;
		}
		p = nl ? nl + 1 : end;
	}
	strbuf_rtrim(sb);
	/* Blank lines at the end of a block comment. */
	while (sb->len && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
	strbuf_release(&line);
}

char *comments_text(const struct tokens *ts, size_t first, size_t last)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = first; i <= last; i++)
		add_comment_text(&sb, ts->t[i].text);
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

int leading_comments(const struct tokens *ts, size_t first,
		     size_t *from, size_t *to)
{
	size_t j = first;

	while (j > 0 && ts->t[j - 1].kind == CXToken_Comment)
		j--;
	if (j > 0 && j < first && ts->t[j].line == ts->t[j - 1].end_line)
		j++;
	if (j >= first)
		return 0;
	*from = j;
	*to = first - 1;
	return 1;
}

int trailing_comment(const struct tokens *ts, size_t last, size_t *at)
{
	if (last + 1 < ts->n && ts->t[last + 1].kind == CXToken_Comment &&
	    ts->t[last + 1].line == ts->t[last].end_line) {
		*at = last + 1;
		return 1;
	}
	return 0;
}

size_t skipped_ranges(struct ctx *ctx, CXFile file, unsigned int from,
		      unsigned int to, struct range **out)
{
	CXSourceRangeList *list = clang_getSkippedRanges(ctx->tu, file);
	struct range *v = NULL;
	size_t n = 0;
	unsigned int i;

	if (!list) {
		*out = NULL;
		return 0;
	}
	for (i = 0; i < list->count; i++) {
		unsigned int s, e;

		clang_getSpellingLocation(clang_getRangeStart(list->ranges[i]),
					  NULL, NULL, NULL, &s);
		clang_getSpellingLocation(clang_getRangeEnd(list->ranges[i]),
					  NULL, NULL, NULL, &e);
		if (e <= from || s >= to)
			continue;
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n].start = s;
		v[n].end = e;
		n++;
	}
	clang_disposeSourceRangeList(list);
	*out = v;
	return n;
}
