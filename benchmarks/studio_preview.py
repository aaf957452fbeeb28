"""How fast the studio's preview follows a change, on the delegation example.

    python benchmarks/studio_preview.py                      # print the figures
    python benchmarks/studio_preview.py --screenshot docs/images/studio.png

Two figures: the server's share (POST /api/preview: check, resolve, HTML, budgets, diffs) in
process, and the whole loop in a real browser: from the page's `input` event (one typed
character in an edited paragraph) to the new preview being in the page, as the page itself
records it (`window.drafterTimings`). The browser is Debian's Chromium through Playwright;
without them only the server's share is measured. The target in issue 19 is 100 ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "delegation.yaml"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ENTRY = 'li.entry[data-path="themes.connect.commitments[1]"]'  # cn-igf.connect.c1 in the example


def server_side(spec: Path, repeats: int) -> float:
    from drafter.studio.workspace import Workspace

    ws = Workspace(spec)
    body = spec.read_bytes()
    for _ in range(3):
        ws.preview(body)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        ws.preview(body)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def wait_until(page: Any, expression: str, timeout: float = 10.0) -> None:
    """Poll with `page.evaluate`: the studio's CSP forbids the eval that wait_for_function uses."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.005)


def in_browser(spec: Path, changes: int, screenshot: Path | None) -> dict[str, float] | str:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright not installed"
    if not chromium:
        return "chromium not installed"
    from drafter.studio.server import Running

    with Running(spec) as studio, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(studio.url)
        page.wait_for_selector(ENTRY)
        wait_until(page, "window.drafterTimings.length > 0")
        page.locator(ENTRY).get_by_role("button", name="Edit cn-igf.connect.c1").click()
        area = page.locator(ENTRY).get_by_label("Your text (English)")
        area.fill(area.input_value().replace("should be accelerated", "should be prioritised"))
        wait_until(page, "document.querySelector('[data-diff] ins') !== null")
        area.press("End")
        page.evaluate("window.drafterTimings.length = 0")
        for i in range(changes):  # type a letter, take it back: every preview is a valid spec
            if i % 2 == 0:
                page.keyboard.type("x")
            else:
                page.keyboard.press("Backspace")
            wait_until(page, f"window.drafterTimings.length > {i}")
        timings: list[float] = page.evaluate("window.drafterTimings")
        assert page.locator(".problem.error").count() == 0, "every change measured must preview a valid spec"
        if screenshot:
            take_screenshot(page, screenshot)
        browser.close()
    ordered = sorted(timings)
    return {
        "median": statistics.median(timings),
        "p90": ordered[int(len(ordered) * 0.9) - 1],
        "max": ordered[-1],
        "changes": float(len(timings)),
    }


def take_screenshot(page: Any, path: Path) -> None:
    page.get_by_label("Search the library").fill("IPv6")
    page.wait_for_selector('li.result[data-item="cn-igf.connect.c1"] mark')
    page.locator(ENTRY).scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#document').scrollTop -= 120")
    page.frame_locator("#preview").locator('p[data-item="cn-igf.connect.c1"]').first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))


def measure(changes: int = 40, repeats: int = 31, screenshot: Path | None = None) -> dict[str, float | str]:
    """The figures for benchmarks/run.py's table."""
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp, "delegation.yaml")
        shutil.copy(EXAMPLE, spec)
        out: dict[str, float | str] = {}
        out["studio preview, server share (POST /api/preview, ms)"] = server_side(spec, repeats)
        browser = in_browser(spec, changes, screenshot)
        if isinstance(browser, str):
            out["studio preview, change to preview in Chromium (ms)"] = f"not measured: {browser}"
        else:
            out[f"studio preview, change to preview in Chromium, median of {int(browser['changes'])} (ms)"] = (
                browser["median"])
            out["studio preview, change to preview in Chromium, 90th percentile (ms)"] = browser["p90"]
            out["studio preview, change to preview in Chromium, slowest (ms)"] = browser["max"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--screenshot", type=Path, help="also save a screenshot of the studio here")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    for key, value in measure(args.changes, screenshot=args.screenshot).items():
        print(f"{key}: {value if isinstance(value, str) else f'{value:.1f}'}")


if __name__ == "__main__":
    main()
