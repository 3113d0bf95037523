from __future__ import annotations

from kb.render.markdown import Term, escape, link_terms, lint
from kb.site import build


def test_glossary_term_linked_once_inside_chinese_text_not_in_code():
    terms = [Term("kv-cache", ("KV 缓存", "KV cache"), 'stores "keys"')]
    used: set[str] = set()
    out = link_terms("用`KV 缓存`和KV 缓存加速，再次KV 缓存。", terms, "../glossary.md", used)
    assert out == '用`KV 缓存`和[KV 缓存](../glossary.md#kv-cache "stores \\"keys\\"")加速，再次KV 缓存。'
    assert link_terms("KV cache again", terms, "../glossary.md", used) == "KV cache again"


def test_english_terms_match_whole_words_only():
    terms = [Term("moe", ("MoE",), "mixture of experts")]
    assert "](" not in link_terms("MoEs and moebius", terms, "g.md", set())
    assert "[MoE](g.md#moe" in link_terms("an MoE layer", terms, "g.md", set())


def test_escape_neutralises_markdown_in_titles():
    assert escape("a|b [c](d) *e*") == r"a\|b \[c\]\(d\) \*e\*"


def test_lint_allows_code_and_autolinks():
    assert lint("`<div>` and <https://arxiv.org/abs/1706.03762> and a < b", set()) == []


def test_question_page_sections_and_related_notes(content_dir):
    site = build(content_dir)
    pages = {p.path: p.markdown for p in site.pages}
    zh = pages["qa/data-skew.md"]
    en = pages["qa/data-skew.en.md"]
    for text, words in ((zh, ("## 答案 { #answer }", "## 解析 { #analysis }",
                              "## 相关问题 { #related data-pagefind-ignore }",
                              "## 参考资料 { #references data-pagefind-ignore }")),
                        (en, ("## Answer { #answer }", "## Analysis { #analysis }",
                              "## Related questions { #related data-pagefind-ignore }",
                              "## References { #references data-pagefind-ignore }"))):
        for w in words:
            assert w in text
    assert ('<a href="../class-imbalance/">如何处理类别不平衡问题？</a> (Chinese only)'
            '<span class="kb-spoiler"> — Often confused') in en
    assert '<a href="../../glossary/#all-reduce" title="' in en
    assert "kb:\n  id: data-skew" in zh


def test_question_page_shows_provenance_in_words_not_seed_file_names(content_dir):
    """`sources` stay in the YAML for maintainers; readers see where the question came from in words."""
    pages = {p.path: p.markdown for p in build(content_dir).pages}
    zh, en = pages["qa/class-imbalance.md"], pages["qa/class-imbalance.en.md"]
    assert ('<p id="sources" class="kb-provenance" data-pagefind-ignore>'
            "来源：本题整理自本知识库最初收集的面试题笔记（2 条），内容已逐条核对并改写。</p>") in zh
    assert ("Source: compiled from 2 entries of the interview notes this knowledge base started from, "
            "checked and rewritten.</p>") in en
    assert "Source: compiled from an entry of the interview notes" in pages["qa/data-skew.en.md"]
    for path, text in pages.items():
        assert ".txt#" not in text and "{ #sources" not in text, path
    assert "kb-provenance" not in pages["qa/overfitting.md"]  # no sources: no line


def test_pages_are_deterministic(content_dir):
    assert build(content_dir).pages == build(content_dir).pages


def test_category_page_lists_its_questions_by_difficulty(content_dir):
    pages = {p.path: p.markdown for p in build(content_dir).pages}
    assert ('<li data-kb-qid="class-imbalance"><a href="../../qa/class-imbalance/">如何处理类别不平衡问题？</a>'
            in pages["category/data.md"])
    assert "1 question<" in pages["category/data.en.md"]


def test_a_question_does_not_link_its_own_glossary_term_and_the_glossary_links_back(content_dir):
    glossary = content_dir / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + (
        "  - id: data-skew\n"
        "    zh: {term: 数据倾斜, definition: 工作量在各 worker 之间分布不均。}\n"
        "    en: {term: data skew, definition: Work spread unevenly across workers.}\n"), encoding="utf-8")
    pages = {p.path: p.markdown for p in build(content_dir).pages}
    assert "glossary/#data-skew" not in pages["qa/data-skew.md"]
    assert "glossary/#all-reduce" in pages["qa/data-skew.en.md"]  # other terms are still linked
    assert '详见：<a href="../qa/data-skew/">分布式训练中的数据倾斜是什么？如何处理？</a>' in pages["glossary.md"]
    assert ('In depth: <a href="../qa/data-skew/">What is data skew in distributed training, and how do you fix it?</a>'
            in pages["glossary.en.md"])


def _places_by_find(glossary, text):
    """The reference: every case-folded occurrence of every form, one str.find loop per form."""
    folded = text.casefold()
    found = []
    for order, form in enumerate(glossary.folded):
        at = folded.find(form)
        while at != -1:
            found.append((at, order))
            at = folded.find(form, at + 1)
    return sorted(found)


def test_glossary_places_in_one_pass_are_those_of_a_find_per_form():
    from pathlib import Path

    from kb.content.loader import load
    from kb.render.pages import terms_for

    content, _ = load(Path(__file__).resolve().parent.parent / "content")
    checked = 0
    for lang in ("zh", "en"):
        glossary = terms_for(content, lang)
        texts = [getattr(q, lang).answer + (getattr(q, lang).analysis or "") for q in content.questions]
        # Overlapping forms, a form inside another, case folding and a form at the very end of a text.
        texts.append(" ".join(glossary.forms).upper() + " " + glossary.forms[-1])
        for text in texts:
            assert glossary.places(text) == _places_by_find(glossary, text)
            checked += 1
    assert checked > 200


def test_a_folded_form_shared_by_two_terms_is_found_for_both():
    from kb.render.markdown import Glossary

    glossary = Glossary((Term("a", ("LoRA",), "x"), Term("b", ("lora",), "y")))
    assert glossary.places("use LoRA") == _places_by_find(glossary, "use LoRA") == [(4, 0), (4, 1)]


def test_every_interface_label_is_used():
    """Each key of kb.render.labels is looked up somewhere: as a quoted literal in src/, or by a key the code
    builds in a call ``label(lang, f"level{n}")`` (any f-string key), or label()'s own f"{key}_one"."""
    import re
    from pathlib import Path

    from kb.render.labels import LABELS

    src = Path(__file__).parents[1] / "src"
    code = "\n".join(p.read_text(encoding="utf-8") for p in src.rglob("*.py") if p.name != "labels.py")
    # keys the code builds: label(lang, f"progress_{s}") looks up progress_<anything>; label() adds "_one" itself
    dynamic = [rf"{re.escape(a)}\w+{re.escape(b)}"
               for a, b in re.findall(r"""label\(\w+, f["']([a-z_]*)\{[^}]*\}([a-z_]*)["']""", code) if a or b]
    # f"{levels}{i}" names no part of the key: its keys are the level names of pages._filter's callers
    built = re.compile("|".join([r"\w+_one", r"(level|freq)[123]", *dynamic]))
    unused = [key for lang in LABELS for key in LABELS[lang]
              if not built.fullmatch(key) and f'"{key}"' not in code and f"'{key}'" not in code]
    assert unused == []
    assert set(LABELS["zh"]) <= set(LABELS["en"])  # the English table may only add plural and English-only words



def test_level_marks_are_the_spans_kb_js_filters_by():
    """Category lists and question pages build the difficulty and frequency spans with one function."""
    from kb.render.pages import level_mark

    assert level_mark("difficulty", "zh", 2) == '<span class="kb-difficulty" data-level="2">★★☆ 进阶</span>'
    assert level_mark("frequency", "en", 3, ' title="x"') == '<span class="kb-frequency" data-level="3" title="x">' \
                                                              '●●● Very often</span>'


def test_a_question_page_names_its_tags_from_the_table_it_is_given(content_dir):
    """kb.site.plan builds each language's tag names once (pages.tag_names) and every question page of that
    language reads them: the front matter's tags and the page's search words; without a table a page builds it."""
    from kb.checks.links import build_graph
    from kb.content.loader import load
    from kb.render.pages import render_question, tag_names

    content, _ = load(content_dir)
    q = next(q for q in content.questions if q.id == "data-skew")
    graph, _ = build_graph(content.questions)
    names = {slug: f"NAME-{slug}" for slug in tag_names(content, "en")}
    given = render_question(q, "en", content, graph, names=names).markdown
    assert all(given.count(f"NAME-{slug}") == 2 for slug in q.tags)  # front matter and search words
    built = render_question(q, "en", content, graph).markdown
    assert "NAME-" not in built and all(tag_names(content, "en")[slug] in built for slug in q.tags)
