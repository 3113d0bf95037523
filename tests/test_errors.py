"""Golden tests: each file in golden/errors/ is bad content and the exact errors it must produce."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kb.cli import main
from kb.site import validate

GOLDEN = Path(__file__).parent / "golden" / "errors"
CASES = sorted(GOLDEN.glob("*.yml"))


def apply_case(case: dict, content_dir: Path) -> None:
    for rel, text in (case.get("files") or {}).items():
        (content_dir / rel).write_text(text, encoding="utf-8")
    for rel, data in (case.get("binary") or {}).items():
        (content_dir / rel).write_bytes(base64.b64decode(data))


def errors_for(content_dir: Path) -> list[str]:
    _, _, problems = validate(content_dir)
    from kb.errors import sort

    return [e.format() for e in sort(problems) if e.severity == "error"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_errors(path: Path, content_dir: Path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    apply_case(case, content_dir)
    got = errors_for(content_dir)
    if os.environ.get("UPDATE_GOLDENS"):
        case["expect"] = got
        path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    assert got == case["expect"]
    result = CliRunner().invoke(main, ["check", "--content", str(content_dir)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for line in case["expect"]:
        assert line in result.stderr


def test_fixture_content_is_clean(content_dir: Path):
    assert errors_for(content_dir) == []
