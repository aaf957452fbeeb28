"""`drafter batch` through the real CLI: plan, then write; safe names; shards; the manifest."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import signal
import unicodedata
from pathlib import Path

import pytest

from drafter.batch.plan import load_plan
from drafter.cli import main
from drafter.library.load import load_library
from drafter.spec.check import check_spec
from tests.conftest import EXAMPLES, FIXTURES

LOCATED = re.compile(r"^(\S+\.yaml):(\d+):(\d+): ", re.M)


def batch(runner, *args: str):
    return runner.invoke(main, ["batch", *map(str, args)], catch_exceptions=False)


def manifest(folder: Path, name: str = "manifest.json") -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative path -> bytes), temporary files included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def write_batch(folder: Path, text: str) -> Path:
    """A batch file beside a copy of the test base spec."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "batch_base.yaml", folder / "base.yaml")
    path = folder / "batch.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the example -------------------------------------------------------------------------

EXAMPLE_NAMES = [f"{lang}_{provenance}" for lang in ("en-zh", "zh-en", "en")
                 for provenance in ("footnotes", "annex")]


def test_example_writes_twelve_files_and_a_manifest(runner, tmp_path):
    out = tmp_path / "out"
    result = batch(runner, EXAMPLES / "batch.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    written = files(out)
    expected = {f"{n}.{fmt}" for n in EXAMPLE_NAMES for fmt in ("docx", "md")}
    assert set(written) == expected | {"manifest.json"}
    m = manifest(out)
    assert [v["name"] for v in m["variants"]] == EXAMPLE_NAMES
    assert m["summary"] == {"variants": 6, "ok": 6, "failed": 0, "skipped": 0, "interrupted": 0,
                            "files": 12, "bytes": sum(len(b) for n, b in written.items()
                                                      if n != "manifest.json")}
    for v in m["variants"]:
        assert v["status"] == "ok" and v["error"] is None
        assert [o["format"] for o in v["outputs"]] == ["docx", "md"]
        for o in v["outputs"]:
            data = written[o["path"]]
            assert o["sha256"] == hashlib.sha256(data).hexdigest() and o["size"] == len(data)
    assert m["variants"][4]["overrides"] == {"submission.languages": ["en"],
                                             "submission.governing": None,
                                             "options.provenance": "footnotes"}
    assert written["en-zh_footnotes.docx"][:2] == b"PK"
    md = written["zh-en_annex.md"].decode("utf-8")
    assert md.index("全球数字契约") < md.index("Global Digital Compact")
    assert "全球数字契约" not in written["en_footnotes.md"].decode("utf-8")
    # every variant writes its own bytes: the example has no override that changes nothing
    digests = [o["sha256"] for v in m["variants"] for o in v["outputs"]]
    assert len(set(digests)) == len(digests)
    assert "identical" not in result.output


def test_variants_writing_identical_bytes_are_warned_about(runner, tmp_path):
    """A layout override of a one-language variant changes nothing: the user is told."""
    path = write_batch(tmp_path, "drafter: 1\nbase: base.yaml\nformats: [md]\nvariants:\n"
                       "  - name: one\n    set: {submission.languages: [en], submission.layout: parallel}\n"
                       "  - name: two\n    set: {submission.languages: [en], submission.layout: sequential}\n")
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "warning: two.md is identical to one.md (same bytes)" in result.stderr


def test_matrix_names_folders_and_spec_values_in_the_pattern(runner, tmp_path):
    out = tmp_path / "out"
    result = batch(runner, FIXTURES / "batch_matrix.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert set(files(out)) == {
        "parallel/parallel_annex-en-zh.md", "parallel/parallel_none-en-zh.md",
        "sequential/sequential_annex-en-zh.md", "sequential/sequential_none-en-zh.md",
        "manifest.json"}
    with_annex = (out / "parallel/parallel_annex-en-zh.md").read_text(encoding="utf-8")
    without = (out / "parallel/parallel_none-en-zh.md").read_text(encoding="utf-8")
    ref = "Connect all people, Core Principle 1"  # cn-igf.connect.p1's place, cited only in the annex
    assert ref in with_annex and ref not in without


# -- plan, then write --------------------------------------------------------------------

def test_broken_variant_is_named_skipped_and_the_others_are_written(runner, tmp_path):
    out = tmp_path / "out"
    result = batch(runner, FIXTURES / "batch_broken.yaml", "-o", out)
    assert result.exit_code == 2
    assert "variant 'broken' is invalid" in result.stderr
    # the error points at the override's line in the batch file, not at the base spec
    assert re.search(r"batch_broken\.yaml:9:26: submission\.layout: unknown layout 'diagonal'",
                     result.stderr)
    assert set(files(out)) == {"first.md", "last.md", "manifest.json"}
    m = manifest(out)
    status = {v["name"]: (v["status"], v["error"]) for v in m["variants"]}
    assert status["first"] == ("ok", None) and status["last"] == ("ok", None)
    assert status["broken"][0] == "skipped" and "unknown layout 'diagonal'" in status["broken"][1]
    ref = "Protect Data, Core Principle 1"  # where cn-igf.data.p1 is in its source
    assert ref in (out / "first.md").read_text(encoding="utf-8")
    assert ref not in (out / "last.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("set_", "where", "message"),
    [
        ("{submission.layout: diagonal}", "batch", "unknown layout 'diagonal'"),
        ("{themes.connect.principles: [{use: nope.x}]}", "batch", "unknown item id 'nope.x'"),
        ("{submission.languages: [en, zh]}", "base", "this new paragraph has no zh text"),
        ("{submission.title: null}", "batch", "missing required key 'title'"),
        ("{themes.ai.principles: [{text: {en: Only English.}}]}", "batch", "has no zh text"),
        ("{'themes.connect.principles[3].use': cn-igf.ai.p1}", "batch", "there is no [3]"),
        ("{submission.governing: no}", "batch", "'no' would be read as a yes/no value"),
    ],
)
def test_variant_errors_are_located_in_the_file_that_caused_them(runner, tmp_path, set_, where,
                                                                  message):
    path = write_batch(tmp_path, f"drafter: 1\nbase: base.yaml\nformats: [md]\nvariants:\n"
                                 f"  - name: ok\n  - name: bad\n    set: {set_}\n")
    if where == "base":  # an English-only base whose own paragraph lacks zh: the error is in the base
        base = tmp_path / "base.yaml"
        text = base.read_text(encoding="utf-8").replace("languages: [en, zh]", "languages: [en]")
        base.write_text(text + "      - text: {en: Only English.}\n", encoding="utf-8")
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    lines = [line.strip() for line in result.stderr.splitlines() if message in line]
    assert len(lines) == 1, result.stderr
    m = LOCATED.match(lines[0])
    assert m, lines[0]
    assert Path(m[1]).name == ("batch.yaml" if where == "batch" else "base.yaml")
    if where == "batch":
        assert m[2] == "7"
    assert set(files(tmp_path / "out")) == {"ok.md", "manifest.json"}


def test_dry_run_lists_the_plan_and_writes_nothing(runner, tmp_path):
    out = tmp_path / "out"
    result = batch(runner, EXAMPLES / "batch.yaml", "-o", out, "--dry-run")
    assert result.exit_code == 0, result.output
    listed = [Path(line).relative_to(out).as_posix() for line in result.stdout.splitlines()]
    assert listed == [f"{n}.{fmt}" for n in EXAMPLE_NAMES for fmt in ("docx", "md")]
    assert "nothing was written" in result.stderr
    assert not out.exists()


# -- hostile names -----------------------------------------------------------------------

def test_hostile_names_stay_inside_the_output_folder(runner, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(FIXTURES, work, ignore=shutil.ignore_patterns("minimal.yaml"))
    out = work / "deep" / "out"
    before = {p for p in tmp_path.rglob("*")}
    result = batch(runner, work / "batch_hostile.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    created = {p for p in tmp_path.rglob("*")} - before
    for p in created:
        assert p == out.parent or p.resolve().is_relative_to(out.resolve()), p
    names = set(files(out)) - {"manifest.json"}
    assert len(names) == 10
    assert "CON_.md" in names and "nul_.txt.md" in names and "_etc_passwd.md" in names
    for name in names:
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert len(name.encode("utf-8")) <= 200
    assert all(v["status"] == "ok" for v in manifest(out)["variants"])


def test_names_differing_only_in_case_collide_before_anything_is_written(runner, tmp_path):
    out = tmp_path / "out"
    result = batch(runner, FIXTURES / "batch_case.yaml", "-o", out)
    assert result.exit_code == 2
    assert re.search(r"batch_case\.yaml:7:5: variants 'Report' and 'report' would both write",
                     result.stderr)
    assert not out.exists()


def test_names_differing_only_in_unicode_normalisation_collide(runner, tmp_path):
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    path = write_batch(tmp_path, f'drafter: 1\nbase: base.yaml\nformats: [md]\nvariants:\n'
                                 f'  - name: "{nfc}"\n  - name: "{nfd}"\n')
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "would both write" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_symbolic_link_cannot_lead_outputs_out_of_the_folder(runner, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    path = write_batch(tmp_path / "b", 'drafter: 1\nbase: base.yaml\nformats: [md]\n'
                                       'output: "sub/{name}.{format}"\n')
    result = batch(runner, path, "-o", out)
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert list(outside.iterdir()) == []


def test_the_manifest_name_is_reserved(runner, tmp_path):
    path = write_batch(tmp_path, 'drafter: 1\nbase: base.yaml\nformats: [md]\n'
                                 'output: "{name}.json"\nvariants:\n  - name: MANIFEST\n')
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "keeps for its manifest" in result.stderr


# -- shards, determinism, jobs, interruption -----------------------------------------------

def test_shards_are_disjoint_cover_everything_and_match_a_full_run(runner, tmp_path):
    full = tmp_path / "full"
    assert batch(runner, EXAMPLES / "batch.yaml", "-o", full, "--jobs", "1").exit_code == 0
    shared = tmp_path / "shared"
    seen: list[int] = []
    for k in (1, 2, 3, 4):
        result = batch(runner, EXAMPLES / "batch.yaml", "-o", shared, "--shard", f"{k}/4")
        assert result.exit_code == 0, result.output
        m = manifest(shared, f"manifest.{k}-of-4.json")
        assert m["shard"] == f"{k}/4"
        indices = [v["index"] for v in m["variants"]]
        assert all(i % 4 == k - 1 for i in indices)
        seen += indices
    assert sorted(seen) == list(range(6))
    full_files = files(full)
    shard_files = files(shared)
    del full_files["manifest.json"]
    assert {n: b for n, b in shard_files.items() if not n.startswith("manifest")} == full_files


@pytest.mark.parametrize("shard", ["0/3", "4/3", "x", "1/0", "1/", "-1/2", "1/2/3"])
def test_a_bad_shard_is_a_clear_error(runner, tmp_path, shard):
    result = batch(runner, EXAMPLES / "batch.yaml", "-o", tmp_path / "out", "--shard", shard)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"--shard: bad shard {shard!r}")
    assert not (tmp_path / "out").exists()


def test_same_batch_twice_gives_identical_bytes_and_manifest(runner, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert batch(runner, EXAMPLES / "batch.yaml", "-o", a, "--jobs", "2").exit_code == 0
    assert batch(runner, EXAMPLES / "batch.yaml", "-o", b, "--jobs", "1").exit_code == 0
    assert files(a) == files(b)
    assert batch(runner, EXAMPLES / "batch.yaml", "-o", a).exit_code == 0  # over the old run
    assert files(a) == files(b)


def press_ctrl_c(times: int, log: list[str]) -> None:
    """As if the user pressed Ctrl-C `times` times, now. `signal.raise_signal` delivers SIGINT to
    this thread and runs its handler before returning (a signal sent to the process may be taken
    by another thread, its handler run later, and two of them merged into one), so where each
    press lands is fixed by the code, never by timing."""
    for _ in range(times):
        log.append("press")
        signal.raise_signal(signal.SIGINT)


@pytest.fixture
def handled(monkeypatch) -> list[str]:
    """A log that the batch's Ctrl-C handler writes "handled" into each time it runs."""
    from drafter.batch import run

    log: list[str] = []
    real = run._Stop._handle

    def handle(self, signum, frame):
        log.append("handled")
        real(self, signum, frame)

    monkeypatch.setattr(run._Stop, "_handle", handle)
    return log


def assert_interrupted_cleanly(result, out: Path, done: int) -> None:
    assert result.exit_code == 130, result.output
    assert "stopping after the variants in progress" in result.stderr
    m = manifest(out)
    assert [v["index"] for v in m["variants"]] == list(range(6))  # each variant exactly once
    assert [v["status"] for v in m["variants"]] == ["ok"] * done + ["interrupted"] * (6 - done)
    assert m["summary"]["interrupted"] == 6 - done
    expected = {o["path"] for v in m["variants"] for o in v["outputs"]} | {"manifest.json"}
    assert set(files(out)) == expected  # no temporary or half-written file, none unrecorded
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize(("presses", "done"), [(1, 3), (2, 3), (5, 3)])
def test_ctrl_c_leaves_no_partial_file_and_a_manifest_of_what_was_done(runner, tmp_path, monkeypatch,
                                                                      handled, presses, done):
    """Ctrl-C lets the variant in hand finish, however often it is pressed: a signal never
    interrupts the bookkeeping, so the manifest lists exactly the files on disk (issue 12).
    The presses come while the third variant renders (a hook)."""
    import drafter.batch.workers as workers

    real = workers._render

    def interrupting(state, index, writer):
        handled.append(f"render {index}")
        if index == 2:
            press_ctrl_c(presses, handled)
        return real(state, index, writer)

    monkeypatch.setattr(workers, "_render", interrupting)
    out = tmp_path / "out"
    result = batch(runner, EXAMPLES / "batch.yaml", "-o", out, "--jobs", "1")
    assert_interrupted_cleanly(result, out, done)
    # each press was handled at once, before variant 2 went on, and no variant started after it
    assert handled == ["render 0", "render 1", "render 2", *["press", "handled"] * presses]


def test_a_second_ctrl_c_while_recording_changes_nothing(runner, tmp_path, monkeypatch, handled):
    """Pressed again while variant 2 is being put in the manifest (not rendering): variant 2
    stays recorded once, as done, and the manifest is still written."""
    import drafter.batch.workers as workers
    from drafter.batch.manifest import ManifestWriter

    real_render, real_add = workers._render, ManifestWriter.add

    def render(state, index, writer):
        if index == 2:
            press_ctrl_c(1, handled)
        return real_render(state, index, writer)

    def add(self, variant, result):
        real_add(self, variant, result)
        if variant.index == 2:
            press_ctrl_c(1, handled)

    monkeypatch.setattr(workers, "_render", render)
    monkeypatch.setattr(ManifestWriter, "add", add)
    out = tmp_path / "out"
    assert_interrupted_cleanly(batch(runner, EXAMPLES / "batch.yaml", "-o", out, "--jobs", "1"), out, 3)
    assert handled == ["press", "handled"] * 2


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_with_worker_processes_starts_nothing_new(runner, tmp_path, monkeypatch, handled, presses):
    """With worker processes, the presses come as soon as the first variant is in the manifest;
    variants already sent to a worker finish, the rest are never sent, and a second press does
    not cut short the recording of what was done."""
    from drafter.batch.manifest import ManifestWriter

    real = ManifestWriter.add

    def add(self, variant, result):
        real(self, variant, result)
        handled.append(f"recorded {variant.index}")
        if variant.index == 0:
            press_ctrl_c(presses, handled)

    monkeypatch.setattr(ManifestWriter, "add", add)
    out = tmp_path / "out"
    result = batch(runner, EXAMPLES / "batch.yaml", "-o", out, "--jobs", "2")
    done = [v["status"] for v in manifest(out)["variants"]].count("ok")
    # 4 variants were in flight (two per worker) when the first was recorded; 4 and 5 never start
    assert 1 <= done <= 4
    assert_interrupted_cleanly(result, out, done)
    assert handled[:1 + 2 * presses] == ["recorded 0", *["press", "handled"] * presses]
    assert handled[1 + 2 * presses:] == [f"recorded {i}" for i in range(1, 6)]


# -- bad batch files -----------------------------------------------------------------------

BAD = [
    ("drafter: 1\nbase: base.yaml\nformat: [md]\n", 3, 1, "unknown key 'format' (did you mean 'formats'?)"),
    ("drafter: 1\nbase: nope.yaml\n", 2, 7, "base spec 'nope.yaml' not found"),
    ("drafter: 2\nbase: base.yaml\n", 1, 10, "unsupported batch format version 2"),
    ("base: base.yaml\n", 1, 1, "missing required key 'drafter'"),
    ("drafter: 1\nbase: base.yaml\nformats: [md, odt]\n", 3, 15, "unknown format 'odt'"),
    ("drafter: 1\nbase: base.yaml\nformats: [md, md]\n", 3, 15, "format 'md' listed twice"),
    ("drafter: 1\nbase: base.yaml\nvariants:\n  - name: a\n    set: {submision.layout: x}\n",
     5, 11, "unknown path 'submision.layout' (did you mean 'submission.layout'?)"),
    ("drafter: 1\nbase: base.yaml\nvariants:\n  - name: a\n    set: {themes.conect: null}\n",
     5, 11, "did you mean 'themes.connect'?"),
    ("drafter: 1\nbase: base.yaml\nvariants:\n  - name: a\n    set: {submission.date.en: x}\n",
     5, 11, "'submission.date' is a single value"),
    ("drafter: 1\nbase: base.yaml\nvariants:\n  - name: a\n    set: {'a..b': x}\n",
     5, 11, "bad path 'a..b'"),
    ("drafter: 1\nbase: base.yaml\nvariants:\n  - name: a\n  - name: a\n", 5, 11,
     "duplicate variant name 'a' (first at line 4)"),
    ("drafter: 1\nbase: base.yaml\nvariants:\n  - nam: a\n", 4, 5, "unknown key 'nam'"),
    ("drafter: 1\nbase: base.yaml\nvariants: []\n", 3, 11, "no variants"),
    ("drafter: 1\nbase: base.yaml\nmatrix:\n  submission.layout: parallel\n", 4, 22,
     "expected a list of values"),
    ("drafter: 1\nbase: base.yaml\nmatrix:\n  submission.languages: [[en], [en]]\n", 4, 32,
     "value 'en' listed twice"),
    ("drafter: 1\nbase: base.yaml\nmatrix:\n  submission: [{layout: parallel}]\n"
     "  submission.layout: [parallel]\n", 5, 3, "overlaps the matrix key 'submission'"),
    ("drafter: 1\nbase: base.yaml\nvariants:\n  - name: a\n    set: {submission.layout: x}\n"
     "matrix:\n  submission.layout: [parallel]\n", 5, 11, "is also varied by the matrix"),
    ("drafter: 1\nbase: base.yaml\nformats: [md, docx]\noutput: '{name}'\n", 4, 9,
     "no {format}, but there are several formats"),
    ("drafter: 1\nbase: base.yaml\noutput: '{nme}.{format}'\n", 3, 9,
     "unknown field {nme} in the output pattern (did you mean {name}?)"),
    ("drafter: 1\nbase: base.yaml\noutput: '{submission.layot}.{format}'\n", 3, 9,
     "did you mean 'submission.layout'?"),
    ("drafter: 1\nbase: base.yaml\noutput: '../{name}.{format}'\n", 3, 9, "uses '..' as a folder"),
    ("drafter: 1\nbase: base.yaml\noutput: '/tmp/{name}.{format}'\n", 3, 9, "absolute path"),
    ("drafter: 1\nbase: base.yaml\noutput: 'a//{name}.{format}'\n", 3, 9, "empty folder name"),
    ("drafter: 1\nbase: base.yaml\noutput: '{name!r}.{format}'\n", 3, 9, "formatting options"),
    ("drafter: 1\nbase: base.yaml\noutput: '{name}}.{format}'\n", 3, 9, "Single '}'"),
    ("drafter: 1\nbase: base.yaml\nvariants: [\n", 4, 1, "invalid YAML"),
    ("drafter: 1\nbase: base.yaml\nbase: other.yaml\n", 3, 1, "duplicate key 'base'"),
    ("drafter: 1\nbase: base.yaml\nvariants:\n  - name: x\n    set: &a {submission.layout: x}\n"
     "  - name: y\n    set: *a\n", 7, 10, "alias *a is not allowed"),
    ("- just a list\n", 1, 1, "expected a mapping"),
]


@pytest.mark.parametrize(("text", "line", "col", "message"), BAD)
def test_bad_batch_files_are_located_errors_and_write_nothing(runner, tmp_path, text, line, col,
                                                              message):
    path = write_batch(tmp_path, text)
    out = tmp_path / "out"
    result = batch(runner, path, "-o", out)
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{line}:{col}: "), first
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_broken_base_spec_is_located_in_the_base(runner, tmp_path):
    path = write_batch(tmp_path, "drafter: 1\nbase: base.yaml\n")
    (tmp_path / "base.yaml").write_text("drafter: 1\nsubmission: [\n", encoding="utf-8")
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'base.yaml'}:3:1: invalid YAML")


def test_invalid_variants_are_recorded_the_same_with_one_or_two_jobs(runner, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert batch(runner, FIXTURES / "batch_broken.yaml", "-o", a, "--jobs", "1").exit_code == 2
    assert batch(runner, FIXTURES / "batch_broken.yaml", "-o", b, "--jobs", "2").exit_code == 2
    assert files(a) == files(b)


def test_paths_in_overrides_are_relative_to_the_batch_file(tmp_path):
    (tmp_path / "specs").mkdir()
    shutil.copy(FIXTURES / "batch_base.yaml", tmp_path / "specs" / "base.yaml")
    (tmp_path / "batches").mkdir()
    path = tmp_path / "batches" / "batch.yaml"
    path.write_text("drafter: 1\nbase: ../specs/base.yaml\nvariants:\n  - name: house\n"
                    "    set: {options.reference_doc: house.docx}\n", encoding="utf-8")
    plan = load_plan(path, ("connect", "data"))
    variant = plan.variant(0)
    assert variant.overrides[0].written == "house.docx"
    spec = check_spec(plan.spec_doc(variant), load_library())
    assert Path(spec.reference_doc).resolve() == (tmp_path / "batches" / "house.docx").resolve()


def test_a_pool_stopped_by_an_error_is_shut_down_before_the_interpreter_exits(tmp_path, monkeypatch):
    """A batch that stops with an error during the survey (a located error, exit 2) must not leave
    its process pool to the interpreter's exit hook: that hook wakes the pool's manager thread
    through a pipe the shutdown already closed, and Python prints "Exception ignored ... Bad file
    descriptor" with a traceback after drafter's message (seen about once in 20 runs)."""
    import os

    from drafter.batch.run import _Workers
    from drafter.batch.workers import build_state

    monkeypatch.chdir(FIXTURES.parent.parent)
    state = build_state("tests/fixtures/batch_matrix.yaml", str(tmp_path / "out"))
    with pytest.raises(RuntimeError), _Workers(state, 2) as workers:
        assert workers.pool is not None
        workers.pool.submit(os.getpid).result()  # the manager thread runs from the first task on
        manager = workers.pool._executor_manager_thread
        raise RuntimeError("a located error during the survey")
    assert manager is not None and not manager.is_alive()
