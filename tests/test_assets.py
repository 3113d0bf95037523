"""kb.mkdocs.assets: what is minified, and that minifying keeps the code."""

from __future__ import annotations

import pytest

from kb.mkdocs.assets import minifiable, minify


@pytest.mark.parametrize(("uri", "expected"), [
    ("assets/kb.js", True),
    ("assets/kb.css", True),
    ("assets/vendor.min.js", False),  # minified already
    ("assets/theme.min.css", False),
    ("assets/kb-icons.svg", False),
    ("index.md", False),
])
def test_minifiable(uri, expected):
    assert minifiable(uri) is expected


def test_scripts_lose_comments_and_space_but_keep_code_strings_and_licences():
    source = ('/*! licence */\n// drop me\nvar a = "x  /* not a comment */  y";\n'
              'function f (b) {\n  return b + a; /* c */\n}\n')
    out = minify("assets/a.js", source)
    assert out.startswith("/*! licence */")
    assert "drop me" not in out and "/* c */" not in out
    assert '"x  /* not a comment */  y"' in out
    assert "function f(b){return b+a;}" in out


def test_style_sheets_lose_comments_and_space():
    out = minify("assets/a.css", "/* note */\n.kb-count {\n  color : red ;\n}\n")
    assert out == ".kb-count{color:red}"


def test_style_sheets_close_every_block():
    """A merge once dropped one '}' of kb.css: every rule after it fell inside a phone-only @media block."""
    import re
    from pathlib import Path

    for sheet in sorted((Path(__file__).parents[1] / "docs" / "assets").glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        depth = 0
        for ch in text:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            assert depth >= 0, sheet.name
        assert depth == 0, f"{sheet.name}: {depth} block(s) not closed"
