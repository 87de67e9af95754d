# Everything a newcomer needs: `make run` and `make test` create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench lint clean

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

clean:
	rm -rf $(VENV) build *.egg-info
