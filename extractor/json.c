// SPDX-License-Identifier: GPL-2.0
/*
 * json.c - the model as api.json, with Jansson. The writer sorts keys so
 * that the file is stable and diffs well; arrays keep declaration order.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *member_to_json(const struct member *m)
{
	json_t *o = json_object();
	struct param *p;

	json_object_set_new(o, "name", json_string(m->name));
	json_object_set_new(o, "kind", json_string(member_kind_name(m->kind)));
	json_object_set_new(o, "decl", json_string(m->decl));
	json_object_set_new(o, "type", json_string(m->type));
	json_object_set_new(o, "active", json_boolean(m->active));
	json_object_set_new(o, "condition", str_or_null(m->condition));
	json_object_set_new(o, "group", str_or_null(m->group));
	json_object_set_new(o, "comment", str_or_null(m->comment));
	json_object_set_new(o, "container", str_or_null(m->container));
	json_object_set_new(o, "line", json_integer(m->line));
	if (m->kind == MEMBER_CALLBACK) {
		json_t *params = json_array();

		json_object_set_new(o, "return", json_string(m->ret));
		for_each_param(m, p) {
			json_t *jp = json_object();

			json_object_set_new(jp, "type", json_string(p->type));
			json_object_set_new(jp, "canonical", json_string(p->canonical));
			json_object_set_new(jp, "name", str_or_null(p->name));
			json_array_append_new(params, jp);
		}
		json_object_set_new(o, "params", params);
	}
	return o;
}

static json_t *struct_to_json(const struct ops_struct *s)
{
	json_t *o = json_object(), *members = json_array();
	struct member *m;

	json_object_set_new(o, "present", json_boolean(s->present));
	json_object_set_new(o, "file", str_or_null(s->file));
	json_object_set_new(o, "line", json_integer(s->line));
	json_object_set_new(o, "end_line", json_integer(s->end_line));
	json_object_set_new(o, "attributes", str_or_null(s->attributes));
	json_object_set_new(o, "source", str_or_null(s->source));
	for_each_member(s, m)
		json_array_append_new(members, member_to_json(m));
	json_object_set_new(o, "members", members);
	/* Only structs that need them have these keys. */
	if (s->parse_error)
		json_object_set_new(o, "parse_error", json_string(s->parse_error));
	if (s->definitions > 1)
		json_object_set_new(o, "definitions", json_integer(s->definitions));
	return o;
}

static json_t *enum_to_json(const struct enum_decl *e)
{
	json_t *o = json_object(), *values = json_array();
	size_t i;

	json_object_set_new(o, "present", json_boolean(e->present));
	json_object_set_new(o, "file", str_or_null(e->file));
	json_object_set_new(o, "line", json_integer(e->line));
	for (i = 0; i < e->nr_values; i++) {
		const struct enumerator *v = &e->values[i];
		json_t *jv = json_object();

		json_object_set_new(jv, "name", json_string(v->name));
		json_object_set_new(jv, "value", json_integer(v->value));
		json_object_set_new(jv, "comment", str_or_null(v->comment));
		json_object_set_new(jv, "line", json_integer(v->line));
		json_array_append_new(values, jv);
	}
	json_object_set_new(o, "values", values);
	return o;
}

static json_t *callers_to_json(const struct api *api)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < api->nr_callers; i++) {
		const struct caller *c = &api->callers[i];
		json_t *o = json_object();

		json_object_set_new(o, "member", json_string(c->member));
		json_object_set_new(o, "function", json_string(c->function));
		json_object_set_new(o, "file", json_string(c->file));
		json_object_set_new(o, "line", json_integer(c->line));
		json_object_set_new(o, "via", json_string(c->via));
		json_object_set_new(o, "call", json_boolean(c->call));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *examples_to_json(const struct api *api)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < api->nr_examples; i++) {
		const struct example_function *e = &api->examples[i];
		json_t *o = json_object();

		json_object_set_new(o, "file", json_string(e->file));
		json_object_set_new(o, "name", json_string(e->name));
		json_object_set_new(o, "line", json_integer(e->line));
		json_object_set_new(o, "end_line", json_integer(e->end_line));
		json_array_append_new(a, o);
	}
	return a;
}

void api_to_json(const struct api *api, struct strbuf *out)
{
	json_t *root = json_object(), *kernel = json_object();
	json_t *structs = json_object(), *enums = json_object();
	json_t *helpers = json_array();
	struct ops_struct *s;
	struct helper *h;
	size_t i;
	char *text;

	json_object_set_new(root, "schema", json_integer(API_SCHEMA_VERSION));
	json_object_set_new(kernel, "version", str_or_null(api->version));
	json_object_set_new(root, "kernel", kernel);
	for_each_struct(api, s)
		json_object_set_new(structs, s->name, struct_to_json(s));
	json_object_set_new(root, "structs", structs);
	for (i = 0; i < api->nr_enums; i++)
		json_object_set_new(enums, api->enums[i].name,
				    enum_to_json(&api->enums[i]));
	json_object_set_new(root, "enums", enums);
	for_each_helper(api, h) {
		json_t *jh = json_object();

		json_object_set_new(jh, "name", json_string(h->name));
		json_object_set_new(jh, "kind", json_string(helper_kind_name(h->kind)));
		json_object_set_new(jh, "file", json_string(h->file));
		json_object_set_new(jh, "line", json_integer(h->line));
		json_object_set_new(jh, "decl", json_string(h->decl));
		json_object_set_new(jh, "doc", str_or_null(h->doc));
		json_object_set_new(jh, "wraps", str_or_null(h->wraps));
		json_array_append_new(helpers, jh);
	}
	json_object_set_new(root, "helpers", helpers);
	json_object_set_new(root, "callers", callers_to_json(api));
	json_object_set_new(root, "examples", examples_to_json(api));
	json_object_set_new(root, "diagnostics", json_integer(api->nr_diagnostics));

	text = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2));
	if (!text)
		die("cannot encode api.json");
	strbuf_adds(out, text);
	strbuf_addch(out, '\n');
	free(text);
	json_decref(root);
}

/* --- reading --------------------------------------------------------- */

struct reader {
	const char *path;
	int failed;
};

static void bad(struct reader *r, json_t *at, const char *what)
{
	(void)at;
	if (!r->failed)
		error_at(r->path, 0, "%s; regenerate it with 'opsdoc extract'",
			 what);
	r->failed = 1;
}

static char *get_str(struct reader *r, json_t *o, const char *key, int nullable)
{
	json_t *v = json_object_get(o, key);

	if (nullable && (!v || json_is_null(v)))
		return NULL;
	if (!json_is_string(v)) {
		char msg[160];

		snprintf(msg, sizeof(msg), "\"%s\" is missing or not a string", key);
		bad(r, o, msg);
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

static long long get_int(struct reader *r, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v)) {
		char msg[160];

		snprintf(msg, sizeof(msg), "\"%s\" is missing or not an integer", key);
		bad(r, o, msg);
		return 0;
	}
	return json_integer_value(v);
}

static int get_bool(struct reader *r, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_boolean(v)) {
		char msg[160];

		snprintf(msg, sizeof(msg), "\"%s\" is missing or not a boolean", key);
		bad(r, o, msg);
		return 0;
	}
	return json_is_true(v);
}

static json_t *get_typed(struct reader *r, json_t *o, const char *key,
			 int array)
{
	json_t *v = json_object_get(o, key);

	if (array ? !json_is_array(v) : !json_is_object(v)) {
		char msg[160];

		snprintf(msg, sizeof(msg), "\"%s\" is missing or not an %s", key,
			 array ? "array" : "object");
		bad(r, o, msg);
		return NULL;
	}
	return v;
}

static void read_member(struct reader *r, json_t *jm, struct member *m)
{
	char *kind = get_str(r, jm, "kind", 0);
	json_t *params, *jp;
	size_t i;

	if (kind && member_kind_from_name(kind, &m->kind))
		bad(r, jm, "unknown member kind");
	free(kind);
	m->name = get_str(r, jm, "name", 0);
	m->decl = get_str(r, jm, "decl", 0);
	m->type = get_str(r, jm, "type", 0);
	m->active = get_bool(r, jm, "active");
	m->condition = get_str(r, jm, "condition", 1);
	m->group = get_str(r, jm, "group", 1);
	m->comment = get_str(r, jm, "comment", 1);
	m->container = get_str(r, jm, "container", 1);
	m->line = get_int(r, jm, "line");
	if (m->kind != MEMBER_CALLBACK)
		return;
	m->ret = get_str(r, jm, "return", 0);
	params = get_typed(r, jm, "params", 1);
	json_array_foreach(params, i, jp) {
		struct param *p = member_add_param(m);

		p->type = get_str(r, jp, "type", 0);
		p->canonical = get_str(r, jp, "canonical", 0);
		p->name = get_str(r, jp, "name", 1);
	}
}

static void read_structs(struct reader *r, json_t *root, struct api *api)
{
	json_t *structs = get_typed(r, root, "structs", 0), *js, *jm;
	const char *name;
	size_t i;

	json_object_foreach(structs, name, js) {
		struct ops_struct *s = api_add_struct(api, name);
		json_t *members;

		s->present = get_bool(r, js, "present");
		s->file = get_str(r, js, "file", 1);
		s->line = get_int(r, js, "line");
		s->end_line = get_int(r, js, "end_line");
		s->attributes = get_str(r, js, "attributes", 1);
		s->source = get_str(r, js, "source", 1);
		s->parse_error = get_str(r, js, "parse_error", 1);
		if (json_object_get(js, "definitions"))
			s->definitions = get_int(r, js, "definitions");
		members = get_typed(r, js, "members", 1);
		json_array_foreach(members, i, jm)
			read_member(r, jm, struct_add_member(s));
	}
}

static void read_enums(struct reader *r, json_t *root, struct api *api)
{
	json_t *enums = get_typed(r, root, "enums", 0), *je, *jv;
	const char *name;
	size_t i;

	json_object_foreach(enums, name, je) {
		struct enum_decl *e = api_add_enum(api, name);
		json_t *values;

		e->present = get_bool(r, je, "present");
		e->file = get_str(r, je, "file", 1);
		e->line = get_int(r, je, "line");
		values = get_typed(r, je, "values", 1);
		json_array_foreach(values, i, jv) {
			struct enumerator *v = enum_add_value(e);

			v->name = get_str(r, jv, "name", 0);
			v->value = get_int(r, jv, "value");
			v->comment = get_str(r, jv, "comment", 1);
			v->line = get_int(r, jv, "line");
		}
	}
}

static void read_helpers(struct reader *r, json_t *root, struct api *api)
{
	json_t *helpers = get_typed(r, root, "helpers", 1), *jh;
	size_t i;

	json_array_foreach(helpers, i, jh) {
		struct helper *h = api_add_helper(api);
		char *kind = get_str(r, jh, "kind", 0);

		if (kind && helper_kind_from_name(kind, &h->kind))
			bad(r, jh, "unknown helper kind");
		free(kind);
		h->name = get_str(r, jh, "name", 0);
		h->file = get_str(r, jh, "file", 0);
		h->line = get_int(r, jh, "line");
		h->decl = get_str(r, jh, "decl", 0);
		h->doc = get_str(r, jh, "doc", 1);
		h->wraps = get_str(r, jh, "wraps", 1);
	}
}

static void read_callers(struct reader *r, json_t *root, struct api *api)
{
	json_t *callers = get_typed(r, root, "callers", 1), *jc;
	size_t i;

	json_array_foreach(callers, i, jc) {
		struct caller *c = api_add_caller(api);

		c->member = get_str(r, jc, "member", 0);
		c->function = get_str(r, jc, "function", 0);
		c->file = get_str(r, jc, "file", 0);
		c->line = get_int(r, jc, "line");
		c->via = get_str(r, jc, "via", 0);
		c->call = get_bool(r, jc, "call");
	}
}

static void read_examples(struct reader *r, json_t *root, struct api *api)
{
	json_t *examples = get_typed(r, root, "examples", 1), *je;
	size_t i;

	json_array_foreach(examples, i, je) {
		struct example_function *e = api_add_example(api);

		e->file = get_str(r, je, "file", 0);
		e->name = get_str(r, je, "name", 0);
		e->line = get_int(r, je, "line");
		e->end_line = get_int(r, je, "end_line");
	}
}

int api_from_json(const char *path, const char *text, size_t len,
		  struct api *api)
{
	struct reader r = { .path = path };
	json_error_t jerr;
	json_t *root, *kernel;
	long long schema;

	root = json_loadb(text, len, 0, &jerr);
	if (!root) {
		error_at(path, jerr.line > 0 ? jerr.line : 0,
			 "not valid JSON: %s; regenerate it with 'opsdoc extract'",
			 jerr.text);
		return -1;
	}
	if (!json_is_object(root)) {
		bad(&r, root, "the top level is not an object");
		goto out;
	}
	schema = get_int(&r, root, "schema");
	if (!r.failed && schema != API_SCHEMA_VERSION) {
		error_at(path, 0, "schema version %lld, this opsdoc reads %d; "
			 "regenerate it with 'opsdoc extract'", schema,
			 API_SCHEMA_VERSION);
		r.failed = 1;
		goto out;
	}
	kernel = get_typed(&r, root, "kernel", 0);
	if (kernel)
		api->version = get_str(&r, kernel, "version", 0);
	read_structs(&r, root, api);
	read_enums(&r, root, api);
	read_helpers(&r, root, api);
	read_callers(&r, root, api);
	read_examples(&r, root, api);
	api->nr_diagnostics = get_int(&r, root, "diagnostics");
out:
	json_decref(root);
	if (r.failed) {
		api_release(api);
		return -1;
	}
	return 0;
}

int api_load_file(const char *path, struct api *api)
{
	struct strbuf text = STRBUF_INIT;
	int ret;

	api_init(api);
	if (strbuf_read_file(&text, path)) {
		error_at(path, 0, "cannot read: %s; make it with 'opsdoc extract'",
			 strerror(errno));
		strbuf_release(&text);
		return -1;
	}
	ret = api_from_json(path, text.buf, text.len, api);
	strbuf_release(&text);
	return ret;
}
