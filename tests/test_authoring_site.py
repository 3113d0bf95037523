"""The site from an author's side: edit buttons, one-language builds, and `mkdocs serve` with live edits."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kb.mkdocs.edit_links import edit_source
from kb.mkdocs.langmode import files_for
from tests.conftest import DATA, REPO
from tests.sitecheck import copy_project

EDIT = "https://github.com/llm-kb/llm-interview-kb/edit/main/"


def project(root: Path) -> Path:
    """The real mkdocs.yml, hooks, hand-written docs and theme overrides, with the fixture content."""
    return copy_project(REPO, root, DATA / "content")


def mkdocs(root: Path, *args: str, lang: str | None = None, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KB_LANG", None)
    if lang:
        env["KB_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, env=env, capture_output=True,
                          text=True, **kwargs)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = project(tmp_path_factory.mktemp("edit") / "src")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def edit_link(html: str) -> str:
    links = re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"', html)
    edits = [link for link in links if "/edit/" in link]
    assert len(edits) == 1, links
    return edits[0]


@pytest.mark.parametrize(("page", "source"), [
    ("index.html", "content/categories.yml"),
    ("en/index.html", "content/categories.yml"),
    ("tags/index.html", "content/tags.yml"),
    ("en/tags/index.html", "content/tags.yml"),
    ("category/systems/index.html", "content/categories.yml"),
    ("en/category/systems/index.html", "content/categories.yml"),
    ("glossary/index.html", "content/glossary.yml"),
    ("en/glossary/index.html", "content/glossary.yml"),
    ("qa/data-skew/index.html", "content/qa/data-skew.yml"),
    ("en/qa/data-skew/index.html", "content/qa/data-skew.yml"),
    ("contributing/index.html", "docs/contributing.md"),
    ("en/contributing/index.html", "docs/contributing.en.md"),
])
def test_every_edit_button_opens_the_file_the_page_comes_from(built: Path, page: str, source: str):
    html = (built / page).read_text(encoding="utf-8")
    assert edit_link(html) == EDIT + source


def test_edit_source_of_page_meta():
    assert edit_source({"kb": {"kind": "question", "source": "content/qa/a.yml"}}) == "content/qa/a.yml"
    assert edit_source({"kb": {"kind": "home"}}) == "content/categories.yml"
    assert edit_source({"kb": {"kind": "tags"}}) == "content/tags.yml"
    assert edit_source({"title": "Contributing"}) is None


def test_one_language_pages_are_renamed_for_english_only_builds():
    plan = {"qa/a.md": "zh", "qa/a.en.md": "en", "index.md": "zh home", "index.en.md": "en home"}
    assert files_for(plan, None) == plan
    assert files_for(plan, "zh") == {"qa/a.md": "zh", "index.md": "zh home"}
    assert files_for(plan, "en") == {"qa/a.md": "en", "index.md": "en home"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kb_lang_builds_one_language(tmp_path: Path, lang: str):
    root = project(tmp_path / "src")
    result = mkdocs(root, "build", "--strict", lang=lang)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert not list((site / "en").rglob("*.html")) if (site / "en").exists() else True
    html = (site / "qa/data-skew/index.html").read_text(encoding="utf-8")
    title = {"zh": "分布式训练中的数据倾斜是什么？如何处理？",
             "en": "What is data skew in distributed training, and how do you fix it?"}
    assert f"<h1 id=\"question-title\">{title[lang]}" in html
    assert f'<html lang="{lang}"' in html


# --- mkdocs serve ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear at {url} within {timeout} s")


@pytest.fixture
def serve(tmp_path: Path):
    root = project(tmp_path / "src")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KB_LANG", None)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/qa/data-skew/", "</html>", 180)
        yield root, base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_serve_shows_an_edited_question_and_a_new_draft(serve):
    root, base = serve
    path = root / "content/qa/data-skew.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: 分布式训练中的数据倾斜是什么？", "title: 改过的标题：分布式训练中的数据倾斜是什么？", 1),
        encoding="utf-8")
    wait_for(f"{base}/qa/data-skew/", "改过的标题", 120)  # raises after 120 s
    from click.testing import CliRunner

    from kb.authoring.cli import main

    result = CliRunner().invoke(main, ["new", "--content", str(root / "content"), "--id", "gradient-accumulation",
                                       "--category", "training", "--title-zh", "什么是梯度累积？"])
    assert result.exit_code == 0, result.output
    wait_for(f"{base}/qa/gradient-accumulation/", "TODO 先用 1–3 句话直接回答", 120)
    # ...and the same draft fails a real build: TODO lines are never published
    build = mkdocs(root, "build", "--strict", "-d", str(root / "out"))
    assert build.returncode != 0
    assert "placeholder left by `kb new`" in build.stderr
