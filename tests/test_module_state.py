"""State lives on objects (kb.mkdocs.hook.KbHook and what it holds), not in module globals.

A module-level name that any function of its module changes (``x[k] = …``, ``x.update(…)``, ``global x``)
is state shared by every build of the process: a second build, a test or `mkdocs serve` sees the first
one's. Constants (tables, compiled patterns) are fine; so are memos of pure functions (``functools.cache``).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "kb"
MUTATORS = {"append", "extend", "update", "clear", "pop", "popitem", "setdefault", "add", "discard", "remove",
            "insert", "sort"}


def module_state(tree: ast.Module) -> set[str]:
    """Names bound at module level that a function in the module rebinds or changes in place."""
    top = {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
           for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}
    changed: set[str] = set()
    for fn in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        for node in ast.walk(fn):
            if isinstance(node, ast.Global):
                changed |= set(node.names)
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
                changed |= {t.value.id for t in targets
                            if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name)}
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and isinstance(node.func.value, ast.Name) and node.func.attr in MUTATORS):
                changed.add(node.func.value.id)
    return changed & top


def test_no_module_keeps_state_in_globals():
    found = {path.relative_to(SRC).as_posix(): sorted(names)
             for path in sorted(SRC.rglob("*.py"))
             if (names := module_state(ast.parse(path.read_text(encoding="utf-8"))))}
    assert found == {}, f"module-level state (move it onto an object the hook holds): {found}"


def test_the_check_finds_what_it_is_for():
    code = ("_cache = {}\n_seen = []\nLIMIT = 3\n"
            "def f(k):\n    _cache[k] = 1\n    _seen.append(k)\n    return LIMIT\n"
            "def g():\n    global LIMIT\n    LIMIT = 4\n")
    assert module_state(ast.parse(code)) == {"_cache", "_seen", "LIMIT"}
    assert module_state(ast.parse("TABLE = {'a': 1}\ndef f(k):\n    local = {}\n    local[k] = TABLE[k]\n")) == set()
