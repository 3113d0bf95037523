"""Time budget for hostile input: the largest file kb accepts, of each pathological kind, checked and built.

    python scripts/benchmark.py --budget          # this section alone (also part of the default run)
    python scripts/_budget.py [KIND ...]          # the same, or only the named kinds

For every kind below, one question's Chinese answer (tests/data/content/qa/overfitting.yml) is replaced
by the largest text of that kind for which the file stays within ``kb.content.loader.MAX_BYTES``. The
project is copied into a temporary folder with the small fixture content (tests/data/content) and that
file, then ``kb check`` and the complete ``mkdocs build`` (both languages, Pagefind index) run in
subprocesses, timed from outside. Budget: 2 s for the check, 10 s for the build, in CPU seconds of the
command and the processes it waited for (on a machine shared with other work, wall time mostly measures
the neighbours; both are shown). A text that ``kb check``
refuses (raw HTML, LaTeX, TODO lines) makes the build stop at the check; the table says so.

Figures come from one run on a shared machine: compare kinds within a run, and the fixture row (the
same content without the hostile file) gives the fixed cost of a build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests/data/content"
QUESTION = "qa/overfitting.yml"
CHECK_BUDGET, BUILD_BUDGET = 2.0, 10.0


def _rows_of_table(n: int, columns: int) -> str:
    head = "|" + "a|" * columns + "\n|" + "-|" * columns + "\n"
    row = "|" + "x|" * columns + "\n"
    return head + row * max(0, (n - len(head)) // len(row))


def _nested_list(n: int) -> str:
    out, depth, size = [], 0, 0
    while size + 2 * depth + 4 <= n:
        out.append("  " * depth + "- a\n")
        size += 2 * depth + 4
        depth += 1
    return "".join(out)


# kind -> (what it is, text of about n characters)
KINDS: dict[str, tuple[str, Callable[[int], str]]] = {
    "braces": ("a run of {", lambda n: "{" * n),
    "brackets": ("a run of [", lambda n: "[" * n),
    "parens": ("a run of (", lambda n: "(" * n),
    "stars": ("a run of *", lambda n: "*" * n),
    "underscores": ("a run of _", lambda n: "_" * n),
    "backticks": ("a run of `", lambda n: "`" * n),
    "lt": ("a run of <", lambda n: "<" * n),
    "pipes": ("a run of |", lambda n: "|" * n),
    "image-starts": ("![ repeated", lambda n: "![" * (n // 2)),
    "link-starts": ("[a]( repeated", lambda n: "[a](" * (n // 4)),
    "autolink-starts": ("<https:// repeated", lambda n: "<https://" * (n // 9)),
    "code-starts": ("`a repeated on one line", lambda n: "`a" * (n // 2)),
    "emphasis": ("*a _b repeated", lambda n: "*a _b " * (n // 6)),
    "attr-lists": ("{ a repeated", lambda n: "{ a " * (n // 4)),
    "table-columns": ("a table of 1 row and n columns", lambda n: _rows_of_table(n, n // 5)),
    "table-rows": ("a table of 2 columns and n rows", lambda n: _rows_of_table(n, 2)),
    "nested-lists": ("a list nested as deep as fits", _nested_list),
    "nested-quotes": ("> repeated: quotes nested n deep", lambda n: ">" * (n - 2) + " a"),
    "quote-lines": ("> > repeated on one line", lambda n: "> " * (n // 2) + "a"),
    "long-word": ("one line of letters, no space", lambda n: "a" * n),
    "long-cjk": ("one line of Chinese, no punctuation", lambda n: "过拟合正则化" * (n // 18)),
    "cjk-sentences": ("Chinese sentences, no line break", lambda n: ("过拟合正则化" * 20 + "。") * (n // 363)),
    "cjk-latin": ("Chinese with a Latin letter every 6", lambda n: "过拟合正则化a" * (n // 19)),
    "glossary-terms": ("glossary terms and near misses", lambda n: "all-reduce x-all-reduce all-reducer " * (n // 36)),
    "links": ("many links", lambda n: "[a](https://example.org/x) " * (n // 27)),
    "code-block": ("one huge fenced code block", lambda n: "```python\n" + "x = [1, 2]\n" * ((n - 14) // 11) + "```"),
    "unclosed-fences": ("```x lines, none closed", lambda n: "```x\n" * (n // 5)),
    "headings": ("### headings", lambda n: "### h\n\n" * (n // 7)),
    "lines": ("many short lines", lambda n: "a\n" * (n // 2)),
    "entities": ("&amp; repeated", lambda n: "&amp;" * (n // 5)),
    "latex": ("$ then a run of _ (LaTeX search)", lambda n: "$" + "_" * (n - 1)),
    "latex-many": ("$a_b$ repeated (refused: LaTeX)", lambda n: "$a_b$ " * (n // 6)),
    "html": ("<b> repeated (refused: raw HTML)", lambda n: "<b>" * (n // 3)),
}


def question_file(text: str) -> str:
    """overfitting.yml of the fixture with ``text`` as its Chinese answer (a literal block)."""
    source = (FIXTURE / QUESTION).read_text(encoding="utf-8")
    start = source.index("  answer: |\n")
    end = source.index("en:\n")
    block = "".join("    " + line if line.strip("\n") else line for line in text.splitlines(keepends=True))
    keep = text.endswith("\n")  # "|2+" keeps the final line break, "|2-" writes none
    return source[:start] + f"  answer: |2{'+' if keep else '-'}\n" + block + ("" if keep else "\n") + source[end:]


def largest(kind: str, limit: int) -> tuple[str, str]:
    """The text of ``kind`` and its question file, as large as fits in ``limit`` bytes."""
    make = KINDS[kind][1]
    n = limit
    while True:
        text = make(n)
        data = question_file(text)
        size = len(data.encode("utf-8"))
        if size <= limit:
            return text, data
        n -= max(1, (size - limit) * n // size + 1)


@dataclass
class Result:
    kind: str
    size: int
    check: tuple[float, float]  # wall, CPU seconds
    check_errors: int
    build: tuple[float, float]
    build_ok: bool

    def passed(self) -> bool:
        """Within budget in CPU seconds (the command and every process it waited for: the second
        language's build, Pagefind): on a shared machine wall time says more about the neighbours."""
        return self.check[1] <= CHECK_BUDGET and self.build[1] <= BUILD_BUDGET


def _project(dest: Path, question: str | None) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchmark import copy_project

    copy_project(dest)
    shutil.rmtree(dest / "content")
    shutil.copytree(FIXTURE, dest / "content")
    if question is not None:
        (dest / "content" / QUESTION).write_text(question, encoding="utf-8")
    return dest


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KB_LANGS"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "src"))
    return env


def _timed(cmd: list[str], cwd: Path) -> tuple[tuple[float, float], int, str]:
    """(wall, CPU) seconds, exit status and output of ``cmd``; CPU from wait4: the command and its children."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return (wall, usage.ru_utime + usage.ru_stime), os.waitstatus_to_exitcode(status), text


def measure(kind: str | None, workdir: Path) -> Result:
    """Check and build of the fixture with the largest file of ``kind`` (None: the fixture alone)."""
    from kb.content.loader import MAX_BYTES

    data = largest(kind, MAX_BYTES)[1] if kind else None
    project = _project(workdir / (kind or "fixture"), data)
    check, _, output = _timed([sys.executable, "-c", "from kb.authoring.cli import main; main()", "check"], project)
    errors = sum(line.startswith("error:") for line in output.splitlines())
    build, status, _ = _timed([sys.executable, "-m", "mkdocs", "build", "-q"], project)
    shutil.rmtree(project, ignore_errors=True)
    return Result(kind or "(fixture alone)", len(data.encode("utf-8")) if data else 0, check, errors, build,
                  status == 0)


def run(kinds: list[str] | None = None, progress=sys.stderr) -> list[Result]:
    chosen = kinds or list(KINDS)
    unknown = [k for k in chosen if k not in KINDS]
    if unknown:
        raise SystemExit(f"budget: unknown kind(s) {', '.join(unknown)}; known: {', '.join(KINDS)}")
    workdir = Path(tempfile.mkdtemp(prefix="kb-budget-"))
    results = []
    try:
        for kind in [None, *chosen]:
            print(f"  budget: {kind or 'fixture alone'} ...", file=progress, flush=True)
            results.append(measure(kind, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def report(results: list[Result]) -> list[str]:
    from kb.content.loader import MAX_BYTES

    lines = [f"Time budget: the largest file of each kind (at most {MAX_BYTES:,} bytes) with the fixture content; "
             f"`kb check` within {CHECK_BUDGET:g} s and `mkdocs build` (both languages, search index) within "
             f"{BUILD_BUDGET:g} s, in CPU seconds of the command and its children (wall time as measured):", "",
             "| kind | what | file bytes | check CPU s | check wall s | errors | build CPU s | build wall s | build "
             "| verdict |",
             "|---|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        what = KINDS[r.kind][0] if r.kind in KINDS else "the 3 fixture questions"
        build = "built" if r.build_ok else "refused (check)"
        lines.append(f"| {r.kind} | {what} | {r.size:,} | {r.check[1]:.2f} | {r.check[0]:.2f} | {r.check_errors} "
                     f"| {r.build[1]:.2f} | {r.build[0]:.2f} | {build} | {'PASS' if r.passed() else 'FAIL'} |")
    failed = [r.kind for r in results if not r.passed()]
    load = os.getloadavg()[0]
    lines += ["", f"Load average at the end: {load:.1f} on {os.cpu_count()} cores.",
              f"Budget: {'PASS' if not failed else 'FAIL (' + ', '.join(failed) + ')'}"]
    return lines


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    results = run(argv if argv is not None else sys.argv[1:] or None)
    print("\n".join(report(results)))
    return 0 if all(r.passed() for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
