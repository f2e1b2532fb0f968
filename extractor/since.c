// SPDX-License-Identifier: GPL-2.0
/*
 * check --since: a tree's headers at a git revision, their model, and
 * how its members changed since. git and tar run from an argv.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "git.h"
#include "ktree.h"
#include "run.h"
#include "scratch.h"
#include "since.h"
#include "strbuf.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"

static void add_change(struct changes *c, const char *s, const struct member *old,
		       const struct member *new, const char *file)
{
	struct change *ch;

	c->v = xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
	ch = &c->v[c->n++];
	ch->struct_name = s;
	ch->member = (new ? new : old)->name;
	ch->what = !old ? "added" : !new ? "removed" : "changed";
	ch->old_decl = old ? old->decl : NULL;
	ch->new_decl = new ? new->decl : NULL;
	ch->file = file;
	ch->line = (new ? new : old)->line;
}

/*
 * Only what the headers need of REV, its Makefile, include/ and arch/, in
 * dir: git archive reads the repository, never writes it. KSRC must be
 * the top of the repository. 0, or -1 after an error.
 */
static int checkout_rev(const char *ksrc, const char *rev, const char *dir)
{
	static const char *const parts[] = { "Makefile", "include", "arch", NULL };
	const char *toplevel[] = { "rev-parse", "--show-toplevel", NULL };
	const char *verify[] = { "rev-parse", "--verify", "-q", NULL, NULL };
	const char *exists[] = { "cat-file", "-e", NULL, NULL };
	const char *tar[] = { "tar", "-x", "-f", NULL, "-C", dir, NULL };
	struct strbuf top = STRBUF_INIT, arg = STRBUF_INIT, file = STRBUF_INIT;
	struct strvec archive = STRVEC_INIT;
	int i, ret = -1;

	strvec_init(&archive);
	if (*rev == '-' || git_run(ksrc, toplevel, &top, 1))
		goto out;
	strbuf_rtrim(&top);
	if (strcmp(top.buf, ksrc))
		goto out;
	strbuf_addf(&arg, "%s^{commit}", rev);
	verify[3] = arg.buf;
	if (git_run(ksrc, verify, NULL, 1))
		goto out;
	strbuf_addf(&file, "%s/.opsdoc-rev.tar", dir);
	strvec_push(&archive, "archive");
	strvec_push(&archive, "--format=tar");
	strvec_push(&archive, "-o");
	strvec_push(&archive, file.buf);
	strvec_push(&archive, rev);
	for (i = 0; parts[i]; i++) {
		strbuf_reset(&arg);
		strbuf_addf(&arg, "%s:%s", rev, parts[i]);
		exists[2] = arg.buf;
		if (!git_run(ksrc, exists, NULL, 1))
			strvec_push(&archive, parts[i]);
	}
	tar[3] = file.buf;
	if (git_run(ksrc, (const char *const *)archive.v, NULL, 0) ||
	    run_program(tar, NULL))
		goto out;
	ret = 0;
out:
	if (file.len)
		unlink(file.buf);
	strvec_release(&archive);
	strbuf_release(&top);
	strbuf_release(&arg);
	strbuf_release(&file);
	return ret;
}

/* The flags of KSRC for a copy of it in dir: its paths pointed there. */
static void moved_flags(const struct strvec *args, const char *ksrc,
			const char *dir, struct strbuf *out)
{
	size_t i, n = strlen(ksrc);

	for (i = 0; i < args->nr; i++) {
		const char *a = args->v[i], *p = strstr(a, ksrc);

		if (p && (p[n] == '/' || !p[n])) {
			strbuf_add(out, a, p - a);
			strbuf_adds(out, dir);
			strbuf_adds(out, p + n);
		} else {
			strbuf_adds(out, a);
		}
		strbuf_addch(out, '\n');
	}
}

int model_at_rev(const struct ktree *kt, const char *rev, struct api *api)
{
	char *tmp;
	struct model_opts mo = { .scratch = 1 };
	struct strbuf flags = STRBUF_INIT, path = STRBUF_INIT;
	struct strvec args = STRVEC_INIT;
	struct ktree then = { 0 };
	int ret = -1;

	api_init(api);
	strvec_init(&args);
	if (ktree_load_flags(kt->flags, &args)) {
		strvec_release(&args);
		return -1;
	}
	tmp = scratch_dir("since");
	if (!tmp) {
		strvec_release(&args);
		return -1;
	}
	if (checkout_rev(kt->ksrc, rev, tmp)) {
		error_at(kt->ksrc, 0, "cannot read revision '%s'; --since needs "
			 "KSRC to be a git repository that has it", rev);
		goto out;
	}
	moved_flags(&args, kt->ksrc, tmp, &flags);
	strbuf_addf(&path, "%s/.opsdoc-flags", tmp);
	if (write_file_atomic(path.buf, flags.buf, flags.len))
		goto out;
	then.ksrc = tmp;
	then.kbuild = kt->kbuild;
	then.flags = path.buf;
	then.version = ktree_version(tmp);
	if (!then.version || model_for_tree(&then, &mo, api))
		goto out;
	ret = 0;
out:
	remove_tree(tmp);
	free(tmp);
	free(then.version);
	strvec_release(&args);
	strbuf_release(&flags);
	strbuf_release(&path);
	return ret;
}

void diff_models(const struct api *now, struct changes *c)
{
	const struct ops_struct *s, *old;
	const struct member *m, *om;

	for_each_struct(now, s) {
		old = find_struct_by_name(&c->then, s->name);
		for_each_member(s, m) {
			om = old ? find_member_by_name(old, m->name) : NULL;
			if (!om)
				add_change(c, s->name, NULL, m, s->file);
			else if (strcmp(om->decl, m->decl) || strcmp(om->type, m->type) ||
				 om->active != m->active)
				add_change(c, s->name, om, m, s->file);
		}
		if (!old)
			continue;
		for_each_member(old, om)
			if (!find_member_by_name(s, om->name))
				add_change(c, s->name, om, NULL, old->file);
	}
}

int changed_struct(const struct changes *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].struct_name, name))
			return 1;
	return 0;
}

void changes_release(struct changes *c)
{
	free(c->v);
	free(c->rev);
	api_release(&c->then);
	memset(c, 0, sizeof(*c));
}
