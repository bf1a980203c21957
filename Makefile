# Every target creates .venv on first use, so a fresh clone needs nothing but python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat test lint bench run

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

chat: $(STAMP)
	$(BIN)/parentbot chat

run: $(STAMP)
	$(BIN)/parentbot run

test: $(STAMP)
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	PTB_TIMEDELTA=1 $(BIN)/parentbot knowledge check
	PTB_TIMEDELTA=1 $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/match_quality.py
	$(BIN)/python bench/match_speed.py
