"""The ``plansite`` command: validate, schema, render.

A thin front on the pipeline; it prints problems in the compiler format and
never a traceback for bad input."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.model.fields import PLAN_ID_PATTERN
from generator.model.plan import Plan, PlanKind
from generator.model.registry import Registry
from generator.model.schema import json_schema
from generator.problems import Problem, Severity

DEFAULT_PLANS = Path("plans")

plans_option = click.option(
    "--plans",
    "plans_dir",
    default=DEFAULT_PLANS,
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="The plans folder (its registry/ is always read).",
)


def _print_problems(problems: list[Problem], output_format: str) -> None:
    for problem in sorted(problems):
        if output_format == "github":
            click.echo(problem.format_github())
        elif output_format == "json":
            click.echo(problem.as_json())
        else:
            click.echo(problem.format())


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.error for p in problems)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plansite")
def main() -> None:
    """plansite: publish plans written in YAML as a static site."""


@main.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@plans_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text: file:line:col lines; github: workflow annotations; json: one object a line.",
)
def validate_command(paths: tuple[Path, ...], plans_dir: Path, output_format: str) -> None:
    """Check plan files. PATHS are plan files or folders (default: the plans folder).

    Exits 0 when there are no errors, 1 when there are."""
    from generator.pipeline import check

    problems, summary = check(plans_dir, list(paths))
    _print_problems(problems, output_format)
    failed = _has_errors(problems)
    if output_format == "text":
        counts = (
            f"{sum(p.severity is Severity.error for p in problems)} error(s), "
            f"{sum(p.severity is Severity.warning for p in problems)} warning(s)"
        )
        click.echo(f"{summary}: {counts}" if problems else f"{summary}: no problems", err=True)
    sys.exit(1 if failed else 0)


@main.command("schema")
@click.option(
    "--out",
    default=Path("schema"),
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write plan.schema.json and registry.schema.json into.",
)
def schema_command(out: Path) -> None:
    """Write the JSON Schemas that editors' YAML tools use for completion and hover help."""
    out.mkdir(parents=True, exist_ok=True)
    for name, cls in (("plan", Plan), ("registry", Registry)):
        target = out / f"{name}.schema.json"
        target.write_text(json_schema(cls, f"{name}.schema.json"), encoding="utf-8")
        click.echo(f"wrote {target}")


NEW_PLAN = """\
# yaml-language-server: $schema={schema}
# A new plan. Write what the plan says, exactly as published; `plansite validate`
# checks this file and `mkdocs serve` shows it. Every field is described in the
# site's "How to edit a plan" page, and on hover in editors that read the schema.
id: {id}  # the page's address: never change it once published
title: {title}
organisation: {organisation}  # an id from plans/registry/organisations.yml
kind: {kind}
status: draft  # draft, consultation, adopted, in-progress, complete, superseded
period:
  text: {period}  # as written, e.g. "2026/27" or "March 2026 – May 2027"
summary: >-
  One or two sentences saying what the plan is for.
source:
  title: {title}  # the document this file was made from
  notes: []  # anything you had to decide while copying it
groups:
  - kind: priority  # priority, activity, recommendation, strategic-priority, theme...
    label: "1"  # labels are text: quote them
    title: The first priority, as written
    actions:
      - label: 1a)
        text: What will be done, as written.
        responsible: [Head of School Improvement]  # names as printed; plans/registry/ says who they are
        audience: [Headteachers]
        timescale: Autumn 2026  # as written: "Autumn 2026", "15/10/26", "Termly"
"""


@main.command("new")
@click.option("--id", "plan_id", required=True, help="The plan's id: lower-case letters, digits and hyphens.")
@click.option("--title", required=True, help="The plan's title as published.")
@click.option("--organisation", required=True, help="Registry id of the publishing organisation.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in PlanKind]),
    default="action-plan",
    show_default=True,
)
@click.option("--period", default="", help="The period it covers, as written.")
@plans_option
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), help="Where to write it (default: plans/ID.yml)."
)
def new_command(
    plan_id: str, title: str, organisation: str, kind: str, period: str, plans_dir: Path, out: Path | None
) -> None:
    """Write a new, valid plan file with comments, ready to edit."""
    import json
    import re

    if not re.fullmatch(PLAN_ID_PATTERN, plan_id):
        raise click.UsageError(f"'{plan_id}' is not a valid id: use lower-case letters, digits and hyphens")
    target = out or plans_dir / f"{plan_id}.yml"
    if target.exists():
        raise click.UsageError(f"{target} already exists; choose another id or --out")
    schema = Path(os.path.relpath(plans_dir.parent / "schema" / "plan.schema.json", target.parent)).as_posix()
    text = NEW_PLAN.format(
        schema=schema,
        id=plan_id,
        title=json.dumps(title, ensure_ascii=False),
        organisation=organisation,
        kind=kind,
        period=json.dumps(period or "Not yet set", ensure_ascii=False),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {target}: edit it, then run `plansite validate {target}` and `mkdocs serve`")


@main.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@plans_option
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if any file is not in the canonical layout.")
def fmt_command(paths: tuple[Path, ...], plans_dir: Path, check: bool) -> None:
    """Rewrite plan and registry files in one canonical layout, keeping comments."""
    from generator.load.fmt import format_file
    from generator.load.folder import plan_files
    from generator.load.reader import display_path

    if paths:
        files = [p for path in paths for p in (sorted(path.rglob("*.y*ml")) if path.is_dir() else [path])]
    else:
        plan_paths, registry_paths = plan_files(plans_dir)
        files = plan_paths + registry_paths
    changed, problems = [], []
    for path in files:
        result = format_file(path, write=not check)
        problems += result.problems
        if result.changed:
            changed.append(display_path(path))
    _print_problems(problems, "text")
    for name in changed:
        click.echo(f"{'would reformat' if check else 'reformatted'} {name}")
    click.echo(f"{len(files)} file(s) checked, {len(changed)} {'to reformat' if check else 'reformatted'}", err=True)
    sys.exit(1 if problems or (check and changed) else 0)


def _import_plone(source: Path, organisation: str, plans_dir: Path) -> None:
    """A collective.exportimport export: a draft per document, and the old addresses as redirects."""
    import yaml

    from generator.importers.draft import to_yaml
    from generator.importers.plone import import_export, read_export

    try:
        result = import_export(read_export(source), organisation)
    except (ValueError, KeyError, TypeError) as error:
        raise click.ClickException(f"{source} is not a collective.exportimport export: {error}") from None
    targets = [plans_dir / f"{plan['id']}.yml" for plan in result.plans]
    redirects_file = plans_dir / "registry" / "redirects-plone.yml"
    existing = [t for t in targets + [redirects_file] if t.exists()]
    if existing:
        raise click.UsageError(f"{existing[0]} already exists; nothing was written")
    for plan, target in zip(result.plans, targets):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_yaml(plan), encoding="utf-8")
        click.echo(f"wrote {target}")
    redirects_file.parent.mkdir(parents=True, exist_ok=True)
    redirects_file.write_text(
        "# yaml-language-server: $schema=../../schema/registry.schema.json\n"
        + yaml.safe_dump({"redirects": result.redirects}, sort_keys=False, allow_unicode=True, width=4096),
        encoding="utf-8",
    )
    click.echo(f"wrote {redirects_file}: {len(result.redirects)} old address(es) now redirect to plans")


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path, exists=True))
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), help="Where to write the draft (default: plans/ID.yml)."
)
@click.option("--id", "plan_id", help="The plan's id (default: made from its title).")
@click.option("--organisation", required=True, help="Registry id of the organisation that publishes it.")
@click.option("--kind", type=click.Choice([k.value for k in PlanKind]), default="action-plan", show_default=True)
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the import report, with every guess's line and column, as JSON.",
)
@plans_option
def import_command(
    source: Path,
    out: Path | None,
    plan_id: str | None,
    organisation: str,
    kind: str,
    report_path: Path | None,
    plans_dir: Path,
) -> None:
    """Make a draft plan from a Word (.docx), PDF, HTML or text (.txt, .tsv) file,
    or draft plans and redirects from a Plone export (collective.exportimport .json).

    The draft keeps every word. Prints what it found, what each table column was taken
    as and why, and every cell it could not place; each guess is marked "# CHECK:" in
    the draft, to check against the source and delete."""
    import json

    from generator.importers import read_blocks, source_format
    from generator.importers.draft import draft_document, plan_yaml

    if source.is_dir() or source.suffix.lower() == ".json":
        _import_plone(source, organisation, plans_dir)
        return
    try:
        blocks = read_blocks(source)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    except Exception as error:  # a damaged file: say so, never a traceback
        raise click.ClickException(f"could not read {source}: {error}") from None
    draft = draft_document(
        blocks,
        plan_id=plan_id,
        organisation=organisation,
        source_title=source.name,
        source_format=source_format(source),
        kind=kind,
    )
    target = out or plans_dir / f"{draft.plan['id']}.yml"
    if target.exists():
        raise click.UsageError(f"{target} already exists; choose --out or --id")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(plan_yaml(draft), encoding="utf-8")
    click.echo(draft.report.text(str(target)))
    if report_path is not None:
        report_path.write_text(
            json.dumps(draft.report.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    plan = draft.plan
    actions = draft.report.items
    criteria = f", {draft.report.criteria} success criteria" if draft.report.criteria else ""
    click.echo(
        f"wrote {target}: {draft.report.groups} group(s), {actions} action(s){criteria}, "
        f"{len(plan.get('sections', []))} section(s)"
    )


@main.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@plans_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text for a terminal; markdown for a pull request's job summary.",
)
@click.option("--exit-code", is_flag=True, help="Exit 1 when anything changed, like `git diff --exit-code`.")
def diff_command(base: str, head: str | None, plans_dir: Path, output_format: str, exit_code: bool) -> None:
    """What changed in the plans between BASE and HEAD, in the plans' own words.

    BASE and HEAD are git revisions (HEAD~1, origin/main, a commit) or folders;
    without HEAD, BASE is compared with the plans folder as it is now. Exits 0
    (with --exit-code: 1 when there are changes), 2 when a version cannot be read."""
    from generator.history.diff import format_markdown, format_text
    from generator.history.versions import RevisionError, compare

    try:
        diff, base_label, head_label = compare(base, head, plans_dir)
    except RevisionError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    formatter = format_markdown if output_format == "markdown" else format_text
    click.echo(formatter(diff, base_label, head_label), nl=False)
    sys.exit(1 if exit_code and not diff.empty else 0)


@main.command("render")
@plans_option
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the generated Markdown pages into.",
)
def render_command(plans_dir: Path, out: Path) -> None:
    """Write the generated pages as plain Markdown files, for any site builder."""
    from generator.pipeline import generate
    from generator.problems import PlanErrors

    try:
        site = generate(plans_dir)
    except PlanErrors as failure:
        _print_problems(failure.problems, "text")
        sys.exit(1)
    _print_problems(site.warnings, "text")
    pages = site.files
    for path, content in sorted(pages.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.bytes())  # UTF-8, as the pipeline packed it
    click.echo(f"wrote {len(pages)} pages to {out}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
