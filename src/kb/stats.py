"""``kb stats``: how much content there is and what state it is in. Pure: Content in, numbers out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from kb.freshness import translation_state
from kb.loader import Content

STATES = ("fresh", "stale", "unstamped", "missing")


@dataclass
class Row:
    category: str
    questions: int = 0
    en: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    without_references: int = 0


@dataclass
class Stats:
    questions: int
    categories: list[Row]
    total: Row
    stale: list[str]
    unstamped: list[str]
    untranslated: list[str]
    without_references: list[str]
    unreadable_files: int

    def to_json(self) -> dict:
        data = asdict(self)
        data["coverage"] = {"zh": self.questions, "en": self.questions - len(self.untranslated),
                            "en_up_to_date": self.total.en["fresh"]}
        return data


def compute(content: Content) -> Stats:
    rows = {c.slug: Row(c.slug) for c in content.categories}
    total = Row("total")
    lists: dict[str, list[str]] = {"stale": [], "unstamped": [], "missing": [], "refs": []}
    for q in content.questions:
        row = rows.setdefault(q.category, Row(q.category))
        state = translation_state(q)
        for r in (row, total):
            r.questions += 1
            r.en[state] += 1
            r.without_references += not q.references
        if state != "fresh":
            lists[state].append(q.id)
        if not q.references:
            lists["refs"].append(q.id)
    return Stats(len(content.questions), list(rows.values()), total, lists["stale"], lists["unstamped"],
                 lists["missing"], lists["refs"], len(content.unreadable))


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "-"


def table(stats: Stats) -> str:
    """A plain-text table for a terminal, then the lists of ids to act on."""
    head = ("category", "questions", "en ok", "en stale", "unstamped", "untranslated", "no refs")
    body = [(r.category, r.questions, r.en["fresh"], r.en["stale"], r.en["unstamped"], r.en["missing"],
             r.without_references) for r in [*stats.categories, stats.total]]
    widths = [max(len(str(row[i])) for row in [head, *body]) for i in range(len(head))]

    def fmt(row: tuple) -> str:
        return "  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w) for i, (v, w) in enumerate(zip(row, widths)))

    out = [fmt(head), "  ".join("-" * w for w in widths), *map(fmt, body[:-1]),
           "  ".join("-" * w for w in widths), fmt(body[-1]), ""]
    n = stats.questions
    en = n - len(stats.untranslated)
    out.append(f"languages: zh {n}/{n}, en {en}/{n} ({_pct(en, n)}); "
               f"en up to date with zh: {stats.total.en['fresh']}/{n} ({_pct(stats.total.en['fresh'], n)})")
    for label, ids in (("stale translations", stats.stale), ("unstamped translations", stats.unstamped),
                       ("untranslated", stats.untranslated), ("without references", stats.without_references)):
        out.append(f"{label} ({len(ids)})" + (": " + ", ".join(ids) if ids else ""))
    if stats.unreadable_files:
        out.append(f"{stats.unreadable_files} question files could not be read and are not counted; run kb check")
    return "\n".join(out) + "\n"
