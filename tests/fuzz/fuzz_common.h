/* SPDX-License-Identifier: GPL-2.0 */
/* Shared set-up for the libFuzzer targets: the fixture tree's model. */
#ifndef OPSDOC_FUZZ_COMMON_H
#define OPSDOC_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "json.h"
#include "model.h"
#include "strbuf.h"
#include "util.h"

static struct api fuzz_api;

/* Load tests/fixtures/tree.api.json once; quiet the diagnostics. */
static void fuzz_load_model(void)
{
	struct strbuf text = STRBUF_INIT;

	strbuf_init(&text);
	api_init(&fuzz_api);
	if (strbuf_read_file(&text, FIXTURES "/tree.api.json") ||
	    api_from_json("tree.api.json", text.buf, text.len, &fuzz_api)) {
		fprintf(stderr, "fuzz: cannot load the fixture model\n");
		exit(1);
	}
	strbuf_release(&text);
	/* Diagnostics for bad input are expected: drop them. */
	if (!getenv("FUZZ_VERBOSE"))
		opsdoc_diag = fopen("/dev/null", "w");
}

#endif
