"""How ``kb check`` prints problems: for a terminal, or as GitHub Actions annotations.

GitHub turns ``::error file=F,line=L,title=T::message`` lines on stdout into annotations on the pull
request's changed files (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
"""

from __future__ import annotations

from kb.content.errors import MESSAGE_MAX, ContentError, printable, shorten

FORMATS = ("text", "github")


def text_line(problem: ContentError) -> str:
    """One line for a terminal; non-printing characters of the path, field and message escaped
    (``ContentError.format``), so that no file name or value can redraw the terminal."""
    return f"{problem.severity}: {problem.format()}"


def github_line(problem: ContentError) -> str:
    props = [f"file={_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    props.append(f"title={_property('kb check: ' + problem.field if problem.field else 'kb check')}")
    return f"::{problem.severity} {','.join(props)}::{_data(shorten(problem.message, MESSAGE_MAX))}"


def _data(text: str) -> str:
    """A workflow command's value: non-printing characters escaped (``printable``), line breaks with GitHub's
    own escapes (unescaped, one would end the command and start another)."""
    return printable(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
