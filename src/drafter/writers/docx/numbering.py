"""Word numbering (numbering.xml) for numbered paragraphs and theme headings.

Numbers are Word's own lists, not typed text: a paragraph inserted in Word is numbered, and
the ones after it renumber. Each language has its own list in its own convention, so that the
two columns of the parallel layout count separately and stay aligned row by row:

- paragraphs: `1.` then a tab, the number hanging in the margin of the text (every language:
  the UN numbers paragraphs with arabic numerals in Chinese too, see `labels.paragraph_label`);
- theme headings: `1. ` in English, `一、` in Chinese, `1 - ` in Arabic (`labels.theme_heading`
  writes the same numbers for Markdown; a LibreOffice test reads both back from the PDF).

The reference document may bring lists of its own (a house style's outline numbering): they are
kept, and drafter's lists are added after them with ids of their own (`Numbering`).
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

from msgspec import Struct

from drafter.writers.docx.ns import NS_DECL, W_NS, XML_DECL, W

ListKind = Literal["paragraph", "heading"]

HANG = 567  # twips (1 cm): where a numbered paragraph's text starts, as in the style
# (numFmt, lvlText, suff): what follows the number is a tab for paragraphs, a space or nothing for headings
DEFAULT_FORMATS: Mapping[ListKind, tuple[str, str, str]] = MappingProxyType({
    "paragraph": ("decimal", "%1.", "tab"),
    "heading": ("decimal", "%1.", "space"),
})
FORMATS: Mapping[str, Mapping[ListKind, tuple[str, str, str]]] = MappingProxyType({
    "zh": MappingProxyType({"heading": ("chineseCounting", "%1、", "nothing")}),
    # UN Arabic documents write `1 -` (labels.paragraph_label, labels.theme_heading)
    "ar": MappingProxyType({"paragraph": ("decimal", "%1 -", "tab"), "heading": ("decimal", "%1 -", "space")}),
})


def list_format(kind: ListKind, lang: str) -> tuple[str, str, str]:
    """(numFmt, lvlText, suff) of `kind`'s list in `lang`."""
    return FORMATS.get(lang, {}).get(kind) or DEFAULT_FORMATS[kind]


def abstract_num(abstract_id: int, kind: ListKind, lang: str) -> str:
    """One single-level list definition, in the schema's element order (CT_AbstractNum, CT_Lvl)."""
    fmt, text, suff = list_format(kind, lang)
    if kind == "paragraph":
        ppr = (f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{HANG}"/></w:tabs>'
               f'<w:ind w:left="{HANG}" w:hanging="{HANG}"/></w:pPr>')
    else:
        ppr = '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>'
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:name w:val="drafter {kind}s ({lang})"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="{suff}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>{ppr}</w:lvl></w:abstractNum>'
    )


def num_pr(num_id: int) -> str:
    """The paragraph property that puts a paragraph in list `num_id`."""
    return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'


class ReferenceLists(Struct, frozen=True):
    """What the reference document's own numbering part holds, kept as serialised XML.

    Its root tag is kept as it is (with its namespaces and `mc:Ignorable`, which its lists may
    need), and drafter's lists go between its own, where the schema wants them.
    """

    open_tag: str = f"<w:numbering {NS_DECL}>"
    close_tag: str = "</w:numbering>"
    head: str = ""  # w:numPicBullet elements, which the schema puts first
    abstracts: str = ""  # its w:abstractNum elements
    nums: str = ""  # its w:num elements
    tail: str = ""  # w:numIdMacAtCleanup, which the schema puts last
    next_abstract: int = 0
    next_num: int = 1

    @property
    def own(self) -> bool:
        return bool(self.abstracts or self.nums or self.head)


class Numbering:
    """Collects the lists one document uses, then writes its numbering part."""

    def __init__(self, reference: ReferenceLists):
        self.reference = reference
        self.used: dict[tuple[ListKind, str], int] = {}

    def num_id(self, kind: ListKind, lang: str) -> int:
        """The list id of `kind` in `lang`, created on first use."""
        key = (kind, lang)
        if key not in self.used:
            self.used[key] = self.reference.next_num + len(self.used)
        return self.used[key]

    def part(self) -> str | None:
        """The numbering part, or None when the document numbers nothing and the reference has
        no lists of its own either."""
        ref = self.reference
        if not self.used and not ref.own:
            return None
        ours = sorted(self.used.items(), key=lambda kv: kv[1])
        abstracts = "".join(abstract_num(ref.next_abstract + i, kind, lang) for i, ((kind, lang), _n) in
                            enumerate(ours))
        nums = "".join(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{ref.next_abstract + i}"/></w:num>'
                       for i, (_key, n) in enumerate(ours))
        if ref.own:  # the reference's root may bind `w` to nothing: say what our prefix means
            abstracts = abstracts.replace("<w:abstractNum ", f'<w:abstractNum xmlns:w="{W_NS}" ')
            nums = nums.replace("<w:num ", f'<w:num xmlns:w="{W_NS}" ')
        return f"{XML_DECL}{ref.open_tag}{ref.head}{ref.abstracts}{abstracts}{ref.nums}{nums}{ref.tail}{ref.close_tag}"


def reference_lists(root: Any) -> ReferenceLists:
    """The lists of a reference document's numbering part (parsed), ready to be joined with ours."""
    from lxml import etree

    def ints(tag: str, attr: str) -> list[int]:
        out = []
        for node in root.findall(f"{W}{tag}"):
            with contextlib.suppress(TypeError, ValueError):
                out.append(int(node.get(f"{W}{attr}")))
        return out

    groups: dict[str, list[str]] = {"head": [], "abstracts": [], "nums": [], "tail": []}
    where = {"numPicBullet": "head", "abstractNum": "abstracts", "num": "nums", "numIdMacAtCleanup": "tail"}
    for node in root:
        name = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if name in where and etree.QName(node).namespace == W_NS:
            groups[where[name]].append(etree.tostring(node, encoding="unicode"))
    shell = copy.copy(root)
    for node in list(shell):
        shell.remove(node)
    shell.text = None
    empty = etree.tostring(shell, encoding="unicode")
    open_tag = empty[:-2] + ">" if empty.endswith("/>") else empty[: empty.rindex("</")]
    prefix = root.prefix
    close_tag = f"</{prefix}:numbering>" if prefix else "</numbering>"
    return ReferenceLists(
        open_tag=open_tag, close_tag=close_tag,
        head="".join(groups["head"]), abstracts="".join(groups["abstracts"]), nums="".join(groups["nums"]),
        tail="".join(groups["tail"]),
        next_abstract=max(ints("abstractNum", "abstractNumId"), default=-1) + 1,
        next_num=max(ints("num", "numId"), default=0) + 1,
    )
