# Sova: `make demo` builds, indexes the bundled sample and searches it;
#       `make test` builds and runs every test. Both install missing Debian packages first.
BUILD ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SOVA = $(BUILD)/cli/sova
DEMO_INDEX = $(BUILD)/demo-index

.PHONY: all deps configure build demo test clean

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
	$(SOVA) analyze 'Марчук прибула до Києва'


test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD)
