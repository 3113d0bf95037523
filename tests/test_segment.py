"""kb.segment cuts Chinese exactly as jieba and Material's search plugin do, on the real content."""

from __future__ import annotations

import re

import jieba
import pytest
import yaml

from kb import segment
from tests.conftest import REPO

jieba.setLogLevel(60)


def _real_texts() -> list[str]:
    texts = []
    for path in sorted((REPO / "content" / "qa").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for lang in ("zh", "en"):
            for key in ("title", "question", "answer", "analysis"):
                texts.append((data.get(lang) or {}).get(key) or "")
    return texts


def test_every_han_run_of_the_real_content_is_cut_as_jieba_cuts_it():
    runs = {m.group(0) for text in _real_texts() for m in re.finditer(r"[\u3400-\u9fff]+", text)}
    assert len(runs) > 3000
    assert [r for r in sorted(runs) if segment.words(r) != jieba.lcut(r)] == []


def test_search_text_is_what_materials_search_plugin_writes():
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex.__new__(SearchIndex)
    original = getattr(SearchIndex._segment_chinese, "kb_original", SearchIndex._segment_chinese)
    texts = _real_texts() + ["", "only latin", "〇々 混合 mixed 中文-text", "数据倾斜（data skew）：“长尾”"]
    assert [t for t in texts if segment.search_text(t) != original(index, t)] == []


@pytest.mark.parametrize("run", ["类别不平衡", "分布式训练中的数据倾斜"])
def test_words(run):
    assert "".join(segment.words(run)) == run and len(segment.words(run)) > 1


def _separator() -> re.Pattern:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:")[0]
                            .split("\nplugins:")[1].replace("!ENV", ""))
    search = next(p["search"] for p in config if isinstance(p, dict) and "search" in p)
    return re.compile(search["separator"])


def test_without_the_redundant_word_breaks_the_index_splits_into_the_same_words():
    from material.plugins.search.plugin import SearchIndex

    separator = _separator()
    index = SearchIndex.__new__(SearchIndex)
    original = getattr(SearchIndex._segment_chinese, "kb_original", SearchIndex._segment_chinese)
    texts = _real_texts() + ["数据倾斜（data skew）：“长尾”", "GPU显存 与 KV缓存", "<p>中文</p>", "3.5倍", "a.中文"]
    saved = 0
    for text in texts:
        ours, materials = segment.search_text(text, separator), original(index, text)
        assert [t for t in separator.split(ours) if t] == [t for t in separator.split(materials) if t], text
        saved += len(materials) - len(ours)
    assert saved > 10_000  # U+200B characters that separated nothing
