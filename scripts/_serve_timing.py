"""Authoring speed: seconds from saving a question's YAML to `mkdocs serve` serving the changed page.

    python scripts/_serve_timing.py                 # today's content, both languages and KB_LANG=zh
    python scripts/_serve_timing.py --size 1000     # 1,000 synthetic questions (see scripts/benchmark.py)

The project is copied into a temporary folder and served there (``mkdocs serve`` on a free port).
Each round inserts a marker word into one question's Chinese answer, saves the file and polls the
page /qa/<id>/ until the marker is in it. The dev server holds a request while a rebuild runs, so the
first response with the marker is what a reader's browser shows when live reload fires. Between
rounds the script waits until the server is idle (a --dirty serve writes the generated pages into
docs/). Reports the median of the rounds per mode.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Callable

# mode -> (extra environment, extra `mkdocs serve` arguments)
MODES: dict[str, tuple[dict[str, str], list[str]]] = {
    "both languages": ({}, []),
    "KB_LANG=zh": ({"KB_LANG": "zh"}, []),
    "--dirty --no-strict": ({}, ["--dirty", "--no-strict"]),  # re-renders only pages whose Markdown changed
    # what the README recommends to authors: one language, only the changed pages
    "KB_LANG=zh --dirty --no-strict": ({"KB_LANG": "zh"}, ["--dirty", "--no-strict"]),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 120) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def _insert_marker(text: str, marker: str) -> str:
    """The file with ``marker`` at the start of the first line of the Chinese answer."""
    lines = text.split("\n")
    zh = lines.index("zh:")
    ans = next(i for i in range(zh + 1, len(lines)) if lines[i].startswith("  answer:"))
    first = ans + 1
    indent = len(lines[first]) - len(lines[first].lstrip())
    lines[first] = lines[first][:indent] + marker + " " + lines[first][indent:]
    return "\n".join(lines)


def _wait_idle(log: Path, quiet: float = 1.5, timeout: float = 600) -> None:
    """Until every "Detected file changes" of the server log has its "Reloading browsers"."""
    deadline = time.monotonic() + timeout
    last = None
    stable_since = time.monotonic()
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        state = (text.count("Detected file changes"), text.count("Reloading browsers"), len(text))
        if state != last:
            last, stable_since = state, time.monotonic()
        elif state[0] <= state[1] and time.monotonic() - stable_since >= quiet:
            return
        time.sleep(0.1)


def measure(project: Path, env: dict[str, str], rounds: int = 3, qid: str | None = None,
            args: list[str] | None = None) -> list[float]:
    """Edit-to-served latencies in seconds for ``rounds`` edits of one question of ``project``."""
    qa = project / "content" / "qa"
    path = qa / f"{qid}.yml" if qid else sorted(qa.glob("*.yml"))[len(list(qa.glob("*.yml"))) // 2]
    qid = path.stem
    original = path.read_text(encoding="utf-8")
    port = _free_port()
    log = project / f".serve-{port}.log"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(args or [])]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/qa/{qid}/"
    times: list[float] = []
    try:
        deadline = time.monotonic() + 900
        while _get(url, timeout=5) is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        _wait_idle(log)
        for n in range(rounds):
            marker = f"KBPROBE{n}X{os.getpid()}"
            text = _insert_marker(original, marker)
            start = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            while marker not in (_get(url) or ""):
                if time.perf_counter() - start > 600:
                    raise RuntimeError(f"change not served after 600 s:\n{log.read_text()[-2000:]}")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            _wait_idle(log)
    finally:
        path.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return times


def measure_modes(project: Path, child_env: Callable[..., dict[str, str]], rounds: int = 3) -> dict[str, list[float]]:
    return {mode: measure(project, child_env(**extra), rounds, args=args) for mode, (extra, args) in MODES.items()}


def report(results: dict[str, dict[str, list[float]]]) -> list[str]:
    """Markdown table: rows = content size, columns = mode (median seconds, rounds in brackets)."""
    modes = list(MODES)
    out = ["`mkdocs serve`: seconds from saving a question's YAML to the changed page being served "
           "(median of rounds):", "", "| questions | " + " | ".join(modes) + " |", "|---:|" + "---:|" * len(modes)]
    for label, by_mode in results.items():
        cells = []
        for mode in modes:
            t = by_mode.get(mode) or []
            cells.append(f"{statistics.median(t):.1f} ({', '.join(f'{x:.1f}' for x in t)})" if t else "-")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return out


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import benchmark

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="real", help="'real' (today's content/qa) or a number of synthetic questions")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kb-serve-"))
    try:
        project = work / "kb"
        benchmark.copy_project(project)
        if args.size == "real":
            for p in sorted((benchmark.ROOT / "content" / "qa").glob("*.yml")):
                shutil.copy2(p, project / "content" / "qa" / p.name)
        else:
            pool = benchmark.build_pool(benchmark.ROOT / "content" / "qa")
            benchmark.generate(project / "content", int(args.size), pool, 20261122)
        n = len(list((project / "content" / "qa").glob("*.yml")))
        results = measure_modes(project, benchmark.child_env, args.rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(report({f"{n} ({args.size})" if args.size == "real" else str(n): results})))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
