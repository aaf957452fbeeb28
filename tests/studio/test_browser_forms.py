"""The masthead form in a real browser (Playwright, Debian's Chromium): a letter with its
signature in the preview, located problems for a bad symbol and an unknown form, a new spec
started as a note verbale, and the six languages offered."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.studio.test_browser import browser  # noqa: F401 - the fixture

__all__ = ["browser"]


@pytest.fixture
def opened(browser):  # noqa: F811 - the fixture imported above
    """`opened(spec)`: the studio serving `spec`, and a page on it (no script error allowed)."""
    from contextlib import ExitStack

    from drafter.studio.server import Running

    with ExitStack() as stack:
        errors: list[str] = []

        def open_spec(spec: Path):
            studio = stack.enter_context(Running(spec))
            context = browser.new_context(viewport={"width": 1500, "height": 950})
            stack.callback(context.close)
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(studio.url)
            page.wait_for_selector("#masthead select")
            return page

        yield open_spec
        assert errors == [], errors


def test_a_letter_with_its_signatory(opened, spec_file: Path):
    from playwright.sync_api import expect

    page = opened(spec_file)
    preview = page.frame_locator("#preview")
    expect(preview.locator("body")).to_contain_text("Contribution to the Global Digital Compact")
    expect(page.get_by_label("Signed by (name, then title lines) (English)")).to_have_count(0)
    page.get_by_label("Form", exact=True).select_option("letter")
    # a letter without its signatory: the server's warning sits beside the form
    expect(page.locator('[data-path="submission.form"] .problem')).to_contain_text("(Signed)")
    page.get_by_label("Signed by (name, then title lines) (English)").fill("A. N. Example\nAmbassador")
    page.get_by_label("Signed by (name, then title lines) (Chinese)").fill("阿·恩·示例")
    page.get_by_label("Document symbol").fill("A/79/123")
    page.get_by_label("Original language").select_option("zh")
    expect(preview.locator(".communication[lang=en]")).to_have_text(
        "Letter dated 28 April 2023 from the Delegation of Examplestan addressed to the Secretary-General")
    expect(preview.locator(".signature[lang=en]").first).to_have_text("(Signed) A. N. Example")
    expect(preview.locator(".signature[lang=zh-Hans]").first).to_have_text("阿·恩·示例（签名）")
    expect(preview.locator("body")).to_contain_text("Original: Chinese")
    expect(page.locator(".problem")).to_have_count(0)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#state")).to_have_text("Saved")
    saved = spec_file.read_text(encoding="utf-8")
    assert "form: letter" in saved and "symbol: A/79/123" in saved and "# side by side, as the capital asked" in saved
    # the Chinese interface names the forms in Chinese
    page.get_by_label("Interface language").select_option("zh")
    expect(page.get_by_label("文件形式")).to_contain_text("信函")


def test_a_bad_symbol_shows_the_located_message(opened, spec_file: Path):
    from playwright.sync_api import expect

    page = opened(spec_file)
    page.get_by_label("Document symbol").fill("A/79/" + "1" * 90)
    note = page.locator('[data-path="submission.symbol"] .problem')
    expect(note).to_contain_text("submission.symbol: text is 95 characters; the limit is 80")
    expect(page.get_by_label("Document symbol")).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#state")).to_have_text("Saved, with problems to fix")
    line = next(i for i, x in enumerate(spec_file.read_text(encoding="utf-8").splitlines(), 1) if "symbol:" in x)
    expect(note).to_contain_text(f"spec.yaml:{line}:11: submission.symbol: text is 95 characters")


def test_an_unknown_form_in_the_file_is_shown_where_it_is(opened, spec_file: Path):
    from playwright.sync_api import expect

    text = spec_file.read_text(encoding="utf-8").replace("  layout: parallel", "  form: memo\n  layout: parallel")
    spec_file.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  form: memo") + 1
    page = opened(spec_file)
    note = page.locator('[data-path="submission.form"] .problem')
    expect(note).to_contain_text(f"spec.yaml:{line}:9: submission.form: unknown form 'memo'")
    expect(page.get_by_label("Form", exact=True)).to_have_value("memo")  # shown as it is, not silently replaced
    page.get_by_label("Form", exact=True).select_option("note-verbale")
    expect(note).to_have_count(0)
    expect(page.frame_locator("#preview").locator(".communication[lang=en]")).to_contain_text("Note verbale")


def test_a_new_spec_starts_as_a_note_verbale(opened, tmp_path: Path):
    from playwright.sync_api import expect

    target = tmp_path / "new.yaml"
    page = opened(target)
    expect(page.locator("#file")).to_have_text("new.yaml (new)")
    page.get_by_label("Start this new spec as").select_option("note-verbale")
    expect(page.get_by_label("Form", exact=True)).to_have_value("note-verbale")
    preview = page.frame_locator("#preview")
    expect(preview.locator("body")).to_contain_text("presents its compliments to the Secretary-General")
    expect(preview.locator(".signature")).to_have_count(0)
    languages = page.get_by_label("Languages", exact=True)
    for name in ("Arabic only", "French only", "Russian only", "Spanish only", "English and Chinese"):
        expect(languages.locator("option", has_text=name)).to_have_count(1)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#state")).to_have_text("Saved")
    expect(page.get_by_label("Start this new spec as")).to_have_count(0)
    saved = target.read_text(encoding="utf-8")
    assert "form: note-verbale" in saved and "# the conventional opening: edit it, it is your text" in saved
