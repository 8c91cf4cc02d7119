"""single-carrier: a link between organisations that rests on one person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from samverkan.contract import RuleContext, Setting
from samverkan.i18n import Lang, _, lazy, ngettext
from samverkan.metrics import Metrics
from samverkan.model import Contact, Flag, Severity, pair_subject, subject
from samverkan.places import places
from samverkanskartan.rules.base import (
    NAME_LIMIT,
    BaseRule,
    Settings,
    evidence,
    listing,
)

# How fine a link is: all contacts of two organisations; those for one target group; those
# held in one forum; or those of two actors of which at least one is a unit below its
# organisation. A person is reported for the coarsest link they carry alone.
ORGANISATIONS, TARGET_GROUP, FORUM, ACTORS = 0, 1, 2, 3


@dataclass(frozen=True)
class Link:
    grain: int
    organisations: tuple[str, str]
    ends: tuple[str, str]  # the two actors (organisations for the two coarser grains)
    target_group: str | None
    forum: str | None
    contacts: tuple[Contact, ...]


class SingleCarrier(BaseRule):
    id = "single-carrier"
    title = _("Single carrier")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {
        "include_unit_links": True,
        "escalate_across_municipalities": True,
    }

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        metrics = context.metrics
        side_of = {
            person.id: metrics.organisation_of.get(person.actor or "")
            for person in context.map.persons.values()
        }
        found: dict[tuple[str, tuple[str, str]], dict[int, dict[tuple[Any, ...], Link]]] = (
            defaultdict(lambda: defaultdict(dict))
        )
        for link in _links(metrics, settings.truth("include_unit_links")):
            for side in link.organisations:
                person = _only_carrier(link, side, side_of)
                # a role held by several people ("4 arbetsmarknadskonsulenter") is no single carrier
                if person is not None and _is_one_person(context, person):
                    key = (link.ends, link.target_group, link.forum)
                    found[(person, link.organisations)][link.grain][key] = link
        by_person: dict[str, list[Link]] = defaultdict(list)
        for (person, __), grains in found.items():
            by_person[person].extend(grains[min(grains)].values())  # the coarsest link only
        for person, links in sorted(by_person.items()):
            yield self._flag(context, settings, person, side_of.get(person), links)

    def _flag(
        self,
        context: RuleContext,
        settings: Settings,
        person_id: str,
        side: str | None,
        links: list[Link],
    ) -> Flag:
        m = context.map
        metrics = context.metrics
        person = m.persons.get(person_id)
        counterparts = [end for link in links for end in _other_ends(link, side, metrics)]
        # Links to counterparts in different places; one link to a förbund serving two
        # municipalities is still one link.
        reached = list(dict.fromkeys(p for p in map(partial(_places, context), counterparts) if p))
        served = list(dict.fromkeys(place for found in reached for place in found))
        escalate = (
            len(reached) > 1
            and len(served) > 1
            and settings.truth("escalate_across_municipalities")
        )
        severity = Severity(min(int(context.severity) + 1, Severity.HIGH)) if escalate else None
        contacts = [c for link in links for c in link.contacts]

        def who(lang: Lang) -> str:
            details = [d for d in (person.role if person else "", m.name(side or "")) if d]
            return m.person_name(person_id) + (f" ({', '.join(details)})" if details else "")

        def link_text(link: Link, lang: Lang) -> str:
            text = (
                _("the link {a} – {b}")
                .text(lang)
                .format(a=m.name(link.ends[0]), b=m.name(link.ends[1]))
            )
            if link.target_group:
                text += (
                    _(" for the target group {g}")
                    .text(lang)
                    .format(g=m.group_name(link.target_group))
                )
            if link.forum:
                text += _(" in {f}").text(lang).format(f=m.name(link.forum))
            return text

        def explain(lang: Lang) -> str:
            text = (
                _("{p} is the only one carrying {links} ({n}).")
                .text(lang)
                .format(
                    p=who(lang),
                    links=_some(links, lambda link: link_text(link, lang), lang),
                    n=ngettext("{n} contact", "{n} contacts", len(contacts)).text(lang),
                )
            )
            if len(served) > 1:
                text += " " + _(
                    "The same person carries the links for several municipalities: {p}."
                ).text(lang).format(p=listing(served, lang))
            return (
                text
                + " "
                + _(
                    "If this person leaves or changes role, no one else holds the contact on that side."
                ).text(lang)
            )

        return self.flag(
            context,
            lazy(
                lambda lang: (
                    _("{p} is the single carrier").text(lang).format(p=m.person_name(person_id))
                )
            ),
            lazy(explain),
            actors=[*([side] if side else []), *counterparts],
            contacts=[c.id for c in contacts],
            proof=evidence(contacts),
            severity=severity,
            subject=_carrier_subject(person_id, links),
        )


def _carrier_subject(person_id: str, links: list[Link]) -> str:
    """The relation at risk when the person carries one organisation pair's links; the
    person when they carry several (one adviser for two municipalities)."""
    pairs = {link.organisations for link in links}
    if len(pairs) == 1:
        return pair_subject("pair", *pairs.pop())
    return subject("person", person_id)


def _some(links: list[Link], describe: Callable[[Link], str], lang: Lang) -> str:
    """The first links described, the rest counted (a carrier may hold hundreds)."""
    if len(links) <= NAME_LIMIT:
        return listing([describe(link) for link in links], lang)
    shown = [describe(link) for link in links[: NAME_LIMIT - 1]]
    rest = len(links) - len(shown)
    return listing([*shown, _("{rest} more links").format(rest=rest).text(lang)], lang)


def _links(metrics: Metrics, include_units: bool) -> Iterator[Link]:
    org = metrics.organisation_of
    for pair, contacts in metrics.contacts_by_organisations.items():
        if pair[0] == pair[1]:
            continue
        yield Link(ORGANISATIONS, pair, pair, None, None, tuple(contacts))
        # A finer link with all of the pair's contacts has the same carriers, and the
        # coarsest is the one reported: only links with fewer contacts can add anything.
        if len(contacts) == 1:
            continue
        by_group: dict[str, list[Contact]] = defaultdict(list)
        by_forum: dict[str, list[Contact]] = defaultdict(list)
        by_actors: dict[tuple[str, str], list[Contact]] = defaultdict(list)
        for contact in contacts:
            for group in contact.target_groups:
                by_group[group].append(contact)
            if contact.forum:
                by_forum[contact.forum].append(contact)
            by_actors[_oriented(contact, pair, org)].append(contact)
        whole = len(contacts)
        for group, grouped in sorted(by_group.items()):
            if len(grouped) < whole:
                yield Link(TARGET_GROUP, pair, pair, group, None, tuple(grouped))
        for forum, grouped in sorted(by_forum.items()):
            if len(grouped) < whole:
                yield Link(FORUM, pair, pair, None, forum, tuple(grouped))
        if include_units:
            for ends, grouped in sorted(by_actors.items()):
                if ends != pair and len(grouped) < whole:
                    yield Link(ACTORS, pair, ends, None, None, tuple(grouped))


def _oriented(contact: Contact, pair: tuple[str, str], org: dict[str, str]) -> tuple[str, str]:
    """The contact's two actors, in the order of their organisations in `pair`."""
    a, b = contact.actor_a, contact.actor_b
    return (a, b) if org[a] == pair[0] else (b, a)


def _is_one_person(context: RuleContext, person_id: str) -> bool:
    person = context.map.persons.get(person_id)
    return person is None or person.is_single


def _only_carrier(link: Link, side: str, side_of: dict[str, str | None]) -> str | None:
    """The one person carrying every contact of `link` on `side`, if there is exactly one.

    A carrier whose organisation is unknown (or a third party) may be on either side.
    """
    other = link.organisations[1] if link.organisations[0] == side else link.organisations[0]
    found: str | None = None
    for contact in link.contacts:
        mine = [p for p in contact.carriers if side_of.get(p) != other]
        if not mine:
            return None  # who carries this contact on that side is not recorded
        for person in mine:
            if found is None:
                found = person
            elif person != found:
                return None
    return found


def _other_ends(link: Link, side: str | None, metrics: Metrics) -> tuple[str, ...]:
    """The ends of `link` across from the person's organisation (both if that is unknown)."""
    first, second = link.ends
    if side is None or side not in link.organisations:
        return link.ends
    return (second,) if metrics.organisation_of[first] == side else (first,)


def _places(context: RuleContext, actor_id: str) -> tuple[str, ...]:
    """The places the actor serves ("Kävlinge; Lomma" is two), or its organisation's."""
    m = context.map
    own = m.actor(actor_id).municipality
    return places(own or m.actor(context.metrics.organisation_of[actor_id]).municipality)
