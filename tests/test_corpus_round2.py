"""The hostile corpus, round two (tests/corpus/round2.yaml), run like tests/test_corpus.py.

Every input is generated here (GENERATORS2): hostile reference documents from the recipes in
tests/hostile_docx.py, batch files whose outputs would land on their own inputs, FIFOs, deep
templates, impossible dates, other encodings. Besides the rules of test_corpus.py, a case may
ask that the output .docx is clean (`docx_clean`), that stderr holds given warnings
(`stderr_has`) and that a device is still a device afterwards (`still_device`).
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from drafter.paths import templates_dir
from tests import hostile_docx as H
from tests import test_corpus as corpus

ROUND2 = yaml.safe_load((corpus.CORPUS / "round2.yaml").read_text(encoding="utf-8"))
BASE = (corpus.CORPUS / "batches" / "base.yaml").read_text(encoding="utf-8")
OK_LIBRARY = (corpus.CORPUS / "libraries" / "ok.yaml").read_text(encoding="utf-8")
MINIMAL = corpus.MINIMAL


def _write(folder: Path, name: str, text: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return name


def _batch(text: str, *extra: tuple[str, str | bytes]) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        _write(folder, "base.yaml", BASE)
        for name, data in extra:
            _write(folder, name, data)
        return _write(folder, "batch.yaml", "drafter: 1\nbase: base.yaml\n" + text)

    return make


def _spec(text: str, name: str = "spec.yaml") -> Callable[[Path], str]:
    return lambda folder: _write(folder, name, text)


def _date(value: str, quoted: bool = True) -> Callable[[Path], str]:
    return _spec(MINIMAL.replace('"2023-04-28"', f'"{value}"' if quoted else value))


def _template(name: str, files: dict[str, str]) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        for rel, text in files.items():
            _write(folder, f"{name}/markdown/{rel}", text)
        return name

    return make


def _reference(recipe: str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        fn = H.RECIPES.get(recipe) or H.REFUSED[recipe]
        return _write(folder, f"{recipe}.docx", H.zipped(fn(H.bundled())))

    return make


def gen_over_library(folder: Path) -> str:
    _write(folder, "lib.yaml", OK_LIBRARY)
    _write(folder, "base.yaml", BASE + "libraries: [lib.yaml]\n")
    return _write(folder, "batch.yaml", "drafter: 1\nbase: base.yaml\nformats: [md]\noutput: lib.yaml\n")


def gen_hard_link(folder: Path) -> str:
    name = _batch("formats: [md]\noutput: copy.md\n")(folder)
    os.link(folder / "base.yaml", folder / "copy.md")
    return name


def gen_symlink(folder: Path) -> str:
    name = _batch("formats: [md]\noutput: alias.md\n")(folder)
    corpus._symlink(folder / "alias.md", "batch.yaml")
    return name


def gen_subfolder(folder: Path) -> str:
    _write(folder, "sub/base.yaml", BASE)
    return _write(folder, "batch.yaml", "drafter: 1\nbase: sub/base.yaml\nformats: [md]\noutput: base.yaml\n")


def gen_render_over_library(folder: Path) -> str:
    _write(folder, "lib.yaml", OK_LIBRARY)
    _write(folder, "uses-lib.yaml", MINIMAL + "libraries: [lib.yaml]\n")
    os.link(folder / "lib.yaml", folder / "twin.yaml")
    return "uses-lib.yaml"


def gen_fifo_out(folder: Path) -> str:
    return corpus._fifo(folder, "out.md")


def gen_plain_templates(folder: Path) -> str:
    shutil.copytree(templates_dir() / "markdown", folder / "tpl" / "markdown")
    return "tpl"


def gen_batch_fifo(folder: Path) -> str:
    name = _batch("formats: [md]\n")(folder)
    (folder / "out").mkdir()
    corpus._fifo(folder / "out", "base.md")
    return name


def gen_file_in_the_way(folder: Path) -> str:
    name = _batch("formats: [md]\noutput: '{name}/doc.{format}'\n")(folder)
    _write(folder, "out/base", "a file where the pattern needs a folder\n")
    return name


def gen_manifest_folder(folder: Path) -> str:
    name = _batch("formats: [md]\n")(folder)
    (folder / "out" / "manifest.json").mkdir(parents=True)
    return name


def gen_ok_library(folder: Path) -> str:
    _write(folder, "libs/lib.yaml", OK_LIBRARY)
    os.link(folder / "libs" / "lib.yaml", folder / "twin.yaml")
    return "libs"


def gen_two_libraries(folder: Path) -> str:
    _write(folder, "lib.yaml", OK_LIBRARY)
    return _write(folder, "lib2.yaml", OK_LIBRARY.replace("my-ngo.connect.1", "my-ngo.connect.2"))


def _units(count: int, prefix: str = "cn-igf.conect.c") -> str:
    return "".join(f"      - use: {prefix}{i}\n" for i in range(count))


SPEC_HEAD = ('drafter: 1\nsubmission:\n  title: {en: "T", zh: 题}\n  submitter: {en: E, zh: 示例}\n'
             '  date: "2023-04-28"\n  languages: [en, zh]\nthemes:\n  connect:\n')

GENERATORS2: dict[str, Callable[[Path], str]] = {
    "batch-over-base": _batch("formats: [md]\noutput: base.yaml\n"),
    "batch-over-batch": _batch("formats: [md]\noutput: batch.yaml\n"),
    "batch-over-library": gen_over_library,
    "batch-over-reference": _batch("formats: [docx]\noutput: house.docx\nvariants:\n  - name: a\n"
                                   "    set: {options.reference_doc: house.docx}\n",
                                   ("house.docx", H.zipped(H.bundled()))),
    "batch-over-hard-link": gen_hard_link,
    "batch-over-symlink": gen_symlink,
    "batch-over-base-subfolder": gen_subfolder,
    "batch-over-variant-library": _batch("formats: [md]\noutput: '{name}.yaml'\nvariants:\n  - name: other\n"
                                         "  - name: lib\n    set: {libraries: [lib.yaml]}\n", ("lib.yaml", OK_LIBRARY)),
    "render-over-library-link": gen_render_over_library,
    "fifo-out": gen_fifo_out,
    "plain-templates": gen_plain_templates,
    "batch-fifo": gen_batch_fifo,
    **{f"ref-{name}": _reference(name) for name in [*H.RECIPES, *H.REFUSED]},
    "date-2023-13-01": _date("2023-13-01"),
    "date-2023-02-30": _date("2023-02-30"),
    "date-0000-01-01": _date("0000-01-01"),
    "date-2023-02-29": _date("2023-02-29"),
    "date-2023-00": _date("2023-00"),
    "date-unquoted-2023-04-31": _date("2023-04-31", quoted=False),
    "date-2024-02-29": _date("2024-02-29"),
    "tpl-surrogate": _template("surrogate", {"submission.md.j2": '{{ "\\ud800" }}\n'}),
    "tpl-nested-for": _template("nested-for", {"submission.md.j2": "x\n" + "{% for x in langs %}" * 30
                                               + "{% endfor %}" * 30 + "\n"}),
    "tpl-nested-if": _template("nested-if", {"submission.md.j2": "{% if true %}\n" * 200 + "{% endif %}" * 200}),
    "tpl-parens": _template("parens", {"submission.md.j2": "a\nb\n{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}\n"}),
    "tpl-filters": _template("filters", {"submission.md.j2": "{{ 'x'" + "|e" * 3000 + " }}\n"}),
    "tpl-lists": _template("lists", {"submission.md.j2": "{{ " + "[" * 300 + "]" * 300 + " }}\n"}),
    "tpl-deep-include": _template("deep-include", {"submission.md.j2": "{% include 'markdown/deep.j2' %}\n",
                                                   "deep.j2": "ok\n" + "{% if true %}" * 200 + "{% endif %}" * 200}),
    "batch-file-in-the-way": gen_file_in_the_way,
    "batch-manifest-folder": gen_manifest_folder,
    "batch-long-path": _batch("formats: [md]\noutput: '" + ("a" * 240 + "/") * 25 + "{name}.{format}'\n"),
    "batch-deep-path": _batch("formats: [md]\noutput: '" + "a/" * 3000 + "{name}.{format}'\n"),
    "text-emoji": _spec(MINIMAL.replace("Our own commitment.", "Smiles :smile: and :+1: stay as text.")),
    "text-nbsp": _spec(MINIMAL.replace('"Our own commitment."', '"\\u00a0indented by a no-break space"')
                       .replace("我们自己的承诺。", '"ideographic\\u3000space"')),
    "empty-theme": _spec(MINIMAL + "  data: {}\n"),
    "null-themes": _spec(SPEC_HEAD.replace("  connect:\n", "  connect: null\n  data: {}\n  ai:\n    principles: []\n")),
    "include-section": _spec(SPEC_HEAD + "    include:\n      section: principle\n"),
    "include-list": _spec(SPEC_HEAD + "    include: [1]\n"),
    "include-key": _spec(SPEC_HEAD + "    include:\n      sorce: cn-igf\n"),
    "ok-library": gen_ok_library,
    "two-libraries": gen_two_libraries,
    "lib-utf-32": lambda f: _write(f, "lib32.yaml", OK_LIBRARY.encode("utf-32")),
    "lib-utf-16le": lambda f: _write(f, "lib16.yaml", OK_LIBRARY.encode("utf-16-le")),
    "spec-utf-16be": lambda f: _write(f, "spec16.yaml", MINIMAL.encode("utf-16-be")),
    "megabyte-id": _spec(SPEC_HEAD + "    principles:\n      - use: cn-igf." + "a" * 1_000_000 + "\n"),
    "megabyte-key": lambda f: _write(f, "big.yaml", OK_LIBRARY.replace("kind: statement", "kind: " + "k" * 1_000_000)),
    "typo-id": _spec(SPEC_HEAD + "    principles:\n      - use: cn-igf.conect.p1\n"),
    "many-unknown-ids": _spec(SPEC_HEAD + "    principles:\n" + _units(300)),
}
corpus.GENERATORS.update(GENERATORS2)


@pytest.fixture(autouse=True)
def _short_time_limit(monkeypatch):
    from drafter.writers.markdown import sandbox

    monkeypatch.setattr(sandbox, "TIME_LIMIT", 1.5)


@pytest.mark.parametrize("case", corpus._params(ROUND2))
def test_round2_case(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _run(case, tmp_path)


def _run(case: dict, folder: Path) -> None:
    code, stderr, written = corpus.run_case(case, folder)
    corpus.check_result(case, code, stderr, written, folder)
    for text in case.get("stderr_has", []):
        assert text in stderr, f"{text!r} not in stderr:\n{stderr}"
    if case.get("docx_clean"):
        H.check_clean((folder / "out.docx").read_bytes())
    if "still_device" in case:
        assert stat.S_ISCHR(os.stat(case["still_device"]).st_mode), f"{case['still_device']} was replaced"


def test_round2_covers_every_class_with_several_cases():
    ids = [c["id"] for c in ROUND2]
    assert len(ids) == len(set(ids)) and not set(ids) & {c["id"] for c in corpus.CASES}
    assert len(ROUND2) >= 60
    for case in ROUND2:
        assert "generate" in case or "input" in case, case["id"]
        if "generate" in case:
            assert case["generate"] in GENERATORS2, case["id"]
