"""The site's languages, declared once."""

from __future__ import annotations

DEFAULT = "zh"
LANGS: tuple[str, ...] = ("zh", "en")
