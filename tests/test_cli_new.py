"""`kb new`: scaffold a question, never overwrite, prompt only in a terminal, and what `kb check` says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import kb.authoring.new
from kb.authoring.cli import main

EXPECTED = """\
# yaml-language-server: $schema=../../schema/question.schema.json
id: gradient-accumulation
category: training
difficulty: 2  # 1 = basic, 2 = intermediate, 3 = advanced
frequency: 2  # how often interviews ask it: 1 rarely, 2 often, 3 almost always
syllabus: []  # ids from content/syllabus.yml whose home page this is, e.g. [B2]
tags: [optimization, gradients]  # 1 to 4 slugs from content/tags.yml
# 2 to 5 related questions, each written once: the other page shows the link too.
related: []
#  - id: other-question-id
#    zh: 一句话说明两题的关系，例如“常被混淆：……”。
#    en: "One sentence on how they relate, e.g. often confused with it: ..."
sources: []  # seed entries ('<seed file>#<number>') this question came from; [] for a new question
references: []
#  - title: "Exact title of the paper or document"
#    authors: "First Author et al."
#    year: 2020
#    url: https://arxiv.org/abs/NNNN.NNNNN
zh:
  title: 什么是梯度累积？
  question: |
    TODO 写出完整的问题：面试官会怎么问？
  aliases: []  # 读者会搜索的同义词，如 [缩放定律, 规模法则]
  answer: |
    TODO 先用 1–3 句话直接回答，再分点展开，每点以加粗短语开头：- **要点**：解释。
  analysis: |
    TODO 为什么有效；权衡与适用边界；常见误区；一个面试追问及简短回答。
en:
  title: What is gradient accumulation?
  question: |
    TODO Write the full question as an interviewer would ask it.
  aliases: []  # synonyms readers search for
  answer: |
    TODO A direct answer in 1-3 sentences, then the points, each with a bold lead-in: - **Point**: why.
  analysis: |
    TODO Why it works; trade-offs and limits; common mistakes; one interview follow-up with a short answer.
# When the English says what the Chinese says, run: kb stamp gradient-accumulation
"""

ARGS = ["--id", "gradient-accumulation", "--category", "training", "--title-zh", "什么是梯度累积？",
        "--title-en", "What is gradient accumulation?", "--tags", "optimization, gradients"]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def new(content_dir: Path, *args: str, input: str | None = None):
    return run("new", "--content", str(content_dir), *args, input=input)


def check(content_dir: Path, *args: str):
    return run("check", "--content", str(content_dir), *args)


def test_new_writes_the_scaffold(content_dir: Path):
    result = new(content_dir, *ARGS)
    assert result.exit_code == 0, result.output
    path = content_dir / "qa/gradient-accumulation.yml"
    assert path.read_text(encoding="utf-8") == EXPECTED
    assert result.output == (
        f"created {path.as_posix()}\n"
        "next: replace the TODO lines, add related questions and references, then run: kb check\n"
        "preview: mkdocs serve, then open http://127.0.0.1:8000/qa/gradient-accumulation/\n"
    )


def test_scaffold_is_valid_and_check_reports_only_its_todo_lines(content_dir: Path):
    assert new(content_dir, *ARGS).exit_code == 0
    result = check(content_dir)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert [e.split(": placeholder")[0] for e in errors] == [
        f"error: content/qa/gradient-accumulation.yml:{line}: {field}" for line, field in (
            (22, "zh.question"), (25, "zh.answer"), (27, "zh.analysis"),
            (31, "en.question"), (34, "en.answer"), (36, "en.analysis"))]
    assert errors[1] == ("error: content/qa/gradient-accumulation.yml:25: zh.answer: "
                         "placeholder left by `kb new` or `kb import`: "
                         "'TODO 先用 1–3 句话直接回答，再分点展开，每点以加粗短语开头：- **要点**：解释。'; "
                         "write this part, then delete the TODO line")
    assert "4 questions: 6 errors" in result.output


def test_check_passes_once_the_todo_lines_are_written(content_dir: Path):
    assert new(content_dir, *ARGS).exit_code == 0
    path = content_dir / "qa/gradient-accumulation.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^    TODO .*$", "    A real sentence.", text)
    path.write_text(text, encoding="utf-8")
    result = check(content_dir)
    assert result.exit_code == 0, result.output
    assert "4 questions: 0 errors" in result.output
    assert "en.translated_from: missing; run `kb stamp gradient-accumulation`" in result.output


def test_new_without_english_leaves_it_untranslated(content_dir: Path):
    result = new(content_dir, "--id", "gradient-accumulation", "--category", "training",
                 "--title-zh", "什么是梯度累积？")
    assert result.exit_code == 0, result.output
    text = (content_dir / "qa/gradient-accumulation.yml").read_text(encoding="utf-8")
    assert "\nen:" not in text
    assert text.endswith("# en: the English translation goes here (same keys as zh); "
                         "then run: kb stamp gradient-accumulation\n")
    assert "difficulty: 2  #" in text and "tags: []  #" in text
    out = check(content_dir).output
    assert "untranslated: class-imbalance, gradient-accumulation" in out


def test_new_refuses_to_overwrite(content_dir: Path):
    path = content_dir / "qa/overfitting.yml"
    before = path.read_bytes()
    result = new(content_dir, "--id", "overfitting", "--category", "training", "--title-zh", "别的问题？")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: content/qa/overfitting.yml already exists; choose another id or edit that file\n")
    assert path.read_bytes() == before


def test_new_outside_a_terminal_names_the_missing_options(content_dir: Path):
    result = new(content_dir, "--id", "x-y")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: missing --category, --title-zh (not a terminal, so kb new cannot ask for them)\n")
    assert not (content_dir / "qa/x-y.yml").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "Bad_Id", "--category", "training", "--title-zh", "标题？"],
     "'Bad_Id' is not a valid id: use lowercase words joined by '-', e.g. gradient-accumulation"),
    (["--id", "ok-id", "--category", "nowhere", "--title-zh", "标题？"],
     "unknown category 'nowhere'; expected one of: business, data, evaluation, foundations, generalization, "
     "inference, scaling, systems, training, trust"),
    (["--id", "ok-id", "--category", "traning", "--title-zh", "标题？"],
     "unknown category 'traning' (did you mean 'training'?); expected one of: business, data, evaluation, "
     "foundations, generalization, inference, scaling, systems, training, trust"),
    (["--id", "ok-id", "--category", "training", "--title-zh", "标题？", "--tags", "optimization,nope"],
     "unknown tag 'nope'; add it to content/tags.yml or use one listed there"),
    (["--id", "ok-id", "--category", "training", "--title-zh", "标题？", "--tags", "optimisation"],
     "unknown tag 'optimisation' (did you mean 'optimization'?); add it to content/tags.yml or use one listed there"),
    (["--id", "ok-id", "--category", "training", "--title-zh", "长" * 61],
     "the title has 61 characters; keep it to 60 (the full question goes in `question`)"),
    (["--id", "ok-id", "--category", "training", "--title-zh", "标题？", "--difficulty", "4"],
     "Invalid value for '--difficulty': 4 is not in the range 1<=x<=3."),
])
def test_new_rejects_bad_values(content_dir: Path, args: list[str], message: str):
    result = new(content_dir, *args)
    assert result.exit_code == 2
    assert result.output.rstrip("\n").endswith(f"Error: {message}")
    assert sorted(p.name for p in (content_dir / "qa").iterdir()) == [
        "class-imbalance.yml", "data-skew.yml", "overfitting.yml"]


def test_new_prompts_in_a_terminal(content_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(kb.authoring.new, "stdin_is_terminal", lambda: True)
    answers = "\n".join([
        "Not A Slug",            # rejected, asked again
        "gradient-accumulation",
        "nowhere",               # rejected
        "training",
        "什么是梯度累积？",
        "",                      # no English title yet
        "5",                     # rejected
        "3",
        "optimization, nope",    # rejected
        "optimization",
    ]) + "\n"
    result = new(content_dir, input=answers)
    assert result.exit_code == 0, result.output
    assert "'Not A Slug' is not a valid id" in result.output
    assert "unknown category 'nowhere'" in result.output
    assert "type 1, 2 or 3" in result.output
    assert "unknown tag 'nope'" in result.output
    text = (content_dir / "qa/gradient-accumulation.yml").read_text(encoding="utf-8")
    assert "difficulty: 3  #" in text and "tags: [optimization]  #" in text and "\nen:" not in text


def test_no_input_never_prompts(content_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(kb.authoring.new, "stdin_is_terminal", lambda: True)
    result = new(content_dir, "--no-input", "--id", "x-y")
    assert result.exit_code == 2
    assert "missing --category, --title-zh" in result.output


def test_new_warns_when_the_question_exists_already(content_dir: Path):
    result = new(content_dir, "--id", "overfitting-again", "--category", "generalization",
                 "--title-zh", "什么是过拟合？")
    assert result.exit_code == 0
    assert ("warning: content/qa/overfitting-again.yml:20: zh.title: same title as 'overfitting' "
            "(content/qa/overfitting.yml); "
            "merge the two questions or make each title say what it asks") in result.output


def test_title_with_yaml_syntax_is_quoted(content_dir: Path):
    title = "KV cache: 占多少显存？ #1"
    assert new(content_dir, "--id", "kv", "--category", "inference", "--title-zh", title).exit_code == 0
    from kb.content.loader import load

    content, errors = load(content_dir)
    assert not [e for e in errors if "kv.yml" in e.path]
    assert next(q for q in content.questions if q.id == "kv").zh.title == title
