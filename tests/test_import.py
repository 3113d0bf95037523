from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from kb.authoring.cli import main
from tests.conftest import DATA

SEEDS = [str(DATA / "seeds" / "variants.md"), str(DATA / "seeds" / "plain.md")]


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def unlabelled(text: str) -> str:
    """Sources without their fingerprints (``<file>#<n>@<8 hex>`` -> ``<file>#<n>``)."""
    return re.sub(r"(#[0-9]+)@[0-9a-f]{8}", r"\1", text)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yml"))}


def test_dry_run_json_reports_entries_in_document_order_and_writes_nothing(tmp_path):
    content = tmp_path / "content"
    result = run("import", "--dry-run", "--json", "--content", str(content), *SEEDS)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = [(unlabelled(e["source"]), e["action"], e["id"]) for e in report["entries"]]
    assert rows == [
        ("variants.md#1", "new", "q-variants-md-01"),
        ("variants.md#2", "new", "q-variants-md-02"),
        ("variants.md#3", "new", "q-variants-md-03"),
        ("variants.md#4", "merge", "q-variants-md-02"),
        ("plain.md#1", "new", "q-plain-md-01"),
        ("plain.md#2", "new", "q-plain-md-02"),
        ("plain.md#3", "merge", "q-variants-md-02"),
    ]
    assert [e["title"] for e in report["entries"]][0] == "如何处理分布式训练中的数据倾斜问题？"
    assert not content.exists()


def test_distributed_data_skew_is_not_merged_with_label_skew(tmp_path):
    run("import", "--content", str(tmp_path / "c"), *SEEDS)
    qa = tmp_path / "c" / "qa"
    distributed = (qa / "q-variants-md-01.yml").read_text(encoding="utf-8")
    labels = (qa / "q-variants-md-02.yml").read_text(encoding="utf-8")
    assert "variants.md#1" in distributed and "variants.md#1" not in labels
    assert "负载" in distributed and "类别" not in distributed


def test_duplicates_merge_distinct_points_and_drop_repeats(tmp_path):
    run("import", "--content", str(tmp_path / "c"), *SEEDS)
    text = unlabelled((tmp_path / "c" / "qa" / "q-variants-md-02.yml").read_text(encoding="utf-8"))
    assert "- variants.md#2\n- variants.md#4\n- plain.md#3" in text
    for point in ("重采样", "过采样", "欠采样"):
        assert point in text
    assert text.count("**类别加权**") == 1


def test_import_twice_changes_nothing(tmp_path):
    content = tmp_path / "c"
    run("import", "--content", str(content), *SEEDS)
    before = snapshot(content / "qa")
    result = run("import", "--content", str(content), *SEEDS)
    assert result.exit_code == 0
    assert "0 new files, 0 files gain sources" in result.output
    assert snapshot(content / "qa") == before


def test_matching_question_only_gains_a_source_and_keeps_maintainer_text(content_dir):
    # the fixture's class-imbalance question was written by a maintainer
    path = content_dir / "qa" / "class-imbalance.yml"
    original = path.read_text(encoding="utf-8")
    seed = content_dir.parent / "new-seed.md"
    seed.write_text("#### 1. 如何处理类别不平衡问题？\n\n**答案：** 机器写的答案，不应覆盖。\n", encoding="utf-8")
    result = run("import", "--content", str(content_dir), str(seed))
    assert result.exit_code == 0, result.output
    updated = unlabelled(path.read_text(encoding="utf-8"))
    assert "机器写的答案" not in updated
    assert updated.replace('\n  - "new-seed.md#1"', "", 1) == original.replace(
        'sources: ["000_938f91403b1b3bfb.txt#16", "001_2dd849f6a799b893.txt#8"]',
        'sources: ["000_938f91403b1b3bfb.txt#16", "001_2dd849f6a799b893.txt#8", "new-seed.md#1"]')
    assert "new-seed.md#1" in updated
    assert len(list((content_dir / "qa").glob("*.yml"))) == 3


def test_imported_files_pass_the_schema(tmp_path):
    from kb.content.files import question_files

    run("import", "--content", str(tmp_path / "c"), *SEEDS)
    questions, errors = question_files(tmp_path / "c" / "qa")
    assert errors == []
    assert len(questions) == 5


def test_import_refuses_a_folder_that_is_not_a_content_folder(tmp_path):
    other = tmp_path / "src"
    other.mkdir()
    (other / "main.py").write_text("print(1)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "--content", str(other), *SEEDS])
    assert result.exit_code == 1
    assert "is not a content folder" in result.output
    assert sorted(p.name for p in other.iterdir()) == ["main.py"]


def test_schema_add_modelines_names_a_file_that_is_not_utf8(content_dir):
    (content_dir / "qa" / "gbk.yml").write_bytes("id: gbk\n".encode("utf-8") + "标题".encode("gbk"))
    result = CliRunner().invoke(main, ["schema", "--add-modelines", "--content", str(content_dir)])
    assert result.exit_code == 1
    assert "cannot read as UTF-8" in result.output and "gbk.yml" in result.output
    assert "Traceback" not in result.output


def test_every_seed_entry_is_covered_by_the_published_content():
    from tests.conftest import REPO

    seeds = sorted(str(p) for p in (DATA / "seeds" / "real").glob("*.txt"))
    result = run("import", "--dry-run", "--json", "--content", str(REPO / "content"), *seeds)
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)["entries"]
    assert len(entries) == 150
    assert {e["action"] for e in entries} == {"merge"}  # all 150 already listed in some question's sources
    assert {e["id"] for e in entries} <= {p.stem for p in (REPO / "content" / "qa").glob("*.yml")}


def test_an_entry_without_an_answer_is_imported_as_a_draft_not_as_its_question(content_dir, tmp_path):
    """The question used to be repeated as its own answer: a page that passed `kb check` with no answer."""
    seed = tmp_path / "seed.md"
    seed.write_text("### 1. 什么是梯度消失？\n\n题目：什么是梯度消失？为什么深层网络会出现？\n", encoding="utf-8")
    result = run("import", "--content", str(content_dir), str(seed))
    assert result.exit_code == 0, result.output
    text = (content_dir / "qa" / "q-seed-md-01.yml").read_text(encoding="utf-8")
    answer = text.split("  answer: ", 1)[1]
    assert answer.lstrip("|-\n ").startswith("TODO ") and "梯度消失" not in answer
    assert "draft: content/qa/q-seed-md-01.yml:" in result.stderr and "zh.answer" in result.stderr
    checked = run("check", "--content", str(content_dir))
    assert checked.exit_code == 1 and "q-seed-md-01.yml" in checked.stderr and "TODO" in checked.stderr
