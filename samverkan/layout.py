"""A precomputed layout, so that a map opens drawn instead of settling for minutes.

Small maps get a force-directed layout (networkx spring_layout, dense numpy: fine below
~400 nodes), then every label box is pushed clear of every other, so that no two names
overlap. Large maps are laid out by structure in linear time: each organisation is a
cluster, clusters are placed by their mutual contacts, units sit on a sunflower spiral
around their cluster's centre and forums at the centre of their members.

The label metrics below are shared with the HTML map, which draws labels with this font
size and wraps them at this width; the estimates are deliberately generous.
"""

from __future__ import annotations

import math
import statistics
import zlib
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:  # numpy is imported where used: at import it costs every command 0.1 s
    import numpy as np

from samverkan.graph import SamverkanMap
from samverkan.style import FONT_SIZE, LABEL_WIDTH

Position = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom, relative to the node centre

SPRING_LIMIT = 400  # above this spring_layout gets slow (quadratic per iteration)
SPACING = 170.0  # pixels between neighbouring nodes in the large-map layout
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

CHAR_WIDTH = 0.62 * FONT_SIZE  # generous: wider than the average glyph of common UI fonts
LINE_HEIGHT = 1.3 * FONT_SIZE
NODE_RADIUS = 16  # the largest node drawn
LABEL_GAP = 6  # between a node and the label under it
MARGIN = 6  # free space kept around every label box
EDGE_LENGTH = 110.0  # typical distance between connected nodes before labels are separated


def wrap_label(text: str) -> list[str]:
    """The lines a label wraps to at LABEL_WIDTH, estimated generously (as the map wraps it)."""
    lines: list[str] = []
    width = 0.0
    for word in text.split():
        word_width = len(word) * CHAR_WIDTH
        if lines and width + CHAR_WIDTH + word_width <= LABEL_WIDTH:
            lines[-1] += " " + word
            width += CHAR_WIDTH + word_width
        else:
            lines.append(word)
            width = word_width
    return lines or [""]


def label_box(text: str) -> Box:
    """The area a node and the label under it cover, relative to the node's centre."""
    longest = max((len(w) for w in text.split()), default=0) * CHAR_WIDTH
    half = max(NODE_RADIUS, min(len(text) * CHAR_WIDTH, max(LABEL_WIDTH, longest)) / 2)
    bottom = NODE_RADIUS + LABEL_GAP + len(wrap_label(text)) * LINE_HEIGHT
    return (-half, -NODE_RADIUS, half, bottom)


def compute_layout(samverkan_map: SamverkanMap, seed: int = 7) -> dict[str, Position]:
    given = given_positions(samverkan_map)
    if given is not None:
        return given
    graph = _layout_graph(samverkan_map)
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() <= SPRING_LIMIT:
        boxes = {node: label_box(samverkan_map.name(node)) for node in graph.nodes}
        return _small(graph, boxes, seed)
    return _clustered(samverkan_map, seed)


def given_positions(samverkan_map: SamverkanMap) -> dict[str, Position] | None:
    """The positions the input carried (attributes x and y, as a Kumu project's map has
    them) when every actor and forum has one; a drawn map is kept as it was drawn."""
    positions: dict[str, Position] = {}
    for fact in (*samverkan_map.actors(), *samverkan_map.forums()):
        try:
            x, y = float(fact.attributes["x"]), float(fact.attributes["y"])
        except (KeyError, ValueError):
            return None
        if not (math.isfinite(x) and math.isfinite(y)):
            return None
        positions[fact.id] = (x, y)
    return positions or None


def _small(graph: nx.Graph, boxes: Mapping[str, Box], seed: int) -> dict[str, Position]:
    """Each connected part laid out on its own, then the parts packed in rows.

    spring_layout on the whole map throws actors without contacts to the far edges, and
    the opening zoom, which fits everything, then makes every label unreadably small.
    """
    parts = sorted(nx.connected_components(graph), key=lambda part: (-len(part), min(part)))
    laid_out = []
    for part in parts:
        sub = _ordered_subgraph(graph, part)
        part_boxes = {node: boxes[node] for node in part}
        laid_out.append(separate(_spread(_spring(sub, seed), part_boxes), part_boxes))
    return separate(_pack(laid_out, boxes), boxes)


def _ordered_subgraph(graph: nx.Graph, part: set[str]) -> nx.Graph:
    """`part` as a graph of its own with nodes in sorted order: networkx's subgraph view
    iterates the set it is given, whose order follows the hash seed, and spring_layout's
    result follows node order."""
    sub = nx.Graph()
    sub.add_nodes_from(sorted(part))
    sub.add_edges_from(
        sorted((min(a, b), max(a, b), data) for a, b, data in graph.edges(part, data=True))
    )
    return sub


def _spread(positions: dict[str, Position], boxes: Mapping[str, Box]) -> dict[str, Position]:
    """Scale a dense part up until its labels have room: a bounding box about twice
    the area of its label boxes, a little wider than tall like a screen. Separation then
    has only local work left, and does not stretch the drawing into a column."""
    if len(positions) < 2:
        return positions
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    area = (max(xs) - min(xs) + 1) * (max(ys) - min(ys) + 1)
    needed = 2.0 * sum(
        (b[2] - b[0] + 2 * MARGIN) * (b[3] - b[1] + 2 * MARGIN) for b in boxes.values()
    )
    factor = max(1.0, math.sqrt(needed / area))
    return {node: (x * factor * 1.2, y * factor) for node, (x, y) in positions.items()}


SCREEN_ASPECT = 1.4  # width / height of the map's canvas beside the side panel

Extent = tuple[float, float, float, float]  # left, top, width, height of a laid-out part


def _pack(parts: list[dict[str, Position]], boxes: Mapping[str, Box]) -> dict[str, Position]:
    """Place the parts so that the whole fits a screen-shaped box as large as possible.

    The opening zoom fits everything, so the packing that needs the least zoom-out keeps
    labels readable. Two shelf packings are tried at several widths: all parts in rows, and
    the largest part on its own with the rest in rows beside it (a tall main part otherwise
    leaves the screen's sides empty).
    """
    extents = [_extent(part, boxes) for part in parts]
    candidates = [_shelves(extents, width, 0.0) for width in _widths(extents)]
    if len(extents) > 1:
        first_width, first_height = extents[0][2], extents[0][3]
        start = first_width + PACK_GAP
        for width in _widths(extents[1:]):
            beside = _shelves(extents[1:], width, start)
            beside.origins.insert(0, (0.0, 0.0))
            beside.height = max(beside.height, first_height)
            beside.width = max(beside.width, first_width)
            candidates.append(beside)
    best = min(candidates, key=lambda c: max(c.width, c.height * SCREEN_ASPECT))
    placed: dict[str, Position] = {}
    for part, (left, top, _, _), (x, y) in zip(parts, extents, best.origins, strict=True):
        for node, (px, py) in part.items():
            placed[node] = (px - left + x, py - top + y)
    return placed


PACK_GAP = 2 * MARGIN + 20


class _Shelves:
    def __init__(self) -> None:
        self.origins: list[Position] = []
        self.width = 0.0
        self.height = 0.0


def _extent(part: dict[str, Position], boxes: Mapping[str, Box]) -> Extent:
    left = min(x + boxes[n][0] for n, (x, _) in part.items())
    top = min(y + boxes[n][1] for n, (_, y) in part.items())
    right = max(x + boxes[n][2] for n, (x, _) in part.items())
    bottom = max(y + boxes[n][3] for n, (_, y) in part.items())
    return left, top, right - left, bottom - top


def _widths(extents: list[Extent]) -> list[float]:
    """Row widths worth trying: from the widest part to everything in one row."""
    widest = max(w for _, _, w, _ in extents)
    total = sum(w + PACK_GAP for _, _, w, _ in extents)
    steps = 12
    return [widest + (total - widest) * k / steps for k in range(steps + 1)]


def _shelves(extents: list[Extent], row_width: float, x0: float) -> _Shelves:
    """Parts left to right from x0, a new row when the next would pass row_width."""
    result = _Shelves()
    x = y = row_height = 0.0
    for _, _, width, height in extents:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + PACK_GAP, 0.0
        result.origins.append((x0 + x, y))
        result.width = max(result.width, x0 + x + width)
        x += width + PACK_GAP
        row_height = max(row_height, height)
    result.height = y + row_height
    return result


def _layout_graph(samverkan_map: SamverkanMap) -> nx.Graph:
    """Contacts and memberships pull; a unit is pulled hard towards its parent organisation."""
    graph = nx.Graph()
    graph.add_nodes_from(samverkan_map.graph.nodes)
    for a, b in samverkan_map.graph.edges():
        if a != b:
            graph.add_edge(a, b, weight=graph.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    for actor in samverkan_map.actors():
        if actor.parent and actor.parent != actor.id:
            graph.add_edge(actor.id, actor.parent, weight=3)
    return graph


def _spring(graph: nx.Graph, seed: int) -> dict[str, Position]:
    count = graph.number_of_nodes()
    if count == 1:
        return {node: (0.0, 0.0) for node in graph.nodes}
    positions = nx.spring_layout(
        graph, seed=seed, k=2.2 / math.sqrt(count), iterations=120, weight="weight"
    )
    # Scale so that a typical contact is EDGE_LENGTH long; separation then adds room.
    lengths = [math.dist(positions[a], positions[b]) for a, b in graph.edges() if a != b] or [
        2 / math.sqrt(count)
    ]
    scale = EDGE_LENGTH / max(statistics.median(lengths), 1e-6)
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in positions.items()}


def separate(
    positions: Mapping[str, Position], boxes: Mapping[str, Box], rounds: int = 400
) -> dict[str, Position]:
    """Move nodes apart until no two boxes (with MARGIN around each) overlap.

    Each round, every overlapping pair is pushed apart along the axis where they overlap
    least, half each: small moves that keep the drawing's shape. O(n²) per round, so only
    for small maps.
    """
    import numpy as np

    ids = list(positions)
    if len(ids) < 2:
        return dict(positions)
    xy = np.array([positions[i] for i in ids], dtype=float)
    box = np.array([boxes[i] for i in ids], dtype=float) + np.array(
        [-MARGIN, -MARGIN, MARGIN, MARGIN]
    )
    jitter = np.random.default_rng(len(ids)).uniform(-0.5, 0.5, xy.shape)
    for _ in range(rounds):
        left, top = xy[:, 0] + box[:, 0], xy[:, 1] + box[:, 1]
        right, bottom = xy[:, 0] + box[:, 2], xy[:, 1] + box[:, 3]
        dx = np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None], left[None, :])
        dy = np.minimum(bottom[:, None], bottom[None, :]) - np.maximum(top[:, None], top[None, :])
        np.fill_diagonal(dx, 0)
        overlapping = (dx > 0) & (dy > 0)
        if not overlapping.any():
            break
        centre_x = (left + right) / 2
        centre_y = (top + bottom) / 2
        sign_x = _direction(centre_x, jitter[:, 0])
        sign_y = _direction(centre_y, jitter[:, 1])
        # Compare overlaps relative to the boxes' size, or wide labels would always be
        # pushed up and down and the map would grow into a column.
        width = box[:, 2] - box[:, 0]
        height = box[:, 3] - box[:, 1]
        relative_x = dx / (width[:, None] + width[None, :])
        relative_y = dy / (height[:, None] + height[None, :])
        along_x = overlapping & (relative_x <= relative_y)
        along_y = overlapping & (relative_x > relative_y)
        # +1 px so that a pair never ends exactly touching and oscillating.
        push_x = np.where(along_x, (dx + 1) / 2 * sign_x, 0).sum(axis=1)
        push_y = np.where(along_y, (dy + 1) / 2 * sign_y, 0).sum(axis=1)
        crowd = np.maximum(overlapping.sum(axis=1), 1)
        # Dividing by the crowd keeps a node in a dense spot from being thrown far away.
        xy[:, 0] += push_x / np.sqrt(crowd)
        xy[:, 1] += push_y / np.sqrt(crowd)
    return {node: (float(x), float(y)) for node, (x, y) in zip(ids, xy, strict=True)}


def _direction(centres: np.ndarray, tiebreak: np.ndarray) -> np.ndarray:
    """+1 where row i lies after column j; nodes on the same spot are told apart at random."""
    import numpy as np

    difference = centres[:, None] - centres[None, :]
    difference = np.where(difference == 0, tiebreak[:, None] - tiebreak[None, :], difference)
    signs: np.ndarray = np.sign(difference)
    return signs


def organisations(samverkan_map: SamverkanMap) -> dict[str, str]:
    """Every actor's organisation (the top of its parent chain), in linear time."""
    parent = {a.id: a.parent for a in samverkan_map.actors()}
    root: dict[str, str] = {}
    for start in parent:
        chain: list[str] = []
        current = start
        while current not in root:
            chain.append(current)
            above = parent.get(current)
            if above is None or above not in parent or above in chain:
                root[current] = current
                break
            current = above
        top = root[current]
        for node in chain:
            root[node] = top
    return root


def _clustered(samverkan_map: SamverkanMap, seed: int) -> dict[str, Position]:
    """Linear time: a cluster per place (else per organisation), a sunflower spiral each.

    On a national map the place is what a reader looks for: AF's office in Kävlinge sits
    with Kävlinge kommun, not among 300 other AF offices. Within a cluster the actors of one
    organisation follow each other, the organisation itself first.
    """
    root_of = organisations(samverkan_map)
    actors = samverkan_map.actors()
    cluster_of = {a.id: a.municipality or "\0" + root_of[a.id] for a in actors}  # one spelling
    clusters: dict[str, list[str]] = defaultdict(list)
    for actor in actors:
        clusters[cluster_of[actor.id]].append(actor.id)
    centres = _cluster_centres(samverkan_map, clusters, cluster_of, seed)
    positions: dict[str, Position] = {}
    for name, members in clusters.items():
        cx, cy = centres[name]
        ordered = sorted(members, key=lambda m: (root_of[m], m != root_of[m], m))
        for index, actor_id in enumerate(ordered):
            radius = SPACING * 0.6 * math.sqrt(index)
            angle = index * GOLDEN_ANGLE
            positions[actor_id] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    for forum in samverkan_map.forums():
        points = [positions[m] for m in forum.members if m in positions] or [(0.0, 0.0)]
        x = sum(p[0] for p in points) / len(points)
        y = sum(p[1] for p in points) / len(points)
        jitter = (zlib.crc32(forum.id.encode()) % 1000) / 1000 * SPACING / 2  # stable per run
        positions[forum.id] = (x + jitter, y - jitter)
    return positions


def _cluster_centres(
    samverkan_map: SamverkanMap,
    clusters: dict[str, list[str]],
    cluster_of: dict[str, str],
    seed: int,
) -> dict[str, Position]:
    """Clusters placed by their contacts when few enough, else on a spiral by size."""
    radii = {root: SPACING * 0.6 * math.sqrt(len(m)) + SPACING / 2 for root, m in clusters.items()}
    ordered = sorted(clusters, key=lambda root: (-len(clusters[root]), root))
    if len(ordered) > SPRING_LIMIT:
        return _spiral(ordered, radii)
    between = nx.Graph()
    between.add_nodes_from(ordered)
    for contact in samverkan_map.contacts():
        a, b = cluster_of[contact.actor_a], cluster_of[contact.actor_b]
        if a != b:
            weight = between.get_edge_data(a, b, {"weight": 0})["weight"] + 1
            between.add_edge(a, b, weight=weight)
    unit = nx.spring_layout(between, seed=seed, weight="weight")
    spread = math.sqrt(sum(r * r for r in radii.values()))
    start = {root: (float(x) * spread, float(y) * spread) for root, (x, y) in unit.items()}
    boxes = {root: (-r, -r, r, r) for root, r in radii.items()}
    return separate(start, boxes, rounds=200)


def _spiral(ordered: list[str], radii: dict[str, float]) -> dict[str, Position]:
    """Largest cluster in the middle, the others outwards on a sunflower spiral."""
    step = 2.2 * max(radii.values())
    return {
        root: (
            step * math.sqrt(index) * math.cos(index * GOLDEN_ANGLE),
            step * math.sqrt(index) * math.sin(index * GOLDEN_ANGLE),
        )
        for index, root in enumerate(ordered)
    }
