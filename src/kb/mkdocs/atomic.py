"""`mkdocs build`: the new site is built beside the old one and takes its place only once complete.

MkDocs empties ``site_dir`` and writes page after page into it; static-i18n builds each language into it
in turn, and Pagefind indexes it last. A build that is stopped (an error, Ctrl-C, a kill) left a half-written
site. Here the outermost build's ``on_config`` points ``site_dir`` at a new folder, and the outermost
``on_post_build`` (every language written, the search index built: kb.mkdocs.hook) puts it in place of the
old site with one atomic exchange of the two folders (Linux ``renameat2(RENAME_EXCHANGE)``; two renames
elsewhere). Until then the previous site stays as it was.

The new folder lives in the system's temporary folder when that is on the same file system as the site
(a rename cannot cross file systems), so a killed build leaves nothing in the project; otherwise in a
hidden folder beside the site, which the next build removes. Folders of builds whose process is gone are
removed at the start of the next build. A strict build with warnings (MkDocs aborts it after
``on_post_build``) keeps the old site. ``--dirty`` builds and ``mkdocs serve`` write in place as MkDocs does.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "kb-build-"


class _WarningCount(logging.Handler):
    """Counts the warnings MkDocs logs (what its strict mode counts, on the same logger)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class AtomicSite:
    """One `mkdocs build` process's new site folder (kb.mkdocs.hook.KbHook holds it)."""

    def __init__(self) -> None:
        self.target: Path | None = None  # the site folder readers get
        self.workdir: Path | None = None  # holds the new site (``site``) until it is complete
        self.warnings = _WarningCount()

    @property
    def active(self) -> bool:
        return self.workdir is not None

    def begin(self, config) -> None:
        """Point ``config.site_dir`` at a new, empty folder (the outermost build's ``on_config``)."""
        target = Path(os.path.realpath(config.site_dir))
        target.parent.mkdir(parents=True, exist_ok=True)
        system = Path(tempfile.gettempdir())
        same_device = os.stat(system).st_dev == os.stat(target.parent).st_dev
        base, prefix = (system, PREFIX) if same_device else (target.parent, f".{PREFIX}")
        remove_leftovers(base, prefix)
        self.workdir = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=base))
        self.target = target
        config.site_dir = str(self.workdir / "site")
        self.warnings.count = 0
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def finish(self, config) -> bool:
        """Put the complete new site in place of the old one; False (old site kept) if strict mode will fail."""
        workdir, target = self.workdir, self.target
        if workdir is None or target is None:
            return False
        if config.strict and self.warnings.count:
            self.discard()
            return False
        replace_folder(workdir / "site", target, workdir / "previous")
        config.site_dir = str(target)
        self.discard()  # the previous site, now in workdir
        return True

    def discard(self) -> None:
        """Remove the new folder (an error, Ctrl-C) or what is left of the old site (after ``finish``)."""
        workdir, self.workdir = self.workdir, None
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


def replace_folder(new: Path, target: Path, aside: Path) -> None:
    """Make ``new`` be ``target``; the old ``target``, if any, ends up at ``aside`` (same file system)."""
    if not os.path.lexists(target):
        os.rename(new, target)
    elif _exchange(new, target):
        os.rename(new, aside)  # ``new`` now holds the old site
    else:
        os.rename(target, aside)
        os.rename(new, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # old kernel, or a file system without it
        return False
    raise OSError(code, os.strerror(code), str(b))


def remove_leftovers(base: Path, prefix: str) -> None:
    """Remove the new-site folders of earlier builds whose process is gone (killed, or a power cut)."""
    for path in base.glob(f"{prefix}*"):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
