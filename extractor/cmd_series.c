// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc series - the rewritten documents as a git format-patch series
 * that the maintainers can apply: one commit per logical change
 * (rewrite.c), the messages from series_msg.c, To and Cc from the tree's
 * get_maintainer.pl, every patch checked with the tree's checkpatch.pl.
 *
 * The commits are made in a scratch repository that holds only the files
 * the series touches, with the tree's text as the first commit; blobs
 * have the same ids as in the tree, so git am applies the patches to the
 * tree itself. KSRC is only read.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "cache.h"
#include "checkdocs.h"
#include "datadir.h"
#include "fileio.h"
#include "ktree.h"
#include "options.h"
#include "rst_read.h"
#include "rewrite.h"
#include "run.h"
#include "series_msg.h"
#include "strbuf.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"
#include "version.h"

static const char series_usage[] =
	"opsdoc series [-k KSRC] [-b KBUILD] [-f FLAGS] [-a API_JSON] [-o DIR]\n"
	"                     [--signoff \"Name <mail>\"] [-t TEMPLATES] [-e EXAMPLES] [-q]";

enum {
	OPT_KSRC, OPT_KBUILD, OPT_FLAGS, OPT_API, OPT_OUTDIR, OPT_SIGNOFF,
	OPT_TEMPLATES, OPT_EXAMPLES, OPT_QUIET, NR_OPTS
};

static const struct opt series_opts[] = {
	[OPT_KSRC] = { 'k', "ksrc", "KSRC", "kernel source tree (default: the newest linux-source package)" },
	[OPT_KBUILD] = { 'b', "kbuild", "KBUILD", "prepared output directory (default: one in the cache)" },
	[OPT_FLAGS] = { 'f', "flags", "FILE", "compiler arguments, one a line, instead of probing kbuild" },
	[OPT_API] = { 'a', "api", "FILE", "use this api.json instead of extracting" },
	[OPT_OUTDIR] = { 'o', "output", "DIR", "where to write the patches (default: build/series)" },
	[OPT_SIGNOFF] = { 0, "signoff", "ID", "Signed-off-by identity (default: git config user.name and user.email)" },
	[OPT_TEMPLATES] = { 't', "templates", "DIR", "the templates (default: the repository's)" },
	[OPT_EXAMPLES] = { 'e', "examples", "DIR", "the example drivers (default: the repository's)" },
	[OPT_QUIET] = { 'q', "quiet", NULL, "print no notes" },
	[NR_OPTS] = { 0 },
};

/*
 * Run git in dir; its output, when wanted, in out. 0, or -1: after an
 * error unless quiet, which also keeps git's standard error quiet.
 */
static int run_git(const char *dir, const char *const *args, struct strbuf *out,
		   int quiet)
{
	struct strvec argv = STRVEC_INIT;
	struct run_opts o = { dir, out, quiet };
	int ret;

	strvec_init(&argv);
	strvec_push(&argv, "git");
	while (*args)
		strvec_push(&argv, *args++);
	ret = run_program((const char *const *)argv.v, &o);
	if (ret > 0 && !quiet)
		error_at(dir, 0, "git %s failed (exit %d)", argv.v[1], ret);
	strvec_release(&argv);
	return ret ? -1 : 0;
}

static int git(const char *dir, const char *const *args, struct strbuf *out)
{
	return run_git(dir, args, out, 0);
}

/* "Name <mail>", from the option or from git's configuration. */
static int signoff_identity(const char *opt, struct strbuf *id)
{
	const char *name[] = { "config", "--get", "user.name", NULL };
	const char *mail[] = { "config", "--get", "user.email", NULL };
	struct strbuf n = STRBUF_INIT, m = STRBUF_INIT;
	const char *lt;
	int ret = -1;

	if (opt) {
		lt = strchr(opt, '<');
		if (!lt || lt == opt || lt[-1] != ' ' || !strchr(lt, '@') ||
		    opt[strlen(opt) - 1] != '>') {
			error_at(NULL, 0, "--signoff takes \"Name <mail>\", not '%s'", opt);
			return -1;
		}
		strbuf_adds(id, opt);
		return 0;
	}
	if (!run_git(NULL, name, &n, 1) && !run_git(NULL, mail, &m, 1)) {
		strbuf_rtrim(&n);
		strbuf_rtrim(&m);
		if (n.len && m.len) {
			strbuf_addf(id, "%s <%s>", n.buf, m.buf);
			ret = 0;
		}
	}
	if (ret)
		error_at(NULL, 0, "no identity for Signed-off-by: pass --signoff "
			 "\"Name <mail>\", or set git config user.name and "
			 "user.email");
	strbuf_release(&n);
	strbuf_release(&m);
	return ret;
}

/* Is ksrc the top of a git work tree? Its HEAD commit, then, in head. */
static int tree_head(const char *ksrc, struct strbuf *head)
{
	const char *top[] = { "rev-parse", "--show-toplevel", NULL };
	const char *rev[] = { "rev-parse", "--verify", "-q", "HEAD^{commit}", NULL };
	struct strbuf sb = STRBUF_INIT;
	char *real = realpath(ksrc, NULL);
	int yes = 0;

	if (real && !run_git(ksrc, top, &sb, 1)) {
		strbuf_rtrim(&sb);
		if (!strcmp(sb.buf, real) && !run_git(ksrc, rev, head, 1)) {
			strbuf_rtrim(head);
			yes = 1;
		}
	}
	free(real);
	strbuf_release(&sb);
	return yes;
}

/*
 * The series' date: SOURCE_DATE_EPOCH, else the HEAD commit's, else the
 * tree's Makefile's, so that the same inputs give the same bytes.
 */
static long long series_date(const char *ksrc, int is_git)
{
	const char *when[] = { "log", "-1", "--format=%ct", "HEAD", NULL };
	const char *env = getenv("SOURCE_DATE_EPOCH");
	struct strbuf sb = STRBUF_INIT, mk = STRBUF_INIT;
	struct stat st;
	long long t = 0;

	if (env && *env)
		return strtoll(env, NULL, 10);
	if (is_git && !git(ksrc, when, &sb))
		t = strtoll(sb.buf, NULL, 10);
	strbuf_addf(&mk, "%s/Makefile", ksrc);
	if (!t && !stat(mk.buf, &st))
		t = st.st_mtime;
	strbuf_release(&sb);
	strbuf_release(&mk);
	return t;
}

/* The identity and dates every git command of the series runs with. */
static void git_env(const char *id, long long date)
{
	struct strbuf name = STRBUF_INIT, mail = STRBUF_INIT, when = STRBUF_INIT;
	const char *lt = strchr(id, '<');

	strbuf_add(&name, id, lt - id - 1);
	strbuf_add(&mail, lt + 1, strlen(lt + 1) - 1);
	strbuf_addf(&when, "@%lld +0000", date);
	setenv("GIT_AUTHOR_NAME", name.buf, 1);
	setenv("GIT_AUTHOR_EMAIL", mail.buf, 1);
	setenv("GIT_COMMITTER_NAME", name.buf, 1);
	setenv("GIT_COMMITTER_EMAIL", mail.buf, 1);
	setenv("GIT_AUTHOR_DATE", when.buf, 1);
	setenv("GIT_COMMITTER_DATE", when.buf, 1);
	/* Neither the user's configuration nor the system's shapes the patches. */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	strbuf_release(&name);
	strbuf_release(&mail);
	strbuf_release(&when);
}

/* Write text as dir/rel, making its directories. */
static int put_file(const char *dir, const char *rel, const struct strbuf *text)
{
	struct strbuf path = STRBUF_INIT;
	char *slash;
	int ret;

	strbuf_addf(&path, "%s/%s", dir, rel);
	slash = strrchr(path.buf, '/');
	*slash = '\0';
	ret = mkdir_p(path.buf);
	*slash = '/';
	if (!ret)
		ret = write_file_atomic(path.buf, text->buf, text->len);
	strbuf_release(&path);
	return ret;
}

static int commit(const char *repo, const char *rel, const char *msg_file)
{
	const char *add[] = { "add", "--", rel, NULL };
	const char *ci[] = { "commit", "-q", "--no-verify", "-F", msg_file, NULL };

	return git(repo, add, NULL) || git(repo, ci, NULL) ? -1 : 0;
}

/*
 * The patches of the series, committed in repo and written by format-patch
 * into repo/out: the base, then one commit per step.
 */
static int make_commits(const struct series_facts *f, const struct rewrites *r,
			const char *repo, const char *id, struct strbuf *cover_subject,
			struct strbuf *cover_body, const char *tool, const char *base)
{
	const char *init[] = { "init", "-q", NULL };
	/* No Message-Id: git makes it from the time; send-email threads. */
	const char *fp[] = {
		"format-patch", "-q", "--cover-letter", "--no-signature",
		"--no-thread", "-o", "out", "--subject-prefix=PATCH", NULL, NULL
	};
	struct strbuf msg = STRBUF_INIT, subject = STRBUF_INIT, body = STRBUF_INIT;
	struct strbuf msg_file = STRBUF_INIT, range = STRBUF_INIT;
	size_t d, k;
	int ret = -1;

	strbuf_addf(&msg_file, "%s/.git/opsdoc-msg", repo);
	if (git(repo, init, NULL))
		goto out;
	for (d = 0; d < r->nr_docs; d++)
		if (put_file(repo, r->docs[d].rel, &r->docs[d].orig))
			goto out;
	strbuf_adds(&msg, "The documents as the tree has them\n");
	if (write_file_atomic(msg_file.buf, msg.buf, msg.len) ||
	    commit(repo, "Documentation", msg_file.buf))
		goto out;
	for (k = 0; k < r->nr_steps; k++) {
		strbuf_reset(&subject);
		strbuf_reset(&body);
		strbuf_reset(&msg);
		step_message(f, r, k, &subject, &body);
		strbuf_rtrim(&body);
		strbuf_addf(&msg, "%s\n\n%s\n\nSigned-off-by: %s\n", subject.buf,
			    body.buf, id);
		if (put_file(repo, r->docs[r->steps[k].doc].rel, &r->steps[k].text) ||
		    write_file_atomic(msg_file.buf, msg.buf, msg.len) ||
		    commit(repo, r->docs[r->steps[k].doc].rel, msg_file.buf))
			goto out;
	}
	cover_message(f, r, tool, base, cover_subject, cover_body);
	/* Every commit after the base. */
	strbuf_addf(&range, "HEAD~%zu", r->nr_steps);
	fp[8] = range.buf;
	ret = git(repo, fp, NULL);
out:
	strbuf_release(&msg);
	strbuf_release(&subject);
	strbuf_release(&body);
	strbuf_release(&msg_file);
	strbuf_release(&range);
	return ret;
}

/*
 * The addresses get_maintainer.pl gives for patches, or with files for the
 * files the targets name: maintainers in to, the rest in cc.
 */
static int maintainers(const char *ksrc, int is_git, const struct strvec *targets,
		       int files, struct strvec *to, struct strvec *cc)
{
	struct strbuf out = STRBUF_INIT, script = STRBUF_INIT;
	struct run_opts o = { ksrc, &out, 1 };
	struct strvec argv = STRVEC_INIT;
	char *line, *save = NULL;
	size_t i;
	int ret;

	if (!targets->nr)
		return 0;
	strvec_init(&argv);
	strbuf_addf(&script, "%s/scripts/get_maintainer.pl", ksrc);
	strvec_push(&argv, "perl");
	strvec_push(&argv, script.buf);
	strvec_push(&argv, "--no-git-fallback");
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

/* "To:"/"Cc:" headers, one address a line, as git send-email reads them. */
static void add_header(struct strbuf *sb, const char *name, const struct strvec *v)
{
	size_t i;

	for (i = 0; i < v->nr; i++)
		strbuf_addf(sb, "%s%s%s\n", i ? "    " : name, v->v[i],
			    i + 1 < v->nr ? "," : "");
}

/* The patch text with To and Cc after its Subject header (and its folds). */
static void with_recipients(const struct strbuf *patch, const struct strvec *to,
			    const struct strvec *cc, struct strbuf *out)
{
	const char *subj = strstr(patch->buf, "\nSubject: ");
	const char *end = subj ? strchr(subj + 1, '\n') : NULL;

	while (end && (end[1] == ' ' || end[1] == '\t'))
		end = strchr(end + 1, '\n');
	if (!end) {
		strbuf_add(out, patch->buf, patch->len);
		return;
	}
	strbuf_add(out, patch->buf, end + 1 - patch->buf);
	add_header(out, "To: ", to);
	add_header(out, "Cc: ", cc);
	strbuf_adds(out, end + 1);
}

/* Fill the cover letter's placeholders: *** SUBJECT HERE *** and the blurb. */
static int fill_cover(struct strbuf *cover, const struct strbuf *subject,
		      const struct strbuf *body)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = strstr(cover->buf, "*** SUBJECT HERE ***");
	const char *b = strstr(cover->buf, "*** BLURB HERE ***");

	if (!s || !b || b < s) {
		error_at(NULL, 0, "git format-patch wrote a cover letter without "
			 "its placeholders; which git is this?");
		return -1;
	}
	strbuf_add(&sb, cover->buf, s - cover->buf);
	strbuf_adds(&sb, subject->buf);
	s += strlen("*** SUBJECT HERE ***");
	strbuf_add(&sb, s, b - s);
	strbuf_add(&sb, body->buf, body->len);
	strbuf_rtrim(&sb);
	b += strlen("*** BLURB HERE ***");
	strbuf_adds(&sb, b);
	strbuf_reset(cover);
	strbuf_add(cover, sb.buf, sb.len);
	strbuf_release(&sb);
	return 0;
}

/* checkpatch.pl --strict on a patch: 0 when it has nothing to say. */
static int checkpatch(const char *ksrc, const char *patch, const char *shown)
{
	struct strbuf out = STRBUF_INIT, script = STRBUF_INIT;
	struct run_opts o = { ksrc, &out, 1 };
	const char *argv[] = {
		"perl", NULL, "--strict", "--no-summary", "--terse", "--showfile",
		patch, NULL
	};
	int ret;

	strbuf_addf(&script, "%s/scripts/checkpatch.pl", ksrc);
	argv[1] = script.buf;
	ret = run_program(argv, &o);
	if (ret < 0 || out.len) {
		error_at(shown, 0, "checkpatch.pl --strict is not clean:\n%s", out.buf);
		ret = -1;
	}
	strbuf_release(&out);
	strbuf_release(&script);
	return ret ? -1 : 0;
}

/*
 * Lines of prose the step adds that are wider than 80 columns (a tab to
 * the next multiple of 8); code blocks and tables are exempt. Each is an
 * error naming the document and the line.
 */
static int too_wide(const char *path, const struct strbuf *before,
		    const struct strbuf *after)
{
	struct rst_lines a, b;
	size_t i, k, first, end;
	int bad = 0;

	rst_split_lines(before->buf, before->len, &b);
	rst_split_lines(after->buf, after->len, &a);
	for (i = 0; i < a.n; i++) {
		const struct rst_line *l = &a.v[i];
		size_t col = 0, lead = rst_line_lead(l);

		/* A literal block's body is code: skip it whole. */
		if (rst_block_marker(l) && rst_block_body(&a, i, &first, &end)) {
			i = end - 1;
			continue;
		}
		if (lead < l->len && (l->s[lead] == '|' || l->s[lead] == '+' ||
				      l->s[lead] == '='))
			continue;
		for (k = 0; k < l->len; k++)
			col = l->s[k] == '\t' ? (col / 8 + 1) * 8 : col + 1;
		if (col <= 80)
			continue;
		for (k = 0; k < b.n; k++)
			if (b.v[k].len == l->len && !memcmp(b.v[k].s, l->s, l->len))
				break;
		if (k < b.n)
			continue;
		error_at(path, i + 1, "a line of prose is %zu columns wide; the "
			 "limit is 80 (rewrap the template)", col);
		bad = 1;
	}
	free(a.v);
	free(b.v);
	return bad ? -1 : 0;
}

/* check's findings on the documents: as the tree has them, or as rewritten. */
static int check_texts(const struct ktree *kt, const struct api *api,
		       const struct rewrites *r, int rewritten,
		       struct doc_listings *ls, struct findings *fs)
{
	struct docs docs = { STRVEC_INIT, NULL };
	struct strvec headers = STRVEC_INIT;
	struct coverages cov = { 0 };
	size_t d;
	int ret;

	strvec_init(&docs.files);
	strvec_init(&headers);
	docs.texts = xcalloc(r->nr_docs + 1, sizeof(*docs.texts));
	for (d = 0; d < r->nr_docs; d++) {
		const struct strbuf *t = rewritten ? &r->docs[d].text : &r->docs[d].orig;

		strvec_push(&docs.files, r->docs[d].path);
		strbuf_init(&docs.texts[d]);
		strbuf_add(&docs.texts[d], t->buf, t->len);
	}
	model_struct_headers(api, &headers);
	ret = check_docs(kt, api, &docs, &headers, NULL, ls, fs, &cov);
	coverages_release(&cov);
	strvec_release(&headers);
	docs_release(&docs);
	return ret;
}

/* A scratch directory of the cache, for the series' repository. */
static char *scratch_dir(void)
{
	struct strbuf dir = STRBUF_INIT;

	cache_file("series", 0, NULL, &dir);
	if (mkdir_p(dir.buf)) {
		error_at(dir.buf, 0, "cannot create: %s", strerror(errno));
		strbuf_release(&dir);
		return NULL;
	}
	strbuf_adds(&dir, "/repo.XXXXXX");
	if (!mkdtemp(dir.buf)) {
		error_at(dir.buf, 0, "cannot create: %s", strerror(errno));
		strbuf_release(&dir);
		return NULL;
	}
	return strbuf_detach(&dir);
}

static void remove_tree(const char *dir)
{
	const char *argv[] = { "rm", "-rf", "--", dir, NULL };

	run_program(argv, NULL);
}

/*
 * Every patch format-patch wrote in repo/out, in order, with To and Cc
 * added and the cover letter filled; checked, then written into outdir
 * as one set, and the outdir's older NNNN-*.patch files removed.
 */
static int finish_series(const struct ktree *kt, int is_git,
			 const struct series_facts *f, const struct rewrites *r,
			 const char *repo,
			 const char *outdir, const struct strbuf *cover_subject,
			 const struct strbuf *cover_body)
{
	struct strvec names = STRVEC_INIT, old = STRVEC_INIT, all_to = STRVEC_INIT,
		      all_cc = STRVEC_INIT;
	struct strbuf *texts = NULL, path = STRBUF_INIT, shown = STRBUF_INIT;
	struct file_set set = { 0 };
	size_t i, k;
	int ret = -1;

	strvec_init(&names);
	strvec_init(&old);
	strvec_init(&all_to);
	strvec_init(&all_cc);
	strbuf_addf(&path, "%s/out", repo);
	if (list_files(path.buf, ".patch", 0, &names) || !names.nr) {
		error_at(path.buf, 0, "git format-patch wrote no patches");
		goto out;
	}
	texts = xcalloc(names.nr, sizeof(*texts));
	/* The cover letter (0000) last: it is Cc'd to everyone. */
	for (i = names.nr; i-- > 0;) {
		struct strvec to = STRVEC_INIT, cc = STRVEC_INIT;
		struct strbuf raw = STRBUF_INIT;

		strvec_init(&to);
		strvec_init(&cc);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/out/%s", repo, names.v[i]);
		strbuf_reset(&shown);
		strbuf_addf(&shown, "%s/%s", outdir, names.v[i]);
		if (strbuf_read_file(&raw, path.buf)) {
			error_at(path.buf, 0, "cannot read: %s", strerror(errno));
			goto out_patch;
		}
		if (i) {
			struct strvec t = STRVEC_INIT, src = STRVEC_INIT;
			int bad;

			/* Who keeps the document, and the code it describes. */
			strvec_init(&t);
			strvec_init(&src);
			strvec_push(&t, path.buf);
			step_sources(f, r, i - 1, &src);
			bad = checkpatch(kt->ksrc, path.buf, shown.buf) ||
			      maintainers(kt->ksrc, is_git, &t, 0, &to, &cc) ||
			      maintainers(kt->ksrc, is_git, &src, 1, &to, &cc);
			strvec_release(&t);
			strvec_release(&src);
			if (bad)
				goto out_patch;
			for (k = 0; k < to.nr; k++)
				strvec_remove(&cc, to.v[k]);
			for (k = 0; k < to.nr; k++)
				strvec_push_unique(&all_to, to.v[k]);
			for (k = 0; k < cc.nr; k++)
				strvec_push_unique(&all_cc, cc.v[k]);
		} else {
			if (fill_cover(&raw, cover_subject, cover_body))
				goto out_patch;
			for (k = 0; k < all_to.nr; k++)
				strvec_push(&to, all_to.v[k]);
			for (k = 0; k < all_cc.nr; k++)
				if (strvec_find(&all_to, all_cc.v[k]) < 0)
					strvec_push(&cc, all_cc.v[k]);
		}
		strbuf_init(&texts[i]);
		with_recipients(&raw, &to, &cc, &texts[i]);
		strvec_release(&to);
		strvec_release(&cc);
		strbuf_release(&raw);
		continue;
out_patch:
		strvec_release(&to);
		strvec_release(&cc);
		strbuf_release(&raw);
		goto out;
	}
	if (mkdir_p(outdir)) {
		error_at(outdir, 0, "cannot create the directory: %s", strerror(errno));
		goto out;
	}
	for (i = 0; i < names.nr; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", outdir, names.v[i]);
		file_set_add(&set, path.buf, texts[i].buf, texts[i].len);
	}
	if (file_set_commit(&set))
		goto out;
	/* An earlier, longer series leaves no patch behind. */
	if (!list_files(outdir, ".patch", 0, &old))
		for (i = 0; i < old.nr; i++)
			if (isdigit((unsigned char)old.v[i][0]) &&
			    strvec_find(&names, old.v[i]) < 0) {
				strbuf_reset(&path);
				strbuf_addf(&path, "%s/%s", outdir, old.v[i]);
				unlink(path.buf);
			}
	for (i = 0; i < names.nr && !opsdoc_quiet; i++)
		printf("%s/%s\n", outdir, names.v[i]);
	ret = 0;
out:
	for (i = 0; texts && i < names.nr; i++)
		strbuf_release(&texts[i]);
	free(texts);
	file_set_release(&set);
	strvec_release(&names);
	strvec_release(&old);
	strvec_release(&all_to);
	strvec_release(&all_cc);
	strbuf_release(&path);
	strbuf_release(&shown);
	return ret;
}

int cmd_series(int argc, char **argv)
{
	const char *v[NR_OPTS], *outdir, *templates;
	struct strbuf id = STRBUF_INIT, head = STRBUF_INIT, base = STRBUF_INIT;
	struct strbuf cover_subject = STRBUF_INIT, cover_body = STRBUF_INIT;
	struct doc_listings before_ls = { 0 }, after_ls = { 0 };
	struct findings before = { 0 }, after = { 0 };
	struct model_opts mo = { 0 };
	struct series_facts facts;
	struct expand_env env;
	struct rewrites r = { 0 };
	char *repo = NULL;
	struct ktree kt;
	struct api api;
	int i, is_git, ret = EXIT_USAGE;
	size_t d;

	i = parse_opts(argc, argv, series_opts, series_usage, v);
	if (i == OPTS_HELP)
		return 0;
	if (i == OPTS_ERROR)
		return EXIT_USAGE;
	if (i < argc) {
		error_at(NULL, 0, "series takes no operands ('%s')", argv[i]);
		return EXIT_USAGE;
	}
	opsdoc_quiet = v[OPT_QUIET] != NULL;
	outdir = v[OPT_OUTDIR] ? v[OPT_OUTDIR] : "build/series";
	templates = v[OPT_TEMPLATES] ? v[OPT_TEMPLATES] : data_subdir("templates");
	env.examples_dir = v[OPT_EXAMPLES] ? v[OPT_EXAMPLES] : data_subdir("examples");
	if (signoff_identity(v[OPT_SIGNOFF], &id))
		return EXIT_USAGE;
	if (ktree_resolve(&kt, v[OPT_KSRC], v[OPT_KBUILD], v[OPT_FLAGS]))
		goto out_id;
	mo.api_path = v[OPT_API];
	mo.callers = 1;
	mo.examples = env.examples_dir;
	if (model_for_tree(&kt, &mo, &api))
		goto out_tree;
	env.api = &api;
	if (rewrite_docs(&env, kt.ksrc, templates, &r))
		goto out_api;
	if (!r.nr_steps) {
		error_at(kt.ksrc, 0, "the documents are up to date with the headers: "
			 "there is nothing to send");
		goto out_api;
	}
	for (d = 0; d < r.nr_docs; d++) {
		const struct strbuf *prev = &r.docs[d].orig;
		size_t k;

		for (k = 0; k < r.nr_steps; k++) {
			if (r.steps[k].doc != d)
				continue;
			if (too_wide(r.docs[d].path, prev, &r.steps[k].text))
				goto out_api;
			prev = &r.steps[k].text;
		}
	}
	if (check_texts(&kt, &api, &r, 0, &before_ls, &before) ||
	    check_texts(&kt, &api, &r, 1, &after_ls, &after))
		goto out_api;
	if (after.n) {
		error_at(after.v[0].file, after.v[0].line, "the rewritten documents "
			 "still differ from the headers (%zu findings; see opsdoc "
			 "check --docs on generate's output)", after.n);
		goto out_api;
	}
	is_git = tree_head(kt.ksrc, &head);
	strbuf_addf(&base, "Linux %s", kt.version);
	if (is_git)
		strbuf_addf(&base, " (commit %.12s)", head.buf);
	facts.api = &api;
	facts.before = &before;
	repo = scratch_dir();
	if (!repo)
		goto out_api;
	git_env(id.buf, series_date(kt.ksrc, is_git));
	if (make_commits(&facts, &r, repo, id.buf, &cover_subject, &cover_body,
			 "opsdoc " OPSDOC_VERSION, base.buf))
		goto out_repo;
	if (is_git)
		strbuf_addf(&cover_body, "\nbase-commit: %s\n", head.buf);
	if (finish_series(&kt, is_git, &facts, &r, repo, outdir, &cover_subject,
			  &cover_body))
		goto out_repo;
	ret = 0;
out_repo:
	remove_tree(repo);
	free(repo);
out_api:
	rewrites_release(&r);
	findings_release(&before);
	findings_release(&after);
	doc_listings_release(&before_ls);
	doc_listings_release(&after_ls);
	api_release(&api);
out_tree:
	ktree_release(&kt);
out_id:
	strbuf_release(&id);
	strbuf_release(&head);
	strbuf_release(&base);
	strbuf_release(&cover_subject);
	strbuf_release(&cover_body);
	return ret;
}
