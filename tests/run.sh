#!/usr/bin/env bash
# Set up and run every test on a fresh machine: ruff (lint and format) and mypy, then pytest
# (unit, browser, doctests, notebooks).
# Installs Debian's chromium for the browser tests if it is missing (as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e ".[test]"
code=(geokarabakh tests benchmarks gazetteer/build docs)
.venv/bin/ruff check "${code[@]}"
.venv/bin/ruff format --check "${code[@]}"
.venv/bin/mypy
.venv/bin/python -m pytest --nbmake --doctest-modules geokarabakh tests notebooks "$@"
