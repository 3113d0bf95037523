"""`kb check`: near-duplicate questions, TODO placeholders, GitHub annotations, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.authoring.cli import main
from kb.checks.editorial import duplicates
from kb.content.loader import load
from kb.content.report import github_line
from kb.content.errors import ContentError
from kb.checks.similar import Names, core, key, near_duplicates
from tests.conftest import REPO

QUESTION = """\
id: {id}
category: systems
difficulty: 2
tags: [distributed-training]
related: {related}
zh:
  title: {zh}
  question: 问题。
  answer: 回答。
frequency: 2
"""


def add(content_dir: Path, qid: str, zh: str, related: str = "[]") -> Path:
    path = content_dir / "qa" / f"{qid}.yml"
    path.write_text(QUESTION.format(id=qid, zh=zh, related=related), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of ``path`` that contains ``text``."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line)


def check(content_dir: Path, *args: str):
    return CliRunner().invoke(main, ["check", "--content", str(content_dir), *args])


# --- near-duplicates -----------------------------------------------------------------------------

def test_a_repeated_question_is_flagged_with_the_existing_id(content_dir: Path):
    add(content_dir, "load-imbalance", "如何处理分布式训练中的数据倾斜问题？")
    result = check(content_dir)
    assert result.exit_code == 1
    assert ("error: content/qa/load-imbalance.yml:7: zh.title: repeats 'data-skew' (content/qa/data-skew.yml): "
            "'如何处理分布式训练中的数据倾斜问题？' ~ '分布式训练中的数据倾斜是什么？如何处理？' (similarity 1.00); "
            "merge them into one question, or, if they are different questions, make the titles say how they "
            "differ or link them in `related` (on either page) with a note on the difference") in result.output
    line = line_of(content_dir / "qa/data-skew.yml", "  title: 分布式训练中的数据倾斜")
    assert f"error: content/qa/data-skew.yml:{line}: zh.title: repeats 'load-imbalance'" in result.output


def test_a_title_that_is_another_questions_alias_is_flagged(content_dir: Path):
    add(content_dir, "what-is-load-imbalance", "什么是负载不均衡？")  # an alias of data-skew
    out = check(content_dir).output
    assert ("error: content/qa/what-is-load-imbalance.yml:7: zh.title: repeats 'data-skew' (content/qa/data-skew.yml), "
            "which lists '负载不均衡' as an alias") in out
    line = line_of(content_dir / "qa/data-skew.yml", "  aliases: [负载不均衡")
    assert (f"error: content/qa/data-skew.yml:{line}: zh.aliases[0]: alias '负载不均衡' is the title of "
            "'what-is-load-imbalance' (content/qa/what-is-load-imbalance.yml): '什么是负载不均衡？'") in out


def test_the_same_title_is_an_error_even_when_linked(content_dir: Path):
    add(content_dir, "overfitting-2", "什么是过拟合？", related="[overfitting]")
    out = check(content_dir).output
    assert ("error: content/qa/overfitting-2.yml:7: zh.title: same title as 'overfitting' "
            "(content/qa/overfitting.yml); merge the two questions or make each title say what it asks") in out


def test_similar_questions_that_link_each_other_are_accepted(content_dir: Path):
    add(content_dir, "skew-in-data-loading", "分布式训练的数据倾斜怎么解决？")
    assert "repeats 'data-skew'" in check(content_dir).output
    # one side is enough
    add(content_dir, "skew-in-data-loading", "分布式训练的数据倾斜怎么解决？", related="[data-skew]")
    assert "repeats" not in check(content_dir).output


def test_different_questions_on_one_topic_are_not_flagged(content_dir: Path):
    add(content_dir, "vanishing-gradients", "什么是梯度消失？如何解决？")
    add(content_dir, "exploding-gradients", "什么是梯度爆炸？如何处理？")
    add(content_dir, "skew-metrics", "如何监控各个 rank 的吞吐和等待时间？")
    out = check(content_dir).output
    assert "repeats" not in out and "same title" not in out


def test_the_real_content_has_no_near_duplicates():
    content, errors = load(REPO / "content")
    assert duplicates(content) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("什么是梯度消失？如何解决？", {"梯度", "消失"}),
    ("如何保证大模型训练的稳定性？", {"稳定性"}),
    ("常用优化器有哪些？SGD、Adam、AdamW 有什么区别？", {"优化", "sgd", "adam", "adamw"}),
    ("What are vanishing gradients, and how do you fix them?", {"vanish", "gradient"}),
    ("Why a learning-rate warm-up (warmup)?", {"warmup", "learningrate"}),
])
def test_title_keys_keep_only_the_words_that_identify_the_question(text: str, expected: set[str]):
    assert key(text) == expected


def test_core_strips_question_phrasing():
    assert core("什么是 LoRA？") == core("What is LoRA?") == "lora"
    assert core("如何评估和提升大模型的泛化能力？") == "泛化"


def test_near_duplicates_of_thousands_of_distinct_titles_are_none():
    # its time at 3,000 questions is in scripts/benchmark.py (kb check), not asserted here
    import random

    rng = random.Random(1)
    words = [f"word{n}x" for n in range(4000)]
    names = [Names(f"q{i}", "en", "What is " + " ".join(rng.sample(words, rng.randint(2, 5))) + "?")
             for i in range(3000)]
    assert near_duplicates(names) == []


# --- TODO placeholders ---------------------------------------------------------------------------

def test_todo_lines_anywhere_in_the_text_are_errors(content_dir: Path):
    path = content_dir / "qa/overfitting.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("可用早停和正则化缓解。\n", "可用早停和正则化缓解。\n\n    TODO 补充一个例子\n")
    path.write_text(text, encoding="utf-8")
    out = check(content_dir).output
    line = line_of(path, "TODO 补充一个例子")
    assert (f"error: content/qa/overfitting.yml:{line}: zh.answer: placeholder left by `kb new` or `kb import`: "
            "'TODO 补充一个例子'; write this part, then delete the TODO line") in out


def test_todo_inside_a_sentence_is_not_a_placeholder(content_dir: Path):
    path = content_dir / "qa/overfitting.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("可用早停", "（不是 TODO 列表）可用早停"),
                    encoding="utf-8")
    assert "placeholder" not in check(content_dir).output


def test_drafts_are_warnings_only_when_asked(content_dir: Path):
    from kb.content.errors import ContentErrors
    from kb.site import build

    path = content_dir / "qa/overfitting.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  answer: |\n", "  answer: |\n    TODO 写完\n", 1),
                    encoding="utf-8")
    with pytest.raises(ContentErrors, match="placeholder left by `kb new`"):
        build(content_dir)
    site = build(content_dir, drafts=True)
    assert any("placeholder" in w.message for w in site.warnings)
    assert any(p.path == "qa/overfitting.md" and "TODO 写完" in p.markdown for p in site.pages)


def test_a_draft_is_known_by_its_kind_not_its_wording(content_dir: Path):
    """is_draft reads ContentError.kind, set where the TODO problem is made; a message that merely starts with
    the same words is not a draft, and the draft keeps its kind (and its printed line) as a warning."""
    from kb.checks.editorial import DRAFT_MESSAGE, is_draft, placeholders
    from kb.content.errors import DRAFT

    path = content_dir / "qa/overfitting.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  answer: |\n", "  answer: |\n    TODO 写完\n", 1),
                    encoding="utf-8")
    content, _ = load(content_dir)
    q = next(q for q in content.questions if q.id == "overfitting")
    [todo] = placeholders(q, "content/qa/overfitting.yml", None)
    assert is_draft(todo) and todo.kind == DRAFT
    assert todo.as_warning().kind == DRAFT and todo.as_warning().format() == todo.format()
    lookalike = ContentError(todo.path, todo.line, todo.field, f"{DRAFT_MESSAGE}: not really")
    assert not is_draft(lookalike)


def test_a_link_written_on_one_page_builds_but_a_dangling_link_does_not(content_dir: Path):
    from kb.content.errors import ContentErrors
    from kb.site import build

    add(content_dir, "new-one", "一个新的问题？", related="[data-skew]")  # data-skew does not link back
    site = build(content_dir)
    assert "new-one" in {q.id for q, _ in site.graph.related("data-skew")}
    add(content_dir, "new-one", "一个新的问题？", related="[nowhere]")
    with pytest.raises(ContentErrors, match="links to 'nowhere', which does not exist"):
        build(content_dir, drafts=True)


def test_unknown_names_get_the_closest_known_one(content_dir: Path):
    add(content_dir, "new-one", "一个新的问题？", related="[data-skw]")
    path = content_dir / "qa/new-one.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("category: systems", "category: sytems"), encoding="utf-8")
    out = check(content_dir).output
    assert "links to 'data-skw', which does not exist (did you mean 'data-skew'?)" in out
    assert "unknown category 'sytems' (did you mean 'systems'?)" in out


# --- output formats and exit codes ---------------------------------------------------------------

def test_github_format_prints_annotations(content_dir: Path):
    path = content_dir / "qa/overfitting.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  answer: |\n", "  answer: |\n    TODO 写完\n", 1),
                    encoding="utf-8")
    result = check(content_dir, "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    line = line_of(path, "TODO 写完")
    assert lines[0] == (f"::error file=content/qa/overfitting.yml,line={line},title=kb check%3A zh.answer::"
                        "placeholder left by `kb new` or `kb import`: 'TODO 写完'; "
                        "write this part, then delete the TODO line")
    assert lines[1] == ("::warning file=content/qa/class-imbalance.yml,title=kb check%3A en::"
                        "not translated yet (the English page shows the Chinese text)")
    assert "what each error means" not in result.output


def test_github_line_escapes_what_github_would_misread():
    problem = ContentError("content/qa/a,b.yml", 4, "zh.answer", "50% done\nsecond line", "warning")
    assert github_line(problem) == ("::warning file=content/qa/a%2Cb.yml,line=4,title=kb check%3A zh.answer::"
                                    "50%25 done%0Asecond line")
    assert github_line(ContentError("content/tags.yml", None, "", "file is missing")) == (
        "::error file=content/tags.yml,title=kb check::file is missing")


def test_exit_codes(content_dir: Path):
    assert check(content_dir).exit_code == 0  # warnings (untranslated) only
    assert check(content_dir, "--strict").exit_code == 1
    assert check(content_dir, "--format", "xml").exit_code == 2
    add(content_dir, "broken", "坏的问题？", related="[nowhere]")
    result = check(content_dir)
    assert result.exit_code == 1
    assert result.output.rstrip().endswith(
        "what each error means: docs/contributing.en.md#errors (中文: docs/contributing.md#errors)")


def test_missing_modeline_is_a_warning(content_dir: Path):
    out = check(content_dir).output
    assert ("warning: content/qa/data-skew.yml:1: first line is not the editor modeline "
            "'# yaml-language-server: $schema=../../schema/question.schema.json'; "
            "run `kb schema --add-modelines`") in out


def test_the_real_content_passes_kb_check():
    result = CliRunner().invoke(main, ["check", "--content", str(REPO / "content")])
    assert result.exit_code == 0, result.output
    assert "modeline" not in result.output


# --- LaTeX and editorial standards ----------------------------------------------------------------

def test_latex_is_an_error_but_dollars_and_code_are_not(content_dir: Path):
    path = content_dir / "qa/overfitting.yml"
    text = path.read_text(encoding="utf-8").replace("  answer: |\n", (
        "  answer: |\n    损失为 $L = \\sum_i \\ell_i$。\n    价格 $5 到 $10 不是公式。\n    代码 `$x^2$` 可以。\n"), 1)
    path.write_text(text, encoding="utf-8")
    out = check(content_dir).output
    line = line_of(path, "损失为")
    assert (f"error: content/qa/overfitting.yml:{line}: zh.answer: LaTeX '$L = \\\\sum_i \\\\ell_i$' is not rendered; "
            "write the formula in a code span or in plain Unicode (`C ≈ 6·N·D`, O(n²))") in out
    assert out.count("LaTeX") == 1


def test_editorial_standards_are_warnings(content_dir: Path):
    add(content_dir, "lonely", "一个孤立的问题" + "很" * 52 + "长？")
    path = content_dir / "qa/lonely.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("tags: [distributed-training]", "tags: []"),
                    encoding="utf-8")
    result = check(content_dir)
    assert result.exit_code == 0
    out = result.output
    assert "warning: content/qa/lonely.yml:4: tags: 0 tags; use 1 to 4 from content/tags.yml" in out
    assert ("warning: content/qa/lonely.yml:5: related: the page shows 0 related questions; link at least 2 "
            "(here or from the other page), each with a zh and an en note on how they relate") in out
    assert "warning: content/qa/lonely.yml:7: zh.title: title is 61 characters long; keep it to 60" in out
    line = line_of(content_dir / "qa/data-skew.yml", "  - id: overfitting")
    assert (f"warning: content/qa/data-skew.yml:{line}: related[1]: no zh and no en note; "
            "say in a few words how 'overfitting' relates to this question") in out
