"""The contributor guide: its example file is a valid question, and it documents every command and check."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kb.authoring.cli import main
from kb.content.schema import Question
from tests.conftest import DATA, REPO

GUIDES = {"zh": REPO / "docs/contributing.md", "en": REPO / "docs/contributing.en.md"}


def example(lang: str) -> str:
    text = GUIDES[lang].read_text(encoding="utf-8")
    section = text.split("{ #example }", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_example_is_a_valid_question(lang: str):
    data = yaml.safe_load(example(lang))
    question = Question.model_validate(data)
    assert question.id == "teacher-forcing"


def test_both_guides_show_the_same_example():
    assert yaml.safe_load(example("zh")) == yaml.safe_load(example("en"))


def test_the_example_passes_kb_check(tmp_path: Path):
    """The guide's example beside the fixture content and the two questions it links to (stand-ins)."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "content", content)
    shutil.copy(REPO / "content/syllabus.yml", content)
    template = (content / "qa/overfitting.yml").read_text(encoding="utf-8")
    for target, title in (("transformer-architecture", "Transformer 的结构是什么？"),
                          ("decoding-strategies", "有哪些解码策略？")):
        text = template.replace("id: overfitting", f"id: {target}", 1).replace("什么是过拟合？", title, 1)
        (content / "qa" / f"{target}.yml").write_text(text.replace("What is overfitting?", f"The {target} question?"),
                                                      encoding="utf-8")
    (content / "qa/teacher-forcing.yml").write_text(example("en"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 0, result.output
    assert "stale: teacher-forcing" in result.output  # the example's made-up translated_from


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_guide_covers_every_command_and_anchor(lang: str):
    text = GUIDES[lang].read_text(encoding="utf-8")
    for command in ("kb new", "kb check", "kb check --strict", "kb check --format github", "kb stats", "kb stamp",
                    "kb schema", "mkdocs serve", "KB_LANG=zh", "KB_LANG=en", "bash scripts/test.sh"):
        assert command in text, command
    for anchor in ("quick-start", "example", "standards", "checks", "translations", "errors", "serve", "editor",
                   "deploy", "tracks"):
        assert f"{{ #{anchor} }}" in text, anchor
    assert "数据倾斜" in text and "类别不平衡" in text


def test_the_readme_links_the_guide():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/contributing.md" in readme and "docs/contributing.en.md" in readme
