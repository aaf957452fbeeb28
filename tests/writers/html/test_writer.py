"""The HTML writer: everything escaped, both languages side by side, marks and provenance."""

from __future__ import annotations

import lxml.html
import pytest

from drafter.cli import main
from drafter.document.resolve import resolve
from drafter.load.yaml import loads
from drafter.spec.load import load_spec_doc
from drafter.writers import render
from tests.conftest import EXAMPLES

HOSTILE = "<script>alert(1)</script> & <img src=x onerror=alert(2)> \"quoted\" 'single'"


def html_of(text: str, library) -> str:
    spec, lib = load_spec_doc(loads(text, "spec.yaml"), library)
    return render(resolve(spec, lib), "html").decode("utf-8")


SPEC = """\
drafter: 1
submission:
  title: {en: "T <b>", zh: "标题"}
  submitter: {en: "S", zh: "提交方"}
  date: "2023-04-28"
  languages: [en, zh]
  layout: LAYOUT
themes:
  connect:
    principles:
      - use: cn-igf.connect.p1
      - use: cn-igf.connect.p2
        text: {en: "Language must never keep anyone offline.", zh: "语言决不应让任何人无法上网。"}
    commitments:
      - use: cn-gdc.connect.1
      - use: gdi-nonpaper.economy.1
      - text: {en: 'HOSTILE_EN', zh: "我们自己的<承诺>。"}
options:
  provenance: PROVENANCE
"""


def spec(layout: str = "parallel", provenance: str = "footnotes") -> str:
    return (SPEC.replace("LAYOUT", layout).replace("PROVENANCE", provenance)
            .replace("HOSTILE_EN", HOSTILE.replace("'", "''")))


def test_text_is_escaped_never_markup(library):
    out = html_of(spec(), library)
    tree = lxml.html.fromstring(out)
    assert tree.xpath("//script") == [] and tree.xpath("//img") == [] and tree.xpath("//b") == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert HOSTILE in tree.text_content()
    assert "我们自己的<承诺>。" in tree.text_content()
    assert tree.xpath("//title")[0].text == "T <b> / 标题"


def test_parallel_puts_the_languages_side_by_side(library):
    tree = lxml.html.fromstring(html_of(spec(), library))
    rows = tree.xpath('//table[@class="parallel"]/tbody/tr')
    assert rows
    first_para = next(r for r in rows if r.xpath(".//p[@data-item='cn-igf.connect.p1']"))
    en, zh = first_para.xpath("./td")
    assert en.xpath(".//p")[0].get("lang") == "en" and zh.xpath(".//p")[0].get("lang") == "zh-Hans"
    assert en.text_content().startswith("1. The innovation")
    assert zh.text_content().startswith("1. 公平促进")


def test_marks_as_the_other_writers_show_them(library):
    tree = lxml.html.fromstring(html_of(spec(), library))
    edited = tree.xpath("//p[@data-item='cn-igf.connect.p2'][@lang='en']")[0]
    assert edited.get("data-status") == "edited"
    assert edited.xpath(".//span[@class='mark']")[0].text == "[edited]"
    unofficial = tree.xpath("//p[@data-item='gdi-nonpaper.economy.1'][@lang='zh-Hans']")[0]
    assert unofficial.xpath(".//span[@class='mark']")[0].text == "〔非官方译文；另有官方文本〕"  # as in DOCX
    verbatim = tree.xpath("//p[@data-item='cn-igf.connect.p1'][@lang='en']")[0]
    assert verbatim.xpath(".//span[@class='mark']") == []
    notes = [p.text_content() for p in tree.xpath("//p[@class='note']")]
    assert any("unofficial translation" in n for n in notes) and any("edited" in n for n in notes)


def test_footnotes_cite_the_source(library):
    tree = lxml.html.fromstring(html_of(spec(), library))
    en_notes = tree.xpath("//ol[@class='notes'][@lang='en']/li")
    assert len(en_notes) == 4  # every library paragraph; the new one has no source
    assert en_notes[0].get("id") == "fn-en-1"
    assert "Core Principle 1" in en_notes[0].text_content()
    assert tree.xpath("//a[@href='#fn-en-1']")


def test_annex_and_none(library):
    annex = lxml.html.fromstring(html_of(spec(provenance="annex"), library))
    rows = annex.xpath("//table[@class='annex']//tr")
    assert len(rows) == 1 + 5
    assert annex.xpath("//ol[@class='notes']") == []
    none = lxml.html.fromstring(html_of(spec(provenance="none"), library))
    assert none.xpath("//table[@class='annex']") == [] and none.xpath("//ol[@class='notes']") == []


@pytest.mark.parametrize("layout", ["sequential", "interleaved"])
def test_other_layouts(library, layout):
    tree = lxml.html.fromstring(html_of(spec(layout=layout), library))
    assert tree.xpath("//table[@class='parallel']") == []
    sections = tree.xpath("//section[@class='language']")
    assert len(sections) == (2 if layout == "sequential" else 0)
    langs = [p.get("lang") for p in tree.xpath("//p[@data-item='cn-igf.connect.p1']")]
    assert langs == ["en", "zh-Hans"]


def test_deterministic_and_the_cli_writes_the_same(tmp_path, runner, library):
    from drafter.spec.load import load_spec

    out = tmp_path / "d.html"
    result = runner.invoke(main, ["render", str(EXAMPLES / "delegation.yaml"), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    spec_, lib = load_spec(EXAMPLES / "delegation.yaml", library)
    sub = resolve(spec_, lib)
    assert out.read_bytes() == render(sub, "html") == render(sub, "html")


def test_a_questionnaire_shows_its_questions_and_no_answer_heading(library):
    from drafter.spec.load import load_spec

    spec, lib = load_spec(EXAMPLES / "global-dialogue-input.yaml", library)
    page = lxml.html.fromstring(render(resolve(spec, lib), "html"))
    questions = [q.text_content() for q in page.find_class("question")]
    assert any(q.startswith("What are the most important opportunities") for q in questions)
    assert not [h for h in page.iter("h2") if "Answer" in h.text_content()]
