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

# The demo shop's orders run to 2025-12-31: two refreshes give history to show movement between them;
# the clustering is fitted before the second, so the report has personas and the cluster family.
demo: $(BIN)/.installed
	rm -rf $(DEMO)
	$(BIN)/segmint demo $(DEMO)
	$(BIN)/segmint -w $(DEMO) refresh --as-of 2025-09-30
	$(BIN)/segmint -w $(DEMO) clusters fit
	$(BIN)/segmint -w $(DEMO) refresh
	$(BIN)/segmint -w $(DEMO) report -o $(DEMO)/report.html

test: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -n 2 -q

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .ruff_cache
