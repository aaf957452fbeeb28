"""Fixed phrases of a submission in each of the six UN languages, shared by every writer.

Kept as data in one place so the Markdown and DOCX outputs say the same thing, and so a
language needs one entry here rather than edits in each writer. Where a phrase has official UN
wording it is used; every other phrase is the project's own (docs/languages.md says which is
which and where each official one was found). Typography that belongs to a language is applied
here to drafter's own phrases, never to quoted or user text: French takes a narrow no-break
space (U+202F) before `; : ! ?` and inside « ».
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

NNBSP = "\u202f"  # narrow no-break space

LABELS: dict[str, dict[str, str]] = {
    "sources": {"en": "Sources", "zh": "资料来源", "ar": "المصادر", "fr": "Sources", "ru": "Источники",
                "es": "Fuentes"},
    "annex": {"en": "Annex: Sources of the paragraphs", "zh": "附件：各段落出处", "ar": "المرفق: مصادر الفقرات",
              "fr": "Annexe : sources des paragraphes", "ru": "Приложение: источники пунктов",
              "es": "Anexo: fuentes de los párrafos"},
    "col_paragraph": {"en": "Paragraph", "zh": "段落", "ar": "الفقرة", "fr": "Paragraphe", "ru": "Пункт",
                      "es": "Párrafo"},
    "col_source": {"en": "Source", "zh": "出处", "ar": "المصدر", "fr": "Source", "ru": "Источник", "es": "Fuente"},
    "col_reference": {"en": "Reference", "zh": "位置", "ar": "الموضع", "fr": "Référence",
                      "ru": "Место в источнике", "es": "Referencia"},
    "col_status": {"en": "Text", "zh": "文本", "ar": "النص", "fr": "Texte", "ru": "Текст", "es": "Texto"},
    "unofficial": {"en": "unofficial translation", "zh": "非官方译文", "ar": "ترجمة غير رسمية",
                   "fr": "traduction non officielle", "ru": "неофициальный перевод", "es": "traducción no oficial"},
    "unofficial_title": {"en": "unofficial wording", "zh": "非官方措辞", "ar": "صيغة غير رسمية",
                         "fr": "libellé non officiel", "ru": "неофициальная формулировка",
                         "es": "redacción no oficial"},
    "unofficial_official": {
        "en": "unofficial translation; an official version exists",
        "zh": "非官方译文；另有官方文本",
        "ar": "ترجمة غير رسمية؛ توجد نسخة رسمية",
        "fr": "traduction non officielle ; il existe une version officielle",
        "ru": "неофициальный перевод; существует официальный текст",
        "es": "traducción no oficial; existe una versión oficial",
    },
    "edited": {"en": "edited", "zh": "已修改", "ar": "معدَّل", "fr": "modifié", "ru": "изменено", "es": "modificado"},
    "new": {"en": "new text", "zh": "新增文本", "ar": "نص جديد", "fr": "nouveau texte", "ru": "новый текст",
            "es": "texto nuevo"},
    "verbatim": {"en": "source text", "zh": "来源文本", "ar": "نص المصدر", "fr": "texte de la source",
                 "ru": "текст источника", "es": "texto de la fuente"},
    "user": {"en": "supplied version", "zh": "所提供的文本", "ar": "نسخة مقدَّمة", "fr": "version fournie",
             "ru": "предоставленный текст", "es": "versión proporcionada"},
    "unofficial_note": {
        "en": "Text marked “unofficial translation” is a working translation, not wording of the source "
        "document.",
        "zh": "标有“非官方译文”的文本为工作译文，并非来源文件的措辞。",
        "ar": "النص المشار إليه بعبارة «ترجمة غير رسمية» ترجمة عمل، وليس صيغة الوثيقة المصدر.",
        "fr": "Le texte signalé comme « traduction non officielle » est une traduction de travail, et non le "
        "libellé du document source.",
        "ru": "Текст, помеченный как «неофициальный перевод», является рабочим переводом, а не формулировкой "
        "исходного документа.",
        "es": "El texto señalado como «traducción no oficial» es una traducción de trabajo, no el texto del "
        "documento de origen.",
    },
    "user_note": {
        "en": "Text marked “supplied version” is a version supplied for this submission in place of the "
        "library's unofficial translation; it is cited with its own source.",
        "zh": "标有“所提供的文本”的文本为本意见提供的版本，取代资料库的非官方译文，并注明其自身出处。",
        "ar": "النص المشار إليه بعبارة «نسخة مقدَّمة» نسخة قُدِّمت لهذه المساهمة بدلاً من الترجمة غير الرسمية "
        "الواردة في المكتبة، ويُستشهد بها مع مصدرها.",
        "fr": "Le texte signalé comme « version fournie » est une version fournie pour la présente contribution "
        "à la place de la traduction non officielle de la bibliothèque ; il est cité avec sa propre source.",
        "ru": "Текст, помеченный как «предоставленный текст», — это текст, предоставленный для настоящего "
        "документа вместо неофициального перевода из библиотеки; он цитируется со ссылкой на свой источник.",
        "es": "El texto señalado como «versión proporcionada» es una versión proporcionada para esta "
        "contribución en lugar de la traducción no oficial de la biblioteca; se cita con su propia fuente.",
    },
    "edited_note": {
        "en": "Paragraphs marked “edited” change the wording of the cited source.",
        "zh": "标有“已修改”的段落改动了所引来源的措辞。",
        "ar": "الفقرات المشار إليها بعبارة «معدَّل» تغيّر صيغة المصدر المستشهد به.",
        "fr": "Les paragraphes signalés comme « modifié » modifient le libellé de la source citée.",
        "ru": "Пункты, помеченные как «изменено», изменяют формулировку цитируемого источника.",
        "es": "Los párrafos señalados como «modificado» cambian el texto de la fuente citada.",
    },
    "page": {"en": "Page {page} of {pages}", "zh": "第{page}页，共{pages}页", "ar": "الصفحة {page} من {pages}",
             "fr": "Page {page} sur {pages}", "ru": "Страница {page} из {pages}", "es": "Página {page} de {pages}"},
    "language": {"en": "English", "zh": "中文", "ar": "العربية", "fr": "Français", "ru": "Русский",
                 "es": "Español"},
    "submitted_by": {"en": "Submitted by", "zh": "提交方", "ar": "مقدم من", "fr": "Présenté par",
                     "ru": "Представлено", "es": "Presentado por"},
}

# Each language's name in each language, as main's `LANGUAGE_NAMES[named][in_language]`: English
# and French names; Chinese with 文; Spanish as after "en"; Arabic as the adjective of اللغة.
# The governing clause also needs Russian in the prepositional case ("на … языке") and the
# adjective of "la version" (French, feminine) and of "النص" (Arabic, masculine).
_NAMES_IN: dict[str, dict[str, str]] = {
    "en": {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"},
    "zh": {"ar": "阿拉伯文", "zh": "中文", "en": "英文", "fr": "法文", "ru": "俄文", "es": "西班牙文"},
    "fr": {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe", "es": "espagnol"},
    "es": {"ar": "árabe", "zh": "chino", "en": "inglés", "fr": "francés", "ru": "ruso", "es": "español"},
    "ru": {"ar": "арабском", "zh": "китайском", "en": "английском", "fr": "французском", "ru": "русском",
           "es": "испанском"},
    "ar": {"ar": "العربية", "zh": "الصينية", "en": "الإنكليزية", "fr": "الفرنسية", "ru": "الروسية",
           "es": "الإسبانية"},
}
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    named: {lang: names[named] for lang, names in _NAMES_IN.items()} for named in _NAMES_IN["en"]
}
VERSION_ADJECTIVE = {
    "fr": {"ar": "arabe", "zh": "chinoise", "en": "anglaise", "fr": "française", "ru": "russe", "es": "espagnole"},
    "ar": {"ar": "العربي", "zh": "الصيني", "en": "الإنكليزي", "fr": "الفرنسي", "ru": "الروسي", "es": "الإسباني"},
}

CHINESE_NUMERALS = "零一二三四五六七八九十"
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),  # genitive, as after a day: 28 апреля
    "ru-nominative": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                      "октябрь", "ноябрь", "декабрь"),  # a month alone: апрель 2023 года
    # The UN's Arabic documents give both month names: the Levantine and the Egyptian.
    "ar": ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
           "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
           "كانون الأول/ديسمبر"),
}
MONTHS_EN = MONTHS["en"]
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


def labels() -> Mapping[str, Mapping[str, str]]:
    return MappingProxyType({k: MappingProxyType({lang: typeset(lang, t) for lang, t in v.items()})
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
    word = typeset(lang, LABELS[key][lang])
    return f"（{word}）" if lang == "zh" else f" ({word})"


def format_date(lang: str, iso: str) -> str:
    """2023-04-28 in the language's convention; partial dates are kept as given.

    `28 April 2023`, `2023年4月28日`, `28 avril 2023` (`1er avril`), `28 de abril de 2023`,
    `28 апреля 2023 года`, `28 نيسان/أبريل 2023`.
    """
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso
    year, month, day = (int(p) for p in parts)
    if lang == "zh":
        return f"{year}年{month}月{day}日"
    name = MONTHS.get(lang, MONTHS_EN)[month - 1]
    if lang == "fr":
        return f"{'1er' if day == 1 else day} {name} {year}"
    if lang == "es":
        return f"{day} de {name} de {year}"
    if lang == "ru":
        return f"{day} {name} {year} года"
    return f"{day} {name} {year}"


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


# The lead-in and closing mark of an attributed quotation (`attributed: true`). The source's words
# stay exact between the marks; the lead-in is ours and names the source's author. (Russian and
# Arabic put the author first or after a neutral phrase, so no verb agrees with its gender.)
ATTRIBUTION = {
    "en": ("As stated by {author}: “", "”"), "zh": ("{author}表示：“", "”"),
    "fr": ("Comme l’a déclaré {author} : « ", " »"), "es": ("Como declaró {author}: «", "»"),
    "ru": ("{author} заявляет: «", "»"), "ar": ("جاء على لسان {author}: «", "»"),
}


def attribution(lang: str, author: str) -> tuple[str, str]:
    """(before, after) of an attributed quotation in `lang`: `As stated by China: “` and `”`."""
    before, after = ATTRIBUTION.get(lang, ATTRIBUTION["en"])
    return typeset(lang, before.format(author=author)), typeset(lang, after)


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
