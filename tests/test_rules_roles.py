"""single-carrier-by-role: the one person who convenes a forum and carries an actor's part."""

from __future__ import annotations

from dataclasses import replace

from helpers.rules import actor, build, contact, forum, person, run
from samverkanskartan.rules.roles import SingleCarrierByRole

from samverkan.model import ActorKind, Severity


def project_forum_map(head_count: int | None = None, second_carrier: bool = False) -> object:
    leader = replace(person("lena", "projekt", role="projektledare"), head_count=head_count)
    other = person("olle", "af")
    return build(
        actor("projekt", "Unga vuxna-projektet", kind=ActorKind.PROJECT),
        actor("af", "Arbetsförmedlingen", kind=ActorKind.AGENCY),
        actor("kommun", "Kävlinge kommun"),
        forum("styr", ("projekt", "af", "kommun"), convener="projekt", name="Styrgrupp"),
        contact("k1", "projekt", "af", forum="styr", carriers=("lena",)),
        contact(
            "k2", "projekt", "af", forum="styr", carriers=("olle",) if second_carrier else ("lena",)
        ),
        contact("k3", "projekt", "kommun", forum="styr", carriers=("lena",)),
        leader,
        other,
    )


def test_the_project_leader_who_convenes_and_carries_an_actor_s_contacts_alone() -> None:
    [flag] = run(SingleCarrierByRole(), project_forum_map())
    assert flag.rule == "single-carrier-by-role" and flag.severity is Severity.MEDIUM
    assert flag.title.sv == "Lena bär Styrgrupp ensam"
    assert flag.actors == ("af", "projekt") and flag.contacts == ("k1", "k2")
    assert (
        "Lena (projektledare) på Unga vuxna-projektet kallar till Styrgrupp" in flag.explanation.sv
    )
    assert "all 2 contacts Arbetsförmedlingen has in the forum" in flag.explanation.en


def test_a_role_held_by_several_or_a_second_carrier_is_not_a_single_carrier() -> None:
    assert run(SingleCarrierByRole(), project_forum_map(head_count=4)) == []
    assert run(SingleCarrierByRole(), project_forum_map(second_carrier=True)) == []
    # one contact is below the threshold: Kävlinge kommun's single contact is not flagged
    assert len(run(SingleCarrierByRole(), project_forum_map(), min_contacts=1)) == 2


def test_single_carrier_does_not_count_a_role_held_by_several_people() -> None:
    from samverkanskartan.rules.carriers import SingleCarrier

    def carried_by(head_count: int | None) -> list[object]:
        role = replace(
            person("konsulenter", "af", role="arbetsmarknadskonsulent"), head_count=head_count
        )
        history = build(
            actor("af", "Arbetsförmedlingen", kind=ActorKind.AGENCY),
            actor("kommun", "Kävlinge kommun"),
            contact("k1", "kommun", "af", carriers=("konsulenter",)),
            contact("k2", "kommun", "af", level="strategisk", carriers=("konsulenter",)),
            role,
        )
        return run(SingleCarrier(), history)

    assert len(carried_by(None)) == 1  # one named person (or a role held by one) is
    assert len(carried_by(1)) == 1
    assert carried_by(4) == []
