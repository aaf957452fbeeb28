"""Which unit should a Chinese redline mark: characters, or words segmented by jieba?

    pip install jieba && python scripts/redline_units.py

For every Chinese library item, four realistic edits are made at word boundaries (jieba's
words, so the edits are the ones a drafter makes: a word replaced, a qualifier added, a word
removed, two words replaced), deterministically (seeded). Each edit is diffed by the project's
one engine, `drafter.compare.diff`, once with its own tokens (characters for Chinese) and once
with jieba's words as tokens (`split=`), and the redlines are measured:

- marks: revision elements (`w:del` + `w:ins`) per edited paragraph;
- stretches: changed places a reader must look at (a deletion next to an insertion is one);
- marked: characters struck through or underlined (what the reader has to read twice);
- cut words: revision edges falling inside a jieba word (a mark that splits 发展 into 发|展);
- whole words: the share of redlines that strike and insert whole words (e.g. 加强→增强
  shown as 加强|增强, not as 加|增 before an unchanged 强);
- exact: the share of redlines whose marked text is exactly the edit (nothing more, nothing less).

The numbers are printed as a Markdown table for docs/redline.md.
"""

from __future__ import annotations

import random
import statistics
import sys
from collections.abc import Callable

from drafter.compare import diff
from drafter.library.load import load_library

# Near-synonyms a drafter swaps in Chinese policy text; each pair shares a character.
SYNONYMS = {"加强": "增强", "推动": "推进", "促进": "推进", "支持": "支撑", "合作": "协作", "建设": "建立",
            "治理": "管理", "数字": "数据", "共同": "协同", "各国": "各方", "发展": "进展", "安全": "保障安全"}
QUALIFIERS = ("积极", "切实", "在联合国框架下", "包括发展中国家在内的", "共同", "进一步")


def edits(text: str, words: list[str], rng: random.Random) -> list[tuple[str, str, int]]:
    """(kind, edited text, characters changed) for one item."""
    spans, at = [], 0
    for w in words:
        spans.append((at, at + len(w)))
        at += len(w)
    content = [i for i, w in enumerate(words) if len(w) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in w)]
    if len(content) < 3:
        return []
    others = [w for w in words if len(w) == 2]
    out = []
    i = rng.choice(content)
    repl = rng.choice([w for w in others if w != words[i]] or ["推动"])
    out.append(("replace", _put(words, {i: repl}), len(words[i]) + len(repl)))
    j = rng.choice(content)
    q = rng.choice(QUALIFIERS)
    out.append(("qualify", _put(words, {j: q + words[j]}), len(q)))
    k = rng.choice(content)
    out.append(("remove", _put(words, {k: ""}), len(words[k])))
    swaps = [i for i in content if words[i] in SYNONYMS]
    if swaps:
        s = rng.choice(swaps)
        out.append(("synonym", _put(words, {s: SYNONYMS[words[s]]}), len(words[s]) + len(SYNONYMS[words[s]])))
    a, b = rng.sample(content, 2)
    r1, r2 = rng.choice(others or ["推动"]), rng.choice(others or ["加强"])
    out.append(("replace two", _put(words, {a: r1, b: r2}), len(words[a]) + len(words[b]) + len(r1) + len(r2)))
    return out


def _put(words: list[str], changes: dict[int, str]) -> str:
    return "".join(changes.get(i, w) for i, w in enumerate(words))


def measure(a: str, b: str, split: Callable[[str], list[str]] | None, cut_at: set[int]) -> tuple[int, int, int, int]:
    parts = diff(a, b, "zh", split=split)
    marks = sum(op != "equal" for op, _ in parts)
    stretches, marked, cuts, pos, prev = 0, 0, 0, 0, "equal"
    for op, text in parts:
        if op != "equal" and prev == "equal":
            stretches += 1
        if op != "equal":
            marked += len(text)
        if op != "insert":  # edges measured in the source text
            for edge in (pos, pos + len(text)):
                if op == "delete" and edge in cut_at:
                    cuts += 1
            pos += len(text)
        elif pos in cut_at:
            cuts += 1
        prev = op
    return marks, stretches, marked, cuts


def main() -> int:
    import jieba

    jieba.setLogLevel(60)
    split = lambda t: list(jieba.cut(t, HMM=False))  # noqa: E731 - deterministic: dictionary only
    rng = random.Random(17)
    lib = load_library()
    rows: dict[str, dict[str, list[float]]] = {"character": {}, "jieba word": {}}
    for item in sorted(lib.items.values(), key=lambda i: i.id):
        text = item.text.get("zh", "").replace("\n", "")
        if not text:
            continue
        words = split(text)
        inside, at = set(), 0
        for w in words:
            inside.update(range(at + 1, at + len(w)))  # an edge strictly inside a word
            at += len(w)
        for kind, edited, changed in edits(text, words, rng):
            for unit, fn in (("character", None), ("jieba word", split)):
                marks, stretches, marked, cuts = measure(text, edited, fn, inside)
                m = rows[unit]
                for key, value in (("marks", marks), ("stretches", stretches), ("marked", marked),
                                   ("cut words", cuts), ("whole", float(cuts == 0)),
                                   ("exact", float(marked == changed)), ("n", 1)):
                    m.setdefault(key, []).append(value)
                    m.setdefault(f"{kind}:{key}", []).append(value)
    print("| unit | edit | edits | marks / paragraph | stretches / paragraph | characters marked "
          "| cut words | whole words | exact |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    kinds = ["", "replace:", "synonym:", "qualify:", "remove:", "replace two:"]
    for prefix in kinds:
        for unit, m in rows.items():
            def mean(key: str, m: dict[str, list[float]] = m, prefix: str = prefix) -> float:
                return statistics.mean(m[prefix + key])
            print(f"| {unit} | {prefix.rstrip(':') or 'all'} | {len(m[prefix + 'n'])} | {mean('marks'):.2f} "
                  f"| {mean('stretches'):.2f} | {mean('marked'):.2f} | {mean('cut words'):.2f} "
                  f"| {100 * mean('whole'):.0f}% | {100 * mean('exact'):.0f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
