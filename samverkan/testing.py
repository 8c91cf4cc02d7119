"""Test a plugin in-process, without installing it.

    from samverkan.testing import actor, contact, map_of, registered, run_cli

    def test_my_exporter_writes_the_map(tmp_path):
        with registered(my_plugin, "mitt"):
            result = run_cli("export", workbook, "--format", "mitt", "-o", tmp_path / "ut.txt")
        assert result.exit_code == 0, result.stderr

`registered` adds a plugin object (a module, or an object with `@hookimpl` methods) to the
plugins of this process for the duration of a ``with`` block, checked exactly like an
installed one. `map_of` builds a small map in code through the same merge the importers'
facts go through, so names in references resolve to ids. `run_rule` runs one rule with
settings checked by the core, and `run_cli` runs ``samverkan ARGS…`` and returns the exit code,
stdout and stderr apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from samverkan.contract import Analysis, Rule, RuleContext, Setting
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang
from samverkan.merge import build_map
from samverkan.model import Actor, Contact, Fact, Flag, Forum, Provenance, slugify
from samverkan.plugins import Plugins, get_plugins
from samverkan.settings import rule_setups

__all__ = [
    "CliResult",
    "actor",
    "analysis_of",
    "contact",
    "forum",
    "map_of",
    "registered",
    "run_cli",
    "run_rule",
]

ORIGIN_FILE = "test"


@contextmanager
def registered(plugin: object, name: str) -> Iterator[Plugins]:
    """`plugin` is installed for the block: the CLI and the pipeline see it."""
    plugins = get_plugins()
    plugins.register(plugin, name)
    try:
        yield plugins
    finally:
        plugins.unregister(name)


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str | Path) -> CliResult:
    """``samverkan ARGS…`` in this process. An exception that escapes the CLI is raised."""
    from samverkan.cli import build_cli  # the CLI imports every command; only when asked

    result = CliRunner().invoke(build_cli(), [str(a) for a in args], catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


ORIGIN = (Provenance(ORIGIN_FILE),)


def actor(name: str, **fields: Any) -> Actor:
    """An actor whose id is its name slugified: ``actor("Lomma kommun", kind=ActorKind…)``."""
    return Actor(id=fields.pop("id", slugify(name)), name=name, provenance=ORIGIN, **fields)


def forum(name: str, members: Iterable[str] = (), **fields: Any) -> Forum:
    """A forum; `members` by name or id."""
    forum_id = fields.pop("id", slugify(name))
    return Forum(id=forum_id, name=name, members=tuple(members), provenance=ORIGIN, **fields)


def contact(actor_a: str, actor_b: str, **fields: Any) -> Contact:
    """A contact between two actors named by name or id; pass `id` for a second one."""
    contact_id = fields.pop("id", f"{slugify(actor_a)}--{slugify(actor_b)}")
    return Contact(id=contact_id, actor_a=actor_a, actor_b=actor_b, provenance=ORIGIN, **fields)


def map_of(*facts: Fact, title: str = "Testkarta") -> SamverkanMap:
    """The merged map of `facts`; an AssertionError lists any problem the merge found."""
    outcome = build_map(list(facts), title)
    errors = [p.describe("en") for p in outcome.problems if p.is_error]
    if errors:
        raise AssertionError("the facts do not make a map:\n" + "\n".join(errors))
    return outcome.map


def run_rule(
    rule: Rule, samverkan_map: SamverkanMap, day: date | None = None, **settings: Setting
) -> list[Flag]:
    """`rule` on the map as of `day` (default: today), with settings checked as the core does."""
    when = day or date.today()
    (setup,) = rule_setups([rule], {rule.id: settings} if settings else {}, Path("samverkan.toml"))
    context = RuleContext(
        samverkan_map.as_of(when), samverkan_map, when, setup.settings, setup.severity
    )
    return list(rule.check(context))


def analysis_of(
    samverkan_map: SamverkanMap,
    flags: Iterable[Flag] = (),
    lang: Lang = "sv",
    day: date | None = None,
) -> Analysis:
    """What an exporter is given, for a map built in the test."""
    return Analysis(samverkan_map, list(flags), lang, day)
