"""--pseudonymize: no person name from the workbook reaches any file any exporter writes."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path
from typing import Any, ClassVar

import pytest
from helpers import ACTORS_HEADER, REFERENCE_MAP, bilingual, write_workbook

from samverkan import hookimpl
from samverkan.contract import RuleContext
from samverkan.graph import SamverkanMap
from samverkan.merge import build_map
from samverkan.model import Actor, ActorKind, Contact, Flag, Person, Severity, Source
from samverkan.pipeline import find_project, read_map, run_analysis
from samverkan.pseudonymize import Pseudonymizer, pseudonymize, pseudonymize_map

# Names as a reader would search for them; first and last names alone count too.
FULL_NAMES = ["Anna Svensson", "Jakob Kristianson", "Per Ek", "Kommundirektör Lomma"]
NAME_WORDS = ["Svensson", "Kristianson", "Jakob", "Anna"]


class CarrierRule:
    """A rule whose explanation names the persons who carry a contact, as real rules do."""

    id = "test-carriers"
    title = bilingual("Bärare", "Carriers")
    severity = Severity.MEDIUM
    defaults: ClassVar[dict[str, Any]] = {}

    def check(self, context: RuleContext) -> list[Flag]:
        flags = []
        for contact in context.map.contacts():
            if contact.carriers:
                names = ", ".join(context.map.name(p) for p in contact.carriers)
                flags.append(
                    Flag(
                        rule=self.id,
                        severity=self.severity,
                        title=self.title,
                        explanation=bilingual(f"Bärs bara av {names}", f"Carried only by {names}"),
                        actors=(contact.actor_a,),
                        contacts=(contact.id,),
                        evidence=contact.provenance,
                    )
                )
        return flags


class CarrierPlugin:
    @hookimpl
    def samverkan_rules(self) -> list[CarrierRule]:
        return [CarrierRule()]


@pytest.fixture
def interviews(tmp_path: Path) -> Path:
    """Person names in every place a process leader writes them, and in the file name."""
    project = tmp_path / "projekt"
    project.mkdir()
    write_workbook(
        project / "intervju-anna-svensson.xlsx",
        {
            "Aktörer": [
                [*ACTORS_HEADER, "Beskrivning"],
                ["lomma", "Lomma kommun", "kommun", None, "Lomma", None, None, "Enheten leds av Per Ek"],
                ["af", "Arbetsförmedlingen", "myndighet", None, None, "AF", None, None],
                ["kavlinge", "Kävlinge kommun", "kommun", None, "Kävlinge", None, None, None],
            ],
            "Personer": [
                ["Namn", "Roll", "Aktör", "Beskrivning"],
                ["Anna Svensson", "sektionschef", "AF", "Anna har varit chef sedan 2015"],
                ["Per Ek", "handläggare", "Lomma kommun", None],
                ["Kommundirektör Lomma", "kommundirektör", "Lomma kommun", None],
            ],
            "Forum": [
                ["Namn", "Nivå", "Medlemmar", "Möten per år", "Beskrivning"],
                ["KSAU Lomma", "strategisk", "Lomma kommun; AF", 2, "Sammankallande: anna svensson"],
            ],
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå", "Bärare", "Källa", "Beskrivning"],
                ["Lomma kommun", "AF", "strategisk", "Jakob Kristianson; Anna Svensson", "Intervju med Anna Svensson", "Anna Svenssons team träffar Jakob 4 gånger per år"],
                ["Kävlinge kommun", "AF", "operativ", "Per Ek", None, "KOMMUNDIREKTÖR LOMMA vill ha mer"],
            ],
            "Glapp och önskemål": [
                ["Typ", "Aktör", "Motpart", "Beskrivning"],
                ["önskemål", "Kävlinge kommun", "AF", "Per Ek och Jakob Kristianson vill ses oftare"],
            ],
            "Händelser": [
                ["Datum", "Typ", "Aktör", "Beskrivning"],
                ["2017-03-01", "personalbyte", "AF", "Jakob Kristianson slutade; Anna tog över"],
            ],
            "Källor": [
                ["ID", "Titel", "Typ", "Roll"],
                ["intervju-anna-svensson", "Intervju med Anna Svensson", "intervju", "sektionschef"],
            ],
        },
    )  # fmt: skip
    return project


def texts_of(folder: Path) -> dict[str, str]:
    """Every file under `folder` as text, zip archives (xlsx, docx …) member by member."""
    found: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    found[f"{path.name}:{member}"] = archive.read(member).decode("utf-8", "replace")
        else:
            found[path.name] = path.read_bytes().decode("utf-8", "replace")
    return found


def readable(text: str) -> str:
    """The text as a reader sees it: entities and \\u escapes decoded."""
    unescaped = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return html.unescape(unescaped)


def leaks(text: str) -> list[str]:
    plain = readable(text)
    found = [n for n in FULL_NAMES if re.search(r"\s+".join(n.split()), plain, re.IGNORECASE)]
    found += [w for w in NAME_WORDS if re.search(rf"(?<!\w){w}", plain)]
    found += [s for s in ("anna-svensson", "jakob-kristianson", "per-ek") if s in plain]
    return found


def test_without_the_flag_the_names_are_there(run_cli, interviews: Path, tmp_path: Path) -> None:
    """The leak check below can fail: the names do reach the files when not pseudonymised."""
    target = tmp_path / "klar" / "karta.json"
    assert run_cli("export", interviews, "--format", "json", "-o", target).exit_code == 0
    assert set(leaks(target.read_text(encoding="utf-8"))) >= {*FULL_NAMES, *NAME_WORDS}


def test_no_exporter_leaks_a_person_name(
    run_cli, plugins, register_plugin, interviews: Path, tmp_path: Path
) -> None:
    register_plugin(CarrierPlugin(), "test-carriers")
    formats = sorted(e.format for e in plugins.exporters())
    assert {"html", "json", "gexf", "graphml"} <= set(formats)
    for exporter in plugins.exporters():
        folder = tmp_path / "ut" / exporter.format
        target = folder / f"karta{exporter.suffix}"
        result = run_cli(
            "export", interviews, "--format", exporter.format, "--pseudonymize", "-o", target
        )
        assert result.exit_code == 0, (exporter.format, result.stderr)
        assert not leaks(result.stdout + result.stderr)
        files = texts_of(folder)
        assert files, exporter.format
        for name, text in files.items():
            assert not leaks(text), (exporter.format, name, leaks(text))


def test_the_html_map_command_pseudonymizes_too(
    run_cli, register_plugin, interviews: Path, tmp_path: Path
) -> None:
    register_plugin(CarrierPlugin(), "test-carriers")
    target = tmp_path / "karta.html"
    result = run_cli("map", interviews, "--pseudonymize", "-o", target)
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert not leaks(page)
    assert "sektionschef (Person 1)" in readable(page)  # the carrier, by role and pseudonym
    assert "Bärs bara av" in readable(page)  # the flag is still there, names replaced


def test_pseudonyms_are_role_plus_number_by_sorted_id_and_stable(
    run_cli, interviews: Path, tmp_path: Path
) -> None:
    outputs = []
    for run in ("a", "b"):
        target = tmp_path / run / "karta.json"
        run_cli("export", interviews, "--format", "json", "--pseudonymize", "-o", target)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    persons = {p["id"]: p["name"] for p in json.loads(outputs[0])["persons"]}
    # sorted original ids: anna-svensson, jakob-kristianson, kommundirektor-lomma, per-ek
    assert persons == {
        "person-1": "sektionschef (Person 1)",
        "person-2": "Person 2",
        "person-3": "kommundirektör (Person 3)",
        "person-4": "handläggare (Person 4)",
    }


def test_free_text_keeps_its_meaning(run_cli, interviews: Path, tmp_path: Path) -> None:
    target = tmp_path / "karta.json"
    run_cli("export", interviews, "--format", "json", "--pseudonymize", "-o", target)
    document = json.loads(target.read_text(encoding="utf-8"))
    contacts = {c["description"] for c in document["contacts"]}
    assert "sektionschef (Person 1):s team träffar Person 2 4 gånger per år" in contacts
    assert "kommundirektör (Person 3) vill ha mer" in contacts
    assert [a["name"] for a in document["actors"]] == [
        "Lomma kommun",
        "Arbetsförmedlingen",
        "Kävlinge kommun",
    ]
    assert document["sources"][0]["title"] == "Intervju med sektionschef (Person 1)"
    assert document["sources"][0]["id"] == "intervju-person-1"
    # 'Källa: Intervju med Anna Svensson' names the source by its title: its id, pseudonymised
    assert document["contacts"][0]["source"] == "intervju-person-1"
    assert {p["file"] for c in document["contacts"] for p in c["provenance"]} == {
        "intervju-person-1.xlsx"
    }


def small_map(*persons: Person, text: str) -> SamverkanMap:
    facts = [
        Actor(id="k", name="Kävlinge kommun", kind=ActorKind.MUNICIPALITY, municipality="Kävlinge"),
        Actor(id="af", name="AF", description=text),
        *persons,
        Contact(id="c", actor_a="k", actor_b="af", carriers=tuple(p.id for p in persons)),
        Source(id="s", title=text),
    ]
    outcome = build_map(facts)  # type: ignore[arg-type]
    assert not outcome.problems
    return outcome.map


def test_role_names_do_not_swallow_place_names() -> None:
    director = Person(id="kd", name="Kommundirektör Kävlinge", role="kommundirektör")
    result = pseudonymize_map(small_map(director, text="Kommundirektör Kävlinge om Kävlinge"))
    assert result.actor("k").name == "Kävlinge kommun"
    assert result.actor("af").description == "kommundirektör (Person 1) om Kävlinge"


def test_a_first_name_alone_is_replaced_but_not_the_same_word_in_lower_case() -> None:
    per = Person(id="p", name="Per Ek", role="handläggare")
    result = pseudonymize_map(small_map(per, text="Per sa: två gånger per år. Eks kontor"))
    assert result.sources["s"].title == (
        "handläggare (Person 1) sa: två gånger per år. handläggare (Person 1):s kontor"
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Anders Törnquist", "Anders To\u0308rnquist ringde"),  # text decomposed (a Mac copy)
        ("Anders To\u0308rnquist", "Anders Törnquist ringde"),  # the person row decomposed
        ("Anders Törnquist", "Anders Tör\u00adnquist ringde"),  # a soft hyphen from a PDF
        ("Anders Törnquist", "Anders\u00a0Törnquist ringde"),  # a no-break space
    ],
)
def test_a_name_written_in_other_code_points_does_not_leak(name: str, text: str) -> None:
    """The same name to the eye is the same name: it is replaced however it is encoded."""
    adviser = Person(id="at", name=name, role="företagsrådgivare")
    result = pseudonymize_map(small_map(adviser, text=text))
    assert result.actor("af").description == "företagsrådgivare (Person 1) ringde"


def test_a_first_name_shared_by_two_persons_is_not_attributed() -> None:
    one = Person(id="a1", name="Anna Berg", role="chef")
    two = Person(id="a2", name="Anna Ström", role="handläggare")
    result = pseudonymize_map(small_map(one, two, text="Anna ringde Anna Ström"))
    assert result.actor("af").description == "[person] ringde handläggare (Person 2)"


def test_the_structure_of_the_map_is_kept() -> None:
    people = [Person(id=f"p{i}", name=f"Namn{i} Efternamn{i}") for i in range(3)]
    original = small_map(*people, text="")
    result = Pseudonymizer(original).map(original)
    assert result.summary() == original.summary()
    assert result.contact("c").carriers == ("person-1", "person-2", "person-3")
    assert set(result.persons) == {"person-1", "person-2", "person-3"}


def test_no_name_of_the_reference_map_leaks(run_cli, plugins, tmp_path: Path) -> None:
    reference, _ = read_map(sorted(REFERENCE_MAP.glob("*.xlsx")), plugins)
    names = [p.name for p in reference.persons.values()]
    assert len(names) > 5
    formats = ["json", "graphml", "html", "report-html", "report-md"]
    suffixes = ["json", "graphml", "html", "html", "md"]
    for fmt, suffix in zip(formats, suffixes, strict=True):
        target = tmp_path / fmt / f"karta.{suffix}"
        result = run_cli("export", REFERENCE_MAP, "--format", fmt, "--pseudonymize", "-o", target)
        assert result.exit_code == 0, result.stderr
        text = readable(target.read_text(encoding="utf-8"))
        for name in names:
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)"
            assert not re.search(pattern, text, re.IGNORECASE), (fmt, name)


def test_the_days_map_every_exporter_shares_is_pseudonymized_too(plugins) -> None:
    """The pipeline hands exporters the map the rules ran on; a pseudonymized analysis must
    not keep the original one."""
    analysis, _ = run_analysis(find_project([REFERENCE_MAP]), plugins, "sv", None)
    names = {p.name for p in analysis.current.persons.values()}
    scrubbed = pseudonymize(analysis).current
    assert len(names) > 5 and not names & {p.name for p in scrubbed.persons.values()}
