# The README's two commands: `make demo` and `make test`. Each sets up its own virtual environment.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO   ?= demo-workspace

.PHONY: demo test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The demo shop's orders run to 2025-12-31: `segmint demo` refreshes on its reference date (2026-01-01) and
# the refresh as of 2025-09-30 adds an earlier date, so the report shows movement between the two;
# `clusters fit` refreshes after the fit, so the report has personas and the cluster family.
demo: $(BIN)/.installed
	rm -rf $(DEMO)
	$(BIN)/segmint demo $(DEMO)
	$(BIN)/segmint -w $(DEMO) refresh --as-of 2025-09-30
	$(BIN)/segmint -w $(DEMO) clusters fit
	$(BIN)/segmint -w $(DEMO) report -o $(DEMO)/report.html

# compileall: the suite starts segmint as a subprocess many hundreds of times, and where
# PYTHONDONTWRITEBYTECODE is set (CI's machine) each start compiled the package's sources anew (~0.4 s).
# --durations: the slowest tests in every run's log, where CI's 90 minutes go
test: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m compileall -q src
	$(BIN)/python -m pytest -n 2 -q --durations=40

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .ruff_cache
