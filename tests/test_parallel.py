"""`mkdocs build` builds English in a forked process (kb.parallel): the same site as one process builds."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.sitecheck import copy_project


def _build(root: Path, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1790000000", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=full,
                          capture_output=True, text=True, timeout=600)


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Path, Path]:
    sites = []
    for name, parallel in (("one", "0"), ("two", "1")):
        root = copy_project(REPO, tmp_path_factory.mktemp(name) / "project")
        result = _build(root, KB_PARALLEL=parallel)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        sites.append(root / "site")
        assert not list(root.glob(".kb-parallel-*")), "the child's folder is removed"
    return sites[0], sites[1]


def test_the_parallel_build_writes_the_same_site(both):
    one, two = both
    assert _files(one) == _files(two)
    differ = [f for f in sorted(_files(one)) if f != "404.html" and not filecmp.cmp(one / f, two / f, shallow=False)]
    assert differ == []
    assert sum(f.endswith(".html") for f in _files(one)) > 200


def test_the_404_pages_language_links_lead_to_the_language_roots(both):
    # One process: static-i18n renders the English 404 page with the language links of the last
    # Chinese page built (a question). The parallel English build has rendered no Chinese page.
    page = (both[1] / "404.html").read_text(encoding="utf-8")
    assert 'href="/" hreflang="zh"' in page and 'href="/en/" hreflang="en"' in page


def test_a_failing_english_build_fails_the_build_without_a_traceback(tmp_path):
    root = copy_project(REPO, tmp_path / "project")
    (root / "docs" / "only-english.en.md").write_text("# Only English\n\n[gone](missing.md)\n", encoding="utf-8")
    result = _build(root)
    assert result.returncode != 0
    assert "a parallel process" in result.stderr and "missing.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(root.glob(".kb-parallel-*"))
