"""ASCII punctuation in Chinese prose (kb.checks.punctuation): what is reported, what is left alone, and the
`kb check` warning that names the file, line, field, the text and the full-width mark to use."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.authoring.cli import main
from kb.checks.punctuation import ascii_marks


def fixed(text: str) -> str:
    """``text`` with every reported mark replaced by its full-width mark."""
    edits = sorted((e for m in ascii_marks(text) for e in m.edits), reverse=True)
    for start, end, new in edits:
        text = text[:start] + new + text[end:]
    return text


@pytest.mark.parametrize("text, expected", [
    ("显存不够,梯度累积可以缓解", "显存不够，梯度累积可以缓解"),
    ("注意: 这里不同", "注意：这里不同"),
    ("为什么?因为慢;所以要并行!对", "为什么？因为慢；所以要并行！对"),
    ("激活重计算(激活检查点)省显存", "激活重计算（激活检查点）省显存"),
    ("激活重计算 (又称检查点) 省显存", "激活重计算（又称检查点） 省显存"),
    ('把激活函数看作"门"来理解', "把激活函数看作“门”来理解"),
    ('他说:"好"', "他说：“好”"),
    ('"数据倾斜"和"类别不平衡"不同', "“数据倾斜”和“类别不平衡”不同"),
    ("见（附录）,再看", "见（附录），再看"),
])
def test_ascii_marks_in_chinese_prose_are_found(text: str, expected: str):
    assert fixed(text) == expected


@pytest.mark.parametrize("text", [
    "共 1,000 条样本",  # digits
    "格式是 a: b",  # Latin
    "函数 f(x) 的导数",
    "GPT-4o 与 o3 的区别",
    "损失接近 ln(词表大小)。",  # function notation: Latin before the parenthesis
    "分数是 1/(k + 名次) 之和",
    "建模 P(标签序列 | 输入)，可用",
    "Kaplan 等人 (2020) 的结论",  # digits inside, no Han
    "中文, English 混排",  # Latin after the comma
    '把 "the" 当作 token',  # quoted English and literal strings
    '所以 " low" 和 "low" 不同',
    "用 `显存,梯度` 表示",  # code span
    "用 ``a `显存,梯度` b`` 表示",
    "```python\nprint('显存,梯度')\n```",  # fenced code
    "公式 $显存,梯度$ 不渲染",  # math
    "见 https://example.com/显存,梯度 页面",  # URL
    "见[文档](https://example.com/路径,页)",  # link target
    '<span title="显存,梯度">x</span>',  # HTML
    "Memory is short, so use gradient accumulation: it helps (a lot)!",  # English
    "显存不够，梯度累积可以缓解。",  # already full-width
])
def test_ascii_marks_are_left_alone_outside_chinese_prose(text: str):
    assert list(ascii_marks(text)) == []


def test_quotes_pair_in_order_on_each_line():
    # the Han text between two quoted English words is not a quotation
    assert list(ascii_marks('用 "a" 还是 "b"')) == []
    # an odd quote is left alone, and a pair never spans lines
    assert list(ascii_marks('他说"好\n再说"行')) == []


def test_message_names_the_text_and_the_full_width_mark():
    text = "第一行\n显存不够,梯度累积"
    (mark,) = ascii_marks(text)
    assert mark.message(text) == "ASCII ',' between Chinese characters in '显存不够,梯度累积'; use full-width '，'"
    text = '看作"一道很长很长很长很长很长很长很长的门"来理解'
    (mark,) = ascii_marks(text)
    assert mark.message(text) == ("ASCII quotes around Chinese text in "
                                  "'看作\"一道很长很长很长很…很长很长很长的门\"来理解'; "
                                  "use full-width quotes “…” (or a code span for a literal string)")


def test_kb_check_warns_with_file_line_and_field(content_dir: Path):
    path = content_dir / "qa/overfitting.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("过拟合指模型在训练集上表现好、在验证集上表现差，可用早停和正则化缓解。",
                        '过拟合指模型在训练集上表现好,在验证集上表现差。\n'
                        '    可用"早停"和正则化(如 L2)缓解, 也可用 f(x)。')
    path.write_text(text, encoding="utf-8")
    categories = content_dir / "categories.yml"
    categories.write_text(categories.read_text(encoding="utf-8").replace("性能，以及", "性能;以及"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--content", str(content_dir)])
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if "ASCII" in line] == [
        "warning: content/categories.yml:10: categories[1].zh.description: ASCII ';' between Chinese characters in "
        "'决定性能;以及计算'; use full-width '；'",
        "warning: content/qa/overfitting.yml:11: zh.answer: ASCII ',' between Chinese characters in "
        "'上表现好,在验证集'; use full-width '，'",
        "warning: content/qa/overfitting.yml:12: zh.answer: ASCII ',' between Chinese characters in "
        "'2)缓解, 也可用 '; use full-width '，'",
        "warning: content/qa/overfitting.yml:12: zh.answer: ASCII parentheses around Chinese text in "
        "'和正则化(如 L2)缓解, '; use full-width '（…）'",
        "warning: content/qa/overfitting.yml:12: zh.answer: ASCII quotes around Chinese text in "
        "'可用\"早停\"和正则化'; use full-width quotes “…” (or a code span for a literal string)",
    ]


def test_the_real_content_uses_full_width_punctuation_in_chinese_prose():
    from kb.checks import editorial
    from kb.content.loader import load
    from tests.conftest import REPO

    content, _ = load(REPO / "content")
    assert [e.format() for e in editorial.check(content) if "ASCII" in e.message] == []
