"""The seed app in a real browser: Debian's chromium driven by Playwright.

This is the whole user path: the installed release's own prebuilt frontend
(1.28.2's baseweb select, 1.67.0's react-aria combobox), served by the
patched wheel, clicked by a person. The page is found by ARIA roles (the
combobox, its options), which both frontends give, not by their DOM. A
missing chromium is a failure (``make browser`` installs it), never a skip.
Screenshots: ``artifacts/<release>-hooray.png`` and ``<release>-off.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from support.release import RELEASE
from support.servers import ARTIFACTS, SEED_APP, Serve

CHROMIUM = Path("/usr/bin/chromium")
HOORAY = "Hooray you found the color YELLOW!"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Headless chromium, a fresh profile as its user data dir; fails if missing."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `make browser`"
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1000, "height": 700},
        )  # fmt: skip
        yield context  # type: ignore[misc]
        context.close()


def pick_red_and_green(page: Page, url: str) -> None:
    """Open the app, then click the multiselect and an option, twice, as a person."""
    page.goto(url)
    multiselect = page.get_by_test_id("stMultiSelect")
    expect(multiselect).to_be_visible(timeout=30_000)
    for option in ("Color.RED", "Color.GREEN"):
        multiselect.get_by_role("combobox").click()
        page.get_by_role("option", name=option, exact=True).click()
        expect(multiselect.get_by_text(option, exact=True)).to_be_visible()
        page.keyboard.press("Escape")  # close the menu, as a person moves on
        # The app is idle once the status widget no longer says "Running".
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)


def test_browser_shows_hooray_for_red_and_green(browser: Browser, serve: Serve) -> None:
    """A person picking Red and Green sees the seed's message; a screenshot is kept."""
    server = serve(SEED_APP)
    page = browser.new_page()  # type: ignore[attr-defined]
    pick_red_and_green(page, server.url)
    expect(page.get_by_text(HOORAY)).to_be_visible(timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{RELEASE}-hooray.png"), full_page=True)
    page.close()


def test_browser_with_coercion_off_shows_no_hooray(
    browser: Browser, serve: Serve
) -> None:
    """With `--runner.enumCoercion=off` the browser sees stock: no message."""
    server = serve(SEED_APP, args=["--runner.enumCoercion=off"])
    page = browser.new_page()  # type: ignore[attr-defined]
    pick_red_and_green(page, server.url)
    expect(
        page.get_by_test_id("stMultiSelect").get_by_text("Color.GREEN")
    ).to_be_visible()
    # An absence has no event to wait for: give the rerun time to have answered.
    page.wait_for_timeout(1500)
    expect(page.get_by_text(HOORAY)).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{RELEASE}-off.png"), full_page=True)
    page.close()
