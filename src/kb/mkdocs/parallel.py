"""`mkdocs build`: build the other languages in a forked process while this one builds the default.

static-i18n builds the default language and then, from its own ``on_post_build``, runs the whole
MkDocs build again for each other language: one core works, the other waits (these machines have
two). Here the default language's build forks once its files and navigation are known; the child
runs exactly the builds static-i18n would run next (the same ``build(config)`` call, with the same
plugin state), into a temporary folder (inside the new site's folder of kb.mkdocs.atomic, so nothing of it
is left in the project), and exits. When static-i18n's loop reaches those languages
in the parent, it finds them built: the child's files are moved into ``site_dir`` (replacing the
default language's copies of shared files such as ``404.html`` and ``sitemap.xml``, as the
sequential build's later writes do). The output is byte for byte the sequential build's
(tests/test_parallel.py); the search index is built after both (kb.search_index).

Not used by ``mkdocs serve`` (threads), ``--dirty``, one-language builds (``KB_LANG``), machines
with one core, or with ``KB_PARALLEL=0``. A failed child build fails the build.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import shutil
import signal
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.kb.mkdocs.parallel")


@dataclass
class _Child:
    pid: int
    workdir: Path
    languages: tuple[str, ...]


class ParallelBuild:
    """The other languages' build of one `mkdocs build` process (kb.mkdocs.hook.KbHook holds it)."""

    def __init__(self) -> None:
        self.child: _Child | None = None  # in the parent, once forked
        self.forked = False  # True in the child: it never forks again

    def wanted(self, command: str | None, dirty: bool, config) -> bool:
        """Whether this build should fork: the first build of a multi-language `mkdocs build`."""
        return not self.forked and _wanted(command, dirty, config)

    def fork(self, config) -> None:
        """Fork; the child builds the other languages and exits, the parent returns and goes on."""
        i18n = config.plugins.get("i18n")
        languages = tuple(lang for lang in i18n.build_languages if lang != i18n.default_language)
        workdir = Path(tempfile.mkdtemp(prefix=".kb-parallel-", dir=Path(config.site_dir).resolve().parent))
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        # What both processes hold from here on (modules, the content) is never scanned by the cyclic
        # collector again: scanning writes to every object and would copy the shared pages into each.
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            self.forked = True
            os._exit(_child(config, i18n, languages, workdir))
        self.child = _Child(pid, workdir, languages)
        _redirect_i18n_builds(self)

    def is_parent(self) -> bool:
        """True in a build that forked the other languages' build (it builds the default language only)."""
        return self.child is not None

    def collect(self, config) -> None:
        """Wait for the child and move its files (pages, its search index) into ``site_dir``."""
        child, self.child = self.child, None
        if child is not None:
            collect(config, child)

    def abandon(self) -> None:
        """Parent: the build stopped early (an error): do not leave the child running or its files behind."""
        child, self.child = self.child, None
        if child is not None:
            try:
                os.kill(child.pid, signal.SIGKILL)
                os.waitpid(child.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            shutil.rmtree(child.workdir, ignore_errors=True)


def _wanted(command: str | None, dirty: bool, config) -> bool:
    if command != "build" or dirty or os.environ.get("KB_PARALLEL", "1") == "0":
        return False
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return False
    i18n = config.plugins.get("i18n")
    try:
        import mkdocs_static_i18n.plugin as i18n_module

        others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
        first = (i18n.current_language or i18n.default_language) == i18n.default_language and not i18n.building
    except (AttributeError, ImportError):
        return False
    return bool(others) and first and callable(getattr(i18n_module, "build", None))



def _child(config, i18n, languages: tuple[str, ...], workdir: Path) -> int:
    """The other languages' builds, as static-i18n's ``on_post_build`` would run them."""
    code = 0
    try:
        from mkdocs.commands.build import build

        config.site_dir = str(workdir / "site")
        i18n.building = True  # static-i18n's flag for its own nested builds
        for lang in languages:
            i18n.current_language = lang
            build(config, dirty=False)
    except BaseException as exc:  # noqa: BLE001 - the child must exit, never return into the parent's build
        from mkdocs.exceptions import MkDocsException

        # PluginError, BuildError, Abort (strict mode): one line, as MkDocs prints it
        if isinstance(exc, MkDocsException):
            log.error(exc.format_message() if hasattr(exc, "format_message") else str(exc))
        elif not isinstance(exc, (SystemExit, KeyboardInterrupt)):  # Ctrl-C: the parent says so, once
            traceback.print_exc()
        code = 130 if isinstance(exc, KeyboardInterrupt) else 1
    finally:
        # What a normal exit runs (atexit: logging, and scripts/_timed_mkdocs.py's timings of this process).
        run_exit_functions = getattr(atexit, "_run_exitfuncs", logging.shutdown)
        run_exit_functions()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001
                pass
    return code


def _redirect_i18n_builds(parallel: ParallelBuild) -> None:
    """In the parent, static-i18n's call ``build(config)`` for a forked language collects the child."""
    import mkdocs_static_i18n.plugin as i18n_module

    original = getattr(i18n_module.build, "kb_original", i18n_module.build)

    def build(config, *args, **kwargs):
        child = parallel.child
        i18n = config.plugins.get("i18n")
        if child is not None and i18n.current_language in child.languages:
            if i18n.current_language == child.languages[0]:
                parallel.collect(config)
            return None
        return original(config, *args, **kwargs)

    build.kb_original = original  # type: ignore[attr-defined]
    i18n_module.build = build


def collect(config, child: _Child) -> None:
    """Wait for the child and move its files (pages, its search index) into ``site_dir``."""
    _, status = os.waitpid(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    try:
        if code != 0:
            raise PluginError(f"kb: the build of {', '.join(child.languages)} (a parallel process) failed "
                              f"with exit code {code}; its messages are above")
        _move_tree(child.workdir / "site", Path(config.site_dir))
    finally:
        shutil.rmtree(child.workdir, ignore_errors=True)


def _move_tree(src: Path, dest: Path) -> None:
    """Move every file of ``src`` to the same place under ``dest``, replacing what is there."""
    for folder, _dirs, names in os.walk(src):
        target = dest / Path(folder).relative_to(src)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(folder) / name, target / name)
