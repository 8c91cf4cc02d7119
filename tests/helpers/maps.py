"""Maps built in code for the layout and payload tests."""

from __future__ import annotations

import random

from samverkan.graph import SamverkanMap
from samverkan.model import Actor, ActorKind, Contact, Forum, Level


def national_map(actors: int, seed: int = 5) -> SamverkanMap:
    """Municipalities with their units, agencies with local offices, forums, contacts."""
    rng = random.Random(seed)
    samverkan_map = SamverkanMap("test")
    places = [f"Ort {i}" for i in range(max(2, actors // 25))]
    ids: list[str] = []
    for place in places:
        samverkan_map.add(
            Actor(
                id=f"kommun-{place}",
                name=f"{place} kommun",
                kind=ActorKind.MUNICIPALITY,
                municipality=place,
            )
        )
        ids.append(f"kommun-{place}")
    samverkan_map.add(Actor(id="af", name="Arbetsförmedlingen", kind=ActorKind.AGENCY))
    ids.append("af")
    while len(ids) < actors:
        place = rng.choice(places)
        index = len(ids)
        if index % 5 == 0:
            actor = Actor(
                id=f"af-{index}",
                name=f"AF {place} {index}",
                kind=ActorKind.OFFICE,
                parent="af",
                municipality=place,
            )
        else:
            actor = Actor(
                id=f"enhet-{index}",
                name=f"Enhet {index}",
                kind=ActorKind.UNIT,
                parent=f"kommun-{place}",
                municipality=place,
            )
        samverkan_map.add(actor)
        ids.append(actor.id)
    for number in range(actors * 2):
        a, b = rng.sample(ids, 2)
        samverkan_map.add(
            Contact(id=f"c{number}", actor_a=a, actor_b=b, level=rng.choice(list(Level)))
        )
    for number in range(actors // 20):
        samverkan_map.add(
            Forum(id=f"f{number}", name=f"Forum {number}", members=tuple(rng.sample(ids, 4)))
        )
    return samverkan_map


def reference_like_map() -> SamverkanMap:
    """Two municipalities with units, AF with offices, forums of the members, loose actors."""
    samverkan_map = SamverkanMap("liten")
    for kommun in ("Kävlinge", "Lomma"):
        samverkan_map.add(Actor(id=kommun, name=f"{kommun} kommun", kind=ActorKind.MUNICIPALITY))
        for unit in ("Socialtjänsten", "Lärcentrum", "Gymnasieskolan", "Ekonomiskt bistånd"):
            samverkan_map.add(
                Actor(
                    id=f"{unit}-{kommun}",
                    name=f"{unit} {kommun}",
                    kind=ActorKind.UNIT,
                    parent=kommun,
                )
            )
    samverkan_map.add(Actor(id="af", name="Arbetsförmedlingen", kind=ActorKind.AGENCY))
    samverkan_map.add(
        Actor(id="af-kav", name="AF:s kontor i Kävlinge", kind=ActorKind.OFFICE, parent="af")
    )
    samverkan_map.add(Actor(id="fk", name="Försäkringskassan", kind=ActorKind.AGENCY))
    for loose in ("Hassela", "Lunds kommun", "Staffanstorps kommun"):
        samverkan_map.add(Actor(id=loose, name=loose))
    pairs = [
        ("Kävlinge", "af"),
        ("Lomma", "af"),
        ("Lärcentrum-Kävlinge", "af-kav"),
        ("Socialtjänsten-Lomma", "fk"),
    ]
    for number, (a, b) in enumerate(pairs):
        samverkan_map.add(Contact(id=f"c{number}", actor_a=a, actor_b=b))
    samverkan_map.add(Forum(id="sulk", name="SULK", members=("Kävlinge", "Lomma", "af")))
    samverkan_map.add(
        Forum(id="dua", name="DUA styrgrupp Lomma", members=("Lomma", "Socialtjänsten-Lomma", "af"))
    )
    return samverkan_map
