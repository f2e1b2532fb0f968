# SPDX-License-Identifier: GPL-2.0
# make fuzz: libFuzzer targets (clang-19 -fsanitize=fuzzer,address) for the
# RST writer, the vfs.rst splicer, the listing scanner and the api.json
# reader, each run for FUZZ_SECONDS (default 60) from the seed corpus in
# tests/fuzz/corpus/. New inputs go to build/fuzz/corpus, crashes to
# build/fuzz/crashes; turn each crash into a test in tests/fuzz/repro/.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS := rst vfs scan json
FZ := build/fuzz
FUZZ_CFLAGS := -g -O1 -std=gnu11 -D_GNU_SOURCE -Iextractor \
	-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-DFIXTURES='"$(TOP)/tests/fixtures"'
# What the targets need: no libclang.
FUZZ_SRCS := strbuf.c strvec.c util.c model.c json.c fileio.c rst_write.c expand.c \
	doc_vfs.c doc_locking.c doc_listings.c rewrite.c rst_table.c \
	rst_listings.c rst_read.c
FUZZ_OBJS := $(patsubst %.c,$(FZ)/obj/%.o,$(FUZZ_SRCS))

$(FZ)/obj/%.o: extractor/%.c | deps
	@mkdir -p $(dir $@)
	clang-19 $(FUZZ_CFLAGS) -c -o $@ $<

$(FZ)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJS)
	clang-19 $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
		$(FUZZ_OBJS) -ljansson -lcmark

fuzz-bins: $(patsubst %,$(FZ)/fuzz_%,$(FUZZ_TARGETS))

fuzz: fuzz-bins
	@rm -rf $(FZ)/crashes; \
	for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FZ)/corpus/$$t $(FZ)/crashes/$$t; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		$(FZ)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=$(FZ)/crashes/$$t/ \
			$(FZ)/corpus/$$t tests/fuzz/corpus/$$t 2>&1 | \
			grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+==ERROR|SUMMARY)' \
			|| true; \
	done; \
	if [ -n "$$(find $(FZ)/crashes -type f)" ]; then \
		echo "fuzz: crashes in $(FZ)/crashes"; exit 1; fi

.PHONY: fuzz fuzz-bins
.SECONDARY: $(FUZZ_OBJS)
