// SPDX-License-Identifier: GPL-2.0
/*
 * lc_cond.c - the preprocessor conditions a member sits under: a stack of
 * #if expressions, kept from the directive tokens of a struct.
 */
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "strbuf.h"
#include "util.h"

static int simple_ident(const char *s)
{
	if (*s == '!')
		s++;
	for (; *s; s++)
		if (!(*s == '_' || (*s >= '0' && *s <= '9') ||
		      (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

static char *negate(const char *c)
{
	struct strbuf sb = STRBUF_INIT;

	if (c[0] == '!' && simple_ident(c))
		strbuf_adds(&sb, c + 1);
	else if (simple_ident(c))
		strbuf_addf(&sb, "!%s", c);
	else
		strbuf_addf(&sb, "!(%s)", c);
	return strbuf_detach(&sb);
}

/* Push c, which the stack then owns; there is no limit to the depth. */
static void cond_push(struct cond_stack *st, char *c)
{
	if (st->n == st->alloc) {
		st->alloc = st->alloc ? st->alloc * 2 : 16;
		st->v = xrealloc(st->v, st->alloc * sizeof(*st->v));
	}
	st->v[st->n++] = c;
}

size_t apply_directive(const struct tokens *ts, size_t i,
		       struct cond_stack *st)
{
	size_t j = i + 1, end = i;
	const char *what;
	char *expr, *c;

	while (end + 1 < ts->n && ts->t[end + 1].directive &&
	       !is_directive_start(ts, end + 1))
		end++;
	if (j > end)
		return end;
	what = ts->t[j].text;
	expr = j < end ? join_tokens(ts, j + 1, end, (size_t)-1) : xstrdup("");

	if (!strcmp(what, "if") || !strcmp(what, "ifdef") ||
	    !strcmp(what, "ifndef")) {
		c = !strcmp(what, "ifndef") ? negate(expr) : xstrdup(expr);
		cond_push(st, c);
	} else if (!strcmp(what, "else") && st->n) {
		c = negate(st->v[st->n - 1]);
		free(st->v[st->n - 1]);
		st->v[st->n - 1] = c;
	} else if (!strcmp(what, "elif") && st->n) {
		struct strbuf sb = STRBUF_INIT;

		c = negate(st->v[st->n - 1]);
		strbuf_addf(&sb, "%s && %s", c, expr);
		free(c);
		free(st->v[st->n - 1]);
		st->v[st->n - 1] = strbuf_detach(&sb);
	} else if (!strcmp(what, "endif") && st->n) {
		free(st->v[--st->n]);
	}
	free(expr);
	return end;
}

char *cond_text(const struct cond_stack *st)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (!st->n)
		return NULL;
	for (i = 0; i < st->n; i++) {
		if (i)
			strbuf_adds(&sb, " && ");
		if (st->n > 1 && !simple_ident(st->v[i]))
			strbuf_addf(&sb, "(%s)", st->v[i]);
		else
			strbuf_adds(&sb, st->v[i]);
	}
	return strbuf_detach(&sb);
}

void cond_stack_release(struct cond_stack *st)
{
	while (st->n)
		free(st->v[--st->n]);
	free(st->v);
	st->v = NULL;
	st->alloc = 0;
}
