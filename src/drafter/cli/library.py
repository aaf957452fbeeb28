"""`drafter library …`: browse and check the commitment library."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from drafter.cli.console import load_library
from drafter.cli.group import LIBRARY_OPTION, WholeHelpGroup, main

if TYPE_CHECKING:
    from drafter.library.framework import Framework
    from drafter.library.model import Library


@main.group(cls=WholeHelpGroup)
def library() -> None:
    """Browse the commitment library: list, show, search, sources, themes, frameworks, check."""


@library.command("list")
@click.option("--source", help="Only items of this source (see `drafter library sources`).")
@click.option("--theme", help="Only items on this theme (see `drafter library themes`).")
@click.option("--kind", help="Only items of this kind (core-principle, key-commitment, …).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LIBRARY_OPTION
def library_list(source: str | None, theme: str | None, kind: str | None, fmt: str, libraries: tuple[str, ...]) -> None:
    """List library items."""
    from drafter.cli import present
    from drafter.errors import DrafterError
    from drafter.library.model import KINDS
    from drafter.load.checks import suggest

    lib = load_library(libraries)
    for value, known, what in (
        (source, lib.sources, "source"),
        (theme, lib.theme_keys, "theme"),
        (kind, KINDS, "kind"),
    ):
        if value and value not in known:
            raise DrafterError.at(f"--{what}", f"unknown {what} {value!r}", hint=suggest(value, known, what + "s"))
    items = lib.select(source=source, theme=theme, kind=kind)
    click.echo(present.items_json(items) if fmt == "json" else present.items_table(items), nl=False)


@library.command("show")
@click.argument("item_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LIBRARY_OPTION
def library_show(item_id: str, fmt: str, libraries: tuple[str, ...]) -> None:
    """Show one item in every language, with its source and reference."""
    import json

    from drafter.cli import present

    lib = load_library(libraries)
    item = lib.get(item_id)
    if fmt == "json":
        click.echo(json.dumps(present.item_json(item), ensure_ascii=False, indent=2))
    else:
        click.echo(present.item_card(lib, item), nl=False)


@library.command("search")
@click.argument("query", nargs=-1)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--like", "like_text", metavar="TEXT", help="Rank items by closeness to this sentence or paragraph.")
@click.option("--like-file", type=click.Path(dir_okay=False), help="Like --like, the text read from a file.")
@LIBRARY_OPTION
def library_search(
    query: tuple[str, ...], limit: int, like_text: str | None, like_file: str | None, libraries: tuple[str, ...]
) -> None:
    """Search item text, titles, tags and ids in English and Chinese (all terms must match).

    With --like TEXT (or --like-file FILE): the items closest to a draft sentence or paragraph,
    in its language, ranked by similarity, each with its difference from the text.
    """
    from drafter.errors import DrafterError

    if like_text is not None or like_file is not None:
        from drafter.cli.drafts import print_like

        if query or (like_text is not None and like_file is not None):
            raise DrafterError.at("--like", "give one of QUERY, --like or --like-file")
        print_like(like_text, like_file, limit, libraries)
        return
    if not query:
        raise DrafterError.at("QUERY", "nothing to search for", hint='give words, or --like "a sentence"')
    from drafter.cli import present
    from drafter.library.load import load_library_named
    from drafter.library.search import search
    from drafter.library.searchindex import folded_index

    lib, name = load_library_named(libraries)
    hits = search(lib, " ".join(query), limit, folded_index(lib, name))
    click.echo(present.hits_text(lib, hits), nl=False)


@library.command("sources")
@LIBRARY_OPTION
def library_sources(libraries: tuple[str, ...]) -> None:
    """List the source documents."""
    from drafter.cli.present import sources_text

    click.echo(sources_text(load_library(libraries)), nl=False)


@library.command("themes")
@click.option("--framework", "framework_key", metavar="KEY_OR_FILE",
              help="Only this framework, with its sub-headings and questions: a key, or a framework file.")
@LIBRARY_OPTION
def library_themes(framework_key: str | None, libraries: tuple[str, ...]) -> None:
    """List the frameworks' themes and sections."""
    from drafter.cli.present_frameworks import themes_text

    lib = load_library(libraries)
    framework = pick_framework(lib, framework_key) if framework_key else None
    click.echo(themes_text(lib, framework), nl=False)


@library.command("frameworks")
@LIBRARY_OPTION
def library_frameworks(libraries: tuple[str, ...]) -> None:
    """List the consultation structures a spec can name with `framework:`."""
    from drafter.cli.present_frameworks import frameworks_text

    click.echo(frameworks_text(load_library(libraries)), nl=False)


def pick_framework(lib: Library, value: str) -> Framework:
    """A built-in framework by key, or a framework file (checked, every problem located)."""
    from drafter.errors import DrafterError
    from drafter.library.framework_file import framework_reference, load_framework_file
    from drafter.load.checks import suggest

    if framework_reference(value):
        return load_framework_file(value, reserved=lib.frameworks)
    if value not in lib.frameworks:
        raise DrafterError.at("--framework", f"unknown framework {value!r}",
                              hint=suggest(value, lib.frameworks, "frameworks"))
    return lib.frameworks[value]


@library.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True))
def library_check(files: tuple[str, ...]) -> None:
    """Check unofficial translations against the terminology glossary.

    With no FILES, checks the built-in library and that every glossary pair is attested in the
    official texts; with FILES (user library files or folders), checks the items of those files
    (loaded beside the built-in library). Each violation is printed as
    `file:line:col: <item id>: <term> is not rendered as …`; exit code 2 if there is any.
    """
    from drafter.library.glossary import check_library

    report = check_library(load_library(files), user_only=bool(files))
    click.echo(
        f"ok: {report.translated} of {report.items} items have unofficial translations, all follow the glossary "
        f"({report.terms} terms, {report.enforced} enforced)"
    )
