/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_VERSION_H
#define OPSDOC_VERSION_H

/* opsdoc's version, as the patches it writes name it. */
#define OPSDOC_VERSION "0.12"

#endif
