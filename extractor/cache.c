// SPDX-License-Identifier: GPL-2.0
/*
 * cache.c - extracted models, reused while the headers are unchanged.
 *
 * $OPSDOC_CACHE/extract/KEY.deps lists "HASH PATH" for every file the
 * parse read; KEY.json is the model. Hashes are XXH3 of the contents, so a
 * touched but unchanged header still hits. The key covers the flags, the
 * tree, the headers asked for and the opsdoc binary itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "cache.h"
#include "fileio.h"
#include "json.h"
#include "strbuf.h"
#include "util.h"

void cache_file(const char *sub, unsigned long long key, const char *ext,
		struct strbuf *out)
{
	const char *dir = getenv("OPSDOC_CACHE");

	strbuf_reset(out);
	if (dir && *dir)
		strbuf_addf(out, "%s/%s", dir, sub);
	else
		strbuf_addf(out, "%s/.cache/opsdoc/%s",
			    getenv("HOME") ? getenv("HOME") : "/tmp", sub);
	if (ext)
		strbuf_addf(out, "/%016llx.%s", key, ext);
}

static void cache_path(unsigned long long key, const char *ext,
		       struct strbuf *out)
{
	cache_file("extract", key, ext, out);
}

/*
 * The files a run hashes, by path: the model's cache and the listings'
 * check the same headers, and a run never sees a file change (opsdoc only
 * reads the tree). An open-addressed table, grown at half full.
 */
static struct file_hash {
	char *path;
	unsigned long long hash;
} *hashes;
static size_t nr_hashes, hashes_alloc;

static struct file_hash *hash_slot(struct file_hash *v, size_t alloc,
				   const char *path)
{
	size_t i = XXH3_64bits(path, strlen(path)) & (alloc - 1);

	while (v[i].path && strcmp(v[i].path, path))
		i = (i + 1) & (alloc - 1);
	return &v[i];
}

static void remember_hash(const char *path, unsigned long long h)
{
	struct file_hash *slot;
	size_t i;

	if (2 * (nr_hashes + 1) > hashes_alloc) {
		size_t alloc = hashes_alloc ? 2 * hashes_alloc : 1024;
		struct file_hash *v = xcalloc(alloc, sizeof(*v));

		for (i = 0; i < hashes_alloc; i++)
			if (hashes[i].path)
				*hash_slot(v, alloc, hashes[i].path) = hashes[i];
		free(hashes);
		hashes = v;
		hashes_alloc = alloc;
	}
	slot = hash_slot(hashes, hashes_alloc, path);
	slot->path = xstrdup(path);
	slot->hash = h;
	nr_hashes++;
}

static int hash_file(const char *path, unsigned long long *h)
{
	struct strbuf text = STRBUF_INIT;
	struct file_hash *slot;

	if (hashes_alloc) {
		slot = hash_slot(hashes, hashes_alloc, path);
		if (slot->path) {
			*h = slot->hash;
			return 0;
		}
	}
	if (strbuf_read_file(&text, path)) {
		strbuf_release(&text);
		return -1;
	}
	*h = XXH3_64bits(text.buf, text.len);
	strbuf_release(&text);
	remember_hash(path, *h);
	return 0;
}

unsigned long long cache_key(const char *ksrc, const struct strvec *args,
			     const char *const *headers)
{
	XXH3_state_t *st = XXH3_createState();
	unsigned long long key, self;
	size_t i;

	if (!st)
		die("out of memory");
	XXH3_64bits_reset(st);
	/* The model changes with opsdoc itself: key on its own binary. */
	if (hash_file("/proc/self/exe", &self)) {
		XXH3_freeState(st);
		return 0;
	}
	XXH3_64bits_update(st, &self, sizeof(self));
	XXH3_64bits_update(st, &(int){ API_SCHEMA_VERSION }, sizeof(int));
	XXH3_64bits_update(st, ksrc, strlen(ksrc) + 1);
	for (i = 0; i < args->nr; i++)
		XXH3_64bits_update(st, args->v[i], strlen(args->v[i]) + 1);
	for (i = 0; headers[i]; i++)
		XXH3_64bits_update(st, headers[i], strlen(headers[i]) + 1);
	key = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	return key;
}

int cache_load(unsigned long long key, struct api *api)
{
	struct strbuf path = STRBUF_INIT, deps = STRBUF_INIT, json = STRBUF_INIT;
	char *line, *save = NULL;
	int ret = -1;

	cache_path(key, "deps", &path);
	if (strbuf_read_file(&deps, path.buf))
		goto out;
	for (line = strtok_r(deps.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long want, got;
		int n = 0;

		if (sscanf(line, "%llx %n", &want, &n) != 1 || !n ||
		    hash_file(line + n, &got) || got != want)
			goto out;
	}
	cache_path(key, "json", &path);
	if (strbuf_read_file(&json, path.buf))
		goto out;
	api_init(api);
	if (api_from_json(path.buf, json.buf, json.len, api))
		goto out;
	ret = 0;
out:
	strbuf_release(&path);
	strbuf_release(&deps);
	strbuf_release(&json);
	return ret;
}

void cache_store(unsigned long long key, const struct api *api,
		 const struct strvec *deps)
{
	struct strbuf path = STRBUF_INIT, list = STRBUF_INIT, json = STRBUF_INIT;
	struct strbuf p2 = STRBUF_INIT;
	struct file_set set = { 0 };
	size_t i;

	for (i = 0; i < deps->nr; i++) {
		unsigned long long h;

		if (hash_file(deps->v[i], &h))
			goto out;
		strbuf_addf(&list, "%016llx %s\n", h, deps->v[i]);
	}
	api_to_json(api, &json);
	cache_path(key, NULL, &path);
	if (mkdir_p(path.buf)) {
		note_at(path.buf, 0, "cannot cache the model: %s", strerror(errno));
		goto out;
	}
	cache_path(key, "json", &path);
	cache_path(key, "deps", &p2);
	file_set_add(&set, path.buf, json.buf, json.len);
	file_set_add(&set, p2.buf, list.buf, list.len);
	file_set_commit(&set);
	file_set_release(&set);
out:
	strbuf_release(&path);
	strbuf_release(&p2);
	strbuf_release(&list);
	strbuf_release(&json);
}
