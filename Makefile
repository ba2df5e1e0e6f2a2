# Folio's commands. The README's two: `make notebooks` (main job) and `make check` (every test).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

VENV := .venv
PYTHON := $(VENV)/bin/python
FOLIO_DEBUG := $(CURDIR)/.build/debug/folio
FOLIO_RELEASE := $(CURDIR)/.build/release/folio

.PHONY: help setup build release test swift-test integration-test check notebooks bench

help:
	@echo "make notebooks  set up everything, execute notebooks/ headless into build/html/ (main job)"
	@echo "make check      set up everything and run every test (what CI runs)"
	@echo "make setup      Debian packages, .venv with the pinned tools, debug build, kernelspec in .venv"
	@echo "make build      swift build (debug)"
	@echo "make release    swift build -c release"
	@echo "make test       swift test, then the Python integration tests against .build/debug/folio"
	@echo "make bench      benchmarks: kernel vs ipykernel, interpreter vs CPython, tensors vs NumPy/JAX (BENCH=kernel|interpreter|numeric)"

setup:
	scripts/setup.sh

build:
	swift build

release:
	swift build -c release

swift-test:
	swift test

# FOLIO_BIN picks the binary the integration tests drive; PYTEST_ARGS passes options to pytest.
integration-test:
	FOLIO_BIN="$${FOLIO_BIN:-$(FOLIO_DEBUG)}" $(PYTHON) -m pytest Tests/integration $(PYTEST_ARGS)

test: build
	$(MAKE) swift-test
	$(MAKE) integration-test

check:
	$(MAKE) setup
	$(MAKE) test

notebooks:
	scripts/setup.sh --configuration release
	scripts/run-notebooks.sh

# Three parts: the kernel (start-up, round trip against ipykernel), the interpreter (against CPython)
# and the numeric engine (folio-bench against NumPy and JAX, with the machine's limits).
# `make bench BENCH=kernel`, `BENCH=interpreter` or `BENCH=numeric` runs one. Never part of the tests or CI: timings belong here (CONVENTIONS.md).
bench:
	@case "$(or $(BENCH),all)" in all|kernel|interpreter|numeric) ;; \
	    *) echo "make bench: BENCH must be all, kernel, interpreter or numeric, not '$(BENCH)'" >&2; exit 2 ;; esac
	scripts/setup.sh --configuration release
	if [[ "$(or $(BENCH),all)" == @(all|kernel) ]]; then $(PYTHON) bench/kernel_bench.py --folio $(FOLIO_RELEASE); fi
	if [[ "$(or $(BENCH),all)" == @(all|interpreter) ]]; then $(PYTHON) bench/interpreter_bench.py --folio $(FOLIO_RELEASE); fi
	if [[ "$(or $(BENCH),all)" == @(all|numeric) ]]; then \
	    bench/setup_numeric.sh && \
	    .venv-bench/bin/python bench/numeric_bench.py --folio-bench $(CURDIR)/.build-bench/release/folio-bench; \
	fi
