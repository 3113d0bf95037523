"""The ``kb`` command line: check, import, stamp, new, stats."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kb.authoring.failures import CommandGroup, doing
from kb.content.errors import ContentError, sort
from kb.content.files import WriteError, atomic_write_all, question_files
from kb.content.freshness import translation_state, zh_hash
from kb.content.loader import MAX_BYTES
from kb.content.readfile import NotRegular, TooLarge, read_regular
from kb.content.report import FORMATS, github_line, text_line

SEED_MAX_BYTES = 64 * 1024 * 1024  # a seed document holds many questions; more is not a seed document
CONTENT = click.option("--content", "content_dir", type=click.Path(file_okay=False, path_type=Path),
                       default=Path("content"), show_default=True, help="The content folder.")


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Maintain the knowledge base: validate content, import seed documents, scaffold questions.

    A read or write the system refuses (a full disk, a read-only folder) ends a command with one line,
    `kb <command>: <path>: <what failed> (<reason>)`, and exit status 1; Ctrl-C with exit status 130.
    """


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
        click.echo("untranslated: " + ", ".join(untranslated))
    if stale:
        click.echo("stale: " + ", ".join(stale))
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
    """Import seed documents into content/qa: new questions become files, known ones gain a source."""
    from kb.authoring.seed import plan_import
    from kb.authoring.seedparse import parse_document

    if content_dir.is_dir() and any(content_dir.iterdir()) and not (
            (content_dir / "qa").is_dir() or (content_dir / "categories.yml").exists()):
        raise click.ClickException(f"{content_dir} is not a content folder (no qa/ and no categories.yml)")
    entries = []
    for path in files:
        try:
            with doing("cannot read", path):
                text = read_regular(path, SEED_MAX_BYTES, follow=True).decode("utf-8-sig")
        except NotRegular as exc:
            raise click.ClickException(f"{path}: {exc.what}, not a regular file; expected a Markdown seed document")
        except TooLarge as exc:
            raise click.ClickException(f"{path}: file is {exc.size} bytes; expected at most {SEED_MAX_BYTES}")
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"{path}: not valid UTF-8 (byte offset {exc.start})")
        found = parse_document(text, path.name)
        if not found:
            click.echo(f"warning: {path}: no numbered question headings (#### 1. …) found", err=True)
        entries.extend(found)
    existing, errors = question_files(content_dir / "qa")
    if errors:
        _fail(errors, "fix these files before importing into them")
    plan = plan_import(entries, existing, content_dir / "qa")
    if as_json:
        report = {"entries": [{"source": a.source, "title": a.title, "action": a.action, "id": a.id}
                              for a in plan.actions],
                  "dry_run": dry_run, "new_files": sorted(plan.new_files), "updated_files": sorted(plan.updated_files)}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for a in plan.actions:
            state = "already imported" if a.known else a.action
            click.echo(f"{a.source}\t{state}\t{a.id}\t{a.title}")
        click.echo(f"{len(plan.actions)} seed questions: {len(plan.new_files)} new files, "
                   f"{len(plan.updated_files)} files gain sources" + (" (dry run: nothing written)" if dry_run else ""))
    if not dry_run:
        with doing("cannot write", content_dir / "qa"):
            atomic_write_all({**plan.new_files, **plan.updated_files}, must_not_exist=set(plan.new_files))


@main.command()
@click.argument("ids", nargs=-1)
@CONTENT
@click.option("--all", "stamp_all", is_flag=True, help="Stamp every translated question.")
def stamp(ids: tuple[str, ...], content_dir: Path, stamp_all: bool) -> None:
    """Record that the English of these questions matches the current Chinese."""
    from kb.content.files import set_translated_from

    existing, errors = question_files(content_dir / "qa")
    if errors:
        _fail(errors, "fix these files first")
    by_id = {q.id: (p, q) for p, q in existing.items()}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise click.ClickException("unknown question ids: " + ", ".join(unknown))
    chosen = sorted(by_id) if stamp_all else list(ids)
    if not chosen:
        raise click.ClickException("name question ids, or use --all")
    updates: dict[str, str] = {}
    for qid in chosen:
        path, q = by_id[qid]
        if q.en is None:
            if not stamp_all:
                raise click.ClickException(f"{path}: en: no English text to stamp")
            continue
        digest = zh_hash(q)
        if q.en.translated_from != digest:
            try:
                with doing("cannot read", path):
                    text = read_regular(path, MAX_BYTES).decode("utf-8-sig")
                updates[str(path)] = set_translated_from(text, digest)
            except WriteError as exc:
                raise click.ClickException(f"{path}: {exc}; add `translated_from: {digest}` under en: by hand")
    with doing("cannot write", content_dir / "qa"):
        atomic_write_all(updates)
    click.echo(f"stamped {len(updates)} questions")


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
