// SPDX-License-Identifier: GPL-2.0
/*
 * census_text.c - the census as text to paste into a mail: the totals per
 * subsystem, the legacy implementations with their users, class and
 * recipe, and the files that could not be read.
 */
#include "census.h"

static void total_row(struct strbuf *out, const struct census_total *t)
{
	strbuf_addf(out, "%-28s %7u %7u %9u %5u %7u\n", t->name, t->objects,
		    t->legacy, t->converted, t->both, t->gua);
}

void census_text(const struct census *c, struct strbuf *out)
{
	struct strbuf cv = STRBUF_INIT;
	unsigned int by_class[NR_CLASSES] = { 0 };
	size_t i;
	int k;

	strbuf_addf(out, "mmap migration census of Linux %s: %u files, "
		    "%zu file_operations, %zu legacy implementations%s\n\n",
		    c->tree.version, c->files, c->nr_objs, c->nr_impls,
		    c->tree.has_prepare ? "" : " (this tree has no mmap_prepare)");
	strbuf_addf(out, "%-28s %7s %7s %9s %5s %7s\n", "subsystem", "objects",
		    "legacy", "converted", "both", "gua");
	for (i = 0; i < c->nr_totals; i++) {
		const struct census_total *t = &c->totals[i];

		if (t->legacy || t->converted || t->both || t->gua ||
		    i + 1 == c->nr_totals)
			total_row(out, t);
	}
	for (i = 0; i < c->nr_impls; i++)
		by_class[c->impls[i].class]++;
	strbuf_adds(out, "\nlegacy implementations by class:");
	for (k = 0; k < NR_CLASSES; k++)
		strbuf_addf(out, " %s %u%s", census_class_names[k], by_class[k],
			    k + 1 < NR_CLASSES ? "," : "\n");
	strbuf_adds(out, "\nlegacy .mmap implementations (users, class):\n");
	for (i = 0; i < c->nr_impls; i++) {
		const struct census_fn *f = &c->impls[i];

		if (f->file)
			strbuf_addf(out, "%s:%u: %s() users %u, %s: %s\n", f->file,
				    f->line, f->name, f->users,
				    census_class_names[f->class], f->decided);
		else
			strbuf_addf(out, "(not found): %s() users %u, unknown\n",
				    f->name, f->users);
		strbuf_addf(out, "    %s\n", f->recipe);
		census_convert_status(f, &cv);
		strbuf_addf(out, "    convert: %s\n", cv.buf);
	}
	strbuf_release(&cv);
	strbuf_addf(out, "\nfiles that could not be read or tokenised: %zu\n",
		    c->nr_errs);
	for (i = 0; i < c->nr_errs; i++)
		strbuf_addf(out, "%s:%u: error: %s\n", c->errs[i].file,
			    c->errs[i].line, c->errs[i].msg);
}
