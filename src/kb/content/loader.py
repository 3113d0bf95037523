"""The only reader of ``content/``: files -> validated models, or every error found.

Bytes are checked before YAML sees them (binary, encoding, size); a UTF-8 byte-order mark and
Windows line endings are accepted and normalised.
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from kb.content.errors import SHOWN_MAX, ContentError, field_path, quoted, shorten
from kb.content.readfile import SYMLINK, NotRegular, TooLarge, read_regular
from kb.content.schema import (PATTERN_EXPECTED, Category, CategoryFile, GlossaryFile, GlossaryTerm, Question,
                               SyllabusArea, SyllabusFile, Tag, TagFile, Track, TrackFile)
from kb.content.yamlio import MAX_DEPTH, Document, parse, structure_problems, too_deep

MAX_BYTES = 512 * 1024
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Content:
    """Everything in ``content/``, validated file by file (cross-file checks live in kb.validate)."""

    root: Path
    questions: tuple[Question, ...]
    categories: tuple[Category, ...]
    tags: tuple[Tag, ...]
    glossary: tuple[GlossaryTerm, ...]
    syllabus: tuple[SyllabusArea, ...] = ()
    tracks: tuple[Track, ...] = ()
    paths: dict[str, str] = field(default_factory=dict)  # question id -> path shown to users
    unreadable: frozenset[str] = frozenset()  # ids (file names) of question files that failed to load
    lines: dict[str, Document] = field(default_factory=dict)  # path -> parsed document
    files: dict[str, str] = field(default_factory=dict)  # "categories", "tags", "glossary", "syllabus", "tracks"
    failed: frozenset[str] = frozenset()  # of those files (by kind), the ones missing or invalid


_NO_QUESTIONS = ("no question files (qa/<id>.yml): the site would have no questions; `kb new` starts one, "
                 "`kb import` makes them from seed documents")


class Parsed:
    """The valid question files of earlier loads, by the path shown and their text: ``mkdocs serve`` loads the
    content again after every save, and a file whose text is unchanged is not parsed and validated again
    (1.8 of the 4.1 s it took to load and check 1,000 questions). The owner keeps one per content folder."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[str, Document, BaseModel]] = {}

    def get(self, name: str, text: str) -> tuple[Document, BaseModel] | None:
        hit = self.files.get(name)
        return (hit[1], hit[2]) if hit is not None and hit[0] == text else None


def load(root: Path, display_root: Path | None = None, parsed: Parsed | None = None
         ) -> tuple[Content, list[ContentError]]:
    """Read and validate every file under ``root``; return what was valid plus all errors.

    Only regular files and folders inside ``root`` are read: a symbolic link (``root`` itself, ``qa/``, a
    file) or a special file (named pipe, device, socket) is an error, never followed or opened. ``parsed``:
    question files read before, reused when their text has not changed (and updated).
    """
    reader = _Reader(root, display_root if display_root is not None else root.parent, parsed)
    if root.is_symlink():
        reader.errors.append(ContentError(reader.rel(root), None, "", _SYMLINK_DIR))
        files = {kind: reader.rel(root / f"{kind}.yml") for kind in ("categories", "tags", "glossary", "syllabus")}
        return Content(root=root, questions=(), categories=(), tags=(), glossary=(), files=files,
                       failed=frozenset({"categories", "tags"})), reader.errors
    named = reader.read_named()
    questions, paths, unreadable = reader.read_questions()
    if parsed is not None:  # only the files of this load: a deleted or broken file is not kept
        parsed.files = reader.seen
    cats, tags, gloss, syllabus, tracks = (named.get(kind) for kind in _NAMED)
    content = Content(
        root=root,
        questions=tuple(sorted(questions, key=lambda q: q.id)),
        categories=tuple(sorted(cats.categories, key=lambda c: (c.order, c.slug))) if cats else (),
        tags=tags.tags if tags else (),
        glossary=gloss.terms if gloss else (),
        syllabus=syllabus.areas if syllabus else (),
        tracks=tracks.tracks if tracks else (),
        paths=paths,
        lines=reader.docs,
        unreadable=frozenset(unreadable),
        files={kind: reader.rel(root / f"{kind}.yml") for kind in _NAMED},
        failed=frozenset(reader.failed(named)),
    )
    return content, reader.errors


# The named files of content/: kind -> (model, required)
_NAMED: dict[str, tuple[type[BaseModel], bool]] = {
    "categories": (CategoryFile, True), "tags": (TagFile, True), "glossary": (GlossaryFile, False),
    "syllabus": (SyllabusFile, False), "tracks": (TrackFile, False),
}


class _Reader:
    """One run of ``load``: the root, how paths are shown, and what was read and found wrong so far."""

    def __init__(self, root: Path, shown: Path, parsed: Parsed | None = None) -> None:
        self.root = root
        self.shown = shown
        self.errors: list[ContentError] = []
        self.docs: dict[str, Document] = {}
        self.parsed = parsed
        self.seen: dict[str, tuple[str, Document, BaseModel]] = {}  # what ``parsed`` holds after this load

    def rel(self, p: Path) -> str:
        try:
            return p.relative_to(self.shown).as_posix()
        except ValueError:
            return p.as_posix()

    def read(self, path: Path, model: type[M], required: bool = True) -> M | None:
        """The validated model of one file, or None after recording why (nothing if optional and absent)."""
        name = self.rel(path)
        if not path.is_symlink() and not path.exists():
            if required:
                self.errors.append(ContentError(name, None, "", "file is missing"))
            return None
        # a question file whose text an earlier load saw is not parsed and validated again (``Parsed``)
        text = _text_or_none(path) if self.parsed is not None and model is Question else None
        hit = self.parsed.get(name, text) if text is not None else None
        if hit is not None:
            self.docs[name], result = hit
            self.seen[name] = (text, *hit)
            return result
        doc = read_document(path, name, self.errors, text)
        if doc is None:
            return None
        self.docs[name] = doc
        known = len(self.errors)
        result = validate_model(doc, model, name, self.errors)
        if result is not None and model is Question:
            doc.release(reread=functools.partial(_reread, path))  # the model holds what the build needs
            if text is not None and len(self.errors) == known:
                self.seen[name] = (text, doc, result)
        return result

    def read_named(self) -> dict[str, BaseModel | None]:
        """categories.yml, tags.yml, glossary.yml, syllabus.yml and tracks.yml, in that order."""
        return {kind: self.read(self.root / f"{kind}.yml", model, required)
                for kind, (model, required) in _NAMED.items()}

    def failed(self, named: dict[str, BaseModel | None]) -> set[str]:
        """The named files that did not load: a required one missing or invalid, an optional one invalid."""
        return {kind for kind, (_model, required) in _NAMED.items() if named[kind] is None
                and (required or (self.root / f"{kind}.yml").is_symlink() or (self.root / f"{kind}.yml").exists())}

    def read_questions(self) -> tuple[list[Question], dict[str, str], set[str]]:
        """The valid questions of content/qa, the path shown for each id, and the ids of the files that failed."""
        questions: list[Question] = []
        paths: dict[str, str] = {}
        unreadable: set[str] = set()
        known = len(self.errors)
        listing = _listing(self.root / "qa", self.rel, self.errors)
        stems = {p.stem for p in listing if p.suffix == ".yml"}
        if not stems and len(self.errors) == known:  # a folder, readable, without a single question file
            self.errors.append(ContentError(self.rel(self.root / "qa"), None, "", _NO_QUESTIONS))
        for path in listing:
            if path.name.startswith("."):
                continue  # editor swap files and the importer's temporary files
            if not self._is_question_file(path):
                continue
            q = self.read_question(path, stems)
            if q is None:
                unreadable.add(path.stem)
                continue
            questions.append(q)
            paths[q.id] = self.rel(path)
        return questions, paths, unreadable

    def _is_question_file(self, path: Path) -> bool:
        """True for a regular ``.yml`` file; otherwise records why the entry does not belong in content/qa."""
        name = self.rel(path)
        if path.is_symlink():
            self.errors.append(ContentError(name, None, "", _SYMLINK))
        elif path.is_dir():
            self.errors.append(ContentError(
                name, None, "", "unexpected folder in content/qa: question files live directly in content/qa"))
        elif path.suffix != ".yml":
            hint = f"; rename it to {path.stem}.yml" if path.suffix.lower() in (".yaml", ".yml") else ""
            self.errors.append(ContentError(name, None, "",
                                            f"unexpected file in content/qa: question files end in .yml{hint}"))
        else:
            return True
        return False

    def read_question(self, path: Path, stems: set[str]) -> Question | None:
        """One question file, valid and with the id its file name gives, or None after recording why not."""
        q = self.read(path, Question)
        if q is None or q.id == path.stem:
            return q
        name = self.rel(path)
        if q.id in stems:
            msg = (f"'{q.id}' is already the id of {self.rel(self.root / 'qa' / (q.id + '.yml'))}; "
                   f"give this question its own id, the same as its file name ('{path.stem}')")
        else:
            msg = f"'{q.id}' does not match the file name; expected '{path.stem}'"
        self.errors.append(ContentError(name, self.docs[name].line_of(("id",)), "id", msg))
        return None


_SYMLINK = "symbolic link: content files must be regular files (a link can pull in a file from outside the repository)"
_SYMLINK_DIR = ("symbolic link: content folders must be real folders "
                "(a link can pull in files from outside the repository)")


def _listing(qa_dir: Path, rel, errors: list[ContentError]) -> list[Path]:
    """The entries of content/qa, sorted; an error if it is a link or not a folder."""
    if qa_dir.is_symlink():
        errors.append(ContentError(rel(qa_dir), None, "", _SYMLINK_DIR))
        return []
    if not qa_dir.exists():
        return []
    if not qa_dir.is_dir():
        errors.append(ContentError(rel(qa_dir), None, "", "expected a folder of question files, found a file"))
        return []
    try:
        return sorted(qa_dir.iterdir())
    except OSError as exc:
        errors.append(ContentError(rel(qa_dir), None, "", f"cannot list the folder: {exc.strerror or exc}"))
        return []


def _reread(path: Path) -> str:
    """The text of a file as ``read_document`` saw it (to find a line number for a later check)."""
    return _unix_newlines(read_regular(path, MAX_BYTES).decode("utf-8-sig", errors="replace"))


def _text_or_none(path: Path) -> str | None:
    """The file's text, or None if it cannot be read (``read_document`` reads it again and says why)."""
    try:
        return _read_text(path)
    except _Unreadable:
        return None


def _unix_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: Path, name: str, errors: list[ContentError], text: str | None = None) -> Document | None:
    """The parsed file, or None after appending why it cannot be read. ``text``: the file's, already read.

    Only a regular file is read (``kb.content.readfile``: not a link, pipe or device), and no more than
    ``MAX_BYTES + 1`` bytes of it.
    """
    try:
        text = _read_text(path) if text is None else text
        doc = _parse_text(text)
    except _Unreadable as exc:
        errors.append(ContentError(name, exc.line, "", exc.message))
        return None
    problems = structure_problems(doc)
    for line, loc, msg in problems:
        errors.append(ContentError(name, line, field_path(loc), msg))
    if problems:
        return None
    doc.release()  # composed again only if a line number is needed
    return doc


class _Unreadable(Exception):
    """Why a file cannot be read as a YAML mapping (a ContentError without the file name yet)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _read_text(path: Path) -> str:
    """The file as text with Unix newlines; raises _Unreadable if it is not a small, non-empty UTF-8 file."""
    try:
        raw = read_regular(path, MAX_BYTES)
    except NotRegular as exc:
        raise _Unreadable(_SYMLINK if exc.what == SYMLINK
                          else f"{exc.what}, not a regular file; expected a YAML file") from None
    except TooLarge as exc:
        raise _Unreadable(f"file is {exc.size} bytes; expected at most {MAX_BYTES}") from None
    except OSError as exc:
        raise _Unreadable(f"cannot read the file: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise _Unreadable("binary file (contains NUL bytes); expected UTF-8 YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unreadable(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                          raw[: exc.start].count(b"\n") + 1) from None
    text = _unix_newlines(text)
    if not text.strip():
        raise _Unreadable("file is empty; expected a YAML mapping")
    return text


def _parse_text(text: str) -> Document:
    """The YAML document of ``text`` with a mapping at the top; raises _Unreadable otherwise."""
    deep = too_deep(text)
    if deep:
        raise _Unreadable(f"nested more than {MAX_DEPTH} levels deep; content files need only a few levels", deep)
    try:
        doc = parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # PyYAML puts the end of a file without a final newline on the line after the last one
        line = min(mark.line + 1, text.count("\n") + 1) if mark else None
        raise _Unreadable(_yaml_message(exc, text), line) from None
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__ if doc.data is not None else "nothing"
        raise _Unreadable(f"expected a YAML mapping at the top level, got {kind}", 1)
    return doc


_YAML_HINTS = (  # a phrase of PyYAML's problem -> what the author should do
    ("constructor for the tag", "YAML tags (!!name) are not allowed in content"),
    ("another document", "one question per file, without '---' separators"),
    ("mapping values are not allowed", "if a one-line value contains ': ', quote it (\"…\") or write it as a "
                                       "block (|); otherwise check the indentation"),
)


def _yaml_message(exc: yaml.YAMLError, text: str) -> str:
    """PyYAML's complaint in the author's terms, with a hint for the usual causes."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else None
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    msg = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    hint = next((hint for phrase, hint in _YAML_HINTS if phrase in problem), None)
    if hint:
        msg += "; " + hint
    lines = text.split("\n")
    # the mark may be past the last line: at the end of a file without a final newline ("zh: [")
    if line and line <= len(lines) and "\t" in lines[line - 1][: mark.column + 1]:
        msg += "; YAML does not allow tabs for indentation: use spaces"
    return msg


def validate_model(doc: Document, model: type[M], name: str, errors: list[ContentError]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            if _items_failed(err):
                continue  # the items' own errors say what is wrong
            loc = tuple(err["loc"])
            errors.append(ContentError(name, doc.line_of(loc), field_path(loc), _message(err, model, loc, doc)))
        return None


def _message(err: dict, model: type[BaseModel], loc: tuple, doc: Document | None = None) -> str:
    kind = err["type"]
    got = err.get("input")
    node = doc.node_at(loc) if doc is not None and not isinstance(got, (str, dict, list, tuple)) else None
    written = node.value if isinstance(node, yaml.ScalarNode) else None  # the value as the file has it
    if kind == "extra_forbidden":
        return f"unknown key; expected one of: {', '.join(_allowed_keys(model, loc[:-1]))}"
    if kind == "missing":
        return "required field is missing"
    if kind == "value_error":  # a validator of the schema: its message says it all
        return str(err.get("ctx", {}).get("error") or err["msg"])
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        return f"expected {PATTERN_EXPECTED.get(pattern, f'text matching {pattern}')}, got {quoted(got)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":  # a list with min_length (a track's stages, a stage's questions)
        least, got = err.get("ctx", {}).get("min_length", 1), len(err.get("input") or ())
        noun = _SINGULAR.get(loc[-1], "item") if loc else "item"
        return f"{'is empty' if not got else f'has {got}'}; expected at least {least} {noun}{'s' * (least != 1)}"
    if kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return f"is {len(got)} characters long; expected at most {limit}"
    if got is None and kind in _EXPECTED:
        what = "item" if loc and isinstance(loc[-1], int) else "key"
        return f"has no value; write {_EXPECTED[kind]} or remove the {what}"
    if kind in _EXPECTED:
        msg = f"expected {_EXPECTED[kind]}, got {_shown(got, written)}"
        if kind == "string_type" and written is not None:  # `title: yes`: a YAML boolean where text was meant
            key = "- " if isinstance(loc[-1], int) else f"{shorten(str(loc[-1]))}: "
            msg += (f"; to keep it as text, quote it: {key}{_yaml_quoted(written)}" if len(written) <= SHOWN_MAX
                    else "; to keep it as text, put it in quotes")
        elif kind == "int_type" and isinstance(got, str) and _plain(doc, loc) and _yaml11_int(got):
            msg = f"expected a whole number in decimal digits, got {quoted(got)}{_yaml11_int(got)}"  # `010`
        elif kind == "int_type" and isinstance(got, str) and got.strip().lstrip("+-").isdecimal():
            msg += "; write the number without quotes"
        return msg
    if kind in _BOUNDS:
        words, bound = _BOUNDS[kind]
        return f"must be {words} {err.get('ctx', {}).get(bound)}, got {shorten(str(got))}"
    if kind.startswith(("date_", "datetime_")):
        return f"expected a date (YYYY-MM-DD), got {_shown(got, written)}"
    return f"{err['msg'].rstrip('.')} (got {_shown(got, written)})"


def _plain(doc: Document | None, loc: tuple) -> bool:
    """Whether the value at ``loc`` was written without quotes (a plain scalar)."""
    node = doc.node_at(loc) if doc is not None else None
    return isinstance(node, yaml.ScalarNode) and not node.style


def _yaml11_int(text: str) -> str:
    """What YAML 1.1 reads ``text`` as when it is an integer written another way (``010`` is octal 8)."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f" (YAML 1.1 reads it as {value}); write {value} if that is what you meant"
    return ""


def _items_failed(err: dict) -> bool:
    """A list too short only because items that failed validation were dropped (pydantic counts what is left)."""
    return (err["type"] == "too_short" and isinstance(err.get("input"), (list, tuple))
            and len(err["input"]) >= err.get("ctx", {}).get("min_length", 1))


_SINGULAR = {"tracks": "track", "stages": "stage", "questions": "question"}  # a list's items, in messages
_EXPECTED = {
    "int_parsing": "a whole number", "int_type": "a whole number", "int_from_float": "a whole number",
    "string_type": "text", "tuple_type": "a list", "list_type": "a list",
    "dict_type": "a mapping (key: value lines)", "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}

_BOUNDS = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
           "greater_than": ("more than", "gt"), "less_than": ("less than", "lt")}


_YAML_KIND = ((bool, "a YAML boolean"), (int, "a YAML number"), (float, "a YAML number"),
              (_dt.datetime, "a YAML date and time"), (_dt.date, "a YAML date"))


def _shown(value: object, written: str | None = None) -> str:
    """A value echoed in a message: text quoted and shortened; other scalars as the file wrote them (``yes``,
    ``2024-01-01``, not ``True`` or ``datetime.date(2024, 1, 1)``) with what YAML read them as."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, (set, frozenset)):
        return "a set"
    if isinstance(value, str):
        return quoted(value)
    kind = next((name for t, name in _YAML_KIND if isinstance(value, t)), None)
    text = shorten(written if written is not None else str(value))
    return f"{text} ({kind})" if kind else text


def _yaml_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            break
        nested = _model_in(info.annotation)
        if nested is None:
            break
        current = nested
    return list(current.model_fields)


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None
