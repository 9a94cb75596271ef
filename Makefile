# The two set-up commands of the README: `make run` and `make test`.
# Both install libedit-dev (the prompt's line editor), libsqlite3-dev
# (the SQL engine of --engine sqlite) and libpq5 (PostgreSQL's client,
# opened at run time by --engine postgres://…) when they are missing. The tests run on
# PostgreSQL and DuckDB too when REJOINDER_TEST_POSTGRES and
# REJOINDER_TEST_DUCKDB are set, as .ci/run sets them.

SWIFT ?= swift
N ?= 1000000
SEED ?=

.PHONY: run test build release install bench fuzz knowledge deps clean

deps:
	@scripts/ensure-libedit
	@scripts/ensure-sqlite
	@scripts/ensure-libpq

build: deps
	$(SWIFT) build

# Release builds link the Swift runtime and Foundation statically: the
# prompt then starts in half the time (Benchmarks/README.md, start-up); the
# engine leaves out run-time exclusivity checks (Package.swift says why).
release: deps
	REJOINDER_UNCHECKED_EXCLUSIVITY=1 $(SWIFT) build -c release --static-swift-stdlib --product rejoinder

# Installs the release binary where the shell finds it: ~/.local/bin by
# default, or PREFIX/bin.
PREFIX ?= $(HOME)/.local

install: release
	install -d "$(PREFIX)/bin"
	install -m 755 .build/release/rejoinder "$(PREFIX)/bin/rejoinder"
	@echo "installed $(PREFIX)/bin/rejoinder"

bench:
	Benchmarks/run

run: build
	@.build/debug/rejoinder

test: deps
	$(SWIFT) build --build-tests
	.build/debug/rejoinder check --consistency
	$(SWIFT) test --skip-build

# N fuzz cases (seed SEED, or the test's fixed one) in release, where a
# case takes a tenth of its debug time. The other test targets import
# their modules with @testable, hence -enable-testing.
FUZZ_BUILD = -c release -Xswiftc -enable-testing

fuzz: deps
	$(SWIFT) build $(FUZZ_BUILD) --build-tests
	REJOINDER_FUZZ_CASES=$(N) $(if $(SEED),REJOINDER_FUZZ_SEED=$(SEED)) $(SWIFT) test $(FUZZ_BUILD) --skip-build --filter FuzzTests

# Regenerate Knowledge/indicators/ from ../shared/data (the README there says
# where each series comes from).
knowledge:
	python3 scripts/convert-indicators.py ../shared/data Knowledge/indicators

clean:
	rm -rf .build
