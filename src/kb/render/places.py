"""Where the study pages live: the top-level page names they add and the paths of their pages. Pure.

Every other module (kb.site, kb.render.tracks, kb.render.printable, kb.mkdocs.glue) takes these names from here.
"""

from __future__ import annotations

TRACKS = "tracks"  # /tracks/ lists the study tracks, /tracks/<slug>/ is one track
PRINT = "print"  # /print/tracks/<slug>/ and /print/category/<slug>/: every question of one with its answers
PAGE_NAMES = (TRACKS, PRINT)  # top-level page names: no hand-written page or other folder may take them
TRACK_PARAM = "track"  # ?track=<slug> on a question's URL: opened from that track (docs/assets/kb-nav.js)


def tracks_index() -> str:
    return f"{TRACKS}/index"


def track_page(slug: str) -> str:
    return f"{TRACKS}/{slug}"


def print_track(slug: str) -> str:
    return f"{PRINT}/{TRACKS}/{slug}"


def print_category(slug: str) -> str:
    return f"{PRINT}/category/{slug}"
