# Two commands set everything up: `make run` and `make test`. Both create .venv from the
# lock file (hash-checked) when it is missing or older than the lock.
# The venv's interpreter: the distribution's /usr/bin/python3 when it is 3.11, the lock's Python.
# Debian builds it with profile-guided optimisation and LTO and links it statically; a pyenv
# build (a shared libpython, no PGO) runs the transforms with ~9% more instructions and more
# slowly (README, Performance). Elsewhere, python3; PYTHON=... chooses.
PYTHON ?= $(shell /usr/bin/python3 -c 'import sys; print(sys.executable if sys.version_info[:2] == (3, 11) else "python3")' 2>/dev/null || echo python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean transforms-build native clean-native

# A distribution Python without its venv package (Debian: python3-venv) falls back to python3.
# --no-deps: the lock is the whole closure, so pip installs it as written and does not resolve.
# Resolving broke on Debian's pip 23.0 once httpx 0.29 was published: prefect's `httpx[http2]`
# became a second, unpinned requirement, which --require-hashes refuses. `pip check` then proves
# the installed set consistent.
$(BIN)/unga: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && python3 -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(BIN)/unga

# transforms/ compiled by mypyc (scripts/build_native.py): rebuilt when its sources' digest
# changes, a no-op otherwise; without a C compiler it stays pure Python. NATIVE=0: pure Python.
NATIVE ?= 1
transforms-build: $(BIN)/unga
	@$(BIN)/python scripts/build_native.py $(if $(filter 0,$(NATIVE)),--pure)

native: $(BIN)/unga
	$(BIN)/python scripts/build_native.py --force

clean-native: $(BIN)/unga
	$(BIN)/python scripts/build_native.py --pure

run: $(BIN)/unga transforms-build
	$(BIN)/unga run
	$(BIN)/unga query "SELECT symbol, session, title, adopted_on, committee, n_preambular, n_operative FROM resolutions ORDER BY session, symbol"

test: $(BIN)/unga transforms-build
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(BIN)/unga
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the lock after changing dependencies in pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf raw/_landed warehouse/parquet warehouse/lake warehouse/staging warehouse/unga.duckdb warehouse/unga.duckdb.wal warehouse/.lock
