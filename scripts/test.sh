#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run the whole test suite.
# Idempotent and quiet: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e ".[test]"
# Java runs the Nu HTML checker (npm package vnu-jar); npm installs the pinned packages of package-lock.json.
need=()
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(npm)
# Debian's Chromium drives the browser tests (tests/browser; no tool may download a browser of its own),
# with CJK fonts so that Chinese pages render as readers see them.
command -v chromium >/dev/null || need+=(chromium)
[[ -d /usr/share/fonts/opentype/noto ]] || need+=(fonts-noto-cjk)
if ((${#need[@]})); then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ "$(cat node_modules/.kb-lock-sha256 2>/dev/null)" != "$lock_sum" ]]; then
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; the system one is used
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
  echo "$lock_sum" > node_modules/.kb-lock-sha256
fi
export NO_MKDOCS_2_WARNING=1
if (($#)); then
  exec .venv/bin/python -m pytest "$@"  # e.g. -m "not slow": the fast subset alone, for the inner loop
fi
# The whole suite, as CI runs it: the fast subset first (its time is the inner loop's), then the slow tests (site
# builds, Chromium, outside checkers) in two processes, by module (pytest-xdist); each part reports its time.
start=$(date +%s)
status=0
.venv/bin/python -m pytest -m "not slow" || status=$?
fast=$(($(date +%s) - start))
.venv/bin/python -m pytest -m slow -n 2 --dist loadscope || status=$?
echo "scripts/test.sh: whole suite $(($(date +%s) - start)) s (fast subset ${fast} s); exit status $status"
exit "$status"
