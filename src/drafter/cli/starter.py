"""`drafter init`: a commented starter spec a new user can edit in place.

`--form letter` and `--form note-verbale` start a communication instead of a contribution: the
conventional opening and closing ("I have the honour to …", "… presents its compliments to …",
"… avails itself of this opportunity to renew …") are written into the starter as the user's
own paragraphs (`- text:`), to be edited — they are never library text, and drafter never adds
them by itself.
"""

from __future__ import annotations

import json

from drafter.library.model import DEFAULT_FRAMEWORK, Item, Library

SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=drafter-spec.schema.json\n"
    "# (editors complete and check keys once you run: drafter schema > drafter-spec.schema.json)\n"
)

HEAD = """\
# A drafter submission spec. Render it with:
#   drafter render {name} -o {stem}.docx      (or {stem}.md, {stem}.pdf)
# Every key is described in docs/spec.md (`drafter help spec`); `drafter schema` prints the
# JSON Schema for editors.
drafter: 1
framework: {framework}        # gdc-2024: the adopted Compact; or a framework file (docs/frameworks.md)
submission:
{form}  title: {{en: "Contribution to the Global Digital Compact", zh: "关于“全球数字契约”的意见"}}
  submitter: {{en: "{submitter_en}", zh: "{submitter_zh}"}}
  date: "2023-04-28"
  languages: [en, zh]        # one or two of ar, zh, en, fr, ru, es; the order is the display order
  layout: parallel           # parallel | sequential | interleaved
  governing: zh              # the language that prevails (adds the clause); or remove
  original_language: zh      # shows "Original: Chinese"; the other version is marked a translation
  # symbol: "A/79/123"       # the document symbol, once the Secretariat has given one
  # agenda_item: {{en: "Agenda item 13", zh: "议程项目13"}}
"""

FORMS = {
    "contribution": ("", "Delegation of Examplestan", "示例国代表团"),
    "letter": (
        "  form: letter               # unnumbered paragraphs, signed; the UN's title is written for you\n"
        "  addressee: {en: \"Secretary-General\", zh: \"秘书长\"}\n"
        "  signatory: {en: \"A. N. Example\\nAmbassador, Permanent Representative\", "
        "zh: \"阿·恩·示例\\n大使、常驻代表\"}\n",
        "Permanent Representative of Examplestan to the United Nations", "示例国常驻联合国代表",
    ),
    "note-verbale": (
        "  form: note-verbale         # third person, unsigned; the UN's title is written for you\n"
        "  addressee: {en: \"Secretary-General\", zh: \"秘书长\"}\n",
        "Permanent Mission of Examplestan to the United Nations", "示例国常驻联合国代表团",
    ),
}

# The conventional opening and closing of each communication: a starter to edit, your own text.
OPENINGS = {
    "letter": (
        "preamble:                    # the conventional opening: edit it, it is your text\n"
        "  - text:\n"
        "      en: \"I have the honour to transmit herewith the contribution of Examplestan to the Global "
        "Digital Compact.\"\n"
        "      zh: \"谨随函转递示例国关于“全球数字契约”的意见。\"\n"
    ),
    "note-verbale": (
        "preamble:                    # the conventional opening: edit it, it is your text\n"
        "  - text:\n"
        "      en: \"The Permanent Mission of Examplestan to the United Nations presents its compliments to the "
        "Secretary-General of the United Nations and has the honour to transmit herewith the contribution "
        "of Examplestan to the Global Digital Compact.\"\n"
        "      zh: \"示例国常驻联合国代表团向联合国秘书长致意，并谨转递示例国关于“全球数字契约”的意见。\"\n"
    ),
}
CLOSINGS = {
    "letter": (
        "closing:                     # the conventional close: edit it, it is your text\n"
        "  - text:\n"
        "      en: \"I should be grateful if the present letter could be circulated as a document of the "
        "General Assembly.\"\n"
        "      zh: \"请将本函作为大会文件分发为荷。\"\n"
    ),
    "note-verbale": (
        "closing:                     # the conventional close: edit it, it is your text\n"
        "  - text:\n"
        "      en: \"The Permanent Mission of Examplestan to the United Nations avails itself of this "
        "opportunity to renew to the Secretary-General of the United Nations the assurances of its highest "
        "consideration.\"\n"
        "      zh: \"示例国常驻联合国代表团顺致最崇高的敬意。\"\n"
    ),
}

EXAMPLE_PREAMBLE = """\
preamble:
  - use: cn-gdc.preamble.1
"""

EXAMPLE_THEMES = """\
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


def starter_spec(library: Library, source: str | None = None, name: str = "SPEC.yaml",
                 form: str = "contribution") -> str:
    """The starter spec; with `source`, pre-filled with every item of that source by theme.

    `name` is the file it is written to, so its first comment shows the command that renders it.
    """
    form_lines, sub_en, sub_zh = FORMS[form]
    stem = name[:-5] if name.endswith(".yaml") else name.rsplit(".", 1)[0] if "." in name else name
    text = SCHEMA_COMMENT + HEAD.format(name=name, stem=stem, framework=DEFAULT_FRAMEWORK, form=form_lines,
                                        submitter_en=sub_en, submitter_zh=sub_zh)
    if not source:
        return text + OPENINGS.get(form, EXAMPLE_PREAMBLE) + EXAMPLE_THEMES + CLOSINGS.get(form, "") + TAIL
    if source not in library.sources:
        from drafter.errors import DrafterError
        from drafter.load.checks import suggest

        raise DrafterError.at(
            "--source", f"unknown source {source!r}", hint=suggest(source, library.sources, "sources")
        )
    items = library.select(source=source)
    framework = library.framework()
    opening = OPENINGS.get(form, "")
    general = [i for i in items if not i.themes]
    if general and not opening:
        opening = "preamble:\n"
    text += opening + "".join(line + "\n" for i in general for line in _entry(library, i, "  ", f"  - use: {i.id}"))
    lines = [f"# every item of {source}, by theme; delete what you do not want"]
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
    return text + "\n".join(lines) + "\n" + CLOSINGS.get(form, "") + TAIL


def _entry(library: Library, item: Item, indent: str, first: str) -> list[str]:
    """An entry's lines: an item in its author's voice is quoted attributed, so the starter spec does
    not make the example delegation speak as the author (edit it instead to make it your own)."""
    if item.voice != "author":
        return [first]
    who = library.sources[item.source].author.get("en", "its author")
    return [first, f"{indent}  attributed: true    # speaks as {who}: quoted as {who}'s words, or edit it"]
