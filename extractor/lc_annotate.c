// SPDX-License-Identifier: GPL-2.0
/*
 * lc_annotate.c - what the comments and directives around a struct's
 * members say about each of them: its leading and trailing comment, the
 * group comment that governs it, and its preprocessor condition.
 */
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "strbuf.h"
#include "util.h"

/*
 * Last token of the paragraph holding token i: a run of lines with no
 * blank line and no preprocessor directive.
 */
static size_t paragraph_end(const struct tokens *ts, size_t i)
{
	while (i + 1 < ts->n && ts->t[i + 1].line <= ts->t[i].end_line + 1 &&
	       !ts->t[i + 1].directive)
		i++;
	return i;
}

void annotate_items(const struct tokens *ts, size_t open_brace,
		    struct items *its)
{
	struct cond_stack st = { 0 };
	int *is_group = xcalloc(its->n, sizeof(*is_group));
	size_t *lead_from = xcalloc(its->n, sizeof(*lead_from));
	size_t *lead_to = xcalloc(its->n, sizeof(*lead_to));
	int *has_lead = xcalloc(its->n, sizeof(*has_lead));
	int uses_groups = 0;
	char *group = NULL;
	size_t i, k, t;

	for (i = 0; i < its->n; i++) {
		struct item *it = &its->v[i];
		size_t before, end;
		int n = 0;

		has_lead[i] = leading_comments(ts, it->first, &lead_from[i],
					       &lead_to[i]);
		if (!has_lead[i] || it->depth)
			continue;
		before = lead_from[i] - 1;
		if (lead_from[i] == 0 ||
		    !(before == open_brace ||
		      ts->t[lead_from[i]].line > ts->t[before].end_line + 1))
			continue;
		end = paragraph_end(ts, it->first);
		for (k = i; k < its->n; k++) {
			size_t a, b;

			if (its->v[k].depth || its->v[k].first > end)
				continue;
			/* Members with comments of their own: no group. */
			if (k > i && leading_comments(ts, its->v[k].first, &a, &b))
				break;
			n++;
		}
		if (k < its->n && its->v[k].first <= end && k > i)
			continue;
		is_group[i] = 1;
		if (n >= 2)
			uses_groups = 1;
	}

	for (i = 0, t = 0; i < its->n; i++) {
		struct item *it = &its->v[i];
		struct strbuf sb = STRBUF_INIT;
		size_t at;
		char *lead = NULL;

		/* Conditions in force at the member's first token. */
		for (; t < it->first; t++)
			if (is_directive_start(ts, t))
				t = apply_directive(ts, t, &st);
		it->m.condition = cond_text(&st);

		if (has_lead[i])
			lead = comments_text(ts, lead_from[i], lead_to[i]);
		if (is_group[i] && uses_groups) {
			free(group);
			group = lead;
			lead = NULL;
		}
		it->m.group = group ? xstrdup(group) : NULL;
		if (lead)
			strbuf_adds(&sb, lead);
		if (trailing_comment(ts, it->last, &at)) {
			if (sb.len)
				strbuf_addch(&sb, '\n');
			add_comment_text(&sb, ts->t[at].text);
		}
		it->m.comment = sb.len ? strbuf_detach(&sb) : NULL;
		strbuf_release(&sb);
		free(lead);
	}
	free(group);
	cond_stack_release(&st);
	free(is_group);
	free(lead_from);
	free(lead_to);
	free(has_lead);
}
