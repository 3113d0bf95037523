"""`mkdocs serve` loads and checks the content again after every save; unchanged files are neither parsed nor
checked again (kb.content.loader.Parsed, kb.checks.memo.CheckMemo). Whatever the edit, the result must be what a
load and check from nothing gives."""

from __future__ import annotations

from pathlib import Path

from kb.checks.memo import CheckMemo
from kb.content.loader import Parsed
from kb.site import validate


def _problems(content_dir: Path, parsed=None, memo=None) -> list[str]:
    content, _, problems = validate(content_dir, parsed, memo)
    return sorted(p.format() for p in problems)


def test_every_edit_gives_what_a_fresh_load_and_check_gives(content_dir: Path):
    parsed, memo = Parsed(), CheckMemo()
    qa = content_dir / "qa"
    overfitting = qa / "overfitting.yml"
    text = overfitting.read_text(encoding="utf-8")
    edits = [
        lambda: None,  # nothing changed
        lambda: overfitting.write_text(text.replace("  answer: ", "  answer: TODO 写完\n    ", 1), encoding="utf-8"),
        lambda: overfitting.write_text(text.replace("  answer: ", "  answer: 见 [数据倾斜](gone.md)。", 1),
                                       encoding="utf-8"),
        lambda: overfitting.write_text(text, encoding="utf-8"),
        lambda: (qa / "data-skew.yml").rename(qa / "data-skew.yml.off"),  # a linked question is gone
        lambda: (qa / "data-skew.yml.off").rename(qa / "data-skew.yml"),
        lambda: overfitting.write_text("id: overfitting\nzh: [", encoding="utf-8"),  # broken YAML
        lambda: overfitting.write_text(text, encoding="utf-8"),
    ]
    for i, edit in enumerate(edits):
        edit()
        assert _problems(content_dir, parsed, memo) == _problems(content_dir), f"after edit {i}"


def test_an_unchanged_file_is_not_parsed_again(content_dir: Path):
    parsed = Parsed()
    first, _, _ = validate(content_dir, parsed, CheckMemo())
    (content_dir / "qa" / "data-skew.yml").write_text(
        (content_dir / "qa" / "data-skew.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second, _, _ = validate(content_dir, parsed, CheckMemo())
    by_id = lambda content: {q.id: q for q in content.questions}  # noqa: E731
    assert by_id(second)["overfitting"] is by_id(first)["overfitting"]
    assert by_id(second)["data-skew"] is not by_id(first)["data-skew"]
