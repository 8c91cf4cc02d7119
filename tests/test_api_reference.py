"""docs/api.md is generated from the code: it names every fact class and stays in sync."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from helpers import ROOT

from samverkan import model
from samverkan.graph import SamverkanMap

PAGE = ROOT / "docs" / "api.md"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "api_reference", ROOT / "scripts" / "api_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_page_is_up_to_date() -> None:
    assert PAGE.read_text(encoding="utf-8") == generator().render(), (
        "docs/api.md is out of date: run python scripts/api_reference.py"
    )


def test_the_page_covers_the_map_the_analysis_and_every_fact() -> None:
    text = PAGE.read_text(encoding="utf-8")
    facts = [c for c in vars(model).values() if isinstance(c, type) and issubclass(c, model.Fact)]
    assert len(facts) >= 9
    for cls in [*facts, SamverkanMap, model.Flag]:
        assert f"## `{cls.__name__}`" in text, cls.__name__
    assert "## `Analysis` (samverkan.contract)" in text
    assert "- `as_of(day: date) -> SamverkanMap`" in text
    assert "| `actor_a` | `str` | required |" in text
    assert "(api.md)" in (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
