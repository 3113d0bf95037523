"""Editor support: the committed JSON Schema is current, matches the model, and the files reference it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.authoring.cli import main
from kb.authoring.editor_schema import MODELINE, add_modeline, has_modeline
from tests.conftest import REPO

CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def test_committed_schema_is_up_to_date():
    result = CliRunner().invoke(main, ["schema", "--check", "--content", str(REPO / "content")])
    assert result.exit_code == 0, f"{result.output}\nrun: kb schema  (and commit schema/question.schema.json)"
    assert result.output == f"{(REPO / 'schema/question.schema.json').as_posix()} is up to date\n"


def test_schema_check_fails_when_out_of_date(tmp_path: Path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema/question.schema.json").write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "--check", "--content", str(tmp_path / "content")])
    assert result.exit_code == 1
    assert result.output == (f"Error: {(tmp_path / 'schema/question.schema.json').as_posix()} "
                             "is out of date; run: kb schema\n")


def test_schema_lists_categories_and_tags_for_completion():
    schema = json.loads((REPO / "schema/question.schema.json").read_text(encoding="utf-8"))
    assert "training" in schema["properties"]["category"]["enum"]
    assert "overfitting" in schema["properties"]["tags"]["items"]["enum"]
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Localized"]["additionalProperties"] is False


def test_every_question_file_starts_with_the_modeline():
    missing = [p.name for p in sorted((REPO / "content/qa").glob("*.yml"))
               if not has_modeline(p.read_text(encoding="utf-8"))]
    assert missing == [], "run: kb schema --add-modelines"


def test_every_question_file_validates_against_the_schema_as_an_editor_would():
    # check-jsonschema evaluates `pattern` as ECMAScript regular expressions, like VS Code does.
    files = sorted(str(p) for p in (REPO / "content/qa").glob("*.yml"))
    result = subprocess.run([*CHECK_JSONSCHEMA, "--schemafile", str(REPO / "schema/question.schema.json"), *files],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("change", "message"), [
    (("category: systems", "category: sytems"), "'sytems' is not one of"),
    (("tags: [distributed-training", "tags: [distributed-trainin"), "'distributed-trainin' is not one of"),
    (("difficulty: 2", "difficulty: 4"), "4 is greater than the maximum of 3"),
    (("zh:\n", "zh:\n  titel: x\n"), "Additional properties are not allowed ('titel' was unexpected)"),
])
def test_the_schema_flags_mistakes_while_typing(tmp_path: Path, change: tuple[str, str], message: str):
    text = (REPO / "content/qa/data-skew.yml").read_text(encoding="utf-8")
    assert change[0] in text
    bad = tmp_path / "bad.yml"
    bad.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    result = subprocess.run([*CHECK_JSONSCHEMA, "--schemafile", str(REPO / "schema/question.schema.json"), str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert message in result.stdout


def test_schema_command_writes_the_file_and_adds_modelines(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "tests/data/content", content)
    crlf = content / "qa/overfitting.yml"
    crlf.write_bytes(crlf.read_bytes().replace(b"\n", b"\r\n"))
    before = {p.name: p.read_bytes() for p in (content / "qa").glob("*.yml")}
    result = CliRunner().invoke(main, ["schema", "--add-modelines", "--content", str(content)])
    assert result.exit_code == 0, result.output
    target = (tmp_path / "schema/question.schema.json").as_posix()
    assert result.output == f"{target}: written; modeline added to 3 question files\n"
    for name, old in before.items():
        new = (content / "qa" / name).read_bytes()
        newline = b"\r\n" if b"\r\n" in old else b"\n"
        assert new == MODELINE.encode() + newline + old  # nothing else changed
    again = CliRunner().invoke(main, ["schema", "--add-modelines", "--content", str(content)])
    assert again.output == f"{target}: up to date; modeline added to 0 question files\n"


def test_add_modeline_is_idempotent_and_keeps_a_byte_order_mark():
    assert add_modeline("id: a\n") == MODELINE + "\nid: a\n"
    assert add_modeline(MODELINE + "\nid: a\n") == MODELINE + "\nid: a\n"
    assert add_modeline("\ufeffid: a\n") == "\ufeff" + MODELINE + "\nid: a\n"


def test_vscode_maps_the_schema_to_the_question_files():
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./schema/question.schema.json": "content/qa/*.yml"}


def test_new_and_imported_files_carry_the_modeline(content_dir: Path, tmp_path: Path):
    from kb.authoring.seed import Draft, render_draft
    from kb.authoring.seedparse import SeedEntry

    entry = SeedEntry("seed.md#1", 1, "什么是测试？", "什么是测试？", "测试。", "", 1)
    assert render_draft(Draft("q-seed-01", [entry])).startswith(MODELINE + "\n")
    result = CliRunner().invoke(main, ["new", "--content", str(content_dir), "--id", "a-b", "--category", "training",
                                       "--title-zh", "新问题？"])
    assert result.exit_code == 0
    assert has_modeline((content_dir / "qa/a-b.yml").read_text(encoding="utf-8"))
