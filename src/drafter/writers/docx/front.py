"""The DOCX title page and the signature: what a UN body sees first and last.

- masthead (when the spec gives a symbol, an original language, an agenda item, or the form is
  a letter or note verbale): the symbol, the date, "Original: …" and, for a version that is a
  translation, "(Translation)", at the right as in UN documents; the agenda item below it. In
  a document holding both versions side by side (parallel, interleaved) each version's masthead
  has its own column of a borderless table;
- the title: for a letter or note verbale, its UN title ("Letter dated … from … addressed to
  …") and then the spec's title; for a contribution, the title, subtitle, submitter and — when
  there is no masthead to carry it — the date;
- a letter's signature block, aligned at the right margin: "(Signed) Name", then the title lines.

Every text here was decided in `document/` (resolve.py, labels.py); this module only places it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from drafter.document.model import Submission
from drafter.writers.docx import wordml as X

Simple = Callable[[str, str, str], str]  # (text, lang, style) -> paragraph XML


class Front:
    """Title block and signature of one submission, for any subset of its languages."""

    def __init__(self, sub: Submission, styles: Mapping[str, str], simple: Simple, text_width: int,
                 line: Callable[[str, str], tuple[str, bool]]):
        self.sub = sub
        self.s = styles
        self.simple = simple
        self.line = line
        self.width = text_width

    def masthead(self, lang: str) -> str:
        """One version's masthead lines: symbol, date, "Original: …", "(Translation)"."""
        head = self.sub.meta.masthead.get(lang)
        if head is None:
            return ""
        s = self.s
        out = [self.simple(head.symbol, lang, s["symbol"])] if head.symbol else []
        out += [self.simple(x, lang, s["masthead"]) for x in head.lines if x != head.symbol]
        return "".join(out)

    def mastheads(self, langs: Sequence[str]) -> str:
        """The mastheads of `langs`, side by side above a rule, each version's agenda item below
        it (a borderless table: one column per language)."""
        heads = self.sub.meta.masthead
        if not heads:
            return ""
        widths = [self.width // len(langs)] * len(langs)
        widths[-1] = self.width - sum(widths[:-1])
        rows = [X.row([X.cell(self.masthead(lang), w, rule_below=True) for lang, w in zip(langs, widths, strict=True)],
                      cant_split=True)]
        if any(heads[lang].agenda_item for lang in langs if lang in heads):
            rows.append(X.row([X.cell(self.simple(heads[lang].agenda_item if lang in heads else "", lang,
                                                  self.s["agenda"]), w) for lang, w in zip(langs, widths, strict=True)],
                              cant_split=True))
        gap = f'<w:p>{X.ppr(self.s["masthead"])}</w:p>'  # air between the rule and the title
        return X.table(rows, widths, None, first_row=False, bare=True) + gap

    def title_block(self, langs: Sequence[str]) -> str:
        """Masthead, title(s), subtitle, byline; the first page of each section."""
        m, s = self.sub.meta, self.s
        out = [self.mastheads(langs)]
        if m.heading:  # a letter or note verbale: its UN title, then what it is about
            out += [self.simple(m.heading.get(lang, ""), lang, s["communication"]) for lang in langs]
            out += [self.simple(m.title.get(lang, ""), lang, s["subtitle"]) for lang in langs]
        else:
            out += [self.simple(m.title.get(lang, ""), lang, s["title"]) for lang in langs]
        out += [self.simple(m.subtitle.get(lang, ""), lang, s["subtitle"]) for lang in langs]
        if not m.heading:  # a communication names its sender in its title
            out += [self.simple(m.submitter.get(lang, ""), lang, s["byline"]) for lang in langs]
        if not m.masthead:  # the masthead carries the date when there is one
            out += [self.simple(m.date_display.get(lang, ""), lang, s["byline"]) for lang in langs]
        return "".join(out)

    def signature(self, lang: str) -> str:
        """A letter's signature block in `lang`, or "" (contributions, notes verbales)."""
        lines = self.sub.meta.signature.get(lang, ())
        if not lines:
            return ""
        runs = [self.line(text, lang) for text in lines]
        breaks = "<w:r><w:br/></w:r>".join(r for r, _rtl in runs)  # one block: it never splits
        return X.para(breaks, self.s["signature"], bidi=runs[0][1])
