"""HTML that kb renders itself, carried inside a generated Markdown page. Pure.

A question page is Markdown (front matter, and the headings that MkDocs turns into anchors and the
table of contents) around blocks of HTML rendered by ``kb.render.answer_html``. On disk the page is plain
Markdown: a block is raw HTML between two comments, which any Markdown engine passes through. A build
does not convert that Markdown (``kb.render.pagebody`` makes the same HTML directly) unless ``KB_PRERENDER=0``
asks for the reference conversion; then, while MkDocs builds the page, ``stash`` swaps each block for a
placeholder paragraph, so Python-Markdown does not parse the blocks again and the sanitiser
(``kb.render.safety``) reads only the Markdown around them; ``unstash`` puts the blocks back into the HTML.
The placeholder holds a random value made per build (``new_nonce``), so text in a page cannot name a block.
"""

from __future__ import annotations

import re
import secrets

START, END = "<!-- kb:html -->", "<!-- /kb:html -->"
_BLOCK = re.compile(r"^<!-- kb:html -->\n(.*?)\n<!-- /kb:html -->$", re.S | re.M)


def block(html: str) -> str:
    """``html`` as a block of a generated page, with the blank line Markdown needs after it."""
    return f"{START}\n{html.strip()}\n{END}\n"


def new_nonce() -> str:
    return secrets.token_hex(8)


def _token(nonce: str, i: int) -> str:
    return f"kbhtml{nonce}n{i}"


def stash(markdown: str, nonce: str) -> tuple[str, list[str]]:
    """``markdown`` with every block replaced by a placeholder paragraph, and the blocks in order."""
    blocks: list[str] = []

    def put(m: re.Match) -> str:
        blocks.append(m.group(1))
        return _token(nonce, len(blocks) - 1)

    return _BLOCK.sub(put, markdown), blocks


def unstash(html: str, nonce: str, blocks: list[str]) -> str:
    """The HTML with every placeholder paragraph replaced by its block.

    ValueError if a block's placeholder is not in the HTML exactly once as a paragraph of its own
    (a Markdown construct around it changed it): the page would silently lose text otherwise.
    """
    found: list[int] = []

    def take(m: re.Match) -> str:
        i = int(m.group(1))
        found.append(i)
        return blocks[i]

    out = re.sub(rf"<p>{_token(nonce, '')}(\d+)</p>", take, html)
    if sorted(found) != list(range(len(blocks))):
        missing = sorted(set(range(len(blocks))) - set(found))
        raise ValueError(f"pre-rendered HTML block(s) {missing} lost their place in the page")
    return out
