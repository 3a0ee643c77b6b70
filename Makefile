# harvest-sdk — `make help` lists the targets. A newcomer needs two: `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

JOBS   ?= 2
CARGO  ?= cargo
export CARGO_BUILD_JOBS := $(JOBS)
export CARGO_TERM_COLOR ?= never

.PHONY: help setup setup-rust build test test-rust demo bench bench-core bench-rust bench-sandbox clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

setup: setup-rust setup-python setup-npm setup-kotlin ## Install what is missing (idempotent, quiet when all is there)

setup-rust:
	@command -v $(CARGO) >/dev/null || { echo "cargo is missing: install Rust from https://rustup.rs" >&2; exit 1; }

build: setup ## Build every crate (debug)
	$(CARGO) build --workspace --all-targets

test: setup test-rust test-python test-npm test-kotlin test-swift ## Run every test suite (what CI runs)

test-rust: ## Rust: core (unit, conformance, examples, properties), sandbox, client, CLI
	$(CARGO) build -q -p harvest-sandbox
	$(CARGO) test --workspace

demo: setup-rust ## Walk the mission end to end against the embedded sandbox (needs only Rust)
	$(CARGO) build -q -p harvest-sandbox
	scripts/demo.sh

bench: setup bench-core bench-sandbox bench-rust bench-python bench-npm ## Run the benchmarks (figures as ratios to a same-run baseline)

bench-core: ## Core: typed decode vs serde_json::Value; state machine overhead
	$(CARGO) bench -p harvest-core

bench-rust: ## Rust client: bulk read vs a bare reqwest loop; rate-limit bound with 8 tasks
	$(CARGO) build -q --release -p harvest-sandbox
	$(CARGO) bench -p harvest-sdk --bench throughput

bench-sandbox: ## Sandbox: requests per second and p99 on loopback
	sandbox/bench/run.sh

clean: ## Remove build outputs
	$(CARGO) clean

include packages/npm/npm.mk
include packages/python/python.mk
include packages/kotlin/kotlin.mk
include packages/swift/swift.mk
