"""Trace results for people: a terminal table (diffs coloured on a terminal) and an HTML report.

The HTML report is one self-contained file (no scripts, no outside resources) that a reviewer
opens in a browser: per paragraph, the library's words on the left with deletions struck
through, the draft's on the right with insertions marked, and the verdict between them. All
text is escaped; nothing in it depends on the clock.
"""

from __future__ import annotations

import html

from drafter.compare.diff import Diff
from drafter.drafts.trace import Trace, Traced

CONTEXT = 40  # characters of unchanged text kept around each change in the terminal


def _verdict(p: Traced, result: Trace) -> str:
    m = p.match
    if m.status == "new":
        if m.nearest is None:
            return "no close library text"
        return f"nearest {m.nearest.entry.key} ({m.score:.2f})"
    ids = " + ".join(piece.entry.key for piece in m.pieces)
    extent = {"part": "part of ", "join": "join of ", "whole": ""}[m.extent or "whole"]
    unofficial = any(p.lang in result.items[piece.entry.key].unofficial for piece in m.pieces)
    return f"{extent}{ids}" + (" (unofficial translation)" if unofficial else "")


def _inline_diff(parts: Diff, color: bool) -> str:
    """The changes with a little context; coloured, or in [-deleted-]{+inserted+} form."""
    import click

    out = []
    for i, (op, text) in enumerate(parts):
        text = text.replace("\n", " ")
        if op == "equal":
            if len(text) > 2 * CONTEXT:
                head = text[:CONTEXT] if i else ""
                tail = text[-CONTEXT:] if i < len(parts) - 1 else ""
                text = head + " … " + tail if head or tail else "…"
            out.append(text)
        elif op == "delete":
            out.append(click.style(text, fg="red", strikethrough=True) if color else f"[-{text}-]")
        else:
            out.append(click.style(text, fg="green", underline=True) if color else f"{{+{text}+}}")
    return "".join(out)


def _preview(text: str, width: int = 100) -> str:
    """The start of a paragraph on one line (by characters: Chinese has no spaces to cut at)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def table(result: Trace, *, color: bool = False) -> str:
    """One line per paragraph (number, language, status, score, source), then its changes."""
    import click

    colors = {"verbatim": "green", "edited": "yellow", "new": "cyan"}
    lines = []
    for p in result.paragraphs:
        m = p.match
        status = f"{m.status:<8}"
        if color:
            status = click.style(status, fg=colors[m.status], bold=True)
        where = p.block.location
        lines.append(f"{p.index:>4}  {p.lang:<3} {status} {m.score:4.2f}  {_verdict(p, result)}  [{where}]")
        preview = _preview(p.block.text)
        lines.append(f"      {preview}")
        if m.status == "edited":
            lines.append("      " + _inline_diff(m.diff, color))
    s = result.summary()
    lines.append(f"{len(result.paragraphs)} paragraphs: {s['verbatim']} verbatim, {s['edited']} edited, {s['new']} new")
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:"Noto Serif","Times New Roman",serif;margin:2em;max-width:80em;color:#222}
h1{font-size:1.4em} table{border-collapse:collapse;width:100%} td,th{vertical-align:top;padding:.5em;
border-top:1px solid #ccc;text-align:left} th{background:#f4f4f4} .n{width:3em;color:#666}
del{background:#fdd;color:#900} ins{background:#dfd;color:#060;text-decoration:none}
.verbatim{color:#060;font-weight:bold} .edited{color:#a60;font-weight:bold} .new{color:#06a;font-weight:bold}
.meta{font-size:.85em;color:#555} td.text{width:42%}
""".strip()


def _side(parts: Diff, keep: str) -> str:
    """One side of a diff as HTML: the library side shows deletions, the draft side insertions."""
    out = []
    for op, text in parts:
        escaped = html.escape(text).replace("\n", "<br>")
        if op == "equal":
            out.append(escaped)
        elif op == keep:
            out.append(f"<{'del' if op == 'delete' else 'ins'}>{escaped}</{'del' if op == 'delete' else 'ins'}>")
    return "".join(out)


def report_html(result: Trace, title: str) -> str:
    """The side-by-side review page."""
    s = result.summary()
    rows = []
    for p in result.paragraphs:
        m = p.match
        if m.status == "new":
            left = html.escape(m.nearest.text) if m.nearest else ""
            left = f'<span class="meta">nearest, {m.score:.2f}:</span><br>{left}' if left else ""
            right = html.escape(p.block.text).replace("\n", "<br>")
        else:
            left, right = _side(m.diff, "delete"), _side(m.diff, "insert")
        verdict = html.escape(_verdict(p, result))
        where = html.escape(str(p.block.location))
        refs = "; ".join(
            html.escape(f"{result.items[x.entry.key].source}, {result.items[x.entry.key].ref_in(p.lang)}")
            for x in m.pieces
        )
        rows.append(
            f'<tr id="p{p.index}"><td class="n">{p.index}<br><span class="meta">{html.escape(p.lang)}</span></td>'
            f'<td class="text" lang="{html.escape(p.lang)}">{left}</td>'
            f'<td><span class="{m.status}">{m.status}</span> {m.score:.2f}<br>{verdict}'
            f'<br><span class="meta">{refs}</span><br><span class="meta">{where}</span></td>'
            f'<td class="text" lang="{html.escape(p.lang)}">{right}</td></tr>'
        )
    heading = html.escape(title)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>Trace: {heading}</title><style>{_CSS}</style></head><body>"
        f"<h1>Where the words of {heading} come from</h1>"
        f'<p>{len(result.paragraphs)} paragraphs: <span class="verbatim">{s["verbatim"]} verbatim</span>, '
        f'<span class="edited">{s["edited"]} edited</span>, <span class="new">{s["new"]} new</span>. '
        "Left: the library's words (deletions struck through); right: the draft (insertions marked).</p>"
        "<table><tr><th>#</th><th>Library</th><th>Verdict</th><th>Draft</th></tr>"
        + "".join(rows)
        + "</table></body></html>\n"
    )
