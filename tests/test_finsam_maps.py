"""The maps written from public Finsam material: the model holds what the documents say."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from helpers import REFERENCE_MAP, ROOT

from samverkan.dates import label
from samverkan.graph import SamverkanMap
from samverkan.model import ActorKind, FundingKind, FundingStatus
from samverkan.pipeline import find_project, read_map
from samverkan.plugins import get_plugins

BURLOV = ROOT / "maps" / "burlov-esf-projekt"
MEMBERS = ROOT / "maps" / "samordningsforbund-medlemmar"


def load(path: Any) -> SamverkanMap:
    project = find_project([path])
    return read_map(project.files, get_plugins(), project.config.title)[0]


def by_name(built: SamverkanMap, name: str) -> str:
    [found] = [a.id for a in built.actors() if a.name == name]
    return found


def gaps(run_cli: Any, project: Any, *args: str) -> list[dict[str, Any]]:
    result = run_cli("gaps", project, "--json", *args)
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout)["flags"])


@pytest.mark.parametrize("project", [REFERENCE_MAP, BURLOV, MEMBERS])
def test_the_maps_validate_strictly_and_every_row_cites_its_source(run_cli, project) -> None:
    result = run_cli("validate", project, "--strict")
    assert result.exit_code == 0, result.stderr
    built = load(project)
    for fact in built.facts():
        if fact.id not in built.sources:
            assert all(o.source in built.sources for o in fact.provenance), fact.id


def test_the_reference_map_holds_what_the_report_says_about_money(run_cli) -> None:
    built = load(REFERENCE_MAP)
    finsam = by_name(built, "Finsam Kävlinge–Lomma")
    members = {built.name(m.funder) for m in built.members_of(finsam)}
    assert members == {"Kävlinge kommun", "Lomma kommun", "Arbetsförmedlingen"}
    esf = by_name(built, "Svenska ESF-rådet")
    funded = {built.name(f.recipient) for f in built.fundings.values() if f.funder == esf}
    assert funded == {"ESF-projekt i AF:s ungdomssektion", "PEAK Arlöv", "Hassela Movement"}
    youth = built.fundings_of(by_name(built, "ESF-projekt i AF:s ungdomssektion"))
    assert [label(f.valid.start, "sv") for f in youth if f.valid.start] == ["vt 2017"]
    [planned] = built.fundings_of(by_name(built, "Finsam-aktivitet för unga vuxna över 20"))
    assert (planned.status, built.name(planned.funder)) == (
        FundingStatus.PLANNED,
        "Finsam Kävlinge–Lomma",
    )
    roles = {p.name: p.head_count for p in built.persons.values() if p.head_count}
    assert roles == {"Coacher i ESF-projektet": 2, "Förändringsagenter vid PEAK": 2}
    # nothing the report states ends within a year of 2017-04-30: no time-limited presence
    assert not [f for f in gaps(run_cli, REFERENCE_MAP) if f["rule"] == "time-limited-presence"]


def test_burlov_samba_ends_with_its_esf_money_and_nothing_else_reaches_its_target_group(
    run_cli,
) -> None:
    [flag] = [f for f in gaps(run_cli, BURLOV) if f["rule"] == "time-limited-presence"]
    assert flag["title"] == "SAMBA-projektet slutar 2012-10-31" and flag["severity"] == "high"
    assert {a["name"] for a in flag["actors"]} >= {"Svenska ESF-rådet", "Burlövs kommun"}
    assert "Det är det enda som når långtidssjuka och arbetslösa" in flag["explanation"]
    # the source as data, not as a sentence in the explanation
    assert "ESF-rådets projektbank: SAMBA-projektet" in {s["title"] for s in flag["sources"]}
    after = gaps(run_cli, BURLOV, "--at", "2013-03-01")
    uncovered = [f for f in after if f["rule"] == "uncovered-target-group"]
    assert any("långtidssjuka och arbetslösa" in f["title"] for f in uncovered)


def test_burlov_peak_was_implemented_so_its_end_is_not_a_loss(run_cli) -> None:
    built = load(BURLOV)
    peak = built.actor(by_name(built, "PEAK"))
    assert [built.name(o) for o in peak.owners] == [
        "Burlövs kommun",
        "Arbetsförmedlingen",
        "Folkhögskolan Hvilan",
    ]
    assert label(peak.valid.end, "sv") == "2018"  # type: ignore[arg-type]  # year, not a day
    assert [built.name(r) for r in peak.receivers] == ["Arbetsmarknadsenheten Burlöv"]
    flags = gaps(run_cli, BURLOV, "--at", "2017-06-01")
    assert not [f for f in flags if f["rule"] in ("time-limited-presence", "implementation-gap")]
    samba = built.fundings_of(by_name(built, "SAMBA-projektet"))[0]
    assert (samba.amount, samba.currency, samba.share) == (9877786.0, "SEK", 39.9)
    assert samba.attributes["total budget"] == "24 755 856 kr"


def test_members_come_and_go_with_their_periods() -> None:
    built = load(MEMBERS)
    bohuslan = by_name(built, "Samordningsförbundet Norra Bohuslän")
    assert len(built.members_of(bohuslan)) == 8
    umea = by_name(built, "Samordningsförbundet Umeå")

    def members_on(day: date) -> set[str]:
        return {built.name(m.funder) for m in built.as_of(day).members_of(umea)}

    assert "Länsarbetsnämnden i Västerbotten" in members_on(date(2006, 1, 1))
    assert "Arbetsförmedlingen" not in members_on(date(2006, 1, 1))
    assert members_on(date(2009, 1, 1)) == {
        "Umeå kommun",
        "Västerbottens läns landsting",
        "Försäkringskassan i Västerbotten",
        "Arbetsförmedlingen",
    }
    start = built.actor(umea).valid.start
    assert label(start, "sv") == "maj 2005"  # type: ignore[arg-type]
    projects = [a for a in built.actors() if a.kind is ActorKind.PROJECT]
    assert len(projects) == 10 and all(built.fundings_of(p.id) for p in projects)
    assert {f.kind for f in built.fundings.values()} == {
        FundingKind.FUNDING,
        FundingKind.MEMBERSHIP,
    }


def test_a_forbund_s_projects_are_not_single_funder_flags(run_cli) -> None:
    # the förbund's money is its four members' pooled money
    assert not [f for f in gaps(run_cli, MEMBERS) if f["rule"] == "single-funder"]


def test_free_properties_show_in_the_map_details() -> None:
    from samverkanskartan.htmlmap.payload import build_payload

    from samverkan.pipeline import run_analysis

    analysis, _ = run_analysis(find_project([BURLOV]), get_plugins(), "sv", None)
    payload = build_payload(analysis)
    [samba] = [a for a in payload["actors"] if a["name"] == "SAMBA-projektet"]
    assert samba["desc"].startswith("Brobyggande samverkansprojekt")
    assert samba["desc"].endswith("(programområde: 2 Ökat arbetskraftsutbud; region: Sydsverige)")
    [contact] = [c for c in payload["contacts"] if c["id"] == "samba-af"]
    assert "(" not in contact["d"]  # no properties, nothing added
    [peak] = [a for a in payload["actors"] if a["name"] == "PEAK"]
    assert "Ungas Påverkan" not in peak["desc"]  # aliases are not properties


KUMU_LOSES = ("provenance", "attributes", "valid")  # fact sheets: no properties; dates as days


@pytest.mark.parametrize("fmt", ["json", "kumu", "kumu-json"])
def test_funding_and_memberships_survive_the_lossless_formats(tmp_path, fmt: str) -> None:
    from samverkanskartan.json.codec import encode

    from samverkan.contract import Analysis

    plugins = get_plugins()
    dropped = ("provenance",) if fmt == "json" else KUMU_LOSES

    def plain(built: SamverkanMap) -> list[dict[str, Any]]:
        rows = [encode(f) for f in built.fundings.values()]
        return [{k: v for k, v in r.items() if k not in dropped} for r in rows]  # type: ignore[union-attr]

    for project in (BURLOV, MEMBERS):
        original = load(project)
        exporter = plugins.exporter(fmt)
        target = tmp_path / f"{project.name}{exporter.suffix}"
        exporter.export(Analysis(original, [], "sv"), target)
        again, report = read_map([target], plugins)
        assert not report.errors
        assert plain(again) == plain(original) and again.fundings
        heads = [p.head_count for p in again.persons.values()]
        assert heads == [p.head_count for p in original.persons.values()]


def test_the_turn_of_the_year_hands_the_membership_over() -> None:
    built = load(MEMBERS)
    umea = by_name(built, "Samordningsförbundet Umeå")
    by_member = {built.name(m.funder): m.valid for m in built.members_of(umea)}
    assert label(by_member["Länsarbetsnämnden i Västerbotten"].end, "sv") == "december 2007"  # type: ignore[arg-type]
    assert label(by_member["Arbetsförmedlingen"].start, "sv") == "januari 2008"  # type: ignore[arg-type]
