"""kb.checks.segment cuts Chinese exactly as jieba does, on the real content."""

from __future__ import annotations

import re

import jieba
import pytest
import yaml

from kb.checks import segment
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


@pytest.mark.parametrize("run", ["类别不平衡", "分布式训练中的数据倾斜"])
def test_words(run):
    assert "".join(segment.words(run)) == run and len(segment.words(run)) > 1
