# The README's first two commands: `make pdf` and `make test`.  Both bootstrap
# a local virtual environment from a fresh clone with no manual step.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export SOURCE_DATE_EPOCH ?= 1792800000

.PHONY: pdf test test-fast lint check bench clean system-deps golden print ci

pdf: $(STAMP)
	$(BIN)/edition build source -o output

check: $(STAMP)
	$(BIN)/edition check source

# the whole suite, on every core (pytest-xdist)
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

# what a developer runs on every change: everything but the whole-edition builds (well under a minute)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto -m "not slow"

# ruff on the whole tree; mypy on the package (strict on the model and the transforms)
lint: $(STAMP)
	$(BIN)/ruff check edition tests bench
	$(BIN)/mypy

# synthetic editions of 1, 10 and 100 documents, timed against bare WeasyPrint (about 8 minutes; not part of test)
bench: $(STAMP)
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml
	@sh scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

print: $(STAMP)
	$(BIN)/edition build source -o output --profile print

# refresh the reference images of the look on purpose; look at them before committing
golden: $(STAMP)
	$(BIN)/python tests/test_golden.py --refresh

system-deps:
	@sh scripts/system-deps.sh

clean:
	rm -rf output $(VENV) .pytest_cache
