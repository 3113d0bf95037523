"""Files that are not files: links, named pipes, devices, sockets, huge files, under content/.

Each is refused with the file, what it is and what was expected; nothing is followed, opened or read
beyond the size limit (kb.content.readfile).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kb.content.loader import MAX_BYTES, read_document
from kb.content.readfile import NotRegular, TooLarge, read_regular
from kb.site import fingerprint, validate

LINK = "symbolic link: content folders must be real folders (a link can pull in files from outside the repository)"


def errors(content_dir: Path) -> list[str]:
    return [e.format() for e in validate(content_dir)[2] if e.severity == "error"]


def test_content_folder_that_is_a_link_is_refused(content_dir: Path):
    real = content_dir.parent / "elsewhere"
    content_dir.rename(real)
    content_dir.symlink_to(real)
    assert errors(content_dir)[0] == f"content: {LINK}"


def test_qa_folder_that_is_a_link_is_refused(content_dir: Path):
    shutil.move(content_dir / "qa", content_dir.parent / "qa-elsewhere")
    (content_dir / "qa").symlink_to(content_dir.parent / "qa-elsewhere")
    assert f"content/qa: {LINK}" in errors(content_dir)


def test_socket_in_qa_is_refused(content_dir: Path, monkeypatch):
    monkeypatch.chdir(content_dir / "qa")  # a socket's path must be short: bind it by a relative name
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("sock.yml")
        assert "content/qa/sock.yml: socket, not a regular file; expected a YAML file" in errors(content_dir)


def test_a_device_is_refused_without_reading_it():
    errs: list = []
    assert read_document(Path("/dev/zero"), "zero.yml", errs) is None
    assert [e.format() for e in errs] == ["zero.yml: character device, not a regular file; expected a YAML file"]
    with pytest.raises(NotRegular) as info:
        read_regular(Path("/dev/null"), MAX_BYTES)
    assert info.value.what == "character device"


def test_at_most_the_limit_plus_one_byte_is_read(tmp_path: Path, monkeypatch):
    big = tmp_path / "big.yml"
    with big.open("wb") as f:
        f.truncate(10 * 1024**3)  # 10 GiB, sparse
    with pytest.raises(TooLarge) as info:
        read_regular(big, MAX_BYTES)
    assert info.value.size == 10 * 1024**3
    # A file that grows after fstat: no more than limit + 1 bytes are asked for
    small = tmp_path / "small.yml"
    small.write_bytes(b"x" * 10)
    asked: list[int] = []
    original = os.read

    def endless(fd: int, n: int) -> bytes:
        asked.append(n)
        return b"y" * n

    monkeypatch.setattr(os, "read", endless)
    with pytest.raises(TooLarge):
        read_regular(small, 100)
    monkeypatch.setattr(os, "read", original)
    assert sum(asked) == 101


def test_fingerprint_reads_nothing_unbounded(content_dir: Path):
    """It read every file under content/ whole and followed folder links; a 4 GiB file cost 4 GiB of memory."""
    with (content_dir / "huge.bin").open("wb") as f:
        f.truncate(4 * 1024**3)
    os.mkfifo(content_dir / "pipe")
    (content_dir / "zero").symlink_to("/dev/zero")
    (content_dir / "root").symlink_to("/")
    code = ("import sys; from pathlib import Path; from kb.site import fingerprint; "
            "print(fingerprint(Path(sys.argv[1])))")
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))"
    done = subprocess.run([sys.executable, "-c", f"{limit}; {code}", str(content_dir)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == fingerprint(content_dir)


def test_fingerprint_changes_with_what_load_reads(content_dir: Path):
    before = fingerprint(content_dir)
    path = content_dir / "qa" / "overfitting.yml"
    path.write_bytes(path.read_bytes() + b"\n")
    changed = fingerprint(content_dir)
    assert changed != before
    (content_dir / "qa" / "link.yml").symlink_to("overfitting.yml")
    assert fingerprint(content_dir) != changed
