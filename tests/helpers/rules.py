"""Small maps built in code for the rule tests, and a way to run one rule on them."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from samverkan.contract import Rule, RuleContext
from samverkan.graph import SamverkanMap
from samverkan.model import (
    Actor,
    ActorKind,
    Contact,
    Event,
    EventKind,
    Fact,
    Forum,
    Gap,
    GapKind,
    Level,
    Period,
    Person,
    Provenance,
    Source,
    TargetGroup,
)

DAY = date(2017, 4, 30)
_rows = count(2)


def origin(sheet: str, source: str | None = None) -> tuple[Provenance, ...]:
    return (Provenance("karta.xlsx", sheet, next(_rows), source),)


def actor(actor_id: str, name: str = "", **values: Any) -> Actor:
    values.setdefault(
        "kind", ActorKind.MUNICIPALITY if not values.get("parent") else ActorKind.UNIT
    )
    return Actor(id=actor_id, name=name or actor_id, provenance=origin("Aktörer"), **values)


def contact(contact_id: str, a: str, b: str, level: str = "operativ", **values: Any) -> Contact:
    return Contact(
        id=contact_id,
        actor_a=a,
        actor_b=b,
        level=Level(level),
        provenance=origin("Kontakter", values.get("source")),
        **values,
    )


def forum(
    forum_id: str, members: tuple[str, ...], level: str = "strategisk", **values: Any
) -> Forum:
    return Forum(
        id=forum_id,
        name=values.pop("name", forum_id),
        members=members,
        level=Level(level),
        provenance=origin("Forum"),
        **values,
    )


def person(person_id: str, actor_id: str | None, role: str = "") -> Person:
    return Person(id=person_id, name=person_id.title(), actor=actor_id, role=role)


def wish(gap_id: str, who: str, *counterparts: str, **values: Any) -> Gap:
    values.setdefault("kind", GapKind.WISH)
    return Gap(
        id=gap_id, actor=who, counterparts=counterparts, provenance=origin("Glapp"), **values
    )


def group(group_id: str, name: str = "") -> TargetGroup:
    return TargetGroup(id=group_id, name=name or group_id, provenance=origin("Målgrupper"))


def closure(event_id: str, actor_id: str, day: date) -> Event:
    return Event(
        id=event_id,
        date=day,
        kind=EventKind.CLOSURE,
        actor=actor_id,
        provenance=origin("Händelser"),
    )


def source(source_id: str, title: str, actor_id: str | None) -> Source:
    return Source(id=source_id, title=title, actor=actor_id)


def ended(fact: Any, last_day: date) -> Any:
    from dataclasses import replace

    return replace(fact, valid=Period(fact.valid.start, last_day))


ORDER = (Actor, Forum, Contact)


def build(*facts: Fact) -> SamverkanMap:
    """A map of `facts`, actors before the forums and contacts that name them."""
    samverkan_map = SamverkanMap("test")
    rank = {kind: i for i, kind in enumerate(ORDER)}
    for fact in sorted(facts, key=lambda f: rank.get(type(f), len(ORDER))):
        samverkan_map.add(fact)
    return samverkan_map


def run(rule: Rule, history: SamverkanMap, day: date = DAY, **settings: Any) -> list[Any]:
    context = RuleContext(
        history.as_of(day), history, day, {**rule.defaults, **settings}, rule.severity
    )
    return list(rule.check(context))


def strategic_elsewhere() -> list[Fact]:
    """A strategic contact between two actors no test is about: the map then records the
    strategic level, so operational-without-strategic tells each pair on its own."""
    return [
        actor("staffanstorp", "Staffanstorps kommun"),
        actor("region", "Region Skåne", kind=ActorKind.REGION),
        contact("elsewhere", "staffanstorp", "region", level="strategisk"),
    ]


def base_actors() -> list[Actor]:
    """Two municipalities and AF with a local office, as in the reference case."""
    return [
        actor("kavlinge", "Kävlinge kommun", municipality="Kävlinge"),
        actor("lomma", "Lomma kommun", municipality="Lomma"),
        actor("af", "Arbetsförmedlingen", kind=ActorKind.AGENCY),
        actor("af-kavlinge", "AF:s kontor i Kävlinge", parent="af", kind=ActorKind.OFFICE),
    ]
