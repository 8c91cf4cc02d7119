"""Built-in plugin: the weak-link rules (docs/rules.md describes each one).

Every rule is an ordinary `samverkan.contract.Rule`, registered through the same hook a
third-party rule would use; thresholds come from ``[regler.<id>]`` in samverkan.toml.
"""

from __future__ import annotations

from samverkan import hookimpl
from samverkan.contract import Rule
from samverkanskartan.rules.base import BaseRule
from samverkanskartan.rules.carriers import SingleCarrier
from samverkanskartan.rules.forums import InfrequentOrDormantForum, UncoveredTargetGroup
from samverkanskartan.rules.levels import OperationalWithoutStrategic, StatedGap, UnmetWish
from samverkanskartan.rules.presence import LostLocalPresence, OrganisationalChange
from samverkanskartan.rules.quality import (
    OneSidedContact,
    PerceptionMismatch,
    WeakOrDegradedContact,
)
from samverkanskartan.rules.roles import SingleCarrierByRole
from samverkanskartan.rules.structure import Bridge, CutPoint, IsolatedActor
from samverkanskartan.rules.timelimited import ImplementationGap, SingleFunder, TimeLimitedPresence

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
