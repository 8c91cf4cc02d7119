"""What the exporter writes into the page: title, languages, lean data, safe JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from samverkan_htmlmap import render, script_safe_json
from samverkan_htmlmap.payload import UI, build_payload
from test_htmlmap_layout import national_map, reference_like_map

from samverkan.contract import Analysis


@pytest.mark.parametrize(
    ("lang", "title"), [("sv", "Samverkanskarta"), ("en", "Collaboration map")]
)
def test_a_map_without_title_gets_a_default_one(lang: str, title: str) -> None:
    samverkan_map = reference_like_map()
    samverkan_map.title = ""
    payload = build_payload(Analysis(samverkan_map, [], lang, date(2017, 4, 30)))  # type: ignore[arg-type]
    assert payload["title"] == title
    assert f"<title>{title}</title>" in render(payload)


def test_every_interface_text_exists_in_both_languages() -> None:
    for key, msg in UI.items():
        assert msg.sv.strip() and msg.en.strip(), key
    differing = [k for k, m in UI.items() if m.sv != m.en]
    assert len(differing) > len(UI) * 0.9


def test_json_in_the_page_cannot_close_its_script_element() -> None:
    text = script_safe_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


def test_a_national_map_stays_lean(tmp_path: Path) -> None:
    samverkan_map = national_map(2000)
    payload = build_payload(Analysis(samverkan_map, [], "sv", date(2017, 4, 30)))
    size = len(script_safe_json(payload).encode("utf-8"))
    facts = len(payload["actors"]) + len(payload["forums"]) + len(payload["contacts"])
    assert len(payload["contacts"]) == 4000
    assert size / facts < 120  # bytes per fact: references are indexes, empty fields left out
    contact = payload["contacts"][0]
    assert isinstance(contact["a"], int) and isinstance(contact["b"], int)
