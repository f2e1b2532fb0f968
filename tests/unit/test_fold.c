// SPDX-License-Identifier: GPL-2.0
/* rst_fold(): a template's sections folded into a page's own sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "rst_fold.h"
#include "strbuf.h"

static const char page[] =
	"=====\n"
	"Title\n"
	"=====\n"
	"\n"
	"Intro\n"
	"=====\n"
	"\n"
	"Intro text.\n"
	"\n"
	"Sub\n"
	"---\n"
	"\n"
	"Sub text.\n"
	"\n"
	"Use\n"
	"===\n"
	"\n"
	"Use text.\n";

static int fold(const char *added, struct strbuf *out)
{
	strbuf_init(out);
	return rst_fold(page, strlen(page), "t.md", added, out);
}

static void test_no_marker_appends(void **state)
{
	struct strbuf out;

	assert_int_equal(fold("\nAdded.\n", &out), 0);
	assert_int_equal(out.len, strlen(page) + strlen("\nAdded.\n"));
	assert_memory_equal(out.buf, page, strlen(page));
	assert_string_equal(out.buf + strlen(page), "\nAdded.\n");
	strbuf_release(&out);
}

static void test_empty_keeps_page(void **state)
{
	struct strbuf out;

	assert_int_equal(fold("", &out), 0);
	assert_string_equal(out.buf, page);
	strbuf_release(&out);
}

static void test_end_and_before(void **state)
{
	struct strbuf out;
	const char *added =
		".. opsdoc-fold: 1 end Intro\n\nA.\n\n"
		".. opsdoc-fold: 4 before Use\n\nNew\n===\n\nB.\n\n"
		".. opsdoc-fold: 9 end Sub\n\nC.\n\n"
		".. opsdoc-fold: 12 end Use\n\nD.\n";
	const char *p;

	assert_int_equal(fold(added, &out), 0);
	/* End of Intro's own text: before its subsection. */
	assert_non_null(p = strstr(out.buf, "Intro text.\n\nA.\n\nSub\n---\n"));
	/* Sub's end and the text before Use land in one place, in order. */
	assert_non_null(strstr(out.buf, "Sub text.\n\nNew\n===\n\nB.\n\n"
			       "C.\n\nUse\n===\n"));
	assert_non_null(strstr(out.buf, "Use text.\n\nD.\n"));
	assert_null(strstr(out.buf, "opsdoc-fold"));
	strbuf_release(&out);
}

static void test_before_overline(void **state)
{
	struct strbuf out;

	assert_int_equal(fold(".. opsdoc-fold: 2 before Title\n\nTop.\n", &out), 0);
	assert_true(!strncmp(out.buf, "Top.\n\n=====\nTitle\n", 18));
	strbuf_release(&out);
}

static void test_unknown_title(void **state)
{
	struct strbuf out;

	assert_int_equal(fold(".. opsdoc-fold: 7 end Nowhere\n\nX.\n", &out), -1);
	strbuf_release(&out);
	assert_int_equal(fold(".. opsdoc-fold: 7 after Intro\n\nX.\n", &out), -1);
	strbuf_release(&out);
	/* A title's prefix is not the title. */
	assert_int_equal(fold(".. opsdoc-fold: 7 end Int\n\nX.\n", &out), -1);
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_marker_appends),
		cmocka_unit_test(test_empty_keeps_page),
		cmocka_unit_test(test_end_and_before),
		cmocka_unit_test(test_before_overline),
		cmocka_unit_test(test_unknown_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
