"""The ``kb`` command line: check, import, stamp, new, stats."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kb.authoring.failures import CommandGroup, doing
from kb.content.errors import ContentError, sort
from kb.content.files import WriteError
from kb.content.freshness import translation_state
from kb.content.report import FORMATS, github_line, text_line

CONTENT = click.option("--content", "content_dir", type=click.Path(file_okay=False, path_type=Path),
                       default=Path("content"), show_default=True, help="The content folder.")


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Maintain the knowledge base: validate content, import seed documents, scaffold questions.

    A read or write the system refuses (a full disk, a read-only folder) ends a command with one line,
    `kb <command>: <path>: <what failed> (<reason>)`, and exit status 1; Ctrl-C with exit status 130.
    """


def _some(ids: list[str], shown: int = 20) -> str:
    """The first ids of a long list, and how many more (`kb stats` lists them all)."""
    more = len(ids) - shown
    return ", ".join(ids[:shown]) + (f", … and {more} more (kb stats --json lists them all)" if more > 0 else "")


@main.command()
@CONTENT
@click.option("--strict", is_flag=True, help="Fail on warnings too (untranslated or stale translations).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for a terminal; github for GitHub Actions annotations (::error file=…,line=…::…).")
def check(content_dir: Path, strict: bool, fmt: str) -> None:
    """Validate every file in the content folder; exit 1 on any error.

    Checks the schema, related links (dangling, self, repeated; too many on one page), syllabus ids,
    unknown categories and tags, repeated or
    near-duplicate questions, TODO placeholders, raw HTML and broken links in the Markdown, and
    reports untranslated and stale translations as warnings. Exit status: 0 = no errors (warnings
    allowed unless --strict), 1 = errors, 2 = wrong usage.
    """
    from kb.authoring.editor_schema import missing_modelines
    from kb.site import validate

    if not (content_dir / "qa").is_dir() and not (content_dir / "categories.yml").exists():
        raise click.ClickException(f"{content_dir} is not a content folder (no qa/ and no categories.yml)")
    content, _, problems = validate(content_dir)
    problems = problems + missing_modelines(content_dir / "qa", content_dir.parent)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for p in sort(errors) + sort(warnings):
        if fmt == "github":
            click.echo(github_line(p))
        else:
            click.echo(text_line(p), err=True)
    untranslated = [q.id for q in content.questions if translation_state(q) == "missing"]
    stale = [q.id for q in content.questions if translation_state(q) == "stale"]
    click.echo(f"{len(content.questions)} questions: {len(errors)} errors, {len(warnings)} warnings; "
               f"{len(untranslated)} untranslated, {len(stale)} stale translations")
    if untranslated:
        click.echo("untranslated: " + _some(untranslated))
    if stale:
        click.echo("stale: " + _some(stale))
    if errors or (strict and warnings):
        if fmt == "text":
            click.echo("what each error means: docs/contributing.en.md#errors "
                       "(中文: docs/contributing.md#errors)", err=True)
        sys.exit(1)


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@CONTENT
@click.option("--dry-run", is_flag=True, help="Write nothing; report what would happen.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def import_(files: tuple[Path, ...], content_dir: Path, dry_run: bool, as_json: bool) -> None:
    """Import seed documents into content/qa: new questions become files, known ones gain a source.

    Writes only what kb check accepts, never a file edited while it runs, and waits for another import
    or stamp of the same content folder to finish (content/.kb-write.lock). Headings it does not
    recognise as questions are listed (file:line), not imported.
    """
    from kb.authoring.importer import Refused, import_seeds, read_seeds

    if content_dir.is_dir() and any(content_dir.iterdir()) and not (
            (content_dir / "qa").is_dir() or (content_dir / "categories.yml").exists()):
        raise click.ClickException(f"{content_dir} is not a content folder (no qa/ and no categories.yml)")
    try:
        entries, unrecognised, warnings = read_seeds(list(files))
        for w in warnings:
            click.echo(f"warning: {w}", err=True)
        for path, u in unrecognised:
            click.echo(f"warning: {path}:{u.line}: heading not recognised as a question ({u.text!r}; expected "
                       f"'#### <number>. <title>'): it and the {u.skipped} line(s) under it were not imported "
                       f"(after {u.after})", err=True)
        with doing("cannot write", content_dir / "qa"):
            report = import_seeds(entries, content_dir, dry_run,
                                  on_wait=lambda msg: click.echo(msg, err=True))
    except Refused as exc:
        if exc.errors:
            _fail(exc.errors, str(exc))
        raise click.ClickException(str(exc))
    except WriteError as exc:
        raise click.ClickException(str(exc))
    plan = report.plan
    if as_json:
        out = {"entries": [{"source": a.source, "title": a.title, "action": a.action, "id": a.id, "known": a.known}
                           for a in plan.actions],
               "dry_run": dry_run, "new_files": sorted(plan.new_files), "updated_files": sorted(plan.updated_files),
               "unrecognised": [{"file": p, "line": u.line, "text": u.text, "lines_skipped": u.skipped}
                                for p, u in unrecognised],
               "near_duplicates": [e.format() for e in report.near_duplicates],
               "drafts": [e.format() for e in report.drafts]}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for a in plan.actions:
            state = "already imported" if a.known else a.action
            click.echo(f"{a.source}\t{state}\t{a.id}\t{a.title}")
        click.echo(f"{len(plan.actions)} seed questions: {len(plan.new_files)} new files, "
                   f"{len(plan.updated_files)} files gain sources" + (" (dry run: nothing written)" if dry_run else ""))
        for e in report.near_duplicates:
            click.echo(f"note: {e.format()}", err=True)
        for e in report.drafts:  # a seed entry without an answer: imported with a TODO line to replace
            click.echo(f"draft: {e.format()}", err=True)
        if unrecognised:
            click.echo(f"{len(unrecognised)} headings not recognised (listed above): not imported", err=True)


@main.command()
@click.argument("ids", nargs=-1)
@CONTENT
@click.option("--all", "stamp_all", is_flag=True, help="Stamp every translated question.")
def stamp(ids: tuple[str, ...], content_dir: Path, stamp_all: bool) -> None:
    """Record that the English of these questions matches the current Chinese."""
    from kb.authoring import importer

    try:
        with doing("cannot write", content_dir / "qa"):
            count = importer.stamp(content_dir, list(ids), stamp_all, on_wait=lambda msg: click.echo(msg, err=True))
    except importer.Refused as exc:
        if exc.errors:
            _fail(exc.errors, str(exc))
        raise click.ClickException(str(exc))
    except WriteError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"stamped {count} questions")


def _fail(errors: list[ContentError], hint: str) -> None:
    for e in sort(errors):
        click.echo(f"error: {e.format()}", err=True)
    raise click.ClickException(f"{len(errors)} errors; {hint}")


from kb.authoring.new import new, schema, stats  # noqa: E402  (commands defined in their own module)

main.add_command(new)
main.add_command(stats)
main.add_command(schema)

if __name__ == "__main__":  # pragma: no cover
    main()
