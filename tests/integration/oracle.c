// SPDX-License-Identifier: GPL-2.0
/*
 * oracle - check opsdoc's model against clang's own AST.
 *
 *   oracle compare API_JSON STRUCT AST_DUMP
 *   oracle hard API_JSON
 *   oracle present API_JSON STRUCT[.MEMBER]
 *   oracle version API_JSON
 *
 * AST_DUMP is the output of clang-19 -fsyntax-only -Xclang -ast-dump=json
 * -Xclang -ast-dump-filter=STRUCT on the same headers and flags: one JSON
 * object for each declaration whose name matches. The active
 * members of STRUCT in api.json must be exactly the fields clang sees, in
 * order, with nested records flattened the same way, the same callbacks
 * and the same number of parameters.
 *
 * "hard" checks the extractor's hard cases on a real tree's model: what
 * every tree has (the !CONFIG_MMU member, __user spellings, parameter
 * names, __randomize_layout), and, where the tree has vm_area_desc, its
 * group comments and mmap_action's nested records; where it has not,
 * that the model says so. Both print TAP lines without a plan.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "model.h"
#include "strbuf.h"
#include "strvec.h"
#include "util.h"

static int nr_test;

static void tap(int ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void tap(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", ok ? "" : "not ", ++nr_test);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

struct field {
	char *name;
	int callback;
	int nr_params;
	int bitfield;
};

struct fields {
	struct field *v;
	size_t n;
};

/* Parameters of a function pointer type spelled "R (*)(A, B)". */
static int count_params(const char *qt)
{
	const char *p = strstr(qt, "(*)(");
	int depth = 0, n = 1, any = 0;

	if (!p)
		return -1;
	for (p += 4; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth-- == 0)
			break;
		else if (*p == ',' && depth == 0)
			n++;
		else if (*p != ' ')
			any = 1;
	}
	if (!any || !strncmp(strstr(qt, "(*)(") + 4, "void)", 5))
		return 0;
	return n;
}

static void add_field(struct fields *fs, const char *name, json_t *fd)
{
	json_t *type = json_object_get(fd, "type");
	const char *qt = json_string_value(json_object_get(type, "qualType"));
	struct field *f;

	fs->v = xrealloc(fs->v, (fs->n + 1) * sizeof(*fs->v));
	f = &fs->v[fs->n++];
	f->name = xstrdup(name);
	f->callback = qt && strstr(qt, "(*)(") && !strstr(qt, "(*)[");
	f->nr_params = f->callback ? count_params(qt) : 0;
	f->bitfield = json_is_true(json_object_get(fd, "isBitfield"));
}

static void flatten(json_t *record, const char *prefix, struct fields *fs)
{
	json_t *inner = json_object_get(record, "inner"), *c, *pending = NULL;
	size_t i;

	json_array_foreach(inner, i, c) {
		const char *kind = json_string_value(json_object_get(c, "kind"));
		const char *name = json_string_value(json_object_get(c, "name"));
		struct strbuf path = STRBUF_INIT;

		if (!kind)
			continue;
		if (!strcmp(kind, "RecordDecl")) {
			pending = name ? NULL : c;
			continue;
		}
		if (strcmp(kind, "FieldDecl"))
			continue;
		if (json_is_true(json_object_get(c, "isImplicit"))) {
			if (pending)
				flatten(pending, prefix, fs);
			pending = NULL;
			continue;
		}
		strbuf_addf(&path, "%s%s", prefix, name ? name : "?");
		add_field(fs, path.buf, c);
		if (pending) {
			strbuf_addch(&path, '.');
			flatten(pending, path.buf, fs);
		}
		pending = NULL;
		strbuf_release(&path);
	}
}

/*
 * The complete definition of struct name in an -ast-dump-filter output,
 * which is one JSON object after another.
 */
static json_t *find_definition(const char *dump, size_t len, const char *name)
{
	size_t off = 0;

	while (off < len) {
		json_error_t err;
		json_t *j;

		while (off < len && (dump[off] == '\n' || dump[off] == ' '))
			off++;
		if (off == len)
			break;
		j = json_loadb(dump + off, len - off, JSON_DISABLE_EOF_CHECK, &err);
		if (!j)
			return NULL;
		off += err.position;
		if (json_is_true(json_object_get(j, "completeDefinition")) &&
		    !strcmp(json_string_value(json_object_get(j, "name")) ?: "", name))
			return j;
		json_decref(j);
	}
	return NULL;
}

static int cmd_compare(const char *api_path, const char *name,
		       const char *dump_path)
{
	struct strbuf dump = STRBUF_INIT;
	struct fields fs = { 0 };
	struct api api;
	struct ops_struct *s;
	struct member *m;
	json_t *def;
	size_t i = 0, nr_active = 0;
	int order_ok = 1;

	if (api_load_file(api_path, &api)) {
		tap(0, "%s: cannot read %s", name, api_path);
		return 1;
	}
	if (strbuf_read_file(&dump, dump_path))
		die("cannot read %s", dump_path);
	s = find_struct_by_name(&api, name);
	def = find_definition(dump.buf, dump.len, name);
	tap(s && s->present == (def != NULL),
	    "%s: present in api.json exactly when clang defines it", name);
	if (!def || !s)
		goto out;
	flatten(def, "", &fs);
	for_each_member(s, m) {
		if (!m->active)
			continue;
		nr_active++;
		if (i >= fs.n || strcmp(fs.v[i].name, m->name)) {
			if (order_ok)
				printf("# first difference: opsdoc %s, clang %s\n",
				       m->name, i < fs.n ? fs.v[i].name : "(end)");
			order_ok = 0;
		} else {
			struct field *f = &fs.v[i];
			int cb = m->kind == MEMBER_CALLBACK;

			tap(cb == f->callback &&
			    (!cb || (int)m->nr_params == f->nr_params) &&
			    f->bitfield == (strchr(m->decl, ':') != NULL),
			    "%s.%s: kind, parameters and bit-field agree with clang",
			    name, m->name);
		}
		i++;
	}
	tap(order_ok && nr_active == fs.n,
	    "%s: %zu active members, in clang's order (clang has %zu fields)",
	    name, nr_active, fs.n);
	json_decref(def);
out:
	for (i = 0; i < fs.n; i++)
		free(fs.v[i].name);
	free(fs.v);
	api_release(&api);
	strbuf_release(&dump);
	return 0;
}

static const struct param *param_of(const struct api *api, const char *s,
				    const char *m, size_t i)
{
	const struct ops_struct *st = find_struct_by_name(api, s);
	const struct member *mb = st ? find_member_by_name(st, m) : NULL;

	return mb && i < mb->nr_params ? &mb->params[i] : NULL;
}

static int str_is(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static void hard_common(const struct api *api)
{
	const struct ops_struct *fops = find_struct_by_name(api, "file_operations");
	const struct member *m = find_member_by_name(fops, "mmap_capabilities");
	const struct param *p;

	tap(m && !m->active && str_is(m->condition, "!CONFIG_MMU") &&
	    m->kind == MEMBER_CALLBACK && m->nr_params == 1,
	    "file_operations.mmap_capabilities: inactive under !CONFIG_MMU");
	p = param_of(api, "file_operations", "read", 1);
	tap(p && str_is(p->type, "char __user *") && str_is(p->canonical, "char *"),
	    "file_operations.read: spelled char __user *, canonical char *");
	p = param_of(api, "file_operations", "flush", 1);
	tap(p && str_is(p->type, "fl_owner_t") && str_is(p->name, "id") &&
	    str_is(p->canonical, "void *"),
	    "file_operations.flush: fl_owner_t id, canonical void *");
	m = find_member_by_name(fops, "poll");
	tap(m && str_is(m->ret, "__poll_t") && !strncmp(m->type, "unsigned int ", 13),
	    "file_operations.poll: returns __poll_t, canonically unsigned int");
	tap(str_is(fops->attributes, "__randomize_layout"),
	    "file_operations: __randomize_layout after the closing brace");
	tap(!strcmp(fops->file, "include/linux/fs.h"),
	    "file_operations: file is relative to the tree");
}

/* Functions and macros both found; every macro sits beside a function. */
static int helpers_wrap(const struct api *api)
{
	const struct helper *h, *f;
	int functions = 0, macros = 0, beside;

	for_each_helper(api, h) {
		if (h->kind == HELPER_FUNCTION) {
			functions++;
			continue;
		}
		macros++;
		beside = 0;
		for_each_helper(api, f)
			beside |= f->kind == HELPER_FUNCTION &&
				   !strcmp(f->file, h->file);
		if (!beside)
			return 0;
	}
	return functions > 0 && macros > 0;
}

static void hard_desc(const struct api *api)
{
	const struct ops_struct *d = find_struct_by_name(api, "vm_area_desc");
	const struct ops_struct *a = find_struct_by_name(api, "mmap_action");
	const struct enum_decl *e = find_enum_by_name(api, "mmap_action_type");
	const struct member *m;
	int all_grouped = 1, nested = 0, in_union = 0, commented = 1;
	size_t i;

	for_each_member(d, m)
		all_grouped &= m->group != NULL;
	tap(all_grouped && str_is(d->members[0].group, "Immutable state."),
	    "vm_area_desc: every member has a group, the first Immutable state.");
	m = find_member_by_name(d, "file");
	tap(m && m->comment && str_is(m->group, "Immutable state."),
	    "vm_area_desc.file: its trailing comment is kept with its group");
	for_each_member(a, m) {
		nested += strchr(m->name, '.') != NULL;
		in_union += str_is(m->container, "union");
	}
	tap(nested > 0 && in_union > 0,
	    "mmap_action: nested members get dotted paths, union members are marked");
	for (i = 0; e && i < e->nr_values; i++)
		commented &= e->values[i].comment != NULL;
	tap(e && e->present && e->nr_values > 0 && commented,
	    "mmap_action_type: every value has its comment");
	tap(helpers_wrap(api), "helpers: functions found, and each macro "
	    "helper names a function helper in its definition's file");
	tap(find_member_by_name(find_struct_by_name(api, "file_operations"),
				"mmap_prepare") != NULL,
	    "file_operations.mmap_prepare: present with vm_area_desc");
}

static void hard_no_desc(const struct api *api)
{
	tap(!find_struct_by_name(api, "vm_area_desc")->present &&
	    !find_struct_by_name(api, "mmap_action")->present,
	    "vm_area_desc and mmap_action: present is false");
	tap(!find_enum_by_name(api, "mmap_action_type")->present,
	    "mmap_action_type: present is false");
	tap(api->nr_helpers == 0, "helpers: none without vm_area_desc");
	tap(!find_member_by_name(find_struct_by_name(api, "file_operations"),
				 "mmap_prepare"),
	    "file_operations: no mmap_prepare without vm_area_desc");
}

static int cmd_hard(const char *api_path)
{
	struct api api;

	if (api_load_file(api_path, &api)) {
		tap(0, "cannot read %s", api_path);
		return 1;
	}
	hard_common(&api);
	if (find_struct_by_name(&api, "vm_area_desc")->present)
		hard_desc(&api);
	else
		hard_no_desc(&api);
	api_release(&api);
	return 0;
}

/* Exit 0 when STRUCT[.MEMBER] is in the model, 1 when not. */
static int cmd_present(const char *api_path, const char *ref)
{
	struct api api;
	const struct ops_struct *s;
	char name[128];
	const char *dot = strchr(ref, '.');
	int found;

	if (api_load_file(api_path, &api))
		return 2;
	snprintf(name, sizeof(name), "%.*s",
		 (int)(dot ? (size_t)(dot - ref) : strlen(ref)), ref);
	s = find_struct_by_name(&api, name);
	found = s && s->present && (!dot || find_member_by_name(s, dot + 1));
	api_release(&api);
	return found ? 0 : 1;
}

static int cmd_version(const char *api_path)
{
	struct api api;

	if (api_load_file(api_path, &api))
		return 2;
	printf("%s\n", api.version);
	api_release(&api);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "present"))
		return cmd_present(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "version"))
		return cmd_version(argv[2]);
	if (argc == 5 && !strcmp(argv[1], "compare"))
		return cmd_compare(argv[2], argv[3], argv[4]);
	if (argc == 3 && !strcmp(argv[1], "hard"))
		return cmd_hard(argv[2]);
	fprintf(stderr, "usage: oracle compare API_JSON STRUCT AST_DUMP\n"
		"       oracle hard API_JSON\n"
		"       oracle present API_JSON STRUCT[.MEMBER]\n"
		"       oracle version API_JSON\n");
	return 2;
}
