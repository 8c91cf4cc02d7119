"""The pipeline a user would otherwise write: openpyxl → networkx → pyvis, as in the tutorials.

    python benchmarks/naive.py OUT.html WORKBOOK.xlsx …

Prints one JSON line with the time of each step. Everything is pyvis's default except
``cdn_resources="in_line"``: the other modes load vis-network from a CDN, and neither this
machine nor a steering group's locked-down PC can reach one — the page would never draw.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def _rows(workbook: Any, title: str) -> list[dict[str, Any]]:
    """A sheet's rows as dicts by header — how a user reads a sheet they know."""
    if title not in workbook.sheetnames:
        return []
    rows = workbook[title].iter_rows(values_only=True)
    header = [str(h) if h is not None else "" for h in next(rows, ())]
    return [dict(zip(header, row, strict=False)) for row in rows if any(v is not None for v in row)]


def _split(value: Any) -> list[str]:
    return [p.strip() for p in str(value or "").split(";") if p.strip()]


def interview_graph(sheets: dict[str, list[dict[str, Any]]]) -> Any:
    """Our interview workbooks: actors by name or alias, forums with their members."""
    import networkx as nx

    names: dict[str, str] = {}  # every name and alias, as typed, -> the actor's name
    for row in sheets["Aktörer"]:
        for alias in [row["Namn"], *_split(row.get("Alias"))]:
            names[" ".join(str(alias).split()).casefold()] = row["Namn"]

    def actor(value: Any) -> str:
        return names.get(" ".join(str(value).split()).casefold(), str(value))

    graph = nx.Graph()
    for row in sheets["Aktörer"]:
        graph.add_node(row["Namn"], title=f"{row['Namn']} ({row['Typ']})", group=row["Typ"])
    for row in sheets["Forum"]:
        graph.add_node(row["Namn"], title=row["Namn"], group="forum", shape="diamond")
        for member in _split(row["Medlemmar"]):
            graph.add_edge(row["Namn"], actor(member))
    for row in sheets["Kontakter"]:
        graph.add_edge(actor(row["Aktör A"]), actor(row["Aktör B"]), title=row["Nivå"])
    return graph


def kumu_graph(sheets: dict[str, list[dict[str, Any]]]) -> Any:
    """A Kumu workbook as Kumu's guide shows it: elements by Label, connections From → To."""
    import networkx as nx

    graph = nx.Graph()
    for row in sheets["Elements"]:
        graph.add_node(row["Label"], title=f"{row['Label']} ({row['Type']})", group=row["Type"])
    for row in sheets["Connections"]:
        graph.add_edge(row["From"], row["To"], title=row["Type"])
    return graph


def main(argv: list[str]) -> int:
    out, files = Path(argv[0]), [Path(a) for a in argv[1:]]
    times: dict[str, float] = {}
    start = time.perf_counter()
    import networkx  # noqa: F401  (its import is part of the naive pipeline's time)
    import openpyxl
    from pyvis.network import Network

    times["imports"] = time.perf_counter() - start

    mark = time.perf_counter()
    books = [openpyxl.load_workbook(path) for path in files]  # normal mode, the default
    titles = ("Aktörer", "Forum", "Kontakter", "Elements", "Connections")
    sheets = {title: [row for book in books for row in _rows(book, title)] for title in titles}
    times["read"] = time.perf_counter() - mark

    mark = time.perf_counter()
    graph = kumu_graph(sheets) if sheets["Elements"] else interview_graph(sheets)
    times["graph"] = time.perf_counter() - mark

    mark = time.perf_counter()
    net = Network(cdn_resources="in_line")
    net.from_nx(graph)
    times["from_nx"] = time.perf_counter() - mark

    mark = time.perf_counter()
    net.write_html(str(out), notebook=False)
    times["write_html"] = time.perf_counter() - mark
    times["nodes"] = graph.number_of_nodes()
    times["edges"] = graph.number_of_edges()
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
