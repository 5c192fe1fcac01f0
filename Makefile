# SOS Desk: `make run` (venv + demo database + GUI) and `make test` (everything, headless).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DIR := .demo
DEMO_DB := $(DEMO_DIR)/desk.db
DEMO_USER := operater
DEMO_PASS := demo-lozinka-2026
DEMO_CALLS ?= 20000
# Shared libraries Qt needs offscreen and on a real X screen (the xcb platform: `make run`),
# and the X server the tests start the desk on; Debian/Ubuntu package names.
QT_SYSLIBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0 \
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1 xvfb xauth

# PDF readers nobody here wrote, which the documents tests open every PDF with (qpdf, poppler,
# MuPDF), and what PyICU (ICU's Serbian transliterator, a test reference) builds against.
PDF_READERS := qpdf poppler-utils mupdf-tools
ICU_BUILD := libicu-dev pkg-config

.PHONY: run test lint typecheck unit venv sysdeps demo bench clean screenshots \
  package package-deps package-test

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory sysdeps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

sysdeps:
	@missing=""; for p in $(QT_SYSLIBS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system libraries Qt needs:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; \
	  else echo "Cannot install:$$missing. Ask an administrator to run: apt-get install$$missing"; \
	    echo "(on Fedora: dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms xorg-x11-server-Xvfb)"; exit 1; fi; \
	fi
	@missing=""; for p in $(PDF_READERS) $(ICU_BUILD); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing the PDF readers the documents tests check with, and ICU:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; \
	  else false; fi || { \
	    echo "Could not install:$$missing."; \
	    echo "The documents tests then skip those readers (and say so); PyICU will not build."; \
	    echo "Ask an administrator to run: apt-get install$$missing"; exit 1; }; \
	fi

$(DEMO_DB): | $(STAMP)
	@mkdir -p $(DEMO_DIR)
	SOSDESK_PASSPHRASE=$(DEMO_PASS) SOSDESK_USER=$(DEMO_USER) \
	  $(VENV)/bin/sosdesk demo --db $(DEMO_DB) --calls $(DEMO_CALLS) --seed 2026

demo: $(DEMO_DB)

run: $(STAMP) $(DEMO_DB)
	@if [ "$$(uname -s)" = Linux ] && [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No screen: DISPLAY is not set. Run 'make run' in a desktop session"; \
	  echo "(or on a virtual one: xvfb-run -a make run)."; exit 1; fi
	@echo
	@echo "Demo database: $(DEMO_DB)"
	@echo "User: $(DEMO_USER)   Passphrase: $(DEMO_PASS)"
	@echo
	SOSDESK_USER=$(DEMO_USER) $(VENV)/bin/sosdesk --db $(DEMO_DB)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks migrations
	$(VENV)/bin/ruff format --check src tests benchmarks migrations
	PYTHONPATH=src $(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

test: lint typecheck unit

# Refresh the pictures under docs/ on purpose (tests otherwise write to build/test-artifacts/).
screenshots: $(STAMP)
	SOSDESK_REFRESH_DOCS=1 QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q \
	  tests/gui tests/sync/test_gui.py tests/documents/test_render_pages.py tests/stats/test_report.py

bench: $(STAMP)
	$(PY) -m benchmarks.run_all

clean:
	rm -rf $(VENV) $(DEMO_DIR) .mypy_cache .ruff_cache .pytest_cache

# Installers (packaging/): the PyInstaller one-folder bundle, a .deb and a .tar.gz with SHA-256
# sums, all under build/package/ (ignored by git). `make package-test` runs the smoke test on
# the bundle alone, outside the source tree and without the virtualenv.
PACKAGE_DIR := build/package
BUNDLE := $(PACKAGE_DIR)/dist/sosdesk
# What PyInstaller and the .deb builder run (objdump, strip, file, dpkg-deb), the libraries Qt's
# Wayland plugin loads (so their Debian packages can be named in Depends), the smoke test's
# PDF checks (pdffonts, pdftotext).
PACKAGE_TOOLS := binutils file dpkg libwayland-cursor0 libwayland-egl1 libwayland-client0 \
  poppler-utils

package-deps:
	@missing=""; for p in $(PACKAGE_TOOLS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing what packaging needs:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; \
	  else false; fi || { \
	    echo "Could not install:$$missing. Packaging needs them."; \
	    echo "Ask an administrator to run: apt-get install$$missing"; exit 1; }; \
	fi

package: $(STAMP) package-deps
	rm -rf $(BUNDLE) $(PACKAGE_DIR)/out
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath $(PACKAGE_DIR)/dist \
	  --workpath $(PACKAGE_DIR)/work packaging/pyinstaller/sosdesk.spec
	@echo "Bundle: $$(du -sh $(BUNDLE) | cut -f1) in $(BUNDLE)"
	packaging/linux/build-packages.sh $(BUNDLE) $(PACKAGE_DIR)/out

package-test: package-deps
	@[ -x $(BUNDLE)/sosdesk ] || { echo "No bundle in $(BUNDLE): run 'make package' first."; exit 1; }
	packaging/linux/smoke-test.sh $(BUNDLE)/sosdesk $(PACKAGE_DIR)/smoke
