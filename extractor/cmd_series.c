// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc series - the rewritten documents as git format-patch series that
 * the maintainers can apply, one series per tree (series_tree.c): one
 * commit per logical change (rewrite.c), its message from its own diff
 * (series_diff.c, series_msg.c), To and Cc from the tree's
 * get_maintainer.pl, every patch checked with the tree's checkpatch.pl.
 *
 * The commits are made in a scratch repository that holds only the files
 * the series touches, with the tree's text as the first commit: every
 * step is committed in order, then each tree's steps are picked onto that
 * base on a branch of their own and written out. Blobs have the same ids
 * as in the tree, so git am applies each series to the tree itself. KSRC
 * is only read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "checkdocs.h"
#include "datadir.h"
#include "fileio.h"
#include "git.h"
#include "kscripts.h"
#include "ktree.h"
#include "listing_fix.h"
#include "mail.h"
#include "options.h"
#include "rst_read.h"
#include "rewrite.h"
#include "scratch.h"
#include "series_diff.h"
#include "series_msg.h"
#include "series_tree.h"
#include "strbuf.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"

static const char series_usage[] =
	"opsdoc series [-k KSRC] [-b KBUILD] [-f FLAGS] [-a API_JSON] [-o DIR]\n"
	"                     [--signoff \"Name <mail>\"] [-t TEMPLATES] [-e EXAMPLES]\n"
	"                     [--listings] [-q]";

enum {
	OPT_KSRC, OPT_KBUILD, OPT_FLAGS, OPT_API, OPT_OUTDIR, OPT_SIGNOFF,
	OPT_TEMPLATES, OPT_EXAMPLES, OPT_LISTINGS, OPT_QUIET, NR_OPTS
};

static const struct opt series_opts[] = {
	[OPT_KSRC] = OPTION_KSRC,
	[OPT_KBUILD] = OPTION_KBUILD,
	[OPT_FLAGS] = OPTION_FLAGS,
	[OPT_API] = { 'a', "api", "FILE", "use this api.json instead of extracting" },
	[OPT_OUTDIR] = { 'o', "output", "DIR", "where to write the patches (default: build/series)" },
	[OPT_SIGNOFF] = { 0, "signoff", "ID", "Signed-off-by identity (default: git config user.name and user.email)" },
	[OPT_TEMPLATES] = { 't', "templates", "DIR", "the templates (default: the repository's)" },
	[OPT_EXAMPLES] = { 'e', "examples", "DIR", "the example drivers (default: the repository's)" },
	[OPT_LISTINGS] = { 0, "listings", NULL, "instead: fix the drifted struct listings check finds in Documentation/ (default output: build/series-listings)" },
	[OPT_QUIET] = OPTION_QUIET,
	[NR_OPTS] = { 0 },
};

static int git(const char *dir, const char *const *args, struct strbuf *out)
{
	return git_run(dir, args, out, 0) ? -1 : 0;
}

/* Is ksrc the top of a git work tree? Its HEAD commit, then, in head. */
static int tree_head(const char *ksrc, struct strbuf *head)
{
	const char *top[] = { "rev-parse", "--show-toplevel", NULL };
	const char *rev[] = { "rev-parse", "--verify", "-q", "HEAD^{commit}", NULL };
	struct strbuf sb = STRBUF_INIT;
	char *real = realpath(ksrc, NULL);
	int yes = 0;

	if (real && !git_run(ksrc, top, &sb, 1)) {
		strbuf_rtrim(&sb);
		if (!strcmp(sb.buf, real) && !git_run(ksrc, rev, head, 1)) {
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

/* The text of r's document before step k. */
static const struct strbuf *text_before(const struct rewrites *r, size_t k)
{
	size_t d = r->steps[k].doc, i;

	for (i = k; i-- > 0;)
		if (r->steps[i].doc == d)
			return &r->steps[i].text;
	return &r->docs[d].orig;
}

/*
 * Every step committed in repo, in order, after a base commit of the
 * documents as the tree has them (branch "base"); each commit's id in
 * ids.
 */
/*
 * A step of a template's section with a log of its own (rewrite.h's
 * REWRITE_LOG_MARKER and REWRITE_WHY_MARKER lines): its subject in place
 * of step_message()'s, and the problem it solves as the log's first
 * paragraph.
 */
static void template_log(const struct rewrites *r, size_t k,
			 struct strbuf *subject, struct strbuf *body)
{
	const struct rewrite_step *s = &r->steps[k];
	const char *rel = r->docs[s->doc].rel, *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	struct strbuf sb = STRBUF_INIT;

	if (!s->subject)
		return;
	strbuf_reset(subject);
	strbuf_addf(subject, "docs: %.*s: %s", (int)strcspn(base, "."), base,
		    s->subject);
	if (s->why) {
		strbuf_add_wrapped(&sb, s->why, MSG_COLUMNS, "", "");
		strbuf_addch(&sb, '\n');
	}
	strbuf_add(&sb, body->buf, body->len);
	strbuf_reset(body);
	strbuf_add(body, sb.buf, sb.len);
	strbuf_release(&sb);
}

/*
 * One commit per step; a tree whose checkpatch.pl knows Assisted-by:
 * (@assisted) gets the tag that says opsdoc made the patch. @notes, when
 * not NULL, holds paragraphs to add to each step's log; @templates is
 * the directory the rewrite read, whose reasons the logs give.
 */
static int make_commits(const char *templates, const struct api *api,
			const struct rewrites *r,
			const struct step_change *changes,
			const struct strvec *notes, const char *repo,
			const char *id, int assisted, struct strvec *ids)
{
	const char *init[] = { "init", "-q", NULL };
	const char *branch[] = { "branch", "base", NULL };
	const char *head[] = { "rev-parse", "HEAD", NULL };
	struct strbuf msg = STRBUF_INIT, subject = STRBUF_INIT, body = STRBUF_INIT;
	struct strbuf msg_file = STRBUF_INIT, rev = STRBUF_INIT, below = STRBUF_INIT;
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
	    commit(repo, "Documentation", msg_file.buf) || git(repo, branch, NULL))
		goto out;
	for (k = 0; k < r->nr_steps; k++) {
		strbuf_reset(&subject);
		strbuf_reset(&body);
		strbuf_reset(&msg);
		strbuf_reset(&rev);
		strbuf_reset(&below);
		step_message(templates, api, r, k, &changes[k], &subject, &body, &below);
		template_log(r, k, &subject, &body);
		for (d = 0; notes && d < notes[k].nr; d++) {
			strbuf_addch(&body, '\n');
			strbuf_add_wrapped(&body, notes[k].v[d], MSG_COLUMNS, "", "");
		}
		strbuf_rtrim(&body);
		strbuf_addf(&msg, "%s\n\n%s\n\n%s", subject.buf, body.buf,
			    assisted ? "Assisted-by: LLM opsdoc\n" : "");
		if (*id)
			strbuf_addf(&msg, "Signed-off-by: %s\n", id);
		/* A note for the reviewer: git am keeps it out of the log. */
		strbuf_rtrim(&below);
		if (below.len)
			strbuf_addf(&msg, "---\n%s\n", below.buf);
		if (put_file(repo, r->docs[r->steps[k].doc].rel, &r->steps[k].text) ||
		    write_file_atomic(msg_file.buf, msg.buf, msg.len) ||
		    commit(repo, r->docs[r->steps[k].doc].rel, msg_file.buf) ||
		    git(repo, head, &rev))
			goto out;
		strbuf_rtrim(&rev);
		strvec_push(ids, rev.buf);
	}
	ret = 0;
out:
	strbuf_release(&msg);
	strbuf_release(&subject);
	strbuf_release(&body);
	strbuf_release(&msg_file);
	strbuf_release(&rev);
	strbuf_release(&below);
	return ret;
}

/*
 * One tree's series: its steps picked onto the base, written by
 * format-patch into repo/out/NAME (a cover letter when there is more than
 * one), then applied again with git am to the base as a check.
 */
static int tree_patches(const char *repo, const struct series_tree *t,
			const struct strvec *ids)
{
	const char *detach[] = { "checkout", "-q", "--detach", "base", NULL };
	const char *pick[] = { "cherry-pick", NULL, NULL };
	/* No Message-Id: git makes it from the time; send-email threads. */
	const char *fp[] = {
		"format-patch", "-q", "--no-signature", "--no-thread", "-o", NULL,
		"--subject-prefix=PATCH", "base..HEAD", NULL, NULL
	};
	struct strvec am = STRVEC_INIT, names = STRVEC_INIT;
	struct strbuf dir = STRBUF_INIT, full = STRBUF_INIT, path = STRBUF_INIT;
	size_t i;
	int ret = -1;

	strvec_init(&am);
	strvec_init(&names);
	strbuf_addf(&dir, "out/%s", t->name);
	if (git(repo, detach, NULL))
		goto out;
	for (i = 0; i < t->nr_steps; i++) {
		pick[1] = ids->v[t->steps[i]];
		if (git(repo, pick, NULL)) {
			error_at(repo, 0, "the patches for %s do not apply without "
				 "the others; the steps of a document must not "
				 "overlap", t->name);
			goto out;
		}
	}
	fp[5] = dir.buf;
	if (t->nr_steps > 1)
		fp[8] = "--cover-letter";
	if (git(repo, fp, NULL) || git(repo, detach, NULL))
		goto out;
	strbuf_addf(&full, "%s/%s", repo, dir.buf);
	if (list_files(full.buf, ".patch", 0, &names))
		goto out;
	strvec_push(&am, "am");
	strvec_push(&am, "-q");
	for (i = 0; i < names.nr; i++) {
		if (!strcmp(names.v[i], "0000-cover-letter.patch"))
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir.buf, names.v[i]);
		strvec_push(&am, path.buf);
	}
	if (git(repo, (const char *const *)am.v, NULL)) {
		error_at(full.buf, 0, "git am does not apply the series to the "
			 "tree's documents");
		goto out;
	}
	ret = 0;
out:
	strvec_release(&am);
	strvec_release(&names);
	strbuf_release(&dir);
	strbuf_release(&full);
	strbuf_release(&path);
	return ret;
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


/*
 * The text of templates/DIR/NAME.cover.txt for each document
 * Documentation/DIR/NAME.rst that the tree's series changes, in order.
 */
static int cover_extra(const char *templates, const struct rewrites *r,
		       const struct series_tree *t, struct strbuf *out)
{
	struct strvec seen = STRVEC_INIT;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	size_t i;
	int ret = 0;

	strvec_init(&seen);
	for (i = 0; i < t->nr_steps && !ret; i++) {
		const char *rel = r->docs[r->steps[t->steps[i]].doc].rel;
		const char *base = rel + strlen("Documentation/");

		if (!strvec_push_unique(&seen, rel))
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%.*s.cover.txt", templates,
			    (int)strlen(base) - 4, base);
		if (access(path.buf, F_OK))
			continue;
		strbuf_reset(&text);
		if (strbuf_read_file(&text, path.buf)) {
			error_at(path.buf, 0, "cannot read: %s", strerror(errno));
			ret = -1;
			break;
		}
		strbuf_rtrim(&text);
		if (out->len)
			strbuf_adds(out, "\n\n");
		strbuf_add(out, text.buf, text.len);
		strbuf_addch(out, '\n');
	}
	strvec_release(&seen);
	strbuf_release(&path);
	strbuf_release(&text);
	return ret;
}

/*
 * The addresses get_maintainer.pl gives for each file, asked once a file:
 * one file at a time, since it names a person once, in the role of the
 * first section it finds.
 */
struct file_addresses {
	struct strvec files;
	struct strvec *to, *cc;
};

static int file_recipients(const struct ktree *kt, int is_git,
			   struct file_addresses *fa, const struct strvec *files,
			   struct strvec *to, struct strvec *cc)
{
	size_t i, k;

	for (i = 0; i < files->nr; i++) {
		int n = strvec_find(&fa->files, files->v[i]);

		if (n < 0) {
			struct strvec one = STRVEC_INIT;
			int bad;

			n = fa->files.nr;
			fa->to = xrealloc(fa->to, (n + 1) * sizeof(*fa->to));
			fa->cc = xrealloc(fa->cc, (n + 1) * sizeof(*fa->cc));
			strvec_init(&fa->to[n]);
			strvec_init(&fa->cc[n]);
			strvec_push(&fa->files, files->v[i]);
			strvec_init(&one);
			strvec_push(&one, files->v[i]);
			bad = maintainers_addresses(kt->ksrc, is_git, &one, 1,
						    &fa->to[n], &fa->cc[n]);
			strvec_release(&one);
			if (bad)
				return -1;
		}
		for (k = 0; k < fa->to[n].nr; k++)
			strvec_push_unique(to, fa->to[n].v[k]);
		for (k = 0; k < fa->cc[n].nr; k++)
			strvec_push_unique(cc, fa->cc[n].v[k]);
	}
	return 0;
}

static void file_addresses_release(struct file_addresses *fa)
{
	size_t i;

	for (i = 0; i < fa->files.nr; i++) {
		strvec_release(&fa->to[i]);
		strvec_release(&fa->cc[i]);
	}
	free(fa->to);
	free(fa->cc);
	strvec_release(&fa->files);
}

/* The recipients of one patch: who keeps it, its headers and its code. */
static int patch_recipients(const struct ktree *kt, int is_git,
			    struct file_addresses *fa, const struct series_plan *p,
			    size_t step, const char *patch, struct strvec *to,
			    struct strvec *cc)
{
	struct strvec t = STRVEC_INIT;
	size_t k;
	int bad;

	strvec_init(&t);
	strvec_push(&t, patch);
	bad = maintainers_addresses(kt->ksrc, is_git, &t, 0, to, cc) ||
	      file_recipients(kt, is_git, fa, &p->headers[step], to, cc) ||
	      file_recipients(kt, is_git, fa, &p->code[step], to, cc);
	strvec_release(&t);
	for (k = 0; k < to->nr; k++)
		strvec_remove(cc, to->v[k]);
	return bad ? -1 : 0;
}

/* One patch file read, with its recipients; the cover letter filled. */
struct outfile {
	char *path;
	struct strbuf text;
};

/*
 * The patches of one tree, read from repo/out/NAME, checked, with To and
 * Cc added (the cover letter to everyone) and appended to files. With
 * @lf (--listings), the cover letter says what it skipped, not a template.
 */
static int finish_tree(const struct ktree *kt, int is_git, const char *templates,
		       const struct rewrites *r, const struct step_change *changes,
		       const struct series_plan *p, const struct series_tree *t,
		       struct file_addresses *fa, const struct listing_fixes *lf,
		       const char *repo, const char *outdir, const char *base,
		       struct outfile **files, size_t *nr_files)
{
	struct strvec names = STRVEC_INIT, all_to = STRVEC_INIT, all_cc = STRVEC_INIT;
	struct strvec patches = STRVEC_INIT, shown_names = STRVEC_INIT;
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, shown = STRBUF_INIT;
	struct strbuf subject = STRBUF_INIT, body = STRBUF_INIT, extra = STRBUF_INIT;
	size_t i, k, first = *nr_files;
	int cover, ret = -1;

	strvec_init(&names);
	strvec_init(&all_to);
	strvec_init(&all_cc);
	strvec_init(&patches);
	strvec_init(&shown_names);
	strbuf_addf(&dir, "%s/out/%s", repo, t->name);
	if (list_files(dir.buf, ".patch", 0, &names) || !names.nr) {
		error_at(dir.buf, 0, "git format-patch wrote no patches");
		goto out;
	}
	cover = !strcmp(names.v[0], "0000-cover-letter.patch");
	*files = xrealloc(*files, (*nr_files + names.nr) * sizeof(**files));
	for (i = 0; i < names.nr; i++) {
		struct outfile *o = &(*files)[*nr_files + i];

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", outdir, t->name);
		o->path = xstrdup(path.buf);
		strbuf_init(&o->text);
	}
	*nr_files += names.nr;
	for (i = cover; i < names.nr; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir.buf, names.v[i]);
		strvec_push(&patches, path.buf);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", (*files)[first + i].path, names.v[i]);
		strvec_push(&shown_names, path.buf);
	}
	if (checkpatch_strict(kt->ksrc, &patches, &shown_names))
		goto out;
	/* The cover letter last: it goes to everyone. */
	for (i = names.nr; i-- > 0;) {
		struct outfile *o = &(*files)[first + i];
		struct strvec to = STRVEC_INIT, cc = STRVEC_INIT;
		struct strbuf raw = STRBUF_INIT;
		int bad = 0;

		strvec_init(&to);
		strvec_init(&cc);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir.buf, names.v[i]);
		strbuf_reset(&shown);
		strbuf_addf(&shown, "%s/%s", o->path, names.v[i]);
		free(o->path);
		o->path = xstrdup(shown.buf);
		if (strbuf_read_file(&raw, path.buf)) {
			error_at(path.buf, 0, "cannot read: %s", strerror(errno));
			bad = 1;
		} else if (!cover || i) {
			size_t step = t->steps[cover ? i - 1 : i];

			bad = patch_recipients(kt, is_git, fa, p, step, path.buf,
					       &to, &cc);
			for (k = 0; k < to.nr; k++)
				strvec_push_unique(&all_to, to.v[k]);
			for (k = 0; k < cc.nr; k++)
				strvec_push_unique(&all_cc, cc.v[k]);
		} else {
			if (lf)
				listing_fixes_cover(lf, r, t, &extra);
			else
				bad = cover_extra(templates, r, t, &extra);
			if (!bad) {
				cover_message(r, t, changes, &extra, is_git,
					      &subject, &body);
				if (is_git)
					strbuf_addf(&body, "\nbase-commit: %s\n", base);
				bad = mail_fill_cover(&raw, &subject, &body);
			}
			for (k = 0; k < all_to.nr; k++)
				strvec_push(&to, all_to.v[k]);
			for (k = 0; k < all_cc.nr; k++)
				if (strvec_find(&all_to, all_cc.v[k]) < 0)
					strvec_push(&cc, all_cc.v[k]);
		}
		/* One address per person: the one of this tree's section. */
		mail_prefer_section(kt->ksrc, t->section, &to);
		mail_prefer_section(kt->ksrc, t->section, &cc);
		if (!bad)
			mail_add_recipients(&raw, &to, &cc, &o->text);
		strvec_release(&to);
		strvec_release(&cc);
		strbuf_release(&raw);
		if (bad)
			goto out;
	}
	ret = 0;
out:
	strvec_release(&names);
	strvec_release(&patches);
	strvec_release(&shown_names);
	strvec_release(&all_to);
	strvec_release(&all_cc);
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&shown);
	strbuf_release(&subject);
	strbuf_release(&body);
	strbuf_release(&extra);
	return ret;
}

/* "NNNN-*.patch": a name format-patch gives. */
static int patch_name(const char *path)
{
	const char *b = strrchr(path, '/');
	int i;

	b = b ? b + 1 : path;
	for (i = 0; i < 4; i++)
		if (b[i] < '0' || b[i] > '9')
			return 0;
	return b[4] == '-';
}

/*
 * Write the files as one set, then remove the patches of an earlier run
 * (an older, longer series, a tree with no series now, or the layout
 * without trees) and the directories they leave empty.
 */
static int write_series(const char *outdir, struct outfile *files, size_t n)
{
	struct strvec old = STRVEC_INIT, wanted = STRVEC_INIT;
	struct strbuf path = STRBUF_INIT;
	struct file_set set = { 0 };
	size_t i;
	int ret = -1;

	strvec_init(&old);
	strvec_init(&wanted);
	for (i = 0; i < n; i++) {
		char *slash = strrchr(files[i].path, '/');

		*slash = '\0';
		if (mkdir_p(files[i].path)) {
			error_at(files[i].path, 0, "cannot create the directory: %s",
				 strerror(errno));
			*slash = '/';
			goto out;
		}
		*slash = '/';
		file_set_add(&set, files[i].path, files[i].text.buf, files[i].text.len);
		strvec_push(&wanted, files[i].path);
	}
	if (file_set_commit(&set))
		goto out;
	if (!list_files(outdir, ".patch", 1, &old))
		for (i = 0; i < old.nr; i++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", outdir, old.v[i]);
			if (!patch_name(path.buf) || strvec_find(&wanted, path.buf) >= 0)
				continue;
			unlink(path.buf);
			if (strchr(old.v[i], '/')) {
				*strrchr(path.buf, '/') = '\0';
				rmdir(path.buf);
			}
		}
	for (i = 0; i < n && !opsdoc_quiet; i++)
		printf("%s\n", files[i].path);
	ret = 0;
out:
	file_set_release(&set);
	strvec_release(&old);
	strvec_release(&wanted);
	strbuf_release(&path);
	return ret;
}

/*
 * --listings: check on KSRC/Documentation, and its drifted listings fixed
 * (listing_fix.c) as the rewrites to commit; the model and the rewrites
 * are handed to api and r, the skipped listings and the logs' notes stay
 * in lf.
 */
static int listings_rewrites(const struct ktree *kt, const char *api_path,
			     struct check_run *cr, struct listing_fixes *lf,
			     struct api *api, struct rewrites *r)
{
	struct strvec dirs = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	int ret = -1;

	memset(api, 0, sizeof(*api));
	strvec_init(&dirs);
	strbuf_addf(&sb, "%s/Documentation", kt->ksrc);
	strvec_push(&dirs, sb.buf);
	if (check_tree(kt, api_path, &dirs, cr) || listing_fixes_make(kt, cr, lf))
		goto out;
	if (!opsdoc_quiet)
		fprintf(stderr, "opsdoc: %zu listings fixed in %zu documents, %zu "
			"left as they are, %zu in translations left out\n",
			lf->nr_fixed, lf->r.nr_docs, lf->nr_skips, lf->translations);
	*r = lf->r;
	memset(&lf->r, 0, sizeof(lf->r));
	*api = cr->api;
	memset(&cr->api, 0, sizeof(cr->api));
	ret = 0;
out:
	strvec_release(&dirs);
	strbuf_release(&sb);
	return ret;
}

int cmd_series(int argc, char **argv)
{
	const char *v[NR_OPTS], *outdir, *templates;
	struct strbuf id = STRBUF_INIT, head = STRBUF_INIT;
	struct doc_listings after_ls = { 0 };
	struct listing_fixes lf = { 0 };
	struct check_run cr = { 0 };
	struct step_change *changes = NULL;
	struct findings after = { 0 };
	struct model_opts mo = { 0 };
	struct series_plan plan = { 0 };
	struct file_addresses fa = { STRVEC_INIT, NULL, NULL };
	struct outfile *files = NULL;
	struct strvec ids = STRVEC_INIT;
	struct expand_env env;
	struct rewrites r = { 0 };
	size_t nr_files = 0, k;
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
	outdir = v[OPT_OUTDIR] ? v[OPT_OUTDIR] :
		 v[OPT_LISTINGS] ? "build/series-listings" : "build/series";
	templates = v[OPT_TEMPLATES] ? v[OPT_TEMPLATES] : data_subdir("templates");
	env.examples_dir = v[OPT_EXAMPLES] ? v[OPT_EXAMPLES] : data_subdir("examples");
	strvec_init(&ids);
	strvec_init(&fa.files);
	if (mail_signoff_identity(v[OPT_SIGNOFF], &id, 1))
		return EXIT_USAGE;
	if (ktree_resolve(&kt, v[OPT_KSRC], v[OPT_KBUILD], v[OPT_FLAGS]))
		goto out_id;
	mo.api_path = v[OPT_API];
	mo.callers = 1;
	mo.examples = env.examples_dir;
	if (v[OPT_LISTINGS]) {
		if (listings_rewrites(&kt, v[OPT_API], &cr, &lf, &api, &r))
			goto out_api;
	} else {
		if (model_for_tree(&kt, &mo, &api))
			goto out_tree;
		env.api = &api;
		if (rewrite_docs(&env, kt.ksrc, templates, &r))
			goto out_api;
	}
	if (!r.nr_steps) {
		error_at(kt.ksrc, 0, "the documents are up to date with the headers: "
			 "there is nothing to send");
		goto out_api;
	}
	for (d = 0; d < r.nr_docs; d++) {
		const struct strbuf *prev = &r.docs[d].orig;

		for (k = 0; k < r.nr_steps; k++) {
			if (r.steps[k].doc != d)
				continue;
			if (too_wide(r.docs[d].path, prev, &r.steps[k].text))
				goto out_api;
			prev = &r.steps[k].text;
		}
	}
	/* series --listings checked each edited listing itself. */
	if (!v[OPT_LISTINGS] && check_texts(&kt, &api, &r, 1, &after_ls, &after))
		goto out_api;
	/* A parameter name the document keeps is no drift (check's notes). */
	findings_drop_notes(&after);
	if (after.n) {
		error_at(after.v[0].file, after.v[0].line, "the rewritten documents "
			 "still differ from the headers (%zu findings; see opsdoc "
			 "check --docs on generate's output)", after.n);
		goto out_api;
	}
	changes = xcalloc(r.nr_steps, sizeof(*changes));
	for (k = 0; k < r.nr_steps; k++)
		step_change_read(text_before(&r, k), &r.steps[k].text, &changes[k]);
	for (k = 0; v[OPT_LISTINGS] && k < r.nr_steps; k++)
		listing_step_change(&r, k, &changes[k]);
	if (series_plan_make(kt.ksrc, &api, &r, changes, v[OPT_LISTINGS] != NULL,
			     &plan))
		goto out_changes;
	is_git = tree_head(kt.ksrc, &head);
	repo = scratch_dir("series");
	if (!repo)
		goto out_plan;
	git_env(id.len ? id.buf : UNSIGNED_AUTHOR, series_date(kt.ksrc, is_git));
	if (make_commits(templates, &api, &r, changes, v[OPT_LISTINGS] ? lf.notes : NULL,
			 repo, id.buf,
			 tree_takes_assisted_by(kt.ksrc), &ids))
		goto out_repo;
	for (k = 0; k < plan.nr_trees; k++)
		if (tree_patches(repo, &plan.trees[k], &ids) ||
		    finish_tree(&kt, is_git, templates, &r, changes, &plan,
				&plan.trees[k], &fa, v[OPT_LISTINGS] ? &lf : NULL,
				repo, outdir, head.buf,
				&files, &nr_files))
			goto out_repo;
	if (write_series(outdir, files, nr_files))
		goto out_repo;
	ret = 0;
out_repo:
	remove_tree(repo);
	free(repo);
	for (k = 0; k < nr_files; k++) {
		free(files[k].path);
		strbuf_release(&files[k].text);
	}
	free(files);
out_plan:
	series_plan_release(&plan, r.nr_steps);
out_changes:
	for (k = 0; changes && k < r.nr_steps; k++)
		step_change_release(&changes[k]);
	free(changes);
out_api:
	rewrites_release(&r);
	findings_release(&after);
	doc_listings_release(&after_ls);
	api_release(&api);
	listing_fixes_release(&lf);
	check_run_release(&cr);
out_tree:
	ktree_release(&kt);
out_id:
	file_addresses_release(&fa);
	strvec_release(&ids);
	strbuf_release(&id);
	strbuf_release(&head);
	return ret;
}
