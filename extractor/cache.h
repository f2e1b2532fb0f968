/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_CACHE_H
#define OPSDOC_CACHE_H

#include "model.h"
#include "strvec.h"

/*
 * A cache of extracted models, keyed on what the extraction read: the
 * compiler flags, the tree, and the content hash of every file in the
 * headers' include closure. A hit costs reading and hashing those files,
 * not parsing them.
 */

/*
 * The key of an extraction: flags, tree, headers and opsdoc's own binary.
 * 0 when the binary cannot be read: then nothing is cached.
 */
unsigned long long cache_key(const char *ksrc, const struct strvec *args,
			     const char *const *headers);

/* Fill api from the cache if every recorded file is unchanged; 0 on a hit. */
int cache_load(unsigned long long key, struct api *api);

/* Record api with the files it was read from; a failure only warns. */
void cache_store(unsigned long long key, const struct api *api,
		 const struct strvec *deps);

#endif
