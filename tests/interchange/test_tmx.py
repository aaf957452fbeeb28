"""`drafter library export --format tmx`: translate-toolkit reads it, every item is there, stable bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.library.model import Library

tmx = pytest.importorskip("translate.storage.tmx")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

USER = """\
sources:
  wp-en:
    title: {en: "White paper, official English"}
    languages: [en]
    original: zh
versions:
  - of: cn-cyberspace-wp.iii.0.1
    lang: en
    text: "Since 2020, China has put forward <initiatives> & more."
    source: {doc: wp-en, ref: {en: "III. 1"}}
"""


def test_every_item_with_its_languages_and_status(runner: CliRunner, tmp_path: Path, library: Library,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("user.yaml").write_text(USER, encoding="utf-8")
    result = runner.invoke(main, ["library", "export", "--format", "tmx", "--library", "user.yaml", "-o", "a.tmx"])
    assert result.exit_code == 0, result.output
    store = tmx.tmxfile.parsefile("a.tmx")
    assert len(store.units) == len(library.items)
    root = etree.parse("a.tmx").getroot()
    header = root.find("header")
    assert header is not None and {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                                   "srclang", "datatype"} <= set(header.attrib)
    tus = {tu.get("tuid"): tu for tu in root.iter("tu")}
    assert set(tus) == set(library.items)

    def status(tuid: str, lang: str) -> tuple[str, str]:
        tuv = next(t for t in tus[tuid].iter("tuv") if t.get(XML_LANG) == lang)
        props = {p.get("type"): p.text for p in tuv.iter("prop")}
        return props["x-status"], tuv.findtext("seg") or ""

    supplied = "Since 2020, China has put forward <initiatives> & more."
    assert status("cn-cyberspace-wp.iii.0.1", "en") == ("user", supplied)
    assert status("cn-cyberspace-wp.iii.0.2", "en")[0] == "unofficial"
    unofficial = next(t for t in tus["cn-cyberspace-wp.iii.0.2"].iter("tuv") if t.get(XML_LANG) == "en")
    assert "unofficial translation" in (unofficial.findtext("note") or "")
    assert status("cn-gdc.data.1", "zh")[0] == "source"
    assert all(len(list(tu.iter("tuv"))) == len(library.items[k].languages) for k, tu in tus.items())
    runner.invoke(main, ["library", "export", "--library", "user.yaml", "-o", "b.tmx"])
    assert Path("a.tmx").read_bytes() == Path("b.tmx").read_bytes()
