// SPDX-License-Identifier: GPL-2.0
/* The model, api.json both ways, the Makefile version and the options. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "ktree.h"
#include "model.h"
#include "options.h"
#include "strbuf.h"
#include "util.h"

static void build_api(struct api *api)
{
	struct ops_struct *s;
	struct member *m;
	struct param *p;
	struct helper *h;
	struct enum_decl *e;
	struct enumerator *v;

	api_init(api);
	api->version = xstrdup("9.8.7");
	s = api_add_struct(api, "file_operations");
	s->present = 1;
	s->file = xstrdup("include/linux/fs.h");
	s->line = 10;
	s->end_line = 20;
	s->attributes = xstrdup("__randomize_layout");
	m = struct_add_member(s);
	m->name = xstrdup("flush");
	m->kind = MEMBER_CALLBACK;
	m->decl = xstrdup("int (*flush) (struct file *, fl_owner_t id);");
	m->type = xstrdup("int (*)(struct file *, void *)");
	m->ret = xstrdup("int");
	m->active = 1;
	m->comment = xstrdup("trailing \"quoted\"\nsecond line");
	m->line = 12;
	p = member_add_param(m);
	p->type = xstrdup("struct file *");
	p->canonical = xstrdup("struct file *");
	p = member_add_param(m);
	p->type = xstrdup("fl_owner_t");
	p->canonical = xstrdup("void *");
	p->name = xstrdup("id");
	m = struct_add_member(s);
	m->name = xstrdup("remap.start");
	m->kind = MEMBER_FIELD;
	m->decl = xstrdup("unsigned long start;");
	m->type = xstrdup("unsigned long");
	m->condition = xstrdup("!CONFIG_MMU");
	m->group = xstrdup("Immutable state.");
	m->container = xstrdup("struct");
	m->line = 13;
	s = api_add_struct(api, "vm_area_desc");
	e = api_add_enum(api, "mmap_action_type");
	e->present = 1;
	e->file = xstrdup("include/linux/mm_types.h");
	e->line = 3;
	v = enum_add_value(e);
	v->name = xstrdup("MMAP_NOTHING");
	v->value = -1;
	v->line = 4;
	h = api_add_helper(api);
	h->name = xstrdup("zz_helper");
	h->kind = HELPER_MACRO;
	h->file = xstrdup("include/linux/mm.h");
	h->line = 5;
	h->decl = xstrdup("#define zz_helper(desc)");
	h = api_add_helper(api);
	h->name = xstrdup("aa_helper");
	h->kind = HELPER_FUNCTION;
	h->file = xstrdup("include/linux/fs.h");
	h->line = 50;
	h->decl = xstrdup("int aa_helper(struct vm_area_desc *desc);");
	h->doc = xstrdup("/** doc */");
	api_sort_helpers(api);
	api->nr_diagnostics = 3;
	(void)s;
}

static void test_lookups(void **state)
{
	struct api api;
	struct ops_struct *s;

	(void)state;
	build_api(&api);
	s = find_struct_by_name(&api, "file_operations");
	assert_non_null(s);
	assert_null(find_struct_by_name(&api, "nope"));
	assert_non_null(find_member_by_name(s, "remap.start"));
	assert_null(find_member_by_name(s, "remap"));
	assert_non_null(find_enum_by_name(&api, "mmap_action_type"));
	/* Sorted by file, then line: fs.h before mm.h. */
	assert_string_equal(api.helpers[0].name, "aa_helper");
	assert_ptr_equal(find_helper_by_name(&api, "zz_helper"), &api.helpers[1]);
	api_release(&api);
}

static void test_json_round_trip(void **state)
{
	struct api api, back;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	(void)state;
	build_api(&api);
	api_to_json(&api, &a);
	api_init(&back);
	assert_int_equal(api_from_json("mem.json", a.buf, a.len, &back), 0);
	api_to_json(&back, &b);
	assert_string_equal(a.buf, b.buf);
	assert_string_equal(back.structs[0].members[0].params[1].name, "id");
	assert_null(back.structs[0].members[0].params[0].name);
	assert_int_equal(back.enums[0].values[0].value, -1);
	assert_int_equal(back.nr_diagnostics, 3);
	/* Keys are sorted: "attributes" comes before "end_line". */
	assert_true(strstr(a.buf, "\"attributes\"") < strstr(a.buf, "\"end_line\""));
	api_release(&api);
	api_release(&back);
	strbuf_release(&a);
	strbuf_release(&b);
}

static void test_json_rejects_bad_input(void **state)
{
	static const char *const bad[] = {
		"{ not json",
		"[]",
		"{\"schema\": 99, \"kernel\": {\"version\": \"1.0\"}}",
		"{\"schema\": 1}",
		"{\"schema\": 1, \"kernel\": {\"version\": \"1\"}, \"structs\": "
		"{\"x\": {\"present\": true, \"members\": [{\"name\": 3}]}}, "
		"\"enums\": {}, \"helpers\": [], \"diagnostics\": 0}",
		NULL
	};
	struct api api;
	int i;

	(void)state;
	for (i = 0; bad[i]; i++) {
		api_init(&api);
		assert_int_equal(api_from_json("bad.json", bad[i], strlen(bad[i]),
					       &api), -1);
		assert_null(api.structs);
	}
}

static void test_ktree_version(void **state)
{
	char dir[] = "/tmp/opsdoc-test-XXXXXX";
	char path[64];
	char *v;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/Makefile", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# SPDX\nVERSION = 7\nPATCHLEVEL = 3\nSUBLEVEL = 4\n"
	      "EXTRAVERSION =\nNAME = Baby Opossum Posse\n", f);
	fclose(f);
	v = ktree_version(dir);
	assert_non_null(v);
	assert_string_equal(v, "7.3.4");
	free(v);
	/* Not a kernel tree: no include/linux/fs.h. */
	assert_int_equal(ktree_check(dir), -1);
	f = fopen(path, "w");
	fputs("all:\n", f);
	fclose(f);
	assert_null(ktree_version(dir));
	unlink(path);
	rmdir(dir);
	assert_int_equal(ktree_check(dir), -1);
}

static void test_options(void **state)
{
	static const struct opt opts[] = {
		{ 'k', "ksrc", "KSRC", "tree" },
		{ 'q', "quiet", NULL, "quiet" },
		{ 0 },
	};
	char *argv1[] = { "x", "-k", "/src", "--quiet", "rest", NULL };
	char *argv2[] = { "x", "--bogus", NULL };
	const char *v[2];

	(void)state;
	assert_int_equal(parse_opts(5, argv1, opts, "x", v), 4);
	assert_string_equal(v[0], "/src");
	assert_string_equal(v[1], "");
	assert_int_equal(parse_opts(2, argv2, opts, "x", v), OPTS_ERROR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_json_rejects_bad_input),
		cmocka_unit_test(test_ktree_version),
		cmocka_unit_test(test_options),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
