"""Warnings before a spec quotes words it should not make its own.

Two things a drafter must decide, and `validate` says so (warnings; `--strict` makes them
errors):

- **voice**: an item marked `voice: author` speaks as its source's author ("China advocates …",
  中方愿 …). Quoted under another submitter's name it would make that submitter speak as the
  author. The honest choices: edit the paragraph (it is then marked edited) or quote it
  attributed (`attributed: true`), which renders it as a quotation with a lead-in naming the
  author: "As stated by China: “…”" / "中国表示：“……”" (see `document.labels.attribution`).
- **sic**: an item whose source probably prints an error (参与和参与) is quoted as printed; the
  warning names the item and the words, so the drafter can quote it knowingly or edit it.

Whether the submitter *is* the author is decided from the submitter's names (see `is_author`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from drafter.library.model import Item, Source
from drafter.load.checks import Checker

_ORGANS = ("政府", "代表团", "常驻", "驻", "外交部", "国务院", "方")
_SENTENCE = re.compile(r"[^.;。；!?！？]+[.;。；!?！？]?")
CLIP = 100


def is_author(author: Mapping[str, str], submitter: Mapping[str, str]) -> bool:
    """Whether the submitter is the source's author, by name in any language.

    English: the author's name as whole words, not running on into another name ("Delegation of
    China", "the People's Republic of China to the United Nations" are China; "China IGF",
    "China Internet Governance Forum" are not). Chinese: the submitter is the author's name, or
    begins with it followed by an organ of state (中国政府, 中国代表团, 中国常驻…).
    """
    en, zh = author.get("en"), author.get("zh")
    if en and submitter.get("en") and re.search(rf"(?<![\w']){re.escape(en)}(?![\w'])(?!\s+[A-Z0-9])",
                                                 submitter["en"]):
        return True
    if zh and submitter.get("zh"):
        name = submitter["zh"].strip()
        if name == zh or any(name.startswith(zh + organ) for organ in _ORGANS):
            return True
    return False


def voice_sentence(text: str, author: Mapping[str, str], lang: str) -> str:
    """The sentence that speaks as the author: the author (or we, 中方) as its subject."""
    sentences: list[str] = [s.strip() for s in _SENTENCE.findall(text.replace("\n", " ")) if s.strip()]
    name = re.escape(author.get(lang) or author.get("en") or "")
    subjects = [name] if name else []
    subjects += ["中方", "我们", "我国"] if lang == "zh" else ["We"]
    lead = r"[^，,。；;]*[，,]\s*" if lang == "zh" else r"[^,.;]*,\s*"
    for subject in subjects:
        pattern = re.compile(rf"^(?:{lead})?{subject}(?![A-Za-z])")
        found = next((s for s in sentences if pattern.search(s)), None)
        if found:
            return found
    fallback: str = sentences[0] if sentences else ""
    return next((s for s in sentences if name and re.search(name, s)), fallback)


def _clip(text: str) -> str:
    return text if len(text) <= CLIP else text[: CLIP - 1].rstrip() + "…"


def quote_warnings(ck: Checker, item: Item, source: Source, *, path: tuple[Any, ...], edits: Mapping[str, str],
                   languages: tuple[str, ...], submitter: Mapping[str, str], attributed: bool) -> None:
    """Warn (at `path`) where this entry quotes a voice item under another name or a sic'd text."""
    quoted = [lang for lang in languages if lang in item.text and lang not in edits]
    if item.voice == "author" and source.author and quoted and not attributed and not is_author(
            source.author, submitter):
        lang = quoted[0]
        who = source.author.get("en") or next(iter(source.author.values()))
        shown = " / ".join(submitter[x] for x in languages if x in submitter) or "not given"
        sentence = _clip(voice_sentence(item.text[lang], source.author, lang))
        ck.warn(path, f"{item.id} speaks in the voice of {who} (“{sentence}”), but the submitter is {shown}",
                "edit the text, which marks it edited, or quote it attributed: `attributed: true` on this entry "
                f"or `options.attributed: true` renders it as “As stated by {who}: …”")
    for sic in item.sic:
        if sic.lang in quoted:
            reading = f"; it probably reads “{sic.reading}”" if sic.reading else ""
            ck.warn(path, f"{item.id} quotes “{_clip(sic.text)}” as the source prints it{reading}: {sic.note}",
                    "quote it as printed, or edit the paragraph, which marks it edited")
