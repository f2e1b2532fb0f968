// SPDX-License-Identifier: GPL-2.0
/*
 * git.c - git, run from an argv in a directory; for series (its scratch
 * repository, the tree's HEAD) and check --since (git archive).
 */
#include "git.h"
#include "run.h"
#include "strbuf.h"
#include "strvec.h"
#include "util.h"

int git_run(const char *dir, const char *const *args, struct strbuf *out,
	    int quiet)
{
	struct strbuf discard = STRBUF_INIT;
	struct run_opts o = { dir, out ? out : &discard, quiet };
	struct strvec argv = STRVEC_INIT;
	int ret;

	strvec_init(&argv);
	strvec_push(&argv, "git");
	while (*args)
		strvec_push(&argv, *args++);
	ret = run_program((const char *const *)argv.v, &o);
	if (ret > 0 && !quiet)
		error_at(dir, 0, "git %s failed (exit %d)", argv.v[1], ret);
	strvec_release(&argv);
	strbuf_release(&discard);
	return ret;
}
