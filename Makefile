# The README's first two commands: `make pdf` and `make test`.  Both bootstrap
# a local virtual environment from a fresh clone with no manual step.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export SOURCE_DATE_EPOCH ?= 1792800000

.PHONY: pdf test test-fast lint check bench clean system-deps golden print ci completion

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
	$(BIN)/python bench/whole.py
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml setup.py
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

# bash and zsh completion and the man page, made from the command line's definitions, under share/
# (`cp -r share ~/.local/` installs them for bash and man; zsh: add ~/.local/share/zsh/site-functions to fpath)
completion: $(STAMP)
	mkdir -p share/bash-completion/completions share/zsh/site-functions share/man/man1
	$(BIN)/edition completion bash > share/bash-completion/completions/edition
	$(BIN)/edition completion zsh > share/zsh/site-functions/_edition
	$(BIN)/edition manpage > share/man/man1/edition.1

system-deps:
	@sh scripts/system-deps.sh

clean:
	rm -rf output share build $(VENV) .pytest_cache
