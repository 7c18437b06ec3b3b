"""The ``plansite`` command: validate, schema, render.

A thin front on the pipeline; it prints problems in the compiler format and
never a traceback for bad input."""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from pathlib import Path

import click

from generator.model.fields import ITEM_ID_PATTERN, PLAN_ID_PATTERN
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


def _named_files(paths: list[Path]) -> list[Path]:
    """The YAML files named on the command line, folders expanded."""
    from generator.load.folder import PLAN_SUFFIXES

    named: list[Path] = []
    for path in paths:
        if path.is_dir():
            named += [p for p in sorted(path.rglob("*")) if p.suffix in PLAN_SUFFIXES and p.is_file()]
        else:
            named.append(path)
    return named


def check_paths(plans_dir: Path, paths: list[Path], alone: bool = False) -> tuple[list[Problem], str]:
    """Validate the site; with ``paths``, report only problems in those files, each checked
    against the site's registry and other plans (a file outside the plans folder as if it were
    in it, in place of a plan of the same id). ``alone``: check the files on their own."""
    from generator.load.folder import load_plan, load_site, plan_files
    from generator.load.reader import display_path
    from generator.pipeline import fewer_collections
    from generator.resolve.catalogue import build_catalogue
    from generator.resolve.site import load_and_resolve

    if not paths:
        with fewer_collections():
            _, problems = load_and_resolve(plans_dir)
        plan_paths, registry_paths = plan_files(plans_dir) if plans_dir.is_dir() else ([], [])
        return sorted(set(problems)), f"checked {len(plan_paths) + len(registry_paths)} file(s)"
    named = _named_files(paths)
    shown = {display_path(p) for p in named}
    problems = [Problem(display_path(p), 1, 1, "no such file") for p in named if not p.exists()]
    named = [p for p in named if p.exists()]
    if alone or not plans_dir.is_dir():
        problems += [found for path in named for found in load_plan(path)[1]]
        if not alone:
            problems.append(Problem(str(plans_dir), 1, 1, "the plans folder does not exist"))
        return sorted(set(problems)), f"checked {len(shown)} file(s) on their own"
    with fewer_collections():
        site = load_site(plans_dir)
        in_site = {p.resolve() for p in sum(plan_files(plans_dir), [])}
        plans = {loaded.plan.id: loaded for loaded in site.plans}
        problems += site.problems
        for path in named:
            if path.resolve() in in_site:
                continue
            loaded, found = load_plan(path)
            problems += found
            if loaded is not None:
                if loaded.plan.id in plans and plans[loaded.plan.id].document.path.resolve() != path.resolve():
                    other = plans[loaded.plan.id].document.display
                    click.echo(
                        f"note: {display_path(path)} has the id of {other}; it is checked in its place", err=True
                    )
                plans[loaded.plan.id] = loaded
        _, found = build_catalogue(list(plans.values()), site.registry_parts, None, site.registry_complete)
    problems = [p for p in problems + found if p.file in shown]
    return sorted(set(problems)), f"checked {len(shown)} file(s) against the site's plans and registry"


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
@click.option(
    "--alone",
    is_flag=True,
    help="Check PATHS on their own, without the site's other plans and registry.",
)
def validate_command(paths: tuple[Path, ...], plans_dir: Path, output_format: str, alone: bool) -> None:
    """Check plan files. PATHS are plan files or folders (default: the plans folder).

    Named files, in the plans folder or not, are checked against the site: its registry (names,
    organisations, themes) and its other plans (references, ids); only their problems are
    printed. Exits 0 when there are no errors, 1 when there are."""
    problems, summary = check_paths(plans_dir, list(paths), alone=alone)
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


REGISTRY_HEADER = "# yaml-language-server: $schema=../../schema/registry.schema.json\n"
_EXAMPLE_NAMES = re.compile(r"^(?P<indent>\s+)(?P<field>\w+): \[(?P<names>[^\]]*)\](?:\s+#.*)?$")


def _registry_parts(plans_dir: Path) -> list:
    """The registry files of the plans folder, loaded (those that can be read)."""
    from generator.load.folder import load_site

    return load_site(plans_dir, only=[]).registry_parts if plans_dir.is_dir() else []


def _add_organisation(plans_dir: Path, parts: list, organisation: str, name: str) -> Path:
    """Add ``organisation`` to the registry file that lists organisations (made when there is
    none); when that cannot be done safely, stop and print the lines to add."""
    from generator.load.messages import validate
    from generator.load.reader import read_document

    holders = [part.document.path for part in parts if part.registry.organisations]
    target = next((path for path in holders if path.name == "organisations.yml"), None)
    target = target or (holders[0] if holders else plans_dir / "registry" / "organisations.yml")
    old = target.read_text(encoding="utf-8") if target.exists() else REGISTRY_HEADER + "organisations:\n"
    items = re.findall(r"^( *)- ", old.split("organisations:", 1)[-1], re.MULTILINE)
    indent = items[0] if items else "  "
    entry = f"{indent}- id: {organisation}\n{indent}  name: {json.dumps(name, ensure_ascii=False)}\n"
    keys = re.findall(r"^([A-Za-z_][\w-]*):", old, re.MULTILINE)
    text = old.rstrip("\n") + ("\n\n" if items else "\n") + entry
    document, problems = (
        read_document(target, raw=text.encode("utf-8")) if keys[-1:] == ["organisations"] else (None, [])
    )
    if document is None or problems or validate(document, Registry)[1]:
        raise click.ClickException(
            f"organisation '{organisation}' is not in the registry; add it to the organisations: list "
            f"in {target}, then run this again:\n\n{entry}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _check_new(plans_dir: Path, target: Path) -> list[Problem]:
    """The new plan's problems against the registry (there are no other plans it refers to)."""
    from generator.load.folder import load_plan
    from generator.resolve.catalogue import build_catalogue

    loaded, problems = load_plan(target)
    if loaded is None:
        return problems
    _, found = build_catalogue([loaded], _registry_parts(plans_dir), None)
    return problems + [p for p in found if p.file == loaded.document.display]


def _names_in_comments(text: str, lines: set[int]) -> str:
    """The example names on ``lines`` (1-based) moved into their comment: they name no one
    in this registry, and a new plan should validate without warnings."""
    out = text.splitlines(keepends=True)
    for number in lines:
        if found := _EXAMPLE_NAMES.match(out[number - 1]):
            out[number - 1] = (
                f"{found['indent']}{found['field']}: []  # as printed, e.g. [{found['names']}]; "
                "add each name to plans/registry/ first\n"
            )
    return "".join(out)


@main.command("new")
@click.option("--id", "plan_id", required=True, help="The plan's id: lower-case letters, digits and hyphens.")
@click.option("--title", required=True, help="The plan's title as published.")
@click.option(
    "--organisation", required=True, help="Registry id of the publishing organisation (added when it is new)."
)
@click.option("--organisation-name", help="Its name, when it is new to the registry (default: made from the id).")
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
    plan_id: str,
    title: str,
    organisation: str,
    organisation_name: str | None,
    kind: str,
    period: str,
    plans_dir: Path,
    out: Path | None,
) -> None:
    """Write a new plan file with comments, ready to edit, that validates.

    An organisation the registry does not know is added to it (plans/registry/organisations.yml)."""
    for value, pattern in ((plan_id, PLAN_ID_PATTERN), (organisation, ITEM_ID_PATTERN)):
        if not re.fullmatch(pattern, value):
            raise click.UsageError(f"'{value}' is not a valid id: use lower-case letters, digits and hyphens")
    target = out or plans_dir / f"{plan_id}.yml"
    if target.exists():
        raise click.UsageError(f"{target} already exists; choose another id or --out")
    parts = _registry_parts(plans_dir)
    known = {o.id for part in parts for o in part.registry.organisations}
    if organisation not in known:
        close = difflib.get_close_matches(organisation, sorted(known), n=1, cutoff=0.85)
        if close and not organisation_name:
            raise click.UsageError(
                f"organisation '{organisation}' is not in the registry: did you mean '{close[0]}'? "
                "To add it as a new organisation, give its --organisation-name"
            )
        name = organisation_name or organisation.replace("-", " ").title()
        added = _add_organisation(plans_dir, parts, organisation, name)
        click.echo(f"added organisation '{organisation}' ({json.dumps(name)}) to {added}: check its name there")
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
    unknown = {p.line for p in _check_new(plans_dir, target) if "registry" in p.message}
    if unknown:
        target.write_text(_names_in_comments(text, unknown), encoding="utf-8")
    problems = _check_new(plans_dir, target)
    _print_problems(problems, "text")
    state = "it validates" if not problems else "fix the problems above"
    click.echo(
        f"wrote {target}: {state}. Edit it, then run `plansite fmt {target}` and "
        f"`plansite validate {target}`, and preview it with `mkdocs serve`"
    )
    sys.exit(1 if _has_errors(problems) else 0)


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
    from generator.history.diff_format import format_markdown, format_text
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
