"""`samverkan plugin new NAME`: a plugin package to start from, whose tests pass as written.

The package has an exporter and a rule, tests that use `samverkan.testing` (they run
without installing the package: ``pythonpath = ["src"]``), and the entry point that makes
an installed copy a plugin.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

from samverkan import __version__
from samverkan.errors import SamverkanError
from samverkan.i18n import _
from samverkan.io import atomic_write

NAME = re.compile(r"[a-z][a-z0-9-]*[a-z0-9]|[a-z]")

PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "$package"
version = "0.1.0"
description = "Samverkanskartan-tillägg: $name"
requires-python = ">=3.11"
dependencies = ["samverkanskartan>=$version"]

[project.optional-dependencies]
test = ["pytest>=8"]

# This is what makes it a plugin: the entry-point group `samverkan`.
[project.entry-points.samverkan]
$name = "$module"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
"*" = ["py.typed", "locale/*/LC_MESSAGES/*.po"]

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["src"]  # the tests run before the package is installed
"""

README = """\
# $package

Ett tillägg till Samverkanskartan: formatet `$name` (aktörerna, en per rad) och regeln
`$name-few-contacts`.

    pip install -e ".[test]"   # tillägget blir installerat och syns i `samverkan plugins`
    pytest                     # testerna körs även utan installation

Se docs/plugins.md i Samverkanskartan för kontraktet och varje krok.
"""

PLUGIN = '''\
"""Samverkanskartan plugin $name: an exporter and a rule to start from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from samverkan import hookimpl
from samverkan.contract import Analysis, Exporter, Rule, RuleContext
from samverkan.i18n import Domain
from samverkan.io import atomic_write
from samverkan.model import Flag, Severity

# The plugin's own texts: English ids here, Swedish in locale/sv/LC_MESSAGES/$module.po.
TEXTS = Domain("$module", Path(__file__).parent / "locale")
_, ngettext = TEXTS.gettext, TEXTS.ngettext


class ActorListExporter:
    """The actors of the map as it stood on the analysis day, one per line."""

    format = "$name"
    suffix = ".txt"
    description = _("The actors, one per line")

    def export(self, analysis: Analysis, target: Path) -> None:
        # analysis.map is the whole history; the day's map is asked for.
        current = analysis.current
        names = sorted(actor.name for actor in current.actors())
        atomic_write(target, "".join(name + "\\n" for name in names))


class FewContactsRule:
    """An actor with fewer contacts than `min_contacts`."""

    id = "$name-few-contacts"
    title = _("Few contacts")
    severity = Severity.LOW
    defaults = {"min_contacts": 1}

    def check(self, context: RuleContext) -> Iterator[Flag]:
        least = int(context.settings["min_contacts"])
        for actor in context.map.actors():
            if len(context.map.contacts_of(actor.id)) < least:
                yield Flag(
                    rule=self.id,
                    severity=context.severity,
                    title=self.title,
                    explanation=ngettext(
                        "{name} has fewer than {n} contact.",
                        "{name} has fewer than {n} contacts.",
                        least,
                    ).format(name=actor.name),
                    actors=(actor.id,),
                )


@hookimpl
def samverkan_exporters() -> list[Exporter]:
    return [ActorListExporter()]


@hookimpl
def samverkan_rules() -> list[Rule]:
    return [FewContactsRule()]
'''

CATALOGUE = """\
# $module: Swedish texts (docs/i18n.md in Samverkanskartan). English is the msgid.
msgid ""
msgstr ""
"Language: sv\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "The actors, one per line"
msgstr "Aktörerna, en per rad"

msgid "Few contacts"
msgstr "Få kontakter"

msgid "{name} has fewer than {n} contact."
msgid_plural "{name} has fewer than {n} contacts."
msgstr[0] "{name} har färre än {n} kontakt."
msgstr[1] "{name} har färre än {n} kontakter."
"""

TESTS = '''\
"""The plugin tested in-process with samverkan.testing: no installation needed."""

from __future__ import annotations

from pathlib import Path

import $module as plugin
from samverkan.graph import SamverkanMap
from samverkan.testing import actor, analysis_of, contact, map_of, registered, run_cli, run_rule


def small_map() -> SamverkanMap:
    return map_of(
        actor("Lomma kommun"),
        actor("Arbetsförmedlingen"),
        actor("Försäkringskassan"),
        contact("Lomma kommun", "Arbetsförmedlingen"),
    )


def test_the_exporter_writes_one_actor_per_line(tmp_path: Path) -> None:
    target = tmp_path / "aktorer.txt"
    plugin.ActorListExporter().export(analysis_of(small_map()), target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines == ["Arbetsförmedlingen", "Försäkringskassan", "Lomma kommun"]


def test_the_rule_flags_the_actor_without_contacts() -> None:
    flags = run_rule(plugin.FewContactsRule(), small_map())
    assert [flag.actors for flag in flags] == [("forsakringskassan",)]
    assert "Försäkringskassan har färre än 1 kontakt." == flags[0].explanation.text("sv")
    assert run_rule(plugin.FewContactsRule(), small_map(), min_contacts=0) == []


def test_the_cli_lists_what_the_plugin_adds() -> None:
    with registered(plugin, "$name"):
        result = run_cli("plugins")
    assert result.exit_code == 0, result.stderr
    assert "format: $name" in result.stdout
    assert "regler: $name-few-contacts" in result.stdout
'''


def write_starter(name: str, folder: Path | None = None) -> list[Path]:
    """Write the package for plugin `name` (lower case, digits, '-') into `folder`."""
    if not NAME.fullmatch(name):
        raise SamverkanError(
            _("'{name}' will not do as a plugin name: lower-case a–z, digits and '-'.").format(
                name=name
            )
        )
    package, module = f"samverkan-{name}", "samverkan_" + name.replace("-", "_")
    folder = folder or Path(package)
    if folder.exists() and any(folder.iterdir()):
        raise SamverkanError(_("The folder exists and is not empty: {p}").format(p=folder))
    values = {"name": name, "package": package, "module": module, "version": __version__}
    files = {
        folder / "pyproject.toml": PYPROJECT,
        folder / "README.md": README,
        folder / "src" / module / "__init__.py": PLUGIN,
        folder / "src" / module / "py.typed": "",
        folder / "src" / module / "locale" / "sv" / "LC_MESSAGES" / f"{module}.po": CATALOGUE,
        folder / "tests" / f"test_{module}.py": TESTS,
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, Template(text).substitute(values))
    return list(files)
