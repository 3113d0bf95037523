"""Checks of content/tracks.yml against the questions: every id names a question, once per track; track slugs
are unique. Pure: Content in, ContentErrors out.

The file's data is read as written (not the validated model), so that a file with a schema error (an empty
stage, a bad slug) still has its unknown and repeated ids reported in the same run.
"""

from __future__ import annotations

import re

from kb.checks.names import suggest
from kb.content.errors import ContentError, field_path
from kb.content.loader import Content
from kb.content.schema import SLUG_RE


def check(content: Content) -> list[ContentError]:
    path = content.files.get("tracks", "content/tracks.yml")
    doc = content.lines.get(path)
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("tracks"), list):
        return []  # no file, or its shape is wrong: loading it reported that
    errors: list[ContentError] = []
    ids = {q.id for q in content.questions}
    linkable = ids | set(content.unreadable)  # a question whose file failed is reported at that file
    slugs: dict[str, int] = {}

    def error(loc: tuple, message: str) -> None:
        errors.append(ContentError(path, doc.line_of(loc), field_path(loc), message))

    for i, track in enumerate(doc.data["tracks"]):
        if not isinstance(track, dict):
            continue
        slug = track.get("slug")
        if isinstance(slug, str):
            if slug in slugs:
                error(("tracks", i, "slug"), f"'{slug}' is listed twice (also tracks[{slugs[slug]}]); each slug once")
            else:
                slugs[slug] = i
        seen: dict[str, tuple] = {}
        stages = track.get("stages")
        for j, stage in enumerate(stages if isinstance(stages, list) else ()):
            questions = stage.get("questions") if isinstance(stage, dict) else None
            for k, qid in enumerate(questions if isinstance(questions, list) else ()):
                if not isinstance(qid, str) or not re.fullmatch(SLUG_RE, qid):
                    continue  # the schema's error
                loc = ("tracks", i, "stages", j, "questions", k)
                if qid not in linkable and linkable:  # no question at all: content/qa's own error says why
                    error(loc, f"unknown question id '{qid}'{suggest(qid, ids)}; "
                               "expected the id of a question in content/qa (its file name without .yml)")
                elif qid in seen:
                    error(loc, f"'{qid}' is already in this track (at {field_path(seen[qid])}); "
                               "list each question once in a track")
                else:
                    seen[qid] = ("stages", j, "questions", k)
    return errors
