# Everything a newcomer needs: `make run` and `make test` create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench deps lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

run: $(STAMP)
	$(BIN)/roundtable

test: $(TEST_STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

# Bytecode compiled first, as `pip install` does for an installed package (this environment may set
# PYTHONDONTWRITEBYTECODE, which would leave the editable checkout compiling on every command).
bench: $(TEST_STAMP)
	$(BIN)/python -m compileall -q roundtable benchmarks
	$(BIN)/python -m benchmarks

# Debian's Chromium and its chromedriver, for the venue's browser test (tests/test_browser.py skips,
# saying why, without them). Needs root; run `apt-get update` first on a fresh machine.
deps:
	apt-get update
	apt-get install -y chromium chromium-driver

clean:
	rm -rf $(VENV) build *.egg-info
