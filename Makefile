# Entry points for building, running, testing and benchmarking SPSE.
# `make` alone prints this list; see scripts/ and bench/ for the details.

SHELL := /bin/bash
.DEFAULT_GOAL := help

SPSE := build/release/src/cli/spse
DATA_DIR ?= var
# make run LISTEN=127.0.0.1:9090 passes --listen to `spse serve`.
LISTEN ?=
# make bench DURATION=30 sets the length of each wrk run, in seconds.
DURATION ?= 10

# Let ccache hit across different checkouts of the repo.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= true

.PHONY: help run test build asan bench bench-search bench-rush crash-test clean deps
# Steps of one target depend on each other (deps before build before run).
.NOTPARALLEL:

help:
	@echo "SPSE make targets:"
	@echo "  make run     install deps, build (release), migrate + seed demo data in $(DATA_DIR)/, serve"
	@echo "               (make run LISTEN=127.0.0.1:9090 to choose the address)"
	@echo "  make test    every test tier: unit, storage on SQLite and PostgreSQL, http, browser"
	@echo "               (scripts/run-tests.sh; CI=true adds the AddressSanitizer unit tests)"
	@echo "  make build   configure (if needed) and build the release preset into build/release"
	@echo "  make asan    configure and build the asan preset, run its unit tests"
	@echo "  make bench   load benchmark of spse serve against nginx (bench/load.sh, DURATION=$(DURATION))"
	@echo "  make bench-search  Cari Paket with 100,000 tenders on SQLite and PostgreSQL (bench/search.sh)"
	@echo "  make bench-rush  500 sealed 10 MB bids at once: receipts, server RSS, throughput vs disk (bench/rush.sh)"
	@echo "  make crash-test  kill -9 the server during 200 bid uploads, 20 rounds (tests/e2e/crash/)"
	@echo "  make deps    install the Debian and npm packages (scripts/install-deps.sh)"
	@echo "  make clean   remove build/"

deps:
	bash scripts/install-deps.sh

build:
	@if [ ! -f build/release/build.ninja ]; then echo "cmake --preset release"; cmake --preset release; fi
	cmake --build --preset release

run: deps build
	$(SPSE) migrate --data-dir $(DATA_DIR)
	$(SPSE) demo --data-dir $(DATA_DIR) --if-empty
	exec $(SPSE) serve --data-dir $(DATA_DIR) $(if $(LISTEN),--listen $(LISTEN))

test:
	bash scripts/run-tests.sh

asan:
	@if [ ! -f build/asan/build.ninja ]; then echo "cmake --preset asan"; cmake --preset asan; fi
	cmake --build --preset asan --target spse_unit_tests
	ASAN_OPTIONS="$${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}" \
	UBSAN_OPTIONS="$${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
	build/asan/tests/spse_unit_tests --gtest_brief=1

bench: build
	DURATION=$(DURATION) bash bench/load.sh

bench-search:
	@if [ ! -f build/release/build.ninja ]; then echo "cmake --preset release"; cmake --preset release; fi
	cmake --build --preset release --target spse_search_bench
	bash bench/search.sh

bench-rush:
	@if [ ! -f build/release/build.ninja ]; then echo "cmake --preset release"; cmake --preset release; fi
	cmake --build --preset release --target spse spse_bid_fixture
	bash bench/rush.sh

crash-test:
	@if [ ! -f build/release/build.ninja ]; then echo "cmake --preset release"; cmake --preset release; fi
	cmake --build --preset release --target spse spse_bid_fixture
	cd tests/e2e && node --test --test-concurrency=1 crash/

clean:
	rm -rf build
