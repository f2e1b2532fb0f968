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

#endif
