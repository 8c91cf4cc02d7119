"""A static SVG picture of the map for the report: the HTML map's layout, shapes and legend.

Built as text with every name escaped; it has no script and loads nothing, so it can sit
inline in the HTML report under a strict Content-Security-Policy, or beside a Markdown file.
Positions come from the same layout as the HTML map (computed on the whole history, so a
node sits where the reader saw it in the map); kinds have the map's shapes and colours, and
flags the map's badges ("!!!" high, "!!" medium, "!" low), not a colour alone.
"""

from __future__ import annotations

import math

from markupsafe import escape

from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang
from samverkan.layout import (
    CHAR_WIDTH,
    LINE_HEIGHT,
    SPRING_LIMIT,
    Position,
    compute_layout,
    wrap_label,
)
from samverkan.model import ActorKind, Flag, Level, Severity
from samverkan.style import (
    FONT_SIZE,
    FORUM_STYLE,
    KIND_STYLE,
    LEGEND_WORDS,
    LEVEL_STYLE,
    MEMBER_STYLE,
    SEVERITY_COLOR,
)

WIDTH = 1000.0  # the picture's width in the report, in CSS pixels
SPREAD_RADIUS = 1000.0  # any unit: a national map is evened out, then scaled to WIDTH
MARGIN = 40.0
SIDE_MARGIN = 150.0  # names are centred under their node and may be long
LABEL_PX = 12.0  # on the page: names smaller than this are not drawn (they could not be read)
NODE_PX = 7.0  # radius of a node on the page
MAX_HEIGHT = 900.0
LABEL_CANDIDATES = 400  # the most important nodes whose names are tried (a national map)
GRID = 40.0  # px, cells of the index that finds the nodes near a label
LEGEND_ROW = 24.0
LEGEND_COLUMN = 190.0


def _dash(style: dict[str, object]) -> str:
    dashes = style.get("dashes")
    return " ".join(str(d) for d in dashes) if isinstance(dashes, list) else "none"


def render_svg(
    samverkan_map: SamverkanMap,
    flags: list[Flag],
    lang: Lang,
    title: str,
    history: SamverkanMap | None = None,
) -> str:
    """`samverkan_map` as of the report's day, laid out as the HTML map lays out `history`."""
    layout = compute_layout(history or samverkan_map)
    layout = {n: p for n, p in layout.items() if n in samverkan_map.graph}
    positions = layout if len(layout) <= SPRING_LIMIT else _spread(layout)
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    # Map units per page pixel: the whole map fits the picture's width and a page's height.
    unit = max(span_x / (WIDTH - 2 * SIDE_MARGIN), span_y / MAX_HEIGHT, 1.0)
    left, top = min(xs), min(ys)

    def at(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return round((x - left) / unit + SIDE_MARGIN, 1), round((y - top) / unit + MARGIN, 1)

    worst = _worst(flags)
    legend = _legend(samverkan_map, lang)
    # below the lowest node, room for its name: a name is never drawn into the legend
    map_height = max(
        [span_y / unit + MARGIN + 80]
        + [at(n)[1] + _label_height(samverkan_map.name(n)) + 10 for n in positions]
    )
    height = map_height + 30 + math.ceil(len(legend) / 5) * LEGEND_ROW
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
        f'width="100%" role="img" aria-labelledby="map-title" font-family="sans-serif">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<rect width="{WIDTH:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for forum in samverkan_map.forums():
        for member in forum.members:
            parts.append(_line(*at(forum.id), *at(member), MEMBER_STYLE, 0.0))
    for contact in samverkan_map.contacts():
        extra = 1.5 if contact.id in worst else 0.0  # as the map: wider, in its level's colour
        parts.append(
            _line(*at(contact.actor_a), *at(contact.actor_b), LEVEL_STYLE[contact.level], extra)
        )
    for actor in samverkan_map.actors():
        colour, shape = KIND_STYLE[actor.kind]
        parts.append(_node("actor", actor.name, *at(actor.id), shape, colour, worst.get(actor.id)))
    for forum in samverkan_map.forums():
        colour, shape = FORUM_STYLE
        parts.append(_node("forum", forum.name, *at(forum.id), shape, colour, worst.get(forum.id)))
    area = (0.0, 0.0, WIDTH, map_height)  # the legend is below it
    parts.extend(_labels(samverkan_map, {n: at(n) for n in positions}, worst, area))
    parts.append(f'<g transform="translate(0,{map_height + 10:.1f})">')
    parts.append(
        f'<text x="{MARGIN}" y="0" font-size="13" font-weight="bold" fill="#1a1a1a">'
        f"{escape(LEGEND_WORDS['legend'].text(lang))}</text>"
    )
    for index, (label, mark) in enumerate(legend):
        row, column = divmod(index, 5)
        x, y = MARGIN + 12 + column * LEGEND_COLUMN, 22 + row * LEGEND_ROW
        parts.append(
            f'<g transform="translate({x},{y})">{mark}'
            f'<text x="20" y="4" font-size="12" fill="#1a1a1a">{escape(label)}</text></g>'
        )
    parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _worst(flags: list[Flag]) -> dict[str, Severity]:
    """Element -> its most severe flag, as the map marks it."""
    worst: dict[str, Severity] = {}
    for flag in flags:
        for element in (*flag.actors, *flag.forums, *flag.contacts):
            worst[element] = max(worst.get(element, flag.severity), flag.severity)
    return worst


def _shape(shape: str, x: float, y: float, r: float) -> tuple[str, str]:
    """An SVG element and its geometry for one of vis-network's node shapes."""

    def polygon(points: list[tuple[float, float]]) -> tuple[str, str]:
        return "polygon", 'points="' + " ".join(
            f"{x + px * r:.1f},{y + py * r:.1f}" for px, py in points
        ) + '"'

    if shape == "square":
        return "rect", f'x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}"'
    if shape == "diamond":
        return polygon([(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)])
    if shape == "triangle":
        return polygon([(0, -1.2), (1.1, 0.8), (-1.1, 0.8)])
    if shape == "triangleDown":
        return polygon([(0, 1.2), (1.1, -0.8), (-1.1, -0.8)])
    if shape == "hexagon":
        return polygon([(math.cos(i * math.pi / 3), math.sin(i * math.pi / 3)) for i in range(6)])
    if shape == "star":
        return polygon(
            [
                (
                    (0.5 if i % 2 else 1.3) * math.cos(-math.pi / 2 + i * math.pi / 5),
                    (0.5 if i % 2 else 1.3) * math.sin(-math.pi / 2 + i * math.pi / 5),
                )
                for i in range(10)
            ]
        )
    return "circle", f'cx="{x}" cy="{y}" r="{r}"'


def _node(
    kind: str, name: str, x: float, y: float, shape: str, colour: str, severity: Severity | None
) -> str:
    tag, geometry = _shape(shape, x, y, NODE_PX)
    stroke = SEVERITY_COLOR[severity] if severity else "#2b2b2b"
    width = 2 if severity else 1
    node = (
        f'<{tag} class="{kind}" {geometry} fill="{colour}" stroke="{stroke}" '
        f'stroke-width="{width}"><title>{escape(name)}</title></{tag}>'
    )
    return node + (_badge(severity, x + 9, y - 9) if severity else "")


def _badge(severity: Severity, x: float, y: float) -> str:
    """The map's badge: exclamation marks by severity, so it never rests on colour alone."""
    text = "!" * int(severity)
    width = max(12.0, 5.0 + 4.5 * len(text))
    ink = "#1a1a1a" if severity is Severity.LOW else "#ffffff"
    return (
        f'<g class="badge"><rect x="{x - width / 2:.1f}" y="{y - 6:.1f}" width="{width:.1f}" '
        f'height="12" rx="6" fill="{SEVERITY_COLOR[severity]}" stroke="#ffffff" stroke-width="1.2"/>'
        f'<text x="{x:.1f}" y="{y + 3.5:.1f}" font-size="10" font-weight="bold" '
        f'text-anchor="middle" fill="{ink}">{text}</text></g>'
    )


def _labels(
    samverkan_map: SamverkanMap,
    at: dict[str, tuple[float, float]],
    worst: dict[str, Severity],
    area: Box,
) -> list[str]:
    """Names at a readable size, the most important first; one that would cover another name
    or a node, or not fit in `area` (it would be cut at the edge or run into the legend), is
    left out (the map has every name), except that a name with a high flag may cross a node.
    Important: flagged, then by number of links."""
    degree = dict(samverkan_map.graph.degree())
    order = sorted(at, key=lambda n: (-int(worst.get(n, 0)), -degree.get(n, 0), n))
    nodes: dict[tuple[int, int], list[Box]] = {}  # by cell of the grid
    names: dict[tuple[int, int], list[Box]] = {}

    def cells(box: Box) -> list[tuple[int, int]]:
        return [
            (i, j)
            for i in range(int(box[0] // GRID), int(box[2] // GRID) + 1)
            for j in range(int(box[1] // GRID), int(box[3] // GRID) + 1)
        ]

    def occupy(grid: dict[tuple[int, int], list[Box]], box: Box) -> None:
        for cell in cells(box):
            grid.setdefault(cell, []).append(box)

    def free(grid: dict[tuple[int, int], list[Box]], box: Box) -> bool:
        return not any(_overlap(box, other) for cell in cells(box) for other in grid.get(cell, []))

    for x, y in at.values():
        occupy(nodes, (x - NODE_PX, y - NODE_PX, x + NODE_PX, y + NODE_PX))
    scale = LABEL_PX / FONT_SIZE
    parts = []
    for node in order[:LABEL_CANDIDATES]:
        lines = wrap_label(samverkan_map.name(node))
        x, y = at[node]
        half = max(len(line) for line in lines) * CHAR_WIDTH * scale / 2
        top = y + NODE_PX + 3
        box = (x - half, top, x + half, y + _label_height(samverkan_map.name(node)))
        high = worst.get(node) is Severity.HIGH
        if not _inside(box, area) or not free(names, box) or not (high or free(nodes, box)):
            continue
        occupy(names, box)
        spans = "".join(
            f'<tspan x="{x}" dy="{0 if i == 0 else LINE_HEIGHT * scale:.1f}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{x}" y="{top + LABEL_PX:.1f}" font-size="{LABEL_PX:g}" text-anchor="middle" '
            f'fill="#1a1a1a" stroke="#ffffff" stroke-width="3" paint-order="stroke">{spans}</text>'
        )
    return parts


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _label_height(name: str) -> float:
    """How far below its node's centre a name drawn under the node reaches."""
    return NODE_PX + 3 + len(wrap_label(name)) * LINE_HEIGHT * LABEL_PX / FONT_SIZE


def _inside(box: Box, area: Box) -> bool:
    return area[0] <= box[0] and area[1] <= box[1] and box[2] <= area[2] and box[3] <= area[3]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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


def _line(
    x1: float, y1: float, x2: float, y2: float, style: dict[str, object], extra: float
) -> str:
    width = float(str(style["width"])) + extra
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{style["color"]}" '
        f'stroke-width="{width:g}" stroke-dasharray="{_dash(style)}"/>'
    )


def _legend(samverkan_map: SamverkanMap, lang: Lang) -> list[tuple[str, str]]:
    """The HTML map's legend entries (payload.UI), for what this picture shows."""
    kinds = [k for k in ActorKind if any(a.kind is k for a in samverkan_map.actors())]
    entries = []
    for kind in kinds:
        colour, shape = KIND_STYLE[kind]
        tag, geometry = _shape(shape, 0, 0, 6)
        entries.append((kind.label(lang), f'<{tag} {geometry} fill="{colour}" stroke="#2b2b2b"/>'))
    tag, geometry = _shape(FORUM_STYLE[1], 0, 0, 6)
    entries.append(
        (
            LEGEND_WORDS["forum"].text(lang),
            f'<{tag} {geometry} fill="{FORUM_STYLE[0]}" stroke="#2b2b2b"/>',
        )
    )
    for level in Level:
        entries.append((level.label(lang), _line(-12, 0, 12, 0, LEVEL_STYLE[level], 0.0)))
    entries.append((LEGEND_WORDS["membership"].text(lang), _line(-12, 0, 12, 0, MEMBER_STYLE, 0.0)))
    for severity in sorted(Severity, reverse=True):
        entries.append(
            (
                f"{severity.label(lang)} ({LEGEND_WORDS['flag'].text(lang).lower()})",
                _badge(severity, 0, 0),
            )
        )
    return entries
