"""kb import and kb stamp never lose or corrupt a maintainer's text (insert-only edits, compare before
replace, one writer at a time, no temporary file left), never write what kb check refuses, and tell
seed entries apart by their text, not only by their number."""

from __future__ import annotations

import difflib
import json
import threading
import time
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.authoring import importer
from kb.authoring.cli import main
from kb.authoring.seed import add_sources
from kb.content.files import ContentLock, WriteError

runner = CliRunner()


def kb(*args: str):
    return runner.invoke(main, list(args))


def only_insertions(before: bytes, after: bytes) -> bool:
    """Every byte of ``before`` is in ``after``, in order; nothing was replaced or deleted."""
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    return all(tag in ("equal", "insert") for tag, *_ in ops)


def seed(tmp: Path, name: str, text: str) -> str:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / name).write_text(text, encoding="utf-8")
    return str(tmp / name)


def temps(content: Path) -> list[str]:
    return sorted(p.name for p in (content / "qa").iterdir() if p.name.startswith("."))


IMBALANCE = "#### 1. 如何处理类别不平衡问题？\n\n**答案：** 机器写的答案。\n"


def test_comment_after_a_flow_sources_list_survives_an_import(content_dir, tmp_path):
    path = content_dir / "qa" / "class-imbalance.yml"
    text = path.read_text(encoding="utf-8").replace('#8"]', '#8"]  # from the 2024 seed', 1)
    path.write_text(text, encoding="utf-8")
    result = kb("import", "--content", str(content_dir), seed(tmp_path / "s", "new-seed.md", IMBALANCE))
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert b"  # from the 2024 seed\n" in after and b'"new-seed.md#1@' in after
    assert only_insertions(text.encode(), after)


def test_crlf_and_bom_file_keeps_every_byte(content_dir, tmp_path):
    path = content_dir / "qa" / "class-imbalance.yml"
    raw = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(raw)
    result = kb("import", "--content", str(content_dir), seed(tmp_path / "s", "new-seed.md", IMBALANCE))
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"new-seed.md#1@" in after
    assert only_insertions(raw, after)
    assert after.count(b"\n") == after.count(b"\r\n")


# --- add_sources over hand-written forms -------------------------------------------------------------

ITEM = st.sampled_from(['a.txt#1', '"b.md#2"', "'c.md#3'", "d.md#4@0a1b2c3d"])
COMMENT = st.sampled_from(["", "  # note", " # 来源：2024 的种子, 见 [1]"])


@st.composite
def question_files(draw):
    items = draw(st.lists(ITEM, max_size=3, unique=True))
    form = draw(st.sampled_from(["flow", "block", "none", "flow-multiline"]))
    indent = draw(st.sampled_from(["", "  ", "    "]))
    gap = draw(st.sampled_from([" ", "   "]))
    head = ["# maintainer's header", "id: x", "category: training", "difficulty: 2", "frequency: 2"]
    if form == "flow":
        body = [f"sources: [{', '.join(items)}]{draw(COMMENT)}"]
    elif form == "flow-multiline":
        body = ["sources: [", *[f"  {i}," for i in items], f"]{draw(COMMENT)}"]
    elif form == "block" and items:
        body = [f"sources:{draw(COMMENT)}"] + [f"{indent}-{gap}{i}{draw(COMMENT)}" for i in items]
    else:
        body = []
    tail = ["# about zh", "zh:", "  title: '标题: 引号'", "  question: \"问题 #1\"", "  answer: |", "    答案。",
            "", "    - 要点"]
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    text = eol.join(head + body + tail) + draw(st.sampled_from([eol, ""]))
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8")


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(question_files(), st.lists(st.sampled_from(["n.md#1@00000001", 'q"uote.md#2', "e.md#3"]),
                                  min_size=1, max_size=3, unique=True))
def test_add_sources_only_inserts_and_gives_the_intended_data(raw, new):
    after = add_sources(raw, new)
    assert only_insertions(raw, after)
    assert after.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")

    def data(b: bytes) -> dict:
        return yaml.safe_load(b.decode("utf-8-sig").replace("\r\n", "\n"))

    old, got = data(raw), data(after)
    assert got.pop("sources") == (old.pop("sources", None) or []) + new
    assert got == old
    if b"\r\n" in raw:
        assert after.count(b"\n") == after.count(b"\r\n")


# --- compare before replace -----------------------------------------------------------------------------

def test_an_edit_saved_during_an_import_is_not_overwritten(content_dir, tmp_path, monkeypatch):
    path = content_dir / "qa" / "class-imbalance.yml"
    real = importer.plan_import

    def plan_then_edit(*args, **kwargs):
        plan = real(*args, **kwargs)
        path.write_text(path.read_text(encoding="utf-8") + "# saved by an editor meanwhile\n", encoding="utf-8")
        return plan

    monkeypatch.setattr(importer, "plan_import", plan_then_edit)
    seeds = seed(tmp_path / "s", "new-seed.md", IMBALANCE + "\n#### 2. 什么是知识蒸馏？\n\n**答案：** 教师与学生。\n")
    result = kb("import", "--content", str(content_dir), seeds)
    assert result.exit_code == 1
    assert "changed on disk" in result.output and "class-imbalance.yml" in result.output
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8").endswith("# saved by an editor meanwhile\n")
    assert "new-seed.md" not in path.read_text(encoding="utf-8")
    assert len(list((content_dir / "qa").glob("*.yml"))) == 3  # all or nothing: the new question is not written
    assert temps(content_dir) == []


def test_an_edit_saved_during_a_stamp_is_not_overwritten(content_dir, monkeypatch):
    path = content_dir / "qa" / "data-skew.yml"
    real = importer.set_translated_from

    def stamp_then_edit(raw, digest):
        out = real(raw, digest)
        path.write_bytes(raw + b"# edited meanwhile\n")
        return out

    monkeypatch.setattr(importer, "set_translated_from", stamp_then_edit)
    result = kb("stamp", "data-skew", "--content", str(content_dir))
    assert result.exit_code == 1 and "changed on disk" in result.output
    assert path.read_text(encoding="utf-8").endswith("# edited meanwhile\n")
    assert temps(content_dir) == []


# --- one writer at a time, no temporary file left -------------------------------------------------------

def test_a_second_import_waits_for_the_first(content_dir, tmp_path):
    seeds = seed(tmp_path / "s", "new-seed.md", "#### 1. 什么是知识蒸馏？\n\n**答案：** 教师与学生。\n")
    results = []
    with ContentLock(content_dir):
        worker = threading.Thread(target=lambda: results.append(kb("import", "--content", str(content_dir), seeds)))
        worker.start()
        time.sleep(0.5)
        assert len(list((content_dir / "qa").glob("*.yml"))) == 3 and results == []  # it waits
    worker.join(30)
    assert results[0].exit_code == 0, results[0].output
    assert "waiting for another kb import or kb stamp" in results[0].output
    assert len(list((content_dir / "qa").glob("*.yml"))) == 4


def test_the_lock_refuses_with_a_clear_message_after_waiting(content_dir):
    with ContentLock(content_dir):
        try:
            with ContentLock(content_dir, wait=0.2):
                raise AssertionError("locked twice")
        except WriteError as exc:
            assert "another kb import or kb stamp is still writing" in str(exc) and ".kb-write.lock" in str(exc)


def test_a_crash_while_renaming_leaves_no_temporary_and_no_half_file(content_dir, tmp_path, monkeypatch):
    import kb.content.files as files

    before = {p.name: p.read_bytes() for p in (content_dir / "qa").glob("*.yml")}
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        raise OSError("disk gone")

    monkeypatch.setattr(files.os, "replace", failing_replace)
    seeds = seed(tmp_path / "s", "new-seed.md", IMBALANCE)
    result = runner.invoke(main, ["import", "--content", str(content_dir), seeds])
    assert calls and result.exit_code != 0
    assert temps(content_dir) == []
    assert {p.name: p.read_bytes() for p in (content_dir / "qa").glob("*.yml")} == before


# --- what kb check would refuse is not written ----------------------------------------------------------

def test_output_that_kb_check_refuses_is_not_written(content_dir, tmp_path):
    seeds = seed(tmp_path / "s", "bad.md", "#### 1. 什么是知识蒸馏？\n\n**答案：** 见 <script>x</script>\n\n"
                                            "#### 2. 什么是梯度裁剪？\n\n**答案：** 按范数裁剪。\n")
    result = kb("import", "--content", str(content_dir), seeds)
    assert result.exit_code == 1
    assert "q-bad-md-01.yml:" in result.output and "zh.answer: raw HTML is not allowed" in result.output
    assert "nothing was written" in result.output
    assert len(list((content_dir / "qa").glob("*.yml"))) == 3


# --- unrecognised headings --------------------------------------------------------------------------------

def test_unrecognised_headings_are_named_not_glued_into_the_answer(content_dir, tmp_path):
    seeds = seed(tmp_path / "s", "odd.md", "#### 1. 什么是知识蒸馏？\n\n**答案：** 教师与学生。\n\n"
                                            "#### 第二题：什么是梯度裁剪？\n\n按范数裁剪梯度。\n\n"
                                            "#### 3. 什么是学习率预热？\n\n**答案：** 开始时用小学习率。\n")
    result = kb("import", "--content", str(content_dir), seeds)
    assert result.exit_code == 0, result.output
    assert f"{seeds}:5: heading not recognised as a question ('#### 第二题：什么是梯度裁剪？'" in result.output
    text = (content_dir / "qa" / "q-odd-md-01.yml").read_text(encoding="utf-8")
    assert "梯度" not in text and "按范数" not in text


# --- which question a seed entry is ---------------------------------------------------------------------

def dry_run(content: Path, *seeds: str) -> list[tuple[str, str, bool]]:
    result = kb("import", "--dry-run", "--json", "--content", str(content), *seeds)
    assert result.exit_code == 0, result.output
    return [(e["title"], e["id"], e["known"]) for e in json.loads(result.stdout)["entries"]]


def test_same_named_seed_files_in_different_folders_are_different_entries(content_dir, tmp_path):
    one = seed(tmp_path / "a", "seed.md", "#### 1. 什么是知识蒸馏？\n\n**答案：** 教师与学生。\n")
    two = seed(tmp_path / "b", "seed.md", "#### 1. 什么是梯度裁剪？\n\n**答案：** 按范数裁剪。\n")
    assert kb("import", "--content", str(content_dir), one).exit_code == 0
    rows = dry_run(content_dir, two)
    assert rows[0][2] is False  # not "already imported": it is another question
    assert kb("import", "--content", str(content_dir), two).exit_code == 0
    assert len(list((content_dir / "qa").glob("*.yml"))) == 5


def test_numbering_restarted_inside_a_file_keeps_both_entries(content_dir, tmp_path):
    text = ("#### 1. 什么是知识蒸馏？\n\n**答案：** 教师与学生。\n\n"
            "#### 1. 什么是梯度裁剪？\n\n**答案：** 按范数裁剪。\n")
    assert kb("import", "--content", str(content_dir), seed(tmp_path / "s", "x.md", text)).exit_code == 0
    assert len(list((content_dir / "qa").glob("*.yml"))) == 5


def _import_two_of_three(content_dir, tmp_path) -> tuple[str, str, str]:
    """Three seed entries (a number to fill in each); the first two are imported from s.md as numbers 1 and 2."""
    a = "#### {}. 什么是知识蒸馏？\n\n**答案：** 教师与学生。\n\n"
    b = "#### {}. 什么是梯度裁剪？\n\n**答案：** 按范数裁剪。\n\n"
    c = "#### {}. 什么是学习率预热？\n\n**答案：** 开始时用小学习率。\n\n"
    assert kb("import", "--content", str(content_dir), seed(tmp_path / "v1", "s.md", a.format(1) + b.format(2))
              ).exit_code == 0
    return a, b, c


def test_reordered_entries_with_a_new_one_inserted_are_still_known(content_dir, tmp_path):
    a, b, c = _import_two_of_three(content_dir, tmp_path)
    rows = dry_run(content_dir, seed(tmp_path / "v2", "s.md", c.format(1) + b.format(2) + a.format(3)))
    assert [(title, known) for title, _, known in rows] == [
        ("什么是学习率预热？", False), ("什么是梯度裁剪？", True), ("什么是知识蒸馏？", True)]


def test_old_number_labels_with_restarted_numbering(content_dir, tmp_path):
    # data-skew.yml lists the old-style label 000_938f91403b1b3bfb.txt#1 (no fingerprint)
    path = content_dir / "qa" / "data-skew.yml"
    text = path.read_text(encoding="utf-8")
    assert "sources:" in text
    labels = yaml.safe_load(text)["sources"]
    name, number = labels[0].split("#")
    title = yaml.safe_load(text)["zh"]["title"]
    doc = (f"#### {number}. 什么是知识蒸馏？\n\n**答案：** 教师与学生。\n\n"
           f"#### {number}. {title}\n\n**答案：** 同一题。\n")
    rows = dry_run(content_dir, seed(tmp_path / "s", name, doc))
    assert rows == [("什么是知识蒸馏？", rows[0][1], False), (title, "data-skew", True)]


def test_old_number_labels_of_reordered_entries_with_a_new_one_inserted(content_dir, tmp_path):
    import re

    a, b, c = _import_two_of_three(content_dir, tmp_path)
    for path in (content_dir / "qa").glob("q-s-md-*.yml"):  # labels as written before fingerprints
        path.write_text(re.sub(r"(s\.md#\d)@[0-9a-f]{8}", r"\1", path.read_text(encoding="utf-8")), encoding="utf-8")
    rows = dry_run(content_dir, seed(tmp_path / "v2", "s.md", c.format(1) + a.format(2) + b.format(3)))
    assert [(title, qid, known) for title, qid, known in rows] == [
        ("什么是学习率预热？", rows[0][1], False), ("什么是知识蒸馏？", "q-s-md-01", True),
        ("什么是梯度裁剪？", "q-s-md-02", True)]
    assert rows[0][1] not in ("q-s-md-01", "q-s-md-02")


def test_an_entry_repeated_in_one_run_is_reported_as_a_repeat(content_dir, tmp_path):
    text = ("#### 1. 什么是知识蒸馏？\n\n**答案：** 教师与学生。\n\n"
            "#### 2. 什么是知识蒸馏？\n\n**答案：** 教师与学生。\n")
    result = kb("import", "--content", str(content_dir), seed(tmp_path / "s", "x.md", text))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[1] == "new" and lines[1].split("\t")[1] == "repeat"
    assert "already imported" not in result.stdout


def test_a_seed_entry_too_large_for_a_question_file_is_refused_before_planning(content_dir, tmp_path):
    """A 50 MB one-line seed entry took 78 s and 7 GB before its output file was refused for its size;
    the entry is refused as read, with its line, and nothing is written."""
    before = sorted(p.name for p in (content_dir / "qa").iterdir())
    path = seed(tmp_path, "big.md", "### 1. 小题？\n\n**答案：** 短。\n\n### 2. " + "长" * 200_000 + "\n")
    result = kb("import", "--content", str(content_dir), path)
    assert result.exit_code == 1
    assert f"{path}:5: big.md#2: the entry is 1,200," in result.stderr
    assert "a question file holds at most 524,288" in result.stderr
    assert "big.md#1" not in result.stderr
    assert sorted(p.name for p in (content_dir / "qa").iterdir()) == before
