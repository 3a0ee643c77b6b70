# harvest-sdk for npm: the WebAssembly engine (bindings/wasm), the native Node engine
# (bindings/node) and the TypeScript facade (packages/npm). Included by the top Makefile.

NPM_DIR        := packages/npm
NPM_TOOLS      := $(CURDIR)/.tools
WASM_CRATE     := bindings/wasm
WASM_TARGET    := $(CURDIR)/target/wasm
WASM_STRICT_TARGET := $(CURDIR)/target/wasm-strict
# The wasm-bindgen CLI must equal the wasm-bindgen crate in bindings/wasm/Cargo.lock (pinned with "=").
WBG_VER        := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3}' $(WASM_CRATE)/Cargo.lock)
BINARYEN_VER   := 132.0.0
WASM_BINDGEN   := $(NPM_TOOLS)/bin/wasm-bindgen
WASM_OPT       := $(NPM_TOOLS)/npm/node_modules/.bin/wasm-opt
WASM_PKG       := $(NPM_DIR)/wasm
NAPI_ADDON     := $(NPM_DIR)/native/harvest-sdk.linux-x64-gnu.node

# rustup's wasm32 target where it is installed; else Debian's rustc-web with std built from
# rust-web-src (-Zbuild-std), linked by lld-19's wasm-ld or rustup's rust-lld. Only the build-std
# route (nightly features through RUSTC_BOOTSTRAP) also drops the panic and Debug-formatting
# machinery and builds std for size: panics become a plain trap, which the facade already turns
# into a `protocol` error (the engine never panics on any input by design).
ifeq ($(shell rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && echo yes),yes)
WASM_RUSTUP    := yes
WASM_CARGO     := $(CARGO)
WASM_FLAGS     := --release --target wasm32-unknown-unknown
else
WASM_RUSTUP    := no
WASM_LINKER    := $(firstword $(wildcard /usr/lib/llvm-19/bin/wasm-ld) $(shell rustc --print sysroot 2>/dev/null)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld)
WASM_CARGO     := env RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$(WASM_LINKER) \
                  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" /usr/bin/cargo
WASM_FLAGS     := --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
endif
WASM_OUT       := $(WASM_TARGET)/wasm32-unknown-unknown/release/harvest_wasm.wasm
WASM_STRICT_OUT := $(WASM_STRICT_TARGET)/wasm32-unknown-unknown/release/harvest_wasm.wasm

# wasm-bindgen, wasm-opt -Oz and the glue patch, when the module is newer: $(1) module, $(2) out dir.
define wasm_package
	@if [ ! -f $(2)/harvest_wasm_bg.wasm ] || [ $(1) -nt $(2)/harvest_wasm_bg.wasm ]; then \
	  rm -f $(2)/harvest_wasm.js $(2)/harvest_wasm.d.ts $(2)/harvest_wasm_bg.wasm && \
	  $(WASM_BINDGEN) --target web --out-dir $(2) $(1) && \
	  $(WASM_OPT) -Oz $(2)/harvest_wasm_bg.wasm -o $(2)/harvest_wasm_bg.wasm && \
	  rm -f $(2)/harvest_wasm_bg.wasm.d.ts $(2)/.gitignore && \
	  node $(NPM_DIR)/scripts/patch-glue.mjs $(2) && \
	  echo "wasm ($(2)): $$(stat -c %s $(2)/harvest_wasm_bg.wasm) bytes, $$(gzip -9c $(2)/harvest_wasm_bg.wasm | wc -c) gzipped"; \
	fi
endef

.PHONY: setup-npm build-npm build-npm-wasm build-npm-napi npm-models test-npm bench-npm

setup-npm: $(NPM_TOOLS)/.apt-npm $(NPM_TOOLS)/.wbg-$(WBG_VER) $(NPM_TOOLS)/npm/.binaryen-$(BINARYEN_VER) $(NPM_DIR)/node_modules/.ok

# Debian packages: the wasm toolchain (unless rustup has the wasm32 target) and Chromium for the
# browser test. Debian's binaryen is never installed: its wasm-opt 108 breaks the module.
$(NPM_TOOLS)/.apt-npm:
	@pkgs="chromium"; [ "$(WASM_RUSTUP)" = yes ] || pkgs="$$pkgs rustc-web cargo-web rust-web-src lld-19"; \
	missing=$$(for p in $$pkgs; do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "apt: installing $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@mkdir -p $(@D) && touch $@

# ~4 minutes on 2 cores, once per machine. No --locked (the reachable index lacks a locked version).
$(NPM_TOOLS)/.wbg-$(WBG_VER):
	@echo "cargo install wasm-bindgen-cli $(WBG_VER) (once per machine, a few minutes)"
	@$(CARGO) install -q wasm-bindgen-cli --version $(WBG_VER) --root $(NPM_TOOLS) -j$(JOBS)
	@touch $@

$(NPM_TOOLS)/npm/.binaryen-$(BINARYEN_VER):
	@mkdir -p $(NPM_TOOLS)/npm
	@[ -f $(NPM_TOOLS)/npm/package.json ] || (cd $(NPM_TOOLS)/npm && npm init -y >/dev/null)
	@npm install --silent --prefix $(NPM_TOOLS)/npm --no-audit --no-fund binaryen@$(BINARYEN_VER)
	@touch $@

$(NPM_DIR)/node_modules/.ok: $(NPM_DIR)/package.json
	@cd $(NPM_DIR) && npm install --silent --no-audit --no-fund
	@touch $@

build-npm: setup-npm build-npm-wasm build-npm-napi ## npm: the wasm engine (release), the napi addon (debug), the TypeScript
	@cd $(NPM_DIR) && node_modules/.bin/tsc -p tsconfig.json

# Two modules: the default one without the strict typed decode (what every page downloads), and
# in wasm/strict/ the full engine, which the facade loads only for `validate: true`.
build-npm-wasm:
	cd $(WASM_CRATE) && $(WASM_CARGO) build -q -j$(JOBS) $(WASM_FLAGS) --no-default-features --target-dir $(WASM_TARGET)
	cd $(WASM_CRATE) && $(WASM_CARGO) build -q -j$(JOBS) $(WASM_FLAGS) --target-dir $(WASM_STRICT_TARGET)
	$(call wasm_package,$(WASM_OUT),$(WASM_PKG))
	$(call wasm_package,$(WASM_STRICT_OUT),$(WASM_PKG)/strict)

build-npm-napi:
	$(CARGO) build -q -p harvest-node
	@mkdir -p $(dir $(NAPI_ADDON)) && cp target/debug/libharvest_node.so $(NAPI_ADDON)

npm-models: ## npm: regenerate src/models.ts from the Rust models (commit the result)
	cd $(NPM_DIR) && node scripts/gen-models.mjs

test-npm: build-npm ## npm: conformance through both engines, sandbox end-to-end, packed tarball, headless Chromium
	$(CARGO) build -q -p harvest-sandbox
	cd $(NPM_DIR) && node_modules/.bin/tsc -p tsconfig.test.json && node --test --test-concurrency=1 build-test/

# The bench uses a release napi addon (LTO, stripped) built in its own target dir.
bench-npm: build-npm ## npm: decode of a 2000-entry page, wasm and napi vs JSON.parse; sizes; a list read ahead
	$(CARGO) build -q -p harvest-sandbox
	CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_STRIP=true \
	  $(CARGO) build -q --release -p harvest-node --target-dir target/npm-release
	cp target/npm-release/release/libharvest_node.so target/npm-release/harvest-sdk.node
	cd $(NPM_DIR) && node_modules/.bin/tsc -p tsconfig.json && node_modules/.bin/tsc -p tsconfig.test.json && \
	  node build-test/bench/decode.js $(CURDIR)/target/npm-release/harvest-sdk.node && node build-test/bench/lists.js
