// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "strvec.h"

static void test_strbuf_grows_and_detaches(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	int i;

	(void)state;
	assert_string_equal(sb.buf, "");
	for (i = 0; i < 1000; i++)
		strbuf_addch(&sb, 'a' + i % 26);
	assert_int_equal(sb.len, 1000);
	assert_int_equal(sb.buf[1000], '\0');
	assert_int_equal(sb.buf[27], 'b');
	s = strbuf_detach(&sb);
	assert_int_equal(strlen(s), 1000);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	free(s);
}

static void test_strbuf_addf_and_rtrim(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addf(&sb, "%s:%u: %s  \n\t", "fs.h", 42u, "x");
	strbuf_rtrim(&sb);
	assert_string_equal(sb.buf, "fs.h:42: x");
	strbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
}

static void test_strbuf_collapsed(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *in = "  long (*fallocate)(struct file *file,\n\t\t  loff_t len) ";

	(void)state;
	strbuf_add_collapsed(&sb, in, strlen(in));
	assert_string_equal(sb.buf, "long (*fallocate)(struct file *file, loff_t len)");
	strbuf_release(&sb);
}

static void test_strbuf_detach_empty(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	s = strbuf_detach(&sb);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void test_strvec(void **state)
{
	struct strvec sv = STRVEC_INIT;
	int i;
	char name[16];

	(void)state;
	strvec_init(&sv);
	assert_null(sv.v[0]);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "arg%d", i);
		strvec_push(&sv, name);
	}
	assert_int_equal(sv.nr, 20);
	assert_null(sv.v[20]);
	assert_string_equal(sv.v[13], "arg13");
	assert_int_equal(strvec_find(&sv, "arg7"), 7);
	assert_int_equal(strvec_find(&sv, "nope"), -1);
	strvec_release(&sv);
	assert_int_equal(sv.nr, 0);
}

static void test_strbuf_wrapped(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_add_wrapped(&sb, "aaa bbb  ccc\nddd eee", 11, "- ", "  ");
	assert_string_equal(sb.buf, "- aaa bbb\n  ccc ddd\n  eee\n");
	strbuf_reset(&sb);
	/* A word wider than the line stands alone; nothing gives nothing. */
	strbuf_add_wrapped(&sb, "x abcdefghijklmnop y", 8, "", "");
	assert_string_equal(sb.buf, "x\nabcdefghijklmnop\ny\n");
	strbuf_reset(&sb);
	strbuf_add_wrapped(&sb, "  \n ", 8, "- ", "  ");
	assert_int_equal(sb.len, 0);
	/* Columns, not bytes: "G\xc3\xbcnther" is seven wide, nine long. */
	strbuf_add_wrapped(&sb, "G\xc3\xbcnther G\xc3\xbcnther x", 15, "", "");
	assert_string_equal(sb.buf, "G\xc3\xbcnther G\xc3\xbcnther\nx\n");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf_grows_and_detaches),
		cmocka_unit_test(test_strbuf_addf_and_rtrim),
		cmocka_unit_test(test_strbuf_collapsed),
		cmocka_unit_test(test_strbuf_wrapped),
		cmocka_unit_test(test_strbuf_detach_empty),
		cmocka_unit_test(test_strvec),
	};

	return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
