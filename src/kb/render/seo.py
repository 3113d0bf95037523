"""What search engines and link previews read: absolute hreflang alternates and schema.org data. Pure."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

from kb.langs import DEFAULT

OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
# A link or image: no "[" in its text, no "(" in its destination but one balanced pair (a wiki URL), so a
# start that is not a link is given up at the next "[" or "(" (linear; a run of "[" was quadratic).
_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)")


def plain_text(markdown: str) -> str:
    """Readable plain text of a Markdown answer: no emphasis, code or link syntax; paragraphs kept."""
    text = _LINK.sub(r"\1", markdown)
    text = re.sub(r"^```.*$|^~~~.*$", "", text, flags=re.M)
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)\*(?!\w)", r"\1", text)
    text = html.unescape(text)  # "&amp;" in Markdown is "&" to a reader (the page escapes it again)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def absolute(site_url: str, link: str) -> str:
    """``link`` as static-i18n writes it ('en/qa/x/', or '/base/en/' for a language root) made absolute."""
    if link.startswith(("http://", "https://")):
        return link
    root = site_url if site_url.endswith("/") else site_url + "/"
    base_path = urlsplit(root).path
    if link.startswith("/"):
        link = link[len(base_path):] if link.startswith(base_path) else link.lstrip("/")
    return root + ("" if link in (".", "./") else link)


def alternates(site_url: str, alternate: list[dict]) -> list[dict[str, str]]:
    """hreflang links with absolute URLs, plus x-default pointing at the default language."""
    links = [{"lang": alt["lang"], "href": absolute(site_url, alt["link"])} for alt in alternate]
    default = next((link["href"] for link in links if link["lang"] == DEFAULT), None)
    return links + ([{"lang": "x-default", "href": default}] if default else [])


def faq_jsonld(faq: dict, title: str, url: str) -> str:
    """schema.org FAQPage with the one question of a page, as JSON safe to put inside <script>.

    FAQPage rather than QAPage: QAPage is for pages where readers post answers; here the site writes
    the one answer.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": faq["lang"],
        "url": url,
        "name": title,
        "mainEntity": [{
            "@type": "Question",
            "name": title,
            "text": faq["question"],
            "acceptedAnswer": {"@type": "Answer", "text": faq["answer"], "url": f"{url}#answer"},
        }],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_context(meta: dict, canonical_url: str | None, site_url: str | None, alternate: list[dict]) -> dict:
    """Template variables for ``overrides/main.html``: ``kb_alternates`` and, on question pages, ``kb_jsonld``."""
    if not site_url:
        return {"kb_alternates": [], "kb_jsonld": None}
    faq = (meta.get("kb") or {}).get("faq")
    # The title arrives HTML-escaped (kb.render.safety.escape_meta); JSON-LD wants the text.
    jsonld = faq_jsonld(faq, html.unescape(meta["title"]), canonical_url) if faq and canonical_url else None
    return {"kb_alternates": alternates(site_url, alternate), "kb_jsonld": jsonld}
