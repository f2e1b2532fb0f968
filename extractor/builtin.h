/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_BUILTIN_H
#define OPSDOC_BUILTIN_H

/*
 * Each subcommand gets argv with its own name in argv[0] and returns the
 * exit status: 0 fine, 1 findings, 2 usage or input error.
 */
int cmd_extract(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_scaffold(int argc, char **argv);
int cmd_check(int argc, char **argv);

struct api;
struct ktree;
/* cmd_extract.c: the model of a resolved tree (see there). */
int extract_api(const struct ktree *kt, int callers, const char *examples,
		struct api *api);
/* cmd_extract.c: the model from api_path (checked against kt), or extracted. */
int tree_model(const struct ktree *kt, const char *api_path, int callers,
	       const char *examples, struct api *api);

#endif
