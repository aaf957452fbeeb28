"""HTML writer: the same `Submission` the DOCX and Markdown writers read, as one HTML page.

The studio shows it as its live preview, and `drafter render --format html` writes it. The
order is the DOCX writer's: title block, preamble, the themes in the framework's order with
their sections, closing, the governing-language clause, the notes explaining the marks, then
the sources (footnotes, an annex table, or nothing). Marks ("unofficial translation",
"edited") and provenance appear exactly where the other writers put them.

Every piece of text, the library's and the user's, passes through `html.escape`, so text is
data and can never become markup; the page holds no script and links to nothing outside
itself. Each text element carries its language (`lang`, for fonts, hyphenation and screen
readers) and `dir="auto"`, so a right-to-left line runs in its own direction.

Layouts: parallel is a two-column table, a row per heading or paragraph (as in Word);
interleaved puts each block in every language one after the other; sequential and single give
the whole submission in one language, then the next. The style sheet is a constant
(`STYLE`), so the studio can allow it by hash in its Content-Security-Policy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from html import escape

from drafter.document.model import Paragraph, Submission, Text

Block = tuple[str, Callable[[str], str]]  # (kind, language -> HTML)
HTML_LANG = {"en": "en", "zh": "zh-Hans", "ar": "ar", "fr": "fr", "ru": "ru", "es": "es"}

STYLE = """\
body{margin:0;padding:1.5rem;font-family:"Times New Roman","Liberation Serif","Noto Serif",serif;\
line-height:1.45;color:#111;background:#fff}
:lang(zh){font-family:SimSun,"Noto Serif CJK SC","Noto Sans CJK SC",serif}
.masthead{text-align:center;margin-bottom:1.5rem}
.title{font-size:1.5rem;font-weight:bold;margin:.2rem 0}
.subtitle{font-size:1.15rem;margin:.2rem 0}
.byline{margin:.15rem 0}
h1{font-size:1.15rem;margin:1.2rem 0 .5rem}
h2{font-size:1.02rem;font-style:italic;margin:.9rem 0 .4rem}
p{margin:.35rem 0}
table{border-collapse:collapse;width:100%}
table.parallel td,table.parallel th{vertical-align:top;width:50%;padding:.2rem .6rem}
table.parallel th{text-align:left;border-bottom:1px solid #999}
table.annex td,table.annex th{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top}
.mark{color:#6a3d00;font-style:italic;white-space:nowrap}
.clause,.note,.question{font-style:italic}
.notes{font-size:.9rem;border-top:1px solid #999;margin-top:1.2rem}
sup a{text-decoration:none}
.masthead-line,.signature{text-align:right;margin:0}
.communication{font-weight:bold}
section.language+section.language{border-top:2px solid #999;margin-top:2rem;padding-top:1rem}
"""


def render_html(sub: Submission) -> str:
    """The submission as a complete HTML5 document (UTF-8 text, no script, no outside link)."""
    return _Writer(sub).render()


def _redline(parts: Sequence[tuple[str, str]]) -> list[str]:
    """options.redline: each line's text with `<del>` / `<ins>` around the changes (docs/redline.md)."""
    lines: list[str] = [""]
    for op, text in parts:
        tag = {"delete": "del", "insert": "ins"}.get(op)
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append("")
            if piece:
                lines[-1] += f"<{tag}>{escape(piece)}</{tag}>" if tag else escape(piece)
    return lines


def _attrs(lang: str) -> str:
    return f' lang="{HTML_LANG.get(lang, escape(lang))}" dir="auto"'


def _el(tag: str, text: str, lang: str, cls: str = "") -> str:
    if not text:
        return ""
    klass = f' class="{cls}"' if cls else ""
    return f"<{tag}{klass}{_attrs(lang)}>{escape(text)}</{tag}>"


def _question(prompt: Text, lang: str) -> str:
    """A questionnaire's question in `lang`, under its theme's heading."""
    return _el("p", prompt.get(lang, ""), lang, "question")


class _Writer:
    def __init__(self, sub: Submission):
        self.sub = sub
        self.langs = sub.meta.languages
        self.footnotes = sub.options.provenance == "footnotes"
        self.notes: dict[str, list[str]] = {lang: [] for lang in self.langs}

    def label(self, key: str, lang: str) -> str:
        """A fixed phrase in `lang`."""
        return self.sub.labels[key][lang]

    def mark(self, text: str, lang: str) -> str:
        """A visible mark (decided by the model: `Submission.mark`), or ""."""
        if not text:
            return ""
        space = "" if lang == "zh" else " "
        return f'{space}<span class="mark">{escape(text)}</span>'

    def paragraph(self, p: Paragraph, lang: str) -> str:
        """One paragraph in one language: number, lines, mark, footnote reference — the mark and
        the footnote's text as the model decides them for every writer."""
        version = p.versions[lang]
        tail = self.mark(self.sub.mark(version, lang), lang)
        note = self.sub.footnote(p, lang)
        if note:
            notes = self.notes[lang]
            notes.append(note)
            n = len(notes)
            tail += f'<sup><a href="#fn-{lang}-{n}" id="fr-{lang}-{n}">{n}</a></sup>'
        redlined = version.changes is not None and self.sub.options.redline
        lines = _redline(version.changes or ()) if redlined else [escape(x) for x in p.lines(lang)]
        item = f' data-item="{escape(p.item_id)}"' if p.item_id else ""
        status = f' data-status="{version.status}"'
        out = []
        for i, line in enumerate(lines):
            number = escape(f"{p.label[lang]} ") if i == 0 and p.number is not None else ""
            end = tail if i == len(lines) - 1 else ""
            out.append(f"<p{item}{status}{_attrs(lang)}>{number}{line}{end}</p>")
        return "".join(out)

    def note(self, key: str, lang: str) -> str:
        """A note explaining a mark, in `lang`."""
        return _el("p", self.label(key, lang), lang, "note")

    def official_note(self, i: int, lang: str) -> str:
        """The `i`-th note on a cited source's official version, in `lang`."""
        return _el("p", self.sub.official_notes.get(lang, ())[i], lang, "note")

    def heading(self, text: Text, tag: str) -> Block:
        """A heading block in every language."""
        return ("heading", lambda lang: _el(tag, text.get(lang, ""), lang))

    def content(self, langs: Sequence[str]) -> list[Block]:
        """Every heading and paragraph in document order, each renderable in any language."""
        sub = self.sub
        blocks: list[Block] = []

        def paras(items: Iterable[Paragraph]) -> None:
            blocks.extend(("para", partial(self.paragraph, p)) for p in items)

        if sub.preamble:
            if any(sub.preamble_heading.values()):
                blocks.append(self.heading(sub.preamble_heading, "h1"))
            paras(sub.preamble)
        for theme in sub.themes:
            blocks.append(self.heading(theme.heading, "h1"))
            if theme.prompt:  # a questionnaire's question, restated under its heading
                blocks.append(("heading", partial(_question, theme.prompt)))
            for section in theme.sections:
                if section.heading:  # a single answer section prints no heading
                    blocks.append(self.heading(section.heading, "h2"))
                paras(section.paragraphs)
        if sub.closing:
            if any(sub.closing_heading.values()):
                blocks.append(self.heading(sub.closing_heading, "h1"))
            paras(sub.closing)
        return blocks + self.end_blocks(langs)

    def end_blocks(self, langs: Sequence[str]) -> list[Block]:
        """After the text, as in the DOCX: clause, signature, notes on the marks."""
        sub = self.sub
        blocks: list[Block] = []
        clause = sub.meta.governing_clause
        if clause:
            blocks.append(("para", lambda lang: _el("p", clause.get(lang, ""), lang, "clause")))
        if sub.meta.signature:
            blocks.append(("para", self.signature))
        for key in sub.note_keys(langs):
            blocks.append(("note", partial(self.note, key)))
            if key == "unofficial_note":  # then: which cited sources have an official version
                for i in range(len(sub.official_notes.get(langs[0], ()))):
                    blocks.append(("note", partial(self.official_note, i)))
        return blocks

    def signature(self, lang: str) -> str:
        """A letter's "(Signed) Name" and title lines, at the right."""
        return "".join(_el("p", line, lang, "signature") for line in self.sub.meta.signature.get(lang, ()))

    def title_block(self, langs: Sequence[str]) -> str:
        """As the DOCX title page (writers/docx/front.py): masthead, a communication's UN title,
        title, subtitle, submitter, and the date when no masthead carries it."""
        m = self.sub.meta
        out = []
        for lang in langs:
            head = m.masthead.get(lang)
            if head is not None:
                out += [_el("p", line, lang, "masthead-line") for line in head.lines]
                out.append(_el("p", head.agenda_item, lang, "agenda"))
        title_class = "subtitle" if m.heading else "title"
        out += [_el("p", m.heading.get(lang, ""), lang, "communication") for lang in langs]
        out += [_el("p", m.title.get(lang, ""), lang, title_class) for lang in langs]
        out += [_el("p", m.subtitle.get(lang, ""), lang, "subtitle") for lang in langs]
        if not m.heading:  # a communication names its sender in its title
            out += [_el("p", m.submitter.get(lang, ""), lang, "byline") for lang in langs]
        if not m.masthead:  # the masthead carries the date when there is one
            out += [_el("p", m.date_display.get(lang, ""), lang, "byline") for lang in langs]
        return '<header class="masthead">' + "".join(out) + "</header>"

    def footnote_list(self, langs: Sequence[str]) -> str:
        out = []
        for lang in langs:
            notes = self.notes[lang]
            if not notes:
                continue
            items = "".join(
                f'<li id="fn-{lang}-{i}"{_attrs(lang)}>{escape(text)} <a href="#fr-{lang}-{i}">↩</a></li>'
                for i, text in enumerate(notes, 1)
            )
            out.append(f'<ol class="notes"{_attrs(lang)}>{items}</ol>')
        return "".join(out)

    def annex(self, langs: Sequence[str]) -> str:
        """The Sources annex: every paragraph's source, reference and status, then the sources."""
        sub = self.sub
        if sub.options.provenance != "annex" or not sub.paragraphs():
            return ""
        out = [_el("h1", self.label("annex", lang), lang) for lang in langs]

        def cell(texts: dict[str, str], tag: str = "td") -> str:
            shown = langs[:1] if len(set(texts.values())) == 1 else langs
            return f"<{tag}>" + "<br>".join(f"<span{_attrs(x)}>{escape(texts[x])}</span>" for x in shown) + f"</{tag}>"

        cols = ("col_paragraph", "col_source", "col_reference", "col_status")
        rows = ["<tr>" + "".join(cell({x: self.label(k, x) for x in langs}, "th") for k in cols) + "</tr>"]
        parts = [(sub.preamble_heading, sub.preamble)]
        parts += [(t.heading, s.paragraphs) for t in sub.themes for s in t.sections]
        parts.append((sub.closing_heading, sub.closing))
        for heading, items in parts:
            for p in items:
                prov = {x: p.cited(x) for x in langs}
                rows.append("<tr>" + "".join((
                    cell({x: p.label[x] if p.number is not None else heading.get(x, "") for x in langs}),
                    cell({x: c.source_title[x] if c else "—" for x, c in prov.items()}),
                    cell({x: c.ref[x] if c else "—" for x, c in prov.items()}),
                    cell({x: self.label(p.versions[x].status, x) for x in langs}),
                )) + "</tr>")
        out.append('<table class="annex">' + "".join(rows) + "</table>")
        if sub.sources:
            out += [_el("h2", self.label("sources", lang), lang) for lang in langs]
            for src in sub.sources:
                out += [_el("p", src.entry[lang], lang) for lang in langs]
        return "".join(out)

    def body(self) -> str:
        langs, layout = self.langs, self.sub.meta.layout
        if layout == "parallel" and len(langs) == 2:
            head = "".join(f"<th{_attrs(x)}>{escape(self.label('language', x))}</th>" for x in langs)
            rows = "".join(
                "<tr>" + "".join(f"<td>{block(x)}</td>" for x in langs) + "</tr>" for _k, block in self.content(langs)
            )
            table = f'<table class="parallel"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            return self.title_block(langs) + table + self.footnote_list(langs) + self.annex(langs)
        if layout == "interleaved" and len(langs) > 1:
            body = "".join(block(x) for _k, block in self.content(langs) for x in langs)
            return self.title_block(langs) + body + self.footnote_list(langs) + self.annex(langs)
        out = []
        for lang in langs:
            body = "".join(block(lang) for _k, block in self.content((lang,)))
            part = self.title_block((lang,)) + body + self.footnote_list((lang,)) + self.annex((lang,))
            out.append(f'<section class="language"{_attrs(lang)}>{part}</section>')
        return "".join(out)

    def render(self) -> str:
        lang = self.langs[0]
        title = " / ".join(self.sub.meta.title.get(x, "") for x in self.langs if self.sub.meta.title.get(x))
        return (
            f'<!DOCTYPE html>\n<html lang="{HTML_LANG.get(lang, escape(lang))}">'
            f'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f'<body><article class="submission layout-{escape(self.sub.meta.layout)}">{self.body()}</article>'
            "</body></html>\n"
        )
