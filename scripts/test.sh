#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e ".[test]"
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
