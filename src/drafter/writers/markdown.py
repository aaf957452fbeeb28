"""Markdown writer: a `Submission` through Jinja2 templates to CommonMark with YAML front matter.

Layout lives in the templates (`templates/markdown/`, overridable with `--templates DIR`);
text handling lives here. Every piece of user or library text reaches the template already
escaped by `inline()`, so a paragraph cannot inject headings, fences, raw HTML, links or
template code: text is data passed to a compiled template, never compiled itself. Templates
run in Jinja2's sandbox with `StrictUndefined`, so a typo in a user template is an error,
not a blank.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter import paths
from drafter.errors import DrafterError, Location
from drafter.model import EDITED, UNOFFICIAL, Paragraph, Submission

MAX_OUTPUT = 20 * 1024 * 1024
_ESCAPE = re.compile(r"([\\`*_\[\]<>#|~!&$])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
PANDOC_LANG = {"en": "en-GB", "zh": "zh-CN"}
MAIN_TEMPLATE = "markdown/submission.md.j2"


def inline(text: str) -> str:
    """Escape text so CommonMark shows it literally and on one line per paragraph."""
    text = _ESCAPE.sub(r"\\\1", text.strip())
    text = re.sub(r"\s*\n\s*", " ", text)
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def heading(text: str) -> str:
    """Escape heading text: as `inline()`, but a leading `1.` cannot start a list there."""
    return _ESCAPE.sub(r"\\\1", re.sub(r"\s+", " ", text.strip()))


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), safe for front matter."""
    return json.dumps(text, ensure_ascii=False)


class _Context:
    """Helpers the templates call; collects footnotes in the order they are referenced."""

    def __init__(self, sub: Submission):
        self.sub = sub
        self.notes: list[str] = []
        self.labels = sub.labels
        self.used_statuses: set[str] = set()

    def label(self, key: str, lang: str) -> str:
        return inline(self.labels[key][lang])

    def mark(self, para: Paragraph, lang: str) -> str:
        status = para.versions[lang].status
        if status == UNOFFICIAL or (status == EDITED and self.sub.options.mark_edits):
            self.used_statuses.add(status)
            word = self.labels["unofficial" if status == UNOFFICIAL else "edited"][lang]
            return f" *({inline(word)})*" if lang != "zh" else f"*（{inline(word)}）*"
        return ""

    def footnote(self, para: Paragraph, lang: str) -> str:
        if self.sub.options.provenance != "footnotes" or para.provenance is None:
            return ""
        prov = para.provenance
        sep = "，" if lang == "zh" else ", "
        title = prov.source_title.get(lang) or next(iter(prov.source_title.values()))
        ref = prov.ref.get(lang) or next(iter(prov.ref.values()))
        end = "。" if lang == "zh" else "."
        self.notes.append(inline(f"{title}{sep}{ref}{end}") + f" ({prov.item_id})")
        return f"[^{len(self.notes)}]"

    def lines(self, para: Paragraph, lang: str) -> list[str]:
        """The paragraph's lines, escaped; the first carries the number, the last the marks."""
        parts = [inline(x) for x in para.versions[lang].lines]
        if para.number is not None:
            parts[0] = f"{para.number}\\. {parts[0]}"
        parts[-1] += self.mark(para, lang) + self.footnote(para, lang)
        return parts

    def text(self, para: Paragraph, lang: str) -> str:
        return "\n\n".join(self.lines(para, lang))

    def cell(self, para: Paragraph, lang: str) -> list[str]:
        """Lines of a table cell: pipes are escaped by `inline()` already."""
        return self.lines(para, lang)

    def annex_rows(self, lang: str) -> list[dict[str, str]]:
        rows = []
        for para in self.sub.paragraphs():
            if para.provenance is None:
                continue
            prov = para.provenance
            rows.append({
                "paragraph": str(para.number) if para.number is not None else "—",
                "source": inline(prov.source_title.get(lang) or next(iter(prov.source_title.values()))),
                "ref": inline(prov.ref.get(lang) or next(iter(prov.ref.values()))),
                "id": inline(prov.item_id),
                "status": inline(self.labels[para.versions[lang].status][lang]) if lang in para.versions else "",
            })
        return rows


@lru_cache(maxsize=8)
def _environment(user_dir: str | None) -> Any:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loaders = []
    if user_dir:
        loaders.append(FileSystemLoader(user_dir, followlinks=False))
    loaders.append(FileSystemLoader(str(paths.templates_dir())))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml_str"] = yaml_str
    env.filters["md"] = inline
    env.filters["md_heading"] = heading
    return env


def _check_user_dir(templates: Path) -> None:
    if not templates.is_dir():
        raise DrafterError.at(Location(str(templates)), "template folder not found", hint="give a folder of .j2 templates")
    root = templates.resolve()
    for p in templates.rglob("*"):
        if p.is_symlink() and not p.resolve().is_relative_to(root):
            raise DrafterError.at(Location(str(p)), "template links outside the template folder",
                                  hint="copy the file into the folder instead of linking it")


def render_markdown(sub: Submission, *, templates: Path | None = None) -> str:
    """The submission as CommonMark with YAML front matter (pandoc reads both)."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    if templates is not None:
        _check_user_dir(Path(templates))
    env = _environment(str(templates) if templates else None)
    ctx = _Context(sub)
    langs = sub.meta.languages
    front = {
        "title": sub.meta.title.get(langs[0], ""),
        "subtitle": sub.meta.title.get(langs[1], "") if len(langs) > 1 else sub.meta.subtitle.get(langs[0], ""),
        "author": [sub.meta.submitter[lang] for lang in langs if lang in sub.meta.submitter],
        "date": sub.meta.date_display.get(langs[0], ""),
        "lang": PANDOC_LANG.get(langs[0], langs[0]),
    }
    try:
        template = env.get_template(MAIN_TEMPLATE)
        out = template.render(sub=sub, meta=sub.meta, langs=langs, ctx=ctx, front=front, labels=sub.labels)
    except TemplateSyntaxError as exc:
        raise DrafterError.at(Location(exc.filename or exc.name or "<template>", exc.lineno),
                              f"template error: {exc.message}", hint="fix the template") from None
    except SecurityError as exc:
        raise DrafterError.at(Location("<template>"), f"template tried something unsafe: {exc}",
                              hint="templates may only lay out the submission") from None
    except TemplateError as exc:
        raise DrafterError.at(Location("<template>"), f"template error: {exc}",
                              hint="check variable names against docs/spec.md") from None
    if len(out) > MAX_OUTPUT:
        raise DrafterError.at(Location("<template>"), "template output is larger than 20 MB", hint="check for runaway loops")
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.rstrip("\n") + "\n"
