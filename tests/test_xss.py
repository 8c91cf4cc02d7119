"""Safe HTML: hostile text in every field never runs, and reads back literally.

A map whose every text field (names, aliases, descriptions, municipalities, roles, target
groups, carriers, sources, gaps, events, ids, a sheet name, the file name, the title) holds
one of tests/payloads.py's XSS payloads is exported by every registered exporter that writes
HTML and opened in headless Chromium. Each payload sets ``window.__xss`` or opens a dialog if
it ever runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from payloads import XSS_PAYLOADS, actor_name, listable, write_payload_project

from samverkan.plugins import get_plugins

HTML_FORMATS = sorted(e.format for e in get_plugins().exporters() if e.suffix == ".html")

# Elements or attributes that only an injected payload could have put in the page.
INJECTED = """() => {
  const handlers = [...document.querySelectorAll('*')].filter(
    (e) => [...e.attributes].some((a) => a.name.toLowerCase().startsWith('on')));
  const urls = [...document.querySelectorAll('[href], [src], [action], [formaction]')].filter(
    (e) => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || ''));
  const foreign = document.querySelectorAll(
    'iframe, object, embed, base, meta[http-equiv=refresh], img[src=x], svg[onload], details[ontoggle], math');
  return handlers.length + urls.length + foreign.length;
}"""


def test_there_are_at_least_20_payloads() -> None:
    assert len(XSS_PAYLOADS) >= 20


@pytest.fixture(scope="module")
def payload_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xss") / "projekt"
    write_payload_project(folder, XSS_PAYLOADS)
    return folder


def export(run_cli, project: Path, fmt: str, target: Path) -> Path:
    if fmt == "html":
        result = run_cli("map", project, "-o", target)
    else:
        result = run_cli("export", project, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return target


def assert_nothing_ran(recorder: Any) -> None:
    page = recorder.page
    assert recorder.dialogs == []
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("parent.__xss") is None
    assert recorder.console_errors == []  # a CSP refusal of injected script is an error too
    assert page.evaluate(INJECTED) == 0
    assert recorder.remote_requests == []


def test_the_map_runs_no_payload_and_shows_each_literally(
    run_cli, payload_project: Path, tmp_path: Path, browser_page: Any
) -> None:
    target = export(run_cli, payload_project, "html", tmp_path / "karta.html")
    html = target.read_text(encoding="utf-8")
    assert not [p for p in XSS_PAYLOADS if "<" in p and p in html]  # never written raw
    page = browser_page.open(target)
    assert_nothing_ran(browser_page)
    assert page.title() == XSS_PAYLOADS[0]
    assert XSS_PAYLOADS[0] in page.inner_text("h1")
    for index, payload in enumerate(XSS_PAYLOADS):
        name = actor_name(index, payload)
        assert page.evaluate("name => window.samverkan.search(name)", name) is not None, name
        shown = page.inner_text("body")
        for text in (
            name,
            f"alias{index} {listable(payload)}",
            f"M{index} {payload}",
            f"beskrivning {index} {payload}",
            f"händelse {index} {payload}",
            f"Intervju {index} {payload}",
        ):
            assert text.strip() in shown, (index, text)
        assert "<svg onload" not in page.inner_html("h1")
    assert_nothing_ran(browser_page)


def test_contact_and_forum_panels_show_payloads_literally(
    run_cli, payload_project: Path, tmp_path: Path, browser_page: Any
) -> None:
    target = export(run_cli, payload_project, "html", tmp_path / "karta.html")
    page = browser_page.open(target)
    for index, payload in enumerate(XSS_PAYLOADS):
        edge = f"k{index}-{payload}"
        page.evaluate(
            "id => window.samverkan.network.emit('click', {nodes: [], edges: [id]})", edge
        )
        shown = page.inner_text("body")
        assert f"kontakt {index} {payload}".strip() in shown, index
        forum = f"F{index} {payload}"
        assert page.evaluate("name => window.samverkan.search(name)", forum) is not None
        assert f"forum {index} {payload}".strip() in page.inner_text("body"), index
    assert_nothing_ran(browser_page)


@pytest.mark.parametrize("fmt", [f for f in HTML_FORMATS if f != "html"])
def test_every_other_html_export_runs_no_payload(
    fmt: str, run_cli, payload_project: Path, tmp_path: Path, browser_page: Any
) -> None:
    target = export(run_cli, payload_project, fmt, tmp_path / f"{fmt}.html")
    browser_page.page.goto(target.resolve().as_uri())
    browser_page.page.wait_for_load_state("load")
    assert_nothing_ran(browser_page)
    shown = browser_page.page.inner_text("body")
    assert XSS_PAYLOADS[0] in shown  # the title, at least, is shown as text
    html = target.read_text(encoding="utf-8")
    for payload in XSS_PAYLOADS:
        if "<" in payload:
            assert payload not in html, payload  # never written unescaped
