# Two commands set everything up: `make run` and `make test`. Both create .venv from the
# lock file (hash-checked) when it is missing or older than the lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/unga: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(BIN)/unga

run: $(BIN)/unga
	$(BIN)/unga run
	$(BIN)/unga query "SELECT symbol, session, title, adopted_on, committee, n_preambular, n_operative FROM resolutions ORDER BY session, symbol"

test: $(BIN)/unga
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

lint: $(BIN)/unga
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the lock after changing dependencies in pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf raw/_landed warehouse/parquet warehouse/lake warehouse/staging warehouse/unga.duckdb warehouse/unga.duckdb.wal warehouse/.lock
