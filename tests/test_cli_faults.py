"""`kb` commands when the system fails them: a full disk, a folder they cannot write, a file they cannot
read, Ctrl-C. One line `kb <command>: <path>: <what failed> (<reason>)`, a non-zero exit, no traceback,
no content file changed.

Tests run as root, whom chmod does not stop: a real write failure comes from a file size limit of 0
bytes (RLIMIT_FSIZE; every write() fails with EFBIG, as on a full disk), in a child process; the exact
messages come from the commands' own write and read calls made to fail.
"""

from __future__ import annotations

import errno
import os
import re
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.authoring.cli import main

SEED = Path(__file__).parent / "data" / "seeds" / "plain.md"
COMMANDS = {
    "import": ["import", str(SEED)],
    "stamp": ["stamp", "data-skew"],
    "new": ["new", "--id", "kv-cache-size", "--category", "foundations", "--title-zh", "KV 缓存有多大？", "--no-input"],
    "schema": ["schema", "--add-modelines"],
}


def snapshot(folder: Path) -> dict[str, bytes]:
    """The files a reader or the build sees (the importer's hidden temporary files are not content)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def no_file_writes() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG instead of killing the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_write_the_system_refuses_is_one_line(command: str, content_dir: Path):
    before = snapshot(content_dir.parent)
    args = [sys.executable, "-c", "from kb.authoring.cli import main; main()", *COMMANDS[command],
            "--content", str(content_dir)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, preexec_fn=no_file_writes,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    if command in ("import", "stamp"):
        # the word segmenter (jieba) caches its dictionary in the temporary folder first; stamp checks its output
        # in a temporary folder first: Python finds no usable one when no file can be written
        assert re.fullmatch(rf"kb {command}: (.*: cannot write|failed) \(No usable temporary directory found in .*\)",
                            last), done.stderr
    else:
        assert last.startswith(f"kb {command}: ") and last.endswith(": cannot write (File too large)"), done.stderr
    assert snapshot(content_dir.parent) == before


def fail_with(exc: BaseException):
    def fail(*args, **kwargs):
        raise exc

    return fail


def test_a_full_disk_names_the_command_the_folder_and_the_reason(content_dir: Path, monkeypatch):
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr("kb.content.files.Staged.commit", fail_with(full))
    result = CliRunner().invoke(main, ["stamp", "data-skew", "--content", str(content_dir)])
    assert result.exit_code == 1
    assert result.stderr == f"kb stamp: {(content_dir / 'qa').as_posix()}: cannot write (No space left on device)\n"


def test_a_read_only_folder_names_the_file(content_dir: Path, monkeypatch):
    target = content_dir / "qa" / "kv-cache-size.yml"
    monkeypatch.setattr("kb.authoring.new.atomic_write_all",
                        fail_with(PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(target))))
    result = CliRunner().invoke(main, [*COMMANDS["new"], "--content", str(content_dir)])
    assert result.exit_code == 1
    assert result.stderr == f"kb new: {target.as_posix()}: cannot write (Read-only file system)\n"
    assert not target.exists()


def test_an_unreadable_question_file_names_it(content_dir: Path, monkeypatch):
    path = content_dir / "qa" / "data-skew.yml"
    original = os.open

    def refuse(name, flags, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
        return original(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = CliRunner().invoke(main, ["stamp", "data-skew", "--content", str(content_dir)])
    assert result.exit_code == 1
    assert f"error: {path}: cannot read the file: Permission denied" in result.stderr
    assert "Traceback" not in result.output


def test_any_other_system_error_is_one_line(content_dir: Path, monkeypatch):
    monkeypatch.setattr("kb.authoring.stats.compute", fail_with(OSError(errno.EIO, os.strerror(errno.EIO), "x.yml")))
    result = CliRunner().invoke(main, ["stats", "--content", str(content_dir)])
    assert result.exit_code == 1
    assert result.stderr == "kb stats: x.yml: failed (Input/output error)\n"


def test_ctrl_c_is_one_line_and_exit_130(content_dir: Path, monkeypatch):
    monkeypatch.setattr("kb.content.files.Staged.commit", fail_with(KeyboardInterrupt()))
    before = snapshot(content_dir)
    result = CliRunner().invoke(main, ["stamp", "data-skew", "--content", str(content_dir)])
    assert result.exit_code == 130
    assert result.stderr == "\nkb stamp: interrupted\n"
    assert snapshot(content_dir) == before


def test_a_named_pipe_given_as_a_seed_document_is_refused(content_dir: Path, tmp_path: Path):
    """It blocked forever (the open waits for a writer): in a process with a deadline."""
    pipe = tmp_path / "seed.md"
    os.mkfifo(pipe)
    done = subprocess.run([sys.executable, "-c", "from kb.authoring.cli import main; main()", "import", str(pipe),
                           "--content", str(content_dir)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr == f"Error: {pipe}: named pipe (FIFO), not a regular file; expected a Markdown seed document\n"
