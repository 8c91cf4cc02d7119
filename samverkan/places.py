"""Places: the free-text "Kommun" of actors and forums, read one way everywhere.

Interviewers write a municipality as they please: "Kävlinge", "kävlinge", "Kävlinge ",
"Kävlinge, Lomma". The layout, the metrics, the report and the rules must all see the same
places, so the map keeps one spelling per place (see `one_spelling_per_place`) and every
reader splits a cell with `places`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TypeVar

from samverkan.i18n import Lang, join
from samverkan.identity import normalise

F = TypeVar("F")


def places(municipality: str) -> tuple[str, ...]:
    """'Kävlinge; Lomma' -> ('Kävlinge', 'Lomma'): a unit may serve several municipalities."""
    parts = (" ".join(part.split()) for part in municipality.replace(",", ";").split(";"))
    return tuple(dict.fromkeys(part for part in parts if part))


def said(municipality: str, lang: Lang) -> str:
    """'Kävlinge; Lomma' as a reader says it: 'Kävlinge och Lomma'."""
    return join(places(municipality), lang)


def one_spelling_per_place(facts: Iterable[F]) -> list[F]:
    """`facts` with every place spelled alike: the spelling most facts use (ties: the first
    in sorted order), so 'kävlinge' on one actor and 'Kävlinge' on ten are one place."""
    facts = list(facts)
    written: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for fact in facts:
        for place in places(getattr(fact, "municipality", "")):
            written[normalise(place)][place] += 1
    chosen = {key: min(c, key=lambda s: (-c[s], s)) for key, c in written.items()}
    return [_respelled(fact, chosen) for fact in facts]


def _respelled(fact: F, chosen: dict[str, str]) -> F:
    written = places(getattr(fact, "municipality", ""))
    spelled = tuple(dict.fromkeys(chosen[normalise(place)] for place in written))
    if spelled == written:
        return fact  # kept as written, separators and all
    return replace(fact, municipality="; ".join(spelled))  # type: ignore[type-var]
