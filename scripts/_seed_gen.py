"""A synthetic seed document of N questions in the format of ../shared/seeds (for the import benchmark).

Titles combine terms of the field with a made-up name per entry, so that they are as
distinct as real questions are; every fifth entry asks a question an earlier entry asked in other
words (the importer merges those); the sections use the marker variants the parser accepts.
Deterministic for a given ``seed``.
"""

from __future__ import annotations

import random
from pathlib import Path

TERMS = ("梯度裁剪 学习率预热 混合精度 数据并行 张量并行 流水线并行 知识蒸馏 量化 剪枝 KV缓存 注意力机制 位置编码 "
         "分词器 指令微调 奖励模型 偏好优化 检索增强 向量数据库 长上下文 幻觉 评测基准 数据清洗 去重 课程学习 "
         "早停 正则化 批归一化 层归一化 残差连接 专家混合 推测解码 批处理调度 显存碎片 检查点 容错恢复 "
         "隐私保护 差分隐私 红队测试 对齐税 成本控制").split()
FRAMES = ("如何在{a}场景下使用{b}优化{w}？", "什么是{w}中的{a}？它与{b}有何不同？", "请解释{w}对{a}和{b}的影响",
          "{a}与{b}结合时，{w}有哪些常见问题？")
MARKERS = (("**题目：**", "**答案：**", "**解析：**"), ("**题目**：", "**答案**:", "**解析**:"),
           ("题目：", "答案：", "解析："))
HAN = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000))


def _made_up(rnd: random.Random) -> str:
    """A made-up model or method name ("Voranik"): one word the similarity checks keep."""
    return "".join(rnd.choice("bdfgklmnprstvz") + rnd.choice("aeiou") for _ in range(3)).capitalize() + rnd.choice(
        ("", "-2", "-XL", "Net", "Former"))


def seed_text(n: int, seed: int = 20261207) -> str:
    rnd = random.Random(seed)
    out = ["### 大模型面试题集（合成）", "", "以下是一组面试题。", ""]
    asked: list[str] = []
    for i in range(1, n + 1):
        if i % 5 == 0 and asked:
            title = rnd.choice(asked)  # a repeat, as seeds have: merged into the earlier question
        else:
            a, b = rnd.sample(TERMS, 2)
            word = _made_up(rnd)
            title = rnd.choice(FRAMES).format(a=a, b=b, w=word)
            asked.append(title)
        q, ans, why = rnd.choice(MARKERS)
        points = [f"- **{rnd.choice(TERMS)}**：{''.join(rnd.choice(HAN) for _ in range(rnd.randint(10, 40)))}。"
                  for _ in range(rnd.randint(2, 5))]
        out += [f"#### {i}. {title}", "", f"{q} {title}", "", ans, *points, "", f"{why}",
                "".join(rnd.choice(HAN) for _ in range(rnd.randint(20, 80))) + "。", ""]
    out += ["以上是本次整理的面试题，希望对您有所帮助。", ""]
    return "\n".join(out)


def write_seed(path: Path, n: int, seed: int = 20261207) -> Path:
    path.write_text(seed_text(n, seed), encoding="utf-8")
    return path
