# Python: the harvest_sdk wheel (bindings/python + packages/python). Included by the Makefile.
PY_DIR      := packages/python
PY_VENV     := $(CURDIR)/.venv
PY          := $(PY_VENV)/bin/python
MATURIN     := $(PY_VENV)/bin/maturin
PY_STAMP    := $(PY_VENV)/.harvest-python-dev
PY_TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
PY_ENV      := VIRTUAL_ENV=$(PY_VENV) PATH=$(PY_VENV)/bin:$$PATH
PY_PYRIGHT  := $(PY_DIR)/tools/pyright
PY_PYRIGHT_STAMP := $(PY_PYRIGHT)/node_modules/.harvest-pyright

.PHONY: setup-python develop-python build-python test-python bench-python

setup-python: $(PY_STAMP) $(PY_PYRIGHT_STAMP) ## Python: .venv with maturin, pytest, httpx, mypy; pyright from npm (idempotent)

$(PY_STAMP): $(PY_DIR)/requirements-dev.txt
	@command -v python3 >/dev/null || { echo "python3 (3.9+) is missing" >&2; exit 1; }
	[ -x $(PY) ] || python3 -m venv $(PY_VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r $(PY_DIR)/requirements-dev.txt
	touch $@

# pyright, pinned by tools/pyright/package-lock.json, into tools/pyright/node_modules (git-ignored).
# Without node its test is skipped (tests/test_examples.py says so), so this only warns.
$(PY_PYRIGHT_STAMP): $(PY_PYRIGHT)/package.json $(PY_PYRIGHT)/package-lock.json
	@if command -v npm >/dev/null; then \
	  cd $(PY_PYRIGHT) && npm ci --silent --no-audit --no-fund && touch node_modules/.harvest-pyright; \
	else echo "npm (Node.js) is missing: pyright is not installed and its tests will be skipped" >&2; fi

develop-python: setup-python ## Python: build the extension (debug) and install harvest_sdk into .venv, editable
	cd $(PY_DIR) && $(PY_ENV) $(MATURIN) develop -q

build-python: setup-python ## Python: the release wheel, in target/wheels (prints its size)
	cd $(PY_DIR) && $(PY_ENV) $(MATURIN) build --release --strip -q -i $(PY) --out $(PY_TARGET_DIR)/wheels
	ls -l $(PY_TARGET_DIR)/wheels/harvest_sdk-*.whl

test-python: develop-python ## Python: conformance, unit, sandbox end-to-end, examples, mypy --strict and pyright
	$(CARGO) build -q -p harvest-sandbox
	cd $(PY_DIR) && HARVEST_SANDBOX=$(PY_TARGET_DIR)/debug/harvest-sandbox $(PY) -m pytest -q tests

bench-python: setup-python ## Python: typed decode vs json.loads (+ pydantic), 20000 entries vs plain httpx
	$(PY) -m pip install -q --disable-pip-version-check pydantic
	cd $(PY_DIR) && $(PY_ENV) $(MATURIN) develop -q --release
	$(CARGO) build -q --release -p harvest-sandbox
	cd $(PY_DIR) && HARVEST_SANDBOX=$(PY_TARGET_DIR)/release/harvest-sandbox $(PY) bench/bench.py
