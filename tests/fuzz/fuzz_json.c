// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: api.json through the reader, and back out through the writer. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "model.h"
#include "strbuf.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	opsdoc_diag = fopen("/dev/null", "w");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api api, again;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	api_init(&api);
	if (api_from_json("fuzz.json", (const char *)data, size, &api))
		return 0;
	/* What the reader accepts, the writer must write back the same. */
	api_to_json(&api, &a);
	api_init(&again);
	if (api_from_json("again.json", a.buf, a.len, &again))
		__builtin_trap();
	api_to_json(&again, &b);
	if (strcmp(a.buf, b.buf))
		__builtin_trap();
	api_release(&api);
	api_release(&again);
	strbuf_release(&a);
	strbuf_release(&b);
	return 0;
}
