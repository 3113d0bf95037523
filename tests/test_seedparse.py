from __future__ import annotations

from kb.authoring.seedparse import parse_document, parse_seed
from tests.conftest import DATA


def entries(name: str):
    return parse_document((DATA / "seeds" / name).read_text(encoding="utf-8"), name)


def test_numbered_headings_at_any_level_and_document_title_skipped():
    found = entries("variants.md")
    assert [e.number for e in found] == [1, 2, 3, 4]
    assert [e.source for e in found][:2] == ["variants.md#1", "variants.md#2"]
    assert found[0].title == "如何处理分布式训练中的数据倾斜问题？"


def test_intro_and_closing_paragraphs_are_not_part_of_any_entry():
    for e in entries("variants.md"):
        text = e.question + e.answer + e.analysis
        assert "介绍" not in text
        assert "希望对您有所帮助" not in text


def test_marker_variants_colon_inside_outside_bold_fullwidth_ascii():
    one, two, three, four = entries("variants.md")
    assert one.question == "在分布式训练中，如何处理数据倾斜问题？"  # **题目：** same line
    assert two.question == "请简述如何处理大模型训练中的数据倾斜问题。"  # **题目**：
    assert two.answer.startswith("处理方法如下：")  # **答案**: ASCII colon outside bold
    assert two.analysis == "数据倾斜会影响模型对少数类的效果。"  # text on a later line
    assert three.question == "什么是梯度裁剪？"  # **题目:** text on the next line
    assert three.analysis == "梯度裁剪只能缓解梯度爆炸。"


def test_star_dash_and_numbered_lists_are_kept_as_markdown_lists():
    one, two, three, _ = entries("variants.md")
    assert "1. **按 token 均衡分片**" in one.answer
    assert "- **重采样**" in two.answer and "* **" not in two.answer
    assert "- **按范数裁剪**" in three.answer


def test_extra_sections_stay_in_the_answer():
    three = entries("variants.md")[2]
    assert "**实例：** 例如把阈值设为 1.0。" in three.answer
    assert "**应对策略：**" in three.answer and "配合学习率预热使用" in three.answer
    assert "实例" not in three.analysis


def test_markers_without_bold():
    first = entries("plain.md")[0]
    assert first.question == "什么是过拟合？"
    assert first.answer == "模型在训练集上表现好，在验证集上表现差。"
    assert first.analysis == "可以用早停和正则化缓解。"


def test_crlf_and_bom_are_accepted():
    text = "\ufeff" + (DATA / "seeds" / "plain.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    again = parse_document(text, "plain.md")
    assert [e.answer for e in again] == [e.answer for e in entries("plain.md")]


def test_real_seed_documents_all_parse():
    # copies of ../shared/seeds (the five machine-written seed documents the content was imported from)
    seeds = sorted((DATA / "seeds" / "real").glob("*.txt"))
    assert len(seeds) == 5
    for path in seeds:
        found = parse_document(path.read_text(encoding="utf-8"), path.name)
        assert [e.number for e in found] == list(range(1, 31)), path.name
        assert all(e.answer and e.question and e.title for e in found), path.name


def test_a_numbered_sub_heading_is_not_a_new_question():
    """`#### 1.1 Details` inside question 1 was read as question 1 again, titled "1 Details", taking the rest
    of the answer with it; it is a heading the importer does not recognise (reported, not imported)."""
    text = ("### 1. 什么是 KV 缓存？\n\n**题目：** 什么是 KV 缓存？\n\n**答案：**\n缓存键值。\n\n"
            "#### 1.1 子标题：细节\n\n内容\n\n### 2. 下一题？\n\n**题目：** 下一题？\n\n**答案：**\n答。\n")
    parsed = parse_seed(text, "s.md")
    assert [(e.number, e.title) for e in parsed.entries] == [(1, "什么是 KV 缓存？"), (2, "下一题？")]
    assert [(u.line, u.text, u.skipped) for u in parsed.unrecognised] == [(8, "#### 1.1 子标题：细节", 1)]
