"""MkDocs hooks: every event goes to one kb.mkdocs.hook.KbHook, which holds the build's state."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from kb.mkdocs.hook import KbHook

hook = KbHook()


def on_startup(command, dirty):
    hook.startup(command, dirty)


def on_shutdown():
    hook.shutdown()


def on_serve(server, config, builder):
    return hook.serve(server, config)


def on_config(config):
    return hook.config(config)


def on_files(files, config):
    return hook.files(files, config)


def on_env(env, config, files):
    return hook.environment(env, config, files)


def on_nav(nav, config, files):
    return hook.nav(nav, config)


def on_build_error(error):
    hook.build_error(error)


def on_page_markdown(markdown, page, config, files):
    return hook.page_markdown(markdown, page)


def on_page_content(html, page, config, files):
    return hook.page_content(html, page)


@event_priority(10)  # after static-i18n (50: the language links)
def on_page_context(context, page, config, nav):
    return hook.page_context(context, page, config)


@event_priority(-1000)  # last: the page is written
def on_post_page(output, page, config):
    return hook.post_page(output, page, config)


@event_priority(-200)  # after static-i18n (-100), which builds the other languages
def on_post_build(config):
    hook.post_build(config)
