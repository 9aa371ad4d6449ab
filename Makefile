# Two commands for a newcomer: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,web,bench,batch,collect]'
	touch $(STAMP)

# The demo archive is the embedded default, warta.db here, even when WARTA_DB names another.
demo: export WARTA_DB = sqlite:///warta.db
demo: $(STAMP)
	$(BIN)/warta extract --format text examples/*
	$(BIN)/warta extract examples/* --out out/
	@echo "JSON for each example page is in out/"
	$(BIN)/warta ingest examples/
	$(BIN)/warta search banjir
	$(BIN)/warta events --origins-only
	$(BIN)/warta story $$($(BIN)/warta search '"ojek daring"' --origins-only -n 1 --json \
	    | $(BIN)/python -c 'import json, sys; print(json.load(sys.stdin)["hits"][0]["story_id"])')
	@echo "The archive is in warta.db: run .venv/bin/warta serve and browse it at http://127.0.0.1:8000"

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) out warta.db warta.db-wal warta.db-shm .pytest_cache .mypy_cache .ruff_cache
