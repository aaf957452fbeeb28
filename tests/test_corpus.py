"""The corpus of broken inputs (tests/corpus/cases.yaml), run through the real CLI.

Every case is run in a fresh folder holding only its input, with Click's runner on
`drafter.cli.main`, and must end as the table says: the exit code, a stderr line that starts
with the expected `file:line:col` and holds the expected message and hint. Beyond the table,
every case must print only located lines (no traceback, no "internal error") and, when it
fails, write nothing at all.

Inputs too big, too odd or too platform-bound to store (10,000 `[`, a 6 MB file, symlinks,
FIFOs, zip bombs) are made by the `GENERATORS` below, named by the case's `generate:` key.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from drafter.cli import main
from tests.conftest import FIXTURES
from tests.corpus_sheets import SHEET_GENERATORS

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
# A stderr line: `file[:line[:col]]: …` (or `file:Sheet!C7: …` in an .xlsx), or one of the
# summary lines the CLI adds.
LOCATED = re.compile(r"^[^\s:][^:]*(:\d+(:\d+)?|:('[^']+'|[^\s:!']+)![A-Z]+\d+)?: .")
SUMMARY = re.compile(
    r"^(\d+ problems; nothing was written\.|variant ['\"].*['\"] is invalid and is skipped:"
    r"|\d+ of \d+ variant\(s\) invalid; they are skipped|wrote .*)$"
)
COMMANDS = {
    "spec": ["validate", "{input}"],
    "render": ["render", "{input}", "--format", "md", "-o", "out.md"],
    "library": ["library", "list", "--library", "{input}"],
    "batch": ["batch", "{input}", "-o", "out"],
    "sheet": ["batch", "batch.yaml", "-o", "out"],
    "templates": ["render", "spec.yaml", "--format", "md", "--templates", "{input}", "-o", "out.md"],
    "reference-doc": ["render", "spec.yaml", "--format", "docx", "--reference-doc", "{input}", "-o", "out.docx"],
    "framework": ["library", "themes", "--framework", "{input}"],
    "trace": ["trace", "{input}", "--format", "json", "-o", "out.json"],
    "import": ["import", "{input}", "-o", "out.yaml"],
    "output": [],
}
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


# -- generated inputs ------------------------------------------------------------------------

def _spec(text: str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        (folder / "spec.yaml").write_text(text, encoding="utf-8")
        return "spec.yaml"

    return make


def _docx_bytes() -> bytes:
    runner = CliRunner()
    folder = Path(os.getcwd())
    result = runner.invoke(main, ["render", "spec.yaml", "--format", "docx", "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0, (folder, result.stderr)
    return result.stdout_bytes


def _zip(folder: Path, name: str, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> str:
    with zipfile.ZipFile(folder / name, "w", method) as z:
        for member, data in members.items():
            z.writestr(member, data)
    return name


def _fifo(folder: Path, name: str) -> str:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(folder / name)
    return name


def _symlink(link: Path, target: Path | str, *, is_dir: bool = False) -> None:
    try:
        link.symlink_to(target, target_is_directory=is_dir)
    except (OSError, NotImplementedError):
        pytest.skip("cannot make symbolic links here")


def _template_dir(folder: Path, name: str, text: str | None = None) -> Path:
    d = folder / name / "markdown"
    d.mkdir(parents=True)
    if text is not None:
        (d / "submission.md.j2").write_text(text, encoding="utf-8")
    return d


def gen_symlink_file(folder: Path) -> str:
    outside = folder / "outside.j2"
    outside.write_text("stolen: {{ sub }}\n", encoding="utf-8")
    _symlink(_template_dir(folder, "link-file") / "submission.md.j2", outside)
    return "link-file"


def gen_symlink_dir(folder: Path) -> str:
    (folder / "elsewhere").mkdir()
    (folder / "elsewhere" / "submission.md.j2").write_text("elsewhere\n", encoding="utf-8")
    (folder / "link-dir").mkdir()
    _symlink(folder / "link-dir" / "markdown", Path("..") / "elsewhere", is_dir=True)
    return "link-dir"


def gen_symlink_included(folder: Path) -> str:
    d = _template_dir(folder, "link-include", "{% include 'markdown/secret.j2' %}\n")
    _symlink(d / "secret.j2", "/etc/hostname" if Path("/etc/hostname").exists() else sys.executable)
    return "link-include"


def gen_template_fifo(folder: Path) -> str:
    d = _template_dir(folder, "fifo-template")
    _fifo(d, "submission.md.j2")
    return "fifo-template"


def gen_template_huge(folder: Path) -> str:
    _template_dir(folder, "huge-template", "{# " + "x" * (1024 * 1024 + 10) + " #}\n")
    return "huge-template"


def gen_no_such_folder(folder: Path) -> str:
    return "no-such-folder"


def gen_fifo_spec(folder: Path) -> str:
    return _fifo(folder, "pipe.yaml")


def gen_docx_as_spec(folder: Path) -> str:
    return _zip(folder, "submission.yaml", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def gen_ref_not_zip(folder: Path) -> str:
    (folder / "letter.docx").write_text("{\\rtf1 this is an RTF file, renamed}\n", encoding="ascii")
    return "letter.docx"


def gen_ref_truncated(folder: Path) -> str:
    (folder / "house.docx").write_bytes(_docx_bytes()[:2000])
    return "house.docx"


def gen_ref_bomb(folder: Path) -> str:
    return _zip(folder, "bomb.docx", {"[Content_Types].xml": b"<Types/>",
                                      "word/document.xml": b"<a>" + b" " * (150 * 1024 * 1024) + b"</a>"})


def gen_ref_no_document(folder: Path) -> str:
    return _zip(folder, "empty.docx", {"[Content_Types].xml": b"<Types/>", "docProps/app.xml": b"<Properties/>"})


def gen_ref_huge(folder: Path) -> str:
    with open(folder / "huge.docx", "wb") as fh:  # sparse: 30 MB on paper, nothing on disk
        fh.truncate(30 * 1024 * 1024)
    return "huge.docx"


def gen_ref_bad_xml(folder: Path) -> str:
    data = _docx_bytes()
    import io

    with zipfile.ZipFile(folder / "broken.docx", "w", zipfile.ZIP_DEFLATED) as out, \
            zipfile.ZipFile(io.BytesIO(data)) as src:
        for info in src.infolist():
            body = src.read(info.filename)
            out.writestr(info.filename, b"<w:document><unclosed>" if info.filename == "word/document.xml" else body)
    return "broken.docx"


def gen_ref_fifo(folder: Path) -> str:
    return _fifo(folder, "pipe.docx")


def gen_symlink_loop(folder: Path) -> str:
    d = _template_dir(folder, "loop")
    _symlink(d / "submission.md.j2", "submission.md.j2")
    return "loop"


def gen_ref_lying_sizes(folder: Path) -> str:
    """A zip whose directory says document.xml is 1 kB while it inflates to 50 MB."""
    import io
    import struct

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("word/document.xml", b"<a>" + b" " * (50 * 1024 * 1024) + b"</a>")
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1024)  # local header: uncompressed size
    central = data.rfind(b"PK\x01\x02")  # the last central directory entry is document.xml
    struct.pack_into("<I", data, central + 24, 1024)
    (folder / "liar.docx").write_bytes(bytes(data))
    return "liar.docx"


def _batch(folder: Path, text: str) -> str:
    (folder / "batch.yaml").write_text(text, encoding="utf-8")
    return "batch.yaml"


def gen_output_readonly(folder: Path) -> str:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root (or Windows) can write read-only files")
    target = folder / "out.md"
    target.write_text("the last good version\n", encoding="utf-8")
    target.chmod(0o444)
    return "out.md"


def gen_output_unwritable_folder(folder: Path) -> str:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root (or Windows) can write in read-only folders")
    (folder / "locked").mkdir()
    (folder / "locked").chmod(0o555)
    return "locked"


def gen_output_proc(folder: Path) -> str:
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux /proc")
    return "/proc"


def _draft_docx(folder: Path, name: str, paragraphs: list[str]) -> str:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(folder / name))
    return name


def gen_draft_encrypted(folder: Path) -> str:
    # what Word writes for a password-protected file: an OLE compound file, not a zip
    (folder / "secret.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    return "secret.docx"


def gen_draft_corrupt(folder: Path) -> str:
    _draft_docx(folder, "whole.docx", ["Some text."])
    data = (folder / "whole.docx").read_bytes()
    (folder / "whole.docx").unlink()
    (folder / "broken.docx").write_bytes(data[: len(data) // 2])
    return "broken.docx"


def gen_draft_macro_content_type(folder: Path) -> str:
    _draft_docx(folder, "plain.docx", ["Some text."])
    members = {}
    with zipfile.ZipFile(folder / "plain.docx") as zf:
        for name in zf.namelist():
            members[name] = zf.read(name)
    (folder / "plain.docx").unlink()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    return _zip(folder, "renamed.docx", members)


def gen_draft_docm(folder: Path) -> str:
    _draft_docx(folder, "macros.docm", ["Some text."])
    return "macros.docm"


def gen_draft_huge(folder: Path) -> str:
    with open(folder / "huge.docx", "wb") as fh:  # a sparse 50 MB file: refused by its size, unread
        fh.truncate(50 * 1024 * 1024)
    return "huge.docx"


def gen_xliff_huge(folder: Path) -> str:
    with open(folder / "huge.xlf", "wb") as fh:  # a sparse 30 MB file: refused by its size, unparsed
        fh.truncate(30 * 1024 * 1024)
    return "huge.xlf"


def gen_draft_long_paragraph(folder: Path) -> str:
    return _draft_docx(folder, "long.docx", ["Short first paragraph.", "word " * 210_000])


def gen_draft_long_line(folder: Path) -> str:
    (folder / "long.txt").write_text("Intro.\n\n" + "数字" * 520_000 + "\n", encoding="utf-8")
    return "long.txt"


def gen_draft_bad_xml(folder: Path) -> str:
    _draft_docx(folder, "good.docx", ["Some text."])
    members = {}
    with zipfile.ZipFile(folder / "good.docx") as zf:
        for name in zf.namelist():
            members[name] = zf.read(name)
    (folder / "good.docx").unlink()
    members["word/document.xml"] = b"<w:document><w:body><w:p>unclosed"
    return _zip(folder, "badxml.docx", members)


def gen_draft_french_docx(folder: Path) -> str:
    return _draft_docx(folder, "projet.docx", ["Le numérique doit être au service de tous les peuples et de la paix.",
                                               "Les États doivent coopérer pour réduire la fracture numérique."])


GENERATORS: dict[str, Callable[[Path], str]] = {
    "deep-brackets": _spec("drafter: 1\nsubmission: " + "[" * 10_000 + "\n"),
    "deep-dashes": _spec("- " * 10_000 + "x\n"),
    "deep-after-quote": _spec('drafter: 1\nnote: He said "yes\nsubmission: ' + "[" * 10_000 + "\n"),
    "deep-after-escaped-backslash": _spec('drafter: 1\nnote: "C:\\\\"\nsubmission: ' + "{a: " * 10_000 + "\n"),
    "deep-flow-mappings": _spec("drafter: 1\nsubmission: " + "{a: " * 10_000 + "\n"),
    "oversize-file": _spec(MINIMAL + "# " + "x" * (6 * 1024 * 1024) + "\n"),
    "many-values": _spec("drafter: 1\nsubmission: {}\nx: [" + "1," * 250_000 + "1]\n"),
    "fifo-spec": gen_fifo_spec,
    "docx-as-spec": gen_docx_as_spec,
    "symlink-file": gen_symlink_file,
    "symlink-dir": gen_symlink_dir,
    "symlink-included": gen_symlink_included,
    "template-fifo": gen_template_fifo,
    "template-huge": gen_template_huge,
    "no-such-folder": gen_no_such_folder,
    "ref-not-zip": gen_ref_not_zip,
    "ref-truncated": gen_ref_truncated,
    "ref-bomb": gen_ref_bomb,
    "ref-no-document": gen_ref_no_document,
    "ref-huge": gen_ref_huge,
    "ref-bad-xml": gen_ref_bad_xml,
    "ref-fifo": gen_ref_fifo,
    "output-readonly": gen_output_readonly,
    "symlink-loop": gen_symlink_loop,
    "ref-lying-sizes": gen_ref_lying_sizes,
    "long-name": lambda folder: "y" * 300,
    "long-name-yaml": lambda folder: "y" * 300 + ".yaml",
    "long-name-md": lambda folder: "y" * 300 + ".md",
    "batch-long-base": lambda folder: _batch(folder, "drafter: 1\nbase: " + "y" * 300 + ".yaml\nformats: [md]\n"),
    "output-unwritable-folder": gen_output_unwritable_folder,
    "output-proc": gen_output_proc,
    "draft-encrypted": gen_draft_encrypted,
    "draft-corrupt": gen_draft_corrupt,
    "draft-macro-content-type": gen_draft_macro_content_type,
    "draft-docm": gen_draft_docm,
    "draft-huge": gen_draft_huge,
    "draft-long-paragraph": gen_draft_long_paragraph,
    "draft-long-line": gen_draft_long_line,
    "draft-bad-xml": gen_draft_bad_xml,
    "draft-french-docx": gen_draft_french_docx,
    "xliff-huge": gen_xliff_huge,
    **SHEET_GENERATORS,
}


# -- running a case --------------------------------------------------------------------------

def _prepare(case: dict, folder: Path) -> str:
    """Put the case's input (and what it needs beside it) in `folder`; return its name."""
    (folder / "spec.yaml").write_text(MINIMAL, encoding="utf-8")
    if case["kind"] in ("batch", "sheet"):
        shutil.copy(CORPUS / "batches" / "base.yaml", folder / "base.yaml")
    if case["kind"] == "sheet":  # a spreadsheet: the batch file reading it is made here
        name = GENERATORS[case["generate"]](folder) if "generate" in case else case["input"].split("/")[-1]
        (folder / "batch.yaml").write_text(f"drafter: 1\nbase: base.yaml\nformats: [md]\nvariants:\n"
                                           f"  from: {name}\n", encoding="utf-8")
        if "generate" in case:
            return name
    if "generate" in case:
        return GENERATORS[case["generate"]](folder)
    source = CORPUS / case["input"]
    target = folder / source.name
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copyfile(source, target)
    return source.name


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            st = p.stat()
            out[p.relative_to(folder).as_posix()] = (st.st_size, st.st_mtime_ns)
    return out


def run_case(case: dict, folder: Path) -> tuple[int, str, list[str]]:
    name = _prepare(case, folder)
    args = [a.replace("{input}", name) for a in (case.get("args") or COMMANDS[case["kind"]])]
    before = _snapshot(folder)
    result = CliRunner().invoke(main, args)
    after = _snapshot(folder)
    written = sorted(k for k in after if after[k] != before.get(k))
    return result.exit_code, result.stderr, written


def _params(cases: list[dict]) -> list[Any]:
    """The cases; one with `xfail:` is a known bug of another part, strict so a fix shows."""
    marks = lambda c: [pytest.mark.xfail(strict=True, reason=c["xfail"])] if c.get("xfail") else []  # noqa: E731
    return [pytest.param(c, id=c["id"], marks=marks(c)) for c in cases]


@pytest.fixture(autouse=True)
def _short_time_limit(monkeypatch):
    from drafter.writers.markdown import sandbox

    monkeypatch.setattr(sandbox, "TIME_LIMIT", 1.5)


@pytest.mark.parametrize("case", _params(CASES))
def test_corpus_case(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, stderr, written = run_case(case, tmp_path)
    check_result(case, code, stderr, written, tmp_path)


def check_result(case: dict, code: int, stderr: str, written: list[str], tmp_path: Path) -> None:
    """The rules every case keeps (shared with tests/test_corpus_round2.py)."""
    context = f"\n--- stderr of {case['id']}:\n{stderr}"
    assert "Traceback" not in stderr and "internal error" not in stderr, context
    assert code == case["exit"], context
    for line in stderr.splitlines():
        assert LOCATED.match(line.strip()) or SUMMARY.match(line.strip()), f"unlocated line {line!r}{context}"
    if case["exit"] == 0:
        assert "warning" not in stderr or case.get("warnings_ok"), context
    else:
        allowed = set(case.get("may_write", []))
        assert set(written) <= allowed, f"written on failure: {written}{context}"
        # `where` is the whole location, or ends in ':' to leave the rest of it open
        where = re.compile(re.escape(case["where"]) + (r"\d+(:\d+)?: " if case["where"].endswith(":") else ": "))
        matching = [line.strip() for line in stderr.splitlines() if where.match(line.strip())]
        assert matching, f"no line starts with {case['where']!r}{context}"
        assert any(case["message"] in line and case.get("hint", "") in line for line in matching), context
        if case.get("hint"):
            assert any(line.endswith(")") for line in matching), f"hint not in parentheses{context}"
    for expected in case.get("output_has", []):
        out = next(tmp_path.glob("out.*"))
        assert expected in out.read_text(encoding="utf-8"), (expected, context)


def test_corpus_is_big_enough_and_covers_every_kind():
    kinds = {c["kind"] for c in CASES}
    assert len(CASES) >= 60
    assert kinds == set(COMMANDS)
    assert len({c["id"] for c in CASES}) == len(CASES), "case ids must be unique"
    for case in CASES:
        assert ("input" in case) != ("generate" in case), case["id"]
        if "input" in case:
            assert (CORPUS / case["input"]).exists(), case["id"]
        else:
            assert case["generate"] in GENERATORS, case["id"]
        if case["exit"] != 0:
            assert case.get("where") and case.get("message"), case["id"]


def test_every_stored_input_is_in_the_table():
    listed = {c["input"] for c in CASES if "input" in c}
    stored = {p.relative_to(CORPUS).as_posix() for p in (CORPUS / "specs").iterdir()}
    stored |= {p.relative_to(CORPUS).as_posix() for p in (CORPUS / "libraries").iterdir()}
    stored |= {p.relative_to(CORPUS).as_posix() for p in (CORPUS / "batches").iterdir() if p.name != "base.yaml"}
    stored |= {p.relative_to(CORPUS).as_posix() for p in (CORPUS / "templates").iterdir()}
    stored |= {p.relative_to(CORPUS).as_posix() for p in (CORPUS / "drafts").iterdir()}
    stored |= {p.relative_to(CORPUS).as_posix() for p in (CORPUS / "sheets").iterdir()}
    assert stored - listed == set(), "stored corpus inputs without a case"
