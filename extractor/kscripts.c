// SPDX-License-Identifier: GPL-2.0
/*
 * kscripts.c - get_maintainer.pl and checkpatch.pl of the kernel tree.
 *
 * get_maintainer.pl reads all of MAINTAINERS on every call, and a series
 * asks it of about a hundred files: its answers are kept in
 * $OPSDOC_CACHE/maintainers/KEY.txt, keyed on everything the answer
 * depends on (see maint_key()).
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "cache.h"
#include "fileio.h"
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

/*
 * Hash an argument of get_maintainer.pl into st: a file of the tree by
 * its name and contents; an absolute path (the script, a patch in a
 * scratch directory) by its contents alone, as its place does not change
 * the answer; anything else by itself.
 */
static void hash_arg(XXH3_state_t *st, const char *ksrc, const char *arg)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	int absolute = arg[0] == '/', is_file;

	if (absolute)
		strbuf_adds(&path, arg);
	else
		strbuf_addf(&path, "%s/%s", ksrc, arg);
	is_file = arg[0] != '-' && !strbuf_read_file(&text, path.buf);
	if (!absolute || !is_file)
		XXH3_64bits_update(st, arg, strlen(arg) + 1);
	if (is_file) {
		XXH3_64bits_update(st, "\1", 1);
		XXH3_64bits_update(st, text.buf, text.len);
	}
	strbuf_release(&path);
	strbuf_release(&text);
}

/*
 * What get_maintainer.pl's answer depends on: the script itself (an
 * argument), its arguments, and the files it reads: MAINTAINERS, the
 * files that configure it and the files and patches it is asked about
 * (their K: keywords and paths). Not git: every call has
 * --no-git-fallback, and opsdoc never asks for --git.
 */
static unsigned long long maint_key(const char *ksrc, const struct strvec *argv)
{
	static const char *const read[] = {
		"MAINTAINERS", ".mailmap", ".get_maintainer.conf",
		".get_maintainer.ignore", NULL
	};
	XXH3_state_t *st = XXH3_createState();
	unsigned long long key;
	size_t i;

	if (!st)
		die("out of memory");
	XXH3_64bits_reset(st);
	for (i = 0; read[i]; i++)
		hash_arg(st, ksrc, read[i]);
	for (i = 0; i < argv->nr; i++)
		hash_arg(st, ksrc, argv->v[i]);
	key = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	return key;
}

/*
 * Run get_maintainer.pl from @argv in @ksrc, its standard output into
 * @out, or take the answer the cache kept for the same question. Only a
 * run that succeeded is kept.
 */
static int run_get_maintainer(const char *ksrc, const struct strvec *argv,
			      struct strbuf *out)
{
	struct run_opts o = { ksrc, out, 1 };
	struct strbuf path = STRBUF_INIT;
	unsigned long long key = maint_key(ksrc, argv);
	int ret = 0;

	cache_file("maintainers", key, "txt", &path);
	if (strbuf_read_file(out, path.buf)) {
		strbuf_reset(out);
		ret = run_program((const char *const *)argv->v, &o);
		cache_file("maintainers", 0, NULL, &path);
		if (!ret && !mkdir_p(path.buf)) {
			cache_file("maintainers", key, "txt", &path);
			write_file_atomic(path.buf, out->buf, out->len);
		}
	}
	strbuf_release(&path);
	return ret;
}

int maintainers_addresses(const char *ksrc, int is_git,
			  const struct strvec *targets, int files,
			  struct strvec *to, struct strvec *cc)
{
	struct strbuf out = STRBUF_INIT, script = STRBUF_INIT;
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
	ret = run_get_maintainer(ksrc, &argv, &out);
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
	ret = run_get_maintainer(ksrc, &argv, &out);
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

/* checkpatch.pl's argv for @patches; NULL when they differ in sign-off. */
static const char **checkpatch_argv(const char *script,
				    const struct strvec *patches)
{
	const char **argv = xcalloc(patches->nr + 8, sizeof(*argv));
	struct strbuf text = STRBUF_INIT;
	int n = 0, signed_off = -1;
	size_t i;

	argv[n++] = "perl";
	argv[n++] = script;
	argv[n++] = "--strict";
	argv[n++] = "--no-summary";
	argv[n++] = "--terse";
	argv[n++] = "--showfile";
	for (i = 0; i < patches->nr; i++) {
		int s;

		strbuf_reset(&text);
		s = strbuf_read_file(&text, patches->v[i]) ||
		    strstr(text.buf, "\nSigned-off-by: ");
		if (signed_off >= 0 && s != signed_off) {
			free(argv);
			argv = NULL;
			goto out;
		}
		signed_off = s;
	}
	/* A patch nobody signed (no identity given) is not the sign-off's check. */
	if (!signed_off)
		argv[n++] = "--no-signoff";
	for (i = 0; i < patches->nr; i++)
		argv[n++] = patches->v[i];
out:
	strbuf_release(&text);
	return argv;
}

int checkpatch_strict(const char *ksrc, const struct strvec *patches,
		      const struct strvec *shown)
{
	struct strbuf out = STRBUF_INIT, script = STRBUF_INIT;
	struct run_opts o = { ksrc, &out, 1 };
	const char **argv;
	int ret = -1;
	size_t i;

	if (!patches->nr)
		return 0;
	strbuf_addf(&script, "%s/scripts/checkpatch.pl", ksrc);
	/*
	 * All at once, which costs one start of checkpatch.pl; only when it
	 * has something to say is each patch run alone, for an error that
	 * names the patch.
	 */
	argv = checkpatch_argv(script.buf, patches);
	if (argv) {
		ret = run_program(argv, &o);
		free(argv);
		if (!ret && !out.len)
			goto out;
	}
	ret = 0;
	for (i = 0; i < patches->nr; i++) {
		struct strvec one;

		strvec_init(&one);
		strvec_push(&one, patches->v[i]);
		strbuf_reset(&out);
		argv = checkpatch_argv(script.buf, &one);
		if (run_program(argv, &o) < 0 || out.len) {
			error_at(shown->v[i], 0,
				 "checkpatch.pl --strict is not clean:\n%s", out.buf);
			ret = -1;
		}
		free(argv);
		strvec_release(&one);
	}
out:
	strbuf_release(&out);
	strbuf_release(&script);
	return ret;
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
	/* As checkpatch_argv(): an unsigned patch gets --no-signoff. */
	else if (!strbuf_read_file(&text, path) && !strstr(text.buf, "\nSigned-off-by: "))
		strvec_push(&argv, "--no-signoff");
	strvec_push(&argv, path);
	ret = run_program((const char *const *)argv.v, &o);
	strvec_release(&argv);
	strbuf_release(&script);
	strbuf_release(&text);
	return ret;
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
