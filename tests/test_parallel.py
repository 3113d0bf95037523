"""`mkdocs build` builds English in a forked process (kb.mkdocs.parallel): the same site as one process builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.sitecheck import build_site, copy_project, differing_files, files, shared_builds
from tests.test_integrity import DEPLOYED


@pytest.fixture(scope="module")
def both() -> tuple[Path, Path]:
    """The real project built in one process, and as `mkdocs build` builds it (tests/test_integrity.py's build)."""
    built = shared_builds({"deployed-one-process": {**DEPLOYED, "KB_PARALLEL": "0"}, "deployed": DEPLOYED})
    for site in built.values():
        assert not list(site.parent.glob(".kb-parallel-*")), "the child's folder is removed"
    return built["deployed-one-process"], built["deployed"]


def test_the_parallel_build_writes_the_same_site(both):
    one, two = both
    assert files(one) == files(two)
    assert [f for f in differing_files(one, two) if f != "404.html"] == []
    assert sum(f.endswith(".html") for f in files(one)) > 200


def test_the_404_pages_language_links_lead_to_the_language_roots(both):
    # One process: static-i18n renders the English 404 page with the language links of the last
    # Chinese page built (a question). The parallel English build has rendered no Chinese page.
    page = (both[1] / "404.html").read_text(encoding="utf-8")
    assert 'href="/interview/" hreflang="zh"' in page and 'href="/interview/en/" hreflang="en"' in page


def test_a_failing_english_build_fails_the_build_without_a_traceback(tmp_path):
    root = copy_project(REPO, tmp_path / "project")
    (root / "docs" / "only-english.en.md").write_text("# Only English\n\n[gone](missing.md)\n", encoding="utf-8")
    result = build_site(root)
    assert result.returncode != 0
    assert "a parallel process" in result.stderr and "missing.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(root.glob(".kb-parallel-*"))
