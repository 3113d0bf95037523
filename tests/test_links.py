from __future__ import annotations

from kb.links import build_graph
from kb.schema import Question


def q(qid: str, *related: str) -> Question:
    return Question.model_validate({"id": qid, "category": "data", "difficulty": 1, "related": list(related),
                                    "zh": {"title": qid, "question": qid, "answer": qid}})


def test_two_way_links_have_no_problems_and_backlinks():
    graph, problems = build_graph((q("a", "b"), q("b", "a", "c"), q("c", "b")))
    assert problems == []
    assert graph.incoming["b"] == ("a", "c")
    assert [other.id for other, _ in graph.related("b")] == ["a", "c"]


def test_dangling_self_duplicate_and_one_way_links_are_reported():
    graph, problems = build_graph((q("a", "b", "a", "x", "b"), q("b")))
    kinds = sorted((p.source, p.index, p.target, p.kind) for p in problems)
    assert kinds == [("a", 0, "b", "one-way"), ("a", 1, "a", "self"), ("a", 2, "x", "dangling"),
                     ("a", 3, "b", "duplicate")]
    assert [o.id for o, _ in graph.related("a")] == ["b"]


def test_related_notes_survive_in_the_graph():
    a = Question.model_validate({"id": "a", "category": "data", "difficulty": 1,
                                 "related": [{"id": "b", "zh": "区别", "en": "differs"}],
                                 "zh": {"title": "a", "question": "a", "answer": "a"}})
    graph, _ = build_graph((a, q("b", "a")))
    (_, rel), = graph.related("a")
    assert (rel.zh, rel.en) == ("区别", "differs")
