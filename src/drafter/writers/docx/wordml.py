"""Small WordprocessingML helpers: escaping, runs, paragraphs, tables, fields, footnotes, parts.

Why strings and not an object tree: a full bilingual submission is a few hundred paragraphs,
and building it through python-docx's per-paragraph API costs ten times more than writing the
zip (see issue 8). These helpers return XML fragments as `str`; `layout.py` joins them once.

Text arriving here has been validated by the spec and library loaders (no control characters),
so the only escaping needed is XML's own `& < > "`; nothing is dropped or rewritten silently.
Element order inside `w:pPr`, `w:rPr`, `w:tblPr`, `w:tcPr` follows the ISO/IEC 29500 schema
(tests validate against it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from drafter.writers import bidi as _bidi
from drafter.writers.docx.ns import CT_NS, NS_DECL, REL_NS, XML_DECL

_may_be_rtl = _bidi.CANDIDATE.search  # the cheap test first: see bidi.py

# BCP 47 tags for `w:lang` (British English and simplified Chinese, as the UN writes them);
# East Asian languages get `w:eastAsia` and the eastAsia font hint, right-to-left runs `w:bidi`.
LANG_TAGS = {"en": "en-GB", "zh": "zh-CN", "ar": "ar-SA", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}
EAST_ASIAN = frozenset({"zh"})
RTL_LANGUAGES = frozenset({"ar"})

def esc(text: str) -> str:
    """Escape text content (`& < >`).

    Chained `str.replace` guarded by `in`: `str.translate` is thirty times slower on non-ASCII
    text, and Chinese paragraphs are most of a bilingual document.
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def esc_attr(text: str) -> str:
    """Escape an attribute value written between double quotes."""
    text = esc(text)
    return text.replace('"', "&quot;") if '"' in text else text


# -- runs ---------------------------------------------------------------------------------------
@lru_cache(maxsize=256)
def rpr(lang: str, style: str | None = None, implicit: str = "", rtl: str = "") -> str:
    """Run properties: an optional character style, then the language tags.

    Fonts come from the styles (Normal: Times New Roman / SimSun; headings: SimHei), not from
    the run, so a house style can change them; a Chinese run adds `w:hint="eastAsia"` so that
    characters shared with Latin text (“ ” · digits) take the East Asian font, and `w:lang`
    with `w:eastAsia` so spelling and line breaking follow Chinese rules. `implicit` names a
    language a Latin-script run may leave unstated; the DOCX writer passes "" so that every run
    states its language (a submission holds two of six languages). Every run of an Arabic
    version also names Arabic as its complex-script language (`w:bidi`), digits and Latin words
    inside it included.

    `rtl`, a language tag such as `ar-SA`, makes a right-to-left run: `w:rtl` (Word then lays
    the run out right to left and formats it with the complex-script font, size and weight,
    `w:cs`/`w:szCs`/`w:bCs`, which the styles set) and `w:lang w:bidi`.
    """
    tag = LANG_TAGS.get(lang, lang)
    parts = []
    if style:
        parts.append(f'<w:rStyle w:val="{esc_attr(style)}"/>')
    if rtl:
        east = f' w:eastAsia="{tag}"' if lang in EAST_ASIAN else ""
        val = f' w:val="{esc_attr(tag)}"' if east or tag != implicit else ""
        parts.append(f'<w:rtl/><w:lang{val}{east} w:bidi="{esc_attr(rtl)}"/>')
    elif lang in EAST_ASIAN:
        parts.append(f'<w:rFonts w:hint="eastAsia"/><w:lang w:val="{tag}" w:eastAsia="{tag}"/>')
    elif lang in RTL_LANGUAGES:
        parts.append(f'<w:lang w:val="{tag}" w:bidi="{tag}"/>')
    elif tag != implicit:
        parts.append(f'<w:lang w:val="{esc_attr(tag)}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(text: str, lang: str, style: str | None = None, *, number: str | None = None,
        implicit: str = "", rtl: str = "") -> str:
    """One run of text in `lang` (right to left when `rtl` names its language, see `rpr`).

    `number` puts a literal paragraph number and a tab before the text in the same run (an
    empty string gives only the tab, for continuation lines). Edge and double spaces are kept
    with `xml:space="preserve"`; tabs become `w:tab`.
    """
    props = rpr(lang, style, implicit, rtl)
    lead = ""
    if number is not None:
        lead = f"<w:t>{esc(number)}</w:t><w:tab/>" if number else "<w:tab/>"
    if not text:
        return f"<w:r>{props}{lead}</w:r>"
    if "\t" in text:  # a tab is w:tab: LibreOffice drops or turns into a space a raw one
        body = "<w:tab/>".join(_t(piece) for piece in text.split("\t"))
        return f"<w:r>{props}{lead}{body}</w:r>"
    return f"<w:r>{props}{lead}{_t(text)}</w:r>"


def _t(text: str) -> str:
    """A `w:t` (none for empty text); edge and double spaces kept with `xml:space`."""
    if not text:
        return ""
    if text[:1] == " " or text[-1:] == " " or "  " in text:
        return f'<w:t xml:space="preserve">{esc(text)}</w:t>'
    return f"<w:t>{esc(text)}</w:t>"


@lru_cache(maxsize=4096)  # a batch lays out the same paragraphs in every variant
def line(text: str, lang: str, style: str | None = None, *, number: str | None = None,
         implicit: str = "") -> tuple[str, bool]:
    """The runs of one line of text, and whether its paragraph runs right to left.

    A line without right-to-left letters (all English and Chinese, found without a loop) is one
    `run()`. Otherwise the line's direction is that of its first strong letter (the caller
    marks the paragraph `w:bidi`), and the text is cut where its direction turns (see
    `bidi.split`): right-to-left pieces are `w:rtl` runs, the rest plain runs, so Word's own
    bidirectional algorithm lays the line out as a reader expects. The number and tab get a run
    of their own, never `w:rtl`. Nothing is added to the text but the invisible PDF/PDI
    characters that close an embedding, override or isolate it leaves open (`bidi.closers`):
    joined, the runs' texts are otherwise the line.
    """
    if not text.isascii() and _may_be_rtl(text) is not None:
        text += _bidi.closers(text)  # nothing the text leaves open runs on into the marks
    found = None if text.isascii() or _may_be_rtl(text) is None else _bidi.split(text)
    if found is None:
        return run(text, lang, style, number=number, implicit=implicit), False
    rtl, pieces = found
    out = []
    if number is not None:
        lead = f"<w:t>{esc(number)}</w:t><w:tab/>" if number else "<w:tab/>"
        out.append(f"<w:r>{rpr(lang, style, implicit)}{lead}</w:r>")
    for piece, right in pieces:
        out.append(run(piece, lang, style, implicit=implicit, rtl=_bidi.rtl_lang(piece) if right else ""))
    return "".join(out), rtl


def tab_run(lang: str, implicit: str = "") -> str:
    """A tab character (headers: submitter, tab, title)."""
    return f"<w:r>{rpr(lang, None, implicit)}<w:tab/></w:r>"


def field(instr: str, cached: str, lang: str, implicit: str = "") -> str:
    """A simple field (PAGE, NUMPAGES) as begin/instrText/separate/result/end runs.

    python-docx has no field API; the cached result is shown until the application updates it
    (Word and LibreOffice always recompute page fields in headers and footers).
    """
    p = rpr(lang, None, implicit)
    return (
        f'<w:r>{p}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{p}<w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
        f'<w:r>{p}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{p}<w:t>{esc(cached)}</w:t></w:r>"
        f'<w:r>{p}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def footnote_ref(note_id: int, lang: str, style: str, implicit: str = "") -> str:
    """The reference mark in the text pointing to footnote `note_id`."""
    return f'<w:r>{rpr(lang, style, implicit)}<w:footnoteReference w:id="{note_id}"/></w:r>'


# -- paragraphs ---------------------------------------------------------------------------------
@lru_cache(maxsize=1024)
def ppr(style: str | None, keep_next: bool = False, page_break: bool = False,
        tabs: tuple[tuple[str, int], ...] = (), sect_pr: str = "", bidi: bool = False,
        mark: str = "", *, num: str = "", no_border: bool = False, jc: str = "") -> str:
    """Paragraph properties in schema order; empty string when there is nothing to say.

    `mark` is the paragraph mark's run properties (`w:rPr`): a tracked insertion or deletion of
    the mark itself (see `revisions.py`); the schema puts it after the other properties.

    `bidi` makes a right-to-left paragraph: it starts at the right margin, and its alignment,
    indents and tab stops count from there (Word reads `left` as the start of the line).
    `num` is a `w:numPr` (numbering.py); `no_border` removes the style's bottom rule; `jc`
    aligns (`right`, `center`).

    Cached: a document has a handful of distinct paragraph property sets, used hundreds of times.
    """
    inner = []
    if style:
        inner.append(f'<w:pStyle w:val="{esc_attr(style)}"/>')
    if keep_next:
        inner.append("<w:keepNext/>")
    if page_break:
        inner.append("<w:pageBreakBefore/>")
    inner.append(num)
    if no_border:
        inner.append('<w:pBdr><w:bottom w:val="nil"/></w:pBdr>')
    if tabs:
        inner.append("<w:tabs>")
        inner.extend(f'<w:tab w:val="{kind}" w:pos="{pos}"/>' for kind, pos in tabs)
        inner.append("</w:tabs>")
    if bidi:
        inner.append("<w:bidi/>")
    if jc:
        inner.append(f'<w:jc w:val="{jc}"/>')
    inner.append(mark)
    inner.append(sect_pr)
    body = "".join(inner)
    return f"<w:pPr>{body}</w:pPr>" if body else ""


def para(runs: str, style: str | None = None, *, keep_next: bool = False, page_break: bool = False,
         tabs: tuple[tuple[str, int], ...] = (), sect_pr: str = "", bidi: bool = False,
         mark: str = "", num: str = "", jc: str = "") -> str:
    """A paragraph of already-built runs; `bidi` for a right-to-left one, `mark` see `ppr`, `num`
    to number it."""
    return f"<w:p>{ppr(style, keep_next, page_break, tabs, sect_pr, bidi, mark, num=num, jc=jc)}{runs}</w:p>"


# The last paragraph of a generated header: no text, next to no height; it carries the header
# style's bottom rule under the table above it.
RULE_PARAGRAPH = ('<w:p><w:pPr><w:pStyle w:val="{style}"/><w:spacing w:before="0" w:after="0" w:line="20" '
                  'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


# -- tables -------------------------------------------------------------------------------------
def table(rows: Iterable[str], widths: Sequence[int], style: str | None, *, first_row: bool = True,
          bare: bool = False) -> str:
    """A fixed-layout table with explicit grid widths (twentieths of a point).

    `bare`: no borders and no cell margins, whatever the table style says (running header,
    masthead): text in it lines up with the margins.
    """
    total = sum(widths)
    look = 0x0020 * first_row | 0x0200 | 0x0400
    plain = ""
    if bare:
        plain = ("<w:tblBorders>" + "".join(f'<w:{side} w:val="nil"/>' for side in
                                            ("top", "left", "bottom", "right", "insideH", "insideV"))
                 + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
                 '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>')
    head = (
        "<w:tbl><w:tblPr>"
        + (f'<w:tblStyle w:val="{esc_attr(style)}"/>' if style else "")
        + f'<w:tblW w:w="{total}" w:type="dxa"/>'
        + (plain or '<w:tblLayout w:type="fixed"/>')
        + f'<w:tblLook w:val="{look:04X}" w:firstRow="{int(first_row)}" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    )
    return head + "".join(rows) + "</w:tbl>"


def row(cells: Iterable[str], *, header: bool = False, cant_split: bool = False) -> str:
    """A table row; `header` repeats it at the top of every page (`w:tblHeader`)."""
    props = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    trpr = f"<w:trPr>{props}</w:trPr>" if props else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def cell(content: str, width: int, span: int = 1, *, v_align: str = "", rule_below: bool = False) -> str:
    """A table cell with its own width; it always ends with a paragraph, as Word requires.

    `rule_below` draws a line under the cell (the masthead's rule)."""
    if not content.endswith("</w:p>") and not content.endswith("<w:p/>"):
        content += "<w:p/>"
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    rule = '<w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="auto"/></w:tcBorders>' \
        if rule_below else ""
    valign = f'<w:vAlign w:val="{v_align}"/>' if v_align else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{rule}{valign}</w:tcPr>{content}</w:tc>'


# -- parts --------------------------------------------------------------------------------------
def document(body: str, sect_pr: str) -> str:
    """The main document part; `sect_pr` is the final section's properties."""
    return f"{XML_DECL}<w:document {NS_DECL}><w:body>{body}{sect_pr}</w:body></w:document>"


def header_part(paragraphs: str) -> str:
    """A header part holding `paragraphs`."""
    return f"{XML_DECL}<w:hdr {NS_DECL}>{paragraphs}</w:hdr>"


def footer_part(paragraphs: str) -> str:
    """A footer part holding `paragraphs`."""
    return f"{XML_DECL}<w:ftr {NS_DECL}>{paragraphs}</w:ftr>"


DEFAULT_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def footnote(note_id: int, text: str, lang: str, text_style: str, ref_style: str, implicit: str = "") -> str:
    """One footnote: its own reference mark, a space, the text."""
    runs, rtl = line(" " + text, lang, implicit=implicit)
    return (
        f'<w:footnote w:id="{note_id}"><w:p>{ppr(text_style, bidi=rtl)}'
        f"<w:r>{rpr(lang, ref_style, implicit)}<w:footnoteRef/></w:r>{runs}"
        "</w:p></w:footnote>"
    )


def footnotes_part(notes: Iterable[str], separators: str = DEFAULT_SEPARATORS) -> str:
    """The footnotes part: the separator notes Word expects, then the numbered notes."""
    return f"{XML_DECL}<w:footnotes {NS_DECL}>{separators}{''.join(notes)}</w:footnotes>"


def relationships(rels: Iterable[tuple[str, str, str, str | None]]) -> str:
    """A `.rels` part from (id, type, target, target mode) tuples."""
    out = [f'{XML_DECL}<Relationships xmlns="{REL_NS}">']
    for rid, rtype, target, mode in rels:
        extra = f' TargetMode="{esc_attr(mode)}"' if mode else ""
        out.append(f'<Relationship Id="{esc_attr(rid)}" Type="{esc_attr(rtype)}" Target="{esc_attr(target)}"{extra}/>')
    out.append("</Relationships>")
    return "".join(out)


def content_types(defaults: Iterable[tuple[str, str]], overrides: Iterable[tuple[str, str]]) -> str:
    """`[Content_Types].xml` from (extension, type) and (part name, type) pairs, sorted."""
    out = [f'{XML_DECL}<Types xmlns="{CT_NS}">']
    out.extend(f'<Default Extension="{esc_attr(e)}" ContentType="{esc_attr(t)}"/>' for e, t in sorted(defaults))
    out.extend(f'<Override PartName="{esc_attr(p)}" ContentType="{esc_attr(t)}"/>' for p, t in sorted(overrides))
    out.append("</Types>")
    return "".join(out)
