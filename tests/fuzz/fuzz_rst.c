// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: a template (CommonMark with directives) through the RST writer. */
#include <stddef.h>
#include <stdint.h>

#include "expand.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_load_model();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expand_env env = { &fuzz_api, FIXTURES "/examples" };
	struct strbuf out = STRBUF_INIT;

	expand_text(&env, "fuzz.md", 1, (const char *)data, size, "\t", &out);
	strbuf_release(&out);
	return 0;
}
