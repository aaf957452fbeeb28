"""The spec's shape, written once: every key, its kind, whether it is required, its choices and
its default.

Everything that knows what a spec looks like reads this table instead of keeping its own copy:
the validator (`check.py`: which keys a block allows and requires, the choices and defaults of
each value), the JSON Schema for editors (`jsonschema.py`), the paths a batch variant may set
(`spec/overrides.py`, `shape()` below), which of them hold file paths (`path_valued()`), and the
values an output pattern may use when a spec does not write them (`defaults()`).

Choices that depend on the library (frameworks, sources, themes) are named by `choices_from`
and looked up in the loaded library; fixed ones are listed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Literal

from msgspec import Struct

from drafter.library.model import DEFAULT_FRAMEWORK, KINDS, LANGUAGES, SECTIONS

SPEC_VERSION = 1

Layout = Literal["parallel", "sequential", "interleaved"]
ProvenanceMode = Literal["annex", "footnotes", "none"]
Form = Literal["contribution", "letter", "note-verbale"]
LAYOUTS: tuple[Layout, ...] = ("parallel", "sequential", "interleaved")
PROVENANCE: tuple[ProvenanceMode, ...] = ("annex", "footnotes", "none")
FORMS: tuple[Form, ...] = ("contribution", "letter", "note-verbale")
DocumentLayout = Layout | Literal["single"]
"""How the languages sit against each other; "single" for a one-language submission."""


def as_layout(value: str | None) -> Layout:
    """`value` as a layout, once checked against LAYOUTS; the default otherwise."""
    return next((x for x in LAYOUTS if x == value), "parallel")


def as_provenance(value: str | None) -> ProvenanceMode:
    """`value` as a provenance mode, once checked against PROVENANCE; the default otherwise."""
    return next((x for x in PROVENANCE if x == value), "annex")

DATE_REGEX = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"  # YYYY, YYYY-MM or YYYY-MM-DD; ASCII digits (int() reads others)
DATE_PATTERN = re.compile(DATE_REGEX + r"\Z")


def date_problem(text: str) -> str | None:
    """Why `text` (YYYY, YYYY-MM or YYYY-MM-DD) is not a date of the calendar, or None.

    The shape alone lets through `2023-13-01`, `2023-02-30` and `0000-01-01`; each would
    print as nonsense ("30 February 2023") and make core.xml's timestamp invalid. (The
    Gregorian rule is written out: the `calendar` module costs every command ~5 ms to
    import, and its month names follow the locale.)
    """
    if not DATE_PATTERN.match(text):
        return "not in the form YYYY-MM-DD"
    parts = [int(p) for p in text.split("-")]
    if parts[0] < 1:
        return "the year 0000 does not exist"
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return f"there is no month {parts[1]:02d}"
    if len(parts) > 2:
        year, month = parts[0], parts[1]
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        days = 29 if month == 2 and leap else _DAYS[month - 1]
        if not 1 <= parts[2] <= days:
            return f"{_MONTHS[month - 1]} {year} has no day {parts[2]:02d} (it has {days})"
    return None


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


Kind = Literal[
    "version",  # the format version, an integer
    "mapping",  # a block of keys (`keys`)
    "lang_text",  # {en: …, zh: …}
    "date",  # DATE_REGEX, as text
    "languages",  # a list of distinct languages
    "choice",  # one of `choices` (or of the library's `choices_from`)
    "bool",
    "text",
    "text_list",  # a list of text
    "entries",  # a list of paragraph entries (ENTRY)
    "themes",  # the framework's themes, each a THEME block
    "item_id",  # a library item id
    "framework",  # a built-in framework key, or a framework file (.yaml) relative to the spec
]
LibraryChoices = Literal["frameworks", "sources", "themes"]


class Key(Struct, frozen=True):
    """One key of the spec and the value it takes."""

    name: str
    kind: Kind
    required: bool = False
    default: str | bool | None = None  # what a spec means when it leaves the key out
    choices: tuple[str, ...] = ()
    choices_from: LibraryChoices | None = None
    noun: str = ""  # how messages name a value ("unknown layout 'x'") or a key of a block
    nullable: bool = False  # `null` means "not given"
    path: bool = False  # the value is a file path, relative to the spec file
    description: str = ""  # for the JSON Schema
    keys: tuple[Key, ...] = ()  # a mapping's keys, in the order the docs list them

    def __getitem__(self, name: str) -> Key:
        """The child key `name` of a mapping."""
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        """The keys this mapping allows, in order."""
        return tuple(k.name for k in self.keys)

    @property
    def required_names(self) -> tuple[str, ...]:
        """The keys this mapping requires, in order."""
        return tuple(k.name for k in self.keys if k.required)


INCLUDE = Key("include", "mapping", noun="filter", description="Bulk pick of library items matching every filter.",
              keys=(
                  Key("source", "choice", choices_from="sources", noun="source"),
                  Key("theme", "choice", choices_from="themes", noun="theme"),
                  Key("kind", "choice", choices=KINDS, noun="kind"),
                  Key("tag", "text"),
                  Key("section", "choice", choices=SECTIONS, noun="section"),
              ))
ENTRY = Key("entry", "mapping", keys=(
    Key("use", "item_id", description="A library item id."),
    Key("text", "lang_text", description="New text, or an edit of the item's text, per language."),
    INCLUDE,
    Key("attributed", "bool", description="Quote the item as its source author's words, with a lead-in naming the "
        "author (As stated by China: “…”); not with an edit."),
))
# A theme's keys are its framework's section keys (the built-in frameworks': principles,
# commitments; a user framework's own, e.g. answer) and `include`; `check.py` asks the framework.
THEME = Key("theme", "mapping", nullable=True, keys=(
    *(Key(section, "entries", nullable=True) for section in SECTIONS),
    INCLUDE,
))

SPEC = Key("spec", "mapping", keys=(
    Key("drafter", "version", required=True, description="Spec format version."),
    Key("framework", "framework", default=DEFAULT_FRAMEWORK, choices_from="frameworks", noun="framework",
        description="A built-in framework (drafter library frameworks), or a framework file relative to the spec."),
    Key("submission", "mapping", required=True, keys=(
        Key("title", "lang_text", required=True, noun="the title", description="Title of the submission."),
        Key("subtitle", "lang_text", noun="the subtitle", description="Optional subtitle."),
        Key("submitter", "lang_text", noun="the submitter", description="Who submits it."),
        Key("date", "date", nullable=True),
        Key("languages", "languages", required=True, choices=LANGUAGES, noun="language"),
        Key("layout", "choice", default="parallel", choices=LAYOUTS, noun="layout"),
        Key("governing", "choice", choices=LANGUAGES, noun="language", nullable=True),
        Key("form", "choice", default="contribution", choices=FORMS, noun="form",
            description="contribution (numbered paragraphs), letter (signed) or note-verbale (unsigned)."),
        Key("symbol", "text", nullable=True, noun="the symbol",
            description="The document symbol, e.g. A/79/123, shown in the masthead."),
        Key("original_language", "choice", choices=LANGUAGES, noun="language", nullable=True,
            description="The language the submission was written in; other versions are marked as translations."),
        Key("agenda_item", "lang_text", noun="the agenda item", description="e.g. Agenda item 13, per language."),
        Key("addressee", "lang_text", noun="the addressee",
            description="Whom a letter or note verbale is addressed to (default: the Secretary-General)."),
        Key("signatory", "lang_text", noun="the signatory",
            description="Who signs a letter: name, then title lines, per language."),
    )),
    Key("preamble", "entries", nullable=True),
    Key("themes", "themes", nullable=True),
    Key("closing", "entries", nullable=True),
    Key("options", "mapping", nullable=True, noun="option", keys=(
        Key("provenance", "choice", default="annex", choices=PROVENANCE, noun="provenance mode"),
        Key("mark_edits", "bool", default=True),
        Key("show_ids", "bool", default=False,
            description="Show library item ids in citations and the annex (while drafting)."),
        Key("reference_doc", "text", path=True, nullable=True),
        Key("attributed", "bool", default=False,
            description="Attribute every quoted item that speaks in its author's voice."),
        Key("redline", "bool", default=False,
            description="Show every edit as a tracked change against the source's words "
            "(Word revisions in DOCX, CriticMarkup in Markdown)."),
        Key("redline_author", "text", nullable=True,
            description="The author named on every tracked change (default: the submitter)."),
    )),
    Key("libraries", "text_list", path=True, nullable=True),
))

SUBMISSION = SPEC["submission"]
OPTIONS = SPEC["options"]


def walk(key: Key = SPEC, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Key]]:
    """Every key below `key` with its path, parents first (entries and themes not entered)."""
    for child in key.keys:
        here = (*path, child.name)
        yield here, child
        if child.kind == "mapping":
            yield from walk(child, here)


def defaults() -> Mapping[tuple[str, ...], str | bool]:
    """The value of every key a spec may leave out and still mean something, by path."""
    return MappingProxyType({path: key.default for path, key in walk() if key.default is not None})


def path_valued() -> frozenset[tuple[str, ...]]:
    """The paths whose values are file paths, relative to the spec file."""
    return frozenset(path for path, key in walk() if key.path)
