"""The project file, samverkan.toml: title, inputs, output folder, language, rule settings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from samverkan.contract import Setting
from samverkan.errors import Location, SamverkanError
from samverkan.findings import MOST_IMPORTANT
from samverkan.i18n import LANGS, Lang, Msg

CONFIG_NAME = "samverkan.toml"


@dataclass(frozen=True)
class ProjectConfig:
    root: Path
    title: str = ""
    inputs: tuple[str, ...] = ("*.xlsx",)
    output: str = "utdata"
    lang: Lang | None = None
    day: date | None = None
    rules: dict[str, dict[str, Setting]] = field(default_factory=dict)
    # How many findings "Viktigast att ta upp" lists: [rapport] viktigast = 7.
    most_important: int = MOST_IMPORTANT

    @property
    def output_dir(self) -> Path:
        return self.root / self.output


def load_config(root: Path) -> ProjectConfig:
    """The project's settings; a folder without samverkan.toml gets the defaults."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return ProjectConfig(root=root, title=root.resolve().name)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SamverkanError(
            Msg(
                "Projektfilen går inte att läsa: {e}", "The project file cannot be read: {e}"
            ).format(e=error),
            Location(str(path)),
        ) from error
    project = _table(data, "projekt", path)
    lang = project.get("språk")
    if lang is not None and lang not in LANGS:
        raise SamverkanError(BAD_VALUE.format(key="språk", allowed="sv, en"), Location(str(path)))
    return ProjectConfig(
        root=root,
        title=str(project.get("namn", root.resolve().name)),
        inputs=tuple(project.get("indata", ("*.xlsx",))),
        output=str(project.get("utdata", "utdata")),
        lang=cast(Lang | None, lang),
        day=_date(project.get("datum"), path),
        rules={key: dict(value) for key, value in _table(data, "regler", path).items()},
        most_important=_count(_table(data, "rapport", path).get("viktigast"), path),
    )


def _count(value: object, path: Path) -> int:
    if value is None:
        return MOST_IMPORTANT
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise SamverkanError(
        BAD_VALUE.format(key="viktigast", allowed="ett heltal från 1"), Location(str(path))
    )


def _table(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise SamverkanError(
            Msg("[{key}] ska vara en tabell", "[{key}] must be a table").format(key=key),
            Location(str(path)),
        )
    return value


def _date(value: object, path: Path) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise SamverkanError(BAD_VALUE.format(key="datum", allowed="ÅÅÅÅ-MM-DD"), Location(str(path)))


BAD_VALUE = Msg(
    "ogiltigt värde för '{key}' (tillåtet: {allowed})",
    "invalid value for '{key}' (allowed: {allowed})",
)


def config_template(title: str, lang: Lang) -> str:
    return f'''# Samverkanskartan – projektfil. Se docs/workbook.md och docs/rules.md.
[projekt]
namn = "{title}"
"språk" = "{lang}"        # sv eller en (nyckeln står inom citattecken: å är inte tillåtet utan)
indata = ["*.xlsx"]     # arbetsböcker som läses, relativt till den här mappen
utdata = "utdata"       # här skrivs kartan och rapporten
# datum = 2017-04-30    # analysdatum; utelämnat = i dag

# [rapport]
# viktigast = 7         # antal fynd under "Viktigast att ta upp"

# Trösklar och allvarlighet per regel, till exempel:
# [regler.infrequent-or-dormant-forum]
# min_per_year = 2
'''
