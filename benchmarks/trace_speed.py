"""Whole-process speed of `drafter trace`, `library search --like` and `drafter import`.

Builds, in a temporary folder: a 100-paragraph Word draft (library paragraphs quoted, edited
and joined, in English and Chinese, with headings and new text, made with python-docx), a
generated 14,000-item user library (four files, random words and Chinese text from the
library's own vocabulary), and the delegation example rendered to DOCX. Each command runs as
its own process, as a user runs it; "warm" means the index cache (compare/cache.py) holds the
library already (the first run of a library builds it), "cold" runs with DRAFTER_CACHE_DIR=off.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _draft(path: Path) -> None:
    import docx

    from drafter.library.load import load_library

    items = list(load_library().items.values())
    rng = random.Random(16)
    document = docx.Document()
    document.add_paragraph("A draft of one hundred paragraphs", style="Title")
    for n in range(100):
        if n % 10 == 0:
            document.add_heading(f"Part {n // 10 + 1}", level=1)
        item = rng.choice(items)
        lang = "zh" if n % 3 == 0 else "en"
        text = item.text[lang]
        kind = n % 5
        if kind == 1:  # edited: a word dropped in the middle
            cut = len(text) // 2
            text = text[:cut] + text[cut + (2 if lang == "zh" else text[cut:].find(" ") + 1) :]
        elif kind == 2:
            text = f"Our own paragraph number {n} says what no source says about community networks."
        elif kind == 3:
            text = text + ("" if lang == "zh" else " ") + rng.choice(items).text[lang]
        document.add_paragraph(f"{n + 1}. {text}")
    document.save(str(path))


def _library(folder: Path, items: int = 14_000) -> None:
    from drafter.library.load import load_library

    lib = load_library()
    rng = random.Random(14)
    words = " ".join(i.text["en"] for i in lib.items.values()).split()
    zh = "".join(i.text["zh"] for i in lib.items.values())
    per_file = items // 4
    for f in range(4):
        lines = (
            [
                "sources:",
                "  big-lib:",
                '    title: {en: "Generated library"}',
                "    languages: [en, zh]",
                "    original: en",
            ]
            if f == 0
            else []
        )
        lines += ["source: big-lib", "items:"]
        for n in range(f * per_file, (f + 1) * per_file):
            en = " ".join(rng.choice(words) for _ in range(rng.randint(20, 70)))
            start = rng.randint(0, len(zh) - 100)
            lines += [
                f"  - id: big-lib.connect.{n}",
                "    kind: statement",
                "    section: commitments",
                "    themes: [connect]",
                f'    source: {{doc: big-lib, ref: {{en: "para. {n}"}}}}',
                "    text:",
                "      en: " + json.dumps(en, ensure_ascii=False),
                "      zh: " + json.dumps(zh[start : start + rng.randint(30, 90)], ensure_ascii=False),
            ]
        (folder / f"big{f}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _process_ms(cmd: list[str], repeats: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeats + 1):  # the first run warms the disk (and the index cache) and is dropped
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1:])


def measure(repeats: int) -> dict[str, float]:
    drafter = shutil.which("drafter") or "drafter"
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft, big, delegation = folder / "draft.docx", folder / "big", folder / "delegation.docx"
        big.mkdir()
        _draft(draft)
        _library(big)
        subprocess.run(
            [drafter, "render", str(ROOT / "examples" / "delegation.yaml"), "-o", str(delegation)],
            check=True,
            capture_output=True,
        )
        warm = {**os.environ, "DRAFTER_CACHE_DIR": str(folder / "cache")}
        cold = {**os.environ, "DRAFTER_CACHE_DIR": "off"}
        trace = [drafter, "trace", str(draft), "--format", "json", "-o", str(folder / "t.json")]
        out["trace, 100-paragraph draft vs built-in library, whole process (ms)"] = _process_ms(trace, repeats, warm)
        out["  same, index cache off (ms)"] = _process_ms(trace, repeats, cold)
        big_trace = [*trace, "--library", str(big)]
        out["trace, 100 paragraphs vs 14,000-item user library, whole process (ms)"] = _process_ms(
            big_trace, repeats, warm
        )
        out["  same, first run: validate + index + cache the library (ms)"] = _process_ms(big_trace, 1, cold)
        like = [drafter, "library", "search", "--like", "The deployment of IPv6 should be sped up to connect people"]
        out["library search --like, whole process (ms)"] = _process_ms(like, repeats, warm)
        imp = [drafter, "import", str(delegation), "-o", str(folder / "imported.yaml")]
        out["import of the delegation example (DOCX), whole process (ms)"] = _process_ms(imp, repeats, warm)
    return out


if __name__ == "__main__":
    for key, value in measure(5).items():
        print(f"{key}: {value:,.0f}")
