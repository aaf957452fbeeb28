"""Build `templates/reference.docx`, the bundled reference document of the DOCX writer.

Run from the repository root: `python scripts/build_reference_doc.py` (add `--check` to only
compare with the committed file). The output is byte-identical on every run: python-docx lays
out the styles and the sample body, XML edits set what python-docx has no API for (East Asian
fonts, table styles, settings), and the parts are written with fixed zip metadata, uncompressed,
so that the bytes do not depend on the zlib build either.

Why a script and not a hand-made file: reviewers can read every style decision here, and a
user making a house style can start from the output (open it in Word, restyle, save, pass it
with `--reference-doc`).
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from drafter.writers.docx.archive import stored, write_zip  # noqa: E402
from drafter.writers.docx.wordml import content_types  # noqa: E402

OUTPUT = ROOT / "templates" / "reference.docx"
# Times New Roman for Latin and Cyrillic (English, French, Spanish, Russian), SimSun for Chinese
# text and SimHei for Chinese headings, and a complex-script face for Arabic (docs/languages.md).
LATIN, SONG, HEI, ARABIC = "Times New Roman", "SimSun", "SimHei", "Simplified Arabic"
A4_W, A4_H, MARGIN, HEADER_DIST = 11906, 16838, 1417, 709  # twips; 2.5 cm margins
TEXT_WIDTH = A4_W - 2 * MARGIN
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

# Linked "... Char" styles are dropped: they carry python-docx's theme fonts and colours, and a
# paragraph style without a link behaves the same for drafter's output.
KEEP_STYLES = {
    "Normal", "DefaultParagraphFont", "NoList", "TableNormal", "TableGrid", "Title", "Subtitle",
    "Heading1", "Heading2", "Heading3", "BodyText", "Header", "Footer", "Quote", "Strong", "Emphasis",
}
DROP_PARTS = ("docProps/thumbnail.jpeg", "word/stylesWithEffects.xml", "word/numbering.xml")


def el(tag: str, **attrs: str) -> etree._Element:
    node = etree.Element(qn(tag))
    for k, v in attrs.items():
        node.set(qn(f"w:{k}"), v)
    return node


def child(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """Replace `tag` in `parent` (python-docx keeps schema order when it inserts)."""
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    node = el(tag, **attrs)
    parent.append(node)
    return node


def set_fonts(style, east_asia: str | None, latin: str = LATIN) -> None:
    """ascii/hAnsi, cs and w:eastAsia, with every theme-font reference removed (theme wins)."""
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for name in list(rfonts.attrib):
        del rfonts.attrib[name]
    for slot in ("ascii", "hAnsi"):
        rfonts.set(qn(f"w:{slot}"), latin)
    rfonts.set(qn("w:cs"), ARABIC)
    if east_asia:
        rfonts.set(qn("w:eastAsia"), east_asia)


def para_style(doc, name: str, *, base: str | None = "Normal", size: float | None = None,
               bold: bool | None = None, align=None, before: float | None = None,
               after: float | None = None, keep_next: bool = False, east_asia: str | None = None,
               next_style: str | None = None, line: float | None = None):
    styles = doc.styles
    try:
        style = styles[name]
        for tag in ("w:pPr", "w:rPr"):
            old = style.element.find(qn(tag))
            if old is not None:
                style.element.remove(old)
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base] if base else None
    if next_style:
        style.next_paragraph_style = styles[next_style]
    style.quick_style = True
    font = style.font
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    font.color.rgb = None
    if east_asia:
        set_fonts(style, east_asia)
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = Pt(line)  # a minimum: made at-least in build_styles
    if keep_next:
        pf.keep_with_next = True
        pf.keep_together = True
    return style


def build_styles(doc) -> None:
    root = doc.styles.element
    for style in list(root.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            root.remove(style)
        for link in style.findall(qn("w:link")):
            style.remove(link)
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for node in list(rpr):
        rpr.remove(node)
    rpr.append(el("w:rFonts", ascii=LATIN, eastAsia=SONG, hAnsi=LATIN, cs=ARABIC))
    rpr.append(el("w:sz", val="24"))
    rpr.append(el("w:szCs", val="24"))
    rpr.append(el("w:lang", val="en-GB", eastAsia="zh-CN", bidi="ar-SA"))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for node in list(ppr):
        ppr.remove(node)
    # At-least line spacing, never exact: a house style that sets larger text gets taller lines
    # instead of clipped ones, and a CJK font's taller natural line is never cut. The minimum
    # (16.5 pt for 12 pt text) keeps the two columns of the parallel layout close in pitch.
    # Widow and orphan control everywhere: no paragraph leaves a single line behind.
    ppr.append(el("w:widowControl"))
    ppr.append(el("w:spacing", after="120", line="330", lineRule="atLeast"))

    center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    para_style(doc, "Normal", base=None)
    para_style(doc, "Title", size=16, bold=True, align=center, before=0, after=6, keep_next=True, east_asia=HEI,
               line=22)
    para_style(doc, "Subtitle", size=13, align=center, before=0, after=6, keep_next=True, line=18)
    para_style(doc, "Heading 1", size=14, bold=True, before=18, after=6, keep_next=True, east_asia=HEI,
               next_style="Body Text", align=left, line=20)
    para_style(doc, "Heading 2", size=12, bold=True, before=12, after=6, keep_next=True, east_asia=HEI,
               next_style="Body Text", align=left)
    para_style(doc, "Heading 3", size=12, bold=False, before=12, after=6, keep_next=True, east_asia=HEI,
               next_style="Body Text", align=left)
    # Left-aligned: justified English in a half-page column opens wide gaps (no hyphenation).
    para_style(doc, "Body Text", align=left, after=6)
    numbered = para_style(doc, "Drafter Numbered Paragraph", base="Body Text", next_style="Drafter Numbered Paragraph")
    numbered.paragraph_format.left_indent = 0
    pf = numbered.element.get_or_add_pPr()
    pf.insert(0, _tabs(("left", 567)))
    child(pf, "w:ind", left="567", hanging="567")
    para_style(doc, "Drafter Clause", base="Body Text", before=18, after=6)
    question = para_style(doc, "Drafter Question", base="Body Text", before=0, after=6, keep_next=True)
    question.font.italic = True
    para_style(doc, "Drafter Byline", align=center, before=0, after=0)
    para_style(doc, "Drafter Column Heading", bold=True, align=center, before=6, after=6, keep_next=True)
    # The masthead, as in UN documents: symbol, date, "Original: …" at the right; agenda item below.
    right = WD_ALIGN_PARAGRAPH.RIGHT
    para_style(doc, "Drafter Masthead", size=11, align=right, before=0, after=0)
    para_style(doc, "Drafter Symbol", base="Drafter Masthead", size=14, bold=True, align=right, before=0, after=3)
    para_style(doc, "Drafter Agenda Item", size=11, align=left, before=6, after=12)
    # The UN's title of a letter or note verbale: "Letter dated … from … addressed to …".
    para_style(doc, "Drafter Communication Title", size=13, bold=True, align=left, before=12, after=6,
               keep_next=True, east_asia=HEI)
    # A letter's "(Signed) Name" and title lines, at the right margin (UN Editorial Manual).
    signature = para_style(doc, "Drafter Signature", base="Body Text", align=right, before=24, after=6)
    signature.paragraph_format.keep_together = True
    para_style(doc, "Drafter Note", size=10, before=6, after=3, align=left, line=14)
    para_style(doc, "Drafter Table Text", size=9, before=0, after=0, align=left, line=13)
    fn = para_style(doc, "Footnote Text", size=9, before=0, after=0, align=left, line=13)
    header = para_style(doc, "Header", size=9, before=0, after=0, align=left, line=13)
    hppr = header.element.get_or_add_pPr()
    hppr.insert(0, _tabs(("right", TEXT_WIDTH)))
    bdr = etree.SubElement(hppr, qn("w:pBdr"))
    bdr.append(el("w:bottom", val="single", sz="4", space="1", color="auto"))
    hppr.insert(0, bdr)
    footer = para_style(doc, "Footer", size=9, before=0, after=0, align=center, line=13)
    footer.element.get_or_add_pPr()

    mark = doc.styles.add_style("Drafter Mark", WD_STYLE_TYPE.CHARACTER)
    mark.base_style = doc.styles["Default Paragraph Font"]
    mark.font.size = Pt(9)
    mark.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    mark.quick_style = True
    ref = doc.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    ref.base_style = doc.styles["Default Paragraph Font"]
    ref.font.superscript = True
    for style in (fn, ref):  # Word knows these built-ins by their lower-case names
        style.element.name_val = style.name.lower()
        style.element.attrib.pop(qn("w:customStyle"), None)
    _table_style(doc, "Drafter Parallel Table", borders=False)
    _table_style(doc, "Drafter Sources Table", borders=True)
    for style in root.findall(qn("w:style")):  # headings keep the outline level python-docx lacks
        sid = style.get(qn("w:styleId"))
        if sid in ("Heading1", "Heading2", "Heading3"):
            ppr = style.find(qn("w:pPr"))
            child(ppr, "w:outlineLvl", val=str(int(sid[-1]) - 1))
    _complex_script_twins(root)
    for spacing in root.iter(qn("w:spacing")):  # python-docx writes a point size as exact spacing
        if spacing.get(qn("w:lineRule")) == "exact":
            spacing.set(qn("w:lineRule"), "atLeast")
    _sort_ppr(root)


def _complex_script_twins(root: etree._Element) -> None:
    """Give every size, bold and italic its complex-script twin (`w:szCs`, `w:bCs`, `w:iCs`).

    Right-to-left runs (`w:rtl`: Arabic, Hebrew) take their size and weight from the twins
    only; python-docx sets `w:sz`/`w:b`/`w:i` alone, which would leave an Arabic heading at
    the default 12 pt and not bold. Word sets both when a user restyles, so house styles
    made from this file keep them. (The complex-script font, `w:rFonts w:cs`, is already set
    with the others by `set_fonts` and in the document defaults.)
    """
    for rpr in root.iter(qn("w:rPr")):
        for tag, twin in (("w:sz", "w:szCs"), ("w:b", "w:bCs"), ("w:i", "w:iCs")):
            node = rpr.find(qn(tag))
            if node is not None and rpr.find(qn(twin)) is None:
                node_cs = etree.SubElement(rpr, qn(twin))
                for key, value in node.attrib.items():
                    node_cs.set(key, value)


PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd",
             "tabs", "spacing", "ind", "contextualSpacing", "jc", "outlineLvl"]
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "color", "sz", "szCs", "u", "vertAlign", "lang"]


def _sort_ppr(root: etree._Element) -> None:
    """Put pPr/rPr children in schema order after the edits above."""
    for tag, order in (("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER)):
        for props in root.iter(qn(tag)):
            kids = list(props)
            kids.sort(key=lambda n: order.index(etree.QName(n).localname) if etree.QName(n).localname in order else 99)
            props[:] = kids


def _tabs(*stops: tuple[str, int]) -> etree._Element:
    tabs = el("w:tabs")
    for kind, pos in stops:
        tabs.append(el("w:tab", val=kind, pos=str(pos)))
    return tabs


def _table_style(doc, name: str, *, borders: bool) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    node = style.element
    ppr = etree.SubElement(node, qn("w:pPr"))
    ppr.append(el("w:spacing", before="0", after="0" if borders else "120"))
    tbl = etree.SubElement(node, qn("w:tblPr"))
    b = etree.SubElement(tbl, qn("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if borders:
            b.append(el(f"w:{side}", val="single", sz="4", space="0", color="808080"))
        else:
            b.append(el(f"w:{side}", val="nil"))
    mar = etree.SubElement(tbl, qn("w:tblCellMar"))
    for side, width in (("top", 28 if borders else 0), ("left", 85 if borders else 142),
                        ("bottom", 28 if borders else 0), ("right", 85 if borders else 142)):
        mar.append(el(f"w:{side}", w=str(width), type="dxa"))
    first = etree.SubElement(node, qn("w:tblStylePr"))
    first.set(qn("w:type"), "firstRow")
    rpr = etree.SubElement(first, qn("w:rPr"))
    rpr.append(el("w:b"))
    tcpr = etree.SubElement(first, qn("w:tcPr"))
    if borders:
        tcpr.append(el("w:shd", val="clear", color="auto", fill="F2F2F2"))
    else:
        tcb = etree.SubElement(tcpr, qn("w:tcBorders"))
        tcb.append(el("w:bottom", val="single", sz="4", space="0", color="auto"))


def sample_body(doc) -> None:
    """A short body showing every style, so a user restyling the file sees what each is for."""
    body = doc.element.body
    for node in list(body):
        if node.tag != qn("w:sectPr"):
            body.remove(node)
    doc.add_paragraph("Title of the submission", "Title")
    doc.add_paragraph("意见标题", "Title")
    doc.add_paragraph("Subtitle", "Subtitle")
    doc.add_paragraph("Delegation of Examplestan · 示例国代表团", "Drafter Byline")
    doc.add_paragraph("A/79/123", "Drafter Symbol")
    doc.add_paragraph("28 April 2023", "Drafter Masthead")
    doc.add_paragraph("Original: Chinese", "Drafter Masthead")
    doc.add_paragraph("Agenda item (Drafter Agenda Item)", "Drafter Agenda Item")
    doc.add_paragraph("Letter dated … from … addressed to the Secretary-General", "Drafter Communication Title")
    doc.add_paragraph("Theme heading (Heading 1; drafter numbers it with Word's numbering)", "Heading 1")
    doc.add_paragraph("The question a questionnaire asks (Drafter Question)", "Drafter Question")
    doc.add_paragraph("Core principles (Heading 2)", "Heading 2")
    p = doc.add_paragraph("Numbered paragraph: drafter numbers it with Word's numbering, one list per language. ",
                          "Drafter Numbered Paragraph")
    p.add_run("[unofficial translation]", "Drafter Mark")
    doc.add_paragraph("编号段落：中文正文使用宋体，标题使用黑体。", "Drafter Numbered Paragraph")
    doc.add_paragraph("Body text, used for the introduction and the conclusion.", "Body Text")
    doc.add_paragraph("A note explaining the marks (Drafter Note).", "Drafter Note")
    doc.add_paragraph("(Signed) Name of the signatory (Drafter Signature)", "Drafter Signature")
    table = doc.add_table(rows=2, cols=2)
    table.style = doc.styles["Drafter Parallel Table"]
    for i, text in enumerate(("English", "中文", "Parallel layout: one row per paragraph.", "平行排版：每段一行。")):
        table.cell(i // 2, i % 2).text = text
    doc.add_paragraph("", "Normal")
    sect = body.find(qn("w:sectPr"))
    for node in list(sect):
        sect.remove(node)
    for key in list(sect.attrib):
        del sect.attrib[key]
    sect.append(el("w:pgSz", w=str(A4_W), h=str(A4_H)))
    sect.append(el("w:pgMar", top=str(MARGIN), right=str(MARGIN), bottom=str(MARGIN), left=str(MARGIN),
                   header=str(HEADER_DIST), footer=str(HEADER_DIST), gutter="0"))
    sect.append(el("w:cols", space="425"))
    sect.append(el("w:docGrid", linePitch="360"))


SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-GB" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
)

FONTS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="SimSun"><w:altName w:val="宋体"/><w:panose1 w:val="02010600030101010101"/>'
    '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="SimHei"><w:altName w:val="黑体"/><w:panose1 w:val="02010609060101010101"/>'
    '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
    '<w:font w:name="Simplified Arabic"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="B2"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)

APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>drafter</Application><DocSecurity>0</DocSecurity></Properties>"
)


def theme(xml: bytes) -> bytes:
    """Latin, East Asian and complex-script theme fonts = the style fonts, for users who pick
    theme fonts."""
    root = etree.fromstring(xml)
    for kind, ea in (("majorFont", HEI), ("minorFont", SONG)):
        font = root.find(f".//{A}{kind}")
        font.find(f"{A}latin").set("typeface", LATIN)
        font.find(f"{A}ea").set("typeface", ea)
        font.find(f"{A}cs").set("typeface", ARABIC)
    return serialize(root)


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build() -> bytes:
    doc = Document()
    build_styles(doc)
    sample_body(doc)
    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = "drafter reference document", "drafter", "drafter"
    cp.subject, cp.keywords, cp.comments, cp.revision = "", "", "Styles for drafter's DOCX writer", 1
    cp.created = cp.modified = datetime(2000, 1, 1)
    cp.language = "en-GB"
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        parts = {n: z.read(n) for n in z.namelist() if not n.startswith("customXml/") and n not in DROP_PARTS}
    parts["word/settings.xml"] = SETTINGS.encode()
    parts["word/fontTable.xml"] = FONTS.encode()
    parts["docProps/app.xml"] = APP.encode()
    parts["word/theme/theme1.xml"] = theme(parts["word/theme/theme1.xml"])
    for name in ("_rels/.rels", "word/_rels/document.xml.rels"):
        root = etree.fromstring(parts[name])
        base = "" if name.startswith("_rels") else "word/"
        for rel in list(root):
            target = rel.get("Target")
            full = target[3:] if target.startswith("../") else base + target
            if full.startswith("customXml/") or full in DROP_PARTS:
                root.remove(rel)
        root[:] = sorted(root, key=lambda r: int(r.get("Id")[3:]))
        parts[name] = serialize(root)
    for name in ("word/styles.xml", "word/document.xml", "docProps/core.xml"):
        parts[name] = serialize(etree.fromstring(parts[name]))
    ct = etree.fromstring(parts["[Content_Types].xml"])
    defaults = [(d.get("Extension"), d.get("ContentType")) for d in ct
                if d.tag.endswith("Default") and d.get("Extension") != "jpeg"]
    overrides = [(o.get("PartName"), o.get("ContentType")) for o in ct
                 if o.tag.endswith("Override") and o.get("PartName")[1:] in parts]
    parts["[Content_Types].xml"] = content_types(defaults, overrides).encode()
    return write_zip(stored(n, d) for n, d in parts.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    data = build()
    if args.check:
        same = args.output.exists() and args.output.read_bytes() == data
        print("up to date" if same else f"{args.output} differs from a fresh build: run this script")
        return 0 if same else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
