"""The report's picture: the HTML map's placement, shapes, badges and legend, on paper."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from helpers import REFERENCE_MAP
from samverkanskartan.htmlmap.payload import build_payload
from samverkanskartan.report import render_html

from samverkan.pipeline import find_project, run_analysis
from samverkan.plugins import get_plugins

SVG = "{http://www.w3.org/2000/svg}"
pytestmark = pytest.mark.skipif(
    not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="the reference map is not built"
)


def centre(element: ET.Element) -> tuple[float, float]:
    if element.tag == SVG + "circle":
        return float(element.get("cx", 0)), float(element.get("cy", 0))
    if element.tag == SVG + "rect":
        width = float(element.get("width", 0))
        return float(element.get("x", 0)) + width / 2, float(element.get("y", 0)) + width / 2
    points = [tuple(map(float, p.split(","))) for p in element.get("points", "").split()]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


@pytest.fixture(scope="module")
def picture() -> tuple[ET.Element, dict[str, tuple[float, float]], str]:
    project = find_project([REFERENCE_MAP])
    analysis, _ = run_analysis(project, get_plugins(), "sv", None)
    page = render_html(analysis)
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    payload = build_payload(analysis)
    positions = {f["name"]: (f["x"], f["y"]) for f in [*payload["actors"], *payload["forums"]]}
    return ET.fromstring(svg), positions, page


def test_nodes_sit_where_the_html_map_puts_them(picture) -> None:
    svg, positions, _ = picture
    drawn = {
        e.findtext(SVG + "title"): centre(e)
        for e in svg.iter()
        if e.get("class") in ("actor", "forum")
    }
    assert len(drawn) > 40
    names = sorted(drawn, key=lambda n: positions[n][0])
    west, east = names[0], names[-1]
    unit = (positions[east][0] - positions[west][0]) / (drawn[east][0] - drawn[west][0])
    # One scale and shift for all: the same layout. (2 px: a triangle's box centre is 1.4 px
    # off its node's centre; a node is 14 px across.)
    for name, (x, y) in drawn.items():
        assert abs((positions[name][0] - positions[west][0]) / unit - (x - drawn[west][0])) < 2
        assert abs((positions[name][1] - positions[west][1]) / unit - (y - drawn[west][1])) < 2


def test_kinds_have_the_maps_shapes_and_flags_its_badges(picture) -> None:
    svg, _, page = picture
    shapes = {e.tag.removeprefix(SVG) for e in svg.iter() if e.get("class") == "actor"}
    assert {"circle", "rect", "polygon"} <= shapes
    badges = [e.findtext(f"{SVG}text") for e in svg.iter() if e.get("class") == "badge"]
    assert badges.count("!!!") >= 4  # three high flags and the legend's own
    assert {"!!", "!"} <= set(badges)
    legend = " ".join(t.text or "" for t in svg.iter(SVG + "text"))
    for entry in (
        "Teckenförklaring",
        "kommun",
        "myndighet",
        "Forum (mötesarena)",
        "strategisk",
        "operativ",
        "Deltar i forum",
        "hög (fynd)",
        "låg (fynd)",
    ):
        assert entry in legend
    assert "Röd kant" not in page and "Märket !!! (hög)" in page


def test_names_are_readable_and_never_overlap(picture) -> None:
    svg, _, _ = picture
    labels = [t for t in svg.iter(SVG + "text") if t.get("paint-order") == "stroke"]
    assert len(labels) > 10
    assert {t.get("font-size") for t in labels} == {"12"}
    assert any("Kävlinge kommun" in "".join(t.itertext()) for t in labels)


def test_a_long_name_low_on_the_map_stays_above_the_legend_and_inside_the_picture(
    run_cli, tmp_path
) -> None:
    """A name of twelve lines under the lowest node ran into the legend, and one long word
    ran out of the picture's right edge; the first now has room, the second is left out."""
    import json

    long = "Förvaltningen för arbetsmarknad, vuxenutbildning och integration i Överkalix"
    long += " kommuns nordöstra delområde med särskilt ansvar för unga vuxna"
    source = tmp_path / "karta.json"
    actors = [
        {"id": "a", "name": long, "kind": "kommun"},
        {"id": "b", "name": "AF " + long, "kind": "myndighet"},
        {"id": "c", "name": "X" * 120, "kind": "enhet", "parent": "a"},
    ]
    contacts = [{"id": "c1", "actor_a": "a", "actor_b": "b", "level": "operativ"}]
    data = {"schema": "samverkanskartan/2", "actors": actors, "contacts": contacts}
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "rapport.html"
    assert run_cli("export", source, "-f", "report-html", "-o", target).exit_code == 0
    page = target.read_text(encoding="utf-8")
    svg = ET.fromstring(page[page.index("<svg") : page.index("</svg>") + len("</svg>")])
    width = float(svg.get("viewBox", "").split()[2])
    legend = next(g for g in svg.iter(SVG + "g") if "translate" in g.get("transform", ""))
    legend_top = float(legend.get("transform", "").split(",")[1].rstrip(")"))
    labels = [t for t in svg.iter(SVG + "text") if t.get("paint-order") == "stroke"]
    for label in labels:
        lines = len(list(label.iter(SVG + "tspan")))
        bottom = float(label.get("y", 0)) + (lines - 1) * 14.4  # LINE_HEIGHT at LABEL_PX
        assert bottom < legend_top, "".join(label.itertext())
        longest = max(len(s.text or "") for s in label.iter(SVG + "tspan"))
        assert float(label.get("x", 0)) + longest * 3.5 <= width  # half the width at ~7 px
    texts = [" ".join(s.text or "" for s in t.iter(SVG + "tspan")) for t in labels]
    assert any(t.startswith("AF Förvaltningen") for t in texts)  # the lowest node keeps its name
    assert not any("XXXX" in t for t in texts)
