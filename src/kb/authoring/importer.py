"""``kb import`` and ``kb stamp`` end to end: lock, read, plan, check the output as ``kb check`` would, write.

What is written was first checked: every output text is read back with ``kb check``'s own loader
(``read_document``, ``validate_model``, the id against the file name) and the content with the outputs
in place goes through ``kb check``'s cross-file checks; an error there that the content did not have
before, in an output file, stops the import before anything is written. Near-duplicate titles are the
exception: the importer keeps seed entries it judges distinct apart (``kb.authoring.seed.similar``) and
lists the pairs ``kb check`` will flag, for a maintainer to merge or link.

Writes go through ``kb.content.files.Staged`` under ``ContentLock``: a second import waits for the first,
a file edited while the import ran is not overwritten (and the import writes nothing: all or nothing),
and no temporary file survives.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from kb.authoring.seed import Plan, plan_import
from kb.authoring.seedparse import SeedEntry, Unrecognised, parse_seed
from kb.content.errors import DRAFT, ContentError
from kb.content.files import ChangedOnDisk, ContentLock, Staged, set_translated_from
from kb.content.freshness import zh_hash
from kb.content.loader import MAX_BYTES, Content, load, read_document, validate_model
from kb.content.readfile import NotRegular, TooLarge, read_regular
from kb.content.schema import Question
from kb.content.yamlio import Document


SEED_MAX_BYTES = 64 * 1024 * 1024  # a seed document holds many questions; more is not a seed document

class Refused(Exception):
    """The import stopped before writing anything; ``errors`` say why."""

    def __init__(self, message: str, errors: list[ContentError] | None = None) -> None:
        self.errors = errors or []
        super().__init__(message)


@dataclass
class Report:
    plan: Plan
    unrecognised: list[tuple[str, Unrecognised]] = field(default_factory=list)  # (seed path, heading)
    near_duplicates: list[ContentError] = field(default_factory=list)
    drafts: list[ContentError] = field(default_factory=list)  # TODO lines in what was written: parts to write


def read_seeds(files: list[Path]) -> tuple[list[SeedEntry], list[tuple[str, Unrecognised]], list[str]]:
    """Entries of every seed document, the headings not recognised, and warnings (documents without entries)."""
    entries: list[SeedEntry] = []
    unrecognised: list[tuple[str, Unrecognised]] = []
    warnings: list[str] = []
    too_large: list[ContentError] = []
    for path in files:
        try:
            text = read_regular(path, SEED_MAX_BYTES, follow=True).decode("utf-8-sig")
        except NotRegular as exc:
            raise Refused(f"{path}: {exc.what}, not a regular file; expected a Markdown seed document") from None
        except TooLarge as exc:
            raise Refused(f"{path}: file is {exc.size} bytes; expected at most {SEED_MAX_BYTES}") from None
        except UnicodeDecodeError as exc:
            raise Refused(f"{path}: not valid UTF-8 (byte offset {exc.start})") from None
        parsed = parse_seed(text, path.name)
        if not parsed.entries:
            warnings.append(f"{path}: no numbered question headings (#### 1. …) found")
        too_large.extend(ContentError(str(path), e.line, e.source, f"the entry is {size:,} bytes; a question file "
                                      f"holds at most {MAX_BYTES:,}: split it or shorten it")
                         for e in parsed.entries if (size := _entry_size(e)) > MAX_BYTES)
        entries.extend(parsed.entries)
        unrecognised.extend((str(path), u) for u in parsed.unrecognised)
    if too_large:  # refused before planning: a 50 MB entry took 78 s and 7 GB to be refused as a file
        raise Refused(f"{len(too_large)} seed entries too large for a question file; nothing was written", too_large)
    return entries, unrecognised, warnings


def _entry_size(entry: SeedEntry) -> int:
    return sum(len(part.encode("utf-8")) for part in (entry.title, entry.question, entry.answer, entry.analysis))


def import_seeds(entries: list[SeedEntry], content_dir: Path, dry_run: bool,
                 on_wait: Callable[[str], None] | None = None) -> Report:
    if dry_run:
        return _import(entries, content_dir, dry_run)
    with ContentLock(content_dir, on_wait=on_wait):
        return _import(entries, content_dir, dry_run)


def _import(entries: list[SeedEntry], content_dir: Path, dry_run: bool) -> Report:
    content, errors = load(content_dir)
    qa = content_dir / "qa"
    shown = _Shown(content_dir)
    broken = [e for e in errors if e.path.startswith(shown(qa) + "/")]
    if broken:
        raise Refused(f"{len(broken)} errors; fix these files before importing into them", broken)
    existing = {shown.path(content.paths[q.id]): q for q in content.questions}
    categories = frozenset(c.slug for c in content.categories) or None
    plan = plan_import(entries, existing, qa, categories=categories)
    outputs: dict[str, bytes] = {name: _encode(text) for name, text in plan.new_files.items()}
    outputs.update(plan.updated_files)
    expected: dict[str, bytes | None] = {name: None for name in plan.new_files}
    expected.update(plan.read)
    if dry_run:
        with tempfile.TemporaryDirectory(prefix="kb-import-") as tmp:
            staged = {}
            for i, (name, data) in enumerate(sorted(outputs.items())):
                staged[name] = Path(tmp) / f"{i}.yml"
                staged[name].write_bytes(data)
            problems, near = check_outputs(content, staged, shown)
        _refuse(problems)
        return Report(plan, near_duplicates=near, drafts=_drafts(problems))
    with Staged(outputs) as files:  # checked as staged, beside their targets: the bytes that will be renamed
        problems, near = check_outputs(content, files.temps, shown)
        _refuse(problems)
        skipped = files.commit(expected)
    if skipped:
        raise ChangedOnDisk(skipped)
    return Report(plan, near_duplicates=near, drafts=_drafts(problems))


def _drafts(problems: list[ContentError]) -> list[ContentError]:
    return [e for e in problems if e.kind == DRAFT]


def _refuse(problems: list[ContentError]) -> None:
    """Refuse on any error but a TODO line: a seed entry without an answer is imported as a draft."""
    problems = [e for e in problems if e.kind != DRAFT]
    if problems:
        raise Refused(f"{len(problems)} errors in the files the import would write; nothing was written", problems)


def write(outputs: Mapping[str, bytes], expected: Mapping[str, bytes | None]) -> None:
    """Stage, compare every target with what was read, rename; ``ChangedOnDisk`` names the files that changed."""
    with Staged(outputs) as staged:
        skipped = staged.commit(expected)
    if skipped:
        raise ChangedOnDisk(skipped)


def _encode(text: str) -> bytes:
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


class _Shown:
    """Paths as kb check shows them (relative to the content folder's parent) and back."""

    def __init__(self, content_dir: Path) -> None:
        self.base = content_dir.parent

    def __call__(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return path.relative_to(self.base).as_posix()
        except ValueError:
            return path.as_posix()

    def path(self, shown: str) -> Path:
        return self.base / shown


def check_outputs(content: Content, staged: Mapping[str, Path], shown: _Shown
                  ) -> tuple[list[ContentError], list[ContentError]]:
    """(errors ``kb check`` would report in the output files that the content does not have now,
    near-duplicate titles it would report there). ``staged``: each output's target -> a file holding its bytes."""
    from kb.checks.run import check

    if not staged:
        return [], []
    errors: list[ContentError] = []
    docs: dict[str, Document] = {}
    models: dict[str, Question] = {}
    for name, path in sorted(staged.items()):
        name_shown = shown(name)
        doc = read_document(path, name_shown, errors)
        if doc is None:
            continue
        q = validate_model(doc, Question, name_shown, errors)
        if q is None:
            continue
        if q.id != Path(name).stem:
            errors.append(ContentError(name_shown, doc.line_of(("id",)), "id",
                                       f"'{q.id}' does not match the file name; expected '{Path(name).stem}'"))
            continue
        docs[name_shown], models[name_shown] = doc, q
    if errors:
        return errors, []
    outs = set(docs)
    ids = {q.id: q for q in content.questions}
    paths = dict(content.paths)
    for name, q in models.items():
        ids[q.id] = q
        paths[q.id] = name
    after = dataclasses.replace(content, questions=tuple(sorted(ids.values(), key=lambda q: q.id)), paths=paths,
                                lines={**content.lines, **docs})
    _, found = check(after)
    near = {e for e in found if _is_near_duplicate(e)}
    fresh = [e for e in found if e.path in outs and e.severity == "error" and e not in near]
    if fresh and any(shown.path(p).exists() for p in outs):
        _, before = check(content)
        old = {(e.path, e.field, e.message) for e in before}
        fresh = [e for e in fresh if (e.path, e.field, e.message) not in old]
    return fresh, sorted((e for e in near if e.path in outs), key=lambda e: (e.path, e.line or 0))


def _is_near_duplicate(e: ContentError) -> bool:
    """One of the errors of ``kb.checks.editorial.duplicates`` (told apart here so as not to run it twice)."""
    return (e.field.endswith(".title") or ".aliases[" in e.field) and e.message.startswith(
        ("repeats '", "same title as '", "alias '"))


def stamp(content_dir: Path, ids: list[str], stamp_all: bool,
          on_wait: Callable[[str], None] | None = None) -> int:
    """Set ``en.translated_from`` of the chosen questions; return how many files were written.

    Under ``ContentLock``; each file's new bytes are its old bytes with one line set, checked with kb
    check's loader, and written only if the file still holds the bytes that were read.
    """
    from kb.content.files import WriteError, question_files

    with ContentLock(content_dir, on_wait=on_wait):
        existing, errors = question_files(content_dir / "qa")
        if errors:
            raise Refused(f"{len(errors)} errors; fix these files first", errors)
        by_id = {q.id: (p, q) for p, q in existing.items()}
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise Refused("unknown question ids: " + ", ".join(unknown))
        chosen = sorted(by_id) if stamp_all else list(ids)
        if not chosen:
            raise Refused("name question ids, or use --all")
        outputs: dict[str, bytes] = {}
        read: dict[str, bytes] = {}
        for qid in chosen:
            path, q = by_id[qid]
            if q.en is None:
                if not stamp_all:
                    raise Refused(f"{path}: en: no English text to stamp")
                continue
            digest = zh_hash(q)
            if q.en.translated_from != digest:
                raw = path.read_bytes()
                try:
                    new = set_translated_from(raw, digest)
                except WriteError as exc:
                    raise Refused(f"{path}: {exc}; add `translated_from: {digest}` under en: by hand") from None
                assert isinstance(new, bytes)
                problems = _own_problems(new, path)
                if problems:
                    raise Refused(f"{path}: stamping would make it invalid; nothing was written", problems)
                outputs[str(path)], read[str(path)] = new, raw
        write(outputs, read)
        return len(outputs)


def _own_problems(data: bytes, path: Path) -> list[ContentError]:
    errors: list[ContentError] = []
    with tempfile.TemporaryDirectory(prefix="kb-stamp-") as tmp:
        staged = Path(tmp) / path.name
        staged.write_bytes(data)
        doc = read_document(staged, str(path), errors)
        if doc is not None:
            validate_model(doc, Question, str(path), errors)
    return errors
