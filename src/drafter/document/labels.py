"""Fixed phrases of a submission in each language, shared by every writer.

Kept as data in one place so the Markdown and DOCX outputs say the same thing, and so a new
language needs one entry here rather than edits in each writer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from drafter.library.model import Text, pick

LABELS: dict[str, dict[str, str]] = {
    "sources": {"en": "Sources", "zh": "资料来源"},
    "annex": {"en": "Annex: Sources of the paragraphs", "zh": "附件：各段落出处"},
    "col_paragraph": {"en": "Paragraph", "zh": "段落"},
    "col_source": {"en": "Source", "zh": "出处"},
    "col_reference": {"en": "Reference", "zh": "位置"},
    "col_status": {"en": "Text", "zh": "文本"},
    "unofficial": {"en": "unofficial translation", "zh": "非官方译文"},
    "unofficial_official": {
        "en": "unofficial translation; an official version exists",
        "zh": "非官方译文；另有官方文本",
    },
    "edited": {"en": "edited", "zh": "已修改"},
    "new": {"en": "new text", "zh": "新增文本"},
    "source": {"en": "source text", "zh": "来源文本"},
    "user": {"en": "supplied version", "zh": "所提供的文本"},
    "unofficial_note": {
        "en": "Text marked “unofficial translation” is a working translation prepared for this "
        "library, not wording of the source document.",
        "zh": "标有“非官方译文”的文本为本资料库编写的工作译文，并非来源文件的措辞。",
    },
    "user_note": {
        "en": "Text marked “supplied version” is a version supplied for this submission in place of the "
        "library's unofficial translation; it is cited with its own source.",
        "zh": "标有“所提供的文本”的文本为本意见提供的版本，取代资料库的非官方译文，并注明其自身出处。",
    },
    "edited_note": {
        "en": "Paragraphs marked “edited” change the wording of the cited source.",
        "zh": "标有“已修改”的段落改动了所引来源的措辞。",
    },
    "page": {"en": "Page {page} of {pages}", "zh": "第{page}页，共{pages}页"},
    "language": {"en": "English", "zh": "中文"},
    "submitted_by": {"en": "Submitted by", "zh": "提交方"},
    # citations (document/citation.py)
    "adapted": {"en": "Adapted from {citation}", "zh": "改编自{citation}"},
    "ibid": {"en": "Ibid., {ref}.", "zh": "同上，{ref}。"},
    "ibid_only": {"en": "Ibid.", "zh": "同上。"},
    # masthead and communications (UN Editorial Manual, "Communications")
    "original": {"en": "Original: {language}", "zh": "原文：{language}"},
    "translation": {"en": "(Translation)", "zh": "（译文）"},
    "signed": {"en": "(Signed) {name}", "zh": "{name}（签名）"},
    "letter": {"en": "Letter", "zh": "信"},
    "note-verbale": {"en": "Note verbale", "zh": "普通照会"},
    "heading_dated": {"en": "{form} dated {date} from {sender} addressed to {addressee}",
                      "zh": "{date}{sender}给{addressee}的{form}"},
    "heading_undated": {"en": "{form} from {sender} addressed to {addressee}",
                        "zh": "{sender}给{addressee}的{form}"},
    "secretary_general": {"en": "Secretary-General", "zh": "秘书长"},
}
MARK_BRACKETS = {"zh": ("〔", "〕")}  # around a status mark; other languages: [ ]

LANGUAGE_NAMES = {"en": {"en": "English", "zh": "英文"}, "zh": {"en": "Chinese", "zh": "中文"}}

CHINESE_NUMERALS = "零一二三四五六七八九十"
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def labels(languages: Sequence[str]) -> Mapping[str, Text]:
    """Every fixed phrase in every one of `languages` (a language without its own: the first)."""
    return MappingProxyType({k: MappingProxyType({lang: pick(v, lang) for lang in languages})
                             for k, v in LABELS.items()})


def paragraph_label(lang: str, number: int | None) -> str:
    """A paragraph's number as `lang` writes it: `1.` (the UN's convention in both languages)."""
    return "" if number is None else f"{number}."


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十 (enough for theme numbering)."""
    if n <= 10:
        return CHINESE_NUMERALS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens]
    return head + "十" + (CHINESE_NUMERALS[ones] if ones else "")


def theme_heading(lang: str, number: int, title: str) -> str:
    """A theme heading in the language's convention: `1. Title` / `一、标题`."""
    if lang == "zh":
        return f"{chinese_number(number)}、{title}"
    return f"{number}. {title}"


def format_date(lang: str, iso: str) -> str:
    """2023-04-28 -> `28 April 2023` / `2023年4月28日`; 2023-04 -> `April 2023` / `2023年4月`; a
    year alone is kept as given."""
    parts = iso.split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    year, month = int(parts[0]), int(parts[1])
    day = f"{int(parts[2])}" if len(parts) == 3 else ""
    if lang == "zh":
        return f"{year}年{month}月{day}日" if day else f"{year}年{month}月"
    return f"{day} {MONTHS_EN[month - 1]} {year}" if day else f"{MONTHS_EN[month - 1]} {year}"


def communication_heading(lang: str, form: str, date: str, sender: str, addressee: str) -> str:
    """`Letter dated 28 April 2023 from the Delegation of X addressed to the Secretary-General` /
    `2023年4月28日X代表团给秘书长的信`, the title the UN gives a letter or note verbale."""
    if lang == "en":
        sender, addressee = with_article(sender), with_article(addressee, always=True)
    pattern = pick(LABELS["heading_dated" if date else "heading_undated"], lang)
    return pattern.format(form=pick(LABELS[form], lang), date=date, sender=sender, addressee=addressee)


def with_article(name: str, *, always: bool = False) -> str:
    """`Delegation of X` -> `the Delegation of X`, `Secretary-General` -> `the Secretary-General`.

    A name already starting with "the" is kept as written, and so is a one-word sender (a
    country: `China`) unless `always` (an addressee is always a title: the President of …).
    """
    if not name or name.lower().startswith("the ") or (" " not in name.strip() and not always):
        return name
    return "the " + name


def original_line(lang: str, original: str) -> str:
    """`Original: Chinese` / `原文：中文`, naming the original language in `lang`."""
    names = LANGUAGE_NAMES.get(original, {})
    return pick(LABELS["original"], lang).format(language=pick(names, lang, original))


def signature(lang: str, signatory: str) -> tuple[str, ...]:
    """`(Signed) Name`, then the signatory's other lines (title, mission) as written."""
    lines = [x.strip() for x in signatory.split("\n") if x.strip()]
    if not lines:
        return ()
    return (pick(LABELS["signed"], lang).format(name=lines[0]), *lines[1:])


def governing_clause(languages: tuple[str, ...], governing: str) -> dict[str, str]:
    """The clause stating which language prevails, in every submission language."""
    others = [lang for lang in languages if lang != governing] or [governing]
    out = {}
    for lang in languages:
        names = LANGUAGE_NAMES
        if lang == "zh":
            made = "和".join(names[x]["zh"] for x in (governing, *others) if x in names)
            out[lang] = f"本意见以{made}作成。各文本如有任何不一致，以{names[governing]['zh']}文本为准。"
        else:
            made = " and ".join(names[x]["en"] for x in languages)
            out[lang] = (
                f"This submission is made in {made}. In case of any discrepancy between the "
                f"versions, the {names[governing]['en']} version shall prevail."
            )
    return out


# The lead-in and closing mark of an attributed quotation (`attributed: true`). The source's words
# stay exact between the marks; the lead-in is ours and names the source's author.
ATTRIBUTION = {"en": ("As stated by {author}: “", "”"), "zh": ("{author}表示：“", "”")}


def attribution(lang: str, author: str) -> tuple[str, str]:
    """(before, after) of an attributed quotation in `lang`: `As stated by China: “` and `”`."""
    before, after = ATTRIBUTION.get(lang, ATTRIBUTION["en"])
    return before.format(author=author), after


def month(lang: str, iso: str) -> str:
    """2022-11 -> `November 2022` / `2022年11月`; a full date as `format_date`; else as given."""
    parts = iso.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        year, mon = int(parts[0]), int(parts[1])
        return f"{year}年{mon}月" if lang == "zh" else f"{MONTHS_EN[mon - 1]} {year}"
    return format_date(lang, iso)


def official_note(lang: str, *, source_title: str, version_lang: str, publisher: str, date: str,
                  where: str) -> str:
    """The note that a cited source has an official version in another language, as facts."""
    name = LANGUAGE_NAMES.get(version_lang, {}).get(lang, version_lang)
    when = month(lang, date)
    if lang == "zh":
        shown = source_title if source_title.startswith("《") else f"《{source_title}》"
        return f"{shown}另有官方{name}文本（{publisher}，{when}，{where}）；本文件中标明的非官方译文并非其措辞。"
    return (f"An official {name} version of “{source_title}” exists ({publisher}, {when}, {where}); "
            "the unofficial translations marked in this document are not its wording.")
