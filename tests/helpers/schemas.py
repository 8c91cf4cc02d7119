"""Validity checks for the graph exports: GEXF against the vendored GEXF 1.3 grammar, GraphML
against what the GraphML schema requires of ids and keys (tests/data/schemas/README.md)."""

from __future__ import annotations

import re
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"
GEXF_NS = {"g": "http://gexf.net/1.3"}
GRAPHML_NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
# XML NameChar (the characters an NMTOKEN is made of), as far as these files need it.
NMTOKEN = re.compile(r"^[\w.\-:\u00b7]+$")
GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}


def gexf_errors(path: Path) -> list[str]:
    from lxml import etree

    grammar = etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.rng")))
    valid = grammar.validate(etree.parse(str(path)))
    return [] if valid else [str(error) for error in grammar.error_log]


def graphml_errors(path: Path) -> list[str]:
    """What the GraphML schema demands and our files could break (see the README)."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    errors = []
    keys = root.findall("g:key", GRAPHML_NS)
    for key in keys:
        for attribute in ("id", "attr.name"):
            if not NMTOKEN.match(key.get(attribute, "")):
                errors.append(f"key {attribute} {key.get(attribute)!r} is no NMTOKEN")
        if key.get("attr.type") not in GRAPHML_TYPES:
            errors.append(f"key {key.get('id')} has type {key.get('attr.type')!r}")
    key_ids = [key.get("id") for key in keys]
    if len(set(key_ids)) != len(key_ids):
        errors.append("key ids repeat")
    nodes = [node.get("id", "") for node in root.iter(GRAPHML + "node")]
    edges = list(root.iter(GRAPHML + "edge"))
    for value in [*nodes, *(e.get("id", "") for e in edges)]:
        if not NMTOKEN.match(value):
            errors.append(f"id {value!r} is no NMTOKEN")
    for edge in edges:
        if edge.get("source") not in nodes or edge.get("target") not in nodes:
            errors.append(f"edge {edge.get('id')} ends outside the graph")
    if len({e.get("id") for e in edges}) != len(edges):
        errors.append("edge ids repeat")
    errors += [
        f"data key {data.get('key')!r} is not declared"
        for data in root.iter(GRAPHML + "data")
        if data.get("key") not in key_ids
    ]
    return errors
