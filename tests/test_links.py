from __future__ import annotations

from kb.checks.links import build_graph
from kb.content.schema import Question


def q(qid: str, *related: str) -> Question:
    return Question.model_validate({"id": qid, "category": "data", "difficulty": 1, "frequency": 2,
                                    "related": list(related), "zh": {"title": qid, "question": qid, "answer": qid}})


def test_two_way_links_have_no_problems_and_backlinks():
    graph, problems = build_graph((q("a", "b"), q("b", "a", "c"), q("c", "b")))
    assert problems == []
    assert graph.incoming["b"] == ("a", "c")
    assert [other.id for other, _ in graph.related("b")] == ["a", "c"]


def test_a_link_written_once_shows_on_both_pages_with_the_declared_note():
    a = Question.model_validate({"id": "a", "category": "data", "difficulty": 1, "frequency": 2,
                                 "related": [{"id": "b", "zh": "区别", "en": "differs"}],
                                 "zh": {"title": "a", "question": "a", "answer": "a"}})
    graph, problems = build_graph((a, q("b", "c"), q("c")))
    assert problems == []
    # b's own link first, then the reverse link from a, with a's note
    assert [(o.id, r.en) for o, r in graph.related("b")] == [("c", None), ("a", "differs")]
    assert [o.id for o, _ in graph.related("c")] == ["b"]


def test_both_sides_written_shows_each_page_its_own_note():
    a = Question.model_validate({"id": "a", "category": "data", "difficulty": 1, "frequency": 2,
                                 "related": [{"id": "b", "en": "from a"}],
                                 "zh": {"title": "a", "question": "a", "answer": "a"}})
    b = Question.model_validate({"id": "b", "category": "data", "difficulty": 1, "frequency": 2,
                                 "related": [{"id": "a", "en": "from b"}],
                                 "zh": {"title": "b", "question": "b", "answer": "b"}})
    graph, _ = build_graph((a, b))
    assert [(o.id, r.en) for o, r in graph.related("a")] == [("b", "from a")]
    assert [(o.id, r.en) for o, r in graph.related("b")] == [("a", "from b")]


def test_dangling_self_and_duplicate_links_are_reported():
    graph, problems = build_graph((q("a", "b", "a", "x", "b"), q("b")))
    kinds = sorted((p.source, p.index, p.target, p.kind) for p in problems)
    assert kinds == [("a", 1, "a", "self"), ("a", 2, "x", "dangling"), ("a", 3, "b", "duplicate")]
    assert [o.id for o, _ in graph.related("a")] == ["b"]
    assert [o.id for o, _ in graph.related("b")] == ["a"]


def test_a_hub_lists_ten_with_notes_and_the_rest_by_title():
    hub = q("hub")
    others = [q(f"q{i:02d}", "hub") for i in range(13)]
    graph, problems = build_graph((hub, *others))
    listed, more = graph.listed("hub")
    assert problems == [] and len(listed) == 10
    assert [o.id for o in more] == ["q10", "q11", "q12"]
    own = q("own", *[f"q{i:02d}" for i in range(12)])  # an author's own links are all listed
    graph, _ = build_graph((own, *others))
    assert len(graph.listed("own")[0]) == 12 and graph.listed("own")[1] == ()
