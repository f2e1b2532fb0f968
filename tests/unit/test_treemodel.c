// SPDX-License-Identifier: GPL-2.0
/* model_for_tree() with structs besides the modelled ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "ktree.h"
#include "model.h"
#include "treemodel.h"
#include "util.h"

static int setup(void **state)
{
	static const char *const structs[] = {
		"extra_ops", "broken_ops", "regs", "no_such_ops", "extra_ops",
		"file_operations", NULL
	};
	static struct api api;
	struct model_opts mo = { 0 };
	struct ktree kt;
	int ret;

	opsdoc_quiet = 1;
	opsdoc_diag = fopen("/dev/null", "w");
	if (ktree_resolve(&kt, FIXTURES "/tree", NULL, FIXTURES "/tree.flags"))
		return -1;
	mo.scratch = 1;
	mo.structs = structs;
	ret = model_for_tree(&kt, &mo, &api);
	ktree_release(&kt);
	fclose(opsdoc_diag);
	opsdoc_diag = NULL;
	*state = &api;
	return ret;
}

static int teardown(void **state)
{
	api_release(*state);
	return 0;
}

static void test_treemodel_extra_struct(void **state)
{
	const struct ops_struct *s = find_struct_by_name(*state, "extra_ops");
	const struct member *m;

	assert_non_null(s);
	assert_true(s->present);
	assert_string_equal(s->file, "include/linux/extra_ops.h");
	assert_int_equal(s->line, 9);
	assert_null(s->parse_error);
	assert_int_equal(s->nr_members, 6);
	/* Left out, inside a nested union: a dotted path. */
	m = find_member_by_name(s, "u.half");
	assert_non_null(m);
	assert_false(m->active);
	assert_string_equal(m->condition, "CONFIG_EXTRA_SPLIT");
	/* Today's fidelity: the member the configuration leaves out. */
	m = find_member_by_name(s, "release");
	assert_non_null(m);
	assert_false(m->active);
	assert_string_equal(m->condition, "CONFIG_EXTRA_RELEASE");
	assert_string_equal(find_member_by_name(s, "open")->comment, "first");
}

static void test_treemodel_header_error_is_recorded(void **state)
{
	const struct ops_struct *s = find_struct_by_name(*state, "broken_ops");

	assert_non_null(s);
	assert_non_null(s->parse_error);
	assert_non_null(strstr(s->parse_error, "include/linux/broken_ops.h:4: "));
}

static void test_treemodel_definition_the_configuration_uses(void **state)
{
	const struct ops_struct *s = find_struct_by_name(*state, "regs");

	assert_non_null(s);
	assert_int_equal(s->definitions, 2);
	/* CONFIG_A is set in tree.flags: the first variant. */
	assert_int_equal(s->line, 4);
	assert_non_null(find_member_by_name(s, "a"));
	assert_null(find_member_by_name(s, "b"));
}

static void test_treemodel_missing_and_repeated(void **state)
{
	const struct api *api = *state;
	size_t i, n = 0;

	/* What no header defines is not asked of libclang nor modelled. */
	assert_null(find_struct_by_name(api, "no_such_ops"));
	for (i = 0; i < api->nr_structs; i++)
		n += !strcmp(api->structs[i].name, "extra_ops");
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_treemodel_extra_struct),
		cmocka_unit_test(test_treemodel_header_error_is_recorded),
		cmocka_unit_test(test_treemodel_definition_the_configuration_uses),
		cmocka_unit_test(test_treemodel_missing_and_repeated),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
