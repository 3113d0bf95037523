"""Study track pages: /tracks/ lists every track, /tracks/<slug>/ is one track's stages and questions. Pure.

Question links carry ``?track=<slug>``: the question page then shows the previous and next question of the
track (docs/assets/kb-nav.js). Every question item has ``data-kb-qid`` and every list (a stage) and the
track's container ``data-kb-progress``; a ``.kb-progress`` placeholder above the track and above each stage is
where kb-study.js writes that list's progress (one summary each), and the index's ``.kb-track-progress`` the
track's.
"""

from __future__ import annotations

import html

from kb.content.loader import Content
from kb.content.schema import Track
from kb.render.labels import label
from kb.render.markdown import escape, link
from kb.render.navigation import track_questions
from kb.render.pages import (GeneratedPage, front_matter, page_path, print_link, progress_summary, question_list,
                             study_links)
from kb.content.urls import TRACK_PARAM, print_track, track_page, tracks_index


def _summary(lang: str, content: Content, track: Track) -> str:
    n = len(track_questions(content, track))
    return f"{label(lang, 'questions_count', n=n)} · {label(lang, 'stages_count', n=len(track.stages))}"


def render_tracks(lang: str, content: Content) -> GeneratedPage:
    """Every track: its name, description, size and stages."""
    meta = {"title": label(lang, "tracks"), "description": label(lang, "tracks_intro"),
            "kb": {"kind": "tracks", "source": "content/tracks.yml"}}
    out = [front_matter(meta), f"# {label(lang, 'tracks')}\n", label(lang, "tracks_intro") + "\n"]
    for track in content.tracks:
        text = getattr(track, lang)
        out.append(f"## {link(text.name, f'{track.slug}.md')} {{ #{track.slug} }}\n")
        out.append(f"{escape(text.description)}\n")
        out.append(f'<p class="kb-count">{html.escape(_summary(lang, content, track))}</p>\n')
        # kb-study.js: how many of these the reader knows and how many are due ("12 / 35 known · 3 due")
        ids = " ".join(q.id for q in track_questions(content, track))
        out.append(f'<p class="kb-track-progress" data-kb-qids="{html.escape(ids)}" data-pagefind-ignore></p>\n')
        stages = "".join(f"<li>{html.escape(getattr(stage, lang).name)} · "
                         f"{html.escape(label(lang, 'questions_count', n=len(stage.questions)))}</li>\n"
                         for stage in track.stages)
        out.append(f'<ol class="kb-stages">\n{stages}</ol>\n')
    return GeneratedPage(page_path(tracks_index(), lang), "\n".join(out))


def render_track(track: Track, lang: str, content: Content) -> GeneratedPage:
    """One track: its stages in order, each a numbered list of its questions (numbers run on across stages)."""
    text = getattr(track, lang)
    meta = {"title": text.name, "description": text.description,
            "kb": {"kind": "track", "source": "content/tracks.yml"}}
    categories = {c.slug: c for c in content.categories}
    by_id = {q.id: q for q in content.questions}
    out = [front_matter(meta), f"# {escape(text.name)}\n", f"{escape(text.description)}\n",
           f'<p class="kb-count">{html.escape(_summary(lang, content, track))}</p>\n',
           study_links(lang, "track", track.slug),
           print_link(lang, f"../../{print_track(track.slug)}/"),
           progress_summary(track_page(track.slug)),  # the whole track's; each stage has its own below
           f'<div class="kb-track" data-kb-progress="{track_page(track.slug)}" markdown>\n']
    start = 1
    for n, stage in enumerate(track.stages, 1):
        questions = [by_id[qid] for qid in stage.questions if qid in by_id]
        name = label(lang, "stage", n=n, name=getattr(stage, lang).name)
        out.append(f"## {escape(name)} {{ #stage-{n} }}\n")
        out.append(progress_summary(f"{track_page(track.slug)}/{n}"))
        out.append(question_list(lang, questions, f"{track_page(track.slug)}/{n}", tag="ol",
                                 query=f"?{TRACK_PARAM}={track.slug}", categories=categories, start=start))
        start += len(questions)
    out.append("</div>\n")
    return GeneratedPage(page_path(track_page(track.slug), lang), "\n".join(out))
