/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_JSON_H
#define OPSDOC_JSON_H

#include "model.h"
#include "strbuf.h"

/* The api.json schema version; bump it on any incompatible change. */
#define API_SCHEMA_VERSION 1

/* Append the model as api.json text (sorted keys, two-space indent). */
void api_to_json(const struct api *api, struct strbuf *out);

/*
 * Read api.json text into api (initialised by the caller). On error,
 * prints "path:line: error: ..." and returns -1; api is then released.
 */
int api_from_json(const char *path, const char *text, size_t len,
		  struct api *api);

/* api_from_json() on the contents of a file (api initialised here). */
int api_load_file(const char *path, struct api *api);

#endif
