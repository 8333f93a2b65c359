# Developer tasks. `make test` is what CI runs (through .ci/run).
PY ?= .venv/bin/python

.PHONY: install test lint bench serve demo screenshots mutation

install:
	python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'

test:
	$(PY) -m pytest -q

lint:
	$(PY) -m ruff check amity tests benchmarks
	$(PY) -m mypy amity

bench:
	$(PY) benchmarks/run_all.py

# mutation score per data-critical module (slow: hours for all; MUTATION_ARGS="api.write store.query")
mutation:
	$(PY) benchmarks/mutation.py $(MUTATION_ARGS)

serve:
	.venv/bin/amity serve

demo:
	.venv/bin/amity demo

screenshots:
	$(PY) scripts/screenshots.py
