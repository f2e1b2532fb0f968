// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: an .rst file through the documentation listing scanner. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "rst_listings.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct strvec names, members[8];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct ops_struct *s;
	const struct member *m;
	size_t k = 0;

	(void)argc;
	(void)argv;
	fuzz_load_model();
	strvec_init(&names);
	for_each_struct(&fuzz_api, s) {
		if (!s->present || k == 8)
			continue;
		strvec_push(&names, s->name);
		strvec_init(&members[k]);
		for_each_member(s, m)
			strvec_push(&members[k], m->name);
		k++;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc_listings ls = { 0 };

	scan_rst("fuzz.rst", (const char *)data, size,
		 (const char *const *)names.v, members, &ls);
	doc_listings_release(&ls);
	return 0;
}
