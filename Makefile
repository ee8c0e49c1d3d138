# The two commands a newcomer needs (see README):
#   make run    set up, index the sample packs in corpora/, and serve on http://127.0.0.1:8000
#   make test   set up, then lint (ruff), type-check (mypy) and run the tests
DATA_DIR ?= data
HOST ?= 127.0.0.1
PORT ?= 8000
BP = .venv/bin/boardpapers --data-dir $(DATA_DIR)

.PHONY: setup run extract-sample test lint bench

setup:
	@scripts/setup.sh

extract-sample: setup
	@mkdir -p $(DATA_DIR)/extracted
	@for f in corpora/sample/*.pdf; do \
	  echo "extract $$f -> $(DATA_DIR)/extracted/$$(basename $$f .pdf).json"; \
	  $(BP) extract "$$f" > "$(DATA_DIR)/extracted/$$(basename $$f .pdf).json" || exit 1; \
	done

run: extract-sample
	$(BP) index corpora/ || true
	$(BP) serve --host $(HOST) --port $(PORT)

lint: setup
	.venv/bin/ruff check extract service tests benchmarks corpora
	.venv/bin/ruff format --check extract service tests benchmarks corpora
	.venv/bin/mypy extract service

test: lint
	.venv/bin/python -m pytest -q

bench: setup
	.venv/bin/python -m benchmarks.extract
