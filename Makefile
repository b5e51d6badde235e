# Two commands for a newcomer: `make demo` (set up, extract the example on the embedded model)
# and `make test` (set up, lint, run the tests). Everything installs into .venv, exactly as uv.lock pins it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.10
UV := .uv/bin/uv
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml uv.lock | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=
BASE ?= main
REPLAY := --block-network --allowed-hosts=127.0.0.1,localhost,::1 --record-mode=none
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup browser demo test lint docs docs-check unit lock test-latest eval-pr record record-eval record-corroboration eval serve clean

$(UV): tools/uv-bootstrap.txt
	test -x .uv/bin/python || $(PYTHON) -m venv .uv
	.uv/bin/python -m pip install -q --require-hashes -r tools/uv-bootstrap.txt
	touch $(UV)

$(STAMP): pyproject.toml uv.lock $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --locked --extra local --extra dev --extra docs --python $(PYTHON)
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

lock: $(UV)  ## re-resolve uv.lock from pyproject's ranges (newest allowed releases), and uv's own pin
	$(UV) lock --upgrade --python $(PYTHON)
	echo "uv==$(UV_VERSION)" | $(UV) pip compile - --generate-hashes --universal --python-version 3.11 \
		--no-header --no-annotate -o tools/uv-bootstrap.txt.new
	{ head -2 tools/uv-bootstrap.txt; cat tools/uv-bootstrap.txt.new; } > tools/uv-bootstrap.txt.tmp
	mv tools/uv-bootstrap.txt.tmp tools/uv-bootstrap.txt; rm -f tools/uv-bootstrap.txt.new

test-latest: $(UV)  ## the canary: newest releases inside pyproject's ranges (no lock), unit suite + cassette replay
	rm -rf .venv-latest; mkdir -p out
	$(UV) venv -q .venv-latest --python $(PYTHON)
	$(UV) pip install -q --python .venv-latest/bin/python --upgrade -e '.[dev]' pip  # pip: tests/test_wheel.py builds with it
	.venv-latest/bin/python tools/lock_drift.py uv.lock | tee out/latest-drift.txt
	.venv-latest/bin/python -m pytest $(REPLAY) --no-live -p no:cacheprovider $(PYTEST_ARGS) || \
		{ echo "the newest releases break the suite; what moved since uv.lock:"; cat out/latest-drift.txt; exit 1; }

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
	$(BIN)/ruff check extractor schemas tests benchmarks tools
	$(BIN)/ruff format --check extractor schemas tests benchmarks tools
	$(BIN)/lint-imports

docs: $(STAMP)  ## regenerate the generated pages and tables, then build the docs site (warnings are errors)
	$(BIN)/python tools/readme_tables.py
	$(BIN)/python tools/verification_docs.py
	$(BIN)/typer extractor.cli utils docs --name extractor --output docs/cli.md
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir build/site

test: setup browser lint docs-check  ## the README's test command; CI runs exactly this
	$(BIN)/python -m pytest $(REPLAY) $(PYTEST_ARGS)

docs-check: $(STAMP)  ## the docs site builds with no warnings (the generated pages' freshness is a test)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir build/site

unit: $(STAMP)  ## fast: everything but the live model
	$(BIN)/python -m pytest $(REPLAY) --no-live $(PYTEST_ARGS)

record: setup  ## re-record the extraction cassettes from the embedded model served on 127.0.0.1
	$(BIN)/python -m pytest --record-mode=rewrite tests/test_extract_recorded.py $(PYTEST_ARGS)

record-eval: setup  ## record gold articles that have no cassette yet (resumable), rewrite the baseline
	$(BIN)/python -m pytest --record-mode=new_episodes tests/test_eval_replay.py $(PYTEST_ARGS)
	$(BIN)/extractor eval score eval/baseline_results.jsonl --gold eval/gold \
		--json out/eval-report.json --markdown out/eval-summary.md

record-corroboration: setup  ## record the corroboration articles' extraction (resumable), rewrite its baseline
	$(BIN)/python -m pytest --record-mode=new_episodes tests/corroboration/test_recorded_ledger.py $(PYTEST_ARGS)

eval-pr: setup  ## a prompt/schema/backend change judged live: BASE's code (A) vs this checkout (B) on one server
	$(BIN)/python tools/eval_pr.py --base $(BASE)

serve: setup  ## the embedded model as an OpenAI-compatible server on 127.0.0.1:8765
	$(BIN)/extractor serve --port 8765

clean:
	rm -rf $(VENV) .venv-latest .uv out build dist .pytest_cache .ruff_cache
