"""The boundary to the site engine: only kb.mkdocs (and hooks/) import MkDocs, Material, static-i18n or Jinja."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import REPO

ENGINE = {"mkdocs", "material", "mkdocs_static_i18n", "jinja2"}


def _engine_imports(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & ENGINE


def test_only_the_adapter_imports_the_engine():
    src = REPO / "src" / "kb"
    outside = {p.relative_to(src).as_posix(): sorted(_engine_imports(p)) for p in src.rglob("*.py")
               if p.relative_to(src).parts[0] != "mkdocs"}
    assert {k: v for k, v in outside.items() if v} == {}


def test_the_adapter_does_import_it():  # the test above would pass on an empty tree
    assert _engine_imports(REPO / "src" / "kb" / "mkdocs" / "glue.py")


def test_kb_check_loads_no_engine():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom kb.authoring.cli import main\n"
            f"r = CliRunner().invoke(main, ['check', '--content', {str(REPO / 'tests/data/content')!r}])\n"
            "assert r.exit_code == 0, r.output\n"
            "print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in {'mkdocs', 'material', 'mkdocs_static_i18n', 'jinja2'}))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
