// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: a vfs.rst through the section splicer. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "doc.h"

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

	vfs_regenerate(&env, FIXTURES "/templates", "vfs.rst", (const char *)data,
		       size, &out);
	strbuf_release(&out);
	return 0;
}
