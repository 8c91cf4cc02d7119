"""A municipality is read one way everywhere, however the interviewers spelled it."""

from __future__ import annotations

from helpers.rules import actor, contact, forum, person, run
from samverkanskartan.rules.carriers import SingleCarrier

from samverkan.merge import build_map
from samverkan.model import ActorKind, Severity
from samverkan.places import places


def test_a_cell_may_name_several_places_however_it_is_separated() -> None:
    assert places(" Kävlinge ,Lomma;; Kävlinge ") == ("Kävlinge", "Lomma")
    assert places("Burlöv  kommun") == ("Burlöv kommun",)
    assert places(" ") == ()


def test_the_map_keeps_the_spelling_most_rows_use() -> None:
    outcome = build_map(
        [
            actor("k", "Kävlinge kommun", municipality="Kävlinge"),
            actor("sf", "Socialförvaltningen", parent="k", municipality="Kävlinge"),
            actor("lc", "Lärcentrum", parent="k", municipality="kävlinge "),
            actor("f", "Finsam", municipality="KÄVLINGE, lomma"),
            actor("l", "Lomma kommun", municipality="Lomma"),
            forum("sulk", ("k", "l"), municipality="Lomma"),
        ]
    )
    assert not outcome.problems
    spelled = {a.id: a.municipality for a in outcome.map.actors()}
    assert spelled == {
        "k": "Kävlinge",
        "sf": "Kävlinge",
        "lc": "Kävlinge",
        "f": "Kävlinge; Lomma",
        "l": "Lomma",
    }
    assert outcome.map.forum("sulk").municipality == "Lomma"


def test_one_carrier_in_one_municipality_spelled_two_ways_is_not_escalated() -> None:
    """False alarm guarded against: 'across municipalities' because one interviewer wrote
    'kävlinge' and another 'Kävlinge'."""
    facts = [
        actor("k", "Kävlinge kommun", municipality="Kävlinge"),
        actor("lc", "Lärcentrum Kävlinge", municipality="kävlinge", kind=ActorKind.SCHOOL),
        actor("af", "Arbetsförmedlingen", municipality=""),
        person("anders", "af", "företagsrådgivare"),
        contact("biz", "k", "af", carriers=("anders",)),
        contact("adults", "lc", "af", carriers=("anders",), target_groups=("vuxna",)),
    ]
    history = build_map(facts).map
    [flag] = [f for f in run(SingleCarrier(), history) if "Anders" in f.title.sv]
    assert flag.severity is Severity.MEDIUM
    assert "flera kommuner" not in flag.explanation.sv


def test_one_link_to_a_forbund_serving_two_municipalities_is_not_escalated() -> None:
    """False alarm guarded against: AF's one contact with Finsam Kävlinge–Lomma is no
    carrier 'for several municipalities'; Anders's links to both kommuner are."""
    facts = [
        actor("finsam", "Finsam", municipality="Kävlinge; Lomma", kind=ActorKind.FEDERATION),
        actor("k", "Kävlinge kommun", municipality="Kävlinge"),
        actor("l", "Lomma kommun", municipality="Lomma"),
        actor("af", "Arbetsförmedlingen"),
        person("marie", "af", "verksamhetssamordnare"),
        person("anders", "af", "företagsrådgivare"),
        contact("board", "finsam", "af", level="strategisk", carriers=("marie",)),
        contact("biz-k", "k", "af", carriers=("anders",)),
        contact("biz-l", "l", "af", carriers=("anders",)),
    ]
    flags = run(SingleCarrier(), build_map(facts).map)
    severity = {f.title.sv.split()[0]: f.severity for f in flags}
    assert severity == {"Marie": Severity.MEDIUM, "Anders": Severity.HIGH}
