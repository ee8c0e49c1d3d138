#!/usr/bin/env bash
# Create .venv and install the pinned dependencies and the project (idempotent).
# Usage: scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: Python >= 3.11 is required ($("$PY" --version 2>&1))" >&2
  exit 1
fi
# Tesseract OCRs scanned pages (Debian's tesseract-ocr). Without it, scanned pages are
# skipped and the index summary says so.
if ! command -v tesseract >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing tesseract-ocr (apt)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr) \
      >/dev/null 2>&1 || echo "setup: warning: could not install tesseract-ocr; OCR disabled" >&2
  else
    echo "setup: warning: tesseract not found and cannot apt-get install it; OCR disabled" >&2
  fi
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=".venv/.installed-$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)${1:-}"
if [ ! -f "$stamp" ]; then
  echo "setup: installing pinned dependencies into .venv (first run takes a few minutes)" >&2
  .venv/bin/python -m pip install -q --upgrade pip
  # torch is pinned (==2.13.0, CPU build) in the same pip command as sentence-transformers:
  # without the pin pip pulls several GB of CUDA packages.
  .venv/bin/python -m pip install -q -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps -e .
  rm -f .venv/.installed-*
  touch "$stamp"
fi
