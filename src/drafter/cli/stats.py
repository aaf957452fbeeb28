"""`drafter stats SPEC`: how long each theme and section is, per language, against its limit."""

from __future__ import annotations

import click

from drafter.cli.group import LIBRARY_OPTION, main
from drafter.cli.rendering import framework_files, prepared
from drafter.cli.spec import FRAMEWORK_OPTION, override_options


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--svg", "svg", type=click.Path(dir_okay=False),
              help="Also write the coverage picture (framework sections × sources) to this SVG file.")
@click.option("--strict", is_flag=True, help="Exit 2 when a limit is exceeded.")
@FRAMEWORK_OPTION
@override_options
@LIBRARY_OPTION
def stats(spec: str, fmt: str, svg: str | None, strict: bool, framework: str | None, layout: str | None,
          languages: str | None, provenance: str | None, sets: tuple[str, ...], libraries: tuple[str, ...]) -> None:
    """Paragraphs, words (or Chinese characters) and limits per theme, section and language."""
    from drafter.cli.present_stats import stats_json, stats_table
    from drafter.document.budget import coverage, spec_budgets
    from drafter.document.counting import unit
    from drafter.files import atomic_write
    from drafter.spec.load import load_spec
    from drafter.writers.svg import coverage_svg

    loaded, lib = load_spec(spec, extra_libraries=libraries, layout=layout, languages=languages,
                            provenance=provenance, sets=sets)
    loaded, sub = prepared(loaded, lib, framework, strict)
    counts = spec_budgets(loaded, lib, sub)
    click.echo(stats_json(counts) if fmt == "json" else stats_table(counts), nl=False)
    if svg:
        picture = coverage(sub, lib.frameworks[loaded.framework])
        data = coverage_svg(picture, unit(picture.lang))
        atomic_write(svg, data, keep=(spec, *lib.files, *framework_files(lib)))
        click.echo(f"wrote {svg} ({len(data):,} bytes)", err=True)
