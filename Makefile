# Developer tasks. `make test` is what CI runs (through .ci/run).
PY ?= .venv/bin/python

.PHONY: install test lint bench serve demo screenshots

install:
	python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'

test:
	$(PY) -m pytest -q

lint:
	$(PY) -m ruff check amity tests benchmarks
	$(PY) -m mypy amity

bench:
	$(PY) benchmarks/run_all.py

serve:
	.venv/bin/amity serve

demo:
	.venv/bin/amity demo

screenshots:
	$(PY) scripts/screenshots.py
