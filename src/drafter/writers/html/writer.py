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
from html import escape

from drafter.document.model import EDITED, UNOFFICIAL, USER, Paragraph, Provenance, Submission, Text

Block = tuple[str, Callable[[str], str]]  # (kind, language -> HTML)
MARK_BRACKETS = {"zh": ("〔", "〕")}  # other languages: [ ]
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
section.language+section.language{border-top:2px solid #999;margin-top:2rem;padding-top:1rem}
"""


def render_html(sub: Submission) -> str:
    """The submission as a complete HTML5 document (UTF-8 text, no script, no outside link)."""
    return _Writer(sub).render()


def citation(prov: Provenance, lang: str) -> str:
    """`Short title (date), place in the source.` in the language's punctuation (as in DOCX)."""
    title, ref = _pick(prov.source_title, lang), _pick(prov.ref, lang)
    if lang == "zh":
        when = f"（{prov.date}）" if prov.date else ""
        return f"{title}{when}，{ref}。" if ref else f"{title}{when}。"
    when = f" ({prov.date})" if prov.date else ""
    return f"{title}{when}, {ref}." if ref else f"{title}{when}."


def _pick(text: Text, lang: str) -> str:
    """The text in `lang`, else in the first language it has (a source cited in one language)."""
    if lang in text:
        return text[lang]
    return next(iter(text.values()), "")


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


class _Writer:
    def __init__(self, sub: Submission):
        self.sub = sub
        self.langs = sub.meta.languages
        self.footnotes = sub.options.provenance == "footnotes"
        self.notes: dict[str, list[str]] = {lang: [] for lang in self.langs}

    def label(self, key: str, lang: str) -> str:
        return _pick(self.sub.labels.get(key, {}), lang)

    def mark(self, key: str, lang: str) -> str:
        left, right = MARK_BRACKETS.get(lang, ("[", "]"))
        space = "" if lang == "zh" else " "
        return f'{space}<span class="mark">{left}{escape(self.label(key, lang))}{right}</span>'

    def paragraph(self, p: Paragraph, lang: str) -> str:
        """One paragraph in one language: number, lines, mark, footnote reference."""
        version = p.versions[lang]
        tail = ""
        if version.mark and (version.status != EDITED or self.sub.options.mark_edits):
            tail += self.mark(version.mark, lang)
        cited = p.cited(lang)
        if self.footnotes and cited is not None:
            notes = self.notes[lang]
            notes.append(citation(cited, lang))
            n = len(notes)
            tail += f'<sup><a href="#fn-{lang}-{n}" id="fr-{lang}-{n}">{n}</a></sup>'
        redlined = version.changes is not None and self.sub.options.redline
        lines = _redline(version.changes or ()) if redlined else [escape(x) for x in p.lines(lang)]
        item = f' data-item="{escape(p.item_id)}"' if p.item_id else ""
        status = f' data-status="{version.status}"'
        out = []
        for i, line in enumerate(lines):
            number = escape(f"{p.label(lang)} ") if i == 0 and p.number is not None else ""
            end = tail if i == len(lines) - 1 else ""
            out.append(f"<p{item}{status}{_attrs(lang)}>{number}{line}{end}</p>")
        return "".join(out)

    def heading(self, text: Text, tag: str) -> Block:
        return ("heading", lambda lang: _el(tag, text.get(lang, ""), lang))

    def content(self, langs: Sequence[str]) -> list[Block]:
        """Every heading and paragraph in document order, each renderable in any language."""
        sub = self.sub
        blocks: list[Block] = []

        def paras(items: Iterable[Paragraph]) -> None:
            blocks.extend(("para", lambda lang, p=p: self.paragraph(p, lang)) for p in items)

        if sub.preamble:
            blocks.append(self.heading(sub.preamble_heading, "h1"))
            paras(sub.preamble)
        for theme in sub.themes:
            blocks.append(self.heading(theme.heading, "h1"))
            if theme.prompt:  # a questionnaire's question, restated under its heading
                blocks.append(("heading", lambda lang, t=theme.prompt: _el("p", t.get(lang, ""), lang, "question")))
            for section in theme.sections:
                if section.heading:  # a single answer section prints no heading
                    blocks.append(self.heading(section.heading, "h2"))
                paras(section.paragraphs)
        if sub.closing:
            blocks.append(self.heading(sub.closing_heading, "h1"))
            paras(sub.closing)
        clause = sub.meta.governing_clause
        if clause:
            blocks.append(("para", lambda lang: _el("p", clause.get(lang, ""), lang, "clause")))
        for key in self.note_keys(langs):
            blocks.append(("note", lambda lang, key=key: _el("p", self.label(key, lang), lang, "note")))
            if key == "unofficial_note":  # then: which cited sources have an official version
                for i in range(len(sub.official_notes.get(langs[0], ()))):
                    blocks.append(("note", lambda lang, i=i: _el("p", sub.official_notes.get(lang, ())[i], lang,
                                                                  "note")))
        return blocks

    def note_keys(self, langs: Sequence[str]) -> list[str]:
        statuses = {p.versions[lang].status for p in self.sub.paragraphs() for lang in langs}
        keys = ["unofficial_note"] if UNOFFICIAL in statuses else []
        if USER in statuses:
            keys.append("user_note")
        if EDITED in statuses and self.sub.options.mark_edits:
            keys.append("edited_note")
        return keys

    def title_block(self, langs: Sequence[str]) -> str:
        m = self.sub.meta
        out = [_el("p", m.title.get(lang, ""), lang, "title") for lang in langs]
        out += [_el("p", m.subtitle.get(lang, ""), lang, "subtitle") for lang in langs]
        out += [_el("p", m.submitter.get(lang, ""), lang, "byline") for lang in langs]
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
                    cell({x: p.label(x) if p.number is not None else heading.get(x, "") for x in langs}),
                    cell({x: _pick(c.source_title, x) if c else "—" for x, c in prov.items()}),
                    cell({x: _pick(c.ref, x) if c else "—" for x, c in prov.items()}),
                    cell({x: self.label(p.versions[x].status, x) for x in langs}),
                )) + "</tr>")
        out.append('<table class="annex">' + "".join(rows) + "</table>")
        if sub.sources:
            out += [_el("h2", self.label("sources", lang), lang) for lang in langs]
            for src in sub.sources:
                for lang in langs:
                    title, issuer = _pick(src.title, lang), _pick(src.issuer, lang)
                    text = f"{title}。{issuer}，{src.date}。" if lang == "zh" else f"{title}. {issuer}, {src.date}."
                    out.append(_el("p", text, lang))
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
