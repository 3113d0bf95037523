from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent

# Tests that build a whole site, drive Chromium or run an outside checker: `pytest -m "not slow"` leaves them
# out for the inner loop (README), `pytest` runs everything (CI).
SLOW_MODULES = {"browser", "test_site_build", "test_prerender", "test_parallel", "test_integrity", "test_safety",
                "test_authoring_site", "test_workflows", "test_atomic_build", "test_editor_schema", "test_segment"}
SLOW_TESTS = {"test_bad_input_fails_the_build_cleanly", "test_serve_rebuild_with_memos_gives_the_same_site",
              "test_a_dirty_build_shows_an_edited_question", "test_the_example_passes_kb_check",
              "test_python_block_runs_and_prints_its_output", "test_kb_check_loads_no_engine"}


# What the processes of one test run share (pytest-xdist runs tests in several): built sites, their servers.
SHARED, OWNER = "KB_TEST_SHARED", "KB_TEST_OWNER"
_SERVERS = "servers.pid"


def pytest_configure(config):
    """The run's first process makes the shared folder; pytest-xdist's workers inherit its address."""
    if SHARED not in os.environ:
        os.environ[SHARED] = tempfile.mkdtemp(prefix="kb-tests-")
        os.environ[OWNER] = str(os.getpid())


def pytest_unconfigure(config):
    if os.environ.get(OWNER) != str(os.getpid()):
        return  # a worker: the first process stops the servers when every worker is done
    shared = Path(os.environ.pop(SHARED))
    os.environ.pop(OWNER)
    pids = (shared / _SERVERS).read_text().split() if (shared / _SERVERS).exists() else []
    for pid in pids:
        try:
            os.kill(int(pid), signal.SIGTERM)
        except ProcessLookupError:
            pass
    shutil.rmtree(shared, ignore_errors=True)


def shared_folder() -> Path:
    return Path(os.environ[SHARED])


def run_owner() -> int:
    return int(os.environ[OWNER])


def record_server(pid: int) -> None:
    with (Path(os.environ[SHARED]) / _SERVERS).open("a") as out:
        out.write(f"{pid}\n")


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = Path(str(item.fspath)).relative_to(REPO / "tests").with_suffix("").parts
        if (parts[0] in SLOW_MODULES or item.originalname in SLOW_TESTS
                or (item.originalname or "").startswith("test_real")):
            item.add_marker(pytest.mark.slow)


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
