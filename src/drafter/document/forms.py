"""The forms a UN body receives, decided for the document model: the masthead of each version,
the UN's title of a letter or note verbale, and a letter's signature block.

Facts followed (UN Editorial Manual, "Communications"; docs/spec.md): a communication is a
letter or a note verbale addressed to the Secretary-General or the President of an organ; a
letter is signed, the block aligned at the right margin as "(Signed) Name" and the title lines
the mission gives; a note verbale is unsigned; the masthead carries the symbol, the date and
"Original: <language>", and a version in another language is a translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from drafter.document import labels as L
from drafter.document.model import Masthead
from drafter.library.model import Text, pick
from drafter.spec.model import Spec


def masthead(spec: Spec, dates: Text) -> Mapping[str, Masthead]:
    """Each version's masthead, or none when the spec asks for nothing a masthead shows."""
    if not (spec.symbol or spec.original_language or spec.agenda_item or spec.form != "contribution"):
        return MappingProxyType({})
    original = spec.original_language
    out = {}
    for lang in spec.languages:
        out[lang] = Masthead(
            symbol=spec.symbol,
            date=dates[lang],
            original=L.original_line(lang, original) if original else "",
            translation=pick(L.LABELS["translation"], lang) if original and original != lang else "",
            agenda_item=spec.agenda_item.get(lang, ""),
        )
    return MappingProxyType(out)


def heading(spec: Spec, dates: Text) -> Text:
    """The title of a letter or note verbale in each language; empty for a contribution."""
    if spec.form == "contribution":
        return MappingProxyType({})
    out = {}
    for lang in spec.languages:
        addressee = spec.addressee.get(lang) or pick(L.LABELS["secretary_general"], lang)
        out[lang] = L.communication_heading(lang, spec.form, dates[lang], spec.submitter.get(lang, ""), addressee)
    return MappingProxyType(out)


def signature(spec: Spec) -> Mapping[str, tuple[str, ...]]:
    """A letter's signature block per language; nothing for a contribution or a note verbale."""
    if spec.form != "letter":
        return MappingProxyType({})
    return MappingProxyType({lang: L.signature(lang, spec.signatory[lang]) for lang in spec.languages
                             if lang in spec.signatory})
