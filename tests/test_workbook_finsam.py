"""The workbook speaks Finsam: funding, projects that end, dates as people say them."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import write_workbook
from openpyxl import load_workbook
from samverkanskartan.workbook.reader import read_workbook

from samverkan.dates import label
from samverkan.graph import SamverkanMap
from samverkan.merge import build_map
from samverkan.model import (
    ContactStatus,
    Counterpart,
    ForumStatus,
    Funding,
    FundingKind,
    FundingStatus,
    GapKind,
)

ACTORS = ["Namn", "Typ", "Tillhör", "Ägare", "Mottagare", "Gäller från", "Gäller till och med", "Källa", "Egenskaper"]  # fmt: skip
FUNDING = ["Typ", "Finansiär", "Mottagare", "Belopp", "Valuta", "Andel", "Status", "Gäller från", "Gäller till och med", "Källa"]  # fmt: skip
CONTACTS = ["Aktör A", "Aktör B", "Nivå", "Målgrupper", "Kontakter per år", "Bärare", "Status", "Tidsinsats", "Källa"]  # fmt: skip


def names(built: SamverkanMap, ids: tuple[str, ...]) -> list[str]:
    return [built.name(i) for i in ids]


SOURCES = [["ID", "Titel", "Typ"], ["ansokan", "Projektansökan Unga vuxna", "dokument"]]


def project_workbook(path: Path, end: str = "2 år") -> Path:
    """A project as a process leader would write it from a förbund's project application."""
    return write_workbook(
        path,
        {
            "Aktörer": [
                ACTORS,
                [
                    "Finsam Kävlinge–Lomma",
                    "samordningsförbund",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ],
                ["Kävlinge kommun", "kommun", None, None, None, None, None, None, None],
                ["Arbetsförmedlingen", "myndighet", None, None, None, None, None, None, None],
                ["AF Lund", "kontor", "Arbetsförmedlingen", None, None, None, None, None, None],
                ["Försäkringskassan", "myndighet", None, None, None, None, None, None, None],
                ["ESF-rådet", "myndighet", None, None, None, None, None, None, None],
                [
                    "Unga vuxna-projektet",
                    "projekt",
                    None,
                    "Kävlinge kommun; Finsam Kävlinge–Lomma",
                    "Arbetsförmedlingen; Försäkringskassan",
                    "februari 2017",
                    end,
                    "ansokan",
                    "budget=1,2 mkr; förtroende=4",
                ],
            ],
            "Finansiering": [
                FUNDING,
                [
                    "finansiering",
                    "ESF-rådet",
                    "Unga vuxna-projektet",
                    "1,2 mkr",
                    "SEK",
                    "60 %",
                    "beviljad",
                    "februari 2017",
                    end,
                    "ansokan",
                ],
                [
                    "finansiering",
                    "Finsam Kävlinge–Lomma",
                    "Unga vuxna-projektet",
                    "800 000 kr",
                    "SEK",
                    "40 %",
                    "beviljad",
                    "vt 2017",
                    "slutet av 2018",
                    "ansokan",
                ],
                [
                    "medlemskap",
                    "Kävlinge kommun",
                    "Finsam Kävlinge–Lomma",
                    None,
                    None,
                    "12,5 %",
                    None,
                    "2008",
                    None,
                    "ansokan",
                ],
                [
                    "medlemskap",
                    "Arbetsförmedlingen",
                    "Finsam Kävlinge–Lomma",
                    None,
                    None,
                    "25 %",
                    None,
                    "2008",
                    None,
                    "ansokan",
                ],
            ],
            "Personer": [
                ["Namn", "Roll", "Aktör", "Alias", "Antal"],
                ["Jakob K", "projektledare", "Unga vuxna-projektet", "Jacob K", None],
                ["Coacher", "coach", "Unga vuxna-projektet", None, 2],
            ],
            "Kontakter": [
                CONTACTS,
                [
                    "Unga vuxna-projektet",
                    "AF Lund",
                    "operativ",
                    "unga vuxna",
                    "täta kontakter",
                    "Jacob K",
                    "pågående",
                    "20 h/månad",
                    "ansokan",
                ],
                [
                    "Unga vuxna-projektet",
                    "Kävlinge kommun",
                    "operativ",
                    "unga vuxna",
                    "regelbundet",
                    "Coacher",
                    "planerad",
                    "4 h/vecka",
                    "ansokan",
                ],
            ],
            "Glapp och önskemål": [
                ["Typ", "Aktör", "Fler aktörer", "Motpart", "Källa"],
                [
                    "risk",
                    "Kävlinge kommun",
                    "Arbetsförmedlingen; Försäkringskassan",
                    "ingen",
                    "ansokan",
                ],
                ["behov", "Kävlinge kommun", None, "okänd", "ansokan"],
            ],
            "Källor": SOURCES,
        },
    )


def test_a_project_its_funders_members_and_receivers_read_as_written(tmp_path: Path) -> None:
    result = read_workbook(project_workbook(tmp_path / "projekt.xlsx"))
    assert not result.problems
    outcome = build_map(result.facts)
    assert not outcome.problems
    built = outcome.map
    [project] = [a for a in built.actors() if a.name == "Unga vuxna-projektet"]
    assert names(built, project.owners) == ["Kävlinge kommun", "Finsam Kävlinge–Lomma"]
    assert names(built, project.receivers) == ["Arbetsförmedlingen", "Försäkringskassan"]
    assert label(project.valid.start, "sv") == "februari 2017"  # type: ignore[arg-type]
    assert label(project.valid.end, "sv") == "januari 2019"  # type: ignore[arg-type]  # 2 år
    assert project.attributes == {"budget": "1,2 mkr", "förtroende": "4"}
    esf, finsam = built.fundings_of(project.id)
    assert (built.name(esf.funder), esf.amount, esf.currency, esf.share) == (
        "ESF-rådet",
        1.2e6,
        "SEK",
        60.0,
    )
    assert (finsam.amount, finsam.share, finsam.status) == (800000.0, 40.0, FundingStatus.GRANTED)
    assert label(finsam.valid.end, "en") == "Q4 2018"  # type: ignore[arg-type]
    members = built.members_of(finsam.funder)
    assert [(built.name(m.funder), m.share, m.kind) for m in members] == [
        ("Kävlinge kommun", 12.5, FundingKind.MEMBERSHIP),
        ("Arbetsförmedlingen", 25.0, FundingKind.MEMBERSHIP),
    ]


def test_a_status_reads_in_the_form_the_source_agrees_it(tmp_path: Path) -> None:
    """The ESF project bank writes "Beviljat ESF-stöd"; a process leader copies the word."""
    path = write_workbook(
        tmp_path / "status.xlsx",
        {
            "Aktörer": [
                ["Namn", "Typ"],
                ["Projektet", "projekt"],
                ["ESF-rådet", "myndighet"],
                ["Eksjö kommun", "kommun"],
            ],
            "Finansiering": [
                ["Finansiär", "Mottagare", "Status"],
                ["ESF-rådet", "Projektet", "Beviljat"],
                ["Eksjö kommun", "Projektet", "avslutade"],
            ],
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå", "Status"],
                ["Projektet", "Eksjö kommun", "operativ", "upphörd"],
            ],
            "Forum": [
                ["Namn", "Nivå", "Medlemmar", "Status"],
                ["Styrgruppen", "strategisk", "Projektet; Eksjö kommun", "nedlagd"],
                ["Referensgruppen", "operativ", "Projektet; ESF-rådet", "planerad"],
            ],
        },
    )
    result = read_workbook(path)
    assert not result.problems
    built = build_map(result.facts).map
    assert [f.status for f in built.fundings.values()] == [
        FundingStatus.GRANTED,
        FundingStatus.ENDED,
    ]
    assert [c.status for c in built.contacts()] == [ContactStatus.ENDED]
    assert [f.status for f in built.forums()] == [ForumStatus.ENDED, ForumStatus.PLANNED]


def test_roles_aliases_status_frequency_words_and_commitment(tmp_path: Path) -> None:
    built = build_map(read_workbook(project_workbook(tmp_path / "projekt.xlsx")).facts).map
    leader, coaches = built.persons.values()
    assert leader.is_single and not coaches.is_single and coaches.head_count == 2
    af, kavlinge = built.contacts()
    assert af.carriers == (leader.id,)  # written "Jacob K": the alias finds the person
    assert (af.frequency_per_year, af.status, af.hours_per_month) == (52, ContactStatus.ONGOING, 20)
    assert (kavlinge.frequency_per_year, kavlinge.status) == (12, ContactStatus.PLANNED)
    assert kavlinge.hours_per_month == round(4 * 52 / 12, 2)
    need, risk = sorted(built.gaps.values(), key=lambda g: g.kind.value)
    assert (need.kind, need.counterparts, need.counterpart_kind) == (
        GapKind.NEED,
        (),
        Counterpart.UNKNOWN,
    )
    assert risk.kind is GapKind.RISK and risk.counterpart_kind is Counterpart.NONE
    assert names(built, risk.other_actors) == ["Arbetsförmedlingen", "Försäkringskassan"]


def test_ingen_or_okand_beside_named_counterparts_is_explained(run_cli, tmp_path: Path) -> None:
    """'okänd; AF' as the counterpart said ''okänd' finns inte i kartan' of a word the sheet's
    own help offers."""
    path = write_workbook(
        tmp_path / "glapp.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["Lomma kommun", "kommun"], ["AF", "myndighet"]],
            "Glapp och önskemål": [["Typ", "Aktör", "Motpart"], ["glapp", "Lomma kommun", "okänd; AF"], ["glapp", "Lomma kommun", "ingen"]],
        },
    )  # fmt: skip
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "glapp.xlsx, blad Glapp och önskemål, rad 2, kolumn C: 'okänd' säger att glappet inte gäller någon aktör" in result.stderr  # fmt: skip
    assert "finns inte i kartan" not in result.stderr and "rad 3" not in result.stderr


def test_a_project_that_owns_or_receives_itself_is_warned_and_left_out(tmp_path: Path) -> None:
    """A project named as its own owner, receiver or further parent was kept in silence;
    only a parent that is the actor itself was warned about."""
    path = write_workbook(
        tmp_path / "själv.xlsx",
        {"Aktörer": [["Namn", "Typ", "Tillhör även", "Ägare", "Mottagare"], ["A", "kommun"], ["P", "projekt", "P", "P; A", "P"]]},
    )  # fmt: skip
    outcome = read_workbook(path)
    built = build_map(outcome.facts)
    project = built.map.actor("p")
    assert (project.other_parents, project.owners, project.receivers) == ((), ("a",), ())
    columns = sorted(p.location.column or "" for p in built.problems)
    assert columns == ["C", "D", "E"]
    assert all("'P' pekar på sig själv" in p.message.text("sv") for p in built.problems)


def test_validate_accepts_dates_as_people_say_them(run_cli, tmp_path: Path) -> None:
    result = run_cli("validate", project_workbook(tmp_path / "projekt.xlsx"))
    assert result.exit_code == 0, result.stderr


def test_validate_refuses_nonsense_dates_at_their_cell(run_cli, tmp_path: Path) -> None:
    path = project_workbook(tmp_path / "projekt.xlsx", end="snart")
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "projekt.xlsx, blad Aktörer, rad 8, kolumn G" in result.stderr
    assert "'snart' är inget datum" in result.stderr and "2 år" in result.stderr
    assert "blad Finansiering, rad 2, kolumn I" in result.stderr


def test_an_end_written_with_the_column_s_own_words_reads_as_the_end(
    run_cli, tmp_path: Path
) -> None:
    """'t.o.m. 2019' in *Gäller till och med* (as a Swedish form writes an end) was refused
    as no date; it is the end of 2019, as '2019' is. Elsewhere the words are still no date."""
    rows = [["Namn", "Typ", "Gäller från", "Gäller till och med"]]
    ends = ["t.o.m. 2019", "T.o.m.31/12 2019", "till och med ht 2019", "t o m dec 2019"]
    rows += [[f"P{n}", "projekt", "2018", end] for n, end in enumerate(ends)]
    rows += [["Q", "projekt", "t.o.m. 2018", "2019"], ["R", "projekt", "2018", "t.o.m. snart"]]
    path = write_workbook(tmp_path / "k.xlsx", {"Aktörer": rows})
    result = read_workbook(path)
    built = build_map(result.facts).map
    written = [label(built.actor(f"p{n}").valid.end, "sv") for n in range(len(ends))]
    assert written == ["2019", "2019-12-31", "ht 2019", "december 2019"]
    problems = sorted((p.location.row, p.message.text("sv")) for p in result.problems)
    assert [(row, text.split(";")[0]) for row, text in problems] == [
        (6, "'t.o.m. 2018' är inget datum"),
        (7, "'t.o.m. snart' är inget datum"),
    ]


def test_a_length_without_a_start_is_refused_at_the_end_cell(run_cli, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "k.xlsx",
        {"Aktörer": [["Namn", "Typ", "Gäller till och med"], ["P", "projekt", "tvåårigt"]]},
    )
    result = run_cli("validate", path, "--lang", "en")
    assert result.exit_code == 2
    assert "k.xlsx, sheet Aktörer, row 2, column C" in result.stderr
    assert "'tvåårigt' is a length, but the row has no start date" in result.stderr


def test_a_length_past_the_last_day_a_map_holds_is_refused_at_the_end_cell(
    run_cli, tmp_path: Path
) -> None:
    """'99999 år' crashed the importer (year out of range) and '1000 år' made a map that
    its own JSON export could not be read back from (end 3016-12-31)."""
    rows = [["Namn", "Typ", "Gäller från", "Gäller till och med"]]
    rows += [[f"P{n}", "projekt", "2017-01-15", end] for n, end in enumerate(LENGTHS)]
    path = write_workbook(tmp_path / "k.xlsx", {"Aktörer": rows})
    result = run_cli("validate", path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    for row, end in enumerate(LENGTHS[:-1], start=2):
        assert (
            f"k.xlsx, blad Aktörer, rad {row}, kolumn D: '{end}' skulle sluta efter 2199-12-31"
            in result.stderr
        )
    assert "rad 6" not in result.stderr  # ends on 2199-12-14, a day the map holds
    assert "4 avvisade" in result.stderr


LENGTHS = ["1000 år", "99999 år", "9" * 30 + " månader", "2196 månader", "2195 månader"]


def test_a_share_in_a_per_cent_cell_reads_as_excel_shows_it(tmp_path: Path) -> None:
    """Excel keeps a typed '50 %' as 0.5 in a cell formatted as per cent: it was read as half
    a per cent. A per cent sign in quotes ('0" %"') is text and does not scale."""
    path = write_workbook(
        tmp_path / "andel.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["A", "kommun"], ["P", "projekt"]],
            "Finansiering": [["Finansiär", "Mottagare", "Andel"], *[["A", "P", v] for v in (0.5, 0.125, 0.07, 12.5, 40)]],
        },
    )  # fmt: skip
    workbook = load_workbook(path)
    for cell, style in zip(workbook["Finansiering"]["C2:C6"], ("0%", "0.0%", "0%", "0.0 %", '0" %"'), strict=True):  # fmt: skip
        cell[0].number_format = style
    workbook.save(path)
    result = read_workbook(path)
    shares = [f.share for f in result.facts if isinstance(f, Funding)]
    assert shares == [50, 12.5, 7, 40]
    (problem,) = result.problems  # Excel shows 12.5 as 1250,0 %: no share
    assert (problem.location.row, problem.location.column) == (5, "C")
    assert problem.message.text("sv").startswith("'1250 %' är ingen andel")


def test_more_hours_than_a_month_has_are_refused_at_their_cell(run_cli, tmp_path: Path) -> None:
    """'1000 h/månad' was imported, although no importer may hold more than 744 hours a
    month: the map's own JSON export then could not be read back."""
    hours = ["1000 h/månad", 800, "200 h/vecka", 744, "171 h/vecka"]
    path = write_workbook(
        tmp_path / "tid.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["A", "kommun"], ["B", "myndighet"]],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå", "Tidsinsats"], *[["A", "B", "operativ", h] for h in hours]],
        },
    )  # fmt: skip
    result = run_cli("validate", path)
    assert result.exit_code == 2
    for row, written in ((2, "1000 h/månad"), (3, "800"), (4, "200 h/vecka")):
        assert (
            f"tid.xlsx, blad Kontakter, rad {row}, kolumn D: '{written}' är fler timmar än en månad har (högst 744)"
            in result.stderr
        )
    assert "rad 5" not in result.stderr and "rad 6" not in result.stderr
    assert "3 avvisade" in result.stderr


def test_an_amount_with_thin_spaces_reads_like_the_example_it_looks_like(tmp_path: Path) -> None:
    """'1 000 000 kr' pasted from a PDF report (narrow no-break or thin spaces) was refused
    with 'skriv t.ex. 650 000', which is exactly what the cell shows."""
    amounts = ["1\u202f000\u202f000 kr", "650\u2009000", "1\u00a0500 tkr"]
    path = write_workbook(
        tmp_path / "belopp.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["A", "kommun"], ["P", "projekt"]],
            "Finansiering": [["Finansiär", "Mottagare", "Belopp"], *[["A", "P", a] for a in amounts]],
        },
    )  # fmt: skip
    result = read_workbook(path)
    assert not result.problems
    assert [f.amount for f in result.facts if isinstance(f, Funding)] == [1e6, 650e3, 1.5e6]


def test_bad_funding_values_are_located(run_cli, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "f.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["A", "kommun"], ["P", "projekt"]],
            "Finansiering": [
                ["Finansiär", "Mottagare", "Belopp", "Andel", "Status"],
                ["A", "P", "mycket", "150 %", "kanske"],
                ["A", "Okänt projekt", None, None, None],
            ],
        },
    )
    result = run_cli("validate", path)
    assert result.exit_code == 2
    for column, words in (("C", "inget belopp"), ("D", "ingen andel"), ("E", "tillåtet värde")):
        assert f"blad Finansiering, rad 2, kolumn {column}" in result.stderr
        assert words in result.stderr
    assert "blad Finansiering, rad 3, kolumn B" in result.stderr
    assert "'Okänt projekt' finns inte i kartan" in result.stderr


def test_the_project_that_ends_is_flagged_with_its_funders_receivers_and_sources(
    run_cli, tmp_path: Path
) -> None:
    path = project_workbook(tmp_path / "projekt.xlsx", end="ht 2017")
    result = run_cli("gaps", path, "--at", "2017-04-30", "--json")
    assert result.exit_code == 0, result.stderr
    flags = json.loads(result.stdout)["flags"]
    [flag] = [f for f in flags if f["rule"] == "time-limited-presence"]
    assert flag["title"] == "Unga vuxna-projektet slutar under ht 2017"
    actors = {a["name"] for a in flag["actors"]}
    assert {
        "ESF-rådet",
        "Finsam Kävlinge–Lomma",
        "Arbetsförmedlingen",
        "Försäkringskassan",
    } <= actors
    assert flag["severity"] == "high"  # the only reach of unga vuxna
    assert "Projektansökan Unga vuxna" in {s["title"] for s in flag["sources"]}  # as data
    assert {e["sheet"] for e in flag["evidence"]} >= {"Aktörer", "Finansiering", "Kontakter"}
    [gap] = [f for f in flags if f["rule"] == "implementation-gap"]
    assert "Försäkringskassan ska ta över arbetssättet" in gap["explanation"]


def test_the_template_has_the_funding_sheet_with_its_dropdowns(run_cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert run_cli("init", tmp_path / "ny").exit_code == 0
    workbook = load_workbook(tmp_path / "ny" / "intervjuer.xlsx")
    sheet = workbook["Finansiering"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["ID", "Typ", "Finansiär *"] and "Egenskaper" in headers
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"finansiering,medlemskap"' in lists
    assert '"beviljad,ansökt,planerad,avslutad"' in lists
    contacts = workbook["Kontakter"]
    assert '"planerad,pågående,upphört"' in [
        v.formula1 for v in contacts.data_validations.dataValidation
    ]


def test_a_share_typed_in_a_percentage_cell_is_the_share_excel_shows(tmp_path: Path) -> None:
    """Typing "25 %" in Excel stores 0.25 in a cell shown as a percentage: the member's share
    is 25 %, not 0.25 %. A '%' that is only text in the format (0" %") does not scale."""
    import openpyxl

    path = write_workbook(
        tmp_path / "andelar.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["Förbundet", "samordningsförbund"], ["AF", "myndighet"]],
            "Finansiering": [
                ["Typ", "Finansiär", "Mottagare", "Andel"],
                ["medlemskap", "AF", "Förbundet", 0.25],
                ["medlemskap", "AF", "Förbundet", 0.125],
                ["medlemskap", "AF", "Förbundet", 12.5],
                ["medlemskap", "AF", "Förbundet", 0.5],
            ],
        },
    )
    book = openpyxl.load_workbook(path)
    sheet = book["Finansiering"]
    sheet["D2"].number_format = "0%"
    sheet["D3"].number_format = "0.0%"
    sheet["D4"].number_format = '0.0" %"'
    book.save(path)

    result = read_workbook(path)

    assert not result.problems
    shares = [f.share for f in result.facts if type(f).__name__ == "Funding"]
    assert shares == [25, 12.5, 12.5, 0.5]


def test_amounts_are_read_as_swedish_budgets_write_them(tmp_path: Path) -> None:
    """'1 miljon', '650 000:-' and '1,5 miljarder' are what people write in a budget."""
    written = ["1 miljon kr", "650 000:-", "1,5 miljarder", "2 mdkr", "300 tusen kr", "79 miljoner"]
    path = write_workbook(
        tmp_path / "belopp.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["ESF-rådet", "myndighet"], ["P", "projekt"]],
            "Finansiering": [
                ["Finansiär", "Mottagare", "Belopp"],
                *(["ESF-rådet", "P", amount] for amount in written),
            ],
        },
    )

    result = read_workbook(path)

    assert not result.problems
    amounts = [f.amount for f in result.facts if type(f).__name__ == "Funding"]
    assert amounts == [1e6, 650_000, 1.5e9, 2e9, 300_000, 79e6]


def test_a_forum_named_where_an_actor_is_needed_is_called_a_forum(run_cli, tmp_path: Path) -> None:
    """'Förbundsstyrelsen' is in the map, as a forum: saying it is not in the map (and
    suggesting another name) sends the process leader looking for a typo."""
    path = write_workbook(
        tmp_path / "styrelsen.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["Förbundet", "samordningsförbund"], ["AF", "myndighet"]],
            "Personer": [["Namn", "Aktör"], ["Magnus A", "Förbundet"]],
            "Forum": [
                ["Namn", "Nivå", "Medlemmar"],
                ["Förbundsstyrelsen", "strategisk", "Förbundet; AF"],
            ],
            "Glapp och önskemål": [
                ["Typ", "Aktör", "Motpart", "Beskrivning"],
                ["glapp", "Förbundet", "Förbundsstyrelsen", "ingen samlad syn"],
            ],
            "Finansiering": [["Finansiär", "Mottagare"], ["AF", "Magnus A"]],
        },
    )
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert (
        "blad Glapp och önskemål, rad 2, kolumn C: 'Förbundsstyrelsen' är ett forum i kartan, "
        "inte en aktör\n" in result.stderr
    )
    assert (
        "blad Finansiering, rad 2, kolumn B: 'Magnus A' är en person i kartan, "
        "inte en aktör eller ett forum\n" in result.stderr
    )


def test_a_project_row_names_the_target_groups_it_works_for(tmp_path: Path) -> None:
    """'402 deltagare' in the förbund's projects: the groups are on the project's own row,
    declared in Målgrupper or not."""
    path = write_workbook(
        tmp_path / "insatser.xlsx",
        {
            "Aktörer": [
                ["Namn", "Typ", "Målgrupper", "Gäller från", "Gäller till och med"],
                ["Vägen vidare", "projekt", "sjuka; utförsäkrade", "2010", "2011"],
            ],
            "Målgrupper": [["Namn", "Beskrivning"], ["sjuka", "långtidssjukskrivna"]],
        },
    )
    result = read_workbook(path)
    outcome = build_map(result.facts)
    assert not result.problems and not outcome.problems
    [project] = outcome.map.actors()
    assert [outcome.map.name(g) for g in project.target_groups] == ["sjuka", "utförsäkrade"]
