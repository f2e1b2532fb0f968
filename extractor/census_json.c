// SPDX-License-Identifier: GPL-2.0
/*
 * census_json.c - the census as JSON (docs/census-json.rst), read back for
 * --merge and --diff, and one file's results for the cache.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "census_int.h"
#include "util.h"

#define CENSUS_SCHEMA 1

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *obj_to_json(const struct census_obj *o)
{
	json_t *j = json_object(), *hooks = json_object();
	int h;

	json_object_set_new(j, "name", json_string(o->name));
	json_object_set_new(j, "file", json_string(o->file));
	json_object_set_new(j, "line", json_integer(o->line));
	json_object_set_new(j, "macro", str_or_null(o->macro));
	json_object_set_new(j, "condition", str_or_null(o->cond));
	json_object_set_new(j, "maintainers", str_or_null(o->maint));
	for (h = 0; h < NR_HOOKS; h++) {
		const struct census_set *s = &o->hooks[h];
		json_t *e;

		if (!s->func)
			continue;
		e = json_object();
		json_object_set_new(e, "function", json_string(s->func));
		json_object_set_new(e, "member_line", json_integer(s->line));
		json_object_set_new(e, "condition", str_or_null(s->cond));
		json_object_set_new(e, "file", str_or_null(o->fn_file[h]));
		json_object_set_new(e, "line", o->fn_file[h] ?
				    json_integer(o->fn_line[h]) : json_null());
		json_object_set_new(hooks, census_hook_names[h], e);
	}
	json_object_set_new(j, "hooks", hooks);
	return j;
}

static json_t *fn_to_json(const struct census_fn *f, int impl)
{
	json_t *j = json_object();

	json_object_set_new(j, "function", json_string(f->name));
	json_object_set_new(j, "file", str_or_null(f->file));
	json_object_set_new(j, "line", f->file ? json_integer(f->line) : json_null());
	json_object_set_new(j, "class", json_string(census_class_names[f->class]));
	json_object_set_new(j, "decided_by", str_or_null(f->decided));
	json_object_set_new(j, "blocked_by", str_or_null(f->blocked_by));
	json_object_set_new(j, "resource", str_or_null(f->resource));
	json_object_set_new(j, "error_override", str_or_null(f->error_override));
	json_object_set_new(j, "idioms", json_string(f->idioms ? f->idioms : ""));
	if (impl) {
		struct strbuf cv = STRBUF_INIT;

		census_convert_status(f, &cv);
		json_object_set_new(j, "convert", json_string(cv.buf));
		strbuf_release(&cv);
		json_object_set_new(j, "users", json_integer(f->users));
		json_object_set_new(j, "recipe", str_or_null(f->recipe));
		return j;
	}
	json_object_set_new(j, "static", json_boolean(f->is_static));
	json_object_set_new(j, "mechanical", json_boolean(f->mechanical));
	json_object_set_new(j, "convert_refused", str_or_null(f->convert));
	json_object_set_new(j, "condition", str_or_null(f->cond));
	json_object_set_new(j, "set_flags", json_string(f->set_flags ? f->set_flags : ""));
	json_object_set_new(j, "clear_flags", json_string(f->clear_flags ? f->clear_flags : ""));
	json_object_set_new(j, "vm_ops", json_boolean(f->vm_ops));
	json_object_set_new(j, "private_data", json_boolean(f->priv));
	json_object_set_new(j, "page_prot", json_boolean(f->prot));
	return j;
}

static json_t *err_to_json(const struct census_err *e)
{
	json_t *j = json_object();

	json_object_set_new(j, "file", json_string(e->file));
	json_object_set_new(j, "line", json_integer(e->line));
	json_object_set_new(j, "error", json_string(e->msg));
	return j;
}

static char *get_str(json_t *j, const char *k)
{
	const char *s = json_string_value(json_object_get(j, k));

	return s ? xstrdup(s) : NULL;
}

static unsigned int get_uint(json_t *j, const char *k)
{
	return json_integer_value(json_object_get(j, k));
}

static int obj_from_json(json_t *j, struct census_obj *o)
{
	json_t *hooks = json_object_get(j, "hooks");
	int h;

	memset(o, 0, sizeof(*o));
	o->name = get_str(j, "name");
	o->file = get_str(j, "file");
	if (!o->name || !o->file || !json_is_object(hooks))
		return -1;
	o->line = get_uint(j, "line");
	o->macro = get_str(j, "macro");
	o->cond = get_str(j, "condition");
	o->maint = get_str(j, "maintainers");
	for (h = 0; h < NR_HOOKS; h++) {
		json_t *e = json_object_get(hooks, census_hook_names[h]);

		if (!e)
			continue;
		o->hooks[h].func = get_str(e, "function");
		o->hooks[h].line = get_uint(e, "member_line");
		o->hooks[h].cond = get_str(e, "condition");
	}
	return 0;
}

static int fn_from_json(json_t *j, struct census_fn *f)
{
	const char *cl = json_string_value(json_object_get(j, "class"));
	int k;

	memset(f, 0, sizeof(*f));
	f->name = get_str(j, "function");
	f->file = get_str(j, "file");
	if (!f->name || !f->file || !cl)
		return -1;
	f->line = get_uint(j, "line");
	for (k = 0; k < NR_CLASSES; k++)
		if (!strcmp(cl, census_class_names[k]))
			f->class = k;
	f->decided = get_str(j, "decided_by");
	f->blocked_by = get_str(j, "blocked_by");
	f->resource = get_str(j, "resource");
	f->error_override = get_str(j, "error_override");
	f->idioms = get_str(j, "idioms");
	f->mechanical = json_is_true(json_object_get(j, "mechanical"));
	f->convert = get_str(j, "convert_refused");
	f->cond = get_str(j, "condition");
	f->is_static = json_is_true(json_object_get(j, "static"));
	f->set_flags = get_str(j, "set_flags");
	f->clear_flags = get_str(j, "clear_flags");
	f->vm_ops = json_is_true(json_object_get(j, "vm_ops"));
	f->priv = json_is_true(json_object_get(j, "private_data"));
	f->prot = json_is_true(json_object_get(j, "page_prot"));
	return 0;
}

json_t *census_file_to_json(const struct census_file *f)
{
	json_t *j = json_object(), *a;
	size_t i;

	a = json_array();
	for (i = 0; i < f->nr_objs; i++)
		json_array_append_new(a, obj_to_json(&f->objs[i]));
	json_object_set_new(j, "objects", a);
	a = json_array();
	for (i = 0; i < f->nr_fns; i++)
		json_array_append_new(a, fn_to_json(&f->fns[i], 0));
	json_object_set_new(j, "functions", a);
	if (f->err.msg)
		json_object_set_new(j, "error", err_to_json(&f->err));
	return j;
}

int census_file_from_json(json_t *j, struct census_file *f)
{
	json_t *objs = json_object_get(j, "objects"), *fns = json_object_get(j, "functions");
	json_t *e = json_object_get(j, "error");
	size_t i;

	if (!json_is_array(objs) || !json_is_array(fns))
		return -1;
	f->objs = xcalloc(json_array_size(objs) + 1, sizeof(*f->objs));
	for (i = 0; i < json_array_size(objs); i++, f->nr_objs++)
		if (obj_from_json(json_array_get(objs, i), &f->objs[i]))
			return -1;
	f->fns = xcalloc(json_array_size(fns) + 1, sizeof(*f->fns));
	for (i = 0; i < json_array_size(fns); i++, f->nr_fns++)
		if (fn_from_json(json_array_get(fns, i), &f->fns[i]))
			return -1;
	if (e) {
		f->err.file = get_str(e, "file");
		f->err.line = get_uint(e, "line");
		f->err.msg = get_str(e, "error");
		if (!f->err.file || !f->err.msg)
			return -1;
	}
	return 0;
}

void census_json(const struct census *c, struct strbuf *out)
{
	json_t *root = json_object(), *a, *t;
	size_t i;
	char *s;

	json_object_set_new(root, "schema", json_integer(CENSUS_SCHEMA));
	t = json_object();
	json_object_set_new(t, "version", json_string(c->tree.version));
	json_object_set_new(t, "has_mmap_prepare", json_boolean(c->tree.has_prepare));
	a = json_array();
	for (i = 0; i < c->tree.helpers.nr; i++)
		json_array_append_new(a, json_string(c->tree.helpers.v[i]));
	json_object_set_new(t, "helpers", a);
	json_object_set_new(root, "tree", t);
	json_object_set_new(root, "files_scanned", json_integer(c->files));
	a = json_array();
	for (i = 0; i < c->nr_totals; i++) {
		const struct census_total *x = &c->totals[i];

		t = json_object();
		json_object_set_new(t, "subsystem", json_string(x->name));
		json_object_set_new(t, "objects", json_integer(x->objects));
		json_object_set_new(t, "legacy", json_integer(x->legacy));
		json_object_set_new(t, "converted", json_integer(x->converted));
		json_object_set_new(t, "both", json_integer(x->both));
		json_object_set_new(t, "get_unmapped_area", json_integer(x->gua));
		json_array_append_new(a, t);
	}
	json_object_set_new(root, "totals", a);
	a = json_array();
	for (i = 0; i < c->nr_objs; i++)
		json_array_append_new(a, obj_to_json(&c->objs[i]));
	json_object_set_new(root, "objects", a);
	a = json_array();
	for (i = 0; i < c->nr_impls; i++)
		json_array_append_new(a, fn_to_json(&c->impls[i], 1));
	json_object_set_new(root, "implementations", a);
	a = json_array();
	for (i = 0; i < c->nr_fns; i++)
		json_array_append_new(a, fn_to_json(&c->fns[i], 0));
	json_object_set_new(root, "functions", a);
	a = json_array();
	for (i = 0; i < c->nr_errs; i++)
		json_array_append_new(a, err_to_json(&c->errs[i]));
	json_object_set_new(root, "errors", a);
	s = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
	if (!s)
		die("cannot encode the census as JSON");
	strbuf_adds(out, s);
	strbuf_addch(out, '\n');
	free(s);
	json_decref(root);
}

int census_json_load(const char *path, struct census *c)
{
	json_error_t err;
	json_t *root = json_load_file(path, 0, &err), *t, *a;
	struct census_file f;
	size_t i;

	if (!root) {
		error_at(path, err.line > 0 ? err.line : 0, "%s", err.text);
		return -1;
	}
	if (json_integer_value(json_object_get(root, "schema")) != CENSUS_SCHEMA) {
		error_at(path, 0, "not a census JSON file of schema %d", CENSUS_SCHEMA);
		json_decref(root);
		return -1;
	}
	t = json_object_get(root, "tree");
	if (!c->tree.version) {
		c->tree.version = get_str(t, "version");
		c->tree.has_prepare = json_is_true(json_object_get(t, "has_mmap_prepare"));
		strvec_init(&c->tree.helpers);
		a = json_object_get(t, "helpers");
		for (i = 0; i < json_array_size(a); i++)
			strvec_push(&c->tree.helpers, json_string_value(json_array_get(a, i)));
	}
	c->files += get_uint(root, "files_scanned");
	memset(&f, 0, sizeof(f));
	if (census_file_from_json(root, &f)) {
		error_at(path, 0, "a census object or function lacks a field");
		census_file_release(&f);
		json_decref(root);
		return -1;
	}
	a = json_object_get(root, "errors");
	c->objs = xrealloc(c->objs, (c->nr_objs + f.nr_objs + 1) * sizeof(*c->objs));
	if (f.nr_objs)
		memcpy(c->objs + c->nr_objs, f.objs, f.nr_objs * sizeof(*f.objs));
	c->nr_objs += f.nr_objs;
	c->fns = xrealloc(c->fns, (c->nr_fns + f.nr_fns + 1) * sizeof(*c->fns));
	if (f.nr_fns)
		memcpy(c->fns + c->nr_fns, f.fns, f.nr_fns * sizeof(*f.fns));
	c->nr_fns += f.nr_fns;
	for (i = 0; i < json_array_size(a); i++) {
		json_t *e = json_array_get(a, i);

		c->errs = xrealloc(c->errs, (c->nr_errs + 1) * sizeof(*c->errs));
		c->errs[c->nr_errs].file = get_str(e, "file");
		c->errs[c->nr_errs].line = get_uint(e, "line");
		c->errs[c->nr_errs].msg = get_str(e, "error");
		c->nr_errs++;
	}
	free(f.objs);
	free(f.fns);
	json_decref(root);
	return 0;
}
