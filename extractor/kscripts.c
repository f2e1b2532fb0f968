// SPDX-License-Identifier: GPL-2.0
/*
 * kscripts.c - get_maintainer.pl and checkpatch.pl of the kernel tree.
 */
#include <stdlib.h>
#include <string.h>

#include "kscripts.h"
#include "run.h"
#include "strbuf.h"
#include "strvec.h"
#include "util.h"

/*
 * perl KSRC/scripts/get_maintainer.pl with the options every call has.
 * Perl orders a hash's keys at random, and get_maintainer.pl lists the
 * sections that match a file equally well in that order: a fixed hash
 * seed makes the same tree give the same answer every time.
 */
static void get_maintainer_argv(const char *ksrc, struct strbuf *script,
				struct strvec *argv)
{
	setenv("PERL_HASH_SEED", "0", 1);
	setenv("PERL_PERTURB_KEYS", "0", 1);
	strbuf_addf(script, "%s/scripts/get_maintainer.pl", ksrc);
	strvec_init(argv);
	strvec_push(argv, "perl");
	strvec_push(argv, script->buf);
	strvec_push(argv, "--no-git-fallback");
}

int maintainers_addresses(const char *ksrc, int is_git,
			  const struct strvec *targets, int files,
			  struct strvec *to, struct strvec *cc)
{
	struct strbuf out = STRBUF_INIT, script = STRBUF_INIT;
	struct run_opts o = { ksrc, &out, 1 };
	struct strvec argv;
	char *line, *save = NULL;
	size_t i;
	int ret;

	if (!targets->nr)
		return 0;
	get_maintainer_argv(ksrc, &script, &argv);
	strvec_push(&argv, "--rolestats");
	if (!is_git)
		strvec_push(&argv, "--no-git");
	if (files)
		strvec_push(&argv, "-f");
	for (i = 0; i < targets->nr; i++)
		strvec_push(&argv, targets->v[i]);
	ret = run_program((const char *const *)argv.v, &o);
	if (ret) {
		error_at(script.buf, 0, "failed on %s (exit %d); is this a kernel "
			 "tree with its MAINTAINERS?", targets->v[0], ret);
		goto out;
	}
	for (line = strtok_r(out.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		/* The role follows the address: a name may hold " (" too. */
		char *at = strchr(line, '@');
		char *role = at ? strstr(at, " (") : NULL;
		int is_maint = role && !strncmp(role + 2, "maintainer:", 11);

		if (!at)
			continue;
		if (role)
			*role = '\0';
		strvec_push_unique(is_maint ? to : cc, line);
	}
out:
	strvec_release(&argv);
	strbuf_release(&out);
	strbuf_release(&script);
	return ret ? -1 : 0;
}

/* Keep the section that ends before line, if it has a maintainer. */
static void keep_section(struct maint_section **v, int *n, struct maint_section *cur,
			 int has_m)
{
	if (cur->name && has_m && strcmp(cur->name, "THE REST")) {
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[(*n)++] = *cur;
	} else {
		free(cur->name);
		free(cur->tree);
	}
	memset(cur, 0, sizeof(*cur));
}

static int by_exact(const void *a, const void *b)
{
	const struct maint_section *x = a, *y = b;

	return y->exact - x->exact;
}

int maintainers_sections(const char *ksrc, const char *file,
			 struct maint_section **v)
{
	struct strbuf out = STRBUF_INIT, script = STRBUF_INIT;
	struct run_opts o = { ksrc, &out, 1 };
	struct maint_section cur = { 0 };
	struct strvec argv;
	char *line, *next;
	int n = 0, has_m = 0, ret, i;

	*v = NULL;
	get_maintainer_argv(ksrc, &script, &argv);
	strvec_push(&argv, "--no-git");
	strvec_push(&argv, "--sections");
	strvec_push(&argv, "-f");
	strvec_push(&argv, file);
	ret = run_program((const char *const *)argv.v, &o);
	if (ret) {
		error_at(script.buf, 0, "--sections failed on %s (exit %d); is "
			 "this a kernel tree with its MAINTAINERS?", file, ret);
		n = -1;
		goto out;
	}
	for (line = out.buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!*line) {
			keep_section(v, &n, &cur, has_m);
			has_m = 0;
		} else if (!cur.name) {
			cur.name = xstrdup(line);
		} else if (line[1] == ':' && line[2] == '\t') {
			has_m |= line[0] == 'M';
			/* "T:	git URL", or the older "T:	git://...". */
			if (line[0] == 'T' && !cur.tree && !strncmp(line + 3, "git ", 4))
				cur.tree = xstrdup(line + 7);
			else if (line[0] == 'T' && !cur.tree &&
				 !strncmp(line + 3, "git://", 6))
				cur.tree = xstrdup(line + 3);
			if (line[0] == 'F' && !strcmp(line + 3, file))
				cur.exact = 1;
		}
	}
	keep_section(v, &n, &cur, has_m);
	/* Exact matches first; an insertion sort keeps the order of the rest. */
	for (i = 1; i < n; i++) {
		struct maint_section t = (*v)[i];
		int k = i;

		while (k > 0 && by_exact(&(*v)[k - 1], &t) > 0) {
			(*v)[k] = (*v)[k - 1];
			k--;
		}
		(*v)[k] = t;
	}
out:
	strvec_release(&argv);
	strbuf_release(&out);
	strbuf_release(&script);
	return n;
}

void maint_sections_free(struct maint_section *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].tree);
	}
	free(v);
}

int checkpatch_run(const char *ksrc, const char *path, int file, int types,
		   struct strbuf *out)
{
	struct strbuf script = STRBUF_INIT, text = STRBUF_INIT;
	struct run_opts o = { ksrc, out, 1 };
	struct strvec argv;
	int ret;

	strbuf_addf(&script, "%s/scripts/checkpatch.pl", ksrc);
	strvec_init(&argv);
	strvec_push(&argv, "perl");
	strvec_push(&argv, script.buf);
	strvec_push(&argv, "--strict");
	strvec_push(&argv, "--no-summary");
	strvec_push(&argv, "--terse");
	strvec_push(&argv, "--showfile");
	if (types)
		strvec_push(&argv, "--show-types");
	if (file)
		strvec_push(&argv, "-f");
	/* A patch nobody signed (no identity given) is not the sign-off's check. */
	else if (!strbuf_read_file(&text, path) && !strstr(text.buf, "\nSigned-off-by: "))
		strvec_push(&argv, "--no-signoff");
	strvec_push(&argv, path);
	ret = run_program((const char *const *)argv.v, &o);
	strvec_release(&argv);
	strbuf_release(&script);
	strbuf_release(&text);
	return ret;
}

int checkpatch_strict(const char *ksrc, const char *patch, const char *shown)
{
	struct strbuf out = STRBUF_INIT;
	int ret;

	ret = checkpatch_run(ksrc, patch, 0, 0, &out);
	if (ret < 0 || out.len) {
		error_at(shown, 0, "checkpatch.pl --strict is not clean:\n%s", out.buf);
		ret = -1;
	}
	strbuf_release(&out);
	return ret ? -1 : 0;
}

int tree_takes_assisted_by(const char *ksrc)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	int ret;

	strbuf_addf(&path, "%s/scripts/checkpatch.pl", ksrc);
	/*
	 * Some stable trees' checkpatch.pl knows the tag but wants an
	 * "AGENT_NAME:MODEL_VERSION" value, which a tool that is not a
	 * model cannot give: no tag there.
	 */
	ret = !strbuf_read_file(&text, path.buf) &&
	      strstr(text.buf, "Assisted-by:") &&
	      !strstr(text.buf, "AGENT_NAME:MODEL_VERSION");
	strbuf_release(&path);
	strbuf_release(&text);
	return ret;
}
