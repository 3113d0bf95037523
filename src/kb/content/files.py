"""Writing content files safely: all or nothing, and only the lines that must change.

``atomic_write_all`` stages every file as a hidden temporary file beside its target (``.<name>.<random>.kb-tmp``:
``kb check`` skips dot-files in content/qa), fsyncs it, and only then renames the temporaries into place, so a
crash leaves either the old file or the new one, never half of one; the temporaries are removed whatever
happens. A file the caller read is replaced only if it still holds the bytes the caller read (compare before
replace): an edit saved in the meantime is never overwritten. ``ContentLock`` keeps two writers of one content
folder (two ``kb import`` runs, an import and a ``kb stamp``) from interleaving.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Mapping

from kb.content.errors import ContentError
from kb.content.loader import read_document, validate_model
from kb.content.schema import Question
from kb.content.textedit import LineText


class WriteError(Exception):
    pass


class ChangedOnDisk(WriteError):
    """Files that changed between being read and being replaced; nothing of theirs was written."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        super().__init__("changed on disk while this command ran (an editor saved them?): " + ", ".join(paths)
                         + "; nothing was written to them. Run the command again: it reads them afresh")


LOCK_NAME = ".kb-write.lock"


class ContentLock:
    """An exclusive ``flock`` on ``content/.kb-write.lock`` for as long as the ``with`` block runs.

    The lock file lives in content/ (not content/qa, which holds only question files; not .git, which a
    content folder need not be in), is a dot-file (git-ignored, skipped by ``kb check``) and is never deleted:
    deleting a lock file while another process waits on it would let a third one lock a new file. The
    kernel releases the lock when the process ends, however it ends, so a crash never leaves it held.
    """

    def __init__(self, content_dir: Path, wait: float = 60.0, on_wait: Callable[[str], None] | None = None,
                 poll: float = 0.05) -> None:
        self.path = content_dir / LOCK_NAME
        self.wait = wait
        self.on_wait = on_wait
        self.poll = poll
        self._fd: int | None = None

    def __enter__(self) -> ContentLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
            if time.monotonic() >= deadline:
                os.close(fd)
                raise WriteError(f"another kb import or kb stamp is still writing to {self.path.parent} "
                                 f"(it holds {self.path}); try again when it has finished")
            if not told and self.on_wait is not None:
                self.on_wait(f"waiting for another kb import or kb stamp to finish ({self.path})")
                told = True
            time.sleep(self.poll)
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


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


def _bytes(content: str | bytes) -> bytes:
    if isinstance(content, bytes):
        return content  # written exactly as given (a surgical edit keeps BOM, CRLF and a missing last newline)
    return (content if content.endswith("\n") else content + "\n").encode("utf-8")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


class Staged:
    """Temporary files written and fsynced beside their targets; ``commit`` renames them into place.

    Use as a context manager: whatever happens, no temporary file is left behind.
    """

    def __init__(self, files: Mapping[str, str | bytes]) -> None:
        self.files = {name: _bytes(text) for name, text in sorted(files.items())}
        self.temps: dict[str, Path] = {}

    def __enter__(self) -> Staged:
        try:
            for name, data in self.files.items():
                target = Path(name)
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.kb-tmp")
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                self.temps[name] = tmp
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
            # every temp file on disk before any rename; fsync waits on the disk, so a few threads
            # overlap the waits (10,000 files one after another took 20 s)
            with ThreadPoolExecutor(max_workers=8) as pool:
                list(pool.map(_fsync, self.temps.values()))
        except BaseException:
            self.cleanup()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()

    def cleanup(self) -> None:
        for tmp in self.temps.values():
            tmp.unlink(missing_ok=True)
        self.temps = {}

    def commit(self, expected: Mapping[str, bytes | None]) -> list[str]:
        """Rename every staged file into place; return the targets skipped because they changed on disk.

        ``expected``: what each target held when it was read (None: it did not exist, and must not now).
        Every target is compared first, and if any differs nothing at all is renamed (all or nothing).
        Each is compared once more just before its own rename; one that changed in that last instant
        (after others were renamed) is skipped and returned.
        """
        changed = [n for n in self.files if _current(Path(n)) != expected.get(n)]
        if changed:
            return changed
        skipped = []
        dirs = set()
        for name, tmp in list(self.temps.items()):
            target = Path(name)
            before = expected.get(name)
            if _current(target) != before:
                skipped.append(name)
                continue
            if before is None:
                try:
                    os.link(tmp, target)  # fails if the target appeared meanwhile: never clobbers a new file
                except FileExistsError:
                    skipped.append(name)
                    continue
                tmp.unlink()
            else:
                os.replace(tmp, target)
            del self.temps[name]
            dirs.add(target.parent)
        for folder in dirs:  # the renames themselves survive a crash
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        return skipped


def atomic_write_all(files: Mapping[str, str | bytes], must_not_exist: set[str] = frozenset(),
                     expected: Mapping[str, bytes] | None = None) -> None:
    """Write every file or none: temp files first (fsynced), then renames.

    ``expected`` maps a file to the bytes it held when read: it is replaced only if it still holds them
    (otherwise ``ChangedOnDisk``, and nothing is written). A file in ``must_not_exist`` must not exist.
    Any other file is replaced whatever it holds.
    """
    clash = sorted(p for p in must_not_exist if Path(p).exists())
    if clash:
        raise WriteError("refusing to overwrite existing files: " + ", ".join(clash))
    want: dict[str, bytes | None] = {}
    for name in files:
        if name in must_not_exist:
            want[name] = None
        elif expected is not None and name in expected:
            want[name] = expected[name]
    with Staged(files) as staged:
        current = {n: _current(Path(n)) for n in files if n not in want}
        skipped = staged.commit({**current, **want})
    if skipped:
        raise ChangedOnDisk(skipped)


def set_translated_from(text: str | bytes, digest: str) -> str | bytes:
    """Set ``en.translated_from`` in a question file's text, touching only that line.

    Given bytes, returns bytes with every other byte as it was (BOM, CRLF line endings, comments); the
    ``translated_from`` line keeps its indentation and any comment after the value. A digest that a YAML
    reader could take for a number (``809e17854199`` is a float to YAML 1.2 parsers, as editors use them; all
    digits is an integer) is written quoted.
    """
    if isinstance(text, str):
        return set_translated_from(text.encode("utf-8"), digest).decode("utf-8")
    if re.fullmatch(r"[0-9]+(?:e[0-9]+)?", digest):
        digest = f'"{digest}"'
    doc = LineText(text)
    lines = [content for content, _ in doc.lines]
    try:
        start = next(i for i, ln in enumerate(lines) if re.fullmatch(r"en:\s*(?:#.*)?", ln.rstrip()))
    except StopIteration:
        raise WriteError("no block 'en:' mapping in the file") from None
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#"))),
               len(lines))
    indent = next((ln[: len(ln) - len(ln.lstrip())] for ln in lines[start + 1 : end] if ln.strip()), "  ")
    for i in range(start + 1, end):
        m = re.match(rf"({re.escape(indent)}translated_from:[ \t]*)(\"[^\"]*\"|'[^']*'|[^\s#]*)(.*)$", lines[i])
        if m:
            gap = " " if not m.group(2) and m.group(3).startswith("#") else ""  # `translated_from:  # note`
            doc.lines[i][0] = m.group(1) + digest + gap + m.group(3)
            return doc.encode()
    doc.insert_lines(start + 1, [f"{indent}translated_from: {digest}"])
    return doc.encode()
