# Sova: `make demo` builds, indexes the bundled sample and searches it;
#       `make test` builds, checks format and lint (`make lint`), and runs every test: the suite
#       under AddressSanitizer and UndefinedBehaviorSanitizer, each fuzzer for a fixed number of
#       runs, then the Release suite.
# Both install missing Debian packages first.
SHELL := /bin/bash
BUILD ?= build
BUILD_TYPE ?= Release
SANITIZE_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SOVA = $(BUILD)/cli/sova
DEMO_INDEX = $(BUILD)/demo-index

.PHONY: all deps configure build demo deb lint test test-sanitized fuzz clean

all: build

# Keep the sub-make of the CMake build quiet about directories.
export MAKEFLAGS += --no-print-directory

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@rm -rf $(DEMO_INDEX)
	$(SOVA) index --index $(DEMO_INDEX) data/sample/news.jsonl data/sample/notes
	@echo
	$(SOVA) search --index $(DEMO_INDEX) -n 3 energy blackouts Kyiv
	@echo
	$(SOVA) search --index $(DEMO_INDEX) -n 3 'Shahed OR Шахед OR шахедів'
	@echo
	$(SOVA) search --index $(DEMO_INDEX) -n 3 '"всё ещё"' lang:ru
	@echo
	$(SOVA) search --index $(DEMO_INDEX) -n 2 --lang ru Kharkiv
	@echo
	$(SOVA) search --index $(DEMO_INDEX) -n 2 --explain 'entity:"Olena Marchuk"'
	@echo
	$(SOVA) entities --index $(DEMO_INDEX) -n 8
	@echo
	$(SOVA) analyze 'Марчук прибула до Києва'

# The Debian package $(BUILD)/sova_<version>_<arch>.deb (cmake/SovaPackage.cmake): the program,
# the gazetteer and the library, for /usr. Install it with `apt install ./$(BUILD)/sova_*.deb`.
deb: build
	@cd $(BUILD) && cpack -G DEB

# clang-format and clang-tidy (.clang-format, .clang-tidy) over the tree: scripts/lint.sh.
lint: configure
	@scripts/lint.sh $(BUILD) $(JOBS)

test: build lint test-sanitized fuzz
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite built with clang, ASan and UBSan. Left out: the Python module and its tests (an
# extension loaded into python3 needs the sanitizer runtime preloaded; the suite covers the library
# it wraps); the install test (it builds a consumer without the sanitizer runtime); the peer
# comparison smoke test (it measures release binaries of other engines); the crash test (it kills
# and re-runs the indexing the rest of the suite runs under the sanitizers, 14 times over, for what
# Xapian's commits guarantee, and took 140 s of the sanitizer run); the browser test (it checks the
# page Chromium renders; the server under the sanitizers answers the serve tests). tests/lsan.supp
# names the one leak of Xapian's own that the suite meets, and why.
test-sanitized: deps
	@CC=clang CXX=clang++ cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DSOVA_SANITIZE=ON -DSOVA_FUZZ=ON -DSOVA_BUILD_PYTHON=OFF > /dev/null
	@cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	@cd $(SANITIZE_BUILD) && LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    ctest --output-on-failure -j $(JOBS) -E '^(install|peers|browser):|SIGKILL at any point'

# Each libFuzzer target from the seed corpus in tests/fuzz/corpus, with a fixed seed and a fixed
# number of runs (about 30 s each here; the query target builds a small index and matches it
# twice an input, about 100 s), so that a run is repeatable: CI explores the same inputs
# every time. FUZZ_SEED=0 picks a random seed for longer, exploratory runs by hand.
FUZZ_SEED ?= 1
FUZZ_RUNS ?= analyzer:400000 query:30000 jsonl:600000 entities:50000 api:20000

fuzz: test-sanitized
	@for target_runs in $(FUZZ_RUNS); do \
	    t=$${target_runs%%:*}; runs=$${target_runs##*:}; \
	    rm -rf $(SANITIZE_BUILD)/fuzz-corpus/$$t && mkdir -p $(SANITIZE_BUILD)/fuzz-corpus/$$t && \
	    cp tests/fuzz/corpus/$$t/* $(SANITIZE_BUILD)/fuzz-corpus/$$t/ && \
	    echo "fuzzing $$t: $$runs runs, seed $(FUZZ_SEED)" && \
	    (cd $(SANITIZE_BUILD) && tests/fuzz/sova_fuzz_$$t -seed=$(FUZZ_SEED) -runs=$$runs -max_total_time=600 \
	        -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 fuzz-corpus/$$t 2>&1) \
	        | grep -E "^(Done|stat::number_of_executed_units|==[0-9]+==|SUMMARY)" ; \
	    test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD)
