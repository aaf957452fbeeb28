"""The studio in a real browser: Playwright for Python driving Debian's Chromium.

One flow, as a drafter who has never seen YAML would go: open the spec, search "IPv6", add
cn-igf.connect.c1, change one word and see the difference and the preview, download the DOCX
and read it back with python-docx (it is the file `drafter render` writes), save, and find
the comments of the spec still in the file. Then the keyboard and the Chinese interface.
"""

from __future__ import annotations

import io
import re

import pytest

from tests.conftest import need_tool

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ORIGINAL = "The deployment of IPv6 should be accelerated"
CHANGED = "The deployment of IPv6 should be prioritised"


@pytest.fixture
def browser():
    chromium = need_tool("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, spec_file):
    from drafter.studio.server import Running

    with Running(spec_file) as studio:
        context = browser.new_context(accept_downloads=True, viewport={"width": 1500, "height": 950})
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(studio.url)
        pg.wait_for_selector("li.entry")
        yield pg
        assert errors == [], errors
        context.close()


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_whole_flow(page, spec_file, runner, tmp_path):
    from playwright.sync_api import expect

    assert page.url.endswith("/")  # the token went into the cookie, out of the address bar
    page.get_by_label("Search the library").fill("IPv6")
    result = page.locator('li.result[data-item="cn-igf.connect.c1"]')
    expect(result.locator("mark").first).to_have_text("IPv6")
    result.get_by_role("button", name="Add cn-igf.connect.c1").click()

    entry = page.locator('li.entry[data-path="themes.connect.commitments[0]"]')
    expect(entry.locator(".ident")).to_have_text("cn-igf.connect.c1")
    expect(page.locator("#announce")).to_contain_text("Added cn-igf.connect.c1")
    entry.get_by_role("button", name="Edit cn-igf.connect.c1").click()
    english = entry.get_by_label("Your text (English)")
    text = english.input_value()
    assert ORIGINAL in text
    english.fill(text.replace(ORIGINAL, CHANGED))

    diff = entry.locator('[data-diff="themes.connect.commitments[0]|en"]')
    expect(diff.locator("del")).to_have_text("accelerated")
    expect(diff.locator("ins")).to_have_text("prioritised")
    expect(entry.locator(".badge.edited")).to_have_text("en: edited")
    preview = page.frame_locator("#preview")
    edited = preview.locator('p[data-item="cn-igf.connect.c1"][lang="en"]')
    expect(edited).to_contain_text(CHANGED)
    expect(edited.locator(".mark")).to_have_text("[edited]")
    expect(preview.locator('p[data-item="cn-igf.connect.c1"][lang="zh-Hans"]')).to_contain_text("支持IPv6加快部署")

    with page.expect_download() as info:
        page.get_by_role("button", name="Download DOCX").click()
    download = info.value
    assert download.suggested_filename == "spec.docx"
    data = download.path().read_bytes()
    text = docx_text(data)
    assert CHANGED in text and "[edited]" in text and "支持IPv6加快部署" in text

    page.get_by_role("button", name="Save").click()
    expect(page.locator("#state")).to_have_text("Saved")
    saved = spec_file.read_text(encoding="utf-8")
    assert saved.startswith("# Our delegation's draft for the GDC: the user's own comment")
    assert "# quoted as agreed" in saved and "# side by side, as the capital asked" in saved
    assert CHANGED in saved and "use: cn-igf.connect.c1" in saved

    from drafter.cli import main

    out = tmp_path / "cli.docx"
    assert runner.invoke(main, ["render", str(spec_file), "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == data, "the download is the file `drafter render` writes"


def test_keyboard_and_chinese_interface(page, spec_file):
    from playwright.sync_api import expect

    page.get_by_label("Search the library").fill("IPv6")
    page.get_by_role("button", name="Add cn-igf.connect.c1").click()
    page.locator('li.entry[data-path="themes.connect.commitments[0]"]').wait_for()
    own = page.get_by_role("button", name=re.compile(r"Write own paragraph: 1\. Connect.*Key commitments"))
    own.focus()
    page.keyboard.press("Enter")  # a new paragraph, its first text box focused
    page.keyboard.type("Our own commitment.")
    expect(page.locator('li.entry[data-path="themes.connect.commitments[1]"] textarea[lang="en"]')).to_be_focused()
    # the Chinese text is still empty: the problem sits beside that text box, and only there
    pair = page.locator('[data-path="themes.connect.commitments[1].text.zh"]')
    expect(pair.locator(".problem")).to_contain_text("themes.connect.commitments[1].text.zh: text is empty")
    expect(page.locator(".problem")).to_have_count(1)
    # move it up with the keyboard
    page.locator('li.entry[data-path="themes.connect.commitments[1]"]').get_by_role(
        "button", name="Move own paragraph up").focus()
    page.keyboard.press("Enter")
    expect(page.locator('li.entry[data-path="themes.connect.commitments[0]"] .ident')).to_have_text("own paragraph")
    expect(page.locator("#announce")).to_contain_text("position 1")
    page.keyboard.press("Alt+ArrowDown")
    expect(page.locator('li.entry[data-path="themes.connect.commitments[1]"] .ident')).to_have_text("own paragraph")

    page.get_by_label("Interface language").select_option("zh")
    expect(page.locator("#library-h")).to_have_text("资料库")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("button", name="保存")).to_be_visible()
    theme = page.locator('.theme[data-path="themes.connect"] h3')
    expect(theme).to_have_text("1. 确保所有人（包括所有学校）接入互联网")
