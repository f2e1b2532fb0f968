// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc census - every struct file_operations of a tree, .mmap against
 * .mmap_prepare, with a recipe for every legacy implementation.
 *
 * The scan is census_walk.c's, the classification census_classify.c's,
 * each format has its file (census_text.c, census_json.c, census_html.c).
 * --shard scans every Nth file; --merge adds shards' JSON back together;
 * --diff compares with an older tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "census.h"
#include "fileio.h"
#include "ktree.h"
#include "options.h"
#include "util.h"

static const char census_usage[] =
	"opsdoc census [-k KSRC] [-b KBUILD] [--format text|json|html] [-o FILE]\n"
	"                     [--diff OLD_KSRC] [--shard I/N] [-j JOBS] [--no-cache] [-q]\n"
	"   or: opsdoc census --merge [--format FMT] [-o FILE] SHARD.json...";

enum {
	OPT_KSRC, OPT_KBUILD, OPT_FORMAT, OPT_OUTPUT, OPT_DIFF, OPT_SHARD,
	OPT_MERGE, OPT_JOBS, OPT_NO_CACHE, OPT_QUIET, NR_OPTS
};

static const struct opt census_opts[] = {
	[OPT_KSRC] = OPTION_KSRC,
	[OPT_KBUILD] = { 'b', "kbuild", "KBUILD", "accepted for symmetry; the census reads only KSRC" },
	[OPT_FORMAT] = { 0, "format", "FMT", "text (default), json or html" },
	[OPT_OUTPUT] = { 'o', "output", "FILE", "write here, atomically (default: standard output)" },
	[OPT_DIFF] = { 0, "diff", "OLD_KSRC", "report what changed since this older tree" },
	[OPT_SHARD] = { 0, "shard", "I/N", "scan only shard I (from 0) of N of the sorted file list" },
	[OPT_MERGE] = { 0, "merge", NULL, "merge the JSON files given as operands" },
	[OPT_JOBS] = { 'j', "jobs", "N", "worker threads (default: 2)" },
	[OPT_NO_CACHE] = { 0, "no-cache", NULL, "neither read nor write the cache" },
	[OPT_QUIET] = { 'q', "quiet", NULL, "no progress and no notes" },
	[NR_OPTS] = { 0 },
};

static int scan_tree(const char *ksrc, const char *const *v, int shard,
		     int nr_shards, struct census *c)
{
	struct census_opts o = { 0 };

	if (ktree_check(ksrc))
		return -1;
	o.ksrc = ksrc;
	o.jobs = v[OPT_JOBS] ? atoi(v[OPT_JOBS]) : 2;
	if (o.jobs < 1)
		o.jobs = 1;
	o.shard = shard;
	o.nr_shards = nr_shards;
	o.progress = !v[OPT_QUIET] && isatty(2);
	o.use_cache = !v[OPT_NO_CACHE];
	return census_run(&o, c);
}

int cmd_census(int argc, char **argv)
{
	const char *v[NR_OPTS], *fmt;
	struct census c, old;
	struct strbuf out = STRBUF_INIT;
	struct ktree kt = { 0 };
	int first, i, shard = 0, nr_shards = 1, ret = EXIT_USAGE;
	char slash;

	memset(&c, 0, sizeof(c));
	memset(&old, 0, sizeof(old));
	first = parse_opts(argc, argv, census_opts, census_usage, v);
	if (first == OPTS_HELP)
		return 0;
	if (first == OPTS_ERROR)
		return EXIT_USAGE;
	fmt = v[OPT_FORMAT] ? v[OPT_FORMAT] : "text";
	if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "html")) {
		error_at(NULL, 0, "--format takes text, json or html, not '%s'", fmt);
		return EXIT_USAGE;
	}
	if (v[OPT_SHARD] && (sscanf(v[OPT_SHARD], "%d%c%d", &shard, &slash, &nr_shards) != 3 ||
			     slash != '/' || nr_shards < 1 || shard < 0 || shard >= nr_shards)) {
		error_at(NULL, 0, "--shard takes I/N with 0 <= I < N, not '%s'", v[OPT_SHARD]);
		return EXIT_USAGE;
	}
	if (!v[OPT_MERGE] && first < argc) {
		error_at(NULL, 0, "operands are JSON files after --merge ('%s')", argv[first]);
		return EXIT_USAGE;
	}
	if (v[OPT_MERGE] && (first >= argc || v[OPT_DIFF] || v[OPT_SHARD])) {
		error_at(NULL, 0, "--merge takes one or more JSON files, and no --diff or --shard");
		return EXIT_USAGE;
	}
	opsdoc_quiet = v[OPT_QUIET] != NULL;
	if (v[OPT_MERGE]) {
		for (i = first; i < argc; i++)
			if (census_json_load(argv[i], &c))
				goto out;
		census_finish(&c);
	} else {
		if (v[OPT_KSRC])
			kt.ksrc = xstrdup(v[OPT_KSRC]);
		else if (ktree_resolve(&kt, NULL, NULL, NULL))
			goto out;
		if (scan_tree(kt.ksrc, v, shard, nr_shards, &c))
			goto out;
	}
	if (v[OPT_DIFF]) {
		if (scan_tree(v[OPT_DIFF], v, 0, 1, &old))
			goto out;
		census_diff_text(&old, &c, &out);
	} else if (!strcmp(fmt, "json")) {
		census_json(&c, &out);
	} else if (!strcmp(fmt, "html")) {
		census_html(&c, &out);
	} else {
		census_text(&c, &out);
	}
	if (write_file_atomic(v[OPT_OUTPUT] ? v[OPT_OUTPUT] : "-", out.buf, out.len))
		goto out;
	ret = 0;
out:
	census_release(&c);
	census_release(&old);
	strbuf_release(&out);
	ktree_release(&kt);
	return ret;
}
