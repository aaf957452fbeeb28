"""Markdown writer: a `Submission` through Jinja2 templates to CommonMark with YAML front matter.

Layout lives in the templates (`templates/markdown/`, overridable with `--templates DIR`);
text handling lives here. Every piece of user or library text reaches the template already
escaped by `inline()`, so a paragraph cannot inject headings, fences, raw HTML, links or
template code: text is data passed to a compiled template, never compiled itself. Templates
run in a bounded Jinja2 sandbox (`sandbox.py`) with `StrictUndefined`, so a typo in a user
template is an error, not a blank, and a hostile one cannot run away with time or memory.

Right-to-left text: Markdown has no direction markup, so a line holding right-to-left letters
or explicit direction controls is wrapped in a Unicode isolate (RLI/LRI ... PDI), the
direction taken from its first strong letter as a plain-text viewer would. Read in any
viewer it then runs in its own direction, and nothing in it (an unbalanced override pasted
from elsewhere) can reorder the marks, numbers or table cells around it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader

from drafter import paths
from drafter.errors import DrafterError, Location
from drafter.model import EDITED, UNOFFICIAL, Paragraph, Submission
from drafter.writers import bidi
from drafter.writers.sandbox import MAX_OUTPUT, MAX_WORK, BoundedSandbox, TemplateLimit, collect, run_with_deadline

MAX_TEMPLATE_BYTES = 1024 * 1024
# CommonMark specials, plus pandoc's `^superscript^` and `{attributes}`; `@` starts a pandoc citation
# only at the start of a word.
_ESCAPE = re.compile(r"([\\`*_\[\]{}<>#|~!&$^]|(?<!\w)@)")
# Line starts that open a block: lists (`-`, `+`, `1.`, `1)`; pandoc's `(a)`, `a.`, `iv)`,
# `(@)`), quotes, setext underlines, pandoc definitions/fenced divs (`:`) and table captions.
_LINE_START = re.compile(r"^(\s*)([-+=>:]|\d+[.)])")
_PANDOC_LIST = re.compile(
    r"^(\s*)(\((?:[A-Za-z]|[ivxlcdmIVXLCDM]+|\d+|@)\)|(?:[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?=\s|$))"
)
_RLI, _LRI, _PDI = "\u2067", "\u2066", "\u2069"
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
PANDOC_LANG = {"en": "en-GB", "zh": "zh-CN"}
MAIN_TEMPLATE = "markdown/submission.md.j2"


def _pandoc_list(m: re.Match[str]) -> str:
    marker = m.group(2)
    if marker.startswith("("):
        return m.group(1) + "\\" + marker
    return m.group(1) + marker[:-1] + "\\" + marker[-1]


def isolate(text: str) -> str:
    """Wrap text holding right-to-left letters or direction controls in a Unicode isolate.

    The isolate's direction is that of the first strong letter (rule P2 of the Unicode
    bidirectional algorithm); text without such characters is returned unchanged.
    """
    if not bidi.needs_isolate(text):  # a regex search first: English and Chinese cost no loop
        return text
    return (_RLI if bidi.first_strong(text) == "R" else _LRI) + text + _PDI


def inline(text: str) -> str:
    """Escape text so CommonMark (and pandoc's Markdown) shows it literally, on one line."""
    text = _ESCAPE.sub(r"\\\1", text.strip())
    text = re.sub(r"\s*[\r\n]\s*", " ", text)
    text = _PANDOC_LIST.sub(_pandoc_list, text)
    if text.startswith("Table:"):  # pandoc: a table caption
        text = "Table\\:" + text[6:]
    text = _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)
    return isolate(text)


def heading(text: str) -> str:
    """Escape heading text: as `inline()`, but a leading `1.` cannot start a list there."""
    return isolate(_ESCAPE.sub(r"\\\1", re.sub(r"\s+", " ", text.strip())))


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), safe for front matter.

    Characters YAML may not hold raw (DEL, C1 controls, U+FEFF, non-characters) are escaped.
    """
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


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


class TemplateRefused(Exception):
    """A user template file or name drafter will not load (outside the folder, not UTF-8, …)."""

    def __init__(self, message: str, location: Location | None = None, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint


_BAD_NAME = re.compile(r"(^|/)\.\.(/|$)|^[A-Za-z]:|\\|\x00")


class _FolderLoader(BaseLoader):
    """Loads user templates: regular UTF-8 files inside the folder, nothing through it.

    Names with `..`, absolute names and drive letters are refused, and so is any file whose
    real path (after following symlinks, of the file or of a folder on the way) is outside
    the template folder. Files are checked when Jinja asks for them, so a big folder costs
    nothing and a FIFO is never opened.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.root = folder.resolve()
        self.served: set[str] = set()

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        import stat

        from jinja2 import TemplateNotFound

        if _BAD_NAME.search(template) or template.startswith("/"):
            raise TemplateRefused(f"template name {template!r} leaves the template folder",
                                  hint="name templates relative to the template folder, e.g. markdown/macros.md.j2")
        shown = self.folder.joinpath(*[p for p in template.split("/") if p and p != "."])
        if not os.path.lexists(shown):
            raise TemplateNotFound(template)
        where = Location(str(shown))
        try:
            real = shown.resolve()
        except (OSError, RuntimeError):  # a symbolic link loop
            raise TemplateRefused("cannot read template: its links go round in a loop", where) from None
        if not real.is_relative_to(self.root):
            raise TemplateRefused("template links outside the template folder", where,
                                  "copy the file into the folder instead of linking it")
        try:
            info = os.stat(real)
        except OSError as exc:
            raise TemplateRefused(f"cannot read template: {exc.strerror}", where) from None
        if not stat.S_ISREG(info.st_mode):
            raise TemplateRefused("template is not a regular file", where, "give a plain text .j2 file")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateRefused(f"template is {info.st_size:,} bytes; the limit is {MAX_TEMPLATE_BYTES:,}", where)
        try:
            with open(real, "rb") as fh:
                raw = fh.read(MAX_TEMPLATE_BYTES + 1)
        except OSError as exc:
            raise TemplateRefused(f"cannot read template: {exc.strerror}", where) from None
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise TemplateRefused("template is not UTF-8 text", Location(str(shown), line),
                                  "save it as UTF-8") from None
        self.served.add(str(shown))
        mtime = info.st_mtime

        def uptodate() -> bool:
            try:
                return os.path.getmtime(real) == mtime
            except OSError:
                return False

        return source, str(shown), uptodate


@lru_cache(maxsize=8)
def _environment(user_dir: str | None) -> Any:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

    loaders: list[Any] = []
    user = None
    if user_dir:
        user = _FolderLoader(Path(user_dir))
        loaders.append(user)
    loaders.append(FileSystemLoader(str(paths.templates_dir())))
    env = BoundedSandbox(
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
    if isinstance(exc, TemplateSyntaxError) and (exc.filename in served):
        return DrafterError.at(Location(exc.filename or "<template>", exc.lineno),
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
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.rstrip("\n") + "\n"
