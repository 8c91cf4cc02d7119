"""single-carrier on small maps."""

from __future__ import annotations

from helpers.rules import base_actors, build, contact, forum, person, run
from samverkanskartan.rules.carriers import SingleCarrier

from samverkan.model import Severity


def business_map(second_carrier: bool = False):
    facts = [
        *base_actors(),
        forum("natverk-k", ("kavlinge", "af"), name="Nätverksträffar Kävlinge"),
        forum("natverk-l", ("lomma", "af"), name="Nätverksträffar Lomma"),
        person("anders", "af", "företagsrådgivare"),
        person("karin", "af"),
        person("sara", "kavlinge"),
        contact("k-biz", "kavlinge", "af", carriers=("anders", "sara"), forum="natverk-k"),
        contact("l-biz", "lomma", "af", carriers=("anders",), forum="natverk-l"),
        contact("k-adults", "kavlinge", "af", carriers=("karin",)),
        contact("l-adults", "lomma", "af", carriers=("karin",)),
    ]
    if second_carrier:
        facts.append(contact("l-biz-2", "lomma", "af", carriers=("karin",), forum="natverk-l"))
        facts.append(contact("k-biz-2", "kavlinge", "af", carriers=("karin",), forum="natverk-k"))
    history = build(*facts)
    history.persons = {p.id: p for p in facts if hasattr(p, "role")}
    return history


def test_one_person_carrying_business_links_for_two_municipalities_is_flagged_high() -> None:
    flags = run(SingleCarrier(), business_map())
    anders = [f for f in flags if "Anders" in f.title.sv]
    [flag] = anders
    assert flag.severity is Severity.HIGH  # escalated: Kävlinge and Lomma
    assert {"af", "kavlinge", "lomma"} <= set(flag.actors)
    assert set(flag.contacts) == {"k-biz", "l-biz"}
    assert "Anders (företagsrådgivare, Arbetsförmedlingen)" in flag.explanation.sv
    assert "Nätverksträffar Kävlinge" in flag.explanation.sv
    assert "flera kommuner: Kävlinge och Lomma" in flag.explanation.sv


def test_escalation_can_be_switched_off() -> None:
    flags = run(SingleCarrier(), business_map(), escalate_across_municipalities=False)
    assert all(f.severity is Severity.MEDIUM for f in flags)


def test_links_with_two_carriers_on_a_side_are_not_flagged() -> None:
    flags = run(SingleCarrier(), business_map(second_carrier=True))
    assert not [f for f in flags if "Anders" in f.title.sv]


def test_a_link_whose_carriers_are_unknown_is_not_flagged() -> None:
    history = build(*base_actors(), contact("c", "kavlinge", "af"))
    assert run(SingleCarrier(), history) == []
