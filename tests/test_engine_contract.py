"""Contract tests: each place where kb relies on MkDocs', Material's, static-i18n's or Jinja's internals
(docs/ARCHITECTURE.md, "Reaches into the engine") is checked here against the installed version. When an
upgrade changes one of them, the test names what changed and what to re-derive, instead of the build
falling back silently or breaking in a way that is hard to trace."""

from __future__ import annotations

import hashlib
import inspect
import re
from pathlib import Path

import material
import pytest
THEME = Path(material.__file__).parent / "templates"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# 1. kb.mkdocs.glue.install_page_reading replaces Page.read_source and Page.render --------------------------

def test_mkdocs_page_reading_and_rendering_are_the_methods_kb_replaces():
    from mkdocs.structure.pages import Page

    assert list(inspect.signature(Page.read_source).parameters) == ["self", "config"], \
        "MkDocs changed Page.read_source(config): update kb.mkdocs.glue.install_page_reading"
    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"], \
        "MkDocs changed Page.render(config, files): update kb.mkdocs.glue.install_page_reading"
    assert "_title_from_render" in inspect.getsource(Page), \
        "MkDocs' Page.title no longer reads _title_from_render: pre-rendered pages would lose their titles"
    assert all(name in inspect.getsource(Page) for name in ("present_anchor_ids", "links_to_anchors")), \
        "MkDocs' Page no longer has present_anchor_ids/links_to_anchors: update install_page_reading and the memo"


# 2. kb.mkdocs.glue.Fragments wraps a Jinja template's root_render_func ------------------------------------

def test_jinja_renders_a_template_through_root_render_func():
    import jinja2

    template = jinja2.Environment().from_string("{{ x }}")
    seen = []
    original = template.root_render_func

    def wrapped(context):
        seen.append(1)
        yield from original(context)

    template.root_render_func = wrapped
    assert template.render(x="a") == "a" and seen, \
        "Jinja no longer renders through Template.root_render_func: update kb.mkdocs.glue.Fragments"


# 3-4. kb.mkdocs.parallel and outermost_build read static-i18n's state and replace its build() ---------------

def test_static_i18n_has_the_state_and_the_build_call_kb_uses():
    import mkdocs_static_i18n.plugin as i18n

    source = inspect.getsource(i18n.I18n.on_post_build)
    for needle in ("self.building", "self.current_language = locale", "build(config"):
        assert needle in source, f"static-i18n's on_post_build no longer has {needle!r}: update kb.mkdocs.parallel"
    assert callable(getattr(i18n, "build", None)), \
        "static-i18n no longer imports mkdocs' build() into its plugin module: update kb.mkdocs.parallel"
    for attr in ("build_languages", "default_language", "current_language"):
        assert attr in inspect.getsource(i18n), f"static-i18n has no {attr}: update kb.mkdocs.parallel"


# 5-6. Material templates copied into overrides/ -----------------------------------------------------------

@pytest.mark.parametrize(("upstream", "sha256", "ours"), [
    ("partials/header.html", "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
     "overrides/partials/header.html"),
    ("partials/javascripts/palette.html", "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
     "docs/assets/kb-head.js (kbPalette)"),
])
def test_material_templates_kb_copied_are_unchanged(upstream: str, sha256: str, ours: str):
    assert _sha(THEME / upstream) == sha256, \
        f"Material changed {upstream}: re-derive {ours} from the new version, then update this hash"


# 7. overrides/main.html overrides blocks of Material's base.html and writes its config block ------------

def test_material_base_template_has_the_blocks_and_config_keys_kb_overrides():
    base = (THEME / "base.html").read_text(encoding="utf-8")
    for block in ("site_meta", "htmltitle", "extrahead", "config", "content"):
        assert f"{{% block {block} %}}" in base, (f"Material's base.html has no block {block!r}: "
                                                  "update overrides/main.html")
    config = base[base.index("{% block config %}"):base.index("{% endblock %}", base.index("{% block config %}"))]
    keys = set(re.findall(r'^\s*"([a-z]+)":', config, re.M))
    assert keys == {"base", "features", "translations", "search", "annotate", "tags", "version"}, \
        f"Material's config block now has the keys {sorted(keys)}: update the config block of overrides/main.html"


# 8. docs/assets/kb-head.js answers Material's sitemap.xml requests of the language switcher ---------------

def test_material_bundle_still_fetches_sitemaps_for_the_language_switcher():
    bundle = next((THEME / "assets/javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert "sitemap.xml" in bundle, \
        "Material's bundle no longer fetches sitemap.xml: remove the XHR patch from docs/assets/kb-head.js"


# 9. Material's theme files and tags listing that kb uses by name ------------------------------------------

def test_material_icons_and_tags_marker_kb_names_exist():
    for icon in ("material/magnify", "material/close", "material/github"):
        assert (THEME / ".icons" / f"{icon}.svg").is_file(), \
            f"Material has no icon {icon}: update overrides/partials/kb-search.html or mkdocs.yml"
    import material.plugins.tags.config as tags_config

    assert 'listings_directive = Type(str, default = "material/tags")' in inspect.getsource(tags_config), \
        "Material's tags listing marker changed: update kb.render.pages.render_tags and kb.render.safety"
