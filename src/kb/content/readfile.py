"""Reading a file of the repository safely: a regular file only, never more than a limit.

Git carries symbolic links, and a checkout can hold anything a link points to (``/dev/zero`` reads forever,
a named pipe blocks forever, ``/etc/hosts`` is outside the repository). A file is opened without following
a link and without blocking (``O_NOFOLLOW``, ``O_NONBLOCK``), checked to be a regular file on the open
descriptor (``fstat``; ``lstat`` first, so a device is never opened), and read up to ``limit + 1`` bytes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
          | getattr(os, "O_CLOEXEC", 0))
_CHUNK = 1 << 20

SYMLINK = "symbolic link"


class NotRegular(Exception):
    """The path is not a regular file; ``what`` says what it is ("symbolic link", "named pipe (FIFO)", ...)."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path}: {what}, not a regular file")
        self.path, self.what = path, what


class TooLarge(Exception):
    """The file holds more than the limit; ``size`` is its size in bytes (at least ``limit + 1``)."""

    def __init__(self, path: Path, size: int) -> None:
        super().__init__(f"{path}: {size} bytes")
        self.path, self.size = path, size


def kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words."""
    if stat.S_ISREG(mode):
        return "regular file"
    if stat.S_ISLNK(mode):
        return SYMLINK
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def read_regular(path: Path, limit: int, follow: bool = False) -> bytes:
    """The bytes of the regular file ``path``; at most ``limit`` of them.

    Raises ``NotRegular`` for anything else (a symbolic link unless ``follow``), ``TooLarge`` when the file
    holds more than ``limit`` bytes (no more than ``limit + 1`` are read), ``OSError`` when it cannot be read.
    """
    st = os.stat(path) if follow else os.lstat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegular(path, kind(st.st_mode))
    try:
        fd = os.open(path, _FLAGS & ~getattr(os, "O_NOFOLLOW", 0) if follow else _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:  # replaced by a link since lstat
            raise NotRegular(path, SYMLINK) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(path, kind(st.st_mode))
        if st.st_size > limit:
            raise TooLarge(path, st.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # grew since fstat
        raise TooLarge(path, max(len(data), st.st_size))
    return data
