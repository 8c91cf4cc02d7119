"""A synthetic Finsam map of any size, written as interview workbooks in our format.

The shape follows the reference case (Kävlinge–Lomma 2017) scaled up to a national map:
each samordningsförbund (3–4 municipalities) keeps one workbook, as its process leader
would; national agencies and the region appear in every workbook that names them (the
merge joins them); contacts mostly stay inside a municipality, some cross to the förbund,
the region, the agencies and to other förbund. About five contacts per actor.

Deterministic: the same size and seed give byte-identical rows.

    .venv/bin/python benchmarks/generate.py 2000 --out benchmarks/data/n2000
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from samverkanskartan.workbook.schema import SHEETS

from samverkan.model import slugify

GENERATOR_VERSION = 6
CONTACTS_PER_ACTOR = 5
ACTORS_PER_MUNICIPALITY = 34  # 10,000 actors -> 290 municipalities, as in Sweden
MUNICIPALITIES_PER_FEDERATION = 3.5
ANALYSIS_DAY = "2017-12-31"

REAL_NAMES = [
    "Kävlinge",
    "Lomma",
    "Burlöv",
    "Staffanstorp",
    "Lund",
    "Eslöv",
    "Höör",
    "Hörby",
    "Sjöbo",
    "Skurup",
    "Svedala",
    "Trelleborg",
    "Vellinge",
    "Ystad",
    "Tomelilla",
    "Simrishamn",
    "Kristianstad",
    "Hässleholm",
    "Osby",
    "Östra-Göinge",
    "Bromölla",
    "Perstorp",
    "Klippan",
    "Åstorp",
    "Bjuv",
    "Svalöv",
    "Landskrona",
    "Helsingborg",
    "Höganäs",
    "Ängelholm",
    "Båstad",
    "Örkelljunga",
    "Malmö",
    "Laholm",
    "Halmstad",
    "Hylte",
    "Falkenberg",
    "Varberg",
    "Kungsbacka",
    "Ljungby",
    "Älmhult",
]
PREFIXES = [
    "Ny",
    "Gam",
    "Öst",
    "Väst",
    "Norr",
    "Sö",
    "Hög",
    "Lå",
    "Sjö",
    "Berg",
    "Ek",
    "Björk",
    "Ljung",
    "Ås",
    "Mal",
    "Kung",
    "Sand",
    "Stor",
    "Lill",
    "Vik",
]
SUFFIXES = [
    "köping",
    "by",
    "hamn",
    "sund",
    "torp",
    "berga",
    "vik",
    "holm",
    "stad",
    "fors",
    "ås",
    "dal",
    "näs",
    "hult",
    "lid",
]
REGIONS = [
    "Skåne",
    "Halland",
    "Kronoberg",
    "Blekinge",
    "Kalmar",
    "Jönköping",
    "Östergötland",
    "Sörmland",
    "Stockholm",
    "Uppsala",
    "Västmanland",
    "Örebro",
    "Värmland",
    "Dalarna",
    "Gävleborg",
    "Västernorrland",
    "Jämtland",
    "Västerbotten",
    "Norrbotten",
    "Gotland",
    "Västra-Götaland",
]
FIRST = [
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Kerstin",
    "Emma",
    "Ingrid",
    "Johanna",
    "Malin",
    "Elin",
    "Linnea",
    "Sofia",
    "Hanna",
    "Erik",
    "Lars",
    "Karl",
    "Anders",
    "Johan",
    "Per",
    "Nils",
    "Jakob",
    "Mikael",
    "Olof",
    "Jonas",
    "Fredrik",
    "Daniel",
    "Magnus",
    "Ali",
    "Fatima",
    "Ahmed",
    "Amira",
    "Leila",
    "Omar",
    "Noor",
    "Yusuf",
    "Zeynep",
    "Mehmet",
    "Dragan",
]
LAST = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindqvist",
    "Lundgren",
    "Berglund",
    "Holm",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Lund",
    "Nyström",
    "Åberg",
    "Hedlund",
    "Dahl",
    "Ström",
    "Sandberg",
]
INITIALS = "ABCDEFGHIJKLMNOPRSTUV"  # ASCII: Å and A would give the same id
TARGET_GROUPS = (
    "unga vuxna",
    "unga 16–20 år",
    "unga över 20 som stannar hemma",
    "nyanlända",
    "vuxna",
    "långtidssjukskrivna",
    "personer med funktionsnedsättning",
    "personer med försörjningsstöd",
)
WORDS = [
    "Steget",
    "Vägen",
    "Bron",
    "Navet",
    "Kompassen",
    "Framtid",
    "Starten",
    "Nästa",
    "Vidare",
    "Språnget",
    "Länken",
    "Fokus",
    "Kraften",
    "Mosaik",
    "Hamnen",
    "Växa",
    "Ankaret",
    "Horisont",
]
ROLES = (
    "kommundirektör",
    "socialchef",
    "enhetschef",
    "handläggare",
    "arbetsförmedlare",
    "sektionschef",
    "företagsrådgivare",
    "samordnare",
    "rektor",
    "studie- och yrkesvägledare",
    "kurator",
    "läkare",
    "rehabkoordinator",
    "processledare",
)
DATE_FIELDS = {"valid_from", "valid_to", "date", "last_meeting"}
STRATEGIC_KINDS = {"kommun", "förvaltning", "myndighet", "region", "samordningsförbund"}


@dataclass
class ActorRow:
    name: str
    kind: str
    parent: str | None = None
    municipality: str = ""
    aliases: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_to: str | None = None
    weight: int = 1  # how many contacts it tends to have: the kommun and AF are hubs


@dataclass
class Federation:
    number: int
    name: str
    region: str
    municipalities: list[str]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, sheet: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(sheet, []).append(row)


@dataclass(frozen=True)
class Manifest:
    """What was generated: enough for the benchmark to label its rows and find the files."""

    actors: int
    contacts: int
    forums: int
    rows: int
    files: tuple[str, ...]
    seed: int
    version: int = GENERATOR_VERSION

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1)


MANIFEST = "manifest.json"


def municipality_names(count: int) -> list[str]:
    names = list(REAL_NAMES[:count])
    synthetic = (p + s for s in SUFFIXES for p in PREFIXES)
    for candidate in synthetic:
        if len(names) >= count:
            break
        name = candidate[0].upper() + candidate[1:]
        if slugify(name) not in {slugify(n) for n in names}:  # Låholm would be Laholm's id
            names.append(name)
    extra = 2
    while len(names) < count:  # beyond Sweden's size: numbered twins
        names.extend(f"{n} {extra}" for n in names[: count - len(names)])
        extra += 1
    return names[:count]


class Generator:
    """Builds all rows in memory, then writes one workbook per samordningsförbund."""

    def __init__(self, actors: int, seed: int) -> None:
        if actors < 20:
            raise ValueError("at least 20 actors")
        self.size = actors
        self.rng = random.Random(seed)
        self.seed = seed
        self.actors: dict[str, ActorRow] = {}
        self.local: dict[str, list[str]] = {}  # municipality -> its actors
        self.home: dict[str, Federation] = {}  # actor -> the workbook that declares it
        self.federations: list[Federation] = []
        self.persons: dict[str, list[str]] = {}  # actor -> person names working there
        self.used_person_names: set[str] = set()
        self.forum_names: dict[str, list[str]] = {}  # municipality -> its forums
        self.contacts = 0
        self.forums = 0

    # --- actors ---------------------------------------------------------------------------

    def build(self) -> None:
        muni_count = max(2, min(290, round(self.size / ACTORS_PER_MUNICIPALITY)))
        names = municipality_names(muni_count)
        fed_count = max(1, math.ceil(muni_count / MUNICIPALITIES_PER_FEDERATION))
        for number in range(fed_count):
            members = names[number::fed_count]
            title = f"{members[0]}–{members[1]}" if len(members) > 1 else members[0]
            region = REGIONS[number % len(REGIONS)]
            self.federations.append(Federation(number + 1, title, region, members))
        self._national_and_federation_actors()
        remaining = self.size - len(self.actors)
        for index, name in enumerate(names):
            quota = remaining // muni_count + (1 if index < remaining % muni_count else 0)
            federation = self.federations[index % fed_count]
            self._municipality(name, federation, quota)
        assert len(self.actors) == self.size, (len(self.actors), self.size)
        for federation in self.federations:
            self._declare_actors(federation)
            self._persons(federation)
            self._sources(federation)
        for federation in self.federations:
            self._forums(federation)
        self._contacts()
        for federation in self.federations:
            self._gaps_and_events(federation)

    def _add(self, row: ActorRow, federation: Federation) -> str:
        self.actors[row.name] = row
        self.home[row.name] = federation
        return row.name

    def _national_and_federation_actors(self) -> None:
        first = self.federations[0]
        self._add(ActorRow("Arbetsförmedlingen", "myndighet", aliases=("AF",), weight=6), first)
        self._add(ActorRow("Försäkringskassan", "myndighet", aliases=("FK",), weight=4), first)
        for federation in self.federations:
            region = f"Region {federation.region}"
            if region not in self.actors:
                self._add(ActorRow(region, "region", weight=4), federation)
            self._add(
                ActorRow(f"Samordningsförbundet {federation.name}", "samordningsförbund", weight=3),
                federation,
            )
            self._add(
                ActorRow(f"AF sektion {federation.name}", "enhet", "Arbetsförmedlingen", weight=4),
                federation,
            )
            self._add(
                ActorRow(f"Vuxenpsykiatrin {federation.name}", "vårdenhet", region, weight=2),
                federation,
            )

    def _municipality(self, muni: str, federation: Federation, quota: int) -> None:
        kommun = f"{muni} kommun"
        social = f"Socialförvaltningen {muni}"
        school = f"Utbildningsförvaltningen {muni}"
        region = f"Region {federation.region}"
        core = [
            ActorRow(kommun, "kommun", municipality=muni, weight=6),
            ActorRow(social, "förvaltning", kommun, muni, weight=4),
            ActorRow(school, "förvaltning", kommun, muni, weight=3),
            ActorRow(
                f"AF:s kontor i {muni}",
                "kontor",
                "Arbetsförmedlingen",
                muni,
                (f"AF {muni}",),
                weight=4,
            ),
            ActorRow(f"Arbetsmarknadsenheten {muni}", "enhet", social, muni, weight=3),
            ActorRow(f"Försäkringskassan {muni}", "kontor", "FK", muni, weight=3),
            ActorRow(f"Vårdcentralen {muni}", "vårdenhet", region, muni, weight=2),
            ActorRow(f"Lärcentrum {muni}", "skola", school, muni, weight=2),
            ActorRow(f"Ekonomiskt bistånd {muni}", "enhet", social, muni, weight=2),
            ActorRow(f"KAA-samordnare {muni}", "funktion", school, muni, weight=2),
            ActorRow(f"{muni} gymnasieskola", "skola", school, muni),
            ActorRow(
                f"Projekt Steget {muni}",
                "projekt",
                f"Samordningsförbundet {federation.name}",
                muni,
                valid_from="2016-01-01",
                weight=2,
            ),
            ActorRow(f"Näringslivsenheten {muni}", "enhet", kommun, muni),
            ActorRow(f"Individ- och familjeomsorgen {muni}", "enhet", social, muni, weight=2),
        ]
        rows = core[: max(quota, 0)]
        fillers = self._fillers(muni, kommun, social, school, region, federation)
        while len(rows) < quota:
            rows.append(next(fillers))
        self.local[muni] = [self._add(row, federation) for row in rows]

    def _fillers(
        self, muni: str, kommun: str, social: str, school: str, region: str, fed: Federation
    ) -> Iterator[ActorRow]:
        """Schools, health centres, projects, associations and employers, numbered."""
        number = 0
        while True:
            number += 1
            word = WORDS[number % len(WORDS)]
            yield from (
                ActorRow(f"{word}skolan {muni} {number}", "skola", school, muni),
                ActorRow(f"Vårdcentralen {word} {muni} {number}", "vårdenhet", region, muni),
                ActorRow(f"Boendestöd {muni} {number}", "enhet", social, muni),
                ActorRow(
                    f"Projekt {word} {muni} {number}",
                    "projekt",
                    f"Samordningsförbundet {fed.name}",
                    muni,
                    valid_from=f"{2014 + number % 4}-0{1 + number % 9}-01",
                ),
                ActorRow(f"Föreningen {word} {muni} {number}", "idéburen organisation", None, muni),
                ActorRow(f"{word} Bemanning AB {muni} {number}", "företag", None, muni),
                ActorRow(f"Fritidsgården {word} {muni} {number}", "enhet", kommun, muni),
            )

    def _declare_actors(self, federation: Federation) -> None:
        """Each workbook lists its own actors and, again, the agencies and region it names."""
        names = [n for n, home in self.home.items() if home is federation]
        shared = ["Arbetsförmedlingen", "Försäkringskassan", f"Region {federation.region}"]
        for name in names + [s for s in shared if s not in names]:
            row = self.actors[name]
            federation.add(
                "actors",
                {
                    "name": name,
                    "kind": row.kind,
                    "parent": row.parent,
                    "municipality": row.municipality,
                    "aliases": "; ".join(row.aliases) or None,
                    "valid_from": row.valid_from,
                    "source": self._interview(federation, 0),
                },
            )

    # --- people, sources, forums ---------------------------------------------------------

    def _person_name(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            if name in self.used_person_names:
                name = f"{name.split()[0]} {self.rng.choice(INITIALS)}. {name.split()[1]}"
            if name not in self.used_person_names:
                self.used_person_names.add(name)
                return name

    def _persons(self, federation: Federation) -> None:
        """Every other actor names one person who carries its contacts; hubs name three."""
        for name, home in self.home.items():
            if home is not federation:
                continue
            row = self.actors[name]
            count = 3 if row.weight >= 4 else (1 if self.rng.random() < 0.5 else 0)
            for _ in range(count):
                person = self._person_name()
                self.persons.setdefault(name, []).append(person)
                federation.add(
                    "persons", {"name": person, "role": self.rng.choice(ROLES), "actor": name}
                )

    def _interview(self, federation: Federation, index: int) -> str:
        roles = ("kommundirektörer", "socialchefer", "AF sektionschef", "FK", "regionen")
        return f"Intervju {roles[index % len(roles)]} {federation.name} ({federation.number})"

    def _sources(self, federation: Federation) -> None:
        for index in range(5):
            federation.add(
                "sources",
                {
                    "title": self._interview(federation, index),
                    "kind": "intervju",
                    "date": f"2017-0{1 + index % 4}-{10 + index}",
                    "role": ROLES[index],
                },
            )
        for group in TARGET_GROUPS:
            federation.add("target_groups", {"name": group})

    def _forums(self, federation: Federation) -> None:
        region = f"Region {federation.region}"
        kommuner = [f"{m} kommun" for m in federation.municipalities]
        self._forum(
            federation,
            f"Förbundsstyrelsen {federation.name}",
            "strategisk",
            [*kommuner, "AF", "FK", region],
            "6",
            "",
        )
        for muni in federation.municipalities:
            local = [a for a in self.local[muni] if a in self.actors]
            kinds = {self.actors[a].kind: a for a in reversed(local)}
            strategic = [a for a in local if self.actors[a].kind in ("kommun", "förvaltning")]
            operational = [a for a in local[3:12] if self.actors[a].kind != "förvaltning"]
            self._forum(
                federation,
                f"Strategisk beredningsgrupp {muni}",
                "strategisk",
                [*strategic, f"AF sektion {federation.name}", "FK"],
                "2-3",
                muni,
            )
            self._forum(
                federation,
                f"Operativ samverkansgrupp {muni}",
                "operativ",
                operational or local[:2],
                "10",
                muni,
            )
            if "skola" in kinds and len(local) > 8:
                self._forum(
                    federation,
                    f"DUA styrgrupp {muni}",
                    "strategisk",
                    [kommuner[federation.municipalities.index(muni)], "AF", kinds["skola"]],
                    self.rng.choice(["2", "4", "1"]),
                    muni,
                )

    def _forum(
        self,
        federation: Federation,
        name: str,
        level: str,
        members: list[str],
        cadence: str,
        muni: str,
    ) -> None:
        self.forums += 1
        self.forum_names.setdefault(muni, []).append(name)
        status = self.rng.choices(["aktivt", "vilande", "planerat"], [8, 1, 1])[0]
        federation.add(
            "forums",
            {
                "name": name,
                "level": level,
                "members": "; ".join(dict.fromkeys(members)),
                "convener": members[0],
                "cadence_per_year": cadence,
                "target_groups": "; ".join(self.rng.sample(TARGET_GROUPS, 2)),
                "status": status,
                "municipality": muni or None,
                "last_meeting": f"2017-0{self.rng.randint(1, 9)}-1{self.rng.randint(0, 9)}",
                "source": self._interview(federation, self.rng.randint(0, 4)),
            },
        )

    # --- contacts -------------------------------------------------------------------------

    def _contacts(self) -> None:
        """Five contacts per actor, written in the workbook of the first actor's förbund."""
        total = CONTACTS_PER_ACTOR * self.size
        munis = [m for f in self.federations for m in f.municipalities]
        fed_of = {m: f for f in self.federations for m in f.municipalities}
        pools = {m: [a for a in self.local[m] for _ in range(self.actors[a].weight)] for m in munis}
        everyone = list(self.actors)
        for index in range(total):
            muni = munis[index % len(munis)]
            federation = fed_of[muni]
            actor_a = self.rng.choice(pools[muni])
            actor_b = self._partner(actor_a, muni, federation, pools, everyone)
            self._contact(federation, muni, actor_a, actor_b)
            if self.rng.random() < 0.04 and self.contacts < total:  # told again, differently
                self._contact(federation, muni, actor_b, actor_a, quality_shift=True)
            if self.contacts >= total:
                break

    def _partner(
        self,
        actor_a: str,
        muni: str,
        federation: Federation,
        pools: dict[str, list[str]],
        everyone: list[str],
    ) -> str:
        while True:
            draw = self.rng.random()
            if draw < 0.62:
                other = self.rng.choice(pools[muni])
            elif draw < 0.82:
                other = self.rng.choice(
                    [
                        f"AF sektion {federation.name}",
                        f"Samordningsförbundet {federation.name}",
                        f"Vuxenpsykiatrin {federation.name}",
                        *(f"{m} kommun" for m in federation.municipalities),
                        *pools[self.rng.choice(federation.municipalities)][:12],
                    ]
                )
            elif draw < 0.94:
                other = self.rng.choice(
                    ["Arbetsförmedlingen", "Försäkringskassan", f"Region {federation.region}"]
                )
            else:
                other = self.rng.choice(everyone)  # across förbund: another workbook's actor
            if other != actor_a:
                return other

    def _reference(self, actor: str) -> str:
        """Names as people type them: mostly the name, sometimes an alias or odd spacing."""
        row = self.actors[actor]
        draw = self.rng.random()
        if row.aliases and draw < 0.3:
            return row.aliases[0]
        if draw > 0.97:
            return "  " + actor.upper() + " "
        return actor

    def _contact(
        self,
        federation: Federation,
        muni: str,
        actor_a: str,
        actor_b: str,
        quality_shift: bool = False,
    ) -> None:
        self.contacts += 1
        rng = self.rng
        kinds = {self.actors[actor_a].kind, self.actors[actor_b].kind}
        strategic = kinds <= STRATEGIC_KINDS or rng.random() < 0.12
        carriers = self.persons.get(actor_a, []) + self.persons.get(actor_b, [])
        quality: Any = rng.choice([1, 2, 3, 4, 5, 4, 4, 3, None])
        if quality_shift:
            quality = rng.choice(["mycket svag", "svag", "mycket god"])
        elif quality is not None and rng.random() < 0.3:
            quality = ["mycket svag", "svag", "varierande", "god", "mycket god"][quality - 1]
        forum = None
        if strategic and self.forum_names.get(muni) and rng.random() < 0.3:
            forum = self.forum_names[muni][0]
        federation.add(
            "contacts",
            {
                "actor_a": self._reference(actor_a),
                "actor_b": self._reference(actor_b),
                "level": "strategisk" if strategic else "operativ",
                "target_groups": "; ".join(rng.sample(TARGET_GROUPS, rng.randint(1, 2))),
                "frequency_per_year": rng.choice([12, 4, "2-3", "4 ggr/år", 1, 52, None]),
                "quality": quality,
                "collaboration": rng.choice([0, 1, 2, 3, 4, 5, None]),
                "carriers": "; ".join(rng.sample(carriers, min(len(carriers), rng.randint(1, 2))))
                or None,
                "forum": forum,
                "valid_to": "2017-06-30" if rng.random() < 0.01 else None,
                "source": self._interview(federation, rng.randint(0, 4)),
            },
        )

    # --- gaps and events ------------------------------------------------------------------

    def _gaps_and_events(self, federation: Federation) -> None:
        for muni in federation.municipalities:
            local = self.local[muni]
            federation.add(
                "gaps",
                {
                    "kind": "önskemål",
                    "actor": f"{muni} kommun",
                    "counterparts": "AF",
                    "level": "strategisk",
                    "target_groups": "vuxna",
                    "wished_per_year": 2,
                    "description": "Regelbundna strategiska möten och gemensamma mål.",
                    "source": self._interview(federation, 0),
                },
            )
            if len(local) > 12:
                federation.add(
                    "gaps",
                    {
                        "kind": "glapp",
                        "actor": local[1],
                        "counterparts": f"Vårdcentralen {muni}",
                        "target_groups": "unga över 20 som stannar hemma",
                        "source": self._interview(federation, 1),
                    },
                )
            office = f"AF:s kontor i {muni}"
            if office in self.actors and self.rng.random() < 0.3:
                federation.add(
                    "events",
                    {
                        "date": f"2017-0{self.rng.randint(1, 9)}-01",
                        "kind": "stängning",
                        "actor": office,
                        "description": f"Arbetsförmedlingen stänger kontoret i {muni}.",
                        "source": self._interview(federation, 2),
                    },
                )
            benefit = f"Ekonomiskt bistånd {muni}"
            if benefit in self.actors and self.rng.random() < 0.2:
                federation.add(
                    "events",
                    {
                        "date": "2017-09-01",
                        "kind": "omorganisation",
                        "actor": benefit,
                        "new_parent": f"Utbildningsförvaltningen {muni}",
                        "description": "Ekonomiskt bistånd flyttas till bildningsnämnden.",
                        "source": self._interview(federation, 0),
                    },
                )

    # --- writing --------------------------------------------------------------------------

    def write(self, directory: Path) -> Manifest:
        # xlsxwriter writes what Excel writes: shared strings and a <dimension> tag per sheet
        # (openpyxl writes inline strings, which read slower and no user's file has).
        import xlsxwriter  # type: ignore[import-untyped]

        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.glob("*.xlsx"):
            old.unlink()
        files = []
        rows = 0
        for federation in self.federations:
            name = f"forbund-{federation.number:03d}.xlsx"
            workbook = xlsxwriter.Workbook(str(directory / name))
            date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
            for sheet in SHEETS:
                data = federation.rows.get(sheet.key)
                if not data:
                    continue
                worksheet = workbook.add_worksheet(sheet.name)
                fields = [c.field for c in sheet.columns if any(c.field in r for r in data)]
                headers = {c.field: c.header for c in sheet.columns}
                worksheet.write_row(0, 0, [headers[f] for f in fields])
                for number, row in enumerate(data, start=1):
                    for column, key in enumerate(fields):
                        value = row.get(key)
                        if key in DATE_FIELDS and value is not None:  # typed in Excel: a date
                            day = datetime.strptime(value, "%Y-%m-%d")
                            worksheet.write_datetime(number, column, day, date_format)
                        elif value is not None:
                            worksheet.write(number, column, value)
                rows += len(data)
            workbook.close()
            files.append(name)
        (directory / "samverkan.toml").write_text(
            f'[projekt]\nnamn = "Syntetisk karta, {self.size} aktörer"\n'
            f'"språk" = "sv"\nindata = ["*.xlsx"]\nutdata = "utdata"\n'
            f"datum = {ANALYSIS_DAY}\n",
            encoding="utf-8",
        )
        manifest = Manifest(self.size, self.contacts, self.forums, rows, tuple(files), self.seed)
        (directory / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        return manifest

    def write_kumu(self, directory: Path) -> Manifest:
        """The same map as one Kumu workbook (Elements and Connections, as Kumu's import
        guide shows them): actors and forums by Label, contacts and memberships by Label."""
        import xlsxwriter  # type: ignore[import-untyped]

        directory.mkdir(parents=True, exist_ok=True)
        canonical: dict[str, str] = {}
        elements: dict[str, list[Any]] = {}
        connections: list[list[Any]] = []
        for federation in self.federations:
            for actor in federation.rows.get("actors", []):
                for alias in [actor["name"], *_split(actor.get("aliases"))]:
                    canonical[alias] = actor["name"]
                elements.setdefault(
                    actor["name"], [actor["name"], actor["kind"], "", "", actor["municipality"]]
                )
        for federation in self.federations:
            for forum in federation.rows.get("forums", []):
                tags = "|".join(_split(forum.get("target_groups")))
                elements.setdefault(forum["name"], [forum["name"], "Forum", "", tags, ""])
                for member in _split(forum.get("members")):
                    connections.append([canonical.get(member, member), forum["name"], "", ""])
            for contact in federation.rows.get("contacts", []):
                ends = [canonical.get(contact[k], contact[k]) for k in ("actor_a", "actor_b")]
                tags = "|".join(_split(contact.get("target_groups")))
                connections.append([*ends, contact["level"], contact.get("quality") or "", tags])
        name = "kumu.xlsx"
        workbook = xlsxwriter.Workbook(str(directory / name))
        sheets = (
            ("Elements", ["Label", "Type", "Description", "Tags", "Kommun"], elements.values()),
            ("Connections", ["From", "To", "Type", "Strength", "Tags"], connections),
        )
        for title, header, rows in sheets:
            worksheet = workbook.add_worksheet(title)
            worksheet.write_row(0, 0, header)
            for number, row in enumerate(rows, start=1):
                worksheet.write_row(number, 0, row)
        workbook.close()
        (directory / "samverkan.toml").write_text(
            f'[projekt]\nnamn = "Syntetisk Kumu-karta, {self.size} aktörer"\n'
            f'"språk" = "sv"\nindata = ["*.xlsx"]\nutdata = "utdata"\n'
            f"datum = {ANALYSIS_DAY}\n",
            encoding="utf-8",
        )
        rows = len(elements) + len(connections)
        manifest = Manifest(self.size, self.contacts, self.forums, rows, (name,), self.seed)
        (directory / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        return manifest


def _split(value: Any) -> list[str]:
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def generate(actors: int, directory: Path, seed: int = 1, kumu: bool = False) -> Manifest:
    """Write the map's workbooks into `directory`; reuse them if already generated alike.
    With `kumu`, the same map as one Kumu workbook instead."""
    cached = read_manifest(directory)
    if (
        cached is not None
        and (cached.actors, cached.seed, cached.version)
        == (
            actors,
            seed,
            GENERATOR_VERSION,
        )
        and all((directory / name).is_file() for name in cached.files)
    ):
        return cached
    generator = Generator(actors, seed)
    generator.build()
    return generator.write_kumu(directory) if kumu else generator.write(directory)


def read_manifest(directory: Path) -> Manifest | None:
    path = directory / MANIFEST
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"] = tuple(data["files"])
    try:
        return Manifest(**data)
    except TypeError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actors", type=int)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kumu", action="store_true", help="one Kumu workbook instead")
    args = parser.parse_args(argv)
    manifest = generate(args.actors, args.out, args.seed, args.kumu)
    print(manifest.to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
