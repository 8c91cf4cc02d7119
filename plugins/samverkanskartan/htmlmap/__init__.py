"""Built-in plugin: the interactive HTML map, one self-contained file that works offline.

pyvis's own template loads Bootstrap from a CDN in every mode and has script-injection holes,
and its `from_nx` is quadratic; we use only the vis-network build that pyvis ships, behind
our own autoescaping template, with every script pinned by hash in a Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import Any

from samverkan import __version__, hookimpl
from samverkan.contract import MAP_ROLE, Analysis, Exporter
from samverkan.html import template
from samverkan.i18n import _
from samverkan.io import atomic_write
from samverkanskartan.htmlmap.payload import build_payload, split_payload

HERE = Path(__file__).parent
VIS_VERSION = "vis-9.1.2"


class HtmlMapExporter:
    format = "html"
    role = MAP_ROLE
    suffix = ".html"
    description = _("Interactive map in one self-contained HTML file (works offline)")

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, render(build_payload(analysis)))


def render(payload: dict[str, Any]) -> str:
    scripts = {
        "vis_js": _vis_script(),
        "map_js": _asset_text(HERE / "map.js"),
    }
    # What the first draw does not need goes in a second block, parsed after that draw;
    # the simulations' findings in a third, parsed when the reader simulates a loss.
    first, late = split_payload(payload)
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_hash(s) for s in scripts.values()),
            "style-src 'unsafe-inline'",  # vis-network styles its elements at run time
            "img-src data: blob:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    html: str = template(HERE, "template.html").render(
        **payload,
        **scripts,
        data_json=script_safe_json(first),
        late_json=script_safe_json(late),
        whatif_json=script_safe_json(payload["whatif"]),
        csp=csp,
        version=__version__,
        event_count=len(payload["events"]),
        map_css=_asset_text(HERE / "map.css"),
    )
    return html


def script_safe_json(value: Any) -> str:
    """JSON that cannot end its <script> element: <, > and & become \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@cache
def _asset_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _vis_script() -> str:
    """vis-network without its source-map comment: a browser's developer tools would fetch it."""
    text = _asset_text(_vis_dir() / "vis-network.min.js")
    return "\n".join(
        # split("\n"), not splitlines(): the script has U+2028 inside string literals.
        line
        for line in text.split("\n")
        if not line.startswith("//# sourceMappingURL=")
    )


def _vis_dir() -> Path:
    """pyvis's bundled vis-network, found without importing pyvis (which pulls in IPython)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise RuntimeError("pyvis is not installed")
    return Path(spec.origin).parent / "templates" / "lib" / VIS_VERSION


@hookimpl
def samverkan_exporters() -> list[Exporter]:
    return [HtmlMapExporter()]
