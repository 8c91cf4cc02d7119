"""A static SVG picture of the map for the report: same layout and colours as the HTML map.

Built as text with every name escaped; it has no script and loads nothing, so it can sit
inline in the HTML report under a strict Content-Security-Policy, or beside a Markdown file.
"""

from __future__ import annotations

import math

from markupsafe import escape

from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Msg
from samverkan.layout import (
    LABEL_GAP,
    LINE_HEIGHT,
    NODE_RADIUS,
    SPRING_LIMIT,
    Position,
    compute_layout,
    wrap_label,
)
from samverkan.model import ActorKind, Flag, Level
from samverkan.style import FONT_SIZE, FORUM_STYLE, KIND_STYLE, LEVEL_STYLE, MEMBER_STYLE

WIDTH = 1000.0
SPREAD_RADIUS = 1000.0  # any unit: the picture is scaled to WIDTH afterwards
MARGIN = 40.0
SIDE_MARGIN = 150.0  # names are centred under their node and may be long
LABEL_LIMIT = 120  # above this many nodes only flagged and well-connected ones get a label
FLAG_RED = "#c62828"


def _dash(style: dict[str, object]) -> str:
    dashes = style.get("dashes")
    return " ".join(str(d) for d in dashes) if isinstance(dashes, list) else "none"


def render_svg(samverkan_map: SamverkanMap, flags: list[Flag], lang: Lang, title: str) -> str:
    layout = compute_layout(samverkan_map)
    # A small map's layout already keeps labels apart at the map's font size: draw it at that
    # scale (the picture is scaled as a whole). A national map is evened out and fitted.
    small = len(layout) <= SPRING_LIMIT
    positions = layout if small else _spread(layout)
    flagged = {e for f in flags for e in (*f.actors, *f.forums)}
    flagged_contacts = {c for f in flags for c in f.contacts}
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    scale = 1.0 if small else (WIDTH - 2 * SIDE_MARGIN) / span
    width = max(WIDTH, (max(xs) - min(xs)) * scale + 2 * SIDE_MARGIN)
    zoom = width / WIDTH  # the legend keeps its size relative to the picture
    # Room under the lowest node for its label (up to five wrapped lines), then the legend.
    labels = NODE_RADIUS + LABEL_GAP + 5 * LINE_HEIGHT if small else 30
    height = (max(ys) - min(ys)) * scale + MARGIN + labels + 80 * zoom

    left, top = min(xs), min(ys)  # once: `at` runs for every node and both ends of every line

    def at(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return round((x - left) * scale + SIDE_MARGIN, 1), round((y - top) * scale + MARGIN, 1)

    labelled = _labelled(samverkan_map, flagged)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" role="img" aria-labelledby="map-title" font-family="sans-serif">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for forum in samverkan_map.forums():
        for member in forum.members:
            (x1, y1), (x2, y2) = at(forum.id), at(member)
            parts.append(_line(x1, y1, x2, y2, MEMBER_STYLE, str(MEMBER_STYLE["color"])))
    for contact in samverkan_map.contacts():
        style = LEVEL_STYLE[contact.level]
        colour = FLAG_RED if contact.id in flagged_contacts else str(style["color"])
        (x1, y1), (x2, y2) = at(contact.actor_a), at(contact.actor_b)
        parts.append(_line(x1, y1, x2, y2, style, colour))
    for actor in samverkan_map.actors():
        x, y = at(actor.id)
        stroke = FLAG_RED if actor.id in flagged else "#333333"
        width = 3 if actor.id in flagged else 1
        parts.append(
            f'<circle class="actor" cx="{x}" cy="{y}" r="8" fill="{KIND_STYLE[actor.kind][0]}" '
            f'stroke="{stroke}" stroke-width="{width}"><title>{escape(actor.name)}</title></circle>'
        )
    for forum in samverkan_map.forums():
        x, y = at(forum.id)
        stroke = FLAG_RED if forum.id in flagged else "#333333"
        points = f"{x},{y - 10} {x + 10},{y} {x},{y + 10} {x - 10},{y}"
        parts.append(
            f'<polygon class="forum" points="{points}" fill="{FORUM_STYLE[0]}" stroke="{stroke}" '
            f'stroke-width="{3 if forum.id in flagged else 1}"><title>{escape(forum.name)}</title></polygon>'
        )
    for node in labelled:
        parts.append(_label(*at(node), samverkan_map.name(node), FONT_SIZE if small else 12))
    parts.extend(_legend(samverkan_map, lang, height - 70 * zoom, zoom))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _label(x: float, y: float, name: str, size: float) -> str:
    """A name under its node, wrapped into lines the way the HTML map wraps it."""
    lines = wrap_label(name) if size == FONT_SIZE else [name]
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x}" y="{y + NODE_RADIUS + LABEL_GAP + size:.1f}" font-size="{size}" '
        f'text-anchor="middle" fill="#1a1a1a" stroke="#ffffff" stroke-width="3" '
        f'paint-order="stroke">{spans}</text>'
    )


def _spread(positions: dict[str, Position]) -> dict[str, Position]:
    """Even out density: a few far-off islands would squeeze the busy centre into a dot.

    Each node keeps its direction from the median centre; its distance becomes its rank among
    all distances, on a square-root scale (even density on a disc). Order is kept, so
    neighbours stay neighbours.
    """
    if len(positions) < 3:
        return positions
    xs = sorted(p[0] for p in positions.values())
    ys = sorted(p[1] for p in positions.values())
    cx, cy = xs[len(xs) // 2], ys[len(ys) // 2]
    ranked = sorted(positions, key=lambda n: (math.dist(positions[n], (cx, cy)), n))
    spread: dict[str, Position] = {}
    for rank, node in enumerate(ranked):
        x, y = positions[node]
        angle = math.atan2(y - cy, x - cx)
        radius = math.sqrt((rank + 0.5) / len(ranked)) * SPREAD_RADIUS
        spread[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return spread


def _line(x1: float, y1: float, x2: float, y2: float, style: dict[str, object], colour: str) -> str:
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
        f'stroke-width="{style["width"]}" stroke-dasharray="{_dash(style)}"/>'
    )


def _labelled(samverkan_map: SamverkanMap, flagged: set[str]) -> list[str]:
    nodes = list(samverkan_map.graph.nodes)
    if len(nodes) <= LABEL_LIMIT:
        return nodes
    degree = dict(samverkan_map.graph.degree())
    busiest = sorted(nodes, key=lambda n: (-degree.get(n, 0), n))[: LABEL_LIMIT // 3]
    return list(dict.fromkeys([*(n for n in nodes if n in flagged), *busiest]))


def _legend(samverkan_map: SamverkanMap, lang: Lang, top: float, zoom: float) -> list[str]:
    kinds = [k for k in ActorKind if any(a.kind is k for a in samverkan_map.actors())]
    entries = [(k.label(lang), f'<circle r="6" fill="{KIND_STYLE[k][0]}"/>') for k in kinds]
    entries.append(
        (
            Msg("forum", "forum").text(lang),
            f'<polygon points="0,-7 7,0 0,7 -7,0" fill="{FORUM_STYLE[0]}"/>',
        )
    )
    for level in Level:
        style = LEVEL_STYLE[level]
        entries.append((level.label(lang), _line(-12, 0, 12, 0, style, str(style["color"]))))
    parts = [f'<g transform="translate(0,{top:.1f}) scale({zoom:.3f})">']
    for index, (label, mark) in enumerate(entries):
        row, column = divmod(index, 6)
        x, y = MARGIN + column * 150, row * 24
        parts.append(
            f'<g transform="translate({x},{y})">{mark}'
            f'<text x="18" y="4" font-size="12" fill="#333333">{escape(label)}</text></g>'
        )
    parts.append("</g>")
    return parts
