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

/* A finding of the baseline report, as much of it as findings match on. */
struct known_finding {
	const char *file, *struct_name, *member, *doc;	/* "" when missing */
	enum finding_class class;
};

static const char *string_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key)) ?: "";
}

/* Does the baseline have f? Line numbers do not count: text moves. */
static int known(const struct known_finding *k, size_t n,
		 const struct finding *f)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (k[i].class == f->class && !strcmp(k[i].file, f->file) &&
		    !strcmp(k[i].struct_name, f->struct_name) &&
		    !strcmp(k[i].member, f->member ? f->member : "") &&
		    !strcmp(k[i].doc, f->doc ? f->doc : ""))
			return 1;
	return 0;
}

int apply_baseline(const char *path, struct findings *fs)
{
	struct known_finding *k;
	json_int_t schema = 0;
	json_error_t err;
	json_t *root, *arr = NULL, *j;
	size_t i, nk = 0, n = 0;

	root = json_load_file(path, 0, &err);
	if (!root) {
		error_at(path, err.line > 0 ? err.line : 0, "not a JSON report: %s; "
			 "make it with opsdoc check --format json", err.text);
		return -1;
	}
	if (json_unpack(root, "{s:I, s:o}", "schema", &schema, "findings", &arr) ||
	    !json_is_array(arr) || schema != REPORT_SCHEMA_VERSION) {
		error_at(path, 0, "not an opsdoc check report of schema %d; make "
			 "it with opsdoc check --format json", REPORT_SCHEMA_VERSION);
		json_decref(root);
		return -1;
	}
	k = xcalloc(json_array_size(arr) + 1, sizeof(*k));
	json_array_foreach(arr, i, j) {
		/* A class this opsdoc does not know matches no finding. */
		if (finding_class_by_name(json_string_value(json_object_get(j, "class")),
					  &k[nk].class))
			continue;
		k[nk].file = string_of(j, "file");
		k[nk].struct_name = string_of(j, "struct");
		k[nk].member = string_of(j, "member");
		k[nk].doc = string_of(j, "doc");
		nk++;
	}
	for (i = 0; i < fs->n; i++) {
		if (known(k, nk, &fs->v[i])) {
			finding_release(&fs->v[i]);
			continue;
		}
		fs->v[n++] = fs->v[i];
	}
	fs->n = n;
	free(k);
	json_decref(root);
	return 0;
}

static const char *describe(const struct finding *f, struct strbuf *sb)
{
	strbuf_reset(sb);
	switch (f->class) {
	case FINDING_MISSING_MEMBER:
		strbuf_addf(sb, "not in the listing; the header has '%s'", f->header);
		break;
	case FINDING_REMOVED_MEMBER:
		strbuf_addf(sb, "listed as '%s', but the header has no such member",
			    f->doc);
		break;
	case FINDING_SIGNATURE_DRIFT:
		strbuf_addf(sb, "listed as '%s', the header has '%s'", f->doc,
			    f->header);
		break;
	case FINDING_QUALIFIER_DRIFT:
		strbuf_addf(sb, "qualifiers differ: listed as '%s', the header has "
			    "'%s'", f->doc, f->header);
		break;
	case FINDING_PARAM_NAME:
		strbuf_addf(sb, "parameter names differ: listed as '%s', the header "
			    "has '%s'", f->doc, f->header);
		break;
	case FINDING_UNDESCRIBED:
		strbuf_adds(sb, "listed but not described in this section");
		break;
	case FINDING_OLD_VERSION:
		strbuf_addf(sb, "\"%s\" but the tree is %s", f->doc, f->header);
		break;
	case FINDING_UNPARSABLE:
		strbuf_adds(sb, "the listing does not parse in this configuration");
		break;
	case NR_FINDING_CLASSES:
		break;
	}
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
			    finding_classes[f->class].severity, f->struct_name,
			    f->member ? "." : "", f->member ? f->member : "",
			    describe(f, &msg), finding_class_name(f->class));
		/* The Makefile's line says nothing about an old version claim. */
		if (f->header_file && f->class != FINDING_OLD_VERSION)
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
		json_object_set_new(o, "class", json_string(finding_class_name(f->class)));
		json_object_set_new(o, "severity", json_string(finding_classes[f->class].severity));
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
