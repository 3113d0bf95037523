"""The site's languages and what each one needs, declared once."""

from __future__ import annotations

DEFAULT = "zh"
LANGS: tuple[str, ...] = ("zh", "en")
HTML_LANG = {"zh": "zh-Hans", "en": "en"}  # the lang attribute of a language's text (Chinese in simplified script)
