"""single-carrier-by-role: the one person who convenes a forum and carries an actor's part in it.

The project leader who convenes, maps, plans and reports alone is a weak link of its own:
when that person leaves, the forum and one actor's whole presence in it go together. A role
held by several people ("4 arbetsmarknadskonsulenter") is not a single carrier; a role held
by one named person is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping

from samverkan.contract import RuleContext, Setting
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _, lazy
from samverkan.model import Contact, Flag, Forum, Person, Severity, subject
from samverkanskartan.rules.base import BaseRule, Settings, evidence


class SingleCarrierByRole(BaseRule):
    id = "single-carrier-by-role"
    title = _("Convener who carries everything")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {"min_contacts": 2}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        now = context.map
        in_forum: dict[str, list[Contact]] = defaultdict(list)
        for contact in now.contacts():
            if contact.forum:
                in_forum[contact.forum].append(contact)
        for forum in now.forums():
            if forum.convener is None:
                continue
            for actor, person, contacts in _carried_alone(now, forum, in_forum[forum.id]):
                if len(contacts) >= settings.whole("min_contacts"):
                    yield self._flag(context, forum, actor, person, contacts)

    def _flag(
        self,
        context: RuleContext,
        forum: Forum,
        actor: str,
        person: Person,
        contacts: list[Contact],
    ) -> Flag:
        now = context.map
        who = f"{person.name} ({person.role})" if person.role else person.name

        def explain(lang: Lang) -> str:
            return (
                _(
                    "{p} at {c} convenes {f} and alone carries all {n} contacts {a} has in the forum. If the person leaves, the forum and {a}'s part in it go together."
                )
                .text(lang)
                .format(
                    p=who,
                    c=now.name(forum.convener or ""),
                    f=forum.name,
                    n=len(contacts),
                    a=now.name(actor),
                )
            )

        return self.flag(
            context,
            lazy(
                lambda lang: (
                    _("{p} carries {f} alone").text(lang).format(p=person.name, f=forum.name)
                )
            ),
            lazy(explain),
            actors=[actor, forum.convener or ""],
            contacts=[c.id for c in contacts],
            forums=[forum.id],
            proof=evidence([forum], contacts),
            subject=subject("person", person.id),
        )


def _carried_alone(
    now: SamverkanMap, forum: Forum, in_forum: list[Contact]
) -> Iterator[tuple[str, Person, list[Contact]]]:
    """Each actor whose contacts in the forum are all carried by one single person who works
    at the convener."""
    by_actor: dict[str, list[Contact]] = defaultdict(list)
    for contact in in_forum:
        for end in sorted(contact.pair - {forum.convener}):
            by_actor[end].append(contact)
    for actor, contacts in sorted(by_actor.items()):
        carriers = {carrier for c in contacts for carrier in c.carriers}
        if len(carriers) != 1 or not all(c.carriers for c in contacts):
            continue
        person = now.persons.get(next(iter(carriers)))
        if person is not None and person.is_single and person.actor == forum.convener:
            yield actor, person, contacts
