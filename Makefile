# Everything a newcomer needs: `make run` and `make test` create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test soak snapshots bench bench-full bench-table deps lint clean

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

# The convergence property (tests/test_convergence.py) over at least 2,000 random programs of two or
# three laptops; `make test` runs a few of them.
soak: $(TEST_STAMP)
	ROUNDTABLE_HYPOTHESIS=soak $(BIN)/python -m pytest -q -p no:cacheprovider --hypothesis-show-statistics tests/test_convergence.py

# After a change to a screen: write its pictures again (tests/snapshots/), look at them, commit them.
snapshots: $(TEST_STAMP)
	$(BIN)/python -m pytest -q tests/snapshots --snapshot-update

# Bytecode compiled first, as `pip install` does for an installed package (this environment may set
# PYTHONDONTWRITEBYTECODE, which would leave the editable checkout compiling on every command).
# `make bench` (within 12 minutes) repeats each comparison until its verdict is clear or its interval
# narrow (benchmarks/rounds.py); `make bench-full` runs the deeper fixed counts; both exit 1 on a
# missed target. `make bench-table` writes the README's tables from the last full run.
bench: $(TEST_STAMP)
	$(BIN)/python -m compileall -q roundtable benchmarks
	$(BIN)/python -m benchmarks

bench-full: $(TEST_STAMP)
	$(BIN)/python -m compileall -q roundtable benchmarks
	$(BIN)/python -m benchmarks --full

bench-table: $(TEST_STAMP)
	$(BIN)/python -m benchmarks.readme_table

# Optional tools, from Debian (needs root): LibreOffice and its Python bridge for `export --format pdf`
# and `--paginate`, poppler's pdftotext for the tests that read a PDF back, pandoc for `make bench`,
# Chromium and its chromedriver for the venue's browser test; LibreOffice Calc to rebuild the .ods
# and .xls lists of tests/data/ (make_registration_lists.py). `make test` passes without them: the
# tests that need them are skipped, saying why.
deps:
	apt-get update
	apt-get install -y fonts-dejavu-core libreoffice-writer-nogui libreoffice-calc-nogui python3-uno poppler-utils pandoc chromium chromium-driver

clean:
	rm -rf $(VENV) build *.egg-info
