/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_SERIES_TREE_H
#define OPSDOC_SERIES_TREE_H

/*
 * Which tree takes each patch of a series, from the tree's MAINTAINERS:
 * one series per tree.
 */

#include <stddef.h>

#include "model.h"
#include "rewrite.h"
#include "series_diff.h"
#include "strvec.h"

/**
 * struct series_tree - the patches one tree takes
 * @name: the series' directory, e.g. "vfs" or "mm": the last part of the
 *        section's git tree, or (when that is a "linux" tree, or there is
 *        none) a word of the section's title, e.g. "block-layer"
 * @section: the MAINTAINERS section that decided it
 * @key: what makes steps one series: the section's git tree, or its title
 * @steps: the steps, in the order of the series
 * @nr_steps: how many
 */
struct series_tree {
	char *name;
	char *section;
	char *key;
	size_t *steps;
	size_t nr_steps;
};

/**
 * struct series_plan - the trees of a series and what each patch is about
 * @trees: the trees, in the order of their first steps
 * @nr_trees: how many
 * @headers: for each step, the headers of the structs it changes
 * @code: for each step, the code files its new text describes: the
 *        callers (from the model) of the members it describes anew, the
 *        files that define the functions that text names, and the file
 *        whose section decided the tree (for a struct whose header no
 *        section keeps, of those that call its methods most)
 */
struct series_plan {
	struct series_tree *trees;
	size_t nr_trees;
	struct strvec *headers;
	struct strvec *code;
};

/**
 * series_plan_make() - decide the tree of every step
 * @ksrc: the kernel tree, with its MAINTAINERS and get_maintainer.pl
 * @api: the model
 * @r: the rewrites
 * @changes: what each step of @r changes (step_change_read())
 * @by_doc: decide by the document: each step goes to its document's
 *          own section (series --listings), the rest as below
 * @p: receives the plan; release with series_plan_release()
 *
 * With @by_doc, a step goes to the first section that keeps its
 * document, most specific first. Otherwise a step goes to the first section, most specific first, that keeps the
 * header of a struct it changes; else to the section that keeps most of
 * the code it describes; else with the other steps of its document; else
 * to the document's own section. Steps with the same git tree (or, without
 * one, the same section) are one series.
 *
 * Return: 0, or -1 after an error naming the script that failed.
 */
int series_plan_make(const char *ksrc, const struct api *api,
		     const struct rewrites *r, const struct step_change *changes,
		     int by_doc, struct series_plan *p);

/**
 * series_plan_release() - free what series_plan_make() filled
 * @p: the plan
 * @nr_steps: the number of steps it was made for
 */
void series_plan_release(struct series_plan *p, size_t nr_steps);

#endif
