"""One real `mkdocs build --strict` of the fixture site, checked as built HTML."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitecheck import broken_links, pages

MKDOCS = [sys.executable, "-m", "mkdocs"]


def build(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*MKDOCS, "build", "--strict"], cwd=root, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from tests.conftest import DATA, REPO
    from tests.sitecheck import copy_project

    root = copy_project(REPO, tmp_path_factory.mktemp("site") / "src", DATA / "content")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return root / "site"


def test_one_page_per_question_category_and_language(built: Path):
    got = pages(built)
    for lang in ("", "en/"):
        for qid in ("data-skew", "class-imbalance", "overfitting"):
            assert f"{lang}qa/{qid}/index.html" in got
        for cat in ("systems", "data", "generalization", "foundations"):
            assert f"{lang}category/{cat}/index.html" in got
        for page in ("index.html", "tags/index.html", "glossary/index.html", "contributing/index.html"):
            assert f"{lang}{page}" in got


def test_every_internal_link_and_anchor_resolves(built: Path):
    assert broken_links(built) == []


def test_related_links_stay_in_the_readers_language(built: Path):
    html = (built / "en/qa/data-skew/index.html").read_text(encoding="utf-8")
    assert 'href="../class-imbalance/"' in html  # relative: /en/qa/class-imbalance/
    assert "Often confused with it" in html
    zh = (built / "qa/data-skew/index.html").read_text(encoding="utf-8")
    assert "名字相近但不是同一个问题" in zh


def test_language_switcher_lands_on_the_same_question(built: Path):
    zh = (built / "qa/data-skew/index.html").read_text(encoding="utf-8")
    en = (built / "en/qa/data-skew/index.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' in zh and "en/qa/data-skew/" in zh
    assert 'hreflang="zh"' in en and "qa/data-skew/" in en


def test_untranslated_question_is_reachable_in_english_with_a_notice(built: Path):
    html = (built / "en/qa/class-imbalance/index.html").read_text(encoding="utf-8")
    assert "Translation pending" in html
    assert "如何处理类别不平衡问题" in html
    assert 'lang="zh-Hans"' in html


def test_edit_button_opens_the_yaml_source(built: Path):
    html = (built / "en/qa/data-skew/index.html").read_text(encoding="utf-8")
    assert "/edit/main/content/qa/data-skew.yml" in html


def test_stable_anchors_are_the_same_in_both_languages(built: Path):
    for lang in ("", "en/"):
        html = (built / f"{lang}qa/data-skew/index.html").read_text(encoding="utf-8")
        for anchor in ("answer", "analysis", "related", "references", "sources"):
            assert f'id="{anchor}"' in html


def test_built_page_names_no_seed_file(built: Path):
    """The seed file ids of `sources` are for maintainers: a reader sees the provenance in words."""
    for lang, words in (("", "来源：本题整理自本知识库最初收集的面试题笔记（1 条）"),
                        ("en/", "Source: compiled from an entry of the interview notes")):
        html = (built / f"{lang}qa/data-skew/index.html").read_text(encoding="utf-8")
        assert words in html
        assert "000_938f91403b1b3bfb" not in html and ".txt#" not in html


def test_the_build_writes_one_search_index_per_language(built: Path):
    entry = json.loads((built / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert pages == {"zh": 3, "en": 3}  # the question pages of the fixture, nothing else
    assert not (built / "search").exists()  # Material's lunr index is gone


def test_invalid_content_fails_the_build_without_traceback_or_output(site_dir: Path):
    (site_dir / "content/qa/overfitting.yml").write_text("id: overfitting\ncategory: nowhere\n", encoding="utf-8")
    result = build(site_dir)
    assert result.returncode != 0
    assert "content/qa/overfitting.yml" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site_dir / "site").exists()


def test_navigation_titles_are_real_titles_on_every_page(built: Path):
    import re

    for page in sorted(built.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for nav in re.findall(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S):
            texts = [re.sub(r"<[^>]+>|\s+", " ", t).strip()
                     for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)]
            assert texts, page
            assert "None" not in texts and "" not in texts, (page, texts)


def test_a_dirty_build_shows_an_edited_question(site_dir: Path):
    # --dirty rebuilds only pages whose source file is newer than their HTML: the generated pages
    # are written to docs/ before MkDocs compares them.
    assert build(site_dir).returncode == 0
    question = site_dir / "content/qa/data-skew.yml"
    question.write_text(question.read_text(encoding="utf-8").replace("数据倾斜指工作量", "数据偏斜指工作量", 1),
                        encoding="utf-8")
    result = subprocess.run([*MKDOCS, "build", "--dirty", "--no-strict"], cwd=site_dir, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "数据偏斜指工作量" in (site_dir / "site/qa/data-skew/index.html").read_text(encoding="utf-8")
    assert (site_dir / "docs/qa/data-skew.md").exists()


def test_the_theme_overrides_build_without_the_hook(site_dir: Path):
    # scripts/benchmark.py builds the generated Markdown with the hook removed: the templates in
    # overrides/ must not need what the hook gives them (kb.mkdocs.glue.install_templates).
    config = site_dir / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n  - hooks/generate.py\n", ""), encoding="utf-8")
    assert "hooks/generate.py" not in config.read_text(encoding="utf-8")
    # Not strict: without the hook there are no generated pages (static-i18n warns: no home page).
    result = subprocess.run([*MKDOCS, "build", "--no-strict"], cwd=site_dir, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    page = (site_dir / "site/contributing/index.html").read_text(encoding="utf-8")
    assert 'class="md-nav md-nav--primary"' in page and "<use href=" not in page


def test_every_icon_a_page_shows_is_in_the_sprite(built: Path):
    # kb.mkdocs.icons: pages reference theme icons in assets/kb-icons.svg; a missing symbol is an invisible icon.
    import re

    sprite = (built / "assets/kb-icons.svg").read_text(encoding="utf-8")
    symbols = set(re.findall(r'<symbol id="([^"]+)" viewBox="[^"]+">', sprite))
    used: set[str] = set()
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'<use href="([^"]+)"', html):
            path, _, ident = href.partition("#")
            assert ((page.parent / path).resolve() == (built / "assets/kb-icons.svg").resolve()
                    or path.startswith("/")), (page, href)
            used.add(ident)
    assert used and used <= symbols
    assert len(used) >= 10  # logo, menu, palette, language, search, repository, edit, back to top, ...


def test_the_sites_own_scripts_and_styles_are_minified_and_docs_keeps_them_as_written(built: Path):
    # kb.mkdocs.assets: readers download docs/assets/*.js and *.css without comments and indentation.
    from kb.mkdocs.assets import minify

    docs = built.parent / "docs"
    sources = sorted(p for p in (docs / "assets").iterdir() if p.suffix in (".js", ".css"))
    assert {p.name for p in sources} >= {"kb.js", "kb-head.js", "kb.css"}
    for source in sources:
        text = source.read_text(encoding="utf-8")
        shipped = (built / "assets" / source.name).read_bytes().decode("utf-8")
        assert shipped == minify(f"assets/{source.name}", text), source.name
        assert len(shipped) < 0.8 * len(text), source.name
        assert "/*" in text and "/*" not in shipped.replace("/*!", ""), source.name
    assert "function kbPalette" in (built / "assets/kb-head.js").read_text(encoding="utf-8")


def test_pages_call_the_colour_scheme_script_instead_of_carrying_it(built: Path):
    # overrides/partials/javascripts/palette.html: Material's 0.7 kB inline script is kbPalette in kb-head.js.
    for page in [built / "qa/data-skew/index.html", built / "en/index.html", built / "404.html"]:
        html = page.read_text(encoding="utf-8")
        assert "<script>window.kbPalette&&kbPalette()</script>" in html and '__md_get("__palette")' not in html


def test_practice_data_and_the_fsrs_library_are_in_the_built_site(built: Path):
    # kb.publish.study_data at each language root; ts-fsrs copied from node_modules (kb.vendor), never a CDN
    assert [q["id"] for q in json.loads((built / "study.json").read_text(encoding="utf-8"))["questions"]] == [
        "class-imbalance", "data-skew", "overfitting"]
    assert len(json.loads((built / "en/study.json").read_text(encoding="utf-8"))["questions"]) == 2
    fsrs = (built / "assets/vendor/ts-fsrs.js").read_text(encoding="utf-8")
    assert fsrs.startswith("/*! ts-fsrs 5.4.2 | MIT licence") and "global.FSRS" in fsrs
    for page in ("practice/index.html", "en/practice/index.html", "mock/index.html", "en/mock/index.html"):
        assert 'class="kb-study-nojs"' in (built / page).read_text(encoding="utf-8")


def test_a_missing_fsrs_install_fails_the_build_with_what_to_run(site_dir: Path):
    (site_dir / "node_modules").unlink()
    (site_dir / "node_modules").mkdir()
    result = build(site_dir)
    assert result.returncode != 0
    assert "ts-fsrs is not installed" in result.stderr and "npm ci --omit=dev --ignore-scripts" in result.stderr
    assert "Traceback" not in result.stderr
