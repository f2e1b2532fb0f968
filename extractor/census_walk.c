// SPDX-License-Identifier: GPL-2.0
/*
 * census_walk.c - the file list of a tree, the worker threads, and the
 * cache of per-file results.
 *
 * Every .c file of the tree is scanned, in sorted order; a shard i/N takes
 * every Nth. Results are kept in $OPSDOC_CACHE/census/KEY.json, KEY being
 * the tree's path: a file's results are reused while its size and mtime
 * are unchanged, and all of them while no header, MAINTAINERS or opsdoc
 * binary changed (a header may change a macro, MAINTAINERS the sections).
 */
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "cache.h"
#include "census_int.h"
#include "fileio.h"
#include "util.h"

struct scan_job {
	const struct census_opts *o;
	const struct strvec *files;
	struct census_file *res;
	char *todo;		/* 1: scan it; 0: from the cache */
	const struct macro_index *mi;
	size_t done, total;
};

static void scan_one(void *ctx, size_t i)
{
	struct scan_job *j = ctx;
	size_t d;

	if (!j->todo[i])
		return;
	census_scan_file(j->o->ksrc, j->files->v[i], j->mi, &j->res[i]);
	d = __atomic_add_fetch(&j->done, 1, __ATOMIC_RELAXED);
	if (j->o->progress && (d % 256 == 0 || d == j->total))
		fprintf(stderr, "\rcensus: %zu/%zu files", d, j->total);
}

/* A .c or .h file of the tree and its stamp (size and mtime). */
struct fent {
	char *path;
	char stamp[48];
	struct stat st;
};

struct fents {
	struct fent *v;
	size_t n, alloc;
};

static void fents_add(struct fents *fs, const char *path, const struct stat *st)
{
	struct fent *e;

	if (fs->n == fs->alloc) {
		fs->alloc = fs->alloc ? 2 * fs->alloc : 4096;
		fs->v = xrealloc(fs->v, fs->alloc * sizeof(*fs->v));
	}
	e = &fs->v[fs->n++];
	e->path = xstrdup(path);
	e->st = *st;
	snprintf(e->stamp, sizeof(e->stamp), "%lld.%lld.%ld", (long long)st->st_size,
		 (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec);
}

static int fent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fent *)a)->path, ((const struct fent *)b)->path);
}

/*
 * Every .c and .h file under the directory open as @dfd, hidden entries
 * skipped, each stat()ed relative to its directory: one walk serves the
 * file list, the cache's stamps and the key of the headers.
 */
static int walk(int dfd, struct strbuf *rel, struct fents *c, struct fents *h)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	size_t len = rel->len;
	int ret = 0;

	if (!d) {
		close(dfd);
		return -1;
	}
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		struct stat st;
		int is_dir = de->d_type == DT_DIR;

		if (de->d_name[0] == '.')
			continue;
		if (de->d_type == DT_UNKNOWN && !fstatat(dirfd(d), de->d_name, &st, 0))
			is_dir = S_ISDIR(st.st_mode);
		strbuf_adds(rel, de->d_name);
		if (is_dir) {
			int sub = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY);

			strbuf_addch(rel, '/');
			if (sub < 0 || walk(sub, rel, c, h))
				ret = -1;
		} else if (n > 2 && de->d_name[n - 2] == '.' &&
			   (de->d_name[n - 1] == 'c' || de->d_name[n - 1] == 'h') &&
			   !fstatat(dirfd(d), de->d_name, &st, 0) && S_ISREG(st.st_mode)) {
			fents_add(de->d_name[n - 1] == 'c' ? c : h, rel->buf, &st);
		}
		rel->len = len;
		rel->buf[len] = 0;
	}
	closedir(d);
	return ret;
}

static void fents_release(struct fents *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		free(fs->v[i].path);
	free(fs->v);
}

static void hash_stat(XXH3_state_t *h, const char *path, const struct stat *st)
{
	XXH3_64bits_update(h, path, strlen(path) + 1);
	XXH3_64bits_update(h, &st->st_size, sizeof(st->st_size));
	XXH3_64bits_update(h, &st->st_mtim, sizeof(st->st_mtim));
}

/* What the results of every file depend on besides the file itself. */
static unsigned long long tree_key(const char *ksrc, const struct fents *headers)
{
	XXH3_state_t *h = XXH3_createState();
	struct strbuf path = STRBUF_INIT;
	unsigned long long k;
	struct stat st;
	size_t i;

	XXH3_64bits_reset(h);
	if (stat("/proc/self/exe", &st))
		memset(&st, 0, sizeof(st));
	hash_stat(h, "exe", &st);
	strbuf_addf(&path, "%s/MAINTAINERS", ksrc);
	if (stat(path.buf, &st))
		memset(&st, 0, sizeof(st));
	hash_stat(h, "MAINTAINERS", &st);
	for (i = 0; i < headers->n; i++)
		hash_stat(h, headers->v[i].path, &headers->v[i].st);
	k = XXH3_64bits_digest(h);
	XXH3_freeState(h);
	strbuf_release(&path);
	return k;
}

static json_t *load_cache(const char *path, unsigned long long key)
{
	json_t *j = json_load_file(path, 0, NULL);
	char want[32];

	snprintf(want, sizeof(want), "%016llx", key);
	if (j && (!json_is_string(json_object_get(j, "tree_key")) ||
		  strcmp(json_string_value(json_object_get(j, "tree_key")), want))) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

static void append_file(struct census *c, struct census_file *f)
{
	c->objs = xrealloc(c->objs, (c->nr_objs + f->nr_objs + 1) * sizeof(*c->objs));
	if (f->nr_objs)
		memcpy(c->objs + c->nr_objs, f->objs, f->nr_objs * sizeof(*f->objs));
	c->nr_objs += f->nr_objs;
	c->fns = xrealloc(c->fns, (c->nr_fns + f->nr_fns + 1) * sizeof(*c->fns));
	if (f->nr_fns)
		memcpy(c->fns + c->nr_fns, f->fns, f->nr_fns * sizeof(*f->fns));
	c->nr_fns += f->nr_fns;
	if (f->err.msg) {
		c->errs = xrealloc(c->errs, (c->nr_errs + 1) * sizeof(*c->errs));
		c->errs[c->nr_errs++] = f->err;
	}
	free(f->objs);
	free(f->fns);
	memset(f, 0, sizeof(*f));
}

int census_run(const struct census_opts *o, struct census *c)
{
	struct strvec headers = STRVEC_INIT, files = STRVEC_INIT;
	struct strvec stamps = STRVEC_INIT;
	struct strbuf rel = STRBUF_INIT;
	struct fents cf = { 0 }, hf = { 0 };
	int dfd;
	struct strbuf cpath = STRBUF_INIT, dump = STRBUF_INIT;
	struct scan_job j = { 0 };
	struct macro_index *mi = NULL;
	struct maintainers *m = NULL;
	json_t *cache = NULL, *cfiles, *out_files;
	unsigned long long key;
	size_t i, k;
	char stamp[64];
	int ret = -1;

	strvec_init(&headers);
	strvec_init(&files);
	strvec_init(&stamps);
	dfd = open(o->ksrc, O_RDONLY | O_DIRECTORY);
	if (dfd < 0 || walk(dfd, &rel, &cf, &hf)) {
		error_at(o->ksrc, 0, "cannot list the tree's files: %m");
		goto out;
	}
	qsort(cf.v, cf.n, sizeof(*cf.v), fent_cmp);
	qsort(hf.v, hf.n, sizeof(*hf.v), fent_cmp);
	for (i = 0; i < hf.n; i++)
		strvec_push(&headers, hf.v[i].path);
	for (i = 0; i < cf.n; i++) {
		if ((int)(i % o->nr_shards) != o->shard)
			continue;
		strvec_push(&files, cf.v[i].path);
		strvec_push(&stamps, cf.v[i].stamp);
	}
	census_tree_read(o->ksrc, &c->tree);
	c->files = files.nr;
	key = tree_key(o->ksrc, &hf);
	cache_file("census", XXH3_64bits(o->ksrc, strlen(o->ksrc)), "json", &cpath);
	if (o->use_cache)
		cache = load_cache(cpath.buf, key);
	cfiles = cache ? json_object_get(cache, "files") : NULL;
	j.o = o;
	j.files = &files;
	j.res = xcalloc(files.nr + 1, sizeof(*j.res));
	j.todo = xcalloc(files.nr + 1, 1);
	for (i = 0; i < files.nr; i++) {
		json_t *e = cfiles ? json_object_get(cfiles, files.v[i]) : NULL;

		if (e && !strcmp(json_string_value(json_object_get(e, "stamp")) ?: "", stamps.v[i]) &&
		    !census_file_from_json(e, &j.res[i]))
			continue;
		census_file_release(&j.res[i]);
		j.todo[i] = 1;
		j.total++;
	}
	if (j.total) {
		mi = macro_index_build(o->ksrc, &headers, o->jobs);
		j.mi = mi;
		census_parallel(files.nr, o->jobs, scan_one, &j);
		if (o->progress)
			fputc('\n', stderr);
		m = maintainers_read(o->ksrc);
		for (i = 0; i < files.nr; i++) {
			char *sec = NULL;

			if (!j.todo[i])
				continue;
			for (k = 0; k < j.res[i].nr_objs; k++) {
				if (!sec)
					sec = maintainers_of(m, files.v[i]);
				j.res[i].objs[k].maint = xstrdup(sec);
			}
			free(sec);
		}
	}
	if (o->use_cache && (j.total || !cache)) {
		json_t *root = json_object();

		snprintf(stamp, sizeof(stamp), "%016llx", key);
		json_object_set_new(root, "tree_key", json_string(stamp));
		out_files = json_object();
		/* Entries of the other shards are kept. */
		if (cfiles)
			json_object_update(out_files, cfiles);
		for (i = 0; i < files.nr; i++) {
			json_t *e = census_file_to_json(&j.res[i]);

			json_object_set_new(e, "stamp", json_string(stamps.v[i]));
			json_object_set_new(out_files, files.v[i], e);
		}
		json_object_set_new(root, "files", out_files);
		dump.buf = json_dumps(root, JSON_COMPACT);
		json_decref(root);
		if (dump.buf) {
			struct strbuf dir = STRBUF_INIT;

			cache_file("census", 0, NULL, &dir);
			if (mkdir_p(dir.buf))
				note_at(dir.buf, 0, "cannot make the cache directory: %m");
			else
				write_file_atomic(cpath.buf, dump.buf, strlen(dump.buf));
			strbuf_release(&dir);
			free(dump.buf);
		}
		strbuf_init(&dump);
	}
	for (i = 0; i < files.nr; i++)
		append_file(c, &j.res[i]);
	census_finish(c);
	ret = 0;
	free(j.res);
	free(j.todo);
out:
	if (cache)
		json_decref(cache);
	macro_index_free(mi);
	maintainers_free(m);
	strvec_release(&headers);
	strvec_release(&files);
	strvec_release(&stamps);
	strbuf_release(&rel);
	fents_release(&cf);
	fents_release(&hf);
	strbuf_release(&cpath);
	return ret;
}
