# SPDX-License-Identifier: GPL-2.0
#
# opsdoc: `make` does the main job, `make check` runs every test.
# KSRC=/path/to/linux uses your tree (read-only); KBUILD=/path names a
# prepared output directory; OPSDOC_CACHE moves the cache.

OPSDOC_CACHE ?= $(HOME)/.cache/opsdoc
export OPSDOC_CACHE
ifdef KSRC
export KSRC
endif
ifdef KBUILD
export KBUILD
endif

LLVM_CONFIG ?= llvm-config-19
CC ?= cc
ifeq ($(origin CC),default)
CC := cc
endif

B := build
TOP := $(abspath .)
# llvm-config-19 comes from a package that `deps` may still have to
# install, so ask it only when a recipe first needs the answer (after deps
# has run), once, and stop with the package's name if it is still missing.
llvm_config = $(or $(shell $(LLVM_CONFIG) --$(1) 2>/dev/null),$(error \
	$(LLVM_CONFIG) not found: install llvm-19 and libclang-19-dev (run make as root, or apt-get install llvm-19 libclang-19-dev)))
CLANG_INC = $(eval CLANG_INC := $(call llvm_config,includedir))$(CLANG_INC)
CLANG_LIB = $(eval CLANG_LIB := $(call llvm_config,libdir))$(CLANG_LIB)

CFLAGS ?= -O2 -g
OPSDOC_CFLAGS = -std=gnu11 -Wall -Wextra -Wno-unused-parameter \
	-Wmissing-prototypes -Wstrict-prototypes -D_GNU_SOURCE \
	-I$(CLANG_INC) -Iextractor -MMD -MP
LDLIBS = -L$(CLANG_LIB) -Wl,-rpath,$(CLANG_LIB) -lclang -ljansson -lcmark -lxxhash

# ASan and UBSan, with clang-19 and its runtime (libclang-rt-19-dev).
ifeq ($(SAN),1)
CC := clang-19
OPSDOC_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
LDLIBS += -fsanitize=address,undefined
B := build/san
endif

# Every extractor/*.c but the one with main().
LIB_SRCS := $(filter-out opsdoc.c,$(notdir $(wildcard extractor/*.c)))
LIB_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRCS))
OPSDOC := $(B)/opsdoc

.PHONY: all deps tree extract docs series series-listings census convert html examples vmtest bugs check bench \
	clean refresh-tree man install
.DELETE_ON_ERROR:

all: deps html

deps:
	@scripts/deps.sh

# Every compile waits for deps, so that make -j never races apt-get.
$(B)/obj/%.o: extractor/%.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(OPSDOC_CFLAGS) -c -o $@ $<

$(OPSDOC): $(LIB_OBJS) $(B)/obj/opsdoc.o
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# The kernel tree: fetched, prepared and probed once, then read from the cache.
$(B)/tree.env: scripts/ktree.sh FORCE | deps
	@mkdir -p $(B)
	@set -e; r=$$(scripts/ktree.sh resolve); set -- $$r; \
	 printf 'KSRC_DIR=%s\nKBUILD_DIR=%s\nFLAGS=%s\n' "$$1" "$$2" "$$3" > $@.tmp; \
	 if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

tree: $(B)/tree.env

extract: $(B)/api.json

EXAMPLE_SRCS := $(wildcard examples/*.c)
# Every file under templates/: the .md templates, the locking rows, the
# corrections list and the cover-letter texts.
TEMPLATE_SRCS := $(shell find templates -type f 2>/dev/null)

$(B)/api.json: $(OPSDOC) $(B)/tree.env $(EXAMPLE_SRCS)
	. ./$(B)/tree.env && $(OPSDOC) extract -q --callers $(if $(EXAMPLE_SRCS),-e examples) \
		-k "$$KSRC_DIR" -b "$$KBUILD_DIR" -f "$$FLAGS" -o $@

# The updated vfs.rst, its patch and the mm pages, under build/docs.
docs: $(B)/docs/.stamp

$(B)/docs/.stamp: $(B)/api.json $(TEMPLATE_SRCS) $(EXAMPLE_SRCS)
	. ./$(B)/tree.env && $(OPSDOC) generate -q -a $(B)/api.json \
		-k "$$KSRC_DIR" -b "$$KBUILD_DIR" -f "$$FLAGS" -o $(B)/docs
	touch $@

# The rewritten documents as git format-patch series, one per tree that
# takes them (MAINTAINERS), in build/series/<tree>/.
# The sign-off is SIGNOFF="Name <mail>", or else git config's identity;
# with neither, the patches carry none (opsdoc never signs).
series: $(B)/api.json $(TEMPLATE_SRCS)
	. ./$(B)/tree.env && $(OPSDOC) series -a $(B)/api.json \
		-k "$$KSRC_DIR" -b "$$KBUILD_DIR" -f "$$FLAGS" -o $(B)/series \
		$(if $(SIGNOFF),--signoff "$(SIGNOFF)")

# The drifted struct listings of KSRC's Documentation/ (check's missing,
# removed and changed members of full listings), each fixed with a minimal
# edit, as series per MAINTAINERS entry of each document, in
# build/series-listings/<tree>/. The sign-off is as for series.
series-listings: $(OPSDOC) $(B)/tree.env
	. ./$(B)/tree.env && $(OPSDOC) series --listings \
		-k "$$KSRC_DIR" -b "$$KBUILD_DIR" -f "$$FLAGS" -o $(B)/series-listings \
		$(if $(SIGNOFF),--signoff "$(SIGNOFF)")

# The migration census of .mmap against .mmap_prepare, in build/census:
# census.txt, census.json and census.html (the second and third runs come
# from the census cache).
census: $(OPSDOC) $(B)/tree.env
	@mkdir -p $(B)/census
	. ./$(B)/tree.env && for f in json txt html; do \
		$(OPSDOC) census -q -k "$$KSRC_DIR" \
			--format $$(echo $$f | sed s/txt/text/) -o $(B)/census/census.$$f || exit; \
	done

# The mechanical legacy .mmap implementations converted to .mmap_prepare,
# one patch per file, in build/convert (a series with its cover letter and
# convert.txt). The first run prepares an x86_64 allmodconfig build
# directory in the cache (modules_prepare, LLVM=-19) to compile-test them.
convert: $(OPSDOC) $(B)/tree.env
	. ./$(B)/tree.env && $(OPSDOC) convert -k "$$KSRC_DIR" -o $(B)/convert \
		$(if $(SIGNOFF),--signoff "$(SIGNOFF)")

# HTML of the mm pages and the manual, with the tree's kernel-doc.
html: $(B)/html/index.html

$(B)/html/index.html: $(B)/docs/.stamp docs/conf.py $(wildcard docs/*.rst)
	. ./$(B)/tree.env && scripts/html.sh "$$KSRC_DIR" $(B)/docs $(B)/html

# A scaffold per callback for the newest tree and 6.1, and the example
# drivers, built with W=1 and checked with checkpatch (make vmtest runs
# them under QEMU).
examples: $(OPSDOC)
	OPSDOC=$(TOP)/$(OPSDOC) scripts/scaffolds.sh newest
	OPSDOC=$(TOP)/$(OPSDOC) scripts/scaffolds.sh 6.1
	scripts/examples.sh newest

# Both trees; make check's vmtest suite boots the newest one only.
vmtest:
	VMTEST_SERIES="newest 6.1" tests/examples.sh vmtest

# The reproducers of the mm bugs that the mm series' cover letter reports
# (examples/bugs), run in the vmtest kernel; each report prints
# "reproduced: ..." or "not reproduced: ...". Not in make check: the
# result depends on the kernel having the bug.
bugs:
	scripts/bugs.sh

refresh-tree:
	scripts/ktree.sh refresh

# opsdoc(1), from docs/manual.rst with Sphinx's man builder.
man: $(B)/man/opsdoc.1

$(B)/man/opsdoc.1: docs/manual.rst docs/conf.py $(wildcard docs/*.rst) scripts/man.sh | deps
	scripts/man.sh $(B)/man

# The binary, its data (found relative to the binary: PREFIX/share/opsdoc)
# and opsdoc(1). DESTDIR is for staging.
PREFIX ?= /usr/local
DATA_DIRS := templates scripts examples cocci

install: $(OPSDOC) $(B)/man/opsdoc.1
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(OPSDOC) $(DESTDIR)$(PREFIX)/bin/opsdoc
	rm -rf $(DESTDIR)$(PREFIX)/share/opsdoc
	install -d $(DESTDIR)$(PREFIX)/share/opsdoc
	tar -cf - $(DATA_DIRS) | tar -xf - -C $(DESTDIR)$(PREFIX)/share/opsdoc --no-same-owner
	install -m 644 $(B)/man/opsdoc.1 $(DESTDIR)$(PREFIX)/share/man/man1/opsdoc.1

FORCE:

include tests/tests.mk
include bench/bench.mk
include tests/fuzz/fuzz.mk

clean:
	rm -rf build

-include $(LIB_OBJS:.o=.d) $(B)/obj/opsdoc.d
