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


def click_node(page: Any, node_id: str) -> None:
    """A real mouse click where the node is drawn on the canvas."""
    x, y = page.evaluate(
        """id => {
          const net = window.samverkan.network;
          const at = net.canvasToDOM(net.getPosition(id));
          const box = document.getElementById('map').getBoundingClientRect();
          return [box.left + at.x, box.top + at.y];
        }""",
        node_id,
    )
    page.mouse.click(x, y)


def panel(page: Any) -> str:
    text: str = page.inner_text("#details-body")
    return text


LABEL_OVERLAPS = """() => {
  const net = window.samverkan.network;
  const boxes = net.body.nodeIndices.map((id) => {
    const s = net.body.nodes[id].labelModule.size;
    return { id, l: s.left, t: s.top, r: s.left + s.width, b: s.top + s.height, w: s.width };
  }).filter((b) => b.w > 0);
  const hits = [];
  boxes.forEach((p, i) => boxes.slice(i + 1).forEach((q) => {
    if (p.l < q.r && q.l < p.r && p.t < q.b && q.t < p.b) hits.push([p.id, q.id]);
  }));
  return { labels: boxes.length, hits };
}"""
