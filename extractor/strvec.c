// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "strvec.h"
#include "util.h"

static char *strvec_empty[1];

void strvec_init(struct strvec *sv)
{
	sv->v = strvec_empty;
	sv->nr = 0;
	sv->alloc = 0;
}

void strvec_release(struct strvec *sv)
{
	size_t i;

	if (sv->alloc) {
		for (i = 0; i < sv->nr; i++)
			free(sv->v[i]);
		free(sv->v);
	}
	strvec_init(sv);
}

void strvec_push_owned(struct strvec *sv, char *s)
{
	if (!sv->v)
		strvec_init(sv);
	if (sv->nr + 2 > sv->alloc) {
		size_t want = sv->alloc ? sv->alloc * 2 : 8;

		sv->v = xrealloc(sv->alloc ? sv->v : NULL, want * sizeof(*sv->v));
		sv->alloc = want;
	}
	sv->v[sv->nr++] = s;
	sv->v[sv->nr] = NULL;
}

void strvec_push(struct strvec *sv, const char *s)
{
	strvec_push_owned(sv, xstrdup(s));
}

int strvec_find(const struct strvec *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->nr; i++)
		if (!strcmp(sv->v[i], s))
			return (int)i;
	return -1;
}

void strvec_remove(struct strvec *sv, const char *s)
{
	size_t i, k;

	for (i = k = 0; i < sv->nr; i++) {
		if (!strcmp(sv->v[i], s))
			free(sv->v[i]);
		else
			sv->v[k++] = sv->v[i];
	}
	sv->nr = k;
	if (sv->v)
		sv->v[k] = NULL;
}

int strvec_push_unique(struct strvec *sv, const char *s)
{
	if (strvec_find(sv, s) >= 0)
		return 0;
	strvec_push(sv, s);
	return 1;
}
