# SPDX-License-Identifier: GPL-2.0
# make bench: timings against reference tools. Never part of make check.
BENCH_RUNS ?= 5

bench: $(OPSDOC) $(B)/tree.env
	@. ./$(B)/tree.env && OPSDOC=$(TOP)/$(OPSDOC) RUNS=$(BENCH_RUNS) \
		bench/bench.sh "$$KSRC_DIR" "$$KBUILD_DIR" "$$FLAGS"
