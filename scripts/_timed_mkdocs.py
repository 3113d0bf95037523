"""Run the ``mkdocs`` command line and record how long each plugin and hook spends in its events.

Used by ``scripts/benchmark.py``; usable alone:

    python scripts/_timed_mkdocs.py TIMINGS.json build -q

MkDocs calls every plugin and hook through ``PluginCollection.run_event``. This wrapper replaces
that method with an identical loop that times each handler, and writes *exclusive* seconds per
origin (a plugin name such as ``material/search`` or a hook path such as ``hooks/generate.py``)
and per ``origin:event`` to TIMINGS.json when the process exits. Exclusive: static-i18n builds
the other languages from inside its own ``on_post_build``; the events of that nested build are
charged to their own plugins, and MkDocs' own work in it to ``mkdocs (other languages)``, not to
i18n. Loading hook modules (importing ``kb``) is charged to the hook as ``<hook>:import``; jieba's
one-time dictionary load to ``jieba dictionary (shared)``, whichever plugin or hook segments first.
The kb code that MkDocs calls through kb's wrappers, not through an event (rendering a generated page
when MkDocs reads it; in commits before Pagefind also Chinese segmentation, the search view and the
HTML tokenizer inside the search plugin, writing the search indexes), is charged to ``hooks/generate.py``
too, not to its caller.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import time
from collections import defaultdict

from mkdocs import plugins
from mkdocs.__main__ import cli
from mkdocs.config import config_options

_totals: dict[str, float] = defaultdict(float)  # wall seconds
_cpu: dict[str, float] = defaultdict(float)  # CPU seconds of this process (MkDocs is single-threaded)
_calls: dict[str, int] = defaultdict(int)
_stack: list[list[float]] = []  # [wall, cpu] spent in nested timed calls, per open frame


def _timed(key: str, fn, *args, **kwargs):
    _stack.append([0.0, 0.0])
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        return fn(*args, **kwargs)
    finally:
        elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        nested = _stack.pop()
        _totals[key] += elapsed - nested[0]
        _cpu[key] += cpu - nested[1]
        _calls[key] += 1
        if _stack:
            _stack[-1][0] += elapsed
            _stack[-1][1] += cpu


def _run_event(self, name, item=None, **kwargs):
    # Same loop as mkdocs.plugins.PluginCollection.run_event (MkDocs 1.6.1), with a timer around each handler.
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = origin
        key = f"{origin}:{name}"
        result = _timed(key, method, item, **kwargs) if pass_item else _timed(key, method, **kwargs)
        if result is not None:
            item = result
    self._current_plugin = None
    return item


_load_hook = config_options.Hooks._load_hook


def _timed_load_hook(self, name, path):
    return _timed(f"{name}:import", _load_hook, self, name, path)


PROJECT_IN_OTHERS = "hooks/generate.py:kb code called by MkDocs and Material"


def _time_project_code() -> None:
    """Time the kb functions that kb's wrappers of MkDocs and Material call (kb.mkdocs.glue)."""
    try:
        import kb.mkdocs.glue as glue
        from kb.render.pagebody import Body
    except ImportError:
        return
    Body.toc_tokens = _timer(PROJECT_IN_OTHERS, Body.toc_tokens)
    glue.GeneratedPages.page = _timer(PROJECT_IN_OTHERS, glue.GeneratedPages.page)


def _timer(key: str, fn):
    def timed(*args, **kwargs):
        return _timed(key, fn, *args, **kwargs)
    return timed


def _timed_nested_build(build):
    def nested(config, **kwargs):
        return _timed("mkdocs (other languages)", build, config, **kwargs)
    return nested


def _write(path: str, started: float) -> None:
    events = dict(sorted(_totals.items()))
    by_origin: dict[str, float] = defaultdict(float)
    cpu_by_origin: dict[str, float] = defaultdict(float)
    for key, seconds in events.items():
        origin = key.rsplit(":", 1)[0] if ":" in key else key
        by_origin[origin] += seconds
        cpu_by_origin[origin] += _cpu[key]
    data = {"process_seconds": time.perf_counter() - started, "process_cpu": time.process_time(),
            "origins": dict(by_origin), "origins_cpu": dict(cpu_by_origin), "events": events,
            "events_cpu": dict(sorted(_cpu.items())), "calls": dict(_calls)}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1)


_child = {"suffix": ""}


def _forked() -> None:
    """In a forked child: count only what the child does (its CPU clock starts at zero too)."""
    _totals.clear()
    _cpu.clear()
    _calls.clear()
    _stack.clear()
    _child["suffix"] = f".{os.getpid()}"
    _child["started"] = time.perf_counter()


def _write_here(path: str, started: float) -> None:
    _write(path + _child["suffix"], _child.get("started", started))


def main() -> None:
    started = time.perf_counter()
    out, args = sys.argv[1], sys.argv[2:]
    plugins.PluginCollection.run_event = _run_event
    config_options.Hooks._load_hook = _timed_load_hook
    try:  # jieba loads its dictionary once, for whoever segments first (search or kb.checks.similar)
        import jieba

        load = jieba.Tokenizer.initialize
        jieba.Tokenizer.initialize = lambda self, *a, **k: _timed("jieba dictionary (shared)", load, self, *a, **k)
    except ImportError:
        pass
    try:  # static-i18n builds the other languages with its own reference to mkdocs' build()
        import mkdocs_static_i18n.plugin as i18n

        i18n.build = _timed_nested_build(i18n.build)
    except ImportError:
        pass
    _time_project_code()
    atexit.register(_write_here, out, started)
    # kb.mkdocs.parallel forks a process for the other languages; it writes its own TIMINGS.json.<pid>.
    os.register_at_fork(after_in_child=_forked)
    cli(args, prog_name="mkdocs")


if __name__ == "__main__":
    main()
