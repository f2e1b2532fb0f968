// SPDX-License-Identifier: GPL-2.0
/* The section splicer on a document with several struct sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drift.h"
#include "model.h"
#include "rst_listings.h"
#include "rst_read.h"
#include "doc.h"
#include "strvec.h"
#include "util.h"

static struct ops_struct *add(struct api *api, const char *name,
			      const char *source, const char *const *members)
{
	struct ops_struct *s = api_add_struct(api, name);
	int i;

	s->present = 1;
	s->file = xstrdup("include/linux/fs.h");
	s->line = 1;
	s->source = xstrdup(source);
	for (i = 0; members[i]; i++) {
		struct member *m = struct_add_member(s);

		m->name = xstrdup(members[i]);
		m->line = i + 2;	/* the source's line of the member */
		m->kind = MEMBER_CALLBACK;
		m->active = 1;
	}
	return s;
}

static void build(struct api *api)
{
	static const char *const fops[] = { "read", "write", "poll", NULL };
	static const char *const iops[] = { "lookup", "setattr", NULL };
	static const char *const xattr[] = { "name", "get", NULL };

	api_init(api);
	api->version = xstrdup("9.8.7");
	add(api, "file_operations", "struct file_operations {\n\tR;\n\tW;\n};", fops);
	add(api, "inode_operations", "struct inode_operations {\n\tL;\n\tS;\n};", iops);
	add(api, "xattr_handler", "struct xattr_handler {\n\tN;\n\tG;\n};", xattr);
}

static const char doc[] =
	"Intro\n=====\n\n"
	"struct inode_operations\n-----------------------\n\n"
	"As of kernel 2.6.22, these:\n\n"
	".. code-block:: c\n\n\tstruct inode_operations {\n\t\told;\n\t};\n\n"
	"``rename2``\n\tgone from the header\n\n"
	"``lookup``:\n\tupstream lookup text\n\n"
	".. code-block:: c\n\n\tinside lookup's entry\n\n"
	"``setattr``\n\tupstream setattr, replaced by ours\n\n"
	"  a less indented note after the terms\n\n"
	"struct xattr_handlers\n---------------------\n\n"
	"Handlers, no listing; the title names the plural.\n\n"
	"``name``\n\tupstream name text\n\n"
	"``get``\n\tupstream get text\n\n"
	"  name, get: one note for both\n\n"
	"Closing words.\n\n"
	"struct file_operations\n----------------------\n\n"
	"The file's methods.  As of kernel\n4.18, the following are defined:\n\n"
	".. code-block:: c\n\n\tstruct file_operations {\n\t};\n\n"
	"``write``\n\tupstream write\n\n"
	"``read``\n\tupstream read\n\n"
	"Other\n=====\n\ntail\n";

static const char want[] =
	"Intro\n=====\n\n"
	"struct inode_operations\n-----------------------\n\n"
	"These:\n\n"
	".. code-block:: c\n\n\tstruct inode_operations {\n\t\tL;\n\t\tS;\n\t};\n\n"
	"``lookup``:\n\tupstream lookup text\n\n"
	".. code-block:: c\n\n\tinside lookup's entry\n\n"
	"``setattr``\n\tcalled by ``notify_change()`` to set attributes; ours.\n\n"
	"  a less indented note after the terms\n\n"
	"struct xattr_handlers\n---------------------\n\n"
	"Handlers, no listing; the title names the plural.\n\n"
	".. code-block:: c\n\n\tstruct xattr_handler {\n\t\tN;\n\t\tG;\n\t};\n\n"
	"``name``\n\tupstream name text\n\n"
	"``get``\n\tThe text for a tree without no_such_member.\n\n"
	"Closing words.\n\n"
	"struct file_operations\n----------------------\n\n"
	"The file's methods.  The following are defined:\n\n"
	".. code-block:: c\n\n\tstruct file_operations {\n\t\tR;\n\t\tW;\n\t};\n\n"
	"``write``\n\tupstream write\n\n"
	"``poll``\n\tcalled to wait for the file to be ready; new here.\n\n"
	"``read``\n\tupstream read\n\n"
	"Other\n=====\n\ntail\n";

/* vfs_regenerate() of text with build()'s model; its result. */
static int splice(const char *text, struct strbuf *out)
{
	struct api api;
	struct expand_env env;
	int ret;

	build(&api);
	env.api = &api;
	env.examples_dir = FIXTURES "/examples";
	ret = vfs_regenerate(&env, FIXTURES "/splice", "vfs.rst", text,
			     strlen(text), out);
	api_release(&api);
	return ret;
}

static void test_splice_every_struct_section(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	opsdoc_quiet = 1;
	assert_int_equal(splice(doc, &out), 0);
	assert_string_equal(out.buf, want);
	strbuf_release(&out);
}

static void test_splice_two_sections_for_one_struct(void **state)
{
	static const char twice[] =
		"struct xattr_handler\n--------------------\n\n``name``\n\tx\n\n"
		"struct xattr_handler\n--------------------\n\n``name``\n\ty\n";
	struct strbuf out = STRBUF_INIT;

	(void)state;
	opsdoc_diag = fopen("/dev/null", "w");
	assert_int_equal(splice(twice, &out), -1);
	fclose(opsdoc_diag);
	opsdoc_diag = NULL;
	strbuf_release(&out);
}

/* check does not ask a listing for the members a macro of the header makes. */
static size_t missing_in(const char *source)
{
	static const char *const members[] = { "n", "__empty_v", "v", NULL };
	struct api api;
	struct ops_struct *s, doc = { 0 };
	struct doc_listing l = { 0 };
	struct findings fs = { 0 };
	struct coverages cov = { 0 };
	size_t i, n = 0;
	int k;

	api_init(&api);
	api.version = xstrdup("9.8.7");
	s = add(&api, "flex", source, members);
	for (i = 0; i < s->nr_members; i++) {
		s->members[i].kind = MEMBER_FIELD;
		s->members[i].decl = xstrdup("int x;");
		s->members[i].type = xstrdup("int");
	}
	doc.present = 1;
	for (k = 0; k < 3; k += 2) {
		struct member *m = struct_add_member(&doc);

		m->name = xstrdup(members[k]);
		m->kind = MEMBER_FIELD;
		m->decl = xstrdup("int x;");
		m->type = xstrdup("int");
		m->active = 1;
	}
	/* What error recovery makes of "..." in a nested union: no member. */
	struct_add_member(&doc)->name = xstrdup("u.");
	doc.members[doc.nr_members - 1].decl = xstrdup("int;");
	doc.members[doc.nr_members - 1].type = xstrdup("int");
	l.file = "doc.rst";
	l.struct_name = "flex";
	l.line = 1;
	l.wrapped = 1;
	strvec_init(&l.described);
	compare_listings(&api, &l, &doc, 1, &fs, &cov);
	for (i = 0; i < fs.n; i++) {
		n += fs.v[i].class == FINDING_MISSING_MEMBER;
		assert_int_not_equal(fs.v[i].class, FINDING_REMOVED_MEMBER);
	}
	findings_release(&fs);
	coverages_release(&cov);
	ops_struct_release(&doc);
	api_release(&api);
	return n;
}

static void test_macro_made_members(void **state)
{
	(void)state;
	assert_int_equal(missing_in("struct flex {\n\tint n;\n\tFLEX(int, v);\n};"), 0);
	/* Spelled in the header's text, it is expected of a listing. */
	assert_int_equal(missing_in("struct flex {\n\tint n;\n\tstruct {} __empty_v;\n"
				    "\tint v[];\n};"), 1);
}

/* A title that names the plural names the struct too. */
static void test_title_names_plural(void **state)
{
	static const char text[] = "struct xattr_handlers\n---------------------\n\n"
				   "Text.\n";
	struct strvec w = STRVEC_INIT, t = STRVEC_INIT;

	(void)state;
	strvec_init(&w);
	strvec_init(&t);
	scan_struct_names(text, strlen(text), &w, &t);
	assert_true(strvec_find(&t, "xattr_handlers") >= 0);
	assert_true(strvec_find(&t, "xattr_handler") >= 0);
	assert_int_equal(w.nr, 0);
	strvec_release(&w);
	strvec_release(&t);
}

static void test_splice_locking_prototypes(void **state)
{
	static const char doc[] =
		"inode_operations\n================\n\n"
		"prototypes::\n\n\tint (*gone)(void);\n\tint (*lookup)(old,\n"
		"\t\t      old);\n\tint (*create)(int,\n\t\t\tlong);\n\n"
		"locking rules:\n\n"
		"========\t=====\nops\t\tlock\n========\t=====\n"
		"lookup:\t\tyes\ngone:\t\tno\n========\t=====\n\n"
		"other\n=====\n\nprototypes::\n\n\tkept;\n";
	/*
	 * lookup: the header's words with the document's break; create: the
	 * document's own lines (the same but for spaces and names' absence is
	 * not the same); setattr, new: after create, the header's lines.
	 */
	static const char want[] =
		"inode_operations\n================\n\n"
		"prototypes::\n\n\tvoid (*lookup)(int a,\n\t\t      int b);\n"
		"\tint (*create)(int,\n\t\t\tlong);\n"
		"\tint (*setattr)(void);\n\n"
		"locking rules:\n\n"
		"========\t=====\nops\t\tlock\n========\t=====\n"
		"lookup:\t\tyes\nsetattr:\texclusive\n========\t=====\n\n"
		"other\n=====\n\nprototypes::\n\n\tkept;\n";
	/* With no rule for it, the new setattr is left out. */
	static const char want_no_rule[] =
		"inode_operations\n================\n\n"
		"prototypes::\n\n\tvoid (*lookup)(int a,\n\t\t      int b);\n"
		"\tint (*create)(int,\n\t\t\tlong);\n\n"
		"locking rules:\n\n"
		"========\t=====\nops\t\tlock\n========\t=====\n"
		"lookup:\t\tyes\n========\t=====\n\n"
		"other\n=====\n\nprototypes::\n\n\tkept;\n";
	struct api api;
	struct ops_struct *s;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	api_init(&api);
	api.version = xstrdup("9.8.7");
	s = api_add_struct(&api, "inode_operations");
	s->present = 1;
	s->line = 10;
	s->source = xstrdup("struct inode_operations {\n"
			    "\tvoid (*lookup)(int a,\n\t\t     int b);\n"
			    "\tint (*create) (int, long);\n"
			    "\tint (*setattr)(void);\n\tlong flags;\n};");
	struct_add_member(s)->name = xstrdup("lookup");
	s->members[0].kind = MEMBER_CALLBACK;
	s->members[0].line = 11;
	struct_add_member(s)->name = xstrdup("create");
	s->members[1].kind = MEMBER_CALLBACK;
	s->members[1].line = 13;
	struct_add_member(s)->name = xstrdup("setattr");
	s->members[2].kind = MEMBER_CALLBACK;
	s->members[2].line = 14;
	struct_add_member(s)->name = xstrdup("flags");
	s->members[3].kind = MEMBER_FIELD;
	s->members[3].line = 15;
	opsdoc_quiet = 1;
	assert_int_equal(locking_regenerate_only(&api, NULL, FIXTURES "/splice",
						 "locking.rst", doc, strlen(doc),
						 NULL, &out), 0);
	assert_string_equal(out.buf, want);
	strbuf_reset(&out);
	assert_int_equal(locking_regenerate(&api, NULL, "locking.rst", doc, strlen(doc),
					    &out), 0);
	assert_string_equal(out.buf, want_no_rule);
	strbuf_release(&out);

	/* A method the struct's header still declares moved: its row stays. */
	{
		static const char moved[] =
			"inode_operations\n================\n\n"
			"prototypes::\n\n\tint (*release)(void);\n\n"
			"locking rules:\n\n"
			"======== =====\nops      lock\n======== =====\n"
			"release: no\n======== =====\n";

		s->file = xstrdup("include/linux/extra_ops.h");
		assert_int_equal(locking_regenerate(&api, FIXTURES "/tree", "locking.rst",
						    moved, strlen(moved), &out), 0);
		assert_non_null(strstr(out.buf, "\nrelease: no\n"));
		strbuf_reset(&out);
		assert_int_equal(locking_regenerate(&api, NULL, "locking.rst", moved,
						    strlen(moved), &out), 0);
		assert_null(strstr(out.buf, "\nrelease: no\n"));
		strbuf_release(&out);
		free(s->file);
		s->file = NULL;
	}

	/* The listing of a document, re-indented as the block was. */
	{
		static const char page[] =
			"Text::\n\n    struct inode_operations {\n        old;\n    };\n\nEnd\n";
		static const char page_want[] =
			"Text::\n\n    struct inode_operations {\n"
			"        void (*lookup)(int a,\n                 int b);\n"
			"        int (*create) (int, long);\n"
			"        int (*setattr)(void);\n        long flags;\n    };\n\nEnd\n";

		assert_int_equal(listings_regenerate(&api, "page.rst", page,
						     strlen(page), &out), 0);
		assert_string_equal(out.buf, page_want);
		strbuf_release(&out);
	}
	api_release(&api);
}

/* The header's prototype, with the document's parameter names where the
 * types are the same. */
static void test_keep_names(void **state)
{
	static const char *const cases[][3] = {
		/* document, header, result */
		{ "int (*fsync)(struct file *, loff_t, loff_t, int datasync);",
		  "int (*fsync)(struct file *, loff_t start, loff_t end, int datasync);",
		  "int (*fsync)(struct file *, loff_t, loff_t, int datasync);" },
		{ "bool (*dirty_folio)(struct address_space *, struct folio *folio);",
		  "bool (*dirty_folio)(struct address_space *, struct folio *);",
		  "bool (*dirty_folio)(struct address_space *, struct folio *folio);" },
		{ "int (*swap_activate)(struct swap_info_struct *sis, struct file *f, sector_t *span)",
		  "int (*swap_activate)(struct swap_info_struct *sis, struct file *file, sector_t *span);",
		  "int (*swap_activate)(struct swap_info_struct *sis, struct file *f, sector_t *span);" },
		/* A type that changes takes the header's words. */
		{ "int (*write_begin)(struct file *, unsigned len, struct page **pagep);",
		  "int (*write_begin)(const struct kiocb *, unsigned len, struct folio **foliop);",
		  "int (*write_begin)(const struct kiocb *, unsigned len, struct folio **foliop);" },
		{ "void (*invalidate_folio) (struct folio *, size_t start, size_t len);",
		  "void (*invalidate_folio)(struct folio *, size_t offset, size_t len);",
		  "void (*invalidate_folio) (struct folio *, size_t start, size_t len);" },
		{ "unsigned int (*f)(unsigned int, struct x *);",
		  "unsigned int (*f)(unsigned int flags, struct x *p);",
		  "unsigned int (*f)(unsigned int, struct x *);" },
		/* A parameter more: the header's. */
		{ "int (*freeze_super)(struct super_block *sb, enum freeze_holder who);",
		  "int (*freeze_super)(struct super_block *sb, enum freeze_holder who, const void *owner);",
		  "int (*freeze_super)(struct super_block *sb, enum freeze_holder who, const void *owner);" },
	};
	struct strbuf out = STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strbuf_reset(&out);
		proto_keep_names(cases[i][0], cases[i][1], &out);
		assert_string_equal(out.buf, cases[i][2]);
	}
	strbuf_release(&out);
}

/*
 * A listing brought up to the header: kept lines, a lost ';' restored, a
 * comment kept, a parameter name kept, a gone member dropped, a new one
 * added after the member before it in the header, nothing pasted.
 */
static void test_listing_merge(void **state)
{
	static const char src[] =
		"struct s {\n"
		"\tint (*a)(struct file *file, int n);\n"
		"\t/* header comment */\n"
		"\tint (*b)(struct file *, loff_t pos);\n"
		"\tvoid (*c)(struct file *);\n"
		"\tint (*d)(int);\n"
		"\tint (*e)(struct inode *inode, blk_mode_t mode, unsigned cmd, int f);\n"
		"} __randomize_layout;";
	static const char *const names[] = { "a", "b", "c", "d", "e", NULL };
	static const char doc[] =
		"\n\tstruct s {\n"
		"\t\tint (*a) (struct file *f, int n)\n"
		"\t\t/* our note */\n"
		"\t\tint (*b)(struct file *, loff_t);\n"
		"\t\tint (*gone)(void);\n"
		"\t\tint (*d)(int);\n"
		"\t\tint (*e) (struct inode *, fmode_t, unsigned, int g);\n"
		"\t};\n";
	/*
	 * A prototype that changes (a's missing ';', e's fmode_t) is
	 * written as the header spells it, with the names the document
	 * gave (f, g) kept and the ones it left out (inode, cmd) filled.
	 */
	static const char want[] =
		"\n\tstruct s {\n"
		"\t\tint (*a)(struct file *f, int n);\n"
		"\t\t/* our note */\n"
		"\t\tint (*b)(struct file *, loff_t);\n"
		"\t\tvoid (*c)(struct file *);\n"
		"\t\tint (*d)(int);\n"
		"\t\tint (*e)(struct inode *inode, blk_mode_t mode, unsigned cmd,\n"
		"\t\t\t int g);\n"
		"\t};\n";
	struct strbuf out = STRBUF_INIT;
	struct api api;
	struct ops_struct *st;
	struct rst_lines ls;
	int i;

	(void)state;
	api_init(&api);
	st = add(&api, "s", src, names);
	for (i = 0; names[i]; i++)
		st->members[i].line = i == 0 ? 2 : i + 3;
	rst_split_lines(doc, strlen(doc), &ls);
	assert_int_equal(listing_merge(st, doc, &ls, 0, ls.n, &out), 0);
	assert_string_equal(out.buf, want);
	free(ls.v);
	strbuf_release(&out);
	api_release(&api);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_splice_every_struct_section),
		cmocka_unit_test(test_splice_two_sections_for_one_struct),
		cmocka_unit_test(test_splice_locking_prototypes),
		cmocka_unit_test(test_title_names_plural),
		cmocka_unit_test(test_macro_made_members),
		cmocka_unit_test(test_keep_names),
		cmocka_unit_test(test_listing_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
