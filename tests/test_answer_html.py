"""Question text rendered by cmark-gfm, and the HTML blocks that skip Python-Markdown during a build."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from kb.render.answer_html import to_html
from kb.render.htmlblocks import block, new_nonce, stash, unstash
from tests.conftest import REPO


def test_a_list_right_under_a_line_of_text_is_a_list():
    # Python-Markdown needs a blank line first and showed such lists as one paragraph with dashes.
    assert to_html("**要点**：\n- 一\n- 二\n") == (
        "<p><strong>要点</strong>：</p>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n")


def test_links_to_questions_become_page_urls_and_external_links_get_noopener():
    out = to_html("[a](kv-cache.md) [b](./rope.md#why) [c](https://arxiv.org/abs/1 \"t\") [d](mailto:x@y.z)")
    assert '<a href="../kv-cache/">a</a>' in out
    assert '<a href="../rope/#why">b</a>' in out
    assert '<a href="https://arxiv.org/abs/1" title="t" rel="noopener">c</a>' in out
    assert '<a href="mailto:x@y.z">d</a>' in out


def test_raw_html_and_script_urls_do_not_survive():
    out = to_html('<script>alert(1)</script> <b onclick="x">b</b> [x](javascript:alert(1)) [y](JaVa&#115;cript:z)')
    assert "<script" not in out and "onclick" not in out and "javascript" not in out.lower()


def test_tables_and_strikethrough():
    out = to_html("| a | b |\n|---|:-:|\n| 1 | 2 |\n\n~~old~~")
    assert "<table>" in out and '<td align="center">2</td>' in out and "<del>old</del>" in out


PAGE = ("# T { #t }\n\n" + block("<p>one &amp; <em>two</em></p>") + "\n## A { #a }\n\n"
        + block('<div class="x">\n<p>[not](markdown)</p>\n</div>'))


def test_blocks_pass_through_python_markdown_unchanged():
    # On disk a page is plain Markdown: with or without the stash, the HTML is the same.
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc"])
    plain = md.convert(PAGE)
    nonce = new_nonce()
    text, blocks = stash(PAGE, nonce)
    assert len(blocks) == 2 and "<p>" not in text
    stashed = unstash(markdown.Markdown(extensions=["attr_list", "md_in_html", "toc"]).convert(text), nonce, blocks)
    strip = lambda h: "\n".join(line for line in h.split("\n") if line.strip() and "kb:html" not in line)  # noqa: E731
    assert strip(stashed) == strip(plain)


def test_a_lost_placeholder_is_an_error_not_missing_text():
    nonce = new_nonce()
    text, blocks = stash(PAGE, nonce)
    html = markdown.markdown(text.replace(f"kbhtml{nonce}n1", "gone"))
    with pytest.raises(ValueError, match=r"\[1\]"):
        unstash(html, nonce, blocks)


def test_text_cannot_name_a_block_of_another_build():
    text, blocks = stash(PAGE, new_nonce())
    assert unstash("<p>kbhtml0000000000000000n0</p>" + "", new_nonce(), []) == "<p>kbhtml0000000000000000n0</p>"


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_rendering_frees_cmarks_memory():
    # cmarkgfm's own wrapper keeps ~100 kB of every call (the tree and the HTML buffer): 2,000
    # renders of a real answer would hold about 200 MB.
    text = (REPO / "content/qa/activation-checkpointing.yml").read_text(encoding="utf-8")
    to_html(text)
    before = _rss_mb()
    for _ in range(2000):
        to_html(text)
    assert _rss_mb() - before < 20


def test_indentation_goes_but_preformatted_text_and_code_stay():
    from kb.render.minify import collapse_indentation

    page = ("<div>\n    <p>a\n      b</p>\n\n  <pre><code>x\n    y</code></pre>\n  <code>p\n  q</code>"
            "<script>\n  if (a)\n    b()\n</script>\n  <textarea>\n  t</textarea>\n</div>\n")
    assert collapse_indentation(page) == ("<div>\n<p>a\nb</p>\n<pre><code>x\n    y</code></pre>\n<code>p\n  q</code>"
                                          "<script>\n  if (a)\n    b()\n</script>\n"
                                          "<textarea>\n  t</textarea>\n</div>\n")
