"""Question pages skip Python-Markdown (kb.render.pagebody): the same site, byte for byte, as converting their
Markdown (KB_PRERENDER=0)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.render.pagebody import Body, Heading
from tests.conftest import REPO
from tests.sitecheck import build_site, copy_project, differing_files, files

# Characters Markdown treats specially, in a title: escaped by kb.render.markdown.escape in the Markdown,
# escaped as Python-Markdown would in the HTML.
ODD_TITLE = " & *星号* _下划线_ #1 | a>b \\ [方括号] `反引号`"


def _edit(content: Path) -> None:
    """One question with Markdown's special characters in its titles, one without its translation."""
    odd = content / "qa" / "activation-checkpointing.yml"
    text = odd.read_text(encoding="utf-8")
    for title in re.findall(r"^  title: (.+)$", text, flags=re.M):
        text = text.replace(f"  title: {title}\n", f"  title: '标题 Title{ODD_TITLE}'\n", 1)
    odd.write_text(text, encoding="utf-8")
    missing = content / "qa" / "activation-functions.yml"
    text = missing.read_text(encoding="utf-8")
    missing.write_text(text[:text.index("\nen:\n") + 1], encoding="utf-8")


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Path, Path]:
    sites = []
    # The reference converts question pages' Markdown; the build compared with it uses kb.render.pagebody.
    for name, prerender in (("markdown", "0"), ("prerendered", "1")):
        root = copy_project(REPO, tmp_path_factory.mktemp(name) / "project")
        _edit(root / "content")
        result = build_site(root, KB_PRERENDER=prerender)
        assert result.returncode == 0, result.stderr
        sites.append(root / "site")
    return sites[0], sites[1]


def test_prerendered_question_pages_are_the_pages_markdown_makes(both):
    markdown, prerendered = both
    assert files(markdown) == files(prerendered)
    assert differing_files(markdown, prerendered) == []  # every page, the search indexes and the sitemap


def test_the_edited_pages_are_built(both):
    page = (both[1] / "qa" / "activation-checkpointing" / "index.html").read_text(encoding="utf-8")
    assert "&amp; *星号* _下划线_ #1 | a&gt;b \\ [方括号] `反引号`<a class=\"headerlink\"" in page
    untranslated = (both[1] / "en" / "qa" / "activation-functions" / "index.html").read_text(encoding="utf-8")
    assert '<div lang="zh-Hans">' in untranslated


def test_a_body_is_markdown_and_html_of_the_same_page():
    headings = (Heading(1, "question-title", "A<b>"), Heading(2, "related", "R", True))
    body = Body({"title": "T"}, headings, lambda: (headings[0], "<p>x</p>", headings[1], "<ul>\n<li>y</li>\n</ul>"))
    assert body.markdown().endswith("# A&lt;b\\> { #question-title }\n\n<!-- kb:html -->\n<p>x</p>\n"
                                    "<!-- /kb:html -->\n\n"
                                    "## R { #related data-pagefind-ignore }\n\n<!-- kb:html -->\n"
                                    "<ul>\n<li>y</li>\n</ul>\n"
                                    "<!-- /kb:html -->\n")
    assert body.html() == ('<h1 id="question-title">A&lt;b&gt;<a class="headerlink" href="#question-title" '
                           'title="Permanent link">¶</a></h1>\n<p>x</p>\n<h2 data-pagefind-ignore="" id="related">R'
                           '<a class="headerlink" href="#related" title="Permanent link">¶</a></h2>\n'
                           '<ul>\n<li>y</li>\n</ul>')
    [top] = body.toc_tokens()
    assert (top["id"], top["name"], [c["id"] for c in top["children"]]) == ("question-title", "A&lt;b&gt;", ["related"])


def test_a_body_whose_parts_lose_a_heading_is_an_error():
    headings = (Heading(1, "question-title", "A"), Heading(2, "answer", "B"))
    body = Body({"title": "T"}, headings, lambda: (headings[0], "<p>x</p>"))
    with pytest.raises(ValueError, match="headings"):
        body.html()
