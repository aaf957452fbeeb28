"""The coverage picture of `drafter stats --svg`: the framework's sections × the sources quoted.

Plain SVG 1.1 built with `xml.etree.ElementTree`, which escapes every text and attribute, so a
title holding `<` or `&` stays text; no plotting library. Each cell says how many paragraphs of
that source the section holds and, where the framework sets a limit, the share of the budget
they use (red past the limit). The same coverage gives the same bytes: no clock, no random ids.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

from drafter.document.budget import Cell, Coverage
from drafter.writers.bidi import has_rtl

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "Noto Sans, Noto Sans CJK SC, Noto Sans Arabic, DejaVu Sans, sans-serif"
LABEL_W, CELL_W, HEAD_H, ROW_H, PAD = 380, 150, 64, 36, 16
EMPTY, FULL, OVER, SCALE = "#f4f4f4", "#4a7ab5", "#c0392b", "#dce7f3"


def _width(text: str) -> float:
    """Rough rendered width in ems: wide (CJK) characters one em, others a little over half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.56 for ch in text)


def _clip(text: str, ems: float) -> str:
    out, used = "", 0.0
    for ch in text:
        w = _width(ch)
        if used + w > ems - 1:
            return out.rstrip() + "…"
        out += ch
        used += w
    return out


def _lines(text: str, ems: float, most: int) -> list[str]:
    """`text` wrapped at spaces (or anywhere in CJK) into at most `most` lines."""
    lines: list[str] = []
    current = ""
    for word in text.replace("\n", " ").split(" "):
        trial = f"{current} {word}".strip()
        if _width(trial) <= ems - 1 or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > most:
        lines = [*lines[:most - 1], _clip(" ".join(lines[most - 1:]), ems)]
    return [_clip(line, ems) for line in lines]


def _text(parent: ET.Element, x: float, y: float, text: str, size: int = 12, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, "text", {"x": f"{x:g}", "y": f"{y:g}", "font-size": str(size), **attrs})
    if has_rtl(text):
        node.set("direction", "rtl")
        node.set("unicode-bidi", "embed")
    node.text = text
    return node


def _fill(cell: Cell | None, most: int) -> str:
    if cell is None:
        return EMPTY
    if cell.share is not None:
        if cell.share > 1:
            return OVER
        return _mix(SCALE, FULL, cell.share)
    return _mix(SCALE, FULL, cell.paragraphs / max(most, 1))


def _mix(low: str, high: str, t: float) -> str:
    t = min(max(t, 0.0), 1.0)
    a = [int(low[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(high[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def _caption(cell: Cell, unit: str) -> str:
    text = f"{cell.paragraphs} ¶ · {cell.length:,} {unit}"
    return text + (f" · {cell.share:.0%}" if cell.share is not None else "")


def coverage_svg(cov: Coverage, unit: str) -> bytes:
    """The coverage as an SVG document; `unit` names what the lengths count (words, characters)."""
    width = PAD * 2 + LABEL_W + CELL_W * max(len(cov.columns), 1)
    height = PAD * 2 + 40 + HEAD_H + ROW_H * len(cov.rows) + 40
    root = ET.Element("svg", {"xmlns": SVG_NS, "version": "1.1", "width": str(width), "height": str(height),
                              "viewBox": f"0 0 {width} {height}", "font-family": FONT})
    ET.SubElement(root, "rect", {"width": str(width), "height": str(height), "fill": "#ffffff"})
    _text(root, PAD, PAD + 18, _clip(f"Coverage: {cov.title}", (width - 2 * PAD) / 16), 16, **{"font-weight": "bold"})
    top = PAD + 40
    for i, column in enumerate(cov.columns):
        x = PAD + LABEL_W + CELL_W * i
        for j, line in enumerate(_lines(cov.column_titles.get(column, column), (CELL_W - 12) / 11, 3)):
            _text(root, x + 6, top + 16 + 15 * j, line, 11, **{"font-weight": "bold"})
    most = max((c.paragraphs for r in cov.rows for c in r.cells.values()), default=1)
    for r, row in enumerate(cov.rows):
        y = top + HEAD_H + ROW_H * r
        ET.SubElement(root, "line", {"x1": str(PAD), "y1": str(y), "x2": str(width - PAD), "y2": str(y),
                                     "stroke": "#cccccc", "stroke-width": "1"})
        limit = f"limit {row.limit}" if row.limit is not None else ""
        second = " · ".join(x for x in (row.section, limit) if x)
        _text(root, PAD, y + (15 if second else ROW_H / 2 + 4), _clip(row.label, (LABEL_W - 12) / 12), 12)
        if second:
            _text(root, PAD + 12, y + 29, _clip(second, (LABEL_W - 24) / 11), 11, fill="#555555")
        for i, column in enumerate(cov.columns):
            cell = row.cells.get(column)
            x = PAD + LABEL_W + CELL_W * i
            ET.SubElement(root, "rect", {"x": str(x + 2), "y": str(y + 3), "width": str(CELL_W - 4),
                                         "height": str(ROW_H - 6), "rx": "3", "fill": _fill(cell, most)})
            if cell is not None:
                strength = cell.share if cell.share is not None else cell.paragraphs / max(most, 1)
                dark = strength > 0.55
                _text(root, x + CELL_W / 2, y + ROW_H / 2 + 4, _caption(cell, row.limit.unit if row.limit else unit),
                      11, **{"text-anchor": "middle", "fill": "#ffffff" if dark else "#1a1a1a"})
    legend = ("¶ paragraphs quoted · length of their text · share of the section's limit "
              "(red: over the limit); empty: nothing quoted")
    _text(root, PAD, height - PAD - 4, _clip(legend, (width - 2 * PAD) / 11), 11, fill="#555555")
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
