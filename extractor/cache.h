/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_CACHE_H
#define OPSDOC_CACHE_H

#include "model.h"
#include "strbuf.h"
#include "strvec.h"

/*
 * A cache of extracted models, keyed on what the extraction read: the
 * compiler flags, the tree, and the content hash of every file in the
 * headers' include closure. A hit costs reading and hashing those files,
 * not parsing them.
 */

/**
 * cache_key() - the key of an extraction
 * @ksrc: the kernel tree
 * @args: the compiler flags
 * @headers: the headers parsed, NULL-terminated
 *
 * The key covers the flags, the tree, the headers, the api.json schema
 * version and opsdoc's own binary; the contents of the headers' include
 * closure are checked by cache_load().
 *
 * Return: the key, or 0 when the binary cannot be read: then nothing is
 * cached.
 */
unsigned long long cache_key(const char *ksrc, const struct strvec *args,
			     const char *const *headers);

/**
 * cache_load() - read a model from the cache
 * @key: the extraction's key, from cache_key()
 * @api: receives the model
 *
 * Fill @api from the cache if every file recorded with it is unchanged.
 * A cached model that api_from_json() refuses is reported by it, and is a
 * miss. @api is filled only on a hit; after a miss it is as it was, or
 * empty.
 *
 * Return: 0 on a hit, -1 on a miss.
 */
int cache_load(unsigned long long key, struct api *api);

/**
 * cache_store() - record a model in the cache
 * @key: the extraction's key, from cache_key()
 * @api: the model
 * @deps: the files it was read from, whose contents are hashed now
 *
 * A failure does not stop the caller: a file of @deps that cannot be read
 * stores nothing, silently; a cache directory that cannot be made is a
 * note; a failed write is reported by file_set_commit().
 */
void cache_store(unsigned long long key, const struct api *api,
		 const struct strvec *deps);

/**
 * cache_file() - the path of a file in one part of opsdoc's cache
 * @sub: the part, e.g. "extract" or "defindex"
 * @key: the entry's key
 * @ext: the file's extension; NULL gives the part's directory
 * @out: receives the path (reset first)
 *
 * The cache is $OPSDOC_CACHE, or ~/.cache/opsdoc.
 */
void cache_file(const char *sub, unsigned long long key, const char *ext,
		struct strbuf *out);

#endif
