"""The map page in headless Chromium: building it, opening it offline, and reading it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def build(run_cli: Any, source: Path, target: Path, *extra: str) -> Path:
    result = run_cli("map", source, "-o", target, *extra)
    assert result.exit_code == 0, result.output + result.stderr
    return target


def open_map(browser_page: Any, target: Path) -> Any:
    """Open offline, recording failed requests too (a blocked load is a failed request)."""
    failed: list[str] = []
    browser_page.page.on("requestfailed", lambda request: failed.append(request.url))
    page = browser_page.open(target)
    browser_page.failed = failed
    return page


def assert_clean(browser_page: Any) -> None:
    assert browser_page.console_errors == []
    assert browser_page.remote_requests == []
    assert browser_page.failed == []
    assert browser_page.dialogs == []


def node_ids(page: Any) -> set[str]:
    return set(page.evaluate("window.samverkan.nodes.getIds()"))


def drawn_nodes(page: Any) -> set[str]:
    return set(page.evaluate("window.samverkan.network.body.nodeIndices"))


def drawn_edges(page: Any) -> set[str]:
    return set(page.evaluate("window.samverkan.network.body.edgeIndices"))


def node_on_screen(page: Any, node_id: str) -> tuple[float, float]:
    """Where the node is drawn on the canvas, in page coordinates."""
    x, y = page.evaluate(
        """id => {
          const net = window.samverkan.network;
          const at = net.canvasToDOM(net.getPosition(id));
          const box = document.getElementById('map').getBoundingClientRect();
          return [box.left + at.x, box.top + at.y];
        }""",
        node_id,
    )
    return float(x), float(y)


def click_node(page: Any, node_id: str) -> None:
    """A real mouse click where the node is drawn on the canvas."""
    page.mouse.click(*node_on_screen(page, node_id))


def panel(page: Any) -> str:
    text: str = page.inner_text("#details-body")
    return text


LABEL_OVERLAPS = """() => {
  const net = window.samverkan.network;
  // only the labels drawn in this frame: at this zoom (vis-network leaves out those too
  // small to read) and in the view (a label out of it keeps the box it last had)
  const box = document.getElementById('map').getBoundingClientRect();
  const from = net.DOMtoCanvas({ x: 0, y: 0 });
  const to = net.DOMtoCanvas({ x: box.width, y: box.height });
  const inView = (node) => node.x >= from.x && node.x <= to.x && node.y >= from.y && node.y <= to.y;
  const drawn = (id) => net.body.nodes[id].labelModule.visible() && inView(net.body.nodes[id]);
  const boxes = net.body.nodeIndices.filter(drawn).map((id) => {
    const s = net.body.nodes[id].labelModule.size;
    return { id, l: s.left, t: s.top, r: s.left + s.width, b: s.top + s.height, w: s.width };
  }).filter((b) => b.w > 0);
  const hits = [];
  boxes.forEach((p, i) => boxes.slice(i + 1).forEach((q) => {
    if (p.l < q.r && q.l < p.r && p.t < q.b && q.t < p.b) hits.push([p.id, q.id]);
  }));
  return { labels: boxes.length, hits };
}"""

# The on-screen size (font size × view scale) of every label drawn, largest first.
LABEL_SIZES = """() => {
  const net = window.samverkan.network;
  const scale = net.getScale();
  return net.body.nodeIndices.map((id) => net.body.nodes[id])
    .filter((node) => node.labelModule.visible())
    .map((node) => [node.id, node.labelModule.fontOptions.size * scale])
    .sort((x, y) => y[1] - x[1]);
}"""


def labels_overlap_zoomed_in(page: Any, around: list[str]) -> list[list[str]]:
    """The labels that overlap at full zoom (scale 1) around each of these nodes."""
    hits: list[list[str]] = []
    for node_id in around:
        page.evaluate(
            "id => window.samverkan.network.moveTo({position: window.samverkan.network"
            ".getPosition(id), scale: 1, animation: false})",
            node_id,
        )
        for _ in range(3):  # the frame after a zoom sizes the important labels again
            page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r(0)))")
        hits += page.evaluate(LABEL_OVERLAPS)["hits"]
    return hits
