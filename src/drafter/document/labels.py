"""Fixed phrases of a submission in each of the six UN languages, composed for every writer.

Kept in one place so the Markdown and DOCX outputs say the same thing, and so a language needs
one entry (in `phrases.py`, the data) rather than edits in each writer. Typography that belongs
to a language is applied here to drafter's own phrases, never to quoted or user text: French
takes a narrow no-break space (U+202F) before `; : ! ?` and inside « ».
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from types import MappingProxyType

from drafter.document.phrases import (
    _NAMES_IN,
    ATTRIBUTION,
    CHINESE_NUMERALS,
    LABELS,
    LANGUAGE_NAMES,
    MARK_BRACKETS,
    MONTHS,
    MONTHS_EN,
    ORIGINAL_NAMES,
    VERSION_ADJECTIVE,
)
from drafter.library.model import Text, pick

__all__ = ["LABELS", "LANGUAGE_NAMES", "MARK_BRACKETS", "MONTHS_EN", "labels", "typeset"]

NNBSP = "\u202f"  # narrow no-break space
_FRENCH_SPACE = re.compile(r"[ \u00a0]?([;:!?»])")
_FRENCH_OPEN = re.compile(r"«[ \u00a0]?")



def french_spacing(text: str) -> str:
    """French typography: a narrow no-break space before `; : ! ?` and inside « » (never twice).

    Applied to drafter's own French phrases only; quoted text keeps the source's spacing.
    """
    text = _FRENCH_SPACE.sub(lambda m: NNBSP + m.group(1), text)
    text = _FRENCH_OPEN.sub("«" + NNBSP, text)
    return text.replace(NNBSP + NNBSP, NNBSP)


def typeset(lang: str, text: str) -> str:
    """One of drafter's own phrases, with its language's typography."""
    return french_spacing(text) if lang == "fr" else text


def labels(languages: Sequence[str]) -> Mapping[str, Text]:
    """Every fixed phrase in every one of `languages` (a language without its own: the first),
    with its language's typography."""
    return MappingProxyType({k: MappingProxyType({lang: typeset(lang, pick(v, lang)) for lang in languages})
                             for k, v in LABELS.items()})


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (enough for theme numbering)."""
    if n <= 10:
        return CHINESE_NUMERALS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens]
    return head + "十" + (CHINESE_NUMERALS[ones] if ones else "")


def theme_heading(lang: str, number: int | str | None, title: str) -> str:
    """A theme heading in the language's convention: `1. Title` / `一、标题` / `1 - عنوان`.

    `number` is the theme's number, an explicit label ("2a"), or None for an unnumbered heading.
    """
    if number is None or number == "":
        return title
    if lang == "zh" and isinstance(number, int):
        return f"{chinese_number(number)}、{title}"
    if lang == "ar":
        return f"{number} - {title}"
    return f"{number}. {title}"


def paragraph_label(lang: str, number: int | None) -> str:
    """A paragraph's number as `lang` writes it: `1.`; in Arabic `1 -`, as UN Arabic documents do."""
    if number is None:
        return ""
    return f"{number} -" if lang == "ar" else f"{number}."


def mark(lang: str, key: str) -> str:
    """A parenthesised mark after a heading: ` (unofficial wording)` / `（非官方措辞）`."""
    word = typeset(lang, pick(LABELS[key], lang))
    return f"（{word}）" if lang == "zh" else f" ({word})"


def format_date(lang: str, iso: str) -> str:
    """2023-04-28 in the language's convention; a month alone as `month`; a year kept as given.

    `28 April 2023`, `2023年4月28日`, `28 avril 2023` (`1er avril`), `28 de abril de 2023`,
    `28 апреля 2023 года`, `28 نيسان/أبريل 2023`.
    """
    parts = iso.split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    if len(parts) == 2:
        return month(lang, iso)
    year, mon, day = (int(p) for p in parts)
    if lang == "zh":
        return f"{year}年{mon}月{day}日"
    name = MONTHS.get(lang, MONTHS_EN)[mon - 1]
    if lang == "fr":
        return f"{'1er' if day == 1 else day} {name} {year}"
    if lang == "es":
        return f"{day} de {name} de {year}"
    if lang == "ru":
        return f"{day} {name} {year} года"
    return f"{day} {name} {year}"


def communication_heading(lang: str, form: str, date: str, sender: str, addressee: str) -> str:
    """The title the UN gives a letter or note verbale, in `lang`:
    `Letter dated 28 April 2023 from the Delegation of X addressed to the Secretary-General`,
    `2023年4月28日X代表团给秘书长的信`, `Lettre datée du 28 avril 2023, adressée au Secrétaire
    général par …`, `Carta de fecha … dirigida al Secretario General por …`.

    The sender and addressee are the spec's words: English gains its article here; French and
    Spanish take theirs as written (le/la, el/la), contracted after the preposition; Russian
    puts both in the genitive, which the spec must give (drafter does not inflect names).
    """
    if lang == "en":
        sender, addressee = with_article(sender), with_article(addressee, always=True)
    pattern = typeset(lang, pick(LABELS["heading_dated" if date else "heading_undated"], lang))
    return pattern.format(form=pick(LABELS[form], lang), date=date, sender=sender, addressee=addressee,
                          to=_addressed_to(lang, addressee))


_CONTRACTIONS = {"fr": (("le ", "au "), ("les ", "aux ")), "es": (("el ", "al "),)}


def _addressed_to(lang: str, addressee: str) -> str:
    """`à` / `a` with the addressee, contracted with its article: au Secrétaire général, al Secretario."""
    for article, contracted in _CONTRACTIONS.get(lang, ()):
        if addressee.lower().startswith(article):
            return contracted + addressee[len(article):]
    return ("à " if lang == "fr" else "a ") + addressee


def addressee_from(lang: str, addressed_to: str) -> str:
    """The addressee as a spec gives it, from the words after "adressée" / "dirigida" in a
    French or Spanish title (the inverse of `_addressed_to`: `au Secrétaire général` -> `le
    Secrétaire général`, `à la Présidente` -> `la Présidente`, `al Secretario General` -> `el
    Secretario General`); other languages' titles hold the addressee as written."""
    for article, contracted in _CONTRACTIONS.get(lang, ()):
        if addressed_to.startswith(contracted):
            return article + addressed_to[len(contracted):]
    plain = {"fr": "à ", "es": "a "}.get(lang)
    return addressed_to[len(plain):] if plain and addressed_to.startswith(plain) else addressed_to


def with_article(name: str, *, always: bool = False) -> str:
    """`Delegation of X` -> `the Delegation of X`, `Secretary-General` -> `the Secretary-General`.

    A name already starting with "the" is kept as written, and so is a one-word sender (a
    country: `China`) unless `always` (an addressee is always a title: the President of …).
    """
    if not name or name.lower().startswith("the ") or (" " not in name.strip() and not always):
        return name
    return "the " + name


def original_line(lang: str, original: str) -> str:
    """`Original: Chinese` / `原文：中文` / `Original : chinois`, naming the original language in `lang`."""
    names = {**LANGUAGE_NAMES.get(original, {}), **{k: v[original] for k, v in ORIGINAL_NAMES.items()}}
    return typeset(lang, pick(LABELS["original"], lang)).format(language=pick(names, lang, original))


def signature(lang: str, signatory: str) -> tuple[str, ...]:
    """`(Signed) Name`, then the signatory's other lines (title, mission) as written."""
    lines = [x.strip() for x in signatory.split("\n") if x.strip()]
    if not lines:
        return ()
    return (typeset(lang, pick(LABELS["signed"], lang)).format(name=lines[0]), *lines[1:])


def governing_clause(languages: tuple[str, ...], governing: str) -> dict[str, str]:
    """The clause stating which language prevails, in every submission language."""
    others = [lang for lang in languages if lang != governing] or [governing]
    out = {}
    for lang in languages:
        names = _NAMES_IN.get(lang, _NAMES_IN["en"])
        listed = [names[x] for x in languages]
        if lang == "zh":
            made = "和".join(names[x] for x in (governing, *others))
            text = f"本意见以{made}作成。各文本如有任何不一致，以{names[governing]}文本为准。"
        elif lang == "fr":
            made = " et en ".join(listed)
            text = (f"La présente contribution est soumise en {made}. En cas de divergence entre les versions, "
                    f"la version {VERSION_ADJECTIVE['fr'][governing]} fait foi.")
        elif lang == "es":
            made = " y en ".join(listed)
            text = (f"La presente contribución se presenta en {made}. En caso de discrepancia entre las "
                    f"versiones, prevalecerá la versión en {names[governing]}.")
        elif lang == "ru":
            made = " и ".join(listed)
            text = (f"Настоящий документ представлен на {made} языках. В случае расхождений между текстами "
                    f"преимущественную силу имеет текст на {names[governing]} языке.")
        elif lang == "ar":
            made = " و".join(listed)
            text = (f"قُدِّمت هذه المساهمة باللغتين {made}. وفي حال وجود أي تعارض بين النصين، "
                    f"يُعتدّ بالنص {VERSION_ADJECTIVE['ar'][governing]}.")
        else:
            made = " and ".join(listed)
            text = (f"This submission is made in {made}. In case of any discrepancy between the versions, "
                    f"the {names[governing]} version shall prevail.")
        out[lang] = typeset(lang, text)
    return out


def attribution(lang: str, author: str) -> tuple[str, str]:
    """(before, after) of an attributed quotation in `lang`: `As stated by China: “` and `”`."""
    before, after = ATTRIBUTION.get(lang, ATTRIBUTION["en"])
    return typeset(lang, before.format(author=author)), typeset(lang, after)


def parse_date(shown: str) -> str | None:
    """A date as `format_date` or `month` shows it, in any of the six languages, back to ISO
    (`1er mars 2027` -> `2027-03-01`, `abril de 2023` -> `2023-04`); None for anything else,
    and for a day the calendar does not have. `drafter import` reads a masthead with it."""
    from drafter.spec.fields import date_problem

    text = " ".join(shown.split())
    for pattern, names in _date_patterns():
        m = pattern.fullmatch(text)
        if m:
            mon = 1 + [n.lower() for n in names].index(m["month"].lower()) if names else int(m["month"])
            day = m["day"] if "day" in pattern.groupindex else None
            iso = f"{m['year']}-{mon:02d}" + (f"-{1 if day == '1er' else int(day):02d}" if day else "")
            return iso if date_problem(iso) is None else None
    return None


@cache
def _date_patterns() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """(pattern, month names) for every language's day and month forms (see `format_date`)."""
    def alt(names: tuple[str, ...]) -> str:
        return "(?P<month>" + "|".join(re.escape(n) for n in names) + ")"

    day, year = r"(?P<day>\d{1,2}|1er)", r"(?P<year>\d{4})"
    forms: list[tuple[str, tuple[str, ...]]] = [
        (rf"{year}年(?P<month>\d{{1,2}})月(?:(?P<day>\d{{1,2}})日)?", ()),
        (rf"{day} de {alt(MONTHS['es'])} de {year}", MONTHS["es"]), (rf"{alt(MONTHS['es'])} de {year}", MONTHS["es"]),
        (rf"{day} {alt(MONTHS['ru'])} {year} года", MONTHS["ru"]),
        (rf"{alt(MONTHS['ru-nominative'])} {year} года", MONTHS["ru-nominative"]),
    ]
    for lang in ("en", "fr", "ar"):
        forms += [(rf"{day} {alt(MONTHS[lang])} {year}", MONTHS[lang]), (rf"{alt(MONTHS[lang])} {year}", MONTHS[lang])]
    return tuple((re.compile(f, re.IGNORECASE), names) for f, names in forms)


def month(lang: str, iso: str) -> str:
    """2022-11 -> `November 2022` / `2022年11月` / `novembre 2022` / `ноябрь 2022 года`; a full
    date as `format_date`; anything else as given."""
    parts = iso.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        year, mon = int(parts[0]), int(parts[1])
        if lang == "zh":
            return f"{year}年{mon}月"
        if lang == "ru":
            return f"{MONTHS['ru-nominative'][mon - 1]} {year} года"
        name = MONTHS.get(lang, MONTHS_EN)[mon - 1]
        return f"{name} de {year}" if lang == "es" else f"{name} {year}"
    return format_date(lang, iso)


def official_note(lang: str, *, source_title: str, version_lang: str, publisher: str, date: str,
                  where: str) -> str:
    """The note that a cited source has an official version in another language, as facts."""
    name = LANGUAGE_NAMES.get(version_lang, {}).get(lang, version_lang)
    when = month(lang, date)
    if lang == "zh":
        shown = source_title if source_title.startswith("《") else f"《{source_title}》"
        return f"{shown}另有官方{name}文本（{publisher}，{when}，{where}）；本文件中标明的非官方译文并非其措辞。"
    if lang == "fr":
        return typeset(lang, f"Il existe une version officielle en {name} de « {source_title} » ({publisher}, "
                             f"{when}, {where}) ; les traductions non officielles signalées dans le présent "
                             "document n’en reprennent pas le libellé.")
    if lang == "es":
        return (f"Existe una versión oficial en {name} de «{source_title}» ({publisher}, {when}, {where}); las "
                "traducciones no oficiales señaladas en este documento no reproducen su texto.")
    if lang == "ru":
        return (f"Существует официальный текст «{source_title}» на {name} языке ({publisher}, {when}, {where}); "
                "неофициальные переводы, помеченные в настоящем документе, не воспроизводят его формулировок.")
    if lang == "ar":
        return (f"توجد نسخة رسمية باللغة {name} من «{source_title}» ({publisher}، {when}، {where})؛ والترجمات "
                "غير الرسمية المشار إليها في هذه الوثيقة ليست صيغتها.")
    return (f"An official {name} version of “{source_title}” exists ({publisher}, {when}, {where}); "
            "the unofficial translations marked in this document are not its wording.")
