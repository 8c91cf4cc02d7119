"""Shared fixtures: the CLI, plugins registered for one test, workbooks, a real Chromium."""

from __future__ import annotations

import os

# lxml (a test dependency: the GEXF grammar is RelaxNG) makes openpyxl write its XML through
# lxml, a byte different from what users' installs write; the byte-exact corpus and export
# tests pin openpyxl to its own writer, in this process and every `samverkan` child.
os.environ["OPENPYXL_LXML"] = "False"

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from samverkan.cli import build_cli
from samverkan.plugins import Plugins, get_plugins

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_MAP = ROOT / "maps" / "kavlinge-lomma-2017"
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


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run `samverkan ARGS…` in-process; stdout and stderr are kept apart."""

    def run(*args: str | Path) -> Result:
        return CliRunner().invoke(build_cli(), [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture
def plugins() -> Plugins:
    return get_plugins()


@pytest.fixture
def register_plugin(plugins: Plugins) -> Iterator[Callable[[object, str], None]]:
    """Register a test plugin for one test, the way an installed plugin would be."""
    names: list[str] = []

    def register(plugin: object, name: str) -> None:
        plugins.manager.register(plugin, name=name)
        names.append(name)

    yield register
    for name in names:
        plugins.manager.unregister(name=name)


def write_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """An .xlsx with one sheet per key; the first list of each is the header row."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path


ACTORS_HEADER = ["ID", "Namn", "Typ", "Tillhör", "Kommun", "Alias", "Källa"]
CONTACTS_HEADER = ["Aktör A", "Aktör B", "Nivå", "Målgrupper", "Kvalitet", "Bärare", "Källa"]


@pytest.fixture
def small_workbook(tmp_path: Path) -> Path:
    """A small valid map: two municipalities, AF with a local office, one forum."""
    return write_workbook(
        tmp_path / "karta.xlsx",
        {
            "Aktörer": [
                ACTORS_HEADER,
                ["kavlinge", "Kävlinge kommun", "kommun", None, "Kävlinge", None, None],
                ["lomma", "Lomma kommun", "kommun", None, "Lomma", None, None],
                ["af", "Arbetsförmedlingen", "myndighet", None, None, "AF; Af", None],
                ["af-kavlinge", "AF:s kontor i Kävlinge", "kontor", "AF", "Kävlinge", None, None],
            ],
            "Forum": [
                ["Namn", "Nivå", "Medlemmar", "Möten per år"],
                ["KSAU Lomma", "strategisk", "Lomma kommun; AF", 2],
            ],
            "Kontakter": [
                CONTACTS_HEADER,
                ["Lomma kommun", "AF", "strategisk", "vuxna", "mycket god", "Jakob K", None],
                ["Kävlinge kommun", "af-kavlinge", "operativ", "vuxna", "svag", None, None],
            ],
            "Händelser": [
                ["Datum", "Typ", "Aktör", "Beskrivning"],
                ["2017-02-01", "stängning", "AF:s kontor i Kävlinge", "Kontoret stängs"],
            ],
        },
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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser: Any) -> Iterator[BrowserPage]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    recorder = BrowserPage(page)
    page.on(
        "console", lambda m: recorder.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: recorder.console_errors.append(str(e)))
    page.on("request", lambda r: recorder.requests.append(r.url))

    def on_dialog(dialog: Any) -> None:
        recorder.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield recorder
    context.close()
