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
	if (json_unpack(root, "{s:I, s:o}", "schema", &schema,
			"findings", &arr) ||
	    !json_is_array(arr) || schema != REPORT_SCHEMA_VERSION) {
		error_at(path, 0, "not an opsdoc check report of schema %d; make "
			 "it with opsdoc check --format json", REPORT_SCHEMA_VERSION);
		json_decref(root);
		return -1;
	}
	k = xcalloc(json_array_size(arr) + 1, sizeof(*k));
	json_array_foreach(arr, i, j) {
		/* A class this opsdoc does not know matches no finding. */
		if (finding_class_by_name(string_of(j, "class"), &k[nk].class))
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
	case FINDING_MISSING_PADDING:
		strbuf_addf(sb, "padding the listing leaves out, as it does all "
			    "padding; the header has '%s'", f->header);
		break;
	case FINDING_REMOVED_MEMBER:
		strbuf_addf(sb, "listed as '%s', but the header has no such member",
			    f->doc);
		break;
	case FINDING_RENAMED_MEMBER:
		strbuf_addf(sb, "renamed: listed as '%s', the header has '%s'",
			    f->doc, f->header);
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
	case FINDING_TABLE_DRIFT:
		strbuf_adds(sb, !strcmp(f->doc, "row") ?
			    "a row of the section's table, but no prototype" :
			    "a prototype, but no row of the section's table");
		break;
	case FINDING_UNKNOWN_STRUCT:
		strbuf_addf(sb, "no struct %s in the tree; did you mean struct %s?",
			    f->doc, f->header);
		break;
	case FINDING_UNPARSABLE:
		strbuf_adds(sb, "the listing does not parse against the "
			    "tree's headers");
		if (f->doc && *f->doc)
			strbuf_addf(sb, " (%s)", f->doc);
		break;
	case FINDING_HEADER_UNPARSABLE:
		strbuf_addf(sb, "not compared: the struct's header does not parse "
			    "on its own in this configuration (%s)", f->header);
		break;
	case NR_FINDING_CLASSES:
		break;
	}
	return sb->buf;
}

/*
 * Is a document a translation (under a translations/ directory)? Their
 * maintainers follow the English text: their findings are kept apart.
 */
static int in_translation(const char *file)
{
	return !strncmp(file, "translations/", 13) || strstr(file, "/translations/");
}

static void finding_line(const struct finding *f, struct strbuf *msg,
			 struct strbuf *out)
{
	strbuf_addf(out, "%s:%u: %s: %s%s%s: %s [%s]", f->file, f->line,
		    finding_classes[f->class].severity, f->struct_name,
		    f->member ? "." : "", f->member ? f->member : "",
		    describe(f, msg), finding_class_name(f->class));
	/* The Makefile's line says nothing about an old version claim. */
	if (f->header_file && f->class != FINDING_OLD_VERSION)
		strbuf_addf(out, " (%s:%u%s%s)", f->header_file, f->header_line,
			    f->arch ? "; " : "", f->arch ? f->arch : "");
	strbuf_addch(out, '\n');
}

static void findings_text(const struct findings *fs, const struct coverages *cov,
			  struct strbuf *out)
{
	struct strbuf msg = STRBUF_INIT;
	size_t i, k, tf = 0, tl = 0;

	for (i = 0; i < fs->n; i++)
		if (!in_translation(fs->v[i].file))
			finding_line(&fs->v[i], &msg, out);
		else
			tf++;
	if (tf) {
		strbuf_adds(out, "\nIn the translations, which follow the English text:\n");
		for (i = 0; i < fs->n; i++)
			if (in_translation(fs->v[i].file))
				finding_line(&fs->v[i], &msg, out);
	}
	strbuf_addf(out, "\n%-48s %-22s %9s  %s\n", "document", "struct",
		    "described", "undescribed");
	for (i = 0; i < cov->n; i++) {
		const struct coverage *c = &cov->v[i];
		char frac[32];

		tl += in_translation(c->file);
		snprintf(frac, sizeof(frac), "%zu/%zu", c->described, c->total);
		strbuf_addf(out, "%-48s %-22s %9s ", c->file, c->struct_name, frac);
		for (k = 0; k < c->undescribed.nr; k++)
			strbuf_addf(out, " %s", c->undescribed.v[k]);
		strbuf_addch(out, '\n');
	}
	strbuf_addf(out, "\n%zu findings in %zu listings\n", fs->n - tf, cov->n - tl);
	if (tf || tl)
		strbuf_addf(out, "%zu findings in %zu listings of the translations\n",
			    tf, tl);
	if (cov->not_in_tree)
		strbuf_addf(out, "%zu more listings name a struct the tree does "
			    "not define (not in the tree)\n", cov->not_in_tree);
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

/*
 * Each part of the JSON report is made with json_pack(), which fails (as
 * json_array_append_new() of its NULL result then does) only on a text
 * that is not valid UTF-8.
 */
static json_t *since_json(const struct changes *c, const struct doc_listings *ls)
{
	json_t *jc = json_array(), *js = json_array(), *x;
	size_t i;

	for (i = 0; i < c->n; i++) {
		const struct change *ch = &c->v[i];

		x = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s, s:I}",
			      "struct", ch->struct_name, "member", ch->member,
			      "change", ch->what, "old", ch->old_decl,
			      "new", ch->new_decl, "file", ch->file,
			      "line", (json_int_t)ch->line);
		if (json_array_append_new(jc, x))
			goto fail;
	}
	for (i = 0; i < ls->n; i++) {
		const struct doc_listing *l = &ls->v[i];

		if (!changed_struct(c, l->struct_name))
			continue;
		x = json_pack("{s:s, s:I, s:I, s:s}", "file", l->file,
			      "line", (json_int_t)l->section_line,
			      "listing_line", (json_int_t)l->line,
			      "struct", l->struct_name);
		if (json_array_append_new(js, x))
			goto fail;
	}
	return json_pack("{s:s, s:s, s:o, s:o}", "rev", c->rev,
			 "version", c->then.version, "changes", jc, "sections", js);
fail:
	json_decref(jc);
	json_decref(js);
	return NULL;
}

static json_t *findings_json(const struct findings *fs)
{
	struct strbuf msg = STRBUF_INIT;
	json_t *jf = json_array(), *x;
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];

		x = json_pack("{s:s, s:I, s:s, s:s?, s:s, s:s, s:s, s:s, "
			      "s:{s:s, s:s, s:I}, s:b}",
			      "file", f->file, "line", (json_int_t)f->line,
			      "struct", f->struct_name, "member", f->member,
			      "class", finding_class_name(f->class),
			      "severity", finding_classes[f->class].severity,
			      "message", describe(f, &msg), "doc", f->doc,
			      "header",
			      "text", f->header,
			      "file", f->header_file ? f->header_file : "",
			      "line", (json_int_t)f->header_line,
			      "translation", in_translation(f->file));
		if (x && f->arch)
			json_object_set_new(x, "arch", json_string(f->arch));
		if (json_array_append_new(jf, x)) {
			json_decref(jf);
			jf = NULL;
			break;
		}
	}
	strbuf_release(&msg);
	return jf;
}

static json_t *coverage_json(const struct coverages *cov)
{
	json_t *jc = json_array(), *u, *x;
	size_t i, k;

	for (i = 0; i < cov->n; i++) {
		const struct coverage *c = &cov->v[i];

		u = json_array();
		for (k = 0; k < c->undescribed.nr; k++) {
			x = json_string(c->undescribed.v[k]);
			if (json_array_append_new(u, x))
				goto fail_undescribed;
		}
		x = json_pack("{s:s, s:s, s:I, s:I, s:o}", "file", c->file,
			      "struct", c->struct_name,
			      "described", (json_int_t)c->described,
			      "total", (json_int_t)c->total, "undescribed", u);
		if (json_array_append_new(jc, x))
			goto fail;
	}
	return jc;
fail_undescribed:
	json_decref(u);
fail:
	json_decref(jc);
	return NULL;
}

/* The findings and listings of the English documents and the translations. */
static json_t *totals_json(const struct report *r)
{
	json_int_t n[2][2] = { { 0, 0 }, { 0, 0 } };
	size_t i;

	for (i = 0; i < r->findings->n; i++)
		n[in_translation(r->findings->v[i].file)][0]++;
	for (i = 0; i < r->coverage->n; i++)
		n[in_translation(r->coverage->v[i].file)][1]++;
	return json_pack("{s:{s:I, s:I}, s:{s:I, s:I}}",
			 "english", "findings", n[0][0], "listings", n[0][1],
			 "translations", "findings", n[1][0], "listings", n[1][1]);
}

int report_json(const struct report *r, struct strbuf *out)
{
	json_t *root, *jf, *jc, *since = NULL;
	char *text;

	jf = findings_json(r->findings);
	jc = coverage_json(r->coverage);
	if (r->since)
		since = since_json(r->since, r->listings);
	if (!jf || !jc || (r->since && !since)) {
		json_decref(jf);
		json_decref(jc);
		json_decref(since);
		goto fail;
	}
	root = json_pack("{s:i, s:s, s:o, s:o, s:o*}",
			 "schema", REPORT_SCHEMA_VERSION, "kernel", r->api->version,
			 "findings", jf, "coverage", jc, "since", since);
	if (!root)
		goto fail;
	if (r->coverage->not_in_tree &&
	    json_object_set_new(root, "not_in_tree",
				json_integer(r->coverage->not_in_tree))) {
		json_decref(root);
		goto fail;
	}
	if (json_object_set_new(root, "totals", totals_json(r))) {
		json_decref(root);
		goto fail;
	}
	text = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2));
	strbuf_adds(out, text);
	strbuf_addch(out, '\n');
	free(text);
	json_decref(root);
	return 0;
fail:
	error_at(NULL, 0, "cannot write the report as JSON: a text in it is "
		 "not valid UTF-8; use --format text");
	return -1;
}

void report_text(const struct report *r, struct strbuf *out)
{
	findings_text(r->findings, r->coverage, out);
	if (r->since)
		since_text(r->since, r->api, r->listings, out);
}
