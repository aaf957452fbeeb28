"""DOCX writer: decides what goes where in a Word submission; `wordml.py` knows how to say it.

The order of a submission is fixed by the model: title page (`front.py`: masthead, title),
preamble, the themes in the framework's order (Heading 1 each, Heading 2 per section, numbered
paragraphs), closing, the governing-language clause, a letter's signature, the notes that
explain the marks, then the sources (footnotes, an annex table, or nothing). The layout only
decides how the languages sit against each other:

- parallel: one borderless two-column table, a row per heading or paragraph, the language
  header row repeated on every page;
- interleaved: each heading or paragraph in every language, one after the other;
- sequential (and single): the whole submission in one language, then in the next, each in its
  own section starting on a new page with a header and footer in its language.

Numbers are Word's (`numbering.py`): paragraphs and theme headings carry `w:numPr`, one list per
language, so a paragraph inserted in Word renumbers the rest. Page breaks are left to Word and
LibreOffice, with what they need to break well: headings keep with the next paragraph (in the
parallel table, the row after a heading does not split, so the heading row moves with it —
LibreOffice keeps rows together only that way), and the end of the document (clause,
signature, notes) travels with the last paragraph rather than alone onto a last page.

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
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from drafter.document.model import NEW, Paragraph, Submission, Text, ThemeBlock
from drafter.writers.docx import wordml as X
from drafter.writers.docx.bundled import template as load_template
from drafter.writers.docx.front import Front
from drafter.writers.docx.package import Package

if TYPE_CHECKING:
    from drafter.writers.docx.revisions import Revisions

ANNEX_WIDTHS = (0.12, 0.36, 0.32, 0.20)  # paragraph, source, reference, text status

BlockKind = Literal["heading", "para", "end"]  # "end": clause, signature, notes after the text
UNSPLIT_LINES = 24  # a paragraph row after a heading up to this long (about a third of a page) is kept whole


class Block(NamedTuple):
    """A heading, paragraph or end note, renderable in any language."""

    kind: BlockKind
    render: Callable[[str, bool], str]  # (language, keep with next) -> paragraphs XML
    para: Paragraph | None = None


def render_docx(sub: Submission, reference_doc: Path | None = None) -> bytes:
    """The submission as a .docx file's bytes, styled by `reference_doc` (bundled when None)."""
    template = load_template(reference_doc)
    return _Writer(sub, Package(sub, template)).render()


class _Writer:
    def __init__(self, sub: Submission, package: Package):
        self.sub = sub
        self.pkg = package
        self.s = package.template.styles
        self.langs = sub.meta.languages
        self.implicit = package.template.implicit_lang
        self.front = Front(sub, self.s, self.simple, package.template.text_width, self.line)

    @cached_property
    def rev(self) -> Revisions:
        """Numbers the tracked changes in document order (imported only for a redline)."""
        from drafter.writers.docx.revisions import Revisions

        return Revisions(self.sub.meta.date)

    def run(self, text: str, lang: str, style: str | None = None) -> str:
        return X.run(text, lang, style, implicit=self.implicit)

    def line(self, text: str, lang: str, number: str | None = None) -> tuple[str, bool]:
        """A line of user or library text: its runs, and whether it runs right to left."""
        return X.line(text, lang, number=number, implicit=self.implicit)

    # -- small pieces ---------------------------------------------------------------------------
    def label(self, key: str, lang: str) -> str:
        """A fixed phrase ("Sources", "unofficial translation") in `lang`."""
        return self.sub.labels[key][lang]

    def mark(self, text: str, lang: str) -> str:
        """A visible mark such as `[unofficial translation]` (decided in the model), as a run."""
        if not text:
            return ""
        space = "" if lang in X.EAST_ASIAN else " "
        return self.run(space + text, lang, self.s["mark"])

    def simple(self, text: str, lang: str, style: str, keep_next: bool = False) -> str:
        if not text:
            return ""
        runs, rtl = self.line(text, lang)
        return f"<w:p>{X.ppr(style, keep_next, bidi=rtl)}{runs}</w:p>"

    def heading(self, text: Text, style: str) -> Block:
        return Block("heading", lambda lang, _keep: self.simple(text.get(lang, ""), lang, style))

    def theme_heading(self, theme: ThemeBlock) -> Block:
        """A theme's Heading 1: Word numbers it (`1.` / `一、`) when its number is its place among
        the numbered headings; otherwise (a letter, an unnumbered or a labelled theme, an
        objective numbered as the framework numbers it) the heading is written as resolved."""
        if not theme.listed:
            return self.heading(theme.heading, self.s["h1"])

        def render(lang: str, _keep: bool) -> str:
            runs, rtl = self.line(theme.caption.get(lang, ""), lang)
            return X.para(runs, self.s["h1"], bidi=rtl, num=self.pkg.num_pr("heading", lang))

        return Block("heading", render)

    def paragraph(self, p: Paragraph, lang: str, keep_next: bool = False) -> str:
        """One paragraph in one language: Word's number, text, mark, footnote.

        Several lines ("\\n" in the text) become several Word paragraphs; the continuation lines
        start with a tab so that they line up with the text after the number. Each line takes
        its own direction from its first strong letter: a right-to-left one is a `w:bidi`
        paragraph whose marks and footnote reference stay in runs of their own, never `w:rtl`
        (see `wordml.line`).
        """
        version = p.versions[lang]
        tail = self.mark(self.sub.mark(version, lang), lang)
        note = self.sub.footnote(p, lang)
        if note:
            tail += self.pkg.footnote(note, lang)
        numbered = p.number is not None
        style = self.s["numbered"] if numbered else self.s["body"]
        if version.changes is not None and self.sub.options.redline:
            return self.redlined(p, lang, style, tail, keep_next)
        lines = p.lines(lang)
        out = []
        for i, line in enumerate(lines):
            first, last = i == 0, i == len(lines) - 1
            runs, rtl = self.line(line, lang, number=None if first or not numbered else "")
            if last:
                runs += tail
            num = self.pkg.num_pr("paragraph", lang) if numbered and first else ""
            out.append(X.para(runs, style, bidi=rtl, num=num, keep_next=keep_next and last))
        return "".join(out)

    def redlined(self, p: Paragraph, lang: str, style: str, tail: str, keep_next: bool = False) -> str:
        """An edited or new paragraph as the source's words with the edit as tracked changes.

        Word numbers the first line (`w:numPr`), a continuation line starts with a tab; marks and
        the footnote reference stay outside the revisions (see revisions.py).
        """
        from drafter.writers.docx.revisions import redline

        version = p.versions[lang]
        assert version.changes is not None

        def lead(i: int) -> str:
            if p.number is None or i == 0:
                return ""
            return X.run("", lang, number="", implicit=self.implicit)

        author = self.sub.options.redline_author[lang]
        last = "insert" if version.status == NEW else "equal"
        lines = redline(version.changes, lambda text: self.line(text, lang)[0], self.rev, author,
                          lead=lead, last=last)
        out = []
        for i, line in enumerate(lines):
            final = i == len(lines) - 1
            runs = line.body + (tail if final else "")
            num = self.pkg.num_pr("paragraph", lang) if p.number is not None and i == 0 else ""
            out.append(X.para(runs, style, bidi=self.line(line.new_text, lang)[1], mark=line.mark, num=num,
                              keep_next=keep_next and final))
        return "".join(out)

    # -- what goes where ------------------------------------------------------------------------
    def content(self, langs: Sequence[str]) -> list[Block]:
        """Every heading and paragraph in document order, each renderable in any language."""
        sub, s = self.sub, self.s
        blocks: list[Block] = []

        def paras(items: Iterable[Paragraph]) -> None:
            for p in items:
                blocks.append(Block("para", partial(self.paragraph, p), p))

        if sub.preamble:
            if any(sub.preamble_heading.values()):
                blocks.append(self.heading(sub.preamble_heading, s["h1"]))
            paras(sub.preamble)
        for theme in sub.themes:
            blocks.append(self.theme_heading(theme))
            if theme.prompt:  # a questionnaire's question, restated under its heading
                blocks.append(self.heading(theme.prompt, s["question"]))
            for section in theme.sections:
                if section.heading:  # a single answer section prints no heading
                    blocks.append(self.heading(section.heading, s["h2"]))
                paras(section.paragraphs)
        if sub.closing:
            if any(sub.closing_heading.values()):
                blocks.append(self.heading(sub.closing_heading, s["h1"]))
            paras(sub.closing)
        return blocks + self.end_blocks(langs)

    def end_blocks(self, langs: Sequence[str]) -> list[Block]:
        """After the text: the governing clause, a letter's signature, the notes on the marks
        (with, after the note on unofficial translations, the notes on official versions)."""
        sub, s = self.sub, self.s
        blocks: list[Block] = []
        if sub.meta.governing_clause:
            blocks.append(Block("end", partial(self.end_note, sub.meta.governing_clause, s["clause"])))
        if sub.meta.signature:
            blocks.append(Block("end", self.signature))
        for key in sub.note_keys(tuple(langs)):
            blocks.append(Block("end", partial(self.end_note, sub.labels[key], s["note"])))
            if key == "unofficial_note":  # then: which cited sources have an official version
                for i in range(len(sub.official_notes.get(langs[0], ()))):
                    notes = {lang: sub.official_notes.get(lang, ())[i] for lang in langs}
                    blocks.append(Block("end", partial(self.end_note, notes, s["note"])))
        return blocks

    def end_note(self, text: Text, style: str, lang: str, keep: bool) -> str:
        """The governing clause or a note explaining the marks, in `lang`."""
        return self.simple(text.get(lang, ""), lang, style, keep)

    def signature(self, lang: str, _keep: bool) -> str:
        return self.front.signature(lang)

    def flow(self, langs: Sequence[str], blocks: list[Block]) -> str:
        """Blocks one after the other (interleaved: every language in turn; sequential: one)."""
        out: list[str] = []
        for i, (kind, block, _para) in enumerate(blocks):
            keep = _keeps_with_next(blocks, i)
            out.extend(block(lang, keep or (kind == "para" and lang != langs[-1])) for lang in langs)
        return "".join(out)

    def annex(self, langs: Sequence[str]) -> str:
        """The Sources annex: a table of every paragraph's source and status, then the sources."""
        if self.sub.options.provenance != "annex" or not self.sub.paragraphs():
            return ""
        show_ids = self.sub.options.show_ids
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
                    {lang: p.label[lang] if p.number is not None else part_heading.get(lang, "") for lang in langs},
                    {lang: c.source_title[lang] if c else "—" for lang, c in prov.items()},
                    {lang: (c.ref[lang] + (f" [{c.item_id}]" if show_ids else "")) if c else "—"
                     for lang, c in prov.items()},
                    {lang: self.label(p.versions[lang].status, lang) for lang in langs},
                ]), cant_split=True))
        out.append(X.table(rows, widths, s["sources"]))
        if self.sub.sources:
            out += [self.simple(self.label("sources", lang), lang, s["h2"]) for lang in langs]
            for src in self.sub.sources:
                out += [self.simple(src.entry[lang], lang, s["body"]) for lang in langs]
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
            body = self.front.title_block(langs) + self.flow(langs, self.content(langs)) + self.annex(langs)
        else:  # sequential, single, or a parallel/interleaved request with one language
            return self.pkg.build(self.sequential(), sections=langs)
        return self.pkg.build(_end_with_paragraph(body), sections=langs[:1])

    def parallel(self) -> str:
        """One row per heading or paragraph; rows that must not be parted from the next are
        kept whole (see the module's docstring)."""
        langs, s = self.langs, self.s
        width = self.pkg.template.text_width
        widths = (width // 2, width - width // 2)
        rows = [X.row((X.cell(self.simple(self.label("language", lang), lang, s["colhead"]), w)
                       for lang, w in zip(langs, widths, strict=True)), header=True, cant_split=True)]
        blocks = self.content(langs)
        for i, (kind, block, para) in enumerate(blocks):
            keep = _keeps_with_next(blocks, i)
            after_heading = i > 0 and blocks[i - 1].kind == "heading"
            whole = kind != "para" or (after_heading and para is not None and _short(para, langs, widths[0]))
            rows.append(X.row((X.cell(block(lang, keep), w) for lang, w in zip(langs, widths, strict=True)),
                              cant_split=whole))
        table = X.table(rows, widths, s["parallel"]) if len(rows) > 1 else ""  # never headers alone
        return self.front.title_block(langs) + table + self.annex(langs)

    def sequential(self) -> str:
        """One section per language; every section but the last ends in its own break paragraph."""
        out = []
        for i, lang in enumerate(self.langs):
            out.append(self.front.title_block((lang,)))
            out.append(self.flow((lang,), self.content((lang,))))
            out.append(self.annex((lang,)))
            if i < len(self.langs) - 1:
                out.append(X.para("", sect_pr=self.pkg.sect_pr(i)))
        return _end_with_paragraph("".join(out))


def _keeps_with_next(blocks: Sequence[Block], i: int) -> bool:
    """Whether block `i` must stay on the page where the next one starts: the last paragraph
    and every end block but the last, so the clause, signature and notes never stand alone."""
    if i + 1 >= len(blocks) or blocks[i + 1].kind != "end":
        return False
    return blocks[i].kind in ("para", "end")


def _short(para: Paragraph, langs: Sequence[str], width: int) -> bool:
    """Whether `para` is at most `UNSPLIT_LINES` lines in a column `width` twips wide, by a rough
    count (12 pt text: about a fifth of an em per Latin letter more than CJK's full em), so a
    row kept whole never leaves more than that much of a page empty."""
    em = 240  # twips
    for lang in langs:
        per_line = (width - 567) / (em if lang in X.EAST_ASIAN else em * 0.45)
        lines = sum(-(-len(line) // int(per_line)) for line in para.versions[lang].lines)
        if lines > UNSPLIT_LINES:
            return False
    return True


_TRAILING_TABLE = re.compile(r"</w:tbl>\Z")


def _end_with_paragraph(body: str) -> str:
    """Word needs a paragraph between a final table and the section properties."""
    return body + "<w:p/>" if _TRAILING_TABLE.search(body) else body
