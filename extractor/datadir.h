/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_DATADIR_H
#define OPSDOC_DATADIR_H

/**
 * data_subdir() - where one of opsdoc's data directories is
 * @name: "templates", "scripts" or "examples"
 *
 * opsdoc's data is looked up at run time, never compiled in, so that an
 * installed copy does not depend on the checkout it was built from. The
 * data directory is, in order: $OPSDOC_DATADIR; PREFIX/share/opsdoc for a
 * binary installed as PREFIX/bin/opsdoc; the source checkout for a binary
 * built in it (build/opsdoc and the test binaries under build/). The
 * answer is computed once. When no data directory can be found, opsdoc
 * stops with an error that says to set OPSDOC_DATADIR.
 *
 * Return: "DATADIR/name", owned by datadir.c for the life of the process.
 */
const char *data_subdir(const char *name);

#endif
