# gongzhi — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run demo test test-browser test-reliability lint format bench messages clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/.installed

## make run: install, migrate, load the demo district if the database is empty, serve on :8000
run: install
	DEBUG=1 $(BIN)/gongzhi migrate --noinput
	DEBUG=1 $(BIN)/gongzhi demo --if-empty
	DEBUG=1 $(BIN)/gongzhi serve $(HOST):$(PORT)

demo: install
	DEBUG=1 $(BIN)/gongzhi demo

## make test: install and run the whole test suite (SQLite, or DATABASE_URL when set)
# Two workers by default (each with its own test database); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
test: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## make test-reliability: the long load, crash and schemathesis variants (SQLite, or DATABASE_URL)
test-reliability: install
	$(BIN)/pytest -m slow tests/reliability $(PYTEST_ARGS)

test-browser: install
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	DEBUG=1 $(BIN)/python -m bench

## make messages: refresh and compile the zh-hans catalogue (needs gettext)
messages: install
	cd src/gongzhi && DEBUG=1 ../../$(BIN)/gongzhi makemessages -l zh_Hans --no-obsolete && DEBUG=1 ../../$(BIN)/gongzhi compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) var build src/*.egg-info
