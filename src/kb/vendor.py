"""Browser libraries the site ships from ``node_modules`` (``npm ci``, pinned in package.json), never a CDN.

Engine-neutral: it finds and reads the files; the build adapter (``kb.mkdocs.glue.add_vendor_assets``)
copies them into the built site. A missing or mismatched install is a ``VendorError`` that says what to run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path


class VendorError(Exception):
    """A library is not installed, or not the version package.json pins; the message says what to do."""


@dataclass(frozen=True)
class Vendored:
    package: str  # npm package name, pinned in package.json's "dependencies"
    source: str  # the browser-ready file inside the package
    target: str  # where the site serves it, relative to the site root
    licence: str  # the package's licence (SPDX), named in the banner the copy starts with


# ts-fsrs: the reference FSRS scheduler (docs/assets/kb-study.js loads it for grading). Its UMD bundle defines
# the global ``FSRS`` and runs in any browser without a module loader.
TS_FSRS = Vendored("ts-fsrs", "dist/index.umd.js", "assets/vendor/ts-fsrs.js", "MIT")
VENDORED = (TS_FSRS,)

_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def pinned(project_root: Path, package: str) -> str | None:
    """The version package.json's "dependencies" pins ``package`` to, or None."""
    try:
        data = json.loads((project_root / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return (data.get("dependencies") or {}).get(package)


def read_vendored(project_root: Path, item: Vendored) -> str:
    """The library's file as the site serves it: a licence banner, then the file without its source-map line
    (the map is not shipped)."""
    package_dir = project_root / "node_modules" / item.package
    try:
        meta = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
        text = (package_dir / item.source).read_text(encoding="utf-8")
    except (OSError, ValueError):
        raise VendorError(f"{item.package} is not installed (node_modules/{item.package}/{item.source} is missing): "
                          "run `npm ci --omit=dev --ignore-scripts` in the project folder, then build again") from None
    want = pinned(project_root, item.package)
    if want and meta.get("version") != want:
        raise VendorError(f"node_modules has {item.package} {meta.get('version')}, package.json pins {want}: "
                          "run `npm ci --omit=dev --ignore-scripts`")
    banner = f"/*! {item.package} {meta.get('version')} | {item.licence} licence | {meta.get('homepage', '')} */\n"
    return banner + _SOURCE_MAP.sub("", text).rstrip() + "\n"


def vendor_assets(project_root: Path) -> dict[str, str]:
    """Every vendored file: site path -> text; VendorError naming every library that is missing."""
    out: dict[str, str] = {}
    problems: list[str] = []
    for item in VENDORED:
        try:
            out[item.target] = read_vendored(project_root, item)
        except VendorError as exc:
            problems.append(str(exc))
    if problems:
        raise VendorError("\n".join(problems))
    return out
