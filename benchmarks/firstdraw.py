"""Time to the first interactive draw of a map page in headless Chromium.

Measured inside the page, from navigation start (performance.now()): for our map the page
records `window.samverkanFirstDraw` when vis-network has drawn its first frame, every node
and line in it (and sets `body[data-drawn]`); panels, search and flag texts are built right
after, and `body[data-ready]` is set once they are. The run waits for `data-ready`, so a page
that breaks after its first frame fails here instead of being timed. For pyvis's page a
script injected before any other traps pyvis's global `network` and records its first
`afterDrawing` (with default physics that comes after stabilisation, which may take
minutes: it is given up at the cap and reported as "> cap").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# pyvis's page declares `var network;` and assigns it once; the accessor sees the assignment.
PYVIS_TRAP = """
(() => {
  let value;
  Object.defineProperty(window, "network", {
    configurable: true,
    get() { return value; },
    set(v) {
      value = v;
      if (v && typeof v.once === "function") {
        v.once("afterDrawing", () => { window.__benchFirstDraw = performance.now(); });
      }
    },
  });
})();
"""


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _page(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    # Nothing leaves the machine: pyvis's page asks a CDN for Bootstrap, which would only
    # time out here (and on a steering group's offline PC).
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "blob:"))
            else route.abort()
        ),
    )
    return context, context.new_page()


def ours(browser: Any, html: Path, cap: float) -> float | None:
    """Seconds to our map's first draw; None if it did not draw within `cap` seconds."""
    context, page = _page(browser)
    try:
        page.goto(html.resolve().as_uri(), wait_until="commit", timeout=cap * 1000)
        # Our page forbids eval (CSP), which wait_for_function needs; the selector does not.
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=cap * 1000)
        return float(page.evaluate("() => window.samverkanFirstDraw")) / 1000
    except Exception as error:
        if "Timeout" in type(error).__name__:
            return None
        raise
    finally:
        context.close()


def pyvis(browser: Any, html: Path, cap: float) -> float | None:
    """Seconds to pyvis's first draw with its default physics; None past `cap` seconds."""
    context, page = _page(browser)
    page.add_init_script(PYVIS_TRAP)
    try:
        page.goto(html.resolve().as_uri(), wait_until="commit", timeout=cap * 1000)
        page.wait_for_function(
            "window.__benchFirstDraw !== undefined", timeout=cap * 1000, polling=100
        )
        return float(page.evaluate("() => window.__benchFirstDraw")) / 1000
    except Exception as error:
        if "Timeout" in type(error).__name__:
            return None
        raise
    finally:
        context.close()
