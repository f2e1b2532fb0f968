// SPDX-License-Identifier: GPL-2.0
/*
 * The translation unit opsdoc parses. kbuild compiles it once as a module
 * so that opsdoc can reuse kbuild's exact compile command for libclang.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/module.h>

MODULE_LICENSE("GPL");
