"""The lint, the editorial checks and the text helpers read pathological text in linear time
(scripts/benchmark.py --budget times them at the size limit). Here: the linear versions find what the
regexes they replaced found, on small texts where those regexes are fast.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.checks import editorial
from kb.render.markdown import LineIndex, fences, lint
from kb.render.seo import plain_text

SETTINGS = settings(max_examples=300, deadline=None, database=None)
# Lines made of the characters the patterns care about
LINES = st.lists(st.sampled_from(["```", "```x", "~~~", "  ```", " ~~~ ", "```  ", "a", "`b`", "$", "$a_b$", "$$",
                                  "x $y^2$ z", "\\$a_b$", "$ a_b $", "{", "", "TODO x"]), max_size=14)

_OLD_FENCE = re.compile(r"(?ms)^(?P<fence>```|~~~).*?^(?P=fence)[ \t]*$")
_OLD_INDENTED = re.compile(r"(?ms)^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$")
_OLD_LATEX = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?=\S)[^$\n]*?[\\^_{}][^$\n]*?(?<=\S)\$", re.S)


@SETTINGS
@given(LINES)
def test_fences_are_what_the_fence_regexes_found(lines: list[str]):
    text = "\n".join(lines)
    assert fences(text) == [m.span() for m in _OLD_FENCE.finditer(text)]
    assert fences(text, indented=True) == [m.span() for m in _OLD_INDENTED.finditer(text)]


@SETTINGS
@given(st.text(alphabet="$ a_^\\{}\n`", max_size=30))
def test_latex_is_what_the_lazy_regex_found(text: str):
    assert [m.span() for m in editorial._LATEX.finditer(text)] == [m.span() for m in _OLD_LATEX.finditer(text)]


@SETTINGS
@given(st.text(alphabet="ab\n", max_size=30), st.data())
def test_line_index_counts_line_breaks(text: str, data):
    index = data.draw(st.integers(0, len(text)))
    assert LineIndex(text).line(index) == text.count("\n", 0, index) + 1


def test_unclosed_fences_and_runs_do_not_hide_later_problems():
    text = "```x\n" * 200 + "[[[[[[(((((<<<<<" * 50 + "<b" + "\n# heading\n" + "{ { {" * 100 + "{ onclick=x }\n"
    messages = [(i.line, i.message.split(" ")[0]) for i in lint(text, set())]
    assert (201, "raw") in messages and (202, "#") in messages and (203, "attribute") in messages


def test_code_is_still_protected():
    text = "```\n# not a heading\n<b>\n```\n`<i>` [a](b.md) <https://x.org>\n"
    assert [i.message for i in lint(text, {"b"})] == []
    assert [i.line for i in lint(text + "<b>\n", {"b"})] == [6]


def test_plain_text_drops_links_with_a_parenthesis_in_the_url():
    assert plain_text("see [A (b)](https://en.wikipedia.org/wiki/A_(b)) and [[x]") == "see A (b) and [[x]"


@SETTINGS
@given(st.lists(st.sampled_from(["```", "```python", "````", "  ```", "  ```text", "~~~", "~~~ ", "\t```", "x",
                                 "", "```a`b"]), max_size=14))
def test_code_block_fences_are_what_the_block_regex_found(lines: list[str]):
    from kb.checks import codeblocks

    text = "\n".join(lines) + "\n"
    assert [m.span() for m in codeblocks._fences(text)] == [m.span() for m in codeblocks._FENCE.finditer(text)]
