"""`drafter init`: a commented starter spec a new user can edit in place."""

from __future__ import annotations

import json

from drafter.library.model import DEFAULT_FRAMEWORK, Item, Library

SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=drafter-spec.schema.json\n"
    "# (editors complete and check keys once you run: drafter schema > drafter-spec.schema.json)\n"
)

HEAD = """\
# A drafter submission spec. Render it with:
#   drafter render {name} --format docx      (or --format md)
# Every key is described in docs/spec.md; `drafter schema` prints the JSON Schema for editors.
drafter: 1
framework: {framework}        # gdc-2024: the adopted Compact; or a framework file (docs/frameworks.md)
submission:
  title: {{en: "Contribution to the Global Digital Compact", zh: "关于“全球数字契约”的意见"}}
  submitter: {{en: "Delegation of Examplestan", zh: "示例国代表团"}}
  date: "2023-04-28"
  languages: [en, zh]        # one or two of ar, zh, en, fr, ru, es; the order is the display order
  layout: parallel           # parallel | sequential | interleaved
  governing: zh              # the language that prevails (adds the clause); or remove
"""

EXAMPLE_THEMES = """\
preamble:
  - use: cn-gdc.preamble.1
themes:                      # appear in the framework's order, whatever the order here
  connect:
    principles:
      - use: cn-igf.connect.p1                       # a library item, quoted exactly
      - use: cn-igf.connect.p2
        text: {en: "Language must never keep anyone offline."}   # an edit: marked as changed
    commitments:
      - use: cn-igf.connect.c1
      - text: {en: "Our own commitment.", zh: "我们自己的承诺。"}  # a new paragraph
  data:
    include: {source: cn-igf}                         # bulk pick: source, theme, kind, tag
"""

TAIL = """\
options:
  provenance: annex          # annex | footnotes | none
  mark_edits: true           # mark edited paragraphs
"""


def starter_spec(library: Library, source: str | None = None, name: str = "spec.yaml") -> str:
    """The starter spec; with `source`, pre-filled with every item of that source by theme."""
    text = SCHEMA_COMMENT + HEAD.format(name=name, framework=DEFAULT_FRAMEWORK)
    if not source:
        return text + EXAMPLE_THEMES + TAIL
    if source not in library.sources:
        from drafter.errors import DrafterError
        from drafter.load.checks import suggest

        raise DrafterError.at(
            "--source", f"unknown source {source!r}", hint=suggest(source, library.sources, "sources")
        )
    items = library.select(source=source)
    framework = library.framework()
    lines = [f"# every item of {source}, by theme; delete what you do not want"]
    general = [i for i in items if not i.themes]
    if general:
        lines.append("preamble:")
        for i in general:
            lines += _entry(library, i, "  ", f"  - use: {i.id}")
    lines.append("themes:")
    for theme in framework.themes:
        picked = [i for i in items if i.themes and i.themes[0] == theme.key]
        if not picked:
            continue
        lines.append(f"  {theme.key}:")
        for section in (s.key for s in framework.sections):
            in_section = [i for i in picked if i.section == section]
            if in_section:
                lines.append(f"    {section}:")
                for i in in_section:
                    label = (i.title.get("en") or i.text.get("en") or i.text.get("zh", "")).replace("\n", " ")[:60]
                    lines += _entry(library, i, "      ",
                                    f"      - use: {i.id}    # {json.dumps(label, ensure_ascii=False)[1:-1]}")
    return text + "\n".join(lines) + "\n" + TAIL


def _entry(library: Library, item: Item, indent: str, first: str) -> list[str]:
    """An entry's lines: an item in its author's voice is quoted attributed, so the starter spec does
    not make the example delegation speak as the author (edit it instead to make it your own)."""
    if item.voice != "author":
        return [first]
    who = library.sources[item.source].author.get("en", "its author")
    return [first, f"{indent}  attributed: true    # speaks as {who}: quoted as {who}'s words, or edit it"]
