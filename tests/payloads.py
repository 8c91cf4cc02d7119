"""Hostile text for the safety tests and scripts/reliability_report.py.

XSS payloads set ``window.__xss`` (or open a dialog) if they ever run; formula payloads are
what OWASP lists for spreadsheet injection. `write_payload_project` puts every payload in
every text field of a map project: names, aliases, descriptions, municipalities, roles,
target groups, carriers, sources, events, gaps, ids, a sheet name, the file name and the title.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

XSS_PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    "<svg onload=window.__xss=1>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(2)>",
    "</script><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "</textarea><script>alert(3)</script>",
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<a href="javascript:window.__xss=1">klicka</a>',
    "javascript:window.__xss=1",
    "<details open ontoggle=window.__xss=1>",
    "<body onload=window.__xss=1>",
    "<style>*{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    "<base href=//evil.example/>",
    "{{ 7*7 }} ${window.__xss=1} #{7*7}",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "<!-- ]]> --><script>window.__xss=1</script>",
    "\u2028\u2029</script><script>window.__xss=1</script>",
    "'-alert(4)-'",
    '";window.__xss=1;//',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "__proto__",
    "constructor",
    "<input autofocus onfocus=window.__xss=1>",
]

FORMULA_PAYLOADS = [
    '=HYPERLINK("http://evil.example","klicka")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,1)",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]

FILE_PAYLOAD = "<img src=x onerror=window.__xss=1>"  # no '/', so it can be a file name
SHEET_PAYLOAD = "<svg onload=alert(1)>"  # Excel: at most 31 characters, no [ ] : * ? / \


def write_payload_project(folder: Path, payloads: list[str], title: str | None = None) -> Path:
    """A project folder whose one workbook carries every payload in every text field."""
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    name = FILE_PAYLOAD if os.name != "nt" else "nyttolast"
    path = folder / f"{name}.xlsx"
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet, rows in payload_sheets(payloads).items():
        worksheet = workbook.create_sheet(sheet)
        for row in rows:
            worksheet.append(row)
    workbook.create_sheet(SHEET_PAYLOAD).append(["Anteckning", payloads[0]])
    workbook.save(path)
    toml_title = (title or payloads[0]).replace("\\", "\\\\").replace('"', '\\"')
    (folder / "samverkan.toml").write_text(
        f'[projekt]\nnamn = "{toml_title}"\ndatum = 2017-06-01\n', encoding="utf-8"
    )
    return path


def actor_name(index: int, payload: str) -> str:
    return f"A{index} {payload}"


def listable(payload: str) -> str:
    """The payload as one item of a list cell, where ; and | separate items."""
    return payload.replace(";", ",").replace("|", "!")


def payload_sheets(payloads: list[str]) -> dict[str, list[list[Any]]]:
    n = len(payloads)
    sources = [["ID", "Titel", "Typ", "Roll", "Referens", "Beskrivning"]]
    actors = [["ID", "Namn", "Typ", "Tillhör", "Kommun", "Alias", "Källa", "Beskrivning"]]
    persons = [["Namn", "Roll", "Aktör", "Beskrivning"]]
    forums = [["Namn", "Nivå", "Medlemmar", "Möten per år", "Målgrupper", "Kommun", "Beskrivning"]]
    contacts = [
        [
            "ID",
            "Aktör A",
            "Aktör B",
            "Nivå",
            "Målgrupper",
            "Kvalitet",
            "Bärare",
            "Källa",
            "Beskrivning",
        ]
    ]
    groups = [["Namn", "Beskrivning"]]
    gaps = [["Typ", "Aktör", "Motpart", "Nivå", "Målgrupper", "Beskrivning"]]
    events = [["Datum", "Typ", "Aktör", "Beskrivning"]]
    for i, p in enumerate(payloads):
        me, other = actor_name(i, p), actor_name((i + 1) % n, payloads[(i + 1) % n])
        group, person = f"G{i} {listable(p)}", f"P{i} {listable(p)}"
        ids = f"id{i}; id{(i + 1) % n}"  # list cells refer by id: a name may hold a ;
        source = f"Intervju {i} {p}"
        sources.append(
            [f"s{i}", source, "intervju", f"roll {i} {p}", f"ref {i} {p}", f"källa {i} {p}"]
        )
        parent = actor_name(0, payloads[0]) if i else None
        actors.append(
            [
                f"id{i}",
                me,
                "kontor" if i else "myndighet",
                parent,
                f"M{i} {p}",
                f"alias{i} {listable(p)}",
                source,
                f"beskrivning {i} {p}",
            ]
        )
        persons.append([person, f"roll {i} {p}", me, f"person {i} {p}"])
        forums.append(
            [
                f"F{i} {p}",
                "strategisk",
                ids,
                1,
                group,
                f"M{i} {p}",
                f"forum {i} {p}",
            ]
        )
        contacts.append(
            [
                f"k{i}-{p}",
                me,
                other,
                "operativ",
                group,
                "svag",
                person,
                source,
                f"kontakt {i} {p}",
            ]
        )
        groups.append([group, f"målgrupp {i} {p}"])
        gaps.append(["önskemål", me, f"id{(i + 1) % n}", "strategisk", group, f"glapp {i} {p}"])
        events.append([f"2017-0{1 + i % 5}-1{i % 9}", "personalbyte", me, f"händelse {i} {p}"])
    return {
        "Källor": sources,
        "Aktörer": actors,
        "Personer": persons,
        "Forum": forums,
        "Kontakter": contacts,
        "Målgrupper": groups,
        "Glapp och önskemål": gaps,
        "Händelser": events,
    }
