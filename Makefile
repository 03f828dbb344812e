# Two commands (README quick start):
#   make        set everything up and build the default book into dist/ (PDF and EPUB)
#   make test   set everything up and run the whole test suite
# Every step is guarded by a stamp or a file test, so a second run does nothing and says nothing.

VENV      := .venv
PY        := $(VENV)/bin/python
PUBLISH   := $(VENV)/bin/publish
STAMPS    := .cache/stamps
BOOK      := content/book.toml
PYTEST_ARGS ?= -q -n 2

.PHONY: all setup system system-test fonts venv ace book test check-types clean-build peer

all: book

setup: system system-test fonts venv ace

system: $(STAMPS)/system
$(STAMPS)/system: scripts/system-packages.txt scripts/setup-system.sh
	@bash scripts/setup-system.sh scripts/system-packages.txt
	@mkdir -p $(STAMPS) && touch $@

# Java (EPUBCheck) and Chromium (Ace, browser tests): only the test suite needs them.
system-test: $(STAMPS)/system-test
$(STAMPS)/system-test: scripts/system-packages-test.txt scripts/setup-system.sh
	@bash scripts/setup-system.sh scripts/system-packages-test.txt
	@mkdir -p $(STAMPS) && touch $@

fonts: $(STAMPS)/fonts
$(STAMPS)/fonts: scripts/fetch-fonts.sh
	@bash scripts/fetch-fonts.sh
	@mkdir -p $(STAMPS) && touch $@

venv: $(STAMPS)/venv
$(STAMPS)/venv: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check -e '.[test,bench]' 2>&1 | grep -v -E '^WARNING: (Location|There was an error checking|lxml [0-9.]+ does not provide the extra)' || true
	@$(PY) -c 'import publish, weasyprint, ebooklib' 
	@mkdir -p $(STAMPS) && touch $@

# Ace by DAISY (EPUB accessibility checker) for the EPUB tests, from tools/ace's lock file;
# puppeteer drives Debian's chromium instead of downloading its own.
ace: $(STAMPS)/ace
$(STAMPS)/ace: tools/ace/package.json tools/ace/package-lock.json
	@cd tools/ace && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit --no-fund >/dev/null 2>&1 \
		|| (cd tools/ace && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
	@mkdir -p $(STAMPS) && touch $@

SOURCES := $(shell find publish styles content -type f -not -path '*/__pycache__/*' 2>/dev/null)

book: dist/.built
dist/.built: $(STAMPS)/system $(STAMPS)/fonts $(STAMPS)/venv $(SOURCES)
	@$(PUBLISH) build --book $(BOOK) --format all -o dist
	@touch $@

# The static checks first (seconds): pyflakes' errors (ruff F) and mypy --strict on publish/.
test: setup
	@$(VENV)/bin/ruff check --quiet --select F publish tests bench
	@$(PY) -m mypy
	@$(PY) -m pytest $(PYTEST_ARGS)

# The peer benchmark of docs/print.md: pandoc → XeLaTeX + ctex beside our PDF (TeX Live
# and pandoc from Debian, installed here only).
peer: setup $(STAMPS)/peer
	@sh bench/peer_xelatex.sh
$(STAMPS)/peer: scripts/peer-packages.txt scripts/setup-system.sh
	@bash scripts/setup-system.sh scripts/peer-packages.txt
	@mkdir -p $(STAMPS) && touch $@

check-types: setup
	@$(PY) -m mypy

clean-build:
	rm -rf dist .cache/stamps
