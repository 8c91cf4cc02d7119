"""Fixtures and hooks only: the CLI, plugins registered for one test, workbooks, Chromium.

What tests share besides fixtures is in the `helpers` package. Every test that uses the
`browser` or `browser_page` fixture is marked `browser`: it skips with the reason where no
Chromium is found, and in CI (CI=true) such a skip fails the run.
"""

from __future__ import annotations

import os

# lxml (a test dependency: the GEXF grammar is RelaxNG) makes openpyxl write its XML through
# lxml, a byte different from what users' installs write; the byte-exact corpus and export
# tests pin openpyxl to its own writer, in this process and every `samverkan` child.
os.environ["OPENPYXL_LXML"] = "False"

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ACTORS_HEADER, CHROMIUM_ARGS, CONTACTS_HEADER, BrowserPage, write_workbook
from helpers.browser import chromium_path, missing_reason

from samverkan.plugins import Plugins, get_plugins
from samverkan.testing import CliResult
from samverkan.testing import run_cli as run_samverkan

BROWSER_FIXTURES = frozenset({"browser", "browser_page"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def in_ci() -> bool:
    return os.environ.get("CI", "").casefold() in {"true", "1", "yes"}


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """In CI every browser test must have run: a skipped one fails the session."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if not in_ci() or reporter is None:
        return
    skipped = [
        report.nodeid
        for report in reporter.stats.get("skipped", [])
        if "browser" in getattr(report, "keywords", {})
    ]
    if skipped:
        reporter.write_line(
            f"CI=true: {len(skipped)} browser test(s) were skipped; CI must run them "
            f"({missing_reason()}).",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def run_cli() -> Callable[..., CliResult]:
    """Run `samverkan ARGS…` in-process; stdout and stderr are kept apart."""
    return run_samverkan


@pytest.fixture
def plugins() -> Plugins:
    return get_plugins()


@pytest.fixture
def register_plugin(plugins: Plugins) -> Iterator[Callable[[object, str], None]]:
    """Register a test plugin for one test, the way an installed plugin would be."""
    names: list[str] = []

    def register(plugin: object, name: str) -> None:
        plugins.register(plugin, name)
        names.append(name)

    yield register
    for name in names:
        plugins.unregister(name)


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip(missing_reason())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
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
