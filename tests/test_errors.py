"""Golden tests: each file in golden/errors/ is bad content and the exact errors it must produce;
each file in golden/accepted/ is unusual content that must be accepted (and normalised).

A case changes a copy of the fixture content tests/data/content, in this order: ``delete`` (paths),
``copy`` (new path -> fixture path), ``replace`` (path -> [old, new] pairs), ``append`` (path -> text),
``rewrite`` (path -> bom / newline / final_newline), ``files`` (path -> text), ``binary`` (base64),
``generated`` (text + repeat * times), ``symlinks`` (path -> target) and ``fifos`` (paths of named pipes).
Editing the fixture files in place keeps the cases valid when the fixture changes.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kb.authoring.cli import main
from kb.site import build, validate
from tests.test_site_build import build as mkdocs_build

GOLDEN = Path(__file__).parent / "golden" / "errors"
ACCEPTED = Path(__file__).parent / "golden" / "accepted"
CASES = sorted(GOLDEN.glob("*.yml"))
GOOD = sorted(ACCEPTED.glob("*.yml"))
# Cases that also run a real `mkdocs build --strict` (about 2 s each): one of each family of error.
BUILD_CASES = ["binary", "deep-nesting", "duplicate-id", "malformed-yaml", "missing-categories", "not-utf8", "tag-set",
               "symlink", "terminal-escapes", "unknown-keys-everywhere", "unsafe-links", "yaml-alias"]


def load_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def apply_case(case: dict, content_dir: Path) -> None:
    def target(rel: str) -> Path:
        out = content_dir / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        return out

    for rel in case.get("delete") or ():
        (content_dir / rel).unlink()
    for rel, source in (case.get("copy") or {}).items():
        target(rel).write_bytes((content_dir / source).read_bytes())
    for rel, pairs in (case.get("replace") or {}).items():
        text = (content_dir / rel).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, f"{rel}: {old!r} not found"
            text = text.replace(old, new, 1)
        (content_dir / rel).write_bytes(text.encode("utf-8"))
    for rel, extra in (case.get("append") or {}).items():
        with (content_dir / rel).open("ab") as f:
            f.write(extra.encode("utf-8"))
    for rel, how in (case.get("rewrite") or {}).items():
        text = (content_dir / rel).read_text(encoding="utf-8")
        if how.get("final_newline") is False:
            text = text.rstrip("\n")
        text = text.replace("\n", how.get("newline", "\n"))
        (content_dir / rel).write_bytes((b"\xef\xbb\xbf" if how.get("bom") else b"") + text.encode("utf-8"))
    for rel, text in (case.get("files") or {}).items():
        target(rel).write_bytes(text.encode("utf-8"))
    for rel, data in (case.get("binary") or {}).items():
        target(rel).write_bytes(base64.b64decode(data))
    for rel, gen in (case.get("generated") or {}).items():
        target(rel).write_bytes((gen["text"] + gen["repeat"] * gen["times"]).encode("utf-8"))
    for rel, link_to in (case.get("symlinks") or {}).items():
        target(rel).symlink_to(link_to)
    for rel in case.get("fifos") or ():
        os.mkfifo(target(rel))


def errors_for(content_dir: Path) -> list[str]:
    _, _, problems = validate(content_dir)
    from kb.content.errors import sort

    return [e.format() for e in sort(problems) if e.severity == "error"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_errors(path: Path, content_dir: Path):
    case = load_case(path)
    apply_case(case, content_dir)
    got = errors_for(content_dir)
    if os.environ.get("UPDATE_GOLDENS"):
        case["expect"] = got
        path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    assert got == case["expect"]
    assert got, "a bad-input case must produce at least one error"
    result = CliRunner().invoke(main, ["check", "--content", str(content_dir)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for line in case["expect"]:
        assert f"error: {line}" in result.stderr


@pytest.mark.parametrize("path", GOOD, ids=[p.stem for p in GOOD])
def test_accepted_input(path: Path, content_dir: Path, tmp_path: Path):
    case = load_case(path)
    clean = tmp_path / "clean" / "content"  # same folder name: pages show the source path
    shutil.copytree(content_dir, clean)
    apply_case(case, content_dir)
    assert errors_for(content_dir) == []
    result = CliRunner().invoke(main, ["check", "--content", str(content_dir)])
    assert result.exit_code == 0, result.output
    if case.get("same_pages"):  # normalised: the site is exactly the one of the clean file
        assert build(content_dir).pages == build(clean).pages


def test_fixture_content_is_clean(content_dir: Path):
    assert errors_for(content_dir) == []


def test_there_are_at_least_30_kinds_of_bad_input():
    assert len(CASES) >= 30


def _snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", BUILD_CASES)
def test_bad_input_fails_the_build_cleanly(name: str, site_dir: Path):
    """`mkdocs build --strict`: the same errors, no traceback, the output folder and docs/ untouched."""
    case = load_case(GOLDEN / f"{name}.yml")
    apply_case(case, site_dir / "content")
    (site_dir / "site").mkdir()
    (site_dir / "site" / "index.html").write_text("previous deploy\n", encoding="utf-8")
    before = _snapshot(site_dir / "site"), _snapshot(site_dir / "docs")
    result = mkdocs_build(site_dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Aborted with a BuildError!" in result.stdout + result.stderr
    for line in case["expect"]:
        assert line in result.stderr
    assert (_snapshot(site_dir / "site"), _snapshot(site_dir / "docs")) == before


def test_unreadable_file_is_an_error_not_a_traceback(content_dir: Path, monkeypatch):
    original = os.open  # tests run as root, whom chmod does not stop: the open itself fails

    def refuse(path, flags, *args, **kwargs):
        if Path(path).name == "overfitting.yml":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert errors_for(content_dir) == ["content/qa/overfitting.yml: cannot read the file: Permission denied"]


def test_qa_must_be_a_folder(content_dir: Path):
    shutil.rmtree(content_dir / "qa")
    (content_dir / "qa").write_text("", encoding="utf-8")
    assert errors_for(content_dir) == ["content/qa: expected a folder of question files, found a file"]


def test_named_pipe_and_device_links_do_not_block_kb_check(content_dir: Path):
    """A named pipe blocked `kb check` forever (the open waits for a writer); a link to /dev/zero was read
    until memory ran out (the modeline check followed it). In a process with a deadline: a hang fails."""
    os.mkfifo(content_dir / "qa" / "pipe.yml")
    (content_dir / "qa" / "zero.yml").symlink_to("/dev/zero")
    (content_dir / "notes").symlink_to("/dev/zero")  # not a content file: the fingerprint must not read it
    code = ("import sys; from pathlib import Path; from kb.site import fingerprint; from kb.authoring.cli import main;"
            "fingerprint(Path(sys.argv[1])); main(['check', '--content', sys.argv[1]])")
    done = subprocess.run([sys.executable, "-c", code, str(content_dir)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "content/qa/pipe.yml: named pipe (FIFO), not a regular file; expected a YAML file" in done.stderr
    assert "content/qa/zero.yml: symbolic link: content files must be regular files" in done.stderr


def test_pattern_messages_come_from_the_pattern_not_its_text():
    """A pattern is described by kb.content.schema.PATTERN_EXPECTED, or shown as itself: a new pattern that happens
    to contain '#', 'https' or 'a-z0-9' is not described as a source, a URL or a slug."""
    from typing import Annotated

    from pydantic import StringConstraints

    from kb.content.loader import validate_model
    from kb.content.schema import PATTERN_EXPECTED, Model, Reference, Related, Source
    from kb.content.yamlio import parse

    class Anchor(Model):
        href: Annotated[str, StringConstraints(pattern=r"^https#[a-z0-9]+$")]

    def message(model, text: str) -> str:
        errors: list = []
        assert validate_model(parse(text), model, "x.yml", errors) is None
        return errors[0].message

    assert message(Anchor, "href: nope\n") == "expected text matching ^https#[a-z0-9]+$, got 'nope'"
    assert message(Related, "id: Not_A_Slug\n") == (
        "expected a lowercase kebab-case slug (a-z, 0-9, '-'), got 'Not_A_Slug'")
    assert message(Reference, "title: t\nurl: http://x\n") == (
        "expected an https:// URL with a host in ASCII letters, digits, '.' and '-' and no user@ part, got 'http://x'")
    used = {m.pattern for info in (Related.model_fields["id"], Reference.model_fields["url"]) for m in info.metadata
            if getattr(m, "pattern", None)} | {Source.__metadata__[0].pattern}
    assert set(PATTERN_EXPECTED) == used  # every described pattern is one the schema uses
