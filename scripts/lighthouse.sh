#!/usr/bin/env bash
# Lighthouse (mobile, its default: a mid-range phone on a slow 4G link) on the home page, a question page, a
# category page (with its filters and progress) and the practice page, in both languages, against a fresh build of content/ served on 127.0.0.1 with Debian's Chromium.
# A measurement, not a test: scores move with the machine's load, so each page runs RUNS times and the
# median run is reported. Reports go to build/lighthouse/.
#
#   bash scripts/lighthouse.sh [RUNS]        (default 3; needs .venv from scripts/test.sh, npm, chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
python=${PYTHON:-.venv/bin/python}
out=build/lighthouse
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} NO_MKDOCS_2_WARNING=1

lock_sum=$(sha256sum scripts/lighthouse/package-lock.json | cut -d' ' -f1)
if [[ "$(cat scripts/lighthouse/node_modules/.kb-lock-sha256 2>/dev/null)" != "$lock_sum" ]]; then
  npm ci --prefix scripts/lighthouse --no-audit --no-fund --loglevel=error >/dev/null
  echo "$lock_sum" > scripts/lighthouse/node_modules/.kb-lock-sha256
fi

tmp=$(mktemp -d)
server=""
trap '[[ -n "$server" ]] && kill "$server"; rm -rf "$tmp"' EXIT
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/"
SITE_URL=$url "$python" -m mkdocs build --strict -q -d "$tmp/site" 2>/dev/null
# Served as GitHub Pages serves it: gzip-compressed text, 404.html for missing pages.
"$python" -m tests.browser.site "$tmp/site" "$port" >/dev/null &
server=$!
sleep 1

question=$(cd "$tmp/site/qa" && ls -d */ | head -1)
category=$(cd "$tmp/site/category" && ls -d */ | head -1)
mkdir -p "$out"
rm -f "$out"/*.json
for page in "" "qa/$question" "category/$category" "practice/" "en/" "en/qa/$question" "en/category/$category" \
    "en/practice/"; do
  name=$(echo "${page:-zh/}" | tr '/' '-' | sed 's/-$//')
  for run in $(seq "$runs"); do
    scripts/lighthouse/node_modules/.bin/lighthouse "$url$page" --quiet --output=json \
      --output-path="$out/$name.$run.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage"
  done
done

"$python" - "$out" "$url" <<'EOF'
import json, statistics, sys
from collections import defaultdict
from pathlib import Path

out, url = Path(sys.argv[1]), sys.argv[2]
runs = defaultdict(list)
for report in sorted(out.glob("*.json")):
    data = json.loads(report.read_text())
    scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
    failed = [a["id"] for a in data["audits"].values()
              if a.get("score") is not None and a["score"] < 1 and a["scoreDisplayMode"] in ("binary", "numeric")
              and a["id"] in {r["id"] for c in data["categories"].values() for r in c["auditRefs"] if r["weight"]}]
    runs[data["finalDisplayedUrl"].replace(url, "/")].append((scores, failed))
print(f"Lighthouse {data['lighthouseVersion']}, mobile, median of {len(next(iter(runs.values())))} runs")
print(f"{'page':<34} perf  a11y  best   seo   audits below 100 (median run)")
for page, results in runs.items():
    results.sort(key=lambda r: r[0]["performance"])
    scores, failed = results[len(results) // 2]
    print(f"{page:<34} {scores['performance']:>4}  {scores['accessibility']:>4}  {scores['best-practices']:>4}"
          f"  {scores['seo']:>4}   {', '.join(failed) or '-'}")
EOF
