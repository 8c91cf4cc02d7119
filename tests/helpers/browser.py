"""The Chromium the browser tests drive, and a page that records what went wrong in it.

Chromium is found through SAMVERKAN_CHROMIUM, else on PATH (chromium, chromium-browser,
google-chrome). Where none is found the browser tests skip and say why — except in CI
(CI=true), where a skipped browser test fails the run (conftest.py).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_ENV = "SAMVERKAN_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The Chromium executable to launch, or None when there is none."""
    chosen = os.environ.get(CHROMIUM_ENV)
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def missing_reason() -> str:
    return (
        f"no Chromium found: set {CHROMIUM_ENV} to its path or put chromium on PATH "
        "(Debian/Ubuntu: apt-get install chromium)"
    )


@dataclass
class BrowserPage:
    """A Chromium page that records console errors, page errors and every network request."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: Path) -> Any:
        self.page.goto(path.resolve().as_uri())
        # data-ready: drawn and built in full (panels, search, flags); data-drawn comes first.
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        return self.page

    @property
    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "blob:"))]
