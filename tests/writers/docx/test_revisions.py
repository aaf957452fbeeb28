"""Edits as Word tracked changes (issue 17): `options.redline` through the DOCX writer.

Accept-all and reject-all are implemented here over the produced XML (`accept`, `reject`) and
checked against the same submission rendered without redline (accepting) and with the
source's words (rejecting); LibreOffice does the same through its own Accept All / Reject All
(`lo_track_changes.py`, under the system python3 with python3-uno).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from msgspec.structs import replace

from drafter.compare import diff
from drafter.compare.tokens import redline_split
from drafter.document.model import EDITED, NEW, Submission
from drafter.document.resolve import resolve
from drafter.spec.load import load_spec
from drafter.writers.docx import wordml as X
from drafter.writers.docx.layout import render_docx
from drafter.writers.docx.ns import W_NS
from drafter.writers.docx.revisions import Revisions, redline, revision_date
from tests.conftest import FIXTURES, need_tool
from tests.writers.conftest import W, open_docx, strip_ignorable, unzip, variant, xml

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def red(library) -> Submission:
    spec, lib = load_spec(FIXTURES / "redline.yaml", library)
    return resolve(spec, lib)


@pytest.fixture(scope="module")
def red_lib(library):
    return load_spec(FIXTURES / "redline.yaml", library)


def plain(sub: Submission) -> Submission:
    """The same submission without redline: what accepting every change must give."""
    return replace(sub, options=replace(sub.options, redline=False))


def sources(sub: Submission, lib) -> Submission:
    """The same submission with the source's words in every edited version and new paragraphs
    emptied: what rejecting every change must give (marks stay, they are outside the changes)."""
    def fix(p):
        versions = {}
        for lang, v in p.versions.items():
            if v.status == EDITED:
                v = replace(v, text=lib.items[p.item_id].text[lang], changes=None)
            elif v.status == NEW:
                v = replace(v, text="", changes=None)
            versions[lang] = v
        return replace(p, versions=versions)

    themes = tuple(replace(t, sections=tuple(replace(s, paragraphs=tuple(fix(p) for p in s.paragraphs))
                                             for s in t.sections)) for t in sub.themes)
    return replace(plain(sub), themes=themes, preamble=tuple(map(fix, sub.preamble)),
                   closing=tuple(map(fix, sub.closing)))


# -- accept / reject over the XML ----------------------------------------------------------------
def _texts(root: etree._Element, keep: str) -> list[str]:
    """Every paragraph's text once all changes are accepted (keep="ins") or rejected ("del").

    A paragraph whose mark is a dropped revision joins the next paragraph, as in Word.
    """
    drop = f"{W}del" if keep == "ins" else f"{W}ins"
    out: list[str] = []
    pending = ""
    for p in root.iter(f"{W}p"):
        parts = []
        for el in p.iter(f"{W}t", f"{W}delText", f"{W}tab"):
            if any(a.tag == drop for a in el.iterancestors()):
                continue
            if el.tag == f"{W}delText" and keep == "ins":
                continue
            parts.append("\t" if el.tag == f"{W}tab" else el.text or "")
        text = pending + "".join(parts)
        if p.find(f"{W}pPr/{W}rPr/{drop}") is not None:
            pending = text
            continue
        pending = ""
        out.append(text)
    return out


def accept(data: bytes) -> list[str]:
    return _texts(xml(data), "ins")


def reject(data: bytes) -> list[str]:
    return _texts(xml(data), "del")


def _visible(texts: list[str]) -> list[str]:
    """Paragraph texts less the empty ones and a bare number (a new paragraph rejected)."""
    return [t for t in texts if t.strip() and not re.fullmatch(r"\d+\.\t", t)]


# -- the writer --------------------------------------------------------------------------------
LAYOUTS = ("parallel", "interleaved", "sequential")
PROVENANCES = ("annex", "footnotes", "none")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("provenance", PROVENANCES)
def test_accept_all_gives_the_edited_text_reject_all_the_source(red, red_lib, layout, provenance):
    sub = variant(red, layout=layout, provenance=provenance)
    data = render_docx(sub)
    assert accept(data) == accept(render_docx(plain(sub)))
    assert _visible(reject(data)) == _visible(accept(render_docx(sources(sub, red_lib[1]))))
    assert accept(data) != reject(data)


def test_mutation_a_lost_deletion_is_caught(red):
    """The accept/reject check fails when a deletion is written as plain text."""
    data = render_docx(red)
    parts = unzip(data)
    broken = re.sub(rb"<w:del [^>]*>(.*?)</w:del>", lambda m: m.group(1).replace(b"delText", b"t"),
                    parts["word/document.xml"], count=1)
    assert _texts(etree.fromstring(broken), "ins") != accept(render_docx(plain(red)))


def test_revisions_have_unique_ids_author_and_the_spec_date(red):
    root = xml(render_docx(red))
    marks = [el for el in root.iter(f"{W}ins", f"{W}del")]
    assert len(marks) >= 10
    ids = [el.get(f"{W}id") for el in marks]
    assert len(ids) == len(set(ids))
    assert {el.get(f"{W}date") for el in marks} == {"2023-04-05T00:00:00Z"}
    authors = {el.get(f"{W}author") for el in marks}
    assert authors == {"Delegation of Examplestan", "示例国代表团"}


def test_redline_author_option(library, tmp_path):
    text = (FIXTURES / "redline.yaml").read_text(encoding="utf-8").replace(
        "  redline: true", "  redline: true\n  redline_author: Mission of Examplestan")
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    spec, lib = load_spec(path, library)
    root = xml(render_docx(resolve(spec, lib)))
    assert {el.get(f"{W}author") for el in root.iter(f"{W}ins", f"{W}del")} == {"Mission of Examplestan"}


def test_revision_date_from_partial_dates():
    assert revision_date("2023") == "2023-01-01T00:00:00Z"
    assert revision_date("2023-04") == "2023-04-01T00:00:00Z"
    assert revision_date("") == ""
    rev = Revisions("")
    assert "w:date" not in rev.attrs("a")


def test_marks_and_footnotes_stay_outside_the_revisions(red):
    root = xml(render_docx(variant(red, provenance="footnotes")))
    for change in root.iter(f"{W}ins", f"{W}del"):
        assert change.find(f".//{W}footnoteReference") is None
        styles = {el.get(f"{W}val") for el in change.iter(f"{W}rStyle")}
        assert "DrafterMark" not in styles
    assert root.find(f".//{W}footnoteReference") is not None


def test_a_new_paragraph_is_one_insertion(red):
    root = xml(render_docx(red))
    new = [p for p in root.iter(f"{W}p") if "Our own commitment" in "".join(p.itertext())]
    assert len(new) == 1
    runs = [child for child in new[0] if child.tag != f"{W}pPr"]
    assert [child.tag for child in runs] == [f"{W}ins"]
    assert new[0].find(f"{W}pPr/{W}rPr/{W}ins") is not None  # its paragraph mark is inserted too


def test_mark_edits_keeps_its_meaning(red):
    shown = render_docx(red)
    hidden = render_docx(variant(red, mark_edits=False))
    assert "[edited]" in "".join(accept(shown))
    assert "[edited]" not in "".join(accept(hidden))
    assert len(list(xml(hidden).iter(f"{W}del"))) == len(list(xml(shown).iter(f"{W}del")))


def test_off_by_default(subs):
    root = xml(render_docx(subs["small"]))
    assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None


def test_deterministic_bytes(red):
    assert render_docx(red) == render_docx(red)


def test_reference_document(red, tmp_path):
    import docx

    ref = tmp_path / "house.docx"
    docx.Document().save(ref)
    data = render_docx(red, ref)
    assert accept(data) == accept(render_docx(plain(red), ref))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_validates_against_the_ooxml_schema(red, wml_schema, layout):
    root = strip_ignorable(xml(render_docx(variant(red, layout=layout, provenance="footnotes"))))
    assert wml_schema.validate(root), wml_schema.error_log.last_error


def test_python_docx_reads_it(red):
    doc = open_docx(render_docx(red))
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    # python-docx has no revisions API: its text is the runs outside w:ins, the revisions are
    # reachable as elements
    assert "The innovation and development of digital infrastructure" in text
    assert "Support should be given" in text
    inserted = doc.element.body.xpath(".//w:ins//w:t")
    assert "must" in [t.text for t in inserted]


# -- LibreOffice, a real client -------------------------------------------------------------------
def _uno_python() -> str:
    """The system python3 that has Debian's python3-uno (the venv's python has not)."""
    import shutil

    for python in ("/usr/bin/python3", shutil.which("python3")):
        if python and subprocess.run([python, "-c", "import uno"], capture_output=True,
                                     check=False).returncode == 0:
            return python
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but python3-uno is missing: .ci/run installs it")
    pytest.skip("python3-uno is not installed (apt-get install python3-uno)")
    raise AssertionError("unreachable")


def _libreoffice(docs: dict[str, bytes], folder: Path) -> dict[str, tuple[str, str]]:
    """name -> (text after Accept All, text after Reject All), from one LibreOffice session."""
    python, soffice = _uno_python(), need_tool("soffice")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in docs.items():
        paths.append(folder / f"{name}.docx")
        paths[-1].write_bytes(data)
    done = subprocess.run([python, str(HERE / "lo_track_changes.py"), soffice, (folder / "profile").as_uri(),
                           *map(str, paths)], capture_output=True, text=True, timeout=600, check=False,
                          env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")})
    assert done.returncode == 0, done.stderr[-2000:]
    return {name: tuple((folder / f"{name}.{kind}.txt").read_text(encoding="utf-8-sig")  # type: ignore[misc]
                        for kind in ("accepted", "rejected")) for name in docs}


_NUMBER = re.compile(r"\s*(?:\d+\.|[一二三四五六七八九十]+、)\s*")  # Word's numbers (numbering.xml)


def _lines(text: str) -> list[str]:
    """The text's lines without Word's numbers: rejecting an inserted paragraph removes it, and
    Word renumbers the rest, where the source rendering keeps an empty numbered paragraph."""
    lines = (_NUMBER.sub("", line, count=1) if _NUMBER.match(line) else line for line in text.splitlines())
    return [line.strip() for line in lines if line.strip()]


@pytest.mark.parametrize("layout", ["parallel", "sequential"])
def test_libreoffice_accept_all_and_reject_all(red, red_lib, tmp_path, layout):
    sub = variant(red, layout=layout, provenance="footnotes")
    out = _libreoffice({"red": render_docx(sub), "plain": render_docx(plain(sub)),
                        "source": render_docx(sources(sub, red_lib[1]))}, tmp_path)
    accepted, rejected = out["red"]
    assert _lines(accepted) == _lines(out["plain"][0])
    assert _lines(rejected) == _lines(out["source"][0])
    assert "must be promoted" in accepted and "should be promoted" in rejected
    assert "公平推进" in accepted and "公平促进" in rejected


# -- the property: accept(redline(a, b)) == b, reject(redline(a, b)) == a ---------------------------
def _redline_xml(a: str, b: str, lang: str) -> etree._Element:
    parts = diff(a, b, lang, split=redline_split(lang))
    rev = Revisions("2023-04-05")
    lines = redline(parts, lambda t: X.line(t, lang)[0], rev, "A",
                    lead=lambda i: X.run("", lang, number="7." if i == 0 else ""))
    body = "".join(X.para(line.body, mark=line.mark) for line in lines)
    return etree.fromstring(f'<w:body xmlns:w="{W_NS}">{body}</w:body>')


def _lead(texts: list[str]) -> str:
    return "\n".join(t[3:] if i == 0 else t[1:] for i, t in enumerate(texts))


@st.composite
def edited_item(draw, lang: str):
    items = [i for i in _library().items.values() if i.text.get(lang)]
    item = draw(st.sampled_from(sorted(items, key=lambda i: i.id)))
    a = "\n".join(x for x in item.text[lang].split("\n") if x.strip())
    words = re.findall(r"\S+|\s+", a) if lang != "zh" else list(redline_split("zh")(a))
    pool = st.sampled_from(["must", "all", "digital", "\n", " and ", "数据", "推进", "，", "包括"])
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, max(len(words) - 1, 0)))
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        if kind == "delete" and words:
            del words[i]
        elif kind == "insert":
            words.insert(i, draw(pool))
        elif words:
            words[i] = draw(pool)
    b = "\n".join(x for x in "".join(words).split("\n") if x.strip()) or "x"
    return a, b


_LIB = []


def _library():
    if not _LIB:
        from drafter.library.load import load_library

        _LIB.append(load_library())
    return _LIB[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_accept_and_reject_give_back_both_texts(lang, data):
    a, b = data.draw(edited_item(lang))
    root = _redline_xml(a, b, lang)
    assert _lead(_texts(root, "ins")) == b
    assert _lead(_texts(root, "del")) == a


def test_the_chinese_unit_is_jieba_words():
    parts = diff("确保数据安全，加强合作。", "确保数据安全，增强合作。", "zh", split=redline_split("zh"))
    assert ("delete", "加强") in parts and ("insert", "增强") in parts


