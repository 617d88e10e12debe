# Two entry points (see README): `make run` and `make test`. Each installs what it needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test test-repeat demo build lint bench clean

$(VENV)/.runtime-installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.runtime-installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## run: demo data -> database -> dashboard on http://localhost:$(PORT)
run: $(VENV)/.runtime-installed
	test -d data/submissions || $(PY) -m etl sample
	$(PY) -m etl build
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

## demo/build: the steps of `run` without starting the dashboard
demo: $(VENV)/.runtime-installed
	$(PY) -m etl sample
build: $(VENV)/.runtime-installed
	$(PY) -m etl build

## test: lint + every test (unit, ETL, AppTest, headless Chromium)
test: $(VENV)/.dev-installed
	bash scripts/install_system_deps.sh
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -n 2 --dist loadfile

## test-repeat: the suite 5× in file order, 5× in random order, once on one core (about 1½ hours)
test-repeat: $(VENV)/.dev-installed
	bash scripts/install_system_deps.sh
	bash scripts/repeat_tests.sh 5

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .

## bench: performance benchmarks (not tests); results in docs/performance.md
bench: $(VENV)/.dev-installed
	$(PY) -m bench.run_all

clean:
	rm -rf data/.cache data/campaigns.duckdb* test-output
