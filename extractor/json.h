/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_JSON_H
#define OPSDOC_JSON_H

#include "model.h"
#include "strbuf.h"

/**
 * define API_SCHEMA_VERSION - the api.json schema version
 *
 * Bump it on any incompatible change.
 */
#define API_SCHEMA_VERSION 1

/**
 * api_to_json() - write a model as api.json
 * @api: the model
 * @out: receives the text, appended
 *
 * The text has sorted keys and a two-space indent, and ends in a newline.
 */
void api_to_json(const struct api *api, struct strbuf *out);

/**
 * api_from_json() - read api.json text into a model
 * @path: the file the text came from, for errors
 * @text: the text
 * @len: its length
 * @api: the model, initialised (empty) by the caller
 *
 * On error, prints "path:line: error: ..." (the line when it is known):
 * text that is not JSON, that is not api.json, or a schema version other
 * than API_SCHEMA_VERSION. @api is then left empty.
 *
 * Return: 0, or -1 after an error.
 */
int api_from_json(const char *path, const char *text, size_t len,
		  struct api *api);

/**
 * api_load_file() - read an api.json file into a model
 * @path: the file
 * @api: the model; initialised here, so whatever it held is not freed
 *
 * api_from_json() on the contents of @path.
 *
 * Return: 0, or -1 after an error naming @path (it cannot be read, or
 * api_from_json() refused it); @api is then empty.
 */
int api_load_file(const char *path, struct api *api);

#endif
