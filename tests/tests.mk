# SPDX-License-Identifier: GPL-2.0
# Included by the top Makefile: build the cmocka suites and run everything.

UNIT_TESTS := test_strbuf test_model test_extract test_rst test_defindex test_splice test_treemodel test_fold test_kscripts
UNIT_BINS := $(patsubst %,$(B)/tests/%,$(UNIT_TESTS))

$(B)/tests/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(OPSDOC_CFLAGS) -DFIXTURES='"$(TOP)/tests/fixtures"' \
		-o $@ $< $(LIB_OBJS) $(LDLIBS) -lcmocka

$(B)/tests/oracle: tests/integration/oracle.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(OPSDOC_CFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS)

test-bins: $(OPSDOC) $(UNIT_BINS) $(B)/tests/oracle

# Every suite; the last line is "N passed, N failed". The real trees are
# fetched and prepared first (once; the cache keeps them).
#
# The unit, golden, command-line and real-tree suites run a second time
# against an ASan and UBSan build (build/san), as suites of their own.
check: test-bins san-bins | deps
	@scripts/ktree.sh resolve newest > /dev/null
	@scripts/ktree.sh resolve 6.1 > /dev/null
	@OPSDOC=$(TOP)/$(OPSDOC) BUILD=$(TOP)/$(B) \
		$(if $(filter 1,$(SAN)),OPSDOC_SAN_ONLY=1,OPSDOC_SAN_BUILD=$(TOP)/build/san) \
		tests/run.sh

san-bins: | deps
	$(if $(filter 1,$(SAN)),@true,$(MAKE) --no-print-directory SAN=1 test-bins)

# The suites that need no kernel tree.
check-quick: test-bins
	@OPSDOC=$(TOP)/$(OPSDOC) BUILD=$(TOP)/$(B) OPSDOC_SKIP_TREES=1 tests/run.sh

.PHONY: test-bins san-bins check-quick
