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
    """Issue 3: every item exists in both languages; translations are marked unofficial."""
    for item in library.items.values():
        assert set(item.text) == {"en", "zh"}, item.id  # the library's two; the other four by overlay or spec
        source_langs = set(library.sources[item.source].languages)
        for lang in item.unofficial:
            assert item.status(lang) == "unofficial"
        assert set(item.text) - item.unofficial, f"{item.id} has no source-language text"
        assert not (item.unofficial - set(LANGUAGES))
        assert source_langs
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
