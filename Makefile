# Two commands set everything up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
BENCH_ARGS ?=
# Material prints a long end-of-life banner on every build; keep the output readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint typecheck pytest bench screenshots chromium social-deps clean palette-min

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "mkdocs-folio needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files re-run the install whenever pyproject.toml changes.
$(VENV)/.runtime-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $@

serve: $(VENV)/.runtime-installed
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(VENV)/.runtime-installed
	$(BIN)/mkdocs build --strict

chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need Chromium at $(CHROMIUM): install Debian's 'chromium' package (or set CHROMIUM=...)"; exit 1; \
	fi

# Material's social cards (built in tests/test_plugins.py) draw with cairo and pango, in a
# local font: the tests point the plugin at DejaVu Sans instead of downloading one.
social-deps:
	@if ldconfig -p | grep -q 'libcairo\.so\.2' && ldconfig -p | grep -q 'libpangocairo' \
	  && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing cairo, pango and the DejaVu fonts for Material's social cards"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libcairo2 libpango-1.0-0 libpangocairo-1.0-0 fonts-dejavu-core >/dev/null; \
	else \
	  echo "The social card tests need cairo, pango and DejaVu fonts: install Debian's 'libcairo2', 'libpangocairo-1.0-0' and 'fonts-dejavu-core'"; exit 1; \
	fi

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check plugin tests benchmarks
	$(BIN)/ruff format --check plugin tests benchmarks

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

pytest: $(VENV)/.dev-installed chromium social-deps
	FOLIO_CHROMIUM=$(CHROMIUM) $(BIN)/pytest

test: lint typecheck pytest

bench: $(VENV)/.dev-installed chromium
	FOLIO_CHROMIUM=$(CHROMIUM) $(BIN)/python -m benchmarks $(BENCH_ARGS)

screenshots: $(VENV)/.dev-installed chromium
	$(BIN)/python -m tests.readme_screenshots

# palette.js is the source; the package ships palette.min.js, made from it by terser, whose
# renamed locals keep folio's CSS+JS under 10 kB gzipped. Run after every palette.js change
# (tests/test_palette.py checks that the two match).
PALETTE = plugin/mkdocs_folio/assets/folio/palette
palette-min:
	npx --yes terser@5 $(PALETTE).js --compress --mangle --comments false --output $(PALETTE).min.tmp
	{ printf '/* generated from palette.js (sha256 %s) by make palette-min: edit palette.js */\n' \
	  "$$(sha256sum $(PALETTE).js | cut -d' ' -f1)"; cat $(PALETTE).min.tmp; } > $(PALETTE).min.js
	rm -f $(PALETTE).min.tmp

clean:
	rm -rf site dist build benchmarks/.work .pytest_cache .mypy_cache .ruff_cache
