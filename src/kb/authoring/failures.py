"""How a ``kb`` command ends when the system fails it: one line, never a traceback.

A command marks what it was doing around a read or a write (``doing``); the group of commands
(kb.authoring.cli.main) turns the failure, or any other ``OSError`` and Ctrl-C, into
``kb <command>: <path>: <what failed> (<strerror>)`` and a non-zero exit status.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C


class CommandFailed(Exception):
    """A read or write of a command failed: what it was doing, on which path, and the system's words."""

    def __init__(self, what: str, path: str, reason: str) -> None:
        super().__init__(f"{path}: {what} ({reason})")
        self.what, self.path, self.reason = what, path, reason


@contextmanager
def doing(what: str, path: Path | str) -> Iterator[None]:
    """Turn an ``OSError`` inside into ``CommandFailed``: ``what`` ("cannot write") on ``path``, or on the
    file the error names."""
    try:
        yield
    except OSError as exc:
        raise CommandFailed(what, _shown(exc.filename) or _shown(path), _reason(exc)) from None


def message(command: str, exc: BaseException) -> str:
    """The line a failed command prints."""
    if isinstance(exc, CommandFailed):
        return f"kb {command}: {exc}"
    if isinstance(exc, OSError):
        where = _shown(exc.filename)
        return f"kb {command}: {where + ': ' if where else ''}failed ({_reason(exc)})"
    return f"kb {command}: interrupted"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _shown(path: object) -> str:
    if path is None:
        return ""
    if isinstance(path, bytes):
        path = path.decode("utf-8", "replace")
    return Path(str(path)).as_posix()


class CommandGroup(click.Group):
    """Click's group with the boundary above: ``OSError``, ``CommandFailed`` and Ctrl-C end a command with a
    line on stderr and exit status 1 (130 for Ctrl-C)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (OSError, CommandFailed) as exc:
            click.echo(message(ctx.invoked_subcommand or ctx.info_name or "", exc), err=True)
            ctx.exit(1)
        except KeyboardInterrupt as exc:
            click.echo("", err=True)  # after the ^C the terminal shows
            click.echo(message(ctx.invoked_subcommand or ctx.info_name or "", exc), err=True)
            ctx.exit(INTERRUPTED)
