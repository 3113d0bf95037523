"""Build benchmark: synthetic questions at several sizes, a full ``mkdocs build`` of each, one table.

    python scripts/benchmark.py                      # real content, then 100, 1000 and 3000 questions
    python scripts/benchmark.py --sizes 100,1000     # quick run
    python scripts/benchmark.py --sizes real --serve --weight   # today's site: edit latency, first visit
    python scripts/benchmark.py --import-budget      # only: kb import of a 10,000-question seed, budget 60 s
    python scripts/benchmark.py --budget             # only the time budget for hostile input (scripts/_budget.py)

For every size the script copies the project (every file git does not ignore, without content/qa,
tests, scripts or site) into a temporary folder, writes N synthetic questions into content/qa and
builds it in a subprocess:

- ``kb``: the real build, in two measured steps: the pages (``mkdocs build`` with the project's hooks
  and ``KB_SEARCH_INDEX=0``), timed per plugin and hook by ``scripts/_timed_mkdocs.py`` to get the
  share of the project's own code; then the search step, the same Pagefind command the build runs
  (``kb.search_index``), on the built site. The complete build is the two together;
- ``baseline``: the same questions built by the project at an earlier commit (``--baseline``, default
  3e6839d: the last commit with Material's lunr search), checked out with ``git archive``, in the same
  run: compare ratios, not seconds, across runs;
- ``plain`` (``--plain``): the same pre-generated Markdown built by MkDocs + Material + i18n with the
  hooks removed from a copy of ``mkdocs.yml`` (the nav the hook would set is written into that copy).

The time budget (``scripts/_budget.py``; ``--budget`` alone, ``--no-budget`` to leave it out): for each
pathological kind of text (runs of ``{``, ``[`` or ``<``, tables of many columns, deep nesting, huge code
blocks, ...), the largest question file kb accepts, ``kb check`` within 2 s and the build within 10 s.

``--query`` (with Chromium) measures a reader's first search on a question page of each built site:
the bytes downloaded from opening the search to the results (text gzipped at level 6, Pagefind's own
files as they are: already compressed) and the time from the query's input event to the results on
screen, with the CPU throttled 4x (a phone-class CPU).

Synthetic questions are recombined from the real entries in content/qa: each one takes the shape of
a real entry (category, tags, references, aliases, number of list items and analysis paragraphs)
and fills it with aligned zh/en list items, paragraphs and related-link notes drawn at random from
all real entries, so lengths, markup, glossary hits and Chinese word segmentation stay realistic.
Related links form a random symmetric graph (3-6 links each). The real glossary, categories and tags
are used. Deterministic (``--seed``).

Wall time is measured around the child; CPU time (user+sys) and peak memory (max RSS) come from
``os.wait4`` for that child alone. Search index sizes are raw and gzip level 6 (what a web server
sends). Figures come from one run; on a shared machine compare ratios within one run.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(SCRIPTS))

SKIP = ("content/qa/", "tests/", "scripts/", "site/", ".ci/", ".github/", "node_modules/")
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions", "Markdown", "Jinja2",
            "jieba", "PyYAML", "pydantic")
_INTERNAL_LINK = re.compile(r"\[([^\]\n]*)\]\((?!https?:)[^)\n]*\)")
_FENCED = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*\n?", re.M | re.S)

# Targets from the performance issue (2 cores).
TARGETS = {"wall_3000": 35.0, "rss_3000": 400.0, "out_3000": 200.0, "wall_1000": 12.0, "share": 10.0,
           "page_kb": 60.0, "visit_kb": 300.0, "serve": 3.0,
           # the search issue: the complete build against the baseline's, the search step's memory, a first query
           "vs_baseline": 2.0, "search_rss_gb": 4.0, "query_kb": 200.0, "query_s": 1.0}
BASELINE = "3e6839d"


# --------------------------------------------------------------------------- machine

def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, AttributeError):
        pass
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    return [f"CPU: {cpu}; cores: {os.cpu_count()}; RAM: {ram}",
            f"Python {platform.python_version()} ({platform.system()} {platform.release()})",
            "Packages: " + ", ".join(versions)]


# --------------------------------------------------------------------------- project copy

def project_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                         capture_output=True).stdout.decode()
    return sorted(p for p in out.split("\0") if p and not p.startswith(SKIP) and (ROOT / p).is_file())


def copy_project(dest: Path) -> None:
    for rel in project_files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    (dest / "content" / "qa").mkdir(parents=True, exist_ok=True)
    if (ROOT / "node_modules").is_dir():  # Pagefind (kb.search_index)
        (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)


def export_commit(commit: str, dest: Path) -> None:
    """The project as it was at ``commit`` (tracked files, without its questions), via ``git archive``."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    for rel in ("content/qa", "tests", "scripts", ".ci", ".github"):
        shutil.rmtree(dest / rel, ignore_errors=True)
    (dest / "content" / "qa").mkdir(parents=True, exist_ok=True)


# --------------------------------------------------------------------------- synthetic content

def _split_answer(text: str) -> tuple[list[str], list[str]]:
    """(paragraphs, list items) of an answer; list items are the lines that start with '- '."""
    paras, items = [], []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        if all(ln.startswith(("- ", "  ")) for ln in lines) and lines[0].startswith("- "):
            item: list[str] = []
            for ln in lines:
                if ln.startswith("- ") and item:
                    items.append("\n".join(item))
                    item = []
                item.append(ln)
            items.append("\n".join(item))
        else:
            paras.append(block)
    return paras, items


@dataclass
class Pool:
    templates: list[dict] = field(default_factory=list)
    intros: list[tuple[str, str]] = field(default_factory=list)
    items: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def build_pool(qa_dir: Path) -> Pool:
    pool = Pool()
    for path in sorted(qa_dir.glob("*.yml")):
        data = yaml.load(_INTERNAL_LINK.sub(r"\1", path.read_text(encoding="utf-8")), Loader=yaml.CSafeLoader)
        if not data.get("en"):
            continue
        for lang in ("zh", "en"):  # code blocks (with blank lines and '#' comments) are not recombined
            for key in ("answer", "analysis"):
                if data[lang].get(key):
                    data[lang][key] = _FENCED.sub("", data[lang][key])
        zp, zi = _split_answer(data["zh"]["answer"])
        ep, ei = _split_answer(data["en"]["answer"])
        za = (data["zh"].get("analysis") or "").strip().split("\n\n")
        ea = (data["en"].get("analysis") or "").strip().split("\n\n")
        if len(zp) != len(ep) or len(zi) != len(ei) or len(za) != len(ea) or not zp:
            continue
        pool.templates.append({**data, "_items": len(zi), "_paras": len(za)})
        pool.intros.append((zp[0], ep[0]))
        pool.items += list(zip(zi, ei))
        pool.paragraphs += [(z, e) for z, e in zip(za, ea) if z]
        pool.notes += [(r["zh"], r["en"]) for r in data.get("related", []) if isinstance(r, dict) and r.get("zh")
                       and r.get("en")]
    if len(pool.templates) < 10:
        raise SystemExit(f"benchmark: need at least 10 complete bilingual entries in {qa_dir} to model content on")
    return pool


def related_graph(n: int, rng: random.Random) -> list[list[int]]:
    """A random symmetric graph: two random cycles (degree about 4) plus a matching on half the nodes."""
    nbrs: list[set[int]] = [set() for _ in range(n)]

    def add(a: int, b: int) -> None:
        if a != b:
            nbrs[a].add(b)
            nbrs[b].add(a)

    for _ in range(2):
        perm = list(range(n))
        rng.shuffle(perm)
        for a, b in zip(perm, perm[1:] + perm[:1]):
            add(a, b)
    perm = list(range(n))
    rng.shuffle(perm)
    half = perm[: n // 2]
    for a, b in zip(half[::2], half[1::2]):
        add(a, b)
    return [sorted(s) for s in nbrs]


_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def pseudo_word(i: int, salt: int) -> str:
    """A pronounceable made-up name, different for every ``i`` (titles must not repeat each other)."""
    n = i * 7919 + salt * 104729 + 12345
    parts = []
    for _ in range(3):
        n, r = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[r])
    return "".join(parts).capitalize()


def _title(src: str, lang: str, i: int) -> str:
    """The template's title made unique with two made-up names (near-duplicate titles are errors)."""
    names = f"{pseudo_word(i, 1)}, {pseudo_word(i, 2)} {pseudo_word(i, 3)}"
    base = re.split(r"[？?:：，,]", src, maxsplit=1)[0]
    base = base[:20] if lang == "zh" else " ".join(base.split()[:8])
    return f"{base}：以 {names} 为例？" if lang == "zh" else f"{base}: the case of {names}?"


class _HashView:
    """What kb.content.freshness.zh_hash reads of a question (its zh text), without today's schema."""

    def __init__(self, data: dict) -> None:
        from types import SimpleNamespace

        self.zh = SimpleNamespace(**{k: data["zh"].get(k)
                                     for k in ("title", "question", "answer", "analysis", "aliases")})


class _Dumper(yaml.CSafeDumper):
    pass


_Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v,
                                                             style="|" if "\n" in v else None))


def generate(content_dir: Path, n: int, pool: Pool, seed: int) -> list[str]:
    """Write ``n`` synthetic questions into content_dir/qa; return their ids.

    The questions fit the project in ``content_dir``'s parent (today's or the baseline's): its categories
    and tags, and ``frequency`` only where its schema has that field; the same seed gives the same text.
    """
    from kb.content.freshness import zh_hash

    project = content_dir.parent
    schema = next(p for p in (project / "src/kb/content/schema.py", project / "src/kb/schema.py")
                  if p.exists()).read_text(encoding="utf-8")
    with_frequency = "frequency:" in schema
    cats = {c["slug"]
            for c in yaml.safe_load((content_dir / "categories.yml").read_text(encoding="utf-8"))["categories"]}
    tags = {t["slug"] for t in yaml.safe_load((content_dir / "tags.yml").read_text(encoding="utf-8"))["tags"]}
    rng = random.Random(seed)
    ids = [f"synthetic-{i:05d}" for i in range(n)]
    graph = related_graph(n, rng)
    qa = content_dir / "qa"
    for i, qid in enumerate(ids):
        tpl = pool.templates[i % len(pool.templates)]
        intro = rng.choice(pool.intros)
        items = [rng.choice(pool.items) for _ in range(max(3, min(tpl["_items"], 8)))]
        paras = [rng.choice(pool.paragraphs) for _ in range(max(2, min(tpl["_paras"], 6)))]
        langs = {}
        for k, lang in enumerate(("zh", "en")):
            src = tpl[lang]
            langs[lang] = {
                "title": _title(src["title"], lang, i),
                "question": src["question"],
                "aliases": list(src.get("aliases") or []),
                "answer": intro[k] + "\n\n" + "\n".join(it[k] for it in items) + "\n",
                "analysis": "\n\n".join(p[k] for p in paras) + "\n",
            }
        data = {
            "id": qid, "category": tpl["category"] if tpl["category"] in cats else sorted(cats)[0],
            "difficulty": tpl["difficulty"], **({"frequency": tpl.get("frequency", 2)} if with_frequency else {}),
            "tags": [t for t in tpl["tags"] if t in tags],
            "related": [{"id": ids[j], **dict(zip(("zh", "en"), rng.choice(pool.notes)))} for j in graph[i]],
            "sources": list(tpl.get("sources") or []), "references": list(tpl.get("references") or []),
            "reviewed": tpl.get("reviewed"), "zh": langs["zh"], "en": langs["en"],
        }
        data["en"]["translated_from"] = zh_hash(_HashView(data))
        (qa / f"{qid}.yml").write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                                                 width=100), encoding="utf-8")
    _retarget_tracks(content_dir, ids)
    return ids


def _retarget_tracks(content_dir: Path, ids: list[str]) -> None:
    """The study tracks of content/tracks.yml with the synthetic questions in place of today's (the n-th question
    of a track becomes the n-th synthetic one), so that track and printable pages are built at every size."""
    path = content_dir / "tracks.yml"
    if not path.exists():  # a baseline from before the tracks
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for track in data.get("tracks") or []:
        k = 0
        for stage in track.get("stages") or []:
            stage["questions"] = [ids[(k := k + 1) % len(ids)] for _ in stage.get("questions") or []]
        track["stages"] = [stage for stage in track.get("stages") or [] if stage["questions"]]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


# --------------------------------------------------------------------------- building and measuring

@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    timings: dict
    log: str
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after: other work on the machine


def child_env(src: Path = ROOT / "src", **extra: str) -> dict[str, str]:
    """The child's environment: the project's own src/ first, no one-language mode unless asked."""
    env = {k: v for k, v in os.environ.items() if k != "KB_LANGS"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(src), **extra)
    return env


def _tree_memory(pid: int) -> int:
    """Bytes of memory used by ``pid`` and its descendants (kb.mkdocs.parallel forks one), from /proc.

    Proportional set size (Pss): a page shared by the two processes of a parallel build (the
    content loaded before the fork, the Python modules) counts half in each, so the sum is the
    memory the build occupies. Summed RSS would count those pages twice.
    """
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def _merge_timings(timings_file: Path) -> dict:
    """The build's timings: the process's own plus those of the processes it forked (kb.mkdocs.parallel)."""
    data = json.loads(timings_file.read_text())
    for extra in sorted(timings_file.parent.glob(timings_file.name + ".*")):
        child = json.loads(extra.read_text())
        data["process_cpu"] += child["process_cpu"]
        for key in ("origins", "origins_cpu", "events", "events_cpu", "calls"):
            for name, value in child[key].items():
                data[key][name] = data[key].get(name, 0) + value
        data["children"] = data.get("children", 0) + 1
    return data


def run_build(project: Path, env: dict[str, str] | None = None) -> Run:
    """One ``mkdocs build``, timed per plugin and hook (``scripts/_timed_mkdocs.py``)."""
    timings_file = project / ".timings.json"
    for old in project.glob(".timings.json*"):
        old.unlink()
    cmd = [sys.executable, str(SCRIPTS / "_timed_mkdocs.py"), str(timings_file), "build", "-q"]
    run = run_measured(cmd, project, env or child_env())
    run.timings = _merge_timings(timings_file)
    return run


def run_search_step(project: Path) -> Run:
    """The search step alone: the Pagefind command of ``kb.search_index`` on the built site."""
    from kb.search_index import OUTPUT, pagefind_command

    cmd = pagefind_command(project) + ["--site", str(project / "site"), "--output-subdir", OUTPUT]
    return run_measured(cmd, project, child_env())


def run_measured(cmd: list[str], project: Path, env: dict[str, str]) -> Run:
    """Wall time; CPU of the command and its children (wait4); peak memory of its process tree
    (``_tree_memory``, sampled every 10 ms), or the largest single process's peak RSS if higher."""
    log_file = project / ".build.log"
    load_before = os.getloadavg()[0]
    peak = [0]
    with open(log_file, "wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak[0] = max(peak[0], _tree_memory(proc.pid))
            time.sleep(0.01)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    text = log_file.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"benchmark: build in {project} failed ({proc.returncode}):\n{text[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss * 1024, peak[0]) / 2**20,
               {}, text, (load_before, os.getloadavg()[0]))


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def measure_site(site: Path) -> dict:
    pages = total = 0
    question_pages: list[int] = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            pages += 1
            if path.name == "index.html" and path.parent.parent.name == "qa":
                question_pages.append(size)
    search = [p for p in (site / "pagefind").rglob("*") if p.is_file()] if (site / "pagefind").is_dir() else []
    indexes = {}
    for path in sorted(site.rglob("search_index.json")):
        rel = path.parent.parent.relative_to(site).as_posix()
        lang = "zh" if rel == "." else rel
        data = path.read_bytes()
        indexes[lang] = (len(data), gz_size(data))
    return {"pages": pages, "bytes": total, "indexes": indexes,
            "search_files": len(search), "search_bytes": sum(p.stat().st_size for p in search),
            "page_max": max(question_pages, default=0), "page_median": statistics.median(question_pages or [0]),
            "sitemap": (site / "sitemap.xml").stat().st_size if (site / "sitemap.xml").exists() else 0}


def project_cpu(timings: dict) -> float:
    """CPU seconds in the project's hooks (and the kb package they call), importing them included."""
    return sum(v for k, v in timings["origins_cpu"].items() if k.startswith("hooks/") or k.endswith(".py"))


def share(run: Run) -> float:
    """Percent of the build's CPU time spent in the project's own code (robust to other load)."""
    return 100 * project_cpu(run.timings) / run.timings["process_cpu"]


def plain_copy(project: Path, dest: Path) -> None:
    """Copy of a built project without hooks; nav written into mkdocs.yml as the hook would set it."""
    from kb.mkdocs.glue import nav, write_pages
    from kb.site import build

    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("site", ".timings.json*", ".build.log"))
    site = build(dest / "content")
    write_pages(site.pages, dest / "docs")  # the hook renders pages in memory; the plain build reads files
    site_nav = nav(site)
    lines = (dest / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    kept: list[str] = []
    skipping = False
    for line in lines:
        if re.match(r"^(hooks|nav):", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "-", "#")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    kept.append("nav:")
    kept += [f"  - {json.dumps(item) if isinstance(item, str) else json.dumps(item, ensure_ascii=False)}"
             for item in site_nav]
    (dest / "mkdocs.yml").write_text("\n".join(kept) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- report

@dataclass
class Row:
    label: str
    questions: int
    kb: Run  # the pages
    site: dict
    search: Run | None = None  # the search step (Pagefind)
    baseline: Run | None = None  # the same questions built by the baseline commit
    baseline_site: dict | None = None
    plain: Run | None = None
    plain_site: dict | None = None
    serve: dict = field(default_factory=dict)
    queries: list = field(default_factory=list)  # _page_weight.Query, one per language

    @property
    def complete(self) -> tuple[float, float, float]:
        """Wall s, CPU s and peak MB of the whole build: the pages, then the search step."""
        s = self.search
        return (self.kb.wall + (s.wall if s else 0), self.kb.cpu + (s.cpu if s else 0),
                max(self.kb.rss_mb, s.rss_mb if s else 0))


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f}"


def _kb(n: float) -> str:
    return f"{n / 1e3:.0f}"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table(rows: list[Row]) -> list[str]:
    """The build in its two steps, the complete build, and the baseline commit's build of the same questions."""
    head = ["questions", "pages", "pages: wall s", "CPU s", "peak MB", "search step: wall s", "CPU s", "peak MB",
            "complete: wall s", "CPU s", f"baseline {BASELINE}: wall s", "CPU s", "peak MB",
            "complete / baseline: wall", "CPU", "load avg"]
    out = [_row(head), "|" + "---:|" * len(head)]
    for r in rows:
        s, b = r.search, r.baseline
        wall, cpu, _ = r.complete
        out.append(_row([
            r.label, str(r.site["pages"]), f"{r.kb.wall:.1f}", f"{r.kb.cpu:.1f}", f"{r.kb.rss_mb:.0f}",
            *((f"{s.wall:.1f}", f"{s.cpu:.1f}", f"{s.rss_mb:.0f}") if s else ("-",) * 3),
            f"{wall:.1f}", f"{cpu:.1f}",
            *((f"{b.wall:.1f}", f"{b.cpu:.1f}", f"{b.rss_mb:.0f}", f"x{wall / b.wall:.2f}", f"x{cpu / b.cpu:.2f}")
              if b else ("-",) * 5),
            f"{r.kb.load[0]:.1f}-{r.kb.load[1]:.1f}"]))
    return out


def output_table(rows: list[Row]) -> list[str]:
    head = ["questions", "output MB", "search index MB (files)", "largest question page kB",
            "project code % of pages CPU", f"baseline {BASELINE}: output MB", "its lunr index zh, en: gzipped kB",
            "plain (no hooks): wall s, CPU s"]
    out = [_row(head), "|" + "---:|" * len(head)]
    for r in rows:
        bs = r.baseline_site
        lunr = ", ".join(_kb(gz) for _, gz in bs["indexes"].values()) if bs and bs["indexes"] else "-"
        out.append(_row([r.label, _mb(r.site["bytes"]), f"{_mb(r.site['search_bytes'])} ({r.site['search_files']})",
                         f"{r.site['page_max'] / 1e3:.1f}", f"{share(r.kb):.1f}", _mb(bs["bytes"]) if bs else "-", lunr,
                         f"{r.plain.wall:.1f}, {r.plain.cpu:.1f}" if r.plain else "-"]))
    return out


def query_table(rows: list[Row]) -> list[str]:
    head = ["questions", "page", "query", "first query: kB on the wire", "requests", "s to results (CPU 4x slower)",
            "results shown", "largest responses, kB"]
    out = [_row(head), "|" + "---:|" * len(head)]
    for r in rows:
        for q in r.queries:
            out.append(_row([r.label, q.page, q.query, _kb(q.sent), str(q.requests), f"{q.seconds:.2f}", str(q.results),
                             q.largest]))
    return out


def breakdown(rows: list[Row]) -> list[str]:
    """CPU seconds per plugin/hook (exclusive); the rest is MkDocs itself: Markdown, templates, files."""
    origins = sorted({o for r in rows for o in r.kb.timings["origins_cpu"] if not o.startswith("mkdocs ")})
    head = ["questions", *origins, "MkDocs (Markdown, templates, files) + start-up"]
    out = [_row(head), "|" + "---:|" * len(head)]
    for r in rows:
        o = r.kb.timings["origins_cpu"]
        plugins = [o.get(k, 0.0) for k in origins]
        out.append(_row([r.label, *(f"{v:.1f}" for v in plugins), f"{r.kb.timings['process_cpu'] - sum(plugins):.1f}"]))
    return out


def verdicts(rows: list[Row], weight=None) -> list[str]:
    by_n = {r.questions: r for r in rows if r.label != "real"}
    out: list[str] = []

    def line(ok: bool, text: str) -> None:
        out.append(f"{'PASS' if ok else 'FAIL'}  {text}")

    if 3000 in by_n:
        r = by_n[3000]
        wall, cpu, rss = r.complete
        if r.baseline:
            b = r.baseline
            line(wall <= TARGETS["vs_baseline"] * b.wall,
                 f"3000 x 2 complete build (pages + search) {wall:.1f} s <= {TARGETS['vs_baseline']:.0f} x baseline "
                 f"{BASELINE} {b.wall:.1f} s in this run (x{wall / b.wall:.2f}; CPU x{cpu / b.cpu:.2f})")
        if r.search:
            line(r.search.rss_mb / 1024 <= TARGETS["search_rss_gb"],
                 f"3000 x 2 search step peak memory {r.search.rss_mb / 1024:.2f} GB "
                 f"<= {TARGETS['search_rss_gb']:.0f} GB "
                 f"(complete build peak {rss / 1024:.2f} GB)")
        line(r.kb.wall < TARGETS["wall_3000"], f"3000 x 2 pages build {r.kb.wall:.1f} s < {TARGETS['wall_3000']:.0f} s")
        line(r.kb.rss_mb < TARGETS["rss_3000"],
             f"3000 x 2 pages build peak memory {r.kb.rss_mb:.0f} MB < {TARGETS['rss_3000']:.0f} MB")
        pages_mb = (r.site["bytes"] - r.site["search_bytes"]) / 1e6
        line(pages_mb < TARGETS["out_3000"], f"3000 x 2 output without the search index {pages_mb:.1f} MB < "
             f"{TARGETS['out_3000']:.0f} MB (with it: {_mb(r.site['bytes'])} MB)")
    searched = [r for r in rows if r.search and r.label != "real"]
    if len(searched) >= 2:
        a, b = searched[0], searched[-1]
        out.append(f"NOTE  search step {a.label} -> {b.label} questions (x{b.questions / a.questions:.0f}): "
                   f"wall x{b.search.wall / a.search.wall:.1f}, CPU x{b.search.cpu / a.search.cpu:.1f}, "
                   f"peak memory x{b.search.rss_mb / a.search.rss_mb:.1f} "
                   f"({a.search.rss_mb:.0f} -> {b.search.rss_mb:.0f} MB)")
    for r in rows:
        for q in r.queries:
            if r.questions >= 3000:
                line(q.sent / 1e3 <= TARGETS["query_kb"],
                     f"{r.label}: first query {q.query!r} on {q.page}: {q.sent / 1e3:.0f} kB "
                     f"<= {TARGETS['query_kb']:.0f} kB")
            line(q.seconds <= TARGETS["query_s"],
                 f"{r.label}: first query {q.query!r} results in {q.seconds:.2f} s "
                 f"<= {TARGETS['query_s']:.0f} s (CPU 4x slower)")
    if 1000 in by_n:
        r = by_n[1000]
        line(r.kb.wall < TARGETS["wall_1000"], f"1000 x 2 pages build {r.kb.wall:.1f} s < {TARGETS['wall_1000']:.0f} s")
    if 1000 in by_n and 3000 in by_n:
        a, b = by_n[1000].kb, by_n[3000].kb
        line(b.wall / a.wall <= 3.0 or b.cpu / a.cpu <= 3.0,
             f"growth 1000 -> 3000: wall x{b.wall / a.wall:.2f}, CPU x{b.cpu / a.cpu:.2f} (linear: x3.00)")
    for r in rows:
        line(share(r.kb) < TARGETS["share"],
             f"{r.label}: project code {share(r.kb):.1f}% of build CPU < {TARGETS['share']:.0f}%")
        target = ({1000: TARGETS["wall_1000"], 3000: TARGETS["wall_3000"]}.get(r.questions)
                  if r.label != "real" else None)
        if r.plain and target:
            # What the share target asks against what the time target allows: without the project's code, MkDocs
            # and Material alone need this much CPU for the same pages.
            cores = os.cpu_count() or 1
            out.append(f"NOTE  {r.label}: the plain build of the same pages (no project code) "
                       f"needs {r.plain.cpu:.1f} CPU s, "
                       f"at least {r.plain.cpu / cores:.1f} s on {cores} cores (target {target:.0f} s); "
                       f"with the project's code the build needs {r.kb.cpu:.1f} CPU s, "
                       f"{project_cpu(r.kb.timings):.1f} of them in that code")
        line(r.site["page_max"] / 1e3 < TARGETS["page_kb"],
             f"{r.label}: largest question page {r.site['page_max'] / 1e3:.1f} kB "
             f"< {TARGETS['page_kb']:.0f} kB of HTML")
        for mode, times in r.serve.items():
            if r.label == "real":
                med = statistics.median(times)
                line(med < TARGETS["serve"],
                     f"{r.label}: mkdocs serve ({mode}) shows an edit after {med:.1f} s < {TARGETS['serve']:.0f} s")
    for v in weight or []:
        line(v.total / 1e3 < TARGETS["visit_kb"],
             f"first visit of {v.page}: {v.total / 1e3:.0f} kB gzipped < {TARGETS['visit_kb']:.0f} kB")
    return out


# --------------------------------------------------------------------------- main

def bench_one(label: str, workdir: Path, pool: Pool | None, seed: int, plain: bool, serve: bool,
              baseline: str | None, query: bool) -> Row:
    project = workdir / f"kb-{label}"
    copy_project(project)
    if pool is None:
        for path in sorted((ROOT / "content" / "qa").glob("*.yml")):
            shutil.copy2(path, project / "content" / "qa" / path.name)
    else:
        generate(project / "content", int(label), pool, seed)
    n = len(list((project / "content" / "qa").glob("*.yml")))
    print(f"  {label}: building {n} questions x 2 languages ...", file=sys.stderr, flush=True)
    kb_run = run_build(project, child_env(KB_SEARCH_INDEX="0"))
    print(f"  {label}: search step ...", file=sys.stderr, flush=True)
    search = run_search_step(project)
    row = Row(label, n, kb_run, measure_site(project / "site"), search)
    if baseline and pool is not None:  # the baseline's schema does not read today's questions
        print(f"  {label}: baseline {baseline} ...", file=sys.stderr, flush=True)
        base = workdir / f"base-{label}"
        export_commit(baseline, base)
        generate(base / "content", int(label), pool, seed)
        row.baseline = run_build(base, child_env(base / "src"))
        row.baseline_site = measure_site(base / "site")
        shutil.rmtree(base, ignore_errors=True)
    if query:
        from _page_weight import first_query
        print(f"  {label}: first query ...", file=sys.stderr, flush=True)
        qa = sorted(p.parent.name for p in (project / "site" / "qa").glob("*/index.html"))
        middle = qa[len(qa) // 2]
        row.queries = first_query(project / "site", [(f"/qa/{middle}/", "显存"), (f"/en/qa/{middle}/", "memory")])
    if plain:
        print(f"  {label}: plain build without hooks ...", file=sys.stderr, flush=True)
        plain_dir = workdir / f"plain-{label}"
        plain_copy(project, plain_dir)
        row.plain = run_build(plain_dir)
        row.plain_site = measure_site(plain_dir / "site")
        shutil.rmtree(plain_dir, ignore_errors=True)
    if serve and label in ("real", "1000"):  # today's size and 1,000 questions
        from _serve_timing import measure_modes
        print(f"  {label}: serve latency ...", file=sys.stderr, flush=True)
        row.serve = measure_modes(project, child_env)
    return row


IMPORT_QUESTIONS = 10_000
IMPORT_BUDGET = 60.0  # seconds for kb import of IMPORT_QUESTIONS seed questions into an empty content folder


def import_budget(workdir: Path, n: int = IMPORT_QUESTIONS, budget: float = IMPORT_BUDGET) -> list[str]:
    """``kb import`` of a synthetic seed of ``n`` questions (scripts/_seed_gen.py) into the real content
    folder without its questions, then the same import again (everything known): wall time of each, PASS/FAIL."""
    from _seed_gen import write_seed

    content = workdir / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("qa", ".*"))
    (content / "qa").mkdir()
    seed = write_seed(workdir / "seed-import-bench.md", n)
    lines = [f"## kb import of {n:,} seed questions (budget {budget:.0f} s)", ""]
    ok = True
    for run in ("first import", "again (all known)"):
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kb.authoring.cli", "import", "--content", str(content),
                               str(seed)], env=child_env(), capture_output=True, text=True)
        took = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"kb import failed ({run}):\n{done.stderr[-2000:]}")
        summary = done.stdout.strip().splitlines()[-1]
        passed = took < budget
        ok = ok and passed
        lines.append(f"- {'PASS' if passed else 'FAIL'} {run}: {took:.1f} s wall, {cpu:.1f} s CPU, load average "
                     f"{load:.1f} at the start ({summary})")
    files = len(list((content / "qa").glob("*.yml")))
    temps = [p.name for p in (content / "qa").iterdir() if p.name.startswith(".")]
    lines.append(f"- {files:,} question files written; temporary files left: {len(temps)}")
    if temps:
        ok = False
    lines.append(f"- {'PASS' if ok else 'FAIL'} overall")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,100,1000,3000",
                        help="comma-separated question counts; 'real' = today's content/qa (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--plain", action="store_true", help="also build the pages without hooks (MkDocs alone)")
    parser.add_argument("--baseline", default=BASELINE,
                        help="commit whose build of the same questions the complete build is compared with "
                             "(default: %(default)s; 'none' to skip)")
    parser.add_argument("--no-query", action="store_true", help="skip the first-query measurement in Chromium")
    parser.add_argument("--serve", action="store_true",
                        help="also measure `mkdocs serve` edit-to-reload latency (today's content and 1,000 questions)")
    parser.add_argument("--weight", action="store_true",
                        help="also measure a reader's first visit of a question page on the real site (Chromium)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temp folder)")
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    parser.add_argument("--import-budget", action="store_true",
                        help=f"only time kb import of a {IMPORT_QUESTIONS:,}-question seed (PASS under "
                             f"{IMPORT_BUDGET:.0f} s); no builds")
    parser.add_argument("--budget", nargs="*", metavar="KIND",
                        help="only the time budget for hostile input (scripts/_budget.py): the largest file of each "
                             "pathological kind (or of the KINDs named), `kb check` within 2 s, the build within 10 s")
    parser.add_argument("--no-budget", action="store_true", help="leave the time budget out of the default run")
    args = parser.parse_args(argv)
    if args.import_budget:
        with tempfile.TemporaryDirectory(prefix="kb-import-bench-") as tmp:
            lines = import_budget(Path(tmp))
        print("\n".join(lines))
        return 0 if lines[-1].startswith("- PASS") else 1
    if args.budget is not None:
        import _budget
        results = _budget.run(args.budget or None)
        print("\n".join(_budget.report(results)))
        return 0 if all(r.passed() for r in results) else 1
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for s in sizes:
        if s != "real" and not s.isdigit():
            parser.error(f"--sizes: expected numbers or 'real', got {s!r}")

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    pool = build_pool(ROOT / "content" / "qa") if any(s != "real" for s in sizes) else None
    rows: list[Row] = []
    weight = None
    try:
        for s in sizes:
            rows.append(bench_one(s, workdir, None if s == "real" else pool, args.seed, args.plain,
                                  args.serve, None if args.baseline == "none" else args.baseline, not args.no_query))
            if args.weight and s == "real":
                from _page_weight import first_visit
                weight = first_visit(workdir / "kb-real" / "site")
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    dirty = " + uncommitted changes" if subprocess.run(["git", "status", "--porcelain"], cwd=ROOT,
                                                       capture_output=True, text=True).stdout.strip() else ""
    print(f"# kb build benchmark ({time.strftime('%Y-%m-%d')}, commit {commit}{dirty})")
    print("Command: python scripts/benchmark.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    print()
    for line in machine():
        print(line + "  ")
    print()
    print("\n".join(table(rows)))
    print()
    print("\n".join(output_table(rows)))
    if any(r.queries for r in rows):
        print()
        print("A reader's first search on a question page, served as GitHub Pages serves it:")
        print()
        print("\n".join(query_table(rows)))
    print()
    print("CPU seconds per plugin and hook of the pages build "
          "(exclusive; i18n's second-language build is counted where it runs):")
    print()
    print("\n".join(breakdown(rows)))
    if any(r.serve for r in rows):
        from _serve_timing import report
        print()
        print("\n".join(report({r.label: r.serve for r in rows if r.serve})))
    if weight:
        from _page_weight import report as weight_report
        print()
        print("\n".join(weight_report(weight)))
    if not args.no_budget:
        import _budget
        print()
        print("\n".join(_budget.report(_budget.run())))
    print()
    print("\n".join(verdicts(rows, weight)))
    if args.json:
        def run(x: Run | None) -> dict | None:
            return x.__dict__ | {"log": ""} if x else None

        args.json.write_text(json.dumps([{**r.__dict__, "kb": run(r.kb), "search": run(r.search),
                                          "baseline": run(r.baseline), "plain": run(r.plain),
                                          "queries": [q.__dict__ for q in r.queries]}
                                         for r in rows], indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
