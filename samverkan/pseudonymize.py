"""Pseudonymisation: person names become their role plus a stable pseudonym before any export.

Interview data name real people. With ``--pseudonymize`` the map is rewritten *before* it
reaches an exporter, so no exporter (built-in or third-party) can leak a name: every person
becomes "sektionschef (Person 3)", and every occurrence of a person's name in any text of
any fact or flag (descriptions, source titles, flag explanations, evidence, file names) is
replaced too, as are ids derived from names ("jakob-k" -> "person-2").

Pseudonyms are numbered by sorted person id, so the same map gives the same pseudonyms on
every run, and nothing random is involved.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from datetime import date
from enum import Enum
from typing import Any

from samverkan.contract import Analysis
from samverkan.graph import SamverkanMap
from samverkan.i18n import Message, lazy
from samverkan.identity import visible
from samverkan.model import Flag, Person, slugify

AMBIGUOUS = "[person]"  # a first name shared by several persons cannot be attributed
WORD = re.compile(r"\w+")


class Pseudonymizer:
    """Rewrites every string of a map so that no known person name survives."""

    def __init__(self, samverkan_map: SamverkanMap) -> None:
        ordered = sorted(samverkan_map.persons.values(), key=lambda p: p.id)
        vocabulary = _vocabulary(samverkan_map)
        self.ids: dict[str, str] = {}
        self.display: dict[str, str] = {}
        # first word (casefolded) of a name or slug -> (pattern, replacement): a cheap filter
        self._patterns: dict[str, list[tuple[re.Pattern[str], str]]] = defaultdict(list)
        parts: dict[str, set[str]] = defaultdict(set)
        for number, person in enumerate(ordered, start=1):
            label = f"Person {number}"
            shown = f"{person.role} ({label})" if person.role.strip() else label
            self.ids[person.id] = f"person-{number}"
            self.display[person.id] = shown
            name = _canonical(person.name)
            self._add(_name_pattern(name), name, shown)
            slug = slugify(name)
            if len(slug) >= 2:  # slugify gives 'x' for a name without letters
                self._add(_slug_pattern(slug), slug, f"person-{number}")
            for part in _name_parts(person, vocabulary):
                parts[part].add(shown)
        for part, owners in parts.items():
            shown = owners.pop() if len(owners) == 1 else AMBIGUOUS
            self._add(_part_pattern(part), part, shown)

    def _add(self, pattern: re.Pattern[str], text: str, replacement: str) -> None:
        first = WORD.search(text)
        if first is not None:
            self._patterns[first.group().casefold()].append((pattern, replacement))

    # --- rewriting ------------------------------------------------------------------------

    def text(self, value: str) -> str:
        """`value` with every person name (full, first/last name, genitive, slug) replaced."""
        if value in self.ids:
            return self.ids[value]
        value = _canonical(value)
        words = {w.casefold() for w in WORD.findall(value)}
        words |= {w[:-1] for w in words if w.endswith("s")}  # Swedish genitive: Annas
        candidates = [
            item for word in words & self._patterns.keys() for item in self._patterns[word]
        ]
        # Longest first: 'Anna Svensson' is replaced as a whole before 'Anna' alone.
        for pattern, replacement in sorted(candidates, key=lambda c: (-len(c[0].pattern), c[1])):
            value = pattern.sub(_substitute(replacement), value)
        return value

    def value(self, value: Any) -> Any:
        """Any fact, flag or part of one, with all its strings rewritten (generic over fields)."""
        if isinstance(value, Enum) or value is None:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Message):
            return _rewritten(value, self.text)
        if isinstance(value, tuple):
            return tuple(self.value(item) for item in value)
        if is_dataclass(value) and not isinstance(value, type):
            # Provenance.columns maps field names to column letters: no free text in it.
            changes = {
                f.name: self.value(getattr(value, f.name))
                for f in fields(value)
                if f.name != "columns"
            }
            return replace(value, **changes)
        return value

    def person(self, person: Person) -> Person:
        scrubbed: Person = self.value(person)
        return replace(scrubbed, id=self.ids[person.id], name=self.display[person.id])

    def map(self, samverkan_map: SamverkanMap) -> SamverkanMap:
        result = SamverkanMap(self.text(samverkan_map.title))
        for fact in samverkan_map.facts():
            result.add(self.person(fact) if isinstance(fact, Person) else self.value(fact))
        return result


def _canonical(text: str) -> str:
    """One spelling of what the eye reads: composed letters ('ö', not 'o' and a diaeresis), no
    invisible format characters (a soft hyphen from a PDF). A name typed one way in the
    person row and pasted another way in a description is still found."""
    return unicodedata.normalize("NFC", visible(text))


def _rewritten(message: Message, rewrite: Callable[[str], str]) -> Message:
    """The message with its text rewritten in whatever language it is read."""
    return lazy(lambda lang: rewrite(message.text(lang)))


def _substitute(replacement: str) -> Callable[[re.Match[str]], str]:
    """The pseudonym; a Swedish genitive s after a name becomes ':s' ('Person 3:s')."""

    def substitute(match: re.Match[str]) -> str:
        return replacement + (":s" if match.group(1) else "")

    return substitute


def _name_pattern(name: str) -> re.Pattern[str]:
    """A full name, any case, any run of white space between its words, optional genitive s."""
    words = [re.escape(word) for word in name.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(s?)(?!\w)", re.IGNORECASE)


def _part_pattern(part: str) -> re.Pattern[str]:
    """A first or last name alone: case-sensitive, so 'Per' does not hit 'per år'."""
    return re.compile(r"(?<!\w)" + re.escape(part) + r"(s?)(?!\w)")


def _slug_pattern(slug: str) -> re.Pattern[str]:
    """A name inside an id or file name: 'intervju-jakob-k.xlsx'."""
    return re.compile(r"(?<![a-z0-9])" + re.escape(slug) + r"()(?![a-z0-9])")


def _name_parts(person: Person, vocabulary: set[str]) -> list[str]:
    """First and last names of a personal name, to catch 'Anna' alone: 'Anna Svensson' -> both.

    Only for names whose every word is capitalised (not 'De tre arbetsförmedlarna för …'), and
    never a word of the person's role or of the map's actors, forums and target groups: a
    person recorded as 'Kommundirektör Kävlinge' must not turn 'Kävlinge kommun' into a
    pseudonym. Acronyms ('AF') and initials ('K') are not names on their own.
    """
    words = _canonical(person.name).split()
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return []
    excluded = vocabulary | {w.casefold() for w in WORD.findall(person.role)}
    return [w for w in words if len(w) >= 2 and not w.isupper() and not set(_words(w)) & excluded]


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def _vocabulary(samverkan_map: SamverkanMap) -> set[str]:
    """Words of the map's own names: places and organisations, not persons."""
    texts: list[str] = []
    for actor in samverkan_map.actors():
        texts += [actor.name, actor.municipality, *actor.aliases]
    for forum in samverkan_map.forums():
        texts += [forum.name, forum.municipality]
    texts += [group.name for group in samverkan_map.target_groups.values()]
    return {word for text in texts for word in _words(text)}


def pseudonymize_map(samverkan_map: SamverkanMap) -> SamverkanMap:
    return Pseudonymizer(samverkan_map).map(samverkan_map)


def pseudonymize(analysis: Analysis) -> Analysis:
    """The analysis with its map and its flags rewritten: what every export gets."""
    scrubber = Pseudonymizer(analysis.map)
    flags = [scrubber.value(flag) for flag in analysis.flags]
    flags_on = analysis.flags_on

    def scrubbed_on(day: date) -> list[Flag]:  # the flags of other days, rewritten as well
        assert flags_on is not None
        return [scrubber.value(flag) for flag in flags_on(day)]

    return replace(
        analysis,
        map=scrubber.map(analysis.map),
        flags=flags,
        flags_on=scrubbed_on if flags_on is not None else None,
        current_map=None,  # the day's map is built again from the rewritten one
    )
