"""The steering-group report: Markdown, self-contained HTML and xlsx, Swedish by default."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import Result
from helpers import (
    ACTORS_HEADER,
    CONTACTS_HEADER,
    REFERENCE_MAP,
    BrowserPage,
    bilingual,
    write_workbook,
)

from samverkan import hookimpl
from samverkan.contract import Analysis, Rule, RuleContext
from samverkan.model import Flag, Severity
from samverkan.pipeline import read_map
from samverkan.plugins import Plugins
from samverkan.safety import neutralise_cell

HOSTILE = "Svag kontakt <script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","klicka")'


class WeakContactRule:
    """A tiny rule: every contact rated poor or worse is a high flag, Lomma gets a low one."""

    id = "test-weak-contact"
    title = bilingual("Svag kontakt", "Weak contact")
    severity = Severity.HIGH
    defaults: ClassVar[dict[str, Any]] = {}

    def check(self, context: RuleContext) -> Iterator[Flag]:
        for contact in context.map.contacts():
            if contact.quality is not None and contact.quality <= 2:
                a, b = (context.map.name(x) for x in (contact.actor_a, contact.actor_b))
                yield Flag(
                    rule=self.id,
                    severity=Severity.HIGH,
                    title=bilingual(HOSTILE, "Weak contact"),
                    explanation=bilingual(
                        f"Kontakten mellan {a} och {b} upplevs som svag.",
                        f"The contact between {a} and {b} is felt to be poor.",
                    ),
                    actors=(contact.actor_a, contact.actor_b),
                    contacts=(contact.id,),
                    evidence=contact.provenance,
                )
        yield Flag(
            rule=self.id,
            severity=Severity.LOW,
            title=bilingual(FORMULA, FORMULA),
            explanation=bilingual("Lomma kommun har få kontakter.", "Lomma has few contacts."),
            actors=("lomma",),
        )


class TinyRulePlugin:
    @hookimpl
    def samverkan_rules(self) -> list[Rule]:
        return [WeakContactRule()]


@pytest.fixture
def with_rule(register_plugin: Callable[[object, str], None]) -> None:
    register_plugin(TinyRulePlugin(), "test-weak-contact")


def export(
    run_cli: Callable[..., Result], source: Path, fmt: str, target: Path, *extra: str
) -> str:
    # Before the office closed, so the weak contact with it is still on the map.
    result = run_cli("export", source, "--format", fmt, "-o", target, "--at", "2017-01-15", *extra)
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8") if target.suffix != ".xlsx" else ""


@pytest.mark.usefixtures("with_rule")
def test_swedish_markdown_report(
    run_cli: Callable[..., Result], small_workbook: Path, tmp_path: Path
) -> None:
    text = export(run_cli, small_workbook, "report-md", tmp_path / "rapport.md")
    for heading in ("Sammanfattning", "Kartan", "Översikt per kommun", "Nyckeltal", "Händelser"):
        assert f"## {heading}" in text
    # the map picture, written beside the report and linked from it
    assert "![Kartbild](rapport-karta.svg)" in text
    picture = (tmp_path / "rapport-karta.svg").read_text(encoding="utf-8")
    assert picture.startswith("<svg") and "Lomma kommun" in picture and "KSAU Lomma" in picture
    # flags by severity, most severe first, with explanation and sources
    high, low = text.index("### Hög allvarlighet"), text.index("### Låg allvarlighet")
    assert high < low
    flag = text[high:low]
    assert "Kontakten mellan Kävlinge kommun och AF:s kontor i Kävlinge upplevs som svag." in flag
    assert "karta.xlsx, blad Kontakter, rad 3" in flag
    # user text cannot become markup
    assert "<script>" not in text
    assert "Svag kontakt \\<script\\>alert(1)\\</script\\>" in text
    # the municipality overview: Kävlinge's row names its operational contact and its flag
    row = next(line for line in text.splitlines() if line.startswith("| Kävlinge |"))
    assert "Kävlinge kommun – AF:s kontor i Kävlinge" in row
    assert "hög: Svag kontakt" in row
    lomma = next(line for line in text.splitlines() if line.startswith("| Lomma |"))
    assert "Lomma kommun – Arbetsförmedlingen (vuxna, mycket god)" in lomma
    assert "KSAU Lomma (strategisk, 2 ggr/år)" in lomma


def test_the_summary_counts_one_as_one(
    run_cli: Callable[..., Result], small_workbook: Path, tmp_path: Path
) -> None:
    """'1 kontakt (1 strategisk)', never '1 kontakter (1 strategiska)', in both languages."""
    before = export(run_cli, small_workbook, "report-md", tmp_path / "fore.md")
    assert "omfattar 4 aktörer, 1 forum och 2 kontakter (1 strategisk, 1 operativ)" in before
    # on 2017-03-01 the office has closed and its contact with it
    target = tmp_path / "efter.md"
    for lang, line in [
        ("sv", "omfattar 3 aktörer, 1 forum och 1 kontakt (1 strategisk, 0 operativa)"),
        ("en", "holds 3 actors, 1 forum and 1 contact (1 strategic, 0 operational)"),
    ]:
        args = ("export", small_workbook, "-f", "report-md", "-o", target, "--lang", lang)
        result = run_cli(*args, "--at", "2017-03-01")
        assert result.exit_code == 0, result.stderr
        assert line in target.read_text(encoding="utf-8")


@pytest.mark.usefixtures("with_rule")
def test_english_report(
    run_cli: Callable[..., Result], small_workbook: Path, tmp_path: Path
) -> None:
    text = export(run_cli, small_workbook, "report-md", tmp_path / "report.md", "--lang", "en")
    assert "## Summary" in text and "### High severity" in text
    assert (
        "The contact between Kävlinge kommun and AF:s kontor i Kävlinge is felt to be poor." in text
    )
    assert "karta.xlsx, sheet Kontakter, row 3" in text


@pytest.mark.usefixtures("with_rule")
def test_html_report_is_offline_safe_and_complete(
    run_cli: Callable[..., Result],
    small_workbook: Path,
    tmp_path: Path,
    browser_page: BrowserPage,
) -> None:
    target = tmp_path / "rapport.html"
    export(run_cli, small_workbook, "report-html", target)
    page = browser_page.open(target)
    csp = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    assert csp.startswith("default-src 'none'") and "script-src" not in csp  # no script at all
    assert browser_page.console_errors == []
    assert browser_page.requests == [target.resolve().as_uri()]  # nothing else, not even local
    assert browser_page.dialogs == []
    assert page.locator("#map svg .actor").count() == 4  # the four actors
    assert page.locator("#map svg polygon.forum").count() >= 1  # the forum
    high = page.locator("#flags h3").first.inner_text()
    assert high.startswith("Hög allvarlighet")
    assert page.locator("#flags h4").first.inner_text() == HOSTILE  # shown, never run
    sources = page.locator("#flags dd li").all_inner_texts()
    assert any("karta.xlsx, blad Kontakter, rad 3" in s for s in sources)
    rows = page.locator("#overview tbody tr")
    assert rows.locator("td:first-child").all_inner_texts() == ["Kävlinge", "Lomma"]


@pytest.mark.usefixtures("with_rule")
def test_xlsx_report_has_a_sheet_per_section_and_no_formulas(
    run_cli: Callable[..., Result], small_workbook: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "rapport.xlsx"
    export(run_cli, small_workbook, "report-xlsx", target)
    workbook = load_workbook(target)
    assert workbook.sheetnames == [
        "Sammanfattning",
        "Fynd",
        "Kommunöversikt",
        "Nyckeltal",
        "Händelser",
        "Källor",
    ]
    cells = [c for row in workbook["Fynd"].iter_rows() for c in row if c.value is not None]
    assert [c.value for c in next(workbook["Fynd"].iter_rows())][-2:] == ["Varför", "Regler"]
    summary = [c.value for row in workbook["Sammanfattning"].iter_rows() for c in row]
    assert "Viktigast att ta upp" in summary and any(
        str(v).startswith("1. ") and "allvarlighet" in str(v) for v in summary
    )
    assert all(c.data_type != "f" for ws in workbook for row in ws.iter_rows() for c in row)
    assert any(c.value == "'" + FORMULA for c in cells)
    assert any(c.value == HOSTILE for c in cells)
    overview = [[c.value for c in row] for row in workbook["Kommunöversikt"].iter_rows()]
    kavlinge = next(row for row in overview if row[0] == "Kävlinge")
    assert "Kävlinge kommun – AF:s kontor i Kävlinge" in kavlinge[2]


def test_changes_since_the_previous_round(
    plugins: Plugins, small_workbook: Path, tmp_path: Path
) -> None:
    samverkan_map, _ = read_map([small_workbook], plugins)
    exporter = plugins.exporter("report-md")
    exporter.export(Analysis(samverkan_map, [], "sv"), tmp_path / "utan.md")
    assert "Förändringar" not in (tmp_path / "utan.md").read_text(encoding="utf-8")
    changes = {"lomma": "added", "ksau-lomma>af": "removed"}
    exporter.export(Analysis(samverkan_map, [], "sv", changes=changes), tmp_path / "med.md")
    text = (tmp_path / "med.md").read_text(encoding="utf-8")
    assert "## Förändringar sedan förra omgången" in text
    assert "| tillkommit | Lomma kommun |" in text
    assert "| försvunnit | Arbetsförmedlingen → KSAU Lomma |" in text


@pytest.mark.skipif(not REFERENCE_MAP.is_dir(), reason="the reference map is built elsewhere")
def test_reference_map_report_in_swedish(
    run_cli: Callable[..., Result], tmp_path: Path, browser_page: BrowserPage
) -> None:
    target = tmp_path / "rapport.html"
    result = run_cli("export", REFERENCE_MAP, "--format", "report-html", "-o", target)
    assert result.exit_code == 0, result.stderr
    page = browser_page.open(target)
    assert browser_page.console_errors == [] and browser_page.remote_requests == []
    headings = page.locator("h2").all_inner_texts()
    assert headings[:5] == [
        "Sammanfattning",
        "Viktigast att ta upp",
        "Kartan",
        "Alla fynd efter allvarlighet",
        "Översikt per kommun",
    ]
    # the seven findings ranked highest, the closure of the AF office among them
    top = page.locator("#most-important li").all_inner_texts()
    assert len(top) == 7 and any("AF:s kontor i Kävlinge har stängt" in t for t in top)
    assert all("allvarlighet" in t for t in top)  # each says why it ranks where it does
    assert page.locator("#map svg .actor").count() > 20
    # every finding once, not every rule hit: at most 25 on the reference map
    assert 0 < page.locator("#flags article").count() <= 25
    assert "Medelhög" not in page.locator("body").inner_text()  # "medel", as in gaps and the map
    places = page.locator("#overview tbody td:first-child").all_inner_texts()
    assert "Kävlinge" in places and "Lomma" in places
    assert "AF:s kontor i Kävlinge" in page.locator("#flags").inner_text()
    # a finding several rules found reads as a paragraph per rule, not one wall of text
    degraded = page.locator(
        "#flags article:has(h4:text-is('Försämrad kontakt: Kävlinge kommun – Arbetsförmedlingen (operativ)'))"
    )
    paragraphs = degraded.locator("p").all_inner_texts()
    assert len(paragraphs) >= 5
    assert paragraphs[0].startswith(
        "Kontakten Kävlinge kommun – Arbetsförmedlingen (operativ, vuxna, svag)"
    )
    assert sum(p.startswith("Kävlinge kommun önskar strategisk samverkan") for p in paragraphs) >= 3
    # the rules that found it, named under "Regler" as in samverkan gaps
    terms = dict(
        zip(
            degraded.locator("dt").all_inner_texts(),
            degraded.locator("dd").all_inner_texts(),
            strict=True,
        )
    )
    assert terms["Regler"].startswith("weak-or-degraded-contact, stated-gap, unmet-wish")
    assert "Regel" not in terms


@pytest.mark.skipif(not REFERENCE_MAP.is_dir(), reason="the reference map is built elsewhere")
def test_decimals_have_a_comma_in_swedish_and_a_point_in_english(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """The beredningsgrupp meets '2–3 ggr/år', recorded as 2.5; betweenness has two decimals."""
    target = tmp_path / "rapport.md"
    for lang, cadence, betweenness in [
        ("sv", "Strategisk beredningsgrupp Kävlinge (strategisk, 2,5 ggr/år)", "| 0,05 |"),
        ("en", "Strategisk beredningsgrupp Kävlinge (strategic, 2.5 times/year)", "| 0.05 |"),
    ]:
        result = run_cli("export", REFERENCE_MAP, "-f", "report-md", "-o", target, "--lang", lang)
        assert result.exit_code == 0, result.stderr
        text = target.read_text(encoding="utf-8").replace("\\.", ".")  # as Markdown shows it
        assert cadence in text
        top = next(line for line in text.splitlines() if line.startswith("| Arbetsförmedlingen |"))
        assert betweenness in top


@pytest.mark.skipif(not REFERENCE_MAP.is_dir(), reason="the reference map is built elsewhere")
def test_an_actor_of_two_municipalities_is_counted_under_both_names_in_words(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Finsam Kävlinge–Lomma serves 'Kävlinge; Lomma': its row reads 'Kävlinge och Lomma'."""
    target = tmp_path / "rapport.md"
    assert run_cli("export", REFERENCE_MAP, "-f", "report-md", "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "| Kävlinge och Lomma | 1 | 2 | 0 | 1 | 1 | 0 |" in text
    assert "Kävlinge; Lomma" not in text
    metrics = run_cli("gaps", REFERENCE_MAP, "--metrics").stdout
    assert "  Kävlinge och Lomma: 1 aktör, 2 forum," in metrics
    assert "Kävlinge; Lomma" not in metrics


def test_municipalities_follow_the_swedish_alphabet(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Åre before Älvdalen before Örebro, as a Swede looks them up (code points put Ä first)."""
    towns = ["Örebro", "Älvdalen", "Åre", "Arboga"]
    source = write_workbook(
        tmp_path / "karta.xlsx",
        {
            "Aktörer": [
                ACTORS_HEADER,
                *([t.lower(), f"{t} kommun", "kommun", None, t, None, None] for t in towns),
            ],
            "Kontakter": [
                CONTACTS_HEADER,
                *(
                    [f"{t} kommun", "Arboga kommun", "operativ", None, None, None, None]
                    for t in towns[:3]
                ),
            ],
        },
    )
    target = tmp_path / "rapport.md"
    result = run_cli("export", source, "-f", "report-md", "-o", target)
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "i Arboga, Åre, Älvdalen och Örebro." in text
    rows = [line.split(" | ")[0] for line in text.splitlines() if line.startswith("| ")]
    overview = [r[2:] for r in rows if r[2:] in towns]
    assert overview[:4] == ["Arboga", "Åre", "Älvdalen", "Örebro"]


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+46 70", "'+46 70"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Lomma kommun", "Lomma kommun"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_cell(value: str, safe: str) -> None:
    assert neutralise_cell(value) == safe


def test_how_many_findings_to_take_up_is_set_in_samverkan_toml(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    import shutil

    project = tmp_path / "karta"
    shutil.copytree(REFERENCE_MAP, project, ignore=shutil.ignore_patterns("utdata"))
    config = project / "samverkan.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n[rapport]\nviktigast = 3\n", encoding="utf-8"
    )
    target = tmp_path / "rapport.md"
    assert run_cli("export", project, "--format", "report-md", "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    section = text[text.index("## Viktigast att ta upp") : text.index("## Kartan")]
    assert [line[:3] for line in section.splitlines() if line[:1].isdigit()] == [
        "1. ",
        "2. ",
        "3. ",
    ]
    config.write_text(
        config.read_text(encoding="utf-8").replace("viktigast = 3", "viktigast = 0"),
        encoding="utf-8",
    )
    bad = run_cli("export", project, "--format", "report-md", "-o", target)
    assert bad.exit_code == 2 and "viktigast" in bad.stderr
