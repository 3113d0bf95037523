"""The speed-ups keep their promises: same output, nothing stale (scripts/benchmark.py measures the speed)."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import yaml

from kb import site
from kb.mkdocs import glue as mkdocs_glue
from kb.render.pages import GeneratedPage, _front_matter


def test_front_matter_is_the_text_safe_dump_writes():
    metas = [
        {"title": "什么是 KV cache？占多少显存：MQA/GQA", "description": "a: b # c", "tags": ["显存", "推理"],
         "kb": {"id": "kv-cache", "difficulty": 2,
                "faq": {"question": "'quoted' \"double\"", "answer": "line\nbreak"}}},
        {"title": "- starts like a list", "description": "", "kb": {"kind": "home", "n": None, "flag": True}},
        {"title": "x" * 1500 + " long", "description": "@at `tick` *star* [link](x.md) {brace}"},
    ]
    for meta in metas:
        expected = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        assert _front_matter(meta) == "---\n" + expected + "---\n\n"


def test_site_cache_reuses_the_site_until_a_byte_changes(content_dir: Path):
    cache = site.SiteCache()
    first = cache.get(content_dir)
    assert cache.get(content_dir) is first
    path = content_dir / "qa" / "data-skew.yml"
    text = path.read_text(encoding="utf-8")
    # the same size and, on coarse clocks, possibly the same mtime: only the bytes differ
    changed = text.replace("数据倾斜指工作量", "数据偏斜指工作量", 1)
    assert len(changed.encode()) == len(text.encode()) and changed != text
    path.write_text(changed, encoding="utf-8")
    second = cache.get(content_dir)
    assert second is not first
    assert any("数据偏斜指工作量" in p.markdown for p in second.pages)
    assert cache.get(content_dir, drafts=True) is not second


def test_site_cache_does_not_keep_a_failed_build(content_dir: Path):
    cache = site.SiteCache()
    cache.get(content_dir)
    bad = content_dir / "qa" / "data-skew.yml"
    good = bad.read_text(encoding="utf-8")
    bad.write_text(good.replace("category: systems", "category: nowhere"), encoding="utf-8")
    try:
        cache.get(content_dir)
    except Exception as exc:  # ContentErrors
        assert "nowhere" in str(exc.report() if hasattr(exc, "report") else exc)
    else:
        raise AssertionError("an unknown category must fail")
    assert cache.site is None  # the earlier Site is not served for content that no longer builds
    bad.write_text(good, encoding="utf-8")
    assert cache.get(content_dir).pages


def test_write_pages_skips_unchanged_files_but_notices_edits(tmp_path: Path):
    docs = tmp_path / "docs"
    pages = (GeneratedPage("qa/a.md", "# A\n"), GeneratedPage("qa/a.en.md", "# A en\n"))
    assert mkdocs_glue.write_pages(pages, docs) == 2
    target = docs / "qa" / "a.md"
    before = target.stat().st_mtime_ns
    os.utime(target, ns=(target.stat().st_atime_ns, before - 10**9))
    assert mkdocs_glue.write_pages(pages, docs) == 0
    assert target.stat().st_mtime_ns == before - 10**9  # not rewritten: --dirty and serve see no change
    target.write_text("# B\n", encoding="utf-8")  # same size, other text
    assert mkdocs_glue.write_pages(pages, docs) == 1
    assert target.read_text(encoding="utf-8") == "# A\n"
    assert mkdocs_glue.write_pages(tuple(GeneratedPage(p.path, str(p.markdown)) for p in pages[:1]), docs) == 1
    assert not (docs / "qa" / "a.en.md").exists()


def test_related_questions_and_sources_stay_out_of_search(content_dir: Path):
    built = site.build(content_dir)
    page = next(p for p in built.pages if p.path == "qa/data-skew.md").markdown
    assert "{ #related data-pagefind-ignore }" in page
    assert "<ul data-pagefind-ignore>" in page  # the related list
    assert '<p id="sources" class="kb-provenance" data-pagefind-ignore>' in page
    assert "{ #answer }" in page and "{ #analysis }" in page


def _link_terms_reference(text, terms, href, used):
    """link_terms as it was before the speed-up: one regex over every form."""
    import re

    from kb.render.markdown import _free_segments, term_link

    forms = sorted(((f, t) for t in terms for f in t.forms if f.strip()), key=lambda x: -len(x[0]))
    if not forms:
        return text
    by_form = {f.lower(): t for f, t in forms}
    pattern = re.compile("(?<![A-Za-z0-9_-])(" + "|".join(re.escape(f) for f, _ in forms) + ")(?![A-Za-z0-9_])", re.I)
    out = []
    for start, end, free in _free_segments(text):
        chunk = text[start:end]
        if not free:
            out.append(chunk)
            continue

        def repl(m):
            term = by_form[m.group(1).lower()]
            if term.id in used:
                return m.group(0)
            used.add(term.id)
            return term_link(m.group(1), href, term)

        out.append(pattern.sub(repl, chunk))
    return "".join(out)


def test_link_terms_links_exactly_what_the_single_regex_linked():
    import random

    from kb.render.markdown import Term, link_terms

    terms = (
        Term("kv-cache", ("KV cache", "KV 缓存", "键值缓存"), 'The "key/value" cache'),
        Term("lora", ("LoRA", "低秩适配"), "Low-rank adaptation"),
        Term("adam", ("Adam",), "optimizer"), Term("adamw", ("AdamW",), "decoupled decay"),
        Term("sigma", ("σ-reparam",), "greek"), Term("strasse", ("Straße",), "eszett"),
        Term("kelvin", ("k-means",), "clusters"), Term("all-reduce", ("all-reduce", "全归约"), "collective"),
    )
    words = ["KV cache", "kv CACHE", "KV 缓存", "键值缓存", "LoRA", "lora", "QLoRA", "LoRAs", "AdamW", "adam", "Adamax",
             "ς-reparam", "Σ-REPARAM", "STRASSE", "straße", "K-means", "ſ", "İ", "all-reduce", "x-all-reduce",
             "全归约", "`KV cache`", "[LoRA](https://x.y)", "https://kv.cache/LoRA", "的", "，", " ", "\n\n",
             "```\nAdam\n```\n"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(0, 25)))
        used_a: set[str] = set(rng.sample(["lora", "adam", "kv-cache"], rng.randint(0, 2)))
        used_b = set(used_a)
        assert _outcome(link_terms, text, terms, used_a) == _outcome(_link_terms_reference, text, terms, used_b), text
        assert used_a == used_b


def _outcome(fn, text, terms, used):
    try:
        return fn(text, terms, "../glossary.md", used)
    except KeyError as exc:  # both versions look forms up by .lower(), which misses some re.I matches (ς)
        return f"KeyError {exc}"


def test_characters_the_check_skips_are_never_a_problem():
    from kb.checks import run as checks

    skipped = [chr(cp) for cp in range(0x110000) if not checks._UNUSUAL.match(chr(cp))]
    assert len(skipped) > 20000
    assert checks._character_problems("".join(skipped)) == []
    for ch in skipped:  # what the check would say without the shortcut
        assert _slow_character_problems(ch) == [], hex(ord(ch))
    text = "全角（Ａ）·²–\u200b\uf900\u2f00\t\u200d"
    assert checks._character_problems(text) == _slow_character_problems(text)


def _slow_character_problems(text):
    from kb.checks import run as checks

    unusual = checks._UNUSUAL
    try:
        checks._UNUSUAL = __import__("re").compile(r"(?s).")
        return checks._character_problems(text)
    finally:
        checks._UNUSUAL = unusual


def test_released_documents_give_the_same_line_numbers():
    from kb.content.yamlio import parse

    text = "id: x\nzh:\n  title: t\n  answer: |\n    a\n    b\nrelated:\n  - id: y\n  - id: z\n"
    doc = parse(text)
    before = [doc.line_of(loc) for loc in (("zh", "answer"), ("related", 1), ("nope",))]
    in_text = doc.line_in_text(("zh", "answer"), 2)
    doc.release()
    assert doc._node is None
    assert [doc.line_of(loc) for loc in (("zh", "answer"), ("related", 1), ("nope",))] == before == [4, 9, 1]
    assert doc.line_in_text(("zh", "answer"), 2) == in_text == 6


def test_the_cached_site_keeps_no_parsed_files(content_dir: Path):
    built = site.SiteCache().get(content_dir)
    assert built.content.lines == {} and built.content.questions
    assert site.build(content_dir).content.lines  # build() itself is unchanged


def test_release_forgets_markdown_html_and_toc():
    class Page:
        markdown, content, toc, title, url = "# x", "<h1>x</h1>", ["item"], "x", "x/"

    page = Page()
    mkdocs_glue.release(page)
    assert (page.markdown, page.content, page.toc, page.title, page.url) == ("", None, [], "x", "x/")


def test_memo_returns_the_function_result_and_stays_bounded():
    calls = []
    memo = mkdocs_glue.Memo(limit=10)
    f = lambda s: calls.append(s) or s.upper()  # noqa: E731
    assert memo.get("abc", f) == "ABC" and memo.get("abc", f) == "ABC" and calls == ["abc"]
    for word in ("defghijk", "lmnop", "qrs"):
        memo.get(word, f)
    assert memo.size <= 10 + len("qrs") and "abc" not in memo.results


def test_template_cache_compiles_each_template_once():
    import jinja2

    cache = mkdocs_glue.TemplateCache()
    loader = jinja2.DictLoader({"t.html": "{% for x in xs %}{{ x }}{% endfor %}"})
    first = jinja2.Environment(loader=loader, bytecode_cache=cache)
    assert first.get_template("t.html").render(xs=[1, 2]) == "12" and len(cache.buckets) == 1
    second = jinja2.Environment(loader=loader, bytecode_cache=cache)
    assert second.get_template("t.html").render(xs=[3]) == "3" and len(cache.buckets) == 1


def _serve_build(root: Path, out: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(out)), serve_url="http://127.0.0.1:8000/")


def test_serve_rebuild_with_memos_gives_the_same_site(site_dir: Path, tmp_path: Path, monkeypatch):
    from mkdocs.structure.pages import Page

    monkeypatch.setattr(Page, "render", Page.render)  # restored after the test
    monkeypatch.setattr(Page, "read_source", Page.read_source)
    monkeypatch.chdir(site_dir)
    assert mkdocs_glue.install_page_reading(memoize=True)
    _serve_build(site_dir, tmp_path / "first")
    question = site_dir / "content" / "qa" / "data-skew.yml"
    text = question.read_text(encoding="utf-8")
    question.write_text(text.replace("数据倾斜指工作量", "数据偏斜指工作量", 1), encoding="utf-8")
    _serve_build(site_dir, tmp_path / "memo")  # most pages found again
    assert mkdocs_glue.install_page_reading(memoize=False)
    _serve_build(site_dir, tmp_path / "fresh")
    memo = {p.relative_to(tmp_path / "memo"): p.read_bytes() for p in (tmp_path / "memo").rglob("*") if p.is_file()}
    fresh = {p.relative_to(tmp_path / "fresh"): p.read_bytes() for p in (tmp_path / "fresh").rglob("*") if p.is_file()}
    assert memo.keys() == fresh.keys()
    assert [k for k in memo if memo[k] != fresh[k]] == []
    assert "数据偏斜指工作量".encode() in memo[Path("qa/data-skew/index.html")]


def test_serve_watches_hand_written_docs_only(tmp_path: Path):
    docs = tmp_path / "docs"
    for name in ("qa/a.md", "category/c.md", "index.md", "index.en.md", "tags.md", "glossary.en.md",
                 "contributing.md", "contributing.en.md", "assets/kb.js"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")

    class Server:
        def __init__(self):
            self.watched = {str(docs)}

        def watch(self, path):
            self.watched.add(path)

        def unwatch(self, path):
            self.watched.remove(path)

    server = Server()
    mkdocs_glue.watch_hand_written(server, docs)
    assert sorted(Path(p).relative_to(docs).as_posix() for p in server.watched) == [
        "assets", "contributing.en.md", "contributing.md"]


def test_last_language_build_follows_static_i18n():
    class I18n:
        build_languages, default_language, current_language = ["zh", "en"], "zh", None

    class Config:
        def __init__(self, i18n):
            self.plugins = {"i18n": i18n} if i18n else {}

    i18n = I18n()
    assert not mkdocs_glue.last_language_build(Config(i18n))  # the default language's build comes first
    i18n.current_language = "en"
    assert mkdocs_glue.last_language_build(Config(i18n))
    i18n.build_languages, i18n.default_language, i18n.current_language = ["en"], "en", None  # KB_LANG=en
    assert mkdocs_glue.last_language_build(Config(i18n))
    assert mkdocs_glue.last_language_build(Config(None))
    assert not mkdocs_glue.last_language_build(Config(object()))


def test_sanitize_html_plain_text_shortcut_matches_the_parser():
    import random

    from kb.render import safety

    rng = random.Random(3)
    alphabet = ["a", " ", ">", '"', "'", "数据", "\n", "\t", "=", "/", "é", "\u200b", "]", "`", "",
                "\xa0", "\r", "\x00", "\x0c", "\x01", "\ufeff", "\U0001f600", "&", "<"]
    shortcut = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        shortcut += bool(safety._PLAIN.fullmatch(text))
        assert safety.sanitize_html(text) == safety._CLEANER.clean(text), repr(text)
    assert shortcut > 500  # the shortcut was taken, not only the parser


def test_the_nav_of_pages_outside_it_is_rendered_once_per_folder():
    calls = []
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "base.html": "[{% include 'partials/nav.html' %}]", "partials/nav.html": "{{ count() }}"}))
    env.globals["count"] = lambda: calls.append(1) or len(calls)
    fragments = mkdocs_glue.Fragments()
    fragments.cache_template(env.get_template("partials/nav.html"), mkdocs_glue.nav_key)

    class Nav:
        pages = ["in-nav"]

    class Page:
        def __init__(self, url):
            self.url = url

    nav, base = Nav(), env.get_template("base.html")
    out = [base.render(nav=nav, page=Page(url)) for url in ("qa/a/", "qa/b/", "en/qa/a/", "qa/c/")]
    assert out == ["[1]", "[1]", "[2]", "[1]"]  # one rendering per folder
    assert base.render(nav=nav, page="in-nav") == "[3]"  # a page in the nav: rendered for itself
    fragments.clear()
    assert base.render(nav=nav, page=Page("qa/d/")) == "[4]"
