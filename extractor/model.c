// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

const char *const modelled_structs[] = {
	"file_operations",
	"vm_area_desc",
	"mmap_action",
	"vm_operations_struct",
	NULL
};

int is_modelled_struct(const char *name)
{
	size_t i;

	for (i = 0; modelled_structs[i]; i++)
		if (!strcmp(modelled_structs[i], name))
			return 1;
	return 0;
}

const char *const modelled_enums[] = {
	"mmap_action_type",
	NULL
};

const char *const caller_members[] = {
	"mmap",
	"mmap_prepare",
	"get_unmapped_area",
	NULL
};

static const char *const member_kinds[] = {
	[MEMBER_FIELD] = "field",
	[MEMBER_CALLBACK] = "callback",
	[MEMBER_STRUCT] = "struct",
	[MEMBER_UNION] = "union",
};

static const char *const helper_kinds[] = {
	[HELPER_FUNCTION] = "function",
	[HELPER_MACRO] = "macro",
};

void api_init(struct api *api)
{
	memset(api, 0, sizeof(*api));
}

/* Grow an array of n elements of size sz by one zeroed element. */
static void *grow_one(void *arr, size_t *n, size_t sz)
{
	char *p = xrealloc(arr, (*n + 1) * sz);

	memset(p + *n * sz, 0, sz);
	(*n)++;
	return p;
}

struct ops_struct *api_add_struct(struct api *api, const char *name)
{
	struct ops_struct *s;

	api->structs = grow_one(api->structs, &api->nr_structs, sizeof(*s));
	s = &api->structs[api->nr_structs - 1];
	s->name = xstrdup(name);
	return s;
}

struct enum_decl *api_add_enum(struct api *api, const char *name)
{
	struct enum_decl *e;

	api->enums = grow_one(api->enums, &api->nr_enums, sizeof(*e));
	e = &api->enums[api->nr_enums - 1];
	e->name = xstrdup(name);
	return e;
}

struct helper *api_add_helper(struct api *api)
{
	api->helpers = grow_one(api->helpers, &api->nr_helpers,
				sizeof(*api->helpers));
	return &api->helpers[api->nr_helpers - 1];
}

struct caller *api_add_caller(struct api *api)
{
	api->callers = grow_one(api->callers, &api->nr_callers,
				sizeof(*api->callers));
	return &api->callers[api->nr_callers - 1];
}

struct example_function *api_add_example(struct api *api)
{
	api->examples = grow_one(api->examples, &api->nr_examples,
				 sizeof(*api->examples));
	return &api->examples[api->nr_examples - 1];
}

struct member *struct_add_member(struct ops_struct *s)
{
	s->members = grow_one(s->members, &s->nr_members, sizeof(*s->members));
	return &s->members[s->nr_members - 1];
}

struct param *member_add_param(struct member *m)
{
	m->params = grow_one(m->params, &m->nr_params, sizeof(*m->params));
	return &m->params[m->nr_params - 1];
}

struct enumerator *enum_add_value(struct enum_decl *e)
{
	e->values = grow_one(e->values, &e->nr_values, sizeof(*e->values));
	return &e->values[e->nr_values - 1];
}

static void member_release(struct member *m)
{
	struct param *p;

	for_each_param(m, p) {
		free(p->type);
		free(p->canonical);
		free(p->name);
	}
	free(m->params);
	free(m->name);
	free(m->decl);
	free(m->type);
	free(m->ret);
	free(m->condition);
	free(m->group);
	free(m->comment);
	free(m->container);
}

void ops_struct_release(struct ops_struct *s)
{
	struct member *m;

	for_each_member(s, m)
		member_release(m);
	free(s->members);
	free(s->name);
	free(s->file);
	free(s->attributes);
	free(s->source);
	free(s->parse_error);
	memset(s, 0, sizeof(*s));
}

static void caller_release(struct caller *c)
{
	free(c->member);
	free(c->function);
	free(c->file);
	free(c->via);
}

void api_release(struct api *api)
{
	struct ops_struct *s;
	struct helper *h;
	size_t i, j;

	for_each_struct(api, s)
		ops_struct_release(s);
	for (i = 0; i < api->nr_enums; i++) {
		struct enum_decl *e = &api->enums[i];

		for (j = 0; j < e->nr_values; j++) {
			free(e->values[j].name);
			free(e->values[j].comment);
		}
		free(e->values);
		free(e->name);
		free(e->file);
	}
	for_each_helper(api, h) {
		free(h->name);
		free(h->file);
		free(h->decl);
		free(h->doc);
		free(h->wraps);
	}
	for (i = 0; i < api->nr_callers; i++)
		caller_release(&api->callers[i]);
	for (i = 0; i < api->nr_examples; i++) {
		free(api->examples[i].file);
		free(api->examples[i].name);
	}
	free(api->callers);
	free(api->examples);
	free(api->structs);
	free(api->enums);
	free(api->helpers);
	free(api->version);
	api_init(api);
}

struct ops_struct *find_struct_by_name(const struct api *api, const char *name)
{
	struct ops_struct *s;

	for_each_struct(api, s)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

struct enum_decl *find_enum_by_name(const struct api *api, const char *name)
{
	size_t i;

	for (i = 0; i < api->nr_enums; i++)
		if (!strcmp(api->enums[i].name, name))
			return &api->enums[i];
	return NULL;
}

struct member *find_member_by_name(const struct ops_struct *s, const char *name)
{
	struct member *m;

	for_each_member(s, m)
		if (!strcmp(m->name, name))
			return m;
	return NULL;
}

struct helper *find_helper_by_name(const struct api *api, const char *name)
{
	struct helper *h;

	for_each_helper(api, h)
		if (!strcmp(h->name, name))
			return h;
	return NULL;
}

static int kind_from_name(const char *const *names, size_t n,
			  const char *name, int *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (names[i] && !strcmp(names[i], name)) {
			*out = (int)i;
			return 0;
		}
	}
	return -1;
}

const char *member_kind_name(enum member_kind kind)
{
	return member_kinds[kind];
}

int member_kind_from_name(const char *name, enum member_kind *kind)
{
	int k;

	if (kind_from_name(member_kinds, 4, name, &k))
		return -1;
	*kind = k;
	return 0;
}

const char *helper_kind_name(enum helper_kind kind)
{
	return helper_kinds[kind];
}

int helper_kind_from_name(const char *name, enum helper_kind *kind)
{
	int k;

	if (kind_from_name(helper_kinds, 2, name, &k))
		return -1;
	*kind = k;
	return 0;
}

/* Order by file, then line, then name: declaration order, stably. */
static int place_cmp(const char *file1, unsigned int line1, const char *name1,
		     const char *file2, unsigned int line2, const char *name2)
{
	int c = strcmp(file1, file2);

	if (c)
		return c;
	if (line1 != line2)
		return line1 < line2 ? -1 : 1;
	return strcmp(name1, name2);
}

static int helper_cmp(const void *a, const void *b)
{
	const struct helper *x = a, *y = b;

	return place_cmp(x->file, x->line, x->name, y->file, y->line, y->name);
}

void api_sort_helpers(struct api *api)
{
	if (api->nr_helpers)
		qsort(api->helpers, api->nr_helpers, sizeof(*api->helpers),
		      helper_cmp);
}

static int caller_cmp(const void *a, const void *b)
{
	const struct caller *x = a, *y = b;
	int c = strcmp(x->member, y->member);

	if (!c)
		c = strcmp(x->file, y->file);
	if (!c && x->line != y->line)
		c = x->line < y->line ? -1 : 1;
	if (!c)
		c = strcmp(x->function, y->function);
	if (!c)
		c = strcmp(x->via, y->via);
	return c;
}

void api_sort_callers(struct api *api)
{
	size_t i, n = 0;

	if (!api->nr_callers)
		return;
	qsort(api->callers, api->nr_callers, sizeof(*api->callers), caller_cmp);
	for (i = 0; i < api->nr_callers; i++) {
		if (n && !caller_cmp(&api->callers[n - 1], &api->callers[i])) {
			caller_release(&api->callers[i]);
			continue;
		}
		api->callers[n++] = api->callers[i];
	}
	api->nr_callers = n;
}

static int example_cmp(const void *a, const void *b)
{
	const struct example_function *x = a, *y = b;

	return place_cmp(x->file, x->line, x->name, y->file, y->line, y->name);
}

void api_sort_examples(struct api *api)
{
	if (api->nr_examples)
		qsort(api->examples, api->nr_examples, sizeof(*api->examples),
		      example_cmp);
}

struct example_function *find_example(const struct api *api, const char *file,
				      const char *name)
{
	size_t i;

	for (i = 0; i < api->nr_examples; i++)
		if (!strcmp(api->examples[i].file, file) &&
		    !strcmp(api->examples[i].name, name))
			return &api->examples[i];
	return NULL;
}
