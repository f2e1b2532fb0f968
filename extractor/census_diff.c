// SPDX-License-Identifier: GPL-2.0
/*
 * census_diff.c - what moved between two trees: objects are matched by
 * file and name. Converted: .mmap in the old tree, .mmap_prepare in the
 * new one. Added and removed: objects with an mmap hook in one tree only.
 * Still legacy: .mmap in both.
 */
#include <stdlib.h>
#include <string.h>

#include "census.h"

static int mmap_kind(const struct census_obj *o)
{
	return (census_sets(o, HOOK_MMAP) ? 1 : 0) |
	       (census_sets(o, HOOK_MMAP_PREPARE) ? 2 : 0);
}

static int key_cmp(const struct census_obj *a, const struct census_obj *b)
{
	int r = strcmp(a->file, b->file);

	return r ? r : strcmp(a->name, b->name);
}

static const struct census_obj *find(const struct census *c,
				     const struct census_obj *o)
{
	size_t i;

	for (i = 0; i < c->nr_objs; i++)
		if (!key_cmp(&c->objs[i], o) && mmap_kind(&c->objs[i]))
			return &c->objs[i];
	return NULL;
}

void census_diff_text(const struct census *old, const struct census *new,
		      struct strbuf *out)
{
	struct strbuf conv = STRBUF_INIT, add = STRBUF_INIT, rem = STRBUF_INIT;
	unsigned int nconv = 0, nadd = 0, nrem = 0, nstill = 0;
	size_t i;

	for (i = 0; i < new->nr_objs; i++) {
		const struct census_obj *o = &new->objs[i], *p;
		int k = mmap_kind(o);

		if (!k)
			continue;
		p = find(old, o);
		if (!p) {
			nadd++;
			strbuf_addf(&add, "  %s:%u: %s (%s)\n", o->file, o->line,
				    o->name, k & 2 ? "mmap_prepare" : "mmap");
		} else if ((mmap_kind(p) & 1) && k == 2) {
			nconv++;
			strbuf_addf(&conv, "  %s:%u: %s: %s() -> %s()\n", o->file,
				    o->line, o->name, p->hooks[HOOK_MMAP].func,
				    o->hooks[HOOK_MMAP_PREPARE].func);
		} else if ((mmap_kind(p) & 1) && (k & 1)) {
			nstill++;
		}
	}
	for (i = 0; i < old->nr_objs; i++) {
		const struct census_obj *o = &old->objs[i];

		if (mmap_kind(o) && !find(new, o)) {
			nrem++;
			strbuf_addf(&rem, "  %s:%u: %s\n", o->file, o->line, o->name);
		}
	}
	strbuf_addf(out, "census diff %s -> %s: converted %u, added %u, removed %u, "
		    "still legacy %u\n", old->tree.version, new->tree.version,
		    nconv, nadd, nrem, nstill);
	strbuf_addf(out, "\nconverted (%u):\n%s", nconv, conv.buf);
	strbuf_addf(out, "\nadded (%u):\n%s", nadd, add.buf);
	strbuf_addf(out, "\nremoved (%u):\n%s", nrem, rem.buf);
	strbuf_release(&conv);
	strbuf_release(&add);
	strbuf_release(&rem);
}
