"""`drafter export --format xliff`: translate-toolkit reads every file, and the units say what they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.interchange.segments import source_hash
from drafter.interchange.xliff import HASH_NOTE, NS
from tests.conftest import example_specs

xliff2 = pytest.importorskip("translate.storage.xliff2")
Q = f"{{{NS}}}"


def export(runner: CliRunner, spec: Path | str, lang: str, out: str = "s.xlf") -> bytes:
    result = runner.invoke(main, ["export", str(spec), "--to", lang, "-o", out])
    assert result.exit_code == 0, result.output
    return Path(out).read_bytes()


def notes(unit: etree._Element, category: str) -> list[str]:
    return [n.text or "" for n in unit.iter(f"{Q}note") if n.get("category") == category]


def test_units_states_and_notes(runner: CliRunner, spec: Path) -> None:
    data = export(runner, spec, "zh")
    store = xliff2.Xliff2File.parsefile("s.xlf")
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "zh")
    units = {u.getid(): u for u in store.units}
    assert list(units) == ["title", "submitter", "preamble-1", "cn-igf.data.p1", "cn-gdc.data.1", "para-3",
                           "cn-igf.ai.c1"]
    assert units["cn-igf.data.p1"].isapproved()  # zh is cn-igf's original: final
    assert units["cn-igf.ai.c1"].istranslated() and not units["cn-igf.ai.c1"].isapproved()  # unofficial
    assert not units["para-3"].target and not units["para-3"].istranslated()  # own text, no zh yet
    assert units["preamble-1"].source == "We welcome the Compact & its <aims>."  # user text is data
    root = etree.fromstring(data)
    by_id = {u.get("id"): u for u in root.iter(f"{Q}unit")}
    states = {k: u.find(f"{Q}segment").get("state") for k, u in by_id.items()}
    assert states["cn-igf.data.p1"] == "final" and states["cn-igf.ai.c1"] == "translated"
    assert states["para-3"] == "initial"
    assert notes(by_id["cn-igf.ai.c1"], "status") == ["en: source text", "zh: unofficial translation"]
    assert notes(by_id["cn-igf.ai.c1"], "provenance")[0].startswith("cn-igf, ")
    assert notes(by_id["para-3"], HASH_NOTE) == [source_hash("Data should serve development.")]
    assert any("数据" in g for u in by_id.values() for g in notes(u, "glossary"))


def test_export_to_a_language_nothing_has_yet(runner: CliRunner, spec: Path) -> None:
    from drafter.library.model import LANGUAGES

    target = next((x for x in ("fr", "es", "ru", "ar") if x in LANGUAGES), None)
    if target is None:
        result = runner.invoke(main, ["export", str(spec), "--to", "fr", "-o", "s.xlf"])
        assert result.exit_code == 2 and "unknown language 'fr'" in result.output
        assert not Path("s.xlf").exists()
        return
    export(runner, spec, target)
    assert not any(u.target for u in xliff2.Xliff2File.parsefile("s.xlf").units)


def test_source_language_refused(runner: CliRunner, spec: Path) -> None:
    result = runner.invoke(main, ["export", str(spec), "--to", "en", "-o", "s.xlf"])
    assert result.exit_code == 2 and "the submission's first language" in result.output


@pytest.mark.parametrize("example", example_specs(), ids=lambda p: p.stem)
def test_every_example_reads_in_translate_toolkit(runner: CliRunner, example: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.spec.load import load_spec

    monkeypatch.chdir(tmp_path)
    spec, _ = load_spec(example)
    target = "zh" if spec.languages[0] == "en" else "en"
    first = export(runner, example, target, "a.xlf")
    assert export(runner, example, target, "b.xlf") == first  # deterministic
    store = xliff2.Xliff2File.parsefile("a.xlf")
    assert len(store.units) >= 3 and all(u.source for u in store.units)
