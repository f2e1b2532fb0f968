// SPDX-License-Identifier: GPL-2.0
/*
 * The RST writer and the directives: one test per construct, on the
 * fixture tree's model (tests/fixtures/tree.api.json).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expand.h"
#include "json.h"
#include "model.h"
#include "rst_read.h"
#include "rst_table.h"
#include "rst_write.h"
#include "util.h"

static struct api fixture_api, old_api;
static struct expand_env env = { &fixture_api, FIXTURES "/examples" };
static struct expand_env old_env = { &old_api, FIXTURES "/examples" };

static int load(const char *name, struct api *api)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	return api_load_file(path, api);
}

static int setup(void **state)
{
	(void)state;
	return load("tree.api.json", &fixture_api) || load("tree-old.api.json", &old_api);
}

static int teardown(void **state)
{
	(void)state;
	api_release(&fixture_api);
	api_release(&old_api);
	return 0;
}

/* Render md with env e and indent; return the text, or NULL on error. */
static char *render_with(const struct expand_env *e, const char *md,
			 const char *indent, int *ret)
{
	struct strbuf out = STRBUF_INIT;

	*ret = expand_text(e, "test.md", 1, md, strlen(md), indent, &out);
	return strbuf_detach(&out);
}

static char *render(const char *md)
{
	int ret;
	char *s = render_with(&env, md, NULL, &ret);

	assert_int_equal(ret, 0);
	return s;
}

#define assert_renders(md, expected) do {		\
	char *got_ = render(md);			\
	assert_string_equal(got_, expected);		\
	free(got_);					\
} while (0)

static void test_headings(void **state)
{
	(void)state;
	assert_renders("# Title\n\n## Section\n\n### Sub\n",
		       "=====\nTitle\n=====\n\nSection\n=======\n\nSub\n---\n");
	/* Underlines count columns, not bytes: ü is one, 日本 is four. */
	assert_renders("## Über 日本\n", "Über 日本\n=========\n");
	assert_renders("## The `mmap` hook\n",
		       "The ``mmap`` hook\n=================\n");
	/* A heading over two lines is one line in RST. */
	assert_renders("Over\ntwo\n---\n", "Over two\n========\n");
}

static void test_paragraphs_and_escaping(void **state)
{
	(void)state;
	/* A paragraph is one text, wrapped anew. */
	assert_renders("one\ntwo\n\nthree\n", "one two\n\nthree\n");
	assert_renders("a * b | c \\\\ d_ e_f\n", "a \\* b \\| c \\\\ d\\_ e_f\n");
	/* Text that would start an RST list or comment is escaped. */
	assert_renders("#. y\n", "\\#. y\n");
	assert_renders(".. y\n", "\\.. y\n");
	assert_renders("x\n.. y\n", "x .. y\n");
}

/* Count the lines of s wider than cols, a tab to the next multiple of 8. */
static int lines_wider(const char *s, size_t cols)
{
	size_t col = 0;
	int n = 0;

	for (; *s; s++) {
		if (*s == '\n') {
			n += col > cols;
			col = 0;
		} else {
			col = *s == '\t' ? (col / 8 + 1) * 8 : col + 1;
		}
	}
	return n + (col > cols);
}

static void test_wrapping(void **state)
{
	static const char md[] =
		"Called from `__mmap_region()` with `mmap_lock` held for write, after\n"
		"`vma_merge_new_range()` and before the VMA is linked; returns 0 or a\n"
		"negative errno, and `-ENODEV` when the driver has no mapping to offer,\n"
		"with `struct vm_area_desc *desc` as its only argument.\n";
	int ret;
	char *s;

	(void)state;
	/* Doubled backticks push the source's lines past 80: rewrapped. */
	s = render_with(&env, md, "\t", &ret);
	assert_int_equal(ret, 0);
	assert_int_equal(lines_wider(md, 80), 0);
	assert_int_equal(lines_wider(s, 80), 0);
	assert_non_null(strstr(s, "\n\t"));
	/* A code span is never broken at its spaces. */
	assert_non_null(strstr(s, "``struct vm_area_desc *desc``"));
	free(s);
	/* Nor is a line started with what RST reads as a list: "- x". */
	s = render("aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa "
		   "aaaaaaaaa aaaaaaaaa - b\n");
	assert_string_equal(s, "aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa "
			    "aaaaaaaaa aaaaaaaaa\naaaaaaaaa - b\n");
	free(s);
	/* Inside a list item the marker's width counts. */
	s = render("- aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa "
		   "aaaaaaaaa aaaaaaaaa\n");
	assert_string_equal(s, "- aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa aaaaaaaaa "
			    "aaaaaaaaa aaaaaaaaa\n  aaaaaaaaa\n");
	free(s);
}

static void test_inline_markup(void **state)
{
	(void)state;
	assert_renders("*em* and **strong** and `code`\n",
		       "*em* and **strong** and ``code``\n");
	/* Markup that touches a word gets an escaped space. */
	assert_renders("the `vm_ops`s and x*y*\n",
		       "the ``vm_ops``\\ s and x\\ *y*\n");
	assert_renders("see [the docs](https://kernel.org/doc)\n",
		       "see `the docs <https://kernel.org/doc>`__\n");
	/* doc: and ref: destinations are Sphinx cross-references. */
	assert_renders("see [the HOWTO](doc:mmap_prepare) and [x](ref:y-z)\n",
		       "see :doc:`the HOWTO <mmap_prepare>` and :ref:`x <y-z>`\n");
}

static void test_lists(void **state)
{
	(void)state;
	assert_renders("- a\n- b\n", "- a\n\n- b\n");
	assert_renders("1. one\n2. two\n   - inner\n   - more\n3. three\n",
		       "1. one\n\n2. two\n\n   - inner\n\n   - more\n\n3. three\n");
	assert_renders("3. from three\n4. four\n", "3. from three\n\n4. four\n");
	assert_renders("- item\n\n  second paragraph\n",
		       "- item\n\n  second paragraph\n");
}

static void test_code_blocks(void **state)
{
	(void)state;
	assert_renders("```c\nint x;\n\nint y;\n```\n",
		       ".. code-block:: c\n\n\tint x;\n\n\tint y;\n");
	assert_renders("```\nplain\n```\n", "::\n\n\tplain\n");
	assert_renders("```rst\n.. note:: raw\n```\n", ".. note:: raw\n");
}

static void test_block_quote(void **state)
{
	(void)state;
	assert_renders("- item\n\n> quoted\n> on\n",
		       "- item\n\n..\n\n    quoted on\n");
}

static void test_definition_body_indent(void **state)
{
	int ret;
	char *s = render_with(&env, "First line.\n\n- a\n- b\n\n```c\nx;\n```\n",
			      "\t", &ret);

	(void)state;
	assert_int_equal(ret, 0);
	assert_string_equal(s, "\tFirst line.\n\n\t- a\n\n\t- b\n\n"
			    "\t.. code-block:: c\n\n\t\tx;\n");
	free(s);
}

static void test_values(void **state)
{
	(void)state;
	assert_renders("Linux `opsdoc:version`, series `opsdoc:series`.\n",
		       "Linux 9.8.7-fixture, series 9.8.\n");
}

static void test_directives(void **state)
{
	char *s;

	(void)state;
	assert_renders("```opsdoc signature file_operations.flush\n```\n",
		       ".. code-block:: c\n\n"
		       "\tint (*flush) (struct file *, fl_owner_t id);\n");
	s = render("```opsdoc listing vm_area_desc\n```\n");
	assert_non_null(strstr(s, "\tstruct vm_area_desc {\n\t\t/* Immutable state. */\n"));
	free(s);
	s = render("```opsdoc fields vm_area_desc\n```\n");
	assert_non_null(strstr(s, "   * - ``pgoff``\n     - ``pgoff_t pgoff;``\n"
			       "     - mutable\n     -\n"));
	assert_non_null(strstr(s, "     - immutable\n     - May differ from vm_file.\n"));
	free(s);
	s = render("```opsdoc enum mmap_action_type\n```\n");
	assert_non_null(strstr(s, "``MMAP_MAP_KERNEL_PAGES``\n     - 7\n"
			       "     - Map pages from an array.\n"));
	free(s);
	s = render("```opsdoc kernel-doc fixture_desc_helper vma_desc_fixture_set\n```\n");
	assert_non_null(strstr(s, ".. kernel-doc:: include/linux/fs.h\n"
			       "   :identifiers: fixture_desc_helper\n"));
	assert_non_null(strstr(s, "\tstatic inline void vma_desc_fixture_set("));
	free(s);
	s = render("```opsdoc macros\n```\n");
	assert_non_null(strstr(s, "``#define vma_desc_fixture_set_many(desc, ...)``\n"
			       "  calls ``vma_desc_fixture_set()``; include/linux/mm.h:48\n"));
	free(s);
	/* optional: a reference the tree lacks leaves nothing. */
	assert_renders("before\n\n```opsdoc signature file_operations.nope optional\n```\n",
		       "before\n");
}

static void test_requires(void **state)
{
	int ret;
	char *s;
	const char *md = "# Page\n\n```opsdoc requires vm_area_desc\n"
			 "This tree (`opsdoc:version`) has *none*.\n```\n\nRest.\n";

	(void)state;
	s = render_with(&env, md, NULL, &ret);
	assert_int_equal(ret, 0);
	assert_string_equal(s, "====\nPage\n====\n\nRest.\n");
	free(s);
	s = render_with(&old_env, md, NULL, &ret);
	assert_int_equal(ret, RST_STOP);
	assert_string_equal(s, "====\nPage\n====\n\nThis tree (5.10.0-old) has *none*.\n");
	free(s);
}

static void test_errors(void **state)
{
	static const char *const bad[] = {
		"```opsdoc frobnicate\n```\n",
		"```opsdoc signature file_operations.nope\n```\n",
		"```opsdoc signature\n```\n",
		"```opsdoc listing vm_area_desc\nbody\n```\n",
		"text\n\n```c\nint x;\n",
		"<div>html</div>\n",
		"an ![image](x.png)\n",
		"`opsdoc:nope`\n",
		/* RST would print these backticks and brackets as they are. */
		"**the `close` hook**\n",
		"*see [x](doc:y)*\n",
		"[x](doc:)\n",
		NULL
	};
	int i, ret;

	(void)state;
	for (i = 0; bad[i]; i++) {
		char *s = render_with(&env, bad[i], NULL, &ret);

		if (ret != -1)
			fail_msg("no error for: %s", bad[i]);
		free(s);
	}
	/* The missing struct of an older tree is an error too. */
	free(render_with(&old_env, "```opsdoc fields vm_area_desc\n```\n", NULL, &ret));
	assert_int_equal(ret, -1);
}

/* A simple table's row: cut at the border's columns, laid out again. */
static void test_table_cells(void **state)
{
	static const char text[] = "======\t=====\nsync:\twrite\n";
	struct strbuf out = STRBUF_INIT;
	struct strvec cells = STRVEC_INIT, wide = STRVEC_INIT;
	size_t starts[4], widths[4], nr;
	struct rst_lines ls;

	(void)state;
	rst_split_lines(text, strlen(text), &ls);
	nr = rst_border_columns(&ls.v[0], starts, widths, 4);
	assert_int_equal(nr, 2);
	assert_int_equal(starts[1], 8);
	assert_int_equal(widths[1], 5);
	assert_true(rst_table_border(&ls.v[0]));
	assert_false(rst_table_border(&ls.v[1]));
	rst_cut_cells(&ls.v[1], starts, nr, &cells);
	assert_int_equal(cells.nr, 2);
	assert_string_equal(cells.v[0], "sync:");
	assert_string_equal(cells.v[1], "write");
	assert_int_equal(rst_add_cells(&out, &cells, starts, widths, nr), 0);
	assert_string_equal(out.buf, "sync:\twrite\n");
	strbuf_reset(&out);
	/* "put_super:" overruns a six-column first column. */
	strvec_init(&wide);
	strvec_push(&wide, "put_super:");
	strvec_push(&wide, "write");
	assert_int_equal(rst_add_cells(&out, &wide, starts, widths, nr), -1);
	assert_int_equal(out.len, 0);
	starts[1] = 16;
	widths[0] = 10;
	assert_int_equal(rst_add_cells(&out, &wide, starts, widths, nr), 0);
	assert_string_equal(out.buf, "put_super:\twrite\n");
	strbuf_reset(&out);
	rst_add_border(&out, starts, widths, nr);
	assert_string_equal(out.buf, "==========\t=====\n");
	assert_int_equal(rst_columns("\tab\tc", 5), 17);
	strvec_release(&wide);
	strvec_release(&cells);
	strbuf_release(&out);
	free(ls.v);
}

static void test_utf8_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc", 3), 3);
	assert_int_equal(utf8_width("\xc3\xbc", 2), 1);
	assert_int_equal(utf8_width("\xe6\x97\xa5", 3), 2);
	/* A stray byte counts one column and does not stop the count. */
	assert_int_equal(utf8_width("a\xffz", 3), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_paragraphs_and_escaping),
		cmocka_unit_test(test_wrapping),
		cmocka_unit_test(test_inline_markup),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_code_blocks),
		cmocka_unit_test(test_block_quote),
		cmocka_unit_test(test_definition_body_indent),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_directives),
		cmocka_unit_test(test_requires),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_utf8_width),
		cmocka_unit_test(test_table_cells),
	};

	return cmocka_run_group_tests_name("rst", tests, setup, teardown);
}
