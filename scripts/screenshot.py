"""Take the README's picture of the reference map with headless Chromium.

    .venv/bin/python scripts/screenshot.py

Writes docs/img/karta.png: the map of maps/kavlinge-lomma-2017 as it opens, with the
details of AF's closed office in Kävlinge in the side panel.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "karta.html"
        samverkan = Path(sys.executable).with_name("samverkan")
        reference = ROOT / "maps" / "kavlinge-lomma-2017"
        subprocess.run([str(samverkan), "map", str(reference), "-o", str(page_file)], check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1500, "height": 940})
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready=true]")
            office = page.evaluate(
                "window.samverkan.nodes.get()"
                ".find((n) => n.title.startsWith('AF:s kontor i Kävlinge')).id"
            )
            page.evaluate("id => window.samverkan.select(id)", office)
            page.click("#fit")  # the whole map again, the office's details stay in the panel
            page.evaluate("document.getElementById('flags').open = false")
            page.wait_for_timeout(300)
            page.screenshot(path=str(ROOT / "docs" / "img" / "karta.png"))
            browser.close()


if __name__ == "__main__":
    main()
