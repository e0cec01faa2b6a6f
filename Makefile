# The two commands a newcomer needs: `make run` and `make test`.
# Each creates .venv and installs the package with its dependencies first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshots clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m motdesk.ui.launch resources/templates/airline.json

test: $(STAMP)
	$(PY) -m ruff check motdesk tests benchmarks
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check motdesk tests benchmarks
	$(PY) -m ruff format --check motdesk tests benchmarks

bench: $(STAMP)
	$(PY) -m benchmarks

screenshots: $(STAMP)
	$(PY) tools/screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
