from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A writable copy of the small fixture content (3 questions, glossary, categories, tags)."""
    target = tmp_path / "content"
    shutil.copytree(DATA / "content", target)
    return target


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A writable MkDocs project: the real mkdocs.yml, hooks and hand-written docs, fixture content."""
    root = tmp_path / "site-src"
    root.mkdir()
    copy_project(root)
    return root


def copy_project(root: Path) -> None:
    """The real mkdocs.yml, hooks, templates and hand-written docs, with the fixture content, into ``root``."""
    from tests.sitecheck import copy_project as copy

    root.rmdir()  # made by the caller; copy_project makes it again
    copy(REPO, root, DATA / "content")
