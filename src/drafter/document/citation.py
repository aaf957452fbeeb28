"""How a submission cites its sources, in each language's punctuation — decided once, here.

Both writers print these strings as they are: a paragraph's citation (a footnote in either
format), its footnote (`note`: the citation, "Adapted from …" for changed wording, "Ibid." for
the same source again), a source's entry in the list of sources, and the status marks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from drafter.document.labels import LABELS, MARK_BRACKETS
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


def note(title: Text, date: str, ref: Text, lang: str, *, adapted: bool = False, ibid: bool = False) -> str:
    """A paragraph's footnote in `lang`: its citation, "Adapted from …" when that version's wording
    was changed, or "Ibid., place." when the note before it cites the same source.

    An adapted citation is always written in full: "Adapted from ibid." would hide what was
    adapted from where.
    """
    if adapted:
        return pick(LABELS["adapted"], lang).format(citation=citation(title, date, ref, lang))
    if ibid:
        where = pick(ref, lang)
        return pick(LABELS["ibid"], lang).format(ref=where) if where else pick(LABELS["ibid_only"], lang)
    return citation(title, date, ref, lang)


def joint(notes: Mapping[str, str], langs: Sequence[str]) -> str:
    """One footnote carrying every language's note, in display order (parallel, interleaved)."""
    return " ".join(notes[lang] for lang in langs if notes.get(lang))


def with_id(text: str, item_id: str) -> str:
    """A note with the library item id after it, when the spec asks for ids (`options.show_ids`)."""
    return f"{text} [{item_id}]"


def mark(word: str, lang: str) -> str:
    """A visible status mark in `lang`'s brackets: `[edited]`, `〔已修改〕`."""
    left, right = MARK_BRACKETS.get(lang, ("[", "]"))
    return f"{left}{word}{right}"
