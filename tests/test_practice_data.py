"""Practice and progress, the build's side: study.json (kb.publish), the practice and mock pages
(kb.render.study), the progress markup of category and question pages, and ts-fsrs copied from node_modules
(kb.vendor). The browser's side is tests/browser/test_practice.py."""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
from pathlib import Path

import pytest

from kb.content.loader import load
from kb.content.schema import Track
from kb.publish import study_data, write_study_data
from kb.render.study import MOCK_PAGE, PRACTICE_PAGE, render_mock, render_practice
from kb.site import build
from kb.vendor import TS_FSRS, VendorError, read_vendored, vendor_assets
from tests.conftest import REPO

TRACK = {"slug": "data-role", "zh": {"name": "数据岗", "description": "数据相关的题目。"},
         "en": {"name": "Data role", "description": "Questions about data."},
         "stages": [{"zh": {"name": "基础"}, "en": {"name": "Basics"}, "questions": ["class-imbalance", "data-skew"]},
                    {"zh": {"name": "进阶"}, "en": {"name": "Further"}, "questions": ["overfitting"]}]}


def with_track(content_dir: Path):
    content, _ = load(content_dir)
    return dataclasses.replace(content, tracks=(Track.model_validate(TRACK),))


def test_study_data_lists_questions_categories_and_tracks_per_language(content_dir: Path):
    data = study_data(with_track(content_dir))
    zh, en = data["zh"], data["en"]
    assert zh["format"] == 1 and zh["question_url"] == "qa/{id}/"
    assert [q["id"] for q in zh["questions"]] == ["class-imbalance", "data-skew", "overfitting"]
    # English lists the translated questions only (class-imbalance is Chinese only), in English words
    assert [q["id"] for q in en["questions"]] == ["data-skew", "overfitting"]
    skew = next(q for q in en["questions"] if q["id"] == "data-skew")
    assert skew == {"id": "data-skew", "title": skew["title"], "category": "systems", "difficulty": skew["difficulty"],
                    "frequency": skew["frequency"], "tracks": ["data-role"]}
    assert skew["title"].isascii() and not next(q for q in zh["questions"] if q["id"] == "data-skew")["title"].isascii()
    assert en["tracks"] == [{"slug": "data-role", "name": "Data role", "description": "Questions about data.",
                             "stages": [{"name": "Basics", "questions": ["data-skew"]},
                                        {"name": "Further", "questions": ["overfitting"]}]}]
    assert zh["tracks"][0]["stages"][0] == {"name": "基础", "questions": ["class-imbalance", "data-skew"]}
    assert [c["slug"] for c in en["categories"]] == [c["slug"] for c in zh["categories"]]
    assert all(c["name"].isascii() for c in en["categories"])
    assert not any(c["name"].isascii() for c in zh["categories"])


def test_study_data_is_written_at_each_language_root(content_dir: Path, tmp_path: Path):
    write_study_data(study_data(with_track(content_dir)), tmp_path)
    assert json.loads((tmp_path / "study.json").read_text(encoding="utf-8"))["questions"][0]["id"] == "class-imbalance"
    assert len(json.loads((tmp_path / "en/study.json").read_text(encoding="utf-8"))["questions"]) == 2


def test_study_data_of_the_real_questions_stays_small():
    content, _ = load(REPO / "content")
    for lang, table in study_data(content).items():
        raw = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode()
        # 15.8 kB (zh) and 13.7 kB (en) gzipped at 307 questions (December 2026): about 52 bytes a question
        assert len(gzip.compress(raw)) < 60 * max(len(table["questions"]), 100), lang


def test_practice_and_mock_pages_in_both_languages_work_without_javascript(content_dir: Path):
    site = build(content_dir)
    for name in (PRACTICE_PAGE, MOCK_PAGE):
        assert f"{name}.md" in site.plan and f"{name}.en.md" in site.plan
    zh = render_practice("zh", site.content).markdown
    en = render_mock("en", site.content).markdown
    assert "练习和模拟面试需要 JavaScript" in zh and '<div class="kb-practice" lang="zh-Hans"></div>' in zh
    assert "need JavaScript" in en and '<div class="kb-mock" lang="en"></div>' in en
    # without JavaScript: a way to every answer, through the categories
    for cat in site.content.categories:
        assert f"(category/{cat.slug}.md)" in zh and f"(category/{cat.slug}.md)" in en
    assert "search:\n  exclude: true" in zh


def test_category_items_and_question_pages_carry_the_progress_markup(content_dir: Path):
    pages = {p.path: p.markdown for p in build(content_dir).pages}
    category = pages["category/data.en.md"]
    assert '<ul class="kb-questions" data-kb-progress="category/data">' in category
    assert '<li data-kb-qid="class-imbalance">' in category
    status = '<div class="kb-study-status" data-kb-qid="data-skew" data-pagefind-ignore></div>'
    assert status in pages["qa/data-skew.md"]
    assert status.replace("data-skew", "overfitting") in pages["qa/overfitting.en.md"]
    assert '<div class="kb-due" lang="en"></div>' in pages["index.en.md"]
    assert "(practice.md)" in pages["index.md"] and "(mock.md)" in pages["index.en.md"]


def _package(root: Path, version: str = "5.4.2", pin: str | None = "5.4.2") -> Path:
    package = root / "node_modules/ts-fsrs"
    (package / "dist").mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"version": version, "homepage": "https://x.example/"}))
    (package / "dist/index.umd.js").write_text("(function(){var FSRS=1;})();\n//# sourceMappingURL=index.umd.js.map\n")
    (root / "package.json").write_text(json.dumps({"dependencies": {"ts-fsrs": pin} if pin else {}}))
    return package


def test_vendored_ts_fsrs_is_the_pinned_bundle_with_its_licence_and_no_source_map(tmp_path: Path):
    _package(tmp_path)
    text = read_vendored(tmp_path, TS_FSRS)
    assert text.startswith("/*! ts-fsrs 5.4.2 | MIT licence | https://x.example/ */\n(function(){")
    assert "sourceMappingURL" not in text
    assert list(vendor_assets(tmp_path)) == ["assets/vendor/ts-fsrs.js"]


def test_a_missing_or_mismatched_install_says_what_to_run(tmp_path: Path):
    (tmp_path / "package.json").write_text('{"dependencies": {"ts-fsrs": "5.4.2"}}')
    with pytest.raises(VendorError, match=r"ts-fsrs is not installed .* run `npm ci --omit=dev --ignore-scripts`"):
        vendor_assets(tmp_path)
    shutil.rmtree(tmp_path / "node_modules", ignore_errors=True)
    _package(tmp_path / "other", version="5.0.0")
    with pytest.raises(VendorError, match=r"node_modules has ts-fsrs 5.0.0, package.json pins 5.4.2"):
        read_vendored(tmp_path / "other", TS_FSRS)


def test_the_repository_pins_ts_fsrs_as_a_dependency_readers_get():
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["ts-fsrs"] == "5.4.2"  # exact: the file readers download does not change
    assert lock["packages"]["node_modules/ts-fsrs"]["version"] == "5.4.2"
    assert not lock["packages"]["node_modules/ts-fsrs"].get("dev")  # `npm ci --omit=dev` installs it
