// SPDX-License-Identifier: GPL-2.0
/* The index of struct definitions over a tree's headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defindex.h"
#include "strvec.h"
#include "util.h"

static struct def_index idx;

static int setup(void **state)
{
	(void)state;
	return def_index_build(FIXTURES "/defindex", &idx);
}

static int teardown(void **state)
{
	(void)state;
	def_index_release(&idx);
	return 0;
}

static void expect_one(const char *name, const char *file, unsigned int line)
{
	size_t n;
	const struct struct_def *d = def_index_find(&idx, name, &n);

	assert_int_equal(n, 1);
	assert_string_equal(d->file, file);
	assert_int_equal(d->line, line);
}

static void test_defindex_finds_definitions(void **state)
{
	(void)state;
	expect_one("via_typedef", "include/linux/tricky.h", 22);
	expect_one("brace_later", "include/linux/tricky.h", 26);
}

static void test_defindex_skips_what_is_not_a_file_scope_definition(void **state)
{
	static const char *const absent[] = {
		"in_comment", "in_line_comment", "n", "in_string", "nested",
		"declared_only", "in_body", NULL
	};
	size_t n, i;

	(void)state;
	for (i = 0; absent[i]; i++) {
		assert_null(def_index_find(&idx, absent[i], &n));
		assert_int_equal(n, 0);
	}
}

static void test_defindex_keeps_every_variant(void **state)
{
	const struct struct_def *d;
	size_t n;

	(void)state;
	/* Both #if branches, in file order. */
	d = def_index_find(&idx, "twice", &n);
	assert_int_equal(n, 2);
	assert_int_equal(d[0].line, 38);
	assert_int_equal(d[1].line, 40);
	/* The same tag in include/ and each arch/ARCH/include, by file. */
	d = def_index_find(&idx, "plain", &n);
	assert_int_equal(n, 3);
	assert_string_equal(d[0].file, "arch/arm64/include/uapi/asm/arch.h");
	assert_string_equal(d[1].file, "arch/x86/include/asm/arch.h");
	assert_string_equal(d[2].file, "include/linux/tricky.h");
	assert_int_equal(d[2].line, 15);
	assert_int_equal(idx.nr_files, 3);
}

static void test_defindex_names_each_definitions_arch(void **state)
{
	const struct struct_def *d;
	const char *a;
	size_t n, len;

	(void)state;
	d = def_index_find(&idx, "plain", &n);
	assert_int_equal(n, 3);
	a = def_arch(d[0].file, &len);
	assert_non_null(a);
	assert_int_equal(len, 5);
	assert_memory_equal(a, "arm64", 5);
	a = def_arch(d[1].file, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(a, "x86", 3);
	assert_null(def_arch(d[2].file, &len));
	assert_int_equal(len, 0);
	/* Not an arch's include directory. */
	assert_null(def_arch("arch/x86/kvm/x86.h", &len));
}

static void test_defindex_missing_tree_is_an_error(void **state)
{
	struct def_index none;
	char msg[512] = "";
	size_t n;

	(void)state;
	opsdoc_diag = tmpfile();
	assert_int_equal(def_index_build(FIXTURES "/no-such-tree", &none), -1);
	rewind(opsdoc_diag);
	n = fread(msg, 1, sizeof(msg) - 1, opsdoc_diag);
	msg[n] = '\0';
	fclose(opsdoc_diag);
	opsdoc_diag = NULL;
	assert_int_equal(none.n, 0);
	/* The error names the directory and says what is wrong. */
	assert_non_null(strstr(msg, "no-such-tree/include: error: cannot read the headers"));
}

/* The tags nearest to one the tree does not define, nearest first. */
static void test_defindex_nearest(void **state)
{
	struct strvec near = STRVEC_INIT;

	(void)state;
	strvec_init(&near);
	/* A "_data" dropped is nearest; a word changed is farther. */
	def_index_nearest(&idx, "kvm_sev_launch_update", 3, &near);
	assert_true(near.nr >= 1);
	assert_string_equal(near.v[0], "kvm_sev_launch_update_data");
	strvec_release(&near);
	strvec_init(&near);
	/* A typo of two letters. */
	def_index_nearest(&idx, "kvm_sev_lanch_strt", 3, &near);
	assert_true(near.nr >= 1);
	assert_string_equal(near.v[0], "kvm_sev_launch_start");
	strvec_release(&near);
	strvec_init(&near);
	/* Nothing near: nothing said. */
	def_index_nearest(&idx, "no_such_struct", 3, &near);
	assert_int_equal(near.nr, 0);
	strvec_release(&near);
}

/*
 * The cached index is checked by its directories' modification times: a
 * header added to a directory makes a new one, with no stat() of each
 * header on a warm run.
 */
static void test_defindex_cache_sees_a_new_header(void **state)
{
	char dir[] = "/tmp/opsdoc-defindex-XXXXXX", cmd[512], path[600];
	struct def_index a, b;
	size_t n;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r %s/defindex %s/tree && mkdir %s/cache",
		 FIXTURES, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/cache", dir);
	setenv("OPSDOC_CACHE", path, 1);
	unsetenv("OPSDOC_NO_CACHE");
	snprintf(path, sizeof(path), "%s/tree", dir);
	assert_int_equal(def_index_build(path, &a), 0);
	assert_null(def_index_find(&a, "brand_new", &n));
	/* The warm index is the same. */
	assert_int_equal(def_index_build(path, &b), 0);
	assert_int_equal(a.n, b.n);
	def_index_release(&b);
	snprintf(path, sizeof(path), "%s/tree/include/linux/new.h", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("struct brand_new {\n\tint x;\n};\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/tree", dir);
	assert_int_equal(def_index_build(path, &b), 0);
	assert_non_null(def_index_find(&b, "brand_new", &n));
	assert_int_equal(b.nr_files, a.nr_files + 1);
	def_index_release(&a);
	def_index_release(&b);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	unsetenv("OPSDOC_CACHE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defindex_finds_definitions),
		cmocka_unit_test(test_defindex_skips_what_is_not_a_file_scope_definition),
		cmocka_unit_test(test_defindex_keeps_every_variant),
		cmocka_unit_test(test_defindex_names_each_definitions_arch),
		cmocka_unit_test(test_defindex_missing_tree_is_an_error),
		cmocka_unit_test(test_defindex_nearest),
		cmocka_unit_test(test_defindex_cache_sees_a_new_header),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
