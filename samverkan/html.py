"""HTML templates for exporters: one Jinja environment per template folder, autoescaped
(every text in the map is user input) and strict (a missing value is an error, not blank)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


@cache
def template(folder: Path, name: str) -> Any:
    """The template `name` in `folder`, loaded once per process."""
    import jinja2  # only the exporters that write HTML pay for importing it

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return environment.get_template(name)
