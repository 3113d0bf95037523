"""Every Python block of content/ runs (standard library and numpy, no network), and a ``text`` block
right after it is exactly what it prints."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kb.checks.codeblocks import fenced, orphan_outputs, python_blocks
from kb.content.loader import load
from tests.conftest import REPO


def _blocks():
    content, _ = load(REPO / "content")
    for q in content.questions:
        for lang in ("zh", "en"):
            loc = getattr(q, lang)
            for field in ("answer", "analysis"):
                text = getattr(loc, field, None) if loc else None
                for block in python_blocks(text or ""):
                    yield pytest.param(block, id=f"{q.id}-{lang}-{field}-{block.line}")


BLOCKS = list(_blocks())


@pytest.mark.parametrize("block", BLOCKS)
def test_python_block_runs_and_prints_its_output(block):
    done = subprocess.run([sys.executable, "-I", "-c", block.code], capture_output=True, text=True, timeout=30,
                          env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, f"the block fails:\n{done.stderr[-2000:]}"
    if block.output is not None:
        assert done.stdout.rstrip("\n") == block.output.rstrip("\n"), "the output block is not what the code prints"


def test_the_content_has_code_blocks_and_every_output_block_follows_one():
    content, _ = load(REPO / "content")
    orphans = [(q.id, lang, field, line) for q in content.questions for lang in ("zh", "en")
               for field in ("answer", "analysis") for line in orphan_outputs(getattr(getattr(q, lang), field) or "")]
    assert orphans == []


def test_blocks_are_found_in_lists_with_their_outputs():
    text = ("Intro.\n\n- item\n\n  ```python\n  print(1 + 1)\n  ```\n\n  ```text\n  2\n  ```\n\n"
            "~~~python\nx = '```'\nprint(x)\n~~~\n\n```text\nnot after python\n```\n")
    blocks = fenced(text)
    assert [(b.lang, b.line) for b in blocks] == [("python", 5), ("text", 9), ("python", 13), ("text", 18)]
    assert blocks[0].code == "print(1 + 1)\n" and blocks[0].output == "2\n"
    assert blocks[2].code == "x = '```'\nprint(x)\n" and blocks[2].output == "not after python\n"
    assert orphan_outputs(text) == []
    assert orphan_outputs("```text\nalone\n```\n") == [1]
    assert orphan_outputs("```python\nprint(1)\n```\nwords\n```text\n1\n```\n") == [5]
