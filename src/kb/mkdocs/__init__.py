"""The adapter to MkDocs, Material and mkdocs-static-i18n: the only package of kb that imports them (or Jinja).

Everything MkDocs-specific lives here and in hooks/: moving to another engine replaces this package and the
hook, and keeps kb.content, kb.checks, kb.render, kb.site, kb.publish and kb.search_index (docs/ARCHITECTURE.md).
"""
