"""Markdown writer: a `Submission` through Jinja2 templates to CommonMark with YAML front matter.

Layout lives in the templates (`templates/markdown/`, overridable with `--templates DIR`);
text handling lives in `escape.py`. Every piece of user or library text reaches the template
already escaped by `inline()`: text is data passed to a compiled template, never compiled
itself. Templates run in a bounded Jinja2 sandbox (`sandbox.py`) with `StrictUndefined`, so a
typo in a user template is an error, not a blank, and a hostile one cannot run away with time
or memory; user template files are read by `loader.py`.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter import paths
from drafter.document.model import EDITED, Paragraph, Submission
from drafter.errors import DrafterError, Location
from drafter.writers.markdown.escape import critic, heading, inline, yaml_str
from drafter.writers.markdown.loader import FolderLoader, TemplateRefused
from drafter.writers.markdown.sandbox import (
    MAX_OUTPUT,
    MAX_WORK,
    BoundedSandbox,
    TemplateLimit,
    collect,
    run_with_deadline,
)

PANDOC_LANG = {"en": "en-GB", "zh": "zh-CN", "ar": "ar-SA", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}
RTL_LANGUAGES = frozenset({"ar"})
MAIN_TEMPLATE = "markdown/submission.md.j2"


class _Context:
    """Helpers the templates call; collects footnotes in the order they are referenced."""

    def __init__(self, sub: Submission):
        self.sub = sub
        self.notes: list[str] = []
        self.labels = sub.labels
        self.used_statuses: set[str] = set()
        self.main = sub.meta.languages[0]  # the front matter's `lang`

    # -- languages: the front matter names the first; everything in another is marked, so that
    # pandoc (which reads `<div lang>` and `<span lang>` as Div and Span with that attribute)
    # hyphenates, spell-checks and sets direction per language; other viewers show the text.
    def lang_attrs(self, lang: str) -> str:
        attrs = f' lang="{PANDOC_LANG.get(lang, lang)}"'
        return attrs + (' dir="rtl"' if lang in RTL_LANGUAGES else "")

    def open_lang(self, lang: str) -> str:
        """An HTML block opening a part in `lang` (nothing for the document's own language)."""
        return "" if lang == self.main else f"<div{self.lang_attrs(lang)}>"

    def close_lang(self, lang: str) -> str:
        return "" if lang == self.main else "</div>"

    def span(self, text: str, lang: str) -> str:
        """Inline text in `lang`, marked when it is not the document's language (table cells)."""
        if lang == self.main or not text:
            return text
        return f"<span{self.lang_attrs(lang)}>{text}</span>"

    def label(self, key: str, lang: str) -> str:
        return inline(self.labels[key][lang])

    def mark(self, para: Paragraph, lang: str) -> str:
        version = para.versions[lang]
        key = version.mark
        if key is None or (version.status == EDITED and not self.sub.options.mark_edits):
            return ""
        self.used_statuses.add(version.status)
        word = self.labels[key][lang]
        return f" *({inline(word)})*" if lang != "zh" else f"*（{inline(word)}）*"

    def official_notes(self, lang: str) -> list[str]:
        """Notes on official versions, printed with the unofficial-translation note."""
        return [inline(n) for n in self.sub.official_notes.get(lang, ())]

    def footnote(self, para: Paragraph, lang: str) -> str:
        prov = para.cited(lang)
        if self.sub.options.provenance != "footnotes" or prov is None:
            return ""
        sep = "，" if lang == "zh" else ", "
        title = prov.source_title.get(lang) or next(iter(prov.source_title.values()))
        ref = prov.ref.get(lang) or next(iter(prov.ref.values()))
        end = "。" if lang == "zh" else "."
        self.notes.append(inline(f"{title}{sep}{ref}{end}") + f" ({prov.item_id})")
        return f"[^{len(self.notes)}]"

    def lines(self, para: Paragraph, lang: str) -> list[str]:
        """The paragraph's lines, escaped; the first carries the number, the last the marks."""
        changes = para.versions[lang].changes
        if changes is not None and self.sub.options.redline:
            parts = critic(changes)
        else:
            parts = [inline(x) for x in para.lines(lang)]
        if para.number is not None:
            label = para.label(lang)  # "1." (escaped, or it starts a list) or Arabic "1 -"
            parts[0] = f"{label[:-1]}\\. {parts[0]}" if label.endswith(".") else f"{label} {parts[0]}"
        parts[-1] += self.mark(para, lang) + self.footnote(para, lang)
        return parts

    def text(self, para: Paragraph, lang: str) -> str:
        return "\n\n".join(self.lines(para, lang))

    def cell(self, para: Paragraph, lang: str) -> list[str]:
        """Lines of a table cell: pipes are escaped by `inline()` already."""
        return [self.span(line, lang) for line in self.lines(para, lang)]

    def annex_rows(self, lang: str) -> list[dict[str, str]]:
        rows = []
        for para in self.sub.paragraphs():
            prov = para.cited(lang)
            if para.provenance is None or prov is None:
                continue
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

    loaders: list[Any] = []
    user = None
    if user_dir:
        user = FolderLoader(Path(user_dir))
        loaders.append(user)
    loaders.append(FileSystemLoader(str(paths.templates_dir())))
    from drafter import cache
    from drafter.writers.markdown.bytecode import BuiltinBytecodeCache

    env = BoundedSandbox(
        loader=ChoiceLoader(loaders),
        bytecode_cache=BuiltinBytecodeCache() if cache.enabled() else None,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml_str"] = yaml_str
    env.filters["md"] = inline
    env.filters["md_heading"] = heading
    env.user_loader = user  # type: ignore[attr-defined]
    return env


def _user_frame(exc: BaseException, served: set[str]) -> Location | None:
    """The deepest line of a user template in the error's traceback (Jinja maps frames to lines)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name in served:
            found = Location(name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _template_failure(exc: BaseException, served: set[str], fallback: Location) -> DrafterError | None:
    """Map an exception from rendering to bad input, or None if it is drafter's own bug."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    where = _user_frame(exc, served)
    if isinstance(exc, TemplateRefused):
        return DrafterError.at(exc.location or where or fallback, exc.message, hint=exc.hint)
    if isinstance(exc, TemplateLimit):
        return DrafterError.at(where or fallback, f"template stopped: {exc}",
                               hint="templates may only lay out the submission; check for runaway loops")
    if isinstance(exc, TemplateSyntaxError) and (exc.filename in served or exc.filename is None and served):
        # some lexer errors ("Missing end of raw directive") carry no file name: the template
        # being compiled is then the main one or the last one served
        return DrafterError.at(Location(exc.filename or fallback.file, exc.lineno),
                               f"template error: {exc.message}", hint="fix the template")
    if where is None:
        return None
    if isinstance(exc, SecurityError):
        return DrafterError.at(where, f"template tried something unsafe: {exc}",
                               hint="templates may only lay out the submission")
    if isinstance(exc, UndefinedError):
        return DrafterError.at(where, f"template error: {exc}",
                               hint="check the names against the built-in templates in templates/markdown/")
    if isinstance(exc, TemplateNotFound):
        return DrafterError.at(where, f"template {exc.name!r} not found", hint="check the name and the template folder")
    if isinstance(exc, RecursionError):
        return DrafterError.at(where, "template error: it calls or includes itself without end",
                               hint="check the template for a macro or include that calls itself")
    if isinstance(exc, MemoryError):
        return DrafterError.at(where, "template error: out of memory", hint="check for runaway loops")
    message = getattr(exc, "message", None) or str(exc)
    return DrafterError.at(where, f"template error: {type(exc).__name__}: {message}", hint="fix the template")


def render_markdown(sub: Submission, *, templates: Path | None = None) -> str:
    """The submission as CommonMark with YAML front matter (pandoc reads both).

    With `templates`, the user's templates (over the built-in ones) run bounded in size,
    output and time; anything they do wrong is a located `DrafterError`.
    """
    if templates is not None and not os.path.isdir(templates):
        raise DrafterError.at(Location(str(templates)), "template folder not found",
                              hint="give a folder of .j2 templates")
    env = _environment(str(templates) if templates else None)
    served: set[str] = env.user_loader.served if env.user_loader else set()
    ctx = _Context(sub)
    langs = sub.meta.languages
    front = {
        "title": sub.meta.title.get(langs[0], ""),
        "subtitle": sub.meta.title.get(langs[1], "") if len(langs) > 1 else sub.meta.subtitle.get(langs[0], ""),
        "author": [sub.meta.submitter[lang] for lang in langs if lang in sub.meta.submitter],
        "date": sub.meta.date_display.get(langs[0], ""),
        "lang": PANDOC_LANG.get(langs[0], langs[0]),
        "dir": "rtl" if langs[0] in RTL_LANGUAGES else "",
    }

    def go() -> str:
        env.start(MAX_WORK if templates is not None else sys.maxsize)  # drafter's own are trusted
        template = env.get_template(MAIN_TEMPLATE)
        return collect(template.generate(sub=sub, meta=sub.meta, langs=langs, ctx=ctx, front=front, labels=sub.labels),
                       MAX_OUTPUT)

    try:
        out = run_with_deadline(go) if templates is not None else go()
    except Exception as exc:  # noqa: BLE001 - sorted into bad input or a bug just below
        main = str(Path(templates) / MAIN_TEMPLATE) if templates is not None else ""
        fallback = Location(main if main in served else str(templates or "<template>"))
        failure = _template_failure(exc, served, fallback)
        if failure is None:
            raise
        raise failure from None
    bad = _SURROGATE.search(out)
    if bad is not None:  # only a template can print one: user text never holds them
        main = str(Path(templates) / MAIN_TEMPLATE) if templates is not None else "<template>"
        raise DrafterError.at(Location(main), f"template printed U+{ord(bad.group()):04X}, half of a "
                              "surrogate pair and not a character, which no file can hold",
                              hint="print the character itself, or remove the escape")
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.rstrip("\n") + "\n"


_SURROGATE = re.compile("[\ud800-\udfff]")
