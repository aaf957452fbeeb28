"""DOCX writer: decides what goes where in a Word submission; `wordml.py` knows how to say it.

The order of a submission is fixed by the model: title block, preamble, the themes in the
framework's order (Heading 1 each, Heading 2 per section, numbered paragraphs), closing, the
governing-language clause, the notes that explain the marks, then the sources (footnotes, an
annex table, or nothing). The layout only decides how the languages sit against each other:

- parallel: one borderless two-column table, a row per heading or paragraph, the language
  header row repeated on every page;
- interleaved: each heading or paragraph in every language, one after the other;
- sequential (and single): the whole submission in one language, then in the next, each in its
  own section starting on a new page with a header and footer in its language.

Right-to-left text (Arabic, Hebrew) needs no option: each line takes the direction of its first
strong letter, a right-to-left line is a `w:bidi` paragraph and its right-to-left pieces `w:rtl`
runs (`wordml.line`, `bidi.py`); the table and the numbers, marks and notes stay left to right.

Why not python-docx: its paragraph API is ten times slower than writing the zip (issue 8), so
the body is generated as one XML string and the reference document's other parts are copied
from a per-process cache (`reference.py`). Nothing here reads the clock or the
environment: the same `Submission` gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from drafter.document.model import EDITED, NEW, UNOFFICIAL, USER, Paragraph, Provenance, Submission, Text
from drafter.writers.docx import revisions as R
from drafter.writers.docx import wordml as X
from drafter.writers.docx.package import Package
from drafter.writers.docx.reference import load_template

MARK_BRACKETS = {"zh": ("〔", "〕")}  # other languages: [ ]
ANNEX_WIDTHS = (0.12, 0.36, 0.32, 0.20)  # paragraph, source, reference, text status

Block = tuple[str, Callable[[str], str]]  # (kind, language -> paragraphs XML)


def render_docx(sub: Submission, reference_doc: Path | None = None) -> bytes:
    """The submission as a .docx file's bytes, styled by `reference_doc` (bundled when None)."""
    template = load_template(reference_doc)
    return _Writer(sub, Package(sub, template)).render()


def citation(prov: Provenance, lang: str) -> str:
    """`Short title (date), place in the source.` in the language's punctuation."""
    title = _pick(prov.source_title, lang)
    ref = _pick(prov.ref, lang)
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


class _Writer:
    def __init__(self, sub: Submission, package: Package):
        self.sub = sub
        self.pkg = package
        self.s = package.template.styles
        self.langs = sub.meta.languages
        self.with_footnotes = sub.options.provenance == "footnotes"
        self.implicit = package.template.implicit_lang
        self.rev = R.Revisions(sub.meta.date)  # numbers the tracked changes in document order

    def run(self, text: str, lang: str, style: str | None = None) -> str:
        return X.run(text, lang, style, implicit=self.implicit)

    def line(self, text: str, lang: str, number: str | None = None) -> tuple[str, bool]:
        """A line of user or library text: its runs, and whether it runs right to left."""
        return X.line(text, lang, number=number, implicit=self.implicit)

    # -- small pieces ---------------------------------------------------------------------------
    def label(self, key: str, lang: str) -> str:
        return _pick(self.sub.labels.get(key, {}), lang)

    def mark(self, key: str, lang: str) -> str:
        """A visible mark such as `[unofficial translation]`, in the text's own language."""
        left, right = MARK_BRACKETS.get(lang, ("[", "]"))
        space = "" if lang in X.EAST_ASIAN else " "
        return self.run(f"{space}{left}{self.label(key, lang)}{right}", lang, self.s["mark"])

    def simple(self, text: str, lang: str, style: str) -> str:
        if not text:
            return ""
        runs, rtl = self.line(text, lang)
        return f"<w:p>{X.ppr(style, bidi=True) if rtl else X.ppr(style)}{runs}</w:p>"

    def heading(self, text: Text, style: str) -> Block:
        return ("heading", lambda lang: self.simple(text.get(lang, ""), lang, style))

    def paragraph(self, p: Paragraph, lang: str) -> str:
        """One paragraph in one language: literal number and tab, text, mark, footnote.

        Several lines ("\\n" in the text) become several Word paragraphs; the continuation lines
        start with a tab so that they line up with the text after the number. Each line takes
        its own direction from its first strong letter: a right-to-left one is a `w:bidi`
        paragraph whose number, marks and footnote reference stay in runs of their own,
        never `w:rtl` (see `wordml.line`).
        """
        version = p.versions[lang]
        tail = ""
        if version.mark and (version.status != EDITED or self.sub.options.mark_edits):
            tail += self.mark(version.mark, lang)
        cited = p.cited(lang)
        if self.with_footnotes and cited is not None:
            tail += self.pkg.footnote(citation(cited, lang), lang)
        numbered = p.number is not None
        style = self.s["numbered"] if numbered else self.s["body"]
        if version.changes is not None and self.sub.options.redline:
            return self.redlined(p, lang, style, tail)
        lines = p.lines(lang)
        out = []
        for i, line in enumerate(lines):
            number = (p.label(lang) if i == 0 else "") if numbered else None
            runs, rtl = self.line(line, lang, number=number)
            if i == len(lines) - 1:
                runs += tail
            out.append(X.para(runs, style, bidi=rtl))
        return "".join(out)

    def redlined(self, p: Paragraph, lang: str, style: str, tail: str) -> str:
        """An edited or new paragraph as the source's words with the edit as tracked changes.

        The number, marks and footnote reference stay outside the revisions (see revisions.py).
        """
        version = p.versions[lang]
        assert version.changes is not None

        def lead(i: int) -> str:
            if p.number is None:
                return ""
            return X.run("", lang, number=p.label(lang) if i == 0 else "", implicit=self.implicit)

        author = _pick(self.sub.options.redline_author, lang)
        last = "insert" if version.status == NEW else "equal"
        lines = R.redline(version.changes, lambda text: self.line(text, lang)[0], self.rev, author,
                          lead=lead, last=last)
        out = []
        for i, line in enumerate(lines):
            runs = line.body + (tail if i == len(lines) - 1 else "")
            out.append(X.para(runs, style, bidi=self.line(line.new_text, lang)[1], mark=line.mark))
        return "".join(out)

    # -- what goes where ------------------------------------------------------------------------
    def title_block(self, langs: Sequence[str]) -> str:
        m, s = self.sub.meta, self.s
        out = [self.simple(m.title.get(lang, ""), lang, s["title"]) for lang in langs]
        out += [self.simple(m.subtitle.get(lang, ""), lang, s["subtitle"]) for lang in langs]
        out += [self.simple(m.submitter.get(lang, ""), lang, s["byline"]) for lang in langs]
        out += [self.simple(m.date_display.get(lang, ""), lang, s["byline"]) for lang in langs]
        return "".join(out)

    def content(self, langs: Sequence[str]) -> list[Block]:
        """Every heading and paragraph in document order, each renderable in any language."""
        sub, s = self.sub, self.s
        blocks: list[Block] = []

        def paras(items: Iterable[Paragraph]) -> None:
            for p in items:
                blocks.append(("para", lambda lang, p=p: self.paragraph(p, lang)))

        if sub.preamble:
            blocks.append(self.heading(sub.preamble_heading, s["h1"]))
            paras(sub.preamble)
        for theme in sub.themes:
            blocks.append(self.heading(theme.heading, s["h1"]))
            if theme.prompt:  # a questionnaire's question, restated under its heading
                blocks.append(("heading", lambda lang, t=theme.prompt: self.simple(t.get(lang, ""), lang,
                                                                               s["question"])))
            for section in theme.sections:
                if section.heading:  # a single answer section prints no heading
                    blocks.append(self.heading(section.heading, s["h2"]))
                paras(section.paragraphs)
        if sub.closing:
            blocks.append(self.heading(sub.closing_heading, s["h1"]))
            paras(sub.closing)
        clause = sub.meta.governing_clause
        if clause:
            blocks.append(("para", lambda lang: self.simple(clause.get(lang, ""), lang, s["clause"])))
        for key in self.note_keys(langs):
            blocks.append(("note", lambda lang, key=key: self.simple(self.label(key, lang), lang, s["note"])))
            if key == "unofficial_note":  # then: which cited sources have an official version
                for i in range(len(self.sub.official_notes.get(langs[0], ()))):
                    blocks.append(("note", lambda lang, i=i: self.simple(
                        self.sub.official_notes.get(lang, ())[i], lang, s["note"])))
        return blocks

    def note_keys(self, langs: Sequence[str]) -> list[str]:
        """The notes explaining the marks that appear in these languages' text."""
        statuses = {p.versions[lang].status for p in self.sub.paragraphs() for lang in langs}
        keys = ["unofficial_note"] if UNOFFICIAL in statuses else []
        if USER in statuses:
            keys.append("user_note")
        if EDITED in statuses and self.sub.options.mark_edits:
            keys.append("edited_note")
        return keys

    def annex(self, langs: Sequence[str]) -> str:
        """The Sources annex: a table of every paragraph's source and status, then the sources."""
        if self.sub.options.provenance != "annex" or not self.sub.paragraphs():
            return ""
        s, width = self.s, self.pkg.template.text_width
        widths = [int(width * f) for f in ANNEX_WIDTHS]
        widths[-1] = width - sum(widths[:-1])
        out = [X.para(self.run(self.label("annex", lang), lang), s["h1"], page_break=i == 0)
               for i, lang in enumerate(langs)]
        memo: dict[tuple[tuple[str, ...], int], str] = {}  # sources and statuses repeat down the table

        def cells(texts: Sequence[dict[str, str]]) -> list[str]:
            """One paragraph per language; once when every language says the same ("3.", "—")."""
            out = []
            for text, w in zip(texts, widths, strict=True):
                key = (tuple(text.values()), w)
                xml = memo.get(key)
                if xml is None:
                    shown = langs[:1] if len(set(key[0])) == 1 else langs
                    xml = memo[key] = X.cell("".join(self.simple(text[lang], lang, s["cell"]) for lang in shown), w)
                out.append(xml)
            return out

        head = [{lang: self.label(k, lang) for lang in langs}
                for k in ("col_paragraph", "col_source", "col_reference", "col_status")]
        rows = [X.row(cells(head), header=True, cant_split=True)]
        for part_heading, items in self.parts():
            for p in items:
                prov = {lang: p.cited(lang) for lang in langs}
                rows.append(X.row(cells([
                    {lang: p.label(lang) if p.number is not None else part_heading.get(lang, "") for lang in langs},
                    {lang: _pick(c.source_title, lang) if c else "—" for lang, c in prov.items()},
                    {lang: _pick(c.ref, lang) if c else "—" for lang, c in prov.items()},
                    {lang: self.label(p.versions[lang].status, lang) for lang in langs},
                ]), cant_split=True))
        out.append(X.table(rows, widths, s["sources"]))
        if self.sub.sources:
            out += [self.simple(self.label("sources", lang), lang, s["h2"]) for lang in langs]
            for src in self.sub.sources:
                for lang in langs:
                    title, issuer = _pick(src.title, lang), _pick(src.issuer, lang)
                    text = f"{title}。{issuer}，{src.date}。" if lang == "zh" else f"{title}. {issuer}, {src.date}."
                    out.append(self.simple(text, lang, s["body"]))
        return "".join(out)

    def parts(self) -> list[tuple[Text, tuple[Paragraph, ...]]]:
        sub = self.sub
        out = [(sub.preamble_heading, sub.preamble)]
        out += [(t.heading, sec.paragraphs) for t in sub.themes for sec in t.sections]
        out.append((sub.closing_heading, sub.closing))
        return out

    # -- layouts --------------------------------------------------------------------------------
    def render(self) -> bytes:
        layout = self.sub.meta.layout
        langs = self.langs
        if layout == "parallel" and len(langs) == 2:
            body = self.parallel()
        elif layout == "interleaved" and len(langs) > 1:
            body = self.title_block(langs)
            body += "".join(block(lang) for _kind, block in self.content(langs) for lang in langs)
            body += self.annex(langs)
        else:  # sequential, single, or a parallel/interleaved request with one language
            return self.pkg.build(self.sequential(), sections=langs)
        return self.pkg.build(_end_with_paragraph(body), sections=langs[:1])

    def parallel(self) -> str:
        langs, s = self.langs, self.s
        width = self.pkg.template.text_width
        widths = (width // 2, width - width // 2)
        rows = [X.row((X.cell(self.simple(self.label("language", lang), lang, s["colhead"]), w)
                       for lang, w in zip(langs, widths, strict=True)), header=True, cant_split=True)]
        for kind, block in self.content(langs):
            rows.append(X.row((X.cell(block(lang), w) for lang, w in zip(langs, widths, strict=True)),
                              cant_split=kind == "heading"))
        table = X.table(rows, widths, s["parallel"]) if len(rows) > 1 else ""  # never headers alone
        return self.title_block(langs) + table + self.annex(langs)

    def sequential(self) -> str:
        """One section per language; every section but the last ends in its own break paragraph."""
        out = []
        for i, lang in enumerate(self.langs):
            out.append(self.title_block((lang,)))
            out.extend(block(lang) for _kind, block in self.content((lang,)))
            out.append(self.annex((lang,)))
            if i < len(self.langs) - 1:
                out.append(X.para("", sect_pr=self.pkg.sect_pr(i)))
        return _end_with_paragraph("".join(out))


_TRAILING_TABLE = re.compile(r"</w:tbl>\Z")


def _end_with_paragraph(body: str) -> str:
    """Word needs a paragraph between a final table and the section properties."""
    return body + "<w:p/>" if _TRAILING_TABLE.search(body) else body
