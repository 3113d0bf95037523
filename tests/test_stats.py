"""`kb stats`: counts per category, language coverage, stale translations, entries without references."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.authoring.cli import main
from tests.conftest import DATA

ENTRY = """\
id: {id}
category: {category}
difficulty: 1
frequency: 2
tags: [overfitting]
related: []
references: {refs}
zh:
  title: {id} 的中文标题？
  question: 问题。
  answer: 回答。
"""
EN = """\
en:
  title: The {id} question?
  question: Question.
  answer: Answer.
"""
REF = '[{title: "Attention Is All You Need", url: "https://arxiv.org/abs/1706.03762", year: 2017}]'


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """Five questions: fresh, stale, unstamped and missing translations; two without references."""
    root = tmp_path / "content"
    (root / "qa").mkdir(parents=True)
    for name in ("categories.yml", "tags.yml"):
        shutil.copy(DATA / "content" / name, root / name)
    for qid, category, refs, en in (("alpha", "training", REF, True), ("beta", "training", "[]", True),
                                    ("gamma", "systems", REF, True), ("delta", "systems", REF, False),
                                    ("epsilon", "business", "[]", True)):
        text = ENTRY.format(id=qid, category=category, refs=refs) + (EN.format(id=qid) if en else "")
        (root / "qa" / f"{qid}.yml").write_text(text, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["stamp", "alpha", "beta", "epsilon", "--content", str(root)]).exit_code == 0
    beta = root / "qa/beta.yml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("回答。", "新的回答。"), encoding="utf-8")
    return root


def test_stats_table(content: Path):
    result = CliRunner().invoke(main, ["stats", "--content", str(content)])
    assert result.exit_code == 0, result.output
    assert result.output == """\
category        questions  en ok  en stale  unstamped  untranslated  no refs
--------------  ---------  -----  --------  ---------  ------------  -------
foundations             0      0         0          0             0        0
scaling                 0      0         0          0             0        0
training                2      1         1          0             0        1
generalization          0      0         0          0             0        0
data                    0      0         0          0             0        0
systems                 2      0         0          1             1        0
evaluation              0      0         0          0             0        0
inference               0      0         0          0             0        0
trust                   0      0         0          0             0        0
business                1      1         0          0             0        1
--------------  ---------  -----  --------  ---------  ------------  -------
total                   5      2         1          1             1        2

languages: zh 5/5, en 4/5 (80%); en up to date with zh: 2/5 (40%)
stale translations (1): beta
unstamped translations (1): gamma
untranslated (1): delta
without references (2): beta, epsilon
"""


def test_stats_json(content: Path):
    result = CliRunner().invoke(main, ["stats", "--json", "--content", str(content)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["questions"] == 5
    assert data["coverage"] == {"zh": 5, "en": 4, "en_up_to_date": 2}
    assert data["total"] == {"category": "total", "questions": 5, "without_references": 2,
                             "en": {"fresh": 2, "stale": 1, "unstamped": 1, "missing": 1}}
    assert next(r for r in data["categories"] if r["category"] == "systems") == {
        "category": "systems", "questions": 2, "without_references": 0,
        "en": {"fresh": 0, "stale": 0, "unstamped": 1, "missing": 1}}
    assert (data["stale"], data["unstamped"], data["untranslated"], data["without_references"]) == (
        ["beta"], ["gamma"], ["delta"], ["beta", "epsilon"])
    assert data["unreadable_files"] == 0


def test_stats_counts_what_loads_and_says_what_did_not(content: Path):
    (content / "qa/broken.yml").write_text("id: broken\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", "--content", str(content)])
    assert result.exit_code == 0
    assert result.output.endswith("1 question files could not be read and are not counted; run kb check\n")


def test_stats_on_a_folder_that_is_not_content(tmp_path: Path):
    result = CliRunner().invoke(main, ["stats", "--content", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path} is not a content folder (no categories.yml)\n"


def test_stats_prints_syllabus_coverage_per_area(content_dir: Path):
    (content_dir / "syllabus.yml").write_text("""\
areas:
  - {id: A, zh: 甲, en: Area A, questions: [{id: A1, asked_by: 3, zh: 问一, en: One}, \
{id: A2, asked_by: 2, zh: 问二, en: Two}]}
  - {id: B, zh: 乙, en: Area B, questions: [{id: B1, asked_by: 4, zh: 问三, en: Three}]}
""", encoding="utf-8")
    path = content_dir / "qa/data-skew.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("frequency: 2\n", "frequency: 2\nsyllabus: [A1, B1]\n", 1),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", "--content", str(content_dir)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.split() == ["A", "Area", "A", "1/2", "50%", "A2"] for line in lines), result.output
    assert any(line.split() == ["B", "Area", "B", "1/1", "100%"] for line in lines), result.output
    assert any(line.split() == ["all", "areas", "2/3", "66%"] for line in lines), result.output
    data = json.loads(CliRunner().invoke(main, ["stats", "--json", "--content", str(content_dir)]).output)
    assert [(a["area"], a["covered"], a["missing"]) for a in data["syllabus"]] == [("A", 1, ["A2"]), ("B", 1, [])]
