"""Per-language search indexes, random-question lists, hreflang and structured data: the pure parts."""

from __future__ import annotations

import json
from pathlib import Path

from kb.loader import load
from kb.publish import random_lists, split_search_index, write_search_indexes
from kb.seo import absolute, alternates, faq_jsonld, plain_text
from kb.site import build


def _index(site: Path, docs: list[dict]) -> None:
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / "search/search_index.json").write_text(json.dumps({"config": {"lang": ["zh", "en"]}, "docs": docs}))


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_merged_index_is_split_with_locations_relative_to_each_language_root(tmp_path: Path):
    _index(tmp_path, [{"location": "", "title": "首页"}, {"location": "qa/a/", "title": "甲"},
                      {"location": "en/", "title": "Home"}, {"location": "en/qa/a/#answer", "title": "A"}])
    assert split_search_index(tmp_path)
    zh, en = _read(tmp_path / "search/search_index.json"), _read(tmp_path / "en/search/search_index.json")
    assert [d["location"] for d in zh["docs"]] == ["", "qa/a/"]
    assert [d["location"] for d in en["docs"]] == ["", "qa/a/#answer"]
    assert zh["config"] == en["config"] == {"lang": ["zh", "en"]}
    assert "首页" in (tmp_path / "search/search_index.json").read_text(encoding="utf-8")  # not \\u9996


def test_split_is_idempotent_and_skips_a_single_language_index(tmp_path: Path):
    _index(tmp_path, [{"location": "", "title": "首页"}, {"location": "en/", "title": "Home"}])
    assert split_search_index(tmp_path)
    before = (tmp_path / "en/search/search_index.json").read_text(encoding="utf-8")
    assert not split_search_index(tmp_path)  # the root index now holds zh only
    assert (tmp_path / "en/search/search_index.json").read_text(encoding="utf-8") == before


def test_an_english_only_index_goes_to_the_english_root(tmp_path: Path):
    _index(tmp_path, [{"location": "en/", "title": "Home"}])  # KB_LANG=en, or static-i18n's nested build
    assert split_search_index(tmp_path)
    assert _read(tmp_path / "en/search/search_index.json")["docs"] == [{"location": "", "title": "Home"}]


def test_random_lists_hold_translated_questions_per_language(content_dir: Path):
    content, _ = load(content_dir)
    lists = random_lists(content)
    assert lists["zh"] == ["qa/class-imbalance/", "qa/data-skew/", "qa/overfitting/"]
    assert lists["en"] == ["qa/data-skew/", "qa/overfitting/"]


def test_alternates_are_absolute_with_x_default():
    site = "https://example.org/kb/"
    assert absolute(site, "en/qa/a/") == "https://example.org/kb/en/qa/a/"
    assert absolute(site, "/kb/en/") == "https://example.org/kb/en/"  # static-i18n's language roots
    assert absolute(site, "/kb/") == "https://example.org/kb/"
    assert absolute("https://example.org", "./") == "https://example.org/"
    assert alternates(site, [{"lang": "zh", "link": "qa/a/"}, {"lang": "en", "link": "en/qa/a/"}]) == [
        {"lang": "zh", "href": "https://example.org/kb/qa/a/"},
        {"lang": "en", "href": "https://example.org/kb/en/qa/a/"},
        {"lang": "x-default", "href": "https://example.org/kb/qa/a/"},
    ]


def test_structured_data_is_plain_text_and_cannot_close_its_script_element():
    faq = {"lang": "en", "question": "Why </script><b>?", "answer": plain_text("**Bold** `code` and [a link](https://x.org).")}
    text = faq_jsonld(faq, "Q & A", "https://example.org/qa/x/")
    assert "</script>" not in text and "<" not in text
    data = json.loads(text)
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Bold code and a link."
    assert data["mainEntity"][0]["text"] == "Why </script><b>?"
    assert data["name"] == "Q & A" and data["inLanguage"] == "en"


def test_question_pages_show_aliases_and_carry_the_reader_controls(content_dir: Path):
    pages = {p.path: p.markdown for p in build(content_dir).pages}
    zh, en = pages["qa/data-skew.md"], pages["qa/data-skew.en.md"]
    assert '<p class="kb-aliases">又称：负载不均衡</p>' in zh
    assert '<p class="kb-aliases">Also known as: load imbalance</p>' in en
    assert '<div class="kb-mode" lang="en" data-hide="Hide answers (answer first yourself)"' in en
    assert '<div class="kb-random" lang="zh-Hans" data-label="随机一题"></div>' in zh
    assert "faq:\n    lang: en\n    question: In distributed training" in en
    untranslated = pages["qa/class-imbalance.en.md"]
    assert "faq:\n    lang: zh-Hans" in untranslated
    assert '<p class="kb-aliases">Also known as: 数据不平衡、样本不均衡</p>' in untranslated


def test_search_indexes_are_written_per_language_root_as_the_plugin_would_dump_them(tmp_path: Path):
    settings = {"lang": ["en", "zh"], "separator": "[\\s]+", "pipeline": [], "fields": {}}
    docs = [{"location": "", "title": "首页", "text": "<p>\u200b数据\u2028</p>"}, {"location": "en/qa/a/#x", "title": "A"},
            {"location": "qa/a/", "title": "甲", "tags": ["标签"]}]
    assert write_search_indexes(settings, docs, tmp_path) == ["zh", "en"]
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    zh = (tmp_path / "search/search_index.json").read_text(encoding="utf-8")
    assert zh == json.dumps({"config": settings, "docs": [docs[0], docs[2]]}, **compact)
    en = (tmp_path / "en/search/search_index.json").read_text(encoding="utf-8")
    assert en == json.dumps({"config": settings, "docs": [{"location": "qa/a/#x", "title": "A"}]}, **compact)


def test_a_forked_build_of_one_language_writes_no_root_index(tmp_path: Path):
    assert write_search_indexes({}, [{"location": "en/", "title": "Home"}], tmp_path) == ["en"]
    assert not (tmp_path / "search/search_index.json").exists()
    assert write_search_indexes({}, [], tmp_path / "empty") == ["zh"]
    assert _read(tmp_path / "empty/search/search_index.json") == {"config": {}, "docs": []}
