// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc convert - a patch per file converting the tree's mechanical
 * legacy .mmap implementations to .mmap_prepare, as one series.
 *
 * The census (census_convert.c) says which implementations the semantic
 * patch may convert; every other mechanical one is reported with the line
 * and the reason. Each file is converted by spatch on a copy, built with
 * W=1 before and after, committed in a scratch git repository and written
 * out by git format-patch; the patches get checkpatch.pl --strict and the
 * addresses of get_maintainer.pl, the MEMORY MAPPING section and its list.
 * DIR/convert.txt lists what became of every implementation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "builtin.h"
#include "cache.h"
#include "census.h"
#include "census_int.h"
#include "convert.h"
#include "datadir.h"
#include "fileio.h"
#include "git.h"
#include "ktree.h"
#include "mail.h"
#include "options.h"
#include "kscripts.h"
#include "run.h"
#include "util.h"

static const char convert_usage[] =
	"opsdoc convert [-k KSRC] [-b BUILD_DIR] [--no-build] [--signoff ID]\n"
	"                      [-q] -o DIR [FUNCTION|FILE ...]";

enum {
	OPT_KSRC, OPT_KBUILD, OPT_NO_BUILD, OPT_SIGNOFF, OPT_OUTPUT, OPT_QUIET,
	NR_OPTS
};

static const struct opt convert_opts[] = {
	[OPT_KSRC] = { 'k', "ksrc", "KSRC", "kernel source tree (default: the newest linux-source package)" },
	[OPT_KBUILD] = { 'b', "kbuild", "BUILD_DIR", "an x86_64 allmodconfig build directory prepared with LLVM=-19 (default: the cache's, made on first use)" },
	[OPT_NO_BUILD] = { 0, "no-build", NULL, "do not compile-test (the patches say so)" },
	[OPT_SIGNOFF] = { 0, "signoff", "ID", "\"Name <mail>\" for Signed-off-by (default: git config's)" },
	[OPT_OUTPUT] = { 'o', "output", "DIR", "write the series and convert.txt here" },
	[OPT_QUIET] = { 'q', "quiet", NULL, "no progress" },
	[NR_OPTS] = { 0 },
};

/* Is implementation @f wanted by the operands (none: all)? */
static int wanted(const struct census_fn *f, char **ops, int n)
{
	int i;

	if (!n)
		return 1;
	for (i = 0; i < n; i++)
		if (!strcmp(ops[i], f->name) || (f->file && !strcmp(ops[i], f->file)))
			return 1;
	return 0;
}

/* The cache's allmodconfig build directory, prepared once. */
static int build_dir(const char *ksrc, const char *version, struct strbuf *dir)
{
	const char *cfg[] = {
		"nice", "-n", "10", "make", "-s", "-C", ksrc, NULL, "LLVM=-19",
		"allmodconfig", NULL
	};
	const char *prep[] = {
		"nice", "-n", "10", "make", "-s", "-C", ksrc, NULL, "LLVM=-19",
		"-j2", "modules_prepare", NULL
	};
	struct strbuf o = STRBUF_INIT, stamp = STRBUF_INIT;
	struct run_opts ro = { NULL, NULL, 0 };
	int ret = -1;

	cache_file("convert", 0, NULL, dir);
	strbuf_addf(dir, "/allmod-%s", version);
	strbuf_addf(&stamp, "%s/.opsdoc-prepared", dir->buf);
	if (convert_prepared(dir->buf))
		return 0;
	if (mkdir_p(dir->buf)) {
		error_at(dir->buf, 0, "cannot create: %s", strerror(errno));
		goto out;
	}
	strbuf_addf(&o, "O=%s", dir->buf);
	cfg[7] = prep[7] = o.buf;
	note_at(dir->buf, 0, "preparing an x86_64 allmodconfig build directory "
		"(once; modules_prepare with LLVM=-19)");
	if (run_program(cfg, &ro) || run_program(prep, &ro)) {
		error_at(dir->buf, 0, "make allmodconfig modules_prepare failed; "
			 "is clang-19 installed (scripts/deps.sh)?");
		goto out;
	}
	ret = write_file_atomic(stamp.buf, "", 0);
out:
	strbuf_release(&o);
	strbuf_release(&stamp);
	return ret;
}

/* The notes below "---" of a patch not compile-tested. */
static void notes(struct strbuf *patch, const char *text)
{
	struct strbuf out = STRBUF_INIT;
	const char *d = strstr(patch->buf, "\n---\n");

	if (!d)
		return;
	strbuf_add(&out, patch->buf, d + 5 - patch->buf);
	strbuf_add_wrapped(&out, text, 72, "", "");
	strbuf_adds(&out, "\n");
	strbuf_adds(&out, d + 5);
	strbuf_reset(patch);
	strbuf_add(patch, out.buf, out.len);
	strbuf_release(&out);
}

static void cover_text(const struct convert_ctx *x, size_t nr, struct strbuf *subj,
		       struct strbuf *body)
{
	struct strbuf cocci = STRBUF_INIT, para = STRBUF_INIT;

	/* Treewide: the patches touch drivers of many trees, and no mm/ file. */
	strbuf_addf(subj, "treewide: convert %zu mmap hooks to mmap_prepare", nr);
	strbuf_addf(&para, "These patches convert legacy f_op->mmap hooks of Linux "
		    "%s to f_op->mmap_prepare, one file each. Each was produced by "
		    "the semantic patch below, applied with Coccinelle %s by opsdoc "
		    "convert to hooks whose every statement is of a form that the "
		    "patch converts without a change of behaviour; where a hook "
		    "has kernel-doc, opsdoc renamed it, which spatch does not "
		    "reach. The patches do not depend on each other: each can go "
		    "through the tree of its subsystem. Each file was "
		    "built with W=1 in the allmodconfig of its architecture with "
		    "clang 19 before and after, with no new warning, unless its "
		    "patch says otherwise after its '---' line. None was run. "
		    "Where a log says that the checks return the same errors, "
		    "that holds apart from which error wins when VMA allocation "
		    "also fails: mm now calls the hook before it allocates the "
		    "VMA, so the hook's own error is returned where -ENOMEM was "
		    "before.", x->version,
		    x->spatch_version);
	strbuf_add_wrapped(body, para.buf, 72, "", "");
	strbuf_adds(body, "\nThe semantic patch (spatch -D fn=HOOK):\n\n");
	strbuf_read_file(&cocci, x->cocci);
	strbuf_add(body, cocci.buf, cocci.len);
	strbuf_release(&cocci);
	strbuf_release(&para);
}

/* Add @text to @set as @path; @keep owns the text until the commit. */
static void keep_add(struct file_set *set, struct strvec *keep, const char *path,
		     struct strbuf *text)
{
	char *d = strbuf_detach(text);

	strvec_push_owned(keep, d);
	file_set_add(set, path, d, strlen(d));
}

/* Who writes the commits, and when: the same inputs give the same bytes. */
static void git_env(const char *id, const char *ksrc)
{
	struct strbuf name = STRBUF_INIT, mail = STRBUF_INIT, when = STRBUF_INIT,
		      mk = STRBUF_INIT;
	const char *lt = strchr(id, '<'), *env = getenv("SOURCE_DATE_EPOCH");
	struct stat st;
	long long t = 0;

	strbuf_add(&name, id, lt - id - (lt > id && lt[-1] == ' '));
	strbuf_add(&mail, lt + 1, strlen(lt + 1) - 1);
	strbuf_addf(&mk, "%s/Makefile", ksrc);
	if (env && *env)
		t = strtoll(env, NULL, 10);
	else if (!stat(mk.buf, &st))
		t = st.st_mtime;
	strbuf_addf(&when, "@%lld +0000", t);
	setenv("GIT_AUTHOR_NAME", name.buf, 1);
	setenv("GIT_AUTHOR_EMAIL", mail.buf, 1);
	setenv("GIT_COMMITTER_NAME", name.buf, 1);
	setenv("GIT_COMMITTER_EMAIL", mail.buf, 1);
	setenv("GIT_AUTHOR_DATE", when.buf, 1);
	setenv("GIT_COMMITTER_DATE", when.buf, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	strbuf_release(&name);
	strbuf_release(&mail);
	strbuf_release(&when);
	strbuf_release(&mk);
}

/*
 * Return: 0, -1 after an error, or 1 when checkpatch.pl found a patch not
 * clean: its file is marked failed, and the series must be made again.
 */
static int write_series(const struct convert_ctx *x, struct convert_file *files,
			size_t nr, const char *id, const char *outdir,
			struct strbuf *report, int round)
{
	/* The tag that says a tool made the patch, where the tree knows it. */
	int assisted = tree_takes_assisted_by(x->ksrc);
	int again = 0;
	const char *init[] = { "init", "-q", NULL };
	const char *add[] = { "add", "-A", NULL };
	const char *ci[] = { "commit", "-q", "--no-verify", "-F", NULL, NULL };
	const char *fp[] = {
		"format-patch", "-q", "--cover-letter", "--no-signature",
		"--no-thread", "-o", "out", NULL, NULL
	};
	struct strbuf repo = STRBUF_INIT, msg = STRBUF_INIT, mf = STRBUF_INIT,
		      subj = STRBUF_INIT, body = STRBUF_INIT, range = STRBUF_INIT,
		      path = STRBUF_INIT, text = STRBUF_INIT, cp = STRBUF_INIT,
		      had = STRBUF_INIT, before = STRBUF_INIT, after = STRBUF_INIT,
		      mailed = STRBUF_INIT;
	struct strvec names = STRVEC_INIT, all_to = STRVEC_INIT, all_cc = STRVEC_INIT,
		      mm_to = STRVEC_INIT, mm_cc = STRVEC_INIT, keep = STRVEC_INIT;
	struct file_set set = { 0 };
	size_t i, k, n = 0;
	int ret = -1;

	strvec_init(&names);
	strvec_init(&all_to);
	strvec_init(&all_cc);
	strvec_init(&mm_to);
	strvec_init(&mm_cc);
	strvec_init(&keep);
	convert_section(x->ksrc, "MEMORY MAPPING", &mm_to, &mm_cc);
	git_env(id, x->ksrc);
	strbuf_addf(&repo, "%s/repo%d", x->scratch, round);
	strbuf_addf(&mf, "%s/msg", x->scratch);
	ci[4] = mf.buf;
	if (mkdir_p(repo.buf) || git_run(repo.buf, init, NULL, 0))
		goto out;
	for (i = 0; i < nr; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", x->ksrc, files[i].path);
		strbuf_reset(&text);
		if (!files[i].failed.len && !strbuf_read_file(&text, path.buf)) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", repo.buf, files[i].path);
			*strrchr(path.buf, '/') = '\0';
			mkdir_p(path.buf);
			path.buf[strlen(path.buf)] = '/';
			write_file_atomic(path.buf, text.buf, text.len);
		}
	}
	strbuf_adds(&msg, "The files as the tree has them\n");
	if (write_file_atomic(mf.buf, msg.buf, msg.len) || git_run(repo.buf, add, NULL, 0) ||
	    git_run(repo.buf, ci, NULL, 0))
		goto out;
	for (i = 0; i < nr; i++) {
		struct convert_file *f = &files[i];

		if (f->failed.len)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", repo.buf, f->path);
		strbuf_reset(&msg);
		convert_subject(x, f, &subj);
		strbuf_addf(&msg, "%s\n\n", subj.buf);
		convert_log(x, f, &msg);
		strbuf_addf(&msg, "\n%sSigned-off-by: %s\n",
			    assisted ? "Assisted-by: LLM opsdoc coccinelle\n" : "", id);
		if (write_file_atomic(path.buf, f->text.buf, f->text.len) ||
		    write_file_atomic(mf.buf, msg.buf, msg.len) ||
		    git_run(repo.buf, add, NULL, 0) || git_run(repo.buf, ci, NULL, 0))
			goto out;
		n++;
	}
	if (!n) {
		ret = 0;
		goto out;
	}
	strbuf_addf(&range, "HEAD~%zu", n);
	fp[7] = range.buf;
	if (git_run(repo.buf, fp, NULL, 0))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/out", repo.buf);
	if (list_files(path.buf, ".patch", 0, &names) || names.nr != n + 1)
		goto out;
	if (mkdir_p(outdir)) {
		error_at(outdir, 0, "cannot create: %s", strerror(errno));
		goto out;
	}
	/* The patches, then the cover letter, which goes to everyone. */
	for (i = 1, k = 0; i < names.nr; i++, k++) {
		struct strvec to = STRVEC_INIT, cc = STRVEC_INIT;
		size_t j;

		while (files[k].failed.len)
			k++;
		strvec_init(&to);
		strvec_init(&cc);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/out/%s", repo.buf, names.v[i]);
		strbuf_reset(&text);
		strbuf_read_file(&text, path.buf);
		if (files[k].built != 1) {
			struct strbuf why = STRBUF_INIT;

			strbuf_addf(&why, "%s.", files[k].build.buf);
			why.buf[0] = 'N';
			notes(&text, why.buf);
			strbuf_release(&why);
		}
		write_file_atomic(path.buf, text.buf, text.len);
		strbuf_reset(&cp);
		strbuf_reset(&had);
		strbuf_reset(&before);
		strbuf_addf(&before, "%s/%s", x->ksrc, files[k].path);
		strbuf_reset(&after);
		strbuf_addf(&after, "%s/spatch/%s", x->scratch, files[k].path);
		if (convert_checkpatch(x->ksrc, path.buf, before.buf, after.buf, &cp, &had) &&
		    !cp.len)
			strbuf_adds(&cp, "checkpatch.pl did not run");
		else if (cp.len) {
			strbuf_rtrim(&cp);
			strbuf_addf(&files[k].failed, "checkpatch.pl --strict is not clean "
				    "on the lines the conversion changes:\n%s", cp.buf);
			again = 1;
		}
		if (x->has_tools) {
			struct strvec one = STRVEC_INIT;
			int err;

			strvec_init(&one);
			strvec_push(&one, path.buf);
			err = maintainers_addresses(x->ksrc, 0, &one, 0, &to, &cc);
			strvec_release(&one);
			if (err)
				goto out;
		}
		for (j = 0; j < mm_to.nr; j++)
			strvec_push_unique(&to, mm_to.v[j]);
		for (j = 0; j < mm_cc.nr; j++)
			strvec_push_unique(&cc, mm_cc.v[j]);
		for (j = 0; j < to.nr; j++) {
			strvec_remove(&cc, to.v[j]);
			strvec_push_unique(&all_to, to.v[j]);
		}
		for (j = 0; j < cc.nr; j++)
			strvec_push_unique(&all_cc, cc.v[j]);
		strbuf_reset(&mailed);
		mail_add_recipients(&text, &to, &cc, &mailed);
		strbuf_reset(&text);
		strbuf_add(&text, mailed.buf, mailed.len);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", outdir, names.v[i]);
		keep_add(&set, &keep, path.buf, &text);
		strbuf_rtrim(&cp);
		strbuf_rtrim(&had);
		strbuf_addf(report, "%s: patch %s, %s, %s%s%s", files[k].path, names.v[i],
			    files[k].built == 1 ? "built" : files[k].build.buf,
			    files[k].kdoc ? "kernel-doc clean, " : "",
			    cp.len ? "checkpatch:\n" : "checkpatch clean", cp.buf);
		if (had.len)
			strbuf_addf(report, " (what the lines had before, which the "
				    "conversion keeps:\n%s)", had.buf);
		strbuf_addch(report, '\n');
		strvec_release(&to);
		strvec_release(&cc);
	}
	if (again) {
		ret = 1;
		goto out;
	}
	for (i = 0; i < all_to.nr; i++)
		strvec_remove(&all_cc, all_to.v[i]);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/out/%s", repo.buf, names.v[0]);
	strbuf_reset(&text);
	strbuf_read_file(&text, path.buf);
	strbuf_reset(&subj);
	strbuf_reset(&body);
	cover_text(x, n, &subj, &body);
	if (mail_fill_cover(&text, &subj, &body))
		goto out;
	strbuf_reset(&mailed);
	mail_add_recipients(&text, &all_to, &all_cc, &mailed);
	strbuf_reset(&text);
	strbuf_add(&text, mailed.buf, mailed.len);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/%s", outdir, names.v[0]);
	keep_add(&set, &keep, path.buf, &text);
	ret = file_set_commit(&set);
out:
	strbuf_release(&repo);
	strbuf_release(&msg);
	strbuf_release(&mf);
	strbuf_release(&subj);
	strbuf_release(&body);
	strbuf_release(&range);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&cp);
	strbuf_release(&had);
	strbuf_release(&mailed);
	strbuf_release(&before);
	strbuf_release(&after);
	strvec_release(&names);
	strvec_release(&all_to);
	strvec_release(&all_cc);
	strvec_release(&mm_to);
	strvec_release(&mm_cc);
	file_set_release(&set);
	strvec_release(&keep);
	return ret;
}

static char *spatch_version(void)
{
	const char *argv[] = { "spatch", "--version", NULL };
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = { NULL, &out, 1 };
	char *v = NULL;
	const char *p;

	if (!run_program(argv, &o) && (p = strstr(out.buf, "version ")))
		v = xstrndup(p + 8, strcspn(p + 8, " \n"));
	strbuf_release(&out);
	return v;
}

int cmd_convert(int argc, char **argv)
{
	const char *v[NR_OPTS], *datadir;
	struct census c;
	struct census_opts co = { 0 };
	struct ktree kt = { 0 };
	struct convert_ctx x = { 0 };
	struct convert_file *files = NULL;
	struct strbuf id = STRBUF_INIT, bdir = STRBUF_INIT, cocci = STRBUF_INIT,
		      scratch = STRBUF_INIT, report = STRBUF_INIT, path = STRBUF_INIT,
		      refused = STRBUF_INIT, head = STRBUF_INIT;
	size_t nr = 0, i, k;
	unsigned int mech = 0, nref = 0;
	int first, ret = EXIT_USAGE;

	memset(&c, 0, sizeof(c));
	first = parse_opts(argc, argv, convert_opts, convert_usage, v);
	if (first == OPTS_HELP)
		return 0;
	if (first == OPTS_ERROR)
		return EXIT_USAGE;
	if (!v[OPT_OUTPUT]) {
		error_at(NULL, 0, "-o DIR is required: where the series goes");
		return EXIT_USAGE;
	}
	opsdoc_quiet = v[OPT_QUIET] != NULL;
	if (mail_signoff_identity(v[OPT_SIGNOFF], &id, 0))
		goto out;
	x.spatch_version = spatch_version();
	if (!x.spatch_version) {
		error_at(NULL, 0, "spatch not found: install coccinelle (scripts/deps.sh)");
		ret = 2;
		goto out;
	}
	datadir = data_subdir("cocci");
	strbuf_addf(&cocci, "%s/mmap_prepare.cocci", datadir);
	if (access(cocci.buf, R_OK)) {
		error_at(cocci.buf, 0, "the semantic patch is missing; set OPSDOC_DATADIR");
		ret = 2;
		goto out;
	}
	if (v[OPT_KSRC])
		kt.ksrc = xstrdup(v[OPT_KSRC]);
	else if (ktree_resolve(&kt, NULL, NULL, NULL))
		goto out;
	if (ktree_check(kt.ksrc))
		goto out;
	co.ksrc = kt.ksrc;
	co.jobs = 2;
	co.nr_shards = 1;
	co.use_cache = 1;
	if (census_run(&co, &c))
		goto out;
	x.ksrc = kt.ksrc;
	x.version = c.tree.version;
	x.cocci = cocci.buf;
	if (!c.tree.has_prepare) {
		error_at(kt.ksrc, 0, "Linux %s has no .mmap_prepare: nothing to convert to",
			 c.tree.version);
		ret = 2;
		goto out;
	}
	if (!v[OPT_NO_BUILD]) {
		if (v[OPT_KBUILD] && !convert_prepared(v[OPT_KBUILD])) {
			error_at(v[OPT_KBUILD], 0, "not a prepared build directory: run "
				 "make O=DIR LLVM=-19 allmodconfig modules_prepare, then "
				 "touch DIR/.opsdoc-prepared");
			ret = 2;
			goto out;
		}
		if (v[OPT_KBUILD])
			strbuf_adds(&bdir, v[OPT_KBUILD]);
		else if (build_dir(kt.ksrc, c.tree.version, &bdir))
			goto out;
		x.build_dir = bdir.buf;
	}
	cache_file("convert", 0, NULL, &scratch);
	mkdir_p(scratch.buf);
	strbuf_adds(&scratch, "/run.XXXXXX");
	if (!mkdtemp(scratch.buf)) {
		error_at(scratch.buf, 0, "cannot create: %s", strerror(errno));
		goto out;
	}
	x.scratch = scratch.buf;
	strbuf_addf(&path, "%s/scripts/get_maintainer.pl", kt.ksrc);
	x.has_tools = !access(path.buf, R_OK);
	x.maint = maintainers_read(kt.ksrc);
	strbuf_reset(&path);
	/* The implementations, one file each, in the census's order. */
	for (i = 0; i < c.nr_impls; i++) {
		const struct census_fn *f = &c.impls[i];

		if (!f->mechanical || !wanted(f, argv + first, argc - first))
			continue;
		mech++;
		if (f->convert) {
			nref++;
			strbuf_addf(&refused, "%s:%u: %s(): needs review: %s\n", f->file,
				    f->line, f->name, f->convert);
			continue;
		}
		if (!nr || strcmp(files[nr - 1].path, f->file)) {
			files = xrealloc(files, (nr + 1) * sizeof(*files));
			memset(&files[nr], 0, sizeof(*files));
			files[nr].path = xstrdup(f->file);
			strbuf_init(&files[nr].text);
			strbuf_init(&files[nr].build);
			strbuf_init(&files[nr].failed);
			nr++;
		}
		k = files[nr - 1].nr_fns++;
		files[nr - 1].fns = xrealloc(files[nr - 1].fns,
					     files[nr - 1].nr_fns * sizeof(*files[nr - 1].fns));
		files[nr - 1].fns[k] = f;
	}
	for (i = 0; i < nr; i++) {
		if (!opsdoc_quiet)
			fprintf(stderr, "convert: spatch %zu/%zu %s\n", i + 1, nr, files[i].path);
		convert_apply(&x, &files[i]);
	}
	convert_prebuild(&x, files, nr);
	for (i = 0; i < nr; i++) {
		if (files[i].failed.len)
			continue;
		if (!opsdoc_quiet)
			fprintf(stderr, "convert: build %zu/%zu %s\n", i + 1, nr, files[i].path);
		if (convert_kerneldoc(&x, &files[i]))
			continue;
		convert_build(&x, &files[i]);
		if (files[i].built < 0) {
			strbuf_addf(&files[i].failed, "does not build after conversion: %s",
				    files[i].build.buf);
		}
	}
	for (k = 0; k < 3; k++) {
		int r;

		strbuf_reset(&report);
		r = write_series(&x, files, nr, id.buf, v[OPT_OUTPUT], &report, (int)k);
		if (r < 0)
			goto out;
		if (!r)
			break;
	}
	for (i = 0; i < nr; i++)
		if (files[i].failed.len)
			strbuf_addf(&report, "%s: no patch: %s\n", files[i].path,
				    files[i].failed.buf);
	strbuf_addf(&path, "%s/convert.txt", v[OPT_OUTPUT]);
	strbuf_addf(&head, "opsdoc convert, Linux %s: %u mechanical implementations, "
		    "%u need review, %zu files to convert\n", c.tree.version, mech, nref, nr);
	strbuf_add(&head, refused.buf, refused.len);
	strbuf_add(&head, report.buf, report.len);
	if (write_file_atomic(path.buf, head.buf, head.len))
		goto out;
	if (!opsdoc_quiet)
		fputs(head.buf, stdout);
	ret = 0;
out:
	for (i = 0; i < nr; i++) {
		free(files[i].path);
		free(files[i].fns);
		strbuf_release(&files[i].text);
		strbuf_release(&files[i].build);
		strbuf_release(&files[i].failed);
	}
	free(files);
	if (x.scratch) {
		const char *rm[] = { "rm", "-rf", "--", x.scratch, NULL };

		run_program(rm, NULL);
	}
	free(x.spatch_version);
	if (x.maint)
		maintainers_free(x.maint);
	census_release(&c);
	ktree_release(&kt);
	strbuf_release(&id);
	strbuf_release(&bdir);
	strbuf_release(&cocci);
	strbuf_release(&scratch);
	strbuf_release(&report);
	strbuf_release(&path);
	strbuf_release(&refused);
	strbuf_release(&head);
	return ret;
}
