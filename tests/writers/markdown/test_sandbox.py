"""User templates (issue 7, item 5): sandboxed, bounded in size, output and time, loaded only
from inside their folder; user text is data, never template code."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from drafter.document.resolve import resolve
from drafter.errors import DrafterError
from drafter.load.yaml import loads
from drafter.spec.check import check_spec
from drafter.writers import render
from drafter.writers.markdown import sandbox
from drafter.writers.markdown.bounds import TemplateLimit
from drafter.writers.markdown.sandbox import BoundedSandbox, run_with_deadline
from drafter.writers.markdown.writer import render_markdown
from tests.conftest import FIXTURES

BASE = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def sub(library):
    return resolve(check_spec(loads(BASE, "spec.yaml"), library), library)


def folder_with(tmp_path: Path, text: str, name: str = "submission.md.j2") -> Path:
    d = tmp_path / "tpl" / "markdown"
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return tmp_path / "tpl"


def failure(sub, folder: Path) -> str:
    with pytest.raises(DrafterError) as exc:
        render_markdown(sub, templates=folder)
    assert len(exc.value.problems) == 1
    return str(exc.value.problems[0])


def expr(template: str) -> str:
    """Render one template expression in the bounded sandbox (no submission needed)."""
    env = BoundedSandbox()
    env.start()
    return env.from_string(template).render()


# -- the sandbox -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "template",
    ["{{ ''.__class__.__mro__ }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}",
     "{{ cycler.__init__.__globals__ }}", "{{ joiner.__init__.__globals__.os }}",
     "{{ namespace.__init__.__globals__ }}", "{{ ctx.__dict__ }}", "{{ ctx._Context__x }}",
     "{{ sub.__class__ }}", "{{ self._TemplateReference__context }}", "{{ range.__self__ }}",
     "{{ ctx.text.__func__.__globals__ }}", "{{ labels.__class__.__base__ }}"],
)
def test_python_internals_are_out_of_reach(sub, tmp_path, template):
    message = failure(sub, folder_with(tmp_path, template))
    assert "unsafe" in message or "undefined" in message or "has no attribute" in message


LOOP = "{{% set ns = namespace({init}) %}}{{% for i in range(64) %}}{{% set {step} %}}{{% endfor %}}"


@pytest.mark.parametrize(
    ("template", "what"),
    [
        ("{{ 'x' * 10**10 }}", "repeating this value"),
        ("{{ ['x'] * 10**9 }}", "repeating this value"),
        ("{{ 10 ** 1000000 }}", "number too large"),
        (LOOP.format(init="n=7", step="ns.n = ns.n * ns.n"), "number too large"),
        (LOOP.format(init="s='x'", step="ns.s = ns.s ~ ns.s"), "joining with ~"),
        (LOOP.format(init="s='x'", step="ns.s = ns.s + ns.s"), "joining these values"),
        ("{% set l = [1] %}{% for i in range(64) %}{% set _ = l.extend(l) %}{% endfor %}", "the list"),
        ("{{ 'x'.ljust(10**9) }}", "width"),
        ("{{ 'x'.center(10**9) }}", "width"),
        ("{{ 'x'.zfill(10**9) }}", "width"),
        ("{{ ('\t' * 1000000).expandtabs(1000) }}", "expanding tabs"),
        ("{{ ('x' * 5000000).replace('x', 'yyyyy') }}", "replaced text"),
        ("{{ ('x' * 5000000) | replace('x', 'yyyyy') }}", "replaced text"),
        ("{{ '{:>999999999}'.format(1) }}", "wider than"),
        ("{{ '{:>{}}'.format(1, 999999999) }}", "widths taken from arguments"),
        # reached indirectly: Jinja2 < 3.1.5 (a stored method) and < 3.1.6 (`attr`) let these past
        ("{% set f = '{:>999999999}'.format %}{{ f(1) }}", "wider than"),
        ("{{ ('{:>999999999}' | attr('format'))(1) }}", "wider than"),
        ("{{ '%999999999d' % 1 }}", "wider than"),
        ("{{ '%*d' % (999999999, 1) }}", "widths are not allowed"),
        ("{{ '%s' | format(['y' * 10000000] * 3) }}", "formatted text"),
        ("{% set l = [] %}{% for i in range(100000) %}{% set _ = l.append('x' * 5000000) %}{% endfor %}",
         "more than 209,715,200 characters in all"),
        ("{{ 'x' | center(10**9) }}", "center width"),
        ("{{ ('x\n' * 1000000) | indent(100) }}", "indented text"),
        ("{{ ('x ' * 1000000) | wordwrap(1, wrapstring='y' * 1000) }}", "wrapped text"),
        ("{{ (['y' * 1000000] * 1000) | join }}", "joined text"),
        ("{{ ['y' * 1000000] * 1000 }}", "printing this value"),
        ("{{ (['y' * 1000000] * 1000) | string }}", "`string` of this value"),
        ("{{ (['y' * 1000000] * 1000) | tojson }}", "`tojson` of this value"),
        ("{{ (['y' * 1000000] * 1000) | pprint }}", "`pprint` of this value"),
        ("{{ ([['y'] * 1000000] * 1000) | sum(start=[]) }}", "the sum"),
        ("{{ range(10) | batch(10**9, 'x') | list }}", "batch size"),
        ("{{ range(10) | slice(10**9) | list }}", "number of slices"),
        ("{{ 'ab'.translate({97: 'x' * 1000000}) }}", "translate"),
        ("{% macro m() %}{% for i in range(100000) %}{{ 'y' * 1000000 }}{% endfor %}{% endmacro %}"
         "{% set x = m() %}", "in all"),
        ("{% set x %}{% for i in range(100000) %}{{ 'y' * 1000000 }}{% endfor %}{% endset %}", "in all"),
    ],
)
def test_size_amplifiers_are_bounded(template, what):
    start = time.perf_counter()
    with pytest.raises(TemplateLimit, match=what):
        expr(template)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{ 'ab' * 3 }}", "ababab"),
        ("{{ [1, 2] + [3] }}", "[1, 2, 3]"),
        ("{{ '%05.1f|%s' % (3.14159, 'x') }}", "003.1|x"),
        ("{{ '{:>5}|{}'.format('a', 2) }}", "    a|2"),
        ("{{ 'x' | center(5) }}", "  x  "),
        ("{{ ['a', 'b'] | join(', ') }}", "a, b"),
        ("{{ 'a b c' | wordwrap(3) }}", "a b\nc"),
        ("{{ 2 ** 10 }}", "1024"),
        ("{% set l = [] %}{% for i in range(3) %}{% set _ = l.append(i) %}{% endfor %}{{ l }}", "[0, 1, 2]"),
        ("{{ 'a' ~ 1 ~ none }}", "a1None"),
        ("{{ [[1], [2]] | sum(start=[]) }}", "[1, 2]"),
        ("{{ range(5) | batch(2, 0) | list }}", "[[0, 1], [2, 3], [4, 0]]"),
    ],
)
def test_ordinary_template_code_still_works(template, expected):
    assert expr(template) == expected


def test_lipsum_is_not_offered():
    from jinja2 import StrictUndefined, UndefinedError

    env = BoundedSandbox(undefined=StrictUndefined)  # as the Markdown writer makes it
    assert "lipsum" not in env.globals
    with pytest.raises(UndefinedError, match="lipsum"):
        env.from_string("{{ lipsum(10**7) }}").render()
    assert BoundedSandbox().from_string("{{ lipsum is defined }}").render() == "False"


# -- time ----------------------------------------------------------------------------------------

def test_deadline_stops_a_tight_loop_and_the_thread_ends():
    def spin():
        while True:
            pass

    start = time.perf_counter()
    with pytest.raises(TemplateLimit, match="longer than 0.3 seconds"):
        run_with_deadline(spin, 0.3)
    assert time.perf_counter() - start < 3
    assert _template_threads_end()


def test_deadline_passes_results_and_errors_through():
    assert run_with_deadline(lambda: 42, 5) == 42
    with pytest.raises(ZeroDivisionError):
        run_with_deadline(lambda: 1 / 0, 5)


def test_nested_loops_in_a_user_template_are_stopped_and_located(sub, tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.5)
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    folder = folder_with(tmp_path, f"ok\n{loops}\n")
    message = failure(sub, folder)
    main = folder / "markdown" / "submission.md.j2"
    assert message.startswith(f"{main}:2: template stopped: template ran longer than 0.5 seconds")


def test_huge_output_is_stopped(sub, tmp_path):
    message = failure(sub, folder_with(tmp_path, "{% for i in range(100000) %}{{ 'x' * 1000000 }}{% endfor %}"))
    assert "template output passed 20,971,520 characters" in message


# -- loading ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "name",
    ["../../../../etc/passwd", "/etc/passwd", "markdown/../../x.j2", "..", "C:/Windows/win.ini",
     "markdown\\..\\..\\x.j2", "\\\\server\\share\\x.j2"],
)
def test_include_outside_the_folder_is_refused(sub, tmp_path, name):
    folder = folder_with(tmp_path, "line 1\n{% include " + repr(name) + " %}\n")
    message = failure(sub, folder)
    assert message.startswith(f"{folder / 'markdown' / 'submission.md.j2'}:2: ")
    assert "leaves the template folder" in message


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("how", ["file", "folder", "included", "chain"])
def test_symlinks_out_of_the_folder_are_refused(sub, tmp_path, how):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.j2").write_text("secret {{ sub }}\n", encoding="utf-8")
    folder = tmp_path / "tpl"
    (folder / "markdown").mkdir(parents=True)
    if how == "file":
        (folder / "markdown" / "submission.md.j2").symlink_to(outside / "secret.j2")
    elif how == "folder":
        (folder / "markdown").rmdir()
        (outside / "submission.md.j2").write_text("x\n", encoding="utf-8")
        (folder / "markdown").symlink_to(outside, target_is_directory=True)
    elif how == "included":
        (folder / "markdown" / "submission.md.j2").write_text("{% include 'parts/p.j2' %}\n", encoding="utf-8")
        (folder / "parts").symlink_to(outside, target_is_directory=True)
        (outside / "p.j2").write_text("p\n", encoding="utf-8")
    else:  # a link inside pointing to a link that leaves
        (folder / "hop.j2").symlink_to(outside / "secret.j2")
        (folder / "markdown" / "submission.md.j2").symlink_to(folder / "hop.j2")
    message = failure(sub, folder)
    assert "template links outside the template folder" in message
    assert "secret" not in message


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_symlink_inside_the_folder_is_fine(sub, tmp_path):
    folder = folder_with(tmp_path, "inside {{ front.title }}\n", name="real.j2")
    (folder / "markdown" / "submission.md.j2").symlink_to(folder / "markdown" / "real.j2")
    assert render_markdown(sub, templates=folder) == "inside Minimal submission\n"


def test_a_big_folder_is_not_walked(sub, tmp_path, monkeypatch):
    """Only the templates Jinja asks for are looked at (`--templates ~` must not walk home)."""
    folder = folder_with(tmp_path, "ok\n")
    monkeypatch.setattr(Path, "rglob", lambda *a, **k: pytest.fail("walked the folder"))
    monkeypatch.setattr(os, "walk", lambda *a, **k: pytest.fail("walked the folder"))
    assert render_markdown(sub, templates=folder) == "ok\n"


def test_partial_override_falls_back_to_built_in_templates(sub, tmp_path):
    folder = folder_with(tmp_path, "{% import 'markdown/macros.md.j2' as m %}{{ m.byline(meta, 'en') }}")
    assert render_markdown(sub, templates=folder).startswith("Example — 28 April 2023")


def test_missing_include_is_located(sub, tmp_path):
    folder = folder_with(tmp_path, "a\nb\n{% include 'markdown/nope.j2' %}\n")
    main = folder / "markdown" / "submission.md.j2"
    expected = f"{main}:3: template 'markdown/nope.j2' not found (check the name and the template folder)"
    assert failure(sub, folder) == expected


def test_errors_in_built_in_templates_are_bugs_not_bad_input(sub, monkeypatch):
    """Only a user template's failure is the user's: drafter's own stay internal errors (exit 1)."""
    from drafter.writers.markdown import writer as markdown

    monkeypatch.setattr(markdown._Context, "lines", lambda self, para, lang: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        render_markdown(sub)


# -- user text is data ------------------------------------------------------------------------------

HOSTILE_TEXT = ["{{ 7*7 }}", "{% include '/etc/passwd' %}", "{{ ''.__class__ }}", "{# x #}", "{%raw%}",
                "{{ lipsum(99) }}", "${7*7}", "<%= 7*7 %>"]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_user_text_is_never_evaluated_by_user_templates(library, tmp_path, text):
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    spec = BASE.replace('"Our own commitment."', f'"{quoted}"').replace("Minimal submission", quoted)
    sub = resolve(check_spec(loads(spec, "spec.yaml"), library), library)
    para = "{{ ctx.text(sub.themes[0].sections[1].paragraphs[1], 'en') }}"
    folder = folder_with(tmp_path, "{{ front.title }}|{{ meta.title.en }}|" + para + "\n")
    out = render_markdown(sub, templates=folder)
    title, meta_title, para = out.rstrip("\n").split("|", 2)
    assert title == text and meta_title == text  # raw values reach a template as data
    assert "49" not in out and "root:" not in out
    built_in = render(sub, "md").decode("utf-8")
    assert "49" not in built_in.split("---", 2)[2]


# -- keyboard interrupt ------------------------------------------------------------------------------

def test_ctrl_c_while_a_template_runs_stops_it(monkeypatch):
    """Ctrl-C comes once the template is running (an event, not a timer)."""
    import _thread

    running = threading.Event()

    def spin():
        running.set()
        while True:
            pass

    def press_ctrl_c():
        running.wait()
        _thread.interrupt_main()

    threading.Thread(target=press_ctrl_c, daemon=True).start()
    with pytest.raises(KeyboardInterrupt):
        run_with_deadline(spin, 30)
    assert _template_threads_end()
    # an interrupted Thread.join can make a running thread look stopped: check it really is
    assert _native_template_threads_end()


def test_ctrl_c_while_the_template_thread_starts_stops_it(monkeypatch):
    """The moment between starting the thread and waiting for it: Ctrl-C there used to leave
    the template running for good."""
    real_start = threading.Thread.start

    def start_then_ctrl_c(self):
        real_start(self)
        if self.name == "drafter-template":
            raise KeyboardInterrupt  # as if Ctrl-C came while `start` waited for the thread

    def spin():
        while True:
            pass

    monkeypatch.setattr(threading.Thread, "start", start_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        run_with_deadline(spin, 30)
    monkeypatch.undo()
    assert _template_threads_end()
    assert _native_template_threads_end()


def _native_template_threads_end(seconds: float = 3.0) -> bool:
    import sys

    end = time.monotonic() + seconds
    ours = {t.ident for t in threading.enumerate() if t.name == "drafter-template"}
    while time.monotonic() < end:
        if not ours & set(sys._current_frames()):
            return True
        time.sleep(0.05)
    return False


def _template_threads_end(seconds: float = 3.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not [t for t in threading.enumerate() if t.name == "drafter-template" and t.is_alive()]:
            return True
        time.sleep(0.05)
    return False
