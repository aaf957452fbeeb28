"""The built-in library: completeness, ids, validation of bad library files, user libraries."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.library.load import load_library
from drafter.library.model import LANGUAGES

EXPECTED = {"cn-gdc": 24, "cn-cyberspace-wp": 50, "gdi-nonpaper": 15, "cn-igf": 49}


def test_all_138_items_by_source(library):
    counts = Counter(item.source for item in library.items.values())
    assert dict(counts) == EXPECTED
    assert len(library.items) == 138


def test_cn_gdc_structure(library):
    kinds = Counter(i.kind for i in library.select(source="cn-gdc"))
    assert kinds == {"preamble": 2, "basic-principle": 4, "proposal": 18}
    themes = {i.themes[0] for i in library.select(source="cn-gdc", kind="proposal")}
    assert themes == {t.key for t in library.framework().themes if t.numbered}  # the seven themes
    for n in (1, 2):
        assert f"cn-gdc.preamble.{n}" in library.items
    for n in range(1, 5):
        assert f"cn-gdc.basic.{n}" in library.items


def test_cn_igf_structure(library):
    items = library.select(source="cn-igf")
    principles = [i for i in items if i.kind == "core-principle"]
    commitments = [i for i in items if i.section == "commitments"]
    assert len(principles) == 24
    assert len(commitments) == 24
    assert "cn-igf.intro" in library.items
    for item in principles:
        theme = item.id.split(".")[1]
        assert item.id.startswith(f"cn-igf.{theme}.p") and item.themes[0] == theme


def test_white_paper_and_nonpaper_structure(library):
    wp = Counter(i.kind for i in library.select(source="cn-cyberspace-wp"))
    assert wp == {"lead-in": 5, "proposition": 10, "practice": 28, "box": 6, "closing": 1}
    gdi = Counter(i.kind for i in library.select(source="gdi-nonpaper"))
    assert gdi == {"intro": 1, "measure": 13, "closing": 1}


def test_every_item_is_complete(library):
    theme_keys = set(library.framework().theme_keys)
    for item in library.items.values():
        assert item.text, item.id
        assert item.ref, item.id
        assert set(item.themes) <= theme_keys, item.id
        assert item.section in ("principles", "commitments")
        for lang, text in item.text.items():
            assert text == text.strip() and "  " not in text, (item.id, lang)


def test_both_languages_everywhere_with_status(library):
    """Issue 3: every item exists in both languages, and each language's status is what the
    data file says — read here with plain PyYAML, not by the loader under test: a language
    under `translation: {lang: unofficial}` is an unofficial translation, every other one the
    source's own words; and a language the source was never published in is never "source"."""
    import yaml

    from drafter import paths

    written: dict[str, set[str]] = {}
    for path in paths.commitments_dir().glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for raw in (data or {}).get("items") or ():
            written[raw["id"]] = {lang for lang, s in (raw.get("translation") or {}).items() if s == "unofficial"}
    assert set(written) == set(library.items)
    for item in library.items.values():
        assert set(item.text) == {"en", "zh"}, item.id  # the library's two; the other four by overlay or spec
        assert {lang: item.status(lang) for lang in item.text} == \
            {lang: "unofficial" if lang in written[item.id] else "source" for lang in item.text}, item.id
        published = set(library.sources[item.source].languages)
        assert all(item.status(lang) == "unofficial" for lang in set(item.text) - published), item.id
        assert any(item.status(lang) == "source" for lang in item.text), f"{item.id} has no source-language text"
    assert set(LANGUAGES) == {"ar", "zh", "en", "fr", "ru", "es"}  # the six UN languages


def test_untranslated_count(library):
    """66 items lack one language in their source; each now carries a marked translation."""
    assert sum(1 for i in library.items.values() if i.unofficial) == 66


def test_ipv6_commitment(library):
    item = library.items["cn-igf.connect.c1"]
    assert "IPv6" in item.text["en"] and "IPv6" in item.text["zh"]
    assert "ipv6" in item.tags


def test_select_filters(library):
    assert all(i.source == "cn-igf" and "data" in i.themes for i in library.select(source="cn-igf", theme="data"))
    assert library.select(kind="measure") and all(i.kind == "measure" for i in library.select(kind="measure"))


def test_unknown_id_suggests_closest(library):
    with pytest.raises(DrafterError) as exc:
        library.get("cn-igf.conect.c1")
    assert "cn-igf.connect.c1" in str(exc.value)


USER_LIB = """\
sources:
  my-ngo:
    title: {en: Our position paper}
    languages: [en]
    original: en
source: my-ngo
items:
  - id: my-ngo.connect.1
    kind: statement
    section: commitments
    themes: [connect]
    source: {doc: my-ngo, ref: {en: "para. 1"}}
    text: {en: Everyone should be online.}
"""


def test_user_library_loads_beside_builtin(tmp_path):
    f = tmp_path / "ngo.yaml"
    f.write_text(USER_LIB, encoding="utf-8")
    lib = load_library([f])
    assert lib.items["my-ngo.connect.1"].text["en"] == "Everyone should be online."
    assert len(lib.items) == 139
    lib_dir = load_library([tmp_path])
    assert "my-ngo.connect.1" in lib_dir.items


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("id: my-ngo.connect.1", "id: cn-igf.connect.c1"), "duplicate id 'cn-igf.connect.c1'"),
        (("themes: [connect]", "themes: [conect]"), "unknown theme 'conect'"),
        (("kind: statement", "kind: statment"), "unknown kind 'statment'"),
        (("section: commitments", "section: commitment"), "unknown section 'commitment'"),
        (("doc: my-ngo,", "doc: my-ngx,"), "unknown source 'my-ngx'"),
        (
            (
                "    text: {en: Everyone should be online.}",
                "    text: {en: Everyone should be online.}\n    colour: red",
            ),
            "unknown key 'colour'",
        ),
        (("text: {en: Everyone should be online.}", "text: {zh: 人人上网。}"), "must be marked unofficial"),
        (("themes: [connect]", "themes: connect"), "expected a list"),
    ],
)
def test_bad_user_library_is_a_located_error(tmp_path, edit, message):
    f = tmp_path / "ngo.yaml"
    f.write_text(USER_LIB.replace(*edit), encoding="utf-8")
    with pytest.raises(DrafterError) as exc:
        load_library([f])
    text = str(exc.value)
    assert message in text
    assert f"{f.name}:" in text or str(f) in text
    line = text.split(":")[1]
    assert line.isdigit()


def test_missing_user_library(tmp_path):
    with pytest.raises(DrafterError, match="user library not found"):
        load_library([tmp_path / "nope.yaml"])


def test_user_library_malformed_yaml(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("source: x\nitems: [\n", encoding="utf-8")
    with pytest.raises(DrafterError) as exc:
        load_library([f])
    assert str(exc.value).startswith(str(f)) or "bad.yaml:" in str(exc.value)


def test_library_files_ship_in_package_data_dirs():
    from drafter import paths

    assert (paths.commitments_dir() / "sources.yaml").is_file()
    assert Path(paths.templates_dir(), "markdown", "submission.md.j2").is_file()


# -- issue 14: what the library says about the sources' words ------------------------------------


def test_json_lists_repairs_sic_and_voice(runner):
    import json

    from drafter.cli import main

    items = {i["id"]: i for i in json.loads(runner.invoke(main, ["library", "list", "--format", "json"]).stdout)}
    assert all(set(i) >= {"repairs", "sic", "voice", "translation"} for i in items.values())
    (comma,) = items["cn-igf.data.c2"]["repairs"]
    assert comma == {"lang": "en", "from": "illegal，and", "to": "illegal, and", "why": comma["why"]} and comma["why"]
    (rule,) = items["cn-cyberspace-wp.iii.0.1"]["repairs"]
    assert rule["rule"] == "zh-punctuation-width" and rule["count"] == 3 and rule["to"] == "， ： ； （ ）"
    assert items["cn-cyberspace-wp.box5.2"]["sic"] == [
        {"lang": "zh", "text": "参与和参与", "reading": "参与", "note": "参与 printed twice, joined by 和"}]
    assert items["cn-gdc.preamble.2"]["voice"] == "author" and items["cn-gdc.preamble.1"]["voice"] is None
    assert sum(1 for i in items.values() if i["repairs"]) == 54
    assert sum(len(i["sic"]) for i in items.values()) == 12
    assert sum(1 for i in items.values() if i["voice"]) == 26


def test_sources_record_authors_and_official_versions(library):
    wp, gdi = library.sources["cn-cyberspace-wp"], library.sources["gdi-nonpaper"]
    assert dict(wp.author) == {"en": "China", "zh": "中国"}
    (en,) = wp.official
    assert (en.lang, en.date) == ("en", "2022-11")
    assert en.title == "Jointly Build a Community with a Shared Future in Cyberspace"
    assert en.publisher["en"] == "State Council Information Office of the People's Republic of China"
    assert en.where.startswith("http://english.scio.gov.cn/")
    (zh,) = gdi.official
    assert zh.lang == "zh" and zh.title == "全球发展倡议数字合作非文件"
    assert {s.seed_kind for s in library.sources.values()} == {"web", "pdf"}
    assert library.sources["cn-igf"].author["en"] == "China IGF" and not library.sources["cn-igf"].official


def test_retagging_keeps_fragmentation_for_a_dozen_white_paper_items_at_most(library):
    """docs/sources/cn-cyberspace-wp.md gives the rule and each call."""
    first = [i.themes[0] if i.themes else "" for i in library.select(source="cn-cyberspace-wp")]
    assert first.count("fragmentation") == 9
    assert library.items["cn-cyberspace-wp.iii.2.1"].themes == ()  # BRICS/SCO cybersecurity
    assert library.items["cn-cyberspace-wp.iii.3.11"].themes == ()  # the United States paragraph
    basic = {i.id: i.themes[:1] for i in library.select(source="cn-gdc", kind="basic-principle")}
    assert basic == {"cn-gdc.basic.1": ("fragmentation",), "cn-gdc.basic.2": ("connect",),
                     "cn-gdc.basic.3": ("connect",), "cn-gdc.basic.4": ("fragmentation",)}
