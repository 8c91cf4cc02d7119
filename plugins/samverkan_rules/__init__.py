"""Built-in plugin: the weak-link rules (docs/rules.md describes each one).

Every rule is an ordinary `samverkan.contract.Rule`, registered through the same hook a
third-party rule would use; thresholds come from ``[regler.<id>]`` in samverkan.toml.
"""

from __future__ import annotations

from samverkan import hookimpl
from samverkan.contract import Rule
from samverkan_rules.base import BaseRule
from samverkan_rules.carriers import SingleCarrier
from samverkan_rules.forums import InfrequentOrDormantForum, UncoveredTargetGroup
from samverkan_rules.levels import OperationalWithoutStrategic, StatedGap, UnmetWish
from samverkan_rules.presence import LostLocalPresence, OrganisationalChange
from samverkan_rules.quality import OneSidedContact, PerceptionMismatch, WeakOrDegradedContact
from samverkan_rules.roles import SingleCarrierByRole
from samverkan_rules.structure import Bridge, CutPoint, IsolatedActor
from samverkan_rules.timelimited import ImplementationGap, SingleFunder, TimeLimitedPresence

RULES: tuple[type[BaseRule], ...] = (
    LostLocalPresence,
    SingleCarrier,
    CutPoint,
    Bridge,
    OperationalWithoutStrategic,
    UnmetWish,
    StatedGap,
    WeakOrDegradedContact,
    InfrequentOrDormantForum,
    UncoveredTargetGroup,
    PerceptionMismatch,
    OneSidedContact,
    IsolatedActor,
    OrganisationalChange,
    TimeLimitedPresence,
    ImplementationGap,
    SingleFunder,
    SingleCarrierByRole,
)


@hookimpl
def samverkan_rules() -> list[Rule]:
    return [rule() for rule in RULES]
