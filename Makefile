# dyad — GNU Make build. `make` builds build/libdyad.a and build/dyad.
# `make test` installs missing Debian packages (scripts/deps.sh), builds, runs every test, then
# rebuilds under AddressSanitizer + UndefinedBehaviorSanitizer and runs them all again.

VERSION  := 0.1.0
PREFIX   ?= /usr/local
BUILD    ?= build
CC       ?= cc
OPT      ?= -O2 -g
SAN      ?=
PKGS     := libxml-2.0 libutf8proc jansson zlib libzstd libxxhash sqlite3 libpq libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-format-truncation $(OPT) $(SAN) -Iinclude -Isrc \
              $(PKG_CFLAGS) -DDYAD_VERSION='"$(VERSION)"' -DDYAD_DATADIR='"$(PREFIX)/share/dyad"' \
              $(CFLAGS)
LDLIBS_ALL := $(SAN) $(PKG_LIBS) -lm -lpthread $(LDFLAGS)

LIB_SRC  := $(filter-out src/cli/%,$(wildcard src/*/*.c))
CLI_SRC  := $(wildcard src/cli/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
# The dashboard of `dyad serve` (web/) is compiled in as a generated C file (web/embed.sh).
WEB_SRC  := $(sort $(wildcard web/*.html web/*.js web/*.css web/*.svg))
LIB_OBJ  += $(BUILD)/obj/gen/web_assets.o
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(filter-out bench/bench_parsers.c,$(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all deps test test-run test-san demo bench bench-extract install clean check-dict fuzz eval
all: $(BUILD)/libdyad.a $(BUILD)/dyad

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/gen/web_assets.c: $(WEB_SRC) web/embed.sh
	@mkdir -p $(dir $@)
	@echo "GEN $@"
	@sh web/embed.sh $@ $(WEB_SRC)

$(BUILD)/obj/gen/web_assets.o: $(BUILD)/gen/web_assets.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@ && ar rcs $@ $^ && echo "AR $@"

$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	@echo "LD $@"
	@$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libdyad.a $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libdyad.a tests/unit/testutil.h
	@mkdir -p $(dir $@)
	@echo "LD $@"
	@$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL) -lcmocka

# The parser comparison alone links gumbo (Debian libgumbo-dev; not needed by dyad itself).
$(BUILD)/bench/bench_parsers: bench/bench_parsers.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	@echo "LD $@"
	@$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags gumbo 2>/dev/null) -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL) $(shell pkg-config --libs gumbo 2>/dev/null)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL)

deps:
	@sh scripts/deps.sh

# Plain run, then the sanitizer run in its own build tree.
test: deps
	$(MAKE) test-run
	$(MAKE) test-run BUILD=build/san OPT="-O1 -g -fno-omit-frame-pointer" \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"

test-run: all $(TEST_BIN) $(BUILD)/bench/gen_corpus
	@[ -x /usr/bin/chromium ] && [ -f node_modules/playwright-core/package.json ] || echo "note: e2e/dashboard (the\
	 browser test) will be skipped: no /usr/bin/chromium or node_modules; DYAD_FULL_DEPS=1 make deps installs them"
	@sh tests/run.sh $(BUILD)

demo: deps all
	@sh scripts/demo.sh $(BUILD)

bench: all $(BENCH_BIN)
	@sh bench/run.sh $(BUILD)

bench-extract: all $(BUILD)/bench/bench_extract
	@sh bench/extract_aeb.sh $(BUILD)/bench/bench_extract
	@if pkg-config --exists gumbo && [ -d ../shared/eval/aeb/html ]; then \
	    $(MAKE) -s $(BUILD)/bench/bench_parsers && \
	    echo "== parser choice: parse-only CPU time over the same pages (bench/bench_parsers.c) ==" && \
	    $(BUILD)/bench/bench_parsers ../shared/eval/aeb/html/*.html.gz; \
	else echo "(parser comparison skipped: needs libgumbo-dev and ../shared/eval/aeb)"; fi

# Quality on the gold sets: the development set and the held-out set (never tuned against).
eval: all
	@echo "== tests/gold/events.jsonl (development) =="
	@$(BUILD)/dyad eval events -q tests/gold/events.jsonl | tail -n +2 | head -4
	@echo "== tests/gold/fresh/events.jsonl (written apart from the engine, since used for development) =="
	@$(BUILD)/dyad eval events -q tests/gold/fresh/events.jsonl | tail -n +2 | head -4
	@echo "== tests/gold/heldout/events.jsonl (held out) =="
	@$(BUILD)/dyad eval events -q tests/gold/heldout/events.jsonl | tail -n +2 | head -4
	@echo "== tests/gold/heldout2/events.jsonl (held out) =="
	@$(BUILD)/dyad eval events -q tests/gold/heldout2/events.jsonl | tail -n +2 | head -4
	@echo "== tests/gold/actors.jsonl =="
	@$(BUILD)/dyad eval actors -q tests/gold/actors.jsonl | tail -1

check-dict: all
	$(BUILD)/dyad dict check

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/dyad
	install -m 755 $(BUILD)/dyad $(DESTDIR)$(PREFIX)/bin/dyad
	install -m 644 $(BUILD)/libdyad.a $(DESTDIR)$(PREFIX)/lib/libdyad.a
	install -m 644 include/dyad.h $(DESTDIR)$(PREFIX)/include/dyad.h
	cp -R data/. $(DESTDIR)$(PREFIX)/share/dyad/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' -e 's|@PKGS@|$(PKGS)|g' \
	    scripts/dyad.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/dyad.pc

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
