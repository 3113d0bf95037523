"""Hostile content that golden cases (tests/golden/) cannot reach: determinism across hash seeds, the strict base
model every content model inherits, the site's own page names, what is printed for a terminal or for GitHub."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from kb.authoring.cli import main
from kb.checks.similar import similarity
from kb.content.errors import ContentError, printable, quoted, shorten
from kb.content.report import github_line, text_line
from kb.content.schema import Model
from kb.content.urls import CATEGORIES, PRINT, QUESTIONS, SITE_PAGES, TRACKS, reserved, tag_anchor
from kb.content.yamlio import parse, structure_problems
from kb.site import build

REPO = Path(__file__).parent.parent

# Prints every problem of each content folder given and, where it builds, a digest of every page.
_RUN = """
import hashlib, sys
from pathlib import Path
from kb.content.errors import ContentErrors
from kb.site import build, validate
for folder in sys.argv[1:]:
    _, _, problems = validate(Path(folder))
    print("\\n".join(p.format() for p in problems))
    try:
        site = build(Path(folder))
    except ContentErrors as exc:
        print(exc.report())
        continue
    for page in site.pages:
        print(page.path, hashlib.sha256(page.markdown.encode()).hexdigest())
"""


def _hostile(content_dir: Path) -> None:
    """Forms that made (or could make) a Python set or a float sum whose order follows the hash seed."""
    q = content_dir / "qa" / "overfitting.yml"
    text = q.read_text(encoding="utf-8")
    text = text.replace("tags: [overfitting, regularization]",
                        "tags: !!set {llm-basics, transformer, attention, tokenization, pretraining, fine-tuning}")
    text = text.replace("  aliases: [overtraining]", "  aliases: !!set {overtraining, over-fitting, memorising}")
    q.write_text(text, encoding="utf-8")


def test_two_hash_seeds_give_the_same_problems_and_pages(content_dir: Path, tmp_path: Path):
    """The same content under four PYTHONHASHSEED values: the same problems, the same pages, byte for byte."""
    hostile = tmp_path / "hostile" / "content"
    hostile.parent.mkdir()
    shutil.copytree(content_dir, hostile)
    _hostile(hostile)
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _RUN, str(hostile), str(content_dir)], env=env,
                             capture_output=True, text=True, check=True, cwd=REPO)
        outputs.add(run.stdout)
    assert len(outputs) == 1, "the output changed with PYTHONHASHSEED"
    out = outputs.pop()
    assert "tags: YAML tags (!!set) are not allowed" in out
    assert "qa/overfitting.md " in out  # the clean content built


def test_similarity_is_exact_whatever_order_a_set_iterates_in():
    # ten words of weight 0.1 sum to 0.9999999999999999 one by one; an order-dependent sum can cross THRESHOLD
    words = frozenset(f"w{i}" for i in range(10))
    weight = {**{w: 0.1 for w in words}, "x": 0.9}
    assert similarity(words, words | {"x"}, weight) == 1.0 / 1.9


def test_a_new_content_model_is_strict_like_the_others():
    """kb.content.schema.Model: a model added later (a new file kind) refuses coercion without saying so."""

    class Probe(Model):
        count: int
        when: dt.date | None = None
        items: tuple[str, ...] = ()

    assert Probe.model_validate({"count": 2, "items": ["a", "b"]}).items == ("a", "b")
    for bad in ({"count": True}, {"count": 2.0}, {"count": "2"}, {"count": 1, "when": 86400},
                {"count": 1, "when": dt.datetime(2024, 1, 1)}, {"count": 1, "items": {"a", "b"}},
                {"count": 1, "items": {"a": "b"}}, {"count": 1, "items": [1.5]}, {"count": 1, "other": 1}):
        with pytest.raises(ValidationError):
            Probe.model_validate(bad)


def test_tags_never_build_what_they_name():
    doc = parse("a: !!set {x, y}\nb: !!binary aGk=\nc: !!python/object/apply:os.system ['true']\n"
                "d: !!int nope\ne: !!float 1\n")
    assert doc.data == {"a": {"x": None, "y": None}, "b": "aGk=", "c": ["true"], "d": "nope", "e": "1"}
    assert [p[1] for p in structure_problems(doc)] == [("a",), ("b",), ("c",), ("d",), ("e",)]
    # a block mapping starts where its first key does: the tag is the key's, not the mapping's
    doc = parse("!!str k: v\nm:\n  !!str n: 1\n")
    assert [p[:2] for p in structure_problems(doc)] == [(1, ("k",)), (3, ("m", "n"))]


def test_checks_see_characters_written_as_escapes():
    doc = parse('"k\\u200by": "a\\u202eb"\n')
    assert doc.unusual == {"\u200b", "\u202e"}


def test_every_page_of_the_site_s_own_is_declared(content_dir: Path):
    """kb.site.plan's pages are questions, categories or a page of kb.content.urls.SITE_PAGES: a new page has
    to be declared there, and from then on no id or slug can take its name."""
    site = build(content_dir)
    ids = {q.id for q in site.content.questions}
    slugs = {c.slug for c in site.content.categories}
    tracks = {t.slug for t in site.content.tracks}
    named_by_content = {QUESTIONS: ids, CATEGORIES: slugs, TRACKS: tracks,
                        f"{PRINT}/{CATEGORIES}": slugs, f"{PRINT}/{TRACKS}": tracks}
    assert tracks, "the fixture has study tracks"
    for path in site.plan:
        base = path.split(".")[0]
        folder, _, name = base.rpartition("/")
        if name in named_by_content.get(folder, ()):
            assert reserved(folder, name) is None
        else:
            assert name in SITE_PAGES.get(folder, ()), f"{path} is not declared in kb.content.urls.SITE_PAGES"


def test_printed_problems_have_no_raw_control_characters():
    problem = ContentError("content/qa/\x1b[2K\r0 errors.yml", 3, "zh.\u202etitle", "got 'a\x07b'\u2028")
    for line in (text_line(problem), github_line(problem)):
        assert not any(ch in line for ch in "\x1b\r\x07\u202e\u2028"), line
    assert text_line(problem) == ("error: content/qa/\\x1b[2K\\r0 errors.yml:3: zh.\\u202etitle: "
                                  "got 'a\\x07b'\\u2028")
    assert printable("中文 — ≈ ²") == "中文 — ≈ ²"


def test_kb_check_prints_an_escaped_file_name(content_dir: Path):
    name = "\x1b[2K\r0 errors"
    (content_dir / "qa" / f"{name}.yml").write_bytes((content_dir / "qa" / "overfitting.yml").read_bytes())
    for fmt in ("text", "github"):
        result = CliRunner().invoke(main, ["check", "--content", str(content_dir), "--format", fmt])
        assert result.exit_code == 1
        assert "\x1b" not in result.output and "\r" not in result.output
        assert "\\x1b[2K" in result.output


def test_echoed_values_are_capped():
    assert shorten("x" * 80) == "x" * 80
    assert shorten("x" * 81) == "x" * 80 + "… (81 characters)"
    assert quoted("y" * 300_000) == repr("y" * 80) + "… (300000 characters)"


def test_a_message_is_printed_at_most_message_max_characters():
    """The last guard: a check that echoes a whole value still prints a bounded line."""
    problem = ContentError("content/qa/a.yml", 1, "zh.answer", "internal link '" + "x" * 300_000 + "'")
    for line in (text_line(problem), github_line(problem)):
        assert len(line) < 1200 and line.endswith("… (300016 characters)")


@pytest.mark.parametrize("name", ["LLM basics", "LLM Basics!", "C++", "A/B testing", "大模型基础",
                                  "微调 (SFT)", "<b>KV</b> cache", "  padded  ", "Ｆｕｌｌ-width", "e\u0301clair",
                                  "+++", "snake_case"])
def test_tag_anchor_is_material_s(name: str):
    """kb.content.urls.tag_anchor gives the anchor Material's tags plugin gives with its default settings."""
    from material.plugins.tags.config import TagsConfig

    config = TagsConfig()
    config.load_dict({})
    config.validate()
    assert tag_anchor(name) == config.tags_slugify_format.format(slug=config.tags_slugify(name, "-"))


def test_kb_new_refuses_a_reserved_id(content_dir: Path):
    result = CliRunner().invoke(main, ["new", "--content", str(content_dir), "--id", "index", "--category",
                                       "generalization", "--title-zh", "索引是什么？"])
    assert result.exit_code != 0
    assert "'index' is reserved" in result.output
    assert not (content_dir / "qa" / "index.yml").exists()


def test_a_long_number_where_text_is_expected_is_shortened(content_dir: Path):
    q = content_dir / "qa" / "overfitting.yml"
    q.write_text(q.read_text(encoding="utf-8").replace("  title: What is overfitting?", "  title: " + "9" * 500),
                 encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--content", str(content_dir)])
    line = next(x for x in result.output.splitlines() if "en.title" in x)
    assert line.endswith("en.title: expected text, got " + "9" * 80 + "… (500 characters) (a YAML number); "
                         "to keep it as text, put it in quotes"), line


def test_a_tag_the_prefilter_missed_is_still_never_built(monkeypatch):
    """Reporting a tag needs the events (``_decorations``, only for text where a tag can start); building
    never does: a written tag gives text, whether it was seen or not."""
    from kb.content import yamlio

    monkeypatch.setattr(yamlio, "_decorations", lambda text: ({}, {}))
    doc = parse('a: !!int x\nb: !!bool 3\nc: !!timestamp z\nd: 3\ne: "3"\nf: yes\ng: 2024-01-01\n')
    assert doc.data == {"a": "x", "b": "3", "c": "z", "d": 3, "e": "3", "f": True, "g": dt.date(2024, 1, 1)}
