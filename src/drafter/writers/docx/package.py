"""The package around the body: footnotes, header and footer, properties, relationships, zip.

Kept apart from `layout.py` so that the layout code reads as a description of the document, and
this module as a description of the OPC package (ECMA-376 part 2) that carries it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.document.model import Submission
from drafter.writers.docx import wordml as X
from drafter.writers.docx.archive import deflate, write_zip
from drafter.writers.docx.ns import RT, XML_DECL
from drafter.writers.docx.numbering import ListKind, Numbering, num_pr
from drafter.writers.docx.template import Template

if TYPE_CHECKING:
    from drafter.writers.docx.foreign import Rel

CT_PREFIX = "application/vnd.openxmlformats-officedocument.wordprocessingml."
HEADER_CT = CT_PREFIX + "header+xml"
FOOTER_CT = CT_PREFIX + "footer+xml"
FOOTNOTES_CT = CT_PREFIX + "footnotes+xml"
NUMBERING_CT = CT_PREFIX + "numbering+xml"
TITLE_HEADER = "drafter-title-header.xml"  # the title page's header: empty, one for every section
CORE_CT = "application/vnd.openxmlformats-package.core-properties+xml"
APP_CT = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
RELS_CT = "application/vnd.openxmlformats-package.relationships+xml"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
APP_REL = RT + "extended-properties"

APP_XML = (
    f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>drafter</Application><DocSecurity>0</DocSecurity></Properties>"
)
_PAGE_FIELDS = re.compile(r"(\{page\}|\{pages\})")
HEADER_SPLIT = 0.4  # the running header's submitter cell, as a share of the text width


class Package:
    """Collects footnotes while the body is written, then assembles the .docx."""

    def __init__(self, sub: Submission, template: Template):
        self.sub = sub
        self.template = template
        self.notes: list[str] = []
        self.next_note = template.footnote_first_id
        self.folder = posixpath.dirname(template.main_part)
        self.numbering = Numbering(template.lists)

    def num_pr(self, kind: ListKind, lang: str) -> str:
        """The `w:numPr` that puts a paragraph in the `kind` list of `lang` (numbering.py)."""
        return num_pr(self.numbering.num_id(kind, lang))

    def footnote(self, text: str, lang: str) -> str:
        """Add a footnote; return the reference run to put in the text."""
        styles = self.template.styles
        note_id = self.next_note
        self.next_note += 1
        implicit = self.template.implicit_lang
        self.notes.append(X.footnote(note_id, text, lang, styles["fn_text"], styles["fn_ref"], implicit))
        return X.footnote_ref(note_id, lang, styles["fn_ref"], implicit)

    def sect_pr(self, index: int) -> str:
        """Section properties of section `index`, whose header and footer are in the index-th
        submission language, unless the reference document brings its own (a letterhead).

        Each section starts with its title page, which has no running header (`w:titlePg`, an
        empty first-page header) and the same footer as the other pages.
        """
        t = self.template
        if "header" in t.own_parts:
            refs = "".join(f'<w:footerReference w:type="{kind}" r:id="rIdDrafterFooter{index + 1}"/>'
                           for kind in ("default",) if "footer" not in t.own_parts)
            return f"<w:sectPr>{refs}{t.sect_pr_inner}</w:sectPr>"
        n = index + 1
        refs = (f'<w:headerReference w:type="default" r:id="rIdDrafterHeader{n}"/>'
                '<w:headerReference w:type="first" r:id="rIdDrafterTitleHeader"/>')
        if "footer" not in t.own_parts:
            refs += (f'<w:footerReference w:type="default" r:id="rIdDrafterFooter{n}"/>'
                     f'<w:footerReference w:type="first" r:id="rIdDrafterFooterFirst{n}"/>')
        return f"<w:sectPr>{refs}{t.sect_pr_title}</w:sectPr>"

    # -- generated parts ------------------------------------------------------------------------
    def header(self, lang: str) -> str:
        """Submitter on the left, title on the right, each in its own cell of a borderless table,
        so that a long title wraps within its cell and stays right-aligned; the header style's
        rule is drawn by the empty paragraph below the table (cell paragraphs have none).

        The table stays left to right whatever the script, so the two keep their places;
        right-to-left text in either is still its own `w:rtl` run (`wordml.line`).
        """
        t, meta = self.template, self.sub.meta
        style = t.styles["header"]
        left = int(t.text_width * HEADER_SPLIT)
        widths = (left, t.text_width - left)
        cells = []
        for text, width, jc in ((meta.submitter.get(lang, ""), widths[0], ""), (meta.title.get(lang, ""), widths[1],
                                                                                  "right")):
            runs = X.line(text, lang)[0] if text else ""
            cells.append(X.cell(f"<w:p>{X.ppr(style, no_border=True, jc=jc)}{runs}</w:p>", width, v_align="bottom"))
        table = X.table([X.row(cells, cant_split=True)], widths, None, first_row=False, bare=True)
        return X.header_part(table + X.RULE_PARAGRAPH.format(style=X.esc_attr(style)))

    @staticmethod
    def title_header() -> str:
        """The header of every title page: empty."""
        return X.header_part("<w:p/>")

    def footer(self, lang: str) -> str:
        """`Page X of Y` with PAGE and NUMPAGES fields, in `lang`."""
        pattern = self.sub.labels["page"][lang]
        runs = []
        for piece in _PAGE_FIELDS.split(pattern):
            if piece == "{page}":
                runs.append(X.field("PAGE", "1", lang))
            elif piece == "{pages}":
                runs.append(X.field("NUMPAGES", "1", lang))
            elif piece:
                runs.append(X.line(piece, lang)[0])
        # a right-to-left language's footer is a right-to-left paragraph, so that "الصفحة 1 من 3"
        # reads in its order around the (left-to-right) page numbers
        rtl = lang in X.RTL_LANGUAGES
        return X.footer_part(X.para("".join(runs), self.template.styles["footer"], bidi=rtl))

    def core(self) -> str:
        """Core properties from the spec only: never the clock (no date -> no dates)."""
        meta = self.sub.meta
        lang = meta.languages[0]
        fields = [
            ("dc:title", meta.title.get(lang, "")),
            ("dc:subject", meta.framework_title.get(lang, "")),
            ("dc:creator", meta.submitter.get(lang, "")),
            ("dc:language", X.LANG_TAGS.get(lang, lang)),
        ]
        out = "".join(f"<{tag}>{X.esc(value)}</{tag}>" for tag, value in fields if value)
        if meta.date:
            when = w3cdtf(meta.date)
            out += (f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
                    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>')
        return (
            f"{XML_DECL}<cp:coreProperties "
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"{out}</cp:coreProperties>"
        )

    # -- the package ----------------------------------------------------------------------------
    def headers_and_footers(self, sections: Sequence[str], files: dict[str, str], rels: list[Rel],
                            overrides: dict[str, str]) -> None:
        """Each section's header and footer in its language, and the empty header of every title
        page — unless the reference document brings its own (a letterhead)."""
        t = self.template

        def add(name: str, rid: str, kind: str, ctype: str, xml: str | None) -> None:
            if xml is not None:
                files[posixpath.join(self.folder, name)] = xml
                overrides["/" + posixpath.join(self.folder, name)] = ctype
            rels.append((rid, RT + kind, name, None))

        if "header" not in t.own_parts:
            add(TITLE_HEADER, "rIdDrafterTitleHeader", "header", HEADER_CT, self.title_header())
        for i, lang in enumerate(sections, start=1):
            if "header" not in t.own_parts:
                add(f"drafter-header{i}.xml", f"rIdDrafterHeader{i}", "header", HEADER_CT, self.header(lang))
            if "footer" not in t.own_parts:
                add(f"drafter-footer{i}.xml", f"rIdDrafterFooter{i}", "footer", FOOTER_CT, self.footer(lang))
                if "header" not in t.own_parts:  # the title page's footer: the same part
                    add(f"drafter-footer{i}.xml", f"rIdDrafterFooterFirst{i}", "footer", FOOTER_CT, None)

    def build(self, body: str, sections: Sequence[str]) -> bytes:
        """The .docx bytes for `body`, whose sections are in the languages `sections`."""
        t = self.template
        files: dict[str, str] = {}
        rels = list(t.main_rels)
        overrides = dict(t.overrides)
        entries = list(t.entries)
        self.headers_and_footers(sections, files, rels, overrides)
        if self.sub.options.provenance == "footnotes":
            part = t.footnotes_part or posixpath.join(self.folder, "footnotes.xml")
            files[part] = X.footnotes_part(self.notes, t.footnote_separators or X.DEFAULT_SEPARATORS)
            if t.footnotes_part is None:
                rels.append(("rIdDrafterFootnotes", RT + "footnotes", "footnotes.xml", None))
                overrides["/" + part] = FOOTNOTES_CT
        elif t.footnotes_entry is not None:
            entries.append(t.footnotes_entry)
        numbering = self.numbering.part()
        if numbering is not None:
            part = t.numbering_part or posixpath.join(self.folder, "numbering.xml")
            files[part] = numbering
            if t.numbering_part is None:
                rels.append(("rIdDrafterNumbering", RT + "numbering", "numbering.xml", None))
                overrides["/" + part] = NUMBERING_CT
        files[t.main_part] = X.document(body, self.sect_pr(len(sections) - 1))
        folder, name = posixpath.split(t.main_part)
        files[posixpath.join(folder, "_rels", name + ".rels")] = X.relationships(rels)
        root = [("", RT + "officeDocument", t.main_part, None), ("", CORE_REL, "docProps/core.xml", None),
                ("", APP_REL, "docProps/app.xml", None), *t.root_rels]
        files["_rels/.rels"] = X.relationships((f"rId{i}", r[1], r[2], r[3]) for i, r in enumerate(root, 1))
        files["docProps/core.xml"] = self.core()
        files["docProps/app.xml"] = APP_XML
        overrides["/docProps/core.xml"] = CORE_CT
        overrides["/docProps/app.xml"] = APP_CT
        defaults = dict(t.defaults)
        defaults.setdefault("rels", RELS_CT)
        defaults.setdefault("xml", "application/xml")
        files["[Content_Types].xml"] = X.content_types(defaults.items(), overrides.items())
        entries.extend(deflate(n, data.encode("utf-8")) for n, data in files.items())
        return write_zip(entries)


def w3cdtf(date: str) -> str:
    """A spec date (YYYY, YYYY-MM or YYYY-MM-DD) as the full timestamp Word expects."""
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"
