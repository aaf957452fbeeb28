"""Write an imported outline as a spec, in the style of the examples: readable, commented YAML.

Every string is written as a double-quoted scalar (JSON string syntax, which YAML reads the
same), so no text can turn into a key, a number, a boolean or a date, whatever it holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from drafter.document.labels import parse_date
from drafter.drafts.frame import read_frame
from drafter.drafts.model import Block, Draft, Outline, Para
from drafter.library.framework import Framework
from drafter.library.model import Library


def q(text: str) -> str:
    """`text` as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _texts(text: Mapping[str, str], langs: Iterable[str]) -> str:
    return "{" + ", ".join(f"{lang}: {q(text[lang])}" for lang in langs if lang in text) + "}"


def iso_date(shown: str) -> str:
    """A date as drafter shows it, in any of its languages (`28 April 2023`, `2023年4月28日`,
    `1er mars 2027`, `28 de abril de 2023`, `28 апреля 2023 года`) back to `2023-04-28`; the text
    as given when it is not one (`labels.parse_date`, the inverse of `labels.format_date`)."""
    return parse_date(shown) or shown.strip()


def _meta(draft: Draft, outline: Outline) -> dict[str, dict[str, str]]:
    """title, subtitle, submitter per language from the masthead, core properties, front matter."""
    from drafter.drafts.lang import detect

    out: dict[str, dict[str, str]] = {"title": {}, "subtitle": {}, "submitter": {}, "date": {}}
    communication = any(b.role == "masthead" for b in draft.blocks) and read_frame(draft, outline.langs).form \
        != "contribution"
    for b in draft.blocks:
        if b.lang in outline.langs:
            _masthead(b, out, communication)
    meta = draft.meta
    for key, target in (("title", "title"), ("subtitle", "title"), ("author", "submitter")):
        for value in meta.get(key, "").split("\n"):
            lang = detect(value)
            if value and lang in outline.langs:
                out[target].setdefault(lang, value)
    if meta.get("subtitle") and detect(meta["subtitle"]) == detect(meta.get("title", "")):
        out["subtitle"].setdefault(detect(meta["subtitle"]), meta["subtitle"])
    for key in ("date", "created"):
        if meta.get(key):  # drafter's front matter may give every language's: "28 April 2023 / 2023年4月28日"
            shown = [iso_date(part) for part in meta[key].split(" / ")]
            out["date"].setdefault("any", next((d for d in shown if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)), shown[0]))
    return out


def _masthead(b: Block, out: dict[str, dict[str, str]], communication: bool = False) -> None:
    """What a title, subtitle, byline or masthead block says, into `out` (first one wins); in a
    letter or note verbale the UN's title comes first, the spec's title under it (as a subtitle)."""
    if b.role == "subtitle" and communication and b.lang not in out["title"]:
        out["title"][b.lang] = b.text
    elif b.role in ("title", "subtitle"):
        out[b.role].setdefault(b.lang, b.text)
    elif b.role == "masthead":  # drafter's masthead carries the date when it has one
        if date := parse_date(b.text):
            out["date"].setdefault(b.lang, date)
    elif b.role == "byline":
        parts = [p.strip() for p in b.text.split(" — ")]
        if date := parse_date(parts[-1]):
            out["date"].setdefault(b.lang, date)
            parts = parts[:-1]
        if parts and not b.tentative or parts and not out["submitter"].get(b.lang):
            out["submitter"].setdefault(b.lang, " — ".join(parts))


def _entries(paras: list[Para], langs: tuple[str, ...], indent: str) -> list[str]:
    lines = []
    for p in paras:
        if p.use:
            lines.append(f"{indent}- use: {p.use}")
            if p.attributed:
                lines.append(f"{indent}  attributed: true")
            if p.text:
                lines.append(f"{indent}  text: {_texts(p.text, langs)}")
        else:
            lines.append(f"{indent}- text: {_texts(p.text, langs)}")
    return lines


def spec_yaml(draft: Draft, outline: Outline, library: Library, libraries: Iterable[str] = (),
              framework: Framework | None = None, reference: str | None = None) -> str:
    """The spec as YAML text, in `framework` (default: the library's default), named `reference`
    (a built-in key, or the framework file's path relative to the spec)."""
    fw = framework or library.framework()
    langs = outline.langs
    meta = _meta(draft, outline)
    origin = "a drafter-rendered" if draft.by_drafter else "a"
    lines = [
        f"# Imported by `drafter import` from {origin} {draft.kind} file: {draft.file.split('/')[-1]}",
        f"# ({outline.layout} layout). Check it with `drafter validate`, render it with `drafter render`.",
        "drafter: 1",
        f"framework: {q(reference) if reference and reference != fw.key else fw.key}",
        "submission:",
        f"  title: {_texts(meta['title'], langs) if meta['title'] else q(draft.file.split('/')[-1])}",
    ]
    if meta["subtitle"] and set(meta["subtitle"]) >= set(langs):
        lines.append(f"  subtitle: {_texts(meta['subtitle'], langs)}")
    if meta["submitter"] and set(meta["submitter"]) >= set(langs):
        lines.append(f"  submitter: {_texts(meta['submitter'], langs)}")
    date = next(iter(meta["date"].values()), "")
    if date:
        lines.append(f"  date: {q(date)}")
    lines.append(f"  languages: [{', '.join(langs)}]")
    if outline.layout != "single":
        lines.append(f"  layout: {outline.layout}")
    if outline.governing:
        lines.append(f"  governing: {outline.governing}")
    lines += _frame_lines(draft, langs)
    if outline.preamble:
        lines.append("preamble:")
        lines += _entries(outline.preamble, langs, "  ")
    if outline.themes:
        lines += _themes(outline, langs, fw)
    if outline.closing:
        lines.append("closing:")
        lines += _entries(outline.closing, langs, "  ")
    lines += ["options:", f"  provenance: {_provenance(draft)}"]
    if libraries:
        lines.append("libraries: [" + ", ".join(q(str(x)) for x in libraries) + "]")
    return "\n".join(lines) + "\n"


def _frame_lines(draft: Draft, langs: tuple[str, ...]) -> list[str]:
    """The form, masthead and signatory keys the draft's frame gives back (drafts/frame.py)."""
    frame = read_frame(draft, langs)
    out = []
    if frame.form != "contribution":
        out.append(f"  form: {frame.form}")
        if set(frame.addressee) >= set(langs):
            out.append(f"  addressee: {_texts(frame.addressee, langs)}")
        if frame.form == "letter" and set(frame.signatory) >= set(langs):
            out.append(f"  signatory: {_texts(frame.signatory, langs)}")
    if frame.symbol:
        out.append(f"  symbol: {q(frame.symbol)}")
    if frame.original_language:
        out.append(f"  original_language: {frame.original_language}")
    return out


def _themes(outline: Outline, langs: tuple[str, ...], fw: Framework) -> list[str]:
    """The `themes:` block, in the framework's order, each theme's sections in its order."""
    lines = ["themes:"]
    order = list(fw.theme_keys)
    for key in sorted(outline.themes, key=order.index):
        lines.append(f"  {key}:")
        for section in fw.section_keys(key):
            if section in outline.themes[key]:
                lines.append(f"    {section}:")
                lines += _entries(outline.themes[key][section], langs, "      ")
    return lines


def _provenance(draft: Draft) -> str:
    if any(b.role == "annex" for b in draft.blocks):
        return "annex"
    if any(b.hints for b in draft.blocks):
        return "footnotes"
    return "none"
