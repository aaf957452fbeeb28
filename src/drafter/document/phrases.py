"""The fixed phrases of a submission in the six UN languages, as data (`labels.py` composes them).

Where a phrase has official UN wording it is used; every other phrase is the project's own
(docs/languages.md says which is which and where each official one was found).
"""

from __future__ import annotations

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
    "source": {"en": "source text", "zh": "来源文本", "ar": "نص المصدر", "fr": "texte de la source",
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
    # citations (document/citation.py); UN French, Spanish: Ibid. as in English
    "adapted": {"en": "Adapted from {citation}", "zh": "改编自{citation}", "ar": "مقتبس بتصرف من {citation}",
                "fr": "Adapté de {citation}", "ru": "Адаптировано по: {citation}", "es": "Adaptado de {citation}"},
    "ibid": {"en": "Ibid., {ref}.", "zh": "同上，{ref}。", "ar": "المرجع نفسه، {ref}.", "fr": "Ibid., {ref}.",
             "ru": "Там же, {ref}.", "es": "Ibid., {ref}."},
    "ibid_only": {"en": "Ibid.", "zh": "同上。", "ar": "المرجع نفسه.", "fr": "Ibid.", "ru": "Там же.", "es": "Ibid."},
    # masthead and communications (UN Editorial Manual, "Communications"; docs/languages.md gives
    # the UN documents each wording was checked against)
    "original": {"en": "Original: {language}", "zh": "原文：{language}", "ar": "الأصل: ب{language}",
                 "fr": "Original : {language}", "ru": "Подлинный текст: {language}", "es": "Original: {language}"},
    "translation": {"en": "(Translation)", "zh": "（译文）", "ar": "(ترجمة)", "fr": "(Traduction)",
                    "ru": "(Перевод)", "es": "(Traducción)"},
    "signed": {"en": "(Signed) {name}", "zh": "{name}（签名）", "ar": "(توقيع) {name}", "fr": "(Signé) {name}",
               "ru": "(Подпись) {name}", "es": "(Firmado) {name}"},
    "letter": {"en": "Letter", "zh": "信", "ar": "رسالة", "fr": "Lettre", "ru": "Письмо", "es": "Carta"},
    "note-verbale": {"en": "Note verbale", "zh": "普通照会", "ar": "مذكرة شفوية", "fr": "Note verbale",
                     "ru": "Вербальная нота", "es": "Nota verbal"},
    # {to} is "addressed to" with its article: au Secrétaire général, al Secretario General
    "heading_dated": {"en": "{form} dated {date} from {sender} addressed to {addressee}",
                      "zh": "{date}{sender}给{addressee}的{form}",
                      "ar": "{form} مؤرخة {date} موجهة إلى {addressee} من {sender}",
                      "fr": "{form} datée du {date}, adressée {to} par {sender}",
                      "ru": "{form} {sender} от {date} на имя {addressee}",
                      "es": "{form} de fecha {date} dirigida {to} por {sender}"},
    "heading_undated": {"en": "{form} from {sender} addressed to {addressee}",
                        "zh": "{sender}给{addressee}的{form}",
                        "ar": "{form} موجهة إلى {addressee} من {sender}",
                        "fr": "{form} adressée {to} par {sender}",
                        "ru": "{form} {sender} на имя {addressee}",
                        "es": "{form} dirigida {to} por {sender}"},
    # the default addressee, as the heading needs it: French and Spanish with the article the
    # preposition contracts with (au, al); Russian in the genitive (на имя …)
    "secretary_general": {"en": "Secretary-General", "zh": "秘书长", "ar": "الأمين العام",
                          "fr": "le Secrétaire général", "ru": "Генерального секретаря",
                          "es": "el Secretario General"},
}
MARK_BRACKETS = {"zh": ("〔", "〕")}  # around a status mark; other languages: [ ]

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
# The masthead names the original language in the nominative ("Подлинный текст: английский").
ORIGINAL_NAMES: dict[str, dict[str, str]] = {
    "ru": {"ar": "арабский", "zh": "китайский", "en": "английский", "fr": "французский", "ru": "русский",
           "es": "испанский"},
}

# The lead-in and closing mark of an attributed quotation (`attributed: true`). The source's words
# stay exact between the marks; the lead-in is ours and names the source's author. (Russian and
# Arabic put the author first or after a neutral phrase, so no verb agrees with its gender.)
ATTRIBUTION = {
    "en": ("As stated by {author}: “", "”"), "zh": ("{author}表示：“", "”"),
    "fr": ("Comme l’a déclaré {author} : « ", " »"), "es": ("Como declaró {author}: «", "»"),
    "ru": ("{author} заявляет: «", "»"), "ar": ("جاء على لسان {author}: «", "»"),
}
