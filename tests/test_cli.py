from __future__ import annotations

import pytest
from click.testing import CliRunner

from kb.authoring.cli import main

COMMANDS = sorted(main.commands)


def test_every_command_has_help():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_check_clean_content_exits_0_and_lists_untranslated(content_dir):
    result = CliRunner().invoke(main, ["check", "--content", str(content_dir)])
    assert result.exit_code == 0, result.output
    assert "3 questions: 0 errors" in result.output
    assert "untranslated: class-imbalance" in result.output


def test_check_strict_fails_on_untranslated(content_dir):
    result = CliRunner().invoke(main, ["check", "--strict", "--content", str(content_dir)])
    assert result.exit_code == 1


def test_stamp_then_edit_zh_makes_translation_stale(content_dir):
    runner = CliRunner()
    assert runner.invoke(main, ["stamp", "data-skew", "--content", str(content_dir)]).exit_code == 0
    path = content_dir / "qa" / "data-skew.yml"
    text = path.read_text(encoding="utf-8")
    assert "  translated_from: " in text
    out = runner.invoke(main, ["check", "--content", str(content_dir)]).output
    assert "stale: " not in out
    path.write_text(text.replace("最慢的 worker 决定整体速度", "最慢的 worker 决定每一步的速度"), encoding="utf-8")
    out = runner.invoke(main, ["check", "--content", str(content_dir)]).output
    assert "stale: data-skew" in out


def test_check_on_missing_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["check", "--content", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "is not a content folder" in result.output


def test_the_summary_names_at_most_twenty_ids_of_a_list_and_counts_the_rest():
    from kb.authoring.cli import _some

    ids = [f"q{i:03d}" for i in range(250)]
    line = _some(ids)
    assert line.startswith("q000, q001") and "q019" in line and "q020" not in line
    assert line.endswith(", … and 230 more (kb stats --json lists them all)")
    assert _some(ids[:20]) == ", ".join(ids[:20])
