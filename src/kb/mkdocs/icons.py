"""Theme icons drawn from one sprite file instead of being copied into every page.

Material's templates include an icon's SVG file into the page (``{% include ".icons/x/y.svg" %}``):
14 icons, 4.6 kB of every page, the same on all of them (scripts/benchmark.py). ``IconLoader`` answers
those includes with an ``<svg>`` of the same ``viewBox`` that shows the icon through ``<use>`` from
``assets/kb-icons.svg``, and ``sprite`` writes that file with every icon the build used: the browser
downloads the icons once. An icon keeps Material's styling: the outer ``<svg>`` is the element
Material's CSS sizes and colours, and the icon's paths inherit its ``fill``.
"""

from __future__ import annotations

import html
import re

import jinja2

SPRITE = "assets/kb-icons.svg"
_SVG = re.compile(r"\A\s*<svg\b([^>]*)>(.*)</svg>\s*\Z", re.S)
_VIEWBOX = re.compile(r'\bviewBox="([^"]*)"')
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def icon_id(template: str) -> str:
    """'.icons/material/github.svg' -> 'material-github'."""
    return template[len(".icons/"):-len(".svg")].replace("/", "-")


class IconLoader(jinja2.BaseLoader):
    """Icons (``.icons/*.svg``) as references into the sprite; every other template from ``fallback``.

    An icon whose file is not a single ``<svg>`` element with a ``viewBox`` is included as it is.
    """

    def __init__(self, fallback: jinja2.BaseLoader, used: dict[str, tuple[str, str]]) -> None:
        self.fallback = fallback
        self.used = used  # id -> (viewBox, inner SVG) of every icon included: what the sprite holds

    def get_source(self, environment, template):
        source, filename, uptodate = self.fallback.get_source(environment, template)
        if not (template.startswith(".icons/") and template.endswith(".svg")):
            return source, filename, uptodate
        m = _SVG.match(source)
        box = _VIEWBOX.search(m.group(1)) if m else None
        if m is None or box is None:
            return source, filename, uptodate
        ident = icon_id(template)
        self.used[ident] = (box.group(1), _COMMENT.sub("", m.group(2)).strip())
        use = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{html.escape(box.group(1))}">'
               f'<use href="{{{{ {SPRITE!r} | url }}}}#{ident}"/></svg>')
        return use, filename, uptodate

    def list_templates(self):
        return self.fallback.list_templates()


def sprite(used: dict[str, tuple[str, str]]) -> str:
    """The sprite file: one ``<symbol>`` per icon, sorted by id (the same bytes for the same icons)."""
    symbols = "".join(f'<symbol id="{ident}" viewBox="{html.escape(box)}">{inner}</symbol>'
                      for ident, (box, inner) in sorted(used.items()))
    return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'
