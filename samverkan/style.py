"""How the map looks, in one place: colours, shapes, line styles and sizes.

The HTML map, the report's picture and the graph formats (GEXF, GraphML) draw the same map,
so a municipality is the same blue and a strategic contact the same solid line in all of
them. Plugins import these from the core, never from one another.
"""

from __future__ import annotations

from typing import Any

from samverkan.i18n import _
from samverkan.model import ActorKind, Level, Severity

# Actor kind -> (fill colour, vis-network shape). Kinds differ by shape (sector) as well as
# by colour, and no kind is red, orange or yellow: those are the flags' colours, and flags
# carry a badge besides.
KIND_STYLE: dict[ActorKind, tuple[str, str]] = {
    ActorKind.MUNICIPALITY: ("#1f5fa8", "dot"),
    ActorKind.ADMINISTRATION: ("#5c9ce6", "hexagon"),
    ActorKind.UNIT: ("#bcd8f6", "dot"),
    ActorKind.AGENCY: ("#37474f", "square"),
    ActorKind.OFFICE: ("#b0bec5", "square"),
    ActorKind.REGION: ("#2e7d32", "triangle"),
    ActorKind.HEALTHCARE: ("#a5d6a7", "triangle"),
    ActorKind.SCHOOL: ("#8d6e63", "triangleDown"),
    ActorKind.PROJECT: ("#ad1457", "star"),
    ActorKind.FEDERATION: ("#6d4c41", "hexagon"),
    ActorKind.CIVIL_SOCIETY: ("#f48fb1", "dot"),
    ActorKind.BUSINESS: ("#757575", "square"),
    ActorKind.FUNCTION: ("#00acc1", "triangleDown"),
    ActorKind.OTHER: ("#e0e0e0", "dot"),
}
FORUM_STYLE = ("#0f8b8d", "diamond")
LEVEL_STYLE: dict[Level, dict[str, Any]] = {
    Level.STRATEGIC: {"color": "#3a2f80", "width": 3.5, "dashes": False},
    Level.OPERATIONAL: {"color": "#2a9d8f", "width": 2, "dashes": [8, 6]},
}
MEMBER_STYLE = {"color": "#9aa5b1", "width": 1, "dashes": [2, 4]}
PARENT_STYLE = {"color": "#c3cad3", "width": 3, "dashes": False}
ENDED_COLOR = "#c8c8c8"
EVENT_COLOR = "#8e24aa"
LOST_COLOR = "#4e342e"  # what a simulated loss takes away ("Simulera bortfall")
SEVERITY_COLOR = {Severity.HIGH: "#c62828", Severity.MEDIUM: "#ef6c00", Severity.LOW: "#f9a825"}
CHANGE_COLOR = {"added": "#2e7d32", "removed": "#c62828", "changed": "#ef6c00"}

ACTOR_SIZE = 14.0  # node size where a format has one (GEXF viz:size, GraphML)
FORUM_SIZE = 16.0
FONT_SIZE = 15  # px, the label font of the HTML map (the layout makes room for it)
LABEL_WIDTH = 140  # px, labels wrap at this width (vis-network widthConstraint)

# Words of the legend that the map and the report's picture both draw.
LEGEND_WORDS = {
    "legend": _("Legend"),
    "forum": _("Forum (meeting arena)"),
    "membership": _("Takes part in forum"),
    "flag": _("Finding"),
}
