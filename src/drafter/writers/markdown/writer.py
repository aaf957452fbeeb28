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
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter import paths
from drafter.document.model import Paragraph, Submission
from drafter.errors import DrafterError, Location
from drafter.writers.markdown.bounds import MAX_OUTPUT, MAX_WORK, TemplateLimit, collect
from drafter.writers.markdown.escape import critic, heading, inline, yaml_str
from drafter.writers.markdown.loader import FolderLoader, TemplateRefused

if TYPE_CHECKING:
    from jinja2 import Environment

    from drafter.writers.markdown.sandbox import BoundedSandbox

PANDOC_LANG = {"en": "en-GB", "zh": "zh-CN", "ar": "ar-SA", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}
RTL_LANGUAGES = frozenset({"ar"})
EAST_ASIAN = frozenset({"zh"})  # no space before a mark
MAIN_TEMPLATE = "markdown/submission.md.j2"


class _Context:
    """Helpers the templates call; collects footnotes in the order they are referenced.

    Every text decision (numbers, marks, citations, which notes apply) is the document model's
    (`Submission.mark`, `.footnote`, `.note_keys`); this only escapes and arranges.
    """

    def __init__(self, sub: Submission):
        self.sub = sub
        self.notes: list[str] = []
        self.labels = sub.labels
        self.used_statuses: set[str] = set()  # kept for user templates written before note_keys
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
        text = self.sub.mark(para.versions[lang], lang)
        if not text:
            return ""
        self.used_statuses.add(para.versions[lang].status)
        return f" *{inline(text)}*" if lang not in EAST_ASIAN else f"*{inline(text)}*"

    def footnote(self, para: Paragraph, lang: str) -> str:
        note = self.sub.footnote(para, lang)
        if not note:
            return ""
        self.notes.append(inline(note))
        return f"[^{len(self.notes)}]"

    def official_notes(self, lang: str) -> list[str]:
        """Notes on official versions, printed with the unofficial-translation note."""
        return [inline(n) for n in self.sub.official_notes.get(lang, ())]

    def lines(self, para: Paragraph, lang: str) -> list[str]:
        """The paragraph's lines, escaped; the first carries the number, the last the marks."""
        changes = para.versions[lang].changes
        if changes is not None and self.sub.options.redline:
            parts = critic(changes)
        else:
            parts = [inline(x) for x in para.lines(lang)]
        if para.number is not None:
            parts[0] = f"{inline(para.label[lang])} {parts[0]}"
        parts[-1] += self.mark(para, lang) + self.footnote(para, lang)
        return parts

    def text(self, para: Paragraph, lang: str) -> str:
        return "\n\n".join(self.lines(para, lang))

    def cell(self, para: Paragraph, lang: str) -> list[str]:
        """Lines of a table cell: pipes are escaped by `inline()` already."""
        return [self.span(line, lang) for line in self.lines(para, lang)]

    def note_keys(self, langs: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """The notes explaining the marks used in the text of `langs`, as the DOCX has them: a
        version on its own explains its own marks, versions side by side explain each other's."""
        return self.sub.note_keys((langs,) if isinstance(langs, str) else tuple(langs))

    def masthead(self, lang: str) -> str:
        """`A/79/123 · Original: Chinese · (Translation)`: the masthead without the date (which
        the front matter or the section's byline carries), or ""."""
        head = self.sub.meta.masthead.get(lang)
        if head is None:
            return ""
        return " · ".join(inline(x) for x in (head.symbol, head.original, head.translation) if x)

    def agenda_item(self, lang: str) -> str:
        head = self.sub.meta.masthead.get(lang)
        return inline(head.agenda_item) if head and head.agenda_item else ""

    def signature(self, lang: str) -> list[str]:
        """A letter's signature lines, escaped."""
        return [inline(x) for x in self.sub.meta.signature.get(lang, ())]

    def annex_rows(self, lang: str) -> list[dict[str, str]]:
        """One row per paragraph, as the DOCX annex has them: its number (or, unnumbered, the
        heading of its part), source, place, status, and id (shown with `options.show_ids`)."""
        sub, rows = self.sub, []
        parts = [(sub.preamble_heading, sub.preamble)]
        parts += [(t.heading, sec.paragraphs) for t in sub.themes for sec in t.sections]
        parts.append((sub.closing_heading, sub.closing))
        for part_heading, paras in parts:
            for para in paras:
                prov = para.cited(lang)
                rows.append({
                    "paragraph": inline(para.label[lang] if para.number is not None else part_heading.get(lang, "")),
                    "source": inline(prov.source_title[lang]) if prov else "—",
                    "ref": inline(prov.ref[lang]) if prov else "—",
                    "id": inline(prov.item_id) if prov else "",
                    "status": inline(self.labels[para.versions[lang].status][lang]),
                })
        return rows


_OPTIONS: dict[str, Any] = {"autoescape": False, "keep_trailing_newline": True, "trim_blocks": True,
                            "lstrip_blocks": True}


def _add_filters(env: Environment) -> None:
    env.globals.pop("lipsum", None)  # the one global that makes text from nothing
    env.filters["yaml_str"] = yaml_str
    env.filters["md"] = inline
    env.filters["md_heading"] = heading


def _sandbox(user: FolderLoader) -> BoundedSandbox:
    """A bounded sandbox reading `user`'s templates first, then drafter's own.

    Nothing it compiles is cached, drafter's own templates included: compiled for the sandbox
    they hold its size checks, which the trusted environment's code does not, so the two must
    never share compiled code."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

    from drafter.writers.markdown.sandbox import BoundedSandbox

    env = BoundedSandbox(loader=ChoiceLoader([user, FileSystemLoader(str(paths.templates_dir()))]),
                         undefined=StrictUndefined, **_OPTIONS)
    _add_filters(env)
    return env


@cache
def _builtin_environment() -> Environment:
    """drafter's own templates, compiled once per process and reused by every render (a batch
    renders thousands). One entry: the bundled templates never change while drafter runs.

    They are drafter's code, shipped with it and trusted as its Python is, so they run in a
    plain Jinja2 environment, not the sandbox: its checks on every attribute, call and piece of
    output made a built-in render 2.5 times as slow (benchmarks/). User text is still data: it
    reaches these templates escaped by `inline()` and is never compiled. Their compiled code is
    kept in the private cache (`bytecode.py`).

    User templates get a fresh sandbox per render instead (`render_markdown`): a CLI run
    renders once, and nothing about one folder's templates outlives the render that read them.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from drafter import cache
    from drafter.writers.markdown.bytecode import BuiltinBytecodeCache

    env = Environment(loader=FileSystemLoader(str(paths.templates_dir())), undefined=StrictUndefined,
                      bytecode_cache=BuiltinBytecodeCache() if cache.enabled() else None, **_OPTIONS)
    _add_filters(env)
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
        return exc if exc.placed else exc.relocated(where or fallback)
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


def front_matter(sub: Submission) -> dict[str, Any]:
    """Title, subtitle, authors and date for pandoc's title block — shown there and nowhere else.

    One body holding every language (parallel, interleaved): the first language's title, the
    second's as the subtitle, every submitter, every date. Sequential and single: the first
    language's; a sequential document's next language opens with its own title and byline.
    """
    m, langs = sub.meta, sub.meta.languages
    together = m.layout in ("parallel", "interleaved") and len(langs) > 1
    shown = langs if together else langs[:1]
    return {
        "title": m.title.get(langs[0], ""),
        "subtitle": m.title.get(langs[1], "") if together else m.subtitle.get(langs[0], ""),
        "author": [m.submitter[lang] for lang in shown if lang in m.submitter],
        "date": " / ".join(m.date_display[lang] for lang in shown if m.date_display.get(lang)),
        "lang": PANDOC_LANG.get(langs[0], langs[0]),
        "dir": "rtl" if langs[0] in RTL_LANGUAGES else "",
    }


def render_markdown(sub: Submission, *, templates: Path | None = None) -> str:
    """The submission as CommonMark with YAML front matter (pandoc reads both).

    With `templates`, the user's templates (over the built-in ones) run bounded in size,
    output and time; anything they do wrong is a located `DrafterError`.
    """
    if templates is not None and not os.path.isdir(templates):
        raise DrafterError.at(Location(str(templates)), "template folder not found",
                              hint="give a folder of .j2 templates")
    user = FolderLoader(Path(templates)) if templates is not None else None
    sandbox = _sandbox(user) if user is not None else None
    env = sandbox if sandbox is not None else _builtin_environment()
    served: set[str] = user.served if user is not None else set()
    ctx = _Context(sub)
    langs = sub.meta.languages
    front = front_matter(sub)

    def go() -> str:
        if sandbox is not None:
            sandbox.start(MAX_WORK)
        template = env.get_template(MAIN_TEMPLATE)
        return collect(template.generate(sub=sub, meta=sub.meta, langs=langs, ctx=ctx, front=front, labels=sub.labels),
                       MAX_OUTPUT)

    try:
        if sandbox is not None:
            from drafter.writers.markdown.sandbox import run_with_deadline

            out = run_with_deadline(go)
        else:
            out = go()
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
