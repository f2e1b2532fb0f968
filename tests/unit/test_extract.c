// SPDX-License-Identifier: GPL-2.0
/*
 * The extractor's hard cases, each on the fixture trees in
 * tests/fixtures/ (kernel-like headers written for these tests).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "ktree.h"
#include "model.h"
#include "strbuf.h"
#include "treemodel.h"
#include "util.h"

#ifndef FIXTURES
#error "FIXTURES must name tests/fixtures"
#endif

/* Extract fixture tree NAME into api; returns parse_model()'s result. */
static int extract(const char *name, struct api *api)
{
	char ksrc[512], flags[512];
	struct strvec args = STRVEC_INIT;
	struct extract_opts eo = { 0 };
	int ret;

	snprintf(ksrc, sizeof(ksrc), "%s/%s", FIXTURES, name);
	snprintf(flags, sizeof(flags), "%s/%s.flags", FIXTURES, name);
	strvec_init(&args);
	assert_int_equal(ktree_load_flags(flags, &args), 0);
	api_init(api);
	eo.ksrc = ksrc;
	eo.args = &args;
	eo.headers = model_headers;
	eo.max_diags = 3;
	ret = parse_model(&eo, api);
	strvec_release(&args);
	return ret;
}

static int setup_tree(void **state)
{
	struct api *api = malloc(sizeof(*api));

	if (!api || extract("tree", api))
		return -1;
	*state = api;
	return 0;
}

static int teardown_tree(void **state)
{
	api_release(*state);
	free(*state);
	return 0;
}

static struct member *member(void **state, const char *s, const char *m)
{
	struct ops_struct *st = find_struct_by_name(*state, s);
	struct member *mb;

	assert_non_null(st);
	mb = find_member_by_name(st, m);
	if (!mb)
		fail_msg("%s.%s not in the model", s, m);
	return mb;
}

/* Hard case 1: members the configuration leaves out, from skipped ranges. */
static void test_inactive_members(void **state)
{
	struct member *m = member(state, "file_operations", "mmap_capabilities");
	struct ops_struct *fops = find_struct_by_name(*state, "file_operations");

	assert_false(m->active);
	assert_string_equal(m->condition, "!CONFIG_MMU");
	assert_int_equal(m->kind, MEMBER_CALLBACK);
	assert_string_equal(m->type, "unsigned int (*)(struct file *)");
	assert_string_equal(m->decl, "unsigned (*mmap_capabilities)(struct file *);");

	m = member(state, "file_operations", "fixture_on");
	assert_false(m->active);
	assert_string_equal(m->condition, "CONFIG_FIXTURE_ON");
	m = member(state, "file_operations", "fixture_off");
	assert_true(m->active);
	assert_string_equal(m->condition, "!CONFIG_FIXTURE_ON");
	assert_string_equal(m->params[1].name, "priv");
	m = member(state, "file_operations", "fixture_expr");
	assert_true(m->active);
	assert_string_equal(m->condition, "defined(CONFIG_A) && !defined(CONFIG_B)");
	m = member(state, "vm_operations_struct", "numa_only");
	assert_false(m->active);
	assert_string_equal(m->type,
			    "struct page *(*)(struct vm_area_struct *, unsigned long)");
	assert_int_equal(m->nr_params, 2);
	assert_string_equal(m->params[1].name, "addr");
	/* Declaration order holds across active and inactive members. */
	assert_string_equal(fops->members[7].name, "mmap_capabilities");
	assert_string_equal(fops->members[8].name, "fixture_on");
	assert_string_equal(fops->members[9].name, "fixture_off");
	assert_null(member(state, "file_operations", "get_unmapped_area")->condition);
}

/* Hard case 2: anonymous and named unions and structs. */
static void test_nested_records(void **state)
{
	struct ops_struct *s = find_struct_by_name(*state, "mmap_action");
	static const char *const order[] = {
		"remap", "remap.start", "remap.start_pfn", "remap.pgprot",
		"map_kernel", "map_kernel.pages", "map_kernel.nr_pages",
		"type", "error_override", "inner_a", "inner_b", "inner_c",
		"hide_until_complete", NULL
	};
	struct member *m;
	size_t i;

	for (i = 0; order[i]; i++) {
		assert_true(i < s->nr_members);
		assert_string_equal(s->members[i].name, order[i]);
	}
	assert_int_equal(s->nr_members, i);
	m = member(state, "mmap_action", "remap");
	assert_int_equal(m->kind, MEMBER_STRUCT);
	assert_string_equal(m->container, "union");
	assert_string_equal(member(state, "mmap_action", "remap.start")->container,
			    "struct");
	assert_string_equal(member(state, "mmap_action", "inner_b")->container,
			    "union");
	assert_null(member(state, "mmap_action", "type")->container);
	assert_string_equal(member(state, "mmap_action", "hide_until_complete")->decl,
			    "bool hide_until_complete :1;");
}

/* Hard case 3: spelling against canonical type, and attributes. */
static void test_spelling_and_canonical(void **state)
{
	struct member *m = member(state, "file_operations", "read");
	struct ops_struct *fops = find_struct_by_name(*state, "file_operations");

	assert_string_equal(m->decl,
		"ssize_t (*read) (struct file *, char __user *, size_t, loff_t *);");
	assert_string_equal(m->params[1].type, "char __user *");
	assert_string_equal(m->params[1].canonical, "char *");
	assert_null(m->params[1].name);
	assert_string_equal(m->ret, "ssize_t");
	assert_string_equal(m->type,
		"long (*)(struct file *, char *, unsigned long, long long *)");

	m = member(state, "file_operations", "flush");
	assert_string_equal(m->params[1].type, "fl_owner_t");
	assert_string_equal(m->params[1].canonical, "void *");
	assert_string_equal(m->params[1].name, "id");

	m = member(state, "file_operations", "poll");
	assert_string_equal(m->ret, "__poll_t");
	assert_string_equal(m->type,
		"unsigned int (*)(struct file *, struct poll_table_struct *)");

	/* A declaration over two lines is joined with single spaces. */
	m = member(state, "file_operations", "write");
	assert_string_equal(m->decl, "ssize_t (*write) (struct file *, const char "
			    "__user *buf, size_t, loff_t *ppos);");
	assert_string_equal(m->params[3].name, "ppos");
	assert_string_equal(fops->attributes, "__randomize_layout");
	assert_string_equal(fops->file, "include/linux/fs.h");
	assert_int_equal(fops->line, 17);
}

/* Hard case 4: group comments, leading and trailing comments. */
static void test_comments(void **state)
{
	struct member *m;

	assert_string_equal(member(state, "vm_area_desc", "mm")->group,
			    "Immutable state.");
	assert_string_equal(member(state, "vm_area_desc", "end")->group,
			    "Immutable state.");
	m = member(state, "vm_area_desc", "file");
	assert_string_equal(m->group, "Immutable state.");
	assert_string_equal(m->comment, "May differ from vm_file.");
	assert_null(member(state, "vm_area_desc", "mm")->comment);
	assert_string_equal(member(state, "vm_area_desc", "pgoff")->group,
			    "Mutable fields. Populated with initial state.");
	assert_string_equal(member(state, "vm_area_desc", "private_data")->group,
			    "Write-only fields.");
	assert_string_equal(member(state, "vm_area_desc", "action")->group,
			    "Take further action?");

	/* A struct without group comments keeps them as leading comments. */
	m = member(state, "mmap_action", "error_override");
	assert_null(m->group);
	assert_string_equal(m->comment,
			    "A leading comment for one member,\nover two lines.");
	m = member(state, "vm_operations_struct", "open");
	assert_null(m->group);
	assert_string_equal(m->comment, "@open: a kernel-doc member comment.");
	m = member(state, "vm_operations_struct", "name");
	assert_null(m->group);
	assert_string_equal(m->comment, "A paragraph comment for one member.");
	assert_null(member(state, "vm_operations_struct", "numa_only")->comment);
	assert_string_equal(member(state, "file_operations", "flush")->comment,
			    "trailing on flush");
}

static void test_enum_and_helpers(void **state)
{
	struct api *api = *state;
	struct enum_decl *e = find_enum_by_name(api, "mmap_action_type");
	struct helper *h;

	assert_non_null(e);
	assert_true(e->present);
	assert_int_equal(e->nr_values, 3);
	assert_string_equal(e->values[0].comment, "Nothing more to do.");
	assert_string_equal(e->values[2].name, "MMAP_MAP_KERNEL_PAGES");
	assert_int_equal(e->values[2].value, 7);
	assert_string_equal(e->values[2].comment, "Map pages from an array.");

	assert_int_equal(api->nr_helpers, 4);
	h = find_helper_by_name(api, "fixture_desc_helper");
	assert_non_null(h);
	assert_int_equal(h->kind, HELPER_FUNCTION);
	assert_string_equal(h->decl, "int fixture_desc_helper(struct vm_area_desc *desc);");
	assert_non_null(strstr(h->doc, "Return: zero."));
	h = find_helper_by_name(api, "vma_desc_fixture_size");
	assert_string_equal(h->decl, "static inline unsigned long "
			    "vma_desc_fixture_size(const struct vm_area_desc *desc);");
	assert_null(find_helper_by_name(api, "vma_desc_fixture_set")->doc);
	h = find_helper_by_name(api, "vma_desc_fixture_set_many");
	assert_non_null(h);
	assert_int_equal(h->kind, HELPER_MACRO);
	assert_string_equal(h->decl, "#define vma_desc_fixture_set_many(desc, ...)");
	assert_null(find_helper_by_name(api, "fixture_not_helper"));
	assert_null(find_helper_by_name(api, "vma_fixture_unrelated"));
}

/* Hard case 5: structs the tree does not have. */
static void test_missing_struct(void **state)
{
	struct api api;
	struct ops_struct *s;

	(void)state;
	assert_int_equal(extract("tree-old", &api), 0);
	s = find_struct_by_name(&api, "vm_area_desc");
	assert_non_null(s);
	assert_false(s->present);
	assert_int_equal(s->nr_members, 0);
	assert_false(find_struct_by_name(&api, "mmap_action")->present);
	assert_false(find_enum_by_name(&api, "mmap_action_type")->present);
	assert_true(find_struct_by_name(&api, "file_operations")->present);
	assert_int_equal(api.nr_helpers, 0);
	api_release(&api);
}

/* Hard case 6: diagnostics, and no file_operations at all. */
static void test_diagnostics_without_fops(void **state)
{
	struct api api;

	(void)state;
	assert_int_equal(extract("tree-broken", &api), -1);
	assert_true(api.nr_diagnostics >= 1);
	api_release(&api);
}

/* Uses of the mmap family, and calls through header wrappers. */
static void test_callers(void **state)
{
	const char *const files[] = { FIXTURES "/tree/mm/fixture_mmap.c", NULL };
	struct strvec args = STRVEC_INIT;
	struct extract_opts eo = { 0 };
	struct api *api = *state;
	const struct caller *c;
	size_t i;

	strvec_init(&args);
	assert_int_equal(ktree_load_flags(FIXTURES "/tree.flags", &args), 0);
	eo.ksrc = FIXTURES "/tree";
	eo.args = &args;
	assert_int_equal(parse_callers(&eo, files, api), 0);
	strvec_release(&args);
	assert_int_equal(api->nr_callers, 3);
	/* Sorted by member: get_unmapped_area, mmap, mmap_prepare. */
	c = &api->callers[0];
	assert_string_equal(c->member, "file_operations.get_unmapped_area");
	assert_string_equal(c->function, "fixture_read_area");
	assert_string_equal(c->via, "f_op");
	assert_false(c->call);
	c = &api->callers[1];
	assert_string_equal(c->member, "file_operations.mmap");
	assert_string_equal(c->function, "fixture_call_mmap");
	assert_string_equal(c->file, "mm/fixture_mmap.c");
	assert_int_equal(c->line, 15);
	assert_true(c->call);
	c = &api->callers[2];
	assert_string_equal(c->member, "file_operations.mmap_prepare");
	assert_string_equal(c->function, "fixture_call_prepare");
	assert_string_equal(c->via, "vfs_mmap_prepare");
	assert_int_equal(c->line, 8);
	/* can_mmap() only tests the pointer: it is no wrapper. */
	for (i = 0; i < api->nr_callers; i++)
		assert_string_not_equal(api->callers[i].via, "can_mmap");
}

/* Hard case 7: a directory that is not a kernel tree. */
static void test_not_a_tree(void **state)
{
	(void)state;
	assert_int_equal(ktree_check(FIXTURES), -1);
	assert_int_equal(ktree_check(FIXTURES "/does-not-exist"), -1);
	assert_int_equal(ktree_check(FIXTURES "/tree"), 0);
}

/* The conditions "CONFIG_DEEP_01 && ... && CONFIG_DEEP_<n>", then tail. */
static char *deep_condition(int n, const char *tail)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	for (i = 1; i <= n; i++)
		strbuf_addf(&sb, "%sCONFIG_DEEP_%02d", i > 1 ? " && " : "", i);
	strbuf_adds(&sb, tail);
	return strbuf_detach(&sb);
}

static int count_terms(const char *c)
{
	int n = 1;

	while ((c = strstr(c, " && ")))
		n++, c += 4;
	return n;
}

static const char *last_term(const char *c)
{
	const char *p = strrchr(c, '&');

	return p ? p + 2 : c;
}

static struct member *deep_member(struct api *api, const char *name)
{
	struct ops_struct *fops = find_struct_by_name(api, "file_operations");
	struct member *m;

	assert_non_null(fops);
	m = find_member_by_name(fops, name);
	if (!m)
		fail_msg("file_operations.%s not in the model", name);
	return m;
}

/* Member name sits under the first n levels, then tail. */
static void assert_deep(struct api *api, const char *name, int active,
			int n, const char *tail)
{
	struct member *m = deep_member(api, name);
	char *want = deep_condition(n, tail);

	assert_int_equal(m->active, active);
	assert_non_null(m->condition);
	/* Too long for cmocka's message: count the terms, show the last. */
	if (strcmp(m->condition, want))
		fail_msg("file_operations.%s: condition has %d terms, ending "
			 "\"...%s\"; want %d, ending \"...%s\"", name,
			 count_terms(m->condition), last_term(m->condition),
			 count_terms(want), last_term(want));
	free(want);
}

/* Hard case 8: conditions nested deeper than 32 levels. */
static void test_deep_conditions(void **state)
{
	struct api api;

	(void)state;
	assert_int_equal(extract("tree-deep", &api), 0);
	assert_deep(&api, "at_32", 1, 32, "");
	assert_deep(&api, "at_33", 1, 33, "");
	assert_deep(&api, "at_40", 1, 40, "");
	assert_deep(&api, "not_40", 0, 39, " && !CONFIG_DEEP_40");
	/* The #endif of level 33 closes level 33, not 32. */
	assert_deep(&api, "back_at_32", 1, 32, "");
	assert_null(deep_member(&api, "outside")->condition);
	api_release(&api);
}

/*
 * extract -s with a struct the tree does not define: an error that names
 * it and the nearest tags, before any parse; no model.
 */
static void test_unknown_struct_is_an_error(void **state)
{
	static const char *const structs[] = { "chk_adr", "chk_status", NULL };
	struct model_opts mo = { 0 };
	struct ktree kt;
	struct api api;
	char msg[1024] = "";
	size_t n;

	(void)state;
	setenv("OPSDOC_NO_CACHE", "1", 1);
	assert_int_equal(ktree_resolve(&kt, FIXTURES "/tree-check", NULL,
				       FIXTURES "/tree-check.flags"), 0);
	mo.structs = structs;
	mo.unknown_is_error = 1;
	opsdoc_diag = tmpfile();
	assert_int_equal(model_for_tree(&kt, &mo, &api), -1);
	rewind(opsdoc_diag);
	n = fread(msg, 1, sizeof(msg) - 1, opsdoc_diag);
	msg[n] = '\0';
	fclose(opsdoc_diag);
	opsdoc_diag = NULL;
	assert_non_null(strstr(msg, "struct chk_adr: no header of the tree "
			       "defines it; did you mean chk_addr?"));
	assert_null(strstr(msg, "chk_status"));
	api_release(&api);
	/* Without the flag, the unknown one is left out, and said where asked. */
	{
		struct strvec undefined = STRVEC_INIT, near = STRVEC_INIT;

		strvec_init(&undefined);
		strvec_init(&near);
		mo.unknown_is_error = 0;
		mo.undefined = &undefined;
		mo.suggestions = &near;
		mo.scratch = 1;
		assert_int_equal(model_for_tree(&kt, &mo, &api), 0);
		assert_int_equal(undefined.nr, 1);
		assert_string_equal(undefined.v[0], "chk_adr");
		assert_string_equal(near.v[0], "chk_addr");
		assert_true(find_struct_by_name(&api, "chk_status")->present);
		api_release(&api);
		strvec_release(&undefined);
		strvec_release(&near);
	}
	ktree_release(&kt);
	unsetenv("OPSDOC_NO_CACHE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_struct_is_an_error),
		cmocka_unit_test(test_inactive_members),
		cmocka_unit_test(test_nested_records),
		cmocka_unit_test(test_spelling_and_canonical),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_enum_and_helpers),
		cmocka_unit_test(test_missing_struct),
		cmocka_unit_test(test_diagnostics_without_fops),
		cmocka_unit_test(test_not_a_tree),
		cmocka_unit_test(test_callers),
		cmocka_unit_test(test_deep_conditions),
	};

	return cmocka_run_group_tests_name("extract", tests, setup_tree,
					   teardown_tree);
}
