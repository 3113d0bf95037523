"""``kb stats``: how much content there is and what state it is in. Pure: Content in, numbers out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from kb.content.freshness import translation_state
from kb.content.loader import Content

STATES = ("fresh", "stale", "unstamped", "missing")


@dataclass
class Row:
    category: str
    questions: int = 0
    en: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    without_references: int = 0


@dataclass
class Area:
    """How many canonical questions of one syllabus area have a home page (a question naming its id)."""

    area: str
    name: str
    questions: int
    covered: int
    missing: list[str]


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
    syllabus: list[Area] = field(default_factory=list)

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
                 lists["missing"], lists["refs"], len(content.unreadable), coverage(content))


def coverage(content: Content) -> list[Area]:
    homed = {sid for q in content.questions for sid in q.syllabus}
    return [Area(a.id, a.en, len(a.questions), sum(q.id in homed for q in a.questions),
                 [q.id for q in a.questions if q.id not in homed]) for a in content.syllabus]


def _pct(n: int, d: int) -> str:
    """A share rounded down (218 of 219 is 99%, not 100%), or '-' of nothing."""
    return f"{100 * n // d}%" if d else "-"


def _syllabus_table(areas: list[Area]) -> str:
    """Coverage of the canonical questions (content/syllabus.yml), one line an area."""
    rows = [(f"{a.area}  {a.name}", f"{a.covered}/{a.questions}", _pct(a.covered, a.questions),
             " ".join(a.missing)) for a in areas]
    covered, total = sum(a.covered for a in areas), sum(a.questions for a in areas)
    width = max(len(r[0]) for r in rows)
    lines = ["syllabus coverage (canonical questions with a page of their own; missing ids)"]
    lines += [f"{r[0].ljust(width)}  {r[1].rjust(7)}  {r[2].rjust(4)}  {r[3]}".rstrip() for r in rows]
    lines.append(f"{'all areas'.ljust(width)}  {f'{covered}/{total}'.rjust(7)}  {_pct(covered, total).rjust(4)}")
    return "\n".join(lines)


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
    if stats.syllabus:
        out += ["", _syllabus_table(stats.syllabus)]
    if stats.unreadable_files:
        out.append(f"{stats.unreadable_files} question files could not be read and are not counted; run kb check")
    return "\n".join(out) + "\n"
