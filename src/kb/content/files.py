"""Writing content files safely: all or nothing, and only the lines that must change."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kb.content.errors import ContentError
from kb.content.loader import read_document, validate_model
from kb.content.schema import Question


class WriteError(Exception):
    pass


def question_files(qa_dir: Path) -> tuple[dict[Path, Question], list[ContentError]]:
    """Every readable question file of ``qa_dir`` (without cross-file checks)."""
    out: dict[Path, Question] = {}
    errors: list[ContentError] = []
    for path in sorted(qa_dir.glob("*.yml")) if qa_dir.is_dir() else []:
        doc = read_document(path, str(path), errors)
        if doc is not None:
            q = validate_model(doc, Question, str(path), errors)
            if q is not None:
                out[path] = q
    return out, errors


def atomic_write_all(files: dict[str, str], must_not_exist: set[str] = frozenset()) -> None:
    """Write every file or none: temp files first, then renames."""
    clash = sorted(p for p in must_not_exist if Path(p).exists())
    if clash:
        raise WriteError("refusing to overwrite existing files: " + ", ".join(clash))
    temps: list[tuple[Path, Path]] = []
    try:
        for name, text in sorted(files.items()):
            target = Path(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.kb-tmp")
            tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
            temps.append((tmp, target))
    except OSError:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in temps:
        os.replace(tmp, target)


def set_translated_from(text: str, digest: str) -> str:
    """Set ``en.translated_from`` in a question file's text, touching only that line.

    A digest that a YAML reader could take for a number (``809e17854199`` is a float to YAML 1.2 parsers,
    as editors use them; all digits is an integer) is written quoted.
    """
    if re.fullmatch(r"[0-9]+(?:e[0-9]+)?", digest):
        digest = f'"{digest}"'
    lines = text.split("\n")
    try:
        start = next(i for i, ln in enumerate(lines) if re.fullmatch(r"en:\s*(?:#.*)?", ln.rstrip()))
    except StopIteration:
        raise WriteError("no block 'en:' mapping in the file") from None
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#"))),
               len(lines))
    indent = next((ln[: len(ln) - len(ln.lstrip())] for ln in lines[start + 1 : end] if ln.strip()), "  ")
    for i in range(start + 1, end):
        if lines[i].startswith(f"{indent}translated_from:"):
            lines[i] = f"{indent}translated_from: {digest}"
            return "\n".join(lines)
    lines.insert(start + 1, f"{indent}translated_from: {digest}")
    return "\n".join(lines)
