"""Dependencies are pinned, and what is installed is what is pinned: an upgrade to MkDocs 2 (a rewrite
without plugins, hooks or themes) or to Material 10 / its end of life never arrives silently."""

from __future__ import annotations

import importlib.metadata as metadata
import re
import tomllib

import pytest

from tests.conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[0-9][0-9A-Za-z.]*)$")
# The supported line of each part of the build (STACK.md): the major version the project runs on.
SUPPORTED = {"mkdocs": "1", "mkdocs-material": "9", "mkdocs-static-i18n": "1"}


def _requirements() -> list[str]:
    reqs = list(PROJECT["dependencies"])
    for extra in PROJECT.get("optional-dependencies", {}).values():
        reqs += extra
    return reqs


def _pins() -> dict[str, str]:
    return {m["name"].lower(): m["version"] for m in map(PIN.match, _requirements()) if m}


def test_every_requirement_is_pinned_exactly():
    assert [r for r in _requirements() if not PIN.match(r)] == []


@pytest.mark.parametrize("name, major", sorted(SUPPORTED.items()))
def test_build_stack_is_pinned_to_its_supported_major_version(name: str, major: str):
    assert _pins()[name].split(".")[0] == major


@pytest.mark.parametrize("name", sorted(_pins()))
def test_installed_version_is_the_pinned_one(name: str):
    assert metadata.version(name) == _pins()[name], f"{name}: run scripts/test.sh to install the pinned versions"


def test_no_installed_package_asks_for_mkdocs_2():
    """Material itself requires mkdocs<2; a plugin that wanted MkDocs 2 would show up here."""
    for dist in metadata.distributions():
        for req in dist.requires or []:
            m = re.match(r"^mkdocs\s*(?P<spec>[<>=!~][^;]*)?(;|$)", req)
            if m and m["spec"] and re.search(r">=?\s*2|==\s*2|~=\s*2", m["spec"]):
                pytest.fail(f"{dist.metadata['Name']} requires {req}")
    assert metadata.version("mkdocs").startswith("1.")
    assert any(re.match(r"^mkdocs\s*.*<\s*2", r) for r in metadata.requires("mkdocs-material") or [])


def test_every_third_party_import_of_the_code_is_declared():
    """What kb imports directly is a pinned dependency of its own, not something another package happens to pull."""
    import ast
    import sys

    imports = set()
    for path in (REPO / "src" / "kb").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imports |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imports.add(node.module.split(".")[0])
    third_party = sorted(m for m in imports if m not in sys.stdlib_module_names and m != "kb")
    # import name -> distribution, from each distribution's file list (pymdown-extensions has no top_level.txt)
    provided = {top.lower(): dists[0].lower() for top, dists in metadata.packages_distributions().items()}
    declared = {m["name"].lower() for m in map(PIN.match, PROJECT["dependencies"]) if m}
    missing = [m for m in third_party if provided.get(m.lower(), m.lower()) not in declared]
    assert missing == []
