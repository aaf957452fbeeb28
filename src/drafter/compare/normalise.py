"""Normalisation: the differences a reader does not count as a change of wording.

Two texts are "the same words" when they differ only in whitespace and line wraps, in a
leading paragraph number ("4.", "一、", "(a)"), in the width of punctuation (full-width "，"
against ","), in the shape of quotation marks and dashes, or in the marks drafter itself adds
to a paragraph (" (unofficial translation)", "（已修改）", a footnote reference). `normalise`
removes exactly those differences and nothing else: case, wording and the punctuation itself
still count.
"""

from __future__ import annotations

import re
import unicodedata

from drafter.document import labels as _labels
from drafter.document.labels import LABELS

# Ideographs (and kana/hangul syllables) are written without spaces between them, so a space
# between two of them is a line wrap, not a word break.
CJK_CLASS = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
)
CJK = re.compile(f"[{CJK_CLASS}]")
# CJK punctuation that takes a whole character cell; a space beside it is never a word break.
_CJK_PUNCT = "\u3001\u3002\u300a-\u300f\u3010\u3011\u3014-\u301b\uff01-\uff0f\uff1a-\uff20\u2018\u2019\u201c\u201d"

# Width and shape differences NFKC leaves: ideographic full stop, corner brackets, curly
# quotes, dashes. Mapped to one form each so "。" and "." or “ and " compare equal.
_SHAPES = str.maketrans(
    {
        "\u3002": ".",
        "\uff61": ".",
        "\u300c": '"',
        "\u300d": '"',
        "\u300e": '"',
        "\u300f": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u3000": " ",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u2060": None,  # word joiner
        "\ufeff": None,
    }
)

# Leading paragraph numbers and bullets, possibly several ("1. (a) "): Arabic and Roman
# numerals, single letters, Chinese numerals, each in the forms "4." "4)" "(4)" "4、" "一、"
# "（一）" "第一条". Matched after width folding, so "（一）" arrives as "(一)". A Latin number
# must be followed by a space ("e.g." and "4.5 billion" are not numbers of the paragraph).
_ROMAN = r"(?:[ivxlcdm]{1,6}|[IVXLCDM]{1,6})"
_NUMERAL = rf"(?:\d{{1,3}}(?:\.\d{{1,3}})*|[a-zA-Z]|{_ROMAN}|[一二三四五六七八九十百零〇]{{1,4}})"
_CN_NUMERAL = "[一二三四五六七八九十百零〇]{1,4}"
_NUMBER = re.compile(
    rf"""\A\s*(?:
        [(（]\s*(?:\d{{1,3}}|[a-zA-Z]|{_ROMAN}|{_CN_NUMERAL})\s*[)）]\s*[.、]?\s*  # (4) (a) (iv) (一)
      | (?:\d{{1,3}}(?:\.\d{{1,3}})*|[a-zA-Z]|{_ROMAN})[.)．）]\s+             # 4. 4.1. a) iv.
      | \d{{1,3}}[.、)．）]\s*(?=[{CJK_CLASS}])                               # 1.加强 4、
      | {_CN_NUMERAL}\s*[、.．]\s*                                            # 一、
      | 第[一二三四五六七八九十百零〇\d]{{1,4}}[条章节款段]\s*                  # 第一条
      | [•·●○◦▪▫■□◆◇‣⁃*+\-]\s+                                             # bullets
    )+""",
    re.VERBOSE,
)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,40}\]")


MARK_KEYS = ("unofficial", "unofficial_official", "unofficial_title", "edited", "user")
"""The labels drafter writes as a paragraph's mark (document/labels.py)."""


def _mark_pattern() -> re.Pattern[str]:
    """drafter's own paragraph marks in every language, in any bracket shape, anywhere."""
    words = sorted(
        {LABELS[key][lang] for key in MARK_KEYS if key in LABELS for lang in LABELS[key]},
        key=len,
        reverse=True,
    )
    alternatives = "|".join(re.escape(w) for w in words)
    # brackets in every width and shape drafter and word processors use; Markdown may wrap the
    # mark in * or _
    return re.compile(rf"\s*[*_]{{0,2}}[(\[（［〔【]\s*(?:{alternatives})\s*[)\]）］〕】][*_]{{0,2}}", re.IGNORECASE)


_MARKS = _mark_pattern()


def _attribution_patterns() -> tuple[re.Pattern[str], ...]:
    """drafter's attributed quotation, `As stated by China: “…”` / `中国表示：“……”`, in any width.

    The lead-in and the quotation marks are drafter's (document/labels.py `ATTRIBUTION`); the
    source's words between them are what is compared.
    """
    out = []
    for before, after in getattr(_labels, "ATTRIBUTION", {}).values():
        head, _, tail = before.partition("{author}")
        shape = {'"': '["“”]', "“": '["“”]', "”": '["“”]', ":": "[:：]", "：": "[:：]"}
        lead = "".join(shape.get(ch, re.escape(ch)) for ch in head)
        rest = "".join(shape.get(ch, re.escape(ch)) for ch in tail.strip())
        close = "".join(shape.get(ch, re.escape(ch)) for ch in after)
        out.append(
            re.compile(rf"\A\s*{lead}(?P<author>[^\n]{{1,120}}?)\s*{rest}\s*(?P<quoted>.*?){close}\s*\Z", re.DOTALL)
        )
    return tuple(out)


_ATTRIBUTIONS = _attribution_patterns()


def strip_attribution(text: str) -> str:
    """The quoted words of drafter's attributed quotation; any other text unchanged."""
    for pattern in _ATTRIBUTIONS:
        m = pattern.match(text)
        if m:
            return m.group("quoted").strip()
    return text


def attributed(text: str) -> bool:
    """True if `text` (number and marks already left out) is drafter's attributed quotation."""
    return any(p.match(text) for p in _ATTRIBUTIONS)


_SPACE = re.compile(r"\s+")
_CJK_SPACE = re.compile(rf"(?<=[{CJK_CLASS}{_CJK_PUNCT}]) (?=[{CJK_CLASS}{_CJK_PUNCT}])")


def fold_width(text: str) -> str:
    """Compatibility forms (full-width letters, digits and punctuation) to their plain forms."""
    return unicodedata.normalize("NFKC", text).translate(_SHAPES)


def strip_marks(text: str) -> str:
    """`text` without drafter's own marks and footnote references (in any width)."""
    return _FOOTNOTE_REF.sub("", _MARKS.sub("", text))


def strip_number(text: str) -> str:
    """`text` without leading paragraph numbers or bullets (in any width)."""
    m = _NUMBER.match(text)
    return text[m.end() :] if m else text


def collapse_space(text: str) -> str:
    """One space for any run of whitespace; none between CJK characters; none at the ends."""
    text = _SPACE.sub(" ", text).strip()
    return _CJK_SPACE.sub("", text)


def normalise(text: str, lang: str | None = None) -> str:
    """The text as compared: width folded, drafter's marks, numbering and wraps removed.

    `lang` is accepted for symmetry with the rest of the API; every rule here follows the
    script of the characters themselves, so a Latin word inside Chinese text (or the reverse)
    is treated by its own script's rules.
    """
    text = fold_width(text)
    text = strip_marks(text)
    text = collapse_space(text)
    return strip_attribution(strip_number(text).strip())


def clean(text: str) -> str:
    """`text` as a reader sees it, less its leading number and drafter's marks; width kept.

    What a diff is taken against, so that "4." and "[edited]" never show as changes while the
    paragraph's own characters (full-width punctuation included) are shown as written.
    """
    return strip_attribution(strip_number(strip_marks(text).strip()).strip())


def has_cjk(text: str) -> bool:
    """Whether `text` holds a CJK character."""
    return CJK.search(text) is not None
