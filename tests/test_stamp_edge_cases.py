"""`kb stamp` on files written by hand: a comment after `en:`, and an `en:` it cannot edit."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kb.authoring.cli import main


def stamp(content_dir: Path, qid: str):
    return CliRunner().invoke(main, ["stamp", qid, "--content", str(content_dir)])


def test_stamp_accepts_a_comment_after_en(content_dir: Path):
    path = content_dir / "qa/data-skew.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nen:\n", "\nen:   # the English text\n", 1),
                    encoding="utf-8")
    result = stamp(content_dir, "data-skew")
    assert result.exit_code == 0, result.output
    assert result.output == "stamped 1 questions\n"
    assert "\nen:   # the English text\n  translated_from: " in path.read_text(encoding="utf-8")


def test_stamp_explains_what_it_cannot_edit(content_dir: Path):
    path = content_dir / "qa/overfitting.yml"
    text = path.read_text(encoding="utf-8")
    head, _ = text.split("\nen:\n", 1)
    path.write_text(head + '\nen: {title: "What is overfitting?", question: "Q?", answer: "A."}\nfrequency: 2\n',
                    encoding="utf-8")
    result = stamp(content_dir, "overfitting")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith(f"Error: {path}: no block 'en:' mapping in the file; add `translated_from: ")
    assert result.output.endswith("` under en: by hand\n")


def test_a_digest_that_reads_as_a_number_is_quoted():
    from kb.content.files import set_translated_from

    text = "id: x\nen:\n  title: T\n"
    assert set_translated_from(text, "809e17854199") == 'id: x\nen:\n  translated_from: "809e17854199"\n  title: T\n'
    assert set_translated_from(text, "123456789012") == 'id: x\nen:\n  translated_from: "123456789012"\n  title: T\n'
    assert set_translated_from(text, "e59905670968") == "id: x\nen:\n  translated_from: e59905670968\n  title: T\n"
