"""How the map looks, in one place: colours, shapes, line styles and sizes.

The HTML map, the report's picture and the graph formats (GEXF, GraphML) draw the same map,
so a municipality is the same blue and a strategic contact the same solid line in all of
them. Plugins import these from the core, never from one another.
"""

from __future__ import annotations

from typing import Any

from samverkan.model import ActorKind, Level, Severity

# Actor kind -> (fill colour, vis-network shape).
KIND_STYLE: dict[ActorKind, tuple[str, str]] = {
    ActorKind.MUNICIPALITY: ("#1f5fa8", "dot"),
    ActorKind.ADMINISTRATION: ("#5b8fd1", "dot"),
    ActorKind.UNIT: ("#a9c8ee", "dot"),
    ActorKind.AGENCY: ("#b8322a", "square"),
    ActorKind.OFFICE: ("#eb8f87", "square"),
    ActorKind.REGION: ("#2e7d32", "triangle"),
    ActorKind.HEALTHCARE: ("#8bd08e", "triangle"),
    ActorKind.SCHOOL: ("#ef8f00", "dot"),
    ActorKind.PROJECT: ("#7b4fa8", "star"),
    ActorKind.FEDERATION: ("#6d4c41", "hexagon"),
    ActorKind.CIVIL_SOCIETY: ("#d45e9e", "dot"),
    ActorKind.BUSINESS: ("#757575", "square"),
    ActorKind.FUNCTION: ("#c4b800", "triangleDown"),
    ActorKind.OTHER: ("#b0b0b0", "dot"),
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
SEVERITY_COLOR = {Severity.HIGH: "#c62828", Severity.MEDIUM: "#ef6c00", Severity.LOW: "#f9a825"}
CHANGE_COLOR = {"added": "#2e7d32", "removed": "#c62828", "changed": "#ef6c00"}

ACTOR_SIZE = 14.0  # node size where a format has one (GEXF viz:size, GraphML)
FORUM_SIZE = 16.0
FONT_SIZE = 15  # px, the label font of the HTML map (the layout makes room for it)
LABEL_WIDTH = 140  # px, labels wrap at this width (vis-network widthConstraint)
