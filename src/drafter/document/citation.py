"""How a submission cites its sources, in each language's punctuation — decided once, here.

Both writers print these strings as they are: a paragraph's citation (a footnote in either
format) and a source's entry in the list of sources (the DOCX annex).
"""

from __future__ import annotations

from drafter.library.model import Text, pick


def citation(title: Text, date: str, ref: Text, lang: str) -> str:
    """`Short title (date), place in the source.` in `lang`'s punctuation.

    A source or reference that lacks `lang` is cited in the first language it has.
    """
    shown, where = pick(title, lang), pick(ref, lang)
    if lang == "zh":
        when = f"（{date}）" if date else ""
        return f"{shown}{when}，{where}。" if where else f"{shown}{when}。"
    when = f" ({date})" if date else ""
    return f"{shown}{when}, {where}." if where else f"{shown}{when}."


def source_entry(title: Text, issuer: Text, date: str, lang: str) -> str:
    """`Title. Issuer, date.` — one source in the list of sources, in `lang`'s punctuation."""
    shown, by = pick(title, lang), pick(issuer, lang)
    return f"{shown}。{by}，{date}。" if lang == "zh" else f"{shown}. {by}, {date}."
