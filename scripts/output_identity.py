"""Output identity: the sha256 of everything drafter writes or prints, recorded and compared.

A refactoring must not change a single output byte. This script runs the real CLI
(`python -m drafter`, in fresh processes) over every example and fixture spec (Markdown,
DOCX and HTML, and a batch of every layout x provenance x mark_edits combination of each), the example
and fixture batch files, every stored corpus input (its exit code, stdout and stderr), and the
informational commands (`schema`, `init`, `library …`), and hashes each result.

    python scripts/output_identity.py record        # write scripts/output_identity.sha256
    python scripts/output_identity.py check         # compare; exit 1 and name every difference
    python scripts/output_identity.py check --keep DIR   # also keep the outputs, to diff them

`--tree PATH` runs another checkout's code and data (e.g. `--tree /work/main` to record what
main does before a merge). Commands run with that tree as the working folder and relative
paths, so located messages are the same in every checkout.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
LIST = HERE / "scripts" / "output_identity.sha256"
SCRATCH = "build/identity"  # inside the tree (gitignored): batch folders named relatively

Command = tuple[str, list[str]]  # (name, CLI arguments)


def _specs(tree: Path) -> list[str]:
    """Example and fixture specs: YAML files with `submission:` and no `base:` (not batches)."""
    out = []
    for folder in ("examples", "tests/fixtures"):
        for path in sorted((tree / folder).glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if "\nsubmission:" in text and "\nbase:" not in text:
                out.append(path.relative_to(tree).as_posix())
    return out


def _matrix_batch(tree: Path, spec: str) -> str:
    """A batch file rendering `spec` in every layout, provenance mode and edit marking."""
    name = spec.replace("/", "_").removesuffix(".yaml")
    batch = tree / SCRATCH / "batches" / f"{name}.yaml"
    batch.parent.mkdir(parents=True, exist_ok=True)
    base = os.path.relpath(tree / spec, batch.parent)
    batch.write_text(
        "drafter: 1\n"
        f"base: {base}\n"
        "formats: [docx, md, html]\n"
        'output: "{name}.{format}"\n'
        "matrix:\n"
        "  submission.layout: [parallel, sequential, interleaved]\n"
        "  options.provenance: [annex, footnotes, none]\n"
        "  options.mark_edits: [true, false]\n",
        encoding="utf-8",
    )
    return batch.relative_to(tree).as_posix()


def commands(tree: Path) -> Iterator[Command]:
    """Every command whose output is recorded, named for the list."""
    for spec in _specs(tree):
        yield f"validate {spec}", ["validate", spec]
        for fmt in ("md", "docx", "html"):
            yield f"render {spec} {fmt}", ["render", spec, "--format", fmt, "-o", "-"]
        yield f"matrix {spec}", ["batch", _matrix_batch(tree, spec), "-o", f"{SCRATCH}/out/matrix-{spec}", "-j", "2"]
    batches = ["examples/batch.yaml", *sorted(p.relative_to(tree).as_posix()
                                              for p in (tree / "tests/fixtures").glob("batch_*.yaml"))]
    for batch in batches:
        yield f"batch {batch}", ["batch", batch, "-o", f"{SCRATCH}/out/{batch}", "-j", "2"]
        yield f"batch --dry-run {batch}", ["batch", batch, "-o", f"{SCRATCH}/dry/{batch}", "--dry-run"]
    corpus = tree / "tests/corpus"
    for path in sorted((corpus / "specs").glob("*.yaml")):
        rel = path.relative_to(tree).as_posix()
        yield f"validate {rel}", ["validate", rel]
        yield f"render {rel} md", ["render", rel, "--format", "md", "-o", "-"]
    for path in sorted((corpus / "libraries").glob("*.yaml")):
        rel = path.relative_to(tree).as_posix()
        yield f"library list --library {rel}", ["library", "list", "--library", rel]
    for path in sorted((corpus / "batches").glob("*.yaml")):
        rel = path.relative_to(tree).as_posix()
        if rel.endswith("/base.yaml"):
            continue
        yield f"batch {rel}", ["batch", rel, "-o", f"{SCRATCH}/out/{rel}", "-j", "1"]
    for path in sorted((corpus / "templates").iterdir()):
        if path.name == "infinite-loop":  # ten seconds to time out, and the message says so
            continue
        rel = path.relative_to(tree).as_posix()
        yield f"templates {rel}", ["render", "examples/delegation.yaml", "--format", "md", "--templates", rel,
                                   "-o", "-"]
    yield "templates built-in copy", ["render", "examples/delegation.yaml", "--format", "md", "--templates",
                                      "templates", "-o", "-"]
    yield "schema", ["schema"]
    yield "init", ["init"]
    for source in ("cn-igf", "cn-gdc", "gdi-nonpaper", "cn-cyberspace-wp", "no-such-source"):
        yield f"init --source {source}", ["init", "--source", source]
    for fmt in ("table", "json"):
        yield f"library list {fmt}", ["library", "list", "--format", fmt]
    yield "library list --theme data --source cn-igf", ["library", "list", "--theme", "data", "--source", "cn-igf"]
    yield "library list --kind bad", ["library", "list", "--kind", "bad"]
    for item in ("cn-igf.connect.c1", "cn-gdc.ai.3", "no.such.item"):
        yield f"library show {item}", ["library", "show", item]
        yield f"library show {item} json", ["library", "show", item, "--format", "json"]
    for query in ("IPv6", "网络空间命运共同体", "data protection", "zzzz"):
        yield f"library search {query}", ["library", "search", *query.split()]
    yield "library sources", ["library", "sources"]
    yield "library themes", ["library", "themes"]
    yield "library check", ["library", "check"]
    for fixture in ("glossary_good", "glossary_bad", "glossary_ngo"):
        yield f"library check {fixture}", ["library", "check", f"tests/fixtures/{fixture}.yaml"]
    for group in ([], ["library"], ["library", "list"], ["render"], ["validate"], ["batch"], ["init"], ["schema"]):
        yield "help " + " ".join(group), [*group, "--help"]


def _env(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(tree / "src"), COLUMNS="120", LC_ALL="C.UTF-8", PYTHONHASHSEED="0")
    for name in ("DRAFTER_DEBUG", "CI", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run(tree: Path, name: str, args: list[str], keep: Path | None) -> list[tuple[str, str]]:
    """Run one command; the hashes of its exit code, stdout, stderr and any files it wrote."""
    target = args[args.index("-o") + 1] if "-o" in args else "-"
    out_dir = tree / target if target != "-" else None
    if out_dir is not None and out_dir.exists():
        shutil.rmtree(out_dir)
    proc = subprocess.run([sys.executable, "-m", "drafter", *args], cwd=tree, env=_env(tree),
                          capture_output=True, timeout=300)
    results = [(f"{name} :exit", _digest(str(proc.returncode).encode())),
               (f"{name} :stdout", _digest(proc.stdout)), (f"{name} :stderr", _digest(proc.stderr))]
    if keep is not None:
        base = keep / name.replace("/", "_").replace(" ", "_")
        base.mkdir(parents=True, exist_ok=True)
        (base / "stdout").write_bytes(proc.stdout)
        (base / "stderr").write_bytes(proc.stderr)
        (base / "exit").write_text(str(proc.returncode))
    if out_dir is not None and out_dir.is_dir():
        for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(out_dir).as_posix()
            results.append((f"{name} :file {rel}", _digest(path.read_bytes())))
            if keep is not None:
                target = keep / name.replace("/", "_").replace(" ", "_") / "files" / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    return results


def collect(tree: Path, keep: Path | None, jobs: int) -> dict[str, str]:
    scratch = tree / SCRATCH
    if scratch.exists():
        shutil.rmtree(scratch)
    todo = list(commands(tree))
    names = [n for n, _ in todo]
    if len(set(names)) != len(names):
        raise SystemExit("duplicate command names in output_identity.py")
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        found = list(pool.map(lambda c: run(tree, c[0], c[1], keep), todo))
    shutil.rmtree(scratch, ignore_errors=True)
    return {k: v for result in found for k, v in result}


def _read(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            digest, name = line.split("  ", 1)
            out[name] = digest
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["record", "check"])
    parser.add_argument("--tree", type=Path, default=HERE, help="checkout whose code and data run")
    parser.add_argument("--list", type=Path, default=LIST, help="the recorded hash list")
    parser.add_argument("--keep", type=Path, help="keep every output in this folder")
    parser.add_argument("--jobs", type=int, default=2)
    opts = parser.parse_args()
    tree = opts.tree.resolve()
    found = collect(tree, opts.keep, opts.jobs)
    if opts.action == "record":
        lines = [f"{digest}  {name}" for name, digest in sorted(found.items())]
        opts.list.write_text("# sha256 of every output; scripts/output_identity.py writes and checks it\n"
                             + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"recorded {len(found)} hashes in {opts.list}")
        return 0
    recorded = _read(opts.list)
    differ = sorted(n for n in found.keys() & recorded.keys() if found[n] != recorded[n])
    missing = sorted(recorded.keys() - found.keys())
    extra = sorted(found.keys() - recorded.keys())
    for label, names in (("differs", differ), ("missing", missing), ("new", extra)):
        for name in names:
            print(f"{label}: {name}")
    same = len(found.keys() & recorded.keys()) - len(differ)
    print(f"{same} of {len(recorded)} recorded outputs identical; {len(differ)} differ, "
          f"{len(missing)} missing, {len(extra)} new")
    return 1 if differ or missing or extra else 0


if __name__ == "__main__":
    sys.exit(main())
