"""The real site, built from the real content/: no broken link or anchor in either language, valid
HTML on every kind of generated page (Nu HTML checker), and the same bytes from two builds."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.sitecheck import broken_links, shared_builds

SITE_URL = "https://kb.example.org/interview/"  # as deployed (a project site), not the localhost of `mkdocs serve`
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
# Nu checker errors that come from Material's own templates, not from anything this project renders.
# Each is matched on the message AND on the markup of the line it points at.
MATERIAL_MARKUP = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off", which stops
    # Firefox from restoring their checked state on back/forward navigation (Material's choice).
    (r"Attribute “autocomplete” is only allowed when the input type is",
     r'<input class="md-toggle" [^>]*type="checkbox"'),
    # partials/toc.html: the table of contents title is a <label for="__toc">; the __toc checkbox is
    # rendered only when the toc is integrated into the navigation (navigation.integrated, unused here).
    (r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'<label class="md-nav__title" for="__toc">'),
]


# The real project as deployed, built twice from two folders at the same time (the build date is today's);
# tests/test_parallel.py compares the first with a build in one process.
DEPLOYED = {"SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": None}
REAL_BUILDS = {"deployed": DEPLOYED, "deployed-again": DEPLOYED}


@pytest.fixture(scope="module")
def real_sites() -> tuple[Path, Path]:
    built = shared_builds(REAL_BUILDS)
    return built["deployed"], built["deployed-again"]


def _question_ids() -> list[str]:
    return sorted(p.stem for p in (REPO / "content/qa").glob("*.yml"))


def test_real_site_has_no_broken_link_anchor_or_resource(real_sites):
    site = real_sites[0]
    for lang in ("", "en/"):
        assert (site / lang / "index.html").exists()
        assert len(list((site / lang / "qa").glob("*/index.html"))) == len(_question_ids())
    assert broken_links(site, SITE_URL) == []


def _digests(site: Path) -> dict[str, str]:
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "sitemap.xml.gz":
            data = gzip.decompress(data)  # the gzip header holds a date: compare what it holds
        out[path.relative_to(site).as_posix()] = hashlib.sha256(data).hexdigest()
    return out


def test_two_builds_are_byte_identical(real_sites):
    first, second = (_digests(s) for s in real_sites)
    assert sorted(first) == sorted(second)
    assert {k for k in first if first[k] != second[k]} == set()
    # the only date in the site is the sitemap's <lastmod> (the build day, or SOURCE_DATE_EPOCH)
    assert (real_sites[0] / "sitemap.xml.gz").read_bytes()[4:8] == (real_sites[1] / "sitemap.xml.gz").read_bytes()[4:8]


def _sample_pages(site: Path) -> list[Path]:
    """Each kind of generated page, in both languages."""
    ids = _question_ids()
    category = sorted(p.name for p in (site / "category").iterdir())[0]
    out = []
    for lang in ("", "en/"):
        out += [site / lang / "index.html", site / lang / "category" / category / "index.html",
                site / lang / "glossary/index.html", site / lang / "tags/index.html"]
        out += [site / lang / "qa" / qid / "index.html" for qid in (ids[0], ids[len(ids) // 2], ids[-1])]
        track = sorted(p.name for p in (site / "tracks").iterdir() if p.is_dir())[0]
        out += [site / lang / "tracks/index.html", site / lang / "tracks" / track / "index.html",
                site / lang / "print/tracks" / track / "index.html",
                site / lang / "print/category" / category / "index.html"]
    out.append(site / "404.html")
    return out


def _line(path: Path, number: int) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def test_generated_pages_are_valid_html(real_sites):
    if shutil.which("java") is None or not VNU.exists():
        pytest.fail("the Nu HTML checker needs java and node_modules/vnu-jar: run scripts/test.sh")
    pages = _sample_pages(real_sites[0])
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    errors = []
    for message in result.stderr.splitlines():
        m = re.match(r'"file:(?P<path>[^"]+)":(?P<line>\d+)\.\d+-\d+\.\d+: error: (?P<text>.*)', message)
        if m:
            markup = _line(Path(m["path"]), int(m["line"]))
            if any(re.search(t, m["text"]) and re.search(k, markup) for t, k in MATERIAL_MARKUP):
                continue
        errors.append(message.replace(str(real_sites[0]), "site"))
    assert errors == []


def test_link_checker_finds_missing_pages_anchors_and_resources(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">anchor</a><a href="b/">page</a>'
        f'<link rel="alternate" hreflang="en" href="{SITE_URL}c/"><img src="img.png"><a href="https://e.org/x">ext</a>',
        encoding="utf-8")
    (tmp_path / "a/index.html").write_text('<h2 id="here">x</h2><script src="../app.js"></script>', encoding="utf-8")
    assert sorted(broken_links(tmp_path, SITE_URL)) == [
        "a/index.html: ../app.js", "index.html: /c/", "index.html: a/#gone (no such anchor)", "index.html: b/",
        "index.html: img.png",
    ]
