# goalkit: tools for mastery-based, personalized learning.
# GNU make.  Local overrides may go in config.mk.

VERSION = 0.1.0

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANPREFIX = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/goalkit
DESTDIR =

CC = cc
CFLAGS = -O2 -g -Wall -Wextra -pedantic
CPPFLAGS =
LDFLAGS =
LIBCSV_CFLAGS =
LIBCSV_LIBS = -lcsv
LIBS = -lm -pthread

# make check SANITIZE=1 builds into its own folder with ASan and UBSan.
SANITIZE =
ifeq ($(SANITIZE),1)
BUILD = build/sanitize
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
else
BUILD = build/release
SAN_FLAGS =
endif

-include config.mk

# What the build itself needs, kept apart so a user's CFLAGS cannot break it.
GK_CFLAGS = -std=c99 -pthread -D_DEFAULT_SOURCE -D_GNU_SOURCE -Icommon \
	-DGOALKIT_DATADIR='"$(DATADIR)"' $(LIBCSV_CFLAGS) $(SAN_FLAGS)

COMMON = \
	common/atomic.c \
	common/goalmap.c \
	common/graph.c \
	common/reader.c \
	common/strmap.c \
	common/table.c \
	common/util.c \
	common/value.c \
	common/writer.c

HDR = \
	common/atomic.h \
	common/goalmap.h \
	common/graph.h \
	common/reader.h \
	common/strmap.h \
	common/table.h \
	common/util.h \
	common/value.h \
	common/writer.h

# Programs, each built from cmd/PROG.c or, when it has several files,
# from everything in cmd/PROG/.
BIN = \
	assess-record \
	goal-analyze \
	goalmap-check \
	mastery-calc \
	progress-chart \
	suggest-activity

MAN1 = $(BIN:%=man/%.1)
MAN5 = man/goalkit.5
MAN7 = man/goalkit.7

COMMON_OBJ = $(COMMON:%.c=$(BUILD)/%.o)
LIBCOMMON = $(BUILD)/libcommon.a
BINS = $(BIN:%=$(BUILD)/bin/%)

all: $(BINS)

$(BUILD)/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(GK_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(LIBCOMMON): $(COMMON_OBJ)
	rm -f $@
	$(AR) rcs $@ $(COMMON_OBJ)

# A program's objects: from cmd/PROG.c, or from cmd/PROG/*.c, whose
# objects also depend on the headers in that folder.
prog_src = $(or $(wildcard cmd/$(1).c),$(wildcard cmd/$(1)/*.c))
prog_obj = $(patsubst %.c,$(BUILD)/%.o,$(call prog_src,$(1)))
define PROG_RULE
$(BUILD)/bin/$(1): $(call prog_obj,$(1)) $(LIBCOMMON)
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $$(SAN_FLAGS) $$(LDFLAGS) -o $$@ \
	    $$(filter %.o,$$^) $$(LIBCOMMON) $$(LIBCSV_LIBS) $$(LIBS)
$(call prog_obj,$(1)): $(wildcard cmd/$(1)/*.h)
endef
$(foreach p,$(BIN),$(eval $(call PROG_RULE,$(p))))

# goal-analyze has DATADIR compiled in.  This file records the value it
# was built with, and changes only when DATADIR does, so that
# "make install PREFIX=/opt" after a plain "make" rebuilds goal-analyze
# for the folder its data is installed in.
$(BUILD)/datadir: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(BUILD)/cmd/goal-analyze/goal-analyze.o: $(BUILD)/datadir
FORCE:

# Build every program, then run the bats suite (TESTS= picks files).
TESTS = tests
check: deps all
	GOALKIT_BIN=$(CURDIR)/$(BUILD)/bin GOALKIT_SANITIZE=$(SANITIZE) \
	    bats $(TESTS)

deps:
	@sh .ci/deps

lint:
	mandoc -Tlint -W warning $(MAN1) $(MAN5) $(MAN7)
	@if command -v shellcheck >/dev/null; then \
	    shellcheck -s bash tests/test_helper.bash .ci/run .ci/deps; fi

demo: deps all
	@GOALKIT_BIN=$(CURDIR)/$(BUILD)/bin sh samples/demo.sh

# Benchmarks: each tests/bench/*.sh times a program against a baseline.
bench: all
	@for b in tests/bench/*.sh; do \
	    GOALKIT_BIN=$(CURDIR)/$(BUILD)/bin sh $$b || exit 1; done

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man7
	for p in $(BIN); do \
	    cp -f $(BUILD)/bin/$$p $(DESTDIR)$(BINDIR)/$$p && \
	    chmod 755 $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MAN1); do cp -f $$m $(DESTDIR)$(MANPREFIX)/man1/ && \
	    chmod 644 $(DESTDIR)$(MANPREFIX)/man1/$${m#man/}; done
	cp -f $(MAN5) $(DESTDIR)$(MANPREFIX)/man5/ && \
	    chmod 644 $(DESTDIR)$(MANPREFIX)/man5/goalkit.5
	cp -f $(MAN7) $(DESTDIR)$(MANPREFIX)/man7/ && \
	    chmod 644 $(DESTDIR)$(MANPREFIX)/man7/goalkit.7
	mkdir -p $(DESTDIR)$(DATADIR)
	cp -f cmd/goal-analyze/verbs.tsv $(DESTDIR)$(DATADIR)/ && \
	    chmod 644 $(DESTDIR)$(DATADIR)/verbs.tsv

uninstall:
	for p in $(BIN); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANPREFIX)/man1/$${m#man/}; done
	rm -f $(DESTDIR)$(MANPREFIX)/man5/goalkit.5 \
	    $(DESTDIR)$(MANPREFIX)/man7/goalkit.7
	rm -f $(DESTDIR)$(DATADIR)/verbs.tsv

clean:
	rm -rf build

.PHONY: all check deps lint demo bench install uninstall clean FORCE
