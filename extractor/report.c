// SPDX-License-Identifier: GPL-2.0
/*
 * The check report as text or JSON (with Jansson), and the baseline that
 * an earlier JSON report gives.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strvec.h"
#include "util.h"

static void finding_key(const struct finding *f, struct strbuf *key)
{
	strbuf_reset(key);
	strbuf_addf(key, "%s|%s|%s|%s|%s", f->file, f->struct_name,
		    f->member ? f->member : "", f->class, f->doc ? f->doc : "");
}

int apply_baseline(const char *path, struct findings *fs)
{
	struct strvec keys = STRVEC_INIT;
	struct strbuf key = STRBUF_INIT;
	json_error_t err;
	json_t *root, *arr, *j;
	size_t i, n = 0;

	root = json_load_file(path, 0, &err);
	if (!root) {
		error_at(path, err.line > 0 ? err.line : 0, "not a JSON report: %s; "
			 "make it with opsdoc check --format json", err.text);
		return -1;
	}
	arr = json_object_get(root, "findings");
	if (!json_is_array(arr) ||
	    json_integer_value(json_object_get(root, "schema")) != REPORT_SCHEMA_VERSION) {
		error_at(path, 0, "not an opsdoc check report of schema %d; make "
			 "it with opsdoc check --format json", REPORT_SCHEMA_VERSION);
		json_decref(root);
		return -1;
	}
	strvec_init(&keys);
	json_array_foreach(arr, i, j) {
		strbuf_reset(&key);
		strbuf_addf(&key, "%s|%s|%s|%s|%s",
			    json_string_value(json_object_get(j, "file")) ?: "",
			    json_string_value(json_object_get(j, "struct")) ?: "",
			    json_string_value(json_object_get(j, "member")) ?: "",
			    json_string_value(json_object_get(j, "class")) ?: "",
			    json_string_value(json_object_get(j, "doc")) ?: "");
		strvec_push(&keys, key.buf);
	}
	for (i = 0; i < fs->n; i++) {
		finding_key(&fs->v[i], &key);
		if (strvec_find(&keys, key.buf) >= 0) {
			finding_release(&fs->v[i]);
			continue;
		}
		fs->v[n++] = fs->v[i];
	}
	fs->n = n;
	strvec_release(&keys);
	strbuf_release(&key);
	json_decref(root);
	return 0;
}

static const char *describe(const struct finding *f, struct strbuf *sb)
{
	strbuf_reset(sb);
	if (!strcmp(f->class, "missing-member"))
		strbuf_addf(sb, "not in the listing; the header has '%s'", f->header);
	else if (!strcmp(f->class, "removed-member"))
		strbuf_addf(sb, "listed as '%s', but the header has no such member",
			    f->doc);
	else if (!strcmp(f->class, "signature-drift"))
		strbuf_addf(sb, "listed as '%s', the header has '%s'", f->doc,
			    f->header);
	else if (!strcmp(f->class, "qualifier-drift"))
		strbuf_addf(sb, "qualifiers differ: listed as '%s', the header has "
			    "'%s'", f->doc, f->header);
	else if (!strcmp(f->class, "param-name"))
		strbuf_addf(sb, "parameter names differ: listed as '%s', the header "
			    "has '%s'", f->doc, f->header);
	else if (!strcmp(f->class, "undescribed"))
		strbuf_addf(sb, "listed but not described in this section");
	else if (!strcmp(f->class, "old-version"))
		strbuf_addf(sb, "\"%s\" but the tree is %s", f->doc, f->header);
	else if (!strcmp(f->class, "unparsable"))
		strbuf_addf(sb, "the listing does not parse in this configuration");
	return sb->buf;
}

static void findings_text(const struct findings *fs, const struct coverages *cov,
			  struct strbuf *out)
{
	struct strbuf msg = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];

		strbuf_addf(out, "%s:%u: %s: %s%s%s: %s [%s]", f->file, f->line,
			    f->severity, f->struct_name, f->member ? "." : "",
			    f->member ? f->member : "", describe(f, &msg), f->class);
		if (f->header_file && strcmp(f->class, "old-version"))
			strbuf_addf(out, " (%s:%u)", f->header_file, f->header_line);
		strbuf_addch(out, '\n');
	}
	strbuf_addf(out, "\n%-48s %-22s %9s  %s\n", "document", "struct",
		    "described", "undescribed");
	for (i = 0; i < cov->n; i++) {
		const struct coverage *c = &cov->v[i];
		char frac[32];

		snprintf(frac, sizeof(frac), "%zu/%zu", c->described, c->total);
		strbuf_addf(out, "%-48s %-22s %9s ", c->file, c->struct_name, frac);
		for (k = 0; k < c->undescribed.nr; k++)
			strbuf_addf(out, " %s", c->undescribed.v[k]);
		strbuf_addch(out, '\n');
	}
	strbuf_addf(out, "\n%zu findings in %zu listings\n", fs->n, cov->n);
	strbuf_release(&msg);
}

static void since_text(const struct changes *c, const struct api *now,
		       const struct doc_listings *ls, struct strbuf *out)
{
	size_t i;

	strbuf_addf(out, "\nSince %s (%s -> %s): %zu member changes\n", c->rev,
		    c->then.version, now->version, c->n);
	for (i = 0; i < c->n; i++) {
		const struct change *ch = &c->v[i];

		strbuf_addf(out, "%s:%u: %s.%s: %s", ch->file, ch->line,
			    ch->struct_name, ch->member, ch->what);
		if (ch->old_decl && ch->new_decl)
			strbuf_addf(out, " from '%s' to '%s'", ch->old_decl, ch->new_decl);
		else
			strbuf_addf(out, " '%s'", ch->new_decl ? ch->new_decl : ch->old_decl);
		strbuf_addch(out, '\n');
	}
	strbuf_adds(out, "Sections that now need an update:\n");
	for (i = 0; i < ls->n; i++)
		if (changed_struct(c, ls->v[i].struct_name))
			strbuf_addf(out, "%s:%u: %s (listing at line %u)\n",
				    ls->v[i].file, ls->v[i].section_line,
				    ls->v[i].struct_name, ls->v[i].line);
}

static json_t *since_json(const struct changes *c, const struct doc_listings *ls)
{
	json_t *o = json_object(), *jc = json_array(), *js = json_array();
	size_t i;

	json_object_set_new(o, "rev", json_string(c->rev));
	json_object_set_new(o, "version", json_string(c->then.version));
	for (i = 0; i < c->n; i++) {
		const struct change *ch = &c->v[i];
		json_t *x = json_object();

		json_object_set_new(x, "struct", json_string(ch->struct_name));
		json_object_set_new(x, "member", json_string(ch->member));
		json_object_set_new(x, "change", json_string(ch->what));
		json_object_set_new(x, "old", ch->old_decl ? json_string(ch->old_decl) : json_null());
		json_object_set_new(x, "new", ch->new_decl ? json_string(ch->new_decl) : json_null());
		json_object_set_new(x, "file", json_string(ch->file));
		json_object_set_new(x, "line", json_integer(ch->line));
		json_array_append_new(jc, x);
	}
	for (i = 0; i < ls->n; i++) {
		json_t *x;

		if (!changed_struct(c, ls->v[i].struct_name))
			continue;
		x = json_object();
		json_object_set_new(x, "file", json_string(ls->v[i].file));
		json_object_set_new(x, "line", json_integer(ls->v[i].section_line));
		json_object_set_new(x, "listing_line", json_integer(ls->v[i].line));
		json_object_set_new(x, "struct", json_string(ls->v[i].struct_name));
		json_array_append_new(js, x);
	}
	json_object_set_new(o, "changes", jc);
	json_object_set_new(o, "sections", js);
	return o;
}

int report_json(const struct report *r, struct strbuf *out)
{
	const struct api *api = r->api;
	const struct findings *fs = r->findings;
	const struct coverages *cov = r->coverage;
	json_t *root = json_object(), *jf = json_array(), *jc = json_array();
	struct strbuf msg = STRBUF_INIT;
	size_t i, k;
	char *text;

	json_object_set_new(root, "schema", json_integer(REPORT_SCHEMA_VERSION));
	json_object_set_new(root, "kernel", json_string(api->version));
	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		json_t *o = json_object(), *h = json_object();

		json_object_set_new(o, "file", json_string(f->file));
		json_object_set_new(o, "line", json_integer(f->line));
		json_object_set_new(o, "struct", json_string(f->struct_name));
		json_object_set_new(o, "member", f->member ? json_string(f->member) : json_null());
		json_object_set_new(o, "class", json_string(f->class));
		json_object_set_new(o, "severity", json_string(f->severity));
		json_object_set_new(o, "message", json_string(describe(f, &msg)));
		json_object_set_new(o, "doc", json_string(f->doc));
		json_object_set_new(h, "text", json_string(f->header));
		json_object_set_new(h, "file", json_string(f->header_file ? f->header_file : ""));
		json_object_set_new(h, "line", json_integer(f->header_line));
		json_object_set_new(o, "header", h);
		json_array_append_new(jf, o);
	}
	json_object_set_new(root, "findings", jf);
	for (i = 0; i < cov->n; i++) {
		const struct coverage *c = &cov->v[i];
		json_t *o = json_object(), *u = json_array();

		json_object_set_new(o, "file", json_string(c->file));
		json_object_set_new(o, "struct", json_string(c->struct_name));
		json_object_set_new(o, "described", json_integer(c->described));
		json_object_set_new(o, "total", json_integer(c->total));
		for (k = 0; k < c->undescribed.nr; k++)
			json_array_append_new(u, json_string(c->undescribed.v[k]));
		json_object_set_new(o, "undescribed", u);
		json_array_append_new(jc, o);
	}
	json_object_set_new(root, "coverage", jc);
	if (r->since)
		json_object_set_new(root, "since", since_json(r->since, r->listings));
	text = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2));
	strbuf_adds(out, text);
	strbuf_addch(out, '\n');
	free(text);
	json_decref(root);
	strbuf_release(&msg);
	return 0;
}

void report_text(const struct report *r, struct strbuf *out)
{
	findings_text(r->findings, r->coverage, out);
	if (r->since)
		since_text(r->since, r->api, r->listings, out);
}
