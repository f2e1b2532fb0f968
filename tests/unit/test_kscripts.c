// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel tree's scripts as opsdoc runs them: get_maintainer.pl's
 * answers reused while nothing they depend on changes, and checkpatch.pl
 * run once for many patches. The tree is a scratch one whose scripts
 * count their runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "kscripts.h"
#include "scratch.h"
#include "strbuf.h"
#include "strvec.h"
#include "util.h"

static char *tree;

static void put(const char *name, const char *text)
{
	struct strbuf path = STRBUF_INIT;

	strbuf_addf(&path, "%s/%s", tree, name);
	assert_int_equal(write_file_atomic(path.buf, text, strlen(text)), 0);
	strbuf_release(&path);
}

/* How many times the script NAME has run: the lines of its log. */
static int runs(const char *name)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	int n = 0;
	size_t i;

	strbuf_addf(&path, "%s/%s.runs", tree, name);
	if (!strbuf_read_file(&text, path.buf))
		for (i = 0; i < text.len; i++)
			n += text.buf[i] == '\n';
	strbuf_release(&path);
	strbuf_release(&text);
	return n;
}

/*
 * get_maintainer.pl --sections: the first line of MAINTAINERS as the
 * section's title. checkpatch.pl: one line for each patch that says BAD.
 * Each logs its arguments, one run a line.
 */
static const char get_maintainer[] =
	"open(my $l, '>>', 'get_maintainer.runs'); print $l \"@ARGV\\n\";\n"
	"open(my $m, '<', 'MAINTAINERS'); my $t = <$m>;\n"
	"print \"$t\", \"M:\\tA <a\\@example.org>\\n\", "
	"\"F:\\t$ARGV[-1]\\n\\n\";\n";
static const char checkpatch[] =
	"open(my $l, '>>', 'checkpatch.runs'); print $l \"@ARGV\\n\";\n"
	"for my $f (grep { !/^-/ } @ARGV) {\n"
	"\topen(my $p, '<', $f); local $/; my $t = <$p>;\n"
	"\tprint \"$f:1: ERROR: bad\\n\" if $t =~ /BAD/;\n"
	"}\n";

static int setup(void **state)
{
	struct strbuf path = STRBUF_INIT;

	(void)state;
	tree = scratch_dir("kscripts-test");
	if (!tree)
		return -1;
	strbuf_addf(&path, "%s/scripts", tree);
	mkdir_p(path.buf);
	strbuf_addf(&path, "/cache");
	setenv("OPSDOC_CACHE", path.buf, 1);
	strbuf_release(&path);
	put("scripts/get_maintainer.pl", get_maintainer);
	put("scripts/checkpatch.pl", checkpatch);
	put("MAINTAINERS", "FIRST SECTION\n");
	put("fs.c", "int x;\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	remove_tree(tree);
	free(tree);
	return 0;
}

static void expect_section(const char *name, int nr_runs)
{
	struct maint_section *v;
	int n = maintainers_sections(tree, "fs.c", &v);

	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, name);
	assert_int_equal(v[0].exact, 1);
	assert_int_equal(runs("get_maintainer"), nr_runs);
	maint_sections_free(v, n);
}

static void test_get_maintainer_is_asked_once(void **state)
{
	(void)state;
	expect_section("FIRST SECTION", 1);
	expect_section("FIRST SECTION", 1);
}

static void test_get_maintainer_is_asked_again_after_a_change(void **state)
{
	(void)state;
	put("MAINTAINERS", "SECOND SECTION\n");
	expect_section("SECOND SECTION", 2);
	/* The file asked about: get_maintainer.pl reads it for K: patterns. */
	put("fs.c", "int y;\n");
	expect_section("SECOND SECTION", 3);
	put("MAINTAINERS", "FIRST SECTION\n");
	put("fs.c", "int x;\n");
	expect_section("FIRST SECTION", 3);
}

static void patches(struct strvec *p, struct strvec *shown, const char *second)
{
	struct strbuf path = STRBUF_INIT;

	strvec_init(p);
	strvec_init(shown);
	put("0001.patch", "Subject: one\n\nSigned-off-by: A <a@example.org>\n");
	put("0002.patch", second);
	strbuf_addf(&path, "%s/0001.patch", tree);
	strvec_push(p, path.buf);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/0002.patch", tree);
	strvec_push(p, path.buf);
	strvec_push(shown, "out/0001.patch");
	strvec_push(shown, "out/0002.patch");
	strbuf_release(&path);
}

static void test_checkpatch_runs_once_for_clean_patches(void **state)
{
	struct strvec p, shown;
	int before = runs("checkpatch");

	(void)state;
	patches(&p, &shown, "Subject: two\n\nSigned-off-by: A <a@example.org>\n");
	assert_int_equal(checkpatch_strict(tree, &p, &shown), 0);
	assert_int_equal(runs("checkpatch"), before + 1);
	strvec_release(&p);
	strvec_release(&shown);
}

static void test_checkpatch_names_the_patch_that_is_not_clean(void **state)
{
	struct strvec p, shown;
	int before = runs("checkpatch");

	(void)state;
	patches(&p, &shown, "Subject: BAD\n\nSigned-off-by: A <a@example.org>\n");
	assert_int_equal(checkpatch_strict(tree, &p, &shown), -1);
	/* All at once, then each alone to say which. */
	assert_int_equal(runs("checkpatch"), before + 3);
	strvec_release(&p);
	strvec_release(&shown);
}

static void test_checkpatch_unsigned_patches_get_no_signoff(void **state)
{
	struct strbuf log = STRBUF_INIT, path = STRBUF_INIT;
	struct strvec p, shown;

	(void)state;
	patches(&p, &shown, "Subject: two\n");
	put("0001.patch", "Subject: one\n");
	assert_int_equal(checkpatch_strict(tree, &p, &shown), 0);
	strbuf_addf(&path, "%s/checkpatch.runs", tree);
	assert_int_equal(strbuf_read_file(&log, path.buf), 0);
	/* The last run: both patches, --no-signoff. */
	assert_non_null(strstr(log.buf, "--no-signoff"));
	strvec_release(&p);
	strvec_release(&shown);
	strbuf_release(&log);
	strbuf_release(&path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_maintainer_is_asked_once),
		cmocka_unit_test(test_get_maintainer_is_asked_again_after_a_change),
		cmocka_unit_test(test_checkpatch_runs_once_for_clean_patches),
		cmocka_unit_test(test_checkpatch_names_the_patch_that_is_not_clean),
		cmocka_unit_test(test_checkpatch_unsigned_patches_get_no_signoff),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
