"""The authors' commands of the ``kb`` CLI: new, stats, schema (registered in kb.authoring.cli)."""

from __future__ import annotations

import dataclasses

import json
import sys
from pathlib import Path
from typing import Callable

import click

from kb.authoring.failures import doing
from kb.content.errors import sort
from kb.content.files import atomic_write_all
from kb.content.loader import MAX_BYTES
from kb.content.readfile import NotRegular, TooLarge, read_regular

CONTENT = click.option("--content", "content_dir", type=click.Path(file_okay=False, path_type=Path),
                       default=Path("content"), show_default=True, help="The content folder.")


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _load(content_dir: Path):
    from kb.content.loader import load

    if not (content_dir / "categories.yml").exists():
        raise click.ClickException(f"{content_dir} is not a content folder (no categories.yml)")
    return load(content_dir)


def _ask(label: str, check: Callable[[str], str | None], default: str | None = None) -> str:
    """Prompt until ``check`` accepts the answer (it returns None) or the user gives up (Ctrl-C)."""
    while True:
        value = click.prompt(label, default=default, show_default=bool(default)).strip()
        problem = check(value)
        if problem is None:
            return value
        click.echo(f"  {problem}", err=True)


@click.command()
@click.option("--id", "qid", help="The question id: lowercase-kebab-case; the URL /qa/<id>/ and the file name.")
@click.option("--category", help="A category slug from content/categories.yml.")
@click.option("--title-zh", help="The Chinese title: a short question, at most 60 characters.")
@click.option("--title-en", help="The English title (optional: leave it out to translate later).")
@click.option("--difficulty", type=click.IntRange(1, 3), help="1 basic, 2 intermediate (default), 3 advanced.")
@click.option("--frequency", type=click.IntRange(1, 3), default=2, show_default=True,
              help="How often interviews ask it: 1 rarely, 2 often, 3 almost always.")
@click.option("--tags", help="1 to 4 tag slugs from content/tags.yml, comma-separated.")
@click.option("--no-input", is_flag=True, help="Never prompt, even in a terminal.")
@CONTENT
def new(qid: str | None, category: str | None, title_zh: str | None, title_en: str | None,
        difficulty: int | None, frequency: int, tags: str | None, no_input: bool, content_dir: Path) -> None:
    """Create content/qa/<id>.yml, a question to fill in.

    The parts to write are lines starting with TODO: `kb check` reports each one as an error (so
    nothing half-written is published) and `mkdocs serve` shows the page while you write it.
    Prompts for what is missing when run in a terminal; fails with a message otherwise.
    Never overwrites a file.
    """
    from kb.authoring import scaffold
    from kb.checks.editorial import duplicates

    content, errors = _load(content_dir)
    taken = {p.stem for p in (content_dir / "qa").glob("*.yml")} if (content_dir / "qa").is_dir() else set()
    interactive = stdin_is_terminal() and not no_input
    missing = [name for name, value in (("--id", qid), ("--category", category), ("--title-zh", title_zh))
               if value is None]
    if missing and not interactive:
        raise click.UsageError(f"missing {', '.join(missing)} (not a terminal, so kb new cannot ask for them)")
    if qid is None:
        qid = _ask("id (e.g. gradient-accumulation)", lambda v: scaffold.id_problem(v, taken))
    if category is None:
        click.echo("categories: " + ", ".join(c.slug for c in content.categories))
        category = _ask("category", lambda v: scaffold.category_problem(v, content))
    if title_zh is None:
        title_zh = _ask("Chinese title (中文标题)", scaffold.title_problem)
    if title_en is None and interactive:
        title_en = _ask("English title (empty: translate later)",
                        lambda v: scaffold.title_problem(v, "en") if v else None, default="") or None
    if difficulty is None:
        difficulty = int(_ask("difficulty 1-3", lambda v: None if v in ("1", "2", "3") else "type 1, 2 or 3", "2")
                         if interactive else 2)
    if tags is None and interactive:
        tags = _ask("tags, comma-separated (see content/tags.yml)",
                    lambda v: "; ".join(scaffold.tag_problems(scaffold.parse_tags(v), content)) or None, default="")
    tag_list = scaffold.parse_tags(tags or "")
    problems = [p for p in (scaffold.id_problem(qid, taken), scaffold.category_problem(category, content),
                            scaffold.title_problem(title_zh), title_en and scaffold.title_problem(title_en, "en")) if p]
    problems += scaffold.tag_problems(tag_list, content)
    if problems:
        raise click.UsageError("; ".join(problems))
    question = scaffold.NewQuestion(qid, category, title_zh.strip(), (title_en or "").strip() or None, difficulty,
                                    tag_list, frequency)
    path = content_dir / "qa" / f"{qid}.yml"
    text = scaffold.render(question)
    shown = path.relative_to(content_dir.parent).as_posix()  # as kb check shows it
    draft, doc = _draft_model(text, shown)
    if draft is not None:
        others = dataclasses.replace(content, questions=(*content.questions, draft),
                                     paths={**content.paths, qid: shown}, lines={**content.lines, shown: doc})
        for dup in sort(d for d in duplicates(others) if d.path == shown):
            click.echo(f"warning: {dup.format()}", err=True)
    with doing("cannot write", path):
        atomic_write_all({str(path): text}, must_not_exist={str(path)})
    click.echo(f"created {path.as_posix()}")
    click.echo("next: replace the TODO lines, add related questions and references, then run: kb check")
    click.echo(f"preview: mkdocs serve, then open http://127.0.0.1:8000/qa/{qid}/")


def _draft_model(text: str, name: str):
    from kb.content.loader import validate_model
    from kb.content.schema import Question
    from kb.content.yamlio import parse

    doc = parse(text)
    return validate_model(doc, Question, name, []), doc


@click.command()
@CONTENT
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
def stats(content_dir: Path, as_json: bool) -> None:
    """Questions per category, translation coverage, stale translations, entries without references."""
    from kb.authoring.stats import compute, table

    content, _ = _load(content_dir)
    result = compute(content)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(table(result), nl=False)


@click.command()
@CONTENT
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if the schema file is out of date.")
@click.option("--add-modelines", is_flag=True,
              help="Also add the schema modeline as the first line of every question file that lacks it.")
def schema(content_dir: Path, check_only: bool, add_modelines: bool) -> None:
    """Write schema/question.schema.json (for editors) from the content model and the tag/category lists."""
    from kb.authoring.editor_schema import SCHEMA_FILE, add_modeline, has_modeline, question_schema, render

    content, errors = _load(content_dir)
    if not content.categories or not content.tags:
        raise click.ClickException("content/categories.yml and content/tags.yml must load; run kb check")
    target = content_dir.parent / SCHEMA_FILE
    text = render(question_schema(content.categories, content.tags))
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if check_only:
        if current != text:
            raise click.ClickException(f"{target.as_posix()} is out of date; run: kb schema")
        click.echo(f"{target.as_posix()} is up to date")
        return
    updates: dict[str, str] = {}
    if current != text:
        updates[str(target)] = text
    if add_modelines:
        skipped = []
        for path in sorted((content_dir / "qa").glob("*.yml")):
            try:  # keeps CRLF line endings as they are; only a regular file, bounded (kb.content.readfile)
                old = read_regular(path, MAX_BYTES).decode("utf-8")
            except (OSError, UnicodeDecodeError, NotRegular, TooLarge):
                skipped.append(path.as_posix())  # kb check names what is wrong with it
                continue
            if not has_modeline(old):
                updates[str(path)] = add_modeline(old)
        if skipped:
            raise click.ClickException("cannot read as UTF-8: " + ", ".join(skipped)
                                       + "; fix them (kb check), then run again")
    with doing("cannot write", target.parent):
        atomic_write_all(updates)
    modelines = len(updates) - (str(target) in updates)
    click.echo(f"{target.as_posix()}: {'written' if str(target) in updates else 'up to date'}"
               + (f"; modeline added to {modelines} question files" if add_modelines else ""))
