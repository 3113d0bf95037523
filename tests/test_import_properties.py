"""Property-based tests of the seed importer: whatever the documents, in whatever order, imported
however often, with maintainers editing files in between, no question is lost or duplicated and
no edited line changes.

"Lost" is measured on sources: every seed entry parsed from the documents (its identity: file name and
fingerprint of its text) ends up in the ``sources`` of exactly one question file.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.authoring.cli import main
from kb.content.files import question_files
from kb.authoring.seedparse import parse_document
from kb.content.yamlio import parse

# Modest example counts keep the suite fast and the same examples every run (derandomized: CI cannot flake);
# KB_PROPERTY_EXAMPLES=300 explores more, with fresh random examples. No example
# database: nothing is written into the work tree.
SETTINGS = settings(max_examples=int(os.environ.get("KB_PROPERTY_EXAMPLES", "30")), deadline=None,
                    derandomize=not os.environ.get("KB_PROPERTY_EXAMPLES"),
                    database=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow])

# Titles from a few topics with shared words, so that similar titles merge and near-misses do not.
TOPICS = ["数据倾斜", "类别不平衡", "梯度裁剪", "过拟合", "学习率预热", "显存优化", "模型并行", "知识蒸馏"]
FRAMES = ["如何处理{}问题？", "什么是{}？", "请简述{}的原理", "{}有哪些方法？", "大模型训练中的{}", "{}"]
# Text with what YAML and Markdown treat specially: quotes, colons, hashes, brackets, list markers.
ALPHABET = "训练模型数据的是和在中 abcXYZ019:#'\"[]{}&*!|>-%@`，。：；（）"
words = st.text(alphabet=ALPHABET, min_size=1, max_size=12).map(str.strip).filter(lambda s: s and not s.startswith("#"))
MARKERS = [("**题目：**", "**答案：**", "**解析：**"), ("**题目**：", "**答案**:", "**解析**:"),
           ("题目：", "答案：", "解析："), ("**问题:**", "**回答:**", "**分析:**")]


@st.composite
def entries(draw):
    title = draw(st.sampled_from(FRAMES)).format(draw(st.sampled_from(TOPICS)))
    if draw(st.booleans()):
        title += draw(words)
    title += draw(st.sampled_from(["", "", "", "很长" * 70]))  # longer than a title may be
    q, a, n = draw(st.sampled_from(MARKERS))
    parts = []
    if draw(st.booleans()):
        parts.append(f"{q} {draw(words)}")
    points = draw(st.lists(words, min_size=0, max_size=3))
    parts.append(a + ("\n" + "\n".join(f"- {p}" for p in points) if points else f" {draw(words)}"))
    if draw(st.booleans()):
        parts.append(f"{n}\n{draw(words)}")
    return title, "\n\n".join(parts)


@st.composite
def documents(draw):
    """Seed documents: unique names, numbered headings (sometimes repeated), optional intro."""
    count = draw(st.integers(1, 3))
    names = draw(st.lists(st.sampled_from(["000_a.txt", "001_b.txt", "002_c.md", "003_d.md", "a_2.md"]),
                          min_size=count, max_size=count, unique=True))
    docs = []
    for name in names:
        items = draw(st.lists(entries(), min_size=1, max_size=5))
        numbers = draw(st.lists(st.integers(1, 9), min_size=len(items), max_size=len(items)))
        level = draw(st.sampled_from(["##", "###", "####"]))
        text = "# 面试题\n\n介绍文字。\n\n" if draw(st.booleans()) else ""
        text += "\n\n".join(f"{level} {n}. {title}\n\n{body}" for n, (title, body) in zip(numbers, items))
        docs.append((name, text + "\n"))
    return docs


def run_import(content: Path, seeds: Path, docs: list[tuple[str, str]]) -> None:
    paths = []
    for name, text in docs:
        (seeds / name).write_text(text, encoding="utf-8")
        paths.append(str(seeds / name))
    result = CliRunner().invoke(main, ["import", "--content", str(content), *paths])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def identity(label: str) -> tuple[str, str]:
    file, rest = label.rsplit("#", 1)
    return file, rest.split("@")[1]


def expected_sources(docs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    return {identity(e.label) for name, text in docs for e in parse_document(text, name)}


def owners(content: Path) -> dict[tuple[str, str], list[str]]:
    questions, errors = question_files(content / "qa")
    assert errors == [], [e.format() for e in errors]
    out: dict[tuple[str, str], list[str]] = {}
    for path, q in questions.items():
        for s in q.sources:
            out.setdefault(identity(s), []).append(path.name)
    return out


def check_every_source_once(content: Path, docs: list[tuple[str, str]]) -> None:
    got = owners(content)
    assert set(got) == expected_sources(docs)
    assert {s: files for s, files in got.items() if len(files) != 1} == {}


def snapshot(content: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((content / "qa").glob("*.yml"))}


@SETTINGS
@given(documents())
def test_import_loses_and_duplicates_nothing_and_twice_changes_nothing(docs):
    with tempfile.TemporaryDirectory() as tmp:
        content, seeds = Path(tmp) / "content", Path(tmp)
        run_import(content, seeds, docs)
        check_every_source_once(content, docs)
        before = snapshot(content)
        run_import(content, seeds, docs)
        assert snapshot(content) == before


@SETTINGS
@given(documents(), st.randoms(use_true_random=False))
def test_any_order_and_batching_keeps_every_source_once(docs, rnd):
    with tempfile.TemporaryDirectory() as tmp:
        content, seeds = Path(tmp) / "content", Path(tmp)
        order = list(docs)
        rnd.shuffle(order)
        for doc in order:  # one document per run, shuffled
            run_import(content, seeds, [doc])
        check_every_source_once(content, docs)
        run_import(content, seeds, list(reversed(docs)))  # then all at once, reversed: nothing new
        check_every_source_once(content, docs)


_SOURCE_LINE = re.compile(r'^\s*(?:-\s+"?[^\s#"]+#\d+(?:@[0-9a-f]{8})?"?\r?|sources:.*)$')


def without_source_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if not _SOURCE_LINE.match(line)]


@SETTINGS
@given(documents(), documents(), st.integers(0, 100),
       st.sampled_from(["title", "answer", "flow-sources", "comment", "flow-comment", "crlf-bom", "indent"]))
def test_maintainer_edits_survive_later_imports_byte_for_byte(first, later, pick, edit):
    with tempfile.TemporaryDirectory() as tmp:
        content, seeds = Path(tmp) / "content", Path(tmp)
        run_import(content, seeds, first)
        files = sorted((content / "qa").glob("*.yml"))
        path = files[pick % len(files)]
        text = path.read_bytes().decode("utf-8")
        edited = _edit(text, edit)
        path.write_bytes(edited.encode("utf-8"))
        (seeds / "later").mkdir()
        # the later batch: the first documents again (known sources) plus new ones under other names
        renamed = [(f"later-{name}", body) for name, body in later]
        run_import(content, seeds / "later", renamed)
        run_import(content, seeds, first)
        after = path.read_bytes().decode("utf-8")
        ops = difflib.SequenceMatcher(None, edited, after, autojunk=False).get_opcodes()
        assert all(tag in ("equal", "insert") for tag, *_ in ops)  # every byte the maintainer wrote is kept
        assert without_source_lines(after) == without_source_lines(edited)
        for line in edited.split("\n"):
            if not _SOURCE_LINE.match(line):
                assert line in after.split("\n")
        check_every_source_once(content, first + renamed)


def _edit(text: str, kind: str) -> str:
    """What a maintainer does to an imported file; the result is still a valid question file."""
    lines = text.split("\n")
    if kind in ("title", "answer"):
        key, value = next((k, v) for k, v in parse(text).node_at(("zh",)).value if k.value == kind)
        end = value.end_mark.line + (0 if value.end_mark.column == 0 else 1)  # exclusive
        new = (["  title: \"维护者改写的标题：'引号' 与 #号\""] if kind == "title" else
               ["  answer: |", "    维护者重写的答案，第一段。", "", "    - 要点一", "    - 要点二: 冒号"])
        lines[key.start_mark.line:max(end, key.start_mark.line + 1)] = new
    elif kind == "flow-sources":
        i = next(i for i, ln in enumerate(lines) if ln == "sources:")
        j = i + 1
        items = []
        while j < len(lines) and lines[j].startswith("- "):
            items.append(lines[j][2:])
            j += 1
        lines[i:j] = [f"sources: [{', '.join(items)}]"]
    elif kind == "flow-comment":  # the case: a comment after a flow-style list
        i = next(i for i, ln in enumerate(lines) if ln == "sources:")
        j = i + 1
        while j < len(lines) and lines[j].startswith("- "):
            j += 1
        lines[i:j] = [f"sources: [{', '.join(ln[2:] for ln in lines[i + 1:j])}]  # from the 2024 seed"]
    elif kind == "crlf-bom":
        return "\ufeff" + "\r\n".join(lines)
    elif kind == "indent":  # block list items indented by four, with a comment
        lines = [f"    -   {ln[2:]}  # 来源" if ln.startswith("- ") and "#" in ln else ln for ln in lines]
    else:
        lines.insert(0, "# 维护者的注释：不要改动这一行")
    return "\n".join(lines)


def _data_without_sources(path: Path) -> tuple[dict, list[str]]:
    data = parse(path.read_bytes().decode("utf-8-sig")).data
    return {k: v for k, v in data.items() if k != "sources"}, list(data.get("sources") or [])


@SETTINGS
@given(documents(), documents(), st.booleans())
def test_an_import_never_loses_a_question_or_changes_its_data(first, later, same_names):
    with tempfile.TemporaryDirectory() as tmp:
        content, seeds = Path(tmp) / "content", Path(tmp)
        run_import(content, seeds, first)
        before = {p.name: _data_without_sources(p) for p in (content / "qa").glob("*.yml")}
        (seeds / "later").mkdir()
        # same file names (other folder: same-named seeds) or new ones
        batch = later if same_names else [(f"later-{name}", body) for name, body in later]
        run_import(content, seeds / "later", batch)
        after = {p.name: _data_without_sources(p) for p in (content / "qa").glob("*.yml")}
        assert set(before) <= set(after)  # the set of questions only grows
        for name, (data, sources) in before.items():
            data_after, sources_after = after[name]
            assert data_after == data
            assert sources_after[: len(sources)] == sources  # sources only gain items, at the end
        check_every_source_once(content, first + [(name, body) for name, body in batch])
