# The two set-up commands of the README: `make run` and `make test`.
# Both install libedit-dev (the prompt's line editor) when it is missing.

SWIFT ?= swift
N ?= 1000000

.PHONY: run test build release knowledge deps clean

deps:
	@scripts/ensure-libedit

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	@.build/debug/rejoinder

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Regenerate Knowledge/indicators/ from ../shared/data (the README there says
# where each series comes from).
knowledge:
	python3 scripts/convert-indicators.py ../shared/data Knowledge/indicators

clean:
	rm -rf .build
