# The README's two commands: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: demo test venv system-packages bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

system-packages:
	@bash deploy/system-packages.sh

demo: venv system-packages
	HOST=$(HOST) PORT=$(PORT) bash deploy/demo.sh

test: venv system-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: venv
	@bash deploy/system-packages.sh bench
	$(BIN)/python -m bench.bench_printing --runs 300
	$(BIN)/python -m bench.bench_server
	$(BIN)/python -m bench.bench_kiosk
	$(BIN)/python -m bench.bench_board
	$(BIN)/python bench/bench_catalogue.py
	$(BIN)/python -m bench.bench_reports
	$(BIN)/python -m bench.bench_stream_flood
	$(BIN)/python -m bench.bench_dossier
	$(BIN)/python -m bench.bench_dossier_book

clean:
	rm -rf $(VENV) var/*.sqlite3*
